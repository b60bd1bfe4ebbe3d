/*
 * Unit tests for fix.c: which fix-its pblint_fix_apply() takes, the fixed
 * text, and the unified diff of pblint_fix_write_diff() (the expected diffs
 * are what GNU diff -U3 prints for the same two texts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------ fixtures */

/* A result over bytes decoded as the library does, with no model. */
static pblint_result *make(const char *name, const char *bytes, size_t len)
{
    pblint_result *res = calloc(1, sizeof *res);
    pblint_doc *doc = calloc(1, sizeof *doc);
    assert_non_null(res);
    assert_non_null(doc);
    res->doc = doc;
    char err[256];
    assert_int_equal(pb_source_decode(&doc->src, name, bytes, len, err, sizeof err), 0);
    return res;
}

static pblint_result *make_str(const char *text)
{
    return make("f.txt", text, strlen(text));
}

static pblint_span sp(uint32_t start, uint32_t end)
{
    pblint_span s = {start, end};
    return s;
}

static pblint_diag *add(pblint_result *res, const char *rule, uint32_t start, uint32_t end,
                        const char *fmt, ...) PBLINT_PRINTF(5, 6);
static pblint_diag *add(pblint_result *res, const char *rule, uint32_t start, uint32_t end,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pblint_diag *d = pb_diag_new(res, rule, PBLINT_SEV_WARNING, sp(start, end), fmt, ap);
    va_end(ap);
    assert_non_null(d);
    return d;
}

static void fixit(pblint_diag *d, uint32_t start, uint32_t end, const char *text)
{
    assert_int_equal(pblint_diag_add_fixit(d, sp(start, end), text), 0);
}

/* A context with two rules, "t/fix" flagged fixable and "t/nofix" not. */
typedef struct test_ctx {
    pblint_ctx ctx;
    pb_rule rules[2];
    pb_plugin plugin;
} test_ctx;

static pblint_ctx *make_ctx(test_ctx *t)
{
    memset(t, 0, sizeof *t);
    t->plugin.path = (char *)"(test)";
    t->plugin.name = (char *)"t";
    t->rules[0].id = (char *)"t/fix";
    t->rules[0].plugin = "t";
    t->rules[0].flags = PBLINT_RULE_FIXABLE;
    t->rules[1].id = (char *)"t/nofix";
    t->rules[1].plugin = "t";
    t->ctx.rules = t->rules;
    t->ctx.nrules = 2;
    t->ctx.plugins = &t->plugin;
    t->ctx.nplugins = 1;
    return &t->ctx;
}

static pblint_fix *apply(pblint_ctx *ctx, pblint_result *res)
{
    pb_result_sort(res);
    pblint_fix *fx = NULL;
    assert_int_equal(pblint_fix_apply(ctx, res, &fx), 0);
    assert_non_null(fx);
    return fx;
}

static void expect_text(const pblint_fix *fx, const char *want)
{
    size_t len = 0;
    const char *got = pblint_fix_text(fx, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
}

static char *diff_of(const pblint_fix *fx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(pblint_fix_write_diff(fx, f), 0);
    fclose(f);
    return buf;
}

static void expect_diff(const pblint_fix *fx, const char *want)
{
    char *got = diff_of(fx);
    assert_string_equal(got, want);
    free(got);
}

/* Applies one fixable diagnostic replacing [s, e) of text with repl. */
static void expect_edit_diff(const char *text, uint32_t s, uint32_t e, const char *repl,
                             const char *want)
{
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str(text);
    fixit(add(res, "t/fix", s, e, "x"), s, e, repl);
    pblint_fix *fx = apply(ctx, res);
    expect_diff(fx, want);
    pblint_fix_free(fx);
    pblint_result_free(res);
}

/* --------------------------------------------------------------- taking */

static void test_only_fixable_rules(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str("ab cd\nef\n");
    pblint_diag *keep = add(res, "t/fix", 3, 5, "fixable");
    fixit(keep, 3, 5, "XY");
    fixit(add(res, "t/nofix", 0, 2, "not fixable"), 0, 2, "zz");
    fixit(add(res, "t/unknown", 6, 8, "no such rule"), 6, 8, "??");
    pblint_diag *end = add(res, "t/fix", 9, 9, "insert at the end");
    fixit(end, 9, 9, "end\n");
    add(res, "t/fix", 0, 1, "no fix-it");
    pblint_fix *fx = apply(ctx, res);
    expect_text(fx, "ab XY\nef\nend\n");
    assert_true(pblint_fix_changed(fx));
    assert_int_equal(pblint_fix_applied_count(fx), 2);
    assert_ptr_equal(pblint_fix_applied(fx, 0), keep);
    assert_ptr_equal(pblint_fix_applied(fx, 1), end);
    assert_null(pblint_fix_applied(fx, 2));
    assert_int_equal(pblint_fix_dropped_count(fx), 0);
    pblint_fix_free(fx);
    pblint_result_free(res);
}

static void test_overlaps(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str("abcdefgh");
    /* in diagnostic order (by span): A, E, B, C, D, F */
    pblint_diag *a = add(res, "t/fix", 0, 3, "a");
    fixit(a, 0, 3, "1");
    pblint_diag *e = add(res, "t/fix", 1, 1, "e");
    fixit(e, 1, 1, "E"); /* inserts inside A's span */
    pblint_diag *b = add(res, "t/fix", 2, 5, "b");
    fixit(b, 2, 5, "2"); /* shares byte 2 with A */
    pblint_diag *c = add(res, "t/fix", 3, 3, "c");
    fixit(c, 3, 3, "C"); /* at A's end: no conflict, goes after it */
    pblint_diag *d = add(res, "t/fix", 3, 3, "d");
    fixit(d, 3, 3, "D"); /* inserts where C does */
    pblint_diag *f = add(res, "t/fix", 4, 4, "f");
    fixit(f, 0, 3, "1"); /* A's edit again: applied once, no conflict */
    fixit(f, 6, 6, "F");
    pblint_fix *fx = apply(ctx, res);
    expect_text(fx, "1CdefFgh");
    assert_int_equal(pblint_fix_applied_count(fx), 3);
    assert_ptr_equal(pblint_fix_applied(fx, 0), a);
    assert_ptr_equal(pblint_fix_applied(fx, 1), c);
    assert_ptr_equal(pblint_fix_applied(fx, 2), f);
    assert_int_equal(pblint_fix_dropped_count(fx), 3);
    const pblint_diag *over = NULL;
    assert_ptr_equal(pblint_fix_dropped(fx, 0, &over), e);
    assert_ptr_equal(over, a);
    assert_ptr_equal(pblint_fix_dropped(fx, 1, &over), b);
    assert_ptr_equal(over, a);
    assert_ptr_equal(pblint_fix_dropped(fx, 2, &over), d);
    assert_ptr_equal(over, c);
    assert_null(pblint_fix_dropped(fx, 3, &over));
    assert_null(over);
    pblint_fix_free(fx);
    pblint_result_free(res);
}

/* All of a diagnostic's edits, or none: one conflicting edit drops the
 * others too.  Two insertions of one diagnostic at one offset keep their
 * order. */
static void test_all_or_nothing(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str("0123456789");
    fixit(add(res, "t/fix", 0, 1, "first"), 4, 6, "X");
    pblint_diag *two = add(res, "t/fix", 1, 2, "second");
    fixit(two, 0, 1, "A"); /* free */
    fixit(two, 5, 5, "B"); /* inside 4..6: drops the diagnostic */
    pblint_diag *ins = add(res, "t/fix", 8, 8, "third");
    fixit(ins, 8, 8, "p");
    fixit(ins, 8, 8, "q");
    pblint_fix *fx = apply(ctx, res);
    expect_text(fx, "0123X67pq89");
    assert_int_equal(pblint_fix_applied_count(fx), 2);
    assert_int_equal(pblint_fix_dropped_count(fx), 1);
    assert_ptr_equal(pblint_fix_dropped(fx, 0, NULL), two);
    pblint_fix_free(fx);
    pblint_result_free(res);
}

static void test_nothing_to_change(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str("same\n");
    fixit(add(res, "t/fix", 0, 4, "identity"), 0, 4, "same");
    pblint_fix *fx = apply(ctx, res);
    expect_text(fx, "same\n");
    assert_false(pblint_fix_changed(fx));
    assert_int_equal(pblint_fix_applied_count(fx), 1);
    char *d = diff_of(fx);
    assert_true(d == NULL || d[0] == '\0');
    free(d);
    pblint_fix_free(fx);
    pblint_result_free(res);

    res = make_str("");
    fx = apply(ctx, res);
    expect_text(fx, "");
    assert_false(pblint_fix_changed(fx));
    pblint_fix_free(fx);
    pblint_result_free(res);
}

static void test_bom_kept(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    const char bytes[] = "\xef\xbb\xbf"
                         "a:b\n";
    pblint_result *res = make("bom.txt", bytes, sizeof bytes - 1);
    assert_string_equal(pblint_doc_encoding(res->doc), "UTF-8 (BOM)");
    /* offsets are into the decoded text: the colon is byte 1 */
    fixit(add(res, "t/fix", 1, 2, "colon"), 1, 2, "\xef\xbc\x9a");
    pblint_fix *fx = apply(ctx, res);
    expect_text(fx, "\xef\xbb\xbf"
                    "a\xef\xbc\x9a"
                    "b\n");
    expect_diff(fx, "--- bom.txt\n+++ bom.txt\n@@ -1 +1 @@\n"
                    "-\xef\xbb\xbf"
                    "a:b\n"
                    "+\xef\xbb\xbf"
                    "a\xef\xbc\x9a"
                    "b\n");
    pblint_fix_free(fx);
    pblint_result_free(res);
}

static void test_refuses_converted_and_repaired(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    /* GB18030 */
    const char gb[] = "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6:\n"; /* 项目名称: */
    pblint_result *res = make("gb.txt", gb, sizeof gb - 1);
    assert_string_equal(pblint_doc_encoding(res->doc), "GB18030");
    fixit(add(res, "t/fix", 12, 13, "colon"), 12, 13, "\xef\xbc\x9a");
    pb_result_sort(res);
    pblint_fix *fx = (pblint_fix *)1;
    assert_int_equal(pblint_fix_apply(ctx, res, &fx), PBLINT_EENCODING);
    assert_null(fx);
    assert_string_equal(pblint_ctx_error(ctx),
                        "gb.txt: not fixed: the file is encoded in GB18030; applying the fixes "
                        "would mean re-encoding all of it (convert it to UTF-8 first)");
    pblint_result_free(res);

    /* a stray byte among valid UTF-8 is replaced by U+FFFD: refused too */
    const char bad[] = "\xe9\xa1\xb9\xe7\x9b\xae:\xff ok\n";
    res = make("bad.txt", bad, sizeof bad - 1);
    assert_int_equal(res->doc->src.invalid_count, 1);
    fixit(add(res, "t/fix", 6, 7, "colon"), 6, 7, "\xef\xbc\x9a");
    pb_result_sort(res);
    assert_int_equal(pblint_fix_apply(ctx, res, &fx), PBLINT_EENCODING);
    assert_string_equal(pblint_ctx_error(ctx),
                        "bad.txt: not fixed: 1 invalid byte sequence was replaced by U+FFFD when "
                        "it was read; writing the fixes back would replace them in the file too");
    pblint_result_free(res);

    assert_int_equal(pblint_fix_apply(ctx, NULL, &fx), PBLINT_EINVAL);
    assert_int_equal(pblint_fix_apply(ctx, NULL, NULL), PBLINT_EINVAL);
    assert_null(pblint_fix_text(NULL, NULL));
    assert_int_equal(pblint_fix_applied_count(NULL), 0);
    assert_int_equal(pblint_fix_write_diff(NULL, stdout), PBLINT_EINVAL);
    pblint_fix_free(NULL);
}

/* ----------------------------------------------------------------- diff */

static const char ten[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

static void test_diff_context(void **state)
{
    (void)state;
    /* line 5 of 10: three lines of context on each side */
    expect_edit_diff(ten, 8, 9, "FIVE",
                     "--- f.txt\n+++ f.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
    /* line 1: no context before it */
    expect_edit_diff("a\nb\nc\nd\ne\n", 0, 1, "A",
                     "--- f.txt\n+++ f.txt\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n");
}

static void test_diff_hunks(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    /* six lines between two changes: one hunk */
    pblint_result *res = make_str("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
    fixit(add(res, "t/fix", 2, 3, "two"), 2, 3, "TWO");
    fixit(add(res, "t/fix", 16, 17, "nine"), 16, 17, "NINE");
    pblint_fix *fx = apply(ctx, res);
    expect_diff(fx, "--- f.txt\n+++ f.txt\n@@ -1,12 +1,12 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n 6\n 7\n"
                    " 8\n-9\n+NINE\n 10\n 11\n 12\n");
    pblint_fix_free(fx);
    pblint_result_free(res);
    /* seven lines between them: two hunks */
    res = make_str("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n");
    fixit(add(res, "t/fix", 2, 3, "two"), 2, 3, "TWO");
    fixit(add(res, "t/fix", 18, 20, "ten"), 18, 20, "TEN");
    fx = apply(ctx, res);
    expect_diff(fx, "--- f.txt\n+++ f.txt\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
                    "@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+TEN\n 11\n 12\n 13\n");
    pblint_fix_free(fx);
    pblint_result_free(res);
    /* the second hunk's new start counts the lines the first one removed */
    res = make_str("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n");
    fixit(add(res, "t/fix", 2, 6, "two lines"), 2, 6, "");
    fixit(add(res, "t/fix", 21, 23, "eleven"), 21, 23, "ELEVEN\nAND MORE");
    fx = apply(ctx, res);
    expect_text(fx, "1\n4\n5\n6\n7\n8\n9\n10\nELEVEN\nAND MORE\n12\n13\n14\n");
    expect_diff(fx, "--- f.txt\n+++ f.txt\n@@ -1,6 +1,4 @@\n 1\n-2\n-3\n 4\n 5\n 6\n"
                    "@@ -8,7 +6,8 @@\n 8\n 9\n 10\n-11\n+ELEVEN\n+AND MORE\n 12\n 13\n 14\n");
    pblint_fix_free(fx);
    pblint_result_free(res);
}

static void test_diff_line_ends(void **state)
{
    (void)state;
    /* the last line has no line break, before and after */
    expect_edit_diff("a\nb\nc", 4, 5, "C",
                     "--- f.txt\n+++ f.txt\n@@ -1,3 +1,3 @@\n a\n b\n-c\n"
                     "\\ No newline at end of file\n+C\n\\ No newline at end of file\n");
    /* a line break added at the end */
    expect_edit_diff("a\nb", 3, 3, "\n",
                     "--- f.txt\n+++ f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n"
                     "\\ No newline at end of file\n+b\n");
    /* a line added after the last line break */
    expect_edit_diff("a\nb\n", 4, 4, "c\n", "--- f.txt\n+++ f.txt\n@@ -1,2 +1,3 @@\n a\n b\n+c\n");
    /* every line deleted */
    expect_edit_diff("a\nb\n", 0, 4, "", "--- f.txt\n+++ f.txt\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    /* an empty file gets a line */
    expect_edit_diff("", 0, 0, "x\n", "--- f.txt\n+++ f.txt\n@@ -0,0 +1 @@\n+x\n");
    /* CRLF lines: the CR is part of the line patch compares */
    expect_edit_diff("a\r\nb\r\n", 3, 4, "B",
                     "--- f.txt\n+++ f.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n");
    /* a deletion that ends at a line start touches only the lines it removes */
    expect_edit_diff(ten, 2, 6, "",
                     "--- f.txt\n+++ f.txt\n@@ -1,6 +1,4 @@\n 1\n-2\n-3\n 4\n 5\n 6\n");
}

/* Edits on adjacent lines form one block: the "-" lines, then the "+" lines. */
static void test_diff_adjacent_lines(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    pblint_result *res = make_str(ten);
    fixit(add(res, "t/fix", 8, 9, "five"), 8, 9, "V");
    fixit(add(res, "t/fix", 10, 11, "six"), 10, 11, "VI");
    pblint_fix *fx = apply(ctx, res);
    expect_diff(fx, "--- f.txt\n+++ f.txt\n@@ -2,8 +2,8 @@\n 2\n 3\n 4\n-5\n-6\n+V\n+VI\n 7\n 8\n 9\n");
    pblint_fix_free(fx);
    pblint_result_free(res);
}

/* Names with a space end with a tab; names with quotes or control
 * characters are quoted (both as git writes them, for GNU patch). */
static void test_diff_names(void **state)
{
    (void)state;
    test_ctx t;
    pblint_ctx *ctx = make_ctx(&t);
    static const struct {
        const char *name, *header;
    } cases[] = {
        {"dir/a.txt", "--- dir/a.txt\n+++ dir/a.txt\n"},
        {"a dir/b c.txt", "--- a dir/b c.txt\t\n+++ a dir/b c.txt\t\n"},
        {"q\"\\\t\x01 \xe9\xa1\xb9.txt",
         "--- \"q\\\"\\\\\\t\\001 \xe9\xa1\xb9.txt\"\n+++ \"q\\\"\\\\\\t\\001 \xe9\xa1\xb9.txt\"\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pblint_result *res = make(cases[i].name, "a\n", 2);
        fixit(add(res, "t/fix", 0, 1, "x"), 0, 1, "b");
        pblint_fix *fx = apply(ctx, res);
        char *got = diff_of(fx);
        char want[256];
        snprintf(want, sizeof want, "%s@@ -1 +1 @@\n-a\n+b\n", cases[i].header);
        assert_string_equal(got, want);
        free(got);
        pblint_fix_free(fx);
        pblint_result_free(res);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_fixable_rules),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_nothing_to_change),
        cmocka_unit_test(test_bom_kept),
        cmocka_unit_test(test_refuses_converted_and_repaired),
        cmocka_unit_test(test_diff_context),
        cmocka_unit_test(test_diff_hunks),
        cmocka_unit_test(test_diff_line_ends),
        cmocka_unit_test(test_diff_adjacent_lines),
        cmocka_unit_test(test_diff_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for diag.c and render_text.c: diagnostics built by hand on a
 * hand-made document, rendered to memory and compared byte for byte.
 *
 * Build switches (both off by default, i.e. under meson, where the test
 * links the whole internal library):
 *   RENDER_TEST_STANDALONE  supplies minimal pb_source_position,
 *                           pb_source_line, pb_display_advance and
 *                           pb_source_free, for building without source.c;
 *   RENDER_TEST_STUB_CTX    supplies a minimal pb_ctx_rule (linear search
 *                           of ctx->rules), for building without ctx.c.
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

#ifdef RENDER_TEST_STANDALONE
#include <utf8proc.h>

unsigned pb_display_advance(const char *text, size_t start, size_t end, unsigned col0)
{
    unsigned col = col0;
    size_t i = start;
    while (i < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(end - i), &cp);
        if (n <= 0) {
            col += 1;
            i += 1;
            continue;
        }
        if (cp == '\t')
            col = (col / 8 + 1) * 8;
        else
            col += (unsigned)utf8proc_charwidth(cp);
        i += (size_t)n;
    }
    return col;
}

void pb_source_position(const pb_source *src, uint32_t offset, int unit, unsigned *line,
                        unsigned *col)
{
    if (offset > src->len)
        offset = (uint32_t)src->len;
    unsigned lo = 0;
    while (lo + 1 < src->nlines && src->line_start[lo + 1] <= offset)
        lo++;
    uint32_t ls = src->nlines ? src->line_start[lo] : 0;
    unsigned c = 0;
    switch (unit) {
    case PBLINT_COLUMN_BYTE:
        c = offset - ls;
        break;
    case PBLINT_COLUMN_CODEPOINT:
    case PBLINT_COLUMN_UTF16:
        for (uint32_t i = ls; i < offset; i++) {
            unsigned char b = (unsigned char)src->text[i];
            if ((b & 0xC0u) != 0x80u)
                c++;
            if (unit == PBLINT_COLUMN_UTF16 && b >= 0xF0u)
                c++;
        }
        break;
    default:
        c = pb_display_advance(src->text, ls, offset, 0);
        break;
    }
    *line = lo + 1;
    *col = c + 1;
}

pblint_span pb_source_line(const pb_source *src, unsigned line)
{
    pblint_span sp = {0, 0};
    if (line < 1 || line > src->nlines)
        return sp;
    sp.start = src->line_start[line - 1];
    sp.end = line < src->nlines ? src->line_start[line] : (uint32_t)src->len;
    if (sp.end > sp.start && src->text[sp.end - 1] == '\n')
        sp.end--;
    if (sp.end > sp.start && src->text[sp.end - 1] == '\r')
        sp.end--;
    return sp;
}

void pb_source_free(pb_source *src)
{
    free(src->name);
    free(src->text);
    free(src->line_start);
    memset(src, 0, sizeof *src);
}
#endif /* RENDER_TEST_STANDALONE */

#ifdef RENDER_TEST_STUB_CTX
pb_rule *pb_ctx_rule(pblint_ctx *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->nrules; i++)
        if (strcmp(ctx->rules[i].id, id) == 0)
            return &ctx->rules[i];
    return NULL;
}
#endif

/* ------------------------------------------------------------ fixtures */

/* A result over a document whose source is filled in by hand (no decoder):
 * lines start at 0 and after every LF, CRLF or lone CR; a final line
 * ending does not open another line. */
static pblint_result *make_result(const char *name, const char *text)
{
    pblint_result *res = calloc(1, sizeof *res);
    pblint_doc *doc = calloc(1, sizeof *doc);
    assert_non_null(res);
    assert_non_null(doc);
    res->doc = doc;
    res->sorted = true;
    pb_source *src = &doc->src;
    src->name = strdup(name);
    src->text = strdup(text);
    src->len = strlen(text);
    src->encoding = "UTF-8";
    src->line_start = malloc((src->len + 1) * sizeof *src->line_start);
    assert_non_null(src->line_start);
    src->line_start[src->nlines++] = 0;
    for (size_t i = 0; i < src->len; i++) {
        bool eol = text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n');
        if (eol && i + 1 < src->len)
            src->line_start[src->nlines++] = (uint32_t)(i + 1);
    }
    return res;
}

static pblint_span sp(uint32_t start, uint32_t end)
{
    pblint_span s = {start, end};
    return s;
}

static pblint_diag *add(pblint_result *res, const char *rule, int sev, uint32_t start, uint32_t end,
                        const char *fmt, ...) PBLINT_PRINTF(6, 7);
static pblint_diag *add(pblint_result *res, const char *rule, int sev, uint32_t start, uint32_t end,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pblint_diag *d = pb_diag_new(res, rule, sev, sp(start, end), fmt, ap);
    va_end(ap);
    assert_non_null(d);
    return d;
}

/* Byte offset of the n-th (0-based) occurrence of needle in the text. */
static uint32_t off_of(const pblint_result *res, const char *needle, int nth)
{
    const char *t = res->doc->src.text;
    const char *p = t;
    for (;;) {
        p = strstr(p, needle);
        assert_non_null(p);
        if (nth-- == 0)
            return (uint32_t)(p - t);
        p++;
    }
}

static char *render_opts(const pblint_result *res, const pblint_text_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    int rc = pblint_render_text(res, o, f);
    fclose(f);
    assert_int_equal(rc, 0);
    assert_non_null(buf);
    return buf;
}

static void expect_render(const pblint_result *res, const pblint_text_options *o,
                          const char *expected)
{
    char *got = render_opts(res, o);
    assert_string_equal(got, expected);
    free(got);
}

static pblint_text_options plain_opts(void)
{
    pblint_text_options o = PBLINT_TEXT_OPTIONS_INIT;
    return o;
}

/* --------------------------------------------------------------- tests */

static void test_ascii_warning(void **state)
{
    (void)state;
    pblint_result *res = make_result("a.txt", "hello world\nsecond line\n");
    add(res, "test/ascii", PBLINT_SEV_WARNING, 6, 11, "bad word '%s'", "world");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "a.txt:1:7: warning: bad word 'world' [test/ascii]\n"
                  "    1 | hello world\n"
                  "      |       ^~~~~\n");
    /* NULL options mean the defaults. */
    expect_render(res, NULL,
                  "a.txt:1:7: warning: bad word 'world' [test/ascii]\n"
                  "    1 | hello world\n"
                  "      |       ^~~~~\n");
    o.excerpt = false;
    expect_render(res, &o, "a.txt:1:7: warning: bad word 'world' [test/ascii]\n");
    pblint_result_free(res);
}

static void test_error_and_note_words(void **state)
{
    (void)state;
    pblint_result *res = make_result("s.txt", "abc def\n");
    add(res, "t/e", PBLINT_SEV_ERROR, 0, 3, "an error");
    add(res, "t/n", PBLINT_SEV_NOTE, 4, 7, "a note-level finding");
    pblint_text_options o = plain_opts();
    o.excerpt = false;
    expect_render(res, &o,
                  "s.txt:1:1: error: an error [t/e]\n"
                  "s.txt:1:5: note: a note-level finding [t/n]\n");
    pblint_result_free(res);
}

static void test_cjk_tabs_columns(void **state)
{
    (void)state;
    /* 名称 (4 cells) TAB(->8) 项目 预算 编制 (12 cells) TAB(20->24) 说明 */
    pblint_result *res = make_result("b.txt", "名称\t项目预算编制\t说明\n");
    uint32_t s = off_of(res, "预算", 0);
    assert_int_equal(s, 13);
    add(res, "test/cjk", PBLINT_SEV_WARNING, s, s + 6, "budget");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "b.txt:1:13: warning: budget [test/cjk]\n"
                  "    1 | 名称    项目预算编制    说明\n"
                  "      |             ^~~~\n");
    o.excerpt = false;
    o.column_unit = PBLINT_COLUMN_BYTE;
    expect_render(res, &o, "b.txt:1:14: warning: budget [test/cjk]\n");
    o.column_unit = PBLINT_COLUMN_CODEPOINT;
    expect_render(res, &o, "b.txt:1:6: warning: budget [test/cjk]\n");
    o.column_unit = PBLINT_COLUMN_UTF16;
    expect_render(res, &o, "b.txt:1:6: warning: budget [test/cjk]\n");
    o.column_unit = 42;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(pblint_render_text(res, &o, f), PBLINT_EINVAL);
    fclose(f);
    free(buf);
    pblint_result_free(res);
}

static void test_caret_on_tab(void **state)
{
    (void)state;
    /* A span starting at a tab: the caret covers the tab's first cell and
     * '~' the rest of its cells. */
    pblint_result *res = make_result("t.txt", "ab\tcd\n");
    add(res, "t/tab", PBLINT_SEV_WARNING, 2, 4, "tab");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "t.txt:1:3: warning: tab [t/tab]\n"
                  "    1 | ab      cd\n"
                  "      |   ^~~~~~~\n");
    pblint_result_free(res);
}

static void test_note(void **state)
{
    (void)state;
    pblint_result *res = make_result("seeds/001.txt",
                                     "\t项目预算编制管理办法\t对项目\n"
                                     "other\n"
                                     "\t项目预算编制管理办法\t对项目\n"
                                     "tail\n");
    uint32_t first = off_of(res, "项目预算", 0), second = off_of(res, "项目预算", 1);
    pblint_diag *d = add(res, "duplicates/safeguard-row", PBLINT_SEV_WARNING, second, second + 30,
                         "this row repeats the row at line %d", 1);
    assert_int_equal(pblint_diag_add_note(d, sp(first, first + 30), "first occurrence is here"), 0);
    uint32_t l3 = res->doc->src.line_start[2], l4 = res->doc->src.line_start[3];
    assert_int_equal(pblint_diag_add_fixit(d, sp(l3, l4), ""), 0);
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "seeds/001.txt:3:9: warning: this row repeats the row at line 1 "
                  "[duplicates/safeguard-row]\n"
                  "    3 |         项目预算编制管理办法    对项目\n"
                  "      |         ^~~~~~~~~~~~~~~~~~~~\n"
                  "seeds/001.txt:1:9: note: first occurrence is here\n"
                  "    1 |         项目预算编制管理办法    对项目\n"
                  "      |         ^~~~~~~~~~~~~~~~~~~~\n"
                  "fix-it:\"seeds/001.txt\":{3:1-4:1}:\"\"\n");
    /* Accessors. */
    assert_int_equal(pblint_result_diag_count(res), 1);
    const pblint_diag *g = pblint_result_diag(res, 0);
    assert_ptr_equal(g, d);
    assert_int_equal(pblint_diag_note_count(g), 1);
    pblint_span ns;
    const char *msg;
    assert_int_equal(pblint_diag_note(g, 0, &ns, &msg), 0);
    assert_int_equal(ns.start, first);
    assert_string_equal(msg, "first occurrence is here");
    assert_int_equal(pblint_diag_note(g, 1, &ns, &msg), PBLINT_EINVAL);
    assert_string_equal(pblint_diag_rule(g), "duplicates/safeguard-row");
    assert_string_equal(pblint_diag_message(g), "this row repeats the row at line 1");
    assert_int_equal(pblint_diag_severity(g), PBLINT_SEV_WARNING);
    assert_int_equal(pblint_diag_span(g).start, second);
    assert_int_equal(pblint_diag_span(g).end, second + 30);
    assert_ptr_equal(pblint_result_doc(res), res->doc);
    assert_null(pblint_result_diag(res, 1));
    pblint_result_free(res);
}

static void test_fixit_escaping_and_hint(void **state)
{
    (void)state;
    pblint_result *res = make_result("dir/f \"q\".txt", "total 100 yuan\nnext line\n");
    pblint_diag *d = add(res, "t/fix", PBLINT_SEV_WARNING, 6, 9, "wrong amount");
    assert_int_equal(pblint_diag_add_fixit(d, sp(6, 9), "200"), 0);
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "dir/f \"q\".txt:1:7: warning: wrong amount [t/fix]\n"
                  "    1 | total 100 yuan\n"
                  "      |       ^~~\n"
                  "      |       200\n"
                  "fix-it:\"dir/f \\\"q\\\".txt\":{1:7-1:10}:\"200\"\n");
    /* fixits=false drops the fix-it: lines, not the hint in the excerpt. */
    o.fixits = false;
    expect_render(res, &o,
                  "dir/f \"q\".txt:1:7: warning: wrong amount [t/fix]\n"
                  "    1 | total 100 yuan\n"
                  "      |       ^~~\n"
                  "      |       200\n");
    pblint_result_free(res);

    /* C-style escaping; UTF-8 kept; invalid bytes and DEL in octal.  Text
     * with control characters is not drawn in the excerpt. */
    res = make_result("e.txt", "abc 中文 def\n");
    d = add(res, "t/esc", PBLINT_SEV_WARNING, 0, 3, "escape");
    assert_int_equal(pblint_diag_add_fixit(d, sp(0, 3), "a\"b\\c\nd\te\x01\x7f中\xff!"), 0);
    o = plain_opts();
    expect_render(res, &o,
                  "e.txt:1:1: warning: escape [t/esc]\n"
                  "    1 | abc 中文 def\n"
                  "      | ^~~\n"
                  "fix-it:\"e.txt\":{1:1-1:4}:\"a\\\"b\\\\c\\nd\\te\\001\\177中\\377!\"\n");
    pblint_result_free(res);
}

static void test_fixit_positions(void **state)
{
    (void)state;
    /* Edit boundaries keep their exact bytes, line endings included. */
    pblint_result *res = make_result("p.txt", "ab\r\ncd\nef\n");
    pblint_diag *d = add(res, "t/pos", PBLINT_SEV_WARNING, 0, 2, "edits");
    assert_int_equal(pblint_diag_add_fixit(d, sp(2, 3), ""), 0);   /* the CR of CRLF */
    assert_int_equal(pblint_diag_add_fixit(d, sp(4, 5), "C"), 0);  /* first byte of line 2 */
    assert_int_equal(pblint_diag_add_fixit(d, sp(7, 10), ""), 0);  /* the last line, LF included */
    pblint_text_options o = plain_opts();
    o.excerpt = false;
    expect_render(res, &o,
                  "p.txt:1:1: warning: edits [t/pos]\n"
                  "fix-it:\"p.txt\":{1:3-1:4}:\"\"\n"
                  "fix-it:\"p.txt\":{2:1-2:2}:\"C\"\n"
                  "fix-it:\"p.txt\":{3:1-4:1}:\"\"\n");
    pblint_result_free(res);

    /* No final line break: the end of the text is on the last line. */
    res = make_result("p.txt", "ab\ncd");
    d = add(res, "t/pos", PBLINT_SEV_WARNING, 3, 5, "edits");
    assert_int_equal(pblint_diag_add_fixit(d, sp(2, 5), ""), 0);
    expect_render(res, &o,
                  "p.txt:2:1: warning: edits [t/pos]\n"
                  "fix-it:\"p.txt\":{1:3-2:3}:\"\"\n");
    pblint_result_free(res);
}

static void test_fixit_hints_layout(void **state)
{
    (void)state;
    pblint_result *res = make_result("h.txt", "total 100 yuan\n");
    pblint_diag *d = add(res, "t/h", PBLINT_SEV_WARNING, 0, 14, "several edits");
    /* added out of order: kept sorted by position */
    assert_int_equal(pblint_diag_add_fixit(d, sp(10, 14), "元"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(0, 5), "TOTAL"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(8, 8), "."), 0);  /* insertion */
    assert_int_equal(pblint_diag_add_fixit(d, sp(5, 6), ""), 0);   /* deletion: no hint */
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "h.txt:1:1: warning: several edits [t/h]\n"
                  "    1 | total 100 yuan\n"
                  "      | ^~~~~~~~~~~~~~\n"
                  "      | TOTAL   . 元\n"
                  "fix-it:\"h.txt\":{1:1-1:6}:\"TOTAL\"\n"
                  "fix-it:\"h.txt\":{1:6-1:7}:\"\"\n"
                  "fix-it:\"h.txt\":{1:9-1:9}:\".\"\n"
                  "fix-it:\"h.txt\":{1:11-1:15}:\"元\"\n");
    pblint_result_free(res);

    /* Colliding hints go on further lines. */
    res = make_result("h.txt", "a b c\n");
    d = add(res, "t/h", PBLINT_SEV_WARNING, 0, 5, "collide");
    assert_int_equal(pblint_diag_add_fixit(d, sp(0, 1), "AAAA"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(2, 3), "B"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(4, 5), "C"), 0);
    o.fixits = false;
    expect_render(res, &o,
                  "h.txt:1:1: warning: collide [t/h]\n"
                  "    1 | a b c\n"
                  "      | ^~~~~\n"
                  "      | AAAA\n"
                  "      |   B C\n");
    pblint_result_free(res);
}

static void test_color(void **state)
{
    (void)state;
    pblint_result *res = make_result("c.txt", "total 100 yuan\n");
    pblint_diag *d = add(res, "t/col", PBLINT_SEV_WARNING, 6, 9, "coloured");
    assert_int_equal(pblint_diag_add_note(d, sp(0, 5), "see"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(6, 9), "200"), 0);
    add(res, "t/err", PBLINT_SEV_ERROR, 10, 14, "bad");
    pblint_text_options o = plain_opts();
    o.color = true;
    expect_render(res, &o,
                  "\033[01mc.txt:1:7:\033[m \033[01;35mwarning: \033[mcoloured "
                  "[\033[01;35mt/col\033[m]\n"
                  "    1 | total 100 yuan\n"
                  "      |       \033[01;32m^~~\033[m\n"
                  "      |       \033[32m200\033[m\n"
                  "\033[01mc.txt:1:1:\033[m \033[01;36mnote: \033[msee\n"
                  "    1 | total 100 yuan\n"
                  "      | \033[01;32m^~~~~\033[m\n"
                  "fix-it:\"c.txt\":{1:7-1:10}:\"200\"\n"
                  "\033[01mc.txt:1:11:\033[m \033[01;31merror: \033[mbad "
                  "[\033[01;31mt/err\033[m]\n"
                  "    1 | total 100 yuan\n"
                  "      |           \033[01;32m^~~~\033[m\n");
    o.color = false;
    char *got = render_opts(res, &o);
    assert_null(strchr(got, '\033'));
    assert_string_equal(got, "c.txt:1:7: warning: coloured [t/col]\n"
                             "    1 | total 100 yuan\n"
                             "      |       ^~~\n"
                             "      |       200\n"
                             "c.txt:1:1: note: see\n"
                             "    1 | total 100 yuan\n"
                             "      | ^~~~~\n"
                             "fix-it:\"c.txt\":{1:7-1:10}:\"200\"\n"
                             "c.txt:1:11: error: bad [t/err]\n"
                             "    1 | total 100 yuan\n"
                             "      |           ^~~~\n");
    free(got);
    pblint_result_free(res);
}

static void test_sort_order(void **state)
{
    (void)state;
    pblint_result *res = make_result("o.txt", "0123456789\nabcdefghij\n");
    add(res, "z/late", PBLINT_SEV_NOTE, 12, 13, "later line");            /* seq 0 */
    add(res, "b/rule", PBLINT_SEV_WARNING, 2, 5, "same span, warning");    /* seq 1 */
    add(res, "a/rule", PBLINT_SEV_WARNING, 2, 5, "same span, rule a");     /* seq 2 */
    add(res, "b/rule", PBLINT_SEV_ERROR, 2, 5, "same span, error");        /* seq 3 */
    add(res, "b/rule", PBLINT_SEV_WARNING, 2, 4, "shorter");               /* seq 4 */
    add(res, "b/rule", PBLINT_SEV_WARNING, 2, 5, "same span, warning");    /* seq 5: twin of 1 */
    add(res, "c/rule", PBLINT_SEV_WARNING, 0, 9, "first");                 /* seq 6 */
    add(res, "b/rule", PBLINT_SEV_WARNING, 2, 5, "same span, a message");  /* seq 7 */
    assert_false(res->sorted);
    assert_int_equal(pblint_result_diag_count(res), 8);
    assert_true(res->sorted);
    static const struct {
        const char *msg;
        uint32_t seq;
    } want[] = {
        {"first", 6},
        {"shorter", 4},
        {"same span, error", 3},
        {"same span, rule a", 2},
        {"same span, a message", 7},
        {"same span, warning", 1},
        {"same span, warning", 5},
        {"later line", 0},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(want); i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        assert_string_equal(pblint_diag_message(d), want[i].msg);
        assert_int_equal(d->seq, want[i].seq);
    }
    pblint_text_options o = plain_opts();
    o.excerpt = false;
    expect_render(res, &o,
                  "o.txt:1:1: warning: first [c/rule]\n"
                  "o.txt:1:3: warning: shorter [b/rule]\n"
                  "o.txt:1:3: error: same span, error [b/rule]\n"
                  "o.txt:1:3: warning: same span, rule a [a/rule]\n"
                  "o.txt:1:3: warning: same span, a message [b/rule]\n"
                  "o.txt:1:3: warning: same span, warning [b/rule]\n"
                  "o.txt:1:3: warning: same span, warning [b/rule]\n"
                  "o.txt:2:2: note: later line [z/late]\n");
    /* A diagnostic added after sorting re-sorts on the next access. */
    add(res, "a/new", PBLINT_SEV_ERROR, 0, 1, "newest");
    assert_false(res->sorted);
    assert_string_equal(pblint_diag_message(pblint_result_diag(res, 0)), "newest");
    pblint_result_free(res);
}

static void test_min_severity(void **state)
{
    (void)state;
    pblint_result *res = make_result("m.txt", "one two three\n");
    pblint_diag *n = add(res, "t/n", PBLINT_SEV_NOTE, 0, 3, "a note finding");
    assert_int_equal(pblint_diag_add_note(n, sp(4, 7), "its note"), 0);
    assert_int_equal(pblint_diag_add_fixit(n, sp(0, 3), "1"), 0);
    pblint_diag *w = add(res, "t/w", PBLINT_SEV_WARNING, 4, 7, "a warning");
    assert_int_equal(pblint_diag_add_note(w, sp(0, 3), "warning's note"), 0);
    add(res, "t/e", PBLINT_SEV_ERROR, 8, 13, "an error");
    pblint_text_options o = plain_opts();
    o.excerpt = false;
    expect_render(res, &o,
                  "m.txt:1:1: note: a note finding [t/n]\n"
                  "m.txt:1:5: note: its note\n"
                  "fix-it:\"m.txt\":{1:1-1:4}:\"1\"\n"
                  "m.txt:1:5: warning: a warning [t/w]\n"
                  "m.txt:1:1: note: warning's note\n"
                  "m.txt:1:9: error: an error [t/e]\n");
    o.min_severity = PBLINT_SEV_WARNING;
    expect_render(res, &o,
                  "m.txt:1:5: warning: a warning [t/w]\n"
                  "m.txt:1:1: note: warning's note\n"
                  "m.txt:1:9: error: an error [t/e]\n");
    o.min_severity = PBLINT_SEV_ERROR;
    expect_render(res, &o, "m.txt:1:9: error: an error [t/e]\n");
    pblint_result_free(res);
}

static void test_fixit_overlap(void **state)
{
    (void)state;
    pblint_result *res = make_result("x.txt", "0123456789 中文\n");
    pblint_diag *d = add(res, "t/x", PBLINT_SEV_WARNING, 0, 10, "edits");
    assert_int_equal(pblint_diag_add_fixit(d, sp(2, 5), "a"), 0);
    assert_int_equal(pblint_diag_add_fixit(d, sp(4, 6), "b"), PBLINT_EINVAL);  /* overlaps */
    assert_int_equal(pblint_diag_add_fixit(d, sp(1, 3), "b"), PBLINT_EINVAL);  /* overlaps */
    assert_int_equal(pblint_diag_add_fixit(d, sp(0, 9), "b"), PBLINT_EINVAL);  /* contains */
    assert_int_equal(pblint_diag_add_fixit(d, sp(3, 4), "b"), PBLINT_EINVAL);  /* inside */
    assert_int_equal(pblint_diag_add_fixit(d, sp(3, 3), "b"), PBLINT_EINVAL);  /* insert inside */
    assert_int_equal(pblint_diag_add_fixit(d, sp(5, 7), "c"), 0);              /* adjacent */
    assert_int_equal(pblint_diag_add_fixit(d, sp(2, 2), "i"), 0);              /* insert before */
    assert_int_equal(pblint_diag_add_fixit(d, sp(0, 1), NULL), 0);             /* NULL = delete */
    assert_int_equal(pblint_diag_add_fixit(d, sp(9, 8), "r"), PBLINT_EINVAL);  /* reversed */
    assert_int_equal(pblint_diag_add_fixit(d, sp(9, 99), "r"), PBLINT_EINVAL); /* past end */
    assert_int_equal(pblint_diag_add_fixit(d, sp(12, 14), "r"), PBLINT_EINVAL); /* splits 中 */
    assert_int_equal(pblint_diag_add_fixit(d, sp(11, 14), "字"), 0);
    assert_int_equal(pblint_diag_add_fixit(NULL, sp(0, 0), "x"), PBLINT_EINVAL);
    assert_int_equal(pblint_diag_fixit_count(d), 5);
    static const struct {
        uint32_t s, e;
        const char *t;
    } want[] = {{0, 1, ""}, {2, 2, "i"}, {2, 5, "a"}, {5, 7, "c"}, {11, 14, "字"}};
    for (size_t i = 0; i < PB_ARRAY_LEN(want); i++) {
        pblint_span s;
        const char *t;
        assert_int_equal(pblint_diag_fixit(d, i, &s, &t), 0);
        assert_int_equal(s.start, want[i].s);
        assert_int_equal(s.end, want[i].e);
        assert_string_equal(t, want[i].t);
    }
    assert_int_equal(pblint_diag_fixit(d, 5, NULL, NULL), PBLINT_EINVAL);
    pblint_result_free(res);
}

static void test_empty_span(void **state)
{
    (void)state;
    pblint_result *res = make_result("z.txt", "abc def\nxyz\n");
    add(res, "t/empty", PBLINT_SEV_WARNING, 4, 4, "here");
    add(res, "t/eol", PBLINT_SEV_WARNING, 11, 11, "end of line");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "z.txt:1:5: warning: here [t/empty]\n"
                  "    1 | abc def\n"
                  "      |     ^\n"
                  "z.txt:2:4: warning: end of line [t/eol]\n"
                  "    2 | xyz\n"
                  "      |    ^\n");
    pblint_result_free(res);
}

static void test_multiline_span(void **state)
{
    (void)state;
    pblint_result *res = make_result("ml.txt", "first line here\r\nsecond\r\nthird\r\n");
    add(res, "t/ml", PBLINT_SEV_WARNING, 6, 21, "two lines");
    /* a span that covers only a line ending */
    add(res, "t/eol", PBLINT_SEV_WARNING, 23, 25, "the line break");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "ml.txt:1:7: warning: two lines [t/ml]\n"
                  "    1 | first line here\n"
                  "      |       ^~~~~~~~~\n"
                  "ml.txt:2:7: warning: the line break [t/eol]\n"
                  "    2 | second\n"
                  "      |       ^\n");
    pblint_result_free(res);
}

static void test_trailing_blanks_and_controls(void **state)
{
    (void)state;
    pblint_result *res = make_result("w.txt", "a\tb\t\t\nx\x01y\xe2\x80\xaez\n");
    add(res, "t/trail", PBLINT_SEV_WARNING, 3, 4, "trailing tab");
    uint32_t y = off_of(res, "y", 0), z = off_of(res, "z", 0);
    add(res, "t/ctl", PBLINT_SEV_WARNING, y, y + 1, "after a control");
    add(res, "t/bidi", PBLINT_SEV_WARNING, z, z + 1, "after a bidi override");
    pblint_text_options o = plain_opts();
    o.column_unit = PBLINT_COLUMN_BYTE;
    expect_render(res, &o,
                  "w.txt:1:4: warning: trailing tab [t/trail]\n"
                  "    1 | a       b\n"
                  "      |          ^~~~~~~\n"
                  "w.txt:2:3: warning: after a control [t/ctl]\n"
                  "    2 | x\xef\xbf\xbdy\xef\xbf\xbdz\n"
                  "      |   ^\n"
                  "w.txt:2:7: warning: after a bidi override [t/bidi]\n"
                  "    2 | x\xef\xbf\xbdy\xef\xbf\xbdz\n"
                  "      |     ^\n");
    pblint_result_free(res);
}

static void test_wide_margin(void **state)
{
    (void)state;
    /* 100000 short lines: the margin grows to 6 digits. */
    size_t n = 100000;
    char *text = malloc(n * 2 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = 'x';
        text[2 * i + 1] = '\n';
    }
    text[2 * n] = '\0';
    pblint_result *res = make_result("big.txt", text);
    free(text);
    add(res, "t/big", PBLINT_SEV_WARNING, 2 * 99999, 2 * 99999 + 1, "last");
    add(res, "t/small", PBLINT_SEV_WARNING, 2 * 99998, 2 * 99998 + 1, "before last");
    pblint_text_options o = plain_opts();
    expect_render(res, &o,
                  "big.txt:99999:1: warning: before last [t/small]\n"
                  "99999 | x\n"
                  "      | ^\n"
                  "big.txt:100000:1: warning: last [t/big]\n"
                  "100000 | x\n"
                  "       | ^\n");
    pblint_result_free(res);
}

static char *repeat_digits(size_t n)
{
    char *s = malloc(n + 2);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('0' + i % 10);
    s[n] = '\n';
    s[n + 1] = '\0';
    return s;
}

static void test_long_line(void **state)
{
    (void)state;
    /* 600 ASCII columns, span at column 300: window [236, 492). */
    char *line = repeat_digits(600);
    pblint_result *res = make_result("long.txt", line);
    add(res, "t/long", PBLINT_SEV_WARNING, 300, 305, "in a long line");
    char expect[2048];
    int k = snprintf(expect, sizeof expect,
                     "long.txt:1:301: warning: in a long line [t/long]\n"
                     "    1 | ...%.256s...\n"
                     "      |    %64s^~~~~\n",
                     line + 236, "");
    assert_true(k > 0 && (size_t)k < sizeof expect);
    pblint_text_options o = plain_opts();
    expect_render(res, &o, expect);
    pblint_result_free(res);

    /* Near the end: the window is pulled back to show 256 columns. */
    res = make_result("long.txt", line);
    add(res, "t/long", PBLINT_SEV_WARNING, 580, 600, "near the end");
    k = snprintf(expect, sizeof expect,
                 "long.txt:1:581: warning: near the end [t/long]\n"
                 "    1 | ...%.256s\n"
                 "      |    %236s^~~~~~~~~~~~~~~~~~~~\n",
                 line + 344, "");
    assert_true(k > 0 && (size_t)k < sizeof expect);
    expect_render(res, &o, expect);
    pblint_result_free(res);

    /* A span longer than the window is underlined to the window's end. */
    res = make_result("long.txt", line);
    add(res, "t/long", PBLINT_SEV_WARNING, 10, 590, "most of it");
    k = snprintf(expect, sizeof expect,
                 "long.txt:1:11: warning: most of it [t/long]\n"
                 "    1 | %.256s...\n"
                 "      |           ^",
                 line);
    assert_true(k > 0 && (size_t)k < sizeof expect);
    for (int i = 11; i < 256; i++)
        expect[k++] = '~';
    expect[k++] = '\n';
    expect[k] = '\0';
    expect_render(res, &o, expect);
    pblint_result_free(res);
    free(line);

    /* Wide characters: 250 CJK (cols 0..499), 'x' at 500, 100 CJK from 501.
     * Caret at 501, window start 437 falls inside a character, so the
     * first shown one is at 438; the window ends at 693, inside another. */
    const char *cjk = "\xe4\xb8\xad"; /* 中 */
    size_t cap = 351 * 3 + 3;
    char *wide = malloc(cap);
    assert_non_null(wide);
    size_t p = 0;
    for (int i = 0; i < 250; i++, p += 3)
        memcpy(wide + p, cjk, 3);
    wide[p++] = 'x';
    for (int i = 0; i < 100; i++, p += 3)
        memcpy(wide + p, cjk, 3);
    wide[p++] = '\n';
    wide[p] = '\0';
    res = make_result("wide.txt", wide);
    uint32_t s = 250 * 3 + 1;
    add(res, "t/wide", PBLINT_SEV_WARNING, s, s + 6, "wide");
    char *exp2 = malloc(4096);
    assert_non_null(exp2);
    p = (size_t)snprintf(exp2, 4096, "wide.txt:1:502: warning: wide [t/wide]\n    1 | ...");
    for (int i = 219; i < 250; i++, p += 3)
        memcpy(exp2 + p, cjk, 3);
    exp2[p++] = 'x';
    for (int i = 0; i < 96; i++, p += 3)
        memcpy(exp2 + p, cjk, 3);
    p += (size_t)snprintf(exp2 + p, 4096 - p, "...\n      |    %63s^~~~\n", "");
    expect_render(res, &o, exp2);
    free(exp2);
    free(wide);
    pblint_result_free(res);
}

static void test_options_and_io(void **state)
{
    (void)state;
    pblint_result *res = make_result("io.txt", "abc\n");
    add(res, "t/io", PBLINT_SEV_WARNING, 0, 1, "x");
    pblint_text_options o = plain_opts();
    o.version = 2;
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    assert_int_equal(pblint_render_text(res, &o, f), PBLINT_EINVAL);
    assert_int_equal(pblint_render_text(NULL, NULL, f), PBLINT_EINVAL);
    assert_int_equal(pblint_render_text(res, NULL, NULL), PBLINT_EINVAL);
    assert_int_equal(pblint_render_text(res, NULL, f), 0);
    fclose(f);
    f = fopen("/dev/full", "w");
    if (f) {
        assert_int_equal(pblint_render_text(res, NULL, f), PBLINT_EIO);
        fclose(f);
    }
    pblint_result_free(res);
    pblint_result_free(NULL);
}

static void test_span_clamping(void **state)
{
    (void)state;
    pblint_result *res = make_result("k.txt", "abc\n");
    pblint_diag *d = add(res, "t/k", PBLINT_SEV_WARNING, 2, 99, "clamped");
    assert_int_equal(pblint_diag_span(d).start, 2);
    assert_int_equal(pblint_diag_span(d).end, 4);
    d = add(res, "t/k", PBLINT_SEV_WARNING, 3, 1, "reversed");
    assert_int_equal(pblint_diag_span(d).start, 3);
    assert_int_equal(pblint_diag_span(d).end, 3);
    assert_int_equal(pblint_diag_add_note(d, sp(50, 60), "far"), 0);
    pblint_span ns;
    assert_int_equal(pblint_diag_note(d, 0, &ns, NULL), 0);
    assert_int_equal(ns.start, 4);
    assert_int_equal(ns.end, 4);
    pblint_result_free(res);
}

/* ------------------------------------------------ reporting and options */

static void init_rule(pb_rule *r, const char *id, int sev, bool set)
{
    memset(r, 0, sizeof *r);
    r->id = (char *)id;
    r->default_severity = PBLINT_SEV_WARNING;
    r->severity = sev;
    r->severity_set = set;
}

static void test_report_severity(void **state)
{
    (void)state;
    pblint_result *res = make_result("r.txt", "abcdef\n");
    pb_rule rule;
    pblint_check chk = {NULL, &rule, res};

    init_rule(&rule, "amounts/fund-sum", PBLINT_SEV_WARNING, false);
    assert_string_equal(pblint_check_rule(&chk), "amounts/fund-sum");
    pblint_diag *d = pblint_report(&chk, PBLINT_SEV_DEFAULT, sp(0, 1), "n=%d", 1);
    assert_non_null(d);
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_WARNING);
    assert_string_equal(pblint_diag_rule(d), "amounts/fund-sum");
    assert_string_equal(pblint_diag_message(d), "n=1");
    /* the rule's id is copied: the result may outlive the context */
    assert_ptr_not_equal(pblint_diag_rule(d), rule.id);
    d = pblint_report(&chk, PBLINT_SEV_ERROR, sp(0, 1), "stronger");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_ERROR);
    assert_null(pblint_report(&chk, PBLINT_SEV_OFF, sp(0, 1), "dropped by the rule"));

    /* A configured severity always wins. */
    init_rule(&rule, "amounts/fund-sum", PBLINT_SEV_NOTE, true);
    d = pblint_report(&chk, PBLINT_SEV_ERROR, sp(0, 1), "configured");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_NOTE);
    d = pblint_report(&chk, PBLINT_SEV_OFF, sp(0, 1), "configured");
    assert_non_null(d);
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_NOTE);
    init_rule(&rule, "amounts/fund-sum", PBLINT_SEV_OFF, true);
    assert_null(pblint_report(&chk, PBLINT_SEV_ERROR, sp(0, 1), "off"));
    /* A rule that is off reports nothing, even with an explicit severity. */
    init_rule(&rule, "amounts/fund-sum", PBLINT_SEV_OFF, false);
    assert_null(pblint_report(&chk, PBLINT_SEV_ERROR, sp(0, 1), "off"));

    assert_null(pblint_report(NULL, PBLINT_SEV_DEFAULT, sp(0, 1), "no check"));
    assert_int_equal(pblint_result_diag_count(res), 4);
    pblint_result_free(res);
}

static void test_emit(void **state)
{
    (void)state;
    pblint_result *res = make_result("p.txt", "abcdef\n");
    pblint_ctx *ctx = calloc(1, sizeof *ctx);
    assert_non_null(ctx);
    pb_rule rules[2];
    init_rule(&rules[0], "parse/known", PBLINT_SEV_NOTE, false);
    init_rule(&rules[1], "parse/silenced", PBLINT_SEV_OFF, true);
    ctx->rules = rules;
    ctx->nrules = 2;

    pblint_diag *d = pb_emit(ctx, res, "parse/known", PBLINT_SEV_DEFAULT, sp(0, 2), "k%s", "1");
    assert_non_null(d);
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_NOTE);
    assert_string_equal(pblint_diag_rule(d), "parse/known");
    assert_string_equal(pblint_diag_message(d), "k1");
    d = pb_emit(ctx, res, "parse/known", PBLINT_SEV_ERROR, sp(0, 2), "k2");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_ERROR);
    rules[0].severity_set = true;
    d = pb_emit(ctx, res, "parse/known", PBLINT_SEV_ERROR, sp(0, 2), "k3");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_NOTE);
    assert_null(pb_emit(ctx, res, "parse/silenced", PBLINT_SEV_ERROR, sp(0, 2), "s"));
    /* Unknown rule: the severity as given, the id as given. */
    d = pb_emit(ctx, res, "parse/unknown", PBLINT_SEV_ERROR, sp(1, 2), "u");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_ERROR);
    assert_string_equal(pblint_diag_rule(d), "parse/unknown");
    d = pb_emit(ctx, res, "parse/unknown", PBLINT_SEV_DEFAULT, sp(1, 2), "u");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_WARNING);
    assert_null(pb_emit(ctx, res, "parse/unknown", PBLINT_SEV_OFF, sp(1, 2), "u"));
    d = pb_emit(NULL, res, "parse/noctx", PBLINT_SEV_NOTE, sp(1, 2), "n");
    assert_int_equal(pblint_diag_severity(d), PBLINT_SEV_NOTE);
    assert_int_equal(pblint_result_diag_count(res), 6);
    free(ctx);
    pblint_result_free(res);
}

static void test_options(void **state)
{
    (void)state;
    pblint_result *res = make_result("opt.txt", "x\n");
    pb_rule rule;
    init_rule(&rule, "amounts/execution-rate", PBLINT_SEV_WARNING, false);
    pb_option opts[] = {
        {"threshold", "90"},   {"ratio", " 0.5 "},  {"neg", "-1.25"},      {"bad", "12x"},
        {"flag", "Yes"},       {"off", "off"},      {"list", " a, b ,,c ,"}, {"cjk", "万元，元　, 亿元"},
        {"big", "9223372036854775807"}, {"huge", "9223372036854775808"}, {"min", "-9223372036854775808"},
        {"frac", ".5"},        {"dot", "5."},       {"scale", "0.0000000000000000001"},
        {"threshold", "95"}, /* the last setting wins */
    };
    rule.options = opts;
    rule.noptions = PB_ARRAY_LEN(opts);
    pblint_check chk = {NULL, &rule, res};

    assert_string_equal(pblint_check_option(&chk, "threshold"), "95");
    assert_null(pblint_check_option(&chk, "missing"));
    assert_int_equal(pblint_check_option_int(&chk, "threshold", 7), 95);
    assert_int_equal(pblint_check_option_int(&chk, "bad", 7), 7);
    assert_int_equal(pblint_check_option_int(&chk, "missing", -3), -3);
    assert_int_equal(pblint_check_option_int(&chk, "huge", 1), 1);

    pblint_decimal def = {42, 0}, v;
    v = pblint_check_option_decimal(&chk, "threshold", def);
    assert_true(v.mant == 95 && v.scale == 0);
    v = pblint_check_option_decimal(&chk, "ratio", def);
    assert_true(v.mant == 5 && v.scale == 1);
    v = pblint_check_option_decimal(&chk, "neg", def);
    assert_true(v.mant == -125 && v.scale == 2);
    v = pblint_check_option_decimal(&chk, "bad", def);
    assert_true(v.mant == 42 && v.scale == 0);
    v = pblint_check_option_decimal(&chk, "big", def);
    assert_true(v.mant == INT64_MAX && v.scale == 0);
    v = pblint_check_option_decimal(&chk, "huge", def);
    assert_true(v.mant == 42);
    v = pblint_check_option_decimal(&chk, "min", def);
    assert_true(v.mant == INT64_MIN && v.scale == 0);
    v = pblint_check_option_decimal(&chk, "frac", def);
    assert_true(v.mant == 5 && v.scale == 1);
    v = pblint_check_option_decimal(&chk, "dot", def);
    assert_true(v.mant == 5 && v.scale == 0);
    v = pblint_check_option_decimal(&chk, "scale", def);
    assert_true(v.mant == 42);

    assert_true(pblint_check_option_bool(&chk, "flag", false));
    assert_false(pblint_check_option_bool(&chk, "off", true));
    assert_true(pblint_check_option_bool(&chk, "bad", true));
    assert_false(pblint_check_option_bool(&chk, "missing", false));

    assert_string_equal(pblint_check_option_item(&chk, "list", 0), "a");
    assert_string_equal(pblint_check_option_item(&chk, "list", 1), "b");
    assert_string_equal(pblint_check_option_item(&chk, "list", 2), "c");
    assert_null(pblint_check_option_item(&chk, "list", 3));
    assert_string_equal(pblint_check_option_item(&chk, "cjk", 0), "万元");
    assert_string_equal(pblint_check_option_item(&chk, "cjk", 1), "元");
    assert_string_equal(pblint_check_option_item(&chk, "cjk", 2), "亿元");
    assert_null(pblint_check_option_item(&chk, "cjk", 3));
    assert_string_equal(pblint_check_option_item(&chk, "threshold", 0), "95");
    assert_null(pblint_check_option_item(&chk, "missing", 0));
    pblint_result_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_warning),
        cmocka_unit_test(test_error_and_note_words),
        cmocka_unit_test(test_cjk_tabs_columns),
        cmocka_unit_test(test_caret_on_tab),
        cmocka_unit_test(test_note),
        cmocka_unit_test(test_fixit_escaping_and_hint),
        cmocka_unit_test(test_fixit_positions),
        cmocka_unit_test(test_fixit_hints_layout),
        cmocka_unit_test(test_color),
        cmocka_unit_test(test_sort_order),
        cmocka_unit_test(test_min_severity),
        cmocka_unit_test(test_fixit_overlap),
        cmocka_unit_test(test_empty_span),
        cmocka_unit_test(test_multiline_span),
        cmocka_unit_test(test_trailing_blanks_and_controls),
        cmocka_unit_test(test_wide_margin),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_options_and_io),
        cmocka_unit_test(test_span_clamping),
        cmocka_unit_test(test_report_severity),
        cmocka_unit_test(test_emit),
        cmocka_unit_test(test_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

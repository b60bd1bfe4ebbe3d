/*
 * Unit tests for the machine-readable renderers (render_json.c,
 * render_sarif.c, render_github.c) and the log that assembles them:
 * positions at line ends and at the end of the file, byte offsets with a
 * BOM, URI encoding, repair of invalid UTF-8, escaping, fingerprints, and
 * the envelopes with no file, with failures, and with several files.
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

static pblint_diag *add(pblint_result *res, const char *rule, int sev, uint32_t start, uint32_t end,
                        const char *fmt, ...) PBLINT_PRINTF(6, 7);
static pblint_diag *add(pblint_result *res, const char *rule, int sev, uint32_t start, uint32_t end,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pblint_span s = {start, end};
    pblint_diag *d = pb_diag_new(res, rule, sev, s, fmt, ap);
    va_end(ap);
    assert_non_null(d);
    return d;
}

static pblint_span sp(uint32_t a, uint32_t b)
{
    pblint_span s = {a, b};
    return s;
}

typedef int (*render_fn)(const pblint_result *, const pblint_output_options *, FILE *);

static char *render(render_fn fn, const pblint_result *res, const pblint_output_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fn(res, o, f), 0);
    fclose(f);
    return buf;
}

static void expect(render_fn fn, const pblint_result *res, const pblint_output_options *o,
                   const char *want)
{
    char *got = render(fn, res, o);
    assert_string_equal(got, want);
    free(got);
}

/* ----------------------------------------------------------------- JSON */

static void test_json_positions(void **state)
{
    (void)state;
    /* CRLF, a CJK character, a lone CR line, and a final line break */
    const char text[] = "a\xe9\xa1\xb9"
                        "b\r\nc\rd\n";
    pblint_result *res = make("p.txt", text, sizeof text - 1);
    /* at the CR of line 1: the end of line 1's text */
    add(res, "t/a", PBLINT_SEV_ERROR, 5, 6, "at the CR");
    /* the end of the file, after the line break: the end of the last line
     * for a diagnostic; line 4, column 1 for an edit */
    pblint_diag *d = add(res, "t/b", PBLINT_SEV_NOTE, 11, 11, "at the end");
    assert_int_equal(pblint_diag_add_fixit(d, sp(11, 11), "e\n"), 0);
    /* inside the CJK character: moved to its end */
    pblint_diag_add_note(d, sp(2, 4), "in a character");
    pb_result_sort(res);
    pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
    expect(pblint_render_json_file, res, &o,
           "    {\n"
           "      \"path\": \"p.txt\",\n"
           "      \"encoding\": \"UTF-8\",\n"
           "      \"kind\": \"unknown\",\n"
           "      \"diagnostics\": [\n"
           "        {\"rule\": \"t/a\", \"severity\": \"error\", \"message\": \"at the CR\", "
           "\"span\": {\"start_byte\": 5, \"end_byte\": 6, \"start\": {\"line\": 1, \"column\": 4, "
           "\"byte_column\": 6}, \"end\": {\"line\": 1, \"column\": 4, \"byte_column\": 6}}, "
           "\"notes\": [], \"fixes\": []},\n"
           "        {\"rule\": \"t/b\", \"severity\": \"note\", \"message\": \"at the end\", "
           "\"span\": {\"start_byte\": 11, \"end_byte\": 11, \"start\": {\"line\": 3, \"column\": 2, "
           "\"byte_column\": 2}, \"end\": {\"line\": 3, \"column\": 2, \"byte_column\": 2}}, "
           "\"notes\": [{\"message\": \"in a character\", \"span\": {\"start_byte\": 2, \"end_byte\": "
           "4, \"start\": {\"line\": 1, \"column\": 3, \"byte_column\": 5}, \"end\": {\"line\": 1, "
           "\"column\": 3, \"byte_column\": 5}}}], \"fixes\": [{\"span\": {\"start_byte\": 11, "
           "\"end_byte\": 11, \"start\": {\"line\": 4, \"column\": 1, \"byte_column\": 1}, \"end\": "
           "{\"line\": 4, \"column\": 1, \"byte_column\": 1}}, \"replacement\": \"e\\n\"}]}\n"
           "      ]\n"
           "    }");
    /* min_severity leaves the note out */
    o.min_severity = PBLINT_SEV_ERROR;
    char *got = render(pblint_render_json_file, res, &o);
    assert_null(strstr(got, "at the end"));
    assert_non_null(strstr(got, "at the CR"));
    free(got);
    o.version = 99;
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(pblint_render_json_file(res, &o, f), PBLINT_EINVAL);
    assert_int_equal(pblint_render_sarif_results(res, &o, f), PBLINT_EINVAL);
    assert_int_equal(pblint_render_github(res, &o, f), PBLINT_EINVAL);
    assert_int_equal(pblint_render_json_file(NULL, NULL, f), PBLINT_EINVAL);
    fclose(f);
    pblint_result_free(res);
}

static void test_json_repairs_and_escapes(void **state)
{
    (void)state;
    pblint_result *res = make("q\"\\.txt", "x\n", 2);
    /* half of 项, a quote, a tab, a NUL-free control character */
    add(res, "t/a", PBLINT_SEV_WARNING, 0, 1, "cut \xe9\xa1 \"q\"\t\x01");
    pb_result_sort(res);
    pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
    char *got = render(pblint_render_json_file, res, &o);
    assert_non_null(strstr(got, "\"path\": \"q\\\"\\\\.txt\""));
    assert_non_null(strstr(got, "\"message\": \"cut \xef\xbf\xbd \\\"q\\\"\\t\\u0001\""));
    free(got);
    pblint_result_free(res);
}

/* ---------------------------------------------------------------- SARIF */

static void test_sarif_uri_and_bytes(void **state)
{
    (void)state;
    const char text[] = "\xef\xbb\xbf"
                        "ab\n";
    pblint_result *res = make("dir with space/\xe9\xa1\xb9:#?.txt", text, sizeof text - 1);
    pblint_diag *d = add(res, "t/a", PBLINT_SEV_WARNING, 1, 2, "b");
    assert_int_equal(pblint_diag_add_fixit(d, sp(1, 2), ""), 0);
    pb_result_sort(res);
    pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
    char *got = render(pblint_render_sarif_results, res, &o);
    /* no ctx: no ruleIndex; byteOffset counts the BOM; deleting inserts nothing */
    const char *uri = "{\"uri\": \"dir%20with%20space/%E9%A1%B9%3A%23%3F.txt\"}";
    const char *region = "{\"startLine\": 1, \"startColumn\": 2, \"endLine\": 1, \"endColumn\": 3, "
                         "\"byteOffset\": 4, \"byteLength\": 1}";
    char want[1024];
    snprintf(want, sizeof want,
             "        {\"ruleId\": \"t/a\", \"level\": \"warning\", \"message\": {\"text\": \"b\"}, "
             "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": %s, \"region\": %s}}], "
             "\"partialFingerprints\": {\"primaryLocationLineHash\": \"",
             uri, region);
    assert_memory_equal(got, want, strlen(want));
    snprintf(want, sizeof want,
             ":1\"}, \"fixes\": [{\"artifactChanges\": [{\"artifactLocation\": %s, "
             "\"replacements\": [{\"deletedRegion\": %s}]}]}]}",
             uri, region);
    assert_non_null(strstr(got, want));
    free(got);
    pblint_result_free(res);

    /* an absolute path is a file: URI; a converted file has no byte offsets */
    const char gb[] = "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\n";
    res = make("/abs/x y.txt", gb, sizeof gb - 1);
    assert_string_equal(pblint_doc_encoding(res->doc), "GB18030");
    add(res, "t/a", PBLINT_SEV_NOTE, 3, 6, "second character");
    pb_result_sort(res);
    got = render(pblint_render_sarif_results, res, &o);
    assert_non_null(strstr(got, "\"uri\": \"file:///abs/x%20y.txt\""));
    assert_non_null(strstr(got, "\"region\": {\"startLine\": 1, \"startColumn\": 2, \"endLine\": 1, "
                                "\"endColumn\": 3}}"));
    assert_null(strstr(got, "byteOffset"));
    free(got);
    pblint_result_free(res);
}

static char *fingerprint_of(const char *text, uint32_t start, uint32_t end, int nth)
{
    pblint_result *res = make("f.txt", text, strlen(text));
    add(res, "t/a", PBLINT_SEV_WARNING, start, end, "m");
    if (nth > 1)
        add(res, "t/a", PBLINT_SEV_WARNING, start + 4, end + 4, "m");
    pb_result_sort(res);
    pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
    char *got = render(pblint_render_sarif_results, res, &o);
    pblint_result_free(res);
    const char *key = "\"primaryLocationLineHash\": \"";
    char *p = got;
    for (int i = 0; i < nth; i++) {
        p = strstr(p, key);
        assert_non_null(p);
        p += strlen(key);
    }
    char *fp = strndup(p, strcspn(p, "\""));
    free(got);
    return fp;
}

static void test_sarif_fingerprints(void **state)
{
    (void)state;
    /* the same text two lines further down: the same fingerprint */
    char *a = fingerprint_of("x\nfoo bar\n", 2, 9, 1);
    char *b = fingerprint_of("x\ny\nz\nfoo bar\n", 6, 13, 1);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), 18);
    assert_string_equal(a + 16, ":1");
    /* white space is folded: still the same */
    char *c = fingerprint_of("x\nfoo \t bar\n", 2, 11, 1);
    assert_string_equal(a, c);
    /* other text: another fingerprint */
    char *d = fingerprint_of("x\nfoo baz\n", 2, 9, 1);
    assert_string_not_equal(a, d);
    /* the second equal finding of a file is :2 */
    char *e = fingerprint_of("abc\nabc\n", 0, 3, 2);
    char *f = fingerprint_of("abc\nabc\n", 0, 3, 1);
    assert_memory_equal(e, f, 16);
    assert_string_equal(e + 16, ":2");
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    free(f);
}

/* ----------------------------------------------------------------- logs */

static char *log_of(int format, const pblint_result *const *res, size_t n, const char *fail_path,
                    const pblint_log_summary *sum)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    pblint_log_options lo = PBLINT_LOG_OPTIONS_INIT;
    lo.format = format;
    pblint_log *log = NULL;
    assert_int_equal(pblint_log_begin(&lo, f, &log), 0);
    for (size_t i = 0; i < n; i++) {
        pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
        render_fn fn = format == PBLINT_FORMAT_JSON    ? pblint_render_json_file
                       : format == PBLINT_FORMAT_SARIF ? pblint_render_sarif_results
                                                       : pblint_render_github;
        char *frag = render(fn, res[i], &o);
        assert_int_equal(pblint_log_add(log, frag, strlen(frag)), 0);
        free(frag);
    }
    if (fail_path)
        assert_int_equal(pblint_log_add_failure(log, fail_path, "nope.txt: cannot open"), 0);
    assert_int_equal(pblint_log_end(log, sum), 0);
    fclose(f);
    return buf;
}

static void test_logs(void **state)
{
    (void)state;
    char *got = log_of(PBLINT_FORMAT_JSON, NULL, 0, NULL, NULL);
    assert_string_equal(got, "{\n"
                             "  \"version\": 1,\n"
                             "  \"tool\": {\"name\": \"pblint\", \"version\": \"" PBLINT_VERSION_STRING
                             "\"},\n"
                             "  \"files\": [],\n"
                             "  \"errors\": [],\n"
                             "  \"summary\": {\"errors\": 0, \"warnings\": 0, \"notes\": 0, \"files\": 0}\n"
                             "}\n");
    free(got);

    got = log_of(PBLINT_FORMAT_SARIF, NULL, 0, "nope.txt", NULL);
    assert_string_equal(
        got, "{\n"
             "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
             "  \"version\": \"2.1.0\",\n"
             "  \"runs\": [\n"
             "    {\n"
             "      \"tool\": {\n"
             "        \"driver\": {\n"
             "          \"name\": \"pblint\",\n"
             "          \"semanticVersion\": \"" PBLINT_VERSION_STRING "\",\n"
             "          \"rules\": []\n"
             "        }\n"
             "      },\n"
             "      \"columnKind\": \"unicodeCodePoints\",\n"
             "      \"results\": [],\n"
             "      \"invocations\": [\n"
             "        {\"executionSuccessful\": false, \"toolExecutionNotifications\": [{\"level\": "
             "\"error\", \"message\": {\"text\": \"nope.txt: cannot open\"}, \"locations\": "
             "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"nope.txt\"}}}]}]}\n"
             "      ]\n"
             "    }\n"
             "  ]\n"
             "}\n");
    free(got);

    /* two files, the first with nothing to say: one separator, in order */
    pblint_result *r1 = make("a.txt", "a\n", 2);
    pblint_result *r2 = make("b.txt", "b\n", 2);
    pblint_result *r3 = make("c.txt", "c\n", 2);
    add(r2, "t/a", PBLINT_SEV_WARNING, 0, 1, "in b");
    add(r3, "t/a", PBLINT_SEV_ERROR, 0, 1, "in c");
    pb_result_sort(r2);
    pb_result_sort(r3);
    const pblint_result *rs[] = {r1, r2, r3};
    got = log_of(PBLINT_FORMAT_SARIF, rs, 3, NULL, NULL);
    const char *p = strstr(got, "\"results\": [\n        {\"ruleId\": \"t/a\", \"level\": \"warning\"");
    assert_non_null(p);
    p = strstr(p, "},\n        {\"ruleId\": \"t/a\", \"level\": \"error\"");
    assert_non_null(p);
    assert_non_null(strstr(p, "}\n      ],\n      \"invocations\": [\n        "
                              "{\"executionSuccessful\": true, \"toolExecutionNotifications\": []}\n"));
    free(got);
    pblint_log_summary sum = {1, 1, 0, 3};
    got = log_of(PBLINT_FORMAT_JSON, rs, 3, "nope.txt", &sum);
    assert_non_null(strstr(got, "\"diagnostics\": []\n    },\n    {\n      \"path\": \"b.txt\""));
    assert_non_null(strstr(got, "  ],\n  \"errors\": [\n    {\"path\": \"nope.txt\", \"message\": "
                                "\"nope.txt: cannot open\"}\n  ],\n  \"summary\": {\"errors\": 1, "
                                "\"warnings\": 1, \"notes\": 0, \"files\": 3}\n}\n"));
    free(got);
    got = log_of(PBLINT_FORMAT_GITHUB, rs, 3, "nope.txt", NULL);
    assert_string_equal(got, "::warning file=b.txt,line=1,endLine=1,col=1,endColumn=2,title=t/a::in b\n"
                             "::error file=c.txt,line=1,endLine=1,col=1,endColumn=2,title=t/a::in c\n");
    free(got);
    pblint_result_free(r1);
    pblint_result_free(r2);
    pblint_result_free(r3);

    pblint_log *log = NULL;
    pblint_log_options lo = PBLINT_LOG_OPTIONS_INIT;
    lo.format = 17;
    assert_int_equal(pblint_log_begin(&lo, stdout, &log), PBLINT_EINVAL);
    assert_null(log);
    assert_int_equal(pblint_log_end(NULL, NULL), PBLINT_EINVAL);
}

/* --------------------------------------------------------------- github */

static void test_github_escaping(void **state)
{
    (void)state;
    pblint_result *res = make("a,b:c%.txt", "\xe9\xa1\xb9x\ny\n", 6);
    pblint_diag *d = add(res, "t/a", PBLINT_SEV_NOTE, 3, 6, "50%% done, ok: yes\r\nnext \xe9");
    pblint_diag_add_note(d, sp(5, 6), "and: here, 100%%");
    pb_result_sort(res);
    pblint_output_options o = PBLINT_OUTPUT_OPTIONS_INIT;
    expect(pblint_render_github, res, &o,
           "::notice file=a%2Cb%3Ac%25.txt,line=1,endLine=2,col=2,endColumn=2,title=t/a::"
           "50%25 done, ok: yes%0D%0Anext \xef\xbf\xbd%0Anote: a,b:c%25.txt:2:1: and: here, 100%25\n");
    pblint_result_free(res);
}

static void test_format_names(void **state)
{
    (void)state;
    int f = -1;
    assert_int_equal(pblint_format_parse("sarif", &f), 0);
    assert_int_equal(f, PBLINT_FORMAT_SARIF);
    assert_int_equal(pblint_format_parse("github", &f), 0);
    assert_int_equal(f, PBLINT_FORMAT_GITHUB);
    assert_int_equal(pblint_format_parse("JSON", &f), PBLINT_EINVAL);
    assert_int_equal(pblint_format_parse(NULL, &f), PBLINT_EINVAL);
    assert_string_equal(pblint_format_name(PBLINT_FORMAT_TEXT), "text");
    assert_string_equal(pblint_format_name(PBLINT_FORMAT_JSON), "json");
    assert_null(pblint_format_name(4));
    assert_null(pblint_format_name(-1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_positions),
        cmocka_unit_test(test_json_repairs_and_escapes),
        cmocka_unit_test(test_sarif_uri_and_bytes),
        cmocka_unit_test(test_sarif_fingerprints),
        cmocka_unit_test(test_logs),
        cmocka_unit_test(test_github_escaping),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

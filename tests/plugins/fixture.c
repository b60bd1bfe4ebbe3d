/*
 * fixture: a test plugin for the output formats and --fix (tests/format/).
 *
 * Its rules look at the raw lines of the document (which a real plugin must
 * not do: it reads the model) so that the fixture file tests/format/
 * fixture.txt gets a known set of diagnostics with notes, multi-line spans,
 * fix-its of one and of two edits, insertions, deletions of whole lines,
 * overlapping fix-its, fix-its of a rule not flagged fixable, and messages
 * that need escaping.  Built only for the tests; never installed.
 */
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

#define FULLWIDTH_COLON "\xef\xbc\x9a" /* ： */

typedef struct line {
    const char *s; /* the line's bytes (line ending excluded) */
    uint32_t start, end;
} line;

static line get_line(const pblint_doc *doc, unsigned i)
{
    size_t len = 0;
    const char *t = pblint_doc_text(doc, &len);
    pblint_span sp = pblint_doc_line_span(doc, i);
    line l = {t + sp.start, sp.start, sp.end};
    return l;
}

static pblint_span span(uint32_t a, uint32_t b)
{
    pblint_span s = {a, b};
    return s;
}

/* True when the byte before p (inside the line) ends a non-ASCII character. */
static bool after_non_ascii(const line *l, uint32_t at)
{
    return at > l->start && ((unsigned char)l->s[at - l->start - 1] & 0x80u) != 0;
}

/* ASCII ':' right after a CJK label: replace it with the full-width colon. */
static int check_ascii_colon(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        for (uint32_t at = l.start; at < l.end; at++) {
            if (l.s[at - l.start] != ':' || !after_non_ascii(&l, at))
                continue;
            uint32_t label = at;
            while (label > l.start && l.s[label - l.start - 1] != '\t')
                label--;
            pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(at, at + 1),
                                           "ASCII colon after a label: the form writes \"%s\"",
                                           FULLWIDTH_COLON);
            if (!d)
                continue;
            pblint_diag_add_note(d, span(label, at), "the label is here");
            pblint_diag_add_fixit(d, span(at, at + 1), FULLWIDTH_COLON);
        }
    }
    return 0;
}

/* A colon (either width) after a CJK label followed by spaces: replace the
 * colon and the spaces with one full-width colon. */
static int check_colon_space(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        for (uint32_t at = l.start; at < l.end; at++) {
            size_t cl = 0;
            const char *p = l.s + (at - l.start);
            if (*p == ':')
                cl = 1;
            else if (l.end - at >= 3 && memcmp(p, FULLWIDTH_COLON, 3) == 0)
                cl = 3;
            if (!cl || !after_non_ascii(&l, at))
                continue;
            uint32_t e = at + (uint32_t)cl;
            while (e < l.end && l.s[e - l.start] == ' ')
                e++;
            if (e == at + cl)
                continue;
            pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(at, e),
                                           "space after the colon of a label");
            if (d)
                pblint_diag_add_fixit(d, span(at, e), FULLWIDTH_COLON);
            at = e - 1;
        }
    }
    return 0;
}

/* Trailing ASCII spaces: delete them. */
static int check_trailing_space(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        uint32_t e = l.end;
        while (e > l.start && l.s[e - l.start - 1] == ' ')
            e--;
        if (e == l.end)
            continue;
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(e, l.end),
                                       "%u trailing space%s", (unsigned)(l.end - e),
                                       l.end - e == 1 ? "" : "s");
        if (d)
            pblint_diag_add_fixit(d, span(e, l.end), "");
    }
    return 0;
}

/* ASCII parentheses around CJK text: two edits, to full-width ones. */
static int check_paren(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        const char *open = memchr(l.s, '(', l.end - l.start);
        if (!open)
            continue;
        uint32_t a = l.start + (uint32_t)(open - l.s);
        const char *close = memchr(open, ')', l.end - a);
        if (!close || close == open + 1 || !((unsigned char)open[1] & 0x80u))
            continue;
        uint32_t b = l.start + (uint32_t)(close - l.s);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(a, b + 1),
                                       "ASCII parentheses around Chinese text");
        if (!d)
            continue;
        pblint_diag_add_fixit(d, span(a, a + 1), "\xef\xbc\x88");     /* （ */
        pblint_diag_add_fixit(d, span(b, b + 1), "\xef\xbc\x89");     /* ） */
    }
    return 0;
}

/* The text does not end with a line break: insert one at the end. */
static int check_final_newline(pblint_check *chk, const pblint_doc *doc)
{
    size_t len = 0;
    const char *t = pblint_doc_text(doc, &len);
    if (len == 0 || t[len - 1] == '\n' || t[len - 1] == '\r')
        return 0;
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span((uint32_t)len, (uint32_t)len),
                                   "no line break at the end of the file");
    if (d)
        pblint_diag_add_fixit(d, span((uint32_t)len, (uint32_t)len), "\n");
    return 0;
}

static bool blank(const line *l)
{
    return l->end == l->start;
}

/* Two or more blank lines in a row: delete all but one (whole lines). */
static int check_blank_run(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        if (!blank(&l))
            continue;
        unsigned j = i;
        while (j + 1 <= n) {
            line m = get_line(doc, j + 1);
            if (!blank(&m))
                break;
            j++;
        }
        if (j > i) {
            /* from the start of the second blank line to the start of the line after the run */
            line second = get_line(doc, i + 1);
            line after = get_line(doc, j + 1 <= n ? j + 1 : j);
            uint32_t end = j + 1 <= n ? after.start : after.end;
            pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(second.start, end),
                                           "%u blank lines in a row", j - i + 1);
            if (d)
                pblint_diag_add_fixit(d, span(second.start, end), "");
        }
        i = j;
    }
    return 0;
}

/* "金额单位：万元": suggests 元 (a guess, so the rule is not flagged fixable). */
static int check_suggest_yuan(pblint_check *chk, const pblint_doc *doc)
{
    static const char word[] = "\xe9\x87\x91\xe9\xa2\x9d\xe5\x8d\x95\xe4\xbd\x8d" FULLWIDTH_COLON
                               "\xe4\xb8\x87\xe5\x85\x83"; /* 金额单位：万元 */
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        size_t wl = sizeof word - 1;
        if (l.end - l.start < wl || memcmp(l.s, word, wl) != 0)
            continue;
        uint32_t unit = l.start + (uint32_t)(wl - 6);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, span(unit, unit + 6),
                                       "the amounts look like 元, not 万元");
        if (d)
            pblint_diag_add_fixit(d, span(unit, unit + 6), "\xe5\x85\x83");
    }
    return 0;
}

/* A "合计" row: a two-line span, two identical notes, and a message with a
 * character cut in half (invalid UTF-8, which the JSON writers repair). */
static int check_total(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 2; i <= n; i++) {
        line l = get_line(doc, i);
        if (l.end - l.start < 6 || memcmp(l.s, "\xe5\x90\x88\xe8\xae\xa1", 6) != 0) /* 合计 */
            continue;
        line prev = get_line(doc, i - 1);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_ERROR, span(prev.start, l.end),
                                       "the total row %.4s... has no amount of its own", l.s);
        if (!d)
            continue;
        pblint_diag_add_note(d, span(prev.start, prev.end), "the row above it is here");
        pblint_diag_add_note(d, span(prev.start, prev.end), "the row above it is here");
    }
    return 0;
}

/* A line with "%": a message with a percent sign, a comma, a colon and a
 * line break, for the escaping of the github format. */
static int check_percent(pblint_check *chk, const pblint_doc *doc)
{
    unsigned n = pblint_doc_line_count(doc);
    for (unsigned i = 1; i <= n; i++) {
        line l = get_line(doc, i);
        const char *p = memchr(l.s, '%', l.end - l.start);
        if (!p)
            continue;
        uint32_t at = l.start + (uint32_t)(p - l.s);
        pblint_report(chk, PBLINT_SEV_DEFAULT, span(at, at + 1),
                      "100%% of 90%%, said: twice\nsecond line\r\nthird line");
    }
    return 0;
}

static const pblint_rule_desc rules[] = {
    {"ascii-colon", "a label is followed by an ASCII colon", PBLINT_SEV_WARNING, check_ascii_colon,
     PBLINT_RULE_FIXABLE, {0}},
    {"colon-space", "a label's colon is followed by spaces", PBLINT_SEV_WARNING, check_colon_space,
     PBLINT_RULE_FIXABLE, {0}},
    {"trailing-space", "a line ends with spaces", PBLINT_SEV_NOTE, check_trailing_space,
     PBLINT_RULE_FIXABLE, {0}},
    {"paren", "ASCII parentheses around Chinese text", PBLINT_SEV_WARNING, check_paren,
     PBLINT_RULE_FIXABLE, {0}},
    {"final-newline", "the file does not end with a line break", PBLINT_SEV_NOTE,
     check_final_newline, PBLINT_RULE_FIXABLE, {0}},
    {"blank-run", "several blank lines in a row", PBLINT_SEV_NOTE, check_blank_run,
     PBLINT_RULE_FIXABLE, {0}},
    {"suggest-yuan", "a 金额单位 of 万元 that looks like 元", PBLINT_SEV_WARNING, check_suggest_yuan,
     0, {0}},
    {"total", "a total row", PBLINT_SEV_WARNING, check_total, 0, {0}},
    {"percent", "a percent sign", PBLINT_SEV_NOTE, check_percent, 0, {0}},
};

static const pblint_plugin_desc plugin =
    PBLINT_PLUGIN_DESC_INIT("fixture", "1.0.0", "test diagnostics for the output formats", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

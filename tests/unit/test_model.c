/*
 * Unit tests for the document model, through the public API only:
 * pblint_parse() on in-memory texts and on files, then the model is checked
 * exactly — document kind, year, money unit, every field (key, label, value
 * text, typed value, spans as line:column), every table (kind, columns, row
 * kinds, cells by role, merged cells carried down, realigned rows, check
 * boxes, cost-list depth and parent), statements read from sentences, and
 * the reader's parse/... diagnostics.
 *
 * The expectations are what each filing SHOULD yield, read off the filing by
 * hand (the seeds in SEEDS_DIR, the variant fixtures in TESTS_DIR/model/).
 * Tests that once caught a model bug say so in a comment.
 *
 * Checks are "soft": a test reports every mismatch it finds (so that one
 * wrong cell does not hide the next) and fails at its end if there was any.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "alias.h"
#include "internal.h"

#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif
#ifndef TESTS_DIR
#define TESTS_DIR "tests"
#endif

#define SEED001 "001_fcbd786c23210c20.txt"
#define SEED003 "003_15b5cc2a07eb4fba.txt"
#define SEED004 "004_d54df65a39392abc.txt"

/* ------------------------------------------------------ soft checks */

static int g_fails;
static const char *g_what = ""; /* what is being checked, for messages */

static void soft_fail(const char *file, int line, const char *fmt, ...) PBLINT_PRINTF(3, 4);
static void soft_fail(const char *file, int line, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    print_error("%s:%d: [%s] %s\n", file, line, g_what, buf);
    g_fails++;
}

#define CHECK(cond, ...)                                                                          \
    do {                                                                                          \
        if (!(cond))                                                                              \
            soft_fail(__FILE__, __LINE__, __VA_ARGS__);                                           \
    } while (0)

#define END_CHECKS()                                                                              \
    do {                                                                                          \
        if (g_fails)                                                                              \
            print_error("%d mismatch%s\n", g_fails, g_fails == 1 ? "" : "es");                   \
        assert_int_equal(g_fails, 0);                                                             \
    } while (0)

/* ---------------------------------------------------------- fixture */

typedef struct fx {
    pblint_ctx *ctx;
    pblint_result *res;
    const pblint_doc *doc;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->ctx = pblint_ctx_new();
    if (!f->ctx) {
        free(f);
        return -1;
    }
    g_fails = 0;
    g_what = "";
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    pblint_result_free(f->res);
    pblint_ctx_free(f->ctx);
    free(f);
    return 0;
}

static void check_invariants(const pblint_doc *doc);

static const pblint_doc *parse_n(fx *f, const char *name, const char *text, size_t len)
{
    pblint_result_free(f->res);
    f->res = NULL;
    int rc = pblint_parse(f->ctx, name, text, len, &f->res);
    if (rc != 0)
        print_error("pblint_parse(%s): %d %s\n", name, rc, pblint_ctx_error(f->ctx));
    assert_int_equal(rc, 0);
    assert_non_null(f->res);
    f->doc = pblint_result_doc(f->res);
    assert_non_null(f->doc);
    check_invariants(f->doc);
    return f->doc;
}

static const pblint_doc *parse_str(fx *f, const char *text)
{
    return parse_n(f, "mem.txt", text, strlen(text));
}

static char *slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        print_error("cannot open %s\n", path);
        return NULL;
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static const pblint_doc *parse_path(fx *f, const char *dir, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *buf = slurp(path, &len);
    assert_non_null(buf);
    const pblint_doc *d = parse_n(f, name, buf, len);
    free(buf);
    return d;
}

#define parse_seed(f, name) parse_path((f), SEEDS_DIR, (name))
#define parse_fixture(f, name) parse_path((f), TESTS_DIR "/model", (name))

/* ---------------------------------------------------------- helpers */

static void pos(const pblint_doc *d, uint32_t off, unsigned *line, unsigned *col)
{
    pblint_doc_position(d, off, PBLINT_COLUMN_CODEPOINT, line, col);
}

static unsigned line_of(const pblint_doc *d, uint32_t off)
{
    unsigned l, c;
    pos(d, off, &l, &c);
    return l;
}

static const char *tstr(const pblint_text *t)
{
    return t ? pblint_text_str(t, NULL) : "(null)";
}

#define ELLIPSIS "\xe2\x80\xa6" /* … : a trailing one makes the expectation a prefix */

/* Whether the normalised text matches `want` (a prefix when it ends with …). */
static bool text_matches(const char *got, const char *want)
{
    size_t n = strlen(want);
    if (n >= 3 && memcmp(want + n - 3, ELLIPSIS, 3) == 0)
        return strncmp(got, want, n - 3) == 0;
    return strcmp(got, want) == 0;
}

/* The source bytes of a span, as a NUL-terminated copy in buf. */
static const char *slice(const pblint_doc *d, pblint_span sp, char *buf, size_t size)
{
    size_t n;
    const char *s = pblint_doc_slice(d, sp, &n);
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static bool slice_is(const pblint_doc *d, pblint_span sp, const char *want)
{
    size_t n;
    const char *s = pblint_doc_slice(d, sp, &n);
    return n == strlen(want) && memcmp(s, want, n) == 0;
}

static bool slice_starts(const pblint_doc *d, pblint_span sp, const char *want)
{
    size_t n;
    const char *s = pblint_doc_slice(d, sp, &n);
    return n >= strlen(want) && memcmp(s, want, strlen(want)) == 0;
}

/* Whether byte `off` ends a cell: a tab, a line ending or the end of the text. */
static bool at_cell_end(const pblint_doc *d, uint32_t off)
{
    size_t len;
    const char *t = pblint_doc_text(d, &len);
    return off >= len || t[off] == '\t' || t[off] == '\r' || t[off] == '\n';
}

static int role_by_name(const char *name, size_t n)
{
    for (int r = 0; r < PBLINT_COL__COUNT; r++) {
        const char *rn = pblint_col_role_name(r);
        if (strlen(rn) == n && memcmp(rn, name, n) == 0)
            return r;
    }
    return -1;
}

static int kind_by_name(const char *name, size_t n)
{
    static const char *const K[] = {"empty",   "text",  "word",   "number", "amount",
                                    "percent", "count", "period", "date"};
    for (size_t i = 0; i < PB_ARRAY_LEN(K); i++)
        if (strlen(K[i]) == n && memcmp(K[i], name, n) == 0)
            return (int)i;
    return -1;
}

static const char *kind_str(int k)
{
    static const char *const K[] = {"empty",   "text",  "word",   "number", "amount",
                                    "percent", "count", "period", "date"};
    return k >= 0 && (size_t)k < PB_ARRAY_LEN(K) ? K[k] : "?";
}

static int money_unit_by_name(const char *s, size_t n)
{
    for (int u = PBLINT_MONEY_YUAN; u <= PBLINT_MONEY_YI; u++) {
        const char *un = pblint_money_unit_name(u);
        if (strlen(un) == n && memcmp(un, s, n) == 0)
            return u;
    }
    return -1;
}

/*
 * Checks a typed value against a spec: "KIND [n=DEC] [fen=INT] [mu=万元]
 * [op=none|eq|ge|gt|le|lt|range] [u=UNIT] [d=Y-M-D] [f=fw,dash,sep,words,
 * nonc,partial,trail] [!f=...]" (an empty spec checks nothing).
 */
static void check_value(const pblint_value *v, const char *spec, const char *where)
{
    if (!spec || !*spec)
        return;
    if (!v) {
        CHECK(false, "%s: no value (want %s)", where, spec);
        return;
    }
    const char *p = spec;
    bool first = true;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        if (n == 0)
            break;
        char tok[128];
        if (n >= sizeof tok)
            n = sizeof tok - 1;
        memcpy(tok, p, n);
        tok[n] = '\0';
        p = e;
        char *eq = strchr(tok, '=');
        if (first && !eq) {
            int k = kind_by_name(tok, strlen(tok));
            CHECK(k >= 0, "%s: bad kind in spec '%s'", where, spec);
            CHECK(v->kind == k, "%s: kind %s, want %s", where, kind_str(v->kind), tok);
            first = false;
            continue;
        }
        first = false;
        if (!eq) {
            CHECK(false, "%s: bad spec token '%s'", where, tok);
            continue;
        }
        *eq = '\0';
        const char *key = tok, *val = eq + 1;
        if (strcmp(key, "n") == 0) {
            char buf[64];
            pblint_decimal_format(v->num, buf, sizeof buf);
            CHECK(strcmp(buf, val) == 0, "%s: number %s, want %s", where, buf, val);
        } else if (strcmp(key, "fen") == 0) {
            long long want = atoll(val);
            CHECK(v->fen == want, "%s: fen %lld, want %lld", where, (long long)v->fen, want);
        } else if (strcmp(key, "mu") == 0) {
            int u = money_unit_by_name(val, strlen(val));
            CHECK(v->money_unit == u, "%s: money unit %s, want %s", where,
                  pblint_money_unit_name(v->money_unit), val);
        } else if (strcmp(key, "op") == 0) {
            static const char *const OPS[] = {"none", "eq", "ge", "gt", "le", "lt", "range"};
            int want = -1;
            for (size_t i = 0; i < PB_ARRAY_LEN(OPS); i++)
                if (strcmp(OPS[i], val) == 0)
                    want = (int)i;
            CHECK(want >= 0, "%s: bad op '%s'", where, val);
            CHECK(v->op == want, "%s: op %d (%s), want %s", where, v->op,
                  pblint_op_symbol(v->op), val);
        } else if (strcmp(key, "u") == 0) {
            CHECK(strcmp(v->unit, val) == 0, "%s: unit '%s', want '%s'", where, v->unit, val);
        } else if (strcmp(key, "d") == 0) {
            int y = 0, m = 0, dd = 0;
            sscanf(val, "%d-%d-%d", &y, &m, &dd);
            CHECK(v->year == y && v->month == m && v->day == dd, "%s: date %d-%d-%d, want %s",
                  where, v->year, v->month, v->day, val);
        } else if (strcmp(key, "f") == 0 || strcmp(key, "!f") == 0) {
            bool want_set = key[0] == 'f';
            static const struct {
                const char *name;
                uint32_t bit;
            } F[] = {
                {"fw", PBLINT_VALF_FULLWIDTH},     {"dash", PBLINT_VALF_DASH},
                {"sep", PBLINT_VALF_SEPARATORS},   {"words", PBLINT_VALF_OP_WORDS},
                {"nonc", PBLINT_VALF_OP_NONCANONICAL}, {"partial", PBLINT_VALF_PARTIAL_DATE},
                {"trail", PBLINT_VALF_TRAILING_TEXT}, {"explicit", PBLINT_VALF_UNIT_EXPLICIT},
            };
            char fl[64];
            snprintf(fl, sizeof fl, "%s", val);
            for (char *s = strtok(fl, ","); s; s = strtok(NULL, ",")) {
                uint32_t bit = 0;
                for (size_t i = 0; i < PB_ARRAY_LEN(F); i++)
                    if (strcmp(F[i].name, s) == 0)
                        bit = F[i].bit;
                CHECK(bit != 0, "%s: bad flag '%s'", where, s);
                CHECK(((v->flags & bit) != 0) == want_set, "%s: flag %s %s (flags 0x%x)", where,
                      s, want_set ? "not set" : "set", v->flags);
            }
        } else {
            CHECK(false, "%s: bad spec key '%s'", where, key);
        }
    }
}

/* ------------------------------------------------------- invariants */

/* What must hold of any model: spans inside the text, rows in order, cells
 * inside their row, inherited cells from above, parents before children. */
static void check_invariants(const pblint_doc *d)
{
    const char *saved = g_what;
    g_what = "invariants";
    size_t len;
    pblint_doc_text(d, &len);
    for (size_t i = 0; i < pblint_doc_field_count(d); i++) {
        const pblint_field *fl = pblint_doc_field_at(d, i);
        pblint_span ts = pblint_text_span(pblint_field_text(fl));
        pblint_span ls = pblint_text_span(pblint_field_label(fl));
        CHECK(ts.start <= ts.end && ts.end <= len, "field %s: text span %u-%u", pblint_field_key(fl),
              ts.start, ts.end);
        CHECK(ls.start <= ls.end && ls.end <= len, "field %s: label span", pblint_field_key(fl));
        CHECK(pblint_field_section(fl) < pblint_doc_section_count(d), "field %s: section %zu",
              pblint_field_key(fl), pblint_field_section(fl));
        const pblint_value *v = pblint_field_value(fl);
        if (v->kind != PBLINT_VAL_EMPTY && v->span.end > v->span.start)
            CHECK(v->span.start >= ts.start && v->span.end <= ts.end,
                  "field %s: value span %u-%u outside its text %u-%u", pblint_field_key(fl),
                  v->span.start, v->span.end, ts.start, ts.end);
        for (size_t k = 0; k < pblint_field_choice_count(fl); k++) {
            pblint_choice c;
            CHECK(pblint_field_choice(fl, k, &c) == 0, "choice");
            CHECK(c.box.end <= len && pblint_text_span(c.label).end <= len, "choice span");
        }
    }
    for (size_t ti = 0; ti < pblint_doc_table_count(d); ti++) {
        const pblint_table *t = pblint_doc_table(d, ti);
        size_t nr = pblint_table_row_count(t);
        CHECK(nr >= 1, "table %zu has no rows", ti);
        if (nr == 0)
            continue;
        CHECK(pblint_row_kind(pblint_table_row(t, 0)) == PBLINT_ROW_HEADER,
              "table %zu: row 0 is not a header", ti);
        CHECK(pblint_table_section(t) < pblint_doc_section_count(d), "table %zu: section", ti);
        pblint_span tsp = pblint_table_span(t);
        uint32_t prev_end = 0;
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            pblint_span rs = pblint_row_span(r), re = pblint_row_extent(r);
            CHECK(re.start >= prev_end, "table %zu row %zu: extent overlaps the row above", ti, ri);
            CHECK(re.start <= rs.start && rs.end <= re.end && re.end <= len,
                  "table %zu row %zu: span %u-%u outside extent %u-%u", ti, ri, rs.start, rs.end,
                  re.start, re.end);
            CHECK(rs.start >= tsp.start && rs.end <= tsp.end, "table %zu row %zu: outside table",
                  ti, ri);
            prev_end = re.end;
            if (ri > 0)
                CHECK(pblint_row_kind(r) != PBLINT_ROW_HEADER, "table %zu row %zu: second header",
                      ti, ri);
            for (size_t ci = 0; ci < pblint_row_cell_count(r); ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                pblint_span cs = pblint_text_span(pblint_cell_text(c));
                CHECK(!pblint_cell_inherited(c), "table %zu row %zu: own cell %zu inherited", ti,
                      ri, ci);
                CHECK(cs.start >= re.start && cs.end <= re.end,
                      "table %zu row %zu cell %zu: span %u-%u outside the row", ti, ri, ci,
                      cs.start, cs.end);
                const pblint_value *v = pblint_cell_value(c);
                if (v->kind != PBLINT_VAL_EMPTY && v->span.end > v->span.start)
                    CHECK(v->span.start >= cs.start && v->span.end <= cs.end,
                          "table %zu row %zu cell %zu: value span outside the cell", ti, ri, ci);
            }
            for (int role = 1; role < PBLINT_COL__COUNT; role++) {
                const pblint_cell *c = pblint_row_cell(r, role);
                if (!c)
                    continue;
                CHECK(pblint_cell_role(c) == role, "table %zu row %zu: by-role %s has role %s",
                      ti, ri, pblint_col_role_name(role), pblint_col_role_name(pblint_cell_role(c)));
                if (pblint_cell_inherited(c))
                    CHECK(pblint_text_span(pblint_cell_text(c)).end <= re.start,
                          "table %zu row %zu: inherited %s is not from above", ti, ri,
                          pblint_col_role_name(role));
            }
            long p = pblint_row_parent(r);
            if (p >= 0) {
                CHECK((size_t)p < ri, "table %zu row %zu: parent %ld not above", ti, ri, p);
                if ((size_t)p < ri)
                    CHECK(pblint_row_depth(pblint_table_row(t, (size_t)p)) < pblint_row_depth(r),
                          "table %zu row %zu: parent not shallower", ti, ri);
            }
        }
    }
    for (size_t i = 0; i < pblint_doc_paragraph_count(d); i++) {
        const char *k = NULL;
        const pblint_text *p = pblint_doc_paragraph(d, i, &k);
        CHECK(p && !pblint_text_empty(p), "paragraph %zu is empty", i);
    }
    g_what = saved;
}

/* ------------------------------------------------------------ fields */

typedef struct xfield {
    const char *key;
    const char *label; /* normalised label; NULL = not checked; "*x" = ends with x */
    unsigned lline, lcol; /* label position (codepoint column; 0 = not checked) */
    const char *text;  /* normalised value text (… = prefix) */
    unsigned line, col; /* value text position (col 0 = not checked) */
    const char *vspec; /* typed value spec, see check_value */
    int section;       /* -1: not checked */
} xfield;

enum {
    XF_LABELS = 1u << 0,   /* check labels and their spans */
    XF_SECTIONS = 1u << 1, /* check section indices */
    XF_ONLY = 1u << 2      /* the list is complete: no other field may exist */
};

/* The nth (0-based) field with this key, in model order. */
static const pblint_field *field_nth(const pblint_doc *d, const char *key, size_t nth)
{
    for (size_t i = 0; i < pblint_doc_field_count(d); i++) {
        const pblint_field *fl = pblint_doc_field_at(d, i);
        if (strcmp(pblint_field_key(fl), key) == 0 && nth-- == 0)
            return fl;
    }
    return NULL;
}

static void check_label(const pblint_doc *d, const pblint_field *fl, const xfield *x)
{
    const pblint_text *lt = pblint_field_label(fl);
    const char *got = tstr(lt);
    if (x->label[0] == '*') {
        size_t gn = strlen(got), wn = strlen(x->label + 1);
        CHECK(gn >= wn && strcmp(got + gn - wn, x->label + 1) == 0,
              "field %s (line %u): label '%s', want it to end with '%s'", x->key, x->line, got,
              x->label + 1);
        CHECK(line_of(d, pblint_text_span(lt).start) == x->lline,
              "field %s: label on line %u, want %u", x->key, line_of(d, pblint_text_span(lt).start),
              x->lline);
        return;
    }
    CHECK(strcmp(got, x->label) == 0, "field %s (line %u): label '%s', want '%s'", x->key, x->line,
          got, x->label);
    if (x->label[0]) {
        unsigned l, c;
        pos(d, pblint_text_span(lt).start, &l, &c);
        CHECK(l == x->lline && (x->lcol == 0 || c == x->lcol),
              "field %s: label at %u:%u, want %u:%u", x->key, l, c, x->lline, x->lcol);
    }
}

static void check_one_field(const pblint_doc *d, const pblint_field *fl, const xfield *x,
                            unsigned flags)
{
    const pblint_text *tt = pblint_field_text(fl);
    const char *got = tstr(tt);
    CHECK(text_matches(got, x->text), "field %s (line %u): text '%.120s', want '%s'", x->key,
          x->line, got, x->text);
    unsigned l, c;
    pblint_span ts = pblint_text_span(tt);
    pos(d, ts.start, &l, &c);
    CHECK(l == x->line && (x->col == 0 || c == x->col), "field %s: text at %u:%u, want %u:%u",
          x->key, l, c, x->line, x->col);
    /* a long value (checked by its prefix) is not cut short: it runs to
     * the end of its cell */
    size_t tl = strlen(x->text);
    if (tl >= 3 && memcmp(x->text + tl - 3, ELLIPSIS, 3) == 0)
        CHECK(at_cell_end(d, ts.end), "field %s: text ends at %u, inside its cell", x->key,
              ts.end);
    char where[96];
    snprintf(where, sizeof where, "field %s (line %u)", x->key, x->line);
    check_value(pblint_field_value(fl), x->vspec, where);
    if (x->vspec && strncmp(x->vspec, "empty", 5) == 0)
        CHECK(pblint_text_empty(tt), "%s: not empty", where);
    if ((flags & XF_LABELS) && x->label)
        check_label(d, fl, x);
    if ((flags & XF_SECTIONS) && x->section >= 0)
        CHECK(pblint_field_section(fl) == (size_t)x->section, "%s: section %zu, want %d", where,
              pblint_field_section(fl), x->section);
}

/* Checks every expected field (the nth expectation of a key against the nth
 * field of that key); with XF_ONLY, also that nothing else was found. */
static void check_fields(const pblint_doc *d, const xfield *xs, size_t n, unsigned flags)
{
    for (size_t i = 0; i < n; i++) {
        size_t nth = 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(xs[j].key, xs[i].key) == 0)
                nth++;
        const pblint_field *fl = field_nth(d, xs[i].key, nth);
        CHECK(fl != NULL, "field %s #%zu (line %u, '%s') missing", xs[i].key, nth + 1, xs[i].line,
              xs[i].text);
        if (fl)
            check_one_field(d, fl, &xs[i], flags);
    }
    if (flags & XF_ONLY) {
        for (size_t i = 0; i < pblint_doc_field_count(d); i++) {
            const pblint_field *fl = pblint_doc_field_at(d, i);
            size_t nth = 0;
            for (size_t j = 0; j < i; j++)
                if (strcmp(pblint_field_key(pblint_doc_field_at(d, j)), pblint_field_key(fl)) == 0)
                    nth++;
            size_t want = 0;
            for (size_t j = 0; j < n; j++)
                if (strcmp(xs[j].key, pblint_field_key(fl)) == 0)
                    want++;
            CHECK(nth < want, "unexpected field %s (line %u): label '%s', text '%.60s'",
                  pblint_field_key(fl), line_of(d, pblint_text_span(pblint_field_text(fl)).start),
                  tstr(pblint_field_label(fl)), tstr(pblint_field_text(fl)));
        }
    }
}

static const pblint_field *field_by_label(const pblint_doc *d, const char *label)
{
    for (size_t i = 0; i < pblint_doc_field_count(d); i++) {
        const pblint_field *fl = pblint_doc_field_at(d, i);
        if (strcmp(tstr(pblint_field_label(fl)), label) == 0)
            return fl;
    }
    return NULL;
}

/* Choices as "label+|label-|..." (+ checked, - not). */
static void check_choices_str(const char *where, size_t n, int (*get)(const void *, size_t,
                                                                      pblint_choice *),
                              const void *obj, const char *want)
{
    char got[1024];
    size_t k = 0;
    got[0] = '\0';
    for (size_t i = 0; i < n && k < sizeof got - 64; i++) {
        pblint_choice c;
        if (get(obj, i, &c) != 0)
            break;
        k += (size_t)snprintf(got + k, sizeof got - k, "%s%s%c", i ? "|" : "", tstr(c.label),
                              c.checked ? '+' : '-');
    }
    CHECK(strcmp(got, want) == 0, "%s: choices '%s', want '%s'", where, got, want);
}

static int get_field_choice(const void *o, size_t i, pblint_choice *c)
{
    return pblint_field_choice(o, i, c);
}

static void check_field_choices(const pblint_field *fl, const char *want)
{
    CHECK(fl != NULL, "no field for choices '%s'", want);
    if (fl)
        check_choices_str(pblint_field_key(fl), pblint_field_choice_count(fl), get_field_choice, fl,
                          want);
}

/* ------------------------------------------------------------ tables */

typedef struct xrow {
    int kind;            /* PBLINT_ROW_* */
    unsigned line;       /* line of the row span's start */
    unsigned first, last; /* lines of the extent (0: = line) */
    int depth;           /* -1: not checked */
    long parent;         /* -2: not checked */
    const char *cells;   /* "role=text{spec}|role=^inherited|..." : every role present */
    const char *own;     /* roles of the row's own cells in order, space separated (NULL: unchecked) */
    const char *stages;  /* choices of the stage cells: "label+|label-|..." (NULL: unchecked) */
} xrow;

typedef struct xtable {
    int kind;
    unsigned first, last; /* lines of the table span */
    int section;          /* -1: not checked */
    int money_unit;       /* -1: not checked */
    const char *columns;  /* every role with pblint_table_has_column true */
    const xrow *rows;
    size_t nrows;
} xtable;

#define ROWS(a) (a), PB_ARRAY_LEN(a)

typedef struct cell_want {
    int role;
    bool inherited;
    char text[1024];
    char spec[256];
} cell_want;

/* Parses "role=text{spec}|..." into wants; returns how many. */
static size_t parse_cells_spec(const char *spec, cell_want *out, size_t max)
{
    size_t n = 0;
    const char *p = spec;
    while (p && *p && n < max) {
        const char *bar = strchr(p, '|');
        const char *end = bar ? bar : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        assert_non_null(eq);
        cell_want *w = &out[n++];
        memset(w, 0, sizeof *w);
        w->role = role_by_name(p, (size_t)(eq - p));
        if (w->role < 0)
            print_error("bad role in spec: %.*s\n", (int)(eq - p), p);
        assert_true(w->role > 0);
        const char *t = eq + 1;
        if (*t == '^') {
            w->inherited = true;
            t++;
        }
        const char *brace = NULL;
        if (end > t && end[-1] == '}') {
            for (const char *q = end - 1; q >= t; q--)
                if (*q == '{') {
                    brace = q;
                    break;
                }
        }
        const char *te = brace ? brace : end;
        snprintf(w->text, sizeof w->text, "%.*s", (int)(te - t), t);
        if (brace)
            snprintf(w->spec, sizeof w->spec, "%.*s", (int)(end - 1 - brace - 1), brace + 1);
        p = bar ? bar + 1 : NULL;
    }
    return n;
}

static void check_row(const pblint_doc *d, const pblint_table *t, size_t ti, size_t ri,
                      const pblint_row *r, const xrow *x)
{
    static const char *const RK[] = {"header", "data", "total"};
    char where[64];
    snprintf(where, sizeof where, "table %zu row %zu (line %u)", ti, ri, x->line);
    CHECK(pblint_row_kind(r) == x->kind, "%s: kind %s, want %s", where, RK[pblint_row_kind(r)],
          RK[x->kind]);
    unsigned l = line_of(d, pblint_row_span(r).start);
    CHECK(l == x->line, "%s: starts on line %u", where, l);
    pblint_span ext = pblint_row_extent(r);
    unsigned ef = line_of(d, ext.start);
    unsigned el = line_of(d, ext.end > ext.start ? ext.end - 1 : ext.start);
    unsigned wf = x->first ? x->first : x->line, wl = x->last ? x->last : x->line;
    CHECK(ef == wf && el == wl, "%s: extent lines %u-%u, want %u-%u", where, ef, el, wf, wl);
    if (x->depth >= 0)
        CHECK(pblint_row_depth(r) == (unsigned)x->depth, "%s: depth %u, want %d", where,
              pblint_row_depth(r), x->depth);
    if (x->parent != -2)
        CHECK(pblint_row_parent(r) == x->parent, "%s: parent %ld, want %ld", where,
              pblint_row_parent(r), x->parent);

    static cell_want wants[PBLINT_COL__COUNT];
    size_t nw = parse_cells_spec(x->cells, wants, PBLINT_COL__COUNT);
    for (int role = 1; role < PBLINT_COL__COUNT; role++) {
        const cell_want *w = NULL;
        for (size_t i = 0; i < nw; i++)
            if (wants[i].role == role)
                w = &wants[i];
        const pblint_cell *c = pblint_row_cell(r, role);
        const char *rn = pblint_col_role_name(role);
        if (!w) {
            /* absent: no cell, or an empty one of the row's own */
            CHECK(!c || (pblint_text_empty(pblint_cell_text(c)) && !pblint_cell_inherited(c)),
                  "%s: %s = '%s'%s, want nothing", where, rn, c ? tstr(pblint_cell_text(c)) : "",
                  c && pblint_cell_inherited(c) ? " (inherited)" : "");
            continue;
        }
        CHECK(c != NULL, "%s: no %s cell, want '%s'", where, rn, w->text);
        if (!c)
            continue;
        CHECK(text_matches(tstr(pblint_cell_text(c)), w->text), "%s: %s = '%.80s', want '%s'",
              where, rn, tstr(pblint_cell_text(c)), w->text);
        CHECK(pblint_cell_inherited(c) == w->inherited, "%s: %s '%s' %s, want %s", where, rn,
              w->text, pblint_cell_inherited(c) ? "inherited" : "own",
              w->inherited ? "inherited" : "own");
        if (!w->inherited && w->text[0]) {
            /* an own cell sits in its row */
            unsigned cl = line_of(d, pblint_text_span(pblint_cell_text(c)).start);
            CHECK(cl >= wf && cl <= wl, "%s: %s on line %u", where, rn, cl);
        }
        char cw[128];
        snprintf(cw, sizeof cw, "%s %s", where, rn);
        check_value(pblint_cell_value(c), w->spec, cw);
    }
    if (x->own) {
        char got[512];
        size_t k = 0;
        got[0] = '\0';
        /* blank cells past the last column (trailing tabs of a realigned
         * row) are not compared */
        size_t nc = pblint_row_cell_count(r);
        while (nc > 0 && pblint_cell_role(pblint_row_cell_at(r, nc - 1)) == PBLINT_COL_NONE &&
               pblint_text_empty(pblint_cell_text(pblint_row_cell_at(r, nc - 1))))
            nc--;
        for (size_t i = 0; i < nc && k < sizeof got - 32; i++)
            k += (size_t)snprintf(got + k, sizeof got - k, "%s%s", i ? " " : "",
                                  pblint_col_role_name(pblint_cell_role(pblint_row_cell_at(r, i))));
        CHECK(strcmp(got, x->own) == 0, "%s: own cells '%s', want '%s'", where, got, x->own);
    }
    if (x->stages) {
        char got[1024];
        size_t k = 0;
        got[0] = '\0';
        for (size_t i = 0; i < pblint_row_cell_count(r); i++) {
            const pblint_cell *c = pblint_row_cell_at(r, i);
            if (pblint_cell_role(c) != PBLINT_COL_STAGE)
                continue;
            for (size_t j = 0; j < pblint_cell_choice_count(c); j++) {
                pblint_choice ch;
                if (pblint_cell_choice(c, j, &ch) == 0 && k < sizeof got - 64)
                    k += (size_t)snprintf(got + k, sizeof got - k, "%s%s%c", k ? "|" : "",
                                          tstr(ch.label), ch.checked ? '+' : '-');
            }
        }
        CHECK(strcmp(got, x->stages) == 0, "%s: stages '%s', want '%s'", where, got, x->stages);
    }
}

static void check_table(const pblint_doc *d, size_t ti, const xtable *x)
{
    const pblint_table *t = pblint_doc_table(d, ti);
    CHECK(t != NULL, "table %zu (%s, lines %u-%u) missing", ti, pblint_table_kind_name(x->kind),
          x->first, x->last);
    if (!t)
        return;
    CHECK(pblint_table_kind(t) == x->kind, "table %zu: kind %s, want %s", ti,
          pblint_table_kind_name(pblint_table_kind(t)), pblint_table_kind_name(x->kind));
    pblint_span sp = pblint_table_span(t);
    unsigned f = line_of(d, sp.start), l = line_of(d, sp.end > sp.start ? sp.end - 1 : sp.start);
    CHECK(f == x->first && l == x->last, "table %zu: lines %u-%u, want %u-%u", ti, f, l, x->first,
          x->last);
    if (x->section >= 0)
        CHECK(pblint_table_section(t) == (size_t)x->section, "table %zu: section %zu, want %d", ti,
              pblint_table_section(t), x->section);
    if (x->money_unit >= 0)
        CHECK(pblint_table_money_unit(t) == x->money_unit, "table %zu: money unit %s, want %s", ti,
              pblint_money_unit_name(pblint_table_money_unit(t)),
              pblint_money_unit_name(x->money_unit));
    char got[512];
    size_t k = 0;
    got[0] = '\0';
    for (int role = 1; role < PBLINT_COL__COUNT; role++)
        if (pblint_table_has_column(t, role))
            k += (size_t)snprintf(got + k, sizeof got - k, "%s%s", k ? " " : "",
                                  pblint_col_role_name(role));
    /* compare as sets: sort both by role order */
    char want[512];
    k = 0;
    want[0] = '\0';
    for (int role = 1; role < PBLINT_COL__COUNT; role++) {
        const char *rn = pblint_col_role_name(role);
        const char *p = x->columns;
        size_t rl = strlen(rn);
        bool hit = false;
        while ((p = strstr(p, rn)) != NULL) {
            if ((p == x->columns || p[-1] == ' ') && (p[rl] == ' ' || p[rl] == '\0'))
                hit = true;
            p += rl;
        }
        if (hit)
            k += (size_t)snprintf(want + k, sizeof want - k, "%s%s", k ? " " : "", rn);
    }
    CHECK(strcmp(got, want) == 0, "table %zu: columns '%s', want '%s'", ti, got, want);
    size_t nr = pblint_table_row_count(t);
    CHECK(nr == x->nrows, "table %zu: %zu rows, want %zu", ti, nr, x->nrows);
    for (size_t ri = 0; ri < nr && ri < x->nrows; ri++)
        check_row(d, t, ti, ri, pblint_table_row(t, ri), &x->rows[ri]);
}

static void check_tables(const pblint_doc *d, const xtable *xs, size_t n)
{
    size_t got = pblint_doc_table_count(d);
    CHECK(got == n, "%zu tables, want %zu", got, n);
    if (got != n)
        for (size_t i = 0; i < got; i++) {
            const pblint_table *t = pblint_doc_table(d, i);
            pblint_span sp = pblint_table_span(t);
            print_error("  table %zu: %s lines %u-%u\n", i, pblint_table_kind_name(pblint_table_kind(t)),
                        line_of(d, sp.start), line_of(d, sp.end ? sp.end - 1 : 0));
        }
    for (size_t i = 0; i < n && i < got; i++)
        check_table(d, i, &xs[i]);
}

/* -------------------------------------------------------- document */

typedef struct xdoc {
    int kind;
    int year;
    unsigned year_line; /* line of the year's span */
    const char *year_raw; /* the span's bytes */
    int money_unit;
} xdoc;

static void check_doc(const pblint_doc *d, const xdoc *x)
{
    CHECK(pblint_doc_kind(d) == x->kind, "doc kind %s, want %s",
          pblint_doc_kind_name(pblint_doc_kind(d)), pblint_doc_kind_name(x->kind));
    pblint_span ys = {0, 0};
    int y = pblint_doc_year(d, &ys);
    CHECK(y == x->year, "year %d, want %d", y, x->year);
    if (x->year) {
        char buf[64];
        CHECK(line_of(d, ys.start) == x->year_line, "year on line %u, want %u", line_of(d, ys.start),
              x->year_line);
        CHECK(slice_is(d, ys, x->year_raw), "year span '%s', want '%s'",
              slice(d, ys, buf, sizeof buf), x->year_raw);
    }
    CHECK(pblint_doc_money_unit(d) == x->money_unit, "money unit '%s', want '%s'",
          pblint_money_unit_name(pblint_doc_money_unit(d)), pblint_money_unit_name(x->money_unit));
}

/* ----------------------------------------------------- diagnostics */

typedef struct xdiag {
    const char *rule;
    unsigned line;
    const char *starts; /* the span's source starts with this (NULL: unchecked) */
    const char *msg;    /* a substring of the message (NULL: unchecked) */
} xdiag;

/* Checks that the parse/... diagnostics are exactly these. */
static void check_diags(const pblint_doc *d, const pblint_result *res, const xdiag *xs, size_t n)
{
    size_t nd = pblint_result_diag_count(res);
    size_t k = 0;
    for (size_t i = 0; i < nd; i++) {
        const pblint_diag *dg = pblint_result_diag(res, i);
        if (strncmp(pblint_diag_rule(dg), "parse/", 6) != 0)
            continue;
        unsigned l = line_of(d, pblint_diag_span(dg).start);
        if (k >= n) {
            CHECK(false, "unexpected %s at line %u: %s", pblint_diag_rule(dg), l,
                  pblint_diag_message(dg));
            k++;
            continue;
        }
        const xdiag *x = &xs[k++];
        char buf[128];
        CHECK(strcmp(pblint_diag_rule(dg), x->rule) == 0 && l == x->line,
              "diagnostic %zu: %s at line %u (%s), want %s at line %u", k, pblint_diag_rule(dg), l,
              pblint_diag_message(dg), x->rule, x->line);
        if (x->starts)
            CHECK(slice_starts(d, pblint_diag_span(dg), x->starts), "%s: span '%s', want '%s...'",
                  x->rule, slice(d, pblint_diag_span(dg), buf, sizeof buf), x->starts);
        if (x->msg)
            CHECK(strstr(pblint_diag_message(dg), x->msg) != NULL, "%s: message '%s' lacks '%s'",
                  x->rule, pblint_diag_message(dg), x->msg);
    }
    CHECK(k == n, "%zu parse diagnostics, want %zu", k, n);
}

#define NO_DIAGS NULL, 0

/* The table of a kind (the nth of it). */
static const pblint_table *table_of(const pblint_doc *d, int kind, size_t nth)
{
    for (size_t i = 0; i < pblint_doc_table_count(d); i++)
        if (pblint_table_kind(pblint_doc_table(d, i)) == kind && nth-- == 0)
            return pblint_doc_table(d, i);
    return NULL;
}

/* The data row whose span starts on `line`. */
static const pblint_row *row_on(const pblint_doc *d, const pblint_table *t, unsigned line)
{
    for (size_t i = 0; t && i < pblint_table_row_count(t); i++)
        if (line_of(d, pblint_row_span(pblint_table_row(t, i)).start) == line)
            return pblint_table_row(t, i);
    return NULL;
}


/* ================================================================ seeds */

/* Seed 001 (Minhang declaration, 2019, 元): every field. */
static const xfield SEED001_FIELDS[] = {
    {"unit_name", "填报单位(盖章)", 7, 1, "上海市闵行区人民政府古美路街道办事处", 7, 10, "text", 0},
    {"money_unit", "金额单位", 9, 1, "元", 9, 6, "text", 0},
    {"project_name", "项目名称", 11, 1, "(党建办) 组团式服务联系群众", 11, 6, "text", 0},
    {"project_kind", "项目类别", 12, 1, "一次性项目 ☐ 经常性项目 ☑ 中期预算试点项目 ☐", 12, 6, "text", 0},
    {"owner", "项目负责人", 13, 1, "钱志维", 13, 8, "text", 0},
    {"contact", "联系人", 13, 12, "钱志维", 13, 17, "text", 0},
    {"phone", "联系电话", 13, 21, "34226718", 13, 27, "", 0},
    {"start_date", "起始日期", 14, 1, "2019年1月1日", 14, 7, "date d=2019-1-1", 0},
    {"end_date", "结束日期", 14, 18, "2019年12月31日", 14, 24, "date d=2019-12-31", 0},
    {"overview", "项目概况", 15, 1, "通过建立组团式联系服务群众工作机制,进一步畅通…", 15, 6, "text", 0},
    {"basis", "依 据", 16, 8, "《关于在全区村、居民区党组织建立组团式联系服务群众工作机制的实施意见》", 16, 12, "text", 0},
    {"necessity", "必要性", 17, 2, "为全面贯彻《关于在全区村…", 17, 6, "text", 0},
    {"feasibility", "可行性", 18, 2, "项目为经常性项目,具有大量以前年度执行经验和制度保障,可行性较高", 18, 6, "text", 0},
    {"project_total", "项目总预算", 19, 8, "244800", 19, 15, "amount fen=24480000 mu=元", 0},
    {"year_budget", "当年预算", 20, 4, "244800", 20, 11, "amount fen=24480000 mu=元", 0},
    {"fiscal", "财政拨款", 21, 6, "244800", 21, 13, "amount fen=24480000 mu=元", 0},
    {"fiscal_upper", "本级财政拨款", 22, 5, "0", 22, 14, "amount fen=0 mu=元", 0},
    {"fiscal_own", "本级财政安排", 23, 5, "244800", 23, 14, "amount fen=24480000 mu=元", 0},
    {"fiscal_lower", "下级财政配套", 24, 5, "0", 24, 14, "amount fen=0 mu=元", 0},
    {"other_funds", "其他资金", 25, 6, "0", 25, 13, "amount fen=0 mu=元", 0},
    {"resources", "项目相关资源投入和制度建设情况", 26, 1, "项目总投入为244800元,自实际执行中…", 26, 17, "text", 0},
    {"total_goal", "项目总目标", 27, 1, "形成“六个一”的工作目标:1.一个了解反映诉求…", 27, 7, "text", 0},
    {"year_goal", "年 度 绩效目标", 28, 1, "走访工作完成率达100%;走访工作完成及时率达100%;受访困难群众满意度达90%以上;受访骨干满意度达90%以上", 28, 10, "text", 0},
    {"other_issues", "需要说明的其他问题", 29, 1, "无", 29, 11, "text", 0},
    {"unit_head", "填报单位负责人", 31, 1, "石老师", 31, 9, "", 0},
    {"filler", "填表人", 33, 1, "石老师", 33, 5, "", 0},
    {"fill_date", "填报日期", 35, 1, "2018年12月", 35, 6, "date d=2018-12 f=partial", 0},
    {"project_name", "项目名称", 40, 1, "(党建办)组团式服务联系群众", 42, 1, "text", 1},
    {"money_unit", "金额单位", 44, 1, "元", 44, 6, "text", 1},
    {"composition", "项目构成", 46, 1, "本项目预算总额为244800元,主要内容为街道党政领导走访慰问困难家庭和社区骨干", 46, 28, "text", 1},
    {"project_name", "项目名称", 62, 1, "(党建办)组团式服务联系群众", 62, 6, "text", 2},
};

/* Seed 003 (Minhang declaration, 2020, 万元, HTML leftovers). */
static const xfield SEED003_FIELDS[] = {
    {"unit_name", "填报单位(盖章)", 7, 1, "上海市闵行区新虹街道房管办事处", 7, 10, "text", 0},
    {"money_unit", "金额单位", 9, 1, "万元", 9, 6, "text", 0},
    {"project_name", "项目名称", 11, 1, "居民小区综合治理建设", 11, 6, "text", 0},
    {"project_kind", "项目类别", 12, 1, "☐ 一次性项目 ☐ 经常性项目 ☐ 中期预算试点项目", 12, 6, "text", 0},
    {"owner", "项目负责人", 13, 1, "周玮", 13, 8, "text", 0},
    {"contact", "联系人", 13, 11, "李玉芳", 13, 16, "text", 0},
    {"phone", "联系电话", 13, 20, "54492290", 13, 25, "", 0},
    {"start_date", "起始日期", 14, 1, "2020-01-01", 14, 7, "date d=2020-1-1", 0},
    {"end_date", "结束日期", 14, 19, "2020-12-31", 14, 25, "date d=2020-12-31", 0},
    {"overview", "项目概况", 15, 1, "新虹街道管辖住宅小区因历史问题普遍存在房屋老化…", 15, 6, "text", 0},
    {"basis", "依据", 16, 11, "《上海市人民政府办公厅关于印发〈上海市住宅小区建设“美丽家园”三年行动计划(2018-2020)〉的通知》…", 16, 14, "text", 0},
    {"necessity", "必要性", 17, 5, "为了更好地培育和引入社会力量…", 17, 9, "text", 0},
    {"feasibility", "可行性", 18, 5, "从小区实际情况和居民需求出发…", 18, 9, "text", 0},
    {"project_total", "项目总预算", 19, 8, "19.95", 19, 14, "amount fen=19950000 mu=万元", 0},
    {"year_budget", "当年预算", 20, 4, "19.95", 20, 9, "amount fen=19950000 mu=万元", 0},
    {"fiscal", "财政拨款", 21, 5, "19.95", 21, 10, "amount fen=19950000 mu=万元", 0},
    {"fiscal_upper", "上级财政拨款", 22, 5, "", 22, 0, "empty", 0},
    {"fiscal_own", "本级财政安排", 23, 5, "19.95", 23, 12, "amount fen=19950000 mu=万元", 0},
    {"fiscal_lower", "下级财政配套", 24, 5, "", 24, 0, "empty", 0},
    {"other_funds", "其他资金", 25, 4, "", 25, 0, "empty", 0},
    {"resources", "项目相关资源投入和制度建设情况", 26, 1, "围绕让新虹“更安全、更有序、更干净”的治理目标…", 26, 17, "text", 0},
    {"total_goal", "项目总目标", 27, 1, "1) 综合治理能力明显提高; 2) 促进物业管理健康发展 3) 进一步改善管理服务规范;…", 27, 7, "text", 0},
    {"year_goal", "年度绩效目标", 28, 1, "以管好“资金”为主线…", 28, 8, "text", 0},
    {"other_issues", "需要说明的其他问题", 29, 1, "加强财政支持…", 29, 11, "text", 0},
    {"unit_head", "填报单位负责人", 31, 1, "", 31, 0, "empty", 0},
    {"filler", "填表人", 33, 1, "", 33, 0, "empty", 0},
    {"fill_date", "填报日期", 35, 1, "", 35, 0, "empty", 0},
    {"project_name", "项目名称", 43, 1, "居民小区综合治理建设", 43, 6, "text", 1},
    {"money_unit", "金额单位", 43, 16, "万元", 43, 21, "text", 1},
    {"composition", "项目构成", 45, 1, "1、培育和扶持专业社会服务组织参与住宅小区公共事务服务…", 45, 28, "text", 1},
    {"project_name", "项目名称", 61, 1, "居民小区综合治理建设", 61, 6, "text", 2},
};

/* Seed 004 (self-evaluation report, 2017). */
static const xfield SEED004_FIELDS[] = {
    {"overview", "项目概况", 2, 4, "在参考学习上海浦东新区沪东新村街道和浦兴路街道社区管理方式方法的基础上…", 3, 1, "text", 0},
    {"budget", NULL, 4, 173, "170.92万元", 4, 178, "amount fen=170920000 mu=万元", 0},
    {"actual", NULL, 4, 187, "155.39万元", 4, 193, "amount fen=155390000 mu=万元", 0},
    {"total_goal", "项目总目标", 7, 1, "通过加强基层政权建设、发展群众团体组织…", 7, 7, "text", 0},
    {"year_goal", "年度绩效目标", 8, 1, "加强基层党组织和社会团体建设;增加就业人数;加强政务服务分中心的建设和管理,落实完成各项工作目标任务。", 8, 8, "text", 0},
    {"stated_score", NULL, 182, 0, "89分", 182, 14, "count n=89 u=分", 0},
    {"stated_grade", NULL, 182, 0, "良好", 182, 26, "word", 0},
};

#define H PBLINT_ROW_HEADER
#define D PBLINT_ROW_DATA
#define T PBLINT_ROW_TOTAL

/* Seed 001, sheet 绩效目标: the indicator table (merged 绩效目标 / 一级 / 二级
 * cells carried down), the breakdown with its 金额合计 row; sheet 制度保障:
 * the safeguard table with its three ticked stage columns. */
static const xrow S001_IND[] = {
    {H, 47, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值|remark=备 注",
     "label level1 level2 level3 target remark", NULL},
    {D, 48, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=走访工作完成率|target=100%{percent n=100 op=none}|remark=历年经验",
     "label level1 level2 level3 target remark", NULL},
    {D, 49, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=质量|level3=质量合格率|target==100%{percent n=100 op=eq}|remark=实际情况",
     NULL, NULL},
    {D, 50, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=时效|level3=走访工作开展及时率|target=及时{word}|remark=历年经验",
     NULL, NULL},
    {D, 51, 0, 0, -1, -2,
     "label=^绩效目标|level1=效果目标|level2=社会效益|level3=政策知晓率|target=提高{word}|remark=历年经验",
     NULL, NULL},
    {D, 52, 0, 0, -1, -2,
     "label=^绩效目标|level1=^效果目标|level2=^社会效益|level3=骨干人员激励度|target=提高{word}|remark=历年经验",
     "label level1 level2 level3 target remark", NULL},
    {D, 53, 0, 0, -1, -2,
     "label=^绩效目标|level1=影响力目标|level2=满意度|level3=受访群众满意度|target=90%{percent n=90}|remark=历年经验",
     NULL, NULL},
    {D, 54, 0, 0, -1, -2,
     "label=^绩效目标|level1=^影响力目标|level2=^满意度|level3=受访骨干满意度|target=90%{percent n=90}|remark=历年经验",
     NULL, NULL},
};

static const xrow S001_BRK[] = {
    {H, 55, 0, 0, -1, -2,
     "name=项目名称|content=项目内容|item=项目明细|amount=明细金额|unit-price=单价|basis=依据|quantity=数量|remark=备注",
     "label name content none item amount unit-price basis quantity basis remark", NULL},
    {D, 56, 0, 0, -1, -2,
     "label=项目构成分解|name=(党建办)组团式服务联系群众|content=七一、元旦春节大走访:街道党政领导、机关干部走访慰问困难家庭和社区骨干|item=慰问费|amount=244800.00{amount fen=24480000 mu=元}|unit-price=244800.00{amount fen=24480000 mu=元}|quantity=1.00{number n=1.00}|remark=年度项目",
     "label name content none item amount unit-price basis quantity basis remark", NULL},
    {T, 57, 0, 0, -1, -2,
     "label=金额合计|amount=244800{amount fen=24480000 mu=元}|unit-price=——{empty f=dash}|basis=——{empty f=dash}|quantity=——{empty f=dash}|remark=——{empty f=dash}",
     "label name content none item amount unit-price basis quantity basis remark", NULL},
};

#define STAGES_ALL "立项和计划阶段+|实施阶段+|收尾和完成阶段+"

static const xrow S001_SAFE[] = {
    {H, 63, 0, 0, -1, -2, "category=制度保障|doc-title=文件名称|measure=具体措施|stage=保障阶段",
     "category doc-title measure stage", NULL},
    {D, 64, 0, 0, -1, -2,
     "category=项目管理制度|doc-title=《关于在全区村、居民区党组织建立组团式联系服务群众工作机制的实施意见》|measure=通过建立组团式联系服务群众工作机制,进一步畅通居民区党组织沟通联系广大群众的制度渠道|stage=立项和计划阶段 √",
     "category doc-title measure stage stage stage", STAGES_ALL},
    {D, 65, 0, 0, -1, -2,
     "category=预算管理制度|doc-title=《古美路街道财务管理制度》|measure=1、各科室(部门)按街道统一表式提出书面专项申请报告" ELLIPSIS "|stage=立项和计划阶段 √",
     "category doc-title measure stage stage stage", STAGES_ALL},
    {D, 66, 0, 0, -1, -2,
     "category=财务管理制度|doc-title=项目预算编制管理办法|measure=对项目预算编制的细化程度进行了规定,要求业务部门列示预算的明细数量、单价及依据来源|stage=立项和计划阶段 √",
     NULL, STAGES_ALL},
    {D, 67, 0, 0, -1, -2,
     "category=^财务管理制度|doc-title=项目预算编制管理办法|measure=对项目预算编制的细化程度进行了规定,要求业务部门列示预算的明细数量、单价及依据来源|stage=立项和计划阶段 √",
     "category doc-title measure stage stage stage", STAGES_ALL},
    {D, 68, 0, 0, -1, -2,
     "category=^财务管理制度|doc-title=项目预算编制管理办法|measure=对项目预算编制的细化程度进行了规定,要求业务部门列示预算的明细数量、单价及依据来源|stage=立项和计划阶段 √",
     NULL, STAGES_ALL},
};

static const xtable SEED001_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 47, 54, 1, PBLINT_MONEY_YUAN, "label level1 level2 level3 target remark",
     ROWS(S001_IND)},
    {PBLINT_TABLE_BREAKDOWN, 55, 57, 1, PBLINT_MONEY_YUAN,
     "label name content item amount unit-price basis quantity remark", ROWS(S001_BRK)},
    {PBLINT_TABLE_SAFEGUARD, 63, 68, 2, -1, "category doc-title measure stage", ROWS(S001_SAFE)},
};

/* Seed 003: line 52 lost the leading tab its neighbours have and must be
 * realigned one cell to the right; line 55 uses ---- placeholders. */
static const xrow S003_IND[] = {
    {H, 46, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值|remark=备注", NULL,
     NULL},
    {D, 47, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=住宅小区综合治理计划完成率|target=100%{percent n=100}|remark=现在有21个小区已成立业务会,覆盖至21个小区",
     NULL, NULL},
    {D, 48, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=质量|level3=住宅小区综合治理验收合格率|target=合格{word}|remark=住宅小区综合治理验收质量合格",
     NULL, NULL},
    {D, 49, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=时效|level3=住宅小区综合治理按时完成情况|target=及时{word}|remark=及时进行住宅小区综合治理",
     NULL, NULL},
    {D, 50, 0, 0, -1, -2,
     "label=^绩效目标|level1=效果目标|level2=社会效益|level3=投诉下降情况|target=降低{word}|remark=降低小区环境房屋老化等投诉",
     NULL, NULL},
    {D, 51, 0, 0, -1, -2,
     "label=^绩效目标|level1=^效果目标|level2=生态环境|level3=改善小区环境|target=改善{word}|remark=聚焦以老旧住房和保障性住房等为重点的房屋及设施设备改造" ELLIPSIS,
     NULL, NULL},
    {D, 52, 0, 0, -1, -2,
     "label=^绩效目标|level1=影响力目标|level2=满意度|level3=市民满意度|target=满意{word}|remark=市民对于小区综合治理建设的满意程度",
     "level1 level2 level3 target remark", NULL},
};

static const xrow S003_BRK[] = {
    {H, 53, 0, 0, -1, -2,
     "name=项目名称|content=项目内容|item=项目明细|amount=明细金额|unit-price=单价|basis=依据|quantity=数量|remark=备注",
     "label name content item amount unit-price basis quantity basis remark", NULL},
    {D, 54, 0, 0, -1, -2,
     "label=项目构成分解|name=居民小区综合治理建设|content=设立小区公共收益维修资金代理记账|item=代理记账费|amount=19.95{amount fen=19950000 mu=万元}|unit-price=0.95{amount fen=950000 mu=万元}|quantity=21{number n=21}|remark=年度项目",
     NULL, NULL},
    {T, 55, 0, 0, -1, -2,
     "label=金额合计|amount=19.95{amount fen=19950000 mu=万元}|unit-price=----{empty f=dash}|basis=----{empty f=dash}|quantity=----{empty f=dash}|remark=----{empty f=dash}",
     NULL, NULL},
};

static const xrow S003_SAFE[] = {
    {H, 62, 0, 0, -1, -2, "category=制度保障|doc-title=文件名称|measure=具体措施|stage=保障阶段", NULL, NULL},
    {D, 63, 0, 0, -1, -2,
     "category=项目管理制度|doc-title=1、《关于培育和扶持专业社会组织参与住宅小区公共事务服务的指导意见(沪建物业联【2016】205号);|measure=1、根据《关于培育和扶持专业社会组织" ELLIPSIS "|stage=立项和计划阶段 ☑",
     "category doc-title measure stage stage stage", STAGES_ALL},
    {D, 64, 0, 0, -1, -2,
     "category=预算管理制度|doc-title=《闵行区财政局预算编制手册》|measure=根据预算管理的要求,定额标准,程序进行绩效预算项目的编制|stage=立项和计划阶段 ☑",
     NULL, STAGES_ALL},
    {D, 65, 0, 0, -1, -2,
     "category=财务管理制度|doc-title=2、《2016年闵行区住宅小区综合治理工作计划(闵行联办【2016】4号)》;|measure=必须依法设置会计账簿,按实际发生的各项经济业务为对象,记录和反映本单位的各项经济活动|stage=立项和计划阶段 ☐",
     NULL, "立项和计划阶段-|实施阶段-|收尾和完成阶段+"},
};

static const xtable SEED003_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 46, 52, 1, PBLINT_MONEY_WAN, "label level1 level2 level3 target remark",
     ROWS(S003_IND)},
    {PBLINT_TABLE_BREAKDOWN, 53, 55, 1, PBLINT_MONEY_WAN,
     "label name content item amount unit-price basis quantity remark", ROWS(S003_BRK)},
    {PBLINT_TABLE_SAFEGUARD, 62, 65, 2, -1, "category doc-title measure stage", ROWS(S003_SAFE)},
};

/* Seed 004: one cell per line; two target tables, the cost list (indented
 * sub-items under 1、基层组织经费, a 合计 row), two target/actual tables and
 * the score table whose 合计 sits in the 序号 column. */
static const xrow S004_IND1[] = {
    {H, 11, 11, 15, -1, -2, "level1=一级指标|level2=二级指标|level3=指标内容|target=指标值|remark=备 注",
     "level1 level2 level3 target remark", NULL},
    {D, 17, 17, 21, -1, -2,
     "level1=产出指标|level2=数量指标|level3=新增就业人数|target=2400人{count n=2400 u=人}",
     "level1 level2 level3 target remark", NULL},
    {D, 25, 23, 27, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=组织培训人数|target=400人{count n=400 u=人}",
     "level1 level2 level3 target remark", NULL},
    {D, 31, 29, 33, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=建设政务服务分中心|target=1个{count n=1 u=个}", NULL,
     NULL},
    {D, 36, 35, 39, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=年度工作目标完成率|target=100%{percent n=100}", NULL,
     NULL},
    {D, 42, 41, 45, -1, -2,
     "level1=^产出指标|level2=实效指标|level3=完成时间|target=1年内{period n=1 u=年 op=le}", NULL,
     NULL},
};

static const xrow S004_IND2[] = {
    {H, 51, 51, 55, -1, -2, "level1=一级指标|level2=二级指标|level3=指标内容|target=指标值|remark=备注", NULL,
     NULL},
    {D, 57, 57, 61, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=社区及群众对惠民项目的满意度|target=100%{percent n=100}",
     NULL, NULL},
    {D, 64, 63, 67, -1, -2,
     "level1=^效益指标|level2=社会公众满意度指标|level3=社会公众对公共服务满意度|target=95%{percent n=95}",
     NULL, NULL},
};

static const xrow S004_COST[] = {
    {H, 84, 84, 85, -1, -2, "item=项目明细|amount=金 额", "item amount", NULL},
    {D, 87, 87, 88, 0, -1, "item=1、基层组织经费|amount=838,810.19{amount fen=83881019 mu=元 f=sep}",
     "item amount", NULL},
    {D, 90, 90, 91, 1, 1, "item=基层财务培训|amount=30,000.00{amount fen=3000000 mu=元}", NULL, NULL},
    {D, 93, 93, 94, 1, 1, "item=基层政权建设及活动|amount=288,810.19{amount fen=28881019 mu=元}", NULL,
     NULL},
    {D, 96, 96, 97, 1, 1, "item=就业管理事务|amount=240,000.00{amount fen=24000000 mu=元}", NULL, NULL},
    {D, 99, 99, 100, 1, 1, "item=群众团体事务|amount=80,000.00{amount fen=8000000 mu=元}", NULL, NULL},
    {D, 102, 102, 103, 1, 1, "item=组织人事经费|amount=200,000.00{amount fen=20000000 mu=元}", NULL,
     NULL},
    {D, 105, 105, 106, 0, -1,
     "item=2、政务服务分中心运行经费|amount=216,000.00{amount fen=21600000 mu=元}", NULL, NULL},
    {D, 108, 108, 109, 0, -1,
     "item=3、追加社区工作者体检经费|amount=67,860.00{amount fen=6786000 mu=元}", NULL, NULL},
    {D, 111, 111, 112, 0, -1, "item=4、劳务派遣人员经费|amount=431,200.00{amount fen=43120000 mu=元}",
     NULL, NULL},
    {T, 114, 114, 115, 0, -1,
     "item=公共服务经费合计|amount=1,553,870.19{amount fen=155387019 mu=元 f=sep}", NULL, NULL},
};

static const xrow S004_IND3[] = {
    {H, 121, 121, 125, -1, -2,
     "level1=一级指标|level2=二级指标|level3=指标内容|target=指标值|actual=完成值", NULL, NULL},
    {D, 127, 127, 131, -1, -2,
     "level1=产出指标|level2=数量指标|level3=新增就业人数|target=2400人{count n=2400 u=人}|actual=2400人{count n=2400 u=人}",
     "level1 level2 level3 target actual", NULL},
    {D, 135, 133, 137, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=组织培训人数|target=400人{count n=400}|actual=400人{count n=400}",
     NULL, NULL},
    {D, 141, 139, 143, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=建设政务服务分中心|target=1个|actual=1个{count n=1 u=个}",
     NULL, NULL},
    {D, 146, 145, 149, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=年度工作目标完成率|target=100%|actual=100%{percent n=100}",
     NULL, NULL},
    {D, 152, 151, 155, -1, -2,
     "level1=^产出指标|level2=实效指标|level3=完成时间|target=1年内|actual=1年内{period n=1 u=年}", NULL,
     NULL},
};

static const xrow S004_IND4[] = {
    {H, 160, 160, 164, -1, -2,
     "level1=一级指标|level2=二级指标|level3=指标内容|target=指标值|actual=完成值", NULL, NULL},
    {D, 166, 166, 170, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=社区及群众对就业服务项目的满意度|target=100%|actual=100%{percent n=100}",
     NULL, NULL},
    {D, 173, 172, 176, -1, -2,
     "level1=^效益指标|level2=社会公众满意度指标|level3=社会公众对公共服务满意度|target=95%{percent n=95}|actual=93%{percent n=93}",
     NULL, NULL},
};

static const xrow S004_SCORE[] = {
    {H, 183, 183, 187, -1, -2, "seq=序号|name=指标|weight=分值|score=评价得分|grade=评分结果级别",
     "seq name weight score grade", NULL},
    {D, 189, 189, 193, -1, -2,
     "seq=1{number n=1}|name=投入管理|weight=16{number n=16}|score=14{number n=14}|grade=良好", NULL,
     NULL},
    {D, 195, 195, 199, -1, -2, "seq=2|name=过程管理|weight=24{number n=24}|score=17{number n=17}", NULL,
     NULL},
    {D, 201, 201, 205, -1, -2, "seq=3|name=项目绩效|weight=60{number n=60}|score=58{number n=58}", NULL,
     NULL},
    {T, 207, 207, 211, -1, -2, "seq=合计|weight=100{number n=100}|score=89{number n=89}", NULL, NULL},
};

static const xtable SEED004_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 11, 45, -1, -1, "level1 level2 level3 target remark", ROWS(S004_IND1)},
    {PBLINT_TABLE_INDICATOR, 51, 67, -1, -1, "level1 level2 level3 target remark", ROWS(S004_IND2)},
    {PBLINT_TABLE_COST_LIST, 84, 115, -1, PBLINT_MONEY_YUAN, "item amount", ROWS(S004_COST)},
    {PBLINT_TABLE_INDICATOR, 121, 155, -1, -1, "level1 level2 level3 target actual", ROWS(S004_IND3)},
    {PBLINT_TABLE_INDICATOR, 160, 176, -1, -1, "level1 level2 level3 target actual", ROWS(S004_IND4)},
    {PBLINT_TABLE_SCORE, 183, 211, -1, -1, "seq name weight score grade", ROWS(S004_SCORE)},
};

/* ============================================================= fixtures */

static const xfield NATIONAL_FIELDS[] = {
    {"project_name", "项目名称", 4, 1, "佳县农村中小学校舍维修改造工程", 4, 6, "text", 0},
    {"department", "主管部门及代码", 5, 1, "佳县教育局〔312〕", 5, 9, "text", 0},
    {"implementer", "实施单位", 5, 21, "佳县教育局基建办公室", 5, 26, "text", 0},
    {"project_attr", "项目属性", 6, 1, "新增项目 □ 延续项目 √", 6, 6, "text", 0},
    {"period", "项目期", 6, 24, "2013年1月—2013年12月", 6, 28, "text", 0},
    {"project_total", "资金总额", 7, 12, "360", 7, 18, "amount fen=360000000 mu=万元", 0},
    {"fiscal", "*财政拨款", 8, 5, "300", 8, 10, "amount fen=300000000 mu=万元", 0},
    {"other_funds", "其他资金", 9, 2, "60", 9, 7, "amount fen=60000000 mu=万元", 0},
    {"basis", "项目立项的依据", 10, 1, "《陕西省中小学校舍安全工程实施方案》(陕政办发〔2009〕77号)", 10, 9, "text", 0},
    {"necessity", "项目申报的必要性", 11, 1, "全县农村中小学现有D级危房1.8万平方米,严重威胁师生安全。", 11, 10, "text", 0},
    {"total_goal", "长期目标", 12, 6, "通过三年维修改造,全面消除全县农村中小学D级危房,校舍安全达标率达到100%。", 13, 2, "text", 0},
    {"year_goal", "年度目标", 12, 12, "完成12所农村中小学校舍维修改造,改造面积1.8万平方米。", 13, 43, "text", 0},
    {"filler", "填表人", 28, 1, "刘伟", 28, 5, "", 0},
    {"phone", "联系电话", 28, 9, "0912-6721234", 28, 14, "", 0},
    {"fill_date", "填报日期", 28, 28, "2012年11月20日", 28, 33, "date d=2012-11-20", 0},
};
static const xfield F88_FIELDS[] = {
    {"project_name", "项目名称", 4, 1, "农村饮水安全巩固提升工程", 4, 6, "text", 0},
    {"department", "主管部门", 5, 1, "某县水利局", 5, 6, "text", 0},
    {"implementer", "实施单位", 5, 12, "某县农村供水总站", 5, 17, "text", 0},
    {"year_budget", "年度资金总额", 6, 10, "500", 6, 17, "amount fen=500000000 mu=万元", 0},
    {"fiscal", "*财政拨款", 7, 5, "450", 7, 10, "amount fen=450000000 mu=万元", 0},
    {"other_funds", "其他资金", 8, 2, "50", 8, 7, "amount fen=50000000 mu=万元", 0},
    {"year_goal", "年度总体目标", 9, 1, "完成12个行政村供水管网改造,新增受益人口1.2万人,农村自来水普及率达到95%。", 9, 8, "text", 0},
};
static const xfield SHANGHAI_FIELDS[] = {
    {"unit_name", "填报单位(盖章)", 4, 1, "上海市体育局", 4, 10, "text", 0},
    {"money_unit", "金额单位", 5, 1, "万元", 5, 6, "text", 0},
    {"project_name", "项目名称", 7, 1, "市民健身步道新建及改造", 7, 6, "text", 0},
    {"project_code", "项目编码", 7, 18, "31000019A0012", 7, 23, "text", 0},
    {"department", "主管部门", 8, 1, "上海市体育局", 8, 6, "text", 0},
    {"implementer", "项目实施单位", 8, 13, "上海市体育设施管理中心", 8, 20, "text", 0},
    {"owner", "项目负责人", 9, 1, "王明", 9, 7, "text", 0},
    {"phone", "联系电话", 9, 10, "021-63210000", 9, 15, "", 0},
    {"project_kind", "项目类型", 10, 1, "☐市委市政府已确定的新增项目 ☐结转项目 ☑其他一次性项目 ☐经常性专项业务费 ☐其他经常性项目", 10, 6, "text", 0},
    {"fund_use", "资金用途", 11, 1, "■基本建设工程类 □信息化建设类 □政策补贴类 □政府购买服务 □资产购置类 □其他事业专业类", 11, 6, "text", 0},
    {"period", "项目起止时间", 12, 1, "2019年3月至2019年12月", 12, 8, "text", 0},
    {"project_total", "项目总预算", 13, 6, "850", 13, 12, "amount fen=850000000 mu=万元", 0},
    {"year_budget", "当年预算", 14, 2, "850", 14, 7, "amount fen=850000000 mu=万元", 0},
    {"fiscal", "*财政拨款", 15, 5, "850", 15, 10, "amount fen=850000000 mu=万元", 0},
    {"other_funds", "其他资金", 16, 2, "0", 16, 7, "amount fen=0 mu=万元", 0},
    {"basis", "立项依据", 17, 1, "《全民健身计划(2016—2020年)》(国发〔2016〕37号);…", 17, 6, "text", 0},
    {"necessity", "项目设立的必要性", 18, 1, "本市现有市民健身步道1450条,部分步道建成时间早、路面破损,难以满足市民日益增长的健身需求。", 18, 10, "text", 0},
    {"composition", "项目实施内容", 19, 1, "新建市民健身步道40条,改造老旧步道25条,配套健身设施及标识系统。", 19, 8, "text", 0},
    {"safeguard_text", "保证项目实施的制度、措施", 20, 1, "严格执行《上海市市级体育专项资金管理办法》,实行项目法人制、招投标制和工程监理制。", 20, 14, "text", 0},
    {"year_goal", "年度绩效目标", 21, 1, "新建市民健身步道40条、改造25条,全年完工验收,步道使用市民满意度达到90%以上。", 21, 8, "text", 0},
};
static const xfield F10_FIELDS[] = {
    {"project_name", "项目名称", 4, 1, "乡村道路养护", 4, 6, "text", 0},
    {"department", "主管部门", 5, 1, "某县交通运输局", 5, 6, "text", 0},
    {"implementer", "实施单位", 5, 15, "某县公路事务中心", 5, 20, "text", 0},
    {"year_budget", "年度资金总额", 7, 2, "89.974", 7, 12, "amount fen=89974000 mu=万元", 0},
    {"budget", "年度资金总额", 7, 2, "89.974", 7, 12, "amount fen=89974000 mu=万元", 0},
    {"actual", "年度资金总额", 7, 2, "89.974", 7, 19, "amount fen=89974000 mu=万元", 0},
    {"execution_rate", "年度资金总额", 7, 2, "100%", 7, 29, "percent n=100", 0},
    {"fiscal", "*当年财政拨款", 8, 5, "89.974", 8, 15, "amount fen=89974000 mu=万元", 0},
    {"carry_over", "上年结转资金", 9, 2, "0", 9, 11, "amount fen=0 mu=万元", 0},
    {"other_funds", "其他资金", 10, 2, "0", 10, 9, "amount fen=0 mu=万元", 0},
    {"year_goal", "年度总体目标", 11, 1, "完成全县120公里乡村道路养护", 12, 2, "text", 0},
    {"goal_result", "年度总体目标", 11, 1, "完成118公里", 12, 20, "text", 0},
};
static const xfield SELFCL_FIELDS[] = {
    {"overview", "项目概况", 4, 4, "某区社区卫生服务中心家庭医生签约服务项目,2021年年初预算数为50万元,全年执行数为48.6万元,预算执行率为97.2%。", 5, 1, "text", 0},
    {"budget", NULL, 5, 0, "50万元", 5, 33, "amount fen=50000000 mu=万元", 0},
    {"actual", NULL, 5, 0, "48.6万元", 5, 44, "amount fen=48600000 mu=万元", 0},
    {"execution_rate", NULL, 5, 0, "97.2%", 5, 57, "percent n=97.2", 0},
    {"year_goal", "年度绩效目标", 7, 1, "全年完成家庭医生签约服务3万人,重点人群签约率达到70%以上。", 7, 8, "text", 0},
    {"stated_score", NULL, 58, 0, "97分", 58, 13, "count n=97 u=分", 0},
    {"stated_grade", NULL, 58, 0, "优", 58, 22, "word", 0},
};
static const xfield CRLF_FIELDS[] = {
    {"unit_name", "填报单位(盖章)", 6, 1, "上海市闵行区江川路街道办事处", 6, 10, "text", 0},
    {"money_unit", "金额单位", 8, 1, "万元", 8, 6, "text", 0},
    {"project_name", "项目名称", 10, 1, "社区睦邻点运营", 10, 6, "text", 0},
    {"project_kind", "项目类别", 11, 1, "一次性项目 ☐ 经常性项目 ☑ 中期预算试点项目 ☐", 11, 6, "text", 0},
    {"owner", "项目负责人", 12, 1, "陈静", 12, 8, "text", 0},
    {"contact", "联系人", 12, 11, "王芳", 12, 16, "text", 0},
    {"phone", "联系电话", 12, 19, "64301234", 12, 24, "", 0},
    {"start_date", "起始日期", 13, 1, "2021-01-01", 13, 7, "date d=2021-1-1 f=fw", 0},
    {"end_date", "结束日期", 13, 19, "2021-12-31", 13, 25, "date d=2021-12-31 f=fw", 0},
    {"project_total", "项目总预算", 14, 8, "25.60", 14, 14, "amount fen=25600000 mu=万元 f=fw", 0},
    {"year_budget", "当年预算", 15, 4, "25.60", 15, 9, "amount fen=25600000 mu=万元 f=fw", 0},
    {"fiscal", "财政拨款", 16, 5, "25.60", 16, 10, "amount fen=25600000 mu=万元 f=fw", 0},
    {"other_funds", "其他资金", 17, 5, "0", 17, 10, "amount fen=0 mu=万元 f=fw", 0},
    {"year_goal", "年度绩效目标", 18, 1, "全年运营睦邻点12个,开展活动不少于240场次。", 18, 8, "text", 0},
};

static const xrow NAT_LONG[] = {
    {H, 14, 0, 0, -1, -2, "label=长期绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=指标值",
     "label level1 level2 level3 target", NULL},
    {D, 15, 0, 0, -1, -2, "level1=产出指标|level2=数量指标|level3=维修改造学校数|target=36所{count n=36 u=所}",
     NULL, NULL},
    {D, 16, 0, 0, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=工程验收合格率|target=100%{percent n=100}", NULL, NULL},
    {D, 17, 0, 0, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=校舍安全达标率|target=100%{percent n=100}", NULL, NULL},
};

static const xrow NAT_YEAR[] = {
    {H, 18, 0, 0, -1, -2, "label=年度绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=指标值",
     NULL, NULL},
    {D, 19, 0, 0, -1, -2, "level1=产出指标|level2=数量指标|level3=维修改造学校数|target=12所{count n=12 u=所}",
     NULL, NULL},
    {D, 20, 0, 0, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=维修改造面积|target=≥1.8万平方米{count op=ge n=1.8}", NULL,
     NULL},
    {D, 21, 0, 0, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=工程验收合格率|target=100%{percent n=100}", NULL, NULL},
    {D, 22, 0, 0, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=完工时间|target=2013年10月31日前{date op=le d=2013-10-31}",
     NULL, NULL},
    {D, 23, 0, 0, -1, -2,
     "level1=^产出指标|level2=成本指标|level3=每平方米改造成本|target=≤800元{amount op=le fen=80000}", NULL,
     NULL},
    {D, 24, 0, 0, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=消除D级危房面积|target=1.8万平方米{count n=1.8}", NULL,
     NULL},
    {D, 25, 0, 0, -1, -2,
     "level1=^效益指标|level2=可持续影响指标|level3=校舍维护长效机制|target=建立并运行{word}", NULL, NULL},
    {D, 26, 0, 0, -1, -2,
     "level1=满意度指标|level2=服务对象满意度指标|level3=师生满意度|target=≥90%{percent op=ge n=90}", NULL,
     NULL},
};

static const xtable NATIONAL_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 14, 17, 0, -1, "label level1 level2 level3 target", ROWS(NAT_LONG)},
    {PBLINT_TABLE_INDICATOR, 18, 26, 0, -1, "label level1 level2 level3 target", ROWS(NAT_YEAR)},
};

static const xrow F88_IND[] = {
    {H, 10, 0, 0, -1, -2, "label=绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=指标值", NULL,
     NULL},
    {D, 11, 0, 0, -1, -2,
     "level1=产出指标|level2=数量指标|level3=改造供水管网长度|target=>=85公里{count op=ge n=85 u=公里 f=nonc}",
     NULL, NULL},
    {D, 12, 0, 0, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=新增受益人口|target=不低于12000人{count op=ge n=12000 u=人 f=words}",
     NULL, NULL},
    {D, 13, 0, 0, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=水质检测合格率|target=≥95%{percent op=ge n=95 !f=nonc,words}",
     NULL, NULL},
    {D, 14, 0, 0, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=工程完工时间|target=2023年11月30日前{date op=le d=2023-11-30}",
     NULL, NULL},
    {D, 15, 0, 0, -1, -2,
     "level1=成本指标|level2=经济成本指标|level3=单位管网改造成本|target=≤5.3万元/公里{op=le n=5.3}", NULL,
     NULL},
    {D, 16, 0, 0, -1, -2,
     "level1=^成本指标|level2=社会成本指标|level3=施工期间连续停水时长|target=<=48小时{period op=le n=48 u=小时 f=nonc}",
     NULL, NULL},
    {D, 17, 0, 0, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=农村自来水普及率|target=≥95%{percent op=ge n=95}", NULL,
     NULL},
    {D, 18, 0, 0, -1, -2,
     "level1=^效益指标|level2=生态效益指标|level3=水源保护区面积|target=不低于2平方公里{count op=ge n=2 u=平方公里 f=words}",
     NULL, NULL},
    {D, 19, 0, 0, -1, -2,
     "level1=满意度指标|level2=服务对象满意度指标|level3=受益群众满意度|target=不低于90%{percent op=ge n=90 f=words}",
     NULL, NULL},
};

static const xtable F88_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 10, 19, 0, -1, "label level1 level2 level3 target", ROWS(F88_IND)},
};

static const xrow SH_IND[] = {
    {H, 22, 0, 0, -1, -2, "label=绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=指标值", NULL,
     NULL},
    {D, 23, 0, 0, -1, -2,
     "level1=产出指标|level2=数量指标|level3=新建健身步道数量|target=40条{count n=40 u=条}", NULL, NULL},
    {D, 24, 0, 0, -1, -2,
     "level1=^产出指标|level2=^数量指标|level3=改造健身步道数量|target=25条{count n=25 u=条}", NULL, NULL},
    {D, 25, 0, 0, -1, -2, "level1=^产出指标|level2=质量指标|level3=工程验收合格率|target=100%{percent n=100}",
     NULL, NULL},
    {D, 26, 0, 0, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=项目完工时间|target=2019年11月30日前{date op=le d=2019-11-30}",
     NULL, NULL},
    {D, 27, 0, 0, -1, -2,
     "level1=^产出指标|level2=成本指标|level3=步道单位建设成本|target=≤13万元/条{op=le n=13}", NULL, NULL},
    {D, 28, 0, 0, -1, -2,
     "level1=效果指标|level2=社会效益指标|level3=新增健身步道长度|target=≥60公里{count op=ge n=60 u=公里}",
     NULL, NULL},
    {D, 29, 0, 0, -1, -2,
     "level1=影响力指标|level2=满意度指标|level3=市民满意度|target=≥90%{percent op=ge n=90}", NULL, NULL},
};

static const xtable SHANGHAI_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 22, 29, 0, PBLINT_MONEY_WAN, "label level1 level2 level3 target",
     ROWS(SH_IND)},
};

static const xrow F10_FUNDS[] = {
    {H, 6, 0, 0, -1, -2,
     "label=项目资金(万元)|budget-initial=年初预算数|budget=全年预算数|executed=全年执行数|weight=分值|rate=执行率|score=得分",
     "label label budget-initial budget executed weight rate score", NULL},
    {D, 7, 0, 0, -1, -2,
     "label=年度资金总额|budget-initial=90{amount fen=90000000 mu=万元}|budget=89.974{amount fen=89974000 mu=万元}|executed=89.974{amount fen=89974000 mu=万元}|weight=10{number n=10}|rate=100%{percent n=100}|score=10{number n=10}",
     "label label budget-initial budget executed weight rate score", NULL},
    {D, 8, 0, 0, -1, -2,
     "label=其中:当年财政拨款|budget-initial=90{amount fen=90000000}|budget=89.974{amount fen=89974000}|executed=89.974{amount fen=89974000}|weight=—{empty f=dash}|rate=—{empty f=dash}|score=—{empty f=dash}",
     NULL, NULL},
    {D, 9, 0, 0, -1, -2,
     "label=上年结转资金|budget-initial=0{amount fen=0}|budget=0{amount fen=0}|executed=0{amount fen=0}|weight=—|rate=—|score=—",
     NULL, NULL},
    {D, 10, 0, 0, -1, -2,
     "label=其他资金|budget-initial=0{amount fen=0}|budget=0{amount fen=0}|executed=0{amount fen=0}|weight=—|rate=—|score=—",
     NULL, NULL},
};

static const xrow F10_IND[] = {
    {H, 13, 0, 0, -1, -2,
     "label=绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=年度指标值|actual=实际完成值|weight=分值|score=得分|deviation=偏差原因分析及改进措施",
     NULL, NULL},
    {D, 14, 0, 0, -1, -2,
     "level1=产出指标|level2=数量指标|level3=养护里程|target=≥120公里{count op=ge n=120 u=公里}|actual=118公里{count n=118 u=公里}|weight=20{number n=20}|score=19{number n=19}|deviation=两段道路因汛期顺延",
     NULL, NULL},
    {D, 15, 0, 0, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=路面合格率|target=≥95%{percent op=ge n=95}|actual=96%{percent n=96}|weight=15{number n=15}|score=15{number n=15}",
     NULL, NULL},
    {D, 16, 0, 0, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=完成时间|target=2022年12月31日前{date op=le d=2022-12-31}|actual=2022年12月20日{date d=2022-12-20}|weight=15|score=15",
     NULL, NULL},
    {D, 17, 0, 0, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=群众出行便利度提升|target=明显提升{word}|actual=达成年度指标{word}|weight=20|score=18{number n=18}",
     NULL, NULL},
    {D, 18, 0, 0, -1, -2,
     "level1=满意度指标|level2=服务对象满意度指标|level3=沿线群众满意度|target=≥90%{percent op=ge n=90}|actual=92%{percent n=92}|weight=10|score=10",
     NULL, NULL},
    {T, 19, 0, 0, -1, -2, "label=总分|weight=100{number n=100}|score=87{number n=87}", NULL, NULL},
};

static const xtable F10_TABLES[] = {
    {PBLINT_TABLE_FUNDS, 6, 10, 0, PBLINT_MONEY_WAN,
     "label budget-initial budget executed weight rate score", ROWS(F10_FUNDS)},
    {PBLINT_TABLE_INDICATOR, 13, 19, 0, -1,
     "label level1 level2 level3 target actual weight score deviation", ROWS(F10_IND)},
};

static const xrow SELFCL_IND[] = {
    {H, 9, 9, 15, -1, -2,
     "level1=一级指标|level2=二级指标|level3=三级指标|target=年度指标值|actual=实际完成值|weight=权重|score=得分",
     "level1 level2 level3 target actual weight score", NULL},
    {D, 17, 17, 23, -1, -2,
     "level1=产出指标|level2=数量指标|level3=签约服务人数|target=≥30000人{count op=ge n=30000 u=人}|actual=31250人{count n=31250 u=人}|weight=20{number n=20}|score=20{number n=20}",
     NULL, NULL},
    {D, 26, 25, 31, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=重点人群签约率|target=≥70%{percent op=ge n=70}|actual=68.5%{percent n=68.5}|weight=20{number n=20}|score=18{number n=18}",
     "level1 level2 level3 target actual weight score", NULL},
    {D, 34, 33, 39, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=签约完成时间|target=2021年12月31日前{date op=le d=2021-12-31}|actual=2021年12月20日{date d=2021-12-20}|weight=10|score=10",
     NULL, NULL},
    {D, 41, 41, 47, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=居民健康档案规范化建档率|target=≥90%|actual=93%{percent n=93}|weight=30{number n=30}|score=30",
     NULL, NULL},
    {D, 49, 49, 55, -1, -2,
     "level1=满意度指标|level2=服务对象满意度指标|level3=签约居民满意度|target=≥90%|actual=91%{percent n=91}|weight=10|score=10",
     NULL, NULL},
};

static const xtable SELFCL_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 9, 55, -1, -1, "level1 level2 level3 target actual weight score",
     ROWS(SELFCL_IND)},
};

static const xrow CRLF_IND[] = {
    {H, 23, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值|remark=备注", NULL,
     NULL},
    {D, 24, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=睦邻点运营数量|target=12个{count n=12 u=个 f=fw}|remark=计划安排",
     NULL, NULL},
    {D, 25, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=^数量|level3=开展活动场次|target=≥240场次{count op=ge n=240 u=场次 f=fw}|remark=历年经验",
     NULL, NULL},
    {D, 26, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=质量|level3=活动记录完整率|target=100%{percent n=100 f=fw}|remark=台账检查",
     NULL, NULL},
    {D, 27, 0, 0, -1, -2,
     "label=^绩效目标|level1=效果目标|level2=社会效益|level3=居民参与率|target=≥30%{percent op=ge n=30 f=fw}|remark=历年经验",
     NULL, NULL},
    {D, 28, 0, 0, -1, -2,
     "label=^绩效目标|level1=影响力目标|level2=满意度|level3=居民满意度|target=≥90%{percent op=ge n=90 f=fw}|remark=问卷调查",
     NULL, NULL},
};

static const xtable CRLF_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 23, 28, 1, PBLINT_MONEY_WAN, "label level1 level2 level3 target remark",
     ROWS(CRLF_IND)},
};

static const xrow TRUNC_IND[] = {
    {H, 5, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值|remark=备注", NULL,
     NULL},
    {D, 6, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=微更新点位数|target=8个{count n=8 u=个}|remark=计划安排",
     NULL, NULL},
    {D, 7, 0, 0, -1, -2, "label=^绩效目标|level1=^产出目标|level2=质量|level3=工程验收合格率",
     "label level1 level2 level3", NULL},
};

static const xtable TRUNC_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 5, 7, 0, -1, "label level1 level2 level3 target remark", ROWS(TRUNC_IND)},
};

static const xrow EXTRA_IND[] = {
    {H, 5, 0, 0, -1, -2,
     "label=绩效指标|level1=一级指标|level2=二级指标|level3=三级指标|target=指标值|unit=计量单位|remark=指标值说明",
     "label level1 level2 level3 target unit remark", NULL},
    {D, 6, 0, 0, -1, -2,
     "level1=产出指标|level2=数量指标|level3=培训人次|target=≥500{op=ge n=500}|unit=人次|remark=按签到表统计",
     "label level1 level2 level3 target unit remark", NULL},
    {D, 7, 0, 0, -1, -2,
     "level1=^产出指标|level2=质量指标|level3=培训合格率|target=≥95{op=ge n=95}|unit=%|remark=考核合格人数/参训人数",
     NULL, NULL},
    {D, 8, 0, 0, -1, -2,
     "level1=^产出指标|level2=时效指标|level3=培训完成时间|target=2022年10月31日前{date op=le d=2022-10-31}",
     NULL, NULL},
    {D, 9, 0, 0, -1, -2,
     "level1=效益指标|level2=社会效益指标|level3=培训后就业率|target=≥60{op=ge n=60}|unit=%|remark=培训后半年内就业人数/参训人数",
     NULL, NULL},
    {D, 10, 0, 0, -1, -2,
     "level1=满意度指标|level2=服务对象满意度指标|level3=学员满意度|target=≥90{op=ge n=90}|unit=%|remark=问卷调查",
     NULL, NULL},
};

static const xtable EXTRA_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 5, 10, 0, -1, "label level1 level2 level3 target unit remark",
     ROWS(EXTRA_IND)},
};

static const xrow MISS_IND[] = {
    {H, 8, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值", NULL, NULL},
    {D, 9, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=助餐服务人次|target=36000人次{count n=36000 u=人次}",
     NULL, NULL},
    {D, 10, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=质量|level3=食品安全抽检合格率|target=100%{percent n=100}",
     NULL, NULL},
    {D, 11, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=时效|level3=服务开展及时率|target=及时{word}", NULL, NULL},
    {D, 12, 0, 0, -1, -2,
     "label=^绩效目标|level1=效果目标|level2=社会效益|level3=老年人就餐便利度|target=提高{word}", NULL, NULL},
    {D, 13, 0, 0, -1, -2,
     "label=^绩效目标|level1=影响力目标|level2=满意度|level3=助餐老人满意度|target=≥90%{percent op=ge n=90}",
     NULL, NULL},
};

static const xrow MISS_BRK[] = {
    {H, 14, 0, 0, -1, -2,
     "name=项目名称|content=项目内容|item=项目明细|amount=明细金额|unit-price=单价|quantity=数量", NULL, NULL},
    {D, 15, 0, 0, -1, -2,
     "label=项目构成分解|name=老年助餐服务|content=助餐补贴|item=餐费补贴|amount=108000{amount fen=10800000 mu=元}|unit-price=3{amount fen=300 mu=元}|quantity=36000{number n=36000}",
     NULL, NULL},
    {T, 16, 0, 0, -1, -2,
     "label=金额合计|amount=108000{amount fen=10800000 mu=元}|unit-price=——{empty f=dash}|quantity=——{empty f=dash}",
     NULL, NULL},
};

static const xtable MISS_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 8, 13, 0, PBLINT_MONEY_YUAN, "label level1 level2 level3 target",
     ROWS(MISS_IND)},
    {PBLINT_TABLE_BREAKDOWN, 14, 16, 0, PBLINT_MONEY_YUAN,
     "label name content item amount unit-price quantity", ROWS(MISS_BRK)},
};

static const xrow SHIFT_IND[] = {
    {H, 6, 0, 0, -1, -2, "level1=一级目标|level2=二级目标|level3=三级目标|target=目标值|remark=备注", NULL,
     NULL},
    {D, 7, 0, 0, -1, -2,
     "label=绩效目标|level1=产出目标|level2=数量|level3=走访户数|target=320户{count n=320 u=户}|remark=历年经验",
     "label level1 level2 level3 target remark", NULL},
    /* lost one leading tab: realigned one cell to the right */
    {D, 8, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=质量|level3=走访记录完整率|target=100%{percent n=100}|remark=台账检查",
     "level1 level2 level3 target remark", NULL},
    /* lost both leading tabs: two cells to the right */
    {D, 9, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=时效|level3=走访完成时间|target=2020年12月31日前{date op=le d=2020-12-31}|remark=计划安排",
     "level2 level3 target remark", NULL},
    /* one tab too many: one cell to the left */
    {D, 10, 0, 0, -1, -2,
     "label=^绩效目标|level1=^产出目标|level2=^时效|level3=走访覆盖率|target=100%{percent n=100}|remark=历年经验",
     "label level1 level2 level3 target remark", NULL},
    /* seed 003 line 52's case: a new 一级 without the leading tab */
    {D, 11, 0, 0, -1, -2,
     "label=^绩效目标|level1=效果目标|level2=社会效益|level3=困难群众求助办结率|target=≥95%{percent op=ge n=95}|remark=历年经验",
     "level1 level2 level3 target remark", NULL},
    {D, 12, 0, 0, -1, -2,
     "label=^绩效目标|level1=影响力目标|level2=满意度|level3=受访群众满意度|target=≥90%{percent op=ge n=90}|remark=问卷调查",
     "label level1 level2 level3 target remark", NULL},
    {D, 13, 0, 0, -1, -2,
     "label=^绩效目标|level1=^影响力目标|level2=^满意度|level3=受访骨干满意度|target=≥90%|remark=问卷调查", NULL,
     NULL},
};

static const xtable SHIFT_TABLES[] = {
    {PBLINT_TABLE_INDICATOR, 6, 13, 0, -1, "label level1 level2 level3 target remark", ROWS(SHIFT_IND)},
};

static const xrow BUD_BRK[] = {
    {H, 7, 0, 0, -1, -2,
     "label=项目支出预算明细|content=项目用途|amount=金额(万元)|quantity=数量|unit=单位|unit-price=单价(元)|basis=测算依据",
     "label content amount quantity unit unit-price basis", NULL},
    {D, 8, 0, 0, -1, -2,
     "content=音响设备购置|amount=12.5{amount fen=12500000 mu=万元}|quantity=50{number n=50}|unit=台|unit-price=2500{amount fen=250000 mu=元}|basis=市场询价",
     NULL, NULL},
    {D, 9, 0, 0, -1, -2,
     "content=文化培训|amount=3.2{amount fen=3200000 mu=万元}|quantity=400{number n=400}|unit=人次|unit-price=80{amount fen=8000 mu=元}|basis=培训收费标准",
     NULL, NULL},
    {T, 10, 0, 0, -1, -2, "label=合计|amount=15.7{amount fen=15700000 mu=万元}", NULL, NULL},
};

static const xtable BUD_TABLES[] = {
    {PBLINT_TABLE_BREAKDOWN, 7, 10, 0, PBLINT_MONEY_WAN,
     "label content amount quantity unit unit-price basis", ROWS(BUD_BRK)},
};

#undef H
#undef D
#undef T

/* ======================================================= tests: seeds */

static void expect_section(const pblint_doc *d, size_t i, const char *title, unsigned line, int year,
                           int money_unit)
{
    const pblint_section *s = pblint_doc_section(d, i);
    CHECK(s != NULL, "section %zu missing (want '%s')", i, title);
    if (!s)
        return;
    const pblint_text *t = pblint_section_title(s);
    CHECK(strcmp(tstr(t), title) == 0, "section %zu: title '%s', want '%s'", i, tstr(t), title);
    if (title[0])
        CHECK(line_of(d, pblint_text_span(t).start) == line, "section %zu: title on line %u, want %u",
              i, line_of(d, pblint_text_span(t).start), line);
    CHECK(pblint_section_year(s, NULL) == year, "section %zu: year %d, want %d", i,
          pblint_section_year(s, NULL), year);
    CHECK(pblint_section_money_unit(s, NULL) == money_unit, "section %zu: money unit '%s', want '%s'",
          i, pblint_money_unit_name(pblint_section_money_unit(s, NULL)),
          pblint_money_unit_name(money_unit));
}

static void test_seed001_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2019, 5, "2019", PBLINT_MONEY_YUAN});
    CHECK(pblint_doc_section_count(d) == 3, "%zu sections, want 3", pblint_doc_section_count(d));
    expect_section(d, 0, "财政项目支出绩效目标申报表(项目总体情况)", 3, 2019, PBLINT_MONEY_YUAN);
    expect_section(d, 1, "财政项目支出绩效目标申报表(绩效目标)", 37, 2019, PBLINT_MONEY_YUAN);
    /* the 制度保障 sheet declares no 金额单位 */
    expect_section(d, 2, "项目支出绩效目标申报表(制度保障)", 59, 2019, PBLINT_MONEY_NONE);
    pblint_span ys;
    pblint_section_year(pblint_doc_section(d, 1), &ys);
    CHECK(line_of(d, ys.start) == 38 && slice_is(d, ys, "2019"), "section 1 year span");
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_seed001_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001 fields";
    check_fields(d, SEED001_FIELDS, PB_ARRAY_LEN(SEED001_FIELDS), XF_SECTIONS | XF_ONLY);
    END_CHECKS();
}

/* labels are the words of the label, without their list number (pblint.h) */
static void test_seed001_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001 labels";
    check_fields(d, SEED001_FIELDS, PB_ARRAY_LEN(SEED001_FIELDS), XF_LABELS);
    END_CHECKS();
}

static void test_seed001_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001 tables";
    check_tables(d, SEED001_TABLES, PB_ARRAY_LEN(SEED001_TABLES));
    END_CHECKS();
}

static void test_seed001_choices(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001 choices";
    const pblint_field *k = pblint_doc_field(d, "project_kind");
    check_field_choices(k, "一次性项目-|经常性项目+|中期预算试点项目-");
    if (k && pblint_field_choice_count(k) == 3) {
        pblint_choice c;
        pblint_field_choice(k, 0, &c);
        CHECK(slice_is(d, c.box, "<input type=\"checkbox\"/>"), "choice 0: box is not its <input>");
        CHECK(line_of(d, pblint_text_span(c.label).start) == 12, "choice 0 label line");
        pblint_field_choice(k, 1, &c);
        CHECK(slice_is(d, c.box, "<input checked=\"\" type=\"checkbox\"/>"),
              "choice 1: box is not its checked <input>");
        CHECK(slice_is(d, pblint_text_span(c.label), "经常性项目"), "choice 1: label span");
    }
    /* the √ after each stage is its tick */
    const pblint_table *t = table_of(d, PBLINT_TABLE_SAFEGUARD, 0);
    const pblint_row *r = row_on(d, t, 64);
    CHECK(r != NULL, "no safeguard row on line 64");
    if (r) {
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_STAGE);
        pblint_choice ch;
        CHECK(c && pblint_cell_choice_count(c) == 1 && pblint_cell_choice(c, 0, &ch) == 0 &&
                  slice_is(d, ch.box, "√") && ch.checked,
              "stage cell on line 64: the tick is not its box");
    }
    END_CHECKS();
}

static void test_seed001_positions(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED001);
    g_what = "001 positions";
    /* line 48: 绩效目标→产出目标→数量→走访工作完成率→100% */
    const pblint_row *r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 48);
    CHECK(r != NULL, "no indicator row on line 48");
    if (!r) {
        END_CHECKS();
        return;
    }
    const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_TARGET);
    CHECK(c != NULL, "no target on line 48");
    if (c) {
        pblint_span sp = pblint_text_span(pblint_cell_text(c));
        unsigned l, col;
        pblint_doc_position(d, sp.start, PBLINT_COLUMN_CODEPOINT, &l, &col);
        CHECK(l == 48 && col == 22, "target: codepoint %u:%u, want 48:22", l, col);
        pblint_doc_position(d, sp.start, PBLINT_COLUMN_DISPLAY, &l, &col);
        CHECK(l == 48 && col == 57, "target: display %u:%u, want 48:57", l, col);
        pblint_doc_position(d, sp.start, PBLINT_COLUMN_BYTE, &l, &col);
        CHECK(l == 48 && col == 56, "target: byte %u:%u, want 48:56", l, col);
        pblint_doc_position(d, sp.start, PBLINT_COLUMN_UTF16, &l, &col);
        CHECK(l == 48 && col == 22, "target: utf-16 %u:%u, want 48:22", l, col);
        CHECK(slice_is(d, sp, "100%"), "target span");
        const pblint_value *v = pblint_cell_value(c);
        CHECK(slice_is(d, v->num_span, "100") && slice_is(d, v->unit_span, "%"),
              "target value: number/unit spans");
    }
    /* row 48's extent is the whole line with its newline */
    pblint_span ext = pblint_row_extent(r);
    pblint_span ls = pblint_doc_line_span(d, 48);
    CHECK(ext.start == ls.start && ext.end == ls.end + 1, "row 48 extent %u-%u, line %u-%u",
          ext.start, ext.end, ls.start, ls.end);
    /* the merged 绩效目标 carried into line 54 points at line 48 */
    r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 54);
    c = r ? pblint_row_cell(r, PBLINT_COL_LABEL) : NULL;
    CHECK(c && pblint_cell_inherited(c) &&
              line_of(d, pblint_text_span(pblint_cell_text(c)).start) == 48,
          "line 54: label not carried from line 48");
    /* the amount on line 19, inside "一、项目总预算: 244800" */
    const pblint_field *fl = pblint_doc_field(d, "project_total");
    if (fl) {
        const pblint_value *v = pblint_field_value(fl);
        unsigned l, col;
        pos(d, v->num_span.start, &l, &col);
        CHECK(l == 19 && col == 15 && slice_is(d, v->num_span, "244800"),
              "project_total number at %u:%u", l, col);
    }
    /* the last line has no newline: the last row ends at the end of the text */
    size_t len;
    pblint_doc_text(d, &len);
    r = row_on(d, table_of(d, PBLINT_TABLE_SAFEGUARD, 0), 68);
    CHECK(r && pblint_row_extent(r).end == len, "last row does not end at the end of the text");
    CHECK(pblint_doc_line_count(d) == 68, "%u lines, want 68", pblint_doc_line_count(d));
    END_CHECKS();
}

static void test_seed003_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2020, 5, "2020", PBLINT_MONEY_WAN});
    CHECK(pblint_doc_section_count(d) == 3, "%zu sections, want 3", pblint_doc_section_count(d));
    expect_section(d, 0, "财政项目支出绩效目标申报表(项目总体情况)", 3, 2020, PBLINT_MONEY_WAN);
    expect_section(d, 1, "财政项目支出绩效目标申报表(绩效目标)", 37, 2020, PBLINT_MONEY_WAN);
    expect_section(d, 2, "项目支出绩效目标申报表(制度保障)", 57, 2020, PBLINT_MONEY_NONE);
    /* the sheet's unit is declared inside "项目名称：...金额单位：万元" */
    pblint_span us;
    pblint_section_money_unit(pblint_doc_section(d, 1), &us);
    CHECK(line_of(d, us.start) == 43 && slice_is(d, us, "万元"), "section 1 unit span");
    static const xdiag DG[] = {{"parse/conversion-artifact", 15, "<p>", "HTML"}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    /* 附件1-2 is running text outside any field */
    bool seen = false;
    for (size_t i = 0; i < pblint_doc_paragraph_count(d); i++) {
        const char *k = "x";
        const pblint_text *p = pblint_doc_paragraph(d, i, &k);
        if (strcmp(tstr(p), "附件1-2") == 0)
            seen = k == NULL && line_of(d, pblint_text_span(p).start) == 39;
    }
    CHECK(seen, "附件1-2 is not a field-less paragraph on line 39");
    END_CHECKS();
}

static void test_seed003_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003 fields";
    check_fields(d, SEED003_FIELDS, PB_ARRAY_LEN(SEED003_FIELDS), XF_SECTIONS | XF_ONLY);
    /* HTML is gone from the text, but the span keeps it */
    const pblint_field *fl = pblint_doc_field(d, "overview");
    if (fl) {
        CHECK(strstr(tstr(pblint_field_text(fl)), "<p>") == NULL, "overview text keeps <p>");
        CHECK(slice_starts(d, pblint_text_span(pblint_field_text(fl)), "<p>新虹"),
              "overview span does not start at its <p>");
    }
    /* 项目名称 and 金额单位 on one line: the name stops before 金额单位 */
    fl = field_nth(d, "project_name", 1);
    if (fl)
        CHECK(slice_is(d, pblint_text_span(pblint_field_text(fl)), "居民小区综合治理建设"),
              "line 43 project_name span");
    END_CHECKS();
}

static void test_seed003_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003 labels";
    check_fields(d, SEED003_FIELDS, PB_ARRAY_LEN(SEED003_FIELDS), XF_LABELS);
    END_CHECKS();
}

static void test_seed003_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003 tables";
    check_tables(d, SEED003_TABLES, PB_ARRAY_LEN(SEED003_TABLES));
    END_CHECKS();
}

static void test_seed003_shifted_row(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003 line 52";
    const pblint_row *r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 52);
    CHECK(r != NULL, "no indicator row on line 52");
    if (r) {
        /* 影响力目标 is the first cell written, and it is the 一级 */
        const pblint_cell *c = pblint_row_cell_at(r, 0);
        CHECK(c && pblint_cell_role(c) == PBLINT_COL_LEVEL1 &&
                  strcmp(tstr(pblint_cell_text(c)), "影响力目标") == 0,
              "first own cell is not the 一级 影响力目标");
        unsigned l, col;
        pos(d, pblint_text_span(pblint_cell_text(c)).start, &l, &col);
        CHECK(l == 52 && col == 1, "影响力目标 at %u:%u", l, col);
        c = pblint_row_cell(r, PBLINT_COL_TARGET);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "满意") == 0, "target is not 满意");
        /* the merged 绩效目标 still applies */
        c = pblint_row_cell(r, PBLINT_COL_LABEL);
        CHECK(c && pblint_cell_inherited(c) && strcmp(tstr(pblint_cell_text(c)), "绩效目标") == 0,
              "label 绩效目标 not carried into line 52");
        /* a new 一级 starts a new 二级 group: nothing is inherited there */
        c = pblint_row_cell(r, PBLINT_COL_LEVEL2);
        CHECK(c && !pblint_cell_inherited(c), "level2 of line 52 inherited");
    }
    END_CHECKS();
}

static void test_seed003_choices(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED003);
    g_what = "003 choices";
    const pblint_field *k = pblint_doc_field(d, "project_kind");
    check_field_choices(k, "一次性项目-|经常性项目-|中期预算试点项目-");
    for (size_t i = 0; k && i < pblint_field_choice_count(k); i++) {
        pblint_choice c;
        pblint_field_choice(k, i, &c);
        CHECK(slice_is(d, c.box, "<input type=\"checkbox\"/>"), "choice %zu: box is not its <input>",
              i);
    }
    const pblint_row *r = row_on(d, table_of(d, PBLINT_TABLE_SAFEGUARD, 0), 65);
    CHECK(r != NULL, "no safeguard row on line 65");
    for (size_t i = 0; r && i < pblint_row_cell_count(r); i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        pblint_choice ch;
        if (pblint_cell_role(c) == PBLINT_COL_STAGE && pblint_cell_choice(c, 0, &ch) == 0)
            CHECK(slice_starts(d, ch.box, "<input") && line_of(d, ch.box.start) == 65,
                  "stage box of '%s' is not its <input>", tstr(ch.label));
    }
    END_CHECKS();
}

static void test_seed004_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004";
    /* no title: the year is the report's most frequent one */
    check_doc(d, &(xdoc){PBLINT_DOC_SELF_EVALUATION, 2017, 4, "2017", PBLINT_MONEY_NONE});
    static const xdiag DG[] = {{"parse/conversion-artifact", 223, "[bookmark: _GoBack]", "bookmark"}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    END_CHECKS();
}

static void test_seed004_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 fields";
    check_fields(d, SEED004_FIELDS, PB_ARRAY_LEN(SEED004_FIELDS), XF_ONLY);
    /* the second statement of the budget (line 83) does not make a second field */
    const pblint_field *b = pblint_doc_field(d, "budget");
    if (b) {
        const pblint_value *v = pblint_field_value(b);
        CHECK(slice_is(d, v->num_span, "170.92") && slice_is(d, v->unit_span, "万元"),
              "budget number/unit spans");
    }
    END_CHECKS();
}

/* regression test: once, the label of "（一）项目概况" kept its list number */
static void test_seed004_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 labels";
    check_fields(d, SEED004_FIELDS, PB_ARRAY_LEN(SEED004_FIELDS), XF_LABELS);
    END_CHECKS();
}

/* regression test: once, 实际决算开支 came out as 决算开支 */
static void test_seed004_statement_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 statement labels";
    static const struct {
        const char *key, *label;
        unsigned line;
    } L[] = {
        {"budget", "预算总金额", 4},
        {"actual", "实际决算开支", 4},
        {"stated_score", "得分", 182},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(L); i++) {
        const pblint_field *fl = pblint_doc_field(d, L[i].key);
        CHECK(fl != NULL, "no %s", L[i].key);
        if (!fl)
            continue;
        pblint_span sp = pblint_text_span(pblint_field_label(fl));
        CHECK(strcmp(tstr(pblint_field_label(fl)), L[i].label) == 0 && line_of(d, sp.start) == L[i].line &&
                  slice_is(d, sp, L[i].label),
              "%s: label '%s', want '%s' on line %u", L[i].key, tstr(pblint_field_label(fl)),
              L[i].label, L[i].line);
    }
    /* the grade's label is the phrase before it, and the value is 良好 */
    const pblint_field *g = pblint_doc_field(d, "stated_grade");
    CHECK(g && strstr(tstr(pblint_field_label(g)), "级别") != NULL, "stated_grade label");
    END_CHECKS();
}

/* The index of the section with this title, or -1. */
static long section_titled(const pblint_doc *d, const char *title)
{
    for (size_t i = 0; i < pblint_doc_section_count(d); i++)
        if (strcmp(tstr(pblint_section_title(pblint_doc_section(d, i))), title) == 0)
            return (long)i;
    return -1;
}

/* Checks that the parts of a report are sections, and that each table and
 * field (by its first line) sits in the part that holds it. */
static void check_report_parts(const pblint_doc *d, const char *const *titles,
                               const unsigned *lines, size_t nparts)
{
    long idx[8];
    for (size_t i = 0; i < nparts; i++) {
        idx[i] = section_titled(d, titles[i]);
        CHECK(idx[i] >= 0, "no section titled '%s'", titles[i]);
        if (idx[i] >= 0) {
            const pblint_text *t = pblint_section_title(pblint_doc_section(d, (size_t)idx[i]));
            CHECK(line_of(d, pblint_text_span(t).start) == lines[i], "section '%s' on line %u, want %u",
                  titles[i], line_of(d, pblint_text_span(t).start), lines[i]);
        }
        if (i > 0 && idx[i] >= 0 && idx[i - 1] >= 0)
            CHECK(idx[i] > idx[i - 1], "sections out of order");
    }
    for (size_t ti = 0; ti < pblint_doc_table_count(d); ti++) {
        const pblint_table *t = pblint_doc_table(d, ti);
        unsigned l = line_of(d, pblint_table_span(t).start);
        size_t part = 0;
        while (part + 1 < nparts && lines[part + 1] <= l)
            part++;
        if (l >= lines[0] && idx[part] >= 0)
            CHECK(pblint_table_section(t) == (size_t)idx[part],
                  "table %zu (line %u): section %zu, want %ld ('%s')", ti, l, pblint_table_section(t),
                  idx[part], titles[part]);
    }
    for (size_t fi = 0; fi < pblint_doc_field_count(d); fi++) {
        const pblint_field *fl = pblint_doc_field_at(d, fi);
        unsigned l = line_of(d, pblint_text_span(pblint_field_text(fl)).start);
        size_t part = 0;
        while (part + 1 < nparts && lines[part + 1] <= l)
            part++;
        if (l >= lines[0] && idx[part] >= 0)
            CHECK(pblint_field_section(fl) == (size_t)idx[part],
                  "field %s (line %u): section %zu, want %ld ('%s')", pblint_field_key(fl), l,
                  pblint_field_section(fl), idx[part], titles[part]);
    }
}

/* regression test: once, a report's 一、二、三、 parts were not sections */
static void test_seed004_sections(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 sections";
    static const char *const TITLES[] = {"一、项目基本情况", "二、项目绩效分析", "三、自评结论"};
    static const unsigned LINES[] = {1, 71, 180};
    check_report_parts(d, TITLES, LINES, 3);
    END_CHECKS();
}

static void test_seed004_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 tables";
    check_tables(d, SEED004_TABLES, PB_ARRAY_LEN(SEED004_TABLES));
    END_CHECKS();
}

static void test_seed004_paragraphs(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_seed(f, SEED004);
    g_what = "004 paragraphs";
    /* every prose line is a paragraph, in order; field values carry their key */
    static const struct {
        unsigned line;
        const char *key;
    } P[] = {{1, NULL},          {3, "overview"}, {4, NULL},   {6, NULL},   {7, "total_goal"},
             {8, "year_goal"},   {9, NULL},       {10, NULL},  {50, NULL},  {71, NULL},
             {72, NULL},         {73, NULL},      {74, NULL},  {75, NULL},  {76, NULL},
             {77, NULL},         {78, NULL},      {79, NULL},  {80, NULL},  {81, NULL},
             {82, NULL},         {83, NULL},      {119, NULL}, {120, NULL}, {159, NULL},
             {180, NULL},        {181, NULL},     {182, NULL}, {214, NULL}, {216, NULL},
             {217, NULL},        {218, NULL},     {219, NULL}, {220, NULL}, {221, NULL},
             {222, NULL},        {223, NULL},     {224, NULL}, {225, NULL}, {226, NULL},
             {227, NULL},        {228, NULL},     {229, NULL}, {230, NULL}};
    size_t n = pblint_doc_paragraph_count(d);
    CHECK(n == PB_ARRAY_LEN(P), "%zu paragraphs, want %zu", n, PB_ARRAY_LEN(P));
    for (size_t i = 0; i < n && i < PB_ARRAY_LEN(P); i++) {
        const char *k = NULL;
        const pblint_text *p = pblint_doc_paragraph(d, i, &k);
        unsigned l = line_of(d, pblint_text_span(p).start);
        CHECK(l == P[i].line && ((k == NULL && P[i].key == NULL) ||
                                 (k && P[i].key && strcmp(k, P[i].key) == 0)),
              "paragraph %zu: line %u key %s, want line %u key %s", i, l, k ? k : "-", P[i].line,
              P[i].key ? P[i].key : "-");
    }
    /* the bookmark is not part of the text of line 223 */
    for (size_t i = 0; i < n; i++) {
        const pblint_text *p = pblint_doc_paragraph(d, i, NULL);
        if (line_of(d, pblint_text_span(p).start) == 223)
            CHECK(strncmp(tstr(p), "(3)项目立项时", strlen("(3)项目立项时")) == 0,
                  "line 223 text '%s'", tstr(p));
    }
    END_CHECKS();
}

/* ==================================================== tests: fixtures */

#define FIX_NATIONAL "national-2011-declaration.txt"
#define FIX_F88 "f88-declaration.txt"
#define FIX_SHANGHAI "shanghai-city-2019.txt"
#define FIX_F10 "f10-self-evaluation.txt"
#define FIX_SELFCL "self-evaluation-cell-lines.txt"
#define FIX_CRLF "crlf-fullwidth-declaration.txt"
#define FIX_TRUNC "truncated-table.txt"
#define FIX_EXTRA "extra-column.txt"
#define FIX_MISS "missing-remark.txt"
#define FIX_SHIFT "shifted-rows.txt"
#define FIX_BUDGET "budget-detail-2017.txt"

/* --- national 2011-era: 资金总额 in 万元, 长期目标/年度目标, two indicator tables */

static void test_national_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_NATIONAL);
    g_what = "national";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2013, 2, "2013", PBLINT_MONEY_NONE});
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_national_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_NATIONAL);
    g_what = "national fields";
    check_fields(d, NATIONAL_FIELDS, PB_ARRAY_LEN(NATIONAL_FIELDS), XF_LABELS | XF_SECTIONS | XF_ONLY);
    check_field_choices(pblint_doc_field(d, "project_attr"), "新增项目-|延续项目+");
    END_CHECKS();
}

static void test_national_fund_unit(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_NATIONAL);
    g_what = "national 万元";
    /* "项目资金申请（万元）" heads the fund lines: 360 is 360万元 */
    static const struct {
        const char *key;
        int64_t fen;
    } A[] = {{"project_total", 360000000}, {"fiscal", 300000000}, {"other_funds", 60000000}};
    for (size_t i = 0; i < PB_ARRAY_LEN(A); i++) {
        const pblint_field *fl = pblint_doc_field(d, A[i].key);
        CHECK(fl != NULL, "no %s", A[i].key);
        if (fl)
            CHECK(pblint_field_value(fl)->money_unit == PBLINT_MONEY_WAN &&
                      pblint_field_value(fl)->fen == A[i].fen,
                  "%s: %lld fen in %s, want %lld fen in 万元", A[i].key,
                  (long long)pblint_field_value(fl)->fen,
                  pblint_money_unit_name(pblint_field_value(fl)->money_unit), (long long)A[i].fen);
    }
    END_CHECKS();
}

static void test_national_goal_block(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_NATIONAL);
    g_what = "national goals";
    const pblint_field *tg = pblint_doc_field(d, "total_goal");
    const pblint_field *yg = pblint_doc_field(d, "year_goal");
    CHECK(tg && text_matches(tstr(pblint_field_text(tg)), "通过三年维修改造" ELLIPSIS),
          "total_goal '%s', want the 长期目标 text on line 13", tg ? tstr(pblint_field_text(tg)) : "-");
    CHECK(yg && text_matches(tstr(pblint_field_text(yg)), "完成12所" ELLIPSIS),
          "year_goal '%s', want the 年度目标 text on line 13", yg ? tstr(pblint_field_text(yg)) : "-");
    size_t n = 0;
    for (size_t i = 0; i < pblint_doc_field_count(d); i++)
        if (strcmp(pblint_field_key(pblint_doc_field_at(d, i)), "total_goal") == 0)
            n++;
    CHECK(n == 1, "%zu total_goal fields, want 1", n);
    END_CHECKS();
}

static void test_national_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_NATIONAL);
    g_what = "national tables";
    check_tables(d, NATIONAL_TABLES, PB_ARRAY_LEN(NATIONAL_TABLES));
    END_CHECKS();
}

/* --- post-2021 F88/F101 style: 年度资金总额, 成本指标, operators as >= <= 不低于 */

static void test_f88_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F88);
    g_what = "f88";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2023, 2, "2023", PBLINT_MONEY_NONE});
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_f88_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F88);
    g_what = "f88 fields";
    check_fields(d, F88_FIELDS, PB_ARRAY_LEN(F88_FIELDS), XF_LABELS | XF_SECTIONS | XF_ONLY);
    END_CHECKS();
}

static void test_f88_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F88);
    g_what = "f88 tables";
    check_tables(d, F88_TABLES, PB_ARRAY_LEN(F88_TABLES));
    /* the operator span of ">=85公里" is the two characters >= */
    const pblint_row *r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 11);
    const pblint_cell *c = r ? pblint_row_cell(r, PBLINT_COL_TARGET) : NULL;
    if (c) {
        const pblint_value *v = pblint_cell_value(c);
        CHECK(slice_is(d, v->op_span, ">=") && slice_is(d, v->num_span, "85") &&
                  slice_is(d, v->unit_span, "公里"),
              "line 11: operator/number/unit spans");
    }
    r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 12);
    c = r ? pblint_row_cell(r, PBLINT_COL_TARGET) : NULL;
    if (c)
        CHECK(slice_is(d, pblint_cell_value(c)->op_span, "不低于"), "line 12: operator span");
    END_CHECKS();
}

/* --- 上海市级 2019: 项目类型 and 资金用途 check boxes, 立项依据, HTML leftovers */

static void test_shanghai_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SHANGHAI);
    g_what = "shanghai";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2019, 2, "2019", PBLINT_MONEY_WAN});
    static const xdiag DG[] = {{"parse/conversion-artifact", 10, "&nbsp;", NULL}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    END_CHECKS();
}

static void test_shanghai_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SHANGHAI);
    g_what = "shanghai fields";
    check_fields(d, SHANGHAI_FIELDS, PB_ARRAY_LEN(SHANGHAI_FIELDS), XF_LABELS | XF_SECTIONS | XF_ONLY);
    const pblint_field *k = pblint_doc_field(d, "project_kind");
    check_field_choices(k, "市委市政府已确定的新增项目-|结转项目-|其他一次性项目+|经常性专项业务费-|其他经常性项目-");
    if (k && pblint_field_choice_count(k) == 5) {
        pblint_choice c;
        pblint_field_choice(k, 2, &c);
        CHECK(slice_is(d, c.box, "☑") && slice_is(d, pblint_text_span(c.label), "其他一次性项目"),
              "项目类型 choice 2: box/label spans");
    }
    /* <br/> between the two documents is gone from the text */
    const pblint_field *b = pblint_doc_field(d, "basis");
    CHECK(b && strstr(tstr(pblint_field_text(b)), "<br") == NULL &&
              strstr(tstr(pblint_field_text(b)), "《上海市全民健身实施计划") != NULL,
          "basis text '%s'", b ? tstr(pblint_field_text(b)) : "-");
    END_CHECKS();
}

static void test_shanghai_fund_use(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SHANGHAI);
    g_what = "shanghai 资金用途";
    const pblint_field *fl = pblint_doc_field(d, "fund_use");
    CHECK(fl == field_by_label(d, "资金用途"), "fund_use is not the 资金用途 field");
    check_field_choices(fl, "基本建设工程类+|信息化建设类-|政策补贴类-|政府购买服务-|资产购置类-|其他事业专业类-");
    END_CHECKS();
}

static void test_shanghai_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SHANGHAI);
    g_what = "shanghai tables";
    check_tables(d, SHANGHAI_TABLES, PB_ARRAY_LEN(SHANGHAI_TABLES));
    END_CHECKS();
}

/* --- F10 项目支出绩效自评表: a fund table and a target/actual/score table */

static void test_f10_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F10);
    g_what = "f10";
    check_doc(d, &(xdoc){PBLINT_DOC_SELF_EVALUATION, 2022, 2, "2022", PBLINT_MONEY_NONE});
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_f10_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F10);
    g_what = "f10 fields";
    check_fields(d, F10_FIELDS, PB_ARRAY_LEN(F10_FIELDS), XF_LABELS | XF_SECTIONS | XF_ONLY);
    END_CHECKS();
}

static void test_f10_fund_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F10);
    g_what = "f10 funds";
    /* the 年度资金总额 row: 全年预算数 is the budget, 全年执行数 the actual */
    const pblint_field *b = pblint_doc_field(d, "budget");
    const pblint_field *a = pblint_doc_field(d, "actual");
    const pblint_field *r = pblint_doc_field(d, "execution_rate");
    CHECK(b && a && r, "budget/actual/execution_rate missing");
    if (b && a && r) {
        unsigned l, c;
        pos(d, pblint_field_value(b)->span.start, &l, &c);
        CHECK(l == 7 && c == 12, "budget at %u:%u, want 7:12 (全年预算数)", l, c);
        pos(d, pblint_field_value(a)->span.start, &l, &c);
        CHECK(l == 7 && c == 19, "actual at %u:%u, want 7:19 (全年执行数)", l, c);
        pos(d, pblint_field_value(r)->span.start, &l, &c);
        CHECK(l == 7 && c == 29, "execution_rate at %u:%u, want 7:29", l, c);
    }
    END_CHECKS();
}

static void test_f10_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_F10);
    g_what = "f10 tables";
    check_tables(d, F10_TABLES, PB_ARRAY_LEN(F10_TABLES));
    END_CHECKS();
}

/* --- a self-evaluation with its table one cell per line, 实际完成值 and 权重 */

static void test_selfcl_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SELFCL);
    g_what = "self-eval cell lines";
    check_doc(d, &(xdoc){PBLINT_DOC_SELF_EVALUATION, 2021, 1, "2021", PBLINT_MONEY_NONE});
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

/* regression test: once, budget/actual/rate inside the 项目概况 value were not read */
static void test_selfcl_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SELFCL);
    g_what = "self-eval cell lines fields";
    check_fields(d, SELFCL_FIELDS, PB_ARRAY_LEN(SELFCL_FIELDS), XF_ONLY);
    END_CHECKS();
}

/* regression test: once, 年初预算数 / 全年执行数 labels were cut to 预算数 / 执行数 */
static void test_selfcl_statement_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SELFCL);
    g_what = "self-eval statement labels";
    static const struct {
        const char *key, *label;
    } L[] = {{"budget", "年初预算数"}, {"actual", "全年执行数"}, {"execution_rate", "预算执行率"}};
    for (size_t i = 0; i < PB_ARRAY_LEN(L); i++) {
        const pblint_field *fl = pblint_doc_field(d, L[i].key);
        CHECK(fl && strcmp(tstr(pblint_field_label(fl)), L[i].label) == 0, "%s: label '%s', want '%s'",
              L[i].key, fl ? tstr(pblint_field_label(fl)) : "(no field)", L[i].label);
    }
    END_CHECKS();
}

static void test_selfcl_sections(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SELFCL);
    g_what = "self-eval sections";
    static const char *const TITLES[] = {"一、项目基本情况", "二、绩效目标完成情况", "三、自评结论"};
    static const unsigned LINES[] = {3, 8, 57};
    check_report_parts(d, TITLES, LINES, 3);
    /* the title still gives the year */
    CHECK(section_titled(d, "2021年度项目支出绩效自评报告") >= 0, "the title is not a section");
    END_CHECKS();
}

static void test_selfcl_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SELFCL);
    g_what = "self-eval cell lines tables";
    check_tables(d, SELFCL_TABLES, PB_ARRAY_LEN(SELFCL_TABLES));
    END_CHECKS();
}

/* --- CRLF line endings and full-width digits */

static void test_crlf_document(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_CRLF);
    g_what = "crlf";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2021, 4, "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x91",
                         PBLINT_MONEY_WAN});
    CHECK(pblint_doc_section_count(d) == 2, "%zu sections, want 2", pblint_doc_section_count(d));
    expect_section(d, 0, "财政项目支出绩效目标申报表(项目总体情况)", 2, 2021, PBLINT_MONEY_WAN);
    expect_section(d, 1, "财政项目支出绩效目标申报表(绩效目标)", 20, 2021, PBLINT_MONEY_NONE);
    check_diags(d, f->res, NO_DIAGS);
    CHECK(pblint_doc_line_count(d) == 28, "%u lines, want 28", pblint_doc_line_count(d));
    END_CHECKS();
}

/* regression test: once, values read from full-width digits lost PBLINT_VALF_FULLWIDTH */
static void test_crlf_fields(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_CRLF);
    g_what = "crlf fields";
    check_fields(d, CRLF_FIELDS, PB_ARRAY_LEN(CRLF_FIELDS), XF_SECTIONS | XF_ONLY);
    check_field_choices(pblint_doc_field(d, "project_kind"), "一次性项目-|经常性项目+|中期预算试点项目-");
    /* no value keeps the CR of its line */
    for (size_t i = 0; i < pblint_doc_field_count(d); i++) {
        const pblint_text *t = pblint_field_text(pblint_doc_field_at(d, i));
        size_t n;
        const char *s = pblint_doc_slice(d, pblint_text_span(t), &n);
        CHECK(!memchr(s, '\r', n), "field %s: span holds a CR",
              pblint_field_key(pblint_doc_field_at(d, i)));
    }
    END_CHECKS();
}

static void test_crlf_labels(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_CRLF);
    g_what = "crlf labels";
    check_fields(d, CRLF_FIELDS, PB_ARRAY_LEN(CRLF_FIELDS), XF_LABELS);
    END_CHECKS();
}

static void test_crlf_positions(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_CRLF);
    g_what = "crlf positions";
    /* line 14: 项目资金→一、项目总预算：２５．６０ */
    const pblint_field *fl = pblint_doc_field(d, "project_total");
    CHECK(fl != NULL, "no project_total");
    if (fl) {
        const pblint_value *v = pblint_field_value(fl);
        unsigned l, c;
        pblint_doc_position(d, v->span.start, PBLINT_COLUMN_DISPLAY, &l, &c);
        CHECK(l == 14 && c == 33, "display %u:%u, want 14:33", l, c);
        pblint_doc_position(d, v->span.start, PBLINT_COLUMN_CODEPOINT, &l, &c);
        CHECK(l == 14 && c == 14, "codepoint %u:%u, want 14:14", l, c);
        pblint_doc_position(d, v->span.start, PBLINT_COLUMN_BYTE, &l, &c);
        CHECK(l == 14 && c == 38, "byte %u:%u, want 14:38", l, c);
        /* the full-width digits: the span covers them all, nothing more */
        CHECK(slice_is(d, v->span, "２５．６０"), "value span");
        pblint_doc_position(d, v->span.end, PBLINT_COLUMN_DISPLAY, &l, &c);
        CHECK(l == 14 && c == 43, "value end display %u:%u, want 14:43", l, c);
    }
    /* the table cells of line 28 (CRLF file) */
    const pblint_row *r = row_on(d, table_of(d, PBLINT_TABLE_INDICATOR, 0), 28);
    CHECK(r != NULL, "no row on line 28");
    if (r) {
        pblint_span ext = pblint_row_extent(r);
        size_t len;
        const char *t = pblint_doc_text(d, &len);
        CHECK(ext.end >= 2 && memcmp(t + ext.end - 2, "\r\n", 2) == 0,
              "row extent does not end with its CRLF");
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_REMARK);
        CHECK(c && slice_is(d, pblint_text_span(pblint_cell_text(c)), "问卷调查"),
              "remark span holds more than 问卷调查");
    }
    pblint_span ls = pblint_doc_line_span(d, 14);
    size_t n;
    const char *s = pblint_doc_slice(d, ls, &n);
    CHECK(n > 0 && s[n - 1] != '\r', "line span of 14 keeps its CR");
    END_CHECKS();
}

static void test_crlf_tables(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_CRLF);
    g_what = "crlf tables";
    check_tables(d, CRLF_TABLES, PB_ARRAY_LEN(CRLF_TABLES));
    END_CHECKS();
}

/* --- a table cut off by the end of the file */

static void test_truncated_table(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_TRUNC);
    g_what = "truncated";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2020, 2, "2020", PBLINT_MONEY_NONE});
    static const xfield F[] = {
        {"project_name", "项目名称", 4, 1, "社区微更新", 4, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_tables(d, TRUNC_TABLES, PB_ARRAY_LEN(TRUNC_TABLES));
    check_diags(d, f->res, NO_DIAGS);
    /* the last row ends at the end of the text */
    size_t len;
    pblint_doc_text(d, &len);
    const pblint_table *t = pblint_doc_table(d, 0);
    if (t && pblint_table_row_count(t) == 3)
        CHECK(pblint_row_extent(pblint_table_row(t, 2)).end == len, "last row extent");
    END_CHECKS();
}

/* --- an indicator table with extra 计量单位 and 指标值说明 columns */

static void test_extra_column(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_EXTRA);
    g_what = "extra column";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2022, 2, "2022", PBLINT_MONEY_NONE});
    static const xfield F[] = {
        {"project_name", "项目名称", 4, 1, "职业技能提升培训", 4, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_tables(d, EXTRA_TABLES, PB_ARRAY_LEN(EXTRA_TABLES));
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

/* regression test: once, the 计量单位 column did not reach the typed value */
static void test_extra_column_unit_in_value(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_EXTRA);
    g_what = "extra column units";
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    static const struct {
        unsigned line;
        const char *spec;
    } V[] = {{6, "count op=ge n=500 u=人次"},
             {7, "percent op=ge n=95"},
             {9, "percent op=ge n=60"},
             {10, "percent op=ge n=90"}};
    for (size_t i = 0; i < PB_ARRAY_LEN(V); i++) {
        const pblint_row *r = row_on(d, t, V[i].line);
        const pblint_cell *c = r ? pblint_row_cell(r, PBLINT_COL_TARGET) : NULL;
        char where[32];
        snprintf(where, sizeof where, "line %u target", V[i].line);
        CHECK(c != NULL, "%s missing", where);
        if (c)
            check_value(pblint_cell_value(c), V[i].spec, where);
    }
    END_CHECKS();
}

/* --- tables without a 备注 column */

static void test_missing_remark(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_MISS);
    g_what = "missing remark";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2020, 2, "2020", PBLINT_MONEY_YUAN});
    static const xfield F[] = {
        {"project_name", "项目名称", 4, 1, "老年助餐服务", 4, 6, "text", 0},
        {"money_unit", "金额单位", 6, 1, "元", 6, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_tables(d, MISS_TABLES, PB_ARRAY_LEN(MISS_TABLES));
    check_diags(d, f->res, NO_DIAGS);
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    CHECK(t && !pblint_table_has_column(t, PBLINT_COL_REMARK), "indicator table has a remark column");
    for (size_t i = 0; t && i < pblint_table_row_count(t); i++)
        CHECK(pblint_row_cell(pblint_table_row(t, i), PBLINT_COL_REMARK) == NULL,
              "row %zu has a remark cell", i);
    END_CHECKS();
}

/* --- rows shifted by one or two cells, either way */

/* line 8: a row that starts with a blank cell but lost its second leading
 * tab is realigned (a regression once) */
static void test_shifted_rows(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_SHIFT);
    g_what = "shifted rows";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2020, 2, "2020", PBLINT_MONEY_NONE});
    static const xfield F[] = {
        {"project_name", "项目名称", 4, 1, "困难群众走访慰问", 4, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_tables(d, SHIFT_TABLES, PB_ARRAY_LEN(SHIFT_TABLES));
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

/* --- a 2017 评审申报表 budget detail: 金额（万元） beside 单价（元） */

static void test_budget_detail_units(void **state)
{
    fx *f = *state;
    const pblint_doc *d = parse_fixture(f, FIX_BUDGET);
    g_what = "budget detail";
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2017, 2, "2017", PBLINT_MONEY_WAN});
    static const xfield F[] = {
        {"money_unit", "金额单位", 4, 1, "万元", 4, 6, "text", 0},
        {"project_name", "项目名称", 6, 1, "社区文化活动中心设备更新", 6, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_tables(d, BUD_TABLES, PB_ARRAY_LEN(BUD_TABLES));
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

/* ================================================= tests: in memory */

static void test_mem_stray_rows(void **state)
{
    fx *f = *state;
    g_what = "stray rows";
    /* a block of tab rows under no header, in a filing pblint knows */
    const pblint_doc *d = parse_str(f, "项目支出绩效目标申报表\n"
                                       "（2022年度）\n"
                                       "\n"
                                       "甲方\t乙方\t丙方\n"
                                       "张三\t李四\t王五\n"
                                       "\n"
                                       "以上情况属实。\n");
    CHECK(pblint_doc_kind(d) == PBLINT_DOC_DECLARATION, "kind");
    CHECK(pblint_doc_table_count(d) == 0, "%zu tables", pblint_doc_table_count(d));
    static const xdiag DG[] = {{"parse/unrecognised-table", 4, "甲方", "2 table rows (lines 4-5)"}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    /* one stray row, then a real table: the stray row is reported alone */
    d = parse_str(f, "项目支出绩效目标申报表\n"
                     "甲方\t乙方\t丙方\n"
                     "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
                     "\t产出指标\t数量指标\t培训人数\t100人\n");
    static const xdiag DG2[] = {{"parse/unrecognised-table", 2, "甲方", "this table row is not part"}};
    check_diags(d, f->res, DG2, PB_ARRAY_LEN(DG2));
    CHECK(pblint_doc_table_count(d) == 1 && pblint_table_row_count(pblint_doc_table(d, 0)) == 2,
          "the indicator table after the stray row");
    /* cell-per-line stray rows */
    d = parse_str(f, "2021年度项目支出绩效自评报告\n\t甲方\n\t乙方\n\n\t张三\n\t李四\n\n");
    static const xdiag DG3[] = {{"parse/unrecognised-table", 2, "甲方", "2 table rows (lines 2-6)"}};
    check_diags(d, f->res, DG3, PB_ARRAY_LEN(DG3));
    END_CHECKS();
}

static void test_mem_unrecognised_document(void **state)
{
    fx *f = *state;
    g_what = "unrecognised document";
    const pblint_doc *d = parse_n(f, "empty.txt", "", 0);
    static const xdiag E[] = {{"parse/unrecognised-document", 1, NULL, "empty"}};
    check_diags(d, f->res, E, PB_ARRAY_LEN(E));
    CHECK(pblint_doc_kind(d) == PBLINT_DOC_UNKNOWN && pblint_doc_field_count(d) == 0 &&
              pblint_doc_table_count(d) == 0,
          "empty file: model not empty");
    d = parse_str(f, "会议纪要\n\n今天讨论了明年的工作安排。\n");
    static const xdiag P[] = {{"parse/unrecognised-document", 1, NULL, "0 labelled fields"}};
    check_diags(d, f->res, P, PB_ARRAY_LEN(P));
    CHECK(pblint_doc_paragraph_count(d) == 2, "%zu paragraphs", pblint_doc_paragraph_count(d));
    /* a filing title alone is enough */
    d = parse_str(f, "项目支出绩效目标申报表\n");
    check_diags(d, f->res, NO_DIAGS);
    CHECK(pblint_doc_kind(d) == PBLINT_DOC_DECLARATION, "title alone: kind");
    END_CHECKS();
}

static void test_mem_label_row_ends_table(void **state)
{
    fx *f = *state;
    g_what = "label row ends table";
    const pblint_doc *d = parse_str(f, "项目支出绩效目标申报表\n"
                                       "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
                                       "\t产出指标\t数量指标\t培训人数\t100人\n"
                                       "填表人：张三\t\t联系电话：12345678\n");
    CHECK(pblint_doc_table_count(d) == 1, "%zu tables", pblint_doc_table_count(d));
    const pblint_table *t = pblint_doc_table(d, 0);
    CHECK(t && pblint_table_row_count(t) == 2, "the sign-off row was taken into the table");
    static const xfield F[] = {
        {"filler", "填表人", 4, 1, "张三", 4, 5, "", 0},
        {"phone", "联系电话", 4, 9, "12345678", 4, 14, "", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_mem_cost_list_depth(void **state)
{
    fx *f = *state;
    g_what = "cost list depth";
    /* sub-items numbered (1) (2), and one indented with ideographic spaces */
    const pblint_doc *d = parse_str(f, "2020年度项目支出绩效自评报告\n"
                                       "项目明细\t金额\n"
                                       "一、人员经费\t3000\n"
                                       "（1）工资\t2000\n"
                                       "（2）社保\t1000\n"
                                       "二、公用经费\t500\n"
                                       "\xe3\x80\x80\xe3\x80\x80办公费\t500\n"
                                       "合计\t3500\n");
    const pblint_table *t = table_of(d, PBLINT_TABLE_COST_LIST, 0);
    CHECK(t != NULL, "no cost list");
    static const struct {
        unsigned depth;
        long parent;
        int kind;
    } R[] = {{0, -1, PBLINT_ROW_HEADER}, {0, -1, PBLINT_ROW_DATA}, {1, 1, PBLINT_ROW_DATA},
             {1, 1, PBLINT_ROW_DATA},    {0, -1, PBLINT_ROW_DATA}, {1, 4, PBLINT_ROW_DATA},
             {0, -1, PBLINT_ROW_TOTAL}};
    CHECK(t && pblint_table_row_count(t) == PB_ARRAY_LEN(R), "%zu rows",
          t ? pblint_table_row_count(t) : 0);
    for (size_t i = 0; t && i < PB_ARRAY_LEN(R) && i < pblint_table_row_count(t); i++) {
        const pblint_row *r = pblint_table_row(t, i);
        CHECK(pblint_row_kind(r) == R[i].kind && pblint_row_depth(r) == R[i].depth &&
                  pblint_row_parent(r) == R[i].parent,
              "row %zu: kind %d depth %u parent %ld, want %d %u %ld", i, pblint_row_kind(r),
              pblint_row_depth(r), pblint_row_parent(r), R[i].kind, R[i].depth, R[i].parent);
    }
    END_CHECKS();
}

static void test_mem_unit_from_heading(void **state)
{
    fx *f = *state;
    g_what = "unit from heading";
    /* 金额单位 says 元, the column heading 金额（万元）: the heading wins in its table */
    const pblint_doc *d = parse_str(f, "2020年度项目支出绩效自评报告\n"
                                       "金额单位：元\n"
                                       "项目明细\t金额（万元）\n"
                                       "培训费\t1.5\n"
                                       "合计\t1.5\n");
    const pblint_table *t = table_of(d, PBLINT_TABLE_COST_LIST, 0);
    CHECK(t && pblint_table_money_unit(t) == PBLINT_MONEY_WAN, "table unit");
    const pblint_row *r = t ? pblint_table_row(t, 1) : NULL;
    const pblint_cell *c = r ? pblint_row_cell(r, PBLINT_COL_AMOUNT) : NULL;
    CHECK(c != NULL, "no amount");
    if (c)
        check_value(pblint_cell_value(c), "amount fen=1500000 mu=万元 n=1.5", "培训费");
    CHECK(pblint_doc_money_unit(d) == PBLINT_MONEY_YUAN, "doc unit");
    END_CHECKS();
}

static void test_mem_truncated_cell_lines(void **state)
{
    fx *f = *state;
    g_what = "truncated cell lines";
    /* the file stops after three of a row's five cells */
    const pblint_doc *d = parse_str(f, "2020年度项目支出绩效自评报告\n"
                                       "\t一级指标\n\t二级指标\n\t指标内容\n\t指标值\n\t完成值\n"
                                       "\n"
                                       "\t产出指标\n\t数量指标\n\t培训人数\n\t100人\n\t98人\n"
                                       "\n"
                                       "\t\n\t质量指标\n\t培训合格率");
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    CHECK(t && pblint_table_row_count(t) == 3, "%zu rows, want 3", t ? pblint_table_row_count(t) : 0);
    const pblint_row *r = t && pblint_table_row_count(t) == 3 ? pblint_table_row(t, 2) : NULL;
    if (r) {
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_LEVEL3);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "培训合格率") == 0, "level3");
        c = pblint_row_cell(r, PBLINT_COL_LEVEL1);
        CHECK(c && pblint_cell_inherited(c) && strcmp(tstr(pblint_cell_text(c)), "产出指标") == 0,
              "level1 not carried");
        CHECK(pblint_row_cell(r, PBLINT_COL_TARGET) == NULL && pblint_row_cell(r, PBLINT_COL_ACTUAL) == NULL,
              "target/actual present in a cut-off row");
        CHECK(pblint_row_kind(r) == PBLINT_ROW_DATA, "kind");
    }
    check_diags(d, f->res, NO_DIAGS);
    END_CHECKS();
}

static void test_mem_html_in_cells(void **state)
{
    fx *f = *state;
    g_what = "html in cells";
    const pblint_doc *d = parse_str(f, "项目支出绩效目标申报表\n"
                                       "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
                                       "\t<p>产出指标</p>\t<span style=\"x\">数量指标</span>\t"
                                       "培训<br/>人数\t&gt;=100人\n");
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    const pblint_row *r = t && pblint_table_row_count(t) == 2 ? pblint_table_row(t, 1) : NULL;
    CHECK(r != NULL, "no data row");
    if (r) {
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_LEVEL1);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "产出指标") == 0, "level1 '%s'",
              c ? tstr(pblint_cell_text(c)) : "-");
        c = pblint_row_cell(r, PBLINT_COL_LEVEL2);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "数量指标") == 0, "level2");
        c = pblint_row_cell(r, PBLINT_COL_TARGET);
        CHECK(c != NULL, "no target");
        if (c) {
            check_value(pblint_cell_value(c), "count op=ge n=100 u=人", "target");
            CHECK(slice_is(d, pblint_cell_value(c)->num_span, "100"), "number span");
        }
    }
    static const xdiag DG[] = {{"parse/conversion-artifact", 3, "<p>", "HTML"}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    END_CHECKS();
}

static void test_mem_wide_row(void **state)
{
    fx *f = *state;
    g_what = "wide row";
    /* an indicator row followed by 10,000 stray cells */
    enum { N = 10000 };
    const char *head = "项目支出绩效目标申报表\n"
                       "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
                       "\t产出指标\t数量指标\t培训人数\t100人";
    size_t cap = strlen(head) + (size_t)N * 8 + 8;
    char *in = malloc(cap);
    assert_non_null(in);
    size_t k = (size_t)snprintf(in, cap, "%s", head);
    for (int i = 0; i < N; i++)
        k += (size_t)snprintf(in + k, cap - k, "\tx%d", i);
    in[k++] = '\n';
    const pblint_doc *d = parse_n(f, "wide.txt", in, k);
    free(in);
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    CHECK(t && pblint_table_row_count(t) == 2, "rows");
    const pblint_row *r = t && pblint_table_row_count(t) == 2 ? pblint_table_row(t, 1) : NULL;
    if (r) {
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_LEVEL3);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "培训人数") == 0, "level3");
        c = pblint_row_cell(r, PBLINT_COL_TARGET);
        CHECK(c && strcmp(tstr(pblint_cell_text(c)), "100人") == 0, "target");
        CHECK(pblint_row_cell_count(r) >= 5, "cells");
    }
    END_CHECKS();
}

/* The 总分 row closes the table: it inherits no 一级/二级. */
static void test_mem_total_row_inherits_nothing(void **state)
{
    fx *f = *state;
    g_what = "total row";
    const pblint_doc *d = parse_str(f, "项目支出绩效自评表\n"
                                       "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                                       "\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t92%\t10\t10\n"
                                       "总分\t\t\t\t\t\t10\t10\n");
    const pblint_table *t = table_of(d, PBLINT_TABLE_INDICATOR, 0);
    const pblint_row *r = t && pblint_table_row_count(t) == 3 ? pblint_table_row(t, 2) : NULL;
    CHECK(r && pblint_row_kind(r) == PBLINT_ROW_TOTAL, "总分 row is not a total");
    if (r) {
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_LEVEL1);
        CHECK(!c || !pblint_cell_inherited(c), "总分 row inherits level1 '%s'", tstr(pblint_cell_text(c)));
        c = pblint_row_cell(r, PBLINT_COL_LEVEL2);
        CHECK(!c || !pblint_cell_inherited(c), "总分 row inherits level2 '%s'", tstr(pblint_cell_text(c)));
        c = pblint_row_cell(r, PBLINT_COL_SCORE);
        CHECK(c && pblint_cell_value(c)->kind == PBLINT_VAL_NUMBER, "总分 score");
    }
    END_CHECKS();
}

/* regression test: once, an enumerated item "1、基层组织经费" was the NUMBER 1 */
static void test_mem_enumerated_text_is_not_a_number(void **state)
{
    fx *f = *state;
    g_what = "enumerated text";
    const pblint_doc *d = parse_seed(f, SEED004);
    const pblint_table *t = table_of(d, PBLINT_TABLE_COST_LIST, 0);
    const pblint_row *r = row_on(d, t, 87);
    const pblint_cell *c = r ? pblint_row_cell(r, PBLINT_COL_ITEM) : NULL;
    CHECK(c != NULL, "no item on line 87");
    if (c)
        CHECK(pblint_cell_value(c)->kind == PBLINT_VAL_TEXT || pblint_cell_value(c)->kind == PBLINT_VAL_WORD,
              "'1、基层组织经费' is %s", kind_str(pblint_cell_value(c)->kind));
    t = table_of(d, PBLINT_TABLE_SCORE, 0);
    r = t ? pblint_table_row(t, 1) : NULL;
    c = r ? pblint_row_cell(r, PBLINT_COL_SEQ) : NULL;
    CHECK(c && pblint_cell_value(c)->kind == PBLINT_VAL_NUMBER, "a bare 序号 1 is still a number");
    END_CHECKS();
}

static void test_mem_gb18030(void **state)
{
    fx *f = *state;
    g_what = "gb18030";
    static const char GB[] =
        "\xcf\xee\xc4\xbf\xd6\xa7\xb3\xf6\xbc\xa8\xd0\xa7\xc4\xbf\xb1\xea\xc9\xea\xb1\xa8\xb1\xed\x0a"
        "\xa3\xa8\x32\x30\x32\x32\xc4\xea\xb6\xc8\xa3\xa9\x0a\x0a\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\x09"
        "\xcf\xe7\xb4\xe5\xb5\xc0\xc2\xb7\xd1\xf8\xbb\xa4\x0a\xbd\xf0\xb6\xee\xb5\xa5\xce\xbb\xa3\xba"
        "\xcd\xf2\xd4\xaa\x0a";
    const pblint_doc *d = parse_n(f, "gb.txt", GB, sizeof GB - 1);
    check_doc(d, &(xdoc){PBLINT_DOC_DECLARATION, 2022, 2, "2022", PBLINT_MONEY_WAN});
    static const xfield F[] = {
        {"project_name", "项目名称", 4, 1, "乡村道路养护", 4, 6, "text", 0},
        {"money_unit", "金额单位", 5, 1, "万元", 5, 6, "text", 0},
    };
    check_fields(d, F, PB_ARRAY_LEN(F), XF_LABELS | XF_ONLY);
    static const xdiag DG[] = {{"parse/encoding", 1, NULL, "GB18030"}};
    check_diags(d, f->res, DG, PB_ARRAY_LEN(DG));
    END_CHECKS();
}

/* ------------------------------------------------- alias and key lookups */

/* pb_field_lookup() finds the longest label that starts a key through
 * hashed buckets: names of three characters or more by their first nine
 * bytes, two-character names by six (a key may match only those), longest
 * first.  pb_column_lookup() and pb_category_guess() likewise. */
static void test_alias_lookups(void **state)
{
    (void)state;
    g_what = "alias";
    static const struct {
        const char *key;
        const char *want; /* NULL: no label */
        size_t matched;
        int vtype;
    } FL[] = {
        {"项目名称:乡村道路", "project_name", 12, PB_FV_TEXT},
        {"项目资金总额(万元)", "project_total", 18, PB_FV_AMOUNT}, /* not funds (项目资金) */
        {"项目资金", "funds", 12, PB_FV_GROUP},
        {"项目资金申请表", "funds", 18, PB_FV_GROUP},
        {"依据", "basis", 6, PB_FV_TEXT},                  /* a two-character name, whole */
        {"依据文件", "basis", 6, PB_FV_TEXT},              /* ... and as a prefix of a longer key */
        {"电话号码", "phone", 6, PB_FV_PHONE},
        {"联系电话:123", "phone", 12, PB_FV_PHONE},
        {"联系人", "contact", 9, PB_FV_PERSON},
        {"其中:财政拨款", "fiscal", 19, PB_FV_AMOUNT},
        {"上级财政拨款", "fiscal_upper", 18, PB_FV_AMOUNT},
        {"本级财政", "fiscal_own", 12, PB_FV_AMOUNT},
        {"本级财政安排", "fiscal_own", 18, PB_FV_AMOUNT},
        {"项目", NULL, 0, 0},
        {"项目实施", NULL, 0, 0},
        {"项目实施单位", "implementer", 18, PB_FV_TEXT},
        {"项目实施期", "period", 15, PB_FV_TEXT},
        {"项目实施责任人", "owner", 21, PB_FV_PERSON},
        {"项目实施内容", "composition", 18, PB_FV_TEXT},
        {"名称", NULL, 0, 0},
        {"ab", NULL, 0, 0},
        {"", NULL, 0, 0},
        {"项", NULL, 0, 0},
        {"项目名", NULL, 0, 0},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(FL); i++) {
        size_t m = 999;
        int vt = -1;
        const char *k = pb_field_lookup(FL[i].key, strlen(FL[i].key), &m, &vt);
        if (!FL[i].want) {
            CHECK(k == NULL, "%s: got %s, want none", FL[i].key, k ? k : "");
            continue;
        }
        CHECK(k && strcmp(k, FL[i].want) == 0, "%s: got %s, want %s", FL[i].key, k ? k : "(none)",
              FL[i].want);
        CHECK(m == FL[i].matched, "%s: matched %zu, want %zu", FL[i].key, m, FL[i].matched);
        CHECK(vt == FL[i].vtype, "%s: vtype %d, want %d", FL[i].key, vt, FL[i].vtype);
    }
    /* the length bounds the match: a label longer than the key is no prefix */
    CHECK(pb_field_lookup("项目名称", 9, NULL, NULL) == NULL, "项目名称 cut to 9 bytes");
    CHECK(pb_field_lookup("依据文件", 6, NULL, NULL) != NULL, "依据文件 cut to 6 bytes");

    static const struct {
        const char *key;
        int role, unit;
    } CL[] = {
        {"金额(万元)", PBLINT_COL_AMOUNT, PBLINT_MONEY_WAN},
        {"金额:", PBLINT_COL_AMOUNT, PBLINT_MONEY_NONE},
        {"一级指标", PBLINT_COL_LEVEL1, PBLINT_MONEY_NONE},
        {"一级目标", PBLINT_COL_LEVEL1, PBLINT_MONEY_NONE},
        {"二级指标", PBLINT_COL_LEVEL2, PBLINT_MONEY_NONE},
        {"指标", PBLINT_COL_NAME, PBLINT_MONEY_NONE},
        {"指标值", PBLINT_COL_TARGET, PBLINT_MONEY_NONE},
        {"实际完成情况", PBLINT_COL_ACTUAL, PBLINT_MONEY_NONE},
        {"权重(分)", PBLINT_COL_WEIGHT, PBLINT_MONEY_NONE},
        {"单位", PBLINT_COL_UNIT, PBLINT_MONEY_NONE},
        {"单价(元)", PBLINT_COL_UNIT_PRICE, PBLINT_MONEY_YUAN},
        {"偏差原因分析及改进措施", PBLINT_COL_DEVIATION, PBLINT_MONEY_NONE},
        {"预算执行率", PBLINT_COL_RATE, PBLINT_MONEY_NONE},
        {"指标值说", PBLINT_COL_NONE, PBLINT_MONEY_NONE},
        {"一级", PBLINT_COL_NONE, PBLINT_MONEY_NONE},
        {"金", PBLINT_COL_NONE, PBLINT_MONEY_NONE},
        {"", PBLINT_COL_NONE, PBLINT_MONEY_NONE},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(CL); i++) {
        int mu = -1;
        int r = pb_column_lookup(CL[i].key, strlen(CL[i].key), &mu);
        CHECK(r == CL[i].role, "%s: role %d, want %d", CL[i].key, r, CL[i].role);
        CHECK(mu == CL[i].unit, "%s: unit %d, want %d", CL[i].key, mu, CL[i].unit);
    }

    static const struct {
        const char *key;
        int want;
    } CG[] = {
        {"成本指标", 3},     {"满意度指标", 3}, {"成本", 3},       {"满意度", 3},
        {"产出指标", 1},     {"效果", 1},       {"影响力目标", 1}, {"项目效益", 1},
        {"数量指标", 2},     {"数量", 2},       {"质量目标", 2},   {"社会效益指标", 2},
        {"生态环境成本指标", 2}, {"可持续影响指标", 2}, {"质量要求", 0},
        {"服务对象满意度指标", 2}, {"经济效益指标", 2}, {"某某效益指标", 2},
        {"运行成本指标", 2}, {"工作量指标", 3},  {"指标", 0},       {"新建道路长度", 0},
        {"产", 0},           {"", 0},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(CG); i++) {
        int c = pb_category_guess(CG[i].key, strlen(CG[i].key));
        CHECK(c == CG[i].want, "%s: category %d, want %d", CG[i].key, c, CG[i].want);
    }
    /* past 48 bytes nothing is a category, and 指标 at the end of a long
     * name is not the short-name rule */
    CHECK(pb_category_guess("一二三四五六七八九十一二三四五六指标", 54) == 0, "long name");
    CHECK(pb_category_guess("一二三四五六七八指标", 30) == 0, "30 bytes ending 指标");
    END_CHECKS();
}

/* A label or value cut from a text that is its source's bytes as they are
 * (part_text() in model.c: a copy, or the text's own bytes when the part
 * runs to its end) and from one that was normalised (made again from the
 * source): the same texts, the same spans. */
static void test_part_texts(void **state)
{
    fx *f = *state;
    g_what = "part-text";
    static const struct {
        const char *in;
        const char *label, *value;
        uint32_t lstart, lend, vstart, vend; /* byte offsets in the input */
    } P[] = {
        /* verbatim: ASCII colon, no space */
        {"项目名称:乡村道路养护\n", "项目名称", "乡村道路养护", 0, 12, 13, 31},
        /* normalised: full-width colon */
        {"项目名称：乡村道路养护\n", "项目名称", "乡村道路养护", 0, 12, 15, 33},
        /* normalised: a space inside the label, full-width digits in the value */
        {"项目 名称:第２期\n", "项目 名称", "第2期", 0, 13, 14, 23},
        /* verbatim: an enumerator before the label */
        {"1.项目名称:乡村\n", "项目名称", "乡村", 2, 14, 15, 21},
    };
    for (size_t i = 0; i < PB_ARRAY_LEN(P); i++) {
        const pblint_doc *d = parse_str(f, P[i].in);
        const pblint_field *fl = pblint_doc_field(d, "project_name");
        CHECK(fl != NULL, "%zu: no project_name", i);
        if (!fl)
            continue;
        const pblint_text *l = pblint_field_label(fl), *v = pblint_field_text(fl);
        CHECK(strcmp(pblint_text_str(l, NULL), P[i].label) == 0, "%zu: label \"%s\"", i,
              pblint_text_str(l, NULL));
        CHECK(strcmp(pblint_text_str(v, NULL), P[i].value) == 0, "%zu: value \"%s\"", i,
              pblint_text_str(v, NULL));
        pblint_span ls = pblint_text_span(l), vs = pblint_text_span(v);
        CHECK(ls.start == P[i].lstart && ls.end == P[i].lend, "%zu: label span [%u, %u)", i,
              ls.start, ls.end);
        CHECK(vs.start == P[i].vstart && vs.end == P[i].vend, "%zu: value span [%u, %u)", i,
              vs.start, vs.end);
        /* the map of a part is its own: its first byte maps to its start */
        CHECK(pblint_text_map(v, 0, 3).start == P[i].vstart, "%zu: value map", i);
        CHECK(pblint_text_map(l, 0, 3).start == P[i].lstart, "%zu: label map", i);
    }
    END_CHECKS();
}

/* pblint_doc_field() searches a key index kept in strcmp() order by
 * halves: every key of a filing is found, from copies of the key strings,
 * and keys before, between and after them are not. */
static void test_doc_field_index(void **state)
{
    fx *f = *state;
    g_what = "doc-field";
    const pblint_doc *d = parse_str(f, "联系电话：021-1234\n项目名称：甲\n填表人：乙\n"
                                       "主管部门：丙\n项目名称：丁\n金额单位：万元\n"
                                       "项目负责人：戊\n开始日期：2020年1月\n");
    static const struct {
        const char *key, *text;
    } K[] = {{"phone", "021-1234"}, {"project_name", "甲"}, {"filler", "乙"}, {"department", "丙"},
             {"money_unit", "万元"}, {"owner", "戊"}, {"start_date", "2020年1月"}};
    CHECK(pblint_doc_field_count(d) == 8, "8 fields, got %zu", pblint_doc_field_count(d));
    for (size_t i = 0; i < PB_ARRAY_LEN(K); i++) {
        char copy[32];
        snprintf(copy, sizeof copy, "%s", K[i].key);
        const pblint_field *fl = pblint_doc_field(d, copy);
        CHECK(fl != NULL, "%s not found", copy);
        if (fl) {
            CHECK(strcmp(pblint_field_key(fl), copy) == 0, "%s: key %s", copy, pblint_field_key(fl));
            const char *t = pblint_text_str(pblint_field_text(fl), NULL);
            CHECK(strcmp(t, K[i].text) == 0, "%s: text %s, want %s (the first of its key)", copy, t,
                  K[i].text);
        }
    }
    static const char *const NOT[] = {"", "a", "contact", "owners", "own", "phon", "project",
                                      "project_namf", "zzz", "~", "0", "department_"};
    for (size_t i = 0; i < PB_ARRAY_LEN(NOT); i++)
        CHECK(pblint_doc_field(d, NOT[i]) == NULL, "\"%s\" found", NOT[i]);
    CHECK(pblint_doc_field(d, NULL) == NULL, "NULL key");
    END_CHECKS();
}

/* ---------------------------------------------------------------- main */

#define T_(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T_(test_alias_lookups),
        T_(test_doc_field_index),
        T_(test_part_texts),
        T_(test_seed001_document),
        T_(test_seed001_fields),
        T_(test_seed001_labels),
        T_(test_seed001_tables),
        T_(test_seed001_choices),
        T_(test_seed001_positions),
        T_(test_seed003_document),
        T_(test_seed003_fields),
        T_(test_seed003_labels),
        T_(test_seed003_tables),
        T_(test_seed003_shifted_row),
        T_(test_seed003_choices),
        T_(test_seed004_document),
        T_(test_seed004_fields),
        T_(test_seed004_labels),
        T_(test_seed004_statement_labels),
        T_(test_seed004_sections),
        T_(test_seed004_tables),
        T_(test_seed004_paragraphs),
        T_(test_national_document),
        T_(test_national_fields),
        T_(test_national_fund_unit),
        T_(test_national_goal_block),
        T_(test_national_tables),
        T_(test_f88_document),
        T_(test_f88_fields),
        T_(test_f88_tables),
        T_(test_shanghai_document),
        T_(test_shanghai_fields),
        T_(test_shanghai_fund_use),
        T_(test_shanghai_tables),
        T_(test_f10_document),
        T_(test_f10_fields),
        T_(test_f10_fund_fields),
        T_(test_f10_tables),
        T_(test_selfcl_document),
        T_(test_selfcl_fields),
        T_(test_selfcl_statement_labels),
        T_(test_selfcl_sections),
        T_(test_selfcl_tables),
        T_(test_crlf_document),
        T_(test_crlf_fields),
        T_(test_crlf_labels),
        T_(test_crlf_positions),
        T_(test_crlf_tables),
        T_(test_truncated_table),
        T_(test_extra_column),
        T_(test_extra_column_unit_in_value),
        T_(test_missing_remark),
        T_(test_shifted_rows),
        T_(test_budget_detail_units),
        T_(test_mem_stray_rows),
        T_(test_mem_unrecognised_document),
        T_(test_mem_label_row_ends_table),
        T_(test_mem_cost_list_depth),
        T_(test_mem_unit_from_heading),
        T_(test_mem_truncated_cell_lines),
        T_(test_mem_html_in_cells),
        T_(test_mem_wide_row),
        T_(test_mem_total_row_inherits_nothing),
        T_(test_mem_enumerated_text_is_not_a_number),
        T_(test_mem_gb18030),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}

/*
 * libFuzzer harness: the reader and the model builder.
 *
 * Arbitrary bytes go through pblint_parse(); when they are read, the whole
 * model is walked through the public API the way a plugin walks it (every
 * section, field, choice, table, row, cell by index and by role, paragraph,
 * quantity, line and position), the reader's diagnostics are rendered in
 * every format, and pblint_dump_model() writes the model to a memory stream.
 * Besides crashes, leaks and undefined behaviour (the sanitizers), the
 * harness traps on broken promises of pblint.h: a span outside the decoded
 * text or ending before it starts, a NULL where a text is promised, and
 * JSON output (dump, json, sarif) that does not parse.
 */
#include <pblint/pblint.h>

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "fuzz_reader: broken promise: %s (%s:%d)\n", #cond, __FILE__,         \
                    __LINE__);                                                                    \
            abort();                                                                              \
        }                                                                                         \
    } while (0)

static pblint_ctx *ctx;

/* The bytes a plugin would read; touched so that ASan sees every access. */
static volatile unsigned sink;

static void touch(const char *s, size_t n)
{
    unsigned h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    sink += h;
}

typedef struct walk {
    const pblint_doc *doc;
    size_t len; /* decoded text length */
} walk;

static void check_span(const walk *w, pblint_span sp)
{
    CHECK(sp.start <= sp.end);
    CHECK(sp.end <= w->len);
    size_t n;
    const char *s = pblint_doc_slice(w->doc, sp, &n);
    CHECK(s != NULL);
    touch(s, n);
}

/* A span a diagnostic is given at: its line and column in every unit, as
 * the renderers compute them. */
static void check_locus(const walk *w, pblint_span sp)
{
    check_span(w, sp);
    unsigned line, col;
    for (int unit = PBLINT_COLUMN_DISPLAY; unit <= PBLINT_COLUMN_UTF16; unit++) {
        pblint_doc_position(w->doc, sp.start, unit, &line, &col);
        CHECK(line >= 1 && col >= 1 && line <= pblint_doc_line_count(w->doc));
        pblint_doc_position(w->doc, sp.end, unit, &line, &col);
        CHECK(line >= 1 && col >= 1 && line <= pblint_doc_line_count(w->doc));
    }
}

static void check_value(const walk *w, const pblint_value *v)
{
    CHECK(v != NULL);
    CHECK(v->kind >= PBLINT_VAL_EMPTY && v->kind <= PBLINT_VAL_DATE);
    CHECK(v->op >= PBLINT_OP_NONE && v->op <= PBLINT_OP_RANGE);
    CHECK(v->num.scale >= 0 && v->num.scale <= 18);
    CHECK(v->num2.scale >= 0 && v->num2.scale <= 18);
    CHECK(memchr(v->unit, '\0', sizeof v->unit) != NULL);
    CHECK(v->money_unit >= PBLINT_MONEY_NONE && v->money_unit <= PBLINT_MONEY_YI);
    check_span(w, v->span);
    check_span(w, v->num_span);
    check_span(w, v->op_span);
    check_span(w, v->unit_span);
    char buf[64];
    size_t n = pblint_decimal_format(v->num, buf, sizeof buf);
    CHECK(n < sizeof buf && strlen(buf) == n);
    n = pblint_fen_format(v->fen, v->money_unit, buf, sizeof buf);
    CHECK(n < sizeof buf);
    touch(pblint_money_unit_name(v->money_unit), strlen(pblint_money_unit_name(v->money_unit)));
    touch(pblint_op_symbol(v->op), strlen(pblint_op_symbol(v->op)));
}

static void check_text(const walk *w, const pblint_text *t)
{
    CHECK(t != NULL);
    size_t n = 0, kn = 0;
    const char *s = pblint_text_str(t, &n);
    CHECK(s != NULL);
    touch(s, n);
    const char *k = pblint_text_key(t, &kn);
    CHECK(k != NULL);
    CHECK(kn <= n);
    touch(k, kn);
    CHECK(pblint_text_empty(t) == (n == 0));
    check_span(w, pblint_text_span(t));
    /* a plugin points at pieces of the normalised text */
    check_span(w, pblint_text_map(t, 0, n));
    check_span(w, pblint_text_map(t, n / 2, 1));
    check_span(w, pblint_text_map(t, n / 3, n));
    check_span(w, pblint_text_map(t, n, 0));
    check_span(w, pblint_text_map(t, n + 7, SIZE_MAX));
    /* THE MAP (text.c): every byte maps into the text's span, in order, and
     * a byte's unit starts where it is and ends after it */
    pblint_span ts = pblint_text_span(t);
    uint32_t prev = ts.start;
    for (size_t off = 0; off <= n && off <= 4096; off++) {
        pblint_span at = pblint_text_map(t, off, 0), one = pblint_text_map(t, off, 1);
        CHECK(at.start == at.end && at.start >= prev && at.start <= ts.end);
        CHECK(one.start == at.start && one.end >= one.start && one.end <= ts.end);
        CHECK(off == n || one.end > one.start || n == 0);
        prev = at.start;
    }
    pblint_value q[8];
    size_t nq = pblint_text_quantities(t, PBLINT_MONEY_YUAN, q, 8);
    for (size_t i = 0; i < nq && i < 8; i++)
        check_value(w, &q[i]);
    CHECK(pblint_text_quantities(t, PBLINT_MONEY_WAN, q, 1) == nq);
}

static void check_choices(const walk *w, size_t n, int (*get)(const void *, size_t, pblint_choice *),
                          const void *obj)
{
    for (size_t i = 0; i <= n; i++) {
        pblint_choice ch;
        memset(&ch, 0, sizeof ch);
        int rc = get(obj, i, &ch);
        if (i == n) {
            CHECK(rc != 0); /* one past the end is refused */
            continue;
        }
        CHECK(rc == 0);
        check_text(w, ch.label);
        check_span(w, ch.box);
    }
}

static int field_choice(const void *f, size_t i, pblint_choice *out)
{
    return pblint_field_choice(f, i, out);
}

static int cell_choice(const void *c, size_t i, pblint_choice *out)
{
    return pblint_cell_choice(c, i, out);
}

static void check_cell(const walk *w, const pblint_cell *c)
{
    if (!c)
        return;
    int role = pblint_cell_role(c);
    CHECK(role >= PBLINT_COL_NONE && role < PBLINT_COL__COUNT);
    CHECK(pblint_col_role_name(role) != NULL);
    check_text(w, pblint_cell_text(c));
    check_value(w, pblint_cell_value(c));
    (void)pblint_cell_inherited(c);
    check_choices(w, pblint_cell_choice_count(c), cell_choice, c);
}

static void walk_model(const walk *w)
{
    const pblint_doc *doc = w->doc;
    CHECK(pblint_doc_name(doc) != NULL);
    CHECK(pblint_doc_encoding(doc) != NULL);
    CHECK(pblint_doc_kind_name(pblint_doc_kind(doc)) != NULL);
    pblint_span where;
    (void)pblint_doc_year(doc, &where);
    check_span(w, where);
    (void)pblint_doc_money_unit(doc);

    unsigned nlines = pblint_doc_line_count(doc);
    CHECK(nlines >= 1);
    for (unsigned l = 0; l <= nlines + 1; l++) {
        pblint_span sp = pblint_doc_line_span(doc, l);
        check_span(w, sp);
    }
    unsigned line, col;
    for (int unit = PBLINT_COLUMN_DISPLAY; unit <= PBLINT_COLUMN_UTF16 + 1; unit++) {
        pblint_doc_position(doc, 0, unit, &line, &col);
        pblint_doc_position(doc, (uint32_t)w->len, unit, &line, &col);
        pblint_doc_position(doc, UINT32_MAX, unit, &line, &col);
        CHECK(line == nlines);
    }

    size_t ns = pblint_doc_section_count(doc);
    for (size_t i = 0; i < ns; i++) {
        const pblint_section *s = pblint_doc_section(doc, i);
        CHECK(s != NULL);
        check_text(w, pblint_section_title(s));
        (void)pblint_section_year(s, &where);
        check_span(w, where);
        (void)pblint_section_money_unit(s, &where);
        check_span(w, where);
    }
    CHECK(pblint_doc_section(doc, ns) == NULL);

    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        CHECK(f != NULL);
        const char *key = pblint_field_key(f);
        CHECK(key != NULL);
        CHECK(pblint_doc_field(doc, key) != NULL);
        check_text(w, pblint_field_label(f));
        check_text(w, pblint_field_text(f));
        check_value(w, pblint_field_value(f));
        CHECK(ns == 0 || pblint_field_section(f) < ns);
        check_choices(w, pblint_field_choice_count(f), field_choice, f);
    }
    CHECK(pblint_doc_field_at(doc, nf) == NULL);
    CHECK(pblint_doc_field(doc, "no_such_key") == NULL);

    size_t nt = pblint_doc_table_count(doc);
    for (size_t i = 0; i < nt; i++) {
        const pblint_table *t = pblint_doc_table(doc, i);
        CHECK(t != NULL);
        CHECK(pblint_table_kind_name(pblint_table_kind(t)) != NULL);
        check_span(w, pblint_table_span(t));
        CHECK(ns == 0 || pblint_table_section(t) < ns);
        (void)pblint_table_money_unit(t);
        for (int role = 0; role < PBLINT_COL__COUNT; role++)
            (void)pblint_table_has_column(t, role);
        size_t nr = pblint_table_row_count(t);
        for (size_t r = 0; r < nr; r++) {
            const pblint_row *row = pblint_table_row(t, r);
            CHECK(row != NULL);
            int kind = pblint_row_kind(row);
            CHECK(kind >= PBLINT_ROW_HEADER && kind <= PBLINT_ROW_TOTAL);
            check_span(w, pblint_row_span(row));
            check_span(w, pblint_row_extent(row));
            (void)pblint_row_depth(row);
            long parent = pblint_row_parent(row);
            CHECK(parent >= -1 && parent < (long)nr);
            CHECK(parent < (long)r);
            for (int role = 0; role < PBLINT_COL__COUNT + 1; role++)
                check_cell(w, pblint_row_cell(row, role));
            size_t nc = pblint_row_cell_count(row);
            for (size_t c = 0; c < nc; c++) {
                const pblint_cell *cell = pblint_row_cell_at(row, c);
                CHECK(cell != NULL);
                check_cell(w, cell);
            }
            CHECK(pblint_row_cell_at(row, nc) == NULL);
        }
        CHECK(pblint_table_row(t, nr) == NULL);
    }
    CHECK(pblint_doc_table(doc, nt) == NULL);

    size_t np = pblint_doc_paragraph_count(doc);
    for (size_t i = 0; i < np; i++) {
        const char *fk = "unset";
        const pblint_text *t = pblint_doc_paragraph(doc, i, &fk);
        CHECK(t != NULL);
        CHECK(fk == NULL || pblint_doc_field(doc, fk) != NULL);
        check_text(w, t);
    }
}

static void check_diags(const walk *w, const pblint_result *res)
{
    size_t nd = pblint_result_diag_count(res);
    for (size_t i = 0; i < nd; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        CHECK(d != NULL);
        CHECK(pblint_diag_rule(d) != NULL && pblint_diag_message(d) != NULL);
        check_locus(w, pblint_diag_span(d));
        for (size_t k = 0; k < pblint_diag_note_count(d); k++) {
            pblint_span sp;
            const char *msg = NULL;
            CHECK(pblint_diag_note(d, k, &sp, &msg) == 0 && msg != NULL);
            check_locus(w, sp);
        }
        for (size_t k = 0; k < pblint_diag_fixit_count(d); k++) {
            pblint_span sp;
            const char *rep = NULL;
            CHECK(pblint_diag_fixit(d, k, &sp, &rep) == 0 && rep != NULL);
            check_span(w, sp);
        }
        char fp[17];
        pblint_diag_fingerprint(res, d, fp);
        CHECK(strlen(fp) == 16);
    }
}

/* Output that must be one JSON value: parses it (wrapped in [] when it is a
 * list of objects separated by commas). */
static void check_json(const char *what, const char *buf, size_t len, bool wrap)
{
    if (wrap) {
        char *w = malloc(len + 3);
        CHECK(w != NULL);
        w[0] = '[';
        memcpy(w + 1, buf, len);
        w[len + 1] = ']';
        w[len + 2] = '\0';
        json_error_t err;
        json_t *j = json_loadb(w, len + 2, 0, &err);
        if (!j)
            fprintf(stderr, "fuzz_reader: %s is not JSON: %s (line %d)\n", what, err.text,
                    err.line);
        CHECK(j != NULL);
        json_decref(j);
        free(w);
        return;
    }
    json_error_t err;
    json_t *j = json_loadb(buf, len, 0, &err);
    if (!j)
        fprintf(stderr, "fuzz_reader: %s is not JSON: %s (line %d)\n", what, err.text, err.line);
    CHECK(j != NULL);
    json_decref(j);
}

static void render_all(const pblint_result *res)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK(pblint_dump_model(res, f) == 0);
    fclose(f);
    check_json("the --dump-model output", buf, len, false);
    free(buf);

    pblint_text_options to = PBLINT_TEXT_OPTIONS_INIT;
    for (int unit = PBLINT_COLUMN_DISPLAY; unit <= PBLINT_COLUMN_UTF16; unit++) {
        to.column_unit = unit;
        to.color = unit & 1;
        buf = NULL;
        len = 0;
        f = open_memstream(&buf, &len);
        CHECK(f != NULL);
        CHECK(pblint_render_text(res, &to, f) == 0);
        fclose(f);
        touch(buf, len);
        free(buf);
    }

    pblint_output_options oo = PBLINT_OUTPUT_OPTIONS_INIT;
    oo.ctx = ctx;
    buf = NULL;
    len = 0;
    f = open_memstream(&buf, &len);
    CHECK(pblint_render_json_file(res, &oo, f) == 0);
    fclose(f);
    check_json("the JSON log's file object", buf, len, false);
    free(buf);

    buf = NULL;
    len = 0;
    f = open_memstream(&buf, &len);
    CHECK(pblint_render_sarif_results(res, &oo, f) == 0);
    fclose(f);
    check_json("the SARIF results", buf, len, true);
    free(buf);

    buf = NULL;
    len = 0;
    f = open_memstream(&buf, &len);
    CHECK(pblint_render_github(res, &oo, f) == 0);
    fclose(f);
    touch(buf, len);
    free(buf);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ctx = pblint_ctx_new();
    if (!ctx)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pblint_result *res = NULL;
    int rc = pblint_parse(ctx, "fuzz.txt", size ? (const void *)data : NULL, size, &res);
    if (rc != 0) {
        /* refused input: one sentence naming the file, no result */
        CHECK(res == NULL);
        CHECK(rc == PBLINT_EBINARY || rc == PBLINT_EENCODING || rc == PBLINT_ETOOBIG ||
              rc == PBLINT_ENOMEM);
        const char *e = pblint_ctx_error(ctx);
        CHECK(e != NULL && strncmp(e, "fuzz.txt: ", 10) == 0);
        return 0;
    }
    CHECK(res != NULL);
    const pblint_doc *doc = pblint_result_doc(res);
    CHECK(doc != NULL);
    walk w = {doc, 0};
    const char *text = pblint_doc_text(doc, &w.len);
    CHECK(text != NULL && text[w.len] == '\0');
    touch(text, w.len);
    walk_model(&w);
    check_diags(&w, res);
    render_all(res);
    pblint_result_free(res);
    return 0;
}

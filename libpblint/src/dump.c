/*
 * `pblint --dump-model`: the document model as JSON, so a user can see what
 * pblint understood.  Positions are given as byte offsets and as 1-based
 * line/column (columns in code points).
 */
#include "internal.h"

#include <jansson.h>

static json_t *span_json(const pblint_doc *doc, pblint_span sp)
{
    unsigned l1, c1, l2, c2;
    pb_source_position(&doc->src, sp.start, PBLINT_COLUMN_CODEPOINT, &l1, &c1);
    pb_source_position(&doc->src, sp.end, PBLINT_COLUMN_CODEPOINT, &l2, &c2);
    return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}", "start", (json_int_t)sp.start, "end",
                     (json_int_t)sp.end, "line", (json_int_t)l1, "column", (json_int_t)c1,
                     "end_line", (json_int_t)l2, "end_column", (json_int_t)c2);
}

static const char *kind_name(int k)
{
    static const char *const N[] = {"empty",   "text",  "word",   "number", "amount",
                                    "percent", "count", "period", "date"};
    return k >= 0 && (size_t)k < PB_ARRAY_LEN(N) ? N[k] : "?";
}

static const char *op_name(int op)
{
    static const char *const N[] = {"", "=", ">=", ">", "<=", "<", "range"};
    return op >= 0 && (size_t)op < PB_ARRAY_LEN(N) ? N[op] : "?";
}

static json_t *text_json(const pblint_text *t)
{
    return json_stringn(t->s, t->len);
}

static json_t *value_json(const pblint_doc *doc, const pblint_value *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(kind_name(v->kind)));
    if (v->kind == PBLINT_VAL_EMPTY || v->kind == PBLINT_VAL_TEXT || v->kind == PBLINT_VAL_WORD) {
        if (v->flags & PBLINT_VALF_DASH)
            json_object_set_new(o, "placeholder", json_true());
        if (v->flags & PBLINT_VALF_OVERFLOW)
            json_object_set_new(o, "overflow", json_true());
        return o;
    }
    char buf[64];
    if (v->op)
        json_object_set_new(o, "op", json_string(op_name(v->op)));
    if (v->kind == PBLINT_VAL_DATE) {
        if (v->year)
            json_object_set_new(o, "year", json_integer(v->year));
        if (v->month)
            json_object_set_new(o, "month", json_integer(v->month));
        if (v->day)
            json_object_set_new(o, "day", json_integer(v->day));
    } else {
        pblint_decimal_format(v->num, buf, sizeof buf);
        json_object_set_new(o, "number", json_string(buf));
        if (v->op == PBLINT_OP_RANGE) {
            pblint_decimal_format(v->num2, buf, sizeof buf);
            json_object_set_new(o, "number2", json_string(buf));
        }
    }
    if (v->kind == PBLINT_VAL_AMOUNT) {
        json_object_set_new(o, "unit", json_string(pblint_money_unit_name(v->money_unit)));
        pblint_fen_format(v->fen, PBLINT_MONEY_YUAN, buf, sizeof buf);
        json_object_set_new(o, "yuan", json_string(buf));
    } else if (v->unit[0]) {
        json_object_set_new(o, "unit", json_string(v->unit));
    }
    json_object_set_new(o, "span", span_json(doc, v->span));
    return o;
}

static json_t *choices_json(const pb_choice *c, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:o,s:b}", "label", text_json(&c[i].label), "checked",
                                           c[i].checked));
    return a;
}

static json_t *cell_json(const pblint_doc *doc, const pblint_cell *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "role", json_string(pblint_col_role_name(c->role)));
    json_object_set_new(o, "text", text_json(&c->text));
    if (c->inherited)
        json_object_set_new(o, "inherited", json_true());
    /* plain text carries no value; text with a flag (an overflowing number,
     * a dash placeholder) shows why */
    if ((c->value->kind != PBLINT_VAL_TEXT && c->value->kind != PBLINT_VAL_EMPTY) || c->value->flags)
        json_object_set_new(o, "value", value_json(doc, c->value));
    if (c->nchoices)
        json_object_set_new(o, "choices", choices_json(c->choices, c->nchoices));
    unsigned line, col;
    pb_source_position(&doc->src, c->text.span.start, PBLINT_COLUMN_CODEPOINT, &line, &col);
    json_object_set_new(o, "line", json_integer(line));
    json_object_set_new(o, "column", json_integer(col));
    return o;
}

static json_t *row_json(const pblint_doc *doc, const pblint_row *r)
{
    static const char *const RK[] = {"header", "data", "total"};
    json_t *o = json_object();
    unsigned line, col;
    pb_source_position(&doc->src, r->span.start, PBLINT_COLUMN_CODEPOINT, &line, &col);
    json_object_set_new(o, "kind", json_string(RK[r->kind]));
    json_object_set_new(o, "line", json_integer(line));
    if (r->depth)
        json_object_set_new(o, "depth", json_integer(r->depth));
    if (r->parent >= 0)
        json_object_set_new(o, "parent", json_integer(r->parent));
    json_t *cells = json_array();
    for (size_t i = 0; i < r->ncells; i++)
        json_array_append_new(cells, cell_json(doc, &r->cells[i]));
    json_object_set_new(o, "cells", cells);
    /* merged cells carried down from above */
    json_t *inh = json_object();
    for (int role = 0; role < PBLINT_COL__COUNT; role++) {
        const pblint_cell *c = pb_row_role(r, role);
        if (c && c->inherited)
            json_object_set_new(inh, pblint_col_role_name(role), text_json(&c->text));
    }
    if (json_object_size(inh))
        json_object_set_new(o, "inherited", inh);
    else
        json_decref(inh);
    return o;
}

static json_t *doc_json(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    json_t *o = json_object();
    json_object_set_new(o, "pblint_model_version", json_integer(1));
    json_object_set_new(o, "file", json_string(doc->src.name));
    json_object_set_new(o, "encoding", json_string(doc->src.encoding));
    json_object_set_new(o, "kind", json_string(pblint_doc_kind_name(doc->kind)));
    json_object_set_new(o, "year", doc->year ? json_integer(doc->year) : json_null());
    json_object_set_new(o, "money_unit",
                        doc->money_unit ? json_string(pblint_money_unit_name(doc->money_unit))
                                        : json_null());
    json_object_set_new(o, "lines", json_integer(doc->src.nlines));

    json_t *secs = json_array();
    for (size_t i = 0; i < doc->nsections; i++) {
        const pblint_section *s = doc->sections[i];
        json_t *so = json_object();
        json_object_set_new(so, "title", text_json(&s->title));
        if (s->title.len) {
            unsigned line, col;
            pb_source_position(&doc->src, s->title.span.start, PBLINT_COLUMN_CODEPOINT, &line, &col);
            json_object_set_new(so, "line", json_integer(line));
        }
        json_object_set_new(so, "year", s->year ? json_integer(s->year) : json_null());
        json_object_set_new(so, "money_unit",
                            s->money_unit ? json_string(pblint_money_unit_name(s->money_unit))
                                          : json_null());
        json_array_append_new(secs, so);
    }
    json_object_set_new(o, "sections", secs);

    json_t *fields = json_array();
    for (size_t i = 0; i < doc->nfields; i++) {
        const pblint_field *f = doc->fields[i];
        json_t *fo = json_object();
        unsigned line, col;
        pb_source_position(&doc->src, f->label.len ? f->label.span.start : f->text.span.start,
                           PBLINT_COLUMN_CODEPOINT, &line, &col);
        json_object_set_new(fo, "key", json_string(f->key));
        json_object_set_new(fo, "label", text_json(&f->label));
        json_object_set_new(fo, "text", text_json(&f->text));
        json_object_set_new(fo, "line", json_integer(line));
        json_object_set_new(fo, "section", json_integer((json_int_t)f->section));
        if ((f->value.kind != PBLINT_VAL_TEXT && f->value.kind != PBLINT_VAL_EMPTY) ||
            f->value.flags)
            json_object_set_new(fo, "value", value_json(doc, &f->value));
        if (f->nchoices)
            json_object_set_new(fo, "choices", choices_json(f->choices, f->nchoices));
        json_array_append_new(fields, fo);
    }
    json_object_set_new(o, "fields", fields);

    json_t *tables = json_array();
    for (size_t i = 0; i < doc->ntables; i++) {
        const pblint_table *t = doc->tables[i];
        json_t *to = json_object();
        unsigned line, col, eline, ecol;
        pb_source_position(&doc->src, t->span.start, PBLINT_COLUMN_CODEPOINT, &line, &col);
        pb_source_position(&doc->src, t->span.end, PBLINT_COLUMN_CODEPOINT, &eline, &ecol);
        json_object_set_new(to, "kind", json_string(pblint_table_kind_name(t->kind)));
        json_object_set_new(to, "line", json_integer(line));
        json_object_set_new(to, "end_line", json_integer(eline));
        json_object_set_new(to, "section", json_integer((json_int_t)t->section));
        json_object_set_new(to, "money_unit", json_string(pblint_money_unit_name(t->money_unit)));
        json_t *cols = json_array();
        for (int r = 1; r < PBLINT_COL__COUNT; r++)
            if (t->has_col[r])
                json_array_append_new(cols, json_string(pblint_col_role_name(r)));
        json_object_set_new(to, "columns", cols);
        json_t *rows = json_array();
        for (size_t r = 0; r < t->nrows; r++)
            json_array_append_new(rows, row_json(doc, &t->rows[r]));
        json_object_set_new(to, "rows", rows);
        json_array_append_new(tables, to);
    }
    json_object_set_new(o, "tables", tables);

    json_t *paras = json_array();
    for (size_t i = 0; i < doc->nparas; i++) {
        const pb_para *p = &doc->paras[i];
        unsigned line, col;
        pb_source_position(&doc->src, p->text->span.start, PBLINT_COLUMN_CODEPOINT, &line, &col);
        json_array_append_new(paras, json_pack("{s:i,s:o,s:i}", "line", (json_int_t)line, "field",
                                               p->field_key ? json_string(p->field_key) : json_null(),
                                               "length", (json_int_t)p->text->len));
    }
    json_object_set_new(o, "paragraphs", paras);
    return o;
}

int pblint_dump_model(const pblint_result *res, FILE *out)
{
    if (!res || !out)
        return PBLINT_EINVAL;
    json_t *o = doc_json(res->doc);
    if (!o)
        return PBLINT_ENOMEM;
    int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    json_decref(o);
    fputc('\n', out);
    return (rc == 0 && !ferror(out)) ? 0 : PBLINT_EIO;
}

/* Read-only accessors of the document model (the public API plugins use). */
#include "internal.h"

static const pblint_value EMPTY_VALUE;
static const pblint_text EMPTY_TEXT = {.s = "", .key = ""};

void pb_doc_need_model(const pblint_doc *doc)
{
    if (doc && !doc->model_built) {
        /* const outside, built once inside: the model is a cache of src */
        pblint_doc *d = (pblint_doc *)(uintptr_t)doc;
        /* out of memory part-way leaves what was built: each object in it
         * is whole, so the accessors answer for a shorter document */
        (void)pb_model_build(NULL, NULL, d);
    }
}

const char *pblint_doc_name(const pblint_doc *doc) { return doc->src.name; }

const char *pblint_doc_text(const pblint_doc *doc, size_t *len)
{
    if (len)
        *len = doc->src.len;
    return doc->src.text;
}

const char *pblint_doc_slice(const pblint_doc *doc, pblint_span span, size_t *len)
{
    if (span.start > doc->src.len)
        span.start = (uint32_t)doc->src.len;
    if (span.end > doc->src.len)
        span.end = (uint32_t)doc->src.len;
    if (span.end < span.start)
        span.end = span.start;
    if (len)
        *len = span.end - span.start;
    return doc->src.text + span.start;
}

const char *pblint_doc_encoding(const pblint_doc *doc) { return doc->src.encoding; }

void pblint_doc_position(const pblint_doc *doc, uint32_t offset, int unit, unsigned *line,
                         unsigned *column)
{
    pb_source_position(&doc->src, offset, unit, line, column);
}

unsigned pblint_doc_line_count(const pblint_doc *doc) { return doc->src.nlines; }

pblint_span pblint_doc_line_span(const pblint_doc *doc, unsigned line)
{
    return pb_source_line(&doc->src, line);
}

int pblint_doc_kind(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->kind;
}

const char *pblint_doc_kind_name(int kind)
{
    switch (kind) {
    case PBLINT_DOC_DECLARATION:
        return "declaration";
    case PBLINT_DOC_SELF_EVALUATION:
        return "self-evaluation";
    default:
        return "unknown";
    }
}

int pblint_doc_year(const pblint_doc *doc, pblint_span *where)
{
    pb_doc_need_model(doc);
    if (where)
        *where = doc->year_span;
    return doc->year;
}

int pblint_doc_money_unit(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->money_unit;
}

size_t pblint_doc_section_count(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->nsections;
}

const pblint_section *pblint_doc_section(const pblint_doc *doc, size_t i)
{
    pb_doc_need_model(doc);
    return i < doc->nsections ? doc->sections[i] : NULL;
}

const pblint_text *pblint_section_title(const pblint_section *s) { return s ? &s->title : &EMPTY_TEXT; }

int pblint_section_year(const pblint_section *s, pblint_span *where)
{
    if (where)
        *where = s ? s->year_span : (pblint_span){0, 0};
    return s ? s->year : 0;
}

int pblint_section_money_unit(const pblint_section *s, pblint_span *where)
{
    if (where)
        *where = s ? s->unit_span : (pblint_span){0, 0};
    return s ? s->money_unit : PBLINT_MONEY_NONE;
}

size_t pblint_doc_field_count(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->nfields;
}

const pblint_field *pblint_doc_field_at(const pblint_doc *doc, size_t i)
{
    pb_doc_need_model(doc);
    return i < doc->nfields ? doc->fields[i] : NULL;
}

size_t pb_doc_key_pos(const pblint_doc *doc, const char *key, bool *found)
{
    /* searched by halves, with the first byte deciding most steps without
     * a call to strcmp() */
    size_t lo = 0, hi = doc->nkeys;
    unsigned char k0 = (unsigned char)key[0];
    *found = false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = doc->first_of_key[mid]->key;
        int c = (int)(unsigned char)k[0] - (int)k0;
        if (c == 0 && k != key)
            c = strcmp(k, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const pblint_field *pblint_doc_field(const pblint_doc *doc, const char *key)
{
    if (!key)
        return NULL;
    pb_doc_need_model(doc);
    /* plugins ask some 1,200 times per filing, with their own copies of
     * the key strings: first_of_key is in strcmp() order of the keys
     * (push_field() in model.c keeps it so) */
    bool found;
    size_t i = pb_doc_key_pos(doc, key, &found);
    return found ? doc->first_of_key[i] : NULL;
}

const char *pblint_field_key(const pblint_field *f) { return f ? f->key : ""; }
const pblint_text *pblint_field_label(const pblint_field *f) { return f ? &f->label : &EMPTY_TEXT; }
const pblint_text *pblint_field_text(const pblint_field *f) { return f ? &f->text : &EMPTY_TEXT; }
const pblint_value *pblint_field_value(const pblint_field *f) { return f ? &f->value : &EMPTY_VALUE; }
size_t pblint_field_section(const pblint_field *f) { return f ? f->section : 0; }
size_t pblint_field_choice_count(const pblint_field *f) { return f ? f->nchoices : 0; }

static int get_choice(const pb_choice *arr, size_t n, size_t i, pblint_choice *out)
{
    if (!arr || i >= n || !out)
        return PBLINT_EINVAL;
    out->label = &arr[i].label;
    out->checked = arr[i].checked;
    out->box = arr[i].box;
    return 0;
}

int pblint_field_choice(const pblint_field *f, size_t i, pblint_choice *out)
{
    return f ? get_choice(f->choices, f->nchoices, i, out) : PBLINT_EINVAL;
}

const char *pblint_table_kind_name(int kind)
{
    static const char *const N[] = {"unknown", "indicator", "breakdown", "safeguard",
                                    "cost-list", "score", "fields", "funds"};
    return kind >= 0 && (size_t)kind < PB_ARRAY_LEN(N) ? N[kind] : "unknown";
}

const char *pblint_col_role_name(int role)
{
    static const char *const N[] = {
        "none",   "label",      "seq",      "level1", "level2",   "level3",    "target",
        "actual", "weight",     "score",    "grade",  "deviation", "remark",   "name",
        "content", "item",      "amount",   "unit-price", "quantity", "basis", "category",
        "doc-title", "measure", "stage",    "unit",   "operator", "budget-initial", "budget",
        "executed", "rate"};
    _Static_assert(PB_ARRAY_LEN(N) == PBLINT_COL__COUNT, "role names");
    return role >= 0 && role < PBLINT_COL__COUNT ? N[role] : "none";
}

size_t pblint_doc_table_count(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->ntables;
}

const pblint_table *pblint_doc_table(const pblint_doc *doc, size_t i)
{
    pb_doc_need_model(doc);
    return i < doc->ntables ? doc->tables[i] : NULL;
}

int pblint_table_kind(const pblint_table *t) { return t ? t->kind : PBLINT_TABLE_UNKNOWN; }
pblint_span pblint_table_span(const pblint_table *t) { return t ? t->span : (pblint_span){0, 0}; }
size_t pblint_table_section(const pblint_table *t) { return t ? t->section : 0; }
int pblint_table_money_unit(const pblint_table *t) { return t ? t->money_unit : PBLINT_MONEY_NONE; }

bool pblint_table_has_column(const pblint_table *t, int role)
{
    return t && role > 0 && role < PBLINT_COL__COUNT && t->has_col[role];
}

size_t pblint_table_row_count(const pblint_table *t) { return t ? t->nrows : 0; }

const pblint_row *pblint_table_row(const pblint_table *t, size_t i)
{
    return t && i < t->nrows ? &t->rows[i] : NULL;
}

int pblint_row_kind(const pblint_row *r) { return r ? r->kind : PBLINT_ROW_DATA; }
pblint_span pblint_row_span(const pblint_row *r) { return r ? r->span : (pblint_span){0, 0}; }
pblint_span pblint_row_extent(const pblint_row *r) { return r ? r->extent : (pblint_span){0, 0}; }
unsigned pblint_row_depth(const pblint_row *r) { return r ? r->depth : 0; }
long pblint_row_parent(const pblint_row *r) { return r ? r->parent : -1; }

const pblint_cell *pblint_row_cell(const pblint_row *r, int role)
{
    return r && role > 0 && role < PBLINT_COL__COUNT ? pb_row_role(r, role) : NULL;
}

size_t pblint_row_cell_count(const pblint_row *r) { return r ? r->ncells : 0; }

const pblint_cell *pblint_row_cell_at(const pblint_row *r, size_t i)
{
    return r && i < r->ncells ? &r->cells[i] : NULL;
}

int pblint_cell_role(const pblint_cell *c) { return c ? c->role : PBLINT_COL_NONE; }
const pblint_text *pblint_cell_text(const pblint_cell *c) { return c ? &c->text : &EMPTY_TEXT; }
const pblint_value *pblint_cell_value(const pblint_cell *c) { return c ? c->value : &EMPTY_VALUE; }
bool pblint_cell_inherited(const pblint_cell *c) { return c && c->inherited; }
size_t pblint_cell_choice_count(const pblint_cell *c) { return c ? c->nchoices : 0; }

int pblint_cell_choice(const pblint_cell *c, size_t i, pblint_choice *out)
{
    return c ? get_choice(c->choices, c->nchoices, i, out) : PBLINT_EINVAL;
}

size_t pblint_doc_paragraph_count(const pblint_doc *doc)
{
    pb_doc_need_model(doc);
    return doc->nparas;
}

const pblint_text *pblint_doc_paragraph(const pblint_doc *doc, size_t i, const char **field_key)
{
    pb_doc_need_model(doc);
    if (i >= doc->nparas)
        return NULL;
    if (field_key)
        *field_key = doc->paras[i].field_key;
    return doc->paras[i].text;
}

const pblint_field *pblint_doc_paragraph_field(const pblint_doc *doc, size_t i)
{
    if (!doc)
        return NULL;
    pb_doc_need_model(doc);
    return i < doc->nparas ? doc->paras[i].field : NULL;
}

size_t pblint_text_quantities(const pblint_text *t, int default_money_unit, pblint_value *out,
                              size_t max)
{
    size_t n = pblint_scan_quantities(t->s, t->len, default_money_unit, out, max);
    size_t k = n < max ? n : max;
    for (size_t i = 0; i < k; i++) {
        pblint_value *v = &out[i];
        pblint_span *spans[] = {&v->span, &v->num_span, &v->op_span, &v->unit_span};
        pblint_span whole = pblint_text_map(t, v->span.start, v->span.end - v->span.start);
        for (size_t s = 0; s < 4; s++) {
            if (spans[s]->end > spans[s]->start)
                *spans[s] = pblint_text_map(t, spans[s]->start, spans[s]->end - spans[s]->start);
            else
                *spans[s] = (pblint_span){whole.start, whole.start};
        }
    }
    return n;
}

/*
 * Rows and cells -> the document model.
 *
 * The grid (grid.c) says where rows and cells are; this file decides what
 * they mean, by content: a header row is a row whose cells are known column
 * names (alias.c); a data row's cells are matched to the header's columns by
 * what they hold, so a row that lost its leading tab (a merged cell the
 * converter dropped) is still read right; labels are found by name, not by
 * position; merged cells are carried down.
 */
#include "alias.h"
#include "internal.h"

#include <stdio.h>

#define MAX_COLS 64
#define MAX_CARRY 4 /* roles that carry down: LABEL, LEVEL1, LEVEL2, CATEGORY */

typedef struct builder {
    pblint_ctx *ctx;
    pblint_result *res;
    pblint_doc *doc;
    pb_arena *a;
    const pb_source *src;
    pb_grid grid;

    size_t section;
    bool section_has_content;

    pblint_table *table;
    int hdr_role[MAX_COLS];
    size_t hdr_n;
    const pblint_cell *carry[PBLINT_COL__COUNT];

    /* a label alone on its line, waiting for its value on the next line */
    const char *pending_key;
    int pending_vtype;
    pblint_text pending_label;

    /* "年度总体目标 | 预期目标 | 实际完成情况" heads a two-column block whose
     * values are on the next row */
    bool goal_block;
    size_t goal_col[2];
    pblint_text goal_label;

    /* the last field was 财政拨款 or one of its numbered parts */
    bool fiscal_slots;
    /* a unit written with the fund heading ("项目资金（万元）"), for its lines */
    int fund_unit;
    size_t fund_unit_section;

    /* a row of labels whose values are on the next row, column by column
     * ("总体目标 | 长期目标 | | 年度目标" then "| 通过三年… | | 完成12所…") */
    size_t nblock;
    struct {
        const char *key;
        int vtype;
        pblint_text label;
        size_t col;
    } block[8];

    /* a unit in a column heading: "单价（元）", "金额（万元）" */
    int hdr_unit[MAX_COLS];

    /* rows nobody could place */
    size_t unplaced_first, unplaced_last, unplaced_n;

    /* the texts of the row being read (table_row()): the model keeps
     * copies, so one buffer serves every row */
    pblint_text *row_texts;
    size_t row_texts_cap;
    /* the generic values of a data row's cells (add_row()), likewise */
    pblint_value *row_vals;
    size_t row_vals_cap;

    uint32_t markup;
} builder;

/* ------------------------------------------------------------ helpers */

/* The first place of w[0, m) in s[0, n), or NULL: memchr() to its last
 * byte, then a compare (the texts are short, memmem()'s set-up is not).
 * The last byte of a Chinese word is a continuation byte, which recurs far
 * less often in Chinese text than the lead byte its first character has. */
static const char *find_sub(const char *s, size_t n, const char *w, size_t m)
{
    if (m == 0)
        return s;
    if (m > n)
        return NULL;
    const char *end = s + n;
    for (const char *p = s + (m - 1); p < end; p++) {
        p = memchr(p, w[m - 1], (size_t)(end - p));
        if (!p)
            return NULL;
        if (memcmp(p - (m - 1), w, m - 1) == 0)
            return p - (m - 1);
    }
    return NULL;
}

static bool key_has(const pblint_text *t, const char *w)
{
    return find_sub(t->key, t->keylen, w, strlen(w)) != NULL;
}

/* Offset in t->s of the byte that is at offset koff of t->key. */
static size_t key_to_text(const pblint_text *t, size_t koff)
{
    if (t->keylen == t->len) /* no spaces: the key is the text */
        return koff < t->len ? koff : t->len;
    size_t k = 0, i = 0;
    while (i < t->len) {
        if (t->s[i] != ' ') {
            if (k == koff)
                return i;
            k++;
        }
        i++;
    }
    return t->len;
}

/*
 * The text of source span sp, a part of text t (a pblint_text_map() of t):
 * what pb_text_make() makes of sp.  When t is its source's bytes as they
 * are (pb_text_verbatim()), so is every part of it that starts and ends
 * with a code point, and the part is made without normalising it again:
 * a copy of its bytes, or for a part that ends where t does, t's own bytes
 * (and terminating NUL).
 */
static int part_text(builder *b, const pblint_text *t, pblint_span sp, pblint_text *out)
{
    if (!pb_text_verbatim(t) || sp.end <= sp.start || sp.start < t->span.start ||
        sp.end > t->span.end)
        return pb_text_make(b->a, b->src, sp, out);
    size_t off = sp.start - t->span.start, n = sp.end - sp.start;
    pb_text_empty_at(out, sp.start);
    out->span = sp;
    if (sp.end == t->span.end) {
        out->s = out->key = t->s + off;
    } else {
        char *v = pb_alloc_raw(b->a, n + 1);
        if (!v)
            return PBLINT_ENOMEM;
        memcpy(v, t->s + off, n);
        v[n] = '\0';
        out->s = out->key = v;
    }
    out->len = out->keylen = (uint32_t)n;
    return 0;
}

/* A sub-text of t: s[off, len) re-normalised from its source span. */
static int sub_text(builder *b, const pblint_text *t, size_t off, pblint_text *out)
{
    if (off >= t->len) {
        pb_text_empty_at(out, t->span.end);
        return 0;
    }
    pblint_span sp = pblint_text_map(t, off, t->len - off);
    if (sp.end < t->span.end)
        sp.end = t->span.end;
    return part_text(b, t, sp, out);
}

/* A builder's scratch array of elem-byte items with room for want of them:
 * buf itself, or buf grown (to 16 items at least, so never NULL but when
 * memory is short; buf is kept then). */
static void *grow_scratch(void *buf, size_t *cap, size_t want, size_t elem)
{
    if (buf && want <= *cap)
        return buf;
    size_t nc = want < 16 ? 16 : want;
    void *nb = realloc(buf, nc * elem);
    if (nb)
        *cap = nc;
    return nb;
}

/* Length of an enumerator at the start of a key: 一、 (一) 1. 1、 (1) ① */
static size_t enumerator_len(const char *k, size_t len)
{
    /* 一 .. 十 as the big-endian value of their three bytes */
    static const uint32_t NUMS[] = {0xe4b880, 0xe4ba8c, 0xe4b889, 0xe59b9b, 0xe4ba94,
                                    0xe585ad, 0xe4b883, 0xe585ab, 0xe4b99d, 0xe58d81};
    size_t i = 0;
    bool paren = false;
    if (i < len && k[i] == '(') {
        paren = true;
        i++;
    }
    size_t start = i;
    for (;;) {
        if (i < len && k[i] >= '0' && k[i] <= '9') {
            i++;
            continue;
        }
        /* 一 .. 十 are three bytes each, led by E4 or E5 */
        bool hit = false;
        if (i + 3 <= len && ((unsigned char)k[i] == 0xE4 || (unsigned char)k[i] == 0xE5)) {
            uint32_t c = (uint32_t)(unsigned char)k[i] << 16 |
                         (uint32_t)(unsigned char)k[i + 1] << 8 | (unsigned char)k[i + 2];
            for (size_t n = 0; n < PB_ARRAY_LEN(NUMS); n++) {
                if (c == NUMS[n]) {
                    i += 3;
                    hit = true;
                    break;
                }
            }
        }
        if (!hit)
            break;
    }
    if (i == start) {
        /* circled digits ① .. ⑳: E2 91 A0 .. E2 91 B3 */
        if (!paren && len >= 3 && (unsigned char)k[0] == 0xE2 && (unsigned char)k[1] == 0x91)
            return 3;
        return 0;
    }
    if (paren) {
        return (i < len && k[i] == ')') ? i + 1 : 0;
    }
    if (i < len && (k[i] == '.' || k[i] == ')')) {
        /* "1.46" is a number, not item 1 */
        if (k[i] == '.' && i + 1 < len && k[i + 1] >= '0' && k[i + 1] <= '9')
            return 0;
        return i + 1;
    }
    if (i + 3 <= len && memcmp(k + i, "、", 3) == 0)
        return i + 3;
    return 0;
}

static int parse_value(builder *b, const pblint_text *t, int hint, int unit, pblint_value *v)
{
    pblint_value_parse(t->s, t->len, hint, unit, v);
    pblint_span whole = pblint_text_map(t, 0, t->len);
    pblint_span *spans[] = {&v->num_span, &v->op_span, &v->unit_span};
    for (size_t i = 0; i < 3; i++) {
        if (spans[i]->end > spans[i]->start)
            *spans[i] = pblint_text_map(t, spans[i]->start, spans[i]->end - spans[i]->start);
        else
            *spans[i] = (pblint_span){whole.start, whole.start};
    }
    if (v->span.end > v->span.start)
        v->span = pblint_text_map(t, v->span.start, v->span.end - v->span.start);
    else
        v->span = t->len ? whole : (pblint_span){t->span.start, t->span.start};
    /* the text was NFKC'd: the source says whether digits or signs were
     * full-width (U+FF01..U+FF5E are EF BC 81..EF BD 9E) */
    if (v->kind != PBLINT_VAL_EMPTY && v->kind != PBLINT_VAL_TEXT && v->kind != PBLINT_VAL_WORD) {
        const unsigned char *raw = (const unsigned char *)b->src->text;
        for (uint32_t i = v->span.start; i + 2 < v->span.end; i++) {
            if (raw[i] == 0xEF && (raw[i + 1] == 0xBC || raw[i + 1] == 0xBD)) {
                v->flags |= PBLINT_VALF_FULLWIDTH;
                break;
            }
        }
    }
    return 0;
}

static pblint_section *cur_section(builder *b)
{
    return b->doc->sections[b->section];
}

static int section_unit(builder *b)
{
    int u = cur_section(b)->money_unit;
    if (u == PBLINT_MONEY_NONE)
        u = b->doc->money_unit;
    return u == PBLINT_MONEY_NONE ? PBLINT_MONEY_YUAN : u;
}

static int new_section(builder *b, const pblint_text *title)
{
    pblint_section *s = pb_alloc(b->a, sizeof *s);
    if (!s)
        return PBLINT_ENOMEM;
    if (title)
        s->title = *title;
    else
        pb_text_empty_at(&s->title, 0);
    if (PB_PUSH(b->doc->sections, b->doc->nsections, b->doc->sections_cap, s))
        return PBLINT_ENOMEM;
    b->section = b->doc->nsections - 1;
    b->section_has_content = false;
    return 0;
}

const pblint_value pb_value_text = {.kind = PBLINT_VAL_TEXT};
const pblint_value pb_value_empty = {.kind = PBLINT_VAL_EMPTY};

static bool has_field_key(const pblint_doc *doc, const char *key)
{
    return pblint_doc_field(doc, key) != NULL;
}

/* Appends a field and keeps the per-key index (a filing has a few dozen
 * distinct keys, however many fields), which is in strcmp() order of the
 * keys: pblint_doc_field() searches it by halves. */
static int push_field(builder *b, pblint_field *f)
{
    pblint_doc *d = b->doc;
    if (PB_PUSH(d->fields, d->nfields, d->fields_cap, f))
        return PBLINT_ENOMEM;
    bool found;
    size_t lo = pb_doc_key_pos(d, f->key, &found);
    if (found)
        return 0; /* not the first of its key */
    if (PB_PUSH(d->first_of_key, d->nkeys, d->keys_cap, f))
        return PBLINT_ENOMEM;
    memmove(d->first_of_key + lo + 1, d->first_of_key + lo,
            (d->nkeys - 1 - lo) * sizeof *d->first_of_key);
    d->first_of_key[lo] = f;
    return 0;
}

/* ------------------------------------------------------------ choices */

typedef struct box_hit {
    size_t off, len;
    bool checked;
} box_hit;

/* A check box or check mark at s[i]: returns its byte length, 0 if none. */
static size_t box_at(const char *s, size_t len, size_t i, bool *checked)
{
    static const struct {
        const char *m;
        bool checked;
    } B[] = {
        {"☐", false}, {"□", false}, {"○", false}, {"◯", false}, {"☑", true}, {"☒", true},
        {"■", true},  {"√", true},  {"✓", true},  {"✔", true},  {"●", true},
    };
    /* every mark above is three bytes starting with E2 */
    if ((unsigned char)s[i] != 0xE2 || i + 3 > len)
        return 0;
    for (size_t k = 0; k < PB_ARRAY_LEN(B); k++) {
        size_t n = strlen(B[k].m);
        if (i + n <= len && memcmp(s + i, B[k].m, n) == 0) {
            *checked = B[k].checked;
            return n;
        }
    }
    return 0;
}

static int add_choice(builder *b, const pblint_text *t, size_t ls, size_t le, bool checked,
                      pblint_span box, pb_choice **arr, size_t *n, size_t *cap)
{
    while (ls < le && t->s[ls] == ' ')
        ls++;
    while (le > ls && t->s[le - 1] == ' ')
        le--;
    if (le == ls)
        return 0;
    pb_choice c;
    memset(&c, 0, sizeof c);
    pblint_span sp = pblint_text_map(t, ls, le - ls);
    if (part_text(b, t, sp, &c.label))
        return PBLINT_ENOMEM;
    c.checked = checked;
    c.box = box.end > box.start ? box : (pblint_span){sp.end, sp.end};
    return PB_PUSH(*arr, *n, *cap, c);
}

/*
 * Reads "一次性项目 ☐ 经常性项目 ☑" (marks after labels), "☐ 一次性项目 ☐ 经常性项目"
 * (marks before labels) and "立项和计划阶段 √" (a mark only when ticked).
 * `single` says the text is one option that may carry a mark (a stage cell).
 */
static int parse_choices(builder *b, const pblint_text *t, bool single, pb_choice **out,
                         size_t *nout)
{
    box_hit hits[32];
    size_t nh = 0;
    for (size_t i = 0; i < t->len && nh < PB_ARRAY_LEN(hits);) {
        bool ck;
        size_t n = box_at(t->s, t->len, i, &ck);
        if (n) {
            hits[nh++] = (box_hit){i, n, ck};
            i += n;
        } else {
            i++;
        }
    }
    pb_choice *arr = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (nh == 0) {
        if (single && t->len)
            rc = add_choice(b, t, 0, t->len, false, (pblint_span){0, 0}, &arr, &n, &cap);
    } else if (hits[0].off == 0) {
        /* marks before labels */
        for (size_t k = 0; k < nh && !rc; k++) {
            size_t ls = hits[k].off + hits[k].len;
            size_t le = (k + 1 < nh) ? hits[k + 1].off : t->len;
            pblint_span box = pblint_text_map(t, hits[k].off, hits[k].len);
            rc = add_choice(b, t, ls, le, hits[k].checked, box, &arr, &n, &cap);
        }
    } else {
        size_t prev = 0;
        for (size_t k = 0; k < nh && !rc; k++) {
            pblint_span box = pblint_text_map(t, hits[k].off, hits[k].len);
            rc = add_choice(b, t, prev, hits[k].off, hits[k].checked, box, &arr, &n, &cap);
            prev = hits[k].off + hits[k].len;
        }
        if (!rc && prev < t->len)
            rc = add_choice(b, t, prev, t->len, false, (pblint_span){0, 0}, &arr, &n, &cap);
    }
    if (rc) {
        free(arr);
        return rc;
    }
    /* move into the arena so the doc owns it */
    *out = NULL;
    *nout = n;
    if (n) {
        *out = pb_alloc(b->a, n * sizeof(pb_choice));
        if (!*out) {
            free(arr);
            return PBLINT_ENOMEM;
        }
        memcpy(*out, arr, n * sizeof(pb_choice));
    }
    free(arr);
    return 0;
}

/* ------------------------------------------------------------- fields */

static int push_para_field(builder *b, const pblint_text *t, const char *key,
                           const pblint_field *field);

static int push_para(builder *b, const pblint_text *t, const char *key)
{
    return push_para_field(b, t, key, NULL);
}

static int push_para_field(builder *b, const pblint_text *t, const char *key,
                           const pblint_field *field)
{
    if (t->len == 0)
        return 0;
    /* t may live on the caller's stack: the doc keeps its own copy */
    pblint_text *copy = pb_alloc(b->a, sizeof *copy);
    if (!copy)
        return PBLINT_ENOMEM;
    *copy = *t;
    pb_para p = {copy, key, field, b->section};
    return PB_PUSH(b->doc->paras, b->doc->nparas, b->doc->paras_cap, p);
}

static int money_unit_of(const pblint_text *t)
{
    if (key_has(t, "亿元"))
        return PBLINT_MONEY_YI;
    if (key_has(t, "万元"))
        return PBLINT_MONEY_WAN;
    if (key_has(t, "千元"))
        return PBLINT_MONEY_QIAN;
    if (key_has(t, "元"))
        return PBLINT_MONEY_YUAN;
    return PBLINT_MONEY_NONE;
}

static int add_field(builder *b, const char *key, int vtype, const pblint_text *label,
                     const pblint_text *value, pblint_field **out)
{
    pblint_field *f = pb_alloc(&b->doc->field_arena, sizeof *f); /* see pblint_doc */
    if (!f)
        return PBLINT_ENOMEM;
    f->key = key;
    if (label)
        f->label = *label;
    else
        pb_text_empty_at(&f->label, value->span.start);
    f->text = *value;
    f->section = b->section;
    b->section_has_content = true;
    b->fiscal_slots = strncmp(key, "fiscal", 6) == 0;
    switch (vtype) {
    case PB_FV_AMOUNT: {
        int unit = b->table && b->table->money_unit ? b->table->money_unit : section_unit(b);
        if (!b->table && b->fund_unit && b->fund_unit_section == b->section)
            unit = b->fund_unit;
        parse_value(b, value, PBLINT_HINT_AMOUNT, unit, &f->value);
        break;
    }
    case PB_FV_DATE:
        parse_value(b, value, PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, &f->value);
        break;
    case PB_FV_UNIT: {
        int u = money_unit_of(value);
        pblint_section *s = cur_section(b);
        if (u != PBLINT_MONEY_NONE && s->money_unit == PBLINT_MONEY_NONE) {
            s->money_unit = u;
            s->unit_span = value->span;
        }
        if (u != PBLINT_MONEY_NONE && b->doc->money_unit == PBLINT_MONEY_NONE)
            b->doc->money_unit = u;
        f->value.kind = value->len ? PBLINT_VAL_TEXT : PBLINT_VAL_EMPTY;
        f->value.span = value->span;
        break;
    }
    case PB_FV_CHOICE:
        if (parse_choices(b, value, false, &f->choices, &f->nchoices))
            return PBLINT_ENOMEM;
        f->value.kind = value->len ? PBLINT_VAL_TEXT : PBLINT_VAL_EMPTY;
        f->value.span = value->span;
        break;
    default:
        f->value.kind = value->len ? PBLINT_VAL_TEXT : PBLINT_VAL_EMPTY;
        f->value.span = value->span;
        if (value->len == 0)
            f->value.span = (pblint_span){value->span.start, value->span.start};
        break;
    }
    if (push_field(b, f))
        return PBLINT_ENOMEM;
    if (vtype == PB_FV_TEXT && push_para_field(b, &f->text, key, f))
        return PBLINT_ENOMEM;
    if (out)
        *out = f;
    return 0;
}

/*
 * Whether text t starts with a field label.  On success fills *key, *vtype,
 * the label as a text, and the offset in t->s where the value starts.
 * `loose` (prose lines) also accepts a label followed by a space.
 */
static bool find_label(builder *b, const pblint_text *t, bool loose, const char **key, int *vtype,
                       pblint_text *label, size_t *value_off)
{
    size_t el = enumerator_len(t->key, t->keylen);
    /* "其中：当年财政拨款": the part-of marker is not part of the label */
    if (t->keylen - el > 6 && memcmp(t->key + el, "其中", 6) == 0 &&
        !pb_field_lookup(t->key + el, t->keylen - el, NULL, NULL)) {
        el += 6;
        if (el < t->keylen && t->key[el] == ':')
            el++;
    }
    size_t m = 0;
    const char *k = pb_field_lookup(t->key + el, t->keylen - el, &m, vtype);
    /* Under "(一) 财政拨款" the Minhang form numbers three lines 1. 2. 3.:
     * 上级财政拨款 / 本级财政安排 / 下级财政配套.  The slot decides the key,
     * whatever the label says (S-001 writes 本级财政拨款 in slot 1); the
     * label as written stays for rules to judge. */
    if (b->fiscal_slots && el >= 2 && el <= 4 && t->key[0] >= '1' && t->key[0] <= '3' &&
        el < t->keylen && (unsigned char)t->key[el] >= 0x80 &&
        (el == 2 || memcmp(t->key + 1, "、", 3) == 0) && (!k || strncmp(k, "fiscal", 6) == 0)) {
        const char *colon = memchr(t->key + el, ':', t->keylen - el);
        size_t lab = colon ? (size_t)(colon - (t->key + el)) : t->keylen - el;
        if (lab > 0 && lab <= 48) {
            static const char *const SLOT[3] = {"fiscal_upper", "fiscal_own", "fiscal_lower"};
            k = SLOT[t->key[0] - '1'];
            m = lab;
            *vtype = PB_FV_AMOUNT;
        }
    }
    if (!k)
        return false;
    size_t kend = el + m; /* in key coordinates */
    /* "项目资金（万元）", "资金总额(万元):": a money unit after the label */
    int label_unit = PBLINT_MONEY_NONE;
    if (kend < t->keylen && t->key[kend] == '(') {
        size_t rest = t->keylen - kend;
        const char *close = memchr(t->key + kend, ')', rest);
        if (close) {
            size_t ul = (size_t)(close - (t->key + kend)) + 1;
            size_t stripped = pb_strip_unit_suffix(t->key + kend - m, m + ul, &label_unit);
            if (stripped == m && label_unit != PBLINT_MONEY_NONE)
                kend += ul;
            else
                label_unit = PBLINT_MONEY_NONE;
        }
    }
    if (label_unit != PBLINT_MONEY_NONE) {
        b->fund_unit = label_unit;
        b->fund_unit_section = b->section;
    }
    bool at_end = kend == t->keylen;
    bool colon = !at_end && t->key[kend] == ':';
    size_t toff = key_to_text(t, kend); /* first byte after the label in s */
    bool space = toff < t->len && t->s[toff] == ' ';
    bool paren_label = m > 0 && t->key[kend - 1] == ')';
    if (!at_end && !colon && !(loose && (space || paren_label)))
        return false;
    size_t lstart = key_to_text(t, el);
    pblint_span lsp = pblint_text_map(t, lstart, toff - lstart);
    if (part_text(b, t, lsp, label))
        return false;
    size_t v = toff;
    while (v < t->len && t->s[v] == ' ')
        v++;
    if (v < t->len && t->s[v] == ':')
        v++;
    while (v < t->len && t->s[v] == ' ')
        v++;
    *key = k;
    *value_off = v;
    return true;
}

/* A row of cells outside any table: label/value pairs.  Returns how many
 * fields were found. */
static int fields_from_cells(builder *b, pblint_text *cells, size_t n, int *nfound)
{
    *nfound = 0;
    /* A row of two or more bare labels: their values come on the next row,
     * under each label (see take_block). */
    size_t labels = 0, others = 0;
    for (size_t i = 0; i < n; i++) {
        if (cells[i].len == 0)
            continue;
        const char *k;
        int vt;
        pblint_text l;
        size_t v;
        if (find_label(b, &cells[i], false, &k, &vt, &l, &v) && v >= cells[i].len && vt == PB_FV_TEXT)
            labels++;
        else
            others++;
    }
    if (labels >= 2 && others == 0 && labels <= PB_ARRAY_LEN(b->block)) {
        b->nblock = 0;
        for (size_t i = 0; i < n; i++) {
            if (cells[i].len == 0)
                continue;
            size_t v;
            int vt;
            const char *k;
            pblint_text l;
            find_label(b, &cells[i], false, &k, &vt, &l, &v);
            b->block[b->nblock].key = k;
            b->block[b->nblock].vtype = vt;
            b->block[b->nblock].label = l;
            b->block[b->nblock].col = i;
            b->nblock++;
        }
        *nfound = (int)labels;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        pblint_text *c = &cells[i];
        if (c->len == 0)
            continue;
        const char *key;
        int vt;
        pblint_text label;
        size_t voff;
        if (!find_label(b, c, false, &key, &vt, &label, &voff))
            continue;
        (*nfound)++;
        /* 项目资金 / 项目立项情况: a heading over sub-fields, which the
         * following cells (or the rest of this one) hold. */
        if (vt == PB_FV_GROUP) {
            if (voff < c->len) {
                pblint_text rest;
                int sub;
                if (sub_text(b, c, voff, &rest) || fields_from_cells(b, &rest, 1, &sub))
                    return PBLINT_ENOMEM;
            }
            continue;
        }
        if (strcmp(key, "year_goal") == 0 && voff >= c->len) {
            size_t pe = n, ae = n;
            for (size_t j = i + 1; j < n; j++) {
                if (cells[j].len == 0)
                    continue;
                if (pe == n && (cells[j].keylen == 12 && memcmp(cells[j].key, "预期目标", 12) == 0))
                    pe = j;
                else if (pe != n && ae == n &&
                         (memcmp(cells[j].key, "实际完成情况", 18 < cells[j].keylen ? 18 : cells[j].keylen) == 0 ||
                          (cells[j].keylen == 18 && memcmp(cells[j].key, "实际完成", 12) == 0)))
                    ae = j;
            }
            if (pe != n) {
                b->goal_block = true;
                b->goal_col[0] = pe;
                b->goal_col[1] = ae;
                b->goal_label = label;
                return 0;
            }
        }
        pblint_text value;
        if (voff < c->len) {
            if (sub_text(b, c, voff, &value))
                return PBLINT_ENOMEM;
        } else {
            /* the value is in a following cell, unless that cell is the next label */
            pb_text_empty_at(&value, c->span.end);
            for (size_t j = i + 1; j < n; j++) {
                if (cells[j].len == 0)
                    continue;
                if (pb_is_sublabel(cells[j].key, cells[j].keylen))
                    continue;
                const char *k2;
                int vt2;
                pblint_text l2;
                size_t v2;
                if (find_label(b, &cells[j], false, &k2, &vt2, &l2, &v2))
                    break;
                value = cells[j];
                i = j;
                break;
            }
        }
        if (add_field(b, key, vt, &label, &value, NULL))
            return PBLINT_ENOMEM;
    }
    return 0;
}

/* ------------------------------------------------------------- tables */

static void close_table(builder *b)
{
    /* the per-table state below is written only while a table is open:
     * every prose line closes the table, most when none is open */
    if (!b->table && b->hdr_n == 0)
        return;
    b->table = NULL;
    b->hdr_n = 0;
    memset(b->hdr_unit, 0, sizeof b->hdr_unit);
    memset(b->carry, 0, sizeof b->carry);
}

static int table_kind_of(const bool *has)
{
    if ((has[PBLINT_COL_LEVEL3] || (has[PBLINT_COL_LEVEL1] && has[PBLINT_COL_LEVEL2])) &&
        (has[PBLINT_COL_TARGET] || has[PBLINT_COL_ACTUAL]))
        return PBLINT_TABLE_INDICATOR;
    if (has[PBLINT_COL_EXECUTED] || (has[PBLINT_COL_BUDGET_INITIAL] && has[PBLINT_COL_BUDGET]))
        return PBLINT_TABLE_FUNDS;
    if (has[PBLINT_COL_WEIGHT] && has[PBLINT_COL_SCORE])
        return PBLINT_TABLE_SCORE;
    if (has[PBLINT_COL_DOC_TITLE] || has[PBLINT_COL_MEASURE] || has[PBLINT_COL_STAGE])
        return PBLINT_TABLE_SAFEGUARD;
    if ((has[PBLINT_COL_ITEM] || has[PBLINT_COL_CONTENT]) && has[PBLINT_COL_AMOUNT])
        return (has[PBLINT_COL_UNIT_PRICE] || has[PBLINT_COL_QUANTITY]) ? PBLINT_TABLE_BREAKDOWN
                                                                        : PBLINT_TABLE_COST_LIST;
    if (has[PBLINT_COL_AMOUNT] && (has[PBLINT_COL_UNIT_PRICE] || has[PBLINT_COL_QUANTITY]))
        return PBLINT_TABLE_BREAKDOWN;
    return PBLINT_TABLE_UNKNOWN;
}

/* If the cells form a table header, fills roles and returns the kind. */
/* The role of column h: past the header's last cell, a 保障阶段 heading
 * (which spans its stage columns) goes on; anything else is NONE. */
static int role_at(const builder *b, long h)
{
    if (h < 0)
        return PBLINT_COL_NONE;
    if ((size_t)h < b->hdr_n)
        return b->hdr_role[h];
    if (b->hdr_n > 0 && b->hdr_role[b->hdr_n - 1] == PBLINT_COL_STAGE)
        return PBLINT_COL_STAGE;
    return PBLINT_COL_NONE;
}

static int header_kind(const pblint_text *cells, size_t n, int *roles, int *units, int *money_unit)
{
    bool has[PBLINT_COL__COUNT] = {false};
    size_t named = 0, nonempty = 0;
    *money_unit = PBLINT_MONEY_NONE;
    if (n > MAX_COLS)
        return PBLINT_TABLE_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        int mu = PBLINT_MONEY_NONE;
        roles[i] = PBLINT_COL_NONE;
        units[i] = PBLINT_MONEY_NONE;
        if (cells[i].len == 0) {
            /* an empty heading continues the heading to its left when that
             * heading spans several columns (保障阶段, a row-label column) */
            if (i == 0)
                roles[i] = PBLINT_COL_LABEL;
            else if (roles[i - 1] == PBLINT_COL_STAGE || roles[i - 1] == PBLINT_COL_LABEL)
                roles[i] = roles[i - 1];
            continue;
        }
        nonempty++;
        int r = pb_column_lookup(cells[i].key, cells[i].keylen, &mu);
        if (r == PBLINT_COL_NONE && i == 0) {
            /* "绩效指标", "项目资金（万元）": the heading of the row-label column */
            int u = PBLINT_MONEY_NONE;
            pb_strip_unit_suffix(cells[i].key, cells[i].keylen, &u);
            if (u != PBLINT_MONEY_NONE)
                *money_unit = u;
            roles[i] = PBLINT_COL_LABEL;
            nonempty--;
            continue;
        }
        if (r != PBLINT_COL_NONE) {
            roles[i] = r;
            units[i] = mu;
            has[r] = true;
            named++;
            if (mu != PBLINT_MONEY_NONE && *money_unit == PBLINT_MONEY_NONE &&
                (r == PBLINT_COL_AMOUNT || r == PBLINT_COL_BUDGET_INITIAL || r == PBLINT_COL_BUDGET ||
                 r == PBLINT_COL_EXECUTED))
                *money_unit = mu;
        }
    }
    if (named < 2 || named * 2 < nonempty)
        return PBLINT_TABLE_UNKNOWN;
    return table_kind_of(has);
}

static bool value_like(const pblint_value *v)
{
    switch (v->kind) {
    case PBLINT_VAL_NUMBER:
    case PBLINT_VAL_AMOUNT:
    case PBLINT_VAL_PERCENT:
    case PBLINT_VAL_COUNT:
    case PBLINT_VAL_PERIOD:
    case PBLINT_VAL_DATE:
        return true;
    default:
        return false;
    }
}

/* Whether fit() looks at a cell's category for a column of this role. */
static bool uses_category(int role)
{
    return role == PBLINT_COL_LABEL || role == PBLINT_COL_LEVEL1 || role == PBLINT_COL_LEVEL2 ||
           role == PBLINT_COL_LEVEL3;
}

/* How well a cell fits a column, x2 (higher is better). */
static int fit(int role, const pblint_text *t, const pblint_value *v, int cat)
{
    if (t->len == 0)
        return 0;
    bool num = value_like(v);
    bool word = v->kind == PBLINT_VAL_WORD;
    bool dash = v->kind == PBLINT_VAL_EMPTY;
    switch (role) {
    case PBLINT_COL_LABEL:
        return cat ? -4 : (num ? -2 : 0);
    case PBLINT_COL_LEVEL1: /* cat: 1 first-level name, 2 second-level, 3 either */
        return (cat & 1) ? 6 : cat ? -2 : num ? -4 : -2;
    case PBLINT_COL_LEVEL2:
        return (cat & 2) ? 6 : cat ? -2 : num ? -4 : -2;
    case PBLINT_COL_LEVEL3:
        return cat ? -4 : num ? -2 : 2;
    case PBLINT_COL_TARGET:
    case PBLINT_COL_ACTUAL:
        return num ? 6 : word ? 4 : dash ? 1 : -2;
    case PBLINT_COL_AMOUNT:
    case PBLINT_COL_UNIT_PRICE:
    case PBLINT_COL_BUDGET_INITIAL:
    case PBLINT_COL_BUDGET:
    case PBLINT_COL_EXECUTED:
    case PBLINT_COL_RATE:
    case PBLINT_COL_QUANTITY:
    case PBLINT_COL_WEIGHT:
    case PBLINT_COL_SCORE:
        return num ? 4 : dash ? 2 : -4;
    case PBLINT_COL_CATEGORY:
        return key_has(t, "制度") ? 4 : 0;
    case PBLINT_COL_STAGE:
        return key_has(t, "阶段") ? 4 : -2;
    case PBLINT_COL_NONE:
        return -3;
    default:
        return num ? 0 : 1;
    }
}

static int value_hint(int role)
{
    return (role == PBLINT_COL_AMOUNT || role == PBLINT_COL_UNIT_PRICE ||
            role == PBLINT_COL_BUDGET_INITIAL || role == PBLINT_COL_BUDGET ||
            role == PBLINT_COL_EXECUTED)
               ? PBLINT_HINT_AMOUNT
               : PBLINT_HINT_GENERIC;
}

static bool carries_down(int role)
{
    return role == PBLINT_COL_LABEL || role == PBLINT_COL_LEVEL1 || role == PBLINT_COL_LEVEL2 ||
           role == PBLINT_COL_CATEGORY;
}

/* The roles carries_down() names, in increasing order (as a loop over
 * every role would meet them). */
static const int CARRY_ROLES[] = {PBLINT_COL_LABEL, PBLINT_COL_LEVEL1, PBLINT_COL_LEVEL2,
                                  PBLINT_COL_CATEGORY};
_Static_assert(PBLINT_COL_LABEL < PBLINT_COL_LEVEL1 && PBLINT_COL_LEVEL1 < PBLINT_COL_LEVEL2 &&
                   PBLINT_COL_LEVEL2 < PBLINT_COL_CATEGORY,
               "CARRY_ROLES is in increasing order");

static unsigned leading_indent(const builder *b, pblint_span raw)
{
    const char *t = b->src->text;
    unsigned n = 0;
    for (uint32_t i = raw.start; i < raw.end;) {
        if (t[i] == ' ') {
            n++;
            i++;
        } else if (i + 3 <= raw.end && (unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0x80) {
            n += 2;
            i += 3;
        } else {
            break;
        }
    }
    return n;
}

static int funds_row_fields(builder *b, const pblint_row *row);

static int add_row(builder *b, const pb_grid_row *g, pblint_text *cells, size_t n, int kind)
{
    pblint_table *t = b->table;
    pblint_row row;
    memset(&row, 0, sizeof row);
    row.kind = kind;
    row.extent = g->extent;
    row.parent = -1;
    row.span.start = n ? cells[0].span.start : g->extent.start;
    row.span.end = n ? cells[n - 1].span.end : g->extent.start;
    for (size_t i = 0; i < n; i++) {
        if (cells[i].len) {
            row.span.start = cells[i].span.start;
            break;
        }
    }

    /* parse each cell of a data row once, generically, to judge the
     * alignment (a header's cells are text) */
    pblint_value *vals = NULL;
    if (kind != PBLINT_ROW_HEADER && n > 0) {
        pblint_value *nv = grow_scratch(b->row_vals, &b->row_vals_cap, n, sizeof *nv);
        if (!nv)
            return PBLINT_ENOMEM;
        vals = b->row_vals = nv;
        for (size_t i = 0; i < n; i++)
            parse_value(b, &cells[i], PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, &vals[i]);
    }
    /* whether a cell looks like an indicator category, asked only where a
     * label or level column would take it (-1: not asked yet) */
    int cats[MAX_COLS];
    for (size_t i = 0; i < n && i < MAX_COLS; i++)
        cats[i] = -1;

    int best_d = 0, best = -1000000;
    if (kind == PBLINT_ROW_HEADER) {
        best = 0;
    } else {
        /* the row as written first; a realignment must win clearly */
        static const int shifts[] = {0, 1, -1, 2};
        size_t nshifts = PB_ARRAY_LEN(shifts);
        for (size_t si = 0; si < nshifts; si++) {
            int d = shifts[si];
            int score = 0;
            bool possible = true;
            for (size_t i = 0; i < n; i++) {
                long h = (long)i + d;
                if (h < 0) {
                    if (cells[i].len)
                        possible = false;
                    continue;
                }
                int role = role_at(b, h);
                int cat = 0;
                if (i < MAX_COLS && cells[i].len && uses_category(role)) {
                    if (cats[i] < 0)
                        cats[i] = pb_category_guess(cells[i].key, cells[i].keylen);
                    cat = cats[i];
                }
                score += fit(role, &cells[i], &vals[i], cat);
            }
            /* a realigned row must fit clearly better than the row as written */
            if (d != 0)
                score -= d == 2 ? 5 : 3;
            if (possible && score > best) {
                best = score;
                best_d = d;
            }
        }
    }

    size_t ninh = 0;
    size_t extra = 0;
    if (kind != PBLINT_ROW_HEADER) {
        /* room for the merged cells this row will carry down (counted so
         * that a million-row table does not pay for unused slots) */
        for (size_t r = 0; r < PB_ARRAY_LEN(CARRY_ROLES); r++) {
            int role = CARRY_ROLES[r];
            if (!t->has_col[role] || !b->carry[role])
                continue;
            extra++;
        }
        extra += 1; /* a new LEVEL1 may reset LEVEL2 but never adds one */
    }
    row.cells = pb_alloc(&b->doc->cell_arena, (n + extra) * sizeof(pblint_cell));
    if (!row.cells)
        return PBLINT_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        long h = (long)i + best_d;
        if (h < 0)
            continue;
        int role = role_at(b, h);
        if (kind == PBLINT_ROW_HEADER)
            role = b->hdr_role[i];
        /* a blank cell past the header's columns is nothing at all */
        if (role == PBLINT_COL_NONE && cells[i].len == 0 && (size_t)h >= b->hdr_n)
            continue;
        pblint_cell *c = &row.cells[k++];
        c->role = role;
        c->text = cells[i];
        const pblint_value *src;
        pblint_value amount;
        if (kind == PBLINT_ROW_HEADER) {
            src = &pb_value_text;
        } else if (value_hint(role) == PBLINT_HINT_AMOUNT) {
            int unit = (size_t)h < b->hdr_n && b->hdr_unit[h] ? b->hdr_unit[h]
                       : t->money_unit                        ? t->money_unit
                                                              : section_unit(b);
            parse_value(b, &cells[i], PBLINT_HINT_AMOUNT, unit, &amount);
            src = &amount;
        } else {
            src = &vals[i];
        }
        if (src->kind == PBLINT_VAL_TEXT && src->flags == 0) {
            c->value = &pb_value_text;
        } else if (src->kind == PBLINT_VAL_EMPTY && src->flags == 0) {
            c->value = &pb_value_empty;
        } else {
            pblint_value *v = pb_alloc(&b->doc->cell_arena, sizeof *v);
            if (!v)
                return PBLINT_ENOMEM;
            *v = *src;
            c->value = v;
        }
        if (role == PBLINT_COL_STAGE && kind != PBLINT_ROW_HEADER) {
            size_t nch = 0;
            if (parse_choices(b, &c->text, true, &c->choices, &nch))
                return PBLINT_ENOMEM;
            c->nchoices = (uint32_t)nch; /* at most the hits parse_choices() keeps */
        }
        if (role != PBLINT_COL_NONE && !pb_row_role(&row, role) &&
            (c->text.len || !carries_down(role)))
            pb_row_set_role(&row, role, c);
    }
    row.ncells = k;

    /* a 计量单位 column gives the unit of a bare-number 指标值 / 完成值 */
    const pblint_cell *uc = pb_row_role(&row, PBLINT_COL_UNIT);
    if (kind == PBLINT_ROW_DATA && uc && uc->text.len > 0 && uc->text.len < 24) {
        static const int ROLES[] = {PBLINT_COL_TARGET, PBLINT_COL_ACTUAL};
        for (size_t r = 0; r < PB_ARRAY_LEN(ROLES); r++) {
            pblint_cell *c = (pblint_cell *)pb_row_role(&row, ROLES[r]);
            if (!c || c->value->kind != PBLINT_VAL_NUMBER)
                continue;
            pblint_value *v = pb_alloc(&b->doc->cell_arena, sizeof *v);
            if (!v)
                return PBLINT_ENOMEM;
            *v = *c->value;
            bool pct = strcmp(uc->text.s, "%") == 0 || strcmp(uc->text.s, "百分比") == 0;
            v->kind = pct ? PBLINT_VAL_PERCENT : PBLINT_VAL_COUNT;
            memcpy(v->unit, pct ? "%" : uc->text.s, pct ? 2 : uc->text.len + 1);
            v->unit_span = uc->text.span;
            c->value = v;
        }
    }

    if (kind != PBLINT_ROW_HEADER) {
        /* merged cells: carry the nearest non-blank cell above down */
        for (size_t r = 0; r < PB_ARRAY_LEN(CARRY_ROLES); r++) {
            int role = CARRY_ROLES[r];
            if (!t->has_col[role])
                continue;
            if (pb_row_role(&row, role)) {
                b->carry[role] = pb_row_role(&row, role);
                /* a new level-1 category starts a new level-2 group */
                if (role == PBLINT_COL_LEVEL1)
                    b->carry[PBLINT_COL_LEVEL2] = NULL;
                if (role == PBLINT_COL_LABEL) {
                    b->carry[PBLINT_COL_LEVEL1] = NULL;
                    b->carry[PBLINT_COL_LEVEL2] = NULL;
                }
            }
        }
        for (size_t r = 0; r < PB_ARRAY_LEN(CARRY_ROLES); r++) {
            int role = CARRY_ROLES[r];
            if (!t->has_col[role] || pb_row_role(&row, role) || !b->carry[role])
                continue;
            pblint_cell *c = &row.cells[n + ninh++];
            *c = *b->carry[role];
            c->inherited = true;
            pb_row_set_role(&row, role, c);
        }
        /* depth in a cost list: indented or sub-numbered items are children */
        if (t->kind == PBLINT_TABLE_COST_LIST && kind == PBLINT_ROW_DATA) {
            const pblint_cell *item = pb_row_role(&row, PBLINT_COL_ITEM);
            if (!item)
                item = pb_row_role(&row, PBLINT_COL_CONTENT);
            if (item) {
                unsigned ind = leading_indent(b, item->text.span);
                const char *k0 = item->text.key;
                bool sub = ind >= 2 || (item->text.keylen > 0 && k0[0] == '(') ||
                           (item->text.keylen >= 3 && (unsigned char)k0[0] == 0xE2 &&
                            (unsigned char)k0[1] == 0x91);
                row.depth = sub ? 1 : 0;
                for (size_t r = t->nrows; r > 0; r--) {
                    const pblint_row *p = &t->rows[r - 1];
                    if (p->kind == PBLINT_ROW_DATA && p->depth < row.depth) {
                        row.parent = (long)(r - 1);
                        break;
                    }
                    if (p->kind != PBLINT_ROW_DATA)
                        break;
                }
            }
        }
    }
    if (PB_PUSH(t->rows, t->nrows, t->cap, row))
        return PBLINT_ENOMEM;
    if (t->kind == PBLINT_TABLE_FUNDS && kind == PBLINT_ROW_DATA &&
        funds_row_fields(b, &t->rows[t->nrows - 1]))
        return PBLINT_ENOMEM;
    /* by_role holds indices into row.cells (arena): they survive the copy */
    if (t->nrows == 1)
        t->span.start = row.span.start;
    t->span.end = row.span.end;
    return 0;
}

/* A row of a self-evaluation fund table also yields the fund fields, so
 * that fund rules work whichever layout a region uses: the row's key takes
 * the full-year budget (or the initial one), and the 年度资金总额 row gives
 * "budget", "actual" and "execution_rate" too. */
static int funds_row_fields(builder *b, const pblint_row *row)
{
    const pblint_cell *lab = pb_row_role(row, PBLINT_COL_LABEL);
    if (!lab || lab->inherited)
        return 0;
    const char *key;
    int vt;
    pblint_text label;
    size_t voff;
    if (!find_label(b, &lab->text, true, &key, &vt, &label, &voff) || vt != PB_FV_AMOUNT)
        return 0;
    const pblint_cell *budget = pb_row_role(row, PBLINT_COL_BUDGET);
    if (!budget)
        budget = pb_row_role(row, PBLINT_COL_BUDGET_INITIAL);
    static const struct {
        const char *key;
        int role;
    } EXTRA[] = {{"budget", PBLINT_COL_BUDGET},
                 {"actual", PBLINT_COL_EXECUTED},
                 {"execution_rate", PBLINT_COL_RATE}};
    if (budget && add_field(b, key, PB_FV_AMOUNT, &label, &budget->text, NULL))
        return PBLINT_ENOMEM;
    if (strcmp(key, "year_budget") == 0) {
        for (size_t i = 0; i < PB_ARRAY_LEN(EXTRA); i++) {
            const pblint_cell *c = pb_row_role(row, EXTRA[i].role);
            if (!c && EXTRA[i].role == PBLINT_COL_BUDGET)
                c = budget;
            if (!c || has_field_key(b->doc, EXTRA[i].key))
                continue;
            pblint_field *f = NULL;
            int vtype = EXTRA[i].role == PBLINT_COL_RATE ? PB_FV_TEXT : PB_FV_AMOUNT;
            if (add_field(b, EXTRA[i].key, vtype, &label, &c->text, &f))
                return PBLINT_ENOMEM;
            if (EXTRA[i].role == PBLINT_COL_RATE)
                parse_value(b, &c->text, PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, &f->value);
        }
    }
    return 0;
}

static int open_table(builder *b, const pb_grid_row *g, pblint_text *cells, size_t n, int kind,
                      const int *roles, int money_unit)
{
    close_table(b);
    pblint_table *t = pb_alloc(b->a, sizeof *t);
    if (!t)
        return PBLINT_ENOMEM;
    t->kind = kind;
    t->section = b->section;
    t->money_unit = money_unit != PBLINT_MONEY_NONE ? money_unit : section_unit(b);
    for (size_t i = 0; i < n; i++)
        t->has_col[roles[i]] = true;
    t->has_col[PBLINT_COL_NONE] = false;
    if (PB_PUSH(b->doc->tables, b->doc->ntables, b->doc->tables_cap, t))
        return PBLINT_ENOMEM;
    b->table = t;
    memcpy(b->hdr_role, roles, n * sizeof(int));
    b->hdr_n = n;
    b->section_has_content = true;
    return add_row(b, g, cells, n, PBLINT_ROW_HEADER);
}

/* ------------------------------------------------------------- prose */

static bool is_title(const pblint_text *t)
{
    if (t->keylen == 0 || t->keylen > 150)
        return false;
    return key_has(t, "申报表") || key_has(t, "自评报告") || key_has(t, "自评表") ||
           key_has(t, "评价报告") || key_has(t, "评价表");
}

/* "（2019 年）", "(2019年度)", "2019年度": a year line. */
static int year_line(const pblint_text *t, pblint_span *where)
{
    const char *k = t->key;
    size_t n = t->keylen, i = 0;
    if (i < n && k[i] == '(')
        i++;
    size_t ds = i;
    while (i < n && k[i] >= '0' && k[i] <= '9')
        i++;
    if (i - ds != 4)
        return 0;
    int y = atoi(k + ds);
    if (i + 3 > n || memcmp(k + i, "年", 3) != 0)
        return 0;
    i += 3;
    if (i + 3 <= n && memcmp(k + i, "度", 3) == 0)
        i += 3;
    if (i < n && k[i] == ')')
        i++;
    if (i != n || y < 1990 || y > 2100)
        return 0;
    size_t off = key_to_text(t, ds);
    *where = pblint_text_map(t, off, 4);
    return y;
}

/* A year written inside a title: "2019年度项目支出绩效自评报告". */
static int year_in(const pblint_text *t, pblint_span *where)
{
    for (size_t i = 0; i + 7 <= t->len; i++) {
        if (i > 0 && t->s[i - 1] >= '0' && t->s[i - 1] <= '9')
            continue;
        bool digits = true;
        for (size_t k = 0; k < 4; k++)
            if (t->s[i + k] < '0' || t->s[i + k] > '9')
                digits = false;
        if (!digits || memcmp(t->s + i + 4, "年", 3) != 0)
            continue;
        int y = atoi(t->s + i);
        if (y < 1990 || y > 2100)
            continue;
        *where = pblint_text_map(t, i, 4);
        return y;
    }
    return 0;
}

static bool is_heading(const pblint_text *t)
{
    return enumerator_len(t->key, t->keylen) > 0;
}

static int prose_text(builder *b, pblint_text *t);

static int prose_line(builder *b, const pb_grid_row *g)
{
    pblint_text t;
    if (pb_text_make(b->a, b->src, g->cells[0], &t))
        return PBLINT_ENOMEM;
    b->markup |= t.markup;
    if (t.len == 0)
        return 0;

    if (is_title(&t)) {
        b->pending_key = NULL;
        if (!b->section_has_content && !cur_section(b)->title.len && !cur_section(b)->year &&
            !cur_section(b)->money_unit)
            cur_section(b)->title = t;
        else if (new_section(b, &t))
            return PBLINT_ENOMEM;
        pblint_span ys;
        int y = year_in(&t, &ys);
        if (y) {
            cur_section(b)->year = y;
            cur_section(b)->year_span = ys;
        }
        return 0;
    }
    pblint_span ys;
    int y = year_line(&t, &ys);
    if (y) {
        if (!cur_section(b)->year) {
            cur_section(b)->year = y;
            cur_section(b)->year_span = ys;
        }
        return 0;
    }

    /* "项目名称：居民小区综合治理建设金额单位：万元": two labels on one line */
    const char *mu = "金额单位";
    size_t mul = strlen(mu);
    const char *at = t.len > 1 ? find_sub(t.s + 1, t.len - 1, mu, mul) : NULL;
    if (at) {
        size_t i = (size_t)(at - t.s);
        pblint_text head, tail;
        pblint_span hs = pblint_text_map(&t, 0, i);
        if (part_text(b, &t, hs, &head) || sub_text(b, &t, i, &tail))
            return PBLINT_ENOMEM;
        int rc = prose_text(b, &head);
        return rc ? rc : prose_text(b, &tail);
    }
    return prose_text(b, &t);
}

static int prose_text(builder *b, pblint_text *t)
{
    const char *key;
    int vt;
    pblint_text label;
    size_t voff;
    if (find_label(b, t, true, &key, &vt, &label, &voff)) {
        b->pending_key = NULL;
        if (voff >= t->len && vt != PB_FV_GROUP &&
            t->keylen == enumerator_len(t->key, t->keylen) + label.keylen) {
            /* a label alone: its value is on the next line; a sign-off
             * label (填表人：) with nothing after the colon is blank */
            size_t el = enumerator_len(t->key, t->keylen);
            bool has_colon = t->keylen > 0 && t->key[t->keylen - 1] == ':';
            if (!has_colon) {
                b->pending_key = key;
                b->pending_vtype = vt;
                b->pending_label = label;
                (void)el;
                return 0;
            }
        }
        if (vt == PB_FV_GROUP)
            return push_para(b, t, NULL);
        pblint_text value;
        if (sub_text(b, t, voff, &value))
            return PBLINT_ENOMEM;
        if (voff >= t->len)
            pb_text_empty_at(&value, t->span.end);
        return add_field(b, key, vt, &label, &value, NULL);
    }
    /* "一、项目基本情况": a part of a report is a section of its own */
    size_t el = enumerator_len(t->key, t->keylen);
    if (!b->pending_key && el > 0 && t->key[0] != '(' && (t->key[0] < '0' || t->key[0] > '9') &&
        t->keylen - el >= 6 && t->keylen <= 60 && !memchr(t->key, ':', t->keylen) &&
        !b->table) {
        if (!b->section_has_content && !cur_section(b)->title.len && !cur_section(b)->year &&
            !cur_section(b)->money_unit)
            cur_section(b)->title = *t;
        else if (new_section(b, t))
            return PBLINT_ENOMEM;
        b->section_has_content = true;
        return push_para(b, t, NULL);
    }
    if (b->pending_key) {
        const char *k = b->pending_key;
        b->pending_key = NULL;
        if (!is_heading(t) && !is_title(t))
            return add_field(b, k, b->pending_vtype, &b->pending_label, t, NULL);
        /* the label had no value: record it blank */
        pblint_text empty;
        pb_text_empty_at(&empty, b->pending_label.span.end);
        if (add_field(b, k, b->pending_vtype, &b->pending_label, &empty, NULL))
            return PBLINT_ENOMEM;
    }
    b->section_has_content = true;
    return push_para(b, t, NULL);
}

/* ------------------------------------------------------------ the pass */

static void flush_unplaced(builder *b)
{
    if (b->unplaced_n == 0)
        return;
    const pb_grid_row *f = &b->grid.rows[b->unplaced_first];
    const pb_grid_row *l = &b->grid.rows[b->unplaced_last];
    pblint_span sp = {f->cells[0].start, f->cells[f->ncells - 1].end};
    for (size_t i = 0; i < f->ncells; i++) {
        if (f->cells[i].end > f->cells[i].start) {
            sp.start = f->cells[i].start;
            break;
        }
    }
    if (b->unplaced_n == 1)
        pb_emit(b->ctx, b->res, "parse/unrecognised-table", PBLINT_SEV_DEFAULT, sp,
                "this table row is not part of any table pblint knows (no header row such as "
                "一级指标/指标值, 项目明细/明细金额, 文件名称/具体措施 or 分值/得分 above it); its "
                "cells are not checked");
    else
        pb_emit(b->ctx, b->res, "parse/unrecognised-table", PBLINT_SEV_DEFAULT, sp,
                "%zu table rows (lines %u-%u) are not part of any table pblint knows (no header "
                "row such as 一级指标/指标值, 项目明细/明细金额, 文件名称/具体措施 or 分值/得分 "
                "above them); their cells are not checked",
                b->unplaced_n, f->first_line, l->last_line);
    b->unplaced_n = 0;
}

static int table_row(builder *b, size_t gi)
{
    const pb_grid_row *g = &b->grid.rows[gi];
    size_t n = g->ncells;
    /* Inside a table, the blank cells the grid dropped at the end of a tab
     * row come back (empty, each at its own tab stop), so that a blank
     * 指标值 is an empty TARGET cell rather than no cell. */
    size_t want = n;
    if (b->table && g->layout == PB_LAYOUT_TABS && n > 0 && b->hdr_n > n && b->hdr_n <= MAX_COLS)
        want = b->hdr_n;
    pblint_text *cells = grow_scratch(b->row_texts, &b->row_texts_cap, want, sizeof *cells);
    if (!cells)
        return PBLINT_ENOMEM;
    b->row_texts = cells;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (pb_text_make(b->a, b->src, g->cells[i], &cells[i]))
            return PBLINT_ENOMEM;
        b->markup |= cells[i].markup;
        if (cells[i].len)
            any = true;
    }
    if (want > n) {
        const char *t = b->src->text;
        uint32_t pos = g->cells[n - 1].end;
        uint32_t line_end = g->extent.end;
        while (line_end > pos && (t[line_end - 1] == '\n' || t[line_end - 1] == '\r'))
            line_end--;
        while (n < want && pos < line_end && t[pos] == '\t') {
            pos++;
            pb_text_empty_at(&cells[n++], pos);
            while (pos < line_end && t[pos] != '\t')
                pos++;
        }
    }
    if (!any)
        return 0;
    b->pending_key = NULL;

    if (b->nblock) {
        /* values of the label row above, column by column; a label with no
         * value under it is recorded blank */
        size_t nb = b->nblock;
        b->nblock = 0;
        bool any_label = false;
        for (size_t i = 0; i < n && !any_label; i++) {
            const char *k;
            int vt;
            pblint_text l;
            size_t v;
            any_label = cells[i].len && find_label(b, &cells[i], false, &k, &vt, &l, &v);
        }
        for (size_t k = 0; k < nb; k++) {
            size_t col = b->block[k].col;
            size_t lim = k + 1 < nb ? b->block[k + 1].col : n;
            size_t j = col;
            while (!any_label && j < lim && j < n && cells[j].len == 0)
                j++;
            pblint_text value;
            if (!any_label && j < lim && j < n)
                value = cells[j];
            else
                pb_text_empty_at(&value, b->block[k].label.span.end);
            /* a heading over sub-labels (总体目标 over 长期目标/年度目标) with
             * nothing under it is no blank field */
            if (value.len == 0 && k + 1 < nb && b->block[k + 1].col == col + 1)
                continue;
            if (add_field(b, b->block[k].key, b->block[k].vtype, &b->block[k].label, &value, NULL))
                return PBLINT_ENOMEM;
        }
        if (!any_label)
            return 0;
    }
    if (b->goal_block) {
        b->goal_block = false;
        static const char *const KEYS[2] = {"year_goal", "goal_result"};
        for (int k = 0; k < 2; k++) {
            size_t col = b->goal_col[k];
            if (col >= MAX_COLS)
                continue;
            /* the value sits under its heading, or in the first cell after it */
            size_t j = col;
            while (j < n && cells[j].len == 0 && (k == 1 || j < b->goal_col[1]))
                j++;
            if (j >= n || cells[j].len == 0)
                continue;
            if (add_field(b, KEYS[k], PB_FV_TEXT, &b->goal_label, &cells[j], NULL))
                return PBLINT_ENOMEM;
        }
        return 0;
    }

    int roles[MAX_COLS], units[MAX_COLS];
    int mu;
    int kind = header_kind(cells, n, roles, units, &mu);
    if (kind != PBLINT_TABLE_UNKNOWN) {
        flush_unplaced(b);
        int rc = open_table(b, g, cells, n, kind, roles, mu);
        memcpy(b->hdr_unit, units, n * sizeof(int));
        return rc;
    }
    if (b->table) {
        /* a "label：" row ends the table */
        const char *key;
        int vt;
        pblint_text label;
        size_t voff;
        size_t first = 0;
        while (first < n && cells[first].len == 0)
            first++;
        bool label_row = first < n && find_label(b, &cells[first], false, &key, &vt, &label, &voff) &&
                         vt != PB_FV_GROUP &&
                         ((cells[first].keylen > 0 && (cells[first].key[cells[first].keylen - 1] == ':' ||
                                                       voff < cells[first].len)) ||
                          /* a fund table ends at the first label that is not a fund line */
                          (b->table->kind == PBLINT_TABLE_FUNDS && vt != PB_FV_AMOUNT));
        if (!label_row) {
            int rk = PBLINT_ROW_DATA;
            if (first < n && pb_is_total_label(cells[first].key, cells[first].keylen))
                rk = PBLINT_ROW_TOTAL;
            return add_row(b, g, cells, n, rk);
        }
        close_table(b);
    }
    int found;
    if (fields_from_cells(b, cells, n, &found))
        return PBLINT_ENOMEM;
    if (found == 0) {
        if (b->unplaced_n == 0)
            b->unplaced_first = gi;
        b->unplaced_last = gi;
        b->unplaced_n++;
    } else {
        flush_unplaced(b);
    }
    return 0;
}

/* ------------------------------------------------- self-evaluation prose */

/* The keyword nearest before `end` (within `window` bytes): the one that
 * ends last, and of those the longest ("实际决算开支" rather than "决算开支"). */
static size_t rfind_word(const char *s, size_t end, size_t window, const char *const *words,
                         size_t *which)
{
    size_t best = (size_t)-1, best_end = 0, best_len = 0;
    size_t lo = end > window ? end - window : 0;
    for (size_t w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        /* the last byte first: a continuation byte, rarely the same */
        char last = words[w][n - 1];
        for (size_t i = end >= n ? end - n + 1 : 0; i-- > lo;) {
            if (s[i + n - 1] == last && memcmp(s + i, words[w], n) == 0) {
                size_t e = i + n;
                if (best == (size_t)-1 || e > best_end || (e == best_end && n > best_len)) {
                    best = i;
                    best_end = e;
                    best_len = n;
                    *which = w;
                }
                break;
            }
        }
    }
    return best;
}


static int statement_field(builder *b, const pblint_text *t, size_t lab_off, size_t lab_len,
                           const pblint_value *v, const char *key, size_t section)
{
    pblint_field *f = pb_alloc(&b->doc->field_arena, sizeof *f); /* see pblint_doc */
    if (!f)
        return PBLINT_ENOMEM;
    f->key = key;
    if (part_text(b, t, pblint_text_map(t, lab_off, lab_len), &f->label))
        return PBLINT_ENOMEM;
    pblint_span vs = pblint_text_map(t, v->span.start, v->span.end - v->span.start);
    if (part_text(b, t, vs, &f->text))
        return PBLINT_ENOMEM;
    f->value = *v;
    f->value.span = vs;
    pblint_span *spans[] = {&f->value.num_span, &f->value.op_span, &f->value.unit_span};
    for (size_t i = 0; i < 3; i++)
        *spans[i] = spans[i]->end > spans[i]->start
                        ? pblint_text_map(t, spans[i]->start, spans[i]->end - spans[i]->start)
                        : (pblint_span){vs.start, vs.start};
    f->section = section;
    return push_field(b, f);
}

/* Budget, actual spending, stated score and grade, written in sentences:
 * "该项目预算资金为170.92万元，实际开支决算为155.39万元", "评分得分为89分，评分结果级别为：良好". */
static int report_statements(builder *b)
{
    static const char *const BUDGET[] = {"预算总金额", "预算资金", "预算金额", "预算总额", "总预算",
                                         "年初预算数", "全年预算数", "预算数", "年初预算", "全年预算",
                                         "预算", NULL};
    static const char *const ACTUAL[] = {"实际决算开支", "决算开支", "实际开支", "实际支出",
                                         "支出决算", "决算数", "全年执行数", "执行数", "实际使用",
                                         "决算", NULL};
    static const char *const SCORE[] = {"得分", "评分", "总分", NULL};
    static const char *const RATE[] = {"预算执行率", "执行率", NULL};
#define PHRASE(p) {p, sizeof(p) - 1}
    static const struct {
        const char *s;
        size_t len;
    } GRADE[] = {PHRASE("结果级别为"), PHRASE("评价等级为"), PHRASE("评分等级为"), PHRASE("级别为"),
                 PHRASE("等级为"),     PHRASE("评价结果为"), PHRASE("评定为")};
#undef PHRASE
    size_t nparas = b->doc->nparas;
    for (size_t p = 0; p < nparas; p++) {
        /* prose, and free-text fields such as 项目概况 (not names or dates) */
        const char *fk = b->doc->paras[p].field_key;
        if (fk && (strcmp(fk, "project_name") == 0 || strcmp(fk, "unit_name") == 0 ||
                   strcmp(fk, "department") == 0 || strcmp(fk, "implementer") == 0 ||
                   strcmp(fk, "period") == 0))
            continue;
        const pblint_text *t = b->doc->paras[p].text;
        pblint_value vals[32];
        size_t nv = pblint_scan_quantities(t->s, t->len, PBLINT_MONEY_YUAN, vals, 32);
        if (nv > 32)
            nv = 32;
        for (size_t i = 0; i < nv; i++) {
            const pblint_value *v = &vals[i];
            size_t w = 0, at;
            if (v->kind == PBLINT_VAL_AMOUNT && (v->flags & PBLINT_VALF_UNIT_EXPLICIT)) {
                size_t wa = 0, wb = 0;
                size_t aa = rfind_word(t->s, v->span.start, 30, ACTUAL, &wa);
                size_t ab = rfind_word(t->s, v->span.start, 30, BUDGET, &wb);
                const char *key = NULL;
                size_t off = 0, len = 0;
                if (aa != (size_t)-1 && (ab == (size_t)-1 || aa > ab)) {
                    key = "actual";
                    off = aa;
                    len = strlen(ACTUAL[wa]);
                } else if (ab != (size_t)-1) {
                    key = "budget";
                    off = ab;
                    len = strlen(BUDGET[wb]);
                }
                if (key && !has_field_key(b->doc, key) && statement_field(b, t, off, len, v, key, b->doc->paras[p].section))
                    return PBLINT_ENOMEM;
            } else if (v->kind == PBLINT_VAL_COUNT && strcmp(v->unit, "分") == 0 &&
                       (at = rfind_word(t->s, v->span.start, 15, SCORE, &w)) != (size_t)-1) {
                if (!has_field_key(b->doc, "stated_score") &&
                    statement_field(b, t, at, strlen(SCORE[w]), v, "stated_score", b->doc->paras[p].section))
                    return PBLINT_ENOMEM;
            } else if (v->kind == PBLINT_VAL_PERCENT &&
                       (at = rfind_word(t->s, v->span.start, 24, RATE, &w)) != (size_t)-1) {
                if (!has_field_key(b->doc, "execution_rate") &&
                    statement_field(b, t, at, strlen(RATE[w]), v, "execution_rate", b->doc->paras[p].section))
                    return PBLINT_ENOMEM;
            }
        }
        if (!has_field_key(b->doc, "stated_grade")) {
            /* a phrase that ends in 为 (all do) occurs nowhere before the
             * text's first 为 less the rest of the phrase */
            const char *wei = strstr(t->s, "为");
            for (size_t g = 0; g < PB_ARRAY_LEN(GRADE); g++) {
                size_t gl = GRADE[g].len;
                bool ends_wei = gl >= 3 && memcmp(GRADE[g].s + gl - 3, "为", 3) == 0;
                if (ends_wei && !wei)
                    continue;
                const char *from = ends_wei && (size_t)(wei - t->s) > gl - 3 ? wei - (gl - 3) : t->s;
                const char *hit = strstr(from, GRADE[g].s);
                if (!hit)
                    continue;
                size_t off = (size_t)(hit - t->s);
                size_t vs = off + gl;
                while (vs < t->len && (t->s[vs] == ':' || t->s[vs] == ' '))
                    vs++;
                size_t ve = vs;
                while (ve < t->len && t->s[ve] != ',' && t->s[ve] != '.' && t->s[ve] != ';' &&
                       t->s[ve] != ' ' && memcmp(t->s + ve, "。", 3) != 0 &&
                       memcmp(t->s + ve, "、", 3) != 0 && ve - vs < 24)
                    ve++;
                if (ve == vs)
                    continue;
                pblint_value gv;
                memset(&gv, 0, sizeof gv);
                gv.kind = PBLINT_VAL_WORD;
                gv.span = (pblint_span){(uint32_t)vs, (uint32_t)ve};
                if (statement_field(b, t, off, gl, &gv, "stated_grade", b->doc->paras[p].section))
                    return PBLINT_ENOMEM;
                break;
            }
        }
    }
    return 0;
}

/* The most frequent "YYYY年" in a report without a titled year. */
static void report_year(builder *b)
{
    int best = 0, best_n = 0;
    pblint_span best_span = {0, 0};
    int years[128];
    int counts[128];
    pblint_span first[128];
    size_t ny = 0;
    for (size_t p = 0; p < b->doc->nparas; p++) {
        const pblint_text *t = b->doc->paras[p].text;
        /* each 年 with four digits before it, in order */
        for (const char *yr = t->len >= 7 ? find_sub(t->s + 4, t->len - 4, "年", 3) : NULL; yr;
             yr = find_sub(yr + 3, t->len - (size_t)(yr + 3 - t->s), "年", 3)) {
            size_t i = (size_t)(yr - t->s) - 4;
            if ((i > 0 && t->s[i - 1] >= '0' && t->s[i - 1] <= '9') || t->s[i] < '1' || t->s[i] > '2')
                continue;
            bool d = true;
            for (int k = 0; k < 4; k++)
                d = d && t->s[i + k] >= '0' && t->s[i + k] <= '9';
            if (!d)
                continue;
            /* a bracketed document-number year, 〔2016〕, is not the report's */
            int y = atoi(t->s + i);
            if (y < 1990 || y > 2100)
                continue;
            size_t k;
            for (k = 0; k < ny && years[k] != y; k++)
                ;
            if (k == ny && ny < 128) {
                years[ny] = y;
                counts[ny] = 0;
                first[ny] = pblint_text_map(t, i, 4);
                ny++;
            }
            if (k < ny)
                counts[k]++;
        }
    }
    for (size_t k = 0; k < ny; k++) {
        if (counts[k] > best_n || (counts[k] == best_n && years[k] > best)) {
            best = years[k];
            best_n = counts[k];
            best_span = first[k];
        }
    }
    if (best) {
        b->doc->year = best;
        b->doc->year_span = best_span;
    }
}

static void detect_kind(builder *b)
{
    pblint_doc *d = b->doc;
    for (size_t i = 0; i < d->nsections; i++) {
        const pblint_text *t = &d->sections[i]->title;
        if (key_has(t, "自评") || key_has(t, "评价报告") || key_has(t, "评价表")) {
            d->kind = PBLINT_DOC_SELF_EVALUATION;
            return;
        }
        if (key_has(t, "申报表")) {
            d->kind = PBLINT_DOC_DECLARATION;
            return;
        }
    }
    for (size_t i = 0; i < d->ntables; i++) {
        const pblint_table *t = d->tables[i];
        if (t->kind == PBLINT_TABLE_SCORE || t->kind == PBLINT_TABLE_COST_LIST ||
            (t->kind == PBLINT_TABLE_INDICATOR && t->has_col[PBLINT_COL_ACTUAL])) {
            d->kind = PBLINT_DOC_SELF_EVALUATION;
            return;
        }
    }
    for (size_t i = 0; i < d->ntables; i++) {
        const pblint_table *t = d->tables[i];
        if (t->kind == PBLINT_TABLE_BREAKDOWN || t->kind == PBLINT_TABLE_SAFEGUARD ||
            t->kind == PBLINT_TABLE_INDICATOR) {
            d->kind = PBLINT_DOC_DECLARATION;
            return;
        }
    }
    for (size_t p = 0; p < d->nparas; p++) {
        if (key_has(d->paras[p].text, "自评")) {
            d->kind = PBLINT_DOC_SELF_EVALUATION;
            return;
        }
    }
}

static void report_markup(builder *b)
{
    if (!(b->markup & (PB_MARKUP_TAG | PB_MARKUP_BOOKMARK | PB_MARKUP_ENTITY)))
        return;
    const char *t = b->src->text;
    size_t n = b->src->len;
    static const char *const MARKS[] = {"<p>", "</p>", "<br", "[bookmark:", "&nbsp;", "<span", NULL};
    /* the first place where one of the marks starts (no two start alike):
     * the next '<', '[' and '&' are found with memchr(), the nearest looked at */
    const char *first = NULL;
    const char *which = NULL;
    static const char LEADS[3] = {'<', '[', '&'};
    const char *next[3];
    for (size_t k = 0; k < 3; k++)
        next[k] = n ? memchr(t, LEADS[k], n) : NULL;
    while (!first) {
        size_t k = 3;
        for (size_t j = 0; j < 3; j++)
            if (next[j] && (k == 3 || next[j] < next[k]))
                k = j;
        if (k == 3)
            break;
        size_t at = (size_t)(next[k] - t);
        next[k] = at + 1 < n ? memchr(t + at + 1, LEADS[k], n - at - 1) : NULL;
        for (size_t i = 0; MARKS[i] && !first; i++) {
            size_t m = strlen(MARKS[i]);
            if (m <= n - at && memcmp(t + at, MARKS[i], m) == 0) {
                first = t + at;
                which = MARKS[i];
            }
        }
    }
    if (!first)
        return;
    uint32_t off = (uint32_t)(first - t);
    const char *end = memchr(first, which[0] == '[' ? ']' : (which[0] == '&' ? ';' : '>'),
                             n - off);
    uint32_t e = end ? (uint32_t)(end - t) + 1 : off + (uint32_t)strlen(which);
    const char *what = b->markup & PB_MARKUP_BOOKMARK
                           ? (b->markup & PB_MARKUP_TAG ? "HTML tags and a Word bookmark marker"
                                                        : "a Word bookmark marker")
                           : "HTML tags";
    pb_emit(b->ctx, b->res, "parse/conversion-artifact", PBLINT_SEV_DEFAULT,
            (pblint_span){off, e},
            "the text carries leftovers of its conversion from Word (%s); pblint reads through "
            "them, but remove them before submitting",
            what);
}

int pb_model_build(pblint_ctx *ctx, pblint_result *res, pblint_doc *doc)
{
    builder b;
    memset(&b, 0, sizeof b);
    doc->model_built = true;
    b.ctx = ctx;
    b.res = res; /* pb_emit() drops what is reported into no result */
    b.doc = doc;
    b.a = &doc->arena;
    b.src = &doc->src;
    int rc = pb_grid_read(b.src, b.a, &b.grid);
    if (rc)
        return rc;
    rc = new_section(&b, NULL);
    for (size_t i = 0; i < b.grid.nrows && rc == 0; i++) {
        const pb_grid_row *g = &b.grid.rows[i];
        switch (g->layout) {
        case PB_LAYOUT_BLANK:
            break;
        case PB_LAYOUT_PROSE:
            close_table(&b);
            flush_unplaced(&b);
            rc = prose_line(&b, g);
            break;
        default:
            rc = table_row(&b, i);
            break;
        }
    }
    if (rc == 0 && b.pending_key) {
        pblint_text empty;
        pb_text_empty_at(&empty, b.pending_label.span.end);
        rc = add_field(&b, b.pending_key, b.pending_vtype, &b.pending_label, &empty, NULL);
    }
    flush_unplaced(&b);
    if (rc)
        goto out;

    /* drop the untitled first section if nothing was in it */
    pblint_doc *d = b.doc;
    for (size_t i = 0; i < d->nsections; i++) {
        if (d->sections[i]->year) {
            d->year = d->sections[i]->year;
            d->year_span = d->sections[i]->year_span;
            break;
        }
    }
    detect_kind(&b);
    if (d->kind == PBLINT_DOC_SELF_EVALUATION) {
        rc = report_statements(&b);
        if (!d->year)
            report_year(&b);
    }
    report_markup(&b);

    if (d->kind == PBLINT_DOC_UNKNOWN && d->ntables == 0) {
        pblint_span at = {0, 0};
        if (b.src->len == 0)
            pb_emit(ctx, res, "parse/unrecognised-document", PBLINT_SEV_DEFAULT, at,
                    "the file is empty");
        else
            pb_emit(ctx, res, "parse/unrecognised-document", PBLINT_SEV_DEFAULT, at,
                    "nothing in this file was recognised as a performance filing (no 申报表 or "
                    "自评报告 title and no indicator, breakdown, safeguard or score table); "
                    "pblint checked %zu labelled field%s only",
                    d->nfields, d->nfields == 1 ? "" : "s");
    }
out:
    free(b.grid.rows);
    free(b.row_texts);
    free(b.row_vals);
    return rc;
}

/*
 * gaps: target against actual in self-evaluation reports.
 *
 * A report lists each indicator's 指标值 (target) and 完成值 (actual), either
 * in one table or in a target table followed by a completion table.  The
 * rules read both as typed quantities, decide from the operator (or, when
 * none is written, from the kind of value and the indicator's name) which
 * way is better, and report targets missed, rows that changed between the
 * two tables, claims of full completion that a miss contradicts, actuals that
 * only repeat the targets, suspicious over-achievement, and actuals that
 * cannot be compared at all.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

#include "targets.h"

/* Words that, in a sentence naming the indicator, explain a shortfall. */
static const char *const DEF_EXPLAIN_WORDS[] = {
    "未完成", "未达到", "未达成", "未能", "没有完成", "没有达到", "未实现", "未达",
    "偏差",   "原因",   "差距",   "低于", "不足",     "未到位",   NULL};

/* Claims that every target was met. */
static const char *const DEF_CLAIM_WORDS[] = {"全面完成",       "圆满完成",       "均已完成",
                                              "全部完成",       "均已达到",       "均达到",
                                              "全部达到",       "均已实现",       "全部实现",
                                              "完成了相关目标", "完成了既定目标", "完成了预期目标",
                                              "达到了预期目标", "实现了预期目标", "完成了绩效目标",
                                              "完成了年度目标", "完成了目标任务", "完成了各项目标",
                                              "各项指标均达到", "达到了绩效目标", NULL};

/* A sentence with these words excepts something: "其余指标圆满完成". */
static const char *const DEF_CLAIM_EXCEPTIONS[] = {"其余", "其他", "其它", "除",
                                                   "之外", "以外", NULL};

/* A claim counts only when its clause speaks of targets. */
static const char *const DEF_CLAIM_CONTEXT[] = {"目标", "指标", "绩效", NULL};

static const char *qkind_name(int k)
{
    static const char *const names[] = {"text",   "number", "percentage", "count",
                                        "amount", "period", "date"};
    return k >= 0 && k <= Q_DATE ? names[k] : "value";
}

/* Writes an amount of the verdict's kind: "2 percentage points", "400人", "5.5万元". */
static void fmt_amount(const verdict *v, i128 x, char *buf, size_t size)
{
    char num[64];
    if (v->kind == Q_AMOUNT) {
        int mu = v->money_unit ? v->money_unit : PBLINT_MONEY_YUAN;
        fmt_fixed(x, v->scale + money_pow(mu), num, sizeof num);
        snprintf(buf, size, "%s%s", num, pblint_money_unit_name(mu));
        return;
    }
    fmt_fixed(x, v->scale, num, sizeof num);
    if (v->kind == Q_PERCENT)
        snprintf(buf, size, "%s percentage point%s", num, strcmp(num, "1") == 0 ? "" : "s");
    else
        snprintf(buf, size, "%s%s", num, v->unit);
}

/* ------------------------------------------------------------ rows */

typedef struct ind_row {
    const pblint_table *table;
    const pblint_row *row;
    const pblint_cell *name, *target, *actual, *deviation, *l1, *l2;
    bool completion; /* the table has a 完成值 column */
    size_t order;
    bool used;  /* row matching */
    long match; /* index of the matched row, -1 */
    verdict v;
} ind_row;

typedef struct rows {
    ind_row *r;
    size_t n, cap;
} rows;

static const pblint_cell *name_cell(const pblint_row *row)
{
    const pblint_cell *c = pblint_row_cell(row, PBLINT_COL_LEVEL3);
    if (c && !pblint_text_empty(pblint_cell_text(c)))
        return c;
    const pblint_cell *c2 = pblint_row_cell(row, PBLINT_COL_LEVEL2);
    if (c2 && !pblint_cell_inherited(c2) && !pblint_text_empty(pblint_cell_text(c2)))
        return c2;
    return c;
}

/* ------------------------------------------------------------ row matching */

/* Dice similarity (percent) of the two names' characters. */
static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int similarity(str a, str b)
{
    uint32_t ca[128], cb[128];
    size_t na = decode(a, ca, 128), nb = decode(b, cb, 128);
    if (!na || !nb)
        return 0;
    qsort(ca, na, sizeof ca[0], cmp_u32);
    qsort(cb, nb, sizeof cb[0], cmp_u32);
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (ca[i] == cb[j]) {
            common++;
            i++;
            j++;
        } else if (ca[i] < cb[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (int)(common * 200 / (na + nb));
}

static uint64_t hash_str(str s)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < s.n; i++) {
        h ^= (unsigned char)s.s[i];
        h *= 1099511628211ull;
    }
    return h;
}

typedef struct slot {
    long head; /* first target row with this key, -1 when free */
    long tail;
} slot;

typedef struct matcher {
    ind_row *r;
    long *next; /* next target row with the same key */
    size_t *tg; /* indices of target rows */
    size_t ntg;
    size_t *cp; /* indices of completion rows */
    size_t ncp;
} matcher;

/* Pass 1: the same name. */
static int match_exact(matcher *m)
{
    size_t cap = 16;
    while (cap < m->ntg * 2)
        cap *= 2;
    slot *tab = malloc(cap * sizeof *tab);
    if (!tab)
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < cap; i++)
        tab[i].head = tab[i].tail = -1;
    for (size_t k = 0; k < m->ntg; k++) {
        size_t ti = m->tg[k];
        str key = cell_key(m->r[ti].name);
        size_t h = (size_t)hash_str(key) & (cap - 1);
        while (tab[h].head >= 0 && !str_eq(cell_key(m->r[tab[h].head].name), key))
            h = (h + 1) & (cap - 1);
        m->next[ti] = -1;
        if (tab[h].head < 0)
            tab[h].head = (long)ti;
        else
            m->next[tab[h].tail] = (long)ti;
        tab[h].tail = (long)ti;
    }
    for (size_t k = 0; k < m->ncp; k++) {
        size_t ci = m->cp[k];
        str key = cell_key(m->r[ci].name);
        if (!key.n)
            continue;
        size_t h = (size_t)hash_str(key) & (cap - 1);
        while (tab[h].head >= 0 && !str_eq(cell_key(m->r[tab[h].head].name), key))
            h = (h + 1) & (cap - 1);
        if (tab[h].head < 0)
            continue;
        long ti = tab[h].head;
        tab[h].head = m->next[ti];
        if (tab[h].head < 0)
            tab[h].head = -2; /* the key stays, with no row left */
        m->r[ti].match = (long)ci;
        m->r[ci].match = ti;
    }
    free(tab);
    return 0;
}

/* The group a row belongs to: its 一级 and 二级 names. */
static int cmp_group(const ind_row *a, const ind_row *b)
{
    str a1 = cell_key(a->l1), b1 = cell_key(b->l1);
    size_t n = a1.n < b1.n ? a1.n : b1.n;
    int c = memcmp(a1.s, b1.s, n);
    if (c || a1.n != b1.n)
        return c ? c : a1.n < b1.n ? -1 : 1;
    str a2 = cell_key(a->l2), b2 = cell_key(b->l2);
    n = a2.n < b2.n ? a2.n : b2.n;
    c = memcmp(a2.s, b2.s, n);
    if (c || a2.n != b2.n)
        return c ? c : a2.n < b2.n ? -1 : 1;
    return 0;
}

typedef struct gkey {
    const ind_row *r;
    size_t idx;
} gkey;

static int cmp_gkey(const void *x, const void *y)
{
    const gkey *a = x, *b = y;
    int c = cmp_group(a->r, b->r);
    if (c)
        return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

#define WINDOW 4

/* Pairs the unmatched rows of two lists in order, each completion row with
 * the most similar of the next few target rows. */
static void pair_in_order(ind_row *r, const size_t *tl, size_t nt, const size_t *cl, size_t nc,
                          int threshold)
{
    size_t j = 0;
    for (size_t k = 0; k < nc; k++) {
        ind_row *c = &r[cl[k]];
        if (c->match >= 0)
            continue;
        while (j < nt && r[tl[j]].match >= 0)
            j++;
        int best = -1;
        size_t best_j = 0;
        for (size_t w = j, seen = 0; w < nt && seen < WINDOW; w++) {
            if (r[tl[w]].match >= 0)
                continue;
            seen++;
            int s = similarity(cell_key(r[tl[w]].name), cell_key(c->name));
            if (s >= threshold && s > best) {
                best = s;
                best_j = w;
            }
        }
        if (best >= 0) {
            r[tl[best_j]].match = (long)cl[k];
            c->match = (long)tl[best_j];
            j = best_j + 1;
        }
    }
}

/* Pass 2: by position within the same 一级/二级 group. */
static int match_groups(matcher *m, int threshold)
{
    gkey *gt = malloc((m->ntg + 1) * sizeof *gt), *gc = malloc((m->ncp + 1) * sizeof *gc);
    size_t *tl = malloc((m->ntg + 1) * sizeof *tl), *cl = malloc((m->ncp + 1) * sizeof *cl);
    if (!gt || !gc || !tl || !cl) {
        free(gt);
        free(gc);
        free(tl);
        free(cl);
        return PBLINT_ENOMEM;
    }
    size_t nt = 0, nc = 0;
    for (size_t k = 0; k < m->ntg; k++)
        if (m->r[m->tg[k]].match < 0)
            gt[nt++] = (gkey){&m->r[m->tg[k]], m->tg[k]};
    for (size_t k = 0; k < m->ncp; k++)
        if (m->r[m->cp[k]].match < 0)
            gc[nc++] = (gkey){&m->r[m->cp[k]], m->cp[k]};
    qsort(gt, nt, sizeof *gt, cmp_gkey);
    qsort(gc, nc, sizeof *gc, cmp_gkey);
    size_t i = 0, j = 0;
    while (i < nt && j < nc) {
        int c = cmp_group(gt[i].r, gc[j].r);
        if (c < 0) {
            i++;
            continue;
        }
        if (c > 0) {
            j++;
            continue;
        }
        size_t i2 = i, j2 = j;
        while (i2 < nt && cmp_group(gt[i2].r, gt[i].r) == 0)
            i2++;
        while (j2 < nc && cmp_group(gc[j2].r, gc[j].r) == 0)
            j2++;
        for (size_t k = i; k < i2; k++)
            tl[k - i] = gt[k].idx;
        for (size_t k = j; k < j2; k++)
            cl[k - j] = gc[k].idx;
        pair_in_order(m->r, tl, i2 - i, cl, j2 - j, threshold);
        i = i2;
        j = j2;
    }
    /* Pass 3: what is left, by position over the whole report. */
    nt = nc = 0;
    for (size_t k = 0; k < m->ntg; k++)
        if (m->r[m->tg[k]].match < 0)
            tl[nt++] = m->tg[k];
    for (size_t k = 0; k < m->ncp; k++)
        if (m->r[m->cp[k]].match < 0)
            cl[nc++] = m->cp[k];
    pair_in_order(m->r, tl, nt, cl, nc, threshold);
    free(gt);
    free(gc);
    free(tl);
    free(cl);
    return 0;
}

static int match_rows(rows *rs, int threshold);

/* Every data row of every indicator table, in document order (what
 * depends on the document alone). */
static int collect_raw(const pblint_doc *doc, rows *out)
{
    out->r = NULL;
    out->n = out->cap = 0;
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!t || pblint_table_kind(t) != PBLINT_TABLE_INDICATOR)
            continue;
        bool completion = pblint_table_has_column(t, PBLINT_COL_ACTUAL);
        if (!pblint_table_has_column(t, PBLINT_COL_TARGET))
            continue;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *row = pblint_table_row(t, ri);
            if (!row || pblint_row_kind(row) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *name = name_cell(row);
            const pblint_cell *target = pblint_row_cell(row, PBLINT_COL_TARGET);
            if (cell_key(name).n == 0 && cell_key(target).n == 0)
                continue;
            if (out->n == out->cap) {
                size_t nc = out->cap ? out->cap * 2 : 32;
                ind_row *nr2 = realloc(out->r, nc * sizeof *nr2);
                if (!nr2) {
                    free(out->r);
                    out->r = NULL;
                    return PBLINT_ENOMEM;
                }
                out->r = nr2;
                out->cap = nc;
            }
            ind_row *r = &out->r[out->n];
            memset(r, 0, sizeof *r);
            r->table = t;
            r->row = row;
            r->name = name;
            r->target = target;
            r->actual = completion ? pblint_row_cell(row, PBLINT_COL_ACTUAL) : NULL;
            r->deviation = pblint_row_cell(row, PBLINT_COL_DEVIATION);
            r->l1 = pblint_row_cell(row, PBLINT_COL_LEVEL1);
            r->l2 = pblint_row_cell(row, PBLINT_COL_LEVEL2);
            r->completion = completion;
            r->order = out->n;
            r->match = -1;
            out->n++;
        }
    }
    return 0;
}

/* The completion rows matched to the target rows (with threshold) and
 * assessed (with dw). */
static int settle(rows *out, int threshold, const dirwords *dw)
{
    if (match_rows(out, threshold))
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < out->n; i++) {
        ind_row *r = &out->r[i];
        if (!r->completion)
            continue;
        /* the target table's name of the row speaks for its direction too */
        str names[4] = {cell_str(r->name), cell_key(r->l2), cell_key(r->l1), {"", 0}};
        if (r->match >= 0)
            names[3] = cell_str(out->r[r->match].name);
        assess(r->target, r->actual, names, 4, dw, &r->v);
    }
    return 0;
}

static bool same_words(const wordlist *a, const wordlist *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->w[i] != b->w[i] && strcmp(a->w[i], b->w[i]) != 0)
            return false;
    return true;
}

/* The rows are read once for the plugin's six rules; matching and
 * assessing them depend on rename-similarity and the direction words as
 * well, and the last settled copy is kept with the options it used. */
typedef struct shared_rows {
    rows raw;  /* as collect_raw() reads them */
    bool have; /* settled holds raw settled with thr and dw */
    int thr;
    dirwords dw;
    rows settled;
} shared_rows;

static const char SHARED_ROWS_KEY; /* its address names the shared rows */

static void shared_rows_free(void *p)
{
    shared_rows *sr = p;
    if (sr) {
        free(sr->raw.r);
        free(sr->settled.r);
        free(sr);
    }
}

/* The rows settled with the rule's options, or NULL with *rc set.  *own is
 * what the caller frees (NULL when the rows are the shared ones). */
static const rows *rows_for(pblint_check *chk, const pblint_doc *doc, rows **own, int *rc)
{
    *own = NULL;
    *rc = 0;
    int thr = (int)pblint_check_option_int(chk, "rename-similarity", 50);
    dirwords dw;
    load_dirwords(chk, &dw);
    shared_rows *sr = pblint_check_shared(chk, &SHARED_ROWS_KEY);
    if (!sr) {
        if (!(sr = calloc(1, sizeof *sr))) {
            *rc = PBLINT_ENOMEM;
            return NULL;
        }
        if ((*rc = collect_raw(doc, &sr->raw)) != 0) {
            free(sr);
            return NULL;
        }
        if ((*rc = pblint_check_set_shared(chk, &SHARED_ROWS_KEY, sr, shared_rows_free)) != 0)
            return NULL; /* freed */
    }
    if (sr->have && sr->thr == thr && same_words(&sr->dw.lower, &dw.lower) &&
        same_words(&sr->dw.higher, &dw.higher))
        return &sr->settled;
    rows *out = sr->have ? malloc(sizeof *out) : &sr->settled;
    ind_row *copy = sr->raw.n ? malloc(sr->raw.n * sizeof *copy) : NULL;
    if (!out || (sr->raw.n && !copy)) {
        if (out != &sr->settled)
            free(out);
        free(copy);
        *rc = PBLINT_ENOMEM;
        return NULL;
    }
    if (sr->raw.n)
        memcpy(copy, sr->raw.r, sr->raw.n * sizeof *copy);
    out->r = copy;
    out->n = out->cap = sr->raw.n;
    if ((*rc = settle(out, thr, &dw)) != 0) {
        free(out->r);
        out->r = NULL;
        out->n = out->cap = 0;
        if (out != &sr->settled)
            free(out);
        return NULL;
    }
    if (out == &sr->settled) {
        sr->have = true;
        sr->thr = thr;
        sr->dw = dw;
    } else {
        *own = out;
    }
    return out;
}

static void rows_drop(rows *own)
{
    if (own) {
        free(own->r);
        free(own);
    }
}

/* The indicator's name for messages: its 三级 text, else its 指标值. */
static str row_name(const ind_row *r)
{
    str s = cell_str(r->name);
    return s.n ? s : cell_str(r->target);
}

/* ------------------------------------------------------------ explanations */

#define MAX_SENTENCES 512

typedef struct sentence {
    const pblint_text *t;
    size_t off, len;
} sentence;

typedef struct sentences {
    sentence s[MAX_SENTENCES];
    size_t n;
} sentences;

/* Byte length of a sentence end at p (。 ; ! ? ！ ？), 0 if none. */
static size_t sentence_end(const char *p, size_t left)
{
    if (*p == ';' || *p == '!' || *p == '?' || *p == '\n')
        return 1;
    if (left >= 3 && (memcmp(p, "。", 3) == 0 || memcmp(p, "；", 3) == 0 ||
                      memcmp(p, "！", 3) == 0 || memcmp(p, "？", 3) == 0))
        return 3;
    return 0;
}

static bool goal_field(const char *key)
{
    return key && (strcmp(key, "total_goal") == 0 || strcmp(key, "year_goal") == 0);
}

/* The report's sentences that hold one of the explanation words. */
static void explaining_sentences(const pblint_doc *doc, const wordlist *words, sentences *out)
{
    out->n = 0;
    size_t np = pblint_doc_paragraph_count(doc);
    for (size_t p = 0; p < np && out->n < MAX_SENTENCES; p++) {
        const char *fk = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, p, &fk);
        if (!t || goal_field(fk))
            continue;
        str s = text_str(t);
        size_t start = 0;
        for (size_t i = 0; i <= s.n && out->n < MAX_SENTENCES;) {
            size_t e = i < s.n ? sentence_end(s.s + i, s.n - i) : 1;
            if (!e) {
                i += u8len((unsigned char)s.s[i]);
                continue;
            }
            str sen = {s.s + start, (i < s.n ? i : s.n) - start};
            if (sen.n && find_word(sen, words, NULL))
                out->s[out->n++] = (sentence){t, start, sen.n};
            i += e;
            start = i;
        }
    }
}

typedef struct cover {
    int hit, total;
} cover;

static bool pair_char(uint32_t cp)
{
    /* letters, digits and CJK; not spaces or punctuation */
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0x3400 && cp != 0xFF0C && cp != 0xFF1A && cp != 0xFF1B &&
            !(cp >= 0xFF08 && cp <= 0xFF09));
}

/* How many of the name's two-character pieces occur in s. */
static cover bigram_cover(str name, str s)
{
    cover c = {0, 0};
    uint32_t cps[66];
    size_t n = decode(name, cps, 66);
    if (n < 2)
        return c;
    size_t offs[67];
    size_t o = 0, k = 0;
    for (; k < n && o < name.n; k++) {
        offs[k] = o;
        o += u8len((unsigned char)name.s[o]);
    }
    offs[k] = o;
    for (size_t i = 0; i + 1 < k; i++) {
        if (!pair_char(cps[i]) || !pair_char(cps[i + 1]))
            continue;
        c.total++;
        if (memmem(s.s, s.n, name.s + offs[i], offs[i + 2] - offs[i]))
            c.hit++;
    }
    return c;
}

static str sentence_str(const sentence *se)
{
    str t = text_str(se->t);
    str r = {t.s + se->off, se->len};
    return r;
}

/* Sentence comparisons allowed per document: reports have tens of misses
 * and sentences; a pathological file must not take misses x sentences. */
#define EXPLAIN_BUDGET 1000000

/* Pass 1: for each sentence, the most name pieces any missed indicator has
 * in it, so that a sentence on "受访骨干满意度" does not also explain
 * "受访群众满意度" (which shares half its pieces with it). */
static void best_covers(const rows *rs, const sentences *ss, int *best, size_t *budget)
{
    for (size_t i = 0; i < ss->n; i++)
        best[i] = 0;
    for (size_t k = 0; k < rs->n; k++) {
        const ind_row *r = &rs->r[k];
        if (r->v.status != V_MISSED || *budget < ss->n)
            continue;
        *budget -= ss->n;
        str name = cell_str(r->name);
        for (size_t i = 0; i < ss->n; i++) {
            cover c = bigram_cover(name, sentence_str(&ss->s[i]));
            if (c.hit > best[i])
                best[i] = c.hit;
        }
    }
}

/* Pass 2: a sentence explaining why this row missed its target, or NULL. */
static const sentence *explanation(const ind_row *r, const sentences *ss, const int *best,
                                   int overlap, size_t *budget)
{
    str name = cell_str(r->name);
    str at = cell_str(r->actual), tt = cell_str(r->target);
    if (*budget < ss->n)
        return NULL;
    *budget -= ss->n;
    for (size_t i = 0; i < ss->n; i++) {
        str sen = sentence_str(&ss->s[i]);
        if (at.n && tt.n && memmem(sen.s, sen.n, at.s, at.n) && memmem(sen.s, sen.n, tt.s, tt.n))
            return &ss->s[i];
        cover c = bigram_cover(name, sen);
        if (c.total == 0) {
            if (name.n && memmem(sen.s, sen.n, name.s, name.n))
                return &ss->s[i];
            continue;
        }
        if (c.hit > 0 && c.hit >= best[i] && c.hit * 100 >= overlap * c.total)
            return &ss->s[i];
    }
    return NULL;
}

/* A 偏差原因 cell that says something. */
static bool deviation_says(const pblint_cell *c)
{
    if (!c || pblint_cell_inherited(c))
        return false;
    const pblint_value *v = pblint_cell_value(c);
    if (v && v->kind == PBLINT_VAL_EMPTY)
        return false;
    str k = cell_key(c);
    static const char *const nothing[] = {"无", "没有", "不适用", "无偏差", "/", "-", "—", "——"};
    if (k.n == 0)
        return false;
    for (size_t i = 0; i < sizeof nothing / sizeof nothing[0]; i++)
        if (k.n == strlen(nothing[i]) && memcmp(k.s, nothing[i], k.n) == 0)
            return false;
    return true;
}

/* ------------------------------------------------------------ messages */

/* Writes what went wrong: "完成值 93% is 2 percentage points short of 指标值 95%". */
static void describe_miss(const ind_row *r, char *buf, size_t size)
{
    const verdict *v = &r->v;
    str at = cell_str(r->actual), tt = cell_str(r->target);
    char gap[160];
    fmt_amount(v, v->gap, gap, sizeof gap);
    const char *assumed = "";
    if (v->assumed)
        assumed = v->dir == DIR_LOWER ? " (no operator; read as ≤)" : " (no operator; read as ≥)";
    if (v->kind == Q_DATE) {
        snprintf(buf, size, "完成值 %.*s is later than 指标值 %.*s%s", (int)at.n, at.s, (int)tt.n,
                 tt.s, assumed);
    } else if (v->gap == 0) {
        snprintf(buf, size, "完成值 %.*s equals 指标值 %.*s but must %s it", (int)at.n, at.s,
                 (int)tt.n, tt.s, v->dir == DIR_LOWER ? "stay below" : "exceed");
    } else if (v->dir == DIR_HIGHER) {
        snprintf(buf, size, "完成值 %.*s is %s short of 指标值 %.*s%s", (int)at.n, at.s, gap,
                 (int)tt.n, tt.s, assumed);
    } else if (v->dir == DIR_LOWER) {
        snprintf(buf, size, "完成值 %.*s is %s over 指标值 %.*s%s", (int)at.n, at.s, gap, (int)tt.n,
                 tt.s, assumed);
    } else if (v->dir == DIR_EQUAL) {
        snprintf(buf, size, "完成值 %.*s is %s %s 指标值 %.*s", (int)at.n, at.s, gap,
                 v->below ? "below" : "above", (int)tt.n, tt.s);
    } else {
        snprintf(buf, size, "完成值 %.*s is %s %s the range of 指标值 %.*s", (int)at.n, at.s, gap,
                 v->below ? "below" : "above", (int)tt.n, tt.s);
    }
}


/* ------------------------------------------------------------ rules */

static int check_target_missed(pblint_check *chk, const pblint_doc *doc)
{
    wordlist words;
    load_list(chk, "explain-words", DEF_EXPLAIN_WORDS, &words);
    int overlap = (int)pblint_check_option_int(chk, "explain-overlap", 50);
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    sentences *ss = NULL;
    int *best = NULL;
    size_t budget = EXPLAIN_BUDGET;
    for (size_t i = 0; i < rs->n; i++) {
        const ind_row *r = &rs->r[i];
        if (r->v.status != V_MISSED)
            continue;
        if (!ss) {
            ss = malloc(sizeof *ss);
            best = malloc(MAX_SENTENCES * sizeof *best);
            if (!ss || !best) {
                free(ss);
                free(best);
                rows_drop(own);
                return PBLINT_ENOMEM;
            }
            explaining_sentences(doc, &words, ss);
            size_t b1 = EXPLAIN_BUDGET / 2;
            best_covers(rs, ss, best, &b1);
            budget = EXPLAIN_BUDGET / 2;
        }
        char what[512];
        describe_miss(r, what, sizeof what);
        str name = row_name(r);
        bool by_cell = deviation_says(r->deviation);
        const sentence *why = by_cell ? NULL : explanation(r, ss, best, overlap, &budget);
        pblint_diag *d;
        if (by_cell || why) {
            d = pblint_report(chk, PBLINT_SEV_NOTE, value_span(r->actual),
                              "\"%.*s\": %s; the shortfall is explained", (int)name.n, name.s,
                              what);
        } else {
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(r->actual),
                              "\"%.*s\": %s, and the report gives no reason", (int)name.n, name.s,
                              what);
        }
        if (!d)
            continue;
        pblint_diag_add_note(d, value_span(r->target), "指标值 %.*s is here",
                             (int)cell_str(r->target).n, cell_str(r->target).s);
        if (by_cell)
            pblint_diag_add_note(d, cell_span(r->deviation),
                                 "the 偏差原因 column explains it here");
        else if (why)
            pblint_diag_add_note(d, pblint_text_map(why->t, why->off, why->len),
                                 "the report explains it here");
    }
    free(ss);
    free(best);
    rows_drop(own);
    return 0;
}

static int check_not_comparable(pblint_check *chk, const pblint_doc *doc)
{
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    for (size_t i = 0; i < rs->n; i++) {
        const ind_row *r = &rs->r[i];
        if (r->v.status != V_NC)
            continue;
        str name = row_name(r), at = cell_str(r->actual), tt = cell_str(r->target);
        qty t, a;
        to_qty(r->target ? pblint_cell_value(r->target) : NULL, &t);
        to_qty(r->actual ? pblint_cell_value(r->actual) : NULL, &a);
        pblint_diag *d = NULL;
        pblint_span where = r->actual ? cell_span(r->actual) : cell_span(r->name);
        switch (r->v.nc) {
        case NC_BLANK:
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                              "\"%.*s\" has no 完成值 to compare with 指标值 %.*s", (int)name.n,
                              name.s, (int)tt.n, tt.s);
            break;
        case NC_WORD:
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                              "完成值 \"%.*s\" of \"%.*s\" is not a measured value; 指标值 %.*s "
                              "needs a %s to compare with",
                              (int)at.n, at.s, (int)name.n, name.s, (int)tt.n, tt.s,
                              qkind_name(t.kind));
            break;
        case NC_UNIT:
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                              "完成值 %.*s of \"%.*s\" is in %s but 指标值 %.*s is in %s",
                              (int)at.n, at.s, (int)name.n, name.s, a.unit, (int)tt.n, tt.s,
                              t.unit);
            break;
        default:
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                              "完成值 %.*s of \"%.*s\" is a %s but 指标值 %.*s is a %s", (int)at.n,
                              at.s, (int)name.n, name.s, qkind_name(a.kind), (int)tt.n, tt.s,
                              qkind_name(t.kind));
            break;
        }
        if (d)
            pblint_diag_add_note(d, value_span(r->target), "指标值 %.*s is here", (int)tt.n, tt.s);
    }
    rows_drop(own);
    return 0;
}

/* Claims of full completion, where a clause on targets says so. */
static bool clause_stop(const char *p, size_t left, size_t *len)
{
    size_t e = sentence_end(p, left);
    if (e) {
        *len = e;
        return true;
    }
    if (*p == ',' || *p == ':') {
        *len = 1;
        return true;
    }
    if (left >= 3 && (memcmp(p, "，", 3) == 0 || memcmp(p, "：", 3) == 0)) {
        *len = 3;
        return true;
    }
    return false;
}

static bool negated(str clause, size_t at)
{
    static const char *const neg[] = {"未", "没", "不", "尚", "基本"};
    size_t from = at > 9 ? at - 9 : 0;
    str before = {clause.s + from, at - from};
    for (size_t i = 0; i < sizeof neg / sizeof neg[0]; i++)
        if (str_has(before, neg[i]))
            return true;
    return false;
}

static int check_claims(pblint_check *chk, const pblint_doc *doc)
{
    wordlist claims, context, except;
    load_list(chk, "claim-words", DEF_CLAIM_WORDS, &claims);
    load_list(chk, "claim-context", DEF_CLAIM_CONTEXT, &context);
    load_list(chk, "claim-exceptions", DEF_CLAIM_EXCEPTIONS, &except);
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    size_t missed = 0, first = 0;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->r[i].v.status == V_MISSED) {
            if (!missed)
                first = i;
            missed++;
        }
    }
    if (!missed) {
        rows_drop(own);
        return 0;
    }
    size_t np = pblint_doc_paragraph_count(doc);
    size_t reported = 0;
    for (size_t p = 0; p < np && reported < 20; p++) {
        const char *fk = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, p, &fk);
        if (!t || goal_field(fk))
            continue;
        str s = text_str(t);
        size_t start = 0, sent_end = 0;
        bool excepted = false;
        for (size_t i = 0; i <= s.n && reported < 20;) {
            if (start >= sent_end) {
                /* a new sentence: does it except anything? */
                size_t j = start, el = 0;
                while (j < s.n && (el = sentence_end(s.s + j, s.n - j)) == 0)
                    j += u8len((unsigned char)s.s[j]);
                sent_end = j < s.n ? j + el : s.n + 1;
                str sen = {s.s + start, j - start};
                excepted = find_word(sen, &except, NULL) != NULL;
            }
            size_t e = 0;
            if (i < s.n && !clause_stop(s.s + i, s.n - i, &e)) {
                i += u8len((unsigned char)s.s[i]);
                continue;
            }
            str clause = {s.s + start, (i < s.n ? i : s.n) - start};
            size_t at;
            const char *w = clause.n ? find_word(clause, &claims, &at) : NULL;
            if (w && !excepted && find_word(clause, &context, NULL) && !negated(clause, at)) {
                const ind_row *r = &rs->r[first];
                str name = row_name(r), a = cell_str(r->actual), tg = cell_str(r->target);
                pblint_diag *d;
                if (missed == 1)
                    d = pblint_report(chk, PBLINT_SEV_DEFAULT,
                                      pblint_text_map(t, start + at, strlen(w)),
                                      "the report says \"%s\", but \"%.*s\" missed its target "
                                      "(完成值 %.*s, 指标值 %.*s)",
                                      w, (int)name.n, name.s, (int)a.n, a.s, (int)tg.n, tg.s);
                else
                    d = pblint_report(
                        chk, PBLINT_SEV_DEFAULT, pblint_text_map(t, start + at, strlen(w)),
                        "the report says \"%s\", but %zu indicators missed their "
                        "targets, the first \"%.*s\" (完成值 %.*s, 指标值 %.*s)",
                        w, missed, (int)name.n, name.s, (int)a.n, a.s, (int)tg.n, tg.s);
                reported++;
                size_t noted = 0;
                for (size_t k = 0; d && k < rs->n && noted < 10; k++) {
                    const ind_row *m = &rs->r[k];
                    if (m->v.status != V_MISSED)
                        continue;
                    str mn = row_name(m), ma = cell_str(m->actual), mt = cell_str(m->target);
                    pblint_diag_add_note(
                        d, value_span(m->actual),
                        "\"%.*s\" missed its target here (完成值 %.*s, 指标值 %.*s)", (int)mn.n,
                        mn.s, (int)ma.n, ma.s, (int)mt.n, mt.s);
                    noted++;
                }
            }
            i += e ? e : 1;
            start = i;
        }
    }
    rows_drop(own);
    return 0;
}

static int check_copy(pblint_check *chk, const pblint_doc *doc)
{
    long min_rows = pblint_check_option_int(chk, "min-rows", 3);
    long max_diff = pblint_check_option_int(chk, "max-different", 1);
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    size_t n = 0, same = 0;
    const ind_row *first = NULL, *diff = NULL;
    for (size_t i = 0; i < rs->n; i++) {
        const ind_row *r = &rs->r[i];
        if (!r->completion)
            continue;
        str tk = cell_key(r->target), ak = cell_key(r->actual);
        if (!tk.n || !ak.n)
            continue;
        if (!first)
            first = r;
        n++;
        if (str_eq(tk, ak))
            same++;
        else if (!diff)
            diff = r;
    }
    if (first && (long)n >= min_rows && (long)(n - same) <= max_diff) {
        /* point at the 完成值 header of the first completion table */
        pblint_span where = cell_span(first->actual);
        size_t nr = pblint_table_row_count(first->table);
        for (size_t i = 0; i < nr; i++) {
            const pblint_row *row = pblint_table_row(first->table, i);
            if (row && pblint_row_kind(row) == PBLINT_ROW_HEADER) {
                const pblint_cell *h = pblint_row_cell(row, PBLINT_COL_ACTUAL);
                if (h) {
                    where = cell_span(h);
                    break;
                }
            }
        }
        pblint_diag *d;
        if (same == n)
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                              "all %zu 完成值 are the same text as their 指标值: were the actuals "
                              "measured, or copied from the targets?",
                              n);
        else
            d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, where,
                "%zu of %zu 完成值 are the same text as their 指标值: were the actuals "
                "measured, or copied from the targets?",
                same, n);
        if (d && diff) {
            str name = row_name(diff);
            pblint_diag_add_note(d, value_span(diff->actual), "only \"%.*s\" differs", (int)name.n,
                                 name.s);
        }
    }
    rows_drop(own);
    return 0;
}

static int check_over(pblint_check *chk, const pblint_doc *doc)
{
    pblint_decimal margin = pblint_check_option_decimal(chk, "margin", (pblint_decimal){30, 0});
    bool lower_too = pblint_check_option_bool(chk, "lower-better-too", false);
    pblint_decimal points = pblint_check_option_decimal(chk, "min-points", (pblint_decimal){10, 0});
    if (!sane_decimal(margin) || margin.mant < 0)
        margin = (pblint_decimal){30, 0};
    if (!sane_decimal(points))
        points = (pblint_decimal){10, 0};
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    for (size_t i = 0; i < rs->n; i++) {
        const ind_row *r = &rs->r[i];
        const verdict *v = &r->v;
        if (v->status != V_MET || v->kind == Q_DATE || v->t <= 0 || v->a < 0)
            continue;
        if (v->dir != DIR_HIGHER && !(v->dir == DIR_LOWER && lower_too))
            continue;
        i128 over = v->dir == DIR_HIGHER ? v->a - v->t : v->t - v->a;
        if (over <= 0)
            continue;
        /* over / t > margin / 100, with margin = mant * 10^-scale */
        if (over * 100 * pow10i(margin.scale) <= (i128)margin.mant * v->t)
            continue;
        /* percentages: a few points on a small rate are no sign of a low target */
        if (v->kind == Q_PERCENT) {
            i128 ov = over, pt = points.mant;
            align2(&ov, v->scale, &pt, points.scale);
            if (ov < pt)
                continue;
        }
        str name = row_name(r), at = cell_str(r->actual), tg = cell_str(r->target);
        char gap[160], pct[32], mg[32];
        fmt_amount(v, over, gap, sizeof gap);
        fmt_percent(over, v->t, pct, sizeof pct);
        pblint_decimal_format(margin, mg, sizeof mg);
        pblint_diag *d = pblint_report(
            chk, PBLINT_SEV_DEFAULT, value_span(r->actual),
            "\"%.*s\": 完成值 %.*s %s 指标值 %.*s by %s (%s%%, more than the %s%% margin): was the "
            "target set too %s?",
            (int)name.n, name.s, (int)at.n, at.s, v->dir == DIR_HIGHER ? "beats" : "undercuts",
            (int)tg.n, tg.s, gap, pct, mg, v->dir == DIR_HIGHER ? "low" : "high");
        if (d)
            pblint_diag_add_note(d, value_span(r->target), "指标值 %.*s is here", (int)tg.n, tg.s);
    }
    rows_drop(own);
    return 0;
}

/* Matches completion rows to target rows: same name, then position and
 * similarity within a group, then position and similarity overall. */
static int match_rows(rows *rs, int threshold)
{
    matcher m = {rs->r, NULL, NULL, 0, NULL, 0};
    int rc = 0;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->r[i].completion)
            m.ncp++;
        else
            m.ntg++;
    }
    if (!m.ntg || !m.ncp)
        return 0;
    m.next = malloc(rs->n * sizeof *m.next);
    m.tg = malloc(m.ntg * sizeof *m.tg);
    m.cp = malloc(m.ncp * sizeof *m.cp);
    if (!m.next || !m.tg || !m.cp) {
        rc = PBLINT_ENOMEM;
        goto out;
    }
    m.ntg = m.ncp = 0;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->r[i].completion)
            m.cp[m.ncp++] = i;
        else
            m.tg[m.ntg++] = i;
    }
    if ((rc = match_exact(&m)) == 0)
        rc = match_groups(&m, threshold);
out:
    free(m.next);
    free(m.tg);
    free(m.cp);
    return rc;
}

/* Same target: the same text, or the same typed value. */
static bool same_target(const pblint_cell *a, const pblint_cell *b)
{
    if (str_eq(cell_key(a), cell_key(b)))
        return true;
    const pblint_value *va = a ? pblint_cell_value(a) : NULL;
    const pblint_value *vb = b ? pblint_cell_value(b) : NULL;
    if (!va || !vb || va->kind != vb->kind || va->op != vb->op)
        return false;
    switch (va->kind) {
    case PBLINT_VAL_NUMBER:
    case PBLINT_VAL_PERCENT:
    case PBLINT_VAL_COUNT:
    case PBLINT_VAL_PERIOD:
        return pblint_decimal_cmp(va->num, vb->num) == 0 &&
               (va->op != PBLINT_OP_RANGE || pblint_decimal_cmp(va->num2, vb->num2) == 0) &&
               same_unit(va->unit, vb->unit);
    case PBLINT_VAL_AMOUNT:
        return va->fen == vb->fen;
    case PBLINT_VAL_DATE:
        return va->year == vb->year && va->month == vb->month && va->day == vb->day;
    default:
        return false;
    }
}

static int check_rows(pblint_check *chk, const pblint_doc *doc)
{
    rows *own;
    int rows_rc;
    const rows *rs = rows_for(chk, doc, &own, &rows_rc);
    if (!rs)
        return rows_rc;
    bool has_t = false, has_c = false;
    for (size_t i = 0; i < rs->n; i++) {
        has_t = has_t || !rs->r[i].completion;
        has_c = has_c || rs->r[i].completion;
    }
    bool both = has_t && has_c;
    for (size_t i = 0; both && i < rs->n; i++) {
        const ind_row *r = &rs->r[i];
        str name = row_name(r);
        if (r->match < 0) {
            str tt = cell_str(r->target);
            if (r->completion)
                pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(r->name),
                              "indicator \"%.*s\" of the completion table is not in the target "
                              "table",
                              (int)name.n, name.s);
            else
                pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(r->name),
                              "indicator \"%.*s\" (指标值 %.*s) of the target table has no row in "
                              "the completion table",
                              (int)name.n, name.s, (int)tt.n, tt.s);
            continue;
        }
        if (!r->completion)
            continue;
        const ind_row *o = &rs->r[r->match];
        str oname = row_name(o);
        if (!str_eq(cell_key(r->name), cell_key(o->name))) {
            pblint_diag *d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, cell_span(r->name),
                "indicator \"%.*s\" of the completion table is \"%.*s\" in the target table",
                (int)name.n, name.s, (int)oname.n, oname.s);
            if (d)
                pblint_diag_add_note(d, cell_span(o->name),
                                     "the target table names it \"%.*s\" here", (int)oname.n,
                                     oname.s);
        }
        if (!same_target(r->target, o->target)) {
            str a = cell_str(r->target), b = cell_str(o->target);
            pblint_diag *d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, r->target ? value_span(r->target) : cell_span(r->name),
                "指标值 of \"%.*s\" is %.*s in the completion table but %.*s in the target table",
                (int)name.n, name.s, (int)(a.n ? a.n : 7), a.n ? a.s : "(blank)",
                (int)(b.n ? b.n : 7), b.n ? b.s : "(blank)");
            if (d)
                pblint_diag_add_note(d, o->target ? value_span(o->target) : cell_span(o->name),
                                     "the target table's 指标值 is here");
        }
    }
    rows_drop(own);
    return 0;
}

/* ------------------------------------------------------------ plugin */

static const pblint_rule_desc rules[] = {
    {"target-missed",
     "a 完成值 falls short of its 指标值",
     PBLINT_SEV_WARNING,
     check_target_missed,
     0,
     {0}},
    {"row-mismatch",
     "the completion table renames, changes, adds or drops an indicator of the "
     "target table",
     PBLINT_SEV_WARNING,
     check_rows,
     0,
     {0}},
    {"claims-complete-but-missed",
     "the report claims every target was met while one was missed",
     PBLINT_SEV_NOTE,
     check_claims,
     0,
     {0}},
    {"actuals-copy-targets",
     "nearly every 完成值 is the same text as its 指标值",
     PBLINT_SEV_NOTE,
     check_copy,
     0,
     {0}},
    {"over-achievement",
     "a 完成值 beats its 指标值 by more than a margin",
     PBLINT_SEV_NOTE,
     check_over,
     0,
     {0}},
    {"actual-not-comparable",
     "a 完成值 is blank, a word, or in another unit than its 指标值",
     PBLINT_SEV_WARNING,
     check_not_comparable,
     0,
     {0}},
};

static const pblint_plugin_desc plugin = PBLINT_PLUGIN_DESC_INIT(
    "gaps", "0.1.0", "target against actual in self-evaluation reports", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

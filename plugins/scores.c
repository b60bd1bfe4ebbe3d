/*
 * scores: the score table and the grade of a self-evaluation report.
 *
 * A report ends with a score table (指标, 分值, 评价得分, 评分结果级别, 合计)
 * and a sentence stating the total and the grade ("评分得分为89分，评分结果级别
 * 为：良好").  The F10 自评表 layout scores each indicator instead, in an
 * indicator table with 分值 and 得分 columns.  These rules check the sums,
 * the range of each score, the grade against the bands, the 2020 weights,
 * and each indicator's score against its completion.
 *
 * The target/actual comparison is shared with the gaps plugin: targets.c,
 * compiled into both.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

#include "targets.h"

/* ------------------------------------------------------------ score numbers */

typedef struct num {
    bool ok;    /* a plain number was read */
    bool blank; /* the cell is blank or a dash */
    i128 v;
    int scale;
} num;

/* A 分值 / 得分 cell: a plain number, "89分" or "10%". */
static num cell_num(const pblint_cell *c)
{
    num n = {false, true, 0, 0};
    const pblint_value *v = c ? pblint_cell_value(c) : NULL;
    if (!v || v->kind == PBLINT_VAL_EMPTY || cell_key(c).n == 0)
        return n;
    n.blank = false;
    bool numeric = v->kind == PBLINT_VAL_NUMBER || v->kind == PBLINT_VAL_PERCENT ||
                   (v->kind == PBLINT_VAL_COUNT && strcmp(v->unit, "分") == 0);
    if (!numeric || (v->op != PBLINT_OP_NONE && v->op != PBLINT_OP_EQ) || !sane_decimal(v->num))
        return n;
    n.ok = true;
    n.v = v->num.mant;
    n.scale = v->num.scale;
    return n;
}

static num value_num(const pblint_value *v)
{
    num n = {false, true, 0, 0};
    if (!v || v->kind == PBLINT_VAL_EMPTY)
        return n;
    n.blank = false;
    if ((v->kind != PBLINT_VAL_NUMBER && v->kind != PBLINT_VAL_COUNT &&
         v->kind != PBLINT_VAL_PERCENT) ||
        !sane_decimal(v->num))
        return n;
    n.ok = true;
    n.v = v->num.mant;
    n.scale = v->num.scale;
    return n;
}

static num num_of(i128 v, int scale)
{
    num n = {true, false, v, scale};
    return n;
}

static num num_add(num a, num b)
{
    int s = align2(&a.v, a.scale, &b.v, b.scale);
    return num_of(a.v + b.v, s);
}

static num num_sub(num a, num b)
{
    int s = align2(&a.v, a.scale, &b.v, b.scale);
    return num_of(a.v - b.v, s);
}

static int num_cmp(num a, num b)
{
    align2(&a.v, a.scale, &b.v, b.scale);
    return a.v < b.v ? -1 : a.v > b.v;
}

/* a * b compared with c * d. */
static int cross_cmp(num a, num b, num c, num d)
{
    i128 l = a.v * b.v, r = c.v * d.v;
    align2(&l, a.scale + b.scale, &r, c.scale + d.scale);
    return l < r ? -1 : l > r;
}

static const char *num_fmt(num a, char *buf, size_t size)
{
    fmt_fixed(a.v, a.scale, buf, size);
    return buf;
}

/* "16 + 24 + 60", or "" when there are too many parts. */
#define MAX_PARTS 12

/* ------------------------------------------------------------ score tables */

typedef struct srow {
    const pblint_row *row;
    const pblint_cell *name, *wcell, *scell, *gcell;
    num w, s;
    bool total;
} srow;

typedef struct stable {
    const pblint_table *t;
    bool score_table; /* PBLINT_TABLE_SCORE, not an indicator table with scores */
    srow *r;
    size_t n;
    const srow *total; /* the last 合计 row holding a number */
    const pblint_cell *hdr_w, *hdr_s;
} stable;

/* The name of a row for messages: 指标 / 三级 / 二级 / 一级, or its first cell. */
static str srow_name(const srow *r)
{
    static const int roles[] = {PBLINT_COL_NAME, PBLINT_COL_LEVEL3, PBLINT_COL_LEVEL2,
                                PBLINT_COL_LEVEL1, PBLINT_COL_LABEL};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        str s = cell_str(pblint_row_cell(r->row, roles[i]));
        if (s.n)
            return s;
    }
    size_t nc = pblint_row_cell_count(r->row);
    for (size_t i = 0; i < nc; i++) {
        str s = cell_str(pblint_row_cell_at(r->row, i));
        if (s.n)
            return s;
    }
    str none = {"?", 1};
    return none;
}

/* The label of a 合计 row ("合计", "总分"). */
static str total_label(const srow *r)
{
    size_t nc = pblint_row_cell_count(r->row);
    for (size_t i = 0; i < nc; i++) {
        const pblint_cell *c = pblint_row_cell_at(r->row, i);
        str s = cell_str(c);
        if (s.n && !cell_num(c).ok)
            return s;
    }
    str def = {"合计", strlen("合计")};
    return def;
}

static int load_table(const pblint_table *t, stable *out)
{
    memset(out, 0, sizeof *out);
    out->t = t;
    out->score_table = pblint_table_kind(t) == PBLINT_TABLE_SCORE;
    size_t nr = pblint_table_row_count(t);
    out->r = calloc(nr ? nr : 1, sizeof *out->r);
    if (!out->r)
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < nr; i++) {
        const pblint_row *row = pblint_table_row(t, i);
        if (!row)
            continue;
        int kind = pblint_row_kind(row);
        if (kind == PBLINT_ROW_HEADER) {
            if (!out->hdr_w)
                out->hdr_w = pblint_row_cell(row, PBLINT_COL_WEIGHT);
            if (!out->hdr_s)
                out->hdr_s = pblint_row_cell(row, PBLINT_COL_SCORE);
            continue;
        }
        srow *r = &out->r[out->n];
        r->row = row;
        r->name = pblint_row_cell(row, PBLINT_COL_NAME);
        if (!r->name)
            r->name = pblint_row_cell(row, PBLINT_COL_LEVEL3);
        r->wcell = pblint_row_cell(row, PBLINT_COL_WEIGHT);
        r->scell = pblint_row_cell(row, PBLINT_COL_SCORE);
        r->gcell = pblint_row_cell(row, PBLINT_COL_GRADE);
        r->w = cell_num(r->wcell);
        r->s = cell_num(r->scell);
        r->total = kind == PBLINT_ROW_TOTAL;
        if (!r->total && r->w.blank && r->s.blank && cell_key(r->gcell).n == 0)
            continue;
        if (r->total && (r->w.ok || r->s.ok))
            out->total = r;
        out->n++;
    }
    return 0;
}

typedef struct stables {
    stable *t;
    size_t n;
} stables;

/* Every table with 分值 and 得分 columns: score tables, and indicator tables
 * scored row by row. */
static int load_tables(const pblint_doc *doc, stables *out)
{
    out->n = 0;
    size_t nt = pblint_doc_table_count(doc);
    out->t = calloc(nt ? nt : 1, sizeof *out->t);
    if (!out->t)
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < nt; i++) {
        const pblint_table *t = pblint_doc_table(doc, i);
        if (!t)
            continue;
        int k = pblint_table_kind(t);
        if (k != PBLINT_TABLE_SCORE &&
            !(k == PBLINT_TABLE_INDICATOR && pblint_table_has_column(t, PBLINT_COL_WEIGHT) &&
              pblint_table_has_column(t, PBLINT_COL_SCORE)))
            continue;
        if (load_table(t, &out->t[out->n])) {
            for (size_t j = 0; j < out->n; j++)
                free(out->t[j].r);
            free(out->t);
            out->t = NULL;
            return PBLINT_ENOMEM;
        }
        out->n++;
    }
    return 0;
}

static void free_tables(stables *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        free(ts->t[i].r);
    free(ts->t);
}

/* The table whose total the report states: the first score table, else the
 * first scored table with a 合计 row. */
static const stable *main_table(const stables *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        if (ts->t[i].score_table)
            return &ts->t[i];
    for (size_t i = 0; i < ts->n; i++)
        if (ts->t[i].total)
            return &ts->t[i];
    return NULL;
}

/* Sum of a column over the data rows; false when a cell is not a number. */
static bool column_sum(const stable *st, bool weight, num *sum, size_t *parts)
{
    *sum = num_of(0, 0);
    *parts = 0;
    for (size_t i = 0; i < st->n; i++) {
        const srow *r = &st->r[i];
        if (r->total)
            continue;
        num x = weight ? r->w : r->s;
        if (x.blank)
            continue;
        if (!x.ok)
            return false;
        *sum = num_add(*sum, x);
        (*parts)++;
    }
    return *parts > 0;
}

/* The table's total score: its 合计 row, else (score tables) the sum. */
static bool table_score(const stable *st, num *out, const pblint_cell **where)
{
    *where = NULL;
    if (st->total && st->total->s.ok) {
        *out = st->total->s;
        *where = st->total->scell;
        return true;
    }
    size_t parts;
    if (st->score_table && column_sum(st, false, out, &parts)) {
        *where = st->hdr_s;
        return true;
    }
    return false;
}

/* The table's maximum: its 合计 分值, else (score tables) the sum of 分值. */
static bool table_max(const stable *st, num *out)
{
    if (st->total && st->total->w.ok) {
        *out = st->total->w;
        return true;
    }
    size_t parts;
    return st->score_table && column_sum(st, true, out, &parts);
}

static pblint_span table_anchor(const stable *st, const pblint_cell *c)
{
    if (c)
        return value_span(c);
    if (st->hdr_w)
        return cell_span(st->hdr_w);
    return pblint_table_span(st->t);
}

/* ------------------------------------------------------------ score-sum */

static void list_parts(const stable *st, bool weight, char *buf, size_t size)
{
    size_t o = 0, k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < st->n && o + 40 < size; i++) {
        const srow *r = &st->r[i];
        num x = weight ? r->w : r->s;
        if (r->total || !x.ok)
            continue;
        if (++k > MAX_PARTS) {
            buf[0] = '\0';
            return;
        }
        char b[48];
        o += (size_t)snprintf(buf + o, size - o, "%s%s", k > 1 ? " + " : "",
                              num_fmt(x, b, sizeof b));
    }
}

/* The F10 自评表 scores 预算执行率 in its fund table (年初预算数 … 分值 执行率
 * 得分), outside the indicator table whose 总分 includes it. */
typedef struct exec_row {
    bool ok;
    num w, s;
    const pblint_cell *wcell, *scell;
} exec_row;

static void funds_exec(const pblint_doc *doc, exec_row *ex)
{
    memset(ex, 0, sizeof *ex);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t i = 0; i < nt && !ex->ok; i++) {
        const pblint_table *t = pblint_doc_table(doc, i);
        if (!t || pblint_table_kind(t) != PBLINT_TABLE_FUNDS ||
            !pblint_table_has_column(t, PBLINT_COL_WEIGHT))
            continue;
        size_t nr = pblint_table_row_count(t);
        for (size_t k = 0; k < nr; k++) {
            const pblint_row *row = pblint_table_row(t, k);
            if (!row || pblint_row_kind(row) == PBLINT_ROW_HEADER)
                continue;
            const pblint_cell *wc = pblint_row_cell(row, PBLINT_COL_WEIGHT);
            num w = cell_num(wc);
            if (!w.ok)
                continue;
            ex->ok = true;
            ex->w = w;
            ex->wcell = wc;
            ex->scell = pblint_row_cell(row, PBLINT_COL_SCORE);
            ex->s = cell_num(ex->scell);
            break;
        }
    }
}

/* Without a fund table, an indicator table scored row by row whose 总分
 * exceeds its rows by exactly the 执行率's usual 分值 (10) is taken to leave
 * that row outside. */
static bool execution_outside(const stable *st, num exec)
{
    num sum;
    size_t parts;
    if (st->score_table || !st->total || !st->total->w.ok || !column_sum(st, true, &sum, &parts))
        return false;
    return num_cmp(num_sub(st->total->w, sum), exec) == 0;
}

static void check_column(pblint_check *chk, const stable *st, bool weight, num def_total, num exec,
                         const exec_row *ex)
{
    const char *col = weight ? "分值" : "评价得分";
    num sum;
    size_t parts;
    if (!column_sum(st, weight, &sum, &parts))
        return;
    /* the fund table's 预算执行率 row belongs to an indicator table's 总分 */
    bool with_exec = !st->score_table && st->total && ex->ok && (weight ? ex->w.ok : ex->s.ok);
    if (with_exec)
        sum = num_add(sum, weight ? ex->w : ex->s);
    num expect;
    const pblint_cell *at = NULL;
    bool from_total = false;
    if (st->total && (weight ? st->total->w.ok : st->total->s.ok)) {
        expect = weight ? st->total->w : st->total->s;
        at = weight ? st->total->wcell : st->total->scell;
        from_total = true;
    } else if (weight && st->score_table) {
        expect = def_total;
    } else {
        return;
    }
    if (num_cmp(sum, expect) == 0)
        return;
    if (from_total && !ex->ok && execution_outside(st, exec)) {
        /* the 分值 miss exactly the 执行率's; its 得分 lies between 0 and that */
        num gap = num_sub(expect, sum);
        if (weight || (num_cmp(gap, num_of(0, 0)) >= 0 && num_cmp(gap, exec) <= 0))
            return;
    }
    char ps[512], a[48], b[48], d[48];
    list_parts(st, weight, ps, sizeof ps);
    if (with_exec && ps[0] && strlen(ps) + 80 < sizeof ps) {
        size_t o = strlen(ps);
        snprintf(ps + o, sizeof ps - o, " + %s (预算执行率)",
                 num_fmt(weight ? ex->w : ex->s, a, sizeof a));
    }
    num diff = num_cmp(sum, expect) < 0 ? num_sub(expect, sum) : num_sub(sum, expect);
    const char *dir = num_cmp(sum, expect) < 0 ? "less" : "more";
    pblint_diag *dg;
    if (from_total) {
        str lab = total_label(st->total);
        dg = pblint_report(
            chk, PBLINT_SEV_DEFAULT, table_anchor(st, at),
            "the %s add up to %s%s%s%s, but the %.*s row says %s (the rows are %s %s)", col,
            num_fmt(sum, a, sizeof a), ps[0] ? " (" : "", ps, ps[0] ? ")" : "", (int)lab.n, lab.s,
            num_fmt(expect, b, sizeof b), num_fmt(diff, d, sizeof d), dir);
    } else {
        dg =
            pblint_report(chk, PBLINT_SEV_DEFAULT, table_anchor(st, weight ? st->hdr_w : st->hdr_s),
                          "the %s add up to %s%s%s%s, not %s (%s %s)", col,
                          num_fmt(sum, a, sizeof a), ps[0] ? " (" : "", ps, ps[0] ? ")" : "",
                          num_fmt(expect, b, sizeof b), num_fmt(diff, d, sizeof d), dir);
    }
    size_t k = 0;
    for (size_t i = 0; dg && i < st->n && k < MAX_PARTS; i++) {
        const srow *r = &st->r[i];
        num x = weight ? r->w : r->s;
        if (r->total || !x.ok)
            continue;
        str nm = srow_name(r);
        pblint_diag_add_note(dg, value_span(weight ? r->wcell : r->scell), "%s %s of \"%.*s\"", col,
                             num_fmt(x, a, sizeof a), (int)nm.n, nm.s);
        k++;
    }
    if (dg && with_exec)
        pblint_diag_add_note(dg, value_span(weight ? ex->wcell : ex->scell),
                             "%s %s of 预算执行率, in the fund table", col,
                             num_fmt(weight ? ex->w : ex->s, a, sizeof a));
}

static int check_sum(pblint_check *chk, const pblint_doc *doc)
{
    num def_total = {true, false, 0, 0};
    pblint_decimal dt = pblint_check_option_decimal(chk, "total", (pblint_decimal){100, 0});
    if (!sane_decimal(dt))
        dt = (pblint_decimal){100, 0};
    def_total.v = dt.mant;
    def_total.scale = dt.scale;
    pblint_decimal de =
        pblint_check_option_decimal(chk, "execution-weight", (pblint_decimal){10, 0});
    if (!sane_decimal(de))
        de = (pblint_decimal){10, 0};
    num exec = num_of(de.mant, de.scale);
    exec_row ex;
    funds_exec(doc, &ex);
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < ts.n; i++) {
        check_column(chk, &ts.t[i], true, def_total, exec, &ex);
        check_column(chk, &ts.t[i], false, def_total, exec, &ex);
    }
    const pblint_field *f = pblint_doc_field(doc, "stated_score");
    const stable *st = main_table(&ts);
    num stated = f ? value_num(pblint_field_value(f)) : (num){false, true, 0, 0};
    num total;
    const pblint_cell *where;
    if (st && stated.ok && table_score(st, &total, &where) && num_cmp(stated, total) != 0) {
        char a[48], d[48];
        str ft = text_str(pblint_field_text(f));
        num diff = num_cmp(stated, total) < 0 ? num_sub(total, stated) : num_sub(stated, total);
        const char *lab = "sum of the 评价得分";
        str tl = st->total && st->total->s.ok ? total_label(st->total) : (str){lab, strlen(lab)};
        pblint_diag *dg = pblint_report(
            chk, PBLINT_SEV_DEFAULT, pblint_field_value(f)->span,
            "the report states a total score of %.*s, but the score table's %.*s is %s (%s %s)",
            (int)ft.n, ft.s, (int)tl.n, tl.s, num_fmt(total, a, sizeof a),
            num_fmt(diff, d, sizeof d), num_cmp(stated, total) < 0 ? "less" : "more");
        if (dg)
            pblint_diag_add_note(dg, table_anchor(st, where), "the score table's total is here");
    }
    free_tables(&ts);
    return 0;
}

/* ------------------------------------------------------------ score-range */

static int check_range(pblint_check *chk, const pblint_doc *doc)
{
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    num zero = num_of(0, 0);
    for (size_t i = 0; i < ts.n; i++) {
        const stable *st = &ts.t[i];
        for (size_t k = 0; k < st->n; k++) {
            const srow *r = &st->r[k];
            if (!r->s.ok)
                continue;
            str nm = r->total ? total_label(r) : srow_name(r);
            char a[48], b[48], d[48];
            if (num_cmp(r->s, zero) < 0) {
                pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                              "评价得分 %s of \"%.*s\" is negative", num_fmt(r->s, a, sizeof a),
                              (int)nm.n, nm.s);
            } else if (r->w.ok && num_cmp(r->s, r->w) > 0) {
                pblint_diag *dg = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                    "评价得分 %s of \"%.*s\" is above its 分值 %s (%s more)",
                    num_fmt(r->s, a, sizeof a), (int)nm.n, nm.s, num_fmt(r->w, b, sizeof b),
                    num_fmt(num_sub(r->s, r->w), d, sizeof d));
                if (dg)
                    pblint_diag_add_note(dg, value_span(r->wcell), "分值 %s is here",
                                         num_fmt(r->w, b, sizeof b));
            }
        }
    }
    exec_row ex;
    funds_exec(doc, &ex);
    if (ex.ok && ex.s.ok) {
        char a[48], b[48], d[48];
        if (num_cmp(ex.s, zero) < 0) {
            pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(ex.scell),
                          "得分 %s of 预算执行率 is negative", num_fmt(ex.s, a, sizeof a));
        } else if (num_cmp(ex.s, ex.w) > 0) {
            pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(ex.scell),
                                            "得分 %s of 预算执行率 is above its 分值 %s (%s more)",
                                            num_fmt(ex.s, a, sizeof a), num_fmt(ex.w, b, sizeof b),
                                            num_fmt(num_sub(ex.s, ex.w), d, sizeof d));
            if (dg)
                pblint_diag_add_note(dg, value_span(ex.wcell), "分值 %s is here",
                                     num_fmt(ex.w, b, sizeof b));
        }
    }
    const pblint_field *f = pblint_doc_field(doc, "stated_score");
    num stated = f ? value_num(pblint_field_value(f)) : (num){false, true, 0, 0};
    if (stated.ok) {
        const stable *st = main_table(&ts);
        num max;
        if (!st || !table_max(st, &max)) {
            pblint_decimal dt = pblint_check_option_decimal(chk, "total", (pblint_decimal){100, 0});
            if (!sane_decimal(dt))
                dt = (pblint_decimal){100, 0};
            max = num_of(dt.mant, dt.scale);
        }
        char a[48], b[48];
        str ft = text_str(pblint_field_text(f));
        if (num_cmp(stated, zero) < 0)
            pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_field_value(f)->span,
                          "the stated total score %.*s is negative", (int)ft.n, ft.s);
        else if (num_cmp(stated, max) > 0)
            pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_field_value(f)->span,
                          "the stated total score %.*s is above the maximum %s (%s more)",
                          (int)ft.n, ft.s, num_fmt(max, a, sizeof a),
                          num_fmt(num_sub(stated, max), b, sizeof b));
    }
    free_tables(&ts);
    return 0;
}

/* ------------------------------------------------------------ grade-band */

#define MAX_BANDS 16

typedef struct band {
    const char *name;
    num min;
} band;

typedef struct grades {
    band b[MAX_BANDS]; /* best first */
    size_t nb;
    const char *syn[MAX_ITEMS]; /* word */
    size_t syn_band[MAX_ITEMS];
    size_t ns;
} grades;

static const char *const DEF_BANDS[] = {"优=90", "良=80", "中=60", "差=0", NULL};
static const char *const DEF_SYNONYMS[] = {"优秀=优",   "良好=良", "中等=中",   "合格=中",
                                           "一般=中",   "及格=中", "不合格=差", "较差=差",
                                           "不及格=差", NULL};

/* Splits "name=value" (arena strings from the options or static defaults). */
static bool split_item(const char *it, char *name, size_t nsize, const char **value)
{
    const char *eq = strchr(it, '=');
    if (!eq)
        eq = strchr(it, ':');
    if (!eq || eq == it || (size_t)(eq - it) >= nsize)
        return false;
    memcpy(name, it, (size_t)(eq - it));
    name[eq - it] = '\0';
    *value = eq + 1;
    return true;
}

static bool parse_num(const char *s, num *out)
{
    pblint_value v;
    if (pblint_value_parse(s, strlen(s), PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, &v) != 0)
        return false;
    *out = value_num(&v);
    return out->ok;
}

static int cmp_band(const void *x, const void *y)
{
    const band *a = x, *b = y;
    return -num_cmp(a->min, b->min);
}

/* Band and synonym names live in per-check storage. */
typedef struct namebuf {
    char s[MAX_ITEMS * 2][32];
    size_t n;
} namebuf;

static const char *keep(namebuf *nb, const char *s)
{
    if (nb->n >= MAX_ITEMS * 2)
        return NULL;
    copy_cut(nb->s[nb->n], sizeof nb->s[0], s, SIZE_MAX);
    return nb->s[nb->n++];
}

static void load_grades(const pblint_check *chk, grades *g, namebuf *nb)
{
    wordlist wl;
    load_items(chk, "bands", DEF_BANDS, &wl);
    g->nb = 0;
    for (size_t i = 0; i < wl.n && g->nb < MAX_BANDS; i++) {
        char name[32];
        const char *val;
        num m;
        if (!split_item(wl.w[i], name, sizeof name, &val) || !parse_num(val, &m))
            continue;
        const char *kept = keep(nb, name);
        if (!kept)
            break;
        g->b[g->nb].name = kept;
        g->b[g->nb].min = m;
        g->nb++;
    }
    qsort(g->b, g->nb, sizeof g->b[0], cmp_band);
    load_items(chk, "synonyms", DEF_SYNONYMS, &wl);
    g->ns = 0;
    for (size_t i = 0; i < wl.n && g->ns < MAX_ITEMS; i++) {
        char name[32];
        const char *val;
        if (!split_item(wl.w[i], name, sizeof name, &val))
            continue;
        for (size_t k = 0; k < g->nb; k++) {
            if (strcmp(g->b[k].name, val) == 0) {
                const char *kept = keep(nb, name);
                if (!kept)
                    break;
                g->syn[g->ns] = kept;
                g->syn_band[g->ns] = k;
                g->ns++;
                break;
            }
        }
    }
}

/* The band a grade word names, or -1.  The word may be followed by
 * punctuation or a bracket ("良好（89分）"), not by more letters ("优良"). */
static long grade_of(const grades *g, str k)
{
    /* drop opening quotes */
    static const char *const quotes[] = {"\"", "“", "「", "『", "'"};
    for (size_t q = 0; q < sizeof quotes / sizeof quotes[0]; q++) {
        size_t l = strlen(quotes[q]);
        if (k.n >= l && memcmp(k.s, quotes[q], l) == 0) {
            k.s += l;
            k.n -= l;
        }
    }
    long best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < g->nb + g->ns; i++) {
        const char *w = i < g->nb ? g->b[i].name : g->syn[i - g->nb];
        long band_i = i < g->nb ? (long)i : (long)g->syn_band[i - g->nb];
        size_t l = strlen(w);
        if (l == 0 || l > k.n || memcmp(k.s, w, l) != 0 || l <= best_len)
            continue;
        if (l < k.n) {
            /* what follows must not be a letter, except 级 / 等 */
            uint32_t cp;
            str rest = {k.s + l, k.n - l};
            decode(rest, &cp, 1);
            bool suffix =
                memcmp(rest.s, "级", strlen("级")) == 0 || memcmp(rest.s, "等", strlen("等")) == 0;
            if (!suffix && ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 'a' && cp <= 'z') ||
                            (cp >= 'A' && cp <= 'Z')))
                continue;
        }
        best = band_i;
        best_len = l;
    }
    return best;
}

/* The band of score out of max (max 0: out of 100). */
static size_t band_for(const grades *g, num score, num max)
{
    num hundred = num_of(100, 0);
    for (size_t i = 0; i < g->nb; i++) {
        bool ok = max.ok ? cross_cmp(score, hundred, g->b[i].min, max) >= 0
                         : num_cmp(score, g->b[i].min) >= 0;
        if (ok)
            return i;
    }
    return g->nb ? g->nb - 1 : 0;
}

/* "80 ≤ score < 90" for band i. */
static void band_range(const grades *g, size_t i, bool percent, char *buf, size_t size)
{
    char lo[48], hi[48];
    const char *pc = percent ? "%" : "";
    num_fmt(g->b[i].min, lo, sizeof lo);
    if (i == 0)
        snprintf(buf, size, "score ≥ %s%s", lo, pc);
    else if (i + 1 == g->nb && g->b[i].min.v == 0)
        snprintf(buf, size, "score < %s%s", num_fmt(g->b[i - 1].min, hi, sizeof hi), pc);
    else
        snprintf(buf, size, "%s%s ≤ score < %s%s", lo, pc, num_fmt(g->b[i - 1].min, hi, sizeof hi),
                 pc);
}

static bool is_hundred(num m)
{
    return num_cmp(m, num_of(100, 0)) == 0;
}

static void report_grade(pblint_check *chk, const grades *g, pblint_span at, str word, size_t want,
                         long got, num score, num max, const char *what, pblint_span score_at)
{
    char s[48], m[48], range[160];
    bool pct = max.ok && !is_hundred(max);
    band_range(g, want, pct, range, sizeof range);
    pblint_diag *d;
    if (pct)
        d = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                          "grade \"%.*s\" (%s) does not match %s %s of %s, which is %s (%s)",
                          (int)word.n, word.s, g->b[got].name, what, num_fmt(score, s, sizeof s),
                          num_fmt(max, m, sizeof m), g->b[want].name, range);
    else
        d = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                          "grade \"%.*s\" (%s) does not match %s %s, which is %s (%s)", (int)word.n,
                          word.s, g->b[got].name, what, num_fmt(score, s, sizeof s),
                          g->b[want].name, range);
    if (d && score_at.end > score_at.start)
        pblint_diag_add_note(d, score_at, "the score is here");
}

static int check_grade(pblint_check *chk, const pblint_doc *doc)
{
    grades g;
    namebuf *nb = malloc(sizeof *nb);
    if (!nb)
        return PBLINT_ENOMEM;
    nb->n = 0;
    load_grades(chk, &g, nb);
    stables ts;
    if (!g.nb || load_tables(doc, &ts)) {
        free(nb);
        return g.nb ? PBLINT_ENOMEM : 0;
    }
    /* the overall score: stated, else the score table's */
    const stable *st = main_table(&ts);
    const pblint_field *f = pblint_doc_field(doc, "stated_score");
    num score = f ? value_num(pblint_field_value(f)) : (num){false, true, 0, 0};
    pblint_span score_at = score.ok ? pblint_field_value(f)->span : (pblint_span){0, 0};
    const pblint_cell *where = NULL;
    if (!score.ok && st && table_score(st, &score, &where))
        score_at = table_anchor(st, where);
    num max = {false, true, 0, 0};
    if (st)
        table_max(st, &max);
    if (max.ok && max.v <= 0)
        max.ok = false;

    if (score.ok) {
        size_t want = band_for(&g, score, max);
        const pblint_field *gf = pblint_doc_field(doc, "stated_grade");
        if (gf) {
            str w = text_str(pblint_field_text(gf));
            long got = grade_of(&g, w);
            if (got >= 0 && (size_t)got != want)
                report_grade(chk, &g, pblint_text_span(pblint_field_text(gf)), w, want, got, score,
                             max, "the total score", score_at);
        }
        if (st && st->total && st->total->gcell) {
            str w = cell_str(st->total->gcell);
            long got = grade_of(&g, w);
            if (got >= 0 && (size_t)got != want)
                report_grade(chk, &g, cell_span(st->total->gcell), w, want, got, score, max,
                             "the total score", score_at);
        }
    }
    /* grades on the data rows: one is the table's (a merged cell), several are the rows' own */
    for (size_t i = 0; i < ts.n; i++) {
        const stable *t = &ts.t[i];
        size_t graded = 0;
        for (size_t k = 0; k < t->n; k++)
            if (!t->r[k].total && t->r[k].gcell && !pblint_cell_inherited(t->r[k].gcell) &&
                cell_key(t->r[k].gcell).n)
                graded++;
        for (size_t k = 0; k < t->n; k++) {
            const srow *r = &t->r[k];
            if (r->total || !r->gcell || pblint_cell_inherited(r->gcell) || !cell_key(r->gcell).n)
                continue;
            str w = cell_str(r->gcell);
            long got = grade_of(&g, w);
            if (got < 0)
                continue;
            bool own = r->s.ok && r->w.ok && r->w.v > 0;
            size_t row_band = own ? band_for(&g, r->s, r->w) : 0;
            if (graded == 1 && t == st && score.ok) {
                size_t want = band_for(&g, score, max);
                if ((size_t)got == want || (own && (size_t)got == row_band))
                    continue;
                report_grade(chk, &g, cell_span(r->gcell), w, want, got, score, max,
                             "the total score", score_at);
            } else if (own && (size_t)got != row_band) {
                str nm = srow_name(r);
                char what[160];
                snprintf(what, sizeof what, "the score of \"%.*s\"", (int)nm.n, nm.s);
                report_grade(chk, &g, cell_span(r->gcell), w, row_band, got, r->s, r->w, what,
                             value_span(r->scell));
            }
        }
    }
    free_tables(&ts);
    free(nb);
    return 0;
}

/* ------------------------------------------------------------ self-eval-weights */

static const char *const DEF_WEIGHTS[] = {"执行率=10", "产出=50", "效益=30", "满意度=10", NULL};

typedef struct wcat {
    char key[32];
    num want;
    num got;
    bool seen;
} wcat;

static int check_weights(pblint_check *chk, const pblint_doc *doc)
{
    long min_year = pblint_check_option_int(chk, "min-year", 2020);
    int year = pblint_doc_year(doc, NULL);
    if (year <= 0 || year < min_year)
        return 0;
    wordlist wl;
    load_items(chk, "weights", DEF_WEIGHTS, &wl);
    wcat cats[MAX_ITEMS];
    size_t nc = 0;
    for (size_t i = 0; i < wl.n; i++) {
        const char *val;
        if (!split_item(wl.w[i], cats[nc].key, sizeof cats[nc].key, &val) ||
            !parse_num(val, &cats[nc].want))
            continue;
        nc++;
    }
    if (!nc)
        return 0;
    exec_row ex;
    funds_exec(doc, &ex);
    bool ex_used = false;
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < ts.n; i++) {
        const stable *st = &ts.t[i];
        for (size_t c = 0; c < nc; c++) {
            cats[c].got = num_of(0, 0);
            cats[c].seen = false;
        }
        if (!st->score_table && ex.ok && !ex_used) {
            /* the fund table's 预算执行率 belongs to the first scored indicator table */
            str rate = {"预算执行率", strlen("预算执行率")};
            for (size_t c = 0; c < nc; c++) {
                if (str_has(rate, cats[c].key)) {
                    cats[c].got = ex.w;
                    cats[c].seen = true;
                    break;
                }
            }
            ex_used = true;
        }
        bool other = false, any = false;
        char others[256];
        size_t oo = 0;
        others[0] = '\0';
        for (size_t k = 0; k < st->n; k++) {
            const srow *r = &st->r[k];
            if (r->total || !r->w.ok)
                continue;
            any = true;
            /* score tables: the row's 指标; indicator tables: 二级 then 一级 */
            str names[3];
            size_t nn = 0;
            if (st->score_table) {
                names[nn++] = srow_name(r);
            } else {
                names[nn++] = cell_key(pblint_row_cell(r->row, PBLINT_COL_LEVEL2));
                names[nn++] = cell_key(pblint_row_cell(r->row, PBLINT_COL_LEVEL1));
                names[nn++] = cell_key(r->name);
            }
            /* the longest key wins: "效益(满意度)" is 满意度 */
            size_t hit = nc;
            for (size_t q = 0; q < nn && hit == nc; q++)
                for (size_t c = 0; c < nc; c++)
                    if (str_has(names[q], cats[c].key) &&
                        (hit == nc || strlen(cats[c].key) > strlen(cats[hit].key)))
                        hit = c;
            if (hit == nc) {
                other = true;
                str nm = srow_name(r);
                char b[48];
                if (oo + nm.n + 60 < sizeof others)
                    oo += (size_t)snprintf(others + oo, sizeof others - oo, "%s%.*s %s",
                                           oo ? ", " : "", (int)nm.n, nm.s,
                                           num_fmt(r->w, b, sizeof b));
                continue;
            }
            cats[hit].got = num_add(cats[hit].got, r->w);
            cats[hit].seen = true;
        }
        if (!any)
            continue;
        bool off = other;
        for (size_t c = 0; c < nc; c++)
            if (cats[c].seen && num_cmp(cats[c].got, cats[c].want) != 0)
                off = true;
        if (!off)
            continue;
        char got[512], want[256];
        size_t go = 0, wo = 0;
        got[0] = want[0] = '\0';
        for (size_t c = 0; c < nc; c++) {
            char b[48];
            if (cats[c].seen && go + 60 < sizeof got)
                go += (size_t)snprintf(got + go, sizeof got - go, "%s%s %s", go ? ", " : "",
                                       cats[c].key, num_fmt(cats[c].got, b, sizeof b));
            if (wo + 60 < sizeof want)
                wo += (size_t)snprintf(want + wo, sizeof want - wo, "%s%s %s", wo ? ", " : "",
                                       cats[c].key, num_fmt(cats[c].want, b, sizeof b));
        }
        if (others[0] && go + strlen(others) + 4 < sizeof got)
            snprintf(got + go, sizeof got - go, "%s%s", go ? ", " : "", others);
        pblint_report(chk, PBLINT_SEV_DEFAULT, table_anchor(st, st->hdr_w),
                      "the 分值 are %s; a %d self-evaluation normally weighs %s", got, year, want);
    }
    free_tables(&ts);
    return 0;
}

/* ------------------------------------------------------------ per-indicator scores */

typedef struct irow {
    const srow *r;
    const pblint_cell *target, *actual;
    verdict v;
} irow;

static void assess_row(const srow *r, const dirwords *dw, irow *out)
{
    out->r = r;
    out->target = pblint_row_cell(r->row, PBLINT_COL_TARGET);
    out->actual = pblint_row_cell(r->row, PBLINT_COL_ACTUAL);
    str names[3] = {cell_str(r->name), cell_key(pblint_row_cell(r->row, PBLINT_COL_LEVEL2)),
                    cell_key(pblint_row_cell(r->row, PBLINT_COL_LEVEL1))};
    assess(out->target, out->actual, names, 3, dw, &out->v);
}

static int check_formula(pblint_check *chk, const pblint_doc *doc)
{
    dirwords dw;
    load_dirwords(chk, &dw);
    pblint_decimal tol = pblint_check_option_decimal(chk, "tolerance", (pblint_decimal){10, 0});
    const char *rf = pblint_check_option(chk, "reverse-formula");
    bool linear = rf && strcmp(rf, "linear") == 0;
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    if (!sane_decimal(tol) || tol.mant < 0)
        tol = (pblint_decimal){10, 0};
    if (pblint_decimal_cmp(tol, (pblint_decimal){100, 0}) > 0)
        tol = (pblint_decimal){100, 0};
    i128 cap = (i128)10000000000LL; /* 10^10: keeps s * D * 100 * 10^6 within 128 bits */
    for (size_t i = 0; i < ts.n; i++) {
        const stable *st = &ts.t[i];
        if (st->score_table)
            continue;
        for (size_t k = 0; k < st->n; k++) {
            const srow *r = &st->r[k];
            if (r->total || !r->w.ok || !r->s.ok || r->w.v <= 0)
                continue;
            irow ir;
            assess_row(r, &dw, &ir);
            const verdict *v = &ir.v;
            if ((v->status != V_MET && v->status != V_MISSED) || v->kind == Q_DATE)
                continue;
            /* expected = w * N / D */
            i128 N = 1, D = 1;
            char formula[256] = "";
            str at = cell_str(ir.actual), tt = cell_str(ir.target);
            if (v->status == V_MISSED) {
                i128 t = v->t, a = v->a;
                if (v->dir == DIR_RANGE) {
                    i128 lo = v->t < v->t2 ? v->t : v->t2, hi = v->t < v->t2 ? v->t2 : v->t;
                    t = v->below ? lo : hi;
                }
                bool below = v->dir == DIR_HIGHER ||
                             ((v->dir == DIR_EQUAL || v->dir == DIR_RANGE) && v->below);
                if (t <= 0 || a < 0)
                    continue;
                if (below) {
                    N = a;
                    D = t;
                    snprintf(formula, sizeof formula, "完成值 %.*s / 指标值 %.*s × 分值", (int)at.n,
                             at.s, (int)tt.n, tt.s);
                } else if (linear) {
                    N = 2 * t - a > 0 ? 2 * t - a : 0;
                    D = t;
                    snprintf(formula, sizeof formula,
                             "(1 - (完成值 %.*s - 指标值 %.*s) / 指标值) × 分值", (int)at.n, at.s,
                             (int)tt.n, tt.s);
                } else {
                    if (a == 0)
                        continue;
                    N = t;
                    D = a;
                    snprintf(formula, sizeof formula, "指标值 %.*s / 完成值 %.*s × 分值", (int)tt.n,
                             tt.s, (int)at.n, at.s);
                }
            }
            if (N > cap || D > cap || N < -cap)
                continue;
            /* |s*D - N*w| * 100 > tol * w * D, all at one scale */
            i128 s = r->s.v, w = r->w.v;
            int sc = align2(&s, r->s.scale, &w, r->w.scale);
            i128 lhs = s * D - N * w;
            if (lhs < 0)
                lhs = -lhs;
            if (lhs * 100 * pow10i(tol.scale) <= (i128)tol.mant * w * D)
                continue;
            /* expected, rounded to two decimals */
            i128 e = N * w * 100, q = e / (D * pow10i(sc)), rem = e % (D * pow10i(sc));
            if (rem * 2 >= D * pow10i(sc))
                q++;
            char es[48], ss[48], ws[48], ts2[48], diff[48];
            fmt_fixed(q, 2, es, sizeof es);
            num expv = num_of(q, 2);
            num dd = num_cmp(r->s, expv) < 0 ? num_sub(expv, r->s) : num_sub(r->s, expv);
            str nm = srow_name(r);
            pblint_decimal_format(tol, ts2, sizeof ts2);
            pblint_diag *d;
            if (v->status == V_MET)
                d = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                                  "\"%.*s\" met its target (完成值 %.*s, 指标值 %.*s), so it earns "
                                  "its full 分值 %s, but 得分 is %s",
                                  (int)nm.n, nm.s, (int)at.n, at.s, (int)tt.n, tt.s,
                                  num_fmt(r->w, ws, sizeof ws), num_fmt(r->s, ss, sizeof ss));
            else
                d = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                    "得分 %s of \"%.*s\" does not follow the scoring formula: %s %s = %s "
                    "(off by %s, more than %s%% of 分值)",
                    num_fmt(r->s, ss, sizeof ss), (int)nm.n, nm.s, formula,
                    num_fmt(r->w, ws, sizeof ws), es, num_fmt(dd, diff, sizeof diff), ts2);
            if (d)
                pblint_diag_add_note(d, value_span(r->wcell), "分值 %s is here",
                                     num_fmt(r->w, ws, sizeof ws));
        }
    }
    free_tables(&ts);
    return 0;
}

static const char *const DEF_LEVELS[] = {"未达成年度指标=0-60", "部分达成年度指标=60-80",
                                         "达成年度指标=80-100", NULL};

static int check_qual(pblint_check *chk, const pblint_doc *doc)
{
    wordlist wl;
    load_items(chk, "levels", DEF_LEVELS, &wl);
    struct {
        char phrase[64];
        num lo, hi;
    } lv[MAX_ITEMS];
    size_t nl = 0;
    for (size_t i = 0; i < wl.n; i++) {
        const char *val;
        if (!split_item(wl.w[i], lv[nl].phrase, sizeof lv[nl].phrase, &val))
            continue;
        const char *dash = strchr(val, '-');
        if (!dash)
            continue;
        char lo[32], hi[32];
        copy_cut(lo, sizeof lo, val, (size_t)(dash - val));
        copy_cut(hi, sizeof hi, dash + 1, SIZE_MAX);
        if (!parse_num(lo, &lv[nl].lo) || !parse_num(hi, &lv[nl].hi))
            continue;
        nl++;
    }
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    num hundred = num_of(100, 0);
    for (size_t i = 0; i < ts.n; i++) {
        const stable *st = &ts.t[i];
        if (st->score_table)
            continue;
        for (size_t k = 0; k < st->n; k++) {
            const srow *r = &st->r[k];
            if (r->total || !r->w.ok || !r->s.ok || r->w.v <= 0)
                continue;
            str at = cell_str(pblint_row_cell(r->row, PBLINT_COL_ACTUAL));
            size_t hit = nl;
            for (size_t q = 0; q < nl && hit == nl; q++)
                if (str_has(at, lv[q].phrase))
                    hit = q;
            if (hit == nl)
                continue;
            /* lo <= s / w * 100 <= hi */
            if (cross_cmp(r->s, hundred, lv[hit].lo, r->w) >= 0 &&
                cross_cmp(r->s, hundred, lv[hit].hi, r->w) <= 0)
                continue;
            char ss[48], ws[48], pc[32], a[32], b[32];
            i128 sv = r->s.v, wv = r->w.v;
            align2(&sv, r->s.scale, &wv, r->w.scale);
            fmt_percent(sv, wv, pc, sizeof pc);
            str nm = srow_name(r);
            pblint_diag *d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                "得分 %s of \"%.*s\" is %s%% of its 分值 %s, but \"%s\" scores %s%%-%s%% of 分值",
                num_fmt(r->s, ss, sizeof ss), (int)nm.n, nm.s, pc, num_fmt(r->w, ws, sizeof ws),
                lv[hit].phrase, num_fmt(lv[hit].lo, a, sizeof a), num_fmt(lv[hit].hi, b, sizeof b));
            if (d)
                pblint_diag_add_note(d, value_span(pblint_row_cell(r->row, PBLINT_COL_ACTUAL)),
                                     "the completion is described here");
        }
    }
    free_tables(&ts);
    return 0;
}

/* "产出指标" and "产出目标" and "产出" are one group. */
static str group_stem(str k)
{
    static const char *const suffix[] = {"指标", "目标"};
    for (size_t i = 0; i < 2; i++) {
        size_t l = strlen(suffix[i]);
        if (k.n > l && memcmp(k.s + k.n - l, suffix[i], l) == 0) {
            k.n -= l;
            break;
        }
    }
    return k;
}

#define MAX_GROUP_ROWS 64

static int check_full(pblint_check *chk, const pblint_doc *doc)
{
    dirwords dw;
    load_dirwords(chk, &dw);
    stables ts;
    if (load_tables(doc, &ts))
        return PBLINT_ENOMEM;
    /* rows scored on their own */
    for (size_t i = 0; i < ts.n; i++) {
        const stable *st = &ts.t[i];
        if (st->score_table)
            continue;
        for (size_t k = 0; k < st->n; k++) {
            const srow *r = &st->r[k];
            if (r->total || !r->w.ok || !r->s.ok || r->w.v <= 0 || num_cmp(r->s, r->w) != 0)
                continue;
            irow ir;
            assess_row(r, &dw, &ir);
            if (ir.v.status != V_MISSED)
                continue;
            str nm = srow_name(r), at = cell_str(ir.actual), tt = cell_str(ir.target);
            char ws[48];
            pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(r->scell),
                                           "\"%.*s\" missed its target (完成值 %.*s, 指标值 %.*s) "
                                           "but scores its full 分值 %s",
                                           (int)nm.n, nm.s, (int)at.n, at.s, (int)tt.n, tt.s,
                                           num_fmt(r->w, ws, sizeof ws));
            if (d)
                pblint_diag_add_note(d, value_span(ir.actual), "完成值 %.*s is here", (int)at.n,
                                     at.s);
        }
    }
    /* score-table rows with full marks that name an indicator group */
    const stable *st = main_table(&ts);
    if (st && st->score_table) {
        const srow *full[MAX_GROUP_ROWS];
        size_t nf = 0;
        for (size_t k = 0; k < st->n && nf < MAX_GROUP_ROWS; k++) {
            const srow *r = &st->r[k];
            if (!r->total && r->w.ok && r->s.ok && r->w.v > 0 && num_cmp(r->s, r->w) == 0 &&
                group_stem(cell_key(r->name)).n)
                full[nf++] = r;
        }
        size_t nt = pblint_doc_table_count(doc);
        for (size_t f = 0; f < nf; f++) {
            str gs = group_stem(cell_key(full[f]->name));
            pblint_diag *d = NULL;
            size_t misses = 0;
            /* two passes: count, then report once with a note at each miss */
            for (int pass = 0; pass < 2; pass++) {
                size_t seen = 0;
                for (size_t ti = 0; ti < nt; ti++) {
                    const pblint_table *t = pblint_doc_table(doc, ti);
                    if (!t || pblint_table_kind(t) != PBLINT_TABLE_INDICATOR ||
                        !pblint_table_has_column(t, PBLINT_COL_ACTUAL) ||
                        pblint_table_has_column(t, PBLINT_COL_SCORE))
                        continue;
                    size_t nr = pblint_table_row_count(t);
                    for (size_t ri = 0; ri < nr; ri++) {
                        const pblint_row *row = pblint_table_row(t, ri);
                        if (!row || pblint_row_kind(row) != PBLINT_ROW_DATA)
                            continue;
                        str g1 = group_stem(cell_key(pblint_row_cell(row, PBLINT_COL_LEVEL1)));
                        str g2 = group_stem(cell_key(pblint_row_cell(row, PBLINT_COL_LEVEL2)));
                        if (!str_eq(gs, g1) && !str_eq(gs, g2))
                            continue;
                        srow tmp = {row,
                                    pblint_row_cell(row, PBLINT_COL_LEVEL3),
                                    NULL,
                                    NULL,
                                    NULL,
                                    {false, true, 0, 0},
                                    {false, true, 0, 0},
                                    false};
                        irow ir;
                        assess_row(&tmp, &dw, &ir);
                        if (ir.v.status != V_MISSED)
                            continue;
                        str in = cell_str(tmp.name), at = cell_str(ir.actual),
                            tt = cell_str(ir.target);
                        if (pass == 0) {
                            misses++;
                            continue;
                        }
                        if (seen++ == 0) {
                            str nm = srow_name(full[f]);
                            char ws[48];
                            if (misses == 1)
                                d = pblint_report(
                                    chk, PBLINT_SEV_DEFAULT, value_span(full[f]->scell),
                                    "\"%.*s\" scores its full 分值 %s, but its indicator "
                                    "\"%.*s\" missed its target (完成值 %.*s, 指标值 %.*s)",
                                    (int)nm.n, nm.s, num_fmt(full[f]->w, ws, sizeof ws), (int)in.n,
                                    in.s, (int)at.n, at.s, (int)tt.n, tt.s);
                            else
                                d = pblint_report(
                                    chk, PBLINT_SEV_DEFAULT, value_span(full[f]->scell),
                                    "\"%.*s\" scores its full 分值 %s, but %zu of its "
                                    "indicators missed their targets",
                                    (int)nm.n, nm.s, num_fmt(full[f]->w, ws, sizeof ws), misses);
                        }
                        if (d && seen <= 10)
                            pblint_diag_add_note(
                                d, value_span(ir.actual),
                                "\"%.*s\" missed its target here (完成值 %.*s, 指标值 %.*s)",
                                (int)in.n, in.s, (int)at.n, at.s, (int)tt.n, tt.s);
                    }
                }
                if (!misses)
                    break;
            }
        }
    }
    free_tables(&ts);
    return 0;
}

/* ------------------------------------------------------------ plugin */

static const pblint_rule_desc rules[] = {
    {"score-sum",
     "the 分值 or 评价得分 do not add up to the total, or the stated score differs",
     PBLINT_SEV_ERROR,
     check_sum,
     0,
     {0}},
    {"score-range",
     "a 评价得分 is negative or above its 分值",
     PBLINT_SEV_ERROR,
     check_range,
     0,
     {0}},
    {"grade-band",
     "the grade does not match the score's band",
     PBLINT_SEV_ERROR,
     check_grade,
     0,
     {0}},
    {"self-eval-weights",
     "the 分值 differ from the 2020 self-evaluation weights",
     PBLINT_SEV_NOTE,
     check_weights,
     0,
     {0}},
    {"quant-score-formula",
     "an indicator's 得分 does not follow its completion ratio",
     PBLINT_SEV_WARNING,
     check_formula,
     0,
     {0}},
    {"qual-score-band",
     "a qualitative indicator's 得分 is outside the band its completion wording "
     "sets",
     PBLINT_SEV_WARNING,
     check_qual,
     0,
     {0}},
    {"missed-but-full-score",
     "an indicator missed its target but scores full marks",
     PBLINT_SEV_WARNING,
     check_full,
     0,
     {0}},
};

static const pblint_plugin_desc plugin = PBLINT_PLUGIN_DESC_INIT(
    "scores", "0.1.0", "the score table and the grade of a self-evaluation report", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

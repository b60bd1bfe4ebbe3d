/* The target/actual comparison shared by the gaps and scores plugins (see targets.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

str text_str(const pblint_text *t)
{
    str r = {"", 0};
    if (t)
        r.s = pblint_text_str(t, &r.n);
    return r;
}

str text_key(const pblint_text *t)
{
    str r = {"", 0};
    if (t)
        r.s = pblint_text_key(t, &r.n);
    return r;
}

const pblint_text *cell_text(const pblint_cell *c)
{
    return c ? pblint_cell_text(c) : NULL;
}

str cell_str(const pblint_cell *c)
{
    return text_str(cell_text(c));
}

str cell_key(const pblint_cell *c)
{
    return text_key(cell_text(c));
}

bool str_has(str s, const char *w)
{
    size_t m = strlen(w);
    return m > 0 && m <= s.n && memmem(s.s, s.n, w, m) != NULL;
}

bool str_eq(str a, str b)
{
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

pblint_span cell_span(const pblint_cell *c)
{
    pblint_span none = {0, 0};
    return c ? pblint_text_span(pblint_cell_text(c)) : none;
}

size_t u8len(unsigned char b)
{
    return b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
}

size_t decode(str s, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < s.n && n < max;) {
        unsigned char b = (unsigned char)s.s[i];
        size_t l = u8len(b);
        if (i + l > s.n)
            l = s.n - i;
        uint32_t cp = l == 1 ? b : l == 2 ? b & 0x1Fu : l == 3 ? b & 0x0Fu : b & 0x07u;
        for (size_t k = 1; k < l; k++)
            cp = (cp << 6) | ((unsigned char)s.s[i + k] & 0x3Fu);
        out[n++] = cp;
        i += l;
    }
    return n;
}

static size_t word_bucket(const unsigned char *p)
{
    /* the low bits of a CJK lead byte and of a continuation byte */
    return ((size_t)(p[0] & 7u) << 6) | (p[1] & 63u);
}

/* The default lists as load_list() built them, kept per thread (checks run
 * concurrently): a default list is static, so its wordlist depends on
 * nothing else, and a copy costs a fraction of the build (some rules load
 * a list for every table).  A list set by an option is the document's and
 * is built each time. */
#define DEF_CACHE 16

static _Thread_local struct {
    const char *const *def;
    wordlist wl;
} def_cache[DEF_CACHE];
static _Thread_local size_t def_cached;

void load_list(const pblint_check *chk, const char *key, const char *const *def,
                      wordlist *out)
{
    bool set = pblint_check_option(chk, key) != NULL;
    for (size_t i = 0; !set && i < def_cached; i++)
        if (def_cache[i].def == def) {
            memcpy(out, &def_cache[i].wl, sizeof *out);
            return;
        }
    load_items(chk, key, def, out);
    memset(out->head1, 0, sizeof out->head1);
    memset(out->head2, 0, sizeof out->head2);
    for (size_t i = out->n; i-- > 0;) { /* from the last: each chain ends up in list order */
        size_t m = strlen(out->w[i]);
        const unsigned char *w = (const unsigned char *)out->w[i];
        out->len[i] = m;
        out->next[i] = 0;
        if (!m)
            continue;
        uint8_t *head = m == 1 ? &out->head1[w[0]] : &out->head2[word_bucket(w)];
        out->next[i] = *head;
        *head = (uint8_t)(i + 1);
    }
    if (!set && def_cached < DEF_CACHE) {
        def_cache[def_cached].def = def;
        memcpy(&def_cache[def_cached].wl, out, sizeof *out);
        def_cached++;
    }
}

void load_items(const pblint_check *chk, const char *key, const char *const *def,
                wordlist *out)
{
    out->n = 0;
    if (pblint_check_option(chk, key)) {
        const char *it;
        while (out->n < MAX_ITEMS && (it = pblint_check_option_item(chk, key, out->n)) != NULL)
            out->w[out->n++] = it;
        return;
    }
    for (; def[out->n] && out->n < MAX_ITEMS; out->n++)
        out->w[out->n] = def[out->n];
}

void copy_cut(char *buf, size_t size, const char *s, size_t n)
{
    if (size == 0)
        return;
    size_t k = strnlen(s, n);
    if (k > size - 1)
        k = size - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
}

const char *find_word(str s, const wordlist *wl, size_t *at)
{
    /* One pass over s, trying at each place only the words that begin as
     * it does: the earliest match, and at one place the word listed first,
     * as a memmem() of every word would find (that cost a call per word per
     * clause).  A one-byte word there is the first of its chain; a longer
     * one must come before it in the list. */
    if (at)
        *at = 0;
    const unsigned char *u = (const unsigned char *)s.s;
    for (size_t p = 0; p < s.n; p++) {
        size_t best = SIZE_MAX, k = wl->head1[u[p]];
        if (k)
            best = k - 1;
        if (p + 1 < s.n)
            for (k = wl->head2[word_bucket(u + p)]; k && k - 1 < best; k = wl->next[k - 1]) {
                size_t i = k - 1, m = wl->len[i];
                const unsigned char *w = (const unsigned char *)wl->w[i];
                if (m <= s.n - p && w[0] == u[p] && w[1] == u[p + 1] &&
                    memcmp(u + p + 2, w + 2, m - 2) == 0) {
                    best = i;
                    break;
                }
            }
        if (best != SIZE_MAX) {
            if (at)
                *at = p;
            return wl->w[best];
        }
    }
    return NULL;
}

/* Names (or categories) of indicators where less is better. */
static const char *const DEF_LOWER_BETTER[] = {
    "成本", "费用",   "支出", "投诉", "事故", "差错", "误差", "失误",   "违规",
    "违纪", "发生率", "死亡", "伤亡", "损失", "超支", "返工", "不合格", "逾期",
    "延误", "拖欠",   "流失", "能耗", "排放", "空置", "耗时", "用时",   NULL};

/* Words that turn a lower-is-better name round: "投诉下降率", "成本节约率". */
static const char *const DEF_HIGHER_BETTER[] = {"下降", "减少", "降低", "压减", "压缩", "节约",
                                                "节省", "缩短", "降幅", "减幅", NULL};

i128 pow10i(int n)
{
    i128 r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

int align2(i128 *a, int sa, i128 *b, int sb)
{
    if (sa < sb) {
        *a *= pow10i(sb - sa);
        return sb;
    }
    *b *= pow10i(sa - sb);
    return sa;
}

void fmt_fixed(i128 v, int scale, char *buf, size_t size)
{
    char tmp[64];
    size_t n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1u : (unsigned __int128)v;
    int digits = 0;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
        digits++;
    } while ((u > 0 || digits <= scale) && n < sizeof tmp - 2);
    /* tmp holds the digits reversed; the first `scale` of them are decimals */
    size_t lo = 0;
    int sc = scale;
    while (sc > 0 && lo < n && tmp[lo] == '0') {
        lo++;
        sc--;
    }
    char out[80];
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    for (size_t i = n; i-- > lo;) {
        out[o++] = tmp[i];
        if (sc > 0 && i == lo + (size_t)sc && i != lo)
            out[o++] = '.';
    }
    out[o] = '\0';
    if (size) {
        size_t len = o < size - 1 ? o : size - 1;
        memcpy(buf, out, len);
        buf[len] = '\0';
    }
}

void fmt_percent(i128 num, i128 den, char *buf, size_t size)
{
    if (den == 0) {
        strncpy(buf, "?", size);
        return;
    }
    i128 x = num * 1000;
    i128 q = x / den, r = x % den;
    if ((r < 0 ? -r : r) * 2 >= (den < 0 ? -den : den))
        q += ((x < 0) != (den < 0)) ? -1 : 1;
    fmt_fixed(q, 1, buf, size);
}

bool sane_decimal(pblint_decimal d)
{
    return d.mant > -MAX_MANT && d.mant < MAX_MANT && d.scale >= 0 && d.scale <= MAX_SCALE;
}

int money_pow(int mu)
{
    return pblint_money_unit_exp(mu) - pblint_money_unit_exp(PBLINT_MONEY_YUAN);
}

void to_qty(const pblint_value *v, qty *q)
{
    memset(q, 0, sizeof *q);
    if (!v)
        return;
    if (!sane_decimal(v->num) || (v->op == PBLINT_OP_RANGE && !sane_decimal(v->num2)))
        q->huge = true;
    q->op = v->op;
    q->v = v->num.mant;
    q->v2 = v->op == PBLINT_OP_RANGE ? v->num2.mant : v->num.mant;
    q->scale = v->num.scale;
    if (v->op == PBLINT_OP_RANGE)
        q->scale = align2(&q->v, v->num.scale, &q->v2, v->num2.scale);
    switch (v->kind) {
    case PBLINT_VAL_NUMBER:
        q->kind = Q_NUMBER;
        break;
    case PBLINT_VAL_PERCENT:
        q->kind = Q_PERCENT;
        break;
    case PBLINT_VAL_COUNT:
        q->kind = Q_COUNT;
        break;
    case PBLINT_VAL_PERIOD:
        q->kind = Q_PERIOD;
        break;
    case PBLINT_VAL_AMOUNT:
        q->kind = Q_AMOUNT;
        q->money_unit = v->money_unit ? v->money_unit : PBLINT_MONEY_YUAN;
        q->v *= pow10i(money_pow(q->money_unit));
        q->v2 *= pow10i(money_pow(q->money_unit));
        break;
    case PBLINT_VAL_DATE:
        if (v->year <= 0)
            return;
        q->kind = Q_DATE;
        q->scale = 0;
        q->date_prec = v->day ? 3 : v->month ? 2 : 1;
        q->v = q->v2 = (i128)v->year * 10000 + v->month * 100 + v->day;
        break;
    default:
        return;
    }
    if (q->kind == Q_COUNT || q->kind == Q_PERIOD) {
        strncpy(q->unit, v->unit, sizeof q->unit - 1);
        q->unit[sizeof q->unit - 1] = '\0';
    }
}

int period_base(const char *unit, int *factor)
{
    const char *u = unit;
    if (strncmp(u, "个", strlen("个")) == 0)
        u += strlen("个");
    static const struct {
        const char *u;
        int fam, f;
    } T[] = {{"年", 1, 12},  {"年度", 1, 12}, {"季度", 1, 3}, {"月", 1, 1},    {"周", 2, 7},
             {"星期", 2, 7}, {"天", 2, 1},    {"日", 2, 1},   {"自然日", 2, 1}};
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        if (strcmp(u, T[i].u) == 0) {
            *factor = T[i].f;
            return T[i].fam;
        }
    }
    *factor = 1;
    return 0;
}

bool same_unit(const char *a, const char *b)
{
    const char *ge = "个";
    size_t gl = strlen(ge);
    if (strncmp(a, ge, gl) == 0)
        a += gl;
    if (strncmp(b, ge, gl) == 0)
        b += gl;
    return strcmp(a, b) == 0;
}

void load_dirwords(const pblint_check *chk, dirwords *dw)
{
    load_list(chk, "lower-better", DEF_LOWER_BETTER, &dw->lower);
    load_list(chk, "higher-better", DEF_HIGHER_BETTER, &dw->higher);
}

bool lower_is_better(const str *names, size_t n, const dirwords *dw)
{
    bool low = false;
    for (size_t i = 0; i < n; i++) {
        if (find_word(names[i], &dw->higher, NULL))
            return false;
        if (find_word(names[i], &dw->lower, NULL))
            low = true;
    }
    return low;
}

void assess(const pblint_cell *tc, const pblint_cell *ac, const str *names, size_t nnames,
                   const dirwords *dw, verdict *out)
{
    memset(out, 0, sizeof *out);
    const pblint_value *tv = tc ? pblint_cell_value(tc) : NULL;
    const pblint_value *av = ac ? pblint_cell_value(ac) : NULL;
    qty t, a;
    to_qty(tv, &t);
    if (t.kind == Q_NONE)
        return;
    str tk = cell_key(tc), ak = cell_key(ac);
    if (!av || av->kind == PBLINT_VAL_EMPTY || ak.n == 0) {
        out->status = V_NC;
        out->nc = NC_BLANK;
        return;
    }
    if (str_eq(tk, ak)) {
        out->status = V_MET;
        out->dir = 0;
        return;
    }
    to_qty(av, &a);
    if (t.huge || a.huge)
        return;
    if (a.kind == Q_NONE) {
        out->status = V_NC;
        out->nc = NC_WORD;
        return;
    }
    if (a.op == PBLINT_OP_RANGE)
        return;
    int kind = t.kind;
    /* a bare number takes the other side's unit */
    if (t.kind == Q_NUMBER && a.kind != Q_NUMBER && a.kind != Q_DATE) {
        kind = a.kind;
        if (a.kind == Q_AMOUNT) {
            t.v *= pow10i(money_pow(a.money_unit));
            t.v2 *= pow10i(money_pow(a.money_unit));
            t.money_unit = a.money_unit;
        }
        memcpy(t.unit, a.unit, sizeof t.unit);
    } else if (a.kind == Q_NUMBER && t.kind != Q_DATE) {
        if (t.kind == Q_AMOUNT)
            a.v *= pow10i(money_pow(t.money_unit));
        memcpy(a.unit, t.unit, sizeof a.unit);
    } else if (t.kind != a.kind) {
        if ((t.kind == Q_PERIOD && a.kind == Q_DATE) || (t.kind == Q_DATE && a.kind == Q_PERIOD))
            return;
        out->status = V_NC;
        out->nc = NC_KIND;
        return;
    }
    out->kind = kind;
    out->money_unit = t.kind == Q_AMOUNT ? t.money_unit : a.money_unit;
    if (kind == Q_COUNT && t.kind == Q_COUNT && a.kind == Q_COUNT && !same_unit(t.unit, a.unit)) {
        out->status = V_NC;
        out->nc = NC_UNIT;
        return;
    }
    if (kind == Q_PERIOD && t.kind == Q_PERIOD && a.kind == Q_PERIOD &&
        !same_unit(t.unit, a.unit)) {
        int ft, fa;
        int bt = period_base(t.unit, &ft), ba = period_base(a.unit, &fa);
        if (!bt || bt != ba) {
            out->status = V_NC;
            out->nc = NC_UNIT;
            return;
        }
        t.v *= ft;
        t.v2 *= ft;
        a.v *= fa;
        snprintf(t.unit, sizeof t.unit, "%s", bt == 1 ? "个月" : "天");
    }
    if (kind == Q_DATE) {
        int p = t.date_prec < a.date_prec ? t.date_prec : a.date_prec;
        i128 div = p == 1 ? 10000 : p == 2 ? 100 : 1;
        t.v /= div;
        t.v2 /= div;
        a.v /= div;
    }
    snprintf(out->unit, sizeof out->unit, "%s",
             kind == Q_PERCENT ? "%"
             : t.unit[0]       ? t.unit
                               : a.unit);

    /* which way is better */
    switch (t.op) {
    case PBLINT_OP_GE:
        out->dir = DIR_HIGHER;
        break;
    case PBLINT_OP_GT:
        out->dir = DIR_HIGHER;
        out->strict = true;
        break;
    case PBLINT_OP_LE:
        out->dir = DIR_LOWER;
        break;
    case PBLINT_OP_LT:
        out->dir = DIR_LOWER;
        out->strict = true;
        break;
    case PBLINT_OP_EQ:
        out->dir = DIR_EQUAL;
        break;
    case PBLINT_OP_RANGE:
        out->dir = DIR_RANGE;
        break;
    default:
        out->assumed = true;
        out->dir = (kind == Q_PERIOD || kind == Q_DATE || lower_is_better(names, nnames, dw))
                       ? DIR_LOWER
                       : DIR_HIGHER;
        break;
    }
    if (kind == Q_DATE && (out->dir == DIR_EQUAL))
        out->dir = DIR_LOWER;

    i128 tv1 = t.v, tv2 = t.v2, avv = a.v;
    int sc = align2(&tv1, t.scale, &avv, a.scale);
    if (t.scale < sc)
        tv2 *= pow10i(sc - t.scale);
    out->t = tv1;
    out->t2 = tv2;
    out->a = avv;
    out->scale = sc;
    out->status = V_MET;
    switch (out->dir) {
    case DIR_HIGHER:
        if (avv < tv1 || (out->strict && avv == tv1)) {
            out->status = V_MISSED;
            out->gap = tv1 - avv;
            out->below = true;
        }
        break;
    case DIR_LOWER:
        if (avv > tv1 || (out->strict && avv == tv1)) {
            out->status = V_MISSED;
            out->gap = avv - tv1;
        }
        break;
    case DIR_EQUAL:
        if (avv != tv1) {
            out->status = V_MISSED;
            out->below = avv < tv1;
            out->gap = avv < tv1 ? tv1 - avv : avv - tv1;
        }
        break;
    case DIR_RANGE: {
        i128 lo = tv1 < tv2 ? tv1 : tv2, hi = tv1 < tv2 ? tv2 : tv1;
        if (avv < lo) {
            out->status = V_MISSED;
            out->below = true;
            out->gap = lo - avv;
        } else if (avv > hi) {
            out->status = V_MISSED;
            out->gap = avv - hi;
        }
        break;
    }
    default:
        break;
    }
}

pblint_span value_span(const pblint_cell *c)
{
    const pblint_value *v = c ? pblint_cell_value(c) : NULL;
    if (v && v->span.end > v->span.start)
        return v->span;
    return cell_span(c);
}

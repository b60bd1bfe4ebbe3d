/*
 * amounts: amount arithmetic in performance filings.
 *
 * Totals against the sum of their parts (fund sources, the 项目构成分解
 * breakdown, a self-evaluation's cost list and its sub-items), 单价 × 数量
 * against 明细金额, amounts stated in running text against the tables,
 * actual spending against the budget, the execution rate, and the unit,
 * precision and labels of the amounts themselves.
 *
 * Money is compared exactly in fen: amounts as written are int64, their sums,
 * products and ratios 128-bit integers built with checked operations (see
 * "Exact money arithmetic"), so a figure past 64 bits is never wrapped or
 * skipped.  Nothing here is global or mutable: checks may run concurrently.
 */
#include <pblint/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define MAX_NOTES 6      /* related-cell notes per diagnostic, then "N more" */
#define MSG_MAX 768      /* a message buffer */
#define NAME_MAX_BYTES 60 /* a quoted label or row name */

/* ------------------------------------------------------------------ */
/* Data                                                                */
/* ------------------------------------------------------------------ */

/* Names used when a field's label was inferred (empty). */
static const struct {
    const char *key;
    const char *name;
} default_names[] = {
    {"project_total", "项目总预算"}, {"year_budget", "当年预算"},  {"fiscal", "财政拨款"},
    {"fiscal_upper", "上级财政拨款"}, {"fiscal_own", "本级财政安排"}, {"fiscal_lower", "下级财政配套"},
    {"other_funds", "其他资金"},     {"carry_over", "上年结转资金"}, {"budget", "预算数"},
    {"actual", "实际支出"},          {"execution_rate", "执行率"},
};

/* narrative-amount-mismatch: words before an amount that say which figure it is. */
static const char *const budget_words[] = {
    "总投入", "预算总额", "预算总金额", "总预算", "项目资金", "预算资金", "预算金额", "资金总额",
    "投资总额", "总投资", "项目预算", "当年预算", "年度预算", "本年预算", "预算数", NULL,
};
static const char *const actual_words[] = {
    "实际开支", "实际支出", "决算", "实际使用", "实际投入", "实际到位", "执行数", "支出总额", NULL,
};
/* Words that make the amount a part, a rate or another year's figure: not compared. */
static const char *const part_words[] = {
    "其中", "包括", "包含", "每", "单价", "人均", "平均", "结余", "结转", "节约", "节余", "剩余",
    "追加", "调增", "调减", "调整", "超支", "差额", "上年", "去年", "以前年度", "累计", "分别",
    "约", "近", "超过", "不超过", "以上", "以下", NULL,
};

/* current-exceeds-total: a ticked 项目类别 with one of these runs over several years. */
static const char *const multi_year_words[] = {"中期", "跨年", "多年", NULL};

/* fund-source-label: the words each 财政拨款 sub-line must contain. */
static const char *const upper_words[] = {"上级", "中央", NULL};
static const char *const own_words[] = {"本级", NULL};
static const char *const lower_words[] = {"下级", NULL};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* A table of priced lines: a 项目构成分解 or a cost list (支出明细). */
static bool is_line_table(int kind)
{
    return kind == PBLINT_TABLE_BREAKDOWN || kind == PBLINT_TABLE_COST_LIST;
}

/* Fen in one of `unit`: 100 for 元, 10^6 for 万元. */
static int64_t unit_fen(int unit)
{
    int64_t f = 1;
    for (int e = pblint_money_unit_exp(unit); e > 0; e--)
        f *= 10;
    return f;
}

static int unit_or_yuan(int unit)
{
    return unit == PBLINT_MONEY_NONE ? PBLINT_MONEY_YUAN : unit;
}

static const char *unit_name(int unit)
{
    return pblint_money_unit_name(unit_or_yuan(unit));
}

/* ------------------------------------------------------------------ */
/* Exact money arithmetic                                              */
/* ------------------------------------------------------------------ */

/* A written amount is an int64 count of fen; a sum of amounts, or 单价 ×
 * 数量, need not fit in one (two fund lines of 92233720368547758.07 元
 * already do not).  Sums and products are therefore i128, built only with
 * checked operations, and compared and formatted as i128: a figure past
 * 64 bits is still compared exactly and shown exactly, never wrapped, never
 * skipped.  A sum is capped at MONEY_MAX fen (10^34 元).  No document pblint
 * reads can reach it (each term is below 2^63 fen, a document has fewer
 * than 2^32 cells, a product of two int64 is below 2^126); should a sum
 * ever pass it, the rule says at which cell exact arithmetic gave up
 * (report_too_large) and compares nothing. */
#define MONEY_MAX ((i128)1000000000000000000LL * 1000000000000000000LL)

/* A figure: an amount as written (its unit and decimals) or a computed sum. */
typedef struct money {
    i128 fen;
    int unit;      /* PBLINT_MONEY_* */
    int32_t scale; /* decimals as written; 2 for a computed figure */
} money;

static money money_of(const pblint_value *v)
{
    money m = {v->fen, v->money_unit, v->num.scale};
    return m;
}

static money money_fig(i128 fen, int unit)
{
    money m = {fen, unit, 2};
    return m;
}

/* *sum += fen, exactly; false (and *sum unchanged) past ±MONEY_MAX. */
static bool money_add(i128 *sum, i128 fen)
{
    i128 r;
    if (__builtin_add_overflow(*sum, fen, &r) || r > MONEY_MAX || r < -MONEY_MAX)
        return false;
    *sum = r;
    return true;
}

/* |a - b|, exact for any two i128 (unsigned arithmetic is modular). */
static u128 abs_diff(i128 a, i128 b)
{
    return a >= b ? (u128)a - (u128)b : (u128)b - (u128)a;
}

/* Where exact arithmetic gave up: the cell whose amount could not be added
 * (or multiplied) without passing MONEY_MAX.  The check compares nothing
 * that needs the figure, so no wrong "does not add up" can follow. */
static void report_too_large(pblint_check *chk, pblint_span at, const char *name, const char *what)
{
    pblint_report(chk, PBLINT_SEV_WARNING, at,
                  "%s cannot be added up exactly: with it, %s would pass 10^34 元, beyond pblint's exact "
                  "arithmetic; that sum was not checked",
                  name, what);
}

/* The granularity of a written amount in fen ("19.95" 万元 -> 10000 fen),
 * taking at least `min_scale` decimals. */
static int64_t granularity(const money *v, int min_scale)
{
    int64_t g = unit_fen(v->unit);
    int32_t scale = v->scale > min_scale ? v->scale : min_scale;
    for (int32_t s = scale; s > 0 && g > 1; s--)
        g /= 10;
    return g < 1 ? 1 : g;
}

/* Do two amounts agree?  In one unit they must be equal to the fen.  In
 * different units (a 元 table against a 万元 field, a 万元 sentence against
 * a 元 table) they must agree within half a unit of the last digit of the
 * coarser one.  A figure of the form (a field, a cell) counts as exact to at
 * least 2 decimals of its unit; a figure of running text (`text`) is as
 * precise as it is written ("24.5万元" is to 0.1 万元). */
static bool amounts_agree(money a, bool a_text, money b, bool b_text)
{
    if (a.fen == b.fen)
        return true;
    if (unit_or_yuan(a.unit) == unit_or_yuan(b.unit))
        return false;
    int64_t ga = granularity(&a, a_text ? 0 : 2), gb = granularity(&b, b_text ? 0 : 2);
    int64_t g = ga > gb ? ga : gb;
    /* 2·|a - b| <= g, without doubling: |a - b| <= floor(g / 2) */
    return abs_diff(a.fen, b.fen) <= (u128)(g / 2);
}

/* A magnitude of fen in `unit`, with a sign: "244800", "-0.05", "19.95",
 * "184467440737095516.14".  Money with a fraction shows at least 2
 * decimals (95516.40, 18.90); trailing zeros past them are dropped. */
static void fmt_mag(bool neg, u128 mag, int unit, char *buf, size_t size)
{
    int e = pblint_money_unit_exp(unit_or_yuan(unit));
    char digits[48];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag);
    while (nd <= e)
        digits[nd++] = '0';
    int keep = 0; /* fractional digits kept */
    for (int i = e - 1; i >= 0; i--)
        if (digits[e - 1 - i] != '0') {
            keep = i + 1;
            break;
        }
    if (keep > 0 && keep < 2 && e >= 2)
        keep = 2;
    char tmp[64];
    size_t o = 0;
    if (neg)
        tmp[o++] = '-';
    for (int i = nd - 1; i >= e; i--)
        tmp[o++] = digits[i];
    if (keep > 0) {
        tmp[o++] = '.';
        for (int i = e - 1; i >= e - keep; i--)
            tmp[o++] = digits[i];
    }
    tmp[o] = '\0';
    snprintf(buf, size, "%s", tmp);
}

/* "244800", "19.95": an amount or a computed figure in fen. */
static void fmt_fen(i128 fen, int unit, char *buf, size_t size)
{
    fmt_mag(fen < 0, abs_diff(fen, 0), unit, buf, size);
}

/* A decimal in plain form with trailing fractional zeros dropped. */
static void fmt_dec(pblint_decimal d, char *buf, size_t size)
{
    size_t n = pblint_decimal_format(d, buf, size);
    if (n >= size)
        n = size - 1;
    if (memchr(buf, '.', n)) {
        while (n > 0 && buf[n - 1] == '0')
            n--;
        if (n > 0 && buf[n - 1] == '.')
            n--;
        buf[n] = '\0';
    }
}

/* "(100 元 more)" / "(100 元 less)": how `a` stands against `b`, in `unit`. */
static void fmt_diff(i128 a, i128 b, int unit, char *buf, size_t size)
{
    char n[48];
    fmt_mag(false, abs_diff(a, b), unit, n, sizeof n);
    snprintf(buf, size, "%s %s %s", n, unit_name(unit), a > b ? "more" : "less");
}

/* Copies at most NAME_MAX_BYTES of s (cut at a character boundary). */
static void copy_name(const char *s, size_t len, char *buf, size_t size)
{
    size_t max = size - 1 < NAME_MAX_BYTES ? size - 1 : NAME_MAX_BYTES;
    bool cut = false;
    if (len > max) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
        cut = true;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (cut && len + 3 < size)
        strcat(buf, "…");
}

static bool is_enum_char(const char *s, size_t len, size_t *step)
{
    static const char *const cjk[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    if (len > 0 && s[0] >= '0' && s[0] <= '9') {
        *step = 1;
        return true;
    }
    /* each numeral is three bytes, led by E4 or E5: most text is passed
     * over on its first byte (every label goes through here) */
    const unsigned char *u = (const unsigned char *)s;
    if (len < 3 || (u[0] != 0xE4 && u[0] != 0xE5))
        return false;
    for (size_t i = 0; cjk[i]; i++) {
        if (u[1] == (unsigned char)cjk[i][1] && u[2] == (unsigned char)cjk[i][2] &&
            u[0] == (unsigned char)cjk[i][0]) {
            *step = 3;
            return true;
        }
    }
    return false;
}

/* Offset past a leading enumeration: "一、", "(一)", "1.", "1、", "（1）". */
static size_t skip_enumeration(const char *s, size_t len)
{
    size_t i = 0, step;
    bool paren = false;
    if (len > 0 && s[0] == '(') {
        paren = true;
        i = 1;
    } else if (len >= 3 && memcmp(s, "（", 3) == 0) {
        paren = true;
        i = 3;
    }
    size_t digits = i;
    while (i < len && is_enum_char(s + i, len - i, &step))
        i += step;
    if (i == digits)
        return 0;
    if (paren) {
        if (i < len && s[i] == ')')
            return i + 1;
        if (i + 3 <= len && memcmp(s + i, "）", 3) == 0)
            return i + 3;
        return 0;
    }
    if (i < len && (s[i] == '.' || s[i] == ' '))
        return i + 1;
    if (i + 3 <= len && (memcmp(s + i, "、", 3) == 0 || memcmp(s + i, "．", 3) == 0))
        return i + 3;
    return 0;
}

/* The label of a text with enumeration, spaces and a final colon removed. */
static void label_name(const pblint_text *t, char *buf, size_t size)
{
    size_t len = 0;
    const char *s = t ? pblint_text_key(t, &len) : "";
    size_t off = skip_enumeration(s, len);
    s += off;
    len -= off;
    while (len > 0 && s[len - 1] == ':')
        len--;
    if (len >= 3 && memcmp(s + len - 3, "：", 3) == 0)
        len -= 3;
    copy_name(s, len, buf, size);
}

static const char *default_name(const char *key)
{
    for (size_t i = 0; i < sizeof default_names / sizeof default_names[0]; i++)
        if (strcmp(default_names[i].key, key) == 0)
            return default_names[i].name;
    return key;
}

static void field_name(const pblint_field *f, const char *key, char *buf, size_t size)
{
    label_name(f ? pblint_field_label(f) : NULL, buf, size);
    if (!buf[0])
        snprintf(buf, size, "%s", default_name(key));
}

/* Where a field's value is, or where it belongs when blank. */
static pblint_span field_span(const pblint_field *f)
{
    const pblint_value *v = pblint_field_value(f);
    if (v && v->kind != PBLINT_VAL_EMPTY && v->span.end > v->span.start)
        return v->span;
    return pblint_text_span(pblint_field_text(f));
}

/* The fields that carry a fund line's amount. */
static bool is_fund_key(const char *key)
{
    static const char *const KEYS[] = {"project_total", "year_budget", "fiscal",     "fiscal_upper",
                                       "fiscal_own",    "fiscal_lower", "other_funds", "carry_over",
                                       "budget",        "actual"};
    if (!key)
        return false;
    for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++)
        if (KEYS[k][0] == key[0] && strcmp(key, KEYS[k]) == 0)
            return true;
    return false;
}

static const pblint_value *field_amount(const pblint_field *f)
{
    const pblint_value *v = f ? pblint_field_value(f) : NULL;
    return v && v->kind == PBLINT_VAL_AMOUNT ? v : NULL;
}

static bool field_blank(const pblint_field *f)
{
    if (!f)
        return false;
    const pblint_value *v = pblint_field_value(f);
    if (v)
        return v->kind == PBLINT_VAL_EMPTY;
    return pblint_text_empty(pblint_field_text(f));
}

static pblint_span cell_span(const pblint_cell *c)
{
    const pblint_value *v = pblint_cell_value(c);
    if (v && v->kind != PBLINT_VAL_EMPTY && v->span.end > v->span.start)
        return v->span;
    return pblint_text_span(pblint_cell_text(c));
}

static const pblint_value *cell_amount(const pblint_cell *c)
{
    const pblint_value *v = c ? pblint_cell_value(c) : NULL;
    return v && v->kind == PBLINT_VAL_AMOUNT ? v : NULL;
}

/* A cell that holds nothing: missing, blank, or a dash placeholder. */
static bool cell_blank(const pblint_cell *c)
{
    if (!c)
        return true;
    const pblint_value *v = pblint_cell_value(c);
    if (v)
        return v->kind == PBLINT_VAL_EMPTY;
    return pblint_text_empty(pblint_cell_text(c));
}

/* A number-like value (NUMBER, or COUNT "21个") for a quantity cell. */
static const pblint_value *cell_number(const pblint_cell *c)
{
    const pblint_value *v = c ? pblint_cell_value(c) : NULL;
    if (v && (v->kind == PBLINT_VAL_NUMBER || v->kind == PBLINT_VAL_COUNT))
        return v;
    return NULL;
}

/* The header text of a column ("明细金额", "金额"), or `def`. */
static void column_name(const pblint_table *t, int role, const char *def, char *buf, size_t size)
{
    size_t n = pblint_table_row_count(t);
    for (size_t i = 0; i < n; i++) {
        const pblint_row *r = pblint_table_row(t, i);
        if (pblint_row_kind(r) != PBLINT_ROW_HEADER)
            continue;
        const pblint_cell *c = pblint_row_cell(r, role);
        if (c && !pblint_text_empty(pblint_cell_text(c))) {
            label_name(pblint_cell_text(c), buf, size);
            /* "单价(元)", "金额(万元)": the unit is said elsewhere in the message. */
            static const char *const units[] = {"(元)", "(万元)", "(千元)", "(亿元)", NULL};
            size_t bl = strlen(buf);
            for (size_t u = 0; units[u]; u++) {
                size_t ul = strlen(units[u]);
                if (bl > ul && memcmp(buf + bl - ul, units[u], ul) == 0) {
                    buf[bl - ul] = '\0';
                    break;
                }
            }
            if (buf[0])
                return;
        }
    }
    snprintf(buf, size, "%s", def);
}

/* What a row is called: its 项目明细, 项目名称, 项目内容 or first filled cell. */
static void row_name(const pblint_row *r, char *buf, size_t size)
{
    static const int roles[] = {PBLINT_COL_ITEM, PBLINT_COL_NAME, PBLINT_COL_CONTENT, PBLINT_COL_LABEL};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        const pblint_cell *c = pblint_row_cell(r, roles[i]);
        if (c && !pblint_cell_inherited(c) && !pblint_text_empty(pblint_cell_text(c))) {
            size_t len;
            const char *s = pblint_text_str(pblint_cell_text(c), &len);
            copy_name(s, len, buf, size);
            return;
        }
    }
    size_t n = pblint_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        if (!pblint_text_empty(pblint_cell_text(c))) {
            size_t len;
            const char *s = pblint_text_str(pblint_cell_text(c), &len);
            copy_name(s, len, buf, size);
            return;
        }
    }
    snprintf(buf, size, "(unnamed row)");
}

/* The words of a list option, or the static defaults. */
typedef struct word_list {
    const pblint_check *chk;
    const char *key;
    const char *const *defaults;
} word_list;

static const char *word_at(const word_list *w, size_t i)
{
    if (w->chk && w->key && pblint_check_option(w->chk, w->key))
        return pblint_check_option_item(w->chk, w->key, i);
    return w->defaults[i];
}

/* True when s contains one of the words. */
static bool contains_word(const word_list *w, const char *s, size_t len)
{
    for (size_t i = 0;; i++) {
        const char *word = word_at(w, i);
        if (!word)
            return false;
        size_t n = strlen(word);
        if (n && n <= len && memmem(s, len, word, n))
            return true;
    }
}

/* The last occurrence of any word in [s, s+len): its start offset, or -1. */
static long last_word(const word_list *w, const char *s, size_t len, size_t *end_out)
{
    long best = -1;
    size_t best_end = 0;
    for (size_t i = 0;; i++) {
        const char *word = word_at(w, i);
        if (!word)
            break;
        size_t n = strlen(word);
        if (!n || n > len)
            continue;
        const char *p = s, *stop = s + len;
        while ((p = memmem(p, (size_t)(stop - p), word, n)) != NULL) {
            size_t end = (size_t)(p - s) + n;
            if (end > best_end || (end == best_end && (long)(p - s) < best)) {
                best_end = end;
                best = (long)(p - s);
            }
            p++;
        }
    }
    if (end_out)
        *end_out = best_end;
    return best;
}

/* A word list read once for a document's check, for the rules that look
 * for its words in many short windows: each place of a window is tried
 * only against the words that begin as it does (a bucket of the first
 * two bytes; one-byte words by their byte), where a memmem() of every
 * word cost a call per word per window. */
#define WIDX_MAX 64
#define WIDX_BUCKETS 512

typedef struct word_index {
    bool ok; /* false: the list is longer than WIDX_MAX, use the word_list */
    size_t n;
    const char *w[WIDX_MAX];
    size_t len[WIDX_MAX];
    /* index + 1 of the first word of a byte / bucket, and of the next one (0 = none) */
    uint8_t head1[256], head2[WIDX_BUCKETS], next[WIDX_MAX];
} word_index;

static size_t widx_bucket(const unsigned char *p)
{
    /* the low bits of a CJK lead byte and of a continuation byte */
    return ((size_t)(p[0] & 7u) << 6) | (p[1] & 63u);
}

static void widx_load(word_index *x, const word_list *wl)
{
    memset(x->head1, 0, sizeof x->head1);
    memset(x->head2, 0, sizeof x->head2);
    x->n = 0;
    x->ok = true;
    for (size_t i = 0;; i++) {
        const char *w = word_at(wl, i);
        if (!w)
            break;
        size_t n = strlen(w);
        if (!n)
            continue; /* never matches */
        if (x->n == WIDX_MAX) {
            x->ok = false;
            return;
        }
        uint8_t *head = n == 1 ? &x->head1[(unsigned char)w[0]]
                               : &x->head2[widx_bucket((const unsigned char *)w)];
        x->w[x->n] = w;
        x->len[x->n] = n;
        x->next[x->n] = *head; /* the order within a bucket does not matter */
        *head = (uint8_t)(x->n + 1);
        x->n++;
    }
}

/* The index of wl: built into own when its option is set, else the index
 * of its defaults, built once per thread into *def (*ready says it is):
 * the defaults never change, and an option's words are the document's. */
static const word_index *widx_of(const word_list *wl, word_index *own, word_index *def,
                                 bool *ready)
{
    if (wl->chk && wl->key && pblint_check_option(wl->chk, wl->key)) {
        widx_load(own, wl);
        return own;
    }
    if (!*ready) {
        widx_load(def, wl);
        *ready = true;
    }
    return def;
}

/* The length of the longest word of x at s + p (p < len), 0 if none. */
static size_t widx_at(const word_index *x, const char *s, size_t len, size_t p)
{
    const unsigned char *u = (const unsigned char *)s + p;
    size_t left = len - p, best = 0;
    for (size_t k = x->head1[u[0]]; k; k = x->next[k - 1])
        best = 1;
    if (left >= 2)
        for (size_t k = x->head2[widx_bucket(u)]; k; k = x->next[k - 1]) {
            size_t i = k - 1, n = x->len[i];
            if (n > best && n <= left && (unsigned char)x->w[i][0] == u[0] &&
                (unsigned char)x->w[i][1] == u[1] && memcmp(u + 2, x->w[i] + 2, n - 2) == 0)
                best = n;
        }
    return best;
}

/* contains_word() through the index. */
static bool widx_contains(const word_index *x, const word_list *wl, const char *s, size_t len)
{
    if (!x->ok)
        return contains_word(wl, s, len);
    for (size_t p = 0; p < len; p++)
        if (widx_at(x, s, len, p))
            return true;
    return false;
}

/* last_word() through the index: the occurrence that ends last, the one
 * that starts first among those (which a word-by-word search finds too). */
static long widx_last(const word_index *x, const word_list *wl, const char *s, size_t len,
                      size_t *end_out)
{
    if (!x->ok)
        return last_word(wl, s, len, end_out);
    long best = -1;
    size_t best_end = 0;
    for (size_t p = 0; p < len; p++) {
        size_t n = widx_at(x, s, len, p); /* the longest here ends last */
        if (n && p + n > best_end) {      /* a later p with the same end starts later */
            best_end = p + n;
            best = (long)p;
        }
    }
    if (end_out)
        *end_out = best_end;
    return best;
}

/* ------------------------------------------------------------------ */
/* fund-total-sum, fiscal-subtotal-sum                                 */
/* ------------------------------------------------------------------ */

/* Checks total == Σ parts over fund fields; blank parts count as 0. */
static int check_field_sum(pblint_check *chk, const pblint_doc *doc, const char *total_key,
                           const char *const *part_keys, size_t nparts)
{
    const pblint_field *tf = pblint_doc_field(doc, total_key);
    const pblint_value *tv = field_amount(tf);
    if (!tv)
        return 0;
    const pblint_field *pf[8];
    i128 sum = 0; /* exact: two lines of 92233720368547758.07 元 do not fit in int64 */
    size_t valued = 0;
    if (nparts > 8)
        nparts = 8;
    for (size_t i = 0; i < nparts; i++) {
        pf[i] = pblint_doc_field(doc, part_keys[i]);
        const pblint_value *v = field_amount(pf[i]);
        if (v) {
            if (!money_add(&sum, v->fen)) {
                char n[NAME_MAX_BYTES + 8], tn[NAME_MAX_BYTES + 8], what[NAME_MAX_BYTES + 40];
                field_name(pf[i], part_keys[i], n, sizeof n);
                field_name(tf, total_key, tn, sizeof tn);
                snprintf(what, sizeof what, "the sum checked against %s", tn);
                report_too_large(chk, field_span(pf[i]), n, what);
                return 0;
            }
            valued++;
        } else if (pf[i] && !field_blank(pf[i])) {
            return 0; /* a part that is not an amount: the sum is unknown */
        }
    }
    if (valued == 0 || sum == tv->fen)
        return 0;

    int unit = tv->money_unit;
    char names[MSG_MAX] = "", tname[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
    for (size_t i = 0; i < nparts; i++) {
        if (!pf[i])
            continue;
        char n[NAME_MAX_BYTES + 8];
        field_name(pf[i], part_keys[i], n, sizeof n);
        if (names[0])
            strncat(names, " + ", sizeof names - strlen(names) - 1);
        strncat(names, n, sizeof names - strlen(names) - 1);
    }
    field_name(tf, total_key, tname, sizeof tname);
    fmt_fen(sum, unit, a, sizeof a);
    fmt_fen(tv->fen, unit, b, sizeof b);
    fmt_diff(tv->fen, sum, unit, d, sizeof d);
    pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, field_span(tf),
                                    "%s = %s %s, but %s is %s %s (%s)", names, a, unit_name(unit), tname,
                                    b, unit_name(unit), d);
    if (!dg)
        return 0;
    for (size_t i = 0; i < nparts; i++) {
        if (!pf[i])
            continue;
        char n[NAME_MAX_BYTES + 8];
        field_name(pf[i], part_keys[i], n, sizeof n);
        const pblint_value *v = field_amount(pf[i]);
        if (v) {
            fmt_fen(v->fen, v->money_unit, a, sizeof a);
            pblint_diag_add_note(dg, field_span(pf[i]), "%s is %s %s", n, a, unit_name(v->money_unit));
        } else {
            pblint_diag_add_note(dg, field_span(pf[i]), "%s is blank: read as 0", n);
        }
    }
    return 0;
}

static int check_fund_total_sum(pblint_check *chk, const pblint_doc *doc)
{
    static const char *const parts[] = {"fiscal", "other_funds", "carry_over"};
    return check_field_sum(chk, doc, "year_budget", parts, 3);
}

static int check_fiscal_subtotal_sum(pblint_check *chk, const pblint_doc *doc)
{
    static const char *const parts[] = {"fiscal_upper", "fiscal_own", "fiscal_lower"};
    return check_field_sum(chk, doc, "fiscal", parts, 3);
}

/* ------------------------------------------------------------------ */
/* current-exceeds-total                                               */
/* ------------------------------------------------------------------ */

static int check_current_exceeds_total(pblint_check *chk, const pblint_doc *doc)
{
    const pblint_field *yf = pblint_doc_field(doc, "year_budget");
    const pblint_field *pf = pblint_doc_field(doc, "project_total");
    const pblint_value *yv = field_amount(yf), *pv = field_amount(pf);
    if (!yv || !pv || yv->fen == pv->fen)
        return 0;
    char yn[NAME_MAX_BYTES + 8], pn[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
    int unit = yv->money_unit;
    field_name(yf, "year_budget", yn, sizeof yn);
    field_name(pf, "project_total", pn, sizeof pn);
    fmt_fen(yv->fen, unit, a, sizeof a);
    fmt_fen(pv->fen, unit, b, sizeof b);
    fmt_diff(yv->fen, pv->fen, unit, d, sizeof d);
    if (yv->fen > pv->fen) {
        pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, field_span(yf),
                                        "%s is %s %s, more than %s %s %s (%s): one year cannot need more than "
                                        "the whole project",
                                        yn, a, unit_name(unit), pn, b, unit_name(unit), d);
        if (dg)
            pblint_diag_add_note(dg, field_span(pf), "%s is %s %s", pn, b, unit_name(unit));
        return 0;
    }
    /* Less than the total: expected for a multi-year project, not for one
     * that starts and ends in the same year. */
    if (!pblint_check_option_bool(chk, "one-year", true))
        return 0;
    const pblint_field *sf = pblint_doc_field(doc, "start_date");
    const pblint_field *ef = pblint_doc_field(doc, "end_date");
    const pblint_value *sv = sf ? pblint_field_value(sf) : NULL;
    const pblint_value *ev = ef ? pblint_field_value(ef) : NULL;
    if (!sv || !ev || sv->kind != PBLINT_VAL_DATE || ev->kind != PBLINT_VAL_DATE || sv->year == 0 ||
        sv->year != ev->year)
        return 0;
    /* A ticked multi-year kind (中期预算试点项目) explains the difference. */
    const pblint_field *kf = pblint_doc_field(doc, "project_kind");
    size_t nk = kf ? pblint_field_choice_count(kf) : 0;
    word_list mw = {chk, "multi-year-words", multi_year_words};
    for (size_t i = 0; i < nk; i++) {
        pblint_choice ch;
        size_t ll;
        if (pblint_field_choice(kf, i, &ch) != 0 || !ch.checked || !ch.label)
            continue;
        const char *l = pblint_text_str(ch.label, &ll);
        if (contains_word(&mw, l, ll))
            return 0;
    }
    pblint_diag *dg = pblint_report(chk, PBLINT_SEV_NOTE, field_span(yf),
                                    "the project runs within %d, but %s is %s %s, less than %s %s %s (%s)",
                                    sv->year, yn, a, unit_name(unit), pn, b, unit_name(unit), d);
    if (dg) {
        pblint_diag_add_note(dg, field_span(pf), "%s is %s %s", pn, b, unit_name(unit));
        pblint_diag_add_note(dg, sv->span, "the project starts here");
        pblint_diag_add_note(dg, ev->span, "and ends here, in the same year");
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Table sums                                                          */
/* ------------------------------------------------------------------ */

/* The sum of a table's top-level data rows and its stated total. */
typedef struct table_sum {
    bool valid;          /* every top-level amount is an amount or blank, and the sums are exact */
    size_t rows;         /* top-level data rows with an amount cell */
    size_t valued;       /* of which hold an amount */
    i128 sum;            /* Σ top-level amounts, in fen (exact, see money_add) */
    int unit;            /* the table's money unit */
    const pblint_row *total_row;    /* the last TOTAL row with an amount */
    const pblint_value *total;      /* its amount */
    const pblint_cell *total_cell;
    i128 earlier_totals; /* Σ of the amounts of earlier TOTAL rows */
    size_t ntotals;
    const pblint_cell *too_large;   /* the cell at which a sum passed MONEY_MAX, or NULL */
    const pblint_row *too_large_row;
} table_sum;

static void sum_table(const pblint_table *t, table_sum *ts)
{
    memset(ts, 0, sizeof *ts);
    ts->valid = true;
    ts->unit = pblint_table_money_unit(t);
    size_t n = pblint_table_row_count(t);
    for (size_t i = 0; i < n; i++) {
        const pblint_row *r = pblint_table_row(t, i);
        int kind = pblint_row_kind(r);
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
        if (kind == PBLINT_ROW_TOTAL) {
            const pblint_value *v = cell_amount(c);
            if (!v)
                continue;
            if (ts->total && !money_add(&ts->earlier_totals, ts->total->fen) && !ts->too_large) {
                ts->valid = false;
                ts->too_large = ts->total_cell;
                ts->too_large_row = ts->total_row;
            }
            ts->total_row = r;
            ts->total = v;
            ts->total_cell = c;
            ts->ntotals++;
            continue;
        }
        if (kind != PBLINT_ROW_DATA || pblint_row_parent(r) >= 0)
            continue;
        if (!c)
            continue;
        ts->rows++;
        const pblint_value *v = cell_amount(c);
        if (v) {
            ts->valued++;
            if (!money_add(&ts->sum, v->fen) && !ts->too_large) {
                ts->valid = false;
                ts->too_large = c;
                ts->too_large_row = r;
            }
        } else if (!cell_blank(c)) {
            ts->valid = false;
        }
    }
}

/* A table sum that passed MONEY_MAX, said at the cell where it did. */
static void report_table_too_large(pblint_check *chk, const pblint_table *t, const table_sum *ts, const char *what)
{
    char rn[NAME_MAX_BYTES + 8], col[NAME_MAX_BYTES + 8], nm[2 * NAME_MAX_BYTES + 24];
    row_name(ts->too_large_row, rn, sizeof rn);
    column_name(t, PBLINT_COL_AMOUNT, "金额", col, sizeof col);
    snprintf(nm, sizeof nm, "%s (%s)", col, rn);
    report_too_large(chk, cell_span(ts->too_large), nm, what);
}

/* Notes at the top-level amount cells of a table (capped). */
static void note_rows(pblint_diag *dg, const pblint_table *t, const char *colname)
{
    size_t n = pblint_table_row_count(t), shown = 0, more = 0;
    bool blank_said = false;
    const pblint_cell *last = NULL;
    for (size_t i = 0; i < n; i++) {
        const pblint_row *r = pblint_table_row(t, i);
        if (pblint_row_kind(r) != PBLINT_ROW_DATA || pblint_row_parent(r) >= 0)
            continue;
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
        if (!c)
            continue;
        const pblint_value *v = cell_amount(c);
        char rn[NAME_MAX_BYTES + 8], a[48];
        if (shown >= MAX_NOTES) {
            more++;
            last = c;
            continue;
        }
        row_name(r, rn, sizeof rn);
        if (v) {
            fmt_fen(v->fen, v->money_unit, a, sizeof a);
            pblint_diag_add_note(dg, cell_span(c), "%s %s %s (%s)", colname, a, unit_name(v->money_unit), rn);
            shown++;
        } else if (!blank_said) {
            pblint_diag_add_note(dg, cell_span(c), "%s is blank (%s): read as 0", colname, rn);
            blank_said = true;
            shown++;
        }
    }
    if (more && last)
        pblint_diag_add_note(dg, cell_span(last), "and %zu more row%s, the last here", more, more == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* breakdown-sum                                                       */
/* ------------------------------------------------------------------ */

static int check_breakdown_sum(pblint_check *chk, const pblint_doc *doc)
{
    size_t nt = pblint_doc_table_count(doc);
    size_t nbreak = 0;
    i128 combined = 0;
    bool combined_ok = true;
    const pblint_table *first = NULL;
    table_sum first_ts;
    memset(&first_ts, 0, sizeof first_ts);

    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_BREAKDOWN || !pblint_table_has_column(t, PBLINT_COL_AMOUNT))
            continue;
        table_sum ts;
        sum_table(t, &ts);
        if (ts.too_large)
            report_table_too_large(chk, t, &ts, "the sum of the breakdown");
        if (!ts.valid || ts.valued == 0) {
            combined_ok = false;
            continue;
        }
        char col[NAME_MAX_BYTES + 8], tn[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
        column_name(t, PBLINT_COL_AMOUNT, "明细金额", col, sizeof col);
        if (ts.total && ts.total->fen != ts.sum &&
            !(ts.ntotals > 1 && ts.total->fen == ts.earlier_totals)) {
            int unit = ts.total->money_unit;
            row_name(ts.total_row, tn, sizeof tn);
            fmt_fen(ts.total->fen, unit, a, sizeof a);
            fmt_fen(ts.sum, unit, b, sizeof b);
            fmt_diff(ts.total->fen, ts.sum, unit, d, sizeof d);
            pblint_diag *dg;
            if (ts.rows == 1)
                dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ts.total_cell),
                                   "%s is %s %s, but the only %s is %s %s (%s)", tn, a, unit_name(unit), col, b,
                                   unit_name(unit), d);
            else
                dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ts.total_cell),
                                   "%s is %s %s, but the %zu %s add up to %s %s (%s)", tn, a, unit_name(unit),
                                   ts.rows, col, b, unit_name(unit), d);
            if (dg)
                note_rows(dg, t, col);
        }
        if (nbreak == 0) {
            first = t;
            first_ts = ts;
        }
        nbreak++;
        if (combined_ok && !money_add(&combined, ts.total ? ts.total->fen : ts.sum)) {
            combined_ok = false;
            if (ts.total) {
                char rn[NAME_MAX_BYTES + 8];
                row_name(ts.total_row, rn, sizeof rn);
                report_too_large(chk, cell_span(ts.total_cell), rn, "the sum of the breakdown tables");
            } else {
                report_too_large(chk, pblint_table_span(t), "this table's sum", "the sum of the breakdown tables");
            }
        }
    }
    if (nbreak == 0 || !combined_ok)
        return 0;

    /* The breakdown against the budget. */
    const pblint_field *bf = pblint_doc_field(doc, "year_budget");
    const char *bkey = "year_budget";
    if (!field_amount(bf)) {
        bf = pblint_doc_field(doc, "project_total");
        bkey = "project_total";
    }
    const pblint_value *bv = field_amount(bf);
    if (!bv)
        return 0;
    const table_sum *ts = &first_ts;
    money budget = money_of(bv);
    money fig = money_fig(0, ts->unit);
    if (nbreak == 1) {
        if (ts->total) {
            fig = money_of(ts->total);
            /* The total and the rows disagree (reported above): if either
             * matches the budget, that is the one mismatch. */
            money rows = fig;
            rows.fen = ts->sum;
            if (ts->total->fen != ts->sum &&
                (amounts_agree(rows, false, budget, false) || amounts_agree(fig, false, budget, false)))
                return 0;
        } else {
            fig.fen = ts->sum;
        }
    } else {
        fig.fen = combined;
    }
    if (amounts_agree(fig, false, budget, false))
        return 0;

    char bn[NAME_MAX_BYTES + 8], what[MSG_MAX], a[48], b[48], d[64], col[NAME_MAX_BYTES + 8];
    int unit = unit_or_yuan(fig.unit);
    field_name(bf, bkey, bn, sizeof bn);
    column_name(first, PBLINT_COL_AMOUNT, "明细金额", col, sizeof col);
    pblint_span at;
    if (nbreak == 1 && ts->total) {
        row_name(ts->total_row, what, sizeof what);
        at = cell_span(ts->total_cell);
    } else if (nbreak == 1) {
        snprintf(what, sizeof what, "the %zu %s add up to", ts->rows, col);
        at = pblint_table_span(first);
    } else {
        snprintf(what, sizeof what, "the %zu breakdown tables add up to", nbreak);
        at = pblint_table_span(first);
    }
    fmt_fen(fig.fen, unit, a, sizeof a);
    fmt_fen(bv->fen, bv->money_unit, b, sizeof b);
    fmt_diff(fig.fen, bv->fen, unit, d, sizeof d);
    bool verb = nbreak == 1 && ts->total;
    pblint_diag *dg;
    if (unit_or_yuan(bv->money_unit) != unit) {
        char b2[48];
        fmt_fen(bv->fen, unit, b2, sizeof b2);
        dg = pblint_report(chk, PBLINT_SEV_DEFAULT, at, "%s%s %s %s, but %s is %s %s (%s %s; %s)", what,
                           verb ? " is" : "", a, unit_name(unit), bn, b, unit_name(bv->money_unit), b2,
                           unit_name(unit), d);
    } else {
        dg = pblint_report(chk, PBLINT_SEV_DEFAULT, at, "%s%s %s %s, but %s is %s %s (%s)", what,
                           verb ? " is" : "", a, unit_name(unit), bn, b, unit_name(unit), d);
    }
    if (dg) {
        pblint_diag_add_note(dg, field_span(bf), "%s is %s %s", bn, b, unit_name(bv->money_unit));
        if (!(nbreak == 1 && ts->total))
            note_rows(dg, first, col);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* line-unit-price                                                     */
/* ------------------------------------------------------------------ */

static i128 pow10_128(int n)
{
    i128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* 单价 × 数量 as an exact fraction: price_fen × qty.mant over
 * 10^qty.scale × div (qty.scale <= 12 and div <= 10000, so the divisor is
 * below 10^17; the numerator, a product of two int64, below 2^126).
 * False if an operation overflows, which these bounds rule out. */
static bool product_parts(int64_t price_fen, pblint_decimal qty, int64_t div, i128 *num, i128 *den)
{
    if (qty.scale < 0 || qty.scale > 12 || div < 1 || div > 10000)
        return false;
    return !__builtin_mul_overflow((i128)price_fen, (i128)qty.mant, num) &&
           !__builtin_mul_overflow(pow10_128(qty.scale), (i128)div, den);
}

/* Does price_fen × qty (qty = mant·10^-qs), divided by `div`, agree with
 * amount within half its granularity g (in fen)?  1 yes, 0 no, -1 when it
 * cannot be computed exactly. */
static int product_matches(int64_t price_fen, pblint_decimal qty, int64_t div, int64_t amount_fen, int64_t g)
{
    /* Everything scaled by 10^qs · div. */
    i128 p, scale, a, tol;
    if (!product_parts(price_fen, qty, div, &p, &scale) || __builtin_mul_overflow((i128)amount_fen, scale, &a) ||
        __builtin_mul_overflow((i128)g, scale, &tol))
        return -1;
    /* 2·|p - a| <= g·scale, without doubling */
    return abs_diff(p, a) <= (u128)(tol / 2);
}

/* price_fen × qty / div in fen, rounded half away from zero; false when it
 * cannot be computed exactly.  The result may be past int64 (单价
 * 92233720368547758.07 × 40000): it is i128, never cut. */
static bool product_fen(int64_t price_fen, pblint_decimal qty, int64_t div, i128 *out)
{
    i128 p, scale;
    if (!product_parts(price_fen, qty, div, &p, &scale))
        return false;
    i128 q = p / scale, r = p % scale;
    /* |r| < scale < 10^17: doubling it cannot overflow */
    if (2 * (r < 0 ? -r : r) >= scale)
        q += p < 0 ? -1 : 1;
    *out = q;
    return true;
}

static int check_line_unit_price(pblint_check *chk, const pblint_doc *doc)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_BREAKDOWN || !pblint_table_has_column(t, PBLINT_COL_UNIT_PRICE) ||
            !pblint_table_has_column(t, PBLINT_COL_QUANTITY))
            continue;
        char pcol[NAME_MAX_BYTES + 8], qcol[NAME_MAX_BYTES + 8], acol[NAME_MAX_BYTES + 8];
        column_name(t, PBLINT_COL_UNIT_PRICE, "单价", pcol, sizeof pcol);
        column_name(t, PBLINT_COL_QUANTITY, "数量", qcol, sizeof qcol);
        column_name(t, PBLINT_COL_AMOUNT, "明细金额", acol, sizeof acol);
        size_t n = pblint_table_row_count(t), checked = 0, yuan_lines = 0, yuan_more = 0;
        char yuan_first[MSG_MAX] = "", yuan_qty[48] = "", yuan_amount[48] = "";
        pblint_span yuan_at = {0, 0}, yuan_qty_at = {0, 0}, yuan_amount_at = {0, 0}, yuan_more_at[3];
        int yuan_unit = PBLINT_MONEY_WAN;
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *ac = pblint_row_cell(r, PBLINT_COL_AMOUNT);
            const pblint_cell *pc = pblint_row_cell(r, PBLINT_COL_UNIT_PRICE);
            const pblint_cell *qc = pblint_row_cell(r, PBLINT_COL_QUANTITY);
            const pblint_value *av = cell_amount(ac), *pv = cell_amount(pc), *qv = cell_number(qc);
            if (!av || !pv || !qv || qv->op == PBLINT_OP_RANGE || qv->num.scale > 12)
                continue;
            checked++;
            int aunit = unit_or_yuan(av->money_unit);
            int64_t g = unit_fen(aunit);
            for (int s = av->num.scale > 2 ? av->num.scale : 2; s > 0 && g > 1; s--)
                g /= 10;
            if (g < 1)
                g = 1;
            char rn[NAME_MAX_BYTES + 8], ps[48], qs[48], prod[48], am[48], d[64];
            i128 pf;
            int match = product_matches(pv->fen, qv->num, 1, av->fen, g);
            if (match < 0 || !product_fen(pv->fen, qv->num, 1, &pf)) {
                /* Cannot happen within the bounds of product_parts; said, not skipped. */
                row_name(r, rn, sizeof rn);
                pblint_report(chk, PBLINT_SEV_WARNING, cell_span(pc),
                              "%s: %s × %s cannot be computed exactly; the line was not checked", rn, pcol, qcol);
                continue;
            }
            if (match)
                continue;
            /* 单价 written in 元 in a 万元 table, with no unit of its own. */
            bool try_yuan = unit_or_yuan(pv->money_unit) == PBLINT_MONEY_WAN &&
                            !(pv->flags & PBLINT_VALF_UNIT_EXPLICIT);
            bool yuan_match = try_yuan && product_matches(pv->fen, qv->num, 10000, av->fen, g) == 1;

            row_name(r, rn, sizeof rn);
            fmt_dec(qv->num, qs, sizeof qs);
            fmt_fen(av->fen, aunit, am, sizeof am);
            if (yuan_match) {
                /* Said once per table, at the first such line. */
                if (yuan_lines++ == 0) {
                    int64_t yuan_price_fen = pv->fen / 10000;
                    i128 pfy;
                    if (!product_fen(pv->fen, qv->num, 10000, &pfy))
                        pfy = 0;
                    char py[48], prod_y[48];
                    fmt_fen(yuan_price_fen, PBLINT_MONEY_YUAN, py, sizeof py);
                    fmt_fen(pfy, PBLINT_MONEY_YUAN, prod_y, sizeof prod_y);
                    fmt_dec(pv->num, ps, sizeof ps);
                    snprintf(yuan_first, sizeof yuan_first, "%s %s of %s matches %s only when read in 元 (%s 元 × %s = %s 元 = %s %s)",
                             pcol, ps, rn, acol, py, qs, prod_y, am, unit_name(aunit));
                    yuan_at = cell_span(pc);
                    yuan_qty_at = cell_span(qc);
                    yuan_amount_at = cell_span(ac);
                    yuan_unit = aunit;
                    snprintf(yuan_qty, sizeof yuan_qty, "%s", qs);
                    snprintf(yuan_amount, sizeof yuan_amount, "%s", am);
                } else if (yuan_more < 3) {
                    yuan_more_at[yuan_more++] = cell_span(pc);
                }
                continue;
            }
            fmt_fen(pv->fen, pv->money_unit, ps, sizeof ps);
            fmt_fen(pf, aunit, prod, sizeof prod);
            fmt_diff(av->fen, pf, aunit, d, sizeof d);
            pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ac),
                                            "%s: %s × %s = %s %s × %s = %s %s, but %s is %s %s (%s)", rn, pcol,
                                            qcol, ps, unit_name(pv->money_unit), qs, prod, unit_name(aunit), acol,
                                            am, unit_name(aunit), d);
            if (!dg)
                continue;
            pblint_diag_add_note(dg, cell_span(pc), "%s is %s %s", pcol, ps, unit_name(pv->money_unit));
            pblint_diag_add_note(dg, cell_span(qc), "%s is %s", qcol, qs);
            if (try_yuan && pblint_decimal_cmp(pv->num, av->num) > 0) {
                i128 py;
                char pys[48];
                if (product_fen(pv->fen, qv->num, 10000, &py)) {
                    fmt_fen(py, aunit, pys, sizeof pys);
                    pblint_diag_add_note(dg, cell_span(pc),
                                         "read in 元, %s gives %s %s × %s = %s %s, which does not match either",
                                         pcol, ps, "元", qs, pys, unit_name(aunit));
                }
            }
        }
        if (yuan_lines) {
            char lines[64] = "";
            if (checked > 1)
                snprintf(lines, sizeof lines, " (%zu of the %zu lines)", yuan_lines, checked);
            pblint_diag *dg = pblint_report(chk, PBLINT_SEV_NOTE, yuan_at,
                                            "%s, but the table's amounts are in %s%s: write the unit in the header, "
                                            "%s（元）, or give %s in %s",
                                            yuan_first, unit_name(yuan_unit), lines, pcol, pcol,
                                            unit_name(yuan_unit));
            if (dg) {
                pblint_diag_add_note(dg, yuan_qty_at, "%s is %s", qcol, yuan_qty);
                pblint_diag_add_note(dg, yuan_amount_at, "%s is %s %s", acol, yuan_amount, unit_name(yuan_unit));
                for (size_t k = 0; k < yuan_more; k++)
                    pblint_diag_add_note(dg, yuan_more_at[k], "this %s too", pcol);
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* subtotal-tree                                                       */
/* ------------------------------------------------------------------ */

typedef struct child_acc {
    i128 sum; /* exact, see money_add */
    uint32_t count;
    bool invalid;
    long first_child;  /* row index of the first direct child, or -1 */
    long next_sibling; /* row index of the next child of the same parent, or -1 */
} child_acc;

/* Notes at the direct children of row `parent` (capped); linear in its children. */
static void note_children(pblint_diag *dg, const pblint_table *t, const child_acc *acc, size_t parent,
                          const char *col)
{
    size_t shown = 0, more = 0;
    const pblint_cell *last = NULL;
    for (long i = acc[parent].first_child; i >= 0; i = acc[i].next_sibling) {
        const pblint_row *r = pblint_table_row(t, (size_t)i);
        const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
        if (!c)
            continue;
        if (shown >= MAX_NOTES) {
            more++;
            last = c;
            continue;
        }
        char rn[NAME_MAX_BYTES + 8], a[48];
        row_name(r, rn, sizeof rn);
        const pblint_value *v = cell_amount(c);
        if (v) {
            fmt_fen(v->fen, v->money_unit, a, sizeof a);
            pblint_diag_add_note(dg, cell_span(c), "%s %s %s (%s)", col, a, unit_name(v->money_unit), rn);
        } else {
            pblint_diag_add_note(dg, cell_span(c), "%s is blank (%s): read as 0", col, rn);
        }
        shown++;
    }
    if (more && last)
        pblint_diag_add_note(dg, cell_span(last), "and %zu more sub-item%s, the last here", more,
                             more == 1 ? "" : "s");
}

static int check_subtotal_tree(pblint_check *chk, const pblint_doc *doc)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        int kind = pblint_table_kind(t);
        if (!is_line_table(kind) ||
            !pblint_table_has_column(t, PBLINT_COL_AMOUNT))
            continue;
        size_t n = pblint_table_row_count(t);
        bool nested = false;
        for (size_t i = 0; i < n && !nested; i++)
            nested = pblint_row_parent(pblint_table_row(t, i)) >= 0;
        char col[NAME_MAX_BYTES + 8];
        column_name(t, PBLINT_COL_AMOUNT, "金额", col, sizeof col);

        if (nested) {
            child_acc *acc = calloc(n, sizeof *acc);
            if (!acc)
                return PBLINT_ENOMEM;
            for (size_t i = 0; i < n; i++)
                acc[i].first_child = acc[i].next_sibling = -1;
            /* Children lists, built backwards so that they come out in order. */
            for (size_t i = n; i-- > 0;) {
                const pblint_row *r = pblint_table_row(t, i);
                long p = pblint_row_parent(r);
                if (pblint_row_kind(r) != PBLINT_ROW_DATA || p < 0 || (size_t)p >= n || (size_t)p == i)
                    continue;
                acc[i].next_sibling = acc[p].first_child;
                acc[p].first_child = (long)i;
            }
            for (size_t i = 0; i < n; i++) {
                const pblint_row *r = pblint_table_row(t, i);
                long p = pblint_row_parent(r);
                if (pblint_row_kind(r) != PBLINT_ROW_DATA || p < 0 || (size_t)p >= n)
                    continue;
                const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
                const pblint_value *v = cell_amount(c);
                acc[p].count++;
                if (v) {
                    if (!acc[p].invalid && !money_add(&acc[p].sum, v->fen)) {
                        char rn[NAME_MAX_BYTES + 8], nm[2 * NAME_MAX_BYTES + 24], pn[NAME_MAX_BYTES + 8];
                        char what[NAME_MAX_BYTES + 48];
                        row_name(r, rn, sizeof rn);
                        row_name(pblint_table_row(t, (size_t)p), pn, sizeof pn);
                        snprintf(nm, sizeof nm, "%s (%s)", col, rn);
                        snprintf(what, sizeof what, "the sum of the sub-items of %s", pn);
                        report_too_large(chk, cell_span(c), nm, what);
                        acc[p].invalid = true;
                    }
                } else if (!cell_blank(c)) {
                    acc[p].invalid = true;
                }
            }
            for (size_t i = 0; i < n; i++) {
                if (acc[i].count == 0 || acc[i].invalid)
                    continue;
                const pblint_row *r = pblint_table_row(t, i);
                const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
                const pblint_value *v = cell_amount(c);
                if (!v || v->fen == acc[i].sum)
                    continue;
                char rn[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
                int unit = v->money_unit;
                row_name(r, rn, sizeof rn);
                fmt_fen(v->fen, unit, a, sizeof a);
                fmt_fen(acc[i].sum, unit, b, sizeof b);
                fmt_diff(v->fen, acc[i].sum, unit, d, sizeof d);
                pblint_diag *dg;
                if (acc[i].count == 1)
                    dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(c),
                                       "%s is %s %s, but its only sub-item is %s %s (%s)", rn, a, unit_name(unit), b,
                                       unit_name(unit), d);
                else
                    dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(c),
                                       "%s is %s %s, but its %u sub-items add up to %s %s (%s)", rn, a,
                                       unit_name(unit), acc[i].count, b, unit_name(unit), d);
                if (dg)
                    note_children(dg, t, acc, i, col);
            }
            free(acc);
        }

        /* Top-level items against the TOTAL row (breakdown-sum does the
         * breakdown tables). */
        if (kind != PBLINT_TABLE_COST_LIST)
            continue;
        table_sum ts;
        sum_table(t, &ts);
        if (ts.too_large)
            report_table_too_large(chk, t, &ts, "the sum of the top-level items");
        if (!ts.valid || ts.valued == 0 || !ts.total || ts.total->fen == ts.sum ||
            (ts.ntotals > 1 && ts.total->fen == ts.earlier_totals))
            continue;
        char tn[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
        int unit = ts.total->money_unit;
        row_name(ts.total_row, tn, sizeof tn);
        fmt_fen(ts.total->fen, unit, a, sizeof a);
        fmt_fen(ts.sum, unit, b, sizeof b);
        fmt_diff(ts.total->fen, ts.sum, unit, d, sizeof d);
        pblint_diag *dg;
        if (ts.rows == 1)
            dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ts.total_cell),
                               "%s is %s %s, but the only top-level item is %s %s (%s)", tn, a, unit_name(unit), b,
                               unit_name(unit), d);
        else
            dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ts.total_cell),
                               "%s is %s %s, but the %zu top-level items add up to %s %s (%s)", tn, a,
                               unit_name(unit), ts.rows, b, unit_name(unit), d);
        if (dg)
            note_rows(dg, t, col);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* narrative-amount-mismatch                                           */
/* ------------------------------------------------------------------ */

typedef struct ref_fig {
    money v;            /* the figure (fen, unit, scale) */
    pblint_span at;     /* where it is */
    bool text;          /* the figure comes from running text (budget, actual) */
    char name[NAME_MAX_BYTES + 40];
} ref_fig;

#define MAX_REFS 16

typedef struct refs {
    ref_fig r[MAX_REFS];
    size_t n;
} refs;

static void add_ref(refs *rs, money v, pblint_span at, bool text, const char *name)
{
    if (rs->n >= MAX_REFS)
        return;
    ref_fig *f = &rs->r[rs->n++];
    f->v = v;
    f->at = at;
    f->text = text;
    snprintf(f->name, sizeof f->name, "%s", name);
}

static void add_field_ref(refs *rs, const pblint_doc *doc, const char *key)
{
    const pblint_field *f = pblint_doc_field(doc, key);
    const pblint_value *v = field_amount(f);
    if (!v)
        return;
    char n[NAME_MAX_BYTES + 8];
    field_name(f, key, n, sizeof n);
    add_ref(rs, money_of(v), field_span(f), strcmp(key, "budget") == 0 || strcmp(key, "actual") == 0, n);
}

/* A table's figure: its TOTAL row, else the sum of its top-level rows (a
 * sum past MONEY_MAX is no figure: breakdown-sum and subtotal-tree say so). */
static void add_table_refs(refs *rs, const pblint_doc *doc, int kind)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != kind)
            continue;
        table_sum ts;
        sum_table(t, &ts);
        char n[NAME_MAX_BYTES + 8];
        if (ts.total) {
            row_name(ts.total_row, n, sizeof n);
            add_ref(rs, money_of(ts.total), cell_span(ts.total_cell), false, n);
        }
        if (ts.valid && ts.valued > 0 && (!ts.total || ts.total->fen != ts.sum)) {
            column_name(t, PBLINT_COL_AMOUNT, "金额", n, sizeof n);
            char nm[NAME_MAX_BYTES + 24];
            snprintf(nm, sizeof nm, "the sum of %s", n);
            add_ref(rs, money_fig(ts.sum, ts.unit), pblint_table_span(t), false, nm);
        }
    }
}

static bool matches_any(const refs *rs, const pblint_value *v)
{
    for (size_t i = 0; i < rs->n; i++)
        if (amounts_agree(rs->r[i].v, rs->r[i].text, money_of(v), true))
            return true;
    return false;
}

/* Does v agree with some data-row amount of a breakdown or cost list?  Linear
 * in the rows; called for a bounded number of products. */
static bool matches_a_row(const pblint_doc *doc, const pblint_value *v)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        int kind = pblint_table_kind(t);
        if (!is_line_table(kind))
            continue;
        size_t n = pblint_table_row_count(t);
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_value *a = cell_amount(pblint_row_cell(r, PBLINT_COL_AMOUNT));
            if (a && amounts_agree(money_of(a), false, money_of(v), true))
                return true;
        }
    }
    return false;
}

static bool span_eq(pblint_span a, pblint_span b)
{
    return a.start == b.start && a.end == b.end;
}

static const char *const field_value_keys[4] = {"budget", "actual", "project_total", "year_budget"};

/* Is s (within) the amount of one of those fields?  fv: their amounts. */
static bool is_field_value(const pblint_value *const *fv, pblint_span s)
{
    for (size_t i = 0; i < 4; i++) {
        const pblint_value *v = fv[i];
        if (v && (span_eq(v->span, s) || (v->span.start <= s.start && s.end <= v->span.end)))
            return true;
    }
    return false;
}

static size_t prev_char(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The start of the clause before `end`: back to a clause mark, a quantity, or
 * `max_chars` characters. */
static size_t clause_start(const char *s, size_t floor, size_t end, int max_chars)
{
    static const char *const marks[] = {",", ";", "。", "、", "!", "?", "\n", NULL};
    size_t i = end;
    for (int k = 0; k < max_chars && i > floor; k++) {
        size_t p = prev_char(s, i);
        if (p < floor)
            break;
        for (size_t m = 0; marks[m]; m++) {
            size_t ml = strlen(marks[m]);
            if (i - p == ml && memcmp(s + p, marks[m], ml) == 0)
                return i;
        }
        i = p;
    }
    return i;
}

typedef enum claim {
    CLAIM_NONE = 0,
    CLAIM_BUDGET,
    CLAIM_ACTUAL,
    CLAIM_PRODUCT
} claim;

typedef struct narrative_ctx {
    pblint_check *chk;
    const pblint_doc *doc;
    refs budget, actual;
    word_list bw, aw, pw;
    const word_index *bi, *ai, *pi; /* the same lists, indexed */
    word_index own[3];              /* the indexes of lists set by options */
    const pblint_value *field_v[4]; /* the amounts of is_field_value()'s fields */
    int window;
    size_t products;
} narrative_ctx;

static void report_claim(narrative_ctx *nc, const pblint_text *t, const char *s, size_t qstart,
                         const pblint_value *v, claim kind, const refs *rs)
{
    const ref_fig *ref = &rs->r[0];
    int unit = unit_or_yuan(v->money_unit);
    int runit = unit_or_yuan(ref->v.unit);
    char quote[MSG_MAX], a[48], b[48], b2[48], d[64];
    size_t qlen = v->span.end - qstart;
    copy_name(s + qstart, qlen, quote, sizeof quote);
    if (qlen > NAME_MAX_BYTES)
        copy_name(s + v->span.start, v->span.end - v->span.start, quote, sizeof quote);
    fmt_fen(v->fen, unit, a, sizeof a);
    fmt_fen(ref->v.fen, runit, b, sizeof b);
    fmt_diff(v->fen, ref->v.fen, unit, d, sizeof d);
    pblint_span at = pblint_text_map(t, v->span.start, v->span.end - v->span.start);
    char conv[96] = "";
    if (runit != unit) {
        fmt_fen(ref->v.fen, unit, b2, sizeof b2);
        snprintf(conv, sizeof conv, " = %s %s", b2, unit_name(unit));
    }
    pblint_diag *dg;
    if (kind == CLAIM_PRODUCT)
        dg = pblint_report(nc->chk, PBLINT_SEV_DEFAULT, at,
                           "the text computes \"%s\" = %s %s, but %s is %s %s%s (the text is %s), and no line of "
                           "the breakdown is %s %s either",
                           quote, a, unit_name(unit), ref->name, b, unit_name(runit), conv, d, a, unit_name(unit));
    else
        dg = pblint_report(nc->chk, PBLINT_SEV_DEFAULT, at, "the text says \"%s\", but %s is %s %s%s (the text is %s)",
                           quote, ref->name, b, unit_name(runit), conv, d);
    if (!dg)
        return;
    pblint_diag_add_note(dg, ref->at, "%s is %s %s", ref->name, b, unit_name(runit));
    for (size_t i = 1; i < rs->n && i < 4; i++) {
        char c[48];
        fmt_fen(rs->r[i].v.fen, rs->r[i].v.unit, c, sizeof c);
        pblint_diag_add_note(dg, rs->r[i].at, "%s is %s %s: no match either", rs->r[i].name, c,
                             unit_name(rs->r[i].v.unit));
    }
}

/* Whether s holds the 3-byte character c (one CJK code point, UTF-8):
 * memchr for its last byte, then a look at the two before it.  The last
 * byte, not the middle one: 万 and 亿 share theirs (B8, BA) with the
 * commonest characters (一 上 不 中 为, 人 产 事 于), and memchr would stop
 * at each of them. */
static bool has_char3(const char *s, size_t n, const char *c)
{
    const unsigned char *u = (const unsigned char *)s, *w = (const unsigned char *)c;
    size_t i = 2;
    while (i < n) {
        const unsigned char *hit = memchr(u + i, w[2], n - i);
        if (!hit)
            return false;
        i = (size_t)(hit - u);
        if (u[i - 2] == w[0] && u[i - 1] == w[1])
            return true;
        i++;
    }
    return false;
}

static void check_paragraph(narrative_ctx *nc, const pblint_text *t)
{
    size_t len;
    const char *s = pblint_text_str(t, &len);
    if (!len)
        return;
    /* Only amounts with their unit written are checked, and every money
     * unit the scanner reads has 元, 万 or 亿 in it (元 千元 万元 亿元, and
     * 万 / 亿 alone): a paragraph with none of them is not scanned. */
    if (!has_char3(s, len, "元") && !has_char3(s, len, "万") && !has_char3(s, len, "亿"))
        return;
    pblint_value stack[32], *vals = stack;
    size_t cnt = pblint_scan_quantities(s, len, PBLINT_MONEY_NONE, stack, 32);
    if (cnt > 32) {
        vals = malloc(cnt * sizeof *vals);
        if (!vals)
            return;
        cnt = pblint_scan_quantities(s, len, PBLINT_MONEY_NONE, vals, cnt);
    }
    size_t floor = 0;
    for (size_t i = 0; i < cnt; i++) {
        const pblint_value *v = &vals[i];
        size_t this_floor = floor;
        floor = v->span.end;
        if (v->kind != PBLINT_VAL_AMOUNT || !(v->flags & PBLINT_VALF_UNIT_EXPLICIT) || v->op == PBLINT_OP_RANGE ||
            (v->flags & PBLINT_VALF_NEGATIVE) || v->span.end > len)
            continue;
        pblint_span at = pblint_text_map(t, v->span.start, v->span.end - v->span.start);
        if (is_field_value(nc->field_v, at))
            continue;
        bool per_unit = v->unit_span.end > v->unit_span.start && v->unit_span.end <= len &&
                        memchr(s + v->unit_span.start, '/', v->unit_span.end - v->unit_span.start);
        size_t cs = clause_start(s, this_floor, v->span.start, nc->window);
        const char *w = s + cs;
        size_t wl = v->span.start - cs;
        claim kind = CLAIM_NONE;
        size_t qstart = v->span.start;
        if (v->flags & PBLINT_VALF_PRODUCT) {
            kind = CLAIM_PRODUCT;
        } else {
            if (per_unit || widx_contains(nc->pi, &nc->pw, w, wl))
                continue;
            size_t be = 0, ae = 0;
            long b = widx_last(nc->bi, &nc->bw, w, wl, &be);
            long a = widx_last(nc->ai, &nc->aw, w, wl, &ae);
            if (b >= 0 && (a < 0 || be >= ae))
                kind = CLAIM_BUDGET;
            else if (a >= 0)
                kind = CLAIM_ACTUAL;
            qstart = cs;
        }
        if (kind == CLAIM_BUDGET) {
            if (nc->budget.n && !matches_any(&nc->budget, v))
                report_claim(nc, t, s, qstart, v, kind, &nc->budget);
        } else if (kind == CLAIM_ACTUAL) {
            if (nc->actual.n && !matches_any(&nc->actual, v))
                report_claim(nc, t, s, qstart, v, kind, &nc->actual);
        } else if (kind == CLAIM_PRODUCT) {
            if (nc->products++ >= 64 || !nc->budget.n)
                continue;
            if (!matches_any(&nc->budget, v) && !matches_a_row(nc->doc, v))
                report_claim(nc, t, s, qstart, v, kind, &nc->budget);
        }
    }
    if (vals != stack)
        free(vals);
}

static int check_narrative_amount_mismatch(pblint_check *chk, const pblint_doc *doc)
{
    /* about 8 KB, most of it the refs' names: not cleared, each part set here */
    narrative_ctx *nc = malloc(sizeof *nc);
    if (!nc)
        return PBLINT_ENOMEM;
    nc->chk = chk;
    nc->doc = doc;
    nc->budget.n = nc->actual.n = 0;
    nc->products = 0;
    nc->bw = (word_list){chk, "budget-words", budget_words};
    nc->aw = (word_list){chk, "actual-words", actual_words};
    nc->pw = (word_list){chk, "part-words", part_words};
    static _Thread_local word_index def_b, def_a, def_p;
    static _Thread_local bool have_b, have_a, have_p;
    nc->bi = widx_of(&nc->bw, &nc->own[0], &def_b, &have_b);
    nc->ai = widx_of(&nc->aw, &nc->own[1], &def_a, &have_a);
    nc->pi = widx_of(&nc->pw, &nc->own[2], &def_p, &have_p);
    for (size_t k = 0; k < 4; k++)
        nc->field_v[k] = field_amount(pblint_doc_field(doc, field_value_keys[k]));
    long win = pblint_check_option_int(chk, "window", 16);
    nc->window = win < 1 ? 1 : win > 200 ? 200 : (int)win;

    add_field_ref(&nc->budget, doc, "year_budget");
    add_field_ref(&nc->budget, doc, "project_total");
    add_field_ref(&nc->budget, doc, "budget");
    add_table_refs(&nc->budget, doc, PBLINT_TABLE_BREAKDOWN);
    add_field_ref(&nc->actual, doc, "actual");
    add_table_refs(&nc->actual, doc, PBLINT_TABLE_COST_LIST);

    size_t np = pblint_doc_paragraph_count(doc);
    for (size_t i = 0; i < np; i++) {
        const char *key = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
        if (t)
            check_paragraph(nc, t);
    }

    /* A self-evaluation's cost list against the figures its text gives. */
    const pblint_field *af = pblint_doc_field(doc, "actual");
    const pblint_field *bf = pblint_doc_field(doc, "budget");
    const pblint_value *av = field_amount(af), *bv = field_amount(bf);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && (av || bv); ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_COST_LIST)
            continue;
        table_sum ts;
        sum_table(t, &ts);
        money fig;
        pblint_span at;
        char tn[NAME_MAX_BYTES + 24];
        if (ts.total) {
            fig = money_of(ts.total);
            at = cell_span(ts.total_cell);
            row_name(ts.total_row, tn, sizeof tn);
        } else if (ts.valid && ts.valued) {
            fig = money_fig(ts.sum, ts.unit);
            at = pblint_table_span(t);
            snprintf(tn, sizeof tn, "the cost list's items add up to");
        } else {
            continue;
        }
        if ((av && amounts_agree(fig, false, money_of(av), true)) ||
            (bv && amounts_agree(fig, false, money_of(bv), true)))
            continue;
        const pblint_field *rf = av ? af : bf;
        const pblint_value *rv = av ? av : bv;
        char rn[NAME_MAX_BYTES + 8], a[48], b[48], b2[48], d[64];
        int unit = unit_or_yuan(fig.unit);
        field_name(rf, av ? "actual" : "budget", rn, sizeof rn);
        fmt_fen(fig.fen, unit, a, sizeof a);
        fmt_fen(rv->fen, rv->money_unit, b, sizeof b);
        fmt_fen(rv->fen, unit, b2, sizeof b2);
        fmt_diff(fig.fen, rv->fen, unit, d, sizeof d);
        pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                                        "%s%s %s %s, but the text gives %s %s %s (%s %s; %s)", tn,
                                        ts.total ? " is" : "", a, unit_name(unit), rn, b, unit_name(rv->money_unit),
                                        b2, unit_name(unit), d);
        if (!dg)
            continue;
        pblint_diag_add_note(dg, field_span(rf), "%s is %s %s", rn, b, unit_name(rv->money_unit));
        if (av && bv) {
            char c[48];
            char bn[NAME_MAX_BYTES + 8];
            field_name(bf, "budget", bn, sizeof bn);
            fmt_fen(bv->fen, bv->money_unit, c, sizeof c);
            pblint_diag_add_note(dg, field_span(bf), "%s is %s %s: no match either", bn, c,
                                 unit_name(bv->money_unit));
        }
    }
    free(nc);
    return 0;
}

/* ------------------------------------------------------------------ */
/* actual-exceeds-budget, execution-rate                               */
/* ------------------------------------------------------------------ */

static int check_actual_exceeds_budget(pblint_check *chk, const pblint_doc *doc)
{
    const pblint_field *af = pblint_doc_field(doc, "actual");
    const pblint_field *bf = pblint_doc_field(doc, "budget");
    const pblint_value *av = field_amount(af), *bv = field_amount(bf);
    if (!av || !bv || av->fen <= bv->fen)
        return 0;
    char an[NAME_MAX_BYTES + 8], bn[NAME_MAX_BYTES + 8], a[48], b[48], d[64];
    int unit = av->money_unit;
    field_name(af, "actual", an, sizeof an);
    field_name(bf, "budget", bn, sizeof bn);
    fmt_fen(av->fen, unit, a, sizeof a);
    fmt_fen(bv->fen, unit, b, sizeof b);
    fmt_diff(av->fen, bv->fen, unit, d, sizeof d);
    pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, field_span(af),
                                    "%s %s %s is more than %s %s %s (%s): spending above the budget", an, a,
                                    unit_name(unit), bn, b, unit_name(unit), d);
    if (dg)
        pblint_diag_add_note(dg, field_span(bf), "%s is %s %s", bn, b, unit_name(unit));
    return 0;
}

/* actual / budget × 100 as a decimal with 6 places (truncated toward zero). */
static bool rate_e6(int64_t actual, int64_t budget, pblint_decimal *out)
{
    if (budget <= 0 || actual < 0)
        return false;
    i128 q = (i128)actual * 100000000 / budget;
    if (q > INT64_MAX)
        return false;
    out->mant = (int64_t)q;
    out->scale = 6;
    return true;
}

static int check_execution_rate(pblint_check *chk, const pblint_doc *doc)
{
    const pblint_field *af = pblint_doc_field(doc, "actual");
    const pblint_field *bf = pblint_doc_field(doc, "budget");
    const pblint_value *av = field_amount(af), *bv = field_amount(bf);
    pblint_decimal rate;
    if (!av || !bv || !rate_e6(av->fen, bv->fen, &rate))
        return 0;
    pblint_decimal rate2;
    if (pblint_decimal_rescale(rate, 2, &rate2) != 0)
        return 0;
    char an[NAME_MAX_BYTES + 8], bn[NAME_MAX_BYTES + 8], a[48], b[48], rs[48];
    field_name(af, "actual", an, sizeof an);
    field_name(bf, "budget", bn, sizeof bn);
    fmt_fen(av->fen, av->money_unit, a, sizeof a);
    fmt_fen(bv->fen, bv->money_unit, b, sizeof b);
    pblint_decimal_format(rate2, rs, sizeof rs);

    const pblint_field *ef = pblint_doc_field(doc, "execution_rate");
    const pblint_value *ev = ef ? pblint_field_value(ef) : NULL;
    if (ev && (ev->kind == PBLINT_VAL_PERCENT || ev->kind == PBLINT_VAL_NUMBER) && ev->op != PBLINT_OP_RANGE) {
        pblint_decimal tol = pblint_check_option_decimal(chk, "tolerance", (pblint_decimal){5, 1});
        pblint_decimal diff;
        if (pblint_decimal_sub(ev->num, rate, &diff) == 0) {
            /* |diff| > tol, without negating diff (its mantissa may be INT64_MIN);
             * a negative tolerance lets nothing pass, and is never negated */
            bool over = tol.mant < 0 || pblint_decimal_cmp(diff, tol) > 0 ||
                        pblint_decimal_cmp(diff, (pblint_decimal){-tol.mant, tol.scale}) < 0;
            if (over) {
                char en[NAME_MAX_BYTES + 8], es[48], dsb[48], ts[48];
                pblint_decimal d2;
                field_name(ef, "execution_rate", en, sizeof en);
                fmt_dec(ev->num, es, sizeof es);
                if (pblint_decimal_rescale(diff, 2, &d2) != 0)
                    d2 = diff;
                pblint_decimal_format(d2, dsb, sizeof dsb);
                const char *ds = dsb[0] == '-' ? dsb + 1 : dsb;
                fmt_dec(tol, ts, sizeof ts);
                pblint_diag *dg = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, field_span(ef),
                    "%s is stated as %s%%, but %s / %s = %s %s / %s %s = %s%% (%s percentage points %s; "
                    "tolerance %s)",
                    en, es, an, bn, a, unit_name(av->money_unit), b, unit_name(bv->money_unit), rs, ds,
                    diff.mant > 0 ? "more" : "less", ts);
                if (dg) {
                    pblint_diag_add_note(dg, field_span(af), "%s is %s %s", an, a, unit_name(av->money_unit));
                    pblint_diag_add_note(dg, field_span(bf), "%s is %s %s", bn, b, unit_name(bv->money_unit));
                }
            }
        }
    }

    pblint_decimal thr = pblint_check_option_decimal(chk, "threshold", (pblint_decimal){90, 0});
    if (pblint_decimal_cmp(rate, thr) < 0) {
        char ts[48], gap[48];
        pblint_decimal g, g2;
        fmt_dec(thr, ts, sizeof ts);
        if (pblint_decimal_sub(thr, rate2, &g) != 0 || pblint_decimal_rescale(g, 2, &g2) != 0)
            return 0;
        pblint_decimal_format(g2, gap, sizeof gap);
        pblint_diag *dg = pblint_report(chk, PBLINT_SEV_NOTE, field_span(af),
                                        "the execution rate is %s%% (%s %s %s / %s %s %s), %s percentage points "
                                        "below %s%%",
                                        rs, an, a, unit_name(av->money_unit), bn, b, unit_name(bv->money_unit), gap,
                                        ts);
        if (dg)
            pblint_diag_add_note(dg, field_span(bf), "%s is %s %s", bn, b, unit_name(bv->money_unit));
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* amount-unit-plausibility                                            */
/* ------------------------------------------------------------------ */

typedef struct plaus_group {
    size_t nonzero, suspicious;
    pblint_span first_at;
    int64_t first_fen;
    char first_name[NAME_MAX_BYTES + 8];
    pblint_span more_at[3];
    size_t more;
} plaus_group;

typedef struct plaus_cfg {
    int64_t wan_min_fen;   /* 万元 amounts at or above this, whole, look like 元 */
    int64_t yuan_max_fen;  /* 元 amounts below this, with decimals, look like 万元 */
    int yuan_decimals;
} plaus_cfg;

/* 0: not judged, 1: plausible, 2: suspicious. */
static int plausibility(const plaus_cfg *cfg, const pblint_value *v)
{
    if (v->fen == 0 || (v->flags & PBLINT_VALF_UNIT_EXPLICIT) || v->fen < 0)
        return 0;
    int unit = unit_or_yuan(v->money_unit);
    if (unit == PBLINT_MONEY_WAN)
        return v->fen >= cfg->wan_min_fen && v->fen % unit_fen(unit) == 0 ? 2 : 1;
    if (unit == PBLINT_MONEY_YUAN)
        return v->fen < cfg->yuan_max_fen && v->num.scale >= cfg->yuan_decimals && v->fen % 100 != 0 ? 2 : 1;
    return 1;
}

/* Counts v in g.  True when it is the group's first suspicious amount:
 * the caller then names it with plaus_name() (most amounts are never
 * named, and naming one costs more than judging it). */
static bool plaus_add(plaus_group *g, const plaus_cfg *cfg, const pblint_value *v, pblint_span at)
{
    int p = plausibility(cfg, v);
    if (!p)
        return false;
    g->nonzero++;
    if (p != 2)
        return false;
    if (g->suspicious++ == 0) {
        g->first_at = at;
        g->first_fen = v->fen;
        return true;
    }
    if (g->more < 3)
        g->more_at[g->more++] = at;
    return false;
}

/* The name cut to first_name's size, as snprintf("%s") cuts it. */
static void plaus_name(plaus_group *g, const char *name)
{
    size_t k = strlen(name);
    if (k > sizeof g->first_name - 1)
        k = sizeof g->first_name - 1;
    memcpy(g->first_name, name, k);
    g->first_name[k] = '\0';
}

static void plaus_report(pblint_check *chk, const plaus_cfg *cfg, const plaus_group *g, int unit,
                         const pblint_section *sec, const char *what)
{
    if (g->nonzero == 0 || g->suspicious != g->nonzero)
        return;
    char a[48], alt[48], lim[48];
    pblint_diag *dg;
    fmt_fen(g->first_fen, unit, a, sizeof a);
    if (unit == PBLINT_MONEY_WAN) {
        fmt_fen(cfg->wan_min_fen, PBLINT_MONEY_WAN, lim, sizeof lim);
        fmt_fen(g->first_fen / 10000, PBLINT_MONEY_WAN, alt, sizeof alt);
        dg = pblint_report(chk, PBLINT_SEV_DEFAULT, g->first_at,
                           "%s is %s 万元: every amount %s is a whole number of at least %s under 金额单位 万元, "
                           "which looks like 元 (%s 元 = %s 万元)",
                           g->first_name, a, what, lim, a, alt);
    } else {
        fmt_fen(cfg->yuan_max_fen, PBLINT_MONEY_YUAN, lim, sizeof lim);
        fmt_fen((i128)g->first_fen * 10000, PBLINT_MONEY_YUAN, alt, sizeof alt);
        dg = pblint_report(chk, PBLINT_SEV_DEFAULT, g->first_at,
                           "%s is %s 元: every amount %s is below %s 元 with decimals under 金额单位 元, which looks "
                           "like 万元 (%s 万元 = %s 元)",
                           g->first_name, a, what, lim, a, alt);
    }
    if (!dg)
        return;
    pblint_span where;
    if (sec && pblint_section_money_unit(sec, &where) == unit && where.end > where.start)
        pblint_diag_add_note(dg, where, "金额单位 is declared here");
    for (size_t i = 0; i < g->more; i++)
        pblint_diag_add_note(dg, g->more_at[i], "this amount too");
}

static int check_amount_unit_plausibility(pblint_check *chk, const pblint_doc *doc)
{
    plaus_cfg cfg;
    long wan_min = pblint_check_option_int(chk, "wan-min", 100000);
    long yuan_max = pblint_check_option_int(chk, "yuan-max", 100);
    long yd = pblint_check_option_int(chk, "yuan-decimals", 2);
    if (wan_min < 1 || wan_min > 1000000000L)
        wan_min = 100000;
    if (yuan_max < 1 || yuan_max > 1000000000L)
        yuan_max = 100;
    cfg.wan_min_fen = (int64_t)wan_min * 1000000;
    cfg.yuan_max_fen = (int64_t)yuan_max * 100;
    cfg.yuan_decimals = yd < 1 ? 1 : yd > 18 ? 18 : (int)yd;

    /* Fund fields, grouped by section and unit. */
    size_t ns = pblint_doc_section_count(doc);
    plaus_group *groups = calloc((ns + 1) * 2, sizeof *groups);
    if (!groups)
        return PBLINT_ENOMEM;
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        const char *key = pblint_field_key(f);
        const pblint_value *v = is_fund_key(key) ? field_amount(f) : NULL;
        if (!v)
            continue;
        int unit = unit_or_yuan(v->money_unit);
        if (unit != PBLINT_MONEY_WAN && unit != PBLINT_MONEY_YUAN)
            continue;
        size_t s = pblint_field_section(f);
        if (s > ns)
            s = ns;
        plaus_group *g = &groups[s * 2 + (unit == PBLINT_MONEY_WAN)];
        if (plaus_add(g, &cfg, v, field_span(f))) {
            char n[NAME_MAX_BYTES + 8];
            field_name(f, key, n, sizeof n);
            plaus_name(g, n);
        }
    }
    for (size_t s = 0; s <= ns; s++) {
        const pblint_section *sec = s < ns ? pblint_doc_section(doc, s) : NULL;
        plaus_report(chk, &cfg, &groups[s * 2], PBLINT_MONEY_YUAN, sec, "of the fund lines");
        plaus_report(chk, &cfg, &groups[s * 2 + 1], PBLINT_MONEY_WAN, sec, "of the fund lines");
    }
    free(groups);

    /* Each breakdown or cost list on its own. */
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        int kind = pblint_table_kind(t);
        if (!is_line_table(kind))
            continue;
        plaus_group g[2];
        memset(g, 0, sizeof g);
        char col[NAME_MAX_BYTES + 8];
        bool have_col = false; /* col is read at the first amount named */
        size_t n = pblint_table_row_count(t);
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            if (pblint_row_kind(r) == PBLINT_ROW_HEADER)
                continue;
            const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
            const pblint_value *v = cell_amount(c);
            if (!v)
                continue;
            int unit = unit_or_yuan(v->money_unit);
            if (unit != PBLINT_MONEY_WAN && unit != PBLINT_MONEY_YUAN)
                continue;
            if (!plaus_add(&g[unit == PBLINT_MONEY_WAN], &cfg, v, cell_span(c)))
                continue;
            if (!have_col) {
                column_name(t, PBLINT_COL_AMOUNT, "金额", col, sizeof col);
                have_col = true;
            }
            char rn[NAME_MAX_BYTES + 8], nm[2 * NAME_MAX_BYTES + 24];
            row_name(r, rn, sizeof rn);
            snprintf(nm, sizeof nm, "%s (%s)", col, rn);
            plaus_name(&g[unit == PBLINT_MONEY_WAN], nm);
        }
        size_t s = pblint_table_section(t);
        const pblint_section *sec = s < ns ? pblint_doc_section(doc, s) : NULL;
        plaus_report(chk, &cfg, &g[0], PBLINT_MONEY_YUAN, sec, "in this table");
        plaus_report(chk, &cfg, &g[1], PBLINT_MONEY_WAN, sec, "in this table");
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* amount-precision                                                    */
/* ------------------------------------------------------------------ */

/* Decimals actually used (trailing zeros do not count). */
static int used_decimals(pblint_decimal d)
{
    int s = d.scale;
    int64_t m = d.mant;
    while (s > 0 && m % 10 == 0) {
        m /= 10;
        s--;
    }
    return s;
}

/* The decimals an amount in `unit` may have. */
static int max_decimals(int unit, int max_yuan, int max_wan)
{
    switch (unit_or_yuan(unit)) {
    case PBLINT_MONEY_YUAN:
        return max_yuan;
    case PBLINT_MONEY_WAN:
        return max_wan;
    case PBLINT_MONEY_QIAN:
        return 5;
    default:
        return 10;
    }
}

static bool too_precise(const pblint_value *v, int max_yuan, int max_wan)
{
    return used_decimals(v->num) > max_decimals(v->money_unit, max_yuan, max_wan);
}

static void precision_one(pblint_check *chk, const pblint_value *v, pblint_span at, const char *name,
                          int max_yuan, int max_wan)
{
    if (!v || v->kind != PBLINT_VAL_AMOUNT || !too_precise(v, max_yuan, max_wan))
        return;
    int unit = unit_or_yuan(v->money_unit);
    int used = used_decimals(v->num);
    int max = max_decimals(unit, max_yuan, max_wan);
    char n[64];
    fmt_dec(v->num, n, sizeof n);
    pblint_report(chk, PBLINT_SEV_DEFAULT, at, "%s is written %s %s, with %d decimal%s: amounts in %s take at most %d%s",
                  name, n, unit_name(unit), used, used == 1 ? "" : "s", unit_name(unit), max,
                  unit == PBLINT_MONEY_YUAN && max == 2 ? " (to the fen)" : "");
}

static int check_amount_precision(pblint_check *chk, const pblint_doc *doc)
{
    long my = pblint_check_option_int(chk, "max-decimals-yuan", 2);
    long mw = pblint_check_option_int(chk, "max-decimals-wan", 6);
    int max_yuan = my < 0 ? 0 : my > 18 ? 18 : (int)my;
    int max_wan = mw < 0 ? 0 : mw > 18 ? 18 : (int)mw;
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        const char *key = pblint_field_key(f);
        if (!is_fund_key(key))
            continue;
        const pblint_value *v = field_amount(f);
        if (!v || !too_precise(v, max_yuan, max_wan))
            continue; /* what precision_one() passes over: not named */
        char n[NAME_MAX_BYTES + 8];
        field_name(f, key, n, sizeof n);
        precision_one(chk, v, field_span(f), n, max_yuan, max_wan);
    }
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        int kind = pblint_table_kind(t);
        if (!is_line_table(kind))
            continue;
        char col[NAME_MAX_BYTES + 8];
        bool have_col = false; /* col is read at the first amount reported */
        size_t n = pblint_table_row_count(t);
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            if (pblint_row_kind(r) == PBLINT_ROW_HEADER)
                continue;
            const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_AMOUNT);
            const pblint_value *v = cell_amount(c);
            if (!v)
                continue;
            if (!too_precise(v, max_yuan, max_wan))
                continue;
            if (!have_col) {
                column_name(t, PBLINT_COL_AMOUNT, "金额", col, sizeof col);
                have_col = true;
            }
            char rn[NAME_MAX_BYTES + 8], nm[2 * NAME_MAX_BYTES + 24];
            row_name(r, rn, sizeof rn);
            snprintf(nm, sizeof nm, "%s (%s)", col, rn);
            precision_one(chk, v, cell_span(c), nm, max_yuan, max_wan);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* fund-source-label                                                   */
/* ------------------------------------------------------------------ */

static int check_fund_source_label(pblint_check *chk, const pblint_doc *doc)
{
    static const char *const keys[3] = {"fiscal_upper", "fiscal_own", "fiscal_lower"};
    static const char *const canon[3] = {"上级财政拨款", "本级财政安排", "下级财政配套"};
    static const char *const ordinal[3] = {"1st", "2nd", "3rd"};
    word_list lists[3] = {
        {chk, "upper-words", upper_words},
        {chk, "own-words", own_words},
        {chk, "lower-words", lower_words},
    };
    const pblint_field *f[3];
    for (int i = 0; i < 3; i++)
        f[i] = pblint_doc_field(doc, keys[i]);
    const pblint_field *parent = pblint_doc_field(doc, "fiscal");
    char pname[NAME_MAX_BYTES + 8];
    field_name(parent, "fiscal", pname, sizeof pname);

    size_t nf = pblint_doc_field_count(doc);
    for (size_t fi = 0; fi < nf; fi++) {
        const pblint_field *fld = pblint_doc_field_at(doc, fi);
        const char *key = pblint_field_key(fld);
        int i = -1;
        for (int k = 0; k < 3 && key; k++)
            if (strcmp(key, keys[k]) == 0)
                i = k;
        if (i < 0)
            continue;
        const pblint_text *lt = pblint_field_label(fld);
        size_t len;
        const char *s = lt ? pblint_text_str(lt, &len) : "";
        if (!lt || pblint_text_empty(lt))
            continue;
        size_t off = skip_enumeration(s, len);
        const char *ls = s + off;
        size_t ll = len - off;
        while (ll > 0 && (ls[ll - 1] == ':' || ls[ll - 1] == ' '))
            ll--;
        if (ll == 0 || contains_word(&lists[i], ls, ll))
            continue;
        char label[NAME_MAX_BYTES + 8];
        copy_name(ls, ll, label, sizeof label);
        int other = -1;
        for (int j = 0; j < 3 && other < 0; j++)
            if (j != i && contains_word(&lists[j], ls, ll))
                other = j;
        char amount[64] = "";
        const pblint_value *v = field_amount(fld);
        if (v) {
            char a[48];
            fmt_fen(v->fen, v->money_unit, a, sizeof a);
            snprintf(amount, sizeof amount, " (%s %s)", a, unit_name(v->money_unit));
        }
        pblint_span at = pblint_text_map(lt, off, ll);
        pblint_diag *dg;
        if (other >= 0)
            dg = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                               "the %s line under %s is %s, but it reads \"%s\"%s, the level of the %s line, %s",
                               ordinal[i], pname, canon[i], label, amount, ordinal[other], canon[other]);
        else
            dg = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                               "the %s line under %s is %s, but it reads \"%s\"%s, which names no level", ordinal[i],
                               pname, canon[i], label, amount);
        if (!dg)
            continue;
        if (other >= 0 && f[other] && f[other] != fld) {
            char on[NAME_MAX_BYTES + 8];
            field_name(f[other], keys[other], on, sizeof on);
            pblint_diag_add_note(dg, pblint_text_span(pblint_field_label(f[other])), "the %s line, %s, is here",
                                 ordinal[other], on);
        }
        /* Offer the form's label when the source holds exactly the label's
         * text (no markup inside). */
        size_t sl;
        const char *src = pblint_doc_slice(doc, at, &sl);
        if (other >= 0 && src && sl == ll && memcmp(src, ls, ll) == 0)
            pblint_diag_add_fixit(dg, at, canon[i]);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* lump-sum-breakdown                                                  */
/* ------------------------------------------------------------------ */

/* True when the row has basis cells and all of them are blank; *first gets the first. */
static bool basis_blank(const pblint_row *r, const pblint_cell **first, size_t *count)
{
    size_t n = pblint_row_cell_count(r), seen = 0;
    *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        if (pblint_cell_role(c) != PBLINT_COL_BASIS)
            continue;
        if (!seen++)
            *first = c;
        if (!cell_blank(c))
            return false;
    }
    *count = seen;
    return seen > 0;
}

/* Notes at a row's basis cells, except `skip` (where the finding is). */
static void note_basis(pblint_diag *dg, const pblint_row *r, const char *bcol, const pblint_cell *skip)
{
    size_t n = pblint_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        if (pblint_cell_role(c) == PBLINT_COL_BASIS && c != skip)
            pblint_diag_add_note(dg, cell_span(c), "%s is blank", bcol);
    }
}

static int check_lump_sum_breakdown(pblint_check *chk, const pblint_doc *doc)
{
    bool want_basis = pblint_check_option_bool(chk, "basis", true);
    const pblint_field *bf = pblint_doc_field(doc, "year_budget");
    const char *bkey = "year_budget";
    if (!field_amount(bf)) {
        bf = pblint_doc_field(doc, "project_total");
        bkey = "project_total";
    }
    const pblint_value *bv = field_amount(bf);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_BREAKDOWN || !pblint_table_has_column(t, PBLINT_COL_AMOUNT))
            continue;
        char acol[NAME_MAX_BYTES + 8], pcol[NAME_MAX_BYTES + 8], qcol[NAME_MAX_BYTES + 8], bcol[NAME_MAX_BYTES + 8];
        column_name(t, PBLINT_COL_AMOUNT, "明细金额", acol, sizeof acol);
        column_name(t, PBLINT_COL_UNIT_PRICE, "单价", pcol, sizeof pcol);
        column_name(t, PBLINT_COL_QUANTITY, "数量", qcol, sizeof qcol);
        column_name(t, PBLINT_COL_BASIS, "依据", bcol, sizeof bcol);
        size_t n = pblint_table_row_count(t);
        size_t rows = 0, blank_basis = 0;
        const pblint_row *only = NULL, *first_blank = NULL;
        const pblint_cell *first_blank_cell = NULL;
        pblint_span more_at[3];
        size_t more = 0;
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_value *av = cell_amount(pblint_row_cell(r, PBLINT_COL_AMOUNT));
            if (!av || av->fen == 0)
                continue;
            rows++;
            only = r;
            const pblint_cell *fb;
            size_t nb = 0;
            if (basis_blank(r, &fb, &nb)) {
                if (blank_basis++ == 0) {
                    first_blank = r;
                    first_blank_cell = fb;
                } else if (more < 3) {
                    more_at[more++] = cell_span(fb);
                }
            }
        }
        if (rows == 0)
            continue;

        if (rows == 1) {
            const pblint_cell *ac = pblint_row_cell(only, PBLINT_COL_AMOUNT);
            const pblint_cell *pc = pblint_row_cell(only, PBLINT_COL_UNIT_PRICE);
            const pblint_cell *qc = pblint_row_cell(only, PBLINT_COL_QUANTITY);
            const pblint_value *av = cell_amount(ac), *pv = cell_amount(pc), *qv = cell_number(qc);
            bool qty_one = (qv && qv->num.mant != 0 && pblint_decimal_cmp(qv->num, (pblint_decimal){1, 0}) == 0) ||
                           (!qv && cell_blank(qc));
            bool price_all = (pv && pv->fen == av->fen) || (!pv && cell_blank(pc));
            if (qty_one && price_all) {
                char rn[NAME_MAX_BYTES + 8], a[48], q[48] = "1", whole[160] = "", basis[160] = "";
                row_name(only, rn, sizeof rn);
                fmt_fen(av->fen, av->money_unit, a, sizeof a);
                if (qv)
                    fmt_dec(qv->num, q, sizeof q);
                if (bv && amounts_agree(money_of(av), false, money_of(bv), false)) {
                    char bn[NAME_MAX_BYTES + 8], b[48];
                    field_name(bf, bkey, bn, sizeof bn);
                    fmt_fen(bv->fen, bv->money_unit, b, sizeof b);
                    snprintf(whole, sizeof whole, ", the whole %s (%s %s),", bn, b, unit_name(bv->money_unit));
                }
                const pblint_cell *fb;
                size_t nb = 0;
                bool no_basis = basis_blank(only, &fb, &nb);
                if (no_basis)
                    snprintf(basis, sizeof basis, "; %s %s %s blank", nb == 2 ? "both" : nb == 1 ? "the" : "all",
                             bcol, nb == 1 ? "cell is" : "cells are");
                pblint_diag *dg = pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ac),
                                                "the breakdown is one lump sum: %s = %s %s × %s%s with no split by "
                                                "%s and %s%s",
                                                rn, a, unit_name(av->money_unit), q, whole, pcol, qcol, basis);
                if (dg) {
                    if (pv) {
                        char ps[48];
                        fmt_fen(pv->fen, pv->money_unit, ps, sizeof ps);
                        pblint_diag_add_note(dg, cell_span(pc), "%s is %s %s, the whole %s", pcol, ps,
                                             unit_name(pv->money_unit), acol);
                    }
                    if (qc)
                        pblint_diag_add_note(dg, cell_span(qc), "%s is %s", qcol, q);
                    if (no_basis)
                        note_basis(dg, only, bcol, NULL);
                }
                continue;
            }
        }

        if (!want_basis || blank_basis == 0)
            continue;
        char rn[NAME_MAX_BYTES + 8];
        row_name(first_blank, rn, sizeof rn);
        pblint_diag *dg;
        if (rows == 1)
            dg = pblint_report(chk, PBLINT_SEV_NOTE, cell_span(first_blank_cell),
                               "%s is blank for the only line (%s): say where its %s and %s come from", bcol, rn,
                               pcol, qcol);
        else
            dg = pblint_report(chk, PBLINT_SEV_NOTE, cell_span(first_blank_cell),
                               "%s is blank on %zu of the %zu lines, first on %s: say where their %s and %s come "
                               "from",
                               bcol, blank_basis, rows, rn, pcol, qcol);
        if (!dg)
            continue;
        const pblint_cell *fb;
        size_t nb;
        if (basis_blank(first_blank, &fb, &nb) && nb > 1)
            note_basis(dg, first_blank, bcol, first_blank_cell);
        for (size_t i = 0; i < more; i++)
            pblint_diag_add_note(dg, more_at[i], "%s is blank here too", bcol);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The plugin                                                          */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------ unreadable */

/* A fund line whose value is not an amount at all ("很多", "1e309", a number
 * too large for exact arithmetic): every sum that needs it is skipped, so a
 * filing whose budget cannot be read must not look as good as a right one. */
static int check_unreadable_amount(pblint_check *chk, const pblint_doc *doc)
{
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        const char *key = pblint_field_key(f);
        bool fund = is_fund_key(key);
        const pblint_value *v = pblint_field_value(f);
        if (!fund || (v->kind != PBLINT_VAL_TEXT && v->kind != PBLINT_VAL_WORD))
            continue;
        const pblint_text *t = pblint_field_text(f);
        size_t len;
        const char *s = pblint_text_str(t, &len);
        if (len == 0)
            continue;
        const char *label = pblint_text_str(pblint_field_label(f), NULL);
        pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_span(t),
                      "%s '%.*s' is not an amount pblint can check%s; the sums that need it were "
                      "skipped",
                      *label ? label : key, (int)(len > 120 ? 120 : len), s,
                      (v->flags & PBLINT_VALF_OVERFLOW) ? " (too large for exact arithmetic)" : "");
    }

    /* A breakdown's or a cost list's 金额 or 单价 too large for exact
     * arithmetic in fen: its table's sums and its line's 单价 × 数量 are
     * skipped as they are for a fund line.  (Other text in those cells is
     * left to the table rules: "详见附件" is no overflow.) */
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        int kind = pblint_table_kind(t);
        if (!is_line_table(kind))
            continue;
        char acol[NAME_MAX_BYTES + 8], pcol[NAME_MAX_BYTES + 8];
        bool have_cols = false; /* read at the first cell reported */
        size_t n = pblint_table_row_count(t);
        for (size_t i = 0; i < n; i++) {
            const pblint_row *r = pblint_table_row(t, i);
            int rk = pblint_row_kind(r);
            if (rk != PBLINT_ROW_DATA && rk != PBLINT_ROW_TOTAL)
                continue;
            static const int roles[] = {PBLINT_COL_AMOUNT, PBLINT_COL_UNIT_PRICE};
            for (size_t k = 0; k < 2; k++) {
                const pblint_cell *c = pblint_row_cell(r, roles[k]);
                const pblint_value *v = c ? pblint_cell_value(c) : NULL;
                if (!v || pblint_cell_inherited(c) || v->kind != PBLINT_VAL_TEXT || !(v->flags & PBLINT_VALF_OVERFLOW))
                    continue;
                if (!have_cols) {
                    column_name(t, PBLINT_COL_AMOUNT, kind == PBLINT_TABLE_BREAKDOWN ? "明细金额" : "金额",
                                acol, sizeof acol);
                    column_name(t, PBLINT_COL_UNIT_PRICE, "单价", pcol, sizeof pcol);
                    have_cols = true;
                }
                const pblint_text *ct = pblint_cell_text(c);
                size_t len;
                const char *s = pblint_text_str(ct, &len);
                char rn[NAME_MAX_BYTES + 8];
                row_name(r, rn, sizeof rn);
                pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_span(ct),
                              "%s (%s) '%.*s' is not an amount pblint can check (too large for exact "
                              "arithmetic); %s",
                              k == 0 ? acol : pcol, rn, (int)(len > 120 ? 120 : len), s,
                              k == 0 ? "the sums that need it were skipped" : "its line's 单价 × 数量 was not checked");
            }
        }
    }
    return 0;
}

static const pblint_rule_desc rules[] = {
    {"fund-total-sum", "当年预算 equals the sum of its fund sources (财政拨款 + 其他资金 [+ 上年结转])",
     PBLINT_SEV_ERROR, check_fund_total_sum, 0, {0}},
    {"fiscal-subtotal-sum", "财政拨款 equals 上级财政拨款 + 本级财政安排 + 下级财政配套", PBLINT_SEV_ERROR,
     check_fiscal_subtotal_sum, 0, {0}},
    {"current-exceeds-total", "当年预算 is not more than 项目总预算", PBLINT_SEV_ERROR, check_current_exceeds_total,
     0, {0}},
    {"breakdown-sum", "金额合计 equals the sum of the 明细金额 and equals 当年预算", PBLINT_SEV_ERROR,
     check_breakdown_sum, 0, {0}},
    {"line-unit-price", "each breakdown line's 明细金额 equals 单价 × 数量", PBLINT_SEV_ERROR, check_line_unit_price,
     0, {0}},
    {"narrative-amount-mismatch", "amounts the text gives for the budget or the spending agree with the tables",
     PBLINT_SEV_WARNING, check_narrative_amount_mismatch, 0, {0}},
    {"amount-unit-plausibility", "amounts are plausible for the declared 金额单位 (no 元/万元 confusion)",
     PBLINT_SEV_WARNING, check_amount_unit_plausibility, 0, {0}},
    {"amount-precision", "amounts have no more decimals than their unit allows", PBLINT_SEV_NOTE,
     check_amount_precision, 0, {0}},
    {"subtotal-tree", "in a cost list each item equals the sum of its sub-items and the total the sum of the items",
     PBLINT_SEV_ERROR, check_subtotal_tree, 0, {0}},
    {"fund-source-label", "the lines under 财政拨款 are labelled 上级财政拨款, 本级财政安排, 下级财政配套",
     PBLINT_SEV_NOTE, check_fund_source_label, PBLINT_RULE_FIXABLE, {0}},
    {"actual-exceeds-budget", "actual spending is not more than the budget", PBLINT_SEV_ERROR,
     check_actual_exceeds_budget, 0, {0}},
    {"execution-rate", "a stated execution rate equals actual / budget, and a low rate is pointed out",
     PBLINT_SEV_WARNING, check_execution_rate, 0, {0}},
    {"lump-sum-breakdown", "the 项目构成分解 is broken down by 单价 and 数量 with their 依据, not one lump sum",
     PBLINT_SEV_WARNING, check_lump_sum_breakdown, 0, {0}},
    {"unreadable-amount", "a fund line's value, or a breakdown's amount, is not an amount pblint can check",
     PBLINT_SEV_WARNING, check_unreadable_amount, 0, {0}},
};

static const pblint_plugin_desc plugin = PBLINT_PLUGIN_DESC_INIT(
    "amounts", "0.1.0", "Amount arithmetic: totals, unit prices, amounts in the text, execution rate", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

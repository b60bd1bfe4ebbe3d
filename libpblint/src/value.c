/*
 * Exact decimals, money formatting, small name tables, and typed values:
 * the grammar of what filings write in a cell ("≥90%", "170.92万元",
 * "1年内", "2019年1月1日", "21×9500元/个") and a scanner that finds the same
 * quantities in running text ("满意度达90%以上").
 *
 * The parser reads UTF-8 code point by code point, folding full-width ASCII
 * (U+FF01..U+FF5E) and the ideographic space with a subtraction, so raw and
 * NFKC-normalised text parse alike without utf8proc.  Nothing is allocated;
 * `len` is authoritative everywhere (the text need not be NUL-terminated).
 *
 * Decisions a caller must know (see also the comments at each table):
 *  - PERCENT, AMOUNT with a written unit, COUNT and PERIOD fill unit[] with
 *    the unit as written (NFKC): "%", "‰", "百分比", "万元", "万", "元/个",
 *    "人", "个小区", "个工作日".  DATE, NUMBER and AMOUNT in the default
 *    unit leave it empty.
 *  - A nominal classifier (个, 家, 所, 座, 名, 项 ...) takes the noun that
 *    follows it into the unit: "21个小区" -> unit "个小区".  In a cell the
 *    noun must run to the end of the value (or to a suffix such as 以上) and
 *    fit in unit[] (at most 6 more characters); in running text it must be
 *    at most 3 characters followed by a function word (的, 已, 和 ...),
 *    punctuation or the end: "21个小区已成立" -> "个小区", "1个政务服务分中心"
 *    -> "个".  Otherwise the unit is the classifier alone.
 *  - 达 / 达到 / 控制在 are "weak" prefix operators (GE, GE, LE, OP_WORDS):
 *    when a suffix 以上/以下/以内 follows, the suffix decides and op_span
 *    covers it ("达90%以上": GE, op_span = "以上").  A strong prefix (≥,
 *    不低于 ...) keeps op_span; a suffix that contradicts it is not taken.
 *  - 以上/以下/以内/及以上/或以上 are inclusive (民法典); 内 (1年内) only
 *    after a period or a date; 前/之前/以前 (LE) and 后/之后/以后/起 (GE)
 *    only after a date.
 *  - ASCII '>' and '<' are OP_NONCANONICAL (the canonical forms are ＞ ＜).
 *    NFKC folds ＞ to '>', so values parsed from normalised text report a
 *    written ＞ as non-canonical: check the source slice before a fix-it.
 *  - RANGE: op_span is the separator (-, ～, 至 ...); num is the lower bound,
 *    num2 the upper; an AMOUNT range's fen is the lower bound's.
 *  - DATE: year/month/day are set (0 when not written) and num is the
 *    integer yyyymmdd (20190101; 201812 00 -> 20181200).  年底/年末/年内
 *    without a year give year 0, month 12, day 31.
 *  - ‰ is a PERCENT with num divided by ten (5‰ -> 0.5) and unit "‰".
 *  - Absent spans are empty: op_span at the start of the number, unit_span
 *    at the end of the last number.  For EMPTY, TEXT and WORD only `span` is
 *    set (the trimmed value; {0,0} for a blank value).
 *  - AMOUNT under PBLINT_HINT_AMOUNT with default unit NONE keeps
 *    money_unit NONE and computes fen as if in 元.
 *  - Not supported: Chinese numerals (壹贰叁, 一二三), 百万元/千万元,
 *    exponents (1e5 is TEXT), ranges of dates.
 */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>

/* ------------------------------------------------------------- decimals */

#define PB_MAXSCALE 18

static const int64_t pb_pow10[PB_MAXSCALE + 1] = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

static bool pb_scale_ok(int32_t s)
{
    return s >= 0 && s <= PB_MAXSCALE;
}

static int32_t pb_clamp_scale(int32_t s)
{
    return s < 0 ? 0 : s > PB_MAXSCALE ? PB_MAXSCALE : s;
}

/* Stores v * 10^-s into out.  With `trim`, trailing zeros are dropped;
 * without, only as many as needed to fit an int64. */
static int pb_store(__int128 v, int32_t s, bool trim, pblint_decimal *out)
{
    if (trim) {
        while (s > 0 && v % 10 == 0) {
            v /= 10;
            s--;
        }
    }
    while ((v > INT64_MAX || v < INT64_MIN) && s > 0 && v % 10 == 0) {
        v /= 10;
        s--;
    }
    if (s > PB_MAXSCALE || v > INT64_MAX || v < INT64_MIN)
        return PBLINT_ETOOBIG;
    out->mant = (int64_t)v;
    out->scale = s;
    return PBLINT_OK;
}

int pblint_decimal_cmp(pblint_decimal a, pblint_decimal b)
{
    int32_t sa = pb_clamp_scale(a.scale), sb = pb_clamp_scale(b.scale);
    int32_t s = sa > sb ? sa : sb;
    __int128 x = (__int128)a.mant * pb_pow10[s - sa];
    __int128 y = (__int128)b.mant * pb_pow10[s - sb];
    return (x > y) - (x < y);
}

static int pb_addsub(pblint_decimal a, pblint_decimal b, bool sub, pblint_decimal *out)
{
    if (!out || !pb_scale_ok(a.scale) || !pb_scale_ok(b.scale))
        return PBLINT_EINVAL;
    int32_t s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = (__int128)a.mant * pb_pow10[s - a.scale];
    __int128 y = (__int128)b.mant * pb_pow10[s - b.scale];
    return pb_store(sub ? x - y : x + y, s, false, out);
}

int pblint_decimal_add(pblint_decimal a, pblint_decimal b, pblint_decimal *out)
{
    return pb_addsub(a, b, false, out);
}

int pblint_decimal_sub(pblint_decimal a, pblint_decimal b, pblint_decimal *out)
{
    return pb_addsub(a, b, true, out);
}

int pblint_decimal_mul(pblint_decimal a, pblint_decimal b, pblint_decimal *out)
{
    if (!out || !pb_scale_ok(a.scale) || !pb_scale_ok(b.scale))
        return PBLINT_EINVAL;
    __int128 p = (__int128)a.mant * b.mant; /* |p| <= 2^126: no overflow */
    return pb_store(p, a.scale + b.scale, true, out);
}

int pblint_decimal_rescale(pblint_decimal a, int32_t scale, pblint_decimal *out)
{
    if (!out || !pb_scale_ok(a.scale) || !pb_scale_ok(scale))
        return PBLINT_EINVAL;
    if (scale >= a.scale) {
        int64_t m;
        if (__builtin_mul_overflow(a.mant, pb_pow10[scale - a.scale], &m))
            return PBLINT_ETOOBIG;
        out->mant = m;
        out->scale = scale;
        return PBLINT_OK;
    }
    int64_t p = pb_pow10[a.scale - scale];
    int64_t q = a.mant / p, r = a.mant % p;
    uint64_t ar = r < 0 ? (uint64_t)0 - (uint64_t)r : (uint64_t)r;
    if (ar * 2 >= (uint64_t)p)
        q += a.mant < 0 ? -1 : 1; /* |q| < |mant| / 10: cannot overflow */
    out->mant = q;
    out->scale = scale;
    return PBLINT_OK;
}

/* Copies n bytes of src into buf as snprintf would; returns n. */
static size_t pb_emit_str(const char *src, size_t n, char *buf, size_t size)
{
    if (buf && size > 0) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, src, k);
        buf[k] = '\0';
    }
    return n;
}

static size_t pb_format(pblint_decimal a, char *tmp)
{
    int32_t s = pb_clamp_scale(a.scale);
    uint64_t m = a.mant < 0 ? (uint64_t)0 - (uint64_t)a.mant : (uint64_t)a.mant;
    char digits[24];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    while (nd <= s)
        digits[nd++] = '0';
    size_t o = 0;
    if (a.mant < 0)
        tmp[o++] = '-';
    for (int i = nd - 1; i >= 0; i--) {
        tmp[o++] = digits[i];
        if (i == s && s > 0)
            tmp[o++] = '.';
    }
    tmp[o] = '\0';
    return o;
}

size_t pblint_decimal_format(pblint_decimal a, char *buf, size_t size)
{
    char tmp[48];
    size_t n = pb_format(a, tmp);
    return pb_emit_str(tmp, n, buf, size);
}

/* Fen per unit, as a power of ten: 元 = 10^2 fen, 千元 10^5, 万元 10^6, 亿元 10^10. */
int pblint_money_unit_exp(int money_unit)
{
    switch (money_unit) {
    case PBLINT_MONEY_QIAN:
        return 5;
    case PBLINT_MONEY_WAN:
        return 6;
    case PBLINT_MONEY_YI:
        return 10;
    default:
        return 2;
    }
}

size_t pblint_fen_format(int64_t fen, int money_unit, char *buf, size_t size)
{
    char tmp[48];
    pblint_decimal d = {fen, pblint_money_unit_exp(money_unit)};
    size_t n = pb_format(d, tmp);
    if (memchr(tmp, '.', n)) {
        while (tmp[n - 1] == '0')
            n--;
        if (tmp[n - 1] == '.')
            n--;
    }
    return pb_emit_str(tmp, n, buf, size);
}

/* ---------------------------------------------------------------- names */

const char *pblint_version(void)
{
    return PBLINT_VERSION_STRING;
}

const char *pblint_strerror(int code)
{
    switch (code) {
    case PBLINT_OK:
        return "success";
    case PBLINT_ENOMEM:
        return "out of memory";
    case PBLINT_EINVAL:
        return "invalid argument";
    case PBLINT_EIO:
        return "input/output error";
    case PBLINT_EENCODING:
        return "the input's encoding cannot be decoded";
    case PBLINT_EBINARY:
        return "the input is not a text filing";
    case PBLINT_EPLUGIN:
        return "a plugin could not be loaded";
    case PBLINT_ECONFIG:
        return "configuration error";
    case PBLINT_ENOTFOUND:
        return "not found";
    case PBLINT_ETOOBIG:
        return "the input exceeds a hard limit";
    default:
        return "unknown error";
    }
}

const char *pblint_severity_name(pblint_severity sev)
{
    switch (sev) {
    case PBLINT_SEV_DEFAULT:
        return "default";
    case PBLINT_SEV_OFF:
        return "off";
    case PBLINT_SEV_NOTE:
        return "note";
    case PBLINT_SEV_WARNING:
        return "warning";
    case PBLINT_SEV_ERROR:
        return "error";
    }
    return "unknown";
}

/* Case-insensitive equality of a C string with a lower-case ASCII name. */
static bool pb_name_eq(const char *s, const char *lower)
{
    for (; *s && *lower; s++, lower++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *lower)
            return false;
    }
    return *s == '\0' && *lower == '\0';
}

int pblint_severity_parse(const char *name, pblint_severity *out)
{
    static const struct {
        const char *name;
        pblint_severity sev;
    } names[] = {
        {"note", PBLINT_SEV_NOTE},       {"info", PBLINT_SEV_NOTE}, {"warning", PBLINT_SEV_WARNING},
        {"error", PBLINT_SEV_ERROR},     {"off", PBLINT_SEV_OFF},
    };
    if (!name || !out)
        return PBLINT_EINVAL;
    for (size_t i = 0; i < PB_ARRAY_LEN(names); i++) {
        if (pb_name_eq(name, names[i].name)) {
            *out = names[i].sev;
            return PBLINT_OK;
        }
    }
    return PBLINT_EINVAL;
}

const char *pblint_money_unit_name(int money_unit)
{
    switch (money_unit) {
    case PBLINT_MONEY_YUAN:
        return "元";
    case PBLINT_MONEY_QIAN:
        return "千元";
    case PBLINT_MONEY_WAN:
        return "万元";
    case PBLINT_MONEY_YI:
        return "亿元";
    default:
        return "";
    }
}

const char *pblint_op_symbol(int op)
{
    switch (op) {
    case PBLINT_OP_EQ:
        return "=";
    case PBLINT_OP_GE:
        return "≥";
    case PBLINT_OP_GT:
        return "＞";
    case PBLINT_OP_LE:
        return "≤";
    case PBLINT_OP_LT:
        return "＜";
    case PBLINT_OP_RANGE:
        return "–"; /* U+2013 EN DASH: 90%–95% */
    default:
        return "";
    }
}

/* -------------------------------------------------------------- reading */

typedef struct pb_in {
    const unsigned char *s;
    size_t len; /* authoritative: nothing at or past len is read */
} pb_in;

/* Decodes one UTF-8 sequence at s[i] (i < len).  Invalid or truncated
 * sequences yield U+FFFD for one byte. */
static uint32_t pb_decode(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned c = s[i];
    uint32_t cp;
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c >= 0xC2 && c < 0xE0) {
        if (i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            *n = 2;
            return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
        }
    } else if (c >= 0xE0 && c < 0xF0) {
        if (i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                 (s[i + 2] & 0x3F);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
                *n = 3;
                return cp;
            }
        }
    } else if (c >= 0xF0 && c < 0xF5) {
        if (i + 3 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
            (s[i + 3] & 0xC0) == 0x80) {
            cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
                 ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            if (cp >= 0x10000 && cp <= 0x10FFFF) {
                *n = 4;
                return cp;
            }
        }
    }
    *n = 1;
    return 0xFFFD;
}

/* The code point at i, full-width ASCII folded to ASCII and U+3000 to a
 * space; 0 at (or past) the end, where *next = i. */
static inline uint32_t pb_cp(const pb_in *in, size_t i, size_t *next)
{
    if (i >= in->len) {
        *next = i;
        return 0;
    }
    const unsigned char *s = in->s;
    unsigned char b = s[i];
    if (b < 0x80) {
        *next = i + 1;
        return b;
    }
    size_t n;
    uint32_t c;
    if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < in->len && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
        /* The common case (CJK): a 3-byte sequence that cannot be overlong
         * or a surrogate. */
        c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        n = 3;
    } else {
        c = pb_decode(s, in->len, i, &n);
    }
    *next = i + n;
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFEE0;
    if (c == 0x3000)
        return ' ';
    return c;
}

/* The (folded) code point that ends at i, 0 at the start of the text. */
static uint32_t pb_cp_before(const pb_in *in, size_t i, size_t *start)
{
    if (i == 0 || i > in->len) {
        *start = i;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (in->s[j] & 0xC0) == 0x80)
        j--;
    size_t nx;
    uint32_t c = pb_cp(in, j, &nx);
    if (nx != i) {
        *start = i - 1;
        return 0xFFFD;
    }
    *start = j;
    return c;
}

static inline bool pb_is_hspace(uint32_t c)
{
    if (c > 0x205F) /* CJK and most else, at once */
        return c == 0xFEFF;
    return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
           c == 0x205F;
}

static inline bool pb_is_space(uint32_t c)
{
    if (c > 0x205F)
        return c == 0xFEFF;
    return pb_is_hspace(c) || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

static bool pb_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static bool pb_is_alpha(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool pb_is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static bool pb_digit_at(const pb_in *in, size_t i)
{
    size_t nx;
    return pb_is_digit(pb_cp(in, i, &nx));
}

/* Whether any of the 16 bytes at s is a digit or the lead byte EF of a
 * full-width one.  (GCC vector extensions: SIMD where the target has it.) */
typedef unsigned char pb_u8x16 __attribute__((vector_size(16)));
typedef signed char pb_s8x16 __attribute__((vector_size(16)));

static inline bool pb_any_digit_lead16(const unsigned char *s)
{
    pb_u8x16 v;
    uint64_t w[2];
    memcpy(&v, s, sizeof v);
    pb_s8x16 m = ((v - '0') < 10) | (v == 0xEF);
    memcpy(w, &m, sizeof w);
    return (w[0] | w[1]) != 0;
}

/* The first byte at or after i that starts a digit, ASCII 0-9 or a
 * full-width ０-９ (EF BC 90..99), exactly as pb_cp() reads them; in->len if
 * none. */
static size_t pb_next_digit(const pb_in *in, size_t i)
{
    /* the bytes a digit starts with: 0-9, and EF for ０-９ */
    static const bool lead[256] = {['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true,
                                   ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true,
                                   ['8'] = true, ['9'] = true, [0xEF] = true};
    const unsigned char *s = in->s;
    for (; i < in->len; i++) {
        /* sixteen, then four bytes a step through the many that start no
         * digit */
        while (in->len - i >= 16 && !pb_any_digit_lead16(s + i))
            i += 16;
        while (i + 4 <= in->len && !lead[s[i]] && !lead[s[i + 1]] && !lead[s[i + 2]] &&
               !lead[s[i + 3]])
            i += 4;
        if (i >= in->len)
            break;
        if (!lead[s[i]])
            continue;
        if (s[i] != 0xEF ||
            (i + 2 < in->len && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99))
            return i;
    }
    return in->len;
}

/* Skips white space (only horizontal unless `lines`). */
static size_t pb_skip_ws_slow(const pb_in *in, size_t i, bool lines)
{
    for (;;) {
        size_t nx;
        uint32_t c = pb_cp(in, i, &nx);
        if (!(lines ? pb_is_space(c) : pb_is_hspace(c)))
            return i;
        i = nx;
    }
}

static inline size_t pb_skip_ws(const pb_in *in, size_t i, bool lines)
{
    /* the usual cases at once: the end, printable ASCII, and a lead byte
     * of U+4000..U+9FFF (CJK), none of which starts a space */
    if (i >= in->len)
        return i;
    unsigned char c = in->s[i];
    if ((c > ' ' && c < 0x80) || (c >= 0xE4 && c <= 0xE9))
        return i;
    return pb_skip_ws_slow(in, i, lines);
}

/* Writes code point c as UTF-8 into b; returns its length. */
static size_t pb_utf8(uint32_t c, char *b)
{
    if (c < 0x80) {
        b[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (c >> 18));
    b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Matches the UTF-8 literal pat at i, comparing folded code points (what
 * pb_cp() returns); returns the end of the match, or 0.  It compares bytes:
 * pat is valid UTF-8 with no full-width form, U+3000 or U+FFFD in it (the
 * literals here have none; pb_idx_add() keeps table words that do out), so
 * a non-ASCII code point of pat is read by pb_cp() exactly where the text
 * holds its own bytes, and an ASCII one where the text holds that byte or
 * its full-width form (what pb_cp() folds). */
static size_t pb_match(const pb_in *in, size_t i, const char *pat)
{
    const unsigned char *p = (const unsigned char *)pat, *s = in->s;
    size_t len = in->len;
    while (*p) {
        if (i >= len)
            return 0;
        unsigned char c = *p;
        if (s[i] == c) {
            if (c < 0x80) {
                i++;
                p++;
                continue;
            }
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (len - i < n)
                return 0;
            for (size_t k = 1; k < n; k++)
                if (s[i + k] != p[k])
                    return 0;
            i += n;
            p += n;
            continue;
        }
        /* U+FF01..U+FF5E for ! .. ~, U+3000 for a space */
        uint32_t w = c == ' ' ? 0x3000 : c >= 0x21 && c <= 0x7E ? c + 0xFEE0u : 0;
        char wb[4];
        if (w == 0 || len - i < 3)
            return 0;
        pb_utf8(w, wb);
        if (memcmp(s + i, wb, 3) != 0)
            return 0;
        i += 3;
        p++;
    }
    return i;
}

/* ------------------------------------------------------------- numbers */

typedef struct pb_num {
    int64_t mant; /* magnitude */
    int32_t scale;
    size_t end;
    int nint; /* digits before the point */
    bool sep, point, overflow;
} pb_num;

static void pb_acc(pb_num *n, uint32_t d)
{
    if (n->overflow)
        return;
    if (__builtin_mul_overflow(n->mant, (int64_t)10, &n->mant) ||
        __builtin_add_overflow(n->mant, (int64_t)d, &n->mant))
        n->overflow = true;
}

/* Exactly three digits at i, then no digit. */
static bool pb_group3(const pb_in *in, size_t i)
{
    for (int k = 0; k < 3; k++) {
        size_t nx;
        if (!pb_is_digit(pb_cp(in, i, &nx)))
            return false;
        i = nx;
    }
    return !pb_digit_at(in, i);
}

/* Reads digits (with 1,553,870 separators) and a fraction at p (a digit). */
static void pb_number(const pb_in *in, size_t p, pb_num *n)
{
    memset(n, 0, sizeof *n);
    int group = 0;
    size_t nx;
    uint32_t c;
    for (;;) {
        c = pb_cp(in, p, &nx);
        if (pb_is_digit(c)) {
            pb_acc(n, c - '0');
            n->nint++;
            group++;
            p = nx;
        } else if (c == ',' && group >= 1 && (n->sep ? group == 3 : group <= 3) &&
                   pb_group3(in, nx)) {
            n->sep = true;
            group = 0;
            p = nx;
        } else {
            break;
        }
    }
    if (c == '.' && pb_digit_at(in, nx)) {
        n->point = true;
        p = nx;
        for (;;) {
            c = pb_cp(in, p, &nx);
            if (!pb_is_digit(c))
                break;
            if (n->scale == PB_MAXSCALE)
                n->overflow = true;
            else
                n->scale++;
            pb_acc(n, c - '0');
            p = nx;
        }
    }
    n->end = p;
}

/* An exponent (e309, E+5) right after a number: returns its end, or 0. */
static size_t pb_exponent_at(const pb_in *in, size_t i)
{
    size_t nx;
    uint32_t c = pb_cp(in, i, &nx);
    if (c != 'e' && c != 'E')
        return 0;
    size_t j = nx;
    c = pb_cp(in, j, &nx);
    if (c == '+' || c == '-')
        j = nx;
    if (!pb_digit_at(in, j))
        return 0;
    while (pb_digit_at(in, j))
        j++;
    return j;
}

/* A run of plain digits at i: its length, value (capped) and end. */
static int pb_digit_run(const pb_in *in, size_t i, long *val, size_t *end)
{
    int n = 0;
    long v = 0;
    for (;;) {
        size_t nx;
        uint32_t c = pb_cp(in, i, &nx);
        if (!pb_is_digit(c))
            break;
        if (n < 9)
            v = v * 10 + (long)(c - '0');
        n++;
        i = nx;
    }
    *val = v;
    *end = i;
    return n;
}

/* Amount in fen of val (in money_unit), rounded half away from zero. */
static int pb_to_fen(pblint_decimal val, int money_unit, int64_t *fen, bool *inexact)
{
    int e = pblint_money_unit_exp(money_unit) - val.scale; /* fen = mant * 10^e */
    __int128 v = val.mant;
    *inexact = false;
    if (e >= 0) {
        v *= pb_pow10[e]; /* e <= 10 */
    } else {
        int64_t p = pb_pow10[-e]; /* -e <= 18 */
        __int128 q = v / p, r = v % p;
        if (r != 0) {
            *inexact = true;
            if ((r < 0 ? -r : r) * 2 >= p)
                q += v < 0 ? -1 : 1;
        }
        v = q;
    }
    if (v > INT64_MAX || v < INT64_MIN)
        return PBLINT_ETOOBIG;
    *fen = (int64_t)v;
    return PBLINT_OK;
}

/* ----------------------------------------------------------- operators */

enum {
    PB_OW_NONCANON = 1u << 0, /* >=, ≧, 》 ... */
    PB_OW_WORDS = 1u << 1,    /* 不低于, 以上 ... */
    PB_OW_WEAK = 1u << 2,     /* 达, 达到, 控制在: a following suffix decides */
    PB_OW_CELL = 1u << 3,     /* only in a cell value, not in running text */
    PB_OW_PERIOD = 1u << 4,   /* suffix only after a PERIOD or a DATE (1年内) */
    PB_OW_DATE = 1u << 5      /* suffix only after a DATE (2019年12月31日前) */
};

typedef struct pb_opword {
    const char *s;
    unsigned char op;
    unsigned char flags;
} pb_opword;

/* Prefix operators (§2.5).  The longest match wins.  《 is not taken as <:
 * it opens every document title.  No operator here or in pb_suffix_ops
 * starts with a digit (pb_op_at() relies on it). */
static const pb_opword pb_prefix_ops[] = {
    {"≥", PBLINT_OP_GE, 0},
    {"≧", PBLINT_OP_GE, PB_OW_NONCANON},
    {"⩾", PBLINT_OP_GE, PB_OW_NONCANON},
    {">=", PBLINT_OP_GE, PB_OW_NONCANON},
    {"=>", PBLINT_OP_GE, PB_OW_NONCANON},
    {"≤", PBLINT_OP_LE, 0},
    {"≦", PBLINT_OP_LE, PB_OW_NONCANON},
    {"⩽", PBLINT_OP_LE, PB_OW_NONCANON},
    {"<=", PBLINT_OP_LE, PB_OW_NONCANON},
    {"=<", PBLINT_OP_LE, PB_OW_NONCANON},
    {">", PBLINT_OP_GT, PB_OW_NONCANON}, /* canonical when written ＞ */
    {"<", PBLINT_OP_LT, PB_OW_NONCANON}, /* canonical when written ＜ */
    {"=", PBLINT_OP_EQ, 0},
    {"》", PBLINT_OP_GT, PB_OW_NONCANON | PB_OW_CELL},
    {"大于等于", PBLINT_OP_GE, PB_OW_WORDS},
    {"大于或等于", PBLINT_OP_GE, PB_OW_WORDS},
    {"不小于", PBLINT_OP_GE, PB_OW_WORDS},
    {"不低于", PBLINT_OP_GE, PB_OW_WORDS},
    {"不少于", PBLINT_OP_GE, PB_OW_WORDS},
    {"至少", PBLINT_OP_GE, PB_OW_WORDS},
    {"最少", PBLINT_OP_GE, PB_OW_WORDS},
    {"达到", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_WEAK},
    {"达", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_WEAK},
    {"小于等于", PBLINT_OP_LE, PB_OW_WORDS},
    {"小于或等于", PBLINT_OP_LE, PB_OW_WORDS},
    {"不大于", PBLINT_OP_LE, PB_OW_WORDS},
    {"不高于", PBLINT_OP_LE, PB_OW_WORDS},
    {"不超过", PBLINT_OP_LE, PB_OW_WORDS},
    {"不多于", PBLINT_OP_LE, PB_OW_WORDS},
    {"至多", PBLINT_OP_LE, PB_OW_WORDS},
    {"最多", PBLINT_OP_LE, PB_OW_WORDS},
    {"控制在", PBLINT_OP_LE, PB_OW_WORDS | PB_OW_WEAK},
    {"大于", PBLINT_OP_GT, PB_OW_WORDS},
    {"超过", PBLINT_OP_GT, PB_OW_WORDS},
    {"高于", PBLINT_OP_GT, PB_OW_WORDS},
    {"多于", PBLINT_OP_GT, PB_OW_WORDS},
    {"小于", PBLINT_OP_LT, PB_OW_WORDS},
    {"低于", PBLINT_OP_LT, PB_OW_WORDS},
    {"少于", PBLINT_OP_LT, PB_OW_WORDS},
    {"不满", PBLINT_OP_LT, PB_OW_WORDS},
    {"不足", PBLINT_OP_LT, PB_OW_WORDS},
    {"等于", PBLINT_OP_EQ, PB_OW_WORDS},
};

/* Suffix operators.  以上/以下/以内 include the number (民法典 第1259条). */
static const pb_opword pb_suffix_ops[] = {
    {"及以上", PBLINT_OP_GE, PB_OW_WORDS},
    {"或以上", PBLINT_OP_GE, PB_OW_WORDS},
    {"以上", PBLINT_OP_GE, PB_OW_WORDS},
    {"及以下", PBLINT_OP_LE, PB_OW_WORDS},
    {"或以下", PBLINT_OP_LE, PB_OW_WORDS},
    {"以下", PBLINT_OP_LE, PB_OW_WORDS},
    {"以内", PBLINT_OP_LE, PB_OW_WORDS},
    {"之内", PBLINT_OP_LE, PB_OW_WORDS},
    {"内", PBLINT_OP_LE, PB_OW_WORDS | PB_OW_PERIOD},
    {"之前", PBLINT_OP_LE, PB_OW_WORDS | PB_OW_DATE},
    {"以前", PBLINT_OP_LE, PB_OW_WORDS | PB_OW_DATE},
    {"前", PBLINT_OP_LE, PB_OW_WORDS | PB_OW_DATE},
    {"之后", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_DATE},
    {"以后", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_DATE},
    {"后", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_DATE},
    {"起", PBLINT_OP_GE, PB_OW_WORDS | PB_OW_DATE},
};

typedef struct pb_opm {
    int op;
    unsigned flags;
    size_t start, end;
} pb_opm;

/* A word table indexed by first code point, so that a lookup tries only
 * the words that start with the code point at hand instead of matching
 * every word of the table.  Words sharing a slot (first % PB_IDX_SLOTS)
 * are chained in table order. */
#define PB_IDX_MAX 160 /* at least the words of the longest table */
#define PB_IDX_SLOTS 64

typedef struct pb_idx {
    uint32_t first[PB_IDX_MAX];       /* each word's first code point */
    unsigned char head[PB_IDX_SLOTS]; /* 1 + the first word of a slot; 0: none */
    unsigned char next[PB_IDX_MAX];   /* 1 + the next word of the same slot; 0: none */
} pb_idx;

enum { PB_IDX_PREFIX, PB_IDX_SUFFIX, PB_IDX_UNITS, PB_IDX__COUNT };

static const pb_idx *pb_index(int which);

/* The length of the UTF-8 sequence that lead byte c starts. */
static inline size_t pb_seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

static bool pb_op_at_slow(const pb_in *in, int which, size_t i, unsigned deny, pb_opm *m)
{
    size_t nx, best = i;
    uint32_t c0 = pb_cp(in, i, &nx);
    const pb_opword *bw = NULL;
    if (c0 == 0 || pb_is_digit(c0))
        return false;
    const pb_opword *tab = which == PB_IDX_PREFIX ? pb_prefix_ops : pb_suffix_ops;
    const pb_idx *ix = pb_index(which);
    for (unsigned k = ix->head[c0 % PB_IDX_SLOTS]; k; k = ix->next[k - 1]) {
        const pb_opword *w = &tab[k - 1];
        if (ix->first[k - 1] != c0 || (w->flags & deny))
            continue;
        /* the first code point matched, as pb_cp() read it */
        size_t e = pb_match(in, nx, w->s + pb_seq_len((unsigned char)w->s[0]));
        if (e > best) {
            best = e;
            bw = w;
        }
    }
    if (!bw)
        return false;
    m->op = bw->op;
    m->flags = bw->flags;
    m->start = i;
    m->end = best;
    /* ＞ and ＜ themselves are the canonical forms. */
    if ((bw->op == PBLINT_OP_GT || bw->op == PBLINT_OP_LT) && best - i == 3 && in->s[i] == 0xEF &&
        in->s[i + 1] == 0xBC && (in->s[i + 2] == 0x9E || in->s[i + 2] == 0x9C))
        m->flags &= ~(unsigned)PB_OW_NONCANON;
    return true;
}

/* The longest operator of pb_prefix_ops or pb_suffix_ops (`which`) at i
 * whose flags avoid `deny`. */
static inline bool pb_op_at(const pb_in *in, int which, size_t i, unsigned deny, pb_opm *m)
{
    /* No operator of either table starts with a digit, and quantities are
     * mostly looked for at one: an ASCII digit (or the end) is turned away
     * here, a full-width one by pb_op_at_slow(). */
    if (i >= in->len || (in->s[i] >= '0' && in->s[i] <= '9'))
        return false;
    return pb_op_at_slow(in, which, i, deny, m);
}

static uint32_t pb_op_vflags(unsigned f)
{
    uint32_t r = 0;
    if (f & PB_OW_NONCANON)
        r |= PBLINT_VALF_OP_NONCANONICAL;
    if (f & PB_OW_WORDS)
        r |= PBLINT_VALF_OP_WORDS;
    return r;
}

/* ---------------------------------------------------------------- units */

enum { PB_U_NONE = 0, PB_U_PERCENT, PB_U_PERMILLE, PB_U_MONEY, PB_U_PERIOD, PB_U_COUNT };

typedef struct pb_word {
    const char *s;
    unsigned char cls;
    unsigned char absorb; /* a nominal classifier: may take the noun after it */
} pb_word;

/* Units of time (PERIOD) and of measure (COUNT), §2.6.  The longest match
 * wins, so 个月 beats 个, 人次 beats 人, 分钟 beats 分. */
static const pb_word pb_units[] = {
    {"个工作日", PB_U_PERIOD, 0},
    {"工作日", PB_U_PERIOD, 0},
    {"个月", PB_U_PERIOD, 0},
    {"个小时", PB_U_PERIOD, 0},
    {"小时", PB_U_PERIOD, 0},
    {"分钟", PB_U_PERIOD, 0},
    {"个星期", PB_U_PERIOD, 0},
    {"星期", PB_U_PERIOD, 0},
    {"个季度", PB_U_PERIOD, 0},
    {"季度", PB_U_PERIOD, 0},
    {"周", PB_U_PERIOD, 0},
    {"年", PB_U_PERIOD, 0},
    {"月", PB_U_PERIOD, 0},
    {"天", PB_U_PERIOD, 0},
    {"日", PB_U_PERIOD, 0},
    {"人次", PB_U_COUNT, 0},
    {"人", PB_U_COUNT, 0},
    {"户次", PB_U_COUNT, 0},
    {"户", PB_U_COUNT, 0},
    {"个百分点", PB_U_COUNT, 0},
    {"百分点", PB_U_COUNT, 0},
    {"个", PB_U_COUNT, 1},
    {"次", PB_U_COUNT, 0},
    {"场次", PB_U_COUNT, 0},
    {"场", PB_U_COUNT, 0},
    {"期", PB_U_COUNT, 0},
    {"家", PB_U_COUNT, 1},
    {"件", PB_U_COUNT, 1},
    {"份", PB_U_COUNT, 1},
    {"篇", PB_U_COUNT, 0},
    {"册", PB_U_COUNT, 0},
    {"台", PB_U_COUNT, 1},
    {"套", PB_U_COUNT, 1},
    {"辆次", PB_U_COUNT, 0},
    {"辆", PB_U_COUNT, 1},
    {"座", PB_U_COUNT, 1},
    {"处", PB_U_COUNT, 1},
    {"株", PB_U_COUNT, 0},
    {"棵", PB_U_COUNT, 0},
    {"平方公里", PB_U_COUNT, 0},
    {"平方千米", PB_U_COUNT, 0},
    {"平方米", PB_U_COUNT, 0},
    {"平米", PB_U_COUNT, 0},
    {"立方米", PB_U_COUNT, 0},
    {"公里", PB_U_COUNT, 0},
    {"千米", PB_U_COUNT, 0},
    {"厘米", PB_U_COUNT, 0},
    {"毫米", PB_U_COUNT, 0},
    {"米", PB_U_COUNT, 0},
    {"公顷", PB_U_COUNT, 0},
    {"亩", PB_U_COUNT, 0},
    {"吨", PB_U_COUNT, 0},
    {"公斤", PB_U_COUNT, 0},
    {"千克", PB_U_COUNT, 0},
    {"克", PB_U_COUNT, 0},
    {"千瓦时", PB_U_COUNT, 0},
    {"千瓦", PB_U_COUNT, 0},
    {"升", PB_U_COUNT, 0},
    {"分", PB_U_COUNT, 0}, /* a score: 89分 */
    {"项", PB_U_COUNT, 1},
    {"条", PB_U_COUNT, 1},
    {"所", PB_U_COUNT, 1},
    {"间", PB_U_COUNT, 1},
    {"张", PB_U_COUNT, 1},
    {"本", PB_U_COUNT, 1},
    {"批次", PB_U_COUNT, 0},
    {"批", PB_U_COUNT, 1},
    {"名", PB_U_COUNT, 1},
    {"位", PB_U_COUNT, 1},
    {"只", PB_U_COUNT, 1},
    {"头", PB_U_COUNT, 0},
    {"支", PB_U_COUNT, 1},
    {"块", PB_U_COUNT, 1},
    {"部", PB_U_COUNT, 1},
    {"组", PB_U_COUNT, 1},
    {"队", PB_U_COUNT, 0},
    {"类", PB_U_COUNT, 1},
    {"种", PB_U_COUNT, 1},
    {"门", PB_U_COUNT, 1},
    {"节", PB_U_COUNT, 0},
    {"课时", PB_U_COUNT, 0},
    {"学时", PB_U_COUNT, 0},
    {"班", PB_U_COUNT, 0},
    {"届", PB_U_COUNT, 0},
    {"轮", PB_U_COUNT, 0},
    {"遍", PB_U_COUNT, 0},
    {"趟", PB_U_COUNT, 0},
    {"床", PB_U_COUNT, 0},
    {"架次", PB_U_COUNT, 0},
    {"倍", PB_U_COUNT, 0},
    {"岁", PB_U_COUNT, 0},
    {"页", PB_U_COUNT, 0},
    {"首", PB_U_COUNT, 0},
    {"栋", PB_U_COUNT, 1},
    {"幢", PB_U_COUNT, 1},
    {"层", PB_U_COUNT, 0},
    {"级", PB_U_COUNT, 0},
    {"档", PB_U_COUNT, 0},
    {"笔", PB_U_COUNT, 0},
    {"宗", PB_U_COUNT, 0},
    {"起", PB_U_COUNT, 0},
    {"例", PB_U_COUNT, 0},
    {"片", PB_U_COUNT, 0},
    {"段", PB_U_COUNT, 0},
    {"周年", PB_U_COUNT, 0},
    {"度", PB_U_COUNT, 0},
    {"㎡", PB_U_COUNT, 0},
    {"㎢", PB_U_COUNT, 0},
    {"㎞", PB_U_COUNT, 0},
    {"㎏", PB_U_COUNT, 0},
    {"m²", PB_U_COUNT, 0},
    {"m2", PB_U_COUNT, 0},
    {"m³", PB_U_COUNT, 0},
    {"m3", PB_U_COUNT, 0},
    {"km²", PB_U_COUNT, 0},
    {"km2", PB_U_COUNT, 0},
    {"km", PB_U_COUNT, 0},
    {"kg", PB_U_COUNT, 0},
    {"cm", PB_U_COUNT, 0},
    {"mm", PB_U_COUNT, 0},
    {"m", PB_U_COUNT, 0},
    {"t", PB_U_COUNT, 0},
    {"kWh", PB_U_COUNT, 0},
    {"kW", PB_U_COUNT, 0},
    {"kw", PB_U_COUNT, 0},
    {"MW", PB_U_COUNT, 0},
    {"GB", PB_U_COUNT, 0},
    {"TB", PB_U_COUNT, 0},
    {"MB", PB_U_COUNT, 0},
    {"min", PB_U_COUNT, 0},
};

/* Enters word k (s) into ix ahead of the words entered before it (so
 * entering a table last to first chains each slot in table order).  A word
 * that pb_match() cannot compare by bytes (one with a full-width form or
 * U+3000, which pb_cp() never returns, or with invalid UTF-8 or U+FFFD) is
 * left out; no word of the tables is one. */
static void pb_idx_add(pb_idx *ix, size_t k, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), n;
    for (size_t j = 0; j < len; j += n) {
        uint32_t c = pb_decode(u, len, j, &n);
        if (c == 0xFFFD || (c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000)
            return;
    }
    if (len == 0)
        return;
    ix->first[k] = pb_decode(u, len, 0, &n);
    unsigned slot = ix->first[k] % PB_IDX_SLOTS;
    ix->next[k] = ix->head[slot];
    ix->head[slot] = (unsigned char)(k + 1);
}

_Static_assert(PB_ARRAY_LEN(pb_prefix_ops) <= PB_IDX_MAX &&
                   PB_ARRAY_LEN(pb_suffix_ops) <= PB_IDX_MAX &&
                   PB_ARRAY_LEN(pb_units) <= PB_IDX_MAX && PB_IDX_MAX < 256,
               "word tables fit pb_idx");

static pb_idx pb_idx_tab[PB_IDX__COUNT]; /* set once, then only read */
static pthread_once_t pb_idx_once = PTHREAD_ONCE_INIT;

static void pb_idx_build(void)
{
    for (size_t k = PB_ARRAY_LEN(pb_prefix_ops); k-- > 0;)
        pb_idx_add(&pb_idx_tab[PB_IDX_PREFIX], k, pb_prefix_ops[k].s);
    for (size_t k = PB_ARRAY_LEN(pb_suffix_ops); k-- > 0;)
        pb_idx_add(&pb_idx_tab[PB_IDX_SUFFIX], k, pb_suffix_ops[k].s);
    for (size_t k = PB_ARRAY_LEN(pb_units); k-- > 0;)
        pb_idx_add(&pb_idx_tab[PB_IDX_UNITS], k, pb_units[k].s);
}

static const pb_idx *pb_index(int which)
{
    pthread_once(&pb_idx_once, pb_idx_build);
    return &pb_idx_tab[which];
}

typedef struct pb_unit {
    int cls;   /* PB_U_* */
    int money; /* pblint_money_unit, for PB_U_MONEY */
    size_t start, end;
} pb_unit;

enum { PB_CELL = 0, PB_SCAN = 1 };

#define PB_UNIT_MAX (sizeof(((pblint_value *)0)->unit) - 1) /* bytes, NUL excluded */

typedef struct pb_q {
    pb_in in;    /* for a cell: ends at the trimmed end */
    int mode;    /* PB_CELL or PB_SCAN */
    int hint;    /* pblint_value_hint */
    int defunit; /* pblint_money_unit for bare amounts */
} pb_q;

/* Function words that end a noun taken into a unit (21个小区已成立 -> 个小区). */
static bool pb_is_stop(uint32_t c)
{
    switch (c) {
    case U'的': case U'之': case U'已': case U'和': case U'及': case U'与': case U'或':
    case U'等': case U'为': case U'是': case U'在': case U'了': case U'将': case U'并':
    case U'且': case U'共': case U'各': case U'每': case U'均': case U'都': case U'也':
    case U'就': case U'以': case U'内': case U'前': case U'后': case U'左': case U'右':
    case U'时': case U'被': case U'把': case U'对': case U'向': case U'从': case U'到':
    case U'至': case U'由': case U'达': case U'有': case U'无': case U'未': case U'不':
    case U'再': case U'又': case U'还': case U'可': case U'能': case U'需': case U'应':
    case U'要': case U'于': case U'中': case U'上': case U'下':
        return true;
    default:
        return false;
    }
}

/* Takes the noun after a classifier (or, in a cell, a unit no table has):
 * up to `max` Han characters that are not function words, followed by no
 * further Han character other than a function word.  unit_start bounds the
 * unit to what fits in pblint_value.unit. */
static size_t pb_absorb(const pb_in *in, size_t p, size_t unit_start, int max)
{
    size_t i = p, nx;
    int n = 0;
    while (n < max) {
        uint32_t c = pb_cp(in, i, &nx);
        if (!pb_is_han(c) || pb_is_stop(c) || nx - unit_start > PB_UNIT_MAX)
            break;
        i = nx;
        n++;
    }
    if (n == 0)
        return p;
    uint32_t c = pb_cp(in, i, &nx);
    if (pb_is_han(c) && !pb_is_stop(c))
        return p;
    return i;
}

/* The longest unit word of pb_units at i; its end, or i. */
static size_t pb_word_at(const pb_q *q, size_t i, int *cls)
{
    const pb_in *in = &q->in;
    size_t nx, n0, best = i;
    uint32_t c0 = pb_cp(in, i, &n0);
    const pb_word *bw = NULL;
    if (c0 == 0 || pb_is_digit(c0))
        return i;
    const pb_idx *ix = pb_index(PB_IDX_UNITS);
    for (unsigned k = ix->head[c0 % PB_IDX_SLOTS]; k; k = ix->next[k - 1]) {
        if (ix->first[k - 1] != c0)
            continue;
        const char *s = pb_units[k - 1].s;
        /* the first code point matched, as pb_cp() read it */
        size_t e = pb_match(in, n0, s + pb_seq_len((unsigned char)s[0]));
        if (e <= best)
            continue;
        /* km, t, m: not the start of a longer ASCII word (5th, 3mph). */
        if (pb_is_alpha((unsigned char)s[strlen(s) - 1]) && pb_is_alpha(pb_cp(in, e, &nx)))
            continue;
        best = e;
        bw = &pb_units[k - 1];
    }
    if (!bw)
        return i;
    *cls = bw->cls;
    if (bw->absorb)
        best = pb_absorb(in, best, i, q->mode == PB_CELL ? 6 : 3);
    return best;
}

/* A unit (or a percent sign, or money) after a number ending at p. */
static size_t pb_unit_at(const pb_q *q, size_t p, pb_unit *u)
{
    const pb_in *in = &q->in;
    size_t t = pb_skip_ws(in, p, q->mode == PB_CELL), nx, e;
    uint32_t c = pb_cp(in, t, &nx);
    int cls = PB_U_NONE;
    u->cls = PB_U_NONE;
    u->money = PBLINT_MONEY_NONE;
    u->start = u->end = p;
    if (c == 0)
        return p;
    u->start = t;
    if (c == '%') {
        u->cls = PB_U_PERCENT;
        return u->end = nx;
    }
    if (c == 0x2030) { /* ‰ */
        u->cls = PB_U_PERMILLE;
        return u->end = nx;
    }
    if ((e = pb_match(in, t, "百分比")) != 0) {
        u->cls = PB_U_PERCENT;
        return u->end = e;
    }
    if (c == U'万' || c == U'亿') {
        size_t e2;
        uint32_t c2 = pb_cp(in, nx, &e2);
        e = nx;
        if (c2 == U'元') {
            e = e2;
        } else {
            /* 2万人, 3亿吨: a count in ten-thousands, not money. */
            size_t w = pb_word_at(q, nx, &cls);
            if (w > nx) {
                u->cls = cls == PB_U_PERIOD ? PB_U_PERIOD : PB_U_COUNT;
                return u->end = w;
            }
        }
        u->cls = PB_U_MONEY;
        u->money = c == U'万' ? PBLINT_MONEY_WAN : PBLINT_MONEY_YI;
    } else if (c == U'千' && (e = pb_match(in, nx, "元")) != 0) {
        u->cls = PB_U_MONEY;
        u->money = PBLINT_MONEY_QIAN;
    } else if (c == U'元') {
        e = nx;
        u->cls = PB_U_MONEY;
        u->money = PBLINT_MONEY_YUAN;
    }
    if (u->cls == PB_U_MONEY) {
        /* A rate: 元/个, 元/人·月, 万元/年. */
        if (pb_cp(in, e, &nx) == '/') {
            size_t w = pb_word_at(q, nx, &cls);
            if (w > nx) {
                e = w;
                if (pb_cp(in, e, &nx) == 0xB7 && (w = pb_word_at(q, nx, &cls)) > nx)
                    e = w;
            }
        }
        return u->end = e;
    }
    e = pb_word_at(q, t, &cls);
    if (e > t) {
        u->cls = cls;
        return u->end = e;
    }
    if (q->mode == PB_CELL) {
        /* A unit of measure no table has (5艘): a few Han characters. */
        e = pb_absorb(in, t, t, 4);
        if (e > t) {
            u->cls = PB_U_COUNT;
            return u->end = e;
        }
    }
    u->start = p;
    return p;
}

static bool pb_is_times(uint32_t c)
{
    return c == '*' || c == 0xD7 || c == 0x2715 || c == 0x2716 || c == 0x2217 || c == 'x' ||
           c == 'X';
}

static bool pb_is_range_sep(uint32_t c)
{
    return c == '-' || c == '~' || c == 0x2013 || c == 0x2014 || c == 0x2212 || c == 0x301C ||
           c == U'至' || c == U'到';
}

/* Multiplies val by the factors "*9500", "×21" after a number ending at
 * *num_end; returns PB_Q_* and moves *num_end past the last factor. */
enum { PB_Q_NONE = 0, PB_Q_OK, PB_Q_BAD, PB_Q_OVERFLOW };

static int pb_factors(const pb_in *in, pblint_decimal *val, size_t *num_end, bool *product,
                      uint32_t *flags)
{
    for (;;) {
        size_t nx, t = pb_skip_ws(in, *num_end, false);
        if (!pb_is_times(pb_cp(in, t, &nx)))
            return PB_Q_OK;
        size_t t2 = pb_skip_ws(in, nx, false);
        if (!pb_digit_at(in, t2))
            return PB_Q_OK;
        pb_num n;
        pb_number(in, t2, &n);
        size_t x = pb_exponent_at(in, n.end);
        if (x) {
            *num_end = x;
            return PB_Q_BAD;
        }
        *num_end = n.end;
        pblint_decimal f = {n.mant, n.scale};
        if (n.overflow || pblint_decimal_mul(*val, f, val) != PBLINT_OK)
            return PB_Q_OVERFLOW;
        if (n.sep)
            *flags |= PBLINT_VALF_SEPARATORS;
        *product = true;
    }
}

/* ---------------------------------------------------------------- dates */

static int pb_days_in(int y, int m)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y != 0 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 28;
    return days[m - 1];
}

static void pb_set_date(pblint_value *v, int y, int m, int d)
{
    v->kind = PBLINT_VAL_DATE;
    v->year = y;
    v->month = m;
    v->day = d;
    v->num.mant = (int64_t)y * 10000 + m * 100 + d;
    v->num.scale = 0;
    if (m == 0 || d == 0)
        v->flags |= PBLINT_VALF_PARTIAL_DATE;
}

/* Day of month (1-2 digits + 日/号) or 底/末 after a month, at i. */
static int pb_day_part(const pb_in *in, size_t i, int y, int m, int *d, size_t *end)
{
    size_t nx, e;
    long val;
    uint32_t c = pb_cp(in, i, &nx);
    if (c == U'底' || c == U'末') {
        *d = pb_days_in(y, m);
        *end = nx;
        return PB_Q_OK;
    }
    int nd = pb_digit_run(in, i, &val, &e);
    if (nd == 0)
        return PB_Q_NONE;
    size_t t = pb_skip_ws(in, e, false);
    c = pb_cp(in, t, &nx);
    if (c != U'日' && c != U'号')
        return PB_Q_NONE;
    if (nd > 2 || val < 1 || val > pb_days_in(y, m)) {
        *end = nx;
        return PB_Q_BAD;
    }
    *d = (int)val;
    *end = nx;
    return PB_Q_OK;
}

/* A date at p (a digit): 2019年1月1日, 2018年12月, 2019年, 2019年底,
 * 2019年度, 2020-01-01, 2020/1/1, 2020.01.01, 2020-01, 12月31日, 12月底. */
static int pb_date(const pb_q *q, size_t p, pblint_value *v, size_t *end)
{
    const pb_in *in = &q->in;
    size_t e, nx, t;
    long val;
    int nd = pb_digit_run(in, p, &val, &e);
    *end = e;
    if (nd == 4) {
        int y = (int)val;
        t = pb_skip_ws(in, e, false);
        uint32_t c = pb_cp(in, t, &nx);
        if (c == U'年') {
            if (y < 1900 || y > 2100)
                return PB_Q_NONE;
            int m = 0, d = 0;
            size_t de = nx, u = pb_skip_ws(in, nx, false), x, w;
            c = pb_cp(in, u, &x);
            if ((w = pb_match(in, u, "年底")) != 0 || (w = pb_match(in, u, "年末")) != 0) {
                m = 12, d = 31, de = w;
            } else if (c == U'底' || c == U'末') {
                m = 12, d = 31, de = x;
            } else if (c == U'度') {
                de = x;
            } else if (pb_is_digit(c)) {
                size_t me;
                int nm = pb_digit_run(in, u, &val, &me);
                size_t t2 = pb_skip_ws(in, me, false);
                if (pb_cp(in, t2, &x) == U'月') {
                    if (nm > 2 || val < 1 || val > 12) {
                        *end = x;
                        return PB_Q_BAD;
                    }
                    m = (int)val;
                    de = x;
                    int r = pb_day_part(in, pb_skip_ws(in, x, false), y, m, &d, &x);
                    if (r == PB_Q_BAD) {
                        *end = x;
                        return PB_Q_BAD;
                    }
                    if (r == PB_Q_OK)
                        de = x;
                }
            }
            pb_set_date(v, y, m, d);
            *end = de;
            return PB_Q_OK;
        }
        if (t == e && (c == '-' || c == '/' || c == '.')) {
            uint32_t sep = c;
            size_t me, de;
            int nm = pb_digit_run(in, nx, &val, &me);
            if (nm < 1 || nm > 2 || y < 1900 || y > 2100)
                return PB_Q_NONE;
            int m = (int)val;
            c = pb_cp(in, me, &nx);
            if (c == sep && pb_digit_at(in, nx)) {
                int ndd = pb_digit_run(in, nx, &val, &de);
                if (ndd > 2)
                    return PB_Q_NONE;
                *end = de;
                if (m < 1 || m > 12 || val < 1 || val > pb_days_in(y, m))
                    return PB_Q_BAD;
                pb_set_date(v, y, m, (int)val);
                return PB_Q_OK;
            }
            /* 2020-01: a month; not with '.', which is a decimal point. */
            if (sep == '.' || m < 1 || m > 12 || pb_is_alpha(c) || c == '.' || c == ',')
                return PB_Q_NONE;
            pb_set_date(v, y, m, 0);
            *end = me;
            return PB_Q_OK;
        }
        return PB_Q_NONE;
    }
    if (nd <= 2) {
        /* 12月31日, 12月底: a day of the filing's year (year 0). */
        t = pb_skip_ws(in, e, false);
        if (pb_cp(in, t, &nx) != U'月')
            return PB_Q_NONE;
        int d = 0;
        size_t x;
        int m = val >= 1 && val <= 12 ? (int)val : 1;
        int r = pb_day_part(in, pb_skip_ws(in, nx, false), 0, m, &d, &x);
        if (r == PB_Q_NONE)
            return PB_Q_NONE;
        *end = x;
        if (r == PB_Q_BAD || val < 1 || val > 12)
            return PB_Q_BAD;
        pb_set_date(v, 0, m, d);
        return PB_Q_OK;
    }
    return PB_Q_NONE;
}

/* ------------------------------------------------------------- values */

static void pb_span_set(pblint_span *sp, size_t a, size_t b)
{
    sp->start = (uint32_t)a;
    sp->end = (uint32_t)b;
}

/* Copies the unit text [a, b) into v->unit in NFKC form (full-width folded,
 * ㎡ -> m2, ² -> 2 ...), truncated at a code point boundary. */
static void pb_copy_unit(const pb_in *in, size_t a, size_t b, pblint_value *v)
{
    size_t o = 0, cap = sizeof v->unit;
    for (size_t i = a; i < b;) {
        size_t nx;
        uint32_t c = pb_cp(in, i, &nx);
        char tmp[8];
        size_t n;
        const char *rep = NULL;
        i = nx;
        switch (c) {
        case 0x33A1: rep = "m2"; break;
        case 0x33A2: rep = "km2"; break;
        case 0x339E: rep = "km"; break;
        case 0x338F: rep = "kg"; break;
        case 0x00B2: rep = "2"; break;
        case 0x00B3: rep = "3"; break;
        default: break;
        }
        if (rep) {
            n = strlen(rep);
            memcpy(tmp, rep, n);
        } else {
            n = pb_utf8(c, tmp);
        }
        if (o + n >= cap)
            break;
        memcpy(v->unit + o, tmp, n);
        o += n;
    }
    v->unit[o] = '\0';
}

/* FULLWIDTH: a full-width form inside the value other than the canonical
 * operators ＞ ＜ themselves. */
static void pb_fullwidth(const pb_in *in, pblint_value *v)
{
    const unsigned char *s = in->s;
    size_t end = v->span.end;
    for (size_t i = v->span.start; i + 3 <= end; i++) {
        if (s[i] != 0xEF)
            continue;
        unsigned b1 = s[i + 1], b2 = s[i + 2];
        bool wide = (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) ||
                    (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E);
        if (wide && !(b1 == 0xBC && (b2 == 0x9E || b2 == 0x9C))) {
            v->flags |= PBLINT_VALF_FULLWIDTH;
            return;
        }
    }
}

/* Combines a prefix and a suffix operator into v; returns the end of what
 * was taken (the suffix's end, or `end` when it was not taken). */
static size_t pb_combine_ops(pblint_value *v, const pb_opm *pre, const pb_opm *suf, size_t end)
{
    const pb_opm *won = NULL;
    if (suf && suf->op != PBLINT_OP_NONE) {
        if (pre->op == PBLINT_OP_NONE || (pre->flags & PB_OW_WEAK)) {
            won = suf;
            if (pre->op != PBLINT_OP_NONE)
                v->flags |= pb_op_vflags(pre->flags);
            end = suf->end;
        } else if (pre->op == suf->op) {
            won = pre;
            v->flags |= pb_op_vflags(suf->flags);
            end = suf->end;
        } else {
            won = pre; /* 不低于90%以下: the suffix is left as text */
        }
    } else if (pre->op != PBLINT_OP_NONE) {
        won = pre;
    }
    if (won) {
        v->op = won->op;
        v->flags |= pb_op_vflags(won->flags);
        pb_span_set(&v->op_span, won->start, won->end);
    }
    return end;
}

/* Clears v (copying zeros takes fewer instructions than a memset of this
 * size, which compilers turn into rep stos). */
static inline void pb_clear(pblint_value *v)
{
    static const pblint_value zero;
    *v = zero;
}

/* Parses one quantity at p0 into v, which must be all zero.  Returns
 * PB_Q_NONE when there is none (no number after the optional operator;
 * v is left all zero), PB_Q_BAD for something number-like that is not a
 * value (1e309, 2019年13月), PB_Q_OVERFLOW for a number that does not fit
 * (v is then partly set); *endp gets the end of what was read. */
static int pb_qty(const pb_q *q, size_t p0, pblint_value *v, size_t *endp)
{
    const pb_in *in = &q->in;
    size_t p = p0, nx, end;
    uint32_t c;
    pb_opm pre = {PBLINT_OP_NONE, 0, p0, p0}, suf = {PBLINT_OP_NONE, 0, 0, 0};

    *endp = p0;
    if (pb_op_at(in, PB_IDX_PREFIX, p,
                 q->mode == PB_SCAN ? PB_OW_CELL : 0, &pre))
        p = pb_skip_ws(in, pre.end, q->mode == PB_CELL);
    size_t nstart = p;
    bool neg = false;
    c = pb_cp(in, p, &nx);
    if ((c == '-' || c == 0x2212 || c == '+') && pb_digit_at(in, nx)) {
        neg = c != '+';
        p = nx;
    }
    if (!pb_digit_at(in, p))
        return PB_Q_NONE;

    if (!neg && nstart == p) {
        int r = pb_date(q, p, v, &end);
        if (r == PB_Q_BAD) {
            *endp = end;
            return PB_Q_BAD;
        }
        if (r == PB_Q_OK) {
            size_t t = pb_skip_ws(in, end, q->mode == PB_CELL);
            pb_span_set(&v->num_span, nstart, end);
            pb_span_set(&v->unit_span, end, end);
            pb_span_set(&v->op_span, nstart, nstart);
            if (!pb_op_at(in, PB_IDX_SUFFIX, t, 0, &suf))
                suf.op = PBLINT_OP_NONE;
            end = pb_combine_ops(v, &pre, &suf, end);
            pb_span_set(&v->span, pre.op != PBLINT_OP_NONE ? pre.start : nstart, end);
            *endp = end;
            return PB_Q_OK;
        }
    }

    pb_num n1;
    pb_number(in, p, &n1);
    *endp = n1.end;
    size_t x = pb_exponent_at(in, n1.end);
    if (x) {
        *endp = x;
        return PB_Q_BAD;
    }
    if (n1.overflow)
        return PB_Q_OVERFLOW;
    if (n1.sep)
        v->flags |= PBLINT_VALF_SEPARATORS;
    if (neg)
        v->flags |= PBLINT_VALF_NEGATIVE;
    pblint_decimal val = {neg ? -n1.mant : n1.mant, n1.scale}, val2 = {0, 0};
    size_t num_end = n1.end, last_end;
    bool product = false, range = false;

    int r = pb_factors(in, &val, &num_end, &product, &v->flags);
    if (r != PB_Q_OK) {
        *endp = num_end;
        return r;
    }
    last_end = num_end;

    pb_unit u;
    end = pb_unit_at(q, num_end, &u);

    /* 9500元×21, 9500元/个×21个 */
    if (u.cls == PB_U_MONEY && !product) {
        size_t fe = end;
        r = pb_factors(in, &val, &fe, &product, &v->flags);
        if (r != PB_Q_OK) {
            *endp = fe;
            return r;
        }
        if (product) {
            last_end = fe;
            pb_unit u2;
            size_t e2 = pb_unit_at(q, fe, &u2);
            end = u2.cls == PB_U_COUNT ? e2 : fe;
        }
    }

    /* 90%-95%, 90～95%, 3至5天 */
    if (pre.op == PBLINT_OP_NONE && !product) {
        size_t t = pb_skip_ws(in, end, false);
        c = pb_cp(in, t, &nx);
        size_t t2 = pb_skip_ws(in, nx, false);
        if (pb_is_range_sep(c) && pb_digit_at(in, t2)) {
            pb_num n2;
            pb_unit u2;
            pb_number(in, t2, &n2);
            if (!n2.overflow && !pb_exponent_at(in, n2.end)) {
                size_t e2 = pb_unit_at(q, n2.end, &u2);
                bool ok = u.cls == PB_U_NONE || u2.cls == PB_U_NONE ||
                          (u.cls == u2.cls && u.money == u2.money);
                if (ok) {
                    range = true;
                    val2.mant = n2.mant;
                    val2.scale = n2.scale;
                    if (n2.sep)
                        v->flags |= PBLINT_VALF_SEPARATORS;
                    if (u2.cls != PB_U_NONE)
                        u = u2;
                    end = u2.cls != PB_U_NONE ? e2 : n2.end;
                    last_end = n2.end;
                    v->op = PBLINT_OP_RANGE;
                    pb_span_set(&v->op_span, t, nx);
                }
            }
        }
    }

    pb_span_set(&v->num_span, nstart, product ? last_end : n1.end);
    if (!range) {
        pb_span_set(&v->op_span, nstart, nstart);
        size_t t = pb_skip_ws(in, end, q->mode == PB_CELL);
        unsigned deny = PB_OW_DATE | (u.cls == PB_U_PERIOD ? 0u : (unsigned)PB_OW_PERIOD);
        if (!pb_op_at(in, PB_IDX_SUFFIX, t, deny, &suf))
            suf.op = PBLINT_OP_NONE;
        end = pb_combine_ops(v, &pre, &suf, end);
    }

    switch (u.cls) {
    case PB_U_PERCENT:
        v->kind = PBLINT_VAL_PERCENT;
        break;
    case PB_U_PERMILLE:
        /* 5‰ = 0.5%. */
        if (val.scale >= PB_MAXSCALE || (range && val2.scale >= PB_MAXSCALE))
            return PB_Q_OVERFLOW;
        val.scale++;
        if (range)
            val2.scale++;
        v->kind = PBLINT_VAL_PERCENT;
        break;
    case PB_U_MONEY:
        v->kind = PBLINT_VAL_AMOUNT;
        v->money_unit = u.money;
        v->flags |= PBLINT_VALF_UNIT_EXPLICIT;
        break;
    case PB_U_PERIOD:
        v->kind = PBLINT_VAL_PERIOD;
        break;
    case PB_U_COUNT:
        v->kind = PBLINT_VAL_COUNT;
        break;
    default:
        if (q->mode == PB_CELL && q->hint == PBLINT_HINT_AMOUNT) {
            v->kind = PBLINT_VAL_AMOUNT;
            v->money_unit = q->defunit;
        } else {
            v->kind = PBLINT_VAL_NUMBER;
        }
        break;
    }
    if (v->kind == PBLINT_VAL_AMOUNT) {
        bool inexact;
        if (pb_to_fen(val, v->money_unit, &v->fen, &inexact) != PBLINT_OK) {
            *endp = end;
            return PB_Q_OVERFLOW;
        }
        if (inexact)
            v->flags |= PBLINT_VALF_INEXACT;
    }
    if (product)
        v->flags |= PBLINT_VALF_PRODUCT;
    v->num = val;
    v->num2 = val2;
    if (u.cls != PB_U_NONE) {
        pb_span_set(&v->unit_span, u.start, u.end);
        pb_copy_unit(in, u.start, u.end, v);
    } else {
        pb_span_set(&v->unit_span, last_end, last_end);
    }
    pb_span_set(&v->span, pre.op != PBLINT_OP_NONE ? pre.start : nstart, end);
    *endp = end;
    return PB_Q_OK;
}

/* 年底, 年末, 年底前, 年内: a deadline in the filing's year (year 0).  v
 * must be all zero; it is left so unless the result is PB_Q_OK. */
static int pb_date_words(const pb_q *q, size_t p, pblint_value *v, size_t *endp)
{
    const pb_in *in = &q->in;
    size_t e;
    pb_opm pre = {PBLINT_OP_NONE, 0, p, p}, suf = {PBLINT_OP_NONE, 0, 0, 0};
    if (pb_cp(in, p, &e) != U'年') /* what all three words start with */
        return PB_Q_NONE;
    if (!(e = pb_match(in, p, "年底")) && !(e = pb_match(in, p, "年末"))) {
        if (!(e = pb_match(in, p, "年")) || !pb_match(in, e, "内"))
            return PB_Q_NONE;
    }
    pb_set_date(v, 0, 12, 31);
    pb_span_set(&v->num_span, p, e);
    pb_span_set(&v->op_span, p, p);
    pb_span_set(&v->unit_span, e, e);
    if (!pb_op_at(in, PB_IDX_SUFFIX, pb_skip_ws(in, e, true), 0, &suf))
        suf.op = PBLINT_OP_NONE;
    e = pb_combine_ops(v, &pre, &suf, e);
    pb_span_set(&v->span, p, e);
    *endp = e;
    return PB_Q_OK;
}

static bool pb_is_dash(uint32_t c)
{
    return c == '-' || c == '/' || c == '\\' || c == '_' || (c >= 0x2010 && c <= 0x2015) ||
           c == 0x2212 || c == 0x2500 || c == 0x2501 || c == 0x2E3A || c == 0x2E3B;
}

/* Whether the code point ending at e (> 0) is certainly not a space, by
 * its bytes: an ASCII byte other than white space, or a 3-byte sequence
 * of U+4000..U+9FFF (CJK), which pb_cp_before() would read as such. */
static inline bool pb_plain_end(const unsigned char *s, size_t e)
{
    unsigned char c = s[e - 1];
    if (c < 0x80)
        return c > ' ';
    return e >= 3 && s[e - 3] >= 0xE4 && s[e - 3] <= 0xE9 && (s[e - 2] & 0xC0) == 0x80 &&
           (c & 0xC0) == 0x80;
}

/* Whether in holds at most max code points (as pb_cp() reads them) from
 * b. */
static bool pb_ncp_at_most(const pb_in *in, size_t b, size_t max)
{
    const unsigned char *s = in->s;
    size_t len = in->len, n = 0, i = b, nx;
    if (len - b <= max) /* a code point is at least a byte */
        return true;
    while (i < len) {
        if (++n > max)
            return false;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
        } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 &&
                   (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3; /* pb_cp()'s common case, without decoding */
        } else {
            pb_cp(in, i, &nx);
            i = nx;
        }
    }
    return true;
}

int pblint_value_parse(const char *text, size_t len, int hint, int default_money_unit,
                       pblint_value *out)
{
    if (!out)
        return PBLINT_EINVAL;
    pb_clear(out);
    if (!text)
        return PBLINT_EINVAL;
    if (len > UINT32_MAX)
        len = UINT32_MAX;
    pb_in all = {(const unsigned char *)text, len};
    size_t b = 0, e = len, i, nx, ps;
    uint32_t c;
    /* Trim: forward over leading space, backward over trailing space, so a
     * long prose cell costs nothing here. */
    for (;;) {
        c = pb_cp(&all, b, &nx);
        if (b >= len)
            return PBLINT_OK; /* EMPTY */
        if (!pb_is_space(c))
            break;
        b = nx;
    }
    while (e > b && !pb_plain_end(all.s, e) && pb_is_space(pb_cp_before(&all, e, &ps)))
        e = ps;
    /* Dash placeholders (——, ----, /): only space and dashes, starting
     * (trimmed) with a dash. */
    if (pb_is_dash(c)) {
        bool dash_only = true;
        for (i = nx; i < e; i = nx) {
            c = pb_cp(&all, i, &nx);
            if (!pb_is_space(c) && !pb_is_dash(c)) {
                dash_only = false;
                break;
            }
        }
        if (dash_only) {
            out->kind = PBLINT_VAL_EMPTY;
            out->flags = PBLINT_VALF_DASH;
            pb_span_set(&out->span, b, e);
            return PBLINT_OK;
        }
    }

    /* "1、基层组织经费", "2.政务服务": a numbered item is text, not the number 1 */
    {
        size_t k = b;
        while (k < e && text[k] >= '0' && text[k] <= '9')
            k++;
        if (k > b && k - b <= 3 && k < e) {
            size_t after = k;
            bool enumerated = false;
            if (e - k >= 3 && memcmp(text + k, "\xe3\x80\x81", 3) == 0) { /* 、 */
                enumerated = true;
                after = k + 3;
            } else if (text[k] == '.' && k + 1 < e && (unsigned char)text[k + 1] >= 0x80) {
                enumerated = true;
                after = k + 1;
            }
            if (enumerated && after < e) {
                out->kind = PBLINT_VAL_TEXT;
                pb_span_set(&out->span, b, e);
                return PBLINT_OK;
            }
        }
    }

    pb_q q = {{(const unsigned char *)text, e}, PB_CELL, hint, default_money_unit};
    size_t end;
    /* pb_qty() finds nothing in a value without a digit (most text cells).
     * Only a short value is searched for one: pb_qty() itself gives up on
     * long prose after a few code points. */
    bool no_digit = e - b <= 64 && pb_next_digit(&q.in, b) >= e;
    int r = no_digit ? PB_Q_NONE : pb_qty(&q, b, out, &end);
    if (r == PB_Q_NONE)
        r = pb_date_words(&q, b, out, &end);
    if (r == PB_Q_OK) {
        if (pb_skip_ws(&q.in, end, true) < e)
            out->flags |= PBLINT_VALF_TRAILING_TEXT;
        pb_fullwidth(&q.in, out);
        return PBLINT_OK;
    }
    if (r != PB_Q_NONE) /* PB_Q_NONE left out all zero */
        pb_clear(out);
    pb_span_set(&out->span, b, e);
    if (r == PB_Q_OVERFLOW) {
        out->kind = PBLINT_VAL_TEXT;
        out->flags = PBLINT_VALF_OVERFLOW;
    } else if (r == PB_Q_BAD) {
        out->kind = PBLINT_VAL_TEXT;
    } else {
        /* Qualitative: a short word (及时, 提高, 合格) of at most 12 code
         * points and no digit; longer prose is TEXT.  A value of more than
         * 64 bytes, where no_digit is not looked at, has more than 12. */
        out->kind = no_digit && pb_ncp_at_most(&q.in, b, 12) ? PBLINT_VAL_WORD : PBLINT_VAL_TEXT;
    }
    return PBLINT_OK;
}

/* ------------------------------------------------------------- scanning */

/* Code points that may begin a quantity in running text besides digits:
 * signs, operator symbols, and the first characters of the prefix words. */
static bool pb_may_start(uint32_t c)
{
    switch (c) {
    case '-': case 0x2212: case '<': case '>': case '=':
    case 0x2265: case 0x2267: case 0x2A7E: case 0x2264: case 0x2266: case 0x2A7D:
    case U'大': case U'不': case U'至': case U'最': case U'达': case U'超': case U'高':
    case U'多': case U'小': case U'控': case U'低': case U'少': case U'等':
        return true;
    default:
        return false;
    }
}

static bool pb_is_opener(uint32_t c)
{
    return c == '(' || c == '[' || c == 0x3014 || c == 0x3010 || c == 0x3016 || c == 0x3008 ||
           c == 0x3018 || c == 0x301A;
}

static bool pb_is_closer(uint32_t c)
{
    return c == ')' || c == ']' || c == 0x3015 || c == 0x3011 || c == 0x3017 || c == 0x3009 ||
           c == 0x3019 || c == 0x301B;
}

/* Punctuation after which a clause starts (where "1、" enumerates). */
static bool pb_is_clause_punct(uint32_t c)
{
    switch (c) {
    case 0: case ':': case ';': case ',': case '!': case '?': case '.':
    case U'。': case U'、': case U'：': case U'；': case U'，': case U'！': case U'？':
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case '"': case '\'':
    case 0x300A: case 0x300B: case '>':
        return true;
    default:
        return pb_is_space(c) || pb_is_opener(c) || pb_is_closer(c);
    }
}

/* Skips what is not a quantity although it starts with a digit at i: a
 * number glued to an ASCII word (A4, v1.2), an ordinal (第3), a bracketed
 * number (〔2018〕, （1）, [2016]) and an enumerator at a clause start
 * (1、 1. 2) 3）).  Returns where scanning goes on, or i. */
static size_t pb_scan_skip(const pb_in *in, size_t i)
{
    size_t ps, nx, e;
    long val;
    uint32_t prev = pb_cp_before(in, i, &ps);
    if (pb_is_alpha(prev) || pb_is_digit(prev) || prev == '_' || prev == '.' || prev == U'第') {
        for (;;) {
            uint32_t c = pb_cp(in, i, &nx);
            if (!(pb_is_digit(c) || pb_is_alpha(c) || c == '.' || c == '_' || c == ',') || nx == i)
                return i;
            i = nx;
        }
    }
    int nd = pb_digit_run(in, i, &val, &e);
    /* Bracketed: 〔2018〕8号, 【2016】205号, （1）. */
    size_t b = i;
    uint32_t before = prev;
    while (pb_is_space(before) && ps < b) {
        b = ps;
        before = pb_cp_before(in, b, &ps);
    }
    size_t t = pb_skip_ws(in, e, true);
    uint32_t c = pb_cp(in, t, &nx);
    if (pb_is_opener(before) && pb_is_closer(c))
        return nx;
    /* Enumerators: 1、 1. 2) at a clause start. */
    if (nd <= 3 && (pb_is_space(prev) || pb_is_clause_punct(before))) {
        c = pb_cp(in, e, &nx);
        if (c == U'、' || c == ')' || (c == '.' && !pb_digit_at(in, nx)))
            return nx;
    }
    return i;
}

/* Whether any of the 16 bytes at s is one of - < > = or the lead byte EF
 * of a full-width form: what pblint_scan_quantities() stops at far from
 * a digit. */
static inline bool pb_any_sign_lead16(const unsigned char *s)
{
    pb_u8x16 v;
    uint64_t w[2];
    memcpy(&v, s, sizeof v);
    pb_s8x16 m = (v == '-') | (v == '<') | (v == '>') | (v == '=') | (v == 0xEF);
    memcpy(w, &m, sizeof w);
    return (w[0] | w[1]) != 0;
}

/* A digit (ASCII or full-width) within the next few bytes: the longest
 * prefix operator (大于或等于) is 15 bytes, spaces aside. */
static bool pb_digit_soon(const pb_in *in, size_t i)
{
    size_t end = in->len - i > 24 ? i + 24 : in->len;
    for (; i < end; i++) {
        unsigned char b = in->s[i];
        if (b >= '0' && b <= '9')
            return true;
        if (b == 0xEF && i + 2 < in->len && in->s[i + 1] == 0xBC && in->s[i + 2] >= 0x90 &&
            in->s[i + 2] <= 0x99)
            return true;
    }
    return false;
}

size_t pblint_scan_quantities(const char *text, size_t len, int default_money_unit,
                              pblint_value *out, size_t max)
{
    (void)default_money_unit; /* running text: a bare number is a NUMBER */
    if (!text)
        return 0;
    if (!out)
        max = 0;
    if (len > UINT32_MAX)
        len = UINT32_MAX;
    pb_q q = {{(const unsigned char *)text, len}, PB_SCAN, PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE};
    const pb_in *in = &q.in;
    size_t i = 0, count = 0;
    size_t dnext = pb_next_digit(in, 0); /* the first digit at or after i */
    pblint_value v;
    while (i < len) {
        if (dnext < i)
            dnext = pb_next_digit(in, i);
        /* Every quantity has a digit (pb_qty() returns PB_Q_NONE without
         * one): with none ahead there is nothing more to find. */
        if (dnext >= len)
            break;
        /* Far from the next digit, the loop below skips every code point
         * but an ASCII - < > = and a full-width form (lead byte EF: ＞ ＝ －
         * fold to ASCII): a code point at p <= dnext - 28 ends by p + 4, so
         * pb_digit_soon() sees no digit in the 24 bytes after it.  Skip such
         * code points in one go, landing on a code point start (every byte
         * that is not a continuation byte is one the loop below visits). */
        if (dnext - i >= 28) {
            size_t lim = dnext - 27, j = i;
            while (lim - j >= 16 && !pb_any_sign_lead16(in->s + j))
                j += 16;
            while (j < lim) {
                unsigned char c0 = in->s[j];
                if (c0 == '-' || c0 == '<' || c0 == '>' || c0 == '=' || c0 == 0xEF)
                    break;
                j++;
            }
            if (j == lim)
                while (j < len && (in->s[j] & 0xC0) == 0x80)
                    j++;
            if (j > i) {
                i = j;
                continue;
            }
        }
        unsigned char b = in->s[i];
        if (b < 0x80 && !(b >= '0' && b <= '9') && b != '-' && b != '<' && b != '>' && b != '=') {
            i++;
            continue;
        }
        size_t nx, end;
        uint32_t c = pb_cp(in, i, &nx);
        bool digit = pb_is_digit(c);
        if (!digit && !pb_may_start(c)) {
            i = nx;
            continue;
        }
        if (!digit && c >= 0x80 && !pb_digit_soon(in, nx)) {
            i = nx; /* 不断, 大走访: an operator word needs a number after it */
            continue;
        }
        if (digit) {
            size_t sk = pb_scan_skip(in, i);
            if (sk > i) {
                i = sk;
                continue;
            }
        } else if (c == '-' || c == 0x2212) {
            size_t ps;
            uint32_t prev = pb_cp_before(in, i, &ps);
            if (pb_is_alpha(prev) || pb_is_digit(prev)) {
                i = nx;
                continue;
            }
        }
        pb_clear(&v);
        int r = pb_qty(&q, i, &v, &end);
        if (r == PB_Q_OK) {
            size_t e2;
            uint32_t after = pb_cp(in, end, &e2);
            if (v.kind == PBLINT_VAL_NUMBER && v.op == PBLINT_OP_NONE && after == U'号') {
                i = e2; /* 〔2018〕8号: a document number */
                continue;
            }
            if (v.kind == PBLINT_VAL_NUMBER && pb_is_alpha(after)) {
                i = end; /* 5G, 3D: part of a word */
                while (i < len && pb_is_alpha(pb_cp(in, i, &e2)))
                    i = e2;
                continue;
            }
            pb_fullwidth(in, &v);
            if (count < max)
                out[count] = v;
            count++;
            i = end > i ? end : nx;
            continue;
        }
        if (r != PB_Q_NONE && end > i) {
            i = end;
            continue;
        }
        if (digit) {
            while (pb_is_digit(pb_cp(in, i, &nx)))
                i = nx;
            continue;
        }
        i = nx;
    }
    return count;
}

/*
 * Unit tests for libpblint/src/value.c: exact decimals, money formatting,
 * name tables, pblint_value_parse() and pblint_scan_quantities().
 *
 * Spans are written as (prefix, text) pairs: the span starts after the
 * bytes of `prefix` and covers the bytes of `text`, so every byte offset is
 * exact yet readable; the test checks that the pair really matches the
 * input before it compares offsets.  An omitted span means {0, 0}.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pblint/pblint.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V(k) PBLINT_VAL_##k
#define OP(o) PBLINT_OP_##o
#define F(x) PBLINT_VALF_##x
#define MU(x) PBLINT_MONEY_##x
#define AMT .hint = PBLINT_HINT_AMOUNT

typedef struct sp {
    const char *pre, *txt;
} sp;

/* Checks a span against (pre, txt) relative to `in`. */
static void span_expect(const char *in, const char *field, pblint_span got, sp want)
{
    const char *pre = want.pre ? want.pre : "";
    const char *txt = want.txt ? want.txt : "";
    size_t s = strlen(pre), e = s + strlen(txt);
    if (strncmp(in, pre, s) != 0 || strncmp(in + s, txt, e - s) != 0)
        fail_msg("bad test row \"%s\": %s span {\"%s\", \"%s\"} does not match the input", in,
                 field, pre, txt);
    if (got.start != s || got.end != e)
        fail_msg("\"%s\": %s = [%u, %u), want [%zu, %zu) \"%s\"", in, field, got.start, got.end,
                 s, e, txt);
}

#define EXPECT_EQ(in, what, got, want)                                                          \
    do {                                                                                        \
        long long g_ = (long long)(got), w_ = (long long)(want);                                \
        if (g_ != w_)                                                                           \
            fail_msg("\"%s\": %s = %lld, want %lld", (in), (what), g_, w_);                     \
    } while (0)

/* ------------------------------------------------------------ decimals */

static pblint_decimal D(int64_t m, int32_t s)
{
    pblint_decimal d = {m, s};
    return d;
}

static void test_decimal_cmp(void **state)
{
    (void)state;
    assert_int_equal(pblint_decimal_cmp(D(1995, 2), D(1995, 2)), 0);
    assert_int_equal(pblint_decimal_cmp(D(19950, 3), D(1995, 2)), 0);
    assert_true(pblint_decimal_cmp(D(2, 0), D(1999, 3)) > 0);
    assert_true(pblint_decimal_cmp(D(1999, 3), D(2, 0)) < 0);
    assert_true(pblint_decimal_cmp(D(-1, 0), D(0, 0)) < 0);
    assert_true(pblint_decimal_cmp(D(INT64_MAX, 0), D(INT64_MAX, 18)) > 0);
    assert_true(pblint_decimal_cmp(D(INT64_MIN, 0), D(INT64_MAX, 18)) < 0);
    assert_int_equal(pblint_decimal_cmp(D(24480000, 2), D(244800, 0)), 0);
}

static void test_decimal_arith(void **state)
{
    (void)state;
    pblint_decimal r;
    assert_int_equal(pblint_decimal_add(D(1995, 2), D(5, 2), &r), PBLINT_OK);
    assert_int_equal(r.mant, 2000);
    assert_int_equal(r.scale, 2);
    assert_int_equal(pblint_decimal_add(D(1, 0), D(1, 3), &r), PBLINT_OK);
    assert_int_equal(r.mant, 1001);
    assert_int_equal(r.scale, 3);
    assert_int_equal(pblint_decimal_add(D(INT64_MAX, 0), D(1, 0), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_add(D(INT64_MAX, 0), D(1, 2), &r), PBLINT_ETOOBIG);
    /* Exact even though the common scale would not fit: zeros are dropped. */
    assert_int_equal(pblint_decimal_add(D(922337203685477580LL, 0), D(100, 2), &r), PBLINT_OK);
    assert_int_equal(r.mant, 922337203685477581LL);
    assert_int_equal(r.scale, 0);
    /* 170.92 - 155.39 = 15.53 (S-004) */
    assert_int_equal(pblint_decimal_sub(D(17092, 2), D(15539, 2), &r), PBLINT_OK);
    assert_int_equal(r.mant, 1553);
    assert_int_equal(r.scale, 2);
    assert_int_equal(pblint_decimal_sub(D(INT64_MIN, 0), D(1, 0), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_sub(D(0, 0), D(INT64_MIN, 0), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_add(D(1, 19), D(1, 0), &r), PBLINT_EINVAL);
    assert_int_equal(pblint_decimal_add(D(1, 0), D(1, -1), &r), PBLINT_EINVAL);
    assert_int_equal(pblint_decimal_add(D(1, 0), D(1, 0), NULL), PBLINT_EINVAL);

    /* 21 * 9500 = 199500; 0.95 * 21 = 19.95 (S-003) */
    assert_int_equal(pblint_decimal_mul(D(21, 0), D(9500, 0), &r), PBLINT_OK);
    assert_int_equal(r.mant, 199500);
    assert_int_equal(r.scale, 0);
    assert_int_equal(pblint_decimal_mul(D(95, 2), D(21, 0), &r), PBLINT_OK);
    assert_int_equal(r.mant, 1995);
    assert_int_equal(r.scale, 2);
    assert_int_equal(pblint_decimal_mul(D(250, 2), D(2, 0), &r), PBLINT_OK);
    assert_int_equal(r.mant, 5);
    assert_int_equal(r.scale, 0);
    assert_int_equal(pblint_decimal_mul(D(5, 10), D(2, 9), &r), PBLINT_OK);
    assert_int_equal(r.mant, 1);
    assert_int_equal(r.scale, 18);
    assert_int_equal(pblint_decimal_mul(D(1, 18), D(1, 1), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_mul(D(INT64_MAX, 0), D(2, 0), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_mul(D(INT64_MIN, 0), D(INT64_MIN, 0), &r), PBLINT_ETOOBIG);
    assert_int_equal(pblint_decimal_mul(D(-3, 1), D(4, 1), &r), PBLINT_OK);
    assert_int_equal(r.mant, -12);
    assert_int_equal(r.scale, 2);
    assert_int_equal(pblint_decimal_mul(D(0, 5), D(7, 3), &r), PBLINT_OK);
    assert_int_equal(r.mant, 0);
    assert_int_equal(r.scale, 0);
}

static void test_decimal_rescale(void **state)
{
    (void)state;
    static const struct {
        int64_t m;
        int32_t s, to;
        int rc;
        int64_t rm;
    } rows[] = {
        {1995, 2, 1, PBLINT_OK, 200},  /* 19.95 -> 20.0, half away from zero */
        {-1995, 2, 1, PBLINT_OK, -200},
        {1994, 2, 1, PBLINT_OK, 199},
        {15, 1, 0, PBLINT_OK, 2},
        {-15, 1, 0, PBLINT_OK, -2},
        {-14, 1, 0, PBLINT_OK, -1},
        {5, 0, 2, PBLINT_OK, 500},
        {155387019, 2, 0, PBLINT_OK, 1553870},
        {INT64_MAX, 0, 1, PBLINT_ETOOBIG, 0},
        {INT64_MIN, 18, 0, PBLINT_OK, -9},
        {1, 0, 19, PBLINT_EINVAL, 0},
        {1, 0, -1, PBLINT_EINVAL, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        pblint_decimal r = {0, 0};
        int rc = pblint_decimal_rescale(D(rows[i].m, rows[i].s), rows[i].to, &r);
        assert_int_equal(rc, rows[i].rc);
        if (rc == PBLINT_OK) {
            assert_int_equal(r.mant, rows[i].rm);
            assert_int_equal(r.scale, rows[i].to);
        }
    }
}

static void test_decimal_format(void **state)
{
    (void)state;
    static const struct {
        int64_t m;
        int32_t s;
        const char *want;
    } rows[] = {
        {1995, 2, "19.95"},
        {-5, 0, "-5"},
        {244800, 0, "244800"},
        {24480000, 2, "244800.00"},
        {5, 3, "0.005"},
        {-5, 3, "-0.005"},
        {0, 0, "0"},
        {0, 2, "0.00"},
        {INT64_MIN, 0, "-9223372036854775808"},
        {INT64_MIN, 18, "-9.223372036854775808"},
        {INT64_MAX, 18, "9.223372036854775807"},
        {1, 18, "0.000000000000000001"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = pblint_decimal_format(D(rows[i].m, rows[i].s), buf, sizeof buf);
        assert_string_equal(buf, rows[i].want);
        assert_int_equal(n, strlen(rows[i].want));
    }
    /* snprintf-like truncation */
    memset(buf, 'x', sizeof buf);
    assert_int_equal(pblint_decimal_format(D(1995, 2), buf, 3), 5);
    assert_string_equal(buf, "19");
    assert_int_equal(pblint_decimal_format(D(1995, 2), NULL, 0), 5);
}

static void test_fen_format(void **state)
{
    (void)state;
    static const struct {
        int64_t fen;
        int unit;
        const char *want;
    } rows[] = {
        {24480000, PBLINT_MONEY_YUAN, "244800"},
        {19950000, PBLINT_MONEY_WAN, "19.95"},
        {155387019, PBLINT_MONEY_YUAN, "1553870.19"},
        {170920000, PBLINT_MONEY_WAN, "170.92"},
        {0, PBLINT_MONEY_YUAN, "0"},
        {-150, PBLINT_MONEY_YUAN, "-1.5"},
        {12000000000LL, PBLINT_MONEY_YI, "1.2"},
        {300000, PBLINT_MONEY_QIAN, "3"},
        {1, PBLINT_MONEY_WAN, "0.000001"},
        {24480000, PBLINT_MONEY_NONE, "244800"},
        {24480000, PBLINT_MONEY_WAN, "24.48"},
        {INT64_MIN, PBLINT_MONEY_YUAN, "-92233720368547758.08"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = pblint_fen_format(rows[i].fen, rows[i].unit, buf, sizeof buf);
        assert_string_equal(buf, rows[i].want);
        assert_int_equal(n, strlen(rows[i].want));
    }
    assert_int_equal(pblint_fen_format(19950000, PBLINT_MONEY_WAN, buf, 3), 5);
    assert_string_equal(buf, "19");
}

/* --------------------------------------------------------------- names */

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(pblint_version(), "0.1.0");
    assert_string_equal(pblint_version(), PBLINT_VERSION_STRING);
    assert_string_equal(pblint_money_unit_name(PBLINT_MONEY_YUAN), "元");
    assert_string_equal(pblint_money_unit_name(PBLINT_MONEY_QIAN), "千元");
    assert_string_equal(pblint_money_unit_name(PBLINT_MONEY_WAN), "万元");
    assert_string_equal(pblint_money_unit_name(PBLINT_MONEY_YI), "亿元");
    assert_string_equal(pblint_money_unit_name(PBLINT_MONEY_NONE), "");
    assert_string_equal(pblint_money_unit_name(99), "");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_NONE), "");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_EQ), "=");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_GE), "≥");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_GT), "＞");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_LE), "≤");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_LT), "＜");
    assert_string_equal(pblint_op_symbol(PBLINT_OP_RANGE), "–");
    assert_string_equal(pblint_op_symbol(-7), "");

    static const int codes[] = {PBLINT_OK,       PBLINT_ENOMEM,  PBLINT_EINVAL,   PBLINT_EIO,
                                PBLINT_EENCODING, PBLINT_EBINARY, PBLINT_EPLUGIN,  PBLINT_ECONFIG,
                                PBLINT_ENOTFOUND, PBLINT_ETOOBIG};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *s = pblint_strerror(codes[i]);
        assert_non_null(s);
        assert_true(s[0] != '\0');
        assert_string_not_equal(s, pblint_strerror(-100));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(s, pblint_strerror(codes[j]));
    }
    assert_string_equal(pblint_strerror(-100), "unknown error");
}

static void test_severity(void **state)
{
    (void)state;
    pblint_severity s;
    assert_string_equal(pblint_severity_name(PBLINT_SEV_NOTE), "note");
    assert_string_equal(pblint_severity_name(PBLINT_SEV_WARNING), "warning");
    assert_string_equal(pblint_severity_name(PBLINT_SEV_ERROR), "error");
    assert_string_equal(pblint_severity_name(PBLINT_SEV_OFF), "off");
    assert_string_equal(pblint_severity_name(PBLINT_SEV_DEFAULT), "default");
    assert_string_equal(pblint_severity_name((pblint_severity)42), "unknown");
    static const struct {
        const char *name;
        int rc;
        pblint_severity sev;
    } rows[] = {
        {"note", PBLINT_OK, PBLINT_SEV_NOTE},       {"info", PBLINT_OK, PBLINT_SEV_NOTE},
        {"warning", PBLINT_OK, PBLINT_SEV_WARNING}, {"error", PBLINT_OK, PBLINT_SEV_ERROR},
        {"off", PBLINT_OK, PBLINT_SEV_OFF},         {"ERROR", PBLINT_OK, PBLINT_SEV_ERROR},
        {"Warning", PBLINT_OK, PBLINT_SEV_WARNING}, {"fatal", PBLINT_EINVAL, 0},
        {"", PBLINT_EINVAL, 0},                     {"warn", PBLINT_EINVAL, 0},
        {"errors", PBLINT_EINVAL, 0},               {"default", PBLINT_EINVAL, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        s = (pblint_severity)77;
        assert_int_equal(pblint_severity_parse(rows[i].name, &s), rows[i].rc);
        if (rows[i].rc == PBLINT_OK)
            assert_int_equal(s, rows[i].sev);
        else
            assert_int_equal(s, 77);
    }
    assert_int_equal(pblint_severity_parse(NULL, &s), PBLINT_EINVAL);
    assert_int_equal(pblint_severity_parse("note", NULL), PBLINT_EINVAL);
}

/* -------------------------------------------------------- value table */

typedef struct vcase {
    const char *in;
    int hint, mu; /* mu: default money unit (YUAN when 0) */
    int kind, op;
    int64_t mant;
    int32_t scale;
    int64_t mant2;
    int32_t scale2;
    int64_t fen;
    int money;
    const char *unit;
    int y, m, d;
    uint32_t flags;
    sp span, num, opsp, unitsp;
} vcase;

static const vcase value_cases[] = {
    /* ---- empty and dash placeholders (seeds: ——, ----) */
    {.in = "", .kind = V(EMPTY)},
    {.in = "   ", .kind = V(EMPTY)},
    {.in = "\t\u3000 \r\n", .kind = V(EMPTY)},
    {.in = "——", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "——"}},
    {.in = "—", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "—"}},
    {.in = "----", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "----"}},
    {.in = "-", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "-"}},
    {.in = "/", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "/"}},
    {.in = "－", .kind = V(EMPTY), .flags = F(DASH), .span = {"", "－"}},
    {.in = " —— ", .kind = V(EMPTY), .flags = F(DASH), .span = {" ", "——"}},
    {.in = "无", .kind = V(WORD), .span = {"", "无"}},

    /* ---- amounts in an amount cell (S-001 元, S-003 万元, S-004 separators) */
    {.in = "244800", AMT, .mu = MU(YUAN), .kind = V(AMOUNT), .mant = 244800, .fen = 24480000,
     .money = MU(YUAN), .span = {"", "244800"}, .num = {"", "244800"}, .unitsp = {"244800", ""}},
    {.in = "244800.00", AMT, .kind = V(AMOUNT), .mant = 24480000, .scale = 2, .fen = 24480000,
     .money = MU(YUAN), .span = {"", "244800.00"}, .num = {"", "244800.00"},
     .unitsp = {"244800.00", ""}},
    {.in = "1,553,870.19", AMT, .kind = V(AMOUNT), .mant = 155387019, .scale = 2,
     .fen = 155387019, .money = MU(YUAN), .flags = F(SEPARATORS), .span = {"", "1,553,870.19"},
     .num = {"", "1,553,870.19"}, .unitsp = {"1,553,870.19", ""}},
    {.in = "19.95", AMT, .mu = MU(WAN), .kind = V(AMOUNT), .mant = 1995, .scale = 2,
     .fen = 19950000, .money = MU(WAN), .span = {"", "19.95"}, .num = {"", "19.95"},
     .unitsp = {"19.95", ""}},
    {.in = "0", AMT, .kind = V(AMOUNT), .money = MU(YUAN), .span = {"", "0"}, .num = {"", "0"},
     .unitsp = {"0", ""}},
    {.in = "0.95", AMT, .mu = MU(WAN), .kind = V(AMOUNT), .mant = 95, .scale = 2, .fen = 950000,
     .money = MU(WAN), .span = {"", "0.95"}, .num = {"", "0.95"}, .unitsp = {"0.95", ""}},
    {.in = "1，553，870.19", AMT, .kind = V(AMOUNT), .mant = 155387019, .scale = 2,
     .fen = 155387019, .money = MU(YUAN), .flags = F(SEPARATORS) | F(FULLWIDTH),
     .span = {"", "1，553，870.19"}, .num = {"", "1，553，870.19"},
     .unitsp = {"1，553，870.19", ""}},
    {.in = "１２３．４５元", AMT, .kind = V(AMOUNT), .mant = 12345, .scale = 2, .fen = 12345,
     .money = MU(YUAN), .unit = "元", .flags = F(UNIT_EXPLICIT) | F(FULLWIDTH),
     .span = {"", "１２３．４５元"}, .num = {"", "１２３．４５"}, .unitsp = {"１２３．４５", "元"}},

    /* ---- amounts with a written unit, in any cell */
    {.in = "170.92万元", .kind = V(AMOUNT), .mant = 17092, .scale = 2, .fen = 170920000,
     .money = MU(WAN), .unit = "万元", .flags = F(UNIT_EXPLICIT), .span = {"", "170.92万元"},
     .num = {"", "170.92"}, .unitsp = {"170.92", "万元"}},
    {.in = "170.92万元", AMT, .mu = MU(YUAN), .kind = V(AMOUNT), .mant = 17092, .scale = 2,
     .fen = 170920000, .money = MU(WAN), .unit = "万元", .flags = F(UNIT_EXPLICIT),
     .span = {"", "170.92万元"}, .num = {"", "170.92"}, .unitsp = {"170.92", "万元"}},
    {.in = "244800元", .kind = V(AMOUNT), .mant = 244800, .fen = 24480000, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT), .span = {"", "244800元"}, .num = {"", "244800"},
     .unitsp = {"244800", "元"}},
    {.in = "244800 元", .kind = V(AMOUNT), .mant = 244800, .fen = 24480000, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT), .span = {"", "244800 元"}, .num = {"", "244800"},
     .unitsp = {"244800 ", "元"}},
    {.in = "854万", .kind = V(AMOUNT), .mant = 854, .fen = 854000000, .money = MU(WAN),
     .unit = "万", .flags = F(UNIT_EXPLICIT), .span = {"", "854万"}, .num = {"", "854"},
     .unitsp = {"854", "万"}},
    {.in = "1.2亿元", .kind = V(AMOUNT), .mant = 12, .scale = 1, .fen = 12000000000LL,
     .money = MU(YI), .unit = "亿元", .flags = F(UNIT_EXPLICIT), .span = {"", "1.2亿元"},
     .num = {"", "1.2"}, .unitsp = {"1.2", "亿元"}},
    {.in = "3千元", .kind = V(AMOUNT), .mant = 3, .fen = 300000, .money = MU(QIAN),
     .unit = "千元", .flags = F(UNIT_EXPLICIT), .span = {"", "3千元"}, .num = {"", "3"},
     .unitsp = {"3", "千元"}},
    {.in = "0.005元", .kind = V(AMOUNT), .mant = 5, .scale = 3, .fen = 1, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT) | F(INEXACT), .span = {"", "0.005元"},
     .num = {"", "0.005"}, .unitsp = {"0.005", "元"}},
    {.in = "0.004元", .kind = V(AMOUNT), .mant = 4, .scale = 3, .fen = 0, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT) | F(INEXACT), .span = {"", "0.004元"},
     .num = {"", "0.004"}, .unitsp = {"0.004", "元"}},
    {.in = "-0.005元", .kind = V(AMOUNT), .mant = -5, .scale = 3, .fen = -1, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT) | F(INEXACT) | F(NEGATIVE),
     .span = {"", "-0.005元"}, .num = {"", "-0.005"}, .unitsp = {"-0.005", "元"}},
    {.in = "21*9500元", .kind = V(AMOUNT), .mant = 199500, .fen = 19950000, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT) | F(PRODUCT), .span = {"", "21*9500元"},
     .num = {"", "21*9500"}, .unitsp = {"21*9500", "元"}},
    {.in = "21×9500元/个", .kind = V(AMOUNT), .mant = 199500, .fen = 19950000,
     .money = MU(YUAN), .unit = "元/个", .flags = F(UNIT_EXPLICIT) | F(PRODUCT),
     .span = {"", "21×9500元/个"}, .num = {"", "21×9500"}, .unitsp = {"21×9500", "元/个"}},
    {.in = "9500元×21", .kind = V(AMOUNT), .mant = 199500, .fen = 19950000, .money = MU(YUAN),
     .unit = "元", .flags = F(UNIT_EXPLICIT) | F(PRODUCT), .span = {"", "9500元×21"},
     .num = {"", "9500元×21"}, .unitsp = {"9500", "元"}},
    {.in = "10-20万元", .kind = V(AMOUNT), .op = OP(RANGE), .mant = 10, .mant2 = 20,
     .fen = 10000000, .money = MU(WAN), .unit = "万元", .flags = F(UNIT_EXPLICIT),
     .span = {"", "10-20万元"}, .num = {"", "10"}, .opsp = {"10", "-"},
     .unitsp = {"10-20", "万元"}},
    {.in = "9500元/个", .kind = V(AMOUNT), .mant = 9500, .fen = 950000, .money = MU(YUAN),
     .unit = "元/个", .flags = F(UNIT_EXPLICIT), .span = {"", "9500元/个"},
     .num = {"", "9500"}, .unitsp = {"9500", "元/个"}},

    /* ---- numbers that do not fit, or are not numbers */
    {.in = "99999999999999999999.99", AMT, .kind = V(TEXT), .flags = F(OVERFLOW),
     .span = {"", "99999999999999999999.99"}},
    {.in = "9223372036854775807元", .kind = V(TEXT), .flags = F(OVERFLOW),
     .span = {"", "9223372036854775807元"}},
    {.in = "0.1234567890123456789", .kind = V(TEXT), .flags = F(OVERFLOW),
     .span = {"", "0.1234567890123456789"}},
    {.in = "1e309", .kind = V(TEXT), .span = {"", "1e309"}},
    {.in = "1e309", AMT, .kind = V(TEXT), .span = {"", "1e309"}},

    /* ---- signs */
    {.in = "－5", .kind = V(NUMBER), .mant = -5, .flags = F(NEGATIVE) | F(FULLWIDTH),
     .span = {"", "－5"}, .num = {"", "－5"}, .unitsp = {"－5", ""}},
    {.in = "-5", .kind = V(NUMBER), .mant = -5, .flags = F(NEGATIVE), .span = {"", "-5"},
     .num = {"", "-5"}, .unitsp = {"-5", ""}},

    /* ---- percentages and operators (§2.5) */
    {.in = "100%", .kind = V(PERCENT), .mant = 100, .unit = "%", .span = {"", "100%"},
     .num = {"", "100"}, .unitsp = {"100", "%"}},
    {.in = "=100%", .kind = V(PERCENT), .op = OP(EQ), .mant = 100, .unit = "%",
     .span = {"", "=100%"}, .num = {"=", "100"}, .opsp = {"", "="}, .unitsp = {"=100", "%"}},
    {.in = "≥90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .span = {"", "≥90%"}, .num = {"≥", "90"}, .opsp = {"", "≥"}, .unitsp = {"≥90", "%"}},
    {.in = ">=90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", ">=90%"}, .num = {">=", "90"},
     .opsp = {"", ">="}, .unitsp = {">=90", "%"}},
    {.in = "=>90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", "=>90%"}, .num = {"=>", "90"},
     .opsp = {"", "=>"}, .unitsp = {"=>90", "%"}},
    {.in = "≧90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", "≧90%"}, .num = {"≧", "90"}, .opsp = {"", "≧"},
     .unitsp = {"≧90", "%"}},
    {.in = "＞＝90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_NONCANONICAL) | F(FULLWIDTH), .span = {"", "＞＝90%"}, .num = {"＞＝", "90"},
     .opsp = {"", "＞＝"}, .unitsp = {"＞＝90", "%"}},
    {.in = "＞95%", .kind = V(PERCENT), .op = OP(GT), .mant = 95, .unit = "%",
     .span = {"", "＞95%"}, .num = {"＞", "95"}, .opsp = {"", "＞"}, .unitsp = {"＞95", "%"}},
    {.in = ">95%", .kind = V(PERCENT), .op = OP(GT), .mant = 95, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", ">95%"}, .num = {">", "95"}, .opsp = {"", ">"},
     .unitsp = {">95", "%"}},
    {.in = "＜5%", .kind = V(PERCENT), .op = OP(LT), .mant = 5, .unit = "%",
     .span = {"", "＜5%"}, .num = {"＜", "5"}, .opsp = {"", "＜"}, .unitsp = {"＜5", "%"}},
    {.in = "<=5%", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", "<=5%"}, .num = {"<=", "5"}, .opsp = {"", "<="},
     .unitsp = {"<=5", "%"}},
    {.in = "》90%", .kind = V(PERCENT), .op = OP(GT), .mant = 90, .unit = "%",
     .flags = F(OP_NONCANONICAL), .span = {"", "》90%"}, .num = {"》", "90"},
     .opsp = {"", "》"}, .unitsp = {"》90", "%"}},
    {.in = "90%以上", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "90%以上"}, .num = {"", "90"}, .opsp = {"90%", "以上"},
     .unitsp = {"90", "%"}},
    {.in = "90%及以上", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "90%及以上"}, .num = {"", "90"},
     .opsp = {"90%", "及以上"}, .unitsp = {"90", "%"}},
    {.in = "不低于90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不低于90%"}, .num = {"不低于", "90"},
     .opsp = {"", "不低于"}, .unitsp = {"不低于90", "%"}},
    {.in = "不少于90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不少于90%"}, .num = {"不少于", "90"},
     .opsp = {"", "不少于"}, .unitsp = {"不少于90", "%"}},
    {.in = "大于等于90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "大于等于90%"}, .num = {"大于等于", "90"},
     .opsp = {"", "大于等于"}, .unitsp = {"大于等于90", "%"}},
    {.in = "至少90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "至少90%"}, .num = {"至少", "90"},
     .opsp = {"", "至少"}, .unitsp = {"至少90", "%"}},
    {.in = "达90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "达90%"}, .num = {"达", "90"}, .opsp = {"", "达"},
     .unitsp = {"达90", "%"}},
    {.in = "达到90%", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "达到90%"}, .num = {"达到", "90"},
     .opsp = {"", "达到"}, .unitsp = {"达到90", "%"}},
    {.in = "达90%以上", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "达90%以上"}, .num = {"达", "90"},
     .opsp = {"达90%", "以上"}, .unitsp = {"达90", "%"}},
    {.in = "不高于5%", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不高于5%"}, .num = {"不高于", "5"},
     .opsp = {"", "不高于"}, .unitsp = {"不高于5", "%"}},
    {.in = "不超过5%", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不超过5%"}, .num = {"不超过", "5"},
     .opsp = {"", "不超过"}, .unitsp = {"不超过5", "%"}},
    {.in = "小于等于5%", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "小于等于5%"}, .num = {"小于等于", "5"},
     .opsp = {"", "小于等于"}, .unitsp = {"小于等于5", "%"}},
    {.in = "5%以下", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "5%以下"}, .num = {"", "5"}, .opsp = {"5%", "以下"},
     .unitsp = {"5", "%"}},
    {.in = "5%以内", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "5%以内"}, .num = {"", "5"}, .opsp = {"5%", "以内"},
     .unitsp = {"5", "%"}},
    {.in = "控制在5%以内", .kind = V(PERCENT), .op = OP(LE), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "控制在5%以内"}, .num = {"控制在", "5"},
     .opsp = {"控制在5%", "以内"}, .unitsp = {"控制在5", "%"}},
    {.in = "大于90%", .kind = V(PERCENT), .op = OP(GT), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "大于90%"}, .num = {"大于", "90"},
     .opsp = {"", "大于"}, .unitsp = {"大于90", "%"}},
    {.in = "超过90%", .kind = V(PERCENT), .op = OP(GT), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "超过90%"}, .num = {"超过", "90"},
     .opsp = {"", "超过"}, .unitsp = {"超过90", "%"}},
    {.in = "高于90%", .kind = V(PERCENT), .op = OP(GT), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "高于90%"}, .num = {"高于", "90"},
     .opsp = {"", "高于"}, .unitsp = {"高于90", "%"}},
    {.in = "小于5%", .kind = V(PERCENT), .op = OP(LT), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "小于5%"}, .num = {"小于", "5"}, .opsp = {"", "小于"},
     .unitsp = {"小于5", "%"}},
    {.in = "低于5%", .kind = V(PERCENT), .op = OP(LT), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "低于5%"}, .num = {"低于", "5"}, .opsp = {"", "低于"},
     .unitsp = {"低于5", "%"}},
    {.in = "不满5%", .kind = V(PERCENT), .op = OP(LT), .mant = 5, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不满5%"}, .num = {"不满", "5"}, .opsp = {"", "不满"},
     .unitsp = {"不满5", "%"}},
    {.in = "90%-95%", .kind = V(PERCENT), .op = OP(RANGE), .mant = 90, .mant2 = 95,
     .unit = "%", .span = {"", "90%-95%"}, .num = {"", "90"}, .opsp = {"90%", "-"},
     .unitsp = {"90%-95", "%"}},
    {.in = "90%～95%", .kind = V(PERCENT), .op = OP(RANGE), .mant = 90, .mant2 = 95,
     .unit = "%", .flags = F(FULLWIDTH), .span = {"", "90%～95%"}, .num = {"", "90"},
     .opsp = {"90%", "～"}, .unitsp = {"90%～95", "%"}},
    {.in = "90%至95%", .kind = V(PERCENT), .op = OP(RANGE), .mant = 90, .mant2 = 95,
     .unit = "%", .span = {"", "90%至95%"}, .num = {"", "90"}, .opsp = {"90%", "至"},
     .unitsp = {"90%至95", "%"}},
    {.in = "90-95%", .kind = V(PERCENT), .op = OP(RANGE), .mant = 90, .mant2 = 95,
     .unit = "%", .span = {"", "90-95%"}, .num = {"", "90"}, .opsp = {"90", "-"},
     .unitsp = {"90-95", "%"}},
    {.in = "95％", .kind = V(PERCENT), .mant = 95, .unit = "%", .flags = F(FULLWIDTH),
     .span = {"", "95％"}, .num = {"", "95"}, .unitsp = {"95", "％"}},
    {.in = "９５％", .kind = V(PERCENT), .mant = 95, .unit = "%", .flags = F(FULLWIDTH),
     .span = {"", "９５％"}, .num = {"", "９５"}, .unitsp = {"９５", "％"}},
    {.in = "≥100百分比", .kind = V(PERCENT), .op = OP(GE), .mant = 100, .unit = "百分比",
     .span = {"", "≥100百分比"}, .num = {"≥", "100"}, .opsp = {"", "≥"},
     .unitsp = {"≥100", "百分比"}},
    {.in = "5‰", .kind = V(PERCENT), .mant = 5, .scale = 1, .unit = "‰", .span = {"", "5‰"},
     .num = {"", "5"}, .unitsp = {"5", "‰"}},
    {.in = "100%（历年经验）", .kind = V(PERCENT), .mant = 100, .unit = "%",
     .flags = F(TRAILING_TEXT), .span = {"", "100%"}, .num = {"", "100"},
     .unitsp = {"100", "%"}},
    {.in = "≥ 90 %", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .span = {"", "≥ 90 %"}, .num = {"≥ ", "90"}, .opsp = {"", "≥"}, .unitsp = {"≥ 90 ", "%"}},
    {.in = "  ≥90%  ", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .span = {"  ", "≥90%"}, .num = {"  ≥", "90"}, .opsp = {"  ", "≥"},
     .unitsp = {"  ≥90", "%"}},
    {.in = "不低于90%以上", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS), .span = {"", "不低于90%以上"}, .num = {"不低于", "90"},
     .opsp = {"", "不低于"}, .unitsp = {"不低于90", "%"}},
    {.in = "不低于90%以下", .kind = V(PERCENT), .op = OP(GE), .mant = 90, .unit = "%",
     .flags = F(OP_WORDS) | F(TRAILING_TEXT), .span = {"", "不低于90%"},
     .num = {"不低于", "90"}, .opsp = {"", "不低于"}, .unitsp = {"不低于90", "%"}},
    {.in = "5%左右", .kind = V(PERCENT), .mant = 5, .unit = "%", .flags = F(TRAILING_TEXT),
     .span = {"", "5%"}, .num = {"", "5"}, .unitsp = {"5", "%"}},

    /* ---- counts (seed: 2400人, 400人, 1个; S-004 89分) */
    {.in = "2400人", .kind = V(COUNT), .mant = 2400, .unit = "人", .span = {"", "2400人"},
     .num = {"", "2400"}, .unitsp = {"2400", "人"}},
    {.in = "1个", .kind = V(COUNT), .mant = 1, .unit = "个", .span = {"", "1个"},
     .num = {"", "1"}, .unitsp = {"1", "个"}},
    {.in = "400人次", .kind = V(COUNT), .mant = 400, .unit = "人次", .span = {"", "400人次"},
     .num = {"", "400"}, .unitsp = {"400", "人次"}},
    {.in = "89分", .kind = V(COUNT), .mant = 89, .unit = "分", .span = {"", "89分"},
     .num = {"", "89"}, .unitsp = {"89", "分"}},
    {.in = "3场", .kind = V(COUNT), .mant = 3, .unit = "场", .span = {"", "3场"},
     .num = {"", "3"}, .unitsp = {"3", "场"}},
    {.in = "≥21个", .kind = V(COUNT), .op = OP(GE), .mant = 21, .unit = "个",
     .span = {"", "≥21个"}, .num = {"≥", "21"}, .opsp = {"", "≥"}, .unitsp = {"≥21", "个"}},
    {.in = "21个小区", .kind = V(COUNT), .mant = 21, .unit = "个小区", .span = {"", "21个小区"},
     .num = {"", "21"}, .unitsp = {"21", "个小区"}},
    {.in = "21个小区的", .kind = V(COUNT), .mant = 21, .unit = "个小区",
     .flags = F(TRAILING_TEXT), .span = {"", "21个小区"}, .num = {"", "21"},
     .unitsp = {"21", "个小区"}},
    {.in = "3个单位以上", .kind = V(COUNT), .op = OP(GE), .mant = 3, .unit = "个单位",
     .flags = F(OP_WORDS), .span = {"", "3个单位以上"}, .num = {"", "3"},
     .opsp = {"3个单位", "以上"}, .unitsp = {"3", "个单位"}},
    {.in = "100平方米", .kind = V(COUNT), .mant = 100, .unit = "平方米",
     .span = {"", "100平方米"}, .num = {"", "100"}, .unitsp = {"100", "平方米"}},
    {.in = "5公里", .kind = V(COUNT), .mant = 5, .unit = "公里", .span = {"", "5公里"},
     .num = {"", "5"}, .unitsp = {"5", "公里"}},
    {.in = "2万人", .kind = V(COUNT), .mant = 2, .unit = "万人", .span = {"", "2万人"},
     .num = {"", "2"}, .unitsp = {"2", "万人"}},
    {.in = "5艘", .kind = V(COUNT), .mant = 5, .unit = "艘", .span = {"", "5艘"},
     .num = {"", "5"}, .unitsp = {"5", "艘"}},
    {.in = "1-2个", .kind = V(COUNT), .op = OP(RANGE), .mant = 1, .mant2 = 2, .unit = "个",
     .span = {"", "1-2个"}, .num = {"", "1"}, .opsp = {"1", "-"}, .unitsp = {"1-2", "个"}},
    {.in = "２４００人", .kind = V(COUNT), .mant = 2400, .unit = "人", .flags = F(FULLWIDTH),
     .span = {"", "２４００人"}, .num = {"", "２４００"}, .unitsp = {"２４００", "人"}},
    {.in = "5km", .kind = V(COUNT), .mant = 5, .unit = "km", .span = {"", "5km"},
     .num = {"", "5"}, .unitsp = {"5", "km"}},
    {.in = "120㎡", .kind = V(COUNT), .mant = 120, .unit = "m2", .span = {"", "120㎡"},
     .num = {"", "120"}, .unitsp = {"120", "㎡"}},

    /* ---- periods (seed: 1年内) */
    {.in = "1年内", .kind = V(PERIOD), .op = OP(LE), .mant = 1, .unit = "年",
     .flags = F(OP_WORDS), .span = {"", "1年内"}, .num = {"", "1"}, .opsp = {"1年", "内"},
     .unitsp = {"1", "年"}},
    {.in = "30个工作日内", .kind = V(PERIOD), .op = OP(LE), .mant = 30, .unit = "个工作日",
     .flags = F(OP_WORDS), .span = {"", "30个工作日内"}, .num = {"", "30"},
     .opsp = {"30个工作日", "内"}, .unitsp = {"30", "个工作日"}},
    {.in = "3个月", .kind = V(PERIOD), .mant = 3, .unit = "个月", .span = {"", "3个月"},
     .num = {"", "3"}, .unitsp = {"3", "个月"}},
    {.in = "12个月内", .kind = V(PERIOD), .op = OP(LE), .mant = 12, .unit = "个月",
     .flags = F(OP_WORDS), .span = {"", "12个月内"}, .num = {"", "12"},
     .opsp = {"12个月", "内"}, .unitsp = {"12", "个月"}},
    {.in = "10天", .kind = V(PERIOD), .mant = 10, .unit = "天", .span = {"", "10天"},
     .num = {"", "10"}, .unitsp = {"10", "天"}},
    {.in = "5年以上", .kind = V(PERIOD), .op = OP(GE), .mant = 5, .unit = "年",
     .flags = F(OP_WORDS), .span = {"", "5年以上"}, .num = {"", "5"}, .opsp = {"5年", "以上"},
     .unitsp = {"5", "年"}},
    {.in = "3-5天", .kind = V(PERIOD), .op = OP(RANGE), .mant = 3, .mant2 = 5, .unit = "天",
     .span = {"", "3-5天"}, .num = {"", "3"}, .opsp = {"3", "-"}, .unitsp = {"3-5", "天"}},
    {.in = "2小时", .kind = V(PERIOD), .mant = 2, .unit = "小时", .span = {"", "2小时"},
     .num = {"", "2"}, .unitsp = {"2", "小时"}},

    /* ---- dates (seed: 2019年1月1日, 2020-01-01, 2018年12月) */
    {.in = "2019年1月1日", .kind = V(DATE), .mant = 20190101, .y = 2019, .m = 1, .d = 1,
     .span = {"", "2019年1月1日"}, .num = {"", "2019年1月1日"}, .unitsp = {"2019年1月1日", ""}},
    {.in = "2019年12月31日", .kind = V(DATE), .mant = 20191231, .y = 2019, .m = 12, .d = 31,
     .span = {"", "2019年12月31日"}, .num = {"", "2019年12月31日"},
     .unitsp = {"2019年12月31日", ""}},
    {.in = "2020-01-01", .kind = V(DATE), .mant = 20200101, .y = 2020, .m = 1, .d = 1,
     .span = {"", "2020-01-01"}, .num = {"", "2020-01-01"}, .unitsp = {"2020-01-01", ""}},
    {.in = "2020-12-31", .kind = V(DATE), .mant = 20201231, .y = 2020, .m = 12, .d = 31,
     .span = {"", "2020-12-31"}, .num = {"", "2020-12-31"}, .unitsp = {"2020-12-31", ""}},
    {.in = "2020/1/1", .kind = V(DATE), .mant = 20200101, .y = 2020, .m = 1, .d = 1,
     .span = {"", "2020/1/1"}, .num = {"", "2020/1/1"}, .unitsp = {"2020/1/1", ""}},
    {.in = "2020.01.01", .kind = V(DATE), .mant = 20200101, .y = 2020, .m = 1, .d = 1,
     .span = {"", "2020.01.01"}, .num = {"", "2020.01.01"}, .unitsp = {"2020.01.01", ""}},
    {.in = "２０２０－０１－０１", .kind = V(DATE), .mant = 20200101, .y = 2020, .m = 1, .d = 1,
     .flags = F(FULLWIDTH), .span = {"", "２０２０－０１－０１"},
     .num = {"", "２０２０－０１－０１"}, .unitsp = {"２０２０－０１－０１", ""}},
    {.in = "2018年12月", .kind = V(DATE), .mant = 20181200, .y = 2018, .m = 12,
     .flags = F(PARTIAL_DATE), .span = {"", "2018年12月"}, .num = {"", "2018年12月"},
     .unitsp = {"2018年12月", ""}},
    {.in = "2019年", .kind = V(DATE), .mant = 20190000, .y = 2019, .flags = F(PARTIAL_DATE),
     .span = {"", "2019年"}, .num = {"", "2019年"}, .unitsp = {"2019年", ""}},
    {.in = "2019年度", .kind = V(DATE), .mant = 20190000, .y = 2019, .flags = F(PARTIAL_DATE),
     .span = {"", "2019年度"}, .num = {"", "2019年度"}, .unitsp = {"2019年度", ""}},
    {.in = "2020-01", .kind = V(DATE), .mant = 20200100, .y = 2020, .m = 1,
     .flags = F(PARTIAL_DATE), .span = {"", "2020-01"}, .num = {"", "2020-01"},
     .unitsp = {"2020-01", ""}},
    {.in = "2019年12月31日前", .kind = V(DATE), .op = OP(LE), .mant = 20191231, .y = 2019,
     .m = 12, .d = 31, .flags = F(OP_WORDS), .span = {"", "2019年12月31日前"},
     .num = {"", "2019年12月31日"}, .opsp = {"2019年12月31日", "前"},
     .unitsp = {"2019年12月31日", ""}},
    {.in = "2019年1月1日起", .kind = V(DATE), .op = OP(GE), .mant = 20190101, .y = 2019,
     .m = 1, .d = 1, .flags = F(OP_WORDS), .span = {"", "2019年1月1日起"},
     .num = {"", "2019年1月1日"}, .opsp = {"2019年1月1日", "起"},
     .unitsp = {"2019年1月1日", ""}},
    {.in = "≤2019年12月31日", .kind = V(DATE), .op = OP(LE), .mant = 20191231, .y = 2019,
     .m = 12, .d = 31, .span = {"", "≤2019年12月31日"}, .num = {"≤", "2019年12月31日"},
     .opsp = {"", "≤"}, .unitsp = {"≤2019年12月31日", ""}},
    {.in = "2019年底", .kind = V(DATE), .mant = 20191231, .y = 2019, .m = 12, .d = 31,
     .span = {"", "2019年底"}, .num = {"", "2019年底"}, .unitsp = {"2019年底", ""}},
    {.in = "年底前", .kind = V(DATE), .op = OP(LE), .mant = 1231, .m = 12, .d = 31,
     .flags = F(OP_WORDS), .span = {"", "年底前"}, .num = {"", "年底"}, .opsp = {"年底", "前"},
     .unitsp = {"年底", ""}},
    {.in = "12月31日前", .kind = V(DATE), .op = OP(LE), .mant = 1231, .m = 12, .d = 31,
     .flags = F(OP_WORDS), .span = {"", "12月31日前"}, .num = {"", "12月31日"},
     .opsp = {"12月31日", "前"}, .unitsp = {"12月31日", ""}},
    {.in = "2020年2月29日", .kind = V(DATE), .mant = 20200229, .y = 2020, .m = 2, .d = 29,
     .span = {"", "2020年2月29日"}, .num = {"", "2020年2月29日"},
     .unitsp = {"2020年2月29日", ""}},
    {.in = "2019年1月1日至2019年12月31日", .kind = V(DATE), .mant = 20190101, .y = 2019, .m = 1,
     .d = 1, .flags = F(TRAILING_TEXT), .span = {"", "2019年1月1日"},
     .num = {"", "2019年1月1日"}, .unitsp = {"2019年1月1日", ""}},
    {.in = "2019年13月", .kind = V(TEXT), .span = {"", "2019年13月"}},
    {.in = "2020-13-01", .kind = V(TEXT), .span = {"", "2020-13-01"}},
    {.in = "2019年2月29日", .kind = V(TEXT), .span = {"", "2019年2月29日"}},
    {.in = "2019年4月31日", .kind = V(TEXT), .span = {"", "2019年4月31日"}},

    /* ---- bare numbers in a generic cell */
    {.in = "85", .kind = V(NUMBER), .mant = 85, .span = {"", "85"}, .num = {"", "85"},
     .unitsp = {"85", ""}},
    {.in = "2400", .kind = V(NUMBER), .mant = 2400, .span = {"", "2400"}, .num = {"", "2400"},
     .unitsp = {"2400", ""}},
    {.in = "≥85", .kind = V(NUMBER), .op = OP(GE), .mant = 85, .span = {"", "≥85"},
     .num = {"≥", "85"}, .opsp = {"", "≥"}, .unitsp = {"≥85", ""}},
    {.in = "1.00", .kind = V(NUMBER), .mant = 100, .scale = 2, .span = {"", "1.00"},
     .num = {"", "1.00"}, .unitsp = {"1.00", ""}},
    {.in = "2019.5", .kind = V(NUMBER), .mant = 20195, .scale = 1, .span = {"", "2019.5"},
     .num = {"", "2019.5"}, .unitsp = {"2019.5", ""}},
    {.in = "2018-2020", .kind = V(NUMBER), .op = OP(RANGE), .mant = 2018, .mant2 = 2020,
     .span = {"", "2018-2020"}, .num = {"", "2018"}, .opsp = {"2018", "-"},
     .unitsp = {"2018-2020", ""}},
    {.in = "1,553,870.19", .kind = V(NUMBER), .mant = 155387019, .scale = 2,
     .flags = F(SEPARATORS), .span = {"", "1,553,870.19"}, .num = {"", "1,553,870.19"},
     .unitsp = {"1,553,870.19", ""}},

    /* ---- qualitative words and text (seed: 及时, 提高, 合格, 满意, 降低, 改善) */
    {.in = "及时", .kind = V(WORD), .span = {"", "及时"}},
    {.in = "提高", .kind = V(WORD), .span = {"", "提高"}},
    {.in = "合格", .kind = V(WORD), .span = {"", "合格"}},
    {.in = "满意", .kind = V(WORD), .span = {"", "满意"}},
    {.in = "降低", .kind = V(WORD), .span = {"", "降低"}},
    {.in = "改善", .kind = V(WORD), .span = {"", "改善"}},
    {.in = "是", .kind = V(WORD), .span = {"", "是"}},
    {.in = " 不低于 ", .kind = V(WORD), .span = {" ", "不低于"}},
    {.in = "一二三四五六七八九十百千", .kind = V(WORD), .span = {"", "一二三四五六七八九十百千"}},
    {.in = "一二三四五六七八九十百千万", .kind = V(TEXT),
     .span = {"", "一二三四五六七八九十百千万"}},
    {.in = "现在有21个小区已成立业务会", .kind = V(TEXT),
     .span = {"", "现在有21个小区已成立业务会"}},
    {.in = "满意度≥90%", .kind = V(TEXT), .span = {"", "满意度≥90%"}},
    {.in = "第3名", .kind = V(TEXT), .span = {"", "第3名"}},
    {.in = "\xff\xfe" "100%", .kind = V(TEXT), .span = {"", "\xff\xfe" "100%"}},
    {.in = "100%\xe4\xb8", .kind = V(PERCENT), .mant = 100, .unit = "%",
     .flags = F(TRAILING_TEXT), .span = {"", "100%"}, .num = {"", "100"},
     .unitsp = {"100", "%"}},
};

static void check_value(const vcase *c, const pblint_value *v)
{
    const char *in = c->in;
    EXPECT_EQ(in, "kind", v->kind, c->kind);
    EXPECT_EQ(in, "op", v->op, c->op);
    EXPECT_EQ(in, "num.mant", v->num.mant, c->mant);
    EXPECT_EQ(in, "num.scale", v->num.scale, c->scale);
    EXPECT_EQ(in, "num2.mant", v->num2.mant, c->mant2);
    EXPECT_EQ(in, "num2.scale", v->num2.scale, c->scale2);
    EXPECT_EQ(in, "fen", v->fen, c->fen);
    EXPECT_EQ(in, "money_unit", v->money_unit, c->money);
    EXPECT_EQ(in, "year", v->year, c->y);
    EXPECT_EQ(in, "month", v->month, c->m);
    EXPECT_EQ(in, "day", v->day, c->d);
    if (v->flags != c->flags)
        fail_msg("\"%s\": flags = 0x%x, want 0x%x", in, v->flags, c->flags);
    if (strcmp(v->unit, c->unit ? c->unit : "") != 0)
        fail_msg("\"%s\": unit = \"%s\", want \"%s\"", in, v->unit, c->unit ? c->unit : "");
    span_expect(in, "span", v->span, c->span);
    span_expect(in, "num_span", v->num_span, c->num);
    span_expect(in, "op_span", v->op_span, c->opsp);
    span_expect(in, "unit_span", v->unit_span, c->unitsp);
}

static void test_value_table(void **state)
{
    (void)state;
    size_t n = sizeof value_cases / sizeof value_cases[0];
    assert_true(n >= 60);
    for (size_t i = 0; i < n; i++) {
        const vcase *c = &value_cases[i];
        size_t len = strlen(c->in);
        /* An exact-size copy without a NUL, so ASan sees any overread. */
        char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        memcpy(buf, c->in, len);
        pblint_value v;
        memset(&v, 0xA5, sizeof v);
        assert_int_equal(pblint_value_parse(buf, len, c->hint, c->mu ? c->mu : PBLINT_MONEY_YUAN,
                                            &v),
                         PBLINT_OK);
        check_value(c, &v);
        free(buf);
    }
}

/* The same value written raw (full-width) and NFKC-normalised. */
static void test_value_nfkc_parity(void **state)
{
    (void)state;
    static const char *pairs[][2] = {
        {"９５％", "95%"},
        {"＞＝９０％", ">=90%"},
        {"１，５５３，８７０．１９", "1,553,870.19"},
        {"２１＊９５００元", "21*9500元"},
        {"２０１９年１月１日", "2019年1月1日"},
        {"\u3000２４００人\u3000", " 2400人 "},
        {"９０％～９５％", "90%~95%"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        pblint_value a, b;
        assert_int_equal(pblint_value_parse(pairs[i][0], strlen(pairs[i][0]), PBLINT_HINT_AMOUNT,
                                            PBLINT_MONEY_YUAN, &a),
                         PBLINT_OK);
        assert_int_equal(pblint_value_parse(pairs[i][1], strlen(pairs[i][1]), PBLINT_HINT_AMOUNT,
                                            PBLINT_MONEY_YUAN, &b),
                         PBLINT_OK);
        EXPECT_EQ(pairs[i][0], "kind", a.kind, b.kind);
        EXPECT_EQ(pairs[i][0], "op", a.op, b.op);
        EXPECT_EQ(pairs[i][0], "num", a.num.mant, b.num.mant);
        EXPECT_EQ(pairs[i][0], "scale", a.num.scale, b.num.scale);
        EXPECT_EQ(pairs[i][0], "num2", a.num2.mant, b.num2.mant);
        EXPECT_EQ(pairs[i][0], "fen", a.fen, b.fen);
        EXPECT_EQ(pairs[i][0], "year", a.year, b.year);
        assert_string_equal(a.unit, b.unit);
        /* Only the raw form says it was folded. */
        EXPECT_EQ(pairs[i][0], "fullwidth", a.flags, b.flags | PBLINT_VALF_FULLWIDTH);
    }
}

/* Inputs on either side of the parser's shortcuts, with their exact
 * results: the code point count for WORD (none for a value of at most 12
 * bytes, a count otherwise, decoding stray bytes one by one), the trim
 * (an ASCII or CJK last character, or a space), the dash check (only for
 * a value that starts with a dash), and the table words, matched by bytes
 * with ASCII letters and signs also written full-width. */
static void test_value_shortcuts(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int kind, op;
        uint32_t flags;
        const char *unit;
        unsigned start, end;
    } rows[] = {
        {"abcdefghijkl", V(WORD), 0, 0, "", 0, 12},
        {"abcdefghijklm", V(TEXT), 0, 0, "", 0, 13},
        {"一二三四五六七八九十百千", V(WORD), 0, 0, "", 0, 36},
        {"合格\xb8\xb8\xb8\xb8\xb8\xb8\xb8", V(WORD), 0, 0, "", 0, 13},
        /* one lead byte, yet 13 code points */
        {"合\xb8\xb8\xb8\xb8\xb8\xb8\xb8\xb8\xb8\xb8\xb8\xb8", V(TEXT), 0, 0, "", 0, 15},
        {"\xe4\xb8\xe4\xb8\xe4\xb8\xe4\xb8\xe4\xb8\xe4\xb8\xe4", V(TEXT), 0, 0, "", 0, 13},
        {"合格合格合格合格合格合格合格合格合格合格合格合格1", V(TEXT), 0, 0, "", 0, 73},
        {"合格 ", V(WORD), 0, 0, "", 0, 6},
        {"合格\u3000", V(WORD), 0, 0, "", 0, 6},
        {"合格\u00a0\t", V(WORD), 0, 0, "", 0, 6},
        {" 合格\u2003", V(WORD), 0, 0, "", 1, 7},
        {"一二三四五六七八九十百千 ", V(WORD), 0, 0, "", 0, 36},
        {"ａｂｃ", V(WORD), 0, 0, "", 0, 9},
        {"— —", V(EMPTY), 0, F(DASH), "", 0, 7},
        {"-/\\_", V(EMPTY), 0, F(DASH), "", 0, 4},
        {"—合格", V(WORD), 0, 0, "", 0, 9},
        {"——1", V(TEXT), 0, 0, "", 0, 7},
        {"5km", V(COUNT), 0, 0, "km", 0, 3},
        {"５ｋｍ", V(COUNT), 0, F(FULLWIDTH), "km", 0, 9},
        {"5ｋｍ2", V(COUNT), 0, F(FULLWIDTH), "km2", 0, 8},
        {"5ｍ³", V(COUNT), 0, F(FULLWIDTH), "m3", 0, 6},
        {"3ｍｉｎ", V(COUNT), 0, F(FULLWIDTH), "min", 0, 10},
        {"3ｍｉｎｕｔｅ", V(NUMBER), 0, F(TRAILING_TEXT), "", 0, 1},
        {"5kmh", V(NUMBER), 0, F(TRAILING_TEXT), "", 0, 1},
        {"3个工作日", V(PERIOD), 0, 0, "个工作日", 0, 13},
        {"10个百分点", V(COUNT), 0, 0, "个百分点", 0, 14},
        {"2万人", V(COUNT), 0, 0, "万人", 0, 7},
        {"9500元/人·月", V(AMOUNT), 0, F(UNIT_EXPLICIT), "元/人·月", 0, 16},
        {"≦5", V(NUMBER), OP(LE), F(OP_NONCANONICAL), "", 0, 4},
        {"=>5", V(NUMBER), OP(GE), F(OP_NONCANONICAL), "", 0, 3},
        {"＝＜5", V(NUMBER), OP(LE), F(OP_NONCANONICAL) | F(FULLWIDTH), "", 0, 7},
        {"＞＝90%", V(PERCENT), OP(GE), F(OP_NONCANONICAL) | F(FULLWIDTH), "%", 0, 9},
        {"达９０％以上", V(PERCENT), OP(GE), F(OP_WORDS) | F(FULLWIDTH), "%", 0, 18},
        {"不低于95%", V(PERCENT), OP(GE), F(OP_WORDS), "%", 0, 12},
        {"年内", V(DATE), OP(LE), F(OP_WORDS), "", 0, 6},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *in = rows[i].in;
        size_t len = strlen(in);
        char *buf = malloc(len ? len : 1); /* no NUL: ASan sees an overread */
        assert_non_null(buf);
        memcpy(buf, in, len);
        pblint_value v;
        memset(&v, 0xA5, sizeof v);
        assert_int_equal(pblint_value_parse(buf, len, PBLINT_HINT_GENERIC, PBLINT_MONEY_YUAN, &v),
                         PBLINT_OK);
        EXPECT_EQ(in, "kind", v.kind, rows[i].kind);
        EXPECT_EQ(in, "op", v.op, rows[i].op);
        if (v.flags != rows[i].flags)
            fail_msg("\"%s\": flags = 0x%x, want 0x%x", in, v.flags, rows[i].flags);
        if (strcmp(v.unit, rows[i].unit) != 0)
            fail_msg("\"%s\": unit = \"%s\", want \"%s\"", in, v.unit, rows[i].unit);
        EXPECT_EQ(in, "span.start", v.span.start, rows[i].start);
        EXPECT_EQ(in, "span.end", v.span.end, rows[i].end);
        free(buf);
    }
}

static void test_value_args(void **state)
{
    (void)state;
    pblint_value v;
    assert_int_equal(pblint_value_parse(NULL, 0, 0, 0, &v), PBLINT_EINVAL);
    assert_int_equal(v.kind, PBLINT_VAL_EMPTY);
    assert_int_equal(pblint_value_parse("1", 1, 0, 0, NULL), PBLINT_EINVAL);
    /* len is authoritative: "244800元" cut before 元 is a bare amount. */
    static const char buf[] = "244800元";
    assert_int_equal(pblint_value_parse(buf, 6, PBLINT_HINT_AMOUNT, PBLINT_MONEY_WAN, &v),
                     PBLINT_OK);
    assert_int_equal(v.kind, PBLINT_VAL_AMOUNT);
    assert_int_equal(v.money_unit, PBLINT_MONEY_WAN);
    assert_int_equal(v.fen, 244800000000LL);
    assert_int_equal(v.flags, 0);
    /* An unknown hint is generic. */
    assert_int_equal(pblint_value_parse("85", 2, 99, PBLINT_MONEY_YUAN, &v), PBLINT_OK);
    assert_int_equal(v.kind, PBLINT_VAL_NUMBER);
    /* Amount hint without a default unit: NONE, fen counted in 元. */
    assert_int_equal(pblint_value_parse("12.5", 4, PBLINT_HINT_AMOUNT, PBLINT_MONEY_NONE, &v),
                     PBLINT_OK);
    assert_int_equal(v.kind, PBLINT_VAL_AMOUNT);
    assert_int_equal(v.money_unit, PBLINT_MONEY_NONE);
    assert_int_equal(v.fen, 1250);
    /* A NUL byte inside the text is just a character. */
    static const char nul[] = "90%\0abc";
    assert_int_equal(pblint_value_parse(nul, sizeof nul - 1, 0, 0, &v), PBLINT_OK);
    assert_int_equal(v.kind, PBLINT_VAL_PERCENT);
    assert_int_equal(v.flags, PBLINT_VALF_TRAILING_TEXT);
    /* A classifier takes a following noun only up to a function word... */
    static const char stop[] = "3个特别长的单位名称";
    assert_int_equal(pblint_value_parse(stop, strlen(stop), 0, 0, &v), PBLINT_OK);
    assert_int_equal(v.kind, PBLINT_VAL_COUNT);
    assert_string_equal(v.unit, "个特别长");
    assert_int_equal(v.flags, PBLINT_VALF_TRAILING_TEXT);
    /* ... and only what fits in unit[] (6 more characters, 21 bytes) ... */
    static const char six[] = "3个一二三四五六";
    assert_int_equal(pblint_value_parse(six, strlen(six), 0, 0, &v), PBLINT_OK);
    assert_string_equal(v.unit, "个一二三四五六");
    assert_int_equal(v.flags, 0);
    /* ... or none of it: a noun that is cut is not a unit. */
    static const char seven[] = "3个一二三四五六七";
    assert_int_equal(pblint_value_parse(seven, strlen(seven), 0, 0, &v), PBLINT_OK);
    assert_string_equal(v.unit, "个");
    assert_int_equal(v.flags, PBLINT_VALF_TRAILING_TEXT);
    assert_true(memchr(v.unit, '\0', sizeof v.unit) != NULL);
    /* A long rate unit is truncated at a code point, NUL-terminated. */
    static const char rate[] = "5元/个小区";
    assert_int_equal(pblint_value_parse(rate, strlen(rate), 0, 0, &v), PBLINT_OK);
    assert_string_equal(v.unit, "元/个小区");
}

/* ------------------------------------------------------------ scanning */

typedef struct sq {
    int kind, op;
    int64_t mant;
    int32_t scale;
    int64_t fen;
    const char *unit;
    uint32_t flags;
    sp span;
} sq;

typedef struct scase {
    const char *in;
    size_t n;
    sq q[4];
} scase;

static const scase scan_cases[] = {
    /* far from any digit the scanner skips 16 bytes a step, stopping at
     * - < > = and full-width forms */
    {"按照计划-稳步推进各项工作＞全面完成年度目标任务各部门通力合作按照计划稳步推进，完成率达100%",
     1,
     {{V(PERCENT), OP(GE), 100, 0, 0, "%", F(OP_WORDS),
       {"按照计划-稳步推进各项工作＞全面完成年度目标任务各部门通力合作按照计划稳步推进，完成率",
        "达100%"}}}},
    {"各部门通力合作按照计划稳步推进各部门通力合作按照计划稳步推进各部门通力合作按照计划稳步推进，"
     "不低于９０％。",
     1,
     {{V(PERCENT), OP(GE), 90, 0, 0, "%", F(OP_WORDS) | F(FULLWIDTH),
       {"各部门通力合作按照计划稳步推进各部门通力合作按照计划稳步推进各部门通力合作按照计划稳步推进，",
        "不低于９０％"}}}},
    {"项目实施过程中各部门通力合作，按照计划稳步推进各项工作，全面完成年度目标任务", 0, {{0}}},
    {"项目总投入为244800元，自实际执行中",
     1,
     {{V(AMOUNT), 0, 244800, 0, 24480000, "元", F(UNIT_EXPLICIT), {"项目总投入为", "244800元"}}}},
    {"预算资金为170.92万元，实际开支决算为155.39万元",
     2,
     {{V(AMOUNT), 0, 17092, 2, 170920000, "万元", F(UNIT_EXPLICIT), {"预算资金为", "170.92万元"}},
      {V(AMOUNT), 0, 15539, 2, 155390000, "万元", F(UNIT_EXPLICIT),
       {"预算资金为170.92万元，实际开支决算为", "155.39万元"}}}},
    {"走访工作完成率达100%；受访困难群众满意度达90%以上",
     2,
     {{V(PERCENT), OP(GE), 100, 0, 0, "%", F(OP_WORDS), {"走访工作完成率", "达100%"}},
      {V(PERCENT), OP(GE), 90, 0, 0, "%", F(OP_WORDS),
       {"走访工作完成率达100%；受访困难群众满意度", "达90%以上"}}}},
    {"4、现在有21个小区已成立业务会，故开展21*9500元/个小区的代理记账工作。",
     2,
     {{V(COUNT), 0, 21, 0, 0, "个小区", 0, {"4、现在有", "21个小区"}},
      {V(AMOUNT), 0, 199500, 0, 19950000, "元/个小区", F(UNIT_EXPLICIT) | F(PRODUCT),
       {"4、现在有21个小区已成立业务会，故开展", "21*9500元/个小区"}}}},
    {"新增就业人数2400人",
     1,
     {{V(COUNT), 0, 2400, 0, 0, "人", 0, {"新增就业人数", "2400人"}}}},
    {"起始日期:\t2019年1月1日\t\t结束日期: 2019年12月31日",
     2,
     {{V(DATE), 0, 20190101, 0, 0, "", 0, {"起始日期:\t", "2019年1月1日"}},
      {V(DATE), 0, 20191231, 0, 0, "", 0,
       {"起始日期:\t2019年1月1日\t\t结束日期: ", "2019年12月31日"}}}},
    {"经综合分析本项目评分得分为89分，评分结果级别为：良好。",
     1,
     {{V(COUNT), 0, 89, 0, 0, "分", 0, {"经综合分析本项目评分得分为", "89分"}}}},
    {"2017年核定拨付项目预算总金额170.92万元",
     2,
     {{V(DATE), 0, 20170000, 0, 0, "", F(PARTIAL_DATE), {"", "2017年"}},
      {V(AMOUNT), 0, 17092, 2, 170920000, "万元", F(UNIT_EXPLICIT),
       {"2017年核定拨付项目预算总金额", "170.92万元"}}}},
    {"满意度不低于90%，投诉率不超过5%",
     2,
     {{V(PERCENT), OP(GE), 90, 0, 0, "%", F(OP_WORDS), {"满意度", "不低于90%"}},
      {V(PERCENT), OP(LE), 5, 0, 0, "%", F(OP_WORDS), {"满意度不低于90%，投诉率", "不超过5%"}}}},
    {"满意度达９０％以上",
     1,
     {{V(PERCENT), OP(GE), 90, 0, 0, "%", F(OP_WORDS) | F(FULLWIDTH), {"满意度", "达９０％以上"}}}},
    {"完成时间：2019年12月31日前",
     1,
     {{V(DATE), OP(LE), 20191231, 0, 0, "", F(OP_WORDS), {"完成时间：", "2019年12月31日前"}}}},
    {"今年投入854万",
     1,
     {{V(AMOUNT), 0, 854, 0, 854000000, "万", F(UNIT_EXPLICIT), {"今年投入", "854万"}}}},
    {"现在有21个小区已成立业务会，覆盖至21个小区",
     2,
     {{V(COUNT), 0, 21, 0, 0, "个小区", 0, {"现在有", "21个小区"}},
      {V(COUNT), 0, 21, 0, 0, "个小区", 0, {"现在有21个小区已成立业务会，覆盖至", "21个小区"}}}},
    {"建设1个政务服务分中心", 1, {{V(COUNT), 0, 1, 0, 0, "个", 0, {"建设", "1个"}}}},
    {"联系电话：54492290",
     1,
     {{V(NUMBER), 0, 54492290, 0, 0, "", 0, {"联系电话：", "54492290"}}}},
    {"三年行动计划（2018-2020）",
     1,
     {{V(NUMBER), OP(RANGE), 2018, 0, 0, "", 0, {"三年行动计划（", "2018-2020"}}}},
    {"（ 2019 年）", 1, {{V(DATE), 0, 20190000, 0, 0, "", F(PARTIAL_DATE), {"（ ", "2019 年"}}}},
    {"16+24+60 = 100",
     4,
     {{V(NUMBER), 0, 16, 0, 0, "", 0, {"", "16"}},
      {V(NUMBER), 0, 24, 0, 0, "", 0, {"16+", "24"}},
      {V(NUMBER), 0, 60, 0, 0, "", 0, {"16+24+", "60"}},
      {V(NUMBER), OP(EQ), 100, 0, 0, "", 0, {"16+24+60 ", "= 100"}}}},
    /* Document numbers, bracketed years, enumerators, ordinals: nothing. */
    {"（沪府办发〔2018〕8号）；（沪建物业联【2016】205号）、（武新创治[2016]4号）", 0, {{0}}},
    {"上会湘报字(2022)第0001号", 0, {{0}}},
    {"形成“六个一”的工作目标：1.一个了解反映诉求；2.一只能够", 0, {{0}}},
    {"1) 综合治理能力明显提高； 2) 促进物业管理健康发展 3) 进一步改善", 0, {{0}}},
    {"（1）领导重视，机构健全。\n（2）制度健全，规范使用。", 0, {{0}}},
    {"1、产出目标\n2、效果目标", 0, {{0}}},
    {"(\n1\n)", 0, {{0}}},
    {"第3名", 0, {{0}}},
    {"不断提高，大走访，达成年度指标", 0, {{0}}},
    {"1e309 A4 5G v1.2 B2B", 0, {{0}}},
    {"2019年13月", 0, {{0}}},
};

static void test_scan_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof scan_cases / sizeof scan_cases[0]; i++) {
        const scase *c = &scan_cases[i];
        size_t len = strlen(c->in);
        char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        memcpy(buf, c->in, len);
        pblint_value v[8];
        size_t n = pblint_scan_quantities(buf, len, PBLINT_MONEY_YUAN, v, 8);
        EXPECT_EQ(c->in, "count", n, c->n);
        for (size_t k = 0; k < n && k < 4; k++) {
            const sq *w = &c->q[k];
            const pblint_value *g = &v[k];
            EXPECT_EQ(c->in, "kind", g->kind, w->kind);
            EXPECT_EQ(c->in, "op", g->op, w->op);
            EXPECT_EQ(c->in, "num.mant", g->num.mant, w->mant);
            EXPECT_EQ(c->in, "num.scale", g->num.scale, w->scale);
            EXPECT_EQ(c->in, "fen", g->fen, w->fen);
            if (g->flags != w->flags)
                fail_msg("\"%s\" #%zu: flags = 0x%x, want 0x%x", c->in, k, g->flags, w->flags);
            if (strcmp(g->unit, w->unit) != 0)
                fail_msg("\"%s\" #%zu: unit = \"%s\", want \"%s\"", c->in, k, g->unit, w->unit);
            span_expect(c->in, "span", g->span, w->span);
        }
        free(buf);
    }
}

/* The detailed spans of one scanned value. */
static void test_scan_spans(void **state)
{
    (void)state;
    static const char t[] = "受访骨干满意度达90%以上；";
    pblint_value v[2];
    assert_int_equal(pblint_scan_quantities(t, strlen(t), PBLINT_MONEY_YUAN, v, 2), 1);
    span_expect(t, "span", v[0].span, (sp){"受访骨干满意度", "达90%以上"});
    span_expect(t, "num_span", v[0].num_span, (sp){"受访骨干满意度达", "90"});
    span_expect(t, "op_span", v[0].op_span, (sp){"受访骨干满意度达90%", "以上"});
    span_expect(t, "unit_span", v[0].unit_span, (sp){"受访骨干满意度达90", "%"});

    static const char u[] = "故开展21*9500元/个小区的代理记账工作";
    assert_int_equal(pblint_scan_quantities(u, strlen(u), PBLINT_MONEY_YUAN, v, 2), 1);
    span_expect(u, "num_span", v[0].num_span, (sp){"故开展", "21*9500"});
    span_expect(u, "unit_span", v[0].unit_span, (sp){"故开展21*9500", "元/个小区"});
    span_expect(u, "op_span", v[0].op_span, (sp){"故开展", ""});
}

static void test_scan_max(void **state)
{
    (void)state;
    static const char t[] = "1个、2个，3个；4个。5个";
    pblint_value v[3];
    memset(v, 0x5A, sizeof v);
    /* "1个、" at the start is a count, not an enumerator: 个 follows. */
    assert_int_equal(pblint_scan_quantities(t, strlen(t), 0, v, 2), 5);
    assert_int_equal(v[0].num.mant, 1);
    assert_int_equal(v[1].num.mant, 2);
    unsigned char sentinel[sizeof v[2]];
    memset(sentinel, 0x5A, sizeof sentinel);
    assert_memory_equal(&v[2], sentinel, sizeof sentinel);
    assert_int_equal(pblint_scan_quantities(t, strlen(t), 0, NULL, 0), 5);
    assert_int_equal(pblint_scan_quantities(t, strlen(t), 0, NULL, 10), 5);
    assert_int_equal(pblint_scan_quantities(NULL, 10, 0, v, 3), 0);
    assert_int_equal(pblint_scan_quantities(t, 0, 0, v, 3), 0);
}

/* ---------------------------------------------------------- robustness */

static void check_invariants(const pblint_value *v, size_t len)
{
    assert_true(v->kind >= PBLINT_VAL_EMPTY && v->kind <= PBLINT_VAL_DATE);
    assert_true(v->op >= PBLINT_OP_NONE && v->op <= PBLINT_OP_RANGE);
    assert_true(memchr(v->unit, '\0', sizeof v->unit) != NULL);
    const pblint_span *s[] = {&v->span, &v->num_span, &v->op_span, &v->unit_span};
    for (size_t i = 0; i < 4; i++) {
        assert_true(s[i]->start <= s[i]->end);
        assert_true(s[i]->end <= len);
    }
    assert_true(v->num.scale >= 0 && v->num.scale <= 18);
    if (v->kind >= PBLINT_VAL_NUMBER) {
        assert_true(v->num_span.start >= v->span.start && v->num_span.end <= v->span.end);
        assert_true(v->span.start < v->span.end);
    }
}

static void run_all(const char *s, size_t len)
{
    char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    memcpy(buf, s, len);
    pblint_value v, q[16];
    for (int hint = 0; hint < 2; hint++) {
        assert_int_equal(pblint_value_parse(buf, len, hint, PBLINT_MONEY_WAN, &v), PBLINT_OK);
        check_invariants(&v, len);
    }
    size_t n = pblint_scan_quantities(buf, len, PBLINT_MONEY_YUAN, q, 16);
    for (size_t i = 0; i < n && i < 16; i++) {
        check_invariants(&q[i], len);
        if (i > 0)
            assert_true(q[i].span.start >= q[i - 1].span.end);
    }
    free(buf);
}

/* Every prefix of every test input (cutting UTF-8 sequences in half). */
static void test_prefixes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof value_cases / sizeof value_cases[0]; i++) {
        size_t len = strlen(value_cases[i].in);
        for (size_t k = 0; k <= len; k++)
            run_all(value_cases[i].in, k);
    }
    for (size_t i = 0; i < sizeof scan_cases / sizeof scan_cases[0]; i++) {
        size_t len = strlen(scan_cases[i].in);
        for (size_t k = 0; k <= len; k++)
            run_all(scan_cases[i].in, k);
    }
}

/* Random strings from grammar fragments and broken bytes. */
static void test_fuzz(void **state)
{
    (void)state;
    static const char *frag[] = {
        "1", "9", "0", "12", "2019", "2020", ",", "，", ".", "．", "-", "－", "—", "～", "~",
        "%", "％", "‰", "万", "亿", "千", "元", "/", "个", "小区", "人", "年", "月", "日", "号",
        "天", "个工作日", "内", "以上", "以下", "及", "≥", ">", "<", "=", "＞", "＜", "》", "达",
        "不低于", "不超过", "大于等于", "控制在", "*", "×", "x", "e", "E", "+", " ", "\u3000",
        "\t", "\n", "（", "）", "(", ")", "〔", "〕", "【", "】", "、", "第", "底", "前", "度",
        "百分比", "9999999999", "\xe4", "\xb8", "\x80", "\xff", "\xf0\x9f", "\xed\xa0\x80",
        "A", "km", "m", "㎡", "·", "至", "99999999999999999999",
    };
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[256];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int parts = 1 + (int)(x % 10);
        for (int p = 0; p < parts; p++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *f = frag[x % (sizeof frag / sizeof frag[0])];
            size_t fl = strlen(f);
            if (len + fl > sizeof buf)
                break;
            memcpy(buf + len, f, fl);
            len += fl;
        }
        run_all(buf, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_cmp),
        cmocka_unit_test(test_decimal_arith),
        cmocka_unit_test(test_decimal_rescale),
        cmocka_unit_test(test_decimal_format),
        cmocka_unit_test(test_fen_format),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_severity),
        cmocka_unit_test(test_value_table),
        cmocka_unit_test(test_value_nfkc_parity),
        cmocka_unit_test(test_value_shortcuts),
        cmocka_unit_test(test_value_args),
        cmocka_unit_test(test_scan_table),
        cmocka_unit_test(test_scan_spans),
        cmocka_unit_test(test_scan_max),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

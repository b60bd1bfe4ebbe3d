/*
 * libFuzzer harness: the value parser.
 *
 * The input, as a cell's text, goes through pblint_value_parse() with both
 * hints and every money unit, and through pblint_scan_quantities() with
 * every money unit and several output sizes; every value found is then
 * formatted and combined with the exact decimal functions.  Besides the
 * sanitizers' findings, the harness traps on broken promises of pblint.h:
 * a span outside the text, a scale outside 0..18, an unterminated unit, a
 * count of quantities that depends on the room given for them, a failure
 * other than PBLINT_EINVAL for NULL arguments.
 */
#include <pblint/pblint.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "fuzz_value: broken promise: %s (%s:%d)\n", #cond, __FILE__,          \
                    __LINE__);                                                                    \
            abort();                                                                              \
        }                                                                                         \
    } while (0)

static void check_span(pblint_span sp, size_t len)
{
    CHECK(sp.start <= sp.end);
    CHECK(sp.end <= len);
}

static void check_decimal(pblint_decimal d)
{
    CHECK(d.scale >= 0 && d.scale <= 18);
    char buf[64];
    size_t n = pblint_decimal_format(d, buf, sizeof buf);
    CHECK(n < sizeof buf && strlen(buf) == n);
    char tiny[4];
    pblint_decimal_format(d, tiny, sizeof tiny); /* a short buffer is cut, not overrun */
    CHECK(memchr(tiny, '\0', sizeof tiny) != NULL);
}

/* The exact decimal functions on values the parser made: they must report
 * overflow, never wrap (UBSan traps a signed overflow). */
static void combine(pblint_decimal a, pblint_decimal b)
{
    pblint_decimal r;
    int ab = pblint_decimal_cmp(a, b), ba = pblint_decimal_cmp(b, a);
    CHECK((ab > 0) == (ba < 0) && (ab == 0) == (ba == 0));
    CHECK(pblint_decimal_cmp(a, a) == 0);
    if (pblint_decimal_add(a, b, &r) == 0)
        check_decimal(r);
    if (pblint_decimal_sub(a, b, &r) == 0)
        check_decimal(r);
    if (pblint_decimal_mul(a, b, &r) == 0)
        check_decimal(r);
    for (int32_t s = 0; s <= 18; s += 3) {
        if (pblint_decimal_rescale(a, s, &r) == 0) {
            CHECK(r.scale == s);
            check_decimal(r);
        }
    }
}

static void check_value(const pblint_value *v, size_t len)
{
    CHECK(v->kind >= PBLINT_VAL_EMPTY && v->kind <= PBLINT_VAL_DATE);
    CHECK(v->op >= PBLINT_OP_NONE && v->op <= PBLINT_OP_RANGE);
    CHECK(v->money_unit >= PBLINT_MONEY_NONE && v->money_unit <= PBLINT_MONEY_YI);
    CHECK(memchr(v->unit, '\0', sizeof v->unit) != NULL);
    check_span(v->span, len);
    check_span(v->num_span, len);
    check_span(v->op_span, len);
    check_span(v->unit_span, len);
    check_decimal(v->num);
    check_decimal(v->num2);
    if (v->kind == PBLINT_VAL_DATE) {
        CHECK(v->month >= 0 && v->month <= 12);
        CHECK(v->day >= 0 && v->day <= 31);
    }
    char buf[64];
    for (int u = PBLINT_MONEY_NONE; u <= PBLINT_MONEY_YI; u++) {
        size_t n = pblint_fen_format(v->fen, u, buf, sizeof buf);
        CHECK(n < sizeof buf);
    }
    combine(v->num, v->num2);
    combine(v->num, v->num);
    pblint_decimal fen = {v->fen, 2};
    combine(fen, v->num);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy, so that ASan sees a read past the end */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);

    pblint_value v;
    for (int hint = PBLINT_HINT_GENERIC; hint <= PBLINT_HINT_AMOUNT; hint++) {
        for (int unit = PBLINT_MONEY_NONE; unit <= PBLINT_MONEY_YI; unit++) {
            memset(&v, 0xa5, sizeof v);
            CHECK(pblint_value_parse(text, size, hint, unit, &v) == 0);
            check_value(&v, size);
        }
    }
    CHECK(pblint_value_parse(NULL, size, 0, 0, &v) == PBLINT_EINVAL);
    CHECK(pblint_value_parse(text, size, 0, 0, NULL) == PBLINT_EINVAL);

    enum { MAXQ = 64 };
    pblint_value *q = malloc(MAXQ * sizeof *q);
    pblint_value *one = malloc(sizeof *one);
    if (q && one) {
        for (int unit = PBLINT_MONEY_NONE; unit <= PBLINT_MONEY_YI; unit++) {
            size_t n = pblint_scan_quantities(text, size, unit, q, MAXQ);
            for (size_t i = 0; i < n && i < MAXQ; i++)
                check_value(&q[i], size);
            /* the count does not depend on the room given */
            CHECK(pblint_scan_quantities(text, size, unit, NULL, 0) == n);
            CHECK(pblint_scan_quantities(text, size, unit, one, 1) == n);
            if (n > 0)
                CHECK(one->kind == q[0].kind && one->op == q[0].op && one->fen == q[0].fen &&
                      pblint_decimal_cmp(one->num, q[0].num) == 0 &&
                      one->span.start == q[0].span.start && one->span.end == q[0].span.end);
        }
    }
    free(one);
    free(q);
    free(text);
    return 0;
}

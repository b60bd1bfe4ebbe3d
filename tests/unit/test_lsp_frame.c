/*
 * Unit tests for cli/lsp_frame.c: the editor server's Content-Length
 * framing.  Exact statuses, bodies and reasons, each case read from a
 * source that hands the bytes over all at once, one byte a read, seven
 * bytes a read, and cut where the case says (a header split across reads):
 * the result must not depend on the pieces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../cli/lsp_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- sources */

typedef struct source {
    const char *data;
    size_t len, pos;
    size_t step;        /* > 0: at most this many bytes a read */
    const size_t *cuts; /* offsets a read never crosses, ascending */
    size_t ncuts;
    ssize_t end; /* what a read returns once the data is out: 0 or -1 */
    int reads;   /* calls after the end */
} source;

static ssize_t src_read(void *ud, void *buf, size_t n)
{
    source *s = ud;
    if (s->pos == s->len) {
        s->reads++;
        return s->end;
    }
    size_t k = s->len - s->pos < n ? s->len - s->pos : n;
    if (s->step && k > s->step)
        k = s->step;
    for (size_t i = 0; i < s->ncuts; i++) {
        if (s->cuts[i] > s->pos) {
            if (s->cuts[i] - s->pos < k)
                k = s->cuts[i] - s->pos;
            break;
        }
    }
    memcpy(buf, s->data + s->pos, k);
    s->pos += k;
    return (ssize_t)k;
}

/* ---------------------------------------------------------- expectations */

typedef struct want {
    lsp_frame_status st;
    const char *body; /* OK: the body (len bytes when len > 0, else strlen) */
    const char *why;
    size_t len;
} want;

#define OK(b) {LSP_FRAME_OK, (b), "", 0}
#define OKN(b, n) {LSP_FRAME_OK, (b), "", (n)}
#define BAD(w) {LSP_FRAME_BAD, NULL, (w), 0}
#define END(w) {LSP_FRAME_EOF, NULL, (w), 0}

static const char *status_name(lsp_frame_status st)
{
    switch (st) {
    case LSP_FRAME_OK:
        return "OK";
    case LSP_FRAME_EOF:
        return "EOF";
    case LSP_FRAME_BAD:
        return "BAD";
    case LSP_FRAME_NOMEM:
        return "NOMEM";
    }
    return "?";
}

/* Reads the frames of data[0, len) from one source, checks each against
 * wants[] and then that the reader stays at the end. */
static void run_source(const char *name, const char *how, source *src, const want *wants,
                       size_t nwants)
{
    lsp_reader *r = lsp_reader_new(src_read, src);
    assert_non_null(r);
    assert_true(lsp_reader_idle(r));
    for (size_t i = 0; i <= nwants + 1; i++) {
        want w = i < nwants ? wants[i] : (want)END("");
        char *body = (char *)"untouched";
        size_t len = 12345;
        char why[LSP_FRAME_WHY];
        memset(why, 'x', sizeof why);
        lsp_frame_status st = lsp_read_frame(r, &body, &len, why, sizeof why);
        if (st != w.st)
            fail_msg("%s (%s), frame %zu: status %s, want %s (why '%s')", name, how, i,
                     status_name(st), status_name(w.st), why);
        if (strcmp(why, w.why) != 0)
            fail_msg("%s (%s), frame %zu: why '%s', want '%s'", name, how, i, why, w.why);
        if (st == LSP_FRAME_OK) {
            size_t wl = w.len ? w.len : strlen(w.body);
            if (len != wl || memcmp(body, w.body, wl) != 0)
                fail_msg("%s (%s), frame %zu: body '%.*s' (%zu bytes), want '%s' (%zu)", name,
                         how, i, (int)len, body, len, w.body, wl);
            assert_int_equal(body[len], '\0');
            free(body);
        } else {
            if (body != NULL)
                fail_msg("%s (%s), frame %zu: body not NULL on %s", name, how, i,
                         status_name(st));
            assert_int_equal(len, 0);
        }
    }
    assert_false(lsp_reader_idle(r));
    if (src->reads > 1)
        fail_msg("%s (%s): the source was read %d times after its end", name, how, src->reads);
    lsp_reader_free(r);
}

/* The case through every way of splitting it; cuts may be NULL. */
static void expect_cut(const char *name, const char *data, size_t len, const size_t *cuts,
                       size_t ncuts, const want *wants, size_t nwants)
{
    static const struct {
        const char *how;
        size_t step;
    } hows[] = {{"whole", 0}, {"1 byte a read", 1}, {"7 bytes a read", 7}};
    for (size_t h = 0; h < sizeof hows / sizeof hows[0]; h++) {
        source src = {.data = data, .len = len, .step = hows[h].step};
        run_source(name, hows[h].how, &src, wants, nwants);
    }
    if (ncuts) {
        source src = {.data = data, .len = len, .cuts = cuts, .ncuts = ncuts};
        run_source(name, "cut", &src, wants, nwants);
    }
    source err = {.data = data, .len = len, .end = -1};
    run_source(name, "read error at the end", &err, wants, nwants);
}

#define EXPECT(name, data, ...)                                                                  \
    do {                                                                                         \
        const want w_[] = {__VA_ARGS__};                                                         \
        expect_cut((name), (data), sizeof(data) - 1, NULL, 0, w_, sizeof w_ / sizeof w_[0]);     \
    } while (0)

/* ------------------------------------------------------------------ tests */

static void test_valid(void **state)
{
    (void)state;
    EXPECT("one frame", "Content-Length: 5\r\n\r\nhello", OK("hello"));
    EXPECT("LF line ends", "Content-Length: 5\n\nhello", OK("hello"));
    EXPECT("name in any case, value padded", "content-LENGTH:\t 5 \t\r\n\r\nhello", OK("hello"));
    EXPECT("no space after the colon", "Content-Length:5\r\n\r\nhello", OK("hello"));
    EXPECT("leading zeros", "Content-Length: 0000000000000000000000000000005\r\n\r\nhello",
           OK("hello"));
    EXPECT("with Content-Type",
           "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
           OK("{}"));
    EXPECT("Content-Type first", "Content-Type: x\r\nContent-Length: 2\r\n\r\n{}", OK("{}"));
    EXPECT("the same Content-Length twice", "Content-Length: 2\r\nContent-Length: 02\r\n\r\n{}",
           OK("{}"));
    EXPECT("an empty body", "Content-Length: 0\r\n\r\n", OK(""));
    EXPECT("a body with NUL and CRLF", "Content-Length: 6\r\n\r\na\0b\r\nc", OKN("a\0b\r\nc", 6));
    EXPECT("stray line breaks before and after", "\r\n\n\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
           OK("x"));
    EXPECT("nothing at all", "", END(""));
    EXPECT("only line breaks", "\r\n\r\n\n", END(""));
    EXPECT("a header name with every token character",
           "!#$%&'*+-.^_`|~09AZaz: v\r\nContent-Length: 1\r\n\r\nx", OK("x"));
}

static void test_back_to_back(void **state)
{
    (void)state;
    EXPECT("two frames", "Content-Length: 5\r\n\r\nhelloContent-Length: 2\r\n\r\n{}", OK("hello"),
           OK("{}"));
    EXPECT("three frames, mixed line ends",
           "Content-Length: 1\r\n\r\naContent-Length: 1\n\nb\r\nContent-Length: 1\r\n\r\nc",
           OK("a"), OK("b"), OK("c"));
    /* the body is counted, not parsed: a header inside it is body */
    EXPECT("a body that looks like a frame",
           "Content-Length: 22\r\n\r\nContent-Length: 1\r\n\r\nxContent-Length: 1\r\n\r\ny",
           OK("Content-Length: 1\r\n\r\nx"), OK("y"));

    /* the second frame is buffered behind the first: the reader is not idle */
    static const char two[] = "Content-Length: 1\r\n\r\naContent-Length: 1\r\n\r\nb";
    source src = {.data = two, .len = sizeof two - 1};
    lsp_reader *r = lsp_reader_new(src_read, &src);
    assert_non_null(r);
    char *body;
    size_t len;
    char why[LSP_FRAME_WHY];
    assert_int_equal(lsp_read_frame(r, &body, &len, why, sizeof why), LSP_FRAME_OK);
    free(body);
    assert_false(lsp_reader_idle(r));
    assert_int_equal(lsp_read_frame(r, &body, &len, why, sizeof why), LSP_FRAME_OK);
    free(body);
    assert_true(lsp_reader_idle(r)); /* all read, the end not seen yet */
    assert_int_equal(lsp_read_frame(r, &body, &len, why, sizeof why), LSP_FRAME_EOF);
    assert_false(lsp_reader_idle(r));
    lsp_reader_free(r);
}

static void test_split(void **state)
{
    (void)state;
    static const char data[] =
        "Content-Length: 5\r\nContent-Type: x\r\n\r\nhelloContent-Length: 2\r\n\r\n{}";
    /* inside the name, between CR and LF, around the blank line, inside the
     * body, before the second frame's value and inside its blank line */
    static const size_t cuts[] = {3, 11, 18, 19, 36, 37, 40, 59, 62};
    const want w[] = {OK("hello"), OK("{}")};
    expect_cut("a header split across reads", data, sizeof data - 1, cuts, 9, w, 2);

    /* 8192 bytes and a CR, then the LF in the next read: not too long */
    char *big = malloc(8192 + 64);
    assert_non_null(big);
    memcpy(big, "X-Pad: ", 7);
    memset(big + 7, 'p', 8192 - 7);
    snprintf(big + 8192, 64, "\r\nContent-Length: 1\r\n\r\nx");
    size_t n = strlen(big);
    static const size_t at_cr[] = {8193};
    const want wx[] = {OK("x")};
    expect_cut("a header line of the longest length, split after its CR", big, n, at_cr, 1, wx,
               1);
    free(big);
}

static void test_no_length(void **state)
{
    (void)state;
    EXPECT("no Content-Length", "Content-Type: x\r\n\r\n{}", BAD("no Content-Length header"));
    /* the reader skips to the next "Content-Length:", in any case, anywhere */
    EXPECT("no Content-Length, then a frame",
           "Content-Type: x\r\n\r\n{}junkcontent-length: 2\r\n\r\n[]",
           BAD("no Content-Length header"), OK("[]"));
    EXPECT("a body without its header, run into the next frame",
           "{\"a\":1}Content-Length: 2\r\n\r\n{}",
           BAD("malformed header line '{\"a\":1}Content-Length: 2' (expected 'Name: value')"),
           OK("{}"));
    EXPECT("a malformed header line", "GARBAGE\r\n\r\nContent-Length: 1\r\n\r\nx",
           BAD("malformed header line 'GARBAGE' (expected 'Name: value')"), OK("x"));
    EXPECT("a space in the header name", "Content Length: 1\r\n\r\nx",
           BAD("malformed header line 'Content Length: 1' (expected 'Name: value')"));
    EXPECT("an empty header name", ": 1\r\n\r\nx",
           BAD("malformed header line ': 1' (expected 'Name: value')"));
    EXPECT("a long malformed line: 60 bytes of it",
           "0123456789012345678901234567890123456789012345678901234567890123456789\r\n",
           BAD("malformed header line "
               "'012345678901234567890123456789012345678901234567890123456789' "
               "(expected 'Name: value')"));
    EXPECT("32 header lines", "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "Content-Length: 1\r\n\r\nx",
           OK("x"));
    EXPECT("33 header lines", "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "A: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\nA: 1\r\n"
                              "Content-Length: 1\r\n\r\nxContent-Length: 1\r\n\r\ny",
           BAD("more than 32 header lines"), OK("y")); /* the 33rd line is read */
}

static void test_bad_length(void **state)
{
    (void)state;
    EXPECT("a non-numeric length", "Content-Length: 12x\r\n\r\n{}",
           BAD("invalid Content-Length '12x'"));
    EXPECT("a negative length", "Content-Length: -1\r\n\r\n{}", BAD("invalid Content-Length '-1'"));
    EXPECT("a signed length", "Content-Length: +2\r\n\r\n{}", BAD("invalid Content-Length '+2'"));
    EXPECT("an empty length", "Content-Length:  \r\n\r\n{}", BAD("invalid Content-Length ''"));
    EXPECT("a hexadecimal length", "Content-Length: 0x10\r\n\r\n{}",
           BAD("invalid Content-Length '0x10'"));
    EXPECT("two numbers", "Content-Length: 1 2\r\n\r\n{}", BAD("invalid Content-Length '1 2'"));
    EXPECT("a CR inside the line", "Content-Length: 2\r\r\n\r\n{}",
           BAD("invalid Content-Length '2\r'"));
    EXPECT("a long invalid length: 40 bytes of it",
           "Content-Length: 1234567890123456789012345678901234567890x\r\n\r\n",
           BAD("invalid Content-Length '1234567890123456789012345678901234567890'"));
    EXPECT("an overflowing length", "Content-Length: 99999999999999999999999999999\r\n\r\n{}",
           BAD("Content-Length 99999999999999999999999999999 is more than the 67108864 bytes a "
               "message may have"));
    EXPECT("past 64-bit, 40 bytes of it",
           "Content-Length: 123456789012345678901234567890123456789012345\r\n\r\n",
           BAD("Content-Length 1234567890123456789012345678901234567890 is more than the "
               "67108864 bytes a message may have"));
    EXPECT("too large and invalid: invalid", "Content-Length: 99999999999x\r\n\r\n",
           BAD("invalid Content-Length '99999999999x'"));
    EXPECT("two different lengths", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
           BAD("two different Content-Length headers"));
    /* the bad line is read: the search for the next frame starts behind it */
    EXPECT("two different lengths, then a frame",
           "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}Content-Length: 1\r\n\r\ny",
           BAD("two different Content-Length headers"), OK("y"));
    EXPECT("a bad length, then a frame", "Content-Length: x\r\n\r\nContent-Length: 1\r\n\r\ny",
           BAD("invalid Content-Length 'x'"), OK("y"));
}

static void test_limits(void **state)
{
    (void)state;
    EXPECT("one byte over the body limit", "Content-Length: 67108865\r\n\r\n",
           BAD("Content-Length 67108865 is more than the 67108864 bytes a message may have"));
    EXPECT("the largest body, cut short", "Content-Length: 67108864\r\n\r\nabc",
           END("the input ended after 3 of the 67108864 bytes of a message"));

    /* a header line of 8192 bytes is read, one of 8193 is not */
    size_t cap = 3 * 8192 + 256;
    char *d = malloc(cap);
    assert_non_null(d);
    memcpy(d, "X-Pad: ", 7);
    memset(d + 7, 'p', 8192 - 7);
    snprintf(d + 8192, cap - 8192, "\r\nContent-Length: 1\r\n\r\nx");
    const want ok[] = {OK("x")};
    expect_cut("a header line of 8192 bytes", d, strlen(d), NULL, 0, ok, 1);

    memcpy(d, "X-Pad: ", 7);
    memset(d + 7, 'p', 8193 - 7);
    snprintf(d + 8193, cap - 8193, "\r\nContent-Length: 1\r\n\r\nx");
    const want toolong[] = {BAD("a header line is longer than 8192 bytes"), OK("x")};
    expect_cut("a header line of 8193 bytes", d, strlen(d), NULL, 0, toolong, 2);

    /* too long before its end arrives: the same, and the next frame may
     * start inside it */
    memset(d, 'q', 2 * 8192);
    snprintf(d + 2 * 8192, cap - 2 * 8192, "Content-Length: 1\r\n\r\nx");
    expect_cut("a header line of 16 KiB with a frame at its end", d, strlen(d), NULL, 0, toolong,
               2);

    /* ... or end with the input: too long all the same */
    memset(d, 'q', 8193);
    d[8193] = '\0';
    const want cut[] = {BAD("a header line is longer than 8192 bytes")};
    expect_cut("8193 bytes without a line end", d, 8193, NULL, 0, cut, 1);
    /* 8192 bytes and a CR could still end in time: the input ends first */
    memset(d, 'q', 8192);
    d[8192] = '\r';
    const want ended[] = {END("the input ended inside a frame's header")};
    expect_cut("8192 bytes and a CR, then the end", d, 8193, NULL, 0, ended, 1);
    free(d);
}

static void test_eof(void **state)
{
    (void)state;
    EXPECT("the end inside the body", "Content-Length: 10\r\n\r\nhello",
           END("the input ended after 5 of the 10 bytes of a message"));
    EXPECT("the end right after the headers", "Content-Length: 10\r\n\r\n",
           END("the input ended after 0 of the 10 bytes of a message"));
    EXPECT("the end after a header", "Content-Length: 5\r\n",
           END("the input ended inside a frame's header"));
    EXPECT("the end inside a header line", "Content-Len",
           END("the input ended inside a frame's header"));
    EXPECT("the end inside the second frame",
           "Content-Length: 1\r\n\r\naContent-Length: 4\r\n\r\nbc", OK("a"),
           END("the input ended after 2 of the 4 bytes of a message"));
    /* skipping to the next frame, the input ends: nothing more to say */
    EXPECT("the end while skipping", "GARBAGE\r\nmore garbage, no frame",
           BAD("malformed header line 'GARBAGE' (expected 'Name: value')"));
    EXPECT("the end inside a resynchronising name", "Nope\r\nContent-Leng",
           BAD("malformed header line 'Nope' (expected 'Name: value')"));
}

static void test_why_room(void **state)
{
    (void)state;
    static const char data[] = "Content-Type: x\r\n\r\nContent-Length: 1\r\n\r\nx";
    source src = {.data = data, .len = sizeof data - 1};
    lsp_reader *r = lsp_reader_new(src_read, &src);
    assert_non_null(r);
    char *body;
    size_t len;
    char why[8];
    assert_int_equal(lsp_read_frame(r, &body, &len, why, sizeof why), LSP_FRAME_BAD);
    assert_string_equal(why, "no Cont"); /* cut, and terminated */
    assert_int_equal(lsp_read_frame(r, &body, &len, NULL, 0), LSP_FRAME_OK);
    assert_int_equal(len, 1);
    assert_string_equal(body, "x");
    free(body);
    assert_int_equal(lsp_read_frame(r, &body, &len, NULL, 0), LSP_FRAME_EOF);
    assert_null(body);
    lsp_reader_free(r);
    lsp_reader_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_back_to_back),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_no_length),
        cmocka_unit_test(test_bad_length),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_eof),
        cmocka_unit_test(test_why_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for source.c: decoding, line index, columns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <iconv.h>
#include <utf8proc.h>
#include <stdio.h>

#include "internal.h"

#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif

#define FFFD "\xef\xbf\xbd"

/* Decodes a byte string (with explicit length: samples contain NULs). */
static int decode(pb_source *src, const char *name, const void *bytes, size_t len, char *err,
                  size_t errsz)
{
    return pb_source_decode(src, name, bytes, len, err, errsz);
}

#define DECODE_OK(src, lit)                                                                        \
    do {                                                                                           \
        char err_[512];                                                                            \
        int rc_ = decode((src), "t.txt", (lit), sizeof(lit) - 1, err_, sizeof err_);              \
        if (rc_ != 0)                                                                              \
            print_error("decode failed: %s\n", err_);                                             \
        assert_int_equal(rc_, 0);                                                                  \
    } while (0)

static void expect_pos(const pb_source *src, uint32_t off, int unit, unsigned line, unsigned col)
{
    unsigned l = 0, c = 0;
    pb_source_position(src, off, unit, &l, &c);
    if (l != line || c != col)
        print_error("offset %u unit %d: got %u:%u, want %u:%u\n", off, unit, l, c, line, col);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

/* All four units at once. */
static void expect_cols(const pb_source *src, uint32_t off, unsigned line, unsigned display,
                        unsigned byte, unsigned codepoint, unsigned utf16)
{
    expect_pos(src, off, PBLINT_COLUMN_DISPLAY, line, display);
    expect_pos(src, off, PBLINT_COLUMN_BYTE, line, byte);
    expect_pos(src, off, PBLINT_COLUMN_CODEPOINT, line, codepoint);
    expect_pos(src, off, PBLINT_COLUMN_UTF16, line, utf16);
}

/* ------------------------------------------------------------- columns */

static void test_columns_tabs_cjk(void **state)
{
    (void)state;
    pb_source src;
    /* line 1: "第一行\n" (10 bytes); line 2 starts at 10:
     *   \t(10) 项(11-13) 目(14-16) \t(17) a(18) b(19) \n(20) */
    DECODE_OK(&src, "第一行\n\t项目\tab\n");
    assert_string_equal(src.encoding, "UTF-8");
    assert_false(src.converted);
    assert_int_equal(src.nlines, 2);
    assert_int_equal(src.line_start[0], 0);
    assert_int_equal(src.line_start[1], 10);

    /*                off line disp byte cp u16 */
    expect_cols(&src, 0, 1, 1, 1, 1, 1);
    expect_cols(&src, 3, 1, 3, 4, 2, 2);
    expect_cols(&src, 9, 1, 7, 10, 4, 4); /* the \n: just after 行 */
    expect_cols(&src, 10, 2, 1, 1, 1, 1); /* \t */
    expect_cols(&src, 11, 2, 9, 2, 2, 2); /* 项: tab went to column 8 */
    expect_cols(&src, 14, 2, 11, 5, 3, 3); /* 目 */
    expect_cols(&src, 17, 2, 13, 8, 4, 4); /* second \t */
    expect_cols(&src, 18, 2, 17, 9, 5, 5); /* a: tab from 12 to 16 */
    expect_cols(&src, 19, 2, 18, 10, 6, 6); /* b */
    expect_cols(&src, 20, 2, 19, 11, 7, 7); /* the final \n */
    /* Inside 项 (its second byte): the character counts as started. */
    expect_cols(&src, 12, 2, 11, 3, 3, 3);
    expect_cols(&src, 13, 2, 11, 4, 3, 3);
    /* Past the end: clamped to the end of the last line. */
    expect_cols(&src, 21, 2, 19, 11, 7, 7);
    expect_cols(&src, 1000, 2, 19, 11, 7, 7);

    pblint_span l2 = pb_source_line(&src, 2);
    assert_int_equal(l2.start, 10);
    assert_int_equal(l2.end, 20);
    pblint_span l3 = pb_source_line(&src, 3);
    assert_int_equal(l3.start, 21);
    assert_int_equal(l3.end, 21);
    pb_source_free(&src);
}

static void test_columns_astral_combining_control(void **state)
{
    (void)state;
    pb_source src;
    /* 𠀀 U+20000 (4 bytes, wide), x */
    DECODE_OK(&src, "\xf0\xa0\x80\x80x");
    expect_cols(&src, 4, 1, 3, 5, 2, 3);
    expect_cols(&src, 5, 1, 4, 6, 3, 4);
    pb_source_free(&src);

    /* e + U+0301 (combining acute, width 0), x */
    DECODE_OK(&src, "e\xcc\x81x");
    expect_cols(&src, 3, 1, 2, 4, 3, 3);
    pb_source_free(&src);

    /* A BEL control is one column; full-width Ａ is two; “ (ambiguous) is one. */
    DECODE_OK(&src, "\x07x\xef\xbc\xa1y\xe2\x80\x9cz");
    expect_pos(&src, 1, PBLINT_COLUMN_DISPLAY, 1, 2);
    expect_pos(&src, 5, PBLINT_COLUMN_DISPLAY, 1, 5);
    expect_pos(&src, 9, PBLINT_COLUMN_DISPLAY, 1, 7);
    pb_source_free(&src);
}

static void test_display_advance(void **state)
{
    (void)state;
    const char *s = "\t项目\tab";
    size_t n = strlen(s);
    assert_int_equal(pb_display_advance(s, 0, n, 0), 18);
    assert_int_equal(pb_display_advance(s, 0, 1, 0), 8);
    assert_int_equal(pb_display_advance(s, 0, 1, 3), 8);
    assert_int_equal(pb_display_advance(s, 0, 1, 8), 16);
    assert_int_equal(pb_display_advance(s, 1, 7, 0), 4);
    assert_int_equal(pb_display_advance(s, 1, 7, 5), 9);
    assert_int_equal(pb_display_advance(s, 3, 3, 7), 7);
    /* CR and LF take no room; a stray invalid byte takes one. */
    assert_int_equal(pb_display_advance("ab\r\n", 0, 4, 0), 2);
    assert_int_equal(pb_display_advance("a\xff" "b", 0, 3, 0), 3);
    /* the ideographs' width without utf8proc is utf8proc's, every one;
     * and the others go to utf8proc: a combining mark takes none */
    for (int32_t cp = 0x4e00; cp <= 0x9fff; cp++)
        assert_int_equal(pb_cp_advance(cp, 5), 5 + (unsigned)utf8proc_charwidth(cp));
    assert_int_equal(pb_cp_advance(0x4dff, 0), (unsigned)utf8proc_charwidth(0x4dff));
    assert_int_equal(pb_cp_advance(0xa000, 0), (unsigned)utf8proc_charwidth(0xa000));
    assert_int_equal(pb_cp_advance(0x0301, 3), 3);
    assert_int_equal(pb_cp_advance(0xff0c, 3), 5); /* ， */
    assert_int_equal(pb_cp_advance(0x85, 3), 4);   /* C1 control */
}

/* ----------------------------------------------------------------- lines */

static void test_crlf(void **state)
{
    (void)state;
    pb_source src;
    DECODE_OK(&src, "a\r\nb\r\n");
    assert_int_equal(src.len, 6);
    assert_int_equal(src.nlines, 2);
    assert_int_equal(src.line_start[1], 3);
    expect_cols(&src, 1, 1, 2, 2, 2, 2); /* the \r */
    expect_cols(&src, 2, 1, 2, 2, 2, 2); /* the \n */
    expect_cols(&src, 3, 2, 1, 1, 1, 1);
    expect_cols(&src, 4, 2, 2, 2, 2, 2);
    expect_cols(&src, 6, 2, 2, 2, 2, 2);
    pblint_span l1 = pb_source_line(&src, 1), l2 = pb_source_line(&src, 2);
    assert_int_equal(l1.start, 0);
    assert_int_equal(l1.end, 1);
    assert_int_equal(l2.start, 3);
    assert_int_equal(l2.end, 4);
    pb_source_free(&src);
}

static void test_cr_and_mixed(void **state)
{
    (void)state;
    pb_source src;
    DECODE_OK(&src, "a\rbb\rc");
    assert_int_equal(src.nlines, 3);
    assert_int_equal(src.line_start[1], 2);
    assert_int_equal(src.line_start[2], 5);
    expect_cols(&src, 3, 2, 2, 2, 2, 2);
    expect_cols(&src, 5, 3, 1, 1, 1, 1);
    expect_cols(&src, 6, 3, 2, 2, 2, 2);
    pblint_span l2 = pb_source_line(&src, 2);
    assert_int_equal(l2.start, 2);
    assert_int_equal(l2.end, 4);
    pb_source_free(&src);

    /* LF, CRLF, CR, then an unterminated line; and an empty line. */
    DECODE_OK(&src, "a\n\r\nb\rc");
    assert_int_equal(src.nlines, 4);
    assert_int_equal(src.line_start[1], 2);
    assert_int_equal(src.line_start[2], 4);
    assert_int_equal(src.line_start[3], 6);
    pblint_span e = pb_source_line(&src, 2);
    assert_int_equal(e.start, 2);
    assert_int_equal(e.end, 2);
    expect_cols(&src, 3, 2, 1, 1, 1, 1);
    pb_source_free(&src);
}

static void test_bom(void **state)
{
    (void)state;
    pb_source src;
    DECODE_OK(&src, "\xef\xbb\xbf项目\n");
    assert_string_equal(src.encoding, "UTF-8 (BOM)");
    assert_false(src.converted);
    assert_int_equal(src.len, 7);
    assert_string_equal(src.text, "项目\n");
    expect_cols(&src, 3, 1, 3, 4, 2, 2);
    pb_source_free(&src);
}

static void test_empty(void **state)
{
    (void)state;
    pb_source src;
    char err[256];
    assert_int_equal(decode(&src, "empty.txt", "", 0, err, sizeof err), 0);
    assert_int_equal(src.len, 0);
    assert_non_null(src.text);
    assert_string_equal(src.text, "");
    assert_int_equal(src.nlines, 1);
    assert_int_equal(src.invalid_count, 0);
    expect_cols(&src, 0, 1, 1, 1, 1, 1);
    expect_cols(&src, 5, 1, 1, 1, 1, 1);
    pblint_span l1 = pb_source_line(&src, 1);
    assert_int_equal(l1.start, 0);
    assert_int_equal(l1.end, 0);
    pb_source_free(&src);

    assert_int_equal(decode(&src, "null.txt", NULL, 0, err, sizeof err), 0);
    assert_int_equal(src.len, 0);
    assert_int_equal(src.nlines, 1);
    pb_source_free(&src);
    /* Freeing twice (a zeroed source) is harmless. */
    pb_source_free(&src);
}

/* -------------------------------------------------------------- UTF-16 */

static void test_utf16le_bom(void **state)
{
    (void)state;
    pb_source src;
    /* FF FE, 项 U+9879, 目 U+76EE, \t, a, U+20000 (D840 DC00), \n, b */
    static const char b[] = "\xff\xfe\x79\x98\xee\x76\x09\x00\x61\x00\x40\xd8\x00\xdc\x0a\x00"
                            "\x62\x00";
    DECODE_OK(&src, b);
    assert_string_equal(src.encoding, "UTF-16LE");
    assert_true(src.converted);
    assert_string_equal(src.text, "项目\ta\xf0\xa0\x80\x80\nb");
    assert_int_equal(src.len, 14);
    assert_int_equal(src.invalid_count, 0);
    assert_int_equal(src.nlines, 2);
    expect_cols(&src, 8, 1, 10, 9, 5, 5);   /* 𠀀 */
    expect_cols(&src, 12, 1, 12, 13, 6, 7); /* the \n after it: 𠀀 is 2 UTF-16 units */
    expect_cols(&src, 13, 2, 1, 1, 1, 1);
    pb_source_free(&src);
}

static void test_utf16be_bom(void **state)
{
    (void)state;
    pb_source src;
    static const char b[] = "\xfe\xff\x98\x79\x76\xee\x00\x0d\x00\x0a\x00\x31";
    DECODE_OK(&src, b);
    assert_string_equal(src.encoding, "UTF-16BE");
    assert_true(src.converted);
    assert_string_equal(src.text, "项目\r\n1");
    assert_int_equal(src.nlines, 2);
    pb_source_free(&src);
}

static void test_utf16_invalid_and_nobom(void **state)
{
    (void)state;
    pb_source src;
    /* A lone high surrogate, an odd trailing byte. */
    static const char b[] = "\xff\xfe\x00\xd8\x61\x00\x62";
    DECODE_OK(&src, b);
    assert_string_equal(src.encoding, "UTF-16LE");
    assert_string_equal(src.text, FFFD "a" FFFD);
    assert_int_equal(src.invalid_count, 2);
    assert_int_equal(src.first_invalid, 0);
    pb_source_free(&src);

    /* No BOM, but every other byte is NUL: UTF-16LE. */
    static const char le[] = "\x79\x98\xee\x76\x09\x00\x31\x00\x32\x00\x0a\x00";
    DECODE_OK(&src, le);
    assert_string_equal(src.encoding, "UTF-16LE");
    assert_true(src.converted);
    assert_string_equal(src.text, "项目\t12\n");
    pb_source_free(&src);

    static const char be[] = "\x00\x61\x00\x62\x98\x79\x00\x0a\x00\x63";
    DECODE_OK(&src, be);
    assert_string_equal(src.encoding, "UTF-16BE");
    assert_string_equal(src.text, "ab项\nc");
    pb_source_free(&src);

    /* Too few NULs to tell: "abc\0" is UTF-8 with a NUL, not U+6261 U+0063. */
    DECODE_OK(&src, "abc\0");
    assert_string_equal(src.encoding, "UTF-8");
    assert_string_equal(src.text, "abc" FFFD);
    assert_int_equal(src.nul_count, 1);
    pb_source_free(&src);
}

/* ------------------------------------------------------------- GB18030 */

static void test_gb18030(void **state)
{
    (void)state;
    pb_source src;
    /* printf '项目名称' | iconv -f UTF-8 -t GB18030 | xxd: cfee c4bf c3fb b3c6 */
    static const char b[] = "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\t123\r\n\xcf\xee\xc4\xbf";
    DECODE_OK(&src, b);
    assert_string_equal(src.encoding, "GB18030");
    assert_true(src.converted);
    assert_string_equal(src.text, "项目名称\t123\r\n项目");
    assert_int_equal(src.invalid_count, 0);
    assert_int_equal(src.nlines, 2);
    expect_cols(&src, 14, 1, 18, 15, 7, 7); /* "2" */
    pb_source_free(&src);

    static const char only[] = "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6";
    DECODE_OK(&src, only);
    assert_string_equal(src.encoding, "GB18030");
    assert_string_equal(src.text, "项目名称");
    pb_source_free(&src);
}

/* --------------------------------------------------------- invalid UTF-8 */

static void test_invalid_utf8(void **state)
{
    (void)state;
    pb_source src;
    /* A lone 0xFF (not GB18030 either). */
    DECODE_OK(&src, "a\xff" "b\n");
    assert_string_equal(src.encoding, "UTF-8");
    assert_false(src.converted);
    assert_string_equal(src.text, "a" FFFD "b\n");
    assert_int_equal(src.len, 6);
    assert_int_equal(src.invalid_count, 1);
    assert_int_equal(src.first_invalid, 1);
    assert_int_equal(src.nul_count, 0);
    expect_cols(&src, 4, 1, 3, 5, 3, 3); /* b */
    pb_source_free(&src);

    /* A 3-byte sequence cut at EOF: one U+FFFD (E9 A1 is a GB18030
     * character, but a file cut mid-character is UTF-8). */
    DECODE_OK(&src, "项目\xe9\xa1");
    assert_string_equal(src.encoding, "UTF-8");
    assert_string_equal(src.text, "项目" FFFD);
    assert_int_equal(src.invalid_count, 1);
    assert_int_equal(src.first_invalid, 6);
    expect_cols(&src, 6, 1, 5, 7, 3, 3);
    expect_cols(&src, 9, 1, 6, 10, 4, 4);
    pb_source_free(&src);

    /* The overlong C0 AF ("/"): C0 is never a lead byte, so two U+FFFD.
     * Mostly valid UTF-8 (4 valid sequences, 2 invalid) stays UTF-8. */
    DECODE_OK(&src, "项目名称\xc0\xaf!");
    assert_string_equal(src.encoding, "UTF-8");
    assert_string_equal(src.text, "项目名称" FFFD FFFD "!");
    assert_int_equal(src.invalid_count, 2);
    assert_int_equal(src.first_invalid, 12);
    expect_cols(&src, 18, 1, 11, 19, 7, 7); /* ! */
    pb_source_free(&src);

    /* An encoded surrogate (ED A0 80): three U+FFFD (maximal subparts). */
    DECODE_OK(&src, "项目名称\xed\xa0\x80");
    assert_string_equal(src.text, "项目名称" FFFD FFFD FFFD);
    assert_int_equal(src.invalid_count, 3);
    pb_source_free(&src);

    /* Overlong 3-byte E0 80 AF: three U+FFFD. */
    DECODE_OK(&src, "项目名称x\xe0\x80\xaf");
    assert_string_equal(src.text, "项目名称x" FFFD FFFD FFFD);
    assert_int_equal(src.invalid_count, 3);
    assert_int_equal(src.first_invalid, 13);
    pb_source_free(&src);
}

/* The scanner reads ASCII eight bytes at a time and takes the common 2- and
 * 3-byte sequences without a full decode: each tricky sequence, at every
 * alignment, must still be judged as the full decoder judges it. */
static void test_fast_path_alignment(void **state)
{
    (void)state;
    static const struct {
        const char *seq;
        size_t invalid; /* U+FFFD written for it */
    } cases[] = {
        {"\xe4\xb8\x80", 0},     /* 一 */
        {"\xc2\xa9", 0},         /* © */
        {"\xe0\xa0\x80", 0},     /* U+0800: E0 is valid with A0-BF */
        {"\xef\xbf\xbd", 0},     /* U+FFFD itself */
        {"\xed\x9f\xbf", 0},     /* U+D7FF, the last before the surrogates */
        {"\xed\xa0\x80", 3},     /* a surrogate */
        {"\xe0\x80\xaf", 3},     /* overlong */
        {"\xc1\xbf", 2},         /* overlong 2-byte */
        {"\xe4\xb8" "a", 1},      /* cut short, then ASCII */
        {"\xe4" "ab", 1},          /* a lead alone */
        {"\x80", 1},              /* a continuation alone */
        {"\xf0\x9f\x98\x80", 0}, /* 4-byte: the slow path */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t k = 0; k < 10; k++) {
            char buf[64];
            size_t n = 0;
            memcpy(buf, "项目资金项目资金", 24); /* enough valid text to stay UTF-8 */
            n = 24;
            memset(buf + n, 'a', k);
            n += k;
            size_t at = n, sl = strlen(cases[c].seq);
            memcpy(buf + n, cases[c].seq, sl);
            n += sl;
            memcpy(buf + n, "\n", 1);
            n += 1;
            pb_source src;
            char err[256];
            assert_int_equal(decode(&src, "t.txt", buf, n, err, sizeof err), 0);
            assert_string_equal(src.encoding, "UTF-8");
            assert_int_equal(src.invalid_count, cases[c].invalid);
            if (cases[c].invalid)
                assert_int_equal(src.first_invalid, at);
            else
                assert_memory_equal(src.text, buf, n);
            assert_int_equal(src.nlines, 1);
            pb_source_free(&src);
        }
    }
    /* a NUL in the middle of an 8-byte ASCII block */
    pb_source src;
    DECODE_OK(&src, "项目项目abc\0defghij\n");
    assert_int_equal(src.nul_count, 1);
    assert_int_equal(src.invalid_count, 1);
    assert_int_equal(src.first_invalid, 15);
    pb_source_free(&src);
}

/* The decoder's fast check of a clean file (SSE2, sixteen bytes at a time)
 * against this plain reading of RFC 3629, section 4, on random mixes of
 * the sequences near every boundary, each at every offset of a block. */
static bool ref_clean(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t need;
        unsigned lo = 0x80, hi = 0xbf;
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            need = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else
            return false;
        if (i + need >= n)
            return false;
        for (size_t k = 1; k <= need; k++) {
            unsigned d = p[i + k];
            if (d < lo || d > hi)
                return false;
            lo = 0x80;
            hi = 0xbf;
        }
        i += need + 1;
    }
    return true;
}

static void test_clean_check(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "\t", "\n", "1", "\0", "\x7f",
        "\xe4\xb8\x80", "\xe9\xbf\xbf", "\xef\xbc\x8c", "\xc2\xa9", "\xdf\xbf",
        "\xe0\xa0\x80", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80",
        "\xf0\x90\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\xc0\x80", "\xc1\xbf", "\xf5\x80\x80\x80", "\xff", "\x80", "\xbf",
        "\xe4\xb8", "\xe4", "\xf0\x9f\x98", "\xc2",
    };
    unsigned long x = 12345;
    size_t agree_clean = 0, agree_not = 0;
    for (int iter = 0; iter < 40000; iter++) {
        unsigned char buf[160];
        size_t n = 0;
        /* mostly clean text, now and then an odd piece */
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        size_t want = (x >> 37) % 80;
        while (n < want) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            const char *pc;
            if ((x >> 33) % 100 < 90)
                pc = (x >> 50) & 1 ? "\xe4\xb8\x80" : "a";
            else
                pc = pieces[(x >> 40) % PB_ARRAY_LEN(pieces)];
            size_t pl = strlen(pc) ? strlen(pc) : 1; /* "\0" is one NUL byte */
            if (n + pl > sizeof buf)
                break;
            memcpy(buf + n, pc, pl);
            n += pl;
        }
        bool want_clean = ref_clean(buf, n);
        assert_int_equal(pb_utf8_is_clean(buf, n), want_clean);
        if (want_clean)
            agree_clean++;
        else
            agree_not++;
    }
    /* both kinds were met often */
    assert_true(agree_clean > 5000);
    assert_true(agree_not > 5000);
    /* every offset of a block, for each piece after clean text */
    for (size_t pi = 0; pi < PB_ARRAY_LEN(pieces); pi++) {
        for (size_t k = 0; k < 40; k++) {
            unsigned char buf[64];
            memset(buf, 'a', k);
            size_t pl = strlen(pieces[pi]) ? strlen(pieces[pi]) : 1;
            memcpy(buf + k, pieces[pi], pl);
            for (size_t tail = 0; tail < 2; tail++) {
                size_t n = k + pl;
                if (tail)
                    buf[n++] = 'z';
                assert_int_equal(pb_utf8_is_clean(buf, n), ref_clean(buf, n));
            }
        }
    }
}

static void test_nul_bytes(void **state)
{
    (void)state;
    pb_source src;
    DECODE_OK(&src, "ab\0cd\0\n");
    assert_string_equal(src.encoding, "UTF-8");
    assert_int_equal(src.len, 11);
    assert_memory_equal(src.text, "ab" FFFD "cd" FFFD "\n", 11);
    assert_int_equal(src.nul_count, 2);
    assert_int_equal(src.invalid_count, 2);
    assert_int_equal(src.first_invalid, 2);
    assert_int_equal(strlen(src.text), src.len); /* no NUL left inside */
    pb_source_free(&src);

    /* NULs and an invalid byte together. */
    DECODE_OK(&src, "\xff" "a\0");
    assert_memory_equal(src.text, FFFD "a" FFFD, 7);
    assert_int_equal(src.invalid_count, 2);
    assert_int_equal(src.nul_count, 1);
    assert_int_equal(src.first_invalid, 0);
    pb_source_free(&src);
}

/* -------------------------------------------------------------- binary */

static void expect_binary(const char *name, const void *bytes, size_t len, const char *sentence)
{
    pb_source src;
    char err[512];
    int rc = decode(&src, name, bytes, len, err, sizeof err);
    assert_int_equal(rc, PBLINT_EBINARY);
    assert_string_equal(err, sentence);
    assert_null(src.text);
    assert_null(src.name);
    pb_source_free(&src);
}

/* The control-byte count skips eight clean bytes at a time: every control
 * byte (and DEL) must be counted wherever it falls in a word, and tab,
 * newline, form feed and carriage return never. */
static void test_control_count_alignment(void **state)
{
    (void)state;
    for (size_t k = 0; k < 16; k++) {
        for (int ctlbytes = 7; ctlbytes <= 8; ctlbytes++) {
            char buf[72]; /* binary: 8 control bytes or more, over a tenth of them */
            memset(buf, 'a', sizeof buf);
            for (size_t i = 0; i + 4 < sizeof buf; i += 5)
                buf[i] = "\t\n\f\r\t"[i % 5]; /* text's own control bytes */
            for (int c = 0; c < ctlbytes; c++)
                buf[k + (size_t)c * 7] = c % 2 ? 0x7f : 0x01;
            pb_source src;
            char err[256];
            int rc = decode(&src, "c.txt", buf, sizeof buf, err, sizeof err);
            if (ctlbytes == 8) {
                assert_int_equal(rc, PBLINT_EBINARY);
                assert_non_null(strstr(err, "8 of its first 72 bytes are control bytes"));
            } else {
                assert_int_equal(rc, 0);
                pb_source_free(&src);
            }
        }
    }
}

static void test_binary_refusal(void **state)
{
    (void)state;
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    expect_binary("logo.png", png, sizeof png - 1, "logo.png: this is a PNG image, not text");

    static const char zip[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";
    expect_binary("x.docx", zip, sizeof zip - 1,
                  "x.docx: this is a Word (.docx) file, not text; in Word, save it as plain text "
                  "(File > Save As > Plain Text (*.txt), encoding UTF-8), which writes the "
                  "tables' cells separated by tabs, and lint that file");
    expect_binary("dir/申报 表.DOCX", zip, sizeof zip - 1,
                  "dir/申报 表.DOCX: this is a Word (.docx) file, not text; in Word, save it as "
                  "plain text (File > Save As > Plain Text (*.txt), encoding UTF-8), which "
                  "writes the tables' cells separated by tabs, and lint that file");
    /* a Word file under another name is known by its entries */
    static const char wordzip[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml";
    expect_binary("filing.txt", wordzip, sizeof wordzip - 1,
                  "filing.txt: this is a Word (.docx) file, not text; in Word, save it as plain "
                  "text (File > Save As > Plain Text (*.txt), encoding UTF-8), which writes the "
                  "tables' cells separated by tabs, and lint that file");
    expect_binary("budget.xlsx", zip, sizeof zip - 1,
                  "budget.xlsx: this is an Excel (.xlsx) file, not text; save each sheet as "
                  "tab-delimited text (File > Save As > Text (Tab delimited)) first");
    expect_binary("a.zip", zip, sizeof zip - 1,
                  "a.zip: this is a ZIP archive, not text; extract the filing and save it as "
                  "plain text first");

    static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0";
    expect_binary("old.doc", ole, sizeof ole - 1,
                  "old.doc: this is an old Word (.doc) file, not text; save it as plain text "
                  "(File > Save As > Plain Text) first");
    expect_binary("old.xls", ole, sizeof ole - 1,
                  "old.xls: this is an old Excel (.xls) file, not text; save each sheet as "
                  "tab-delimited text (File > Save As > Text (Tab delimited)) first");
    expect_binary("old.txt", ole, sizeof ole - 1,
                  "old.txt: this is an old Word or Excel (.doc/.xls) file, not text; save it as "
                  "plain text (File > Save As > Plain Text) first");

    static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    expect_binary("x.pdf", pdf, sizeof pdf - 1,
                  "x.pdf: this is a PDF file, not text; extract its text with "
                  "`pdftotext -layout x.pdf` first");

    char blob[100];
    memset(blob, 1, sizeof blob);
    expect_binary("blob.bin", blob, sizeof blob,
                  "blob.bin: this looks like binary data, not text (100 of its first 100 bytes "
                  "are control bytes)");

    /* Many NULs that are no UTF-16 pattern. */
    char nuls[400];
    memset(nuls, 'a', sizeof nuls);
    for (size_t i = 0; i < sizeof nuls; i += 3)
        nuls[i] = '\0';
    pb_source src;
    char err[512];
    assert_int_equal(decode(&src, "n.txt", nuls, sizeof nuls, err, sizeof err), PBLINT_EBINARY);
    pb_source_free(&src);
}

static void test_too_big(void **state)
{
    (void)state;
    pb_source src;
    char err[512];
    /* The length is refused before a single byte is read. */
    static const char one[] = "x";
    int rc = decode(&src, "big.txt", one, (size_t)257 * 1024 * 1024, err, sizeof err);
    assert_int_equal(rc, PBLINT_ETOOBIG);
    assert_string_equal(err, "big.txt: the input is 257.0 MiB, more than the 256 MiB pblint reads");
    assert_null(src.text);
}

/* ------------------------------------------------------------ big input */

static void test_million_lines(void **state)
{
    (void)state;
    const size_t n = 1000000;
    char *buf = malloc(2 * n);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++) {
        buf[2 * i] = (char)('a' + i % 26);
        buf[2 * i + 1] = '\n';
    }
    pb_source src;
    char err[256];
    assert_int_equal(decode(&src, "m.txt", buf, 2 * n, err, sizeof err), 0);
    assert_int_equal(src.nlines, n);
    unsigned line, col;
    for (size_t i = 0; i < n; i += 997) {
        pb_source_position(&src, (uint32_t)(2 * i + 1), PBLINT_COLUMN_DISPLAY, &line, &col);
        assert_int_equal(line, i + 1);
        assert_int_equal(col, 2);
    }
    pb_source_position(&src, (uint32_t)(2 * n), PBLINT_COLUMN_BYTE, &line, &col);
    assert_int_equal(line, n);
    assert_int_equal(col, 2);
    pblint_span last = pb_source_line(&src, (unsigned)n);
    assert_int_equal(last.start, 2 * n - 2);
    assert_int_equal(last.end, 2 * n - 1);
    pb_source_free(&src);
    free(buf);
}

static void test_long_line(void **state)
{
    (void)state;
    const size_t chars = 3500000; /* 10.5 MB of 项 on one line */
    char *buf = malloc(chars * 3 + 2);
    assert_non_null(buf);
    for (size_t i = 0; i < chars; i++)
        memcpy(buf + 3 * i, "项", 3);
    memcpy(buf + 3 * chars, "\tx", 2);
    pb_source src;
    char err[256];
    assert_int_equal(decode(&src, "l.txt", buf, chars * 3 + 2, err, sizeof err), 0);
    assert_int_equal(src.nlines, 1);
    uint32_t x = (uint32_t)(chars * 3 + 1);
    expect_cols(&src, x, 1, (unsigned)(chars * 2 + 8 + 1), x + 1, (unsigned)chars + 2,
                (unsigned)chars + 2);
    pb_source_free(&src);
    free(buf);
}

/* ---------------------------------------------------------------- seeds */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void test_seed_file(void **state)
{
    (void)state;
    const char *path = SEEDS_DIR "/001_fcbd786c23210c20.txt";
    size_t len = 0;
    char *bytes = read_file(path, &len);
    if (!bytes)
        print_error("cannot read %s (set -DSEEDS_DIR)\n", path);
    assert_non_null(bytes);
    pb_source src;
    char err[512];
    assert_int_equal(decode(&src, path, bytes, len, err, sizeof err), 0);
    assert_string_equal(src.encoding, "UTF-8");
    assert_int_equal(src.len, 5960);
    assert_int_equal(src.invalid_count, 0);
    /* 67 newlines, no newline at the end: 68 lines. */
    assert_int_equal(src.nlines, 68);

    /* Line 13: "项目负责人:\t钱志维\t联系人:\t钱志维\t联系电话:\t34226718" */
    pblint_span l13 = pb_source_line(&src, 13);
    const char *hit = strstr(src.text + l13.start, "34226718");
    assert_non_null(hit);
    uint32_t off = (uint32_t)(hit - src.text);
    assert_int_equal(off, 464);
    assert_int_equal(l13.end, off + 8);
    expect_cols(&src, off, 13, 57, 63, 27, 27);
    expect_cols(&src, off + 8, 13, 65, 71, 35, 35);
    pb_source_free(&src);
    free(bytes);
}

/* The seed re-encoded as GB18030 and as UTF-16 (LE, no BOM; BE with BOM)
 * decodes back to the very same text. */
static char *convert(const char *to, const char *from, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = len * 4 + 16;
    char *out = malloc(cap);
    assert_non_null(out);
    char *in = (char *)from, *o = out;
    size_t inleft = len, oleft = cap;
    assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
    iconv_close(cd);
    *outlen = cap - oleft;
    return out;
}

static void test_seed_reencoded(void **state)
{
    (void)state;
    const char *path = SEEDS_DIR "/001_fcbd786c23210c20.txt";
    size_t len = 0;
    char *bytes = read_file(path, &len);
    assert_non_null(bytes);
    static const struct {
        const char *iconv_name, *encoding;
        bool bom_be;
    } cases[] = {{"GB18030", "GB18030", false},
                 {"UTF-16LE", "UTF-16LE", false},
                 {"UTF-16BE", "UTF-16BE", true}};
    for (size_t i = 0; i < PB_ARRAY_LEN(cases); i++) {
        size_t n = 0;
        char *conv = convert(cases[i].iconv_name, bytes, len, &n);
        if (cases[i].bom_be) {
            char *b = malloc(n + 2);
            assert_non_null(b);
            memcpy(b, "\xfe\xff", 2);
            memcpy(b + 2, conv, n);
            free(conv);
            conv = b;
            n += 2;
        }
        pb_source src;
        char err[512];
        assert_int_equal(decode(&src, path, conv, n, err, sizeof err), 0);
        assert_string_equal(src.encoding, cases[i].encoding);
        assert_true(src.converted);
        assert_int_equal(src.invalid_count, 0);
        assert_int_equal(src.len, len);
        assert_memory_equal(src.text, bytes, len);
        assert_int_equal(src.nlines, 68);
        expect_cols(&src, 464, 13, 57, 63, 27, 27);
        pb_source_free(&src);
        free(conv);
    }
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_tabs_cjk),
        cmocka_unit_test(test_columns_astral_combining_control),
        cmocka_unit_test(test_display_advance),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_cr_and_mixed),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_utf16le_bom),
        cmocka_unit_test(test_utf16be_bom),
        cmocka_unit_test(test_utf16_invalid_and_nobom),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_fast_path_alignment),
        cmocka_unit_test(test_clean_check),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_control_count_alignment),
        cmocka_unit_test(test_binary_refusal),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_million_lines),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_seed_file),
        cmocka_unit_test(test_seed_reencoded),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}

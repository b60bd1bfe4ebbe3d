/*
 * Decoding an input into UTF-8 text, its line index, and byte offset ->
 * (line, column) conversion in the four column units.
 *
 * Decoding, in order:
 *   1. more than PB_SOURCE_MAX bytes            -> PBLINT_ETOOBIG;
 *   2. a known binary signature (PNG, ZIP, OLE2, PDF, JPEG, GIF, gzip)
 *                                               -> PBLINT_EBINARY;
 *   3. a BOM: EF BB BF (UTF-8), FF FE (UTF-16LE), FE FF (UTF-16BE);
 *   4. UTF-16 without a BOM, when the NUL pattern of the first 4 KB is
 *      unmistakable (see pb_sniff_utf16) and the whole input decodes
 *      cleanly: even length, no unpaired surrogate, no U+0000, no control
 *      character other than \t \n \r \f;
 *   5. generic binary data: in the first 8 KB, at least 8 control bytes
 *      (other than \t \n \r \f) making up more than 10 % of the bytes, or at
 *      least 8 NULs making up more than 1 %     -> PBLINT_EBINARY;
 *   6. UTF-8.  If it is not valid UTF-8, and more sequences are invalid than
 *      valid multi-byte ones (a UTF-8 file with a few bad bytes has the
 *      opposite proportion; GB18030 text read as UTF-8 has about four times
 *      more invalid than valid sequences), GB18030 is tried: if the whole
 *      input converts, that is the text.  Otherwise the input is kept as
 *      UTF-8 with every invalid sequence replaced by U+FFFD.  "Invalid
 *      sequence" follows the Unicode "maximal subpart" practice (as Python
 *      and WHATWG do): a lead byte and the continuation bytes that can still
 *      belong to it are one sequence; so a truncated 3-byte sequence at EOF
 *      is one U+FFFD, and the overlong C0 AF is two (C0 is never a lead).
 *   NUL bytes that survive step 5 (and U+0000 in UTF-16 or GB18030 input)
 *   become U+FFFD too, counted in nul_count and invalid_count.
 *
 * Lines: a line ends after LF, CRLF or a lone CR.  A line ending at the very
 * end of the text does not start another line, so "a\nb\n" has 2 lines (as
 * `wc -l` counts) and "a\nb" has 2 too; the empty text has 1.  Line endings
 * stay in the text.
 *
 * Columns are 1-based and count what lies between the line's start and the
 * offset, never the line ending: an offset on (or inside, or past) the line
 * ending, or past the end of the text, has the column just after the line's
 * last character.  An offset inside a multi-byte character counts that
 * character as started (its width is counted), except in BYTE columns which
 * are just the byte distance + 1.  An unknown unit counts display columns.
 * Position lookup is a binary search over line_start, then a scan of the
 * line up to the offset.
 *
 * Display width (PBLINT_COLUMN_DISPLAY, pb_display_advance):
 *   - tab: to the next multiple of 8 (GCC's default -ftabstop);
 *   - printable ASCII: 1;
 *   - CR, LF: 0 (they only appear at a line's end);
 *   - other C0 controls, DEL and C1 controls: 1 -- terminals show nothing
 *     for them, so whoever prints an excerpt must print them as a one-cell
 *     placeholder (e.g. U+FFFD or '?') to keep the caret aligned;
 *   - everything else: utf8proc_charwidth(): East Asian Wide and Fullwidth
 *     are 2, combining marks and format characters (U+200B, U+FEFF ...)
 *     are 0, East Asian Ambiguous characters (“ ” ‘ ’ · — …) are 1, as in
 *     GCC and wcwidth() in a UTF-8 locale;
 *   - a byte that is not valid UTF-8 (the decoded text has none, but the
 *     function accepts any bytes): 1.
 */
#include "internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h> /* SSE2, in every x86-64: see pb_utf8_clean() */
#endif

#define PB_SOURCE_MAX ((size_t)256 * 1024 * 1024)
#define PB_SNIFF_BINARY 8192u /* < 1 << 16: see the control byte count in pb_decode() */
#define PB_SNIFF_UTF16 4096u

/* ------------------------------------------------------------ helpers */

static void pb_seterr(char *err, size_t errsz, const char *fmt, ...) PBLINT_PRINTF(3, 4);

static void pb_seterr(char *err, size_t errsz, const char *fmt, ...)
{
    if (!err || errsz == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

static bool pb_ends_with_ci(const char *s, const char *suffix)
{
    if (!s)
        return false;
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    s += n - m;
    for (size_t i = 0; i < m; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* The file name as a shell word for the suggested commands: as is when it
 * holds only harmless characters, else in single quotes. */
static void pb_shell_word(const char *name, char *buf, size_t bufsz)
{
    bool plain = *name != '\0';
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '/' || c == '+' || c == ',' || c >= 0x80))
            plain = false;
    }
    if (plain) {
        snprintf(buf, bufsz, "%s", name);
        return;
    }
    size_t o = 0;
    if (o + 1 < bufsz)
        buf[o++] = '\'';
    for (const char *p = name; *p && o + 5 < bufsz; p++) {
        if (*p == '\'') {
            memcpy(buf + o, "'\\''", 4);
            o += 4;
        } else {
            buf[o++] = *p;
        }
    }
    if (o + 1 < bufsz)
        buf[o++] = '\'';
    buf[o < bufsz ? o : bufsz - 1] = '\0';
}

/* Recognises a binary file by its first bytes; writes the sentence and
 * returns true. */
static bool pb_sniff_magic(const char *name, const unsigned char *b, size_t n, char *err,
                           size_t errsz)
{
    char word[512];
    pb_shell_word(name, word, sizeof word);
    if (n >= 4 && memcmp(b, "\x89PNG", 4) == 0) {
        pb_seterr(err, errsz, "%s: this is a PNG image, not text", name);
        return true;
    }
    if (n >= 4 && b[0] == 'P' && b[1] == 'K' &&
        ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6) || (b[2] == 7 && b[3] == 8))) {
        /* what is inside, whatever the name says: a ZIP's local headers
         * name their entries in plain text (word/document.xml, xl/...) */
        size_t look = n < 65536 ? n : 65536;
        bool is_word = pb_ends_with_ci(name, ".docx") || pb_ends_with_ci(name, ".docm") ||
                       memmem(b, look, "word/", 5) != NULL;
        bool is_excel = !is_word && (pb_ends_with_ci(name, ".xlsx") ||
                                     pb_ends_with_ci(name, ".xlsm") || memmem(b, look, "xl/", 3));
        (void)word;
        if (is_word)
            pb_seterr(err, errsz,
                      "%s: this is a Word (.docx) file, not text; in Word, save it as plain text "
                      "(File > Save As > Plain Text (*.txt), encoding UTF-8), which writes the "
                      "tables' cells separated by tabs, and lint that file",
                      name);
        else if (is_excel)
            pb_seterr(err, errsz,
                      "%s: this is an Excel (.xlsx) file, not text; save each sheet as "
                      "tab-delimited text (File > Save As > Text (Tab delimited)) first",
                      name);
        else
            pb_seterr(err, errsz,
                      "%s: this is a ZIP archive, not text; extract the filing and save it as "
                      "plain text first",
                      name);
        return true;
    }
    if (n >= 4 && memcmp(b, "\xd0\xcf\x11\xe0", 4) == 0) {
        if (pb_ends_with_ci(name, ".xls"))
            pb_seterr(err, errsz,
                      "%s: this is an old Excel (.xls) file, not text; save each sheet as "
                      "tab-delimited text (File > Save As > Text (Tab delimited)) first",
                      name);
        else if (pb_ends_with_ci(name, ".doc"))
            pb_seterr(err, errsz,
                      "%s: this is an old Word (.doc) file, not text; save it as plain text "
                      "(File > Save As > Plain Text) first",
                      name);
        else
            pb_seterr(err, errsz,
                      "%s: this is an old Word or Excel (.doc/.xls) file, not text; save it as "
                      "plain text (File > Save As > Plain Text) first",
                      name);
        return true;
    }
    if (n >= 4 && memcmp(b, "%PDF", 4) == 0) {
        pb_seterr(err, errsz,
                  "%s: this is a PDF file, not text; extract its text with "
                  "`pdftotext -layout %s` first",
                  name, word);
        return true;
    }
    if (n >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0) {
        pb_seterr(err, errsz, "%s: this is a JPEG image, not text", name);
        return true;
    }
    if (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)) {
        pb_seterr(err, errsz, "%s: this is a GIF image, not text", name);
        return true;
    }
    if (n >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8) {
        pb_seterr(err, errsz, "%s: this is a gzip archive, not text; decompress it first", name);
        return true;
    }
    return false;
}


/* --------------------------------------------------------------- UTF-8 */

/* Length of the UTF-8 sequence at p[0, n) (n >= 1).  Sets *cp to the code
 * point, or to -1 when the sequence is invalid; the length returned is then
 * the maximal subpart (>= 1 byte) that one U+FFFD replaces. */
static inline size_t pb_utf8_next(const unsigned char *p, size_t n, int32_t *cp)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf;
    int32_t v;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        v = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        v = c & 0x0f;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        v = c & 0x07;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= n) {
            *cp = -1;
            return i;
        }
        unsigned char d = p[i];
        if (d < lo || d > hi) {
            *cp = -1;
            return i;
        }
        lo = 0x80;
        hi = 0xbf;
        v = (v << 6) | (d & 0x3f);
    }
    *cp = v;
    return i;
}

static inline size_t pb_utf8_put(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

#define PB_FFFD "\xef\xbf\xbd"

typedef struct pb_utf8_stats {
    size_t valid_multi;   /* valid sequences of 2-4 bytes */
    size_t invalid;       /* invalid sequences (maximal subparts) */
    size_t invalid_bytes; /* bytes they cover */
    size_t nuls;
    bool only_eof;        /* the only invalid sequence is truncated at EOF */
} pb_utf8_stats;

static void pb_utf8_scan(const unsigned char *p, size_t n, pb_utf8_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t i = 0;
    while (i < n) {
        /* Fast paths: ASCII eight bytes at a time, and the 2- and 3-byte
         * sequences that are valid whatever their continuation bytes are
         * (leads C2-DF, E1-EC, EE-EF: no overlong form, no surrogate) —
         * all of a Chinese filing but its rare characters. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* no byte >= 0x80 and no NUL byte */
            if ((w & 0x8080808080808080ull) ||
                ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            i += 8;
        }
        /* a run of 3-byte sequences, without the ASCII test between them
         * (leads E1-EF but ED, any continuation bytes: always valid) */
        {
            size_t j = pb_run3(p, i, n, 0xe1, 0xef, true);
            st->valid_multi += (j - i) / 3;
            i = j;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c < 0x80) { /* the tab, digits or line end between two runs */
            do {
                st->nuls += c == 0;
                i++;
            } while (i < n && (c = p[i]) < 0x80);
            continue;
        }
        if (c >= 0xe1 && c != 0xed && c <= 0xef && i + 2 < n && (p[i + 1] & 0xc0) == 0x80 &&
            (p[i + 2] & 0xc0) == 0x80) {
            st->valid_multi++;
            i += 3;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf && i + 1 < n && (p[i + 1] & 0xc0) == 0x80) {
            st->valid_multi++;
            i += 2;
            continue;
        }
        int32_t cp;
        size_t l = pb_utf8_next(p + i, n - i, &cp);
        if (cp < 0) {
            st->only_eof = st->invalid == 0 && i + l == n;
            st->invalid++;
            st->invalid_bytes += l;
        } else {
            st->valid_multi++;
        }
        i += l;
    }
}

/*
 * Whether p[0, n) is valid UTF-8 with no NUL: what pb_utf8_scan() finds
 * with invalid == 0 and nuls == 0, sixteen bytes at a time with SSE2
 * (which every x86-64 has), for the common case of a clean file; a file it
 * refuses is scanned again by pb_utf8_scan() for the counts.  The rules of
 * RFC 3629, section 4, as byte tests:
 *   - C0, C1 and F5-FF never occur;
 *   - a byte is a continuation byte (10xxxxxx) exactly when the byte
 *     before it is a lead (C0-FF), or the one two before is a lead of three
 *     or four bytes (E0-FF), or the one three before a lead of four (F0-FF);
 *   - the byte after E0 is A0-BF (no overlong form), after ED 80-9F (no
 *     surrogate), after F0 90-BF (no overlong form), after F4 80-8F (up to
 *     U+10FFFF).
 * The bytes before a block are the last of the previous one; the input is
 * followed by a block of 'A's, so a sequence cut short at its end fails the
 * continuation rule.
 */
#if defined(__SSE2__)
/* x >= k for unsigned bytes: k - x saturates to 0 */
#define PB_GE(x, k) _mm_cmpeq_epi8(_mm_subs_epu8(_mm_set1_epi8((char)(k)), (x)), zero)

/* What a block says of the next: its bytes, and which are leads of two or
 * more, three or more and four bytes. */
typedef struct pb_u8blk {
    __m128i x, lead2, lead3, lead4;
} pb_u8blk;

static inline __m128i pb_utf8_block_err(__m128i x, pb_u8blk *prev)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i lead2 = PB_GE(x, 0xc0), lead3 = PB_GE(x, 0xe0), lead4 = PB_GE(x, 0xf0);
    /* the byte one, two and three before each: this block shifted up,
     * with the end of the previous one shifted in */
    __m128i b1 = _mm_or_si128(_mm_slli_si128(lead2, 1), _mm_srli_si128(prev->lead2, 15));
    __m128i b2 = _mm_or_si128(_mm_slli_si128(lead3, 2), _mm_srli_si128(prev->lead3, 14));
    __m128i b3 = _mm_or_si128(_mm_slli_si128(lead4, 3), _mm_srli_si128(prev->lead4, 13));
    __m128i must = _mm_or_si128(b1, _mm_or_si128(b2, b3));
    __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xc0)),
                                  _mm_set1_epi8((char)0x80));
    __m128i err = _mm_xor_si128(must, cont);
    /* C0, C1, F5-FF; and NUL */
    err = _mm_or_si128(err, _mm_andnot_si128(PB_GE(x, 0xc2), lead2));
    err = _mm_or_si128(err, PB_GE(x, 0xf5));
    err = _mm_or_si128(err, _mm_cmpeq_epi8(x, zero));
    /* the second byte of E0, ED, F0 and F4 sequences */
    __m128i before = _mm_or_si128(_mm_slli_si128(x, 1), _mm_srli_si128(prev->x, 15));
    __m128i ge_a0 = PB_GE(x, 0xa0), ge_90 = PB_GE(x, 0x90);
    err = _mm_or_si128(err, _mm_andnot_si128(ge_a0, _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xe0))));
    err = _mm_or_si128(err, _mm_and_si128(ge_a0, _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xed))));
    err = _mm_or_si128(err, _mm_andnot_si128(ge_90, _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xf0))));
    err = _mm_or_si128(err, _mm_and_si128(ge_90, _mm_cmpeq_epi8(before, _mm_set1_epi8((char)0xf4))));
    prev->x = x;
    prev->lead2 = lead2;
    prev->lead3 = lead3;
    prev->lead4 = lead4;
    return err;
}
#undef PB_GE

static bool pb_utf8_clean(const unsigned char *p, size_t n)
{
    pb_u8blk prev = {_mm_set1_epi8('A'), _mm_setzero_si128(), _mm_setzero_si128(),
                     _mm_setzero_si128()};
    __m128i err = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        err = _mm_or_si128(err, pb_utf8_block_err(x, &prev));
        if ((i & 1023) == 1008 && _mm_movemask_epi8(err))
            return false; /* now and then: a bad file stops early */
    }
    unsigned char last[32];
    memset(last, 'A', sizeof last);
    memcpy(last, p + i, n - i);
    for (size_t k = 0; k < 32; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(last + k));
        err = _mm_or_si128(err, pb_utf8_block_err(x, &prev));
    }
    return _mm_movemask_epi8(err) == 0;
}
#else
static bool pb_utf8_clean(const unsigned char *p, size_t n)
{
    pb_utf8_stats st;
    pb_utf8_scan(p, n, &st);
    return st.invalid == 0 && st.nuls == 0;
}
#endif

bool pb_utf8_is_clean(const void *p, size_t n)
{
    return pb_utf8_clean(p, n);
}

/* Copies p[0, n) into a new buffer, replacing invalid sequences and NULs by
 * U+FFFD and counting them in src. */
static char *pb_utf8_repair(pb_source *src, const unsigned char *p, size_t n,
                            const pb_utf8_stats *st, size_t *outlen)
{
    size_t len = n - st->invalid_bytes + 3 * st->invalid + 2 * st->nuls;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    bool first = true;
    while (i < n) {
        unsigned char c = p[i];
        if (c != 0 && c < 0x80) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        int32_t cp;
        size_t l = c == 0 ? 1 : pb_utf8_next(p + i, n - i, &cp);
        if (c == 0 || cp < 0) {
            if (first) {
                src->first_invalid = (uint32_t)o;
                first = false;
            }
            src->invalid_count++;
            if (c == 0)
                src->nul_count++;
            memcpy(out + o, PB_FFFD, 3);
            o += 3;
        } else {
            memcpy(out + o, p + i, l);
            o += l;
        }
        i += l;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* Replaces the NULs of a malloc'd UTF-8 buffer by U+FFFD (after a
 * conversion); returns the (possibly moved) buffer or NULL on OOM. */
static char *pb_replace_nuls(pb_source *src, char *text, size_t *len)
{
    size_t nuls = 0;
    for (size_t i = 0; i < *len; i++)
        nuls += text[i] == '\0';
    if (nuls == 0)
        return text;
    size_t nlen = *len + 2 * nuls;
    char *out = malloc(nlen + 1);
    if (!out) {
        free(text);
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < *len; i++) {
        if (text[i] == '\0') {
            if (src->invalid_count == 0)
                src->first_invalid = (uint32_t)o;
            src->invalid_count++;
            src->nul_count++;
            memcpy(out + o, PB_FFFD, 3);
            o += 3;
        } else {
            out[o++] = text[i];
        }
    }
    out[o] = '\0';
    free(text);
    *len = o;
    return out;
}

/* -------------------------------------------------------------- UTF-16 */

/* Decodes UTF-16 (be = big-endian) into a new buffer.  With strict, fails
 * (returns NULL, *bad = true) on anything but clean text: an unpaired
 * surrogate, U+0000, an odd length or a control character other than
 * \t \n \r \f.  Without strict, those become U+FFFD and are counted. */
static char *pb_utf16_decode(pb_source *src, const unsigned char *p, size_t n, bool be, bool strict,
                             size_t *outlen, bool *bad)
{
    *bad = false;
    if (strict && (n & 1)) {
        *bad = true;
        return NULL;
    }
    size_t units = n / 2;
    /* A unit gives at most 3 bytes; a pair (2 units) gives 4. */
    size_t cap = units * 3 + ((n & 1) ? 3 : 0);
    char *out = malloc(cap + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    size_t invalid = 0, nuls = 0;
    uint32_t first = 0;
#define PB_U16(k) (be ? (uint32_t)((p[2 * (k)] << 8) | p[2 * (k) + 1]) \
                      : (uint32_t)((p[2 * (k) + 1] << 8) | p[2 * (k)]))
    for (size_t k = 0; k < units; k++) {
        uint32_t u = PB_U16(k);
        uint32_t cp;
        bool ok = true;
        if (u >= 0xd800 && u <= 0xdbff) {
            uint32_t u2 = k + 1 < units ? PB_U16(k + 1) : 0;
            if (u2 >= 0xdc00 && u2 <= 0xdfff) {
                cp = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
                k++;
            } else {
                ok = false;
                cp = 0;
            }
        } else if (u >= 0xdc00 && u <= 0xdfff) {
            ok = false;
            cp = 0;
        } else {
            cp = u;
        }
        if (ok && cp == 0) {
            ok = false;
            nuls++;
        }
        if (strict && (!ok || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') ||
                       cp == 0x7f)) {
            free(out);
            *bad = true;
            return NULL;
        }
        if (!ok) {
            if (invalid++ == 0)
                first = (uint32_t)o;
            memcpy(out + o, PB_FFFD, 3);
            o += 3;
        } else {
            o += pb_utf8_put(out + o, cp);
        }
    }
#undef PB_U16
    if (n & 1) {
        if (invalid++ == 0)
            first = (uint32_t)o;
        memcpy(out + o, PB_FFFD, 3);
        o += 3;
    }
    out[o] = '\0';
    src->invalid_count += invalid;
    src->nul_count += nuls;
    if (invalid)
        src->first_invalid = first;
    *outlen = o;
    return out;
}

/* 0: not UTF-16; 1: little-endian; 2: big-endian (candidates only: the
 * caller confirms by decoding strictly). */
static int pb_sniff_utf16(const unsigned char *p, size_t n)
{
    size_t sample = n < PB_SNIFF_UTF16 ? n : PB_SNIFF_UTF16;
    sample &= ~(size_t)1;
    size_t pairs = sample / 2;
    if (pairs == 0)
        return 0;
    size_t nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < sample; i += 2) {
        nul_even += p[i] == 0;
        nul_odd += p[i + 1] == 0;
    }
    /* ASCII in UTF-16LE is "x\0": NULs at odd offsets.  A filing's tabs,
     * newlines and digits make 10-30 % of its characters; CJK characters
     * whose low byte is 0 (一 U+4E00) put a few NULs at the other parity.
     * So: at least 4 NULs (or all units, for a tiny input), more than 5 % of
     * the units, and at least 8 times as many as at the other parity. */
    if (nul_odd * 20 > pairs && (nul_odd >= 4 || nul_odd == pairs) && nul_even * 8 <= nul_odd)
        return 1;
    if (nul_even * 20 > pairs && (nul_even >= 4 || nul_even == pairs) && nul_odd * 8 <= nul_even)
        return 2;
    return 0;
}

/* ------------------------------------------------------------- GB18030 */

/* Converts the whole input from GB18030; NULL when it does not convert
 * cleanly (or iconv lacks GB18030, or memory runs out: *oom). */
static char *pb_gb18030_decode(const unsigned char *p, size_t n, size_t *outlen, bool *oom)
{
    *oom = false;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n + n / 2 + 16;
    char *out = malloc(cap + 1);
    if (!out) {
        iconv_close(cd);
        *oom = true;
        return NULL;
    }
    char *in = (char *)p;
    size_t inleft = n;
    size_t used = 0;
    for (;;) {
        char *o = out + used;
        size_t oleft = cap - used;
        size_t r = iconv(cd, inleft ? &in : NULL, inleft ? &inleft : NULL, &o, &oleft);
        used = (size_t)(o - out);
        if (r != (size_t)-1) {
            if (inleft == 0) {
                /* Flush (GB18030 has no shift state, but be proper). */
                o = out + used;
                oleft = cap - used;
                if (iconv(cd, NULL, NULL, &o, &oleft) != (size_t)-1) {
                    used = (size_t)(o - out);
                    break;
                }
                if (errno != E2BIG)
                    goto fail;
            } else {
                continue;
            }
        } else if (errno != E2BIG) {
            goto fail;
        }
        size_t ncap = cap * 2;
        char *nout = realloc(out, ncap + 1);
        if (!nout) {
            *oom = true;
            goto fail;
        }
        out = nout;
        cap = ncap;
    }
    iconv_close(cd);
    out[used] = '\0';
    /* A GB18030 BOM (84 31 95 33) converts to U+FEFF: drop it. */
    if (used >= 3 && memcmp(out, "\xef\xbb\xbf", 3) == 0) {
        memmove(out, out + 3, used - 3 + 1);
        used -= 3;
    }
    *outlen = used;
    return out;
fail:
    iconv_close(cd);
    free(out);
    return NULL;
}

/* ----------------------------------------------------------- line index */

static int pb_build_lines(pb_source *src)
{
    const char *t = src->text;
    size_t n = src->len;
    size_t count = 1;
    /* a line ends at \n, at \r\n, or at a lone \r; most text has no \r,
     * and then memchr() finds the line ends */
    bool cr = memchr(t, '\r', n) != NULL;
#define PB_LINE_END(i) (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= n || t[i + 1] != '\n')))
    if (cr) {
        for (size_t i = 0; i < n; i++)
            if (PB_LINE_END(i) && i + 1 < n)
                count++;
    } else {
        for (const char *q = t, *e = t + n; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
            if (q + 1 < e)
                count++;
    }
    if (count > (size_t)UINT32_MAX)
        return PBLINT_ETOOBIG;
    src->line_start = malloc(count * sizeof(uint32_t));
    if (!src->line_start)
        return PBLINT_ENOMEM;
    size_t k = 0;
    src->line_start[k++] = 0;
    if (cr) {
        for (size_t i = 0; i < n; i++)
            if (PB_LINE_END(i) && i + 1 < n)
                src->line_start[k++] = (uint32_t)(i + 1);
    } else {
        for (const char *q = t, *e = t + n; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
            if (q + 1 < e)
                src->line_start[k++] = (uint32_t)(q + 1 - t);
    }
#undef PB_LINE_END
    src->nlines = (unsigned)count;
    return 0;
}

/* ---------------------------------------------------------------- decode */

static int pb_decode(pb_source *src, const char *name, const void *bytes, size_t len,
                     bool plain, char *err, size_t errsz);

int pb_source_decode(pb_source *src, const char *name, const void *bytes, size_t len, char *err,
                     size_t errsz)
{
    return pb_decode(src, name, bytes, len, false, err, errsz);
}

int pb_source_decode_plain(pb_source *src, const char *name, const void *bytes, size_t len,
                           char *err, size_t errsz)
{
    return pb_decode(src, name, bytes, len, true, err, errsz);
}

bool pb_source_plain(const pb_source *src)
{
    return src && src->text && !src->converted && src->invalid_count == 0;
}

/* plain: the bytes are known to be valid UTF-8 with no NUL */
static int pb_decode(pb_source *src, const char *name, const void *bytes, size_t len, bool plain,
                     char *err, size_t errsz)
{
    if (err && errsz)
        err[0] = '\0';
    if (!src)
        return PBLINT_EINVAL;
    memset(src, 0, sizeof *src);
    if (!name)
        name = "<input>";
    if (!bytes && len > 0) {
        pb_seterr(err, errsz, "%s: no bytes to read", name);
        return PBLINT_EINVAL;
    }
    if (len > PB_SOURCE_MAX) {
        pb_seterr(err, errsz, "%s: the input is %.1f MiB, more than the 256 MiB pblint reads", name,
                  (double)len / (1024.0 * 1024.0));
        return PBLINT_ETOOBIG;
    }
    const unsigned char *p = bytes ? bytes : (const unsigned char *)"";
    /* plain: the host sniffed these very bytes and found text */
    if (!plain && pb_sniff_magic(name, p, len, err, errsz))
        return PBLINT_EBINARY;

    src->name = strdup(name);
    if (!src->name)
        goto oom;

    char *text = NULL;
    size_t tlen = 0;
    bool bad;
    if (len >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 || memcmp(p, "\xfe\xff", 2) == 0)) {
        bool be = p[0] == 0xfe;
        text = pb_utf16_decode(src, p + 2, len - 2, be, false, &tlen, &bad);
        if (!text)
            goto oom;
        src->encoding = be ? "UTF-16BE" : "UTF-16LE";
        src->converted = true;
        goto lines;
    }
    bool bom = len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0;
    if (bom) {
        p += 3;
        len -= 3;
    }

    /* One look at the head of the input: NULs and control bytes. */
    size_t sample = plain ? 0 : len < PB_SNIFF_BINARY ? len : PB_SNIFF_BINARY;
    /* control bytes text does not hold (C0 but \t \n \f \r, and DEL)
     * count 1, and a NUL 1 << 16 more: one sum counts both (the sample is
     * less than 1 << 16 bytes) */
#define C1 1u
#define C0 (1u | 1u << 16)
    static const uint32_t CTL[256] = {
        [0x00] = C0, [0x01] = C1, [0x02] = C1, [0x03] = C1, [0x04] = C1, [0x05] = C1,
        [0x06] = C1, [0x07] = C1, [0x08] = C1, [0x0b] = C1, [0x0e] = C1, [0x0f] = C1,
        [0x10] = C1, [0x11] = C1, [0x12] = C1, [0x13] = C1, [0x14] = C1, [0x15] = C1,
        [0x16] = C1, [0x17] = C1, [0x18] = C1, [0x19] = C1, [0x1a] = C1, [0x1b] = C1,
        [0x1c] = C1, [0x1d] = C1, [0x1e] = C1, [0x1f] = C1, [0x7f] = C1};
#undef C0
#undef C1
    uint32_t sum = 0;
    for (size_t i = 0; i < sample;) {
#if defined(__SSE2__)
        /* sixteen bytes with no byte below 0x20 but tab, line feed, form
         * feed and carriage return, and no DEL, hold nothing to count */
        if (i + 16 <= sample) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
            __m128i ok = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
                             _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\f')),
                             _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
            __m128i ctl = _mm_or_si128(_mm_andnot_si128(ok, low),
                                       _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
            if (!_mm_movemask_epi8(ctl)) {
                i += 16;
                continue;
            }
            for (size_t e = i + 16; i < e; i++)
                sum += CTL[p[i]];
            continue;
        }
#endif
        /* eight bytes with no byte below 0x20 and no DEL hold nothing to count */
        if (i + 8 <= sample) {
            uint64_t w, d;
            memcpy(&w, p + i, 8);
            d = w ^ 0x7f7f7f7f7f7f7f7full;
            if (!(((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) |
                  ((d - 0x0101010101010101ull) & ~d & 0x8080808080808080ull))) {
                i += 8;
                continue;
            }
        }
        for (size_t e = i + 8 < sample ? i + 8 : sample; i < e; i++)
            sum += CTL[p[i]];
    }
    size_t ctl = sum & 0xffffu, nuls = sum >> 16;
    if (!bom && nuls > 0) {
        int kind = pb_sniff_utf16(p, len);
        if (kind) {
            text = pb_utf16_decode(src, p, len, kind == 2, true, &tlen, &bad);
            if (text) {
                src->encoding = kind == 2 ? "UTF-16BE" : "UTF-16LE";
                src->converted = true;
                goto lines;
            }
            if (!bad)
                goto oom;
        }
    }
    if ((ctl >= 8 && ctl * 10 > sample) || (nuls >= 8 && nuls * 100 > sample)) {
        pb_seterr(err, errsz,
                  "%s: this looks like binary data, not text (%zu of its first %zu bytes are "
                  "control bytes)",
                  name, ctl, sample);
        pb_source_free(src);
        return PBLINT_EBINARY;
    }

    pb_utf8_stats st;
    if (plain || pb_utf8_clean(p, len))
        memset(&st, 0, sizeof st); /* what the scan finds in a clean file */
    else
        pb_utf8_scan(p, len, &st);
    src->encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
    if (st.invalid == 0 && st.nuls == 0) {
        text = malloc(len + 1);
        if (!text)
            goto oom;
        memcpy(text, p, len);
        text[len] = '\0';
        tlen = len;
        goto lines;
    }
    if (!bom && st.invalid > 0 && !st.only_eof && st.valid_multi < st.invalid) {
        bool nomem;
        text = pb_gb18030_decode(p, len, &tlen, &nomem);
        if (text) {
            text = pb_replace_nuls(src, text, &tlen);
            if (!text)
                goto oom;
            src->encoding = "GB18030";
            src->converted = true;
            goto lines;
        }
        if (nomem)
            goto oom;
    }
    text = pb_utf8_repair(src, p, len, &st, &tlen);
    if (!text)
        goto oom;

lines:
    src->text = text;
    src->len = tlen;
    if (tlen >= UINT32_MAX) {
        pb_seterr(err, errsz, "%s: the decoded text is too long (%zu bytes)", name, tlen);
        pb_source_free(src);
        return PBLINT_ETOOBIG;
    }
    {
        int rc = pb_build_lines(src);
        if (rc == PBLINT_ENOMEM)
            goto oom;
        if (rc) {
            pb_seterr(err, errsz, "%s: too many lines", name);
            pb_source_free(src);
            return rc;
        }
    }
    return 0;

oom:
    pb_seterr(err, errsz, "%s: out of memory while decoding %zu bytes", name, len);
    pb_source_free(src);
    return PBLINT_ENOMEM;
}

void pb_source_free(pb_source *src)
{
    if (!src)
        return;
    free(src->name);
    free(src->text);
    free(src->line_start);
    memset(src, 0, sizeof *src);
}

/* ------------------------------------------------------------ positions */

/* Index (0-based) of the line holding offset: the last line_start <= off. */
static unsigned pb_line_index(const pb_source *src, uint32_t off)
{
    unsigned lo = 0, hi = src->nlines; /* answer in [lo, hi) */
    while (hi - lo > 1) {
        unsigned mid = lo + (hi - lo) / 2;
        if (src->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* End of line i's content (0-based index), line ending excluded. */
static uint32_t pb_line_content_end(const pb_source *src, unsigned i)
{
    size_t end = i + 1 < src->nlines ? src->line_start[i + 1] : src->len;
    size_t start = src->line_start[i];
    if (end > start && src->text[end - 1] == '\n')
        end--;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    return (uint32_t)end;
}

pblint_span pb_source_line(const pb_source *src, unsigned line)
{
    pblint_span sp = {0, 0};
    if (!src || !src->line_start || src->nlines == 0)
        return sp;
    if (line < 1)
        line = 1;
    if (line > src->nlines) {
        sp.start = sp.end = (uint32_t)src->len;
        return sp;
    }
    sp.start = src->line_start[line - 1];
    sp.end = pb_line_content_end(src, line - 1);
    return sp;
}

unsigned pb_cp_advance(int32_t cp, unsigned col)
{
    if (cp < 0x80) {
        if (cp == '\t')
            return (col / 8 + 1) * 8;
        return cp == '\n' || cp == '\r' ? col : col + 1;
    }
    if (cp < 0xa0)
        return col + 1; /* C1 control */
    /* most of a filing: the CJK Unified Ideographs, all wide (UAX #11), as
     * utf8proc says (tests/unit/test_source.c checks) but without the
     * look-up */
    if (cp >= 0x4e00 && cp <= 0x9fff)
        return col + 2;
    return col + (unsigned)utf8proc_charwidth(cp);
}

unsigned pb_display_advance(const char *text, size_t start, size_t end, unsigned col0)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned col = col0;
    size_t i = start;
    while (i < end) {
        unsigned char c = p[i];
        if (c < 0x80) {
            col = pb_cp_advance(c, col);
            i++;
            continue;
        }
        int32_t cp;
        size_t l = pb_utf8_next(p + i, end - i, &cp);
        if (cp < 0)
            col += (unsigned)l; /* one cell per stray byte */
        else
            col = pb_cp_advance(cp, col);
        i += l;
    }
    return col;
}

void pb_source_position(const pb_source *src, uint32_t offset, int unit, unsigned *line,
                        unsigned *col)
{
    unsigned l = 1, c = 1;
    if (src && src->line_start && src->nlines > 0) {
        if (offset > src->len)
            offset = (uint32_t)src->len;
        unsigned i = pb_line_index(src, offset);
        uint32_t ls = src->line_start[i];
        uint32_t le = pb_line_content_end(src, i);
        uint32_t off = offset < le ? offset : le;
        l = i + 1;
        const unsigned char *t = (const unsigned char *)src->text;
        if (unit == PBLINT_COLUMN_BYTE) {
            c = off - ls + 1;
        } else {
            /* A character whose first byte lies before off is counted whole:
             * move off to the end of a character it cuts. */
            while (off < le && (t[off] & 0xc0) == 0x80)
                off++;
            if (unit == PBLINT_COLUMN_CODEPOINT || unit == PBLINT_COLUMN_UTF16) {
                unsigned n = 0;
                for (uint32_t k = ls; k < off; k++) {
                    unsigned char b = t[k];
                    if ((b & 0xc0) != 0x80)
                        n += (unit == PBLINT_COLUMN_UTF16 && b >= 0xf0) ? 2 : 1;
                }
                c = n + 1;
            } else {
                c = pb_display_advance(src->text, ls, off, 0) + 1;
            }
        }
    }
    if (line)
        *line = l;
    if (col)
        *col = c;
}

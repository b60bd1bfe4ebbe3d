/*
 * Text views: the normalised form of a piece of the source, with a byte map
 * back to it, and the space-free "key" form labels are compared in.
 *
 * Normalisation, in one left-to-right pass over the source bytes:
 *   - HTML leftovers: a tag is '<', an optional '/', an ASCII letter, more
 *     letters/digits/':'/'-', then '>', '/' or a blank, and anything up to
 *     the next '>' on the same line, at most PB_TAG_MAX bytes in all, with
 *     no '<' inside.  A lone '<' ("<5%", "x < y") or "《" is not a tag.
 *       <input ... type="checkbox" ...> becomes ☐ (PB_BOX_EMPTY), or ☑
 *       (PB_BOX_CHECKED) when the tag contains "checked";
 *       block tags (p, br, div, li, tr, td, h1 ...) count as white space,
 *       so "a</p><p>b" reads "a b";
 *       every other tag (span, font, b ...) is removed without a trace.
 *     "[bookmark: ...]" (same line, at most PB_TAG_MAX bytes) is removed;
 *     the entities &nbsp; &amp; &lt; &gt; &quot; &apos; &ensp; &emsp; and
 *     numeric ones (&#39; &#x3000;) are decoded (the character they stand
 *     for is then normalised like any other: &nbsp; is white space).
 *   - NFKC code point by code point (utf8proc; ASCII, CJK ideographs and
 *     characters with no decomposition are copied as they are): full-width
 *     ０-９ Ａ-Ｚ ： （ ） ， ． ％ become ASCII, U+3000 a space; 、。《》【】“”
 *     stay.  Composition across code points (e + U+0301) is not done: the
 *     filings are Chinese and per-code-point NFKC keeps the map exact.
 *     U+200B (zero width space) and U+FEFF (BOM inside text) are removed.
 *   - every run of white space (ASCII blanks and controls \t \n \v \f \r,
 *     U+0085, and every Zs/Zl/Zp character, including NBSP and U+3000) and
 *     block tags becomes one ASCII space; leading and trailing ones go.
 *
 * THE MAP.  The output is a sequence of units, each produced by one piece of
 * the source: one code point (its NFKC form, 1..n code points), one entity,
 * one checkbox tag (3 bytes of ☐/☑), or one run of white space (1 byte).
 * The map is a function of len + 1 points (kept as pieces: see below):
 *   map[k] (k < len) = the source offset (into the document's decoded text)
 *                      where the source of the unit holding byte k begins;
 *                      all bytes of a unit share it, and it strictly grows
 *                      from unit to unit;
 *   map[len]         = the end of the source of the last unit (trailing
 *                      white space and markup are not included); for an
 *                      empty text, span.start.
 * A unit's source extent is [map[k], map[k']), k' being the first byte of
 * the next unit (or len).  So the source of a whole number of units is exact
 * at both ends, with one exception: markup removed without a trace between
 * two units (an inline tag, a bookmark) belongs to the extent of the unit
 * before it.  pblint_text_map(t, off, n) returns
 *   [map[off], map[k']) with k' the first index >= off + n whose map differs
 *   from map[off + n - 1]   (and [map[off], map[off]) when n == 0),
 * i.e. a range that starts or ends inside a unit is widened to the whole
 * unit; off and n are clamped to the text.  A checkbox ☐ at off maps with
 * pblint_text_map(t, off, 3) to the whole <input .../> tag.
 *
 * Texts made by pb_text_empty_at() have t->map == NULL; pblint_text_map()
 * then returns the empty span at span.start.
 *
 * The map is kept as pieces, not as one entry per byte.  A piece starts at
 * output byte `out` and runs to the next piece (or len):
 *   a COPY piece is units of one code point each whose sources follow one
 *     another with nothing between, each as long as its output (a run of
 *     Chinese prose copied as it is): byte k maps to src + (c - out), c being
 *     the first byte of k's code point;
 *   a UNIT piece is one unit (an NFKC expansion, an entity, a checkbox, a
 *     folded full-width form): all its bytes map to src.
 * t->map has t->npieces pieces and a last one {len, map[len]}.  Prose needs
 * a piece or two per full-width comma instead of four bytes per byte.
 * A unit of one code point is a COPY piece of its own when it cannot join
 * the one before: both kinds map it alike.
 */
#include "internal.h"

#include <limits.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#define PB_TAG_MAX 200u

typedef struct pb_norm {
    pb_arena *arena;   /* NULL: the fixed buffer `out` of `cap` + 1 bytes (pb_key_of) */
    bool in_arena;     /* out is an arena block (else a buffer on pb_text_make's stack) */
    char *out;
    pb_piece *pc;      /* the map's pieces; NULL in key mode */
    size_t npc, pccap; /* pccap: room for npc pieces and the last one */
    bool pc_in_arena;  /* pc is an arena block (else a buffer on pb_text_make's stack) */
    uint32_t unit_src; /* source start of the unit written last (UINT32_MAX: none) */
    uint32_t unit_out; /* where its output starts */
    size_t len, cap;   /* cap excludes the terminating NUL */
    bool fail;         /* out of room (fixed buffer) or out of memory */
    bool key_mode;     /* drop every space */
    bool pending;      /* a space is due before the next unit */
    uint32_t space_at; /* source offset of the white space run it stands for */
    uint32_t last_end; /* end of the source of the last unit emitted */
    uint32_t markup;
} pb_norm;

/* ------------------------------------------------------------ output */

/* Moves the output to a bigger arena block (the old one stays in the arena). */
static bool pb_norm_grow(pb_norm *nm, size_t need)
{
    if (!nm->arena || nm->fail) {
        nm->fail = true;
        return false;
    }
    size_t ncap = nm->cap * 2;
    if (ncap < nm->len + need + 16)
        ncap = nm->len + need + 16;
    char *o = pb_alloc_raw(nm->arena, ncap + 1);
    if (!o) {
        nm->fail = true;
        return false;
    }
    memcpy(o, nm->out, nm->len);
    nm->out = o;
    nm->in_arena = true;
    nm->cap = ncap;
    return true;
}

static inline bool pb_norm_reserve(pb_norm *nm, size_t need)
{
    if (nm->len + need <= nm->cap)
        return true;
    if (nm->pc && nm->len + need >= PB_PIECE_UNIT) { /* a 2 GiB text: no map for it */
        nm->fail = true;
        return false;
    }
    return pb_norm_grow(nm, need);
}

static bool pb_norm_push_piece(pb_norm *nm, uint32_t out, uint32_t src)
{
    if (nm->npc + 1 >= nm->pccap) { /* keep room for the last piece */
        size_t ncap = nm->pccap * 2 + 16;
        pb_piece *np = nm->arena ? pb_alloc_raw(nm->arena, ncap * sizeof *np) : NULL;
        if (!np) {
            nm->fail = true;
            return false;
        }
        memcpy(np, nm->pc, nm->npc * sizeof *np);
        nm->pc = np;
        nm->pccap = ncap;
        nm->pc_in_arena = true;
    }
    nm->pc[nm->npc].out = out;
    nm->pc[nm->npc].src = src;
    nm->npc++;
    return true;
}

/* The map of output bytes about to be written at nm->len, from a unit whose
 * source starts at a; single: the bytes are one code point. */
static inline void pb_norm_map(pb_norm *nm, uint32_t a, bool single)
{
    if (!nm->pc)
        return;
    uint32_t at = (uint32_t)nm->len;
    pb_piece *last = nm->npc ? &nm->pc[nm->npc - 1] : NULL;
    if (a == nm->unit_src && last) {
        /* more of the unit written last (a decomposition's next code
         * point): the unit becomes a UNIT piece of its own */
        if (!(last->out & PB_PIECE_UNIT)) {
            if (last->out == nm->unit_out)
                last->out |= PB_PIECE_UNIT;
            else
                pb_norm_push_piece(nm, nm->unit_out | PB_PIECE_UNIT, a);
        }
        return;
    }
    nm->unit_src = a;
    nm->unit_out = at;
    if (single && last && !(last->out & PB_PIECE_UNIT) && a == last->src + (at - last->out))
        return; /* joins the COPY piece */
    pb_norm_push_piece(nm, single ? at : at | PB_PIECE_UNIT, a);
}

/* The pending space, if one is due. */
static inline void pb_norm_put_space(pb_norm *nm)
{
    if (nm->pending && !nm->key_mode) {
        pb_norm_map(nm, nm->space_at, true);
        nm->out[nm->len++] = ' ';
    }
    nm->pending = false;
}

/* Appends the bytes of (part of) a unit whose source is [a, b). */
static inline void pb_norm_emit(pb_norm *nm, const char *bytes, size_t nb, uint32_t a, uint32_t b,
                                bool single)
{
    if (!pb_norm_reserve(nm, nb + (nm->pending && !nm->key_mode)))
        return;
    pb_norm_put_space(nm);
    pb_norm_map(nm, a, single);
    memcpy(nm->out + nm->len, bytes, nb);
    nm->len += nb;
    nm->last_end = b;
}

/* Appends source bytes [i, j) that are a run of whole units each copied
 * as it is (see pb_stable_run()): what one pb_norm_emit() per unit would
 * do, in one go: one COPY piece. */
static void pb_norm_emit_run(pb_norm *nm, const char *text, uint32_t i, uint32_t j)
{
    size_t nb = j - i;
    if (!pb_norm_reserve(nm, nb + (nm->pending && !nm->key_mode)))
        return;
    pb_norm_put_space(nm);
    pb_norm_map(nm, i, true);
    nm->unit_src = UINT32_MAX; /* a unit that goes on comes from pb_norm_emit() */
    memcpy(nm->out + nm->len, text + i, nb);
    nm->len += nb;
    nm->last_end = j;
}

/* White space whose source starts at a. */
static inline void pb_norm_space(pb_norm *nm, uint32_t a)
{
    if (nm->len > 0 && !nm->pending) {
        nm->pending = true;
        nm->space_at = a;
    }
}

static inline bool pb_is_space_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

static size_t pb_put_utf8(char *o, int32_t cp)
{
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)o);
    if (n <= 0) {
        memcpy(o, "\xef\xbf\xbd", 3);
        return 3;
    }
    return (size_t)n;
}

/* One normalised code point (no further NFKC) from source [a, b). */
static inline void pb_norm_put(pb_norm *nm, int32_t cp, uint32_t a, uint32_t b)
{
    if (pb_is_space_cp(cp)) {
        pb_norm_space(nm, a);
        return;
    }
    if (cp < 0x80) { /* what full-width forms fold to: no encoder needed */
        char ch = (char)cp;
        pb_norm_emit(nm, &ch, 1, a, b, true);
        return;
    }
    char buf[4];
    size_t n = pb_put_utf8(buf, cp);
    pb_norm_emit(nm, buf, n, a, b, true);
}

/* True when NFKC, as pb_norm_cp() does it, leaves the code point cp >= 0x80
 * as it is and it is no white space: then its UTF-8 is what comes out. */
static inline bool pb_cp_is_stable(int32_t cp)
{
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf))
        return true;
    /* the punctuation of Chinese prose, none of which NFKC changes (checked
     * with utf8proc): 、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛 and ‐‒–—―‖ ‘’‚‛“”„‟†‡•‣
     * (not U+2011, U+2017 or the dot leaders U+2024-2026, which it does) */
    if ((cp >= 0x3001 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301b) || cp == 0x2010 ||
        (cp >= 0x2012 && cp <= 0x2016) || (cp >= 0x2018 && cp <= 0x2023))
        return true;
    if ((cp >= 0xff01 && cp <= 0xff5e) || cp == 0x200b || cp == 0xfeff || pb_is_space_cp(cp))
        return false;
    return utf8proc_get_property(cp)->decomp_seqindex == UINT16_MAX;
}

/* One source code point from [a, b): NFKC, then out. */
static void pb_norm_cp(pb_norm *nm, int32_t cp, uint32_t a, uint32_t b)
{
    if (cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) {
        pb_norm_put(nm, cp, a, b);
        return;
    }
    if (cp >= 0xff01 && cp <= 0xff5e) { /* full-width ASCII: <wide> */
        pb_norm_put(nm, cp - 0xfee0, a, b);
        return;
    }
    if (cp == 0x200b || cp == 0xfeff)
        return;
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_seqindex == UINT16_MAX) {
        pb_norm_put(nm, cp, a, b);
        return;
    }
    utf8proc_int32_t buf[32];
    const utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, (utf8proc_ssize_t)PB_ARRAY_LEN(buf), opt,
                                                 NULL);
    if (n > 0 && n <= (utf8proc_ssize_t)PB_ARRAY_LEN(buf))
        n = utf8proc_normalize_utf32(buf, n, opt);
    if (n <= 0 || n > (utf8proc_ssize_t)PB_ARRAY_LEN(buf)) {
        pb_norm_put(nm, cp, a, b);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++)
        pb_norm_put(nm, buf[i], a, b);
}

/* ------------------------------------------------------------ markup */

enum { PB_TAG_NONE = 0, PB_TAG_INLINE, PB_TAG_BLOCK, PB_TAG_BOX, PB_TAG_BOX_CHECKED };

static inline unsigned char pb_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static inline bool pb_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool pb_contains_ci(const unsigned char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && pb_lower(s[i + j]) == (unsigned char)needle[j])
            j++;
        if (j == m)
            return true;
    }
    return false;
}

static bool pb_is_block_tag(const char *name)
{
    static const char *const BLOCK[] = {
        "p",  "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
        "h1", "h2", "h3",  "h4", "h5", "h6", "hr", "dl", "dt", "dd",    "pre",   "blockquote"};
    for (size_t i = 0; i < PB_ARRAY_LEN(BLOCK); i++)
        if (strcmp(name, BLOCK[i]) == 0)
            return true;
    return false;
}

/* A tag at t[i] == '<' ending before `end`; sets *e past its '>'. */
static int pb_scan_tag(const unsigned char *t, uint32_t i, uint32_t end, uint32_t *e)
{
    uint32_t lim = end - i > PB_TAG_MAX ? i + PB_TAG_MAX : end;
    uint32_t j = i + 1;
    if (j < lim && t[j] == '/')
        j++;
    if (j >= lim || !pb_is_alpha(t[j]))
        return PB_TAG_NONE;
    char name[16];
    size_t nl = 0;
    while (j < lim && (pb_is_alpha(t[j]) || (t[j] >= '0' && t[j] <= '9') || t[j] == ':' ||
                       t[j] == '-')) {
        if (nl + 1 < sizeof name)
            name[nl++] = (char)pb_lower(t[j]);
        j++;
    }
    name[nl] = '\0';
    if (j >= lim || !(t[j] == '>' || t[j] == '/' || t[j] == ' ' || t[j] == '\t'))
        return PB_TAG_NONE;
    for (; j < lim; j++) {
        unsigned char c = t[j];
        if (c == '>')
            break;
        if (c == '<' || c == '\n' || c == '\r')
            return PB_TAG_NONE;
    }
    if (j >= lim)
        return PB_TAG_NONE;
    *e = j + 1;
    if (strcmp(name, "input") == 0 && pb_contains_ci(t + i, *e - i, "checkbox"))
        return pb_contains_ci(t + i, *e - i, "checked") ? PB_TAG_BOX_CHECKED : PB_TAG_BOX;
    return pb_is_block_tag(name) ? PB_TAG_BLOCK : PB_TAG_INLINE;
}

/* "[bookmark: ...]" at t[i] == '['. */
static bool pb_scan_bookmark(const unsigned char *t, uint32_t i, uint32_t end, uint32_t *e)
{
    static const char KW[] = "[bookmark:";
    const uint32_t kl = sizeof KW - 1;
    if (end - i < kl + 1)
        return false;
    for (uint32_t k = 1; k < kl; k++)
        if (pb_lower(t[i + k]) != (unsigned char)KW[k])
            return false;
    uint32_t lim = end - i > PB_TAG_MAX ? i + PB_TAG_MAX : end;
    for (uint32_t j = i + kl; j < lim; j++) {
        unsigned char c = t[j];
        if (c == ']') {
            *e = j + 1;
            return true;
        }
        if (c == '[' || c == '\n' || c == '\r')
            return false;
    }
    return false;
}

/* An entity at t[i] == '&'; sets *cp and *e past its ';'. */
static bool pb_scan_entity(const unsigned char *t, uint32_t i, uint32_t end, int32_t *cp,
                           uint32_t *e)
{
    uint32_t lim = end - i > 12 ? i + 12 : end;
    uint32_t j = i + 1;
    if (j < lim && t[j] == '#') {
        j++;
        int base = 10;
        if (j < lim && (t[j] == 'x' || t[j] == 'X')) {
            base = 16;
            j++;
        }
        uint32_t v = 0, digits = 0;
        for (; j < lim; j++, digits++) {
            unsigned char c = t[j];
            int d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (base == 16 && pb_lower(c) >= 'a' && pb_lower(c) <= 'f')
                d = pb_lower(c) - 'a' + 10;
            else
                break;
            v = v * (uint32_t)base + (uint32_t)d;
            if (v > 0x10ffff)
                return false;
        }
        if (digits == 0 || j >= lim || t[j] != ';' || v == 0 || (v >= 0xd800 && v <= 0xdfff))
            return false;
        *cp = (int32_t)v;
        *e = j + 1;
        return true;
    }
    static const struct {
        const char *name;
        int32_t cp;
    } NAMED[] = {{"nbsp", 0xa0}, {"amp", '&'},     {"lt", '<'},       {"gt", '>'},
                 {"quot", '"'},  {"apos", '\''},   {"ensp", 0x2002},  {"emsp", 0x2003}};
    uint32_t s = j;
    while (j < lim && pb_is_alpha(t[j]))
        j++;
    if (j >= lim || t[j] != ';' || j == s)
        return false;
    for (size_t k = 0; k < PB_ARRAY_LEN(NAMED); k++) {
        size_t nl = strlen(NAMED[k].name);
        if (nl == j - s && memcmp(t + s, NAMED[k].name, nl) == 0) {
            *cp = NAMED[k].cp;
            *e = j + 1;
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------- the pass */

/* An ASCII byte that is copied as it is: not white space, and not the
 * start of a tag, an entity or a bookmark. */
static inline bool pb_is_plain_ascii(unsigned char c)
{
    return c < 0x80 && c != ' ' && !(c >= '\t' && c <= '\r') && c != '<' && c != '&' && c != '[';
}

static inline bool pb_is_cont(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

#if defined(__GNUC__)
#define PB_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define PB_ALWAYS_INLINE inline
#endif

/* pb_run3(t, i, end, 0xe4, 0xe9, false): the end of the run of three-byte
 * sequences led by E4-E9 at t[i].  With SSE2, five of them a step while 16
 * bytes are left to read, the first wrong byte saying how many of the
 * five are whole. */
static PB_ALWAYS_INLINE uint32_t pb_cjk_run(const unsigned char *t, uint32_t i, uint32_t end)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i e4 = _mm_set1_epi8((char)0xe4), five = _mm_set1_epi8(5);
    const __m128i c0 = _mm_set1_epi8((char)0xc0), x80 = _mm_set1_epi8((char)0x80);
    while (end - i >= 16) {
        __m128i v = _mm_loadu_si128((const void *)(t + i));
        __m128i ld = _mm_sub_epi8(v, e4); /* E4..E9: 0..5 */
        unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(ld, five), ld));
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, c0), x80));
        /* leads at bytes 0, 3, 6, 9 and 12, continuation bytes between;
         * byte 15 starts the next step */
        unsigned bad = (lead ^ 0x1249u) | (cont ^ 0x6db6u) | 0x8000u;
        unsigned whole = (unsigned)__builtin_ctz(bad) / 3 * 3;
        i += whole;
        if (whole < 15)
            return i; /* the sequence at i is not one */
    }
#endif
    return (uint32_t)pb_run3(t, i, end, 0xe4, 0xe9, false);
}

/*
 * The end of the run of units starting at t[i] that normalisation copies
 * as they are: plain ASCII bytes, and 2- or 3-byte sequences that every
 * UTF-8 decoder accepts (lead C2-DF, or E1-EC / EE-EF: no overlong form,
 * no surrogate) whose code point NFKC keeps (ideographs, 、。《》“” ...).
 * Such a sequence is the UTF-8 of its code point, so its source bytes are
 * what pb_norm_cp() would write.  Everything else (markup, white space,
 * full-width forms, E0/ED/F0+ leads, bad bytes) ends the run and takes the
 * general path.  Inlined into its two callers: it is called once per text
 * and once per unit that ends a run, most runs short.
 */
static PB_ALWAYS_INLINE uint32_t pb_stable_run(const unsigned char *t, uint32_t i, uint32_t end)
{
    while (i < end) {
        /* Most of a filing: U+4000..U+9FFF (leads E4-E9, any continuation
         * bytes), ideographs and hexagrams, none of which NFKC changes. */
        i = pb_cjk_run(t, i, end);
        if (i >= end)
            break;
        unsigned char c = t[i];
        if (c < 0x80) {
            if (!pb_is_plain_ascii(c))
                break;
            do
                i++;
            while (i < end && pb_is_plain_ascii(t[i]));
            continue;
        }
        int32_t cp;
        uint32_t l;
        if (c >= 0xe1 && c <= 0xef && c != 0xed && end - i >= 3 && pb_is_cont(t[i + 1]) &&
            pb_is_cont(t[i + 2])) {
            cp = ((int32_t)(c & 0x0f) << 12) | ((int32_t)(t[i + 1] & 0x3f) << 6) |
                 (int32_t)(t[i + 2] & 0x3f);
            l = 3;
        } else if (c >= 0xc2 && c <= 0xdf && end - i >= 2 && pb_is_cont(t[i + 1])) {
            cp = ((int32_t)(c & 0x1f) << 6) | (int32_t)(t[i + 1] & 0x3f);
            l = 2;
        } else {
            break;
        }
        if (!pb_cp_is_stable(cp))
            break;
        i += l;
    }
    return i;
}

/* known: where the stable run at start ends, if the caller has looked
 * (else 0) */
static void pb_norm_run_known(pb_norm *nm, const char *text, uint32_t start, uint32_t end,
                              uint32_t known)
{
    const unsigned char *t = (const unsigned char *)text;
    uint32_t i = start;
    while (i < end && !nm->fail) {
        /* Fast path: most of a filing is copied as it is.  The unit that
         * ends a run is taken in the same step: pb_stable_run() stops only
         * at a unit it cannot take, so looking for a run there again would
         * find none. */
        uint32_t j = i == start && known > start ? known : pb_stable_run(t, i, end);
        if (j > i) {
            pb_norm_emit_run(nm, text, i, j);
            i = j;
            if (i >= end || nm->fail)
                break;
        }
        unsigned char c = t[i];
        if (c < 0x80) {
            uint32_t e;
            if (c == '<') {
                int kind = pb_scan_tag(t, i, end, &e);
                if (kind == PB_TAG_BOX || kind == PB_TAG_BOX_CHECKED) {
                    nm->markup |= PB_MARKUP_CHECKBOX;
                    pb_norm_emit(nm, kind == PB_TAG_BOX ? PB_BOX_EMPTY : PB_BOX_CHECKED, 3, i, e,
                                 true);
                    i = e;
                    continue;
                }
                if (kind != PB_TAG_NONE) {
                    nm->markup |= PB_MARKUP_TAG;
                    if (kind == PB_TAG_BLOCK)
                        pb_norm_space(nm, i);
                    i = e;
                    continue;
                }
            } else if (c == '&') {
                int32_t cp;
                if (pb_scan_entity(t, i, end, &cp, &e)) {
                    nm->markup |= PB_MARKUP_ENTITY;
                    pb_norm_cp(nm, cp, i, e);
                    i = e;
                    continue;
                }
            } else if (c == '[') {
                if (pb_scan_bookmark(t, i, end, &e)) {
                    nm->markup |= PB_MARKUP_BOOKMARK;
                    i = e;
                    continue;
                }
            }
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                pb_norm_space(nm, i);
            } else {
                char ch = (char)c;
                pb_norm_emit(nm, &ch, 1, i, i + 1, true);
            }
            i++;
            continue;
        }
        /* a 3-byte sequence every decoder accepts (leads E1-EC, EE-EF: see
         * pb_stable_run()), such as the full-width ，：（）, decoded here
         * rather than by the general decoder */
        if (c >= 0xe1 && c <= 0xef && c != 0xed && end - i >= 3 && pb_is_cont(t[i + 1]) &&
            pb_is_cont(t[i + 2])) {
            int32_t cp3 = ((int32_t)(c & 0x0f) << 12) | ((int32_t)(t[i + 1] & 0x3f) << 6) |
                          (int32_t)(t[i + 2] & 0x3f);
            if (cp3 >= 0xff01 && cp3 <= 0xff5e) {
                /* full-width ASCII (，：（）), what pb_norm_cp() does with it
                 * in short: it folds to a printable ASCII byte, no space */
                char ch = (char)(cp3 - 0xfee0);
                pb_norm_emit(nm, &ch, 1, i, i + 3, true);
            } else {
                pb_norm_cp(nm, cp3, i, i + 3);
            }
            i += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(t + i, (utf8proc_ssize_t)(end - i), &cp);
        if (l <= 0) {
            cp = 0xfffd;
            l = 1;
        }
        pb_norm_cp(nm, cp, i, i + (uint32_t)l);
        i += (uint32_t)l;
    }
}

static void pb_norm_run(pb_norm *nm, const char *text, uint32_t start, uint32_t end)
{
    pb_norm_run_known(nm, text, start, end, 0);
}

/* ---------------------------------------------------------------- API */

void pb_text_empty_at(pblint_text *out, uint32_t at)
{
    memset(out, 0, sizeof *out);
    out->s = "";
    out->key = "";
    out->map = NULL;
    out->span.start = out->span.end = at;
}

/* Texts up to this many bytes are normalised in a buffer on the stack, and
 * so many pieces of a map are kept there (a longer map goes on in arena
 * blocks). */
#define PB_TEXT_STACK 512u
#define PB_PIECE_STACK 256u

int pb_text_make(pb_arena *a, const pb_source *src, pblint_span span, pblint_text *out)
{
    size_t slen = src && src->text ? src->len : 0;
    if (span.end > slen)
        span.end = (uint32_t)slen;
    if (span.start > span.end)
        span.start = span.end;
    pb_text_empty_at(out, span.start);
    out->span = span;
    if (!a || !src || !src->text)
        return a && src ? 0 : PBLINT_EINVAL;

    /* The output is rarely longer than the source (only NFKC expansions
     * such as ㈠ -> (一) make it grow).  A short text is normalised on the
     * stack and then kept at its exact size, in one arena block holding the
     * map, the text and, when it has spaces, the key; a long one is
     * normalised in place in arena blocks of the source's size. */
    size_t n = span.end - span.start;
    /* Most cells are copied as they are (no space, markup or full-width
     * form: see pb_stable_run()); then the text is the source's bytes, its
     * own key, and its map is implied (pblint_text_map()). */
    uint32_t run = n > 0 ? pb_stable_run((const unsigned char *)src->text, span.start, span.end)
                         : span.start;
    if (n > 0 && run == span.end) {
        char *v = pb_alloc_raw(a, n + 1); /* written whole below */
        if (!v)
            return PBLINT_ENOMEM;
        memcpy(v, src->text + span.start, n);
        v[n] = '\0';
        out->s = out->key = v;
        out->len = out->keylen = (uint32_t)n;
        return 0;
    }
    char sout[PB_TEXT_STACK + 1];
    pb_piece spc[PB_PIECE_STACK];
    pb_norm nm;
    memset(&nm, 0, sizeof nm);
    nm.arena = a;
    nm.unit_src = UINT32_MAX;
    nm.pc = spc;
    nm.pccap = PB_ARRAY_LEN(spc);
    nm.cap = n + 16;
    if (nm.cap <= PB_TEXT_STACK) {
        nm.out = sout;
    } else {
        nm.in_arena = true;
        nm.out = pb_alloc_raw(a, nm.cap + 1);
        if (!nm.out)
            return PBLINT_ENOMEM;
    }
    pb_norm_run_known(&nm, src->text, span.start, span.end, run);
    if (nm.fail)
        return PBLINT_ENOMEM;

    size_t len = nm.len;
    bool spaces = memchr(nm.out, ' ', len) != NULL;
    /* one arena block for what is still on the stack: the pieces, then
     * the text, then the key */
    size_t pcsz = nm.pc_in_arena ? 0 : (nm.npc + 1) * sizeof(pb_piece);
    size_t ssz = nm.in_arena ? 0 : len + 1;
    size_t ksz = spaces ? len + 1 : 0;
    char *blk = NULL;
    if (pcsz + ssz + ksz > 0 && !(blk = pb_alloc_raw(a, pcsz + ssz + ksz)))
        return PBLINT_ENOMEM;
    pb_piece *pc = nm.pc;
    if (pcsz) {
        pc = (pb_piece *)(void *)blk;
        memcpy(pc, nm.pc, nm.npc * sizeof *pc);
    }
    char *s = nm.out;
    if (ssz) {
        s = blk + pcsz;
        memcpy(s, nm.out, len);
    }
    char *k = spaces ? blk + pcsz + ssz : NULL;
    s[len] = '\0';
    pc[nm.npc].out = (uint32_t)len;
    pc[nm.npc].src = len > 0 ? nm.last_end : span.start;
    out->s = s;
    out->len = (uint32_t)len;
    out->map = pc;
    out->npieces = (uint32_t)nm.npc;
    out->markup = nm.markup;

    /* The key: the same bytes without spaces (the very string when it has
     * none). */
    if (!spaces) {
        out->key = s;
        out->keylen = (uint32_t)len;
    } else {
        size_t kl = 0;
        for (size_t i = 0; i < len; i++)
            if (s[i] != ' ')
                k[kl++] = s[i];
        k[kl] = '\0';
        out->key = k;
        out->keylen = (uint32_t)kl;
    }
    return 0;
}

int pb_key_of(const char *s, size_t len, char *buf, size_t bufsz)
{
    if (!buf || bufsz == 0 || (!s && len > 0) || len >= UINT32_MAX)
        return -1;
    pb_norm nm;
    memset(&nm, 0, sizeof nm);
    nm.out = buf;
    nm.cap = bufsz - 1;
    nm.key_mode = true;
    if (len > 0)
        pb_norm_run(&nm, s, 0, (uint32_t)len);
    if (nm.fail || nm.len > INT_MAX) {
        buf[0] = '\0';
        return -1;
    }
    buf[nm.len] = '\0';
    return (int)nm.len;
}

const char *pblint_text_str(const pblint_text *t, size_t *len)
{
    if (!t || !t->s) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = t->len;
    return t->s;
}

pblint_span pblint_text_span(const pblint_text *t)
{
    pblint_span none = {0, 0};
    return t ? t->span : none;
}

/* The piece of t's map holding output byte k < t->len. */
static size_t pb_piece_at(const pblint_text *t, size_t k)
{
    size_t lo = 0, hi = t->npieces; /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((t->map[mid].out & ~PB_PIECE_UNIT) <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* map[k] (see THE MAP), for k <= t->len, k in piece i. */
static uint32_t pb_map_in(const pblint_text *t, size_t i, size_t k)
{
    if (k >= t->len)
        return t->map[t->npieces].src;
    const pb_piece *p = &t->map[i];
    if (p->out & PB_PIECE_UNIT)
        return p->src;
    const unsigned char *u = (const unsigned char *)t->s;
    size_t c = k;
    while (c > p->out && pb_is_cont(u[c]))
        c--;
    return p->src + (uint32_t)(c - p->out);
}

/* The first output byte after k < t->len that belongs to another unit. */
static size_t pb_unit_end(const pblint_text *t, size_t i, size_t k)
{
    const pb_piece *p = &t->map[i];
    size_t next = p[1].out & ~PB_PIECE_UNIT; /* the last piece's out is len */
    if (p->out & PB_PIECE_UNIT)
        return next;
    const unsigned char *u = (const unsigned char *)t->s;
    size_t c = k + 1;
    while (c < next && pb_is_cont(u[c]))
        c++;
    return c;
}

uint32_t pb_text_map_at(const pblint_text *t, size_t k)
{
    if (!t->map)
        return pblint_text_map(t, k, 0).start;
    if (k > t->len)
        k = t->len;
    return pb_map_in(t, k < t->len ? pb_piece_at(t, k) : 0, k);
}

pblint_span pblint_text_map(const pblint_text *t, size_t off, size_t len)
{
    pblint_span sp = {0, 0};
    if (!t)
        return sp;
    size_t n = t->len;
    if (pb_text_verbatim(t)) {
        /* map[k] = the start of k's code point, map[n] = the span's end */
        const unsigned char *u = (const unsigned char *)t->s;
        if (off > n)
            off = n;
        size_t e = len > n - off ? n : off + len;
        size_t a = off;
        while (a > 0 && a < n && pb_is_cont(u[a]))
            a--;
        sp.start = sp.end = t->span.start + (uint32_t)a;
        if (e <= off)
            return sp;
        while (e < n && pb_is_cont(u[e]))
            e++;
        sp.end = t->span.start + (uint32_t)e;
        return sp;
    }
    if (!t->map) {
        sp.start = sp.end = t->span.start;
        return sp;
    }
    if (off > n)
        off = n;
    size_t e = len > n - off ? n : off + len;
    size_t i = off < n ? pb_piece_at(t, off) : 0;
    sp.start = sp.end = pb_map_in(t, i, off);
    if (e <= off)
        return sp;
    size_t j = pb_piece_at(t, e - 1);
    size_t k = pb_unit_end(t, j, e - 1);
    sp.end = pb_map_in(t, k < (t->map[j + 1].out & ~PB_PIECE_UNIT) ? j : j + 1, k);
    return sp;
}

const char *pblint_text_key(const pblint_text *t, size_t *len)
{
    if (!t || !t->key) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = t->keylen;
    return t->key;
}

bool pblint_text_empty(const pblint_text *t)
{
    return !t || t->len == 0;
}

/*
 * citations: document numbers (发文字号), titles in 《》, brackets, and the
 * project's name across the sheets.
 *
 * Every text of the model is scanned once, left to right: paragraphs (prose
 * and the values of free-text fields) and every cell of every table.  The
 * scan keeps a small stack of open brackets, so it finds in one pass the
 * document numbers, the title each number belongs to, the titles and the
 * brackets that do not pair.  Each rule runs its own scan and skips the
 * texts that cannot hold what it reads (no 号: no document number; no 《:
 * no title), and a scan jumps from bracket to bracket with a byte table,
 * since nothing else moves it.  A finding is keyed by its source offset, so
 * text the model holds twice (a field that is also a cell) is reported once.
 * Grouping (the same title cited with two numbers ...) sorts; nothing
 * compares all pairs.
 *
 * Sources: ../shared/reference/domain-rules.md §1.H (rules 61-65, 67);
 * GB/T 9704-2012 §7.2.5 for the form of a 发文字号.
 */
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h> /* SSE2, in every x86-64: see next_bracket() */
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

static size_t u8_next(const char *s, size_t n, size_t i, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[i];
    size_t len = 1;
    if (c >= 0xf0 && i + 3 < n) {
        c = ((c & 0x07u) << 18) | ((u[i + 1] & 0x3fu) << 12) | ((u[i + 2] & 0x3fu) << 6) |
            (u[i + 3] & 0x3fu);
        len = 4;
    } else if (c >= 0xe0 && i + 2 < n) {
        c = ((c & 0x0fu) << 12) | ((u[i + 1] & 0x3fu) << 6) | (u[i + 2] & 0x3fu);
        len = 3;
    } else if (c >= 0xc0 && i + 1 < n) {
        c = ((c & 0x1fu) << 6) | (u[i + 1] & 0x3fu);
        len = 2;
    }
    *cp = c;
    return i + len;
}

/* The start of the code point before offset i (i > 0). */
static size_t u8_prev(const char *s, size_t i)
{
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xc0u) == 0x80u)
        k--;
    return k;
}

static uint32_t cp_at(const char *s, size_t n, size_t i)
{
    uint32_t cp = 0;
    if (i < n)
        u8_next(s, n, i, &cp);
    return cp;
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool has_sub(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (m == 0 || m > n)
        return false;
    for (size_t i = 0; i + m <= n; i++)
        if (s[i] == w[0] && memcmp(s + i, w, m) == 0)
            return true;
    return false;
}

static unsigned line_of(const pblint_doc *doc, uint32_t off)
{
    unsigned line = 0, col = 0; /* in bytes: the cheap unit, and the line is the same */
    pblint_doc_position(doc, off, PBLINT_COLUMN_BYTE, &line, &col);
    return line;
}

static const char *clip(const char *s, size_t n, size_t max_cp, char *buf, size_t size)
{
    size_t i = 0, k = 0;
    while (i < n && k < max_cp) {
        uint32_t cp;
        i = u8_next(s, n, i, &cp);
        k++;
    }
    if (i > n)
        i = n;
    const char *ell = i < n ? "…" : "";
    size_t el = strlen(ell);
    if (i + el + 1 > size)
        i = size > el + 1 ? size - el - 1 : 0;
    while (i > 0 && i < n && ((unsigned char)s[i] & 0xc0u) == 0x80u)
        i--;
    memcpy(buf, s, i);
    memcpy(buf + i, ell, el);
    buf[i + el] = '\0';
    return buf;
}

/* The last max_cp code points of s[0, n), with "…" in front when cut. */
static const char *clip_tail(const char *s, size_t n, size_t max_cp, char *buf, size_t size)
{
    size_t i = n, k = 0;
    while (i > 0 && k < max_cp) {
        i = u8_prev(s, i);
        k++;
    }
    const char *ell = i > 0 ? "…" : "";
    size_t el = strlen(ell), len = n - i;
    if (el + len + 1 > size)
        return clip(s + i, len, max_cp, buf, size);
    memcpy(buf, ell, el);
    memcpy(buf + el, s + i, len);
    buf[el + len] = '\0';
    return buf;
}

#define LIST_MAX 64

typedef struct str_list {
    const char *v[LIST_MAX];
    size_t n;
} str_list;

static void list_load(const pblint_check *chk, const char *key, const char *const *defs,
                      str_list *out)
{
    out->n = 0;
    if (pblint_check_option(chk, key)) {
        const char *it;
        while (out->n < LIST_MAX && (it = pblint_check_option_item(chk, key, out->n)) != NULL)
            out->v[out->n++] = it;
        return;
    }
    for (; defs && *defs && out->n < LIST_MAX; defs++)
        out->v[out->n++] = *defs;
}

static bool list_has_str(const str_list *l, const char *s)
{
    for (size_t i = 0; s && i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

static const char *list_find_in(const str_list *l, const char *s, size_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (has_sub(s, n, l->v[i]))
            return l->v[i];
    return NULL;
}

/* ----------------------------------------------------------- brackets */

#define CP_TITLE_OPEN 0x300au  /* 《 */
#define CP_TITLE_CLOSE 0x300bu /* 》 */
#define CP_HEX_OPEN 0x3014u    /* 〔 */
#define CP_HEX_CLOSE 0x3015u   /* 〕 */

static const struct {
    uint32_t open, close;
} PAIRS[] = {
    {0x300a, 0x300b}, /* 《》 */
    {0x3008, 0x3009}, /* 〈〉 */
    {'(', ')'},       /* （） after NFKC */
    {'[', ']'},       /* ［］ after NFKC */
    {0x3014, 0x3015}, /* 〔〕 */
    {0x3010, 0x3011}, /* 【】 */
    {0x3016, 0x3017}, /* 〖〗 */
    {0x300c, 0x300d}, /* 「」 */
    {0x300e, 0x300f}, /* 『』 */
};

static int pair_of_open(uint32_t cp)
{
    for (size_t i = 0; i < ARRAY_LEN(PAIRS); i++)
        if (PAIRS[i].open == cp)
            return (int)i;
    return -1;
}

static int pair_of_close(uint32_t cp)
{
    for (size_t i = 0; i < ARRAY_LEN(PAIRS); i++)
        if (PAIRS[i].close == cp)
            return (int)i;
    return -1;
}

/* Brackets a year may be written in: 〔〕 (right), 【】 [] () 〈〉 〖〗 {}. */
static bool year_open(uint32_t cp)
{
    return cp == CP_HEX_OPEN || cp == 0x3010 || cp == '[' || cp == '(' || cp == 0x3008 ||
           cp == 0x3016 || cp == '{';
}

static bool year_close(uint32_t cp)
{
    return cp == CP_HEX_CLOSE || cp == 0x3011 || cp == ']' || cp == ')' || cp == 0x3009 ||
           cp == 0x3017 || cp == '}';
}

/* ------------------------------------------------------ the text scan */

typedef struct docnum {
    const pblint_text *t;
    const char *field_key; /* of the paragraph holding it, NULL otherwise */
    uint32_t src;          /* source offset of its first byte (the dedupe key) */
    size_t start, end;     /* 代字 .. past 号, in t's normalised text */
    size_t ob, cb;         /* the brackets around the year */
    uint32_t ob_cp, cb_cp;
    size_t year_off, year_len;
    size_t di;             /* offset of 第, or SIZE_MAX */
    size_t ser_off, ser_len;
    bool has_title;
    size_t title_s, title_e; /* the title it is cited with (inner text) */
    size_t lp, rp, tc;       /* 《…（number）》: '(' , ')' and the 》 after */
    bool inside;
} docnum;

typedef struct bracket_issue {
    const pblint_text *t;
    uint32_t src;
    size_t off;
    uint32_t cp;
    bool unclosed; /* an opener never closed; else a closer never opened */
    int where;     /* 0 cell, 1 field, 2 prose */
} bracket_issue;

typedef struct title_occ {
    const pblint_text *t;
    const char *field_key;
    uint32_t src;
    size_t open;   /* offset of 《 */
    size_t s, e;   /* the inner text (an unclosed title ends at the next 《 or the end) */
    bool closed;
} title_occ;

typedef struct scan {
    docnum *nums;
    size_t nnums, capnums;
    bracket_issue *br;
    size_t nbr, capbr;
    title_occ *titles;
    size_t ntitles, captitles;
    bool oom;
} scan;

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 32;
    void *nv = realloc(*v, nc * size);
    if (!nv)
        return false;
    *v = nv;
    *cap = nc;
    return true;
}

#define PUSH(sc, arr, n, cap, val)                                                           \
    do {                                                                                     \
        if (!(sc)->oom && grow((void **)&(sc)->arr, &(sc)->cap, (sc)->n, sizeof *(sc)->arr)) \
            (sc)->arr[(sc)->n++] = (val);                                                    \
        else                                                                                 \
            (sc)->oom = true;                                                                \
    } while (0)

/* Words that lead into a document number in prose and are not part of its
 * 代字: "根据闵住联办〔2016〕4号". */
static const char *const LEAD_WORDS[] = {"根据", "依据", "按照", "参照", "依照", "遵照", "结合",
                                         "落实", "贯彻", "执行", "印发", "转发", "详见", "见",
                                         "据", "依", "按", "即", "和", "及", "与", "或", "并",
                                         "的"};

/* Words after 号 that make it a house, building or line number. */
static const uint32_t NOT_DOC_AFTER[] = {0x697c /* 楼 */, 0x9662 /* 院 */, 0x623f /* 房 */,
                                         0x5ba4 /* 室 */, 0x7ebf /* 线 */, 0x95e8 /* 门 */,
                                         0x5730 /* 地 */, 0x9986 /* 馆 */, 0x5e93 /* 库 */,
                                         0x8f66 /* 车 */, 0x4f4d /* 位 */, 0x7a97 /* 窗 */,
                                         0x5e8a /* 床 */, 0x573a /* 场 */};

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/*
 * A document number whose year bracket opens at s[i]: [代字] B YYYY B
 * [第] N 号.  Fills d (offsets only) and returns true.
 */
static bool parse_docnum(const char *s, size_t n, size_t i, docnum *d)
{
    uint32_t ob;
    size_t j = u8_next(s, n, i, &ob);
    size_t y0 = j;
    while (j < n && is_digit(s[j]) && j - y0 < 5)
        j++;
    size_t yl = j - y0;
    if (yl == 4) {
        if (!((s[y0] == '1' && s[y0 + 1] == '9') || (s[y0] == '2' && s[y0 + 1] == '0')))
            return false;
    } else if (yl != 2 || ob == '(') {
        return false;
    }
    uint32_t cb;
    if (j >= n)
        return false;
    size_t cbo = j;
    j = u8_next(s, n, j, &cb);
    if (!year_close(cb))
        return false;
    j = skip_spaces(s, n, j);
    size_t di = SIZE_MAX;
    if (cp_at(s, n, j) == 0x7b2c /* 第 */) {
        di = j;
        j = skip_spaces(s, n, j + 3);
    }
    size_t n0 = j;
    while (j < n && is_digit(s[j]) && j - n0 < 7)
        j++;
    size_t nl = j - n0;
    if (nl == 0 || nl > 6)
        return false;
    j = skip_spaces(s, n, j);
    if (cp_at(s, n, j) != 0x53f7 /* 号 */)
        return false;
    size_t end = j + 3;
    uint32_t after = cp_at(s, n, end);
    for (size_t k = 0; k < ARRAY_LEN(NOT_DOC_AFTER); k++)
        if (after == NOT_DOC_AFTER[k])
            return false;
    /* the 代字: the ideographs just before the bracket (at most 12) */
    size_t ds = i, count = 0;
    while (ds > 0 && count < 12) {
        size_t p = u8_prev(s, ds);
        uint32_t cp = cp_at(s, n, p);
        if (!is_han(cp))
            break;
        ds = p;
        count++;
    }
    for (size_t w = 0; w < ARRAY_LEN(LEAD_WORDS); w++) {
        size_t wl = strlen(LEAD_WORDS[w]);
        if (i - ds > wl + 3 && memcmp(s + ds, LEAD_WORDS[w], wl) == 0) {
            ds += wl;
            w = (size_t)-1; /* strip again: "根据和…" is rare, but cheap */
        }
    }
    size_t org_cps = (i - ds) / 3;
    if ((ob == '(' || yl == 2) && org_cps < 2)
        return false;
    memset(d, 0, sizeof *d);
    d->start = ds;
    d->end = end;
    d->ob = i;
    d->cb = cbo;
    d->ob_cp = ob;
    d->cb_cp = cb;
    d->year_off = y0;
    d->year_len = yl;
    d->di = di;
    d->ser_off = n0;
    d->ser_len = nl;
    d->lp = d->rp = d->tc = SIZE_MAX;
    return true;
}

static bool has_han_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i = u8_next(s, n, i, &cp);
        if (is_han(cp))
            return true;
    }
    return false;
}

/* "1)" "2)" "a)" "一)": a closing bracket that numbers a list item. */
static bool enumerator_close(const char *s, size_t i)
{
    size_t k = i, cps = 0;
    while (k > 0 && cps < 3) {
        size_t p = u8_prev(s, k);
        uint32_t cp = cp_at(s, i, p);
        bool num = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                   (cp >= 'A' && cp <= 'Z') || cp == 0x4e00 || cp == 0x4e8c || cp == 0x4e09 ||
                   cp == 0x56db || cp == 0x4e94 || cp == 0x516d || cp == 0x4e03 ||
                   cp == 0x516b || cp == 0x4e5d || cp == 0x5341;
        if (!num)
            break;
        k = p;
        cps++;
    }
    if (cps == 0 || cps > 2)
        return false;
    if (k == 0)
        return true;
    uint32_t before = cp_at(s, i, u8_prev(s, k));
    return !is_han(before) && !(before >= '0' && before <= '9') &&
           !(before >= 'a' && before <= 'z') && !(before >= 'A' && before <= 'Z');
}

/* 》 or 《 written as an operator: "》90%", "《=5天". */
static bool operator_bracket(const char *s, size_t n, size_t i)
{
    size_t j = skip_spaces(s, n, i + 3);
    if (j < n && s[j] == '=')
        j++;
    j = skip_spaces(s, n, j);
    if (j >= n || !is_digit(s[j]))
        return false;
    /* the rest is a short value, not a title */
    size_t cps = 0;
    for (size_t k = j; k < n && cps <= 12;) {
        uint32_t cp;
        k = u8_next(s, n, k, &cp);
        cps++;
    }
    return cps <= 12;
}

#define STACK_MAX 64

typedef struct open_br {
    uint32_t cp;
    size_t off;
    long title; /* index in sc->titles for a 《, else -1 */
} open_br;

/* The bytes a bracket can start with: ASCII ()[]{} and E3, the lead byte
 * of U+3008-U+3017 (E3 80 88 .. E3 80 97). */
static const bool BRACKET_LEAD[256] = {['('] = true, [')'] = true, ['['] = true, [']'] = true,
                                       ['{'] = true, ['}'] = true, [0xe3] = true};

/* The offset of the first bracket at or after i (n if none): ASCII ()[]{}
 * or one of U+3008-U+3017.  Every bracket the scan acts on (PAIRS, the year
 * brackets) is one of these.  A normalised text is well-formed UTF-8, so an
 * ASCII byte or an E3 byte always starts a code point: jumping from bracket
 * to bracket visits the same brackets as decoding every code point. */
static size_t next_bracket(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    for (; i < n; i++) {
#if defined(__SSE2__)
        /* sixteen bytes a step to the first that may start a bracket: ( or )
         * (0x28, 0x29 with bit 0 cleared), [ ] { } (0x5B 0x5D 0x7B 0x7D with
         * bits 0x26 cleared, as are Y _ y DEL, which the table below turns
         * away) or E3 */
        while (n - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i m = _mm_or_si128(
                _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8('(')),
                _mm_or_si128(
                    _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xD9)), _mm_set1_epi8(0x59)),
                    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3))));
            unsigned bits = (unsigned)_mm_movemask_epi8(m);
            if (bits) {
                i += (size_t)__builtin_ctz(bits);
                break;
            }
            i += 16;
        }
#endif
        /* four bytes a step through the many that start no bracket (and
         * the last few bytes of a text) */
        while (i + 4 <= n && !BRACKET_LEAD[u[i]] && !BRACKET_LEAD[u[i + 1]] &&
               !BRACKET_LEAD[u[i + 2]] && !BRACKET_LEAD[u[i + 3]])
            i += 4;
        if (i >= n)
            break;
        if (!BRACKET_LEAD[u[i]])
            continue;
        if (u[i] != 0xe3 ||
            (i + 2 < n && u[i + 1] == 0x80 && u[i + 2] >= 0x88 && u[i + 2] <= 0x97))
            return i;
    }
    return n;
}

static void scan_text(scan *sc, const pblint_text *t, const char *field_key, int where)
{
    size_t n = 0;
    const char *s = pblint_text_str(t, &n);
    if (n == 0)
        return;
    if (next_bracket(s, n, 0) == n || !has_han_text(s, n))
        return;
    open_br stk[STACK_MAX];
    size_t depth = 0;
    bool overflow = false;
    size_t first_title = sc->ntitles;
    long last_closed = -1;  /* the title closed last */
    size_t last_close_end = SIZE_MAX;
    size_t skip_close = SIZE_MAX; /* the closing year bracket of a number */

    for (size_t i = 0; i < n && !sc->oom;) {
        /* only brackets move the scan (see next_bracket) */
        i = next_bracket(s, n, i);
        if (i == n)
            break;
        uint32_t cp;
        size_t nx = u8_next(s, n, i, &cp);
        if (year_open(cp)) {
            docnum d;
            if (parse_docnum(s, n, i, &d)) {
                d.t = t;
                d.field_key = field_key;
                d.src = pblint_text_map(t, d.start, d.end - d.start).start;
                /* the bracket before the 代字: "（沪府办发〔2018〕8号）" */
                size_t b = d.start;
                while (b > 0 && s[b - 1] == ' ')
                    b--;
                if (b > 0 && s[b - 1] == '(') {
                    d.lp = b - 1;
                    size_t a = skip_spaces(s, n, d.end);
                    if (a < n && s[a] == ')') {
                        d.rp = a;
                        size_t c = skip_spaces(s, n, a + 1);
                        if (cp_at(s, n, c) == CP_TITLE_CLOSE)
                            d.tc = c;
                    }
                }
                /* right after a closed title, "《…》（number）": that title's */
                if (d.lp != SIZE_MAX && last_closed >= 0 &&
                    skip_spaces(s, n, last_close_end) == d.lp) {
                    d.has_title = true;
                    d.title_s = sc->titles[last_closed].s;
                    d.title_e = sc->titles[last_closed].e;
                } else {
                    /* else the innermost open 《: the number is cited inside it */
                    long ti = -1;
                    for (size_t k = depth; k > 0; k--)
                        if (stk[k - 1].cp == CP_TITLE_OPEN) {
                            ti = stk[k - 1].title;
                            break;
                        }
                    if (ti >= 0) {
                        d.has_title = true;
                        d.title_s = sc->titles[ti].s;
                        d.title_e = d.lp != SIZE_MAX ? d.lp : d.start;
                        d.inside = d.lp != SIZE_MAX && d.rp != SIZE_MAX && d.tc != SIZE_MAX;
                    }
                }
                /* a "title" holding another title's brackets is not one */
                if (d.has_title && d.title_e > d.title_s &&
                    (has_sub(s + d.title_s, d.title_e - d.title_s, "《") ||
                     has_sub(s + d.title_s, d.title_e - d.title_s, "》"))) {
                    d.has_title = false;
                    d.inside = false;
                }
                PUSH(sc, nums, nnums, capnums, d);
                /* the year brackets are the number's, not the text's */
                skip_close = d.cb;
                i = u8_next(s, n, i, &cp);
                continue;
            }
        }
        if (i == skip_close) {
            skip_close = SIZE_MAX;
            i = nx;
            continue;
        }
        int po = pair_of_open(cp);
        if (po >= 0) {
            if (cp == CP_TITLE_OPEN && depth == 0 && operator_bracket(s, n, i)) {
                i = nx;
                continue;
            }
            long ti = -1;
            if (cp == CP_TITLE_OPEN) {
                title_occ to = {t, field_key, pblint_text_map(t, i, 3).start, i, nx, n, false};
                PUSH(sc, titles, ntitles, captitles, to);
                ti = (long)sc->ntitles - 1;
            }
            if (depth < STACK_MAX)
                stk[depth++] = (open_br){cp, i, ti};
            else
                overflow = true;
            i = nx;
            continue;
        }
        int pc = pair_of_close(cp);
        if (pc >= 0 && !overflow) {
            uint32_t want = PAIRS[pc].open;
            size_t k = depth;
            while (k > 0 && stk[k - 1].cp != want)
                k--;
            if (k == 0) {
                bool skip = (cp == ')' && enumerator_close(s, i)) ||
                            (cp == CP_TITLE_CLOSE && operator_bracket(s, n, i));
                if (!skip) {
                    bracket_issue bi = {t, pblint_text_map(t, i, nx - i).start, i, cp, false,
                                        where};
                    PUSH(sc, br, nbr, capbr, bi);
                }
            } else {
                /* the brackets opened after the match were never closed */
                for (size_t q = k; q < depth; q++) {
                    size_t l = stk[q].cp < 0x80 ? 1 : 3;
                    bracket_issue bi = {t, pblint_text_map(t, stk[q].off, l).start, stk[q].off,
                                        stk[q].cp, true, where};
                    PUSH(sc, br, nbr, capbr, bi);
                }
                if (want == CP_TITLE_OPEN && stk[k - 1].title >= 0) {
                    title_occ *to = &sc->titles[stk[k - 1].title];
                    to->e = i;
                    to->closed = true;
                    last_closed = stk[k - 1].title;
                    last_close_end = nx;
                }
                depth = k - 1;
            }
        }
        i = nx;
    }
    if (sc->oom)
        return;
    if (!overflow)
        for (size_t q = 0; q < depth; q++) {
            size_t l = stk[q].cp < 0x80 ? 1 : 3;
            bracket_issue bi = {t, pblint_text_map(t, stk[q].off, l).start, stk[q].off, stk[q].cp,
                                true, where};
            PUSH(sc, br, nbr, capbr, bi);
        }
    /* an unclosed title ends where the next one starts */
    for (size_t q = first_title; q < sc->ntitles; q++) {
        title_occ *to = &sc->titles[q];
        if (to->closed)
            continue;
        to->e = q + 1 < sc->ntitles ? sc->titles[q + 1].open : n;
        if (to->e < to->s)
            to->e = to->s;
    }
}

static int src_cmp_num(const void *a, const void *b)
{
    const docnum *x = a, *y = b;
    return x->src < y->src ? -1 : x->src > y->src;
}

static int src_cmp_br(const void *a, const void *b)
{
    const bracket_issue *x = a, *y = b;
    return x->src < y->src ? -1 : x->src > y->src;
}

static int src_cmp_title(const void *a, const void *b)
{
    const title_occ *x = a, *y = b;
    return x->src < y->src ? -1 : x->src > y->src;
}

static void scan_free(scan *sc)
{
    free(sc->nums);
    free(sc->br);
    free(sc->titles);
}

/* Scans every text of the model; then sorts each list by source offset and
 * drops what was seen twice. */
static int scan_doc(const pblint_doc *doc, scan *sc)
{
    memset(sc, 0, sizeof *sc);
    size_t np = pblint_doc_paragraph_count(doc);
    for (size_t i = 0; i < np; i++) {
        const char *key = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
        scan_text(sc, t, key, key ? 1 : 2);
    }
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            size_t nc = pblint_row_cell_count(r);
            for (size_t ci = 0; ci < nc; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                /* numbers and check boxes cite nothing: skip them unread
                 * (the 1,000,000-row breakdown is mostly such cells) */
                switch (pblint_cell_role(c)) {
                case PBLINT_COL_AMOUNT: case PBLINT_COL_UNIT_PRICE: case PBLINT_COL_QUANTITY:
                case PBLINT_COL_WEIGHT: case PBLINT_COL_SCORE: case PBLINT_COL_SEQ:
                case PBLINT_COL_STAGE: case PBLINT_COL_OPERATOR: case PBLINT_COL_BUDGET_INITIAL:
                case PBLINT_COL_BUDGET: case PBLINT_COL_EXECUTED: case PBLINT_COL_RATE:
                    continue;
                default:
                    break;
                }
                scan_text(sc, pblint_cell_text(c), NULL, 0);
            }
        }
    }
    if (sc->oom) {
        scan_free(sc);
        memset(sc, 0, sizeof *sc);
        return PBLINT_ENOMEM;
    }
    /* titles first: numbers hold offsets, not indexes, so the order is free */
    if (sc->nnums > 1)
        qsort(sc->nums, sc->nnums, sizeof *sc->nums, src_cmp_num);
    if (sc->nbr > 1)
        qsort(sc->br, sc->nbr, sizeof *sc->br, src_cmp_br);
    if (sc->ntitles > 1)
        qsort(sc->titles, sc->ntitles, sizeof *sc->titles, src_cmp_title);
    size_t u = 0;
    for (size_t i = 0; i < sc->nnums; i++)
        if (u == 0 || sc->nums[u - 1].src != sc->nums[i].src)
            sc->nums[u++] = sc->nums[i];
    sc->nnums = u;
    u = 0;
    for (size_t i = 0; i < sc->nbr; i++)
        if (u == 0 || sc->br[u - 1].src != sc->br[i].src)
            sc->br[u++] = sc->br[i];
    sc->nbr = u;
    u = 0;
    for (size_t i = 0; i < sc->ntitles; i++)
        if (u == 0 || sc->titles[u - 1].src != sc->titles[i].src)
            sc->titles[u++] = sc->titles[i];
    sc->ntitles = u;
    return 0;
}

/* The scan of every text for all that the rules read (numbers, titles,
 * brackets), made once per document and shared by the plugin's rules
 * (pblint_check_shared()): what a text yields depends on that text alone,
 * so each rule finds in it exactly what a scan of its own would give. */
static const char SCAN_KEY; /* its address names the shared scan */

static void scan_shared_free(void *p)
{
    scan_free(p);
    free(p);
}

static int scan_shared(pblint_check *chk, const pblint_doc *doc, const scan **out)
{
    scan *sc = pblint_check_shared(chk, &SCAN_KEY);
    if (!sc) {
        sc = malloc(sizeof *sc);
        if (!sc)
            return PBLINT_ENOMEM;
        int rc = scan_doc(doc, sc);
        if (rc) {
            free(sc);
            return rc;
        }
        if (pblint_check_set_shared(chk, &SCAN_KEY, sc, scan_shared_free) != 0)
            return PBLINT_ENOMEM;
    }
    *out = sc;
    return 0;
}

/* ------------------------------------------------- number formatting */

/* The raw source of a span when it is plain (no markup, one line), else
 * the normalised text; into buf. */
static const char *as_written(const pblint_doc *doc, const pblint_text *t, size_t off, size_t len,
                              char *buf, size_t size)
{
    size_t n = 0;
    const char *s = pblint_text_str(t, &n);
    pblint_span sp = pblint_text_map(t, off, len);
    size_t rl = 0;
    const char *raw = pblint_doc_slice(doc, sp, &rl);
    if (raw && rl > 0 && rl < size && !memchr(raw, '<', rl) && !memchr(raw, '\n', rl) &&
        !memchr(raw, '&', rl)) {
        memcpy(buf, raw, rl);
        buf[rl] = '\0';
        return buf;
    }
    return clip(s + off, len, 60, buf, size);
}

/* The number in standard form: 代字〔YYYY〕N号. */
static const char *standard_form(const docnum *d, char *buf, size_t size)
{
    size_t n = 0;
    const char *s = pblint_text_str(d->t, &n);
    size_t z = 0;
    while (z + 1 < d->ser_len && s[d->ser_off + z] == '0')
        z++;
    snprintf(buf, size, "%.*s〔%.*s〕%.*s号", (int)(d->ob - d->start), s + d->start,
             (int)d->year_len, s + d->year_off, (int)(d->ser_len - z), s + d->ser_off + z);
    return buf;
}

/* Whether the source of [off, off+len) of t is exactly one of the strings. */
static bool source_is(const pblint_doc *doc, pblint_span sp, const char *const *alts, size_t nalt)
{
    size_t rl = 0;
    const char *raw = pblint_doc_slice(doc, sp, &rl);
    if (!raw)
        return false;
    for (size_t i = 0; i < nalt; i++)
        if (strlen(alts[i]) == rl && memcmp(raw, alts[i], rl) == 0)
            return true;
    return false;
}

static const char *const OPEN_FORMS[] = {"【", "[", "［", "(", "（", "〈", "〖", "{", "｛", "〔",
                                         "﹝", "〘"};
static const char *const CLOSE_FORMS[] = {"】", "]", "］", ")", "）", "〉", "〗", "}", "｝", "〕",
                                          "﹞", "〙"};

static int check_doc_number_format(pblint_check *chk, const pblint_doc *doc)
{
    const scan *sc = NULL;
    int rc = scan_shared(chk, doc, &sc);
    if (rc)
        return rc;
    for (size_t i = 0; i < sc->nnums; i++) {
        const docnum *d = &sc->nums[i];
        size_t n = 0;
        const char *s = pblint_text_str(d->t, &n);
        bool brackets = d->ob_cp != CP_HEX_OPEN || d->cb_cp != CP_HEX_CLOSE;
        bool di = d->di != SIZE_MAX;
        bool zeros = d->ser_len > 1 && s[d->ser_off] == '0';
        bool short_year = d->year_len != 4;
        if (!brackets && !di && !zeros && !short_year)
            continue;
        char what[256];
        size_t wl = 0;
        const char *parts[4];
        char bq[96];
        size_t np = 0;
        if (brackets) {
            char ob[16], cb[16];
            uint32_t c;
            as_written(doc, d->t, d->ob, u8_next(s, n, d->ob, &c) - d->ob, ob, sizeof ob);
            as_written(doc, d->t, d->cb, u8_next(s, n, d->cb, &c) - d->cb, cb, sizeof cb);
            snprintf(bq, sizeof bq, "puts the year in %s%s instead of 〔〕", ob, cb);
            parts[np++] = bq;
        }
        if (short_year)
            parts[np++] = "gives the year in two digits, not in full";
        if (di)
            parts[np++] = "writes 第 before the serial number";
        if (zeros)
            parts[np++] = "pads the serial number with zeros";
        what[0] = '\0';
        for (size_t k = 0; k < np; k++) {
            int w = snprintf(what + wl, sizeof what - wl, "%s%s",
                             k == 0 ? "" : k + 1 == np ? " and " : ", ", parts[k]);
            if (w > 0 && (size_t)w < sizeof what - wl)
                wl += (size_t)w;
        }
        char q[160], std[160];
        const char *written = as_written(doc, d->t, d->start, d->end - d->start, q, sizeof q);
        pblint_span sp = pblint_text_map(d->t, d->start, d->end - d->start);
        pblint_diag *dg;
        if (short_year) {
            dg = pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                               "document number '%s' %s (GB/T 9704-2012 §7.2.5)", written, what);
            continue;
        }
        dg = pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                           "document number '%s' %s (GB/T 9704-2012 §7.2.5): write %s", written,
                           what, standard_form(d, std, sizeof std));
        if (!dg)
            continue;
        /* The fix: only when every edit lands on exactly what it replaces. */
        pblint_span e_ob = {0, 0}, e_cb = {0, 0}, e_di = {0, 0}, e_z = {0, 0};
        bool ok = true;
        uint32_t c;
        if (d->ob_cp != CP_HEX_OPEN) {
            e_ob = pblint_text_map(d->t, d->ob, u8_next(s, n, d->ob, &c) - d->ob);
            ok = ok && source_is(doc, e_ob, OPEN_FORMS, ARRAY_LEN(OPEN_FORMS));
        }
        if (d->cb_cp != CP_HEX_CLOSE) {
            e_cb = pblint_text_map(d->t, d->cb, u8_next(s, n, d->cb, &c) - d->cb);
            ok = ok && source_is(doc, e_cb, CLOSE_FORMS, ARRAY_LEN(CLOSE_FORMS));
        }
        if (di) {
            static const char *const DI[] = {"第"};
            e_di = pblint_text_map(d->t, d->di, 3);
            ok = ok && source_is(doc, e_di, DI, 1);
        }
        if (zeros) {
            size_t z = 0;
            while (z + 1 < d->ser_len && s[d->ser_off + z] == '0')
                z++;
            e_z = pblint_text_map(d->t, d->ser_off, z);
            size_t rl = 0;
            const char *raw = pblint_doc_slice(doc, e_z, &rl);
            for (size_t k = 0; ok && raw && k < rl; k++)
                ok = raw[k] == '0' || (unsigned char)raw[k] >= 0x80; /* ０ is 3 bytes */
            ok = ok && raw && rl > 0;
        }
        if (!ok)
            continue;
        if (d->ob_cp != CP_HEX_OPEN)
            pblint_diag_add_fixit(dg, e_ob, "〔");
        if (d->cb_cp != CP_HEX_CLOSE)
            pblint_diag_add_fixit(dg, e_cb, "〕");
        if (di)
            pblint_diag_add_fixit(dg, e_di, "");
        if (zeros)
            pblint_diag_add_fixit(dg, e_z, "");
    }
    return 0;
}

/* -------------------------------------------------- citation records */

typedef struct cite {
    const docnum *d;
    char *title;  /* key form (no spaces) */
    char *num;    /* 代字|year|serial */
    size_t order; /* position in the filing */
} cite;

static int cite_cmp_title(const void *a, const void *b)
{
    const cite *x = a, *y = b;
    int c = strcmp(x->title, y->title);
    if (c)
        return c;
    c = strcmp(x->num, y->num);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int cite_cmp_num(const void *a, const void *b)
{
    const cite *x = a, *y = b;
    int c = strcmp(x->num, y->num);
    if (c)
        return c;
    c = strcmp(x->title, y->title);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static char *key_of(const char *s, size_t a, size_t b)
{
    char *k = malloc(b - a + 1);
    if (!k)
        return NULL;
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ')
            k[n++] = s[i];
    k[n] = '\0';
    return k;
}

static char *num_key(const docnum *d)
{
    size_t n = 0;
    const char *s = pblint_text_str(d->t, &n);
    size_t z = 0;
    while (z + 1 < d->ser_len && s[d->ser_off + z] == '0')
        z++;
    size_t len = (d->ob - d->start) + d->year_len + (d->ser_len - z) + 3;
    char *k = malloc(len);
    if (!k)
        return NULL;
    snprintf(k, len, "%.*s|%.*s|%.*s", (int)(d->ob - d->start), s + d->start, (int)d->year_len,
             s + d->year_off, (int)(d->ser_len - z), s + d->ser_off + z);
    return k;
}

/* A group of equal keys [a, b) split into variants by the other key.  For
 * each variant: count and first citation. */
typedef struct variant {
    size_t count;
    const cite *first;
} variant;

/* The differing middle of two strings, with a little context. */
static void diff_parts(const char *a, const char *b, char *da, size_t sa, char *db, size_t sb)
{
    size_t al = strlen(a), bl = strlen(b);
    size_t p = 0;
    while (p < al && p < bl && a[p] == b[p])
        p++;
    while (p > 0 && ((unsigned char)a[p] & 0xc0u) == 0x80u)
        p--;
    size_t q = 0;
    while (q < al - p && q < bl - p && a[al - 1 - q] == b[bl - 1 - q])
        q++;
    while (q > 0 && ((unsigned char)a[al - q] & 0xc0u) == 0x80u)
        q--;
    /* 4 code points of context on each side */
    size_t ps = p, k = 0;
    while (ps > 0 && k < 4) {
        ps = u8_prev(a, ps);
        k++;
    }
    size_t ae = al - q, be = bl - q;
    size_t ax = ae, bx = be;
    for (k = 0; k < 2 && ax < al; k++) {
        uint32_t cp;
        ax = u8_next(a, al, ax, &cp);
    }
    for (k = 0; k < 2 && bx < bl; k++) {
        uint32_t cp;
        bx = u8_next(b, bl, bx, &cp);
    }
    snprintf(da, sa, "%s%.*s%s", ps > 0 ? "…" : "", (int)(ax - ps), a + ps, ax < al ? "…" : "");
    snprintf(db, sb, "%s%.*s%s", ps > 0 ? "…" : "", (int)(bx - ps), b + ps, bx < bl ? "…" : "");
}

/* Reports each variant of a group but the most common one. by_title: the
 * group shares a title and the numbers differ (else the reverse). */
static void report_variants(pblint_check *chk, const pblint_doc *doc, cite *g, size_t n,
                            bool by_title)
{
    /* variants: runs of equal "other" keys (the group is sorted by it) */
    size_t nv = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(by_title ? g[i].num : g[i].title,
                             by_title ? g[i - 1].num : g[i - 1].title) != 0)
            nv++;
    if (nv < 2)
        return;
    variant *v = calloc(nv, sizeof *v);
    if (!v)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(by_title ? g[i].num : g[i].title,
                            by_title ? g[i - 1].num : g[i - 1].title) != 0)
            k++;
        if (v[k].count++ == 0 || g[i].order < v[k].first->order)
            v[k].first = &g[i];
    }
    /* the reference: the most common variant, the first cited on a tie */
    size_t ref = 0;
    for (size_t i = 1; i < nv; i++)
        if (v[i].count > v[ref].count ||
            (v[i].count == v[ref].count && v[i].first->order < v[ref].first->order))
            ref = i;
    const docnum *rd = v[ref].first->d;
    size_t rn = 0;
    const char *rs = pblint_text_str(rd->t, &rn);
    for (size_t i = 0; i < nv; i++) {
        if (i == ref)
            continue;
        const docnum *d = v[i].first->d;
        size_t sn = 0;
        const char *s = pblint_text_str(d->t, &sn);
        char q1[160], q2[160], q3[160], da[200], db[200];
        if (by_title) {
            pblint_span sp = pblint_text_map(d->t, d->start, d->end - d->start);
            pblint_span rsp = pblint_text_map(rd->t, rd->start, rd->end - rd->start);
            /* what differs: the 代字, the year or the serial number */
            const char *how;
            size_t ol = d->ob - d->start, rol = rd->ob - rd->start;
            bool org = ol != rol || memcmp(s + d->start, rs + rd->start, ol) != 0;
            bool year = d->year_len != rd->year_len ||
                        memcmp(s + d->year_off, rs + rd->year_off, d->year_len) != 0;
            if (org && !year) {
                snprintf(da, sizeof da, "the 代字 differ (%.*s, %.*s)", (int)ol, s + d->start,
                         (int)rol, rs + rd->start);
                how = da;
            } else if (year && !org) {
                how = "the years differ";
            } else if (!org && !year) {
                how = "the serial numbers differ";
            } else {
                how = "the numbers differ";
            }
            pblint_diag *dg = pblint_report(
                chk, PBLINT_SEV_DEFAULT, sp,
                "《%s》 is cited as %s here but as %s elsewhere (%zu time%s, first at line %u): %s; "
                "one of them is wrong",
                clip(s + d->title_s, d->title_e - d->title_s, 40, q1, sizeof q1),
                as_written(doc, d->t, d->start, d->end - d->start, q2, sizeof q2),
                as_written(doc, rd->t, rd->start, rd->end - rd->start, q3, sizeof q3),
                v[ref].count, v[ref].count == 1 ? "" : "s", line_of(doc, rsp.start), how);
            if (dg)
                pblint_diag_add_note(dg, rsp, "cited as %s here",
                                     as_written(doc, rd->t, rd->start, rd->end - rd->start, q3,
                                                sizeof q3));
        } else {
            pblint_span sp = pblint_text_map(d->t, d->title_s, d->title_e - d->title_s);
            pblint_span rsp = pblint_text_map(rd->t, rd->title_s, rd->title_e - rd->title_s);
            char *ta = key_of(s, d->title_s, d->title_e);
            char *tb = key_of(rs, rd->title_s, rd->title_e);
            if (ta && tb) {
                diff_parts(ta, tb, da, sizeof da, db, sizeof db);
                pblint_diag *dg = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, sp,
                    "document %s is titled '%s' here but '%s' elsewhere (%zu time%s, first at "
                    "line %u): the same document under two titles",
                    as_written(doc, d->t, d->start, d->end - d->start, q2, sizeof q2), da, db,
                    v[ref].count, v[ref].count == 1 ? "" : "s", line_of(doc, rsp.start));
                if (dg)
                    pblint_diag_add_note(dg, rsp, "titled 《%s》 here",
                                         clip(rs + rd->title_s, rd->title_e - rd->title_s, 60, q1,
                                              sizeof q1));
            }
            free(ta);
            free(tb);
        }
    }
    free(v);
}

static int check_citation_inconsistent(pblint_check *chk, const pblint_doc *doc)
{
    const scan *sc = NULL;
    int rc = scan_shared(chk, doc, &sc);
    if (rc)
        return rc;
    cite *c = calloc(sc->nnums ? sc->nnums : 1, sizeof *c);
    size_t n = 0;
    if (!c) {
        return PBLINT_ENOMEM;
    }
    for (size_t i = 0; i < sc->nnums && rc == 0; i++) {
        const docnum *d = &sc->nums[i];
        if (!d->has_title || d->ob == d->start)
            continue; /* no title, or no 代字 to compare */
        size_t sn = 0;
        const char *s = pblint_text_str(d->t, &sn);
        size_t te = d->title_e;
        while (te > d->title_s && s[te - 1] == ' ')
            te--;
        if (te <= d->title_s)
            continue;
        c[n].d = d;
        c[n].title = key_of(s, d->title_s, te);
        c[n].num = num_key(d);
        c[n].order = i; /* nums are sorted by source offset */
        if (!c[n].title || !c[n].num) {
            rc = PBLINT_ENOMEM;
            n++;
            break;
        }
        n++;
    }
    if (rc == 0 && n > 1) {
        qsort(c, n, sizeof *c, cite_cmp_title);
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && strcmp(c[j].title, c[i].title) == 0)
                j++;
            report_variants(chk, doc, c + i, j - i, true);
            i = j;
        }
        qsort(c, n, sizeof *c, cite_cmp_num);
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && strcmp(c[j].num, c[i].num) == 0)
                j++;
            report_variants(chk, doc, c + i, j - i, false);
            i = j;
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(c[i].title);
        free(c[i].num);
    }
    free(c);
    return rc;
}

/* ---------------------------------------------------- bracket balance */

static int check_bracket_balance(pblint_check *chk, const pblint_doc *doc)
{
    const scan *sc = NULL;
    int rc = scan_shared(chk, doc, &sc);
    if (rc)
        return rc;
    static const char *const WHERE[] = {"cell", "field", "paragraph"};
    for (size_t i = 0; i < sc->nbr; i++) {
        const bracket_issue *b = &sc->br[i];
        size_t n = 0;
        const char *s = pblint_text_str(b->t, &n);
        uint32_t c;
        size_t l = u8_next(s, n, b->off, &c) - b->off;
        pblint_span sp = pblint_text_map(b->t, b->off, l);
        char q[160];
        int po = b->unclosed ? pair_of_open(b->cp) : pair_of_close(b->cp);
        if (po < 0)
            continue;
        char open[8] = {0}, close[8] = {0};
        uint32_t oc = PAIRS[po].open, cc = PAIRS[po].close;
        /* the brackets as characters (full-width forms for the ASCII ones) */
        if (oc == '(') {
            strcpy(open, "（");
            strcpy(close, "）");
        } else if (oc == '[') {
            strcpy(open, "［");
            strcpy(close, "］");
        } else {
            open[0] = (char)(0xe0 | (oc >> 12));
            open[1] = (char)(0x80 | ((oc >> 6) & 0x3f));
            open[2] = (char)(0x80 | (oc & 0x3f));
            close[0] = (char)(0xe0 | (cc >> 12));
            close[1] = (char)(0x80 | ((cc >> 6) & 0x3f));
            close[2] = (char)(0x80 | (cc & 0x3f));
        }
        char br[16];
        as_written(doc, b->t, b->off, l, br, sizeof br);
        /* written in ASCII: name the ASCII partner */
        if (strcmp(br, "(") == 0 || strcmp(br, ")") == 0) {
            strcpy(open, "(");
            strcpy(close, ")");
        } else if (strcmp(br, "[") == 0 || strcmp(br, "]") == 0) {
            strcpy(open, "[");
            strcpy(close, "]");
        }
        if (b->unclosed) {
            size_t e = b->off, k = 0;
            while (e < n && k < 16) {
                e = u8_next(s, n, e, &c);
                k++;
            }
            as_written(doc, b->t, b->off, e - b->off, q, sizeof q - 4);
            if (e < n)
                strcat(q, "…");
            pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                          "'%s' is never closed: '%s' has no matching '%s' in this %s", br, q,
                          close, WHERE[b->where]);
        } else {
            size_t a = b->off + l, k = 0;
            while (a > 0 && k < 16) {
                a = u8_prev(s, a);
                k++;
            }
            char w[120];
            as_written(doc, b->t, a, b->off + l - a, w, sizeof w);
            snprintf(q, sizeof q, "%s%s", a > 0 ? "…" : "", w);
            pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                          "'%s' closes nothing: '%s' has no '%s' before it in this %s", br, q, open,
                          WHERE[b->where]);
        }
    }
    return 0;
}

/* ------------------------------------------- number inside the title */

static int check_number_inside_title(pblint_check *chk, const pblint_doc *doc)
{
    const scan *sc = NULL;
    int rc = scan_shared(chk, doc, &sc);
    if (rc)
        return rc;
    static const char *const LP[] = {"(", "（"};
    static const char *const TC[] = {"》"};
    for (size_t i = 0; i < sc->nnums; i++) {
        const docnum *d = &sc->nums[i];
        if (!d->inside)
            continue;
        size_t n = 0;
        const char *s = pblint_text_str(d->t, &n);
        pblint_span sp = pblint_text_map(d->t, d->lp, d->rp + 1 - d->lp);
        char q1[160], q2[160];
        pblint_diag *dg = pblint_report(
            chk, PBLINT_SEV_DEFAULT, sp,
            "the document number %s is written inside the title's 《》: cite the title first, "
            "then the number, as 《%s》（%s）",
            as_written(doc, d->t, d->start, d->end - d->start, q1, sizeof q1),
            clip_tail(s + d->title_s, d->title_e - d->title_s, 12, q2, sizeof q2),
            as_written(doc, d->t, d->start, d->end - d->start, q1, sizeof q1));
        if (!dg)
            continue;
        pblint_span lp = pblint_text_map(d->t, d->lp, 1);
        pblint_span tc = pblint_text_map(d->t, d->tc, 3);
        if (source_is(doc, lp, LP, 2) && source_is(doc, tc, TC, 1)) {
            pblint_diag_add_fixit(dg, (pblint_span){lp.start, lp.start}, "》");
            pblint_diag_add_fixit(dg, tc, "");
        }
    }
    return 0;
}

/* ------------------------------------------------ stale annual basis */

static const char *const BASIS_FIELDS[] = {"basis", NULL};
static const char *const ANNUAL_WORDS[] = {"工作计划", "工作要点", "工作安排", "重点工作",
                                           "工作任务", "年度计划", "年度工作", "实施计划", "年度",
                                           NULL};
static const char *const MULTI_YEAR_WORDS[] = {"三年", "五年", "规划", "十三五", "十四五",
                                               "十五五", "中长期", NULL};

/* The single year a title is for ("2016年…工作计划"), 0 if none or a range. */
static int title_year(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if (!(is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3])))
            continue;
        if (i > 0 && is_digit(s[i - 1]))
            continue;
        if (i + 4 < n && is_digit(s[i + 4]))
            continue;
        if (!((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')))
            continue;
        /* part of a range: 2018-2020, 2018—2020年, 2018至2020年 */
        size_t j = i + 4;
        uint32_t next = cp_at(s, n, j);
        uint32_t prev = i > 0 ? cp_at(s, n, u8_prev(s, i)) : 0;
        if (next == '-' || next == 0x2014 || next == 0x2013 || next == '~' || next == 0x81f3 ||
            prev == '-' || prev == 0x2014 || prev == 0x2013 || prev == '~' || prev == 0x81f3)
            return 0;
        if (next != 0x5e74 /* 年 */)
            continue;
        return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
               (s[i + 3] - '0');
    }
    return 0;
}

static int check_stale_annual_basis(pblint_check *chk, const pblint_doc *doc)
{
    pblint_span ysp = {0, 0};
    int year = pblint_doc_year(doc, &ysp);
    if (year <= 0)
        return 0;
    long max_age = pblint_check_option_int(chk, "max-age", 2);
    str_list fields, annual, multi;
    list_load(chk, "fields", BASIS_FIELDS, &fields);
    list_load(chk, "annual-words", ANNUAL_WORDS, &annual);
    list_load(chk, "multi-year-words", MULTI_YEAR_WORDS, &multi);
    const scan *sc = NULL;
    int rc = scan_shared(chk, doc, &sc);
    if (rc)
        return rc;
    for (size_t i = 0; i < sc->ntitles; i++) {
        const title_occ *to = &sc->titles[i];
        if (!to->field_key || !list_has_str(&fields, to->field_key))
            continue;
        size_t n = 0;
        const char *s = pblint_text_str(to->t, &n);
        size_t e = to->e;
        const char *ts = s + to->s;
        size_t tl = e - to->s;
        int ty = title_year(ts, tl);
        if (ty <= 0 || year - ty < max_age)
            continue;
        if (!list_find_in(&annual, ts, tl) || list_find_in(&multi, ts, tl))
            continue;
        /* cut "(闵住联办【2016】4号)" off the end for the message */
        size_t show = tl;
        for (size_t k = tl; k > 0; k--)
            if (ts[k - 1] == '(') {
                if (has_sub(ts + k, tl - k, "号"))
                    show = k - 1;
                break;
            }
        char q[200];
        pblint_span sp = pblint_text_map(to->t, to->open, (to->closed ? e + 3 : e) - to->open);
        pblint_diag *dg = pblint_report(
            chk, PBLINT_SEV_DEFAULT, sp,
            "the 立项依据 cites 《%s》, an annual document for %d, %d years before this %d filing: "
            "cite the plan in force for %d",
            clip(ts, show, 40, q, sizeof q), ty, year - ty, year, year);
        if (dg && ysp.end > ysp.start)
            pblint_diag_add_note(dg, ysp, "the filing is for %d", year);
    }
    return 0;
}

/* ------------------------------------------ project name across sheets */

static const char *const NAME_FIELDS[] = {"project_name", NULL};

typedef struct name_occ {
    const pblint_text *t;
    const char *key;
    size_t keylen;
    const char *raw; /* the source from the first to the last character */
    size_t rawlen;
    pblint_span span;
    size_t order;
} name_occ;

static int name_cmp(const void *a, const void *b)
{
    const name_occ *x = a, *y = b;
    size_t m = x->keylen < y->keylen ? x->keylen : y->keylen;
    int c = memcmp(x->key, y->key, m);
    if (c)
        return c;
    if (x->keylen != y->keylen)
        return x->keylen < y->keylen ? -1 : 1;
    m = x->rawlen < y->rawlen ? x->rawlen : y->rawlen;
    c = memcmp(x->raw, y->raw, m);
    if (c)
        return c;
    if (x->rawlen != y->rawlen)
        return x->rawlen < y->rawlen ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int name_order_cmp(const void *a, const void *b)
{
    const name_occ *x = *(const name_occ *const *)a, *y = *(const name_occ *const *)b;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool same_key(const name_occ *a, const name_occ *b)
{
    return a->keylen == b->keylen && memcmp(a->key, b->key, a->keylen) == 0;
}

static bool same_raw(const name_occ *a, const name_occ *b)
{
    return a->rawlen == b->rawlen && memcmp(a->raw, b->raw, a->rawlen) == 0;
}

static bool raw_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xa0;
}

/* How two raw forms of one name differ: the character pairs (up to 3) and
 * whether the spacing differs. */
static void width_diff(const char *a, size_t al, const char *b, size_t bl, char *out, size_t size)
{
    char pairs[160];
    size_t pl = 0, np = 0;
    pairs[0] = '\0';
    size_t i = 0, j = 0;
    bool spacing = false;
    while (i < al || j < bl) {
        uint32_t ca = 0, cb = 0;
        size_t ni = i < al ? u8_next(a, al, i, &ca) : i;
        size_t nj = j < bl ? u8_next(b, bl, j, &cb) : j;
        if (i < al && raw_space(ca)) {
            if (!(j < bl && raw_space(cb)))
                spacing = true;
            i = ni;
            if (j < bl && raw_space(cb))
                j = nj;
            continue;
        }
        if (j < bl && raw_space(cb)) {
            spacing = true;
            j = nj;
            continue;
        }
        if (i >= al || j >= bl)
            break;
        if (ca != cb && np < 3) {
            bool dup = false;
            /* one mention per pair */
            char pb[32];
            snprintf(pb, sizeof pb, "'%.*s' for '%.*s'", (int)(ni - i), a + i, (int)(nj - j),
                     b + j);
            dup = strstr(pairs, pb) != NULL;
            if (!dup) {
                int w = snprintf(pairs + pl, sizeof pairs - pl, "%s%s", np ? ", " : "", pb);
                if (w > 0 && (size_t)w < sizeof pairs - pl) {
                    pl += (size_t)w;
                    np++;
                }
            }
        }
        i = ni;
        j = nj;
    }
    if (np && spacing)
        snprintf(out, size, "%s, and the spacing", pairs);
    else if (np)
        snprintf(out, size, "%s", pairs);
    else
        snprintf(out, size, "the spacing");
}

static int check_project_name(pblint_check *chk, const pblint_doc *doc)
{
    str_list keys;
    list_load(chk, "fields", NAME_FIELDS, &keys);
    size_t nf = pblint_doc_field_count(doc);
    name_occ *v = calloc(nf ? nf : 1, sizeof *v);
    if (!v)
        return PBLINT_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (!list_has_str(&keys, pblint_field_key(f)))
            continue;
        const pblint_text *t = pblint_field_text(f);
        size_t len = 0, kl = 0;
        pblint_text_str(t, &len);
        const char *k = pblint_text_key(t, &kl);
        if (kl == 0)
            continue;
        pblint_span sp = pblint_text_map(t, 0, len);
        size_t rl = 0;
        const char *raw = pblint_doc_slice(doc, sp, &rl);
        v[n++] = (name_occ){t, k, kl, raw ? raw : "", raw ? rl : 0, sp, i};
    }
    if (n < 2) {
        free(v);
        return 0;
    }
    qsort(v, n, sizeof *v, name_cmp);
    /* the reference: the most common name, then its most common spelling;
     * the first in the filing on a tie */
    size_t best = 0, best_count = 0, best_order = SIZE_MAX;
    for (size_t i = 0; i < n;) {
        size_t j = i, first = SIZE_MAX, fi = i;
        while (j < n && same_key(&v[j], &v[i])) {
            if (v[j].order < first) {
                first = v[j].order;
                fi = j;
            }
            j++;
        }
        if (j - i > best_count || (j - i == best_count && first < best_order)) {
            best = fi;
            best_count = j - i;
            best_order = first;
        }
        i = j;
    }
    size_t rraw = best, rcount = 0, rorder = SIZE_MAX;
    for (size_t i = 0; i < n;) {
        size_t j = i, first = SIZE_MAX, fi = i;
        while (j < n && same_key(&v[j], &v[i]) && same_raw(&v[j], &v[i])) {
            if (v[j].order < first) {
                first = v[j].order;
                fi = j;
            }
            j++;
        }
        if (same_key(&v[i], &v[best]) &&
            (j - i > rcount || (j - i == rcount && first < rorder))) {
            rraw = fi;
            rcount = j - i;
            rorder = first;
        }
        i = j;
    }
    const name_occ *ref = &v[rraw];
    /* report in filing order */
    name_occ **ord = calloc(n, sizeof *ord);
    if (!ord) {
        free(v);
        return PBLINT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ord[i] = &v[i];
    if (n > 1)
        qsort(ord, n, sizeof *ord, name_order_cmp);
    size_t rn = 0;
    pblint_text_str(ref->t, &rn);
    for (size_t i = 0; i < n; i++) {
        const name_occ *o = ord[i];
        if (o == ref)
            continue;
        size_t sn = 0;
        pblint_text_str(o->t, &sn);
        char q1[200], q2[200], how[240];
        if (!same_key(o, ref)) {
            char ka[512], kb[512], da[200], db[200];
            snprintf(ka, sizeof ka, "%.*s", (int)o->keylen, o->key);
            snprintf(kb, sizeof kb, "%.*s", (int)ref->keylen, ref->key);
            diff_parts(ka, kb, da, sizeof da, db, sizeof db);
            pblint_diag *dg = pblint_report(
                chk, PBLINT_SEV_DEFAULT, o->span,
                "项目名称 '%s' differs from '%s' given elsewhere in the filing (line %u): '%s' "
                "against '%s'",
                as_written(doc, o->t, 0, sn, q1, sizeof q1),
                as_written(doc, ref->t, 0, rn, q2, sizeof q2), line_of(doc, ref->span.start), da,
                db);
            if (dg)
                pblint_diag_add_note(dg, ref->span, "the name is given as '%s' here",
                                     as_written(doc, ref->t, 0, rn, q2, sizeof q2));
            continue;
        }
        if (same_raw(o, ref) || memchr(o->raw, '<', o->rawlen) || memchr(ref->raw, '<', ref->rawlen) ||
            memchr(o->raw, '&', o->rawlen) || memchr(ref->raw, '&', ref->rawlen))
            continue;
        width_diff(o->raw, o->rawlen, ref->raw, ref->rawlen, how, sizeof how);
        pblint_diag *dg = pblint_report(
            chk, PBLINT_SEV_NOTE, o->span,
            "项目名称 is written '%s' here but '%s' elsewhere (line %u): the same name with %s",
            clip(o->raw, o->rawlen, 40, q1, sizeof q1), clip(ref->raw, ref->rawlen, 40, q2, sizeof q2),
            line_of(doc, ref->span.start), how);
        if (dg)
            pblint_diag_add_note(dg, ref->span, "written '%s' here",
                                 clip(ref->raw, ref->rawlen, 40, q2, sizeof q2));
    }
    free(ord);
    free(v);
    return 0;
}

/* ------------------------------------------------------------- plugin */

static const pblint_rule_desc RULES[] = {
    {"doc-number-format",
     "a document number (发文字号) is not written 代字〔YYYY〕N号: wrong brackets, 第, or zeros",
     PBLINT_SEV_NOTE, check_doc_number_format, PBLINT_RULE_FIXABLE, {0}},
    {"doc-citation-inconsistent",
     "one document is cited with two different numbers, or under two different titles",
     PBLINT_SEV_WARNING, check_citation_inconsistent, 0, {0}},
    {"bracket-balance", "a bracket (《》, （）, 〔〕, 【】 ...) is not closed, or closes nothing",
     PBLINT_SEV_WARNING, check_bracket_balance, 0, {0}},
    {"doc-number-inside-title", "a document number is written inside the title's 《》",
     PBLINT_SEV_NOTE, check_number_inside_title, PBLINT_RULE_FIXABLE, {0}},
    {"stale-annual-basis",
     "the 立项依据 cites an annual plan of a year long before the filing's",
     PBLINT_SEV_NOTE, check_stale_annual_basis, 0, {0}},
    {"project-name-consistent", "the 项目名称 differs between the sheets of a filing",
     PBLINT_SEV_WARNING, check_project_name, 0, {0}},
};

static const pblint_plugin_desc PLUGIN = PBLINT_PLUGIN_DESC_INIT(
    "citations", "1.0.0",
    "Document numbers, citations, brackets and the project's name across the sheets", RULES);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &PLUGIN;
}

/*
 * duplicates — duplicated rows and copy-pasted text in a filing.
 *
 *   duplicates/duplicate-row              a table row that repeats an earlier row
 *   duplicates/duplicate-indicator        one 三级 indicator name twice in a table
 *   duplicates/repeated-phrase            a phrase written twice back to back
 *   duplicates/boilerplate-across-fields  a long passage pasted into several places
 *
 * Everything is compared in the model's normalised text (NFKC, markup removed,
 * spaces folded), never in the raw file.
 *
 * Complexity (n = size of the input):
 *   - rows: one key per row, hashed (FNV-1a 64) into an open-addressing table;
 *     a hash hit is confirmed by rebuilding and comparing both keys.  O(rows).
 *   - repeated-phrase: an adjacent repeat of length L is a run of >= L
 *     positions i with s[i] == s[i+L].  Such a run starts with a k-gram
 *     (k = the shortest repeat length) equal to the k-gram L code points
 *     later, so the k-grams are hashed and chained by hash, and only the
 *     distances at which two k-grams agree are extended into runs.
 *     O(n * max-length) time in the worst case ("的的的…"), about O(n) for
 *     prose; 4 bytes per byte of the longest text (8 when it repeats).
 *   - boilerplate: each long text is reduced to its letters (punctuation,
 *     spaces, 书名号 titles and filler characters dropped); k-gram hashes are
 *     winnowed (Schleimer et al. 2003) so that any common passage of
 *     min-length characters shares a fingerprint; each fingerprint keeps at
 *     most FP_CHAIN earlier occurrences, and a hit is extended character by
 *     character.  O(n) time and memory.
 */
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

typedef struct dbuf {
    char *p;
    size_t len, cap;
    bool fail;
} dbuf;

static void db_put(dbuf *b, const void *s, size_t n)
{
    if (b->fail)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->fail = true;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void db_putc(dbuf *b, char c)
{
    if (!b->fail && b->len + 2 <= b->cap) { /* the byte and the NUL fit: no call */
        b->p[b->len++] = c;
        b->p[b->len] = '\0';
        return;
    }
    db_put(b, &c, 1);
}

static void db_puts(dbuf *b, const char *s)
{
    db_put(b, s, strlen(s));
}

/* Cuts the buffer back to n bytes (0 empties it). */
static void db_truncate(dbuf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        if (b->p)
            b->p[n] = '\0';
    }
}

static const char *db_str(const dbuf *b)
{
    return b->p && !b->fail ? b->p : "";
}

/* Decodes one code point at s[i]; invalid bytes read as U+FFFD, one byte. */
static inline size_t u8_next(const char *s, size_t len, size_t i, uint32_t *out)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t left = len - i;
    uint32_t c = p[0];
    size_t n;
    if (c < 0x80) {
        *out = c;
        return 1;
    }
    /* the common case in Chinese text: a well-formed 3-byte sequence */
    if ((c & 0xF0) == 0xE0 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *out = ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        c &= 0x07;
    } else {
        *out = 0xFFFD;
        return 1;
    }
    if (n > left) {
        *out = 0xFFFD;
        return 1;
    }
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *out = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (p[k] & 0x3F);
    }
    *out = c;
    return n;
}

/* Decodes s[0, len) into out[], a code point per u8_next() step, and
 * returns how many: the same code points, read faster.  A run of
 * well-formed three-byte sequences (Chinese text) is read two at a time on
 * little-endian machines, and the length is kept in a register rather than
 * read back from memory each step. */
static size_t u8_decode(const char *s, size_t len, uint32_t *restrict out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* bytes 0 and 3 lead a three-byte sequence, 1, 2, 4, 5 continue */
            if ((w & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull)
                break;
            out[n] = (uint32_t)(((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F));
            out[n + 1] =
                (uint32_t)(((w >> 12) & 0xF000) | ((w >> 26) & 0xFC0) | ((w >> 40) & 0x3F));
            n += 2;
            i += 6;
        }
#endif
        i += u8_next(s, len, i, &out[n]);
        n++;
    }
    return n;
}

static size_t u8_count(const char *s, size_t len)
{
    size_t n = 0;
    uint32_t c;
    for (size_t i = 0; i < len; i += u8_next(s, len, i, &c))
        n++;
    return n;
}

static inline bool is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

static inline bool is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter, digit or ideograph: what is left of a text when punctuation,
 * symbols and spaces are dropped. */
static inline bool is_wordy(uint32_t c)
{
    if (c < 0x80)
        return is_ascii_alnum(c);
    if (is_han(c))
        return true;
    if (c >= 0xC0 && c < 0x2000)
        return c != 0xD7 && c != 0xF7;       /* Latin, Greek, Cyrillic ... */
    if (c >= 0x3040 && c <= 0x30FF)
        return c != 0x30FB;                  /* kana, not the middle dot */
    if (c >= 0xAC00 && c <= 0xD7AF)
        return true;                         /* hangul */
    if (c >= 0xFF10 && c <= 0xFF19)
        return true;                         /* full-width digits (NFKC folds them) */
    return c >= 0xFF21 && c <= 0xFF5A && !(c > 0xFF3A && c < 0xFF41);
}

/* Check marks and boxes in a text compare by meaning: √ ✓ ✔ ☑ ☒ all mean
 * "ticked", ☐ □ "not ticked". */
static int mark_kind(uint32_t c)
{
    switch (c) {
    case 0x221A: /* √ */
    case 0x2713: /* ✓ */
    case 0x2714: /* ✔ */
    case 0x2611: /* ☑ */
    case 0x2612: /* ☒ */
        return 1;
    case 0x2610: /* ☐ */
    case 0x25A1: /* □ */
        return 2;
    default:
        return 0;
    }
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* A row key's hash, eight bytes a step: it only picks the key's bucket in
 * find_dups(), which compares the keys themselves, so any hash finds the
 * same rows (a byte-a-step hash was slow on long prose cells). */
static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    for (; i < n; i++)
        w = w << 8 | (unsigned char)s[i];
    return mix64(h ^ w);
}


static unsigned line_of(const pblint_doc *doc, uint32_t off)
{
    unsigned line = 0, col = 0; /* in bytes: the cheap unit, and the line is the same */
    pblint_doc_position(doc, off, PBLINT_COLUMN_BYTE, &line, &col);
    return line;
}

/* True when a source slice holds nothing that normalisation hid (markup,
 * entities, bookmarks, tabs, line breaks), so deleting or quoting it is exact. */
static bool slice_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '<' || c == '>' || c == '&' || c == '[' || c == '\t' || c == '\n' || c == '\r')
            return false;
    }
    return true;
}

/* Appends at most max code points of s, then "…" if it was cut. */
static void put_clipped(dbuf *b, const char *s, size_t len, size_t max)
{
    size_t i = 0, n = 0;
    uint32_t c;
    while (i < len && n < max) {
        i += u8_next(s, len, i, &c);
        n++;
    }
    db_put(b, s, i);
    if (i < len)
        db_puts(b, "…");
}

/* Appends [off, off+len) of a text as the filing wrote it (the source
 * slice when it is plain text, else the normalised form), clipped. */
static void put_quote(dbuf *b, const pblint_doc *doc, const pblint_text *t, size_t off, size_t len,
                      size_t max)
{
    size_t tl = 0;
    const char *ts = pblint_text_str(t, &tl);
    if (off > tl)
        off = tl;
    if (len > tl - off)
        len = tl - off;
    size_t sl = 0;
    const char *src = pblint_doc_slice(doc, pblint_text_map(t, off, len), &sl);
    if (src && sl > 0 && slice_clean(src, sl))
        put_clipped(b, src, sl, max);
    else
        put_clipped(b, ts + off, len, max);
}

/* "开头一段…结尾一段": the start and end of a long passage. */
static void put_quote_ends(dbuf *b, const pblint_doc *doc, const pblint_text *t, size_t off,
                           size_t len, size_t each)
{
    size_t tl = 0;
    const char *ts = pblint_text_str(t, &tl);
    if (off > tl)
        off = tl;
    if (len > tl - off)
        len = tl - off;
    if (u8_count(ts + off, len) <= 2 * each + 2) {
        put_quote(b, doc, t, off, len, 2 * each + 2);
        return;
    }
    uint32_t c;
    size_t head = 0;
    for (size_t n = 0; n < each; n++)
        head += u8_next(ts + off, len, head, &c);
    /* the start of the last `each` code points */
    size_t pos[64], np = 0, i = 0;
    size_t ring = each < 64 ? each : 64;
    while (i < len) {
        pos[np % ring] = i;
        np++;
        i += u8_next(ts + off, len, i, &c);
    }
    size_t tail = pos[np % ring];
    put_quote(b, doc, t, off, head, each);
    db_puts(b, "…");
    put_quote(b, doc, t, off + tail, len - tail, each);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

static size_t opt_size(const pblint_check *chk, const char *key, long def, long lo, long hi)
{
    long v = pblint_check_option_int(chk, key, def);
    if (v < lo)
        v = lo;
    if (v > hi)
        v = hi;
    return (size_t)v;
}

/* True when `name` is an item of the list option `key` (or of `defaults`
 * when the option is unset). */
static bool opt_list_has(const pblint_check *chk, const char *key, const char *const *defaults,
                         const char *name)
{
    if (pblint_check_option(chk, key) || pblint_check_option_item(chk, key, 0)) {
        const char *it;
        for (size_t i = 0; (it = pblint_check_option_item(chk, key, i)) != NULL; i++)
            if (strcmp(it, name) == 0)
                return true;
        return false;
    }
    for (size_t i = 0; defaults[i]; i++)
        if (strcmp(defaults[i], name) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ */
/* Hash table: 64-bit hash -> index                                    */
/* ------------------------------------------------------------------ */

typedef struct hent {
    uint32_t h;   /* high half of the 64-bit hash */
    uint32_t val; /* index + 1; 0 = empty */
} hent;

typedef struct hmap {
    hent *e;
    size_t cap, n;
} hmap;

static bool hm_init(hmap *m, size_t expect)
{
    size_t cap = 16;
    while (cap < expect + expect / 2 + 2)
        cap *= 2;
    m->e = calloc(cap, sizeof *m->e);
    m->cap = cap;
    m->n = 0;
    return m->e != NULL;
}

static void hm_free(hmap *m)
{
    free(m->e);
    m->e = NULL;
    m->cap = m->n = 0;
}

static size_t hm_home(const hmap *m, uint64_t h)
{
    return (size_t)h & (m->cap - 1);
}

static void hm_put(hmap *m, uint64_t h, uint32_t val)
{
    size_t k = hm_home(m, h);
    while (m->e[k].val)
        k = (k + 1) & (m->cap - 1);
    m->e[k].h = (uint32_t)(h >> 32);
    m->e[k].val = val;
    m->n++;
}

/* Inserts idx (< UINT32_MAX) under hash h; the table stays at most 3/4 full. */
static bool hm_insert(hmap *m, uint64_t h, size_t idx, const uint64_t *full)
{
    if ((m->n + 1) * 4 > m->cap * 3) {
        hmap g;
        if (!hm_init(&g, m->cap))
            return false;
        for (size_t i = 0; i < m->cap; i++)
            if (m->e[i].val)
                hm_put(&g, full[m->e[i].val - 1], m->e[i].val);
        hm_free(m);
        *m = g;
    }
    hm_put(m, h, (uint32_t)(idx + 1));
    return true;
}

/* ------------------------------------------------------------------ */
/* Row keys                                                            */
/* ------------------------------------------------------------------ */

enum { KEY_FULL, KEY_IDENTITY, KEY_NAME, KEY__COUNT };

static const int carried_roles[] = {PBLINT_COL_LABEL, PBLINT_COL_LEVEL1, PBLINT_COL_LEVEL2,
                                    PBLINT_COL_CATEGORY};
#define N_CARRIED (sizeof carried_roles / sizeof carried_roles[0])

/* What tells two indicators with the same 三级 name apart. */
static const int identity_roles[] = {PBLINT_COL_TARGET, PBLINT_COL_ACTUAL, PBLINT_COL_UNIT,
                                     PBLINT_COL_OPERATOR};
#define N_IDENTITY (sizeof identity_roles / sizeof identity_roles[0])

static bool is_carried(int role)
{
    for (size_t i = 0; i < N_CARRIED; i++)
        if (carried_roles[i] == role)
            return true;
    return false;
}

/* Appends a text's space-free key with check marks folded to \1 / \2. */
static void put_text_key(dbuf *b, const pblint_text *t)
{
    size_t n = 0;
    const char *k = pblint_text_key(t, &n);
    if (!memchr(k, 0xE2, n)) { /* every mark below starts with byte E2 */
        db_put(b, k, n);
        return;
    }
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        size_t l = u8_next(k, n, i, &c);
        int mk = mark_kind(c);
        if (mk)
            db_putc(b, (char)mk);
        else
            db_put(b, k + i, l);
        i += l;
    }
}

static void put_decimal(dbuf *b, pblint_decimal d)
{
    while (d.scale > 0 && d.mant % 10 == 0) {
        d.mant /= 10;
        d.scale--;
    }
    char tmp[48];
    size_t n = pblint_decimal_format(d, tmp, sizeof tmp);
    db_put(b, tmp, n < sizeof tmp ? n : sizeof tmp - 1);
}

/* Appends the comparable form of a cell; returns false when it is empty.
 * Check boxes compare by label and state; a cell that is wholly a number
 * compares by value (244800 = 244800.00); any other text by its key. */
static bool put_cell_key(dbuf *b, const pblint_cell *c)
{
    if (!c)
        return false;
    size_t start = b->len;
    size_t nch = pblint_cell_choice_count(c);
    if (nch > 0) {
        for (size_t i = 0; i < nch; i++) {
            pblint_choice ch;
            if (pblint_cell_choice(c, i, &ch) != 0)
                continue;
            put_text_key(b, ch.label);
            db_putc(b, ch.checked ? '\1' : '\2');
            db_putc(b, '\3');
        }
        return b->len > start;
    }
    const pblint_text *t = pblint_cell_text(c);
    if (pblint_text_empty(t))
        return false;
    size_t kl = 0;
    const char *key = pblint_text_key(t, &kl);
    /* only a text that starts with a digit can be a bare number or amount
     * whose spelling varies (244800 / 244800.00); others compare as text */
    const pblint_value *v = kl > 0 && key[0] >= '0' && key[0] <= '9' ? pblint_cell_value(c) : NULL;
    size_t tl = 0;
    pblint_text_str(t, &tl);
    pblint_span whole = v ? pblint_text_map(t, 0, tl) : (pblint_span){0, 0};
    if (v && !(v->flags & (PBLINT_VALF_TRAILING_TEXT | PBLINT_VALF_OVERFLOW)) &&
        v->span.start == whole.start && v->span.end == whole.end) {
        switch (v->kind) {
        case PBLINT_VAL_AMOUNT:
            db_putc(b, '\4');
            db_put(b, &v->fen, sizeof v->fen);
            return true;
        case PBLINT_VAL_NUMBER:
        case PBLINT_VAL_PERCENT:
        case PBLINT_VAL_COUNT:
            db_putc(b, '\5');
            db_putc(b, (char)('0' + v->kind));
            db_putc(b, (char)('0' + v->op));
            put_decimal(b, v->num);
            if (v->op == PBLINT_OP_RANGE) {
                db_putc(b, '-');
                put_decimal(b, v->num2);
            }
            db_puts(b, v->unit);
            return true;
        default:
            break;
        }
    }
    put_text_key(b, t);
    return b->len > start;
}

static void put_role(dbuf *b, int role)
{
    db_putc(b, (char)(0x10 + (role & 0x3f)));
}

/* Builds the key of a row into b (cleared first).  Returns false when the
 * row has nothing to compare (blank, or only merged cells carried down). */
static bool row_key(const pblint_table *t, const pblint_row *r, int mode, dbuf *b)
{
    db_truncate(b, 0);
    if (mode == KEY_NAME || mode == KEY_IDENTITY) {
        put_role(b, PBLINT_COL_LEVEL3);
        if (!put_cell_key(b, pblint_row_cell(r, PBLINT_COL_LEVEL3)))
            return false;
        if (mode == KEY_IDENTITY)
            for (size_t i = 0; i < N_IDENTITY; i++)
                if (pblint_table_has_column(t, identity_roles[i])) {
                    db_putc(b, '\x1f');
                    put_role(b, identity_roles[i]);
                    put_cell_key(b, pblint_row_cell(r, identity_roles[i]));
                }
        return !b->fail;
    }
    for (size_t i = 0; i < N_CARRIED; i++)
        if (pblint_table_has_column(t, carried_roles[i])) {
            put_role(b, carried_roles[i]);
            put_cell_key(b, pblint_row_cell(r, carried_roles[i]));
            db_putc(b, '\x1f');
        }
    bool own = false;
    size_t n = pblint_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        int role = pblint_cell_role(c);
        if (is_carried(role) || role == PBLINT_COL_SEQ)
            continue;
        size_t mark = b->len;
        put_role(b, role);
        if (put_cell_key(b, c)) {
            db_putc(b, '\x1f');
            own = true;
        } else {
            db_truncate(b, mark);
        }
    }
    return own && !b->fail;
}

static bool cell_keys_equal(const pblint_cell *a, const pblint_cell *b, dbuf *ka, dbuf *kb)
{
    db_truncate(ka, 0);
    db_truncate(kb, 0);
    bool ea = put_cell_key(ka, a), eb = put_cell_key(kb, b);
    if (!ea || !eb)
        return ea == eb;
    return ka->len == kb->len && memcmp(ka->p, kb->p, ka->len) == 0;
}

/*
 * first[i] = index of the first earlier data row of t with the same key
 * (mode), or -1.  Returns 0 or PBLINT_ENOMEM.
 */
static int find_dups(const pblint_table *t, int mode, long *first, dbuf *ka, dbuf *kb)
{
    size_t n = pblint_table_row_count(t);
    if (n >= UINT32_MAX)
        return PBLINT_ETOOBIG;
    hmap m;
    /* the full hash of each row, to rehash on growth */
    uint64_t *full = malloc((n ? n : 1) * sizeof *full);
    if (!full || !hm_init(&m, 64)) {
        free(full);
        return PBLINT_ENOMEM;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        first[i] = -1;
        const pblint_row *r = pblint_table_row(t, i);
        if (!r || pblint_row_kind(r) != PBLINT_ROW_DATA)
            continue;
        if (!row_key(t, r, mode, ka))
            continue;
        uint64_t h = key_hash(ka->p, ka->len);
        full[i] = h;
        long found = -1;
        for (size_t k = hm_home(&m, h); m.e[k].val; k = (k + 1) & (m.cap - 1)) {
            if (m.e[k].h != (uint32_t)(h >> 32))
                continue;
            size_t j = m.e[k].val - 1;
            if (row_key(t, pblint_table_row(t, j), mode, kb) && kb->len == ka->len &&
                memcmp(kb->p, ka->p, ka->len) == 0) {
                found = (long)j;
                break;
            }
        }
        if (found >= 0) {
            first[i] = found;
        } else if (!hm_insert(&m, h, i, full)) {
            rc = PBLINT_ENOMEM;
            break;
        }
    }
    if (ka->fail || kb->fail)
        rc = PBLINT_ENOMEM;
    hm_free(&m);
    free(full);
    return rc;
}

/* find_dups() of each table and mode, made once for the plugin's rules:
 * duplicate-row, duplicate-indicator and boilerplate ask for the same
 * ones, and they depend on the document alone. */
typedef struct dups_cache {
    size_t nt;
    long **first; /* [mode * nt + table index], NULL until asked for */
    dbuf ka, kb;
} dups_cache;

static const char DUPS_KEY; /* its address names the shared cache */

static void dups_cache_free(void *p)
{
    dups_cache *dc = p;
    if (!dc)
        return;
    for (size_t i = 0; dc->first && i < KEY__COUNT * dc->nt; i++)
        free(dc->first[i]);
    free(dc->first);
    free(dc->ka.p);
    free(dc->kb.p);
    free(dc);
}

/* find_dups() of table ti in mode, or NULL with *rc set. */
static const long *dups_of(pblint_check *chk, const pblint_doc *doc, size_t ti, int mode, int *rc)
{
    dups_cache *dc = pblint_check_shared(chk, &DUPS_KEY);
    if (!dc) {
        size_t nt = pblint_doc_table_count(doc);
        if ((dc = calloc(1, sizeof *dc)) != NULL) {
            dc->nt = nt;
            dc->first = calloc(KEY__COUNT * (nt ? nt : 1), sizeof *dc->first);
        }
        if (!dc || !dc->first) {
            free(dc);
            *rc = PBLINT_ENOMEM;
            return NULL;
        }
        if ((*rc = pblint_check_set_shared(chk, &DUPS_KEY, dc, dups_cache_free)) != 0)
            return NULL; /* freed */
    }
    *rc = 0;
    long **slot = &dc->first[(size_t)mode * dc->nt + ti];
    if (!*slot) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        size_t n = pblint_table_row_count(t);
        long *f = malloc((n ? n : 1) * sizeof *f);
        if (!f) {
            *rc = PBLINT_ENOMEM;
            return NULL;
        }
        if ((*rc = find_dups(t, mode, f, &dc->ka, &dc->kb)) != 0) {
            free(f);
            return NULL;
        }
        *slot = f;
    }
    return *slot;
}

/* ------------------------------------------------------------------ */
/* Names for messages                                                  */
/* ------------------------------------------------------------------ */

static const char *table_title(int kind)
{
    switch (kind) {
    case PBLINT_TABLE_INDICATOR:
        return "indicator";
    case PBLINT_TABLE_BREAKDOWN:
        return "项目构成分解";
    case PBLINT_TABLE_SAFEGUARD:
        return "制度保障";
    case PBLINT_TABLE_COST_LIST:
        return "cost-list";
    case PBLINT_TABLE_SCORE:
        return "score";
    default:
        return pblint_table_kind_name(kind);
    }
}

/* The header text of a column role ("目标值", "备注"), or the role's name. */
static void put_column_name(dbuf *b, const pblint_table *t, int role)
{
    size_t n = pblint_table_row_count(t);
    const pblint_text *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const pblint_row *r = pblint_table_row(t, i);
        if (!r || pblint_row_kind(r) != PBLINT_ROW_HEADER)
            break;
        size_t nc = pblint_row_cell_count(r);
        for (size_t k = 0; k < nc; k++) {
            const pblint_cell *c = pblint_row_cell_at(r, k);
            if (pblint_cell_role(c) == role && !pblint_text_empty(pblint_cell_text(c))) {
                best = pblint_cell_text(c);
                break;
            }
        }
    }
    if (best) {
        size_t kl = 0;
        const char *k = pblint_text_key(best, &kl);
        db_put(b, k, kl);
    } else {
        db_puts(b, pblint_col_role_name(role));
    }
}

static bool put_cell_quoted(dbuf *b, const pblint_doc *doc, const pblint_cell *c, size_t max)
{
    const pblint_text *t = c ? pblint_cell_text(c) : NULL;
    if (pblint_text_empty(t))
        return false;
    size_t tl = 0;
    pblint_text_str(t, &tl);
    db_puts(b, "“");
    put_quote(b, doc, t, 0, tl, max);
    db_puts(b, "”");
    return true;
}

/* A short description of a row: what a reviewer recognises it by. */
static void put_row_desc(dbuf *b, const pblint_doc *doc, const pblint_table *t, const pblint_row *r)
{
    size_t start = b->len;
    switch (pblint_table_kind(t)) {
    case PBLINT_TABLE_SAFEGUARD: {
        const pblint_cell *cat = pblint_row_cell(r, PBLINT_COL_CATEGORY);
        if (cat && !pblint_text_empty(pblint_cell_text(cat))) {
            size_t kl = 0;
            const char *k = pblint_text_key(pblint_cell_text(cat), &kl);
            db_put(b, k, kl);
            db_putc(b, ' ');
        }
        if (!put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_DOC_TITLE), 24))
            put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_MEASURE), 24);
        break;
    }
    case PBLINT_TABLE_INDICATOR:
        if (put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_LEVEL3), 30)) {
            const pblint_cell *tg = pblint_row_cell(r, PBLINT_COL_TARGET);
            if (tg && !pblint_text_empty(pblint_cell_text(tg))) {
                db_puts(b, ", ");
                put_column_name(b, t, PBLINT_COL_TARGET);
                db_putc(b, ' ');
                put_cell_quoted(b, doc, tg, 20);
            }
        }
        break;
    case PBLINT_TABLE_BREAKDOWN:
    case PBLINT_TABLE_COST_LIST:
        if (put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_ITEM), 24) ||
            put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_CONTENT), 24) ||
            put_cell_quoted(b, doc, pblint_row_cell(r, PBLINT_COL_NAME), 24)) {
            const pblint_cell *am = pblint_row_cell(r, PBLINT_COL_AMOUNT);
            if (am && !pblint_text_empty(pblint_cell_text(am))) {
                db_puts(b, ", ");
                put_column_name(b, t, PBLINT_COL_AMOUNT);
                db_putc(b, ' ');
                size_t tl = 0;
                pblint_text_str(pblint_cell_text(am), &tl);
                put_quote(b, doc, pblint_cell_text(am), 0, tl, 20);
            }
        }
        break;
    default:
        break;
    }
    if (b->len > start)
        return;
    size_t n = pblint_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        if (pblint_cell_role(c) != PBLINT_COL_SEQ && put_cell_quoted(b, doc, c, 24))
            return;
    }
}

/* ------------------------------------------------------------------ */
/* duplicates/duplicate-row                                            */
/* ------------------------------------------------------------------ */

static const char *const default_row_tables[] = {"safeguard", "breakdown", "indicator", NULL};

static bool text_keys_equal(const pblint_cell *a, const pblint_cell *b)
{
    size_t la = 0, lb = 0;
    const char *ka = pblint_text_key(a ? pblint_cell_text(a) : NULL, &la);
    const char *kb = pblint_text_key(b ? pblint_cell_text(b) : NULL, &lb);
    return la == lb && memcmp(ka, kb, la) == 0;
}

/*
 * Deleting row i must not change what any other row inherits.  Rows below
 * inherit from row i only when it writes a merged cell (a 一级 name, a 制度
 * category) and row i + 1 leaves that cell blank; then the deletion is safe
 * only if row i - 1 stays (it gets no fix-it itself) and carries the same
 * value.  By induction over the rows this holds for any set of these
 * fix-its applied together.
 */
static bool delete_is_safe(const pblint_table *t, size_t i, bool above_deleted)
{
    const pblint_row *r = pblint_table_row(t, i);
    size_t n = pblint_table_row_count(t);
    for (size_t k = 0; k < N_CARRIED; k++) {
        int role = carried_roles[k];
        if (!pblint_table_has_column(t, role))
            continue;
        const pblint_cell *c = pblint_row_cell(r, role);
        if (!c || pblint_cell_inherited(c) || pblint_text_empty(pblint_cell_text(c)))
            continue;
        if (i + 1 >= n)
            continue;
        const pblint_cell *next = pblint_row_cell(pblint_table_row(t, i + 1), role);
        if (!next || !pblint_cell_inherited(next))
            continue;
        if (i == 0 || above_deleted)
            return false;
        const pblint_row *above = pblint_table_row(t, i - 1);
        if (!above || pblint_row_kind(above) != PBLINT_ROW_DATA)
            return false;
        if (!text_keys_equal(pblint_row_cell(above, role), c))
            return false;
    }
    return true;
}

/* Lists (into b) the columns in which rows i and j differ. */
static void put_differing_columns(dbuf *b, const pblint_table *t, const pblint_row *r,
                                  const pblint_row *r0, dbuf *ka, dbuf *kb)
{
    size_t n = pblint_row_cell_count(r);
    size_t listed = 0;
    int seen[PBLINT_COL__COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        const pblint_cell *c = pblint_row_cell_at(r, i);
        int role = pblint_cell_role(c);
        if (role == PBLINT_COL_SEQ || role <= 0 || role >= PBLINT_COL__COUNT || seen[role])
            continue;
        const pblint_cell *c0 = is_carried(role) ? pblint_row_cell(r0, role)
                                                 : (i < pblint_row_cell_count(r0)
                                                        ? pblint_row_cell_at(r0, i)
                                                        : NULL);
        if (is_carried(role))
            c = pblint_row_cell(r, role);
        if (c0 && pblint_cell_role(c0) != role)
            c0 = pblint_row_cell(r0, role);
        if (cell_keys_equal(c, c0, ka, kb))
            continue;
        seen[role] = 1;
        if (listed++)
            db_puts(b, ", ");
        put_column_name(b, t, role);
    }
    if (!listed)
        db_puts(b, "other cells");
}

static int check_duplicate_row(pblint_check *chk, const pblint_doc *doc)
{
    dbuf ka = {0}, kb = {0}, msg = {0}, desc = {0};
    int rc = 0;
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && rc == 0; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!t)
            continue;
        int kind = pblint_table_kind(t);
        if (!opt_list_has(chk, "tables", default_row_tables, pblint_table_kind_name(kind)))
            continue;
        size_t n = pblint_table_row_count(t);
        if (n < 2)
            continue;
        int mode = kind == PBLINT_TABLE_INDICATOR ? KEY_IDENTITY : KEY_FULL;
        const long *first = dups_of(chk, doc, ti, mode, &rc);
        bool above_deleted = false; /* row i - 1 got a fix-it deleting it */
        for (size_t i = 0; i < n && rc == 0; i++) {
            bool deleted = false;
            if (first[i] < 0) {
                above_deleted = false;
                continue;
            }
            const pblint_row *r = pblint_table_row(t, i);
            const pblint_row *r0 = pblint_table_row(t, (size_t)first[i]);
            bool same = true;
            if (mode != KEY_FULL) {
                bool a = row_key(t, r, KEY_FULL, &ka), b = row_key(t, r0, KEY_FULL, &kb);
                same = a && b && ka.len == kb.len && memcmp(ka.p, kb.p, ka.len) == 0;
            }
            pblint_span sp = pblint_row_span(r), sp0 = pblint_row_span(r0);
            unsigned line0 = line_of(doc, sp0.start);
            db_truncate(&desc, 0);
            put_row_desc(&desc, doc, t, r);
            db_truncate(&msg, 0);
            if (!same) {
                db_puts(&msg, "; it differs only in ");
                put_differing_columns(&msg, t, r, r0, &ka, &kb);
            }
            if (desc.fail || msg.fail) {
                rc = PBLINT_ENOMEM;
                break;
            }
            pblint_diag *d;
            if (same)
                d = pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                                  "%s row repeats line %u (%s), identical after normalisation",
                                  table_title(kind), line0, db_str(&desc));
            else
                d = pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                                  "%s row repeats line %u (%s)%s", table_title(kind), line0,
                                  db_str(&desc), db_str(&msg));
            if (d) {
                pblint_diag_add_note(d, sp0, "first occurrence of the row is here");
                if (same && delete_is_safe(t, i, above_deleted))
                    deleted = pblint_diag_add_fixit(d, pblint_row_extent(r), "") == 0;
            }
            above_deleted = deleted;
        }
    }
    free(ka.p);
    free(kb.p);
    free(msg.p);
    free(desc.p);
    return rc;
}

/* ------------------------------------------------------------------ */
/* duplicates/duplicate-indicator                                      */
/* ------------------------------------------------------------------ */

static int check_duplicate_indicator(pblint_check *chk, const pblint_doc *doc)
{
    dbuf ka = {0}, kb = {0}, col = {0}, name = {0}, v1 = {0}, v0 = {0};
    int rc = 0;
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && rc == 0; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!t || pblint_table_kind(t) != PBLINT_TABLE_INDICATOR)
            continue;
        size_t n = pblint_table_row_count(t);
        if (n < 2)
            continue;
        const long *by_id = dups_of(chk, doc, ti, KEY_IDENTITY, &rc);
        const long *by_name = by_id ? dups_of(chk, doc, ti, KEY_NAME, &rc) : NULL;
        for (size_t i = 0; i < n && rc == 0; i++) {
            if (by_id[i] >= 0 || by_name[i] < 0)
                continue; /* an exact repeat is duplicate-row's finding */
            const pblint_row *r = pblint_table_row(t, i);
            const pblint_row *r0 = pblint_table_row(t, (size_t)by_name[i]);
            int role = PBLINT_COL_NONE;
            for (size_t k = 0; k < N_IDENTITY && role == PBLINT_COL_NONE; k++)
                if (pblint_table_has_column(t, identity_roles[k]) &&
                    !cell_keys_equal(pblint_row_cell(r, identity_roles[k]),
                                     pblint_row_cell(r0, identity_roles[k]), &ka, &kb))
                    role = identity_roles[k];
            db_truncate(&col, 0);
            db_truncate(&name, 0);
            db_truncate(&v1, 0);
            db_truncate(&v0, 0);
            put_cell_quoted(&name, doc, pblint_row_cell(r, PBLINT_COL_LEVEL3), 40);
            if (role != PBLINT_COL_NONE) {
                put_column_name(&col, t, role);
                if (!put_cell_quoted(&v1, doc, pblint_row_cell(r, role), 24))
                    db_puts(&v1, "(blank)");
                if (!put_cell_quoted(&v0, doc, pblint_row_cell(r0, role), 24))
                    db_puts(&v0, "(blank)");
            } else {
                db_puts(&col, "values");
                db_puts(&v1, "(this row)");
                db_puts(&v0, "(that row)");
            }
            if (col.fail || name.fail || v1.fail || v0.fail) {
                rc = PBLINT_ENOMEM;
                break;
            }
            pblint_span sp = pblint_row_span(r), sp0 = pblint_row_span(r0);
            pblint_span at = sp;
            const pblint_cell *l3 = pblint_row_cell(r, PBLINT_COL_LEVEL3);
            if (l3 && !pblint_cell_inherited(l3))
                at = pblint_text_span(pblint_cell_text(l3));
            pblint_diag *d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, at,
                "indicator %s is listed again in this table with a different %s: %s here, %s at line %u",
                db_str(&name), db_str(&col), db_str(&v1), db_str(&v0), line_of(doc, sp0.start));
            if (d)
                pblint_diag_add_note(d, sp0, "first %s is here", db_str(&name));
        }
    }
    free(ka.p);
    free(kb.p);
    free(col.p);
    free(name.p);
    free(v1.p);
    free(v0.p);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Texts to scan: paragraphs (field values included) and table cells   */
/* ------------------------------------------------------------------ */

typedef struct para_ref {
    const pblint_text *text;
    const char *field_key;
    pblint_span span;
} para_ref;

static int cmp_para(const void *a, const void *b)
{
    const para_ref *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    if (x->span.end != y->span.end)
        return x->span.end > y->span.end ? -1 : 1; /* the longer first */
    return 0;
}

/* The paragraphs in source order, each piece of source once. */
static para_ref *collect_paragraphs(const pblint_doc *doc, size_t *count)
{
    size_t n = pblint_doc_paragraph_count(doc);
    *count = 0;
    para_ref *p = malloc((n ? n : 1) * sizeof *p);
    if (!p)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *key = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
        if (pblint_text_empty(t))
            continue;
        p[k].text = t;
        p[k].field_key = key;
        p[k].span = pblint_text_span(t);
        k++;
    }
    qsort(p, k, sizeof *p, cmp_para);
    size_t w = 0;
    for (size_t i = 0; i < k; i++) {
        if (w > 0 && p[i].span.start < p[w - 1].span.end)
            continue; /* the same source seen twice */
        p[w++] = p[i];
    }
    *count = w;
    return p;
}

/* True when span s overlaps one of the (sorted, disjoint) paragraphs. */
static bool overlaps_paragraph(const para_ref *p, size_t n, pblint_span s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].span.end <= s.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && p[lo].span.start < s.end && s.start < p[lo].span.end;
}

/* ------------------------------------------------------------------ */
/* duplicates/repeated-phrase                                          */
/* ------------------------------------------------------------------ */

#define RP_MAX_LEN 256u /* the largest max-length option */
#define RP_NONE UINT32_MAX

typedef struct rp_opts {
    size_t min_cjk, min_len, max_len, lmin;
} rp_opts;

typedef struct rp_cand {
    uint32_t p, len, copies;
} rp_cand;

/* Positions kept in the ring of chain links: more than any repeat length. */
#define RP_RING 512u
/* Largest hash table of k-gram positions (a table is only a filter: its
 * size changes nothing found, see rp_find_runs). */
#define RP_TABLE_MAX 4096u

typedef struct rp_state {
    uint32_t *cp, *boff;
    size_t cap, boffcap;
    uint32_t slot[RP_TABLE_MAX];  /* per hash bucket: last position + 1 with it, 0 = none */
    uint32_t ring[RP_RING];       /* position q & (RP_RING-1): the previous position of
                                   * q's bucket, or RP_NONE */
    uint32_t run_end[RP_MAX_LEN + 1]; /* per distance: end of the run extended last */
    rp_cand *cand;
    size_t ncand, candcap;
    dbuf quote;
} rp_state;

static int cmp_cand(const void *a, const void *b)
{
    const rp_cand *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Is cp[p..p+L) the repetition of a shorter unit? */
static bool unit_is_power(const uint32_t *cp, size_t p, size_t L)
{
    for (size_t d = 1; d <= L / 2; d++) {
        if (L % d)
            continue;
        size_t i = 0;
        while (i + d < L && cp[p + i] == cp[p + i + d])
            i++;
        if (i + d >= L)
            return true;
    }
    return false;
}

/* How good a place to cut between copies the end of c is: 2 after a
 * sentence end, 1 after other punctuation or a space, 0 inside a word. */
static int cut_score(uint32_t c)
{
    switch (c) {
    case 0x3002: /* 。 */
    case '!':
    case '?':
    case ';':
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1B:
        return 2;
    default:
        return is_wordy(c) ? 0 : 1;
    }
}

static bool rp_consider(rp_state *st, const rp_opts *o, size_t n, size_t p, size_t L, size_t run)
{
    const uint32_t *cp = st->cp;
    size_t copies = (run + L) / L;
    if (unit_is_power(cp, p, L))
        return true;
    /* The periodic stretch [p, p + run + L) can be cut into copies at
     * slack + 1 places; all give the same text once the extra copies go.
     * Prefer a cut at a sentence end, then at other punctuation, else the
     * rightmost one: a repeat reads
     * "畅通[居民区党组织沟通][居民区党组织沟通]联系", not "畅[通居民区党组织沟]...". */
    size_t slack = run + L - copies * L, pick = p + slack;
    int best = 0;
    for (size_t q = p; q <= p + slack; q++) {
        int score = (q == 0 ? 2 : cut_score(cp[q - 1])) + cut_score(cp[q + L - 1]);
        if (score > best) {
            best = score;
            pick = q;
        }
    }
    p = pick;
    /* A unit that runs across a sentence end ("…格局。项目实施后，…") is
     * formulaic sentences overlapping, not a stutter: deleting a copy would
     * drop a sentence's own words. */
    for (size_t i = p; i + 1 < p + L; i++)
        if (cut_score(cp[i]) == 2)
            return true;
    size_t han = 0, wordy = 0;
    for (size_t i = p; i < p + L; i++) {
        han += is_han(cp[i]);
        wordy += is_wordy(cp[i]);
    }
    if (wordy < 2 || (han < o->min_cjk && L < o->min_len))
        return true;
    /* "abcabc" inside a longer Latin word or number is not a stutter */
    if (is_ascii_alnum(cp[p]) && p > 0 && is_ascii_alnum(cp[p - 1]))
        return true;
    size_t end = p + copies * L;
    if (is_ascii_alnum(cp[p + L - 1]) && end < n && is_ascii_alnum(cp[end]))
        return true;
    if (st->ncand == st->candcap) {
        size_t nc = st->candcap ? st->candcap * 2 : 16;
        rp_cand *c = realloc(st->cand, nc * sizeof *c);
        if (!c)
            return false;
        st->cand = c;
        st->candcap = nc;
    }
    st->cand[st->ncand].p = (uint32_t)p;
    st->cand[st->ncand].len = (uint32_t)L;
    st->cand[st->ncand].copies = (uint32_t)copies;
    st->ncand++;
    return true;
}

/*
 * Finds every maximal run of positions j (j + L < n) with cp[j] == cp[j + L]
 * that is at least L long, for lmin <= L <= lmax, and hands each to
 * rp_consider(): the same runs as one pass over j for each L would find.
 *
 * The trick: such a run [a, b) has cp[a + t] == cp[a + L + t] for t < k
 * (k = lmin <= L <= b - a), so the k-gram at a equals the k-gram at a + L.
 * The k-grams get a rolling hash; the positions of each hash bucket are
 * chained, newest first, and for each position q only the earlier
 * positions i of its bucket with lmin <= q - i <= lmax are looked at.  A
 * pair whose code points agree is extended both ways into its maximal run
 * at distance L = q - i: whatever the bucket holds, only true runs come out,
 * and every run is reached from its first pair.  Pairs at one distance come
 * in increasing i, so a pair inside the run extended last at that distance
 * (run_end) is skipped: each run is extended once.  Chains are walked back
 * lmax positions at most, so the links of the last RP_RING positions are
 * all that is kept.  The order in which runs reach rp_consider() differs
 * from a scan by L, which does not matter: the candidates are sorted by
 * (position, length), and no two are equal.
 */
static int rp_find_runs(rp_state *st, const rp_opts *o, size_t n, size_t lmax)
{
    const uint32_t *cp = st->cp;
    size_t k = o->lmin;
    if (n < k)
        return 0;
    size_t m = n - k + 1; /* positions that start a k-gram */
    size_t tsize = 64;
    unsigned tbits = 6;
    /* Only the positions of the last lmax count (the chains are walked no
     * further back), so past 8 * lmax buckets a bigger table saves few
     * false candidates and costs its clearing for every text. */
    while (tsize < 2 * m && tsize < 8 * lmax && tsize < RP_TABLE_MAX) {
        tsize *= 2;
        tbits++;
    }
    memset(st->slot, 0, tsize * sizeof st->slot[0]);
    for (size_t L = 0; L <= lmax; L++)
        st->run_end[L] = 0;

    /* polynomial rolling hash, modulo 2^64: h = sum cp[j + t] * B^(k-1-t) */
    const uint64_t B = 0x100000001b3ull;
    uint64_t top = 1; /* B^(k-1) */
    for (size_t t = 1; t < k; t++)
        top *= B;
    uint64_t h = 0;
    for (size_t t = 0; t < k; t++)
        h = h * B + cp[t];
    for (size_t q = 0; q < m; q++) {
        if (q > 0)
            h = (h - cp[q - 1] * top) * B + cp[q + k - 1];
        size_t home = (size_t)((h * 0x9e3779b97f4a7c15ull) >> (64 - tbits)); /* Fibonacci hashing */
        uint32_t prev = st->slot[home] ? st->slot[home] - 1 : RP_NONE;
        st->slot[home] = (uint32_t)q + 1;
        st->ring[q & (RP_RING - 1)] = prev;
        for (uint32_t i = prev; i != RP_NONE && q - i <= lmax; i = st->ring[i & (RP_RING - 1)]) {
            size_t L = q - i;
            if (L < o->lmin || i < st->run_end[L] || cp[i] != cp[q])
                continue;
            size_t a = i, b = i;
            while (a > 0 && cp[a - 1] == cp[a - 1 + L])
                a--;
            while (b + L < n && cp[b] == cp[b + L])
                b++;
            st->run_end[L] = (uint32_t)b;
            if (b - a >= L && !rp_consider(st, o, n, a, L, b - a))
                return PBLINT_ENOMEM;
        }
    }
    return 0;
}

static int rp_scan_text(pblint_check *chk, const pblint_doc *doc, const pblint_text *t,
                        const rp_opts *o, rp_state *st)
{
    size_t len = 0;
    const char *s = pblint_text_str(t, &len);
    if (len < 2 * o->lmin || len >= UINT32_MAX)
        return 0;
    /* decode: at most len code points */
    if (len + 1 > st->cap) {
        uint32_t *a = realloc(st->cp, (len + 1) * sizeof *a);
        if (!a)
            return PBLINT_ENOMEM;
        st->cp = a;
        st->cap = len + 1;
    }
    size_t n = u8_decode(s, len, st->cp);
    st->ncand = 0;
    if (n < 2 * o->lmin)
        return 0;
    size_t lmax = o->max_len < n / 2 ? o->max_len : n / 2;
    if (lmax >= o->lmin) {
        int rc = rp_find_runs(st, o, n, lmax);
        if (rc)
            return rc;
    }
    if (st->ncand == 0)
        return 0;
    /* a repeat to report: the byte offset of each code point, decoded again */
    if (n + 1 > st->boffcap) {
        uint32_t *b = realloc(st->boff, (n + 1) * sizeof *b);
        if (!b)
            return PBLINT_ENOMEM;
        st->boff = b;
        st->boffcap = n + 1;
    }
    for (size_t i = 0, c = 0; i < len; c++) {
        uint32_t dummy;
        st->boff[c] = (uint32_t)i;
        i += u8_next(s, len, i, &dummy);
    }
    st->boff[n] = (uint32_t)len;
    qsort(st->cand, st->ncand, sizeof *st->cand, cmp_cand);
    size_t kept_end = 0;
    for (size_t ci = 0; ci < st->ncand; ci++) {
        const rp_cand *c = &st->cand[ci];
        size_t end = (size_t)c->p + (size_t)c->copies * c->len;
        if (ci > 0 && c->p < kept_end)
            continue; /* overlaps a repeat already reported */
        kept_end = end;
        uint32_t b0 = st->boff[c->p], b1 = st->boff[c->p + c->len], b2 = st->boff[end];
        pblint_span first = pblint_text_map(t, b0, b1 - b0);
        pblint_span extra = pblint_text_map(t, b1, b2 - b1);
        db_truncate(&st->quote, 0);
        put_quote(&st->quote, doc, t, b0, b1 - b0, 80);
        if (st->quote.fail)
            return PBLINT_ENOMEM;
        pblint_diag *d;
        if (c->copies == 2)
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, extra,
                              "phrase “%s” is written twice in a row", db_str(&st->quote));
        else
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, extra,
                              "phrase “%s” is written %u times in a row", db_str(&st->quote),
                              (unsigned)c->copies);
        if (!d)
            continue;
        pblint_diag_add_note(d, first, "first copy is here");
        size_t sl = 0;
        const char *src = pblint_doc_slice(doc, extra, &sl);
        if (src && sl > 0 && slice_clean(src, sl))
            pblint_diag_add_fixit(d, extra, "");
    }
    return 0;
}

static int check_repeated_phrase(pblint_check *chk, const pblint_doc *doc)
{
    rp_opts o;
    o.min_cjk = opt_size(chk, "min-cjk", 4, 1, 1000);
    o.min_len = opt_size(chk, "min-length", 6, 2, 1000);
    o.max_len = opt_size(chk, "max-length", 64, 2, RP_MAX_LEN);
    o.lmin = o.min_cjk < o.min_len ? o.min_cjk : o.min_len;
    if (o.lmin < 2)
        o.lmin = 2;
    if (o.lmin > o.max_len)
        return 0;
    /* some 20 KB: not on the stack; the tables are cleared per text */
    rp_state *st = malloc(sizeof *st);
    if (!st)
        return PBLINT_ENOMEM;
    st->cp = st->boff = NULL;
    st->cap = st->boffcap = 0;
    st->cand = NULL;
    st->ncand = st->candcap = 0;
    memset(&st->quote, 0, sizeof st->quote);
    size_t np = 0;
    para_ref *paras = collect_paragraphs(doc, &np);
    if (!paras) {
        free(st);
        return PBLINT_ENOMEM;
    }
    int rc = 0;
    for (size_t i = 0; i < np && rc == 0; i++)
        rc = rp_scan_text(chk, doc, paras[i].text, &o, st);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && rc == 0; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        size_t nr = t ? pblint_table_row_count(t) : 0;
        for (size_t ri = 0; ri < nr && rc == 0; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (!r || pblint_row_kind(r) == PBLINT_ROW_HEADER)
                continue;
            size_t nc = pblint_row_cell_count(r);
            for (size_t ci = 0; ci < nc && rc == 0; ci++) {
                const pblint_text *tx = pblint_cell_text(pblint_row_cell_at(r, ci));
                size_t tl = 0;
                pblint_text_str(tx, &tl);
                if (tl < 2 * o.lmin || overlaps_paragraph(paras, np, pblint_text_span(tx)))
                    continue;
                rc = rp_scan_text(chk, doc, tx, &o, st);
            }
        }
    }
    free(paras);
    free(st->cp);
    free(st->boff);
    free(st->cand);
    free(st->quote.p);
    free(st);
    return rc;
}

/* ------------------------------------------------------------------ */
/* duplicates/boilerplate-across-fields                                */
/* ------------------------------------------------------------------ */

/* Fields that are not prose: a project name on every sheet is expected. */
static const char *const default_skip_fields[] = {
    "project_name", "unit_name",  "money_unit", "project_kind", "project_attr",
    "owner",        "contact",    "phone",      "unit_head",    "filler",
    "fill_date",    "start_date", "end_date",   NULL};

/* Cell roles holding prose worth comparing.  文件名称 is a citation (the
 * same title is rightly cited twice); names, numbers and boxes are short. */
static bool bp_role(int role)
{
    switch (role) {
    case PBLINT_COL_NONE:
    case PBLINT_COL_LEVEL3:
    case PBLINT_COL_DEVIATION:
    case PBLINT_COL_REMARK:
    case PBLINT_COL_CONTENT:
    case PBLINT_COL_BASIS:
    case PBLINT_COL_MEASURE:
        return true;
    default:
        return false;
    }
}

#define FP_CHAIN 8u   /* earlier occurrences kept per fingerprint */
#define BP_TITLE_MAX 120u /* longest 《…》 title masked, in code points */

typedef struct bp_unit {
    const pblint_text *text;
    pblint_span span;
    const char *field_key; /* paragraph: its field; NULL for prose or a cell */
    const pblint_table *table;
    const pblint_row *row;
    int role;              /* cell: its column role; -1 for a paragraph */
    uint64_t l3;           /* indicator cell: hash of its row's 三级 name */
    uint32_t *cp;          /* letters only; 0 = barrier (a masked 《title》) */
    size_t n;
    size_t base;           /* where cp starts in bp_state.letters */
    struct bp_mark *marks; /* where letters 0, BP_MARK, 2 * BP_MARK ... are read from */
} bp_unit;

/* Where letter k * BP_MARK of a text is read from, and whether the letter
 * before it is a barrier: a report finds the bytes of a passage from the
 * mark before it, not from the start of a text of many passages. */
#define BP_MARK 64u
typedef struct bp_mark {
    uint32_t at, barrier;
} bp_mark;

typedef struct fp_occ {
    uint32_t unit, at, next; /* at: in bp_state.letters; next: index + 1, 0 = none */
} fp_occ;

typedef struct fp_slot {
    uint64_t h;
    uint32_t head, tail, count; /* head/tail: index + 1 into occ */
} fp_slot;

typedef struct bp_state {
    bp_unit *u;
    size_t nu, ucap;
    /* every unit's letters, one after the other, each unit between two
     * barriers (0): a run followed in an earlier unit stops at its ends
     * without the unit being looked up */
    uint32_t *letters;
    size_t nletters;
    fp_slot *slot;
    size_t scap, sn;
    fp_occ *occ;
    size_t nocc, occcap;
    uint32_t ignore[32];
    size_t nignore;
    uint64_t ignore_bits; /* bit c & 63 set for every ignored c: most letters are
                           * told apart by it without the list being read */
    size_t min_len, k, w;
    uint64_t *hv;         /* bp_fingerprints(): k-gram hashes, */
    uint32_t *dq;         /* the window's minima, */
    struct fp *fps;       /* and the fingerprints, */
    size_t fpcap;         /* fpcap entries each */
} bp_state;

static int cmp_unit(const void *a, const void *b)
{
    const bp_unit *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    return 0;
}

static inline bool bp_ignored(const bp_state *st, uint32_t c)
{
    if (!(st->ignore_bits >> (c & 63) & 1))
        return false;
    for (size_t i = 0; i < st->nignore; i++)
        if (st->ignore[i] == c)
            return true;
    return false;
}

/* Reduces a unit's text to its letters, and marks every BP_MARK-th
 * (marks: len / BP_MARK + 2 entries).  A 《…》 with no 《 inside and at
 * most BP_TITLE_MAX characters is a cited title and becomes one barrier.
 * With cp NULL it only counts, from the mark before letter qa, and gives
 * the byte offsets where letters qa and qb - 1 start and end (*a, *e):
 * where a reported passage lies in the text, found again rather than kept
 * for every letter of every text.  Inlined, so that the reduction (cp set,
 * no qa) and the counting each get code of their own. */
__attribute__((always_inline)) static inline size_t
bp_letters(const bp_state *st, const char *s, size_t len, uint32_t *cp, bp_mark *marks, size_t qa,
           size_t qb, uint32_t *a, uint32_t *e)
{
    size_t n = 0, i = 0;
    bool barrier = false; /* the last kept letter is a barrier */
    if (cp) {
        marks[0] = (bp_mark){0, 0};
    } else if (marks && qa != SIZE_MAX) {
        n = qa / BP_MARK * BP_MARK;
        i = marks[qa / BP_MARK].at;
        barrier = marks[qa / BP_MARK].barrier != 0;
    }
    while (i < len && (cp || n < qb)) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* Reducing: two well-formed three-byte sequences read at once, as
         * long as both are ideographs of the main block that are not
         * ignored, which are kept as they are (most of a Chinese text).
         * Anything else takes the step below, one character at a time. */
        while (cp && len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull)
                break;
            uint32_t c0 = (uint32_t)(((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F));
            uint32_t c1 =
                (uint32_t)(((w >> 12) & 0xF000) | ((w >> 26) & 0xFC0) | ((w >> 40) & 0x3F));
            if (c0 - 0x4E00 > 0x9FFF - 0x4E00 || c1 - 0x4E00 > 0x9FFF - 0x4E00 ||
                bp_ignored(st, c0) || bp_ignored(st, c1))
                break;
            cp[n++] = c0;
            if (n % BP_MARK == 0)
                marks[n / BP_MARK] = (bp_mark){(uint32_t)(i + 3), 0};
            cp[n++] = c1;
            if (n % BP_MARK == 0)
                marks[n / BP_MARK] = (bp_mark){(uint32_t)(i + 6), 0};
            i += 6;
            barrier = false;
        }
        if (i >= len)
            break;
#endif
        uint32_t c;
        size_t l = u8_next(s, len, i, &c);
        if (c == 0x300A) { /* 《 */
            size_t j = i + l, chars = 0;
            bool closed = false;
            while (j < len && chars <= BP_TITLE_MAX) {
                uint32_t d;
                size_t dl = u8_next(s, len, j, &d);
                j += dl;
                chars++;
                if (d == 0x300A)
                    break;
                if (d == 0x300B) {
                    closed = true;
                    break;
                }
            }
            if (closed) {
                if (n == 0 || !barrier) {
                    if (cp)
                        cp[n] = 0;
                    if (n == qa && a)
                        *a = (uint32_t)i;
                    if (n + 1 == qb && e)
                        *e = (uint32_t)i;
                    n++;
                    barrier = true;
                    if (cp && n % BP_MARK == 0)
                        marks[n / BP_MARK] = (bp_mark){(uint32_t)j, 1};
                }
                i = j;
                continue;
            }
        }
        if (is_wordy(c) && !bp_ignored(st, c)) {
            if (cp)
                cp[n] = c;
            if (n == qa && a)
                *a = (uint32_t)i;
            if (n + 1 == qb && e)
                *e = (uint32_t)(i + l);
            n++;
            barrier = false;
            if (cp && n % BP_MARK == 0)
                marks[n / BP_MARK] = (bp_mark){(uint32_t)(i + l), 0};
        }
        i += l;
    }
    return n;
}

/* Every unit's letters into st->letters, and its marks (u->cp is set
 * once all are in). */
static int bp_strip_all(bp_state *st)
{
    size_t room = 1; /* the barrier before the first unit */
    for (size_t i = 0; i < st->nu; i++) {
        size_t len = 0;
        pblint_text_str(st->u[i].text, &len);
        if (len >= st->min_len) /* fewer bytes than a passage has letters: never scanned */
            room += len + 1;   /* at most a letter per byte, then a barrier */
    }
    if (room >= UINT32_MAX)
        return 0; /* positions are 32-bit: no scan (some 16 GB of prose) */
    /* room for a letter per byte: the pages the letters never reach (two
     * thirds of them in Chinese) are never touched, and are given back */
    st->letters = malloc(room * sizeof *st->letters);
    if (!st->letters)
        return PBLINT_ENOMEM;
    size_t at = 0;
    st->letters[at++] = 0;
    for (size_t i = 0; i < st->nu; i++) {
        bp_unit *u = &st->u[i];
        size_t len = 0;
        const char *s = pblint_text_str(u->text, &len);
        u->n = 0;
        u->base = at;
        if (len < st->min_len)
            continue;
        if (!(u->marks = malloc((len / BP_MARK + 2) * sizeof *u->marks)))
            return PBLINT_ENOMEM; /* freed with the unit */
        u->n = bp_letters(st, s, len, st->letters + at, u->marks, SIZE_MAX, SIZE_MAX, NULL, NULL);
        at += u->n;
        st->letters[at++] = 0;
        bp_mark *mfit = realloc(u->marks, (u->n / BP_MARK + 1) * sizeof *u->marks);
        if (mfit)
            u->marks = mfit;
    }
    uint32_t *fit = realloc(st->letters, at * sizeof *fit);
    if (fit)
        st->letters = fit;
    st->nletters = at;
    for (size_t i = 0; i < st->nu; i++)
        st->u[i].cp = st->letters + st->u[i].base;
    return 0;
}

/* The bytes of u's text that letters [q0, q1) come from. */
static void bp_bytes(const bp_state *st, const bp_unit *u, size_t q0, size_t q1, uint32_t *a,
                     uint32_t *e)
{
    size_t len = 0;
    const char *s = pblint_text_str(u->text, &len);
    *a = *e = 0;
    /* each end from the mark before it, not the passage letter by letter */
    uint32_t unused;
    bp_letters(st, s, len, NULL, u->marks, q0, q0 + 1, a, &unused);
    bp_letters(st, s, len, NULL, u->marks, q1 - 1, q1, &unused, e);
}

static bool cp_eq(uint32_t a, uint32_t b)
{
    return a == b && a != 0;
}

static fp_slot *fp_find(bp_state *st, uint64_t h)
{
    for (size_t k = h & (st->scap - 1); st->slot[k].head; k = (k + 1) & (st->scap - 1))
        if (st->slot[k].h == h)
            return &st->slot[k];
    return NULL;
}

static bool fp_add(bp_state *st, uint64_t h, uint32_t unit, uint32_t at)
{
    if ((st->sn + 1) * 2 > st->scap) {
        size_t nc = st->scap ? st->scap * 2 : 1024;
        fp_slot *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return false;
        for (size_t i = 0; i < st->scap; i++)
            if (st->slot[i].head) {
                size_t k = st->slot[i].h & (nc - 1);
                while (ns[k].head)
                    k = (k + 1) & (nc - 1);
                ns[k] = st->slot[i];
            }
        free(st->slot);
        st->slot = ns;
        st->scap = nc;
    }
    fp_slot *s = fp_find(st, h);
    if (s && s->count >= FP_CHAIN)
        return true;
    if (st->nocc == st->occcap) {
        size_t nc = st->occcap ? st->occcap * 2 : 1024;
        fp_occ *no = realloc(st->occ, nc * sizeof *no);
        if (!no)
            return false;
        st->occ = no;
        st->occcap = nc;
    }
    fp_occ *o = &st->occ[st->nocc];
    o->unit = unit;
    o->at = at;
    o->next = 0;
    uint32_t idx = (uint32_t)(st->nocc + 1);
    st->nocc++;
    if (s) {
        st->occ[s->tail - 1].next = idx;
        s->tail = idx;
        s->count++;
        return true;
    }
    size_t k = h & (st->scap - 1);
    while (st->slot[k].head)
        k = (k + 1) & (st->scap - 1);
    st->slot[k].h = h;
    st->slot[k].head = st->slot[k].tail = idx;
    st->slot[k].count = 1;
    st->sn++;
    return true;
}

typedef struct fp {
    uint32_t pos;
    uint64_t h;
} fp;

/* Winnowing: the rightmost minimal k-gram hash of every window of w
 * consecutive k-grams.  k-grams across a barrier are never chosen.  The
 * fingerprints go to st->fps, which with the hash and window buffers is
 * sized once for the longest unit (bp_alloc_fp) rather than allocated per
 * unit. */
static fp *bp_fingerprints(bp_state *st, const bp_unit *u, size_t *count)
{
    size_t k = st->k, w = st->w;
    *count = 0;
    if (u->n < k || u->n - k + 1 > st->fpcap)
        return NULL;
    size_t m = u->n - k + 1;
    uint64_t *restrict hv = st->hv;
    uint32_t *restrict dq = st->dq;
    fp *restrict out = st->fps;
    const uint32_t *restrict cp = u->cp;
    const uint64_t B = 1000003ull;
    uint64_t pw = 1;
    for (size_t i = 1; i < k; i++)
        pw *= B;
    /* the k-gram at s is valid when no barrier is in [s, s + k): when
     * after_barrier (the position after the latest barrier seen) <= s */
    uint64_t h = 0;
    size_t after_barrier = 0;
    for (size_t i = 0; i < k; i++) {
        h = h * B + cp[i];
        if (cp[i] == 0)
            after_barrier = i + 1;
    }
    for (size_t s = 0;; s++) {
        uint64_t x = mix64(h);
        hv[s] = after_barrier > s ? UINT64_MAX : x == UINT64_MAX ? x - 1 : x;
        if (s + 1 == m)
            break;
        size_t i = s + k; /* the letter entering the next k-gram */
        h = (h - (uint64_t)cp[s] * pw) * B + cp[i];
        if (cp[i] == 0)
            after_barrier = i + 1;
    }
    size_t head = 0, tail = 0, n = 0;
    size_t last = (size_t)-1;
    for (size_t i = 0; i < m; i++) {
        uint64_t hi = hv[i];
        while (tail > head && hv[dq[tail - 1]] >= hi)
            tail--;
        dq[tail++] = (uint32_t)i;
        if (i >= w && dq[head] <= i - w)
            head++;
        if (i + 1 >= w) {
            size_t sel = dq[head];
            if (sel != last && hv[sel] != UINT64_MAX) {
                out[n].pos = (uint32_t)sel;
                out[n].h = hv[sel];
                n++;
            }
            last = sel;
        }
    }
    *count = n;
    return out;
}

/* The buffers of bp_fingerprints(), for the longest unit scanned. */
static int bp_alloc_fp(bp_state *st)
{
    size_t most = 0;
    for (size_t i = 0; i < st->nu; i++)
        if (st->u[i].n >= st->min_len && st->u[i].n - st->k + 1 > most)
            most = st->u[i].n - st->k + 1;
    if (most == 0)
        return 0;
    st->hv = malloc(most * sizeof *st->hv);
    st->dq = malloc(most * sizeof *st->dq);
    st->fps = malloc(most * sizeof *st->fps);
    if (!st->hv || !st->dq || !st->fps)
        return PBLINT_ENOMEM;
    st->fpcap = most;
    return 0;
}

static bool bp_spans_overlap(pblint_span a, pblint_span b)
{
    return a.start < b.end && b.start < a.end;
}

static void put_unit_name(dbuf *b, const pblint_doc *doc, const bp_unit *u)
{
    if (u->role < 0) {
        if (u->field_key) {
            const pblint_field *f = pblint_doc_field(doc, u->field_key);
            size_t kl = 0;
            const char *k = f ? pblint_text_key(pblint_field_label(f), &kl) : "";
            if (kl)
                db_put(b, k, kl);
            else
                db_puts(b, u->field_key);
        } else {
            db_puts(b, "the text");
        }
        return;
    }
    put_column_name(b, u->table, u->role);
    const pblint_cell *l3 = u->row && u->role != PBLINT_COL_LEVEL3
                                ? pblint_row_cell(u->row, PBLINT_COL_LEVEL3)
                                : NULL;
    if (pblint_table_kind(u->table) == PBLINT_TABLE_INDICATOR && l3 &&
        !pblint_text_empty(pblint_cell_text(l3))) {
        db_puts(b, " of indicator ");
        put_cell_quoted(b, doc, l3, 30);
        return;
    }
    db_puts(b, " (");
    db_puts(b, table_title(pblint_table_kind(u->table)));
    db_puts(b, " table)");
}

static int bp_report(pblint_check *chk, const pblint_doc *doc, const bp_state *st,
                     const bp_unit *u, size_t q0, size_t q1, const bp_unit *v, size_t p0,
                     size_t p1, dbuf *tmp)
{
    uint32_t a, e, va, ve;
    bp_bytes(st, u, q0, q1, &a, &e);
    bp_bytes(st, v, p0, p1, &va, &ve);
    size_t tl = 0;
    const char *ts = pblint_text_str(u->text, &tl);
    size_t nchars = u8_count(ts + a, e - a);
    pblint_span sp = pblint_text_map(u->text, a, e - a);
    pblint_span sp0 = pblint_text_map(v->text, va, ve - va);
    db_truncate(tmp, 0);
    db_puts(tmp, "passage of ");
    char num[24];
    snprintf(num, sizeof num, "%zu", nchars);
    db_puts(tmp, num);
    db_puts(tmp, " characters in ");
    put_unit_name(tmp, doc, u);
    db_puts(tmp, " repeats ");
    put_unit_name(tmp, doc, v);
    snprintf(num, sizeof num, "%u", line_of(doc, sp0.start));
    db_puts(tmp, " at line ");
    db_puts(tmp, num);
    db_puts(tmp, ": “");
    put_quote_ends(tmp, doc, u->text, a, e - a, 12);
    db_puts(tmp, "”");
    if (tmp->fail)
        return PBLINT_ENOMEM;
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, sp, "%s", db_str(tmp));
    if (d) {
        db_truncate(tmp, 0);
        put_unit_name(tmp, doc, v);
        pblint_diag_add_note(d, sp0, "first written here, in %s", db_str(tmp));
    }
    return 0;
}

static int bp_add_unit(bp_state *st, const bp_unit *src)
{
    if (st->nu == st->ucap) {
        size_t nc = st->ucap ? st->ucap * 2 : 32;
        bp_unit *nu = realloc(st->u, nc * sizeof *nu);
        if (!nu)
            return PBLINT_ENOMEM;
        st->u = nu;
        st->ucap = nc;
    }
    st->u[st->nu++] = *src;
    return 0;
}

static int bp_collect(bp_state *st, pblint_check *chk, const pblint_doc *doc)
{
    size_t np = 0;
    para_ref *paras = collect_paragraphs(doc, &np);
    if (!paras)
        return PBLINT_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < np && rc == 0; i++) {
        if (paras[i].field_key &&
            opt_list_has(chk, "skip-fields", default_skip_fields, paras[i].field_key))
            continue;
        size_t tl = 0;
        pblint_text_str(paras[i].text, &tl);
        if (tl < st->min_len)
            continue;
        bp_unit u;
        memset(&u, 0, sizeof u);
        u.text = paras[i].text;
        u.span = paras[i].span;
        u.field_key = paras[i].field_key;
        u.role = -1;
        rc = bp_add_unit(st, &u);
    }
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && rc == 0; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!t)
            continue;
        int kind = pblint_table_kind(t);
        size_t nr = pblint_table_row_count(t);
        /* only tables with long prose cells are looked at */
        bool any = false;
        for (size_t ri = 0; ri < nr && !any; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            size_t nc = r && pblint_row_kind(r) == PBLINT_ROW_DATA ? pblint_row_cell_count(r) : 0;
            for (size_t ci = 0; ci < nc && !any; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                size_t tl = 0;
                if (bp_role(pblint_cell_role(c)))
                    pblint_text_str(pblint_cell_text(c), &tl);
                any = tl >= st->min_len;
            }
        }
        if (!any)
            continue;
        /* a repeated row is duplicate-row's finding, not boilerplate */
        const long *dup = NULL;
        if (kind == PBLINT_TABLE_SAFEGUARD || kind == PBLINT_TABLE_BREAKDOWN ||
            kind == PBLINT_TABLE_INDICATOR)
            dup = dups_of(chk, doc, ti, kind == PBLINT_TABLE_INDICATOR ? KEY_IDENTITY : KEY_FULL,
                          &rc);
        for (size_t ri = 0; ri < nr && rc == 0; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (!r || pblint_row_kind(r) != PBLINT_ROW_DATA || (dup && dup[ri] >= 0))
                continue;
            uint64_t l3 = 0;
            if (kind == PBLINT_TABLE_INDICATOR) {
                const pblint_cell *c = pblint_row_cell(r, PBLINT_COL_LEVEL3);
                size_t kl = 0;
                const char *k = pblint_text_key(c ? pblint_cell_text(c) : NULL, &kl);
                if (kl)
                    l3 = key_hash(k, kl) | 1; /* 0 is "no 三级 name" */
            }
            size_t nc = pblint_row_cell_count(r);
            for (size_t ci = 0; ci < nc && rc == 0; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                int role = pblint_cell_role(c);
                if (!bp_role(role))
                    continue;
                const pblint_text *tx = pblint_cell_text(c);
                size_t tl = 0;
                pblint_text_str(tx, &tl);
                if (tl < st->min_len || overlaps_paragraph(paras, np, pblint_text_span(tx)))
                    continue;
                bp_unit u;
                memset(&u, 0, sizeof u);
                u.text = tx;
                u.span = pblint_text_span(tx);
                u.table = t;
                u.row = r;
                u.role = role;
                u.l3 = l3;
                rc = bp_add_unit(st, &u);
            }
        }
    }
    free(paras);
    if (rc == 0 && st->nu > 1) /* with no unit, st->u is NULL: not for qsort() */
        qsort(st->u, st->nu, sizeof *st->u, cmp_unit);
    return rc;
}

/* Two texts that are the same indicator restated (the target table and the
 * completion table of a self-evaluation) are not boilerplate. */
static bool bp_pair_excluded(const bp_unit *u, const bp_unit *v)
{
    if (bp_spans_overlap(u->span, v->span))
        return true;
    return u->l3 && u->l3 == v->l3 && u->role == v->role;
}

static int bp_scan_unit(pblint_check *chk, const pblint_doc *doc, bp_state *st, size_t ui,
                        dbuf *tmp)
{
    bp_unit *u = &st->u[ui];
    size_t nf = 0;
    fp *fps = bp_fingerprints(st, u, &nf);
    if (!fps)
        return 0; /* fewer letters than a k-gram (the buffers fit every unit scanned) */
    const size_t left_cap = 4 * st->min_len;
    size_t done = 0; /* u[0..done) is covered by a reported passage */
    int rc = 0;
    /* Diagonals already followed (earlier unit, p - q): a later fingerprint
     * on the same run of equal characters can only find the same passage
     * or a shorter one, while `done` stays where it is.  Following it again
     * cost a cache miss per candidate, which made big files slow. */
    struct {
        uint32_t unit; /* + 1; 0 = empty */
        int64_t diag;
        size_t until; /* the run ended before u[until] */
    } seen[64];
    memset(seen, 0, sizeof seen);
    for (size_t f = 0; f < nf && rc == 0 && st->scap; f++) {
        size_t q = fps[f].pos;
        if (q < done)
            continue;
        fp_slot *s = fp_find(st, fps[f].h);
        if (!s)
            continue;
        /* the earlier occurrences, gathered first so that their letters
         * are fetched together: on a big filing each is a cache miss */
        fp_occ cand[FP_CHAIN];
        size_t ncand = 0;
        for (uint32_t oi = s->head; oi && ncand < FP_CHAIN; oi = st->occ[oi - 1].next)
            cand[ncand++] = st->occ[oi - 1];
        const uint32_t *L = st->letters;
        for (size_t c = 0; c < ncand; c++)
            __builtin_prefetch(&L[cand[c].at - 1]);
        size_t best_len = 0, bq0 = 0, bg0 = 0;
        const bp_unit *bv = NULL;
        for (size_t c = 0; c < ncand; c++) {
            const fp_occ *o = &cand[c];
            size_t g = o->at; /* in L */
            int64_t diag = (int64_t)g - (int64_t)(u->base + q);
            size_t slot = ((size_t)o->unit * 31u + (size_t)diag) & 63u;
            if (seen[slot].unit == o->unit + 1 && seen[slot].diag == diag && seen[slot].until > q)
                continue;
            /* the barriers around each unit in L end the runs at its ends */
            size_t l = 0;
            while (l < left_cap && q - l > done && cp_eq(u->cp[q - l - 1], L[g - l - 1]))
                l++;
            /* It beats the best so far only with r > need: one letter
             * tells when it cannot, before the run is followed.  A big
             * filing that repeats itself offers many candidates as good as
             * the best (the same sentence copied again), and following
             * each of them cost as much as the passage. */
            size_t need = best_len > l ? best_len - l : 0;
            if (need > 0 && (q + need >= u->n || g + need >= st->nletters ||
                             !cp_eq(u->cp[q + need], L[g + need])))
                continue;
            const bp_unit *v = &st->u[o->unit];
            if (bp_pair_excluded(u, v))
                continue;
            size_t r = 0;
            while (q + r < u->n && cp_eq(u->cp[q + r], L[g + r]))
                r++;
            seen[slot].unit = o->unit + 1;
            seen[slot].diag = diag;
            seen[slot].until = q + r;
            if (l + r > best_len) {
                best_len = l + r;
                bq0 = q - l;
                bg0 = g - l;
                bv = v;
            }
        }
        if (!bv || best_len < st->min_len)
            continue;
        size_t bp0 = bg0 - bv->base;
        rc = bp_report(chk, doc, st, u, bq0, bq0 + best_len, bv, bp0, bp0 + best_len, tmp);
        done = bq0 + best_len;
        memset(seen, 0, sizeof seen); /* a new `done` bounds the passages anew */
    }
    for (size_t f = 0; f < nf && rc == 0; f++)
        if (!fp_add(st, fps[f].h, (uint32_t)ui, (uint32_t)(u->base + fps[f].pos)))
            rc = PBLINT_ENOMEM;
    return rc;
}

static int check_boilerplate(pblint_check *chk, const pblint_doc *doc)
{
    bp_state st;
    memset(&st, 0, sizeof st);
    st.min_len = opt_size(chk, "min-length", 40, 8, 100000);
    st.k = st.min_len / 2;
    if (st.k > 20)
        st.k = 20;
    st.w = st.min_len - st.k + 1;
    const char *ign = pblint_check_option(chk, "ignore-chars");
    if (!ign)
        ign = "等的";
    for (size_t i = 0, n = strlen(ign); i < n && st.nignore < 32;) {
        uint32_t c;
        i += u8_next(ign, n, i, &c);
        if (c != ',' && c != ' ') {
            st.ignore[st.nignore++] = c;
            st.ignore_bits |= (uint64_t)1 << (c & 63);
        }
    }
    dbuf tmp = {0};
    int rc = bp_collect(&st, chk, doc);
    if (rc == 0)
        rc = bp_strip_all(&st);
    /* the table, sized for the fingerprints a filing gives (winnowing keeps
     * about 2 / (w + 1) of the k-grams), half full at most; past 65,536
     * slots it grows as it fills, since a big document repeats itself and
     * has far fewer distinct fingerprints than fingerprints */
    size_t letters = 0;
    for (size_t i = 0; i < st.nu; i++)
        if (st.u[i].n >= st.min_len)
            letters += st.u[i].n;
    if (rc == 0 && letters > 0) {
        size_t want = 2 * (2 * letters / (st.w + 1) + 16), cap = 64;
        while (cap < want && cap < ((size_t)1 << 16))
            cap *= 2;
        if (!(st.slot = calloc(cap, sizeof *st.slot)))
            rc = PBLINT_ENOMEM;
        else
            st.scap = cap;
    }
    if (rc == 0)
        rc = bp_alloc_fp(&st);
    for (size_t i = 0; i < st.nu && rc == 0; i++)
        if (st.u[i].n >= st.min_len)
            rc = bp_scan_unit(chk, doc, &st, i, &tmp);
    for (size_t i = 0; i < st.nu; i++) {
        free(st.u[i].marks);
    }
    free(st.letters);
    free(st.u);
    free(st.slot);
    free(st.occ);
    free(st.hv);
    free(st.dq);
    free(st.fps);
    free(tmp.p);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The plugin                                                          */
/* ------------------------------------------------------------------ */

static const pblint_rule_desc rules[] = {
    {"duplicate-row", "a table row repeats an earlier row of the same table", PBLINT_SEV_WARNING,
     check_duplicate_row, PBLINT_RULE_FIXABLE, {0}},
    {"duplicate-indicator", "the same 三级 indicator appears twice in one table with different values",
     PBLINT_SEV_WARNING, check_duplicate_indicator, 0, {0}},
    {"repeated-phrase", "a phrase is written twice in a row, a copy-paste slip", PBLINT_SEV_WARNING,
     check_repeated_phrase, PBLINT_RULE_FIXABLE, {0}},
    {"boilerplate-across-fields", "a long passage is pasted into several fields", PBLINT_SEV_NOTE,
     check_boilerplate, 0, {0}},
};

static const pblint_plugin_desc plugin =
    PBLINT_PLUGIN_DESC_INIT("duplicates", "1.0.0", "duplicated rows and copy-pasted text", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

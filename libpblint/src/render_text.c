/*
 * GCC-style text output:
 *
 *   PATH:LINE:COL: warning: MESSAGE [RULE-ID]
 *      66 | source line, tabs expanded
 *         |         ^~~~~~
 *         |         replacement text
 *   PATH:LINE:COL: note: MESSAGE
 *   fix-it:"PATH":{L1:C1-L2:C2}:"TEXT"
 *
 * The locus column is in the unit the caller asks for; excerpts are laid
 * out in display cells (tab to the next multiple of 8, wide characters 2
 * cells) so that the caret sits under the character it points at; fix-it
 * lines always use 1-based byte columns, half-open, as GCC and clang do.
 *
 * Excerpt details (following GCC's diagnostic-show-locus where it applies):
 *  - margin: the line number right-aligned in 5 columns (wider for lines
 *    past 99999) then " | "; the lines below it get the same width of
 *    spaces plus one, then "| ";
 *  - trailing white space of the source line is not printed (GCC does the
 *    same), tabs are printed as spaces;
 *  - control characters (C0 except tab, DEL, C1), bidirectional embedding
 *    and isolate controls (U+202A..U+202E, U+2066..U+2069) and invalid
 *    UTF-8 are printed as U+FFFD, one cell wide, so that a filing cannot
 *    drive the terminal and the caret still lines up;
 *  - a span that runs past the end of its first line is underlined to the
 *    end of that line; an empty span gets a lone '^';
 *  - a line wider than PB_EXCERPT_MAX_COLS cells is shown as a window of
 *    PB_EXCERPT_WINDOW cells that starts up to PB_EXCERPT_BEFORE cells
 *    before the caret, with "..." where text was cut off;
 *  - fix-its that replace or insert text within the excerpt line (not
 *    deletions, not text with line breaks, tabs or control characters) are
 *    shown under the caret line at the column of the edit, several on one
 *    line when at least one blank cell separates them.  This is part of the excerpt (as in
 *    GCC), independent of opts->fixits, which controls the fix-it: lines.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>

#define PB_SGR_LOCUS "\033[01m"
#define PB_SGR_ERROR "\033[01;31m"
#define PB_SGR_WARNING "\033[01;35m"
#define PB_SGR_NOTE "\033[01;36m"
#define PB_SGR_CARET "\033[01;32m"
#define PB_SGR_FIXIT "\033[32m" /* GCC_COLORS fixit-insert=32 */
#define PB_SGR_RESET "\033[m"

#define PB_EXCERPT_MAX_COLS 512u
#define PB_EXCERPT_WINDOW 256u
#define PB_EXCERPT_BEFORE 64u
#define PB_MARGIN_MIN 5u

/* GCC writes non-ASCII bytes of fix-it text as octal escapes; pblint keeps
 * valid UTF-8 as is (readable, and any C-escape reader gets the same
 * bytes).  Set to 1 for byte-for-byte GCC behaviour. */
#ifndef PB_FIXIT_ESCAPE_UTF8
#define PB_FIXIT_ESCAPE_UTF8 0
#endif

#define PB_REPLACEMENT_CHAR "\xef\xbf\xbd" /* U+FFFD */

typedef struct pb_render {
    const pb_source *src;
    const char *path;
    const pblint_text_options *o;
    FILE *out;
} pb_render;

static void sgr(const pb_render *r, const char *code)
{
    if (r->o->color)
        fputs(code, r->out);
}

static void spaces(FILE *out, unsigned n)
{
    while (n-- > 0)
        putc(' ', out);
}

/* ---------------------------------------------------------------- UTF-8 */

/* Decodes one UTF-8 sequence at s[0, avail); returns its length (>= 1) and
 * the code point in *cp, or -1 for an invalid sequence (length 1). */
static size_t u8_decode(const unsigned char *s, size_t avail, int32_t *cp)
{
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        goto bad;
    }
    if (avail < n)
        goto bad;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            goto bad;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = (int32_t)v;
    return n;
bad:
    *cp = -1;
    return 1;
}

/* Characters an excerpt shows as U+FFFD. */
static bool shown_as_replacement(int32_t cp)
{
    return cp < 0 || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

typedef struct pb_ch {
    size_t n;   /* bytes */
    int32_t cp; /* -1 if invalid */
    unsigned w; /* display cells */
} pb_ch;

/* The character at text[i] (i < end), at display column col. */
static void char_at(const char *text, size_t i, size_t end, unsigned col, pb_ch *ch)
{
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c < 0x7f) { /* printable ASCII: the most common */
        ch->n = 1;
        ch->cp = c;
        ch->w = 1;
        return;
    }
    ch->n = u8_decode((const unsigned char *)text + i, end - i, &ch->cp);
    if (shown_as_replacement(ch->cp))
        ch->w = 1;
    else
        ch->w = pb_cp_advance(ch->cp, col) - col;
}

/*
 * Display column (0-based) of byte `off` of a line: of the character that
 * contains it, or, with round_up, of the first character boundary at or
 * after it.  Offsets at or past the line's end give the line's width.
 */
static unsigned col_at(const pb_source *src, pblint_span ln, uint32_t off, bool round_up)
{
    unsigned col = 0;
    size_t i = ln.start;
    while (i < ln.end && i < off) {
        pb_ch ch;
        char_at(src->text, i, ln.end, col, &ch);
        if (off < i + ch.n)
            return round_up ? col + ch.w : col;
        col += ch.w;
        i += ch.n;
    }
    return col;
}

static void put_char(FILE *out, const char *text, size_t i, const pb_ch *ch)
{
    if (ch->cp == '\t')
        spaces(out, ch->w);
    else if (shown_as_replacement(ch->cp))
        fputs(PB_REPLACEMENT_CHAR, out);
    else
        fwrite(text + i, 1, ch->n, out);
}

static bool trailing_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static unsigned num_digits(unsigned v)
{
    unsigned n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* --------------------------------------------------------------- excerpt */

typedef struct pb_hint {
    const char *text;
    unsigned col, w;
    bool done;
} pb_hint;

/* Text that can be drawn on one line of an excerpt. */
static bool hint_drawable(const char *s)
{
    if (!*s)
        return false;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += u8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp == '\t' || shown_as_replacement(cp))
            return false;
    }
    return true;
}

typedef struct pb_layout {
    pblint_span ln;   /* the excerpt line, line ending excluded */
    unsigned margin;  /* line-number width */
    bool lead;        /* "..." printed before the text */
    unsigned first;   /* display column of the first printed character */
    unsigned limit;   /* display column where printing stopped (UINT_MAX: the end) */
} pb_layout;

static void annotation_prefix(const pb_render *r, const pb_layout *lay)
{
    spaces(r->out, lay->margin + 1);
    fputs("| ", r->out);
    if (lay->lead)
        spaces(r->out, 3);
}

static void print_fixit_hints(const pb_render *r, const pb_layout *lay, const pblint_diag *d)
{
    pb_hint *h = malloc(d->nfixits * sizeof *h);
    if (!h)
        return;
    size_t nh = 0;
    for (size_t i = 0; i < d->nfixits; i++) {
        const pb_fixit *fx = &d->fixits[i];
        if (fx->span.start < lay->ln.start || fx->span.end > lay->ln.end ||
            !hint_drawable(fx->text))
            continue;
        unsigned col = col_at(r->src, lay->ln, fx->span.start, false);
        if (col < lay->first || col >= lay->limit)
            continue;
        h[nh].text = fx->text;
        h[nh].col = col;
        h[nh].w = pb_display_advance(fx->text, 0, strlen(fx->text), col) - col;
        h[nh].done = false;
        nh++;
    }
    /* Edits are sorted by position: lay them out greedily, left to right,
     * keeping at least one blank cell between two texts on a line, and
     * start one more line for those that would collide. */
    for (size_t left = nh; left > 0;) {
        annotation_prefix(r, lay);
        unsigned at = lay->first;
        bool placed = false;
        for (size_t i = 0; i < nh; i++) {
            if (h[i].done || h[i].col < at + (placed ? 1u : 0u))
                continue;
            placed = true;
            spaces(r->out, h[i].col - at);
            sgr(r, PB_SGR_FIXIT);
            fputs(h[i].text, r->out);
            sgr(r, PB_SGR_RESET);
            at = h[i].col + h[i].w;
            h[i].done = true;
            left--;
        }
        putc('\n', r->out);
    }
    free(h);
}

/* The source line of span.start with a caret line under the span, and the
 * fix-it hints of d (if given) that fall on that line. */
static void print_excerpt(const pb_render *r, pblint_span span, const pblint_diag *d)
{
    const pb_source *src = r->src;
    FILE *out = r->out;
    if (!src->text || src->nlines == 0)
        return;
    unsigned line = 0, bcol = 0;
    pb_source_position(src, span.start, PBLINT_COLUMN_BYTE, &line, &bcol);
    if (line < 1 || line > src->nlines)
        return;
    pb_layout lay;
    lay.ln = pb_source_line(src, line);
    if (lay.ln.end < lay.ln.start || lay.ln.end > src->len)
        return;

    uint32_t s = span.start, e = span.end;
    if (s < lay.ln.start)
        s = lay.ln.start;
    if (s > lay.ln.end)
        s = lay.ln.end;
    if (e > lay.ln.end)
        e = lay.ln.end; /* several lines: underline to the end of the first */
    if (e < s)
        e = s;
    unsigned c0 = col_at(src, lay.ln, s, false);
    unsigned c1 = span.end > span.start ? col_at(src, lay.ln, e, true) : c0;

    uint32_t vis = lay.ln.end;
    while (vis > lay.ln.start && trailing_blank(src->text[vis - 1]))
        vis--;
    unsigned vwidth = col_at(src, lay.ln, vis, false);

    unsigned w0 = 0, w1 = UINT_MAX;
    if (vwidth > PB_EXCERPT_MAX_COLS) {
        w0 = c0 > PB_EXCERPT_BEFORE ? c0 - PB_EXCERPT_BEFORE : 0;
        if (w0 + PB_EXCERPT_WINDOW > vwidth)
            w0 = vwidth - PB_EXCERPT_WINDOW;
        w1 = w0 + PB_EXCERPT_WINDOW;
    }

    /* The source line. */
    lay.margin = num_digits(line);
    if (lay.margin < PB_MARGIN_MIN)
        lay.margin = PB_MARGIN_MIN;
    lay.lead = w0 > 0;
    lay.first = UINT_MAX;
    lay.limit = UINT_MAX;
    fprintf(out, "%*u | ", (int)lay.margin, line);
    if (lay.lead)
        fputs("...", out);
    unsigned col = 0;
    for (size_t i = lay.ln.start; i < vis;) {
        pb_ch ch;
        char_at(src->text, i, lay.ln.end, col, &ch);
        if (col >= w0) {
            if (col + ch.w > w1) {
                lay.limit = col;
                break;
            }
            if (lay.first == UINT_MAX)
                lay.first = col;
            put_char(out, src->text, i, &ch);
        }
        col += ch.w;
        i += ch.n;
    }
    if (lay.first == UINT_MAX)
        lay.first = col > w0 ? col : w0;
    if (lay.limit != UINT_MAX)
        fputs("...", out);
    putc('\n', out);

    /* The caret line. */
    annotation_prefix(r, &lay);
    if (c0 > lay.first)
        spaces(out, c0 - lay.first);
    if (c1 > lay.limit)
        c1 = lay.limit;
    sgr(r, PB_SGR_CARET);
    putc('^', out);
    for (unsigned k = c0 + 1; k < c1; k++)
        putc('~', out);
    sgr(r, PB_SGR_RESET);
    putc('\n', out);

    if (d && d->nfixits > 0)
        print_fixit_hints(r, &lay, d);
}

/* -------------------------------------------------------------- headers */

static const char *severity_word(int sev)
{
    if (sev >= PBLINT_SEV_ERROR)
        return "error";
    if (sev == PBLINT_SEV_WARNING)
        return "warning";
    return "note";
}

static const char *severity_sgr(int sev)
{
    if (sev >= PBLINT_SEV_ERROR)
        return PB_SGR_ERROR;
    if (sev == PBLINT_SEV_WARNING)
        return PB_SGR_WARNING;
    return PB_SGR_NOTE;
}

/* PATH:LINE:COL: SEVERITY: MESSAGE [RULE]  (no bracket when rule is NULL) */
static void print_header(const pb_render *r, uint32_t off, int sev, const char *message,
                         const char *rule)
{
    FILE *out = r->out;
    unsigned line = 0, col = 0;
    pb_source_position(r->src, off, r->o->column_unit, &line, &col);
    sgr(r, PB_SGR_LOCUS);
    fprintf(out, "%s:%u:%u:", r->path, line, col);
    sgr(r, PB_SGR_RESET);
    putc(' ', out);
    sgr(r, severity_sgr(sev));
    fprintf(out, "%s: ", severity_word(sev));
    sgr(r, PB_SGR_RESET);
    fputs(message ? message : "", out);
    if (rule && *rule) {
        fputs(" [", out);
        sgr(r, severity_sgr(sev));
        fputs(rule, out);
        sgr(r, PB_SGR_RESET);
        putc(']', out);
    }
    putc('\n', out);
}

/* -------------------------------------------------------------- fix-its */

/* A C string literal: \\ \" \n \t, other non-printable bytes as \ooo,
 * valid UTF-8 sequences as they are (see PB_FIXIT_ESCAPE_UTF8). */
static void put_escaped(FILE *out, const char *s)
{
    size_t len = strlen(s);
    putc('"', out);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            fputs("\\\\", out);
        } else if (c == '"') {
            fputs("\\\"", out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c >= 0x20 && c < 0x7F) {
            putc(c, out);
        } else if (c >= 0x80 && !PB_FIXIT_ESCAPE_UTF8) {
            int32_t cp;
            size_t n = u8_decode((const unsigned char *)s + i, len - i, &cp);
            if (cp >= 0) {
                fwrite(s + i, 1, n, out);
                i += n;
                continue;
            }
            fprintf(out, "\\%03o", c);
        } else {
            fprintf(out, "\\%03o", c);
        }
        i++;
    }
    putc('"', out);
}

/*
 * Exact 1-based line and byte column of an edit boundary.  Unlike the
 * locus (pb_source_position), an offset inside or after a line ending is
 * not clamped to the end of the line's text, or applying the edit would
 * keep a line break it removes.  The end of a text that ends with a line
 * break is the start of the line after the last: {N+1:1}.
 */
static void byte_position(const pb_source *src, uint32_t off, unsigned *line, unsigned *col)
{
    if (off > src->len)
        off = (uint32_t)src->len;
    if (!src->line_start || src->nlines == 0) {
        *line = 1;
        *col = off + 1;
        return;
    }
    if (off == src->len && off > 0 && (src->text[off - 1] == '\n' || src->text[off - 1] == '\r') &&
        src->line_start[src->nlines - 1] < off) {
        *line = src->nlines + 1;
        *col = 1;
        return;
    }
    unsigned lo = 0, hi = src->nlines; /* the last line_start <= off is in [lo, hi) */
    while (hi - lo > 1) {
        unsigned mid = lo + (hi - lo) / 2;
        if (src->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = off - src->line_start[lo] + 1;
}

static void print_fixit_line(const pb_render *r, const pb_fixit *fx)
{
    unsigned l1 = 0, c1 = 0, l2 = 0, c2 = 0;
    byte_position(r->src, fx->span.start, &l1, &c1);
    byte_position(r->src, fx->span.end, &l2, &c2);
    fputs("fix-it:", r->out);
    put_escaped(r->out, r->path);
    fprintf(r->out, ":{%u:%u-%u:%u}:", l1, c1, l2, c2);
    put_escaped(r->out, fx->text ? fx->text : "");
    putc('\n', r->out);
}

/* --------------------------------------------------------------- public */

int pblint_render_text(const pblint_result *res, const pblint_text_options *opts, FILE *out)
{
    static const pblint_text_options defaults = PBLINT_TEXT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (!res || !res->doc || !out || opts->version != PBLINT_TEXT_OPTIONS_VERSION)
        return PBLINT_EINVAL;
    if (opts->column_unit < PBLINT_COLUMN_DISPLAY || opts->column_unit > PBLINT_COLUMN_UTF16)
        return PBLINT_EINVAL;

    const pblint_doc *doc = res->doc;
    pb_render r;
    r.src = &doc->src;
    r.path = doc->src.name ? doc->src.name : "<input>";
    r.o = opts;
    r.out = out;

    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!d || d->severity < opts->min_severity)
            continue;
        print_header(&r, d->span.start, d->severity, d->message, d->rule);
        if (opts->excerpt)
            print_excerpt(&r, d->span, d);
        for (size_t k = 0; k < d->nnotes; k++) {
            print_header(&r, d->notes[k].span.start, PBLINT_SEV_NOTE, d->notes[k].message, NULL);
            if (opts->excerpt)
                print_excerpt(&r, d->notes[k].span, NULL);
        }
        if (opts->fixits)
            for (size_t k = 0; k < d->nfixits; k++)
                print_fixit_line(&r, &d->fixits[k]);
    }
    if (fflush(out) != 0 || ferror(out))
        return PBLINT_EIO;
    return 0;
}

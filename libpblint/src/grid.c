/*
 * Text -> rows and cells.
 *
 * Word-to-text converters write a table in one of two ways:
 *   - one row per line, cells separated by tabs (a leading tab = an empty
 *     first cell, usually the continuation of a vertically merged cell);
 *   - one cell per line, each line starting with a tab, rows separated by
 *     blank lines.
 * Everything else is prose.  This file only finds rows and cells; what they
 * mean is decided in model.c, so that a .docx/.xlsx reader can hand the
 * model the same grid.
 */
#include "internal.h"

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* True when text[s, e) holds only white space (ASCII or U+3000). */
static bool blank_range(const char *t, size_t s, size_t e)
{
    size_t i = s;
    while (i < e) {
        if (is_space_byte(t[i])) {
            i++;
        } else if (e - i >= 3 && (unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0x80) {
            i += 3;
        } else if (e - i >= 2 && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0) {
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

typedef struct line_info {
    uint32_t start, end; /* content, without the line ending */
    uint32_t next;       /* start of the next line */
    int cls;             /* BLANK, PROSE, TABS, or CELL (one leading tab, no other tab) */
} line_info;

enum { CLS_BLANK, CLS_PROSE, CLS_TABS, CLS_CELL };

static int classify(const char *t, uint32_t s, uint32_t e)
{
    /* a lone tab is an empty cell of the cell-per-line layout */
    if (e > s && t[s] == '\t' && blank_range(t, s + 1, e) && !memchr(t + s + 1, '\t', e - s - 1))
        return CLS_CELL;
    if (blank_range(t, s, e))
        return CLS_BLANK;
    const char *tab = memchr(t + s, '\t', e - s);
    if (!tab)
        return CLS_PROSE;
    if (tab == t + s && !memchr(t + s + 1, '\t', e - s - 1))
        return CLS_CELL;
    return CLS_TABS;
}

static int push_row(pb_grid *g, size_t *cap, pb_grid_row row)
{
    if (g->nrows < *cap) { /* nearly always: no call to grow */
        g->rows[g->nrows++] = row;
        return 0;
    }
    return PB_PUSH(g->rows, g->nrows, *cap, row);
}

/* Splits a tab-separated line into cells, dropping trailing empty cells. */
static int split_tabs(pb_arena *a, const char *t, uint32_t s, uint32_t e, pb_grid_row *row)
{
    /* the tabs found with memchr(): a line is mostly text between them.
     * The cells of a line of up to PB_ARRAY_LEN(local) are found in one
     * pass and then copied; a longer line is passed over twice. */
    pblint_span local[64];
    size_t n = 0;
    uint32_t cs = s;
    for (;;) {
        const char *q = memchr(t + cs, '\t', e - cs);
        uint32_t i = q ? (uint32_t)(q - t) : e;
        if (n < PB_ARRAY_LEN(local))
            local[n] = (pblint_span){cs, i};
        n++;
        if (!q)
            break;
        cs = i + 1;
    }
    row->cells = pb_alloc(a, n * sizeof(pblint_span));
    if (!row->cells)
        return PBLINT_ENOMEM;
    size_t k = 0;
    if (n <= PB_ARRAY_LEN(local)) {
        memcpy(row->cells, local, n * sizeof(pblint_span));
        k = n;
    } else {
        cs = s;
        for (;;) {
            const char *q = memchr(t + cs, '\t', e - cs);
            uint32_t i = q ? (uint32_t)(q - t) : e;
            row->cells[k].start = cs;
            row->cells[k].end = i;
            k++;
            if (!q)
                break;
            cs = i + 1;
        }
    }
    while (k > 0 && blank_range(t, row->cells[k - 1].start, row->cells[k - 1].end))
        k--;
    row->ncells = k;
    row->leading_tab = (t[s] == '\t');
    return 0;
}

int pb_grid_read(const pb_source *src, pb_arena *a, pb_grid *out)
{
    const char *t = src->text;
    size_t len = src->len;
    size_t cap = 0;
    out->rows = NULL;
    out->nrows = 0;

    /* First pass: classify lines. */
    unsigned nl = src->nlines;
    line_info *li = malloc((nl ? nl : 1) * sizeof(line_info));
    if (!li)
        return PBLINT_ENOMEM;
    for (unsigned i = 0; i < nl; i++) {
        uint32_t s = src->line_start[i];
        uint32_t next = (i + 1 < nl) ? src->line_start[i + 1] : (uint32_t)len;
        uint32_t e = next;
        if (e > s && t[e - 1] == '\n')
            e--;
        if (e > s && t[e - 1] == '\r')
            e--;
        li[i].start = s;
        li[i].end = e;
        li[i].next = next;
        li[i].cls = classify(t, s, e);
    }

    int rc = 0;
    for (unsigned i = 0; i < nl && rc == 0;) {
        pb_grid_row row;
        memset(&row, 0, sizeof row);
        row.first_line = row.last_line = i + 1;
        row.extent.start = li[i].start;
        row.extent.end = li[i].next;
        switch (li[i].cls) {
        case CLS_BLANK:
            row.layout = PB_LAYOUT_BLANK;
            i++;
            break;
        case CLS_PROSE:
            row.layout = PB_LAYOUT_PROSE;
            row.cells = pb_alloc(a, sizeof(pblint_span));
            if (!row.cells) {
                rc = PBLINT_ENOMEM;
                break;
            }
            row.cells[0].start = li[i].start;
            row.cells[0].end = li[i].end;
            row.ncells = 1;
            i++;
            break;
        case CLS_TABS:
            row.layout = PB_LAYOUT_TABS;
            rc = split_tabs(a, t, li[i].start, li[i].end, &row);
            i++;
            break;
        case CLS_CELL: {
            /* A run of one-cell lines.  A run of two or more, or a single
             * line standing between blank lines, is a cell-per-line row; a
             * lone one among tab rows is a tab row whose first cell is empty. */
            unsigned j = i;
            while (j < nl && li[j].cls == CLS_CELL)
                j++;
            bool before_blank = (i == 0 || li[i - 1].cls == CLS_BLANK);
            bool after_blank = (j == nl || li[j].cls == CLS_BLANK);
            /* a run touching a tab row is that table's continuation lines
             * (a converter that strips trailing tabs writes them so) */
            bool by_tabs = (i > 0 && li[i - 1].cls == CLS_TABS) || (j < nl && li[j].cls == CLS_TABS);
            if (!by_tabs && (j - i >= 2 || (before_blank && after_blank))) {
                row.layout = PB_LAYOUT_CELL_LINES;
                row.cells = pb_alloc(a, (j - i) * sizeof(pblint_span));
                if (!row.cells) {
                    rc = PBLINT_ENOMEM;
                    break;
                }
                for (unsigned k = i; k < j; k++) {
                    row.cells[k - i].start = li[k].start + 1;
                    row.cells[k - i].end = li[k].end;
                }
                row.ncells = j - i;
                /* Word writes a row's trailing empty cells too; keep them,
                 * since in this layout a cell's place is its line. */
                row.last_line = j;
                row.extent.end = li[j - 1].next;
                i = j;
            } else {
                row.layout = PB_LAYOUT_TABS;
                rc = split_tabs(a, t, li[i].start, li[i].end, &row);
                i++;
            }
            break;
        }
        }
        if (rc == 0)
            rc = push_row(out, &cap, row);
    }
    free(li);
    if (rc != 0) {
        free(out->rows);
        out->rows = NULL;
        out->nrows = 0;
    }
    return rc;
}

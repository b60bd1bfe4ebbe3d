/*
 * Applying fix-its, and showing them as a unified diff.
 *
 * Which edits are taken: the diagnostics are walked in their order (by
 * position); a diagnostic counts when its rule is flagged
 * PBLINT_RULE_FIXABLE in the context.  Its edits are taken together when
 * none of them conflicts with an edit taken before, and dropped together
 * otherwise.  Two edits conflict when they share a byte, when both insert
 * at the same offset, or when one inserts strictly inside the other's
 * span.  An insertion at either end of a replacement is no conflict (it
 * goes before or after it); an edit identical to one already taken is no
 * conflict either and is applied once.
 *
 * The taken edits never overlap, so sorted by start they are also sorted
 * by end: looking for conflicts is a binary search plus a short scan, and
 * a new edit is inserted where it belongs (usually at the end, since the
 * diagnostics come in position order).
 *
 * The diff works on whole lines (ended by LF, as patch reads them) of the
 * file's contents, BOM included: each group of edits that touch the same
 * or adjacent lines becomes a change block, and blocks closer than 2 * 3 lines share a
 * hunk, as in diff -U3.
 */
#include "internal.h"

#include <stdio.h>

#define PB_DIFF_CONTEXT 3u

typedef struct pb_edit {
    uint32_t start, end; /* in the decoded text */
    const char *text;
    size_t len;
    size_t owner; /* index into applied[] */
} pb_edit;

struct pblint_fix {
    const pblint_result *res;
    const char *name;
    char *orig; /* file contents before (BOM + text), malloc'd */
    size_t orig_len;
    char *text; /* file contents after */
    size_t len;
    uint32_t bom;
    bool changed;
    pb_edit *edits; /* taken, sorted by (start, end), insertion order kept for ties */
    size_t nedits, edits_cap;
    const pblint_diag **applied;
    size_t napplied, applied_cap;
    const pblint_diag **dropped;
    size_t ndropped, dropped_cap;
    const pblint_diag **over;
    size_t nover, over_cap;
};

/* ---------------------------------------------------------- conflicts */

static bool same_edit(const pb_edit *a, uint32_t s, uint32_t e, const char *t, size_t n)
{
    return a->start == s && a->end == e && a->len == n && memcmp(a->text, t, n) == 0;
}

static bool conflicts(const pb_edit *a, uint32_t s, uint32_t e)
{
    bool a_empty = a->start == a->end, e_empty = s == e;
    if (a_empty && e_empty)
        return a->start == s;
    if (e_empty)
        return a->start < s && s < a->end;
    if (a_empty)
        return s < a->start && a->start < e;
    return s < a->end && a->start < e;
}

/* The first taken edit whose end is >= off. */
static size_t first_ending_at_or_after(const pblint_fix *fx, uint32_t off)
{
    size_t lo = 0, hi = fx->nedits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fx->edits[mid].end < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Looks at the edit [s, e) -> t against the taken edits of other owners
 * than `self`: returns the index of one it conflicts with, or SIZE_MAX;
 * *dup tells whether an identical edit was taken already. */
static size_t find_conflict(const pblint_fix *fx, uint32_t s, uint32_t e, const char *t, size_t n,
                            size_t self, bool *dup)
{
    *dup = false;
    for (size_t i = first_ending_at_or_after(fx, s); i < fx->nedits && fx->edits[i].start <= e;
         i++) {
        const pb_edit *a = &fx->edits[i];
        if (a->owner == self)
            continue;
        if (same_edit(a, s, e, t, n)) {
            *dup = true;
            continue;
        }
        if (conflicts(a, s, e))
            return i;
    }
    return SIZE_MAX;
}

/* Inserts an edit after every taken edit with the same or a smaller key. */
static int insert_edit(pblint_fix *fx, const pb_edit *ed)
{
    size_t lo = 0, hi = fx->nedits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pb_edit *m = &fx->edits[mid];
        if (m->start < ed->start || (m->start == ed->start && m->end <= ed->end))
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = fx->nedits;
    if (PB_PUSH(fx->edits, fx->nedits, fx->edits_cap, *ed) != 0)
        return PBLINT_ENOMEM;
    if (lo < n) {
        memmove(&fx->edits[lo + 1], &fx->edits[lo], (n - lo) * sizeof fx->edits[0]);
        fx->edits[lo] = *ed;
    }
    return 0;
}

/* ------------------------------------------------------------- taking */

static bool rule_fixable(const pblint_ctx *ctx, const char *id)
{
    long i = pblint_ctx_find_rule(ctx, id);
    pblint_rule_info ri;
    if (i < 0 || pblint_ctx_rule(ctx, (size_t)i, &ri) != 0)
        return false;
    return (ri.flags & PBLINT_RULE_FIXABLE) != 0;
}

static int take(pblint_fix *fx, const pblint_diag *d)
{
    /* all or nothing: look first, then insert */
    for (size_t k = 0; k < d->nfixits; k++) {
        const pb_fixit *f = &d->fixits[k];
        const char *t = f->text ? f->text : "";
        bool dup;
        size_t c = find_conflict(fx, f->span.start, f->span.end, t, strlen(t), SIZE_MAX, &dup);
        if (c != SIZE_MAX) {
            const pblint_diag *other = fx->applied[fx->edits[c].owner];
            if (PB_PUSH(fx->dropped, fx->ndropped, fx->dropped_cap, d) != 0 ||
                PB_PUSH(fx->over, fx->nover, fx->over_cap, other) != 0)
                return PBLINT_ENOMEM;
            return 0;
        }
    }
    size_t owner = fx->napplied;
    if (PB_PUSH(fx->applied, fx->napplied, fx->applied_cap, d) != 0)
        return PBLINT_ENOMEM;
    for (size_t k = 0; k < d->nfixits; k++) {
        const pb_fixit *f = &d->fixits[k];
        pb_edit ed;
        ed.start = f->span.start;
        ed.end = f->span.end;
        ed.text = f->text ? f->text : "";
        ed.len = strlen(ed.text);
        ed.owner = owner;
        bool dup;
        find_conflict(fx, ed.start, ed.end, ed.text, ed.len, owner, &dup);
        if (!dup && insert_edit(fx, &ed) != 0)
            return PBLINT_ENOMEM;
    }
    return 0;
}

static int build_text(pblint_fix *fx, const pb_source *src)
{
    size_t len = fx->bom + src->len;
    for (size_t i = 0; i < fx->nedits; i++) {
        const pb_edit *e = &fx->edits[i];
        len = len - (e->end - e->start) + e->len;
    }
    fx->text = malloc(len + 1);
    fx->orig = malloc(fx->bom + src->len + 1);
    if (!fx->text || !fx->orig)
        return PBLINT_ENOMEM;
    memcpy(fx->orig, "\xef\xbb\xbf", fx->bom);
    memcpy(fx->orig + fx->bom, src->text, src->len);
    fx->orig_len = fx->bom + src->len;
    fx->orig[fx->orig_len] = '\0';
    size_t k = 0;
    memcpy(fx->text, "\xef\xbb\xbf", fx->bom);
    k = fx->bom;
    uint32_t at = 0;
    for (size_t i = 0; i < fx->nedits; i++) {
        const pb_edit *e = &fx->edits[i];
        memcpy(fx->text + k, src->text + at, e->start - at);
        k += e->start - at;
        memcpy(fx->text + k, e->text, e->len);
        k += e->len;
        at = e->end;
    }
    memcpy(fx->text + k, src->text + at, src->len - at);
    k += src->len - at;
    fx->text[k] = '\0';
    fx->len = k;
    fx->changed = k != fx->orig_len || memcmp(fx->text, fx->orig, k) != 0;
    return 0;
}

int pblint_fix_apply(pblint_ctx *ctx, const pblint_result *res, pblint_fix **out)
{
    if (!out)
        return PBLINT_EINVAL;
    *out = NULL;
    if (!ctx || !res || !res->doc)
        return PBLINT_EINVAL;
    const pb_source *src = &res->doc->src;
    const char *name = src->name ? src->name : "<input>";
    if (src->converted) {
        pb_ctx_seterr(ctx,
                      "%s: not fixed: the file is encoded in %s; applying the fixes would mean "
                      "re-encoding all of it (convert it to UTF-8 first)",
                      name, src->encoding);
        return PBLINT_EENCODING;
    }
    if (src->invalid_count) {
        pb_ctx_seterr(ctx,
                      "%s: not fixed: %zu invalid byte sequence%s replaced by U+FFFD when it "
                      "was read; writing the fixes back would replace them in the file too",
                      name, src->invalid_count, src->invalid_count == 1 ? " was" : "s were");
        return PBLINT_EENCODING;
    }
    pblint_fix *fx = calloc(1, sizeof *fx);
    if (!fx)
        goto oom;
    fx->res = res;
    fx->name = name;
    fx->bom = src->encoding && strcmp(src->encoding, "UTF-8 (BOM)") == 0 ? 3 : 0;
    const char *last_rule = NULL;
    bool last_fixable = false;
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!d || d->nfixits == 0)
            continue;
        if (!last_rule || strcmp(last_rule, d->rule) != 0) {
            last_rule = d->rule;
            last_fixable = rule_fixable(ctx, d->rule);
        }
        if (last_fixable && take(fx, d) != 0)
            goto oom;
    }
    if (build_text(fx, src) != 0)
        goto oom;
    *out = fx;
    return 0;
oom:
    pblint_fix_free(fx);
    pb_ctx_seterr(ctx, "%s: out of memory while applying fix-its", name);
    return PBLINT_ENOMEM;
}

const char *pblint_fix_text(const pblint_fix *fx, size_t *len)
{
    if (len)
        *len = fx ? fx->len : 0;
    return fx ? fx->text : NULL;
}

bool pblint_fix_changed(const pblint_fix *fx)
{
    return fx && fx->changed;
}

size_t pblint_fix_applied_count(const pblint_fix *fx)
{
    return fx ? fx->napplied : 0;
}

const pblint_diag *pblint_fix_applied(const pblint_fix *fx, size_t i)
{
    return fx && i < fx->napplied ? fx->applied[i] : NULL;
}

size_t pblint_fix_dropped_count(const pblint_fix *fx)
{
    return fx ? fx->ndropped : 0;
}

const pblint_diag *pblint_fix_dropped(const pblint_fix *fx, size_t i, const pblint_diag **over)
{
    if (!fx || i >= fx->ndropped) {
        if (over)
            *over = NULL;
        return NULL;
    }
    if (over)
        *over = fx->over[i];
    return fx->dropped[i];
}

void pblint_fix_free(pblint_fix *fx)
{
    if (!fx)
        return;
    free(fx->orig);
    free(fx->text);
    free(fx->edits);
    free(fx->applied);
    free(fx->dropped);
    free(fx->over);
    free(fx);
}

/* ---------------------------------------------------------------- diff */

/* Lines of a text: line i is [starts[i], starts[i + 1]) with starts[n] = len. */
typedef struct pb_lines {
    size_t *starts;
    size_t n;
    bool final_lf; /* the text ends with LF */
} pb_lines;

static int split_lines(const char *t, size_t len, pb_lines *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (t[i] == '\n')
            n++;
    if (len > 0 && t[len - 1] != '\n')
        n++;
    out->starts = malloc((n + 1) * sizeof *out->starts);
    if (!out->starts)
        return PBLINT_ENOMEM;
    size_t k = 0;
    if (len > 0)
        out->starts[k++] = 0;
    for (size_t i = 0; i + 1 < len; i++)
        if (t[i] == '\n')
            out->starts[k++] = i + 1;
    out->starts[n] = len;
    out->n = n;
    out->final_lf = len > 0 && t[len - 1] == '\n';
    return 0;
}

/* Index of the line holding off.  The end of a text that is empty or ends
 * with LF is on no line: it gives n, a virtual empty line after the last. */
static size_t line_of(const pb_lines *l, size_t off)
{
    if (l->n == 0)
        return 0;
    if (off >= l->starts[l->n])
        return l->final_lf ? l->n : l->n - 1;
    size_t lo = 0, hi = l->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* A change block: old lines [l1, l2) replaced by new bytes. */
typedef struct pb_block {
    size_t l1, l2;
    char *repl;
    size_t repl_len;
    size_t repl_lines;
} pb_block;

static size_t count_lines(const char *t, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (t[i] == '\n')
            n++;
    if (len > 0 && t[len - 1] != '\n')
        n++;
    return n;
}

static void put_line(FILE *out, char mark, const char *s, size_t n)
{
    putc(mark, out);
    fwrite(s, 1, n, out);
    if (n == 0 || s[n - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", out);
}

static void put_lines(FILE *out, char mark, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : len;
        put_line(out, mark, s + i, e - i);
        i = e;
    }
}

static void put_range(FILE *out, char sign, size_t start, size_t count)
{
    /* GNU diff: "L,N"; "L" alone when N is 1; an empty range names the line before */
    if (count == 1)
        fprintf(out, "%c%zu", sign, start + 1);
    else
        fprintf(out, "%c%zu,%zu", sign, count ? start + 1 : start, count);
}

/* Builds the blocks: edits touching the same or adjacent old lines share
 * one (so that a run of changed lines is shown as its "-" lines, then its
 * "+" lines, as diff does); the new bytes are the old lines with the
 * block's edits. */
static int make_blocks(const pblint_fix *fx, const pb_lines *ol, pb_block **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t cap = 0;
    const char *o = fx->orig;
    for (size_t i = 0; i < fx->nedits;) {
        size_t s0 = fx->edits[i].start + fx->bom;
        size_t l1 = line_of(ol, s0);
        size_t l2 = l1; /* last line touched, inclusive (== n: the virtual line at the end) */
        size_t j = i;
        for (; j < fx->nedits; j++) {
            const pb_edit *e = &fx->edits[j];
            size_t s = e->start + fx->bom, en = e->end + fx->bom;
            size_t a = line_of(ol, s);
            size_t b = en > s ? line_of(ol, en - 1) : a;
            if (j > i && a > l2 + 1)
                break;
            if (b > l2)
                l2 = b;
        }
        size_t from = l1 < ol->n ? ol->starts[l1] : fx->orig_len;
        size_t to = l2 < ol->n ? ol->starts[l2 + 1] : fx->orig_len;
        size_t rlen = to - from;
        for (size_t k = i; k < j; k++)
            rlen = rlen - (fx->edits[k].end - fx->edits[k].start) + fx->edits[k].len;
        pb_block b;
        b.l1 = l1;
        b.l2 = l2 < ol->n ? l2 + 1 : ol->n;
        b.repl = malloc(rlen + 1);
        if (!b.repl)
            return PBLINT_ENOMEM;
        size_t at = from, w = 0;
        for (size_t k = i; k < j; k++) {
            const pb_edit *e = &fx->edits[k];
            size_t s = e->start + fx->bom, en = e->end + fx->bom;
            memcpy(b.repl + w, o + at, s - at);
            w += s - at;
            memcpy(b.repl + w, e->text, e->len);
            w += e->len;
            at = en;
        }
        memcpy(b.repl + w, o + at, to - at);
        w += to - at;
        b.repl_len = w;
        b.repl_lines = count_lines(b.repl, w);
        if (PB_PUSH(*out, *nout, cap, b) != 0) {
            free(b.repl);
            return PBLINT_ENOMEM;
        }
        i = j;
    }
    return 0;
}

/*
 * A file name in a "---" or "+++" line, as GNU patch and git read it: as it
 * is; followed by a tab when it holds a space (what git does: patch ends the
 * name at a tab); in double quotes with C escapes when it holds a quote, a
 * backslash or a control character.
 */
static void put_diff_name(FILE *out, const char *name)
{
    bool quote = false, space = false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p == '"' || *p == '\\' || *p < 0x20 || *p == 0x7F)
            quote = true;
        else if (*p == ' ')
            space = true;
    }
    if (!quote) {
        fputs(name, out);
        if (space)
            putc('\t', out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\%03o", *p);
        else
            putc(*p, out);
    }
    putc('"', out);
}

int pblint_fix_write_diff(const pblint_fix *fx, FILE *out)
{
    if (!fx || !out)
        return PBLINT_EINVAL;
    if (!fx->changed)
        return 0;
    pb_lines ol;
    if (split_lines(fx->orig, fx->orig_len, &ol) != 0)
        return PBLINT_ENOMEM;
    pb_block *bl = NULL;
    size_t nb = 0;
    int rc = make_blocks(fx, &ol, &bl, &nb);
    if (rc != 0)
        goto done;
    fputs("--- ", out);
    put_diff_name(out, fx->name);
    fputs("\n+++ ", out);
    put_diff_name(out, fx->name);
    putc('\n', out);
    const char *o = fx->orig;
    long delta = 0; /* new line number - old line number, before the current hunk */
    for (size_t i = 0; i < nb;) {
        /* blocks i..j-1 share a hunk when the gaps between them are <= 2 * context */
        size_t j = i + 1;
        while (j < nb && bl[j].l1 - bl[j - 1].l2 <= 2 * PB_DIFF_CONTEXT)
            j++;
        size_t c0 = bl[i].l1 >= PB_DIFF_CONTEXT ? bl[i].l1 - PB_DIFF_CONTEXT : 0;
        size_t c1 = bl[j - 1].l2 + PB_DIFF_CONTEXT <= ol.n ? bl[j - 1].l2 + PB_DIFF_CONTEXT : ol.n;
        size_t old_count = c1 - c0, new_count = c1 - c0;
        for (size_t k = i; k < j; k++)
            new_count = new_count - (bl[k].l2 - bl[k].l1) + bl[k].repl_lines;
        size_t new_start = (size_t)((long)c0 + delta);
        fputs("@@ ", out);
        put_range(out, '-', c0, old_count);
        putc(' ', out);
        put_range(out, '+', new_start, new_count);
        fputs(" @@\n", out);
        size_t line = c0;
        for (size_t k = i; k < j; k++) {
            for (; line < bl[k].l1; line++)
                put_line(out, ' ', o + ol.starts[line], ol.starts[line + 1] - ol.starts[line]);
            if (bl[k].l2 > bl[k].l1)
                put_lines(out, '-', o + ol.starts[bl[k].l1], ol.starts[bl[k].l2] - ol.starts[bl[k].l1]);
            put_lines(out, '+', bl[k].repl, bl[k].repl_len);
            line = bl[k].l2;
        }
        for (; line < c1; line++)
            put_line(out, ' ', o + ol.starts[line], ol.starts[line + 1] - ol.starts[line]);
        delta += (long)new_count - (long)old_count;
        i = j;
    }
    if (ferror(out))
        rc = PBLINT_EIO;
done:
    for (size_t i = 0; i < nb; i++)
        free(bl[i].repl);
    free(bl);
    free(ol.starts);
    return rc;
}

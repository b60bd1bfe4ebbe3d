/*
 * Baselines: the findings a filing had when it was recorded, so that a
 * pre-submission check reports only new ones.
 *
 * A finding is matched by its file, its rule and a fingerprint of its
 * content, never by its line: the fingerprint hashes (FNV-1a, 64 bits) the
 * rule id, the text of the finding's span and the text of the line it
 * starts on, each with white space removed.  Editing above a finding moves
 * it without changing it.  Each (file, fingerprint) has a count: with two
 * identical findings and one in the baseline, one is reported.
 *
 * The file is JSON (jansson), sorted so that it diffs well:
 *   {"pblint_baseline_version": 1,
 *    "findings": [{"file": "a/b.txt", "rule": "amounts/fund-total-sum",
 *                  "fingerprint": "3f2a...", "count": 1,
 *                  "line": 19, "message": "..."}, ...]}
 * "file" is relative to the baseline's folder when the filing lies under
 * it; "line" and "message" are for the reader and are not matched.
 */
#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

typedef struct bl_entry {
    char *file;
    char *rule;
    char fp[17];
    size_t count;
    unsigned line;
    char *message;
} bl_entry;

struct pblint_baseline {
    char *path;
    char *dir; /* real path of its folder */
    bl_entry *e;
    size_t n, cap;
    bool sorted;
};

#define BL_VERSION 1

/* ------------------------------------------------------------ hashing */

/* Length of a white-space character at s[i] (ASCII, U+3000, U+00A0), or 0. */
static size_t space_len(const char *s, size_t i, size_t n)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xe3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x80)
        return 3;
    if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0)
        return 2;
    return 0;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n, bool squeeze)
{
    for (size_t i = 0; i < n;) {
        size_t l = squeeze ? space_len(s, i, n) : 0;
        if (l) {
            i += l;
            continue;
        }
        h ^= (unsigned char)s[i++];
        h *= 1099511628211ull;
    }
    return h;
}

void pblint_diag_fingerprint(const pblint_result *res, const pblint_diag *d, char out[17])
{
    uint64_t h = 14695981039346656037ull;
    const char *rule = d && d->rule ? d->rule : "";
    h = fnv(h, rule, strlen(rule) + 1, false);
    const pblint_doc *doc = res ? res->doc : NULL;
    if (doc && d) {
        size_t len = 0;
        const char *s = pblint_doc_slice(doc, d->span, &len);
        if (s)
            h = fnv(h, s, len, true);
        h = fnv(h, "", 1, false);
        unsigned line = 0, col = 0;
        pblint_doc_position(doc, d->span.start, PBLINT_COLUMN_BYTE, &line, &col);
        pblint_span ls = pblint_doc_line_span(doc, line);
        s = pblint_doc_slice(doc, ls, &len);
        if (s)
            h = fnv(h, s, len, true);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ------------------------------------------------------------ files */

static char *dir_of(const char *path)
{
    char buf[PATH_MAX];
    char *copy = strdup(path);
    if (!copy)
        return NULL;
    char *slash = strrchr(copy, '/');
    const char *d = ".";
    if (slash == copy)
        d = "/";
    else if (slash) {
        *slash = '\0';
        d = copy;
    }
    char *r = realpath(d, buf) ? strdup(buf) : strdup(d);
    free(copy);
    return r;
}

/* How a baseline names a filing: relative to its folder when under it. */
static char *file_key(const pblint_baseline *bl, const char *name)
{
    char buf[PATH_MAX];
    if (!name)
        return strdup("");
    if (!realpath(name, buf))
        return strdup(name);
    size_t n = strlen(bl->dir);
    if (strcmp(bl->dir, "/") == 0)
        return strdup(buf + 1);
    if (strncmp(buf, bl->dir, n) == 0 && buf[n] == '/')
        return strdup(buf + n + 1);
    return strdup(buf);
}

int pblint_baseline_new(const char *path, pblint_baseline **out)
{
    if (!path || !out)
        return PBLINT_EINVAL;
    *out = NULL;
    pblint_baseline *bl = calloc(1, sizeof *bl);
    if (!bl)
        return PBLINT_ENOMEM;
    bl->path = strdup(path);
    bl->dir = dir_of(path);
    if (!bl->path || !bl->dir) {
        pblint_baseline_free(bl);
        return PBLINT_ENOMEM;
    }
    bl->sorted = true;
    *out = bl;
    return 0;
}

void pblint_baseline_free(pblint_baseline *bl)
{
    if (!bl)
        return;
    for (size_t i = 0; i < bl->n; i++) {
        free(bl->e[i].file);
        free(bl->e[i].rule);
        free(bl->e[i].message);
    }
    free(bl->e);
    free(bl->path);
    free(bl->dir);
    free(bl);
}

static int add_entry(pblint_baseline *bl, const char *file, const char *rule, const char *fp,
                     size_t count, unsigned line, const char *message)
{
    bl_entry e;
    memset(&e, 0, sizeof e);
    e.file = strdup(file);
    e.rule = strdup(rule);
    e.message = strdup(message ? message : "");
    snprintf(e.fp, sizeof e.fp, "%s", fp);
    e.count = count;
    e.line = line;
    if (!e.file || !e.rule || !e.message || PB_PUSH(bl->e, bl->n, bl->cap, e) != 0) {
        free(e.file);
        free(e.rule);
        free(e.message);
        return PBLINT_ENOMEM;
    }
    bl->sorted = false;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    const bl_entry *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c == 0)
        c = strcmp(x->rule, y->rule);
    if (c == 0)
        c = strcmp(x->fp, y->fp);
    if (c == 0)
        c = x->line < y->line ? -1 : x->line > y->line;
    return c;
}

/* Sorts and folds equal (file, fingerprint, rule) entries together. */
static void normalise(pblint_baseline *bl)
{
    if (bl->sorted)
        return;
    if (bl->n > 1)
        qsort(bl->e, bl->n, sizeof *bl->e, cmp_entry);
    size_t k = 0;
    for (size_t i = 0; i < bl->n; i++) {
        if (k && strcmp(bl->e[k - 1].file, bl->e[i].file) == 0 &&
            strcmp(bl->e[k - 1].fp, bl->e[i].fp) == 0 &&
            strcmp(bl->e[k - 1].rule, bl->e[i].rule) == 0) {
            bl->e[k - 1].count += bl->e[i].count;
            free(bl->e[i].file);
            free(bl->e[i].rule);
            free(bl->e[i].message);
            continue;
        }
        bl->e[k++] = bl->e[i];
    }
    bl->n = k;
    bl->sorted = true;
}

int pblint_baseline_record(pblint_baseline *bl, const pblint_result *res)
{
    if (!bl || !res)
        return PBLINT_EINVAL;
    char *file = file_key(bl, pblint_doc_name(res->doc));
    if (!file)
        return PBLINT_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < res->ndiags && rc == 0; i++) {
        const pblint_diag *d = res->diags[i];
        char fp[17];
        pblint_diag_fingerprint(res, d, fp);
        unsigned line = 0, col = 0;
        pblint_doc_position(res->doc, d->span.start, PBLINT_COLUMN_BYTE, &line, &col);
        rc = add_entry(bl, file, d->rule, fp, 1, line, d->message);
    }
    free(file);
    return rc;
}

int pblint_baseline_merge(pblint_baseline *dst, const pblint_baseline *src)
{
    if (!dst || !src)
        return PBLINT_EINVAL;
    for (size_t i = 0; i < src->n; i++) {
        const bl_entry *e = &src->e[i];
        int rc = add_entry(dst, e->file, e->rule, e->fp, e->count, e->line, e->message);
        if (rc)
            return rc;
    }
    return 0;
}

size_t pblint_baseline_count(const pblint_baseline *bl)
{
    size_t n = 0;
    for (size_t i = 0; bl && i < bl->n; i++)
        n += bl->e[i].count;
    return n;
}

/* The count a baseline holds for (file, rule, fp); bl must be normalised. */
static size_t allowed(const pblint_baseline *bl, const char *file, const char *fp,
                      const char *rule)
{
    if (!bl->sorted) {
        /* recorded and not saved yet: no sorting here, filters may run on
         * several threads at once */
        size_t n = 0;
        for (size_t i = 0; i < bl->n; i++)
            if (strcmp(bl->e[i].file, file) == 0 && strcmp(bl->e[i].rule, rule) == 0 &&
                strcmp(bl->e[i].fp, fp) == 0)
                n += bl->e[i].count;
        return n;
    }
    size_t lo = 0, hi = bl->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const bl_entry *e = &bl->e[mid];
        int c = strcmp(e->file, file);
        if (c == 0)
            c = strcmp(e->rule, rule);
        if (c == 0)
            c = strcmp(e->fp, fp);
        if (c == 0)
            return e->count;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

typedef struct fp_item {
    char fp[17];
    size_t index;
} fp_item;

static int cmp_fp_item(const void *a, const void *b)
{
    const fp_item *x = a, *y = b;
    int c = strcmp(x->fp, y->fp);
    if (c == 0)
        c = x->index < y->index ? -1 : x->index > y->index;
    return c;
}

size_t pblint_baseline_filter(const pblint_baseline *bl, pblint_result *res)
{
    if (!bl || !res || res->ndiags == 0 || bl->n == 0)
        return 0;
    char *file = file_key(bl, pblint_doc_name(res->doc));
    fp_item *items = calloc(res->ndiags, sizeof *items);
    bool *drop = calloc(res->ndiags, sizeof *drop);
    if (!file || !items || !drop) {
        free(file);
        free(items);
        free(drop);
        return 0;
    }
    for (size_t i = 0; i < res->ndiags; i++) {
        pblint_diag_fingerprint(res, res->diags[i], items[i].fp);
        items[i].index = i;
    }
    if (res->ndiags > 1)
        qsort(items, res->ndiags, sizeof *items, cmp_fp_item);
    size_t dropped = 0;
    for (size_t i = 0; i < res->ndiags;) {
        size_t j = i;
        while (j < res->ndiags && strcmp(items[j].fp, items[i].fp) == 0)
            j++;
        /* the same fingerprint means the same rule (it is hashed in); the
         * earliest findings in the file are the ones the baseline covers */
        const char *rule = res->diags[items[i].index]->rule;
        size_t left = allowed(bl, file, items[i].fp, rule);
        for (size_t k = i; k < j && left > 0; k++, left--) {
            drop[items[k].index] = true;
            dropped++;
        }
        i = j;
    }
    size_t k = 0;
    for (size_t i = 0; i < res->ndiags; i++)
        if (!drop[i])
            res->diags[k++] = res->diags[i];
    res->ndiags = k;
    free(file);
    free(items);
    free(drop);
    return dropped;
}

int pblint_baseline_save(pblint_baseline *bl, char *err, size_t errsz)
{
    if (!bl)
        return PBLINT_EINVAL;
    normalise(bl);
    json_t *root = json_object();
    json_t *list = json_array();
    if (!root || !list) {
        json_decref(root);
        json_decref(list);
        return PBLINT_ENOMEM;
    }
    json_object_set_new(root, "pblint_baseline_version", json_integer(BL_VERSION));
    json_object_set_new(root, "tool", json_string("pblint " PBLINT_VERSION_STRING));
    for (size_t i = 0; i < bl->n; i++) {
        const bl_entry *e = &bl->e[i];
        json_t *o = json_object();
        if (!o)
            break;
        json_object_set_new(o, "file", json_string(e->file));
        json_object_set_new(o, "rule", json_string(e->rule));
        json_object_set_new(o, "fingerprint", json_string(e->fp));
        json_object_set_new(o, "count", json_integer((json_int_t)e->count));
        json_object_set_new(o, "line", json_integer(e->line));
        json_object_set_new(o, "message", json_string(e->message));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "findings", list);
    char tmp[PATH_MAX + 16];
    snprintf(tmp, sizeof tmp, "%s.tmp", bl->path);
    int rc = json_dump_file(root, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || rename(tmp, bl->path) != 0) {
        if (err && errsz)
            snprintf(err, errsz, "%s: cannot write the baseline: %s", bl->path, strerror(errno));
        unlink(tmp);
        return PBLINT_EIO;
    }
    return 0;
}

static bool hex16(const char *s)
{
    if (!s || strlen(s) != 16)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

int pblint_baseline_load(const char *path, pblint_baseline **out, char *err, size_t errsz)
{
    if (!path || !out)
        return PBLINT_EINVAL;
    *out = NULL;
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        if (err && errsz) {
            if (je.line > 0)
                snprintf(err, errsz, "%s:%d:%d: error: not a pblint baseline: %s", path, je.line,
                         je.column, je.text);
            else
                snprintf(err, errsz, "%s: error: cannot read the baseline: %s", path, je.text);
        }
        return PBLINT_EIO;
    }
    pblint_baseline *bl = NULL;
    int rc = pblint_baseline_new(path, &bl);
    const char *why = NULL;
    size_t bad = 0;
    bool entry_bad = false;
    json_t *ver = json_object_get(root, "pblint_baseline_version");
    json_t *list = json_object_get(root, "findings");
    if (rc == 0 && (!json_is_integer(ver) || json_integer_value(ver) != BL_VERSION))
        why = "\"pblint_baseline_version\" is not 1";
    else if (rc == 0 && !json_is_array(list))
        why = "\"findings\" is not a list";
    for (size_t i = 0; rc == 0 && !why && i < json_array_size(list); i++) {
        json_t *o = json_array_get(list, i);
        const char *file = json_string_value(json_object_get(o, "file"));
        const char *rule = json_string_value(json_object_get(o, "rule"));
        const char *fp = json_string_value(json_object_get(o, "fingerprint"));
        json_t *count = json_object_get(o, "count");
        json_t *line = json_object_get(o, "line");
        const char *message = json_string_value(json_object_get(o, "message"));
        if (!file || !rule || !hex16(fp) || !json_is_integer(count) ||
            json_integer_value(count) < 1) {
            why = "a finding lacks file, rule, a 16-digit hex fingerprint or a count of 1 or more";
            bad = i;
            entry_bad = true;
            break;
        }
        rc = add_entry(bl, file, rule, fp, (size_t)json_integer_value(count),
                       json_is_integer(line) ? (unsigned)json_integer_value(line) : 0, message);
    }
    json_decref(root);
    if (rc == 0 && why) {
        if (err && errsz)
            snprintf(err, errsz, "%s: error: not a pblint baseline: %s%s", path, why,
                     entry_bad ? " (in findings[" : "");
        if (err && errsz && entry_bad) {
            size_t n = strlen(err);
            snprintf(err + n, errsz > n ? errsz - n : 0, "%zu])", bad);
        }
        rc = PBLINT_ECONFIG;
    }
    if (rc != 0) {
        pblint_baseline_free(bl);
        return rc;
    }
    normalise(bl);
    *out = bl;
    return 0;
}

/*
 * SARIF 2.1.0 output: a log with one run,
 *
 *   {"$schema": ..., "version": "2.1.0", "runs": [{
 *      "tool": {"driver": {"name": "pblint", "semanticVersion", "rules": [...]}},
 *      "columnKind": "unicodeCodePoints",
 *      "results": [...],
 *      "invocations": [{"executionSuccessful", "toolExecutionNotifications"}]}]}
 *
 * - driver.rules lists every rule of the context, in its order, so that a
 *   result's ruleIndex is the rule's index in the context;
 * - regions are 1-based lines and code-point columns, half-open (endColumn
 *   is the column after the last character), plus byteOffset/byteLength
 *   when the file's bytes are the decoded text (UTF-8, nothing repaired;
 *   a BOM is counted);
 * - a note becomes a relatedLocation with its message, a diagnostic's
 *   fix-its one fix whose replacements are the edits;
 * - partialFingerprints.primaryLocationLineHash is a hash of the rule, the
 *   path and the span's text with white space folded, followed by ":N" for
 *   the N-th result of that hash in the file: it does not change when lines
 *   are added above the finding;
 * - files that could not be linted are toolExecutionNotifications of the
 *   invocation, which is then not executionSuccessful.
 */
#include "render_out.h"

#include <stdio.h>

#define PB_SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define PB_SARIF_DESCRIPTION_MAX 1024u /* code points, GitHub's limit */
#define PB_SARIF_PAGE_MAX (1024u * 1024u)

static void indent_by(FILE *out, unsigned n)
{
    while (n-- > 0)
        putc(' ', out);
}

/* ---------------------------------------------------------------- URIs */

static bool uri_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

/* The path as a URI reference: a relative path stays relative, an absolute
 * one becomes a file: URI; every byte but the unreserved ones and "/" is
 * percent-encoded (so a ":" can never be read as a scheme). */
static json_t *path_uri(const char *path)
{
    if (!path)
        path = "";
    size_t n = strlen(path);
    char *buf = malloc(n * 3 + 8);
    if (!buf)
        return NULL;
    size_t k = 0;
    if (path[0] == '/') {
        memcpy(buf, "file://", 7);
        k = 7;
    }
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (uri_unreserved(c)) {
            buf[k++] = (char)c;
        } else {
            buf[k++] = '%';
            buf[k++] = hex[c >> 4];
            buf[k++] = hex[c & 15u];
        }
    }
    json_t *v = json_stringn(buf, k);
    free(buf);
    return v;
}

static json_t *artifact_location(const char *path)
{
    json_t *o = json_object();
    if (!o || !pb_json_set(o, "uri", path_uri(path))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* -------------------------------------------------------------- regions */

typedef struct pb_sarif_file {
    const pb_source *src;
    const char *path;
    bool bytes; /* byteOffset/byteLength are meaningful */
    uint32_t bom;
} pb_sarif_file;

static json_t *region(const pb_sarif_file *f, pblint_span span, bool exact)
{
    pb_pos a, b;
    pb_out_pos(f->src, span.start, exact, &a);
    pb_out_pos(f->src, span.end, exact, &b);
    if (b.line < a.line || (b.line == a.line && b.column < a.column))
        b = a;
    json_t *o = json_object();
    if (!o)
        return NULL;
    bool ok = pb_json_set(o, "startLine", json_integer(a.line)) &&
              pb_json_set(o, "startColumn", json_integer(a.column)) &&
              pb_json_set(o, "endLine", json_integer(b.line)) &&
              pb_json_set(o, "endColumn", json_integer(b.column));
    if (ok && f->bytes) {
        ok = pb_json_set(o, "byteOffset", json_integer((json_int_t)span.start + f->bom)) &&
             pb_json_set(o, "byteLength", json_integer((json_int_t)(span.end - span.start)));
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *physical_location(const pb_sarif_file *f, pblint_span span, bool exact)
{
    json_t *o = json_object();
    if (!o || !pb_json_set(o, "artifactLocation", artifact_location(f->path)) ||
        !pb_json_set(o, "region", region(f, span, exact))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *message(const char *text)
{
    json_t *o = json_object();
    if (!o || !pb_json_set(o, "text", pb_json_str(text))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* --------------------------------------------------------- fingerprints */

#define PB_FNV_OFFSET 0xcbf29ce484222325ull
#define PB_FNV_PRIME 0x100000001b3ull
#define PB_FINGERPRINT_TEXT_MAX 4096u /* source bytes of the span that count */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= PB_FNV_PRIME;
    }
    return h;
}

/* White space for the fingerprint: ASCII blanks, NBSP (U+00A0) and the
 * ideographic space (U+3000); returns its length at t[i], or 0. */
static size_t blank_at(const char *t, size_t i, size_t end)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE3 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x80)
        return 3;
    return 0;
}

/* Hash of rule, path and the span's text with runs of white space folded
 * into one space and the ends trimmed. */
static uint64_t fingerprint(const pb_sarif_file *f, const pblint_diag *d)
{
    uint64_t h = PB_FNV_OFFSET;
    h = fnv(h, d->rule, strlen(d->rule) + 1);
    h = fnv(h, f->path, strlen(f->path) + 1);
    const char *t = f->src->text;
    size_t s = d->span.start, e = d->span.end;
    if (!t || e > f->src->len || s > e)
        return h;
    if (e - s > PB_FINGERPRINT_TEXT_MAX)
        e = s + PB_FINGERPRINT_TEXT_MAX;
    bool pending = false, any = false;
    for (size_t i = s; i < e;) {
        size_t b = blank_at(t, i, e);
        if (b) {
            pending = any;
            i += b;
            continue;
        }
        if (pending)
            h = fnv(h, " ", 1);
        pending = false;
        any = true;
        h = fnv(h, t + i, 1);
        i++;
    }
    return h;
}

/* Occurrences of each hash in one file, to tell equal findings apart. */
typedef struct pb_occ {
    uint64_t *keys;
    unsigned *counts;
    size_t cap, n;
} pb_occ;

static unsigned occ_next(pb_occ *o, uint64_t h)
{
    if (o->n * 2 >= o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 64;
        uint64_t *nk = calloc(nc, sizeof *nk);
        unsigned *ncnt = calloc(nc, sizeof *ncnt);
        if (!nk || !ncnt) {
            free(nk);
            free(ncnt);
            return 0;
        }
        for (size_t i = 0; i < o->cap; i++) {
            if (!o->counts[i])
                continue;
            size_t j = (size_t)(o->keys[i] & (nc - 1));
            while (ncnt[j])
                j = (j + 1) & (nc - 1);
            nk[j] = o->keys[i];
            ncnt[j] = o->counts[i];
        }
        free(o->keys);
        free(o->counts);
        o->keys = nk;
        o->counts = ncnt;
        o->cap = nc;
    }
    size_t j = (size_t)(h & (o->cap - 1));
    while (o->counts[j] && o->keys[j] != h)
        j = (j + 1) & (o->cap - 1);
    if (!o->counts[j]) {
        o->keys[j] = h;
        o->n++;
    }
    return ++o->counts[j];
}

/* -------------------------------------------------------------- results */

static json_t *result_fix(const pb_sarif_file *f, const pblint_diag *d)
{
    json_t *fix = json_object();
    json_t *changes = json_array();
    json_t *change = json_object();
    json_t *repls = json_array();
    if (!fix || !changes || !change || !repls)
        goto fail;
    for (size_t k = 0; k < d->nfixits; k++) {
        json_t *r = json_object();
        if (!pb_json_push(repls, r) ||
            !pb_json_set(r, "deletedRegion", region(f, d->fixits[k].span, true)))
            goto fail;
        const char *text = d->fixits[k].text ? d->fixits[k].text : "";
        if (*text) {
            json_t *ins = json_object();
            if (!pb_json_set(r, "insertedContent", ins) || !pb_json_set(ins, "text", pb_json_str(text)))
                goto fail;
        }
    }
    if (!pb_json_set(change, "artifactLocation", artifact_location(f->path)))
        goto fail;
    bool ok = pb_json_set(change, "replacements", repls);
    repls = NULL;
    ok = ok && pb_json_push(changes, change);
    change = NULL;
    ok = ok && pb_json_set(fix, "artifactChanges", changes);
    changes = NULL;
    if (!ok)
        goto fail;
    return fix;
fail:
    json_decref(repls);
    json_decref(change);
    json_decref(changes);
    json_decref(fix);
    return NULL;
}

static json_t *result(const pb_sarif_file *f, const pblint_diag *d, long rule_index, pb_occ *occ)
{
    json_t *o = json_object();
    json_t *locs = json_array();
    if (!o || !locs)
        goto fail;
    if (!pb_json_set(o, "ruleId", pb_json_str(d->rule)))
        goto fail;
    if (rule_index >= 0 && !pb_json_set(o, "ruleIndex", json_integer(rule_index)))
        goto fail;
    if (!pb_json_set(o, "level", json_string(pb_out_level(d->severity))) ||
        !pb_json_set(o, "message", message(d->message)))
        goto fail;
    json_t *loc = json_object();
    if (!pb_json_push(locs, loc) ||
        !pb_json_set(loc, "physicalLocation", physical_location(f, d->span, false)))
        goto fail;
    bool ok = pb_json_set(o, "locations", locs);
    locs = NULL;
    if (!ok)
        goto fail;

    char fp[40];
    uint64_t h = fingerprint(f, d);
    snprintf(fp, sizeof fp, "%016llx:%u", (unsigned long long)h, occ_next(occ, h));
    json_t *pf = json_object();
    if (!pb_json_set(o, "partialFingerprints", pf) ||
        !pb_json_set(pf, "primaryLocationLineHash", json_string(fp)))
        goto fail;

    if (d->nnotes) {
        json_t *rel = json_array();
        if (!pb_json_set(o, "relatedLocations", rel))
            goto fail;
        for (size_t k = 0; k < d->nnotes; k++) {
            /* the id keeps two equal notes distinct (the array's items must be unique) */
            json_t *l = json_object();
            if (!pb_json_push(rel, l) || !pb_json_set(l, "id", json_integer((json_int_t)k)) ||
                !pb_json_set(l, "physicalLocation", physical_location(f, d->notes[k].span, false)) ||
                !pb_json_set(l, "message", message(d->notes[k].message)))
                goto fail;
        }
    }
    if (d->nfixits) {
        json_t *fixes = json_array();
        if (!pb_json_set(o, "fixes", fixes) || !pb_json_push(fixes, result_fix(f, d)))
            goto fail;
    }
    return o;
fail:
    json_decref(locs);
    json_decref(o);
    return NULL;
}

int pblint_render_sarif_results(const pblint_result *res, const pblint_output_options *opts,
                                FILE *out)
{
    static const pblint_output_options defaults = PBLINT_OUTPUT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (!res || !res->doc || !out || !pb_out_options_ok(opts))
        return PBLINT_EINVAL;
    pb_sarif_file f;
    f.src = &res->doc->src;
    f.path = f.src->name ? f.src->name : "<input>";
    f.bytes = pb_out_bytes_match(f.src, &f.bom);
    pb_occ occ = {NULL, NULL, 0, 0};
    int rc = 0;
    size_t shown = 0;
    const char *last_rule = NULL;
    long last_index = -1;
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!pb_out_shown(d, opts))
            continue;
        if (!last_rule || strcmp(last_rule, d->rule) != 0) {
            last_rule = d->rule;
            last_index = opts->ctx ? pblint_ctx_find_rule(opts->ctx, d->rule) : -1;
        }
        if (shown++)
            fputs(",\n", out);
        indent_by(out, PB_SARIF_RESULT_INDENT);
        rc = pb_json_write(out, result(&f, d, last_index, &occ));
    }
    free(occ.keys);
    free(occ.counts);
    if (rc == 0 && ferror(out))
        rc = PBLINT_EIO;
    return rc;
}

/* ------------------------------------------------------------ rule docs */

/* The rule's page, read from the first directory that has it; NULL if none. */
static char *read_page(const char *const *dirs, const char *id, size_t *len)
{
    *len = 0;
    if (!dirs || !id)
        return NULL;
    const char *slash = strchr(id, '/');
    if (!slash || slash == id || strchr(slash + 1, '/') || strstr(id, "..") || id[0] == '.')
        return NULL;
    for (size_t i = 0; dirs[i]; i++) {
        size_t plen = strlen(dirs[i]) + strlen(id) + 5;
        char *path = malloc(plen);
        if (!path)
            return NULL;
        snprintf(path, plen, "%s/%s.md", dirs[i], id);
        FILE *fp = fopen(path, "rb");
        free(path);
        if (!fp)
            continue;
        char *buf = malloc(PB_SARIF_PAGE_MAX + 1);
        size_t n = buf ? fread(buf, 1, PB_SARIF_PAGE_MAX, fp) : 0;
        fclose(fp);
        if (!buf)
            return NULL;
        buf[n] = '\0';
        *len = n;
        return buf;
    }
    return NULL;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t pl = strlen(prefix);
    return n >= pl && memcmp(s, prefix, pl) == 0;
}

/* Appends s[0, n) to buf (cap bytes; truncates), returns the new length. */
static size_t append(char *buf, size_t k, size_t cap, const char *s, size_t n)
{
    if (k + n > cap)
        n = cap - k;
    memcpy(buf + k, s, n);
    return k + n;
}

/* Cuts text to at most max code points, at a character boundary, ending it
 * with "…" when something was cut (preferably after a sentence or word). */
static size_t cap_code_points(char *text, size_t len, size_t max)
{
    size_t cps = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0u) != 0x80u) {
            if (cps == max)
                break;
            cps++;
        }
    }
    if (i >= len)
        return len;
    /* room for the ellipsis (3 bytes, 1 code point): drop at least one
     * character, and enough of them to free 3 bytes before i */
    size_t cut = i;
    do {
        do
            cut--;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0u) == 0x80u);
    } while (cut > 0 && i - cut < 3);
    size_t best = cut;
    for (size_t k = cut; k > cut / 2; k--) {
        if (text[k - 1] == '.' || text[k - 1] == ' ' || text[k - 1] == '\n') {
            best = k;
            break;
        }
    }
    while (best > 0 && (text[best - 1] == ' ' || text[best - 1] == '\n'))
        best--;
    memcpy(text + best, "\xe2\x80\xa6", 3); /* the buffer had at least 3 bytes there */
    return best + 3;
}

/*
 * The full description: the page's summary paragraph and its "What it
 * checks" section, as plain paragraphs (headings and code fences left out,
 * the lines of a paragraph joined by spaces), at most 1024 code points.
 */
static json_t *full_description(const char *page, size_t len, const char *summary)
{
    char *buf = malloc(len + 4);
    if (!buf)
        return NULL;
    size_t k = 0;
    bool in_para = false, in_fence = false;
    int section = 0; /* 0: before any "## ", 1: in "What it checks", 2: after */
    for (size_t i = 0; i < len && section < 2;) {
        size_t e = i;
        while (e < len && page[e] != '\n')
            e++;
        const char *ln = page + i;
        size_t n = e - i;
        if (n > 0 && ln[n - 1] == '\r')
            n--;
        i = e + 1;
        if (starts_with(ln, n, "```")) {
            in_fence = !in_fence;
            in_para = false;
            continue;
        }
        if (in_fence)
            continue;
        if (starts_with(ln, n, "## ")) {
            section = starts_with(ln, n, "## What it checks") && section == 0 ? 1 : 2;
            in_para = false;
            continue;
        }
        if (starts_with(ln, n, "# ") || starts_with(ln, n, "Severity:"))
            continue;
        while (n > 0 && (*ln == ' ' || *ln == '\t'))
            ln++, n--;
        while (n > 0 && (ln[n - 1] == ' ' || ln[n - 1] == '\t'))
            n--;
        if (n == 0) {
            in_para = false;
            continue;
        }
        if (k > 0)
            k = append(buf, k, len, in_para ? " " : "\n\n", in_para ? 1 : 2);
        k = append(buf, k, len, ln, n);
        in_para = true;
    }
    json_t *v;
    if (k == 0) {
        v = pb_json_str(summary);
    } else {
        k = cap_code_points(buf, k, PB_SARIF_DESCRIPTION_MAX);
        v = pb_json_strn(buf, k);
    }
    free(buf);
    return v;
}

/* "amounts/fund-total-sum" -> "AmountsFundTotalSum". */
static json_t *rule_name(const char *id)
{
    size_t n = strlen(id);
    char *buf = malloc(n + 1);
    if (!buf)
        return NULL;
    size_t k = 0;
    bool up = true;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (c == '/' || c == '-' || c == '_' || c == '.') {
            up = true;
            continue;
        }
        buf[k++] = up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        up = false;
    }
    json_t *v = pb_json_strn(buf, k);
    free(buf);
    return v;
}

static const char *config_level(int sev)
{
    if (sev == PBLINT_SEV_OFF)
        return "none";
    return pb_out_level(sev);
}

static json_t *text_object(json_t *text, json_t *markdown)
{
    json_t *o = json_object();
    if (!o || !pb_json_set(o, "text", text)) {
        json_decref(o);
        json_decref(markdown);
        return NULL;
    }
    if (markdown && !pb_json_set(o, "markdown", markdown)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *rule_descriptor(const pblint_rule_info *ri, const char *const *dirs)
{
    size_t plen = 0;
    char *page = read_page(dirs, ri->id, &plen);
    const char *summary = ri->summary ? ri->summary : "";
    json_t *o = json_object();
    if (!o)
        goto fail;
    char *short_text = strdup(summary);
    if (!short_text)
        goto fail;
    size_t slen = cap_code_points(short_text, strlen(short_text), PB_SARIF_DESCRIPTION_MAX);
    bool ok = pb_json_set(o, "id", pb_json_str(ri->id)) && pb_json_set(o, "name", rule_name(ri->id)) &&
              pb_json_set(o, "shortDescription", text_object(pb_json_strn(short_text, slen), NULL));
    free(short_text);
    if (!ok)
        goto fail;
    if (page) {
        ok = pb_json_set(o, "fullDescription",
                         text_object(full_description(page, plen, summary), NULL)) &&
             pb_json_set(o, "help",
                         text_object(pb_json_strn(page, plen), pb_json_strn(page, plen)));
    } else {
        size_t n = strlen(summary) + strlen(ri->id) + 64;
        char *help = malloc(n);
        if (!help)
            goto fail;
        snprintf(help, n, "%s. `pblint --explain %s` prints the rule's documentation.", summary,
                 ri->id);
        ok = pb_json_set(o, "fullDescription", text_object(pb_json_str(summary), NULL)) &&
             pb_json_set(o, "help", text_object(pb_json_str(help), NULL));
        free(help);
    }
    if (!ok)
        goto fail;
    json_t *conf = json_object();
    if (!pb_json_set(o, "defaultConfiguration", conf) ||
        !pb_json_set(conf, "level", json_string(config_level(ri->default_severity))))
        goto fail;
    /* tagged with the plugin: the first half of the id (plugin.h) */
    const char *slash = strchr(ri->id, '/');
    json_t *props = json_object();
    json_t *tags = json_array();
    if (!pb_json_set(o, "properties", props) || !pb_json_set(props, "tags", tags) ||
        !pb_json_push(tags, pb_json_strn(ri->id, slash ? (size_t)(slash - ri->id) : strlen(ri->id))))
        goto fail;
    free(page);
    return o;
fail:
    free(page);
    json_decref(o);
    return NULL;
}

/* ------------------------------------------------------------- envelope */

int pb_sarif_head(FILE *out, const pblint_log_options *o)
{
    int rc;
    fputs("{\n", out);
    if ((rc = pb_json_member(out, 2, "$schema", json_string(PB_SARIF_SCHEMA))))
        return rc;
    fputs(",\n", out);
    if ((rc = pb_json_member(out, 2, "version", json_string("2.1.0"))))
        return rc;
    fputs(",\n", out);
    indent_by(out, 2);
    if ((rc = pb_json_write(out, json_string("runs"))))
        return rc;
    fputs(": [\n", out);
    indent_by(out, 4);
    fputs("{\n", out);
    indent_by(out, 6);
    if ((rc = pb_json_write(out, json_string("tool"))))
        return rc;
    fputs(": {\n", out);
    indent_by(out, 8);
    if ((rc = pb_json_write(out, json_string("driver"))))
        return rc;
    fputs(": {\n", out);
    if ((rc = pb_json_member(out, 10, "name", json_string("pblint"))))
        return rc;
    fputs(",\n", out);
    if ((rc = pb_json_member(out, 10, "semanticVersion", pb_json_str(pblint_version()))))
        return rc;
    fputs(",\n", out);
    if (o->information_uri) {
        if ((rc = pb_json_member(out, 10, "informationUri", pb_json_str(o->information_uri))))
            return rc;
        fputs(",\n", out);
    }
    indent_by(out, 10);
    if ((rc = pb_json_write(out, json_string("rules"))))
        return rc;
    fputs(": [", out);
    size_t n = o->ctx ? pblint_ctx_rule_count(o->ctx) : 0;
    for (size_t i = 0; i < n; i++) {
        pblint_rule_info ri;
        if (pblint_ctx_rule(o->ctx, i, &ri) != 0)
            return PBLINT_EINVAL;
        fputs(i ? ",\n" : "\n", out);
        indent_by(out, 12);
        if ((rc = pb_json_write(out, rule_descriptor(&ri, o->rules_doc_dirs))))
            return rc;
    }
    if (n) {
        putc('\n', out);
        indent_by(out, 10);
    }
    fputs("]\n", out);
    indent_by(out, 8);
    fputs("}\n", out);
    indent_by(out, 6);
    fputs("},\n", out);
    if ((rc = pb_json_member(out, 6, "columnKind", json_string("unicodeCodePoints"))))
        return rc;
    fputs(",\n", out);
    indent_by(out, 6);
    if ((rc = pb_json_write(out, json_string("results"))))
        return rc;
    fputs(": [", out);
    return ferror(out) ? PBLINT_EIO : 0;
}

/* A file that could not be linted, as a notification of the invocation. */
static json_t *notification(const pb_failure *f)
{
    json_t *phys = json_object();
    if (!pb_json_set(phys, "artifactLocation", artifact_location(f->path))) {
        json_decref(phys);
        return NULL;
    }
    json_t *loc = json_object();
    if (!pb_json_set(loc, "physicalLocation", phys)) {
        json_decref(loc);
        return NULL;
    }
    json_t *locs = json_array();
    if (!pb_json_push(locs, loc)) {
        json_decref(locs);
        return NULL;
    }
    json_t *n = json_object();
    if (!pb_json_set(n, "level", json_string("error")) ||
        !pb_json_set(n, "message", message(f->message))) {
        json_decref(locs);
        json_decref(n);
        return NULL;
    }
    if (!pb_json_set(n, "locations", locs)) {
        json_decref(n);
        return NULL;
    }
    return n;
}

int pb_sarif_tail(FILE *out, size_t nresults, const pb_failure *fails, size_t nfail)
{
    int rc;
    if (nresults) {
        putc('\n', out);
        indent_by(out, 6);
    }
    fputs("],\n", out);
    json_t *inv = json_object();
    json_t *notes = json_array();
    if (!inv || !notes || !pb_json_set(inv, "executionSuccessful", json_boolean(nfail == 0))) {
        json_decref(inv);
        json_decref(notes);
        return PBLINT_ENOMEM;
    }
    if (!pb_json_set(inv, "toolExecutionNotifications", notes)) {
        json_decref(inv);
        return PBLINT_ENOMEM;
    }
    for (size_t i = 0; i < nfail; i++) {
        if (!pb_json_push(notes, notification(&fails[i]))) {
            json_decref(inv);
            return PBLINT_ENOMEM;
        }
    }
    indent_by(out, 6);
    if ((rc = pb_json_write(out, json_string("invocations"))))
        return rc;
    fputs(": [\n", out);
    indent_by(out, 8);
    if ((rc = pb_json_write(out, inv)))
        return rc;
    putc('\n', out);
    indent_by(out, 6);
    fputs("]\n", out);
    indent_by(out, 4);
    fputs("}\n", out);
    indent_by(out, 2);
    fputs("]\n}\n", out);
    return ferror(out) ? PBLINT_EIO : 0;
}

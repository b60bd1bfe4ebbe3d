/*
 * JSON output (schema version 1, documented in rules-doc/json-format.md),
 * the helpers the machine formats share, and the log that puts the
 * fragments of several files together:
 *
 *   {
 *     "version": 1,
 *     "tool": {"name": "pblint", "version": "0.1.0"},
 *     "files": [
 *       {
 *         "path": "a.txt",
 *         "encoding": "UTF-8",
 *         "kind": "declaration",
 *         "diagnostics": [
 *           {"rule": ..., "severity": ..., "message": ..., "span": ..., "notes": [...], "fixes": [...]}
 *         ]
 *       }
 *     ],
 *     "errors": [{"path": ..., "message": ...}],
 *     "summary": {"errors": 0, "warnings": 1, "notes": 0, "files": 1}
 *   }
 *
 * The envelope is indented; each diagnostic (and each SARIF result and
 * rule) is written on one line, so that a log can be read with grep and
 * diff as well as with a JSON parser.  Every string is written by jansson:
 * nothing here escapes JSON by hand.
 */
#include "render_out.h"

#include <stdio.h>

/* ------------------------------------------------------------ positions */

/* Index (0-based) of the line holding off: the last line_start <= off. */
static unsigned line_index(const pb_source *src, uint32_t off)
{
    unsigned lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        unsigned mid = lo + (hi - lo) / 2;
        if (src->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static unsigned count_code_points(const char *t, uint32_t from, uint32_t to)
{
    unsigned n = 0;
    for (uint32_t k = from; k < to; k++)
        if (((unsigned char)t[k] & 0xC0u) != 0x80u)
            n++;
    return n;
}

void pb_out_pos(const pb_source *src, uint32_t off, bool exact, pb_pos *out)
{
    out->line = out->column = out->byte_column = 1;
    if (!src || !src->text || !src->line_start || src->nlines == 0)
        return;
    if (off > src->len)
        off = (uint32_t)src->len;
    while (off < src->len && ((unsigned char)src->text[off] & 0xC0u) == 0x80u)
        off++;
    if (!exact) {
        unsigned line = 0, col = 0;
        pb_source_position(src, off, PBLINT_COLUMN_CODEPOINT, &line, &col);
        out->line = line;
        out->column = col;
        pb_source_position(src, off, PBLINT_COLUMN_BYTE, &line, &col);
        out->byte_column = col;
        return;
    }
    const char *t = src->text;
    if (off == src->len && off > 0 && (t[off - 1] == '\n' || t[off - 1] == '\r') &&
        src->line_start[src->nlines - 1] < off) {
        out->line = src->nlines + 1;
        return;
    }
    unsigned i = line_index(src, off);
    uint32_t ls = src->line_start[i];
    out->line = i + 1;
    out->byte_column = off - ls + 1;
    out->column = count_code_points(t, ls, off) + 1;
}

bool pb_out_bytes_match(const pb_source *src, uint32_t *bom)
{
    *bom = 0;
    if (!src || src->converted || src->invalid_count > 0)
        return false;
    if (src->encoding && strcmp(src->encoding, "UTF-8 (BOM)") == 0)
        *bom = 3;
    return true;
}

/* -------------------------------------------------------------- strings */

size_t pb_utf8_valid_len(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, v = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, v = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, v = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    return n;
}

size_t pb_utf8_bad_len(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    size_t k = 1;
    while (k < n && k < avail && (s[k] & 0xC0u) == 0x80u)
        k++;
    return k;
}

json_t *pb_json_strn(const char *s, size_t n)
{
    if (!s)
        s = "", n = 0;
    json_t *v = json_stringn(s, n);
    if (v)
        return v;
    /* Not valid UTF-8 (a plugin cut a character, say): repair a copy. */
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *buf = malloc(n * 3 + 1);
    if (!buf)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t l = pb_utf8_valid_len((const unsigned char *)s + i, n - i);
        if (l == 0) {
            memcpy(buf + k, "\xef\xbf\xbd", 3);
            k += 3;
            i += pb_utf8_bad_len((const unsigned char *)s + i, n - i);
        } else {
            memcpy(buf + k, s + i, l);
            k += l;
            i += l;
        }
    }
    v = json_stringn(buf, k);
    free(buf);
    return v;
}

json_t *pb_json_str(const char *s)
{
    return pb_json_strn(s, s ? strlen(s) : 0);
}

bool pb_json_set(json_t *obj, const char *key, json_t *v)
{
    if (!v)
        return false;
    return json_object_set_new(obj, key, v) == 0;
}

bool pb_json_push(json_t *arr, json_t *v)
{
    if (!v)
        return false;
    return json_array_append_new(arr, v) == 0;
}

/* ---------------------------------------------------------------- write */

#define PB_JSON_FLAGS (JSON_ENCODE_ANY | JSON_PRESERVE_ORDER)

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return fwrite(buffer, 1, size, (FILE *)data) == size ? 0 : -1;
}

int pb_json_write(FILE *out, json_t *v)
{
    if (!v)
        return PBLINT_ENOMEM;
    int rc = json_dump_callback(v, dump_cb, out, PB_JSON_FLAGS);
    json_decref(v);
    return rc == 0 ? 0 : PBLINT_EIO;
}

static void indent_by(FILE *out, unsigned n)
{
    while (n-- > 0)
        putc(' ', out);
}

int pb_json_member(FILE *out, unsigned indent, const char *key, json_t *v)
{
    if (!v)
        return PBLINT_ENOMEM;
    indent_by(out, indent);
    int rc = pb_json_write(out, pb_json_str(key));
    if (rc) {
        json_decref(v);
        return rc;
    }
    fputs(": ", out);
    return pb_json_write(out, v);
}

/* -------------------------------------------------------------- options */

const char *pb_out_level(int sev)
{
    if (sev >= PBLINT_SEV_ERROR)
        return "error";
    if (sev == PBLINT_SEV_WARNING)
        return "warning";
    return "note";
}

bool pb_out_options_ok(const pblint_output_options *o)
{
    return o && o->version == PBLINT_OUTPUT_OPTIONS_VERSION;
}

bool pb_out_shown(const pblint_diag *d, const pblint_output_options *o)
{
    return d && d->severity >= o->min_severity;
}

static const char *const format_names[] = {"text", "json", "sarif", "github"};

const char *pblint_format_name(int format)
{
    if (format < 0 || (size_t)format >= PB_ARRAY_LEN(format_names))
        return NULL;
    return format_names[format];
}

int pblint_format_parse(const char *name, int *out)
{
    if (!name || !out)
        return PBLINT_EINVAL;
    for (size_t i = 0; i < PB_ARRAY_LEN(format_names); i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    return PBLINT_EINVAL;
}

/* ------------------------------------------------------------ JSON file */

static json_t *json_position(const pb_pos *p)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (!pb_json_set(o, "line", json_integer(p->line)) ||
        !pb_json_set(o, "column", json_integer(p->column)) ||
        !pb_json_set(o, "byte_column", json_integer(p->byte_column))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *json_span(const pb_source *src, pblint_span span, bool exact)
{
    pb_pos a, b;
    pb_out_pos(src, span.start, exact, &a);
    pb_out_pos(src, span.end, exact, &b);
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (!pb_json_set(o, "start_byte", json_integer(span.start)) ||
        !pb_json_set(o, "end_byte", json_integer(span.end)) ||
        !pb_json_set(o, "start", json_position(&a)) || !pb_json_set(o, "end", json_position(&b))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *json_diag(const pb_source *src, const pblint_diag *d)
{
    json_t *o = json_object();
    json_t *notes = json_array();
    json_t *fixes = json_array();
    if (!o || !notes || !fixes)
        goto fail;
    for (size_t k = 0; k < d->nnotes; k++) {
        json_t *n = json_object();
        if (!pb_json_push(notes, n) || !pb_json_set(n, "message", pb_json_str(d->notes[k].message)) ||
            !pb_json_set(n, "span", json_span(src, d->notes[k].span, false)))
            goto fail;
    }
    for (size_t k = 0; k < d->nfixits; k++) {
        json_t *f = json_object();
        if (!pb_json_push(fixes, f) || !pb_json_set(f, "span", json_span(src, d->fixits[k].span, true)) ||
            !pb_json_set(f, "replacement", pb_json_str(d->fixits[k].text)))
            goto fail;
    }
    if (!pb_json_set(o, "rule", pb_json_str(d->rule)) ||
        !pb_json_set(o, "severity", json_string(pb_out_level(d->severity))) ||
        !pb_json_set(o, "message", pb_json_str(d->message)) ||
        !pb_json_set(o, "span", json_span(src, d->span, false)))
        goto fail;
    bool ok = pb_json_set(o, "notes", notes);
    notes = NULL;
    ok = ok && pb_json_set(o, "fixes", fixes);
    fixes = NULL;
    if (!ok)
        goto fail;
    return o;
fail:
    json_decref(notes);
    json_decref(fixes);
    json_decref(o);
    return NULL;
}

int pblint_render_json_file(const pblint_result *res, const pblint_output_options *opts,
                            FILE *out)
{
    static const pblint_output_options defaults = PBLINT_OUTPUT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (!res || !res->doc || !out || !pb_out_options_ok(opts))
        return PBLINT_EINVAL;
    const pblint_doc *doc = res->doc;
    const pb_source *src = &doc->src;
    const unsigned in = PB_JSON_ITEM_INDENT;
    int rc;

    indent_by(out, in);
    fputs("{\n", out);
    if ((rc = pb_json_member(out, in + 2, "path", pb_json_str(src->name ? src->name : "<input>"))))
        return rc;
    fputs(",\n", out);
    if ((rc = pb_json_member(out, in + 2, "encoding", pb_json_str(pblint_doc_encoding(doc)))))
        return rc;
    fputs(",\n", out);
    if ((rc = pb_json_member(out, in + 2, "kind",
                             pb_json_str(pblint_doc_kind_name(pblint_doc_kind(doc))))))
        return rc;
    fputs(",\n", out);
    indent_by(out, in + 2);
    if ((rc = pb_json_write(out, json_string("diagnostics"))))
        return rc;
    fputs(": [", out);
    size_t shown = 0;
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!pb_out_shown(d, opts))
            continue;
        fputs(shown++ ? ",\n" : "\n", out);
        indent_by(out, PB_JSON_DIAG_INDENT);
        if ((rc = pb_json_write(out, json_diag(src, d))))
            return rc;
    }
    if (shown) {
        putc('\n', out);
        indent_by(out, in + 2);
    }
    fputs("]\n", out);
    indent_by(out, in);
    putc('}', out);
    return ferror(out) ? PBLINT_EIO : 0;
}

/* ------------------------------------------------------------------ log */

struct pblint_log {
    pblint_log_options o;
    FILE *out;
    size_t items;        /* fragments written into the array */
    pb_failure *fails;   /* files that could not be linted */
    size_t nfail, fail_cap;
    int error;           /* the first failure, reported by pblint_log_end() */
};

static int json_head(pblint_log *log)
{
    FILE *out = log->out;
    int rc;
    fputs("{\n", out);
    if ((rc = pb_json_member(out, 2, "version", json_integer(PBLINT_JSON_SCHEMA_VERSION))))
        return rc;
    fputs(",\n", out);
    json_t *tool = json_object();
    if (!tool || !pb_json_set(tool, "name", json_string("pblint")) ||
        !pb_json_set(tool, "version", pb_json_str(pblint_version()))) {
        json_decref(tool);
        return PBLINT_ENOMEM;
    }
    if ((rc = pb_json_member(out, 2, "tool", tool)))
        return rc;
    fputs(",\n", out);
    indent_by(out, 2);
    if ((rc = pb_json_write(out, json_string("files"))))
        return rc;
    fputs(": [", out);
    return 0;
}

static int json_tail(pblint_log *log, const pblint_log_summary *s)
{
    FILE *out = log->out;
    int rc;
    if (log->items) {
        putc('\n', out);
        indent_by(out, 2);
    }
    fputs("],\n", out);
    indent_by(out, 2);
    if ((rc = pb_json_write(out, json_string("errors"))))
        return rc;
    fputs(": [", out);
    for (size_t i = 0; i < log->nfail; i++) {
        json_t *e = json_object();
        if (!e || !pb_json_set(e, "path", pb_json_str(log->fails[i].path)) ||
            !pb_json_set(e, "message", pb_json_str(log->fails[i].message))) {
            json_decref(e);
            return PBLINT_ENOMEM;
        }
        fputs(i ? ",\n" : "\n", out);
        indent_by(out, PB_JSON_ITEM_INDENT);
        if ((rc = pb_json_write(out, e)))
            return rc;
    }
    if (log->nfail) {
        putc('\n', out);
        indent_by(out, 2);
    }
    fputs("],\n", out);
    pblint_log_summary zero = {0, 0, 0, 0};
    if (!s)
        s = &zero;
    json_t *sum = json_object();
    if (!sum || !pb_json_set(sum, "errors", json_integer((json_int_t)s->errors)) ||
        !pb_json_set(sum, "warnings", json_integer((json_int_t)s->warnings)) ||
        !pb_json_set(sum, "notes", json_integer((json_int_t)s->notes)) ||
        !pb_json_set(sum, "files", json_integer((json_int_t)s->files))) {
        json_decref(sum);
        return PBLINT_ENOMEM;
    }
    if ((rc = pb_json_member(out, 2, "summary", sum)))
        return rc;
    fputs("\n}\n", out);
    return 0;
}

int pblint_log_begin(const pblint_log_options *opts, FILE *out, pblint_log **logp)
{
    if (!logp)
        return PBLINT_EINVAL;
    *logp = NULL;
    if (!opts || !out || opts->version != PBLINT_LOG_OPTIONS_VERSION ||
        !pblint_format_name(opts->format))
        return PBLINT_EINVAL;
    pblint_log *log = calloc(1, sizeof *log);
    if (!log)
        return PBLINT_ENOMEM;
    log->o = *opts;
    log->out = out;
    int rc = 0;
    if (opts->format == PBLINT_FORMAT_JSON)
        rc = json_head(log);
    else if (opts->format == PBLINT_FORMAT_SARIF)
        rc = pb_sarif_head(out, opts);
    if (rc == 0 && ferror(out))
        rc = PBLINT_EIO;
    if (rc) {
        free(log);
        return rc;
    }
    *logp = log;
    return 0;
}

int pblint_log_add(pblint_log *log, const char *fragment, size_t len)
{
    if (!log || (!fragment && len))
        return PBLINT_EINVAL;
    if (len == 0)
        return 0;
    FILE *out = log->out;
    if (log->o.format == PBLINT_FORMAT_JSON || log->o.format == PBLINT_FORMAT_SARIF)
        fputs(log->items ? ",\n" : "\n", out);
    log->items++;
    if (fwrite(fragment, 1, len, out) != len && !log->error)
        log->error = PBLINT_EIO;
    return log->error;
}

int pblint_log_add_failure(pblint_log *log, const char *path, const char *message)
{
    if (!log)
        return PBLINT_EINVAL;
    if (log->o.format != PBLINT_FORMAT_JSON && log->o.format != PBLINT_FORMAT_SARIF)
        return 0;
    pb_failure f = {strdup(path ? path : ""), strdup(message ? message : "")};
    if (!f.path || !f.message || PB_PUSH(log->fails, log->nfail, log->fail_cap, f) != 0) {
        free(f.path);
        free(f.message);
        return log->error = PBLINT_ENOMEM;
    }
    return 0;
}

int pblint_log_end(pblint_log *log, const pblint_log_summary *summary)
{
    if (!log)
        return PBLINT_EINVAL;
    int rc = log->error;
    if (rc == 0) {
        if (log->o.format == PBLINT_FORMAT_JSON)
            rc = json_tail(log, summary);
        else if (log->o.format == PBLINT_FORMAT_SARIF)
            rc = pb_sarif_tail(log->out, log->items, log->fails, log->nfail);
    }
    if (rc == 0 && (fflush(log->out) != 0 || ferror(log->out)))
        rc = PBLINT_EIO;
    for (size_t i = 0; i < log->nfail; i++) {
        free(log->fails[i].path);
        free(log->fails[i].message);
    }
    free(log->fails);
    free(log);
    return rc;
}

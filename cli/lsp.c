/*
 * pblint lsp — a Language Server Protocol 3.17 server on stdio.
 *
 *   pblint lsp [--plugin=FILE]... [--no-default-plugins] [--config=FILE]
 *              [--allow-config-plugins] [--debounce=MS]
 *
 * Transport: JSON-RPC 2.0 messages framed by "Content-Length: N\r\n\r\n"
 * headers (other headers are read and ignored), read by lsp_frame.c.  A
 * frame that cannot be read (bad header line, missing, invalid or too
 * large Content-Length) gets a -32700 error with id null, and the reader
 * skips to the next "Content-Length:"; a body that is not JSON gets
 * -32700, one that is not a request or notification -32600, an unknown
 * request -32601, a request whose params have the wrong shape -32602.
 * Nothing a client sends stops the server but `exit` (status 0 after
 * `shutdown`, 1 without) and the end of its input (the same statuses).
 *
 * Documents are synchronised in full (textDocumentSync.change = 1).  Each
 * lint runs on the in-memory text, named by the path of its file:// URI,
 * with the nearest .pblint.yaml applied as on the command line; a fresh
 * context is set up for each lint, so edits of configuration files are
 * seen at the next lint.  Checks run isolated (pblint_ctx_set_isolation):
 * a crashing plugin costs its own findings, not the server.  Edits
 * (didChange) are linted once the input has been quiet for --debounce
 * milliseconds (default 150); open, save and a code action on a changed
 * document lint at once.
 *
 * Positions: pblint's byte offsets are converted with pblint_doc_position()
 * into the negotiated unit: "utf-8" (bytes) when the client offers it in
 * capabilities.general.positionEncodings, otherwise "utf-16".
 */
#include "lsp.h"
#include "common.h"
#include "lsp_frame.h"

#include <pblint/pblint.h>

#include "pblint-config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002
};

/* ------------------------------------------------------------- reader */

/* The frame reader's source: the client's input. */
static ssize_t read_fd(void *ud, void *buf, size_t n)
{
    int fd = *(const int *)ud;
    for (;;) {
        ssize_t k = read(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        return k;
    }
}

/* ------------------------------------------------------------- server */

typedef struct document {
    char *uri;
    char *path; /* the file:// URI's path, or NULL for another scheme */
    char *text;
    size_t len;
    json_int_t version;
    bool has_version;
    bool dirty;   /* changed since the last lint */
    json_t *diags; /* the diagnostics last published */
    json_t *fixes; /* per diagnostic: its TextEdit array, or null */
    struct document *next;
} document;

typedef struct server {
    int out; /* the protocol's output (the original stdout) */
    bool initialized;
    bool shut_down;
    bool done;
    bool write_failed;
    int exit_code;
    bool utf8;   /* positionEncoding "utf-8", else "utf-16" */
    int debounce_ms;
    /* how contexts are set up */
    char **plugins;
    size_t nplugins;
    bool no_default_plugins;
    const char *config;
    bool allow_config_plugins;
    bool plugin_errors_told;
    unsigned timeout_ms;
    document *docs;
} server;

static void logf_(const char *fmt, ...) PBLINT_PRINTF(1, 2);
static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pblint lsp: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Writes one message (steals msg). */
static void send_msg(server *s, json_t *msg)
{
    if (!msg)
        return;
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body) {
        logf_("out of memory writing a message");
        return;
    }
    size_t blen = strlen(body);
    char head[64];
    int hl = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", blen);
    char *frame = malloc((size_t)hl + blen);
    if (!frame) {
        free(body);
        return;
    }
    memcpy(frame, head, (size_t)hl);
    memcpy(frame + hl, body, blen);
    free(body);
    size_t total = (size_t)hl + blen, done = 0;
    while (done < total && !s->write_failed) {
        ssize_t n = write(s->out, frame + done, total - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            logf_("cannot write to the client: %s", strerror(errno));
            s->write_failed = true;
            s->done = true;
            break;
        }
        done += (size_t)n;
    }
    free(frame);
}

static void reply(server *s, json_t *id, json_t *result)
{
    send_msg(s, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(), "result",
                          result ? result : json_null()));
}

static void reply_error(server *s, json_t *id, int code, const char *fmt, ...) PBLINT_PRINTF(4, 5);
static void reply_error(server *s, json_t *id, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    send_msg(s, json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                          "error", "code", code, "message", msg));
}

static void notify(server *s, const char *method, json_t *params)
{
    send_msg(s, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* ------------------------------------------------------------ contexts */

typedef struct load_state {
    bool tell;
    int failures;
} load_state;

static void on_plugin_error(void *ud, const char *msg)
{
    load_state *ls = ud;
    if (ls->tell)
        logf_("error: %s", msg);
    ls->failures++;
}

/* A context as the CLI makes one (default plugins, PBLINT_PLUGIN_PATH,
 * --plugin), with isolation on.  Plugin errors are told once a session. */
static pblint_ctx *make_context(server *s)
{
    pblint_ctx *ctx = pblint_ctx_new();
    if (!ctx)
        return NULL;
    pblint_ctx_set_isolation(ctx, true, s->timeout_ms);
    load_state ls = {!s->plugin_errors_told, 0};
    cli_load_plugins(ctx, s->no_default_plugins, s->plugins, s->nplugins, on_plugin_error, &ls);
    s->plugin_errors_told = true;
    return ctx;
}

/* ------------------------------------------------------------------ URIs */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The local path of a file:// URI (percent-decoded), or NULL. */
static char *uri_to_path(const char *uri)
{
    if (strncasecmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (strncasecmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL; /* another host */
    size_t n = strlen(p);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '?' || p[i] == '#')
            break;
        if (p[i] == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
            int c = hexval(p[i + 1]) * 16 + hexval(p[i + 2]);
            if (c == 0) {
                free(out);
                return NULL;
            }
            out[k++] = (char)c;
            i += 2;
        } else {
            out[k++] = p[i];
        }
    }
    out[k] = '\0';
    return out;
}

/* file:// URI of an absolute path, percent-encoding all but unreserved bytes and '/'. */
static char *path_to_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(7 + n * 3 + 1);
    if (!out)
        return NULL;
    memcpy(out, "file://", 7);
    size_t k = 7;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (isalnum(c) || strchr("-._~/", c)) {
            out[k++] = (char)c;
        } else {
            k += (size_t)sprintf(out + k, "%%%02X", c);
        }
    }
    out[k] = '\0';
    return out;
}

/* The rule's page (DIR/plugin/rule.md) as a file:// URI, searched where
 * `pblint --explain` looks; NULL when there is none. */
static char *rule_doc_uri(const char *rule)
{
    if (!rule || !strchr(rule, '/') || strstr(rule, ".."))
        return NULL;
    const char *dirs[4];
    size_t nd = cli_rules_doc_dirs(dirs);
    for (size_t i = 0; i < nd; i++) {
        char path[PATH_MAX], real[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.md", dirs[i], rule);
        if (realpath(path, real))
            return path_to_uri(real);
    }
    return NULL;
}

/* ------------------------------------------------------------ positions */

typedef struct posmap {
    const pblint_doc *doc;
    const char *text;
    size_t len;
    int unit;
    unsigned bom; /* units of a BOM the editor's text has and the document lost */
} posmap;

static json_t *lsp_position(const posmap *pm, uint32_t off)
{
    unsigned line, col;
    if (off >= pm->len && pm->len > 0 &&
        (pm->text[pm->len - 1] == '\n' || pm->text[pm->len - 1] == '\r')) {
        /* after the final line break: the start of the (empty) next line,
         * which pblint's line table does not hold */
        line = pblint_doc_line_count(pm->doc);
        col = 0;
    } else {
        pblint_doc_position(pm->doc, off, pm->unit, &line, &col);
        line = line ? line - 1 : 0;
        col = col ? col - 1 : 0;
    }
    if (line == 0)
        col += pm->bom;
    return json_pack("{s:I,s:I}", "line", (json_int_t)line, "character", (json_int_t)col);
}

static json_t *lsp_range(const posmap *pm, pblint_span sp)
{
    if (sp.end < sp.start)
        sp.end = sp.start;
    return json_pack("{s:o,s:o}", "start", lsp_position(pm, sp.start), "end",
                     lsp_position(pm, sp.end));
}

/* The byte offset of an LSP position in text (clamped to its line). */
static size_t text_offset(const char *t, size_t len, json_int_t line, json_int_t character,
                          bool utf8)
{
    size_t off = 0;
    for (json_int_t l = 0; l < line && off < len;) {
        char ch = t[off++];
        if (ch == '\n' || (ch == '\r' && (off >= len || t[off] != '\n')))
            l++;
    }
    json_int_t units = 0;
    while (off < len && t[off] != '\n' && t[off] != '\r' && units < character) {
        unsigned char b = (unsigned char)t[off];
        size_t cl = b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        if (off + cl > len)
            cl = len - off;
        json_int_t u = utf8 ? (json_int_t)cl : cl == 4 ? 2 : 1;
        if (units + u > character)
            break;
        units += u;
        off += cl;
    }
    return off;
}

/* ---------------------------------------------------------- diagnostics */

/* hrefs: rule id -> its page's URI (or null), looked up once a lint */
static json_t *make_diag(json_t *range, int severity, const char *code, const char *message,
                         json_t *hrefs)
{
    json_t *d = json_object();
    json_object_set_new(d, "range", range);
    json_object_set_new(d, "severity", json_integer(severity));
    if (code) {
        json_object_set_new(d, "code", json_string(code));
        json_t *href = json_object_get(hrefs, code);
        if (!href) {
            char *uri = rule_doc_uri(code);
            href = uri ? json_string(uri) : json_null();
            free(uri);
            json_object_set_new(hrefs, code, href);
        }
        if (json_is_string(href))
            json_object_set_new(d, "codeDescription", json_pack("{s:O}", "href", href));
    }
    json_object_set_new(d, "source", json_string("pblint"));
    json_object_set_new(d, "message", json_string(message ? message : ""));
    return d;
}

static json_t *zero_range(void)
{
    return json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", 0, "character", 0, "end",
                     "line", 0, "character", 0);
}

/* A diagnostic for a document that could not be linted at all. */
static void add_failure(document *d, const char *message)
{
    json_array_append_new(d->diags, make_diag(zero_range(), 1, NULL, message, NULL));
    json_array_append_new(d->fixes, json_null());
}

static int lsp_severity(int sev)
{
    return sev >= PBLINT_SEV_ERROR ? 1 : sev == PBLINT_SEV_WARNING ? 2 : 3;
}

static void convert_result(server *s, document *d, const pblint_result *res)
{
    posmap pm;
    pm.doc = pblint_result_doc(res);
    pm.text = pblint_doc_text(pm.doc, &pm.len);
    pm.unit = s->utf8 ? PBLINT_COLUMN_BYTE : PBLINT_COLUMN_UTF16;
    pm.bom = 0;
    if (d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0 && pm.len + 3 == d->len)
        pm.bom = s->utf8 ? 3 : 1;
    else if (pm.len != d->len)
        logf_("warning: %s: pblint read the text as %s, %zu bytes for the editor's %zu: "
              "positions may be off",
              d->uri, pblint_doc_encoding(pm.doc), pm.len, d->len);
    json_t *hrefs = json_object();
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *g = pblint_result_diag(res, i);
        int sev = pblint_diag_severity(g);
        if (sev < PBLINT_SEV_NOTE)
            continue;
        json_t *jd = make_diag(lsp_range(&pm, pblint_diag_span(g)), lsp_severity(sev),
                               pblint_diag_rule(g), pblint_diag_message(g), hrefs);
        size_t nn = pblint_diag_note_count(g);
        if (nn) {
            json_t *rel = json_array();
            for (size_t k = 0; k < nn; k++) {
                pblint_span sp;
                const char *msg = NULL;
                if (pblint_diag_note(g, k, &sp, &msg) != 0)
                    continue;
                json_array_append_new(
                    rel, json_pack("{s:{s:s,s:o},s:s}", "location", "uri", d->uri, "range",
                                   lsp_range(&pm, sp), "message", msg ? msg : ""));
            }
            json_object_set_new(jd, "relatedInformation", rel);
        }
        json_t *edits = json_null();
        size_t nf = pblint_diag_fixit_count(g);
        if (nf) {
            json_decref(edits);
            edits = json_array();
            for (size_t k = 0; k < nf; k++) {
                pblint_span sp;
                const char *repl = NULL;
                if (pblint_diag_fixit(g, k, &sp, &repl) != 0)
                    continue;
                json_array_append_new(edits, json_pack("{s:o,s:s}", "range", lsp_range(&pm, sp),
                                                       "newText", repl ? repl : ""));
            }
        }
        json_array_append_new(d->diags, jd);
        json_array_append_new(d->fixes, edits);
    }
    json_decref(hrefs);
}

/* Turns "PATH:LINE:COL: rest" (a configuration message) into related
 * information pointing into the configuration file. */
static json_t *config_location(const char *msg)
{
    /* the first ":LINE:COL: " ends the path */
    for (const char *q = strchr(msg, ':'); q; q = strchr(q + 1, ':')) {
        unsigned long l, c;
        int used = 0;
        if (sscanf(q, ":%lu:%lu: %n", &l, &c, &used) == 2 && used > 0) {
            char *path = strndup(msg, (size_t)(q - msg));
            char real[PATH_MAX];
            json_t *loc = NULL;
            if (path && realpath(path, real)) {
                char *uri = path_to_uri(real);
                if (uri) {
                    json_int_t line = l ? (json_int_t)l - 1 : 0, col = c ? (json_int_t)c - 1 : 0;
                    loc = json_pack("{s:{s:s,s:{s:{s:I,s:I},s:{s:I,s:I}}},s:s}", "location", "uri",
                                    uri, "range", "start", "line", line, "character", col, "end",
                                    "line", line, "character", col, "message", q + used);
                    free(uri);
                }
            }
            free(path);
            return loc;
        }
    }
    return NULL;
}

/* Lints the document's text and publishes the diagnostics. */
static void lint_document(server *s, document *d)
{
    json_decref(d->diags);
    json_decref(d->fixes);
    d->diags = json_array();
    d->fixes = json_array();
    d->dirty = false;
    const char *name = d->path ? d->path : d->uri;
    pblint_ctx *ctx = make_context(s);
    pblint_config_set *set = NULL;
    if (!ctx) {
        add_failure(d, "pblint: out of memory");
        goto publish;
    }
    /* the nearest .pblint.yaml, as `pblint FILE` applies it (cli/cfg.c) */
    pblint_config_options co = PBLINT_CONFIG_OPTIONS_INIT;
    co.config = s->config;
    co.allow_plugins = s->allow_config_plugins;
    int rc = pblint_config_set_new(ctx, &co, &set);
    if (rc != 0) {
        char msg[4096];
        snprintf(msg, sizeof msg, "not linted: %s",
                 rc == PBLINT_ECONFIG ? pblint_ctx_error(ctx) : pblint_strerror(rc));
        add_failure(d, msg);
        goto done;
    }
    const pblint_config *cfg = NULL;
    if (d->path || s->config) {
        rc = pblint_config_set_lookup(set, d->path ? d->path : name, &cfg);
        if (cfg) {
            for (size_t k = 0; k < pblint_config_message_count(cfg); k++)
                logf_("%s", pblint_config_message(cfg, k, NULL));
        }
        if (rc != 0) {
            char msg[4096];
            int len = snprintf(msg, sizeof msg, "not linted: its configuration %s has errors",
                               cfg ? pblint_config_path(cfg) : "(unknown)");
            json_t *rel = json_array();
            for (size_t k = 0; cfg && k < pblint_config_message_count(cfg); k++) {
                const char *m = pblint_config_message(cfg, k, NULL);
                if (len > 0 && (size_t)len < sizeof msg)
                    len += snprintf(msg + len, sizeof msg - (size_t)len, "\n%s", m);
                json_t *loc = config_location(m);
                if (loc)
                    json_array_append_new(rel, loc);
            }
            add_failure(d, msg);
            if (json_array_size(rel))
                json_object_set_new(json_array_get(d->diags, 0), "relatedInformation", rel);
            else
                json_decref(rel);
            goto done;
        }
    }
    pblint_config_apply(ctx, cfg, name);
    pblint_result *res = NULL;
    rc = pblint_lint(ctx, name, d->text, d->len, &res);
    if (rc != 0) {
        add_failure(d, pblint_ctx_error(ctx)[0] ? pblint_ctx_error(ctx) : pblint_strerror(rc));
        goto done;
    }
    convert_result(s, d, res);
    pblint_result_free(res);
done:
    pblint_config_set_free(set);
    pblint_ctx_free(ctx);
publish:;
    json_t *params = json_pack("{s:s}", "uri", d->uri);
    if (d->has_version)
        json_object_set_new(params, "version", json_integer(d->version));
    json_object_set(params, "diagnostics", d->diags);
    notify(s, "textDocument/publishDiagnostics", params);
}

/* ------------------------------------------------------------ documents */

static document *find_doc(server *s, const char *uri)
{
    for (document *d = s->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

static void free_doc(document *d)
{
    free(d->uri);
    free(d->path);
    free(d->text);
    json_decref(d->diags);
    json_decref(d->fixes);
    free(d);
}

static void close_doc(server *s, const char *uri)
{
    for (document **pp = &s->docs; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->uri, uri) == 0) {
            document *d = *pp;
            *pp = d->next;
            free_doc(d);
            return;
        }
    }
}

static bool set_text(document *d, const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    free(d->text);
    d->text = copy;
    d->len = len;
    return true;
}

/* ---------------------------------------------------------------- params */

static const char *get_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* {line, character} with non-negative integers. */
static bool get_position(json_t *p, json_int_t *line, json_int_t *character)
{
    json_t *l = json_object_get(p, "line"), *c = json_object_get(p, "character");
    if (!json_is_integer(l) || !json_is_integer(c))
        return false;
    *line = json_integer_value(l);
    *character = json_integer_value(c);
    return *line >= 0 && *character >= 0;
}

static bool get_range(json_t *r, json_int_t v[4])
{
    return json_is_object(r) && get_position(json_object_get(r, "start"), &v[0], &v[1]) &&
           get_position(json_object_get(r, "end"), &v[2], &v[3]);
}

static int pos_cmp(json_int_t l1, json_int_t c1, json_int_t l2, json_int_t c2)
{
    if (l1 != l2)
        return l1 < l2 ? -1 : 1;
    return c1 < c2 ? -1 : c1 > c2;
}

/* ------------------------------------------------------------- methods */

static json_t *initialize(server *s, json_t *params, const char **bad)
{
    if (!json_is_object(params)) {
        *bad = "initialize takes an InitializeParams object";
        return NULL;
    }
    json_t *caps = json_object_get(params, "capabilities");
    if (caps && !json_is_object(caps)) {
        *bad = "capabilities must be an object";
        return NULL;
    }
    s->utf8 = false;
    json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
    size_t i;
    json_t *e;
    json_array_foreach(encs, i, e)
    {
        if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0)
            s->utf8 = true;
    }
    return json_pack("{s:{s:s,s:{s:b,s:i,s:{s:b}},s:{s:[s]}},s:{s:s,s:s}}", "capabilities",
                     "positionEncoding", s->utf8 ? "utf-8" : "utf-16", "textDocumentSync",
                     "openClose", 1, "change", 1, "save", "includeText", 0, "codeActionProvider",
                     "codeActionKinds", "quickfix", "serverInfo", "name", "pblint", "version",
                     pblint_version());
}

static bool kind_wanted(json_t *only)
{
    if (!json_is_array(only))
        return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k)
    {
        const char *v = json_string_value(k);
        size_t n = v ? strlen(v) : 0;
        if (v && (n == 0 || (strncmp("quickfix", v, n) == 0 && ("quickfix"[n] == '\0' ||
                                                              "quickfix"[n] == '.'))))
            return true;
    }
    return false;
}

/* True when one of the client's diagnostics is ours: the same range, code and message. */
static bool names_diag(json_t *theirs, json_t *ours)
{
    size_t i;
    json_t *t;
    json_array_foreach(theirs, i, t)
    {
        if (json_equal(json_object_get(t, "range"), json_object_get(ours, "range")) &&
            json_equal(json_object_get(t, "code"), json_object_get(ours, "code")) &&
            json_equal(json_object_get(t, "message"), json_object_get(ours, "message")))
            return true;
    }
    return false;
}

static json_t *code_action(server *s, json_t *params, const char **bad)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = get_str(td, "uri");
    json_int_t want[4];
    json_t *context = json_object_get(params, "context");
    if (!json_is_object(params) || !uri || !get_range(json_object_get(params, "range"), want) ||
        (context && !json_is_object(context))) {
        *bad = "textDocument/codeAction takes {textDocument: {uri}, range, context}";
        return NULL;
    }
    json_t *actions = json_array();
    document *d = find_doc(s, uri);
    if (!d || !kind_wanted(json_object_get(context, "only")))
        return actions;
    if (d->dirty)
        lint_document(s, d);
    size_t i;
    json_t *diag;
    json_array_foreach(d->diags, i, diag)
    {
        json_t *edits = json_array_get(d->fixes, i);
        json_int_t have[4];
        if (!json_is_array(edits) || !get_range(json_object_get(diag, "range"), have))
            continue;
        /* the diagnostic's range and the requested one overlap (or touch),
         * or the client names the diagnostic in context.diagnostics */
        if ((pos_cmp(have[0], have[1], want[2], want[3]) > 0 ||
             pos_cmp(want[0], want[1], have[2], have[3]) > 0) &&
            !names_diag(json_object_get(context, "diagnostics"), diag))
            continue;
        char title[2048];
        snprintf(title, sizeof title, "Fix: %s", get_str(diag, "message"));
        json_t *changes = json_object();
        json_object_set(changes, uri, edits);
        json_array_append_new(actions, json_pack("{s:s,s:s,s:[O],s:b,s:{s:o}}", "title", title,
                                                 "kind", "quickfix", "diagnostics", diag,
                                                 "isPreferred", 1, "edit", "changes", changes));
    }
    return actions;
}

static void did_open(server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = get_str(td, "uri");
    json_t *text = json_object_get(td, "text");
    json_t *version = json_object_get(td, "version");
    if (!uri || !json_is_string(text)) {
        logf_("textDocument/didOpen: invalid params (textDocument.uri and .text are needed)");
        return;
    }
    document *d = find_doc(s, uri);
    if (!d) {
        d = calloc(1, sizeof *d);
        if (!d || !(d->uri = strdup(uri))) {
            free(d);
            logf_("out of memory");
            return;
        }
        d->path = uri_to_path(uri);
        d->next = s->docs;
        s->docs = d;
    }
    if (!set_text(d, json_string_value(text), json_string_length(text))) {
        logf_("out of memory");
        return;
    }
    d->has_version = json_is_integer(version);
    d->version = d->has_version ? json_integer_value(version) : 0;
    lint_document(s, d);
}

static void did_change(server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = get_str(td, "uri");
    json_t *changes = json_object_get(params, "contentChanges");
    if (!uri || !json_is_array(changes)) {
        logf_("textDocument/didChange: invalid params (textDocument.uri and contentChanges[] are "
              "needed)");
        return;
    }
    document *d = find_doc(s, uri);
    if (!d) {
        logf_("textDocument/didChange: %s is not open", uri);
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch)
    {
        json_t *text = json_object_get(ch, "text");
        if (!json_is_string(text)) {
            logf_("textDocument/didChange: a change without text");
            continue;
        }
        json_int_t r[4];
        json_t *range = json_object_get(ch, "range");
        if (range && get_range(range, r)) {
            /* an incremental change, though full sync was asked for */
            size_t a = text_offset(d->text, d->len, r[0], r[1], s->utf8);
            size_t b = text_offset(d->text, d->len, r[2], r[3], s->utf8);
            if (b < a)
                b = a;
            size_t tl = json_string_length(text);
            char *nt = malloc(d->len - (b - a) + tl + 1);
            if (!nt)
                continue;
            memcpy(nt, d->text, a);
            memcpy(nt + a, json_string_value(text), tl);
            memcpy(nt + a + tl, d->text + b, d->len - b);
            d->len = d->len - (b - a) + tl;
            nt[d->len] = '\0';
            free(d->text);
            d->text = nt;
        } else {
            set_text(d, json_string_value(text), json_string_length(text));
        }
    }
    json_t *version = json_object_get(td, "version");
    if (json_is_integer(version)) {
        d->has_version = true;
        d->version = json_integer_value(version);
    }
    d->dirty = true;
    if (s->debounce_ms <= 0)
        lint_document(s, d);
}

static void did_save(server *s, json_t *params)
{
    const char *uri = get_str(json_object_get(params, "textDocument"), "uri");
    document *d = uri ? find_doc(s, uri) : NULL;
    if (!d) {
        logf_("textDocument/didSave: %s", uri ? "the document is not open" : "invalid params");
        return;
    }
    json_t *text = json_object_get(params, "text");
    if (json_is_string(text))
        set_text(d, json_string_value(text), json_string_length(text));
    lint_document(s, d);
}

static void did_close(server *s, json_t *params)
{
    const char *uri = get_str(json_object_get(params, "textDocument"), "uri");
    if (!uri) {
        logf_("textDocument/didClose: invalid params (textDocument.uri is needed)");
        return;
    }
    close_doc(s, uri);
    notify(s, "textDocument/publishDiagnostics",
           json_pack("{s:s,s:[]}", "uri", uri, "diagnostics"));
}

/* ------------------------------------------------------------ dispatch */

static void handle_request(server *s, const char *method, json_t *id, json_t *params)
{
    const char *bad = NULL;
    json_t *result = NULL;
    if (strcmp(method, "initialize") == 0) {
        if (s->initialized) {
            reply_error(s, id, RPC_INVALID_REQUEST, "initialize may be sent only once");
            return;
        }
        result = initialize(s, params, &bad);
        if (result)
            s->initialized = true;
    } else if (!s->initialized) {
        reply_error(s, id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized: send "
                                                       "initialize first");
        return;
    } else if (s->shut_down) {
        reply_error(s, id, RPC_INVALID_REQUEST, "the server is shut down: only exit may follow");
        return;
    } else if (strcmp(method, "shutdown") == 0) {
        s->shut_down = true;
        reply(s, id, json_null());
        return;
    } else if (strcmp(method, "textDocument/codeAction") == 0) {
        result = code_action(s, params, &bad);
    } else {
        reply_error(s, id, RPC_METHOD_NOT_FOUND, "method not found: %s", method);
        return;
    }
    if (bad)
        reply_error(s, id, RPC_INVALID_PARAMS, "invalid params: %s", bad);
    else if (result)
        reply(s, id, result);
    else
        reply_error(s, id, RPC_INTERNAL_ERROR, "internal error");
}

static void handle_notification(server *s, const char *method, json_t *params)
{
    if (strcmp(method, "exit") == 0) {
        s->exit_code = s->shut_down ? 0 : 1;
        s->done = true;
        return;
    }
    if (!s->initialized || s->shut_down)
        return; /* dropped, as the protocol says */
    if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(s, params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(s, params);
    else if (strcmp(method, "textDocument/didSave") == 0)
        did_save(s, params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        did_close(s, params);
    /* initialized, $/cancelRequest (answers are never late), $/setTrace,
     * workspace/didChangeConfiguration and the rest: nothing to do */
}

static void handle_message(server *s, const char *body, size_t len)
{
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!msg) {
        reply_error(s, NULL, RPC_PARSE_ERROR, "parse error: %s (line %d, column %d)", err.text,
                    err.line, err.column);
        return;
    }
    if (!json_is_object(msg)) {
        reply_error(s, NULL, RPC_INVALID_REQUEST,
                    json_is_array(msg) ? "invalid request: batches are not supported"
                                       : "invalid request: a message is a JSON object");
        json_decref(msg);
        return;
    }
    json_t *id = json_object_get(msg, "id");
    bool id_ok = json_is_string(id) || json_is_integer(id);
    json_t *rid = id_ok ? id : NULL;
    const char *jv = get_str(msg, "jsonrpc");
    json_t *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (!jv || strcmp(jv, "2.0") != 0)
        reply_error(s, rid, RPC_INVALID_REQUEST, "invalid request: \"jsonrpc\" must be \"2.0\"");
    else if (id && !id_ok)
        reply_error(s, NULL, RPC_INVALID_REQUEST,
                    "invalid request: \"id\" must be an integer or a string");
    else if (!method && id && (json_object_get(msg, "result") || json_object_get(msg, "error")))
        ; /* a response: the server sends no requests, so it answers nothing */
    else if (!json_is_string(method))
        reply_error(s, rid, RPC_INVALID_REQUEST, "invalid request: \"method\" must be a string");
    else if (params && !json_is_object(params) && !json_is_array(params) && id)
        reply_error(s, rid, RPC_INVALID_PARAMS, "invalid params: params must be an object or an "
                                                "array");
    else if (id)
        handle_request(s, json_string_value(method), id, params);
    else
        handle_notification(s, json_string_value(method), params);
    json_decref(msg);
}

/* --------------------------------------------------------------- main */

static void lint_dirty(server *s)
{
    for (document *d = s->docs; d && !s->done; d = d->next)
        if (d->dirty)
            lint_document(s, d);
}

static bool any_dirty(const server *s)
{
    for (const document *d = s->docs; d; d = d->next)
        if (d->dirty)
            return true;
    return false;
}

static void usage(FILE *out)
{
    fputs("usage: pblint lsp [options]\n"
          "Runs pblint as a Language Server Protocol 3.17 server on stdin and stdout.\n"
          "\n"
          "options:\n"
          "  --plugin=FILE          load a plugin (may be repeated)\n"
          "  --no-default-plugins   load only the plugins named with --plugin or\n"
          "                         PBLINT_PLUGIN_PATH\n"
          "  --config=FILE          use this configuration for every document instead of\n"
          "                         the nearest .pblint.yaml\n"
          "  --allow-config-plugins load the plugins that configuration files name\n"
          "  --debounce=MS          lint an edited document once the editor has been quiet\n"
          "                         for MS milliseconds (default 150; 0: at every change)\n"
          "  --stdio                accepted and ignored (stdio is the only transport)\n"
          "  --help                 print this help\n",
          out);
}

int lsp_main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"plugin", required_argument, NULL, 'p'},
        {"no-default-plugins", no_argument, NULL, 'n'},
        {"config", required_argument, NULL, 'c'},
        {"allow-config-plugins", no_argument, NULL, 'a'},
        {"debounce", required_argument, NULL, 'd'},
        {"stdio", no_argument, NULL, 's'},
        {"clientProcessId", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    server s;
    memset(&s, 0, sizeof s);
    s.debounce_ms = 150;
    s.exit_code = 1;
    s.timeout_ms = 10000;
    const char *tmo = getenv("PBLINT_CHECK_TIMEOUT_MS");
    if (tmo && *tmo)
        s.timeout_ms = (unsigned)strtoul(tmo, NULL, 10);
    char **plugins = calloc((size_t)argc, sizeof *plugins);
    int in = -1; /* the protocol's input (the original stdin) */
    lsp_reader *rdp = lsp_reader_new(read_fd, &in);
    if (!plugins || !rdp) {
        free(plugins);
        lsp_reader_free(rdp);
        return 2;
    }
    int c;
    opterr = 0;
    optind = 2; /* after "pblint lsp" */
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
            plugins[s.nplugins++] = optarg;
            break;
        case 'n':
            s.no_default_plugins = true;
            break;
        case 'c':
            s.config = optarg;
            break;
        case 'a':
            s.allow_config_plugins = true;
            break;
        case 'd': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 60000) {
                fprintf(stderr, "pblint: error: --debounce takes milliseconds from 0 to 60000, "
                                "not '%s'\n",
                        optarg);
                free(plugins);
                lsp_reader_free(rdp);
                return 2;
            }
            s.debounce_ms = (int)v;
            break;
        }
        case 's':
        case 'i':
            break;
        case 'h':
            usage(stdout);
            free(plugins);
            lsp_reader_free(rdp);
            return 0;
        default:
            fprintf(stderr, "pblint: error: unknown option '%s'\nTry 'pblint lsp --help'.\n",
                    argv[optind - 1]);
            free(plugins);
            lsp_reader_free(rdp);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pblint: error: pblint lsp takes no files (the editor sends them)\n");
        free(plugins);
        lsp_reader_free(rdp);
        return 2;
    }
    s.plugins = plugins;

    /* The protocol keeps the original stdin and stdout to itself: whatever
     * a plugin or library prints goes to stderr, and nothing can read the
     * client's messages but the server. */
    signal(SIGPIPE, SIG_IGN);
    in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    s.out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (in < 0 || s.out < 0) {
        fprintf(stderr, "pblint: error: cannot set up stdio: %s\n", strerror(errno));
        free(plugins);
        lsp_reader_free(rdp);
        return 2;
    }
    dup2(STDERR_FILENO, STDOUT_FILENO);
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        close(devnull);
    }

    while (!s.done) {
        if (lsp_reader_idle(rdp) && any_dirty(&s)) {
            struct pollfd p = {in, POLLIN, 0};
            int n = poll(&p, 1, s.debounce_ms);
            if (n == 0) {
                lint_dirty(&s);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
        }
        char *body = NULL;
        size_t blen = 0;
        char why[LSP_FRAME_WHY];
        lsp_frame_status fr = lsp_read_frame(rdp, &body, &blen, why, sizeof why);
        if (fr == LSP_FRAME_EOF || fr == LSP_FRAME_NOMEM) {
            if (*why)
                logf_("%s", why);
            s.exit_code = s.shut_down ? 0 : 1;
            break;
        }
        if (fr == LSP_FRAME_BAD) {
            logf_("bad frame: %s", why);
            reply_error(&s, NULL, RPC_PARSE_ERROR, "parse error: %s", why);
            continue;
        }
        handle_message(&s, body, blen);
        free(body);
    }
    if (s.write_failed)
        s.exit_code = 1;
    while (s.docs) {
        document *d = s.docs;
        s.docs = d->next;
        free_doc(d);
    }
    close(in);
    close(s.out);
    free(plugins);
    lsp_reader_free(rdp);
    return s.exit_code;
}

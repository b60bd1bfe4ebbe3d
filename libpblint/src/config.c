/*
 * Configuration files: .pblint.yaml, found by walking up from each linted
 * file's folder (the nearest wins) or named with --config, read with
 * libcyaml against a schema, checked, and applied to a context per file.
 *
 * libcyaml keeps no source positions in what it loads and says where an
 * error is only in its log text, so a file is read twice: once with
 * libyaml's event parser, which gives every key and value its line and
 * column (and catches syntax errors and duplicate keys exactly), then with
 * libcyaml against the schema, whose log is collected (the error and its
 * "in mapping field 'x' (line: N, column: M)" backtrace) and turned into a
 * key path such as "overrides[0].rules[1].severity".  Every message names
 * the file, the line and column, and the key path.
 */
#include "config.h"

#include <cyaml/cyaml.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <yaml.h>

/* ------------------------------------------------------------ schema */

typedef struct y_rule {
    char *id;
    char *severity;
} y_rule;

typedef struct y_option {
    char *rule;
    char *key;
    char *value;
    char **values;
    unsigned values_count;
} y_option;

typedef struct y_override {
    char **files;
    unsigned files_count;
    y_rule *rules;
    unsigned rules_count;
    y_option *options;
    unsigned options_count;
} y_override;

typedef struct y_policy {
    char *name, *kind, *severity, *summary, *message;
    char *pattern, *level, *min, *max;
    char *field, *match;
    char **words;
    unsigned words_count;
    char **regexes;
    unsigned regexes_count;
    char **fields;
    unsigned fields_count;
    char **tables;
    unsigned tables_count;
    char *table, *column;
} y_policy;

typedef struct y_root {
    y_rule *rules;
    unsigned rules_count;
    y_option *options;
    unsigned options_count;
    char **plugins;
    unsigned plugins_count;
    y_override *overrides;
    unsigned overrides_count;
    y_policy *policies;
    unsigned policies_count;
} y_root;

typedef struct y_user {
    char **trusted;
    unsigned trusted_count;
} y_user;

#define OPT (CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL)
#define STR_FIELD(key, flags, type, member)                                                       \
    CYAML_FIELD_STRING_PTR(key, flags, type, member, 0, CYAML_UNLIMITED)
#define SEQ_FIELD(key, flags, type, member, entry)                                                \
    CYAML_FIELD_SEQUENCE(key, flags, type, member, entry, 0, CYAML_UNLIMITED)

static const cyaml_schema_value_t string_value = {
    CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t rule_fields[] = {
    STR_FIELD("id", CYAML_FLAG_POINTER, y_rule, id),
    STR_FIELD("severity", CYAML_FLAG_POINTER, y_rule, severity),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t rule_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, y_rule, rule_fields),
};

static const cyaml_schema_field_t option_fields[] = {
    STR_FIELD("rule", CYAML_FLAG_POINTER, y_option, rule),
    STR_FIELD("key", CYAML_FLAG_POINTER, y_option, key),
    STR_FIELD("value", OPT, y_option, value),
    SEQ_FIELD("values", OPT, y_option, values, &string_value),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t option_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, y_option, option_fields),
};

static const cyaml_schema_field_t override_fields[] = {
    SEQ_FIELD("files", CYAML_FLAG_POINTER, y_override, files, &string_value),
    SEQ_FIELD("rules", OPT, y_override, rules, &rule_value),
    SEQ_FIELD("options", OPT, y_override, options, &option_value),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t override_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, y_override, override_fields),
};

static const cyaml_schema_field_t policy_fields[] = {
    STR_FIELD("name", CYAML_FLAG_POINTER, y_policy, name),
    STR_FIELD("kind", CYAML_FLAG_POINTER, y_policy, kind),
    STR_FIELD("severity", OPT, y_policy, severity),
    STR_FIELD("summary", OPT, y_policy, summary),
    STR_FIELD("message", OPT, y_policy, message),
    STR_FIELD("pattern", OPT, y_policy, pattern),
    STR_FIELD("level", OPT, y_policy, level),
    STR_FIELD("min", OPT, y_policy, min),
    STR_FIELD("max", OPT, y_policy, max),
    STR_FIELD("field", OPT, y_policy, field),
    STR_FIELD("match", OPT, y_policy, match),
    SEQ_FIELD("words", OPT, y_policy, words, &string_value),
    SEQ_FIELD("regexes", OPT, y_policy, regexes, &string_value),
    SEQ_FIELD("fields", OPT, y_policy, fields, &string_value),
    SEQ_FIELD("tables", OPT, y_policy, tables, &string_value),
    STR_FIELD("table", OPT, y_policy, table),
    STR_FIELD("column", OPT, y_policy, column),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t policy_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, y_policy, policy_fields),
};

static const cyaml_schema_field_t root_fields[] = {
    SEQ_FIELD("rules", OPT, y_root, rules, &rule_value),
    SEQ_FIELD("options", OPT, y_root, options, &option_value),
    SEQ_FIELD("plugins", OPT, y_root, plugins, &string_value),
    SEQ_FIELD("overrides", OPT, y_root, overrides, &override_value),
    SEQ_FIELD("policies", OPT, y_root, policies, &policy_value),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t root_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, y_root, root_fields),
};

static const cyaml_schema_field_t user_fields[] = {
    SEQ_FIELD("trusted-plugins", OPT, y_user, trusted, &string_value),
    CYAML_FIELD_END,
};
static const cyaml_schema_value_t user_value = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, y_user, user_fields),
};

/* The keys each policy kind takes, besides name, kind, severity, summary, message. */
static const struct {
    const char *name;
    const char *keys[5];
} POLICY_KINDS[PB_POLICY__COUNT] = {
    [PB_POLICY_REQUIRE_INDICATOR] = {"require-indicator", {"pattern", "level", "min", "max"}},
    [PB_POLICY_REQUIRE_FIELD] = {"require-field", {"field", "match"}},
    [PB_POLICY_FORBID] = {"forbid", {"words", "regexes", "fields", "tables"}},
    [PB_POLICY_CAP_AMOUNT] = {"cap-amount", {"max", "match", "column", "table"}},
};

static const char *const POLICY_KEYS[] = {"pattern", "level", "min",    "max",    "field",
                                          "match",   "words", "regexes", "fields", "tables",
                                          "table",   "column"};

/* ------------------------------------------------------ the objects */

typedef struct c_rule {
    char *pattern;
    int severity;
    pb_origin origin;
} c_rule;

typedef struct c_option {
    char *rule;
    char *key;
    char *value;
    pb_origin origin;
} c_option;

typedef struct c_override {
    char **globs;
    size_t nglobs;
    c_rule *rules;
    size_t nrules;
    c_option *options;
    size_t noptions;
    pb_origin origin;
} c_override;

typedef struct c_plugin {
    char *written;   /* as in the file */
    char *path;      /* resolved against the file's folder (real path when it exists) */
    char *name;      /* the plugin's name once loaded, NULL otherwise */
    bool refused;
    pb_origin origin;
} c_plugin;

/* Where a key path's key and value sit in the file. */
typedef struct c_pos {
    char *path;
    unsigned kline, kcol; /* the key (0 for sequence entries and the root) */
    unsigned vline, vcol; /* the value */
} c_pos;

typedef struct c_msg {
    int severity;
    char *text;
    unsigned line, col;
    size_t seq;
} c_msg;

struct pblint_config {
    pb_arena arena;
    char *path;    /* absolute */
    char *display; /* relative to the working directory when under it */
    char *dir;     /* the file's folder, real path */
    bool ok;
    bool refused;  /* some plugin was refused */
    c_rule *rules;
    size_t nrules;
    c_option *options;
    size_t noptions;
    c_override *overrides;
    size_t noverrides;
    c_plugin *plugins;
    size_t nplugins;
    pb_policy *policies;
    size_t npolicies;
    char **trusted; /* user configuration only */
    size_t ntrusted;
    c_pos *pos;
    size_t npos, pos_cap;
    c_msg *msgs;
    size_t nmsgs, msgs_cap;
};

struct pblint_config_set {
    pblint_ctx *ctx;
    bool allow_plugins;
    char *cwd;
    pblint_config *user;     /* the user's own configuration, NULL if none */
    char *user_display;      /* how messages name it */
    pblint_config *explicit_cfg;
    pblint_config **cfgs;    /* in load order (the explicit one too) */
    size_t ncfgs, cfgs_cap;
    char *last_dir;          /* the last lookup's folder and result */
    pblint_config *last_cfg;
};

/* ------------------------------------------------------- messages */

static void msg(pblint_config *cfg, int sev, unsigned line, unsigned col, const char *fmt, ...)
    PBLINT_PRINTF(5, 6);

static void msg(pblint_config *cfg, int sev, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = pb_vsprintf(&cfg->arena, fmt, ap);
    va_end(ap);
    const char *sname = sev == PBLINT_SEV_ERROR ? "error" : sev == PBLINT_SEV_WARNING ? "warning"
                                                                                      : "note";
    char *text;
    if (line)
        text = pb_sprintf(&cfg->arena, "%s:%u:%u: %s: %s", cfg->display, line, col, sname,
                          body ? body : "");
    else
        text = pb_sprintf(&cfg->arena, "%s: %s: %s", cfg->display, sname, body ? body : "");
    c_msg m = {sev, text, line, col, cfg->nmsgs};
    if (text)
        PB_PUSH(cfg->msgs, cfg->nmsgs, cfg->msgs_cap, m);
    if (sev == PBLINT_SEV_ERROR)
        cfg->ok = false;
}

/* ------------------------------------------------ the position index */

typedef struct yframe {
    bool is_map;
    bool want_key;
    size_t index;
    char *path;
    char *key;
    unsigned kline, kcol;
    char **keys; /* keys seen in this mapping, for duplicates */
    size_t nkeys, keys_cap;
} yframe;

static char *child_path(pb_arena *a, const yframe *f)
{
    if (!f)
        return pb_strndup(a, "", 0);
    if (f->is_map)
        return *f->path ? pb_sprintf(a, "%s.%s", f->path, f->key) : pb_strndup(a, f->key,
                                                                               strlen(f->key));
    return pb_sprintf(a, "%s[%zu]", f->path, f->index);
}

static void add_pos(pblint_config *cfg, char *path, unsigned kl, unsigned kc, unsigned vl,
                    unsigned vc)
{
    c_pos p = {path, kl, kc, vl, vc};
    if (path)
        PB_PUSH(cfg->pos, cfg->npos, cfg->pos_cap, p);
}

static void advance(yframe *f)
{
    if (!f)
        return;
    if (f->is_map)
        f->want_key = true;
    else
        f->index++;
}

/*
 * Reads text with libyaml's event parser and indexes every key path.
 * Reports syntax errors, duplicate keys and non-scalar keys; returns false
 * when the file cannot be read further.
 */
static bool index_positions(pblint_config *cfg, const char *text, size_t len)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        msg(cfg, PBLINT_SEV_ERROR, 0, 0, "out of memory");
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yframe *stack = NULL;
    size_t depth = 0, cap = 0;
    bool ok = true, done = false;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            unsigned line = (unsigned)parser.problem_mark.line + 1;
            unsigned col = (unsigned)parser.problem_mark.column + 1;
            msg(cfg, PBLINT_SEV_ERROR, line, col, "YAML syntax error: %s%s%s",
                parser.problem ? parser.problem : "unreadable YAML",
                parser.context ? " " : "", parser.context ? parser.context : "");
            ok = false;
            break;
        }
        yframe *top = depth ? &stack[depth - 1] : NULL;
        unsigned line = (unsigned)ev.start_mark.line + 1, col = (unsigned)ev.start_mark.column + 1;
        bool node = ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT ||
                    ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT;
        if (ev.type == YAML_STREAM_END_EVENT) {
            done = true;
        } else if (ev.type == YAML_DOCUMENT_START_EVENT && depth == 0 && cfg->npos > 0) {
            msg(cfg, PBLINT_SEV_ERROR, line, col,
                "a second YAML document: a configuration file holds one");
            ok = false;
            done = true;
        } else if (node && top && top->is_map && top->want_key) {
            if (ev.type != YAML_SCALAR_EVENT) {
                msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%sa key must be a plain word",
                    top->path, *top->path ? ": " : "");
                ok = false;
                done = true;
            } else {
                char *key = pb_strndup(&cfg->arena, (const char *)ev.data.scalar.value,
                                       ev.data.scalar.length);
                for (size_t i = 0; key && i < top->nkeys; i++) {
                    if (strcmp(top->keys[i], key) == 0) {
                        msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%skey '%s' is given twice",
                            top->path, *top->path ? ": " : "", key);
                        ok = false;
                    }
                }
                if (key)
                    PB_PUSH(top->keys, top->nkeys, top->keys_cap, key);
                top->key = key ? key : "";
                top->kline = line;
                top->kcol = col;
                top->want_key = false;
            }
        } else if (node) {
            char *path = child_path(&cfg->arena, top);
            bool keyed = top && top->is_map;
            add_pos(cfg, path, keyed ? top->kline : 0, keyed ? top->kcol : 0, line, col);
            if (ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT) {
                yframe f;
                memset(&f, 0, sizeof f);
                f.is_map = ev.type == YAML_MAPPING_START_EVENT;
                f.want_key = true;
                f.path = path ? path : "";
                if (PB_PUSH(stack, depth, cap, f) != 0) {
                    ok = false;
                    done = true;
                }
            } else {
                advance(top);
            }
        } else if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            if (depth) {
                free(stack[depth - 1].keys);
                depth--;
            }
            advance(depth ? &stack[depth - 1] : NULL);
        }
        yaml_event_delete(&ev);
    }
    for (size_t i = 0; i < depth; i++)
        free(stack[i].keys);
    free(stack);
    yaml_parser_delete(&parser);
    return ok;
}

static const c_pos *find_pos(const pblint_config *cfg, const char *path)
{
    for (size_t i = 0; i < cfg->npos; i++)
        if (strcmp(cfg->pos[i].path, path) == 0)
            return &cfg->pos[i];
    return NULL;
}

/* Line and column of a key path's value (or of its key, for `key`). */
static void where(const pblint_config *cfg, const char *path, bool key, unsigned *line,
                  unsigned *col)
{
    const c_pos *p = find_pos(cfg, path);
    *line = *col = 0;
    if (p && key && p->kline) {
        *line = p->kline;
        *col = p->kcol;
    } else if (p) {
        *line = p->vline;
        *col = p->vcol;
    }
    if (!*line) {
        *line = 1;
        *col = 1;
    }
}

static bool has_key(const pblint_config *cfg, const char *path) { return find_pos(cfg, path); }

/* An error at a key path's value. */
#define AT(cfg, path, ...)                                                                        \
    do {                                                                                          \
        unsigned l_, c_;                                                                          \
        where((cfg), (path), false, &l_, &c_);                                                    \
        msg((cfg), PBLINT_SEV_ERROR, l_, c_, __VA_ARGS__);                                        \
    } while (0)

/* --------------------------------------------------- libcyaml's log */

typedef struct cy_log {
    char *text;
    size_t len;
    FILE *f;
} cy_log;

static void cy_log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
    cy_log *lg = ctx;
    if (level < CYAML_LOG_ERROR || !lg->f)
        return;
    vfprintf(lg->f, fmt, args);
}

/* The schema of the value at a key path, or NULL. */
static const cyaml_schema_value_t *schema_at(const cyaml_schema_value_t *v, const char *path)
{
    const char *p = path;
    while (v && *p) {
        if (*p == '[') {
            if (v->type != CYAML_SEQUENCE)
                return NULL;
            v = v->sequence.entry;
            p = strchr(p, ']');
            if (!p)
                return NULL;
            p++;
            continue;
        }
        if (*p == '.')
            p++;
        size_t n = strcspn(p, ".[");
        if (v->type != CYAML_MAPPING)
            return NULL;
        const cyaml_schema_field_t *f = v->mapping.fields;
        while (f->key && (strlen(f->key) != n || strncmp(f->key, p, n) != 0))
            f++;
        if (!f->key)
            return NULL;
        v = &f->value;
        p += n;
    }
    return v;
}

/* "a, b, c": the keys a mapping takes. */
static char *keys_of(pb_arena *a, const cyaml_schema_value_t *v)
{
    if (!v || v->type != CYAML_MAPPING)
        return pb_strndup(a, "", 0);
    char buf[512];
    size_t n = 0;
    buf[0] = '\0';
    for (const cyaml_schema_field_t *f = v->mapping.fields; f->key; f++)
        n += (size_t)snprintf(buf + n, n < sizeof buf ? sizeof buf - n : 0, "%s%s", n ? ", " : "",
                              f->key);
    return pb_strndup(a, buf, strlen(buf));
}

static const char *what_event(const char *ev)
{
    if (strncmp(ev, "SCALAR", 6) == 0)
        return "a single value";
    if (strncmp(ev, "SEQUENCE", 8) == 0)
        return "a list";
    if (strncmp(ev, "MAPPING", 7) == 0)
        return "a mapping (key: value)";
    if (strncmp(ev, "ALIAS", 5) == 0)
        return "an alias";
    return "something else";
}

static const char *what_type(const char *t)
{
    if (strncmp(t, "STRING", 6) == 0)
        return "a single value";
    if (strncmp(t, "SEQUENCE", 8) == 0)
        return "a list";
    if (strncmp(t, "MAPPING", 7) == 0)
        return "a mapping (key: value)";
    return "another type";
}

/* Turns libcyaml's log of a failed load into one message. */
static void report_cyaml(pblint_config *cfg, const cyaml_schema_value_t *schema, const char *log,
                         cyaml_err_t err)
{
    char problem[256] = "";
    char path[512] = "";
    unsigned bt_line = 0, bt_col = 0;
    bool innermost_is_field = false, first_frame = true;
    /* frames come innermost first: collect them, then build the path outward */
    struct frame {
        int kind; /* 0 mapping, 1 field, 2 entry */
        char name[128];
        unsigned n;
    } frames[32];
    size_t nf = 0;
    const char *p = log;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)l, p);
        const char *s = line;
        while (*s == ' ')
            s++;
        if (strncmp(s, "Load: ", 6) == 0 && strncmp(s + 6, "Backtrace:", 10) != 0 && !*problem)
            snprintf(problem, sizeof problem, "%s", s + 6);
        if (strncmp(s, "in ", 3) == 0 && nf < 32) {
            struct frame *f = &frames[nf];
            memset(f, 0, sizeof *f);
            const char *q1 = strchr(s, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
            if (strncmp(s, "in mapping field", 16) == 0 && q1 && q2) {
                f->kind = 1;
                snprintf(f->name, sizeof f->name, "%.*s", (int)(q2 - q1 - 1), q1 + 1);
            } else if (strncmp(s, "in sequence entry", 17) == 0 && q1) {
                f->kind = 2;
                f->n = (unsigned)strtoul(q1 + 1, NULL, 10);
            } else {
                f->kind = 0;
            }
            const char *lc = strstr(s, "(line: ");
            if (lc && first_frame) {
                unsigned a = 0, b = 0;
                if (sscanf(lc, "(line: %u, column: %u)", &a, &b) == 2) {
                    bt_line = a;
                    bt_col = b;
                }
            }
            if (first_frame)
                innermost_is_field = f->kind == 1;
            first_frame = false;
            nf++;
        }
        p = e ? e + 1 : NULL;
    }
    bool missing = strncmp(problem, "Missing required mapping field: ", 32) == 0;
    /* a missing field is noticed at the mapping's end: the innermost frame
     * then names the mapping's last field, not the place */
    size_t from = (missing && innermost_is_field && nf) ? 1 : 0;
    size_t n = 0;
    for (size_t i = nf; i-- > from;) {
        if (frames[i].kind == 1)
            n += (size_t)snprintf(path + n, n < sizeof path ? sizeof path - n : 0, "%s%s",
                                  n ? "." : "", frames[i].name);
        else if (frames[i].kind == 2)
            n += (size_t)snprintf(path + n, n < sizeof path ? sizeof path - n : 0, "[%u]",
                                  frames[i].n ? frames[i].n - 1 : 0);
    }
    const char *sep = *path ? ": " : "";
    unsigned line = 0, col = 0;
    if (strncmp(problem, "Unexpected key: ", 16) == 0) {
        const char *key = problem + 16;
        char kp[600];
        snprintf(kp, sizeof kp, "%s%s%s", path, *path ? "." : "", key);
        const c_pos *at = find_pos(cfg, kp);
        if (at) {
            line = at->kline;
            col = at->kcol;
        }
        char *keys = keys_of(&cfg->arena, schema_at(schema, path));
        msg(cfg, PBLINT_SEV_ERROR, line ? line : bt_line, line ? col : bt_col,
            "%s%sunknown key '%s' (the keys here are: %s)", path, sep, key, keys ? keys : "");
        return;
    }
    const c_pos *at = find_pos(cfg, path);
    if (at) {
        line = at->vline;
        col = at->vcol;
    } else {
        line = bt_line;
        col = bt_col;
    }
    if (missing) {
        msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%smissing required key '%s'", path, sep,
            problem + 32);
    } else if (strncmp(problem, "Expecting ", 10) == 0 && strstr(problem, ", got event: ")) {
        const char *got = strstr(problem, ", got event: ") + 13;
        msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%sexpected %s, got %s", path, sep,
            what_type(problem + 10), what_event(got));
    } else if (*problem) {
        msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%s%s", path, sep, problem);
    } else {
        msg(cfg, PBLINT_SEV_ERROR, line, col, "%s%s%s", path, sep, cyaml_strerror(err));
    }
}

/* Loads text against schema; on failure reports and returns NULL data. */
static bool cyaml_read(pblint_config *cfg, const char *text, size_t len,
                       const cyaml_schema_value_t *schema, void **data)
{
    cy_log lg = {NULL, 0, NULL};
    lg.f = open_memstream(&lg.text, &lg.len);
    cyaml_config_t cc;
    memset(&cc, 0, sizeof cc);
    cc.log_fn = cy_log_fn;
    cc.log_ctx = &lg;
    cc.mem_fn = cyaml_mem;
    cc.log_level = CYAML_LOG_ERROR;
    cc.flags = CYAML_CFG_NO_ALIAS;
    *data = NULL;
    cyaml_err_t err = cyaml_load_data((const uint8_t *)text, len, &cc, schema, data, NULL);
    if (lg.f)
        fclose(lg.f);
    if (err != CYAML_OK) {
        report_cyaml(cfg, schema, lg.text ? lg.text : "", err);
        free(lg.text);
        *data = NULL;
        return false;
    }
    free(lg.text);
    return true;
}

static void cyaml_release(const cyaml_schema_value_t *schema, void *data)
{
    if (!data)
        return;
    cyaml_config_t cc;
    memset(&cc, 0, sizeof cc);
    cc.mem_fn = cyaml_mem;
    cc.log_level = CYAML_LOG_ERROR;
    cyaml_free(&cc, schema, data, 0);
}

/* ------------------------------------------------------------ paths */

static char *dup_str(pb_arena *a, const char *s) { return s ? pb_strndup(a, s, strlen(s)) : NULL; }

/* An absolute, normalised form of path (real path when it exists). */
static char *absolute(pb_arena *a, const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return dup_str(a, buf);
    if (path[0] == '/')
        return dup_str(a, path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return dup_str(a, path);
    return pb_sprintf(a, "%s/%s", cwd, path);
}

static char *parent_dir(pb_arena *a, const char *abs)
{
    const char *slash = strrchr(abs, '/');
    if (!slash || slash == abs)
        return pb_strndup(a, "/", 1);
    return pb_strndup(a, abs, (size_t)(slash - abs));
}

/* abs relative to dir when it lies under it, else NULL. */
static const char *under(const char *abs, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return abs + 1;
    if (strncmp(abs, dir, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    return NULL;
}

static char *display_of(pb_arena *a, const char *abs)
{
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd)) {
        char real[PATH_MAX];
        const char *c = realpath(cwd, real) ? real : cwd;
        const char *rel = under(abs, c);
        if (rel && *rel)
            return dup_str(a, rel);
    }
    return dup_str(a, abs);
}

static char *read_all(const char *path, size_t *len, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    char chunk[8192];
    size_t got;
    size_t total = 0;
    while (m && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        fwrite(chunk, 1, got, m);
        total += got;
        if (total > 4u * 1024 * 1024)
            break;
    }
    *err = ferror(f) ? EIO : 0;
    fclose(f);
    if (m)
        fclose(m);
    if (total > 4u * 1024 * 1024) {
        free(buf);
        *err = EFBIG;
        return NULL;
    }
    *len = n;
    return buf;
}

/* ------------------------------------------------------------ globs */

/* Checks a glob's syntax; NULL when fine, else why not. */
static const char *glob_problem(const char *g)
{
    if (!*g)
        return "an empty pattern matches nothing";
    const char *seg = g;
    for (const char *p = g;; p++) {
        if (*p == '/' || *p == '\0') {
            size_t n = (size_t)(p - seg);
            if (n == 2 && strncmp(seg, "..", 2) == 0)
                return "'..' is not allowed: patterns match files under the configuration's "
                       "folder";
            for (const char *q = seg; q + 1 < p; q++)
                if (q[0] == '*' && q[1] == '*' && n != 2)
                    return "'**' must be a whole path segment (like archive/**/x.txt)";
            if (!*p)
                break;
            seg = p + 1;
            continue;
        }
        if (*p == '\\') {
            if (!p[1])
                return "the pattern ends with a lone '\\'";
            p++;
        } else if (*p == '[') {
            const char *q = p + 1;
            if (*q == '!' || *q == '^')
                q++;
            if (*q == ']')
                q++;
            while (*q && *q != ']' && *q != '/')
                q++;
            if (*q != ']')
                return "a '[' is not closed by ']'";
            p = q;
        }
    }
    return NULL;
}

static size_t u8len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return i;
    return n;
}

/* Matches one path segment [s, se) against pattern segment [p, pe). */
static bool seg_match(const char *p, const char *pe, const char *s, const char *se)
{
    const char *star_p = NULL, *star_s = NULL;
    while (s < se) {
        if (p < pe && *p == '*') {
            star_p = ++p;
            star_s = s;
            continue;
        }
        if (p < pe && *p == '?') {
            p++;
            s += u8len(s);
            continue;
        }
        if (p < pe && *p == '[') {
            const char *q = p + 1;
            bool neg = false, hit = false;
            if (q < pe && (*q == '!' || *q == '^')) {
                neg = true;
                q++;
            }
            size_t cl = u8len(s);
            bool firstc = true;
            while (q < pe && (*q != ']' || firstc)) {
                size_t ql = u8len(q);
                if (q + ql < pe && q[ql] == '-' && q + ql + 1 < pe && q[ql + 1] != ']') {
                    const char *hi = q + ql + 1;
                    size_t hl = u8len(hi);
                    if ((cl > ql || (cl == ql && memcmp(s, q, cl) >= 0)) &&
                        (cl < hl || (cl == hl && memcmp(s, hi, cl) <= 0)))
                        hit = true;
                    q = hi + hl;
                } else {
                    if (ql == cl && memcmp(q, s, cl) == 0)
                        hit = true;
                    q += ql;
                }
                firstc = false;
            }
            if (hit != neg && q < pe) {
                p = q + 1;
                s += cl;
                continue;
            }
        } else if (p < pe) {
            const char *lit = p;
            if (*lit == '\\' && lit + 1 < pe)
                lit++;
            size_t l = u8len(lit);
            if ((size_t)(se - s) >= l && memcmp(lit, s, l) == 0) {
                p = lit + l;
                s += l;
                continue;
            }
        }
        if (!star_p)
            return false;
        p = star_p;
        star_s += u8len(star_s);
        s = star_s;
    }
    while (p < pe && *p == '*')
        p++;
    return p == pe;
}

/* Matches pattern segments against path segments, "**" spanning any number. */
static bool path_match(const char *p, const char *s)
{
    const char *pe = strchr(p, '/');
    if (!pe)
        pe = p + strlen(p);
    if (pe - p == 2 && p[0] == '*' && p[1] == '*') {
        const char *rest = *pe ? pe + 1 : pe;
        if (!*rest)
            return true; /* trailing ** matches everything below */
        for (const char *t = s;;) {
            if (path_match(rest, t))
                return true;
            const char *n = strchr(t, '/');
            if (!n)
                return false;
            t = n + 1;
        }
    }
    const char *se = strchr(s, '/');
    if (!se)
        se = s + strlen(s);
    if (!seg_match(p, pe, s, se))
        return false;
    if (!*pe && !*se)
        return true;
    if (!*pe || !*se)
        return false;
    return path_match(pe + 1, se + 1);
}

/* A pattern with no '/' matches a file's name at any depth (as in .gitignore);
 * one with a '/' matches from the configuration's folder. */
static bool glob_match(const char *g, const char *rel)
{
    while (g[0] == '.' && g[1] == '/')
        g += 2;
    if (*g == '/')
        g++;
    if (!strchr(g, '/')) {
        const char *base = strrchr(rel, '/');
        return path_match(g, base ? base + 1 : rel);
    }
    return path_match(g, rel);
}

/* ------------------------------------------------------------ checks */

/* Does a severity pattern name a rule this configuration can see? */
static bool is_policy_rule(const pb_rule *r)
{
    return strcmp(r->plugin, PB_POLICY_GROUP) == 0;
}

static bool name_in_plugins(const pblint_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->nplugins; i++)
        if (cfg->plugins[i].name && strcmp(cfg->plugins[i].name, name) == 0)
            return true;
    return false;
}

static bool visible_rule(const pblint_ctx *ctx, const pblint_config *cfg, const pb_rule *r)
{
    if (is_policy_rule(r))
        return false; /* this configuration's own policies are checked by name */
    const pb_plugin *pl = &ctx->plugins[r->plugin_index];
    return !pl->from_config || name_in_plugins(cfg, pl->name);
}

static bool pattern_hits(const char *pattern, const char *id, const char *plugin)
{
    if (strcmp(pattern, "*") == 0)
        return true;
    size_t pl = strlen(pattern);
    if (pl >= 2 && strcmp(pattern + pl - 2, "/*") == 0)
        return strlen(plugin) == pl - 2 && strncmp(plugin, pattern, pl - 2) == 0;
    return strcmp(pattern, id) == 0;
}

static bool policy_named(const pblint_config *cfg, const char *id, bool pattern)
{
    for (size_t i = 0; i < cfg->npolicies; i++) {
        char buf[160];
        snprintf(buf, sizeof buf, PB_POLICY_GROUP "/%s", cfg->policies[i].name);
        if (pattern ? pattern_hits(id, buf, PB_POLICY_GROUP) : strcmp(id, buf) == 0)
            return true;
    }
    return false;
}

/* 1: matches some rule; 0: none; -1: none, but it may be a refused plugin's. */
static int rule_known(const pblint_ctx *ctx, const pblint_config *cfg, const char *id,
                      bool pattern)
{
    for (size_t i = 0; i < ctx->nrules; i++) {
        const pb_rule *r = &ctx->rules[i];
        if (visible_rule(ctx, cfg, r) &&
            (pattern ? pattern_hits(id, r->id, r->plugin) : strcmp(id, r->id) == 0))
            return 1;
    }
    if (policy_named(cfg, id, pattern))
        return 1;
    if (cfg->refused && strcmp(id, "*") != 0) {
        /* a plugin name no loaded plugin has may be the refused plugin's */
        size_t n = strcspn(id, "/");
        bool loaded = false;
        for (size_t i = 0; i < ctx->nplugins; i++)
            if (strlen(ctx->plugins[i].name) == n && strncmp(ctx->plugins[i].name, id, n) == 0)
                loaded = true;
        if (!loaded)
            return -1;
    }
    return 0;
}

static bool parse_severity(const char *s, int *out)
{
    pblint_severity sev;
    if (!s || pblint_severity_parse(s, &sev) != 0 || sev == PBLINT_SEV_DEFAULT)
        return false;
    *out = sev;
    return true;
}

static size_t check_rules(pblint_config *cfg, pblint_ctx *ctx, const char *base, y_rule *in,
                          unsigned n, c_rule **out)
{
    *out = pb_alloc(&cfg->arena, (n ? n : 1) * sizeof **out);
    size_t k = 0;
    for (unsigned i = 0; *out && i < n; i++) {
        char *p = pb_sprintf(&cfg->arena, "%s[%u]", base, i);
        char *pid = pb_sprintf(&cfg->arena, "%s.id", p);
        char *psev = pb_sprintf(&cfg->arena, "%s.severity", p);
        int sev = 0;
        bool good = true;
        if (!in[i].id || !*in[i].id) {
            AT(cfg, pid, "%s.id: empty; give a rule id, plugin/* or *", p);
            good = false;
        } else {
            int known = rule_known(ctx, cfg, in[i].id, true);
            if (known == 0) {
                AT(cfg, pid, "%s.id: no rule matches '%s' (see pblint --list-rules)", p,
                   in[i].id);
                good = false;
            } else if (known < 0) {
                unsigned l, c;
                where(cfg, pid, false, &l, &c);
                msg(cfg, PBLINT_SEV_WARNING, l, c,
                    "%s.id: no loaded rule matches '%s'; it may be a rule of a plugin this "
                    "configuration names and pblint refused, so the setting is ignored",
                    p, in[i].id);
                continue;
            }
        }
        if (!parse_severity(in[i].severity, &sev)) {
            AT(cfg, psev, "%s.severity: '%s' is not a severity (error, warning, note or off)", p,
               in[i].severity ? in[i].severity : "");
            good = false;
        }
        if (!good)
            continue;
        unsigned l, c;
        where(cfg, psev, false, &l, &c);
        (*out)[k].pattern = dup_str(&cfg->arena, in[i].id);
        (*out)[k].severity = sev;
        (*out)[k].origin = (pb_origin){cfg->display, l};
        k++;
    }
    return k;
}

static size_t check_options(pblint_config *cfg, pblint_ctx *ctx, const char *base, y_option *in,
                            unsigned n, c_option **out)
{
    *out = pb_alloc(&cfg->arena, (n ? n : 1) * sizeof **out);
    size_t k = 0;
    for (unsigned i = 0; *out && i < n; i++) {
        char *p = pb_sprintf(&cfg->arena, "%s[%u]", base, i);
        char *prule = pb_sprintf(&cfg->arena, "%s.rule", p);
        char *pkey = pb_sprintf(&cfg->arena, "%s.key", p);
        char *pval = pb_sprintf(&cfg->arena, "%s.value", p);
        char *pvals = pb_sprintf(&cfg->arena, "%s.values", p);
        bool good = true;
        int known = in[i].rule && *in[i].rule ? rule_known(ctx, cfg, in[i].rule, false) : 0;
        if (known == 0) {
            AT(cfg, prule, "%s.rule: no rule '%s' (an option belongs to one rule id; see pblint "
                           "--list-rules)",
               p, in[i].rule ? in[i].rule : "");
            good = false;
        } else if (known < 0) {
            unsigned l, c;
            where(cfg, prule, false, &l, &c);
            msg(cfg, PBLINT_SEV_WARNING, l, c,
                "%s.rule: no loaded rule '%s'; it may be a rule of a plugin this configuration "
                "names and pblint refused, so the option is ignored",
                p, in[i].rule);
            continue;
        }
        if (!in[i].key || !*in[i].key) {
            AT(cfg, pkey, "%s.key: empty; give the option's name", p);
            good = false;
        }
        bool hv = has_key(cfg, pval), hvs = has_key(cfg, pvals);
        if (hv && hvs) {
            AT(cfg, pvals, "%s: give either value or values, not both", p);
            good = false;
        } else if (!hv && !hvs) {
            AT(cfg, p, "%s: missing required key 'value' (or 'values', a list)", p);
            good = false;
        }
        char *value = NULL;
        if (good && hvs) {
            size_t total = 1;
            for (unsigned j = 0; j < in[i].values_count; j++) {
                if (strchr(in[i].values[j], ',') || strstr(in[i].values[j], "\xef\xbc\x8c")) {
                    char *pj = pb_sprintf(&cfg->arena, "%s[%u]", pvals, j);
                    AT(cfg, pj, "%s[%u]: '%s' holds a comma, which separates the items of a "
                                "list option",
                       pvals, j, in[i].values[j]);
                    good = false;
                }
                total += strlen(in[i].values[j]) + 1;
            }
            value = pb_alloc(&cfg->arena, total);
            for (unsigned j = 0; value && j < in[i].values_count; j++) {
                if (j)
                    strcat(value, ",");
                strcat(value, in[i].values[j]);
            }
        } else if (good) {
            value = dup_str(&cfg->arena, in[i].value ? in[i].value : "");
        }
        if (!good || !value)
            continue;
        unsigned l, c;
        where(cfg, hv ? pval : pvals, false, &l, &c);
        (*out)[k].rule = dup_str(&cfg->arena, in[i].rule);
        (*out)[k].key = dup_str(&cfg->arena, in[i].key);
        (*out)[k].value = value;
        (*out)[k].origin = (pb_origin){cfg->display, l};
        k++;
    }
    return k;
}

static bool valid_name(const char *s)
{
    if (!s || !*s || strlen(s) > 60)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return s[0] != '-';
}

static bool check_regex(pblint_config *cfg, const char *path, const char *src)
{
    regex_t re;
    char why[256];
    if (pb_policy_regcomp(&re, src, why, sizeof why) != 0) {
        AT(cfg, path, "%s: '%s' is not a valid regular expression (POSIX ERE): %s", path, src,
           why);
        return false;
    }
    regfree(&re);
    return true;
}

/* "{value}", "{limit}", "{name}" are the placeholders a message may use. */
static bool check_template(pblint_config *cfg, const char *path, const char *t)
{
    for (const char *p = strchr(t, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = p + 1;
        while ((*e >= 'a' && *e <= 'z') || *e == '_')
            e++;
        if (*e != '}' || e == p + 1)
            continue;
        size_t n = (size_t)(e - p - 1);
        if ((n == 5 && strncmp(p + 1, "value", 5) == 0) ||
            (n == 5 && strncmp(p + 1, "limit", 5) == 0) || (n == 4 && strncmp(p + 1, "name", 4) == 0))
            continue;
        AT(cfg, path, "%s: unknown placeholder {%.*s} (a message may use {value}, {limit} and "
                      "{name})",
           path, (int)n, p + 1);
        return false;
    }
    return true;
}

static char *nfkc(pb_arena *a, const char *s)
{
    utf8proc_uint8_t *r = utf8proc_NFKC((const utf8proc_uint8_t *)s);
    if (!r)
        return dup_str(a, s);
    char *out = dup_str(a, (const char *)r);
    free(r);
    return out;
}

static int role_named(const char *s)
{
    for (int r = 1; r < PBLINT_COL__COUNT; r++)
        if (strcmp(pblint_col_role_name(r), s) == 0)
            return r;
    /* accept snake_case too: unit_price */
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '-';
    for (int r = 1; r < PBLINT_COL__COUNT; r++)
        if (strcmp(pblint_col_role_name(r), buf) == 0)
            return r;
    return -1;
}

static int table_named(const char *s)
{
    for (int k = 1; k <= PBLINT_TABLE_FUNDS; k++)
        if (strcmp(pblint_table_kind_name(k), s) == 0)
            return k;
    if (strcmp(s, "cost_list") == 0)
        return PBLINT_TABLE_COST_LIST;
    return -1;
}

static const char *table_names(void)
{
    return "indicator, breakdown, safeguard, cost-list, score, fields, funds";
}

static bool parse_limit(const char *src, pblint_value *v)
{
    if (pblint_value_parse(src, strlen(src), PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, v) != 0)
        return false;
    return v->kind == PBLINT_VAL_NUMBER || v->kind == PBLINT_VAL_PERCENT ||
           v->kind == PBLINT_VAL_COUNT || v->kind == PBLINT_VAL_AMOUNT;
}

static void check_policy(pblint_config *cfg, y_policy *in, unsigned i, pb_policy *out, bool *good)
{
    pb_arena *a = &cfg->arena;
    char *p = pb_sprintf(a, "policies[%u]", i);
    char *pname = pb_sprintf(a, "%s.name", p), *pkind = pb_sprintf(a, "%s.kind", p);
    *good = true;
    memset(out, 0, sizeof *out);
    unsigned l, c;
    where(cfg, p, false, &l, &c);
    out->origin = (pb_origin){cfg->display, l};
    if (!valid_name(in->name)) {
        AT(cfg, pname, "%s.name: '%s' is not a valid rule name (lower-case letters, digits and "
                       "'-'; the rule is policy/NAME)",
           p, in->name ? in->name : "");
        *good = false;
    }
    for (size_t k = 0; k < cfg->npolicies && *good; k++) {
        if (strcmp(cfg->policies[k].name, in->name) == 0) {
            AT(cfg, pname, "%s.name: a policy named '%s' is declared twice", p, in->name);
            *good = false;
        }
    }
    out->name = dup_str(a, in->name);
    out->kind = -1;
    for (int k = 0; k < PB_POLICY__COUNT; k++)
        if (in->kind && strcmp(in->kind, POLICY_KINDS[k].name) == 0)
            out->kind = k;
    if (out->kind < 0) {
        AT(cfg, pkind, "%s.kind: '%s' is not a policy kind (require-indicator, require-field, "
                       "forbid or cap-amount)",
           p, in->kind ? in->kind : "");
        *good = false;
        return;
    }
    /* keys of other kinds */
    for (size_t k = 0; k < PB_ARRAY_LEN(POLICY_KEYS); k++) {
        char *kp = pb_sprintf(a, "%s.%s", p, POLICY_KEYS[k]);
        if (!has_key(cfg, kp))
            continue;
        bool mine = false;
        char list[128] = "";
        size_t ln = 0;
        for (size_t j = 0; j < 5 && POLICY_KINDS[out->kind].keys[j]; j++) {
            if (strcmp(POLICY_KINDS[out->kind].keys[j], POLICY_KEYS[k]) == 0)
                mine = true;
            ln += (size_t)snprintf(list + ln, sizeof list - ln, "%s%s", ln ? ", " : "",
                                   POLICY_KINDS[out->kind].keys[j]);
        }
        if (!mine) {
            unsigned kl, kc;
            where(cfg, kp, true, &kl, &kc);
            msg(cfg, PBLINT_SEV_ERROR, kl, kc,
                "%s: '%s' is not a key of a %s policy (its keys: %s)", kp, POLICY_KEYS[k],
                POLICY_KINDS[out->kind].name, list);
            *good = false;
        }
    }
    out->severity = PBLINT_SEV_WARNING;
    if (in->severity) {
        char *ps = pb_sprintf(a, "%s.severity", p);
        if (!parse_severity(in->severity, &out->severity)) {
            AT(cfg, ps, "%s: '%s' is not a severity (error, warning, note or off)", ps,
               in->severity);
            *good = false;
        }
        where(cfg, ps, false, &l, &c);
        out->severity_origin = (pb_origin){cfg->display, l};
    }
    if (in->message) {
        char *pm = pb_sprintf(a, "%s.message", p);
        if (!check_template(cfg, pm, in->message))
            *good = false;
        out->message = dup_str(a, in->message);
    }
    switch (out->kind) {
    case PB_POLICY_REQUIRE_INDICATOR: {
        char *pp = pb_sprintf(a, "%s.pattern", p);
        if (!in->pattern || !*in->pattern) {
            AT(cfg, p, "%s: missing required key 'pattern' (a regular expression over the "
                       "indicator's name)",
               p);
            *good = false;
        } else if (!check_regex(cfg, pp, in->pattern)) {
            *good = false;
        }
        out->pattern = dup_str(a, in->pattern);
        if (in->level) {
            char *pl = pb_sprintf(a, "%s.level", p);
            if (strcmp(in->level, "any") == 0)
                out->level = 0;
            else if (strcmp(in->level, "2") == 0 || strcmp(in->level, "二级") == 0)
                out->level = 2;
            else if (strcmp(in->level, "3") == 0 || strcmp(in->level, "三级") == 0)
                out->level = 3;
            else {
                AT(cfg, pl, "%s: '%s' is not a level (3 or 三级, 2 or 二级, any)", pl, in->level);
                *good = false;
            }
        }
        const char *lims[2] = {in->min, in->max};
        for (int k = 0; k < 2; k++) {
            if (!lims[k])
                continue;
            char *pk = pb_sprintf(a, "%s.%s", p, k ? "max" : "min");
            pblint_value v;
            if (!parse_limit(lims[k], &v)) {
                AT(cfg, pk, "%s: '%s' is not a number, percentage or quantity (e.g. \"90%%\", "
                            "\"100\", \"2400人\")",
                   pk, lims[k]);
                *good = false;
                continue;
            }
            if (k) {
                out->max = v;
                out->has_max = true;
                out->max_src = dup_str(a, lims[k]);
            } else {
                out->min = v;
                out->has_min = true;
                out->min_src = dup_str(a, lims[k]);
            }
        }
        break;
    }
    case PB_POLICY_REQUIRE_FIELD: {
        char *pf = pb_sprintf(a, "%s.field", p);
        if (!in->field || !*in->field) {
            AT(cfg, p, "%s: missing required key 'field' (a field key such as phone, or a label "
                       "as written)",
               p);
            *good = false;
            break;
        }
        bool ascii = true;
        for (const char *s = in->field; *s; s++)
            if ((unsigned char)*s >= 0x80)
                ascii = false;
        if (ascii) {
            if (!pb_is_field_key(in->field)) {
                AT(cfg, pf, "%s: '%s' is not a field key (see the keys listed in "
                            "rules-doc/configuration.md), nor a label in Chinese",
                   pf, in->field);
                *good = false;
            }
            out->field = dup_str(a, in->field);
            out->field_is_key = true;
        } else {
            char buf[512];
            int n = pb_key_of(in->field, strlen(in->field), buf, sizeof buf);
            out->field = n >= 0 ? pb_strndup(a, buf, (size_t)n) : dup_str(a, in->field);
        }
        if (in->match) {
            char *pm = pb_sprintf(a, "%s.match", p);
            if (!check_regex(cfg, pm, in->match))
                *good = false;
            out->match = dup_str(a, in->match);
        }
        break;
    }
    case PB_POLICY_FORBID: {
        if (!in->words_count && !in->regexes_count) {
            AT(cfg, p, "%s: a forbid policy needs 'words' or 'regexes' (a list)", p);
            *good = false;
        }
        out->words = pb_alloc(a, (in->words_count + 1) * sizeof *out->words);
        for (unsigned k = 0; out->words && k < in->words_count; k++) {
            if (!*in->words[k]) {
                char *pw = pb_sprintf(a, "%s.words[%u]", p, k);
                AT(cfg, pw, "%s: an empty word", pw);
                *good = false;
                continue;
            }
            out->words[out->nwords++] = nfkc(a, in->words[k]);
        }
        out->regexes = pb_alloc(a, (in->regexes_count + 1) * sizeof *out->regexes);
        for (unsigned k = 0; out->regexes && k < in->regexes_count; k++) {
            char *pr = pb_sprintf(a, "%s.regexes[%u]", p, k);
            if (!check_regex(cfg, pr, in->regexes[k]))
                *good = false;
            out->regexes[out->nregexes++] = dup_str(a, in->regexes[k]);
        }
        out->fields = pb_alloc(a, (in->fields_count + 1) * sizeof *out->fields);
        for (unsigned k = 0; out->fields && k < in->fields_count; k++) {
            if (strcmp(in->fields[k], "*") != 0 && !pb_is_field_key(in->fields[k])) {
                char *pf = pb_sprintf(a, "%s.fields[%u]", p, k);
                AT(cfg, pf, "%s: '%s' is not a field key (see rules-doc/configuration.md) nor *",
                   pf, in->fields[k]);
                *good = false;
                continue;
            }
            out->fields[out->nfields++] = dup_str(a, in->fields[k]);
        }
        out->tables = pb_alloc(a, (in->tables_count + 1) * sizeof *out->tables);
        for (unsigned k = 0; out->tables && k < in->tables_count; k++) {
            int kind = strcmp(in->tables[k], "*") == 0 ? -1 : table_named(in->tables[k]);
            if (kind == -1 && strcmp(in->tables[k], "*") != 0) {
                char *pt = pb_sprintf(a, "%s.tables[%u]", p, k);
                AT(cfg, pt, "%s: '%s' is not a table kind (%s, or *)", pt, in->tables[k],
                   table_names());
                *good = false;
                continue;
            }
            out->tables[out->ntables++] = kind;
        }
        break;
    }
    case PB_POLICY_CAP_AMOUNT: {
        char *pm = pb_sprintf(a, "%s.max", p);
        pblint_value v;
        if (!in->max) {
            AT(cfg, p, "%s: missing required key 'max' (the cap, e.g. \"500\" or \"500元\")", p);
            *good = false;
        } else if (pblint_value_parse(in->max, strlen(in->max), PBLINT_HINT_AMOUNT,
                                      PBLINT_MONEY_YUAN, &v) != 0 ||
                   v.kind != PBLINT_VAL_AMOUNT || v.fen < 0) {
            AT(cfg, pm, "%s: '%s' is not an amount of money (e.g. \"500\", \"500元\", "
                        "\"0.05万元\")",
               pm, in->max);
            *good = false;
        } else {
            out->cap_fen = v.fen;
            out->cap_src = dup_str(a, in->max);
        }
        out->table_kind = PBLINT_TABLE_BREAKDOWN;
        if (in->table) {
            char *pt = pb_sprintf(a, "%s.table", p);
            int k = table_named(in->table);
            if (k < 0) {
                AT(cfg, pt, "%s: '%s' is not a table kind (%s)", pt, in->table, table_names());
                *good = false;
            } else {
                out->table_kind = k;
            }
        }
        out->column = PBLINT_COL_UNIT_PRICE;
        if (in->column) {
            char *pc = pb_sprintf(a, "%s.column", p);
            int r = role_named(in->column);
            if (r < 0) {
                AT(cfg, pc, "%s: '%s' is not a column (unit-price, amount, budget, executed, ... "
                            "as pblint --dump-model names them)",
                   pc, in->column);
                *good = false;
            } else {
                out->column = r;
            }
        }
        if (in->match) {
            char *px = pb_sprintf(a, "%s.match", p);
            if (!check_regex(cfg, px, in->match))
                *good = false;
            out->match = dup_str(a, in->match);
        }
        break;
    }
    }
    if (*good) {
        out->summary = NULL;
        if (in->summary && *in->summary) {
            out->summary = dup_str(a, in->summary);
        } else {
            char *s = pb_policy_summary(out);
            out->summary = s ? dup_str(a, s) : dup_str(a, "a local policy");
            free(s);
        }
    }
}

/* ------------------------------------------------------------ plugins */

static bool trusted(const pblint_config_set *set, const char *real)
{
    if (set->allow_plugins)
        return true;
    if (!set->user)
        return false;
    for (size_t i = 0; i < set->user->ntrusted; i++) {
        const char *t = set->user->trusted[i];
        if (strcmp(t, real) == 0 || under(real, t))
            return true;
    }
    return false;
}

static long loaded_index(const pblint_ctx *ctx, const char *real)
{
    for (size_t i = 0; i < ctx->nplugins; i++) {
        char buf[PATH_MAX];
        const char *p = ctx->plugins[i].path;
        if (ctx->plugins[i].handle && realpath(p, buf) && strcmp(buf, real) == 0)
            return (long)i;
        if (ctx->plugins[i].handle && strcmp(p, real) == 0)
            return (long)i;
    }
    return -1;
}

/* Loads one plugin file into ctx (once); returns its plugin index or -1. */
static long load_one(pblint_ctx *ctx, const char *real, char *err, size_t errsz)
{
    long k = loaded_index(ctx, real);
    if (k >= 0)
        return k;
    if (pblint_ctx_load_plugin(ctx, real) != 0) {
        snprintf(err, errsz, "%s", ctx->error);
        return -1;
    }
    ctx->plugins[ctx->nplugins - 1].from_config = true;
    return (long)ctx->nplugins - 1;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_plugin_entry(pblint_config *cfg, const char *written, const char *path,
                             const char *name, bool refused, pb_origin o, size_t cap)
{
    if (cfg->nplugins >= cap)
        return;
    c_plugin *pl = &cfg->plugins[cfg->nplugins++];
    pl->written = dup_str(&cfg->arena, written);
    pl->path = dup_str(&cfg->arena, path);
    pl->name = dup_str(&cfg->arena, name);
    pl->refused = refused;
    pl->origin = o;
}

static void check_plugins(pblint_config *cfg, pblint_config_set *set, char **in, unsigned n)
{
    pb_arena *a = &cfg->arena;
    size_t cap = (size_t)n + 256;
    cfg->plugins = pb_alloc(a, cap * sizeof *cfg->plugins);
    if (!cfg->plugins)
        return;
    for (unsigned i = 0; i < n; i++) {
        char *p = pb_sprintf(a, "plugins[%u]", i);
        unsigned l, c;
        where(cfg, p, false, &l, &c);
        pb_origin o = {cfg->display, l};
        const char *w = in[i];
        if (!w || !*w) {
            msg(cfg, PBLINT_SEV_ERROR, l, c, "%s: empty; give a plugin file or folder", p);
            continue;
        }
        char *joined = w[0] == '/' ? dup_str(a, w) : pb_sprintf(a, "%s/%s", cfg->dir, w);
        char *real = absolute(a, joined);
        struct stat st;
        if (!trusted(set, real)) {
            cfg->refused = true;
            add_plugin_entry(cfg, w, real, NULL, true, o, cap);
            msg(cfg, PBLINT_SEV_WARNING, l, c,
                "%s: not loading plugin %s, which this configuration names: a plugin runs code, "
                "so pblint loads one from a configuration file only with --allow-config-plugins "
                "or when %s lists it under trusted-plugins",
                p, w, set->user_display);
            continue;
        }
        if (stat(real, &st) != 0) {
            msg(cfg, PBLINT_SEV_ERROR, l, c, "%s: cannot load plugin %s: %s", p, w,
                strerror(errno));
            continue;
        }
        char err[2048];
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(real);
            if (!d) {
                msg(cfg, PBLINT_SEV_ERROR, l, c, "%s: cannot read plugin folder %s: %s", p, w,
                    strerror(errno));
                continue;
            }
            char **names = NULL;
            size_t nn = 0, ncap = 0;
            struct dirent *e;
            while ((e = readdir(d))) {
                size_t el = strlen(e->d_name);
                if (el > 3 && strcmp(e->d_name + el - 3, ".so") == 0) {
                    char *s = dup_str(a, e->d_name);
                    if (s)
                        PB_PUSH(names, nn, ncap, s);
                }
            }
            closedir(d);
            if (nn)
                qsort(names, nn, sizeof *names, cmp_cstr);
            for (size_t k = 0; k < nn; k++) {
                char *f = absolute(a, pb_sprintf(a, "%s/%s", real, names[k]));
                long pi = load_one(set->ctx, f, err, sizeof err);
                if (pi < 0)
                    msg(cfg, PBLINT_SEV_ERROR, l, c, "%s: %s", p, err);
                else
                    add_plugin_entry(cfg, w, f, set->ctx->plugins[pi].name, false, o, cap);
            }
            free(names);
        } else {
            long pi = load_one(set->ctx, real, err, sizeof err);
            if (pi < 0)
                msg(cfg, PBLINT_SEV_ERROR, l, c, "%s: %s", p, err);
            else
                add_plugin_entry(cfg, w, real, set->ctx->plugins[pi].name, false, o, cap);
        }
    }
}

/* ------------------------------------------------------------ loading */

static pblint_config *config_new(const char *path)
{
    pblint_config *cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return NULL;
    cfg->ok = true;
    cfg->path = absolute(&cfg->arena, path);
    cfg->display = cfg->path ? display_of(&cfg->arena, cfg->path) : NULL;
    cfg->dir = cfg->path ? parent_dir(&cfg->arena, cfg->path) : NULL;
    if (!cfg->path || !cfg->display || !cfg->dir) {
        pb_arena_free(&cfg->arena);
        free(cfg);
        return NULL;
    }
    return cfg;
}

static void register_policies(const pblint_config *cfg, pblint_ctx *ctx)
{
    for (size_t i = 0; cfg->ok && i < cfg->npolicies; i++) {
        const pb_policy *p = &cfg->policies[i];
        long k = pb_ctx_add_internal_rule(ctx, PB_POLICY_GROUP, p->name, p->summary,
                                          p->severity >= PBLINT_SEV_NOTE ? p->severity
                                                                         : PBLINT_SEV_WARNING,
                                          pb_policy_check, NULL);
        if (k >= 0) {
            ctx->rules[k].severity = PBLINT_SEV_OFF; /* until a file's configuration has it */
            ctx->rules[k].data = NULL;
            pb_rules_changed(ctx);
        }
    }
}

static int cmp_msg(const void *a, const void *b)
{
    const c_msg *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void read_config(pblint_config *cfg, pblint_config_set *set);

/* Reads a configuration; its messages end up in file order. */
static void load_config(pblint_config *cfg, pblint_config_set *set)
{
    read_config(cfg, set);
    if (cfg->nmsgs > 1)
        qsort(cfg->msgs, cfg->nmsgs, sizeof *cfg->msgs, cmp_msg);
}

static void read_config(pblint_config *cfg, pblint_config_set *set)
{
    size_t len = 0;
    int err = 0;
    char *text = read_all(cfg->path, &len, &err);
    if (!text) {
        msg(cfg, PBLINT_SEV_ERROR, 0, 0, "cannot read the configuration: %s", strerror(err));
        return;
    }
    if (!index_positions(cfg, text, len)) {
        free(text);
        return;
    }
    y_root *root = NULL;
    bool read = cyaml_read(cfg, text, len, &root_value, (void **)&root);
    free(text);
    if (!read || !cfg->ok) {
        cyaml_release(&root_value, root);
        return;
    }
    if (!root) {
        /* an empty file: nothing set */
        return;
    }
    pblint_ctx *ctx = set->ctx;
    check_plugins(cfg, set, root->plugins, root->plugins_count);
    /* policies before rules: rules may name policy/NAME */
    cfg->policies = pb_alloc(&cfg->arena, (root->policies_count + 1) * sizeof *cfg->policies);
    for (unsigned i = 0; cfg->policies && i < root->policies_count; i++) {
        bool good;
        check_policy(cfg, &root->policies[i], i, &cfg->policies[cfg->npolicies], &good);
        if (good)
            cfg->npolicies++;
    }
    cfg->nrules = check_rules(cfg, ctx, "rules", root->rules, root->rules_count, &cfg->rules);
    cfg->noptions =
        check_options(cfg, ctx, "options", root->options, root->options_count, &cfg->options);
    cfg->overrides =
        pb_alloc(&cfg->arena, (root->overrides_count + 1) * sizeof *cfg->overrides);
    for (unsigned i = 0; cfg->overrides && i < root->overrides_count; i++) {
        y_override *yo = &root->overrides[i];
        c_override *o = &cfg->overrides[cfg->noverrides++];
        char *p = pb_sprintf(&cfg->arena, "overrides[%u]", i);
        unsigned l, c;
        where(cfg, p, false, &l, &c);
        o->origin = (pb_origin){cfg->display, l};
        if (yo->files_count == 0)
            AT(cfg, pb_sprintf(&cfg->arena, "%s.files", p),
               "%s.files: an empty list matches no file", p);
        o->globs = pb_alloc(&cfg->arena, (yo->files_count + 1) * sizeof *o->globs);
        for (unsigned k = 0; o->globs && k < yo->files_count; k++) {
            const char *why = glob_problem(yo->files[k]);
            if (why) {
                char *pk = pb_sprintf(&cfg->arena, "%s.files[%u]", p, k);
                AT(cfg, pk, "%s: bad pattern '%s': %s", pk, yo->files[k], why);
                continue;
            }
            o->globs[o->nglobs++] = dup_str(&cfg->arena, yo->files[k]);
        }
        o->nrules = check_rules(cfg, ctx, pb_sprintf(&cfg->arena, "%s.rules", p), yo->rules,
                                yo->rules_count, &o->rules);
        o->noptions = check_options(cfg, ctx, pb_sprintf(&cfg->arena, "%s.options", p),
                                    yo->options, yo->options_count, &o->options);
    }
    cyaml_release(&root_value, root);
    register_policies(cfg, ctx);
}

static void load_user_config(pblint_config *cfg)
{
    size_t len = 0;
    int err = 0;
    char *text = read_all(cfg->path, &len, &err);
    if (!text) {
        msg(cfg, PBLINT_SEV_ERROR, 0, 0, "cannot read the configuration: %s", strerror(err));
        return;
    }
    if (!index_positions(cfg, text, len)) {
        free(text);
        return;
    }
    y_user *u = NULL;
    bool read = cyaml_read(cfg, text, len, &user_value, (void **)&u);
    free(text);
    if (!read || !u) {
        cyaml_release(&user_value, u);
        return;
    }
    cfg->trusted = pb_alloc(&cfg->arena, (u->trusted_count + 1) * sizeof *cfg->trusted);
    for (unsigned i = 0; cfg->trusted && i < u->trusted_count; i++) {
        char *p = pb_sprintf(&cfg->arena, "trusted-plugins[%u]", i);
        if (u->trusted[i][0] != '/') {
            AT(cfg, p, "%s: '%s' is not an absolute path (trusted plugins are named by absolute "
                       "file or folder paths)",
               p, u->trusted[i]);
            continue;
        }
        cfg->trusted[cfg->ntrusted++] = absolute(&cfg->arena, u->trusted[i]);
    }
    cyaml_release(&user_value, u);
}

static void config_free(pblint_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->pos);
    free(cfg->msgs);
    pb_arena_free(&cfg->arena);
    free(cfg);
}

/* ------------------------------------------------------------ public */

const char *pblint_config_path(const pblint_config *cfg) { return cfg ? cfg->display : ""; }
bool pblint_config_ok(const pblint_config *cfg) { return cfg && cfg->ok; }
size_t pblint_config_message_count(const pblint_config *cfg) { return cfg ? cfg->nmsgs : 0; }

const char *pblint_config_message(const pblint_config *cfg, size_t i, int *severity)
{
    if (!cfg || i >= cfg->nmsgs)
        return NULL;
    if (severity)
        *severity = cfg->msgs[i].severity;
    return cfg->msgs[i].text;
}

static char *user_config_path(pb_arena *a)
{
    const char *x = getenv("XDG_CONFIG_HOME");
    if (x && x[0] == '/')
        return pb_sprintf(a, "%s/pblint/config.yaml", x);
    const char *h = getenv("HOME");
    if (h && *h)
        return pb_sprintf(a, "%s/.config/pblint/config.yaml", h);
    return NULL;
}

int pblint_config_set_new(pblint_ctx *ctx, const pblint_config_options *opts,
                          pblint_config_set **out)
{
    if (!ctx || !out || (opts && opts->version != PBLINT_CONFIG_OPTIONS_VERSION))
        return PBLINT_EINVAL;
    *out = NULL;
    pblint_config_set *set = calloc(1, sizeof *set);
    if (!set)
        return PBLINT_ENOMEM;
    set->ctx = ctx;
    set->allow_plugins = opts && opts->allow_plugins;
    pb_arena tmp = {0};
    const char *up = opts && opts->user_config ? opts->user_config : user_config_path(&tmp);
    int rc = 0;
    if (up && *up) {
        set->user_display = strdup(up);
        struct stat st;
        if (stat(up, &st) == 0) {
            set->user = config_new(up);
            if (!set->user) {
                rc = PBLINT_ENOMEM;
            } else {
                free(set->user_display);
                set->user_display = strdup(set->user->display);
                load_user_config(set->user);
                if (!set->user->ok) {
                    size_t n = 0;
                    ctx->error[0] = '\0';
                    for (size_t i = 0; i < set->user->nmsgs; i++)
                        n += (size_t)snprintf(ctx->error + n,
                                              n < sizeof ctx->error ? sizeof ctx->error - n : 0,
                                              "%s%s", i ? "\n" : "", set->user->msgs[i].text);
                    rc = PBLINT_ECONFIG;
                }
            }
        }
    } else {
        set->user_display = strdup("the user configuration ($XDG_CONFIG_HOME/pblint/config.yaml)");
    }
    pb_arena_free(&tmp);
    if (!set->user_display && rc == 0)
        rc = PBLINT_ENOMEM;
    if (rc == 0 && opts && opts->config) {
        set->explicit_cfg = config_new(opts->config);
        if (!set->explicit_cfg ||
            PB_PUSH(set->cfgs, set->ncfgs, set->cfgs_cap, set->explicit_cfg) != 0) {
            config_free(set->explicit_cfg);
            set->explicit_cfg = NULL;
            rc = PBLINT_ENOMEM;
        } else {
            load_config(set->explicit_cfg, set);
        }
    }
    if (rc != 0 && rc != PBLINT_ECONFIG) {
        pblint_config_set_free(set);
        return rc;
    }
    *out = set;
    return rc;
}

void pblint_config_set_free(pblint_config_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->ncfgs; i++)
        config_free(set->cfgs[i]);
    free(set->cfgs);
    config_free(set->user);
    free(set->user_display);
    free(set->last_dir);
    free(set);
}

size_t pblint_config_set_count(const pblint_config_set *set) { return set ? set->ncfgs : 0; }

const pblint_config *pblint_config_set_at(const pblint_config_set *set, size_t i)
{
    return set && i < set->ncfgs ? set->cfgs[i] : NULL;
}

static pblint_config *config_for_dir(pblint_config_set *set, const char *dir)
{
    pb_arena a = {0};
    pblint_config *found = NULL;
    char *d = dup_str(&a, dir);
    while (d) {
        char *cand = strcmp(d, "/") == 0 ? pb_sprintf(&a, "/%s", PBLINT_CONFIG_NAME)
                                         : pb_sprintf(&a, "%s/%s", d, PBLINT_CONFIG_NAME);
        struct stat st;
        if (cand && stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
            for (size_t i = 0; i < set->ncfgs && !found; i++)
                if (set->cfgs[i] != set->explicit_cfg && strcmp(set->cfgs[i]->path, cand) == 0)
                    found = set->cfgs[i];
            if (!found) {
                found = config_new(cand);
                if (found && PB_PUSH(set->cfgs, set->ncfgs, set->cfgs_cap, found) != 0) {
                    config_free(found);
                    found = NULL;
                } else if (found) {
                    load_config(found, set);
                }
            }
            break;
        }
        if (strcmp(d, "/") == 0)
            break;
        d = parent_dir(&a, d);
    }
    pb_arena_free(&a);
    return found;
}

int pblint_config_set_lookup(pblint_config_set *set, const char *path, const pblint_config **out)
{
    if (!set || !path || !out)
        return PBLINT_EINVAL;
    *out = NULL;
    pblint_config *cfg = set->explicit_cfg;
    if (!cfg) {
        pb_arena a = {0};
        char *abs = absolute(&a, path);
        char *dir = abs ? parent_dir(&a, abs) : NULL;
        if (!dir) {
            pb_arena_free(&a);
            return PBLINT_ENOMEM;
        }
        if (set->last_dir && strcmp(set->last_dir, dir) == 0) {
            cfg = set->last_cfg;
        } else {
            cfg = config_for_dir(set, dir);
            free(set->last_dir);
            set->last_dir = strdup(dir);
            set->last_cfg = cfg;
        }
        pb_arena_free(&a);
    }
    *out = cfg;
    return cfg && !cfg->ok ? PBLINT_ECONFIG : 0;
}

int pblint_config_set_prepare(const pblint_config_set *set, pblint_ctx *ctx)
{
    if (!set || !ctx)
        return PBLINT_EINVAL;
    int rc = 0;
    for (size_t i = 0; i < set->ncfgs; i++) {
        const pblint_config *cfg = set->cfgs[i];
        for (size_t k = 0; k < cfg->nplugins; k++) {
            if (!cfg->plugins[k].name)
                continue;
            char err[2048];
            if (load_one(ctx, cfg->plugins[k].path, err, sizeof err) < 0)
                rc = PBLINT_EPLUGIN;
        }
        register_policies(cfg, ctx);
    }
    return rc;
}

/* ------------------------------------------------------------ applying */

static bool in_force_plugin(const pblint_ctx *ctx, const pblint_config *cfg, const pb_rule *r)
{
    const pb_plugin *pl = &ctx->plugins[r->plugin_index];
    return !pl->from_config || (cfg && name_in_plugins(cfg, pl->name));
}

/* The override entries that apply to path, as a mask (bit per override, up to 64 at a time). */
static const char *relative_to(const pblint_config *cfg, const char *path, char *buf,
                               size_t size)
{
    char real[PATH_MAX];
    const char *abs = realpath(path, real) ? real : NULL;
    if (!abs)
        return NULL;
    const char *rel = under(abs, cfg->dir);
    if (!rel)
        return NULL;
    snprintf(buf, size, "%s", rel);
    return buf;
}

static bool override_applies(const c_override *o, const char *rel)
{
    for (size_t k = 0; rel && k < o->nglobs; k++)
        if (glob_match(o->globs[k], rel))
            return true;
    return false;
}

static void apply_rules(pblint_ctx *ctx, const c_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pblint_ctx_set_severity(ctx, rules[i].pattern, rules[i].severity);
}

static void apply_options(pblint_ctx *ctx, const c_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pblint_ctx_set_option(ctx, opts[i].rule, opts[i].key, opts[i].value);
}

int pblint_config_apply(pblint_ctx *ctx, const pblint_config *cfg, const char *path)
{
    if (!ctx)
        return PBLINT_EINVAL;
    if (cfg && !cfg->ok) {
        pb_ctx_seterr(ctx, "%s has errors: its settings cannot be applied", cfg->display);
        return PBLINT_ECONFIG;
    }
    pblint_ctx_reset_rules(ctx);
    int rc = 0;
    if (cfg) {
        for (size_t i = 0; i < cfg->npolicies; i++) {
            pb_policy *p = &cfg->policies[i];
            long k = pb_ctx_add_internal_rule(
                ctx, PB_POLICY_GROUP, p->name, p->summary,
                p->severity >= PBLINT_SEV_NOTE ? p->severity : PBLINT_SEV_WARNING,
                pb_policy_check, p);
            if (k < 0) {
                rc = (int)k;
                continue;
            }
            ctx->rules[k].severity = p->severity;
            pb_rules_changed(ctx);
        }
        apply_rules(ctx, cfg->rules, cfg->nrules);
        apply_options(ctx, cfg->options, cfg->noptions);
        char buf[PATH_MAX];
        const char *rel = path ? relative_to(cfg, path, buf, sizeof buf) : NULL;
        for (size_t i = 0; i < cfg->noverrides; i++) {
            if (!override_applies(&cfg->overrides[i], rel))
                continue;
            apply_rules(ctx, cfg->overrides[i].rules, cfg->overrides[i].nrules);
            apply_options(ctx, cfg->overrides[i].options, cfg->overrides[i].noptions);
        }
    }
    /* what is not this file's configuration's stays out: other files'
     * policies and plugins */
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        if ((is_policy_rule(r) && !ctx->plugins[r->plugin_index].handle && !r->data) ||
            !in_force_plugin(ctx, cfg, r)) {
            r->severity = PBLINT_SEV_OFF;
            r->severity_set = false;
            pb_rules_changed(ctx);
        }
    }
    return rc;
}

/* ------------------------------------------------------------ printing */

static void origin_str(const pb_origin *o, char *buf, size_t size)
{
    if (o && o->file && o->line)
        snprintf(buf, size, "%s:%u", o->file, o->line);
    else
        snprintf(buf, size, "default");
}

int pblint_config_print(const pblint_ctx *ctx, const pblint_config *cfg, const char *path,
                        FILE *out)
{
    if (!ctx || !out)
        return PBLINT_EINVAL;
    char buf[PATH_MAX];
    const char *rel = cfg && path ? relative_to(cfg, path, buf, sizeof buf) : NULL;
    fprintf(out, "file: %s\n", path ? path : "");
    fprintf(out, "configuration: %s\n", cfg ? cfg->display : "(none)");
    for (size_t i = 0; cfg && i < cfg->noverrides; i++) {
        const c_override *o = &cfg->overrides[i];
        if (!override_applies(o, rel))
            continue;
        fprintf(out, "override: %s:%u files [", o->origin.file, o->origin.line);
        for (size_t k = 0; k < o->nglobs; k++)
            fprintf(out, "%s\"%s\"", k ? ", " : "", o->globs[k]);
        fputs("]\n", out);
    }
    if (cfg && cfg->nplugins) {
        fputs("plugins:\n", out);
        for (size_t i = 0; i < cfg->nplugins; i++) {
            const c_plugin *pl = &cfg->plugins[i];
            char o[PATH_MAX + 16];
            origin_str(&pl->origin, o, sizeof o);
            if (pl->refused)
                fprintf(out, "  %s  refused (not trusted)  %s\n", pl->written, o);
            else
                fprintf(out, "  %s  %s  %s\n", pl->name, pl->written, o);
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < ctx->nrules; i++)
        if (strlen(ctx->rules[i].id) > w)
            w = strlen(ctx->rules[i].id);
    fputs("rules:\n", out);
    for (size_t i = 0; i < ctx->nrules; i++) {
        const pb_rule *r = &ctx->rules[i];
        bool policy = is_policy_rule(r) && !ctx->plugins[r->plugin_index].handle;
        if (policy && !r->data)
            continue; /* another configuration's policy */
        if (!in_force_plugin(ctx, cfg, r))
            continue;
        /* replay the configuration to find where the severity came from */
        pb_origin o = {NULL, 0};
        int sev = r->default_severity;
        if (policy) {
            const pb_policy *p = r->data;
            sev = p->severity;
            o = p->severity_origin.line ? p->severity_origin : p->origin;
        }
        const c_rule *lists[65];
        size_t counts[65], nl = 0;
        if (cfg) {
            lists[nl] = cfg->rules;
            counts[nl++] = cfg->nrules;
            for (size_t k = 0; k < cfg->noverrides && nl < 65; k++)
                if (override_applies(&cfg->overrides[k], rel)) {
                    lists[nl] = cfg->overrides[k].rules;
                    counts[nl++] = cfg->overrides[k].nrules;
                }
        }
        for (size_t k = 0; k < nl; k++)
            for (size_t j = 0; j < counts[k]; j++)
                if (pattern_hits(lists[k][j].pattern, r->id, r->plugin)) {
                    sev = lists[k][j].severity;
                    o = lists[k][j].origin;
                }
        char os[PATH_MAX + 16];
        if (sev != r->severity)
            snprintf(os, sizeof os, "command line");
        else
            origin_str(&o, os, sizeof os);
        fprintf(out, "  %-*s  %-7s  %s\n", (int)w, r->id, pblint_severity_name(r->severity), os);
    }
    bool any = false;
    for (size_t i = 0; i < ctx->nrules; i++) {
        const pb_rule *r = &ctx->rules[i];
        for (size_t k = 0; k < r->noptions; k++) {
            if (!any)
                fputs("options:\n", out);
            any = true;
            pb_origin o = {NULL, 0};
            const c_option *lists[65];
            size_t counts[65], nl = 0;
            if (cfg) {
                lists[nl] = cfg->options;
                counts[nl++] = cfg->noptions;
                for (size_t m = 0; m < cfg->noverrides && nl < 65; m++)
                    if (override_applies(&cfg->overrides[m], rel)) {
                        lists[nl] = cfg->overrides[m].options;
                        counts[nl++] = cfg->overrides[m].noptions;
                    }
            }
            for (size_t m = 0; m < nl; m++)
                for (size_t j = 0; j < counts[m]; j++)
                    if (strcmp(lists[m][j].rule, r->id) == 0 &&
                        strcmp(lists[m][j].key, r->options[k].key) == 0)
                        o = strcmp(lists[m][j].value, r->options[k].value) == 0
                                ? lists[m][j].origin
                                : (pb_origin){NULL, 0};
            char os[PATH_MAX + 16];
            if (o.line)
                origin_str(&o, os, sizeof os);
            else
                snprintf(os, sizeof os, "command line");
            fprintf(out, "  %s  %s = \"%s\"  %s\n", r->id, r->options[k].key, r->options[k].value,
                    os);
        }
    }
    if (cfg && cfg->npolicies) {
        fputs("policies:\n", out);
        for (size_t i = 0; i < cfg->npolicies; i++) {
            const pb_policy *p = &cfg->policies[i];
            char os[PATH_MAX + 16];
            origin_str(&p->origin, os, sizeof os);
            fprintf(out, "  policy/%s  %s  %s  %s\n", p->name, POLICY_KINDS[p->kind].name,
                    p->summary, os);
        }
    }
    return ferror(out) ? PBLINT_EIO : 0;
}

/*
 * Contexts: the plugin loader, the rule table, and the lint pipeline
 * (bytes -> source -> grid -> model -> rules -> diagnostics).
 */
#include "internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

/* The reader's own rules: findings about the input rather than the filing. */
static const struct {
    const char *id;
    const char *summary;
    int severity;
} BUILTIN_RULES[] = {
    {"parse/encoding", "the file was not UTF-8 and was converted before linting", PBLINT_SEV_NOTE},
    {"parse/invalid-utf8", "the file holds bytes that are not valid text in any supported encoding",
     PBLINT_SEV_WARNING},
    {"parse/unrecognised-table", "table rows that belong to no table pblint knows",
     PBLINT_SEV_WARNING},
    {"parse/unrecognised-document", "nothing in the file looks like a performance filing",
     PBLINT_SEV_WARNING},
    {"parse/conversion-artifact", "leftovers of the Word-to-text conversion (HTML tags, bookmarks)",
     PBLINT_SEV_NOTE},
    {"core/check-failed", "a rule's check failed on this file, so its findings may be missing",
     PBLINT_SEV_ERROR},
    {"core/plugin-failed", "a plugin crashed or ran out of time on this file; its other findings were kept",
     PBLINT_SEV_ERROR},
};

void pblint_abi_version(unsigned *major, unsigned *minor)
{
    if (major)
        *major = PBLINT_ABI_MAJOR;
    if (minor)
        *minor = PBLINT_ABI_MINOR;
}

void pb_ctx_seterr(pblint_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
    va_end(ap);
}

const char *pblint_ctx_error(const pblint_ctx *ctx) { return ctx ? ctx->error : ""; }

pb_rule *pb_ctx_rule(pblint_ctx *ctx, const char *id)
{
    if (!ctx)
        return NULL;
    for (size_t i = 0; i < ctx->nrules; i++)
        if (strcmp(ctx->rules[i].id, id) == 0)
            return &ctx->rules[i];
    return NULL;
}

static int add_plugin(pblint_ctx *ctx, const char *path, const char *name, const char *version,
                      const char *summary, void *handle)
{
    pb_plugin p = {0};
    p.path = strdup(path);
    p.name = strdup(name);
    p.version = strdup(version ? version : "");
    p.summary = strdup(summary ? summary : "");
    p.handle = handle;
    if (!p.path || !p.name || !p.version || !p.summary ||
        PB_PUSH(ctx->plugins, ctx->nplugins, ctx->plugins_cap, p)) {
        free(p.path);
        free(p.name);
        free(p.version);
        free(p.summary);
        return PBLINT_ENOMEM;
    }
    return 0;
}

static int add_rule(pblint_ctx *ctx, size_t plugin_index, const char *id, const char *summary,
                    int severity, unsigned flags, pblint_check_fn check)
{
    pb_rule r;
    memset(&r, 0, sizeof r);
    r.id = strdup(id);
    r.summary = strdup(summary);
    r.plugin = ctx->plugins[plugin_index].name;
    r.plugin_index = plugin_index;
    r.default_severity = r.severity = severity;
    r.flags = flags;
    r.check = check;
    if (!r.id || !r.summary || PB_PUSH(ctx->rules, ctx->nrules, ctx->rules_cap, r)) {
        free(r.id);
        free(r.summary);
        return PBLINT_ENOMEM;
    }
    pb_rules_changed(ctx);
    return 0;
}

pblint_ctx *pblint_ctx_new(void)
{
    pblint_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    if (add_plugin(ctx, "(built in)", "parse", PBLINT_VERSION_STRING,
                   "the reader's findings about the input", NULL) ||
        add_plugin(ctx, "(built in)", "core", PBLINT_VERSION_STRING,
                   "reports about pblint itself: failed checks, crashed plugins", NULL))
        goto fail;
    for (size_t i = 0; i < PB_ARRAY_LEN(BUILTIN_RULES); i++)
        if (add_rule(ctx, strncmp(BUILTIN_RULES[i].id, "core/", 5) == 0 ? 1 : 0,
                     BUILTIN_RULES[i].id, BUILTIN_RULES[i].summary, BUILTIN_RULES[i].severity, 0,
                     NULL))
            goto fail;
    pb_rule *pf = pb_ctx_rule(ctx, "core/plugin-failed");
    if (!pf)
        goto fail;
    ctx->plugin_failed = (size_t)(pf - ctx->rules);
    return ctx;
fail:
    pblint_ctx_free(ctx);
    return NULL;
}

static void stop_worker(pblint_ctx *ctx);
static void pending_free(pb_pending *p);
static void state_unref(struct pb_state *st);

void pblint_ctx_free(pblint_ctx *ctx)
{
    if (!ctx)
        return;
    while (ctx->npending) {
        pending_free(&ctx->pending[ctx->pending_head]);
        ctx->pending_head = (ctx->pending_head + 1) % PBLINT_LINT_QUEUE;
        ctx->npending--;
    }
    stop_worker(ctx);
    state_unref(ctx->state);
    free(ctx->answer);
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        for (size_t k = 0; k < r->noptions; k++) {
            free(r->options[k].key);
            free(r->options[k].value);
        }
        free(r->options);
        free(r->id);
        free(r->summary);
    }
    free(ctx->rules);
    for (size_t i = 0; i < ctx->nplugins; i++) {
        pb_plugin *p = &ctx->plugins[i];
        if (p->handle)
            dlclose(p->handle);
        free(p->path);
        free(p->name);
        free(p->version);
        free(p->summary);
    }
    free(ctx->plugins);
    free(ctx);
}

/* ------------------------------------------------------------ loading */

static bool valid_name(const char *s, size_t max)
{
    if (!s || !*s || strlen(s) > max)
        return false;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

static bool is_elf_error(const char *msg)
{
    return msg && (strstr(msg, "invalid ELF header") || strstr(msg, "file too short") ||
                   strstr(msg, "not an ELF") || strstr(msg, "ELF file") ||
                   strstr(msg, "wrong ELF class"));
}

int pblint_ctx_load_plugin(pblint_ctx *ctx, const char *path)
{
    if (!ctx || !path)
        return PBLINT_EINVAL;
    struct stat st;
    if (stat(path, &st) != 0) {
        pb_ctx_seterr(ctx, "%s: cannot load plugin: %s", path, strerror(errno));
        return PBLINT_EPLUGIN;
    }
    if (S_ISDIR(st.st_mode)) {
        pb_ctx_seterr(ctx, "%s: cannot load plugin: it is a directory (give a .so file, or list "
                           "the directory in PBLINT_PLUGIN_PATH)", path);
        return PBLINT_EPLUGIN;
    }
    dlerror();
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        if (is_elf_error(e))
            pb_ctx_seterr(ctx, "%s: not a shared object, so not a plugin (%s)", path, e);
        else
            pb_ctx_seterr(ctx, "%s: cannot load plugin: %s", path, e ? e : "dlopen failed");
        return PBLINT_EPLUGIN;
    }
    dlerror();
    void *sym = dlsym(h, PBLINT_PLUGIN_ENTRY_SYMBOL);
    if (!sym) {
        pb_ctx_seterr(ctx, "%s: no entry point: the shared object does not export "
                           "%s(), so it is not a pblint plugin", path, PBLINT_PLUGIN_ENTRY_SYMBOL);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    const pblint_plugin_desc *(*entry)(void);
    *(void **)&entry = sym;
    const pblint_plugin_desc *raw = entry();
    if (!raw) {
        pb_ctx_seterr(ctx, "%s: %s() returned no descriptor", path, PBLINT_PLUGIN_ENTRY_SYMBOL);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    /* The first four fields are readable whatever the plugin's ABI. */
    if (raw->abi_major != PBLINT_ABI_MAJOR || raw->abi_minor > PBLINT_ABI_MINOR) {
        pb_ctx_seterr(ctx, "%s: built for pblint plugin ABI %u.%u, while this pblint provides "
                           "%u.%u (a plugin loads when its major version equals the host's and "
                           "its minor is not newer); rebuild it against this pblint",
                      path, raw->abi_major, raw->abi_minor, PBLINT_ABI_MAJOR, PBLINT_ABI_MINOR);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    size_t min_size = offsetof(pblint_plugin_desc, rule_count) + sizeof(size_t);
    size_t min_rule = offsetof(pblint_rule_desc, flags) + sizeof(unsigned);
    if (raw->struct_size < min_size || raw->rule_size < min_rule) {
        pb_ctx_seterr(ctx, "%s: its descriptor is malformed (struct_size %u, rule_size %u; ABI "
                           "%u.%u needs at least %zu and %zu)",
                      path, raw->struct_size, raw->rule_size, PBLINT_ABI_MAJOR, PBLINT_ABI_MINOR,
                      min_size, min_rule);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    pblint_plugin_desc d;
    memset(&d, 0, sizeof d);
    memcpy(&d, raw, raw->struct_size < sizeof d ? raw->struct_size : sizeof d);
    if (!valid_name(d.name, 40)) {
        pb_ctx_seterr(ctx, "%s: the plugin's name %s%s%s is not a valid name (lower-case letters, "
                           "digits and '-')",
                      path, d.name ? "'" : "", d.name ? d.name : "(none)", d.name ? "'" : "");
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    for (size_t i = 0; i < ctx->nplugins; i++) {
        if (strcmp(ctx->plugins[i].name, d.name) == 0) {
            pb_ctx_seterr(ctx, "%s: a plugin named '%s' is already loaded from %s", path, d.name,
                          ctx->plugins[i].path);
            dlclose(h);
            return PBLINT_EPLUGIN;
        }
    }
    if (d.rule_count > 0 && !d.rules) {
        pb_ctx_seterr(ctx, "%s: plugin '%s' declares %zu rules but gives no rule table", path,
                      d.name, d.rule_count);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    if (d.rule_count > 4096) {
        pb_ctx_seterr(ctx, "%s: plugin '%s' declares %zu rules, more than the 4096 allowed", path,
                      d.name, d.rule_count);
        dlclose(h);
        return PBLINT_EPLUGIN;
    }
    /* Validate every rule before registering any. */
    pblint_rule_desc *rules = calloc(d.rule_count ? d.rule_count : 1, sizeof *rules);
    if (!rules) {
        dlclose(h);
        return PBLINT_ENOMEM;
    }
    int rc = 0;
    char id[128];
    for (size_t i = 0; i < d.rule_count && rc == 0; i++) {
        const char *src = (const char *)d.rules + i * raw->rule_size;
        memcpy(&rules[i], src, raw->rule_size < sizeof rules[i] ? raw->rule_size : sizeof rules[i]);
        pblint_rule_desc *r = &rules[i];
        if (!valid_name(r->name, 60)) {
            pb_ctx_seterr(ctx, "%s: rule %zu of plugin '%s' has an invalid name %s%s%s (lower-case "
                               "letters, digits and '-')",
                          path, i + 1, d.name, r->name ? "'" : "", r->name ? r->name : "(none)",
                          r->name ? "'" : "");
            rc = PBLINT_EPLUGIN;
            break;
        }
        snprintf(id, sizeof id, "%s/%s", d.name, r->name);
        if (!r->summary || !*r->summary) {
            pb_ctx_seterr(ctx, "%s: rule '%s' has no summary", path, id);
            rc = PBLINT_EPLUGIN;
        } else if (!r->check) {
            pb_ctx_seterr(ctx, "%s: rule '%s' has no check function", path, id);
            rc = PBLINT_EPLUGIN;
        } else if (r->default_severity < PBLINT_SEV_NOTE || r->default_severity > PBLINT_SEV_ERROR) {
            pb_ctx_seterr(ctx, "%s: rule '%s' has an invalid default severity %d", path, id,
                          r->default_severity);
            rc = PBLINT_EPLUGIN;
        }
        for (size_t k = 0; k < i && rc == 0; k++) {
            if (strcmp(rules[k].name, r->name) == 0) {
                pb_ctx_seterr(ctx, "%s: rule id '%s' is registered twice by plugin '%s'", path, id,
                              d.name);
                rc = PBLINT_EPLUGIN;
            }
        }
        pb_rule *taken = rc == 0 ? pb_ctx_rule(ctx, id) : NULL;
        if (taken) {
            pb_ctx_seterr(ctx, "%s: rule id '%s' is already taken by plugin '%s' (%s)", path, id,
                          taken->plugin, ctx->plugins[taken->plugin_index].path);
            rc = PBLINT_EPLUGIN;
        }
    }
    if (rc == 0)
        rc = add_plugin(ctx, path, d.name, d.version, d.summary, h);
    if (rc != 0) {
        free(rules);
        dlclose(h);
        return rc;
    }
    size_t pi = ctx->nplugins - 1;
    for (size_t i = 0; i < d.rule_count && rc == 0; i++) {
        snprintf(id, sizeof id, "%s/%s", d.name, rules[i].name);
        rc = add_rule(ctx, pi, id, rules[i].summary, rules[i].default_severity, rules[i].flags,
                      rules[i].check);
    }
    free(rules);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int pblint_ctx_load_plugin_dir(pblint_ctx *ctx, const char *dir,
                               void (*on_error)(void *ud, const char *msg), void *ud)
{
    DIR *d = opendir(dir);
    if (!d) {
        pb_ctx_seterr(ctx, "%s: cannot read plugin directory: %s", dir, strerror(errno));
        return PBLINT_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 3 && strcmp(e->d_name + l - 3, ".so") == 0) {
            char *s = strdup(e->d_name);
            if (!s || PB_PUSH(names, n, cap, s)) {
                free(s);
                break;
            }
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        if (p) {
            snprintf(p, len, "%s/%s", dir, names[i]);
            if (pblint_ctx_load_plugin(ctx, p) != 0) {
                failures++;
                if (on_error)
                    on_error(ud, ctx->error);
            }
            free(p);
        }
        free(names[i]);
    }
    free(names);
    return failures;
}

/* -------------------------------------------------------------- rules */

size_t pblint_ctx_rule_count(const pblint_ctx *ctx) { return ctx->nrules; }

int pblint_ctx_rule(const pblint_ctx *ctx, size_t i, pblint_rule_info *out)
{
    if (!ctx || i >= ctx->nrules || !out)
        return PBLINT_EINVAL;
    const pb_rule *r = &ctx->rules[i];
    out->id = r->id;
    out->plugin = r->plugin;
    out->summary = r->summary;
    out->default_severity = r->default_severity;
    out->severity = r->severity;
    out->plugin_path = ctx->plugins[r->plugin_index].path;
    out->flags = r->flags;
    return 0;
}

long pblint_ctx_find_rule(const pblint_ctx *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->nrules; i++)
        if (strcmp(ctx->rules[i].id, id) == 0)
            return (long)i;
    return -1;
}

static bool pattern_matches(const char *pattern, const pb_rule *r)
{
    if (strcmp(pattern, "*") == 0)
        return true;
    size_t pl = strlen(pattern);
    if (pl >= 2 && strcmp(pattern + pl - 2, "/*") == 0)
        return strlen(r->plugin) == pl - 2 && strncmp(r->plugin, pattern, pl - 2) == 0;
    return strcmp(pattern, r->id) == 0;
}

int pblint_ctx_set_severity(pblint_ctx *ctx, const char *pattern, int severity)
{
    if (!ctx || !pattern || severity < PBLINT_SEV_DEFAULT || severity > PBLINT_SEV_ERROR)
        return PBLINT_EINVAL;
    size_t hits = 0;
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        if (pattern_matches(pattern, r)) {
            /* DEFAULT restores the rule's own severity and lets it grade
             * single findings again; OFF needs no grading either */
            r->severity = severity == PBLINT_SEV_DEFAULT ? r->default_severity : severity;
            r->severity_set = severity > PBLINT_SEV_OFF;
            hits++;
        }
    }
    if (hits)
        pb_rules_changed(ctx);
    if (hits == 0) {
        pb_ctx_seterr(ctx, "no rule matches '%s' (see pblint --list-rules)", pattern);
        return PBLINT_ENOTFOUND;
    }
    return 0;
}

int pblint_ctx_set_option(pblint_ctx *ctx, const char *rule_id, const char *key, const char *value)
{
    if (!ctx || !rule_id || !key || !value)
        return PBLINT_EINVAL;
    pb_rule *r = pb_ctx_rule(ctx, rule_id);
    if (!r) {
        pb_ctx_seterr(ctx, "no rule '%s' (see pblint --list-rules)", rule_id);
        return PBLINT_ENOTFOUND;
    }
    for (size_t i = 0; i < r->noptions; i++) {
        if (strcmp(r->options[i].key, key) == 0) {
            char *v = strdup(value);
            if (!v)
                return PBLINT_ENOMEM;
            free(r->options[i].value);
            r->options[i].value = v;
            pb_rules_changed(ctx);
            return 0;
        }
    }
    pb_option o = {strdup(key), strdup(value)};
    if (!o.key || !o.value || PB_PUSH(r->options, r->noptions, r->options_cap, o)) {
        free(o.key);
        free(o.value);
        return PBLINT_ENOMEM;
    }
    pb_rules_changed(ctx);
    return 0;
}

/* ------------------------------------------- configuration support */
/* (pblint_ctx_reset_rules and the internal rules of policy.c; see config.c) */

static void free_options(pb_rule *r)
{
    for (size_t k = 0; k < r->noptions; k++) {
        free(r->options[k].key);
        free(r->options[k].value);
    }
    free(r->options);
    r->options = NULL;
    r->noptions = r->options_cap = 0;
}

void pblint_ctx_reset_rules(pblint_ctx *ctx)
{
    if (!ctx)
        return;
    pb_rules_changed(ctx);
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        free_options(r);
        r->severity = r->default_severity;
        r->severity_set = false;
        if (strcmp(r->plugin, PB_POLICY_GROUP) == 0 && !ctx->plugins[r->plugin_index].handle) {
            /* a policy belongs to the configuration that declared it: it is
             * gone until a configuration declares it again */
            r->data = NULL;
            r->severity = PBLINT_SEV_OFF;
        }
    }
}

long pb_ctx_add_internal_rule(pblint_ctx *ctx, const char *group, const char *name,
                              const char *summary, int severity, pblint_check_fn check, void *data)
{
    if (!ctx || !group || !name || !summary)
        return PBLINT_EINVAL;
    size_t pi = ctx->nplugins;
    for (size_t i = 0; i < ctx->nplugins; i++)
        if (strcmp(ctx->plugins[i].name, group) == 0)
            pi = i;
    if (pi < ctx->nplugins && ctx->plugins[pi].handle) {
        pb_ctx_seterr(ctx, "the plugin '%s' loaded from %s takes the name of pblint's built-in "
                           "group of configuration rules; rename the plugin",
                      group, ctx->plugins[pi].path);
        return PBLINT_EPLUGIN;
    }
    if (pi == ctx->nplugins &&
        add_plugin(ctx, "(configuration)", group, PBLINT_VERSION_STRING,
                   "rules declared in a configuration file", NULL))
        return PBLINT_ENOMEM;
    char id[160];
    snprintf(id, sizeof id, "%s/%s", group, name);
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        if (strcmp(r->id, id) != 0)
            continue;
        char *s = strdup(summary);
        if (!s)
            return PBLINT_ENOMEM;
        free(r->summary);
        r->summary = s;
        r->default_severity = severity;
        r->check = check;
        r->data = data;
        pb_rules_changed(ctx);
        return (long)i;
    }
    int rc = add_rule(ctx, pi, id, summary, severity, 0, check);
    if (rc != 0)
        return rc;
    ctx->rules[ctx->nrules - 1].data = data;
    pb_rules_changed(ctx);
    return (long)(ctx->nrules - 1);
}

/* ----------------------------------------------------------- pipeline */

#define PB_MAX_INPUT (256u * 1024u * 1024u)

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The clock of the time limits, read by the worker as each rule starts:
 * the coarse monotonic clock, which costs some 7 ns a read on this kind of
 * virtual machine against 60 ns for CLOCK_MONOTONIC (a few per cent of a
 * run over many small files).  It moves in ticks of watch_tick(), so a
 * limit counts as passed only once it has passed by a tick more.  Never 0,
 * which the shared page uses for "not running". */
#ifdef CLOCK_MONOTONIC_COARSE
#define PB_WATCH_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define PB_WATCH_CLOCK CLOCK_MONOTONIC
#endif

static uint64_t watch_ns(void)
{
    struct timespec ts;
    clock_gettime(PB_WATCH_CLOCK, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec + 1;
}

static uint64_t watch_tick(void)
{
    struct timespec ts;
    if (clock_getres(PB_WATCH_CLOCK, &ts) != 0)
        return 10000000u;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void add_phase(pblint_ctx *ctx, int phase, uint64_t t0)
{
    ctx->phase_ns[phase] += now_ns() - t0;
    ctx->phase_calls[phase]++;
}

int pblint_ctx_set_timing(pblint_ctx *ctx, bool on)
{
    if (!ctx)
        return PBLINT_EINVAL;
    ctx->timing = on;
    if (on) {
        memset(ctx->phase_ns, 0, sizeof ctx->phase_ns);
        memset(ctx->phase_calls, 0, sizeof ctx->phase_calls);
        for (size_t i = 0; i < ctx->nrules; i++)
            ctx->rules[i].time_ns = ctx->rules[i].time_calls = 0;
    }
    return 0;
}

uint64_t pblint_ctx_phase_time(const pblint_ctx *ctx, int phase, uint64_t *count)
{
    bool ok = ctx && phase >= 0 && phase < PBLINT_PHASE__COUNT;
    if (count)
        *count = ok ? ctx->phase_calls[phase] : 0;
    return ok ? ctx->phase_ns[phase] : 0;
}

uint64_t pblint_ctx_rule_time(const pblint_ctx *ctx, size_t i, uint64_t *count)
{
    bool ok = ctx && i < ctx->nrules;
    if (count)
        *count = ok ? ctx->rules[i].time_calls : 0;
    return ok ? ctx->rules[i].time_ns : 0;
}

/* bytes -> decoded source, with the decoder's own findings */
static int parse_source(pblint_ctx *ctx, const char *name, const void *bytes, size_t len,
                        bool plain, pblint_result **out)
{
    *out = NULL;
    uint64_t t0 = ctx->timing ? now_ns() : 0;
    pblint_result *res = calloc(1, sizeof *res);
    pblint_doc *doc = calloc(1, sizeof *doc);
    if (!res || !doc) {
        free(res);
        free(doc);
        pb_ctx_seterr(ctx, "%s: out of memory", name ? name : "(input)");
        return PBLINT_ENOMEM;
    }
    res->doc = doc;
    int rc = (plain ? pb_source_decode_plain : pb_source_decode)(
        &doc->src, name ? name : "(input)", bytes ? bytes : "", len, ctx->error, sizeof ctx->error);
    if (rc != 0) {
        pblint_result_free(res);
        return rc;
    }
    if (doc->src.converted)
        pb_emit(ctx, res, "parse/encoding", PBLINT_SEV_DEFAULT, (pblint_span){0, 0},
                "the file is encoded in %s, not UTF-8; pblint converted it, and positions refer "
                "to the converted text",
                doc->src.encoding);
    if (doc->src.invalid_count) {
        uint32_t at = doc->src.first_invalid;
        if (doc->src.nul_count)
            pb_emit(ctx, res, "parse/invalid-utf8", PBLINT_SEV_DEFAULT, (pblint_span){at, at + 3},
                    doc->src.invalid_count == 1
                        ? "%zu invalid byte sequence (%zu NUL byte) replaced by U+FFFD; it is "
                          "here, and text around it may be misread"
                        : "%zu invalid byte sequences (%zu of them NUL bytes) replaced by U+FFFD; "
                          "the first is here, and text around them may be misread",
                    doc->src.invalid_count, doc->src.nul_count);
        else
            pb_emit(ctx, res, "parse/invalid-utf8", PBLINT_SEV_DEFAULT, (pblint_span){at, at + 3},
                    doc->src.invalid_count == 1
                        ? "%zu byte sequence that is not valid UTF-8 (nor GB18030) replaced by "
                          "U+FFFD; it is here, and text around it may be misread"
                        : "%zu byte sequences that are not valid UTF-8 (nor GB18030) replaced by "
                          "U+FFFD; the first is here, and text around them may be misread",
                    doc->src.invalid_count);
    }
    if (ctx->timing)
        add_phase(ctx, PBLINT_PHASE_DECODE, t0);
    *out = res;
    return 0;
}

/* decoded source -> model, with the reader's findings; frees res on failure */
static int parse_model(pblint_ctx *ctx, pblint_result *res)
{
    uint64_t t0 = ctx->timing ? now_ns() : 0;
    int rc = pb_model_build(ctx, res, res->doc);
    if (ctx->timing)
        add_phase(ctx, PBLINT_PHASE_MODEL, t0);
    if (rc != 0) {
        pb_ctx_seterr(ctx, "%s: %s while building the model", res->doc->src.name,
                      pblint_strerror(rc));
        pblint_result_free(res);
    }
    return rc;
}

int pblint_parse(pblint_ctx *ctx, const char *name, const void *bytes, size_t len,
                 pblint_result **out)
{
    if (!ctx || !out || (!bytes && len))
        return PBLINT_EINVAL;
    int rc = parse_source(ctx, name, bytes, len, false, out);
    if (rc == 0 && (rc = parse_model(ctx, *out)) != 0)
        *out = NULL;
    return rc;
}

static bool start_worker(pblint_ctx *ctx);
static uint64_t rule_state(const pblint_ctx *ctx);

int pblint_ctx_start_worker(pblint_ctx *ctx)
{
    if (!ctx)
        return PBLINT_EINVAL;
    if (!ctx->isolate)
        return 0;
    if (ctx->worker_pid > 0 && ctx->worker_state == rule_state(ctx))
        return 0;
    stop_worker(ctx);
    return start_worker(ctx) ? 0 : PBLINT_EIO;
}

int pblint_ctx_set_isolation(pblint_ctx *ctx, bool on, unsigned timeout_ms)
{
    if (!ctx)
        return PBLINT_EINVAL;
    ctx->isolate = on;
    ctx->check_timeout_ms = timeout_ms;
    return 0;
}

/* One rule's check on res, and core/check-failed when it says it failed;
 * in this process and in the isolation worker alike. */
static void call_check(pblint_ctx *ctx, pblint_result *res, pb_rule *r)
{
    pblint_check chk = {ctx, r, res};
    int crc = r->check(&chk, res->doc);
    if (crc != 0)
        pb_emit(ctx, res, "core/check-failed", PBLINT_SEV_DEFAULT, (pblint_span){0, 0},
                "rule %s failed on this file (%s), so its findings may be missing", r->id,
                pblint_strerror(crc));
}

static bool in_skip(const uint32_t *skip, size_t nskip, size_t i)
{
    for (size_t k = 0; k < nskip; k++)
        if (skip[k] == i)
            return true;
    return false;
}

/* Every rule in force (but those in skip) on res, in this process, then the
 * document's shared data is dropped. */
static void run_checks(pblint_ctx *ctx, pblint_result *res, const uint32_t *skip, size_t nskip)
{
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        if (!r->check || r->severity == PBLINT_SEV_OFF || in_skip(skip, nskip, i))
            continue;
        uint64_t t0 = ctx->timing ? now_ns() : 0;
        call_check(ctx, res, r);
        if (ctx->timing) {
            r->time_ns += now_ns() - t0;
            r->time_calls++;
        }
    }
    pb_result_drop_shared(res);
}

/* ---------------------------------------------------------- isolation */

/*
 * A worker is a fork of the host, started once and reused for every file
 * the context lints.  A request carries the rule state (severities, options:
 * they may differ per file), the file name and the raw bytes; the worker
 * builds the model itself (the build is deterministic, so spans agree with
 * the host's decoded source) and runs the checks, while the host decodes
 * the same bytes for rendering and never builds a model of its own.
 *
 * The answer is a stream of records: 'D' a diagnostic with its notes and
 * fix-its, 'M' the model is built (the reader's findings came before it),
 * 'X' rc message: the model could not be built, 'E' all done.  The worker
 * writes it in one piece at the end (or in pieces of PB_ANSWER_FLUSH
 * bytes), so a file costs one wake-up of the host whatever the rules
 * find.  Which rule is running, since when, and the time each took live in
 * a page shared with the worker.  A crash or a time-out leaves the host
 * knowing which rule was running: it drops what that worker sent, reports
 * the rule, and asks a new worker for the same file with that rule
 * skipped, so no other rule's findings are lost.
 */
#define PB_ANSWER_FLUSH (1u << 20)
#define PB_NO_RULE UINT32_MAX
/* The reader (model build) of one file may run this many times a rule's
 * time limit before it is stopped as hung. */
#define PB_READER_LIMIT 10u

typedef struct pb_worker_shm {
    uint32_t current;    /* rule being run, or PB_NO_RULE */
    uint64_t started_ns; /* when it started (watch_ns()), 0 outside a check */
    uint64_t model_ns0;  /* when the model build of the current file started, 0 outside */
    /* asked for with PB_REQ_TIMING: time spent building models since the
     * host last looked */
    uint64_t model_ns;
    uint64_t models;
    uint64_t rule_ns[];  /* per rule, likewise (and the count of runs after them) */
} pb_worker_shm;

static uint64_t *shm_rule_calls(pb_worker_shm *shm, size_t nrules)
{
    return shm->rule_ns + nrules;
}

typedef struct wbuf {
    char *p;
    size_t n, cap;
} wbuf;

static void wb_put(wbuf *w, const void *data, size_t n)
{
    if (w->n + n > w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 4096;
        while (nc < w->n + n)
            nc *= 2;
        char *np = realloc(w->p, nc);
        if (!np)
            _exit(3);
        w->p = np;
        w->cap = nc;
    }
    memcpy(w->p + w->n, data, n);
    w->n += n;
}

static void wb_u32(wbuf *w, uint32_t v) { wb_put(w, &v, sizeof v); }

static void wb_str(wbuf *w, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    wb_u32(w, n);
    wb_put(w, s, n);
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            _exit(3);
        p += k;
        n -= (size_t)k;
    }
}

static void put_diags(wbuf *w, const pblint_result *res, size_t from)
{
    for (size_t k = from; k < res->ndiags; k++) {
        const pblint_diag *d = res->diags[k];
        wb_put(w, "D", 1);
        wb_str(w, d->rule);
        wb_u32(w, (uint32_t)d->severity);
        wb_u32(w, d->span.start);
        wb_u32(w, d->span.end);
        wb_str(w, d->message);
        wb_u32(w, (uint32_t)d->nnotes);
        for (size_t j = 0; j < d->nnotes; j++) {
            wb_u32(w, d->notes[j].span.start);
            wb_u32(w, d->notes[j].span.end);
            wb_str(w, d->notes[j].message);
        }
        wb_u32(w, (uint32_t)d->nfixits);
        for (size_t j = 0; j < d->nfixits; j++) {
            wb_u32(w, d->fixits[j].span.start);
            wb_u32(w, d->fixits[j].span.end);
            wb_str(w, d->fixits[j].text);
        }
    }
}

/* Runs the checks (but those in skip) and appends what they find to w. */
static void child_checks(pblint_ctx *ctx, pblint_result *res, const uint32_t *skip, size_t nskip,
                         bool timing, int fd, wbuf *w)
{
    pb_worker_shm *shm = ctx->worker_shm;
    uint64_t *calls = shm_rule_calls(shm, ctx->nrules);
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        if (!r->check || r->severity == PBLINT_SEV_OFF || in_skip(skip, nskip, i))
            continue;
        __atomic_store_n(&shm->current, (uint32_t)i, __ATOMIC_RELAXED);
        uint64_t t0 = timing ? now_ns() : 0;
        __atomic_store_n(&shm->started_ns, watch_ns(), __ATOMIC_RELEASE);
        size_t before = res->ndiags;
        call_check(ctx, res, r);
        __atomic_store_n(&shm->started_ns, 0, __ATOMIC_RELEASE);
        if (timing)
            shm->rule_ns[i] += now_ns() - t0;
        calls[i]++;
        put_diags(w, res, before);
        if (w->n >= PB_ANSWER_FLUSH) {
            write_all(fd, w->p, w->n);
            w->n = 0;
        }
    }
    __atomic_store_n(&shm->current, PB_NO_RULE, __ATOMIC_RELAXED);
    pb_result_drop_shared(res);
    wb_put(w, "E", 1);
    write_all(fd, w->p, w->n);
}

typedef struct rbuf {
    const char *p;
    size_t n, off;
    bool bad;
} rbuf;

static uint32_t rb_u32(rbuf *r)
{
    uint32_t v = 0;
    if (r->off + 4 > r->n) {
        r->bad = true;
        return 0;
    }
    memcpy(&v, r->p + r->off, 4);
    r->off += 4;
    return v;
}

static const char *rb_bytes(rbuf *r, size_t n)
{
    if (r->bad || r->off + n > r->n) {
        r->bad = true;
        return NULL;
    }
    const char *p = r->p + r->off;
    r->off += n;
    return p;
}

static char *rb_str(rbuf *r, pb_arena *a)
{
    uint32_t n = rb_u32(r);
    const char *p = rb_bytes(r, n);
    return p ? pb_strndup(a, p, n) : NULL;
}

static pblint_diag *diag_from_parts(pblint_result *res, const char *rule, int sev, pblint_span sp,
                                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pblint_diag *d = pb_diag_new(res, rule, sev, sp, fmt, ap);
    va_end(ap);
    return d;
}

typedef struct answer {
    bool done;    /* 'E' */
    bool model;   /* 'M' */
    bool failed;  /* 'X': the worker could not build the model */
    int rc;
    char why[256];
} answer;

/* Parses the complete records in buf[*off..n); returns false on garbage. */
static bool parse_records(pblint_result *res, const char *buf, size_t n, size_t *off, answer *ans)
{
    pb_arena *a = &res->doc->arena;
    for (;;) {
        rbuf r = {buf, n, *off, false};
        if (r.off >= n)
            return true;
        char tag = buf[r.off++];
        if (tag == 'E') { /* what follows is the answer on the next file */
            *off = r.off;
            ans->done = true;
            return true;
        }
        if (tag == 'M') {
            *off = r.off;
            ans->model = true;
            continue;
        }
        if (tag == 'X') {
            uint32_t rc = rb_u32(&r);
            uint32_t l = rb_u32(&r);
            const char *why = rb_bytes(&r, l);
            if (r.bad)
                return true; /* incomplete: wait for more */
            ans->failed = true;
            ans->rc = (int)rc;
            snprintf(ans->why, sizeof ans->why, "%.*s", (int)l, why);
            *off = r.off;
            continue;
        }
        if (tag != 'D')
            return false;
        uint32_t rule_len = rb_u32(&r);
        const char *rule = rb_bytes(&r, rule_len);
        int sev = (int)rb_u32(&r);
        pblint_span sp;
        sp.start = rb_u32(&r);
        sp.end = rb_u32(&r);
        uint32_t msg_len = rb_u32(&r);
        const char *msg = rb_bytes(&r, msg_len);
        uint32_t nn = rb_u32(&r);
        if (r.bad)
            return true;
        /* read the whole record before creating anything */
        size_t save = r.off;
        for (uint32_t j = 0; j < nn && !r.bad; j++) {
            rb_u32(&r);
            rb_u32(&r);
            rb_bytes(&r, rb_u32(&r));
        }
        uint32_t nf = r.bad ? 0 : rb_u32(&r);
        for (uint32_t j = 0; j < nf && !r.bad; j++) {
            rb_u32(&r);
            rb_u32(&r);
            rb_bytes(&r, rb_u32(&r));
        }
        if (r.bad)
            return true;
        r.off = save;
        /* the strings are copied once, from the answer, as they are */
        pblint_diag *d = pb_diag_new_n(res, rule, rule_len, sev, sp, msg, msg_len);
        for (uint32_t j = 0; j < nn; j++) {
            pblint_span ns;
            ns.start = rb_u32(&r);
            ns.end = rb_u32(&r);
            uint32_t l = rb_u32(&r);
            const char *nm = rb_bytes(&r, l);
            if (d)
                pb_diag_add_note_n(d, ns, nm, l);
        }
        nf = rb_u32(&r);
        for (uint32_t j = 0; j < nf; j++) {
            pblint_span fs;
            fs.start = rb_u32(&r);
            fs.end = rb_u32(&r);
            char *ft = rb_str(&r, a);
            if (d)
                pblint_diag_add_fixit(d, fs, ft ? ft : "");
        }
        *off = r.off;
    }
}

/* The shape of the rule table the worker was forked with (which rules
 * exist, in which order): severities, options and data travel with each
 * request, so only a change of shape needs a new worker. */
static uint64_t rule_state(const pblint_ctx *ctx)
{
    uint64_t h = 1469598103934665603ull;
#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ull)
    MIX(ctx->nrules);
    MIX(ctx->nplugins);
    for (size_t i = 0; i < ctx->nrules; i++)
        MIX((uintptr_t)ctx->rules[i].id);
#undef MIX
    return h;
}

static bool read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

/* The rule state a request carries: per rule, its severity, whether the
 * configuration set it, its data and its options — so that one worker
 * serves files with different configurations without being forked again.
 * (Data pointers are valid in the worker: configurations are loaded before
 * the worker is started, see pblint_ctx_start_worker().) */
static void put_state(wbuf *w, const pblint_ctx *ctx)
{
    wb_u32(w, (uint32_t)ctx->nrules);
    for (size_t i = 0; i < ctx->nrules; i++) {
        const pb_rule *r = &ctx->rules[i];
        wb_u32(w, (uint32_t)(r->severity + 8));
        wb_u32(w, r->severity_set);
        uintptr_t d = (uintptr_t)r->data;
        wb_put(w, &d, sizeof d);
        uintptr_t c = (uintptr_t)r->check;
        wb_put(w, &c, sizeof c);
        wb_u32(w, (uint32_t)r->noptions);
        for (size_t k = 0; k < r->noptions; k++) {
            wb_str(w, r->options[k].key);
            wb_str(w, r->options[k].value);
        }
    }
}

/* A rule state as put_state() writes it, shared by the files started with
 * it (refs: the context's current one, the one the worker has, and each
 * file in flight). */
typedef struct pb_state {
    size_t refs;
    uint64_t gen; /* the ctx->rules_gen it was made at, or found equal at */
    size_t len;
    char data[];
} pb_state;

static pb_state *state_ref(pb_state *st)
{
    if (st)
        st->refs++;
    return st;
}

static void state_unref(pb_state *st)
{
    if (st && --st->refs == 0)
        free(st);
}

/* The rule state in force: made again only after a rule changed, and the
 * previous one kept when it comes out the same bytes (a folder's
 * configuration applied again for its next file), so that the worker is
 * not sent it again.  NULL when out of memory. */
static pb_state *current_state(pblint_ctx *ctx)
{
    pb_state *cur = ctx->state;
    if (cur && cur->gen == ctx->rules_gen)
        return cur;
    wbuf w = {0};
    put_state(&w, ctx);
    if (cur && cur->len == w.n && memcmp(cur->data, w.p, w.n) == 0) {
        free(w.p);
        cur->gen = ctx->rules_gen;
        return cur;
    }
    pb_state *st = malloc(sizeof *st + w.n);
    if (!st) {
        free(w.p);
        return NULL;
    }
    st->refs = 1;
    st->gen = ctx->rules_gen;
    st->len = w.n;
    memcpy(st->data, w.p, w.n);
    free(w.p);
    state_unref(ctx->state);
    ctx->state = st;
    return st;
}

static bool take_state(pblint_ctx *ctx, rbuf *in)
{
    if (rb_u32(in) != ctx->nrules || in->bad)
        return false;
    for (size_t i = 0; i < ctx->nrules; i++) {
        pb_rule *r = &ctx->rules[i];
        uint32_t sev = rb_u32(in), set = rb_u32(in);
        uintptr_t d, c;
        const char *dp = rb_bytes(in, sizeof d), *cp = rb_bytes(in, sizeof c);
        uint32_t nopt = rb_u32(in);
        if (in->bad)
            return false;
        memcpy(&d, dp, sizeof d);
        memcpy(&c, cp, sizeof c);
        r->severity = (int)sev - 8;
        r->severity_set = set != 0;
        r->data = (void *)d;
        *(uintptr_t *)&r->check = c;
        for (size_t k = 0; k < r->noptions; k++) {
            free(r->options[k].key);
            free(r->options[k].value);
        }
        r->noptions = 0;
        for (uint32_t k = 0; k < nopt; k++) {
            uint32_t kl = rb_u32(in);
            const char *kp = rb_bytes(in, kl);
            uint32_t vl = rb_u32(in);
            const char *vp = rb_bytes(in, vl);
            if (in->bad)
                return false;
            pb_option o = {strndup(kp, kl), strndup(vp, vl)};
            if (!o.key || !o.value || PB_PUSH(r->options, r->noptions, r->options_cap, o))
                return false;
        }
    }
    return true;
}

/* A request: header, then the rule state, the rules to skip (u32 each),
 * the name and the bytes. */
typedef struct req_header {
    uint32_t size; /* of what follows the header */
    uint32_t name_len, bytes_len, nskip;
    uint32_t flags; /* PB_REQ_* */
} req_header;

enum {
    PB_REQ_PLAIN = 1u << 0,     /* the bytes are plain UTF-8 (pb_source_plain()) */
    PB_REQ_SAME_STATE = 1u << 1, /* no rule state: the one of the previous request */
    PB_REQ_TIMING = 1u << 2      /* time the model and each rule (--time-report) */
};

/* A request buffer up to this size is kept for the next file. */
#define PB_WORKER_KEEP (4u << 20)

static void worker_loop(pblint_ctx *ctx, int req, int res_fd)
{
    ctx->isolate = false;
    pb_worker_shm *shm = ctx->worker_shm;
    wbuf w = {0};
    char *in = NULL;
    size_t in_cap = 0;
    for (;;) {
        req_header h;
        if (!read_full(req, &h, sizeof h))
            _exit(0);
        if (h.size > in_cap) {
            free(in);
            in_cap = h.size;
            if (!(in = malloc(in_cap)))
                _exit(3);
        }
        if (!read_full(req, in, h.size))
            _exit(3);
        rbuf r = {in, h.size, 0, false};
        if (!(h.flags & PB_REQ_SAME_STATE) && !take_state(ctx, &r))
            _exit(3);
        const char *skip = rb_bytes(&r, (size_t)h.nskip * 4);
        const char *name = rb_bytes(&r, h.name_len);
        const char *bytes = rb_bytes(&r, h.bytes_len);
        if (r.bad)
            _exit(3);
        char *cname = strndup(name, h.name_len);
        if (!cname)
            _exit(3);
        pblint_result *res = NULL;
        /* the host decoded these bytes already and says whether they were
         * plain UTF-8: then the worker does not check them again */
        int rc = parse_source(ctx, cname, bytes, h.bytes_len, (h.flags & PB_REQ_PLAIN) != 0, &res);
        size_t after_source = res ? res->ndiags : 0;
        uint32_t *sk = h.nskip ? malloc((size_t)h.nskip * 4) : NULL;
        if (h.nskip && !sk)
            _exit(3);
        if (h.nskip)
            memcpy(sk, skip, (size_t)h.nskip * 4);
        if (in_cap > PB_WORKER_KEEP) { /* the source has its own copy: a big file's bytes go now */
            free(in);
            in = NULL;
            in_cap = 0;
        }
        bool timing = (h.flags & PB_REQ_TIMING) != 0;
        uint64_t t0 = timing ? now_ns() : 0;
        __atomic_store_n(&shm->model_ns0, watch_ns(), __ATOMIC_RELEASE);
        if (rc == 0)
            rc = pb_model_build(ctx, res, res->doc);
        __atomic_store_n(&shm->model_ns0, 0, __ATOMIC_RELEASE);
        if (timing)
            shm->model_ns += now_ns() - t0;
        shm->models++;
        w.n = 0;
        if (rc != 0) {
            wb_put(&w, "X", 1);
            wb_u32(&w, (uint32_t)rc);
            if (res)
                snprintf(ctx->error, sizeof ctx->error, "%s: %s while building the model", cname,
                         pblint_strerror(rc));
            wb_str(&w, ctx->error);
            wb_put(&w, "E", 1);
            write_all(res_fd, w.p, w.n);
        } else {
            /* the reader's findings on the model, then the checks' */
            put_diags(&w, res, after_source);
            wb_put(&w, "M", 1);
            child_checks(ctx, res, sk, h.nskip, timing, res_fd, &w);
        }
        free(sk);
        pblint_result_free(res);
        free(cname);
    }
}

static bool start_worker(pblint_ctx *ctx)
{
    size_t shm_size = sizeof(pb_worker_shm) + 2 * ctx->nrules * sizeof(uint64_t);
    void *shm = mmap(NULL, shm_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED)
        return false;
    int req[2], res[2];
    if (pipe(req) != 0) {
        munmap(shm, shm_size);
        return false;
    }
    if (pipe(res) != 0) {
        close(req[0]);
        close(req[1]);
        munmap(shm, shm_size);
        return false;
    }
    /* room for the next file while the worker reads the last (see
     * may_send_behind()); 64 KiB if the system will not give 1 MiB */
    int cap = fcntl(req[1], F_SETPIPE_SZ, 1 << 20);
    if (cap < 0)
        cap = fcntl(req[1], F_GETPIPE_SZ);
    ctx->req_pipe_cap = cap > 0 ? (size_t)cap : 65536;
    ctx->worker_shm = shm;
    ctx->worker_shm_size = shm_size;
    ctx->worker_shm->current = PB_NO_RULE;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(req[0]);
        close(req[1]);
        close(res[0]);
        close(res[1]);
        munmap(shm, shm_size);
        ctx->worker_shm = NULL;
        return false;
    }
    if (pid == 0) {
        close(req[1]);
        close(res[0]);
        signal(SIGPIPE, SIG_DFL);
        worker_loop(ctx, req[0], res[1]);
        _exit(0);
    }
    close(req[0]);
    close(res[1]);
    ctx->worker_pid = pid;
    ctx->worker_req = req[1];
    ctx->worker_res = res[0];
    ctx->worker_state = rule_state(ctx);
    return true;
}

/* ------------------------------------------------------ files in flight */

static int read_input(pblint_ctx *ctx, const char *path, char **bufp, size_t *lenp);

static void pending_free(pb_pending *p)
{
    pblint_result_free(p->res);
    if (!p->borrowed)
        free(p->bytes);
    state_unref(p->state);
    memset(p, 0, sizeof *p);
}

static pb_pending *pending_at(pblint_ctx *ctx, size_t k)
{
    return &ctx->pending[(ctx->pending_head + k) % PBLINT_LINT_QUEUE];
}

/* The worker is gone: whatever it had must be asked again. */
static void worker_lost(pblint_ctx *ctx)
{
    for (size_t k = 0; k < ctx->npending; k++)
        pending_at(ctx, k)->sent = false;
    ctx->answer_n = ctx->answer_off = 0;
    state_unref(ctx->worker_has); /* a new worker is sent the state whole */
    ctx->worker_has = NULL;
}

static void stop_worker(pblint_ctx *ctx)
{
    if (ctx->worker_pid > 0) {
        close(ctx->worker_req);
        close(ctx->worker_res);
        kill(ctx->worker_pid, SIGKILL);
        int status;
        while (waitpid(ctx->worker_pid, &status, 0) < 0 && errno == EINTR)
            ;
        ctx->worker_pid = 0;
    }
    if (ctx->worker_shm) {
        munmap(ctx->worker_shm, ctx->worker_shm_size);
        ctx->worker_shm = NULL;
    }
    worker_lost(ctx);
}

static bool send_request(pblint_ctx *ctx, const pb_pending *p, const uint32_t *skip, size_t nskip)
{
    const char *name = p->res->doc->src.name;
    /* the worker keeps the state of its last request */
    bool same = ctx->worker_has == p->state;
    size_t state_len = same ? 0 : p->state->len;
    req_header h = {0, (uint32_t)strlen(name), (uint32_t)p->len, (uint32_t)nskip,
                    (pb_source_plain(&p->res->doc->src) ? PB_REQ_PLAIN : 0) |
                        (same ? PB_REQ_SAME_STATE : 0) | (ctx->timing ? PB_REQ_TIMING : 0)};
    h.size = (uint32_t)(state_len + nskip * 4 + h.name_len + p->len);
    struct iovec iov[5] = {{&h, sizeof h},
                           {p->state->data, state_len},
                           {(void *)skip, nskip * 4},
                           {(void *)name, h.name_len},
                           {p->bytes, p->len}};
    /* A dead worker's pipe must not kill the host with SIGPIPE.  The
     * signal is blocked in this thread while it writes, rather than
     * ignored, since the disposition is the whole process's and other
     * threads may be writing to their own workers; one raised here is taken
     * before the mask is restored. */
    sigset_t pipe_set, old_mask;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);
    bool broken = false;
    int k = 0;
    bool ok = true;
    while (k < 5 && ok) {
        if (!iov[k].iov_len) {
            k++;
            continue;
        }
        ssize_t w = writev(ctx->worker_req, iov + k, 5 - k);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            broken = w < 0 && errno == EPIPE;
            ok = false;
            break;
        }
        size_t left = (size_t)w;
        while (k < 5 && left >= iov[k].iov_len)
            left -= iov[k++].iov_len;
        if (k < 5) {
            iov[k].iov_base = (char *)iov[k].iov_base + left;
            iov[k].iov_len -= left;
        }
    }
    if (broken && !sigismember(&old_mask, SIGPIPE)) {
        static const struct timespec now = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &now) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    if (ok && !same) {
        state_unref(ctx->worker_has);
        ctx->worker_has = state_ref(p->state);
    }
    return ok;
}

/* Hands p to the worker, starting one if needed: 1 when sent; 0 when the
 * worker died (every file in flight is unsent then); -1 when no worker can
 * be started. */
static int send_pending(pblint_ctx *ctx, pb_pending *p, const uint32_t *skip, size_t nskip)
{
    if (ctx->worker_pid <= 0 && !start_worker(ctx))
        return -1;
    if (send_request(ctx, p, skip, nskip)) {
        p->sent = true;
        return 1;
    }
    stop_worker(ctx);
    return 0;
}

/* Whether p may go to the worker now, behind the files before it: only if
 * they all went, and if p fits in the pipe, since the host writing into a
 * full pipe while the worker writes an answer the host is not reading
 * would wait for ever. */
static bool may_send_behind(pblint_ctx *ctx, const pb_pending *p, size_t index)
{
    for (size_t k = 0; k < index; k++)
        if (!pending_at(ctx, k)->sent)
            return false;
    size_t size = sizeof(req_header) + p->state->len + strlen(p->res->doc->src.name) + p->len;
    return index == 0 || size + 4096 <= ctx->req_pipe_cap;
}

/* Makes the live worker have p, the oldest file in flight (with the rules
 * in skip skipped), and behind it every later one; a worker that died in
 * between is replaced and asked again, twice at most.  False when p could
 * not be sent. */
static bool ensure_sent(pblint_ctx *ctx, pb_pending *p, const uint32_t *skip, size_t nskip)
{
    for (int attempt = 0; attempt < 3; attempt++) {
        int sr = p->sent ? 1 : send_pending(ctx, p, skip, nskip);
        if (sr < 0)
            return false;
        if (sr == 0)
            continue;
        for (size_t k = 1; k < ctx->npending && p->sent; k++) {
            pb_pending *q = pending_at(ctx, k);
            if (!q->sent && (!may_send_behind(ctx, q, k) || send_pending(ctx, q, NULL, 0) <= 0))
                break;
        }
        if (p->sent)
            return true;
    }
    return false;
}

/* Adds what the worker timed since the last look to ctx's sums. */
static void take_times(pblint_ctx *ctx)
{
    pb_worker_shm *shm = ctx->worker_shm;
    if (!shm)
        return;
    uint64_t *calls = shm_rule_calls(shm, ctx->nrules);
    if (ctx->timing) {
        ctx->phase_ns[PBLINT_PHASE_MODEL] += shm->model_ns;
        ctx->phase_calls[PBLINT_PHASE_MODEL] += shm->models;
        for (size_t i = 0; i < ctx->nrules; i++) {
            ctx->rules[i].time_ns += shm->rule_ns[i];
            ctx->rules[i].time_calls += calls[i];
        }
    }
    shm->model_ns = shm->models = 0;
    memset(shm->rule_ns, 0, 2 * ctx->nrules * sizeof(uint64_t));
}

/* Reads the worker's answer on p, the oldest file in flight, into p->res.
 * On a crash or a time-out, reports the rule and asks again with that rule
 * skipped.  Returns 0, or an error (the file could not be read into a
 * model) with ctx's message. */
static int finish_isolated(pblint_ctx *ctx, pb_pending *p)
{
    pblint_result *res = p->res;
    uint32_t *skip = NULL; /* rules that failed on this file */
    size_t nskip = 0, skip_cap = 0;
    char (*whys)[128] = NULL; /* and how, for each */
    size_t nwhys = 0, whys_cap = 0;
    size_t base = res->ndiags; /* the decoder's findings, made here */
    bool ok = false;
    int rc = 0;
    bool retried = false; /* once for a worker that died between files */
    while (nskip <= ctx->nrules) {
        if (!ensure_sent(ctx, p, skip, nskip))
            break;
        res->ndiags = base; /* what a failed worker sent is dropped */
        answer ans = {0};
        bool timed_out = false, garbled = false, reader_timed_out = false;
        for (;;) {
            /* first what is already read (the end of the previous answer
             * may have brought the start of this one) */
            if (ctx->answer_off < ctx->answer_n) {
                if (!parse_records(res, ctx->answer, ctx->answer_n, &ctx->answer_off, &ans)) {
                    garbled = true;
                    break;
                }
                if (ctx->answer_off == ctx->answer_n)
                    ctx->answer_n = ctx->answer_off = 0;
                if (ans.done)
                    break;
            }
            int wait = -1;
            if (ctx->check_timeout_ms) {
                uint64_t st = __atomic_load_n(&ctx->worker_shm->started_ns, __ATOMIC_ACQUIRE);
                /* each limit and a tick more: see watch_ns() */
                uint64_t tick = watch_tick(), rule = (uint64_t)ctx->check_timeout_ms * 1000000u;
                uint64_t limit = rule + tick;
                uint64_t now = watch_ns();
                uint64_t m0 = __atomic_load_n(&ctx->worker_shm->model_ns0, __ATOMIC_ACQUIRE);
                if (!st && m0 && now - m0 >= PB_READER_LIMIT * rule + tick) {
                    /* the reader itself does not stop: a bug, not a plugin */
                    reader_timed_out = timed_out = true;
                    break;
                }
                if (!st) /* between checks: look again in a while */
                    wait = (int)ctx->check_timeout_ms;
                else if (now - st >= limit) {
                    timed_out = true;
                    break;
                } else
                    wait = (int)((limit - (now - st)) / 1000000u) + 1;
            }
            struct pollfd pfd = {ctx->worker_res, POLLIN, 0};
            int pr = poll(&pfd, 1, wait);
            if (pr == 0)
                continue; /* the time limit is checked above */
            if (pr < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            if (ctx->answer_off > 0 && ctx->answer_off == ctx->answer_n)
                ctx->answer_n = ctx->answer_off = 0;
            if (ctx->answer_n + 16384 > ctx->answer_cap) {
                size_t nc = ctx->answer_cap ? ctx->answer_cap * 2 : 65536;
                char *nb = realloc(ctx->answer, nc);
                if (!nb)
                    break;
                ctx->answer = nb;
                ctx->answer_cap = nc;
            }
            ssize_t k = read(ctx->worker_res, ctx->answer + ctx->answer_n,
                             ctx->answer_cap - ctx->answer_n);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            ctx->answer_n += (size_t)k;
        }
        if (ans.failed) { /* the worker is fine; the file is not */
            take_times(ctx);
            pb_ctx_seterr(ctx, "%s", ans.why);
            rc = ans.rc ? ans.rc : PBLINT_EIO;
            break;
        }
        if (ans.done) {
            take_times(ctx);
            ok = true;
            break;
        }
        /* the worker died, hung or talked nonsense */
        pid_t pid = ctx->worker_pid;
        close(ctx->worker_req);
        close(ctx->worker_res);
        kill(pid, SIGKILL);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        ctx->worker_pid = 0;
        uint32_t current = ctx->worker_shm->current;
        take_times(ctx);
        stop_worker(ctx); /* its shared page; the files it had are asked again */
        res->ndiags = base;
        char why[sizeof *whys];
        if (timed_out)
            snprintf(why, sizeof why, "ran for more than %u ms and was stopped",
                     ctx->check_timeout_ms);
        else if (garbled)
            snprintf(why, sizeof why, "sent malformed results");
        else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
            snprintf(why, sizeof why, "crashed (%s)", strsignal(WTERMSIG(status)));
        else if (WIFEXITED(status))
            snprintf(why, sizeof why, "exited with status %d", WEXITSTATUS(status));
        else
            snprintf(why, sizeof why, "stopped unexpectedly");
        if (reader_timed_out) {
            pb_ctx_seterr(ctx,
                          "%s: pblint's reader ran for more than %u ms on this file and was "
                          "stopped (a bug in pblint; please report it with the file)",
                          res->doc->src.name, PB_READER_LIMIT * ctx->check_timeout_ms);
            rc = PBLINT_EIO;
            break;
        }
        if ((current == PB_NO_RULE || current >= ctx->nrules) && !ans.model && !timed_out &&
            !garbled && !retried) {
            /* killed from outside between two files, or the reader died on
             * this one: a new worker tells which */
            retried = true;
            continue;
        }
        if (current == PB_NO_RULE || current >= ctx->nrules) {
            /* not in a plugin: pblint's own reader failed on this file */
            pb_ctx_seterr(ctx,
                          "%s: pblint's reader %s while reading this file (a bug in pblint; "
                          "please report it with the file)",
                          res->doc->src.name, why);
            rc = PBLINT_EIO;
            break;
        }
        if (nwhys == whys_cap) {
            size_t nc = whys_cap ? whys_cap * 2 : 4;
            void *nw = realloc(whys, nc * sizeof *whys);
            if (nw) {
                whys = nw;
                whys_cap = nc;
            }
        }
        if (nwhys == whys_cap || PB_PUSH(skip, nskip, skip_cap, current)) {
            rc = PBLINT_ENOMEM;
            pb_ctx_seterr(ctx, "%s: out of memory", res->doc->src.name);
            break;
        }
        memcpy(whys[nwhys++], why, sizeof why);
    }
    if (rc == 0 && !ok) {
        /* could not isolate (no fork): do what is left in this process */
        res->ndiags = base;
        pb_model_build(ctx, res, res->doc);
        run_checks(ctx, res, skip, nskip);
    }
    /* the failures, in the order they happened, with the severity in force
     * when the file started */
    for (size_t k = 0; rc == 0 && p->failed_sev != PBLINT_SEV_OFF && k < nskip; k++) {
        pb_rule *r = &ctx->rules[skip[k]];
        diag_from_parts(res, "core/plugin-failed", p->failed_sev, (pblint_span){0, 0},
                        "rule %s of plugin '%s' (%s) %s on this file; its findings here are "
                        "missing, the other rules' are kept",
                        r->id, r->plugin, ctx->plugins[r->plugin_index].path, whys[k]);
    }
    free(skip);
    free(whys);
    return rc;
}

/* Starts on a file whose bytes are read: decodes it here and, isolated,
 * hands it to the worker; otherwise lints it at once.  Takes bytes (frees
 * them unless borrowed) whatever it returns. */
static int lint_start(pblint_ctx *ctx, const char *name, char *bytes, size_t len, bool borrowed)
{
    if (ctx->npending >= PBLINT_LINT_QUEUE) {
        if (!borrowed)
            free(bytes);
        pb_ctx_seterr(ctx, "%s: %d files are started already", name ? name : "(input)",
                      PBLINT_LINT_QUEUE);
        return PBLINT_EINVAL;
    }
    pb_pending *p = pending_at(ctx, ctx->npending);
    memset(p, 0, sizeof *p);
    p->bytes = bytes;
    p->len = len;
    p->borrowed = borrowed;
    if (!ctx->isolate) {
        /* in this process: all of it now */
        int rc = pblint_parse(ctx, name, bytes, len, &p->res);
        if (!borrowed) /* the source has its own copy */
            free(bytes);
        p->bytes = NULL;
        p->borrowed = false;
        if (rc == 0) {
            uint64_t t0 = ctx->timing ? now_ns() : 0;
            run_checks(ctx, p->res, NULL, 0);
            if (ctx->timing)
                add_phase(ctx, PBLINT_PHASE_CHECKS, t0);
        }
        if (rc != 0) {
            pending_free(p);
            return rc;
        }
        ctx->npending++;
        return 0;
    }
    int rc = parse_source(ctx, name, bytes, len, false, &p->res);
    if (rc != 0) {
        pending_free(p);
        return rc;
    }
    if (!(p->state = state_ref(current_state(ctx)))) {
        pending_free(p);
        pb_ctx_seterr(ctx, "%s: out of memory", name ? name : "(input)");
        return PBLINT_ENOMEM;
    }
    p->failed_sev = pb_rule_severity(&ctx->rules[ctx->plugin_failed], PBLINT_SEV_DEFAULT);
    size_t index = ctx->npending++;
    if (index == 0 && ctx->worker_pid > 0 && ctx->worker_state != rule_state(ctx))
        stop_worker(ctx); /* rules were added or removed since it started */
    /* now, behind the files before it; else when they are finished */
    if (may_send_behind(ctx, p, index))
        send_pending(ctx, p, NULL, 0);
    return 0;
}

static int lint_finish(pblint_ctx *ctx, pblint_result **out)
{
    *out = NULL;
    if (ctx->npending == 0) {
        pb_ctx_seterr(ctx, "no file was started");
        return PBLINT_EINVAL;
    }
    pb_pending *p = pending_at(ctx, 0);
    int rc = 0;
    if (p->state) {
        uint64_t t0 = ctx->timing ? now_ns() : 0;
        uint64_t model_before = ctx->phase_ns[PBLINT_PHASE_MODEL];
        rc = finish_isolated(ctx, p);
        if (ctx->timing) {
            /* the worker built its model in this time: the checks get the rest */
            uint64_t model = ctx->phase_ns[PBLINT_PHASE_MODEL] - model_before;
            uint64_t wall = now_ns() - t0;
            ctx->phase_ns[PBLINT_PHASE_CHECKS] += wall > model ? wall - model : 0;
            ctx->phase_calls[PBLINT_PHASE_CHECKS]++;
        }
    }
    if (rc == 0) {
        pb_result_sort(p->res);
        *out = p->res;
        p->res = NULL;
    }
    pending_free(p);
    ctx->pending_head = (ctx->pending_head + 1) % PBLINT_LINT_QUEUE;
    ctx->npending--;
    return rc;
}

int pblint_lint(pblint_ctx *ctx, const char *name, const void *bytes, size_t len,
                pblint_result **out)
{
    if (!ctx || !out || (!bytes && len))
        return PBLINT_EINVAL;
    *out = NULL;
    if (ctx->npending) {
        pb_ctx_seterr(ctx, "%s: pblint_lint() while files started with pblint_lint_start() "
                      "are not finished",
                      name ? name : "(input)");
        return PBLINT_EINVAL;
    }
    int rc = lint_start(ctx, name, (char *)(uintptr_t)(bytes ? bytes : ""), len, true);
    return rc ? rc : lint_finish(ctx, out);
}

/* Reads a whole file for linting, refusing what is not a regular file or
 * is larger than pblint reads, with a sentence naming the file. */
static int read_input(pblint_ctx *ctx, const char *path, char **bufp, size_t *lenp)
{
    *bufp = NULL;
    *lenp = 0;
    struct stat st;
    /* never open a FIFO, socket or device: reading one could block forever,
     * and opening some has effects of its own */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        const char *what = S_ISFIFO(st.st_mode)   ? "a FIFO"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                           : S_ISCHR(st.st_mode)  ? "a character device"
                           : S_ISBLK(st.st_mode)  ? "a block device"
                                                  : "not a regular file";
        pb_ctx_seterr(ctx, "%s: not a regular file (%s); pblint reads only files", path, what);
        return PBLINT_EIO;
    }
    /* O_NONBLOCK: should the name now be a FIFO, opening it does not wait */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        pb_ctx_seterr(ctx, "%s: cannot open: %s", path, strerror(errno));
        return PBLINT_EIO;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bool dir = S_ISDIR(st.st_mode);
        close(fd);
        if (dir)
            pb_ctx_seterr(ctx, "%s: is a directory", path);
        else
            pb_ctx_seterr(ctx, "%s: not a regular file; pblint reads only files", path);
        return PBLINT_EIO;
    }
    if ((uint64_t)st.st_size > PB_MAX_INPUT) {
        close(fd);
        pb_ctx_seterr(ctx, "%s: larger than %u MiB, which pblint does not read", path,
                      PB_MAX_INPUT >> 20);
        return PBLINT_ETOOBIG;
    }
    /* the size may have changed since: read to the end, within the limit */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    char *buf = malloc(cap);
    size_t len = 0;
    int rc = buf ? 0 : PBLINT_ENOMEM, err = 0;
    while (rc == 0) {
        if (len == cap) {
            if (cap > PB_MAX_INPUT) {
                rc = PBLINT_ETOOBIG;
                break;
            }
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = PBLINT_ENOMEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            err = errno;
            rc = PBLINT_EIO;
            break;
        }
        if (got == 0)
            break;
        len += (size_t)got;
        if (len > PB_MAX_INPUT) {
            rc = PBLINT_ETOOBIG;
            break;
        }
    }
    close(fd);
    if (rc == PBLINT_EIO)
        pb_ctx_seterr(ctx, "%s: read error: %s", path, strerror(err));
    else if (rc == PBLINT_ETOOBIG)
        pb_ctx_seterr(ctx, "%s: larger than %u MiB, which pblint does not read", path,
                      PB_MAX_INPUT >> 20);
    else if (rc == PBLINT_ENOMEM)
        pb_ctx_seterr(ctx, "%s: out of memory while reading", path);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    *bufp = buf;
    *lenp = len;
    return 0;
}

/* read_input(), timed */
static int read_timed(pblint_ctx *ctx, const char *path, char **bufp, size_t *lenp)
{
    uint64_t t0 = ctx->timing ? now_ns() : 0;
    int rc = read_input(ctx, path, bufp, lenp);
    if (ctx->timing)
        add_phase(ctx, PBLINT_PHASE_READ, t0);
    return rc;
}

static int from_file(pblint_ctx *ctx, const char *path, pblint_result **out, bool lint)
{
    if (!ctx || !path || !out)
        return PBLINT_EINVAL;
    *out = NULL;
    char *buf = NULL;
    size_t len = 0;
    int rc = read_timed(ctx, path, &buf, &len);
    if (rc == 0)
        rc = lint ? pblint_lint(ctx, path, buf, len, out) : pblint_parse(ctx, path, buf, len, out);
    free(buf);
    return rc;
}

int pblint_lint_file(pblint_ctx *ctx, const char *path, pblint_result **out)
{
    return from_file(ctx, path, out, true);
}

int pblint_parse_file(pblint_ctx *ctx, const char *path, pblint_result **out)
{
    return from_file(ctx, path, out, false);
}

int pblint_lint_start(pblint_ctx *ctx, const char *path)
{
    if (!ctx || !path)
        return PBLINT_EINVAL;
    char *buf = NULL;
    size_t len = 0;
    int rc = read_timed(ctx, path, &buf, &len);
    return rc ? rc : lint_start(ctx, path, buf, len, false);
}

int pblint_lint_finish(pblint_ctx *ctx, pblint_result **out)
{
    if (!ctx || !out)
        return PBLINT_EINVAL;
    return lint_finish(ctx, out);
}

size_t pblint_lint_pending(const pblint_ctx *ctx) { return ctx ? ctx->npending : 0; }

/*
 * The CLI's side of configuration files and baselines (see cfg.h).
 *
 * Every file's configuration is found and read on the main thread before
 * any worker starts (each configuration once: the set caches them by
 * path), so the workers only read what is here.  Each worker's context
 * gets the same plugins and policy rules in the same order (the SARIF
 * rule indices and --statistics count on one rule table), and each file
 * is linted after its own configuration is applied to the worker's context.
 */
#include "cfg.h"

#include <stdlib.h>
#include <string.h>

void cfg_cli_set(cfg_cli *o, int which, const char *arg)
{
    switch (which) {
    case CFG_OPT_CONFIG:
        o->config = arg;
        break;
    case CFG_OPT_PRINT_CONFIG:
        o->print_config = true;
        break;
    case CFG_OPT_BASELINE:
        o->baseline = arg;
        break;
    case CFG_OPT_WRITE_BASELINE:
        o->write_baseline = arg;
        break;
    case CFG_OPT_ALLOW_PLUGINS:
        o->allow_plugins = true;
        break;
    }
}

struct cfg_run {
    cfg_cli o;
    char *select;
    pblint_config_set *set;
    const pblint_config **per_file;
    bool *bad;
    size_t nfiles;
    bool active; /* some file has a configuration */
    pblint_baseline *baseline;
    pblint_baseline **rec; /* --write-baseline: per file */
    size_t *left_out;      /* --baseline: per file */
};

static bool select_hits(const char *p, const pblint_rule_info *ri)
{
    size_t pl = strlen(p);
    return strcmp(p, "*") == 0 || strcmp(p, ri->id) == 0 ||
           (pl >= 2 && strcmp(p + pl - 2, "/*") == 0 && strlen(ri->plugin) == pl - 2 &&
            strncmp(ri->plugin, p, pl - 2) == 0);
}

/* --select after a configuration: the rules outside it are turned off (the
 * configuration's severities stand inside it). */
static void narrow(pblint_ctx *ctx, const char *select)
{
    if (!select)
        return;
    size_t n = pblint_ctx_rule_count(ctx);
    for (size_t i = 0; i < n; i++) {
        pblint_rule_info ri;
        /* the core rules report on pblint itself and stay on, as in make_ctx() */
        if (pblint_ctx_rule(ctx, i, &ri) != 0 || ri.severity == PBLINT_SEV_OFF ||
            strcmp(ri.plugin, "core") == 0)
            continue;
        bool hit = false;
        char *copy = strdup(select);
        char *save = NULL;
        for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p && !hit;
             p = strtok_r(NULL, ",", &save))
            hit = select_hits(p, &ri);
        free(copy);
        if (!hit)
            pblint_ctx_set_severity(ctx, ri.id, PBLINT_SEV_OFF);
    }
}

/* Every item of --select must name some rule, now that the configurations'
 * plugins and policies are known (make_ctx() leaves this to here). */
static bool select_known(pblint_ctx *ctx, const char *select)
{
    bool ok = true;
    char *copy = strdup(select);
    char *save = NULL;
    size_t n = pblint_ctx_rule_count(ctx);
    for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p; p = strtok_r(NULL, ",", &save)) {
        bool hit = false;
        for (size_t i = 0; i < n && !hit; i++) {
            pblint_rule_info ri;
            hit = pblint_ctx_rule(ctx, i, &ri) == 0 && select_hits(p, &ri);
        }
        if (!hit) {
            fprintf(stderr, "pblint: error: --select: no rule matches '%s' (see pblint "
                            "--list-rules)\n",
                    p);
            ok = false;
        }
    }
    free(copy);
    return ok;
}

static void print_messages(const pblint_config *cfg)
{
    for (size_t k = 0; k < pblint_config_message_count(cfg); k++)
        fprintf(stderr, "%s\n", pblint_config_message(cfg, k, NULL));
}

cfg_run *cfg_run_setup(const cfg_cli *o, const char *select, pblint_ctx *ctx, char *const *files,
                       size_t nfiles, int *status)
{
    *status = 0;
    cfg_run *cr = calloc(1, sizeof *cr);
    if (!cr) {
        *status = 2;
        return NULL;
    }
    cr->o = *o;
    cr->select = select ? strdup(select) : NULL;
    cr->nfiles = nfiles;
    cr->per_file = calloc(nfiles ? nfiles : 1, sizeof *cr->per_file);
    cr->bad = calloc(nfiles ? nfiles : 1, sizeof *cr->bad);
    cr->left_out = calloc(nfiles ? nfiles : 1, sizeof *cr->left_out);
    if (o->write_baseline)
        cr->rec = calloc(nfiles ? nfiles : 1, sizeof *cr->rec);
    if (!cr->per_file || !cr->bad || !cr->left_out || (o->write_baseline && !cr->rec)) {
        fprintf(stderr, "pblint: error: out of memory\n");
        cfg_run_free(cr);
        *status = 2;
        return NULL;
    }
    pblint_config_options co = PBLINT_CONFIG_OPTIONS_INIT;
    co.config = o->config;
    co.allow_plugins = o->allow_plugins;
    int rc = pblint_config_set_new(ctx, &co, &cr->set);
    if (rc != 0) {
        if (rc == PBLINT_ECONFIG)
            fprintf(stderr, "%s\n", pblint_ctx_error(ctx));
        else
            fprintf(stderr, "pblint: error: %s\n", pblint_strerror(rc));
        cfg_run_free(cr);
        *status = 2;
        return NULL;
    }
    for (size_t i = 0; i < nfiles; i++) {
        const pblint_config *cfg = NULL;
        rc = pblint_config_set_lookup(cr->set, files[i], &cfg);
        cr->per_file[i] = cfg;
        cr->bad[i] = rc != 0;
        if (cfg)
            cr->active = true;
    }
    for (size_t k = 0; k < pblint_config_set_count(cr->set); k++)
        print_messages(pblint_config_set_at(cr->set, k));
    if (select && !select_known(ctx, select)) {
        cfg_run_free(cr);
        *status = 2;
        return NULL;
    }
    if (o->baseline) {
        char err[1024];
        if (pblint_baseline_load(o->baseline, &cr->baseline, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            cfg_run_free(cr);
            *status = 2;
            return NULL;
        }
    }
    return cr;
}

int cfg_run_print(cfg_run *cr, pblint_ctx *ctx, char *const *files, size_t nfiles)
{
    int status = 0;
    for (size_t i = 0; i < nfiles && i < cr->nfiles; i++) {
        if (i)
            putchar('\n');
        const pblint_config *cfg = cr->per_file[i];
        if (cr->bad[i]) {
            printf("file: %s\nconfiguration: %s (it has errors: nothing is linted with it)\n",
                   files[i], pblint_config_path(cfg));
            status = 2;
            continue;
        }
        pblint_config_apply(ctx, cfg, files[i]);
        narrow(ctx, cr->select);
        if (pblint_config_print(ctx, cfg, files[i], stdout) != 0)
            status = 2;
    }
    fflush(stdout);
    return status;
}

void cfg_run_prepare(cfg_run *cr, pblint_ctx *ctx)
{
    if (cr && ctx)
        pblint_config_set_prepare(cr->set, ctx);
}

bool cfg_run_before(cfg_run *cr, pblint_ctx *ctx, size_t i, const char *path, char **failure)
{
    if (!cr || i >= cr->nfiles)
        return true;
    if (cr->bad[i]) {
        char why[1024];
        snprintf(why, sizeof why, "%s: not linted: its configuration %s has errors", path,
                 pblint_config_path(cr->per_file[i]));
        *failure = strdup(why);
        return false;
    }
    if (!cr->active)
        return true; /* no configuration anywhere: the context stays as made */
    pblint_config_apply(ctx, cr->per_file[i], path);
    narrow(ctx, cr->select);
    return true;
}

void cfg_run_after(cfg_run *cr, size_t i, pblint_result *res)
{
    if (!cr || i >= cr->nfiles || !res)
        return;
    if (cr->rec && pblint_baseline_new(cr->o.write_baseline, &cr->rec[i]) == 0)
        pblint_baseline_record(cr->rec[i], res);
    if (cr->baseline)
        cr->left_out[i] = pblint_baseline_filter(cr->baseline, res);
}

int cfg_run_finish(cfg_run *cr)
{
    if (!cr)
        return 0;
    int errors = 0;
    fflush(stdout); /* after the findings already written */
    if (cr->baseline) {
        size_t n = 0;
        for (size_t i = 0; i < cr->nfiles; i++)
            n += cr->left_out[i];
        fprintf(stderr, "pblint: %zu finding%s left out as recorded in the baseline %s\n", n,
                n == 1 ? "" : "s", cr->o.baseline);
    }
    if (cr->rec) {
        pblint_baseline *all = NULL;
        char err[1024];
        if (pblint_baseline_new(cr->o.write_baseline, &all) != 0) {
            fprintf(stderr, "pblint: error: out of memory\n");
            return 1;
        }
        for (size_t i = 0; i < cr->nfiles; i++)
            if (cr->rec[i])
                pblint_baseline_merge(all, cr->rec[i]);
        if (pblint_baseline_save(all, err, sizeof err) != 0) {
            fprintf(stderr, "pblint: error: %s\n", err);
            errors++;
        } else {
            size_t n = pblint_baseline_count(all);
            fprintf(stderr, "pblint: wrote the baseline %s (%zu finding%s)\n",
                    cr->o.write_baseline, n, n == 1 ? "" : "s");
        }
        pblint_baseline_free(all);
    }
    return errors;
}

void cfg_run_free(cfg_run *cr)
{
    if (!cr)
        return;
    for (size_t i = 0; cr->rec && i < cr->nfiles; i++)
        pblint_baseline_free(cr->rec[i]);
    free(cr->rec);
    pblint_baseline_free(cr->baseline);
    pblint_config_set_free(cr->set);
    free(cr->per_file);
    free(cr->bad);
    free(cr->left_out);
    free(cr->select);
    free(cr);
}

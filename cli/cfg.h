/*
 * The CLI's side of configuration files, local policies and baselines
 * (--config, --print-config, --baseline, --write-baseline,
 * --allow-config-plugins): cfg.c, called from a few places in pblint.c.
 */
#ifndef PBLINT_CLI_CFG_H
#define PBLINT_CLI_CFG_H

#include <pblint/pblint.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cfg_cli {
    const char *config;         /* --config=FILE: for every file, instead of the search */
    bool print_config;          /* --print-config: print each file's settings and stop */
    const char *baseline;       /* --baseline=FILE: leave out the findings it holds */
    const char *write_baseline; /* --write-baseline=FILE: record this run's findings */
    bool allow_plugins;         /* --allow-config-plugins */
} cfg_cli;

typedef struct cfg_run cfg_run;

/* parse_args' option values (OPT_CFG_BASE + CFG_OPT_*), and how it stores them. */
#define OPT_CFG_BASE 1024
enum { CFG_OPT_CONFIG, CFG_OPT_PRINT_CONFIG, CFG_OPT_BASELINE, CFG_OPT_WRITE_BASELINE,
       CFG_OPT_ALLOW_PLUGINS };
void cfg_cli_set(cfg_cli *o, int which, const char *arg);

/*
 * After the main context is set up and the files are known (in their final
 * order): reads the user's configuration, finds and reads each file's
 * .pblint.yaml (messages go to stderr), loads the baseline.  Returns NULL
 * with *status 2 when the run cannot go on.  select is --select's list.
 */
cfg_run *cfg_run_setup(const cfg_cli *o, const char *select, pblint_ctx *ctx, char *const *files,
                       size_t nfiles, int *status);
/* --print-config: prints each file's settings; returns the exit status. */
int cfg_run_print(cfg_run *cr, pblint_ctx *ctx, char *const *files, size_t nfiles);
/* Makes a worker's context like the main one. */
void cfg_run_prepare(cfg_run *cr, pblint_ctx *ctx);
/* Before linting file i with ctx: applies its configuration.  False when the
 * file must not be linted: *failure says why (NULL when out of memory). */
bool cfg_run_before(cfg_run *cr, pblint_ctx *ctx, size_t i, const char *path, char **failure);
/* After linting (and fixing) file i: records it for --write-baseline, then
 * leaves out what --baseline holds. */
void cfg_run_after(cfg_run *cr, size_t i, pblint_result *res);
/* At the end: writes the baseline; returns the number of errors. */
int cfg_run_finish(cfg_run *cr);
void cfg_run_free(cfg_run *cr);

#endif

/*
 * pblint — the command-line linter.
 *
 *   pblint [options] FILE|DIR...
 *
 * Exit status: 0 when no finding reaches --fail-on (default: error), 1 when
 * one does, 2 on a usage, I/O, input or plugin-load error.  With --fix, the
 * findings that count are those left after fixing.
 */
#include <pblint/pblint.h>
#include <pblint/plugin.h>

#include "pblint-config.h"
#include "cfg.h"
#include "common.h"
#include "lsp.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct options {
    int column_unit;
    int color; /* -1 auto, 0 never, 1 always */
    int fail_on;
    bool plain;
    bool quiet;
    bool no_default_plugins;
    bool list_rules;
    const char *explain;
    bool dump_model;
    const char *select;
    long jobs;
    bool statistics;
    bool time_report;
    int format;   /* pblint_format */
    bool fix;     /* apply the safe fix-its in place */
    bool dry_run; /* with fix: print them as a unified diff instead */
    cfg_cli cfg; /* --config, --print-config, --baseline ... (cfg.c) */
    char **plugins;
    size_t nplugins;
} options;

typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

static int sv_push(strvec *s, const char *str)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        char **nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = nc;
    }
    s->v[s->n] = strdup(str);
    return s->v[s->n++] ? 0 : -1;
}

static void sv_free(strvec *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

static void usage(FILE *out)
{
    fputs("usage: pblint [options] FILE|DIR...\n"
          "Lints Chinese public-finance performance filings (绩效目标申报表, 绩效自评报告)\n"
          "given as text; directories are searched for *.txt files.\n"
          "\n"
          "options:\n"
          "  --fail-on=LEVEL        exit 1 when a finding reaches LEVEL: error (default),\n"
          "                         warning, note, or never\n"
          "  --color=WHEN           colour the output: auto (default; only on a terminal),\n"
          "                         always, never\n"
          "  --column-unit=UNIT     what a column counts: display (default, as GCC: a CJK\n"
          "                         character is 2, a tab goes to the next multiple of 8),\n"
          "                         byte (Vim's %c), codepoint\n"
          "  --plain                no source excerpt, no fix-it lines, no colour\n"
          "  --format=FORMAT        text (default), json (pblint's schema, version 1),\n"
          "                         sarif (SARIF 2.1.0) or github (Actions annotations);\n"
          "                         json, sarif and github count columns in code points\n"
          "  --fix                  apply the safe fix-its to the files, in place, then\n"
          "                         report what remains\n"
          "  --dry-run              with --fix: print the fixes as a unified diff (for\n"
          "                         patch -p0) and change no file\n"
          "  --quiet                print errors only\n"
          "  --select=RULES         run only these rules: comma-separated ids or\n"
          "                         plugin/* patterns (the others are turned off)\n"
          "  --plugin=FILE          load a plugin (may be repeated)\n"
          "  --no-default-plugins   load only the plugins named with --plugin or\n"
          "                         PBLINT_PLUGIN_PATH\n"
          "  -j, --jobs=N           lint N files at a time (default: the number of CPUs);\n"
          "                         the output is the same as with -j 1\n"
          "  --statistics           print the number of findings per rule and severity after the run\n"
          "  --time-report          print the time spent reading, decoding, building the\n"
          "                         model, in each plugin and in output (on stderr)\n"
          "  --list-rules           list every rule with its plugin and default severity\n"
          "  --explain=RULE         print the documentation of a rule\n"
          "  --dump-model           print the document model of each file as JSON\n"
          "  --config=FILE          use this configuration for every file instead of the\n"
          "                         nearest .pblint.yaml above each file\n"
          "  --print-config         print the settings in force for each FILE and where\n"
          "                         each came from, and lint nothing\n"
          "  --baseline=FILE        leave out the findings recorded in FILE\n"
          "  --write-baseline=FILE  record this run's findings in FILE\n"
          "  --allow-config-plugins load the plugins that configuration files name\n"
          "                         (otherwise only those trusted in the user's config)\n"
          "  --version              print the version\n"
          "  --help                 print this help\n"
          "\n"
          "environment:\n"
          "  PBLINT_PLUGIN_PATH     colon-separated plugin directories or files, loaded\n"
          "                         after the built-in plugin directory\n"
          "  PBLINT_RULES_DOC       directory of rule pages for --explain and SARIF\n"
          "  PBLINT_CHECK_TIMEOUT_MS  time limit per rule and file (default 60000); a rule\n"
          "                         that exceeds it, or crashes, is reported as\n"
          "                         core/plugin-failed and the other rules go on;\n"
          "                         reading one file may take ten times as long\n"
          "  PBLINT_ISOLATION=off   run plugin checks in the pblint process itself (for\n"
          "                         debugging a plugin; a crash then ends the run)\n"
          "\n"
          "pblint lsp               run the editor server (Language Server Protocol on stdio)\n",
          out);
}

static bool quiet_plugin_errors; /* set while secondary worker contexts load */

static void report_plugin_error(void *ud, const char *msg)
{
    (void)ud;
    if (!quiet_plugin_errors)
        fprintf(stderr, "pblint: error: %s\n", msg);
}

static int load_plugins(pblint_ctx *ctx, const options *o)
{
    return cli_load_plugins(ctx, o->no_default_plugins, o->plugins, o->nplugins,
                            report_plugin_error, NULL);
}

/* ------------------------------------------------------------ explain */

static size_t rules_doc_dirs(const char *dirs[4]) { return cli_rules_doc_dirs(dirs); }

static int explain(const char *rule)
{
    const char *dirs[4];
    size_t nd = rules_doc_dirs(dirs);
    if (!strchr(rule, '/') || strstr(rule, "..")) {
        fprintf(stderr, "pblint: error: '%s' is not a rule id (plugin/rule, e.g. amounts/fund-sum)\n",
                rule);
        return 2;
    }
    for (size_t i = 0; i < nd; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.md", dirs[i], rule);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            fwrite(buf, 1, n, stdout);
        fclose(f);
        return 0;
    }
    fprintf(stderr, "pblint: error: no documentation for rule '%s' (looked in", rule);
    for (size_t i = 0; i < nd; i++)
        fprintf(stderr, "%s %s", i ? "," : "", dirs[i]);
    fprintf(stderr, "); see pblint --list-rules\n");
    return 2;
}

/* ------------------------------------------------------------- inputs */

typedef struct visited {
    dev_t dev;
    ino_t ino;
} visited;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_txt(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".txt") == 0;
}

/* Walks a directory for *.txt files in sorted order, following symbolic
 * links but never entering the same directory twice (loops). */
static int walk(const char *dir, strvec *files, visited **seen, size_t *nseen, int depth)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return -1;
    for (size_t i = 0; i < *nseen; i++)
        if ((*seen)[i].dev == st.st_dev && (*seen)[i].ino == st.st_ino)
            return 0;
    visited *nv = realloc(*seen, (*nseen + 1) * sizeof **seen);
    if (!nv)
        return -1;
    *seen = nv;
    (*seen)[(*nseen)++] = (visited){st.st_dev, st.st_ino};
    if (depth > 64) {
        fprintf(stderr, "pblint: error: %s: more than 64 folders deep, not searched\n", dir);
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "pblint: error: %s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    strvec names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            sv_push(&names, e->d_name);
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < names.n; i++) {
        size_t len = strlen(dir) + strlen(names.v[i]) + 2;
        char *p = malloc(len);
        if (!p)
            continue;
        snprintf(p, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
        struct stat cs;
        if (stat(p, &cs) == 0 && S_ISDIR(cs.st_mode)) {
            if (walk(p, files, seen, nseen, depth + 1) < 0)
                rc = -1;
        } else if (ends_with_txt(names.v[i])) {
            sv_push(files, p);
        }
        free(p);
    }
    sv_free(&names);
    return rc;
}

/* A write to standard output failed: counted, and its errno kept for the
 * one message said after the run (a full disk fails every write). */
static void out_failed(int *out_errno, int *io_errors)
{
    if (!*out_errno)
        *out_errno = errno ? errno : EIO;
    (*io_errors)++;
}

/* ---------------------------------------------------------------- main */

enum {
    OPT_COLOR = 256,
    OPT_COLUMN_UNIT,
    OPT_FAIL_ON,
    OPT_PLAIN,
    OPT_PLUGIN,
    OPT_NO_DEFAULT_PLUGINS,
    OPT_LIST_RULES,
    OPT_EXPLAIN,
    OPT_DUMP_MODEL,
    OPT_VERSION,
    OPT_QUIET,
    OPT_SELECT,
    OPT_STATISTICS,
    OPT_TIME_REPORT,
    OPT_FORMAT,
    OPT_FIX,
    OPT_DRY_RUN,
};

static int parse_args(int argc, char **argv, options *o, strvec *plugins)
{
    static const struct option longopts[] = {
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"column-unit", required_argument, NULL, OPT_COLUMN_UNIT},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"plain", no_argument, NULL, OPT_PLAIN},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"plugin", required_argument, NULL, OPT_PLUGIN},
        {"select", required_argument, NULL, OPT_SELECT},
        {"jobs", required_argument, NULL, 'j'},
        {"statistics", no_argument, NULL, OPT_STATISTICS},
        {"time-report", no_argument, NULL, OPT_TIME_REPORT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"fix", no_argument, NULL, OPT_FIX},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"no-default-plugins", no_argument, NULL, OPT_NO_DEFAULT_PLUGINS},
        {"list-rules", no_argument, NULL, OPT_LIST_RULES},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"dump-model", no_argument, NULL, OPT_DUMP_MODEL},
        {"version", no_argument, NULL, OPT_VERSION},
        {"config", required_argument, NULL, OPT_CFG_BASE + CFG_OPT_CONFIG},
        {"print-config", no_argument, NULL, OPT_CFG_BASE + CFG_OPT_PRINT_CONFIG},
        {"baseline", required_argument, NULL, OPT_CFG_BASE + CFG_OPT_BASELINE},
        {"write-baseline", required_argument, NULL, OPT_CFG_BASE + CFG_OPT_WRITE_BASELINE},
        {"allow-config-plugins", no_argument, NULL, OPT_CFG_BASE + CFG_OPT_ALLOW_PLUGINS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hqj:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                o->color = -1;
            else if (strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else {
                fprintf(stderr, "pblint: error: --color takes auto, always or never, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_COLUMN_UNIT:
            if (strcmp(optarg, "display") == 0)
                o->column_unit = PBLINT_COLUMN_DISPLAY;
            else if (strcmp(optarg, "byte") == 0)
                o->column_unit = PBLINT_COLUMN_BYTE;
            else if (strcmp(optarg, "codepoint") == 0)
                o->column_unit = PBLINT_COLUMN_CODEPOINT;
            else {
                fprintf(stderr,
                        "pblint: error: --column-unit takes display, byte or codepoint, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_FAIL_ON:
            if (strcmp(optarg, "never") == 0) {
                o->fail_on = PBLINT_SEV_ERROR + 1;
            } else {
                pblint_severity s;
                if (pblint_severity_parse(optarg, &s) != 0 || s < PBLINT_SEV_NOTE) {
                    fprintf(stderr,
                            "pblint: error: --fail-on takes error, warning, note or never, not "
                            "'%s'\n",
                            optarg);
                    return 2;
                }
                o->fail_on = s;
            }
            break;
        case OPT_PLAIN:
            o->plain = true;
            break;
        case OPT_QUIET:
        case 'q':
            o->quiet = true;
            break;
        case OPT_PLUGIN:
            sv_push(plugins, optarg);
            break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 1024) {
                fprintf(stderr, "pblint: error: -j takes a number of jobs from 1 to 1024, not '%s'\n",
                        optarg);
                return 2;
            }
            o->jobs = j;
            break;
        }
        case OPT_STATISTICS:
            o->statistics = true;
            break;
        case OPT_TIME_REPORT:
            o->time_report = true;
            break;
        case OPT_FORMAT:
            if (pblint_format_parse(optarg, &o->format) != 0) {
                fprintf(stderr,
                        "pblint: error: --format takes text, json, sarif or github, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_FIX:
            o->fix = true;
            break;
        case OPT_DRY_RUN:
            o->dry_run = true;
            break;
        case OPT_SELECT:
            o->select = optarg;
            break;
        case OPT_NO_DEFAULT_PLUGINS:
            o->no_default_plugins = true;
            break;
        case OPT_LIST_RULES:
            o->list_rules = true;
            break;
        case OPT_EXPLAIN:
            o->explain = optarg;
            break;
        case OPT_DUMP_MODEL:
            o->dump_model = true;
            break;
        case OPT_VERSION:
            printf("pblint %s (plugin ABI %d.%d)\n", pblint_version(), PBLINT_ABI_MAJOR,
                   PBLINT_ABI_MINOR);
            return 0;
        case OPT_CFG_BASE + CFG_OPT_CONFIG:
        case OPT_CFG_BASE + CFG_OPT_PRINT_CONFIG:
        case OPT_CFG_BASE + CFG_OPT_BASELINE:
        case OPT_CFG_BASE + CFG_OPT_WRITE_BASELINE:
        case OPT_CFG_BASE + CFG_OPT_ALLOW_PLUGINS:
            cfg_cli_set(&o->cfg, c - OPT_CFG_BASE, optarg);
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            if (optopt && optopt < 256)
                fprintf(stderr, "pblint: error: unknown option '-%c'\n", optopt);
            else
                fprintf(stderr, "pblint: error: unknown option '%s'\n", argv[optind - 1]);
            fprintf(stderr, "Try 'pblint --help'.\n");
            return 2;
        }
    }
    o->plugins = plugins->v;
    o->nplugins = plugins->n;
    if (o->dry_run && !o->fix) {
        fprintf(stderr, "pblint: error: --dry-run goes with --fix\n");
        return 2;
    }
    if (o->dry_run && o->format != PBLINT_FORMAT_TEXT) {
        fprintf(stderr, "pblint: error: --fix --dry-run prints a diff; it does not combine with "
                        "--format=%s\n",
                pblint_format_name(o->format));
        return 2;
    }
    if (o->dump_model && (o->fix || o->format != PBLINT_FORMAT_TEXT)) {
        fprintf(stderr, "pblint: error: --dump-model prints the model as JSON; it does not "
                        "combine with --format or --fix\n");
        return 2;
    }
    return -1;
}

static int list_rules(pblint_ctx *ctx)
{
    size_t n = pblint_ctx_rule_count(ctx);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        pblint_rule_info ri;
        pblint_ctx_rule(ctx, i, &ri);
        if (strlen(ri.id) > w)
            w = strlen(ri.id);
    }
    for (size_t i = 0; i < n; i++) {
        pblint_rule_info ri;
        pblint_ctx_rule(ctx, i, &ri);
        printf("%-*s  %-7s  %s\n", (int)w, ri.id, pblint_severity_name(ri.default_severity),
               ri.summary);
    }
    return 0;
}


/* Everything one run needs to set up a context: several are made for -j. */
static pblint_ctx *make_ctx(const options *o, int *load_failures)
{
    pblint_ctx *ctx = pblint_ctx_new();
    if (!ctx)
        return NULL;
    /* a plugin that crashes, aborts or loops costs its own findings only */
    const char *tmo = getenv("PBLINT_CHECK_TIMEOUT_MS");
    const char *iso = getenv("PBLINT_ISOLATION");
    pblint_ctx_set_isolation(ctx, !(iso && strcmp(iso, "off") == 0),
                             tmo && *tmo ? (unsigned)strtoul(tmo, NULL, 10) : 60000);
    *load_failures = load_plugins(ctx, o);
    if (o->time_report)
        pblint_ctx_set_timing(ctx, true);
    if (o->select) {
        /* everything off, then the selected rules back to their defaults */
        pblint_ctx_set_severity(ctx, "*", PBLINT_SEV_OFF);
        char *copy = strdup(o->select);
        char *save = NULL;
        int bad = 0;
        for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
            size_t n = pblint_ctx_rule_count(ctx);
            size_t hits = 0;
            size_t pl = strlen(p);
            for (size_t i = 0; i < n; i++) {
                pblint_rule_info ri;
                pblint_ctx_rule(ctx, i, &ri);
                bool m = strcmp(p, "*") == 0 || strcmp(p, ri.id) == 0 ||
                         (pl >= 2 && strcmp(p + pl - 2, "/*") == 0 && strlen(ri.plugin) == pl - 2 &&
                          strncmp(ri.plugin, p, pl - 2) == 0);
                if (m) {
                    pblint_ctx_set_severity(ctx, ri.id, PBLINT_SEV_DEFAULT);
                    hits++;
                }
            }
            /* an id no rule has yet may be a rule of a configuration's plugin
             * or policy: cfg_run_setup() checks the list once they are read */
            (void)hits;
        }
        free(copy);
        if (bad) {
            pblint_ctx_free(ctx);
            return NULL;
        }
        /* the core rules are reports about pblint itself (a crashed
         * plugin), not rules one selects: they stay on */
        pblint_ctx_set_severity(ctx, "core/*", PBLINT_SEV_DEFAULT);
    }
    return ctx;
}

/* One file's share of the run: what it printed, in order. */
typedef struct job {
    const char *path;
    char *out; /* stdout text */
    size_t out_len;
    char *err; /* stderr text */
    size_t err_len;
    size_t counts[3];
    size_t *rule_counts; /* per rule index and severity, for --statistics */
    char *failure;       /* why the file could not be linted, for the JSON and SARIF logs */
    size_t fixed;        /* --fix: findings whose fix-its were applied */
    uint64_t render_ns;  /* --time-report: time spent writing its output */
    size_t bytes;        /* the size of its text, for --time-report */
    bool failed;
    bool io_error;
    bool linted;
    bool done;
    /* while in flight (lint_begin() to lint_end()) */
    FILE *out_f, *err_f;
    bool started; /* pblint_lint_start() took it: lint_end() finishes it */
} job;

typedef struct run {
    const options *o;
    const pblint_text_options *to;
    const pblint_output_options *oo;
    job *jobs;
    size_t njobs;
    size_t nrules;
    size_t next;    /* next job to take */
    size_t printed; /* jobs printed so far */
    size_t window;  /* how far workers may run ahead of the printer */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    cfg_run *cfg; /* configurations and baselines (cfg.c) */
} run;

/* A job's streams are opened when first written to: most files write
 * nothing to stderr, and with --quiet most write nothing at all, while each
 * open_memstream() costs a zeroed buffer of BUFSIZ bytes.  When a stream
 * cannot be opened, messages go straight to stderr (out of order, not
 * lost), and the output is marked failed. */
static FILE *job_err(job *jb)
{
    if (!jb->err_f && !(jb->err_f = open_memstream(&jb->err, &jb->err_len)))
        return stderr;
    return jb->err_f;
}

static FILE *job_out(job *jb)
{
    if (!jb->out_f && !(jb->out_f = open_memstream(&jb->out, &jb->out_len))) {
        fprintf(stderr, "pblint: error: %s: out of memory for its output\n", jb->path);
        jb->io_error = true;
    }
    return jb->out_f;
}

/* ---------------------------------------------------------------- --fix */

/* True when some diagnostic has fix-its of a rule flagged fixable. */
static bool has_fixable(const pblint_ctx *ctx, const pblint_result *res)
{
    size_t n = pblint_result_diag_count(res);
    for (size_t i = 0; i < n; i++) {
        const pblint_diag *d = pblint_result_diag(res, i);
        if (!pblint_diag_fixit_count(d))
            continue;
        long k = pblint_ctx_find_rule(ctx, pblint_diag_rule(d));
        pblint_rule_info ri;
        if (k >= 0 && pblint_ctx_rule(ctx, (size_t)k, &ri) == 0 && (ri.flags & PBLINT_RULE_FIXABLE))
            return true;
    }
    return false;
}

/*
 * Replaces the file at path (a symbolic link is followed: its target is
 * replaced) with data: a temporary file in the same directory, written,
 * given the old file's mode, synced, then renamed over it, and the
 * directory synced.  Refuses when the file changed since `before`.
 */
static int write_atomically(const char *path, const char *data, size_t len,
                            const struct stat *before, FILE *err)
{
    char target[PATH_MAX];
    if (!realpath(path, target)) {
        fprintf(err, "pblint: error: %s: cannot write the fixes: %s\n", path, strerror(errno));
        return -1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", target);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : target;
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    char tmp[PATH_MAX + 32];
    int w = snprintf(tmp, sizeof tmp, "%s/.%s.pblint-XXXXXX", dir, base);
    if (w < 0 || (size_t)w >= sizeof tmp) {
        fprintf(err, "pblint: error: %s: cannot write the fixes: path too long\n", path);
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(err, "pblint: error: %s: cannot write the fixes: %s: %s\n", path, tmp,
                strerror(errno));
        return -1;
    }
    const char *why = NULL;
    size_t done = 0;
    while (done < len) {
        ssize_t k = write(fd, data + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            why = strerror(errno);
            break;
        }
        done += (size_t)k;
    }
    if (!why && fchmod(fd, before->st_mode & 07777) != 0)
        why = strerror(errno);
    if (!why && fchown(fd, before->st_uid, before->st_gid) != 0 && errno != EPERM)
        why = strerror(errno);
    if (!why && fsync(fd) != 0)
        why = strerror(errno);
    if (close(fd) != 0 && !why)
        why = strerror(errno);
    struct stat now;
    if (!why && (stat(target, &now) != 0 || now.st_ino != before->st_ino ||
                 now.st_dev != before->st_dev || now.st_size != before->st_size ||
                 now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
                 now.st_mtim.tv_nsec != before->st_mtim.tv_nsec))
        why = "the file changed while pblint was fixing it; nothing was written";
    if (!why && rename(tmp, target) != 0)
        why = strerror(errno);
    if (why) {
        unlink(tmp);
        fprintf(err, "pblint: error: %s: cannot write the fixes: %s\n", path, why);
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* "PATH:LINE:COL" of a diagnostic's start, in the run's column unit. */
static void locus(const pblint_doc *doc, const pblint_diag *d, int unit, unsigned *line,
                  unsigned *col)
{
    pblint_doc_position(doc, pblint_diag_span(d).start, unit, line, col);
}

/*
 * --fix on one linted file: applies the safe fix-its, writes the file (or,
 * with --dry-run, the diff to out), and replaces *resp with the result of
 * linting the fixed text: what remains.  Messages go to the job's stderr.
 */
static void fix_one(pblint_ctx *ctx, const run *r, job *jb, pblint_result **resp,
                    const struct stat *before)
{
    pblint_result *res = *resp;
    if (!has_fixable(ctx, res))
        return;
    const options *o = r->o;
    pblint_fix *fx = NULL;
    int rc = pblint_fix_apply(ctx, res, &fx);
    if (rc == PBLINT_EENCODING) {
        fprintf(job_err(jb), "pblint: warning: %s\n", pblint_ctx_error(ctx));
        return;
    }
    if (rc != 0) {
        fprintf(job_err(jb), "pblint: error: %s\n", pblint_ctx_error(ctx));
        jb->io_error = true;
        return;
    }
    const pblint_doc *doc = pblint_result_doc(res);
    for (size_t i = 0; i < pblint_fix_dropped_count(fx); i++) {
        const pblint_diag *over = NULL;
        const pblint_diag *d = pblint_fix_dropped(fx, i, &over);
        unsigned l1, c1, l2, c2;
        locus(doc, d, o->column_unit, &l1, &c1);
        locus(doc, over, o->column_unit, &l2, &c2);
        fprintf(job_err(jb),
                "%s:%u:%u: note: the fix-it of [%s] %s applied: it overlaps the fix-it of "
                "[%s] at %u:%u (run pblint --fix again)\n",
                jb->path, l1, c1, pblint_diag_rule(d), o->dry_run ? "would not be" : "was not",
                pblint_diag_rule(over), l2, c2);
    }
    if (!pblint_fix_changed(fx)) {
        pblint_fix_free(fx);
        return;
    }
    size_t len = 0;
    const char *text = pblint_fix_text(fx, &len);
    if (o->dry_run) {
        FILE *out = job_out(jb);
        if (out && pblint_fix_write_diff(fx, out) != 0)
            jb->io_error = true;
    } else if (write_atomically(jb->path, text, len, before, job_err(jb)) != 0) {
        jb->io_error = true;
        pblint_fix_free(fx);
        return;
    }
    jb->fixed = pblint_fix_applied_count(fx);
    /* lint the fixed text with only it in memory (a big file's model is big) */
    char *copy = malloc(len ? len : 1);
    if (!copy) {
        fprintf(job_err(jb), "pblint: error: %s: out of memory\n", jb->path);
        jb->io_error = true;
        pblint_fix_free(fx);
        return;
    }
    memcpy(copy, text, len);
    pblint_fix_free(fx);
    pblint_result_free(res);
    *resp = NULL;
    rc = pblint_lint(ctx, jb->path, copy, len, resp);
    free(copy);
    if (rc != 0) {
        fprintf(job_err(jb), "pblint: error: %s\n", pblint_ctx_error(ctx));
        jb->io_error = true;
        *resp = NULL;
    }
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* --time-report: the sums of every context of the run */
typedef struct times {
    uint64_t phase_ns[PBLINT_PHASE__COUNT], phase_calls[PBLINT_PHASE__COUNT];
    uint64_t *rule_ns, *rule_calls; /* per rule index */
    size_t nrules;
    uint64_t render_ns, files, bytes;
} times;

static void times_add(times *t, const pblint_ctx *ctx)
{
    for (int p = 0; p < PBLINT_PHASE__COUNT; p++) {
        uint64_t c;
        t->phase_ns[p] += pblint_ctx_phase_time(ctx, p, &c);
        t->phase_calls[p] += c;
    }
    for (size_t i = 0; i < t->nrules && i < pblint_ctx_rule_count(ctx); i++) {
        uint64_t c;
        t->rule_ns[i] += pblint_ctx_rule_time(ctx, i, &c);
        t->rule_calls[i] += c;
    }
}

static void time_line(const char *what, uint64_t ns, uint64_t total, const char *extra)
{
    fprintf(stderr, "  %-34s %10.2f ms %6.1f%%%s%s\n", what, (double)ns / 1e6,
            total ? 100.0 * (double)ns / (double)total : 0.0, extra ? "  " : "", extra ? extra : "");
}

/* Prints the report: phases, then each plugin (busiest first) with its
 * busiest rule, then the wall time of the whole run. */
static void time_report(const times *t, const pblint_ctx *ctx, uint64_t wall_ns, long jobs)
{
    uint64_t checks = 0;
    for (size_t i = 0; i < t->nrules; i++)
        checks += t->rule_ns[i];
    uint64_t total = t->phase_ns[PBLINT_PHASE_READ] + t->phase_ns[PBLINT_PHASE_DECODE] +
                     t->phase_ns[PBLINT_PHASE_MODEL] + t->phase_ns[PBLINT_PHASE_CHECKS] +
                     t->render_ns;
    fprintf(stderr, "pblint: time report: %llu file%s, %.1f MB, %ld job%s; time summed over "
                    "the jobs\n",
            (unsigned long long)t->files, t->files == 1 ? "" : "s", (double)t->bytes / 1e6, jobs,
            jobs == 1 ? "" : "s");
    time_line("reading files", t->phase_ns[PBLINT_PHASE_READ], total, NULL);
    time_line("decoding text", t->phase_ns[PBLINT_PHASE_DECODE], total, NULL);
    time_line("building the model", t->phase_ns[PBLINT_PHASE_MODEL], total, NULL);
    time_line("running the checks", t->phase_ns[PBLINT_PHASE_CHECKS], total, NULL);
    /* plugins, from the rules' sums */
    size_t np = 0;
    struct plug {
        const char *name;
        uint64_t ns, top_ns;
        const char *top;
        size_t nrules;
    } *ps = calloc(t->nrules ? t->nrules : 1, sizeof *ps);
    for (size_t i = 0; ps && i < t->nrules; i++) {
        pblint_rule_info ri;
        if (pblint_ctx_rule(ctx, i, &ri) != 0 || !t->rule_calls[i])
            continue;
        size_t k = 0;
        while (k < np && strcmp(ps[k].name, ri.plugin) != 0)
            k++;
        if (k == np)
            ps[np++].name = ri.plugin;
        ps[k].ns += t->rule_ns[i];
        ps[k].nrules++;
        if (!ps[k].top || t->rule_ns[i] > ps[k].top_ns) {
            ps[k].top = ri.id;
            ps[k].top_ns = t->rule_ns[i];
        }
    }
    for (size_t a = 1; a < np; a++) /* insertion sort, busiest first */
        for (size_t b = a; b > 0 && ps[b].ns > ps[b - 1].ns; b--) {
            struct plug tmp = ps[b];
            ps[b] = ps[b - 1];
            ps[b - 1] = tmp;
        }
    for (size_t k = 0; k < np; k++) {
        char what[64], extra[160];
        snprintf(what, sizeof what, "  plugin %s (%zu rule%s)", ps[k].name, ps[k].nrules,
                 ps[k].nrules == 1 ? "" : "s");
        snprintf(extra, sizeof extra, "busiest: %s %.2f ms", ps[k].top, (double)ps[k].top_ns / 1e6);
        time_line(what, ps[k].ns, total, extra);
    }
    if (t->phase_ns[PBLINT_PHASE_CHECKS] > checks)
        time_line("  isolation and dispatch", t->phase_ns[PBLINT_PHASE_CHECKS] - checks, total,
                  NULL);
    free(ps);
    time_line("writing the output", t->render_ns, total, NULL);
    time_line("total of the phases", total, total, NULL);
    fprintf(stderr, "  %-34s %10.2f ms\n", "wall time of the run", (double)wall_ns / 1e6);
    /* the ten busiest rules, as clang-tidy's check profile lists its checks */
    size_t top[10], ntop = 0;
    for (size_t i = 0; i < t->nrules; i++) {
        if (!t->rule_calls[i] || !t->rule_ns[i])
            continue;
        size_t k = ntop < 10 ? ntop++ : 10;
        if (k == 10) {
            if (t->rule_ns[i] <= t->rule_ns[top[9]])
                continue;
            k = 9;
        }
        top[k] = i;
        for (; k > 0 && t->rule_ns[top[k]] > t->rule_ns[top[k - 1]]; k--) {
            size_t tmp = top[k];
            top[k] = top[k - 1];
            top[k - 1] = tmp;
        }
    }
    if (ntop)
        fprintf(stderr, "  the busiest rules:\n");
    for (size_t k = 0; k < ntop; k++) {
        pblint_rule_info ri;
        if (pblint_ctx_rule(ctx, top[k], &ri) != 0)
            continue;
        char what[96];
        snprintf(what, sizeof what, "  %s", ri.id);
        time_line(what, t->rule_ns[top[k]], total, NULL);
    }
}

static int render(pblint_ctx *ctx, const run *r, const pblint_result *res, FILE *out)
{
    pblint_output_options oo = *r->oo;
    oo.ctx = ctx; /* this worker's context: its rule indices are the main context's */
    switch (r->o->format) {
    case PBLINT_FORMAT_JSON:
        return pblint_render_json_file(res, &oo, out);
    case PBLINT_FORMAT_SARIF:
        return pblint_render_sarif_results(res, &oo, out);
    case PBLINT_FORMAT_GITHUB:
        return pblint_render_github(res, &oo, out);
    default:
        return pblint_render_text(res, r->to, out);
    }
}

/* What is done with a file's result: counts, the baseline, the output. */
static void lint_result(pblint_ctx *ctx, const run *r, job *jb, pblint_result *res,
                        bool fixing, struct stat *before)
{
    jb->linted = true;
    pblint_doc_text(pblint_result_doc(res), &jb->bytes);
    if (r->o->dump_model) {
        FILE *out = job_out(jb);
        if (out)
            pblint_dump_model(res, out);
    } else {
        if (fixing)
            fix_one(ctx, r, jb, &res, before);
        if (!res)
            return; /* the fixed text could not be linted: said so */
        cfg_run_after(r->cfg, (size_t)(jb - r->jobs), res);
        size_t n = pblint_result_diag_count(res);
        /* the text format writes nothing for a file with no finding it
         * shows; the others may (a log entry, say) */
        bool shown = r->o->format != PBLINT_FORMAT_TEXT;
        for (size_t k = 0; k < n; k++) {
            const pblint_diag *d = pblint_result_diag(res, k);
            int sev = pblint_diag_severity(d);
            shown |= sev >= r->to->min_severity;
            if (sev >= PBLINT_SEV_NOTE && sev <= PBLINT_SEV_ERROR)
                jb->counts[sev]++;
            if (sev >= r->o->fail_on)
                jb->failed = true;
            if (jb->rule_counts && sev >= PBLINT_SEV_NOTE && sev <= PBLINT_SEV_ERROR) {
                /* the severity the finding has here: a folder's
                 * configuration may give a rule another one */
                long ri = pblint_ctx_find_rule(ctx, pblint_diag_rule(d));
                if (ri >= 0 && (size_t)ri < r->nrules)
                    jb->rule_counts[(size_t)ri * 3 + (size_t)sev]++;
            }
        }
        /* --dry-run: the diff is the output */
        uint64_t t0 = r->o->time_report ? now_ns() : 0;
        if (!r->o->dry_run && shown) {
            FILE *out = job_out(jb);
            if (out && render(ctx, r, res, out) != 0)
                jb->io_error = true;
        }
        if (r->o->time_report)
            jb->render_ns = now_ns() - t0;
    }
    pblint_result_free(res);
}

static void lint_failed(pblint_ctx *ctx, job *jb)
{
    fprintf(job_err(jb), "pblint: error: %s\n", pblint_ctx_error(ctx));
    jb->failure = strdup(pblint_ctx_error(ctx));
    jb->io_error = true;
}

static void lint_close(job *jb)
{
    if (jb->out_f && fclose(jb->out_f) != 0)
        jb->io_error = true;
    if (jb->err_f)
        fclose(jb->err_f);
    jb->out_f = jb->err_f = NULL;
}

/* Starts on a file: with isolation, the worker lints it while this thread
 * goes on; lint_end() finishes it.  --fix and --dump-model are done here
 * whole.  Returns true when lint_end() must be called. */
static bool lint_begin(pblint_ctx *ctx, const run *r, job *jb)
{
    struct stat before;
    bool fixing = r->o->fix && stat(jb->path, &before) == 0 && S_ISREG(before.st_mode);
    if (!cfg_run_before(r->cfg, ctx, (size_t)(jb - r->jobs), jb->path, &jb->failure)) {
        if (jb->failure)
            fprintf(job_err(jb), "pblint: error: %s\n", jb->failure);
        else
            fprintf(job_err(jb), "pblint: error: %s: out of memory\n", jb->path);
        jb->io_error = true;
        lint_close(jb);
        return false;
    }
    if (r->o->dump_model || fixing) {
        pblint_result *res = NULL;
        int rc = r->o->dump_model ? pblint_parse_file(ctx, jb->path, &res)
                                  : pblint_lint_file(ctx, jb->path, &res);
        if (rc != 0)
            lint_failed(ctx, jb);
        else
            lint_result(ctx, r, jb, res, fixing, &before);
        lint_close(jb);
        return false;
    }
    if (pblint_lint_start(ctx, jb->path) != 0) {
        lint_failed(ctx, jb);
        lint_close(jb);
        return false;
    }
    jb->started = true;
    return true;
}

static void lint_end(pblint_ctx *ctx, const run *r, job *jb)
{
    pblint_result *res = NULL;
    jb->started = false;
    if (pblint_lint_finish(ctx, &res) != 0)
        lint_failed(ctx, jb);
    else
        lint_result(ctx, r, jb, res, false, NULL);
    lint_close(jb);
}

/* One thread's files, two at a time: the next is started before the last
 * is finished, so its isolation worker never waits for this thread. */
typedef struct lane {
    pblint_ctx *ctx;
    const run *r;
    job *prev; /* started, not finished */
} lane;

static void lane_mark_done(run *r, job *jb)
{
    pthread_mutex_lock(&r->mu);
    jb->done = true;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

/* Starts jb and finishes the file before it; with jb NULL, finishes the
 * last.  Marks each file done once its output is complete. */
static void lane_step(lane *l, run *r, job *jb)
{
    if (l->prev && (r->o->fix || r->o->dump_model)) {
        /* these lint in place, with nothing in flight */
        lint_end(l->ctx, l->r, l->prev);
        lane_mark_done(r, l->prev);
        l->prev = NULL;
    }
    bool started = jb && lint_begin(l->ctx, l->r, jb);
    if (jb && !started)
        lane_mark_done(r, jb);
    if (l->prev) {
        lint_end(l->ctx, l->r, l->prev);
        lane_mark_done(r, l->prev);
        l->prev = NULL;
    }
    if (started)
        l->prev = jb;
}

typedef struct worker {
    run *r;
    pblint_ctx *ctx;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    run *r = w->r;
    lane l = {w->ctx, r, NULL};
    for (;;) {
        pthread_mutex_lock(&r->mu);
        /* a file in flight is finished rather than waited on */
        while (!l.prev && r->next < r->njobs && r->next >= r->printed + r->window)
            pthread_cond_wait(&r->cv, &r->mu);
        size_t i = r->next;
        bool take = i < r->njobs && i < r->printed + r->window;
        if (take)
            r->next++;
        pthread_mutex_unlock(&r->mu);
        if (!take && !l.prev && i >= r->njobs)
            break;
        lane_step(&l, r, take ? &r->jobs[i] : NULL);
    }
    return NULL;
}

/* --fix: a file named twice (or through two names) is fixed once; the later
 * names are dropped, or two workers could write it at once. */
static void drop_duplicate_files(strvec *files)
{
    visited *ids = calloc(files->n ? files->n : 1, sizeof *ids);
    bool *known = calloc(files->n ? files->n : 1, sizeof *known);
    if (!ids || !known) {
        free(ids);
        free(known);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < files->n; i++) {
        struct stat st;
        bool have = stat(files->v[i], &st) == 0;
        bool dup = false;
        for (size_t j = 0; have && j < k && !dup; j++)
            dup = known[j] && ids[j].dev == st.st_dev && ids[j].ino == st.st_ino;
        if (dup) {
            fprintf(stderr, "pblint: note: %s is a file named before; it is linted and fixed once\n",
                    files->v[i]);
            free(files->v[i]);
            continue;
        }
        known[k] = have;
        if (have)
            ids[k] = (visited){st.st_dev, st.st_ino};
        files->v[k++] = files->v[i];
    }
    files->n = k;
    free(ids);
    free(known);
}

static long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "lsp") == 0)
        return lsp_main(argc, argv); /* the editor server: cli/lsp.c */

    uint64_t run_start = now_ns();
    options o = {0};
    o.color = -1;
    o.fail_on = PBLINT_SEV_ERROR;
    o.column_unit = PBLINT_COLUMN_DISPLAY;
    strvec plugins = {0};
    int rc = parse_args(argc, argv, &o, &plugins);
    if (rc >= 0) {
        sv_free(&plugins);
        return rc;
    }
    if (o.explain) {
        rc = explain(o.explain);
        sv_free(&plugins);
        return rc;
    }

    int load_failures = 0;
    pblint_ctx *ctx = make_ctx(&o, &load_failures);
    if (!ctx) {
        sv_free(&plugins);
        return 2;
    }
    if (o.list_rules) {
        list_rules(ctx);
        pblint_ctx_free(ctx);
        sv_free(&plugins);
        return load_failures ? 2 : 0;
    }
    if (optind >= argc) {
        fprintf(stderr, "pblint: error: no input files\nTry 'pblint --help'.\n");
        pblint_ctx_free(ctx);
        sv_free(&plugins);
        return 2;
    }

    strvec files = {0};
    int io_errors = 0;
    bool walk_failed = false; /* a folder (or one inside it) could not be searched */
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            visited *seen = NULL;
            size_t nseen = 0;
            if (walk(argv[i], &files, &seen, &nseen, 0) < 0) {
                io_errors++;
                walk_failed = true;
            }
            free(seen);
        } else {
            sv_push(&files, argv[i]);
        }
    }

    pblint_text_options to = PBLINT_TEXT_OPTIONS_INIT;
    to.column_unit = o.column_unit;
    to.color = o.color == 1 || (o.color == -1 && isatty(STDOUT_FILENO) && getenv("TERM") &&
                                strcmp(getenv("TERM"), "dumb") != 0 && !getenv("NO_COLOR"));
    if (o.plain) {
        to.excerpt = false;
        to.fixits = false;
        to.color = false;
    }
    if (o.quiet)
        to.min_severity = PBLINT_SEV_ERROR;
    pblint_output_options oo = PBLINT_OUTPUT_OPTIONS_INIT;
    oo.min_severity = to.min_severity;

    if (o.fix)
        drop_duplicate_files(&files);

    /* each file's configuration, read before any worker starts */
    int cfg_status = 0;
    cfg_run *cfgr = cfg_run_setup(&o.cfg, o.select, ctx, files.v, files.n, &cfg_status);
    if (!cfgr || o.cfg.print_config) {
        if (cfgr)
            cfg_status = cfg_run_print(cfgr, ctx, files.v, files.n);
        cfg_run_free(cfgr);
        pblint_ctx_free(ctx);
        sv_free(&files);
        sv_free(&plugins);
        return cfg_status ? cfg_status : (io_errors || load_failures) ? 2 : 0;
    }

    /* the log's envelope (JSON, SARIF); --dry-run prints a diff instead */
    pblint_log *log = NULL;
    if (!o.dump_model && !o.dry_run) {
        const char *dirs[4];
        rules_doc_dirs(dirs);
        pblint_log_options lo = PBLINT_LOG_OPTIONS_INIT;
        lo.format = o.format;
        lo.ctx = ctx;
        lo.rules_doc_dirs = dirs;
        if (pblint_log_begin(&lo, stdout, &log) != 0) {
            fprintf(stderr, "pblint: error: cannot write the output to standard output: %s\n",
                    strerror(errno ? errno : EIO));
            cfg_run_free(cfgr);
            pblint_ctx_free(ctx);
            sv_free(&files);
            sv_free(&plugins);
            return 2;
        }
    }

    run r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.to = &to;
    r.oo = &oo;
    r.cfg = cfgr;
    r.njobs = files.n;
    r.nrules = pblint_ctx_rule_count(ctx);
    r.jobs = calloc(files.n ? files.n : 1, sizeof *r.jobs);
    if (!r.jobs) {
        fprintf(stderr, "pblint: error: out of memory\n");
        return 2;
    }
    for (size_t i = 0; i < files.n; i++) {
        r.jobs[i].path = files.v[i];
        if (o.statistics)
            r.jobs[i].rule_counts = calloc(r.nrules ? r.nrules * 3 : 1, sizeof(size_t));
    }
    long nthreads = o.jobs ? o.jobs : default_jobs();
    if ((size_t)nthreads > files.n)
        nthreads = (long)files.n;
    if (nthreads < 1)
        nthreads = 1;
    r.window = (size_t)nthreads * 8;
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);

    /* worker 0 uses the main context; the others get contexts of their own,
     * set up the same way (plugin errors were already reported once) */
    worker *ws = calloc((size_t)nthreads, sizeof *ws);
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    long started = 0;
    ws[0].r = &r;
    ws[0].ctx = ctx;
    quiet_plugin_errors = true;
    for (long t = 1; t < nthreads; t++) {
        int unused;
        ws[t].r = &r;
        ws[t].ctx = make_ctx(&o, &unused);
        if (!ws[t].ctx)
            break;
        cfg_run_prepare(cfgr, ws[t].ctx);
    }
    quiet_plugin_errors = false;
    /* fork the isolation workers while this is the only thread */
    for (long t = 0; t < nthreads; t++)
        if (ws[t].ctx)
            pblint_ctx_start_worker(ws[t].ctx);
    for (long t = 1; t < nthreads; t++) {
        if (ws[t].ctx && pthread_create(&tids[t], NULL, work, &ws[t]) == 0)
            started++;
        else if (ws[t].ctx) {
            pblint_ctx_free(ws[t].ctx);
            ws[t].ctx = NULL;
        }
    }

    size_t counts[3] = {0, 0, 0};
    size_t *rule_totals = o.statistics ? calloc(r.nrules ? r.nrules * 3 : 1, sizeof(size_t)) : NULL;
    size_t linted = 0, not_linted = 0, fixed = 0, fixed_files = 0;
    int out_errno = 0; /* the first failed write to standard output */
    uint64_t tm_render_ns = 0, tm_bytes = 0;
    bool failed = false;
    /* the main thread lints too, and prints every job in file order */
    lane ml = {ctx, &r, NULL};
    for (size_t i = 0; i < files.n; i++) {
        pthread_mutex_lock(&r.mu);
        while (!r.jobs[i].done) {
            if (r.next < r.njobs && r.next < r.printed + r.window) {
                size_t k = r.next++;
                pthread_mutex_unlock(&r.mu);
                lane_step(&ml, &r, &r.jobs[k]);
                pthread_mutex_lock(&r.mu);
                continue;
            }
            if (ml.prev) { /* never wait with a file of our own in flight */
                pthread_mutex_unlock(&r.mu);
                lane_step(&ml, &r, NULL);
                pthread_mutex_lock(&r.mu);
                continue;
            }
            pthread_cond_wait(&r.cv, &r.mu);
        }
        pthread_mutex_unlock(&r.mu);
        job *jb = &r.jobs[i];
        if (log) {
            if (pblint_log_add(log, jb->out, jb->out_len) != 0)
                out_failed(&out_errno, &io_errors);
            if (jb->failure)
                pblint_log_add_failure(log, jb->path, jb->failure);
        } else if (jb->out_len && fwrite(jb->out, 1, jb->out_len, stdout) != jb->out_len) {
            out_failed(&out_errno, &io_errors);
        }
        if (jb->err_len) {
            fflush(stdout);
            fwrite(jb->err, 1, jb->err_len, stderr);
        }
        for (int s = 0; s < 3; s++)
            counts[s] += jb->counts[s];
        if (rule_totals && jb->rule_counts)
            for (size_t k = 0; k < r.nrules * 3; k++)
                rule_totals[k] += jb->rule_counts[k];
        failed |= jb->failed;
        tm_render_ns += jb->render_ns;
        tm_bytes += jb->bytes;
        io_errors += jb->io_error;
        linted += jb->linted;
        not_linted += !jb->linted;
        fixed += jb->fixed;
        fixed_files += jb->fixed > 0;
        free(jb->out);
        free(jb->err);
        free(jb->rule_counts);
        free(jb->failure);
        jb->out = jb->err = NULL;
        pthread_mutex_lock(&r.mu);
        r.printed = i + 1;
        pthread_cond_broadcast(&r.cv);
        pthread_mutex_unlock(&r.mu);
    }
    times tm = {0};
    if (o.time_report) {
        tm.nrules = r.nrules;
        tm.rule_ns = calloc(r.nrules ? r.nrules : 1, sizeof(uint64_t));
        tm.rule_calls = calloc(r.nrules ? r.nrules : 1, sizeof(uint64_t));
        if (!tm.rule_ns || !tm.rule_calls)
            tm.nrules = 0;
    }
    for (long t = 1; t < nthreads; t++) {
        if (ws[t].ctx) {
            pthread_join(tids[t], NULL);
            if (o.time_report)
                times_add(&tm, ws[t].ctx);
            pblint_ctx_free(ws[t].ctx);
        }
    }
    (void)started;
    free(ws);
    free(tids);
    io_errors += cfg_run_finish(cfgr);
    if (log) {
        pblint_log_summary sum = {counts[PBLINT_SEV_ERROR], counts[PBLINT_SEV_WARNING],
                                  counts[PBLINT_SEV_NOTE], linted};
        if (pblint_log_end(log, &sum) != 0)
            out_failed(&out_errno, &io_errors);
    }
    if (fflush(stdout) != 0)
        out_failed(&out_errno, &io_errors);
    if (out_errno) /* once, not once per file */
        fprintf(stderr, "pblint: error: cannot write the output to standard output: %s\n",
                strerror(out_errno));

    if (rule_totals) {
        /* after a JSON or SARIF log, stdout must stay one JSON document */
        FILE *sout = o.format == PBLINT_FORMAT_JSON || o.format == PBLINT_FORMAT_SARIF ? stderr
                                                                                       : stdout;
        /* one line per rule and severity: a rule turned into an error in
         * one folder and left a warning in another has two */
        for (size_t k = 0; k < r.nrules; k++) {
            for (int sev = PBLINT_SEV_ERROR; sev >= PBLINT_SEV_NOTE; sev--) {
                size_t n = rule_totals[k * 3 + (size_t)sev];
                if (!n)
                    continue;
                pblint_rule_info ri;
                pblint_ctx_rule(ctx, k, &ri);
                fprintf(sout, "%6zu  %-7s  %s\n", n, pblint_severity_name(sev), ri.id);
            }
        }
        fflush(sout); /* before the summary on stderr, as on a terminal */
        free(rule_totals);
    }

    if (o.fix)
        fprintf(stderr, "pblint: %s %zu finding%s in %zu file%s\n",
                o.dry_run ? "would fix" : "fixed", fixed, fixed == 1 ? "" : "s", fixed_files,
                fixed_files == 1 ? "" : "s");
    if (!o.dump_model) {
        char summary[256];
        int len = 0;
        const char *names[3][2] = {{"note", "notes"}, {"warning", "warnings"}, {"error", "errors"}};
        for (int s = PBLINT_SEV_ERROR; s >= PBLINT_SEV_NOTE; s--) {
            if (counts[s] || s == PBLINT_SEV_ERROR || s == PBLINT_SEV_WARNING)
                len += snprintf(summary + len, sizeof summary - (size_t)len, "%s%zu %s",
                                len ? ", " : "", counts[s], names[s][counts[s] != 1]);
        }
        /* the files left out, whatever the reason (unreadable, binary, a
         * broken configuration), and errors of any other kind */
        char why[128] = "";
        if (not_linted && walk_failed)
            snprintf(why, sizeof why,
                     " (%zu file%s not linted, and folders not searched: see the errors above)",
                     not_linted, not_linted == 1 ? "" : "s");
        else if (not_linted)
            snprintf(why, sizeof why, " (%zu file%s not linted: see the errors above)", not_linted,
                     not_linted == 1 ? "" : "s");
        else if (walk_failed)
            snprintf(why, sizeof why, " (folders not searched: see the errors above)");
        else if (io_errors)
            snprintf(why, sizeof why, " (with errors: see above)");
        if (!o.quiet || counts[PBLINT_SEV_ERROR] || io_errors)
            fprintf(stderr, "%s in %zu file%s%s\n", summary, linted, linted == 1 ? "" : "s", why);
    }

    if (o.time_report) {
        times_add(&tm, ctx);
        tm.render_ns = tm_render_ns;
        tm.bytes = tm_bytes;
        tm.files = linted;
        time_report(&tm, ctx, now_ns() - run_start, nthreads);
        free(tm.rule_ns);
        free(tm.rule_calls);
    }

    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.cv);
    free(r.jobs);
    sv_free(&files);
    sv_free(&plugins);
    cfg_run_free(cfgr);
    pblint_ctx_free(ctx);
    if (io_errors || load_failures)
        return 2;
    return failed ? 1 : 0;
}

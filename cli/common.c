/* Shared by the pblint command and its editor server (see common.h). */
#include "common.h"

#include "pblint-config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool cli_from_build_tree(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return false;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return false;
    *slash = '\0';
    char want[PATH_MAX], real_want[PATH_MAX];
    snprintf(want, sizeof want, "%s/cli", PBLINT_BUILD_ROOT);
    if (!realpath(want, real_want))
        return false;
    return strcmp(self, real_want) == 0;
}

size_t cli_rules_doc_dirs(const char *dirs[4])
{
    size_t nd = 0;
    const char *env = getenv("PBLINT_RULES_DOC");
    if (env && *env)
        dirs[nd++] = env;
    if (cli_from_build_tree())
        dirs[nd++] = PBLINT_SOURCE_ROOT "/rules-doc";
    dirs[nd++] = PBLINT_DOC_DIR;
    dirs[nd] = NULL;
    return nd;
}

typedef struct loader {
    void (*report)(void *ud, const char *msg);
    void *ud;
    int failures;
} loader;

static void on_error(void *arg, const char *msg)
{
    loader *l = arg;
    l->report(l->ud, msg);
    l->failures++;
}

/* A plugin file, or every plugin of a folder. */
static void load_path(pblint_ctx *ctx, const char *path, loader *l, bool must_exist)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (must_exist) {
            char msg[PATH_MAX + 64];
            snprintf(msg, sizeof msg, "%s: cannot load plugin: %s", path, strerror(errno));
            on_error(l, msg);
        }
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (pblint_ctx_load_plugin_dir(ctx, path, on_error, l) < 0)
            on_error(l, pblint_ctx_error(ctx));
    } else if (pblint_ctx_load_plugin(ctx, path) != 0) {
        on_error(l, pblint_ctx_error(ctx));
    }
}

int cli_load_plugins(pblint_ctx *ctx, bool no_default, char *const *extra, size_t nextra,
                     void (*report)(void *ud, const char *msg), void *ud)
{
    loader l = {report, ud, 0};
    if (!no_default) {
        if (cli_from_build_tree())
            load_path(ctx, PBLINT_BUILD_ROOT "/plugins", &l, true);
        else
            load_path(ctx, PBLINT_PLUGIN_DIR, &l, false);
    }
    const char *env = getenv("PBLINT_PLUGIN_PATH");
    if (env && *env) {
        char *copy = strdup(env);
        char *save = NULL;
        for (char *p = copy ? strtok_r(copy, ":", &save) : NULL; p; p = strtok_r(NULL, ":", &save))
            load_path(ctx, p, &l, true);
        free(copy);
    }
    for (size_t i = 0; i < nextra; i++)
        load_path(ctx, extra[i], &l, true);
    return l.failures;
}

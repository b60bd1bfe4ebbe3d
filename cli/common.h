/* What the pblint command and its editor server share: where the plugins
 * and the rule pages are, and how plugins are loaded. */
#ifndef PBLINT_CLI_COMMON_H
#define PBLINT_CLI_COMMON_H

#include <pblint/pblint.h>

/* True when this executable is the one in the build tree (then the build
 * tree's plugins and the source tree's rule pages are used). */
bool cli_from_build_tree(void);

/* The folders rule pages are looked for in, in order (PBLINT_RULES_DOC, the
 * source tree when run from the build tree, the installed folder);
 * NULL-terminated; returns how many. */
size_t cli_rules_doc_dirs(const char *dirs[4]);

/* Loads the built-in plugin folder (unless no_default), the folders and
 * files of PBLINT_PLUGIN_PATH, then `extra`; each failure's sentence is
 * passed to report(ud, msg).  Returns the number of failures. */
int cli_load_plugins(pblint_ctx *ctx, bool no_default, char *const *extra, size_t nextra,
                     void (*report)(void *ud, const char *msg), void *ud);

#endif

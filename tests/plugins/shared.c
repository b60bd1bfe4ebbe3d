/*
 * shared: a test plugin for pblint_check_shared() (tests/e2e/shared.sh).
 * Its rules build and read one piece of per-document data: shared/build
 * stores it, shared/use reads it (or builds it when build is off), and
 * each says what it saw, so the test can check that the data is made once
 * per document, reaches the plugin's other rules, and is freed when the
 * document's checks are over (the count of frees so far is reported with
 * the next document).  Built only for the tests; never installed.
 */
#include <pblint/plugin.h>

#include <stdio.h>
#include <stdlib.h>

static const char KEY;     /* names this plugin's data */
static const char OTHER;   /* a key nothing is stored under */
static unsigned builds, frees;

typedef struct data {
    unsigned serial; /* which build */
    size_t text_len; /* of the document it was built for */
} data;

static void data_free(void *p)
{
    frees++;
    free(p);
}

static data *get(pblint_check *chk, const pblint_doc *doc, bool *built)
{
    data *d = pblint_check_shared(chk, &KEY);
    *built = false;
    if (d)
        return d;
    d = malloc(sizeof *d);
    if (!d)
        return NULL;
    d->serial = ++builds;
    pblint_doc_text(doc, &d->text_len);
    if (pblint_check_set_shared(chk, &KEY, d, data_free) != 0)
        return NULL;
    *built = true;
    return d;
}

static int check(pblint_check *chk, const pblint_doc *doc, const char *who)
{
    bool built;
    unsigned frees_before = frees;
    data *d = get(chk, doc, &built);
    if (!d)
        return PBLINT_ENOMEM;
    size_t len;
    pblint_doc_text(doc, &len);
    pblint_report(chk, PBLINT_SEV_NOTE, (pblint_span){0, 0},
                  "%s: %s data #%u for %s document; %u freed before; other key %s", who,
                  built ? "built" : "found", d->serial, d->text_len == len ? "this" : "ANOTHER",
                  frees_before, pblint_check_shared(chk, &OTHER) ? "SET" : "empty");
    return 0;
}

static int check_build(pblint_check *chk, const pblint_doc *doc) { return check(chk, doc, "build"); }
static int check_use(pblint_check *chk, const pblint_doc *doc) { return check(chk, doc, "use"); }

static const pblint_rule_desc rules[] = {
    {"build", "builds the shared data", PBLINT_SEV_NOTE, check_build, 0, {0}},
    {"use", "uses the shared data", PBLINT_SEV_NOTE, check_use, 0, {0}},
};

static const pblint_plugin_desc plugin =
    PBLINT_PLUGIN_DESC_INIT("shared", "1.0.0", "tests pblint_check_shared()", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

/*
 * Broken plugins for tests/faulty/check.sh, one per -DKIND: a check that
 * crashes, aborts or never returns, a plugin built for another ABI, one that
 * registers a rule id twice, one without an entry point.
 */
#include <pblint/plugin.h>

#include <signal.h>
#include <stdlib.h>

static volatile int sink;

static int check(pblint_check *chk, const pblint_doc *doc)
{
#if defined(KIND_CRASH)
    raise(SIGSEGV);
#elif defined(KIND_ABORT)
    abort();
#elif defined(KIND_LOOP)
    for (;;)
        sink++;
#endif
    pblint_report(chk, PBLINT_SEV_DEFAULT, (pblint_span){0, 0}, "faulty plugin ran");
    (void)doc;
    return 0;
}

#if defined(KIND_DUPRULE)
static const pblint_rule_desc rules[] = {
    {"same", "first", PBLINT_SEV_WARNING, check, 0, {0}},
    {"same", "second", PBLINT_SEV_WARNING, check, 0, {0}},
};
#else
static const pblint_rule_desc rules[] = {
    {"boom", "a rule that misbehaves", PBLINT_SEV_WARNING, check, 0, {0}},
};
#endif

#if defined(KIND_BADABI)
static const pblint_plugin_desc desc = {PBLINT_ABI_MAJOR + 1, 0, sizeof(pblint_plugin_desc),
                                        sizeof(pblint_rule_desc), NAME, "1", "bad abi", rules,
                                        1, {0}};
#else
static const pblint_plugin_desc desc = PBLINT_PLUGIN_DESC_INIT(NAME, "1", "faulty", rules);
#endif

#if !defined(KIND_NOENTRY)
PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void) { return &desc; }
#else
PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *not_the_entry(void) { return &desc; }
#endif

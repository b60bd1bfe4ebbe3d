/*
 * pblint plugin interface.
 *
 * A plugin is a shared object exporting one function,
 *
 *     const pblint_plugin_desc *pblint_plugin_entry(void);
 *
 * that returns a static descriptor.  The descriptor's first four fields
 * (abi_major, abi_minor, struct_size, rule_size) are fixed forever, so a host
 * can always read them and decide: it loads a plugin whose abi_major equals
 * its own and whose abi_minor is not newer than its own (GStreamer's rule),
 * and reads no more than struct_size bytes of the descriptor and rule_size
 * bytes of each rule (curl's "age" idea), so later minors can append fields.
 *
 * Plugins use only <pblint/pblint.h> and this header.  The built-in plugins
 * are built exactly like a user's: they have no other way in.
 */
#ifndef PBLINT_PLUGIN_H
#define PBLINT_PLUGIN_H

#include <pblint/pblint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PBLINT_ABI_MAJOR 1
#define PBLINT_ABI_MINOR 1 /* 1.1: pblint_check_shared() */

/** The ABI version of the library a plugin is running in. */
PBLINT_API void pblint_abi_version(unsigned *major, unsigned *minor);

/** One running check: the rule being run, on one document. */
typedef struct pblint_check pblint_check;

/** A rule's check function: inspect the model, report, return 0 (or a PBLINT_E* code). */
typedef int (*pblint_check_fn)(pblint_check *chk, const pblint_doc *doc);

enum {
    PBLINT_RULE_FIXABLE = 1u << 0 /* some of its diagnostics carry safe fix-its */
};

typedef struct pblint_rule_desc {
    const char *name;     /* kebab-case, unique in the plugin: "fund-sum" */
    const char *summary;  /* one line, no final full stop */
    int default_severity; /* PBLINT_SEV_NOTE / WARNING / ERROR */
    pblint_check_fn check;
    unsigned flags;       /* PBLINT_RULE_* */
    const void *reserved[4];
} pblint_rule_desc;

typedef struct pblint_plugin_desc {
    /* --- fixed forever --- */
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t struct_size; /* sizeof(pblint_plugin_desc) as the plugin was built */
    uint32_t rule_size;   /* sizeof(pblint_rule_desc) as the plugin was built */
    /* --- ABI 1.0 --- */
    const char *name;     /* the plugin's name: the first half of its rule ids */
    const char *version;  /* the plugin's own version */
    const char *summary;
    const pblint_rule_desc *rules;
    size_t rule_count;
    const void *reserved[8];
} pblint_plugin_desc;

#define PBLINT_PLUGIN_ENTRY_SYMBOL "pblint_plugin_entry"

#define PBLINT_PLUGIN_DESC_INIT(name_, version_, summary_, rules_)                                \
    {                                                                                             \
        PBLINT_ABI_MAJOR, PBLINT_ABI_MINOR, sizeof(pblint_plugin_desc), sizeof(pblint_rule_desc), \
            (name_), (version_), (summary_), (rules_), sizeof(rules_) / sizeof((rules_)[0]),      \
        {                                                                                         \
            0                                                                                     \
        }                                                                                         \
    }

/** Declares the entry point with default visibility. */
#define PBLINT_PLUGIN_EXPORT __attribute__((visibility("default")))

/** What a plugin defines (the host finds it with dlsym, never calls it by name). */
PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

/** The rule's full id ("amounts/fund-sum"). */
PBLINT_API const char *pblint_check_rule(const pblint_check *chk);

/**
 * Reports a finding of the running rule at `span`.  sev is normally
 * PBLINT_SEV_DEFAULT; a rule may pass a stronger or weaker severity for one
 * finding, but a severity set in the configuration always wins.
 * Returns the diagnostic, to which notes and fix-its may be added, or NULL
 * if the finding was dropped (out of memory).
 */
PBLINT_API pblint_diag *pblint_report(pblint_check *chk, int sev, pblint_span span, const char *fmt,
                                      ...) PBLINT_PRINTF(4, 5);
PBLINT_API pblint_diag *pblint_reportv(pblint_check *chk, int sev, pblint_span span, const char *fmt,
                                       va_list ap);
/** Adds a related note with its own span ("the first occurrence is here"). */
PBLINT_API int pblint_diag_add_note(pblint_diag *d, pblint_span span, const char *fmt, ...)
    PBLINT_PRINTF(3, 4);
/** Adds a fix-it edit: replace span with text ("" deletes; an empty span inserts). */
PBLINT_API int pblint_diag_add_fixit(pblint_diag *d, pblint_span span, const char *replacement);

/** A rule option from the configuration, as a string, or NULL when unset. */
PBLINT_API const char *pblint_check_option(const pblint_check *chk, const char *key);
/** The option as an integer; def when unset or not an integer. */
PBLINT_API long pblint_check_option_int(const pblint_check *chk, const char *key, long def);
/** The option as a decimal ("0.5", "90"); def when unset or not a number. */
PBLINT_API pblint_decimal pblint_check_option_decimal(const pblint_check *chk, const char *key,
                                                      pblint_decimal def);
/** The option as a boolean (true/false/yes/no/1/0); def when unset. */
PBLINT_API bool pblint_check_option_bool(const pblint_check *chk, const char *key, bool def);
/** A list option ("a,b,c" or a YAML sequence): the i-th item, NULL past the end. */
PBLINT_API const char *pblint_check_option_item(const pblint_check *chk, const char *key, size_t i);

/**
 * Work one rule does for a document that the plugin's other rules can reuse
 * (as SQLite's sqlite3_get_auxdata()): every indicator row with its
 * categories and target, every text scanned once.  pblint_check_shared()
 * returns what was stored under key for the document being checked, or
 * NULL; pblint_check_set_shared() stores data there (replacing and freeing
 * what was), to be freed with free_fn (may be NULL) when the document's
 * checks are over.  key is an address of the plugin's own (a static
 * variable), so plugins never share by accident.  The data must depend only
 * on the document, not on the rule's options: any rule may build it first.
 * Returns 0, or PBLINT_ENOMEM (then free_fn(data) has been called).  Since
 * ABI 1.1.
 */
PBLINT_API void *pblint_check_shared(const pblint_check *chk, const void *key);
PBLINT_API int pblint_check_set_shared(pblint_check *chk, const void *key, void *data,
                                       void (*free_fn)(void *));

#ifdef __cplusplus
}
#endif

#endif /* PBLINT_PLUGIN_H */

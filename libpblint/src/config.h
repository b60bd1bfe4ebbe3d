/*
 * Configuration files (.pblint.yaml), their declarative policies and the
 * baseline: what config.c, policy.c and baseline.c share.  Internal.
 */
#ifndef PBLINT_CONFIG_H
#define PBLINT_CONFIG_H

#include "internal.h"

#include <regex.h>

typedef enum pb_policy_kind {
    PB_POLICY_REQUIRE_INDICATOR = 0,
    PB_POLICY_REQUIRE_FIELD,
    PB_POLICY_FORBID,
    PB_POLICY_CAP_AMOUNT,
    PB_POLICY__COUNT
} pb_policy_kind;

/* Where a setting was written: the configuration's display path and line. */
typedef struct pb_origin {
    const char *file; /* owned by the pblint_config */
    unsigned line;
} pb_origin;

/*
 * One checked policy.  Everything is plain data (regular expressions are
 * kept as source and compiled by each check, so that no compiled pattern is
 * shared between threads or across a fork).
 */
typedef struct pb_policy {
    char *name;        /* NAME of policy/NAME */
    int kind;          /* pb_policy_kind */
    int severity;      /* note, warning, error or off */
    char *summary;
    char *message;     /* a template with {value} {limit} {name}, or NULL */
    pb_origin origin;  /* the policy's entry */
    pb_origin severity_origin; /* its severity key, line 0 when not given */
    /* require-indicator */
    char *pattern;     /* ERE over the indicator's name */
    int level;         /* 0 = 三级 or 二级, 2 = 二级 only, 3 = 三级 only */
    char *min_src, *max_src;
    pblint_value min, max;
    bool has_min, has_max;
    /* require-field */
    char *field;       /* the field: a canonical key, or a label's key (NFKC, no spaces) */
    bool field_is_key;
    char *match;       /* require-field: ERE the value must match; cap-amount: over 项目明细 */
    /* forbid */
    char **words;      /* NFKC */
    size_t nwords;
    char **regexes;
    size_t nregexes;
    char **fields;     /* canonical keys; "*" = every field */
    size_t nfields;
    int *tables;       /* table kinds; -1 = every table */
    size_t ntables;
    /* cap-amount */
    int table_kind;
    int column;        /* pblint_col_role */
    int64_t cap_fen;
    char *cap_src;
} pb_policy;

/* The check every policy rule runs (policy.c): chk's rule data is a pb_policy. */
PB_HIDDEN int pb_policy_check(pblint_check *chk, const pblint_doc *doc);
/* Compiles an ERE the way the checks do (UTF-8 aware); 0 or a regcomp code,
 * with regerror's sentence in err. */
PB_HIDDEN int pb_policy_regcomp(regex_t *re, const char *src, char *err, size_t errsz);
PB_HIDDEN int pb_policy_regexec(const regex_t *re, const char *s, size_t nmatch, regmatch_t *m,
                                int eflags);
/* The default one-line summary of a policy (malloc'd). */
PB_HIDDEN char *pb_policy_summary(const pb_policy *p);

/* Canonical field keys (pblint.h's list); true when key is one of them. */
PB_HIDDEN bool pb_is_field_key(const char *key);

#endif /* PBLINT_CONFIG_H */

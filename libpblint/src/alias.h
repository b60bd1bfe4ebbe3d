/* The alias table (alias.c): labels and headings -> canonical names. */
#ifndef PBLINT_ALIAS_H
#define PBLINT_ALIAS_H

#include "internal.h"

/* How a field's value is read. */
enum {
    PB_FV_TEXT = 0, /* free text */
    PB_FV_AMOUNT,   /* money, in the section's unit */
    PB_FV_DATE,
    PB_FV_CHOICE,   /* check boxes */
    PB_FV_PERSON,
    PB_FV_PHONE,
    PB_FV_UNIT,     /* 元 / 万元 */
    PB_FV_GROUP     /* a heading over sub-fields (项目资金, 项目立项情况) */
};

/* The longest field label that is a prefix of `key` (key form); returns the
 * canonical key and sets *matched to the label's length, or returns NULL. */
PB_HIDDEN const char *pb_field_lookup(const char *key, size_t len, size_t *matched, int *vtype);
PB_HIDDEN int pb_field_vtype(const char *key);
PB_HIDDEN bool pb_is_sublabel(const char *key, size_t len);
/* The column role of a heading (exact match after dropping "(万元)"-style
 * units, whose money unit goes to *money_unit), or PBLINT_COL_NONE. */
PB_HIDDEN int pb_column_lookup(const char *key, size_t len, int *money_unit);
PB_HIDDEN size_t pb_strip_unit_suffix(const char *key, size_t len, int *money_unit);
PB_HIDDEN bool pb_is_total_label(const char *key, size_t len);
/* 1 when key looks like a first-level indicator category, 2 for second-level, 3 for a
 * name used at either level (成本指标, 满意度指标, 工作量指标), else 0. */
PB_HIDDEN int pb_category_guess(const char *key, size_t len);

#endif

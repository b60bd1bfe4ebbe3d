/*
 * Declarative local policies: the rules a configuration's `policies:`
 * declare (policy/NAME), run by the core like any plugin's rule.  Each
 * reads the model through the public API only, as a plugin would.
 *
 *   require-indicator  an indicator whose name matches a pattern must exist,
 *                      optionally with a target of at least min / at most max
 *   require-field      a field must be filled, or match a pattern
 *   forbid             words or patterns must not appear in given fields/tables
 *   cap-amount         an amount column of a table's lines is capped
 *
 * Patterns are POSIX EREs, compiled by each check (never shared between
 * threads, nor across the fork of an isolated check) in the C.UTF-8 locale,
 * so that "." and bracket expressions take whole characters.
 */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>

/* ------------------------------------------------------- field keys */

static const char *const FIELD_KEYS[] = {
    "project_name", "project_code", "unit_name",    "department",   "implementer",
    "money_unit",   "project_kind", "project_attr", "fund_use",     "owner",
    "contact",      "phone",        "unit_head",    "filler",       "fill_date",
    "start_date",   "end_date",     "period",       "overview",     "basis",
    "necessity",    "feasibility",  "resources",    "total_goal",   "year_goal",
    "goal_result",  "other_issues", "composition",  "safeguard_text", "project_total",
    "year_budget",  "fiscal",       "fiscal_upper", "fiscal_own",   "fiscal_lower",
    "other_funds",  "carry_over",   "budget",       "actual",       "stated_score",
    "stated_grade", "execution_rate",
};

bool pb_is_field_key(const char *key)
{
    for (size_t i = 0; key && i < PB_ARRAY_LEN(FIELD_KEYS); i++)
        if (strcmp(FIELD_KEYS[i], key) == 0)
            return true;
    return false;
}

/* ---------------------------------------------------------- regexes */

static pthread_once_t locale_once = PTHREAD_ONCE_INIT;
static locale_t utf8_locale; /* set once, then only read */

static void make_locale(void) { utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

static locale_t enter_utf8(void)
{
    pthread_once(&locale_once, make_locale);
    return utf8_locale ? uselocale(utf8_locale) : (locale_t)0;
}

static void leave_utf8(locale_t old)
{
    if (utf8_locale && old)
        uselocale(old);
}

int pb_policy_regcomp(regex_t *re, const char *src, char *err, size_t errsz)
{
    locale_t old = enter_utf8();
    int rc = regcomp(re, src, REG_EXTENDED);
    if (rc != 0 && err && errsz)
        regerror(rc, re, err, errsz);
    leave_utf8(old);
    return rc;
}

int pb_policy_regexec(const regex_t *re, const char *s, size_t nmatch, regmatch_t *m, int eflags)
{
    locale_t old = enter_utf8();
    int rc = regexec(re, s, nmatch, m, eflags);
    leave_utf8(old);
    return rc;
}

static bool pattern_found(const char *src, const char *s)
{
    regex_t re;
    if (pb_policy_regcomp(&re, src, NULL, 0) != 0)
        return false;
    bool hit = pb_policy_regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

/* ---------------------------------------------------------- helpers */

static const char *text_of(const pblint_text *t)
{
    size_t n;
    return t ? pblint_text_str(t, &n) : "";
}

static const char *cell_str(const pblint_cell *c)
{
    return c ? text_of(pblint_cell_text(c)) : "";
}

/* The span to point at for a cell: its value's, else its text's. */
static pblint_span cell_span(const pblint_cell *c)
{
    const pblint_value *v = pblint_cell_value(c);
    if (v && v->span.end > v->span.start)
        return v->span;
    return pblint_text_span(pblint_cell_text(c));
}

/* Expands a message template: {value} {limit} {name}. */
static void expand(char *out, size_t size, const char *tpl, const char *value, const char *limit,
                   const char *name)
{
    size_t n = 0;
    for (const char *p = tpl; *p && n + 1 < size;) {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(p, "{value}", 7) == 0) {
            rep = value;
            skip = 7;
        } else if (strncmp(p, "{limit}", 7) == 0) {
            rep = limit;
            skip = 7;
        } else if (strncmp(p, "{name}", 6) == 0) {
            rep = name;
            skip = 6;
        }
        if (rep) {
            n += (size_t)snprintf(out + n, size - n, "%s", rep ? rep : "");
            if (n >= size)
                n = size - 1;
            p += skip;
        } else {
            out[n++] = *p++;
        }
    }
    out[n < size ? n : size - 1] = '\0';
}

/* Reports with the policy's message when it has one, else the default. */
static pblint_diag *report(pblint_check *chk, const pb_policy *p, pblint_span span,
                           const char *value, const char *limit, const char *name,
                           const char *fmt, ...) PBLINT_PRINTF(7, 8);

static pblint_diag *report(pblint_check *chk, const pb_policy *p, pblint_span span,
                           const char *value, const char *limit, const char *name,
                           const char *fmt, ...)
{
    char buf[2048];
    if (p->message) {
        expand(buf, sizeof buf, p->message, value, limit, name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
    }
    return pblint_report(chk, PBLINT_SEV_DEFAULT, span, "%s", buf);
}

/* ------------------------------------------------ require-indicator */

/* The number of a value a limit is held against, or false when the two
 * are not quantities of the same kind. */
static bool comparable(const pblint_value *t, const pblint_value *lim, bool upper,
                       pblint_decimal *num, pblint_decimal *limnum)
{
    if (!t)
        return false;
    bool ok = false;
    switch (lim->kind) {
    case PBLINT_VAL_PERCENT:
        ok = t->kind == PBLINT_VAL_PERCENT;
        break;
    case PBLINT_VAL_NUMBER:
        ok = t->kind == PBLINT_VAL_NUMBER || t->kind == PBLINT_VAL_PERCENT ||
             t->kind == PBLINT_VAL_COUNT;
        break;
    case PBLINT_VAL_COUNT:
        ok = t->kind == PBLINT_VAL_COUNT && strcmp(t->unit, lim->unit) == 0;
        break;
    case PBLINT_VAL_AMOUNT:
        ok = t->kind == PBLINT_VAL_AMOUNT;
        break;
    }
    if (!ok)
        return false;
    if (lim->kind == PBLINT_VAL_AMOUNT) {
        *num = (pblint_decimal){t->fen, 2};
        *limnum = (pblint_decimal){lim->fen, 2};
    } else {
        *num = upper && t->op == PBLINT_OP_RANGE ? t->num2 : t->num;
        *limnum = lim->num;
    }
    return true;
}

static void diff_text(const pblint_value *lim, pblint_decimal a, pblint_decimal b, char *out,
                      size_t size)
{
    pblint_decimal d;
    if (pblint_decimal_sub(a, b, &d) != 0) {
        snprintf(out, size, "?");
        return;
    }
    if (d.mant < 0)
        d.mant = -d.mant;
    char num[64];
    pblint_decimal_format(d, num, sizeof num);
    switch (lim->kind) {
    case PBLINT_VAL_PERCENT:
        snprintf(out, size, "%s percentage point%s", num, strcmp(num, "1") == 0 ? "" : "s");
        break;
    case PBLINT_VAL_COUNT:
        snprintf(out, size, "%s %s", num, lim->unit);
        break;
    case PBLINT_VAL_AMOUNT: {
        pblint_decimal yuan;
        pblint_decimal_rescale(d, 2, &yuan);
        pblint_fen_format(yuan.mant, PBLINT_MONEY_YUAN, num, sizeof num);
        snprintf(out, size, "%s 元", num);
        break;
    }
    default:
        snprintf(out, size, "%s", num);
    }
}

static void check_limit(pblint_check *chk, const pb_policy *p, const pblint_row *row,
                        const char *name, const pblint_cell *name_cell)
{
    const pblint_cell *tc = pblint_row_cell(row, PBLINT_COL_TARGET);
    const pblint_value *tv = tc ? pblint_cell_value(tc) : NULL;
    const char *ttext = cell_str(tc);
    for (int k = 0; k < 2; k++) {
        bool upper = k == 1;
        if (upper ? !p->has_max : !p->has_min)
            continue;
        const pblint_value *lim = upper ? &p->max : &p->min;
        const char *lsrc = upper ? p->max_src : p->min_src;
        const char *word = upper ? "maximum" : "minimum";
        pblint_span at = tc ? cell_span(tc) : pblint_row_span(row);
        pblint_decimal num, limnum;
        pblint_diag *d = NULL;
        if (!tc || !*ttext) {
            d = report(chk, p, at, ttext, lsrc, name,
                       "the target of %s is empty; the local policy requires %s %s", name,
                       upper ? "at most" : "at least", lsrc);
        } else if (!comparable(tv, lim, upper, &num, &limnum)) {
            d = report(chk, p, at, ttext, lsrc, name,
                       "the target of %s is '%s', which cannot be held to the local %s of %s: "
                       "write it as a quantity in the same unit",
                       name, ttext, word, lsrc);
        } else {
            int c = pblint_decimal_cmp(num, limnum);
            if (upper ? c <= 0 : c >= 0)
                continue;
            char diff[96];
            diff_text(lim, num, limnum, diff, sizeof diff);
            d = report(chk, p, at, ttext, lsrc, name,
                       "the target of %s is %s, %s the local %s of %s (%s %s)", name, ttext,
                       upper ? "above" : "below", word, lsrc, diff, upper ? "over" : "short");
        }
        if (d && name_cell)
            pblint_diag_add_note(d, pblint_text_span(pblint_cell_text(name_cell)),
                                 "the indicator is this one");
    }
}

static int check_require_indicator(pblint_check *chk, const pb_policy *p, const pblint_doc *doc)
{
    regex_t re;
    if (pb_policy_regcomp(&re, p->pattern, NULL, 0) != 0)
        return 0;
    size_t found = 0;
    const pblint_table *first = NULL;
    for (size_t t = 0; t < pblint_doc_table_count(doc); t++) {
        const pblint_table *tab = pblint_doc_table(doc, t);
        if (pblint_table_kind(tab) != PBLINT_TABLE_INDICATOR)
            continue;
        if (!first)
            first = tab;
        for (size_t r = 0; r < pblint_table_row_count(tab); r++) {
            const pblint_row *row = pblint_table_row(tab, r);
            if (pblint_row_kind(row) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *c3 = pblint_row_cell(row, PBLINT_COL_LEVEL3);
            const pblint_cell *c2 = pblint_row_cell(row, PBLINT_COL_LEVEL2);
            const pblint_cell *hit = NULL;
            if (p->level != 2 && c3 && *cell_str(c3) &&
                pb_policy_regexec(&re, cell_str(c3), 0, NULL, 0) == 0)
                hit = c3;
            else if (p->level != 3 && c2 && *cell_str(c2) &&
                     pb_policy_regexec(&re, cell_str(c2), 0, NULL, 0) == 0)
                hit = c2;
            if (!hit)
                continue;
            found++;
            /* the row's name is its 三级 indicator, whichever level matched */
            const pblint_cell *nc = c3 && *cell_str(c3) ? c3 : hit;
            check_limit(chk, p, row, cell_str(nc), nc);
        }
    }
    regfree(&re);
    if (found == 0) {
        pblint_span at = {0, 0};
        if (first && pblint_table_row_count(first) > 0)
            at = pblint_row_span(pblint_table_row(first, 0));
        char lim[160] = "";
        if (p->has_min && p->has_max)
            snprintf(lim, sizeof lim, " (with a target from %s to %s)", p->min_src, p->max_src);
        else if (p->has_min)
            snprintf(lim, sizeof lim, " (with a target of at least %s)", p->min_src);
        else if (p->has_max)
            snprintf(lim, sizeof lim, " (with a target of at most %s)", p->max_src);
        report(chk, p, at, "", p->pattern, "",
               "no %sindicator matches '%s', which the local policy requires%s",
               p->level == 3 ? "三级 " : p->level == 2 ? "二级 " : "", p->pattern, lim);
    }
    return 0;
}

/* --------------------------------------------------- require-field */

static bool field_selected(const pb_policy *p, const pblint_field *f)
{
    if (p->field_is_key)
        return strcmp(pblint_field_key(f), p->field) == 0;
    size_t n;
    const char *k = pblint_text_key(pblint_field_label(f), &n);
    return k && strstr(k, p->field) != NULL;
}

static const char *field_name(const pblint_field *f)
{
    const char *l = text_of(pblint_field_label(f));
    return *l ? l : pblint_field_key(f);
}

static int check_require_field(pblint_check *chk, const pb_policy *p, const pblint_doc *doc)
{
    size_t found = 0;
    for (size_t i = 0; i < pblint_doc_field_count(doc); i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (!field_selected(p, f))
            continue;
        found++;
        const pblint_text *t = pblint_field_text(f);
        const char *v = text_of(t);
        const char *name = field_name(f);
        pblint_value pv; /* a dash placeholder (——, /) is no value either */
        bool blank = !*v || (pblint_value_parse(v, strlen(v), PBLINT_HINT_GENERIC,
                                                PBLINT_MONEY_NONE, &pv) == 0 &&
                             pv.kind == PBLINT_VAL_EMPTY);
        if (blank) {
            report(chk, p, pblint_text_span(t), v, p->match ? p->match : "", name,
                   "%s is empty; the local policy requires it to be filled", name);
        } else if (p->match && !pattern_found(p->match, v)) {
            report(chk, p, pblint_text_span(t), v, p->match, name,
                   "%s is '%s', which does not match the local format %s", name, v, p->match);
        }
    }
    if (found == 0)
        report(chk, p, (pblint_span){0, 0}, "", p->match ? p->match : "", p->field,
               "the filing has no field '%s', which the local policy requires", p->field);
    return 0;
}

/* ------------------------------------------------------------ forbid */

/* Spans already reported, so that a text reached twice (a field that is also
 * a cell of a key-value sheet) is reported once. */
typedef struct span_set {
    uint64_t *slots;
    size_t cap, n;
} span_set;

static bool span_set_add(span_set *s, pblint_span sp, size_t what)
{
    uint64_t key = ((uint64_t)sp.start << 32 | sp.end) * 1315423911u + what + 1;
    if (key == 0)
        key = 1;
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        uint64_t *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return true;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slots[i])
                continue;
            size_t h = (size_t)(s->slots[i] % nc);
            while (ns[h])
                h = (h + 1) % nc;
            ns[h] = s->slots[i];
        }
        free(s->slots);
        s->slots = ns;
        s->cap = nc;
    }
    size_t h = (size_t)(key % s->cap);
    while (s->slots[h]) {
        if (s->slots[h] == key)
            return false;
        h = (h + 1) % s->cap;
    }
    s->slots[h] = key;
    s->n++;
    return true;
}

typedef struct forbid_run {
    pblint_check *chk;
    const pb_policy *p;
    regex_t *res;
    bool *res_ok;
    span_set seen;
} forbid_run;

static void scan_text(forbid_run *fr, const pblint_text *t, const char *where)
{
    size_t len;
    const char *s = pblint_text_str(t, &len);
    if (!s || !len)
        return;
    const pb_policy *p = fr->p;
    for (size_t w = 0; w < p->nwords; w++) {
        size_t wl = strlen(p->words[w]);
        for (const char *h = s; wl && (h = strstr(h, p->words[w])) != NULL; h += wl) {
            pblint_span sp = pblint_text_map(t, (size_t)(h - s), wl);
            if (!span_set_add(&fr->seen, sp, w))
                continue;
            report(fr->chk, p, sp, p->words[w], p->words[w], where,
                   "'%s' is not allowed in %s by the local policy", p->words[w], where);
        }
    }
    for (size_t r = 0; r < p->nregexes; r++) {
        if (!fr->res_ok[r])
            continue;
        size_t off = 0;
        while (off <= len) {
            regmatch_t m;
            if (pb_policy_regexec(&fr->res[r], s + off, 1, &m, off ? REG_NOTBOL : 0) != 0)
                break;
            size_t ms = off + (size_t)m.rm_so, me = off + (size_t)m.rm_eo;
            if (me == ms) {
                /* an empty match says nothing: step over one character */
                off = ms + 1;
                while (off < len && ((unsigned char)s[off] & 0xc0) == 0x80)
                    off++;
                continue;
            }
            pblint_span sp = pblint_text_map(t, ms, me - ms);
            char word[512];
            snprintf(word, sizeof word, "%.*s", (int)(me - ms), s + ms);
            if (span_set_add(&fr->seen, sp, p->nwords + r))
                report(fr->chk, p, sp, word, p->regexes[r], where,
                       "'%s' (matching %s) is not allowed in %s by the local policy", word,
                       p->regexes[r], where);
            off = me;
        }
    }
}

static bool want_field(const pb_policy *p, const char *key)
{
    if (p->nfields == 0 && p->ntables == 0)
        return true;
    for (size_t i = 0; i < p->nfields; i++)
        if (strcmp(p->fields[i], "*") == 0 || strcmp(p->fields[i], key) == 0)
            return true;
    return false;
}

static bool want_table(const pb_policy *p, int kind)
{
    if (p->nfields == 0 && p->ntables == 0)
        return true;
    for (size_t i = 0; i < p->ntables; i++)
        if (p->tables[i] == -1 || p->tables[i] == kind)
            return true;
    return false;
}

static int check_forbid(pblint_check *chk, const pb_policy *p, const pblint_doc *doc)
{
    forbid_run fr;
    memset(&fr, 0, sizeof fr);
    fr.chk = chk;
    fr.p = p;
    fr.res = calloc(p->nregexes + 1, sizeof *fr.res);
    fr.res_ok = calloc(p->nregexes + 1, sizeof *fr.res_ok);
    if (!fr.res || !fr.res_ok) {
        free(fr.res);
        free(fr.res_ok);
        return PBLINT_ENOMEM;
    }
    for (size_t r = 0; r < p->nregexes; r++)
        fr.res_ok[r] = pb_policy_regcomp(&fr.res[r], p->regexes[r], NULL, 0) == 0;
    for (size_t i = 0; i < pblint_doc_field_count(doc); i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (want_field(p, pblint_field_key(f)))
            scan_text(&fr, pblint_field_text(f), field_name(f));
    }
    for (size_t t = 0; t < pblint_doc_table_count(doc); t++) {
        const pblint_table *tab = pblint_doc_table(doc, t);
        int kind = pblint_table_kind(tab);
        if (!want_table(p, kind))
            continue;
        char where[64];
        snprintf(where, sizeof where, "the %s table", pblint_table_kind_name(kind));
        for (size_t r = 0; r < pblint_table_row_count(tab); r++) {
            const pblint_row *row = pblint_table_row(tab, r);
            if (pblint_row_kind(row) == PBLINT_ROW_HEADER)
                continue;
            for (size_t c = 0; c < pblint_row_cell_count(row); c++) {
                const pblint_cell *cell = pblint_row_cell_at(row, c);
                if (cell && !pblint_cell_inherited(cell))
                    scan_text(&fr, pblint_cell_text(cell), where);
            }
        }
    }
    if (p->nfields == 0 && p->ntables == 0) {
        for (size_t i = 0; i < pblint_doc_paragraph_count(doc); i++) {
            const char *key = NULL;
            const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
            if (!key)
                scan_text(&fr, t, "the text");
        }
    }
    for (size_t r = 0; r < p->nregexes; r++)
        if (fr.res_ok[r])
            regfree(&fr.res[r]);
    free(fr.res);
    free(fr.res_ok);
    free(fr.seen.slots);
    return 0;
}

/* -------------------------------------------------------- cap-amount */

static int check_cap_amount(pblint_check *chk, const pb_policy *p, const pblint_doc *doc)
{
    regex_t re;
    bool have_re = p->match && pb_policy_regcomp(&re, p->match, NULL, 0) == 0;
    if (p->match && !have_re)
        return 0;
    for (size_t t = 0; t < pblint_doc_table_count(doc); t++) {
        const pblint_table *tab = pblint_doc_table(doc, t);
        if (pblint_table_kind(tab) != p->table_kind || !pblint_table_has_column(tab, p->column))
            continue;
        int unit = pblint_table_money_unit(tab);
        if (unit == PBLINT_MONEY_NONE)
            unit = pblint_doc_money_unit(doc);
        if (unit == PBLINT_MONEY_NONE)
            unit = PBLINT_MONEY_YUAN;
        const char *colname = pblint_col_role_name(p->column);
        for (size_t r = 0; r < pblint_table_row_count(tab); r++) {
            const pblint_row *row = pblint_table_row(tab, r);
            if (pblint_row_kind(row) == PBLINT_ROW_HEADER) {
                const pblint_cell *h = pblint_row_cell(row, p->column);
                if (h && *cell_str(h))
                    colname = cell_str(h);
                continue;
            }
            if (pblint_row_kind(row) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *item = pblint_row_cell(row, PBLINT_COL_ITEM);
            if (!item || !*cell_str(item))
                item = pblint_row_cell(row, PBLINT_COL_NAME);
            if (have_re && (!item || pb_policy_regexec(&re, cell_str(item), 0, NULL, 0) != 0))
                continue;
            const pblint_cell *c = pblint_row_cell(row, p->column);
            const pblint_value *v = c ? pblint_cell_value(c) : NULL;
            if (!v || v->kind != PBLINT_VAL_AMOUNT || v->fen <= p->cap_fen)
                continue;
            char got[64], cap[64], diff[64], value[96], limit[96];
            pblint_fen_format(v->fen, unit, got, sizeof got);
            pblint_fen_format(p->cap_fen, unit, cap, sizeof cap);
            pblint_fen_format(v->fen - p->cap_fen, unit, diff, sizeof diff);
            const char *un = pblint_money_unit_name(unit);
            snprintf(value, sizeof value, "%s %s", got, un);
            snprintf(limit, sizeof limit, "%s %s", cap, un);
            const char *iname = item ? cell_str(item) : "";
            pblint_diag *d;
            if (*iname)
                d = report(chk, p, cell_span(c), value, limit, iname,
                           "%s %s for the line '%s' is above the local cap of %s (%s %s more)",
                           colname, value, iname, limit, diff, un);
            else
                d = report(chk, p, cell_span(c), value, limit, iname,
                           "%s %s is above the local cap of %s (%s %s more)", colname, value,
                           limit, diff, un);
            if (d && item && have_re)
                pblint_diag_add_note(d, pblint_text_span(pblint_cell_text(item)),
                                     "the line is this one");
        }
    }
    if (have_re)
        regfree(&re);
    return 0;
}

/* ------------------------------------------------------------ entry */

int pb_policy_check(pblint_check *chk, const pblint_doc *doc)
{
    const pb_policy *p = chk && chk->rule ? chk->rule->data : NULL;
    if (!p || !doc)
        return 0;
    switch (p->kind) {
    case PB_POLICY_REQUIRE_INDICATOR:
        return check_require_indicator(chk, p, doc);
    case PB_POLICY_REQUIRE_FIELD:
        return check_require_field(chk, p, doc);
    case PB_POLICY_FORBID:
        return check_forbid(chk, p, doc);
    case PB_POLICY_CAP_AMOUNT:
        return check_cap_amount(chk, p, doc);
    }
    return 0;
}

char *pb_policy_summary(const pb_policy *p)
{
    char buf[512];
    switch (p->kind) {
    case PB_POLICY_REQUIRE_INDICATOR:
        if (p->has_min && p->has_max)
            snprintf(buf, sizeof buf, "an indicator matching '%s' is required, with a target "
                                      "from %s to %s",
                     p->pattern, p->min_src, p->max_src);
        else if (p->has_min || p->has_max)
            snprintf(buf, sizeof buf, "an indicator matching '%s' is required, with a target of "
                                      "at %s %s",
                     p->pattern, p->has_min ? "least" : "most",
                     p->has_min ? p->min_src : p->max_src);
        else
            snprintf(buf, sizeof buf, "an indicator matching '%s' is required", p->pattern);
        break;
    case PB_POLICY_REQUIRE_FIELD:
        if (p->match)
            snprintf(buf, sizeof buf, "the field '%s' must match %s", p->field, p->match);
        else
            snprintf(buf, sizeof buf, "the field '%s' must be filled", p->field);
        break;
    case PB_POLICY_FORBID: {
        size_t n = (size_t)snprintf(buf, sizeof buf, "words the local policy forbids: ");
        for (size_t i = 0; i < p->nwords + p->nregexes && n < sizeof buf; i++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "",
                                  i < p->nwords ? p->words[i] : p->regexes[i - p->nwords]);
        break;
    }
    case PB_POLICY_CAP_AMOUNT:
        snprintf(buf, sizeof buf, "%s lines%s%s%s may not have a %s above %s",
                 pblint_table_kind_name(p->table_kind), p->match ? " matching '" : "",
                 p->match ? p->match : "", p->match ? "'" : "", pblint_col_role_name(p->column),
                 p->cap_src);
        break;
    default:
        snprintf(buf, sizeof buf, "a local policy");
    }
    return strdup(buf);
}

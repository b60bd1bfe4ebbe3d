/*
 * Diagnostics: creation, notes, fix-its, ordering, the public accessors,
 * the plugin-facing reporting calls and the rule-option getters.
 *
 * Memory: a diagnostic, its message, its rule id, and the messages and
 * replacement texts of its notes and fix-its all live in the document's
 * arena.  The notes and fix-its arrays and the result's array of
 * diagnostic pointers are malloc'd (PB_PUSH) and freed by
 * pblint_result_free().
 *
 * Ordering: pblint_result_diag() and pblint_result_diag_count() sort the
 * diagnostics on first access when res->sorted is false.  The linting code
 * should call pb_result_sort() before it hands a result to the caller, so
 * that a finished result is never written to again and may be read from
 * several threads at once; the lazy sort is a safety net for results built
 * by other paths (tests, pblint_parse()).
 */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <strings.h>

/*
 * struct pblint_diag has no way back to the result (and so to the arena)
 * it belongs to, which pblint_diag_add_note() and pblint_diag_add_fixit()
 * need.  Every diagnostic is therefore allocated by pb_diag_new() inside a
 * box that also records its result.  Nothing outside this file may create
 * a pblint_diag by other means.
 */
typedef struct pb_diag_box {
    pblint_diag d; /* first: a pblint_diag * is a pb_diag_box * */
    pblint_result *res;
} pb_diag_box;

static pb_diag_box *diag_box(const pblint_diag *d)
{
    return (pb_diag_box *)(void *)((char *)(uintptr_t)d - offsetof(pb_diag_box, d));
}

/* ------------------------------------------------------------ helpers */

static uint32_t doc_len(const pblint_result *res)
{
    if (!res || !res->doc)
        return 0;
    size_t len = res->doc->src.len;
    return len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
}

/* Clamps a span into [0, len] with start <= end. */
static pblint_span clamp_span(pblint_span span, uint32_t len)
{
    if (span.start > len)
        span.start = len;
    if (span.end > len)
        span.end = len;
    if (span.end < span.start)
        span.end = span.start;
    return span;
}

static int clamp_severity(int sev)
{
    if (sev < PBLINT_SEV_NOTE)
        return PBLINT_SEV_NOTE;
    if (sev > PBLINT_SEV_ERROR)
        return PBLINT_SEV_ERROR;
    return sev;
}

static bool severity_valid(int sev)
{
    return sev >= PBLINT_SEV_OFF && sev <= PBLINT_SEV_ERROR;
}

/*
 * The severity a finding gets: a severity set in the configuration always
 * wins; otherwise the finding's own severity, or the rule's when the
 * finding says PBLINT_SEV_DEFAULT.  A rule whose severity in force is
 * "off" reports nothing, whatever the finding asks for.  Without a rule
 * (an unknown built-in id) the finding's severity is used, DEFAULT meaning
 * warning.  Returns PBLINT_SEV_OFF when the finding is to be dropped.
 */
static int resolve_severity(const pb_rule *rule, int sev)
{
    if (sev != PBLINT_SEV_DEFAULT && !severity_valid(sev))
        sev = PBLINT_SEV_DEFAULT;
    if (!rule)
        return sev == PBLINT_SEV_DEFAULT ? PBLINT_SEV_WARNING : sev;
    int in_force = rule->severity;
    if (!severity_valid(in_force))
        in_force = severity_valid(rule->default_severity) ? rule->default_severity
                                                          : PBLINT_SEV_WARNING;
    if (rule->severity_set || in_force == PBLINT_SEV_OFF)
        return in_force;
    return sev == PBLINT_SEV_DEFAULT ? in_force : sev;
}

/* ---------------------------------------------------------- creation */

/* Adds a diagnostic whose rule id and message are already in the doc's
 * arena. */
static pblint_diag *diag_put(pblint_result *res, const char *rule, int severity, pblint_span span,
                             char *message)
{
    pb_arena *a = &res->doc->arena;
    if (!rule || !message || res->ndiags >= UINT32_MAX)
        return NULL;
    pb_diag_box *box = pb_alloc(a, sizeof *box);
    if (!box)
        return NULL;
    pblint_diag *d = &box->d;
    box->res = res;
    d->severity = clamp_severity(severity);
    d->rule = rule;
    d->message = message;
    d->span = clamp_span(span, doc_len(res));
    d->seq = (uint32_t)res->ndiags;
    if (PB_PUSH(res->diags, res->ndiags, res->diags_cap, d) != 0)
        return NULL;
    res->sorted = false;
    return d;
}

pblint_diag *pb_diag_new(pblint_result *res, const char *rule, int severity, pblint_span span,
                         const char *fmt, va_list ap)
{
    if (!res || !res->doc)
        return NULL;
    pb_arena *a = &res->doc->arena;
    /* The id is copied: a result may outlive the context that made it. */
    const char *r = rule ? pb_strndup(a, rule, strlen(rule)) : "";
    char *m = fmt ? pb_vsprintf(a, fmt, ap) : pb_strndup(a, "", 0);
    return diag_put(res, r, severity, span, m);
}

pblint_diag *pb_diag_new_n(pblint_result *res, const char *rule, size_t rule_len, int severity,
                           pblint_span span, const char *message, size_t message_len)
{
    if (!res || !res->doc)
        return NULL;
    pb_arena *a = &res->doc->arena;
    return diag_put(res, pb_strndup(a, rule, rule_len), severity, span,
                    pb_strndup(a, message, message_len));
}

int pb_rule_severity(const pb_rule *rule, int sev) { return resolve_severity(rule, sev); }

pblint_diag *pb_emit(pblint_ctx *ctx, pblint_result *res, const char *rule_id, int sev,
                     pblint_span span, const char *fmt, ...)
{
    const pb_rule *rule = (ctx && rule_id) ? pb_ctx_rule(ctx, rule_id) : NULL;
    int eff = resolve_severity(rule, sev);
    if (eff == PBLINT_SEV_OFF)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    pblint_diag *d = pb_diag_new(res, rule ? rule->id : rule_id, eff, span, fmt, ap);
    va_end(ap);
    return d;
}

pblint_diag *pblint_reportv(pblint_check *chk, int sev, pblint_span span, const char *fmt,
                            va_list ap)
{
    if (!chk || !chk->rule || !chk->res)
        return NULL;
    int eff = resolve_severity(chk->rule, sev);
    if (eff == PBLINT_SEV_OFF)
        return NULL;
    return pb_diag_new(chk->res, chk->rule->id, eff, span, fmt, ap);
}

pblint_diag *pblint_report(pblint_check *chk, int sev, pblint_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pblint_diag *d = pblint_reportv(chk, sev, span, fmt, ap);
    va_end(ap);
    return d;
}

/* Adds a note whose message is already in the doc's arena. */
static int note_put(pblint_diag *d, pblint_result *res, pblint_span span, char *message)
{
    if (!message)
        return PBLINT_ENOMEM;
    pb_note note;
    note.span = clamp_span(span, doc_len(res));
    note.message = message;
    return PB_PUSH(d->notes, d->nnotes, d->notes_cap, note);
}

int pblint_diag_add_note(pblint_diag *d, pblint_span span, const char *fmt, ...)
{
    if (!d || !fmt)
        return PBLINT_EINVAL;
    pblint_result *res = diag_box(d)->res;
    if (!res || !res->doc)
        return PBLINT_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    char *m = pb_vsprintf(&res->doc->arena, fmt, ap);
    va_end(ap);
    return note_put(d, res, span, m);
}

int pb_diag_add_note_n(pblint_diag *d, pblint_span span, const char *message, size_t len)
{
    pblint_result *res = d ? diag_box(d)->res : NULL;
    if (!res || !res->doc)
        return PBLINT_EINVAL;
    return note_put(d, res, span, pb_strndup(&res->doc->arena, message, len));
}

/* True when `off` falls inside a UTF-8 sequence of the document's text. */
static bool splits_char(const pblint_doc *doc, uint32_t off)
{
    if (off >= doc->src.len || !doc->src.text)
        return false;
    return ((unsigned char)doc->src.text[off] & 0xC0u) == 0x80u;
}

int pblint_diag_add_fixit(pblint_diag *d, pblint_span span, const char *replacement)
{
    if (!d)
        return PBLINT_EINVAL;
    pblint_result *res = diag_box(d)->res;
    if (!res || !res->doc)
        return PBLINT_EINVAL;
    if (!replacement)
        replacement = "";
    /* An edit must be applicable as given: no clamping here. */
    if (span.start > span.end || span.end > doc_len(res))
        return PBLINT_EINVAL;
    if (splits_char(res->doc, span.start) || splits_char(res->doc, span.end))
        return PBLINT_EINVAL;
    /* Edits of one diagnostic apply together: they must not overlap.  Two
     * insertions at one offset are kept in the order they were added. */
    size_t pos = d->nfixits;
    for (size_t i = 0; i < d->nfixits; i++) {
        pblint_span o = d->fixits[i].span;
        /* (an insertion strictly inside a replacement overlaps it too) */
        if (span.start < o.end && o.start < span.end)
            return PBLINT_EINVAL;
        if (pos == d->nfixits &&
            (o.start > span.start || (o.start == span.start && o.end > span.end)))
            pos = i;
    }
    pb_fixit fx;
    fx.span = span;
    fx.text = pb_strndup(&res->doc->arena, replacement, strlen(replacement));
    if (!fx.text)
        return PBLINT_ENOMEM;
    size_t n = d->nfixits;
    if (PB_PUSH(d->fixits, d->nfixits, d->fixits_cap, fx) != 0)
        return PBLINT_ENOMEM;
    if (pos < n) {
        memmove(&d->fixits[pos + 1], &d->fixits[pos], (n - pos) * sizeof d->fixits[0]);
        d->fixits[pos] = fx;
    }
    return 0;
}

/* ----------------------------------------------------------- ordering */

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int diag_cmp(const void *pa, const void *pb)
{
    const pblint_diag *a = *(const pblint_diag *const *)pa;
    const pblint_diag *b = *(const pblint_diag *const *)pb;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    if (a->span.end != b->span.end)
        return a->span.end < b->span.end ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1; /* error first */
    int c = cmp_str(a->rule, b->rule);
    if (c)
        return c;
    c = cmp_str(a->message, b->message);
    if (c)
        return c;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

void pb_result_sort(pblint_result *res)
{
    if (!res)
        return;
    /* seq is unique, so the order is total and qsort's instability does
     * not matter. */
    if (res->ndiags > 1)
        qsort(res->diags, res->ndiags, sizeof res->diags[0], diag_cmp);
    res->sorted = true;
}

static void ensure_sorted(const pblint_result *res)
{
    if (res && !res->sorted)
        pb_result_sort((pblint_result *)(uintptr_t)res);
}

/* ------------------------------------------------- public: diagnostics */

int pblint_diag_severity(const pblint_diag *d)
{
    return d ? d->severity : PBLINT_SEV_OFF;
}

const char *pblint_diag_rule(const pblint_diag *d)
{
    return d && d->rule ? d->rule : "";
}

const char *pblint_diag_message(const pblint_diag *d)
{
    return d && d->message ? d->message : "";
}

pblint_span pblint_diag_span(const pblint_diag *d)
{
    if (!d) {
        pblint_span none = {0, 0};
        return none;
    }
    return d->span;
}

size_t pblint_diag_note_count(const pblint_diag *d)
{
    return d ? d->nnotes : 0;
}

int pblint_diag_note(const pblint_diag *d, size_t i, pblint_span *span, const char **message)
{
    if (!d || i >= d->nnotes)
        return PBLINT_EINVAL;
    if (span)
        *span = d->notes[i].span;
    if (message)
        *message = d->notes[i].message;
    return 0;
}

size_t pblint_diag_fixit_count(const pblint_diag *d)
{
    return d ? d->nfixits : 0;
}

int pblint_diag_fixit(const pblint_diag *d, size_t i, pblint_span *span, const char **replacement)
{
    if (!d || i >= d->nfixits)
        return PBLINT_EINVAL;
    if (span)
        *span = d->fixits[i].span;
    if (replacement)
        *replacement = d->fixits[i].text;
    return 0;
}

/* ------------------------------------------------------ public: results */

const pblint_doc *pblint_result_doc(const pblint_result *res)
{
    return res ? res->doc : NULL;
}

size_t pblint_result_diag_count(const pblint_result *res)
{
    ensure_sorted(res);
    return res ? res->ndiags : 0;
}

const pblint_diag *pblint_result_diag(const pblint_result *res, size_t i)
{
    if (!res || i >= res->ndiags)
        return NULL;
    ensure_sorted(res);
    return res->diags[i];
}

void *pblint_check_shared(const pblint_check *chk, const void *key)
{
    if (!chk || !chk->res || !key)
        return NULL;
    for (size_t i = 0; i < chk->res->nshared; i++)
        if (chk->res->shared[i].key == key)
            return chk->res->shared[i].data;
    return NULL;
}

int pblint_check_set_shared(pblint_check *chk, const void *key, void *data, void (*free_fn)(void *))
{
    if (!chk || !chk->res || !key) {
        if (free_fn && data)
            free_fn(data);
        return PBLINT_EINVAL;
    }
    pblint_result *res = chk->res;
    for (size_t i = 0; i < res->nshared; i++) {
        pb_shared *sh = &res->shared[i];
        if (sh->key == key) {
            if (sh->free_fn && sh->data && sh->data != data)
                sh->free_fn(sh->data);
            sh->data = data;
            sh->free_fn = free_fn;
            return 0;
        }
    }
    pb_shared sh = {key, data, free_fn};
    if (PB_PUSH(res->shared, res->nshared, res->shared_cap, sh)) {
        if (free_fn && data)
            free_fn(data);
        return PBLINT_ENOMEM;
    }
    return 0;
}

void pb_result_drop_shared(pblint_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->nshared; i++)
        if (res->shared[i].free_fn && res->shared[i].data)
            res->shared[i].free_fn(res->shared[i].data);
    free(res->shared);
    res->shared = NULL;
    res->nshared = res->shared_cap = 0;
}

void pblint_result_free(pblint_result *res)
{
    if (!res)
        return;
    pb_result_drop_shared(res);
    /* The diagnostics themselves live in the arena; their arrays do not. */
    for (size_t i = 0; i < res->ndiags; i++) {
        pblint_diag *d = res->diags[i];
        if (d) {
            free(d->notes);
            free(d->fixits);
        }
    }
    free(res->diags);
    pblint_doc *doc = res->doc;
    if (doc) {
        for (size_t i = 0; i < doc->ntables; i++)
            if (doc->tables[i])
                free(doc->tables[i]->rows);
        free(doc->tables);
        free(doc->sections);
        free(doc->fields);
        free(doc->first_of_key);
        free(doc->paras);
        pb_source_free(&doc->src);
        pb_arena_free(&doc->arena);
        pb_arena_free(&doc->field_arena);
        pb_arena_free(&doc->cell_arena);
        free(doc);
    }
    free(res);
}

/* ------------------------------------------------------ check + options */

const char *pblint_check_rule(const pblint_check *chk)
{
    return chk && chk->rule && chk->rule->id ? chk->rule->id : "";
}

const char *pblint_check_option(const pblint_check *chk, const char *key)
{
    if (!chk || !chk->rule || !key)
        return NULL;
    const pb_rule *r = chk->rule;
    /* The last setting of a key wins. */
    for (size_t i = r->noptions; i-- > 0;)
        if (r->options[i].key && strcmp(r->options[i].key, key) == 0)
            return r->options[i].value;
    return NULL;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *skip_blanks(const char *s)
{
    while (is_blank(*s))
        s++;
    return s;
}

long pblint_check_option_int(const pblint_check *chk, const char *key, long def)
{
    const char *v = pblint_check_option(chk, key);
    if (!v)
        return def;
    v = skip_blanks(v);
    if (!*v)
        return def;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || errno != 0 || *skip_blanks(end) != '\0')
        return def;
    return n;
}

/* Parses [+-]digits[.digits] (or .digits / digits.) exactly. */
static bool parse_decimal(const char *s, pblint_decimal *out)
{
    s = skip_blanks(s);
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    const uint64_t lim = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    uint64_t m = 0;
    int32_t scale = 0;
    int digits = 0;
    bool dot = false;
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            unsigned dg = (unsigned)(*s - '0');
            if (m > (lim - dg) / 10u)
                return false;
            m = m * 10u + dg;
            digits++;
            if (dot && ++scale > 18)
                return false;
        } else if (*s == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (digits == 0 || *skip_blanks(s) != '\0')
        return false;
    if (neg)
        out->mant = m == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)m;
    else
        out->mant = (int64_t)m;
    out->scale = scale;
    return true;
}

pblint_decimal pblint_check_option_decimal(const pblint_check *chk, const char *key,
                                           pblint_decimal def)
{
    const char *v = pblint_check_option(chk, key);
    pblint_decimal d;
    if (!v || !parse_decimal(v, &d))
        return def;
    return d;
}

bool pblint_check_option_bool(const pblint_check *chk, const char *key, bool def)
{
    const char *v = pblint_check_option(chk, key);
    if (!v)
        return def;
    v = skip_blanks(v);
    size_t n = strlen(v);
    while (n > 0 && is_blank(v[n - 1]))
        n--;
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < PB_ARRAY_LEN(yes); i++) {
        if (strlen(yes[i]) == n && strncasecmp(v, yes[i], n) == 0)
            return true;
        if (strlen(no[i]) == n && strncasecmp(v, no[i], n) == 0)
            return false;
    }
    return def;
}

#define PB_FULLWIDTH_COMMA "\xef\xbc\x8c" /* ， U+FF0C */
#define PB_IDEO_SPACE "\xe3\x80\x80"      /* U+3000 */

/* Length of the item separator at s (',' or '，'), 0 if none. */
static size_t sep_len(const char *s)
{
    if (*s == ',')
        return 1;
    if (strncmp(s, PB_FULLWIDTH_COMMA, 3) == 0)
        return 3;
    return 0;
}

static size_t space_len(const char *s)
{
    if (is_blank(*s))
        return 1;
    if (strncmp(s, PB_IDEO_SPACE, 3) == 0)
        return 3;
    return 0;
}

/*
 * Items are separated by ',' (or a full-width '，'); white space (ASCII or
 * U+3000) around an item is trimmed and empty items are skipped, so
 * "a, b,,c" has three items.  The returned copy lives in the document's
 * arena, valid until the result is freed.
 */
const char *pblint_check_option_item(const pblint_check *chk, const char *key, size_t i)
{
    const char *v = pblint_check_option(chk, key);
    if (!v || !chk->res || !chk->res->doc)
        return NULL;
    size_t k = 0;
    const char *p = v;
    for (;;) {
        const char *e = p;
        while (*e && sep_len(e) == 0)
            e++;
        const char *s = p, *t = e;
        size_t n;
        while (s < t && (n = space_len(s)) > 0 && s + n <= t)
            s += n;
        for (;;) {
            if (t > s && is_blank(t[-1]))
                t--;
            else if (t - s >= 3 && strncmp(t - 3, PB_IDEO_SPACE, 3) == 0)
                t -= 3;
            else
                break;
        }
        if (t > s) {
            if (k == i)
                return pb_strndup(&chk->res->doc->arena, s, (size_t)(t - s));
            k++;
        }
        if (!*e)
            return NULL;
        p = e + sep_len(e);
    }
}

/*
 * completeness: is the form filled in?
 *
 * Blank and missing fields, the 项目类别 boxes, the project period and the
 * year of each sheet, names that are not names, template placeholders, the
 * parts of a self-evaluation report, the phone number, and the 制度保障
 * rows (a stage ticked, one document per kind of rule, the right kind of
 * document under each heading).
 *
 * Sources: ../shared/reference/domain-rules.md §1.B (rules 13-20) and §1.G
 * (rules 55-57).  Every word list below is a default that a rule option
 * replaces; the pages in rules-doc/completeness/ document them.
 */
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

/* Decodes the code point at s[i] (valid UTF-8 is assumed; a stray byte is
 * taken as itself); returns the offset of the next one. */
static size_t u8_next(const char *s, size_t n, size_t i, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[i];
    size_t len = 1;
    if (c >= 0xf0 && i + 3 < n) {
        c = ((c & 0x07u) << 18) | ((u[i + 1] & 0x3fu) << 12) | ((u[i + 2] & 0x3fu) << 6) |
            (u[i + 3] & 0x3fu);
        len = 4;
    } else if (c >= 0xe0 && i + 2 < n) {
        c = ((c & 0x0fu) << 12) | ((u[i + 1] & 0x3fu) << 6) | (u[i + 2] & 0x3fu);
        len = 3;
    } else if (c >= 0xc0 && i + 1 < n) {
        c = ((c & 0x1fu) << 6) | (u[i + 1] & 0x3fu);
        len = 2;
    }
    if (i + len > n)
        len = n - i;
    *cp = c;
    return i + len;
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

static bool is_ascii_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static size_t count_cps(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0u) != 0x80u)
            k++;
    return k;
}

/* count_cps(s, n) when that is at most max, else some count above max
 * (counted no further).  Eight bytes a step: a byte that is not 10xxxxxx
 * starts a code point. */
static size_t count_cps_max(const char *s, size_t n, size_t max)
{
    size_t k = 0, i = 0;
    for (; i + 8 <= n && k <= max; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = x & ~(x << 1) & 0x8080808080808080ull; /* bit 7 set, bit 6 clear */
        k += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < n && k <= max; i++)
        if (((unsigned char)s[i] & 0xc0u) != 0x80u)
            k++;
    return k;
}

static bool bytes_eq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    return an == bn && memcmp(a, b, an) == 0;
}

/* Whether w[0, m) occurs in s[0, n) (never when m is 0).  Each place is
 * tried on its first two bytes first: a CJK lead byte alone matches a
 * third of the places. */
static bool has_sub_n(const char *s, size_t n, const char *w, size_t m)
{
    if (m == 0 || m > n)
        return false;
    if (m == 1)
        return memchr(s, w[0], n) != NULL;
    for (size_t i = 0; i + m <= n; i++)
        if (s[i] == w[0] && s[i + 1] == w[1] && memcmp(s + i + 2, w + 2, m - 2) == 0)
            return true;
    return false;
}

static bool has_sub(const char *s, size_t n, const char *w)
{
    return has_sub_n(s, n, w, strlen(w));
}

static bool ends_with(const char *s, size_t n, const char *w, size_t *wl)
{
    size_t m = strlen(w);
    if (m == 0 || m > n || memcmp(s + n - m, w, m) != 0)
        return false;
    *wl = m;
    return true;
}

static unsigned line_of(const pblint_doc *doc, uint32_t off)
{
    unsigned line = 0, col = 0; /* in bytes: the cheap unit, and the line is the same */
    pblint_doc_position(doc, off, PBLINT_COLUMN_BYTE, &line, &col);
    return line;
}

/* Copies at most max_cp code points of s into buf, adding "…" when cut. */
static const char *clip(const char *s, size_t n, size_t max_cp, char *buf, size_t size)
{
    size_t i = 0, k = 0;
    while (i < n && k < max_cp) {
        uint32_t cp;
        i = u8_next(s, n, i, &cp);
        k++;
    }
    const char *ell = i < n ? "…" : "";
    size_t el = strlen(ell);
    if (i + el + 1 > size)
        i = size > el + 1 ? size - el - 1 : 0;
    while (i > 0 && ((unsigned char)s[i] & 0xc0u) == 0x80u)
        i--;
    memcpy(buf, s, i);
    memcpy(buf + i, ell, el);
    buf[i + el] = '\0';
    return buf;
}

/* The source of [off, off+len) of t as written, when it is plain text (no
 * markup, one line); else the normalised text. */
static const char *as_written(const pblint_doc *doc, const pblint_text *t, size_t off, size_t len,
                              char *buf, size_t size)
{
    size_t n = 0;
    const char *s = pblint_text_str(t, &n);
    size_t rl = 0;
    const char *raw = pblint_doc_slice(doc, pblint_text_map(t, off, len), &rl);
    if (raw && rl > 0 && rl < size && !memchr(raw, '<', rl) && !memchr(raw, '\n', rl) &&
        !memchr(raw, '&', rl)) {
        memcpy(buf, raw, rl);
        buf[rl] = '\0';
        return buf;
    }
    return clip(s + off, len, 30, buf, size);
}

/* A window of about `around` code points on each side of [off, off+len). */
static const char *context(const pblint_doc *doc, const pblint_text *t, size_t off, size_t len,
                           size_t around, char *buf, size_t size)
{
    size_t n = 0;
    const char *s = pblint_text_str(t, &n);
    size_t a = off, k = 0;
    while (a > 0 && k < around) {
        a--;
        while (a > 0 && ((unsigned char)s[a] & 0xc0u) == 0x80u)
            a--;
        k++;
    }
    size_t e = off + len;
    for (k = 0; e < n && k < around; k++) {
        uint32_t cp;
        e = u8_next(s, n, e, &cp);
    }
    char mid[200];
    as_written(doc, t, a, e - a, mid, sizeof mid);
    snprintf(buf, size, "%s%s%s", a > 0 ? "…" : "", mid, e < n ? "…" : "");
    return buf;
}

/* --------------------------------------------------------- list options */

#define LIST_MAX 64

typedef struct str_list {
    const char *v[LIST_MAX];
    size_t len[LIST_MAX]; /* strlen(v[i]), taken once */
    size_t n;
} str_list;

/* The items of list option `key`, or the defaults when it is not set. */
static void list_load(const pblint_check *chk, const char *key, const char *const *defs,
                      str_list *out)
{
    out->n = 0;
    if (pblint_check_option(chk, key)) {
        const char *it;
        while (out->n < LIST_MAX && (it = pblint_check_option_item(chk, key, out->n)) != NULL) {
            out->len[out->n] = strlen(it);
            out->v[out->n++] = it;
        }
        return;
    }
    for (; defs && *defs && out->n < LIST_MAX; defs++) {
        out->len[out->n] = strlen(*defs);
        out->v[out->n++] = *defs;
    }
}

static bool list_has(const str_list *l, const char *s, size_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->len[i] == n && memcmp(s, l->v[i], n) == 0)
            return true;
    return false;
}

static bool list_has_str(const str_list *l, const char *s)
{
    return s && list_has(l, s, strlen(s));
}

/* The first item that occurs in s, or NULL. */
static const char *list_find_in(const str_list *l, const char *s, size_t n)
{
    for (size_t i = 0; i < l->n; i++)
        if (has_sub_n(s, n, l->v[i], l->len[i]))
            return l->v[i];
    return NULL;
}

/* ------------------------------------------------------------- fields */

static const struct {
    const char *key, *name;
} FIELD_NAMES[] = {
    {"project_name", "项目名称"},  {"unit_name", "填报单位"},     {"department", "主管部门"},
    {"money_unit", "金额单位"},    {"project_kind", "项目类别"},  {"project_attr", "项目属性"},
    {"owner", "项目负责人"},       {"contact", "联系人"},         {"phone", "联系电话"},
    {"unit_head", "填报单位负责人"}, {"filler", "填表人"},        {"fill_date", "填报日期"},
    {"start_date", "起始日期"},    {"end_date", "结束日期"},      {"period", "项目起止时间"},
    {"overview", "项目概况"},      {"basis", "立项依据"},         {"necessity", "必要性"},
    {"feasibility", "可行性"},     {"resources", "项目相关资源投入和制度建设情况"},
    {"total_goal", "项目总目标"},  {"year_goal", "年度绩效目标"}, {"other_issues", "需要说明的其他问题"},
    {"composition", "项目构成"},   {"safeguard_text", "保证项目实施的制度、措施"},
    {"project_total", "项目总预算"}, {"year_budget", "当年预算"}, {"fiscal", "财政拨款"},
    {"fiscal_upper", "上级财政拨款"}, {"fiscal_own", "本级财政安排"},
    {"fiscal_lower", "下级财政配套"}, {"other_funds", "其他资金"}, {"carry_over", "上年结转资金"},
    {"budget", "预算数"},          {"actual", "执行数"},
};

static const char *std_name(const char *key)
{
    for (size_t i = 0; i < ARRAY_LEN(FIELD_NAMES); i++)
        if (strcmp(FIELD_NAMES[i].key, key) == 0)
            return FIELD_NAMES[i].name;
    return key;
}

/* The field's name as the filing writes it (its label without spaces), or
 * the standard name when the label was inferred. */
static void field_name(const pblint_field *f, const char **s, int *n)
{
    size_t kl = 0;
    const char *k = pblint_text_key(pblint_field_label(f), &kl);
    if (kl > 0 && kl < 200) {
        *s = k;
        *n = (int)kl;
        return;
    }
    *s = std_name(pblint_field_key(f));
    *n = (int)strlen(*s);
}

/* Where to report a field: its label, or its value when it has none. */
static pblint_span field_anchor(const pblint_field *f)
{
    const pblint_text *l = pblint_field_label(f);
    if (!pblint_text_empty(l))
        return pblint_text_span(l);
    return pblint_text_span(pblint_field_text(f));
}

static const pblint_field *field_in(const pblint_doc *doc, const char *key, size_t len)
{
    char buf[64];
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, key, len);
    buf[len] = '\0';
    return pblint_doc_field(doc, buf);
}

/* ---------------------------------------------- blank and placeholders */

/* True when s is made only of placeholder marks: dashes, slashes,
 * underscores, spaces (and, for a date, the bare 年 月 日 of a form). */
static bool placeholder_only(const char *s, size_t n, bool date)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i = u8_next(s, n, i, &cp);
        switch (cp) {
        case ' ':
            break;
        case '-': case '_': case '/': case '\\': case 0x2013: case 0x2014: case 0x2015:
        case 0x2500: case 0x2212: case 0xfe4d: case 0xfe4e: case 0xfe4f:
            break;
        case 0x5e74: /* 年 */
        case 0x6708: /* 月 */
        case 0x65e5: /* 日 */
            if (!date)
                return false;
            break;
        default:
            return false;
        }
    }
    return true;
}

static const char *const REQ_WARN[] = {"owner", "contact", "phone", "unit_head", "filler",
                                       "fill_date", NULL};
static const char *const REQ_ERROR[] = {
    "project_name", "unit_name", "money_unit", "project_kind", "project_attr", "start_date",
    "end_date", "overview", "basis", "necessity", "feasibility", "total_goal", "year_goal",
    "project_total", "year_budget", NULL};

static int check_required_empty(pblint_check *chk, const pblint_doc *doc)
{
    str_list warn, err;
    list_load(chk, "fields", REQ_WARN, &warn);
    list_load(chk, "error-fields", REQ_ERROR, &err);
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        const char *key = pblint_field_key(f);
        int sev;
        if (list_has_str(&err, key))
            sev = PBLINT_SEV_ERROR;
        else if (list_has_str(&warn, key))
            sev = PBLINT_SEV_WARNING;
        else
            continue;
        size_t n = 0;
        const char *s = pblint_text_str(pblint_field_text(f), &n);
        const char *name;
        int nl;
        field_name(f, &name, &nl);
        bool date = strstr(key, "date") != NULL;
        char q[64];
        if (n == 0)
            pblint_report(chk, sev, field_anchor(f), "%.*s is left blank", nl, name);
        else if (placeholder_only(s, n, date))
            pblint_report(chk, sev, field_anchor(f),
                          "%.*s holds only '%s', a placeholder, not a value", nl, name,
                          clip(s, n, 12, q, sizeof q));
    }

    return 0;
}

/* ---------------------------------------------------- missing fields */

static const char *const MISSING_DEFAULT[] = {
    "project_name", "unit_name", "owner", "contact", "phone", "unit_head", "filler", "fill_date",
    "start_date|period", "end_date|period", "year_budget|project_total",
    "year_goal|total_goal", NULL};

/* Whether one requirement ("a|b": any of the keys) is met. */
static bool requirement_met(const pblint_doc *doc, const char *req)
{
    const char *p = req;
    for (;;) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 0 && field_in(doc, p, len))
            return true;
        /* "项目负责人及电话", "联系人及电话": the phone is asked for there */
        if (bytes_eq(p, len, "phone")) {
            static const char *const HOLDERS[] = {"owner", "contact"};
            for (size_t i = 0; i < ARRAY_LEN(HOLDERS); i++) {
                const pblint_field *f = pblint_doc_field(doc, HOLDERS[i]);
                size_t kl = 0;
                const char *k = f ? pblint_text_key(pblint_field_label(f), &kl) : NULL;
                if (k && (has_sub(k, kl, "电话") || has_sub(k, kl, "联系方式")))
                    return true;
            }
        }
        if (!e)
            return false;
        p = e + 1;
    }
}

static int check_required_missing(pblint_check *chk, const pblint_doc *doc)
{
    if (pblint_doc_kind(doc) != PBLINT_DOC_DECLARATION)
        return 0;
    str_list req;
    list_load(chk, "fields", MISSING_DEFAULT, &req);
    if (req.n == 0)
        return 0;
    bool met[LIST_MAX];
    size_t nmet = 0;
    for (size_t i = 0; i < req.n; i++) {
        met[i] = requirement_met(doc, req.v[i]);
        nmet += met[i];
    }
    /* A filing in which most of the form was not found is another form or
     * a fragment: a list of everything it lacks would be noise. */
    if (nmet * 2 < req.n)
        return 0;
    pblint_span at = {0, 0};
    if (pblint_doc_section_count(doc) > 0) {
        const pblint_text *title = pblint_section_title(pblint_doc_section(doc, 0));
        if (!pblint_text_empty(title))
            at = pblint_text_span(title);
    }
    for (size_t i = 0; i < req.n; i++) {
        if (met[i])
            continue;
        /* "start_date|period" -> "起始日期 (or 项目起止时间)" */
        char names[256];
        size_t nl = 0;
        const char *p = req.v[i];
        bool first = true;
        names[0] = '\0';
        for (;;) {
            const char *e = strchr(p, '|');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            char key[64];
            if (len > 0 && len < sizeof key) {
                memcpy(key, p, len);
                key[len] = '\0';
                int w = snprintf(names + nl, sizeof names - nl, "%s%s", first ? "" : " or ",
                                 std_name(key));
                if (w > 0 && (size_t)w < sizeof names - nl)
                    nl += (size_t)w;
                first = false;
            }
            if (!e)
                break;
            p = e + 1;
        }
        pblint_report(chk, PBLINT_SEV_DEFAULT, at, "the declaration has no %s field", names);
    }
    return 0;
}

/* -------------------------------------------------------- check boxes */

static const char *const CHOICE_FIELDS[] = {"project_kind", "project_attr", NULL};

static int check_single_choice(pblint_check *chk, const pblint_doc *doc)
{
    str_list keys;
    list_load(chk, "fields", CHOICE_FIELDS, &keys);
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (!list_has_str(&keys, pblint_field_key(f)))
            continue;
        size_t nc = pblint_field_choice_count(f);
        if (nc == 0)
            continue;
        size_t ticked = 0;
        char all[320], on[320];
        size_t al = 0, ol = 0;
        all[0] = on[0] = '\0';
        for (size_t k = 0; k < nc; k++) {
            pblint_choice ch;
            if (pblint_field_choice(f, k, &ch) != 0)
                continue;
            size_t ln = 0;
            const char *l = pblint_text_str(ch.label, &ln);
            int w = snprintf(all + al, sizeof all - al, "%s%.*s", al ? ", " : "", (int)ln, l);
            if (w > 0 && (size_t)w < sizeof all - al)
                al += (size_t)w;
            if (ch.checked) {
                ticked++;
                w = snprintf(on + ol, sizeof on - ol, "%s%.*s", ol ? ", " : "", (int)ln, l);
                if (w > 0 && (size_t)w < sizeof on - ol)
                    ol += (size_t)w;
            }
        }
        if (ticked == 1)
            continue;
        const char *name;
        int nl;
        field_name(f, &name, &nl);
        if (ticked == 0) {
            pblint_report(chk, PBLINT_SEV_DEFAULT, field_anchor(f),
                          "no box is ticked in %.*s (%s): tick exactly one", nl, name, all);
            continue;
        }
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, field_anchor(f),
                                       "%zu boxes are ticked in %.*s (%s): tick exactly one",
                                       ticked, nl, name, on);
        for (size_t k = 0; d && k < nc; k++) {
            pblint_choice ch;
            if (pblint_field_choice(f, k, &ch) == 0 && ch.checked) {
                size_t ln = 0;
                const char *l = pblint_text_str(ch.label, &ln);
                pblint_diag_add_note(d, ch.box, "%.*s is ticked here", (int)ln, l);
            }
        }
    }
    return 0;
}

/* -------------------------------------------------------------- dates */

static const pblint_value *date_of(const pblint_field *f)
{
    if (!f)
        return NULL;
    const pblint_value *v = pblint_field_value(f);
    if (!v || v->kind != PBLINT_VAL_DATE || v->year <= 0)
        return NULL;
    return v;
}

/* -1, 0, 1; or 2 when the dates cannot be ordered (a month or day not given
 * where the other parts are equal). */
static int date_cmp(const pblint_value *a, const pblint_value *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month == 0 || b->month == 0)
        return 2;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day == 0 || b->day == 0)
        return 2;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

static const char *field_value_str(const pblint_field *f, char *buf, size_t size)
{
    size_t n = 0;
    const char *s = pblint_text_str(pblint_field_text(f), &n);
    return clip(s, n, 24, buf, size);
}

static pblint_span value_span(const pblint_field *f)
{
    const pblint_value *v = pblint_field_value(f);
    if (v && v->span.end > v->span.start)
        return v->span;
    return pblint_text_span(pblint_field_text(f));
}

static const char *const MULTI_YEAR_KINDS[] = {"中期预算试点项目", "中期项目", "跨年度项目",
                                               "延续项目", NULL};
static const char *const SINGLE_YEAR_KINDS[] = {"一次性项目", "经常性项目", NULL};

/* Whether a ticked box of 项目类别/项目属性 is one of the list. */
static bool ticked_kind_in(const pblint_doc *doc, const str_list *l, const char **which)
{
    static const char *const KEYS[] = {"project_kind", "project_attr"};
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        const char *key = pblint_field_key(f);
        if (strcmp(key, KEYS[0]) != 0 && strcmp(key, KEYS[1]) != 0)
            continue;
        size_t nc = pblint_field_choice_count(f);
        for (size_t k = 0; k < nc; k++) {
            pblint_choice ch;
            if (pblint_field_choice(f, k, &ch) != 0 || !ch.checked)
                continue;
            size_t kl = 0;
            const char *lk = pblint_text_key(ch.label, &kl);
            for (size_t j = 0; j < l->n; j++)
                if (l->len[j] == kl && memcmp(lk, l->v[j], kl) == 0) {
                    *which = l->v[j];
                    return true;
                }
        }
    }
    return false;
}

/* The filing's year for a field: its sheet's, else the title's. */
static int year_for(const pblint_doc *doc, const pblint_field *f, pblint_span *where)
{
    size_t si = pblint_field_section(f);
    if (si < pblint_doc_section_count(doc)) {
        int y = pblint_section_year(pblint_doc_section(doc, si), where);
        if (y > 0)
            return y;
    }
    return pblint_doc_year(doc, where);
}

static int check_date_range(pblint_check *chk, const pblint_doc *doc)
{
    const pblint_field *fs = pblint_doc_field(doc, "start_date");
    const pblint_field *fe = pblint_doc_field(doc, "end_date");
    const pblint_field *ff = pblint_doc_field(doc, "fill_date");
    const pblint_value *vs = date_of(fs), *ve = date_of(fe), *vf = date_of(ff);
    char a[96], b[96];
    const char *na, *nb;
    int la, lb;

    if (vs && ve && date_cmp(vs, ve) == 1) {
        field_name(fs, &na, &la);
        field_name(fe, &nb, &lb);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(fs),
                                       "%.*s %s is after %.*s %s", la, na,
                                       field_value_str(fs, a, sizeof a), lb, nb,
                                       field_value_str(fe, b, sizeof b));
        if (d)
            pblint_diag_add_note(d, value_span(fe), "%.*s is here", lb, nb);
    }

    const pblint_field *any = fs ? fs : fe;
    pblint_span ysp = {0, 0};
    int year = any ? year_for(doc, any, &ysp) : 0;
    if (year > 0 && (vs || ve)) {
        str_list multi, single;
        list_load(chk, "multi-year-kinds", MULTI_YEAR_KINDS, &multi);
        list_load(chk, "single-year-kinds", SINGLE_YEAR_KINDS, &single);
        const char *kind = NULL;
        bool is_multi = ticked_kind_in(doc, &multi, &kind);
        const char *skind = NULL;
        bool is_single = !is_multi && ticked_kind_in(doc, &single, &skind);
        bool before = ve && ve->year < year; /* the period ends before the year */
        bool after = vs && vs->year > year;  /* or starts after it */
        if (before || after) {
            const pblint_field *f = before ? fe : fs;
            field_name(f, &na, &la);
            pblint_diag *d = pblint_report(
                chk, PBLINT_SEV_DEFAULT, value_span(f),
                "%.*s %s %s the project period %s %d, the year of this filing", la, na,
                field_value_str(f, a, sizeof a), before ? "ends" : "starts",
                before ? "before" : "after", year);
            if (d && ysp.end > ysp.start)
                pblint_diag_add_note(d, ysp, "the filing is for %d here", year);
        } else if (!is_multi) {
            /* the period touches the year but runs past it: wrong for a
             * one-year project (error), doubtful when no kind is ticked */
            const pblint_field *fl[2] = {fs, fe};
            const pblint_value *vl[2] = {vs, ve};
            for (int k = 0; k < 2; k++) {
                if (!vl[k] || vl[k]->year == year)
                    continue;
                field_name(fl[k], &na, &la);
                pblint_diag *d;
                if (is_single)
                    d = pblint_report(chk, PBLINT_SEV_DEFAULT, value_span(fl[k]),
                                      "%.*s %s is not in %d, the year of this filing, although "
                                      "the project is a %s",
                                      la, na, field_value_str(fl[k], a, sizeof a), year, skind);
                else
                    d = pblint_report(chk, PBLINT_SEV_WARNING, value_span(fl[k]),
                                      "%.*s %s is not in %d, the year of this filing: correct "
                                      "the period, or tick the multi-year 项目类别 it belongs to",
                                      la, na, field_value_str(fl[k], a, sizeof a), year);
                if (d && ysp.end > ysp.start)
                    pblint_diag_add_note(d, ysp, "the filing is for %d here", year);
            }
        }
    }

    if (vf && vs && pblint_doc_kind(doc) == PBLINT_DOC_DECLARATION && date_cmp(vf, vs) == 1) {
        field_name(ff, &na, &la);
        field_name(fs, &nb, &lb);
        pblint_diag *d = pblint_report(
            chk, PBLINT_SEV_NOTE, value_span(ff),
            "%.*s %s is after %.*s %s: a declaration is normally filed before the project starts",
            la, na, field_value_str(ff, a, sizeof a), lb, nb, field_value_str(fs, b, sizeof b));
        if (d)
            pblint_diag_add_note(d, value_span(fs), "%.*s is here", lb, nb);
    }
    return 0;
}

static int check_year_consistent(pblint_check *chk, const pblint_doc *doc)
{
    pblint_span ref_at = {0, 0};
    int ref = pblint_doc_year(doc, &ref_at);
    size_t ns = pblint_doc_section_count(doc);
    size_t ref_sec = (size_t)-1;
    for (size_t i = 0; i < ns && ref <= 0; i++) {
        pblint_span w;
        int y = pblint_section_year(pblint_doc_section(doc, i), &w);
        if (y > 0) {
            ref = y;
            ref_at = w;
            ref_sec = i;
        }
    }
    if (ref <= 0)
        return 0;
    for (size_t i = 0; i < ns; i++) {
        if (i == ref_sec)
            continue;
        const pblint_section *s = pblint_doc_section(doc, i);
        pblint_span w = {0, 0};
        int y = pblint_section_year(s, &w);
        if (y <= 0 || y == ref)
            continue;
        size_t tl = 0;
        const char *title = pblint_text_str(pblint_section_title(s), &tl);
        char q[160];
        pblint_diag *d;
        if (tl > 0)
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, w,
                              "the sheet '%s' is dated %d, but the filing is for %d (line %u)",
                              clip(title, tl, 40, q, sizeof q), y, ref,
                              line_of(doc, ref_at.start));
        else
            d = pblint_report(chk, PBLINT_SEV_DEFAULT, w,
                              "this sheet is dated %d, but the filing is for %d (line %u)", y, ref,
                              line_of(doc, ref_at.start));
        if (d)
            pblint_diag_add_note(d, ref_at, "the filing's year is given here");
    }
    return 0;
}

/* ------------------------------------------------------ person fields */

static const char *const PERSON_FIELDS[] = {"owner", "contact", "unit_head", "filler", NULL};
static const char *const HONORIFICS[] = {"老师", "先生", "女士", "小姐", "同志", NULL};
static const char *const NAME_PLACEHOLDERS[] = {"某某", "某某某", "某人", "同上", "待定", "见上",
                                                "略", "不详", "无", "暂无", "姓名", NULL};

static bool name_sep(uint32_t cp)
{
    return cp == ' ' || cp == ',' || cp == ';' || cp == '/' || cp == 0x3001 /* 、 */;
}

static int check_placeholder_name(pblint_check *chk, const pblint_doc *doc)
{
    str_list keys, hon, ph;
    list_load(chk, "fields", PERSON_FIELDS, &keys);
    list_load(chk, "honorifics", HONORIFICS, &hon);
    list_load(chk, "placeholders", NAME_PLACEHOLDERS, &ph);
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (!list_has_str(&keys, pblint_field_key(f)))
            continue;
        const pblint_text *t = pblint_field_text(f);
        size_t n = 0;
        const char *s = pblint_text_str(t, &n);
        size_t i0 = 0;
        while (i0 < n) {
            /* one name: up to the next separator */
            size_t j = i0, e = i0;
            uint32_t cp = 0;
            while (j < n) {
                size_t nx = u8_next(s, n, j, &cp);
                if (name_sep(cp))
                    break;
                j = nx;
                e = j;
            }
            const char *tok = s + i0;
            size_t tl = e - i0;
            const char *name;
            int nl;
            char q[64];
            if (tl > 0) {
                size_t hl = 0;
                const char *h = NULL;
                for (size_t k = 0; k < hon.n && !h; k++)
                    if (ends_with(tok, tl, hon.v[k], &hl))
                        h = hon.v[k];
                /* "石老师": a surname (or none) and a form of address */
                bool surname = true;
                size_t pre = h ? tl - hl : 0;
                for (size_t k = 0; h && k < pre;) {
                    uint32_t c;
                    k = u8_next(tok, pre, k, &c);
                    surname = surname && is_han(c);
                }
                if (h && surname && count_cps(tok, pre) <= 2) {
                    field_name(f, &name, &nl);
                    pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_map(t, i0, tl),
                                  "%.*s is '%s', a form of address (…%s), not a name: write the "
                                  "person's full name",
                                  nl, name, clip(tok, tl, 16, q, sizeof q), h);
                } else if (list_has(&ph, tok, tl)) {
                    field_name(f, &name, &nl);
                    pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_map(t, i0, tl),
                                  "%.*s is '%s', a placeholder, not a name", nl, name,
                                  clip(tok, tl, 16, q, sizeof q));
                }
            }
            /* past the separator */
            i0 = j < n ? u8_next(s, n, j, &cp) : n;
        }
    }
    return 0;
}

/* --------------------------------------------------- template residue */

typedef struct finding {
    uint32_t src;
    const pblint_text *t;
    uint32_t off, len;
    int what;
    int role; /* 0 text, 1 target cell, 2 indicator name cell */
} finding;

typedef struct finding_vec {
    finding *v;
    size_t n, cap;
    bool oom;
} finding_vec;

static void fv_push(finding_vec *fv, finding f)
{
    if (fv->oom)
        return;
    if (fv->n == fv->cap) {
        size_t nc = fv->cap ? fv->cap * 2 : 32;
        finding *nv = realloc(fv->v, nc * sizeof *nv);
        if (!nv) {
            fv->oom = true;
            return;
        }
        fv->v = nv;
        fv->cap = nc;
    }
    fv->v[fv->n++] = f;
}

static int finding_cmp(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    return 0;
}

enum { RES_STARS = 1, RES_X, RES_TIMES, RES_NUMBERED, RES_ELLIPSIS };

static bool is_digit_cp(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* "指标1", "三级指标2", "目标3": an indicator name never filled in. */
static bool numbered_placeholder(const char *s, size_t n)
{
    static const char *const STEMS[] = {"三级指标", "三级目标", "指标名称", "指标", "目标"};
    for (size_t i = 0; i < ARRAY_LEN(STEMS); i++) {
        size_t m = strlen(STEMS[i]);
        if (n <= m || memcmp(s, STEMS[i], m) != 0)
            continue;
        size_t j = m;
        while (j < n) {
            uint32_t cp;
            size_t nx = u8_next(s, n, j, &cp);
            if (!is_digit_cp(cp) && !(cp == 0x4e00 || cp == 0x4e8c || cp == 0x4e09 ||
                                      cp == 0x56db || cp == 0x4e94 || cp == 0x516d ||
                                      cp == 0x4e03 || cp == 0x516b || cp == 0x4e5d ||
                                      cp == 0x5341))
                return false;
            j = nx;
        }
        return true;
    }
    return false;
}

/* The bytes the marks are written with: * X x . and C3 (the lead of ×). */
static const bool MARK_BYTE[256] = {['*'] = true, ['X'] = true, ['x'] = true, ['.'] = true,
                                    [0xc3] = true};

/* Whether s holds one of them: a short text (most cells) in one pass, a
 * longer one with memchr(), whose set-up five calls only then repay. */
static bool has_mark_byte(const char *s, size_t n)
{
    if (n > 48)
        return memchr(s, '*', n) || memchr(s, 'X', n) || memchr(s, 'x', n) || memchr(s, '.', n) ||
               memchr(s, 0xc3, n);
    const unsigned char *u = (const unsigned char *)s;
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any |= MARK_BYTE[u[i]];
    return any;
}

static void scan_residue(finding_vec *fv, const pblint_text *t, int role)
{
    size_t n = 0;
    const char *s = pblint_text_str(t, &n);
    if (n == 0)
        return;
    if (role != 2 && !has_mark_byte(s, n))
        return; /* none of the marks: most cells */
    if (role == 2 && numbered_placeholder(s, n)) {
        pblint_span sp = pblint_text_map(t, 0, n);
        fv_push(fv, (finding){sp.start, t, 0, (uint32_t)n, RES_NUMBERED, role});
        return;
    }
    bool digit = false;
    for (size_t i = 0; i < n && !digit; i++)
        digit = s[i] >= '0' && s[i] <= '9';
    const unsigned char *u = (const unsigned char *)s;
    /* prev, the code point before i, is decoded only when a mark needs it:
     * pstart is where it starts (SIZE_MAX: it is prev itself) */
    uint32_t prev = 0;
    size_t pstart = SIZE_MAX;
    for (size_t i = 0; i < n;) {
        /* Most code points are none of the marks, and are passed over
         * without decoding, by the step u8_next() takes: an ASCII byte
         * other than the marks, a stray continuation byte (taken as
         * itself, 80..BF), a three-byte code point led by E1..EF (U+1000
         * and up).  Anything else (C3 97 is ×; an overlong form may decode
         * to a mark) takes the path below, as it always did. */
        unsigned char b = u[i];
        if (b < 0x80 ? b != '*' && b != 'X' && b != 'x' && b != '.' : b < 0xc0) {
            pstart = i;
            i++;
            continue;
        }
        if (b >= 0xe1 && b <= 0xef && i + 2 < n) {
            pstart = i;
            i += 3;
            continue;
        }
        if (pstart != SIZE_MAX) {
            u8_next(s, n, pstart, &prev);
            pstart = SIZE_MAX;
        }
        uint32_t cp;
        size_t nx = u8_next(s, n, i, &cp);
        if (cp == '*' || cp == 'X' || cp == 'x' || cp == 0xd7 /* × */) {
            size_t j = nx, k = 1;
            uint32_t c2 = 0, after = 0;
            bool xs = cp == 'X' || cp == 'x';
            while (j < n) {
                size_t nj = u8_next(s, n, j, &c2);
                bool same = xs ? (c2 == 'X' || c2 == 'x') : c2 == cp;
                if (!same) {
                    after = c2;
                    break;
                }
                j = nj;
                k++;
            }
            if (j >= n)
                after = 0;
            bool hit = k >= 2 && !(xs && (is_ascii_letter(prev) || is_ascii_letter(after)));
            if (hit) {
                pblint_span sp = pblint_text_map(t, i, j - i);
                fv_push(fv, (finding){sp.start, t, (uint32_t)i, (uint32_t)(j - i),
                                      cp == '*' ? RES_STARS : xs ? RES_X : RES_TIMES, role});
            }
            prev = cp;
            i = j;
            continue;
        }
        /* "……" (NFKC: "......") where a number belongs: in a target with no
         * digit, or as a whole value */
        if (cp == '.' && !digit) {
            size_t j = i;
            while (j < n && s[j] == '.')
                j++;
            bool whole = i == 0 && j == n;
            if (j - i >= 3 && (role == 1 || whole)) {
                pblint_span sp = pblint_text_map(t, i, j - i);
                fv_push(fv, (finding){sp.start, t, (uint32_t)i, (uint32_t)(j - i), RES_ELLIPSIS,
                                      role});
            }
            prev = cp;
            i = j;
            continue;
        }
        prev = cp;
        i = nx;
    }
}

static int check_template_residue(pblint_check *chk, const pblint_doc *doc)
{
    finding_vec fv = {0};
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++)
        scan_residue(&fv, pblint_field_text(pblint_doc_field_at(doc, i)), 0);
    size_t np = pblint_doc_paragraph_count(doc);
    for (size_t i = 0; i < np; i++) {
        const char *key = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
        if (!key)
            scan_residue(&fv, t, 0);
    }
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        bool ind = pblint_table_kind(t) == PBLINT_TABLE_INDICATOR;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (pblint_row_kind(r) == PBLINT_ROW_HEADER)
                continue;
            size_t nc = pblint_row_cell_count(r);
            for (size_t ci = 0; ci < nc; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                int role = pblint_cell_role(c);
                int rr = !ind ? 0 : role == PBLINT_COL_TARGET ? 1 : role == PBLINT_COL_LEVEL3 ? 2 : 0;
                scan_residue(&fv, pblint_cell_text(c), rr);
            }
        }
    }
    if (fv.oom) {
        free(fv.v);
        return PBLINT_ENOMEM;
    }
    if (fv.n > 1)
        qsort(fv.v, fv.n, sizeof *fv.v, finding_cmp);
    for (size_t i = 0; i < fv.n; i++) {
        if (i > 0 && fv.v[i].src == fv.v[i - 1].src)
            continue;
        const finding *f = &fv.v[i];
        size_t n = 0;
        pblint_text_str(f->t, &n);
        char q[320], m[64];
        const char *mark = as_written(doc, f->t, f->off, f->len, m, sizeof m);
        const char *ctx = context(doc, f->t, f->off, f->len, 10, q, sizeof q);
        pblint_span sp = pblint_text_map(f->t, f->off, f->len);
        bool whole = f->off == 0 && f->len == n;
        switch (f->what) {
        case RES_NUMBERED:
            pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                          "indicator name '%s' is the template's numbered placeholder, not a name",
                          mark);
            break;
        default:
            if (whole)
                pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                              "'%s' is the template's placeholder, not a value: replace it with "
                              "the real value",
                              mark);
            else
                pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                              "template placeholder '%s' left in '%s': replace it with the real "
                              "value",
                              mark, ctx);
            break;
        }
    }
    free(fv.v);
    return 0;
}

/* ------------------------------------------ parts of a self-evaluation */

static const char *const TOPIC_BASIC[] = {"基本情况", "项目概况", NULL};
static const char *const TOPIC_TARGETS[] = {"完成情况", "绩效分析", "目标实现", "指标完成",
                                            "实施效果", NULL};
static const char *const TOPIC_CONCLUSION[] = {"自评结论", "评价结论", "综合评价", "自评得分",
                                               "评价得分", "总体评价", "评分情况", NULL};
static const char *const TOPIC_PROBLEMS[] = {"存在的问题", "存在问题", "主要问题", "问题及原因",
                                             "问题和原因", "问题分析", NULL};
static const char *const TOPIC_IMPROVE[] = {"改进措施", "改进建议", "整改措施", "意见建议",
                                            "相关建议", "有关建议", "对策建议", "工作建议",
                                            "下一步", NULL};

static const struct {
    const char *option;
    const char *const *words;
    const char *what;
} TOPICS[] = {
    {"basic-words", TOPIC_BASIC, "项目基本情况 (the project, its budget and spending)"},
    {"targets-words", TOPIC_TARGETS, "绩效目标完成情况 (each target against its result)"},
    {"conclusion-words", TOPIC_CONCLUSION, "自评结论 (the score and grade)"},
    {"problems-words", TOPIC_PROBLEMS, "存在的问题 (problems and their causes)"},
    {"improvements-words", TOPIC_IMPROVE, "改进措施 (remedies and next steps)"},
};

#define HEADING_SHORT_CP 20 /* a line this short is a heading */
#define HEADING_MAX_CP 40   /* a numbered line ("2、存在的问题") up to this */

/* "一、" "（二）" "2、" "(3)" "4." at the start of a key. */
static bool starts_numbered(const char *k, size_t kl)
{
    size_t i = 0;
    bool paren = false;
    uint32_t cp = 0;
    if (i < kl && k[i] == '(') {
        paren = true;
        i++;
    }
    size_t d0 = i;
    while (i < kl) {
        size_t nx = u8_next(k, kl, i, &cp);
        bool num = is_digit_cp(cp) || cp == 0x4e00 || cp == 0x4e8c || cp == 0x4e09 ||
                   cp == 0x56db || cp == 0x4e94 || cp == 0x516d || cp == 0x4e03 ||
                   cp == 0x516b || cp == 0x4e5d || cp == 0x5341;
        if (!num)
            break;
        i = nx;
    }
    if (i == d0 || i >= kl)
        return false;
    u8_next(k, kl, i, &cp);
    if (paren)
        return cp == ')';
    return cp == 0x3001 /* 、 */ || cp == '.' || cp == ')';
}

/* Whether t may be a heading: short, or a numbered line not too long.
 * *k and *kl get its key. */
static bool heading_like(const pblint_text *t, const char **k, size_t *kl)
{
    *kl = 0;
    *k = pblint_text_key(t, kl);
    if (*kl == 0)
        return false;
    /* a paragraph of prose is counted only as far as it takes to tell */
    size_t cps = count_cps_max(*k, *kl, HEADING_MAX_CP);
    return !(cps > HEADING_MAX_CP || (cps > HEADING_SHORT_CP && !starts_numbered(*k, *kl)));
}

/* The words of all the topics, indexed by their first two bytes (one-byte
 * words by their byte): a heading is read once for all of them, each place
 * tried only against the words that begin as it does. */
#define TOPIC_WORDS (LIST_MAX * 5)
#define TOPIC_BUCKETS 512

typedef struct topic_index {
    const char *w[TOPIC_WORDS];
    size_t len[TOPIC_WORDS];
    unsigned char topic[TOPIC_WORDS];
    /* index + 1 of the first word of a byte / bucket, and of the next one (0 = none) */
    uint16_t head1[256], head2[TOPIC_BUCKETS], next[TOPIC_WORDS];
} topic_index;

static size_t topic_bucket(const unsigned char *p)
{
    return ((size_t)(p[0] & 7u) << 6) | (p[1] & 63u); /* a CJK lead byte, a continuation byte */
}

static void topic_index_load(topic_index *x, const str_list *words, size_t nt)
{
    memset(x->head1, 0, sizeof x->head1);
    memset(x->head2, 0, sizeof x->head2);
    size_t m = 0;
    for (size_t t = 0; t < nt; t++)
        for (size_t i = 0; i < words[t].n && m < TOPIC_WORDS; i++) {
            size_t n = words[t].len[i];
            if (n == 0)
                continue; /* has_sub() finds no empty word */
            const unsigned char *w = (const unsigned char *)words[t].v[i];
            uint16_t *head = n == 1 ? &x->head1[w[0]] : &x->head2[topic_bucket(w)];
            x->w[m] = words[t].v[i];
            x->len[m] = n;
            x->topic[m] = (unsigned char)t;
            x->next[m] = *head; /* the order does not matter: every match counts */
            *head = (uint16_t)(m + 1);
            m++;
        }
}

/* Marks found[k] for each topic a heading-like t names: for each topic,
 * whether one of its words occurs in t (the length test made once). */
static void heading_topics(const pblint_text *t, const topic_index *x, bool *found, size_t nt)
{
    const char *k;
    size_t kl;
    size_t left = 0;
    for (size_t i = 0; i < nt; i++)
        left += !found[i];
    if (!left || !heading_like(t, &k, &kl))
        return;
    const unsigned char *u = (const unsigned char *)k;
    for (size_t p = 0; p < kl; p++) {
        for (size_t j = x->head1[u[p]]; j; j = x->next[j - 1])
            found[x->topic[j - 1]] = true;
        if (p + 1 < kl)
            for (size_t j = x->head2[topic_bucket(u + p)]; j; j = x->next[j - 1]) {
                size_t i = j - 1, n = x->len[i];
                if (!found[x->topic[i]] && n <= kl - p && (unsigned char)x->w[i][0] == u[p] &&
                    (unsigned char)x->w[i][1] == u[p + 1] && memcmp(u + p + 2, x->w[i] + 2, n - 2) == 0)
                    found[x->topic[i]] = true;
            }
    }
}

static int check_report_sections(pblint_check *chk, const pblint_doc *doc)
{
    if (pblint_doc_kind(doc) != PBLINT_DOC_SELF_EVALUATION)
        return 0;
    enum { NT = ARRAY_LEN(TOPICS) };
    str_list words[NT];
    bool found[NT];
    for (size_t k = 0; k < NT; k++) {
        list_load(chk, TOPICS[k].option, TOPICS[k].words, &words[k]);
        found[k] = false;
    }
    topic_index *idx = malloc(sizeof *idx);
    if (!idx)
        return PBLINT_ENOMEM;
    topic_index_load(idx, words, NT);
    size_t ns = pblint_doc_section_count(doc);
    for (size_t i = 0; i < ns; i++)
        heading_topics(pblint_section_title(pblint_doc_section(doc, i)), idx, found, NT);
    size_t np = pblint_doc_paragraph_count(doc);
    pblint_span first = {0, 0};
    for (size_t i = 0; i < np; i++) {
        const char *key = NULL;
        const pblint_text *t = pblint_doc_paragraph(doc, i, &key);
        if (i == 0)
            first = pblint_text_span(t);
        if (key)
            continue;
        heading_topics(t, idx, found, NT);
    }
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        heading_topics(pblint_field_label(f), idx, found, NT);
        if (strcmp(pblint_field_key(f), "stated_score") == 0 ||
            strcmp(pblint_field_key(f), "stated_grade") == 0)
            found[2] = true;
    }
    /* the tables say as much as a heading */
    size_t nt = pblint_doc_table_count(doc);
    for (size_t i = 0; i < nt; i++) {
        const pblint_table *t = pblint_doc_table(doc, i);
        if (pblint_table_kind(t) == PBLINT_TABLE_INDICATOR &&
            pblint_table_has_column(t, PBLINT_COL_ACTUAL))
            found[1] = true;
        if (pblint_table_kind(t) == PBLINT_TABLE_SCORE)
            found[2] = true;
        if (pblint_table_has_column(t, PBLINT_COL_DEVIATION))
            found[3] = found[4] = true;
    }
    free(idx);
    size_t nfound = 0;
    for (size_t k = 0; k < NT; k++)
        nfound += found[k];
    /* Fewer than two parts: a 自评表 form, not a report in prose. */
    if (nfound < 2)
        return 0;
    pblint_span at = {first.start, first.start};
    for (size_t k = 0; k < NT; k++)
        if (!found[k])
            pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                          "the self-evaluation report has no part on %s", TOPICS[k].what);
    return 0;
}

/* -------------------------------------------------------------- phone */

static const char *const PHONE_FIELDS[] = {"phone", NULL};

/* Whether one number (spaces removed) is a Chinese phone number. */
static bool phone_ok(const char *s, size_t n, long local_min, long local_max)
{
    char d[32];
    size_t nd = 0;
    size_t i = 0;
    /* +86 / 0086 */
    if (n >= 3 && memcmp(s, "+86", 3) == 0)
        i = 3;
    bool ext = false;
    size_t main_digits = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            if (!ext) {
                if (nd + 1 >= sizeof d)
                    return false;
                d[nd++] = (char)c;
            }
            continue;
        }
        if (c == '-' || c == '(' || c == ')' || c == '.') {
            /* 021-54492290-801: a dash after a complete number opens an extension */
            if (c == '-' && !ext && nd >= 10 && s[0] == '0')
                ext = true;
            continue;
        }
        /* 转 / 分机 / ext open an extension */
        if (n - i >= 3 && (memcmp(s + i, "转", 3) == 0)) {
            ext = true;
            i += 2;
            continue;
        }
        if (n - i >= 6 && memcmp(s + i, "分机", 6) == 0) {
            ext = true;
            i += 5;
            continue;
        }
        return false;
    }
    main_digits = nd;
    d[nd] = '\0';
    if (main_digits == 0)
        return false;
    if (main_digits == 11 && d[0] == '1')
        return true; /* mobile */
    if (main_digits == 10 && (memcmp(d, "400", 3) == 0 || memcmp(d, "800", 3) == 0))
        return true;
    if (d[0] == '0') {
        /* area code 0X0 / 0XX (3 digits) or 0XXX (4) */
        for (size_t ac = 3; ac <= 4; ac++) {
            long rest = (long)(main_digits - ac);
            if (main_digits > ac && rest >= local_min && rest <= local_max && d[ac] != '0' &&
                d[ac] != '1')
                return true;
        }
        return false;
    }
    if ((long)main_digits >= local_min && (long)main_digits <= local_max && d[0] != '1')
        return true;
    /* 12345, 95598: public service numbers */
    if (main_digits == 5 && (d[0] == '1' || d[0] == '9'))
        return true;
    return false;
}

static bool phone_sep(uint32_t cp)
{
    return cp == '/' || cp == ',' || cp == ';' || cp == 0x3001 || cp == 0x6216 /* 或 */;
}

static int check_phone_format(pblint_check *chk, const pblint_doc *doc)
{
    str_list keys;
    list_load(chk, "fields", PHONE_FIELDS, &keys);
    long lmin = pblint_check_option_int(chk, "local-min-digits", 7);
    long lmax = pblint_check_option_int(chk, "local-max-digits", 8);
    size_t nf = pblint_doc_field_count(doc);
    for (size_t i = 0; i < nf; i++) {
        const pblint_field *f = pblint_doc_field_at(doc, i);
        if (!list_has_str(&keys, pblint_field_key(f)))
            continue;
        const pblint_text *t = pblint_field_text(f);
        size_t n = 0;
        const char *s = pblint_text_str(t, &n);
        if (n == 0 || placeholder_only(s, n, false))
            continue; /* required-field-empty's business */
        const char *name;
        int nl;
        char q[80];
        field_name(f, &name, &nl);
        bool digits = false;
        for (size_t k = 0; k < n; k++)
            digits = digits || (s[k] >= '0' && s[k] <= '9');
        if (!digits) {
            pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_span(t),
                          "%.*s '%s' holds no phone number", nl, name, clip(s, n, 20, q, sizeof q));
            continue;
        }
        size_t i0 = 0;
        while (i0 < n) {
            size_t j = i0;
            uint32_t cp = 0;
            while (j < n) {
                size_t nx = u8_next(s, n, j, &cp);
                if (phone_sep(cp))
                    break;
                j = nx;
            }
            /* the token without spaces */
            char tok[64], part[64];
            size_t tl = 0;
            bool fits = true;
            for (size_t k = i0; k < j; k++) {
                if (s[k] == ' ')
                    continue;
                if (tl + 1 >= sizeof tok) {
                    fits = false;
                    break;
                }
                tok[tl++] = s[k];
            }
            bool ok = !fits || tl == 0 || phone_ok(tok, tl, lmin, lmax);
            if (!ok && memchr(s + i0, ' ', j - i0)) {
                /* "54492290 13800000000": two numbers side by side */
                ok = true;
                size_t k = i0;
                while (k < j && ok) {
                    while (k < j && s[k] == ' ')
                        k++;
                    size_t e = k;
                    while (e < j && s[e] != ' ')
                        e++;
                    if (e > k) {
                        size_t pl = e - k < sizeof part ? e - k : sizeof part - 1;
                        memcpy(part, s + k, pl);
                        ok = phone_ok(part, pl, lmin, lmax);
                    }
                    k = e;
                }
            }
            if (!ok) {
                size_t nd = 0;
                for (size_t k = 0; k < tl; k++)
                    nd += tok[k] >= '0' && tok[k] <= '9';
                size_t a = i0, b = j;
                while (a < b && s[a] == ' ')
                    a++;
                while (b > a && s[b - 1] == ' ')
                    b--;
                char local[64];
                if (lmin == lmax)
                    snprintf(local, sizeof local, "a %ld-digit", lmax);
                else if (lmax == lmin + 1)
                    snprintf(local, sizeof local, "a %ld- or %ld-digit", lmin, lmax);
                else
                    snprintf(local, sizeof local, "a %ld- to %ld-digit", lmin, lmax);
                pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_map(t, a, b - a),
                              "%.*s '%s' (%zu digits) is not a phone number: expected %s local "
                              "number, an 11-digit mobile number, or an area code and number "
                              "such as 021-54492290",
                              nl, name, clip(s + a, b - a, 24, q, sizeof q), nd, local);
            }
            i0 = j < n ? u8_next(s, n, j, &cp) : n;
        }
    }
    return 0;
}

/* ------------------------------------------------------- 制度保障 rows */

/* A title in a 制度保障 cell: each 《…》 (an unclosed one runs to the next 《
 * or the end), without a document number at its end; or, when the cell has
 * no 《, the whole cell without its enumerator.  Offsets into s. */
typedef struct title_ref {
    size_t s, e;
    bool bracketed; /* written in 《》 */
} title_ref;

/* A title for a message: 《…》 when the filing wrote it so, else '…'. */
static const char *title_str(const char *s, title_ref r, char *buf, size_t size)
{
    char q[200];
    clip(s + r.s, r.e - r.s, 40, q, sizeof q);
    snprintf(buf, size, r.bracketed ? "《%s》" : "'%s'", q);
    return buf;
}

static bool is_trim_cp(uint32_t cp)
{
    return cp == ' ' || cp == ',' || cp == ';' || cp == '.' || cp == ':' || cp == 0x3001 ||
           cp == 0x3002 || cp == 0x300b /* 》 */;
}

/* Trims punctuation at the end, and a "(…号)" document number. */
static void title_trim(const char *s, title_ref *r)
{
    /* a document number in brackets at the end: cut at its '(' */
    size_t e = r->e;
    for (size_t k = e; k > r->s; k--) {
        if (s[k - 1] == '(') {
            if (has_sub(s + k, e - k, "号")) {
                bool dg = false;
                for (size_t q = k; q < e; q++)
                    dg = dg || (s[q] >= '0' && s[q] <= '9');
                if (dg)
                    r->e = k - 1;
            }
            break;
        }
    }
    for (;;) {
        if (r->e <= r->s)
            return;
        size_t k = r->e - 1;
        while (k > r->s && ((unsigned char)s[k] & 0xc0u) == 0x80u)
            k--;
        uint32_t cp;
        u8_next(s, r->e, k, &cp);
        if (!is_trim_cp(cp))
            return;
        r->e = k;
    }
}

/* Up to max titles of a cell; returns how many. */
static size_t cell_titles(const char *s, size_t n, bool whole_if_none, title_ref *out,
                          size_t max)
{
    static const char OPEN[] = "《", CLOSE[] = "》";
    size_t k = 0;
    const char *p = s;
    for (;;) {
        const char *o = NULL;
        size_t left = n - (size_t)(p - s);
        for (size_t i = 0; i + 3 <= left; i++)
            if (memcmp(p + i, OPEN, 3) == 0) {
                o = p + i;
                break;
            }
        if (!o)
            break;
        size_t ts = (size_t)(o - s) + 3, te = n;
        size_t next = n;
        for (size_t i = ts; i + 3 <= n; i++) {
            if (memcmp(s + i, CLOSE, 3) == 0) {
                te = i;
                next = i + 3;
                break;
            }
            if (memcmp(s + i, OPEN, 3) == 0) {
                te = i;
                next = i;
                break;
            }
        }
        title_ref r = {ts, te, true};
        title_trim(s, &r);
        if (r.e > r.s && k < max)
            out[k++] = r;
        p = s + next;
        if (next >= n)
            break;
    }
    if (k == 0 && whole_if_none && n > 0) {
        /* "1、项目预算编制管理办法；" */
        size_t i = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i > 0 && i < n) {
            uint32_t cp;
            size_t nx = u8_next(s, n, i, &cp);
            if (cp == 0x3001 || cp == '.' || cp == ')')
                i = nx;
            else
                i = 0;
        }
        while (i < n && s[i] == ' ')
            i++;
        title_ref r = {i, n, false};
        title_trim(s, &r);
        if (r.e > r.s)
            out[k++] = r;
    }
    return k;
}

/* The key form of a title (spaces removed) into buf; returns its length. */
static size_t title_key(const char *s, title_ref r, char *buf, size_t size)
{
    size_t k = 0;
    for (size_t i = r.s; i < r.e && k + 1 < size; i++)
        if (s[i] != ' ')
            buf[k++] = s[i];
    buf[k] = '\0';
    return k;
}

static int check_safeguard_no_stage(pblint_check *chk, const pblint_doc *doc)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_SAFEGUARD)
            continue;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *dt = pblint_row_cell(r, PBLINT_COL_DOC_TITLE);
            const pblint_cell *ms = pblint_row_cell(r, PBLINT_COL_MEASURE);
            bool has_doc = dt && !pblint_text_empty(pblint_cell_text(dt));
            if (!has_doc && !(ms && !pblint_text_empty(pblint_cell_text(ms))))
                continue; /* an empty row */
            size_t nc = pblint_row_cell_count(r);
            size_t boxes = 0, ticked = 0, stage_cells = 0;
            bool stage_text = false;
            const pblint_cell *first = NULL;
            char names[256];
            size_t nl = 0;
            names[0] = '\0';
            for (size_t ci = 0; ci < nc; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                if (pblint_cell_role(c) != PBLINT_COL_STAGE)
                    continue;
                stage_cells++;
                if (!first)
                    first = c;
                size_t nch = pblint_cell_choice_count(c);
                if (nch == 0 && !pblint_text_empty(pblint_cell_text(c)))
                    stage_text = true;
                for (size_t k = 0; k < nch; k++) {
                    pblint_choice ch;
                    if (pblint_cell_choice(c, k, &ch) != 0)
                        continue;
                    boxes++;
                    ticked += ch.checked;
                    size_t ln = 0;
                    const char *l = pblint_text_str(ch.label, &ln);
                    int w = snprintf(names + nl, sizeof names - nl, "%s%.*s", nl ? ", " : "",
                                     (int)ln, l);
                    if (w > 0 && (size_t)w < sizeof names - nl)
                        nl += (size_t)w;
                }
            }
            /* a stage written as plain text (no boxes) counts as given */
            if (!first || ticked > 0 || stage_text)
                continue;
            char q[240];
            const char *what = "this row";
            if (has_doc) {
                size_t tl = 0;
                const char *ts = pblint_text_str(pblint_cell_text(dt), &tl);
                title_ref refs[1];
                if (cell_titles(ts, tl, true, refs, 1) == 1)
                    what = title_str(ts, refs[0], q, sizeof q);
            }
            pblint_span at = pblint_text_span(pblint_cell_text(first));
            if (boxes > 0)
                pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                              "no 保障阶段 is ticked for %s (%s): tick the stages the rule covers",
                              what, names);
            else
                pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                              "no 保障阶段 is given for %s: tick the stages the rule covers", what);
        }
    }
    return 0;
}

typedef struct sg_occ {
    char *key;            /* title key (malloc'd) */
    const char *cat;      /* category key */
    size_t catlen;
    const pblint_text *t; /* the cell */
    title_ref r;
    bool doc_title;       /* in the 文件名称 column (else in 具体措施) */
    size_t order;
} sg_occ;

static int sg_cmp(const void *a, const void *b)
{
    const sg_occ *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool same_cat(const sg_occ *a, const sg_occ *b)
{
    return a->catlen == b->catlen && memcmp(a->cat, b->cat, a->catlen) == 0;
}

static int check_safeguard_doc_reused(pblint_check *chk, const pblint_doc *doc)
{
    sg_occ *v = NULL;
    size_t n = 0, cap = 0, order = 0;
    int rc = 0;
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && rc == 0; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_SAFEGUARD)
            continue;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr && rc == 0; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *cc = pblint_row_cell(r, PBLINT_COL_CATEGORY);
            size_t catlen = 0;
            const char *cat = cc ? pblint_text_key(pblint_cell_text(cc), &catlen) : NULL;
            if (!cat || catlen == 0)
                continue;
            size_t ncell = pblint_row_cell_count(r);
            for (size_t ci = 0; ci < ncell && rc == 0; ci++) {
                const pblint_cell *c = pblint_row_cell_at(r, ci);
                int role = pblint_cell_role(c);
                if (role != PBLINT_COL_DOC_TITLE && role != PBLINT_COL_MEASURE)
                    continue;
                size_t sl = 0;
                const char *s = pblint_text_str(pblint_cell_text(c), &sl);
                title_ref refs[16];
                size_t k = cell_titles(s, sl, role == PBLINT_COL_DOC_TITLE, refs, 16);
                for (size_t q = 0; q < k; q++) {
                    char buf[512];
                    size_t kl = title_key(s, refs[q], buf, sizeof buf);
                    if (kl == 0)
                        continue;
                    if (n == cap) {
                        size_t nc = cap ? cap * 2 : 16;
                        sg_occ *nv = realloc(v, nc * sizeof *nv);
                        if (!nv) {
                            rc = PBLINT_ENOMEM;
                            break;
                        }
                        v = nv;
                        cap = nc;
                    }
                    char *key = malloc(kl + 1);
                    if (!key) {
                        rc = PBLINT_ENOMEM;
                        break;
                    }
                    memcpy(key, buf, kl + 1);
                    v[n++] = (sg_occ){key, cat, catlen, pblint_cell_text(c), refs[q],
                                      role == PBLINT_COL_DOC_TITLE, order++};
                }
            }
        }
    }
    if (rc == 0 && n > 1) {
        qsort(v, n, sizeof *v, sg_cmp);
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && strcmp(v[j].key, v[i].key) == 0)
                j++;
            /* one report per title: the first 文件名称 occurrence against the
             * first occurrence under another heading.  In linear time: with
             * `diff` the first occurrence under another heading than the
             * group's first one (i), an occurrence under i's heading is first
             * paired with diff, any other with i; with no diff, none is. */
            const sg_occ *primary = NULL, *other = NULL;
            size_t diff = i + 1;
            while (diff < j && same_cat(&v[i], &v[diff]))
                diff++;
            if (diff < j) {
                for (size_t a = i; a < j && !primary; a++)
                    if (v[a].doc_title)
                        primary = &v[a];
                if (primary)
                    other = same_cat(primary, &v[i]) ? &v[diff] : &v[i];
            }
            if (primary) {
                size_t sl = 0;
                const char *s = pblint_text_str(primary->t, &sl);
                pblint_span psp = pblint_text_map(primary->t, primary->r.s,
                                                  primary->r.e - primary->r.s);
                pblint_span osp = pblint_text_map(other->t, other->r.s, other->r.e - other->r.s);
                char q[240];
                pblint_diag *d = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, psp,
                    "%s is the 文件名称 under %.*s but is also cited under %.*s (line %u): one "
                    "document serves as two kinds of 制度",
                    title_str(s, primary->r, q, sizeof q),
                    (int)primary->catlen, primary->cat, (int)other->catlen, other->cat,
                    line_of(doc, osp.start));
                if (d)
                    pblint_diag_add_note(d, osp, "cited under %.*s here", (int)other->catlen,
                                         other->cat);
            }
            i = j;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
    return rc;
}

static const char *const FINANCE_WORDS[] = {"财务", "资金", "会计", "经费", "报销", "支出",
                                            "内控", "内部控制", "核算", "财政", "资产", "采购",
                                            "票据", "收支", "结算", "费用", "账", NULL};
static const char *const BUDGET_WORDS[] = {"预算", "绩效", "财政", "支出", "决算", NULL};

typedef struct rel_occ {
    const pblint_text *t; /* the 文件名称 cell */
    title_ref r;          /* its titles, from the first to the last */
    int kind;             /* 0 under a finance heading, 1 under a budget heading */
    const char *cat;
    size_t catlen;
    bool other_fits;      /* the title fits the other heading */
    size_t order;
} rel_occ;

static int rel_cmp_text(const void *a, const void *b)
{
    const rel_occ *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    size_t xl = 0, yl = 0;
    const char *xs = pblint_text_key(x->t, &xl), *ys = pblint_text_key(y->t, &yl);
    size_t m = xl < yl ? xl : yl;
    int c = memcmp(xs, ys, m);
    if (c)
        return c;
    if (xl != yl)
        return xl < yl ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int rel_cmp_order(const void *a, const void *b)
{
    const rel_occ *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order;
}

static const char *rel_title(const rel_occ *o, char *buf, size_t size)
{
    size_t sl = 0;
    const char *s = pblint_text_str(o->t, &sl);
    return title_str(s, o->r, buf, size);
}

static pblint_span rel_span(const rel_occ *o)
{
    return pblint_text_map(o->t, o->r.s, o->r.e - o->r.s);
}

static int check_safeguard_relevance(pblint_check *chk, const pblint_doc *doc)
{
    static const char *const FCAT[] = {"财务", NULL}, *const BCAT[] = {"预算", NULL};
    str_list fin, bud, fcat, bcat;
    list_load(chk, "finance-words", FINANCE_WORDS, &fin);
    list_load(chk, "budget-words", BUDGET_WORDS, &bud);
    list_load(chk, "finance-headings", FCAT, &fcat);
    list_load(chk, "budget-headings", BCAT, &bcat);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (pblint_table_kind(t) != PBLINT_TABLE_SAFEGUARD)
            continue;
        rel_occ *v = NULL;
        size_t nm = 0, capm = 0;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *cc = pblint_row_cell(r, PBLINT_COL_CATEGORY);
            const pblint_cell *dc = pblint_row_cell(r, PBLINT_COL_DOC_TITLE);
            if (!cc || !dc)
                continue;
            size_t catlen = 0;
            const char *cat = pblint_text_key(pblint_cell_text(cc), &catlen);
            int kind = list_find_in(&fcat, cat, catlen)   ? 0
                       : list_find_in(&bcat, cat, catlen) ? 1
                                                          : -1;
            if (kind < 0)
                continue;
            const pblint_text *tt = pblint_cell_text(dc);
            size_t sl = 0;
            const char *s = pblint_text_str(tt, &sl);
            title_ref refs[8];
            size_t k = cell_titles(s, sl, true, refs, 8);
            if (k == 0)
                continue;
            /* the cell fits when any of its titles has a word of its heading */
            bool fits = false, other = false;
            for (size_t q = 0; q < k; q++) {
                const char *ts = s + refs[q].s;
                size_t tl = refs[q].e - refs[q].s;
                fits = fits || list_find_in(kind == 0 ? &fin : &bud, ts, tl);
                other = other || list_find_in(kind == 0 ? &bud : &fin, ts, tl);
            }
            if (fits)
                continue;
            if (nm == capm) {
                size_t nc = capm ? capm * 2 : 8;
                rel_occ *nv = realloc(v, nc * sizeof *nv);
                if (!nv) {
                    free(v);
                    return PBLINT_ENOMEM;
                }
                v = nv;
                capm = nc;
            }
            title_ref whole = {refs[0].s, refs[k - 1].e, refs[0].bracketed && k == 1};
            v[nm] = (rel_occ){tt, whole, kind, cat, catlen, other, nm};
            nm++;
        }
        /* a repeated row (same heading, same 文件名称) is reported once: the
         * repetition itself is the duplicates plugin's */
        if (nm > 1)
            qsort(v, nm, sizeof *v, rel_cmp_text);
        size_t u = 0;
        for (size_t q = 0; q < nm; q++) {
            if (u > 0 && v[u - 1].kind == v[q].kind) {
                size_t al = 0, bl = 0;
                const char *as = pblint_text_key(v[u - 1].t, &al);
                const char *bs = pblint_text_key(v[q].t, &bl);
                if (al == bl && memcmp(as, bs, al) == 0)
                    continue;
            }
            v[u++] = v[q];
        }
        nm = u;
        if (nm > 1)
            qsort(v, nm, sizeof *v, rel_cmp_order);
        /* A finance row whose document is about the budget and a budget row
         * whose document is about finance: the rows look swapped. */
        long sw[2] = {-1, -1};
        for (size_t q = 0; q < nm; q++)
            if (v[q].other_fits && sw[v[q].kind] < 0)
                sw[v[q].kind] = (long)q;
        bool swapped = sw[0] >= 0 && sw[1] >= 0;
        for (size_t q = 0; q < nm; q++) {
            const rel_occ *o = &v[q];
            char q1[240], q2[240];
            if (swapped && ((long)q == sw[0] || (long)q == sw[1])) {
                const rel_occ *a = &v[sw[0] < sw[1] ? sw[0] : sw[1]];
                const rel_occ *b = &v[sw[0] < sw[1] ? sw[1] : sw[0]];
                if (o != a)
                    continue;
                pblint_span bsp = rel_span(b);
                pblint_diag *d = pblint_report(
                    chk, PBLINT_SEV_DEFAULT, rel_span(a),
                    "%s is filed under %.*s and %s under %.*s (line %u): each fits the other "
                    "heading, so the two rows look swapped",
                    rel_title(a, q1, sizeof q1), (int)a->catlen, a->cat,
                    rel_title(b, q2, sizeof q2), (int)b->catlen, b->cat, line_of(doc, bsp.start));
                if (d)
                    pblint_diag_add_note(d, bsp, "the %.*s row is here", (int)b->catlen, b->cat);
                continue;
            }
            pblint_report(chk, PBLINT_SEV_DEFAULT, rel_span(o),
                          "%s is filed under %.*s, but its title names no %s matter (%s): is it "
                          "the right document for this heading?",
                          rel_title(o, q1, sizeof q1), (int)o->catlen, o->cat,
                          o->kind == 0 ? "financial" : "budget",
                          o->kind == 0 ? "财务, 资金, 会计, 经费 ..." : "预算, 绩效 ...");
        }
        free(v);
    }
    return 0;
}

/* ------------------------------------------------------------- plugin */

static const pblint_rule_desc RULES[] = {
    {"required-field-empty", "a required field of the form is blank",
     PBLINT_SEV_WARNING, check_required_empty, 0, {0}},
    {"required-field-missing", "a declaration lacks a field the form requires",
     PBLINT_SEV_NOTE, check_required_missing, 0, {0}},
    {"single-choice", "no box, or more than one, is ticked in 项目类别 or 项目属性",
     PBLINT_SEV_ERROR, check_single_choice, 0, {0}},
    {"date-range", "the project period is reversed or lies outside the filing's year",
     PBLINT_SEV_ERROR, check_date_range, 0, {0}},
    {"year-consistent", "a sheet of the filing is dated another year than the filing",
     PBLINT_SEV_ERROR, check_year_consistent, 0, {0}},
    {"placeholder-name", "a person field holds a form of address or a placeholder, not a name",
     PBLINT_SEV_NOTE, check_placeholder_name, 0, {0}},
    {"template-residue", "a template placeholder (**, XX, ××, ……, 指标1) is left in the filing",
     PBLINT_SEV_ERROR, check_template_residue, 0, {0}},
    {"report-sections", "a self-evaluation report lacks one of the parts it should cover",
     PBLINT_SEV_NOTE, check_report_sections, 0, {0}},
    {"phone-format", "the contact phone number is not a valid Chinese phone number",
     PBLINT_SEV_WARNING, check_phone_format, 0, {0}},
    {"safeguard-no-stage", "a 制度保障 row has no 保障阶段 ticked", PBLINT_SEV_WARNING,
     check_safeguard_no_stage, 0, {0}},
    {"safeguard-doc-reused", "one document is cited under two 制度保障 headings",
     PBLINT_SEV_NOTE, check_safeguard_doc_reused, 0, {0}},
    {"safeguard-category-relevance",
     "a 制度保障 document does not fit its heading (财务管理制度, 预算管理制度)", PBLINT_SEV_NOTE,
     check_safeguard_relevance, 0, {0}},
};

static const pblint_plugin_desc PLUGIN =
    PBLINT_PLUGIN_DESC_INIT("completeness", "1.0.0",
                            "Form completeness: blank fields, check boxes, dates, placeholders, "
                            "制度保障 rows",
                            RULES);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &PLUGIN;
}

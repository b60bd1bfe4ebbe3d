/*
 * indicators: indicator measurability and taxonomy.
 *
 * Checks the 三级 indicators of every indicator table (the targets of a
 * declaration, and both tables of a self-evaluation): whether each 目标值 /
 * 指标值 can be measured (a number, an operator, a unit), whether it fits the
 * kind of indicator (a rate for a 率, a count for a 数量, a deadline for a
 * 时效), whether it agrees with the 年度绩效目标 text, and whether the
 * 一级/二级 categories are the standard ones and are all present.
 *
 * Every target cell has at most one measurability finding: the rules share
 * one classifier (target_problem) that picks the first problem of a cell in
 * a fixed order, and each rule reports only its own problem.
 *
 * Only the public API is used.  All data are static tables; the options that
 * override them are documented in rules-doc/indicators/.
 */
#include <pblint/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Small string helpers (UTF-8)                                        */
/* ------------------------------------------------------------------ */

#define QMAX 160       /* a quoted piece of text */
#define KEYMAX 256     /* a cell's text without spaces */
#define NAME_CP 32     /* code points of a name used in fuzzy matching */
#define MAXW 256       /* words in a word list */
#define MAX_CLAIMS 32  /* figures read from the 年度绩效目标 */
#define MAX_MATCH_ROWS 2000

static size_t u8_clen(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t k = 1;
    if (c >= 0xF0)
        k = 4;
    else if (c >= 0xE0)
        k = 3;
    else if (c >= 0xC0)
        k = 2;
    if (i + k > len)
        k = len - i;
    return k ? k : 1;
}

static uint32_t u8_cp(const char *s, size_t len, size_t i, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t k = u8_clen(s, len, i);
    *n = k;
    switch (k) {
    case 2:
        return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    case 3:
        return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    case 4:
        return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
               ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    default:
        return p[0];
    }
}

/* Decodes at most max code points; from_end keeps the last ones. */
static size_t u8_decode(const char *s, size_t len, uint32_t *out, size_t max, bool from_end)
{
    size_t n = 0, i = 0, k;
    while (i < len) {
        uint32_t cp = u8_cp(s, len, i, &k);
        i += k;
        if (n < max) {
            out[n++] = cp;
        } else if (from_end) {
            memmove(out, out + 1, (max - 1) * sizeof *out);
            out[max - 1] = cp;
        } else {
            break;
        }
    }
    return n;
}

static size_t u8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i += u8_clen(s, len, i))
        n++;
    return n;
}

static bool has_prefix(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return n <= len && memcmp(s, p, n) == 0;
}

static bool has_suffix(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return n <= len && memcmp(s + len - n, p, n) == 0;
}

/* memmem(s, len, p, strlen(p)) != NULL for a non-empty p.  The texts are
 * names and clauses, a few dozen bytes, and the words a few CJK characters:
 * a look at the first two bytes at each place beats memmem()'s set-up. */
static bool contains(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || n > len)
        return false;
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c0 = (unsigned char)p[0];
    if (n == 1)
        return memchr(s, c0, len) != NULL;
    unsigned char c1 = (unsigned char)p[1];
    for (size_t i = 0, last = len - n; i <= last; i++)
        if (u[i] == c0 && u[i + 1] == c1 && memcmp(u + i + 2, p + 2, n - 2) == 0)
            return true;
    return false;
}

static bool has_ascii_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* Copies up to max_cp code points of s into out, adding "…" when cut.
 * What snprintf(out, size, "%.*s…", ...) writes, without its cost (a
 * quote is made for most rows a rule looks at): the bytes up to a NUL in
 * s, then the ellipsis, all cut to size - 1. */
static void quote(char *out, size_t size, const char *s, size_t len, size_t max_cp)
{
    size_t i = 0, cp = 0;
    while (i < len && cp < max_cp) {
        i += u8_clen(s, len, i);
        cp++;
    }
    if (size == 0)
        return;
    bool cut = i < len;
    size_t k = strnlen(s, cut ? i : len), o = k < size - 1 ? k : size - 1;
    memcpy(out, s, o);
    if (cut) {
        size_t e = size - 1 - o < 3 ? size - 1 - o : 3;
        memcpy(out + o, "…", e);
        o += e;
    }
    out[o] = '\0';
}

static const char *tstr(const pblint_text *t, size_t *len)
{
    if (!t) {
        *len = 0;
        return "";
    }
    return pblint_text_str(t, len);
}

static void tquote(char *out, size_t size, const pblint_text *t, size_t max_cp)
{
    size_t n;
    const char *s = tstr(t, &n);
    quote(out, size, s, n, max_cp);
}

/* The text of t without spaces, for comparing names. */
static size_t tkey(const pblint_text *t, char *out, size_t size)
{
    size_t n, k = 0;
    const char *s = tstr(t, &n);
    if (!memchr(s, ' ', n)) { /* most names: a plain copy, cut to size */
        k = n < size - 1 ? n : size - 1;
        memcpy(out, s, k);
        out[k] = '\0';
        return k;
    }
    for (size_t i = 0; i < n && k + 1 < size; i++)
        if (s[i] != ' ')
            out[k++] = s[i];
    out[k] = '\0';
    return k;
}

/* The source span of a whole text (its normalised form mapped back). */
static pblint_span tspan(const pblint_text *t)
{
    size_t n;
    pblint_text_str(t, &n);
    if (n)
        return pblint_text_map(t, 0, n);
    return pblint_text_span(t);
}

static pblint_span cell_span(const pblint_cell *c)
{
    const pblint_value *v = pblint_cell_value(c);
    if (v && v->kind != PBLINT_VAL_EMPTY && v->kind != PBLINT_VAL_TEXT && v->kind != PBLINT_VAL_WORD &&
        v->span.end > v->span.start)
        return v->span;
    return tspan(pblint_cell_text(c));
}

/* Blank, or a dash placeholder (——, ----, /). */
static bool cell_empty(const pblint_cell *c)
{
    if (!c || pblint_text_empty(pblint_cell_text(c)))
        return true;
    const pblint_value *v = pblint_cell_value(c);
    return v && v->kind == PBLINT_VAL_EMPTY;
}

static void fmt_dec(pblint_decimal d, char *buf, size_t size)
{
    pblint_decimal_format(d, buf, size);
}

static bool dec_is(pblint_decimal d, long v)
{
    pblint_decimal x = {v, 0};
    return pblint_decimal_cmp(d, x) == 0;
}

static int dec_cmp_int(pblint_decimal d, long v)
{
    pblint_decimal x = {v, 0};
    return pblint_decimal_cmp(d, x);
}

/* ------------------------------------------------------------------ */
/* Word lists                                                          */
/* ------------------------------------------------------------------ */

/* Buckets of the words of two bytes or more, by their first two: the low
 * three bits of the first (a CJK lead byte, E3..E9) and the low six of the
 * second (a continuation byte). */
#define WBUCKETS 512

static size_t wbucket(const char *w)
{
    return (((size_t)(unsigned char)w[0] & 7u) << 6) | ((unsigned char)w[1] & 63u);
}

typedef struct wlist {
    const char *w[MAXW];
    size_t len[MAXW];
    size_t n;
    /* the one-byte words by their byte, and the others by bucket, each in
     * list order: index + 1 of the first and last word there, and of the
     * next one (0 = none) */
    uint16_t head[256], tail[256];
    uint16_t head2[WBUCKETS], tail2[WBUCKETS];
    uint16_t next[MAXW];
} wlist;

static void wlist_add(wlist *wl, const char *w)
{
    if (!w || wl->n >= MAXW)
        return;
    size_t n = strlen(w);
    while (n && (*w == ' ' || *w == '\t')) {
        w++;
        n--;
    }
    while (n && (w[n - 1] == ' ' || w[n - 1] == '\t'))
        n--;
    if (!n)
        return;
    uint16_t *head = n == 1 ? &wl->head[(unsigned char)w[0]] : &wl->head2[wbucket(w)];
    uint16_t *tail = n == 1 ? &wl->tail[(unsigned char)w[0]] : &wl->tail2[wbucket(w)];
    wl->w[wl->n] = w;
    wl->len[wl->n] = n;
    wl->next[wl->n] = 0;
    if (*tail)
        wl->next[*tail - 1] = (uint16_t)(wl->n + 1);
    else
        *head = (uint16_t)(wl->n + 1);
    *tail = (uint16_t)(wl->n + 1);
    wl->n++;
}

/* The option `key` replaces the defaults when it is set (even to ""). */
static void wlist_load(wlist *wl, const pblint_check *chk, const char *key, const char *const *defs,
                       size_t ndefs)
{
    wl->n = 0;
    memset(wl->head, 0, sizeof wl->head);
    memset(wl->tail, 0, sizeof wl->tail);
    memset(wl->head2, 0, sizeof wl->head2);
    memset(wl->tail2, 0, sizeof wl->tail2);
    if (chk && key && pblint_check_option(chk, key)) {
        for (size_t i = 0;; i++) {
            const char *it = pblint_check_option_item(chk, key, i);
            if (!it)
                break;
            wlist_add(wl, it);
        }
        return;
    }
    for (size_t i = 0; i < ndefs; i++)
        wlist_add(wl, defs[i]);
}

/* A word list kept from one document to the next (building one costs
 * more than most rules spend on a document).  It depends on the option's
 * string alone (or on the defaults when the option is unset), so it is
 * kept with a copy of that string and rebuilt when the string differs: a
 * changed configuration never sees a stale list.  One per thread (checks
 * run concurrently); the words of an option are copied into pool, as the
 * items pblint_check_option_item() gives live only as long as the
 * document.  An option too long for the buffers is not kept. */
#define WC_TEXT 2048

typedef struct wcache {
    bool ready;
    bool set;           /* built from the option, not the defaults */
    char opt[WC_TEXT];  /* the option's string, when set */
    char pool[WC_TEXT]; /* the option's items, NUL-ended, as wl's words */
    wlist wl;
} wcache;

/* The list wlist_load() would build, from c when it holds it, else built
 * into c.  NULL only when it cannot be kept and *own could not be had;
 * *own (NULL when unused) is a list the caller must free. */
static const wlist *wlist_cached(wcache *c, wlist **own, const pblint_check *chk, const char *key,
                                 const char *const *defs, size_t ndefs)
{
    *own = NULL;
    const char *opt = chk && key ? pblint_check_option(chk, key) : NULL;
    if (c->ready && (opt ? c->set && strcmp(c->opt, opt) == 0 : !c->set))
        return &c->wl;
    c->ready = false;
    if (opt && strlen(opt) < sizeof c->opt) {
        wlist_load(&c->wl, chk, key, defs, ndefs);
        size_t used = 0;
        bool fits = true;
        for (size_t i = 0; i < c->wl.n && fits; i++) {
            /* the whole item from the word on: some rules read it with strlen() */
            size_t m = strlen(c->wl.w[i]) + 1;
            fits = m <= sizeof c->pool - used;
            if (fits) {
                memcpy(c->pool + used, c->wl.w[i], m);
                c->wl.w[i] = c->pool + used;
                used += m;
            }
        }
        if (fits) {
            memcpy(c->opt, opt, strlen(opt) + 1);
            c->set = true;
            c->ready = true;
            return &c->wl;
        }
    } else if (!opt) {
        wlist_load(&c->wl, chk, key, defs, ndefs); /* static words: nothing to copy */
        c->set = false;
        c->ready = true;
        return &c->wl;
    }
    *own = malloc(sizeof **own);
    if (*own)
        wlist_load(*own, chk, key, defs, ndefs);
    return *own;
}

/* Length of the longest word of wl starting at s, 0 if none. */
static size_t wlist_match(const wlist *wl, const char *s, size_t len, size_t *which)
{
    size_t best = 0;
    if (len == 0)
        return 0;
    /* only the words that begin as s does can match: those of s's bucket,
     * visited in list order, as a loop over the whole list would (the
     * longest, the first listed of that length); a one-byte word only when
     * no longer one does (words are never empty: wlist_add drops them) */
    if (len >= 2)
        for (size_t k = wl->head2[wbucket(s)]; k; k = wl->next[k - 1]) {
            size_t i = k - 1, L = wl->len[i];
            if (L > best && L <= len && wl->w[i][0] == s[0] && wl->w[i][1] == s[1] &&
                memcmp(s, wl->w[i], L) == 0) {
                best = L;
                if (which)
                    *which = i;
            }
        }
    if (best == 0) {
        size_t k = wl->head[(unsigned char)s[0]];
        if (k) { /* the first one-byte word listed with s's byte */
            best = 1;
            if (which)
                *which = k - 1;
        }
    }
    return best;
}

static bool wlist_has(const wlist *wl, const char *s, size_t len)
{
    for (size_t i = 0; i < wl->n; i++)
        if (wl->len[i] == len && memcmp(s, wl->w[i], len) == 0)
            return true;
    return false;
}

static bool wlist_suffix(const wlist *wl, const char *s, size_t len)
{
    for (size_t i = 0; i < wl->n; i++)
        if (wl->len[i] <= len && memcmp(s + len - wl->len[i], wl->w[i], wl->len[i]) == 0)
            return true;
    return false;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* domain-rules §2.4: values built only from these cannot be measured. */
static const char *const default_vague[] = {
    "提高", "提升", "有所提高", "明显", "显著", "大幅", "逐步", "持续", "进一步", "不断", "加强",
    "强化", "改善", "改进", "优化", "完善", "健全", "规范", "及时", "按时", "准时", "合格", "达标",
    "良好", "较好", "好", "满意", "基本满意", "降低", "减少", "下降", "增加", "增长", "扩大", "稳定",
    "保障", "保证", "确保", "促进", "推动", "落实", "完成", "达到", "符合要求", "符合规定",
    "严格执行", "效果明显", "效果显著", "有效", "有效提升", "正常运转", "正常", "顺利", "积极",
    "充分", "全面", "力争", "争取", "一定", "长期", "持续发展", "生态修复功能提高", "高于上年",
    "逐年", "好转", "到位", "按期", "如期", "按计划",
};

/* Function words that may sit between vague words ("有所提高", "及时、规范"). */
static const char *const fillers[] = {
    "的", "了", "地", "得", "和", "与", "及", "并", "且", "或", "、", ",", "，", "。", ".", ";", "；",
    "!", "更加", "更", "较为", "较", "很", "非常", "均", "都", "全部", "各项", "相关", "工作", "情况",
    "水平", "程度", "目标", "任务", "要求", "制度", "规定", "得到", "有所", "进行", "继续", "予以",
    "“", "”", "\"", "(", ")",
};

/* domain-rules §2.4: graded or yes/no wordings that are acceptable targets. */
static const char *const default_accepted[] = {
    "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差",
    "优", "良", "中", "差", "优秀", "是", "否", "有", "无", "零", "全覆盖",
};

/* Name endings that make an indicator a rate (its target is a percentage). */
static const char *const default_rate_suffixes[] = {
    "率", "满意度", "比例", "占比", "百分比", "比重", "完成度",
};

/* Names whose percentage may leave 0..100 (growth, change). */
static const char *const change_words[] = {
    "增长", "增幅", "增加", "增速", "提高", "提升", "下降", "降低", "减少", "降幅", "同比", "环比",
    "变化", "变动", "超额", "倍", "比上年", "较上年", "涨",
};

/* Names of indicators whose threshold is a ceiling (≤). */
static const char *const reverse_words[] = {
    "投诉", "事故", "差错", "失误", "违规", "违纪", "超支", "成本", "费用", "偏差", "返工", "故障",
    "发生率", "误差", "损失", "流失", "空置", "死亡", "发病", "失败", "拖欠", "逾期", "失业",
};

/* ------------------------------------------------------------------ */
/* Indicator categories (domain-rules §2.1)                            */
/* ------------------------------------------------------------------ */

enum fam {
    FAM_NONE = 0,
    FAM_OUTPUT,  /* 产出 */
    FAM_BENEFIT, /* 效益 */
    FAM_SAT,     /* 满意度 (一级 or 二级) */
    FAM_COST,    /* 成本 (一级 or 二级) */
    FAM_IMPACT,  /* 影响力目标 (Shanghai legacy 一级) */
    FAM_QTY,     /* 数量 */
    FAM_QLT,     /* 质量 */
    FAM_TIME,    /* 时效 */
    FAM_ECON,    /* 经济效益 */
    FAM_SOCIAL,  /* 社会效益 */
    FAM_ECO,     /* 生态效益 */
    FAM_SUSTAIN, /* 可持续影响 */
    FAM_FRAME    /* F10 evaluation-framework names: known, no family */
};

static const char *const fam_short[] = {
    "", "产出", "效益", "满意度", "成本", "影响力", "数量", "质量", "时效",
    "经济效益", "社会效益", "生态效益", "可持续影响", "",
};

typedef struct base_name {
    const char *base; /* the name without its 指标/目标 suffix */
    size_t len;
    int fam;
    bool legacy;      /* the Shanghai district names */
} base_name;

#define BN(s, f, l) {s, sizeof(s) - 1, f, l}

static const base_name base_names[] = {
    BN("产出", FAM_OUTPUT, false),
    BN("产出(工作量)", FAM_OUTPUT, false),
    BN("效益", FAM_BENEFIT, false),
    BN("效果", FAM_BENEFIT, true),
    BN("项目效益", FAM_BENEFIT, false),
    BN("满意度", FAM_SAT, false),
    BN("服务对象满意度", FAM_SAT, false),
    BN("社会公众满意度", FAM_SAT, false),
    BN("社会公众或服务对象满意度", FAM_SAT, false),
    BN("公众满意度", FAM_SAT, false),
    BN("群众满意度", FAM_SAT, false),
    BN("成本", FAM_COST, false),
    BN("产出成本", FAM_COST, false),
    BN("经济成本", FAM_COST, false),
    BN("社会成本", FAM_COST, false),
    BN("生态环境成本", FAM_COST, false),
    BN("生态成本", FAM_COST, false),
    BN("环境成本", FAM_COST, false),
    BN("总成本", FAM_COST, false),
    BN("单位成本", FAM_COST, false),
    BN("分项成本", FAM_COST, false),
    BN("影响力", FAM_IMPACT, true),
    BN("数量", FAM_QTY, false),
    BN("产出数量", FAM_QTY, false),
    BN("质量", FAM_QLT, false),
    BN("产出质量", FAM_QLT, false),
    BN("时效", FAM_TIME, false),
    BN("产出时效", FAM_TIME, false),
    BN("进度", FAM_TIME, false),
    BN("产出进度", FAM_TIME, false),
    BN("经济效益", FAM_ECON, false),
    BN("社会效益", FAM_SOCIAL, false),
    BN("生态效益", FAM_ECO, false),
    BN("环境效益", FAM_ECO, false),
    BN("生态环境", FAM_ECO, false),
    BN("生态环境效益", FAM_ECO, false),
    BN("可持续影响", FAM_SUSTAIN, false),
    BN("可持续发展", FAM_SUSTAIN, false),
    BN("长效管理", FAM_SUSTAIN, true),
    BN("决策", FAM_FRAME, false),
    BN("过程", FAM_FRAME, false),
    BN("项目立项", FAM_FRAME, false),
    BN("绩效目标", FAM_FRAME, false),
    BN("资金投入", FAM_FRAME, false),
    BN("资金管理", FAM_FRAME, false),
    BN("组织实施", FAM_FRAME, false),
    BN("投入管理", FAM_FRAME, false),
    BN("过程管理", FAM_FRAME, false),
    BN("项目绩效", FAM_FRAME, false),
};

/* The standard names suggested for an unknown category, by level. */
static const char *const canon_l1[] = {"产出指标", "效益指标", "满意度指标", "成本指标"};
static const char *const canon_l2[] = {
    "数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
};

enum { CAT_EMPTY = 0, CAT_KNOWN, CAT_NEAR, CAT_UNKNOWN, CAT_SKIP };

typedef struct cat_info {
    int status;
    int fam;
    bool legacy;
    size_t core_off, core_len; /* the name without numbering/weights, in the normalised text */
    char core[KEYMAX];         /* that core without spaces */
    char fix[96];              /* CAT_NEAR: the standard name to write instead of the core */
} cat_info;

static bool is_cjk_numeral(uint32_t c)
{
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                    0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (size_t i = 0; i < NELEM(nums); i++)
        if (c == nums[i])
            return true;
    return false;
}

/* Strips numbering ("1.", "(一)", "一、", "①") from the front of key[a,b). */
static size_t strip_numbering(const char *key, size_t a, size_t b)
{
    for (int round = 0; round < 3 && a < b; round++) {
        size_t i = a, k;
        uint32_t c = u8_cp(key, b, i, &k);
        if (c >= 0x2460 && c <= 0x2473) { /* ① .. ⑳ */
            a = i + k;
            continue;
        }
        if (!(c == '(' || (c >= '0' && c <= '9') || is_cjk_numeral(c)))
            break; /* what the loop below would find at once: no numbering */
        if (c == '(') {
            size_t j = i + k, start = j;
            while (j < b) {
                uint32_t d = u8_cp(key, b, j, &k);
                if (!((d >= '0' && d <= '9') || is_cjk_numeral(d)))
                    break;
                j += k;
            }
            if (j > start && j < b && key[j] == ')') {
                a = j + 1;
                continue;
            }
            break;
        }
        size_t j = i;
        while (j < b) {
            uint32_t d = u8_cp(key, b, j, &k);
            if (!((d >= '0' && d <= '9') || is_cjk_numeral(d)))
                break;
            j += k;
        }
        if (j == i || j >= b)
            break;
        uint32_t d = u8_cp(key, b, j, &k);
        /* "1." "1、" "1)" "一、"; a CJK numeral needs 、 (so 一级 is not numbering). */
        bool cjk = !(key[i] >= '0' && key[i] <= '9');
        if (d == 0x3001 || (!cjk && (d == '.' || d == ')' || d == 0xFF0E))) {
            if (j + k < b) {
                a = j + k;
                continue;
            }
        }
        break;
    }
    return a;
}

/* Edit distance exactly 1 (two-character names: substitution only). */
static bool edit1(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na == nb) {
        if (na < 2)
            return false;
        size_t d = 0;
        for (size_t i = 0; i < na; i++)
            d += a[i] != b[i];
        return d == 1;
    }
    if (na + 1 == nb || nb + 1 == na) {
        const uint32_t *s = na < nb ? a : b, *l = na < nb ? b : a;
        size_t ns = na < nb ? na : nb;
        if (ns < 2)
            return false;
        size_t i = 0, j = 0;
        bool skipped = false;
        while (i < ns && j < ns + 1) {
            if (s[i] == l[j]) {
                i++;
                j++;
            } else if (!skipped) {
                skipped = true;
                j++;
            } else {
                return false;
            }
        }
        return true;
    }
    return false;
}

static size_t lcs(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    unsigned char prev[NAME_CP + 1], cur[NAME_CP + 1];
    if (na > NAME_CP)
        na = NAME_CP;
    if (nb > NAME_CP)
        nb = NAME_CP;
    memset(prev, 0, sizeof prev);
    for (size_t i = 1; i <= na; i++) {
        cur[0] = 0;
        for (size_t j = 1; j <= nb; j++) {
            if (a[i - 1] == b[j - 1])
                cur[j] = (unsigned char)(prev[j - 1] + 1);
            else
                cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
        memcpy(prev, cur, nb + 1);
    }
    return prev[nb];
}

/* Classifies a 一级/二级 cell.  extra: accepted extra names (may be NULL). */
static void classify_cat(const pblint_text *t, const wlist *extra, cat_info *ci)
{
    /* every field zero; the two strings only need their terminator */
    ci->status = CAT_EMPTY;
    ci->fam = FAM_NONE;
    ci->legacy = false;
    ci->core_off = ci->core_len = 0;
    ci->core[0] = ci->fix[0] = '\0';
    size_t n;
    const char *s = tstr(t, &n);
    if (n == 0) {
        ci->status = CAT_EMPTY;
        return;
    }
    if (n >= KEYMAX - 1) {
        ci->status = CAT_SKIP;
        return;
    }
    /* the text without spaces, and where each of its bytes came from (a
     * text with no space is its own key) */
    char kbuf[KEYMAX];
    uint16_t map[KEYMAX];
    const char *key = s;
    size_t kl = n;
    bool spaced = memchr(s, ' ', n) != NULL;
    if (spaced) {
        kl = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != ' ') {
                map[kl] = (uint16_t)i;
                kbuf[kl++] = s[i];
            }
        kbuf[kl] = '\0';
        key = kbuf;
    }
    size_t a = strip_numbering(key, 0, kl), b = kl;
    while (b > a && (key[b - 1] == ':' || key[b - 1] == ';'))
        b--;
    if (b > a && key[b - 1] == ')') {
        /* a trailing weight or remark: "产出指标(50分)" */
        size_t open = b;
        while (open > a && key[open - 1] != '(')
            open--;
        if (open > a + 1 && has_ascii_digit(key + open, b - open))
            b = open - 1;
    }
    if (b <= a) {
        ci->status = CAT_SKIP;
        return;
    }
    size_t first = spaced ? map[a] : a, last = spaced ? map[b - 1] : b - 1;
    ci->core_off = first;
    ci->core_len = last + 1 - first;
    memcpy(ci->core, key + a, b - a);
    ci->core[b - a] = '\0';
    const char *core = ci->core;
    size_t cl = b - a;
    const char *suffix = "";
    size_t bl = cl;
    if (has_suffix(core, cl, "指标") || has_suffix(core, cl, "目标")) {
        suffix = core + cl - 6;
        bl = cl - 6;
    }
    if (bl == 0) {
        ci->status = CAT_SKIP;
        return;
    }
    for (size_t i = 0; i < NELEM(base_names); i++) {
        size_t L = base_names[i].len;
        if ((L != bl && L != cl) || base_names[i].base[0] != core[0]) /* cl >= bl > 0 */
            continue;
        if ((L == bl && memcmp(core, base_names[i].base, bl) == 0) ||
            (L == cl && memcmp(core, base_names[i].base, cl) == 0)) {
            ci->status = CAT_KNOWN;
            ci->fam = base_names[i].fam;
            ci->legacy = base_names[i].legacy;
            return;
        }
    }
    if (extra && (wlist_has(extra, core, cl) || wlist_has(extra, core, bl))) {
        ci->status = CAT_KNOWN;
        ci->fam = FAM_FRAME;
        return;
    }
    uint32_t cb[NAME_CP], cc[NAME_CP];
    size_t nb = u8_decode(core, bl, cb, NAME_CP, false);
    int found = -1;
    bool ambiguous = false;
    for (size_t i = 0; i < NELEM(base_names); i++) {
        if (base_names[i].fam == FAM_FRAME || base_names[i].legacy)
            continue;
        /* edit distance 1 changes the length by at most one code point,
         * 4 bytes at most: names further apart in bytes cannot be near */
        if (base_names[i].len > bl + 4 || bl > base_names[i].len + 4)
            continue;
        const char *bn = base_names[i].base;
        size_t nc = u8_decode(bn, base_names[i].len, cc, NAME_CP, false);
        if (edit1(cb, nb, cc, nc)) {
            if (found >= 0 && base_names[found].fam != base_names[i].fam)
                ambiguous = true;
            if (found < 0)
                found = (int)i;
        }
    }
    if (found >= 0 && !ambiguous) {
        ci->status = CAT_NEAR;
        ci->fam = base_names[found].fam;
        snprintf(ci->fix, sizeof ci->fix, "%s%.*s", base_names[found].base,
                 (int)(cl - bl), suffix);
        return;
    }
    ci->status = CAT_UNKNOWN;
}

static int cell_fam(const pblint_cell *c)
{
    if (!c)
        return FAM_NONE;
    cat_info ci;
    classify_cat(pblint_cell_text(c), NULL, &ci);
    return (ci.status == CAT_KNOWN || ci.status == CAT_NEAR) ? ci.fam : FAM_NONE;
}

/* ------------------------------------------------------------------ */
/* Rows of indicator tables                                            */
/* ------------------------------------------------------------------ */

typedef struct irow {
    const pblint_table *table;
    const pblint_row *row;
    const pblint_cell *l1, *l2, *l3, *tg, *rm, *un, *op;
    const pblint_value *v; /* the target's value (with the 计量单位/计算符号 columns), or NULL */
    pblint_value veff;     /* v points here when those columns changed it */
    const char *name;      /* the 三级 name without spaces (the model's key), */
    size_t nlen;           /* its first nlen bytes: at most KEYMAX - 1, not NUL-ended */
    int fam1, fam2;
    int problem; /* the target's problem (target_problem()), P_NONE if none */
} irow;

/* Folds a separate 计量单位 or 计算符号 column into the target's value:
 * "90" with a unit column "%" is 90%, with an operator column "≥" it is ≥90
 * (the operator's span is then the operator cell's). */
static void irow_columns(irow *ir)
{
    const pblint_value *v = ir->v;
    if (!v || (v->kind != PBLINT_VAL_NUMBER && v->op != PBLINT_OP_NONE))
        return;
    bool changed = false;
    ir->veff = *v;
    if (v->kind == PBLINT_VAL_NUMBER && ir->un && !pblint_text_empty(pblint_cell_text(ir->un))) {
        char u[KEYMAX];
        size_t ul = tkey(pblint_cell_text(ir->un), u, sizeof u);
        if (strcmp(u, "%") == 0 || strcmp(u, "百分比") == 0) {
            ir->veff.kind = PBLINT_VAL_PERCENT;
        } else if (strcmp(u, "‰") == 0) {
            pblint_decimal tenth = {1, 1}, p;
            ir->veff.kind = PBLINT_VAL_PERCENT;
            if (pblint_decimal_mul(v->num, tenth, &p) == 0)
                ir->veff.num = p;
        } else if (ul < sizeof ir->veff.unit) {
            ir->veff.kind = PBLINT_VAL_COUNT;
            memcpy(ir->veff.unit, u, ul + 1);
        }
        changed = true;
    }
    if (v->op == PBLINT_OP_NONE && ir->op && !pblint_text_empty(pblint_cell_text(ir->op))) {
        size_t n;
        const char *s = tstr(pblint_cell_text(ir->op), &n);
        char buf[64];
        if (n + 2 < sizeof buf) {
            memcpy(buf, s, n);
            memcpy(buf + n, "1", 2);
            pblint_value ov;
            if (pblint_value_parse(buf, n + 1, PBLINT_HINT_GENERIC, PBLINT_MONEY_NONE, &ov) == 0 &&
                ov.op != PBLINT_OP_NONE && ov.op_span.end <= n) {
                ir->veff.op = ov.op;
                ir->veff.flags |= ov.flags & PBLINT_VALF_OP_NONCANONICAL;
                ir->veff.op_span = pblint_text_map(pblint_cell_text(ir->op), ov.op_span.start,
                                                   ov.op_span.end - ov.op_span.start);
                changed = true;
            }
        }
    }
    if (changed)
        ir->v = &ir->veff;
}

/* The entry of a memo of cap entries to fill next: a free one while
 * there is one (used counts them), then the oldest (next). */
static size_t memo_slot(size_t *used, size_t *next, size_t cap)
{
    if (*used < cap)
        return (*used)++;
    size_t k = *next;
    *next = (*next + 1) % cap;
    return k;
}

/* The families of the 一级/二级 texts seen so far in one pass over the
 * rows (the same few names repeat down every table).  Keyed by the text
 * itself, not the cell: the family depends on the text alone.  Holds the
 * last FAM_MEMO distinct texts. */
#define FAM_MEMO 16

typedef struct fam_cache {
    struct {
        const char *s;
        size_t n;
        int fam;
    } e[FAM_MEMO];
    size_t used, next; /* entries filled; the one to replace next when full */
} fam_cache;

/* cell_fam(c), looked up in fc first. */
static int cached_fam(const pblint_cell *c, fam_cache *fc)
{
    if (!c)
        return cell_fam(c);
    size_t n;
    const char *s = tstr(pblint_cell_text(c), &n);
    for (size_t i = 0; i < fc->used; i++)
        if (fc->e[i].n == n && memcmp(fc->e[i].s, s, n) == 0)
            return fc->e[i].fam;
    int fam = cell_fam(c);
    size_t k = memo_slot(&fc->used, &fc->next, FAM_MEMO);
    fc->e[k].s = s;
    fc->e[k].n = n;
    fc->e[k].fam = fam;
    return fam;
}

static int target_problem(const irow *ir);

static void irow_load(const pblint_table *t, const pblint_row *r, irow *ir, fam_cache *fc)
{
    memset(ir, 0, sizeof *ir);
    ir->table = t;
    ir->row = r;
    ir->l1 = pblint_row_cell(r, PBLINT_COL_LEVEL1);
    ir->l2 = pblint_row_cell(r, PBLINT_COL_LEVEL2);
    ir->l3 = pblint_row_cell(r, PBLINT_COL_LEVEL3);
    ir->tg = pblint_row_cell(r, PBLINT_COL_TARGET);
    ir->rm = pblint_row_cell(r, PBLINT_COL_REMARK);
    ir->un = pblint_row_cell(r, PBLINT_COL_UNIT);
    ir->op = pblint_row_cell(r, PBLINT_COL_OPERATOR);
    ir->v = ir->tg ? pblint_cell_value(ir->tg) : NULL;
    irow_columns(ir);
    ir->name = "";
    if (!cell_empty(ir->l3)) {
        size_t kl;
        ir->name = pblint_text_key(pblint_cell_text(ir->l3), &kl);
        ir->nlen = kl < KEYMAX - 1 ? kl : KEYMAX - 1; /* the cut tkey() makes */
    }
    if (fc) {
        ir->fam1 = cached_fam(ir->l1, fc);
        ir->fam2 = cached_fam(ir->l2, fc);
    } else {
        ir->fam1 = cell_fam(ir->l1);
        ir->fam2 = cell_fam(ir->l2);
    }
    /* 13 rules ask which problem the target has; it is the row's alone */
    ir->problem = target_problem(ir);
}

static bool is_indicator_table(const pblint_table *t)
{
    return t && pblint_table_kind(t) == PBLINT_TABLE_INDICATOR;
}

/* Calls fn for every data row of every indicator table. */
typedef int (*row_fn)(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud);

/* The rows as irow_load() reads them, shared by the plugin's rules (17 of
 * them walk the rows): built once per document.  They take about a tenth
 * of what the model holds for the same rows; when they cannot be had (out
 * of memory), each rule reads the rows again, in constant memory. */
typedef struct shared_rows {
    irow *v;
    size_t n;
} shared_rows;

static const char SHARED_ROWS_KEY; /* its address names the shared rows */

static void shared_rows_free(void *p)
{
    shared_rows *sr = p;
    free(sr->v);
    free(sr);
}

static bool is_indicator_table(const pblint_table *t);

/* The data rows of the indicator tables, in order: from *ti, *ri (both 0
 * to start), the next one, or NULL after the last. */
static const pblint_row *next_indicator_row(const pblint_doc *doc, size_t *ti, size_t *ri,
                                            const pblint_table **table)
{
    for (size_t nt = pblint_doc_table_count(doc); *ti < nt; (*ti)++, *ri = 0) {
        const pblint_table *t = pblint_doc_table(doc, *ti);
        if (!is_indicator_table(t))
            continue;
        while (*ri < pblint_table_row_count(t)) {
            const pblint_row *r = pblint_table_row(t, (*ri)++);
            if (r && pblint_row_kind(r) == PBLINT_ROW_DATA) {
                *table = t;
                return r;
            }
        }
    }
    return NULL;
}

/* The document's indicator rows, or NULL when memory is short. */
static const shared_rows *rows_of(pblint_check *chk, const pblint_doc *doc)
{
    shared_rows *sr = pblint_check_shared(chk, &SHARED_ROWS_KEY);
    if (sr)
        return sr;
    size_t n = 0, ti = 0, ri = 0;
    const pblint_table *t;
    const pblint_row *r;
    while (next_indicator_row(doc, &ti, &ri, &t))
        n++;
    sr = calloc(1, sizeof *sr);
    irow *v = calloc(n ? n : 1, sizeof *v);
    if (!sr || !v) {
        free(sr);
        free(v);
        return NULL;
    }
    sr->v = v;
    fam_cache fc;
    fc.used = fc.next = 0;
    for (ti = ri = 0; (r = next_indicator_row(doc, &ti, &ri, &t)) != NULL;)
        irow_load(t, r, &sr->v[sr->n++], &fc); /* in place: v may point into it */
    if (pblint_check_set_shared(chk, &SHARED_ROWS_KEY, sr, shared_rows_free) != 0)
        return NULL; /* sr has been freed */
    return sr;
}

static int for_each_row(pblint_check *chk, const pblint_doc *doc, row_fn fn, void *ud)
{
    const shared_rows *sr = rows_of(chk, doc);
    if (sr) {
        for (size_t i = 0; i < sr->n; i++) {
            int rc = fn(chk, doc, &sr->v[i], ud);
            if (rc)
                return rc;
        }
        return 0;
    }
    fam_cache fc;
    fc.used = fc.next = 0;
    size_t ti = 0, ri = 0;
    const pblint_table *t;
    const pblint_row *r;
    while ((r = next_indicator_row(doc, &ti, &ri, &t)) != NULL) {
        irow ir;
        irow_load(t, r, &ir, &fc);
        int rc = fn(chk, doc, &ir, ud);
        if (rc)
            return rc;
    }
    return 0;
}

static bool name_is_rate(const char *name, size_t n)
{
    for (size_t i = 0; i < NELEM(default_rate_suffixes); i++)
        if (has_suffix(name, n, default_rate_suffixes[i]))
            return true;
    return false;
}

static bool name_is_satisfaction(const irow *ir)
{
    return contains(ir->name, ir->nlen, "满意度") || contains(ir->name, ir->nlen, "满意率") ||
           (ir->fam2 == FAM_SAT && ir->nlen > 0 && name_is_rate(ir->name, ir->nlen));
}

static bool name_has_any(const char *name, size_t n, const char *const *words, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (contains(name, n, words[i]))
            return true;
    return false;
}

static bool is_change_name(const irow *ir)
{
    return name_has_any(ir->name, ir->nlen, change_words, NELEM(change_words));
}

/* Less is better (差错率, 投诉率, a cost) — unless the name measures the
 * change itself (投诉下降率, 成本降低率: more is better). */
static bool is_reverse_name(const irow *ir)
{
    if (is_change_name(ir))
        return false;
    return name_has_any(ir->name, ir->nlen, reverse_words, NELEM(reverse_words)) ||
           ir->fam2 == FAM_COST || ir->fam1 == FAM_COST;
}

static bool is_quantity(int kind)
{
    return kind == PBLINT_VAL_NUMBER || kind == PBLINT_VAL_AMOUNT || kind == PBLINT_VAL_PERCENT ||
           kind == PBLINT_VAL_COUNT || kind == PBLINT_VAL_PERIOD || kind == PBLINT_VAL_DATE;
}

/* The target as written (normalised), quoted. */
static void target_quote(const irow *ir, char *out, size_t size)
{
    tquote(out, size, ir->tg ? pblint_cell_text(ir->tg) : NULL, 30);
}

static void name_quote(const irow *ir, char *out, size_t size)
{
    tquote(out, size, ir->l3 ? pblint_cell_text(ir->l3) : NULL, 30);
}

/* "the 时效 indicator" / "the indicator" */
static void who(const irow *ir, char *out, size_t size)
{
    int f = ir->fam2 != FAM_NONE && ir->fam2 != FAM_FRAME ? ir->fam2 : FAM_NONE;
    if (f == FAM_NONE && (ir->fam1 == FAM_SAT || ir->fam1 == FAM_COST))
        f = ir->fam1;
    if (f != FAM_NONE)
        snprintf(out, size, "the %s indicator", fam_short[f]);
    else
        snprintf(out, size, "the indicator");
}

/* The value as written, from the source (operator and unit included). */
static void value_source(const pblint_doc *doc, const pblint_value *v, char *out, size_t size)
{
    size_t n = 0;
    const char *s = pblint_doc_slice(doc, v->span, &n);
    quote(out, size, s ? s : "", s ? n : 0, 30);
}

/* ------------------------------------------------------------------ */
/* The one problem of a target cell                                    */
/* ------------------------------------------------------------------ */

enum problem {
    P_NONE = 0,
    P_EMPTY,        /* empty-target */
    P_TEXT,         /* vague-target: no figure at all */
    P_RANGE,        /* percent-out-of-range */
    P_CONFLICT,     /* name-value-conflict */
    P_RATE,         /* rate-not-percent */
    P_QTY_RATE,     /* quantity-as-rate */
    P_COST_DIR,     /* cost-direction */
    P_SAT,          /* satisfaction-format */
    P_GE100,        /* percent-at-least-100 */
    P_UNIT,         /* missing-unit */
    P_TIME,         /* timeliness-format */
    P_MISSING_OP,   /* missing-operator */
    P_OPFORM        /* operator-form */
};

/* A figure embedded in the 三级 name ("质量达标率100%"), if any. */
static bool name_figure(const irow *ir, pblint_value *out)
{
    if (!ir->l3 || !has_ascii_digit(ir->name, ir->nlen))
        return false;
    pblint_value q[4];
    size_t n = pblint_text_quantities(pblint_cell_text(ir->l3), PBLINT_MONEY_NONE, q, 4);
    for (size_t i = 0; i < n && i < 4; i++)
        if (q[i].kind == PBLINT_VAL_PERCENT || q[i].kind == PBLINT_VAL_COUNT) {
            *out = q[i];
            return true;
        }
    return false;
}

static bool percent_out_of_range(const irow *ir, const pblint_value *v)
{
    if (v->kind != PBLINT_VAL_PERCENT)
        return false;
    bool out;
    if (dec_cmp_int(v->num, 0) < 0)
        out = true;
    else if (v->op == PBLINT_OP_RANGE)
        out = dec_cmp_int(v->num2, 100) > 0 || dec_cmp_int(v->num, 100) > 0;
    else if (v->op == PBLINT_OP_LE || v->op == PBLINT_OP_LT)
        out = false;
    else if (v->op == PBLINT_OP_GT)
        out = dec_cmp_int(v->num, 100) >= 0;
    else
        out = dec_cmp_int(v->num, 100) > 0;
    return out && !is_change_name(ir);
}

static bool is_ratio_text(const irow *ir)
{
    size_t n;
    const char *s = tstr(pblint_cell_text(ir->tg), &n);
    return contains(s, n, ":") || contains(s, n, "比");
}

static bool rate_exempt(const irow *ir, const pblint_value *v)
{
    if (v->kind == PBLINT_VAL_PERCENT)
        return true;
    /* a satisfaction score: 满意度测评 ≥90分 */
    if (v->kind == PBLINT_VAL_COUNT && strcmp(v->unit, "分") == 0)
        return true;
    if (is_ratio_text(ir))
        return true;
    return false;
}

static bool row_has_unit(const irow *ir)
{
    return ir->un && !pblint_text_empty(pblint_cell_text(ir->un));
}

static bool time_whole_year(const pblint_value *v)
{
    if (v->kind != PBLINT_VAL_PERIOD)
        return false;
    if (strcmp(v->unit, "年") == 0)
        return dec_cmp_int(v->num, 1) >= 0;
    if (strcmp(v->unit, "个月") == 0 || strcmp(v->unit, "月") == 0)
        return dec_cmp_int(v->num, 12) >= 0;
    if (strcmp(v->unit, "天") == 0 || strcmp(v->unit, "日") == 0)
        return dec_cmp_int(v->num, 365) >= 0;
    return false;
}

/* Template residue ("**", "≥**%", "XX", "……"): another check's business. */
static bool is_placeholder(const pblint_text *t)
{
    size_t n;
    const char *s = tstr(t, &n);
    /* one pass for what contains() would look for one by one: "*", "_",
     * "XX", "xx", "××" (C3 97 C3 97) and "…" (E2 80 A6), at any byte */
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        size_t left = n - i;
        if (c == '*' || c == '_')
            return true;
        if ((c == 'X' || c == 'x') && left >= 2 && u[i + 1] == c)
            return true;
        if (c == 0xC3 && left >= 4 && u[i + 1] == 0x97 && u[i + 2] == 0xC3 && u[i + 3] == 0x97)
            return true;
        if (c == 0xE2 && left >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0xA6)
            return true;
    }
    return false;
}

static int target_problem(const irow *ir)
{
    if (!ir->tg) /* a trailing blank cell may be left out of the row */
        return ir->nlen && pblint_table_has_column(ir->table, PBLINT_COL_TARGET) ? P_EMPTY : P_NONE;
    if (is_placeholder(pblint_cell_text(ir->tg)))
        return P_NONE;
    const pblint_value *v = ir->v;
    if (!v || v->kind == PBLINT_VAL_EMPTY)
        return ir->nlen ? P_EMPTY : P_NONE;
    if (v->kind == PBLINT_VAL_WORD || v->kind == PBLINT_VAL_TEXT) {
        size_t n;
        const char *s = tstr(pblint_cell_text(ir->tg), &n);
        return has_ascii_digit(s, n) ? P_NONE : P_TEXT;
    }
    if (!is_quantity(v->kind))
        return P_NONE;
    if (percent_out_of_range(ir, v))
        return P_RANGE;
    pblint_value nf;
    if (name_figure(ir, &nf) && nf.kind == v->kind && pblint_decimal_cmp(nf.num, v->num) != 0)
        return P_CONFLICT;
    if (v->kind != PBLINT_VAL_PERCENT && name_is_rate(ir->name, ir->nlen) && !rate_exempt(ir, v))
        return P_RATE;
    if (ir->fam2 == FAM_QTY && v->kind == PBLINT_VAL_PERCENT)
        return P_QTY_RATE;
    if ((ir->fam2 == FAM_COST || ir->fam1 == FAM_COST) &&
        (v->op == PBLINT_OP_GE || v->op == PBLINT_OP_GT) && v->kind != PBLINT_VAL_PERCENT)
        return P_COST_DIR;
    if (v->kind == PBLINT_VAL_PERCENT &&
        (dec_is(v->num, 100) || dec_cmp_int(v->num, 80) < 0 || v->op == PBLINT_OP_LE ||
         v->op == PBLINT_OP_LT) &&
        name_is_satisfaction(ir))
        return P_SAT;
    if (v->kind == PBLINT_VAL_PERCENT && v->op == PBLINT_OP_GE && dec_is(v->num, 100) &&
        !is_change_name(ir))
        return P_GE100;
    if (v->kind == PBLINT_VAL_NUMBER && !row_has_unit(ir) && !is_ratio_text(ir))
        return P_UNIT;
    if ((ir->fam2 == FAM_TIME) && time_whole_year(v))
        return P_TIME;
    if (v->kind == PBLINT_VAL_PERCENT && v->op == PBLINT_OP_NONE && dec_cmp_int(v->num, 0) > 0 &&
        dec_cmp_int(v->num, 100) < 0)
        return P_MISSING_OP;
    if ((v->flags & PBLINT_VALF_OP_NONCANONICAL) && v->op_span.end > v->op_span.start)
        return P_OPFORM;
    return P_NONE;
}

/* ------------------------------------------------------------------ */
/* The 年度绩效目标 text: figures and the indicators they belong to    */
/* ------------------------------------------------------------------ */

typedef struct claim {
    pblint_value v;          /* the figure; spans in document coordinates */
    pblint_span clause;      /* the clause it stands in */
    char qtext[96];          /* the figure as written */
    char ctext[QMAX];        /* the clause, quoted */
    uint32_t cp[NAME_CP];    /* the name part of the clause */
    size_t ncp;
    bool explicit_op;        /* 以上, 不低于, ≥ ... (not a bare 达) */
    bool assigned;
    char key[KEYMAX];        /* the 三级 name it was matched to */
} claim;

typedef struct goal_info {
    size_t n;
    claim c[MAX_CLAIMS];
} goal_info;

/* Operator words that settle the direction; a bare 达 / 达到 does not. */
static const char *const explicit_op_words[] = {
    "以上", "以下", "以内", "不低于", "不少于", "不小于", "不高于", "不超过", "不大于", "不多于",
    "至少", "大于", "小于", "高于", "低于", "超过", "≥", "≤", ">", "<", "＞", "＜", "≧", "≦",
};

typedef struct match_pair {
    uint32_t claim, row;
    int score;
} match_pair;

static bool is_delim(uint32_t c)
{
    switch (c) {
    case ';': case ',': case ':': case '!': case '?': case '\n': case ' ':
    case 0x3002: /* 。 */
    case 0x3001: /* 、 */
    case 0xFF1B: case 0xFF0C: case 0xFF1A: case 0xFF01: case 0xFF1F:
        return true;
    default:
        return false;
    }
}

static const char *const trailing_op_words[] = {
    "大于等于", "小于等于", "不低于", "不少于", "不小于", "不高于", "不超过", "不大于", "不多于",
    "保持在", "控制在", "达到", "达", "为", "大于", "小于", "高于", "低于", "超过", "在", "至少",
    "约", "是", "要", "应", "于",
};

/* The quantities of the 年度绩效目标 text, as goal_claims() scanned it
 * (goal-text-vague scans the same text). */
typedef struct goal_scan {
    const pblint_text *t; /* the text scanned; NULL when there was none */
    size_t nq;            /* what pblint_scan_quantities() returned */
    pblint_value q[64];   /* the first 64 */
} goal_scan;

/* Fills gi from the 年度绩效目标 field, and gs (may be NULL) with its scan. */
static void goal_claims(const pblint_doc *doc, goal_info *gi, goal_scan *gs)
{
    gi->n = 0;
    if (gs)
        gs->t = NULL;
    const pblint_field *f = pblint_doc_field(doc, "year_goal");
    if (!f)
        return;
    const pblint_text *t = pblint_field_text(f);
    size_t len;
    const char *s = tstr(t, &len);
    if (!len)
        return;
    pblint_value local[64], *q = gs ? gs->q : local;
    size_t nq = pblint_scan_quantities(s, len, pblint_doc_money_unit(doc), q, 64);
    if (gs) {
        gs->t = t;
        gs->nq = nq;
    }
    if (nq > 64)
        nq = 64;
    for (size_t i = 0; i < nq && gi->n < MAX_CLAIMS; i++) {
        int k = q[i].kind;
        if (k != PBLINT_VAL_PERCENT && k != PBLINT_VAL_COUNT && k != PBLINT_VAL_PERIOD &&
            k != PBLINT_VAL_DATE)
            continue;
        size_t qs = q[i].span.start, qe = q[i].span.end;
        if (qs > len || qe > len || qe < qs)
            continue;
        /* clause: from the delimiter before the figure to the one after it */
        size_t cs = 0, ce = len, j = 0, kk;
        while (j < qs) {
            uint32_t c = u8_cp(s, len, j, &kk);
            if (is_delim(c))
                cs = j + kk;
            j += kk;
        }
        j = qe;
        while (j < len) {
            uint32_t c = u8_cp(s, len, j, &kk);
            if (is_delim(c)) {
                ce = j;
                break;
            }
            j += kk;
        }
        /* the name: the clause up to the figure, without numbering and operator words */
        size_t a = strip_numbering(s, cs, qs), b = qs;
        for (bool again = true; again && b > a;) {
            again = false;
            for (size_t w = 0; w < NELEM(trailing_op_words); w++)
                if (has_suffix(s + a, b - a, trailing_op_words[w])) {
                    b -= strlen(trailing_op_words[w]);
                    again = true;
                    break;
                }
        }
        claim *c = &gi->c[gi->n];
        memset(c, 0, sizeof *c);
        c->ncp = u8_decode(s + a, b - a, c->cp, NAME_CP, true);
        if (c->ncp < 2)
            continue;
        c->v = q[i];
        c->explicit_op = name_has_any(s + b, qe - b, explicit_op_words, NELEM(explicit_op_words));
        c->v.span = pblint_text_map(t, qs, qe - qs);
        c->clause = pblint_text_map(t, cs, ce - cs);
        quote(c->qtext, sizeof c->qtext, s + qs, qe - qs, 20);
        quote(c->ctext, sizeof c->ctext, s + cs, ce - cs, 40);
        gi->n++;
    }
}

static int cmp_pairs(const void *pa, const void *pb)
{
    const match_pair *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->claim != b->claim)
        return a->claim < b->claim ? -1 : 1;
    return a->row < b->row ? -1 : (a->row > b->row);
}

/* One bit per code point (its low 6 bits) of cp[0, n). */
static uint64_t cp_signature(const uint32_t *cp, size_t n)
{
    uint64_t sig = 0;
    for (size_t i = 0; i < n; i++)
        sig |= (uint64_t)1 << (cp[i] & 63);
    return sig;
}

typedef struct match_row {
    char key[KEYMAX];
} match_row;

/* Matches every claim to the 三级 name it most resembles (LCS similarity
 * at least `threshold` percent, plus a bonus for a common ending); each
 * name takes at most one claim.  Returns PBLINT_ENOMEM or 0. */
static int goal_match(const pblint_doc *doc, goal_info *gi, long threshold)
{
    if (gi->n == 0)
        return 0;
    match_row *rows = malloc(sizeof *rows * MAX_MATCH_ROWS);
    size_t cap = 64, np = 0;
    match_pair *pairs = malloc(sizeof *pairs * cap);
    if (!rows || !pairs) {
        free(rows);
        free(pairs);
        return PBLINT_ENOMEM;
    }
    size_t nrows = 0;
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && nrows < MAX_MATCH_ROWS; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!is_indicator_table(t))
            continue;
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr && nrows < MAX_MATCH_ROWS; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (!r || pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *l3 = pblint_row_cell(r, PBLINT_COL_LEVEL3);
            if (cell_empty(l3))
                continue;
            size_t kl = tkey(pblint_cell_text(l3), rows[nrows].key, KEYMAX);
            uint32_t cp[NAME_CP];
            size_t ncp = u8_decode(rows[nrows].key, kl, cp, NAME_CP, false);
            uint64_t sig = cp_signature(cp, ncp);
            for (size_t ci = 0; ci < gi->n; ci++) {
                const claim *c = &gi->c[ci];
                size_t mx = c->ncp > ncp ? c->ncp : ncp;
                /* a common subsequence is made of code points both hold: the
                 * claim's code points whose signature bit the name has bound
                 * it from above, and most pairs fail the threshold on that
                 * bound alone, without the quadratic lcs() */
                size_t ub = 0;
                for (size_t k = 0; k < c->ncp; k++)
                    ub += (sig >> (c->cp[k] & 63)) & 1;
                if (mx == 0 || (long)(ub * 100 / mx) < threshold || ub < 2)
                    continue;
                size_t l = lcs(c->cp, c->ncp, cp, ncp);
                if ((long)(l * 100 / mx) < threshold || l < 2)
                    continue;
                size_t suf = 0;
                while (suf < c->ncp && suf < ncp && c->cp[c->ncp - 1 - suf] == cp[ncp - 1 - suf])
                    suf++;
                if (suf > 5)
                    suf = 5;
                if (np == cap) {
                    cap *= 2;
                    match_pair *np2 = realloc(pairs, sizeof *pairs * cap);
                    if (!np2) {
                        free(rows);
                        free(pairs);
                        return PBLINT_ENOMEM;
                    }
                    pairs = np2;
                }
                pairs[np].claim = (uint32_t)ci;
                pairs[np].row = (uint32_t)nrows;
                pairs[np].score = (int)(l * 1000 / mx + suf * 100);
                np++;
            }
            nrows++;
        }
    }
    qsort(pairs, np, sizeof *pairs, cmp_pairs);
    for (size_t i = 0; i < np; i++) {
        claim *c = &gi->c[pairs[i].claim];
        if (c->assigned)
            continue;
        const char *key = rows[pairs[i].row].key;
        bool taken = false;
        for (size_t k = 0; k < gi->n && !taken; k++)
            taken = gi->c[k].assigned && strcmp(gi->c[k].key, key) == 0;
        if (taken)
            continue;
        c->assigned = true;
        snprintf(c->key, sizeof c->key, "%s", key);
    }
    free(rows);
    free(pairs);
    return 0;
}

static const claim *claim_for(const goal_info *gi, const irow *ir)
{
    if (!gi || !ir->nlen)
        return NULL;
    for (size_t i = 0; i < gi->n; i++)
        if (gi->c[i].assigned && strlen(gi->c[i].key) == ir->nlen &&
            memcmp(gi->c[i].key, ir->name, ir->nlen) == 0)
            return &gi->c[i];
    return NULL;
}

/* The claims of the 年度绩效目标 depend on the document alone, and are read
 * once for the four rules that use them; matching them to the rows depends
 * on match-threshold as well, and the last matching is kept beside them. */
typedef struct shared_goal {
    goal_info claims; /* as goal_claims() reads them, unmatched */
    goal_scan scan;   /* and the scan they were read from */
    bool have;        /* matched holds the claims matched with thr */
    long thr;
    goal_info matched;
} shared_goal;

static const char SHARED_GOAL_KEY; /* its address names the shared claims */

/* The document's shared claims, read now if no rule has; NULL when memory
 * is short. */
static shared_goal *goal_shared(pblint_check *chk, const pblint_doc *doc)
{
    shared_goal *sg = pblint_check_shared(chk, &SHARED_GOAL_KEY);
    if (!sg && (sg = malloc(sizeof *sg)) != NULL) {
        goal_claims(doc, &sg->claims, &sg->scan);
        sg->have = false;
        if (pblint_check_set_shared(chk, &SHARED_GOAL_KEY, sg, free) != 0)
            sg = NULL; /* freed */
    }
    return sg;
}

/* The claims matched to the rows, or NULL with *rc set.  *own is what the
 * caller must free (NULL when the result is the shared one). */
static const goal_info *goal_build(pblint_check *chk, const pblint_doc *doc, int *rc,
                                   goal_info **own)
{
    *rc = 0;
    *own = NULL;
    long thr = pblint_check_option_int(chk, "match-threshold", 60);
    shared_goal *sg = goal_shared(chk, doc);
    if (sg && sg->have && sg->thr == thr)
        return &sg->matched;
    goal_info *gi = sg && !sg->have ? &sg->matched : malloc(sizeof *gi);
    if (!gi) {
        *rc = PBLINT_ENOMEM;
        return NULL;
    }
    if (sg) { /* the claims read, not the whole array */
        gi->n = sg->claims.n;
        memcpy(gi->c, sg->claims.c, gi->n * sizeof gi->c[0]);
    } else
        goal_claims(doc, gi, NULL);
    if (!sg || gi != &sg->matched)
        *own = gi;
    *rc = goal_match(doc, gi, thr);
    if (*rc) {
        free(*own);
        *own = NULL;
        return NULL;
    }
    if (!*own) {
        sg->have = true;
        sg->thr = thr;
    }
    return gi;
}

/* The figure of a claim as a target would state it: "100%", "≥90%". */
static void claim_figure(const claim *c, char *out, size_t size)
{
    char num[24];
    fmt_dec(c->v.num, num, sizeof num);
    const char *op = "";
    if (c->v.op == PBLINT_OP_GE || c->v.op == PBLINT_OP_GT || c->v.op == PBLINT_OP_LE ||
        c->v.op == PBLINT_OP_LT)
        op = pblint_op_symbol(c->v.op);
    if (c->v.kind == PBLINT_VAL_PERCENT && dec_is(c->v.num, 100))
        op = "";
    if (c->v.kind == PBLINT_VAL_DATE || c->v.kind == PBLINT_VAL_PERIOD) {
        snprintf(out, size, "%s", c->qtext);
        return;
    }
    snprintf(out, size, "%s%s%s", op, num, c->v.kind == PBLINT_VAL_PERCENT ? "%" : c->v.unit);
}

/* ------------------------------------------------------------------ */
/* Suggestions for a non-measurable target                              */
/* ------------------------------------------------------------------ */

static const char *const dir_dec[] = {"降低", "下降", "减少", "减轻", "缩短"};
static const char *const dir_inc[] = {"提高", "提升", "增加", "增长", "扩大", "增强"};
static const char *const dir_imp[] = {"改善", "改进", "优化", "完善", "规范", "加强"};

static int dir_of(const char *s, size_t n)
{
    if (name_has_any(s, n, dir_dec, NELEM(dir_dec)))
        return -1;
    if (name_has_any(s, n, dir_inc, NELEM(dir_inc)))
        return 1;
    return 0;
}

/* The first count in the 备注 ("覆盖至21个小区" -> "21个"), if any. */
static bool remark_count(const irow *ir, char *out, size_t size)
{
    if (cell_empty(ir->rm))
        return false;
    pblint_value q[8];
    size_t n = pblint_text_quantities(pblint_cell_text(ir->rm), PBLINT_MONEY_NONE, q, 8);
    for (size_t i = 0; i < n && i < 8; i++)
        if (q[i].kind == PBLINT_VAL_COUNT) {
            char num[48];
            fmt_dec(q[i].num, num, sizeof num);
            /* keep the measure word only: "个小区" -> "个" */
            size_t ul = u8_clen(q[i].unit, strlen(q[i].unit), 0);
            if (strlen(q[i].unit) == 0)
                ul = 0;
            snprintf(out, size, "%s%.*s", num, (int)ul, q[i].unit);
            return true;
        }
    return false;
}

/* 时效 names that ask for a span rather than a date. */
static const char *const span_words[] = {"时限", "时长", "周期", "响应", "到场", "用时", "天数"};

static void suggest(const pblint_doc *doc, const irow *ir, const claim *cl, char *out, size_t size)
{
    char fig[128];
    if (cl) {
        claim_figure(cl, fig, sizeof fig);
        snprintf(out, size, "give the figure the 年度绩效目标 promises, %s ('%s')", fig, cl->ctext);
        return;
    }
    if (name_is_satisfaction(ir)) {
        snprintf(out, size, "give a percentage with an operator, e.g. ≥90%%");
        return;
    }
    if (name_is_rate(ir->name, ir->nlen)) {
        if (is_reverse_name(ir))
            snprintf(out, size, "give a ceiling as a percentage, e.g. ≤5%%");
        else
            snprintf(out, size, "give a percentage with an operator, e.g. ≥90%%");
        return;
    }
    switch (ir->fam2) {
    case FAM_TIME: {
        int year = pblint_doc_year(doc, NULL);
        char dl[64];
        if (year > 0)
            snprintf(dl, sizeof dl, "%d年12月31日前", year);
        else
            snprintf(dl, sizeof dl, "YYYY年MM月DD日前");
        if (name_has_any(ir->name, ir->nlen, span_words, NELEM(span_words)))
            snprintf(out, size, "give a span such as ≤5个工作日, or a deadline such as %s", dl);
        else
            snprintf(out, size, "give a deadline such as %s, or a span such as ≤30个工作日", dl);
        return;
    }
    case FAM_QTY:
        if (remark_count(ir, fig, sizeof fig))
            snprintf(out, size, "give a count with its unit, e.g. ≥%s (the 备注 mentions %s)", fig, fig);
        else
            snprintf(out, size, "give a count with its unit, e.g. ≥N个");
        return;
    case FAM_QLT:
        snprintf(out, size, "give a rate or a grade that can be checked, e.g. 验收合格率 ≥95%%");
        return;
    case FAM_COST: {
        const char *u = pblint_money_unit_name(pblint_doc_money_unit(doc));
        snprintf(out, size, "give a ceiling, e.g. ≤N%s", (u && *u) ? u : "元");
        return;
    }
    default:
        break;
    }
    size_t n;
    const char *s = tstr(pblint_cell_text(ir->tg), &n);
    int d = dir_of(s, n);
    if (d < 0)
        snprintf(out, size, "give the size of the change, e.g. 下降≥10%% or ≤N件");
    else if (d > 0)
        snprintf(out, size, "give the size of the change, e.g. ≥90%% or 提高N个百分点");
    else
        snprintf(out, size, "give a number with an operator and a unit, e.g. ≥90%% or ≥N个");
}

/* ------------------------------------------------------------------ */
/* vague-target                                                        */
/* ------------------------------------------------------------------ */

typedef struct vague_ud {
    const wlist *vague, *accepted, *fill;
    const goal_info *gi;
} vague_ud;

/* 1: built only from vague words (listed in words); 2: other text with no
 * figure; 0: an accepted wording. */
static int vague_kind(const vague_ud *u, const char *key, size_t kl, char *words, size_t wsize)
{
    words[0] = '\0';
    if (wlist_has(u->accepted, key, kl) || has_prefix(key, kl, "零") || has_prefix(key, kl, "无") ||
        contains(key, kl, "达成年度指标"))
        return 0;
    bool all = true, any = false;
    size_t i = 0, wl = 0;
    while (i < kl) {
        size_t which = 0, m = wlist_match(u->vague, key + i, kl - i, &which);
        if (m) {
            if (!contains(words, wl, u->vague->w[which]) && wl + m + 8 < wsize) {
                wl += (size_t)snprintf(words + wl, wsize - wl, "%s%.*s", wl ? "', '" : "",
                                       (int)m, key + i);
            }
            any = true;
            i += m;
            continue;
        }
        size_t f = wlist_match(u->fill, key + i, kl - i, NULL);
        if (f) {
            i += f;
            continue;
        }
        all = false;
        i += u8_clen(key, kl, i);
    }
    return (all && any) ? 1 : 2;
}

/* The part of the name the value only repeats ("改善" of "改善小区环境"). */
static bool echo_of(const irow *ir, const char *key, size_t kl, char *out, size_t size)
{
    if (!ir->nlen || !kl)
        return false;
    if (contains(ir->name, ir->nlen, key) && kl < ir->nlen) {
        snprintf(out, size, "%.*s", (int)kl, key);
        return true;
    }
    const char *const *groups[] = {dir_dec, dir_inc, dir_imp};
    size_t sizes[] = {NELEM(dir_dec), NELEM(dir_inc), NELEM(dir_imp)};
    for (size_t g = 0; g < 3; g++) {
        if (!name_has_any(key, kl, groups[g], sizes[g]))
            continue;
        for (size_t i = 0; i < sizes[g]; i++)
            if (contains(ir->name, ir->nlen, groups[g][i])) {
                snprintf(out, size, "%s", groups[g][i]);
                return true;
            }
    }
    return false;
}

static int row_vague(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    vague_ud *u = ud;
    if (ir->problem != P_TEXT)
        return 0;
    char key[KEYMAX], words[QMAX], tq[QMAX], nq[QMAX], w[64], sug[2 * QMAX], echo[64], extra[QMAX];
    size_t kl = tkey(pblint_cell_text(ir->tg), key, sizeof key);
    int vk = vague_kind(u, key, kl, words, sizeof words);
    if (vk == 0)
        return 0;
    target_quote(ir, tq, sizeof tq);
    name_quote(ir, nq, sizeof nq);
    who(ir, w, sizeof w);
    const claim *cl = claim_for(u->gi, ir);
    suggest(doc, ir, cl, sug, sizeof sug);
    extra[0] = '\0';
    if (echo_of(ir, key, kl, echo, sizeof echo)) {
        if (strcmp(echo, key) == 0)
            snprintf(extra, sizeof extra, "; it only repeats '%s' from the name", echo);
        else
            snprintf(extra, sizeof extra, "; it only restates '%s' from the name", echo);
    }
    int f2 = ir->fam2;
    int sev = (f2 == FAM_QTY || f2 == FAM_QLT || f2 == FAM_TIME || f2 == FAM_COST ||
               ir->fam1 == FAM_COST)
                  ? PBLINT_SEV_ERROR
                  : PBLINT_SEV_DEFAULT;
    pblint_diag *d;
    if (ir->nlen)
        d = pblint_report(chk, sev, tspan(pblint_cell_text(ir->tg)),
                          "target '%s' of %s '%s' is %s, not a measurable value%s: %s", tq, w, nq,
                          vk == 1 ? "a qualitative word" : "text with no figure", extra, sug);
    else
        d = pblint_report(chk, sev, tspan(pblint_cell_text(ir->tg)),
                          "target '%s' is %s, not a measurable value%s: %s", tq,
                          vk == 1 ? "a qualitative word" : "text with no figure", extra, sug);
    if (d && cl)
        pblint_diag_add_note(d, cl->v.span, "the 年度绩效目标 gives the figure here");
    return 0;
}

static int check_vague_target(pblint_check *chk, const pblint_doc *doc)
{
    static _Thread_local wcache vague_c, accepted_c, fill_c;
    vague_ud u;
    wlist *own_v, *own_a, *own_f;
    u.vague = wlist_cached(&vague_c, &own_v, chk, "vague-words", default_vague, NELEM(default_vague));
    u.accepted = wlist_cached(&accepted_c, &own_a, chk, "accepted-words", default_accepted,
                              NELEM(default_accepted));
    u.fill = wlist_cached(&fill_c, &own_f, NULL, NULL, fillers, NELEM(fillers));
    int rc = PBLINT_ENOMEM;
    if (u.vague && u.accepted && u.fill) {
        goal_info *own;
        u.gi = goal_build(chk, doc, &rc, &own);
        if (!rc)
            rc = for_each_row(chk, doc, row_vague, &u);
        free(own);
    }
    free(own_v);
    free(own_a);
    free(own_f);
    return rc;
}

/* ------------------------------------------------------------------ */
/* empty-target                                                        */
/* ------------------------------------------------------------------ */

static int row_empty(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    const goal_info *gi = ud;
    if (ir->problem != P_EMPTY)
        return 0;
    char nq[QMAX], fig[128];
    name_quote(ir, nq, sizeof nq);
    const claim *cl = claim_for(gi, ir);
    pblint_span where = ir->tg ? cell_span(ir->tg) : tspan(pblint_cell_text(ir->l3));
    pblint_diag *d;
    if (cl) {
        claim_figure(cl, fig, sizeof fig);
        d = pblint_report(chk, PBLINT_SEV_DEFAULT, where,
                          "indicator '%s' has no target value; the 年度绩效目标 promises %s for it "
                          "('%s')",
                          nq, fig, cl->ctext);
        if (d)
            pblint_diag_add_note(d, cl->v.span, "the 年度绩效目标 gives the figure here");
    } else {
        d = pblint_report(chk, PBLINT_SEV_DEFAULT, where, "indicator '%s' has no target value", nq);
    }
    if (d && ir->l3 && ir->tg)
        pblint_diag_add_note(d, tspan(pblint_cell_text(ir->l3)), "the indicator is named here");
    return 0;
}

static int check_empty_target(pblint_check *chk, const pblint_doc *doc)
{
    int rc;
    goal_info *own;
    const goal_info *gi = goal_build(chk, doc, &rc, &own);
    if (!rc)
        rc = for_each_row(chk, doc, row_empty, (void *)gi);
    free(own);
    return rc;
}

/* ------------------------------------------------------------------ */
/* rate-not-percent                                                    */
/* ------------------------------------------------------------------ */

static int row_rate(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    const wlist *suffixes = ud;
    if (ir->problem != P_RATE || !wlist_suffix(suffixes, ir->name, ir->nlen))
        return 0;
    char nq[QMAX], tq[QMAX], hint[96], num[48];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    hint[0] = '\0';
    if (ir->v->kind == PBLINT_VAL_NUMBER && dec_cmp_int(ir->v->num, 0) > 0) {
        if (dec_cmp_int(ir->v->num, 1) < 0) {
            pblint_decimal h = {100, 0}, p;
            if (pblint_decimal_mul(ir->v->num, h, &p) == 0) {
                fmt_dec(p, num, sizeof num);
                snprintf(hint, sizeof hint, " (%s%%?)", num);
            }
        } else if (dec_cmp_int(ir->v->num, 100) <= 0) {
            fmt_dec(ir->v->num, num, sizeof num);
            snprintf(hint, sizeof hint, " (%s%%?)", num);
        }
    }
    pblint_report(chk, PBLINT_SEV_DEFAULT, cell_span(ir->tg),
                  "'%s' is a rate, but its target '%s' is not a percentage: give it as a "
                  "percentage with an operator%s",
                  nq, tq, hint[0] ? hint : ", e.g. ≥90%");
    return 0;
}

static int check_rate_not_percent(pblint_check *chk, const pblint_doc *doc)
{
    static _Thread_local wcache rate_c;
    wlist *own;
    const wlist *wl = wlist_cached(&rate_c, &own, chk, "rate-suffixes", default_rate_suffixes,
                                   NELEM(default_rate_suffixes));
    if (!wl)
        return PBLINT_ENOMEM;
    int rc = for_each_row(chk, doc, row_rate, (void *)wl);
    free(own);
    return rc;
}

/* ------------------------------------------------------------------ */
/* percent-out-of-range, percent-at-least-100                           */
/* ------------------------------------------------------------------ */

static int row_range(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_RANGE)
        return 0;
    char nq[QMAX], tq[QMAX];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    if (dec_cmp_int(ir->v->num, 0) < 0)
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "target '%s' of '%s' is below 0%%: a rate cannot be negative", tq, nq);
    else if (ir->v->op == PBLINT_OP_GT && dec_is(ir->v->num, 100))
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "target '%s' of '%s' asks for more than 100%%, which no rate can reach", tq,
                      nq);
    else
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "target '%s' of '%s' is above 100%%: a rate cannot exceed 100%%", tq, nq);
    return 0;
}

static int check_percent_range(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_range, NULL);
}

static int row_ge100(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_GE100)
        return 0;
    char nq[QMAX], tq[QMAX];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                                   "target '%s' of '%s' can only be met by exactly 100%%: write "
                                   "=100%%",
                                   tq, nq);
    if (!d || ir->v->op_span.end <= ir->v->op_span.start)
        return 0;
    if (ir->v->op_span.start <= ir->v->span.start) {
        pblint_diag_add_fixit(d, ir->v->op_span, "=");
    } else {
        /* a suffix ("100%以上"): put "=" in front and drop the words */
        pblint_span ins = {ir->v->span.start, ir->v->span.start};
        pblint_diag_add_fixit(d, ins, "=");
        pblint_diag_add_fixit(d, ir->v->op_span, "");
    }
    return 0;
}

static int check_percent_100(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_ge100, NULL);
}

/* ------------------------------------------------------------------ */
/* missing-operator                                                    */
/* ------------------------------------------------------------------ */

static int row_missing_op(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    const goal_info *gi = ud;
    if (ir->problem != P_MISSING_OP)
        return 0;
    char nq[QMAX], tq[QMAX], num[48];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    fmt_dec(ir->v->num, num, sizeof num);
    const claim *cl = claim_for(gi, ir);
    if (cl && cl->explicit_op && cl->v.kind == PBLINT_VAL_PERCENT &&
        pblint_decimal_cmp(cl->v.num, ir->v->num) == 0 && cl->v.op != PBLINT_OP_NONE && cl->v.op != PBLINT_OP_EQ && cl->v.op != PBLINT_OP_RANGE) {
        const char *op = pblint_op_symbol(cl->v.op);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_WARNING, ir->v->span,
                                       "target '%s' of '%s' has no comparison operator, but the "
                                       "年度绩效目标 says '%s': write %s%s",
                                       tq, nq, cl->ctext, op, tq);
        if (d) {
            char rep[QMAX + 8];
            snprintf(rep, sizeof rep, "%s%s", op, tq);
            if (!pblint_table_has_column(ir->table, PBLINT_COL_OPERATOR))
                pblint_diag_add_fixit(d, ir->v->span, rep);
            pblint_diag_add_note(d, cl->v.span, "the 年度绩效目标 sets the threshold here");
        }
        return 0;
    }
    const char *alt = is_reverse_name(ir) ? "≤" : "≥";
    pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                  "target '%s' of '%s' has no comparison operator: is it %s%s%% or =%s%%?", tq, nq,
                  alt, num, num);
    return 0;
}

static int check_missing_operator(pblint_check *chk, const pblint_doc *doc)
{
    int rc;
    goal_info *own;
    const goal_info *gi = goal_build(chk, doc, &rc, &own);
    if (!rc)
        rc = for_each_row(chk, doc, row_missing_op, (void *)gi);
    free(own);
    return rc;
}

/* ------------------------------------------------------------------ */
/* operator-form                                                       */
/* ------------------------------------------------------------------ */

static int row_opform(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_OPFORM)
        return 0;
    char op[32], tq[QMAX];
    size_t n = 0;
    const char *s = pblint_doc_slice(doc, ir->v->op_span, &n);
    quote(op, sizeof op, s ? s : "", s ? n : 0, 8);
    value_source(doc, ir->v, tq, sizeof tq);
    const char *canon = pblint_op_symbol(ir->v->op);
    if (!canon || !*canon)
        return 0;
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->op_span,
                                   "operator '%s' in target '%s' is not the standard sign: write "
                                   "'%s'",
                                   op, tq, canon);
    if (d)
        pblint_diag_add_fixit(d, ir->v->op_span, canon);
    return 0;
}

static int check_operator_form(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_opform, NULL);
}

/* ------------------------------------------------------------------ */
/* missing-unit                                                        */
/* ------------------------------------------------------------------ */

static const struct {
    const char *suffix, *unit;
} unit_hints[] = {
    {"人次", "人次"}, {"人数", "人"}, {"户数", "户"}, {"次数", "次"}, {"个数", "个"},
    {"天数", "天"},   {"场次", "场"}, {"件数", "件"}, {"面积", "平方米"}, {"金额", "元"},
    {"资金", "元"},   {"成本", "元"}, {"费用", "元"}, {"时间", "个工作日"}, {"期数", "期"},
    {"篇数", "篇"},   {"家数", "家"}, {"处数", "处"}, {"台数", "台"},
};

static int row_unit(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_UNIT)
        return 0;
    char nq[QMAX], tq[QMAX], num[48];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    fmt_dec(ir->v->num, num, sizeof num);
    const char *u = NULL;
    for (size_t i = 0; i < NELEM(unit_hints) && !u; i++)
        if (has_suffix(ir->name, ir->nlen, unit_hints[i].suffix))
            u = unit_hints[i].unit;
    if (u)
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "target '%s' of '%s' has no unit: write what it counts, e.g. %s%s", tq, nq,
                      num, u);
    else
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "target '%s' of '%s' has no unit: write what it counts (个, 人, 次, 户 ...)",
                      tq, nq);
    return 0;
}

static int check_missing_unit(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_unit, NULL);
}

/* ------------------------------------------------------------------ */
/* name-value-conflict                                                 */
/* ------------------------------------------------------------------ */

static int row_conflict(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_CONFLICT)
        return 0;
    pblint_value nf;
    if (!name_figure(ir, &nf))
        return 0;
    char nq[QMAX], tq[QMAX], fq[QMAX];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    value_source(doc, &nf, fq, sizeof fq);
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                                   "indicator name '%s' says %s, but its target is '%s': keep the "
                                   "figure in the target only",
                                   nq, fq, tq);
    if (d)
        pblint_diag_add_note(d, nf.span, "the name's figure is here");
    return 0;
}

static int check_name_value_conflict(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_conflict, NULL);
}

/* ------------------------------------------------------------------ */
/* quantity-as-rate                                                    */
/* ------------------------------------------------------------------ */

static int row_qty_rate(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_QTY_RATE)
        return 0;
    char nq[QMAX], tq[QMAX], cnt[64];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    pblint_diag *d;
    if (remark_count(ir, cnt, sizeof cnt)) {
        d = pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                          "the 数量 indicator '%s' gives a rate ('%s'), which says nothing about "
                          "how much is delivered: state the quantity, e.g. ≥%s as the 备注 says",
                          nq, tq, cnt);
        if (d)
            pblint_diag_add_note(d, tspan(pblint_cell_text(ir->rm)), "the 备注 gives the count here");
    } else {
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "the 数量 indicator '%s' gives a rate ('%s'), which says nothing about how "
                      "much is delivered: state the quantity with its unit, e.g. ≥N户 or ≥N人次",
                      nq, tq);
    }
    return 0;
}

static int check_quantity_as_rate(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_qty_rate, NULL);
}

/* ------------------------------------------------------------------ */
/* satisfaction-format                                                 */
/* ------------------------------------------------------------------ */

typedef struct sat_ud {
    long low;
} sat_ud;

static int row_sat(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    const sat_ud *u = ud;
    if (ir->problem != P_SAT)
        return 0;
    char nq[QMAX], tq[QMAX], num[48];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    fmt_dec(ir->v->num, num, sizeof num);
    if (ir->v->op == PBLINT_OP_LE || ir->v->op == PBLINT_OP_LT)
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "satisfaction target '%s' of '%s' caps satisfaction instead of setting a "
                      "floor: write ≥%s%%",
                      tq, nq, num);
    else if (dec_is(ir->v->num, 100))
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "satisfaction target '%s' of '%s' is missed by a single dissatisfied "
                      "respondent: set a floor from past surveys, e.g. ≥90%% or ≥95%%",
                      tq, nq);
    else if (dec_cmp_int(ir->v->num, u->low) < 0)
        pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                      "satisfaction target '%s' of '%s' is below %ld%%: published targets are "
                      "usually ≥90%%",
                      tq, nq, u->low);
    return 0;
}

static int check_satisfaction_format(pblint_check *chk, const pblint_doc *doc)
{
    sat_ud u = {pblint_check_option_int(chk, "low", 80)};
    if (u.low > 80)
        u.low = 80; /* the classifier hands over targets below 80% only */
    return for_each_row(chk, doc, row_sat, &u);
}

/* ------------------------------------------------------------------ */
/* timeliness-format                                                   */
/* ------------------------------------------------------------------ */

static int row_time(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_TIME)
        return 0;
    char nq[QMAX], tq[QMAX], dl[64];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    int year = pblint_doc_year(doc, NULL);
    if (year > 0)
        snprintf(dl, sizeof dl, "%d年12月31日前", year);
    else
        snprintf(dl, sizeof dl, "YYYY年MM月DD日前");
    pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                  "target '%s' of the 时效 indicator '%s' only restates the budget period: give "
                  "a deadline (e.g. %s) or the time each stage may take",
                  tq, nq, dl);
    return 0;
}

static int check_timeliness_format(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_time, NULL);
}

/* ------------------------------------------------------------------ */
/* cost-direction                                                      */
/* ------------------------------------------------------------------ */

static int row_cost_dir(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (ir->problem != P_COST_DIR)
        return 0;
    char nq[QMAX], tq[QMAX], rest[QMAX];
    name_quote(ir, nq, sizeof nq);
    value_source(doc, ir->v, tq, sizeof tq);
    /* the value without its operator: "≥6元/份" -> "6元/份" */
    pblint_span r = ir->v->span;
    if (ir->v->op_span.end > ir->v->op_span.start && ir->v->op_span.start == r.start)
        r.start = ir->v->op_span.end;
    size_t n = 0;
    const char *s = pblint_doc_slice(doc, r, &n);
    quote(rest, sizeof rest, s ? s : "", s ? n : 0, 24);
    pblint_report(chk, PBLINT_SEV_DEFAULT, ir->v->span,
                  "the 成本 indicator '%s' has the target '%s', a floor: a cost target caps "
                  "spending, write ≤%s",
                  nq, tq, rest);
    return 0;
}

static int check_cost_direction(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_cost_dir, NULL);
}

/* ------------------------------------------------------------------ */
/* generic-indicator-name                                              */
/* ------------------------------------------------------------------ */

static const char *const generic_modifiers[] = {
    "本年度", "年度", "全年", "项目", "工作", "目标", "任务", "总体", "整体", "计划", "各项",
    "质量", "验收", "实施", "建设", "服务", "按时", "预期", "绩效",
};

static const char *const default_generic[] = {
    "完成率", "合格率", "及时率", "完成及时率", "满意度", "满意率", "达标率", "覆盖率",
    "知晓率", "完成时间", "完成情况", "完成进度", "完成度", "执行率", "到位率", "使用率",
    "完成数量", "完成质量", "完工率", "时间", "进度", "数量", "质量", "效果", "效益",
};

typedef struct generic_ud {
    const wlist *generic;
} generic_ud;

static int row_generic(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    const generic_ud *u = ud;
    if (!ir->l3 || !ir->nlen || pblint_cell_inherited(ir->l3))
        return 0;
    size_t a = 0;
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < NELEM(generic_modifiers); i++) {
            if (generic_modifiers[i][0] != ir->name[a]) /* a < nlen; no modifier is empty */
                continue;
            size_t L = strlen(generic_modifiers[i]);
            if (a + L < ir->nlen && memcmp(ir->name + a, generic_modifiers[i], L) == 0) {
                a += L;
                again = true;
                break;
            }
        }
    }
    if (!wlist_has(u->generic, ir->name + a, ir->nlen - a))
        return 0;
    char nq[QMAX];
    name_quote(ir, nq, sizeof nq);
    pblint_report(chk, PBLINT_SEV_DEFAULT, tspan(pblint_cell_text(ir->l3)),
                  "indicator name '%s' does not say what it measures: name the work or product, "
                  "e.g. 'XX%.*s'",
                  nq, (int)(ir->nlen - a), ir->name + a);
    return 0;
}

static int check_generic_name(pblint_check *chk, const pblint_doc *doc)
{
    static _Thread_local wcache generic_c;
    generic_ud u;
    wlist *own;
    u.generic = wlist_cached(&generic_c, &own, chk, "generic-names", default_generic,
                             NELEM(default_generic));
    if (!u.generic)
        return PBLINT_ENOMEM;
    int rc = for_each_row(chk, doc, row_generic, &u);
    free(own);
    return rc;
}

/* ------------------------------------------------------------------ */
/* goal-table-mismatch                                                 */
/* ------------------------------------------------------------------ */

typedef struct mismatch_ud {
    const goal_info *gi;
    bool reported[MAX_CLAIMS];
    pblint_diag *diag[MAX_CLAIMS];
} mismatch_ud;

static bool ops_conflict(int a, int b)
{
    bool al = a == PBLINT_OP_LE || a == PBLINT_OP_LT, ag = a == PBLINT_OP_GE || a == PBLINT_OP_GT;
    bool bl = b == PBLINT_OP_LE || b == PBLINT_OP_LT, bg = b == PBLINT_OP_GE || b == PBLINT_OP_GT;
    return (al && bg) || (ag && bl);
}

static int row_mismatch(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    mismatch_ud *u = ud;
    const claim *cl = claim_for(u->gi, ir);
    if (!cl || !ir->tg || !ir->v || is_placeholder(pblint_cell_text(ir->tg)))
        return 0;
    size_t ci = (size_t)(cl - u->gi->c);
    const pblint_value *v = ir->v;
    char nq[QMAX], tq[QMAX], why[2 * QMAX];
    name_quote(ir, nq, sizeof nq);
    target_quote(ir, tq, sizeof tq);
    why[0] = '\0';
    if (v->kind == PBLINT_VAL_WORD || v->kind == PBLINT_VAL_TEXT) {
        size_t n;
        const char *s = tstr(pblint_cell_text(ir->tg), &n);
        if (has_ascii_digit(s, n))
            return 0;
        snprintf(why, sizeof why, "has the target '%s'", tq);
    } else if (v->kind == cl->v.kind &&
               (v->kind == PBLINT_VAL_PERCENT ||
                ((v->kind == PBLINT_VAL_COUNT || v->kind == PBLINT_VAL_PERIOD) &&
                 strcmp(v->unit, cl->v.unit) == 0))) {
        int c = pblint_decimal_cmp(v->num, cl->v.num);
        if (c != 0) {
            pblint_decimal diff;
            char ds[48];
            if (pblint_decimal_sub(c > 0 ? v->num : cl->v.num, c > 0 ? cl->v.num : v->num, &diff))
                return 0;
            fmt_dec(diff, ds, sizeof ds);
            if (v->kind == PBLINT_VAL_PERCENT)
                snprintf(why, sizeof why, "has the target '%s' (%s percentage points %s)", tq, ds,
                         c > 0 ? "higher" : "lower");
            else
                snprintf(why, sizeof why, "has the target '%s' (%s%s %s)", tq, ds, v->unit,
                         v->kind == PBLINT_VAL_PERIOD ? (c > 0 ? "longer" : "shorter")
                                                      : (c > 0 ? "more" : "fewer"));
        } else if (cl->explicit_op && ops_conflict(v->op, cl->v.op)) {
            snprintf(why, sizeof why, "has the target '%s', which points the other way", tq);
        } else {
            return 0;
        }
    } else if (v->kind == PBLINT_VAL_DATE && cl->v.kind == PBLINT_VAL_DATE) {
        if (v->year && cl->v.year && v->year != cl->v.year)
            snprintf(why, sizeof why, "has the target '%s' (another year)", tq);
        else if (v->month && cl->v.month && v->month != cl->v.month)
            snprintf(why, sizeof why, "has the target '%s' (another month)", tq);
        else if (v->day && cl->v.day && v->month == cl->v.month && v->day != cl->v.day)
            snprintf(why, sizeof why, "has the target '%s' (another day)", tq);
        else
            return 0;
    } else {
        return 0;
    }
    if (u->reported[ci]) {
        if (u->diag[ci])
            pblint_diag_add_note(u->diag[ci], cell_span(ir->tg), "the same indicator is also here");
        return 0;
    }
    u->reported[ci] = true;
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, cl->v.span,
                                   "the 年度绩效目标 promises '%s', but the matching indicator '%s' "
                                   "%s",
                                   cl->ctext, nq, why);
    u->diag[ci] = d;
    if (d)
        pblint_diag_add_note(d, cell_span(ir->tg), "the indicator's target is here");
    return 0;
}

static int check_goal_table_mismatch(pblint_check *chk, const pblint_doc *doc)
{
    mismatch_ud *u = calloc(1, sizeof *u);
    if (!u)
        return PBLINT_ENOMEM;
    int rc;
    goal_info *own;
    u->gi = goal_build(chk, doc, &rc, &own);
    if (!rc && u->gi->n)
        rc = for_each_row(chk, doc, row_mismatch, u);
    free(own);
    free(u);
    return rc;
}

/* ------------------------------------------------------------------ */
/* goal-text-vague                                                     */
/* ------------------------------------------------------------------ */

static const char *const default_goal_fields[] = {"total_goal", "year_goal"};

static const char *field_title(const pblint_field *f, const char *key, char *buf, size_t size)
{
    const pblint_text *l = pblint_field_label(f);
    if (l && !pblint_text_empty(l)) {
        char k[KEYMAX];
        size_t n = tkey(l, k, sizeof k);
        /* drop numbering such as "一、" */
        size_t a = strip_numbering(k, 0, n);
        quote(buf, size, k + a, n - a, 16);
        return buf;
    }
    if (strcmp(key, "total_goal") == 0)
        return "项目总目标";
    if (strcmp(key, "year_goal") == 0)
        return "年度绩效目标";
    return key;
}

static int check_goal_text_vague(pblint_check *chk, const pblint_doc *doc)
{
    static _Thread_local wcache vague_c, fields_c;
    wlist *own_v, *own_f;
    const wlist *vague = wlist_cached(&vague_c, &own_v, chk, "vague-words", default_vague,
                                      NELEM(default_vague));
    const wlist *fields = wlist_cached(&fields_c, &own_f, chk, "fields", default_goal_fields,
                                       NELEM(default_goal_fields));
    if (!vague || !fields) {
        free(own_v);
        free(own_f);
        return PBLINT_ENOMEM;
    }
    long min_words = pblint_check_option_int(chk, "min-words", 2);
    /* the 年度绩效目标 as the claims' rules scanned it (NULL: scan here) */
    const shared_goal *sg = goal_shared(chk, doc);
    for (size_t fi = 0; fi < fields->n; fi++) {
        char key[64];
        /* the word cut to the buffer (snprintf's "%.*s", which it was) */
        size_t kl = fields->len[fi] < sizeof key - 1 ? fields->len[fi] : sizeof key - 1;
        memcpy(key, fields->w[fi], kl);
        key[kl] = '\0';
        const pblint_field *f = pblint_doc_field(doc, key);
        if (!f)
            continue;
        const pblint_text *t = pblint_field_text(f);
        size_t len;
        const char *s = tstr(t, &len);
        if (!len)
            continue;
        pblint_value local[16];
        const pblint_value *q = local;
        size_t nq;
        if (sg && sg->scan.t && sg->scan.t == t) {
            q = sg->scan.q; /* the scan's first 16 are these 16 */
            nq = sg->scan.nq;
        } else {
            nq = pblint_scan_quantities(s, len, pblint_doc_money_unit(doc), local, 16);
        }
        bool figure = false;
        for (size_t i = 0; i < nq && i < 16 && !figure; i++)
            figure = q[i].kind == PBLINT_VAL_PERCENT || q[i].kind == PBLINT_VAL_COUNT ||
                     q[i].kind == PBLINT_VAL_AMOUNT || q[i].kind == PBLINT_VAL_PERIOD ||
                     q[i].kind == PBLINT_VAL_DATE;
        if (figure)
            continue;
        char words[QMAX];
        size_t wl = 0, count = 0, distinct = 0;
        words[0] = '\0';
        for (size_t i = 0; i < len;) {
            size_t which = 0, m = wlist_match(vague, s + i, len - i, &which);
            if (m && u8_count(s + i, m) >= 2) {
                count++;
                if (!contains(words, wl, vague->w[which]) && distinct < 6 &&
                    wl + m + 4 < sizeof words) {
                    wl += (size_t)snprintf(words + wl, sizeof words - wl, "%s%.*s",
                                           wl ? ", " : "", (int)m, s + i);
                    distinct++;
                }
                i += m;
            } else {
                i += u8_clen(s, len, i);
            }
        }
        if ((long)count < min_words)
            continue;
        char title[QMAX];
        /* a long-term 总目标 may stay more general than the 年度 one: note only */
        int sev = strcmp(key, "total_goal") == 0 ? PBLINT_SEV_NOTE : PBLINT_SEV_DEFAULT;
        pblint_report(chk, sev, tspan(t),
                      "%s has no figure and rests on vague words (%s): say what the project "
                      "delivers in numbers, rates or deadlines",
                      field_title(f, key, title, sizeof title), words);
    }
    free(own_v);
    free(own_f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* category-nonstandard                                                */
/* ------------------------------------------------------------------ */

/* The classification of the texts seen so far (the same few names repeat
 * down every table): it depends on the text and the extra names alone. */
#define CAT_MEMO 16

typedef struct cat_ud {
    const wlist *extra;
    bool note_legacy;
    struct {
        const char *s;
        size_t n;
        cat_info ci;
    } memo[CAT_MEMO];
    size_t used, next; /* entries filled; the one to replace next when full */
} cat_ud;

static size_t base_len(const char *s)
{
    size_t n = strlen(s);
    if (has_suffix(s, n, "指标") || has_suffix(s, n, "目标"))
        n -= 6;
    return n;
}

/* "the closest standard name is …", comparing names without 指标/目标. */
static void closest_canon(const char *core, int level, char *out, size_t size)
{
    const char *const *list = level == 1 ? canon_l1 : canon_l2;
    size_t n = level == 1 ? NELEM(canon_l1) : NELEM(canon_l2);
    uint32_t a[NAME_CP], b[NAME_CP];
    size_t na = u8_decode(core, base_len(core), a, NAME_CP, false);
    size_t score[16] = {0}, best = 0;
    for (size_t i = 0; i < n && i < 16; i++) {
        size_t nb = u8_decode(list[i], base_len(list[i]), b, NAME_CP, false);
        size_t l = lcs(a, na, b, nb), mx = na > nb ? na : nb;
        score[i] = mx ? l * 1000 / mx : 0;
        if (score[i] > best)
            best = score[i];
    }
    size_t k, ties = 0;
    for (size_t i = 0; i < n && i < 16; i++)
        ties += best && score[i] == best;
    if (best == 0)
        k = (size_t)snprintf(out, size, "the standard names are ");
    else
        k = (size_t)snprintf(out, size, ties > 1 ? "the closest standard names are "
                                                 : "the closest standard name is ");
    bool first = true;
    for (size_t i = 0; i < n && i < 16 && k < size; i++)
        if (best == 0 || score[i] == best) {
            k += (size_t)snprintf(out + k, size - k, "%s'%s'", first ? "" : ", ", list[i]);
            first = false;
        }
}

static void check_cat_cell(pblint_check *chk, cat_ud *u, const pblint_cell *c, int level)
{
    if (!c || pblint_cell_inherited(c))
        return;
    const pblint_text *t = pblint_cell_text(c);
    size_t n;
    const char *s = tstr(t, &n);
    const cat_info *cp = NULL;
    for (size_t i = 0; i < u->used && !cp; i++)
        if (u->memo[i].n == n && memcmp(u->memo[i].s, s, n) == 0)
            cp = &u->memo[i].ci;
    if (!cp) {
        size_t k = memo_slot(&u->used, &u->next, CAT_MEMO);
        u->memo[k].s = s;
        u->memo[k].n = n;
        classify_cat(t, u->extra, &u->memo[k].ci);
        cp = &u->memo[k].ci;
    }
    const cat_info ci = *cp;
    if (ci.status != CAT_NEAR && ci.status != CAT_UNKNOWN &&
        !(ci.status == CAT_KNOWN && ci.legacy && u->note_legacy))
        return; /* nothing to say: spare the quote */
    const char *lv = level == 1 ? "一级" : "二级";
    char q[QMAX];
    quote(q, sizeof q, ci.core, strlen(ci.core), 30);
    if (ci.status == CAT_NEAR) {
        pblint_span sp = pblint_text_map(t, ci.core_off, ci.core_len);
        pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, sp,
                                       "%s category '%s' is not a standard name: did you mean "
                                       "'%s'?",
                                       lv, q, ci.fix);
        if (d)
            pblint_diag_add_fixit(d, sp, ci.fix);
    } else if (ci.status == CAT_UNKNOWN) {
        char sug[QMAX * 2];
        closest_canon(ci.core, level, sug, sizeof sug);
        pblint_report(chk, PBLINT_SEV_DEFAULT, pblint_text_map(t, ci.core_off, ci.core_len),
                      "%s category '%s' is not a standard name; %s", lv, q, sug);
    } else if (ci.status == CAT_KNOWN && ci.legacy && u->note_legacy) {
        pblint_report(chk, PBLINT_SEV_NOTE, pblint_text_map(t, ci.core_off, ci.core_len),
                      "%s category '%s' is the older Shanghai name; the current forms say '%s'",
                      lv, q,
                      ci.fam == FAM_BENEFIT  ? "效益指标"
                      : ci.fam == FAM_IMPACT ? "满意度指标"
                      : ci.fam == FAM_SUSTAIN ? "可持续影响指标"
                                              : "产出指标");
    }
}

static int row_cat(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    cat_ud *u = ud;
    check_cat_cell(chk, u, ir->l1, 1);
    check_cat_cell(chk, u, ir->l2, 2);
    return 0;
}

static int check_category_nonstandard(pblint_check *chk, const pblint_doc *doc)
{
    static _Thread_local wcache extra_c;
    cat_ud *u = malloc(sizeof *u);
    wlist *own = NULL;
    if (!u || (u->extra = wlist_cached(&extra_c, &own, chk, "extra-names", NULL, 0)) == NULL) {
        free(u);
        return PBLINT_ENOMEM;
    }
    u->note_legacy = pblint_check_option_bool(chk, "note-legacy", false);
    u->used = u->next = 0;
    int rc = for_each_row(chk, doc, row_cat, u);
    free(own);
    free(u);
    return rc;
}

/* ------------------------------------------------------------------ */
/* category-misplaced                                                  */
/* ------------------------------------------------------------------ */

/* Whether a 二级 of family c may sit under a 一级 of family p. */
static bool parent_ok(int c, int p)
{
    switch (c) {
    case FAM_QTY:
    case FAM_QLT:
    case FAM_TIME:
        return p == FAM_OUTPUT;
    case FAM_COST:
        return p == FAM_COST || p == FAM_OUTPUT;
    case FAM_ECON:
    case FAM_SOCIAL:
    case FAM_ECO:
        return p == FAM_BENEFIT;
    case FAM_SUSTAIN:
        return p == FAM_BENEFIT || p == FAM_IMPACT;
    case FAM_SAT:
        return p == FAM_SAT || p == FAM_IMPACT;
    default:
        return true;
    }
}

static const char *expected_parent(int c)
{
    switch (c) {
    case FAM_QTY:
    case FAM_QLT:
    case FAM_TIME:
        return "产出指标";
    case FAM_COST:
        return "成本指标 (or 产出指标)";
    case FAM_SAT:
        return "满意度指标, a 一级 of its own";
    default:
        return "效益指标";
    }
}

static int row_misplaced(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    if (!ir->l2 || !ir->l1 || pblint_cell_inherited(ir->l2))
        return 0;
    int c = ir->fam2, p = ir->fam1;
    if (c == FAM_NONE || p == FAM_NONE || c == FAM_FRAME || p == FAM_FRAME)
        return 0;
    if (c == FAM_OUTPUT || c == FAM_BENEFIT || c == FAM_IMPACT)
        return 0; /* a 一级 name in the 二级 column: not a placement question */
    if (parent_ok(c, p))
        return 0;
    char q2[QMAX], q1[QMAX];
    tquote(q2, sizeof q2, pblint_cell_text(ir->l2), 30);
    tquote(q1, sizeof q1, pblint_cell_text(ir->l1), 30);
    pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, tspan(pblint_cell_text(ir->l2)),
                                   "二级 '%s' (a %s category) is filed under the 一级 '%s'; the "
                                   "target forms put it under %s",
                                   q2, fam_short[c], q1, expected_parent(c));
    if (d)
        pblint_diag_add_note(d, tspan(pblint_cell_text(ir->l1)), "the 一级 is written here");
    return 0;
}

static int check_category_misplaced(pblint_check *chk, const pblint_doc *doc)
{
    return for_each_row(chk, doc, row_misplaced, NULL);
}

/* ------------------------------------------------------------------ */
/* required-categories, cost-indicator-missing                          */
/* ------------------------------------------------------------------ */

typedef struct presence {
    bool fam[FAM_FRAME + 1];
    bool sat_name;            /* a 三级 named …满意度 */
    bool cost_name;           /* a 三级 named …成本 */
    bool any;                 /* some data row */
    const pblint_row *first;  /* the first row of the first indicator table */
    const pblint_cell *output_cell; /* the first written 产出 一级 */
} presence;

static int row_presence(pblint_check *chk, const pblint_doc *doc, const irow *ir, void *ud)
{
    presence *p = ud;
    p->any = true;
    p->fam[ir->fam1] = true;
    p->fam[ir->fam2] = true;
    if (contains(ir->name, ir->nlen, "满意"))
        p->sat_name = true;
    if (contains(ir->name, ir->nlen, "成本"))
        p->cost_name = true;
    if (!p->output_cell && ir->fam1 == FAM_OUTPUT && ir->l1 && !pblint_cell_inherited(ir->l1))
        p->output_cell = ir->l1;
    return 0;
}

static void presence_scan(pblint_check *chk, const pblint_doc *doc, presence *p)
{
    memset(p, 0, sizeof *p);
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt && !p->first; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (is_indicator_table(t) && pblint_table_row_count(t))
            p->first = pblint_table_row(t, 0);
    }
    for_each_row(chk, doc, row_presence, p);
}

static pblint_span presence_where(const presence *p, bool output)
{
    if (output && p->output_cell)
        return tspan(pblint_cell_text(p->output_cell));
    const pblint_cell *c = p->first ? pblint_row_cell(p->first, PBLINT_COL_LEVEL1) : NULL;
    if (c && !cell_empty(c))
        return tspan(pblint_cell_text(c));
    return p->first ? pblint_row_span(p->first) : (pblint_span){0, 0};
}

static const char *const default_required[] = {"数量", "质量", "时效", "效益", "满意度"};

static int check_required_categories(pblint_check *chk, const pblint_doc *doc)
{
    presence p;
    presence_scan(chk, doc, &p);
    if (!p.any || !p.first)
        return 0;
    static _Thread_local wcache req_c;
    wlist *own;
    const wlist *req = wlist_cached(&req_c, &own, chk, "required", default_required,
                                    NELEM(default_required));
    if (!req)
        return PBLINT_ENOMEM;
    for (size_t i = 0; i < req->n; i++) {
        const char *w = req->w[i];
        size_t L = req->len[i];
        if (L == 6 && memcmp(w, "数量", 6) == 0 && !p.fam[FAM_QTY])
            pblint_report(chk, PBLINT_SEV_DEFAULT, presence_where(&p, true),
                          "no 数量 indicator: the 产出 indicators should state how much is "
                          "delivered (数量指标, e.g. ≥N户 or ≥N人次)");
        else if (L == 6 && memcmp(w, "质量", 6) == 0 && !p.fam[FAM_QLT])
            pblint_report(chk, PBLINT_SEV_DEFAULT, presence_where(&p, true),
                          "no 质量 indicator: the 产出 indicators should state the standard the "
                          "work must meet (质量指标, e.g. 验收合格率 ≥95%%)");
        else if (L == 6 && memcmp(w, "时效", 6) == 0 && !p.fam[FAM_TIME])
            pblint_report(chk, PBLINT_SEV_DEFAULT, presence_where(&p, true),
                          "no 时效 indicator: the 产出 indicators should state when the work is "
                          "done (时效指标, e.g. a deadline or a completion-time rate)");
        else if (L == 6 && memcmp(w, "效益", 6) == 0 && !p.fam[FAM_BENEFIT] && !p.fam[FAM_ECON] &&
                 !p.fam[FAM_SOCIAL] && !p.fam[FAM_ECO] && !p.fam[FAM_SUSTAIN])
            pblint_report(chk, PBLINT_SEV_DEFAULT, presence_where(&p, false),
                          "no 效益 indicator: add at least one 经济效益, 社会效益, 生态效益 or 可持续影响 "
                          "indicator");
        else if (L == 9 && memcmp(w, "满意度", 9) == 0 && !p.fam[FAM_SAT] && !p.sat_name)
            pblint_report(chk, PBLINT_SEV_DEFAULT, presence_where(&p, false),
                          "no 满意度 indicator: add a 服务对象满意度 indicator (e.g. ≥90%%)");
    }
    free(own);
    return 0;
}

static int check_cost_missing(pblint_check *chk, const pblint_doc *doc)
{
    const char *mode = pblint_check_option(chk, "require-cost");
    bool always = false;
    if (mode && (strcmp(mode, "never") == 0 || strcmp(mode, "no") == 0 || strcmp(mode, "false") == 0 ||
                 strcmp(mode, "0") == 0))
        return 0;
    if (mode && (strcmp(mode, "always") == 0 || strcmp(mode, "yes") == 0 ||
                 strcmp(mode, "true") == 0 || strcmp(mode, "1") == 0))
        always = true;
    presence p;
    presence_scan(chk, doc, &p);
    if (!p.any || !p.first || p.fam[FAM_COST] || p.cost_name)
        return 0;
    long from = pblint_check_option_int(chk, "from-year", 2022);
    int year = pblint_doc_year(doc, NULL);
    int sev = (always || (year > 0 && year >= from)) ? PBLINT_SEV_WARNING : PBLINT_SEV_DEFAULT;
    char when[96];
    if (always)
        snprintf(when, sizeof when, "required by the configuration");
    else if (year > 0 && year >= from)
        snprintf(when, sizeof when, "the filing is for %d", year);
    else if (year > 0)
        snprintf(when, sizeof when, "the filing is for %d, before %ld, so this is a note", year,
                 from);
    else
        snprintf(when, sizeof when, "the filing's year is not stated, so this is a note");
    pblint_report(chk, sev, presence_where(&p, false),
                  "no 成本 indicator: 财预〔2021〕101号 makes 成本指标 (经济成本, 社会成本, "
                  "生态环境成本) a 一级 indicator (%s)",
                  when);
    return 0;
}

/* ------------------------------------------------------------------ */
/* empty-category                                                      */
/* ------------------------------------------------------------------ */

typedef struct group {
    const pblint_cell *cell; /* where the category is written, or NULL */
    bool content;
} group;

static void group_close(pblint_check *chk, group *g, const char *lv)
{
    if (g->cell && !g->content) {
        char q[QMAX];
        tquote(q, sizeof q, pblint_cell_text(g->cell), 30);
        pblint_report(chk, PBLINT_SEV_DEFAULT, tspan(pblint_cell_text(g->cell)),
                      "%s '%s' has no indicator under it: add a 三级 indicator with a target, or "
                      "remove the category",
                      lv, q);
    }
    g->cell = NULL;
    g->content = false;
}

static int check_empty_category(pblint_check *chk, const pblint_doc *doc)
{
    size_t nt = pblint_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const pblint_table *t = pblint_doc_table(doc, ti);
        if (!is_indicator_table(t) || !pblint_table_has_column(t, PBLINT_COL_TARGET))
            continue;
        group g1 = {NULL, false}, g2 = {NULL, false};
        size_t nr = pblint_table_row_count(t);
        for (size_t ri = 0; ri < nr; ri++) {
            const pblint_row *r = pblint_table_row(t, ri);
            if (!r || pblint_row_kind(r) != PBLINT_ROW_DATA)
                continue;
            const pblint_cell *l1 = pblint_row_cell(r, PBLINT_COL_LEVEL1);
            const pblint_cell *l2 = pblint_row_cell(r, PBLINT_COL_LEVEL2);
            const pblint_cell *l3 = pblint_row_cell(r, PBLINT_COL_LEVEL3);
            const pblint_cell *tg = pblint_row_cell(r, PBLINT_COL_TARGET);
            bool new1 = l1 && !pblint_cell_inherited(l1) && !cell_empty(l1);
            bool new2 = l2 && !pblint_cell_inherited(l2) && !cell_empty(l2);
            if (new1) {
                group_close(chk, &g2, "二级");
                group_close(chk, &g1, "一级");
                g1.cell = l1;
            }
            if (new2) {
                group_close(chk, &g2, "二级");
                g2.cell = l2;
            }
            bool content = !cell_empty(l3) || !cell_empty(tg);
            if (content) {
                g1.content = true;
                g2.content = true;
            }
        }
        group_close(chk, &g2, "二级");
        group_close(chk, &g1, "一级");
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The plugin                                                          */
/* ------------------------------------------------------------------ */

static const pblint_rule_desc rules[] = {
    {"vague-target", "a target value is a qualitative word or text with no figure, so it cannot be measured",
     PBLINT_SEV_WARNING, check_vague_target, 0, {0}},
    {"empty-target", "an indicator has no target value", PBLINT_SEV_ERROR, check_empty_target, 0,
     {0}},
    {"rate-not-percent", "a rate indicator (…率, …满意度, …比例) has a target that is not a percentage",
     PBLINT_SEV_ERROR, check_rate_not_percent, 0, {0}},
    {"percent-out-of-range", "a percentage target is above 100% or below 0%", PBLINT_SEV_ERROR,
     check_percent_range, 0, {0}},
    {"percent-at-least-100", "a target of ≥100% can only be met by exactly 100%", PBLINT_SEV_NOTE,
     check_percent_100, PBLINT_RULE_FIXABLE, {0}},
    {"missing-operator", "a percentage target has no comparison operator (≥, ≤, =)", PBLINT_SEV_NOTE,
     check_missing_operator, PBLINT_RULE_FIXABLE, {0}},
    {"operator-form", "a target's comparison operator is written in a non-standard form (>=, <=, ≧)",
     PBLINT_SEV_NOTE, check_operator_form, PBLINT_RULE_FIXABLE, {0}},
    {"missing-unit", "a numeric target has no unit of measure", PBLINT_SEV_WARNING,
     check_missing_unit, 0, {0}},
    {"name-value-conflict", "the indicator name carries a figure that differs from its target",
     PBLINT_SEV_WARNING, check_name_value_conflict, 0, {0}},
    {"quantity-as-rate", "a 数量 indicator gives a rate instead of a quantity", PBLINT_SEV_WARNING,
     check_quantity_as_rate, 0, {0}},
    {"satisfaction-format", "a satisfaction target is 100%, very low, or a ceiling instead of a floor",
     PBLINT_SEV_NOTE, check_satisfaction_format, 0, {0}},
    {"timeliness-format", "a 时效 target only restates the whole budget period (1年内)", PBLINT_SEV_NOTE,
     check_timeliness_format, 0, {0}},
    {"cost-direction", "a 成本 target is a floor (≥) instead of a ceiling (≤)", PBLINT_SEV_WARNING,
     check_cost_direction, 0, {0}},
    {"generic-indicator-name", "a 三级 indicator name does not say what it measures (完成率, 质量合格率)",
     PBLINT_SEV_NOTE, check_generic_name, 0, {0}},
    {"goal-table-mismatch", "a figure in the 年度绩效目标 disagrees with the matching indicator's target",
     PBLINT_SEV_WARNING, check_goal_table_mismatch, 0, {0}},
    {"goal-text-vague", "the 项目总目标 or 年度绩效目标 has no figure and rests on vague words",
     PBLINT_SEV_WARNING, check_goal_text_vague, 0, {0}},
    {"category-nonstandard", "a 一级 or 二级 category name is not a standard one", PBLINT_SEV_WARNING,
     check_category_nonstandard, PBLINT_RULE_FIXABLE, {0}},
    {"category-misplaced", "a 二级 category sits under a 一级 it does not belong to", PBLINT_SEV_NOTE,
     check_category_misplaced, 0, {0}},
    {"required-categories", "the indicators lack a 数量, 质量, 时效, 效益 or 满意度 category",
     PBLINT_SEV_WARNING, check_required_categories, 0, {0}},
    {"cost-indicator-missing", "the filing has no 成本 indicator", PBLINT_SEV_NOTE, check_cost_missing,
     0, {0}},
    {"empty-category", "a 一级 or 二级 category has no indicator under it", PBLINT_SEV_WARNING,
     check_empty_category, 0, {0}},
};

static const pblint_plugin_desc plugin =
    PBLINT_PLUGIN_DESC_INIT("indicators", "0.1.0", "indicator measurability and taxonomy", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void)
{
    return &plugin;
}

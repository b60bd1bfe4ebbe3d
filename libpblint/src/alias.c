/*
 * The alias table: every field label and column heading pblint knows, and
 * the canonical name each maps to.  Filings from different regions and years
 * name the same thing differently (项目总预算 / 资金总额, 目标值 / 指标值,
 * 完成值 / 实际完成值, 分值 / 权重 ...); a new variant is one more string here.
 * Sources: ../shared/reference/domain-rules.md §2.7-2.8 and the seeds.
 *
 * All strings are written in "key form": NFKC (ASCII brackets and colons)
 * with no spaces, which is how pblint_text_key() presents labels.
 */
#include "alias.h"

#include <pthread.h>

typedef struct field_alias {
    const char *key;
    int vtype;
    const char *const *names;
} field_alias;

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const field_alias FIELDS[] = {
    /* identity */
    {"project_name", PB_FV_TEXT, NAMES("项目名称", "项目全称")},
    {"unit_name", PB_FV_TEXT,
     NAMES("填报单位(盖章)", "填报单位", "申报单位(盖章)", "申报单位", "项目单位", "预算单位",
           "单位名称")},
    {"implementer", PB_FV_TEXT, NAMES("项目实施单位", "实施单位", "项目执行单位")},
    {"project_code", PB_FV_TEXT, NAMES("项目编码", "项目代码", "项目编号")},
    {"department", PB_FV_TEXT, NAMES("主管部门", "主管部门及代码", "项目主管部门")},
    {"money_unit", PB_FV_UNIT, NAMES("金额单位")},
    {"project_kind", PB_FV_CHOICE, NAMES("项目类别", "项目类型")},
    {"project_attr", PB_FV_CHOICE, NAMES("项目属性")},
    {"fund_use", PB_FV_CHOICE, NAMES("资金用途")},
    /* people */
    {"owner", PB_FV_PERSON, NAMES("项目负责人及电话", "项目负责人", "项目实施责任人", "项目责任人")},
    {"contact", PB_FV_PERSON, NAMES("联系人")},
    {"phone", PB_FV_PHONE, NAMES("联系电话", "联系方式", "电话")},
    {"unit_head", PB_FV_PERSON, NAMES("填报单位负责人", "单位负责人", "申报单位负责人")},
    {"filler", PB_FV_PERSON, NAMES("填表人", "填报人", "经办人")},
    {"fill_date", PB_FV_DATE, NAMES("填报日期", "填表日期", "申报日期")},
    /* period */
    {"start_date", PB_FV_DATE, NAMES("起始日期", "开始日期", "项目开始时间", "起始时间", "开始时间")},
    {"end_date", PB_FV_DATE, NAMES("结束日期", "截止日期", "项目结束时间", "结束时间")},
    {"period", PB_FV_TEXT, NAMES("项目起止时间", "项目实施期", "实施周期", "项目期")},
    /* free text */
    {"overview", PB_FV_TEXT, NAMES("项目概况", "项目简介", "项目基本概况")},
    {"setup", PB_FV_GROUP, NAMES("项目立项情况")},
    {"basis", PB_FV_TEXT,
     NAMES("项目立项的依据", "项目立项依据", "立项依据", "依据")},
    {"necessity", PB_FV_TEXT,
     NAMES("项目申报的必要性", "项目设立的必要性", "项目立项的必要性", "必要性")},
    {"feasibility", PB_FV_TEXT, NAMES("项目申报的可行性", "项目立项的可行性", "可行性")},
    {"resources", PB_FV_TEXT, NAMES("项目相关资源投入和制度建设情况", "资源投入和制度建设情况")},
    {"total_goal", PB_FV_TEXT,
     NAMES("项目总目标", "项目总体目标", "总体目标", "长期目标", "中期目标", "实施期目标", "总目标")},
    {"year_goal", PB_FV_TEXT,
     NAMES("年度绩效目标", "年度总体目标", "本年度目标", "年度目标", "阶段性目标")},
    {"other_issues", PB_FV_TEXT, NAMES("需要说明的其他问题", "其他需要说明的问题", "其他说明")},
    {"composition", PB_FV_TEXT, NAMES("项目构成", "项目实施内容", "项目主要内容", "实施内容")},
    {"safeguard_text", PB_FV_TEXT, NAMES("保证项目实施的制度、措施", "保障措施")},
    /* funds */
    {"funds", PB_FV_GROUP, NAMES("项目资金", "项目资金申请", "资金来源", "项目资金来源", "资金情况")},
    {"project_total", PB_FV_AMOUNT,
     NAMES("项目总预算", "项目资金总额", "中期资金总额", "资金总额", "项目预算总额", "项目总投资")},
    {"year_budget", PB_FV_AMOUNT,
     NAMES("当年预算", "年度资金总额", "本年度预算", "年度预算", "年初预算数", "全年预算数")},
    {"fiscal_upper", PB_FV_AMOUNT, NAMES("上级财政拨款", "上级财政资金", "本级财政拨款")},
    {"fiscal_own", PB_FV_AMOUNT, NAMES("本级财政安排", "本级财政资金", "本级财政")},
    {"fiscal_lower", PB_FV_AMOUNT, NAMES("下级财政配套", "下级财政资金")},
    {"fiscal", PB_FV_AMOUNT,
     NAMES("财政拨款", "本年财政拨款", "当年财政拨款", "财政资金", "申请市财政资金", "市级财政拨款",
           "其中:财政拨款")},
    {"carry_over", PB_FV_AMOUNT, NAMES("上年结转资金", "上年结转", "结转结余")},
    {"other_funds", PB_FV_AMOUNT,
     NAMES("其他资金", "其中:其他资金", "自有资金", "单位自筹", "自筹资金", "事业收入", "经营性收入")},
};

/* Sub-labels that stand between a label and its value ("项目构成 | 主体活动
 * ...的详细描述 | value") and are not values themselves. */
static const char *const SUBLABELS[] = {
    "主体活动(作业、任务)和对应产出的详细描述",
    "主体活动和对应产出的详细描述",
    NULL,
};

typedef struct col_alias {
    int role;
    const char *const *names;
} col_alias;

static const col_alias COLUMNS[] = {
    {PBLINT_COL_SEQ, NAMES("序号")},
    {PBLINT_COL_LEVEL1, NAMES("一级目标", "一级指标")},
    {PBLINT_COL_LEVEL2, NAMES("二级目标", "二级指标")},
    {PBLINT_COL_LEVEL3, NAMES("三级目标", "三级指标", "指标内容", "指标名称", "具体指标")},
    {PBLINT_COL_TARGET,
     NAMES("目标值", "指标值", "年度指标值", "绩效目标值", "年度目标值", "预期指标值", "参考值",
           "预期目标值")},
    {PBLINT_COL_ACTUAL,
     NAMES("完成值", "实际完成值", "全年实际值", "实际值", "实际完成情况", "完成情况")},
    {PBLINT_COL_WEIGHT, NAMES("分值", "权重", "标准分", "指标分值", "权重(分)")},
    {PBLINT_COL_SCORE, NAMES("评价得分", "自评得分", "得分", "评分")},
    {PBLINT_COL_GRADE, NAMES("评分结果级别", "评价等级", "评分等级", "级别", "等级")},
    {PBLINT_COL_DEVIATION,
     NAMES("偏差原因分析及改进措施", "未完成原因分析", "偏差原因分析", "偏差原因")},
    {PBLINT_COL_REMARK,
     NAMES("备注", "指标值说明", "指标解释", "评(扣)分标准", "评分标准", "指标值设定依据", "说明")},
    {PBLINT_COL_NAME, NAMES("项目名称", "指标", "评价指标")},
    {PBLINT_COL_CONTENT, NAMES("项目内容", "项目用途")},
    {PBLINT_COL_ITEM, NAMES("项目明细", "支出明细", "项目支出明细", "明细项目", "明细")},
    {PBLINT_COL_AMOUNT,
     NAMES("明细金额", "金额", "预算金额", "支出金额", "资金", "决算金额")},
    {PBLINT_COL_UNIT_PRICE, NAMES("单价")},
    {PBLINT_COL_QUANTITY, NAMES("数量")},
    {PBLINT_COL_BASIS, NAMES("依据", "测算依据", "单价依据", "数量依据")},
    {PBLINT_COL_CATEGORY, NAMES("制度保障", "制度类别", "制度类型")},
    {PBLINT_COL_DOC_TITLE, NAMES("文件名称", "制度名称")},
    {PBLINT_COL_MEASURE, NAMES("具体措施", "保障措施")},
    {PBLINT_COL_STAGE, NAMES("保障阶段")},
    {PBLINT_COL_UNIT, NAMES("计量单位", "度量单位", "单位")},
    {PBLINT_COL_OPERATOR, NAMES("计算符号", "指标性质", "指标方向")},
    {PBLINT_COL_BUDGET_INITIAL, NAMES("年初预算数", "年初预算")},
    {PBLINT_COL_BUDGET, NAMES("全年预算数", "调整后预算数", "预算数")},
    {PBLINT_COL_EXECUTED, NAMES("全年执行数", "执行数", "实际支出", "决算数")},
    {PBLINT_COL_RATE, NAMES("执行率", "预算执行率")},
};


/* ---------------------------------------------------------------- index */

/* The names hashed, built once, so that a lookup compares against the one
 * or two names that could match instead of scanning a list.
 *
 * A field label is the longest name that is a prefix of a key.  Names of
 * three characters or more (PB_HEAD_LONG bytes and up) are bucketed by
 * their first PB_HEAD_LONG bytes, two-character names by their first
 * PB_HEAD_SHORT: a key that starts 项目 then meets the names that start
 * 项目名 (say), not the forty that start 项目.  Any name of the first kind
 * is longer than any of the second, and each bucket keeps its longest names
 * first, so the first hit is the answer.  A column heading matches whole:
 * bucketed by its length and its first and last bytes.  Names shorter than
 * PB_HEAD_SHORT bytes (none today) are kept in a list of their own. */
#define PB_HEAD_LONG 9
#define PB_HEAD_SHORT 6
#define NBUCKETS 512 /* pb_mix() keeps 9 bits */

typedef struct entry {
    const char *name;
    uint16_t len;
    int16_t index; /* into FIELDS or COLUMNS */
} entry;

typedef struct bucket {
    entry *e;
    size_t n;
} bucket;

static bucket field_long[NBUCKETS];  /* names of PB_HEAD_LONG bytes or more */
static bucket field_short[NBUCKETS]; /* PB_HEAD_SHORT .. PB_HEAD_LONG - 1 bytes */
static bucket field_tiny;            /* shorter */
static bucket column_buckets[NBUCKETS];
static bucket column_tiny;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static inline unsigned pb_mix(uint64_t w)
{
    return (unsigned)((w * 0x9e3779b97f4a7c15ull) >> 55); /* the top 9 bits */
}

/* The first six bytes of s as a number. */
static inline uint64_t pb_load6(const char *s)
{
    uint32_t lo;
    uint16_t hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + 4, 2);
    return (uint64_t)lo | (uint64_t)hi << 32;
}

/* The bucket of the first PB_HEAD_SHORT (hash_short) or PB_HEAD_LONG
 * (hash_long) bytes of s, which has at least that many. */
static inline unsigned hash_short(const char *s)
{
    return pb_mix(pb_load6(s));
}

static inline unsigned hash_long(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return pb_mix(w ^ (uint64_t)(unsigned char)s[8] * 0x100000001b3ull);
}

/* A whole name of len >= PB_HEAD_SHORT bytes. */
static inline unsigned hash_whole(const char *s, size_t len)
{
    uint64_t last = (unsigned char)s[len - 1] | (unsigned)(unsigned char)s[len - 2] << 8;
    return pb_mix(pb_load6(s) ^ (uint64_t)len << 48 ^ last * 0x100000001b3ull);
}

/* Adds a name to a bucket after the names at least as long (so longest
 * first, and names of one length in the order of the tables). */
static void add_entry(bucket *b, const char *name, size_t len, int index)
{
    entry *ne = realloc(b->e, (b->n + 1) * sizeof *ne);
    if (!ne)
        abort(); /* a few kilobytes at start-up */
    b->e = ne;
    size_t at = 0;
    while (at < b->n && b->e[at].len >= len)
        at++;
    memmove(b->e + at + 1, b->e + at, (b->n - at) * sizeof *ne);
    b->e[at] = (entry){name, (uint16_t)len, (int16_t)index};
    b->n++;
}

static void build_category_index(void);

static void build_index(void)
{
    for (size_t i = 0; i < PB_ARRAY_LEN(FIELDS); i++) {
        for (const char *const *n = FIELDS[i].names; *n; n++) {
            size_t len = strlen(*n);
            bucket *b = len >= PB_HEAD_LONG    ? &field_long[hash_long(*n)]
                        : len >= PB_HEAD_SHORT ? &field_short[hash_short(*n)]
                                               : &field_tiny;
            add_entry(b, *n, len, (int)i);
        }
    }
    for (size_t i = 0; i < PB_ARRAY_LEN(COLUMNS); i++) {
        for (const char *const *n = COLUMNS[i].names; *n; n++) {
            size_t len = strlen(*n);
            bucket *b = len >= PB_HEAD_SHORT ? &column_buckets[hash_whole(*n, len)] : &column_tiny;
            add_entry(b, *n, len, (int)i);
        }
    }
    build_category_index();
}

static const char *const TOTAL_WORDS[] = {"合计", "总计", "金额合计", "总合计", "总分", "合计得分", NULL};

/* The longest name in bk that is a prefix of key[0, len). */
static inline const entry *longest_prefix(const bucket *bk, const char *key, size_t len)
{
    for (size_t i = 0; i < bk->n; i++) {
        const entry *e = &bk->e[i];
        /* the last byte first: it tells apart most names that start alike */
        if (e->len <= len && e->name[e->len - 1] == key[e->len - 1] &&
            memcmp(key, e->name, e->len) == 0)
            return e;
    }
    return NULL;
}

const char *pb_field_lookup(const char *key, size_t len, size_t *matched, int *vtype)
{
    if (len < 3)
        return NULL;
    pthread_once(&index_once, build_index);
    const entry *best = NULL;
    if (len >= PB_HEAD_LONG)
        best = longest_prefix(&field_long[hash_long(key)], key, len);
    if (!best && len >= PB_HEAD_SHORT)
        best = longest_prefix(&field_short[hash_short(key)], key, len);
    if (!best)
        best = longest_prefix(&field_tiny, key, len);
    if (!best)
        return NULL;
    if (matched)
        *matched = best->len;
    if (vtype)
        *vtype = FIELDS[best->index].vtype;
    return FIELDS[best->index].key;
}

int pb_field_vtype(const char *key)
{
    for (size_t i = 0; i < PB_ARRAY_LEN(FIELDS); i++)
        if (strcmp(FIELDS[i].key, key) == 0)
            return FIELDS[i].vtype;
    return PB_FV_TEXT;
}

bool pb_is_sublabel(const char *key, size_t len)
{
    for (const char *const *n = SUBLABELS; *n; n++)
        if (strlen(*n) == len && memcmp(*n, key, len) == 0)
            return true;
    return false;
}

/* Drops a trailing unit in brackets: "金额(万元)" -> "金额", reporting the unit. */
size_t pb_strip_unit_suffix(const char *key, size_t len, int *money_unit)
{
    static const struct {
        const char *suffix;
        int unit;
    } U[] = {
        {"(万元)", PBLINT_MONEY_WAN}, {"(元)", PBLINT_MONEY_YUAN}, {"(亿元)", PBLINT_MONEY_YI},
        {"(千元)", PBLINT_MONEY_QIAN}, {"(%)", PBLINT_MONEY_NONE}, {"(分)", PBLINT_MONEY_NONE},
    };
    if (len < 3 || key[len - 1] != ')')
        return len; /* nearly every cell: no unit in brackets */
    for (size_t i = 0; i < PB_ARRAY_LEN(U); i++) {
        size_t n = strlen(U[i].suffix);
        if (len > n && memcmp(key + len - n, U[i].suffix, n) == 0) {
            if (money_unit)
                *money_unit = U[i].unit;
            return len - n;
        }
    }
    return len;
}

int pb_column_lookup(const char *key, size_t len, int *money_unit)
{
    if (money_unit)
        *money_unit = PBLINT_MONEY_NONE;
    /* "金额:" and "备注:" occur; a trailing colon is not part of the name. */
    while (len > 0 && key[len - 1] == ':')
        len--;
    len = pb_strip_unit_suffix(key, len, money_unit);
    if (len < 3)
        return PBLINT_COL_NONE;
    pthread_once(&index_once, build_index);
    const bucket *bk = len >= PB_HEAD_SHORT ? &column_buckets[hash_whole(key, len)] : &column_tiny;
    for (size_t i = 0; i < bk->n; i++)
        if (bk->e[i].len == len && memcmp(bk->e[i].name, key, len) == 0)
            return COLUMNS[bk->e[i].index].role;
    return PBLINT_COL_NONE;
}

bool pb_is_total_label(const char *key, size_t len)
{
    for (const char *const *n = TOTAL_WORDS; *n; n++)
        if (strlen(*n) == len && memcmp(*n, key, len) == 0)
            return true;
    /* "公共服务经费合计", "金额合计:" */
    while (len > 0 && key[len - 1] == ':')
        len--;
    return len >= 6 && memcmp(key + len - 6, "合计", 6) == 0;
}

/* Whether w[0, n), n >= 2, occurs in s[0, len): memchr() to its last byte
 * (a continuation byte for Chinese words, much rarer than a lead byte),
 * then a compare of the rest. */
static bool contains_n(const char *s, size_t len, const char *w, size_t n)
{
    if (n > len)
        return false;
    const char *p = s + n - 1, *end = s + len;
    while (p < end && (p = memchr(p, w[n - 1], (size_t)(end - p))) != NULL) {
        if (memcmp(p - (n - 1), w, n - 1) == 0)
            return true;
        p++;
    }
    return false;
}

#define contains(s, len, w) contains_n((s), (len), (w), sizeof(w) - 1)

/*
 * The category names, by their first character.  Each is an exact name of
 * either level (3), an exact first-level name (1), or a second-level name
 * that a cell may start with (2: then nothing or some 指标/目标 follows);
 * pb_category_guess() tries them in that order, which each bucket keeps.
 */
enum { CAT_EITHER, CAT_L1, CAT_L2 };
#define CAT_BUCKETS 64

typedef struct cat_entry {
    const char *name;
    uint8_t len;
    uint8_t kind;
} cat_entry;

static const char *const CAT_NAMES[3][20] = {
    /* names used at either level depending on the form: 成本指标 is first-level
     * after 财预〔2021〕101号 and second-level before; 满意度指标 likewise */
    [CAT_EITHER] = {"成本指标", "满意度指标", "成本", "满意度", NULL},
    [CAT_L1] = {"产出指标", "产出目标", "效益指标", "效果目标", "效果指标", "影响力目标",
                "影响力指标", "满意度指标", "成本指标", "成本目标", "项目效益", "产出", "效益",
                "效果", NULL},
    [CAT_L2] = {"数量", "质量", "时效", "实效", "进度", "成本", "经济效益", "社会效益",
                "生态效益", "环境效益", "生态环境", "可持续影响", "满意度", "经济成本",
                "社会成本", "生态环境成本", NULL},
};

static struct {
    cat_entry e[12];
    size_t n;
} cat_buckets[CAT_BUCKETS];

static inline unsigned hash_char(const char *s)
{
    uint32_t w = (unsigned char)s[0] | (unsigned)(unsigned char)s[1] << 8 |
                 (uint32_t)(unsigned char)s[2] << 16;
    return (unsigned)((w * 0x9e3779b1u) >> 26); /* the top 6 bits: CAT_BUCKETS */
}

static void build_category_index(void)
{
    for (int kind = CAT_EITHER; kind <= CAT_L2; kind++) {
        for (const char *const *n = CAT_NAMES[kind]; *n; n++) {
            size_t len = strlen(*n);
            unsigned h = hash_char(*n); /* every name has a first character */
            if (cat_buckets[h].n == PB_ARRAY_LEN(cat_buckets[h].e))
                abort(); /* a table that outgrew its buckets: a bug found at once */
            cat_buckets[h].e[cat_buckets[h].n++] = (cat_entry){*n, (uint8_t)len, (uint8_t)kind};
        }
    }
}

/* "指标" at p (p + 6 <= the end) preceded in s by "满意度", "效益" or "成本". */
static bool kind_before(const char *s, const char *p)
{
    size_t before = (size_t)(p - s);
    return (before >= 6 && (memcmp(p - 6, "效益", 6) == 0 || memcmp(p - 6, "成本", 6) == 0)) ||
           (before >= 9 && memcmp(p - 9, "满意度", 9) == 0);
}

/*
 * Whether a cell looks like an indicator category, and of which level.  Only
 * used to realign shifted rows; the taxonomy itself (canonical names,
 * regional aliases, near-misses) belongs to the indicators plugin.
 */
int pb_category_guess(const char *key, size_t len)
{
    if (len < 6 || len > 48)
        return 0;
    pthread_once(&index_once, build_index);
    const cat_entry *e = cat_buckets[hash_char(key)].e;
    for (size_t i = 0, n = cat_buckets[hash_char(key)].n; i < n; i++) {
        size_t m = e[i].len;
        if (e[i].kind != CAT_L2) {
            if (m == len && memcmp(e[i].name, key, len) == 0)
                return e[i].kind == CAT_EITHER ? 3 : 1;
        } else if (len >= m && memcmp(key, e[i].name, m) == 0 &&
                   (len == m || contains(key + m, len - m, "指标") ||
                    contains(key + m, len - m, "目标"))) {
            return 2;
        }
    }
    /* "...满意度指标", "...效益指标", "...成本指标" anywhere in the cell */
    const char *end = key + len;
    for (const char *p = key + 5; p < end && (p = memchr(p, "指标"[5], (size_t)(end - p))) != NULL;
         p++) {
        const char *w = p - 5;
        if (memcmp(w, "指标", 5) == 0 && kind_before(key, w))
            return 2;
    }
    /* a short name ending in 指标 (工作量指标, 进度指标): a category of some level */
    if (len <= 24 && len >= 9 && memcmp(key + len - 6, "指标", 6) == 0)
        return 3;
    return 0;
}

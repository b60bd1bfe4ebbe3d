/*
 * pblint — a linter for Chinese public-finance performance filings.
 *
 * Public C API.  Everything a host program (the pblint CLI, the editor
 * server, an embedder) or a plugin may use is declared here and in
 * <pblint/plugin.h>.  Nothing else of the library is visible outside it.
 *
 * Conventions (after SQLite and libgit2):
 *  - every symbol starts with pblint_ / PBLINT_;
 *  - objects are opaque handles; each _new has a matching _free;
 *  - functions that can fail return an int: 0 (PBLINT_OK) or a negative
 *    PBLINT_E* code; the sentence describing the failure is available from
 *    pblint_ctx_error() on the context that failed;
 *  - pointers returned by accessors are owned by the object they came from
 *    and stay valid until that object is freed, unless stated otherwise;
 *  - positions are byte spans into the decoded (UTF-8) text of a document.
 *    Lines and columns are computed only at the edge, by
 *    pblint_doc_position(), in the unit the caller asks for.
 */
#ifndef PBLINT_PBLINT_H
#define PBLINT_PBLINT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PBLINT_BUILDING_LIBRARY)
#define PBLINT_API __attribute__((visibility("default")))
#else
#define PBLINT_API
#endif

#if defined(__GNUC__)
#define PBLINT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PBLINT_PRINTF(fmt, args)
#endif

#define PBLINT_VERSION_MAJOR 0
#define PBLINT_VERSION_MINOR 1
#define PBLINT_VERSION_PATCH 0
#define PBLINT_VERSION_STRING "0.1.0"

/** The library's version string, e.g. "0.1.0". */
PBLINT_API const char *pblint_version(void);

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

typedef enum pblint_error {
    PBLINT_OK = 0,
    PBLINT_ENOMEM = -1,    /* out of memory */
    PBLINT_EINVAL = -2,    /* invalid argument */
    PBLINT_EIO = -3,       /* a file could not be read or written */
    PBLINT_EENCODING = -4, /* the input's encoding cannot be decoded */
    PBLINT_EBINARY = -5,   /* the input is not a text filing */
    PBLINT_EPLUGIN = -6,   /* a plugin could not be loaded */
    PBLINT_ECONFIG = -7,   /* a configuration error */
    PBLINT_ENOTFOUND = -8, /* no such rule, file or key */
    PBLINT_ETOOBIG = -9    /* the input exceeds a hard limit */
} pblint_error;

/** A static, English description of an error code. */
PBLINT_API const char *pblint_strerror(int code);

/* ------------------------------------------------------------------ */
/* Severities, spans, decimals                                         */
/* ------------------------------------------------------------------ */

typedef enum pblint_severity {
    PBLINT_SEV_DEFAULT = -2, /* "the rule's configured severity" */
    PBLINT_SEV_OFF = -1,
    PBLINT_SEV_NOTE = 0,
    PBLINT_SEV_WARNING = 1,
    PBLINT_SEV_ERROR = 2
} pblint_severity;

/** "note", "warning", "error", "off". */
PBLINT_API const char *pblint_severity_name(pblint_severity sev);
/** Parses the names above (and "info" as note); returns PBLINT_EINVAL otherwise. */
PBLINT_API int pblint_severity_parse(const char *name, pblint_severity *out);

/** A half-open byte range [start, end) in a document's decoded text. */
typedef struct pblint_span {
    uint32_t start;
    uint32_t end;
} pblint_span;

/**
 * An exact decimal number: mant * 10^-scale, 0 <= scale <= 18.
 * Money is never held in binary floating point.
 */
typedef struct pblint_decimal {
    int64_t mant;
    int32_t scale;
} pblint_decimal;

/** Compares a and b exactly: <0, 0, >0.  Handles different scales. */
PBLINT_API int pblint_decimal_cmp(pblint_decimal a, pblint_decimal b);
/** a + b, a - b exactly; return PBLINT_ETOOBIG on overflow. */
PBLINT_API int pblint_decimal_add(pblint_decimal a, pblint_decimal b, pblint_decimal *out);
PBLINT_API int pblint_decimal_sub(pblint_decimal a, pblint_decimal b, pblint_decimal *out);
/** a * b exactly (scale adds up, then trailing zeros are dropped). */
PBLINT_API int pblint_decimal_mul(pblint_decimal a, pblint_decimal b, pblint_decimal *out);
/** Rescales to `scale` digits, rounding half away from zero. */
PBLINT_API int pblint_decimal_rescale(pblint_decimal a, int32_t scale, pblint_decimal *out);
/** Writes the plain decimal form ("19.95", "-5", "244800") into buf; returns its length. */
PBLINT_API size_t pblint_decimal_format(pblint_decimal a, char *buf, size_t size);
/** The decimal places of fen in one `money_unit` (fen = amount × 10^exp): 元 2, 千元 5,
 *  万元 6, 亿元 10; PBLINT_MONEY_NONE counts as 元.  Since ABI 1.1. */
PBLINT_API int pblint_money_unit_exp(int money_unit);
/** Writes a money amount given in fen (0.01 yuan) in `unit` ("244800", "19.95"). */
PBLINT_API size_t pblint_fen_format(int64_t fen, int money_unit, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Typed values                                                        */
/* ------------------------------------------------------------------ */

typedef enum pblint_value_kind {
    PBLINT_VAL_EMPTY = 0, /* blank, or a dash placeholder (——, ----, /) */
    PBLINT_VAL_TEXT,      /* text that is not a quantity */
    PBLINT_VAL_WORD,      /* a short qualitative word: 及时, 提高, 合格 */
    PBLINT_VAL_NUMBER,    /* a bare number with no unit: 85, 2400 */
    PBLINT_VAL_AMOUNT,    /* money: 244800 in an amount cell, 170.92万元 */
    PBLINT_VAL_PERCENT,   /* 90%, ≥90%, 90%以上, 不低于90% */
    PBLINT_VAL_COUNT,     /* a number with a unit of measure: 2400人, 1个, 89分 */
    PBLINT_VAL_PERIOD,    /* a time span: 1年内, 30个工作日内, 3个月 */
    PBLINT_VAL_DATE       /* 2019年1月1日, 2020-01-01, 2018年12月, 年底前 */
} pblint_value_kind;

typedef enum pblint_op {
    PBLINT_OP_NONE = 0, /* a bare number: "=" or "≥" is not said */
    PBLINT_OP_EQ,
    PBLINT_OP_GE,
    PBLINT_OP_GT,
    PBLINT_OP_LE,
    PBLINT_OP_LT,
    PBLINT_OP_RANGE /* num .. num2 */
} pblint_op;

typedef enum pblint_money_unit {
    PBLINT_MONEY_NONE = 0,
    PBLINT_MONEY_YUAN, /* 元 */
    PBLINT_MONEY_QIAN, /* 千元 */
    PBLINT_MONEY_WAN,  /* 万元, 10^4 元 */
    PBLINT_MONEY_YI    /* 亿元, 10^8 元 */
} pblint_money_unit;

/** "元", "千元", "万元", "亿元" (or "" for NONE). */
PBLINT_API const char *pblint_money_unit_name(int money_unit);
/** "≥", "＞", "≤", "＜", "=", "" ... canonical symbol for an operator. */
PBLINT_API const char *pblint_op_symbol(int op);

enum {
    PBLINT_VALF_OVERFLOW = 1u << 0,       /* the number does not fit: the value is TEXT */
    PBLINT_VALF_OP_NONCANONICAL = 1u << 1,/* operator written >=, <=, =>, ≧, ＞＝, 》 ... */
    PBLINT_VALF_OP_WORDS = 1u << 2,       /* operator written in words: 不低于, 以上, 达 */
    PBLINT_VALF_UNIT_EXPLICIT = 1u << 3,  /* the unit was written next to the number */
    PBLINT_VALF_INEXACT = 1u << 4,        /* an amount finer than 0.01 元: fen was rounded */
    PBLINT_VALF_PRODUCT = 1u << 5,        /* written as a product, 21*9500元: num is the result */
    PBLINT_VALF_SEPARATORS = 1u << 6,     /* thousands separators: 1,553,870.19 */
    PBLINT_VALF_FULLWIDTH = 1u << 7,      /* full-width digits or signs were folded */
    PBLINT_VALF_NEGATIVE = 1u << 8,       /* a minus sign */
    PBLINT_VALF_TRAILING_TEXT = 1u << 9,  /* text follows the quantity: "100%（历年）" */
    PBLINT_VALF_DASH = 1u << 10,          /* EMPTY because it is a dash placeholder */
    PBLINT_VALF_PARTIAL_DATE = 1u << 11   /* a date with no day (or no month) */
};

/**
 * A typed quantity parsed from text, with the exact spans it came from.
 * Spans are byte offsets: relative to the parsed string for
 * pblint_value_parse(), and into the document for values the model holds.
 */
typedef struct pblint_value {
    int kind;              /* pblint_value_kind */
    int op;                /* pblint_op */
    pblint_decimal num;    /* the number as written, in its own unit */
    pblint_decimal num2;   /* upper bound of a RANGE */
    int64_t fen;           /* AMOUNT: the exact amount in fen (0.01 元) */
    int money_unit;        /* AMOUNT: the unit the number is in */
    char unit[24];         /* COUNT/PERIOD: unit as written, NFKC (人, 个, 个工作日) */
    int year, month, day;  /* DATE (0 when not given) */
    uint32_t flags;        /* PBLINT_VALF_* */
    pblint_span span;      /* the whole value, operator and unit included */
    pblint_span num_span;  /* the digits */
    pblint_span op_span;   /* the operator, when there is one */
    pblint_span unit_span; /* the unit, when written */
    uint32_t reserved[6];
} pblint_value;

typedef enum pblint_value_hint {
    PBLINT_HINT_GENERIC = 0, /* a bare number is a NUMBER */
    PBLINT_HINT_AMOUNT       /* a bare number is money in the default unit */
} pblint_value_hint;

/**
 * Parses text (UTF-8, need not be normalised) into a typed value.
 * default_money_unit applies to bare numbers under PBLINT_HINT_AMOUNT and to
 * nothing else.  Never fails on odd input: it yields TEXT or EMPTY instead.
 * Returns PBLINT_EINVAL only for NULL arguments.
 */
PBLINT_API int pblint_value_parse(const char *text, size_t len, int hint, int default_money_unit,
                                  pblint_value *out);

/**
 * Finds the quantities written in running text ("项目总投入为244800元",
 * "满意度达90%以上", "21*9500元/个小区").  Writes up to max values to out
 * (spans relative to text) and returns how many were found in all.
 */
PBLINT_API size_t pblint_scan_quantities(const char *text, size_t len, int default_money_unit,
                                         pblint_value *out, size_t max);

/* ------------------------------------------------------------------ */
/* Documents: the model                                                */
/* ------------------------------------------------------------------ */

typedef struct pblint_ctx pblint_ctx;
typedef struct pblint_doc pblint_doc;
typedef struct pblint_text pblint_text;
typedef struct pblint_section pblint_section;
typedef struct pblint_field pblint_field;
typedef struct pblint_table pblint_table;
typedef struct pblint_row pblint_row;
typedef struct pblint_cell pblint_cell;

typedef enum pblint_column_unit {
    PBLINT_COLUMN_DISPLAY = 0, /* terminal cells: CJK = 2, tab to next multiple of 8 (GCC) */
    PBLINT_COLUMN_BYTE,        /* bytes of UTF-8 (Vim's %c) */
    PBLINT_COLUMN_CODEPOINT,   /* Unicode code points (SARIF unicodeCodePoints) */
    PBLINT_COLUMN_UTF16        /* UTF-16 code units (LSP default) */
} pblint_column_unit;

/** The file name the document was read from, as given. */
PBLINT_API const char *pblint_doc_name(const pblint_doc *doc);
/** The decoded UTF-8 text (BOM removed); *len receives its length. */
PBLINT_API const char *pblint_doc_text(const pblint_doc *doc, size_t *len);
/** The bytes of a span of the decoded text. */
PBLINT_API const char *pblint_doc_slice(const pblint_doc *doc, pblint_span span, size_t *len);
/** The encoding the input was decoded from: "UTF-8", "GB18030", "UTF-16LE" ... */
PBLINT_API const char *pblint_doc_encoding(const pblint_doc *doc);
/** Line (1-based) and column (1-based, in `unit`) of a byte offset. */
PBLINT_API void pblint_doc_position(const pblint_doc *doc, uint32_t offset, int unit, unsigned *line,
                                    unsigned *column);
/** Number of lines, and the span of line `line` (1-based) without its line ending. */
PBLINT_API unsigned pblint_doc_line_count(const pblint_doc *doc);
PBLINT_API pblint_span pblint_doc_line_span(const pblint_doc *doc, unsigned line);

enum pblint_doc_kind {
    PBLINT_DOC_UNKNOWN = 0,
    PBLINT_DOC_DECLARATION,    /* 绩效目标申报表 */
    PBLINT_DOC_SELF_EVALUATION /* 绩效自评报告 / 自评表 */
};

PBLINT_API int pblint_doc_kind(const pblint_doc *doc);
/** "declaration", "self-evaluation", "unknown". */
PBLINT_API const char *pblint_doc_kind_name(int kind);
/** The filing's year (from the title's "（2019 年）"), 0 if none; *where gets its span. */
PBLINT_API int pblint_doc_year(const pblint_doc *doc, pblint_span *where);
/** The first declared 金额单位, PBLINT_MONEY_NONE if none. */
PBLINT_API int pblint_doc_money_unit(const pblint_doc *doc);

/* Text views.  Every piece of text in the model is a pblint_text: its
 * normalised form (HTML leftovers removed, NFKC applied, white space runs
 * folded to one space and trimmed) with a map back to the source bytes. */

/** The normalised text; *len receives its length.  Never NULL. */
PBLINT_API const char *pblint_text_str(const pblint_text *t, size_t *len);
/** The text's span in the source (the raw text, markup included). */
PBLINT_API pblint_span pblint_text_span(const pblint_text *t);
/** Maps [off, off+len) of the normalised text to a span of the source. */
PBLINT_API pblint_span pblint_text_map(const pblint_text *t, size_t off, size_t len);
/** The normalised text with every space removed: the form labels compare in. */
PBLINT_API const char *pblint_text_key(const pblint_text *t, size_t *len);
/** True when the normalised text is empty. */
PBLINT_API bool pblint_text_empty(const pblint_text *t);

/* Sections: the sheets of a declaration (项目总体情况 / 绩效目标 / 制度保障)
 * or the parts of a report (一、项目基本情况 ...). */
PBLINT_API size_t pblint_doc_section_count(const pblint_doc *doc);
PBLINT_API const pblint_section *pblint_doc_section(const pblint_doc *doc, size_t i);
/** The section's title line (may be empty text for an untitled start). */
PBLINT_API const pblint_text *pblint_section_title(const pblint_section *s);
/** The year printed under the title, 0 if none; *where gets its span. */
PBLINT_API int pblint_section_year(const pblint_section *s, pblint_span *where);
/** The 金额单位 of the section, PBLINT_MONEY_NONE if not declared there. */
PBLINT_API int pblint_section_money_unit(const pblint_section *s, pblint_span *where);

/* Fields: labelled values (项目名称, 联系电话, 项目总预算, 年度绩效目标 ...).
 * Their keys are canonical names from the alias table:
 *   identity  project_name project_code unit_name department implementer
 *             money_unit project_kind project_attr fund_use
 *   people    owner contact phone unit_head filler fill_date
 *   period    start_date end_date period
 *   text      overview basis necessity feasibility resources total_goal
 *             year_goal goal_result other_issues composition safeguard_text
 *   funds     project_total year_budget fiscal fiscal_upper fiscal_own
 *             fiscal_lower other_funds carry_over
 *   report    budget actual stated_score stated_grade execution_rate
 * Fund fields carry an AMOUNT (or EMPTY) value in the section's unit. */
PBLINT_API size_t pblint_doc_field_count(const pblint_doc *doc);
PBLINT_API const pblint_field *pblint_doc_field_at(const pblint_doc *doc, size_t i);
/** The first field with this canonical key, or NULL. */
PBLINT_API const pblint_field *pblint_doc_field(const pblint_doc *doc, const char *key);
PBLINT_API const char *pblint_field_key(const pblint_field *f);
/** The label as written, without its list number ("项目总预算" for "一、项目总预算："
 *  and without the colon); empty text when the key was inferred. */
PBLINT_API const pblint_text *pblint_field_label(const pblint_field *f);
/** The value text; for a blank field an empty text whose span sits where the value belongs. */
PBLINT_API const pblint_text *pblint_field_text(const pblint_field *f);
/** The value parsed as a typed quantity (AMOUNT for funds, DATE for dates ...). */
PBLINT_API const pblint_value *pblint_field_value(const pblint_field *f);
PBLINT_API size_t pblint_field_section(const pblint_field *f);

/* Choices: check boxes (<input type="checkbox"/>, ☑, □, √) with their labels,
 * in a field (项目类别) or a cell (保障阶段). */
typedef struct pblint_choice {
    const pblint_text *label; /* 一次性项目 */
    bool checked;
    pblint_span box;          /* the box or mark; empty span at the label when unmarked */
} pblint_choice;

PBLINT_API size_t pblint_field_choice_count(const pblint_field *f);
PBLINT_API int pblint_field_choice(const pblint_field *f, size_t i, pblint_choice *out);

/* Tables. */
enum pblint_table_kind {
    PBLINT_TABLE_UNKNOWN = 0,
    PBLINT_TABLE_INDICATOR, /* 一级/二级/三级, 目标值/指标值 [, 完成值] */
    PBLINT_TABLE_BREAKDOWN, /* 项目构成分解: 项目明细, 明细金额, 单价, 数量 */
    PBLINT_TABLE_SAFEGUARD, /* 制度保障: 文件名称, 具体措施, 保障阶段 */
    PBLINT_TABLE_COST_LIST, /* self-evaluation: 项目明细, 金额, with sub-items */
    PBLINT_TABLE_SCORE,     /* self-evaluation: 指标, 分值, 评价得分, 级别 */
    PBLINT_TABLE_FIELDS,    /* a key-value sheet (项目名称, 项目资金 ...) */
    PBLINT_TABLE_FUNDS      /* self-evaluation fund table: 年初预算数, 全年预算数, 全年执行数, 执行率 */
};

typedef enum pblint_col_role {
    PBLINT_COL_NONE = 0,
    PBLINT_COL_LABEL,      /* the row-label column (绩效目标, 项目构成分解) */
    PBLINT_COL_SEQ,        /* 序号 */
    PBLINT_COL_LEVEL1,     /* 一级指标 / 一级目标 */
    PBLINT_COL_LEVEL2,     /* 二级指标 */
    PBLINT_COL_LEVEL3,     /* 三级指标 / 指标内容 / 指标名称 */
    PBLINT_COL_TARGET,     /* 目标值 / 指标值 */
    PBLINT_COL_ACTUAL,     /* 完成值 / 实际完成值 */
    PBLINT_COL_WEIGHT,     /* 分值 / 权重 */
    PBLINT_COL_SCORE,      /* 得分 / 评价得分 */
    PBLINT_COL_GRADE,      /* 评分结果级别 / 等级 */
    PBLINT_COL_DEVIATION,  /* 偏差原因分析及改进措施 */
    PBLINT_COL_REMARK,     /* 备注 */
    PBLINT_COL_NAME,       /* 项目名称 (breakdown) / 指标 (score table) */
    PBLINT_COL_CONTENT,    /* 项目内容 */
    PBLINT_COL_ITEM,       /* 项目明细 */
    PBLINT_COL_AMOUNT,     /* 明细金额 / 金额 */
    PBLINT_COL_UNIT_PRICE, /* 单价 */
    PBLINT_COL_QUANTITY,   /* 数量 */
    PBLINT_COL_BASIS,      /* 依据 / 测算依据 */
    PBLINT_COL_CATEGORY,   /* 制度保障 (项目管理制度 ...) */
    PBLINT_COL_DOC_TITLE,  /* 文件名称 */
    PBLINT_COL_MEASURE,    /* 具体措施 */
    PBLINT_COL_STAGE,      /* 保障阶段 (one or more columns) */
    PBLINT_COL_UNIT,       /* 计量单位 */
    PBLINT_COL_OPERATOR,   /* 计算符号 */
    PBLINT_COL_BUDGET_INITIAL, /* 年初预算数 */
    PBLINT_COL_BUDGET,     /* 全年预算数 / 预算数 */
    PBLINT_COL_EXECUTED,   /* 全年执行数 / 执行数 / 实际支出 */
    PBLINT_COL_RATE,       /* 执行率 */
    PBLINT_COL__COUNT      /* not a role; grows as roles are appended */
} pblint_col_role;

/** "indicator", "breakdown", ... / "level1", "target", ... */
PBLINT_API const char *pblint_table_kind_name(int kind);
PBLINT_API const char *pblint_col_role_name(int role);

PBLINT_API size_t pblint_doc_table_count(const pblint_doc *doc);
PBLINT_API const pblint_table *pblint_doc_table(const pblint_doc *doc, size_t i);
PBLINT_API int pblint_table_kind(const pblint_table *t);
PBLINT_API pblint_span pblint_table_span(const pblint_table *t);
PBLINT_API size_t pblint_table_section(const pblint_table *t);
/** The money unit amounts in this table are in (the section's, or the header's "金额（万元）"). */
PBLINT_API int pblint_table_money_unit(const pblint_table *t);
/** True when some header cell has this role. */
PBLINT_API bool pblint_table_has_column(const pblint_table *t, int role);
PBLINT_API size_t pblint_table_row_count(const pblint_table *t);
PBLINT_API const pblint_row *pblint_table_row(const pblint_table *t, size_t i);

enum pblint_row_kind {
    PBLINT_ROW_HEADER = 0,
    PBLINT_ROW_DATA,
    PBLINT_ROW_TOTAL /* 金额合计, 合计, ...合计 */
};

PBLINT_API int pblint_row_kind(const pblint_row *r);
/** From the first to the last byte of the row's cells. */
PBLINT_API pblint_span pblint_row_span(const pblint_row *r);
/** The row's whole source lines, line ending included: what deleting the row removes. */
PBLINT_API pblint_span pblint_row_extent(const pblint_row *r);
/** Nesting depth in a cost list (0 = item, 1 = sub-item ...). */
PBLINT_API unsigned pblint_row_depth(const pblint_row *r);
/** Index (in the table) of the parent row in a cost list, or -1. */
PBLINT_API long pblint_row_parent(const pblint_row *r);
/** The cell for a column role, or NULL.  LEVEL1/LEVEL2/CATEGORY/LABEL carry
 *  merged cells down: a blank cell yields the nearest one above it, flagged
 *  by pblint_cell_inherited(). */
PBLINT_API const pblint_cell *pblint_row_cell(const pblint_row *r, int role);
/** The row's own cells in order (after realignment), for comparisons. */
PBLINT_API size_t pblint_row_cell_count(const pblint_row *r);
PBLINT_API const pblint_cell *pblint_row_cell_at(const pblint_row *r, size_t i);

PBLINT_API int pblint_cell_role(const pblint_cell *c);
PBLINT_API const pblint_text *pblint_cell_text(const pblint_cell *c);
/** The cell parsed as a typed value (AMOUNT in amount columns ...).  Never NULL
 *  (NULL cell: an EMPTY value).  For plain TEXT and blank cells the value's
 *  spans are empty: use the span of pblint_cell_text(). */
PBLINT_API const pblint_value *pblint_cell_value(const pblint_cell *c);
/** True when this cell was carried down from a row above (merged cell). */
PBLINT_API bool pblint_cell_inherited(const pblint_cell *c);
PBLINT_API size_t pblint_cell_choice_count(const pblint_cell *c);
PBLINT_API int pblint_cell_choice(const pblint_cell *c, size_t i, pblint_choice *out);

/* Running text: every prose paragraph and every free-text field value, in
 * document order.  *field_key receives the owning field's key, or NULL for
 * prose outside any field. */
PBLINT_API size_t pblint_doc_paragraph_count(const pblint_doc *doc);
PBLINT_API const pblint_text *pblint_doc_paragraph(const pblint_doc *doc, size_t i,
                                                   const char **field_key);
/** The field whose value paragraph i is (a key such as project_name occurs on
 *  every sheet: this is the one), or NULL for prose outside any field. */
PBLINT_API const pblint_field *pblint_doc_paragraph_field(const pblint_doc *doc, size_t i);

/**
 * Quantities in a text of the model, with spans in document coordinates
 * (pblint_scan_quantities() applied to the normalised text, then mapped).
 */
PBLINT_API size_t pblint_text_quantities(const pblint_text *t, int default_money_unit,
                                         pblint_value *out, size_t max);

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

typedef struct pblint_diag pblint_diag;

PBLINT_API int pblint_diag_severity(const pblint_diag *d);
/** "plugin/rule". */
PBLINT_API const char *pblint_diag_rule(const pblint_diag *d);
PBLINT_API const char *pblint_diag_message(const pblint_diag *d);
PBLINT_API pblint_span pblint_diag_span(const pblint_diag *d);
PBLINT_API size_t pblint_diag_note_count(const pblint_diag *d);
PBLINT_API int pblint_diag_note(const pblint_diag *d, size_t i, pblint_span *span, const char **message);
/** Fix-it edits: all of a diagnostic's edits apply together or not at all. */
PBLINT_API size_t pblint_diag_fixit_count(const pblint_diag *d);
PBLINT_API int pblint_diag_fixit(const pblint_diag *d, size_t i, pblint_span *span,
                                 const char **replacement);

/* ------------------------------------------------------------------ */
/* Contexts: plugins, rules, linting                                   */
/* ------------------------------------------------------------------ */

/** Creates a context with no plugins loaded.  Returns NULL on OOM. */
PBLINT_API pblint_ctx *pblint_ctx_new(void);
PBLINT_API void pblint_ctx_free(pblint_ctx *ctx);
/** The sentence describing the last failure on this context ("" if none). */
PBLINT_API const char *pblint_ctx_error(const pblint_ctx *ctx);

/** Loads one plugin file.  On failure the error sentence names the file. */
PBLINT_API int pblint_ctx_load_plugin(pblint_ctx *ctx, const char *path);
/** Loads every *.so in a directory (sorted by name).  Each failure is passed
 *  to `on_error` (if given) and loading goes on; returns the number of
 *  failures, or a negative code if the directory cannot be read. */
PBLINT_API int pblint_ctx_load_plugin_dir(pblint_ctx *ctx, const char *dir,
                                          void (*on_error)(void *ud, const char *msg), void *ud);

typedef struct pblint_rule_info {
    const char *id;      /* "amounts/fund-sum" */
    const char *plugin;  /* "amounts" */
    const char *summary; /* one line */
    int default_severity;
    int severity;        /* in force in this context */
    const char *plugin_path; /* file it came from; "(built in)" for the reader's rules */
    unsigned flags;      /* PBLINT_RULE_* */
} pblint_rule_info;

PBLINT_API size_t pblint_ctx_rule_count(const pblint_ctx *ctx);
PBLINT_API int pblint_ctx_rule(const pblint_ctx *ctx, size_t i, pblint_rule_info *out);
/** Finds a rule by id; returns its index or -1. */
PBLINT_API long pblint_ctx_find_rule(const pblint_ctx *ctx, const char *id);
/** Sets the severity of one rule, of all of a plugin's rules ("plugin/" followed by
 *  a star), or of every rule (a lone star).  A severity set here wins over the
 *  severity a rule gives a single finding; PBLINT_SEV_DEFAULT restores the
 *  rule's default and its own grading. */
PBLINT_API int pblint_ctx_set_severity(pblint_ctx *ctx, const char *pattern, int severity);
/** Sets an option for a rule ("amounts/execution-rate", "threshold", "90"). */
PBLINT_API int pblint_ctx_set_option(pblint_ctx *ctx, const char *rule_id, const char *key,
                                     const char *value);

/**
 * Runs every plugin check in a child process (fork) with a time limit per
 * rule, so that a plugin that crashes, aborts or loops cannot take the host
 * down: the failure is reported as core/plugin-failed naming the rule, and
 * the other rules' findings are kept.  Off by default for library users;
 * the pblint CLI and editor server turn it on.  timeout_ms 0 = no limit.
 * Building one file's model may take ten times timeout_ms; past that the
 * lint of that file fails with an error (the reader is pblint's own: a
 * hang there is a bug to report, not a plugin's).
 */
PBLINT_API int pblint_ctx_set_isolation(pblint_ctx *ctx, bool on, unsigned timeout_ms);
/**
 * Starts the isolation worker now.  The worker is a fork of the process:
 * a host with threads should call this for every context after loading its
 * plugins and configurations and BEFORE starting threads, since a fork
 * while other threads hold locks is unsafe.  Otherwise the worker starts
 * at the first lint.  A worker is forked again only after a crash or when
 * rules are added or removed.
 */
PBLINT_API int pblint_ctx_start_worker(pblint_ctx *ctx);

/** The phases pblint_ctx_phase_time() reports. */
enum {
    PBLINT_PHASE_READ,   /* pblint_*_file(): opening and reading the file */
    PBLINT_PHASE_DECODE, /* bytes -> decoded text and line index */
    PBLINT_PHASE_MODEL,  /* text -> rows and cells -> document model */
    PBLINT_PHASE_CHECKS, /* all rule checks of one file, with isolation's own cost */
    PBLINT_PHASE__COUNT
};

/**
 * Turns timing on or off (off by default).  While on, ctx sums the wall time
 * of each phase and of each rule's check over the files it lints, including
 * the time spent in the isolation worker; pblint_ctx_phase_time() and
 * pblint_ctx_rule_time() read the sums.  Turning it on resets them.
 */
PBLINT_API int pblint_ctx_set_timing(pblint_ctx *ctx, bool on);
/** Time spent in a PBLINT_PHASE_..., in nanoseconds; *count (if not NULL) gets
 *  how many times the phase ran.  0 for an unknown phase or with timing off. */
PBLINT_API uint64_t pblint_ctx_phase_time(const pblint_ctx *ctx, int phase, uint64_t *count);
/** Time spent in rule i's check (index as for pblint_ctx_rule()), in nanoseconds;
 *  *count (if not NULL) gets the number of files it checked. */
PBLINT_API uint64_t pblint_ctx_rule_time(const pblint_ctx *ctx, size_t i, uint64_t *count);

typedef struct pblint_result pblint_result;

/**
 * Reads `bytes` (any supported encoding) as a filing named `name`, builds the
 * model and runs every enabled rule.  On success *out receives a result the
 * caller frees with pblint_result_free().  Fails with PBLINT_EBINARY or
 * PBLINT_EENCODING (sentence in pblint_ctx_error()) for input that is not a
 * text filing; the reader's own findings (parse/...) are diagnostics.
 * With isolation on, the model is built in the worker, and the result's own
 * model (pblint_result_doc()) only when first asked for: a result, like its
 * document, is to be used by one thread at a time.
 */
PBLINT_API int pblint_lint(pblint_ctx *ctx, const char *name, const void *bytes, size_t len,
                           pblint_result **out);
/** Reads the file at path and lints it (name = path). */
PBLINT_API int pblint_lint_file(pblint_ctx *ctx, const char *path, pblint_result **out);

/** How many files may be started and not finished (see pblint_lint_start()). */
#define PBLINT_LINT_QUEUE 2

/**
 * Lints files one after another without the isolation worker waiting for
 * the host: pblint_lint_start() reads the file at path, decodes it and
 * hands it to the worker, and returns at once; pblint_lint_finish() waits
 * for the oldest file started and gives its result as pblint_lint_file()
 * would have.  Start the next file before finishing this one, and the
 * worker works on it while the host renders.  A file's rule state
 * (severities, options) is taken when it starts, so the host may configure
 * the context for the next file in between.  At most PBLINT_LINT_QUEUE files
 * may be in flight; pblint_lint() and pblint_lint_file() refuse to run
 * meanwhile.  Without isolation, pblint_lint_start() does all the work.
 * pblint_lint_start() returns 0, or an error for that file (nothing is
 * queued; the message is in pblint_ctx_error()); pblint_lint_finish()
 * returns 0 with *out set, or an error for the oldest file, which is then
 * finished too.
 */
PBLINT_API int pblint_lint_start(pblint_ctx *ctx, const char *path);
PBLINT_API int pblint_lint_finish(pblint_ctx *ctx, pblint_result **out);
/** The number of files started and not yet finished. */
PBLINT_API size_t pblint_lint_pending(const pblint_ctx *ctx);
/** Reads the file at path and builds its model only (no rules), with the
 *  same refusals as pblint_lint_file(). */
PBLINT_API int pblint_parse_file(pblint_ctx *ctx, const char *path, pblint_result **out);
/** Only reads and builds the model (no rules). */
PBLINT_API int pblint_parse(pblint_ctx *ctx, const char *name, const void *bytes, size_t len,
                            pblint_result **out);

PBLINT_API const pblint_doc *pblint_result_doc(const pblint_result *res);
/** Diagnostics sorted by position, then rule id, then message. */
PBLINT_API size_t pblint_result_diag_count(const pblint_result *res);
PBLINT_API const pblint_diag *pblint_result_diag(const pblint_result *res, size_t i);
PBLINT_API void pblint_result_free(pblint_result *res);

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

typedef struct pblint_text_options {
    unsigned version;   /* PBLINT_TEXT_OPTIONS_VERSION */
    int column_unit;    /* pblint_column_unit for the path:line:col prefix */
    bool color;         /* SGR colour escapes */
    bool excerpt;       /* source line with caret and underline */
    bool fixits;        /* fix-it:"FILE":{l:c-l:c}:"text" lines (byte columns) */
    int min_severity;   /* print nothing below this */
} pblint_text_options;

#define PBLINT_TEXT_OPTIONS_VERSION 1
#define PBLINT_TEXT_OPTIONS_INIT                                                                  \
    { PBLINT_TEXT_OPTIONS_VERSION, PBLINT_COLUMN_DISPLAY, false, true, true, PBLINT_SEV_NOTE }

/** Writes a result's diagnostics in GCC style. */
PBLINT_API int pblint_render_text(const pblint_result *res, const pblint_text_options *opts, FILE *out);
/** Writes the document model as JSON (what `pblint --dump-model` prints). */
PBLINT_API int pblint_dump_model(const pblint_result *res, FILE *out);

/* ------------------------------------------------------------------ */
/* Machine-readable output                                             */
/* ------------------------------------------------------------------ */

/*
 * Besides the GCC-style text, a run can be written as pblint's JSON
 * (schema version 1, documented in rules-doc/json-format.md), as a SARIF
 * 2.1.0 log, or as GitHub Actions workflow commands.
 *
 * A log is made in two steps, so that files can be linted and rendered on
 * several threads and still be written in file order:
 *  1. each file's result is rendered on its own into a fragment (any
 *     thread; a fragment depends only on the result and the options);
 *  2. one pblint_log puts the fragments together, in order, between the
 *     envelope's head and tail.
 * The machine formats always count columns in Unicode code points and
 * give byte columns or offsets beside them; they have no column option.
 */

typedef enum pblint_format {
    PBLINT_FORMAT_TEXT = 0, /* GCC style: pblint_render_text() */
    PBLINT_FORMAT_JSON,     /* pblint's own JSON, "version": 1 */
    PBLINT_FORMAT_SARIF,    /* SARIF 2.1.0 */
    PBLINT_FORMAT_GITHUB    /* ::error file=F,line=L,...::MESSAGE */
} pblint_format;

/** "text", "json", "sarif", "github"; NULL for anything else. */
PBLINT_API const char *pblint_format_name(int format);
/** Parses the names above; returns PBLINT_EINVAL otherwise. */
PBLINT_API int pblint_format_parse(const char *name, int *out);

/** The version of the JSON schema pblint_render_json_file() writes. */
#define PBLINT_JSON_SCHEMA_VERSION 1

typedef struct pblint_output_options {
    unsigned version;      /* PBLINT_OUTPUT_OPTIONS_VERSION */
    int min_severity;      /* leave out diagnostics below this */
    const pblint_ctx *ctx; /* SARIF: the context the result was linted with, for each
                            * result's ruleIndex (NULL: no ruleIndex) */
} pblint_output_options;

#define PBLINT_OUTPUT_OPTIONS_VERSION 1
#define PBLINT_OUTPUT_OPTIONS_INIT { PBLINT_OUTPUT_OPTIONS_VERSION, PBLINT_SEV_NOTE, NULL }

/**
 * Writes the file's object of the JSON log's "files" array ({"path",
 * "encoding", "kind", "diagnostics": [...]}), indented for its place in
 * the log, with no separator before or after it.
 */
PBLINT_API int pblint_render_json_file(const pblint_result *res, const pblint_output_options *opts,
                                       FILE *out);
/**
 * Writes the file's objects of the SARIF log's runs[0].results array,
 * indented for their place and separated by commas; nothing when no
 * diagnostic is left.
 */
PBLINT_API int pblint_render_sarif_results(const pblint_result *res,
                                           const pblint_output_options *opts, FILE *out);
/** Writes one GitHub Actions workflow command per diagnostic (its notes go
 *  into the message).  Complete as it is: the log adds nothing around it. */
PBLINT_API int pblint_render_github(const pblint_result *res, const pblint_output_options *opts,
                                    FILE *out);

typedef struct pblint_log pblint_log;

typedef struct pblint_log_options {
    unsigned version;      /* PBLINT_LOG_OPTIONS_VERSION */
    int format;            /* pblint_format */
    const pblint_ctx *ctx; /* SARIF: tool.driver.rules[] lists every rule of this context,
                            * in its order (the order ruleIndex counts in) */
    const char *const *rules_doc_dirs; /* SARIF: NULL-terminated list of directories holding
                                        * the rule pages (DIR/plugin/rule.md), searched in
                                        * order; NULL: the descriptions are the summaries */
    const char *information_uri;       /* SARIF: tool.driver.informationUri; NULL: none */
} pblint_log_options;

#define PBLINT_LOG_OPTIONS_VERSION 1
#define PBLINT_LOG_OPTIONS_INIT { PBLINT_LOG_OPTIONS_VERSION, PBLINT_FORMAT_TEXT, NULL, NULL, NULL }

/** Counts written into the JSON log's "summary". */
typedef struct pblint_log_summary {
    size_t errors, warnings, notes;
    size_t files; /* files linted */
} pblint_log_summary;

/**
 * Starts a log: writes the envelope's head (nothing for text and github)
 * to out, which the log writes to until pblint_log_end().  Returns
 * PBLINT_EINVAL for bad options, PBLINT_ENOMEM or PBLINT_EIO.
 */
PBLINT_API int pblint_log_begin(const pblint_log_options *opts, FILE *out, pblint_log **log);
/** Adds the fragment of the next file (made with the renderer of the log's
 *  format); an empty fragment adds nothing. */
PBLINT_API int pblint_log_add(pblint_log *log, const char *fragment, size_t len);
/** Records a file that could not be linted, with the sentence saying why
 *  (JSON: "errors"; SARIF: a toolExecutionNotification; text, github: nothing). */
PBLINT_API int pblint_log_add_failure(pblint_log *log, const char *path, const char *message);
/** Writes the envelope's tail and frees the log (also on error). */
PBLINT_API int pblint_log_end(pblint_log *log, const pblint_log_summary *summary);

/* ------------------------------------------------------------------ */
/* Fixes                                                               */
/* ------------------------------------------------------------------ */

typedef struct pblint_fix pblint_fix;

/**
 * Applies the safe fix-its of a result: the edits of every diagnostic
 * whose rule is flagged PBLINT_RULE_FIXABLE in ctx (the context the result
 * was linted with).  A diagnostic's edits are applied together or not at
 * all.  Diagnostics are taken in their order; one whose edits overlap an
 * edit already taken (share a byte, insert at the same place, or insert
 * inside it) is dropped whole.  An edit identical to one already taken is
 * not applied twice and is no conflict.
 *
 * Refuses, with PBLINT_EENCODING and a sentence in pblint_ctx_error(), a
 * document that was converted from another encoding or in which invalid
 * bytes were replaced: writing it back would change the whole file, not
 * just the fixed spans.  On success *out receives the outcome (also when
 * nothing was applied), which the caller frees with pblint_fix_free(); it
 * points into res, which must outlive it.
 */
PBLINT_API int pblint_fix_apply(pblint_ctx *ctx, const pblint_result *res, pblint_fix **out);
/** The fixed file contents, as bytes to write back (a UTF-8 BOM the input had is restored). */
PBLINT_API const char *pblint_fix_text(const pblint_fix *fx, size_t *len);
/** True when the fixed contents differ from the input. */
PBLINT_API bool pblint_fix_changed(const pblint_fix *fx);
/** The diagnostics whose edits were applied, in order. */
PBLINT_API size_t pblint_fix_applied_count(const pblint_fix *fx);
PBLINT_API const pblint_diag *pblint_fix_applied(const pblint_fix *fx, size_t i);
/** The diagnostics left out because an edit overlaps one of an earlier
 *  diagnostic, which *over receives. */
PBLINT_API size_t pblint_fix_dropped_count(const pblint_fix *fx);
PBLINT_API const pblint_diag *pblint_fix_dropped(const pblint_fix *fx, size_t i,
                                                 const pblint_diag **over);
/**
 * Writes the change as a unified diff ("--- NAME" / "+++ NAME" with the
 * document's name, quoted as git does when it needs to be, hunks with 3
 * lines of context), which `patch -p0` and `git apply -p0` apply; writes
 * nothing when nothing changed.
 */
PBLINT_API int pblint_fix_write_diff(const pblint_fix *fx, FILE *out);
PBLINT_API void pblint_fix_free(pblint_fix *fx);

/* ------------------------------------------------------------------ */
/* Configuration, local policies, baselines                            */
/* ------------------------------------------------------------------ */

/*
 * A configuration file (.pblint.yaml, documented in
 * rules-doc/configuration.md) sets rule severities and options, names extra
 * plugins, scopes settings to paths (overrides) and declares local policies:
 * rules "policy/NAME" the core runs like a plugin's.  A pblint_config_set
 * holds the configurations of one run, each read once:
 *  1. pblint_config_set_new() on the context the run loads plugins into;
 *  2. pblint_config_set_lookup() for each file (from one thread): the
 *     nearest .pblint.yaml above it, read and checked on first use;
 *  3. pblint_config_set_prepare() on every other context of the run, so all
 *     have the same rule table;
 *  4. per file, pblint_config_apply() on the context that lints it, then
 *     pblint_lint(); configurations must outlive the results' linting.
 */

/** Resets every rule to its default severity and no options; the policy
 *  rules a configuration declared are turned off until one declares them again. */
PBLINT_API void pblint_ctx_reset_rules(pblint_ctx *ctx);

#define PBLINT_CONFIG_NAME ".pblint.yaml"

typedef struct pblint_config pblint_config;
typedef struct pblint_config_set pblint_config_set;

typedef struct pblint_config_options {
    unsigned version;        /* PBLINT_CONFIG_OPTIONS_VERSION */
    const char *config;      /* use this file for every input instead of the search, or NULL */
    bool allow_plugins;      /* load the plugins configuration files name (else only trusted ones) */
    const char *user_config; /* the user's configuration (trusted-plugins); NULL: $XDG_CONFIG_HOME/
                              * pblint/config.yaml, or ~/.config/pblint/config.yaml; "": none */
} pblint_config_options;

#define PBLINT_CONFIG_OPTIONS_VERSION 1
#define PBLINT_CONFIG_OPTIONS_INIT { PBLINT_CONFIG_OPTIONS_VERSION, NULL, false, NULL }

/**
 * Starts a set of configurations whose plugins load into ctx.  Reads the
 * user's configuration and, with opts->config, that file.  Returns
 * PBLINT_ECONFIG (with *out set) when the user's configuration has errors:
 * their lines ("PATH:LINE:COL: error: ...") are in pblint_ctx_error(ctx).
 */
PBLINT_API int pblint_config_set_new(pblint_ctx *ctx, const pblint_config_options *opts,
                                     pblint_config_set **out);
PBLINT_API void pblint_config_set_free(pblint_config_set *set);
/**
 * The configuration in force for the file at path (*out NULL: none, the
 * defaults apply).  Returns PBLINT_ECONFIG when it has errors (*out is set:
 * read its messages); such a configuration must not be applied.
 */
PBLINT_API int pblint_config_set_lookup(pblint_config_set *set, const char *path,
                                        const pblint_config **out);
/** The configurations read so far, in the order they were read. */
PBLINT_API size_t pblint_config_set_count(const pblint_config_set *set);
PBLINT_API const pblint_config *pblint_config_set_at(const pblint_config_set *set, size_t i);
/** Loads the set's plugins into another context and registers its policy
 *  rules, in the order the set's context got them. */
PBLINT_API int pblint_config_set_prepare(const pblint_config_set *set, pblint_ctx *ctx);

/** The file's path as messages name it (relative to the working directory when under it). */
PBLINT_API const char *pblint_config_path(const pblint_config *cfg);
/** False when the configuration has errors. */
PBLINT_API bool pblint_config_ok(const pblint_config *cfg);
/** Its messages, one line each: "PATH:LINE:COL: error: KEY.PATH: what is wrong"
 *  (warnings for refused plugins); *severity gets PBLINT_SEV_*. */
PBLINT_API size_t pblint_config_message_count(const pblint_config *cfg);
PBLINT_API const char *pblint_config_message(const pblint_config *cfg, size_t i, int *severity);

/**
 * Resets ctx's rules (pblint_ctx_reset_rules()) and applies cfg for the file
 * at path: its policies, rules and options, then those of each override
 * whose files match path, in order.  cfg NULL: the defaults only.  Rules of
 * plugins and policies of other configurations are turned off.
 */
PBLINT_API int pblint_config_apply(pblint_ctx *ctx, const pblint_config *cfg, const char *path);
/** Writes the settings in force in ctx for path (after pblint_config_apply())
 *  and where each came from: "FILE:LINE", "default" or "command line". */
PBLINT_API int pblint_config_print(const pblint_ctx *ctx, const pblint_config *cfg,
                                   const char *path, FILE *out);

/* Baselines: findings recorded once, then left out of later runs.  A finding
 * matches by file, rule and a fingerprint of its span's text and its line's
 * text (white space ignored), never by line number; each (file, fingerprint)
 * is counted. */
typedef struct pblint_baseline pblint_baseline;

/** An empty baseline to be saved at path (files are named relative to its folder). */
PBLINT_API int pblint_baseline_new(const char *path, pblint_baseline **out);
/** Reads a baseline file; on failure a sentence goes to err. */
PBLINT_API int pblint_baseline_load(const char *path, pblint_baseline **out, char *err,
                                    size_t errsz);
/** Adds every diagnostic of a result. */
PBLINT_API int pblint_baseline_record(pblint_baseline *bl, const pblint_result *res);
/** Adds what src holds to dst. */
PBLINT_API int pblint_baseline_merge(pblint_baseline *dst, const pblint_baseline *src);
/** Removes from res the diagnostics the baseline holds (up to each one's
 *  count, earliest first); returns how many.  Safe on several threads at
 *  once for a loaded (or saved) baseline. */
PBLINT_API size_t pblint_baseline_filter(const pblint_baseline *bl, pblint_result *res);
/** Writes the baseline to its path (JSON); on failure a sentence goes to err. */
PBLINT_API int pblint_baseline_save(pblint_baseline *bl, char *err, size_t errsz);
/** The number of findings it holds (counts added up). */
PBLINT_API size_t pblint_baseline_count(const pblint_baseline *bl);
PBLINT_API void pblint_baseline_free(pblint_baseline *bl);
/** A diagnostic's fingerprint: 16 lower-case hex digits. */
PBLINT_API void pblint_diag_fingerprint(const pblint_result *res, const pblint_diag *d,
                                        char out[17]);

#ifdef __cplusplus
}
#endif

#endif /* PBLINT_PBLINT_H */

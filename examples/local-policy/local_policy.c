/*
 * An example local-policy plugin, built outside pblint's tree:
 *
 *     cc -shared -fPIC -o local_policy.so local_policy.c $(pkg-config --cflags --libs pblint)
 *     pblint --plugin=./local_policy.so FILING.txt
 *
 * Rule local/unit-price-cap: in the cost breakdown (项目构成分解), a line whose
 * 项目明细 matches a word (option `match`, default 慰问) may not have a 单价
 * above a cap (option `max-yuan`, default 500).  Rule local/fullwidth-percent:
 * a target written with the full-width ％ gets a fix-it to the ASCII %.
 */
#include <pblint/plugin.h>

#include <string.h>

/* Does the 项目明细 of a row contain `word`? */
static int item_matches(const pblint_row *row, const char *word)
{
    const pblint_cell *item = pblint_row_cell(row, PBLINT_COL_ITEM);
    if (!item)
        return 0;
    size_t len;
    const char *s = pblint_text_str(pblint_cell_text(item), &len);
    return word && *word && strstr(s, word) != NULL;
}

static int check_unit_price(pblint_check *chk, const pblint_doc *doc)
{
    const char *word = pblint_check_option(chk, "match");
    if (!word)
        word = "慰问";
    long cap_yuan = pblint_check_option_int(chk, "max-yuan", 500);
    int64_t cap_fen = (int64_t)cap_yuan * 100;

    for (size_t t = 0; t < pblint_doc_table_count(doc); t++) {
        const pblint_table *table = pblint_doc_table(doc, t);
        if (pblint_table_kind(table) != PBLINT_TABLE_BREAKDOWN)
            continue;
        for (size_t r = 0; r < pblint_table_row_count(table); r++) {
            const pblint_row *row = pblint_table_row(table, r);
            if (pblint_row_kind(row) != PBLINT_ROW_DATA || !item_matches(row, word))
                continue;
            const pblint_cell *price = pblint_row_cell(row, PBLINT_COL_UNIT_PRICE);
            const pblint_value *v = pblint_cell_value(price);
            if (v->kind != PBLINT_VAL_AMOUNT || v->fen <= cap_fen)
                continue;
            char got[64];
            pblint_fen_format(v->fen, PBLINT_MONEY_YUAN, got, sizeof got);
            pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, v->span,
                                           "单价 %s 元 for a %s line is above the local cap of %ld 元",
                                           got, word, cap_yuan);
            const pblint_cell *item = pblint_row_cell(row, PBLINT_COL_ITEM);
            if (d && item)
                pblint_diag_add_note(d, pblint_text_span(pblint_cell_text(item)),
                                     "the line is this one");
        }
    }
    return 0;
}

static int check_fullwidth_percent(pblint_check *chk, const pblint_doc *doc)
{
    for (size_t t = 0; t < pblint_doc_table_count(doc); t++) {
        const pblint_table *table = pblint_doc_table(doc, t);
        if (pblint_table_kind(table) != PBLINT_TABLE_INDICATOR)
            continue;
        for (size_t r = 0; r < pblint_table_row_count(table); r++) {
            const pblint_cell *target =
                pblint_row_cell(pblint_table_row(table, r), PBLINT_COL_TARGET);
            if (!target)
                continue;
            /* look at the source bytes: the model's text is NFKC, where ％ is % */
            size_t len;
            pblint_span span = pblint_text_span(pblint_cell_text(target));
            const char *raw = pblint_doc_slice(doc, span, &len);
            for (size_t i = 0; i + 3 <= len; i++) {
                if (memcmp(raw + i, "\xef\xbc\x85", 3) != 0) /* U+FF05 ％ */
                    continue;
                pblint_span at = {span.start + (uint32_t)i, span.start + (uint32_t)i + 3};
                pblint_diag *d = pblint_report(chk, PBLINT_SEV_DEFAULT, at,
                                               "write the percent sign as %% (ASCII), as the "
                                               "submission system expects");
                if (d)
                    pblint_diag_add_fixit(d, at, "%");
            }
        }
    }
    return 0;
}

static const pblint_rule_desc rules[] = {
    {"unit-price-cap", "a breakdown line matching a word has a unit price above the local cap",
     PBLINT_SEV_WARNING, check_unit_price, 0, {0}},
    {"fullwidth-percent", "a target uses the full-width percent sign", PBLINT_SEV_NOTE,
     check_fullwidth_percent, PBLINT_RULE_FIXABLE, {0}},
};

static const pblint_plugin_desc desc =
    PBLINT_PLUGIN_DESC_INIT("local", "1.0", "an example district's local policy", rules);

PBLINT_PLUGIN_EXPORT const pblint_plugin_desc *pblint_plugin_entry(void) { return &desc; }

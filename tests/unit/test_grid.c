/*
 * Unit tests for grid.c: text -> rows and cells (pb_grid_read).
 *
 * Word-to-text converters write tables in two layouts: one row per line with
 * tab-separated cells (a leading tab = an empty, usually merged, first cell;
 * trailing tabs = empty trailing cells), or one cell per line, each line
 * starting with a tab (a lone tab = an empty cell), rows separated by blank
 * lines.  Everything else is prose.  These tests pin down both layouts and
 * the awkward inputs real files bring: CRLF and CR line endings, no final
 * newline, ideographic-space blank lines, very wide rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "internal.h"

#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif

typedef struct fixture {
    pb_source src;
    pb_arena arena;
    pb_grid grid;
    bool have_src;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    return 0;
}

static void release(fixture *f)
{
    free(f->grid.rows);
    f->grid.rows = NULL;
    f->grid.nrows = 0;
    if (f->have_src)
        pb_source_free(&f->src);
    f->have_src = false;
    pb_arena_free(&f->arena);
    memset(&f->arena, 0, sizeof f->arena);
}

static int teardown(void **state)
{
    fixture *f = *state;
    release(f);
    free(f);
    return 0;
}

/* Decodes `in` (len bytes) and reads its grid. */
static const pb_grid *read_n(fixture *f, const char *in, size_t len)
{
    char err[256];
    release(f);
    assert_int_equal(pb_source_decode(&f->src, "t.txt", in, len, err, sizeof err), 0);
    f->have_src = true;
    assert_int_equal(pb_grid_read(&f->src, &f->arena, &f->grid), 0);
    return &f->grid;
}

static const pb_grid *read_str(fixture *f, const char *in)
{
    return read_n(f, in, strlen(in));
}

static const char *layout_name(int l)
{
    switch (l) {
    case PB_LAYOUT_BLANK:
        return "blank";
    case PB_LAYOUT_PROSE:
        return "prose";
    case PB_LAYOUT_TABS:
        return "tabs";
    case PB_LAYOUT_CELL_LINES:
        return "cell-lines";
    default:
        return "?";
    }
}

/* The row's cells as "a|b|c" (source bytes of each cell span). */
static char *cells_joined(const fixture *f, const pb_grid_row *r)
{
    size_t n = 1;
    for (size_t i = 0; i < r->ncells; i++)
        n += r->cells[i].end - r->cells[i].start + 1;
    char *s = malloc(n);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        if (i)
            s[k++] = '|';
        assert_true(r->cells[i].start <= r->cells[i].end);
        assert_true(r->cells[i].end <= f->src.len);
        memcpy(s + k, f->src.text + r->cells[i].start, r->cells[i].end - r->cells[i].start);
        k += r->cells[i].end - r->cells[i].start;
    }
    s[k] = '\0';
    return s;
}

/*
 * Row i: its layout, first and last line, and its cells joined by '|'
 * (NULL: do not check the cells).  The extent must run from the start of the
 * first line to the start of the line after the last one.
 */
static void expect_row(const fixture *f, size_t i, int layout, unsigned first, unsigned last,
                       const char *cells)
{
    if (i >= f->grid.nrows) {
        print_error("row %zu: only %zu rows\n", i, f->grid.nrows);
        fail();
    }
    const pb_grid_row *r = &f->grid.rows[i];
    if (r->layout != layout || r->first_line != first || r->last_line != last)
        print_error("row %zu: got %s lines %u-%u, want %s lines %u-%u\n", i,
                    layout_name(r->layout), r->first_line, r->last_line, layout_name(layout),
                    first, last);
    assert_int_equal(r->layout, layout);
    assert_int_equal(r->first_line, first);
    assert_int_equal(r->last_line, last);
    assert_int_equal(r->extent.start, f->src.line_start[first - 1]);
    uint32_t end = last < f->src.nlines ? f->src.line_start[last] : (uint32_t)f->src.len;
    assert_int_equal(r->extent.end, end);
    if (cells) {
        char *got = cells_joined(f, r);
        if (strcmp(got, cells) != 0)
            print_error("row %zu cells: got \"%s\", want \"%s\"\n", i, got, cells);
        assert_string_equal(got, cells);
        free(got);
    }
}

static size_t ncells(const fixture *f, size_t i)
{
    assert_true(i < f->grid.nrows);
    return f->grid.rows[i].ncells;
}

/* ------------------------------------------------------------ tab rows */

static void test_tab_rows(void **state)
{
    fixture *f = *state;
    /* Minhang 绩效目标 sheet: the first row holds the row label, the next
     * rows start with a tab (the merged 绩效目标 cell) and end with the
     * empty trailing cells Word writes for the table's full width. */
    read_str(f, "\t一级目标\t二级目标\t三级目标\t目标值\t备注\t\t\t\n"
                "绩效目标\t产出目标\t数量\t完成率\t100%\t历年经验\t\t\t\n"
                "\t\t质量\t合格率\t=100%\t实际情况\t\t\t\n"
                "\t\t\t激励度\t提高\n");
    assert_int_equal(f->grid.nrows, 4);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "|一级目标|二级目标|三级目标|目标值|备注");
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "绩效目标|产出目标|数量|完成率|100%|历年经验");
    expect_row(f, 2, PB_LAYOUT_TABS, 3, 3, "||质量|合格率|=100%|实际情况");
    expect_row(f, 3, PB_LAYOUT_TABS, 4, 4, "|||激励度|提高");
    assert_true(f->grid.rows[0].leading_tab);
    assert_false(f->grid.rows[1].leading_tab);
    assert_true(f->grid.rows[2].leading_tab);
    assert_true(f->grid.rows[3].leading_tab);
    /* trailing empties are dropped, inner empties kept */
    assert_int_equal(ncells(f, 0), 6);
    assert_int_equal(ncells(f, 2), 6);
    /* each cell span excludes its tabs */
    const pb_grid_row *r = &f->grid.rows[1];
    for (size_t i = 0; i < r->ncells; i++)
        assert_null(memchr(f->src.text + r->cells[i].start, '\t',
                           r->cells[i].end - r->cells[i].start));
    /* the empty first cell sits at the line start, before the tab */
    assert_int_equal(f->grid.rows[2].cells[0].start, f->src.line_start[2]);
    assert_int_equal(f->grid.rows[2].cells[0].end, f->src.line_start[2]);
}

static void test_tab_row_trailing_spaces_dropped(void **state)
{
    fixture *f = *state;
    /* trailing cells holding only white space (ASCII, NBSP, U+3000) are empty too */
    read_str(f, "项目名称\t居民小区\t \t\xc2\xa0\t\xe3\x80\x80\t\n");
    assert_int_equal(f->grid.nrows, 1);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "项目名称|居民小区");
    /* but an inner blank cell keeps its content span */
    read_str(f, "a\t \tb\n");
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "a| |b");
}

static void test_tab_row_single_leading_tab_among_tab_rows(void **state)
{
    fixture *f = *state;
    /* "\t上年结转资金" alone between tab rows is a tab row with an empty first
     * cell, not a one-cell cell-per-line row */
    read_str(f, "项目资金\t一、项目总预算：19.95\t\t\n"
                "\t二、当年预算：19.95\n"
                "（二）其他资金：\t\t\t\n");
    assert_int_equal(f->grid.nrows, 3);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "项目资金|一、项目总预算：19.95");
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "|二、当年预算：19.95");
    assert_true(f->grid.rows[1].leading_tab);
    expect_row(f, 2, PB_LAYOUT_TABS, 3, 3, "（二）其他资金：");
    assert_false(f->grid.rows[2].leading_tab);
}

/* regression test: once, a run of tab-led one-cell lines between tab rows
 * was read as one cell-per-line row */
static void test_tab_rows_without_trailing_tabs(void **state)
{
    fixture *f = *state;
    /* a converter that strips trailing white space: the continuation rows of
     * a two-column sheet are a leading tab and one cell, with tab rows above
     * and below and no blank line between them */
    read_str(f, "项目立项情况\t依据：《闵行区住宅小区综合治理工作计划》\n"
                "\t必要性：为了更好地培育和引入社会力量\n"
                "\t可行性：从小区实际情况和居民需求出发\n"
                "项目资金\t一、项目总预算：19.95\n"
                "\t二、当年预算：19.95\n"
                "\t（一）财政拨款：19.95\n"
                "项目总目标\t综合治理能力明显提高\n");
    assert_int_equal(f->grid.nrows, 7);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "项目立项情况|依据：《闵行区住宅小区综合治理工作计划》");
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "|必要性：为了更好地培育和引入社会力量");
    expect_row(f, 2, PB_LAYOUT_TABS, 3, 3, "|可行性：从小区实际情况和居民需求出发");
    expect_row(f, 3, PB_LAYOUT_TABS, 4, 4, "项目资金|一、项目总预算：19.95");
    expect_row(f, 4, PB_LAYOUT_TABS, 5, 5, "|二、当年预算：19.95");
    expect_row(f, 5, PB_LAYOUT_TABS, 6, 6, "|（一）财政拨款：19.95");
    expect_row(f, 6, PB_LAYOUT_TABS, 7, 7, "项目总目标|综合治理能力明显提高");
    for (size_t i = 1; i < 6; i++)
        if (i != 3)
            assert_true(f->grid.rows[i].leading_tab);
}

static void test_all_tab_line_is_blank(void **state)
{
    fixture *f = *state;
    /* a line of tabs only is an empty row: nothing to read */
    read_str(f, "a\tb\n\t\t\t\nc\td\n");
    assert_int_equal(f->grid.nrows, 3);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "a|b");
    assert_int_equal(f->grid.rows[1].layout, PB_LAYOUT_BLANK);
    assert_int_equal(f->grid.rows[1].ncells, 0);
    expect_row(f, 2, PB_LAYOUT_TABS, 3, 3, "c|d");
}

/* ---------------------------------------------------- one cell per line */

static void test_cell_lines(void **state)
{
    fixture *f = *state;
    /* seed 004's layout: a header row, then data rows whose merged cells are
     * lone tabs, rows separated by blank lines */
    read_str(f, "1、产出目标\n"
                "\t一级指标\n\t二级指标\n\t指标内容\n\t指标值\n\t备 注\n"
                "\n"
                "\t产出指标\n\t数量指标\n\t新增就业人数\n\t2400人\n\t\n"
                "\n"
                "\t\n\t\n\t组织培训人数\n\t400人\n\t\n"
                "\n"
                "2、效果目标\n");
    assert_int_equal(f->grid.nrows, 8);
    expect_row(f, 0, PB_LAYOUT_PROSE, 1, 1, "1、产出目标");
    expect_row(f, 1, PB_LAYOUT_CELL_LINES, 2, 6, "一级指标|二级指标|指标内容|指标值|备 注");
    expect_row(f, 2, PB_LAYOUT_BLANK, 7, 7, NULL);
    /* the trailing empty cell (a lone tab) is kept: in this layout a cell's
     * place is its line */
    expect_row(f, 3, PB_LAYOUT_CELL_LINES, 8, 12, "产出指标|数量指标|新增就业人数|2400人|");
    assert_int_equal(ncells(f, 3), 5);
    expect_row(f, 4, PB_LAYOUT_BLANK, 13, 13, NULL);
    expect_row(f, 5, PB_LAYOUT_CELL_LINES, 14, 18, "||组织培训人数|400人|");
    assert_int_equal(ncells(f, 5), 5);
    expect_row(f, 6, PB_LAYOUT_BLANK, 19, 19, NULL);
    expect_row(f, 7, PB_LAYOUT_PROSE, 20, 20, "2、效果目标");
    /* each cell starts after its line's tab and ends before the line ending */
    const pb_grid_row *r = &f->grid.rows[5];
    for (size_t i = 0; i < r->ncells; i++) {
        unsigned line = 14 + (unsigned)i;
        assert_int_equal(r->cells[i].start, f->src.line_start[line - 1] + 1);
        assert_int_equal(f->src.text[r->cells[i].end], '\n');
    }
}

static void test_cell_lines_rows_of_blank_lines_runs(void **state)
{
    fixture *f = *state;
    /* several blank lines between rows, and a cell-per-line table that starts
     * right after a prose line and ends the file without a blank line */
    read_str(f, "该项目预算资金为170.92万元，具体如下：\n"
                "\t项目明细\n\t金     额\n"
                "\n\n\n"
                "\t1、基层组织经费\n\t838,810.19");
    assert_int_equal(f->grid.nrows, 6);
    expect_row(f, 0, PB_LAYOUT_PROSE, 1, 1, NULL);
    expect_row(f, 1, PB_LAYOUT_CELL_LINES, 2, 3, "项目明细|金     额");
    expect_row(f, 2, PB_LAYOUT_BLANK, 4, 4, NULL);
    expect_row(f, 3, PB_LAYOUT_BLANK, 5, 5, NULL);
    expect_row(f, 4, PB_LAYOUT_BLANK, 6, 6, NULL);
    expect_row(f, 5, PB_LAYOUT_CELL_LINES, 7, 8, "1、基层组织经费|838,810.19");
}

static void test_cell_lines_indented_cell(void **state)
{
    fixture *f = *state;
    /* the sub-items of seed 004's cost list are indented after the tab: the
     * indent belongs to the cell (the model reads depth from it) */
    read_str(f, "\t       基层财务培训\n\t30,000.00\n\n");
    expect_row(f, 0, PB_LAYOUT_CELL_LINES, 1, 2, "       基层财务培训|30,000.00");
}

static void test_single_cell_line_between_blanks(void **state)
{
    fixture *f = *state;
    /* one tab-led line standing between blank lines is a one-cell row of the
     * cell-per-line layout */
    read_str(f, "\n\t合计\n\n");
    assert_int_equal(f->grid.nrows, 3);
    expect_row(f, 0, PB_LAYOUT_BLANK, 1, 1, NULL);
    expect_row(f, 1, PB_LAYOUT_CELL_LINES, 2, 2, "合计");
    expect_row(f, 2, PB_LAYOUT_BLANK, 3, 3, NULL);
}

static void test_lone_tab_cells(void **state)
{
    fixture *f = *state;
    /* a row of lone tabs (all its cells empty), and a lone tab followed by
     * spaces (still an empty cell, not a blank line) */
    read_str(f, "\t序号\n\t指标\n\n\t\n\t\n\t \n\n");
    assert_int_equal(f->grid.nrows, 4);
    expect_row(f, 0, PB_LAYOUT_CELL_LINES, 1, 2, "序号|指标");
    expect_row(f, 1, PB_LAYOUT_BLANK, 3, 3, NULL);
    expect_row(f, 2, PB_LAYOUT_CELL_LINES, 4, 6, "|| ");
    assert_int_equal(ncells(f, 2), 3);
    expect_row(f, 3, PB_LAYOUT_BLANK, 7, 7, NULL);
}

/* ---------------------------------------------------------------- prose */

static void test_prose(void **state)
{
    fixture *f = *state;
    read_str(f, "财政项目支出绩效目标申报表（项目总体情况）\n"
                "\n"
                "（ 2019 年）\n"
                "   \n"
                "\xe3\x80\x80\xe3\x80\x80\n"
                "填报单位（盖章） 上海市闵行区人民政府古美路街道办事处\n"
                " 一、项目基本情况\n");
    assert_int_equal(f->grid.nrows, 7);
    expect_row(f, 0, PB_LAYOUT_PROSE, 1, 1, "财政项目支出绩效目标申报表（项目总体情况）");
    expect_row(f, 1, PB_LAYOUT_BLANK, 2, 2, NULL);
    expect_row(f, 2, PB_LAYOUT_PROSE, 3, 3, "（ 2019 年）");
    /* spaces and ideographic spaces only: blank */
    expect_row(f, 3, PB_LAYOUT_BLANK, 4, 4, NULL);
    expect_row(f, 4, PB_LAYOUT_BLANK, 5, 5, NULL);
    expect_row(f, 5, PB_LAYOUT_PROSE, 6, 6, "填报单位（盖章） 上海市闵行区人民政府古美路街道办事处");
    /* a prose line keeps its leading space: normalisation happens later */
    expect_row(f, 6, PB_LAYOUT_PROSE, 7, 7, " 一、项目基本情况");
    for (size_t i = 0; i < f->grid.nrows; i++)
        if (f->grid.rows[i].layout == PB_LAYOUT_PROSE)
            assert_int_equal(ncells(f, i), 1);
}

static void test_mixed_layouts(void **state)
{
    fixture *f = *state;
    /* a cell-per-line row is bounded by blank lines; one that touches a
     * tab row is that row's continuation (test_tab_rows_without_trailing_tabs) */
    read_str(f, "标题\n"
                "项目名称\t乡村道路养护\t\n"
                "\n"
                "\t一级指标\n\t指标值\n"
                "\n"
                "总分\t100\n"
                "结论段落\n");
    assert_int_equal(f->grid.nrows, 7);
    expect_row(f, 0, PB_LAYOUT_PROSE, 1, 1, "标题");
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "项目名称|乡村道路养护");
    expect_row(f, 2, PB_LAYOUT_BLANK, 3, 3, NULL);
    expect_row(f, 3, PB_LAYOUT_CELL_LINES, 4, 5, "一级指标|指标值");
    expect_row(f, 4, PB_LAYOUT_BLANK, 6, 6, NULL);
    expect_row(f, 5, PB_LAYOUT_TABS, 7, 7, "总分|100");
    expect_row(f, 6, PB_LAYOUT_PROSE, 8, 8, "结论段落");
}

/* ------------------------------------------------------- line endings */

static void test_crlf(void **state)
{
    fixture *f = *state;
    read_str(f, "项目名称\t居民小区\t\t\r\n"
                "\r\n"
                "\t一级指标\r\n\t指标值\r\n\t\r\n"
                "\r\n"
                "金额单位：万元\r\n");
    assert_int_equal(f->grid.nrows, 5);
    /* no cell holds the CR */
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "项目名称|居民小区");
    expect_row(f, 1, PB_LAYOUT_BLANK, 2, 2, NULL);
    expect_row(f, 2, PB_LAYOUT_CELL_LINES, 3, 5, "一级指标|指标值|");
    expect_row(f, 3, PB_LAYOUT_BLANK, 6, 6, NULL);
    expect_row(f, 4, PB_LAYOUT_PROSE, 7, 7, "金额单位：万元");
    /* the extent keeps the CRLF: deleting a row removes its line ending */
    const pb_grid_row *r = &f->grid.rows[0];
    assert_memory_equal(f->src.text + r->extent.end - 2, "\r\n", 2);
    r = &f->grid.rows[2];
    assert_memory_equal(f->src.text + r->extent.end - 2, "\r\n", 2);
}

static void test_cr_only(void **state)
{
    fixture *f = *state;
    /* old Mac line endings */
    read_str(f, "项目名称\t养护\r\r\t一级指标\r\t指标值\r\r正文\r");
    assert_int_equal(f->grid.nrows, 5);
    expect_row(f, 0, PB_LAYOUT_TABS, 1, 1, "项目名称|养护");
    expect_row(f, 1, PB_LAYOUT_BLANK, 2, 2, NULL);
    expect_row(f, 2, PB_LAYOUT_CELL_LINES, 3, 4, "一级指标|指标值");
    expect_row(f, 3, PB_LAYOUT_BLANK, 5, 5, NULL);
    expect_row(f, 4, PB_LAYOUT_PROSE, 6, 6, "正文");
}

static void test_no_final_newline(void **state)
{
    fixture *f = *state;
    /* seed 001 ends a tab row with no newline */
    read_str(f, "制度保障\t文件名称\n\t办法\t措施\t实施阶段 √");
    assert_int_equal(f->grid.nrows, 2);
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "|办法|措施|实施阶段 √");
    assert_int_equal(f->grid.rows[1].extent.end, f->src.len);
    assert_int_equal(f->grid.rows[1].cells[3].end, f->src.len);
    /* prose with no final newline */
    read_str(f, "第一行\n第二行");
    assert_int_equal(f->grid.nrows, 2);
    expect_row(f, 1, PB_LAYOUT_PROSE, 2, 2, "第二行");
    /* a cell-per-line row cut off by the end of the file (no blank line,
     * no newline), with a final lone tab */
    read_str(f, "\t产出指标\n\t数量指标\n\t");
    assert_int_equal(f->grid.nrows, 1);
    expect_row(f, 0, PB_LAYOUT_CELL_LINES, 1, 3, "产出指标|数量指标|");
    /* CRLF file whose last line has no line ending */
    read_str(f, "a\tb\r\nc\td");
    assert_int_equal(f->grid.nrows, 2);
    expect_row(f, 1, PB_LAYOUT_TABS, 2, 2, "c|d");
}

static void test_empty_and_blank_inputs(void **state)
{
    fixture *f = *state;
    read_n(f, "", 0);
    for (size_t i = 0; i < f->grid.nrows; i++)
        assert_int_equal(f->grid.rows[i].layout, PB_LAYOUT_BLANK);
    read_str(f, "\n\n\r\n");
    for (size_t i = 0; i < f->grid.nrows; i++)
        assert_int_equal(f->grid.rows[i].layout, PB_LAYOUT_BLANK);
    read_str(f, "\t");
    /* a lone tab: one empty cell of the cell-per-line layout, or nothing */
    for (size_t i = 0; i < f->grid.nrows; i++)
        for (size_t k = 0; k < f->grid.rows[i].ncells; k++)
            assert_int_equal(f->grid.rows[i].cells[k].start, f->grid.rows[i].cells[k].end);
}

/* ---------------------------------------------------------- wide rows */

static void test_wide_tab_row(void **state)
{
    fixture *f = *state;
    enum { N = 10000 };
    size_t cap = (size_t)N * 8 + 16;
    char *in = malloc(cap);
    assert_non_null(in);
    size_t k = 0;
    for (int i = 0; i < N; i++)
        k += (size_t)snprintf(in + k, cap - k, "%sc%d", i ? "\t" : "", i);
    /* 50 trailing empty cells */
    for (int i = 0; i < 50; i++)
        in[k++] = '\t';
    in[k++] = '\n';
    read_n(f, in, k);
    assert_int_equal(f->grid.nrows, 1);
    const pb_grid_row *r = &f->grid.rows[0];
    assert_int_equal(r->layout, PB_LAYOUT_TABS);
    assert_int_equal(r->ncells, N);
    char want[16];
    for (int i = 0; i < N; i++) {
        int n = snprintf(want, sizeof want, "c%d", i);
        assert_int_equal(r->cells[i].end - r->cells[i].start, n);
        assert_memory_equal(f->src.text + r->cells[i].start, want, (size_t)n);
    }
    free(in);
}

/* split_tabs() finds the cells of a row of up to 64 in one pass (kept on
 * the stack, then copied) and of a longer row in two: both sides of the
 * edge, with trailing empty cells dropped, give every cell exactly. */
static void test_tab_row_edge(void **state)
{
    fixture *f = *state;
    for (int n = 60; n <= 68; n++) {
        for (int trailing = 0; trailing <= 3; trailing++) {
            char in[1024];
            size_t k = 0;
            for (int i = 0; i < n; i++) { /* every seventh cell empty, the last never */
                if (i % 7 == 3 && i + 1 < n)
                    k += (size_t)snprintf(in + k, sizeof in - k, "%s", i ? "\t" : "");
                else
                    k += (size_t)snprintf(in + k, sizeof in - k, "%s格%d", i ? "\t" : "", i);
            }
            for (int i = 0; i < trailing; i++)
                in[k++] = '\t';
            in[k++] = '\n';
            read_n(f, in, k);
            assert_int_equal(f->grid.nrows, 1);
            const pb_grid_row *r = &f->grid.rows[0];
            assert_int_equal(r->layout, PB_LAYOUT_TABS);
            assert_int_equal(r->ncells, n);
            uint32_t at = 0;
            for (int i = 0; i < n; i++) {
                char want[16];
                int wl = i % 7 == 3 && i + 1 < n ? 0 : snprintf(want, sizeof want, "格%d", i);
                assert_int_equal(r->cells[i].start, at);
                assert_int_equal(r->cells[i].end - r->cells[i].start, wl);
                assert_memory_equal(f->src.text + at, want, (size_t)wl);
                at = r->cells[i].end + 1;
            }
        }
    }
}

static void test_wide_cell_lines_row(void **state)
{
    fixture *f = *state;
    enum { N = 10000 };
    size_t cap = (size_t)N * 10 + 16;
    char *in = malloc(cap);
    assert_non_null(in);
    size_t k = 0;
    for (int i = 0; i < N; i++)
        k += (size_t)snprintf(in + k, cap - k, "\t%s\n", i % 3 == 1 ? "" : "x");
    in[k++] = '\n';
    read_n(f, in, k);
    assert_int_equal(f->grid.nrows, 2);
    const pb_grid_row *r = &f->grid.rows[0];
    assert_int_equal(r->layout, PB_LAYOUT_CELL_LINES);
    assert_int_equal(r->first_line, 1);
    assert_int_equal(r->last_line, N);
    assert_int_equal(r->ncells, N);
    for (int i = 0; i < N; i++)
        assert_int_equal(r->cells[i].end - r->cells[i].start, i % 3 == 1 ? 0 : 1);
    assert_int_equal(f->grid.rows[1].layout, PB_LAYOUT_BLANK);
    free(in);
}

/* --------------------------------------------------------------- seeds */

static char *slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        print_error("cannot open %s\n", path);
        return NULL;
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    if (buf)
        buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static const pb_grid *read_seed(fixture *f, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SEEDS_DIR, name);
    size_t len;
    char *buf = slurp(path, &len);
    assert_non_null(buf);
    read_n(f, buf, len);
    free(buf);
    return &f->grid;
}

/* The grid row that starts on `line`. */
static size_t row_at_line(const fixture *f, unsigned line)
{
    for (size_t i = 0; i < f->grid.nrows; i++)
        if (f->grid.rows[i].first_line == line)
            return i;
    print_error("no row starts on line %u\n", line);
    fail();
    return 0;
}

static void test_seed_003_rows(void **state)
{
    fixture *f = *state;
    read_seed(f, "003_15b5cc2a07eb4fba.txt");
    /* line 52 lost the leading tab its neighbours have */
    size_t i = row_at_line(f, 51);
    expect_row(f, i, PB_LAYOUT_TABS, 51, 51, NULL);
    assert_true(f->grid.rows[i].leading_tab);
    assert_int_equal(ncells(f, i), 6);
    i = row_at_line(f, 52);
    expect_row(f, i, PB_LAYOUT_TABS, 52, 52,
               "影响力目标|满意度|市民满意度|满意|市民对于小区综合治理建设的满意程度");
    assert_false(f->grid.rows[i].leading_tab);
    /* line 25 lost its leading tab too, and has only empty cells after its label */
    i = row_at_line(f, 25);
    expect_row(f, i, PB_LAYOUT_TABS, 25, 25, "（二）其他资金：");
    /* the last line has no newline */
    i = row_at_line(f, 65);
    assert_int_equal(f->grid.rows[i].extent.end, f->src.len);
    assert_int_equal(ncells(f, i), 6);
    /* every non-blank line is a row of its own (no cell-per-line run here) */
    for (size_t r = 0; r < f->grid.nrows; r++)
        assert_int_equal(f->grid.rows[r].first_line, f->grid.rows[r].last_line);
}

static void test_seed_004_rows(void **state)
{
    fixture *f = *state;
    read_seed(f, "004_d54df65a39392abc.txt");
    static const struct {
        unsigned first, last;
        const char *cells;
    } CL[] = {
        {11, 15, "一级指标|二级指标|指标内容|指标值|备 注"},
        {17, 21, "产出指标|数量指标|新增就业人数|2400人|"},
        {23, 27, "||组织培训人数|400人|"},
        {29, 33, "||建设政务服务分中心|1个|"},
        {35, 39, "|质量指标|年度工作目标完成率|100%|"},
        {41, 45, "|实效指标|完成时间|1年内|"},
        {51, 55, "一级指标|二级指标|指标内容|指标值|备注"},
        {57, 61, "效益指标|社会效益指标|社区及群众对惠民项目的满意度|100%|"},
        {63, 67, "|社会公众满意度指标|社会公众对公共服务满意度|95%|"},
        {84, 85, "项目明细|金     额"},
        {87, 88, "1、基层组织经费|838,810.19"},
        {90, 91, "       基层财务培训|30,000.00"},
        {93, 94, "       基层政权建设及活动    |288,810.19"},
        {96, 97, "       就业管理事务|240,000.00"},
        {99, 100, "       群众团体事务|80,000.00"},
        {102, 103, "       组织人事经费|200,000.00"},
        {105, 106, "2、政务服务分中心运行经费|216,000.00"},
        {108, 109, "3、追加社区工作者体检经费     |67,860.00"},
        {111, 112, "4、劳务派遣人员经费|431,200.00"},
        {114, 115, "公共服务经费合计|1,553,870.19"},
        {121, 125, "一级指标|二级指标|指标内容|指标值|完成值"},
        {127, 131, "产出指标|数量指标|新增就业人数|2400人|2400人"},
        {133, 137, "||组织培训人数|400人|400人"},
        {139, 143, "||建设政务服务分中心|1个|1个"},
        {145, 149, "|质量指标|年度工作目标完成率|100%|100%"},
        {151, 155, "|实效指标|完成时间|1年内|1年内"},
        {160, 164, "一级指标|二级指标|指标内容|指标值|完成值"},
        {166, 170, "效益指标|社会效益指标|社区及群众对就业服务项目的满意度|100%|100%"},
        {172, 176, "|社会公众满意度指标|社会公众对公共服务满意度|95%|93%"},
        {183, 187, "序号|指标|分值|评价得分|评分结果级别"},
        {189, 193, "1|投入管理|16|14|良好"},
        {195, 199, "2|过程管理|24|17|"},
        {201, 205, "3|项目绩效|60|58|"},
        {207, 211, "合计||100|89|"},
    };
    size_t ncl = 0;
    for (size_t r = 0; r < f->grid.nrows; r++)
        if (f->grid.rows[r].layout == PB_LAYOUT_CELL_LINES)
            ncl++;
    assert_int_equal(ncl, PB_ARRAY_LEN(CL));
    for (size_t k = 0; k < PB_ARRAY_LEN(CL); k++)
        expect_row(f, row_at_line(f, CL[k].first), PB_LAYOUT_CELL_LINES, CL[k].first, CL[k].last,
                   CL[k].cells);
    /* prose around the tables, including the page-number leftovers at the end */
    expect_row(f, row_at_line(f, 1), PB_LAYOUT_PROSE, 1, 1, " 一、项目基本情况");
    expect_row(f, row_at_line(f, 10), PB_LAYOUT_PROSE, 10, 10, "1、产出目标");
    expect_row(f, row_at_line(f, 228), PB_LAYOUT_PROSE, 228, 228, " (");
    expect_row(f, row_at_line(f, 230), PB_LAYOUT_PROSE, 230, 230, ")");
    /* no tab rows in this file */
    for (size_t r = 0; r < f->grid.nrows; r++)
        assert_int_not_equal(f->grid.rows[r].layout, PB_LAYOUT_TABS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tab_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tab_row_trailing_spaces_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tab_row_single_leading_tab_among_tab_rows, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_tab_rows_without_trailing_tabs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_tab_line_is_blank, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cell_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cell_lines_rows_of_blank_lines_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cell_lines_indented_cell, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_cell_line_between_blanks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_tab_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prose, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_layouts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crlf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cr_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_final_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_blank_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_tab_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_cell_lines_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tab_row_edge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_003_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed_004_rows, setup, teardown),
    };
    return cmocka_run_group_tests_name("grid", tests, NULL, NULL);
}

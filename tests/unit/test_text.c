/* Unit tests for text.c: normalised text views, their map, keys. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "internal.h"

#include <utf8proc.h>

#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif

typedef struct fixture {
    pb_source src;
    pb_arena arena;
    pblint_text t;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pb_source_free(&f->src);
    pb_arena_free(&f->arena);
    free(f);
    return 0;
}

/* Decodes `in` as the document and makes the text of [start, end) of it
 * (end == UINT32_MAX: to the end). */
static const pblint_text *make_span(fixture *f, const char *in, uint32_t start, uint32_t end)
{
    char err[256];
    pb_source_free(&f->src);
    assert_int_equal(pb_source_decode(&f->src, "t.txt", in, strlen(in), err, sizeof err), 0);
    if (end == UINT32_MAX)
        end = (uint32_t)f->src.len;
    pblint_span sp = {start, end};
    assert_int_equal(pb_text_make(&f->arena, &f->src, sp, &f->t), 0);
    return &f->t;
}

static const pblint_text *make(fixture *f, const char *in)
{
    return make_span(f, in, 0, UINT32_MAX);
}

static void expect_str(const pblint_text *t, const char *s, const char *key)
{
    size_t n = 99, kn = 99;
    const char *got = pblint_text_str(t, &n);
    assert_string_equal(got, s);
    assert_int_equal(n, strlen(s));
    const char *k = pblint_text_key(t, &kn);
    assert_string_equal(k, key);
    assert_int_equal(kn, strlen(key));
    assert_int_equal(pblint_text_empty(t), s[0] == '\0');
}

/* The source bytes pblint_text_map() gives for [off, off+len). */
static void expect_map(const fixture *f, size_t off, size_t len, uint32_t start, uint32_t end,
                       const char *bytes)
{
    pblint_span sp = pblint_text_map(&f->t, off, len);
    if (sp.start != start || sp.end != end)
        print_error("map(%zu, %zu): got [%u, %u), want [%u, %u)\n", off, len, sp.start, sp.end,
                    start, end);
    assert_int_equal(sp.start, start);
    assert_int_equal(sp.end, end);
    if (bytes) {
        assert_int_equal(strlen(bytes), end - start);
        assert_memory_equal(f->src.text + start, bytes, end - start);
    }
}

/* Where `needle` is in s (asserting it is). */
static uint32_t find(const char *s, const char *needle)
{
    const char *p = strstr(s, needle);
    assert_non_null(p);
    return (uint32_t)(p - s);
}

/* --------------------------------------------------------------- spaces */

static void test_spaced_labels(void **state)
{
    fixture *f = *state;
    const pblint_text *t = make(f, "年 度 绩效目标");
    expect_str(t, "年 度 绩效目标", "年度绩效目标");
    assert_int_equal(t->markup, 0);
    assert_int_equal(pblint_text_span(t).start, 0);
    assert_int_equal(pblint_text_span(t).end, 20);
    expect_map(f, 0, t->len, 0, 20, "年 度 绩效目标");
    expect_map(f, 8, 6, 8, 14, "绩效");

    t = make(f, "备 注");
    expect_str(t, "备 注", "备注");

    t = make(f, "金     额");
    expect_str(t, "金 额", "金额");
    /* The one space stands for the whole run. */
    expect_map(f, 3, 1, 3, 8, "     ");
    expect_map(f, 4, 3, 8, 11, "额");

    /* Tabs, CR, LF, NBSP: one space; leading and trailing ones go. */
    t = make(f, " \t项目\xc2\xa0\r\n\t名称 \n");
    expect_str(t, "项目 名称", "项目名称");
    expect_map(f, 0, t->len, 2, 19, "项目\xc2\xa0\r\n\t名称");
}

static void test_ideographic_spaces(void **state)
{
    fixture *f = *state;
    /* 　(0) 　(3) 项(6) 目(9) 　(12) 　(15) 名(18) 称(21) 　(24) */
    const pblint_text *t = make(f, "　　项目　　名称　");
    expect_str(t, "项目 名称", "项目名称");
    static const uint32_t want[] = {6, 6, 6, 9, 9, 9, 12, 18, 18, 18, 21, 21, 21, 24};
    assert_int_equal(t->len + 1, PB_ARRAY_LEN(want));
    for (size_t i = 0; i < PB_ARRAY_LEN(want); i++)
        assert_int_equal(pb_text_map_at(t, i), want[i]);
    expect_map(f, 6, 1, 12, 18, "　　");
    expect_map(f, 7, 6, 18, 24, "名称");
    expect_map(f, 0, 13, 6, 24, "项目　　名称");
    /* A range inside a character is widened to the character. */
    expect_map(f, 1, 1, 6, 9, "项");
    expect_map(f, 4, 4, 9, 21, "目　　名");
    /* Clamped: past the end, and n == 0. */
    expect_map(f, 10, 100, 21, 24, "称");
    expect_map(f, 100, 5, 24, 24, "");
    expect_map(f, 3, 0, 9, 9, "");
}

/* --------------------------------------------------------------- NFKC */

static void test_fullwidth(void **state)
{
    fixture *f = *state;
    const pblint_text *t = make(f, "１２３，４５６．７８");
    expect_str(t, "123,456.78", "123,456.78");
    expect_map(f, 4, 3, 12, 21, "４５６");
    expect_map(f, 3, 1, 9, 12, "，");
    expect_map(f, 0, t->len, 0, 30, "１２３，４５６．７８");

    t = make(f, "项目负责人：");
    expect_str(t, "项目负责人:", "项目负责人:");
    expect_map(f, 15, 1, 15, 18, "：");

    t = make(f, "填报单位（盖章）ＡＢＣ％");
    expect_str(t, "填报单位(盖章)ABC%", "填报单位(盖章)ABC%");

    /* Chinese punctuation NFKC leaves alone; … and ～ do change. */
    t = make(f, "、。《》〔〕【】“”‘’—·");
    expect_str(t, "、。《》〔〕【】“”‘’—·", "、。《》〔〕【】“”‘’—·");
    t = make(f, "…～");
    expect_str(t, "...~", "...~");
    expect_map(f, 1, 1, 0, 3, "…");

    /* U+FFFD stays; U+200B and a stray U+FEFF go. */
    t = make(f, "a\xef\xbf\xbd" "b\xe2\x80\x8b" "c\xef\xbb\xbf" "d");
    expect_str(t, "a\xef\xbf\xbd" "bcd", "a\xef\xbf\xbd" "bcd");
}

/* Every BMP code point between two ideographs comes out as utf8proc's NFKC
 * of the three says, whichever path reads it (the runs copied as they are,
 * the punctuation ranges, the full-width fold, the general decoder): save
 * where pblint means to differ, white space NFKC keeps (U+0085, U+1680,
 * U+2028, U+2029: one space here) and U+200B / U+FEFF (dropped here). */
static void test_nfkc_every_bmp_code_point(void **state)
{
    fixture *f = *state;
    size_t checked = 0;
    for (int32_t cp = 0x80; cp < 0x10000; cp++) {
        if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0x85 || cp == 0x1680 || cp == 0x2028 ||
            cp == 0x2029 || cp == 0x200b || cp == 0xfeff)
            continue;
        char in[16];
        memcpy(in, "\xe7\x94\xb2", 3); /* 甲 */
        utf8proc_ssize_t l = utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 3);
        memcpy(in + 3 + l, "\xe4\xb9\x99", 4); /* 乙 and the NUL */
        utf8proc_uint8_t *want = utf8proc_NFKC((const utf8proc_uint8_t *)in);
        assert_non_null(want);
        const pblint_text *t = make(f, in);
        size_t n;
        const char *got = pblint_text_str(t, &n);
        if (strcmp(got, (const char *)want) != 0)
            fail_msg("U+%04X: got \"%s\", NFKC gives \"%s\"", (unsigned)cp, got, (char *)want);
        free(want);
        pb_arena_free(&f->arena);
        checked++;
    }
    assert_true(checked > 60000);
}

static void test_expansion(void **state)
{
    fixture *f = *state;
    /* ㈠ U+3220 -> "(一)": three code points, one unit. */
    const pblint_text *t = make(f, "㈠项目");
    expect_str(t, "(一)项目", "(一)项目");
    expect_map(f, 1, 3, 0, 3, "㈠");
    expect_map(f, 5, 3, 3, 6, "项");

    /* Expansions past the first buffer: ㍿ U+337F -> 株式会社 (3 -> 12 bytes). */
    char in[3 * 40 + 1];
    for (int i = 0; i < 40; i++)
        memcpy(in + 3 * i, "㍿", 3);
    in[3 * 40] = '\0';
    t = make(f, in);
    assert_int_equal(t->len, 12 * 40);
    for (int i = 0; i < 40; i++)
        assert_memory_equal(t->s + 12 * i, "株式会社", 12);
    expect_map(f, 12 * 39 + 3, 3, 3 * 39, 3 * 40, "㍿");
    assert_int_equal(pb_text_map_at(t, t->len), 120);
}

/* ------------------------------------------------------------- markup */

static void test_paragraph_tags(void **state)
{
    fixture *f = *state;
    const char *in = "<p>依据：《上海市财政项目支出绩效管理办法》</p>";
    const pblint_text *t = make(f, in);
    expect_str(t, "依据:《上海市财政项目支出绩效管理办法》", "依据:《上海市财政项目支出绩效管理办法》");
    assert_true(t->markup & PB_MARKUP_TAG);
    uint32_t shu = find(in, "《");
    expect_map(f, find(t->s, "《"), strlen("《上海市财政项目支出绩效管理办法》"), shu,
               shu + (uint32_t)strlen("《上海市财政项目支出绩效管理办法》"),
               "《上海市财政项目支出绩效管理办法》");
    /* The whole text maps to what is between the tags. */
    expect_map(f, 0, t->len, 3, (uint32_t)strlen(in) - 4, NULL);
    assert_int_equal(pblint_text_span(t).end, strlen(in));

    /* Block tags separate; inline ones vanish. */
    t = make(f, "第一段<br/>第二段</p> <p>第三");
    expect_str(t, "第一段 第二段 第三", "第一段第二段第三");
    expect_map(f, 9, 1, 9, 14, "<br/>");
    expect_map(f, 19, 1, 23, 31, "</p> <p>");
    t = make(f, "<span style=\"font-size:12pt\">文字</span>");
    expect_str(t, "文字", "文字");
    expect_map(f, 0, 6, 29, 35, "文字");
    /* Markup removed inside text belongs to the unit before it. */
    t = make(f, "a<span>b</span>c");
    expect_str(t, "abc", "abc");
    expect_map(f, 0, 1, 0, 7, "a<span>");
    expect_map(f, 1, 1, 7, 15, "b</span>");
    expect_map(f, 2, 1, 15, 16, "c");
    t = make(f, "<BR>大写<P>");
    expect_str(t, "大写", "大写");
}

static void test_not_tags(void **state)
{
    fixture *f = *state;
    const pblint_text *t = make(f, "满意度<90%且《办法》");
    expect_str(t, "满意度<90%且《办法》", "满意度<90%且《办法》");
    assert_int_equal(t->markup, 0);
    t = make(f, "a < b > c");
    expect_str(t, "a < b > c", "a<b>c");
    /* ... but '<', a letter, a blank and a '>' on the same line is a tag. */
    t = make(f, "x<y and z>w");
    expect_str(t, "xw", "xw");
    t = make(f, "<p\n>跨行");
    expect_str(t, "<p >跨行", "<p>跨行");
    t = make(f, "＜p＞");
    expect_str(t, "<p>", "<p>");
    t = make(f, "&unknown; &amp");
    expect_str(t, "&unknown; &amp", "&unknown;&amp");
    t = make(f, "[bookmark without colon]");
    expect_str(t, "[bookmark without colon]", "[bookmarkwithoutcolon]");
}

static void test_checkboxes(void **state)
{
    fixture *f = *state;
    const char *in = "一次性项目 <input type=\"checkbox\"/> 经常性项目 <input checked=\"\" "
                     "type=\"checkbox\"/>";
    const pblint_text *t = make(f, in);
    expect_str(t, "一次性项目 " PB_BOX_EMPTY " 经常性项目 " PB_BOX_CHECKED,
               "一次性项目" PB_BOX_EMPTY "经常性项目" PB_BOX_CHECKED);
    assert_true(t->markup & PB_MARKUP_CHECKBOX);
    assert_false(t->markup & PB_MARKUP_TAG);

    uint32_t box1 = find(t->s, PB_BOX_EMPTY);
    uint32_t tag1 = find(in, "<input type");
    assert_int_equal(box1, 16);
    assert_int_equal(tag1, 16);
    for (uint32_t i = 0; i < 3; i++)
        assert_int_equal(pb_text_map_at(t, box1 + i), tag1);
    assert_int_equal(pb_text_map_at(t, box1 + 3), tag1 + 24);
    expect_map(f, box1, 3, tag1, tag1 + 24, "<input type=\"checkbox\"/>");

    uint32_t box2 = find(t->s, PB_BOX_CHECKED);
    uint32_t tag2 = find(in, "<input checked");
    assert_int_equal(box2 + 3, t->len);
    expect_map(f, box2, 3, tag2, (uint32_t)strlen(in),
               "<input checked=\"\" type=\"checkbox\"/>");
    assert_int_equal(pb_text_map_at(t, t->len), strlen(in));
    /* The label before a box. */
    expect_map(f, find(t->s, "经常"), strlen("经常性项目"), find(in, "经常"),
               find(in, "经常") + (uint32_t)strlen("经常性项目"), "经常性项目");

    /* Glued to the text, upper case, single quotes. */
    t = make(f, "是<INPUT TYPE='checkbox' CHECKED>否<input type=\"checkbox\">");
    expect_str(t, "是" PB_BOX_CHECKED "否" PB_BOX_EMPTY, "是" PB_BOX_CHECKED "否" PB_BOX_EMPTY);
    expect_map(f, 3, 3, 3, 34, "<INPUT TYPE='checkbox' CHECKED>");

    /* A text input is just removed. */
    t = make(f, "<input type=\"text\"/>姓名");
    expect_str(t, "姓名", "姓名");
    assert_true(t->markup & PB_MARKUP_TAG);
}

static void test_bookmark_entities(void **state)
{
    fixture *f = *state;
    const pblint_text *t = make(f, "[bookmark: _GoBack]（3）项目");
    expect_str(t, "(3)项目", "(3)项目");
    assert_true(t->markup & PB_MARKUP_BOOKMARK);
    expect_map(f, 0, 1, 19, 22, "（");

    t = make(f, "A&amp;B&nbsp;&nbsp;C&lt;D&gt;&quot;E&#x4E00;&#20108;");
    expect_str(t, "A&B C<D>\"E一二", "A&BC<D>\"E一二");
    assert_true(t->markup & PB_MARKUP_ENTITY);
    expect_map(f, 1, 1, 1, 6, "&amp;");
    expect_map(f, 3, 1, 7, 19, "&nbsp;&nbsp;");
    expect_map(f, find(t->s, "一"), 3, 36, 44, "&#x4E00;");
    /* A decoded '<' does not start a tag. */
    t = make(f, "&lt;p&gt;x");
    expect_str(t, "<p>x", "<p>x");
}

/* ----------------------------------------------------- trimming, empty */

static void test_trailing_and_empty(void **state)
{
    fixture *f = *state;
    const pblint_text *t = make(f, "项目负责人：   \t");
    expect_str(t, "项目负责人:", "项目负责人:");
    assert_int_equal(pb_text_map_at(t, t->len), 18);
    expect_map(f, 0, t->len, 0, 18, "项目负责人：");
    expect_map(f, 12, 4, 12, 18, "人：");
    assert_int_equal(pblint_text_span(t).end, 22);

    t = make(f, "  \t　<p></p> ");
    expect_str(t, "", "");
    assert_true(pblint_text_empty(t));
    expect_map(f, 0, 0, 0, 0, "");
    expect_map(f, 0, 5, 0, 0, "");

    pblint_text e;
    pb_text_empty_at(&e, 42);
    size_t n = 9;
    assert_string_equal(pblint_text_str(&e, &n), "");
    assert_int_equal(n, 0);
    assert_string_equal(pblint_text_key(&e, &n), "");
    assert_int_equal(n, 0);
    assert_true(pblint_text_empty(&e));
    assert_int_equal(pblint_text_span(&e).start, 42);
    assert_int_equal(pblint_text_span(&e).end, 42);
    pblint_span sp = pblint_text_map(&e, 0, 3);
    assert_int_equal(sp.start, 42);
    assert_int_equal(sp.end, 42);

    /* NULL-safe accessors. */
    assert_string_equal(pblint_text_str(NULL, &n), "");
    assert_true(pblint_text_empty(NULL));
}

static void test_sub_span(void **state)
{
    fixture *f = *state;
    const char *in = "项目负责人:\t钱志维\t联系人:\t 钱志维 \n";
    uint32_t a = find(in, "钱志维"), b = a + 9;
    const pblint_text *t = make_span(f, in, a, b);
    expect_str(t, "钱志维", "钱志维");
    assert_true(pb_text_verbatim(t)); /* copied as it is: the map is implied */
    expect_map(f, 0, 0, a, a, "");
    expect_map(f, 3, 3, a + 3, a + 6, "志");
    /* A cell with spaces around. */
    uint32_t c = find(in, "\t 钱") + 1;
    t = make_span(f, in, c, (uint32_t)strlen(in) - 1);
    expect_str(t, "钱志维", "钱志维");
    assert_int_equal(pblint_text_span(t).start, c);
    expect_map(f, 0, 9, c + 1, c + 10, "钱志维");
    /* Spans beyond the text are clamped. */
    t = make_span(f, in, 0, 100000);
    assert_int_equal(pblint_text_span(t).end, strlen(in));
}

/* A text copied as it is (no space, markup or full-width form) keeps no
 * map: every span it gives must be the one the general path gives for the
 * same bytes inside a text that took it (here, for the space before). */
static void test_verbatim_map(void **state)
{
    fixture *f = *state;
    const char *in = "金额 合计12万元©x\n";
    uint32_t sub = find(in, "合计"), end = (uint32_t)strlen(in) - 1;
    char err[256];
    pb_source_free(&f->src);
    assert_int_equal(pb_source_decode(&f->src, "t.txt", in, strlen(in), err, sizeof err), 0);
    pblint_text whole, part;
    assert_int_equal(pb_text_make(&f->arena, &f->src, (pblint_span){0, end}, &whole), 0);
    assert_int_equal(pb_text_make(&f->arena, &f->src, (pblint_span){sub, end}, &part), 0);
    assert_false(pb_text_verbatim(&whole));
    assert_true(pb_text_verbatim(&part));
    assert_null(part.map);
    assert_string_equal(part.s, "合计12万元©x");
    assert_string_equal(part.key, part.s);
    size_t at = 7; /* "金额 " in whole.s */
    assert_memory_equal(whole.s + at, part.s, part.len);
    for (size_t off = 0; off <= part.len; off++) {
        for (size_t len = 0; off + len <= part.len + 2; len++) {
            pblint_span g = pblint_text_map(&part, off, len);
            size_t wl = off + len > part.len ? part.len - off : len;
            pblint_span w = pblint_text_map(&whole, at + off, wl);
            if (g.start != w.start || g.end != w.end)
                fail_msg("map(%zu, %zu): verbatim [%u, %u), general [%u, %u)", off, len, g.start,
                         g.end, w.start, w.end);
        }
    }
}

/* --------------------------------------------------------------- keys */

static void test_key_of(void **state)
{
    (void)state;
    char buf[64];
    const char *s = "填报单位（盖章）";
    assert_int_equal(pb_key_of(s, strlen(s), buf, sizeof buf), 20);
    assert_string_equal(buf, "填报单位(盖章)");
    s = "年 度 绩效目标";
    assert_int_equal(pb_key_of(s, strlen(s), buf, sizeof buf), 18);
    assert_string_equal(buf, "年度绩效目标");
    s = "<p>备　注</p>";
    assert_int_equal(pb_key_of(s, strlen(s), buf, sizeof buf), 6);
    assert_string_equal(buf, "备注");
    s = "金额（万元）";
    assert_int_equal(pb_key_of(s, 9, buf, sizeof buf), 7); /* only "金额（" */
    assert_string_equal(buf, "金额(");
    assert_int_equal(pb_key_of("", 0, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* Too small: room for the bytes but not the NUL. */
    s = "备注";
    assert_int_equal(pb_key_of(s, strlen(s), buf, 6), -1);
    assert_int_equal(pb_key_of(s, strlen(s), buf, 7), 6);
    assert_string_equal(buf, "备注");
    assert_int_equal(pb_key_of(s, strlen(s), buf, 0), -1);
}

/* -------------------------------------------------------- big and seeds */

static void test_long_text(void **state)
{
    fixture *f = *state;
    /* 1 MB of mixed content in one cell: linear, exact length. */
    const char *unit = "项目 <p>１２</p>&nbsp;";
    size_t ul = strlen(unit), reps = 1000000 / ul;
    char *in = malloc(ul * reps + 1);
    assert_non_null(in);
    for (size_t i = 0; i < reps; i++)
        memcpy(in + ul * i, unit, ul);
    in[ul * reps] = '\0';
    const pblint_text *t = make(f, in);
    /* "项目 12 " per unit, the last space trimmed. */
    assert_int_equal(t->len, 10 * reps - 1);
    assert_memory_equal(t->s, "项目 12 项目 12 ", 20);
    assert_int_equal(t->keylen, 8 * reps);
    size_t last = 10 * (reps - 1);
    expect_map(f, last, 6, (uint32_t)(ul * (reps - 1)), (uint32_t)(ul * (reps - 1) + 6), "项目");
    free(in);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        if (r == 0)
            break;
        n += r;
    }
    fclose(fp);
    *len = n;
    return buf;
}

static void test_seed_cells(void **state)
{
    fixture *f = *state;
    const char *path = SEEDS_DIR "/001_fcbd786c23210c20.txt";
    size_t len = 0;
    char *bytes = read_file(path, &len);
    if (!bytes)
        print_error("cannot read %s (set -DSEEDS_DIR)\n", path);
    assert_non_null(bytes);
    char err[256];
    assert_int_equal(pb_source_decode(&f->src, path, bytes, len, err, sizeof err), 0);
    free(bytes);

    /* Line 12: the project-kind cell with its three check boxes. */
    pblint_span l12 = pb_source_line(&f->src, 12);
    assert_int_equal(pb_text_make(&f->arena, &f->src, l12, &f->t), 0);
    expect_str(&f->t,
               "项目类别 一次性项目 " PB_BOX_EMPTY " 经常性项目 " PB_BOX_CHECKED
               " 中期预算试点项目 " PB_BOX_EMPTY,
               "项目类别一次性项目" PB_BOX_EMPTY "经常性项目" PB_BOX_CHECKED
               "中期预算试点项目" PB_BOX_EMPTY);
    uint32_t box = find(f->t.s, PB_BOX_CHECKED);
    pblint_span sp = pblint_text_map(&f->t, box, 3);
    assert_memory_equal(f->src.text + sp.start, "<input checked=\"\" type=\"checkbox\"/>",
                        sp.end - sp.start);
    assert_int_equal(sp.end - sp.start, 35);

    /* Line 13, every cell: the whole text keeps the tabs' place as spaces. */
    pblint_span l13 = pb_source_line(&f->src, 13);
    assert_int_equal(pb_text_make(&f->arena, &f->src, l13, &f->t), 0);
    expect_str(&f->t, "项目负责人: 钱志维 联系人: 钱志维 联系电话: 34226718",
               "项目负责人:钱志维联系人:钱志维联系电话:34226718");
    uint32_t num = find(f->t.s, "34226718");
    sp = pblint_text_map(&f->t, num, 8);
    assert_int_equal(sp.start, 464);
    assert_int_equal(sp.end, 472);
    unsigned line, col;
    pb_source_position(&f->src, sp.start, PBLINT_COLUMN_DISPLAY, &line, &col);
    assert_int_equal(line, 13);
    assert_int_equal(col, 57);

    /* Line 32: "年 度 绩效目标\t走访工作完成率达100%；...". */
    bool found = false;
    for (unsigned l = 1; l <= f->src.nlines && !found; l++) {
        pblint_span ls = pb_source_line(&f->src, l);
        if (ls.end - ls.start >= 20 && memcmp(f->src.text + ls.start, "年 度 绩效目标\t", 21) == 0) {
            pblint_span cell = {ls.start, ls.start + 20};
            assert_int_equal(pb_text_make(&f->arena, &f->src, cell, &f->t), 0);
            expect_str(&f->t, "年 度 绩效目标", "年度绩效目标");
            found = true;
        }
    }
    assert_true(found);
}

/* pb_sprintf(), which every diagnostic's message goes through: formatted
 * once on the stack when short, twice when longer than its buffer, and a
 * lone "%s" copied. */
static void test_arena_sprintf(void **state)
{
    fixture *f = *state;
    assert_string_equal(pb_sprintf(&f->arena, "%s: %d of %u", "金额", -3, 7u), "金额: -3 of 7");
    assert_string_equal(pb_sprintf(&f->arena, "%s", "明细金额 26.04 万元"), "明细金额 26.04 万元");
    assert_string_equal(pb_sprintf(&f->arena, "%s", ""), "");
    assert_string_equal(pb_sprintf(&f->arena, "100%%"), "100%");
    /* longer than the stack buffer, both ways */
    char big[2001];
    for (size_t i = 0; i < 2000; i++)
        big[i] = (char)('a' + i % 26);
    big[2000] = '\0';
    const char *p = pb_sprintf(&f->arena, "%s", big);
    assert_string_equal(p, big);
    p = pb_sprintf(&f->arena, "<%s|%d>", big, 42);
    assert_int_equal(strlen(p), 2000 + 5);
    assert_memory_equal(p, "<abc", 4);
    assert_string_equal(p + 2001, "|42>");
    char edge[512]; /* 511 bytes: fits with its NUL; 512: does not */
    memset(edge, 'x', 511);
    edge[511] = '\0';
    assert_int_equal(strlen(pb_sprintf(&f->arena, "%s.", edge + 1)), 511);
    assert_int_equal(strlen(pb_sprintf(&f->arena, "%s.", edge)), 512);
}

/* pb_stable_run() takes Chinese 15 bytes a step (with SSE2) and everything
 * else a unit at a time; the normaliser then goes on after the unit that
 * ended a run without looking for a run there again, and folds full-width
 * ASCII in place.  Each kind of unit, at every byte offset in and around a
 * step, comes out as NFKC has it, the text is verbatim exactly when every
 * unit is copied as it is, and after a folded comma the map is exact. */
static void test_stable_run_steps(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *unit;
        bool stable;
    } U[] = {
        {"，", false},   {"！", false},    {"～", false}, /* full-width ASCII and its ends */
        {"｟", false},    {"。", true},     {"“", true},   {"a", true},
        {"12", true},    {"·", true},      {"㈠", false}, /* an NFKC expansion */
        {"😀", false},   {"ｶ", false},     {"﹐", false},  {"丽", true},
        {"㐀", true},    {"龥", true},     {"一", true},  {"\xe9\xbf\xbf", true}, /* U+9FFF */
    };
    for (size_t u = 0; u < PB_ARRAY_LEN(U); u++) {
        for (size_t pre = 0; pre < 3; pre++) {
            for (size_t nch = 0; nch <= 12; nch++) {
                char in[256];
                size_t k = 0;
                for (size_t i = 0; i < pre; i++)
                    in[k++] = 'x';
                for (size_t i = 0; i < nch; i++) {
                    memcpy(in + k, "中文"+ 3 * (i % 2), 3);
                    k += 3;
                }
                size_t at = k, ul = strlen(U[u].unit);
                memcpy(in + k, U[u].unit, ul);
                k += ul;
                for (size_t i = 0; i < 9; i++) {
                    memcpy(in + k, "字", 3);
                    k += 3;
                }
                in[k] = '\0';
                utf8proc_uint8_t *want = utf8proc_NFKC((const utf8proc_uint8_t *)in);
                assert_non_null(want);
                const pblint_text *t = make(f, in);
                const char *got = pblint_text_str(t, NULL);
                if (strcmp(got, (const char *)want) != 0)
                    fail_msg("%s after %zu + %zu: got \"%s\", NFKC gives \"%s\"", U[u].unit, pre,
                             nch, got, (char *)want);
                free(want);
                if (pb_text_verbatim(t) != U[u].stable)
                    fail_msg("%s after %zu + %zu: verbatim %d", U[u].unit, pre, nch,
                             pb_text_verbatim(t));
                if (strcmp(U[u].unit, "，") == 0) {
                    /* "," at `at`: bytes before map as they are, those after
                     * two bytes further on, each to its code point's start */
                    for (size_t o = 0; o <= t->len; o++) {
                        uint32_t src = o < at ? (uint32_t)o : o == at ? (uint32_t)at : (uint32_t)o + 2;
                        if (o < t->len && o != at) {
                            while (src > 0 && ((unsigned char)in[src] & 0xc0) == 0x80)
                                src--;
                        }
                        if (o == t->len)
                            src = (uint32_t)k;
                        assert_int_equal(pb_text_map_at(t, o), src);
                    }
                }
                pb_arena_free(&f->arena);
            }
        }
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_spaced_labels),    T(test_ideographic_spaces), T(test_fullwidth),
        T(test_expansion),        T(test_paragraph_tags),     T(test_not_tags),
        T(test_checkboxes),       T(test_bookmark_entities),  T(test_trailing_and_empty),
        T(test_sub_span),         T(test_verbatim_map),       T(test_key_of),             T(test_long_text),
        T(test_seed_cells),       T(test_nfkc_every_bmp_code_point), T(test_arena_sprintf),
        T(test_stable_run_steps),
    };
#undef T
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

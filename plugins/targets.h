/*
 * The target/actual comparison shared by the gaps and scores plugins: typed
 * quantities from cells, the direction a target sets, and the verdict on a
 * 完成值 against its 指标值.  Compiled into each of the two plugins (it is
 * their own code, built like any user's plugin, not part of libpblint); the
 * symbols are hidden, so the two copies never meet.
 */
#ifndef PBLINT_PLUGINS_TARGETS_H
#define PBLINT_PLUGINS_TARGETS_H

#include <pblint/plugin.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 i128;

/* ------------------------------------------------------------ text */

typedef struct str {
    const char *s;
    size_t n;
} str;

str text_str(const pblint_text *t);

str text_key(const pblint_text *t);

const pblint_text *cell_text(const pblint_cell *c);

str cell_str(const pblint_cell *c);

str cell_key(const pblint_cell *c);

bool str_has(str s, const char *w);

bool str_eq(str a, str b);

pblint_span cell_span(const pblint_cell *c);

/* Length of the UTF-8 sequence starting with byte b. */
size_t u8len(unsigned char b);

/* Decodes at most max code points of s into out; returns how many. */
size_t decode(str s, uint32_t *out, size_t max);

/* ------------------------------------------------------------ options */

#define MAX_ITEMS 64

#define WORD_BUCKETS 512

typedef struct wordlist {
    const char *w[MAX_ITEMS];
    size_t n;
    /* Set by load_list(), for find_word(): the lengths, and the words by
     * their first byte (one-byte words) or first two bytes (a bucket of
     * them, the others): index + 1 of the first word there and of the next
     * one, in list order (0 = none; an empty word is in none). */
    size_t len[MAX_ITEMS];
    uint8_t head1[256], head2[WORD_BUCKETS], next[MAX_ITEMS];
} wordlist;

/* A list option, or the default list when the option is unset. */
void load_list(const pblint_check *chk, const char *key, const char *const *def,
                      wordlist *out);

/* The same list without find_word()'s index, for a list only read item by
 * item. */
void load_items(const pblint_check *chk, const char *key, const char *const *def,
                wordlist *out);

/* What snprintf(buf, size, "%.*s", (int)n, s) writes: the bytes of s up to
 * n or a NUL, cut to size - 1. */
void copy_cut(char *buf, size_t size, const char *s, size_t n);

/* The first word of the list found in s, or NULL; *at receives its offset. */
const char *find_word(str s, const wordlist *wl, size_t *at);

/* ------------------------------------------------------------ numbers */

i128 pow10i(int n);

/* Brings a (scale sa) and b (scale sb) to the larger scale. */
int align2(i128 *a, int sa, i128 *b, int sb);

/* Writes v * 10^-scale in plain decimal form, trailing zeros trimmed. */
void fmt_fixed(i128 v, int scale, char *buf, size_t size);

/* (num / den) * 100 rounded to one decimal, written as "45.8". */
void fmt_percent(i128 num, i128 den, char *buf, size_t size);

/* ------------------------------------------------------------ quantities */

enum { Q_NONE, Q_NUMBER, Q_PERCENT, Q_COUNT, Q_AMOUNT, Q_PERIOD, Q_DATE };

typedef struct qty {
    int kind;
    int op;
    i128 v, v2; /* at `scale`; AMOUNT in 元; DATE as yyyymmdd */
    int scale;
    char unit[32];  /* COUNT / PERIOD: the unit as written */
    int money_unit; /* AMOUNT */
    int date_prec;  /* DATE: 1 year, 2 month, 3 day */
    bool huge;      /* beyond any indicator (and beyond safe 128-bit arithmetic) */
} qty;

/* Indicator values stay far below these; larger ones are not compared, so
 * that no product below can overflow 128 bits. */
#define MAX_MANT 1000000000000LL /* 10^12 */
#define MAX_SCALE 6

bool sane_decimal(pblint_decimal d);

int money_pow(int mu);

void to_qty(const pblint_value *v, qty *q);

/* A period unit's family (1 months, 2 days) and factor; 0 when it has none. */
int period_base(const char *unit, int *factor);

bool same_unit(const char *a, const char *b);

/* ------------------------------------------------------------ verdicts */

enum { V_SKIP, V_MET, V_MISSED, V_NC };
enum { NC_BLANK = 1, NC_WORD, NC_UNIT, NC_KIND };
enum { DIR_HIGHER = 1, DIR_LOWER, DIR_EQUAL, DIR_RANGE };

typedef struct verdict {
    int status;
    int nc;
    int dir;
    bool strict;
    bool assumed;  /* no operator written: the direction is the default */
    int kind;      /* the kind compared in */
    i128 t, t2, a; /* aligned at `scale` */
    int scale;
    i128 gap;      /* >= 0 */
    bool below;    /* the actual is below the target (EQUAL / RANGE) */
    char unit[32]; /* unit of the gap ("人", "个月", "万元"); "" for none */
    int money_unit;
} verdict;

/* Words that make a name lower-is-better, and words that turn it back
 * ("投诉下降率": a fall in complaints, the more the better). */
typedef struct dirwords {
    wordlist lower, higher;
} dirwords;

void load_dirwords(const pblint_check *chk, dirwords *dw);

/* Do the indicator's names (三级, 二级, 一级 ...) say that less is better? */
bool lower_is_better(const str *names, size_t n, const dirwords *dw);

void assess(const pblint_cell *tc, const pblint_cell *ac, const str *names, size_t nnames,
                   const dirwords *dw, verdict *out);

pblint_span value_span(const pblint_cell *c);

#endif

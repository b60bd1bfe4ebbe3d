/*
 * Internal declarations shared by the library's source files.  Nothing here
 * is visible to plugins or hosts: they see only the public headers.
 */
#ifndef PBLINT_INTERNAL_H
#define PBLINT_INTERNAL_H

#include <pblint/pblint.h>
#include <pblint/plugin.h>

#include <stdlib.h>
#include <string.h>

#define PB_HIDDEN __attribute__((visibility("hidden")))
#define PB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- arena */

/* A bump allocator: everything of one document lives in its arena and is
 * freed at once.  Allocation failure aborts nothing: callers check NULL. */
typedef struct pb_chunk pb_chunk;
typedef struct pb_arena {
    pb_chunk *head;
    size_t total; /* bytes handed out, for --time-report / limits */
} pb_arena;

PB_HIDDEN void *pb_alloc(pb_arena *a, size_t size);          /* zeroed, 8-aligned */
PB_HIDDEN void *pb_alloc_raw(pb_arena *a, size_t size);      /* the same, not zeroed */
PB_HIDDEN char *pb_strndup(pb_arena *a, const char *s, size_t n); /* NUL-terminated copy */
PB_HIDDEN char *pb_sprintf(pb_arena *a, const char *fmt, ...) PBLINT_PRINTF(2, 3);
PB_HIDDEN char *pb_vsprintf(pb_arena *a, const char *fmt, va_list ap);
PB_HIDDEN void pb_arena_free(pb_arena *a);

/* Growable array of `elem`-sized items in malloc'd memory. */
PB_HIDDEN int pb_grow(void **items, size_t *cap, size_t elem, size_t need);
#define PB_PUSH(arr, n, cap, val)                                                               \
    (pb_grow((void **)&(arr), &(cap), sizeof(*(arr)), (n) + 1) == 0 ? ((arr)[(n)++] = (val), 0) \
                                                                     : PBLINT_ENOMEM)

/* --------------------------------------------------------------- source */

/* A decoded input: UTF-8 text (BOM removed), its line index, and what the
 * decoder had to do.  Line endings stay in the text (LF, CRLF or CR). */
typedef struct pb_source {
    char *name;            /* as given by the caller (malloc'd) */
    char *text;            /* decoded UTF-8, NUL-terminated (malloc'd) */
    size_t len;
    const char *encoding;  /* static: "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE" */
    bool converted;        /* decoded from something other than UTF-8 */
    uint32_t *line_start;  /* byte offset of each line's first byte (malloc'd) */
    unsigned nlines;
    /* Invalid byte sequences replaced by U+FFFD: how many, and where the
     * first replacement sits in `text`. */
    size_t invalid_count;
    uint32_t first_invalid;
    size_t nul_count;      /* NUL bytes replaced by U+FFFD (counted in invalid_count too) */
} pb_source;

/*
 * Decodes bytes into src.  Accepts UTF-8 with or without BOM, UTF-16 LE/BE
 * with BOM (and without BOM when the NUL pattern is unmistakable), and
 * GB18030/GBK when the bytes are not valid UTF-8 but decode cleanly as
 * GB18030.  Refuses binary input (PNG, ZIP/.docx/.xlsx, OLE2 .doc, PDF,
 * other control-byte-heavy data) with PBLINT_EBINARY and a sentence in err
 * that names the file and says what it is.  Invalid UTF-8 that is not
 * GB18030 is kept, each bad sequence replaced with U+FFFD and counted.
 */
PB_HIDDEN int pb_source_decode(pb_source *src, const char *name, const void *bytes, size_t len,
                               char *err, size_t errsz);
/* The same, for bytes already found to be plain UTF-8 (pb_source_plain()
 * of their decoding): the UTF-8 check is not done again. */
PB_HIDDEN int pb_source_decode_plain(pb_source *src, const char *name, const void *bytes,
                                     size_t len, char *err, size_t errsz);
/* The end of the run of three-byte sequences at p[i], within p[0, end),
 * whose lead byte is in [lo, hi] (ED excluded when no_ed) and whose next two
 * bytes are continuation bytes: a Chinese text, read without a test per
 * byte.  The decoder's UTF-8 check and the normaliser's copied runs use it;
 * on little-endian machines it tests two characters a step. */
static inline bool pb_lead3(unsigned c, unsigned lo, unsigned hi, bool no_ed)
{
    return c - lo <= hi - lo && !(no_ed && c == 0xed);
}

static inline size_t pb_run3(const unsigned char *p, size_t i, size_t end, unsigned lo, unsigned hi,
                             bool no_ed)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (end - i >= 8) { /* the four continuation bytes of [i, i + 6) at once */
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w & 0x0000c0c000c0c000ull) != 0x0000808000808000ull ||
            !pb_lead3(p[i], lo, hi, no_ed) || !pb_lead3(p[i + 3], lo, hi, no_ed))
            break;
        i += 6;
    }
#endif
    while (end - i >= 3 && pb_lead3(p[i], lo, hi, no_ed) &&
           ((p[i + 1] ^ 0x80) | (p[i + 2] ^ 0x80)) < 0x40)
        i += 3;
    return i;
}

/* True when src is its input as it was (but a UTF-8 BOM): UTF-8 with no
 * invalid sequence and no NUL. */
PB_HIDDEN bool pb_source_plain(const pb_source *src);
/* Whether p[0, n) is valid UTF-8 with no NUL (for unit tests: the decoder's
 * fast check, which must agree with its full scan). */
PB_HIDDEN bool pb_utf8_is_clean(const void *p, size_t n);
PB_HIDDEN void pb_source_free(pb_source *src);
/* 1-based line and column of a byte offset (clamped to the text). */
PB_HIDDEN void pb_source_position(const pb_source *src, uint32_t offset, int unit, unsigned *line,
                                  unsigned *col);
/* Span of a 1-based line without its line ending. */
PB_HIDDEN pblint_span pb_source_line(const pb_source *src, unsigned line);
/* Display width of text[start, end) starting at display column `col0`
 * (0-based), with tabs to the next multiple of 8; returns the end column. */
PB_HIDDEN unsigned pb_display_advance(const char *text, size_t start, size_t end, unsigned col0);
/* The display column after code point cp (valid) at column col: the same
 * rule for one character. */
PB_HIDDEN unsigned pb_cp_advance(int32_t cp, unsigned col);

/* ----------------------------------------------------------------- text */

/* A piece of a text's map (see text.c, THE MAP): output bytes from `out`
 * (PB_PIECE_UNIT set: one unit) on, from the source at `src`. */
typedef struct pb_piece {
    uint32_t out, src;
} pb_piece;
#define PB_PIECE_UNIT 0x80000000u

struct pblint_text {
    const char *s;       /* normalised, NUL-terminated */
    const char *key;     /* normalised with all spaces removed */
    const pb_piece *map; /* npieces + 1 pieces, the last {len, end of the last unit's source
                          * (span.start if empty)}; NULL for pb_text_empty_at and for a
                          * verbatim text */
    uint32_t len;
    uint32_t keylen;
    uint32_t npieces;
    uint32_t markup;     /* PB_MARKUP_* seen and removed */
    pblint_span span;    /* raw source span */
};

/* A text with bytes and no map is its source's bytes as they are (see
 * pb_text_make()): its map is implied. */
static inline bool pb_text_verbatim(const pblint_text *t)
{
    return !t->map && t->len > 0;
}

enum {
    PB_MARKUP_TAG = 1u << 0,      /* <p>, </p>, <br/>, <span ...> */
    PB_MARKUP_CHECKBOX = 1u << 1, /* <input type="checkbox"/>: replaced by ☐ / ☑ */
    PB_MARKUP_BOOKMARK = 1u << 2, /* [bookmark: _GoBack] */
    PB_MARKUP_ENTITY = 1u << 3    /* &nbsp; &amp; ... */
};

#define PB_BOX_EMPTY "\xe2\x98\x90"   /* ☐ U+2610 */
#define PB_BOX_CHECKED "\xe2\x98\x91" /* ☑ U+2611 */

/*
 * Builds the normalised view of src->text[span]: HTML leftovers removed
 * (checkbox inputs become ☐/☑, mapped to the whole tag), NFKC applied code
 * point by code point (full-width digits/letters/punctuation, ideographic
 * space), every run of white space folded into one ASCII space, leading and
 * trailing space trimmed.  All memory comes from the arena.
 */
PB_HIDDEN int pb_text_make(pb_arena *a, const pb_source *src, pblint_span span, pblint_text *out);
/* An empty text positioned at `at` (a blank cell). */
PB_HIDDEN void pb_text_empty_at(pblint_text *out, uint32_t at);
/* map[k] of THE MAP (text.c), for k <= t->len (for the unit tests) */
PB_HIDDEN uint32_t pb_text_map_at(const pblint_text *t, size_t k);
/* NFKC + space removal of a plain C string into buf (for alias tables);
 * returns the length, or -1 if buf is too small. */
PB_HIDDEN int pb_key_of(const char *s, size_t len, char *buf, size_t bufsz);

/* ----------------------------------------------------------------- grid */

/* "Text -> rows and cells": the layout-level reading of the source, kept
 * separate from the model so that a .docx/.xlsx reader can produce the
 * same grid. */
typedef enum pb_line_layout {
    PB_LAYOUT_BLANK = 0, /* an empty (or all-space) line */
    PB_LAYOUT_PROSE,     /* a line with no tab: running text or a "label：value" */
    PB_LAYOUT_TABS,      /* one row, cells separated by tabs */
    PB_LAYOUT_CELL_LINES /* one cell per line, each with a leading tab; rows end at a blank line */
} pb_line_layout;

typedef struct pb_grid_row {
    int layout;          /* pb_line_layout */
    unsigned first_line; /* 1-based */
    unsigned last_line;
    pblint_span extent;  /* whole lines, line endings included */
    pblint_span *cells;  /* raw cell spans (tabs excluded); prose: one cell = the line */
    size_t ncells;       /* trailing empty cells are dropped */
    bool leading_tab;    /* TABS layout: the line starts with a tab (first cell empty) */
} pb_grid_row;

typedef struct pb_grid {
    pb_grid_row *rows;
    size_t nrows;
} pb_grid;

PB_HIDDEN int pb_grid_read(const pb_source *src, pb_arena *a, pb_grid *out);

/* ---------------------------------------------------------------- model */

typedef struct pb_choice {
    pblint_text label;
    bool checked;
    pblint_span box;
} pb_choice;

struct pblint_cell {
    pblint_text text;
    /* Quantities get a value of their own; plain text and blank cells share
     * the doc's constant TEXT/EMPTY values (whose spans are empty: use the
     * cell text's span), which keeps big tables small. */
    const pblint_value *value;
    pb_choice *choices;
    uint32_t nchoices;
    int16_t role; /* pblint_column_role */
    bool inherited;
};

struct pblint_row {
    int kind;
    pblint_span span;
    pblint_span extent;
    unsigned depth;
    long parent;
    pblint_cell *cells;
    size_t ncells;
    /* 1 + the index in cells of each role's cell, 0 for none (a cell past
     * index 65534 has no role: no header has that many columns) */
    uint16_t by_role[PBLINT_COL__COUNT];
};

static inline const pblint_cell *pb_row_role(const pblint_row *r, int role)
{
    return r->by_role[role] ? &r->cells[r->by_role[role] - 1] : NULL;
}

static inline void pb_row_set_role(pblint_row *r, int role, const pblint_cell *c)
{
    size_t i = (size_t)(c - r->cells);
    r->by_role[role] = i < UINT16_MAX ? (uint16_t)(i + 1) : 0;
}

struct pblint_table {
    int kind;
    pblint_span span;
    size_t section;
    int money_unit;
    bool has_col[PBLINT_COL__COUNT];
    pblint_row *rows;
    size_t nrows, cap;
};

struct pblint_field {
    const char *key;
    pblint_text label;
    pblint_text text;
    pblint_value value;
    size_t section;
    pb_choice *choices;
    size_t nchoices;
};

struct pblint_section {
    pblint_text title;
    int year;
    pblint_span year_span;
    int money_unit;
    pblint_span unit_span;
};

typedef struct pb_para {
    const pblint_text *text;
    const char *field_key;
    const struct pblint_field *field; /* the field whose value this is, or NULL */
    size_t section;
} pb_para;

struct pblint_doc {
    pb_source src;
    pb_arena arena;
    /* the fields side by side, and the cells with their values: many rules
     * walk every field or every row of a big filing, and these spread among
     * the texts cost a cache miss each */
    pb_arena field_arena;
    pb_arena cell_arena;
    int kind;
    pblint_section **sections;
    size_t nsections, sections_cap;
    pblint_field **fields;
    size_t nfields, fields_cap;
    pblint_table **tables;
    size_t ntables, tables_cap;
    pb_para *paras;
    size_t nparas, paras_cap;
    /* the first field of each distinct key, for pblint_doc_field() */
    pblint_field **first_of_key;
    size_t nkeys, keys_cap;
    int year;
    pblint_span year_span;
    int money_unit;
    /* false while only the source is read: pblint_lint() in isolation
     * leaves the model to the worker and builds it here only when asked */
    bool model_built;
};

/* Builds doc's model now if it was not built (silently: its parse/...
 * findings were reported by whoever linted the file).  Every accessor of
 * the model calls it, so a doc from any path answers the same questions. */
PB_HIDDEN void pb_doc_need_model(const pblint_doc *doc);
/* Where key is, or would go, in doc->first_of_key (kept in strcmp() order
 * of the keys); *found says whether it is there. */
PB_HIDDEN size_t pb_doc_key_pos(const pblint_doc *doc, const char *key, bool *found);

PB_HIDDEN extern const pblint_value pb_value_text;
PB_HIDDEN extern const pblint_value pb_value_empty;

/* ---------------------------------------------------------- diagnostics */

typedef struct pb_note {
    pblint_span span;
    char *message;
} pb_note;

typedef struct pb_fixit {
    pblint_span span;
    char *text;
} pb_fixit;

struct pblint_diag {
    int severity;
    const char *rule; /* copied into the doc arena: a result outlives its context */
    char *message;
    pblint_span span;
    pb_note *notes;
    size_t nnotes, notes_cap;
    pb_fixit *fixits;
    size_t nfixits, fixits_cap;
    uint32_t seq; /* emission order: the last sort key, for stability */
};

typedef struct pb_shared {
    const void *key;
    void *data;
    void (*free_fn)(void *);
} pb_shared;

struct pblint_result {
    pblint_doc *doc;
    pblint_diag **diags;
    size_t ndiags, diags_cap;
    bool sorted;
    /* pblint_check_set_shared(): the plugins' per-document data, freed by
     * pb_result_drop_shared() when the checks are over */
    pb_shared *shared;
    size_t nshared, shared_cap;
};

PB_HIDDEN void pb_result_drop_shared(pblint_result *res);

/* Creates an empty diagnostic in res (memory from the doc's arena). */
PB_HIDDEN pblint_diag *pb_diag_new(pblint_result *res, const char *rule, int severity,
                                   pblint_span span, const char *fmt, va_list ap);
/* The same from counted strings, copied as they are (no format): what the
 * isolation host rebuilds from a worker's records. */
PB_HIDDEN pblint_diag *pb_diag_new_n(pblint_result *res, const char *rule, size_t rule_len,
                                     int severity, pblint_span span, const char *message,
                                     size_t message_len);
PB_HIDDEN int pb_diag_add_note_n(pblint_diag *d, pblint_span span, const char *message, size_t len);
/* Sorts res->diags by (start, end, severity desc, rule, message, seq). */
PB_HIDDEN void pb_result_sort(pblint_result *res);

/* ------------------------------------------------------------ contexts */

typedef struct pb_option {
    char *key;
    char *value;
} pb_option;

/* Whatever changes a rule's severity, severity_set, check, data or options
 * (or adds a rule) calls pb_rules_changed(): the rule state a worker was
 * sent is reused until then (see ctx.c). */
typedef struct pb_rule {
    char *id;            /* "plugin/rule" (malloc'd) */
    const char *plugin;  /* the plugin's name (owned by pb_plugin) */
    char *summary;       /* copied */
    int default_severity;
    int severity;        /* in force */
    bool severity_set;   /* set by configuration: wins over per-finding hints */
    unsigned flags;
    pblint_check_fn check; /* NULL for the reader's built-in rules */
    size_t plugin_index;
    pb_option *options;
    size_t noptions, options_cap;
    void *data;          /* internal rules (policy/...): what the check runs; not owned */
    uint64_t time_ns;    /* time in check(), summed over files (when timing is on) */
    uint64_t time_calls; /* files it was run on */
} pb_rule;

typedef struct pb_plugin {
    char *path;
    char *name;
    char *version;
    char *summary;
    void *handle; /* dlopen handle, NULL for built-in groups */
    bool from_config; /* loaded because a configuration file named it */
} pb_plugin;

/* A file started with pblint_lint_start() and not yet finished: its decoded
 * source and the decoder's findings, the bytes and the rule state it was
 * started with (kept to ask again after a worker failed), and whether the
 * live worker has it.  The worker answers in the order it was asked. */
typedef struct pb_pending {
    pblint_result *res;
    char *bytes; /* owned unless borrowed */
    size_t len;
    bool borrowed;
    struct pb_state *state; /* the rule state when it started; NULL: linted in-process */
    int failed_sev; /* core/plugin-failed's severity when it started */
    bool sent;      /* the live worker has it */
} pb_pending;

struct pblint_ctx {
    pb_plugin *plugins;
    size_t nplugins, plugins_cap;
    pb_rule *rules;
    size_t nrules, rules_cap;
    char error[2048];
    bool isolate;              /* run plugin checks in a child process */
    unsigned check_timeout_ms; /* per rule, in the child; 0 = none */
    /* the worker process that runs the checks (0: none yet), the pipes to
     * it, and a digest of the rule state it was forked with */
    int worker_pid;
    int worker_req, worker_res;
    uint64_t worker_state;
    /* the rule state: changed each time a rule is (pb_rules_changed()); the
     * last one serialised (put_state()), and the one the worker was sent
     * last, which a request may then leave out */
    uint64_t rules_gen;
    struct pb_state *state, *worker_has;
    struct pb_worker_shm *worker_shm; /* shared with the worker: see ctx.c */
    size_t worker_shm_size;
    char *answer; /* the buffer the worker's answers are read into */
    size_t answer_cap, answer_n, answer_off; /* read so far; parsed so far */
    size_t req_pipe_cap; /* what the pipe to the worker holds */
    pb_pending pending[PBLINT_LINT_QUEUE]; /* files in flight, a ring */
    size_t plugin_failed; /* index of core/plugin-failed in rules (built in: fixed) */
    size_t pending_head, npending;
    /* pblint_ctx_set_timing(): time per phase (PBLINT_PHASE_...), summed */
    bool timing;
    uint64_t phase_ns[PBLINT_PHASE__COUNT];
    uint64_t phase_calls[PBLINT_PHASE__COUNT];
};

struct pblint_check {
    pblint_ctx *ctx;
    pb_rule *rule;
    pblint_result *res;
};

PB_HIDDEN void pb_ctx_seterr(pblint_ctx *ctx, const char *fmt, ...) PBLINT_PRINTF(2, 3);
static inline void pb_rules_changed(pblint_ctx *ctx)
{
    ctx->rules_gen++;
}
PB_HIDDEN pb_rule *pb_ctx_rule(pblint_ctx *ctx, const char *id);
/* The severity a finding of rule reported at sev gets (OFF: dropped). */
PB_HIDDEN int pb_rule_severity(const pb_rule *rule, int sev);

/* Reports a finding of one of the reader's built-in rules ("parse/..."),
 * honouring the severity configured in ctx (dropped when off). */
PB_HIDDEN pblint_diag *pb_emit(pblint_ctx *ctx, pblint_result *res, const char *rule_id, int sev,
                               pblint_span span, const char *fmt, ...) PBLINT_PRINTF(6, 7);

/* ---------------------------------------------- configuration support */

/* The built-in group of the rules declared by a configuration's policies. */
#define PB_POLICY_GROUP "policy"

/*
 * Registers an internal rule GROUP/NAME of a built-in group (created on
 * demand), or, when it exists, updates its summary, default severity, check
 * and data.  Returns the rule's index, or a negative PBLINT_E* code.
 */
PB_HIDDEN long pb_ctx_add_internal_rule(pblint_ctx *ctx, const char *group, const char *name,
                                        const char *summary, int severity, pblint_check_fn check,
                                        void *data);

/* Builds doc's model from its source; reports the reader's parse/...
 * findings into res with ctx's severities, or nothing when res is NULL. */
PB_HIDDEN int pb_model_build(pblint_ctx *ctx, pblint_result *res, pblint_doc *doc);

#endif /* PBLINT_INTERNAL_H */

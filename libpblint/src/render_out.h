/*
 * Helpers shared by the machine-readable renderers (render_json.c,
 * render_sarif.c, render_github.c) and the log that assembles them.
 * Private to the library, like internal.h.
 */
#ifndef PBLINT_RENDER_OUT_H
#define PBLINT_RENDER_OUT_H

#include "internal.h"

#include <jansson.h>

/* A position as the machine formats give it: 1-based line, 1-based column
 * in Unicode code points, and 1-based byte column. */
typedef struct pb_pos {
    unsigned line;
    unsigned column;
    unsigned byte_column;
} pb_pos;

/*
 * The position of a byte offset of src's text.  An offset inside a UTF-8
 * sequence moves to the end of that character.  With exact false (spans
 * of diagnostics and notes) it is the position the text renderer prints:
 * offsets inside a line ending, or at the end of a text that ends with
 * one, are put at the end of the line's text.  With exact true (fix-it
 * edits) nothing is clamped: an offset after a line break is column 1 of
 * the next line, even past the last line, so that applying the edit by
 * line and column removes what it should.
 */
PB_HIDDEN void pb_out_pos(const pb_source *src, uint32_t off, bool exact, pb_pos *out);

/* True when byte offsets into src's text are byte offsets into the file
 * itself, apart from a UTF-8 BOM (*bom gets its length): neither converted
 * from another encoding nor repaired. */
PB_HIDDEN bool pb_out_bytes_match(const pb_source *src, uint32_t *bom);

/* Length of the valid UTF-8 sequence at s[0, avail) (avail >= 1), or 0. */
PB_HIDDEN size_t pb_utf8_valid_len(const unsigned char *s, size_t avail);
/* Bytes of the invalid sequence at s[0, avail) that one U+FFFD replaces: a
 * lead byte and the continuation bytes that follow it, up to the length it
 * announces (a truncated character is one U+FFFD), else one byte. */
PB_HIDDEN size_t pb_utf8_bad_len(const unsigned char *s, size_t avail);

/* A JSON string of s[0, n), invalid UTF-8 replaced by U+FFFD.  NULL only on
 * out of memory. */
PB_HIDDEN json_t *pb_json_strn(const char *s, size_t n);
PB_HIDDEN json_t *pb_json_str(const char *s);

/* Sets obj[key] = v, taking the reference; false when v is NULL (out of
 * memory) or the set failed. */
PB_HIDDEN bool pb_json_set(json_t *obj, const char *key, json_t *v);
PB_HIDDEN bool pb_json_push(json_t *arr, json_t *v);

/* Writes v on one line (", " and ": " separators) and drops the
 * reference; returns 0, PBLINT_ENOMEM (v is NULL) or PBLINT_EIO. */
PB_HIDDEN int pb_json_write(FILE *out, json_t *v);
/* Writes `indent` spaces, then "KEY": V (one line), dropping v. */
PB_HIDDEN int pb_json_member(FILE *out, unsigned indent, const char *key, json_t *v);

PB_HIDDEN const char *pb_out_level(int sev); /* "error", "warning", "note" */
PB_HIDDEN bool pb_out_options_ok(const pblint_output_options *o);

/* Whether a diagnostic is written, given the options. */
PB_HIDDEN bool pb_out_shown(const pblint_diag *d, const pblint_output_options *o);

/* A file the log records as not linted. */
typedef struct pb_failure {
    char *path;
    char *message;
} pb_failure;

/* SARIF parts of the log (render_sarif.c): everything before the first
 * result, and everything after the last. */
PB_HIDDEN int pb_sarif_head(FILE *out, const pblint_log_options *o);
PB_HIDDEN int pb_sarif_tail(FILE *out, size_t nresults, const pb_failure *fails, size_t nfail);

/* Indentation of the items of the JSON log's "files" and of the SARIF
 * log's runs[0].results. */
#define PB_JSON_ITEM_INDENT 4u
#define PB_JSON_DIAG_INDENT 8u
#define PB_SARIF_RESULT_INDENT 8u

#endif /* PBLINT_RENDER_OUT_H */

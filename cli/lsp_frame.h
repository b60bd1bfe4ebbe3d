/*
 * The editor server's transport (lsp_frame.c): JSON-RPC messages framed by
 * "Content-Length: N\r\n\r\n" headers, read from any byte source.
 *
 * A frame is header lines ("Name: value", ending in "\r\n" or "\n"), an
 * empty line, then exactly Content-Length bytes of body.  Headers other
 * than Content-Length (Content-Type, ...) are read and ignored; empty lines
 * before the first header are skipped.  A frame that cannot be read is
 * reported with its reason, and the next read skips to the next
 * "Content-Length:" (in any case, wherever it starts).  The result depends
 * only on the bytes, never on how the source splits them into reads.
 */
#ifndef PBLINT_CLI_LSP_FRAME_H
#define PBLINT_CLI_LSP_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LSP_MAX_BODY (64u * 1024u * 1024u) /* bytes in one message */
#define LSP_MAX_LINE 8192u                 /* bytes in one header line, without its "\r\n" */
#define LSP_MAX_HEADERS 32                 /* header lines in one frame */
#define LSP_FRAME_WHY 256                  /* room enough for every reason */

/* The byte source: reads at most n bytes into buf and returns how many
 * (> 0), or 0 at the end of the input (< 0, an error, counts as the end; a
 * source retries EINTR itself).  It may return fewer bytes than asked. */
typedef ssize_t (*lsp_read_fn)(void *ud, void *buf, size_t n);

typedef struct lsp_reader lsp_reader;

typedef enum lsp_frame_status {
    LSP_FRAME_OK,    /* *body (NUL-terminated, the caller frees it) and *len */
    LSP_FRAME_EOF,   /* end of input; why is "" between frames, else says where it ended */
    LSP_FRAME_BAD,   /* why says what was wrong; the next read skips to the next frame */
    LSP_FRAME_NOMEM, /* no memory for the body: the reader cannot go on */
} lsp_frame_status;

/* A reader of frames from read(ud, ...); NULL when out of memory. */
lsp_reader *lsp_reader_new(lsp_read_fn read, void *ud);
void lsp_reader_free(lsp_reader *r);

/* True when nothing is buffered and the input has not ended: the next
 * lsp_read_frame() will call the source (and may wait for it). */
bool lsp_reader_idle(const lsp_reader *r);

/* Reads the next frame.  On LSP_FRAME_OK, *body and *len are set; on any
 * other status *body is NULL.  why (whysz bytes, LSP_FRAME_WHY is enough)
 * always holds a sentence, "" when there is nothing to say.  After
 * LSP_FRAME_EOF or LSP_FRAME_NOMEM every further read returns
 * LSP_FRAME_EOF. */
lsp_frame_status lsp_read_frame(lsp_reader *r, char **body, size_t *len, char *why, size_t whysz);

#endif

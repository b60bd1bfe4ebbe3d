/*
 * The editor server's transport: Content-Length framing over a byte
 * source (lsp_frame.h).  No I/O of its own: the source is a callback, so
 * the server reads its stdin with it and the tests and the fuzzer feed it
 * bytes in whatever pieces they like.
 */
#include "lsp_frame.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LSP_BUF (64u * 1024u)

struct lsp_reader {
    lsp_read_fn read;
    void *ud;
    size_t pos, len;
    bool eof;    /* the source has ended */
    bool resync; /* the last frame was bad: skip to the next "Content-Length:" */
    bool done;   /* LSP_FRAME_EOF was returned */
    char buf[LSP_BUF];
};

lsp_reader *lsp_reader_new(lsp_read_fn read, void *ud)
{
    lsp_reader *r = calloc(1, sizeof *r); /* 64 KiB: not on the stack */
    if (!r)
        return NULL;
    r->read = read;
    r->ud = ud;
    return r;
}

void lsp_reader_free(lsp_reader *r)
{
    free(r);
}

bool lsp_reader_idle(const lsp_reader *r)
{
    return r->pos == r->len && !r->eof;
}

/* Calls the source for at most n bytes into p; false at the end of input. */
static bool rd_source(lsp_reader *r, char *p, size_t n, size_t *got)
{
    if (r->eof)
        return false;
    ssize_t k = r->read(r->ud, p, n);
    if (k <= 0) {
        r->eof = true; /* end of input, or an error reading it */
        return false;
    }
    *got = (size_t)k > n ? n : (size_t)k;
    return true;
}

/* Reads more input behind what is buffered (moving the unread bytes to the
 * front first).  Returns the number of bytes added, 0 at end of input. */
static size_t rd_more(lsp_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->len == sizeof r->buf)
        return 0; /* callers never let the buffer fill */
    size_t n;
    if (!rd_source(r, r->buf + r->len, sizeof r->buf - r->len, &n))
        return 0;
    r->len += n;
    return n;
}

/* The next line (without "\n" or "\r\n") in *start (an index into buf) and
 * *len; the reader moves past it.  Returns 1, 0 at end of input, -1 for a
 * line longer than LSP_MAX_LINE (the reader stays at its start).  A line is
 * too long as soon as no "\n" can make it short enough: LSP_MAX_LINE + 1
 * bytes are still waited on when the last is a "\r". */
static int rd_line(lsp_reader *r, size_t *start, size_t *len)
{
    size_t scanned = 0;
    for (;;) {
        char *nl = memchr(r->buf + r->pos + scanned, '\n', r->len - r->pos - scanned);
        if (nl) {
            size_t end = (size_t)(nl - r->buf);
            *start = r->pos;
            *len = end - r->pos;
            if (*len > 0 && r->buf[end - 1] == '\r')
                (*len)--;
            if (*len > LSP_MAX_LINE)
                return -1;
            r->pos = end + 1;
            return 1;
        }
        scanned = r->len - r->pos;
        if (scanned > LSP_MAX_LINE + 1 ||
            (scanned == LSP_MAX_LINE + 1 && r->buf[r->len - 1] != '\r')) {
            *start = r->pos;
            return -1;
        }
        if (rd_more(r) == 0)
            return 0;
    }
}

/* Skips to the next "Content-Length:" (any case).  Returns false at the end
 * of input. */
static bool rd_resync(lsp_reader *r)
{
    static const char pat[] = "content-length:";
    const size_t pl = sizeof pat - 1;
    for (;;) {
        while (r->pos + pl <= r->len) {
            if ((r->buf[r->pos] == 'c' || r->buf[r->pos] == 'C') &&
                strncasecmp(r->buf + r->pos, pat, pl) == 0)
                return true;
            r->pos++;
        }
        if (rd_more(r) == 0)
            return false;
    }
}

/* Reads n bytes into a new buffer (NUL-terminated) in *body.  Returns
 * LSP_FRAME_OK, LSP_FRAME_EOF (why says how much came) or LSP_FRAME_NOMEM. */
static lsp_frame_status rd_body(lsp_reader *r, size_t n, char **body, char *why, size_t whysz)
{
    char *b = malloc(n + 1);
    if (!b) {
        snprintf(why, whysz, "no memory for a message of %zu bytes", n);
        return LSP_FRAME_NOMEM;
    }
    size_t have = r->len - r->pos < n ? r->len - r->pos : n;
    memcpy(b, r->buf + r->pos, have);
    r->pos += have;
    while (have < n) {
        size_t k;
        if (!rd_source(r, b + have, n - have, &k)) {
            snprintf(why, whysz, "the input ended after %zu of the %zu bytes of a message", have,
                     n);
            free(b);
            return LSP_FRAME_EOF;
        }
        have += k;
    }
    b[n] = '\0';
    *body = b;
    return LSP_FRAME_OK;
}

static bool is_token(const char *p, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c <= ' ' || c >= 0x7f || strchr("\"(),/:;<=>?@[\\]{}", c))
            return false;
    }
    return true;
}

/* Reads the headers of a frame; returns LSP_FRAME_OK with the length in
 * *clen, or the status to return, why filled in. */
static lsp_frame_status rd_headers(lsp_reader *r, size_t *clen, char *why, size_t whysz)
{
    long long found = -1;
    int nheaders = 0;
    for (;;) {
        size_t ls, ll;
        int lr = rd_line(r, &ls, &ll);
        if (lr == 0) {
            if (nheaders > 0 || r->pos < r->len)
                snprintf(why, whysz, "the input ended inside a frame's header");
            return LSP_FRAME_EOF;
        }
        if (lr < 0) {
            snprintf(why, whysz, "a header line is longer than %u bytes", LSP_MAX_LINE);
            r->pos = ls + 1; /* the next frame may start inside it */
            return LSP_FRAME_BAD;
        }
        const char *line = r->buf + ls;
        if (ll == 0) {
            if (nheaders == 0)
                continue; /* a stray line break between messages */
            break;
        }
        if (++nheaders > LSP_MAX_HEADERS) {
            snprintf(why, whysz, "more than %d header lines", LSP_MAX_HEADERS);
            return LSP_FRAME_BAD;
        }
        const char *colon = memchr(line, ':', ll);
        if (!colon || !is_token(line, (size_t)(colon - line))) {
            snprintf(why, whysz, "malformed header line '%.*s' (expected 'Name: value')",
                     ll > 60 ? 60 : (int)ll, line);
            r->pos = ls + 1; /* the next frame may start inside this line */
            return LSP_FRAME_BAD;
        }
        size_t nl = (size_t)(colon - line);
        if (nl != 14 || strncasecmp(line, "Content-Length", 14) != 0)
            continue; /* Content-Type and any other header: read, not used */
        const char *v = colon + 1, *ve = line + ll;
        while (v < ve && (*v == ' ' || *v == '\t'))
            v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
        int vl = (int)(ve - v > 40 ? 40 : ve - v); /* as much of it as a message shows */
        long long n = 0;
        bool ok = v < ve;
        bool big = false;
        for (const char *p = v; p < ve && ok; p++) {
            if (!isdigit((unsigned char)*p))
                ok = false;
            else if (!big && (n = n * 10 + (*p - '0')) > (long long)LSP_MAX_BODY)
                big = true;
        }
        if (!ok) {
            snprintf(why, whysz, "invalid Content-Length '%.*s'", vl, v);
            return LSP_FRAME_BAD;
        }
        if (big) {
            snprintf(why, whysz, "Content-Length %.*s is more than the %u bytes a message may have",
                     vl, v, LSP_MAX_BODY);
            return LSP_FRAME_BAD;
        }
        if (found >= 0 && found != n) {
            snprintf(why, whysz, "two different Content-Length headers");
            return LSP_FRAME_BAD;
        }
        found = n;
    }
    if (found < 0) {
        snprintf(why, whysz, "no Content-Length header");
        return LSP_FRAME_BAD;
    }
    *clen = (size_t)found;
    return LSP_FRAME_OK;
}

lsp_frame_status lsp_read_frame(lsp_reader *r, char **body, size_t *len, char *why, size_t whysz)
{
    *body = NULL;
    *len = 0;
    if (whysz > 0)
        why[0] = '\0';
    if (r->done)
        return LSP_FRAME_EOF;
    if (r->resync) {
        if (!rd_resync(r)) {
            r->done = true;
            return LSP_FRAME_EOF;
        }
        r->resync = false;
    }
    size_t clen = 0;
    lsp_frame_status st = rd_headers(r, &clen, why, whysz);
    if (st == LSP_FRAME_OK)
        st = rd_body(r, clen, body, why, whysz);
    if (st == LSP_FRAME_OK)
        *len = clen;
    else if (st == LSP_FRAME_BAD)
        r->resync = true;
    else
        r->done = true; /* LSP_FRAME_EOF, or LSP_FRAME_NOMEM inside a frame */
    return st;
}

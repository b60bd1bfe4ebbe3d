/*
 * libFuzzer harness: the editor server's frame parser (cli/lsp_frame.c).
 *
 * The input is the byte stream a client sends to `pblint lsp`.  It is read
 * frame by frame to the end four times: handed over as the reader asks (all
 * of it at once), one byte a read, in pieces of 1 to 64 bytes chosen from
 * the input's hash, and at once again with a read error instead of the end
 * and no room for reasons.  Besides the sanitizers' findings, the harness
 * traps on broken promises of lsp_frame.h: a result that depends on the
 * pieces, a body that is not the bytes just before where the reader stopped
 * or is not NUL-terminated, a body on a failure, a reason that is not one of
 * the server's sentences or does not fit, a read that does not move on, a
 * read of the source after its end was seen, a reader that is not at its
 * end after LSP_FRAME_EOF.
 */
#include "lsp_frame.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "fuzz_lsp_frame: broken promise: %s (%s:%d)\n", #cond, __FILE__,      \
                    __LINE__);                                                                    \
            abort();                                                                              \
        }                                                                                         \
    } while (0)

typedef struct source {
    const uint8_t *data;
    size_t len, pos;
    size_t step;   /* > 0: at most this many bytes a read */
    uint32_t seed; /* != 0: pieces of 1..64 bytes from this */
    ssize_t end;   /* what a read returns at the end: 0 or -1 */
    int after_end; /* reads after the end */
} source;

static ssize_t src_read(void *ud, void *buf, size_t n)
{
    source *s = ud;
    CHECK(n > 0);
    if (s->pos == s->len) {
        s->after_end++;
        return s->end;
    }
    size_t k = s->len - s->pos < n ? s->len - s->pos : n;
    if (s->step && k > s->step)
        k = s->step;
    if (s->seed) {
        s->seed = s->seed * 1103515245u + 12345u;
        size_t piece = 1 + (s->seed >> 16) % 64;
        if (k > piece)
            k = piece;
    }
    memcpy(buf, s->data + s->pos, k);
    s->pos += k;
    return (ssize_t)k;
}

/* One read's result, to compare the ways of reading. */
typedef struct result {
    lsp_frame_status st;
    size_t len;
    char *body;
    char why[LSP_FRAME_WHY];
} result;

typedef struct results {
    result *r;
    size_t n, cap;
} results;

static const char *const reasons[] = {
    "a header line is longer than 8192 bytes",
    "more than 32 header lines",
    "malformed header line '",
    "invalid Content-Length '",
    "Content-Length ",
    "two different Content-Length headers",
    "no Content-Length header",
};

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void check_why(lsp_frame_status st, const char *why)
{
    CHECK(memchr(why, '\0', LSP_FRAME_WHY) != NULL);
    switch (st) {
    case LSP_FRAME_OK:
        CHECK(why[0] == '\0');
        break;
    case LSP_FRAME_BAD: {
        bool known = false;
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
            known = known || starts(why, reasons[i]);
        CHECK(known);
        if (starts(why, "Content-Length "))
            CHECK(strstr(why, " is more than the 67108864 bytes a message may have") != NULL);
        break;
    }
    case LSP_FRAME_EOF:
        CHECK(why[0] == '\0' || strcmp(why, "the input ended inside a frame's header") == 0 ||
              starts(why, "the input ended after "));
        break;
    case LSP_FRAME_NOMEM:
        CHECK(!"no memory for a body the input can hold");
        break;
    }
}

/* Reads src to the end; keeps the results in out when given, else compares
 * them with ref (the statuses only when room is false). */
static void read_all(source *src, results *out, const results *ref, bool room)
{
    lsp_reader *r = lsp_reader_new(src_read, src);
    CHECK(r != NULL);
    CHECK(lsp_reader_idle(r));
    /* every frame but the last moves on by a byte at least */
    size_t limit = src->len + 2, i = 0;
    for (;; i++) {
        CHECK(i < limit);
        result res;
        memset(res.why, 0x55, sizeof res.why);
        res.body = (char *)&res; /* must be overwritten */
        res.len = 1;
        res.st = room ? lsp_read_frame(r, &res.body, &res.len, res.why, sizeof res.why)
                      : lsp_read_frame(r, &res.body, &res.len, NULL, 0);
        if (res.st == LSP_FRAME_OK) {
            CHECK(res.body != NULL);
            CHECK(res.len <= LSP_MAX_BODY && res.len <= src->pos);
            CHECK(res.body[res.len] == '\0');
            if (src->step == 1) { /* the body is what came last */
                CHECK(memcmp(res.body, src->data + src->pos - res.len, res.len) == 0);
                CHECK(src->pos > res.len && src->data[src->pos - res.len - 1] == '\n');
            }
        } else {
            CHECK(res.body == NULL && res.len == 0);
        }
        if (room)
            check_why(res.st, res.why);
        if (out) {
            if (out->n == out->cap) {
                out->cap = out->cap ? 2 * out->cap : 16;
                out->r = realloc(out->r, out->cap * sizeof *out->r);
                CHECK(out->r != NULL);
            }
            out->r[out->n++] = res;
        } else {
            CHECK(i < ref->n);
            const result *w = &ref->r[i];
            CHECK(res.st == w->st);
            CHECK(res.len == w->len);
            if (res.st == LSP_FRAME_OK)
                CHECK(memcmp(res.body, w->body, res.len) == 0);
            if (room)
                CHECK(strcmp(res.why, w->why) == 0);
            free(res.body);
        }
        if (res.st != LSP_FRAME_OK && res.st != LSP_FRAME_BAD)
            break;
    }
    if (ref)
        CHECK(i + 1 == ref->n);
    CHECK(src->after_end <= 1);
    CHECK(!lsp_reader_idle(r));
    /* at the end it stays there */
    char *body = (char *)&body;
    size_t len = 1;
    char why[LSP_FRAME_WHY];
    CHECK(lsp_read_frame(r, &body, &len, why, sizeof why) == LSP_FRAME_EOF);
    CHECK(body == NULL && len == 0 && why[0] == '\0');
    CHECK(src->after_end <= 1);
    lsp_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u; /* FNV-1a: the pieces depend on the input */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;

    results ref = {0};
    source whole = {.data = data, .len = size};
    read_all(&whole, &ref, NULL, true);
    source bytes = {.data = data, .len = size, .step = 1};
    read_all(&bytes, NULL, &ref, true);
    source pieces = {.data = data, .len = size, .seed = h | 1};
    read_all(&pieces, NULL, &ref, true);
    source failing = {.data = data, .len = size, .end = -1};
    read_all(&failing, NULL, &ref, false);

    for (size_t i = 0; i < ref.n; i++)
        free(ref.r[i].body);
    free(ref.r);
    return 0;
}

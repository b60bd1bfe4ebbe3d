/* Bump allocator for per-document memory, and a growable-array helper. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

struct pb_chunk {
    pb_chunk *next;
    size_t used, size;
    max_align_t data[];
};

#define PB_CHUNK_MIN (64u * 1024u)

void *pb_alloc(pb_arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    pb_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > PB_CHUNK_MIN / 2 ? size : PB_CHUNK_MIN;
        pb_chunk *n = malloc(sizeof(pb_chunk) + want);
        if (!n)
            return NULL;
        n->used = 0;
        n->size = want;
        if (c && size > PB_CHUNK_MIN / 2) {
            /* A big block gets its own chunk behind the current one, so the
             * current chunk's free space is not wasted. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *pb_strndup(pb_arena *a, const char *s, size_t n)
{
    char *p = pb_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *pb_vsprintf(pb_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *p = pb_alloc(a, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *pb_sprintf(pb_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = pb_vsprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void pb_arena_free(pb_arena *a)
{
    pb_chunk *c = a->head;
    while (c) {
        pb_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

int pb_grow(void **items, size_t *cap, size_t elem, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / elem)
        return PBLINT_ENOMEM;
    void *p = realloc(*items, ncap * elem);
    if (!p)
        return PBLINT_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

/* Bump allocator for per-document memory, and a growable-array helper. */
#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

struct pb_chunk {
    pb_chunk *next;
    size_t used, size;
    max_align_t data[];
};

#define PB_CHUNK_MIN (64u * 1024u)

/*
 * Chunks of the common size are kept, per thread, for the next document:
 * freeing a document's chunks and taking them again from the system cost
 * a page fault per 4 KiB each time (glibc gives such memory back at once),
 * a tenth of building a model.  At most PB_SPARE_MAX chunks (4 MiB) are
 * kept per thread, and freed when the thread ends.
 */
#define PB_SPARE_MAX 64u

typedef struct pb_spares {
    pb_chunk *head;
    unsigned n;
} pb_spares;

static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static bool spare_ok;

static void spares_free(void *p)
{
    pb_spares *sp = p;
    while (sp->head) {
        pb_chunk *n = sp->head->next;
        free(sp->head);
        sp->head = n;
    }
    free(sp);
}

static void spare_init(void)
{
    spare_ok = pthread_key_create(&spare_key, spares_free) == 0;
}

static pb_spares *spares(bool create)
{
    pthread_once(&spare_once, spare_init);
    if (!spare_ok)
        return NULL;
    pb_spares *sp = pthread_getspecific(spare_key);
    if (!sp && create && (sp = calloc(1, sizeof *sp)) != NULL &&
        pthread_setspecific(spare_key, sp) != 0) {
        free(sp);
        sp = NULL;
    }
    return sp;
}

void *pb_alloc(pb_arena *a, size_t size)
{
    void *p = pb_alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *pb_alloc_raw(pb_arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    pb_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > PB_CHUNK_MIN / 2 ? size : PB_CHUNK_MIN;
        pb_spares *sp = want == PB_CHUNK_MIN ? spares(false) : NULL;
        pb_chunk *n;
        if (sp && sp->head) {
            n = sp->head;
            sp->head = n->next;
            sp->n--;
        } else if (!(n = malloc(sizeof(pb_chunk) + want))) {
            return NULL;
        }
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
    return p;
}

char *pb_strndup(pb_arena *a, const char *s, size_t n)
{
    char *p = pb_alloc_raw(a, n + 1); /* written whole below */
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Formats once into a buffer on the stack and copies what fits (most
 * messages); a longer one is formatted again at its size.  A message that
 * is one "%s" (a plugin's own text) is copied as it is. */
char *pb_vsprintf(pb_arena *a, const char *fmt, va_list ap)
{
    if (fmt[0] == '%' && fmt[1] == 's' && fmt[2] == '\0') {
        va_list ap2;
        va_copy(ap2, ap);
        const char *s = va_arg(ap2, const char *);
        va_end(ap2);
        if (!s)
            s = "(null)"; /* as glibc prints it */
        return pb_strndup(a, s, strlen(s));
    }
    char buf[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof buf)
        return pb_strndup(a, buf, (size_t)n);
    char *p = pb_alloc_raw(a, (size_t)n + 1);
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
    pb_spares *sp = c ? spares(true) : NULL;
    while (c) {
        pb_chunk *n = c->next;
        if (sp && c->size == PB_CHUNK_MIN && sp->n < PB_SPARE_MAX) {
            c->next = sp->head;
            sp->head = c;
            sp->n++;
        } else {
            free(c);
        }
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

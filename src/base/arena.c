/* arena.c - bump allocator in chunks; see arena.h. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE ((size_t)64 * 1024)
#define ALIGN 16u

struct bg_arena_chunk {
    bg_arena_chunk *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

void *bg_arena_alloc(bg_arena *arena, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0) size = ALIGN;
    bg_arena_chunk *chunk = arena->head;
    if (!chunk || chunk->size - chunk->used < size) {
        size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        if (cap > SIZE_MAX - sizeof(bg_arena_chunk)) return NULL;
        bg_arena_chunk *fresh = malloc(sizeof(bg_arena_chunk) + cap);
        if (!fresh) return NULL;
        fresh->used = 0;
        fresh->size = cap;
        if (chunk && size > CHUNK_SIZE / 4) {
            /* a big block gets a chunk of its own behind the current one */
            fresh->next = chunk->next;
            chunk->next = fresh;
            chunk = fresh;
        } else {
            fresh->next = chunk;
            arena->head = fresh;
            chunk = fresh;
        }
    }
    void *p = (char *)chunk->data + chunk->used;
    chunk->used += size;
    memset(p, 0, size);
    return p;
}

char *bg_arena_strndup(bg_arena *arena, const char *s, size_t n)
{
    char *p = bg_arena_alloc(arena, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bg_arena_strdup(bg_arena *arena, const char *s)
{
    return s ? bg_arena_strndup(arena, s, strlen(s)) : NULL;
}

char *bg_arena_printf(bg_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = bg_arena_alloc(arena, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *bg_grow(void *v, size_t count, size_t *cap, size_t size, size_t first)
{
    if (count < *cap) return v;
    if (*cap > SIZE_MAX / 2 / size || first > SIZE_MAX / size) return NULL;
    size_t n = *cap ? *cap * 2 : first;
    void *grown = realloc(v, n * size);
    if (grown) *cap = n;
    return grown;
}

void bg_arena_reset(bg_arena *arena)
{
    bg_arena_chunk *keep = arena->head;
    if (!keep) return;
    bg_arena_chunk *chunk = keep->next;
    while (chunk) {
        bg_arena_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    keep->next = NULL;
    keep->used = 0;
}

void bg_arena_free(bg_arena *arena)
{
    bg_arena_reset(arena);
    free(arena->head);
    arena->head = NULL;
}

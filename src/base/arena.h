/* arena.h - bump allocator: everything loaded for one brief lives in one
 * arena and is freed at once with bg_arena_free. */
#ifndef BRIEFGEN_ARENA_H
#define BRIEFGEN_ARENA_H

#include <stddef.h>

typedef struct bg_arena_chunk bg_arena_chunk;

typedef struct bg_arena {
    bg_arena_chunk *head;
} bg_arena;

/* Zero-filled memory of SIZE bytes, aligned for any type; NULL when out of memory. */
void *bg_arena_alloc(bg_arena *arena, size_t size);
/* Copy of the N bytes at S, NUL-terminated. */
char *bg_arena_strndup(bg_arena *arena, const char *s, size_t n);
/* Copy of the NUL-terminated string S (NULL gives NULL). */
char *bg_arena_strdup(bg_arena *arena, const char *s);
/* printf into the arena. */
char *bg_arena_printf(bg_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for one more element in the heap array V of *CAP elements of SIZE
 * bytes, COUNT of them used: V itself when there is room, else V
 * reallocated to twice its capacity (FIRST when empty) with *CAP updated.
 * NULL when out of memory or the size would overflow; V is then kept. */
void *bg_grow(void *v, size_t count, size_t *cap, size_t size, size_t first);
/* Drops every allocation but keeps the most recent chunk for reuse. */
void bg_arena_reset(bg_arena *arena);
/* Frees every allocation of the arena; the arena can be reused afterwards. */
void bg_arena_free(bg_arena *arena);

#endif

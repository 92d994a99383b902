/* arena.h - one chunked allocator per article; everything is released at once.
 *
 * Build with -DNP_DEBUG_ARENA to malloc every allocation separately, so that
 * ASan and valgrind see overruns between them. */
#ifndef NP_ARENA_H
#define NP_ARENA_H

#include <stddef.h>

typedef struct np_arena np_arena;

np_arena *np_arena_new(void);
void np_arena_free(np_arena *a); /* NULL-safe; frees every allocation */

/* Zeroed memory aligned for any type, or NULL when out of memory. */
void *np_arena_alloc(np_arena *a, size_t size);
/* The same, not zeroed: for arrays the caller fills before reading. */
void *np_arena_alloc_nz(np_arena *a, size_t size);
/* Grow an allocation made from this arena (old contents copied). */
void *np_arena_grow(np_arena *a, void *old, size_t old_size, size_t new_size);
char *np_arena_strdup(np_arena *a, const char *s);
char *np_arena_strndup(np_arena *a, const char *s, size_t n);
char *np_arena_printf(np_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
size_t np_arena_used(const np_arena *a);

/* Append one element to an arena array, doubling its capacity as needed.
 * `arr`, `n` and `cap` are lvalues; evaluates to 0 or -1 (out of memory). */
#define NP_ARENA_PUSH(arena, arr, n, cap, value)                                  \
	(((n) < (cap) || np_arena_reserve__((arena), (void **)&(arr), &(cap),       \
	                                    sizeof(*(arr)), (n) + 1) == 0)          \
	     ? ((arr)[(n)++] = (value), 0)                                          \
	     : -1)

int np_arena_reserve__(np_arena *a, void **arr, size_t *cap, size_t elem,
                       size_t need);

#endif

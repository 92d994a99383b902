/* arena.c - chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_CHUNK (64 * 1024)

typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
} chunk;

struct np_arena {
	chunk *head;
	size_t total;
};

np_arena *np_arena_new(void) { return calloc(1, sizeof(np_arena)); }

void np_arena_free(np_arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

#ifndef NP_DEBUG_ARENA /* the debug arena mallocs each allocation */
static chunk *arena_new_chunk(np_arena *a, size_t need)
{
	size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
	chunk *c = malloc(sizeof(chunk) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	return c;
}
#endif

/* Memory for `size` bytes, not zeroed (np_arena_alloc zeroes it; grow and
 * strndup fill most of theirs themselves and zero only the rest). */
static void *arena_alloc_raw(np_arena *a, size_t size, size_t *zero_to)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - 2 * ARENA_ALIGN)
		return NULL;
	size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
#ifdef NP_DEBUG_ARENA
	/* One chunk per allocation: the sanitizers see each one's bounds. */
	chunk *c = malloc(sizeof(chunk) + size);
	if (!c)
		return NULL;
	c->size = c->used = size;
	c->next = a->head;
	a->head = c;
	a->total += size;
	(void)rounded;
	*zero_to = size;
	return c->data;
#else
	chunk *c = a->head;
	/* A big request gets a chunk of its own behind the current one, so the
	 * current chunk's free tail is not wasted. */
	if (rounded > ARENA_CHUNK / 4) {
		chunk *big = malloc(sizeof(chunk) + rounded);
		if (!big)
			return NULL;
		big->size = big->used = rounded;
		if (c) {
			big->next = c->next;
			c->next = big;
		} else {
			big->next = NULL;
			a->head = big;
		}
		a->total += rounded;
		*zero_to = rounded;
		return big->data;
	}
	if (!c || c->size - c->used < rounded) {
		c = arena_new_chunk(a, rounded);
		if (!c)
			return NULL;
	}
	void *p = c->data + c->used;
	c->used += rounded;
	a->total += rounded;
	*zero_to = rounded;
	return p;
#endif
}

void *np_arena_alloc_nz(np_arena *a, size_t size)
{
	size_t zero_to;
	return arena_alloc_raw(a, size, &zero_to);
}

void *np_arena_alloc(np_arena *a, size_t size)
{
	size_t zero_to;
	void *p = arena_alloc_raw(a, size, &zero_to);
	if (p)
		memset(p, 0, zero_to);
	return p;
}

void *np_arena_grow(np_arena *a, void *old, size_t old_size, size_t new_size)
{
	if (new_size <= old_size)
		return old;
	/* only the new tail needs zeroing: the rest is copied over */
	size_t zero_to;
	void *p = arena_alloc_raw(a, new_size, &zero_to);
	if (!p)
		return NULL;
	size_t keep = old ? old_size : 0;
	if (keep)
		memcpy(p, old, keep);
	memset((char *)p + keep, 0, zero_to - keep);
	return p;
}

int np_arena_reserve__(np_arena *a, void **arr, size_t *cap, size_t elem,
                       size_t need)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elem)
		return -1;
	void *p = np_arena_grow(a, *arr, *cap * elem, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

char *np_arena_strndup(np_arena *a, const char *s, size_t n)
{
	size_t zero_to;
	char *p = arena_alloc_raw(a, n + 1, &zero_to);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	memset(p + n, 0, zero_to - n);
	return p;
}

char *np_arena_strdup(np_arena *a, const char *s)
{
	return s ? np_arena_strndup(a, s, strlen(s)) : NULL;
}

char *np_arena_printf(np_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = np_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t np_arena_used(const np_arena *a) { return a ? a->total : 0; }

/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void np_buf_dispose(np_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void np_buf_reset(np_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int np_buf_reserve(np_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (extra > SIZE_MAX - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	char *p = realloc(b->data, ncap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = ncap;
	return 0;
}

int np_buf_put(np_buf *b, const void *data, size_t len)
{
	if (np_buf_reserve(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int np_buf_puts(np_buf *b, const char *s) { return np_buf_put(b, s, strlen(s)); }

/* One byte: the common case (room left) without the reserve call. */
int np_buf_putc(np_buf *b, char c)
{
	if (!b->oom && b->cap - b->len >= 2) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return np_buf_put(b, &c, 1);
}

int np_buf_printf(np_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || np_buf_reserve(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

char *np_buf_detach(np_buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* buf.h - a growable byte buffer (malloc-backed, owned by whoever inits it). */
#ifndef NP_BUF_H
#define NP_BUF_H

#include <stddef.h>

typedef struct np_buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len, cap;
	int oom;    /* sticky: an append failed */
} np_buf;

#define NP_BUF_INIT { NULL, 0, 0, 0 }

void np_buf_dispose(np_buf *b);
void np_buf_reset(np_buf *b); /* len = 0, keeps memory */
int np_buf_reserve(np_buf *b, size_t extra);
int np_buf_put(np_buf *b, const void *data, size_t len);
int np_buf_puts(np_buf *b, const char *s);
int np_buf_putc(np_buf *b, char c);
int np_buf_printf(np_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Hand the bytes over to the caller (free() them); the buffer is emptied. */
char *np_buf_detach(np_buf *b, size_t *len);

#endif

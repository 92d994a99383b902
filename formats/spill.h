/* spill.h - an append-only byte sink for batch-sized outputs (the JSON
 * Lines file, the NewsML batch message): bytes gather in memory and move to
 * an anonymous temporary file (tmpfile(), in $TMPDIR or /tmp) once more than
 * np_spill__bytes are waiting, so a batch costs disk, not memory; the
 * output gets the content in pieces (np_output__put_fd). */
#ifndef NP_SPILL_H
#define NP_SPILL_H

#include "format.h"

#include <stdio.h>

typedef struct np_spill {
	np_buf buf;        /* bytes not yet in the file */
	FILE *file;        /* NULL until the limit was first passed */
	uint64_t spilled;  /* bytes in the file */
	int err;           /* sticky: the errno of a failed put (the content is
	                    * then incomplete and is never output) */
} np_spill;

#define NP_SPILL_INIT { NP_BUF_INIT, NULL, 0, 0 }

/* The most bytes kept in memory per sink (tests lower it). */
extern size_t np_spill__bytes;

/* Append; 0, or -1 with errno (ENOMEM, or the temporary file's error),
 * after which every call fails the same way. */
int np_spill__put(np_spill *s, const void *p, size_t n);
/* Bytes appended so far. */
uint64_t np_spill__len(const np_spill *s);
/* Whether any byte went to the temporary file. */
int np_spill__spilled(const np_spill *s);
/* Write the whole content to `fd` (at its current offset); 0 or -1/errno. */
int np_spill__copy_to(np_spill *s, int fd);
/* The content as up to two output pieces (the file, then what is still in
 * memory); returns how many, or -1 with errno. */
int np_spill__parts(np_spill *s, np_output_part out[2]);
/* Hand the whole content to `o` as file `name` (from memory when it never
 * spilled, else streamed from the file). */
int np_spill__output(np_spill *s, np_output *o, const char *name);
void np_spill__dispose(np_spill *s);

/* Write `n` bytes to `fd`, retrying short writes; 0 or -1/errno. */
int np_spill__write_all(int fd, const void *p, size_t n);

#endif

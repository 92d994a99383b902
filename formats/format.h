/* format.h - the exporter interface: one file per format behind one vtable.
 *
 * Adding a format: write formats/<name>.c exporting `const np_format
 * np_format_<name>`, add its extern below and one row in registry.c. */
#ifndef NP_FORMAT_H
#define NP_FORMAT_H

#include "newsprism.h"
#include "../pipeline/model.h"
#include "../pipeline/buf.h"

#include <stdint.h>

typedef struct np_format np_format;

struct np_writer {
	const np_format *fmt;
	void *state;              /* the format's own, made in open, freed in free */
	np_output *dest;
	const np_options *opts;
	np_ctx *ctx;
};

struct np_format {
	const char *name;         /* as given to -f */
	const char *extension;    /* per-article file suffix, or NULL for tables */
	int (*open)(np_writer *w);                        /* state, header */
	int (*write)(np_writer *w, const np_record *rec); /* one article */
	int (*close)(np_writer *w);                       /* trailer, flush */
	void (*free)(np_writer *w);                       /* NULL-safe state */
};

extern const np_format np_format_newsml;
extern const np_format np_format_csv;
extern const np_format np_format_jsonld;
extern const np_format np_format_ninjs;
extern const np_format np_format_jsonl;

/* The registered formats, NULL-terminated, in registration order. */
extern const np_format *const np_formats[];
const np_format *np_format_find(const char *name);

/* The output file name of a per-article format: "<id>.<extension>" (malloc). */
char *np_format__article_path(const np_record *rec, const char *extension);

/* One piece of a file put in pieces (np_output__put_parts): `len` bytes of
 * `data`, or when fd >= 0 `len` bytes of `fd` from offset 0 (by pread). */
typedef struct np_output_part {
	const void *data;
	int fd;
	uint64_t len;
} np_output_part;

/* The output's own interface (formats/output.c, formats/archive.c). */
struct np_output {
	int (*put)(np_output *o, const char *name, const void *data, size_t len);
	int (*close)(np_output *o);
	void (*free)(np_output *o);
	np_ctx *ctx;
	/* Optional: put a file of `len` bytes read from `fd` (from offset 0,
	 * by pread) in pieces, so that a big table is never whole in memory.
	 * NULL: np_output__put_fd maps the file and calls put. */
	int (*put_fd)(np_output *o, const char *name, int fd, uint64_t len);
	/* Optional: put a file made of `n` pieces, written one after the other
	 * (the NewsML batch message: envelope and spilled items).  NULL:
	 * np_output__put_parts joins them in a temporary file first. */
	int (*put_parts)(np_output *o, const char *name, const np_output_part *parts,
	                 size_t n);
};

/* Put a file held in `fd` (offset 0, `len` bytes): streamed when the
 * output can, else mapped and put whole. */
int np_output__put_fd(np_output *o, const char *name, int fd, uint64_t len);

/* Put a file made of `n` pieces: straight into the output when it can,
 * else joined in a temporary file and put with np_output__put_fd. */
int np_output__put_parts(np_output *o, const char *name, const np_output_part *parts,
                         size_t n);

/* Copy `len` bytes of `in` (from offset 0) to `out` in pieces; -1 with
 * errno set (EIO when `in` is shorter).  `hash` (may be NULL) sees every
 * piece, e.g. to checksum what is copied. */
int np_output__copy_fd(int out, int in, uint64_t len,
                       void (*hash)(void *u, const void *p, size_t n), void *u);

/* Tell an output which record the next files put belong to (NULL: none,
 * e.g. tables put at close).  np_writer_write calls it around a format's
 * write; the archive output uses it to lay an article's files out in their
 * own folder and to date the bag.  Other outputs ignore it. */
void np_output__set_record(np_output *o, const np_record *rec);

/* Write one file atomically (temporary name + rename). */
int np_output__write_file_atomic(const char *path, const void *data,
                                 size_t len, np_ctx *ctx);

/* Render helpers that exporters may share and tests call directly. */
/* Render one record in format `name` into `out` (per-article formats only). */
int np_format__render(np_buf *out, const char *name, const np_record *rec,
                      const np_options *opts, np_ctx *ctx);

#endif

/* read_archive.h - reading archives (tar, tar.gz/xz/zst/bz2, zip) entry by
 * entry with libarchive, without unpacking anything to disk.
 *
 * One reader serves both `convert` (archives given as input: each regular
 * entry is an article) and `verify` (a BagIt bundle as an archive), as
 * issue 8 asks.  Entry names are handed over as stored (UTF-8); callers
 * decide what is safe.  libarchive calls run under a C.UTF-8 thread locale,
 * so non-ASCII names convert the same whatever the caller's locale. */
#ifndef NP_READ_ARCHIVE_H
#define NP_READ_ARCHIVE_H

#include "newsprism.h"

#include <locale.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct np_arc_reader np_arc_reader;

/* Switch this thread to the C.UTF-8 locale around libarchive calls (its
 * pax writer crashes on non-ASCII names in the "C" locale); returns the
 * locale to give back to np_read_archive__utf8_leave(). */
locale_t np_read_archive__utf8_enter(void);
void np_read_archive__utf8_leave(locale_t old);

typedef enum {
	NP_ARC_FILE = 0,  /* a regular file: read its bytes */
	NP_ARC_DIR,
	NP_ARC_LINK,      /* symbolic or hard link */
	NP_ARC_OTHER      /* device, fifo, socket */
} np_arc_type;

/* 1 when the first bytes of a file look like an archive we read (tar,
 * zip, or gzip/xz/zstd/bzip2 compressed data). */
int np_read_archive__sniff(const void *head, size_t n);
/* 1 when the path ends in an archive extension (.tar, .tgz, .tar.gz, ...). */
int np_read_archive__has_extension(const char *path);

/* Open the archive at `path`, or, when `mem` is not NULL, the `len` bytes
 * at `mem` (borrowed until free).  `label` names it in messages. */
int np_read_archive__open(np_arc_reader **out, const char *path,
                          const void *mem, size_t len, const char *label,
                          np_ctx *ctx);
/* The next entry: 1 with *name (borrowed until the next call), *type and
 * *size set, 0 at the end, or a negative code (message in ctx) when the
 * archive is damaged; the reader is then finished. */
int np_read_archive__next(np_arc_reader *r, const char **name,
                          np_arc_type *type, int64_t *size);
/* Read up to `n` bytes of the current entry's data: the count, 0 at its
 * end, or a negative code (message in ctx). */
ssize_t np_read_archive__read(np_arc_reader *r, void *buf, size_t n);
void np_read_archive__free(np_arc_reader *r); /* NULL-safe */

/* np_input support (read.c): an archive given as input, at `path` or, when
 * `mem` is not NULL, in `len` malloc'd bytes that the reader takes over
 * (stdin).  Entries larger than `limit` fail one by one.  np_arc_input__next
 * returns 1 with one article (*id before sanitising, *source
 * "ARCHIVE:ENTRY", *bytes and *len; all valid until the next call), 0 when the
 * archive is done, or a negative code for one failed entry (call again). */
typedef struct np_arc_input np_arc_input;
/* 1 when `path` is a regular file that is an archive, by its first bytes or
 * its extension. */
int np_arc_input__detect(const char *path);
int np_arc_input__open(np_arc_input **out, const char *path, const void *mem,
                       size_t len, size_t limit, np_ctx *ctx);
int np_arc_input__next(np_arc_input *ai, const char **id, const char **source,
                       const char **bytes, size_t *len);
void np_arc_input__free(np_arc_input *ai); /* NULL-safe */

#endif

/* runs.h - an external sort for more records than memory should hold.
 *
 * Records (a key and a value, both bytes) gather in a run in memory; when
 * the run passes its size, it is sorted by key and appended to an unlinked
 * temporary file.  An iterator then merges the sorted runs, so every record
 * comes back in byte order of its key; records with equal keys come back
 * in the order they were added.  Memory: one run, plus a small read buffer
 * per run while iterating.  Used by the archive output (its index) and by
 * verify (a bag's files and its manifests' lines). */
#ifndef NP_RUNS_H
#define NP_RUNS_H

#include <stddef.h>
#include <stdint.h>

typedef struct np_runs np_runs;
typedef struct np_runs_iter np_runs_iter;

typedef struct np_run_rec {
	const char *key;             /* not NUL-terminated */
	size_t key_len;
	const unsigned char *val;
	size_t val_len;
} np_run_rec;

/* The run size of new sorters (4 MB; tests lower it to exercise merges). */
extern size_t np_runs__run_bytes;

/* A sorter whose spilled runs go to a temporary file in `dir` (NULL:
 * $TMPDIR, else /tmp).  NULL when out of memory. */
np_runs *np_runs__new(const char *dir);
/* Add a record; 0, or -1 with errno (ENOMEM, a write error, ENAMETOOLONG
 * for a key or value over 4 GB).  Not after the first np_runs__iter. */
int np_runs__add(np_runs *r, const void *key, size_t key_len, const void *val,
                 size_t val_len);
/* Records added. */
uint64_t np_runs__count(const np_runs *r);
/* Start a merge over every record (as often as needed); 0 or -1/errno. */
int np_runs__iter(np_runs *r, np_runs_iter **out);
/* The next record, valid until the next call: 1, 0 at the end, -1/errno. */
int np_runs__next(np_runs_iter *it, np_run_rec *rec);
void np_runs__iter_free(np_runs_iter *it);
void np_runs__free(np_runs *r);

#endif

/* pool.h - an ordered work pool: items go in in order, are worked on by N
 * threads, and come out (commit) in the same order, one at a time.
 *
 * Why ordered commit instead of "collect then sort": the output of a run
 * (files, CSV rows, archive entries) must be identical for any -j, and
 * memory must stay bounded by the in-flight window, never by the corpus.
 * At most `window` items exist at once; pool_submit() blocks while the
 * window is full.  Commits are serialised (never two at once) and run on
 * whichever thread finished the head item, so a caller blocked reading its
 * next input never holds back output that is ready (stream mode). */
#ifndef NP_CLI_POOL_H
#define NP_CLI_POOL_H

#include <stddef.h>

typedef struct pool_ops {
	/* Per-worker state, made on the worker's own thread. */
	void *(*worker_new)(void *user);
	void (*worker_free)(void *wstate, void *user);
	/* The parallel part: may run on any worker, concurrently. */
	void (*work)(void *item, void *wstate, void *user);
	/* In input order, never two at once.  Nonzero asks the pool to stop:
	 * later items are discarded instead of committed. */
	int (*commit)(void *item, void *user);
	/* Frees an item (after commit, or instead of it once stopped). */
	void (*discard)(void *item, void *user);
} pool_ops;

typedef struct pool pool;

/* jobs == 1 runs every item inline in pool_submit (no threads at all). */
int pool_new(pool **out, int jobs, size_t window, const pool_ops *ops,
             void *user);
/* Hand over one item (the pool owns it from now on).  Returns 0, or 1 when
 * the pool has stopped (the item was discarded). */
int pool_submit(pool *p, void *item);
/* 1 once a commit asked to stop. */
int pool_stopped(pool *p);
/* Wait until every submitted item is committed or discarded, then join the
 * workers and free the pool. */
void pool_finish(pool *p);

#endif

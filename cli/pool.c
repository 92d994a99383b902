/* pool.c - the ordered work pool (see pool.h). */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

enum { SLOT_FREE = 0, SLOT_PENDING, SLOT_DONE };

typedef struct pool_slot {
	void *item;
	int state;
} pool_slot;

struct pool {
	const pool_ops *ops;
	void *user;
	int jobs;
	pthread_t *threads;
	int n_threads;
	void *inline_state;     /* jobs == 1: the one worker state */

	pthread_mutex_t mu;
	pthread_cond_t work_cv;  /* a pending item or shutdown */
	pthread_cond_t space_cv; /* a slot freed */
	pool_slot *slots;
	size_t window;
	size_t head;      /* next to commit */
	size_t next_work; /* next to hand to a worker */
	size_t tail;      /* next to submit */
	int committing;
	int stopped;
	int shutdown;
};

/* Commit (or discard) every finished item at the head, in order.  Called
 * with the lock held; drops it around each commit so workers go on. */
static void pool_drain(pool *p)
{
	if (p->committing)
		return;
	p->committing = 1;
	while (p->head < p->tail && p->slots[p->head % p->window].state == SLOT_DONE) {
		pool_slot *s = &p->slots[p->head % p->window];
		void *item = s->item;
		int stopped = p->stopped;
		pthread_mutex_unlock(&p->mu);
		int stop = 0;
		if (!stopped)
			stop = p->ops->commit(item, p->user);
		p->ops->discard(item, p->user);
		pthread_mutex_lock(&p->mu);
		if (stop)
			p->stopped = 1;
		s->item = NULL;
		s->state = SLOT_FREE;
		p->head++;
		pthread_cond_broadcast(&p->space_cv);
	}
	p->committing = 0;
}

static void *pool_worker(void *arg)
{
	pool *p = arg;
	void *ws = p->ops->worker_new ? p->ops->worker_new(p->user) : NULL;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->next_work == p->tail && !p->shutdown)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->next_work == p->tail)
			break; /* shut down and nothing left */
		pool_slot *s = &p->slots[p->next_work++ % p->window];
		int skip = p->stopped;
		pthread_mutex_unlock(&p->mu);
		if (!skip)
			p->ops->work(s->item, ws, p->user);
		pthread_mutex_lock(&p->mu);
		s->state = SLOT_DONE;
		pool_drain(p);
	}
	pthread_mutex_unlock(&p->mu);
	if (p->ops->worker_free)
		p->ops->worker_free(ws, p->user);
	return NULL;
}

int pool_new(pool **out, int jobs, size_t window, const pool_ops *ops, void *user)
{
	*out = NULL;
	pool *p = calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->ops = ops;
	p->user = user;
	p->jobs = jobs < 1 ? 1 : jobs;
	if (p->jobs == 1) {
		p->inline_state = ops->worker_new ? ops->worker_new(user) : NULL;
		*out = p;
		return 0;
	}
	p->window = window < (size_t)p->jobs ? (size_t)p->jobs : window;
	p->slots = calloc(p->window, sizeof *p->slots);
	p->threads = calloc((size_t)p->jobs, sizeof *p->threads);
	if (!p->slots || !p->threads)
		goto fail;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->space_cv, NULL);
	for (int i = 0; i < p->jobs; i++) {
		if (pthread_create(&p->threads[i], NULL, pool_worker, p) != 0)
			break;
		p->n_threads++;
	}
	if (p->n_threads == 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->work_cv);
		pthread_cond_destroy(&p->space_cv);
		goto fail;
	}
	*out = p;
	return 0;
fail:
	free(p->slots);
	free(p->threads);
	free(p);
	return -1;
}

int pool_stopped(pool *p)
{
	if (p->jobs == 1)
		return p->stopped;
	pthread_mutex_lock(&p->mu);
	int s = p->stopped;
	pthread_mutex_unlock(&p->mu);
	return s;
}

int pool_submit(pool *p, void *item)
{
	if (p->jobs == 1) {
		if (p->stopped) {
			p->ops->discard(item, p->user);
			return 1;
		}
		p->ops->work(item, p->inline_state, p->user);
		if (p->ops->commit(item, p->user))
			p->stopped = 1;
		p->ops->discard(item, p->user);
		return 0;
	}
	pthread_mutex_lock(&p->mu);
	while (p->tail - p->head == p->window && !p->stopped)
		pthread_cond_wait(&p->space_cv, &p->mu);
	if (p->stopped) {
		pthread_mutex_unlock(&p->mu);
		p->ops->discard(item, p->user);
		return 1;
	}
	pool_slot *s = &p->slots[p->tail++ % p->window];
	s->item = item;
	s->state = SLOT_PENDING;
	pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

void pool_finish(pool *p)
{
	if (!p)
		return;
	if (p->jobs == 1) {
		if (p->ops->worker_free)
			p->ops->worker_free(p->inline_state, p->user);
		free(p);
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->shutdown = 1;
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	/* Every worker drains before it exits, so nothing is left behind. */
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->space_cv);
	free(p->slots);
	free(p->threads);
	free(p);
}

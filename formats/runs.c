/* runs.c - see runs.h.
 *
 * A record, in memory and in the file alike:
 *   u32 key length, u32 value length, u64 sequence number, key, value
 * The sequence number (the order of adding) breaks ties between equal keys,
 * so the order out does not depend on qsort or on how runs were cut. */
#define _GNU_SOURCE /* qsort_r */
#include "runs.h"
#include "../pipeline/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUNS_HEAD 16
#define RUNS_READ_BUF (32 * 1024)

size_t np_runs__run_bytes = 4u << 20;

typedef struct runs_span {
	uint64_t start, end;         /* a sorted run in the file */
} runs_span;

struct np_runs {
	char *dir;                   /* for the temporary file */
	np_buf bytes;                /* the run in memory: records back to back */
	size_t *at;                  /* where each of its records starts */
	size_t n, cap;
	int sorted;                  /* `at` is in key order (iterating began) */
	int fd;                      /* the spilled runs, unlinked; -1 until needed */
	uint64_t fd_len;
	runs_span *spans;
	size_t n_spans, cap_spans;
	uint64_t seq;                /* records added */
};

/* One record's fields, decoded from `p`. */
static void runs_decode(const char *p, np_run_rec *rec, uint64_t *seq)
{
	uint32_t kl, vl;
	memcpy(&kl, p, 4);
	memcpy(&vl, p + 4, 4);
	memcpy(seq, p + 8, 8);
	rec->key = p + RUNS_HEAD;
	rec->key_len = kl;
	rec->val = (const unsigned char *)p + RUNS_HEAD + kl;
	rec->val_len = vl;
}

static int runs_cmp_keys(const np_run_rec *a, uint64_t sa, const np_run_rec *b,
                         uint64_t sb)
{
	size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
	int c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	if (a->key_len != b->key_len)
		return a->key_len < b->key_len ? -1 : 1;
	return sa < sb ? -1 : sa > sb;
}

static int runs_cmp_at(const void *a, const void *b, void *base)
{
	np_run_rec ra, rb;
	uint64_t sa, sb;
	runs_decode((const char *)base + *(const size_t *)a, &ra, &sa);
	runs_decode((const char *)base + *(const size_t *)b, &rb, &sb);
	return runs_cmp_keys(&ra, sa, &rb, sb);
}

np_runs *np_runs__new(const char *dir)
{
	np_runs *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->fd = -1;
	if (!dir) {
		const char *t = getenv("TMPDIR");
		dir = t && *t ? t : "/tmp";
	}
	if (!(r->dir = strdup(dir))) {
		free(r);
		return NULL;
	}
	return r;
}

static int runs_open_file(np_runs *r)
{
	size_t n = strlen(r->dir) + 40;
	char *path = malloc(n);
	if (!path)
		return errno = ENOMEM, -1;
	size_t dl = strlen(r->dir);
	snprintf(path, n, "%s%s.newsprism-runs.XXXXXX", r->dir,
	         dl && r->dir[dl - 1] == '/' ? "" : "/");
	r->fd = mkstemp(path);
	int err = errno;
	if (r->fd >= 0)
		unlink(path); /* nothing is left behind, whatever happens next */
	free(path);
	errno = err;
	return r->fd < 0 ? -1 : 0;
}

static void runs_sort(np_runs *r)
{
	if (r->n && !r->sorted)
		qsort_r(r->at, r->n, sizeof *r->at, runs_cmp_at, r->bytes.data);
	r->sorted = 1;
}

static int runs_write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Sort the run in memory and append it to the file. */
static int runs_spill(np_runs *r)
{
	if (r->fd < 0 && runs_open_file(r) < 0)
		return -1;
	if (r->n_spans == r->cap_spans) {
		size_t ncap = r->cap_spans ? r->cap_spans * 2 : 16;
		runs_span *p = realloc(r->spans, ncap * sizeof *p);
		if (!p)
			return errno = ENOMEM, -1;
		r->spans = p;
		r->cap_spans = ncap;
	}
	runs_sort(r);
	np_buf out = NP_BUF_INIT;
	uint64_t start = r->fd_len;
	int rc = 0;
	for (size_t i = 0; i < r->n && !rc; i++) {
		np_run_rec rec;
		uint64_t seq;
		runs_decode(r->bytes.data + r->at[i], &rec, &seq);
		np_buf_put(&out, r->bytes.data + r->at[i], RUNS_HEAD + rec.key_len + rec.val_len);
		if (out.oom)
			rc = (errno = ENOMEM, -1);
		else if (out.len >= (1u << 20) || i + 1 == r->n) {
			if (lseek(r->fd, (off_t)r->fd_len, SEEK_SET) < 0 ||
			    runs_write_all(r->fd, out.data, out.len) < 0)
				rc = -1;
			r->fd_len += out.len;
			np_buf_reset(&out);
		}
	}
	int err = errno;
	np_buf_dispose(&out);
	errno = err;
	if (rc)
		return -1;
	r->spans[r->n_spans++] = (runs_span){ start, r->fd_len };
	r->n = 0;
	r->sorted = 0;
	np_buf_reset(&r->bytes);
	return 0;
}

int np_runs__add(np_runs *r, const void *key, size_t key_len, const void *val,
                 size_t val_len)
{
	if (r->sorted)
		return errno = EINVAL, -1;
	if (key_len > UINT32_MAX || val_len > UINT32_MAX)
		return errno = ENAMETOOLONG, -1;
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 256;
		size_t *p = realloc(r->at, ncap * sizeof *p);
		if (!p)
			return errno = ENOMEM, -1;
		r->at = p;
		r->cap = ncap;
	}
	unsigned char head[RUNS_HEAD];
	uint32_t kl = (uint32_t)key_len, vl = (uint32_t)val_len;
	memcpy(head, &kl, 4);
	memcpy(head + 4, &vl, 4);
	memcpy(head + 8, &r->seq, 8);
	size_t at = r->bytes.len;
	np_buf_put(&r->bytes, head, sizeof head);
	np_buf_put(&r->bytes, key_len ? key : "", key_len);
	np_buf_put(&r->bytes, val_len ? val : "", val_len);
	if (r->bytes.oom)
		return errno = ENOMEM, -1;
	r->at[r->n++] = at;
	r->seq++;
	if (r->bytes.len + r->n * sizeof *r->at >= np_runs__run_bytes)
		return runs_spill(r);
	return 0;
}

uint64_t np_runs__count(const np_runs *r)
{
	return r->seq;
}

/* ---- merging -------------------------------------------------------------- */

/* One run being read: from the file (buffered), or the run in memory. */
typedef struct runs_reader {
	int fd;                      /* -1: the run in memory */
	uint64_t pos, end;
	char *buf;
	size_t cap, at, have;        /* unread: buf[at, have) */
	size_t next;                 /* in memory: the next index into r->at */
	np_run_rec rec;              /* the current record */
	uint64_t seq;
} runs_reader;

struct np_runs_iter {
	np_runs *r;
	runs_reader *readers;
	runs_reader **heap;
	size_t n_readers, n;
	int started;
};

/* Make `need` bytes readable at buf + at: 1, 0 at the clean end, -1. */
static int runs_fill(runs_reader *rd, size_t need)
{
	if (rd->have - rd->at >= need)
		return 1;
	memmove(rd->buf, rd->buf + rd->at, rd->have - rd->at);
	rd->have -= rd->at;
	rd->at = 0;
	if (need > rd->cap) {
		char *p = realloc(rd->buf, need);
		if (!p)
			return errno = ENOMEM, -1;
		rd->buf = p;
		rd->cap = need;
	}
	while (rd->have < need && rd->pos < rd->end) {
		size_t want = rd->cap - rd->have;
		if (want > rd->end - rd->pos)
			want = (size_t)(rd->end - rd->pos);
		ssize_t k = pread(rd->fd, rd->buf + rd->have, want, (off_t)rd->pos);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k == 0 ? (errno = EIO, -1) : -1;
		rd->have += (size_t)k;
		rd->pos += (uint64_t)k;
	}
	if (rd->have >= need)
		return 1;
	return rd->have == 0 ? 0 : (errno = EIO, -1); /* a record cut short */
}

/* Step a reader to its next record: 1, 0 at its end, -1/errno. */
static int runs_step(np_runs *r, runs_reader *rd)
{
	if (rd->fd < 0) {
		if (rd->next >= r->n)
			return 0;
		runs_decode(r->bytes.data + r->at[rd->next++], &rd->rec, &rd->seq);
		return 1;
	}
	int rc = runs_fill(rd, RUNS_HEAD);
	if (rc <= 0)
		return rc;
	uint32_t kl, vl;
	memcpy(&kl, rd->buf + rd->at, 4);
	memcpy(&vl, rd->buf + rd->at + 4, 4);
	size_t len = RUNS_HEAD + (size_t)kl + vl;
	if ((rc = runs_fill(rd, len)) <= 0)
		return rc < 0 ? rc : (errno = EIO, -1);
	runs_decode(rd->buf + rd->at, &rd->rec, &rd->seq);
	rd->at += len;
	return 1;
}

static int runs_less(runs_reader *const *h, size_t a, size_t b)
{
	return runs_cmp_keys(&h[a]->rec, h[a]->seq, &h[b]->rec, h[b]->seq) < 0;
}

static void runs_down(runs_reader **h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && runs_less(h, l, m))
			m = l;
		if (l + 1 < n && runs_less(h, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		runs_reader *t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

void np_runs__iter_free(np_runs_iter *it)
{
	if (!it)
		return;
	for (size_t i = 0; it->readers && i < it->n_readers; i++)
		free(it->readers[i].buf);
	free(it->readers);
	free(it->heap);
	free(it);
}

int np_runs__iter(np_runs *r, np_runs_iter **out)
{
	*out = NULL;
	runs_sort(r);
	np_runs_iter *it = calloc(1, sizeof *it);
	if (!it)
		return errno = ENOMEM, -1;
	it->r = r;
	it->n_readers = r->n_spans + 1;
	it->readers = calloc(it->n_readers, sizeof *it->readers);
	it->heap = calloc(it->n_readers, sizeof *it->heap);
	if (!it->readers || !it->heap) {
		np_runs__iter_free(it);
		return errno = ENOMEM, -1;
	}
	for (size_t i = 0; i < it->n_readers; i++) {
		runs_reader *rd = &it->readers[i];
		rd->fd = -1;
		if (i < r->n_spans) {
			rd->fd = r->fd;
			rd->pos = r->spans[i].start;
			rd->end = r->spans[i].end;
			rd->cap = RUNS_READ_BUF;
			if (!(rd->buf = malloc(rd->cap))) {
				np_runs__iter_free(it);
				return errno = ENOMEM, -1;
			}
		}
		int got = runs_step(r, rd);
		if (got < 0) {
			int err = errno;
			np_runs__iter_free(it);
			return errno = err, -1;
		}
		if (got)
			it->heap[it->n++] = rd;
	}
	for (size_t i = it->n; i-- > 0;)
		runs_down(it->heap, it->n, i);
	*out = it;
	return 0;
}

int np_runs__next(np_runs_iter *it, np_run_rec *rec)
{
	if (it->started && it->n) {
		/* the record handed out last is still on top: step past it */
		int got = runs_step(it->r, it->heap[0]);
		if (got < 0)
			return -1;
		if (!got)
			it->heap[0] = it->heap[--it->n];
		runs_down(it->heap, it->n, 0);
	}
	it->started = 1;
	if (!it->n)
		return 0;
	*rec = it->heap[0]->rec;
	return 1;
}

void np_runs__free(np_runs *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	np_buf_dispose(&r->bytes);
	free(r->at);
	free(r->spans);
	free(r->dir);
	free(r);
}

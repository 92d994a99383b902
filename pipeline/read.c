/* read.c - the only stage that does I/O: finds the articles of a run and
 * reads their bytes.  Folders are walked in byte-sorted order so that a
 * run's output order never depends on the file system. */
#include "model.h"
#include "read_archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct input_item {
	char *path;   /* to open, or "-" */
	char *id;     /* before sanitising */
	char *err;    /* set: this item failed while walking (the message) */
} input_item;

struct np_input {
	const np_options *opts;
	np_ctx *ctx;
	input_item *items;
	size_t n, cap, next;
	char *bytes;  /* the current article */
	size_t len;
	char **errors; /* per-item errors found while walking (e.g. missing) */
	np_arc_input *arc; /* an archive given as input, being read */
};

static int input_push(np_input *in, const char *path, const char *id)
{
	if (in->n == in->cap) {
		size_t ncap = in->cap ? in->cap * 2 : 64;
		input_item *p = realloc(in->items, ncap * sizeof *p);
		if (!p)
			return -1;
		in->items = p;
		in->cap = ncap;
	}
	input_item it = { strdup(path), id ? strdup(id) : NULL, NULL };
	if (!it.path || (id && !it.id)) {
		free(it.path);
		free(it.id);
		return -1;
	}
	in->items[in->n++] = it;
	return 0;
}

/* An item that failed while the folders were walked: reported, in order,
 * by np_input_next as a failed article naming the path and the reason. */
static int input_push_error(np_input *in, const char *path, const char *id,
                            const char *fmt, const char *detail)
{
	if (input_push(in, path, id ? id : path) < 0)
		return -1;
	size_t n = strlen(path) + strlen(fmt) + (detail ? strlen(detail) : 0) + 8;
	char *msg = malloc(n);
	if (!msg)
		return -1;
	snprintf(msg, n, "%s: ", path);
	size_t o = strlen(msg);
	snprintf(msg + o, n - o, fmt, detail ? detail : "");
	in->items[in->n - 1].err = msg;
	return 0;
}

/* The id of a file: path relative to its root argument, extension dropped. */
static char *id_from_path(const char *rel)
{
	char *id = strdup(rel);
	if (!id)
		return NULL;
	char *slash = strrchr(id, '/');
	char *dot = strrchr(slash ? slash + 1 : id, '.');
	if (dot && dot != (slash ? slash + 1 : id))
		*dot = '\0';
	return id;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct visited {
	dev_t dev;
	ino_t ino;
} visited;

#define WALK_MAX_DEPTH 256

/* One folder, recursively.  Every entry that cannot become an article (a
 * dangling link, a symbolic link loop, a FIFO or device, an unreadable
 * folder) is pushed as a failed item, so the run reports it by name and
 * goes on.  Links are followed; a folder already on the current path is a
 * loop. */
static int walk_dir(np_input *in, const char *dir, const char *rel,
                    visited *stack, size_t depth)
{
	struct stat st;
	if (stat(dir, &st) < 0)
		return input_push_error(in, dir, rel, "cannot read folder: %s",
		                        strerror(errno));
	for (size_t i = 0; i < depth; i++)
		if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino)
			return input_push_error(in, dir, rel, "symbolic link loop "
			                        "(the folder contains itself), skipped%s",
			                        "");
	if (depth >= WALK_MAX_DEPTH)
		return input_push_error(in, dir, rel, "folders nested deeper than 256 "
		                        "levels, skipped%s", "");
	stack[depth].dev = st.st_dev;
	stack[depth].ino = st.st_ino;
	DIR *d = opendir(dir);
	if (!d)
		return input_push_error(in, dir, rel, "cannot open folder: %s",
		                        strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* hidden files, ".", ".." */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(names, cap * sizeof *p);
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		size_t rlen = strlen(rel) + strlen(names[i]) + 2;
		char *path = malloc(plen), *r = malloc(rlen);
		if (!path || !r) {
			free(path);
			free(r);
			rc = -1;
			break;
		}
		int slash = plen > 2 && dir[strlen(dir) - 1] == '/';
		snprintf(path, plen, slash ? "%s%s" : "%s/%s", dir, names[i]);
		snprintf(r, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		struct stat s2;
		char *id = id_from_path(r);
		if (!id) {
			rc = -1;
		} else if (stat(path, &s2) < 0) {
			int err = errno;
			struct stat ls;
			if (err == ENOENT && lstat(path, &ls) == 0 && S_ISLNK(ls.st_mode))
				rc = input_push_error(in, path, id, "dangling symbolic link "
				                      "(its target is missing), skipped%s", "");
			else
				rc = input_push_error(in, path, id, err == ELOOP
				                      ? "symbolic link loop, skipped%s"
				                      : "cannot read: %s",
				                      err == ELOOP ? "" : strerror(err));
		} else if (S_ISDIR(s2.st_mode)) {
			rc = walk_dir(in, path, r, stack, depth + 1);
		} else if (!S_ISREG(s2.st_mode)) {
			rc = input_push_error(in, path, id, "not a regular file "
			                      "(a FIFO, socket or device), skipped%s", "");
		} else {
			rc = input_push(in, path, id);
		}
		free(id);
		free(path);
		free(r);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Two inputs may give the same id (a/x.txt and b/x.txt given as files, or
 * "a b" and "a_b" once sanitised); the second would silently replace the
 * first's output files.  Give every later one a "-2", "-3", ... suffix, in
 * input order, so the result is deterministic. */
static int ids_seen_insert(const char **set, size_t mask, const char *id)
{
	size_t h = (size_t)np_hash64(id, strlen(id), 0) & mask;
	while (set[h]) {
		if (strcmp(set[h], id) == 0)
			return 0;
		h = (h + 1) & mask;
	}
	set[h] = id;
	return 1;
}

static int input_dedupe_ids(np_input *in)
{
	size_t cap = 16;
	while (cap < 2 * in->n + 2)
		cap *= 2;
	np_arena *a = np_arena_new();
	const char **set = a ? np_arena_alloc(a, cap * sizeof *set) : NULL;
	int rc = set ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < in->n; i++) {
		input_item *it = &in->items[i];
		if (it->err || !it->id || strcmp(it->path, "-") == 0)
			continue;
		const char *key = np_record__sanitise_id(a, it->id);
		char *unique = (char *)key;
		for (unsigned k = 2; key && unique && !ids_seen_insert(set, cap - 1, unique); k++)
			unique = np_arena_printf(a, "%s-%u", key, k);
		if (!key || !unique) {
			rc = -1;
		} else if (unique != key) {
			char *copy = strdup(unique);
			if (!copy) {
				rc = -1;
			} else {
				free(it->id);
				it->id = copy;
			}
		}
	}
	np_arena_free(a);
	return rc;
}

int np_input_open(np_input **out, const char *const *paths, size_t n_paths,
                  const np_options *opts, np_ctx *ctx)
{
	*out = NULL;
	np_input *in = calloc(1, sizeof *in);
	if (!in)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	in->opts = opts;
	in->ctx = ctx;
	visited *stack = calloc(257, sizeof *stack);
	int rc = stack ? 0 : -1;
	for (size_t i = 0; i < n_paths && rc == 0; i++) {
		const char *p = paths[i];
		struct stat st;
		if (strcmp(p, "-") == 0) {
			rc = input_push(in, "-", "stdin");
		} else if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = walk_dir(in, p, "", stack, 0);
		} else {
			const char *base = strrchr(p, '/');
			char *id = id_from_path(base ? base + 1 : p);
			rc = id ? input_push(in, p, id) : -1;
			free(id);
		}
	}
	free(stack);
	if (rc == 0)
		rc = input_dedupe_ids(in);
	if (rc < 0) {
		np_input_free(in);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	*out = in;
	return NP_OK;
}

static int read_fd(int fd, char **out, size_t *len, size_t limit)
{
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > limit) {
				free(buf);
				return -EFBIG;
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + n, cap - n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int err = errno;
			free(buf);
			return -err;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* Only regular files are sniffed for archives: opening a FIFO to look at
 * its first bytes would block, or eat the bytes the article needs. */
static int input_maybe_archive(const input_item *it)
{
	struct stat st;
	return !it->err && strcmp(it->path, "-") != 0 && stat(it->path, &st) == 0 &&
	       S_ISREG(st.st_mode) && np_arc_input__detect(it->path);
}

int np_input_next(np_input *in, const char **id, const char **source,
                  const char **bytes, size_t *len)
{
	free(in->bytes);
	in->bytes = NULL;
	in->len = 0;
	size_t limit = in->opts && in->opts->max_article_bytes
	                   ? in->opts->max_article_bytes
	                   : (size_t)64 * 1024 * 1024;
	/* An archive given as input yields its entries (read_archive.c). */
	while (in->arc || (in->next < in->n &&
	                   input_maybe_archive(&in->items[in->next]))) {
		if (!in->arc) {
			input_item *a = &in->items[in->next++];
			*id = a->id;
			*source = a->path;
			int rc = np_arc_input__open(&in->arc, a->path, NULL, 0, limit,
			                            in->ctx);
			if (rc < 0)
				return rc;
		}
		int rc = np_arc_input__next(in->arc, id, source, bytes, len);
		if (rc != 0)
			return rc;
		np_arc_input__free(in->arc);
		in->arc = NULL;
	}
	if (in->next >= in->n)
		return 0;
	input_item *it = &in->items[in->next++];
	*id = it->id;
	*source = it->path;
	if (it->err)
		return np_ctx_set_error(in->ctx, NP_EIO, "%s", it->err);
	int fd = 0;
	if (strcmp(it->path, "-") != 0) {
		fd = open(it->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return np_ctx_set_error(in->ctx, errno == ENOENT ? NP_ENOTFOUND : NP_EIO,
			                        "%s: cannot open: %s", it->path,
			                        strerror(errno));
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return np_ctx_set_error(in->ctx, NP_EIO, "%s: is a folder, not a file",
			                        it->path);
		}
	}
	int rc = read_fd(fd, &in->bytes, &in->len, limit);
	if (fd > 0)
		close(fd);
	if (rc == -EFBIG)
		return np_ctx_set_error(in->ctx, NP_ELIMIT,
		                        "%s: larger than the limit of %zu bytes "
		                        "(--max-article-bytes)", it->path, limit);
	if (rc < 0)
		return np_ctx_set_error(in->ctx, NP_EIO, "%s: cannot read: %s",
		                        it->path, strerror(-rc));
	if (fd == 0 && np_read_archive__sniff(in->bytes, in->len)) {
		/* An archive on stdin: its entries are the articles. */
		rc = np_arc_input__open(&in->arc, "-", in->bytes, in->len, limit,
		                        in->ctx);
		in->bytes = NULL;
		in->len = 0;
		return rc < 0 ? rc : np_input_next(in, id, source, bytes, len);
	}
	*bytes = in->bytes;
	*len = in->len;
	return 1;
}

void np_input_free(np_input *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->n; i++) {
		free(in->items[i].path);
		free(in->items[i].id);
		free(in->items[i].err);
	}
	free(in->items);
	free(in->bytes);
	np_arc_input__free(in->arc);
	free(in);
}

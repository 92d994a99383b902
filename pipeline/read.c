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

/* The inputs are walked lazily, one item per np_input_next, so a run over
 * millions of files holds only the folders on the current path (their
 * sorted entry names), never a list of the whole batch. */
typedef struct walk_frame {
	char *dir;    /* the folder's path, as opened */
	char *rel;    /* its path relative to the root argument ("" for the root) */
	char **names; /* its entries, byte-sorted: a type byte ('f' a regular
	               * file, '?' to be asked), then the name */
	size_t n, i;  /* entries, and the next one to look at */
	dev_t dev;    /* identity, to tell a symbolic link loop */
	ino_t ino;
} walk_frame;

#define WALK_MAX_DEPTH 256

/* The ids handed out so far, as two 64-bit hashes each (16 bytes an id, so
 * the set stays small in a batch of millions; two independent hashes make a
 * false "taken" about 2^-100 likely). */
typedef struct id_set {
	uint64_t (*slot)[2];
	size_t cap, n; /* cap: a power of two, or 0 */
} id_set;

struct np_input {
	const np_options *opts;
	np_ctx *ctx;
	char **args;          /* the paths given, in order */
	size_t n_args, next_arg;
	walk_frame stack[WALK_MAX_DEPTH + 1];
	size_t depth;         /* frames in use */
	char *path, *id, *err; /* the current item (err: it failed while walking) */
	int regular;          /* the item is known to be a regular file */
	id_set seen;
	struct { dev_t dev; ino_t ino; } skip[8]; /* folders never walked into */
	size_t n_skip;
	char *bytes;          /* the current article */
	size_t len;
	np_arc_input *arc;    /* an archive given as input, being read */
};

static void input_clear_item(np_input *in)
{
	free(in->path);
	free(in->id);
	free(in->err);
	in->path = in->id = in->err = NULL;
	in->regular = 0;
}

/* Make (path, id) the current item: 1, or -1 when out of memory. */
static int input_item(np_input *in, const char *path, const char *id)
{
	input_clear_item(in);
	in->path = strdup(path);
	in->id = id ? strdup(id) : NULL;
	return in->path && (!id || in->id) ? 1 : -1;
}

/* An item that failed while the folders were walked: np_input_next reports
 * it, in order, as a failed article naming the path and the reason. */
static int input_item_error(np_input *in, const char *path, const char *id,
                            const char *fmt, const char *detail)
{
	if (input_item(in, path, id ? id : path) < 0)
		return -1;
	size_t n = strlen(path) + strlen(fmt) + (detail ? strlen(detail) : 0) + 8;
	in->err = malloc(n);
	if (!in->err)
		return -1;
	snprintf(in->err, n, "%s: ", path);
	size_t o = strlen(in->err);
	snprintf(in->err + o, n - o, fmt, detail ? detail : "");
	return 1;
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
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static void frame_free(walk_frame *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->dir);
	free(f->rel);
	memset(f, 0, sizeof *f);
}

/* A folder's entries, hidden ones (and ".", "..") left out, byte-sorted. */
static int read_names(DIR *d, char ***out, size_t *count)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(names, cap * sizeof *p);
			if (!p)
				goto oom;
			names = p;
		}
		/* the entry's type rides in a first byte: a regular file needs no
		 * stat of its own (0: unknown, a link, ...: walk_entry asks) */
		size_t len = strlen(e->d_name);
		if (!(names[n] = malloc(len + 2)))
			goto oom;
		names[n][0] = e->d_type == DT_REG ? 'f' : '?';
		memcpy(names[n] + 1, e->d_name, len + 1);
		n++;
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	*out = names;
	*count = n;
	return 0;
oom:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -1;
}

/* Step into a folder.  0: its frame is on the stack; 1: it cannot be walked
 * and is the current item, failed (unreadable, a symbolic link loop, too
 * deep); -1: out of memory.  Links are followed; a folder already on the
 * current path is a loop. */
static int walk_enter(np_input *in, const char *dir, const char *rel)
{
	struct stat st;
	if (stat(dir, &st) < 0)
		return input_item_error(in, dir, rel, "cannot read folder: %s",
		                        strerror(errno));
	for (size_t i = 0; i < in->depth; i++)
		if (in->stack[i].dev == st.st_dev && in->stack[i].ino == st.st_ino)
			return input_item_error(in, dir, rel, "symbolic link loop "
			                        "(the folder contains itself), skipped%s", "");
	if (in->depth >= WALK_MAX_DEPTH)
		return input_item_error(in, dir, rel, "folders nested deeper than 256 "
		                        "levels, skipped%s", "");
	DIR *d = opendir(dir);
	if (!d)
		return input_item_error(in, dir, rel, "cannot open folder: %s",
		                        strerror(errno));
	walk_frame *f = &in->stack[in->depth];
	memset(f, 0, sizeof *f);
	int rc = read_names(d, &f->names, &f->n);
	closedir(d);
	f->dir = strdup(dir);
	f->rel = strdup(rel);
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	if (rc < 0 || !f->dir || !f->rel) {
		frame_free(f);
		return -1;
	}
	in->depth++;
	return 0;
}

static int input_skipped(const np_input *in, const struct stat *st)
{
	for (size_t i = 0; i < in->n_skip; i++)
		if (in->skip[i].dev == st->st_dev && in->skip[i].ino == st->st_ino)
			return 1;
	return 0;
}

/* The next entry of the innermost folder: 1 an item (maybe failed), 0 a
 * folder was stepped into, -1 out of memory. */
static int walk_entry(np_input *in, walk_frame *f, const char *entry)
{
	const char *name = entry + 1;
	size_t plen = strlen(f->dir) + strlen(name) + 2;
	size_t rlen = strlen(f->rel) + strlen(name) + 2;
	char *path = malloc(plen), *rel = malloc(rlen);
	if (!path || !rel) {
		free(path);
		free(rel);
		return -1;
	}
	int slash = plen > 2 && f->dir[strlen(f->dir) - 1] == '/';
	snprintf(path, plen, slash ? "%s%s" : "%s/%s", f->dir, name);
	snprintf(rel, rlen, "%s%s%s", f->rel, *f->rel ? "/" : "", name);
	char *id = id_from_path(rel);
	struct stat st;
	int rc;
	if (!id) {
		rc = -1;
	} else if (entry[0] == 'f') {
		rc = input_item(in, path, id); /* readdir said: a regular file */
		in->regular = 1;
	} else if (stat(path, &st) < 0) {
		int err = errno;
		struct stat ls;
		if (err == ENOENT && lstat(path, &ls) == 0 && S_ISLNK(ls.st_mode))
			rc = input_item_error(in, path, id, "dangling symbolic link "
			                      "(its target is missing), skipped%s", "");
		else
			rc = input_item_error(in, path, id, err == ELOOP
			                      ? "symbolic link loop, skipped%s"
			                      : "cannot read: %s",
			                      err == ELOOP ? "" : strerror(err));
	} else if (S_ISDIR(st.st_mode) && input_skipped(in, &st)) {
		rc = 0; /* the run's own output folder: its files are no input */
	} else if (S_ISDIR(st.st_mode)) {
		rc = walk_enter(in, path, rel); /* a fixed array: f stays valid */
	} else if (!S_ISREG(st.st_mode)) {
		rc = input_item_error(in, path, id, "not a regular file "
		                      "(a FIFO, socket or device), skipped%s", "");
	} else {
		rc = input_item(in, path, id);
		in->regular = 1;
	}
	free(id);
	free(path);
	free(rel);
	return rc;
}

/* The next item of the run, walking folders as it goes: 1 (current item
 * set), 0 at the end, -1 out of memory. */
static int input_advance(np_input *in)
{
	input_clear_item(in);
	for (;;) {
		if (in->depth > 0) {
			walk_frame *f = &in->stack[in->depth - 1];
			if (f->i == f->n) {
				frame_free(f);
				in->depth--;
				continue;
			}
			int rc = walk_entry(in, f, f->names[f->i++]);
			if (rc != 0)
				return rc;
			continue;
		}
		if (in->next_arg == in->n_args)
			return 0;
		const char *p = in->args[in->next_arg++];
		struct stat st;
		if (strcmp(p, "-") == 0)
			return input_item(in, "-", "stdin");
		int found = stat(p, &st) == 0;
		if (found && S_ISDIR(st.st_mode)) {
			int rc = walk_enter(in, p, "");
			if (rc != 0)
				return rc;
			continue;
		}
		int regular = found && S_ISREG(st.st_mode);
		const char *base = strrchr(p, '/');
		char *id = id_from_path(base ? base + 1 : p);
		int rc = id ? input_item(in, p, id) : -1;
		in->regular = regular;
		free(id);
		return rc;
	}
}

/* Two inputs may give the same id (a/x.txt and b/x.txt given as files, or
 * "a b" and "a_b" once sanitised); the second would silently replace the
 * first's output files.  Every later one gets a "-2", "-3", ... suffix, in
 * input order, so the result is deterministic.  1: `id` was free and is
 * now taken; 0: taken before; -1: out of memory. */
static int id_set_take(id_set *s, const char *id)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t ncap = s->cap ? 2 * s->cap : 1024;
		uint64_t (*ns)[2] = calloc(ncap, sizeof *ns);
		if (!ns)
			return -1;
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->slot[i][0] && !s->slot[i][1])
				continue;
			size_t h = (size_t)s->slot[i][0] & (ncap - 1);
			while (ns[h][0] || ns[h][1])
				h = (h + 1) & (ncap - 1);
			ns[h][0] = s->slot[i][0];
			ns[h][1] = s->slot[i][1];
		}
		free(s->slot);
		s->slot = ns;
		s->cap = ncap;
	}
	size_t len = strlen(id);
	uint64_t a = np_hash64(id, len, 0x6e70);
	uint64_t b = np_hash64(id, len, 0x9e3779b97f4a7c15u) | 1; /* never (0, 0) */
	size_t h = (size_t)a & (s->cap - 1);
	while (s->slot[h][0] || s->slot[h][1]) {
		if (s->slot[h][0] == a && s->slot[h][1] == b)
			return 0;
		h = (h + 1) & (s->cap - 1);
	}
	s->slot[h][0] = a;
	s->slot[h][1] = b;
	s->n++;
	return 1;
}

static int input_dedupe_id(np_input *in)
{
	if (in->err || !in->id || strcmp(in->path, "-") == 0)
		return 0;
	np_arena *a = np_arena_new();
	const char *key = a ? np_record__sanitise_id(a, in->id) : NULL;
	const char *unique = key;
	int taken = 0;
	for (unsigned k = 2; unique && (taken = id_set_take(&in->seen, unique)) == 0; k++)
		unique = np_arena_printf(a, "%s-%u", key, k);
	int rc = unique && taken > 0 ? 0 : -1;
	if (rc == 0 && unique != key) {
		char *copy = strdup(unique);
		if (copy) {
			free(in->id);
			in->id = copy;
		} else {
			rc = -1;
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
	if (!in || !(in->args = calloc(n_paths ? n_paths : 1, sizeof *in->args))) {
		free(in);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	in->opts = opts;
	in->ctx = ctx;
	for (; in->n_args < n_paths; in->n_args++) {
		if (!(in->args[in->n_args] = strdup(paths[in->n_args]))) {
			np_input_free(in);
			return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
		}
	}
	*out = in;
	return NP_OK;
}

#define READ_ARCHIVE 1 /* read_fd: the first bytes are an archive's */

/* The whole of fd.  `expect`: the size of a regular file (or SIZE_MAX):
 * once that much has come in a short read, the file is complete (no read
 * to see the end).  `sniff`: stop with READ_ARCHIVE when the first bytes
 * are an archive's (as np_arc_input__detect reads them: up to 512). */
static int read_fd(int fd, char **out, size_t *len, size_t limit, size_t expect,
                   int sniff)
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
		if (sniff && n == 0 && np_read_archive__sniff(buf, (size_t)k < 512 ? (size_t)k : 512)) {
			free(buf);
			return READ_ARCHIVE;
		}
		n += (size_t)k;
		if (n == expect && n < cap)
			break;
	}
	*out = buf;
	*len = n;
	return 0;
}

int np_input_skip_folder(np_input *in, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return np_ctx_set_error(in->ctx, NP_EIO, "%s: not a folder", path);
	if (in->n_skip == sizeof in->skip / sizeof *in->skip)
		return np_ctx_set_error(in->ctx, NP_ELIMIT, "%s: too many folders to skip",
		                        path);
	in->skip[in->n_skip].dev = st.st_dev;
	in->skip[in->n_skip].ino = st.st_ino;
	in->n_skip++;
	return NP_OK;
}

static int input_open_error(np_input *in)
{
	return np_ctx_set_error(in->ctx, errno == ENOENT ? NP_ENOTFOUND : NP_EIO,
	                        "%s: cannot open: %s", in->path, strerror(errno));
}

/* The end of np_input_next for a file read by read_fd (rc). */
static int input_read_done(np_input *in, int rc, size_t limit, const char **bytes,
                           size_t *len)
{
	if (rc == -EFBIG)
		return np_ctx_set_error(in->ctx, NP_ELIMIT,
		                        "%s: larger than the limit of %zu bytes "
		                        "(--max-article-bytes)", in->path, limit);
	if (rc < 0)
		return np_ctx_set_error(in->ctx, NP_EIO, "%s: cannot read: %s",
		                        in->path, strerror(-rc));
	*bytes = in->bytes;
	*len = in->len;
	return 1;
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
	for (;;) {
		/* An archive given as input yields its entries (read_archive.c). */
		if (in->arc) {
			int rc = np_arc_input__next(in->arc, id, source, bytes, len);
			if (rc != 0)
				return rc;
			np_arc_input__free(in->arc);
			in->arc = NULL;
		}
		int rc = input_advance(in);
		if (rc > 0)
			rc = input_dedupe_id(in);
		if (rc < 0)
			return np_ctx_set_error(in->ctx, NP_ENOMEM, "out of memory");
		if (!in->path)
			return 0;
		*id = in->id;
		*source = in->path;
		if (in->err)
			return np_ctx_set_error(in->ctx, NP_EIO, "%s", in->err);
		if (strcmp(in->path, "-") == 0)
			break;
		/* Only a file known to be regular (readdir's type, or a stat) is
		 * opened here: a FIFO is never opened just to look at it (an
		 * early reader would take its writer's bytes or its end). */
		if (!in->regular)
			break;
		/* One open per file: a regular file is sniffed for an archive
		 * from the first bytes read (np_arc_input__detect's test without
		 * opening it twice); only regular files are, so a FIFO is never
		 * opened just to look at it. */
		int fd = open(in->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
		if (fd < 0)
			return input_open_error(in);
		struct stat st;
		int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
		if (!regular) {
			close(fd);
			break; /* opened again below without O_NONBLOCK, as before */
		}
		rc = np_read_archive__has_extension(in->path)
		         ? READ_ARCHIVE
		         : read_fd(fd, &in->bytes, &in->len, limit,
		                   st.st_size >= 0 && (uint64_t)st.st_size < SIZE_MAX
		                       ? (size_t)st.st_size : SIZE_MAX, 1);
		close(fd);
		if (rc != READ_ARCHIVE)
			return input_read_done(in, rc, limit, bytes, len);
		rc = np_arc_input__open(&in->arc, in->path, NULL, 0, limit, in->ctx);
		if (rc < 0)
			return rc;
	}
	int fd = 0;
	if (strcmp(in->path, "-") != 0) {
		fd = open(in->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return input_open_error(in);
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return np_ctx_set_error(in->ctx, NP_EIO, "%s: is a folder, not a file",
			                        in->path);
		}
	}
	int rc = read_fd(fd, &in->bytes, &in->len, limit, SIZE_MAX, 0);
	if (fd > 0)
		close(fd);
	if (rc >= 0 && fd == 0 && np_read_archive__sniff(in->bytes, in->len)) {
		/* An archive on stdin: its entries are the articles. */
		rc = np_arc_input__open(&in->arc, "-", in->bytes, in->len, limit,
		                        in->ctx);
		in->bytes = NULL;
		in->len = 0;
		return rc < 0 ? rc : np_input_next(in, id, source, bytes, len);
	}
	return input_read_done(in, rc, limit, bytes, len);
}

void np_input_free(np_input *in)
{
	if (!in)
		return;
	while (in->depth > 0)
		frame_free(&in->stack[--in->depth]);
	for (size_t i = 0; i < in->n_args; i++)
		free(in->args[i]);
	free(in->args);
	input_clear_item(in);
	free(in->seen.slot);
	free(in->bytes);
	np_arc_input__free(in->arc);
	free(in);
}

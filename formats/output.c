/* output.c - where finished files go: a folder, written atomically.
 *
 * Every file is written whole before it gets its real name (an unnamed
 * O_TMPFILE linked into place, or a temporary name renamed), so an
 * interrupted or failed run never leaves a half-written file under a real
 * name. */
#define _GNU_SOURCE 1 /* O_TMPFILE */
#include "format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <stdatomic.h>
#include <unistd.h>

static int write_all(int fd, const char *data, size_t len);

/* How a folder output creates its files, learnt once per run. */
typedef struct {
	_Atomic int no_tmpfile; /* O_TMPFILE or /proc/self/fd unusable here */
	_Atomic int replacing;  /* a target existed: link a temporary, rename it */
	int chmod;              /* the umask (or an ACL) may take bits of 0644 */
} output_how;

int np_output_put(np_output *o, const char *name, const void *data, size_t len)
{
	return o->put(o, name, data, len);
}

int np_output__put_fd(np_output *o, const char *name, int fd, uint64_t len)
{
	if (o->put_fd)
		return o->put_fd(o, name, fd, len);
	if (len > SIZE_MAX)
		return np_ctx_set_error(o->ctx, NP_EIO, "%s: too big to map", name);
	if (len == 0)
		return o->put(o, name, "", 0);
	void *map = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return np_ctx_set_error(o->ctx, NP_EIO, "%s: cannot map a temporary "
		                        "file: %s", name, strerror(errno));
	int rc = o->put(o, name, map, (size_t)len);
	munmap(map, (size_t)len);
	return rc;
}

int np_output__put_parts(np_output *o, const char *name, const np_output_part *parts,
                         size_t n)
{
	if (o->put_parts)
		return o->put_parts(o, name, parts, n);
	if (n == 1 && parts[0].fd < 0)
		return o->put(o, name, parts[0].data, (size_t)parts[0].len);
	if (n == 1)
		return np_output__put_fd(o, name, parts[0].fd, parts[0].len);
	/* joined in a temporary file, then put from there */
	FILE *f = tmpfile();
	uint64_t len = 0;
	int err = f ? 0 : errno;
	for (size_t i = 0; i < n && !err; i++) {
		if ((parts[i].fd >= 0
		     ? np_output__copy_fd(fileno(f), parts[i].fd, parts[i].len, NULL, NULL)
		     : write_all(fileno(f), parts[i].data, (size_t)parts[i].len)) < 0)
			err = errno;
		len += parts[i].len;
	}
	int rc = err ? np_ctx_set_error(o->ctx, NP_EIO, "%s: cannot write a temporary "
	                                "file: %s", name, strerror(err))
	             : np_output__put_fd(o, name, fileno(f), len);
	if (f)
		fclose(f);
	return rc;
}

int np_output_close(np_output *o) { return o->close ? o->close(o) : NP_OK; }

void np_output_free(np_output *o)
{
	if (o && o->free)
		o->free(o);
}

/* The folders a dir_output has made (or found) so far: an open-addressing
 * set of paths, so that each folder costs its mkdir calls once per run,
 * not once per file.  Puts may come from worker threads (a library user's
 * writers), so the set has its own lock; mkdir itself is idempotent. */
typedef struct {
	char **slot;
	size_t cap, n;
} dir_set;

typedef struct {
	np_output base;
	char *dir;
	dir_set made;
	pthread_mutex_t lock; /* guards `made` */
	output_how how;
} dir_output;

static size_t dir_set_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The slot of folder s[0..n): where it is, or the empty one it would take. */
static char **dir_set_find(const dir_set *set, const char *s, size_t n)
{
	size_t i = dir_set_hash(s, n) & (set->cap - 1);
	while (set->slot[i] && !(strncmp(set->slot[i], s, n) == 0 && set->slot[i][n] == '\0'))
		i = (i + 1) & (set->cap - 1);
	return &set->slot[i];
}

static int dir_set_has(const dir_set *set, const char *s, size_t n)
{
	return set->cap && *dir_set_find(set, s, n);
}

/* Remember folder s[0..n); failing to (no memory) only costs mkdir calls. */
static void dir_set_add(dir_set *set, const char *s, size_t n)
{
	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 16;
		char **slot = calloc(cap, sizeof *slot);
		if (!slot)
			return;
		dir_set old = *set;
		set->slot = slot;
		set->cap = cap;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i])
				*dir_set_find(set, old.slot[i], strlen(old.slot[i])) = old.slot[i];
		free(old.slot);
	}
	char **at = dir_set_find(set, s, n);
	if (*at || !(*at = strndup(s, n)))
		return;
	set->n++;
}

static void dir_set_dispose(dir_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof *set);
}

/* mkdir -p for every parent of path (path itself is a file). */
static int mkdir_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		int err = errno;
		*p = '/';
		if (rc < 0 && err != EEXIST)
			return -1;
	}
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t k = write(fd, data, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += k;
		len -= (size_t)k;
	}
	return 0;
}

static int write_parts(int fd, const np_output_part *parts, size_t n_parts)
{
	for (size_t i = 0; i < n_parts; i++)
		if ((parts[i].fd >= 0
		     ? np_output__copy_fd(fd, parts[i].fd, parts[i].len, NULL, NULL)
		     : write_all(fd, parts[i].data, (size_t)parts[i].len)) < 0)
			return errno;
	return 0;
}

/* Named temporary beside the target (mkstemp), chmod, rename: the way
 * that works on every file system. */
static int output_write_named(const char *path, const np_output_part *parts,
                              size_t n_parts, int have_parents, np_ctx *ctx)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp.XXXXXX", 12);
	if (!have_parents && mkdir_parents(tmp) < 0) {
		int err = errno;
		free(tmp);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create folder: %s",
		                        path, strerror(err));
	}
	int fd = mkstemp(tmp);
	if (fd < 0 && errno == ENOENT && have_parents) {
		/* a folder removed under us: make it again, as a first write would */
		memcpy(tmp + n, ".tmp.XXXXXX", 12);
		if (mkdir_parents(tmp) == 0) {
			memcpy(tmp + n, ".tmp.XXXXXX", 12);
			fd = mkstemp(tmp);
		} else {
			int err = errno;
			free(tmp);
			return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create folder: %s",
			                        path, strerror(err));
		}
	}
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create: %s", path,
		                        strerror(err));
	}
	int err = write_parts(fd, parts, n_parts);
	if (fchmod(fd, 0644) < 0 && !err)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) < 0)
		err = errno;
	if (err) {
		unlink(tmp);
		free(tmp);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot write: %s", path,
		                        strerror(err));
	}
	free(tmp);
	return NP_OK;
}

#define OUTPUT_UNSUPPORTED 1

/* An unnamed file in the target's folder (O_TMPFILE), written whole, then
 * given its name with linkat: nothing is visible before it is complete,
 * nothing is left behind if the run dies, and a new file costs open,
 * write, linkat and close (the named way adds fchmod and rename, and a
 * directory entry made and removed).  A target that exists already is
 * replaced atomically through a linked temporary name and rename.
 * OUTPUT_UNSUPPORTED when the file system or the kernel cannot do it
 * (nothing was created: the caller writes the named way). */
static int output_write_linked(const char *path, const np_output_part *parts,
                               size_t n_parts, output_how *how, np_ctx *ctx)
{
	size_t n = strlen(path);
	char *buf = malloc(2 * n + 48);
	if (!buf)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	char *dir = buf, *tmp = buf + n + 2;
	const char *slash = strrchr(path, '/');
	if (!slash)
		memcpy(dir, ".", 2);
	else {
		size_t dl = slash == path ? 1 : (size_t)(slash - path);
		memcpy(dir, path, dl);
		dir[dl] = '\0';
	}
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		/* a first file in a new folder (or a folder removed under us) */
		memcpy(tmp, path, n + 1);
		if (mkdir_parents(tmp) < 0) {
			int err = errno;
			free(buf);
			return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create folder: %s",
			                        path, strerror(err));
		}
		fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	}
	if (fd < 0) {
		int err = errno;
		free(buf);
		if (err == EOPNOTSUPP || err == EISDIR || err == EINVAL)
			return OUTPUT_UNSUPPORTED;
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create: %s", path,
		                        strerror(err));
	}
	int err = write_parts(fd, parts, n_parts);
	if (!err && how->chmod && fchmod(fd, 0644) < 0)
		err = errno;
	char proc[40];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	int linked = 0;
	if (!err && !atomic_load_explicit(&how->replacing, memory_order_relaxed)) {
		if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
			linked = 1;
		else if (errno == EEXIST)
			atomic_store_explicit(&how->replacing, 1, memory_order_relaxed);
		else
			err = errno;
	}
	if (!err && !linked) {
		/* replace: a temporary name of our own, then rename over */
		static _Atomic unsigned seq;
		static _Atomic long pid; /* (after a fork a clash only costs a retry) */
		long me = atomic_load_explicit(&pid, memory_order_relaxed);
		if (!me)
			atomic_store_explicit(&pid, me = (long)getpid(), memory_order_relaxed);
		int rc = -1;
		for (int tries = 0; tries < 64 && rc < 0; tries++) {
			snprintf(tmp, n + 46, "%s.tmp.%ld.%u", path, me,
			         atomic_fetch_add_explicit(&seq, 1, memory_order_relaxed));
			rc = linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW);
			if (rc < 0 && errno != EEXIST)
				break;
		}
		if (rc < 0)
			err = errno;
		else if (rename(tmp, path) < 0) {
			err = errno;
			unlink(tmp);
		} else
			linked = 1;
	}
	if (close(fd) < 0 && !err)
		err = errno;
	if (err && !linked && (err == ENOENT || err == EXDEV || err == EOPNOTSUPP) &&
	    access("/proc/self/fd", X_OK) < 0) {
		free(buf);
		return OUTPUT_UNSUPPORTED; /* no /proc to link through */
	}
	free(buf);
	if (err)
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot write: %s", path,
		                        strerror(err));
	return NP_OK;
}

/* As np_output__write_file_atomic; with have_parents set the folders are
 * known to exist (made earlier in the run) and mkdir is tried only if they
 * have gone since. */
static int output_write_atomic(const char *path, const np_output_part *parts,
                               size_t n_parts, int have_parents, output_how *how,
                               np_ctx *ctx)
{
	if (!atomic_load_explicit(&how->no_tmpfile, memory_order_relaxed)) {
		int rc = output_write_linked(path, parts, n_parts, how, ctx);
		if (rc != OUTPUT_UNSUPPORTED)
			return rc;
		atomic_store_explicit(&how->no_tmpfile, 1, memory_order_relaxed);
	}
	return output_write_named(path, parts, n_parts, have_parents, ctx);
}

/* Whether files created in `dir` with mode 0644 get exactly 0644: the
 * process umask (from /proc, read once; umask() itself would change it
 * for a moment under other threads) takes none of its bits and the folder
 * has no default ACL (which would replace the umask). */
static int output_mode_exact(const char *dir)
{
	FILE *f = fopen("/proc/self/status", "re");
	if (!f)
		return 0;
	char line[256];
	unsigned mask = 07777;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Umask: %o", &mask) == 1)
			break;
	fclose(f);
	if (mask & 0644)
		return 0;
	return getxattr(dir, "system.posix_acl_default", NULL, 0) < 0 && errno == ENODATA;
}

#define OUTPUT_CHUNK (256u << 10)

int np_output__copy_fd(int out, int in, uint64_t len,
                       void (*hash)(void *u, const void *p, size_t n), void *u)
{
	char *chunk = malloc(OUTPUT_CHUNK);
	if (!chunk) {
		errno = ENOMEM;
		return -1;
	}
	uint64_t done = 0;
	while (done < len) {
		size_t want = len - done < OUTPUT_CHUNK ? (size_t)(len - done) : OUTPUT_CHUNK;
		ssize_t k = pread(in, chunk, want, (off_t)done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO; /* the file is shorter than it should be */
			free(chunk);
			return -1;
		}
		if (hash)
			hash(u, chunk, (size_t)k);
		if (write_all(out, chunk, (size_t)k) < 0) {
			int err = errno;
			free(chunk);
			errno = err;
			return -1;
		}
		done += (uint64_t)k;
	}
	free(chunk);
	return 0;
}

int np_output__write_file_atomic(const char *path, const void *data, size_t len,
                                 np_ctx *ctx)
{
	np_output_part part = { data, -1, len };
	output_how how = { 0, 0, 1 }; /* one file: chmod it rather than ask */
	return output_write_atomic(path, &part, 1, 0, &how, ctx);
}

/* A file of the folder, made of `n_parts` pieces. */
static int dir_write(np_output *o, const char *name, const np_output_part *parts,
                     size_t n_parts)
{
	dir_output *d = (dir_output *)o;
	size_t n = strlen(d->dir) + strlen(name) + 2;
	char *path = malloc(n);
	if (!path)
		return np_ctx_set_error(o->ctx, NP_ENOMEM, "out of memory");
	snprintf(path, n, "%s/%s", d->dir, name);
	const char *slash = strrchr(path, '/');
	size_t plen = (size_t)(slash - path); /* slash: the one added above, or later */
	pthread_mutex_lock(&d->lock);
	int have = dir_set_has(&d->made, path, plen);
	pthread_mutex_unlock(&d->lock);
	int rc = output_write_atomic(path, parts, n_parts, have, &d->how, o->ctx);
	if (rc >= 0 && !have) {
		pthread_mutex_lock(&d->lock);
		dir_set_add(&d->made, path, plen);
		pthread_mutex_unlock(&d->lock);
	}
	free(path);
	return rc;
}

static int dir_put(np_output *o, const char *name, const void *data, size_t len)
{
	np_output_part part = { data, -1, len };
	return dir_write(o, name, &part, 1);
}

static int dir_put_fd(np_output *o, const char *name, int fd, uint64_t len)
{
	np_output_part part = { NULL, fd, len };
	return dir_write(o, name, &part, 1);
}

static void dir_free(np_output *o)
{
	dir_output *d = (dir_output *)o;
	dir_set_dispose(&d->made);
	pthread_mutex_destroy(&d->lock);
	free(d->dir);
	free(d);
}

int np_output_dir_new(np_output **out, const char *dir, np_ctx *ctx)
{
	*out = NULL;
	dir_output *d = calloc(1, sizeof *d);
	if (!d || !(d->dir = strdup(dir && *dir ? dir : "."))) {
		free(d);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	size_t n = strlen(d->dir);
	while (n > 1 && d->dir[n - 1] == '/')
		d->dir[--n] = '\0';
	/* Create the folder now so that an unwritable target fails up front. */
	char *probe = malloc(n + 3);
	int mkdir_err = 0;
	if (probe) {
		snprintf(probe, n + 3, "%s/x", d->dir);
		if (mkdir_parents(probe) < 0)
			mkdir_err = errno; /* the real reason, e.g. a read-only disk */
		free(probe);
	}
	struct stat st;
	if (stat(d->dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		int err = mkdir_err ? mkdir_err : errno;
		free(d->dir);
		free(d);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create output folder: %s",
		                        dir, err ? strerror(err) : "not a folder");
	}
	pthread_mutex_init(&d->lock, NULL);
	d->how.chmod = !output_mode_exact(d->dir);
	d->base.put = dir_put;
	d->base.put_fd = dir_put_fd;
	d->base.put_parts = dir_write;
	d->base.free = dir_free;
	d->base.ctx = ctx;
	*out = &d->base;
	return NP_OK;
}

static int stdout_put(np_output *o, const char *name, const void *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		return np_ctx_set_error(o->ctx, NP_EIO, "%s: cannot write to stdout: %s",
		                        name, strerror(errno));
	return NP_OK;
}

static int stdout_put_fd(np_output *o, const char *name, int fd, uint64_t len)
{
	if (fflush(stdout) != 0 || np_output__copy_fd(STDOUT_FILENO, fd, len, NULL, NULL) < 0)
		return np_ctx_set_error(o->ctx, NP_EIO, "%s: cannot write to stdout: %s",
		                        name, strerror(errno));
	return NP_OK;
}

static void stdout_free(np_output *o) { free(o); }

int np_output_stdout_new(np_output **out, np_ctx *ctx)
{
	*out = NULL;
	np_output *o = calloc(1, sizeof *o);
	if (!o)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	o->put = stdout_put;
	o->put_fd = stdout_put_fd;
	o->free = stdout_free;
	o->ctx = ctx;
	*out = o;
	return NP_OK;
}

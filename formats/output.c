/* output.c - where finished files go: a folder, written atomically.
 *
 * Every file is written to a temporary name beside its target and renamed
 * into place only when complete, so an interrupted or failed run never
 * leaves a half-written file under a real name. */
#include "format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int np_output_put(np_output *o, const char *name, const void *data, size_t len)
{
	return o->put(o, name, data, len);
}

int np_output_close(np_output *o) { return o->close ? o->close(o) : NP_OK; }

void np_output_free(np_output *o)
{
	if (o && o->free)
		o->free(o);
}

typedef struct {
	np_output base;
	char *dir;
} dir_output;

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

int np_output__write_file_atomic(const char *path, const void *data, size_t len,
                                 np_ctx *ctx)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp.XXXXXX", 12);
	if (mkdir_parents(tmp) < 0) {
		int err = errno;
		free(tmp);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create folder: %s",
		                        path, strerror(err));
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot create: %s", path,
		                        strerror(err));
	}
	int err = 0;
	if (write_all(fd, data, len) < 0)
		err = errno;
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

static int dir_put(np_output *o, const char *name, const void *data, size_t len)
{
	dir_output *d = (dir_output *)o;
	size_t n = strlen(d->dir) + strlen(name) + 2;
	char *path = malloc(n);
	if (!path)
		return np_ctx_set_error(o->ctx, NP_ENOMEM, "out of memory");
	snprintf(path, n, "%s/%s", d->dir, name);
	int rc = np_output__write_file_atomic(path, data, len, o->ctx);
	free(path);
	return rc;
}

static void dir_free(np_output *o)
{
	dir_output *d = (dir_output *)o;
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
	d->base.put = dir_put;
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

static void stdout_free(np_output *o) { free(o); }

int np_output_stdout_new(np_output **out, np_ctx *ctx)
{
	*out = NULL;
	np_output *o = calloc(1, sizeof *o);
	if (!o)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	o->put = stdout_put;
	o->free = stdout_free;
	o->ctx = ctx;
	*out = o;
	return NP_OK;
}

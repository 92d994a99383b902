/* spill.c - see spill.h. */
#include "spill.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* 1 MB, like the CSV tables' (csv.c): several sinks fill at once. */
size_t np_spill__bytes = 1u << 20;

static int spill_flush(np_spill *s)
{
	if (!s->file && !(s->file = tmpfile()))
		return -1;
	if (s->buf.len && fwrite(s->buf.data, 1, s->buf.len, s->file) != s->buf.len)
		return -1;
	s->spilled += s->buf.len;
	np_buf_reset(&s->buf);
	return 0;
}

int np_spill__put(np_spill *s, const void *p, size_t n)
{
	if (s->err) {
		errno = s->err;
		return -1;
	}
	if (np_buf_put(&s->buf, n ? p : "", n) < 0)
		errno = ENOMEM;
	else if (s->buf.len <= np_spill__bytes || spill_flush(s) == 0)
		return 0;
	s->err = errno ? errno : EIO;
	return -1;
}

uint64_t np_spill__len(const np_spill *s) { return s->spilled + s->buf.len; }

int np_spill__spilled(const np_spill *s) { return s->file != NULL; }

int np_spill__write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t k = write(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

int np_spill__copy_to(np_spill *s, int fd)
{
	if (s->err) {
		errno = s->err;
		return -1;
	}
	if (s->file) {
		if (fflush(s->file) != 0 ||
		    np_output__copy_fd(fd, fileno(s->file), s->spilled, NULL, NULL) < 0)
			return -1;
	}
	return np_spill__write_all(fd, s->buf.data, s->buf.len);
}

int np_spill__parts(np_spill *s, np_output_part out[2])
{
	if (s->err) {
		errno = s->err;
		return -1;
	}
	int n = 0;
	if (s->file) {
		if (fflush(s->file) != 0)
			return -1;
		out[n++] = (np_output_part){ NULL, fileno(s->file), s->spilled };
	}
	if (s->buf.len)
		out[n++] = (np_output_part){ s->buf.data, -1, s->buf.len };
	return n;
}

int np_spill__output(np_spill *s, np_output *o, const char *name)
{
	if (s->err)
		return np_ctx_set_error(o->ctx, s->err == ENOMEM ? NP_ENOMEM : NP_EIO,
		                        "%s: not written: %s", name, strerror(s->err));
	if (!s->file)
		return np_output_put(o, name, s->buf.data ? s->buf.data : "", s->buf.len);
	if (spill_flush(s) < 0 || fflush(s->file) != 0)
		return np_ctx_set_error(o->ctx, NP_EIO, "%s: cannot write a temporary "
		                        "file: %s", name, strerror(errno));
	return np_output__put_fd(o, name, fileno(s->file), s->spilled);
}

void np_spill__dispose(np_spill *s)
{
	np_buf_dispose(&s->buf);
	if (s->file)
		fclose(s->file);
	s->file = NULL;
	s->spilled = 0;
}

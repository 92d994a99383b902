/* writer.c - the writer lifecycle: new (open), write*, close, free. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

int np_writer_new(np_writer **out, const char *format, np_output *dest,
                  const np_options *opts, np_ctx *ctx)
{
	static const np_options defaults = NP_OPTIONS_INIT;
	*out = NULL;
	const np_format *fmt = np_format_find(format);
	if (!fmt)
		return np_ctx_set_error(ctx, NP_ENOTFOUND,
		                        "unknown format '%s' (known: %s)",
		                        format ? format : "", np_format_names());
	np_writer *w = calloc(1, sizeof *w);
	if (!w)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	w->fmt = fmt;
	w->dest = dest;
	w->opts = opts ? opts : &defaults;
	w->ctx = ctx;
	int rc = fmt->open ? fmt->open(w) : NP_OK;
	if (rc < 0) {
		np_writer_free(w);
		return rc;
	}
	*out = w;
	return NP_OK;
}

int np_writer_write(np_writer *w, const np_record *rec)
{
	np_output__set_record(w->dest, rec);
	int rc = w->fmt->write(w, rec);
	np_output__set_record(w->dest, NULL);
	return rc;
}

int np_writer_close(np_writer *w)
{
	return w->fmt->close ? w->fmt->close(w) : NP_OK;
}

void np_writer_free(np_writer *w)
{
	if (!w)
		return;
	if (w->fmt->free)
		w->fmt->free(w);
	free(w);
}

/* An in-memory output that keeps the last file put: how render works. */
typedef struct {
	np_output base;
	np_buf *buf;
} capture_output;

static int capture_put(np_output *o, const char *name, const void *data, size_t len)
{
	(void)name;
	capture_output *c = (capture_output *)o;
	np_buf_reset(c->buf);
	return np_buf_put(c->buf, data, len) < 0 ? NP_ENOMEM : NP_OK;
}

int np_format__render(np_buf *out, const char *name, const np_record *rec,
                      const np_options *opts, np_ctx *ctx)
{
	capture_output cap = { { capture_put, NULL, NULL, ctx, NULL, NULL }, out };
	np_writer *w = NULL;
	int rc = np_writer_new(&w, name, &cap.base, opts, ctx);
	if (rc < 0)
		return rc;
	rc = np_writer_write(w, rec);
	if (rc >= 0)
		rc = np_writer_close(w);
	np_writer_free(w);
	return rc;
}

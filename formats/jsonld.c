/* jsonld.c - <id>.jsonld: one schema.org NewsArticle per article.
 *
 * The document is built by json_ld.c (shared with jsonl); this file only
 * renders it: indented with --pretty, else on one line, and always safe to
 * paste into an HTML <script type="application/ld+json"> element. */
#include "json_build.h"

#include <stdlib.h>

static int jsonld_open(np_writer *w)
{
	return np_json__check_base_url(w->opts, "jsonld", w->ctx);
}

/* Render one record's JSON-LD into `out`. */
static int jsonld_render(np_buf *out, const np_record *rec,
                         const np_options *opts, np_ctx *ctx)
{
	np_jb b;
	np_json__init(&b, "jsonld", rec, opts, ctx);
	json_t *doc = np_json__jsonld(&b);
	if (!doc)
		return b.rc < 0 ? b.rc : NP_EFORMAT;
	int rc = np_json__dump(&b, out, doc, opts->pretty, 1);
	json_decref(doc);
	return rc;
}

static int jsonld_write(np_writer *w, const np_record *rec)
{
	np_buf out = NP_BUF_INIT;
	int rc = jsonld_render(&out, rec, w->opts, w->ctx);
	if (rc >= 0) {
		char *path = np_format__article_path(rec, "jsonld");
		rc = path ? np_output_put(w->dest, path, out.data, out.len)
		          : np_ctx_set_error(w->ctx, NP_ENOMEM, "out of memory");
		free(path);
	}
	np_buf_dispose(&out);
	return rc;
}

const np_format np_format_jsonld = { "jsonld", "jsonld", jsonld_open,
	jsonld_write, NULL, NULL };

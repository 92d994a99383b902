/* pipeline.c - np_process_buffer: run every stage over one article. */
#include "stages.h"

#include <string.h>

#define NP_DEFAULT_MAX_ARTICLE (64u * 1024u * 1024u)

typedef int (*np_stage_fn)(np_record *rec, np_ctx *ctx);

static const np_stage_fn pipeline_stages[] = {
	np_stage_decode,   np_stage_html,     np_stage_normalise,
	np_stage_segment,  np_stage_entities, np_stage_quotes,
};

int np_process_buffer(np_record **out, const char *id, const char *source,
                      const char *bytes, size_t len, const np_options *opts,
                      np_ctx *ctx)
{
	static const np_options defaults = NP_OPTIONS_INIT;
	if (!out || (!bytes && len))
		return np_ctx_set_error(ctx, NP_EINVAL, "np_process_buffer: no input");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	size_t limit = opts->max_article_bytes ? opts->max_article_bytes
	                                       : NP_DEFAULT_MAX_ARTICLE;
	const char *name = source ? source : (id ? id : "-");
	if (len > limit)
		return np_ctx_set_error(ctx, NP_ELIMIT,
		                        "%s: %zu bytes is over the limit of %zu "
		                        "(--max-article-bytes)", name, len, limit);
	np_record *rec = np_record__new(id, source, bytes ? bytes : "", len);
	if (!rec)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory", name);
	rec->opts = opts;
	int status = NP_OK;
	for (size_t i = 0; i < sizeof pipeline_stages / sizeof *pipeline_stages; i++) {
		int rc = pipeline_stages[i](rec, ctx);
		if (rc < 0) {
			np_record_free(rec);
			return rc;
		}
	}
	rec->opts = NULL;
	if (rec->n_warns)
		status = NP_WARN;
	*out = rec;
	return status;
}

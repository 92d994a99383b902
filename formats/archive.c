/* archive.c - placeholder until the archive output lands. */
#include "format.h"

int np_output_archive_new(np_output **out, const char *path,
                          const np_options *opts, np_ctx *ctx)
{
	(void)opts;
	*out = NULL;
	return np_ctx_set_error(ctx, NP_EFORMAT, "%s: archives not written yet", path);
}

int np_verify_bundle(const char *path, const char *xsd, FILE *report, np_ctx *ctx)
{
	(void)xsd;
	(void)report;
	return np_ctx_set_error(ctx, NP_EFORMAT, "%s: verify not written yet", path);
}

/* jsonld.c - placeholder until the jsonld exporter lands. */
#include "format.h"

static int jsonld_write(np_writer *w, const np_record *rec)
{
	(void)rec;
	return np_ctx_set_error(w->ctx, NP_EFORMAT, "jsonld: not written yet");
}

const np_format np_format_jsonld = { "jsonld", "jsonld", NULL, jsonld_write, NULL, NULL };

/* newsml.c - placeholder until the newsml exporter lands. */
#include "format.h"

static int newsml_write(np_writer *w, const np_record *rec)
{
	(void)rec;
	return np_ctx_set_error(w->ctx, NP_EFORMAT, "newsml: not written yet");
}

const np_format np_format_newsml = { "newsml", "newsml", NULL, newsml_write, NULL, NULL };

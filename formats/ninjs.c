/* ninjs.c - placeholder until the ninjs exporter lands. */
#include "format.h"

static int ninjs_write(np_writer *w, const np_record *rec)
{
	(void)rec;
	return np_ctx_set_error(w->ctx, NP_EFORMAT, "ninjs: not written yet");
}

const np_format np_format_ninjs = { "ninjs", "ninjs", NULL, ninjs_write, NULL, NULL };

/* jsonl.c - placeholder until the jsonl exporter lands. */
#include "format.h"

static int jsonl_write(np_writer *w, const np_record *rec)
{
	(void)rec;
	return np_ctx_set_error(w->ctx, NP_EFORMAT, "jsonl: not written yet");
}

const np_format np_format_jsonl = { "jsonl", "jsonl", NULL, jsonl_write, NULL, NULL };

/* csv.c - placeholder until the csv exporter lands. */
#include "format.h"

static int csv_write(np_writer *w, const np_record *rec)
{
	(void)rec;
	return np_ctx_set_error(w->ctx, NP_EFORMAT, "csv: not written yet");
}

const np_format np_format_csv = { "csv", "csv", NULL, csv_write, NULL, NULL };

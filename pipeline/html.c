/* html.c - HTML input: the article's paragraphs and metadata from a page. */
#include "stages.h"

int np_stage_html(np_record *rec, np_ctx *ctx)
{
	(void)rec;
	(void)ctx;
	return NP_OK; /* plain text only in this version */
}

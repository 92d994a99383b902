/* quotes.c - who said what. */
#include "stages.h"

int np_stage_quotes(np_record *rec, np_ctx *ctx)
{
	(void)rec;
	(void)ctx;
	return NP_OK;
}

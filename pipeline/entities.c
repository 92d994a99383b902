/* entities.c - people, organisations and places. */
#include "stages.h"

int np_stage_entities(np_record *rec, np_ctx *ctx)
{
	(void)rec;
	(void)ctx;
	return NP_OK;
}

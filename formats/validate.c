/* validate.c - placeholder until NewsML-G2 validation lands. */
#include "format.h"

int np_validate_newsml(const char *path, const char *xsd, FILE *report, np_ctx *ctx)
{
	(void)xsd;
	(void)report;
	return np_ctx_set_error(ctx, NP_EFORMAT, "%s: validate not written yet", path);
}

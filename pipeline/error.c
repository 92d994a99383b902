/* error.c - the context: the last error message of a run. */
#include "newsprism.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct np_ctx {
	char message[1024];
};

np_ctx *np_ctx_new(void) { return calloc(1, sizeof(np_ctx)); }

void np_ctx_free(np_ctx *ctx) { free(ctx); }

const char *np_ctx_error(const np_ctx *ctx) { return ctx ? ctx->message : ""; }

void np_ctx_clear(np_ctx *ctx)
{
	if (ctx)
		ctx->message[0] = '\0';
}

int np_ctx_set_error(np_ctx *ctx, int code, const char *fmt, ...)
{
	if (!ctx)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
	va_end(ap);
	return code;
}

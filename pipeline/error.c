/* error.c - the context: the last error message of a run. */
#include "newsprism.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct np_ctx {
	char message[1024];
};

static pthread_once_t np_ctx_libs_once = PTHREAD_ONCE_INIT;

/* libxml2's global state must be set up before two threads use it at once
 * (its lazy set-up races); every run of the library starts with a context,
 * so that is the one place to do it for callers who use threads. */
static void np_ctx_init_libs(void) { xmlInitParser(); }

np_ctx *np_ctx_new(void)
{
	pthread_once(&np_ctx_libs_once, np_ctx_init_libs);
	return calloc(1, sizeof(np_ctx));
}

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

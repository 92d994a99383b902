/* cli.h - what the parts of the newsprism command share. */
#ifndef NP_CLI_H
#define NP_CLI_H

#include "newsprism.h"

#include <signal.h>
#include <stdio.h>
#include <time.h>

#define EXIT_FAILED_SOME 1
#define EXIT_USAGE 2
#define MAX_FORMATS 16

typedef enum { STREAM_IN_JSON = 0, STREAM_IN_TEXT } stream_input;

typedef struct cli {
	np_options opts;
	const char *outdir;
	const char *formats;
	const char *archive;
	const char *schema;
	const char *stream_formats;
	stream_input stream_in;
	int embed_strings;        /* stream: JSON outputs as strings, not objects */
	long jobs;                /* 0 = online cores */
	int quiet, verbose, progress, fail_fast;
	int formats_given;        /* -f was on the command line */
	np_meta_override meta[64];
	size_t n_meta;
} cli;

extern volatile sig_atomic_t np_cli_interrupted;

/* "newsprism: <message>\nTry 'newsprism --help'." and EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);
/* Split a -f list into registered names; prints the usage error itself. */
int cli_split_formats(const char *list, char names[][32], size_t *n);
/* -j resolved: the given number, else the online cores. */
int cli_jobs(const cli *c);

int cmd_convert(cli *c, int n_inputs, char **inputs, int extract_only);
int cmd_stream(cli *c, int n_args, char **args);

/* ---- progress and the summary line (progress.c) ---------------------- */
typedef struct progress {
	int enabled;
	long total;               /* articles, or -1 when unknown */
	size_t done, bytes;
	struct timespec t0, last;
	int drawn;                /* a bar is on the screen */
} progress;

double cli_elapsed(const struct timespec *t0);
/* Count the articles the inputs hold (-1 when it cannot tell cheaply). */
long cli_count_inputs(char **inputs, int n);
void progress_start(progress *p, int enabled, long total);
/* One more article done; redraws at most a few times a second. */
void progress_step(progress *p, size_t bytes);
/* Wipe the bar before printing a message line. */
void progress_clear(progress *p);
void progress_end(progress *p);

#endif

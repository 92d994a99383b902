/* main.c - the newsprism command: a thin layer over libnewsprism. */
#include "newsprism.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_FAILED_SOME 1
#define EXIT_USAGE 2
#define MAX_FORMATS 16

static const char *const default_formats = "newsml,csv,jsonld";

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: newsprism COMMAND [OPTIONS] INPUT...\n"
"\n"
"Turn raw news articles into NewsML-G2, CSV quote tables, JSON-LD and archives.\n"
"\n"
"Commands:\n"
"  convert   convert articles into -o DIR (and --archive)\n"
"  extract   print the quotes of the articles as CSV on stdout\n"
"  validate  validate NewsML-G2 files: validate --schema XSD FILE...\n"
"  verify    check a BagIt bundle (archive or folder): verify BUNDLE...\n"
"\n"
"An INPUT is a file, a folder (every file below it, sorted) or - for stdin.\n"
"\n"
"Options of convert and extract:\n"
"  -o, --output DIR         output folder (default: out)\n"
"  -f, --formats LIST       comma-separated formats (default: %s;\n"
"                           known: %s)\n"
"  -j, --jobs N             worker threads (default: online cores)\n"
"      --archive FILE       also bundle everything as a BagIt archive\n"
"                           (.tar.gz .tgz .tar.xz .tar.zst .tar .zip; - = stdout)\n"
"      --archive-format F   format of --archive - (default: tar)\n"
"      --release NAME       the bundle's top folder (default: newsprism-<date>)\n"
"      --provider DOMAIN    provider of the items (default: metadata, else\n"
"                           newsprism.invalid)\n"
"      --now TIME           the time the items are made (ISO 8601 or epoch\n"
"                           seconds; default: SOURCE_DATE_EPOCH, else article date)\n"
"      --base-url URL       JSON-LD @id prefix\n"
"      --input-format F     text or html (default: detected)\n"
"      --encoding E         utf-8, windows-1252, latin-1, utf-16le, utf-16be\n"
"      --meta KEY=VALUE     set a metadata field (repeatable)\n"
"      --max-article-bytes N  refuse larger articles (default: 64 MiB)\n"
"      --max-quotes N       keep at most N quotes per article (default: 10000)\n"
"      --csv-bom            start CSV files with a UTF-8 BOM (for Excel)\n"
"      --csv-delimiter C    field separator (default: ,)\n"
"      --csv-raw            do not neutralise cells that start with = + - @\n"
"                           TAB CR LF (spreadsheet formula injection guard off)\n"
"      --jsonld-style S     compact or graph (default: compact)\n"
"      --pretty             indent JSON output\n"
"      --newsml-body B      nitf or xhtml (default: nitf)\n"
"      --newsml-message     also write one newsMessage for the batch\n"
"      --fail-fast          stop at the first failed article\n"
"  -q, --quiet              print nothing but errors\n"
"  -v, --verbose            print each article's warnings\n"
"      --progress           show progress even when stderr is not a terminal\n"
"\n"
"Options of validate and verify:\n"
"      --schema XSD         the NewsML-G2 schema to validate against\n"
"\n"
"  -h, --help               this help\n"
"  -V, --version            the version\n"
"\n"
"Exit status: 0 all converted, 1 some failed (the rest is written), 2 usage.\n",
	        default_formats, np_format_names());
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "newsprism: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'newsprism --help'.\n");
	return EXIT_USAGE;
}

typedef struct cli {
	np_options opts;
	const char *outdir;
	const char *formats;
	const char *archive;
	const char *schema;
	long jobs;
	int quiet, verbose, progress, fail_fast;
	np_meta_override meta[64];
	size_t n_meta;
} cli;

/* --now: epoch seconds, or an ISO 8601 UTC time (YYYY-MM-DD[THH:MM:SS][Z]). */
static int parse_time(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s && !*end && !errno && v >= 0) {
		*out = v;
		return 0;
	}
	struct tm tm = { 0 };
	const char *rest = strptime(s, "%Y-%m-%d", &tm);
	if (!rest)
		return -1;
	if (*rest == 'T' || *rest == ' ') {
		rest = strptime(rest + 1, "%H:%M:%S", &tm);
		if (!rest)
			return -1;
	}
	if (*rest == 'Z')
		rest++;
	if (*rest)
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || errno)
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end)
		return -1;
	*out = (size_t)v;
	return 0;
}

enum {
	OPT_ARCHIVE = 256, OPT_ARCHIVE_FORMAT, OPT_RELEASE, OPT_PROVIDER, OPT_NOW,
	OPT_BASE_URL, OPT_INPUT_FORMAT, OPT_ENCODING, OPT_META, OPT_MAX_BYTES,
	OPT_MAX_QUOTES, OPT_CSV_BOM, OPT_CSV_DELIM, OPT_CSV_RAW, OPT_JSONLD_STYLE,
	OPT_PRETTY, OPT_NEWSML_BODY, OPT_NEWSML_MESSAGE, OPT_FAIL_FAST,
	OPT_PROGRESS, OPT_SCHEMA
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "formats", required_argument, NULL, 'f' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "archive", required_argument, NULL, OPT_ARCHIVE },
	{ "archive-format", required_argument, NULL, OPT_ARCHIVE_FORMAT },
	{ "release", required_argument, NULL, OPT_RELEASE },
	{ "provider", required_argument, NULL, OPT_PROVIDER },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "meta", required_argument, NULL, OPT_META },
	{ "max-article-bytes", required_argument, NULL, OPT_MAX_BYTES },
	{ "max-quotes", required_argument, NULL, OPT_MAX_QUOTES },
	{ "csv-bom", no_argument, NULL, OPT_CSV_BOM },
	{ "csv-delimiter", required_argument, NULL, OPT_CSV_DELIM },
	{ "csv-raw", no_argument, NULL, OPT_CSV_RAW },
	{ "jsonld-style", required_argument, NULL, OPT_JSONLD_STYLE },
	{ "pretty", no_argument, NULL, OPT_PRETTY },
	{ "newsml-body", required_argument, NULL, OPT_NEWSML_BODY },
	{ "newsml-message", no_argument, NULL, OPT_NEWSML_MESSAGE },
	{ "fail-fast", no_argument, NULL, OPT_FAIL_FAST },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "schema", required_argument, NULL, OPT_SCHEMA },
	{ NULL, 0, NULL, 0 },
};

static int parse_encoding(const char *s, np_encoding *out)
{
	static const struct { const char *name; np_encoding e; } names[] = {
		{ "auto", NP_ENC_AUTO },       { "utf-8", NP_ENC_UTF8 },
		{ "utf8", NP_ENC_UTF8 },       { "windows-1252", NP_ENC_CP1252 },
		{ "cp1252", NP_ENC_CP1252 },   { "latin-1", NP_ENC_LATIN1 },
		{ "latin1", NP_ENC_LATIN1 },   { "iso-8859-1", NP_ENC_LATIN1 },
		{ "utf-16le", NP_ENC_UTF16LE }, { "utf-16be", NP_ENC_UTF16BE },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].e;
			return 0;
		}
	return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_option(cli *c, int opt, const char *arg)
{
	switch (opt) {
	case 'o': c->outdir = arg; break;
	case 'f': c->formats = arg; break;
	case 'j': {
		char *end;
		c->jobs = strtol(arg, &end, 10);
		if (*end || c->jobs < 1 || c->jobs > 1024)
			return usage_error("-j needs a number from 1 to 1024, not '%s'", arg);
		break;
	}
	case 'q': c->quiet = 1; break;
	case 'v': c->verbose = 1; break;
	case 'h': usage(stdout); return 0;
	case 'V': printf("newsprism %s\n", NP_VERSION); return 0;
	case OPT_ARCHIVE: c->archive = arg; break;
	case OPT_ARCHIVE_FORMAT: c->opts.archive_format = arg; break;
	case OPT_RELEASE: c->opts.release = arg; break;
	case OPT_PROVIDER: c->opts.provider = arg; break;
	case OPT_NOW:
		if (parse_time(arg, &c->opts.now) < 0)
			return usage_error("--now needs epoch seconds or YYYY-MM-DDTHH:MM:SSZ, "
			                   "not '%s'", arg);
		break;
	case OPT_BASE_URL: c->opts.base_url = arg; break;
	case OPT_INPUT_FORMAT:
		if (strcmp(arg, "text") == 0)
			c->opts.input_format = NP_INPUT_TEXT;
		else if (strcmp(arg, "html") == 0)
			c->opts.input_format = NP_INPUT_HTML;
		else
			return usage_error("--input-format is text or html, not '%s'", arg);
		break;
	case OPT_ENCODING:
		if (parse_encoding(arg, &c->opts.encoding) < 0)
			return usage_error("unknown --encoding '%s' (utf-8, windows-1252, "
			                   "latin-1, utf-16le, utf-16be)", arg);
		break;
	case OPT_META: {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg)
			return usage_error("--meta needs KEY=VALUE, not '%s'", arg);
		if (c->n_meta == sizeof c->meta / sizeof *c->meta)
			return usage_error("too many --meta options (at most 64)%s", "");
		char *key = strndup(arg, (size_t)(eq - arg));
		if (!key)
			return usage_error("out of memory%s", "");
		c->meta[c->n_meta].key = key;
		c->meta[c->n_meta++].value = eq + 1;
		break;
	}
	case OPT_MAX_BYTES:
		if (parse_size(arg, &c->opts.max_article_bytes) < 0 ||
		    !c->opts.max_article_bytes)
			return usage_error("--max-article-bytes needs a size such as 64M, "
			                   "not '%s'", arg);
		break;
	case OPT_MAX_QUOTES:
		if (parse_size(arg, &c->opts.max_quotes) < 0 || !c->opts.max_quotes)
			return usage_error("--max-quotes needs a positive number, not '%s'",
			                   arg);
		break;
	case OPT_CSV_BOM: c->opts.csv_bom = 1; break;
	case OPT_CSV_DELIM:
		if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\r' || arg[0] == '\n')
			return usage_error("--csv-delimiter needs one character such as ';', "
			                   "not '%s'", arg);
		c->opts.csv_delimiter = arg[0];
		break;
	case OPT_CSV_RAW: c->opts.csv_raw = 1; break;
	case OPT_JSONLD_STYLE:
		if (strcmp(arg, "compact") == 0)
			c->opts.jsonld_style = NP_JSONLD_COMPACT;
		else if (strcmp(arg, "graph") == 0)
			c->opts.jsonld_style = NP_JSONLD_GRAPH;
		else
			return usage_error("--jsonld-style is compact or graph, not '%s'", arg);
		break;
	case OPT_PRETTY: c->opts.pretty = 1; break;
	case OPT_NEWSML_BODY:
		if (strcmp(arg, "nitf") == 0)
			c->opts.newsml_body = NP_NEWSML_BODY_NITF;
		else if (strcmp(arg, "xhtml") == 0)
			c->opts.newsml_body = NP_NEWSML_BODY_XHTML;
		else
			return usage_error("--newsml-body is nitf or xhtml, not '%s'", arg);
		break;
	case OPT_NEWSML_MESSAGE: c->opts.newsml_message = 1; break;
	case OPT_FAIL_FAST: c->fail_fast = 1; break;
	case OPT_PROGRESS: c->progress = 1; break;
	case OPT_SCHEMA: c->schema = arg; break;
	default: return usage_error("unknown option%s", "");
	}
	return -1;
}

static int parse_args(cli *c, int argc, char **argv)
{
	np_options init = NP_OPTIONS_INIT;
	c->opts = init;
	c->outdir = "out";
	c->formats = default_formats;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde && parse_time(sde, &c->opts.now) < 0)
		fprintf(stderr, "newsprism: ignoring SOURCE_DATE_EPOCH='%s': not a number\n",
		        sde);
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:f:j:qvhV", long_options, NULL)) != -1) {
		if (opt == '?') {
			if (optopt)
				fprintf(stderr, "newsprism: option -%c %s\n", optopt,
				        strchr("ofj", optopt) ? "needs a value" : "is unknown");
			else
				fprintf(stderr, "newsprism: unknown option or missing value: '%s'\n",
				        argv[optind - 1]);
			fprintf(stderr, "Try 'newsprism --help'.\n");
			return EXIT_USAGE;
		}
		int rc = parse_option(c, opt, optarg);
		if (rc >= 0)
			return rc;
	}
	c->opts.meta = c->meta;
	c->opts.n_meta = c->n_meta;
	return -1;
}

/* Split -f into registered format names. */
static int split_formats(const char *list, char names[][32], size_t *n)
{
	*n = 0;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || len >= 32 || *n == MAX_FORMATS) {
			usage_error("bad format list '%s'", list);
			return -1;
		}
		memcpy(names[*n], p, len);
		names[*n][len] = '\0';
		if (!np_format_exists(names[*n])) {
			fprintf(stderr, "newsprism: unknown format '%s' (known: %s)\n"
			        "Try 'newsprism --help'.\n", names[*n], np_format_names());
			return -1;
		}
		(*n)++;
		p = e ? e + 1 : p + len;
	}
	return *n ? 0 : (usage_error("no formats in '%s'", list), -1);
}

typedef struct run_stats {
	size_t articles, failures, quotes, warnings;
	size_t bytes;
} run_stats;

static void print_warnings(const np_record *rec)
{
	size_t n;
	const np_warning *w = np_record_warnings(rec, &n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "newsprism: warning: %s\n", w[i].message);
}

/* Close every writer and output; report the first failure. */
static int finish_outputs(np_writer **writers, size_t n, np_output **outs,
                          size_t n_outs, np_ctx *ctx)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		if (writers[i] && np_writer_close(writers[i]) < 0) {
			fprintf(stderr, "newsprism: %s\n", np_ctx_error(ctx));
			failed = 1;
		}
		np_writer_free(writers[i]);
	}
	for (size_t i = 0; i < n_outs; i++) {
		if (outs[i] && !failed && !interrupted && np_output_close(outs[i]) < 0) {
			fprintf(stderr, "newsprism: %s\n", np_ctx_error(ctx));
			failed = 1;
		}
		np_output_free(outs[i]);
	}
	return failed;
}

static int cmd_convert(cli *c, int n_inputs, char **inputs, int extract_only)
{
	char names[MAX_FORMATS][32];
	size_t n_formats = 0;
	if (extract_only) {
		strcpy(names[0], "csv");
		n_formats = 1;
		c->opts.csv_tables = NP_CSV_QUOTES; /* stdout gets quotes.csv only */
	} else if (split_formats(c->formats, names, &n_formats) < 0) {
		return EXIT_USAGE;
	}
	if (n_inputs == 0)
		return usage_error("%s needs at least one INPUT (a file, a folder or -)",
		                   extract_only ? "extract" : "convert");
	np_ctx *ctx = np_ctx_new();
	np_output *outs[2] = { NULL, NULL };
	size_t n_outs = 0;
	np_writer *writers[2 * MAX_FORMATS] = { NULL };
	size_t n_writers = 0;
	int status = 0;
	if (!ctx)
		return EXIT_FAILURE;
	if (extract_only) {
		if (np_output_stdout_new(&outs[n_outs++], ctx) < 0)
			goto fatal;
	} else {
		if (np_output_dir_new(&outs[n_outs++], c->outdir, ctx) < 0)
			goto fatal;
		if (c->archive && np_output_archive_new(&outs[n_outs++], c->archive,
		                                        &c->opts, ctx) < 0)
			goto fatal;
	}
	for (size_t o = 0; o < n_outs; o++)
		for (size_t i = 0; i < n_formats; i++)
			if (np_writer_new(&writers[n_writers++], names[i], outs[o],
			                  &c->opts, ctx) < 0)
				goto fatal;

	np_input *in = NULL;
	if (np_input_open(&in, (const char *const *)inputs, (size_t)n_inputs,
	                  &c->opts, ctx) < 0)
		goto fatal;
	run_stats st = { 0 };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (interrupted)
			break;
		const char *id = NULL, *source = NULL, *bytes = NULL;
		size_t len = 0;
		int rc = np_input_next(in, &id, &source, &bytes, &len);
		if (rc == 0)
			break;
		st.articles++;
		np_record *rec = NULL;
		if (rc > 0) {
			st.bytes += len;
			rc = np_process_buffer(&rec, id, source, bytes, len, &c->opts, ctx);
		}
		for (size_t i = 0; rc >= 0 && i < n_writers; i++)
			rc = np_writer_write(writers[i], rec);
		if (rc < 0) {
			st.failures++;
			fprintf(stderr, "newsprism: failed: %s\n", np_ctx_error(ctx));
		} else {
			size_t nq, nw;
			np_record_quotes(rec, &nq);
			np_record_warnings(rec, &nw);
			st.quotes += nq;
			st.warnings += nw;
			if (c->verbose)
				print_warnings(rec);
		}
		np_record_free(rec);
		if (rc < 0 && c->fail_fast)
			break;
	}
	np_input_free(in);
	if (finish_outputs(writers, n_writers, outs, n_outs, ctx))
		st.failures++;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (interrupted)
		fprintf(stderr, "newsprism: interrupted after %zu articles; nothing "
		        "half-written was left\n", st.articles);
	if (!c->quiet)
		fprintf(stderr, "newsprism: %zu articles, %zu quotes, %zu warnings, "
		        "%zu failed, %.2fs, %.1f MB/s\n", st.articles, st.quotes,
		        st.warnings, st.failures, secs,
		        secs > 0 ? (double)st.bytes / 1e6 / secs : 0.0);
	status = (st.failures || interrupted) ? EXIT_FAILED_SOME : 0;
	np_ctx_free(ctx);
	return status;
fatal:
	fprintf(stderr, "newsprism: %s\n", np_ctx_error(ctx));
	for (size_t i = 0; i < n_writers; i++)
		np_writer_free(writers[i]);
	for (size_t o = 0; o < n_outs; o++)
		np_output_free(outs[o]);
	np_ctx_free(ctx);
	return EXIT_FAILED_SOME;
}

static int cmd_check(cli *c, int n, char **files, int verify)
{
	if (n == 0)
		return usage_error("%s needs at least one FILE", verify ? "verify" : "validate");
	if (!verify && !c->schema)
		return usage_error("validate needs --schema XSD%s", "");
	np_ctx *ctx = np_ctx_new();
	int bad = 0;
	for (int i = 0; i < n; i++) {
		int rc = verify ? np_verify_bundle(files[i], c->schema, stdout, ctx)
		                : np_validate_newsml(files[i], c->schema, stdout, ctx);
		if (rc < 0) {
			bad = 1;
			if (*np_ctx_error(ctx))
				fprintf(stderr, "newsprism: %s\n", np_ctx_error(ctx));
			np_ctx_clear(ctx);
		} else if (!c->quiet) {
			printf("OK: %s\n", files[i]);
		}
	}
	np_ctx_free(ctx);
	return bad ? EXIT_FAILED_SOME : 0;
}

int main(int argc, char **argv)
{
	/* libarchive writes non-ASCII names through the locale's charset. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (argc < 2)
		return usage_error("missing COMMAND (convert, extract, validate, verify)%s",
		                   "");
	const char *cmd = argv[1];
	if (cmd[0] == '-') {
		cli c;
		memset(&c, 0, sizeof c);
		int rc = parse_args(&c, argc, argv);
		return rc >= 0 ? rc : usage_error("missing COMMAND%s", "");
	}
	static const char *const commands[] = { "convert", "extract", "validate",
	                                        "verify" };
	size_t which = 0;
	while (which < 4 && strcmp(cmd, commands[which]) != 0)
		which++;
	if (which == 4)
		return usage_error("unknown command '%s' (convert, extract, validate, "
		                   "verify)", cmd);
	cli c;
	memset(&c, 0, sizeof c);
	optind = 2;
	int rc = parse_args(&c, argc, argv);
	if (rc >= 0)
		return rc;
	int n = argc - optind;
	char **rest = argv + optind;
	switch (which) {
	case 0: rc = cmd_convert(&c, n, rest, 0); break;
	case 1: rc = cmd_convert(&c, n, rest, 1); break;
	case 2: rc = cmd_check(&c, n, rest, 0); break;
	default: rc = cmd_check(&c, n, rest, 1); break;
	}
	for (size_t i = 0; i < c.n_meta; i++)
		free((char *)c.meta[i].key);
	return rc;
}

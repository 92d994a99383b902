/* main.c - the newsprism command: a thin layer over libnewsprism. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

static const char *const default_formats = "newsml,csv,jsonld";

volatile sig_atomic_t np_cli_interrupted;

static struct timespec first_signal_at;

/* The first signal asks for a clean stop (finish the articles in flight,
 * leave no half-written file); a second one ends the process at once.
 * Supervisors such as timeout(1) deliver one TERM twice (to the child and to
 * its process group), so a repeat within two seconds counts as the same
 * request, not as an impatient second one. */
static void on_signal(int sig)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now); /* async-signal-safe */
	if (np_cli_interrupted) {
		if (now.tv_sec - first_signal_at.tv_sec >= 2) {
			signal(sig, SIG_DFL);
			raise(sig);
		}
		return;
	}
	first_signal_at = now;
	np_cli_interrupted = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: newsprism convert [OPTIONS] INPUT...      convert articles into -o DIR\n"
"       newsprism extract [OPTIONS] INPUT...      print their quotes as CSV\n"
"       newsprism validate --schema XSD FILE...   validate NewsML-G2 files\n"
"       newsprism verify [--schema XSD] BUNDLE... check BagIt bundles\n"
"       newsprism stream [OPTIONS] < NDJSON       one JSON result per record\n"
"       newsprism --help | --version\n"
"\n"
"Turn raw news articles into NewsML-G2, CSV quote tables, JSON-LD and archives.\n"
"\n"
"Commands:\n"
"  convert   convert articles into -o DIR (and --archive FILE)\n"
"  extract   print the quotes of the articles as one CSV table on stdout\n"
"  validate  validate NewsML-G2 files against the XSD given by --schema\n"
"  verify    check a BagIt bundle (archive or folder): checksums, Payload-Oxum,\n"
"            and with --schema every NewsML item in it\n"
"  stream    read NDJSON records {\"id\",\"text\",\"meta\":{...}} on stdin, write\n"
"            one JSON result line per record on stdout, in order (a mapper for\n"
"            GNU parallel --pipe, Hadoop Streaming, Spark RDD.pipe)\n"
"\n"
"An INPUT is a file, a folder (every file below it, sorted), an archive\n"
"(every entry an article) or - for stdin.\n"
"\n");
	fprintf(f,
"Options of convert and extract:\n"
"  -o, --output DIR         output folder (default: out)\n"
"  -f, --formats LIST       comma-separated formats (default: %s;\n"
"                           known: %s)\n"
"  -j, --jobs N             worker threads (default: online cores); the output\n"
"                           is the same for every N\n"
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
"      --max-article-bytes N  refuse larger articles (default: 64M)\n"
"      --max-quotes N       keep at most N quotes per article (default: 10000)\n"
"      --csv-bom            start CSV files with a UTF-8 BOM (for Excel)\n"
"      --csv-delimiter C    field separator (default: ,)\n"
"      --csv-raw            do not neutralise cells that start with = + - @\n"
"                           TAB CR LF (spreadsheet formula injection guard off)\n"
"      --jsonld-style S     compact or graph (default: compact)\n"
"      --pretty             indent JSON output\n"
"      --newsml-body B      nitf or xhtml (default: nitf)\n"
"      --newsml-message     also write one newsMessage for the batch\n"
"      --fail-fast          stop at the first failed article (default: go on,\n"
"                           naming each failure and its reason)\n"
"  -q, --quiet              print nothing but errors (no summary, no progress)\n"
"  -v, --verbose            print each article's warnings\n"
"      --progress           show the progress bar even when stderr is not a\n"
"                           terminal (it is shown on a terminal by default)\n"
"\n", default_formats, np_format_names());
	fprintf(f,
"Options of stream (and the conversion options above):\n"
"      --stream-input I     json (default: {\"id\",\"text\",\"meta\"} per line) or\n"
"                           text (one article's raw text per line; id from a\n"
"                           hash of the line)\n"
"      --stream-formats L   formats in each result (default: %s);\n"
"                           csv gives the data rows without the header\n"
"      --embed E            JSON formats as object (default) or string\n"
"  -j, --jobs N             worker threads (default: 1); order is kept\n"
"\n"
"Options of validate and verify:\n"
"      --schema XSD         the NewsML-G2 schema to validate against\n"
"\n"
"  -h, --help               this help\n"
"  -V, --version            the version\n"
"\n"
"On stderr: failures and warnings, then a summary line (articles, quotes,\n"
"warnings, failures, elapsed time, MB/s) unless -q.\n"
"Exit status: 0 all converted, 1 some failed (the rest is written), 2 usage.\n"
"See newsprism(1).\n",
	        default_formats);
}

int cli_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "newsprism: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'newsprism --help'.\n");
	return EXIT_USAGE;
}

int cli_jobs(const cli *c)
{
	if (c->jobs > 0)
		return (int)c->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

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
	OPT_PROGRESS, OPT_SCHEMA, OPT_STREAM_INPUT, OPT_STREAM_FORMATS, OPT_EMBED
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
	{ "stream-input", required_argument, NULL, OPT_STREAM_INPUT },
	{ "stream-formats", required_argument, NULL, OPT_STREAM_FORMATS },
	{ "embed", required_argument, NULL, OPT_EMBED },
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
	case 'f': c->formats = arg; c->formats_given = 1; break;
	case 'j': {
		char *end;
		c->jobs = strtol(arg, &end, 10);
		if (*end || c->jobs < 1 || c->jobs > 1024)
			return cli_usage_error("-j needs a number from 1 to 1024, not '%s'", arg);
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
			return cli_usage_error("--now needs epoch seconds or YYYY-MM-DDTHH:MM:SSZ, "
			                   "not '%s'", arg);
		break;
	case OPT_BASE_URL: c->opts.base_url = arg; break;
	case OPT_INPUT_FORMAT:
		if (strcmp(arg, "text") == 0)
			c->opts.input_format = NP_INPUT_TEXT;
		else if (strcmp(arg, "html") == 0)
			c->opts.input_format = NP_INPUT_HTML;
		else
			return cli_usage_error("--input-format is text or html, not '%s'", arg);
		break;
	case OPT_ENCODING:
		if (parse_encoding(arg, &c->opts.encoding) < 0)
			return cli_usage_error("unknown --encoding '%s' (utf-8, windows-1252, "
			                   "latin-1, utf-16le, utf-16be)", arg);
		break;
	case OPT_META: {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg)
			return cli_usage_error("--meta needs KEY=VALUE, not '%s'", arg);
		if (c->n_meta == sizeof c->meta / sizeof *c->meta)
			return cli_usage_error("too many --meta options (at most 64)%s", "");
		char *key = strndup(arg, (size_t)(eq - arg));
		if (!key)
			return cli_usage_error("out of memory%s", "");
		c->meta[c->n_meta].key = key;
		c->meta[c->n_meta++].value = eq + 1;
		break;
	}
	case OPT_MAX_BYTES:
		if (parse_size(arg, &c->opts.max_article_bytes) < 0 ||
		    !c->opts.max_article_bytes)
			return cli_usage_error("--max-article-bytes needs a size such as 64M, "
			                   "not '%s'", arg);
		break;
	case OPT_MAX_QUOTES:
		if (parse_size(arg, &c->opts.max_quotes) < 0 || !c->opts.max_quotes)
			return cli_usage_error("--max-quotes needs a positive number, not '%s'",
			                   arg);
		break;
	case OPT_CSV_BOM: c->opts.csv_bom = 1; break;
	case OPT_CSV_DELIM:
		if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\r' || arg[0] == '\n')
			return cli_usage_error("--csv-delimiter needs one character such as ';', "
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
			return cli_usage_error("--jsonld-style is compact or graph, not '%s'", arg);
		break;
	case OPT_PRETTY: c->opts.pretty = 1; break;
	case OPT_NEWSML_BODY:
		if (strcmp(arg, "nitf") == 0)
			c->opts.newsml_body = NP_NEWSML_BODY_NITF;
		else if (strcmp(arg, "xhtml") == 0)
			c->opts.newsml_body = NP_NEWSML_BODY_XHTML;
		else
			return cli_usage_error("--newsml-body is nitf or xhtml, not '%s'", arg);
		break;
	case OPT_NEWSML_MESSAGE: c->opts.newsml_message = 1; break;
	case OPT_FAIL_FAST: c->fail_fast = 1; break;
	case OPT_PROGRESS: c->progress = 1; break;
	case OPT_SCHEMA: c->schema = arg; break;
	case OPT_STREAM_INPUT:
		if (strcmp(arg, "json") == 0)
			c->stream_in = STREAM_IN_JSON;
		else if (strcmp(arg, "text") == 0)
			c->stream_in = STREAM_IN_TEXT;
		else
			return cli_usage_error("--stream-input is json or text, not '%s'", arg);
		break;
	case OPT_STREAM_FORMATS: c->stream_formats = arg; break;
	case OPT_EMBED:
		if (strcmp(arg, "object") == 0)
			c->embed_strings = 0;
		else if (strcmp(arg, "string") == 0)
			c->embed_strings = 1;
		else
			return cli_usage_error("--embed is object or string, not '%s'", arg);
		break;
	default: return cli_usage_error("unknown option%s", "");
	}
	return -1;
}

static int parse_args(cli *c, int argc, char **argv)
{
	np_options init = NP_OPTIONS_INIT;
	c->opts = init;
	c->outdir = "out";
	c->formats = default_formats;
	c->stream_formats = default_formats;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde && parse_time(sde, &c->opts.now) < 0)
		fprintf(stderr, "newsprism: ignoring SOURCE_DATE_EPOCH='%s': not a number\n",
		        sde);
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:f:j:qvhV", long_options, NULL)) != -1) {
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
int cli_split_formats(const char *list, char names[][32], size_t *n)
{
	*n = 0;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || len >= 32 || *n == MAX_FORMATS) {
			cli_usage_error("bad format list '%s' (example: -f newsml,csv)", list);
			return -1;
		}
		memcpy(names[*n], p, len);
		names[*n][len] = '\0';
		if (!np_format_exists(names[*n])) {
			fprintf(stderr, "newsprism: unknown format '%s' (known: %s)\n"
			        "Try 'newsprism --help'.\n", names[*n], np_format_names());
			return -1;
		}
		for (size_t i = 0; i < *n; i++)
			if (strcmp(names[i], names[*n]) == 0) {
				cli_usage_error("format '%s' is listed twice", names[*n]);
				return -1;
			}
		(*n)++;
		p = e ? e + 1 : p + len;
	}
	return *n ? 0 : (cli_usage_error("no formats in '%s'", list), -1);
}

static int cmd_check(cli *c, int n, char **files, int verify)
{
	if (n == 0)
		return cli_usage_error("%s needs at least one FILE", verify ? "verify" : "validate");
	if (!verify && !c->schema)
		return cli_usage_error("validate needs --schema XSD%s", "");
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

	/* Jansson seeds its hash once, and libxml2 sets up its globals once:
	 * both must happen before any worker thread exists. */
	json_object_seed(0);
	xmlInitParser();

	if (argc < 2)
		return cli_usage_error("missing COMMAND (convert, extract, validate, "
		                       "verify, stream)%s", "");
	const char *cmd = argv[1];
	if (strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (cmd[0] == '-') {
		cli c;
		memset(&c, 0, sizeof c);
		int rc = parse_args(&c, argc, argv);
		return rc >= 0 ? rc : cli_usage_error("missing COMMAND before the "
		                                      "options (convert, extract, validate, "
		                                      "verify, stream)%s", "");
	}
	static const char *const commands[] = { "convert", "extract", "validate",
	                                        "verify", "stream" };
	enum { N_COMMANDS = sizeof commands / sizeof *commands };
	size_t which = 0;
	while (which < N_COMMANDS && strcmp(cmd, commands[which]) != 0)
		which++;
	if (which == N_COMMANDS)
		return cli_usage_error("unknown command '%s' (convert, extract, validate, "
		                       "verify, stream)", cmd);
	cli c;
	memset(&c, 0, sizeof c);
	optind = 2;
	int rc = parse_args(&c, argc, argv);
	if (rc < 0) {
		int n = argc - optind;
		char **rest = argv + optind;
		switch (which) {
		case 0: rc = cmd_convert(&c, n, rest, 0); break;
		case 1: rc = cmd_convert(&c, n, rest, 1); break;
		case 2: rc = cmd_check(&c, n, rest, 0); break;
		case 3: rc = cmd_check(&c, n, rest, 1); break;
		default: rc = cmd_stream(&c, n, rest); break;
		}
	}
	for (size_t i = 0; i < c.n_meta; i++)
		free((char *)c.meta[i].key);
	return rc;
}

/* stream.c - `newsprism stream`: one NDJSON record in, one JSON result line
 * out, in order, flushed line by line.  A mapper for GNU parallel --pipe,
 * Hadoop Streaming and Spark's RDD.pipe.
 *
 * In:  {"id": "...", "text": "...", "meta": {"key": "value", ...}}
 *      or, with --stream-input text, one article's raw text per line.
 * Out: {"id": ..., "ok": true, "quotes": N, "warnings": [...],
 *       "<format>": ...}  or  {"id": ..., "ok": false, "error": "..."}
 *       No line numbers in the results: a mapper sees only its share of the
 *       input, and the results must not depend on how it was split.  The
 *       failures go to stderr with this process's line number as well.
 *
 * JSON formats are embedded as objects (or strings with --embed string);
 * NewsML as a string; csv as its data rows without the header. */
#include "cli.h"
#include "pool.h"
#include "format.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_MAX_META 64

typedef struct stream_item {
	size_t line;               /* 1-based, within this process's input */
	char *text;                /* the input line, without its newline */
	size_t len;
	char *out;                 /* the result line, newline included */
	size_t out_len;
	int ok;
	size_t quotes;
	char *error;               /* for stderr, when it failed */
} stream_item;

typedef struct stream_run {
	cli *c;
	char names[MAX_FORMATS][32];
	size_t n_formats;
	size_t records, failures, quotes, bytes;
	int write_failed;
} stream_run;

/* Every file one writer puts for one record (a table writer may put
 * several: quotes.csv, entities.csv, ... and their descriptions). */
typedef struct stream_file {
	char *name;
	np_buf data;
} stream_file;

typedef struct stream_capture {
	np_output base;
	stream_file files[16];
	size_t n;
} stream_capture;

typedef struct stream_worker {
	np_ctx *ctx;
	stream_capture cap;
} stream_worker;

static int stream_capture_put(np_output *o, const char *name, const void *data,
                              size_t len)
{
	stream_capture *c = (stream_capture *)o;
	if (c->n == sizeof c->files / sizeof *c->files)
		return np_ctx_set_error(o->ctx, NP_EFORMAT, "%s: too many files for "
		                        "one record", name);
	stream_file *f = &c->files[c->n];
	np_buf_reset(&f->data);
	free(f->name);
	if (!(f->name = strdup(name)) || np_buf_put(&f->data, data, len) < 0)
		return np_ctx_set_error(o->ctx, NP_ENOMEM, "out of memory");
	c->n++;
	return NP_OK;
}

/* Render one record in one format into the worker's capture. */
static int stream_render(stream_worker *w, const char *name, const np_record *rec,
                         const np_options *opts)
{
	w->cap.n = 0;
	np_writer *wr = NULL;
	int rc = np_writer_new(&wr, name, &w->cap.base, opts, w->ctx);
	if (rc < 0)
		return rc;
	rc = np_writer_write(wr, rec);
	if (rc >= 0)
		rc = np_writer_close(wr);
	np_writer_free(wr);
	return rc;
}

static void *stream_worker_new(void *user)
{
	(void)user;
	stream_worker *w = calloc(1, sizeof *w);
	if (w && !(w->ctx = np_ctx_new())) {
		free(w);
		return NULL;
	}
	if (w) {
		w->cap.base.put = stream_capture_put;
		w->cap.base.ctx = w->ctx;
	}
	return w;
}

static void stream_worker_free(void *ws, void *user)
{
	(void)user;
	stream_worker *w = ws;
	if (!w)
		return;
	np_ctx_free(w->ctx);
	for (size_t i = 0; i < sizeof w->cap.files / sizeof *w->cap.files; i++) {
		free(w->cap.files[i].name);
		np_buf_dispose(&w->cap.files[i].data);
	}
	free(w);
}

/* Raw text has no id: name it by its content, so that the same line gets
 * the same id however the input is split between mappers. */
static void stream_text_id(const char *text, size_t len, char *id, size_t size)
{
	uint64_t h = np_hash64(text, len, 0);
	snprintf(id, size, "text-%016llx", (unsigned long long)h);
}

/* JSON-LD, ninjs, JSON Lines: embedded as JSON values unless --embed string
 * (a JSON Lines "table" of one record is that record's one line). */
static int stream_is_json_format(const char *name)
{
	const np_format *f = np_format_find(name);
	const char *ext = f && f->extension ? f->extension : name;
	return strstr(ext, "json") || strcmp(ext, "ninjs") == 0;
}

/* csv rows without the header line (and without a BOM). */
static json_t *stream_csv_rows(const np_buf *b)
{
	const char *p = b->data ? b->data : "", *end = p + b->len;
	if (b->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	p = nl ? nl + 1 : end;
	return json_stringn(p, (size_t)(end - p));
}

/* What one format rendered, into the result: "csv" holds the quote rows
 * (other tables as "csv_<table>"); JSON formats are objects unless
 * --embed string; everything else is a string. */
static void stream_embed(stream_run *r, json_t *res, const char *name,
                         const stream_capture *cap)
{
	for (size_t i = 0; i < cap->n; i++) {
		const stream_file *f = &cap->files[i];
		const char *data = f->data.data ? f->data.data : "";
		if (strcmp(name, "csv") == 0) {
			const char *base = strrchr(f->name, '/');
			base = base ? base + 1 : f->name;
			size_t n = strlen(base);
			if (n < 4 || strcmp(base + n - 4, ".csv") != 0)
				continue; /* table descriptions: the same every record */
			if (strcmp(base, "quotes.csv") == 0 || cap->n == 1) {
				json_object_set_new(res, "csv", stream_csv_rows(&f->data));
			} else {
				char key[64];
				snprintf(key, sizeof key, "csv_%.*s", (int)(n - 4), base);
				json_object_set_new(res, key, stream_csv_rows(&f->data));
			}
			continue;
		}
		json_t *v = NULL;
		if (!r->c->embed_strings && stream_is_json_format(name))
			v = json_loadb(data, f->data.len, JSON_DECODE_ANY, NULL);
		if (!v)
			v = json_stringn(data, f->data.len);
		json_object_set_new(res, name, v);
		break; /* one file per record for per-article formats */
	}
}

static json_t *stream_error(json_t *res, const char *msg)
{
	json_object_set_new(res, "ok", json_false());
	json_object_set_new(res, "error", json_string(msg && *msg ? msg : "failed"));
	return res;
}

/* The metadata of a JSON record: the command line's --meta first, then the
 * record's own, so that the record wins. */
static int stream_meta(stream_run *r, json_t *meta, np_meta_override *out,
                       size_t *n, char *err, size_t err_size)
{
	*n = 0;
	for (size_t i = 0; i < r->c->n_meta && *n < STREAM_MAX_META; i++)
		out[(*n)++] = r->c->meta[i];
	if (!meta || json_is_null(meta))
		return 0;
	if (!json_is_object(meta)) {
		snprintf(err, err_size, "\"meta\" must be an object");
		return -1;
	}
	const char *key;
	json_t *v;
	json_object_foreach(meta, key, v) {
		if (*n == STREAM_MAX_META) {
			snprintf(err, err_size, "more than %d meta fields", STREAM_MAX_META);
			return -1;
		}
		if (!json_is_string(v)) {
			snprintf(err, err_size, "meta \"%s\" must be a string", key);
			return -1;
		}
		out[*n].key = key;
		out[(*n)++].value = json_string_value(v);
	}
	return 0;
}

/* Convert one record into its result object. */
static json_t *stream_convert(stream_run *r, stream_item *it, stream_worker *w)
{
	json_t *res = json_object();
	json_t *rec_json = NULL;
	const char *text = it->text;
	size_t len = it->len;
	char idbuf[64];
	const char *id = NULL;
	np_options opts = r->c->opts;
	np_meta_override meta[STREAM_MAX_META];
	char err[256];

	if (r->c->stream_in == STREAM_IN_TEXT) {
		stream_text_id(text, len, idbuf, sizeof idbuf);
		id = idbuf;
	} else {
		json_error_t jerr;
		rec_json = json_loadb(text, len, 0, &jerr);
		if (!rec_json || !json_is_object(rec_json)) {
			json_object_set_new(res, "id", json_null());
			snprintf(err, sizeof err, "not a JSON object%s%s",
			         rec_json ? "" : ": ", rec_json ? "" : jerr.text);
			json_decref(rec_json);
			return stream_error(res, err);
		}
		json_t *jid = json_object_get(rec_json, "id");
		json_t *jtext = json_object_get(rec_json, "text");
		if (json_is_string(jid))
			id = json_string_value(jid);
		else if (json_is_integer(jid)) {
			snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT,
			         json_integer_value(jid));
			id = idbuf;
		}
		json_object_set_new(res, "id", id ? json_string(id) : json_null());
		if (!id) {
			json_decref(rec_json);
			return stream_error(res, "the record has no \"id\" (a string or number)");
		}
		if (!json_is_string(jtext)) {
			json_decref(rec_json);
			return stream_error(res, "the record has no \"text\" string");
		}
		if (stream_meta(r, json_object_get(rec_json, "meta"), meta, &opts.n_meta,
		                err, sizeof err) < 0) {
			json_decref(rec_json);
			return stream_error(res, err);
		}
		opts.meta = meta;
		text = json_string_value(jtext);
		len = json_string_length(jtext);
	}
	if (!json_object_get(res, "id"))
		json_object_set_new(res, "id", json_string(id));

	np_record *rec = NULL;
	np_ctx_clear(w->ctx);
	int rc = np_process_buffer(&rec, id, id, text, len, &opts, w->ctx);
	if (rc < 0) {
		stream_error(res, np_ctx_error(w->ctx));
		json_decref(rec_json);
		return res;
	}
	size_t nq, nw;
	np_record_quotes(rec, &nq);
	const np_warning *warns = np_record_warnings(rec, &nw);
	json_object_set_new(res, "ok", json_true());
	json_object_set_new(res, "quotes", json_integer((json_int_t)nq));
	json_t *jw = json_array();
	for (size_t i = 0; i < nw; i++)
		json_array_append_new(jw, json_string(warns[i].message));
	json_object_set_new(res, "warnings", jw);
	it->quotes = nq;
	for (size_t i = 0; i < r->n_formats; i++) {
		rc = stream_render(w, r->names[i], rec, &opts);
		if (rc < 0) {
			/* One record, one verdict: drop what was rendered so far. */
			json_object_clear(res);
			json_object_set_new(res, "id", json_string(id));
			stream_error(res, np_ctx_error(w->ctx));
			break;
		}
		stream_embed(r, res, r->names[i], &w->cap);
	}
	np_record_free(rec);
	json_decref(rec_json);
	return res;
}

static void stream_work(void *item, void *ws, void *user)
{
	stream_run *r = user;
	stream_item *it = item;
	stream_worker *w = ws;
	json_t *res = w ? stream_convert(r, it, w) : NULL;
	char *s = res ? json_dumps(res, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	it->ok = res && json_is_true(json_object_get(res, "ok"));
	if (res && !it->ok) {
		const char *e = json_string_value(json_object_get(res, "error"));
		it->error = strdup(e ? e : "failed");
	}
	json_decref(res);
	if (!s) {
		/* Out of memory: still one line for this record. */
		it->ok = 0;
		char buf[96];
		snprintf(buf, sizeof buf, "{\"id\":null,\"line\":%zu,\"ok\":false,"
		         "\"error\":\"out of memory\"}", it->line);
		s = strdup(buf);
		if (!s)
			return;
	}
	size_t n = strlen(s);
	char *line = realloc(s, n + 2);
	if (!line) {
		free(s);
		return;
	}
	line[n] = '\n';
	line[n + 1] = '\0';
	it->out = line;
	it->out_len = n + 1;
}

static int stream_commit(void *item, void *user)
{
	stream_run *r = user;
	stream_item *it = item;
	r->records++;
	r->bytes += it->len;
	r->quotes += it->quotes;
	if (!it->ok) {
		r->failures++;
		if (!r->c->quiet)
			fprintf(stderr, "newsprism: line %zu: %s\n", it->line,
			        it->error ? it->error : "out of memory");
	}
	if (!it->out || fwrite(it->out, 1, it->out_len, stdout) != it->out_len ||
	    fflush(stdout) != 0) {
		r->write_failed = 1;
		return 1; /* the reader is gone: stop */
	}
	return !it->ok && r->c->fail_fast;
}

static void stream_discard(void *item, void *user)
{
	(void)user;
	stream_item *it = item;
	free(it->text);
	free(it->out);
	free(it->error);
	free(it);
}

static const pool_ops stream_ops = {
	stream_worker_new, stream_worker_free, stream_work, stream_commit,
	stream_discard,
};

int cmd_stream(cli *c, int n_args, char **args)
{
	(void)args;
	if (n_args > 0)
		return cli_usage_error("stream reads stdin and takes no INPUT (got '%s')",
		                       args[0]);
	stream_run r;
	memset(&r, 0, sizeof r);
	r.c = c;
	if (cli_split_formats(c->stream_formats, r.names, &r.n_formats) < 0)
		return EXIT_USAGE;
#ifdef NP_CSV_QUOTES
	/* The tables' rows, not their descriptions (the same for every record). */
	if (!c->opts.csv_tables)
		c->opts.csv_tables = NP_CSV_QUOTES | NP_CSV_ENTITIES | NP_CSV_ARTICLES;
#endif
	/* Stream results must not wait on a reader that waits on us. */
	int jobs = c->jobs ? (int)c->jobs : 1;
	pool *p = NULL;
	if (pool_new(&p, jobs, (size_t)jobs * 2, &stream_ops, &r) < 0) {
		fprintf(stderr, "newsprism: cannot start %d worker threads\n", jobs);
		return EXIT_FAILED_SOME;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	while (!np_cli_interrupted && !pool_stopped(p) &&
	       (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue; /* blank lines are not records */
		stream_item *it = calloc(1, sizeof *it);
		if (!it || !(it->text = malloc(len + 1))) {
			free(it);
			fprintf(stderr, "newsprism: line %zu: out of memory\n", lineno);
			break;
		}
		memcpy(it->text, line, len);
		it->text[len] = '\0';
		it->len = len;
		it->line = lineno;
		pool_submit(p, it);
	}
	free(line);
	pool_finish(p);
	double secs = cli_elapsed(&t0);
	if (r.write_failed)
		fprintf(stderr, "newsprism: cannot write to stdout\n");
	if (!c->quiet)
		fprintf(stderr, "newsprism: %zu records, %zu quotes, %zu failed, %.2fs, "
		        "%.1f MB/s\n", r.records, r.quotes, r.failures, secs,
		        secs > 0 ? (double)r.bytes / 1e6 / secs : 0.0);
	return (r.failures || r.write_failed || np_cli_interrupted) ? EXIT_FAILED_SOME : 0;
}

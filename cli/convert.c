/* convert.c - `convert` and `extract`: read the inputs, convert the
 * articles on a pool of threads, commit their outputs in input order.
 *
 * The split: a worker runs the pipeline (np_process_buffer) and renders the
 * per-article formats (newsml, jsonld, ninjs) into memory with writers of
 * its own; the ordered commit then hands those files to the real outputs
 * (folder, archive) and feeds the record to the table writers (csv, jsonl),
 * which see records in input order and are never touched by two threads at
 * once.  Hence -j N writes exactly the bytes -j 1 writes. */
#include "cli.h"
#include "pool.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One file a worker rendered. */
typedef struct conv_file {
	size_t fmt;               /* index into the run's formats */
	char *name;
	char *data;
	size_t len;
} conv_file;

/* One article on its way through the pool. */
typedef struct conv_item {
	char *id, *source;
	char *bytes;              /* our own copy: np_input's is borrowed */
	size_t len;
	int rc;                   /* < 0: failed, message in error */
	char *error;
	np_record *rec;
	conv_file *files;
	size_t n_files, cap_files;
} conv_item;

typedef struct conv_run {
	cli *c;
	np_ctx *ctx;              /* the commit side's context */
	np_ctx *in_ctx;           /* the reading side's (another thread) */
	char names[MAX_FORMATS][32];
	int rendered[MAX_FORMATS]; /* 1: rendered by workers; 0: table writer */
	size_t n_formats;
	np_output *outs[2];
	size_t n_outs;
	np_writer *tables[2][MAX_FORMATS]; /* per output, for table formats */
	size_t articles, failures, quotes, warnings, bytes;
	progress prog;
	/* The last committed record, freed one commit later: outputs may tell
	 * articles apart by record address (np_output.current), and two live
	 * records never share one. */
	np_record *held;
} conv_run;

/* ---- the worker side ------------------------------------------------- */

/* An np_output that keeps every file put, for the item being worked on. */
typedef struct capture {
	np_output base;
	conv_item *item;
	size_t fmt;
} capture;

typedef struct conv_worker {
	np_ctx *ctx;
	capture cap;
	np_writer *writers[MAX_FORMATS];
	int broken;               /* setup failed: every item fails with it */
	char *setup_error;
} conv_worker;

static int convert_capture_put(np_output *o, const char *name, const void *data,
                               size_t len)
{
	capture *c = (capture *)o;
	conv_item *it = c->item;
	if (it->n_files == it->cap_files) {
		size_t ncap = it->cap_files ? it->cap_files * 2 : 4;
		conv_file *p = realloc(it->files, ncap * sizeof *p);
		if (!p)
			return np_ctx_set_error(o->ctx, NP_ENOMEM, "out of memory");
		it->files = p;
		it->cap_files = ncap;
	}
	conv_file *f = &it->files[it->n_files];
	f->fmt = c->fmt;
	f->name = strdup(name);
	f->data = malloc(len ? len : 1);
	if (!f->name || !f->data) {
		free(f->name);
		free(f->data);
		return np_ctx_set_error(o->ctx, NP_ENOMEM, "out of memory");
	}
	memcpy(f->data, data, len);
	f->len = len;
	it->n_files++;
	return NP_OK;
}

static void *convert_worker_new(void *user)
{
	conv_run *r = user;
	conv_worker *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->ctx = np_ctx_new();
	if (!w->ctx) {
		w->broken = 1;
		return w;
	}
	w->cap.base.put = convert_capture_put;
	w->cap.base.ctx = w->ctx;
	for (size_t i = 0; i < r->n_formats; i++) {
		if (!r->rendered[i])
			continue;
		if (np_writer_new(&w->writers[i], r->names[i], &w->cap.base, &r->c->opts,
		                  w->ctx) < 0) {
			w->broken = 1;
			w->setup_error = strdup(np_ctx_error(w->ctx));
			break;
		}
	}
	return w;
}

static void convert_worker_free(void *ws, void *user)
{
	conv_run *r = user;
	conv_worker *w = ws;
	if (!w)
		return;
	for (size_t i = 0; i < r->n_formats; i++)
		np_writer_free(w->writers[i]); /* per-article: nothing left to close */
	np_ctx_free(w->ctx);
	free(w->setup_error);
	free(w);
}

/* Mark an item failed; the message always names the article. */
static void convert_fail(conv_item *it, int rc, const char *msg)
{
	it->rc = rc < 0 ? rc : NP_EFORMAT;
	if (!msg || !*msg)
		msg = "failed";
	const char *who = it->source;
	free(it->error);
	it->error = NULL;
	if (who && strstr(msg, who) == NULL) {
		size_t n = strlen(who) + strlen(msg) + 3;
		if ((it->error = malloc(n)))
			snprintf(it->error, n, "%s: %s", who, msg);
	}
	if (!it->error)
		it->error = strdup(msg);
}

static void convert_work(void *item, void *ws, void *user)
{
	conv_run *r = user;
	conv_item *it = item;
	conv_worker *w = ws;
	if (it->rc < 0)
		return; /* the input itself failed */
	if (!w || w->broken) {
		convert_fail(it, NP_ENOMEM, w && w->setup_error ? w->setup_error
		                                                : "out of memory");
		return;
	}
	np_ctx_clear(w->ctx);
	int rc = np_process_buffer(&it->rec, it->id, it->source, it->bytes, it->len,
	                           &r->c->opts, w->ctx);
	/* The pipeline keeps its own copy: the input can go now. */
	free(it->bytes);
	it->bytes = NULL;
	if (rc < 0) {
		convert_fail(it, rc, np_ctx_error(w->ctx));
		return;
	}
	w->cap.item = it;
	for (size_t i = 0; i < r->n_formats; i++) {
		if (!w->writers[i])
			continue;
		w->cap.fmt = i;
		rc = np_writer_write(w->writers[i], it->rec);
		if (rc < 0) {
			convert_fail(it, rc, np_ctx_error(w->ctx));
			return;
		}
	}
}

/* ---- the commit side ------------------------------------------------- */

static void convert_print_warnings(conv_run *r, const np_record *rec)
{
	size_t n;
	const np_warning *w = np_record_warnings(rec, &n);
	if (n)
		progress_clear(&r->prog);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "newsprism: warning: %s\n", w[i].message);
}

/* Hand one article to every output, in the order -j 1 would. */
static int convert_commit_outputs(conv_run *r, conv_item *it)
{
	for (size_t o = 0; o < r->n_outs; o++)
		for (size_t i = 0; i < r->n_formats; i++) {
			int rc = NP_OK;
			if (!r->rendered[i]) {
				rc = np_writer_write(r->tables[o][i], it->rec);
			} else {
				/* the archive files an article's files under its id */
				np_output__set_record(r->outs[o], it->rec);
				for (size_t k = 0; rc >= 0 && k < it->n_files; k++)
					if (it->files[k].fmt == i)
						rc = np_output_put(r->outs[o], it->files[k].name,
						                   it->files[k].data, it->files[k].len);
				np_output__set_record(r->outs[o], NULL);
			}
			if (rc < 0) {
				convert_fail(it, rc, np_ctx_error(r->ctx));
				return rc;
			}
		}
	return NP_OK;
}

static int convert_commit(void *item, void *user)
{
	conv_run *r = user;
	conv_item *it = item;
	r->articles++;
	r->bytes += it->len;
	if (it->rc >= 0)
		convert_commit_outputs(r, it);
	if (it->rc < 0) {
		r->failures++;
		progress_clear(&r->prog);
		fprintf(stderr, "newsprism: failed: %s\n",
		        it->error ? it->error : "out of memory");
	} else {
		size_t nq, nw;
		np_record_quotes(it->rec, &nq);
		np_record_warnings(it->rec, &nw);
		r->quotes += nq;
		r->warnings += nw;
		if (r->c->verbose)
			convert_print_warnings(r, it->rec);
	}
	progress_step(&r->prog, it->len);
	if (it->rec) {
		np_record_free(r->held);
		r->held = it->rec;
		it->rec = NULL;
	}
	return it->rc < 0 && r->c->fail_fast;
}

static void convert_discard(void *item, void *user)
{
	(void)user;
	conv_item *it = item;
	for (size_t k = 0; k < it->n_files; k++) {
		free(it->files[k].name);
		free(it->files[k].data);
	}
	free(it->files);
	np_record_free(it->rec);
	free(it->id);
	free(it->source);
	free(it->bytes);
	free(it->error);
	free(it);
}

static const pool_ops convert_ops = {
	convert_worker_new, convert_worker_free, convert_work, convert_commit,
	convert_discard,
};

/* ---- setting up and finishing ---------------------------------------- */

/* A format rendered article by article in the workers, or a table (and
 * anything else that spans records) written in order at commit. */
static int convert_is_per_article(const cli *c, const char *name)
{
	const np_format *f = np_format_find(name);
	if (!f || !f->extension)
		return 0;
	/* --newsml-message collects the whole batch in the newsml writer. */
	if (strcmp(name, "newsml") == 0 && c->opts.newsml_message)
		return 0;
	return 1;
}

static int convert_open(conv_run *r, int extract_only)
{
	cli *c = r->c;
	if (extract_only) {
		if (np_output_stdout_new(&r->outs[r->n_outs++], r->ctx) < 0)
			return -1;
	} else {
		if (np_output_dir_new(&r->outs[r->n_outs++], c->outdir, r->ctx) < 0)
			return -1;
		if (c->archive && np_output_archive_new(&r->outs[r->n_outs++], c->archive,
		                                        &c->opts, r->ctx) < 0)
			return -1;
	}
	for (size_t i = 0; i < r->n_formats; i++) {
		/* extract prints one table: nothing is rendered per article. */
		r->rendered[i] = !extract_only && convert_is_per_article(c, r->names[i]);
		for (size_t o = 0; o < r->n_outs && !r->rendered[i]; o++)
			if (np_writer_new(&r->tables[o][i], r->names[i], r->outs[o], &c->opts,
			                  r->ctx) < 0)
				return -1;
	}
	return 0;
}

/* Close the table writers, then the outputs; an archive is only finished
 * when everything before it worked and the run was not interrupted. */
static int convert_close(conv_run *r)
{
	int failed = 0;
	for (size_t o = 0; o < r->n_outs; o++)
		for (size_t i = 0; i < r->n_formats; i++) {
			if (r->tables[o][i] && !np_cli_interrupted &&
			    np_writer_close(r->tables[o][i]) < 0) {
				fprintf(stderr, "newsprism: %s\n", np_ctx_error(r->ctx));
				failed = 1;
			}
			np_writer_free(r->tables[o][i]);
			r->tables[o][i] = NULL;
		}
	for (size_t o = 0; o < r->n_outs; o++) {
		if (!failed && !np_cli_interrupted && np_output_close(r->outs[o]) < 0) {
			fprintf(stderr, "newsprism: %s\n", np_ctx_error(r->ctx));
			failed = 1;
		}
		np_output_free(r->outs[o]);
		r->outs[o] = NULL;
	}
	return failed;
}

static void convert_free_all(conv_run *r)
{
	for (size_t o = 0; o < r->n_outs; o++) {
		for (size_t i = 0; i < r->n_formats; i++)
			np_writer_free(r->tables[o][i]);
		np_output_free(r->outs[o]);
	}
}

/* Read the inputs in order and feed the pool; stop early on fail-fast or a
 * signal.  Only `window` articles are ever held. */
static void convert_feed(conv_run *r, np_input *in, pool *p)
{
	for (;;) {
		if (np_cli_interrupted || pool_stopped(p))
			break;
		const char *id = NULL, *source = NULL, *bytes = NULL;
		size_t len = 0;
		np_ctx_clear(r->in_ctx);
		int rc = np_input_next(in, &id, &source, &bytes, &len);
		if (rc == 0)
			break;
		conv_item *it = calloc(1, sizeof *it);
		if (!it) {
			fprintf(stderr, "newsprism: out of memory\n");
			np_cli_interrupted = 1;
			break;
		}
		if (rc > 0) {
			it->id = strdup(id ? id : "article");
			it->source = strdup(source ? source : (id ? id : "-"));
			it->bytes = malloc(len ? len : 1);
			it->len = len;
			if (!it->id || !it->source || !it->bytes)
				convert_fail(it, NP_ENOMEM, "out of memory");
			else
				memcpy(it->bytes, bytes, len);
		} else {
			convert_fail(it, rc, np_ctx_error(r->in_ctx));
		}
		pool_submit(p, it);
	}
}

int cmd_convert(cli *c, int n_inputs, char **inputs, int extract_only)
{
	conv_run r;
	memset(&r, 0, sizeof r);
	r.c = c;
	if (extract_only && c->formats_given && strcmp(c->formats, "csv") != 0)
		return cli_usage_error("extract prints the quote table (csv) only, not "
		                       "'%s'; use convert -f for other formats", c->formats);
	if (extract_only) {
		strcpy(r.names[0], "csv");
		r.n_formats = 1;
#ifdef NP_CSV_QUOTES
		c->opts.csv_tables = NP_CSV_QUOTES; /* stdout gets quotes.csv only */
#endif
	} else if (cli_split_formats(c->formats, r.names, &r.n_formats) < 0) {
		return EXIT_USAGE;
	}
	if (n_inputs == 0)
		return cli_usage_error("%s needs at least one INPUT (a file, a folder or -)",
		                       extract_only ? "extract" : "convert");
	if (!(r.ctx = np_ctx_new()) || !(r.in_ctx = np_ctx_new())) {
		np_ctx_free(r.ctx);
		np_ctx_free(r.in_ctx);
		return EXIT_FAILED_SOME;
	}
	np_input *in = NULL;
	if (convert_open(&r, extract_only) < 0 ||
	    np_input_open(&in, (const char *const *)inputs, (size_t)n_inputs, &c->opts,
	                  r.in_ctx) < 0) {
		fprintf(stderr, "newsprism: %s\n", *np_ctx_error(r.in_ctx)
		        ? np_ctx_error(r.in_ctx) : np_ctx_error(r.ctx));
		convert_free_all(&r);
		np_ctx_free(r.ctx);
		np_ctx_free(r.in_ctx);
		return EXIT_FAILED_SOME;
	}
	/* The output folder may lie inside an input folder: never read back
	 * what this run writes (the folder exists: convert_open made it). */
	if (!extract_only)
		np_input_skip_folder(in, c->outdir && *c->outdir ? c->outdir : ".");
	int show = !c->quiet && (c->progress || isatty(STDERR_FILENO));
	progress_start(&r.prog, show, show ? cli_count_inputs(inputs, n_inputs) : -1);

	int jobs = cli_jobs(c);
	pool *p = NULL;
	if (pool_new(&p, jobs, (size_t)jobs * 2, &convert_ops, &r) < 0) {
		fprintf(stderr, "newsprism: cannot start %d worker threads\n", jobs);
		np_input_free(in);
		convert_free_all(&r);
		np_ctx_free(r.ctx);
		np_ctx_free(r.in_ctx);
		return EXIT_FAILED_SOME;
	}
	convert_feed(&r, in, p);
	pool_finish(p);
	np_record_free(r.held);
	r.held = NULL;
	np_input_free(in);
	progress_end(&r.prog);
	if (convert_close(&r))
		r.failures++;
	double secs = cli_elapsed(&r.prog.t0);
	if (np_cli_interrupted)
		fprintf(stderr, "newsprism: interrupted after %zu articles; nothing "
		        "half-written was left\n", r.articles);
	if (!c->quiet)
		fprintf(stderr, "newsprism: %zu articles, %zu quotes, %zu warnings, "
		        "%zu failed, %.2fs, %.1f MB/s\n", r.articles, r.quotes,
		        r.warnings, r.failures, secs,
		        secs > 0 ? (double)r.bytes / 1e6 / secs : 0.0);
	np_ctx_free(r.ctx);
	np_ctx_free(r.in_ctx);
	return (r.failures || np_cli_interrupted) ? EXIT_FAILED_SOME : 0;
}

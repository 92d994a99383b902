/* jsonl.c - articles.jsonl: the JSON-LD of every article of a batch, one
 * document per line (JSON Lines), for Elasticsearch bulk loads, BigQuery and
 * jq.  Each line is the same document as <id>.jsonld, always compact (one
 * line by definition, whatever --pretty says) and in the order the articles
 * were written.  The file is put at close, so a failed run leaves none.
 * The lines gather in a spill sink (spill.h): past a few MB they wait in a
 * temporary file, so memory stays flat however big the batch. */
#include "json_build.h"
#include "spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define JSONL_FILE "articles.jsonl"

typedef struct jsonl_state {
	np_spill lines; /* every document so far */
	np_buf one;    /* scratch: the current document */
	size_t n;
} jsonl_state;

static int jsonl_open(np_writer *w)
{
	int rc = np_json__check_base_url(w->opts, "jsonl", w->ctx);
	if (rc < 0)
		return rc;
	jsonl_state *s = calloc(1, sizeof *s);
	if (!s)
		return np_ctx_set_error(w->ctx, NP_ENOMEM, "jsonl: out of memory");
	w->state = s;
	return NP_OK;
}

static int jsonl_write(np_writer *w, const np_record *rec)
{
	jsonl_state *s = w->state;
	np_jb b;
	np_json__init(&b, "jsonl", rec, w->opts, w->ctx);
	json_t *doc = np_json__jsonld(&b);
	if (!doc)
		return b.rc < 0 ? b.rc : NP_EFORMAT;
	/* Built apart and appended whole: a record that fails leaves no
	 * half line behind. */
	int rc = np_json__dump(&b, &s->one, doc, 0, 1);
	json_decref(doc);
	if (rc < 0)
		return rc;
	if (np_spill__put(&s->lines, s->one.data, s->one.len) < 0)
		return errno == ENOMEM
		       ? np_ctx_set_error(w->ctx, NP_ENOMEM, "jsonl: out of memory")
		       : np_ctx_set_error(w->ctx, NP_EIO, "jsonl: cannot write a "
		                          "temporary file: %s", strerror(errno));
	s->n++;
	return NP_OK;
}

static int jsonl_close(np_writer *w)
{
	jsonl_state *s = w->state;
	return np_spill__output(&s->lines, w->dest, JSONL_FILE);
}

static void jsonl_free(np_writer *w)
{
	jsonl_state *s = w->state;
	if (!s)
		return;
	np_spill__dispose(&s->lines);
	np_buf_dispose(&s->one);
	free(s);
	w->state = NULL;
}

const np_format np_format_jsonl = { "jsonl", NULL, jsonl_open, jsonl_write,
	jsonl_close, jsonl_free };

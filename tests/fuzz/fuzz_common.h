/* fuzz_common.h - what every newsprism libFuzzer harness shares.
 *
 * A harness runs the pipeline on the fuzzer's bytes, then checks what came
 * out rather than only "did not crash" (as cmark's fuzzers do):
 *   - the record's invariants: every span inside the text, every source
 *     offset inside the input, every string valid UTF-8;
 *   - every registered exporter renders it, and whatever an exporter
 *     produces is well-formed: XML parses with libxml2, JSON with Jansson,
 *     CSV with libcsv in strict mode with the same field count on each row.
 * An exporter that returns an error (for example a placeholder) is fine;
 * one that returns success with broken output is a finding, and aborts.
 */
#ifndef NP_FUZZ_COMMON_H
#define NP_FUZZ_COMMON_H

#include "newsprism.h"
#include "model.h"
#include "format.h"
#include "buf.h"

#include <csv.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_FAIL(...)                                                          \
	do {                                                                    \
		fprintf(stderr, "FUZZ FINDING: " __VA_ARGS__);                  \
		fputc('\n', stderr);                                            \
		abort();                                                        \
	} while (0)

/* libxml2 prints parse errors itself; keep the fuzzer's output readable. */
static inline void fuzz_xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static inline int fuzz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		size_t k;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 4;
		else
			return 0;
		if (i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0) ||
		    (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90))
			return 0;
		i += k;
	}
	return 1;
}

static inline void fuzz_check_str(const char *what, const char *s)
{
	if (s && !fuzz_utf8_valid(s, strlen(s)))
		FUZZ_FAIL("metadata %s is not valid UTF-8", what);
}

static inline void fuzz_check_span(const np_record *rec, const char *what, np_span s)
{
	if (s.start > s.end || s.end > rec->text_len)
		FUZZ_FAIL("%s span [%zu,%zu) outside the text (%zu bytes)", what,
		          s.start, s.end, rec->text_len);
	size_t a = np_record_source_offset(rec, s.start);
	size_t b = np_record_source_offset(rec, s.end);
	if (a > b || b > rec->src_len)
		FUZZ_FAIL("%s source span [%zu,%zu) outside the input (%zu bytes)",
		          what, a, b, rec->src_len);
}

/* The record's promises, as newsprism.h and model.h state them. */
static inline void fuzz_check_record(const np_record *rec)
{
	size_t tlen = 0, n;
	const char *text = np_record_text(rec, &tlen);
	if (!text || tlen != rec->text_len)
		FUZZ_FAIL("np_record_text disagrees with text_len");
	if (!fuzz_utf8_valid(text, tlen))
		FUZZ_FAIL("normalised text is not valid UTF-8");
	const np_metadata *m = np_record_meta(rec);
	if (!m->id || !*m->id)
		FUZZ_FAIL("record without an id");
	for (const char *p = m->id; *p; p++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		            "0123456789._/-", *p))
			FUZZ_FAIL("id '%s' holds an unsafe character", m->id);
	fuzz_check_str("source", m->source);
	fuzz_check_str("source name", m->source_name);
	fuzz_check_str("provider", m->provider);
	fuzz_check_str("dateline place", m->dateline_place);
	fuzz_check_str("headline", m->headline);
	fuzz_check_str("subheadline", m->subheadline);
	fuzz_check_str("byline", m->byline);
	fuzz_check_str("date", m->date);
	fuzz_check_str("dateline", m->dateline);
	fuzz_check_str("language", m->language);
	fuzz_check_str("keywords", m->keywords);
	fuzz_check_str("copyright", m->copyright);
	for (size_t i = 0; i < m->n_authors; i++)
		fuzz_check_str("author", m->authors[i]);
	for (size_t i = 0; i < m->n_extra; i++) {
		fuzz_check_str("extra key", m->extra[i].key);
		fuzz_check_str("extra value", m->extra[i].value);
	}
	const np_paragraph *paras = np_record_paragraphs(rec, &n);
	size_t n_paras = n;
	for (size_t i = 0; i < n; i++)
		fuzz_check_span(rec, "paragraph", paras[i].span);
	size_t n_sents;
	const np_sentence *sents = np_record_sentences(rec, &n_sents);
	for (size_t i = 0; i < n_sents; i++) {
		fuzz_check_span(rec, "sentence", sents[i].span);
		if (n_paras && sents[i].paragraph >= n_paras)
			FUZZ_FAIL("sentence %zu in paragraph %zu of %zu", i,
			          sents[i].paragraph, n_paras);
	}
	size_t n_ents;
	const np_entity *ents = np_record_entities(rec, &n_ents);
	for (size_t i = 0; i < n_ents; i++) {
		if (!ents[i].name)
			FUZZ_FAIL("entity %zu without a name", i);
		fuzz_check_str("entity name", ents[i].name);
		fuzz_check_str("entity title", ents[i].title);
		for (size_t k = 0; k < ents[i].n_mentions; k++)
			fuzz_check_span(rec, "mention", ents[i].mentions[k]);
	}
	const np_quote *q = np_record_quotes(rec, &n);
	for (size_t i = 0; i < n; i++) {
		fuzz_check_span(rec, "quote", q[i].span);
		if (q[i].speaker_span.end)
			fuzz_check_span(rec, "speaker", q[i].speaker_span);
		if (q[i].cue_span.end)
			fuzz_check_span(rec, "cue", q[i].cue_span);
		if (q[i].speaker >= (long)n_ents)
			FUZZ_FAIL("quote %zu names entity %ld of %zu", i, q[i].speaker,
			          n_ents);
		fuzz_check_str("quote text", q[i].text);
		fuzz_check_str("speaker name", q[i].speaker_name);
		fuzz_check_str("speaker title", q[i].speaker_title);
		fuzz_check_str("cue", q[i].cue);
		if (n_paras && q[i].paragraph >= n_paras)
			FUZZ_FAIL("quote %zu in paragraph %zu of %zu", i, q[i].paragraph,
			          n_paras);
	}
	const np_warning *w = np_record_warnings(rec, &n);
	for (size_t i = 0; i < n; i++)
		if (!w[i].message)
			FUZZ_FAIL("warning %zu without a message", i);
		else
			fuzz_check_str("warning", w[i].message);
}

/* ---- well-formedness of what the exporters wrote ---------------------- */

static inline void fuzz_check_xml(const char *name, const char *data, size_t len)
{
	xmlSetGenericErrorFunc(NULL, fuzz_xml_silent);
	xmlDocPtr doc = xmlReadMemory(data, (int)len, name, NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOWARNING |
	                                  XML_PARSE_NOERROR | XML_PARSE_HUGE);
	if (!doc)
		FUZZ_FAIL("%s: not well-formed XML:\n%.*s", name,
		          (int)(len > 2000 ? 2000 : len), data);
	xmlFreeDoc(doc);
}

static inline void fuzz_check_json_doc(const char *name, const char *data, size_t len)
{
	json_error_t err;
	json_t *j = json_loadb(data, len, 0, &err);
	if (!j)
		FUZZ_FAIL("%s: not valid JSON (%s at line %d):\n%.*s", name, err.text,
		          err.line, (int)(len > 2000 ? 2000 : len), data);
	json_decref(j);
}

static inline void fuzz_check_jsonl(const char *name, const char *data, size_t len)
{
	size_t at = 0;
	while (at < len) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t e = nl ? (size_t)(nl - data) : len;
		if (e > at)
			fuzz_check_json_doc(name, data + at, e - at);
		at = e + 1;
	}
}

typedef struct fuzz_csv {
	size_t fields, row_fields, rows;
	int ragged;
} fuzz_csv;

static inline void fuzz_csv_field(void *s, size_t n, void *p)
{
	(void)s;
	(void)n;
	((fuzz_csv *)p)->fields++;
}

static inline void fuzz_csv_row(int c, void *p)
{
	(void)c;
	fuzz_csv *f = p;
	if (f->rows && f->fields != f->row_fields)
		f->ragged = 1;
	f->row_fields = f->fields;
	f->fields = 0;
	f->rows++;
}

static inline void fuzz_check_csv(const char *name, const char *data, size_t len,
                           char delim)
{
	struct csv_parser p;
	fuzz_csv f = { 0, 0, 0, 0 };
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	csv_set_delim(&p, (unsigned char)delim);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	if (csv_parse(&p, data, len, fuzz_csv_field, fuzz_csv_row, &f) != len ||
	    csv_fini(&p, fuzz_csv_field, fuzz_csv_row, &f) != 0)
		FUZZ_FAIL("%s: not strict RFC 4180 CSV (%s)", name,
		          csv_strerror(csv_error(&p)));
	csv_free(&p);
	if (f.ragged)
		FUZZ_FAIL("%s: rows with different field counts", name);
	if (!fuzz_utf8_valid(data, len))
		FUZZ_FAIL("%s: CSV is not valid UTF-8", name);
}

static inline int fuzz_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Pick the checker from the file name the exporter gave. */
static inline void fuzz_check_file(const char *name, const char *data, size_t len,
                            const np_options *opts)
{
	if (fuzz_ends_with(name, ".xml"))
		fuzz_check_xml(name, data, len);
	else if (fuzz_ends_with(name, ".jsonl") || fuzz_ends_with(name, ".ndjson"))
		fuzz_check_jsonl(name, data, len);
	else if (fuzz_ends_with(name, ".json") || fuzz_ends_with(name, ".jsonld") ||
	         fuzz_ends_with(name, ".ninjs"))
		fuzz_check_json_doc(name, data, len);
	else if (fuzz_ends_with(name, ".csv"))
		fuzz_check_csv(name, data, len,
		               opts->csv_delimiter ? opts->csv_delimiter : ',');
}

/* An output that checks every file it is handed, instead of writing it. */
typedef struct fuzz_output {
	np_output base;
	const np_options *opts;
	size_t files;
} fuzz_output;

static inline int fuzz_output_put(np_output *o, const char *name, const void *data,
                           size_t len)
{
	fuzz_output *f = (fuzz_output *)o;
	if (!name || !*name || name[0] == '/' || strstr(name, ".."))
		FUZZ_FAIL("unsafe output name '%s'", name ? name : "(null)");
	fuzz_check_file(name, data, len, f->opts);
	f->files++;
	return NP_OK;
}

/* Render `rec` with every registered exporter and check each result. */
static inline void fuzz_export_all(const np_record *rec, const np_options *opts)
{
	np_ctx *ctx = np_ctx_new();
	np_buf out = NP_BUF_INIT;
	for (size_t i = 0; np_formats[i]; i++) {
		const np_format *fmt = np_formats[i];
		if (fmt->extension) {
			/* per-article: the one-shot render used by the library */
			np_buf_reset(&out);
			if (np_format__render(&out, fmt->name, rec, opts, ctx) >= 0 &&
			    out.data) {
				char name[64];
				snprintf(name, sizeof name, "article.%s", fmt->extension);
				fuzz_check_file(name, out.data, out.len, opts);
			}
		} else {
			/* a table: open, write, close into a checking output */
			fuzz_output fo = { .base = { .put = fuzz_output_put, .ctx = ctx }, .opts = opts };
			np_writer *w = NULL;
			if (np_writer_new(&w, fmt->name, &fo.base, opts, ctx) >= 0) {
				if (np_writer_write(w, rec) >= 0)
					np_writer_close(w);
				np_writer_free(w);
			}
		}
		np_ctx_clear(ctx);
	}
	np_buf_dispose(&out);
	np_ctx_free(ctx);
}

/* Options the harnesses alternate with the defaults, so that the less used
 * paths (pretty JSON, graph JSON-LD, XHTML bodies, raw CSV with another
 * separator and a BOM) are fuzzed too. */
static inline void fuzz_alt_options(np_options *o)
{
	o->now = 1735689600;
	o->pretty = 1;
	o->jsonld_style = NP_JSONLD_GRAPH;
	o->newsml_body = NP_NEWSML_BODY_XHTML;
	o->csv_raw = 1;
	o->csv_bom = 1;
	o->csv_delimiter = ';';
	o->base_url = "https://example.invalid/news/";
	o->provider = "example.invalid";
	o->max_quotes = 50;
}

/* The whole path for one buffer: pipeline, invariants, every exporter. */
static inline void fuzz_one(const char *data, size_t size, const np_options *opts)
{
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	int rc = np_process_buffer(&rec, "fuzz/article 1", "fuzz-input", data, size,
	                           opts, ctx);
	if (rc >= 0) {
		if (!rec)
			FUZZ_FAIL("np_process_buffer returned %d without a record", rc);
		fuzz_check_record(rec);
		fuzz_export_all(rec, opts);
	} else if (rec) {
		FUZZ_FAIL("np_process_buffer failed (%d) but set a record", rc);
	} else if (!*np_ctx_error(ctx)) {
		FUZZ_FAIL("np_process_buffer failed (%d) without a message", rc);
	}
	np_record_free(rec);
	np_ctx_free(ctx);
}

#endif

/* np_newsml_test.h - records built by hand and XPath checks, shared by
 * check_newsml.c and check_validate.c. */
#ifndef NP_NEWSML_TEST_H
#define NP_NEWSML_TEST_H

#include "np_check.h"
#include "model.h"
#include "format.h"
#include "buf.h"

#include <stdarg.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unistd.h>

#define NT_XSD "reference/newsml-g2/LOCAL-newsml-g2-2.35-plus-nitf-3.6.xsd"

/* A record whose text is `text` as is; paragraphs are separated by a blank
 * line, one sentence each. */
static inline np_record *nt_record(const char *id, const char *text)
{
	np_record *r = np_record__new(id, id, text, strlen(text));
	ck_assert_ptr_nonnull(r);
	r->text = np_arena_strdup(r->arena, text);
	r->text_len = strlen(text);
	size_t s = 0;
	while (s < r->text_len) {
		const char *sep = strstr(r->text + s, "\n\n");
		size_t e = sep ? (size_t)(sep - r->text) : r->text_len;
		np_paragraph p = { { s, e }, r->n_sents, 1 };
		np_sentence st = { { s, e }, r->n_paras };
		ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->sents, r->n_sents, r->cap_sents, st), 0);
		ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->paras, r->n_paras, r->cap_paras, p), 0);
		s = sep ? e + 2 : r->text_len;
	}
	return r;
}

static inline np_span nt_find(const np_record *r, const char *needle, size_t from)
{
	const char *at = strstr(r->text + from, needle);
	ck_assert_msg(at != NULL, "'%s' not in the text", needle);
	size_t s = (size_t)(at - r->text);
	return (np_span){ s, s + strlen(needle) };
}

/* An entity with every mention of each NULL-terminated surface form. */
static inline long nt_entity(np_record *r, np_entity_type t, const char *name,
                             const char *title, ...)
{
	np_entity e;
	memset(&e, 0, sizeof e);
	e.type = t;
	e.name = np_arena_strdup(r->arena, name);
	e.title = title ? np_arena_strdup(r->arena, title) : NULL;
	size_t cap = 0;
	va_list ap;
	va_start(ap, title);
	for (const char *form; (form = va_arg(ap, const char *));) {
		for (const char *at = strstr(r->text, form); at; at = strstr(at + 1, form)) {
			np_span m = { (size_t)(at - r->text), (size_t)(at - r->text) + strlen(form) };
			ck_assert_int_eq(NP_ARENA_PUSH(r->arena, e.mentions, e.n_mentions, cap, m), 0);
		}
	}
	va_end(ap);
	ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->ents, r->n_ents, r->cap_ents, e), 0);
	return (long)r->n_ents - 1;
}

/* A direct quote of the words `words` (first occurrence). */
static inline void nt_quote(np_record *r, const char *words, const char *speaker,
                            const char *title)
{
	np_quote q;
	memset(&q, 0, sizeof q);
	q.type = NP_QUOTE_DIRECT;
	q.span = nt_find(r, words, 0);
	q.text = np_arena_strdup(r->arena, words);
	q.speaker = -1;
	for (size_t i = 0; speaker && i < r->n_ents && q.speaker < 0; i++)
		if (strcmp(r->ents[i].name, speaker) == 0)
			q.speaker = (long)i;
	q.speaker_name = speaker ? np_arena_strdup(r->arena, speaker) : NULL;
	q.speaker_title = title ? np_arena_strdup(r->arena, title) : NULL;
	for (size_t i = 0; i < r->n_paras; i++)
		if (q.span.start >= r->paras[i].span.start && q.span.start < r->paras[i].span.end)
			q.paragraph = i;
	ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->quotes, r->n_quotes, r->cap_quotes, q), 0);
}

/* Render a record as a newsItem (malloc'd bytes in *out). */
static inline void nt_render(np_buf *out, const np_record *rec, const np_options *o)
{
	np_ctx *ctx = np_ctx_new();
	int rc = np_format__render(out, "newsml", rec, o, ctx);
	ck_assert_msg(rc >= 0, "render failed: %s", np_ctx_error(ctx));
	np_ctx_free(ctx);
}

static inline xmlDocPtr nt_parse(const np_buf *b)
{
	xmlDocPtr d = xmlReadMemory(b->data, (int)b->len, "item.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(d != NULL, "output is not well-formed XML:\n%s", b->data);
	return d;
}

/* The string value of an XPath expression (g: NewsML-G2, n: NITF,
 * h: XHTML); malloc'd. */
static inline char *nt_xpath(xmlDocPtr d, const char *expr)
{
	xmlXPathContextPtr x = xmlXPathNewContext(d);
	xmlXPathRegisterNs(x, BAD_CAST "g", BAD_CAST "http://iptc.org/std/nar/2006-10-01/");
	xmlXPathRegisterNs(x, BAD_CAST "n", BAD_CAST "http://iptc.org/std/NITF/2006-10-18/");
	xmlXPathRegisterNs(x, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x);
	ck_assert_msg(o != NULL, "bad XPath %s", expr);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return r;
}

#define nt_assert_xpath(doc, expr, expected)                                  \
	do {                                                                  \
		char *v_ = nt_xpath((doc), (expr));                            \
		ck_assert_msg(strcmp(v_, (expected)) == 0, "%s = '%s', want '%s'", \
		              (expr), v_, (expected));                        \
		free(v_);                                                     \
	} while (0)

/* Write bytes to a fresh temporary file; returns its malloc'd path. */
static inline char *nt_tmpfile(const void *data, size_t len)
{
	char *path = strdup("/tmp/np_newsml_XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Validate bytes against the LOCAL NewsML-G2 + NITF schema; returns the
 * code and leaves the report in *report (malloc'd) when asked. */
static inline int nt_validate(const void *data, size_t len, char **report)
{
	char *path = nt_tmpfile(data, len);
	char *buf = NULL;
	size_t blen = 0;
	FILE *rep = open_memstream(&buf, &blen);
	np_ctx *ctx = np_ctx_new();
	char xsd[4096];
	snprintf(xsd, sizeof xsd, "%s", np_test_shared(NT_XSD));
	int rc = np_validate_newsml(path, xsd, rep, ctx);
	fclose(rep);
	np_ctx_free(ctx);
	unlink(path);
	free(path);
	if (report)
		*report = buf;
	else
		free(buf);
	return rc;
}

#define nt_assert_valid(data, len)                                            \
	do {                                                                  \
		char *rep_ = NULL;                                            \
		int rc_ = nt_validate((data), (len), &rep_);                   \
		ck_assert_msg(rc_ == NP_OK, "not valid (%d):\n%s\n%s", rc_, rep_, \
		              (const char *)(data));                          \
		free(rep_);                                                   \
	} while (0)

#endif

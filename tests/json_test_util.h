/* json_test_util.h - what check_jsonld.c and check_ninjs.c share: a sample
 * article (written for these tests), records with hand-made entities and
 * quotes, and rendering through the real writer interface. */
#ifndef NP_JSON_TEST_UTIL_H
#define NP_JSON_TEST_UTIL_H

#include "np_check.h"
#include "model.h"
#include "format.h"

#include <jansson.h>

/* Invented for these tests: three paragraphs, one with a line break inside. */
static const char json_test_article[] =
	"Tram line to the airport approved\n"
	"\n"
	"LISBON - The city council approved a tram line\n"
	"to the airport on Monday, after two years of debate.\n"
	"\n"
	"\"We will start digging in May,\" said Mayor Rita Sousa.\n"
	"\n"
	"The Transit Authority said it \"welcomes the plan\". Joao Lima, an "
	"engineer, said the route was \"the only sensible one\".\n";

/* Find the byte offset of `needle` in the record's text (or 0). */
static inline size_t json_test_find(const np_record *rec, const char *needle)
{
	const char *p = strstr(rec->text, needle);
	return p ? (size_t)(p - rec->text) : 0;
}

static inline np_entity json_test_entity(np_entity_type t, const char *name,
                                         const char *title)
{
	np_entity e;
	memset(&e, 0, sizeof e);
	e.type = t;
	e.name = name;
	e.title = title;
	return e;
}

static inline void json_test_push_entity(np_record *rec, np_entity e)
{
	ck_assert_int_eq(NP_ARENA_PUSH(rec->arena, rec->ents, rec->n_ents,
	                               rec->cap_ents, e), 0);
}

static inline void json_test_push_quote(np_record *rec, np_quote_type type,
                                        const char *words, long speaker,
                                        const char *name, const char *title,
                                        const char *cue)
{
	np_quote q;
	memset(&q, 0, sizeof q);
	q.type = type;
	q.span.start = json_test_find(rec, words);
	q.span.end = q.span.start + strlen(words);
	q.text = np_arena_strdup(rec->arena, words);
	q.speaker = speaker;
	q.speaker_name = name;
	q.speaker_title = title;
	q.cue = cue;
	ck_assert_int_eq(NP_ARENA_PUSH(rec->arena, rec->quotes, rec->n_quotes,
	                               rec->cap_quotes, q), 0);
}

/* The sample article with metadata, entities and quotes set by hand, so the
 * exporters are tested whatever the extraction stages find. */
static inline np_record *json_test_record(const char *id)
{
	np_record *rec = np_test_process(id, json_test_article);
	/* what the stages found is replaced by what the test states */
	rec->n_ents = 0;
	rec->n_quotes = 0;
	rec->meta.headline = "Tram line to the airport approved";
	rec->meta.subheadline = "Work starts in May";
	rec->meta.byline = "Ana Costa and Li Wei";
	static const char *authors[] = { "Ana Costa", "Li Wei" };
	rec->meta.authors = authors;
	rec->meta.n_authors = 2;
	rec->meta.date = "2024-05-06T07:08:09+0200";
	rec->meta.dateline = "LISBON";
	rec->meta.dateline_place = "Lisbon";
	rec->meta.language = "en-GB";
	rec->meta.provider = "example.org";
	rec->meta.keywords = "transport, Lisbon ; trams";
	json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, "Rita Sousa", "Mayor"));
	json_test_push_entity(rec, json_test_entity(NP_ENT_ORG, "Transit Authority", NULL));
	json_test_push_entity(rec, json_test_entity(NP_ENT_PLACE, "Lisbon", NULL));
	/* the same person found twice must still be given once */
	json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, "Rita Sousa", "Mayor"));
	json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, "Joao Lima", NULL));
	json_test_push_quote(rec, NP_QUOTE_DIRECT, "We will start digging in May", 0,
	                     "Rita Sousa", "Mayor", "said");
	json_test_push_quote(rec, NP_QUOTE_MIXED, "welcomes the plan", 1,
	                     "Transit Authority", NULL, "said");
	json_test_push_quote(rec, NP_QUOTE_MIXED, "the only sensible one", 4,
	                     "Joao Lima", "engineer", "said");
	return rec;
}

/* Render one record in `format`; fails the test on error. */
static inline char *json_test_render(const char *format, const np_record *rec,
                                     const np_options *opts)
{
	np_ctx *ctx = np_ctx_new();
	np_buf out = NP_BUF_INIT;
	int rc = np_format__render(&out, format, rec, opts, ctx);
	ck_assert_msg(rc >= 0, "%s failed: %s", format, np_ctx_error(ctx));
	np_ctx_free(ctx);
	ck_assert_ptr_nonnull(out.data);
	return np_buf_detach(&out, NULL);
}

static inline json_t *json_test_parse(const char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(doc != NULL, "output is not JSON: %s (line %d)", err.text,
	              err.line);
	return doc;
}

static inline const char *json_test_str(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	ck_assert_msg(json_is_string(v), "\"%s\" is not a string", key);
	return json_string_value(v);
}

/* Write the sample record in every style to DIR/<n>.<ext>; 0 or 1. */
static inline int json_test_write_samples__(const char *dir, const char *format,
                                            const char *ext)
{
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++) {
		np_record *rec = json_test_record("sample");
		/* a speaker no entity holds, and an unattributed quote */
		json_test_push_quote(rec, NP_QUOTE_INDIRECT, "a tram line", -1,
		                     "Maria Reis", "council member", "said");
		json_test_push_quote(rec, NP_QUOTE_DIRECT, "two years of debate", -1,
		                     NULL, NULL, NULL);
		np_options o = NP_OPTIONS_INIT;
		o.base_url = i & 1 ? "https://news.example.com/s/" : NULL;
		o.jsonld_style = i & 2 ? NP_JSONLD_GRAPH : NP_JSONLD_COMPACT;
		o.pretty = i & 2;
		o.now = 1717171717;
		np_ctx *ctx = np_ctx_new();
		np_buf out = NP_BUF_INIT;
		char path[4096];
		snprintf(path, sizeof path, "%s/%d.%s", dir, i, ext);
		FILE *f = NULL;
		if (np_format__render(&out, format, rec, &o, ctx) < 0 ||
		    !(f = fopen(path, "wb")) ||
		    fwrite(out.data, 1, out.len, f) != out.len) {
			fprintf(stderr, "%s: %s\n", path, np_ctx_error(ctx));
			rc = 1;
		}
		if (f && fclose(f) != 0)
			rc = 1;
		np_buf_dispose(&out);
		np_ctx_free(ctx);
		np_record_free(rec);
	}
	return rc;
}

/* Check's asserts work only inside a test run: write from one. */
static const char *json_test_dir__, *json_test_format__, *json_test_ext__;

START_TEST(json_test_write_case__)
{
	ck_assert_int_eq(json_test_write_samples__(json_test_dir__, json_test_format__,
	                                           json_test_ext__), 0);
}
END_TEST

static inline int json_test_write_samples(const char *dir, const char *format,
                                          const char *ext)
{
	json_test_dir__ = dir;
	json_test_format__ = format;
	json_test_ext__ = ext;
	Suite *s = suite_create("write");
	TCase *tc = tcase_create("write");
	tcase_add_test(tc, json_test_write_case__);
	suite_add_tcase(s, tc);
	return np_check_run(s);
}

#endif

/* check_jsonld.c - the JSON-LD (jsonld) and JSON Lines (jsonl) exporters.
 *
 * Every test renders through the real writer interface and reads the
 * output back with Jansson's parser. */
#include "json_test_util.h"
#include "json_build.h"

#define BASE "https://news.example.com/stories/"

static np_options json_opts(void)
{
	np_options o = NP_OPTIONS_INIT;
	o.base_url = BASE;
	o.now = 1717171717; /* 2024-05-31T16:08:37Z */
	return o;
}

/* The node in `arr` whose @id is `id`, or NULL. */
static const json_t *node_by_id(const json_t *arr, const char *id)
{
	size_t i;
	const json_t *n;
	json_array_foreach(arr, i, n) {
		const json_t *v = json_object_get(n, "@id");
		if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
			return n;
	}
	return NULL;
}

static const json_t *node_by_name(const json_t *arr, const char *name)
{
	size_t i;
	const json_t *n;
	json_array_foreach(arr, i, n) {
		const json_t *v = json_object_get(n, "name");
		if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
			return n;
	}
	return NULL;
}

static const char *ref_id(const json_t *ref)
{
	ck_assert_msg(json_is_object(ref), "not a reference");
	return json_test_str(ref, "@id");
}

START_TEST(article_fields)
{
	np_record *rec = json_test_record("city/tram");
	np_options o = json_opts();
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);

	ck_assert_str_eq(json_test_str(d, "@context"), "https://schema.org");
	ck_assert_str_eq(json_test_str(d, "@type"), "NewsArticle");
	ck_assert_str_eq(json_test_str(d, "@id"), BASE "city/tram");
	ck_assert_str_eq(json_test_str(d, "identifier"), np_record_guid(rec, &o));
	ck_assert_str_eq(json_test_str(d, "headline"), "Tram line to the airport approved");
	ck_assert_str_eq(json_test_str(d, "alternativeHeadline"), "Work starts in May");
	ck_assert_str_eq(json_test_str(d, "inLanguage"), "en-GB");
	ck_assert_str_eq(json_test_str(d, "datePublished"), "2024-05-06T07:08:09+02:00");
	ck_assert_str_eq(json_test_str(d, "dateModified"), "2024-05-31T16:08:37Z");
	ck_assert_str_eq(json_test_str(d, "dateline"), "LISBON");

	const json_t *authors = json_object_get(d, "author");
	ck_assert_int_eq(json_array_size(authors), 2);
	ck_assert_str_eq(json_test_str(json_array_get(authors, 0), "@type"), "Person");
	ck_assert_str_eq(json_test_str(json_array_get(authors, 0), "name"), "Ana Costa");
	ck_assert_str_eq(json_test_str(json_array_get(authors, 1), "name"), "Li Wei");

	const json_t *pub = json_object_get(d, "publisher");
	ck_assert_str_eq(json_test_str(pub, "@type"), "Organization");
	ck_assert_str_eq(json_test_str(pub, "name"), "example.org");

	const json_t *kw = json_object_get(d, "keywords");
	ck_assert_int_eq(json_array_size(kw), 3);
	ck_assert_str_eq(json_string_value(json_array_get(kw, 0)), "transport");
	ck_assert_str_eq(json_string_value(json_array_get(kw, 1)), "Lisbon");
	ck_assert_str_eq(json_string_value(json_array_get(kw, 2)), "trams");
	/* not stated by the article: not claimed either way */
	ck_assert_ptr_null(json_object_get(d, "isAccessibleForFree"));

	/* articleBody: paragraphs joined by a blank line; the break inside the
	 * first paragraph read as a space */
	const char *body = json_test_str(d, "articleBody");
	ck_assert_ptr_nonnull(strstr(body, "a tram line to the airport on Monday"));
	ck_assert_ptr_nonnull(strstr(body, "debate.\n\n\"We will start"));
	for (const char *p = strchr(body, '\n'); p; p = strchr(p + 2, '\n'))
		ck_assert_msg(p[1] == '\n', "a single line break in articleBody");
	json_int_t wc = json_integer_value(json_object_get(d, "wordCount"));
	ck_assert_int_ge(wc, 40);
	ck_assert_int_le(wc, 50);

	/* the dateline place is the Place node found in the article */
	const json_t *loc = json_object_get(d, "contentLocation");
	ck_assert_str_eq(json_test_str(loc, "@type"), "Place");
	ck_assert_str_eq(json_test_str(loc, "name"), "Lisbon");
	ck_assert_str_eq(json_test_str(loc, "@id"), BASE "city/tram#place-lisbon");

	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(byline_without_authors)
{
	np_record *rec = json_test_record("tram");
	rec->meta.n_authors = 0;
	rec->meta.byline = "By Ana Costa";
	np_options o = json_opts();
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	const json_t *authors = json_object_get(d, "author");
	ck_assert_int_eq(json_array_size(authors), 1);
	ck_assert_str_eq(json_test_str(json_array_get(authors, 0), "name"), "Ana Costa");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(mentions_once_with_stable_ids)
{
	np_record *rec = json_test_record("tram");
	np_options o = json_opts();
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	const json_t *m = json_object_get(d, "mentions");
	ck_assert_int_eq(json_array_size(m), 4); /* Rita Sousa given once */

	const json_t *rita = node_by_name(m, "Rita Sousa");
	ck_assert_str_eq(json_test_str(rita, "@type"), "Person");
	ck_assert_str_eq(json_test_str(rita, "jobTitle"), "Mayor");
	ck_assert_str_eq(json_test_str(rita, "@id"), BASE "tram#person-rita-sousa");
	/* no title on the entity: the one the quote gave is used */
	ck_assert_str_eq(json_test_str(node_by_name(m, "Joao Lima"), "jobTitle"),
	                 "engineer");
	ck_assert_str_eq(json_test_str(node_by_name(m, "Transit Authority"), "@type"),
	                 "Organization");
	ck_assert_str_eq(json_test_str(node_by_name(m, "Lisbon"), "@type"), "Place");

	/* every @id absolute and distinct */
	size_t i, j;
	const json_t *a, *b;
	json_array_foreach(m, i, a) {
		ck_assert_msg(strncmp(json_test_str(a, "@id"), "https://", 8) == 0,
		              "relative @id");
		json_array_foreach(m, j, b)
			if (i != j)
				ck_assert_str_ne(json_test_str(a, "@id"), json_test_str(b, "@id"));
	}
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(quotations)
{
	np_record *rec = json_test_record("tram");
	/* an unattributed quote, and one whose speaker no entity holds */
	json_test_push_quote(rec, NP_QUOTE_DIRECT, "two years of debate", -1, NULL,
	                     NULL, NULL);
	json_test_push_quote(rec, NP_QUOTE_INDIRECT, "a tram line", -1,
	                     "Maria Reis", "council member", "said");
	np_options o = json_opts();
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	const char *article = json_test_str(d, "@id");
	const json_t *m = json_object_get(d, "mentions");
	const json_t *parts = json_object_get(d, "hasPart");
	ck_assert_int_eq(json_array_size(parts), 5);

	const json_t *q1 = json_array_get(parts, 0);
	ck_assert_str_eq(json_test_str(q1, "@type"), "Quotation");
	ck_assert_str_eq(json_test_str(q1, "@id"), BASE "tram#quote-1");
	ck_assert_str_eq(json_test_str(q1, "text"), "We will start digging in May");
	const char *who = ref_id(json_object_get(q1, "creator"));
	ck_assert_str_eq(who, ref_id(json_object_get(q1, "spokenByCharacter")));
	ck_assert_str_eq(json_test_str(node_by_id(m, who), "name"), "Rita Sousa");
	ck_assert_str_eq(ref_id(json_object_get(q1, "isPartOf")), article);
	ck_assert_int_eq(json_integer_value(json_object_get(q1, "position")), 1);
	ck_assert_str_eq(json_test_str(q1, "description"), "direct");

	/* an organisation spoke: creator is the Organization node */
	const json_t *q2 = json_array_get(parts, 1);
	ck_assert_str_eq(json_test_str(q2, "description"), "mixed");
	ck_assert_str_eq(json_test_str(node_by_id(m, ref_id(json_object_get(q2, "creator"))),
	                               "@type"), "Organization");

	/* nobody named: no creator rather than a wrong one */
	const json_t *q4 = json_array_get(parts, 3);
	ck_assert_ptr_null(json_object_get(q4, "creator"));
	ck_assert_ptr_null(json_object_get(q4, "spokenByCharacter"));
	ck_assert_int_eq(json_integer_value(json_object_get(q4, "position")), 4);

	/* a speaker with no entity gets a Person node in mentions, once */
	const json_t *q5 = json_array_get(parts, 4);
	ck_assert_str_eq(json_test_str(q5, "description"), "indirect");
	const json_t *maria = node_by_id(m, ref_id(json_object_get(q5, "creator")));
	ck_assert_ptr_nonnull(maria);
	ck_assert_str_eq(json_test_str(maria, "name"), "Maria Reis");
	ck_assert_str_eq(json_test_str(maria, "jobTitle"), "council member");
	ck_assert_int_eq(json_array_size(m), 5);
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(guid_id_without_base_url)
{
	np_record *rec = json_test_record("tram");
	np_options o = NP_OPTIONS_INIT;
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	const char *guid = np_record_guid(rec, &o);
	ck_assert_str_eq(json_test_str(d, "@id"), guid);
	ck_assert_ptr_null(json_object_get(d, "url"));
	/* no --now: dateModified is the publication date */
	ck_assert_str_eq(json_test_str(d, "dateModified"), "2024-05-06T07:08:09+02:00");
	const json_t *q = json_array_get(json_object_get(d, "hasPart"), 0);
	const char *qid = json_test_str(q, "@id");
	ck_assert_int_eq(strncmp(qid, guid, strlen(guid)), 0);
	ck_assert_str_eq(qid + strlen(guid), "#quote-1");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(graph_style_is_flat)
{
	np_record *rec = json_test_record("tram");
	np_options o = json_opts();
	o.jsonld_style = NP_JSONLD_GRAPH;
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	ck_assert_str_eq(json_test_str(d, "@context"), "https://schema.org");
	const json_t *g = json_object_get(d, "@graph");
	ck_assert(json_is_array(g));
	const json_t *art = json_array_get(g, 0);
	ck_assert_str_eq(json_test_str(art, "@type"), "NewsArticle");
	/* 1 article + 2 authors + publisher + 4 entities + 3 quotations */
	ck_assert_int_eq(json_array_size(g), 11);

	/* flat: every node has an @id and a type; every object value below a
	 * node is a bare reference that resolves to a node of the graph */
	size_t i;
	const json_t *n;
	json_array_foreach(g, i, n) {
		json_test_str(n, "@id");
		json_test_str(n, "@type");
		const char *key;
		const json_t *v;
		json_object_foreach((json_t *)n, key, v) {
			const json_t *items = json_is_array(v) ? v : NULL;
			size_t k, count = items ? json_array_size(items) : 1;
			for (k = 0; k < count; k++) {
				const json_t *x = items ? json_array_get(items, k) : v;
				if (!json_is_object(x))
					continue;
				ck_assert_msg(json_object_size(x) == 1, "%s: nested node", key);
				const char *id = ref_id(x);
				ck_assert_msg(node_by_id(g, id), "%s: dangling @id %s", key, id);
			}
		}
	}
	ck_assert_int_eq(json_array_size(json_object_get(art, "mentions")), 4);
	ck_assert_int_eq(json_array_size(json_object_get(art, "hasPart")), 3);
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(pretty_and_one_line)
{
	np_record *rec = json_test_record("tram");
	np_options o = json_opts();
	char *line = json_test_render("jsonld", rec, &o);
	o.pretty = 1;
	char *pretty = json_test_render("jsonld", rec, &o);
	size_t n = strlen(line);
	ck_assert_int_gt(n, 100);
	ck_assert_msg(strchr(line, '\n') == line + n - 1, "not one line");
	ck_assert_ptr_nonnull(strstr(pretty, "\n  \"@type\": \"NewsArticle\",\n"));
	json_t *a = json_test_parse(line), *b = json_test_parse(pretty);
	ck_assert(json_equal(a, b));
	json_decref(a);
	json_decref(b);
	free(line);
	free(pretty);
	np_record_free(rec);
}
END_TEST

START_TEST(escaping_script_and_controls)
{
	np_record *rec = json_test_record("tram");
	static const char nasty[] = "A </script><script>alert(1)</script> <!-- x"
	                            " \"q\" \\ \x01\x1f\t\r end";
	rec->meta.headline = nasty;
	rec->meta.subheadline = "</SCRIPT> also";
	np_options o = json_opts();
	for (int pretty = 0; pretty <= 1; pretty++) {
		o.pretty = pretty;
		char *out = json_test_render("jsonld", rec, &o);
		ck_assert_msg(!strstr(out, "</"), "raw </ in the output");
		ck_assert_msg(!strstr(out, "<!--"), "raw <!-- in the output");
		ck_assert_ptr_nonnull(strstr(out, "<\\/script>"));
		for (const unsigned char *p = (const unsigned char *)out; *p; p++)
			ck_assert_msg(*p >= 0x20 || *p == '\n',
			              "raw control byte 0x%02X", *p);
		json_t *d = json_test_parse(out);
		ck_assert_str_eq(json_test_str(d, "headline"), nasty);
		ck_assert_str_eq(json_test_str(d, "alternativeHeadline"), "</SCRIPT> also");
		json_decref(d);
		free(out);
	}
	np_record_free(rec);
}
END_TEST

START_TEST(repaired_input_gives_valid_json)
{
	/* a lone surrogate (CESU-8 bytes), a stray byte, a NUL and controls:
	 * decoding repairs them; what comes out must be valid JSON */
	static const char raw[] = "Headline \xed\xa0\x80 here\n\nBody \xff with \x01 and "
	                          "\x1b controls.\n";
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	ck_assert_int_ge(np_process_buffer(&rec, "bad", "bad.txt", raw, sizeof raw - 1,
	                                   &o, ctx), 0);
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	ck_assert_ptr_nonnull(strstr(json_test_str(d, "articleBody"), "Body"));
	json_decref(d);
	free(out);
	np_record_free(rec);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(invalid_utf8_is_an_error)
{
	np_record *rec = json_test_record("tram");
	rec->meta.headline = "broken \xc3\x28 text";
	np_options o = json_opts();
	np_ctx *ctx = np_ctx_new();
	np_buf out = NP_BUF_INIT;
	int rc = np_format__render(&out, "jsonld", rec, &o, ctx);
	ck_assert_int_eq(rc, NP_EFORMAT);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "headline"));
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "UTF-8"));
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "tram"));
	ck_assert_int_eq(out.len, 0); /* nothing half written */
	np_buf_dispose(&out);
	np_ctx_free(ctx);
	np_record_free(rec);
}
END_TEST

START_TEST(relative_base_url_refused)
{
	np_record *rec = json_test_record("tram");
	np_options o = json_opts();
	o.base_url = "news/stories";
	np_ctx *ctx = np_ctx_new();
	np_buf out = NP_BUF_INIT;
	ck_assert_int_eq(np_format__render(&out, "jsonld", rec, &o, ctx), NP_EINVAL);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "--base-url"));
	np_buf_dispose(&out);
	np_ctx_free(ctx);
	np_record_free(rec);
}
END_TEST

START_TEST(base_url_joined_with_slash)
{
	np_record *rec = json_test_record("a/b");
	np_options o = json_opts();
	o.base_url = "https://ex.com/news";
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	ck_assert_str_eq(json_test_str(d, "@id"), "https://ex.com/news/a/b");
	ck_assert_str_eq(json_test_str(d, "url"), "https://ex.com/news/a/b");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(accessible_for_free_when_stated)
{
	np_record *rec = json_test_record("tram");
	np_meta_override meta[] = { { "isAccessibleForFree", "false" } };
	np_options o = json_opts();
	o.meta = meta;
	o.n_meta = 1;
	char *out = json_test_render("jsonld", rec, &o);
	json_t *d = json_test_parse(out);
	ck_assert(json_is_false(json_object_get(d, "isAccessibleForFree")));
	json_decref(d);
	free(out);
	meta[0].value = "yes";
	out = json_test_render("jsonld", rec, &o);
	d = json_test_parse(out);
	ck_assert(json_is_true(json_object_get(d, "isAccessibleForFree")));
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(byte_identical_across_runs)
{
	np_options o = json_opts();
	for (int style = 0; style <= 1; style++) {
		o.jsonld_style = style ? NP_JSONLD_GRAPH : NP_JSONLD_COMPACT;
		np_record *r1 = json_test_record("tram");
		np_record *r2 = json_test_record("tram");
		char *a = json_test_render("jsonld", r1, &o);
		char *b = json_test_render("jsonld", r1, &o);
		char *c = json_test_render("jsonld", r2, &o);
		ck_assert_str_eq(a, b);
		ck_assert_str_eq(a, c);
		free(a);
		free(b);
		free(c);
		np_record_free(r1);
		np_record_free(r2);
	}
}
END_TEST

START_TEST(dates)
{
	char out[40];
	ck_assert_int_eq(np_json__iso_time("2016-09-23", out), 0);
	ck_assert_str_eq(out, "2016-09-23T00:00:00Z");
	ck_assert_int_eq(np_json__iso_time("2016-09-23T10:20", out), 0);
	ck_assert_str_eq(out, "2016-09-23T10:20:00Z");
	ck_assert_int_eq(np_json__iso_time("2016-09-23 10:20:30.25-05", out), 0);
	ck_assert_str_eq(out, "2016-09-23T10:20:30-05:00");
	ck_assert_int_eq(np_json__iso_time("2016-02-30", out), -1);
	ck_assert_int_eq(np_json__iso_time("23 Sep 2016", out), -1);
	ck_assert_int_eq(np_json__iso_time("2016-09-23T25:00", out), -1);
	np_record *rec = json_test_record("lang");
	char lang[64];
	rec->meta.language = "pt_BR.UTF-8";
	np_json__language(rec, lang);
	ck_assert_str_eq(lang, "pt-BR");
	rec->meta.language = "de";
	np_json__language(rec, lang);
	ck_assert_str_eq(lang, "de");
	np_record_free(rec);
	np_json__epoch_time(0, out);
	ck_assert_str_eq(out, "1970-01-01T00:00:00Z");
	ck_assert_int_eq(np_json__word_count("Hello, world — it’s 2024 !"), 4);
}
END_TEST

/* ---- jsonl ------------------------------------------------------------------ */

typedef struct files_output {
	np_output base;
	char names[8][64];
	np_buf data[8];
	int n;
} files_output;

static int files_put(np_output *o, const char *name, const void *data, size_t len)
{
	files_output *f = (files_output *)o;
	ck_assert_int_lt(f->n, 8);
	snprintf(f->names[f->n], sizeof f->names[0], "%s", name);
	np_buf_put(&f->data[f->n], data, len);
	f->n++;
	return NP_OK;
}

START_TEST(jsonl_one_document_per_line)
{
	files_output f;
	memset(&f, 0, sizeof f);
	f.base.put = files_put;
	np_options o = json_opts();
	o.pretty = 1; /* JSON Lines stays one line per document regardless */
	np_ctx *ctx = np_ctx_new();
	np_writer *w = NULL;
	ck_assert_int_eq(np_writer_new(&w, "jsonl", &f.base, &o, ctx), NP_OK);
	const char *ids[] = { "one", "two/three", "four" };
	np_record *recs[3];
	for (int i = 0; i < 3; i++) {
		recs[i] = json_test_record(ids[i]);
		ck_assert_int_ge(np_writer_write(w, recs[i]), 0);
	}
	ck_assert_int_eq(f.n, 0); /* nothing before close */
	ck_assert_int_ge(np_writer_close(w), 0);
	np_writer_free(w);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.names[0], "articles.jsonl");

	char *p = f.data[0].data;
	for (int i = 0; i < 3; i++) {
		char *nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		*nl = '\0';
		json_t *d = json_test_parse(p);
		char id[128];
		snprintf(id, sizeof id, BASE "%s", ids[i]);
		ck_assert_str_eq(json_test_str(d, "@id"), id);
		/* the same document as the jsonld exporter's, on one line */
		o.pretty = 0;
		char *single = json_test_render("jsonld", recs[i], &o);
		single[strlen(single) - 1] = '\0';
		ck_assert_str_eq(p, single);
		free(single);
		json_decref(d);
		p = nl + 1;
	}
	ck_assert_str_eq(p, "");
	for (int i = 0; i < 3; i++)
		np_record_free(recs[i]);
	np_buf_dispose(&f.data[0]);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(jsonl_failed_record_leaves_no_line)
{
	files_output f;
	memset(&f, 0, sizeof f);
	f.base.put = files_put;
	np_options o = json_opts();
	np_ctx *ctx = np_ctx_new();
	np_writer *w = NULL;
	ck_assert_int_eq(np_writer_new(&w, "jsonl", &f.base, &o, ctx), NP_OK);
	np_record *good = json_test_record("good");
	np_record *bad = json_test_record("bad");
	bad->quotes[1].text = "\xff\xfe";
	ck_assert_int_ge(np_writer_write(w, good), 0);
	ck_assert_int_eq(np_writer_write(w, bad), NP_EFORMAT);
	ck_assert_int_ge(np_writer_write(w, good), 0);
	ck_assert_int_ge(np_writer_close(w), 0);
	np_writer_free(w);
	size_t lines = 0;
	for (const char *c = f.data[0].data; *c; c++)
		lines += *c == '\n';
	ck_assert_int_eq(lines, 2);
	np_record_free(good);
	np_record_free(bad);
	np_buf_dispose(&f.data[0]);
	np_ctx_free(ctx);
}
END_TEST

static Suite *jsonld_suite(void)
{
	Suite *s = suite_create("jsonld");
	TCase *tc = tcase_create("jsonld");
	tcase_add_test(tc, article_fields);
	tcase_add_test(tc, byline_without_authors);
	tcase_add_test(tc, mentions_once_with_stable_ids);
	tcase_add_test(tc, quotations);
	tcase_add_test(tc, guid_id_without_base_url);
	tcase_add_test(tc, graph_style_is_flat);
	tcase_add_test(tc, pretty_and_one_line);
	tcase_add_test(tc, escaping_script_and_controls);
	tcase_add_test(tc, repaired_input_gives_valid_json);
	tcase_add_test(tc, invalid_utf8_is_an_error);
	tcase_add_test(tc, relative_base_url_refused);
	tcase_add_test(tc, base_url_joined_with_slash);
	tcase_add_test(tc, accessible_for_free_when_stated);
	tcase_add_test(tc, byte_identical_across_runs);
	tcase_add_test(tc, dates);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("jsonl");
	tcase_add_test(tl, jsonl_one_document_per_line);
	tcase_add_test(tl, jsonl_failed_record_leaves_no_line);
	suite_add_tcase(s, tl);
	return s;
}

/* `check_jsonld --write DIR` writes sample documents of records with every
 * kind of node (people, organisations, places, quotes by each, unattributed
 * quotes) for tests/e2e to check with the independent tools. */
int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return json_test_write_samples(argv[2], "jsonld", "jsonld");
	return np_check_run(jsonld_suite());
}

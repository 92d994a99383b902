/* check_ninjs.c - the ninjs 3.1 exporter.  (Validation against the IPTC
 * schema is tests/e2e/ninjs_check.sh, with python3-jsonschema.) */
#include "json_test_util.h"

#define BASE "https://news.example.com/stories/"

static np_options ninjs_opts(void)
{
	np_options o = NP_OPTIONS_INIT;
	o.base_url = BASE;
	o.now = 1717171717; /* 2024-05-31T16:08:37Z */
	return o;
}

static const json_t *by_role(const json_t *arr, const char *role)
{
	size_t i;
	const json_t *x;
	json_array_foreach(arr, i, x) {
		const json_t *r = json_object_get(x, "role");
		if (json_is_string(r) && strcmp(json_string_value(r), role) == 0)
			return x;
	}
	return NULL;
}

START_TEST(item_fields)
{
	np_record *rec = json_test_record("city/tram");
	np_options o = ninjs_opts();
	char *out = json_test_render("ninjs", rec, &o);
	json_t *d = json_test_parse(out);

	ck_assert_str_eq(json_test_str(d, "uri"), np_record_guid(rec, &o));
	ck_assert_str_eq(json_test_str(d, "type"), "text");
	ck_assert_str_eq(json_test_str(d, "version"), "1");
	ck_assert_str_eq(json_test_str(d, "versionCreated"), "2024-05-31T16:08:37Z");
	ck_assert_str_eq(json_test_str(d, "firstCreated"), "2024-05-06T07:08:09+02:00");
	ck_assert_str_eq(json_test_str(d, "language"), "en-GB");
	ck_assert_str_eq(json_test_str(d, "by"), "Ana Costa and Li Wei");
	ck_assert_str_eq(json_test_str(d, "located"), "Lisbon");
	const json_t *std = json_object_get(d, "standard");
	ck_assert_str_eq(json_test_str(std, "name"), "ninjs");
	ck_assert_str_eq(json_test_str(std, "version"), "3.1");

	const json_t *h = json_object_get(d, "headlines");
	ck_assert_str_eq(json_test_str(by_role(h, "main"), "value"),
	                 "Tram line to the airport approved");
	ck_assert_str_eq(json_test_str(by_role(h, "sub"), "value"), "Work starts in May");

	const json_t *desc = by_role(json_object_get(d, "descriptions"), "summary");
	ck_assert_str_eq(json_test_str(desc, "value"),
	                 "LISBON - The city council approved a tram line to the "
	                 "airport on Monday, after two years of debate.");

	const json_t *b = json_object_get(d, "bodies");
	ck_assert_int_eq(json_array_size(b), 2);
	const json_t *plain = json_array_get(b, 0), *html = json_array_get(b, 1);
	ck_assert_str_eq(json_test_str(plain, "contentType"), "text/plain");
	ck_assert_str_eq(json_test_str(html, "contentType"), "text/html");
	ck_assert_ptr_nonnull(strstr(json_test_str(plain, "value"),
	                             "debate.\n\n\"We will start"));
	const char *hv = json_test_str(html, "value");
	ck_assert_int_eq(strncmp(hv, "<p>LISBON - The city", 20), 0);
	ck_assert_ptr_nonnull(strstr(hv, "debate.</p>\n<p>\"We will"));
	ck_assert_int_ge(json_integer_value(json_object_get(plain, "wordCount")), 40);
	ck_assert_int_le(json_integer_value(json_object_get(plain, "wordCount")), 50);
	ck_assert_int_gt(json_integer_value(json_object_get(plain, "charCount")), 200);

	/* subjects: the keywords */
	const json_t *subj = json_object_get(d, "subjects");
	ck_assert_int_eq(json_array_size(subj), 3);
	ck_assert_str_eq(json_test_str(json_array_get(subj, 2), "name"), "trams");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(entities_once)
{
	np_record *rec = json_test_record("tram");
	np_options o = ninjs_opts();
	char *out = json_test_render("ninjs", rec, &o);
	json_t *d = json_test_parse(out);
	const json_t *people = json_object_get(d, "people");
	ck_assert_int_eq(json_array_size(people), 2); /* Rita Sousa once */
	const json_t *rita = json_array_get(people, 0);
	ck_assert_str_eq(json_test_str(rita, "name"), "Rita Sousa");
	ck_assert_str_eq(json_test_str(rita, "rel"), "mentions");
	/* the same IRI as the JSON-LD node */
	ck_assert_str_eq(json_test_str(rita, "uri"), BASE "tram#person-rita-sousa");
	ck_assert_str_eq(json_test_str(json_array_get(json_object_get(d, "organisations"), 0),
	                               "name"), "Transit Authority");
	ck_assert_str_eq(json_test_str(json_array_get(json_object_get(d, "places"), 0),
	                               "name"), "Lisbon");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(quotes_as_associations)
{
	np_record *rec = json_test_record("tram");
	np_options o = ninjs_opts();
	char *out = json_test_render("ninjs", rec, &o);
	json_t *d = json_test_parse(out);
	const json_t *as = json_object_get(d, "associations");
	ck_assert_int_eq(json_array_size(as), 3);

	const json_t *q1 = json_array_get(as, 0);
	ck_assert_str_eq(json_test_str(q1, "name"), "quote-1");
	ck_assert_str_eq(json_test_str(q1, "rel"), "quote");
	ck_assert_str_eq(json_test_str(q1, "uri"), BASE "tram#quote-1");
	ck_assert_str_eq(json_test_str(q1, "by"), "Rita Sousa");
	ck_assert_str_eq(json_test_str(json_array_get(json_object_get(q1, "bodies"), 0),
	                               "value"), "We will start digging in May");
	const json_t *desc = json_object_get(q1, "descriptions");
	ck_assert_str_eq(json_test_str(by_role(desc, "quoteType"), "value"), "direct");
	ck_assert_str_eq(json_test_str(by_role(desc, "speakerTitle"), "value"), "Mayor");
	ck_assert_str_eq(json_test_str(by_role(desc, "cue"), "value"), "said");
	const json_t *spk = json_array_get(json_object_get(q1, "people"), 0);
	ck_assert_str_eq(json_test_str(spk, "rel"), "speaker");
	ck_assert_str_eq(json_test_str(spk, "uri"), BASE "tram#person-rita-sousa");
	ck_assert_str_eq(json_test_str(by_role(json_object_get(q1, "altIds"), "position"),
	                               "value"), "1");

	/* an organisation's quote names it under organisations */
	const json_t *q2 = json_array_get(as, 1);
	ck_assert_ptr_null(json_object_get(q2, "people"));
	ck_assert_str_eq(json_test_str(json_array_get(json_object_get(q2, "organisations"), 0),
	                               "name"), "Transit Authority");
	ck_assert_str_eq(json_test_str(by_role(json_object_get(q2, "descriptions"),
	                                       "quoteType"), "value"), "mixed");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(no_date_no_clock)
{
	np_record *rec = json_test_record("tram");
	rec->meta.date = NULL;
	np_options o = NP_OPTIONS_INIT; /* no --now either: never the machine clock */
	char *out = json_test_render("ninjs", rec, &o);
	json_t *d = json_test_parse(out);
	ck_assert_str_eq(json_test_str(d, "versionCreated"), "1970-01-01T00:00:00Z");
	ck_assert_ptr_null(json_object_get(d, "firstCreated"));
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(controls_and_invalid_utf8)
{
	np_record *rec = json_test_record("tram");
	rec->meta.headline = "tab\there \x01 </p>";
	np_options o = ninjs_opts();
	char *out = json_test_render("ninjs", rec, &o);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		ck_assert_msg(*p >= 0x20 || *p == '\n', "raw control byte");
	json_t *d = json_test_parse(out);
	ck_assert_str_eq(json_test_str(by_role(json_object_get(d, "headlines"), "main"),
	                               "value"), "tab\there \x01 </p>");
	json_decref(d);
	free(out);

	rec->meta.byline = "\xe2\x82"; /* cut UTF-8 sequence */
	np_ctx *ctx = np_ctx_new();
	np_buf buf = NP_BUF_INIT;
	ck_assert_int_eq(np_format__render(&buf, "ninjs", rec, &o, ctx), NP_EFORMAT);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "UTF-8"));
	np_buf_dispose(&buf);
	np_ctx_free(ctx);
	np_record_free(rec);
}
END_TEST

START_TEST(html_body_escaped)
{
	np_record *rec = np_test_process("esc", "Markup in text\n\nWrite <b>bold</b> & x > y\nhere.\n\n"
	                                        "Second <script>.\n");
	np_options o = ninjs_opts();
	char *out = json_test_render("ninjs", rec, &o);
	json_t *d = json_test_parse(out);
	const json_t *b = json_object_get(d, "bodies");
	ck_assert_str_eq(json_test_str(json_array_get(b, 1), "value"),
	                 "<p>Write &lt;b&gt;bold&lt;/b&gt; &amp; x &gt; y here.</p>\n"
	                 "<p>Second &lt;script&gt;.</p>");
	ck_assert_str_eq(json_test_str(json_array_get(b, 0), "value"),
	                 "Write <b>bold</b> & x > y here.\n\nSecond <script>.");
	json_decref(d);
	free(out);
	np_record_free(rec);
}
END_TEST

START_TEST(byte_identical)
{
	np_options o = ninjs_opts();
	o.pretty = 1;
	np_record *r1 = json_test_record("tram"), *r2 = json_test_record("tram");
	char *a = json_test_render("ninjs", r1, &o), *b = json_test_render("ninjs", r2, &o);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	np_record_free(r1);
	np_record_free(r2);
}
END_TEST

static Suite *ninjs_suite(void)
{
	Suite *s = suite_create("ninjs");
	TCase *tc = tcase_create("ninjs");
	tcase_add_test(tc, item_fields);
	tcase_add_test(tc, entities_once);
	tcase_add_test(tc, quotes_as_associations);
	tcase_add_test(tc, no_date_no_clock);
	tcase_add_test(tc, controls_and_invalid_utf8);
	tcase_add_test(tc, html_body_escaped);
	tcase_add_test(tc, byte_identical);
	suite_add_tcase(s, tc);
	return s;
}

/* `check_ninjs --write DIR` writes sample documents of records with every
 * kind of node (people, organisations, places, quotes by each, unattributed
 * quotes) for tests/e2e to check with the independent tools. */
int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return json_test_write_samples(argv[2], "ninjs", "ninjs.json");
	return np_check_run(ninjs_suite());
}

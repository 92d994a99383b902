/* check_json_build.c - the JSON serialiser of the exporters (np_json__dump)
 * against Jansson's own json_dumps followed by the script-safe replacements
 * (what it replaced): the bytes must be the same for every tree. */
#include "json_test_util.h"
#include "json_build.h"

#include <utf8proc.h>

/* The reference: json_dumps, then "</" -> "<\/" and "<!--" -> "<\u0021--"
 * over the whole text, then a newline (the former np_json__dump). */
static char *ref_dump(const json_t *doc, int pretty, int script_safe)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
	               (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(doc, flags);
	ck_assert_ptr_nonnull(s);
	size_t len = strlen(s);
	char *out = malloc(len * 9 + 2), *o = out;
	for (const char *p = s; *p;) {
		if (script_safe && p[0] == '<' && p[1] == '/') {
			memcpy(o, "<\\/", 3);
			o += 3;
			p += 2;
		} else if (script_safe && strncmp(p, "<!--", 4) == 0) {
			memcpy(o, "<\\u0021--", 9);
			o += 9;
			p += 4;
		} else
			*o++ = *p++;
	}
	*o++ = '\n';
	*o = '\0';
	free(s);
	return out;
}

static void same_as_jansson(const json_t *doc)
{
	static np_record rec;
	np_options opts = NP_OPTIONS_INIT;
	for (int pretty = 0; pretty < 2; pretty++)
		for (int safe = 0; safe < 2; safe++) {
			np_jb b;
			np_json__init(&b, "test", &rec, &opts, NULL);
			np_buf out = NP_BUF_INIT;
			ck_assert_int_eq(np_json__dump(&b, &out, doc, pretty, safe), NP_OK);
			char *want = ref_dump(doc, pretty, safe);
			ck_assert_msg(out.len == strlen(want) && memcmp(out.data, want, out.len) == 0,
			              "pretty=%d safe=%d:\n got: %s\nwant: %s", pretty, safe,
			              out.data, want);
			free(want);
			np_buf_dispose(&out);
		}
}

START_TEST(every_escape_and_layout)
{
	json_t *doc = json_object();
	char all[128];
	for (int c = 1; c < 128; c++)
		all[c - 1] = (char)c;
	all[127] = '\0';
	json_object_set_new(doc, "ascii", json_string(all));
	json_object_set_new(doc, "nul", json_stringn("a\0b", 3));
	json_object_set_new(doc, "utf8", json_string("Zürich “quoted” – 北京 😀 \xe2\x80\xa8"));
	json_object_set_new(doc, "script", json_string("</script><!-- x --><!- <! < </"));
	json_object_set_new(doc, "ends with <", json_string("a <"));
	json_object_set_new(doc, "ends with <!-", json_string("<!-"));
	json_object_set_new(doc, "key \"with\" \\ and </tag>\n", json_string(""));
	json_object_set_new(doc, "empty object", json_object());
	json_object_set_new(doc, "empty array", json_array());
	json_t *arr = json_array();
	json_array_append_new(arr, json_integer(0));
	json_array_append_new(arr, json_integer(-42));
	json_array_append_new(arr, json_integer(9223372036854775807LL));
	json_array_append_new(arr, json_true());
	json_array_append_new(arr, json_false());
	json_array_append_new(arr, json_null());
	json_t *inner = json_object();
	json_object_set_new(inner, "a", json_array());
	json_object_set_new(inner, "b", json_pack("[[{}],{\"c\":[1,\"</\"]}]"));
	json_array_append_new(arr, inner);
	json_object_set_new(doc, "mixed", arr);
	same_as_jansson(doc);
	json_decref(doc);

	json_t *top = json_array(); /* an array at the top, and an empty one */
	same_as_jansson(top);
	json_array_append_new(top, json_string("x"));
	same_as_jansson(top);
	json_decref(top);
}
END_TEST

/* A real is never built by the exporters; it goes through json_dumps. */
START_TEST(a_real_falls_back_to_jansson)
{
	json_t *doc = json_pack("{s:f, s:[f, s]}", "pi", 3.14159, "list", 0.1, "</");
	same_as_jansson(doc);
	json_decref(doc);
}
END_TEST

/* Random trees from a fixed seed: keys and strings of random bytes (valid
 * UTF-8), nesting up to 6 levels. */
static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rnd_state >> 33) % n;
}

static void rnd_text(char *s, size_t cap)
{
	static const char *const pieces[] = { "<", "/", "!", "-", "\"", "\\", "\n", "\t",
		"\x01", "\x1f", "a", "Z", " ", "é", "€", "😀", "</", "<!--", "\x7f", "{", "[",
		"7", "\v", "\xc2\xa0", "\xe3\x80\x80", "_" };
	size_t n = 0, want = rnd(12);
	s[0] = '\0';
	for (size_t i = 0; i < want; i++) {
		const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
		size_t l = strlen(p);
		if (n + l + 1 >= cap)
			break;
		memcpy(s + n, p, l + 1);
		n += l;
	}
}

static json_t *rnd_tree(int depth)
{
	char text[128];
	unsigned kind = depth >= 6 ? 2 + rnd(5) : rnd(7);
	switch (kind) {
	case 0: {
		json_t *o = json_object();
		for (unsigned i = rnd(5); i > 0; i--) {
			rnd_text(text, sizeof text);
			json_object_set_new(o, text, rnd_tree(depth + 1));
		}
		return o;
	}
	case 1: {
		json_t *a = json_array();
		for (unsigned i = rnd(5); i > 0; i--)
			json_array_append_new(a, rnd_tree(depth + 1));
		return a;
	}
	case 2:
	case 3:
		rnd_text(text, sizeof text);
		return json_string(text);
	case 4:
		return json_integer((json_int_t)rnd(100000) - 50000);
	case 5:
		return rnd(2) ? json_true() : json_false();
	default:
		return json_null();
	}
}

START_TEST(random_trees)
{
	for (int i = 0; i < 300; i++) {
		json_t *doc = json_object();
		json_object_set_new(doc, "t", rnd_tree(0));
		same_as_jansson(doc);
		json_decref(doc);
	}
}
END_TEST

/* The word count as it was before its ASCII fast path: every code point
 * through utf8proc. */
static size_t ref_word_count(const char *s)
{
	size_t words = 0;
	int counted = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) {
			k = 1;
			c = 0xFFFD;
		}
		utf8proc_category_t cat = utf8proc_category(c);
		int space = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
		            cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
		            cat == UTF8PROC_CATEGORY_ZP;
		if (space)
			counted = 0;
		else if (!counted && ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		                      (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))) {
			words++;
			counted = 1;
		}
		p += k;
	}
	return words;
}

START_TEST(word_count_same_as_utf8proc)
{
	char s[200];
	for (int c = 1; c < 256; c++) { /* every byte alone and between words */
		snprintf(s, sizeof s, "ab%cc%c1", c, c);
		ck_assert_uint_eq(np_json__word_count(s), ref_word_count(s));
	}
	ck_assert_uint_eq(np_json__word_count("Zürich\xc2\xa0³ – 北京\xe2\x80\xa8x \xff y"),
	                  ref_word_count("Zürich\xc2\xa0³ – 北京\xe2\x80\xa8x \xff y"));
	for (int i = 0; i < 2000; i++) {
		rnd_text(s, sizeof s);
		ck_assert_uint_eq(np_json__word_count(s), ref_word_count(s));
	}
}
END_TEST

/* ---- node IRIs ---------------------------------------------------------- */

START_TEST(iris_of_entities_sharing_a_slug)
{
	np_record *rec = json_test_record("ids");
	rec->n_ents = 0;
	const char *names[] = { "Ann Lee 2", "Ann Lee", "Ann Lee.", "ANN  LEE", "Ann Lee" };
	np_entity_type types[] = { NP_ENT_PERSON, NP_ENT_PERSON, NP_ENT_PERSON,
		NP_ENT_PERSON, NP_ENT_PERSON };
	for (size_t i = 0; i < 5; i++)
		json_test_push_entity(rec, json_test_entity(types[i], names[i], NULL));
	json_test_push_entity(rec, json_test_entity(NP_ENT_ORG, "Ann Lee", NULL));
	json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, NULL, NULL));
	np_json_ids ids;
	ck_assert_int_eq(np_json__ids_init(&ids, rec, "B"), 0);
	ck_assert_uint_eq(ids.n_ent, 7);
	ck_assert_str_eq(ids.ent[0], "B#person-ann-lee-2");
	ck_assert_str_eq(ids.ent[1], "B#person-ann-lee");
	ck_assert_str_eq(ids.ent[2], "B#person-ann-lee-3"); /* -2 is taken */
	ck_assert_str_eq(ids.ent[3], "B#person-ann-lee-4");
	ck_assert_str_eq(ids.ent[4], "B#person-ann-lee");   /* the same entity */
	ck_assert_str_eq(ids.ent[5], "B#organization-ann-lee");
	ck_assert_str_eq(ids.ent[6], "B#person-unnamed");
	ck_assert_str_eq(np_json__ids_new_iri(&ids, "B", "person", "Ann Lee"),
	                 "B#person-ann-lee-5");
	ck_assert_str_eq(np_json__ids_new_iri(&ids, "B", "person", "Ann Lee 5 2"),
	                 "B#person-ann-lee-5-2");
	ck_assert_str_eq(np_json__ids_new_iri(&ids, "B", "person", "Ann Lee 5"),
	                 "B#person-ann-lee-5-3"); /* "-5" and "-5-2" are taken */
	ck_assert_str_eq(np_json__ids_new_iri(&ids, "B", "person", "Ann Lee"),
	                 "B#person-ann-lee-6");
	np_json__ids_free(&ids);
	np_record_free(rec);
}
END_TEST

/* Thousands of entities sharing one slug: each gets the next suffix.  (The
 * former search compared every suffix it tried with every IRI so far:
 * 0.5 s for 1,000 such entities and growing faster than the square; now
 * a hash look-up each, with the next suffix remembered per stem.) */
#ifndef NP_MANY_ENTITIES
#define NP_MANY_ENTITIES 6000
#endif
START_TEST(many_entities_sharing_a_slug)
{
	enum { N = NP_MANY_ENTITIES };
	np_record *rec = json_test_record("many");
	rec->n_ents = 0;
	static char names[N][24];
	for (size_t i = 0; i < N; i++) {
		/* "Ann Lee" and punctuation spelling i in binary: one slug,
		 * distinct names; every third one repeated (the same entity) */
		size_t n = (size_t)snprintf(names[i], sizeof names[i], "Ann Lee");
		for (int bit = 12; bit >= 0; bit--)
			names[i][n++] = (i >> bit) & 1 ? ',' : '.';
		names[i][n] = '\0';
		json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, names[i], NULL));
		if (i % 3 == 0)
			json_test_push_entity(rec, json_test_entity(NP_ENT_PERSON, names[i], NULL));
	}
	np_json_ids ids;
	ck_assert_int_eq(np_json__ids_init(&ids, rec, "B"), 0);
	/* distinct IRIs for distinct names, the same for the repeats */
	size_t distinct = 0;
	for (size_t i = 0; i < ids.n_ent; i++) {
		int repeat = i > 0 && strcmp(rec->ents[i].name, rec->ents[i - 1].name) == 0;
		if (repeat) {
			ck_assert_str_eq(ids.ent[i], ids.ent[i - 1]);
			continue;
		}
		char want[64];
		if (distinct++ == 0)
			snprintf(want, sizeof want, "B#person-ann-lee");
		else
			snprintf(want, sizeof want, "B#person-ann-lee-%zu", distinct);
		ck_assert_str_eq(ids.ent[i], want);
	}
	ck_assert_uint_eq(distinct, N);
	np_json__ids_free(&ids);
	np_record_free(rec);
}
END_TEST

static Suite *json_build_suite(void)
{
	Suite *s = suite_create("json_build");
	TCase *tc = tcase_create("dump");
	tcase_add_test(tc, every_escape_and_layout);
	tcase_add_test(tc, a_real_falls_back_to_jansson);
	tcase_add_test(tc, random_trees);
	tcase_add_test(tc, word_count_same_as_utf8proc);
	tcase_add_test(tc, iris_of_entities_sharing_a_slug);
	tcase_add_test(tc, many_entities_sharing_a_slug);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(json_build_suite)

/* check_entities.c - people, organisations and places on articles written
 * for these tests. */
#include "np_check.h"
#include "model.h"

static const np_entity *find_ent(const np_record *rec, np_entity_type t, const char *name)
{
	size_t n;
	const np_entity *e = np_record_entities(rec, &n);
	for (size_t i = 0; i < n; i++)
		if (e[i].type == t && strcmp(e[i].name, name) == 0)
			return &e[i];
	return NULL;
}

static size_t count_ents(const np_record *rec, np_entity_type t)
{
	size_t n, k = 0;
	const np_entity *e = np_record_entities(rec, &n);
	for (size_t i = 0; i < n; i++)
		k += e[i].type == t;
	return k;
}

static void mention_is(const np_record *rec, np_span s, const char *want)
{
	size_t len;
	const char *text = np_record_text(rec, &len);
	ck_assert_msg(s.end - s.start == strlen(want) && memcmp(text + s.start, want, strlen(want)) == 0,
	              "mention is '%.*s', not '%s'", (int)(s.end - s.start), text + s.start, want);
}

START_TEST(people_titles_and_aliases)
{
	np_record *rec = np_test_process("t",
		"Talks\n\n"
		"Foreign Minister Hanna Kowalski met Trade Secretary Robert Adeyemi in Warsaw. "
		"Secretary Adeyemi said little. Kowalski's aides were pleased.\n\n"
		"Mr. Adeyemi left on Friday. Ms. Kowalski stayed.\n");
	ck_assert_uint_eq(count_ents(rec, NP_ENT_PERSON), 2);
	const np_entity *h = find_ent(rec, NP_ENT_PERSON, "Hanna Kowalski");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->title, "Foreign Minister");
	ck_assert_uint_eq(h->n_mentions, 3);
	mention_is(rec, h->mentions[1], "Kowalski");  /* not "Kowalski's" */
	ck_assert_int_eq(h->gender, 2);
	const np_entity *r = find_ent(rec, NP_ENT_PERSON, "Robert Adeyemi");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->title, "Trade Secretary");
	ck_assert_uint_eq(r->n_mentions, 3);
	mention_is(rec, r->mentions[1], "Adeyemi"); /* not "Secretary Adeyemi" */
	ck_assert_uint_eq(r->n_aliases, 1);
	ck_assert_str_eq(r->aliases[0], "Adeyemi");
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Warsaw"));
	ck_assert_ptr_null(find_ent(rec, NP_ENT_PERSON, "Friday"));
	np_record_free(rec);
}
END_TEST

START_TEST(appositive_titles)
{
	np_record *rec = np_test_process("t",
		"Court\n\n"
		"Lena Fischer, a county prosecutor, filed the case. "
		"\"It is strong,\" said Omar Nasser, the defence lawyer.\n");
	const np_entity *e = find_ent(rec, NP_ENT_PERSON, "Lena Fischer");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->title, "county prosecutor");
	e = find_ent(rec, NP_ENT_PERSON, "Omar Nasser");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->title, "defence lawyer");
	np_record_free(rec);
}
END_TEST

START_TEST(organisations)
{
	np_record *rec = np_test_process("t",
		"Agencies\n\n"
		"The Justice Department and the Green Party disagreed. NATO and the U.N. "
		"said nothing, and Acme Widgets Inc. closed the Riverside Science Center. "
		"The Department of Energy stayed out.\n");
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "Justice Department"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "Green Party"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "NATO"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "U.N."));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "Acme Widgets Inc."));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "Riverside Science Center"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_ORG, "Department of Energy"));
	ck_assert_uint_eq(count_ents(rec, NP_ENT_PERSON), 0);
	np_record_free(rec);
}
END_TEST

START_TEST(places_and_aliases)
{
	np_record *rec = np_test_process("t",
		"Trade\n\n"
		"Exports from the U.S. to New Zealand rose, while the United States and "
		"Ohio officials met in Buenos Aires. Later they flew to Munich.\n");
	const np_entity *us = find_ent(rec, NP_ENT_PLACE, "United States");
	ck_assert_ptr_nonnull(us);
	ck_assert_uint_eq(us->n_mentions, 2);
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "New Zealand"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Ohio"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Buenos Aires"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Munich"));
	np_record_free(rec);
}
END_TEST

START_TEST(german_and_french_names)
{
	np_record *rec = np_test_process("t",
		"Gipfel\n\n"
		"Bundeskanzlerin Angela Weber traf in Paris den Pr\xC3\xA4sidenten. "
		"Die Regierung und der Bundestag schwiegen. Weber reiste nach Wien.\n");
	const np_entity *e = find_ent(rec, NP_ENT_PERSON, "Angela Weber");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->title, "Bundeskanzlerin");
	ck_assert_uint_eq(e->n_mentions, 2);
	ck_assert_uint_eq(count_ents(rec, NP_ENT_PERSON), 1);
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Vienna"));
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Paris"));
	np_record_free(rec);

	rec = np_test_process("t",
		"Sommet\n\n"
		"Le ministre Jean Moreau est arriv\xC3\xA9 \xC3\xA0 Bruxelles. Moreau a parl\xC3\xA9.\n");
	e = find_ent(rec, NP_ENT_PERSON, "Jean Moreau");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->n_mentions, 2);
	ck_assert_ptr_nonnull(find_ent(rec, NP_ENT_PLACE, "Brussels"));
	np_record_free(rec);
}
END_TEST

START_TEST(long_text_stays_fast)
{
	/* 50,000 capitalised words in one paragraph: linear, no quadratic merge */
	size_t n = 50000;
	char *buf = malloc(n * 12 + 16);
	size_t o = 0;
	o += (size_t)sprintf(buf, "H\n\n");
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(buf + o, "Name%05zu ", i % 99991);
	np_record *rec = np_test_process("t", buf);
	ck_assert_ptr_nonnull(rec);
	np_record_free(rec);
	free(buf);
}
END_TEST

static Suite *entities_suite(void)
{
	Suite *s = suite_create("entities");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, people_titles_and_aliases);
	tcase_add_test(tc, appositive_titles);
	tcase_add_test(tc, organisations);
	tcase_add_test(tc, places_and_aliases);
	tcase_add_test(tc, german_and_french_names);
	tcase_add_test(tc, long_text_stays_fast);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(entities_suite)

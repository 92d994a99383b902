/* check_normalise.c - header block, headline, byline, dateline, language,
 * dates, --meta overrides and paragraphs. */
#include "input_helpers.h"
#include "text.h"

static const char *str_or(const char *s) { return s ? s : "(null)"; }

START_TEST(bare_header_block)
{
	np_record *rec = inp_str(
		"Headline: Harbour bridge reopens\n"
		"Subheadline: Repairs took two years\n"
		"Byline: By Ana Ruiz and Tom Lee, Coastal Press\n"
		"Date: March 3, 2024\n"
		"Dateline: PORTSMOUTH\n"
		"Language: en_GB\n"
		"Source: Coastal Press\n"
		"Id: bridge-2024\n"
		"Keywords: bridge, transport\n"
		"Copyright: 2024 Coastal Press\n"
		"Provider: coastal.example\n"
		"Desk: Local news\n"
		"\n"
		"The bridge opened on Monday.\n\nTraffic was light.\n");
	const np_metadata *m = &rec->meta;
	ck_assert_str_eq(m->headline, "Harbour bridge reopens");
	ck_assert_int_eq(m->headline_derived, 0);
	ck_assert_str_eq(m->subheadline, "Repairs took two years");
	ck_assert_str_eq(m->byline, "Ana Ruiz and Tom Lee, Coastal Press");
	ck_assert_uint_eq(m->n_authors, 2);
	ck_assert_str_eq(m->authors[0], "Ana Ruiz");
	ck_assert_str_eq(m->authors[1], "Tom Lee");
	ck_assert_str_eq(m->date, "2024-03-03");
	ck_assert_str_eq(m->dateline, "PORTSMOUTH");
	ck_assert_str_eq(m->dateline_place, "Portsmouth");
	ck_assert_str_eq(m->language, "en-GB");
	ck_assert_str_eq(m->source_name, "Coastal Press");
	ck_assert_str_eq(m->id, "bridge-2024");
	ck_assert_str_eq(m->keywords, "bridge, transport");
	ck_assert_str_eq(m->copyright, "2024 Coastal Press");
	ck_assert_str_eq(m->provider, "coastal.example");
	ck_assert_uint_eq(m->n_extra, 1);
	ck_assert_str_eq(m->extra[0].key, "Desk");
	ck_assert_str_eq(m->extra[0].value, "Local news");
	ck_assert_uint_eq(rec->n_paras, 2);
	ck_assert_str_eq(inp_para(rec, 0), "The bridge opened on Monday.");
	np_record_free(rec);
}
END_TEST

START_TEST(fenced_header_block)
{
	np_record *rec = inp_str("---\ntitle: Storm warning\nauthor: Li Wei\n"
	                         "custom key: kept\n---\n\nHeavy rain is due.\n");
	ck_assert_str_eq(rec->meta.headline, "Storm warning");
	ck_assert_str_eq(rec->meta.byline, "Li Wei");
	ck_assert_uint_eq(rec->meta.n_extra, 1);
	ck_assert_str_eq(rec->meta.extra[0].key, "custom key");
	ck_assert_uint_eq(rec->n_paras, 1);
	ck_assert_str_eq(inp_para(rec, 0), "Heavy rain is due.");
	np_record_free(rec);
}
END_TEST

START_TEST(colon_paragraph_is_not_a_header)
{
	np_record *rec = inp_str("Note: the vote was close, and counting went on late. "
	                         "Officials were tired.\n\nIt passed by one.\n");
	ck_assert_uint_eq(rec->meta.n_extra, 0);
	ck_assert_uint_eq(rec->n_paras, 2);
	np_record_free(rec);
}
END_TEST

START_TEST(headline_first_line)
{
	np_record *rec = inp_str("Council backs new park\n\nThe council voted on "
	                         "Tuesday.\n\nWork starts soon.\n");
	ck_assert_str_eq(rec->meta.headline, "Council backs new park");
	ck_assert_uint_eq(rec->n_paras, 2);
	ck_assert_str_eq(inp_para(rec, 0), "The council voted on Tuesday.");
	np_record_free(rec);
	/* a one-sentence headline line with a full stop, blank line after */
	rec = inp_str("The Latest: rain expected.\n\nIt will rain. Then sun.\n");
	ck_assert_str_eq(rec->meta.headline, "The Latest: rain expected.");
	ck_assert_uint_eq(rec->n_paras, 1);
	np_record_free(rec);
	/* a one-sentence lead paragraph is not a headline */
	rec = inp_str("The city council voted on Tuesday to close the old harbour bridge "
	              "for two years while engineers replace its rusting steel frame.\n\n"
	              "Work starts in May.\n");
	ck_assert_int_eq(rec->meta.headline_derived, 1);
	ck_assert_uint_eq(rec->n_paras, 2);
	np_record_free(rec);
	/* one paragraph per line: a short line without a stop */
	rec = inp_str("Floods close roads\nRoads closed on Friday.\nMore rain is due.\n");
	ck_assert_str_eq(rec->meta.headline, "Floods close roads");
	ck_assert_uint_eq(rec->n_paras, 2);
	np_record_free(rec);
}
END_TEST

START_TEST(headline_derived_from_first_sentence)
{
	np_record *rec = inp_str("The mayor opened the new library on Monday. "
	                         "Hundreds came.\nIt has 10,000 books.\n");
	ck_assert_str_eq(rec->meta.headline, "The mayor opened the new library on Monday.");
	ck_assert_int_eq(rec->meta.headline_derived, 1);
	ck_assert(inp_warned(rec, "derived"));
	ck_assert_uint_eq(rec->n_paras, 2);
	np_record_free(rec);
	/* long: cut at a word boundary at about 110 characters */
	rec = inp_str("Officials in the northern province said on Tuesday that the "
	              "reconstruction of the damaged railway bridge would take "
	              "considerably longer than planned. Trains stop.\nMore.\n");
	const char *h = rec->meta.headline;
	ck_assert_uint_le(strlen(h), 110);
	ck_assert_uint_ge(strlen(h), 90);
	ck_assert(h[strlen(h) - 1] != ' ');
	ck_assert(strncmp(h, "Officials in the northern province", 34) == 0);
	ck_assert_int_eq(rec->meta.headline_derived, 1);
	np_record_free(rec);
}
END_TEST

START_TEST(byline_lines)
{
	np_record *rec = inp_str("Dam plan approved\n\nBy JANE DOE and JOHN O'ROURKE, "
	                         "Associated Press\n\nThe plan was approved.\n");
	ck_assert_str_eq(str_or(rec->meta.byline),
	                 "JANE DOE and JOHN O'ROURKE, Associated Press");
	ck_assert_uint_eq(rec->meta.n_authors, 2);
	ck_assert_str_eq(rec->meta.authors[0], "Jane Doe");
	ck_assert_str_eq(rec->meta.authors[1], "John O'Rourke");
	ck_assert_uint_eq(rec->n_paras, 1);
	ck_assert_str_eq(inp_para(rec, 0), "The plan was approved.");
	np_record_free(rec);
	rec = inp_str("Dam plan approved\nBy Jane Doe\nThe plan was approved.\n");
	ck_assert_str_eq(str_or(rec->meta.byline), "Jane Doe");
	ck_assert_uint_eq(rec->n_paras, 1);
	np_record_free(rec);
	/* "By" opening a sentence is not a byline */
	rec = inp_str("Dam plan approved\n\nBy Monday, the dam will be closed.\n");
	ck_assert_ptr_null(rec->meta.byline);
	ck_assert_uint_eq(rec->n_paras, 1);
	np_record_free(rec);
	rec = inp_str("Dam plan approved\n\nBy the end of the year it opens\n\nMore.\n");
	ck_assert_ptr_null(rec->meta.byline);
	np_record_free(rec);
}
END_TEST

START_TEST(name_casing)
{
	np_record *rec = inp_str("Byline: MARY MCDONALD, JEAN-PAUL VAN DER BERG\n\nText.\n");
	ck_assert_uint_eq(rec->meta.n_authors, 2);
	ck_assert_str_eq(rec->meta.authors[0], "Mary McDonald");
	ck_assert_str_eq(rec->meta.authors[1], "Jean-Paul van der Berg");
	np_record_free(rec);
	rec = inp_str("Byline: By J\xc3\x89R\xc3\x94ME \xc3\x89TIENNE\n\nText.\n");
	ck_assert_str_eq(rec->meta.authors[0], "J\xc3\xa9r\xc3\xb4me \xc3\x89tienne");
	np_record_free(rec);
}
END_TEST

START_TEST(datelines)
{
	struct { const char *text, *dateline, *place; } cases[] = {
		{ "WASHINGTON (AP) \xe2\x80\x94 The Senate voted.", "WASHINGTON (AP)", "Washington" },
		{ "LONDON, March 3 (Reuters) - Shares fell.", "LONDON, March 3 (Reuters)", "London" },
		{ "BERLIN \xe2\x80\x94 Die Regierung tagte.", "BERLIN", "Berlin" },
		{ "HEMPSTEAD, N.Y., Sept. 26 (UPI) \xe2\x80\x94 A debate.", "HEMPSTEAD, N.Y., Sept. 26 (UPI)", "Hempstead, N.Y." },
		{ "NEW YORK -- Stocks rose.", "NEW YORK", "New York" },
		{ "SAN JOS\xc3\x89 \xe2\x80\x93 Rain fell.", "SAN JOS\xc3\x89", "San Jos\xc3\xa9" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "Headline here\n\n%s\n\nMore text.\n", cases[i].text);
		np_record *rec = inp_str(buf);
		ck_assert_msg(rec->meta.dateline != NULL, "no dateline in %s", cases[i].text);
		ck_assert_str_eq(rec->meta.dateline, cases[i].dateline);
		ck_assert_str_eq(rec->meta.dateline_place, cases[i].place);
		/* the dateline stays in the first paragraph's text */
		ck_assert(strncmp(inp_para(rec, 0), cases[i].text, 5) == 0);
		np_record_free(rec);
	}
	const char *not_datelines[] = {
		"The Senate voted \xe2\x80\x94 narrowly.",
		"Washington (AP) \xe2\x80\x94 lower case place.",
		"NATO, the alliance, and its members agreed on a long list of items today - more.",
		"IN 2016 \xe2\x80\x94 numbers.",
	};
	for (size_t i = 0; i < sizeof not_datelines / sizeof *not_datelines; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "Headline here\n\n%s\n\nMore text.\n", not_datelines[i]);
		np_record *rec = inp_str(buf);
		ck_assert_msg(rec->meta.dateline == NULL, "dateline %s in %s",
		              str_or(rec->meta.dateline), not_datelines[i]);
		np_record_free(rec);
	}
}
END_TEST

START_TEST(language_guess)
{
	struct { const char *text, *lang; } cases[] = {
		{ "The minister said that the plan was ready and that it would be "
		  "published with the budget.", "en" },
		{ "Der Minister sagte, dass der Plan fertig sei und mit dem Haushalt "
		  "ver\xc3\xb6" "ffentlicht werde. Die Opposition ist nicht dabei.", "de" },
		{ "Le ministre a d\xc3\xa9" "clar\xc3\xa9 que le plan est pr\xc3\xaat et "
		  "qu'il sera publi\xc3\xa9 avec le budget pour les d\xc3\xa9putes.", "fr" },
		{ "El ministro dijo que el plan estaba listo y que se publicar\xc3\xa1 "
		  "con los presupuestos para las regiones.", "es" },
		{ "Il ministro ha detto che il piano \xc3\xa8 pronto e che sar\xc3\xa0 "
		  "pubblicato con il bilancio degli enti della regione.", "it" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		np_record *rec = inp_str(cases[i].text);
		ck_assert_str_eq(rec->meta.language, cases[i].lang);
		np_record_free(rec);
	}
	ck_assert_ptr_null(np_meta__guess_language("Xyz qwv.", 0, 8));
	/* a header or --meta wins */
	np_record *rec = inp_str("Language: fr\n\nThe minister said that the plan was "
	                         "ready and that it would be published.\n");
	ck_assert_str_eq(rec->meta.language, "fr");
	np_record_free(rec);
}
END_TEST

START_TEST(dates_normalised)
{
	struct { const char *in, *out; } cases[] = {
		{ "2016-09-30", "2016-09-30" },
		{ "2016-09-30T14:05:00Z", "2016-09-30T14:05:00Z" },
		{ "2016-09-30T14:05:07.123+02:00", "2016-09-30T14:05:07+02:00" },
		{ "2016-09-30 14:05", "2016-09-30T14:05:00" },
		{ "September 30, 2016", "2016-09-30" },
		{ "Sept. 30, 2016", "2016-09-30" },
		{ "30 September 2016", "2016-09-30" },
		{ "Friday, 30 September 2016", "2016-09-30" },
		{ "Fri, 30 Sep 2016 14:05:00 +0000", "2016-09-30T14:05:00Z" },
		{ "Fri, 30 Sep 2016 14:05:00 -0500", "2016-09-30T14:05:00-05:00" },
		{ "30. September 2016", "2016-09-30" },
		{ "30.09.2016", "2016-09-30" },
		{ "5 ao\xc3\xbbt 2012", "2012-08-05" },
		{ "1er mars 2012", "2012-03-01" },
		{ "3 de marzo de 2015", "2015-03-03" },
		{ "12 maggio 2019", "2019-05-12" },
		{ "2016/09/30", "2016-09-30" },
		{ "February 30, 2016", NULL },
		{ "yesterday", NULL },
	};
	np_arena *a = np_arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = np_meta__iso_date(a, cases[i].in, strlen(cases[i].in));
		if (!cases[i].out)
			ck_assert_msg(got == NULL, "%s -> %s", cases[i].in, got);
		else
			ck_assert_msg(got && !strcmp(got, cases[i].out), "%s -> %s, want %s",
			              cases[i].in, str_or(got), cases[i].out);
	}
	np_arena_free(a);
	np_record *rec = inp_str("Date: sometime soon\n\nText here.\n");
	ck_assert_ptr_null(rec->meta.date);
	ck_assert(inp_warned(rec, "sometime soon"));
	np_record_free(rec);
}
END_TEST

START_TEST(meta_overrides)
{
	np_meta_override ov[] = { { "headline", "Given headline" }, { "language", "de" },
		{ "date", "2020-01-02" }, { "Section", "World" }, { "byline", "Ann Bee" } };
	np_options o = NP_OPTIONS_INIT;
	o.meta = ov;
	o.n_meta = sizeof ov / sizeof *ov;
	const char *s = "Headline: From header\nDate: 2019-05-05\n\nSome text here.\n";
	np_record *rec = inp_run(s, strlen(s), &o);
	ck_assert_str_eq(rec->meta.headline, "Given headline");
	ck_assert_int_eq(rec->meta.headline_derived, 0);
	ck_assert_str_eq(rec->meta.language, "de");
	ck_assert_str_eq(rec->meta.date, "2020-01-02");
	ck_assert_str_eq(rec->meta.byline, "Ann Bee");
	ck_assert_uint_eq(rec->meta.n_authors, 1);
	ck_assert_uint_eq(rec->meta.n_extra, 1);
	ck_assert_str_eq(rec->meta.extra[0].key, "Section");
	ck_assert(!inp_warned(rec, "derived"));
	np_record_free(rec);
}
END_TEST

START_TEST(paragraphs_blank_line_separated)
{
	np_record *rec = inp_str("Title line\n\nFirst para\ncontinues here.\n\n\n\n"
	                         "  Second para.  \n \t \nThird.");
	ck_assert_uint_eq(rec->n_paras, 3);
	ck_assert_str_eq(inp_para(rec, 0), "First para\ncontinues here.");
	ck_assert_str_eq(inp_para(rec, 1), "Second para.");
	ck_assert_str_eq(inp_para(rec, 2), "Third.");
	np_record_free(rec);
}
END_TEST

START_TEST(paragraphs_one_per_line)
{
	np_record *rec = inp_str("First paragraph is a long sentence that ends here.\n"
	                         "Second one.\nThird one.\n\n");
	ck_assert_uint_eq(rec->n_paras, 3);
	ck_assert_str_eq(inp_para(rec, 2), "Third one.");
	np_record_free(rec);
}
END_TEST

START_TEST(hard_wrapped_lines_joined)
{
	np_record *rec = inp_str(
		"The committee met on Monday to discuss the proposal for the\n"
		"new harbour, and members agreed to publish the plans.\n"
		"A second paragraph starts with a capital letter.\n"
		"It is another paragraph.\n");
	ck_assert_uint_eq(rec->n_paras, 3);
	ck_assert_str_eq(inp_para(rec, 0),
	                 "The committee met on Monday to discuss the proposal for the\n"
	                 "new harbour, and members agreed to publish the plans.");
	np_record_free(rec);
	/* long lines are paragraphs even when the next starts in lower case */
	char buf[600];
	snprintf(buf, sizeof buf, "%s\n%s\n",
	         "A very long line that is clearly a paragraph of its own because it "
	         "runs well past the eighty character limit of hard wrapping.",
	         "lower-case start of a new paragraph.");
	rec = inp_str(buf);
	ck_assert_uint_eq(rec->n_paras, 2);
	np_record_free(rec);
}
END_TEST

START_TEST(spans_slice_back_through_repairs)
{
	const char *s = "\xef\xbb\xbfHeadline\r\n\r\nCaf\x65\xcc\x81 opened.\x01 It "
	                "was busy.\r\n\r\nMore \xff text.\r\n";
	np_record *rec = inp_run(s, strlen(s), NULL);
	inp_check_map(rec);
	ck_assert_str_eq(rec->meta.headline, "Headline");
	ck_assert_uint_eq(rec->n_paras, 2);
	char why[600];
	for (size_t i = 0; i < rec->n_sents; i++)
		ck_assert_msg(inp_slices_back(rec, rec->sents[i].span, NULL, why, sizeof why),
		              "%s", why);
	for (size_t i = 0; i < rec->n_paras; i++)
		ck_assert_msg(inp_slices_back(rec, rec->paras[i].span, NULL, why, sizeof why),
		              "%s", why);
	np_record_free(rec);
}
END_TEST

START_TEST(many_paragraphs_fast)
{
	size_t n = 100000;
	char *s = malloc(n * 16 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(s + o, "Para %06zu.\n\n", i);
	np_record *rec = inp_stages(s, o);
	ck_assert_uint_eq(rec->n_paras, n - 1); /* the first is the headline */
	np_record_free(rec);
	free(s);
}
END_TEST

static Suite *normalise_suite(void)
{
	Suite *s = suite_create("normalise");
	TCase *tc = tcase_create("normalise");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bare_header_block);
	tcase_add_test(tc, fenced_header_block);
	tcase_add_test(tc, colon_paragraph_is_not_a_header);
	tcase_add_test(tc, headline_first_line);
	tcase_add_test(tc, headline_derived_from_first_sentence);
	tcase_add_test(tc, byline_lines);
	tcase_add_test(tc, name_casing);
	tcase_add_test(tc, datelines);
	tcase_add_test(tc, language_guess);
	tcase_add_test(tc, dates_normalised);
	tcase_add_test(tc, meta_overrides);
	tcase_add_test(tc, paragraphs_blank_line_separated);
	tcase_add_test(tc, paragraphs_one_per_line);
	tcase_add_test(tc, hard_wrapped_lines_joined);
	tcase_add_test(tc, spans_slice_back_through_repairs);
	tcase_add_test(tc, many_paragraphs_fast);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(normalise_suite)

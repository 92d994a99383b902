/* check_quotes_recall.c - reported speech that the quote stage must find:
 * indirect and mixed quotes after every kind of cue and subject, in
 * English, German and French.  Every sentence is written for these tests. */
#include "quote_test_util.h"

/* Expect a quote whose text is exactly `text`, of type `t`, said by a
 * speaker whose canonical name or phrase contains `speaker` (how names are
 * canonicalised is check_quotes' and check_entities' business). */
static const np_quote *expect(const np_record *rec, const char *text, np_quote_type t,
                              const char *speaker)
{
	const np_quote *q = find_quote(rec, text);
	ck_assert_msg(q != NULL, "no quote with '%s'", text);
	ck_assert_msg(strcmp(q->text, text) == 0, "quote is '%s', not '%s'", q->text, text);
	ck_assert_msg(q->type == t, "'%s' is %s, not %s", text, np_quote_type_name(q->type),
	              np_quote_type_name(t));
	ck_assert_msg(q->speaker_name && strstr(q->speaker_name, speaker),
	              "'%s' said by '%s', not '%s'", text,
	              q->speaker_name ? q->speaker_name : "(none)", speaker);
	span_is(rec, q->span, q->text);
	return q;
}

static void expect_none(const np_record *rec, const char *needle)
{
	const np_quote *q = find_quote(rec, needle);
	ck_assert_msg(q == NULL, "unexpected quote '%s'", q ? q->text : "");
}

START_TEST(capitalised_word_after_the_cue_is_content)
{
	/* "Democrats" after "said" is the content's subject, not an adjunct
	 * like "said Monday" */
	np_record *rec = np_test_process("t",
		"Debate\n\n"
		"Governor Alan Marsh said Democrats were trying to pressure the moderators. "
		"Marsh said Monday that the format was unfair.\n");
	expect(rec, "Democrats were trying to pressure the moderators", NP_QUOTE_INDIRECT,
	       "Alan Marsh");
	expect(rec, "the format was unfair", NP_QUOTE_INDIRECT, "Alan Marsh");
	np_record_free(rec);
}
END_TEST

START_TEST(according_to_any_source)
{
	np_record *rec = np_test_process("t",
		"Vote\n\n"
		"According to Lena Park, the committee delayed the vote because members "
		"disagreed.\n\n"
		"According to exit polls, the mayor won among older voters.\n\n"
		"Rents rose by a third in two years, according to federal statistics.\n");
	const np_quote *q = expect(rec, "the committee delayed the vote because members disagreed",
	                           NP_QUOTE_INDIRECT, "Lena Park");
	ck_assert_str_eq(q->cue, "According to");
	expect(rec, "the mayor won among older voters", NP_QUOTE_INDIRECT, "exit polls");
	expect(rec, "Rents rose by a third in two years", NP_QUOTE_INDIRECT, "federal statistics");
	np_record_free(rec);
}
END_TEST

START_TEST(weak_cues_need_quoted_words_or_that)
{
	np_record *rec = np_test_process("t",
		"Plant\n\n"
		"The Daily Ledger reported that the plant would close in June.\n\n"
		"Critics described the plan as costly, and said the town would lose jobs.\n\n"
		"The river shot past the old mill, which stood empty.\n");
	expect(rec, "the plant would close in June", NP_QUOTE_INDIRECT, "Daily Ledger");
	/* "described" has no quoted words: no quote, but its subject goes on */
	expect(rec, "the town would lose jobs", NP_QUOTE_INDIRECT, "Critics");
	expect_none(rec, "plan as costly");
	expect_none(rec, "past the old mill");
	np_record_free(rec);
}
END_TEST

START_TEST(participle_before_the_subject)
{
	np_record *rec = np_test_process("t",
		"Appeal\n\n"
		"Claiming the count was flawed, Mayor Tom Hale told reporters that he would "
		"appeal.\n");
	expect(rec, "he would appeal", NP_QUOTE_INDIRECT, "Tom Hale");
	expect_none(rec, "the count was flawed, Mayor");
	np_record_free(rec);
}
END_TEST

START_TEST(words_between_subject_and_cue)
{
	np_record *rec = np_test_process("t",
		"Plants\n\n"
		"Senator Ruth Adler appeared to suggest that the tax would rise. "
		"The Brill Company just this month announced it would close two plants. "
		"Ruth Adler on Tuesday said the bill was dead. "
		"Adler now says she supports the plan. "
		"Officials have not said how the bridge will be repaired. "
		"Adler, Hale and Park all argued that the budget was too small. "
		"Residents complained bitterly that the buses were late.\n");
	expect(rec, "the tax would rise", NP_QUOTE_INDIRECT, "Ruth Adler");
	expect(rec, "it would close two plants", NP_QUOTE_INDIRECT, "Brill Company");
	expect(rec, "the bill was dead", NP_QUOTE_INDIRECT, "Ruth Adler");
	expect(rec, "she supports the plan", NP_QUOTE_INDIRECT, "Ruth Adler");
	expect(rec, "how the bridge will be repaired", NP_QUOTE_INDIRECT, "Officials");
	expect(rec, "the budget was too small", NP_QUOTE_INDIRECT, "Park");
	expect(rec, "the buses were late", NP_QUOTE_INDIRECT, "Residents");
	np_record_free(rec);
	/* "one" opens a phrase like an article */
	rec = np_test_process("t",
		"Forum\n\n"
		"At the forum on Monday, one caller claimed that the bridge was unsafe.\n");
	expect(rec, "the bridge was unsafe", NP_QUOTE_INDIRECT, "caller");
	np_record_free(rec);
}
END_TEST

START_TEST(demands_requests_and_pointers)
{
	np_record *rec = np_test_process("t",
		"Strike\n\n"
		"The union called on the city to reopen the talks. "
		"Mayor Ines Vogt called for changing the contract. "
		"Vogt urged residents to avoid the harbour. "
		"The auditor pointed to a gap of two million dollars in the accounts.\n");
	const np_quote *q = expect(rec, "the city to reopen the talks", NP_QUOTE_INDIRECT, "union");
	ck_assert_str_eq(q->cue, "called on");
	q = expect(rec, "changing the contract", NP_QUOTE_INDIRECT, "Ines Vogt");
	ck_assert_str_eq(q->cue, "called for");
	/* the object is the infinitive's subject: part of what was urged */
	expect(rec, "residents to avoid the harbour", NP_QUOTE_INDIRECT, "Ines Vogt");
	expect(rec, "a gap of two million dollars in the accounts", NP_QUOTE_INDIRECT, "auditor");
	np_record_free(rec);
	/* no request without an infinitive; no content opened by "or" */
	rec = np_test_process("t",
		"Drill\n\n"
		"In a flood the towns could call on their help. "
		"Some got letters they never asked for or just threw them away.\n");
	expect_none(rec, "their help");
	expect_none(rec, "just threw");
	np_record_free(rec);
	/* "it" as a subject; a gerund's speaker is the sentence subject */
	rec = np_test_process("t",
		"Aid\n\n"
		"The plan covers only people who lost their jobs. The monthly grant, it says, "
		"would be 450 dollars.\n\n"
		"The auditors ended the review by announcing that the books were clean.\n");
	expect(rec, "The monthly grant, it says, would be 450 dollars", NP_QUOTE_INDIRECT, "it");
	expect(rec, "the books were clean", NP_QUOTE_INDIRECT, "auditors");
	np_record_free(rec);
}
END_TEST

START_TEST(adjuncts_participles_and_nouns_are_no_content)
{
	np_record *rec = np_test_process("t",
		"Dock\n\n"
		"\"We will rebuild,\" Ada Lind said. Lind said after the storm passed over the coast.\n\n"
		"\"Who would have thought it?\" Lind said, looking at the crowd.\n\n"
		"Lind said after the vote she would resign.\n\n"
		"The editor's note: the dock belongs to the city.\n\n"
		"Her brother agreed, but also argued that the dock was too small.\n");
	expect_none(rec, "the storm passed");
	expect_none(rec, "looking at the crowd");
	expect(rec, "she would resign", NP_QUOTE_INDIRECT, "Ada Lind");
	expect_none(rec, "the dock belongs");
	expect(rec, "the dock was too small", NP_QUOTE_INDIRECT, "brother");
	np_record_free(rec);
}
END_TEST

START_TEST(subjects_far_from_the_cue)
{
	np_record *rec = np_test_process("t",
		"Schools\n\n"
		"But Nora Quill, head of research at the Lindell Institute for Public Schools, "
		"said parents still want schools nearby.\n\n"
		"In a letter, one of the tenants' lawyers, Omar Reyes, said the video shows "
		"the driver leaving the car.\n\n"
		"Ivo Brandt -- author of a book on city budgets -- said the deficit would grow.\n\n"
		"Rep. Dana Kyle (D-N.Y.), chair of the panel, said members will vote in May.\n\n"
		"The pier stays closed this winter, lawyers for the harbour board said.\n");
	expect(rec, "parents still want schools nearby", NP_QUOTE_INDIRECT, "Nora Quill");
	expect(rec, "the video shows the driver leaving the car", NP_QUOTE_INDIRECT, "Omar Reyes");
	expect(rec, "the deficit would grow", NP_QUOTE_INDIRECT, "Ivo Brandt");
	expect(rec, "members will vote in May", NP_QUOTE_INDIRECT, "Dana Kyle");
	expect(rec, "The pier stays closed this winter", NP_QUOTE_INDIRECT, "lawyers for the harbour");
	np_record_free(rec);
	rec = np_test_process("t",
		"Parade\n\n"
		"Ann Lee, 59, of Dover, Del., who watched the parade on a screen, said the parade "
		"reminded her of the harbour she grew up by.\n\n"
		"The minister told the head of the port authority, Ida Roe, that the dock would "
		"close.\n");
	expect(rec, "the parade reminded her of the harbour she grew up by", NP_QUOTE_INDIRECT, "Ann Lee");
	np_record_free(rec);
	/* a noun in -ly is no adverb between subject and cue */
	rec = np_test_process("t",
		"Video\n\n"
		"The relatives, who live nearby, watched the video on Thursday, lawyers for the "
		"family said.\n");
	expect(rec, "The relatives, who live nearby, watched the video on Thursday",
	       NP_QUOTE_INDIRECT, "lawyers for the family");
	np_record_free(rec);
	rec = np_test_process("t",
		"Port\n\n"
		"The minister told the head of the port authority, Ida Roe, that the dock would "
		"close.\n");
	expect(rec, "the dock would close", NP_QUOTE_INDIRECT, "minister");
	np_record_free(rec);
}
END_TEST

START_TEST(final_attributions_and_titles)
{
	np_record *rec = np_test_process("t",
		"Ferries\n\n"
		"The ferry will run again in spring, Captain Lia Moss told the Harbour Gazette on "
		"Monday.\n\n"
		"Fares for pensioners will double next year, the Coastal Herald reports.\n\n"
		"On Channel Five's \"Morning Desk,\" Moss said the crew had been paid late.\n\n"
		"Moss has been called a hero by the passengers.\n\n"
		"She welcomed a Harbour Gazette report that the ferry company had been sold.\n");
	expect(rec, "The ferry will run again in spring", NP_QUOTE_INDIRECT, "Lia Moss");
	expect(rec, "Fares for pensioners will double next year", NP_QUOTE_INDIRECT,
	       "Coastal Herald");
	/* the show's name is no quote of Moss; what follows the cue is */
	expect(rec, "the crew had been paid late", NP_QUOTE_INDIRECT, "Lia Moss");
	expect_none(rec, "Morning Desk");
	/* a passive cue: the subject did not speak */
	expect_none(rec, "a hero");
	expect(rec, "the ferry company had been sold", NP_QUOTE_INDIRECT, "Harbour Gazette");
	np_record_free(rec);
}
END_TEST

START_TEST(headline_attributions)
{
	np_record *rec = np_test_process("t",
		"Nora Vance: The Harbour Tax Is Dead\n\n"
		"Councillor Nora Vance spoke to reporters on Monday about the harbour.\n");
	const np_quote *q = expect(rec, "The Harbour Tax Is Dead", NP_QUOTE_INDIRECT, "Nora Vance");
	ck_assert_uint_eq(q->paragraph, 0);
	np_record_free(rec);
	rec = np_test_process("t",
		"Ferry Fares Will Double, Port Chief Omar Diaz Says\n\n"
		"Omar Diaz, who runs the port, spoke on Tuesday.\n");
	expect(rec, "Ferry Fares Will Double", NP_QUOTE_INDIRECT, "Omar Diaz");
	np_record_free(rec);
	rec = np_test_process("t",
		"Mayor Urges Residents To Leave The Coast\n\n"
		"Mayor Ida Holm spoke on Tuesday.\n");
	expect(rec, "Residents To Leave The Coast", NP_QUOTE_INDIRECT, "Mayor");
	np_record_free(rec);
	/* a headline that names no speaker gives no quote */
	rec = np_test_process("t",
		"Election 2026: What Comes Next\n\n"
		"Voters went to the polls on Sunday.\n");
	expect_none(rec, "What Comes Next");
	np_record_free(rec);
}
END_TEST

START_TEST(gerunds_questions_and_demands)
{
	np_record *rec = np_test_process("t",
		"Clinic\n\n"
		"Dr. Lena Ortiz was fined for saying that the pills cured colds.\n\n"
		"Asked about the closing of the clinic, Ortiz said she would appeal.\n\n"
		"The board called for the clinic to close by May. "
		"The board called for a new audit.\n\n"
		"It is worth noting that the clinic opened in 1990.\n\n"
		"In her book, \"Why We Heal,\" Ortiz described the clinic's early years.\n");
	expect(rec, "the pills cured colds", NP_QUOTE_INDIRECT, "Lena Ortiz");
	const np_quote *q = find_quote(rec, "the closing of the clinic");
	ck_assert_msg(q && q->type == NP_QUOTE_INDIRECT && q->speaker < 0 && !q->speaker_name,
	              "the question of \"Asked about\" has no speaker");
	expect(rec, "she would appeal", NP_QUOTE_INDIRECT, "Lena Ortiz");
	expect(rec, "the clinic to close by May", NP_QUOTE_INDIRECT, "board");
	expect_none(rec, "a new audit");
	expect_none(rec, "opened in 1990");
	expect_none(rec, "Why We Heal");
	np_record_free(rec);
}
END_TEST

START_TEST(relatives_promises_and_continuations)
{
	np_record *rec = np_test_process("t",
		"Grid\n\n"
		"The utility issued a report that says the grid will fail in winter. "
		"The board, which argued that rates were too low, met on Monday.\n\n"
		"Workers said they were tired but pledged to finish the line by June.\n\n"
		"\"We will not pay,\" Rosa Kent said, and still \"we will fight the fee in court.\"\n\n"
		"\"The line is safe,\" Kent said at a hearing in Dover, Del., \"and it will stay "
		"safe.\"\n\n"
		"The agency says the plan would cut costs at first, but would eventually add "
		"two billion dollars.\n");
	expect(rec, "the grid will fail in winter", NP_QUOTE_INDIRECT, "report");
	expect(rec, "rates were too low", NP_QUOTE_INDIRECT, "board");
	expect(rec, "to finish the line by June", NP_QUOTE_INDIRECT, "Workers");
	const np_quote *q = expect(rec, "We will not pay", NP_QUOTE_DIRECT, "Rosa Kent");
	q = find_quote(rec, "we will fight the fee in court");
	ck_assert_msg(q && q->type == NP_QUOTE_MIXED && q->speaker_name &&
	              strstr(q->speaker_name, "Rosa Kent"), "the continuation is Kent's");
	expect(rec, "The line is safe", NP_QUOTE_DIRECT, "Rosa Kent");
	expect(rec, "and it will stay safe.", NP_QUOTE_DIRECT, "Rosa Kent");
	expect(rec, "the plan would cut costs at first, but would eventually add two billion "
	            "dollars", NP_QUOTE_INDIRECT, "agency");
	np_record_free(rec);
}
END_TEST

START_TEST(coordination_objects_and_inverted_relatives)
{
	np_record *rec = np_test_process("t",
		"Tax\n\n"
		"Farmers and bakers complain bitterly that the tax is too high. "
		"Officials have not said when they would lower it.\n\n"
		"\"It is simple,\" said Hugo Brand, who stressed that the tax funds the schools.\n\n"
		"Brand cited a study of rural incomes. He proposed cutting the rate in half. "
		"The rules proposed during the last session expired. "
		"Brand said when he was asked.\n");
	expect(rec, "the tax is too high", NP_QUOTE_INDIRECT, "Farmers and bakers");
	expect(rec, "when they would lower it", NP_QUOTE_INDIRECT, "Officials");
	expect(rec, "It is simple", NP_QUOTE_DIRECT, "Hugo Brand");
	expect(rec, "the tax funds the schools", NP_QUOTE_INDIRECT, "Hugo Brand");
	expect(rec, "a study of rural incomes", NP_QUOTE_INDIRECT, "Hugo Brand");
	expect(rec, "cutting the rate in half", NP_QUOTE_INDIRECT, "Hugo Brand");
	expect_none(rec, "during the last session");
	expect_none(rec, "when he was asked");
	np_record_free(rec);
}
END_TEST

START_TEST(passives_and_particles)
{
	np_record *rec = np_test_process("t",
		"Bridge\n\n"
		"The mayor has been harshly criticized for closing the old bridge. "
		"The engineer pointed out that the cables were rusted. "
		"The driver was charged with speeding.\n");
	/* a passive cue: the clause is the quote, its speaker unknown */
	const np_quote *q = find_quote(rec, "The mayor has been harshly criticized for closing the "
	                                    "old bridge");
	ck_assert_msg(q && q->type == NP_QUOTE_INDIRECT && !q->speaker_name,
	              "the passive clause is a quote with no speaker");
	expect(rec, "the cables were rusted", NP_QUOTE_INDIRECT, "engineer");
	ck_assert_str_eq(find_quote(rec, "the cables were rusted")->cue, "pointed out");
	expect_none(rec, "speeding");
	np_record_free(rec);
	/* speaking of a topic */
	rec = np_test_process("t",
		"Bridge\n\n"
		"The mayor spoke emotionally of the old bridge and its builders. "
		"The engineers talked for about ten minutes.\n");
	expect(rec, "the old bridge and its builders", NP_QUOTE_INDIRECT, "mayor");
	expect_none(rec, "ten minutes");
	np_record_free(rec);
	/* an infinitive cue with quoted words: the subject's words */
	rec = np_test_process("t",
		"Feud\n\n"
		"Senator Max Hale went on the radio to accuse the mayor of being \"asleep at the "
		"wheel\" during the flood.\n\n"
		"The council voted to praise the volunteers.\n");
	const np_quote *m = find_quote(rec, "asleep at the wheel");
	ck_assert_msg(m && m->type == NP_QUOTE_MIXED && m->speaker_name &&
	              strstr(m->speaker_name, "Max Hale"), "the accusation is Hale's");
	expect_none(rec, "the volunteers");
	np_record_free(rec);
	/* a colon introduction, then a paragraph set without marks */
	rec = np_test_process("t",
		"Storm\n\n"
		"After the vote, the governor added:\n\n"
		"It is typical of the council. They knew about the storm for a week and did "
		"nothing.\n\n"
		"The storm reached the coast on Friday.\n");
	expect(rec, "It is typical of the council. They knew about the storm for a week and did "
	            "nothing", NP_QUOTE_INDIRECT, "governor");
	expect_none(rec, "reached the coast");
	np_record_free(rec);
	/* headline verbs that report no words */
	rec = np_test_process("t",
		"Court Rejects Appeal Over Harbour Tax\n\n"
		"The court met on Monday in the capital.\n");
	expect_none(rec, "Appeal Over Harbour Tax");
	np_record_free(rec);
}
END_TEST

START_TEST(german_cue_patterns)
{
	np_record *rec = np_test_process("t",
		"Haushalt\n\n"
		"Der Finanzminister Peter Braun sagte, dass die Schulden sinken w\xC3\xBCrden. "
		"Braun sagte am Dienstag, dass die Steuern gleich bleiben. "
		"Laut dem Statistikamt stieg die Zahl der Arbeitslosen im Mai. "
		"Braun erkl\xC3\xA4rte, die Regierung werde sparen. "
		"Die Ministerin Eva Roth teilte mit, dass die Schulen offen bleiben.\n");
	const np_quote *q = expect(rec, "die Schulden sinken w\xC3\xBCrden", NP_QUOTE_INDIRECT,
	                           "Peter Braun");
	ck_assert_str_eq(q->cue, "sagte");
	expect(rec, "die Steuern gleich bleiben", NP_QUOTE_INDIRECT, "Peter Braun");
	q = expect(rec, "stieg die Zahl der Arbeitslosen im Mai", NP_QUOTE_INDIRECT, "Statistikamt");
	ck_assert_str_eq(q->cue, "Laut");
	expect(rec, "die Regierung werde sparen", NP_QUOTE_INDIRECT, "Peter Braun");
	expect(rec, "die Schulen offen bleiben", NP_QUOTE_INDIRECT, "Eva Roth");
	np_record_free(rec);
	/* more German cues: verteidigte, entgegnete */
	rec = np_test_process("t",
		"Hafen\n\n"
		"Der B\xC3\xBCrgermeister Jan Albers verteidigte den Plan als \xE2\x80\x9E" "einzig "
		"vern\xC3\xBCnftigen Weg\xE2\x80\x9C. "
		"Albers entgegnete, die Kosten seien gedeckt.\n");
	expect(rec, "einzig vern\xC3\xBCnftigen Weg", NP_QUOTE_DIRECT, "Jan Albers");
	expect(rec, "die Kosten seien gedeckt", NP_QUOTE_INDIRECT, "Jan Albers");
	np_record_free(rec);
}
END_TEST

START_TEST(french_cue_patterns)
{
	np_record *rec = np_test_process("t",
		"Budget\n\n"
		"Le ministre Paul Girard a d\xC3\xA9" "clar\xC3\xA9 que le d\xC3\xA9" "ficit serait "
		"r\xC3\xA9" "duit en 2025. "
		"Selon le minist\xC3\xA8re, la dette a augment\xC3\xA9 de deux pour cent. "
		"Girard a ajout\xC3\xA9 que les imp\xC3\xB4ts ne changeraient pas.\n");
	const np_quote *q = expect(rec, "le d\xC3\xA9" "ficit serait r\xC3\xA9" "duit en 2025",
	                           NP_QUOTE_INDIRECT, "Paul Girard");
	ck_assert_str_eq(q->cue, "d\xC3\xA9" "clar\xC3\xA9");
	q = expect(rec, "la dette a augment\xC3\xA9 de deux pour cent", NP_QUOTE_INDIRECT,
	           "minist\xC3\xA8re");
	ck_assert_str_eq(q->cue, "Selon");
	expect(rec, "les imp\xC3\xB4ts ne changeraient pas", NP_QUOTE_INDIRECT, "Paul Girard");
	np_record_free(rec);
	/* more French cues: a démenti que, a promis que */
	rec = np_test_process("t",
		"Budget\n\n"
		"Le ministre Paul Girard a d\xC3\xA9menti que le d\xC3\xA9" "ficit augmenterait. "
		"Girard a promis que les imp\xC3\xB4ts baisseraient.\n");
	expect(rec, "le d\xC3\xA9" "ficit augmenterait", NP_QUOTE_INDIRECT, "Paul Girard");
	expect(rec, "les imp\xC3\xB4ts baisseraient", NP_QUOTE_INDIRECT, "Paul Girard");
	np_record_free(rec);
}
END_TEST

static Suite *quotes_recall_suite(void)
{
	Suite *s = suite_create("quotes_recall");
	TCase *tc = tcase_create("patterns");
	tcase_add_test(tc, capitalised_word_after_the_cue_is_content);
	tcase_add_test(tc, according_to_any_source);
	tcase_add_test(tc, weak_cues_need_quoted_words_or_that);
	tcase_add_test(tc, participle_before_the_subject);
	tcase_add_test(tc, words_between_subject_and_cue);
	tcase_add_test(tc, demands_requests_and_pointers);
	tcase_add_test(tc, adjuncts_participles_and_nouns_are_no_content);
	tcase_add_test(tc, subjects_far_from_the_cue);
	tcase_add_test(tc, final_attributions_and_titles);
	tcase_add_test(tc, headline_attributions);
	tcase_add_test(tc, gerunds_questions_and_demands);
	tcase_add_test(tc, relatives_promises_and_continuations);
	tcase_add_test(tc, coordination_objects_and_inverted_relatives);
	tcase_add_test(tc, passives_and_particles);
	tcase_add_test(tc, german_cue_patterns);
	tcase_add_test(tc, french_cue_patterns);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(quotes_recall_suite)

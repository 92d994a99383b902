/* check_quotes_speakers.c - who said it: pronouns, surnames shared by
 * several people, organisations and inherited speakers, on sentences written
 * for these tests. */
#include "quote_test_util.h"

/* Expect a quote containing `needle` said by `speaker` (NULL: none). */
static const np_quote *said_by(const np_record *rec, const char *needle, const char *speaker)
{
	const np_quote *q = find_quote(rec, needle);
	ck_assert_msg(q != NULL, "no quote with '%s'", needle);
	if (!speaker) {
		ck_assert_msg(!q->speaker_name, "'%s' said by '%s', expected nobody", needle,
		              q->speaker_name);
		return q;
	}
	ck_assert_msg(q->speaker_name && strcmp(q->speaker_name, speaker) == 0,
	              "'%s' said by '%s', not '%s'", needle,
	              q->speaker_name ? q->speaker_name : "(none)", speaker);
	return q;
}

/* A participle whose nearest phrase cannot speak (a place, a time, a
 * document) belongs to the clause's subject. */
START_TEST(participle_takes_clause_subject)
{
	np_record *rec = np_test_process("t",
		"Port dispute\n\n"
		"Mayor Helen Voss spoke out on Monday about the closure of the docks in Houston, "
		"Texas, arguing that the decision should be seen as \"a betrayal.\"\n\n"
		"Stung by the criticism, as well as protests over the costs, Peter Lamb "
		"changed his proposal, promising to keep the old ferry route for residents.\n\n"
		"After a short meeting, the Harbour Board issued a statement calling the "
		"closure \"a regrettable necessity\" for the town.\n\n"
		"In September, several local parent groups granted the board a delay on the works, "
		"saying its \"repair budget was smaller than planned.\"\n");
	said_by(rec, "repair budget", "local parent groups");
	said_by(rec, "a betrayal", "Helen Voss");
	said_by(rec, "old ferry route", "Peter Lamb");
	said_by(rec, "regrettable necessity", "Harbour Board");
	np_record_free(rec);
}
END_TEST

/* A phrase after a preposition is no subject: a cue inside an opening
 * adjunct is none, and one after an inner adjunct takes the phrase before
 * it. */
START_TEST(prepositional_phrase_is_no_speaker)
{
	np_record *rec = np_test_process("t",
		"Bridge plans\n\n"
		"In a long letter published Sunday, Norris said he had \"serious doubts\" "
		"about the bridge but would not block it.\n\n"
		"Last month Dunmore in a radio interview appeared to blame the engineers "
		"for the delays.\n\n"
		"Marchers walking through the square shouted \"Not in our town!\" until dusk.\n");
	said_by(rec, "serious doubts", "Norris");
	said_by(rec, "Not in our town", "Marchers");
	said_by(rec, "the engineers", "Dunmore");
	np_record_free(rec);
}
END_TEST

/* A pronoun takes the subject of the sentence before it over the speaker
 * of the paragraph before. */
START_TEST(pronoun_takes_previous_subject)
{
	np_record *rec = np_test_process("t",
		"Harbour vote\n\n"
		"\"The pier is too expensive,\" said Oliver Grant, a council member. "
		"Council leader Martin Shaw rejected the criticism on Tuesday.\n\n"
		"\"We have the money and we have the plans,\" he said.\n");
	said_by(rec, "too expensive", "Oliver Grant");
	const np_quote *q = said_by(rec, "have the plans", "Martin Shaw");
	span_is(rec, q->speaker_span, "he");
	np_record_free(rec);
}
END_TEST

/* A name inside quotation marks is no antecedent: "she" after a quote that
 * names another woman is still the woman who spoke. */
START_TEST(pronoun_skips_names_inside_quotes)
{
	np_record *rec = np_test_process("t",
		"School board\n\n"
		"Susan Hale, the head teacher, opened the new wing in May.\n\n"
		"The building cost two million dollars.\n\n"
		"\"When Laura Finch built the old wing, nobody expected so many pupils,\" "
		"she said.\n");
	said_by(rec, "nobody expected", "Susan Hale");
	np_record_free(rec);
}
END_TEST

/* An introductory phrase before the subject ("In response to the
 * complaints, X did") and a name after a preposition are handled. */
START_TEST(pronoun_subject_after_introductory_phrase)
{
	np_record *rec = np_test_process("t",
		"Border talks\n\n"
		"In response to the protests, Anna Berg called a summit with Rosa Klein "
		"and the regional governors.\n\n"
		"\"Unity also means prosperity,\" she said.\n");
	said_by(rec, "Unity also", "Anna Berg");
	np_record_free(rec);
}
END_TEST

/* A sentence opened by a subordinate clause has no subject to offer; the
 * latest man named outside quotes is taken. */
START_TEST(pronoun_after_subordinate_clause)
{
	np_record *rec = np_test_process("t",
		"Concert season\n\n"
		"While Frank Moore had a band writing songs about him, nobody is writing "
		"them for the mayor, which worries Henry Cole, the party chairman.\n\n"
		"\"No one is writing songs for her,\" he said.\n");
	said_by(rec, "No one is writing", "Henry Cole");
	np_record_free(rec);
}
END_TEST

/* Words of another speaker in between do not make the pronoun lose the
 * speaker before them. */
START_TEST(pronoun_skips_a_speaker_of_the_wrong_gender)
{
	np_record *rec = np_test_process("t",
		"Leave policy\n\n"
		"Campaign spokesman Jason Reed told reporters that Mr. Stone's policy would "
		"cover single parents. The city council said the rule was unclear.\n\n"
		"\"We don't have the final text yet,\" he said.\n");
	said_by(rec, "final text", "Jason Reed");
	np_record_free(rec);
}
END_TEST

/* A surname shared by two people goes to the one the article is about,
 * unless the other was just named. */
START_TEST(shared_surname_goes_to_the_principal)
{
	np_record *rec = np_test_process("t",
		"Senate race\n\n"
		"Representative Bobby Marsh is running for the Senate. Marsh has served "
		"for two decades.\n\n"
		"Bobby Marsh spoke at a rally on Monday.\n\n"
		"Another senator, Tim Marsh, is not related to him.\n\n"
		"The district stretches from the coast to the hills and has voted for the "
		"same party in every election since the war. Turnout is usually low in "
		"the rural counties, and both campaigns have spent most of their money "
		"on television advertising in the two cities. Polls show the race within "
		"the margin of error, with a large share of voters still undecided about "
		"which candidate to support. The state will count postal ballots that "
		"arrive up to three days after the election.\n\n"
		"Later, Marsh said the race would be close.\n\n"
		"Tim Marsh said he would stay neutral. Marsh said he liked his cousin.\n");
	said_by(rec, "race would be close", "Bobby Marsh");
	said_by(rec, "stay neutral", "Tim Marsh");
	/* just named: the surname is his */
	said_by(rec, "liked his cousin", "Tim Marsh");
	np_record_free(rec);
}
END_TEST

/* "she" after a quote with "he said" in between goes to the woman who
 * spoke before (the speaker history, not only the last speaker). */
START_TEST(pronoun_uses_speaker_history)
{
	np_record *rec = np_test_process("t",
		"At the rally\n\n"
		"\"He really cares about us,\" Ruth Meyer said, as the crowd cheered.\n\n"
		"\"I love you all,\" the candidate shouted, and Tom Baker waved.\n\n"
		"\"It is finished,\" she said of the long campaign.\n");
	said_by(rec, "It is finished", "Ruth Meyer");
	np_record_free(rec);
}
END_TEST

/* "the agency" is the agency named before; an agency named long before,
 * with other organisations in between, is not. */
START_TEST(organisation_by_its_head_word)
{
	np_record *rec = np_test_process("t",
		"Lighthouse repairs\n\n"
		"The town asked the Coastal Heritage Agency for a grant last month.\n\n"
		"The agency called the lighthouse \"a monument worth saving\" on Friday.\n");
	const np_quote *q = said_by(rec, "monument worth saving", "Coastal Heritage Agency");
	ck_assert_int_ge(q->speaker, 0);
	span_is(rec, q->speaker_span, "The agency");
	np_record_free(rec);
}
END_TEST

/* A time between the subject and the cue is not the speaker. */
START_TEST(time_adjunct_before_cue)
{
	np_record *rec = np_test_process("t",
		"Tax plan\n\n"
		"Senator Maria Vance on Tuesday said she would oppose the tax plan.\n\n"
		"The Daily Ledger on Saturday wrote that the plan had been delayed.\n");
	const np_quote *q = said_by(rec, "would oppose", "Maria Vance");
	span_is(rec, q->speaker_span, "Maria Vance");
	said_by(rec, "had been delayed", "The Daily Ledger");
	np_record_free(rec);
}
END_TEST

/* A section heading set in quotation marks is no quote; a title-case
 * phrase inside a speaker's paragraph still is. */
START_TEST(quoted_heading_is_no_quote)
{
	np_record *rec = np_test_process("t",
		"Mining town\n\n"
		"\"We will keep the mine open,\" said Paul Dunn, the owner.\n\n"
		"'Legend of the Valley.'\n\n"
		"\"Here comes the boss,\" she said, laughing. \"The Chief. Big Boss.\"\n");
	ck_assert_msg(find_quote(rec, "Legend of the Valley") == NULL, "heading kept as quote");
	ck_assert_msg(find_quote(rec, "The Chief. Big Boss") != NULL, "split quote lost");
	np_record_free(rec);
}
END_TEST

/* A pair typed with two kinds of mark ("…” and “…") is still one quote
 * with its own speaker. */
START_TEST(mixed_mark_pairs)
{
	np_record *rec = np_test_process("t",
		"Hospital report\n\n"
		"The review was published on Monday.\n\n"
		"\"The board ignored every warning,\xE2\x80\x9D said Ruth Adler, a surgeon at the "
		"county hospital. \xE2\x80\x9CNobody listened,\" Adler said.\n");
	const np_quote *q = said_by(rec, "ignored every warning", "Ruth Adler");
	ck_assert_str_eq(q->text, "The board ignored every warning");
	q = said_by(rec, "Nobody listened", "Ruth Adler");
	ck_assert_str_eq(q->text, "Nobody listened");
	span_is(rec, q->speaker_span, "Adler");
	np_record_free(rec);
}
END_TEST

/* "said of X": X is what was spoken about, the speaker is before. */
START_TEST(said_of_is_the_topic)
{
	np_record *rec = np_test_process("t",
		"Broadcaster\n\n"
		"\"Their aim is to look like a normal newsroom,\" Karl Brandt, a former "
		"ambassador and a fellow at the Lakeside Institute, said of Channel Nine.\n");
	said_by(rec, "normal newsroom", "Karl Brandt");
	np_record_free(rec);
}
END_TEST

/* "…?" Name said: a question mark does not end the attribution's sentence;
 * a possessive before a name ("the Ledger's Dana Cole") leaves the name as
 * the speaker. */
START_TEST(question_then_speaker_and_possessive)
{
	np_record *rec = np_test_process("t",
		"Flood town\n\n"
		"The mayor spoke on Monday about the flooding in the lower town.\n\n"
		"\xE2\x80\x9CHow many times must we see this in our town?\xE2\x80\x9D Bill Jones "
		"said. \xE2\x80\x9C" "A family lost everything.\xE2\x80\x9D\n\n"
		"Floods are not likely to change the vote, noted the Ledger's Dana Cole.\n");
	const np_quote *q = said_by(rec, "How many times", "Bill Jones");
	span_is(rec, q->speaker_span, "Bill Jones");
	said_by(rec, "family lost everything", "Bill Jones");
	q = said_by(rec, "not likely to change", "Dana Cole");
	span_is(rec, q->speaker_span, "Dana Cole");
	np_record_free(rec);
}
END_TEST

/* "The minister of the economy, Mr. Name, argues": the name in the
 * appositive is the speaker, and the pronoun after it is him. */
START_TEST(title_subject_with_name_appositive)
{
	np_record *rec = np_test_process("t",
		"Trade talks\n\n"
		"Many traders felt betrayed when President Oscar Ruiz invited the rival to a "
		"meeting.\n\n"
		"The minister of trade, Mr. Tomas Herrera, argues that there is little point in "
		"answering the threats now. \"We must not overreact,\" he told me.\n");
	const np_quote *q = said_by(rec, "little point", "Tomas Herrera");
	span_is(rec, q->speaker_span, "Tomas Herrera");
	said_by(rec, "must not overreact", "Tomas Herrera");
	np_record_free(rec);
}
END_TEST

static size_t count_people(const np_record *rec, const char *name)
{
	size_t n, k = 0;
	const np_entity *e = np_record_entities(rec, &n);
	for (size_t i = 0; i < n; i++)
		k += e[i].type == NP_ENT_PERSON && strcmp(e[i].name, name) == 0;
	return k;
}

/* Laws, places, wars and days named in capitals are no people, nor is a
 * clause's first word; a first name keeps "Doris Day" a person, and an
 * institution is an organisation. */
START_TEST(no_junk_people)
{
	np_record *rec = np_test_process("t",
		"Water rules\n\n"
		"The Clean Water Act was passed before the Cold War ended, said Maria Lund of "
		"the Lakeside Institution in Kansas City.\n\n"
		"Did Trump read it? Neither Clinton nor her aides said so on Labor Day.\n\n"
		"The singer Doris Day and the lawyer Mark Brenner attended.\n");
	const char *junk[] = { "Clean Water Act", "Cold War", "Kansas City", "Did Trump",
		"Neither Clinton", "Labor Day", "Lakeside Institution" };
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
		ck_assert_msg(count_people(rec, junk[i]) == 0, "'%s' is a person", junk[i]);
	ck_assert_uint_eq(count_people(rec, "Maria Lund"), 1);
	ck_assert_uint_eq(count_people(rec, "Doris Day"), 1);
	ck_assert_uint_eq(count_people(rec, "Mark Brenner"), 1);
	size_t n, org = 0;
	const np_entity *e = np_record_entities(rec, &n);
	for (size_t i = 0; i < n; i++)
		org += e[i].type == NP_ENT_ORG && strcmp(e[i].name, "Lakeside Institution") == 0;
	ck_assert_uint_eq(org, 1);
	np_record_free(rec);
}
END_TEST

/* Titles are split from names wherever they stand: a party and "MP"
 * before the name, "MP" after it; a title of a place names no one. */
START_TEST(party_and_postnominal_titles)
{
	np_record *rec = np_test_process("t",
		"Ferry vote\n\n"
		"Tory MP Alan Marsh said the ferry plan was \"a shambles\" from the start.\n\n"
		"Later Lib Dem Nora Pike said the figures were wrong.\n\n"
		"On Friday Hugh Danby MP said the vote was \"a farce\" and should be held again.\n\n"
		"The Archbishop of Canterbury said the country must \"look after the poor\" first.\n\n"
		"The Harbour Minister, Rhona Kerr MSP, said: \"The pier stays closed.\"\n\n"
		"Dale Imrie QC quit the inquiry.\n\n"
		"Mr Imrie told reporters: \"The new figures are wrong.\"\n\n"
		"The Tories said residents had \"never been consulted\" about the plan.\n");
	const np_quote *q = said_by(rec, "a shambles", "Alan Marsh");
	ck_assert_str_eq(q->speaker_title, "Tory MP");
	said_by(rec, "figures were wrong", "Nora Pike");
	q = said_by(rec, "a farce", "Hugh Danby");
	ck_assert_str_eq(q->speaker_title, "MP");
	said_by(rec, "look after the poor", "Archbishop of Canterbury");
	said_by(rec, "stays closed", "Rhona Kerr");
	said_by(rec, "new figures", "Dale Imrie");
	said_by(rec, "never been consulted", "Tories");
	ck_assert_uint_eq(count_people(rec, "Canterbury"), 0);
	ck_assert_uint_eq(count_people(rec, "Tory MP Alan Marsh"), 0);
	np_record_free(rec);
}
END_TEST

/* "…," X told the paper: the paper is the hearer; "Asked to describe
 * …, X said": the question's verb is no cue of X's words. */
START_TEST(told_hearer_and_asked_adjunct)
{
	np_record *rec = np_test_process("t",
		"Depot fire\n\n"
		"\"The warnings were ignored for years,\" Irene Koval, the director of the "
		"Clean Streets Project who also lives nearby, told The Daily Courier.\n\n"
		"Asked to explain what started the fire, Chief Paul Orme said, \"We do not know "
		"that yet.\"\n");
	said_by(rec, "warnings were ignored", "Irene Koval");
	said_by(rec, "do not know", "Paul Orme");
	np_record_free(rec);
}
END_TEST

/* "…?" X demanded: a speech verb outside the lexicon after a question;
 * "X, who in 2010 said …": a time between the relative pronoun and the
 * cue. */
START_TEST(question_weak_cue_and_relative_with_time)
{
	np_record *rec = np_test_process("t",
		"Bank hearing\n\n"
		"\"We have heard enough excuses,\" Tom Reyes said.\n\n"
		"\"Why is this bank not broken up yet?\" Dana Whitfield demanded.\n\n"
		"The visitor met Mitch Conway, who in 2010 said the party must make the governor "
		"\"a one-term governor.\"\n");
	said_by(rec, "enough excuses", "Tom Reyes");
	said_by(rec, "broken up yet", "Dana Whitfield");
	said_by(rec, "one-term governor", "Mitch Conway");
	np_record_free(rec);
}
END_TEST

/* "the spokesman" names the spokesman quoted before; a title with no
 * name ("The Culture Secretary") is no person and loses its article. */
START_TEST(definite_title_takes_earlier_speaker)
{
	np_record *rec = np_test_process("t",
		"Pier closure\n\n"
		"A Harbour Board spokesman said the pier would stay shut.\n\n"
		"The mayor disagreed.\n\n"
		"\"We have no choice,\" the spokesman added.\n\n"
		"The Culture Secretary said the museum would \"stay open all summer.\"\n");
	said_by(rec, "no choice", "Harbour Board spokesman");
	said_by(rec, "stay open all summer", "Culture Secretary");
	ck_assert_uint_eq(count_people(rec, "Culture Secretary"), 0);
	np_record_free(rec);
}
END_TEST

/* Common first names carry a gender: "she" skips "Josh". */
START_TEST(first_name_gender_for_pronouns)
{
	np_record *rec = np_test_process("t",
		"Harbour talks\n\n"
		"Press secretary Josh Tenney said the meeting with Senator Fiona Grady was over.\n\n"
		"\"It was a good day for the harbour,\" she said.\n");
	said_by(rec, "good day for the harbour", "Fiona Grady");
	np_record_free(rec);
}
END_TEST

/* "the Hale campaign" uses a name as a modifier: no antecedent for "she". */
START_TEST(name_as_modifier_is_no_antecedent)
{
	np_record *rec = np_test_process("t",
		"Florida push\n\n"
		"\"The campaign is in panic mode,\" said Leslie Wimes, a local party "
		"president.\n\n"
		"Many believe that the Nora Hale campaign took these voters for granted.\n\n"
		"\"They have a big problem,\" she said.\n");
	said_by(rec, "big problem", "Leslie Wimes");
	np_record_free(rec);
}
END_TEST

/* A quoted transcript: each "LABEL: paragraph is its own quote of that
 * speaker, the label left out; a curly pair inside straight marks is
 * nested, not a closing. */
START_TEST(quoted_transcript_labels)
{
	np_record *rec = np_test_process("t",
		"Interview\n\n"
		"Chris Walton spoke with Governor Mike Penn on Sunday.\n\n"
		"\"WALTON: Let us start with the news of the day. Will the governor attend?\n\n"
		"\"PENN: Well, look, my rival thinks this is an episode of \xE2\x80\x9C"
		"Shark Pool.\xE2\x80\x9D But this is serious business for the voters.\n\n"
		"\"WALTON: If I may, we have limited time.\n");
	const np_quote *q = said_by(rec, "start with the news", "Chris Walton");
	ck_assert_msg(strncmp(q->text, "Let us start", 12) == 0, "quote is '%s'", q->text);
	q = said_by(rec, "serious business", "Mike Penn");
	ck_assert_msg(strncmp(q->text, "Well, look", 10) == 0, "quote is '%s'", q->text);
	said_by(rec, "limited time", "Chris Walton");
	np_record_free(rec);
}
END_TEST

/* A person with no first name or honorific takes the gender of the
 * pronouns that follow them ("Lanford said his plan"), so "she" skips him. */
START_TEST(gender_from_pronouns)
{
	np_record *rec = np_test_process("t",
		"Budget vote\n\n"
		"President Lanford said his plan would work and he would sign it.\n\n"
		"Senator Quill opposed it in a speech.\n\n"
		"The bill was signed by Lanford on Monday.\n\n"
		"\"We will win next time,\" she said.\n");
	said_by(rec, "win next time", "Quill");
	np_record_free(rec);
}
END_TEST

Suite *speakers_suite(void)
{
	Suite *s = suite_create("quotes_speakers");
	TCase *tc = tcase_create("pronouns");
	tcase_add_test(tc, pronoun_takes_previous_subject);
	tcase_add_test(tc, pronoun_skips_names_inside_quotes);
	tcase_add_test(tc, pronoun_subject_after_introductory_phrase);
	tcase_add_test(tc, pronoun_after_subordinate_clause);
	tcase_add_test(tc, pronoun_skips_a_speaker_of_the_wrong_gender);
	tcase_add_test(tc, pronoun_uses_speaker_history);
	tcase_add_test(tc, name_as_modifier_is_no_antecedent);
	tcase_add_test(tc, gender_from_pronouns);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("entities");
	tcase_add_test(te, shared_surname_goes_to_the_principal);
	tcase_add_test(te, organisation_by_its_head_word);
	tcase_add_test(te, time_adjunct_before_cue);
	tcase_add_test(te, quoted_heading_is_no_quote);
	tcase_add_test(te, mixed_mark_pairs);
	tcase_add_test(te, said_of_is_the_topic);
	tcase_add_test(te, question_then_speaker_and_possessive);
	tcase_add_test(te, title_subject_with_name_appositive);
	tcase_add_test(te, no_junk_people);
	tcase_add_test(te, quoted_transcript_labels);
	tcase_add_test(te, participle_takes_clause_subject);
	tcase_add_test(te, prepositional_phrase_is_no_speaker);
	tcase_add_test(te, party_and_postnominal_titles);
	tcase_add_test(te, told_hearer_and_asked_adjunct);
	tcase_add_test(te, question_weak_cue_and_relative_with_time);
	tcase_add_test(te, definite_title_takes_earlier_speaker);
	tcase_add_test(te, first_name_gender_for_pronouns);
	suite_add_tcase(s, te);
	return s;
}

NP_CHECK_MAIN(speakers_suite)

/* check_quotes.c - direct, mixed and indirect quotes and their speakers, on
 * sentences written for these tests (English, German, French).  The seed
 * article is checked end to end by tests/e2e/seed_quotes.sh. */
#include "quote_test_util.h"

#include <time.h>

static size_t count_type(const np_record *rec, np_quote_type t)
{
	size_t n, k = 0;
	const np_quote *q = np_record_quotes(rec, &n);
	for (size_t i = 0; i < n; i++)
		k += q[i].type == t;
	return k;
}

/* Expect a quote containing `needle` of type `t` said by `speaker`. */
static const np_quote *expect(const np_record *rec, const char *needle, np_quote_type t,
                              const char *speaker)
{
	const np_quote *q = find_quote(rec, needle);
	ck_assert_msg(q != NULL, "no quote with '%s'", needle);
	ck_assert_msg(q->type == t, "'%s' is %s, not %s", needle, np_quote_type_name(q->type),
	              np_quote_type_name(t));
	if (speaker) {
		ck_assert_msg(q->speaker_name && strcmp(q->speaker_name, speaker) == 0,
		              "'%s' said by '%s', not '%s'", needle,
		              q->speaker_name ? q->speaker_name : "(none)", speaker);
	}
	if (!strchr(q->text, '\n') && q->span.end - q->span.start == strlen(q->text))
		span_is(rec, q->span, q->text);
	return q;
}

START_TEST(content_speaker_cue_with_title)
{
	np_record *rec = np_test_process("t",
		"Harbour plan stalls\n\n"
		"City treasurer Maria Lopez met the harbour board on Monday.\n\n"
		"\xE2\x80\x9CWe cannot pay for a second pier this year,\xE2\x80\x9D Harbour Board "
		"spokesman Daniel Okafor said in a statement.\n\n"
		"\xE2\x80\x9CThe numbers simply do not work,\xE2\x80\x9D Okafor said.\n");
	const np_quote *q = expect(rec, "second pier", NP_QUOTE_DIRECT, "Daniel Okafor");
	ck_assert_str_eq(q->speaker_title, "Harbour Board spokesman");
	span_is(rec, q->speaker_span, "Daniel Okafor");
	span_is(rec, q->cue_span, "said");
	/* the comma that stands for a period is not quoted */
	ck_assert_str_eq(q->text, "We cannot pay for a second pier this year");
	q = expect(rec, "numbers simply", NP_QUOTE_DIRECT, "Daniel Okafor");
	span_is(rec, q->speaker_span, "Okafor");
	ck_assert_int_ge(q->speaker, 0);
	np_record_free(rec);
}
END_TEST

START_TEST(content_cue_speaker_and_appositive)
{
	np_record *rec = np_test_process("t",
		"Budget\n\n"
		"\"We will keep the libraries open,\" said Anna Berg, the city's finance director. "
		"\"Every branch stays.\"\n\n"
		"\"Nobody asked us,\" said a spokesman for the union.\n");
	const np_quote *q = expect(rec, "libraries open", NP_QUOTE_DIRECT, "Anna Berg");
	ck_assert_str_eq(q->speaker_title, "city's finance director");
	/* a quote-only sentence continues the speaker */
	expect(rec, "Every branch stays", NP_QUOTE_DIRECT, "Anna Berg");
	expect(rec, "Nobody asked", NP_QUOTE_DIRECT, "spokesman for the union");
	np_record_free(rec);
}
END_TEST

START_TEST(speaker_cue_colon_and_split)
{
	np_record *rec = np_test_process("t",
		"Vote\n\n"
		"Senator Paula Grant said: \xE2\x80\x9CThe bill is dead.\xE2\x80\x9D\n\n"
		"\xE2\x80\x9CIt was never alive,\xE2\x80\x9D she said. \xE2\x80\x9CWe told them so "
		"in March.\xE2\x80\x9D\n");
	expect(rec, "bill is dead", NP_QUOTE_DIRECT, "Paula Grant");
	const np_quote *q = expect(rec, "never alive", NP_QUOTE_DIRECT, "Paula Grant");
	span_is(rec, q->speaker_span, "she");
	expect(rec, "told them so", NP_QUOTE_DIRECT, "Paula Grant");
	np_record_free(rec);
}
END_TEST

START_TEST(multi_paragraph_quote)
{
	np_record *rec = np_test_process("t",
		"Flood\n\n"
		"Mayor Tom Reyes said the water rose overnight.\n\n"
		"\xE2\x80\x9CWe moved two hundred families before midnight.\n\n"
		"\xE2\x80\x9CNobody was hurt, and the shelters are open,\xE2\x80\x9D he said.\n");
	const np_quote *q = expect(rec, "two hundred families", NP_QUOTE_DIRECT, "Tom Reyes");
	/* one quote over two paragraphs, its fragments joined by one space */
	ck_assert_str_eq(q->text, "We moved two hundred families before midnight. Nobody was hurt, "
	                          "and the shelters are open");
	ck_assert_uint_eq(q->paragraph, 1);
	expect(rec, "water rose overnight", NP_QUOTE_INDIRECT, "Tom Reyes");
	np_record_free(rec);
}
END_TEST

START_TEST(quote_only_paragraph_inherits)
{
	np_record *rec = np_test_process("t",
		"Match\n\n"
		"\xE2\x80\x9CWe played badly,\xE2\x80\x9D coach Lena Hart said.\n\n"
		"\xE2\x80\x9CNext week will be different. I promise that.\xE2\x80\x9D\n");
	const np_quote *q = expect(rec, "Next week", NP_QUOTE_DIRECT, "Lena Hart");
	ck_assert_uint_eq(q->paragraph, 1);
	np_record_free(rec);
}
END_TEST

START_TEST(indirect_patterns)
{
	np_record *rec = np_test_process("t",
		"Port\n\n"
		"Transport Minister Ivan Petrov said the port would reopen in May. "
		"Petrov countered that the delays were caused by the storm. "
		"The harbour is safe, according to the coast guard. "
		"Petrov accused the contractors of hiding the damage. "
		"Petrov told reporters that the cost had doubled.\n");
	expect(rec, "port would reopen", NP_QUOTE_INDIRECT, "Ivan Petrov");
	expect(rec, "delays were caused", NP_QUOTE_INDIRECT, "Ivan Petrov");
	const np_quote *q = expect(rec, "harbour is safe", NP_QUOTE_INDIRECT, "coast guard");
	ck_assert_str_eq(q->cue, "according to");
	expect(rec, "contractors of hiding", NP_QUOTE_INDIRECT, "Ivan Petrov");
	q = expect(rec, "cost had doubled", NP_QUOTE_INDIRECT, "Ivan Petrov");
	ck_assert_str_eq(q->text, "the cost had doubled");
	np_record_free(rec);
}
END_TEST

START_TEST(mixed_quote)
{
	np_record *rec = np_test_process("t",
		"Plan\n\n"
		"Governor Ruth Adler said the plan was \xE2\x80\x9C" "a disaster\xE2\x80\x9D for farmers.\n\n"
		"She called the deal \xE2\x80\x9C" "a betrayal\xE2\x80\x9D of the valley.\n");
	const np_quote *q = expect(rec, "the plan was", NP_QUOTE_MIXED, "Ruth Adler");
	ck_assert_str_eq(q->text, "the plan was \xE2\x80\x9C" "a disaster\xE2\x80\x9D for farmers");
	expect(rec, "a betrayal", NP_QUOTE_MIXED, "Ruth Adler");
	/* the quoted words of a mixed quote are not a direct quote of their own */
	ck_assert_uint_eq(count_type(rec, NP_QUOTE_DIRECT), 0);
	np_record_free(rec);
}
END_TEST

START_TEST(dash_attribution_and_scare_quotes)
{
	np_record *rec = np_test_process("t",
		"Sayings\n\n"
		"The so-called \"reform\" package passed on Tuesday.\n\n"
		"\xE2\x80\x9CThe sea does not wait for anyone.\xE2\x80\x9D \xE2\x80\x94 Marta Silva\n");
	ck_assert_ptr_null(find_quote(rec, "reform"));
	expect(rec, "sea does not wait", NP_QUOTE_DIRECT, "Marta Silva");
	np_record_free(rec);
}
END_TEST

START_TEST(inch_marks_and_apostrophes)
{
	np_record *rec = np_test_process("t",
		"Screens\n\n"
		"The 27\" monitor and the 32\" model sold out, the shop's owner said.\n\n"
		"'We're out of stock,' said Omar Haddad. It's the owners' problem now.\n");
	/* no direct quote made of inch marks */
	ck_assert_uint_eq(count_type(rec, NP_QUOTE_DIRECT), 1);
	const np_quote *q = expect(rec, "We're out of stock", NP_QUOTE_DIRECT, "Omar Haddad");
	ck_assert_str_eq(q->text, "We're out of stock");
	expect(rec, "monitor and the 32", NP_QUOTE_INDIRECT, NULL);
	np_record_free(rec);
}
END_TEST

START_TEST(nested_quotes)
{
	np_record *rec = np_test_process("t",
		"Memo\n\n"
		"\xE2\x80\x9CThey wrote \xE2\x80\x98no comment\xE2\x80\x99 on every page,\xE2\x80\x9D "
		"said Clara Voss.\n");
	const np_quote *q = expect(rec, "on every page", NP_QUOTE_DIRECT, "Clara Voss");
	ck_assert_str_eq(q->text, "They wrote \xE2\x80\x98no comment\xE2\x80\x99 on every page");
	np_record_free(rec);
}
END_TEST

START_TEST(german_patterns)
{
	np_record *rec = np_test_process("t",
		"Streit um den Haushalt\n\n"
		"Bundeskanzlerin Angela Weber war am Montag in Berlin. "
		"\xE2\x80\x9E" "Wir werden nicht nachgeben\xE2\x80\x9C, sagte Weber am Montag.\n\n"
		"Finanzminister Peter Braun sagte, dass die Steuern nicht steigen.\n\n"
		"Er erkl\xC3\xA4rte: \xE2\x80\x9E" "Das ist \xE2\x80\x9A" "unser\xE2\x80\x98 Plan.\xE2\x80\x9C\n\n"
		"\xC2\xBB" "Die Lage ist ernst\xC2\xAB, betonte Braun.\n\n"
		"Laut Braun fehlen zwei Milliarden Euro.\n");
	expect(rec, "nicht nachgeben", NP_QUOTE_DIRECT, "Angela Weber");
	expect(rec, "Steuern nicht steigen", NP_QUOTE_INDIRECT, "Peter Braun");
	const np_quote *q = expect(rec, "unser", NP_QUOTE_DIRECT, "Peter Braun");
	span_is(rec, q->speaker_span, "Er");
	expect(rec, "Lage ist ernst", NP_QUOTE_DIRECT, "Peter Braun");
	expect(rec, "zwei Milliarden", NP_QUOTE_INDIRECT, "Peter Braun");
	np_record_free(rec);
}
END_TEST

START_TEST(french_patterns)
{
	np_record *rec = np_test_process("t",
		"R\xC3\xA9" "forme\n\n"
		"La ministre Claire Dubois \xC3\xA9tait \xC3\xA0 Lyon. "
		"\xC2\xAB\xC2\xA0" "Nous ne reculerons pas\xC2\xA0\xC2\xBB, a d\xC3\xA9" "clar\xC3\xA9 "
		"Claire Dubois.\n\n"
		"Le maire Paul Girard a affirm\xC3\xA9 que la r\xC3\xA9" "forme \xC3\xA9tait injuste.\n\n"
		"Selon Paul Girard, la ville perdra deux millions.\n");
	const np_quote *q = expect(rec, "Nous ne reculerons pas", NP_QUOTE_DIRECT, "Claire Dubois");
	/* no-break spaces inside the guillemets are not quoted */
	ck_assert_str_eq(q->text, "Nous ne reculerons pas");
	expect(rec, "forme \xC3\xA9tait injuste", NP_QUOTE_INDIRECT, "Paul Girard");
	expect(rec, "perdra deux millions", NP_QUOTE_INDIRECT, "Paul Girard");
	np_record_free(rec);
}
END_TEST

START_TEST(organisation_and_title_speakers)
{
	np_record *rec = np_test_process("t",
		"Recall\n\n"
		"The Health Ministry said the recall covered four brands. "
		"Health Minister Jonas Lind visited the factory. "
		"The minister said the checks would continue.\n");
	const np_quote *q = expect(rec, "recall covered", NP_QUOTE_INDIRECT, "Health Ministry");
	ck_assert_int_ge(q->speaker, 0);
	expect(rec, "checks would continue", NP_QUOTE_INDIRECT, "Jonas Lind");
	np_record_free(rec);
}
END_TEST

START_TEST(max_quotes_caps_with_warning)
{
	np_options o = NP_OPTIONS_INIT;
	o.max_quotes = 2;
	const char *text = "Q\n\n\"One a b,\" Ann Lee said. \"Two c d,\" Ann Lee said. "
	                   "\"Three e f,\" Ann Lee said.\n";
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	ck_assert_int_eq(np_process_buffer(&rec, "t", "t", text, strlen(text), &o, ctx), NP_WARN);
	size_t n, nw;
	np_record_quotes(rec, &n);
	ck_assert_uint_eq(n, 2);
	const np_warning *w = np_record_warnings(rec, &nw);
	int found = 0;
	for (size_t i = 0; i < nw; i++)
		found |= strstr(w[i].message, "max-quotes") != NULL;
	ck_assert(found);
	np_record_free(rec);
	np_ctx_free(ctx);
}
END_TEST

/* Pathological input stays linear: time grows with size, not its square. */
static double time_process(const char *buf, size_t len)
{
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	clock_t t0 = clock();
	int rc = np_process_buffer(&rec, "p", "p", buf, len, &o, ctx);
	double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert_int_ge(rc, 0);
	np_record_free(rec);
	np_ctx_free(ctx);
	return dt;
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t u = strlen(unit);
	char *buf = malloc(u * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(buf + i * u, unit, u);
	buf[u * times] = '\0';
	*len = u * times;
	return buf;
}

START_TEST(pathological_inputs_are_linear)
{
	static const char *const units[] = {
		"\xE2\x80\x9C",                 /* 200,000 opening marks */
		"\xE2\x80\x9C" "a ",            /* 5,000-deep nesting and more */
		"\" he said ",
		"Mr. Smith said that he said ",
		"He said \xE2\x80\x9C" "a,\xE2\x80\x9D ",
		"word ",
	};
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t l1, l2;
		char *small = repeat(units[u], 20000, &l1);
		char *big = repeat(units[u], 200000, &l2);
		double t1 = time_process(small, l1), t2 = time_process(big, l2);
		/* 10x the input may take ~10x the time, never ~100x */
		ck_assert_msg(t2 < 30 * t1 + 0.5, "unit %zu: %.3fs for 20k, %.3fs for 200k", u, t1, t2);
		free(small);
		free(big);
	}
}
END_TEST

START_TEST(relative_coordinated_and_appositive_speakers)
{
	np_record *rec = np_test_process("t",
		"Bridge\n\n"
		"The design was defended by Paul Wren, who said that the bridge was safe. "
		"Mayor Lisa Crane countered that the road was open and accused the council of "
		"delaying repairs. "
		"Rita Moss, of Dayton, Ohio, said the tolls were unfair. "
		"The bridge, Wren said, would reopen in June. "
		"The old ferry will keep running until then, the engineer added.\n");
	expect(rec, "the bridge was safe", NP_QUOTE_INDIRECT, "Paul Wren");
	const np_quote *q = expect(rec, "the road was open", NP_QUOTE_INDIRECT, "Lisa Crane");
	ck_assert_str_eq(q->text, "the road was open");
	q = expect(rec, "the council of delaying repairs", NP_QUOTE_INDIRECT, "Lisa Crane");
	ck_assert_str_eq(q->cue, "accused");
	expect(rec, "tolls were unfair", NP_QUOTE_INDIRECT, "Rita Moss");
	/* one span around a mid-sentence attribution */
	q = expect(rec, "The bridge, Wren said, would reopen", NP_QUOTE_INDIRECT, "Paul Wren");
	expect(rec, "The old ferry will keep running", NP_QUOTE_INDIRECT, "engineer");
	np_record_free(rec);
}
END_TEST

START_TEST(sentence_initial_cue_and_participles)
{
	np_record *rec = np_test_process("t",
		"Race\n\n"
		"Said Omar Pike: \xE2\x80\x9CWe won the district.\xE2\x80\x9D\n\n"
		"Nina Vale spoke on Monday, saying that the count was fair.\n");
	expect(rec, "We won the district", NP_QUOTE_DIRECT, "Omar Pike");
	expect(rec, "the count was fair", NP_QUOTE_INDIRECT, "Nina Vale");
	np_record_free(rec);
}
END_TEST

START_TEST(german_so_and_french_inversion)
{
	np_record *rec = np_test_process("t",
		"Rathaus\n\n"
		"B\xC3\xBCrgermeister Hans M\xC3\xBCller kam am Abend in das Rathaus. "
		"\xE2\x80\x9E" "Wir bleiben bei unserem Plan\xE2\x80\x9C, so M\xC3\xBCller.\n");
	expect(rec, "Wir bleiben bei unserem Plan", NP_QUOTE_DIRECT, "Hans M\xC3\xBCller");
	np_record_free(rec);

	rec = np_test_process("t",
		"Titre\n\n"
		"Le maire Paul Girard visite Lyon. \xC2\xAB Nous allons construire trois "
		"\xC3\xA9" "coles \xC2\xBB, explique-t-il.\n\n"
		"La ministre Claire Dubois est arriv\xC3\xA9" "e. \xC2\xAB" "Cela suffit\xC2\xBB, "
		"a-t-elle dit.\n");
	const np_quote *q = expect(rec, "Nous allons construire", NP_QUOTE_DIRECT, "Paul Girard");
	span_is(rec, q->speaker_span, "il");
	ck_assert_str_eq(q->cue, "explique");
	q = expect(rec, "Cela suffit", NP_QUOTE_DIRECT, "Claire Dubois");
	span_is(rec, q->speaker_span, "elle");
	ck_assert_str_eq(q->cue, "dit");
	np_record_free(rec);
}
END_TEST

START_TEST(split_quote_in_one_sentence)
{
	np_record *rec = np_test_process("t",
		"Park\n\n"
		"\"My hope,\" Ada Brook said, \"is that the park stays open.\"\n\n"
		"\"It will,\" she said. \"We voted for it.\"\n");
	/* two quotes, each span holding exactly its words */
	const np_quote *q = expect(rec, "My hope", NP_QUOTE_DIRECT, "Ada Brook");
	ck_assert_str_eq(q->text, "My hope");
	span_is(rec, q->speaker_span, "Ada Brook");
	q = expect(rec, "is that the park stays open", NP_QUOTE_DIRECT, "Ada Brook");
	span_is(rec, q->speaker_span, "Ada Brook");
	expect(rec, "It will", NP_QUOTE_DIRECT, "Ada Brook");
	expect(rec, "We voted for it", NP_QUOTE_DIRECT, "Ada Brook");
	ck_assert_uint_eq(count_type(rec, NP_QUOTE_DIRECT), 4);
	np_record_free(rec);
}
END_TEST

static Suite *quotes_suite(void)
{
	Suite *s = suite_create("quotes");
	TCase *tc = tcase_create("patterns");
	tcase_add_test(tc, content_speaker_cue_with_title);
	tcase_add_test(tc, content_cue_speaker_and_appositive);
	tcase_add_test(tc, speaker_cue_colon_and_split);
	tcase_add_test(tc, multi_paragraph_quote);
	tcase_add_test(tc, quote_only_paragraph_inherits);
	tcase_add_test(tc, indirect_patterns);
	tcase_add_test(tc, mixed_quote);
	tcase_add_test(tc, dash_attribution_and_scare_quotes);
	tcase_add_test(tc, inch_marks_and_apostrophes);
	tcase_add_test(tc, nested_quotes);
	tcase_add_test(tc, german_patterns);
	tcase_add_test(tc, french_patterns);
	tcase_add_test(tc, organisation_and_title_speakers);
	tcase_add_test(tc, max_quotes_caps_with_warning);
	tcase_add_test(tc, relative_coordinated_and_appositive_speakers);
	tcase_add_test(tc, sentence_initial_cue_and_participles);
	tcase_add_test(tc, german_so_and_french_inversion);
	tcase_add_test(tc, split_quote_in_one_sentence);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("pathological");
	tcase_set_timeout(tp, 120);
	tcase_add_test(tp, pathological_inputs_are_linear);
	suite_add_tcase(s, tp);
	return s;
}

NP_CHECK_MAIN(quotes_suite)

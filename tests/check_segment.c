/* check_segment.c - sentence boundaries. */
#include "input_helpers.h"
#include "text.h"

#include <time.h>

/* Segment one paragraph (with a headline line so that it is the body) and
 * compare with the expected sentences, separated by '|'. */
static void sentences_are(const char *lang, const char *para, const char *want)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "Head\n\n%s\n", para);
	np_meta_override ov[] = { { "language", lang } };
	np_options o = NP_OPTIONS_INIT;
	o.meta = ov;
	o.n_meta = 1;
	np_record *rec = inp_run(buf, strlen(buf), &o);
	char got[4096] = "";
	for (size_t i = 0; i < rec->n_sents; i++) {
		if (i)
			strcat(got, "|");
		strncat(got, inp_sent(rec, i), sizeof got - strlen(got) - 1);
	}
	ck_assert_msg(strcmp(got, want) == 0, "\n got: %s\nwant: %s", got, want);
	np_record_free(rec);
}

START_TEST(basic_terminators)
{
	sentences_are("en", "It rained. Then it snowed! Did it stop? Yes.",
	              "It rained.|Then it snowed!|Did it stop?|Yes.");
	sentences_are("en", "What?! No way.", "What?!|No way.");
}
END_TEST

START_TEST(english_abbreviations)
{
	sentences_are("en", "Mr. Smith met Dr. Jones and Sen. Warren. They talked.",
	              "Mr. Smith met Dr. Jones and Sen. Warren.|They talked.");
	sentences_are("en", "Gov. Brown spoke on Jan. 5 at No. 10 Downing St. in London.",
	              "Gov. Brown spoke on Jan. 5 at No. 10 Downing St. in London.");
	sentences_are("en", "The U.S. and the U.N. agreed. Talks go on.",
	              "The U.S. and the U.N. agreed.|Talks go on.");
	sentences_are("en", "Troops left the U.S. The war ended.",
	              "Troops left the U.S.|The war ended.");
	sentences_are("en", "Fruit, e.g. apples, i.e. food. Good.",
	              "Fruit, e.g. apples, i.e. food.|Good.");
	sentences_are("en", "He works for Acme Inc. The firm grew.",
	              "He works for Acme Inc.|The firm grew.");
}
END_TEST

START_TEST(initials_decimals_ellipses)
{
	sentences_are("en", "J. R. R. Tolkien wrote it. It sold well.",
	              "J. R. R. Tolkien wrote it.|It sold well.");
	sentences_are("en", "John F. Kennedy won. He was 43.",
	              "John F. Kennedy won.|He was 43.");
	sentences_are("en", "Growth was 3.5 percent. Prices fell 0.2.",
	              "Growth was 3.5 percent.|Prices fell 0.2.");
	sentences_are("en", "Well... maybe not. Wait\xe2\x80\xa6 What? It is over...",
	              "Well... maybe not.|Wait\xe2\x80\xa6|What?|It is over...");
	sentences_are("en", "Visit example.com today. Bye.", "Visit example.com today.|Bye.");
	sentences_are("en", "It happened in 2016. The year after, it did not.",
	              "It happened in 2016.|The year after, it did not.");
}
END_TEST

START_TEST(closing_quotes_stay)
{
	sentences_are("en", "He said \"No.\" She left.", "He said \"No.\"|She left.");
	sentences_are("en", "\xe2\x80\x9cWe won.\xe2\x80\x9d The crowd cheered.",
	              "\xe2\x80\x9cWe won.\xe2\x80\x9d|The crowd cheered.");
	sentences_are("en", "\xe2\x80\x9cWe won!\xe2\x80\x9d he said. Then he left.",
	              "\xe2\x80\x9cWe won!\xe2\x80\x9d he said.|Then he left.");
	sentences_are("en", "(It was late.) They slept.", "(It was late.)|They slept.");
}
END_TEST

START_TEST(german)
{
	sentences_are("de", "Das gilt z. B. f\xc3\xbcr Kinder. Es gilt u. a. auch hier.",
	              "Das gilt z. B. f\xc3\xbcr Kinder.|Es gilt u. a. auch hier.");
	sentences_are("de", "Er wurde am 5. August 1930 geboren. Er starb 2001.",
	              "Er wurde am 5. August 1930 geboren.|Er starb 2001.");
	sentences_are("de", "Im 19. Jahrhundert wuchs die Stadt. Heute ist sie gro\xc3\x9f.",
	              "Im 19. Jahrhundert wuchs die Stadt.|Heute ist sie gro\xc3\x9f.");
	sentences_are("de", "\xe2\x80\x9eWir gewinnen.\xe2\x80\x9c Das sagte er.",
	              "\xe2\x80\x9eWir gewinnen.\xe2\x80\x9c|Das sagte er.");
	/* genitive month names; "Mais" is also a French opener */
	sentences_are("de", "Man erwartet am Morgen des 27. Mais den h\xc3\xb6" "chsten "
	              "Stand. Die Deiche halten.",
	              "Man erwartet am Morgen des 27. Mais den h\xc3\xb6" "chsten "
	              "Stand.|Die Deiche halten.");
	sentences_are("de", "Sie kam im Jahr 2010. Die Stadt wuchs.",
	              "Sie kam im Jahr 2010.|Die Stadt wuchs.");
}
END_TEST

START_TEST(french)
{
	/* spaces (also narrow no-break) before ? ! : ; */
	sentences_are("fr", "Que faire ? Il a dit : \xc2\xab Partons ! \xc2\xbb Nous "
	              "sommes partis\xe2\x80\xaf!",
	              "Que faire ?|Il a dit : \xc2\xab Partons ! \xc2\xbb|Nous "
	              "sommes partis\xe2\x80\xaf!");
	sentences_are("fr", "M. Dupont et Mme Durand sont l\xc3\xa0. Ils parlent.",
	              "M. Dupont et Mme Durand sont l\xc3\xa0.|Ils parlent.");
	sentences_are("fr", "\xc2\xab C'est fini.\xc2\xa0\xc2\xbb Il part.",
	              "\xc2\xab C'est fini.\xc2\xa0\xc2\xbb|Il part.");
}
END_TEST

START_TEST(sentences_within_paragraphs)
{
	np_record *rec = inp_str("Head\n\nOne. Two.\n\nThree.\n");
	ck_assert_uint_eq(rec->n_paras, 2);
	ck_assert_uint_eq(rec->n_sents, 3);
	ck_assert_uint_eq(rec->paras[0].first_sentence, 0);
	ck_assert_uint_eq(rec->paras[0].n_sentences, 2);
	ck_assert_uint_eq(rec->paras[1].first_sentence, 2);
	ck_assert_uint_eq(rec->sents[2].paragraph, 1);
	np_record_free(rec);
}
END_TEST

START_TEST(first_end_helper)
{
	const char *t = "Mr. Smith left. Then.";
	ck_assert_uint_eq(np_segment__first_end(t, 0, strlen(t), "en"), 15);
	ck_assert_uint_eq(np_segment__first_end(t, 0, 9, "en"), 9);
}
END_TEST

/* Linear time: one 40 MB paragraph of periods and spaces, and one 40 MB
 * "word" with no space at all. */
START_TEST(no_quadratic_behaviour)
{
	size_t n = 40u << 20;
	char *s = malloc(n + 16);
	memcpy(s, "Head\n\n", 6);
	for (size_t i = 6; i < n; i++)
		s[i] = (i % 3 == 0) ? ' ' : (i % 3 == 1) ? 'a' : '.';
	clock_t c0 = clock();
	np_record *rec = inp_stages(s, n);
	ck_assert_uint_eq(rec->n_paras, 1);
	np_record_free(rec);
	for (size_t i = 6; i < n; i++)
		s[i] = (i % 2) ? 'x' : '.';
	rec = inp_stages(s, n);
	ck_assert_uint_eq(rec->n_sents, 1);
	np_record_free(rec);
	double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	ck_assert_msg(secs < 20, "took %.1f s", secs);
	free(s);
}
END_TEST

static Suite *segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *tc = tcase_create("segment");
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, basic_terminators);
	tcase_add_test(tc, english_abbreviations);
	tcase_add_test(tc, initials_decimals_ellipses);
	tcase_add_test(tc, closing_quotes_stay);
	tcase_add_test(tc, german);
	tcase_add_test(tc, french);
	tcase_add_test(tc, sentences_within_paragraphs);
	tcase_add_test(tc, first_end_helper);
	tcase_add_test(tc, no_quadratic_behaviour);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(segment_suite)

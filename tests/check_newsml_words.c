/* check_newsml_words.c - NewsML's word count (inlineXML/@wordcount), eight
 * bytes at a time, against the byte loop it replaces. */
#include "np_check.h"
#include "model.h"
#include "newsml.h"

static size_t ref_words(const char *t, size_t s, size_t e)
{
	size_t words = 0;
	int in_word = 0;
	for (size_t k = s; k < e; k++) {
		char c = t[k];
		int space = c == ' ' || c == '\n' || c == '\t';
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words;
}

START_TEST(word_count_matches_the_byte_loop)
{
	/* spaces, letters, bytes near the space values and UTF-8 bytes */
	static const char alphabet[] = { ' ', '\n', '\t', 'a', 'Z', '\r', 0x1F, 0x21,
		(char)0x20 + 0x40, (char)0xA0, (char)0xC2, (char)0x80, (char)0xFF, '\v', 0x08,
		0x0A + 0x40 };
	unsigned seed = 99;
	char buf[96];
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = 0, len = (size_t)(iter % 90);
		for (; n < len; n++) {
			seed = seed * 1103515245u + 12345u;
			buf[n] = alphabet[(seed >> 9) % sizeof alphabet];
		}
		seed = seed * 1103515245u + 12345u;
		size_t s = len ? (seed >> 7) % len : 0;
		ck_assert_msg(np_newsml__words(buf, s, len) == ref_words(buf, s, len),
		              "iteration %d [%zu, %zu): %zu words, not %zu", iter, s, len,
		              np_newsml__words(buf, s, len), ref_words(buf, s, len));
	}
}
END_TEST

START_TEST(word_count_of_a_record_adds_its_paragraphs)
{
	np_record *rec = np_test_process("t", "Headline here\n\n"
	                                      "One two  three\tfour five six seven eight nine.\n\n"
	                                      "Ten\n");
	size_t want = 0;
	for (size_t i = 0; i < rec->n_paras; i++)
		want += ref_words(rec->text, rec->paras[i].span.start, rec->paras[i].span.end);
	ck_assert_uint_gt(want, 9);
	ck_assert_uint_eq(np_newsml__wordcount(rec), want);
	np_record_free(rec);
}
END_TEST

static Suite *newsml_words_suite(void)
{
	Suite *s = suite_create("newsml_words");
	TCase *tc = tcase_create("count");
	tcase_add_test(tc, word_count_matches_the_byte_loop);
	tcase_add_test(tc, word_count_of_a_record_adds_its_paragraphs);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(newsml_words_suite)

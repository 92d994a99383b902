/* check_lexicon.c - the lexicon's look-up paths: np_lex__fn (the function
 * word table of the language guesses) must answer exactly what
 * np_lex__lookup answers, and the ASCII fast path of np_lex__lookup what
 * the general path (np_lex__lower) gives. */
#include "np_check.h"
#include "lexicon.h"
#include "nlp.h"

#define FN_ALL (LX_FN_EN | LX_FN_DE | LX_FN_FR)

static void same_fn(const char *w, size_t n)
{
	uint32_t want = np_lex__lookup(w, n).flags & FN_ALL;
	ck_assert_msg(np_lex__fn(w, n) == want, "'%.*s': fn %x, lookup %x", (int)n, w,
	              np_lex__fn(w, n), want);
}

START_TEST(function_words_as_the_lexicon_says)
{
	static const char *const words[] = { "the", "The", "THE", "and", "said", "Said",
		"der", "Der", "DIE", "und", "dass", "daß", "sagte", "le", "La", "LES", "est",
		"avec", "que", "qu’il", "it's", "it’s", "Über", "ÉTÉ", "Élysée", "a_b", "",
		"minister", "Finanzminister", "Regierungssprecherin", "xyz", "x", "a",
		"über", "é", "\xc3", "\xe2\x80\x99", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		same_fn(words[i], strlen(words[i]));
	/* every word of one to four letters from an alphabet that spells the
	 * function words of the three languages, in both cases */
	static const char alpha[] = "adehilnorstuDELT";
	char w[5];
	size_t na = sizeof alpha - 1;
	for (size_t len = 1; len <= 4; len++) {
		size_t total = 1;
		for (size_t k = 0; k < len; k++)
			total *= na;
		for (size_t x = 0; x < total; x++) {
			size_t v = x;
			for (size_t k = 0; k < len; k++, v /= na)
				w[k] = alpha[v % na];
			same_fn(w, len);
		}
	}
	/* and some known answers, so that both cannot be wrong together */
	ck_assert_uint_eq(np_lex__fn("The", 3), LX_FN_EN);
	ck_assert(np_lex__fn("und", 3) & LX_FN_DE);
	ck_assert(np_lex__fn("Avec", 4) & LX_FN_FR);
	ck_assert_uint_eq(np_lex__fn("xyz", 3), 0);
}
END_TEST

/* ASCII words go through a one-pass lower-and-hash; the same word with a
 * byte that forces np_lex__lower must find the same entry. */
START_TEST(ascii_fast_path_matches_the_general_path)
{
	static const char *const words[] = { "said", "Said", "SAID", "minister", "Mr", "mrs",
		"president", "Obama", "London", "the", "and", "according", "told", "nato" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char lower[64];
		size_t n = np_lex__lower(words[i], strlen(words[i]), lower, sizeof lower);
		ck_assert_uint_gt(n, 0);
		np_lex_entry a = np_lex__lookup(words[i], strlen(words[i]));
		np_lex_entry b = np_lex__lookup(lower, n);
		ck_assert_uint_eq(a.flags, b.flags);
		ck_assert_uint_eq(a.langs, b.langs);
		ck_assert_int_eq(a.place, b.place);
	}
	/* the typographic apostrophe (general path) reads as the straight one */
	np_lex_entry a = np_lex__lookup("it's", 4), b = np_lex__lookup("it\xe2\x80\x99s", 6);
	ck_assert_uint_eq(a.flags, b.flags);
}
END_TEST

/* np_nlp__word_in against the scan it replaced in entities.c */
static int scan_list(const char *w, size_t n, const char *list)
{
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && memcmp(p, w, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

START_TEST(word_lists_as_sets)
{
	static const char *const lists[] = { "act acts war day city", "will may",
		"a", "the  double space  ", "été über naïve café", "x", "" };
	static const char *const words[] = { "act", "acts", "ac", "actss", "war", "day",
		"city", "will", "may", "a", "the", "double", "space", "", "été", "über",
		"naïve", "café", "cafe", "x", "y", "wa", "ill" };
	for (int round = 0; round < 2; round++) /* built on the first, reused after */
		for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
			for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
				size_t n = strlen(words[i]);
				ck_assert_msg(np_nlp__word_in(words[i], n, lists[l]) ==
				              scan_list(words[i], n, lists[l]),
				              "'%s' in '%s'", words[i], lists[l]);
			}
	ck_assert(np_nlp__word_in("war", 3, lists[0]));
	ck_assert(!np_nlp__word_in("wars", 4, lists[0]));
}
END_TEST

static Suite *lexicon_suite(void)
{
	Suite *s = suite_create("lexicon");
	TCase *tc = tcase_create("lexicon");
	tcase_add_test(tc, function_words_as_the_lexicon_says);
	tcase_add_test(tc, ascii_fast_path_matches_the_general_path);
	tcase_add_test(tc, word_lists_as_sets);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(lexicon_suite)

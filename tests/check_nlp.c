/* check_nlp.c - the tokeniser: np_nlp__tokens (one tokenisation of the
 * whole text, shared by the entity and quote stages) must give exactly what
 * np_nlp__tokenize gives for every range, count limit and stop offset. */
#include "np_check.h"
#include "model.h"
#include "nlp.h"
#include "text.h"

static np_record *rec_with_text(const char *text, size_t len)
{
	np_record *rec = np_record__new("t", "t", text, len);
	ck_assert_ptr_nonnull(rec);
	rec->text = np_arena_strndup(rec->arena, text, len);
	ck_assert_ptr_nonnull(rec->text);
	rec->text_len = len;
	return rec;
}

static void tok_eq(const np_tok *a, const np_tok *b, size_t s, size_t e, size_t k)
{
	ck_assert_msg(a->s == b->s && a->e == b->e && a->base_e == b->base_e &&
	                  a->lex == b->lex && a->kind == b->kind && a->flags == b->flags &&
	                  a->langs == b->langs && a->place == b->place && a->quote == b->quote,
	              "range [%zu, %zu) token %zu: shared [%zu, %zu) kind %u flags %u, "
	              "own [%zu, %zu) kind %u flags %u",
	              s, e, k, a->s, a->e, a->kind, a->flags, b->s, b->e, b->kind, b->flags);
}

/* Every range [s, e) of the text, with several count limits. */
static void all_ranges_agree(np_record *rec)
{
	static const size_t maxes[] = { 1, 2, 4, 7, 48, SIZE_MAX };
	np_tok *mine = NULL, *own = NULL;
	size_t capm = 0, capo = 0;
	for (size_t s = 0; s <= rec->text_len; s++)
		for (size_t e = s; e <= rec->text_len; e++)
			for (size_t m = 0; m < sizeof maxes / sizeof *maxes; m++) {
				size_t nm = 12345, no = 54321;
				size_t km = np_nlp__tokens(rec, s, e, &mine, &capm, maxes[m], &nm);
				size_t ko = np_nlp__tokenize(rec->arena, rec->text, s, e, &own, &capo,
				                             maxes[m], &no);
				ck_assert_msg(km == ko, "range [%zu, %zu) max %zu: %zu tokens, not %zu",
				              s, e, maxes[m], km, ko);
				ck_assert_msg(nm == no, "range [%zu, %zu) max %zu: stops at %zu, not %zu",
				              s, e, maxes[m], nm, no);
				for (size_t k = 0; k < km; k++)
					tok_eq(&mine[k], &own[k], s, e, k);
			}
}

START_TEST(shared_tokens_match_every_range)
{
	/* abbreviations, initials, dotted acronyms, possessives, hyphens,
	 * decimals, no-break and thin spaces, a soft hyphen, curly quotes */
	static const char text[] =
		"Mr. J. Smith\xE2\x80\x99s U.S. co-op said: \xE2\x80\x9C" "3.5m, 1,200\xC2\xA0units\xE2\x80\x9D "
		"(a.m.) e-mail's well-\n-known Dr.X \xE2\x80\x89" "de\xC2\xAD" "facto --- end.";
	np_record *rec = rec_with_text(text, sizeof text - 1);
	all_ranges_agree(rec);
	np_record_free(rec);
}
END_TEST

START_TEST(shared_tokens_match_on_random_texts)
{
	/* pieces chosen so that ranges cut multi-byte spaces, letters and
	 * quotes, and invalid bytes appear */
	static const char *const piece[] = {
		"U", ".", "S", "a", "m", " ", "\xC2\xA0", "\xE2\x80\x89", "'", "\xE2\x80\x99",
		"-", "1", ",", "Mr", "\xC2", "\xE2\x80", "\xC3\xA9", "s", "\"", "\n", "Dr",
		"\xC2\xAD", "\xE2\x80\x91", "J.", "x", "\xFF"
	};
	unsigned seed = 12345;
	for (int iter = 0; iter < 120; iter++) {
		char buf[256];
		int pieces = 8 + (int)(seed % 40);
		size_t n = np_test_random_text(buf, sizeof buf, piece,
		                               sizeof piece / sizeof *piece, pieces, &seed);
		np_record *rec = rec_with_text(buf, n);
		all_ranges_agree(rec);
		np_record_free(rec);
	}
}
END_TEST

START_TEST(shared_tokens_follow_a_new_text)
{
	np_record *rec = rec_with_text("Alpha beta gamma.", 17);
	np_tok *t = NULL;
	size_t cap = 0, next;
	ck_assert_uint_eq(np_nlp__tokens(rec, 0, rec->text_len, &t, &cap, SIZE_MAX, &next), 4);
	/* a stage replacing the text must not see the old tokens */
	rec->text = np_arena_strndup(rec->arena, "One two", 7);
	rec->text_len = 7;
	ck_assert_uint_eq(np_nlp__tokens(rec, 0, rec->text_len, &t, &cap, SIZE_MAX, &next), 2);
	ck_assert_uint_eq(t[1].s, 4);
	ck_assert_uint_eq(t[1].e, 7);
	np_record_free(rec);
}
END_TEST

/* np_nlp__language's count as it was written before the shared walk: the
 * independent reference for the counts np_meta__guess_languages makes. */
static void old_fn_counts(const char *t, size_t s, size_t e, int fn[3])
{
	fn[0] = fn[1] = fn[2] = 0;
	size_t i = s;
	while (i < e) {
		while (i < e && !((unsigned char)t[i] >= 0x80 || (t[i] >= 'a' && t[i] <= 'z') ||
		                  (t[i] >= 'A' && t[i] <= 'Z')))
			i++;
		size_t w = i;
		while (i < e && ((unsigned char)t[i] >= 0x80 || (t[i] >= 'a' && t[i] <= 'z') ||
		                 (t[i] >= 'A' && t[i] <= 'Z')))
			i++;
		if (i == w)
			break;
		uint32_t f = np_lex__fn(t + w, i - w);
		fn[0] += !!(f & LX_FN_EN);
		fn[1] += !!(f & LX_FN_DE);
		fn[2] += !!(f & LX_FN_FR);
	}
}

START_TEST(one_pass_language_guesses_agree)
{
	static const char *const piece[] = {
		"the ", "of ", "and ", "der ", "die ", "und ", "nicht ", "le ", "la ", "et ",
		"les ", "des ", "el ", "que ", "il ", "THE ", "Und ", "\xC3\xA9t\xC3\xA9 ",
		"\xC3\xBC" "ber ", "\xC3\xA9the ", "don\xE2\x80\x99t ", "it's ", "\n\n", ", ",
		". ", "x", "1999 ", "Kowalski ", "\xE2\x80\x9C", "averyveryverylongword "
	};
	unsigned seed = 777;
	int counted_seen = 0;
	for (int iter = 0; iter < 400; iter++) {
		char buf[4096];
		int pieces = 5 + (int)(seed % 300);
		size_t n = np_test_random_text(buf, sizeof buf, piece,
		                               sizeof piece / sizeof *piece, pieces, &seed);
		for (int k = 0; k < 6; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t s = (seed >> 4) % (n + 1);
			if (!(k & 1)) /* a word start after a space, as the stages have it */
				while (s < n && s > 0 && buf[s - 1] != ' ' && buf[s - 1] != '\n')
					s++;
			size_t bs = k & 1 ? (seed >> 12) % (n + 1) : (s > 1 ? s - 1 : 0);
			size_t be = bs + 300 < n ? bs + 300 : n;
			int fn[3], want[3], counted = -1;
			const char *l = np_meta__guess_languages(buf, s, n, bs, be, fn, &counted);
			const char *l0 = np_meta__guess_language(buf, s, n);
			ck_assert_msg(l == l0, "guess %s, alone %s", l ? l : "-", l0 ? l0 : "-");
			if (!counted)
				continue;
			counted_seen++;
			old_fn_counts(buf, bs, be, want);
			ck_assert_msg(fn[0] == want[0] && fn[1] == want[1] && fn[2] == want[2],
			              "text %d window [%zu, %zu) from %zu: counts %d %d %d, not %d %d %d",
			              iter, bs, be, s, fn[0], fn[1], fn[2], want[0], want[1], want[2]);
			np_meta__fn_counts(buf, bs, be, fn);
			ck_assert(fn[0] == want[0] && fn[1] == want[1] && fn[2] == want[2]);
		}
	}
	ck_assert_int_gt(counted_seen, 1000);
}
END_TEST

START_TEST(word_set_agrees_with_the_list)
{
	/* words of several lengths sharing first and last letters, a repeat,
	 * and a word longer than the table keeps */
	static const char *const list[] = { "said", "says", "sad", "told", "tell", "t", "a.m",
		"called", "call", "said", "characterizing", "u.s",
		"averyveryveryverylongwordthatgoesonandon", NULL };
	static np_wordset set = NP_WORDSET(list);
	static const char *const probe[] = { "said", "SAID", "Said", "sais", "saids", "sad",
		"SaD", "told", "tOLD", "toll", "t", "T", "x", "a.m", "A.M", "a.n", "called",
		"CALLED", "calle", "call", "characterizing", "Characterizing", "characterising",
		"u.s", "U.S", "averyveryveryverylongwordthatgoesonandon", "s", "d", "" };
	for (size_t i = 0; i < sizeof probe / sizeof *probe; i++) {
		size_t n = strlen(probe[i]);
		np_tok t = { 0, n, n, 0, TK_WORD, 0, 0, -1, -1 };
		int want = 0;
		for (int k = 0; list[k] && !want; k++)
			if (np_nlp__tok_is(probe[i], &t, list[k]))
				want = k + 1;
		ck_assert_msg(np_nlp__tok_in(probe[i], &t, &set) == want, "'%s': %d, not %d",
		              probe[i], np_nlp__tok_in(probe[i], &t, &set), want);
	}
}
END_TEST

static Suite *nlp_suite(void)
{
	Suite *s = suite_create("nlp");
	TCase *tc = tcase_create("tokens");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, shared_tokens_match_every_range);
	tcase_add_test(tc, shared_tokens_match_on_random_texts);
	tcase_add_test(tc, shared_tokens_follow_a_new_text);
	tcase_add_test(tc, word_set_agrees_with_the_list);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("language");
	tcase_add_test(tl, one_pass_language_guesses_agree);
	suite_add_tcase(s, tl);
	return s;
}

NP_CHECK_MAIN(nlp_suite)

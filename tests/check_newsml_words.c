/* check_newsml_words.c - NewsML's word count (inlineXML/@wordcount), eight
 * bytes at a time, and its text cleaning with fast paths, each against the
 * plain loop it replaces. */
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

static size_t ref_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char c = s[0];
	size_t len;
	unsigned long v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return len;
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]. */
static int ref_xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static size_t ref_encode(unsigned long c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* np_newsml__clean as the general path alone does it (the character
 * loop, before any fast path): the reference for the fast paths. */
static char *ref_clean(const char *s, size_t n, unsigned flags)
{
	char *out = malloc(n * 3 + 1);
	ck_assert_ptr_nonnull(out);
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0;
	int in_tag = 0, pending_space = 0;
	while (i < n) {
		unsigned long c;
		i += ref_decode(p + i, n - i, &c);
		if (!ref_xml_char(c))
			c = 0xFFFD;
		if (flags & NP_NEWSML_NOTAGS) {
			if (c == '<') {
				in_tag = 1;
				continue;
			}
			if (in_tag) {
				if (c == '>')
					in_tag = 0;
				continue;
			}
		}
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if ((flags & (NP_NEWSML_SPACE | NP_NEWSML_COLLAPSE)) &&
		    (c == '\t' || c == '\n' || c == '\r'))
			c = ' ';
		if (flags & NP_NEWSML_COLLAPSE) {
			if (space) {
				pending_space = o > 0;
				continue;
			}
			if (pending_space)
				out[o++] = ' ';
			pending_space = 0;
		}
		o += ref_encode(c, out + o);
	}
	out[o] = '\0';
	return out;
}

START_TEST(clean_matches_the_character_loop)
{
	static const char *const piece[] = { "a", "Z", " ", "  ", "\t", "\n", "\r", "<b>",
		"<", ">", "x<y", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\xC3",
		"\xED\xA0\x80", "\x01", "\x7F", "\xEF\xBF\xBE", "&", "~", "!" };
	unsigned seed = 4242;
	char buf[256];
	for (int iter = 0; iter < 6000; iter++) {
		seed = seed * 1103515245u + 12345u;
		int pieces = (int)((seed >> 8) % 30);
		size_t n = np_test_random_text(buf, sizeof buf, piece,
		                               sizeof piece / sizeof *piece, pieces, &seed);
		unsigned flags = (unsigned)iter % 8;
		char *want = ref_clean(buf, n, flags);
		char *got = np_newsml__clean(buf, n, flags);
		ck_assert_ptr_nonnull(got);
		ck_assert_msg(strcmp(got, want) == 0, "iteration %d flags %u: '%s', not '%s'",
		              iter, flags, got, want);
		free(got);
		free(want);
	}
}
END_TEST

static Suite *newsml_words_suite(void)
{
	Suite *s = suite_create("newsml_words");
	TCase *tc = tcase_create("count");
	tcase_add_test(tc, word_count_matches_the_byte_loop);
	tcase_add_test(tc, word_count_of_a_record_adds_its_paragraphs);
	tcase_add_test(tc, clean_matches_the_character_loop);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(newsml_words_suite)

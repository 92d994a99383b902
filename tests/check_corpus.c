/* check_corpus.c - every article of ../shared/corpus through the input
 * stages (read, decode, html, normalise, segment), with checks on what came
 * out.  Needs ../shared (skipped, with the reason, when absent). */
#define _GNU_SOURCE 1 /* memmem */
#include "input_helpers.h"

#include <stddef.h>
#include <utf8proc.h>

static const char *const corpus_roots[] = {
	"corpus/bbc",
	"corpus/onestopenglish/Texts-SeparatedByReadingLevel",
	"corpus/wikinews-de/articles",
	"corpus/wikinews-fr/txt",
	"corpus/wikinews-fr/html",
	"corpus/polnear-dev",
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *const de_months[] = { "Januar", "Februar", "M\xc3\xa4rz",
	"April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
	"November", "Dezember", NULL };

static int starts_with_month(const char *t, size_t n)
{
	for (size_t i = 0; de_months[i]; i++) {
		size_t k = strlen(de_months[i]);
		if (n >= k && memcmp(t, de_months[i], k) == 0)
			return 1;
	}
	return 0;
}

typedef struct corpus_stats {
	size_t files, failed, slice_bad, ctrl_bad, nfc_bad, map_bad;
	size_t bom_files, bom_kept;
	size_t de_ordinals_inside, de_ordinal_splits;
	int bbc199_pound, ships_quotes, ships_warned;
	char first_problem[1024];
} corpus_stats;

static void problem(corpus_stats *st, const char *src, const char *what)
{
	if (!st->first_problem[0])
		snprintf(st->first_problem, sizeof st->first_problem, "%s: %s", src, what);
}

/* "5. August" inside a sentence, and sentences split right there. */
static void check_german_ordinals(const np_record *rec, corpus_stats *st)
{
	for (size_t i = 0; i < rec->n_sents; i++) {
		np_span s = rec->sents[i].span;
		const char *t = rec->text;
		for (size_t j = s.start + 1; j + 2 < s.end; j++)
			if (t[j] == '.' && t[j + 1] == ' ' && t[j - 1] >= '0' && t[j - 1] <= '9' &&
			    starts_with_month(t + j + 2, s.end - j - 2))
				st->de_ordinals_inside++;
		if (i + 1 < rec->n_sents && rec->sents[i + 1].paragraph == rec->sents[i].paragraph) {
			size_t e = s.end;
			int digits = 0;
			while (e > s.start + 1 && t[e - 2] >= '0' && t[e - 2] <= '9' && digits < 3) {
				e--;
				digits++;
			}
			np_span n = rec->sents[i + 1].span;
			if (t[s.end - 1] == '.' && digits >= 1 && digits <= 2 &&
			    (e - 1 == s.start || t[e - 2] == ' ') &&
			    starts_with_month(t + n.start, n.end - n.start)) {
				st->de_ordinal_splits++;
				problem(st, rec->meta.source, "German ordinal date split");
			}
		}
	}
}

static void check_record(const np_record *rec, const char *src, corpus_stats *st)
{
	char why[600];
	if (rec->from_html) {
		/* the text is rebuilt: offsets must stay inside the page, in order */
		for (size_t i = 0; i < rec->n_sents; i++) {
			size_t a = np_record__src(rec, rec->sents[i].span.start);
			size_t b = np_record__src(rec, rec->sents[i].span.end);
			if (a >= b || b > rec->src_len) {
				st->map_bad++;
				problem(st, src, "HTML sentence offsets out of order");
			}
		}
	} else {
		for (size_t i = 0; i < rec->n_sents; i++)
			if (!inp_slices_back(rec, rec->sents[i].span, NULL, why, sizeof why)) {
				st->slice_bad++;
				problem(st, src, why);
			}
		for (size_t i = 0; i < rec->n_paras; i++)
			if (!inp_slices_back(rec, rec->paras[i].span, NULL, why, sizeof why)) {
				st->slice_bad++;
				problem(st, src, why);
			}
	}
	if (np_record__src(rec, rec->text_len) != rec->src_len) {
		st->map_bad++;
		problem(st, src, "srcmap[text_len] != src_len");
	}
	for (size_t i = 0; i < rec->text_len; i++) {
		unsigned char c = (unsigned char)rec->text[i];
		if (c < 0x20 && c != '\t' && c != '\n') {
			st->ctrl_bad++;
			problem(st, src, "C0 control left in the text");
			break;
		}
	}
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)rec->text,
	                                  (utf8proc_ssize_t)rec->text_len, &nfc,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0 || (size_t)n != rec->text_len || memcmp(nfc, rec->text, (size_t)n) != 0) {
		st->nfc_bad++;
		problem(st, src, "text is not NFC (or not valid UTF-8)");
	}
	free(nfc);
	/* the particular files */
	if (ends_with(src, "bbc/sport/199.txt"))
		st->bbc199_pound = strstr(rec->text, "\xc2\xa3" "15.8m") != NULL;
	if (ends_with(src, "Int-Txt/Int-Txt/WNL Ships noise-int.txt")) {
		st->ships_quotes = strstr(rec->text, "\xe2\x80\x9c") != NULL;
		st->ships_warned = inp_warned(rec, "Windows-1252");
	}
	if (strstr(src, "onestopenglish") && rec->src_len >= 3 &&
	    !memcmp(rec->src, "\xef\xbb\xbf", 3)) {
		st->bom_files++;
		if (memmem(rec->text, rec->text_len, "\xef\xbb\xbf", 3))
			st->bom_kept++;
	}
	if (strstr(src, "wikinews-de"))
		check_german_ordinals(rec, st);
}

/* Paragraph counts counted by hand (blank-line blocks, less the headline;
 * one per line where the file has no blank lines). */
static const struct { const char *file; size_t paras; } hand_counts[] = {
	{ "corpus/bbc/business/001.txt", 5 },
	{ "corpus/bbc/tech/100.txt", 4 },
	{ "corpus/bbc/sport/199.txt", 2 },
	{ "corpus/polnear-dev/breitbart_2016-09-12_stealth-over-health-hillary-clin.txt", 7 },
	{ "corpus/wikinews-de/articles/11733.txt", 4 },
	{ "corpus/wikinews-fr/txt/43971.txt", 9 },
	{ "corpus/onestopenglish/Texts-SeparatedByReadingLevel/Adv-Txt/Amazon-adv.txt", 14 },
	{ "seed/kerry-lavrov.txt", 9 },
};

START_TEST(paragraph_counts_by_hand)
{
	for (size_t i = 0; i < sizeof hand_counts / sizeof *hand_counts; i++) {
		size_t len;
		char *bytes = np_test_slurp(np_test_shared(hand_counts[i].file), &len);
		ck_assert_msg(bytes != NULL, "cannot read %s", hand_counts[i].file);
		np_record *rec = inp_run(bytes, len, NULL);
		ck_assert_msg(rec->n_paras == hand_counts[i].paras, "%s: %zu paragraphs, "
		              "counted %zu", hand_counts[i].file, rec->n_paras,
		              hand_counts[i].paras);
		np_record_free(rec);
		free(bytes);
	}
}
END_TEST

START_TEST(whole_corpus)
{
	corpus_stats st;
	memset(&st, 0, sizeof st);
	const char *paths[sizeof corpus_roots / sizeof *corpus_roots];
	static char bufs[sizeof corpus_roots / sizeof *corpus_roots][4096];
	for (size_t i = 0; i < sizeof corpus_roots / sizeof *corpus_roots; i++) {
		snprintf(bufs[i], sizeof bufs[i], "%s", np_test_shared(corpus_roots[i]));
		paths[i] = bufs[i];
	}
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	ck_assert_int_eq(np_input_open(&in, paths, sizeof paths / sizeof *paths, &o, ctx),
	                 NP_OK);
	for (;;) {
		const char *id, *src, *bytes;
		size_t len;
		int rc = np_input_next(in, &id, &src, &bytes, &len);
		if (rc == 0)
			break;
		ck_assert_msg(rc > 0, "read failed: %s", np_ctx_error(ctx));
		if (!ends_with(src, ".txt") && !ends_with(src, ".html"))
			continue; /* SOURCE.md, README.TXT, gold JSON, manifests */
		st.files++;
		np_record *rec = NULL;
		rc = np_process_buffer(&rec, id, src, bytes, len, &o, ctx);
		if (rc < 0) {
			st.failed++;
			problem(&st, src, np_ctx_error(ctx));
			continue;
		}
		check_record(rec, src, &st);
		np_record_free(rec);
	}
	np_input_free(in);
	np_ctx_free(ctx);
	fprintf(stderr, "corpus: %zu files, %zu BOM files, %zu German ordinal dates "
	        "kept inside sentences\n", st.files, st.bom_files, st.de_ordinals_inside);
	ck_assert_msg(st.files >= 4000, "only %zu files found", st.files);
	ck_assert_msg(st.failed == 0, "%zu failed; first: %s", st.failed, st.first_problem);
	ck_assert_msg(st.slice_bad == 0, "%zu spans do not slice back; first: %s",
	              st.slice_bad, st.first_problem);
	ck_assert_msg(st.map_bad == 0, "%zu bad maps; first: %s", st.map_bad, st.first_problem);
	ck_assert_msg(st.ctrl_bad == 0, "%zu texts with controls; first: %s", st.ctrl_bad,
	              st.first_problem);
	ck_assert_msg(st.nfc_bad == 0, "%zu texts not NFC; first: %s", st.nfc_bad,
	              st.first_problem);
	ck_assert_msg(st.bbc199_pound, "bbc/sport/199.txt lost its pound sign");
	ck_assert_msg(st.ships_quotes && st.ships_warned,
	              "WNL Ships noise-int.txt not read as Windows-1252");
	ck_assert_uint_eq(st.bom_files, 552); /* per the corpus notes */
	ck_assert_uint_eq(st.bom_kept, 0);
	ck_assert_msg(st.de_ordinals_inside >= 20, "only %zu German ordinal dates seen",
	              st.de_ordinals_inside);
	ck_assert_msg(st.de_ordinal_splits == 0, "%zu German ordinal dates split; first: %s",
	              st.de_ordinal_splits, st.first_problem);
}
END_TEST

static Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("corpus");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, paragraph_counts_by_hand);
	tcase_add_test(tc, whole_corpus);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN_SHARED(corpus_suite)

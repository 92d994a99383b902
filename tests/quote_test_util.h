/* quote_test_util.h - helpers shared by the quote suites (check_quotes,
 * check_quotes_recall, check_quotes_speakers): finding a quote by its words
 * and checking what a span holds. */
#ifndef NP_QUOTE_TEST_UTIL_H
#define NP_QUOTE_TEST_UTIL_H

#include "np_check.h"
#include "model.h"

/* The quote whose text contains `needle`, or NULL. */
static inline const np_quote *find_quote(const np_record *rec, const char *needle)
{
	size_t n;
	const np_quote *q = np_record_quotes(rec, &n);
	for (size_t i = 0; i < n; i++)
		if (q[i].text && strstr(q[i].text, needle))
			return &q[i];
	return NULL;
}

/* The span `s` of the record's text holds exactly `want`. */
static inline void span_is(const np_record *rec, np_span s, const char *want)
{
	size_t len;
	const char *text = np_record_text(rec, &len);
	ck_assert_uint_le(s.end, len);
	ck_assert_msg(s.end - s.start == strlen(want) &&
	              memcmp(text + s.start, want, strlen(want)) == 0,
	              "span is '%.*s', not '%s'", (int)(s.end - s.start), text + s.start, want);
}

#endif

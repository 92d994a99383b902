/* text.h - small text helpers shared by the input stages (decode, html,
 * normalise, meta, segment).  Internal. */
#ifndef NP_TEXT_H
#define NP_TEXT_H

#include "model.h"

#include <stddef.h>
#include <stdint.h>

/* Decode one UTF-8 code point at t[i] (the text is valid UTF-8); sets *len
 * to its byte length. */
static inline uint32_t np_text__cp(const char *t, size_t i, size_t *len)
{
	const unsigned char *p = (const unsigned char *)t + i;
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*len = 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*len = 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		       (p[2] & 0x3F);
	}
	*len = 4;
	return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* The code point that ends just before t[i] (i > start); *len its length. */
static inline uint32_t np_text__cp_before(const char *t, size_t start, size_t i,
                                          size_t *len)
{
	size_t j = i - 1;
	while (j > start && ((unsigned char)t[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	uint32_t cp = np_text__cp(t, j, len);
	if (j + *len != i) { /* not a full sequence: treat the byte alone */
		*len = 1;
		return (unsigned char)t[i - 1];
	}
	return cp;
}

/* Spaces for tokenising: ASCII space, TAB, LF, no-break and narrow
 * no-break space, and the other Unicode spaces (they stay in the text). */
int np_text__is_space(uint32_t cp);
/* Unicode letter classes (via utf8proc). */
int np_text__is_upper(uint32_t cp);
int np_text__is_lower(uint32_t cp);
int np_text__is_letter(uint32_t cp);

/* segment.c: the end (exclusive, after closing quotes) of the first sentence
 * of t[start, end), or `end` when the sentence runs to the end.  `lang` may
 * be NULL. */
size_t np_segment__first_end(const char *t, size_t start, size_t end,
                             const char *lang);

/* meta.c: the header block, byline, dateline, language and overrides. */
/* Parse an optional `Key: value` header block at rec->body_start; moves
 * body_start past it.  Returns 0, or -1 when out of memory. */
int np_meta__header(np_record *rec);
/* Set one metadata field by key (case-insensitive); unknown keys become
 * extras.  `value` is copied. */
int np_meta__set(np_record *rec, const char *key, size_t key_len,
                 const char *value, size_t value_len);
/* A "By ..." line at t[s, e): fills byline and authors; 1 when it was one. */
int np_meta__byline(np_record *rec, size_t s, size_t e, int require_by);
/* A dateline at the start of t[s, e): fills dateline/dateline_place. */
int np_meta__dateline(np_record *rec, size_t s, size_t e);
/* Guess the language from stopwords in t[s, e): "en", "de", "fr", "es",
 * "it", or NULL when there is too little evidence. */
const char *np_meta__guess_language(const char *t, size_t s, size_t e);
/* The same guess, and in the same pass over the text np_nlp__language's
 * function-word counts (en, de, fr) for the words of t[bs, be): *counted
 * is 1 when fn was filled (the two windows line up), else 0. */
const char *np_meta__guess_languages(const char *t, size_t s, size_t e, size_t bs,
                                     size_t be, int fn[3], int *counted);
/* np_nlp__language's function-word counts (en, de, fr) over t[s, e). */
void np_meta__fn_counts(const char *t, size_t s, size_t e, int fn[3]);
/* Normalise a date to ISO 8601 (YYYY-MM-DD or a full dateTime); NULL when
 * it cannot be read.  Arena string. */
char *np_meta__iso_date(np_arena *a, const char *s, size_t n);
/* Apply opts->meta (--meta key=value): they override everything found. */
int np_meta__overrides(np_record *rec);

#endif

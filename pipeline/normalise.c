/* normalise.c - the article's structure: header block, headline, byline,
 * paragraphs, dateline, language (see meta.c for the field rules).
 *
 * Order: header block; the headline line; a "By ..." line; paragraphs of
 * what is left (body_start on); the dateline of the first paragraph;
 * --meta overrides; the language; a derived headline when there is none.
 *
 * Headline line: the first line is the headline when
 *  - a blank line follows it: it is at most 200 characters, one sentence,
 *    and does not end in , ; or : ; a final full stop (some sites end
 *    headlines with one) only on lines of at most 110 characters, so that a
 *    one-sentence lead paragraph is not taken for a headline;
 *  - otherwise (one paragraph per line): at most 150 characters, no
 *    final . , ; or :, and the next line does not go on in lower case.
 * Paragraphs: blank-line separated when the body has a blank line between
 * two non-blank ones; else one per line, except that hard-wrapped lines (a
 * line under 80 characters followed by one that continues in lower case)
 * are joined.  A paragraph's span runs over the line ends inside it, so a
 * paragraph may contain single LFs: exporters render them as spaces.
 * Datelines ("WASHINGTON (AP) —") stay in the first paragraph's text (the
 * text is the article as written); they are recorded in meta.dateline and
 * meta.dateline_place. */
#include "stages.h"
#include "text.h"
#include "nlp.h"

#include <string.h>

#define HEADLINE_MAX_LINE 150
#define HEADLINE_MAX_BLOCK 200
#define HEADLINE_MAX_STOPPED 110
#define HEADLINE_DERIVED_CUT 110
#define HARD_WRAP_WIDTH 80

static int normalise_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static size_t normalise_line_end(const np_record *rec, size_t at)
{
	const char *nl = memchr(rec->text + at, '\n', rec->text_len - at);
	return nl ? (size_t)(nl - rec->text) : rec->text_len;
}

static np_span normalise_trim(const np_record *rec, size_t s, size_t e)
{
	const char *t = rec->text;
	while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\n'))
		s++;
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n'))
		e--;
	return (np_span){ s, e };
}

static size_t normalise_chars(const char *t, size_t s, size_t e)
{
	size_t n = 0;
	for (size_t i = s; i < e; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	return n;
}

/* First non-blank line at or after `at`: sets [*s, *e). 0 when none. */
static int normalise_next_line(const np_record *rec, size_t at, size_t *s, size_t *e)
{
	while (at < rec->text_len) {
		size_t le = normalise_line_end(rec, at);
		if (!normalise_blank(rec->text + at, le - at)) {
			*s = at;
			*e = le;
			return 1;
		}
		at = le + 1;
	}
	return 0;
}

static int normalise_take_headline(np_record *rec)
{
	size_t s, e;
	if (!normalise_next_line(rec, rec->body_start, &s, &e) || e >= rec->text_len)
		return 0;
	np_span line = normalise_trim(rec, s, e);
	const char *t = rec->text;
	size_t chars = normalise_chars(t, line.start, line.end);
	char last = t[line.end - 1];
	size_t ns = e + 1, ne = normalise_line_end(rec, ns);
	int blank_after = normalise_blank(t + ns, ne - ns);
	/* there must be a body after it */
	size_t bs, be;
	if (!normalise_next_line(rec, ns, &bs, &be))
		return 0;
	if (blank_after) {
		if (chars > HEADLINE_MAX_BLOCK || last == ',' || last == ';' || last == ':')
			return 0;
		/* a lead paragraph of one sentence is not a headline: a final full
		 * stop is allowed on short lines only */
		if (last == '.' && chars > HEADLINE_MAX_STOPPED)
			return 0;
		if (np_segment__first_end(t, line.start, line.end, NULL) < line.end)
			return 0;
	} else {
		if (chars > HEADLINE_MAX_LINE || last == '.' || last == ',' ||
		    last == ';' || last == ':')
			return 0;
		/* the next line going on in lower case: hard-wrapped text */
		size_t len;
		if (np_text__is_lower(np_text__cp(t, bs, &len)))
			return 0;
	}
	rec->meta.headline = np_record__span_dup(rec, line);
	rec->meta.headline_derived = 0;
	rec->body_start = e;
	return 1;
}

static void normalise_take_byline(np_record *rec)
{
	size_t s, e;
	if (rec->meta.byline || !normalise_next_line(rec, rec->body_start, &s, &e) ||
	    e >= rec->text_len)
		return;
	if (np_meta__byline(rec, s, e, 1))
		rec->body_start = e;
}

/* No headline: the first sentence, cut at a word boundary. */
static void normalise_derive_headline(np_record *rec)
{
	if (rec->n_paras == 0)
		return;
	np_span p = rec->paras[0].span;
	const char *t = rec->text;
	size_t end = np_segment__first_end(t, p.start, p.end, rec->meta.language);
	if (normalise_chars(t, p.start, end) > HEADLINE_DERIVED_CUT) {
		/* the byte after HEADLINE_DERIVED_CUT characters */
		size_t cut = p.start, chars = 0;
		while (cut < end && chars < HEADLINE_DERIVED_CUT) {
			cut++;
			while (cut < end && ((unsigned char)t[cut] & 0xC0) == 0x80)
				cut++;
			chars++;
		}
		size_t w = cut;
		while (w > p.start && t[w] != ' ' && t[w] != '\n')
			w--;
		end = w > p.start ? w : cut;
		while (end > p.start && (t[end - 1] == ',' || t[end - 1] == ';' ||
		                         t[end - 1] == ':' || t[end - 1] == ' '))
			end--;
	}
	np_span h = normalise_trim(rec, p.start, end);
	char *head = np_record__span_dup(rec, h);
	if (!head)
		return;
	for (char *c = head; *c; c++)
		if (*c == '\n')
			*c = ' ';
	rec->meta.headline = head;
	rec->meta.headline_derived = 1;
	np_record__warn(rec, np_record__src(rec, h.start), "%s: no headline line; "
	                "headline derived from the first sentence",
	                rec->meta.source);
}

static int normalise_add_para(np_record *rec, size_t s, size_t e)
{
	/* Two blank lines in a row give e < s: an empty paragraph, not an
	 * inverted span (found by fuzz_text). */
	if (e <= s)
		return 0;
	np_span sp = normalise_trim(rec, s, e);
	if (sp.end == sp.start)
		return 0;
	np_paragraph p = { sp, 0, 0 };
	return NP_ARENA_PUSH(rec->arena, rec->paras, rec->n_paras, rec->cap_paras, p);
}

/* A blank line between two non-blank lines? */
static int normalise_blank_layout(const np_record *rec, size_t from)
{
	int seen = 0, pending = 0;
	size_t at = from;
	while (at < rec->text_len) {
		size_t e = normalise_line_end(rec, at);
		if (normalise_blank(rec->text + at, e - at)) {
			pending = seen;
		} else {
			if (pending)
				return 1;
			seen = 1;
		}
		at = e + 1;
	}
	return 0;
}

/* Does line [s, e) continue the hard-wrapped line [ps, pe)? */
static int normalise_wrapped(const np_record *rec, size_t ps, size_t pe, size_t s,
                             size_t e)
{
	const char *t = rec->text;
	if (normalise_chars(t, ps, pe) >= HARD_WRAP_WIDTH)
		return 0;
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	if (s >= e)
		return 0;
	size_t len;
	return np_text__is_lower(np_text__cp(t, s, &len));
}

static int normalise_paragraphs(np_record *rec)
{
	size_t from = rec->body_start;
	const char *t = rec->text;
	size_t n = rec->text_len;
	if (normalise_blank_layout(rec, from)) {
		size_t at = from, ps = from;
		while (at < n) {
			size_t e = normalise_line_end(rec, at);
			if (normalise_blank(t + at, e - at)) {
				if (normalise_add_para(rec, ps, at) < 0)
					return -1;
				ps = e;
			}
			at = e + 1;
		}
		return normalise_add_para(rec, ps, n);
	}
	size_t at = from, ps = SIZE_MAX, prev_s = 0, prev_e = 0;
	while (at < n) {
		size_t e = normalise_line_end(rec, at);
		if (!normalise_blank(t + at, e - at)) {
			if (ps != SIZE_MAX && normalise_wrapped(rec, prev_s, prev_e, at, e)) {
				/* joined: the paragraph goes on */
			} else {
				if (ps != SIZE_MAX && normalise_add_para(rec, ps, prev_e) < 0)
					return -1;
				ps = at;
			}
			prev_s = at;
			prev_e = e;
		}
		at = e + 1;
	}
	if (ps != SIZE_MAX && normalise_add_para(rec, ps, prev_e) < 0)
		return -1;
	return 0;
}

int np_stage_normalise(np_record *rec, np_ctx *ctx)
{
	if (!rec->from_html) {
		if (np_meta__header(rec) < 0)
			goto oom;
		if (!rec->meta.headline)
			normalise_take_headline(rec);
		normalise_take_byline(rec);
	}
	if (normalise_paragraphs(rec) < 0)
		goto oom;
	if (!rec->meta.dateline && rec->n_paras)
		np_meta__dateline(rec, rec->paras[0].span.start, rec->paras[0].span.end);
	if (np_meta__overrides(rec) < 0)
		goto oom;
	if (!rec->meta.language) {
		size_t s = rec->n_paras ? rec->paras[0].span.start : 0;
		/* one pass also counts the function words np_nlp__language (the
		 * entity and quote stages) would count again */
		size_t bs, be;
		int fn[3], counted;
		np_nlp__language_window(rec, &bs, &be);
		const char *lang = np_meta__guess_languages(rec->text, s, rec->text_len, bs, be,
		                                            fn, &counted);
		rec->meta.language = lang ? lang : "en";
		if (counted)
			np_nlp__language_prime(rec, fn);
	}
	if (!rec->meta.headline)
		normalise_derive_headline(rec);
	return NP_OK;
oom:
	return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory", rec->meta.source);
}

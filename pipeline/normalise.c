/* normalise.c - headline and paragraphs of the body. */
#include "stages.h"

#include <string.h>

#define HEADLINE_MAX_LINE 150
#define HEADLINE_DERIVED_CUT 110

static int is_blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static size_t line_end(const np_record *rec, size_t at)
{
	const char *nl = memchr(rec->text + at, '\n', rec->text_len - at);
	return nl ? (size_t)(nl - rec->text) : rec->text_len;
}

static np_span trim_span(const np_record *rec, size_t s, size_t e)
{
	while (s < e && (rec->text[s] == ' ' || rec->text[s] == '\t'))
		s++;
	while (e > s && (rec->text[e - 1] == ' ' || rec->text[e - 1] == '\t'))
		e--;
	return (np_span){ s, e };
}

/* A BBC-style headline: a short first line, no final full stop, and a body
 * after it. */
static int take_headline_line(np_record *rec)
{
	size_t s = rec->body_start;
	while (s < rec->text_len && rec->text[s] == '\n')
		s++;
	size_t e = line_end(rec, s);
	np_span line = trim_span(rec, s, e);
	size_t len = line.end - line.start;
	if (len == 0 || len > HEADLINE_MAX_LINE || e >= rec->text_len)
		return 0;
	char last = rec->text[line.end - 1];
	if (last == '.' || last == ',' || last == ';')
		return 0;
	rec->meta.headline = np_record__span_dup(rec, line);
	rec->body_start = e;
	return 1;
}

/* No headline line: the first sentence, cut at a word boundary. */
static void derive_headline(np_record *rec)
{
	if (rec->n_paras == 0)
		return;
	np_span p = rec->paras[0].span;
	size_t end = p.end;
	for (size_t i = p.start; i < p.end; i++) {
		char c = rec->text[i];
		if ((c == '.' || c == '!' || c == '?') &&
		    (i + 1 == p.end || rec->text[i + 1] == ' ')) {
			end = i + 1;
			break;
		}
	}
	if (end - p.start > HEADLINE_DERIVED_CUT) {
		size_t cut = p.start + HEADLINE_DERIVED_CUT;
		while (cut > p.start && rec->text[cut] != ' ')
			cut--;
		end = cut > p.start ? cut : p.start + HEADLINE_DERIVED_CUT;
		/* never cut inside a UTF-8 sequence */
		while (end > p.start && ((unsigned char)rec->text[end] & 0xC0) == 0x80)
			end--;
	}
	rec->meta.headline = np_record__span_dup(rec, (np_span){ p.start, end });
	rec->meta.headline_derived = 1;
}

static int add_paragraph(np_record *rec, size_t s, size_t e)
{
	/* Two blank lines in a row give e < s: an empty paragraph, not an
	 * inverted span (found by fuzz_text). */
	if (e <= s)
		return 0;
	np_span sp = trim_span(rec, s, e);
	if (sp.end == sp.start)
		return 0;
	np_paragraph p = { sp, 0, 0 };
	return NP_ARENA_PUSH(rec->arena, rec->paras, rec->n_paras, rec->cap_paras, p);
}

static int has_blank_line(const np_record *rec, size_t from)
{
	size_t at = from;
	while (at < rec->text_len) {
		size_t e = line_end(rec, at);
		if (is_blank_line(rec->text + at, e - at) && at > from && e < rec->text_len)
			return 1;
		at = e + 1;
	}
	return 0;
}

static int split_paragraphs(np_record *rec)
{
	size_t from = rec->body_start;
	int by_blank = has_blank_line(rec, from);
	size_t at = from, para_start = from;
	while (at <= rec->text_len) {
		size_t e = line_end(rec, at);
		int blank = is_blank_line(rec->text + at, e - at);
		if (!by_blank) {
			if (add_paragraph(rec, at, e) < 0)
				return -1;
		} else if (blank) {
			if (add_paragraph(rec, para_start, at ? at - 1 : 0) < 0)
				return -1;
			para_start = e + 1;
		}
		if (e >= rec->text_len)
			break;
		at = e + 1;
	}
	if (by_blank && para_start < rec->text_len)
		if (add_paragraph(rec, para_start, rec->text_len) < 0)
			return -1;
	return 0;
}

int np_stage_normalise(np_record *rec, np_ctx *ctx)
{
	if (!rec->meta.headline)
		take_headline_line(rec);
	if (split_paragraphs(rec) < 0)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory",
		                        rec->meta.source);
	if (!rec->meta.headline)
		derive_headline(rec);
	if (!rec->meta.language)
		rec->meta.language = "en";
	return NP_OK;
}

/* input_helpers.h - what the input suites (decode, normalise, segment,
 * html, read, corpus) share: running the pipeline on bytes with options and
 * checking that spans slice back to their source. */
#ifndef NP_INPUT_HELPERS_H
#define NP_INPUT_HELPERS_H

#include "np_check.h"
#include "model.h"
#include "stages.h"

/* Run the pipeline on n bytes with options; fails the test on error. */
static inline np_record *inp_run(const char *bytes, size_t n, const np_options *o)
{
	np_options def = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	int rc = np_process_buffer(&rec, "t", "t.txt", bytes, n, o ? o : &def, ctx);
	ck_assert_msg(rc >= 0, "pipeline failed: %s", np_ctx_error(ctx));
	np_ctx_free(ctx);
	return rec;
}

/* Only the input stages (decode, html, normalise, segment): for the speed
 * tests, which must not time the later stages. */
static inline np_record *inp_stages(const char *bytes, size_t n)
{
	static const np_options def = NP_OPTIONS_INIT;
	np_record *rec = np_record__new("t", "t.txt", bytes, n);
	ck_assert_ptr_nonnull(rec);
	rec->opts = &def;
	np_ctx *ctx = np_ctx_new();
	ck_assert_int_ge(np_stage_decode(rec, ctx), 0);
	ck_assert_int_ge(np_stage_html(rec, ctx), 0);
	ck_assert_int_ge(np_stage_normalise(rec, ctx), 0);
	ck_assert_int_ge(np_stage_segment(rec, ctx), 0);
	np_ctx_free(ctx);
	rec->opts = NULL;
	return rec;
}

static inline np_record *inp_str(const char *s) { return inp_run(s, strlen(s), NULL); }

/* Text of a span (static buffer). */
static inline const char *inp_span(const np_record *rec, np_span s)
{
	static char buf[8192];
	size_t n = s.end - s.start;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, rec->text + s.start, n);
	buf[n] = '\0';
	return buf;
}

static inline const char *inp_sent(const np_record *rec, size_t i)
{
	ck_assert_uint_lt(i, rec->n_sents);
	return inp_span(rec, rec->sents[i].span);
}

static inline const char *inp_para(const np_record *rec, size_t i)
{
	ck_assert_uint_lt(i, rec->n_paras);
	return inp_span(rec, rec->paras[i].span);
}

/* Does any warning contain `needle`? */
static inline int inp_warned(const np_record *rec, const char *needle)
{
	for (size_t i = 0; i < rec->n_warns; i++)
		if (strstr(rec->warns[i].message, needle))
			return 1;
	return 0;
}

/* The source bytes [src(start), src(end)) of a span, decoded the same way
 * as the whole input (same options), must equal the span's text.  Returns
 * 1 when they do; on a mismatch fills `why`. */
static inline int inp_slices_back(const np_record *rec, np_span s,
                                  const np_options *o, char *why, size_t whylen)
{
	size_t a = np_record__src(rec, s.start), b = np_record__src(rec, s.end);
	if (a > b || b > rec->src_len) {
		snprintf(why, whylen, "bad source range %zu..%zu", a, b);
		return 0;
	}
	np_record *slice = np_record__new("slice", "slice", rec->src + a, b - a);
	/* decode the slice as the whole input was decoded */
	np_options def = NP_OPTIONS_INIT;
	if (o)
		def = *o;
	const unsigned char *u = (const unsigned char *)rec->src;
	if (def.encoding == NP_ENC_AUTO) {
		if (rec->src_len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
			def.encoding = NP_ENC_UTF16LE;
		else if (rec->src_len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
			def.encoding = NP_ENC_UTF16BE;
		else if (inp_warned(rec, "UTF-16LE"))
			def.encoding = NP_ENC_UTF16LE;
		else if (inp_warned(rec, "UTF-16BE"))
			def.encoding = NP_ENC_UTF16BE;
		else if (inp_warned(rec, "Windows-1252"))
			def.encoding = NP_ENC_CP1252;
		else
			def.encoding = NP_ENC_UTF8;
	}
	slice->opts = &def;
	np_ctx *ctx = np_ctx_new();
	int ok = np_stage_decode(slice, ctx) >= 0 && slice->text_len == s.end - s.start &&
	         memcmp(slice->text, rec->text + s.start, slice->text_len) == 0;
	if (!ok)
		snprintf(why, whylen, "text [%.*s] vs source [%.*s]",
		         (int)(s.end - s.start > 200 ? 200 : s.end - s.start),
		         rec->text + s.start, (int)(b - a > 200 ? 200 : b - a), rec->src + a);
	np_ctx_free(ctx);
	np_record_free(slice);
	return ok;
}

/* srcmap sanity: monotonic, in range, srcmap[text_len] == src_len. */
static inline void inp_check_map(const np_record *rec)
{
	ck_assert_uint_eq(np_record__src(rec, rec->text_len), rec->src_len);
	/* plain loop: a Check assertion per byte would be slow */
	size_t prev = 0, bad = SIZE_MAX;
	for (size_t i = 0; i < rec->text_len && bad == SIZE_MAX; i++) {
		size_t m = np_record__src(rec, i);
		if (m > rec->src_len || m < prev)
			bad = i;
		prev = m;
	}
	ck_assert_msg(bad == SIZE_MAX, "map out of range or not monotonic at %zu", bad);
}

#endif

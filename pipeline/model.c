/* model.c - the record: creation, warnings, accessors, the guid. */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t np_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL ^ seed;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int id_char_ok(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

char *np_record__sanitise_id(np_arena *a, const char *id)
{
	size_t n = id ? strlen(id) : 0;
	char *out = np_arena_alloc(a, n + 2);
	if (!out)
		return NULL;
	size_t o = 0;
	size_t i = 0;
	while (i < n) {
		/* one path component at a time */
		while (i < n && (id[i] == '/' || id[i] == '\\'))
			i++;
		size_t s = i;
		while (i < n && id[i] != '/' && id[i] != '\\')
			i++;
		if (i == s)
			break;
		if (o)
			out[o++] = '/';
		size_t comp = o;
		for (size_t k = s; k < i; k++)
			out[o++] = id_char_ok((unsigned char)id[k]) ? id[k] : '_';
		/* "." and ".." would climb out of the output folder */
		if ((o - comp == 1 && out[comp] == '.') ||
		    (o - comp == 2 && out[comp] == '.' && out[comp + 1] == '.')) {
			for (size_t k = comp; k < o; k++)
				out[k] = '_';
		}
		/* a leading '-' would read as an option to later tools */
		if (out[comp] == '-')
			out[comp] = '_';
	}
	if (o == 0)
		out[o++] = '_';
	out[o] = '\0';
	return out;
}

/* A copy of s that is valid UTF-8: each byte that does not start a valid
 * sequence becomes U+FFFD.  File names are bytes, not text, and a name such
 * as "caf\xE9.txt" must not carry invalid UTF-8 into every output. */
static char *model_utf8_dup(np_arena *a, const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = np_arena_alloc(a, 3 * n + 1);
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; out && i < n;) {
		unsigned char c = p[i];
		size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
		         : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		for (size_t j = 1; k && j < k; j++)
			if (i + j >= n || (p[i + j] & 0xC0) != 0x80)
				k = 0;
		if (k >= 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0) ||
		               (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90)))
			k = 0;
		if (!k) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, p + i, k);
		o += k;
		i += k;
	}
	if (out)
		out[o] = '\0';
	return out;
}

np_record *np_record__new(const char *id, const char *source, const char *bytes,
                          size_t len)
{
	np_arena *a = np_arena_new();
	if (!a)
		return NULL;
	np_record *rec = np_arena_alloc(a, sizeof *rec);
	char *copy = rec ? np_arena_alloc(a, len + 1) : NULL;
	if (!copy) {
		np_arena_free(a);
		return NULL;
	}
	if (len)
		memcpy(copy, bytes, len);
	rec->arena = a;
	rec->src = copy;
	rec->src_len = len;
	rec->meta.id = np_record__sanitise_id(a, id ? id : "article");
	rec->meta.source = model_utf8_dup(a, source ? source : (id ? id : "-"));
	if (!rec->meta.id || !rec->meta.source) {
		np_arena_free(a);
		return NULL;
	}
	return rec;
}

void np_record_free(np_record *rec)
{
	if (rec)
		np_arena_free(rec->arena);
}

int np_record__warn(np_record *rec, size_t source_offset, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	int full = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (full >= (int)sizeof msg) {
		/* Cut before a UTF-8 sequence the truncation split (found by
		 * fuzz_html: a warning quoting text broke articles.csv). */
		size_t n = strlen(msg), lead = n;
		while (lead > 0 && ((unsigned char)msg[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0 && (unsigned char)msg[lead - 1] >= 0xC0) {
			unsigned char c = (unsigned char)msg[lead - 1];
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (n - (lead - 1) < need)
				msg[lead - 1] = '\0';
		}
	}
	np_warning w = { source_offset, np_arena_strdup(rec->arena, msg) };
	if (!w.message)
		return -1;
	return NP_ARENA_PUSH(rec->arena, rec->warns, rec->n_warns, rec->cap_warns, w);
}

char *np_record__span_dup(const np_record *rec, np_span s)
{
	if (s.end > rec->text_len)
		s.end = rec->text_len;
	if (s.start > s.end)
		s.start = s.end;
	return np_arena_strndup(rec->arena, rec->text + s.start, s.end - s.start);
}

size_t np_record__src(const np_record *rec, size_t text_offset)
{
	if (text_offset > rec->text_len)
		text_offset = rec->text_len;
	if (!rec->srcmap)
		return text_offset;
	return rec->srcmap[text_offset];
}

size_t np_record_source_offset(const np_record *rec, size_t text_offset)
{
	return np_record__src(rec, text_offset);
}

const np_metadata *np_record_meta(const np_record *rec) { return &rec->meta; }

const char *np_record_text(const np_record *rec, size_t *len)
{
	if (len)
		*len = rec->text_len;
	return rec->text ? rec->text : "";
}

#define NP_ACCESSOR(fn, type, arr, count)                                       \
	const type *fn(const np_record *rec, size_t *n)                           \
	{                                                                         \
		if (n)                                                            \
			*n = rec->count;                                          \
		return rec->arr;                                                  \
	}
NP_ACCESSOR(np_record_paragraphs, np_paragraph, paras, n_paras)
NP_ACCESSOR(np_record_sentences, np_sentence, sents, n_sents)
NP_ACCESSOR(np_record_quotes, np_quote, quotes, n_quotes)
NP_ACCESSOR(np_record_entities, np_entity, ents, n_ents)
NP_ACCESSOR(np_record_warnings, np_warning, warns, n_warns)

const char *np_quote_type_name(np_quote_type t)
{
	switch (t) {
	case NP_QUOTE_DIRECT: return "direct";
	case NP_QUOTE_MIXED: return "mixed";
	case NP_QUOTE_INDIRECT: return "indirect";
	}
	return "direct";
}

const char *np_entity_type_name(np_entity_type t)
{
	switch (t) {
	case NP_ENT_PERSON: return "person";
	case NP_ENT_ORG: return "organisation";
	case NP_ENT_PLACE: return "place";
	}
	return "person";
}

/* CCYYMMDD of the article date, else of opts->now, else 19700101. */
static void guid_date(const np_record *rec, const np_options *opts, char out[9])
{
	const char *d = rec->meta.date;
	/* only a real date: "2016-13-xx" or "20a6-..." would make a bad URN */
	int ok = d && strlen(d) >= 10 && d[4] == '-' && d[7] == '-';
	for (int i = 0; ok && i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			ok = 0;
	if (ok) {
		int mo = (d[5] - '0') * 10 + (d[6] - '0');
		int dd = (d[8] - '0') * 10 + (d[9] - '0');
		ok = mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31;
	}
	if (ok) {
		snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
		return;
	}
	time_t t = (opts && opts->now >= 0) ? (time_t)opts->now : 0;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 9, "%Y%m%d", &tm);
}

const char *np_record_guid(const np_record *rec, const np_options *opts)
{
	np_record *r = (np_record *)rec; /* the cache is not part of the value */
	const char *provider = (opts && opts->provider) ? opts->provider
	                       : rec->meta.provider ? rec->meta.provider
	                                            : "newsprism.invalid";
	char date[9];
	guid_date(rec, opts, date);
	uint64_t h = np_hash64(rec->meta.id, strlen(rec->meta.id), 0);
	h = np_hash64(rec->text ? rec->text : "", rec->text_len, h);
	/* Provider domains are free text in metadata: keep the URN well formed. */
	char dom[200];
	size_t o = 0;
	for (const char *p = provider; *p && o < sizeof dom - 1; p++) {
		unsigned char c = (unsigned char)*p;
		dom[o++] = (id_char_ok(c) && c != '_') ? (char)c : '-';
	}
	dom[o] = '\0';
	snprintf(r->guid_cache, sizeof r->guid_cache, "urn:newsml:%s:%s:%016llx",
	         o ? dom : "newsprism.invalid", date, (unsigned long long)h);
	return r->guid_cache;
}

/* json_build.c - the pieces the JSON exporters share: a Jansson builder with
 * a sticky error, dates, the body as text and HTML, stable node IRIs, and
 * the serialiser that makes the output safe inside an HTML <script>. */
#include "json_build.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

/* ---- the builder ------------------------------------------------------ */

void np_json__init(np_jb *b, const char *format, const np_record *rec,
                   const np_options *opts, np_ctx *ctx)
{
	b->rec = rec;
	b->opts = opts;
	b->ctx = ctx;
	b->format = format;
	b->rc = NP_OK;
}

void np_json__oom(np_jb *b)
{
	if (b->rc >= 0)
		b->rc = np_ctx_set_error(b->ctx, NP_ENOMEM, "%s: %s: out of memory",
		                         b->rec->meta.source, b->format);
}

/* Whether `s` is well-formed UTF-8 (what json_string() checks). */
static int json_build_utf8_ok(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0)
			return 0;
		p += k;
	}
	return 1;
}

json_t *np_json__str(np_jb *b, const char *field, const char *s)
{
	if (b->rc < 0)
		return NULL;
	/* json_string() validates UTF-8 and refuses what is not: an exporter
	 * must never write an invalid document, so this is a hard error. */
	/* ASCII is valid UTF-8: skip Jansson's check for it (most strings) */
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	while (u[n] && u[n] < 0x80)
		n++;
	json_t *v = u[n] ? json_string((const char *)u) : json_stringn_nocheck((const char *)u, n);
	if (!v && json_build_utf8_ok(s))
		np_json__oom(b);
	else if (!v)
		b->rc = np_ctx_set_error(b->ctx, NP_EFORMAT,
		                         "%s: %s: %s is not valid UTF-8",
		                         b->rec->meta.source, b->format, field);
	return v;
}

json_t *np_json__object(np_jb *b)
{
	json_t *o = b->rc < 0 ? NULL : json_object();
	if (!o)
		np_json__oom(b);
	return o;
}

json_t *np_json__array(np_jb *b)
{
	json_t *a = b->rc < 0 ? NULL : json_array();
	if (!a)
		np_json__oom(b);
	return a;
}

void np_json__set(np_jb *b, json_t *obj, const char *key, json_t *v)
{
	if (!v || !obj) {
		json_decref(v);
		np_json__oom(b);
		return;
	}
	/* Keys are ASCII names nearly always: Jansson's UTF-8 check of the key
	 * is skipped for them (one short scan instead) */
	const unsigned char *k = (const unsigned char *)key;
	while (*k && *k < 0x80)
		k++;
	if ((*k ? json_object_set_new(obj, key, v)
	        : json_object_setn_new_nocheck(obj, key, (size_t)(k - (const unsigned char *)key),
	                                       v)) < 0)
		np_json__oom(b);
}

void np_json__set_str(np_jb *b, json_t *obj, const char *key, const char *s)
{
	if (!s || !*s || b->rc < 0)
		return;
	json_t *v = np_json__str(b, key, s);
	if (v)
		np_json__set(b, obj, key, v);
}

void np_json__append(np_jb *b, json_t *arr, json_t *v)
{
	if (!v || !arr) {
		json_decref(v);
		np_json__oom(b);
		return;
	}
	if (json_array_append_new(arr, v) < 0)
		np_json__oom(b);
}

/* ---- language ---------------------------------------------------------- */

void np_json__language(const np_record *rec, char out[64])
{
	const char *l = rec->meta.language ? rec->meta.language : "";
	size_t o = 0;
	while (*l == ' ')
		l++;
	/* BCP 47 subtags are ASCII letters and digits joined by hyphens;
	 * POSIX locale names use '_' and may end in ".UTF-8" or "@euro" */
	for (; *l && *l != '.' && *l != '@' && o + 1 < 64; l++) {
		if (isalnum((unsigned char)*l))
			out[o++] = *l;
		else if ((*l == '_' || *l == '-') && o && out[o - 1] != '-')
			out[o++] = '-';
		else
			break;
	}
	while (o && out[o - 1] == '-')
		o--;
	out[o] = '\0';
}

/* ---- dates ------------------------------------------------------------- */

/* `n` digits at *p into *out; advances *p. */
static int json_build_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int json_build_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int np_json__iso_time(const char *in, char out[40])
{
	const char *p = in;
	int y, mo, d, h = 0, mi = 0, s = 0, zh = 0, zm = 0;
	char zone = 'Z';
	if (!p)
		return -1;
	while (*p == ' ')
		p++;
	if (json_build_digits(&p, 4, &y) || *p++ != '-' ||
	    json_build_digits(&p, 2, &mo) || *p++ != '-' ||
	    json_build_digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > json_build_days_in_month(y, mo))
		return -1;
	if (*p == 'T' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (json_build_digits(&p, 2, &h) || *p++ != ':' ||
		    json_build_digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (json_build_digits(&p, 2, &s))
				return -1;
			if (*p == '.' || *p == ',') /* fractions are dropped */
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		if (h > 23 || mi > 59 || s > 60)
			return -1;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			zone = *p++;
			if (json_build_digits(&p, 2, &zh))
				return -1;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && json_build_digits(&p, 2, &zm))
				return -1;
			if (zh > 23 || zm > 59)
				return -1;
		}
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	int n = snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
	if (zone == 'Z')
		snprintf(out + n, (size_t)(40 - n), "Z");
	else
		snprintf(out + n, (size_t)(40 - n), "%c%02d:%02d", zone, zh, zm);
	return 0;
}

void np_json__epoch_time(int64_t t, char out[40])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm)) {
		tt = 0;
		gmtime_r(&tt, &tm);
	}
	strftime(out, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the body ------------------------------------------------------------ */

/* One paragraph's text with its line breaks read as spaces (and the spaces
 * around a break folded into one). */
static void json_build_para(np_buf *out, const np_record *rec, np_span sp,
                            int html)
{
	const char *t = rec->text;
	if (sp.end > rec->text_len)
		sp.end = rec->text_len;
	while (sp.start < sp.end && strchr(" \t\r\n", t[sp.start]))
		sp.start++;
	while (sp.end > sp.start && strchr(" \t\r\n", t[sp.end - 1]))
		sp.end--;
	/* runs of ordinary bytes are copied whole: this runs over every byte
	 * of every body */
	np_buf_reserve(out, sp.end - sp.start + 1);
	for (size_t i = sp.start; i < sp.end; i++) {
		size_t run = i;
		if (!html) { /* to the next LF or CR: memchr's word-at-a-time scan */
			const char *nl = memchr(t + i, '\n', sp.end - i);
			size_t lim = nl ? (size_t)(nl - t) : sp.end;
			const char *cr = memchr(t + i, '\r', lim - i);
			run = cr ? (size_t)(cr - t) : lim;
		} else {
			while (run < sp.end && t[run] != '\n' && t[run] != '\r' && t[run] != '&' &&
			       t[run] != '<' && t[run] != '>')
				run++;
		}
		if (run > i) {
			np_buf_put(out, t + i, run - i);
			i = run;
			if (i == sp.end)
				break;
		}
		char c = t[i];
		if (c == '\n' || c == '\r') {
			while (out->len && (out->data[out->len - 1] == ' ' ||
			                    out->data[out->len - 1] == '\t'))
				out->len--;
			while (i + 1 < sp.end && (t[i + 1] == ' ' || t[i + 1] == '\t' ||
			                          t[i + 1] == '\n' || t[i + 1] == '\r'))
				i++;
			np_buf_putc(out, ' ');
		} else if (html && c == '&') {
			np_buf_puts(out, "&amp;");
		} else if (html && c == '<') {
			np_buf_puts(out, "&lt;");
		} else if (html && c == '>') {
			np_buf_puts(out, "&gt;");
		} else {
			np_buf_putc(out, c);
		}
	}
	if (out->data)
		out->data[out->len] = '\0';
}

static char *json_build_body(const np_record *rec, int html)
{
	np_buf out = NP_BUF_INIT;
	for (size_t i = 0; rec->text && i < rec->n_paras; i++) {
		size_t mark = out.len;
		if (html)
			np_buf_puts(&out, mark ? "\n<p>" : "<p>");
		else if (mark)
			np_buf_puts(&out, "\n\n");
		size_t before = out.len;
		json_build_para(&out, rec, rec->paras[i].span, html);
		if (out.len == before) { /* an empty paragraph: nothing at all */
			out.len = mark;
			continue;
		}
		if (html)
			np_buf_puts(&out, "</p>");
	}
	if (np_buf_reserve(&out, 1) < 0 || out.oom) {
		np_buf_dispose(&out);
		return NULL;
	}
	out.data[out.len] = '\0';
	return np_buf_detach(&out, NULL);
}

char *np_json__body_text(const np_record *rec) { return json_build_body(rec, 0); }
char *np_json__body_html(const np_record *rec) { return json_build_body(rec, 1); }

size_t np_json__word_count(const char *s)
{
	size_t words = 0;
	int counted = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (p && *p) {
		if (*p < 0x80) { /* ASCII, most bytes: the same answer as below */
			unsigned char a = *p++;
			if (a == ' ' || (a >= '\t' && a <= '\r'))
				counted = 0;
			else if (!counted && ((a >= '0' && a <= '9') || ((a | 0x20) >= 'a' &&
			                                                  (a | 0x20) <= 'z'))) {
				words++;
				counted = 1;
			}
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) { /* not UTF-8: one opaque byte */
			k = 1;
			c = 0xFFFD;
		}
		utf8proc_category_t cat = utf8proc_category(c);
		int space = c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		            c == '\v' || cat == UTF8PROC_CATEGORY_ZS ||
		            cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
		if (space) {
			counted = 0;
		} else {
			int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			            (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
			if (alnum && !counted) {
				words++;
				counted = 1;
			}
		}
		p += k;
	}
	return words;
}

/* ---- IRIs ---------------------------------------------------------------- */

int np_json__check_base_url(const np_options *opts, const char *format,
                            np_ctx *ctx)
{
	const char *u = opts ? opts->base_url : NULL;
	if (!u)
		return NP_OK;
	size_t i = 0;
	if (!isalpha((unsigned char)u[0]))
		goto bad;
	while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' || u[i] == '.')
		i++;
	if (u[i] != ':' || !u[i + 1])
		goto bad;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= ' ' || *p == 0x7F || strchr("\"<>\\^`{|}", *p))
			goto bad;
	return NP_OK;
bad:
	return np_ctx_set_error(ctx, NP_EINVAL,
	                        "%s: --base-url '%s' is not an absolute IRI "
	                        "(like https://example.com/news/): the @id of every "
	                        "node must be absolute", format, u);
}

int np_json__article_iri(const np_record *rec, const np_options *opts,
                         char **iri, char **frag_base)
{
	const char *base = opts ? opts->base_url : NULL;
	*iri = *frag_base = NULL;
	if (base && *base) {
		size_t n = strlen(base);
		char last = base[n - 1];
		int join = !(last == '/' || last == '#' || last == '=' || last == '?' ||
		             last == ':');
		size_t len = n + (size_t)join + strlen(rec->meta.id) + 1;
		*iri = malloc(len);
		if (*iri)
			snprintf(*iri, len, "%s%s%s", base, join ? "/" : "", rec->meta.id);
	} else {
		*iri = strdup(np_record_guid(rec, opts));
	}
	if (!*iri)
		return -1;
	size_t cut = strcspn(*iri, "#");
	*frag_base = strndup(*iri, cut);
	if (!*frag_base) {
		free(*iri);
		*iri = NULL;
		return -1;
	}
	return 0;
}

const char *np_json__schema_type(np_entity_type t)
{
	switch (t) {
	case NP_ENT_PERSON: return "Person";
	case NP_ENT_ORG: return "Organization";
	case NP_ENT_PLACE: return "Place";
	}
	return "Thing";
}

static const char *json_build_kind(np_entity_type t)
{
	switch (t) {
	case NP_ENT_PERSON: return "person";
	case NP_ENT_ORG: return "organization";
	case NP_ENT_PLACE: return "place";
	}
	return "thing";
}

#define JSON_BUILD_SLUG_MAX 64

/* "John Kirby" -> "john-kirby"; bytes outside ASCII are percent-encoded so
 * that the IRI is also a URI (ninjs asks for URIs). */
static void json_build_slug(np_buf *out, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = out->len;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)name; p && *p; p++) {
		if (out->len - start >= JSON_BUILD_SLUG_MAX) {
			/* cut before a UTF-8 continuation would be split: stop at a
			 * lead byte or ASCII only */
			if ((*p & 0xC0) != 0x80)
				break;
		}
		if (isalnum(*p)) {
			if (dash && out->len > start)
				np_buf_putc(out, '-');
			dash = 0;
			np_buf_putc(out, (char)tolower(*p));
		} else if (*p >= 0x80) {
			if (dash && out->len > start)
				np_buf_putc(out, '-');
			dash = 0;
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			np_buf_put(out, esc, 3);
		} else {
			dash = 1;
		}
	}
	if (out->len == start)
		np_buf_puts(out, "unnamed");
}

/* ---- the ids' hash map: keys are a tag byte then a string ('T' + an IRI
 * taken, 'S' + a stem with the next suffix to try, 'N' + type + name with
 * the first entity of that name), values a number. */
struct np_json_ids_slot {
	char *key;            /* malloc'd, NUL-terminated; NULL = empty */
	size_t len;
	uint64_t hash;
	size_t val;
};

/* IRIs are long (the base, then the slug): hashed eight bytes at a time. */
static uint64_t json_ids_hash(char tag, const char *k, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)(unsigned char)tag << 56) ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, k + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, k + i, n - i);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 29);
}

/* The slot holding tag + k[0, n), or the empty slot where it would go. */
static struct np_json_ids_slot *json_ids_probe(struct np_json_ids_slot *map, size_t cap,
                                               char tag, const char *k, size_t n,
                                               uint64_t h)
{
	for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct np_json_ids_slot *s = &map[i];
		if (!s->key || (s->hash == h && s->len == n + 1 && s->key[0] == tag &&
		                memcmp(s->key + 1, k, n) == 0))
			return s;
	}
}

/* Room for `more` new keys without growing (slots found stay valid). */
static int json_ids_reserve(np_json_ids *ids, size_t more)
{
	if ((ids->map_n + more) * 2 <= ids->map_cap)
		return 0;
	size_t cap = ids->map_cap ? ids->map_cap : 16;
	while ((ids->map_n + more) * 2 > cap)
		cap *= 2;
	struct np_json_ids_slot *map = calloc(cap, sizeof *map);
	if (!map)
		return -1;
	for (size_t i = 0; i < ids->map_cap; i++) {
		struct np_json_ids_slot *o = &ids->map[i];
		if (o->key)
			*json_ids_probe(map, cap, o->key[0], o->key + 1, o->len - 1, o->hash) = *o;
	}
	free(ids->map);
	ids->map = map;
	ids->map_cap = cap;
	return 0;
}

/* The slot of tag + s[0, n).  With `fresh`, added when absent (val 0) and
 * *fresh tells which; without it a lookup only.  NULL when absent (lookup
 * only) or out of memory. */
static struct np_json_ids_slot *json_ids_slot(np_json_ids *ids, char tag, const char *s,
                                              size_t n, int *fresh)
{
	uint64_t h = json_ids_hash(tag, s, n);
	if (fresh && json_ids_reserve(ids, 1) < 0)
		return NULL;
	if (!ids->map_cap)
		return NULL;
	struct np_json_ids_slot *slot = json_ids_probe(ids->map, ids->map_cap, tag, s, n, h);
	if (fresh)
		*fresh = !slot->key;
	if (slot->key)
		return slot;
	if (!fresh)
		return NULL;
	char *key = malloc(n + 2);
	if (!key)
		return NULL;
	key[0] = tag;
	memcpy(key + 1, s, n);
	key[n + 1] = '\0';
	*slot = (struct np_json_ids_slot){ key, n + 1, h, 0 };
	ids->map_n++;
	return slot;
}

/* A unique "<frag_base>#<kind>-<slug>" (malloc'd, and recorded as taken)
 * or NULL: the stem itself, else the stem with the first free "-N" (N from
 * 2).  Each stem remembers the N after the last it gave: every N before it
 * was taken then, and a taken IRI stays taken, so the answer is the same
 * as trying 2, 3, ... again each time. */
static char *json_build_make_iri(np_json_ids *ids, const char *frag_base,
                                 const char *kind, const char *name)
{
	np_buf b = NP_BUF_INIT;
	np_buf_puts(&b, frag_base);
	np_buf_putc(&b, '#');
	np_buf_puts(&b, kind);
	np_buf_putc(&b, '-');
	json_build_slug(&b, name);
	size_t stem = b.len;
	int fresh = 0;
	/* at most two slots are added below (the stem's, the IRI's): with room
	 * for both reserved first, `st` stays valid */
	struct np_json_ids_slot *st = b.oom || json_ids_reserve(ids, 2) < 0 ? NULL
	                              : json_ids_slot(ids, 'S', b.data, stem, &fresh);
	size_t k = st && st->val ? st->val : 1; /* 1: the bare stem */
	for (; st; k++) {
		if (k > 1) {
			char num[24];
			int m = snprintf(num, sizeof num, "-%zu", k);
			b.len = stem;
			np_buf_put(&b, num, (size_t)m);
		}
		/* found: taken, so try the next; added: taken now, by this one */
		if (b.oom || !json_ids_slot(ids, 'T', b.data, b.len, &fresh))
			st = NULL; /* out of memory */
		else if (fresh)
			break;
	}
	if (!st) {
		np_buf_dispose(&b);
		return NULL;
	}
	st->val = k + 1;
	return np_buf_detach(&b, NULL);
}

int np_json__ids_init(np_json_ids *ids, const np_record *rec,
                      const char *frag_base)
{
	memset(ids, 0, sizeof *ids);
	if (!rec->n_ents)
		return 0;
	ids->ent = calloc(rec->n_ents, sizeof *ids->ent);
	if (!ids->ent)
		return -1;
	np_buf key = NP_BUF_INIT;
	for (size_t i = 0; i < rec->n_ents; i++) {
		const np_entity *e = &rec->ents[i];
		/* The same entity twice (same type, same name) keeps one IRI: the
		 * first entity of each (type, name) is kept in the map. */
		struct np_json_ids_slot *first = NULL;
		if (e->name) {
			np_buf_reset(&key);
			np_buf_putc(&key, (char)('0' + (int)e->type));
			np_buf_puts(&key, e->name);
			int fresh;
			first = key.oom ? NULL : json_ids_slot(ids, 'N', key.data, key.len, &fresh);
			if (!first)
				break;
			if (first->val)
				ids->ent[i] = strdup(ids->ent[first->val - 1]);
			else
				first->val = i + 1;
		}
		if (!ids->ent[i])
			ids->ent[i] = json_build_make_iri(ids, frag_base,
			                                  json_build_kind(e->type), e->name);
		ids->n_ent = i + 1;
		if (!ids->ent[i])
			break;
	}
	np_buf_dispose(&key);
	return ids->n_ent == rec->n_ents && ids->ent[rec->n_ents - 1] ? 0 : -1;
}

const char *np_json__ids_new_iri(np_json_ids *ids, const char *frag_base,
                                 const char *kind, const char *name)
{
	if (ids->n_extra == ids->cap_extra) {
		size_t cap = ids->cap_extra ? ids->cap_extra * 2 : 8;
		char **p = realloc(ids->extra, cap * sizeof *p);
		if (!p)
			return NULL;
		ids->extra = p;
		ids->cap_extra = cap;
	}
	char *iri = json_build_make_iri(ids, frag_base, kind, name);
	if (iri)
		ids->extra[ids->n_extra++] = iri;
	return iri;
}

void np_json__ids_free(np_json_ids *ids)
{
	for (size_t i = 0; i < ids->n_ent; i++)
		free(ids->ent[i]);
	for (size_t i = 0; i < ids->n_extra; i++)
		free(ids->extra[i]);
	for (size_t i = 0; i < ids->map_cap; i++)
		free(ids->map[i].key);
	free(ids->map);
	free(ids->ent);
	free(ids->extra);
	memset(ids, 0, sizeof *ids);
}

/* ---- serialising --------------------------------------------------------- */

/* ---- the serialiser ----------------------------------------------------
 *
 * Writes the same bytes as json_dumps(doc, JSON_PRESERVE_ORDER |
 * JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT))
 * followed by the script-safe replacements, in one pass straight into the
 * buffer: json_dumps costs a hash-table insert per container (its loop
 * check), a callback per piece and a copy of the whole text, which made it
 * the largest single cost of -f jsonld.  check_json_build compares the two
 * on trees with every escape, nesting and both layouts.  A tree holding a
 * real (never built by the exporters) goes through json_dumps. */

/* 1 = copy as is; else the byte needs a look (quote, backslash, control
 * byte, '<' when script-safe). */
static unsigned char json_plain[256];

static void json_plain_init(void)
{
	for (int c = 0; c < 256; c++)
		json_plain[c] = !(c < 0x20 || c == '"' || c == '\\' || c == '<');
}

static void json_put_string(np_buf *out, const char *s, size_t n, int script_safe)
{
	np_buf_reserve(out, n + 2);
	np_buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		/* eight bytes at a time while none needs a look (most text) */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
			uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\'), l = w ^ (ones * '<');
			uint64_t hit = ((w - ones * 0x20) & ~w) |         /* a byte < 0x20 */
			               ((q - ones) & ~q) | ((b - ones) & ~b) | ((l - ones) & ~l);
			if (hit & highs)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (json_plain[c])
			continue;
		np_buf_put(out, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': np_buf_put(out, "\\\"", 2); break;
		case '\\': np_buf_put(out, "\\\\", 2); break;
		case '\b': np_buf_put(out, "\\b", 2); break;
		case '\f': np_buf_put(out, "\\f", 2); break;
		case '\n': np_buf_put(out, "\\n", 2); break;
		case '\r': np_buf_put(out, "\\r", 2); break;
		case '\t': np_buf_put(out, "\\t", 2); break;
		case '<':
			/* '<' is never escaped by JSON, and the bytes after it here
			 * are the raw ones ('/', '!' and '-' are never escaped), so
			 * this is the replacement the whole text would get */
			if (script_safe && i + 1 < n && s[i + 1] == '/') {
				np_buf_put(out, "<\\/", 3);
				run = i + 2;
				i++;
			} else if (script_safe && i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
				np_buf_put(out, "<\\u0021--", 9);
				run = i + 4;
				i += 3;
			} else
				np_buf_putc(out, '<');
			break;
		default: {
			char seq[8];
			snprintf(seq, sizeof seq, "\\u%04X", (unsigned)c);
			np_buf_put(out, seq, 6);
		}
		}
	}
	np_buf_put(out, s + run, n - run);
	np_buf_putc(out, '"');
}

static void json_put_indent(np_buf *out, int pretty, size_t depth)
{
	if (!pretty)
		return;
	np_buf_putc(out, '\n');
	for (size_t i = 0; i < depth; i++)
		np_buf_put(out, "  ", 2);
}

/* 0, or -1 when the tree holds something json_dumps must write (a real). */
static int json_put_value(np_buf *out, const json_t *v, int pretty, int script_safe,
                          size_t depth)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		void *it = json_object_iter((json_t *)v);
		np_buf_putc(out, '{');
		if (!it) {
			np_buf_putc(out, '}');
			return 0;
		}
		json_put_indent(out, pretty, depth + 1);
		while (it) {
			void *next = json_object_iter_next((json_t *)v, it);
			json_put_string(out, json_object_iter_key(it), json_object_iter_key_len(it),
			                script_safe);
			np_buf_put(out, ": ", pretty ? 2 : 1);
			if (json_put_value(out, json_object_iter_value(it), pretty, script_safe,
			                   depth + 1) < 0)
				return -1;
			if (next) {
				np_buf_putc(out, ',');
				json_put_indent(out, pretty, depth + 1);
			} else
				json_put_indent(out, pretty, depth);
			it = next;
		}
		np_buf_putc(out, '}');
		return 0;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		np_buf_putc(out, '[');
		if (n == 0) {
			np_buf_putc(out, ']');
			return 0;
		}
		json_put_indent(out, pretty, depth + 1);
		for (size_t i = 0; i < n; i++) {
			if (json_put_value(out, json_array_get(v, i), pretty, script_safe,
			                   depth + 1) < 0)
				return -1;
			if (i + 1 < n) {
				np_buf_putc(out, ',');
				json_put_indent(out, pretty, depth + 1);
			} else
				json_put_indent(out, pretty, depth);
		}
		np_buf_putc(out, ']');
		return 0;
	}
	case JSON_STRING:
		json_put_string(out, json_string_value(v), json_string_length(v), script_safe);
		return 0;
	case JSON_INTEGER: {
		char num[32];
		int k = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		np_buf_put(out, num, (size_t)k);
		return 0;
	}
	case JSON_TRUE:
		np_buf_put(out, "true", 4);
		return 0;
	case JSON_FALSE:
		np_buf_put(out, "false", 5);
		return 0;
	case JSON_NULL:
		np_buf_put(out, "null", 4);
		return 0;
	default:
		return -1;
	}
}

/* The former serialiser: json_dumps, then the replacements over the text. */
static int json_dump_jansson(np_jb *b, np_buf *out, const json_t *doc, int pretty,
                             int script_safe)
{
	/* Jansson keeps insertion order (JSON_PRESERVE_ORDER is the default
	 * since 2.8; asked for anyway) and we never emit reals, so the bytes
	 * depend on the record alone. */
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
	               (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *s = json_dumps(doc, flags);
	if (!s) {
		np_json__oom(b);
		return b->rc;
	}
	size_t len = strlen(s);
	np_buf_reset(out);
	np_buf_reserve(out, len + 64);
	/* '<' appears only inside strings (JSON syntax has none), so these
	 * replacements never touch structure; "\/" and "\u0021" are plain
	 * JSON escapes of '/' and '!'.  Runs without '<' are copied whole. */
	const char *p = s, *end = s + len;
	while (script_safe && p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			break;
		np_buf_put(out, p, (size_t)(lt - p));
		if (lt[1] == '/') {
			np_buf_put(out, "<\\/", 3);
			p = lt + 2;
		} else if (strncmp(lt, "<!--", 4) == 0) {
			np_buf_put(out, "<\\u0021--", 9);
			p = lt + 4;
		} else {
			np_buf_putc(out, '<');
			p = lt + 1;
		}
	}
	np_buf_put(out, p, (size_t)(end - p));
	np_buf_putc(out, '\n');
	free(s);
	if (out->oom) {
		np_json__oom(b);
		return b->rc;
	}
	return NP_OK;
}

int np_json__dump(np_jb *b, np_buf *out, const json_t *doc, int pretty,
                  int script_safe)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	if (b->rc < 0)
		return b->rc;
	if (!json_is_object(doc) && !json_is_array(doc))
		return json_dump_jansson(b, out, doc, pretty, script_safe);
	pthread_once(&once, json_plain_init);
	np_buf_reset(out);
	if (json_put_value(out, doc, pretty, script_safe, 0) < 0)
		return json_dump_jansson(b, out, doc, pretty, script_safe);
	np_buf_putc(out, '\n');
	if (out->oom) {
		np_json__oom(b);
		return b->rc;
	}
	return NP_OK;
}

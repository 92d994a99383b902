/* meta.c - article metadata found in text: the `Key: value` header block,
 * bylines, datelines, the language and dates; and --meta overrides.
 *
 * Header block: at the top of a text article, `Key: value` lines up to the
 * first blank line, either bare or between `---` lines.  A bare block must
 * name at least one known key, so that a first paragraph such as
 * "Note: ..." is not taken for a header.  Known keys (case-insensitive):
 * Headline (Title), Subheadline (Subtitle), Byline (Author, By), Date,
 * Dateline, Language (Lang), Source, Id, Keywords, Copyright, Provider;
 * anything else is kept as an extra field under the key as written. */
#include "stages.h"
#include "text.h"
#include "lexicon.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define META_MAX_AUTHORS 64 /* a byline is not a membership list */

/* ---- small helpers ----------------------------------------------------------- */

/* Length of a valid UTF-8 sequence at p, or 0 (values from --meta are
 * whatever the command line held). */
static size_t meta_utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t k = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
	           : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
		return 0;
	return k;
}

/* Trimmed, whitespace-collapsed copy of s[0, n) in the arena; control
 * characters become spaces and invalid UTF-8 becomes U+FFFD. */
static char *meta_clean(np_arena *a, const char *s, size_t n)
{
	char *out = np_arena_alloc(a, n * 3 + 1);
	if (!out)
		return NULL;
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		if (u[i] <= ' ' || u[i] == 0x7F) {
			space = o > 0;
			i++;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		size_t k = meta_utf8_len(u + i, n - i);
		if (!k) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return out;
}

static int meta_key_is(const char *k, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(k, name, n) == 0;
}

int np_text__is_space(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
		return 1;
	if (cp < 0x80)
		return 0;
	return cp == 0xA0 || cp == 0x202F || cp == 0x2007 || cp == 0x205F ||
	       cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x1680;
}

int np_text__is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	int c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int np_text__is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int np_text__is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	int c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* ---- names ------------------------------------------------------------------ */

static int meta_all_caps(const char *s)
{
	size_t i = 0, len, upper = 0;
	while (s[i]) {
		uint32_t cp = np_text__cp(s, i, &len);
		if (np_text__is_lower(cp))
			return 0;
		upper += np_text__is_upper(cp);
		i += len;
	}
	return upper >= 2;
}

static int meta_particle(const char *w, size_t n)
{
	static const char *const p[] = { "van", "von", "de", "der", "den", "da",
		"di", "du", "la", "le", "del", "della", "dos", "das", "bin", "al",
		"ter", "ten", "y" };
	for (size_t i = 0; i < sizeof p / sizeof *p; i++)
		if (strlen(p[i]) == n && strncasecmp(w, p[i], n) == 0)
			return 1;
	return 0;
}

/* "JANE O'NEILL-SMITH" -> "Jane O'Neill-Smith"; "MCDONALD" -> "McDonald".
 * Names not written in capitals are returned as they are. */
static char *meta_name_case(np_arena *a, const char *s)
{
	if (!meta_all_caps(s))
		return np_arena_strdup(a, s);
	size_t n = strlen(s);
	char *out = np_arena_alloc(a, n * 2 + 8);
	if (!out)
		return NULL;
	size_t o = 0, i = 0, len, word_start = 0, in_word = 0;
	while (i < n) {
		uint32_t cp = np_text__cp(s, i, &len);
		if (!in_word && np_text__is_letter(cp)) {
			in_word = 1;
			word_start = i;
		}
		int start_of_part = i == word_start ||
		                    (i > 0 && (s[i - 1] == '-' || s[i - 1] == '\'' ||
		                               s[i - 1] == '.'));
		/* Mc + capital */
		if (i >= 2 && i - word_start == 2 && strncasecmp(s + word_start, "mc", 2) == 0)
			start_of_part = 1;
		uint32_t outcp = cp;
		if (np_text__is_letter(cp)) {
			size_t wl = 0;
			while (word_start + wl < n && s[word_start + wl] != ' ')
				wl++;
			int particle = word_start > 0 && meta_particle(s + word_start, wl);
			outcp = (start_of_part && !particle)
			        ? (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp)
			        : (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
		} else if (cp == ' ') {
			in_word = 0;
		}
		o += (size_t)utf8proc_encode_char((utf8proc_int32_t)outcp,
		                                  (utf8proc_uint8_t *)out + o);
		i += len;
	}
	out[o] = '\0';
	return out;
}

/* Does this part of a byline name an organisation or a job rather than a
 * person?  ("Associated Press", "Staff Writer", "Reuters") */
static int meta_org_like(const char *s, size_t n)
{
	static const char *const words[] = { "press", "reuters", "ap", "afp",
		"upi", "news", "times", "post", "staff", "correspondent", "writer",
		"reporter", "editor", "agency", "associated", "bloomberg", "service",
		"journal", "bureau", "cnn", "bbc", "guardian", "tribune", "herald",
		"daily", "dpa", "efe", "ansa", "telegraph", "wire", "media",
		"newspaper", "magazine", "contributor", "columnist", "in", "for",
		"the" };
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		size_t w = i;
		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		for (size_t k = 0; k < sizeof words / sizeof *words; k++)
			if (strlen(words[k]) == i - w && strncasecmp(s + w, words[k], i - w) == 0)
				return 1;
	}
	return n > 60;
}

/* 1-5 words, each starting with a capital letter (or a name particle), no
 * digits, no sentence punctuation. */
static int meta_name_like(const char *s, size_t n)
{
	if (n == 0 || n > 60)
		return 0;
	size_t words = 0, i = 0, len;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		words++;
		uint32_t cp = np_text__cp(s, w, &len);
		if (!np_text__is_upper(cp) && !meta_particle(s + w, i - w))
			return 0;
		for (size_t k = w; k < i; k++)
			if (isdigit((unsigned char)s[k]) || strchr("!?;:\"()", s[k]))
				return 0;
	}
	return words >= 1 && words <= 5;
}

static int meta_add_author(np_record *rec, const char *s, size_t n,
                           const char ***list, size_t *count, size_t *cap)
{
	char *raw = meta_clean(rec->arena, s, n);
	if (!raw)
		return -1;
	if (!*raw)
		return 0;
	const char *name = meta_name_case(rec->arena, raw);
	if (!name)
		return -1;
	/* The same name twice is one author (e2e bad_sizes: "Jane Doe and
	 * Jane Doe and ..." made the exporters' id allocation cubic). */
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*list)[i], name) == 0)
			return 0;
	return NP_ARENA_PUSH(rec->arena, *list, *count, *cap, name);
}

/* Split a byline ("Jane Doe and John Roe, Associated Press") into names.
 * Returns the number of names, or -1 when it does not read as a byline
 * (only with `strict`). */
static int meta_split_authors(np_record *rec, const char *s, size_t n, int strict,
                              const char ***list, size_t *count)
{
	size_t cap = 0;
	*list = NULL;
	*count = 0;
	size_t i = 0, part = 0;
	while (i < n) {
		size_t ps = i;
		while (i < n && s[i] != ',' && s[i] != ';' && s[i] != '|')
			i++;
		size_t pe = i;
		if (i < n)
			i++;
		while (ps < pe && s[ps] == ' ')
			ps++;
		while (pe > ps && (s[pe - 1] == ' ' || s[pe - 1] == '.'))
			pe--;
		/* "Jr." belongs to the name before it */
		if (pe - ps <= 3 && (meta_key_is(s + ps, pe - ps, "Jr") ||
		                     meta_key_is(s + ps, pe - ps, "Sr") ||
		                     meta_key_is(s + ps, pe - ps, "III")))
			continue;
		if (pe == ps)
			continue;
		if (part > 0 && meta_org_like(s + ps, pe - ps))
			break;
		/* names joined by "and" / "&" inside one part */
		size_t q = ps;
		int part_ok = 1;
		while (q < pe) {
			size_t ne = q, next = pe;
			for (size_t k = q; k < pe; k++) {
				static const char *const joins[] = { " and ", " & ", " und ",
					" et ", " y ", " e " };
				size_t jl = 0;
				for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
					size_t l = strlen(joins[j]);
					if (k + l <= pe && strncasecmp(s + k, joins[j], l) == 0) {
						jl = l;
						break;
					}
				}
				if (jl) {
					ne = k;
					next = k + jl;
					break;
				}
				ne = pe;
			}
			if (ne > pe)
				ne = pe;
			if (!meta_name_like(s + q, ne - q)) {
				part_ok = 0;
				break;
			}
			if (*count >= META_MAX_AUTHORS) {
				np_record__warn(rec, SIZE_MAX, "%s: byline names more than %d "
				                "people; the rest are not kept as authors",
				                rec->meta.source, META_MAX_AUTHORS);
				return (int)*count;
			}
			if (meta_add_author(rec, s + q, ne - q, list, count, &cap) < 0)
				return -1;
			q = next;
		}
		if (!part_ok) {
			if (strict && part == 0)
				return -1;
			if (strict && !meta_org_like(s + ps, pe - ps))
				return -1;
			if (!strict && part == 0 && *count == 0) {
				if (meta_add_author(rec, s + ps, pe - ps, list, count, &cap) < 0)
					return -1;
			}
			break;
		}
		part++;
	}
	return (int)*count;
}

static size_t meta_skip_by(const char *s, size_t n)
{
	if (n > 3 && (s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
	    s[2] == ' ')
		return 3;
	return 0;
}

static int meta_set_byline(np_record *rec, const char *s, size_t n, int strict)
{
	size_t k = meta_skip_by(s, n);
	s += k;
	n -= k;
	while (n && *s == ' ')
		s++, n--;
	const char **list;
	size_t count;
	if (meta_split_authors(rec, s, n, strict, &list, &count) < 0)
		return 0;
	char *by = meta_clean(rec->arena, s, n);
	if (!by)
		return -1;
	rec->meta.byline = by;
	rec->meta.authors = list;
	rec->meta.n_authors = count;
	return 1;
}

int np_meta__byline(np_record *rec, size_t s, size_t e, int require_by)
{
	const char *t = rec->text;
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	size_t n = e - s;
	if (n < 4 || n > 150)
		return 0;
	size_t k = meta_skip_by(t + s, n);
	if (require_by && !k)
		return 0;
	size_t len;
	if (!np_text__is_upper(np_text__cp(t, s + k, &len)))
		return 0;
	/* a sentence, not a byline */
	if (t[e - 1] == '.' && !(n > 3 && (!strncmp(t + e - 3, "Jr.", 3) ||
	                                   !strncmp(t + e - 3, "Sr.", 3))))
		return 0;
	for (size_t i = s; i < e; i++)
		if (t[i] == '"' || t[i] == '\n')
			return 0;
	return meta_set_byline(rec, t + s, n, 1) > 0;
}

/* ---- dates ------------------------------------------------------------------ */

static const struct { const char *name; int month; } meta_months[] = {
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 }, { "december", 12 },
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "jun", 6 },
	{ "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 }, { "oct", 10 },
	{ "nov", 11 }, { "dec", 12 },
	{ "januar", 1 }, { "februar", 2 }, { "m\xc3\xa4rz", 3 }, { "mai", 5 },
	{ "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
	{ "j\xc3\xa4nner", 1 },
	{ "janvier", 1 }, { "f\xc3\xa9vrier", 2 }, { "mars", 3 }, { "avril", 4 },
	{ "juin", 6 }, { "juillet", 7 }, { "ao\xc3\xbbt", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "d\xc3\xa9" "cembre", 12 },
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	{ "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 },
	{ "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 },
	{ "dicembre", 12 },
};

/* Month number of a word (case-insensitive for ASCII), or 0. */
static int meta_month(const char *w, size_t n)
{
	char low[16];
	if (n == 0 || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	/* only ASCII is lowered: every month name starts with an ASCII letter */
	for (size_t i = 0; i < sizeof meta_months / sizeof *meta_months; i++)
		if (strlen(meta_months[i].name) == n && memcmp(low, meta_months[i].name, n) == 0)
			return meta_months[i].month;
	return 0;
}

static int meta_days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

typedef struct meta_tok {
	int kind;      /* 'n' number, 'w' word, 'p' punctuation */
	const char *s;
	size_t n;
	long v;
} meta_tok;

char *np_meta__iso_date(np_arena *a, const char *s, size_t n)
{
	meta_tok tok[32];
	size_t nt = 0, i = 0;
	while (i < n && nt < 32) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) {
			size_t b = i;
			long v = 0;
			while (i < n && isdigit((unsigned char)s[i]) && i - b < 9)
				v = v * 10 + (s[i++] - '0');
			tok[nt++] = (meta_tok){ 'n', s + b, i - b, v };
		} else if (isalpha(c) || c >= 0x80) {
			size_t b = i;
			while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
				i++;
			tok[nt++] = (meta_tok){ 'w', s + b, i - b, 0 };
		} else if (c == ' ' || c == '\t' || c == ',') {
			i++;
		} else {
			tok[nt++] = (meta_tok){ 'p', s + i, 1, c };
			i++;
		}
	}
	int y = 0, m = 0, d = 0, hh = -1, mm = 0, ss = 0;
	int zone = 0; /* 0 none, 1 Z, 2 offset */
	int zsign = 1, zh = 0, zm = 0;
	size_t k = 0;
	/* the date part */
	if (nt >= 5 && tok[0].kind == 'n' && tok[0].n == 4 && tok[1].kind == 'p' &&
	    (tok[1].v == '-' || tok[1].v == '/' || tok[1].v == '.') && tok[2].kind == 'n' &&
	    tok[3].kind == 'p' && tok[3].v == tok[1].v && tok[4].kind == 'n') {
		y = (int)tok[0].v, m = (int)tok[2].v, d = (int)tok[4].v;
		k = 5;
		/* ISO "T" glued to the time: "30T12" tokenises as word "T" */
	} else {
		for (; k < nt; k++) {
			meta_tok *t = &tok[k];
			if (t->kind == 'w') {
				int mo = meta_month(t->s, t->n);
				if (mo && !m)
					m = mo; /* other words (weekdays, "de") are ignored */
				continue;
			}
			if (t->kind == 'p') {
				if (t->v == ':')
					break; /* a time starts: the hour was the previous number */
				continue;
			}
			/* a number */
			if (k + 1 < nt && tok[k + 1].kind == 'p' && tok[k + 1].v == ':')
				break;
			if (t->n == 4 && !y)
				y = (int)t->v;
			else if (t->n <= 2 && !d && t->v >= 1 && t->v <= 31) {
				/* numeric D.M.Y or M/D/Y */
				if (k + 4 < nt && tok[k + 1].kind == 'p' && tok[k + 2].kind == 'n' &&
				    tok[k + 3].kind == 'p' && tok[k + 4].kind == 'n' &&
				    tok[k + 4].n == 4 && tok[k + 1].v == tok[k + 3].v) {
					long p1 = t->v, p2 = tok[k + 2].v;
					if (tok[k + 1].v == '/' && p1 <= 12 && p2 > 12)
						m = (int)p1, d = (int)p2;
					else if (tok[k + 1].v == '/' && p1 <= 12)
						m = (int)p1, d = (int)p2; /* US order */
					else
						d = (int)p1, m = (int)p2;
					y = (int)tok[k + 4].v;
					k += 4;
				} else {
					d = (int)t->v;
				}
			} else {
				break;
			}
		}
	}
	if (!(y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	      d <= meta_days_in(y, m)))
		return NULL;
	/* the time part: [T] hh:mm[:ss[.frac]] [Z|UTC|GMT|+hh[:]mm] */
	while (k < nt && tok[k].kind != 'n')
		k++;
	if (k + 2 < nt && tok[k].kind == 'n' && tok[k + 1].kind == 'p' &&
	    tok[k + 1].v == ':' && tok[k + 2].kind == 'n') {
		hh = (int)tok[k].v, mm = (int)tok[k + 2].v;
		k += 3;
		if (k + 1 < nt && tok[k].kind == 'p' && tok[k].v == ':' &&
		    tok[k + 1].kind == 'n') {
			ss = (int)tok[k + 1].v;
			k += 2;
		}
		if (k + 1 < nt && tok[k].kind == 'p' && tok[k].v == '.' && tok[k + 1].kind == 'n')
			k += 2; /* fractions dropped */
		if (k < nt && tok[k].kind == 'w' &&
		    (meta_key_is(tok[k].s, tok[k].n, "Z") ||
		     meta_key_is(tok[k].s, tok[k].n, "UTC") ||
		     meta_key_is(tok[k].s, tok[k].n, "GMT"))) {
			zone = 1;
			k++;
		}
		if (k + 1 < nt && tok[k].kind == 'p' && (tok[k].v == '+' || tok[k].v == '-') &&
		    tok[k + 1].kind == 'n') {
			zsign = tok[k].v == '-' ? -1 : 1;
			if (tok[k + 1].n == 4) {
				zh = (int)tok[k + 1].v / 100, zm = (int)tok[k + 1].v % 100;
			} else {
				zh = (int)tok[k + 1].v;
				if (k + 3 < nt && tok[k + 2].kind == 'p' && tok[k + 2].v == ':' &&
				    tok[k + 3].kind == 'n')
					zm = (int)tok[k + 3].v;
			}
			zone = 2;
		}
		if (hh > 23 || mm > 59 || ss > 60 || zh > 14 || zm > 59)
			hh = -1, zone = 0;
	}
	if (hh < 0)
		return np_arena_printf(a, "%04d-%02d-%02d", y, m, d);
	if (zone == 2 && (zh || zm))
		return np_arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m,
		                       d, hh, mm, ss, zsign < 0 ? '-' : '+', zh, zm);
	return np_arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, hh, mm,
	                       ss, zone ? "Z" : "");
}

/* ---- language --------------------------------------------------------------- */

static const char *const meta_stop_en[] = { "the", "and", "of", "to", "is",
	"that", "was", "for", "with", "he", "she", "it", "said", "are", "have",
	"this", "from", "they", "but", "has", "be", "by", "at", "an", "not",
	"were", "will", "which", "would", "been", NULL };
static const char *const meta_stop_de[] = { "der", "die", "und", "das", "ist",
	"nicht", "mit", "den", "von", "sich", "ein", "eine", "auf", "dem", "zu",
	"wurde", "auch", "im", "des", "nach", "bei", "wird", "sind", "einer",
	"hat", "aus", "oder", "werden", "dass", "sie", NULL };
static const char *const meta_stop_fr[] = { "le", "les", "et", "des", "est",
	"une", "du", "dans", "pour", "qui", "pas", "sur", "au", "aux", "avec",
	"ce", "ont", "sont", "mais", "il", "elle", "par", "leur", "cette", "ses",
	"ete", "plus", "nous", "vous", "selon", NULL };
static const char *const meta_stop_es[] = { "el", "los", "las", "y", "que",
	"en", "por", "con", "para", "es", "del", "se", "una", "su", "al", "como",
	"pero", "sus", "fue", "han", "este", "esta", "ha", "lo", "muy", "sobre",
	"entre", "cuando", "tambien", "desde", NULL };
static const char *const meta_stop_it[] = { "il", "di", "che", "e", "per",
	"non", "della", "sono", "con", "gli", "nel", "alla", "anche", "dei",
	"delle", "degli", "questo", "come", "ma", "ha", "si", "una", "un", "nella",
	"stato", "essere", "dal", "sul", "piu", "hanno", NULL };

/* The stop words of every language in one small open-addressing table,
 * built once: a word maps to the bit set of the languages listing it, so
 * each word of the text costs one hash and (mostly) one comparison instead
 * of a strlen over ~150 list entries. */
#define META_STOP_CAP 512 /* power of two, > 3 x the 150 words */
typedef struct meta_stop_slot {
	char w[12];
	uint8_t len; /* 0 = empty slot */
	uint8_t langs; /* bit l = listed in lists[l] */
} meta_stop_slot;
static meta_stop_slot meta_stop_table[META_STOP_CAP];
static pthread_once_t meta_stop_once = PTHREAD_ONCE_INIT;

static uint32_t meta_stop_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)w[i];
		h *= 16777619u;
	}
	return h & (META_STOP_CAP - 1);
}

static void meta_stop_build(void)
{
	const char *const *lists[] = { meta_stop_en, meta_stop_de, meta_stop_fr,
		meta_stop_es, meta_stop_it };
	for (int l = 0; l < 5; l++)
		for (size_t i = 0; lists[l][i]; i++) {
			const char *w = lists[l][i];
			size_t n = strlen(w);
			uint32_t h = meta_stop_hash(w, n);
			meta_stop_slot *s = &meta_stop_table[h];
			while (s->len && !(s->len == n && memcmp(s->w, w, n) == 0)) {
				h = (h + 1) & (META_STOP_CAP - 1);
				s = &meta_stop_table[h];
			}
			memcpy(s->w, w, n);
			s->len = (uint8_t)n;
			s->langs |= (uint8_t)(1u << l);
		}
}

/* The languages whose stop-word list holds the n-byte word w (n < 12),
 * whose FNV-1a hash is h. */
static unsigned meta_stop_langs_h(const char *w, size_t n, uint32_t h)
{
	for (h &= META_STOP_CAP - 1;; h = (h + 1) & (META_STOP_CAP - 1)) {
		const meta_stop_slot *s = &meta_stop_table[h];
		if (!s->len)
			return 0;
		if (s->len == n && memcmp(s->w, w, n) == 0)
			return s->langs;
	}
}

static unsigned meta_stop_langs(const char *w, size_t n)
{
	return meta_stop_langs_h(w, n, meta_stop_hash(w, n));
}

static const char *meta_lang_decide(const size_t score[5])
{
	static const char *const codes[] = { "en", "de", "fr", "es", "it" };
	int best = 0;
	size_t second = 0;
	for (int l = 1; l < 5; l++)
		if (score[l] > score[best])
			best = l;
	for (int l = 0; l < 5; l++)
		if (l != best && score[l] > second)
			second = score[l];
	if (score[best] < 3 || score[best] <= second)
		return NULL;
	return codes[best];
}

/* The guess as written first, with the locale's isalpha/tolower: kept for
 * a locale where they are not ASCII's (a Latin-1 locale calls 0xE9 a
 * letter), see meta_ctype_ascii. */
static const char *meta_guess_language_ctype(const char *t, size_t s, size_t e)
{
	size_t score[5] = { 0 };
	size_t i = s;
	while (i < e) {
		while (i < e && !isalpha((unsigned char)t[i]))
			i++;
		char low[12];
		size_t n = 0;
		int ascii = 1;
		while (i < e && (isalpha((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80)) {
			if ((unsigned char)t[i] >= 0x80)
				ascii = 0;
			if (n < sizeof low)
				low[n] = (char)tolower((unsigned char)t[i]);
			n++;
			i++;
		}
		if (!ascii || n == 0 || n >= sizeof low)
			continue;
		unsigned langs = meta_stop_langs(low, n);
		for (int l = 0; langs; l++, langs >>= 1)
			score[l] += langs & 1u;
	}
	return meta_lang_decide(score);
}

/* isalpha and tolower are ASCII's (the C and C.UTF-8 locales; the CLI sets
 * C.UTF-8), so the one-pass walk below reads words as the guess above. */
static int meta_ctype_ascii(void)
{
	for (int c = 0; c < 256; c++) {
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!!isalpha(c) != letter || (letter && tolower(c) != (c | 0x20)))
			return 0;
	}
	return 1;
}

static int meta_wordbyte(unsigned char c)
{
	return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* One walk for both language guesses.  Words are runs of ASCII letters and
 * bytes >= 0x80.  Over t[s, e), when `score`: np_meta__guess_language's
 * stop-word scores (its word starts at the run's first ASCII letter and
 * counts when it is plain ASCII, under 12 bytes).  For the runs starting in
 * [bs, be), when `fn`: np_nlp__language's function-word counts (en, de,
 * fr), the last word cut at be.  One lowering and one hash serve both for
 * a plain ASCII word.  The caller makes sure both walks see the same runs
 * (see np_meta__guess_languages); be <= e. */
static void meta_lang_walk(const char *t, size_t s, size_t e, size_t *score,
                           size_t bs, size_t be, int *fn)
{
	size_t i = s;
	for (;;) {
		while (i < e && !meta_wordbyte((unsigned char)t[i]))
			i++;
		if (i >= e || (!score && i >= be))
			break;
		size_t w = i;
		char low[48];
		uint32_t h = 2166136261u;
		int ascii = 1;
		for (; i < e; i++) {
			unsigned char c = (unsigned char)t[i];
			if (c >= 0x80) {
				ascii = 0;
				continue;
			}
			if ((c | 0x20) < 'a' || (c | 0x20) > 'z')
				break;
			c |= 0x20;
			if (i - w < sizeof low)
				low[i - w] = (char)c;
			h = (h ^ c) * 16777619u;
		}
		size_t n = i - w;
		if (score) {
			unsigned langs = 0;
			if (ascii) {
				if (n < 12)
					langs = meta_stop_langs_h(low, n, h);
			} else {
				/* the stop-word guess skips bytes >= 0x80 before a word */
				size_t q = w;
				while (q < i && (unsigned char)t[q] >= 0x80)
					q++;
				char l2[12];
				size_t k = 0;
				for (size_t j = q; j < i && k < sizeof l2; j++, k++) {
					if ((unsigned char)t[j] >= 0x80)
						break;
					l2[k] = (char)(t[j] | 0x20);
				}
				if (q < i && k == i - q && k < sizeof l2)
					langs = meta_stop_langs(l2, k);
			}
			for (int l = 0; langs; l++, langs >>= 1)
				score[l] += langs & 1u;
		}
		if (fn && w >= bs && w < be) {
			uint32_t f;
			if (ascii && i <= be && n < sizeof low)
				f = np_lex__fn_lowered(t + w, n, low, h);
			else
				f = np_lex__fn(t + w, (i < be ? i : be) - w);
			fn[0] += !!(f & LX_FN_EN);
			fn[1] += !!(f & LX_FN_DE);
			fn[2] += !!(f & LX_FN_FR);
		}
	}
}

const char *np_meta__guess_language(const char *t, size_t s, size_t e)
{
	pthread_once(&meta_stop_once, meta_stop_build);
	if (e - s > 20000)
		e = s + 20000;
	if (!meta_ctype_ascii())
		return meta_guess_language_ctype(t, s, e);
	size_t score[5] = { 0 };
	meta_lang_walk(t, s, e, score, 0, 0, NULL);
	return meta_lang_decide(score);
}

void np_meta__fn_counts(const char *t, size_t s, size_t e, int fn[3])
{
	fn[0] = fn[1] = fn[2] = 0;
	meta_lang_walk(t, s, e, NULL, s, e, fn);
}

const char *np_meta__guess_languages(const char *t, size_t s, size_t e, size_t bs,
                                     size_t be, int fn[3], int *counted)
{
	pthread_once(&meta_stop_once, meta_stop_build);
	if (e - s > 20000)
		e = s + 20000;
	*counted = 0;
	if (!meta_ctype_ascii())
		return meta_guess_language_ctype(t, s, e);
	/* Both walks see the same runs when the function-word window starts
	 * before s with nothing but ASCII non-letters in between, or at a run
	 * boundary at or after s; and it must end within the stop-word one. */
	int same = be <= e && bs <= be;
	if (same && bs <= s) {
		for (size_t j = bs; j < s && same; j++)
			same = !meta_wordbyte((unsigned char)t[j]);
	} else if (same) {
		same = !meta_wordbyte((unsigned char)t[bs - 1]);
	}
	size_t score[5] = { 0 };
	fn[0] = fn[1] = fn[2] = 0;
	meta_lang_walk(t, s, e, score, bs, be, same ? fn : NULL);
	*counted = same;
	return meta_lang_decide(score);
}

/* ---- fields ------------------------------------------------------------------- */

static int meta_language_ok(const char *v)
{
	size_t i = 0, part = 0;
	while (v[i]) {
		size_t b = i;
		while (isalnum((unsigned char)v[i]))
			i++;
		size_t n = i - b;
		if (n == 0 || n > 8 || (part == 0 && (n < 2 || n > 3)))
			return 0;
		part++;
		if (v[i] == '-')
			i++;
		else if (v[i])
			return 0;
	}
	return part > 0;
}

int np_meta__set(np_record *rec, const char *key, size_t kn, const char *value,
                 size_t vn)
{
	np_arena *a = rec->arena;
	char *v = meta_clean(a, value, vn);
	if (!v)
		return -1;
	np_metadata *m = &rec->meta;
	if (meta_key_is(key, kn, "headline") || meta_key_is(key, kn, "title")) {
		m->headline = v;
		m->headline_derived = 0;
	} else if (meta_key_is(key, kn, "subheadline") || meta_key_is(key, kn, "subtitle") ||
	           meta_key_is(key, kn, "subhead")) {
		m->subheadline = v;
	} else if (meta_key_is(key, kn, "byline") || meta_key_is(key, kn, "author") ||
	           meta_key_is(key, kn, "by") || meta_key_is(key, kn, "authors")) {
		if (meta_set_byline(rec, v, strlen(v), 0) < 0)
			return -1;
	} else if (meta_key_is(key, kn, "date")) {
		char *iso = np_meta__iso_date(a, v, strlen(v));
		if (iso)
			m->date = iso;
		else if (*v)
			np_record__warn(rec, SIZE_MAX, "%s: date '%s' is not a date newsprism "
			                "can read; ignored", m->source, v);
	} else if (meta_key_is(key, kn, "dateline")) {
		m->dateline = v;
		size_t p = 0;
		while (v[p] && v[p] != ',' && v[p] != '(')
			p++;
		while (p > 0 && v[p - 1] == ' ')
			p--;
		char *place = np_arena_strndup(a, v, p);
		if (!place)
			return -1;
		m->dateline_place = meta_name_case(a, place);
	} else if (meta_key_is(key, kn, "language") || meta_key_is(key, kn, "lang")) {
		for (char *c = v; *c; c++)
			if (*c == '_')
				*c = '-';
		if (meta_language_ok(v)) {
			for (char *c = v; *c && *c != '-'; c++)
				*c = (char)tolower((unsigned char)*c);
			m->language = v;
		} else if (*v) {
			np_record__warn(rec, SIZE_MAX, "%s: language '%s' is not a BCP 47 "
			                "tag; ignored", m->source, v);
		}
	} else if (meta_key_is(key, kn, "source")) {
		m->source_name = v;
	} else if (meta_key_is(key, kn, "id")) {
		char *id = np_record__sanitise_id(a, v);
		if (!id)
			return -1;
		m->id = id;
	} else if (meta_key_is(key, kn, "keywords")) {
		m->keywords = v;
	} else if (meta_key_is(key, kn, "copyright")) {
		m->copyright = v;
	} else if (meta_key_is(key, kn, "provider")) {
		m->provider = v;
	} else {
		char *k = np_arena_strndup(a, key, kn);
		if (!k)
			return -1;
		size_t i = 0;
		for (; i < rec->n_extra; i++)
			if (strcasecmp(rec->extra[i].key, k) == 0)
				break;
		if (i < rec->n_extra) {
			rec->extra[i].value = v;
		} else {
			np_meta_override e = { k, v };
			if (NP_ARENA_PUSH(a, rec->extra, rec->n_extra, rec->cap_extra, e) < 0)
				return -1;
		}
		m->extra = rec->extra;
		m->n_extra = rec->n_extra;
	}
	return 0;
}

int np_meta__overrides(np_record *rec)
{
	const np_options *o = rec->opts;
	if (!o || !o->meta)
		return 0;
	for (size_t i = 0; i < o->n_meta; i++) {
		const char *k = o->meta[i].key, *v = o->meta[i].value;
		if (!k || !*k)
			continue;
		if (np_meta__set(rec, k, strlen(k), v ? v : "", v ? strlen(v) : 0) < 0)
			return -1;
	}
	return 0;
}

/* ---- the header block ---------------------------------------------------------- */

static size_t meta_line_end(const np_record *rec, size_t at)
{
	const char *nl = memchr(rec->text + at, '\n', rec->text_len - at);
	return nl ? (size_t)(nl - rec->text) : rec->text_len;
}

/* `Key: value` on t[s, e)?  Sets the key's and the value's extent. */
static int meta_kv(const char *t, size_t s, size_t e, size_t *ke, size_t *vs)
{
	size_t i = s;
	if (i >= e || !isalpha((unsigned char)t[i]))
		return 0;
	while (i < e && i - s <= 32 &&
	       (isalnum((unsigned char)t[i]) || t[i] == '-' || t[i] == '_' || t[i] == ' '))
		i++;
	if (i >= e || t[i] != ':' || i - s > 32)
		return 0;
	*ke = i;
	while (*ke > s && t[*ke - 1] == ' ')
		(*ke)--;
	i++;
	while (i < e && (t[i] == ' ' || t[i] == '\t'))
		i++;
	*vs = i;
	return 1;
}

static int meta_known_key(const char *k, size_t n)
{
	static const char *const keys[] = { "headline", "title", "subheadline",
		"subtitle", "byline", "author", "date", "dateline", "language", "source",
		"id", "keywords", "copyright", "provider" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (meta_key_is(k, n, keys[i]))
			return 1;
	return 0;
}

static int meta_is_fence(const char *t, size_t s, size_t e)
{
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	return e - s == 3 && memcmp(t + s, "---", 3) == 0;
}

int np_meta__header(np_record *rec)
{
	const char *t = rec->text;
	size_t at = rec->body_start, n = rec->text_len;
	while (at < n && t[at] == '\n')
		at++;
	size_t e = meta_line_end(rec, at);
	int fenced = meta_is_fence(t, at, e);
	size_t first = fenced ? e + 1 : at;
	/* first pass: is it a header block? */
	size_t p = first, lines = 0, known = 0, end = SIZE_MAX;
	while (p <= n) {
		size_t le = p < n ? meta_line_end(rec, p) : n;
		size_t ke, vs;
		if (fenced && meta_is_fence(t, p, le)) {
			end = le;
			break;
		}
		int blank = 1;
		for (size_t i = p; i < le; i++)
			if (t[i] != ' ' && t[i] != '\t')
				blank = 0;
		if (blank) {
			if (!fenced)
				end = p;
			break;
		}
		if (!meta_kv(t, p, le, &ke, &vs))
			return 0;
		lines++;
		known += (size_t)meta_known_key(t + p, ke - p);
		if (le >= n)
			break;
		p = le + 1;
		if (lines > 64)
			return 0;
	}
	if (end == SIZE_MAX || lines == 0 || (!fenced && !known))
		return 0;
	/* second pass: take the fields */
	for (p = first; p < end;) {
		size_t le = meta_line_end(rec, p), ke, vs;
		if (le > end)
			le = end;
		if (meta_kv(t, p, le, &ke, &vs) &&
		    np_meta__set(rec, t + p, ke - p, t + vs, le - vs) < 0)
			return -1;
		p = le + 1;
	}
	rec->body_start = end < n ? end + 1 : n;
	return 0;
}

/* ---- datelines ------------------------------------------------------------------ */

/* A dash that ends a dateline at t[i]: " — ", " – ", " ― ", " -- ", " - ".
 * Returns its length (without the spaces), or 0. */
static size_t meta_dash(const char *t, size_t i, size_t e)
{
	if (i == 0 || t[i - 1] != ' ')
		return 0;
	size_t k = 0;
	if (i + 2 < e && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93 ||
	     (unsigned char)t[i + 2] == 0x95))
		k = 3;
	else if (i + 1 < e && t[i] == '-' && t[i + 1] == '-')
		k = 2;
	else if (t[i] == '-')
		k = 1;
	if (!k || i + k >= e || t[i + k] != ' ')
		return 0;
	return k;
}

int np_meta__dateline(np_record *rec, size_t s, size_t e)
{
	const char *t = rec->text;
	size_t lim = e - s > 100 ? s + 100 : e;
	size_t dash = 0;
	for (size_t i = s + 2; i < lim; i++)
		if (meta_dash(t, i, e)) {
			dash = i;
			break;
		}
	if (!dash)
		return 0;
	size_t pe = dash;
	while (pe > s && t[pe - 1] == ' ')
		pe--;
	/* the place: capitals (and . ' - spaces) up to a comma or "(" */
	size_t i = s, upper = 0, len;
	while (i < pe && t[i] != ',' && t[i] != '(') {
		uint32_t cp = np_text__cp(t, i, &len);
		if (np_text__is_lower(cp) || isdigit((unsigned char)t[i]))
			return 0;
		if (np_text__is_upper(cp))
			upper++;
		else if (!strchr(" .'-", t[i]) && cp != 0x2019)
			return 0;
		i += len;
	}
	if (upper < 2)
		return 0;
	size_t place_end = i;
	while (place_end > s && t[place_end - 1] == ' ')
		place_end--;
	/* the rest: ", region", ", date" and "(AGENCY)"; no sentence in it */
	size_t region_s = 0, region_e = 0;
	int parts = 0;
	while (i < pe) {
		if (t[i] == '(') {
			const char *close = memchr(t + i, ')', pe - i);
			if (!close || (size_t)(close - t) - i > 30)
				return 0;
			i = (size_t)(close - t) + 1;
			while (i < pe && t[i] == ' ')
				i++;
			if (i != pe)
				return 0;
			break;
		}
		if (t[i] != ',')
			return 0;
		i++;
		while (i < pe && t[i] == ' ')
			i++;
		size_t ps = i;
		while (i < pe && t[i] != ',' && t[i] != '(')
			i++;
		size_t q = i;
		while (q > ps && t[q - 1] == ' ')
			q--;
		if (q == ps || q - ps > 25 || ++parts > 3)
			return 0;
		uint32_t cp = np_text__cp(t, ps, &len);
		if (!np_text__is_upper(cp))
			return 0;
		size_t w = ps;
		while (w < q && isalpha((unsigned char)t[w]))
			w++;
		int is_date = meta_month(t + ps, w - ps) != 0;
		for (size_t k = ps; k < q; k++)
			if (isdigit((unsigned char)t[k]))
				is_date = 1;
		if (!is_date && parts == 1) {
			region_s = ps;
			region_e = q;
		}
	}
	char *dl = meta_clean(rec->arena, t + s, pe - s);
	char *place = np_arena_strndup(rec->arena, t + s, place_end - s);
	if (!dl || !place)
		return -1;
	char *cased = meta_name_case(rec->arena, place);
	if (cased && region_e > region_s)
		cased = np_arena_printf(rec->arena, "%s, %.*s", cased,
		                        (int)(region_e - region_s), t + region_s);
	rec->meta.dateline = dl;
	rec->meta.dateline_place = cased;
	return 1;
}

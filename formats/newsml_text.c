/* newsml_text.c - text made safe for XML, dates and short derived strings
 * for the NewsML-G2 exporter. */
#include "newsml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Decode one UTF-8 character at s[0..n); returns its length (>= 1) and the
 * code point, or U+FFFD with length 1 for any malformed or overlong
 * sequence and for surrogates. */
static size_t newsml_text_decode(const unsigned char *s, size_t n, unsigned long *cp)
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
static int newsml_text_xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static size_t newsml_text_encode(unsigned long c, char *o)
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

char *np_newsml__clean(const char *s, size_t n, unsigned flags)
{
	if (!s)
		n = 0;
	/* U+FFFD is 3 bytes for a 1-byte input at worst */
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0;
	int in_tag = 0, pending_space = 0;
	int notags = (flags & NP_NEWSML_NOTAGS) != 0;
	/* printable ASCII but the space (and the tag marks with NOTAGS): copied
	 * as the general path below would, a run at a time (most bytes) */
	unsigned char lo = 0x21, hi = 0x7E;
	while (i < n) {
		unsigned char b = p[i];
		if (!in_tag && b >= lo && b <= hi && !(notags && (b == '<' || b == '>'))) {
			if (pending_space)
				out[o++] = ' ';
			pending_space = 0;
			do
				out[o++] = (char)p[i++];
			while (i < n && p[i] >= lo && p[i] <= hi &&
			       !(notags && (p[i] == '<' || p[i] == '>')));
			continue;
		}
		if (b == ' ' && !in_tag) { /* what the general path does with it */
			if (flags & NP_NEWSML_COLLAPSE)
				pending_space = o > 0;
			else
				out[o++] = ' ';
			i++;
			continue;
		}
		unsigned long c;
		i += newsml_text_decode(p + i, n - i, &c);
		if (!newsml_text_xml_char(c))
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
		o += newsml_text_encode(c, out + o);
	}
	out[o] = '\0';
	return out;
}

/* ---- dates ------------------------------------------------------------ */

static int newsml_text_digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int np_newsml__datetime(const char *iso, char out[40])
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (!iso || strlen(iso) < 10 || !newsml_text_digits(iso, 4, &y) ||
	    iso[4] != '-' || !newsml_text_digits(iso + 5, 2, &mo) || iso[7] != '-' ||
	    !newsml_text_digits(iso + 8, 2, &d))
		return 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	const char *p = iso + 10;
	char zone[16] = "Z";
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (!newsml_text_digits(p, 2, &h) || p[2] != ':' ||
		    !newsml_text_digits(p + 3, 2, &mi))
			return 0;
		p += 5;
		if (*p == ':') {
			if (!newsml_text_digits(p + 1, 2, &sec))
				return 0;
			p += 3;
			if (*p == '.' || *p == ',') /* fractions are dropped */
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		if (h > 23 || mi > 59 || sec > 59)
			return 0;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int zh, zm = 0;
			if (!newsml_text_digits(p + 1, 2, &zh))
				return 0;
			const char *q = p + 3;
			if (*q == ':')
				q++;
			if (isdigit((unsigned char)*q)) {
				if (!newsml_text_digits(q, 2, &zm))
					return 0;
				q += 2;
			}
			if (zh > 14 || zm > 59)
				return 0;
			snprintf(zone, sizeof zone, "%c%02d:%02d", *p, zh % 100, zm % 100);
			p = q;
		}
	}
	/* trailing text (a weekday name, a zone word) is ignored: the date and
	 * time read so far are what the article says */
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, sec, zone);
	return 1;
}

void np_newsml__epoch_datetime(int64_t t, char out[40])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t < 0 || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999) {
		snprintf(out, 40, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(out, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void np_newsml__clock(const np_record *rec, const np_options *opts, char out[40])
{
	if (opts && opts->now >= 0) {
		np_newsml__epoch_datetime(opts->now, out);
		return;
	}
	if (np_newsml__datetime(rec->meta.date, out))
		return;
	np_newsml__epoch_datetime(0, out);
}

void np_newsml__language(const np_record *rec, char out[36])
{
	const char *l = rec->meta.language;
	size_t n = l ? strlen(l) : 0, o = 0;
	int ok = n > 0 && n < 36 && isalpha((unsigned char)l[0]);
	for (size_t i = 0; ok && i < n; i++) {
		char c = l[i] == '_' ? '-' : l[i];
		if (!isalnum((unsigned char)c) && c != '-')
			ok = 0;
		else if (c == '-' && (i + 1 == n || out[o - 1] == '-'))
			ok = 0;
		else
			out[o++] = c;
	}
	if (!ok)
		o = (size_t)snprintf(out, 36, "und");
	out[o] = '\0';
}

/* ---- derived strings -------------------------------------------------- */

static int newsml_text_stopword(const char *w, size_t n)
{
	static const char *const stop[] = { "a", "an", "the", "of", "to", "in",
		"on", "for", "and", "or", "is", "are", "at", "by", "with", "as",
		"from", "its", "his", "her", "be", NULL };
	for (size_t i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && strncasecmp(stop[i], w, n) == 0)
			return 1;
	return 0;
}

char *np_newsml__slugline(const char *headline)
{
	char *clean = np_newsml__clean(headline, headline ? strlen(headline) : 0,
	                               NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS);
	if (!clean)
		return NULL;
	size_t n = strlen(clean);
	char *out = malloc(n + 1);
	if (!out) {
		free(clean);
		return NULL;
	}
	size_t o = 0;
	int words = 0;
	for (size_t i = 0; i < n && words < 3;) {
		/* a word: letters, digits and any non-ASCII (letters of other
		 * scripts); ASCII punctuation separates words */
		while (i < n && (unsigned char)clean[i] < 0x80 &&
		       !isalnum((unsigned char)clean[i]))
			i++;
		size_t s = i;
		while (i < n && ((unsigned char)clean[i] >= 0x80 ||
		                 isalnum((unsigned char)clean[i])))
			i++;
		if (i == s || newsml_text_stopword(clean + s, i - s))
			continue;
		if (o + (i - s) + 1 > 40)
			break;
		if (o)
			out[o++] = '-';
		for (size_t k = s; k < i; k++)
			out[o++] = (char)toupper((unsigned char)clean[k]);
		words++;
	}
	out[o] = '\0';
	free(clean);
	return out;
}

char *np_newsml__summary(const np_record *rec, size_t max)
{
	/* the first paragraph with text (spans are checked, not trusted) */
	const np_paragraph *p = NULL;
	for (size_t i = 0; i < rec->n_paras && !p; i++)
		if (rec->paras[i].span.start < rec->paras[i].span.end &&
		    rec->paras[i].span.end <= rec->text_len)
			p = &rec->paras[i];
	if (!p)
		return np_newsml__clean("", 0, 0);
	size_t start = p->span.start;
	/* "WASHINGTON (AP) — " opening the paragraph is no part of a summary */
	const char *dl = rec->meta.dateline;
	size_t dlen = dl ? strlen(dl) : 0;
	if (dlen && dlen < p->span.end - start &&
	    strncmp(rec->text + start, dl, dlen) == 0) {
		size_t s = start + dlen;
		for (;;) {
			if (s < p->span.end && (rec->text[s] == ' ' || rec->text[s] == '-' ||
			                        rec->text[s] == ':' || rec->text[s] == ','))
				s++;
			else if (s + 3 <= p->span.end &&
			         memcmp(rec->text + s, "\xE2\x80", 2) == 0 &&
			         ((unsigned char)rec->text[s + 2] == 0x94 ||
			          (unsigned char)rec->text[s + 2] == 0x93)) /* — – */
				s += 3;
			else
				break;
		}
		if (s < p->span.end && s > start + dlen)
			start = s;
	}
	size_t end = start;
	/* whole sentences while they fit */
	for (size_t k = 0; k < p->n_sentences; k++) {
		size_t si = p->first_sentence + k;
		if (si >= rec->n_sents)
			break;
		if (rec->sents[si].span.end > p->span.end ||
		    rec->sents[si].span.end <= start ||
		    rec->sents[si].span.end - start > max)
			break;
		end = rec->sents[si].span.end;
	}
	if (p->n_sentences == 0 && p->span.end - start <= max)
		end = p->span.end;
	int cut = 0;
	if (end == start) {
		/* the first sentence alone is too long: cut at a word boundary */
		end = start + max;
		if (end > p->span.end)
			end = p->span.end;
		size_t e = end;
		while (e > start && rec->text[e] != ' ' && rec->text[e] != '\n')
			e--;
		if (e > start)
			end = e;
		while (end > start && ((unsigned char)rec->text[end] & 0xC0) == 0x80)
			end--;
		cut = end < p->span.end;
	}
	if (end > rec->text_len)
		end = rec->text_len;
	char *s = np_newsml__clean(rec->text + start, end - start, NP_NEWSML_COLLAPSE);
	if (s && cut) {
		size_t n = strlen(s);
		char *t = realloc(s, n + 4);
		if (!t) {
			free(s);
			return NULL;
		}
		memcpy(t + n, "\xE2\x80\xA6", 4); /* … */
		s = t;
	}
	return s;
}

char *np_newsml__headline(const np_record *rec, int *derived)
{
	const char *h = rec->meta.headline;
	char *t = np_newsml__clean(h, h ? strlen(h) : 0, NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS);
	*derived = 0;
	if (!t || *t)
		return t;
	free(t);
	*derived = 1;
	t = np_newsml__summary(rec, 110);
	if (!t || *t)
		return t;
	free(t);
	return np_newsml__clean(rec->meta.id, strlen(rec->meta.id), NP_NEWSML_COLLAPSE);
}

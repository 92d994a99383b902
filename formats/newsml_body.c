/* newsml_body.c - the item's body: NITF 3.6 (default) or XHTML, with the
 * people, organisations and places marked inline and every direct quote
 * as a quotation element.
 *
 * Marks come from two independent stages (entities, quotes), so they may
 * overlap.  The body must stay well formed and schema-valid: NITF lets
 * <q> hold <q>, <person>, <org> and <location>, but an entity element holds
 * only text.  So quotes are placed first (nested in document order), then
 * entities inside or apart from them; a mark that would cross the boundary
 * of a kept one, or sit inside an entity, is dropped (the text stays, only
 * the element goes). */
#include "newsml.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { MARK_QUOTE = 0, MARK_PERSON, MARK_ORG, MARK_PLACE } mark_kind;

typedef struct {
	size_t start, end;
	mark_kind kind;
	const char *label;   /* quote source or canonical entity name, or NULL */
} body_mark;

typedef struct {
	xmlTextWriterPtr w;
	const np_record *rec;
	const char *headline;
	int xhtml;
	body_mark *marks;        /* the current paragraph's marks */
	size_t n, cap;
	/* every mark of the record, sorted by start; paragraphs take theirs
	 * by a sweep (when the paragraphs are in order) */
	body_mark *all;
	size_t n_all, cap_all, next;
	size_t *open_q;          /* quotes of `all` that began before the paragraph */
	size_t n_open, cap_open;
	int sorted;
} body_ctx;

#define W(call) do { if ((call) < 0) return -1; } while (0)

/* Write `n` bytes of the record's text as character data: LF of
 * hard-wrapped paragraphs becomes a space, anything XML cannot carry
 * becomes U+FFFD. */
static int newsml_body_text(xmlTextWriterPtr w, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	char *t = np_newsml__clean(s, n, NP_NEWSML_SPACE);
	if (!t)
		return -1;
	/* The escapes xmlTextWriterWriteString makes in element content
	 * (xmlEncodeSpecialChars: < > & " and CR), written with one raw write:
	 * the same bytes without libxml2's copy and per-byte escaping pass. */
	/* the bytes each escape adds */
	static const unsigned char grow[256] = { ['<'] = 3, ['>'] = 3, ['&'] = 4,
		['"'] = 5, ['\r'] = 5 };
	size_t len = 0, extra = 0;
	for (; t[len]; len++)
		extra += grow[(unsigned char)t[len]];
	int rc = 0;
	if (len + extra > INT_MAX / 2) /* beyond an int length: let libxml2 do it */
		rc = xmlTextWriterWriteString(w, BAD_CAST t);
	else if (len && !extra)
		rc = xmlTextWriterWriteRawLen(w, BAD_CAST t, (int)len);
	else if (len) {
		char *e = malloc(len + extra);
		if (!e) {
			free(t);
			return -1;
		}
		size_t o = 0;
		for (size_t i = 0; i < len; i++) {
			const char *rep = NULL;
			switch (t[i]) {
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '&': rep = "&amp;"; break;
			case '"': rep = "&quot;"; break;
			case '\r': rep = "&#13;"; break;
			default: e[o++] = t[i]; continue;
			}
			size_t k = strlen(rep);
			memcpy(e + o, rep, k);
			o += k;
		}
		rc = xmlTextWriterWriteRawLen(w, BAD_CAST e, (int)o);
		free(e);
	}
	free(t);
	return rc < 0 ? -1 : 0;
}

/* A plain text element: <name>clean(s)</name>. */
static int newsml_body_element(xmlTextWriterPtr w, const char *name, const char *s)
{
	char *t = np_newsml__clean(s, s ? strlen(s) : 0,
	                           NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS);
	if (!t)
		return -1;
	int rc = xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST t);
	free(t);
	return rc < 0 ? -1 : 0;
}

static int newsml_body_attr(xmlTextWriterPtr w, const char *name, const char *s)
{
	char *t = np_newsml__clean(s, s ? strlen(s) : 0, NP_NEWSML_COLLAPSE);
	if (!t)
		return -1;
	int rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST t);
	free(t);
	return rc < 0 ? -1 : 0;
}

/* Indentation between block elements (never inside mixed content). */
static int newsml_body_nl(xmlTextWriterPtr w, int depth)
{
	static const char pad[] = "\n                                ";
	int n = 1 + 2 * depth;
	if (n > (int)sizeof pad - 1)
		n = (int)sizeof pad - 1;
	return xmlTextWriterWriteRawLen(w, BAD_CAST pad, n) < 0 ? -1 : 0;
}

static int newsml_body_push_to(body_mark **arr, size_t *n, size_t *cap, body_mark m)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		body_mark *p = realloc(*arr, c * sizeof *p);
		if (!p)
			return -1;
		*arr = p;
		*cap = c;
	}
	(*arr)[(*n)++] = m;
	return 0;
}

static int newsml_body_push(body_ctx *b, body_mark m)
{
	return newsml_body_push_to(&b->marks, &b->n, &b->cap, m);
}

static int newsml_body_cmp(const void *a, const void *b)
{
	const body_mark *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* the longer one outside */
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind; /* a quote outside an entity */
	return 0;
}

static int newsml_body_boundary(const np_record *rec, size_t off)
{
	return off >= rec->text_len ||
	       ((unsigned char)rec->text[off] & 0xC0) != 0x80;
}

/* Every direct quote and every entity mention of the record, sorted. */
static int newsml_body_gather(body_ctx *b)
{
	const np_record *rec = b->rec;
	for (size_t i = 0; i < rec->n_quotes; i++) {
		const np_quote *q = &rec->quotes[i];
		if (q->type == NP_QUOTE_DIRECT && q->span.start < q->span.end &&
		    newsml_body_push_to(&b->all, &b->n_all, &b->cap_all,
		                        (body_mark){ q->span.start, q->span.end, MARK_QUOTE,
		                                     q->speaker_name }) < 0)
			return -1;
	}
	for (size_t i = 0; i < rec->n_ents; i++) {
		const np_entity *en = &rec->ents[i];
		mark_kind k = en->type == NP_ENT_PERSON ? MARK_PERSON
		              : en->type == NP_ENT_ORG  ? MARK_ORG
		                                        : MARK_PLACE;
		for (size_t j = 0; j < en->n_mentions; j++) {
			np_span m = en->mentions[j];
			if (m.start < m.end &&
			    newsml_body_push_to(&b->all, &b->n_all, &b->cap_all,
			                        (body_mark){ m.start, m.end, k, en->name }) < 0)
				return -1;
		}
	}
	if (b->n_all)
		qsort(b->all, b->n_all, sizeof *b->all, newsml_body_cmp);
	/* in order and apart, paragraphs can take their marks by a sweep */
	b->sorted = 1;
	for (size_t i = 1; i < rec->n_paras; i++)
		if (rec->paras[i].span.start < rec->paras[i - 1].span.end &&
		    rec->paras[i - 1].span.start < rec->paras[i - 1].span.end)
			b->sorted = 0;
	return 0;
}

/* Add mark `m` of `all` to the paragraph [ps, pe): a quote clipped to it
 * (a quote running over several paragraphs is marked in each), an entity
 * mention only when inside. */
static int newsml_body_take(body_ctx *b, const body_mark *m, size_t ps, size_t pe)
{
	const np_record *rec = b->rec;
	if (m->kind != MARK_QUOTE)
		return m->start >= ps && m->end <= pe ? newsml_body_push(b, *m) : 0;
	size_t s = m->start > ps ? m->start : ps;
	size_t e = m->end < pe ? m->end : pe;
	while (s < e && (rec->text[s] == ' ' || rec->text[s] == '\n'))
		s++;
	while (e > s && (rec->text[e - 1] == ' ' || rec->text[e - 1] == '\n'))
		e--;
	if (s >= e)
		return 0;
	body_mark c = *m;
	c.start = s;
	c.end = e;
	return newsml_body_push(b, c);
}

static int newsml_body_open_quote(body_ctx *b, size_t i)
{
	if (b->n_open == b->cap_open) {
		size_t cap = b->cap_open ? b->cap_open * 2 : 8;
		size_t *p = realloc(b->open_q, cap * sizeof *p);
		if (!p)
			return -1;
		b->open_q = p;
		b->cap_open = cap;
	}
	b->open_q[b->n_open++] = i;
	return 0;
}

/* The candidate marks of paragraph [ps, pe), sorted. */
static int newsml_body_collect(body_ctx *b, size_t ps, size_t pe)
{
	b->n = 0;
	if (!b->sorted) {
		/* paragraphs out of order: look at every mark (slow, correct) */
		for (size_t i = 0; i < b->n_all; i++)
			if (b->all[i].start < pe && b->all[i].end > ps &&
			    newsml_body_take(b, &b->all[i], ps, pe) < 0)
				return -1;
	} else {
		/* quotes begun earlier that reach into this paragraph */
		size_t k = 0;
		for (size_t i = 0; i < b->n_open; i++) {
			const body_mark *q = &b->all[b->open_q[i]];
			if (q->end <= ps)
				continue;
			b->open_q[k++] = b->open_q[i];
		}
		b->n_open = k;
		/* marks between paragraphs: only a quote can reach on */
		for (; b->next < b->n_all && b->all[b->next].start < ps; b->next++)
			if (b->all[b->next].kind == MARK_QUOTE && b->all[b->next].end > ps &&
			    newsml_body_open_quote(b, b->next) < 0)
				return -1;
		for (size_t i = 0; i < b->n_open; i++)
			if (newsml_body_take(b, &b->all[b->open_q[i]], ps, pe) < 0)
				return -1;
		for (; b->next < b->n_all && b->all[b->next].start < pe; b->next++) {
			const body_mark *m = &b->all[b->next];
			if (newsml_body_take(b, m, ps, pe) < 0)
				return -1;
			if (m->kind == MARK_QUOTE && m->end > pe &&
			    newsml_body_open_quote(b, b->next) < 0)
				return -1;
		}
	}
	if (b->n)
		qsort(b->marks, b->n, sizeof *b->marks, newsml_body_cmp);
	return 0;
}

static int newsml_body_open_mark(body_ctx *b, const body_mark *m)
{
	xmlTextWriterPtr w = b->w;
	if (b->xhtml) {
		static const char *const cls[] = { NULL, "person", "org", "location" };
		W(xmlTextWriterStartElement(w, BAD_CAST(m->kind == MARK_QUOTE ? "q" : "span")));
		if (m->kind != MARK_QUOTE)
			W(xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST cls[m->kind]));
		if (m->label && *m->label)
			return newsml_body_attr(w, "title", m->label);
		return 0;
	}
	static const char *const el[] = { "q", "person", "org", "location" };
	W(xmlTextWriterStartElement(w, BAD_CAST el[m->kind]));
	if (m->kind == MARK_QUOTE && m->label && *m->label)
		return newsml_body_attr(w, "quote-source", m->label);
	/* the canonical name, so that "Kirby" links to "John Kirby" */
	if ((m->kind == MARK_PERSON || m->kind == MARK_ORG) && m->label && *m->label)
		return newsml_body_attr(w, "value", m->label);
	return 0;
}

/* Keep the marks that nest: quotes first (they matter most), each inside
 * or apart from the quotes kept before it; then entities, each inside or
 * apart from every kept quote and apart from every kept entity.  The kept
 * marks are moved to the front of b->marks, still sorted; returns their
 * number. */
static size_t newsml_body_select(body_ctx *b)
{
	const np_record *rec = b->rec;
	size_t kept = 0;
	char *keep = calloc(b->n ? b->n : 1, 1);
	if (!keep)
		return 0; /* no marks: plain text is still a correct body */
	/* quotes: a stack walk in document order */
	size_t stack[64], depth = 0;
	for (size_t i = 0; i < b->n; i++) {
		const body_mark *m = &b->marks[i];
		if (m->kind != MARK_QUOTE || !newsml_body_boundary(rec, m->start) ||
		    !newsml_body_boundary(rec, m->end))
			continue;
		while (depth && b->marks[stack[depth - 1]].end <= m->start)
			depth--;
		if (depth && m->end > b->marks[stack[depth - 1]].end)
			continue; /* crosses an open quote */
		if (depth == sizeof stack / sizeof *stack)
			continue;
		stack[depth++] = i;
		keep[i] = 1;
	}
	/* entities: the kept quotes nest (each inside or apart from the
	 * others), so a sweep in start order decides each entity in O(1)
	 * amortised: the quotes around its start form a chain on `open`
	 * (innermost on top, smallest end), and the first kept quote that
	 * starts after it is the only other one it can cross. */
	size_t *open = malloc((b->n ? 2 * b->n : 1) * sizeof *open);
	if (!open) {
		free(keep);
		return 0;
	}
	size_t *next_q = open + b->n; /* next_q[i]: first kept quote at >= i */
	for (size_t i = b->n, nx = b->n; i-- > 0;) {
		if (keep[i] && b->marks[i].kind == MARK_QUOTE)
			nx = i;
		next_q[i] = nx;
	}
	size_t n_open = 0, nq = 0; /* nq: next quote of marks[] not yet on `open` */
	size_t last_end = 0;
	for (size_t i = 0; i < b->n; i++) {
		const body_mark *m = &b->marks[i];
		if (m->kind == MARK_QUOTE || m->start < last_end ||
		    !newsml_body_boundary(rec, m->start) || !newsml_body_boundary(rec, m->end))
			continue;
		/* push the kept quotes that start at or before m (in sorted order;
		 * a quote starting with m may sort after it, being shorter) */
		for (; nq < b->n && b->marks[nq].start <= m->start; nq++) {
			if (!keep[nq] || b->marks[nq].kind != MARK_QUOTE)
				continue;
			while (n_open && b->marks[open[n_open - 1]].end <= b->marks[nq].start)
				n_open--;
			open[n_open++] = nq;
		}
		while (n_open && b->marks[open[n_open - 1]].end <= m->start)
			n_open--;
		if (n_open && m->end > b->marks[open[n_open - 1]].end)
			continue; /* crosses the end of a quote around it */
		size_t k = nq < b->n ? next_q[nq] : b->n;
		if (k < b->n && m->end > b->marks[k].start)
			continue; /* crosses the start of a later quote */
		keep[i] = 1;
		last_end = m->end;
	}
	free(open);
	for (size_t i = 0; i < b->n; i++)
		if (keep[i])
			b->marks[kept++] = b->marks[i];
	free(keep);
	return kept;
}

/* One paragraph's content with its marks nested by a stack walk. */
static int newsml_body_para_content(body_ctx *b, size_t ps, size_t pe)
{
	const np_record *rec = b->rec;
	if (newsml_body_collect(b, ps, pe) < 0)
		return -1;
	size_t n = newsml_body_select(b);
	const body_mark *stack[64];
	size_t depth = 0, pos = ps;
	for (size_t i = 0; i < n; i++) {
		const body_mark *m = &b->marks[i];
		/* close what ends before this mark begins */
		while (depth && stack[depth - 1]->end <= m->start) {
			const body_mark *t = stack[--depth];
			W(newsml_body_text(b->w, rec->text + pos, t->end - pos));
			W(xmlTextWriterEndElement(b->w));
			pos = t->end;
		}
		const body_mark *top = depth ? stack[depth - 1] : NULL;
		/* select() guarantees nesting; stay safe if it ever did not */
		if (m->start < pos || depth == sizeof stack / sizeof *stack ||
		    (top && (m->end > top->end || top->kind != MARK_QUOTE)))
			continue;
		W(newsml_body_text(b->w, rec->text + pos, m->start - pos));
		W(newsml_body_open_mark(b, m));
		pos = m->start;
		stack[depth++] = m;
	}
	while (depth) {
		const body_mark *t = stack[--depth];
		W(newsml_body_text(b->w, rec->text + pos, t->end - pos));
		W(xmlTextWriterEndElement(b->w));
		pos = t->end;
	}
	return newsml_body_text(b->w, rec->text + pos, pe - pos);
}

static int newsml_body_paragraphs(body_ctx *b, int depth)
{
	const np_record *rec = b->rec;
	int first = 1;
	for (size_t i = 0; i < rec->n_paras; i++) {
		size_t ps = rec->paras[i].span.start, pe = rec->paras[i].span.end;
		if (pe > rec->text_len)
			pe = rec->text_len;
		if (ps >= pe)
			continue;
		W(newsml_body_nl(b->w, depth));
		W(xmlTextWriterStartElement(b->w, BAD_CAST "p"));
		if (first && !b->xhtml)
			W(xmlTextWriterWriteAttribute(b->w, BAD_CAST "lede", BAD_CAST "true"));
		first = 0;
		W(newsml_body_para_content(b, ps, pe));
		W(xmlTextWriterEndElement(b->w));
	}
	return 0;
}

/* NITF byline: "By <person>A</person> and <person>B</person>". */
static int newsml_body_nitf_byline(body_ctx *b)
{
	const np_metadata *m = &b->rec->meta;
	xmlTextWriterPtr w = b->w;
	W(xmlTextWriterStartElement(w, BAD_CAST "byline"));
	if (m->n_authors) {
		W(xmlTextWriterWriteString(w, BAD_CAST "By "));
		for (size_t i = 0; i < m->n_authors; i++) {
			if (i)
				W(xmlTextWriterWriteString(w, BAD_CAST(i + 1 == m->n_authors
				                                       ? " and " : ", ")));
			W(newsml_body_element(w, "person", m->authors[i]));
		}
	} else {
		char *t = np_newsml__clean(m->byline, strlen(m->byline),
		                           NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS);
		if (!t)
			return -1;
		int rc = xmlTextWriterWriteString(w, BAD_CAST t);
		free(t);
		W(rc);
	}
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* NITF dateline with the place marked: "<location>WASHINGTON</location> (AP)". */
static int newsml_body_nitf_dateline(body_ctx *b)
{
	const np_metadata *m = &b->rec->meta;
	xmlTextWriterPtr w = b->w;
	W(xmlTextWriterStartElement(w, BAD_CAST "dateline"));
	const char *d = m->dateline, *place = m->dateline_place;
	const char *at = NULL;
	size_t plen = place ? strlen(place) : 0;
	/* "PORTMERRIN" in the dateline for the place "Portmerrin" (a dateline
	 * is short: a huge one is written as is, not searched) */
	for (const char *c = d; plen && !at && *c && c - d < 4096; c++)
		if (strncasecmp(c, place, plen) == 0)
			at = c;
	if (at) {
		W(newsml_body_text(w, d, (size_t)(at - d)));
		/* the dateline's own spelling inside the mark */
		W(xmlTextWriterStartElement(w, BAD_CAST "location"));
		W(newsml_body_text(w, at, plen));
		W(xmlTextWriterEndElement(w));
		W(newsml_body_text(w, at + plen, strlen(at + plen)));
	} else {
		W(newsml_body_text(w, d, strlen(d)));
	}
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int newsml_body_nitf(body_ctx *b, const np_options *opts, const char *guid,
                            const char *lang)
{
	(void)opts;
	xmlTextWriterPtr w = b->w;
	const np_metadata *m = &b->rec->meta;
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "nitf", BAD_CAST NP_NITF_NS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "baselang", BAD_CAST lang));
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterStartElement(w, BAD_CAST "head"));
	W(newsml_body_nl(w, 5));
	W(newsml_body_element(w, "title", b->headline));
	W(newsml_body_nl(w, 5));
	W(xmlTextWriterStartElement(w, BAD_CAST "docdata"));
	W(xmlTextWriterStartElement(w, BAD_CAST "doc-id"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "id-string", BAD_CAST guid));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterEndElement(w)); /* head */
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterStartElement(w, BAD_CAST "body"));
	W(newsml_body_nl(w, 5));
	W(xmlTextWriterStartElement(w, BAD_CAST "body.head"));
	W(newsml_body_nl(w, 6));
	W(xmlTextWriterStartElement(w, BAD_CAST "hedline"));
	W(newsml_body_element(w, "hl1", b->headline));
	if (m->subheadline && *m->subheadline)
		W(newsml_body_element(w, "hl2", m->subheadline));
	W(xmlTextWriterEndElement(w));
	if ((m->byline && *m->byline) || m->n_authors) {
		W(newsml_body_nl(w, 6));
		W(newsml_body_nitf_byline(b));
	}
	if (m->dateline && *m->dateline) {
		W(newsml_body_nl(w, 6));
		W(newsml_body_nitf_dateline(b));
	}
	W(newsml_body_nl(w, 5));
	W(xmlTextWriterEndElement(w)); /* body.head */
	W(newsml_body_nl(w, 5));
	W(xmlTextWriterStartElement(w, BAD_CAST "body.content"));
	W(newsml_body_paragraphs(b, 6));
	W(newsml_body_nl(w, 5));
	W(xmlTextWriterEndElement(w)); /* body.content */
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterEndElement(w)); /* body */
	W(newsml_body_nl(w, 3));
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0; /* nitf */
}

static int newsml_body_xhtml(body_ctx *b, const char *lang)
{
	xmlTextWriterPtr w = b->w;
	const np_metadata *m = &b->rec->meta;
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "html", BAD_CAST NP_XHTML_NS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST lang));
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterStartElement(w, BAD_CAST "head"));
	W(newsml_body_element(w, "title", b->headline));
	W(xmlTextWriterEndElement(w));
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterStartElement(w, BAD_CAST "body"));
	W(newsml_body_nl(w, 5));
	W(newsml_body_element(w, "h1", b->headline));
	if (m->subheadline && *m->subheadline) {
		W(newsml_body_nl(w, 5));
		W(newsml_body_element(w, "h2", m->subheadline));
	}
	if (m->byline && *m->byline) {
		W(newsml_body_nl(w, 5));
		W(xmlTextWriterStartElement(w, BAD_CAST "p"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST "byline"));
		W(newsml_body_text(w, m->byline, strlen(m->byline)));
		W(xmlTextWriterEndElement(w));
	}
	if (m->dateline && *m->dateline) {
		W(newsml_body_nl(w, 5));
		W(xmlTextWriterStartElement(w, BAD_CAST "p"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST "dateline"));
		W(newsml_body_text(w, m->dateline, strlen(m->dateline)));
		W(xmlTextWriterEndElement(w));
	}
	W(newsml_body_paragraphs(b, 5));
	W(newsml_body_nl(w, 4));
	W(xmlTextWriterEndElement(w)); /* body */
	W(newsml_body_nl(w, 3));
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0; /* html */
}

int np_newsml__body(xmlTextWriterPtr w, const np_record *rec,
                    const np_options *opts, const char *guid)
{
	int derived;
	char *headline = np_newsml__headline(rec, &derived);
	if (!headline)
		return -1;
	body_ctx b;
	memset(&b, 0, sizeof b);
	b.w = w;
	b.rec = rec;
	b.headline = headline;
	b.xhtml = opts && opts->newsml_body == NP_NEWSML_BODY_XHTML;
	char lang[36];
	np_newsml__language(rec, lang);
	int rc = newsml_body_gather(&b);
	if (rc == 0)
		rc = b.xhtml ? newsml_body_xhtml(&b, lang) : newsml_body_nitf(&b, opts, guid, lang);
	free(b.marks);
	free(b.all);
	free(b.open_q);
	free(headline);
	return rc;
}

/* 0x80 in each byte of x that is zero, 0 elsewhere (exact, no borrow
 * between bytes). */
static uint64_t newsml_zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
	return ~(((x & low7) + low7) | x | low7);
}

/* Words of t[s, e): runs of bytes other than space, LF and TAB.  Eight
 * bytes at a time: a word starts at each non-space byte whose previous byte
 * is a space (the byte before s counts as one). */
static size_t newsml_words(const char *t, size_t s, size_t e)
{
	const uint64_t ones = 0x0101010101010101ull;
	size_t words = 0, k = s;
	uint64_t prev = 0x80; /* the byte before: a space */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; k + 8 <= e; k += 8) {
		uint64_t x;
		memcpy(&x, t + k, 8); /* little-endian: byte j of the text is byte j of x */
		uint64_t sp = newsml_zero_bytes(x ^ (ones * ' ')) |
		              newsml_zero_bytes(x ^ (ones * '\n')) |
		              newsml_zero_bytes(x ^ (ones * '\t'));
		uint64_t starts = ~sp & (ones << 7) & ((sp << 8) | prev);
		words += (size_t)(((starts >> 7) * ones) >> 56);
		prev = sp >> 56;
	}
#endif
	int in_word = !prev;
	for (; k < e; k++) {
		char c = t[k];
		int space = c == ' ' || c == '\n' || c == '\t';
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words;
}

size_t np_newsml__wordcount(const np_record *rec)
{
	size_t words = 0;
	for (size_t i = 0; i < rec->n_paras; i++) {
		size_t pe = rec->paras[i].span.end < rec->text_len
		            ? rec->paras[i].span.end : rec->text_len;
		if (rec->paras[i].span.start < pe)
			words += newsml_words(rec->text, rec->paras[i].span.start, pe);
	}
	return words;
}

size_t np_newsml__words(const char *t, size_t s, size_t e)
{
	return s < e ? newsml_words(t, s, e) : 0;
}

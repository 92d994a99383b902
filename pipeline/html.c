/* html.c - HTML input: the article's paragraphs and metadata from a page.
 *
 * The page is parsed with libxml2's HTML parser (recovering, no network).
 * Metadata: the title from og:title, else the first <h1>, else <title>; the
 * byline from <meta name="author"> (or article:author when it is not a URL);
 * the date from article:published_time (or name=date, itemprop=
 * datePublished), else the first <time datetime>; the language from
 * <html lang>; keywords from <meta name="keywords">.
 * Body: the <p> elements of the first <article>, else <main>, else
 * [role=main], else <body>, without script, style, nav, aside, header,
 * footer, figure (and noscript, form, template).  A page without any <p>
 * there falls back to its block elements (div, li, h2-h6, ...).
 *
 * rec->text becomes the paragraphs, whitespace collapsed, separated by blank
 * lines.  Offsets: libxml2 does not report byte positions, so the page's
 * character data is re-tokenised here (tags skipped, entities decoded, each
 * decoded byte remembering where it came from) and every text node used is
 * found in that stream in document order.  A decoded entity maps to the
 * entity's '&'; a collapsed whitespace run to its first character; a text
 * node that cannot be found (badly broken markup) maps to the position
 * reached so far. */
#define _GNU_SOURCE 1 /* memmem */
#include "stages.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define HTML_SEARCH_WINDOW 65536

/* ---- detection ------------------------------------------------------------ */

static int html_prefix(const char *t, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n >= k && strncasecmp(t, word, k) == 0;
}

/* HTML when the first non-blank character is '<' and a typical tag follows
 * within the first few KB. */
static int html_detect(const char *t, size_t n)
{
	size_t i = 0;
	while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n'))
		i++;
	if (i >= n || t[i] != '<')
		return 0;
	static const char *const tags[] = { "<!doctype html", "<html", "<head",
		"<body", "<article", "<title", "<meta", "<p>", "<p ", "<div", "<h1",
		"<main", "<section" };
	size_t lim = n - i < 4096 ? n - i : 4096;
	for (size_t j = i; j < i + lim; j++) {
		if (t[j] != '<')
			continue;
		for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
			if (html_prefix(t + j, i + lim - j, tags[k]))
				return 1;
	}
	return 0;
}

/* ---- the page's character data with positions ------------------------------ */

typedef struct html_stream {
	char *s;        /* decoded character data */
	uint32_t *pos;  /* s byte -> rec->text offset */
	size_t n, cap;
	int oom;
} html_stream;

static void html_stream_put(html_stream *st, const char *b, size_t k, size_t at)
{
	if (st->n + k + 1 > st->cap) {
		size_t ncap = st->cap ? st->cap * 2 : 4096;
		while (ncap < st->n + k + 1)
			ncap *= 2;
		char *s = realloc(st->s, ncap);
		if (s)
			st->s = s;
		uint32_t *p = realloc(st->pos, ncap * sizeof *p);
		if (p)
			st->pos = p;
		if (!s || !p) {
			st->oom = 1;
			return;
		}
		st->cap = ncap;
	}
	for (size_t j = 0; j < k; j++) {
		st->s[st->n] = b[j];
		st->pos[st->n++] = (uint32_t)at;
	}
}

/* An entity at t[i] ('&'): its code point and length, or 0. */
static uint32_t html_entity(const char *t, size_t i, size_t n, size_t *len)
{
	size_t j = i + 1;
	uint32_t cp = 0;
	if (j < n && t[j] == '#') {
		j++;
		int hex = j < n && (t[j] == 'x' || t[j] == 'X');
		if (hex)
			j++;
		size_t d0 = j;
		while (j < n && (hex ? isxdigit((unsigned char)t[j]) : isdigit((unsigned char)t[j])) &&
		       j - d0 < 8) {
			int v = isdigit((unsigned char)t[j]) ? t[j] - '0'
			        : (tolower((unsigned char)t[j]) - 'a' + 10);
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
			j++;
		}
		if (j == d0)
			return 0;
	} else {
		char name[40];
		size_t k = 0;
		while (j < n && isalnum((unsigned char)t[j]) && k < sizeof name - 1)
			name[k++] = t[j++];
		name[k] = '\0';
		if (!k)
			return 0;
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (!e)
			return 0;
		cp = e->value;
	}
	if (j < n && t[j] == ';')
		j++;
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	*len = j - i;
	return cp;
}

/* Skip a tag starting at t[i] == '<'; returns the index after it. Raw-text
 * elements (script, style) are skipped up to their end tag. */
static size_t html_skip_tag(const char *t, size_t i, size_t n)
{
	if (i + 3 < n && memcmp(t + i, "<!--", 4) == 0) {
		const char *e = NULL;
		for (size_t j = i + 4; j + 2 < n; j++)
			if (t[j] == '-' && t[j + 1] == '-' && t[j + 2] == '>') {
				e = t + j;
				break;
			}
		return e ? (size_t)(e - t) + 3 : n;
	}
	size_t j = i + 1;
	char q = 0;
	for (; j < n; j++) {
		if (q) {
			if (t[j] == q)
				q = 0;
		} else if (t[j] == '"' || t[j] == '\'') {
			if (t[j - 1] == '=' || t[j - 1] == ' ')
				q = t[j];
		} else if (t[j] == '>') {
			break;
		}
	}
	size_t end = j < n ? j + 1 : n;
	const char *raw = NULL;
	if (html_prefix(t + i, n - i, "<script"))
		raw = "</script";
	else if (html_prefix(t + i, n - i, "<style"))
		raw = "</style";
	if (raw) {
		size_t k = strlen(raw);
		for (size_t m = end; m + k <= n; m++)
			if (t[m] == '<' && strncasecmp(t + m, raw, k) == 0)
				return html_skip_tag(t, m, n);
		return n;
	}
	return end;
}

static void html_tokenise(html_stream *st, const char *t, size_t n)
{
	size_t i = 0;
	while (i < n && !st->oom) {
		char c = t[i];
		if (c == '<' && i + 1 < n &&
		    (isalpha((unsigned char)t[i + 1]) || t[i + 1] == '/' ||
		     t[i + 1] == '!' || t[i + 1] == '?')) {
			i = html_skip_tag(t, i, n);
			continue;
		}
		if (c == '&') {
			size_t len;
			uint32_t cp = html_entity(t, i, n, &len);
			if (cp) {
				char b[4];
				size_t k = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
				                                        (utf8proc_uint8_t *)b);
				html_stream_put(st, b, k, i);
				i += len;
				continue;
			}
		}
		html_stream_put(st, t + i, 1, i);
		i++;
	}
}

/* ---- building the new text ------------------------------------------------- */

typedef struct html_build {
	np_record *rec;
	html_stream st;
	size_t cursor;        /* stream position reached */
	char *t;              /* new text */
	uint32_t *map;        /* new text byte -> source byte */
	size_t o, cap;
	int oom;
	int in_para, para_empty, pending_space;
	size_t pending_pos;
	size_t n_paras;
} html_build;

static size_t html_src(const html_build *b, size_t text_off)
{
	return np_record__src(b->rec, text_off);
}

static void html_out(html_build *b, const char *s, size_t k, size_t src)
{
	if (b->o + k + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 4096;
		while (ncap < b->o + k + 1)
			ncap *= 2;
		char *t = realloc(b->t, ncap);
		if (t)
			b->t = t;
		uint32_t *m = realloc(b->map, (ncap + 1) * sizeof *m);
		if (m)
			b->map = m;
		if (!t || !m) {
			b->oom = 1;
			return;
		}
		b->cap = ncap;
	}
	for (size_t j = 0; j < k; j++) {
		b->t[b->o] = s[j];
		b->map[b->o++] = (uint32_t)src;
	}
}

static void html_para_begin(html_build *b)
{
	b->in_para = 1;
	b->para_empty = 1;
	b->pending_space = 0;
}

static void html_para_end(html_build *b)
{
	b->in_para = 0;
	b->pending_space = 0;
}

/* Append a visible character (bytes s[0, k)) from text offset `at`. */
static void html_put_char(html_build *b, const char *s, size_t k, size_t at)
{
	if (b->para_empty) {
		if (b->n_paras)
			html_out(b, "\n\n", 2, html_src(b, at));
		b->n_paras++;
		b->para_empty = 0;
	} else if (b->pending_space) {
		html_out(b, " ", 1, html_src(b, b->pending_pos));
	}
	b->pending_space = 0;
	for (size_t j = 0; j < k; j++)
		html_out(b, s + j, 1, html_src(b, at + j));
}

static void html_put_space(html_build *b, size_t at)
{
	if (!b->para_empty && !b->pending_space) {
		b->pending_space = 1;
		b->pending_pos = at;
	}
}

/* Append a text node's content, located in the stream. */
static void html_put_text(html_build *b, const char *c)
{
	size_t len = strlen(c);
	int visible = 0;
	for (size_t j = 0; j < len && !visible; j++)
		if (!strchr(" \t\n\r\f", c[j]))
			visible = 1;
	const html_stream *st = &b->st;
	size_t fallback = b->cursor < st->n ? st->pos[b->cursor]
	                                    : (st->n ? st->pos[st->n - 1] : 0);
	size_t found = SIZE_MAX;
	if (visible && len <= st->n - b->cursor) {
		size_t lim = st->n - b->cursor;
		if (lim > len + HTML_SEARCH_WINDOW)
			lim = len + HTML_SEARCH_WINDOW;
		const char *p = memmem(st->s + b->cursor, lim, c, len);
		if (p)
			found = (size_t)(p - st->s);
	}
	for (size_t j = 0; j < len;) {
		unsigned char ch = (unsigned char)c[j];
		size_t at = found != SIZE_MAX ? st->pos[found + j] : fallback;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
			html_put_space(b, at);
			j++;
			continue;
		}
		size_t k = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		if (j + k > len)
			k = len - j;
		if (found != SIZE_MAX) {
			for (size_t m = 0; m < k; m++)
				html_put_char(b, c + j + m, 1, st->pos[found + j + m]);
		} else {
			html_put_char(b, c + j, k, at);
		}
		j += k;
	}
	if (found != SIZE_MAX)
		b->cursor = found + len;
}

static int html_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

static int html_dropped(const xmlNode *n)
{
	static const char *const drop[] = { "script", "style", "nav", "aside",
		"header", "footer", "figure", "noscript", "form", "template",
		"button", "select", "iframe", "svg", "head" };
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		if (html_is(n, drop[i]))
			return 1;
	return 0;
}

static int html_block(const xmlNode *n)
{
	static const char *const blocks[] = { "p", "div", "section", "li", "ul",
		"ol", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th",
		"tr", "table", "dd", "dt", "dl", "article", "main", "center" };
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (html_is(n, blocks[i]))
			return 1;
	return 0;
}

/* Every text of the subtree, in order, into the current paragraph. */
static void html_collect(html_build *b, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && !b->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				html_put_text(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && !html_dropped(c)) {
			if (html_is(c, "br"))
				html_put_space(b, b->cursor < b->st.n ? b->st.pos[b->cursor] : 0);
			else
				html_collect(b, c);
		}
	}
}

/* The <p> elements below n; with `blocks`, every block element instead. */
static void html_walk(html_build *b, const xmlNode *n, int blocks)
{
	for (const xmlNode *c = n->children; c && !b->oom; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (html_dropped(c) || html_is(c, "h1"))
				continue;
			if (html_is(c, "p") || (blocks && html_block(c))) {
				if (blocks && html_block(c) && !html_is(c, "p")) {
					/* inner blocks split the paragraph */
					html_para_end(b);
					html_para_begin(b);
					html_walk(b, c, blocks);
					html_para_end(b);
					html_para_begin(b);
					continue;
				}
				html_para_end(b);
				html_para_begin(b);
				html_collect(b, c);
				html_para_end(b);
				if (blocks)
					html_para_begin(b);
			} else {
				html_walk(b, c, blocks);
			}
		} else if (blocks && (c->type == XML_TEXT_NODE ||
		                      c->type == XML_CDATA_SECTION_NODE)) {
			if (c->content)
				html_put_text(b, (const char *)c->content);
		}
	}
}

/* ---- metadata ------------------------------------------------------------------ */

static const xmlNode *html_find(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(c, name))
			return c;
		const xmlNode *r = html_find(c, name);
		if (r)
			return r;
	}
	return NULL;
}

static const xmlNode *html_find_role_main(const xmlNode *n)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *role = xmlGetProp(c, (const xmlChar *)"role");
		int hit = role && strcasecmp((const char *)role, "main") == 0;
		xmlFree(role);
		if (hit)
			return c;
		const xmlNode *r = html_find_role_main(c);
		if (r)
			return r;
	}
	return NULL;
}

/* The text content of a node, whitespace collapsed (malloc'd). */
static char *html_text_of(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	if (!raw)
		return NULL;
	char *s = (char *)raw, *o = s;
	int space = 0;
	for (char *p = s; *p; p++) {
		if (strchr(" \t\n\r\f", *p)) {
			space = o != s;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	*o = '\0';
	char *r = strdup(s);
	xmlFree(raw);
	return r;
}

typedef struct html_meta {
	char *og_title, *author, *date, *keywords, *description;
} html_meta;

static void html_take(char **slot, xmlChar *v)
{
	if (!*slot && v && *v)
		*slot = strdup((const char *)v);
}

static void html_scan_meta(const xmlNode *n, html_meta *m)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(c, "meta")) {
			xmlChar *key = xmlGetProp(c, (const xmlChar *)"property");
			if (!key)
				key = xmlGetProp(c, (const xmlChar *)"name");
			if (!key)
				key = xmlGetProp(c, (const xmlChar *)"itemprop");
			xmlChar *val = xmlGetProp(c, (const xmlChar *)"content");
			const char *k = (const char *)key;
			if (k && val) {
				if (!strcasecmp(k, "og:title"))
					html_take(&m->og_title, val);
				else if (!strcasecmp(k, "author") ||
				         (!strcasecmp(k, "article:author") &&
				          strncmp((const char *)val, "http", 4) != 0))
					html_take(&m->author, val);
				else if (!strcasecmp(k, "article:published_time") ||
				         !strcasecmp(k, "datePublished") ||
				         !strcasecmp(k, "date") || !strcasecmp(k, "pubdate") ||
				         !strcasecmp(k, "dc.date") ||
				         !strcasecmp(k, "dcterms.date"))
					html_take(&m->date, val);
				else if (!strcasecmp(k, "keywords") ||
				         !strcasecmp(k, "news_keywords"))
					html_take(&m->keywords, val);
			}
			xmlFree(key);
			xmlFree(val);
		}
		html_scan_meta(c, m);
	}
}

static void html_set(np_record *rec, const char *key, const char *value)
{
	if (value && *value)
		np_meta__set(rec, key, strlen(key), value, strlen(value));
}

static void html_metadata(np_record *rec, xmlDoc *doc, const xmlNode *container)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	html_meta m = { 0 };
	html_scan_meta(root, &m);
	char *title = m.og_title ? strdup(m.og_title) : NULL;
	if (!title) {
		const xmlNode *h1 = html_find(container, "h1");
		if (!h1)
			h1 = html_find(root, "h1");
		if (h1)
			title = html_text_of(h1);
	}
	if (!title || !*title) {
		free(title);
		const xmlNode *t = html_find(root, "title");
		title = t ? html_text_of(t) : NULL;
	}
	html_set(rec, "Headline", title);
	html_set(rec, "Byline", m.author);
	if (!m.date) {
		const xmlNode *tm = html_find(container, "time");
		if (!tm)
			tm = html_find(root, "time");
		xmlChar *dt = tm ? xmlGetProp(tm, (const xmlChar *)"datetime") : NULL;
		html_take(&m.date, dt);
		xmlFree(dt);
	}
	html_set(rec, "Date", m.date);
	html_set(rec, "Keywords", m.keywords);
	xmlChar *lang = root ? xmlGetProp(root, (const xmlChar *)"lang") : NULL;
	html_set(rec, "Language", (const char *)lang);
	xmlFree(lang);
	free(title);
	free(m.og_title);
	free(m.author);
	free(m.date);
	free(m.keywords);
	free(m.description);
}

/* ---- the stage ------------------------------------------------------------------ */

int np_stage_html(np_record *rec, np_ctx *ctx)
{
	np_input_format fmt = rec->opts ? rec->opts->input_format : NP_INPUT_AUTO;
	if (fmt == NP_INPUT_TEXT)
		return NP_OK;
	if (fmt == NP_INPUT_AUTO && !html_detect(rec->text, rec->text_len))
		return NP_OK;
	if (rec->text_len > INT32_MAX)
		return np_ctx_set_error(ctx, NP_ELIMIT, "%s: HTML page too large",
		                        rec->meta.source);
	xmlDoc *doc = htmlReadMemory(rec->text, (int)rec->text_len, NULL, "UTF-8",
	                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_NONET | HTML_PARSE_RECOVER |
	                             HTML_PARSE_IGNORE_ENC);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		xmlFreeDoc(doc);
		return np_ctx_set_error(ctx, NP_EPARSE, "%s: cannot be read as HTML",
		                        rec->meta.source);
	}
	const xmlNode *container = html_find(root, "article");
	if (!container)
		container = html_find(root, "main");
	if (!container)
		container = html_find_role_main(root);
	if (!container)
		container = html_find(root, "body");
	if (!container)
		container = root;

	html_build b;
	memset(&b, 0, sizeof b);
	b.rec = rec;
	html_tokenise(&b.st, rec->text, rec->text_len);
	html_walk(&b, container, 0);
	if (b.n_paras == 0 && !b.oom) {
		b.cursor = 0;
		html_para_begin(&b);
		html_walk(&b, container, 1);
		html_para_end(&b);
		if (b.n_paras)
			np_record__warn(rec, SIZE_MAX, "%s: no <p> in the article; "
			                "paragraphs taken from its block elements",
			                rec->meta.source);
	}
	int oom = b.oom || b.st.oom;
	if (!oom)
		html_metadata(rec, doc, container);
	xmlFreeDoc(doc);
	char *t = oom ? NULL : np_arena_alloc(rec->arena, b.o + 1);
	uint32_t *m = t ? np_arena_alloc(rec->arena, (b.o + 1) * sizeof *m) : NULL;
	if (m) {
		if (b.o) {
			memcpy(t, b.t, b.o);
			memcpy(m, b.map, b.o * sizeof *m);
		}
		t[b.o] = '\0';
		m[b.o] = (uint32_t)rec->src_len;
		/* Text found out of source order (recovered markup, a run the
		 * locator could not place) must not give a span whose source end
		 * lies before its start: keep the map non-decreasing. */
		for (size_t i = 1; i <= b.o; i++)
			if (m[i] < m[i - 1])
				m[i] = m[i - 1];
	}
	free(b.t);
	free(b.map);
	free(b.st.s);
	free(b.st.pos);
	if (!m)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory",
		                        rec->meta.source);
	if (b.n_paras == 0)
		np_record__warn(rec, SIZE_MAX, "%s: the HTML page has no article text",
		                rec->meta.source);
	rec->text = t;
	rec->text_len = b.o;
	rec->srcmap = m;
	rec->body_start = 0;
	rec->from_html = 1;
	return NP_OK;
}

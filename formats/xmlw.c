/* xmlw.c - see xmlw.h. */
#include "xmlw.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	size_t name;   /* offset of the name in `names` */
	size_t len;
	int open;      /* the start tag is not closed yet ("<name attr=..") */
} xw_elem;

struct np_xw {
	np_buf *out;
	xw_elem *el;
	size_t n, cap;
	np_buf names;  /* the open elements' names, one after the other */
	np_buf ns;     /* namespace declarations waiting for the start tag's end */
	int encoded;   /* start_document named an encoding (libxml2: the writer's
	                * document has one), so non-ASCII stays as it is */
	int err;
};

np_xw *np_xw_new(np_buf *out)
{
	np_xw *w = calloc(1, sizeof *w);
	if (w)
		w->out = out;
	return w;
}

void np_xw_free(np_xw *w)
{
	if (!w)
		return;
	free(w->el);
	np_buf_dispose(&w->names);
	np_buf_dispose(&w->ns);
	free(w);
}

static int xw_rc(np_xw *w)
{
	if (w->out->oom || w->names.oom || w->ns.oom)
		w->err = 1;
	return w->err ? -1 : 0;
}

/* Attribute value escaping (xmlBufAttrSerializeTxtContent): non-ASCII
 * becomes character references unless the document has an encoding. */
static void xw_attr_text(np_buf *o, const unsigned char *s, int encoded)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *base = s;
	while (*s) {
		const char *rep = NULL;
		switch (*s) {
		case '\n': rep = "&#10;"; break;
		case '\r': rep = "&#13;"; break;
		case '\t': rep = "&#9;"; break;
		case '"': rep = "&quot;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		default: break;
		}
		if (rep) {
			np_buf_put(o, base, (size_t)(s - base));
			np_buf_puts(o, rep);
			base = ++s;
			continue;
		}
		if (*s < 0x80 || s[1] == 0 || encoded) {
			s++;
			continue;
		}
		/* non-ASCII (assumed UTF-8): a hexadecimal character reference */
		np_buf_put(o, base, (size_t)(s - base));
		unsigned long v = 0;
		int l = 1;
		if (*s < 0xC0) {
			v = *s; /* a stray continuation byte: referenced as is */
		} else if (!s[1] || (*s >= 0xE0 && !s[2]) || (*s >= 0xF0 && *s < 0xF8 && !s[3])) {
			v = *s; /* cut short by the end of the string: never read past it */
		} else if (*s < 0xE0) {
			v = ((unsigned long)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
			l = 2;
		} else if (*s < 0xF0) {
			v = ((unsigned long)(s[0] & 0x0F) << 12) | ((unsigned long)(s[1] & 0x3F) << 6) |
			    (s[2] & 0x3F);
			l = 3;
		} else if (*s < 0xF8) {
			v = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3F) << 12) |
			    ((unsigned long)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
			l = 4;
		}
		int is_char = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
		              (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
		if (*s >= 0xC0 && (l == 1 || !is_char)) {
			v = *s; /* not a character: the byte is referenced */
			l = 1;
		}
		char ref[16];
		size_t k = 0, digits = 0;
		for (unsigned long t = v; t; t >>= 4)
			digits++;
		ref[k++] = '&';
		ref[k++] = '#';
		ref[k++] = 'x';
		for (size_t d = digits; d-- > 0;)
			ref[k++] = hex[(v >> (4 * d)) & 15];
		ref[k++] = ';';
		np_buf_put(o, ref, k);
		s += l;
		base = s;
	}
	np_buf_put(o, base, (size_t)(s - base));
}

/* Text escaping (xmlEncodeSpecialChars). */
static void xw_text(np_buf *o, const unsigned char *s)
{
	const unsigned char *base = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\r': rep = "&#13;"; break;
		default: continue;
		}
		np_buf_put(o, base, (size_t)(s - base));
		np_buf_puts(o, rep);
		base = s + 1;
	}
	np_buf_put(o, base, (size_t)(s - base));
}

/* Close the innermost start tag if it is open: its namespace declarations,
 * then '>'. */
static void xw_close_tag(np_xw *w)
{
	if (!w->n || !w->el[w->n - 1].open)
		return;
	if (w->ns.len)
		np_buf_put(w->out, w->ns.data, w->ns.len);
	np_buf_reset(&w->ns);
	np_buf_putc(w->out, '>');
	w->el[w->n - 1].open = 0;
}

int np_xw_start_document(np_xw *w, const char *version, const char *encoding,
                         const char *standalone)
{
	if (w->n)
		return -1;
	np_buf_puts(w->out, "<?xml version=\"");
	np_buf_puts(w->out, version ? version : "1.0");
	np_buf_putc(w->out, '"');
	if (encoding) {
		w->encoded = 1;
		np_buf_puts(w->out, " encoding=\"");
		np_buf_puts(w->out, encoding);
		np_buf_putc(w->out, '"');
	}
	if (standalone) {
		np_buf_puts(w->out, " standalone=\"");
		np_buf_puts(w->out, standalone);
		np_buf_putc(w->out, '"');
	}
	np_buf_puts(w->out, "?>\n");
	return xw_rc(w);
}

int np_xw_start_element(np_xw *w, const xmlChar *name)
{
	if (!name || !*name)
		return -1;
	xw_close_tag(w);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		xw_elem *el = realloc(w->el, cap * sizeof *el);
		if (!el) {
			w->err = 1;
			return -1;
		}
		w->el = el;
		w->cap = cap;
	}
	size_t len = strlen((const char *)name);
	w->el[w->n++] = (xw_elem){ w->names.len, len, 1 };
	np_buf_put(&w->names, name, len);
	np_buf_putc(w->out, '<');
	np_buf_put(w->out, name, len);
	return xw_rc(w);
}

int np_xw_start_element_ns(np_xw *w, const xmlChar *prefix, const xmlChar *name,
                           const xmlChar *uri)
{
	np_buf q = NP_BUF_INIT;
	if (prefix) {
		np_buf_puts(&q, (const char *)prefix);
		np_buf_putc(&q, ':');
	}
	np_buf_puts(&q, (const char *)name);
	int rc = q.oom ? -1 : np_xw_start_element(w, (const xmlChar *)q.data);
	np_buf_dispose(&q);
	if (rc < 0 || !uri)
		return rc;
	/* declared when the start tag closes, after its other attributes */
	np_buf_puts(&w->ns, " xmlns");
	if (prefix) {
		np_buf_putc(&w->ns, ':');
		np_buf_puts(&w->ns, (const char *)prefix);
	}
	np_buf_puts(&w->ns, "=\"");
	xw_attr_text(&w->ns, uri, w->encoded);
	np_buf_putc(&w->ns, '"');
	return xw_rc(w);
}

int np_xw_end_element(np_xw *w)
{
	if (!w->n)
		return -1;
	xw_elem *e = &w->el[w->n - 1];
	if (e->open) {
		if (w->ns.len)
			np_buf_put(w->out, w->ns.data, w->ns.len);
		np_buf_reset(&w->ns);
		np_buf_puts(w->out, "/>");
	} else {
		np_buf_puts(w->out, "</");
		np_buf_put(w->out, w->names.data + e->name, e->len);
		np_buf_putc(w->out, '>');
	}
	w->names.len = e->name;
	w->n--;
	return xw_rc(w);
}

int np_xw_write_attribute(np_xw *w, const xmlChar *name, const xmlChar *value)
{
	if (!w->n || !w->el[w->n - 1].open || !name || !*name)
		return -1;
	np_buf_putc(w->out, ' ');
	np_buf_puts(w->out, (const char *)name);
	np_buf_puts(w->out, "=\"");
	if (value)
		xw_attr_text(w->out, value, w->encoded);
	np_buf_putc(w->out, '"');
	return xw_rc(w);
}

int np_xw_write_string(np_xw *w, const xmlChar *content)
{
	if (!content)
		return -1;
	if (!w->n) /* outside any element xmlTextWriter writes it as is */
		return np_xw_write_raw(w, content);
	xw_close_tag(w);
	xw_text(w->out, content);
	return xw_rc(w);
}

int np_xw_write_element(np_xw *w, const xmlChar *name, const xmlChar *content)
{
	if (np_xw_start_element(w, name) < 0)
		return -1;
	if (content && np_xw_write_string(w, content) < 0)
		return -1;
	return np_xw_end_element(w);
}

int np_xw_write_raw_len(np_xw *w, const xmlChar *content, int len)
{
	if (!content || len < 0)
		return -1;
	xw_close_tag(w);
	np_buf_put(w->out, content, (size_t)len);
	return xw_rc(w);
}

int np_xw_write_raw(np_xw *w, const xmlChar *content)
{
	if (!content)
		return -1;
	return np_xw_write_raw_len(w, content, (int)strlen((const char *)content));
}

int np_xw_end_document(np_xw *w)
{
	while (w->n)
		if (np_xw_end_element(w) < 0)
			return -1;
	np_buf_putc(w->out, '\n');
	return xw_rc(w);
}

int np_xw_flush(np_xw *w) { return xw_rc(w); }

/* check_xmlw.c - the NewsML exporter's XML writer (formats/xmlw.c) against
 * libxml2's xmlTextWriter, which it replaced: the same calls, made at
 * random, must give the same bytes. */
#include "np_check.h"
#include "xmlw.h"

#include <libxml/xmlwriter.h>

static int lx_write(void *ctx, const char *data, int len)
{
	return np_buf_put(ctx, data, (size_t)len) < 0 ? -1 : len;
}

static int lx_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The writer newsml.c used: xmlTextWriter onto an np_buf. */
static xmlTextWriterPtr lx_new(np_buf *b)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(lx_write, lx_close, b, NULL);
	ck_assert_ptr_nonnull(ob);
	xmlTextWriterPtr w = xmlNewTextWriter(ob);
	ck_assert_ptr_nonnull(w);
	return w;
}

static unsigned long rnd_state = 4242;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rnd_state >> 33) % n;
}

/* Valid UTF-8 (what the exporter passes, cleaned) with everything either
 * writer escapes: markup characters, quotes, CR LF TAB, non-ASCII of every
 * length, and U+FFFE (not an XML character). */
static void rnd_text(char *s, size_t cap)
{
	static const char *const pieces[] = { "a", "Z", " ", "<", ">", "&", "\"", "'", "\r",
		"\n", "\t", "é", "Č", "€", "—", "北京", "😀", "\xef\xbf\xbe", "]]>", "&amp;",
		"x y", "0" };
	size_t n = 0, want = rnd(10);
	s[0] = '\0';
	for (size_t i = 0; i < want; i++) {
		const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
		size_t l = strlen(p);
		if (n + l + 1 >= cap)
			break;
		memcpy(s + n, p, l + 1);
		n += l;
	}
}

static const char *const names[] = { "p", "item", "title", "ns:el", "a-b" };

/* One random document through both writers; the bytes must agree. */
static void one_run(int with_decl)
{
	np_buf a = NP_BUF_INIT, b = NP_BUF_INIT;
	xmlTextWriterPtr lx = lx_new(&a);
	np_xw *xw = np_xw_new(&b);
	ck_assert_ptr_nonnull(xw);
	char text[256];
	int depth = 0;
	if (with_decl) {
		ck_assert_int_ge(xmlTextWriterStartDocument(lx, "1.0", "UTF-8", NULL), 0);
		ck_assert_int_eq(np_xw_start_document(xw, "1.0", "UTF-8", NULL), 0);
	}
	ck_assert_int_ge(xmlTextWriterStartElementNS(lx, NULL, BAD_CAST "root",
	                                             BAD_CAST "urn:x:é&\"<"), 0);
	ck_assert_int_eq(np_xw_start_element_ns(xw, NULL, BAD_CAST "root",
	                                        BAD_CAST "urn:x:é&\"<"), 0);
	depth++;
	int open_tag = 1; /* attributes may follow */
	for (int op = 0; op < 60; op++) {
		const xmlChar *name = BAD_CAST names[rnd(5)];
		rnd_text(text, sizeof text);
		switch (rnd(9)) {
		case 0:
			ck_assert_int_ge(xmlTextWriterStartElement(lx, name), 0);
			ck_assert_int_eq(np_xw_start_element(xw, name), 0);
			depth++;
			open_tag = 1;
			break;
		case 1:
			if (depth > 1) {
				ck_assert_int_ge(xmlTextWriterEndElement(lx), 0);
				ck_assert_int_eq(np_xw_end_element(xw), 0);
				depth--;
				open_tag = 0;
			}
			break;
		case 2:
		case 3:
			if (open_tag) {
				ck_assert_int_ge(xmlTextWriterWriteAttribute(lx, name, BAD_CAST text), 0);
				ck_assert_int_eq(np_xw_write_attribute(xw, name, BAD_CAST text), 0);
			}
			break;
		case 4:
			ck_assert_int_ge(xmlTextWriterWriteString(lx, BAD_CAST text), 0);
			ck_assert_int_eq(np_xw_write_string(xw, BAD_CAST text), 0);
			open_tag = 0;
			break;
		case 5:
			ck_assert_int_ge(xmlTextWriterWriteElement(lx, name, BAD_CAST text), 0);
			ck_assert_int_eq(np_xw_write_element(xw, name, BAD_CAST text), 0);
			open_tag = 0;
			break;
		case 6: {
			int len = (int)rnd((unsigned)strlen(text) + 1);
			ck_assert_int_ge(xmlTextWriterWriteRawLen(lx, BAD_CAST text, len), 0);
			ck_assert_int_eq(np_xw_write_raw_len(xw, BAD_CAST text, len), 0);
			open_tag = 0;
			break;
		}
		case 7:
			ck_assert_int_ge(xmlTextWriterStartElementNS(lx, NULL, name, BAD_CAST "urn:y"), 0);
			ck_assert_int_eq(np_xw_start_element_ns(xw, NULL, name, BAD_CAST "urn:y"), 0);
			depth++;
			open_tag = 1;
			break;
		default:
			ck_assert_int_ge(xmlTextWriterFlush(lx), 0);
			ck_assert_int_eq(np_xw_flush(xw), 0);
			ck_assert_msg(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
			              "mid-way:\nlibxml2: %s\n   xmlw: %s", a.data, b.data);
		}
	}
	ck_assert_int_ge(xmlTextWriterWriteRaw(lx, BAD_CAST "\n"), 0);
	ck_assert_int_eq(np_xw_write_raw(xw, BAD_CAST "\n"), 0);
	if (with_decl) {
		ck_assert_int_ge(xmlTextWriterEndDocument(lx), 0);
		ck_assert_int_eq(np_xw_end_document(xw), 0);
	} else {
		while (depth-- > 0) {
			ck_assert_int_ge(xmlTextWriterEndElement(lx), 0);
			ck_assert_int_eq(np_xw_end_element(xw), 0);
		}
	}
	ck_assert_int_ge(xmlTextWriterFlush(lx), 0);
	xmlFreeTextWriter(lx);
	ck_assert_msg(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	              "libxml2: %s\n   xmlw: %s", a.data, b.data);
	np_xw_free(xw);
	np_buf_dispose(&a);
	np_buf_dispose(&b);
}

/* Raw writes cut UTF-8 sequences and U+FFFE is no XML character: libxml2
 * complains on stderr (the bytes still agree); keep the log quiet. */
static void lx_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

START_TEST(same_bytes_as_xmltextwriter)
{
	xmlSetGenericErrorFunc(NULL, lx_quiet);
	for (int i = 0; i < 400; i++)
		one_run(i % 2);
}
END_TEST

/* The cases the exporter relies on, spelled out. */
START_TEST(empty_elements_and_closing)
{
	np_buf b = NP_BUF_INIT;
	np_xw *w = np_xw_new(&b);
	ck_assert_int_eq(np_xw_start_element_ns(w, NULL, BAD_CAST "a", BAD_CAST "urn:a"), 0);
	ck_assert_int_eq(np_xw_write_attribute(w, BAD_CAST "k", BAD_CAST "v\n\"é"), 0);
	ck_assert_int_eq(np_xw_write_element(w, BAD_CAST "e", BAD_CAST ""), 0);
	ck_assert_int_eq(np_xw_start_element(w, BAD_CAST "f"), 0);
	ck_assert_int_eq(np_xw_end_element(w), 0);
	ck_assert_int_eq(np_xw_write_raw_len(w, BAD_CAST "", 0), 0);
	ck_assert_int_eq(np_xw_end_document(w), 0);
	ck_assert_str_eq(b.data, "<a k=\"v&#10;&quot;&#xE9;\" xmlns=\"urn:a\"><e></e><f/></a>\n");
	ck_assert_int_eq(np_xw_end_element(w), -1); /* nothing open */
	np_xw_free(w);
	np_buf_dispose(&b);
}
END_TEST

static Suite *xmlw_suite(void)
{
	Suite *s = suite_create("xmlw");
	TCase *tc = tcase_create("xmlw");
	tcase_add_test(tc, same_bytes_as_xmltextwriter);
	tcase_add_test(tc, empty_elements_and_closing);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(xmlw_suite)

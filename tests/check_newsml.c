/* check_newsml.c - the NewsML-G2 exporter: structure (XPath), inline marks,
 * escaping, determinism, the batch message; every output validated against
 * the NewsML-G2 2.35 + NITF 3.6 schema. */
#include "np_newsml_test.h"
#include "newsml.h"

#define LQ "\xe2\x80\x9c" /* “ */
#define RQ "\xe2\x80\x9d" /* ” */

#define STORY                                                                  \
	"WASHINGTON (AP) \xe2\x80\x94 Foreign ministers met in Geneva on Friday.\n\n" \
	"" LQ "We will not accept delays," RQ " State Department "      \
	"spokeswoman Ada Lark said. Lark spoke to the press.\n\n"                   \
	"The Harbour Agency said talks would go on in Geneva."

/* A full record: metadata, entities, a quote, a warning. */
static np_record *story(void)
{
	np_record *r = nt_record("world/geneva-talks", STORY);
	np_metadata *m = &r->meta;
	m->headline = "Ministers <b>meet</b> in Geneva";
	m->subheadline = "Talks go on";
	m->byline = "Jo Reed and Sam Patel";
	static const char *authors[] = { "Jo Reed", "Sam Patel" };
	m->authors = authors;
	m->n_authors = 2;
	m->date = "2016-09-16T14:30:00+02:00";
	m->dateline = "WASHINGTON (AP)";
	m->dateline_place = "WASHINGTON";
	m->language = "en_US";
	m->provider = "Example News";
	m->copyright = "Copyright 2016 Example News. All rights reserved.";
	m->source_name = "Example Wire";
	m->keywords = "diplomacy, Geneva";
	nt_entity(r, NP_ENT_PERSON, "Ada Lark", "State Department spokeswoman",
	          "Ada Lark", "Lark", (const char *)NULL);
	nt_entity(r, NP_ENT_ORG, "State Department", NULL, "State Department",
	          (const char *)NULL);
	nt_entity(r, NP_ENT_ORG, "Harbour Agency", NULL, "Harbour Agency", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Geneva", NULL, "Geneva", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Washington", NULL, "WASHINGTON", (const char *)NULL);
	nt_quote(r, "We will not accept delays,", "Ada Lark", "State Department spokeswoman");
	ck_assert_int_eq(np_record__warn(r, 12, "repaired 1 byte of bad UTF-8"), 0);
	return r;
}

START_TEST(item_is_complete_and_valid)
{
	np_record *r = story();
	np_options o = NP_OPTIONS_INIT;
	o.now = 1474000000; /* 2016-09-16T04:26:40Z */
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	const char *guid = np_record_guid(r, &o);
	nt_assert_xpath(d, "string(/g:newsItem/@guid)", guid);
	ck_assert(strncmp(guid, "urn:newsml:Example-News:20160916:", 33) == 0);
	nt_assert_xpath(d, "string(/g:newsItem/@version)", "1");
	nt_assert_xpath(d, "string(/g:newsItem/@standard)", "NewsML-G2");
	nt_assert_xpath(d, "string(/g:newsItem/@standardversion)", "2.35");
	nt_assert_xpath(d, "string(/g:newsItem/@conformance)", "power");
	nt_assert_xpath(d, "string(/g:newsItem/@xml:lang)", "en-US");
	nt_assert_xpath(d, "string(/g:newsItem/*[1]/self::g:catalogRef/@href)",
	                "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml");
	nt_assert_xpath(d, "string(//g:rightsInfo/g:copyrightHolder/g:name)", "Example News");
	nt_assert_xpath(d, "string(//g:rightsInfo/g:copyrightNotice)",
	                "Copyright 2016 Example News. All rights reserved.");
	nt_assert_xpath(d, "string(//g:itemMeta/g:itemClass/@qcode)", "ninat:text");
	nt_assert_xpath(d, "string(//g:itemMeta/g:provider/g:name)", "Example News");
	nt_assert_xpath(d, "string(//g:itemMeta/g:versionCreated)", "2016-09-16T04:26:40Z");
	nt_assert_xpath(d, "string(//g:itemMeta/g:firstCreated)", "2016-09-16T04:26:40Z");
	nt_assert_xpath(d, "string(//g:itemMeta/g:pubStatus/@qcode)", "stat:usable");
	nt_assert_xpath(d, "string(//g:itemMeta/g:edNote)",
	                "input byte 12: repaired 1 byte of bad UTF-8");
	nt_assert_xpath(d, "string(//g:contentMeta/g:contentCreated)", "2016-09-16T14:30:00+02:00");
	nt_assert_xpath(d, "string(//g:contentMeta/g:located/@literal)", "Washington");
	nt_assert_xpath(d, "string(//g:contentMeta/g:located/@type)", "cpnat:geoArea");
	nt_assert_xpath(d, "string(count(//g:contentMeta/g:creator))", "2");
	nt_assert_xpath(d, "string(//g:contentMeta/g:creator[2]/g:name)", "Sam Patel");
	nt_assert_xpath(d, "string(//g:contentMeta/g:language/@tag)", "en-US");
	nt_assert_xpath(d, "string(count(//g:contentMeta/g:keyword))", "2");
	nt_assert_xpath(d, "string(count(//g:subject))", "5");
	nt_assert_xpath(d, "string(//g:subject[@literal='Ada Lark']/@type)", "cpnat:person");
	nt_assert_xpath(d, "string(//g:subject[@literal='Ada Lark']/g:name)", "Ada Lark");
	nt_assert_xpath(d, "string(//g:subject[@literal='State Department']/@type)",
	                "cpnat:organisation");
	nt_assert_xpath(d, "string(//g:subject[@literal='Geneva']/@type)", "cpnat:geoArea");
	nt_assert_xpath(d, "string(//g:contentMeta/g:slugline)", "MINISTERS-MEET-GENEVA");
	nt_assert_xpath(d, "string(//g:contentMeta/g:headline)", "Ministers meet in Geneva");
	nt_assert_xpath(d, "string(//g:contentMeta/g:dateline)", "WASHINGTON (AP)");
	nt_assert_xpath(d, "string(//g:contentMeta/g:by)", "Jo Reed and Sam Patel");
	nt_assert_xpath(d, "string(//g:contentMeta/g:creditline)", "Example Wire");
	nt_assert_xpath(d, "string(//g:description/@role)", "drol:summary");
	/* the summary leaves the dateline out */
	nt_assert_xpath(d, "string(//g:description)", "Foreign ministers met in Geneva on Friday.");
	/* the person's role reaches the desk */
	nt_assert_xpath(d, "string(count(//g:assert))", "1");
	nt_assert_xpath(d, "string(//g:assert/@literal)", "Ada Lark");
	nt_assert_xpath(d, "string(//g:assert/g:type/@qcode)", "cpnat:person");
	nt_assert_xpath(d, "string(//g:assert/g:note)", "State Department spokeswoman");
	nt_assert_xpath(d, "string(//g:assert/g:personDetails/g:affiliation/@literal)",
	                "State Department");
	/* the NITF body */
	nt_assert_xpath(d, "string(//g:inlineXML/@contenttype)", "application/nitf+xml");
	nt_assert_xpath(d, "string(count(//g:inlineXML/*))", "1");
	nt_assert_xpath(d, "string(//n:body.head/n:hedline/n:hl1)", "Ministers meet in Geneva");
	nt_assert_xpath(d, "string(//n:body.head/n:hedline/n:hl2)", "Talks go on");
	nt_assert_xpath(d, "string(//n:body.head/n:byline)", "By Jo Reed and Sam Patel");
	nt_assert_xpath(d, "string(count(//n:body.head/n:byline/n:person))", "2");
	nt_assert_xpath(d, "string(//n:body.head/n:dateline/n:location)", "WASHINGTON");
	nt_assert_xpath(d, "string(count(//n:body.content/n:p))", "3");
	nt_assert_xpath(d, "string(//n:q/@quote-source)", "Ada Lark");
	nt_assert_xpath(d, "string(//n:q)", "We will not accept delays,");
	nt_assert_xpath(d, "string(count(//n:p[2]/n:person))", "2");
	nt_assert_xpath(d, "string(//n:p[2]/n:person[2])", "Lark");
	nt_assert_xpath(d, "string(//n:p[2]/n:person[2]/@value)", "Ada Lark");
	nt_assert_xpath(d, "string(count(//n:p/n:location[.='Geneva']))", "2");
	nt_assert_xpath(d, "string(//n:p[3]/n:org)", "Harbour Agency");
	/* the text survives the marks untouched */
	nt_assert_xpath(d, "string(//n:p[2])",
	                "" LQ "We will not accept delays," RQ " State Department "
	                "spokeswoman Ada Lark said. Lark spoke to the press.");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(element_order_follows_the_schema)
{
	np_record *r = story();
	np_options o = NP_OPTIONS_INIT;
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	static const char *const order[] = { "<catalogRef", "<rightsInfo", "<itemMeta",
		"<contentMeta", "<contentCreated", "<located", "<creator", "<language",
		"<keyword", "<subject", "<slugline", "<headline", "<dateline", "<by>",
		"<creditline", "<description", "<assert", "<contentSet", NULL };
	const char *prev = b.data;
	for (size_t i = 0; order[i]; i++) {
		const char *at = strstr(b.data, order[i]);
		ck_assert_msg(at && at >= prev, "%s out of order", order[i]);
		prev = at;
	}
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(overlapping_marks_nest_or_drop)
{
	/* "Bo Tan" sits inside a quote; "Rim Sea" crosses the quote's end; a
	 * quote is nested in a quote; two entities share a span; an entity
	 * runs over a quote's start. */
	const char *text =
		"" LQ "Ask Bo Tan about the Rim Sea plan," RQ " Kim said. "
		"" LQ "He told me \"never again\" twice," RQ " she said.\n\n"
		"Port Vale said " LQ "yes" RQ ".";
	np_record *r = nt_record("overlap", text);
	nt_entity(r, NP_ENT_PERSON, "Bo Tan", NULL, "Bo Tan", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Rim Sea", NULL, "Rim Sea plan," RQ " Kim",
	          (const char *)NULL);
	nt_entity(r, NP_ENT_PERSON, "Kim Lo", NULL, "Kim", (const char *)NULL);
	nt_entity(r, NP_ENT_ORG, "Kim Group", NULL, "Kim", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Port Vale", NULL, "Port Vale said " LQ "yes",
	          (const char *)NULL);
	nt_quote(r, "Ask Bo Tan about the Rim Sea plan,", "Kim Lo", NULL);
	nt_quote(r, "He told me \"never again\" twice,", "Kim Lo", NULL);
	nt_quote(r, "never again", "Kim Lo", NULL);
	nt_quote(r, "yes", NULL, NULL);
	np_options o = NP_OPTIONS_INIT;
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(count(//n:q))", "4");
	nt_assert_xpath(d, "string(//n:p[1]/n:q[1]/n:person)", "Bo Tan");
	nt_assert_xpath(d, "string(count(//n:location))", "0"); /* both cross a quote */
	nt_assert_xpath(d, "string(//n:p[1]/n:q[2]/n:q)", "never again");
	nt_assert_xpath(d, "string(//n:p[1]/n:q[2]/n:q/@quote-source)", "Kim Lo");
	/* one mark for the shared span, never one inside the other */
	nt_assert_xpath(d, "string(count(//n:p[1]/n:person[.='Kim']|//n:p[1]/n:org[.='Kim']))",
	                "1");
	nt_assert_xpath(d, "string(count(//n:person/* | //n:org/*))", "0");
	nt_assert_xpath(d, "string(//n:p[2]/n:q)", "yes");
	nt_assert_xpath(d, "string(count(//n:p[2]/n:q/@quote-source))", "0");
	nt_assert_xpath(d, "string(//n:p[1])",
	                "" LQ "Ask Bo Tan about the Rim Sea plan," RQ " Kim said. "
	                "" LQ "He told me \"never again\" twice," RQ " she said.");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(marks_starting_together_nest_or_drop)
{
	/* The sweep over kept quotes must see a quote that starts with an
	 * entity but sorts after it (being shorter): "Rim Sea plan" crosses
	 * the end of the quote "Rim Sea" and is dropped; "Port Vale" inside
	 * the quote that starts with it is kept; "Dell Bay" after every
	 * quote is kept; "calm, Ann" crosses a quote's end. */
	const char *text =
		"Our Rim Sea plan works, Kim said.\n\n"
		"Port Vale is calm, Ann said of Dell Bay.";
	np_record *r = nt_record("together", text);
	nt_entity(r, NP_ENT_PLACE, "Rim Sea plan", NULL, "Rim Sea plan", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Port Vale", NULL, "Port Vale", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Dell Bay", NULL, "Dell Bay", (const char *)NULL);
	nt_entity(r, NP_ENT_PERSON, "calm Ann", NULL, "calm, Ann", (const char *)NULL);
	nt_quote(r, "Rim Sea", NULL, NULL);
	nt_quote(r, "Port Vale is calm", NULL, NULL);
	np_options o = NP_OPTIONS_INIT;
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(count(//n:q))", "2");
	nt_assert_xpath(d, "string(count(//n:p[1]/n:location))", "0");
	nt_assert_xpath(d, "string(//n:p[2]/n:q/n:location)", "Port Vale");
	nt_assert_xpath(d, "string(//n:p[2]/n:location)", "Dell Bay");
	nt_assert_xpath(d, "string(count(//n:person))", "0");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(quote_over_two_paragraphs_is_marked_in_each)
{
	np_record *r = nt_record("two", "" LQ "First part.\n\nSecond part," RQ " Al said.");
	nt_entity(r, NP_ENT_PERSON, "Al Bo", NULL, "Al", (const char *)NULL);
	np_quote q;
	memset(&q, 0, sizeof q);
	q.type = NP_QUOTE_DIRECT;
	q.span = (np_span){ 3, strstr(r->text, ",") + 1 - r->text };
	q.speaker_name = "Al Bo";
	q.speaker = 0;
	ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->quotes, r->n_quotes, r->cap_quotes, q), 0);
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//n:p[1]/n:q)", "First part.");
	nt_assert_xpath(d, "string(//n:p[2]/n:q)", "Second part,");
	nt_assert_xpath(d, "string(//n:p[2]/n:q/@quote-source)", "Al Bo");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(hard_wrapped_lines_become_spaces)
{
	np_record *r = nt_record("wrap", "A line that was\nwrapped by hand\nin the file.\n\nNext.");
	r->meta.headline = "Wrapped\nheadline";
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//n:p[1])", "A line that was wrapped by hand in the file.");
	nt_assert_xpath(d, "string(//g:headline)", "Wrapped headline");
	xmlFreeDoc(d);
	ck_assert_ptr_null(strstr(b.data, "&#10;"));
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(escaping_and_illegal_characters)
{
	const char *text = "Tom & Jerry <said> \"hi\" ]]> end\x01\x0b here \xff\xfe "
	                   "\xef\xbf\xbe \xed\xa0\x80 ok \xc3\xa9.";
	np_record *r = nt_record("esc", text);
	r->meta.headline = "A&B <i>x</i> ]]> \"q\"\x02";
	r->meta.byline = "X \x1f Y";
	nt_entity(r, NP_ENT_PERSON, "Tom & \"Jerry\" <x>", NULL, "Tom", (const char *)NULL);
	nt_quote(r, "hi", "Tom & \"Jerry\" <x>", NULL);
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	for (int xhtml = 0; xhtml < 2; xhtml++) {
		o.newsml_body = xhtml ? NP_NEWSML_BODY_XHTML : NP_NEWSML_BODY_NITF;
		np_buf_reset(&b);
		nt_render(&b, r, &o);
		ck_assert_ptr_null(strstr(b.data, "]]>"));
		for (size_t i = 0; i < b.len; i++) {
			unsigned char c = (unsigned char)b.data[i];
			ck_assert_msg(c >= 0x20 || c == '\n' || c == '\t' || c == '\r',
			              "control byte 0x%02x at %zu", c, i);
		}
		xmlDocPtr d = nt_parse(&b);
		const char *p = xhtml ? "string(//h:p[not(@class)][1])" : "string(//n:p[1])";
		nt_assert_xpath(d, p, "Tom & Jerry <said> \"hi\" ]]> end\xef\xbf\xbd\xef\xbf\xbd here "
		                      "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd"
		                      "\xef\xbf\xbd ok \xc3\xa9.");
		nt_assert_xpath(d, "string(//g:headline)", "A&B x ]]> \"q\"\xef\xbf\xbd");
		nt_assert_xpath(d, "string(//g:subject/@literal)", "Tom & \"Jerry\" <x>");
		if (!xhtml)
			nt_assert_xpath(d, "string(//n:q/@quote-source)", "Tom & \"Jerry\" <x>");
		else
			nt_assert_xpath(d, "string(//h:q/@title)", "Tom & \"Jerry\" <x>");
		xmlFreeDoc(d);
		nt_assert_valid(b.data, b.len);
	}
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(same_input_gives_same_bytes)
{
	np_options o = NP_OPTIONS_INIT;
	o.now = 1700000000;
	np_buf a = NP_BUF_INIT, b = NP_BUF_INIT;
	np_record *r1 = story(), *r2 = story();
	nt_render(&a, r1, &o);
	nt_render(&b, r2, &o);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	np_record_free(r1);
	np_record_free(r2);
	/* through the whole pipeline too */
	np_record *p1 = np_test_process("x", "Headline here\n\n" LQ "Yes," RQ " Bo Li said.\n");
	np_record *p2 = np_test_process("x", "Headline here\n\n" LQ "Yes," RQ " Bo Li said.\n");
	np_buf_reset(&a);
	np_buf_reset(&b);
	nt_render(&a, p1, &o);
	nt_render(&b, p2, &o);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	np_record_free(p1);
	np_record_free(p2);
	np_buf_dispose(&a);
	np_buf_dispose(&b);
}
END_TEST

START_TEST(clock_comes_from_options_then_date_then_epoch)
{
	np_record *r = nt_record("clock", "Text.");
	np_options o = NP_OPTIONS_INIT;
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:versionCreated)", "1970-01-01T00:00:00Z");
	ck_assert(strstr(np_record_guid(r, &o), ":19700101:"));
	xmlFreeDoc(d);
	r->meta.date = "2015-03-02";
	np_buf_reset(&b);
	nt_render(&b, r, &o);
	d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:versionCreated)", "2015-03-02T00:00:00Z");
	nt_assert_xpath(d, "string(//g:contentCreated)", "2015-03-02T00:00:00Z");
	xmlFreeDoc(d);
	o.now = 86400 * 365;
	np_buf_reset(&b);
	nt_render(&b, r, &o);
	d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:versionCreated)", "1971-01-01T00:00:00Z");
	nt_assert_xpath(d, "string(//g:contentCreated)", "2015-03-02T00:00:00Z");
	xmlFreeDoc(d);
	/* a date that is not one is ignored, never copied */
	r->meta.date = "2015-13-45";
	o.now = -1;
	np_buf_reset(&b);
	nt_render(&b, r, &o);
	d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:versionCreated)", "1970-01-01T00:00:00Z");
	ck_assert_msg(strstr(np_record_guid(r, &o), ":19700101:"), "%s", np_record_guid(r, &o));
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(dates_are_read_strictly)
{
	char out[40];
	ck_assert(np_newsml__datetime("2016-09-16", out));
	ck_assert_str_eq(out, "2016-09-16T00:00:00Z");
	ck_assert(np_newsml__datetime("2016-09-16T08:05:03.25-0500", out));
	ck_assert_str_eq(out, "2016-09-16T08:05:03-05:00");
	ck_assert(np_newsml__datetime("2016-09-16 08:05Z", out));
	ck_assert_str_eq(out, "2016-09-16T08:05:00Z");
	ck_assert(!np_newsml__datetime("2015-02-29", out));
	ck_assert(!np_newsml__datetime("2016-9-16", out));
	ck_assert(!np_newsml__datetime("2016-09-16T25:00", out));
	ck_assert(!np_newsml__datetime(NULL, out));
}
END_TEST

START_TEST(xhtml_body)
{
	np_record *r = story();
	np_options o = NP_OPTIONS_INIT;
	o.newsml_body = NP_NEWSML_BODY_XHTML;
	np_buf b = NP_BUF_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:inlineXML/@contenttype)", "application/xhtml+xml");
	nt_assert_xpath(d, "string(count(//g:inlineXML/h:html))", "1");
	nt_assert_xpath(d, "string(//h:html/h:head/h:title)", "Ministers meet in Geneva");
	nt_assert_xpath(d, "string(//h:body/h:h1)", "Ministers meet in Geneva");
	nt_assert_xpath(d, "string(//h:p/h:q/@title)", "Ada Lark");
	nt_assert_xpath(d, "string(count(//h:span[@class='person']))", "2");
	nt_assert_xpath(d, "string(count(//n:*))", "0");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(sparse_record_is_still_valid)
{
	/* no headline, no paragraphs, nameless entity, unknown language */
	np_record *r = nt_record("empty", "");
	r->meta.language = "not a tag!";
	nt_entity(r, NP_ENT_PERSON, "", NULL, (const char *)NULL);
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:language/@tag)", "und");
	nt_assert_xpath(d, "string(count(//g:subject))", "0");
	nt_assert_xpath(d, "string(count(//g:rightsInfo))", "0");
	nt_assert_xpath(d, "string(//g:headline)", "empty"); /* the id, at least */
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(missing_headline_is_derived_and_noted)
{
	np_record *r = nt_record("nohead", "The council met. It voted.\n\nMore text.");
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//g:headline)", "The council met. It voted.");
	nt_assert_xpath(d, "string(//n:hl1)", "The council met. It voted.");
	nt_assert_xpath(d, "string(//g:slugline)", "COUNCIL-MET-IT");
	nt_assert_xpath(d, "string(//g:edNote)", "no headline in the input: derived from the body");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(many_paragraphs_render_in_one_sweep)
{
	/* 30,000 paragraphs, each with a mention and a quote: marks are taken
	 * by a sweep, not by a scan of every mark per paragraph */
	enum { N = 30000 };
	const char *para = "Al Bo said " LQ "yes" RQ " in Rome.\n\n";
	size_t plen = strlen(para);
	char *text = malloc(N * plen + 1);
	for (size_t i = 0; i < N; i++)
		memcpy(text + i * plen, para, plen);
	text[N * plen - 2] = '\0';
	np_record *r = nt_record("many", text);
	nt_entity(r, NP_ENT_PERSON, "Al Bo", NULL, "Al Bo", (const char *)NULL);
	for (size_t i = 0; i < N; i++) {
		np_quote q;
		memset(&q, 0, sizeof q);
		q.type = NP_QUOTE_DIRECT;
		q.span.start = i * plen + strlen("Al Bo said " LQ);
		q.span.end = q.span.start + 3;
		q.paragraph = i;
		q.speaker_name = "Al Bo";
		ck_assert_int_eq(NP_ARENA_PUSH(r->arena, r->quotes, r->n_quotes, r->cap_quotes, q), 0);
	}
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(count(//n:p/n:q[.='yes']))", "30000");
	nt_assert_xpath(d, "string(count(//n:p/n:person))", "30000");
	xmlFreeDoc(d);
	np_buf_dispose(&b);
	np_record_free(r);
	free(text);
}
END_TEST

START_TEST(paragraphs_out_of_order_still_get_their_marks)
{
	np_record *r = nt_record("order", "Bo Li spoke first.\n\n" LQ "Go," RQ " said Bo Li.");
	nt_entity(r, NP_ENT_PERSON, "Bo Li", NULL, "Bo Li", (const char *)NULL);
	nt_quote(r, "Go,", "Bo Li", NULL);
	np_paragraph t = r->paras[0];
	r->paras[0] = r->paras[1];
	r->paras[1] = t;
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(//n:p[1]/n:q)", "Go,");
	nt_assert_xpath(d, "string(//n:p[1]/n:person)", "Bo Li");
	nt_assert_xpath(d, "string(//n:p[2]/n:person)", "Bo Li");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

START_TEST(duplicate_entities_give_one_subject)
{
	np_record *r = nt_record("dup", LQ "Now," RQ " Al Bo said. Al Bo left Rome.");
	nt_entity(r, NP_ENT_PERSON, "Al Bo", NULL, "Al Bo", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Rome", NULL, "Rome", (const char *)NULL);
	nt_entity(r, NP_ENT_PERSON, "Al Bo", NULL, (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Al Bo", NULL, (const char *)NULL); /* other type */
	/* the title is known only from the quote */
	nt_quote(r, "Now,", "Al Bo", "chief baker");
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	xmlDocPtr d = nt_parse(&b);
	nt_assert_xpath(d, "string(count(//g:subject[@literal='Al Bo']))", "2");
	nt_assert_xpath(d, "string(count(//g:subject[@type='cpnat:person']))", "1");
	nt_assert_xpath(d, "string(count(//g:assert))", "1");
	nt_assert_xpath(d, "string(//g:assert/g:note)", "chief baker");
	xmlFreeDoc(d);
	nt_assert_valid(b.data, b.len);
	np_buf_dispose(&b);
	np_record_free(r);
}
END_TEST

/* An output that keeps every file put, by name. */
typedef struct {
	np_output base;
	char *names[16];
	np_buf data[16];
	size_t n;
} keep_output;

static int keep_put(np_output *o, const char *name, const void *data, size_t len)
{
	keep_output *k = (keep_output *)o;
	ck_assert_uint_lt(k->n, 16);
	k->names[k->n] = strdup(name);
	k->data[k->n] = (np_buf)NP_BUF_INIT;
	ck_assert_int_eq(np_buf_put(&k->data[k->n], data, len), 0);
	k->n++;
	return NP_OK;
}

START_TEST(batch_message_lists_every_item)
{
	keep_output out;
	memset(&out, 0, sizeof out);
	out.base.put = keep_put;
	np_options o = NP_OPTIONS_INIT;
	o.newsml_message = 1;
	o.now = 1600000000;
	np_ctx *ctx = np_ctx_new();
	np_writer *w = NULL;
	ck_assert_int_eq(np_writer_new(&w, "newsml", &out.base, &o, ctx), NP_OK);
	np_record *r1 = story();
	np_record *r2 = nt_record("second/one", "Another & story.\n\nWith two paragraphs.");
	r2->meta.headline = "Second";
	ck_assert_int_ge(np_writer_write(w, r1), 0);
	ck_assert_int_ge(np_writer_write(w, r2), 0);
	ck_assert_int_ge(np_writer_close(w), 0);
	np_writer_free(w);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_str_eq(out.names[0], "world/geneva-talks.newsml.xml");
	ck_assert_str_eq(out.names[1], "second/one.newsml.xml");
	ck_assert_str_eq(out.names[2], "newsmessage.xml");
	np_buf *m = &out.data[2];
	xmlDocPtr d = nt_parse(m);
	nt_assert_xpath(d, "string(/g:newsMessage/g:header/g:sent)", "2020-09-13T12:26:40Z");
	nt_assert_xpath(d, "string(/g:newsMessage/g:header/g:sender)", "Example-News");
	char *tid = nt_xpath(d, "string(//g:header/g:transmitId)");
	ck_assert_msg(strncmp(tid, "Example-News:batch-", 19) == 0, "transmitId %s", tid);
	free(tid);
	nt_assert_xpath(d, "string(count(//g:itemSet/g:packageItem))", "1");
	nt_assert_xpath(d, "string(count(//g:itemSet/g:newsItem))", "2");
	nt_assert_xpath(d, "string(count(//g:itemSet/*[1]/self::g:packageItem))", "1");
	nt_assert_xpath(d, "string(count(//g:group/g:itemRef))", "2");
	nt_assert_xpath(d, "string(//g:group/g:itemRef[1]/@residref)", np_record_guid(r1, &o));
	nt_assert_xpath(d, "string(//g:group/g:itemRef[2]/@residref)", np_record_guid(r2, &o));
	nt_assert_xpath(d, "string(//g:itemSet/g:newsItem[2]/@guid)", np_record_guid(r2, &o));
	nt_assert_xpath(d, "string(//g:itemSet/g:newsItem[2]//n:p[1])", "Another & story.");
	xmlFreeDoc(d);
	nt_assert_valid(m->data, m->len);
	nt_assert_valid(out.data[0].data, out.data[0].len);
	nt_assert_valid(out.data[1].data, out.data[1].len);
	for (size_t i = 0; i < out.n; i++) {
		free(out.names[i]);
		np_buf_dispose(&out.data[i]);
	}
	np_record_free(r1);
	np_record_free(r2);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(summary_is_cut_at_a_word)
{
	char text[2000];
	size_t o = 0;
	for (int i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "word%02d ", i);
	text[o - 1] = '.';
	np_record *r = nt_record("long", text);
	char *s = np_newsml__summary(r, 300);
	ck_assert_uint_le(strlen(s), 303);
	ck_assert(strncmp(s, "word00 word01", 13) == 0);
	ck_assert_str_eq(s + strlen(s) - 3, "\xe2\x80\xa6");
	ck_assert(s[strlen(s) - 4] >= '0' && s[strlen(s) - 4] <= '9'); /* a whole word */
	free(s);
	np_record_free(r);
}
END_TEST

static Suite *newsml_suite(void)
{
	Suite *s = suite_create("newsml");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, item_is_complete_and_valid);
	tcase_add_test(tc, element_order_follows_the_schema);
	tcase_add_test(tc, overlapping_marks_nest_or_drop);
	tcase_add_test(tc, marks_starting_together_nest_or_drop);
	tcase_add_test(tc, quote_over_two_paragraphs_is_marked_in_each);
	tcase_add_test(tc, hard_wrapped_lines_become_spaces);
	tcase_add_test(tc, escaping_and_illegal_characters);
	tcase_add_test(tc, same_input_gives_same_bytes);
	tcase_add_test(tc, clock_comes_from_options_then_date_then_epoch);
	tcase_add_test(tc, dates_are_read_strictly);
	tcase_add_test(tc, xhtml_body);
	tcase_add_test(tc, sparse_record_is_still_valid);
	tcase_add_test(tc, missing_headline_is_derived_and_noted);
	tcase_add_test(tc, many_paragraphs_render_in_one_sweep);
	tcase_add_test(tc, duplicate_entities_give_one_subject);
	tcase_add_test(tc, paragraphs_out_of_order_still_get_their_marks);
	tcase_add_test(tc, batch_message_lists_every_item);
	tcase_add_test(tc, summary_is_cut_at_a_word);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN_SHARED(newsml_suite)

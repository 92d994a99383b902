/* check_html.c - HTML pages: detection, metadata, body, offsets. */
#include "input_helpers.h"

static const char page[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en-GB\">\n<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<title>Site name | Ferry strike ends</title>\n"
	"<meta property=\"og:title\" content=\"Ferry strike   ends after talks\">\n"
	"<meta name=\"author\" content=\"Ana Ruiz and Tom Lee\">\n"
	"<meta property=\"article:published_time\" content=\"2024-05-06T08:30:00+01:00\">\n"
	"<script>var x = \"<p>not text</p>\";</script>\n"
	"<style>p { color: red }</style>\n"
	"</head>\n<body>\n"
	"<nav><p>Home | News</p></nav>\n"
	"<header><p>Site banner</p></header>\n"
	"<article>\n"
	"  <h1>Ferry strike ends</h1>\n"
	"  <p>The strike at the ferry port ended on <b>Monday</b>, the union\n"
	"     said &amp; workers returned.</p>\n"
	"  <figure><img src=\"a.jpg\"><figcaption><p>A caption</p></figcaption></figure>\n"
	"  <p>&#8220;We are pleased,&#x201D; said Caf&eacute; owner J. Smith.</p>\n"
	"  <aside><p>Related: other story</p></aside>\n"
	"  <p>Services&nbsp;resume <i>today</i>.<br>More later.</p>\n"
	"</article>\n"
	"<footer><p>Copyright</p></footer>\n"
	"</body>\n</html>\n";

static np_record *run_html(const char *s, np_input_format f)
{
	np_options o = NP_OPTIONS_INIT;
	o.input_format = f;
	return inp_run(s, strlen(s), &o);
}

START_TEST(metadata_from_page)
{
	np_record *rec = run_html(page, NP_INPUT_AUTO);
	ck_assert_int_eq(rec->from_html, 1);
	ck_assert_str_eq(rec->meta.headline, "Ferry strike ends after talks");
	ck_assert_int_eq(rec->meta.headline_derived, 0);
	ck_assert_str_eq(rec->meta.byline, "Ana Ruiz and Tom Lee");
	ck_assert_uint_eq(rec->meta.n_authors, 2);
	ck_assert_str_eq(rec->meta.date, "2024-05-06T08:30:00+01:00");
	ck_assert_str_eq(rec->meta.language, "en-GB");
	np_record_free(rec);
}
END_TEST

START_TEST(body_paragraphs)
{
	np_record *rec = run_html(page, NP_INPUT_AUTO);
	ck_assert_uint_eq(rec->n_paras, 3);
	ck_assert_str_eq(inp_para(rec, 0), "The strike at the ferry port ended on Monday, "
	                 "the union said & workers returned.");
	ck_assert_str_eq(inp_para(rec, 1), "\xe2\x80\x9cWe are pleased,\xe2\x80\x9d said "
	                 "Caf\xc3\xa9 owner J. Smith.");
	ck_assert_str_eq(inp_para(rec, 2), "Services\xc2\xa0resume today. More later.");
	ck_assert_ptr_null(strstr(rec->text, "caption"));
	ck_assert_ptr_null(strstr(rec->text, "Related"));
	ck_assert_ptr_null(strstr(rec->text, "not text"));
	ck_assert_ptr_null(strstr(rec->text, "Home"));
	ck_assert_ptr_null(strstr(rec->text, "Copyright"));
	ck_assert_uint_eq(rec->n_sents, 4);
	np_record_free(rec);
}
END_TEST

/* Offset of the n-th occurrence of needle in the page. */
static size_t at(const char *needle)
{
	const char *p = strstr(page, needle);
	ck_assert_ptr_nonnull(p);
	return (size_t)(p - page);
}

START_TEST(offsets_point_into_the_page)
{
	np_record *rec = run_html(page, NP_INPUT_AUTO);
	ck_assert_uint_eq(np_record__src(rec, rec->text_len), strlen(page));
	/* every paragraph starts and ends where its words are in the page */
	ck_assert_uint_eq(np_record__src(rec, rec->paras[0].span.start), at("The strike"));
	size_t e0 = np_record__src(rec, rec->paras[0].span.end - 1);
	ck_assert_uint_eq(e0, at("returned.") + 8);
	/* "Monday" inside <b> */
	const char *mon = strstr(rec->text, "Monday");
	ck_assert_uint_eq(np_record__src(rec, (size_t)(mon - rec->text)), at("Monday"));
	/* entity-decoded characters map to their '&' */
	const char *amp = strstr(rec->text, "& workers");
	ck_assert_uint_eq(np_record__src(rec, (size_t)(amp - rec->text)), at("&amp;"));
	ck_assert_uint_eq(np_record__src(rec, rec->paras[1].span.start), at("&#8220;"));
	const char *e = strstr(rec->text, "\xc3\xa9 owner");
	ck_assert_uint_eq(np_record__src(rec, (size_t)(e - rec->text)), at("&eacute;"));
	ck_assert_uint_eq(np_record__src(rec, (size_t)(e - rec->text) + 1), at("&eacute;"));
	ck_assert_uint_eq(np_record__src(rec, (size_t)(e - rec->text) + 2), at("&eacute;") + 8);
	/* a collapsed line break maps to the first white-space character */
	const char *sp = strstr(rec->text, "union said") + 5;
	ck_assert_uint_eq(np_record__src(rec, (size_t)(sp - rec->text)), at("union\n") + 5);
	/* sentence spans slice the page from their first to their last word */
	for (size_t i = 0; i < rec->n_sents; i++) {
		size_t a = np_record__src(rec, rec->sents[i].span.start);
		size_t b = np_record__src(rec, rec->sents[i].span.end);
		ck_assert_uint_lt(a, b);
		ck_assert_uint_le(b, strlen(page));
	}
	size_t a = np_record__src(rec, rec->sents[3].span.start);
	ck_assert(strncmp(page + a, "More later.", 11) == 0);
	np_record_free(rec);
}
END_TEST

START_TEST(title_fallbacks)
{
	np_record *rec = run_html("<html><head><title>Only title</title></head><body>"
	                          "<h1>The H1</h1><p>Body text here.</p></body></html>",
	                          NP_INPUT_AUTO);
	ck_assert_str_eq(rec->meta.headline, "The H1");
	ck_assert_uint_eq(rec->n_paras, 1);
	np_record_free(rec);
	rec = run_html("<html><head><title>Only\n title</title></head><body>"
	               "<p>Body text here.</p><time datetime=\"2023-02-01\">Feb 1</time>"
	               "</body></html>", NP_INPUT_AUTO);
	ck_assert_str_eq(rec->meta.headline, "Only title");
	ck_assert_str_eq(rec->meta.date, "2023-02-01");
	np_record_free(rec);
}
END_TEST

START_TEST(main_content_without_article)
{
	np_record *rec = run_html("<html><body><div class=menu><p>Menu item</p></div>"
	                          "<main><p>Main one.</p><p>Main two.</p></main>"
	                          "</body></html>", NP_INPUT_AUTO);
	ck_assert_uint_eq(rec->n_paras, 2);
	ck_assert_str_eq(inp_para(rec, 0), "Main one.");
	np_record_free(rec);
	rec = run_html("<html><body><div role=\"main\"><p>Role main.</p></div>"
	               "<p>Outside.</p></body></html>", NP_INPUT_AUTO);
	ck_assert_uint_eq(rec->n_paras, 1);
	ck_assert_str_eq(inp_para(rec, 0), "Role main.");
	np_record_free(rec);
}
END_TEST

START_TEST(no_paragraphs_uses_blocks)
{
	np_record *rec = run_html("<html><body><article><div>First block.</div>"
	                          "<div>Second <b>block</b>.</div><ul><li>Item one</li>"
	                          "</ul></article></body></html>", NP_INPUT_AUTO);
	ck_assert_uint_eq(rec->n_paras, 3);
	ck_assert_str_eq(inp_para(rec, 1), "Second block.");
	ck_assert(inp_warned(rec, "no <p>"));
	np_record_free(rec);
}
END_TEST

START_TEST(detection_and_override)
{
	/* detected from content, whatever the name */
	np_record *rec = run_html("  \n<div><p>Hello there.</p></div>", NP_INPUT_AUTO);
	ck_assert_int_eq(rec->from_html, 1);
	np_record_free(rec);
	/* text that merely mentions a tag is text */
	rec = run_html("Headline\n\nUse the <p> tag for paragraphs.\n", NP_INPUT_AUTO);
	ck_assert_int_eq(rec->from_html, 0);
	np_record_free(rec);
	/* --input-format text keeps the markup as text */
	rec = run_html("<p>Tagged words.</p>\n", NP_INPUT_TEXT);
	ck_assert_int_eq(rec->from_html, 0);
	ck_assert_ptr_nonnull(strstr(rec->text, "<p>"));
	np_record_free(rec);
	/* --input-format html on a fragment */
	rec = run_html("Some <em>loose</em> text.", NP_INPUT_HTML);
	ck_assert_int_eq(rec->from_html, 1);
	ck_assert_str_eq(rec->text, "Some loose text.");
	np_record_free(rec);
}
END_TEST

START_TEST(empty_and_broken_pages)
{
	np_record *rec = run_html("<html><body></body></html>", NP_INPUT_AUTO);
	ck_assert_uint_eq(rec->n_paras, 0);
	ck_assert(inp_warned(rec, "no article text"));
	np_record_free(rec);
	rec = run_html("<html><body><p>Unclosed <b>bold <p>next &bogus; &#0; x",
	               NP_INPUT_AUTO);
	ck_assert_uint_ge(rec->n_paras, 1);
	ck_assert_uint_eq(np_record__src(rec, rec->text_len), rec->src_len);
	np_record_free(rec);
}
END_TEST

START_TEST(html_in_windows_1252)
{
	const char *s = "<html><body><p>Price: \xa3" "5 \x96 cheap.</p></body></html>";
	np_record *rec = run_html(s, NP_INPUT_AUTO);
	ck_assert_str_eq(inp_para(rec, 0), "Price: \xc2\xa3" "5 \xe2\x80\x93 cheap.");
	const char *p = strstr(rec->text, "\xc2\xa3");
	ck_assert_uint_eq(np_record__src(rec, (size_t)(p - rec->text)),
	                  (size_t)(strchr(s, '\xa3') - s));
	np_record_free(rec);
}
END_TEST

static Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");
	tcase_add_test(tc, metadata_from_page);
	tcase_add_test(tc, body_paragraphs);
	tcase_add_test(tc, offsets_point_into_the_page);
	tcase_add_test(tc, title_fallbacks);
	tcase_add_test(tc, main_content_without_article);
	tcase_add_test(tc, no_paragraphs_uses_blocks);
	tcase_add_test(tc, detection_and_override);
	tcase_add_test(tc, empty_and_broken_pages);
	tcase_add_test(tc, html_in_windows_1252);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(html_suite)

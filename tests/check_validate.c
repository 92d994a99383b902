/* check_validate.c - np_validate_newsml: the XSD through libxml2, the
 * rules the schema cannot state, and the "FILE:LINE: message" report. */
#include "np_newsml_test.h"

/* A valid item made by the exporter, as a malloc'd string. */
static char *valid_item(void)
{
	np_record *r = nt_record("v", "Bo Li met Al Ko in Rome.\n\nThey talked.");
	r->meta.headline = "Bo Li meets Al Ko";
	nt_entity(r, NP_ENT_PERSON, "Bo Li", NULL, "Bo Li", (const char *)NULL);
	nt_entity(r, NP_ENT_PLACE, "Rome", NULL, "Rome", (const char *)NULL);
	np_buf b = NP_BUF_INIT;
	np_options o = NP_OPTIONS_INIT;
	nt_render(&b, r, &o);
	np_record_free(r);
	return b.data;
}

/* Replace the first `from` in `s` by `to` (malloc'd; `s` is freed). */
static char *edit(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from);
	ck_assert_msg(at != NULL, "'%s' not in the item", from);
	size_t n = strlen(s) + strlen(to) + 1;
	char *r = malloc(n);
	snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	free(s);
	return r;
}

static void expect_invalid(char *item, const char *needle)
{
	char *rep = NULL;
	int rc = nt_validate(item, strlen(item), &rep);
	ck_assert_msg(rc == NP_EFORMAT, "rc %d, want NP_EFORMAT; report:\n%s", rc, rep);
	ck_assert_msg(strstr(rep, needle), "report lacks '%s':\n%s", needle, rep);
	/* every line is FILE:LINE: message */
	for (char *line = rep; *line;) {
		char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		char *c1 = memchr(line, ':', (size_t)(nl - line));
		ck_assert_msg(c1 && c1[1] >= '0' && c1[1] <= '9', "bad line: %.*s",
		              (int)(nl - line), line);
		line = nl + 1;
	}
	free(rep);
	free(item);
}

START_TEST(exporter_output_is_valid)
{
	char *item = valid_item();
	char *rep = NULL;
	ck_assert_int_eq(nt_validate(item, strlen(item), &rep), NP_OK);
	ck_assert_str_eq(rep, "");
	free(rep);
	free(item);
}
END_TEST

START_TEST(schema_errors_are_reported_with_lines)
{
	/* itemMeta without itemClass breaks the schema */
	char *item = edit(valid_item(), "<itemClass qcode=\"ninat:text\"/>", "");
	expect_invalid(item, "itemClass");
	/* element order: pubStatus before versionCreated */
	item = edit(valid_item(), "<pubStatus qcode=\"stat:usable\"/>", "");
	item = edit(item, "<versionCreated>", "<pubStatus qcode=\"stat:usable\"/><versionCreated>");
	expect_invalid(item, "versionCreated");
}
END_TEST

START_TEST(nitf_body_is_validated_too)
{
	char *item = edit(valid_item(), "<body.content>", "<body.content><hedline/>");
	expect_invalid(item, "hedline");
}
END_TEST

START_TEST(broken_xml_is_reported)
{
	char *item = valid_item();
	item[strlen(item) / 2] = '\0';
	expect_invalid(item, ":");
}
END_TEST

START_TEST(subject_needs_exactly_one_identifier)
{
	char *item = edit(valid_item(), "<subject type=\"cpnat:person\" literal=\"Bo Li\">",
	                  "<subject type=\"cpnat:person\" literal=\"Bo Li\" qcode=\"medtop:01000000\">");
	expect_invalid(item, "exactly one of qcode, uri and literal (has 2)");
	item = edit(valid_item(), "<subject type=\"cpnat:person\" literal=\"Bo Li\">",
	            "<subject type=\"cpnat:person\">");
	expect_invalid(item, "(has 0)");
}
END_TEST

START_TEST(guid_must_not_be_empty)
{
	char *item = valid_item();
	char *g = strstr(item, "guid=\"") + 6;
	char *e = strchr(g, '"');
	memmove(g + 1, e, strlen(e) + 1);
	g[0] = ' ';
	expect_invalid(item, "guid is missing or empty");
}
END_TEST

START_TEST(qcode_aliases_must_be_declared)
{
	char *item = edit(valid_item(), "qcode=\"stat:usable\"", "qcode=\"madeup:usable\"");
	expect_invalid(item, "scheme alias 'madeup'");
	/* declared in an inline catalog: fine */
	item = edit(valid_item(), "qcode=\"stat:usable\"", "qcode=\"madeup:usable\"");
	item = edit(item, "<itemMeta>",
	            "<catalog><scheme alias=\"madeup\" uri=\"http://example.com/cv/\"/></catalog><itemMeta>");
	char *rep = NULL;
	ck_assert_msg(nt_validate(item, strlen(item), &rep) == NP_OK, "%s", rep);
	free(rep);
	free(item);
	/* without the IPTC catalog even IPTC aliases are unknown */
	item = edit(valid_item(),
	            "<catalogRef href=\"http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml\"/>",
	            "<catalog><scheme alias=\"x\" uri=\"http://example.com/x/\"/></catalog>");
	expect_invalid(item, "scheme alias 'ninat'");
}
END_TEST

START_TEST(missing_files_are_errors)
{
	np_ctx *ctx = np_ctx_new();
	char xsd[4096];
	snprintf(xsd, sizeof xsd, "%s", np_test_shared(NT_XSD));
	ck_assert_int_eq(np_validate_newsml("/nonexistent/item.xml", xsd, stderr, ctx),
	                 NP_ENOTFOUND);
	ck_assert(strstr(np_ctx_error(ctx), "/nonexistent/item.xml"));
	char *item = valid_item();
	char *path = nt_tmpfile(item, strlen(item));
	ck_assert_int_eq(np_validate_newsml(path, "/nonexistent.xsd", stderr, ctx),
	                 NP_ENOTFOUND);
	unlink(path);
	free(path);
	free(item);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(reference_fixtures)
{
	/* the reference folder's should-fail files fail; its minimal item passes */
	static const char *const bad[] = {
		"reference/newsml-g2/local/SHOULD_FAIL_embargoed-after-pubStatus.xml",
		"reference/newsml-g2/local/SHOULD_FAIL_located-after-headline.xml",
		"reference/newsml-g2/examples/SHOULD_FAIL_001_incomplete_file.xml", NULL };
	np_ctx *ctx = np_ctx_new();
	char xsd[4096], path[4096];
	snprintf(xsd, sizeof xsd, "%s", np_test_shared(NT_XSD));
	FILE *devnull = fopen("/dev/null", "w");
	for (size_t i = 0; bad[i]; i++) {
		snprintf(path, sizeof path, "%s", np_test_shared(bad[i]));
		ck_assert_msg(np_validate_newsml(path, xsd, devnull, ctx) == NP_EFORMAT, "%s", path);
	}
	snprintf(path, sizeof path, "%s",
	         np_test_shared("reference/newsml-g2/local/minimal-text-newsItem.xml"));
	ck_assert_msg(np_validate_newsml(path, xsd, stderr, ctx) == NP_OK, "%s", np_ctx_error(ctx));
	fclose(devnull);
	np_ctx_free(ctx);
}
END_TEST

static Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, exporter_output_is_valid);
	tcase_add_test(tc, schema_errors_are_reported_with_lines);
	tcase_add_test(tc, nitf_body_is_validated_too);
	tcase_add_test(tc, broken_xml_is_reported);
	tcase_add_test(tc, subject_needs_exactly_one_identifier);
	tcase_add_test(tc, guid_must_not_be_empty);
	tcase_add_test(tc, qcode_aliases_must_be_declared);
	tcase_add_test(tc, missing_files_are_errors);
	tcase_add_test(tc, reference_fixtures);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN_SHARED(validate_suite)

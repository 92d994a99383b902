/* check_decode.c - encodings, repairs and the offset map. */
#include "input_helpers.h"

/* Decode only: a record after np_stage_decode. */
static np_record *dec(const char *bytes, size_t n, np_encoding enc)
{
	static np_options o;
	np_options init = NP_OPTIONS_INIT;
	o = init;
	o.encoding = enc;
	np_record *rec = np_record__new("t", "t.txt", bytes, n);
	rec->opts = &o;
	np_ctx *ctx = np_ctx_new();
	ck_assert_int_ge(np_stage_decode(rec, ctx), 0);
	np_ctx_free(ctx);
	inp_check_map(rec);
	return rec;
}

static void text_is(np_record *rec, const char *want)
{
	ck_assert_uint_eq(rec->text_len, strlen(want));
	ck_assert_msg(memcmp(rec->text, want, rec->text_len) == 0, "text [%s] want [%s]",
	              rec->text, want);
}

START_TEST(clean_utf8_is_identity)
{
	const char *s = "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d\n\tline";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, s);
	ck_assert_ptr_null(rec->srcmap);
	ck_assert_uint_eq(rec->n_warns, 0);
	np_record_free(rec);
}
END_TEST

START_TEST(utf8_bom_stripped_offsets_kept)
{
	const char *s = "\xef\xbb\xbfHello";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "Hello");
	ck_assert_uint_eq(np_record__src(rec, 0), 3);
	ck_assert_uint_eq(np_record__src(rec, 5), 8);
	np_record_free(rec);
}
END_TEST

START_TEST(crlf_and_cr_become_lf)
{
	const char *s = "a\r\nb\rc\n\r\nd";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "a\nb\nc\n\nd");
	ck_assert_uint_eq(np_record__src(rec, 2), 3);  /* b */
	ck_assert_uint_eq(np_record__src(rec, 4), 5);  /* c */
	ck_assert_uint_eq(np_record__src(rec, 7), 9);  /* d */
	np_record_free(rec);
}
END_TEST

START_TEST(invalid_utf8_replaced_with_warning)
{
	/* valid é, then a stray continuation byte and a truncated sequence;
	 * the valid sequences outnumber the bad ones, so it is UTF-8 */
	const char *s = "\xc3\xa9 x\x80y \xe2\x82";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	np_record_free(rec);
	s = "\xc3\xa9\xc3\xa9\xc3\xa9 x\x80y \xe2\x82";
	rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "\xc3\xa9\xc3\xa9\xc3\xa9 x\xef\xbf\xbdy \xef\xbf\xbd");
	ck_assert_uint_eq(rec->n_warns, 2);
	ck_assert_uint_eq(rec->warns[0].source_offset, 8);
	ck_assert_ptr_nonnull(strstr(rec->warns[0].message, "t.txt"));
	ck_assert_ptr_nonnull(strstr(rec->warns[0].message, "offset 8"));
	ck_assert_uint_eq(rec->warns[1].source_offset, 11);
	/* each U+FFFD maps to the bad byte */
	ck_assert_uint_eq(np_record__src(rec, 8), 8);
	ck_assert_uint_eq(np_record__src(rec, 10), 8);
	ck_assert_uint_eq(np_record__src(rec, 11), 9);
	np_record_free(rec);
}
END_TEST

START_TEST(cp1252_file_transcoded)
{
	/* "a £5 signing – “ok”" in Windows-1252 */
	const char *s = "a \xa3" "5 signing \x96 \x93ok\x94";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "a \xc2\xa3" "5 signing \xe2\x80\x93 \xe2\x80\x9cok\xe2\x80\x9d");
	ck_assert_uint_eq(rec->n_warns, 1);
	ck_assert_uint_eq(rec->warns[0].source_offset, 2);
	ck_assert_ptr_nonnull(strstr(rec->warns[0].message, "Windows-1252"));
	/* both bytes of £ map to the one source byte */
	ck_assert_uint_eq(np_record__src(rec, 2), 2);
	ck_assert_uint_eq(np_record__src(rec, 3), 2);
	ck_assert_uint_eq(np_record__src(rec, 4), 3);
	np_record_free(rec);
}
END_TEST

START_TEST(mostly_utf8_with_a_bad_byte_is_not_cp1252)
{
	const char *s = "\xc3\xa9t\xc3\xa9 \xc3\xa0 \xa3";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "\xc3\xa9t\xc3\xa9 \xc3\xa0 \xef\xbf\xbd");
	ck_assert(inp_warned(rec, "U+FFFD"));
	np_record_free(rec);
}
END_TEST

START_TEST(undefined_cp1252_byte_means_utf8_repair)
{
	const char *s = "abc \x81 def \xa3";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	ck_assert(inp_warned(rec, "U+FFFD"));
	ck_assert(!inp_warned(rec, "Windows-1252"));
	np_record_free(rec);
}
END_TEST

START_TEST(forced_encodings)
{
	const char *s = "caf\xe9";
	np_record *rec = dec(s, 4, NP_ENC_LATIN1);
	text_is(rec, "caf\xc3\xa9");
	np_record_free(rec);
	rec = dec(s, 4, NP_ENC_UTF8); /* forced UTF-8: repaired, not guessed */
	text_is(rec, "caf\xef\xbf\xbd");
	np_record_free(rec);
	const char *u = "caf\xc3\xa9"; /* UTF-8 read as cp1252 on request */
	rec = dec(u, strlen(u), NP_ENC_CP1252);
	text_is(rec, "caf\xc3\x83\xc2\xa9");
	np_record_free(rec);
}
END_TEST

START_TEST(utf16_with_bom)
{
	const char le[] = "\xff\xfeH\0i\0 \0\xac\x20\r\0\n\0";
	np_record *rec = dec(le, sizeof le - 1, NP_ENC_AUTO);
	text_is(rec, "Hi \xe2\x82\xac\n");
	ck_assert_uint_eq(np_record__src(rec, 0), 2);
	ck_assert_uint_eq(np_record__src(rec, 3), 8);
	ck_assert_uint_eq(np_record__src(rec, 5), 8);
	np_record_free(rec);
	const char be[] = "\xfe\xff\0H\0i\xd8\x3d\xde\x00";
	rec = dec(be, sizeof be - 1, NP_ENC_AUTO);
	text_is(rec, "Hi\xf0\x9f\x98\x80");
	ck_assert_uint_eq(np_record__src(rec, 2), 6);
	np_record_free(rec);
}
END_TEST

START_TEST(utf16_without_bom_detected)
{
	const char le[] = "H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0";
	np_record *rec = dec(le, sizeof le - 1, NP_ENC_AUTO);
	text_is(rec, "Hello world");
	ck_assert(inp_warned(rec, "UTF-16LE"));
	np_record_free(rec);
}
END_TEST

START_TEST(utf16_lone_surrogate_and_odd_byte)
{
	const char le[] = "\xff\xfe" "a\0\x00\xd8" "b\0x";
	np_record *rec = dec(le, sizeof le - 1, NP_ENC_AUTO);
	text_is(rec, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	ck_assert_uint_eq(rec->n_warns, 2);
	np_record_free(rec);
}
END_TEST

START_TEST(controls_dropped_with_warning)
{
	const char s[] = "a\x01" "b\0c\x1b" "d\te\x7f" "f";
	np_record *rec = dec(s, sizeof s - 1, NP_ENC_AUTO);
	text_is(rec, "abcd\te\x7f" "f");
	ck_assert_uint_eq(rec->n_warns, 3);
	ck_assert_uint_eq(rec->warns[0].source_offset, 1);
	ck_assert_ptr_nonnull(strstr(rec->warns[1].message, "U+0000"));
	ck_assert_uint_eq(np_record__src(rec, 2), 4); /* c */
	np_record_free(rec);
}
END_TEST

START_TEST(noncharacters_replaced)
{
	const char *s = "a\xef\xbf\xbf" "b";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "a\xef\xbf\xbd" "b");
	ck_assert_uint_eq(rec->n_warns, 1);
	np_record_free(rec);
}
END_TEST

START_TEST(nfc_composes_and_maps_to_sequence_start)
{
	/* "Cafe" + U+0301, then "x", then U+212B (Angstrom sign -> U+00C5) */
	const char *s = "Cafe\xcc\x81 x \xe2\x84\xab!";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "Caf\xc3\xa9 x \xc3\x85!");
	ck_assert_ptr_nonnull(rec->srcmap);
	ck_assert_uint_eq(np_record__src(rec, 3), 3); /* é <- e */
	ck_assert_uint_eq(np_record__src(rec, 4), 3);
	ck_assert_uint_eq(np_record__src(rec, 5), 6); /* space */
	ck_assert_uint_eq(np_record__src(rec, 8), 9); /* Å <- the sign */
	ck_assert_uint_eq(np_record__src(rec, 10), 12);
	np_record_free(rec);
}
END_TEST

START_TEST(nfc_reorders_marks)
{
	/* a + dot below + acute (already canonical order) and a + acute + dot
	 * below (needs reordering); both NFC to the same string */
	const char *a = "a\xcc\xa3\xcc\x81";
	const char *b = "a\xcc\x81\xcc\xa3";
	np_record *ra = dec(a, strlen(a), NP_ENC_AUTO);
	np_record *rb = dec(b, strlen(b), NP_ENC_AUTO);
	ck_assert_uint_eq(ra->text_len, rb->text_len);
	ck_assert(memcmp(ra->text, rb->text, ra->text_len) == 0);
	np_record_free(ra);
	np_record_free(rb);
}
END_TEST

START_TEST(nfc_after_transcoding_keeps_map)
{
	/* CRLF then a decomposed é: both steps change offsets */
	const char *s = "\r\n\r\ne\xcc\x81z";
	np_record *rec = dec(s, strlen(s), NP_ENC_AUTO);
	text_is(rec, "\n\n\xc3\xa9z");
	ck_assert_uint_eq(np_record__src(rec, 2), 4);
	ck_assert_uint_eq(np_record__src(rec, 4), 7);
	np_record_free(rec);
}
END_TEST

START_TEST(many_repairs_are_summarised)
{
	char s[400];
	for (int i = 0; i < 200; i++) {
		s[2 * i] = 'a';
		s[2 * i + 1] = '\x01';
	}
	np_record *rec = dec(s, 400, NP_ENC_AUTO);
	ck_assert_uint_eq(rec->text_len, 200);
	ck_assert_uint_eq(rec->n_warns, 51);
	ck_assert(inp_warned(rec, "150 more"));
	np_record_free(rec);
}
END_TEST

START_TEST(empty_input)
{
	np_record *rec = dec("", 0, NP_ENC_AUTO);
	ck_assert_uint_eq(rec->text_len, 0);
	np_record_free(rec);
	rec = inp_run("", 0, NULL);
	ck_assert_uint_eq(rec->n_paras, 0);
	np_record_free(rec);
}
END_TEST

START_TEST(decode_is_linear_on_large_input)
{
	/* 16 MB of mixed text with CRLFs and decomposed accents: must be fast */
	size_t n = 16u << 20;
	char *s = malloc(n);
	const char *unit = "Caf\x65\xcc\x81 au lait, \xc2\xa3" "5.\r\n";
	size_t ul = strlen(unit), o = 0;
	while (o + ul <= n) {
		memcpy(s + o, unit, ul);
		o += ul;
	}
	np_record *rec = dec(s, o, NP_ENC_AUTO);
	ck_assert_uint_gt(rec->text_len, 0);
	ck_assert_uint_eq(np_record__src(rec, rec->text_len), o);
	np_record_free(rec);
	free(s);
}
END_TEST

static Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clean_utf8_is_identity);
	tcase_add_test(tc, utf8_bom_stripped_offsets_kept);
	tcase_add_test(tc, crlf_and_cr_become_lf);
	tcase_add_test(tc, invalid_utf8_replaced_with_warning);
	tcase_add_test(tc, cp1252_file_transcoded);
	tcase_add_test(tc, mostly_utf8_with_a_bad_byte_is_not_cp1252);
	tcase_add_test(tc, undefined_cp1252_byte_means_utf8_repair);
	tcase_add_test(tc, forced_encodings);
	tcase_add_test(tc, utf16_with_bom);
	tcase_add_test(tc, utf16_without_bom_detected);
	tcase_add_test(tc, utf16_lone_surrogate_and_odd_byte);
	tcase_add_test(tc, controls_dropped_with_warning);
	tcase_add_test(tc, noncharacters_replaced);
	tcase_add_test(tc, nfc_composes_and_maps_to_sequence_start);
	tcase_add_test(tc, nfc_reorders_marks);
	tcase_add_test(tc, nfc_after_transcoding_keeps_map);
	tcase_add_test(tc, many_repairs_are_summarised);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, decode_is_linear_on_large_input);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(decode_suite)

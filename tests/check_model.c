/* check_model.c - the arena, buffers, the record and its ids. */
#include "np_check.h"
#include "model.h"
#include "buf.h"

START_TEST(arena_allocates_zeroed_and_grows)
{
	np_arena *a = np_arena_new();
	ck_assert_ptr_nonnull(a);
	unsigned char *p = np_arena_alloc(a, 100);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(p[i], 0);
	int *arr = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 100000; i++)
		ck_assert_int_eq(NP_ARENA_PUSH(a, arr, n, cap, i), 0);
	ck_assert_uint_eq(n, 100000);
	for (int i = 0; i < 100000; i++)
		ck_assert_int_eq(arr[i], i);
	char *big = np_arena_alloc(a, 1 << 20);
	big[(1 << 20) - 1] = 'x';
	ck_assert_str_eq(np_arena_printf(a, "%s-%d", "id", 7), "id-7");
	np_arena_free(a);
}
END_TEST

START_TEST(buf_appends_and_detaches)
{
	np_buf b = NP_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(np_buf_printf(&b, "%d,", i), 0);
	ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	size_t len;
	char *p = np_buf_detach(&b, &len);
	ck_assert_uint_eq(len, strlen(p));
	ck_assert_ptr_null(b.data);
	free(p);
}
END_TEST

START_TEST(ids_are_sanitised)
{
	np_arena *a = np_arena_new();
	ck_assert_str_eq(np_record__sanitise_id(a, "sport/001"), "sport/001");
	ck_assert_str_eq(np_record__sanitise_id(a, "../etc/passwd"), "__/etc/passwd");
	ck_assert_str_eq(np_record__sanitise_id(a, "/abs//x y;$(z)"), "abs/x_y___z_");
	ck_assert_str_eq(np_record__sanitise_id(a, "-rf"), "_rf");
	ck_assert_str_eq(np_record__sanitise_id(a, ""), "_");
	ck_assert_str_eq(np_record__sanitise_id(a, "caf\xc3\xa9"), "caf__");
	np_arena_free(a);
}
END_TEST

START_TEST(guid_is_stable_and_well_formed)
{
	np_record *r1 = np_test_process("a", "Headline\n\nSome text here.\n");
	np_record *r2 = np_test_process("a", "Headline\n\nSome text here.\n");
	np_record *r3 = np_test_process("b", "Headline\n\nSome text here.\n");
	np_options o = NP_OPTIONS_INIT;
	o.now = 86400;
	char g1[512];
	snprintf(g1, sizeof g1, "%s", np_record_guid(r1, &o));
	ck_assert_str_eq(g1, np_record_guid(r2, &o));
	ck_assert_str_ne(g1, np_record_guid(r3, &o));
	ck_assert(strncmp(g1, "urn:newsml:newsprism.invalid:19700102:", 38) == 0);
	np_record_free(r1);
	np_record_free(r2);
	np_record_free(r3);
}
END_TEST

START_TEST(process_rejects_over_limit)
{
	np_options o = NP_OPTIONS_INIT;
	o.max_article_bytes = 4;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	ck_assert_int_eq(np_process_buffer(&rec, "x", "x.txt", "hello", 5, &o, ctx),
	                 NP_ELIMIT);
	ck_assert_ptr_null(rec);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "x.txt"));
	np_ctx_free(ctx);
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, arena_allocates_zeroed_and_grows);
	tcase_add_test(tc, buf_appends_and_detaches);
	tcase_add_test(tc, ids_are_sanitised);
	tcase_add_test(tc, guid_is_stable_and_well_formed);
	tcase_add_test(tc, process_rejects_over_limit);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(model_suite)

/* check_runs.c - the external sort (formats/runs.c): whatever the run size
 * (one run in memory, or a run every few records on disk), iterating gives
 * every record in byte order of its key, equal keys in the order added,
 * and again on a second pass; nothing is left in the temporary folder. */
#include "np_check.h"
#include "runs.h"

#include <dirent.h>
#include <errno.h>
#include <unistd.h>

typedef struct {
	char key[40];
	size_t key_len;
	unsigned seq;
} ref_rec;

static int ref_cmp(const void *a, const void *b)
{
	const ref_rec *x = a, *y = b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->key_len != y->key_len)
		return x->key_len < y->key_len ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* n records of random keys from a small alphabet (so many repeat, some
 * are prefixes of others, bytes >= 0x80 included), sorted with runs of
 * `run_bytes`, checked against qsort on (key, order added). */
static void sort_and_check(unsigned n, size_t run_bytes, unsigned seed)
{
	char dir[] = "/tmp/np-check-runs-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	size_t saved = np_runs__run_bytes;
	np_runs__run_bytes = run_bytes;
	np_runs *r = np_runs__new(dir);
	ck_assert_ptr_nonnull(r);
	ref_rec *ref = calloc(n ? n : 1, sizeof *ref);
	static const char alphabet[] = { 'a', 'b', '/', '-', (char)0xc3, (char)0xa9 };
	for (unsigned i = 0; i < n; i++) {
		ref[i].key_len = next_rand(&seed) % 5;
		for (size_t k = 0; k < ref[i].key_len; k++)
			ref[i].key[k] = alphabet[next_rand(&seed) % sizeof alphabet];
		ref[i].seq = i;
		ck_assert_int_eq(np_runs__add(r, ref[i].key, ref[i].key_len, &i, sizeof i), 0);
	}
	np_runs__run_bytes = saved;
	ck_assert_uint_eq(np_runs__count(r), n);
	qsort(ref, n, sizeof *ref, ref_cmp);
	for (int pass = 0; pass < 2; pass++) {
		np_runs_iter *it = NULL;
		ck_assert_int_eq(np_runs__iter(r, &it), 0);
		np_run_rec rec;
		unsigned got = 0;
		while (np_runs__next(it, &rec) == 1) {
			ck_assert_uint_lt(got, n);
			ck_assert_uint_eq(rec.key_len, ref[got].key_len);
			ck_assert(memcmp(rec.key, ref[got].key, rec.key_len) == 0);
			unsigned seq;
			ck_assert_uint_eq(rec.val_len, sizeof seq);
			memcpy(&seq, rec.val, sizeof seq);
			ck_assert_uint_eq(seq, ref[got].seq);
			got++;
		}
		ck_assert_uint_eq(got, n);
		ck_assert_int_eq(np_runs__next(it, &rec), 0); /* stays at the end */
		np_runs__iter_free(it);
	}
	/* no adding once iterating began */
	ck_assert_int_eq(np_runs__add(r, "x", 1, "", 0), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(np_test_count_entries(dir), 0); /* the run file is unlinked */
	np_runs__free(r);
	free(ref);
	ck_assert_int_eq(rmdir(dir), 0);
}

START_TEST(empty_sorter_iterates_nothing)
{
	sort_and_check(0, 1 << 20, 1);
}
END_TEST

START_TEST(one_run_in_memory)
{
	sort_and_check(3000, 64u << 20, 2);
}
END_TEST

START_TEST(many_runs_on_disk)
{
	sort_and_check(3000, 100, 3);  /* a run every few records */
	sort_and_check(3000, 4096, 4); /* a few dozen runs and a rest in memory */
}
END_TEST

START_TEST(records_larger_than_the_read_buffer)
{
	size_t saved = np_runs__run_bytes;
	np_runs__run_bytes = 1;
	np_runs *r = np_runs__new(NULL);
	ck_assert_ptr_nonnull(r);
	size_t big = 200 * 1024;
	char *v = malloc(big);
	for (int i = 3; i > 0; i--) {
		memset(v, 'a' + i, big);
		char key = (char)('0' + i);
		ck_assert_int_eq(np_runs__add(r, &key, 1, v, big), 0);
	}
	np_runs__run_bytes = saved;
	np_runs_iter *it = NULL;
	ck_assert_int_eq(np_runs__iter(r, &it), 0);
	np_run_rec rec;
	for (int i = 1; i <= 3; i++) {
		ck_assert_int_eq(np_runs__next(it, &rec), 1);
		ck_assert_int_eq(rec.key[0], '0' + i);
		ck_assert_uint_eq(rec.val_len, big);
		ck_assert_int_eq(rec.val[0], 'a' + i);
		ck_assert_int_eq(rec.val[big - 1], 'a' + i);
	}
	ck_assert_int_eq(np_runs__next(it, &rec), 0);
	np_runs__iter_free(it);
	np_runs__free(r);
	free(v);
}
END_TEST

static Suite *runs_suite(void)
{
	Suite *s = suite_create("runs");
	TCase *tc = tcase_create("sort");
	tcase_add_test(tc, empty_sorter_iterates_nothing);
	tcase_add_test(tc, one_run_in_memory);
	tcase_add_test(tc, many_runs_on_disk);
	tcase_add_test(tc, records_larger_than_the_read_buffer);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(runs_suite)

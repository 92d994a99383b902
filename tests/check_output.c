/* check_output.c - the folder output's files: whole under their name,
 * mode 0644 whatever the umask, replaced atomically, no temporaries left;
 * and the input side's one-open read of regular files. */
#include "np_check.h"
#include "format.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];

static void setup(void)
{
	snprintf(root, sizeof root, "%s/np_check_output_XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
}

static void file_is(const char *rel, const char *want)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	size_t len;
	char *got = np_test_slurp(p, &len);
	ck_assert_msg(got != NULL, "%s missing", p);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(got, want);
	free(got);
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_msg((st.st_mode & 07777) == 0644, "%s has mode %o", p,
	              (unsigned)(st.st_mode & 07777));
}

/* Write a.txt, sub/b.txt (put), sub/deeper/c.txt (put_fd), d.txt (parts)
 * through a folder output made under `mask`, twice: the second time every
 * file exists and is replaced. */
static void write_twice_under(mode_t mask)
{
	mode_t old = umask(mask);
	char out[400];
	snprintf(out, sizeof out, "%s/out", root);
	np_ctx *ctx = np_ctx_new();
	for (int round = 0; round < 2; round++) {
		np_output *o = NULL;
		ck_assert_int_eq(np_output_dir_new(&o, out, ctx), NP_OK);
		const char *a = round ? "second a" : "first a";
		ck_assert_int_eq(np_output_put(o, "a.txt", a, strlen(a)), NP_OK);
		ck_assert_int_eq(np_output_put(o, "sub/b.txt", "b", 1), NP_OK);
		FILE *f = tmpfile();
		ck_assert_ptr_nonnull(f);
		fputs(round ? "fd two" : "fd one", f);
		fflush(f);
		ck_assert_int_eq(np_output__put_fd(o, "sub/deeper/c.txt", fileno(f), 6), NP_OK);
		np_output_part parts[2] = { { "par", -1, 3 }, { NULL, fileno(f), 6 } };
		ck_assert_int_eq(np_output__put_parts(o, "d.txt", parts, 2), NP_OK);
		fclose(f);
		ck_assert_int_eq(np_output_close(o), NP_OK);
		np_output_free(o);
		file_is("out/a.txt", a);
		file_is("out/sub/b.txt", "b");
		file_is("out/sub/deeper/c.txt", round ? "fd two" : "fd one");
		file_is("out/d.txt", round ? "parfd two" : "parfd one");
		ck_assert_int_eq(np_test_count_tmp(out), 0);
		char sub[450];
		snprintf(sub, sizeof sub, "%s/sub", out);
		ck_assert_int_eq(np_test_count_tmp(sub), 0);
	}
	np_ctx_free(ctx);
	umask(old);
}

START_TEST(files_are_whole_and_0644_under_umask_022)
{
	write_twice_under(022);
}
END_TEST

START_TEST(files_are_0644_under_umask_077)
{
	/* the umask would take bits of 0644: the output must chmod */
	write_twice_under(077);
}
END_TEST

START_TEST(a_folder_in_the_way_fails_and_leaves_nothing)
{
	char out[400], p[500];
	snprintf(out, sizeof out, "%s/out", root);
	np_ctx *ctx = np_ctx_new();
	np_output *o = NULL;
	ck_assert_int_eq(np_output_dir_new(&o, out, ctx), NP_OK);
	snprintf(p, sizeof p, "%s/busy.xml", out);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	ck_assert_int_lt(np_output_put(o, "busy.xml", "<x/>", 4), 0);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "busy.xml"));
	ck_assert_int_eq(np_test_count_tmp(out), 0);
	/* the next file is still written */
	ck_assert_int_eq(np_output_put(o, "ok.xml", "<ok/>", 5), NP_OK);
	file_is("out/ok.xml", "<ok/>");
	np_output_free(o);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(a_folder_removed_during_the_run_is_made_again)
{
	char out[400], cmd[600];
	snprintf(out, sizeof out, "%s/out", root);
	np_ctx *ctx = np_ctx_new();
	np_output *o = NULL;
	ck_assert_int_eq(np_output_dir_new(&o, out, ctx), NP_OK);
	ck_assert_int_eq(np_output_put(o, "s/one.txt", "1", 1), NP_OK);
	snprintf(cmd, sizeof cmd, "rm -rf '%s/s'", out);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(np_output_put(o, "s/two.txt", "2", 1), NP_OK);
	file_is("out/s/two.txt", "2");
	np_output_free(o);
	np_ctx_free(ctx);
}
END_TEST

/* Regular files are read with one open and no read past their size: the
 * bytes must still be whole around the reader's 64 KiB buffer steps. */
START_TEST(regular_files_read_whole_at_every_size)
{
	static const size_t sizes[] = { 0, 1, 511, 512, 513, 65535, 65536, 65537,
		131072, 200000 };
	char dir[400];
	snprintf(dir, sizeof dir, "%s/in", root);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		char p[500];
		snprintf(p, sizeof p, "%s/f%02zu.txt", dir, i);
		FILE *f = fopen(p, "wb");
		ck_assert_ptr_nonnull(f);
		for (size_t k = 0; k < sizes[i]; k++)
			fputc('a' + (int)((k * 7 + i) % 26), f);
		fclose(f);
	}
	np_options opts = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	const char *paths[] = { dir };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &opts, ctx), NP_OK);
	const char *id, *source, *bytes;
	size_t len, i = 0;
	int rc;
	while ((rc = np_input_next(in, &id, &source, &bytes, &len)) > 0) {
		ck_assert_uint_lt(i, sizeof sizes / sizeof *sizes);
		ck_assert_uint_eq(len, sizes[i]);
		for (size_t k = 0; k < len; k++)
			ck_assert_int_eq(bytes[k], 'a' + (int)((k * 7 + i) % 26));
		i++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(i, sizeof sizes / sizeof *sizes);
	np_input_free(in);
	np_ctx_free(ctx);
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("folder");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, files_are_whole_and_0644_under_umask_022);
	tcase_add_test(tc, files_are_0644_under_umask_077);
	tcase_add_test(tc, a_folder_in_the_way_fails_and_leaves_nothing);
	tcase_add_test(tc, a_folder_removed_during_the_run_is_made_again);
	tcase_add_test(tc, regular_files_read_whole_at_every_size);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(output_suite)

/* check_read.c - inputs: files, folders, stdin and what goes wrong. */
#include "input_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256];

static void put(const char *rel, const char *content)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(content, f);
	fclose(f);
}

static void mk(const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	ck_assert_int_eq(mkdir(p, 0755), 0);
}

static void setup(void)
{
	snprintf(root, sizeof root, "/tmp/np_check_read_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
}

typedef struct item {
	int rc;
	char id[256], source[512], msg[512];
	size_t len;
} item;

/* Walk the inputs; returns how many items were seen. */
static size_t walk(const char *const *paths, size_t n, item *out, size_t max)
{
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	ck_assert_int_eq(np_input_open(&in, paths, n, &o, ctx), NP_OK);
	size_t k = 0;
	for (;;) {
		const char *id = NULL, *src = NULL, *bytes = NULL;
		size_t len = 0;
		int rc = np_input_next(in, &id, &src, &bytes, &len);
		if (rc == 0)
			break;
		ck_assert_uint_lt(k, max);
		out[k].rc = rc;
		snprintf(out[k].id, sizeof out[k].id, "%s", id ? id : "");
		snprintf(out[k].source, sizeof out[k].source, "%s", src ? src : "");
		snprintf(out[k].msg, sizeof out[k].msg, "%s", rc < 0 ? np_ctx_error(ctx) : "");
		out[k].len = len;
		k++;
	}
	np_input_free(in);
	np_ctx_free(ctx);
	return k;
}

/* Ids that collide get -2, -3 in input order, also across the growth of
 * the set of ids seen (the walk is lazy: ids are checked one at a time). */
START_TEST(colliding_ids_suffixed_in_order_across_many)
{
	enum { MANY = 1500 };
	mk("a");
	mk("b");
	mk("c");
	mk("big");
	put("a/x.txt", "one\n");
	put("b/x.txt", "two\n");
	put("c/x.txt", "three\n");
	put("c/x-2.txt", "four\n"); /* x-2 is taken by then: it becomes x-2-2 */
	for (int i = 0; i < MANY; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "big/n%04d.txt", i);
		put(rel, "n\n");
	}
	char pa[300], pb[300], pc[300], pd[300], pbig[300];
	snprintf(pa, sizeof pa, "%s/a/x.txt", root);
	snprintf(pb, sizeof pb, "%s/b/x.txt", root);
	snprintf(pc, sizeof pc, "%s/c/x.txt", root);
	snprintf(pd, sizeof pd, "%s/c/x-2.txt", root);
	snprintf(pbig, sizeof pbig, "%s/big", root);
	const char *paths[] = { pa, pb, pc, pd, pbig, pbig };
	static item got[2 * MANY + 8];
	size_t k = walk(paths, 6, got, sizeof got / sizeof *got);
	ck_assert_uint_eq(k, 4 + 2 * MANY);
	ck_assert_str_eq(got[0].id, "x");
	ck_assert_str_eq(got[1].id, "x-2");
	ck_assert_str_eq(got[2].id, "x-3");
	ck_assert_str_eq(got[3].id, "x-2-2");
	ck_assert_str_eq(got[4].id, "n0000");
	ck_assert_str_eq(got[4 + MANY - 1].id, "n1499");
	ck_assert_str_eq(got[4 + MANY].id, "n0000-2"); /* the folder given twice */
	ck_assert_str_eq(got[4 + 2 * MANY - 1].id, "n1499-2");
}
END_TEST

/* The run's output folder inside an input folder is never walked into,
 * however it is named; the same folder given itself is still read. */
START_TEST(output_folder_inside_the_input_is_skipped)
{
	mk("in");
	mk("in/out");
	put("in/a.txt", "a\n");
	put("in/out/a.newsml.txt", "written by an earlier article\n");
	put("in/z.txt", "z\n");
	char pin[300], pout[300];
	snprintf(pin, sizeof pin, "%s/in", root);
	snprintf(pout, sizeof pout, "%s/in/out", root);
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	const char *paths[] = { pin };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &o, ctx), NP_OK);
	ck_assert_int_eq(np_input_skip_folder(in, pout), NP_OK);
	const char *id, *src, *bytes;
	size_t len;
	ck_assert_int_eq(np_input_next(in, &id, &src, &bytes, &len), 1);
	ck_assert_str_eq(id, "a");
	ck_assert_int_eq(np_input_next(in, &id, &src, &bytes, &len), 1);
	ck_assert_str_eq(id, "z");
	ck_assert_int_eq(np_input_next(in, &id, &src, &bytes, &len), 0);
	np_input_free(in);
	char pfile[300];
	snprintf(pfile, sizeof pfile, "%s/in/a.txt", root);
	ck_assert_int_eq(np_input_open(&in, paths, 1, &o, ctx), NP_OK);
	ck_assert_int_eq(np_input_skip_folder(in, pfile), NP_EIO);
	np_input_free(in);
	item got[4];
	const char *only_out[] = { pout };
	ck_assert_uint_eq(walk(only_out, 1, got, 4), 1);
	np_ctx_free(ctx);
}
END_TEST

START_TEST(folder_sorted_recursive_hidden_skipped)
{
	mk("b");
	mk("a");
	mk(".git");
	put("b/2.txt", "two");
	put("b/10.txt", "ten");
	put("a/z.txt", "zed");
	put("top.html", "<p>x</p>");
	put(".hidden.txt", "no");
	put(".git/config", "no");
	put("a/.swp", "no");
	const char *paths[] = { root };
	item it[16];
	size_t n = walk(paths, 1, it, 16);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(it[0].id, "a/z");
	ck_assert_str_eq(it[1].id, "b/10"); /* byte order */
	ck_assert_str_eq(it[2].id, "b/2");
	ck_assert_str_eq(it[3].id, "top");
	ck_assert_int_eq(it[1].rc, 1);
	ck_assert_uint_eq(it[1].len, 3);
}
END_TEST

START_TEST(single_file_id_is_base_name)
{
	put("story.v2.txt", "hello");
	char p[512];
	snprintf(p, sizeof p, "%s/story.v2.txt", root);
	const char *paths[] = { p };
	item it[2];
	ck_assert_uint_eq(walk(paths, 1, it, 2), 1);
	ck_assert_str_eq(it[0].id, "story.v2");
	ck_assert_uint_eq(it[0].len, 5);
}
END_TEST

START_TEST(missing_file_named)
{
	char p[512];
	snprintf(p, sizeof p, "%s/nope.txt", root);
	put("ok.txt", "fine");
	char q[512];
	snprintf(q, sizeof q, "%s/ok.txt", root);
	const char *paths[] = { p, q };
	item it[4];
	ck_assert_uint_eq(walk(paths, 2, it, 4), 2);
	ck_assert_int_eq(it[0].rc, NP_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(it[0].msg, "nope.txt"));
	ck_assert_ptr_nonnull(strstr(it[0].msg, "No such file"));
	ck_assert_int_eq(it[1].rc, 1); /* the run goes on */
}
END_TEST

START_TEST(file_path_through_a_file)
{
	put("plain.txt", "x");
	char p[512];
	snprintf(p, sizeof p, "%s/plain.txt/inner.txt", root);
	const char *paths[] = { p };
	item it[2];
	ck_assert_uint_eq(walk(paths, 1, it, 2), 1);
	ck_assert_int_lt(it[0].rc, 0);
	ck_assert_ptr_nonnull(strstr(it[0].msg, "plain.txt/inner.txt"));
	ck_assert_ptr_nonnull(strstr(it[0].msg, "Not a directory"));
}
END_TEST

START_TEST(symlink_loop_reported)
{
	mk("d");
	put("d/a.txt", "a");
	char link[512], self[512];
	snprintf(link, sizeof link, "%s/d/up", root);
	ck_assert_int_eq(symlink("..", link), 0); /* d/up -> the root: a loop */
	snprintf(self, sizeof self, "%s/d/self", root);
	ck_assert_int_eq(symlink("self", self), 0); /* ELOOP */
	snprintf(link, sizeof link, "%s/d/dangling", root);
	ck_assert_int_eq(symlink("missing-target", link), 0);
	const char *paths[] = { root };
	item it[16];
	size_t n = walk(paths, 1, it, 16);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(it[0].id, "d/a");
	ck_assert_int_eq(it[0].rc, 1);
	ck_assert_int_lt(it[1].rc, 0); /* dangling */
	ck_assert_ptr_nonnull(strstr(it[1].msg, "dangling"));
	ck_assert_int_lt(it[2].rc, 0); /* self */
	ck_assert_ptr_nonnull(strstr(it[2].msg, "loop"));
	ck_assert_int_lt(it[3].rc, 0); /* up */
	ck_assert_ptr_nonnull(strstr(it[3].msg, "d/up"));
	ck_assert_ptr_nonnull(strstr(it[3].msg, "loop"));
}
END_TEST

START_TEST(special_files_reported)
{
	char p[512];
	snprintf(p, sizeof p, "%s/fifo", root);
	ck_assert_int_eq(mkfifo(p, 0644), 0);
	const char *paths[] = { root };
	item it[4];
	ck_assert_uint_eq(walk(paths, 1, it, 4), 1);
	ck_assert_int_lt(it[0].rc, 0);
	ck_assert_ptr_nonnull(strstr(it[0].msg, "not a regular file"));
}
END_TEST

/* A FIFO named on the command line (process substitution) is read whole:
 * nothing may open it early to sniff it. */
START_TEST(fifo_argument_read_whole)
{
	char p[512];
	snprintf(p, sizeof p, "%s/pipe.txt", root);
	ck_assert_int_eq(mkfifo(p, 0644), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(p, O_WRONLY);
		const char *msg = "Piped article text.\n";
		ssize_t w = fd >= 0 ? write(fd, msg, strlen(msg)) : -1;
		_exit(w == (ssize_t)strlen(msg) ? 0 : 1);
	}
	const char *paths[] = { p };
	item it[2];
	ck_assert_uint_eq(walk(paths, 1, it, 2), 1);
	ck_assert_int_eq(it[0].rc, 1);
	ck_assert_uint_eq(it[0].len, 20);
	int status;
	waitpid(pid, &status, 0);
}
END_TEST

START_TEST(unreadable_file_reported)
{
	put("secret.txt", "x");
	char p[512];
	snprintf(p, sizeof p, "%s/secret.txt", root);
	ck_assert_int_eq(chmod(p, 0), 0);
	int fd = open(p, O_RDONLY);
	if (fd >= 0) {
		/* Root opens anything, so use a file whose read fails for root
		 * too: /proc/self/mem at offset 0 gives EIO. */
		close(fd);
		const char *paths[] = { "/proc/self/mem" };
		item it[2];
		ck_assert_uint_eq(walk(paths, 1, it, 2), 1);
		ck_assert_int_lt(it[0].rc, 0);
		ck_assert_ptr_nonnull(strstr(it[0].msg, "/proc/self/mem"));
	} else {
		const char *paths[] = { p };
		item it[2];
		ck_assert_uint_eq(walk(paths, 1, it, 2), 1);
		ck_assert_int_lt(it[0].rc, 0);
		ck_assert_ptr_nonnull(strstr(it[0].msg, "secret.txt"));
		ck_assert_ptr_nonnull(strstr(it[0].msg, "Permission denied"));
	}
}
END_TEST

START_TEST(stdin_dash)
{
	put("in.txt", "From stdin.\n");
	char p[512];
	snprintf(p, sizeof p, "%s/in.txt", root);
	int saved = dup(0);
	int fd = open(p, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 0);
	close(fd);
	const char *paths[] = { "-" };
	item it[2];
	size_t n = walk(paths, 1, it, 2);
	dup2(saved, 0);
	close(saved);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(it[0].id, "stdin");
	ck_assert_str_eq(it[0].source, "-");
	ck_assert_uint_eq(it[0].len, 12);
}
END_TEST

START_TEST(too_large_refused)
{
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	put("big.txt", big);
	char p[512];
	snprintf(p, sizeof p, "%s/big.txt", root);
	const char *paths[] = { p };
	np_options o = NP_OPTIONS_INIT;
	o.max_article_bytes = 1000;
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	ck_assert_int_eq(np_input_open(&in, paths, 1, &o, ctx), NP_OK);
	const char *id, *src, *bytes;
	size_t len;
	int rc = np_input_next(in, &id, &src, &bytes, &len);
	if (rc == 1) /* read, then the pipeline refuses it */
		rc = np_process_buffer(&(np_record *){ NULL }, id, src, bytes, len, &o, ctx);
	ck_assert_int_eq(rc, NP_ELIMIT);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "big.txt"));
	np_input_free(in);
	np_ctx_free(ctx);
}
END_TEST

static Suite *read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, folder_sorted_recursive_hidden_skipped);
	tcase_add_test(tc, output_folder_inside_the_input_is_skipped);
	tcase_add_test(tc, colliding_ids_suffixed_in_order_across_many);
	tcase_add_test(tc, single_file_id_is_base_name);
	tcase_add_test(tc, missing_file_named);
	tcase_add_test(tc, file_path_through_a_file);
	tcase_add_test(tc, symlink_loop_reported);
	tcase_add_test(tc, special_files_reported);
	tcase_add_test(tc, fifo_argument_read_whole);
	tcase_add_test(tc, unreadable_file_reported);
	tcase_add_test(tc, stdin_dash);
	tcase_add_test(tc, too_large_refused);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(read_suite)

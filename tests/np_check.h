/* np_check.h - what every Check suite of newsprism shares.
 *
 * Each tests/check_<module>.c defines `Suite *<module>_suite(void)` and ends
 * with NP_CHECK_MAIN(<module>_suite), or NP_CHECK_MAIN_SHARED(...) when it
 * needs ../shared (reference schemas, corpora): such a suite exits 77, which
 * CTest reports as skipped, with the reason on stderr, when shared is absent. */
#ifndef NP_CHECK_H
#define NP_CHECK_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsprism.h"

#ifndef NP_SHARED_DIR
#define NP_SHARED_DIR "../shared"
#endif
#ifndef NP_SOURCE_DIR
#define NP_SOURCE_DIR "."
#endif

/* Path below ../shared (static buffer), honouring $NP_SHARED. */
static inline const char *np_test_shared(const char *rel)
{
	static char path[4096];
	const char *root = getenv("NP_SHARED");
	snprintf(path, sizeof path, "%s/%s", root && *root ? root : NP_SHARED_DIR, rel);
	return path;
}

static inline int np_test_shared_present(void)
{
	struct stat st;
	return stat(np_test_shared("seed/kerry-lavrov.txt"), &st) == 0;
}

/* Read a whole file (malloc'd, NUL-terminated) or NULL. */
static inline char *np_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			char *p = realloc(buf, cap * 2 + 1);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}

/* How many names a folder holds (not . and ..): tests that files left
 * nothing behind. */
static inline int np_test_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* How many names in a folder hold ".tmp." (temporaries left behind); 0
 * when the folder cannot be opened. */
static inline int np_test_count_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strstr(e->d_name, ".tmp.") != NULL;
	if (d)
		closedir(d);
	return n;
}

/* Up to `count` pieces picked at random (a linear congruential step of
 * *seed per piece) and joined into buf while they fit in cap - 1 bytes:
 * random texts built from chosen hard cases.  Returns the length. */
static inline size_t np_test_random_text(char *buf, size_t cap,
                                         const char *const *piece, size_t n_piece,
                                         int count, unsigned *seed)
{
	size_t n = 0;
	for (int p = 0; p < count; p++) {
		*seed = *seed * 1103515245u + 12345u;
		const char *w = piece[(*seed >> 8) % n_piece];
		size_t l = strlen(w);
		if (n + l >= cap)
			break;
		memcpy(buf + n, w, l);
		n += l;
	}
	return n;
}

/* Run the whole pipeline on a string; fails the test when it fails. */
static inline np_record *np_test_process(const char *id, const char *text)
{
	np_options opts = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	int rc = np_process_buffer(&rec, id, id, text, strlen(text), &opts, ctx);
	ck_assert_msg(rc >= 0, "pipeline failed: %s", np_ctx_error(ctx));
	np_ctx_free(ctx);
	return rec;
}

static inline int np_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int run = srunner_ntests_run(sr), failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* A misspelt case runs nothing and would pass: count that as failure. */
	if (run == 0) {
		fprintf(stderr, "no test ran\n");
		return 1;
	}
	return failed ? 1 : 0;
}

#define NP_CHECK_MAIN(suite_fn)                                                 \
	int main(void) { return np_check_run(suite_fn()); }

#define NP_CHECK_MAIN_SHARED(suite_fn)                                          \
	int main(void)                                                            \
	{                                                                         \
		if (!np_test_shared_present()) {                                  \
			fprintf(stderr, "SKIPPED: %s not found (set NP_SHARED)\n",  \
			        np_test_shared(""));                              \
			return 77;                                                \
		}                                                                 \
		return np_check_run(suite_fn());                                  \
	}

#endif

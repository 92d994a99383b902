/* check_archive.c - SHA-2, BagIt archives (writing, reproducibility, safe
 * names, atomicity), verify, and archives as input.
 *
 * Files go through the np_output API directly, as the exporters would put
 * them; what comes out is checked with independent tools (tar, Python's
 * tarfile and zipfile, sha256sum, and ../shared/tools/bagit-check.sh when
 * present).  On purpose these tests run in the "C" locale: the library must
 * not depend on the caller's locale for non-ASCII names. */
#include "np_check.h"
#include "model.h"
#include "format.h"
#include "sha2.h"
#include "read_archive.h"
#include "runs.h"
#include "spill.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- helpers -------------------------------------------------------------- */

static char *tmp_dir(void)
{
	char *d = strdup("/tmp/np-check-archive-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static void rm_rf(const char *d)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	ck_assert_int_eq(system(cmd), 0);
}

static int sh(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static np_record *make_record(const char *id, const char *date)
{
	np_record *rec = np_test_process(id, "Headline\n\n\"We are ready,\" "
	                                     "Jane Doe said.\n");
	rec->meta.date = date;
	return rec;
}

static void put(np_output *o, const char *name, const char *text)
{
	int rc = np_output_put(o, name, text, strlen(text));
	ck_assert_msg(rc == NP_OK, "put %s: %s", name, np_ctx_error(o->ctx));
}

/* A bag with two articles and two tables at `path`. */
static void write_bag(const char *path, const np_options *opts)
{
	np_ctx *ctx = np_ctx_new();
	np_output *o = NULL;
	ck_assert_msg(np_output_archive_new(&o, path, opts, ctx) == NP_OK, "%s",
	              np_ctx_error(ctx));
	np_record *r1 = make_record("sport/001", "2016-10-05T10:30:00Z");
	np_record *r2 = make_record("b", "2015-01-02");
	np_output__set_record(o, r1);
	put(o, "sport/001.newsml.xml", "<newsItem/>\n");
	put(o, "sport/001.jsonld", "{\"@type\": \"NewsArticle\"}\n");
	np_output__set_record(o, r2);
	put(o, "b.newsml.xml", "<newsItem>b</newsItem>\n");
	put(o, "b.jsonld", "{}\n");
	np_output__set_record(o, NULL);
	put(o, "quotes.csv", "article_id,quote\r\nsport/001,\"We are ready,\"\r\n");
	put(o, "quotes.schema.json", "{\"fields\": []}\n");
	ck_assert_msg(np_output_close(o) == NP_OK, "%s", np_ctx_error(ctx));
	np_output_free(o);
	np_record_free(r1);
	np_record_free(r2);
	np_ctx_free(ctx);
}

static char *slurp_cmd(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static char *slurp_cmd(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	np_buf b = NP_BUF_INIT;
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
		np_buf_put(&b, chunk, k);
	pclose(p);
	np_buf_putc(&b, '\0');
	return np_buf_detach(&b, NULL);
}

/* ---- SHA-2 -------------------------------------------------------------- */

static void hex256(const char *msg, size_t len, char out[65])
{
	unsigned char d[32];
	np_sha256 s;
	np_sha256__init(&s);
	np_sha256__update(&s, msg, len);
	np_sha256__final(&s, d);
	np_sha2__hex(d, 32, out);
}

static void hex512(const char *msg, size_t len, char out[129])
{
	unsigned char d[64];
	np_sha512 s;
	np_sha512__init(&s);
	np_sha512__update(&s, msg, len);
	np_sha512__final(&s, d);
	np_sha2__hex(d, 64, out);
}

/* Each SHA-2 test runs twice: _i = 0 takes the SHA extensions where the
 * processor has them, _i = 1 the portable code. */
START_TEST(sha2_known_vectors)
{
	np_sha256__portable = _i;
	char h[129];
	/* FIPS 180-4 examples (NIST CSRC "Example Algorithms") */
	hex256("abc", 3, h);
	ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex256("", 0, h);
	ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hex256(m448, strlen(m448), h);
	ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	hex512("abc", 3, h);
	ck_assert_str_eq(h, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	                    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	hex512("", 0, h);
	ck_assert_str_eq(h, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	                    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	                   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	hex512(m896, strlen(m896), h);
	ck_assert_str_eq(h, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	                    "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
	/* one million 'a', fed in odd-sized pieces across block edges */
	static char a[1000000];
	memset(a, 'a', sizeof a);
	np_sha256 s;
	np_sha512 s5;
	np_sha256__init(&s);
	np_sha512__init(&s5);
	for (size_t off = 0, step = 1; off < sizeof a; off += step, step = step * 3 % 997 + 1) {
		size_t k = off + step > sizeof a ? sizeof a - off : step;
		np_sha256__update(&s, a + off, k);
		np_sha512__update(&s5, a + off, k);
	}
	unsigned char d[64];
	np_sha256__final(&s, d);
	np_sha2__hex(d, 32, h);
	ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	np_sha512__final(&s5, d);
	np_sha2__hex(d, 64, h);
	ck_assert_str_eq(h, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	                    "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
	np_sha256__portable = 0;
}
END_TEST

/* Both SHA-256 paths agree on every length up to 40 blocks, fed whole and
 * in pieces that split blocks. */
START_TEST(sha256_paths_agree)
{
	static unsigned char data[64 * 40 + 7];
	unsigned seed = 4242;
	for (size_t i = 0; i < sizeof data; i++) {
		seed = seed * 1103515245u + 12345u;
		data[i] = (unsigned char)(seed >> 16);
	}
	for (size_t len = 0; len <= sizeof data; len += len < 200 ? 1 : 61) {
		unsigned char d[2][32];
		for (int portable = 0; portable < 2; portable++) {
			np_sha256__portable = portable;
			np_sha256 s;
			np_sha256__init(&s);
			size_t cut = len / 3;
			np_sha256__update(&s, data, cut);
			np_sha256__update(&s, data + cut, len - cut);
			np_sha256__final(&s, d[portable]);
		}
		np_sha256__portable = 0;
		ck_assert_msg(memcmp(d[0], d[1], 32) == 0, "the paths differ at %zu bytes", len);
	}
}
END_TEST

START_TEST(sha2_matches_coreutils)
{
	np_sha256__portable = _i;
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/blob", d);
	FILE *f = fopen(path, "wb");
	static char data[300007];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)(i * 7919 % 251);
	fwrite(data, 1, sizeof data, f);
	fclose(f);
	for (size_t len = 0; len < 300; len += 37) {
		/* lengths around the padding edges too */
		char h[129];
		hex256(data, len, h);
		char *want = slurp_cmd("head -c %zu '%s' | sha256sum | cut -c1-64", len, path);
		ck_assert_int_eq(strncmp(h, want, 64), 0);
		free(want);
		hex512(data, len, h);
		want = slurp_cmd("head -c %zu '%s' | sha512sum | cut -c1-128", len, path);
		ck_assert_int_eq(strncmp(h, want, 128), 0);
		free(want);
	}
	char h[129];
	hex256(data, sizeof data, h);
	char *want = slurp_cmd("sha256sum < '%s' | cut -c1-64", path);
	ck_assert_int_eq(strncmp(h, want, 64), 0);
	free(want);
	hex512(data, sizeof data, h);
	want = slurp_cmd("sha512sum < '%s' | cut -c1-128", path);
	ck_assert_int_eq(strncmp(h, want, 128), 0);
	free(want);
	rm_rf(d);
	free(d);
	np_sha256__portable = 0;
}
END_TEST

/* ---- layout --------------------------------------------------------------- */

START_TEST(bag_layout_is_sorted_bagit)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/out.tar.gz", d);
	np_options opts = NP_OPTIONS_INIT;
	write_bag(path, &opts);
	ck_assert_int_eq(np_test_count_entries(d), 1); /* no spool or temp file left */
	char *list = slurp_cmd("tar -tvzf '%s' | awk '{print $1, $2, $6}'", path);
	/* no --now: the newest article date is the mtime and names the release */
	const char *want =
		"drwxr-xr-x 0/0 newsprism-20161005/\n"
		"-rw-r--r-- 0/0 newsprism-20161005/bag-info.txt\n"
		"-rw-r--r-- 0/0 newsprism-20161005/bagit.txt\n"
		"drwxr-xr-x 0/0 newsprism-20161005/data/\n"
		"drwxr-xr-x 0/0 newsprism-20161005/data/b/\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/b/b.jsonld\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/b/b.newsml.xml\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/quotes.csv\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/quotes.schema.json\n"
		"drwxr-xr-x 0/0 newsprism-20161005/data/sport/\n"
		"drwxr-xr-x 0/0 newsprism-20161005/data/sport/001/\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/sport/001/001.jsonld\n"
		"-rw-r--r-- 0/0 newsprism-20161005/data/sport/001/001.newsml.xml\n"
		"-rw-r--r-- 0/0 newsprism-20161005/manifest-sha256.txt\n"
		"-rw-r--r-- 0/0 newsprism-20161005/manifest-sha512.txt\n"
		"-rw-r--r-- 0/0 newsprism-20161005/tagmanifest-sha256.txt\n";
	ck_assert_str_eq(list, want);
	free(list);
	/* every mtime is the article date, 2016-10-05T10:30:00Z */
	char *times = slurp_cmd("python3 -c 'import tarfile,sys; "
	                        "print(sorted({m.mtime for m in tarfile.open(sys.argv[1])}))' '%s'",
	                        path);
	ck_assert_str_eq(times, "[1475663400]\n");
	free(times);
	/* extracted, the bag checks out with coreutils and with bagit-check.sh */
	ck_assert_int_eq(sh("cd '%s' && tar -xzf out.tar.gz && cd newsprism-20161005 && "
	                    "sha256sum --quiet -c manifest-sha256.txt && "
	                    "sha512sum --quiet -c manifest-sha512.txt && "
	                    "sha256sum --quiet -c tagmanifest-sha256.txt", d), 0);
	char *info = slurp_cmd("cat '%s/newsprism-20161005/bag-info.txt'", d);
	ck_assert_ptr_nonnull(strstr(info, "Payload-Oxum: 123.6\n"));
	ck_assert_ptr_nonnull(strstr(info, "Bagging-Date: 2016-10-05\n"));
	ck_assert_ptr_nonnull(strstr(info, "Source-Organization: newsprism.invalid\n"));
	ck_assert_ptr_nonnull(strstr(info, "External-Description: "));
	ck_assert_ptr_nonnull(strstr(info, "Bag-Software-Agent: newsprism " NP_VERSION "\n"));
	ck_assert_ptr_nonnull(strstr(info, "2 news articles"));
	free(info);
	char *bagit = slurp_cmd("cat '%s/newsprism-20161005/bagit.txt'", d);
	ck_assert_str_eq(bagit, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	free(bagit);
	if (np_test_shared_present())
		ck_assert_int_eq(sh("bash '%s' '%s/newsprism-20161005' >/dev/null",
		                    np_test_shared("tools/bagit-check.sh"), d), 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(release_and_now_options)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/r.tar", d);
	np_options opts = NP_OPTIONS_INIT;
	opts.release = "../my release/2024";
	opts.now = 86400 * 365; /* 1971-01-01 */
	opts.provider = "example.org\nX-Injected: 1";
	write_bag(path, &opts);
	char *list = slurp_cmd("tar -tf '%s' | sort -u | cut -d/ -f1 | sort -u", path);
	ck_assert_str_eq(list, "_._my_release_2024\n");
	free(list);
	char *info = slurp_cmd("tar -xOf '%s' _._my_release_2024/bag-info.txt", path);
	ck_assert_ptr_nonnull(strstr(info, "Source-Organization: example.org X-Injected: 1\n"));
	ck_assert_ptr_nonnull(strstr(info, "Bagging-Date: 1971-01-01\n"));
	free(info);
	char *times = slurp_cmd("python3 -c 'import tarfile,sys; "
	                        "print(sorted({m.mtime for m in tarfile.open(sys.argv[1])}))' '%s'",
	                        path);
	ck_assert_str_eq(times, "[31536000]\n");
	free(times);
	rm_rf(d);
	free(d);
}
END_TEST

/* Write the bag in a child process, so that two runs differ in pid. */
static void write_bag_in_child(const char *path, const char *tz)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setenv("TZ", tz, 1);
		tzset();
		np_options opts = NP_OPTIONS_INIT;
		opts.release = "Nachrichten-B\xc3\xbcndel-\xe6\x96\xb0\xe9\x97\xbb";
		write_bag(path, &opts);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

START_TEST(archives_are_reproducible)
{
	static const char *const exts[] = { "tar.gz", "tar.xz", "tar.zst", "zip",
	                                    "tar", "tgz" };
	char *d = tmp_dir();
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		char p1[512], p2[512];
		snprintf(p1, sizeof p1, "%s/one.%s", d, exts[i]);
		snprintf(p2, sizeof p2, "%s/two.%s", d, exts[i]);
		write_bag_in_child(p1, "UTC0");
		sleep(i == 0); /* a second apart once: no clock may leak in */
		write_bag_in_child(p2, "America/New_York");
		ck_assert_msg(sh("cmp -s '%s' '%s'", p1, p2) == 0, "%s differs", exts[i]);
		/* the standard tools read it whole, with no trailing garbage */
		static const char *const testers[] = { "gzip -t", "xz -t", "zstd -qt",
		                                       "unzip -tq", "tar -tf", "gzip -t" };
		ck_assert_msg(sh("%s '%s' > /dev/null", testers[i], p1) == 0,
		              "%s fails %s", exts[i], testers[i]);
	}
	rm_rf(d);
	free(d);
}
END_TEST

/* A bag of many files in nested, colliding and near-sorting folders, written
 * with the index sorted in one run and in runs of about two files each. */
static void write_many(const char *path, size_t run_bytes)
{
	size_t saved = np_runs__run_bytes;
	np_runs__run_bytes = run_bytes;
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	opts.release = "many";
	opts.now = 0;
	np_output *o = NULL;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	/* ids whose folders sort around each other: "a" < "a-2" < "a.b" <
	 * "a/..." in byte order, and the same id twice (a second folder) */
	static const char *const ids[] = { "a", "a.b", "a/x", "a-2", "a", "b/c/d",
	                                   "b/c", "quotes.csv", "z" };
	for (unsigned i = 0; i < 120; i++) {
		char id[64], name[96], body[64];
		if (i < sizeof ids / sizeof *ids)
			snprintf(id, sizeof id, "%s", ids[i]);
		else
			snprintf(id, sizeof id, "f%u/%03u", (i * 7) % 5, (i * 37) % 101);
		np_record *r = make_record(id, NULL);
		np_output__set_record(o, r);
		snprintf(name, sizeof name, "%s.newsml.xml", id);
		snprintf(body, sizeof body, "<newsItem n=\"%u\"/>\n", i);
		put(o, name, body);
		snprintf(name, sizeof name, "%s.jsonld", id);
		put(o, name, body);
		np_output__set_record(o, NULL);
		np_record_free(r);
	}
	put(o, "quotes.csv", "a\r\n");
	put(o, "quotes.csv", "b\r\n");
	ck_assert_msg(np_output_close(o) == NP_OK, "%s", np_ctx_error(ctx));
	np_output_free(o);
	np_ctx_free(ctx);
	np_runs__run_bytes = saved;
}

START_TEST(index_runs_merge_to_the_same_bag)
{
	char *d = tmp_dir();
	char one[512], runs[512];
	snprintf(one, sizeof one, "%s/one.tar", d);
	snprintf(runs, sizeof runs, "%s/runs.tar", d);
	write_many(one, 64u << 20);
	write_many(runs, 300);
	ck_assert_int_eq(np_test_count_entries(d), 2); /* no spool or index file left */
	ck_assert_msg(sh("cmp -s '%s' '%s'", one, runs) == 0,
	              "the merged runs give other bytes than one sorted run");
	/* byte-sorted, every folder before its files, and no name twice */
	ck_assert_int_eq(sh("tar -tf '%s' | LC_ALL=C sort -c -u", runs), 0);
	char *n = slurp_cmd("tar -tf '%s' | grep -c -v '/$'", runs);
	ck_assert_str_eq(n, "247\n"); /* 240 + 2 tables + 5 tag files */
	free(n);
	/* the second article "a" gets a folder of its own, not a-2's */
	char *dirs = slurp_cmd("tar -tf '%s' | grep '^many/data/a[^/]*/[^/]*$'", runs);
	ck_assert_str_eq(dirs, "many/data/a-2/\n"
	                       "many/data/a-2/a-2.jsonld\n"
	                       "many/data/a-2/a-2.newsml.xml\n"
	                       "many/data/a-3/\n"
	                       "many/data/a-3/a.jsonld\n"
	                       "many/data/a-3/a.newsml.xml\n"
	                       "many/data/a.b/\n"
	                       "many/data/a.b/a.b.jsonld\n"
	                       "many/data/a.b/a.b.newsml.xml\n"
	                       "many/data/a/\n"
	                       "many/data/a/a.jsonld\n"
	                       "many/data/a/a.newsml.xml\n");
	free(dirs);
	ck_assert_int_eq(sh("cd '%s' && tar -xf runs.tar && cd many && "
	                    "sha256sum --quiet -c manifest-sha256.txt && "
	                    "sha512sum --quiet -c manifest-sha512.txt && "
	                    "sha256sum --quiet -c tagmanifest-sha256.txt && "
	                    "test $(wc -l < manifest-sha256.txt) = 242 && "
	                    "grep -q '^Payload-Oxum: [0-9]*\\.242$' bag-info.txt", d), 0);
	if (np_test_shared_present())
		ck_assert_int_eq(sh("bash '%s' '%s/many' >/dev/null",
		                    np_test_shared("tools/bagit-check.sh"), d), 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(non_ascii_names_read_back_in_python)
{
	char *d = tmp_dir();
	char tar[512], zip[512];
	snprintf(tar, sizeof tar, "%s/b.tar.xz", d);
	snprintf(zip, sizeof zip, "%s/b.zip", d);
	write_bag_in_child(tar, "UTC0");
	write_bag_in_child(zip, "Asia/Tokyo");
	const char *script =
		"import sys, tarfile, zipfile, datetime\n"
		"top = 'Nachrichten-B\\u00fcndel-\\u65b0\\u95fb'\n"
		"t = tarfile.open(sys.argv[1])\n"
		"names = t.getnames()\n"
		"assert all(n == top or n.startswith(top + '/') for n in names), names\n"
		"assert t.extractfile(top + '/bagit.txt').read().startswith(b'BagIt-Version: 1.0')\n"
		"z = zipfile.ZipFile(sys.argv[2])\n"
		"zn = z.namelist()\n"
		"assert all(n.startswith(top + '/') for n in zn), zn\n"
		"assert [n.rstrip('/') for n in zn] == sorted(n.rstrip('/') for n in names) or zn == sorted(zn), zn\n"
		"assert z.read(top + '/data/b/b.jsonld') == b'{}\\n'\n"
		"assert all(i.flag_bits & 0x800 for i in z.infolist()), 'UTF-8 flag'\n"
		"# DOS times in UTC even when written under Asia/Tokyo\n"
		"assert {i.date_time for i in z.infolist()} == {(2016, 10, 5, 10, 30, 0)}, "
		"{i.date_time for i in z.infolist()}\n"
		"assert z.testzip() is None\n";
	char sp[512];
	snprintf(sp, sizeof sp, "%s/check.py", d);
	FILE *f = fopen(sp, "w");
	fputs(script, f);
	fclose(f);
	ck_assert_int_eq(sh("python3 '%s' '%s' '%s'", sp, tar, zip), 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(unsafe_names_become_safe_entries)
{
	char *d = tmp_dir();
	/* The input file of the issue, inside a folder with a space, read
	 * through np_input like the CLI does. */
	char folder[512], file[600], path[512];
	snprintf(folder, sizeof folder, "%s/a folder", d);
	ck_assert_int_eq(mkdir(folder, 0755), 0);
	snprintf(file, sizeof file, "%s/..\xc3\xa9vil name;$(x).txt", folder);
	FILE *f = fopen(file, "w");
	fputs("Evil\n\n\"Hello,\" Jane Doe said.\n", f);
	fclose(f);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	np_input *in = NULL;
	const char *paths[] = { file };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &opts, ctx), NP_OK);
	const char *id, *source, *bytes;
	size_t len;
	ck_assert_int_eq(np_input_next(in, &id, &source, &bytes, &len), 1);
	np_record *rec = NULL;
	ck_assert_int_ge(np_process_buffer(&rec, id, source, bytes, len, &opts, ctx), 0);
	np_input_free(in);

	snprintf(path, sizeof path, "%s/safe.tar", d);
	np_output *o = NULL;
	opts.now = 0;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	np_output__set_record(o, rec);
	char *name = np_format__article_path(rec, "jsonld");
	put(o, name, "{}");
	free(name);
	np_output__set_record(o, NULL);
	/* files put under hostile names by a careless writer */
	put(o, "../../etc/passwd", "x");
	put(o, "/abs/path.csv", "x");
	put(o, "back\\slash.csv", "x");
	put(o, "ctl\n\x01.csv", "x");
	put(o, "./.././x.csv", "x");
	ck_assert_int_eq(np_output_close(o), NP_OK);
	np_output_free(o);
	np_record_free(rec);
	np_ctx_free(ctx);
	char *list = slurp_cmd("python3 -c 'import tarfile,sys\n"
	                       "for n in tarfile.open(sys.argv[1]).getnames(): print(n)' '%s'",
	                       path);
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/..__vil_name___x_/"
	                                   "..__vil_name___x_.jsonld\n"));
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/__/__/etc/passwd\n"));
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/abs/path.csv\n"));
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/back/slash.csv\n"));
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/ctl__.csv\n"));
	ck_assert_ptr_nonnull(strstr(list, "newsprism-19700101/data/_/__/_/x.csv\n"));
	for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
		ck_assert_msg(line[0] != '/', "%s", line);
		ck_assert_msg(!strchr(line, '\\'), "%s", line);
		for (const char *c = line; *c; c++)
			ck_assert_msg((unsigned char)*c >= 0x20, "%s", line);
		for (char *c = line; (c = strstr(c, "..")); c++)
			ck_assert_msg(!((c == line || c[-1] == '/') && (c[2] == '/' || !c[2])),
			              "'..' component in %s", line);
	}
	free(list);
	/* tar refuses nothing and writes nothing outside */
	ck_assert_int_eq(sh("cd '%s' && mkdir x && cd x && tar -xf ../safe.tar && "
	                    "test \"$(ls)\" = newsprism-19700101", d), 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(collisions_get_deterministic_suffixes)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/c.tar", d);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	opts.release = "rel";
	np_output *o = NULL;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	np_record *r1 = make_record("a b", NULL), *r2 = make_record("a_b", NULL);
	np_record *r3 = make_record("quotes.csv", NULL);
	put(o, "quotes.csv", "1");
	np_output__set_record(o, r1);
	put(o, "a_b.newsml.xml", "1");
	put(o, "a_b.jsonld", "1");
	np_output__set_record(o, r2);
	put(o, "a_b.newsml.xml", "2");
	put(o, "a_b.jsonld", "2");
	np_output__set_record(o, r3); /* its folder data/quotes.csv/ would clash with the table */
	put(o, "quotes.csv.jsonld", "3");
	np_output__set_record(o, NULL);
	put(o, "quotes.csv", "2");
	ck_assert_int_eq(np_output_close(o), NP_OK);
	np_output_free(o);
	np_record_free(r1);
	np_record_free(r2);
	np_record_free(r3);
	np_ctx_free(ctx);
	char *list = slurp_cmd("tar -tf '%s' | grep -v '/$'", path);
	ck_assert_str_eq(list,
		"rel/bag-info.txt\n"
		"rel/bagit.txt\n"
		"rel/data/a_b-2/a_b.jsonld\n"
		"rel/data/a_b-2/a_b.newsml.xml\n"
		"rel/data/a_b/a_b.jsonld\n"
		"rel/data/a_b/a_b.newsml.xml\n"
		"rel/data/quotes-2.csv\n"
		"rel/data/quotes.csv\n"
		"rel/data/quotes.csv-2/quotes.csv.jsonld\n"
		"rel/manifest-sha256.txt\n"
		"rel/manifest-sha512.txt\n"
		"rel/tagmanifest-sha256.txt\n");
	free(list);
	char *two = slurp_cmd("tar -xOf '%s' rel/data/a_b-2/a_b.jsonld rel/data/quotes-2.csv", path);
	ck_assert_str_eq(two, "22");
	free(two);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(article_files_found_by_extension)
{
	/* Files rendered elsewhere and put without their record (the CLI's
	 * workers) still land in their article's folder. */
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/e.tar", d);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	opts.release = "rel";
	np_output *o = NULL;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	put(o, "c/d.newsml.xml", "1");
	put(o, "c/d.ninjs.json", "2");
	put(o, "c/d.jsonld", "3");
	put(o, "newsmessage.xml", "4");
	put(o, "articles.jsonl", "5");
	put(o, ".jsonld", "6");
	ck_assert_int_eq(np_output_close(o), NP_OK);
	np_output_free(o);
	np_ctx_free(ctx);
	char *list = slurp_cmd("tar -tf '%s' | grep '^rel/data/.*[^/]$'", path);
	ck_assert_str_eq(list,
		"rel/data/.jsonld\n"
		"rel/data/articles.jsonl\n"
		"rel/data/c/d/d.jsonld\n"
		"rel/data/c/d/d.newsml.xml\n"
		"rel/data/c/d/d.ninjs.json\n"
		"rel/data/newsmessage.xml\n");
	free(list);
	rm_rf(d);
	free(d);
}
END_TEST

/* ---- atomicity -------------------------------------------------------------- */

START_TEST(unwritable_target_leaves_nothing)
{
	char *d = tmp_dir();
	char path[512];
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	np_output *o = NULL;
	snprintf(path, sizeof path, "%s/missing/out.tar.gz", d);
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_EIO);
	ck_assert_ptr_null(o);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "missing/out.tar.gz"));
	snprintf(path, sizeof path, "%s/file", d);
	FILE *f = fopen(path, "w");
	fclose(f);
	snprintf(path, sizeof path, "%s/file/out.zip", d);
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_EIO);
	snprintf(path, sizeof path, "%s/out.rar", d);
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_EINVAL);
	ck_assert_int_eq(np_output_archive_new(&o, d, &opts, ctx), NP_EINVAL);
	ck_assert_int_eq(np_test_count_entries(d), 1); /* only "file" */
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(free_without_close_leaves_nothing)
{
	/* What the CLI does on SIGINT: free without close. */
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/out.tar.gz", d);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	np_output *o = NULL;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	put(o, "quotes.csv", "a,b\r\n");
	ck_assert_int_eq(np_test_count_entries(d), 0);
	np_output_free(o);
	ck_assert_int_eq(np_test_count_entries(d), 0);
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

/* In a child limited to `limit` bytes per file, put `big` bytes, then
 * close; returns 0 when the put or the close failed cleanly. */
static void fail_in_child(const char *path, rlim_t limit, size_t big, int fail_put)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = { limit, limit };
		setrlimit(RLIMIT_FSIZE, &rl);
		np_ctx *ctx = np_ctx_new();
		np_options opts = NP_OPTIONS_INIT;
		np_output *o = NULL;
		if (np_output_archive_new(&o, path, &opts, ctx) != NP_OK)
			_exit(10);
		char *buf = malloc(big);
		memset(buf, 'x', big);
		int rc = np_output_put(o, "big.txt", buf, big);
		if (fail_put != (rc < 0))
			_exit(11);
		rc = np_output_put(o, "after.txt", "y", 1);
		if (fail_put && rc >= 0)
			_exit(12); /* a failed output stays failed */
		rc = np_output_close(o);
		np_output_free(o);
		free(buf);
		np_ctx_free(ctx);
		_exit(rc < 0 ? 0 : 13);
	}
	int st;
	waitpid(pid, &st, 0);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %d",
	              WEXITSTATUS(st));
}

START_TEST(failure_mid_write_leaves_nothing)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/out.tar", d);
	/* the spool cannot take the file: the put fails, close writes nothing */
	fail_in_child(path, 100000, 200000, 1);
	ck_assert_int_eq(np_test_count_entries(d), 0);
	/* the spool takes it but the archive (headers, manifests) outgrows the
	 * limit halfway: the temporary archive is removed */
	fail_in_child(path, 100000, 99000, 0);
	ck_assert_int_eq(np_test_count_entries(d), 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(stdout_streams_the_named_format)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/stdout.bin", d);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 1);
		close(fd);
		np_options opts = NP_OPTIONS_INIT;
		opts.archive_format = "zip";
		write_bag("-", &opts);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_eq(sh("python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
	                    "assert z.testzip() is None; "
	                    "assert \"newsprism-20161005/data/quotes.csv\" in z.namelist()' '%s'",
	                    path), 0);
	ck_assert_int_eq(np_test_count_entries(d), 1);
	np_ctx *ctx = np_ctx_new();
	np_output *o = NULL;
	np_options opts = NP_OPTIONS_INIT;
	opts.archive_format = "rar";
	ck_assert_int_eq(np_output_archive_new(&o, "-", &opts, ctx), NP_EINVAL);
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

/* ---- verify ------------------------------------------------------------------ */

/* Verify `path`; returns the code and the report (malloc'd). */
static int verify(const char *path, char **report)
{
	np_ctx *ctx = np_ctx_new();
	size_t len;
	FILE *f = open_memstream(report, &len);
	int rc = np_verify_bundle(path, NULL, f, ctx);
	fclose(f);
	if (rc < 0)
		ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), path));
	np_ctx_free(ctx);
	return rc;
}

static void expect_problem(const char *path, const char *needle)
{
	char *report = NULL;
	int rc = verify(path, &report);
	ck_assert_msg(rc == NP_EFORMAT && strstr(report, needle),
	              "%s: rc %d, report:\n%s(wanted '%s')", path, rc, report, needle);
	free(report);
}

START_TEST(verify_accepts_good_bags)
{
	static const char *const exts[] = { "tar.gz", "tar.xz", "tar.zst", "zip", "tar" };
	char *d = tmp_dir();
	for (size_t i = 0; i < 5; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/good.%s", d, exts[i]);
		np_options opts = NP_OPTIONS_INIT;
		opts.release = "Bündel";
		write_bag(path, &opts);
		char *report = NULL;
		int rc = verify(path, &report);
		ck_assert_msg(rc == NP_OK, "%s: %s", path, report);
		ck_assert_str_eq(report, "");
		free(report);
	}
	/* the extracted folder, given as the bag or as its parent */
	ck_assert_int_eq(sh("cd '%s' && mkdir x && cd x && tar -xf ../good.tar", d), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/x", d);
	char *report = NULL;
	ck_assert_int_eq(verify(path, &report), NP_OK);
	free(report);
	snprintf(path, sizeof path, "%s/x/B\xc3\xbcndel", d);
	ck_assert_int_eq(verify(path, &report), NP_OK);
	free(report);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(empty_bag_is_valid)
{
	char *d = tmp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/empty.zip", d);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	np_output *o = NULL;
	ck_assert_int_eq(np_output_archive_new(&o, path, &opts, ctx), NP_OK);
	ck_assert_int_eq(np_output_close(o), NP_OK);
	np_output_free(o);
	np_ctx_free(ctx);
	char *report = NULL;
	ck_assert_int_eq(verify(path, &report), NP_OK);
	free(report);
	char *info = slurp_cmd("unzip -p '%s' newsprism-19700101/bag-info.txt", path);
	ck_assert_ptr_nonnull(strstr(info, "Payload-Oxum: 0.0\n"));
	free(info);
	rm_rf(d);
	free(d);
}
END_TEST

/* verify sorts a bag's files and each manifest's lines in runs, and keeps
 * the tag files in spill sinks; cut into runs of a record or two, with the
 * tag files in temporary files, it must report exactly what it reports with
 * everything in memory. */
START_TEST(verify_reports_the_same_from_small_runs)
{
	char *d = tmp_dir();
	char path[512], bag[512], tar[512];
	snprintf(path, sizeof path, "%s/many.tar", d);
	write_many(path, 64u << 20);
	ck_assert_int_eq(sh("cd '%s' && tar -xf many.tar && cd many && "
	                    "printf X >> data/a/a.jsonld && rm data/z/z.newsml.xml && "
	                    "echo extra > data/a-2/extra.txt && "
	                    "sed -n 5p manifest-sha256.txt >> manifest-sha256.txt && "
	                    "echo 'zz  data/b' >> manifest-sha512.txt && "
	                    "cd .. && tar -cf bad.tar many", d), 0);
	snprintf(bag, sizeof bag, "%s/many", d);
	snprintf(tar, sizeof tar, "%s/bad.tar", d);
	const char *targets[] = { bag, tar };
	for (int t = 0; t < 2; t++) {
		char *whole = NULL, *cut = NULL;
		ck_assert_int_eq(verify(targets[t], &whole), NP_EFORMAT);
		size_t saved = np_runs__run_bytes, saved_spill = np_spill__bytes;
		np_runs__run_bytes = 100;
		np_spill__bytes = 64; /* the tag files read back from their spill files */
		ck_assert_int_eq(verify(targets[t], &cut), NP_EFORMAT);
		np_runs__run_bytes = saved;
		np_spill__bytes = saved_spill;
		ck_assert_str_eq(cut, whole);
		ck_assert_ptr_nonnull(strstr(whole, "data/a/a.jsonld: sha256 checksum mismatch"));
		ck_assert_ptr_nonnull(strstr(whole, "data/a/a.jsonld: sha512 checksum mismatch"));
		ck_assert_ptr_nonnull(strstr(whole, "data/z/z.newsml.xml: missing (listed in "
		                                    "manifest-sha256.txt)"));
		ck_assert_ptr_nonnull(strstr(whole, "data/a-2/extra.txt: not listed in "
		                                    "manifest-sha512.txt (an extra file)"));
		ck_assert_ptr_nonnull(strstr(whole, "manifest-sha256.txt:243: "));
		ck_assert_ptr_nonnull(strstr(whole, " listed twice"));
		ck_assert_ptr_nonnull(strstr(whole, "manifest-sha512.txt:243: not '<sha512 "
		                                    "checksum> <path>'"));
		free(whole);
		free(cut);
	}
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(verify_catches_tampering)
{
	char *d = tmp_dir();
	char path[512], bag[512];
	snprintf(path, sizeof path, "%s/good.tar.gz", d);
	np_options opts = NP_OPTIONS_INIT;
	opts.release = "rel";
	write_bag(path, &opts);
	snprintf(bag, sizeof bag, "%s/rel", d);
	/* each case: extract afresh, damage, check the folder and a re-made tar */
	static const struct {
		const char *damage, *needle;
	} cases[] = {
		{ "printf 'X' >> data/b/b.jsonld",
		  "data/b/b.jsonld: sha256 checksum mismatch" },
		{ "echo extra > data/extra.txt",
		  "data/extra.txt: not listed in manifest-sha256.txt (an extra file)" },
		{ "rm data/sport/001/001.jsonld",
		  "data/sport/001/001.jsonld: missing (listed in manifest-sha256.txt)" },
		{ "sed -i 's/^Payload-Oxum: .*/Payload-Oxum: 123.7/' bag-info.txt",
		  "Payload-Oxum is 123.7 but the payload is 123.6" },
		{ "sed -i 's/^Payload-Oxum: .*/Payload-Oxum: 123.7/' bag-info.txt",
		  "bag-info.txt: sha256 checksum mismatch (tagmanifest-sha256.txt" },
		{ "rm bagit.txt", "bagit.txt: missing" },
		{ "rm manifest-sha256.txt manifest-sha512.txt", "no payload manifest" },
		{ "sed -i '1s/^./0/' manifest-sha512.txt", "sha512 checksum mismatch" },
		{ "echo 'zz  data/b/b.jsonld' >> manifest-sha256.txt",
		  "manifest-sha256.txt:7: not '<sha256 checksum> <path>'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_int_eq(sh("cd '%s' && rm -rf rel bad.tar.gz && tar -xzf good.tar.gz && "
		                    "cd rel && %s && cd .. && tar -czf bad.tar.gz rel",
		                    d, cases[i].damage), 0);
		expect_problem(bag, cases[i].needle);
		char bad[512];
		snprintf(bad, sizeof bad, "%s/bad.tar.gz", d);
		expect_problem(bad, cases[i].needle);
	}
	/* an archive with a link and a '..' entry, made by Python */
	char evil[512];
	snprintf(evil, sizeof evil, "%s/evil.tar", d);
	ck_assert_int_eq(sh("cd '%s' && python3 -c 'import tarfile,io\n"
	                    "t = tarfile.open(\"evil.tar\", \"w\")\n"
	                    "for n in [\"rel/bagit.txt\", \"rel/../../x\"]:\n"
	                    "  i = tarfile.TarInfo(n); i.size = 3; t.addfile(i, io.BytesIO(b\"abc\"))\n"
	                    "i = tarfile.TarInfo(\"rel/data/l\"); i.type = tarfile.SYMTYPE; "
	                    "i.linkname = \"/etc/passwd\"; t.addfile(i)\n'", d), 0);
	expect_problem(evil, "unsafe entry name 'rel/../../x'");
	expect_problem(evil, "rel/data/l: a link, not a regular file");
	expect_problem(evil, "bagit.txt: no 'BagIt-Version: M.N' line");
	/* not a bag at all, and no such file */
	char plain[512];
	snprintf(plain, sizeof plain, "%s/plain.txt", d);
	FILE *f = fopen(plain, "w");
	fputs("hello\n", f);
	fclose(f);
	np_ctx *ctx = np_ctx_new();
	ck_assert_int_lt(np_verify_bundle(plain, NULL, stderr, ctx), 0);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "plain.txt"));
	snprintf(plain, sizeof plain, "%s/nope.zip", d);
	ck_assert_int_eq(np_verify_bundle(plain, NULL, stderr, ctx), NP_ENOTFOUND);
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

/* ---- archives as input ---------------------------------------------------------- */

static void expect_articles(const char *path, const char *want)
{
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	np_input *in = NULL;
	const char *paths[] = { path };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &opts, ctx), NP_OK);
	np_buf got = NP_BUF_INIT;
	const char *id, *source, *bytes;
	size_t len;
	int rc;
	while ((rc = np_input_next(in, &id, &source, &bytes, &len)) != 0) {
		ck_assert_msg(rc == 1, "%s: %s", path, np_ctx_error(ctx));
		np_buf_printf(&got, "%s=%.*s|", id, (int)len, bytes);
		ck_assert_ptr_nonnull(strstr(source, path));
	}
	np_input_free(in);
	ck_assert_msg(got.data && strcmp(got.data, want) == 0, "%s: got %s", path,
	              got.data ? got.data : "(nothing)");
	np_buf_dispose(&got);
	np_ctx_free(ctx);
}

START_TEST(archives_as_input)
{
	char *d = tmp_dir();
	/* Python writes the archives: tar (pax), tar.gz, tar.xz, zip; zstd
	 * compresses the tar for .tar.zst. */
	ck_assert_int_eq(sh("cd '%s' && python3 -c 'import tarfile, zipfile, io\n"
	                    "files = [(\"in/\", None), (\"in/sport/001.txt\", b\"One\"), "
	                    "(\"in/.hidden.txt\", b\"no\"), (\"in/caf\\u00e9 du monde.txt\", b\"Two\"), "
	                    "(\"./b.html\", b\"<p>Three</p>\")]\n"
	                    "for mode, name in [(\"w\", \"a.tar\"), (\"w:gz\", \"a.tar.gz\"), "
	                    "(\"w:xz\", \"a.tar.xz\")]:\n"
	                    "  t = tarfile.open(name, mode, format=tarfile.PAX_FORMAT)\n"
	                    "  for n, data in files:\n"
	                    "    i = tarfile.TarInfo(n)\n"
	                    "    if data is None: i.type = tarfile.DIRTYPE; t.addfile(i)\n"
	                    "    else: i.size = len(data); t.addfile(i, io.BytesIO(data))\n"
	                    "  t.close()\n"
	                    "z = zipfile.ZipFile(\"a.zip\", \"w\", zipfile.ZIP_DEFLATED)\n"
	                    "for n, data in files:\n"
	                    "  z.writestr(n.lstrip(\"./\") if data else n, data or b\"\")\n"
	                    "z.close()\n' && zstd -q a.tar -o a.tar.zst", d), 0);
	const char *want = "in/sport/001=One|in/caf\xc3\xa9 du monde=Two|b=<p>Three</p>|";
	static const char *const exts[] = { "tar", "tar.gz", "tar.xz", "tar.zst", "zip" };
	for (size_t i = 0; i < 5; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/a.%s", d, exts[i]);
		expect_articles(path, want);
	}
	/* detected from content, whatever the name */
	ck_assert_int_eq(sh("cp '%s/a.tar.xz' '%s/renamed.dat'", d, d), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/renamed.dat", d);
	expect_articles(path, want);
	ck_assert_int_eq(sh("cp '%s/a.tar' '%s/plain-tar.dat'", d, d), 0);
	snprintf(path, sizeof path, "%s/plain-tar.dat", d);
	expect_articles(path, want);
	/* text that merely starts like an archive stays text */
	char text[600];
	memset(text, 'x', sizeof text);
	memcpy(text, "BZh9 is a headline", 18);
	memcpy(text + 257, "ustar", 5);
	ck_assert_int_eq(np_read_archive__sniff(text, sizeof text), 0);
	snprintf(path, sizeof path, "%s/bzh.txt", d);
	FILE *tf = fopen(path, "w");
	fwrite(text, 1, sizeof text, tf);
	fclose(tf);
	ck_assert_int_eq(np_arc_input__detect(path), 0);
	/* the ids are sanitised by the pipeline */
	np_record *rec = NULL;
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	ck_assert_int_ge(np_process_buffer(&rec, "in/caf\xc3\xa9 du monde", "x", "Two\n",
	                                   4, &opts, ctx), 0);
	ck_assert_str_eq(np_record_meta(rec)->id, "in/caf___du_monde");
	np_record_free(rec);
	/* a damaged archive fails as one item, naming the file */
	ck_assert_int_eq(sh("cd '%s' && head -c $(( $(stat -c %%s a.tar.xz) / 2 )) a.tar.xz > cut.tar.gz", d), 0);
	snprintf(path, sizeof path, "%s/cut.tar.gz", d);
	np_input *in = NULL;
	const char *paths[] = { path };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &opts, ctx), NP_OK);
	const char *id, *source, *bytes;
	size_t len;
	int rc, failed = 0;
	while ((rc = np_input_next(in, &id, &source, &bytes, &len)) != 0)
		if (rc < 0) {
			failed++;
			ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "cut.tar.gz"));
		}
	ck_assert_int_ge(failed, 1);
	np_input_free(in);
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(archive_entry_limit)
{
	char *d = tmp_dir();
	ck_assert_int_eq(sh("cd '%s' && mkdir s && head -c 5000 /dev/zero | tr '\\0' a > s/big.txt && "
	                    "echo small > s/small.txt && tar -cf a.tar -C s big.txt small.txt", d), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/a.tar", d);
	np_ctx *ctx = np_ctx_new();
	np_options opts = NP_OPTIONS_INIT;
	opts.max_article_bytes = 1000;
	np_input *in = NULL;
	const char *paths[] = { path };
	ck_assert_int_eq(np_input_open(&in, paths, 1, &opts, ctx), NP_OK);
	const char *id, *source, *bytes;
	size_t len;
	ck_assert_int_eq(np_input_next(in, &id, &source, &bytes, &len), NP_ELIMIT);
	ck_assert_ptr_nonnull(strstr(np_ctx_error(ctx), "a.tar:big.txt"));
	ck_assert_int_eq(np_input_next(in, &id, &source, &bytes, &len), 1);
	ck_assert_str_eq(id, "small");
	ck_assert_int_eq(np_input_next(in, &id, &source, &bytes, &len), 0);
	np_input_free(in);
	np_ctx_free(ctx);
	rm_rf(d);
	free(d);
}
END_TEST

Suite *archive_suite(void)
{
	Suite *s = suite_create("archive");
	TCase *tc = tcase_create("sha2");
	tcase_add_loop_test(tc, sha2_known_vectors, 0, 2);
	tcase_add_loop_test(tc, sha2_matches_coreutils, 0, 2);
	tcase_add_test(tc, sha256_paths_agree);
	suite_add_tcase(s, tc);
	tc = tcase_create("write");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, bag_layout_is_sorted_bagit);
	tcase_add_test(tc, release_and_now_options);
	tcase_add_test(tc, archives_are_reproducible);
	tcase_add_test(tc, index_runs_merge_to_the_same_bag);
	tcase_add_test(tc, non_ascii_names_read_back_in_python);
	tcase_add_test(tc, unsafe_names_become_safe_entries);
	tcase_add_test(tc, collisions_get_deterministic_suffixes);
	tcase_add_test(tc, article_files_found_by_extension);
	tcase_add_test(tc, stdout_streams_the_named_format);
	suite_add_tcase(s, tc);
	tc = tcase_create("atomic");
	tcase_add_test(tc, unwritable_target_leaves_nothing);
	tcase_add_test(tc, free_without_close_leaves_nothing);
	tcase_add_test(tc, failure_mid_write_leaves_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("verify");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, verify_accepts_good_bags);
	tcase_add_test(tc, empty_bag_is_valid);
	tcase_add_test(tc, verify_catches_tampering);
	tcase_add_test(tc, verify_reports_the_same_from_small_runs);
	suite_add_tcase(s, tc);
	tc = tcase_create("input");
	tcase_add_test(tc, archives_as_input);
	tcase_add_test(tc, archive_entry_limit);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(archive_suite)

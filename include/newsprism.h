/*
 * newsprism.h - turn raw news articles into NewsML-G2, CSV quote tables,
 * JSON-LD and archives.
 *
 * The one-shot call comes first; the pieces it is built from follow.
 *
 *     np_options opts = NP_OPTIONS_INIT;
 *     np_ctx *ctx = np_ctx_new();
 *     np_record *rec = NULL;
 *     if (np_process_buffer(&rec, "story", bytes, len, &opts, ctx) < 0)
 *         fprintf(stderr, "%s\n", np_ctx_error(ctx));
 *     ...
 *     np_record_free(rec);
 *     np_ctx_free(ctx);
 *
 * Ownership, in one rule: a function whose out parameter is `T **out` hands
 * the caller an object to release with the matching `np_T_free`; every other
 * pointer returned is borrowed from its parent (a record, a context) and lives
 * as long as that parent.  Every string is NUL-terminated UTF-8.
 *
 * Return codes: NP_OK (0) on success, NP_WARN (>0) when the result is usable
 * but something was repaired (the warnings are on the record and the context),
 * and a negative NP_E* code on failure, with the message in np_ctx_error().
 */
#ifndef NEWSPRISM_H
#define NEWSPRISM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NP_VERSION "0.1.0"

/* ---- status codes ---------------------------------------------------- */
enum {
	NP_OK = 0,
	NP_WARN = 1,         /* usable, but repaired: see the warnings */
	NP_EINVAL = -1,      /* bad argument or option */
	NP_EPARSE = -2,      /* input could not be read as an article */
	NP_EIO = -3,         /* read or write failed */
	NP_ENOMEM = -4,      /* out of memory */
	NP_EFORMAT = -5,     /* an exporter could not render the record */
	NP_ENOTFOUND = -6,   /* no such file, format or field */
	NP_ELIMIT = -7,      /* input exceeds a configured limit */
	NP_EINTR = -8        /* interrupted (SIGINT/SIGTERM) */
};

/* ---- context: the last error and the warnings of a run ---------------- */
typedef struct np_ctx np_ctx;

/* A new context, or NULL when out of memory.  Free with np_ctx_free().
 * The first call also initialises the libraries newsprism uses, so records
 * may then be processed on several threads at once (one context each). */
np_ctx *np_ctx_new(void);
void np_ctx_free(np_ctx *ctx); /* NULL-safe */
/* The message of the last error, or "" when none.  Borrowed. */
const char *np_ctx_error(const np_ctx *ctx);
/* Set the error message (printf style) and return `code`. */
int np_ctx_set_error(np_ctx *ctx, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void np_ctx_clear(np_ctx *ctx);

/* ---- options ---------------------------------------------------------- */
typedef enum { NP_INPUT_AUTO = 0, NP_INPUT_TEXT, NP_INPUT_HTML } np_input_format;
typedef enum { NP_ENC_AUTO = 0, NP_ENC_UTF8, NP_ENC_CP1252, NP_ENC_LATIN1,
	NP_ENC_UTF16LE, NP_ENC_UTF16BE } np_encoding;
typedef enum { NP_JSONLD_COMPACT = 0, NP_JSONLD_GRAPH } np_jsonld_style;
typedef enum { NP_NEWSML_BODY_NITF = 0, NP_NEWSML_BODY_XHTML } np_newsml_body;

typedef struct np_meta_override {
	const char *key, *value;
} np_meta_override;

/*
 * Everything that changes output comes in here; no exporter reads a clock or
 * the environment.  `now` is seconds since the epoch, or -1 for "unknown"
 * (then exporters fall back to the article date, then the epoch).  The CLI
 * fills it from --now or SOURCE_DATE_EPOCH.
 */
typedef struct np_options {
	int version;                  /* NP_OPTIONS_VERSION */
	int64_t now;                  /* -1 = not given */
	const char *provider;         /* NULL: from metadata, else "newsprism.invalid" */
	const char *base_url;         /* JSON-LD @id prefix, or NULL */
	np_input_format input_format;
	np_encoding encoding;
	const np_meta_override *meta; /* --meta key=value, `n_meta` of them */
	size_t n_meta;
	size_t max_article_bytes;     /* 0 = default (64 MiB) */
	size_t max_quotes;            /* 0 = default (10000) */
	/* CSV */
	int csv_bom;
	char csv_delimiter;           /* ',' unless set */
	int csv_raw;                  /* 1 = no formula neutralising */
	/* JSON */
	np_jsonld_style jsonld_style;
	int pretty;
	/* NewsML-G2 */
	np_newsml_body newsml_body;
	int newsml_message;
	/* archives */
	const char *release;          /* bag name; NULL = newsprism-<date> */
	const char *archive_format;   /* for --archive -: "tar.gz", "zip", ... */
	/* CSV, appended: which files the csv format puts (NP_CSV_* bits);
	 * 0 = every table and its schemas.  `extract` asks for quotes only. */
	unsigned csv_tables;
} np_options;

#define NP_CSV_QUOTES 1u    /* quotes.csv */
#define NP_CSV_ENTITIES 2u  /* entities.csv */
#define NP_CSV_ARTICLES 4u  /* articles.csv */
#define NP_CSV_SCHEMAS 8u   /* <table>.schema.json and csv-metadata.json */

#define NP_OPTIONS_VERSION 1
#define NP_OPTIONS_INIT { NP_OPTIONS_VERSION, -1, NULL, NULL, NP_INPUT_AUTO, \
	NP_ENC_AUTO, NULL, 0, 0, 0, 0, ',', 0, NP_JSONLD_COMPACT, 0, \
	NP_NEWSML_BODY_NITF, 0, NULL, NULL, 0u }

/* ---- the record -------------------------------------------------------
 * One article after the pipeline.  All of it lives in one arena and is
 * released by np_record_free().  Spans are byte offsets into the record's
 * normalised text (np_record_text); np_record_source_offset() maps them back
 * to byte offsets in the original input.
 */
typedef struct np_record np_record;

typedef struct np_span {
	size_t start, end; /* end exclusive */
} np_span;

typedef enum { NP_QUOTE_DIRECT = 0, NP_QUOTE_MIXED, NP_QUOTE_INDIRECT } np_quote_type;
typedef enum { NP_ENT_PERSON = 0, NP_ENT_ORG, NP_ENT_PLACE } np_entity_type;

typedef struct np_paragraph {
	np_span span;
	size_t first_sentence, n_sentences;
} np_paragraph;

typedef struct np_sentence {
	np_span span;
	size_t paragraph;
} np_sentence;

typedef struct np_quote {
	np_quote_type type;
	np_span span;            /* the quoted words, without the marks */
	const char *text;        /* normalised text; fragments joined by a space */
	size_t paragraph;        /* index of the paragraph holding span.start */
	long speaker;            /* entity index, or -1 when unattributed */
	const char *speaker_name;  /* canonical name, or NULL */
	const char *speaker_title; /* title, or NULL */
	np_span speaker_span;    /* the mention the attribution used; {0,0} if none */
	const char *cue;         /* the cue verb as written, or NULL */
	np_span cue_span;
} np_quote;

typedef struct np_entity {
	np_entity_type type;
	const char *name;        /* canonical */
	const char *title;       /* e.g. "State Department spokesman", or NULL */
	const char **aliases;    /* other surface forms */
	size_t n_aliases;
	np_span *mentions;
	size_t n_mentions;
	int gender;              /* 0 unknown, 1 male, 2 female (for pronouns) */
} np_entity;

typedef struct np_warning {
	size_t source_offset;    /* byte in the input, or SIZE_MAX for none */
	const char *message;
} np_warning;

typedef struct np_metadata {
	const char *id;           /* article id, sanitised: [A-Za-z0-9._/-] */
	const char *source;       /* where it came from (path, entry, "-") */
	const char *headline;
	int headline_derived;     /* 1 when cut from the first sentence */
	const char *subheadline;
	const char *byline;       /* as written, without "By " */
	const char **authors;     /* byline split into names */
	size_t n_authors;
	const char *date;         /* ISO 8601 as found/normalised, or NULL */
	const char *dateline;     /* "WASHINGTON (AP)" */
	const char *dateline_place;
	const char *language;     /* BCP 47, e.g. "en" */
	const char *provider;
	const char *copyright;
	const char *keywords;
	const char *source_name;  /* the Source: header */
	const np_meta_override *extra; /* unrecognised header keys */
	size_t n_extra;
} np_metadata;

/* Run the whole pipeline on `len` bytes.  `id` is the article id (sanitised
 * here), `source` names the input in messages (may be NULL).  On success
 * *out is a record to free with np_record_free(). */
int np_process_buffer(np_record **out, const char *id, const char *source,
                      const char *bytes, size_t len,
                      const np_options *opts, np_ctx *ctx);
void np_record_free(np_record *rec); /* NULL-safe */

const np_metadata *np_record_meta(const np_record *rec);
const char *np_record_text(const np_record *rec, size_t *len);
size_t np_record_source_offset(const np_record *rec, size_t text_offset);
const np_paragraph *np_record_paragraphs(const np_record *rec, size_t *n);
const np_sentence *np_record_sentences(const np_record *rec, size_t *n);
const np_quote *np_record_quotes(const np_record *rec, size_t *n);
const np_entity *np_record_entities(const np_record *rec, size_t *n);
const np_warning *np_record_warnings(const np_record *rec, size_t *n);

/* Names of the quote and entity types as written in every output. */
const char *np_quote_type_name(np_quote_type t);
const char *np_entity_type_name(np_entity_type t);

/* The NewsML-G2 guid of a record (stable: a hash of id and text).  Borrowed. */
const char *np_record_guid(const np_record *rec, const np_options *opts);

/* ---- input -------------------------------------------------------------
 * Walks the inputs of a run: files, folders (recursively, sorted, hidden
 * files skipped), "-" for stdin, and archives (each entry an article).
 * Each article's id is its path relative to the folder or archive given,
 * or the file's base name, without the extension.
 */
typedef struct np_input np_input;

int np_input_open(np_input **out, const char *const *paths, size_t n_paths,
                  const np_options *opts, np_ctx *ctx);
/* The next article.  Returns 1 with *id, *source, *bytes and *len set
 * (borrowed, valid until the next call), 0 at the end, or a negative code
 * when this one item failed (message in ctx): call again to go on. */
int np_input_next(np_input *in, const char **id, const char **source,
                  const char **bytes, size_t *len);
/* Never walk into this folder when it turns up inside an input folder:
 * the run's own output folder, whose files would otherwise be read back as
 * articles (folders are walked as the run goes).  At most 8 per input. */
int np_input_skip_folder(np_input *in, const char *path);
void np_input_free(np_input *in); /* NULL-safe */

/* ---- output ------------------------------------------------------------
 * An np_output receives finished files by relative name.  np_output_dir
 * writes each one atomically (temporary name, then rename) below a folder;
 * an archive output collects them into a BagIt bag.
 */
typedef struct np_output np_output;

int np_output_dir_new(np_output **out, const char *dir, np_ctx *ctx);
/* Every file put goes to stdout, one after another (for `extract`). */
int np_output_stdout_new(np_output **out, np_ctx *ctx);
/* An archive at `path` ("-" = stdout); the format comes from the extension,
 * or from opts->archive_format.  Nothing is left at `path` unless
 * np_output_close() succeeds. */
int np_output_archive_new(np_output **out, const char *path,
                          const np_options *opts, np_ctx *ctx);
/* Hand one finished file to the output.  The bytes are copied. */
int np_output_put(np_output *o, const char *name, const void *data, size_t len);
/* Finish: for an archive, write the bag and rename it into place. */
int np_output_close(np_output *o);
void np_output_free(np_output *o); /* NULL-safe; discards unfinished work */

/* ---- writers ------------------------------------------------------------
 * A writer renders records in one format into an output.  Per-article
 * formats (newsml, jsonld, ninjs) put one file per record; table formats
 * (csv) put their files at close.
 */
typedef struct np_writer np_writer;

/* Comma-separated names of the registered formats ("newsml,csv,..."). */
const char *np_format_names(void);
/* 1 when `name` is a registered format. */
int np_format_exists(const char *name);

int np_writer_new(np_writer **out, const char *format, np_output *dest,
                  const np_options *opts, np_ctx *ctx);
int np_writer_write(np_writer *w, const np_record *rec);
int np_writer_close(np_writer *w);
void np_writer_free(np_writer *w); /* NULL-safe */

/* ---- checking what was written -----------------------------------------
 * np_validate_newsml: validate a NewsML-G2 file against the XSD at `xsd`
 * with libxml2, plus the rules the schema cannot state (one of qcode, uri,
 * literal per subject; a non-empty guid; known qcode aliases).  Every problem
 * is printed to `report` as "FILE:LINE: message".  Returns NP_OK when valid,
 * NP_EFORMAT when not, another negative code when it could not check.
 *
 * np_verify_bundle: check a BagIt bag (an archive, or an extracted folder):
 * bagit.txt, completeness, every checksum, Payload-Oxum, and with `xsd` every
 * NewsML item.  Same reporting and return codes.
 */
int np_validate_newsml(const char *path, const char *xsd, FILE *report,
                       np_ctx *ctx);
int np_verify_bundle(const char *path, const char *xsd, FILE *report,
                     np_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif

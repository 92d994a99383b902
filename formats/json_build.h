/* json_build.h - what the JSON exporters (jsonld, jsonl, ninjs) share.
 *
 * Everything is built with Jansson; nothing prints JSON by hand.  A builder
 * carries a sticky error so that a long chain of "set this field" calls can
 * run without a check after each one: the first failure (invalid UTF-8 in a
 * field, out of memory) is kept, with the field named, and every later call
 * is a no-op that returns the same code. */
#ifndef NP_JSON_BUILD_H
#define NP_JSON_BUILD_H

#include "format.h"

#include <jansson.h>

typedef struct np_jb {
	const np_record *rec;
	const np_options *opts;
	np_ctx *ctx;
	const char *format;   /* "jsonld", "ninjs": names the exporter in errors */
	int rc;               /* NP_OK, or the first error */
} np_jb;

void np_json__init(np_jb *b, const char *format, const np_record *rec,
                   const np_options *opts, np_ctx *ctx);

/* A JSON string of `s`, or NULL with the error recorded ("FIELD is not valid
 * UTF-8").  `field` names the value in that message. */
json_t *np_json__str(np_jb *b, const char *field, const char *s);
/* obj[key] = v (stolen).  A NULL v records an out-of-memory error. */
void np_json__set(np_jb *b, json_t *obj, const char *key, json_t *v);
/* obj[key] = s when s is non-NULL and not empty. */
void np_json__set_str(np_jb *b, json_t *obj, const char *key, const char *s);
/* arr += v (stolen). */
void np_json__append(np_jb *b, json_t *arr, json_t *v);
/* Record an out-of-memory error. */
void np_json__oom(np_jb *b);
/* A new object or array; NULL records an out-of-memory error. */
json_t *np_json__object(np_jb *b);
json_t *np_json__array(np_jb *b);

/* A BCP 47 tag from the record's language ("en_US" -> "en-US") into `out`;
 * "" when the record has none. */
void np_json__language(const np_record *rec, char out[64]);

/* ISO 8601 date or date-time -> "YYYY-MM-DDTHH:MM:SS(Z|+HH:MM)" (a date
 * alone is taken as midnight UTC, a time without a zone as UTC).  Returns 0,
 * or -1 when `in` is not such a date. */
int np_json__iso_time(const char *in, char out[40]);
/* Seconds since the epoch -> "YYYY-MM-DDTHH:MM:SSZ". */
void np_json__epoch_time(int64_t t, char out[40]);

/* The body as plain text: paragraphs joined by a blank line, a line break
 * inside a paragraph read as a space.  malloc'd, or NULL when out of memory. */
char *np_json__body_text(const np_record *rec);
/* The body as HTML: one <p> per paragraph, text escaped.  malloc'd. */
char *np_json__body_html(const np_record *rec);
/* Words: runs of non-space characters holding a letter or a digit. */
size_t np_json__word_count(const char *s);

/* The article's IRI: --base-url joined to the id, else the NewsML guid.
 * `frag_base` receives the same IRI without any fragment, to which the
 * "#person-..." fragments of the article's nodes are added.  malloc'd
 * strings; returns 0 or -1 (out of memory). */
int np_json__article_iri(const np_record *rec, const np_options *opts,
                         char **iri, char **frag_base);
/* NP_OK when opts->base_url is unset or an absolute IRI, else NP_EINVAL with
 * the reason (a relative @id fails every JSON-LD processor in safe mode). */
int np_json__check_base_url(const np_options *opts, const char *format,
                            np_ctx *ctx);

/* Stable node IRIs for the entities of a record: "<frag_base>#person-john-
 * kirby", "#organization-...", "#place-..."; equal slugs get "-2", "-3".
 * ids[i] is the IRI of rec->ents[i] (malloc'd array of malloc'd strings). */
typedef struct np_json_ids {
	char **ent;           /* one per entity */
	size_t n_ent;
	char **extra;         /* IRIs handed out by np_json__ids_new_iri */
	size_t n_extra, cap_extra;
	/* hash map behind them (json_build.c): the IRIs taken, the next "-N"
	 * to try per stem, the first entity of each (type, name); so many
	 * entities sharing a slug cost linear time, not quadratic */
	struct np_json_ids_slot *map;
	size_t map_cap, map_n;
} np_json_ids;

int np_json__ids_init(np_json_ids *ids, const np_record *rec,
                      const char *frag_base);
/* A fresh IRI "<frag_base>#<kind>-<slug of name>", unique among those given
 * so far.  Borrowed from `ids`; NULL when out of memory. */
const char *np_json__ids_new_iri(np_json_ids *ids, const char *frag_base,
                                 const char *kind, const char *name);
void np_json__ids_free(np_json_ids *ids);

/* schema.org type of an entity: "Person", "Organization" or "Place". */
const char *np_json__schema_type(np_entity_type t);

/* The JSON-LD document of the record (opts->jsonld_style), or NULL with the
 * error on the builder. */
json_t *np_json__jsonld(np_jb *b);

/* Serialise `doc` into `out` (replacing its content), one line unless
 * `pretty`, with a final newline.  `script_safe` escapes "</" as "<\/" and
 * "<!--" as "<\u0021--" so the text can sit inside an HTML <script>. */
int np_json__dump(np_jb *b, np_buf *out, const json_t *doc, int pretty,
                  int script_safe);

#endif

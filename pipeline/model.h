/* model.h - the record every stage fills and every exporter reads.
 *
 * Internal: stages and exporters include this; library users see only the
 * accessors in newsprism.h.  Everything hangs off rec->arena. */
#ifndef NP_MODEL_H
#define NP_MODEL_H

#include "newsprism.h"
#include "arena.h"

#include <stdint.h>

struct np_record {
	np_arena *arena;
	const np_options *opts;    /* valid during np_process_buffer only */
	np_metadata meta;

	const char *src;           /* the input bytes as read (arena copy) */
	size_t src_len;

	char *text;                /* normalised UTF-8 (NFC, LF line ends) */
	size_t text_len;
	uint32_t *srcmap;          /* text byte -> source byte; NULL = identity */
	size_t body_start;         /* first byte of the body (after header/headline) */

	np_paragraph *paras;
	size_t n_paras, cap_paras;
	np_sentence *sents;
	size_t n_sents, cap_sents;
	np_quote *quotes;
	size_t n_quotes, cap_quotes;
	np_entity *ents;
	size_t n_ents, cap_ents;
	np_warning *warns;
	size_t n_warns, cap_warns;

	np_meta_override *extra;   /* unknown header keys */
	size_t n_extra, cap_extra;

	char guid_cache[512];
	int from_html;             /* text was rebuilt from an HTML page (html.c) */
	/* np_record_guid's hash of (id, text), which every exporter asks for:
	 * valid while id, text and text_len are the ones recorded here (stages
	 * replace text rather than edit it in place once a guid is taken). */
	uint64_t guid_hash;
	const char *guid_hash_id, *guid_hash_text;
	size_t guid_hash_len;
	/* np_nlp__language's answer (quotes and entities both ask), valid while
	 * meta.language, text, text_len and body_start are the recorded ones. */
	int lang_cache;            /* 0 = not computed */
	const char *lang_cache_meta, *lang_cache_text;
	size_t lang_cache_len, lang_cache_body;
	/* np_nlp__tokens' tokenisation of the whole text (struct np_tok, nlp.h)
	 * and each token's reach; valid while text and text_len are these. */
	struct np_tok *tokc;
	uint32_t *tokc_reach;
	size_t tokc_n;
	const char *tokc_text;
	size_t tokc_len;
};

/* New empty record owning a copy of `len` input bytes. */
np_record *np_record__new(const char *id, const char *source, const char *bytes,
                          size_t len);
/* Record a warning (source_offset SIZE_MAX when it has none).  Returns 0/-1. */
int np_record__warn(np_record *rec, size_t source_offset, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Sanitised article id: bytes outside [A-Za-z0-9._/-] become '_'; no empty,
 * "." or ".." path component, no leading '/'. Arena string. */
char *np_record__sanitise_id(np_arena *a, const char *id);
/* A span's text as a fresh arena string. */
char *np_record__span_dup(const np_record *rec, np_span s);
/* Source byte offset for a text byte offset (end offsets map to end). */
size_t np_record__src(const np_record *rec, size_t text_offset);

/* 64-bit FNV-1a, for stable ids. */
uint64_t np_hash64(const void *data, size_t len, uint64_t seed);

#endif

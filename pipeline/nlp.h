/* nlp.h - tokens and entity look-ups shared by entities.c and quotes.c. */
#ifndef NP_NLP_H
#define NP_NLP_H

#include "model.h"
#include "lexicon.h"

enum { TK_WORD = 1, TK_PUNCT = 2, TK_QUOTE = 3 };
enum {
	TF_CAP = 1u << 0,     /* starts with an uppercase letter */
	TF_LOWER = 1u << 1,   /* starts with a lowercase letter */
	TF_ALLCAPS = 1u << 2, /* two or more letters, all uppercase */
	TF_ABBR = 1u << 3,    /* ends with an abbreviation dot */
	TF_POSS = 1u << 4,    /* ends with 's / ’s (base = e - 2 or 3) */
	TF_DIGIT = 1u << 5    /* starts with a digit */
};

typedef struct np_tok {
	size_t s, e;       /* byte span in rec->text */
	size_t base_e;     /* end without a possessive 's */
	uint32_t lex;      /* np_lex_entry.flags of the word (base form) */
	uint16_t kind, flags;
	uint8_t langs;
	int16_t place;
	long quote;        /* TK_QUOTE: index of the quote region */
} np_tok;

/* Tokenise text[s, e) into *toks (arena array, grown as needed).  At most
 * `max` tokens are produced; returns the count, or (size_t)-1 when out of
 * memory.  `*next` receives the offset where tokenising stopped. */
size_t np_nlp__tokenize(np_arena *a, const char *text, size_t s, size_t e,
                        np_tok **toks, size_t *cap, size_t max, size_t *next);
/* np_nlp__tokenize(rec->arena, rec->text, s, e, ...) with the same result,
 * taken from one tokenisation of the whole text kept on the record (the
 * entity and quote stages ask for overlapping ranges): the tokens that do
 * not depend on text at or past e are copied, the rest of the range is
 * tokenised as before. */
size_t np_nlp__tokens(np_record *rec, size_t s, size_t e, np_tok **toks, size_t *cap,
                      size_t max, size_t *next);
/* 1 when the token's text equals `w` (ASCII case-insensitive). */
int np_nlp__tok_is(const char *text, const np_tok *t, const char *w);
/* A NULL-terminated list of ASCII words looked up as a hash set: the list
 * stays plain data where it is written; the table is built from it on first
 * use (thread-safe).  Declare one per list: static np_wordset s =
 * NP_WORDSET(list); */
struct np_wordset_tab;
typedef struct np_wordset {
	const char *const *words;
	struct np_wordset_tab *_Atomic tab;
} np_wordset;
#define NP_WORDSET(list) { (list), NULL }
/* 1 + the index of the first word of the set equal to the token (as
 * np_nlp__tok_is compares), or 0 when none is. */
int np_nlp__tok_in(const char *text, const np_tok *t, np_wordset *ws);
/* 1 when w[0, n) is one of the words of `list` (a constant string of words
 * separated by single spaces; exact bytes): a hash set built from the list
 * on first use, kept per list pointer (thread-safe), so the list stays
 * plain data where it is written.  Falls back to scanning the list. */
int np_nlp__word_in(const char *w, size_t n, const char *list);
/* Language guess for the record: LX_LANG_EN, _DE or _FR. */
int np_nlp__language(const np_record *rec);
/* The window np_nlp__language counts function words in: t[*s, *e), the
 * first NP_NLP_LANG_WINDOW bytes of the body. */
#define NP_NLP_LANG_WINDOW 8192
void np_nlp__language_window(const np_record *rec, size_t *s, size_t *e);
/* Keep np_nlp__language's answer on the record from function-word counts
 * (en, de, fr) its window gave (np_meta__guess_languages). */
void np_nlp__language_prime(np_record *rec, const int fn[3]);
/* Is the code point at text[i] whitespace (incl. no-break spaces)?  Returns
 * its byte length, or 0. */
size_t np_nlp__space_len(const char *text, size_t i, size_t end);

/* ---- mention index (built from rec->ents) ---- */
typedef struct np_mention_ix {
	size_t s, e;
	long ent;
} np_mention_ix;

typedef struct np_ent_index {
	np_mention_ix *m;
	size_t n;
} np_ent_index;

int np_ent__index(np_record *rec, np_ent_index *out);
/* The first mention of the index starting at or after s (ix->n if none). */
size_t np_ent__lower_bound(const np_ent_index *ix, size_t s);
/* Entity (person or organisation, or any type when `any`) whose mention
 * lies inside [s, e) and ends last; the mention span in *mention. -1 if none. */
long np_ent__in_span(const np_ent_index *ix, const np_record *rec, size_t s,
                     size_t e, np_span *mention, int any);
/* The first person or organisation mentioned inside [s, e), or -1. */
long np_ent__first_in_span(const np_ent_index *ix, const np_record *rec, size_t s,
                           size_t e, np_span *mention);
/* Most recent person mention ending at or before `pos` and at or after
 * `floor`, compatible with gender g (0 any). -1 if none. */
long np_ent__person_before(const np_ent_index *ix, const np_record *rec,
                           size_t pos, size_t floor, int g);
/* Person whose title holds the word text[s, e) (e.g. "spokesman"), most
 * recently mentioned before pos.  -1 if none. */
long np_ent__by_title_word(const np_ent_index *ix, const np_record *rec,
                           const char *word, size_t n, size_t pos);

#endif

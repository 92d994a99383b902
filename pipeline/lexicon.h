/* lexicon.h - the word lists behind entities and quotes, compiled in.
 *
 * One hash table maps a lowercased word (or a space-joined phrase for
 * multi-word places) to the classes it belongs to; np_lex__lookup is O(length).
 * Words of one language only are tagged with that language so that e.g.
 * German "so" or French "a" never act as cues in English text. */
#ifndef NP_LEXICON_H
#define NP_LEXICON_H

#include <stddef.h>
#include <stdint.h>

enum {
	LX_CUE_SAY = 1u << 0,      /* say, said: a clause follows directly */
	LX_CUE_TELL = 1u << 1,     /* tell, told: an object, then the clause */
	LX_CUE_ACCUSE = 1u << 2,   /* accuse X of: the object belongs to the content */
	LX_CUE_ACCORD = 1u << 3,   /* "according" (to), laut, selon, zufolge */
	LX_TITLE = 1u << 4,        /* president, minister, spokesman */
	LX_TITLE_MOD = 1u << 5,    /* former, deputy, senior (lowercase modifiers) */
	LX_HONORIFIC = 1u << 6,    /* mr., mrs., dr., sen. */
	LX_ORG_SUFFIX = 1u << 7,   /* department, ministry, party, inc. */
	LX_PRON_M = 1u << 8,
	LX_PRON_F = 1u << 9,
	LX_PRON_PL = 1u << 10,
	LX_DET = 1u << 11,         /* the, a, his, der, la */
	LX_BOUNDARY = 1u << 12,    /* that, which, and, because: clause edges */
	LX_AUX = 1u << 13,         /* has, also, later: between speaker and cue */
	LX_STOPCAP = 1u << 14,     /* capitalised but never a name: The, Monday */
	LX_DEMONYM = 1u << 15,     /* Russian, Syrian, Americans */
	LX_GIVEN_M = 1u << 16,
	LX_GIVEN_F = 1u << 17,
	LX_PLACE = 1u << 18,       /* gazetteer entry (aux = canonical index) */
	LX_PARTICLE = 1u << 19,    /* de, van, von, bin: inside names */
	LX_THAT = 1u << 20,        /* that, dass, que: opens the reported clause */
	LX_NOUN_SPEAKER = 1u << 21,/* officials, aides, statement: non-name speakers */
	LX_PREP = 1u << 22,        /* in, on, at, during: end a forward speaker NP */
	LX_ORG_WORD = 1u << 23,    /* single-word organisations: NATO, Congress */
	LX_FN_EN = 1u << 24,       /* frequent function words, for language guess */
	LX_FN_DE = 1u << 25,
	LX_FN_FR = 1u << 26,
	LX_CUE_NOUN = 1u << 27,    /* statement, interview: "in a statement" */
	LX_NOT_CUE_OBJ = 1u << 28
};

enum { LX_LANG_EN = 1, LX_LANG_DE = 2, LX_LANG_FR = 4, LX_LANG_ALL = 7 };

#define LX_CUE_ANY (LX_CUE_SAY | LX_CUE_TELL | LX_CUE_ACCUSE | LX_CUE_ACCORD)
#define LX_PRONOUN (LX_PRON_M | LX_PRON_F | LX_PRON_PL)

typedef struct np_lex_entry {
	uint32_t flags;
	uint8_t langs;    /* LX_LANG_* where the cue/pronoun classes apply */
	int16_t place;    /* canonical place index, or -1 */
} np_lex_entry;

/* Classes of the word s[0..n) (case-insensitive; trailing "'s" is not
 * removed here).  Returns a zero entry when unknown. */
np_lex_entry np_lex__lookup(const char *s, size_t n);
/* np_lex__lookup(s, n).flags & (LX_FN_EN | LX_FN_DE | LX_FN_FR), from a
 * table of the function words alone (the language guesses' hot loop). */
uint32_t np_lex__fn(const char *s, size_t n);
/* np_lex__fn(s, n) for a word of plain ASCII letters whose lowered bytes
 * (key) and their 32-bit FNV-1a hash (h) the caller already has. */
uint32_t np_lex__fn_lowered(const char *s, size_t n, const char *key, uint32_t h);
/* Canonical name of gazetteer place `idx`. */
const char *np_lex__place_name(int idx);
/* Lowercase ASCII and Latin-1 capitals of s[0..n) into out (cap bytes incl.
 * NUL); returns the length, or 0 when it does not fit. */
size_t np_lex__lower(const char *s, size_t n, char *out, size_t cap);

#endif

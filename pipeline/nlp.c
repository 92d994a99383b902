/* nlp.c - a small tokeniser and the entity mention index. */
#include "nlp.h"
#include "text.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <stdatomic.h>
#include <utf8proc.h>

/* Code point at text[i] (invalid bytes read as U+FFFD, length 1). */
static utf8proc_int32_t nlp_cp(const char *text, size_t i, size_t end, size_t *len)
{
	if (i < end && (unsigned char)text[i] < 0x80) { /* most bytes: no decoder call */
		*len = 1;
		return (unsigned char)text[i];
	}
	utf8proc_int32_t cp = 0;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
	                                      (utf8proc_ssize_t)(end - i), &cp);
	if (n <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = (size_t)n;
	return cp;
}

static int nlp_is_letter(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int nlp_is_digit(utf8proc_int32_t cp) { return cp >= '0' && cp <= '9'; }

static int nlp_is_upper(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

size_t np_nlp__space_len(const char *text, size_t i, size_t end)
{
	unsigned char c = (unsigned char)text[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)text[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80) {
		unsigned char d = (unsigned char)text[i + 2];
		if ((d >= 0x80 && d <= 0x8A) || d == 0xAF)
			return 3;
	}
	return 0;
}

/* Words that keep their final dot (compared as np_nlp__tok_is does: the
 * same answer as strncasecmp for these ASCII words). */
static int nlp_abbrev(const char *text, size_t s, size_t e)
{
	static const char *const abbr[] = {
		"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col",
		"sgt", "capt", "prof", "rev", "adm", "maj", "cmdr", "st", "jr",
		"sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar",
		"apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"ft", "mt", "gov", "atty", "supt", "u.s", "u.n", "u.k", "e.u",
		"a.m", "p.m", "d.c", "etc", "bzw", "z.b", "dr", "m", "mme", "nr",
		"ca", "vgl", "mio", "mrd", NULL
	};
	size_t n = e - s;
	static np_wordset abbr_set = NP_WORDSET(abbr);
	np_tok word = { s, e, e, 0, TK_WORD, 0, 0, -1, -1 };
	if (np_nlp__tok_in(text, &word, &abbr_set))
		return 1;
	/* an initial ("J.") or a dotted acronym ("U.S") */
	size_t l;
	utf8proc_int32_t cp = nlp_cp(text, s, e, &l);
	if (l == n && nlp_is_upper(cp))
		return 1;
	return memchr(text + s, '.', n) != NULL;
}

static int nlp_push(np_arena *a, np_tok **toks, size_t *n, size_t *cap, np_tok t)
{
	return NP_ARENA_PUSH(a, *toks, *n, *cap, t);
}

/* ASCII bytes: 1 lower-case letter, 2 upper-case letter, 4 digit. */
static const unsigned char nlp_ascii[128] = {
	['0'] = 4, ['1'] = 4, ['2'] = 4, ['3'] = 4, ['4'] = 4, ['5'] = 4, ['6'] = 4,
	['7'] = 4, ['8'] = 4, ['9'] = 4,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2,
	['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
	['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2,
	['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2 };

static void nlp_classify(const char *text, np_tok *t)
{
	int letters = 0, upper = 0;
	const unsigned char *u = (const unsigned char *)text;
	size_t a = t->s;
	/* plain ASCII (most words): the same flags from the table */
	while (a < t->e && u[a] < 0x80) {
		unsigned k = nlp_ascii[u[a++]];
		letters += (k & 3) != 0;
		upper += k == 2;
	}
	if (a == t->e) {
		unsigned k = nlp_ascii[u[t->s]]; /* (a token is never empty) */
		t->flags |= k == 2 ? TF_CAP : k == 1 ? TF_LOWER : k == 4 ? TF_DIGIT : 0;
	} else {
		size_t l;
		utf8proc_int32_t cp = nlp_cp(text, t->s, t->e, &l);
		if (nlp_is_upper(cp))
			t->flags |= TF_CAP;
		else if (nlp_is_letter(cp))
			t->flags |= TF_LOWER;
		else if (nlp_is_digit(cp))
			t->flags |= TF_DIGIT;
		letters = upper = 0;
		for (size_t i = t->s; i < t->e; i += l) {
			utf8proc_int32_t c = nlp_cp(text, i, t->e, &l);
			if (nlp_is_letter(c)) {
				letters++;
				upper += nlp_is_upper(c);
			}
		}
	}
	if (letters >= 2 && upper == letters)
		t->flags |= TF_ALLCAPS;
	t->base_e = t->e;
	size_t n = t->e - t->s;
	const unsigned char *w = (const unsigned char *)text + t->s;
	if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == '\'') {
		t->flags |= TF_POSS;
		t->base_e = t->e - 2;
	} else if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == 0x99 &&
	           w[n - 3] == 0x80 && w[n - 4] == 0xE2) {
		t->flags |= TF_POSS;
		t->base_e = t->e - 4;
	}
	if (t->base_e - t->s > 0 && text[t->base_e - 1] == '.')
		t->flags |= TF_ABBR;
	np_lex_entry le = np_lex__lookup(text + t->s, t->base_e - t->s);
	t->lex = le.flags;
	t->langs = le.langs;
	t->place = le.place;
}

/* Is c a character that may continue a word depending on the one after it
 * (apostrophe, hyphen, dot, comma)?  Only then is the next one read. */
static int nlp_joiner(utf8proc_int32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011 ||
	       c == '.' || c == ',';
}

/* The tokeniser.  Appends to (*toks)[n..]; returns the new count.  When
 * `reach` is given, (*reach)[k] receives how far the decisions about token k
 * depended on the text: tokenising any range [s', e') that starts where this
 * walk stood and has e' >= reach gives the same token (see np_nlp__tokens). */
static size_t nlp_tok_run(np_arena *a, const char *text, size_t s, size_t e,
                          np_tok **toks, size_t n, size_t *cap, size_t max,
                          size_t *next, uint32_t **reach, size_t *rcap)
{
	size_t i = s;
	while (i < e && n < max) {
		if (text[i] == ' ' || text[i] == '\n') { /* most spaces */
			i++;
			continue;
		}
		size_t sp = np_nlp__space_len(text, i, e);
		if (sp) {
			i += sp;
			continue;
		}
		size_t l;
		utf8proc_int32_t cp = nlp_cp(text, i, e, &l);
		np_tok t = { i, i + l, i + l, 0, TK_PUNCT, 0, 0, -1, -1 };
		size_t r = i + l;
		if (nlp_is_letter(cp) || nlp_is_digit(cp)) {
			size_t j = i + l;
			r = e; /* the loop ran to the end of the range */
			while (j < e) {
				/* ASCII letters and digits: the word goes on */
				if ((unsigned char)text[j] < 0x80 && nlp_ascii[(unsigned char)text[j]]) {
					j++;
					continue;
				}
				size_t l2, l3;
				utf8proc_int32_t c = nlp_cp(text, j, e, &l2);
				if (nlp_is_letter(c) || nlp_is_digit(c) || c == 0x00AD) {
					j += l2;
					continue;
				}
				/* Whatever follows, a plain breaker ends the word: a range
				 * ending at j gives the same token. */
				r = j;
				if (!nlp_joiner(c))
					break;
				r = j + l2;
				if (j + l2 >= e)
					break;
				utf8proc_int32_t d = nlp_cp(text, j + l2, e, &l3);
				/* every rule below needs a letter or digit after c */
				if (nlp_is_letter(d) || nlp_is_digit(d))
					r = j + l2 + l3 + 1 < e ? j + l2 + l3 + 1 : e;
				if ((c == '\'' || c == 0x2019) && nlp_is_letter(d)) {
					j += l2;
					continue;
				}
				if ((c == '-' || c == 0x2010 || c == 0x2011) &&
				    (nlp_is_letter(d) || nlp_is_digit(d)) && text[j - 1] != '.') {
					j += l2;
					continue;
				}
				if ((c == '.' || c == ',') && nlp_is_digit(d) &&
				    nlp_is_digit((unsigned char)text[j - 1])) {
					j += l2;
					continue;
				}
				/* U.S, a.m: a dot between single letters */
				if (c == '.' && nlp_is_letter(d) && j + l2 + l3 <= e &&
				    (j + l2 + l3 == e || text[j + l2 + l3] == '.') &&
				    (j - 1 == t.s || text[j - 2] == '.'))  {
					j += l2;
					continue;
				}
				break;
			}
			if (j < e && text[j] == '.' && nlp_abbrev(text, i, j))
				j++;
			t.e = j;
			t.kind = TK_WORD;
			nlp_classify(text, &t);
			if (r < j)
				r = j;
		}
		size_t rn = n;
		if (reach && NP_ARENA_PUSH(a, *reach, rn, *rcap, (uint32_t)r) < 0)
			return (size_t)-1;
		if (nlp_push(a, toks, &n, cap, t) < 0)
			return (size_t)-1;
		i = t.e;
	}
	if (next)
		*next = i;
	return n;
}

size_t np_nlp__tokenize(np_arena *a, const char *text, size_t s, size_t e,
                        np_tok **toks, size_t *cap, size_t max, size_t *next)
{
	return nlp_tok_run(a, text, s, e, toks, 0, cap, max, next, NULL, NULL);
}

/* Records longer than this are tokenised per range, as before: the shared
 * token array costs about 13 bytes per byte of text (52 per token), so a
 * huge article would pay for it in memory (1 MB of text: 13 MB). */
#define NLP_TOKCACHE_MAX ((size_t)1 << 20)

/* The whole text tokenised once, with each token's reach. */
static int nlp_tokcache(np_record *rec)
{
	if (rec->tokc_text == rec->text && rec->tokc_len == rec->text_len)
		return rec->tokc ? 0 : -1;
	rec->tokc = NULL;
	rec->tokc_reach = NULL;
	rec->tokc_n = 0;
	rec->tokc_text = rec->text;
	rec->tokc_len = rec->text_len;
	if (!rec->text || rec->text_len > NLP_TOKCACHE_MAX || rec->text_len >= UINT32_MAX)
		return -1;
	/* English news runs about 4.5 bytes per token: room for all of them at
	 * once, so that the arrays are not copied as they grow */
	size_t cap = rec->text_len / 4 + 64, rcap = cap;
	np_tok *t = np_arena_alloc_nz(rec->arena, cap * sizeof *t);
	uint32_t *r = np_arena_alloc_nz(rec->arena, rcap * sizeof *r);
	if (!t || !r)
		return -1;
	size_t n = nlp_tok_run(rec->arena, rec->text, 0, rec->text_len, &t, 0, &cap,
	                       SIZE_MAX, NULL, &r, &rcap);
	if (n == (size_t)-1)
		return -1; /* out of memory: every call tokenises its own range */
	rec->tokc = t;
	rec->tokc_reach = r;
	rec->tokc_n = n;
	return 0;
}

static int nlp_continuation(const char *text, size_t i)
{
	return ((unsigned char)text[i] & 0xC0) == 0x80;
}

size_t np_nlp__tokens(np_record *rec, size_t s, size_t e, np_tok **toks, size_t *cap,
                      size_t max, size_t *next)
{
	if (s >= e || max == 0 || e > rec->text_len || nlp_tokcache(rec) < 0)
		return np_nlp__tokenize(rec->arena, rec->text, s, e, toks, cap, max, next);
	const np_tok *c = rec->tokc;
	const uint32_t *reach = rec->tokc_reach;
	size_t nc = rec->tokc_n;
	/* first cached token starting at or after s */
	size_t lo = 0, hi = nc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c[mid].s < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	/* The walk must stand at s: not inside a token, and in a gap (only
	 * whitespace) at a character boundary. */
	if ((k > 0 && c[k - 1].e > s) ||
	    ((k == nc || s < c[k].s) && nlp_continuation(rec->text, s)))
		return np_nlp__tokenize(rec->arena, rec->text, s, e, toks, cap, max, next);
	size_t k0 = k;
	while (k < nc && k - k0 < max && c[k].s < e && reach[k] <= e)
		k++;
	size_t n = k - k0;
	if (n) {
		if (np_arena_reserve__(rec->arena, (void **)toks, cap, sizeof **toks, n) < 0)
			return (size_t)-1;
		memcpy(*toks, c + k0, n * sizeof *c);
	}
	if (n == max) {
		if (next)
			*next = c[k - 1].e;
		return n;
	}
	/* The range ends in the gap before c[k] (or after the last token): the
	 * same unless e cuts a multi-byte space. */
	if (k == nc || c[k].s >= e) {
		if (e == rec->text_len || (k < nc && e == c[k].s) ||
		    !nlp_continuation(rec->text, e)) {
			if (next)
				*next = e;
			return n;
		}
	}
	/* c[k] reads past e: tokenise the rest of the range for real from where
	 * the walk stands */
	size_t at = n ? c[k - 1].e : s;
	return nlp_tok_run(rec->arena, rec->text, at, e, toks, n, cap, max, next, NULL, NULL);
}

/* ASCII case folding: the words compared are ASCII, and a UTF-8 byte must
 * never fold (what strncasecmp does under the C.UTF-8 locale the CLI sets). */
static unsigned char nlp_fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

int np_nlp__tok_is(const char *text, const np_tok *t, const char *w)
{
	/* Hot (called for every token against word lists): one pass that stops
	 * at the first differing byte, instead of strlen + strncasecmp.  w must
	 * have exactly the token's length and match it case-insensitively. */
	const unsigned char *p = (const unsigned char *)text + t->s;
	const unsigned char *q = (const unsigned char *)w;
	size_t n = t->e - t->s;
	for (size_t i = 0; i < n; i++)
		if (!q[i] || nlp_fold(p[i]) != nlp_fold(q[i]))
			return 0;
	return q[n] == '\0';
}

/* ---- word sets: one hash probe per token instead of a loop over a list ---- */
#define NLP_WS_MAXLEN 32 /* longer words are compared by the list loop */

struct np_wordset_tab {
	size_t mask;
	int long_words;     /* some word is longer than NLP_WS_MAXLEN */
	/* a bit per (length, first and last letter) of the words: most tokens
	 * are turned away here, before the hash */
	uint64_t filter[16];
	uint16_t slot[];    /* 1 + word index, 0 = empty */
};

static unsigned nlp_ws_filter_bit(const unsigned char *p, size_t n)
{
	return (unsigned)((n * 31 + nlp_fold(p[0])) * 31 + nlp_fold(p[n - 1])) & 1023u;
}

static uint32_t nlp_ws_hash(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ nlp_fold(p[i])) * 16777619u;
	return h;
}

static int nlp_ws_eq(const unsigned char *p, size_t n, const char *w)
{
	const unsigned char *q = (const unsigned char *)w;
	for (size_t i = 0; i < n; i++)
		if (!q[i] || nlp_fold(p[i]) != nlp_fold(q[i]))
			return 0;
	return q[n] == '\0';
}

static struct np_wordset_tab *nlp_ws_build(const char *const *words)
{
	size_t n = 0;
	while (words[n])
		n++;
	if (n >= 65535)
		return NULL;
	size_t cap = 16;
	while (cap < 4 * n)
		cap *= 2;
	struct np_wordset_tab *tab = calloc(1, sizeof *tab + cap * sizeof tab->slot[0]);
	if (!tab)
		return NULL;
	tab->mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		if (len > NLP_WS_MAXLEN) {
			tab->long_words = 1;
			continue;
		}
		if (len) {
			unsigned bit = nlp_ws_filter_bit((const unsigned char *)words[i], len);
			tab->filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
		}
		size_t h = nlp_ws_hash((const unsigned char *)words[i], len) & tab->mask;
		for (;; h = (h + 1) & tab->mask) {
			if (!tab->slot[h]) {
				tab->slot[h] = (uint16_t)(i + 1);
				break;
			}
			/* a repeated word keeps its first index, as the loop would */
			if (nlp_ws_eq((const unsigned char *)words[i], len, words[tab->slot[h] - 1]))
				break;
		}
	}
	return tab;
}

int np_nlp__tok_in(const char *text, const np_tok *t, np_wordset *ws)
{
	struct np_wordset_tab *tab = atomic_load_explicit(&ws->tab, memory_order_acquire);
	if (!tab) {
		struct np_wordset_tab *mine = nlp_ws_build(ws->words), *seen = NULL;
		if (!mine)
			goto loop; /* out of memory: the plain loop gives the same answer */
		if (atomic_compare_exchange_strong_explicit(&ws->tab, &seen, mine,
		                                            memory_order_acq_rel,
		                                            memory_order_acquire))
			tab = mine;
		else {
			free(mine); /* another thread built it first */
			tab = seen;
		}
	}
	const unsigned char *p = (const unsigned char *)text + t->s;
	size_t n = t->e - t->s;
	if (n > NLP_WS_MAXLEN) {
		if (tab->long_words)
			goto loop;
		return 0;
	}
	if (n) {
		unsigned bit = nlp_ws_filter_bit(p, n);
		if (!(tab->filter[bit >> 6] >> (bit & 63) & 1))
			return 0;
	}
	for (size_t h = nlp_ws_hash(p, n) & tab->mask; tab->slot[h]; h = (h + 1) & tab->mask)
		if (nlp_ws_eq(p, n, ws->words[tab->slot[h] - 1]))
			return tab->slot[h];
	return 0;
loop:
	for (int i = 0; ws->words[i]; i++)
		if (np_nlp__tok_is(text, t, ws->words[i]))
			return i + 1;
	return 0;
}

/* ---- space-separated word lists as hash sets ---- */
#define NLP_WL_MAX 64 /* lists remembered; more are scanned */

typedef struct {
	uint32_t off, len;  /* a word of the list; len 0 = empty slot */
} nlp_wl_slot;

typedef struct {
	const char *list;
	size_t mask;
	nlp_wl_slot *slot;
} nlp_wl;

static nlp_wl nlp_wls[NLP_WL_MAX];
static _Atomic size_t nlp_wl_n;       /* entries published */
static pthread_mutex_t nlp_wl_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t nlp_wl_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static int nlp_wl_scan(const char *w, size_t n, const char *list)
{
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && memcmp(p, w, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The set of `list`, built and published under the lock; NULL when the
 * registry is full or memory is short (the caller scans). */
static const nlp_wl *nlp_wl_get(const char *list)
{
	size_t n = atomic_load_explicit(&nlp_wl_n, memory_order_acquire);
	for (size_t i = 0; i < n; i++)
		if (nlp_wls[i].list == list)
			return &nlp_wls[i];
	const nlp_wl *found = NULL;
	pthread_mutex_lock(&nlp_wl_lock);
	n = atomic_load_explicit(&nlp_wl_n, memory_order_relaxed);
	for (size_t i = 0; i < n && !found; i++)
		if (nlp_wls[i].list == list)
			found = &nlp_wls[i];
	if (!found && n < NLP_WL_MAX) {
		size_t words = 1;
		for (const char *p = list; *p; p++)
			words += *p == ' ';
		size_t cap = 16;
		while (cap < 4 * words)
			cap *= 2;
		nlp_wl_slot *slot = calloc(cap, sizeof *slot);
		if (slot) {
			for (const char *p = list; *p;) {
				const char *e = strchr(p, ' ');
				size_t l = e ? (size_t)(e - p) : strlen(p);
				if (l) {
					size_t h = nlp_wl_hash(p, l) & (cap - 1);
					while (slot[h].len && !(slot[h].len == l &&
					                        memcmp(list + slot[h].off, p, l) == 0))
						h = (h + 1) & (cap - 1);
					slot[h] = (nlp_wl_slot){ (uint32_t)(p - list), (uint32_t)l };
				}
				if (!e)
					break;
				p = e + 1;
			}
			nlp_wls[n] = (nlp_wl){ list, cap - 1, slot };
			atomic_store_explicit(&nlp_wl_n, n + 1, memory_order_release);
			found = &nlp_wls[n];
		}
	}
	pthread_mutex_unlock(&nlp_wl_lock);
	return found;
}

int np_nlp__word_in(const char *w, size_t n, const char *list)
{
	const nlp_wl *wl = n ? nlp_wl_get(list) : NULL;
	if (!wl) /* (the empty word only matches a list with an empty word) */
		return nlp_wl_scan(w, n, list);
	for (size_t h = nlp_wl_hash(w, n) & wl->mask; wl->slot[h].len; h = (h + 1) & wl->mask)
		if (wl->slot[h].len == n && memcmp(wl->list + wl->slot[h].off, w, n) == 0)
			return 1;
	return 0;
}

/* The answer the language field gives alone (German, French), or 0. */
static int nlp_language_meta(const np_record *rec)
{
	const char *l = rec->meta.language;
	if (l && (l[0] == 'd' || l[0] == 'D') && (l[1] == 'e' || l[1] == 'E'))
		return LX_LANG_DE;
	if (l && (l[0] == 'f' || l[0] == 'F') && (l[1] == 'r' || l[1] == 'R'))
		return LX_LANG_FR;
	return 0;
}

static int nlp_language_decide(const int fn[3])
{
	int en = fn[0], de = fn[1], fr = fn[2];
	if (de > en && de >= fr)
		return LX_LANG_DE;
	if (fr > en && fr > de)
		return LX_LANG_FR;
	return LX_LANG_EN;
}

static void nlp_language_keep(np_record *r, int lang)
{
	r->lang_cache = lang;
	r->lang_cache_meta = r->meta.language;
	r->lang_cache_text = r->text;
	r->lang_cache_len = r->text_len;
	r->lang_cache_body = r->body_start;
}

void np_nlp__language_window(const np_record *rec, size_t *s, size_t *e)
{
	*s = rec->body_start;
	*e = rec->text_len;
	if (*s > *e)
		*s = *e;
	if (*e - *s > NP_NLP_LANG_WINDOW)
		*e = *s + NP_NLP_LANG_WINDOW;
}

void np_nlp__language_prime(np_record *rec, const int fn[3])
{
	int lang = nlp_language_meta(rec);
	nlp_language_keep(rec, lang ? lang : nlp_language_decide(fn));
}

/* The guess scans up to 8 KB through the lexicon and both the quote and the
 * entity stage ask for it: keep the answer on the record, keyed by what it
 * depends on.  The normalise stage usually fills it (np_nlp__language_prime)
 * from the pass that guesses the language field. */
int np_nlp__language(const np_record *rec)
{
	np_record *r = (np_record *)rec; /* the cache is not part of the value */
	if (r->lang_cache && r->lang_cache_meta == rec->meta.language &&
	    r->lang_cache_text == rec->text && r->lang_cache_len == rec->text_len &&
	    r->lang_cache_body == rec->body_start)
		return r->lang_cache;
	int lang = nlp_language_meta(rec);
	if (!lang) {
		/* The language field may only be a default: count function words
		 * in the first 8 KB of the body. */
		size_t s, e;
		int fn[3];
		np_nlp__language_window(rec, &s, &e);
		np_meta__fn_counts(rec->text, s, e, fn);
		lang = nlp_language_decide(fn);
	}
	nlp_language_keep(r, lang);
	return lang;
}

/* ---- mention index ---- */
static int nlp_mention_cmp(const void *a, const void *b)
{
	const np_mention_ix *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e < y->e ? -1 : 1;
	return (x->ent > y->ent) - (x->ent < y->ent);
}

int np_ent__index(np_record *rec, np_ent_index *out)
{
	size_t total = 0;
	for (size_t i = 0; i < rec->n_ents; i++)
		total += rec->ents[i].n_mentions;
	out->n = 0;
	out->m = np_arena_alloc(rec->arena, (total ? total : 1) * sizeof *out->m);
	if (!out->m)
		return -1;
	for (size_t i = 0; i < rec->n_ents; i++)
		for (size_t k = 0; k < rec->ents[i].n_mentions; k++)
			out->m[out->n++] = (np_mention_ix){ rec->ents[i].mentions[k].start,
			                                    rec->ents[i].mentions[k].end,
			                                    (long)i };
	if (out->n > 1)
		qsort(out->m, out->n, sizeof *out->m, nlp_mention_cmp);
	return 0;
}

/* First mention with start >= s. */
size_t np_ent__lower_bound(const np_ent_index *ix, size_t s)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->m[mid].s < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long np_ent__in_span(const np_ent_index *ix, const np_record *rec, size_t s,
                     size_t e, np_span *mention, int any)
{
	long best = -1;
	size_t best_e = 0;
	for (size_t k = np_ent__lower_bound(ix, s); k < ix->n && ix->m[k].s < e; k++) {
		const np_mention_ix *m = &ix->m[k];
		if (m->e > e)
			continue;
		np_entity_type t = rec->ents[m->ent].type;
		if (!any && t == NP_ENT_PLACE)
			continue;
		if (best < 0 || m->e > best_e ||
		    (m->e == best_e && t == NP_ENT_PERSON)) {
			best = m->ent;
			best_e = m->e;
			if (mention)
				*mention = (np_span){ m->s, m->e };
		}
	}
	return best;
}

long np_ent__person_before(const np_ent_index *ix, const np_record *rec,
                           size_t pos, size_t floor, int g)
{
	size_t k = np_ent__lower_bound(ix, pos), seen = 0;
	/* bounded, so that many pronouns cannot make this quadratic */
	while (k > 0 && seen++ < 400) {
		const np_mention_ix *m = &ix->m[--k];
		if (m->s < floor)
			break;
		if (m->e > pos)
			continue;
		const np_entity *en = &rec->ents[m->ent];
		if (en->type != NP_ENT_PERSON)
			continue;
		if (g && en->gender && en->gender != g)
			continue;
		return m->ent;
	}
	return -1;
}

long np_ent__by_title_word(const np_ent_index *ix, const np_record *rec,
                           const char *word, size_t n, size_t pos)
{
	size_t k = np_ent__lower_bound(ix, pos), seen = 0;
	while (k > 0 && seen++ < 400) {
		const np_mention_ix *m = &ix->m[--k];
		const np_entity *en = &rec->ents[m->ent];
		if (en->type != NP_ENT_PERSON || !en->title)
			continue;
		const char *t = en->title;
		size_t tl = strlen(t);
		for (size_t i = 0; i + n <= tl; i++)
			if (strncasecmp(t + i, word, n) == 0 &&
			    (i == 0 || t[i - 1] == ' ') &&
			    (i + n == tl || t[i + n] == ' '))
				return m->ent;
	}
	return -1;
}

long np_ent__first_in_span(const np_ent_index *ix, const np_record *rec, size_t s,
                           size_t e, np_span *mention)
{
	for (size_t k = np_ent__lower_bound(ix, s); k < ix->n && ix->m[k].s < e; k++) {
		const np_mention_ix *m = &ix->m[k];
		if (m->e > e || rec->ents[m->ent].type == NP_ENT_PLACE)
			continue;
		if (mention)
			*mention = (np_span){ m->s, m->e };
		return m->ent;
	}
	return -1;
}

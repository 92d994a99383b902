/* entities.c - people, organisations and places with their mentions.
 *
 * Per sentence, runs of capitalised words are cut into an optional title
 * ("Russian Foreign Minister", "Secretary of State", "Mr.") and a name, then
 * classed: gazetteer places, organisations by suffix word or acronym,
 * people by shape.  A second pass attaches lone surnames ("Kerry",
 * "Secretary Kerry", "Kerry's") to the person with that surname, so no
 * junk person is made of a title or a possessive.  Linear in the text: each
 * token is looked at a bounded number of times and names go through hashes. */
#include "nlp.h"
#include "stages.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ENT_MAX_RUN 12       /* longer capitalised runs are headlines, not names */
#define ENT_CHUNK_TOKENS 4096

typedef struct ent_cand {
	np_entity_type type;
	size_t s, e;             /* the name, without a possessive 's */
	size_t ts, te;           /* title span (ts == te: none) */
	size_t first_s, first_e; /* first and last name tokens */
	size_t last_s, last_e;
	int ntok, gender, titled, place;
} ent_cand;

/* A string -> entity map with chaining; keys are arena strings. */
typedef struct ent_map {
	const char **keys;
	long *val, *next, *heads;
	size_t n, cap, nheads;
} ent_map;

typedef struct ent_builder {
	np_record *rec;
	int lang;
	ent_cand *c;
	size_t nc, capc;
	size_t *mcap;            /* capacity of each entity's mention array */
	size_t *acap;
	size_t capents;
	ent_map byname, bysurname;
	size_t *nfull;           /* full-name mentions per entity (after pass 1) */
	size_t n_nfull;
	np_tok *toks;
	size_t captoks;
} ent_builder;

static uint64_t ent_hash(const char *s) { return np_hash64(s, strlen(s), 7); }

static int ent_map_init(np_arena *a, ent_map *m, size_t nheads)
{
	m->nheads = nheads;
	m->heads = np_arena_alloc_nz(a, nheads * sizeof *m->heads);
	if (!m->heads)
		return -1;
	memset(m->heads, 0xff, nheads * sizeof *m->heads); /* every head -1 */
	return 0;
}

static int ent_map_put(np_arena *a, ent_map *m, const char *key, long val)
{
	size_t h = ent_hash(key) % m->nheads;
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 64;
		const char **k = np_arena_grow(a, m->keys, m->cap * sizeof *k, nc * sizeof *k);
		long *v = np_arena_grow(a, m->val, m->cap * sizeof *v, nc * sizeof *v);
		long *nx = np_arena_grow(a, m->next, m->cap * sizeof *nx, nc * sizeof *nx);
		if (!k || !v || !nx)
			return -1;
		m->keys = k;
		m->val = v;
		m->next = nx;
		m->cap = nc;
	}
	m->keys[m->n] = key;
	m->val[m->n] = val;
	m->next[m->n] = m->heads[h];
	m->heads[h] = (long)m->n;
	m->n++;
	return 0;
}

/* First value stored under key, or -1. */
static long ent_map_get(const ent_map *m, const char *key)
{
	size_t h = ent_hash(key) % m->nheads;
	for (long i = m->heads[h]; i >= 0; i = m->next[i])
		if (strcmp(m->keys[i], key) == 0)
			return m->val[i];
	return -1;
}

static char *ent_lower(np_arena *a, const char *text, size_t s, size_t e)
{
	char buf[256];
	size_t n = np_lex__lower(text + s, e - s, buf, sizeof buf);
	if (!n)
		return np_arena_strndup(a, text + s, e - s);
	return np_arena_strndup(a, buf, n);
}

/* ---- candidates from one run of capitalised tokens ---- */

static int ent_is_title_tok(const np_tok *t)
{
	return (t->lex & (LX_TITLE | LX_HONORIFIC)) != 0;
}

static int ent_tok_is_of(const char *text, const np_tok *t)
{
	return np_nlp__tok_is(text, t, "of");
}

/* Title words inside the run: "Russian Foreign Minister", "Secretary of
 * State", "Mr.".  Returns the index of the first name token; *has_title is
 * set when a real title word (not only a modifier) was seen. */
static size_t ent_inside_title(const char *text, const np_tok *t, size_t a,
                               size_t b, int *has_title)
{
	*has_title = 0;
	/* the last title word that leaves a name after it: everything before
	 * it is the title ("Transport Minister", "Russian Foreign Minister") */
	size_t last = SIZE_MAX;
	for (size_t i = a; i + 1 < b; i++)
		if (ent_is_title_tok(&t[i]))
			last = i;
	if (last == SIZE_MAX) {
		size_t i = a;
		while (i + 1 < b && (t[i].lex & LX_DEMONYM))
			i++;
		return i;
	}
	*has_title = 1;
	size_t i = last + 1;
	if (i < b - 1 && ent_tok_is_of(text, &t[i])) {
		i++; /* "of State", "of Homeland Security" */
		if (i < b - 1)
			i++;
		while (i < b - 2 && !(t[i].lex & LX_GIVEN_M) && !(t[i].lex & LX_GIVEN_F))
			i++;
	}
	return i;
}

static int ent_gender_of(const char *text, const np_tok *t, size_t a, size_t b,
                         size_t ts, size_t te)
{
	for (size_t i = a; i < b; i++) {
		if (np_nlp__tok_is(text, &t[i], "mr.") || np_nlp__tok_is(text, &t[i], "mr") ||
		    np_nlp__tok_is(text, &t[i], "herr") || np_nlp__tok_is(text, &t[i], "m."))
			return 1;
		if (np_nlp__tok_is(text, &t[i], "mrs.") || np_nlp__tok_is(text, &t[i], "ms.") ||
		    np_nlp__tok_is(text, &t[i], "mrs") || np_nlp__tok_is(text, &t[i], "ms") ||
		    np_nlp__tok_is(text, &t[i], "frau") || np_nlp__tok_is(text, &t[i], "mme"))
			return 2;
	}
	/* a title word: spokeswoman, chairwoman, Kanzlerin */
	for (size_t i = ts; i + 5 <= te; i++)
		if (strncmp(text + i, "woman", 5) == 0)
			return 2;
	return 0;
}

static int ent_add_cand(ent_builder *b, ent_cand c)
{
	return NP_ARENA_PUSH(b->rec->arena, b->c, b->nc, b->capc, c);
}

/* Title after the name: "Kirby, a State Department spokesman," or
 * "John Kirby, the department's spokesman".  Returns 1 with the span. */
static int ent_appositive_title(const char *text, const np_tok *t, size_t n,
                                size_t after, size_t *ts, size_t *te)
{
	if (after + 2 >= n || t[after].kind != TK_PUNCT || text[t[after].s] != ',')
		return 0;
	if (!(t[after + 1].lex & LX_DET) || (t[after + 1].flags & TF_CAP &&
	                                     !np_nlp__tok_is(text, &t[after + 1], "the") &&
	                                     !np_nlp__tok_is(text, &t[after + 1], "a") &&
	                                     !np_nlp__tok_is(text, &t[after + 1], "an")))
		return 0;
	int title = 0;
	size_t k = after + 2;
	for (; k < n && k < after + 12; k++) {
		if (t[k].kind != TK_WORD)
			break;
		if ((t[k].lex & LX_BOUNDARY) && !ent_tok_is_of(text, &t[k]) &&
		    !np_nlp__tok_is(text, &t[k], "and"))
			break;
		if (t[k].lex & LX_CUE_ANY && t[k].flags & TF_LOWER &&
		    !(t[k].lex & (LX_TITLE | LX_NOUN_SPEAKER)))
			break;
		if (t[k].lex & LX_TITLE)
			title = 1;
	}
	if (!title || k == after + 2)
		return 0;
	/* the appositive closes with a comma or the sentence's end, not with
	 * the rest of a clause ("in Chelsea, the mayor also said") */
	if (k < n && !(t[k].kind == TK_PUNCT && strchr(",.;", text[t[k].s])))
		return 0;
	/* "a spokesman for the campaign" keeps its complement, which ends at
	 * the punctuation */
	*ts = t[after + 2].s;
	*te = t[k - 1].e;
	return 1;
}

/* Whether token t is one of the words in the space-separated list. */
static int ent_tok_in(const char *text, const np_tok *t, const char *list)
{
	size_t n = t->base_e - t->s;
	char w[32];
	if (n == 0 || n >= sizeof w)
		return 0;
	size_t k = np_lex__lower(text + t->s, n, w, sizeof w);
	if (!k)
		return 0;
	return np_nlp__word_in(w, k, list); /* a hash probe, not a list scan */
}

/* Last words that make a capitalised run a thing or a place, not a person
 * ("Clean Air Act", "Kansas City", "Capitol Hill"), unless a known first
 * name opens it ("Doris Day"). */
static const char ent_thing_words[] =
	"act acts amendment war day days week city island islands ocean sea hill "
	"springs park mall street avenue river valley strip prize medal award "
	"awards plan bill law laws treaty accord agreement show speech rights "
	"security change equality policy reform affairs relations studies "
	"research partnership partnerships convention conference summit bridge "
	"county country states universe atoll bay cup games series era age "
	"tax taxes budget debate debates election elections primary caucuses "
	"museum memorial monument square tower airport station stadium arena";

/* Titles written after a name: "Andrew Tyrie MP". */
static const char ent_postnominals[] = "mp mep msp mla qc";

/* Last words of organisations that the lexicon's suffixes miss. */
static const char ent_org_words[] =
	"institution institutions endowment reserve partners strategies resources "
	"energy mining enquirer consult republic media report";

static void ent_run(ent_builder *b, const np_tok *t, size_t n, size_t a, size_t z)
{
	const char *text = b->rec->text;
	if (z - a > ENT_MAX_RUN)
		return;
	/* drop stop words at the edges ("The", "On Friday") */
	while (a < z && (t[a].lex & LX_STOPCAP) && !(t[a].lex & LX_PLACE))
		a++;
	while (z > a && (t[z - 1].lex & LX_STOPCAP) && !(t[z - 1].lex & LX_PLACE) &&
	       !(t[z - 1].lex & LX_ORG_SUFFIX))
		z--;
	while (z > a && ent_tok_is_of(text, &t[z - 1]))
		z--;
	/* a clause's first word is capitalised anyway: "Did Trump", "Either
	 * Clinton", "Let Hillary" */
	while (a + 1 < z && (a == 0 || t[a - 1].kind != TK_WORD) &&
	       ((t[a].lex & (LX_AUX | LX_BOUNDARY | LX_CUE_ANY | LX_PREP)) ||
	        ent_tok_in(text, &t[a], "either neither let notice beyond follow")) &&
	       !ent_tok_in(text, &t[a], "will may") && /* Will Smith, May Lee */
	       !(t[a].lex & (LX_GIVEN_M | LX_GIVEN_F | LX_TITLE | LX_HONORIFIC | LX_PLACE |
	                     LX_ORG_WORD | LX_DEMONYM)))
		a++;
	if (a >= z)
		return;
	/* a post-nominal title after a name: "Andrew Tyrie MP" */
	size_t post = SIZE_MAX;
	if (z - a >= 3 && ent_tok_in(text, &t[z - 1], ent_postnominals)) {
		/* a person's name, not a seat ("the Ealing North MP") */
		int person = 0, place = a > 0 && (t[a - 1].lex & LX_DET);
		for (size_t i = a; i + 1 < z; i++) {
			person |= !!(t[i].lex & (LX_GIVEN_M | LX_GIVEN_F | LX_HONORIFIC | LX_TITLE));
			place |= !!(t[i].lex & (LX_PLACE | LX_STOPCAP | LX_DEMONYM));
		}
		person |= !place && z - a == 3;
		if (person) {
			post = z - 1;
			z--;
		}
	}
	ent_cand c;
	memset(&c, 0, sizeof c);
	c.place = -1;
	int has_title = 0;
	size_t n0 = ent_inside_title(text, t, a, z, &has_title);
	size_t ts = t[a].s, te = n0 > a ? t[n0 - 1].e : t[a].s;
	if (!has_title)
		n0 = a;
	/* a party or a nationality before a full name is its title: "Lib Dem
	 * Norman Baker", "Republican Mike Pence" */
	if (!has_title && b->lang == LX_LANG_EN) {
		size_t d = a;
		while (d + 2 < z && (t[d].lex & LX_DEMONYM) && !(t[d].lex & (LX_GIVEN_M | LX_GIVEN_F)))
			d++;
		if (d > a && !(t[d].lex & LX_DEMONYM) && !(t[z - 1].lex & LX_DEMONYM)) {
			has_title = 1;
			n0 = d;
			te = t[d - 1].e;
		}
	}
	/* title words before the run: "State Department spokesman John Kirby" */
	if (a > 0 && (has_title || (t[a - 1].lex & LX_TITLE))) {
		size_t k = a;
		int seen_title = has_title;
		while (k > 0 && a - k < 8) {
			const np_tok *p = &t[k - 1];
			if (p->kind != TK_WORD)
				break;
			if (p->lex & (LX_TITLE | LX_TITLE_MOD | LX_DEMONYM)) {
				seen_title |= !!(p->lex & LX_TITLE);
				k--;
				continue;
			}
			if ((p->flags & TF_CAP) && !(p->lex & LX_STOPCAP) && !(p->flags & TF_POSS)) {
				k--;
				continue;
			}
			if (ent_tok_is_of(text, p) && k - 1 > 0 && k < a) {
				k--;
				continue;
			}
			break;
		}
		while (k < a && ent_tok_is_of(text, &t[k]))
			k++;
		if (seen_title && k < a) {
			has_title = 1;
			ts = t[k].s;
			if (n0 == a)
				te = t[a - 1].e;
		}
	}
	if (!has_title)
		ts = te = 0;
	size_t name_a = has_title ? n0 : a;
	/* a run that is only a title ("the Secretary of State") names no one */
	if (name_a >= z)
		return;
	/* nor does a title of a place or an office: "the Archbishop of
	 * Canterbury", "the Mayor of New York" */
	if (has_title && name_a > a) {
		if (ent_tok_is_of(text, &t[name_a - 1]))
			return;
		for (size_t i = a; i < name_a; i++)
			if (ent_tok_is_of(text, &t[i]) && i + 1 < z &&
			    (np_lex__lookup(text + t[i + 1].s, t[z - 1].base_e - t[i + 1].s).flags &
			     LX_PLACE))
				return;
	}
	if (!has_title && post != SIZE_MAX) {
		ts = t[post].s;
		te = t[post].base_e;
	}
	const np_tok *first = &t[name_a], *last = &t[z - 1];
	c.s = first->s;
	c.e = last->base_e;
	c.first_s = first->s;
	c.first_e = first->base_e;
	c.last_s = last->s;
	c.last_e = last->base_e;
	c.ntok = (int)(z - name_a);
	c.ts = ts;
	c.te = te;
	c.titled = has_title || post != SIZE_MAX;

	/* places: the whole name, or the run as written ("New York") */
	np_lex_entry whole = np_lex__lookup(text + first->s, last->base_e - first->s);
	if ((whole.flags & LX_PLACE) && !has_title) {
		c.type = NP_ENT_PLACE;
		c.place = whole.place;
		ent_add_cand(b, c);
		return;
	}
	/* organisations: a suffix word, an acronym, a known name */
	int org = 0;
	if (z - a >= 2 && ((t[z - 1].lex & LX_ORG_SUFFIX) ||
	                   ((t[a].lex & LX_ORG_SUFFIX) && z - a >= 3 &&
	                    ent_tok_is_of(text, &t[a + 1]))))
		org = 1;
	if (z - a == 1 && ((t[a].lex & LX_ORG_WORD) ||
	                   ((t[a].flags & TF_ALLCAPS) && !(t[a].lex & LX_PLACE) &&
	                    t[a].base_e - t[a].s <= 6)))
		org = 1;
	if (z - a >= 2 && ent_tok_in(text, &t[z - 1], ent_org_words))
		org = 1;
	if (org && !(has_title && !(t[z - 1].lex & LX_ORG_SUFFIX))) {
		c.type = NP_ENT_ORG;
		c.s = t[a].s;
		c.first_s = t[a].s;
		c.ntok = (int)(z - a);
		c.ts = c.te = 0;
		ent_add_cand(b, c);
		return;
	}
	if (c.ntok == 1 && (first->lex & LX_PLACE) && !has_title) {
		c.type = NP_ENT_PLACE;
		c.place = first->place;
		ent_add_cand(b, c);
		return;
	}
	/* people; a run that ends in a title with no name in it is a title
	 * ("the Harbour Minister", "Finance Minister") */
	if ((t[z - 1].lex & LX_TITLE) &&
	    !ent_tok_in(text, &t[z - 1], "king queen prince princess judge justice bishop cardinal "
	                                 "pope chancellor general captain major marshal chief dean "
	                                 "speaker coach king's")) {
		/* (titles that are also surnames excepted: "Oona King") */
		int named = 0;
		for (size_t i = a; i < z; i++)
			named |= !!(t[i].lex & (LX_GIVEN_M | LX_GIVEN_F | LX_HONORIFIC));
		if (!named)
			return;
	}
	if (ent_tok_in(text, &t[z - 1], ent_thing_words) &&
	    !(t[name_a].lex & (LX_GIVEN_M | LX_GIVEN_F)))
		return;
	for (size_t i = name_a; i < z; i++) {
		/* "Florida-based", "U.S.-backed" are no name parts */
		const char *h = memchr(text + t[i].s, '-', t[i].base_e - t[i].s);
		if (h && h + 1 < text + t[i].base_e && h[1] >= 'a' && h[1] <= 'z')
			return;
		if (t[i].lex & (LX_DEMONYM | LX_ORG_SUFFIX | LX_ORG_WORD) &&
		    !(t[i].lex & (LX_GIVEN_M | LX_GIVEN_F)))
			return;
		if (t[i].flags & (TF_DIGIT | TF_ALLCAPS) && !(t[i].flags & TF_ABBR))
			return;
		if ((t[i].lex & LX_STOPCAP) && !(t[i].lex & (LX_GIVEN_M | LX_GIVEN_F)))
			return;
		if (i > name_a && (t[i].lex & LX_TITLE) && !(t[i].flags & TF_CAP))
			return;
	}
	if (c.ntok > 4)
		return;
	int given = !!(first->lex & (LX_GIVEN_M | LX_GIVEN_F));
	/* Outside English, capitalised nouns are everywhere: need a known first
	 * name or a title. */
	if (b->lang != LX_LANG_EN && !given && !has_title) {
		/* only good as a surname of someone already known */
		c.ntok = 1;
		c.s = c.first_s = last->s;
		c.first_e = last->base_e;
	}
	c.type = NP_ENT_PERSON;
	c.gender = ent_gender_of(text, t, a, z, ts, te);
	if (!c.gender && given && c.ntok >= 2)
		c.gender = (first->lex & LX_GIVEN_F) && !(first->lex & LX_GIVEN_M) ? 2 :
		           (first->lex & LX_GIVEN_M) && !(first->lex & LX_GIVEN_F) ? 1 : 0;
	if (!has_title && post == SIZE_MAX) {
		size_t ats, ate;
		if (ent_appositive_title(text, t, n, z, &ats, &ate)) {
			c.ts = ats;
			c.te = ate;
			c.titled = 1;
			if (!c.gender)
				c.gender = ent_gender_of(text, t, z, z, ats, ate);
		}
	}
	ent_add_cand(b, c);
}

/* Whether token k can continue a name run that started at `a`. */
static int ent_run_continues(const char *text, const np_tok *t, size_t n,
                             size_t a, size_t k)
{
	const np_tok *x = &t[k];
	if (x->kind != TK_WORD)
		return 0;
	if (x->flags & TF_CAP)
		return 1;
	if (k == a || k + 1 >= n || !(t[k + 1].flags & TF_CAP) || t[k + 1].kind != TK_WORD)
		return 0;
	if (x->lex & LX_PARTICLE)
		return 1;
	if (ent_tok_is_of(text, x) && (t[k - 1].lex & (LX_TITLE | LX_ORG_SUFFIX)) &&
	    (t[k - 1].flags & TF_CAP))
		return 1;
	return 0;
}

static int ent_scan_tokens(ent_builder *b, const np_tok *t, size_t n)
{
	size_t nc0 = b->nc;
	size_t k = 0;
	while (k < n) {
		if (t[k].kind != TK_WORD || !(t[k].flags & TF_CAP)) {
			k++;
			continue;
		}
		size_t a = k;
		k++;
		while (k < n && !(t[k - 1].flags & TF_POSS) &&
		       ent_run_continues(b->rec->text, t, n, a, k))
			k++;
		/* The sentence's first word is capitalised anyway: keep it only
		 * when it is a known name part. */
		if (a == 0 && k - a >= 2 && t[a].flags & TF_CAP &&
		    !(t[a].lex & (LX_GIVEN_M | LX_GIVEN_F | LX_TITLE | LX_HONORIFIC |
		                  LX_DEMONYM | LX_TITLE_MOD | LX_PLACE | LX_ORG_WORD)) &&
		    (t[a].e - t[a].s > 3 && (strncmp(b->rec->text + t[a].e - 3, "ing", 3) == 0 ||
		                              strncmp(b->rec->text + t[a].e - 2, "ly", 2) == 0 ||
		                              strncmp(b->rec->text + t[a].e - 2, "ed", 2) == 0)))
			a++;
		ent_run(b, t, n, a, k);
	}
	if (b->nc < nc0)
		return -1;
	return 0;
}

static int ent_scan(ent_builder *b)
{
	np_record *rec = b->rec;
	/* Sentences from the segmenter when present, else paragraphs. */
	size_t nspans = rec->n_sents ? rec->n_sents : rec->n_paras;
	for (size_t i = 0; i < nspans; i++) {
		np_span sp = rec->n_sents ? rec->sents[i].span : rec->paras[i].span;
		size_t at = sp.start;
		while (at < sp.end) {
			size_t next = sp.end;
			size_t n = np_nlp__tokens(rec, at, sp.end, &b->toks,
			                            &b->captoks, ENT_CHUNK_TOKENS, &next);
			if (n == (size_t)-1)
				return -1;
			if (ent_scan_tokens(b, b->toks, n) < 0)
				return -1;
			if (next <= at)
				break;
			at = next;
		}
	}
	return 0;
}

/* ---- entities from candidates ---- */

static long ent_new(ent_builder *b, np_entity_type type, const char *name)
{
	np_record *rec = b->rec;
	np_entity e;
	memset(&e, 0, sizeof e);
	e.type = type;
	e.name = name;
	size_t oldcap = rec->cap_ents;
	if (NP_ARENA_PUSH(rec->arena, rec->ents, rec->n_ents, rec->cap_ents, e) < 0)
		return -1;
	if (rec->cap_ents != oldcap || !b->mcap) {
		size_t *m = np_arena_grow(rec->arena, b->mcap, b->capents * sizeof *m,
		                          rec->cap_ents * sizeof *m);
		size_t *al = np_arena_grow(rec->arena, b->acap, b->capents * sizeof *al,
		                           rec->cap_ents * sizeof *al);
		if (!m || !al)
			return -1;
		b->mcap = m;
		b->acap = al;
		b->capents = rec->cap_ents;
	}
	b->mcap[rec->n_ents - 1] = 0;
	b->acap[rec->n_ents - 1] = 0;
	return (long)rec->n_ents - 1;
}

static int ent_add_mention(ent_builder *b, long id, size_t s, size_t e)
{
	np_entity *en = &b->rec->ents[id];
	np_span sp = { s, e };
	return NP_ARENA_PUSH(b->rec->arena, en->mentions, en->n_mentions, b->mcap[id], sp);
}

static int ent_add_alias(ent_builder *b, long id, size_t s, size_t e)
{
	np_entity *en = &b->rec->ents[id];
	size_t n = e - s;
	if (strlen(en->name) == n && memcmp(en->name, b->rec->text + s, n) == 0)
		return 0;
	for (size_t i = 0; i < en->n_aliases && i < 16; i++)
		if (strlen(en->aliases[i]) == n && memcmp(en->aliases[i], b->rec->text + s, n) == 0)
			return 0;
	if (en->n_aliases >= 16)
		return 0;
	const char *al = np_record__span_dup(b->rec, (np_span){ s, e });
	if (!al)
		return -1;
	return NP_ARENA_PUSH(b->rec->arena, en->aliases, en->n_aliases, b->acap[id], al);
}

static void ent_set_title(ent_builder *b, long id, const ent_cand *c)
{
	np_entity *en = &b->rec->ents[id];
	if (c->te > c->ts && !en->title)
		en->title = np_record__span_dup(b->rec, (np_span){ c->ts, c->te });
	if (c->gender && !en->gender)
		en->gender = c->gender;
}

/* How a bearer of a surname stands before byte pos: the start of its
 * latest mention before pos (0 if none) and how many mentions it has
 * there (bounded; only its first nfull mentions, the full names,
 * count). */
static void ent_seen_before(const np_entity *en, size_t pos, size_t nfull, size_t *latest,
                            size_t *count)
{
	*latest = 0;
	*count = 0;
	for (size_t k = 0; k < en->n_mentions && k < 512; k++)
		if (en->mentions[k].start < pos) {
			/* salience counts full names: a surname given to one bearer
			 * must not snowball */
			*count += k < nfull;
			if (en->mentions[k].start + 1 > *latest)
				*latest = en->mentions[k].start + 1;
		}
}

/* Which person a lone surname ("Scott", "Mrs. Clinton") names when several
 * share it: one named in the last few sentences, else the one the article
 * has mentioned most so far (a relative named once in passing does not
 * take over the principal's surname), else the first introduced. */
static long ent_surname_bearer(ent_builder *b, const char *sur, const ent_cand *c)
{
	np_record *rec = b->rec;
	long best = -1, near = -1;
	size_t best_n = 0, near_at = 0;
	size_t h = ent_hash(sur) % b->bysurname.nheads;
	for (long k = b->bysurname.heads[h]; k >= 0; k = b->bysurname.next[k]) {
		if (strcmp(b->bysurname.keys[k], sur) != 0)
			continue;
		long cand = b->bysurname.val[k];
		int g = rec->ents[cand].gender;
		if (c->gender && g && g != c->gender)
			continue;
		size_t latest, count;
		ent_seen_before(&rec->ents[cand], c->s,
		                (size_t)cand < b->n_nfull ? b->nfull[cand] : SIZE_MAX, &latest, &count);
		if (latest && c->s - (latest - 1) < 400 && latest > near_at) {
			near = cand;
			near_at = latest;
		}
		if (best < 0 || count > best_n || (count == best_n && cand < best)) {
			best = cand;
			best_n = count;
		}
	}
	return near >= 0 ? near : best;
}

static int ent_people(ent_builder *b)
{
	np_record *rec = b->rec;
	np_arena *a = rec->arena;
	/* pass 1: full names */
	for (size_t i = 0; i < b->nc; i++) {
		ent_cand *c = &b->c[i];
		if (c->type != NP_ENT_PERSON || c->ntok < 2)
			continue;
		char *key = ent_lower(a, rec->text, c->s, c->e);
		/* "Hillary Rodham Clinton" and "Hillary Clinton": first + last */
		char *fl = np_arena_printf(a, "%s|%s", ent_lower(a, rec->text, c->first_s, c->first_e),
		                           ent_lower(a, rec->text, c->last_s, c->last_e));
		if (!key || !fl)
			return -1;
		long id = ent_map_get(&b->byname, key);
		if (id < 0)
			id = ent_map_get(&b->byname, fl);
		if (id < 0) {
			id = ent_new(b, NP_ENT_PERSON, np_record__span_dup(rec, (np_span){ c->s, c->e }));
			if (id < 0 || ent_map_put(a, &b->byname, key, id) < 0 ||
			    ent_map_put(a, &b->byname, fl, id) < 0)
				return -1;
			char *sur = ent_lower(a, rec->text, c->last_s, c->last_e);
			if (!sur || ent_map_put(a, &b->bysurname, sur, id) < 0)
				return -1;
		} else if (ent_add_alias(b, id, c->s, c->e) < 0)
			return -1;
		ent_set_title(b, id, c);
		if (ent_add_mention(b, id, c->s, c->e) < 0)
			return -1;
	}
	b->nfull = np_arena_alloc(a, (rec->n_ents ? rec->n_ents : 1) * sizeof *b->nfull);
	if (!b->nfull)
		return -1;
	for (size_t i = 0; i < rec->n_ents; i++)
		b->nfull[i] = rec->ents[i].n_mentions;
	b->n_nfull = rec->n_ents;
	/* pass 2: surnames alone, with or without a title */
	for (size_t i = 0; i < b->nc; i++) {
		ent_cand *c = &b->c[i];
		if (c->type != NP_ENT_PERSON || c->ntok >= 2)
			continue;
		char *sur = ent_lower(a, rec->text, c->s, c->e);
		if (!sur)
			return -1;
		long id = ent_surname_bearer(b, sur, c);
		if (id < 0) {
			/* a first name alone ("Hillary") for a known person */
			id = -1;
		}
		if (id < 0 && c->titled) {
			id = ent_new(b, NP_ENT_PERSON, np_record__span_dup(rec, (np_span){ c->s, c->e }));
			if (id < 0 || ent_map_put(a, &b->bysurname, sur, id) < 0)
				return -1;
		}
		if (id < 0)
			continue;
		ent_set_title(b, id, c);
		if (ent_add_alias(b, id, c->s, c->e) < 0 || ent_add_mention(b, id, c->s, c->e) < 0)
			return -1;
	}
	return 0;
}

static int ent_others(ent_builder *b)
{
	np_record *rec = b->rec;
	np_arena *a = rec->arena;
	for (size_t i = 0; i < b->nc; i++) {
		ent_cand *c = &b->c[i];
		if (c->type == NP_ENT_PERSON)
			continue;
		const char *name;
		char *key;
		if (c->type == NP_ENT_PLACE) {
			name = np_lex__place_name(c->place);
			key = np_arena_printf(a, "place|%d", c->place);
		} else {
			name = np_record__span_dup(rec, (np_span){ c->s, c->e });
			char *low = ent_lower(a, rec->text, c->s, c->e);
			key = low ? np_arena_printf(a, "org|%s", low) : NULL;
		}
		if (!name || !key)
			return -1;
		long id = ent_map_get(&b->byname, key);
		if (id < 0) {
			id = ent_new(b, c->type, name);
			if (id < 0 || ent_map_put(a, &b->byname, key, id) < 0)
				return -1;
		}
		if (ent_add_alias(b, id, c->s, c->e) < 0 || ent_add_mention(b, id, c->s, c->e) < 0)
			return -1;
	}
	return 0;
}

/* The dateline place ("WASHINGTON (AP)") is a place even when it is not in
 * the gazetteer. */
static int ent_dateline(ent_builder *b)
{
	np_record *rec = b->rec;
	const char *dp = rec->meta.dateline_place;
	if (!dp || !*dp)
		return 0;
	np_lex_entry le = np_lex__lookup(dp, strlen(dp));
	char *key = le.flags & LX_PLACE ? np_arena_printf(rec->arena, "place|%d", le.place)
	                                : np_arena_printf(rec->arena, "dateline|%s", dp);
	if (!key)
		return -1;
	long id = ent_map_get(&b->byname, key);
	if (id >= 0)
		return 0;
	const char *name = le.flags & LX_PLACE ? np_lex__place_name(le.place) : dp;
	id = ent_new(b, NP_ENT_PLACE, np_arena_strdup(rec->arena, name));
	if (id < 0 || ent_map_put(rec->arena, &b->byname, key, id) < 0)
		return -1;
	/* its mention: the first occurrence in the text, when there is one */
	size_t n = strlen(dp);
	const char *hit = n ? strstr(rec->text, dp) : NULL;
	if (hit && ent_add_mention(b, id, (size_t)(hit - rec->text),
	                           (size_t)(hit - rec->text) + n) < 0)
		return -1;
	return 0;
}

/* The gender of a pronoun word at text[i, e) (English): 1 he/his/him,
 * 2 she/her/hers, 0 none. */
static int ent_pronoun_at(const char *text, size_t i, size_t e)
{
	static const struct { const char *w; int g; } pr[] = {
		{ "he", 1 }, { "his", 1 }, { "him", 1 }, { "himself", 1 },
		{ "she", 2 }, { "her", 2 }, { "hers", 2 }, { "herself", 2 }, { NULL, 0 } };
	for (int k = 0; pr[k].w; k++) {
		size_t n = strlen(pr[k].w);
		if (e - i == n && strncasecmp(text + i, pr[k].w, n) == 0)
			return pr[k].g;
	}
	return 0;
}

/* People with no gender from a title, honorific or first name take the
 * gender of the pronouns that follow them in sentences naming nobody else
 * ("Obama said his plan …"), when those pronouns agree. */
static void ent_gender_from_pronouns(ent_builder *b)
{
	np_record *rec = b->rec;
	if (b->lang != LX_LANG_EN || !rec->n_sents || !rec->n_ents)
		return;
	np_ent_index ix;
	if (np_ent__index(rec, &ix) < 0)
		return;
	int *votes = np_arena_alloc(rec->arena, rec->n_ents * 2 * sizeof *votes);
	if (!votes)
		return;
	memset(votes, 0, rec->n_ents * 2 * sizeof *votes);
	const char *t = rec->text;
	size_t k = 0;
	for (size_t si = 0; si < rec->n_sents; si++) {
		np_span sp = rec->sents[si].span;
		while (k < ix.n && ix.m[k].s < sp.start)
			k++;
		long who = -1;
		size_t after = 0;
		int others = 0;
		for (size_t j = k; j < ix.n && ix.m[j].s < sp.end; j++) {
			if (rec->ents[ix.m[j].ent].type != NP_ENT_PERSON)
				continue;
			if (who < 0) {
				who = ix.m[j].ent;
				after = ix.m[j].e;
			} else if (ix.m[j].ent != who)
				others = 1;
		}
		if (who < 0 || others || rec->ents[who].gender)
			continue;
		/* pronouns after the name, up to the first quotation mark */
		size_t i = after;
		while (i < sp.end) {
			unsigned char c = (unsigned char)t[i];
			if (c == '"' || (c == 0xE2 && i + 2 < sp.end && (unsigned char)t[i + 1] == 0x80 &&
			                 ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x9D)))
				break;
			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' &&
			    (i == 0 || !(((unsigned char)t[i - 1] | 0x20) >= 'a' &&
			                 ((unsigned char)t[i - 1] | 0x20) <= 'z'))) {
				size_t e = i;
				while (e < sp.end && (((unsigned char)t[e] | 0x20) >= 'a' &&
				                      ((unsigned char)t[e] | 0x20) <= 'z'))
					e++;
				int g = ent_pronoun_at(t, i, e);
				if (g)
					votes[who * 2 + g - 1]++;
				i = e;
				continue;
			}
			i++;
		}
	}
	for (size_t e = 0; e < rec->n_ents; e++) {
		int m = votes[e * 2], f = votes[e * 2 + 1];
		if (rec->ents[e].gender || rec->ents[e].type != NP_ENT_PERSON)
			continue;
		if (m >= 1 && m >= 3 * f)
			rec->ents[e].gender = 1;
		else if (f >= 1 && f >= 3 * m)
			rec->ents[e].gender = 2;
	}
}

static int ent_span_cmp(const void *x, const void *y)
{
	const np_span *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

int np_stage_entities(np_record *rec, np_ctx *ctx)
{
	ent_builder b;
	memset(&b, 0, sizeof b);
	b.rec = rec;
	b.lang = np_nlp__language(rec);
	/* (lookups filter each chain by key, so the head count changes no
	 * result: start small, a 2 KB article has a few dozen names) */
	size_t heads = 64;
	while (heads < rec->text_len / 64 && heads < (1u << 22))
		heads *= 2;
	if (ent_map_init(rec->arena, &b.byname, heads) < 0 ||
	    ent_map_init(rec->arena, &b.bysurname, heads) < 0 || ent_scan(&b) < 0 ||
	    ent_people(&b) < 0 || ent_others(&b) < 0 || ent_dateline(&b) < 0)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory finding names",
		                        rec->meta.source);
	for (size_t i = 0; i < rec->n_ents; i++)
		if (rec->ents[i].n_mentions > 1)
			qsort(rec->ents[i].mentions, rec->ents[i].n_mentions, sizeof(np_span),
			      ent_span_cmp);
	ent_gender_from_pronouns(&b);
	return NP_OK;
}

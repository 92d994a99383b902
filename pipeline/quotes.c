/* quotes.c - direct, mixed and indirect quotes, and who said them.
 *
 * 1. Quotation-mark regions, per paragraph, in one left-to-right pass with a
 *    small state machine (curly, German, French, straight; nested marks are
 *    content; a region left open at a paragraph's end continues when the
 *    next paragraph reopens it).
 * 2. Sentences that never end inside a region, as token streams in which
 *    each region is one QUOTE token.
 * 3. Per sentence: cue words (lexicon.c) and the speaker next to them,
 *    before (subject) or after (inverted), and the content on the other
 *    side; a content that is exactly one QUOTE is a direct quote, one that
 *    holds QUOTEs and words is mixed, words only are indirect.
 * 4. Quotes nobody was given to (quote-only sentences and paragraphs)
 *    inherit the latest speaker of this or the previous paragraph.
 * Everything is linear: regions are found in one pass, tokens are built in
 * bounded windows, and every look-around is bounded. */
#include "nlp.h"
#include "stages.h"

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#define Q_DEFAULT_MAX 10000
#define Q_WINDOW_TOKENS 8192
#define Q_NP_MAX 10
#define Q_HIST 4

/* ---- quotation marks ---------------------------------------------------- */
enum {
	QM_NONE = 0,
	QM_LDQ,      /* “ U+201C */
	QM_RDQ,      /* ” U+201D */
	QM_LOW9,     /* „ U+201E */
	QM_STRAIGHT, /* " */
	QM_LGUIL,    /* « */
	QM_RGUIL,    /* » */
	QM_LSQ,      /* ‘ U+2018 */
	QM_RSQ,      /* ’ U+2019 */
	QM_LOW9S,    /* ‚ U+201A */
	QM_STRAIGHT1 /* ' */
};

/* Families of an open region: which marks close it. */
enum { QF_EN = 1, QF_DE, QF_STRAIGHT, QF_FR, QF_DE_GUIL, QF_SINGLE, QF_DE_SINGLE,
       QF_STRAIGHT1 };

static int q_mark(const char *t, size_t i, size_t end, size_t *len)
{
	unsigned char c = (unsigned char)t[i];
	*len = 1;
	if (c == '"')
		return QM_STRAIGHT;
	if (c == '\'' && i + 1 < end && t[i + 1] == '\'') {
		*len = 2; /* '' : a double mark typed as two singles */
		return QM_STRAIGHT;
	}
	if (c == '\'')
		return QM_STRAIGHT1;
	if (c == 0xC2 && i + 1 < end) {
		*len = 2;
		if ((unsigned char)t[i + 1] == 0xAB)
			return QM_LGUIL;
		if ((unsigned char)t[i + 1] == 0xBB)
			return QM_RGUIL;
		return QM_NONE;
	}
	if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80) {
		*len = 3;
		switch ((unsigned char)t[i + 2]) {
		case 0x9C: return QM_LDQ;
		case 0x9D: return QM_RDQ;
		case 0x9E: return QM_LOW9;
		case 0x98: return QM_LSQ;
		case 0x99: return QM_RSQ;
		case 0x9A: return QM_LOW9S;
		case 0xB9: return QM_LSQ;  /* ‹ */
		case 0xBA: return QM_RSQ;  /* › */
		default: return QM_NONE;
		}
	}
	return QM_NONE;
}

static int q_is_alnum_at(const char *t, size_t i, size_t end)
{
	if (i >= end)
		return 0;
	unsigned char c = (unsigned char)t[i];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0xC3;
}

/* The byte before i is whitespace, an opening bracket or dash, or i is the
 * start. */
static int q_open_context(const char *t, size_t i, size_t start)
{
	if (i == start)
		return 1;
	unsigned char p = (unsigned char)t[i - 1];
	if (p == ' ' || p == '\t' || p == '\n' || p == '(' || p == '[' || p == '/' ||
	    p == ':' || p == '-' || p == '{')
		return 1;
	if (p == 0xA0 || p == 0x94 || p == 0x93 || p == 0xAF) /* nbsp, dashes */
		return 1;
	return 0;
}

static int q_space_at(const char *t, size_t i, size_t end)
{
	return i >= end || np_nlp__space_len(t, i, end) > 0;
}

/* ---- regions ------------------------------------------------------------ */
typedef struct q_spk {
	long ent;
	np_span span;
	const char *name, *title;
	int set;
	np_span cue;          /* the cue of the attribution that named it */
} q_spk;

typedef struct q_region {
	size_t cs, ce;        /* content of the whole region */
	size_t para;          /* paragraph of the opening mark */
	size_t frag0, nfrag;  /* fragments (one per paragraph) */
	int family, closed;
	int used;             /* 1 direct attributed, 2 inside a mixed/indirect,
	                       * 3 standalone (inherits) */
	q_spk spk;            /* given by an attribution */
	q_spk inh;            /* inherited */
	np_span cue;
} q_region;

/* One region's piece inside one paragraph, marks included. */
typedef struct q_part {
	size_t s, e;
	size_t region;
	size_t para;
} q_part;

typedef struct q_state {
	np_record *rec;
	np_ctx *ctx;
	int lang;
	np_ent_index ix;
	q_region *r;
	size_t nr, capr;
	np_span *frags;
	size_t nfrags, capfrags;
	q_part *parts;
	size_t nparts, capparts;
	np_tok *toks;
	size_t captoks;
	np_tok *gap;           /* tokens of one stretch between quote marks */
	size_t capgap;
	size_t *sent;          /* sentence starts (token indices) in the window */
	size_t capsent;
	q_spk last;            /* latest attributed speaker */
	size_t last_para;
	q_spk hist[Q_HIST];    /* the latest speakers, newest at hist[0] */
	size_t hist_para[Q_HIST];
	np_tok *stoks;         /* scratch tokens for a sentence's subject */
	size_t capstoks;
	size_t cur_para;
	size_t max_quotes;
	int headline;          /* reading the headline: title case, cues capitalised */
	q_spk intro;           /* "The governor added:" ending a paragraph */
	size_t intro_end;      /* the colon's end offset (0: none) */
} q_state;

static int q_new_region(q_state *q, size_t cs, size_t para, int family)
{
	q_region r;
	memset(&r, 0, sizeof r);
	r.cs = r.ce = cs;
	r.para = para;
	r.family = family;
	r.frag0 = q->nfrags;
	r.spk.ent = r.inh.ent = -1;
	return NP_ARENA_PUSH(q->rec->arena, q->r, q->nr, q->capr, r);
}

static int q_family_closes(int family, int m)
{
	switch (family) {
	case QF_EN: return m == QM_RDQ;
	case QF_DE: return m == QM_LDQ || m == QM_RDQ;
	case QF_STRAIGHT: return m == QM_STRAIGHT;
	case QF_FR: return m == QM_RGUIL;
	case QF_DE_GUIL: return m == QM_LGUIL;
	case QF_SINGLE: return m == QM_RSQ;
	case QF_DE_SINGLE: return m == QM_LSQ;
	case QF_STRAIGHT1: return m == QM_STRAIGHT1;
	}
	return 0;
}

/* Which family an opening mark at i starts, or 0 when it is no opener. */
static int q_opener(const q_state *q, const char *t, size_t i, size_t len,
                    size_t ps, size_t pe, int m)
{
	size_t n = i + len;
	switch (m) {
	case QM_RDQ:
		/* ”Quote… typed with the closing mark: only at a paragraph's start */
		return (i == ps && q_is_alnum_at(t, n, pe)) ? QF_EN : 0;
	case QM_LDQ:
		return q->lang == LX_LANG_DE ? QF_DE : QF_EN;
	case QM_LOW9:
		return QF_DE;
	case QM_LGUIL:
		return QF_FR;
	case QM_RGUIL:
		/* German »…«: no space after the opener */
		return (!q_space_at(t, n, pe) && q_open_context(t, i, ps)) ? QF_DE_GUIL : 0;
	case QM_STRAIGHT:
		if (i > ps && t[i - 1] >= '0' && t[i - 1] <= '9')
			return 0; /* 12" : an inch mark */
		return (q_open_context(t, i, ps) && !q_space_at(t, n, pe)) ? QF_STRAIGHT : 0;
	case QM_LSQ:
		return (q_open_context(t, i, ps) && q_is_alnum_at(t, n, pe)) ? QF_SINGLE : 0;
	case QM_LOW9S:
		return (q_open_context(t, i, ps) && q_is_alnum_at(t, n, pe)) ? QF_DE_SINGLE : 0;
	case QM_STRAIGHT1:
		/* 'Tis and '90s are apostrophes; a quote opens before a capital */
		return (q_open_context(t, i, ps) && n < pe && t[n] >= 'A' && t[n] <= 'Z')
		       ? QF_STRAIGHT1 : 0;
	}
	return 0;
}

/* A closing single mark is an apostrophe when a letter follows. */
static int q_single_closer_ok(const char *t, size_t i, size_t len, size_t pe)
{
	if (q_is_alnum_at(t, i + len, pe))
		return 0;
	return i > 0 && t[i - 1] != ' ';
}

static void q_trim(const char *t, size_t *s, size_t *e)
{
	size_t l;
	while (*s < *e && (l = np_nlp__space_len(t, *s, *e)) > 0)
		*s += l;
	while (*e > *s) {
		size_t k = *e - 1;
		if (t[k] == ' ' || t[k] == '\t' || t[k] == '\n') {
			(*e)--;
			continue;
		}
		if (k >= *s + 1 && (unsigned char)t[k] == 0xA0 && (unsigned char)t[k - 1] == 0xC2) {
			*e -= 2;
			continue;
		}
		if (k >= *s + 2 && (unsigned char)t[k] == 0xAF && (unsigned char)t[k - 1] == 0x80 &&
		    (unsigned char)t[k - 2] == 0xE2) {
			*e -= 3;
			continue;
		}
		break;
	}
}

static int q_add_part(q_state *q, size_t s, size_t e, size_t region, size_t para)
{
	q_part p = { s, e, region, para };
	return NP_ARENA_PUSH(q->rec->arena, q->parts, q->nparts, q->capparts, p);
}

static int q_add_frag(q_state *q, size_t s, size_t e)
{
	q_trim(q->rec->text, &s, &e);
	np_span sp = { s, e };
	return NP_ARENA_PUSH(q->rec->arena, q->frags, q->nfrags, q->capfrags, sp);
}

/* Length of a transcript label at i ("WALLACE: ", "MR. PENCE: "): up
 * to three words in capitals, a colon and a space; 0 when there is none. */
static size_t q_label_len(const char *t, size_t i, size_t pe)
{
	size_t k = i, words = 1, caps = 0;
	while (k < pe && k - i < 40 && t[k] != ':') {
		char c = t[k];
		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 'A' && c <= 'Z')
			caps++;
		else if (c == ' ')
			words++;
		else if (c != '.' && c != '-' && c != '\'')
			return 0;
		k++;
	}
	if (k >= pe || t[k] != ':' || caps < 2 || words > 3 || k + 1 >= pe || t[k + 1] != ' ')
		return 0;
	return k + 2 - i;
}

/* The first byte at or after i (before pe) that can start a quotation
 * mark: " ' 0xC2 0xE2 (see q_mark); pe if none.  Eight bytes at a time
 * (exact zero-byte masks) on little-endian machines. */
static size_t q_next_mark_lead(const char *t, size_t i, size_t pe)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
	for (; i + 8 <= pe; i += 8) {
		uint64_t x, hit = 0;
		memcpy(&x, t + i, 8);
		static const unsigned char lead[4] = { '"', '\'', 0xC2, 0xE2 };
		for (int k = 0; k < 4; k++) {
			uint64_t y = x ^ (ones * lead[k]);
			hit |= ~(((y & low7) + low7) | y | low7);
		}
		if (hit) {
			i += (size_t)__builtin_ctzll(hit) / 8;
			return i;
		}
	}
#endif
	while (i < pe && t[i] != '"' && t[i] != '\'' && (unsigned char)t[i] != 0xC2 &&
	       (unsigned char)t[i] != 0xE2)
		i++;
	return i;
}

/* Find the regions of every paragraph. */
static int q_find_regions(q_state *q)
{
	np_record *rec = q->rec;
	const char *t = rec->text;
	long open = -1;          /* region continuing into this paragraph */
	for (size_t p = 0; p < rec->n_paras; p++) {
		size_t ps = rec->paras[p].span.start, pe = rec->paras[p].span.end;
		size_t i = ps, part_s = ps;
		long cur = -1;
		int family = 0;
		size_t depth = 0;
		if (open >= 0) {
			/* the newspaper convention: the next paragraph reopens (but a
			 * transcript's next speaker, "WALLACE: …, starts anew) */
			size_t len;
			int m = q_mark(t, ps, pe, &len);
			int f = m ? q_opener(q, t, ps, len, ps, pe, m) : 0;
			if (f && q_label_len(t, ps + len, pe))
				f = 0;
			if (f && f != QF_SINGLE && f != QF_STRAIGHT1 && f != QF_DE_SINGLE) {
				cur = open;
				family = f;
				part_s = ps;
				i = ps + len;
				q->r[cur].closed = 0;
				if (q_add_frag(q, i, i) < 0)
					return -1;
				q->r[cur].nfrag++;
			}
			open = -1;
		}
		while (i < pe) {
			/* only these bytes can start a mark (q_mark): skip the rest */
			i = q_next_mark_lead(t, i, pe);
			if (i >= pe)
				break;
			size_t len;
			int m = q_mark(t, i, pe, &len);
			if (!m) {
				i++;
				continue;
			}
			if (cur < 0) {
				int f = q_opener(q, t, i, len, ps, pe, m);
				if (f) {
					/* "WALLACE: …": the label is not quoted words */
					size_t lab = i == ps ? q_label_len(t, i + len, pe) : 0;
					if (q_new_region(q, i + len + lab, p, f) < 0 ||
					    q_add_frag(q, i + len + lab, i + len + lab) < 0)
						return -1;
					cur = (long)q->nr - 1;
					q->r[cur].nfrag = 1;
					family = f;
					depth = 0;
					part_s = i;
				}
				i += len;
				continue;
			}
			int closes = q_family_closes(family, m);
			if (closes && (family == QF_SINGLE || family == QF_STRAIGHT1 ||
			               family == QF_DE_SINGLE) &&
			    !q_single_closer_ok(t, i, len, pe))
				closes = 0;
			if (closes && family == QF_STRAIGHT && i > part_s + 1 && t[i - 1] == ' ' &&
			    !q_space_at(t, i + len, pe) && q_is_alnum_at(t, i + len, pe)) {
				/* `" word` looks like an opener: the last one was never
				 * closed; close it before this mark and reopen */
				closes = 1;
			}
			if (!closes && ((family == QF_EN && m == QM_STRAIGHT) ||
			                (family == QF_STRAIGHT && m == QM_RDQ)) &&
			    i > part_s + 1 && t[i - 1] != ' ' && !(t[i - 1] >= '0' && t[i - 1] <= '9') &&
			    !q_is_alnum_at(t, i + len, pe)) {
				/* a pair typed with two kinds of mark, “…" or "…”: closing
				 * position (after a word, before a space) closes */
				closes = 1;
			}
			if (!closes) {
				/* the same opener again: nesting of one family */
				if ((family == QF_EN && m == QM_LDQ) || (family == QF_FR && m == QM_LGUIL) ||
				    (family == QF_STRAIGHT && m == QM_LDQ))
					depth++;
				i += len;
				continue;
			}
			if (depth > 0) {
				depth--;
				i += len;
				continue;
			}
			np_span *fr = &q->frags[q->nfrags - 1];
			fr->end = i;
			q_trim(t, &fr->start, &fr->end);
			q->r[cur].ce = fr->end;
			q->r[cur].closed = 1;
			if (q_add_part(q, part_s, i + len, (size_t)cur, p) < 0)
				return -1;
			cur = -1;
			i += len;
		}
		if (cur >= 0) {
			q_region *r = &q->r[cur];
			if (family == QF_SINGLE || family == QF_STRAIGHT1 || family == QF_DE_SINGLE) {
				/* an unclosed single mark was an apostrophe */
				if (r->nfrag == 1 && r->para == p) {
					q->nr--;
					q->nfrags--;
				}
				continue;
			}
			np_span *fr = &q->frags[q->nfrags - 1];
			fr->end = pe;
			q_trim(t, &fr->start, &fr->end);
			r->ce = fr->end;
			if (q_add_part(q, part_s, pe, (size_t)cur, p) < 0)
				return -1;
			open = cur;
		}
	}
	/* a region's span runs from its first to its last fragment */
	for (size_t k = 0; k < q->nr; k++) {
		q_region *r = &q->r[k];
		r->cs = q->frags[r->frag0].start;
		r->ce = q->frags[r->frag0 + r->nfrag - 1].end;
	}
	return 0;
}

/* ---- tokens of a window with regions as QUOTE tokens -------------------- */

static size_t q_tokens(q_state *q, size_t at, size_t pe, size_t *part_i, size_t *stop)
{
	np_record *rec = q->rec;
	size_t n = 0;
	size_t pi = *part_i;
	while (at < pe && n < Q_WINDOW_TOKENS) {
		while (pi < q->nparts && q->parts[pi].e <= at)
			pi++;
		size_t gap_end = pe;
		if (pi < q->nparts && q->parts[pi].s < pe)
			gap_end = q->parts[pi].s > at ? q->parts[pi].s : at;
		if (gap_end > at) {
			/* one scratch array for every gap: the arena never frees */
			size_t next = gap_end;
			size_t k = np_nlp__tokens(rec, at, gap_end, &q->gap,
			                            &q->capgap, Q_WINDOW_TOKENS - n, &next);
			np_tok *more = q->gap;
			if (k == (size_t)-1)
				return (size_t)-1;
			for (size_t j = 0; j < k; j++)
				if (NP_ARENA_PUSH(rec->arena, q->toks, n, q->captoks, more[j]) < 0)
					return (size_t)-1;
			at = next;
			if (at < gap_end)
				break;
			continue;
		}
		if (pi < q->nparts && q->parts[pi].s <= at && q->parts[pi].s < pe) {
			np_tok qt;
			memset(&qt, 0, sizeof qt);
			qt.s = q->parts[pi].s;
			qt.e = qt.base_e = q->parts[pi].e;
			qt.kind = TK_QUOTE;
			qt.place = -1;
			qt.quote = (long)q->parts[pi].region;
			if (NP_ARENA_PUSH(rec->arena, q->toks, n, q->captoks, qt) < 0)
				return (size_t)-1;
			at = q->parts[pi].e;
			pi++;
		}
	}
	*part_i = pi;
	*stop = at;
	return n;
}

/* ---- small token predicates ---- */

static int q_punct(const q_state *q, const np_tok *t, const char *chars)
{
	return t->kind == TK_PUNCT && strchr(chars, q->rec->text[t->s]) && t->e - t->s == 1;
}

static int q_dash(const q_state *q, const np_tok *t)
{
	const unsigned char *s = (const unsigned char *)q->rec->text + t->s;
	if (t->kind != TK_PUNCT)
		return 0;
	if (t->e - t->s == 1)
		return s[0] == '-';
	return t->e - t->s == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	       (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x95);
}

static int q_word(const np_tok *t) { return t->kind == TK_WORD; }

static int q_sentence_end_punct(const q_state *q, const np_tok *t)
{
	return q_punct(q, t, ".!?");
}

/* Does the region's content end like a sentence (". ! ?")? */
static int q_region_ends_sentence(const q_state *q, size_t region)
{
	const q_region *r = &q->r[region];
	if (r->ce == 0)
		return 0;
	char c = q->rec->text[r->ce - 1];
	return c == '.' || c == '!' || c == '?';
}

static int q_is_pronoun(const q_state *q, const np_tok *t);
static int q_weak_cue(const q_state *q, const np_tok *t);

/* A quote ending in "?" or "!" followed by a name and a speech verb
 * ("…?" Jones said, "…!" Mary Fox shouted) goes on as one sentence. */
static int q_question_then_speaker(const q_state *q, const np_tok *t, size_t k, size_t j,
                                   size_t n)
{
	const q_region *r = &q->r[t[k].quote];
	if (r->ce == 0 || (q->rec->text[r->ce - 1] != '?' && q->rec->text[r->ce - 1] != '!'))
		return 0;
	if (t[j].kind != TK_WORD || !(t[j].flags & TF_CAP) || q_is_pronoun(q, &t[j]))
		return 0;
	for (size_t i = j + 1; i < n && i < j + 6; i++) {
		if (t[i].kind != TK_WORD)
			return 0;
		if ((t[i].lex & (LX_CUE_SAY | LX_CUE_TELL)) && (t[i].langs & q->lang) &&
		    (t[i].flags & TF_LOWER))
			return 1;
		/* "…?" Vitter demanded, "…!" Fox shouted */
		if (q_weak_cue(q, &t[i]) == 2)
			return 1;
		if (!(t[i].flags & TF_CAP) && !(t[i].lex & (LX_TITLE | LX_TITLE_MOD)))
			return 0;
	}
	return 0;
}

/* Sentence starts within tokens [0, n). */
static size_t q_split(q_state *q, const np_tok *t, size_t n)
{
	size_t ns = 0;
	if (NP_ARENA_PUSH(q->rec->arena, q->sent, ns, q->capsent, (size_t)0) < 0)
		return (size_t)-1;
	size_t open_paren = SIZE_MAX; /* an unclosed "(" in this sentence */
	for (size_t k = 0; k + 1 < n; k++) {
		int end = 0;
		if (q_punct(q, &t[k], "("))
			open_paren = k;
		else if (q_punct(q, &t[k], ")"))
			open_paren = SIZE_MAX;
		/* "(D-N.Y.)": a dot inside short parentheses ends no sentence */
		if (open_paren != SIZE_MAX && k - open_paren < 6 && k + 3 < n &&
		    (q_punct(q, &t[k + 1], ")") || q_punct(q, &t[k + 2], ")")))
			continue;
		if (q_sentence_end_punct(q, &t[k]))
			end = 1;
		else if (t[k].kind == TK_QUOTE && q_region_ends_sentence(q, (size_t)t[k].quote))
			end = 1;
		if (!end)
			continue;
		/* closing brackets stay with the sentence */
		size_t j = k + 1;
		while (j < n && q_punct(q, &t[j], ")]"))
			j++;
		if (j >= n)
			break;
		const np_tok *nx = &t[j];
		if (t[k].kind == TK_QUOTE && q_question_then_speaker(q, t, k, j, n))
			continue; /* "…?" Jones asked. */
		if (nx->kind == TK_QUOTE || (nx->kind == TK_WORD && (nx->flags & (TF_CAP | TF_DIGIT))) ||
		    q_dash(q, nx)) {
			if (q_dash(q, nx))
				continue; /* "…" — Name: the dash attribution stays */
			if (NP_ARENA_PUSH(q->rec->arena, q->sent, ns, q->capsent, j) < 0)
				return (size_t)-1;
			k = j - 1;
		}
	}
	return ns;
}

/* ---- speakers ----------------------------------------------------------- */

static int q_is_pronoun(const q_state *q, const np_tok *t)
{
	if (!(t->lex & LX_PRONOUN) || !(t->langs & q->lang))
		return 0;
	/* possessive and object forms are no subjects */
	static const char *const subj[] = { "he", "she", "they", "we", "i", "it", "er",
		"sie", "il", "elle", "ils", "elles", "wir", NULL };
	for (int i = 0; subj[i]; i++)
		if (np_nlp__tok_is(q->rec->text, t, subj[i]))
			return 1;
	return np_nlp__tok_is(q->rec->text, t, "it");
}

static int q_pronoun_gender(const q_state *q, const np_tok *t)
{
	const char *x = q->rec->text;
	if (np_nlp__tok_is(x, t, "he") || np_nlp__tok_is(x, t, "er") || np_nlp__tok_is(x, t, "il"))
		return 1;
	if (np_nlp__tok_is(x, t, "she") || np_nlp__tok_is(x, t, "elle") ||
	    (np_nlp__tok_is(x, t, "sie") && q->lang == LX_LANG_DE && (t->flags & TF_LOWER)))
		return 2;
	return -1; /* plural or neuter */
}

/* Whether byte pos lies inside a quotation-mark region (marks included). */
static int q_in_quote(const q_state *q, size_t pos)
{
	size_t lo = 0, hi = q->nparts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (q->parts[mid].e <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < q->nparts && q->parts[lo].s <= pos;
}

/* Index of the sentence holding pos, or SIZE_MAX. */
static size_t q_sentence_at(const np_record *rec, size_t pos)
{
	size_t lo = 0, hi = rec->n_sents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec->sents[mid].span.end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rec->n_sents && rec->sents[lo].span.start <= pos ? lo : SIZE_MAX;
}

/* Gender of a person entity, or of a speaker named by a lone first name. */
static int q_spk_gender(const q_state *q, const q_spk *spk)
{
	if (spk->ent >= 0)
		return q->rec->ents[spk->ent].type == NP_ENT_PERSON ? q->rec->ents[spk->ent].gender
		                                                    : -1;
	if (!spk->name)
		return -1;
	size_t n = strcspn(spk->name, " ");
	np_lex_entry le = np_lex__lookup(spk->name, n);
	if (le.flags & (LX_PRONOUN | LX_DET | LX_NOUN_SPEAKER | LX_ORG_WORD | LX_DEMONYM |
	                LX_PLACE | LX_STOPCAP))
		return -1;
	if (!(le.flags & (LX_GIVEN_M | LX_GIVEN_F))) {
		/* a capitalised single name no entity holds ("Wines") */
		unsigned char c0 = (unsigned char)spk->name[0];
		return c0 >= 'A' && c0 <= 'Z' && !spk->name[n] ? 0 : -1;
	}
	if ((le.flags & LX_GIVEN_M) && (le.flags & LX_GIVEN_F))
		return 0;
	return le.flags & LX_GIVEN_F ? 2 : 1;
}

/* The person who is the grammatical subject of a sentence, read from its
 * start up to `limit`: "Lynch said …", "In response to the pressure, Suu
 * Kyi presided …", "The minister, Mr. Okafor, argues …".  Quoted words,
 * clauses opened by "While"/"If", names after a preposition or with a
 * possessive ("Kerry's spokesman") are no subjects.  -1 if none. */
static long q_subject(q_state *q, size_t sent, size_t limit, np_span *mention)
{
	np_record *rec = q->rec;
	np_span sp = rec->sents[sent].span;
	if (limit < sp.end)
		sp.end = limit;
	if (sp.end <= sp.start)
		return -1;
	size_t next;
	size_t n = np_nlp__tokens(rec, sp.start, sp.end, &q->stoks,
	                            &q->capstoks, 48, &next);
	if (n == 0 || n == (size_t)-1)
		return -1;
	const np_tok *t = q->stoks;
	size_t i = 0;
	while (i < n && (t[i].kind != TK_WORD || q_in_quote(q, t[i].s)))
		i++;
	if (i >= n)
		return -1;
	/* an introductory phrase or clause ends at its comma */
	if ((t[i].lex & (LX_PREP | LX_BOUNDARY)) && !(t[i].lex & LX_DET)) {
		size_t k = i;
		while (k < n && k - i < 24 && !q_punct(q, &t[k], ","))
			k++;
		if (k >= n || k - i >= 24)
			return -1;
		i = k + 1;
	}
	size_t j = i;
	while (j < n && t[j].kind == TK_WORD && !q_in_quote(q, t[j].s) &&
	       ((t[j].flags & TF_CAP) ||
	        (t[j].lex & (LX_DET | LX_TITLE | LX_TITLE_MOD | LX_DEMONYM | LX_HONORIFIC |
	                     LX_PARTICLE)) ||
	        (j > i && np_nlp__tok_is(rec->text, &t[j], "of")) ||
	        /* "communications director Jane Doe" */
	        ((t[j].flags & TF_LOWER) && j + 1 < n && (t[j + 1].lex & LX_TITLE)))) {
		if (q_is_pronoun(q, &t[j]))
			break;
		j++;
		if (t[j - 1].flags & TF_POSS)
			break;
	}
	if (j == i)
		return -1;
	np_span m;
	long e = np_ent__in_span(&q->ix, rec, t[i].s, t[j - 1].base_e, &m, 0);
	if (e < 0 || rec->ents[e].type != NP_ENT_PERSON || m.end != t[j - 1].base_e ||
	    (t[j - 1].flags & TF_POSS))
		return -1;
	if (mention)
		*mention = m;
	return e;
}

/* "the Clinton campaign", "a Donald Trump tweet": a name between an
 * article and a lowercase noun modifies the noun and is no antecedent.
 * ms is the mention's start; the mention ends before `lim`. */
static int q_name_as_modifier(const np_record *rec, size_t ms, size_t lim)
{
	const char *t = rec->text;
	int det = (ms >= 4 && strncasecmp(t + ms - 4, "the ", 4) == 0) ||
	          (ms >= 2 && strncasecmp(t + ms - 2, "a ", 2) == 0 &&
	           (ms == 2 || t[ms - 3] == ' ' || t[ms - 3] == '\n'));
	if (!det)
		return 0;
	size_t e = ms;
	while (e < lim && e < ms + 64 && t[e] != ' ' && t[e] != '\n')
		e++;
	/* skip the rest of the name: capitalised words */
	while (e + 1 < lim && t[e] == ' ' && t[e + 1] >= 'A' && t[e + 1] <= 'Z') {
		e++;
		while (e < lim && t[e] != ' ' && t[e] != '\n')
			e++;
	}
	return e + 1 < lim && t[e] == ' ' && t[e + 1] >= 'a' && t[e + 1] <= 'z' &&
	       t[e - 1] != ',' && t[e - 1] != '.';
}

/* Who "he"/"she" (gender g) at byte pos stands for: the subject of its
 * own sentence before it, else the subject of the sentence before, else
 * the latest speaker of this or the previous paragraph, else the latest
 * person of that gender named outside quotation marks. */
static long q_pronoun_referent(q_state *q, size_t pos, int g, int *use_last)
{
	np_record *rec = q->rec;
	*use_last = 0;
	size_t si = q_sentence_at(rec, pos);
	for (int back = 0; back < 2 && si != SIZE_MAX; back++) {
		if (back && (si == 0 || rec->sents[si - 1].paragraph + 1 < q->cur_para))
			break;
		size_t k = si - (size_t)back;
		long e = q_subject(q, k, back ? rec->sents[k].span.end : pos, NULL);
		if (e >= 0) {
			int eg = rec->ents[e].gender;
			if (!eg || eg == g)
				return e;
			break;
		}
	}
	/* the latest speaker of a fitting gender: one speaker's words may come
	 * between ("marriage rules are cited") */
	for (int h = 0; h < Q_HIST; h++) {
		const q_spk *sp = &q->hist[h];
		if (!sp->set || q->hist_para[h] + 1 < q->cur_para)
			break;
		int lg = q_spk_gender(q, sp);
		if (lg == 0 || lg == g) {
			*use_last = h + 1;
			return sp->ent;
		}
	}
	size_t floor = pos > 6000 ? pos - 6000 : 0;
	size_t at = pos;
	for (int tries = 0; tries < 32; tries++) {
		long e = np_ent__person_before(&q->ix, rec, at, floor, g);
		if (e < 0)
			return -1;
		/* the mention found: the latest one of e before `at` (mentions
		 * are sorted by start: a binary search keeps many pronouns linear) */
		const np_entity *en = &rec->ents[e];
		size_t lo = 0, hi = en->n_mentions;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (en->mentions[mid].start < at)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (int back = 0; back < 8 && lo > 0 && en->mentions[lo - 1].end > at; back++)
			lo--;
		if (lo == 0)
			return -1;
		size_t ms = en->mentions[lo - 1].start;
		if (!q_in_quote(q, ms) && !q_name_as_modifier(rec, ms, at))
			return e;
		at = ms;
	}
	return -1;
}

/* The organisation most recently named in the 1,500 bytes before pos
 * whose name's last word is word[0, n) ("agency" for the
 * Marine Heritage Agency).  -1 if none. */
static long q_org_by_head(const q_state *q, const char *word, size_t n, size_t pos)
{
	const np_record *rec = q->rec;
	const np_ent_index *ix = &q->ix;
	for (size_t k = np_ent__lower_bound(ix, pos), seen = 0; k > 0 && seen < 400; seen++) {
		const np_mention_ix *m = &ix->m[--k];
		const np_entity *en = &rec->ents[m->ent];
		if (pos - m->s > 1500)
			break; /* named long ago: "the network" is someone else by now */
		if (en->type != NP_ENT_ORG || m->e > pos)
			continue;
		const char *last = strrchr(en->name, ' ');
		last = last ? last + 1 : en->name;
		if (strlen(last) == n && strncasecmp(last, word, n) == 0)
			return m->ent;
	}
	return -1;
}

/* Fill a speaker from tokens [a, b] (inclusive) that name it. */
static void q_resolve(q_state *q, const np_tok *t, size_t a, size_t b, q_spk *out)
{
	np_record *rec = q->rec;
	memset(out, 0, sizeof *out);
	out->ent = -1;
	out->set = 1;
	out->span = (np_span){ t[a].s, t[b].base_e };
	if (a == b && q_is_pronoun(q, &t[a])) {
		int g = q_pronoun_gender(q, &t[a]);
		if (g > 0) {
			int use_last = 0;
			long e = q_pronoun_referent(q, t[a].s, g, &use_last);
			if (use_last && e < 0) {
				/* a speaker no entity names */
				out->name = q->hist[use_last - 1].name;
				out->title = q->hist[use_last - 1].title;
				return;
			}
			if (e >= 0) {
				out->ent = e;
				out->name = rec->ents[e].name;
				out->title = rec->ents[e].title;
				return;
			}
		}
		out->name = np_record__span_dup(rec, out->span);
		return;
	}
	np_span m;
	long e = np_ent__in_span(&q->ix, rec, t[a].s, t[b].base_e, &m, 0);
	/* the head is the last word: "Kerry's spokesman" is not Kerry */
	int head_is_ent = e >= 0 && m.end == t[b].base_e;
	/* "Andrew Tyrie MP": a title written after the name */
	if (e >= 0 && !head_is_ent && b > a && m.end == t[b - 1].base_e && (t[b].lex & LX_TITLE) &&
	    (t[b].flags & TF_ALLCAPS))
		head_is_ent = 1;
	if (head_is_ent) {
		out->ent = e;
		out->span = m;
		out->name = rec->ents[e].name;
		out->title = rec->ents[e].title;
		return;
	}
	if (t[b].lex & LX_TITLE) {
		long p = np_ent__by_title_word(&q->ix, rec, rec->text + t[b].s, t[b].base_e - t[b].s,
		                               t[a].s);
		if (p >= 0 && p != e) {
			out->ent = p;
			out->name = rec->ents[p].name;
			out->title = rec->ents[p].title;
			return;
		}
	}
	/* "the spokesman" after "a Home Office spokesman said": the latest
	 * speaker whose phrase ends in that title word */
	if (b > a && (t[a].lex & LX_DET) && np_nlp__tok_is(rec->text, &t[a], "the") &&
	    (t[b].lex & LX_TITLE) && (t[b].flags & TF_LOWER)) {
		size_t hl = t[b].base_e - t[b].s;
		for (int h = 0; h < Q_HIST; h++) {
			const q_spk *sp = &q->hist[h];
			if (!sp->set || !sp->name || sp->ent >= 0)
				continue;
			size_t nl = strlen(sp->name);
			if (nl > hl + 1 && sp->name[nl - hl - 1] == ' ' &&
			    strncasecmp(sp->name + nl - hl, rec->text + t[b].s, hl) == 0) {
				out->name = sp->name;
				out->title = sp->title;
				return;
			}
		}
	}
	/* "the agency", "the ministry": an organisation named before whose
	 * name ends in that word */
	if (b <= a + 2 && (t[a].lex & LX_DET) && (t[b].flags & TF_LOWER) && b > a) {
		long o = q_org_by_head(q, rec->text + t[b].s, t[b].base_e - t[b].s, t[a].s);
		if (o >= 0) {
			out->ent = o;
			out->name = rec->ents[o].name;
			return;
		}
	}
	/* a phrase: "many Democrats", "advisers to Mr. Obama" */
	size_t s = a;
	if ((t[s].lex & LX_DET) && s < b &&
	    (!(t[s].flags & TF_CAP && t[s + 1].flags & TF_CAP) ||
	     (t[s + 1].lex & (LX_TITLE | LX_DEMONYM)) ||
	     (t[b].lex & (LX_TITLE | LX_NOUN_SPEAKER))))
		s++;
	out->name = np_record__span_dup(rec, (np_span){ t[s].s, t[b].base_e });
}

static int q_np_word(const q_state *q, const np_tok *t)
{
	if (t->kind != TK_WORD)
		return 0;
	if ((t->lex & LX_CUE_ANY) && (t->langs & q->lang) && (t->flags & TF_LOWER) &&
	    !(t->lex & (LX_TITLE | LX_NOUN_SPEAKER)))
		return 0;
	if ((t->lex & LX_BOUNDARY) && !(t->lex & LX_DET) && !np_nlp__tok_is(q->rec->text, t, "of"))
		return 0;
	if ((t->lex & LX_AUX) && (t->flags & TF_LOWER) && !(t->lex & (LX_DET | LX_NOUN_SPEAKER)))
		return 0;
	return 1;
}

/* The subject ending at token j: returns its first token, or SIZE_MAX. */
static size_t q_np_back(const q_state *q, const np_tok *t, size_t lo, size_t j)
{
	if (j < lo || !q_word(&t[j]))
		return SIZE_MAX;
	if (q_is_pronoun(q, &t[j]))
		return j;
	const np_tok *h = &t[j];
	if ((h->lex & LX_PREP) && (h->flags & TF_LOWER))
		return SIZE_MAX; /* "a series of tweets" */
	if (h->e - h->s > 4 && strncmp(q->rec->text + h->e - 3, "ing", 3) == 0 &&
	    !(h->lex & (LX_GIVEN_M | LX_GIVEN_F)) && (j == lo || !(t[j - 1].flags & TF_CAP)))
		return SIZE_MAX; /* "Having said that" */
	/* a head that is neither a name nor a noun we know as a speaker is
	 * still accepted when a determiner starts the phrase */
	if (!q_np_word(q, h))
		return SIZE_MAX;
	if (h->lex & (LX_PRONOUN) && !(h->flags & TF_CAP))
		return SIZE_MAX;
	size_t i = j;
	int saw_det = !!(h->lex & LX_DET);
	while (i > lo && j - i + 1 < Q_NP_MAX && !saw_det) {
		const np_tok *p = &t[i - 1];
		if (!q_np_word(q, p) || q_is_pronoun(q, p))
			break;
		int inner_prep = np_nlp__tok_is(q->rec->text, p, "of") ||
		                 np_nlp__tok_is(q->rec->text, p, "for") ||
		                 np_nlp__tok_is(q->rec->text, p, "to") ||
		                 np_nlp__tok_is(q->rec->text, p, "at") ||
		                 np_nlp__tok_is(q->rec->text, p, "in") ||
		                 np_nlp__tok_is(q->rec->text, p, "with") ||
		                 np_nlp__tok_is(q->rec->text, p, "from");
		if (p->lex & LX_PREP && !inner_prep)
			break;
		/* a lowercase word that is not part of a noun phrase ends it */
		if ((p->flags & TF_LOWER) &&
		    !(p->lex & (LX_DET | LX_TITLE | LX_TITLE_MOD | LX_NOUN_SPEAKER | LX_PARTICLE |
		                LX_DEMONYM)) &&
		    !inner_prep) {
			/* an adjective or noun before a noun: "senior aides" */
			if (!(h->flags & TF_LOWER) || j - i >= 3)
				break;
		}
		i--;
		saw_det = !!(p->lex & LX_DET);
		/* "attorneys for the family", "a spokesman for the campaign" */
		if (saw_det && i >= lo + 2 && j - i < Q_NP_MAX - 2 && t[i - 1].kind == TK_WORD &&
		    (np_nlp__tok_is(q->rec->text, &t[i - 1], "for") ||
		     np_nlp__tok_is(q->rec->text, &t[i - 1], "of") ||
		     np_nlp__tok_is(q->rec->text, &t[i - 1], "to")) &&
		    t[i - 2].kind == TK_WORD &&
		    ((t[i - 2].lex & (LX_NOUN_SPEAKER | LX_TITLE)) || (t[i - 2].flags & TF_CAP)))
			saw_det = 0;
	}
	/* never start on a preposition: "officials in Washington" may keep
	 * theirs only with something before it */
	while (i < j && (t[i].lex & LX_PREP) && !(t[i].lex & LX_DET) && (t[i].flags & TF_LOWER))
		i++;
	/* a lowercase head with nothing before it needs to be a known speaker
	 * noun ("officials said"), not any word ("it was said") */
	if ((h->flags & TF_LOWER) && !(h->lex & (LX_NOUN_SPEAKER | LX_TITLE)) &&
	    !(t[i].lex & (LX_DET | LX_NOUN_SPEAKER | LX_TITLE)) &&
	    !((t[i].flags & TF_POSS) && (t[i].flags & TF_CAP))) {
		/* "civil rights activists say": a plural noun with a modifier */
		if (q->rec->text[h->e - 1] != 's' || i == j)
			return SIZE_MAX;
	}
	if (h->lex & LX_DET && i == j)
		return SIZE_MAX;
	return i;
}

/* The speaker after token k (inverted order): returns its last token, or
 * SIZE_MAX. */
static size_t q_np_fwd(const q_state *q, const np_tok *t, size_t k, size_t hi)
{
	if (k >= hi || !q_word(&t[k]))
		return SIZE_MAX;
	if (q_is_pronoun(q, &t[k]))
		return k;
	/* "said of RT": what was spoken about, not who spoke */
	if ((t[k].flags & TF_LOWER) && (t[k].lex & LX_PREP) && !(t[k].lex & LX_DET))
		return SIZE_MAX;
	size_t i = k;
	int saw_word = 0, det = 0;
	if (t[i].lex & LX_DET && (t[i].flags & TF_LOWER || t[i].flags & TF_CAP)) {
		i++;
		det = 1;
	}
	size_t last = SIZE_MAX;
	while (i < hi && i - k < Q_NP_MAX) {
		const np_tok *x = &t[i];
		if (x->kind != TK_WORD)
			break;
		if (x->lex & (LX_PREP | LX_BOUNDARY) && !(x->flags & TF_CAP) &&
		    !np_nlp__tok_is(q->rec->text, x, "of") && !np_nlp__tok_is(q->rec->text, x, "for"))
			break;
		if ((x->lex & LX_CUE_ANY) && (x->flags & TF_LOWER) && !(x->lex & LX_NOUN_SPEAKER))
			break;
		if ((x->lex & LX_AUX) && (x->flags & TF_LOWER))
			break;
		/* after a name, lowercase words are the rest of the sentence */
		if (!det && saw_word && (x->flags & TF_LOWER) && (t[i - 1].flags & TF_CAP) &&
		    !(x->lex & (LX_PARTICLE)) && !np_nlp__tok_is(q->rec->text, x, "of"))
			break;
		saw_word = 1;
		if (!np_nlp__tok_is(q->rec->text, x, "of") && !np_nlp__tok_is(q->rec->text, x, "for"))
			last = i;
		i++;
		/* "NBC's Dante Chinni", "Clinton's spokesman" go on */
		if ((x->flags & TF_POSS) &&
		    !(i < hi && t[i].kind == TK_WORD &&
		      ((t[i].flags & TF_CAP) || (t[i].lex & (LX_TITLE | LX_NOUN_SPEAKER)))))
			break;
	}
	if (last == SIZE_MAX)
		return SIZE_MAX;
	int all_stop = 1;
	for (size_t j = k; j <= last; j++)
		all_stop &= !!(t[j].lex & (LX_STOPCAP | LX_DET | LX_PREP));
	if (all_stop)
		return SIZE_MAX; /* "reported Saturday" */
	/* a speaker after the cue is a name, a title, a speaker noun or a
	 * phrase with a determiner ("the coast guard") */
	if (det)
		return last;
	for (size_t j = k; j <= last; j++)
		if ((t[j].flags & TF_CAP) || (t[j].lex & (LX_TITLE | LX_NOUN_SPEAKER)))
			return last;
	return SIZE_MAX;
}

/* Skip an appositive after a speaker: ", the department's spokesman," */
static size_t q_skip_appositive(const q_state *q, const np_tok *t, size_t k, size_t hi)
{
	if (k + 1 >= hi || !q_punct(q, &t[k], ","))
		return k;
	if (!(t[k + 1].lex & LX_DET) && !(t[k + 1].lex & LX_TITLE))
		return k;
	size_t j = k + 1;
	int title = 0;
	while (j < hi && j - k < 14 && t[j].kind == TK_WORD) {
		if ((t[j].lex & LX_CUE_ANY) && (t[j].flags & TF_LOWER) && !(t[j].lex & LX_TITLE))
			return k;
		title |= !!(t[j].lex & (LX_TITLE | LX_NOUN_SPEAKER));
		j++;
	}
	if (!title)
		return k;
	return j; /* at the closing comma, the period or the end */
}

/* ---- emitting ----------------------------------------------------------- */

static int q_emit(q_state *q, np_quote_type type, np_span span, const q_spk *spk,
                  np_span cue, const char *text)
{
	np_record *rec = q->rec;
	np_quote out;
	memset(&out, 0, sizeof out);
	out.type = type;
	out.span = span;
	out.text = text; /* NULL: copied from the span once the cap is applied */
	out.speaker = -1;
	out.paragraph = 0;
	/* the paragraph holding span.start */
	size_t lo = 0, hi = rec->n_paras;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec->paras[mid].span.end <= span.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	out.paragraph = lo < rec->n_paras ? lo : (rec->n_paras ? rec->n_paras - 1 : 0);
	if (spk && spk->set) {
		out.speaker = spk->ent;
		out.speaker_name = spk->name;
		out.speaker_title = spk->title;
		out.speaker_span = spk->span;
	}
	if (cue.end > cue.start) {
		out.cue = np_record__span_dup(rec, cue);
		out.cue_span = cue;
	}
	return NP_ARENA_PUSH(rec->arena, rec->quotes, rec->n_quotes, rec->cap_quotes, out);
}

static void q_give(q_state *q, size_t region, const q_spk *spk, np_span cue)
{
	q_region *r = &q->r[region];
	if (r->used == 1)
		return;
	r->used = 1;
	r->spk = *spk;
	r->cue = cue;
}

static void q_set_last(q_state *q, const q_spk *spk, size_t para)
{
	if (spk && spk->set && spk->name) {
		q->last = *spk;
		q->last_para = para;
		/* the history keeps who spoke, not how they were named */
		if (q->hist[0].set && q->hist[0].name == spk->name) {
			q->hist_para[0] = para;
			return;
		}
		memmove(q->hist + 1, q->hist, (Q_HIST - 1) * sizeof *q->hist);
		memmove(q->hist_para + 1, q->hist_para, (Q_HIST - 1) * sizeof *q->hist_para);
		q->hist[0] = *spk;
		q->hist_para[0] = para;
	}
}

/* Content tokens [a, b) (inclusive a, exclusive b), trimmed of punctuation
 * at both ends. */
static int q_trim_tokens(const q_state *q, const np_tok *t, size_t *a, size_t *b)
{
	while (*a < *b && t[*a].kind == TK_PUNCT && !q_dash(q, &t[*a]))
		(*a)++;
	while (*a < *b && t[*b - 1].kind == TK_PUNCT)
		(*b)--;
	while (*a < *b && q_dash(q, &t[*a]))
		(*a)++;
	return *b > *a;
}

/* Emit the content t[a, b) as direct (one QUOTE), mixed or indirect.
 * Returns 1 when it gave or emitted a quote, 0 when nothing, -1 on OOM. */
static int q_content(q_state *q, const np_tok *t, size_t a, size_t b, const q_spk *spk,
                     np_span cue, size_t para, int need_quote)
{
	if (!q_trim_tokens(q, t, &a, &b))
		return 0;
	size_t nq = 0, nw = 0;
	for (size_t k = a; k < b; k++) {
		if (t[k].kind == TK_QUOTE)
			nq++;
		else if (t[k].kind == TK_WORD)
			nw++;
	}
	if (need_quote && !nq)
		return 0;
	if (nq && !nw) {
		/* one or more quotes: each is direct */
		for (size_t k = a; k < b; k++)
			if (t[k].kind == TK_QUOTE)
				q_give(q, (size_t)t[k].quote, spk, cue);
		q_set_last(q, spk, para);
		return 1;
	}
	if (nw < 2 && !nq)
		return 0;
	if (nq && q->lang != LX_LANG_EN) {
		/* German and French news quote phrases inside reported speech:
		 * the quoted words are the direct quote */
		for (size_t k = a; k < b; k++)
			if (t[k].kind == TK_QUOTE)
				q_give(q, (size_t)t[k].quote, spk, cue);
		q_set_last(q, spk, para);
		return 1;
	}
	np_span sp = { t[a].s, t[b - 1].e };
	/* a content starting or ending with a quote takes its marks out */
	if (t[a].kind == TK_QUOTE)
		sp.start = q->r[t[a].quote].cs;
	if (t[b - 1].kind == TK_QUOTE)
		sp.end = q->r[t[b - 1].quote].ce;
	for (size_t k = a; k < b; k++)
		if (t[k].kind == TK_QUOTE && q->r[t[k].quote].used != 1)
			q->r[t[k].quote].used = 2;
	q_set_last(q, spk, para);
	return q_emit(q, nq ? NP_QUOTE_MIXED : NP_QUOTE_INDIRECT, sp, spk, cue, NULL) < 0 ? -1 : 1;
}

/* ---- one sentence ------------------------------------------------------- */

static int q_ends_with(const q_state *q, const np_tok *t, const char *suf);

static int q_is_cue(const q_state *q, const np_tok *t, size_t k, size_t n, int first)
{
	const np_tok *x = &t[k];
	if (x->kind != TK_WORD || !(x->lex & LX_CUE_ANY) || !(x->langs & q->lang))
		return 0;
	if (!(x->flags & TF_LOWER) && !(first && (x->lex & (LX_CUE_ACCORD | LX_CUE_SAY))) &&
	    !(q->lang == LX_LANG_DE && (x->lex & LX_CUE_ACCORD)) &&
	    !(q->headline && k > 0 && q_ends_with(q, x, "s")))
		return 0; /* headlines: "Graham Says", "Sanders Vows" */
	if ((x->lex & LX_CUE_ACCORD) && q->lang == LX_LANG_EN)
		return k + 1 < n && np_nlp__tok_is(q->rec->text, &t[k + 1], "to");
	/* "point out", "pointed to" are cues, "a focal point" is not */
	if (q->lang == LX_LANG_EN && x->e - x->s >= 5 &&
	    strncasecmp(q->rec->text + x->s, "point", 5) == 0)
		return k + 1 < n && (np_nlp__tok_is(q->rec->text, &t[k + 1], "out") ||
		                     np_nlp__tok_is(q->rec->text, &t[k + 1], "to"));
	return 1;
}

static int q_temporal(const q_state *q, const np_tok *t)
{
	/* "said Monday", not "said Democrats are …" or "said He …" */
	return ((t->lex & LX_PREP) && !(t->lex & LX_THAT)) ||
	       ((t->lex & LX_STOPCAP) && (t->flags & TF_CAP) &&
	        !(t->lex & (LX_NOUN_SPEAKER | LX_DEMONYM | LX_PRONOUN))) ||
	       (t->flags & TF_DIGIT) || q_punct(q, t, "(");
}

/* French compound tenses: "a déclaré", "ont affirmé". */
static int q_aux(const q_state *q, const np_tok *t)
{
	if (t->kind != TK_WORD || !(t->flags & TF_LOWER))
		return 0;
	if (q->lang == LX_LANG_FR && (np_nlp__tok_is(q->rec->text, t, "a") ||
	                              np_nlp__tok_is(q->rec->text, t, "ont")))
		return 1;
	if ((t->lex & LX_AUX) && !q_is_pronoun(q, t))
		return 1;
	/* haven't, didn't; adverbs: "generally", "repeatedly" */
	size_t n = t->e - t->s;
	const char *w = q->rec->text + t->s;
	if (n > 3 && (memcmp(w + n - 3, "n't", 3) == 0 ||
	              (n > 5 && memcmp(w + n - 5, "n\xE2\x80\x99t", 5) == 0)))
		return 1;
	if (n <= 4 || memcmp(w + n - 2, "ly", 2) != 0 || (t->lex & (LX_NOUN_SPEAKER | LX_TITLE)))
		return 0;
	/* nouns in -ly are no adverbs: "lawyers for the family said" */
	static const char *const nouns[] = { "family", "assembly", "supply", "monopoly",
		"anomaly", "rally", "ally", "belly", "jelly", "bully", NULL };
	for (int i = 0; nouns[i]; i++)
		if (np_nlp__tok_is(q->rec->text, t, nouns[i]))
			return 0;
	return 1;
}

static int q_ends_with(const q_state *q, const np_tok *t, const char *suf)
{
	size_t l = strlen(suf);
	return t->e - t->s > l + 1 && memcmp(q->rec->text + t->e - l, suf, l) == 0;
}

/* whether, how, why, what, when, where, if: a clause after a cue */
static int q_wh(const q_state *q, const np_tok *t)
{
	static const char *const wh[] = { "whether", "how", "why", "what", "where", "if",
		"who", NULL };
	if (t->kind != TK_WORD || !(t->flags & TF_LOWER) || q->lang != LX_LANG_EN)
		return 0;
	for (int i = 0; wh[i]; i++)
		if (np_nlp__tok_is(q->rec->text, t, wh[i]))
			return 1;
	return 0;
}

/* After a cue: the content start, skipping "on Friday", an object of tell
 * verbs, and "that".  Returns n when the rest is only an adjunct. */
static int q_weak_cue(const q_state *q, const np_tok *t);

/* Cues whose content may be an infinitive: "vowed to fight". */
static int q_takes_infinitive(const q_state *q, const np_tok *t)
{
	static const char *const inf[] = { "vow", "vows", "vowed", "vowing", "pledge", "pledges",
		"pledged", "pledging", "promise", "promises", "promised", "promising", "threaten",
		"threatens", "threatened", "threatening", "urge", "urges", "urged", "swore",
		"vowing", NULL };
	if (q->lang != LX_LANG_EN || t->kind != TK_WORD)
		return 0;
	for (int i = 0; inf[i]; i++)
		if (np_nlp__tok_is(q->rec->text, t, inf[i]))
			return 1;
	return 0;
}

static size_t q_after_cue(const q_state *q, const np_tok *t, size_t k, size_t n, int tell)
{
	size_t j = k;
	/* "that" right away, or after an adjunct ("on Friday that", "in a
	 * statement that"); a "that" further on belongs to the content */
	if (j < n && (t[j].lex & LX_THAT) && (t[j].flags & TF_LOWER))
		return j + 1;
	/* "sagte, dass …", "a déclaré, que": the comma, then "that" */
	if (j + 1 < n && q_punct(q, &t[j], ",") && (t[j + 1].lex & LX_THAT) &&
	    (t[j + 1].flags & TF_LOWER))
		return j + 2;
	/* "said repeatedly that", "complained bitterly that" */
	if (j + 1 < n && q->lang == LX_LANG_EN && t[j].kind == TK_WORD && q_ends_with(q, &t[j], "ly") &&
	    (t[j + 1].lex & LX_THAT) && (t[j + 1].flags & TF_LOWER))
		return j + 2;
	if (j < n && q->lang == LX_LANG_DE) {
		/* "teilte am Montag mit, dass …", "sagte am Dienstag, dass": the
		 * verb's particle and adjuncts end at the comma before "dass" */
		for (size_t m = j; m + 1 < n && m < j + 8; m++) {
			if (q_punct(q, &t[m], ",") && (t[m + 1].lex & LX_THAT))
				return m + 2;
			if (q_punct(q, &t[m], ":"))
				return m + 1;
			if (t[m].kind != TK_WORD)
				break;
		}
	}
	if (j < n && (q_temporal(q, &t[j]) || (tell && t[j].kind == TK_WORD)))
		for (size_t m = j + 1; m < n && m < j + 8; m++) {
			if (q_punct(q, &t[m], ",") && m + 1 < n && (t[m + 1].lex & LX_THAT) &&
			    (t[m + 1].flags & TF_LOWER))
				return m + 2;
			if (t[m].kind != TK_WORD)
				break;
			if ((t[m].lex & LX_THAT) && (t[m].flags & TF_LOWER))
				return m + 1;
			if (((t[m].lex & LX_CUE_ANY) || (t[m].lex & LX_AUX)) && (t[m].flags & TF_LOWER))
				break;
		}
	if (j < n && q_punct(q, &t[j], ",:"))
		return j + 1;
	/* "did not say how they would act", "asked whether …": a wh-clause is
	 * the content ("said if asked" is an adjunct; "when" mostly is one) */
	if (j + 1 < n && q_wh(q, &t[j]) && !(t[j + 1].kind == TK_WORD &&
	                                      q_ends_with(q, &t[j + 1], "ed")))
		return j;
	/* "have not said when they would act": a "when" with a modal */
	if (j + 2 < n && q->lang == LX_LANG_EN && np_nlp__tok_is(q->rec->text, &t[j], "when"))
		for (size_t m = j + 2; m < n && m < j + 5 && t[m].kind == TK_WORD; m++)
			if (np_nlp__tok_is(q->rec->text, &t[m], "would") ||
			    np_nlp__tok_is(q->rec->text, &t[m], "will") ||
			    np_nlp__tok_is(q->rec->text, &t[m], "could"))
				return j;
	if (tell) {
		/* "told the president of the parliament, Ana Roy, that …": a
		 * longer object with an appositive, then "that" */
		for (size_t m = j; m + 1 < n && m < j + 14; m++) {
			if ((t[m].lex & LX_THAT) && (t[m].flags & TF_LOWER) && m > j)
				return m + 1;
			if (!(t[m].kind == TK_WORD && !(t[m].lex & (LX_CUE_ANY | LX_AUX | LX_BOUNDARY))) &&
			    !q_punct(q, &t[m], ","))
				break;
		}
		/* the object: a pronoun, "reporters", a name, "the audience" */
		size_t m = j;
		while (m < n && m < j + 6 && t[m].kind == TK_WORD && !(t[m].lex & LX_THAT) &&
		       !((t[m].lex & LX_BOUNDARY) && !(t[m].lex & LX_DET)) &&
		       !(t[m].lex & LX_PREP && m > j))
			m++;
		if (m < n && (t[m].lex & LX_THAT))
			m++;
		else if (m < n && q_punct(q, &t[m], ",:"))
			m++;
		else if (m > j && m + 1 < n && np_nlp__tok_is(q->rec->text, &t[m], "to") &&
		         t[m + 1].kind == TK_WORD && ((t[m + 1].flags & TF_LOWER) || q->headline))
			return j; /* "urged Republicans to join": the object is the
			           * infinitive's subject, part of what was asked */
		return m;
	}
	/* "Sanders Vows To Eliminate …": the headline's infinitive; "pledged
	 * to remain calm", "threatened to sue": a promise's infinitive */
	if (j + 1 < n && np_nlp__tok_is(q->rec->text, &t[j], "to") &&
	    (q->headline || (k > 0 && q_takes_infinitive(q, &t[k - 1]) &&
	                     t[j + 1].kind == TK_WORD && (t[j + 1].flags & TF_LOWER) &&
	                     !(t[j + 1].lex & (LX_DET | LX_PRONOUN)))))
		return j;
	/* "said as much" */
	if (j + 1 < n && np_nlp__tok_is(q->rec->text, &t[j], "as") &&
	    np_nlp__tok_is(q->rec->text, &t[j + 1], "much"))
		return n;
	/* "said after the vote failed": a subordinate clause is an adjunct */
	if (j < n && q->lang == LX_LANG_EN && t[j].kind == TK_WORD && (t[j].flags & TF_LOWER) &&
	    (np_nlp__tok_is(q->rec->text, &t[j], "after") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "before") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "while") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "because") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "since") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "during") ||
	     np_nlp__tok_is(q->rec->text, &t[j], "following"))) {
		size_t m = j + 1;
		while (m < n && m < j + 12 && t[m].kind == TK_WORD && !(t[m].lex & LX_THAT)) {
			/* "said after the convention he would …": a short phrase,
			 * then the content's subject */
			if (m > j + 1 && m < j + 6 && q_is_pronoun(q, &t[m]) && (t[m].flags & TF_LOWER))
				return m;
			m++;
		}
		if (m < n && (t[m].lex & LX_THAT) && (t[m].flags & TF_LOWER))
			return m + 1; /* "said after the vote that …" */
		if (m < n && q_punct(q, &t[m], ",") && m + 1 < n && t[m + 1].kind == TK_QUOTE)
			return m + 1;
		return n;
	}
	/* only an adjunct left ("on Friday.", "in a statement.") */
	if (j < n && q_temporal(q, &t[j])) {
		size_t m = j;
		while (m < n && t[m].kind == TK_WORD && m < j + 10)
			m++;
		if (m >= n || q_sentence_end_punct(q, &t[m]) ||
		    (q_punct(q, &t[m], ",") && m + 1 < n && t[m + 1].kind == TK_QUOTE) ||
		    (q_punct(q, &t[m], ":") ))
			return m < n && q_punct(q, &t[m], ",:") ? m + 1 : n;
	}
	return j;
}

static int q_only_punct(const q_state *q, const np_tok *t, size_t a, size_t b);

/* The source after "according to" / "laut" / "selon" when it is no name or
 * speaker noun: "according to exit polls, …", "…, according to federal
 * statistics."  A short run of words up to the comma that opens the content
 * (initial) or up to the sentence's end.  Returns its last token, or
 * SIZE_MAX. */
static size_t q_accord_source(const q_state *q, const np_tok *t, size_t s0, size_t n,
                              int initial)
{
	size_t m = s0;
	if (q->lang == LX_LANG_DE && initial) {
		/* "Laut dem Statistikamt stieg …": nouns are capitalised, so the
		 * first lowercase word after one that is no article or
		 * preposition is the verb */
		int noun = 0;
		while (m < n && m < s0 + 8 && t[m].kind == TK_WORD) {
			if ((t[m].flags & TF_LOWER) && noun && !(t[m].lex & (LX_DET | LX_PREP)))
				break;
			noun = !!(t[m].flags & TF_CAP);
			m++;
		}
		return m > s0 ? m - 1 : SIZE_MAX;
	}
	while (m < n && m < s0 + 8 && t[m].kind == TK_WORD &&
	       !((t[m].lex & LX_BOUNDARY) && !(t[m].lex & LX_DET)) &&
	       !((t[m].lex & LX_CUE_ANY) && (t[m].langs & q->lang)))
		m++;
	if (m == s0)
		return SIZE_MAX;
	if (initial ? (m < n && q_punct(q, &t[m], ",")) : q_only_punct(q, t, m, n))
		return m - 1;
	return SIZE_MAX;
}

/* Find where the content after an attribution ends: the sentence end, or a
 * trailing ", according to ...". */
static size_t q_content_end(const q_state *q, const np_tok *t, size_t a, size_t n)
{
	/* look a bounded way ahead, so that a sentence of thousands of cues
	 * stays linear */
	size_t lim = a + 400 < n ? a + 400 : n;
	/* "… and accused the U.S. of …": a second verb of the same speaker */
	for (size_t k = a; k + 1 < lim; k++) {
		if (!(t[k].kind == TK_WORD && (t[k].flags & TF_LOWER) &&
		      (np_nlp__tok_is(q->rec->text, &t[k], "and") ||
		       np_nlp__tok_is(q->rec->text, &t[k], "but"))))
			continue;
		/* "and repeatedly says", "and also called on" */
		size_t v = k + 1;
		int modal = 0;
		while (v + 1 < lim && v < k + 3 && q_aux(q, &t[v])) {
			/* "it would cut revenue but would add …": the content's own
			 * predicate, not the speaker's */
			modal |= np_nlp__tok_is(q->rec->text, &t[v], "would") ||
			         np_nlp__tok_is(q->rec->text, &t[v], "will") ||
			         np_nlp__tok_is(q->rec->text, &t[v], "could") ||
			         np_nlp__tok_is(q->rec->text, &t[v], "can") ||
			         np_nlp__tok_is(q->rec->text, &t[v], "may") ||
			         np_nlp__tok_is(q->rec->text, &t[v], "might");
			v++;
		}
		if (modal)
			continue;
		const np_tok *x = &t[v];
		int call_on = q_weak_cue(q, x) == 1 && v + 1 < lim &&
		              (np_nlp__tok_is(q->rec->text, &t[v + 1], "on") ||
		               np_nlp__tok_is(q->rec->text, &t[v + 1], "for"));
		if (x->kind == TK_WORD && (x->flags & TF_LOWER) &&
		    (((x->lex & (LX_CUE_SAY | LX_CUE_TELL | LX_CUE_ACCUSE)) && (x->langs & q->lang)) ||
		     q_weak_cue(q, x) == 2 || call_on) &&
		    strncmp(q->rec->text + x->e - 3, "ing", 3) != 0) {
			n = lim = k;
			break;
		}
	}
	/* ", but he said that …": the next attribution starts a new quote */
	for (size_t k = a; k + 3 < lim; k++) {
		int comma = q_punct(q, &t[k], ",;");
		if (t[k].kind == TK_QUOTE && q->r[t[k].quote].ce > 0 &&
		    q->rec->text[q->r[t[k].quote].ce - 1] == ',')
			comma = 2; /* "…gun," but he said: the comma is inside the marks */
		if (!comma)
			continue;
		if (!(t[k + 1].lex & LX_BOUNDARY) || t[k + 1].kind != TK_WORD)
			continue;
		/* a subject must follow: ", but he said", not ", but would
		 * eventually add $84 billion" */
		if (q_aux(q, &t[k + 2]) && !q_is_pronoun(q, &t[k + 2]))
			continue;
		for (size_t m = k + 2; m < n && m < k + 7; m++) {
			if (t[m].kind != TK_WORD)
				break;
			if ((t[m].lex & (LX_CUE_SAY | LX_CUE_TELL)) && (t[m].langs & q->lang) &&
			    (t[m].flags & TF_LOWER) && m > k + 2)
				return comma == 2 ? k + 1 : k;
		}
	}
	/* "…, saying that …", "…, adding that …": the same speaker's next
	 * statement is a quote of its own */
	for (size_t k = a; k + 2 < lim; k++)
		if ((q_punct(q, &t[k], ",") ||
		     (t[k].kind == TK_QUOTE && q->r[t[k].quote].ce > 0 &&
		      q->rec->text[q->r[t[k].quote].ce - 1] == ',')) &&
		    t[k + 1].kind == TK_WORD &&
		    (t[k + 1].flags & TF_LOWER) && (t[k + 1].lex & (LX_CUE_SAY | LX_CUE_TELL)) &&
		    (t[k + 1].langs & q->lang) && q->lang == LX_LANG_EN &&
		    q_ends_with(q, &t[k + 1], "ing") &&
		    ((t[k + 2].lex & LX_THAT) || q_punct(q, &t[k + 2], ",:") || t[k + 2].kind == TK_QUOTE))
			return t[k].kind == TK_QUOTE ? k + 1 : k;
	for (size_t k = a; k + 2 < lim; k++)
		if (q_punct(q, &t[k], ",") && (t[k + 1].lex & LX_CUE_ACCORD) &&
		    (t[k + 1].langs & q->lang) && (t[k + 1].flags & TF_LOWER))
			return k;
	return n;
}

static int q_only_punct(const q_state *q, const np_tok *t, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (t[k].kind != TK_PUNCT || q_dash(q, &t[k]))
			return 0;
	(void)q;
	return 1;
}

/* "…, the board said in an April memo, and …": a short adjunct, then a
 * comma. */
static int q_adjunct_then_comma(const q_state *q, const np_tok *t, size_t k, size_t n)
{
	if (k >= n || !q_temporal(q, &t[k]))
		return 0;
	for (size_t m = k + 1; m < n && m < k + 8; m++) {
		if (q_punct(q, &t[m], ","))
			return 1;
		if (t[m].kind != TK_WORD || (t[m].lex & LX_THAT))
			return 0;
	}
	return 0;
}

/* Content before a speaker: [0, end) when it ends with a comma/quote. */
static int q_before_ok(const q_state *q, const np_tok *t, size_t np_start)
{
	if (np_start == 0)
		return 0;
	const np_tok *p = &t[np_start - 1];
	return p->kind == TK_QUOTE || q_punct(q, p, ",") || q_dash(q, p);
}

/* Verbs that report speech only when quoted words follow: 1 = like "call"
 * (the object is part of the content), 2 = like "say"; 3 = "speak",
 * "talk", reporting a topic after "about" or "of". */
/* The weak cue words, in the order q_weak_cue tries their kinds. */
#define Q_WEAK_SPEAK "spoke", "speaks", "speaking", "talked", "talks", "talking"
#define Q_WEAK_CALL "called", "calls", "call", "calling", "dubbed", \
	"labeled", "labelled", "termed", "described", "describes", "branded", "likened", \
	"compared", "hailed", "dismissed", "encouraging", "encouraged", "urging", "blasted", \
	"blasts", "slammed", "slams", "admires", "admired", "characterized", \
	"characterizes", "touted", "touts", "exhorted", "referenced", "referencing", \
	"references", "pounding", "describing", "describe", "characterizing", "labeling", \
	"branding", "dismissing", "blasting", "slamming", "touting", "hailing", "dubbing", \
	"calling"
#define Q_WEAK_SAY "continued", "continues", "yelled", "yells", \
	"shouted", "shouts", "screamed", "sings", "sang", "chanted", "joked", "jokes", \
	"quipped", "whispered", "recalled", "recalls", "offered", "interjected", "read", \
	"reads", "posted", "texted", "emailed", "wondered", "exclaimed", "cried", \
	"pleaded", "demanded", "begged", "bragged", "laughed", "sighed", "snapped", \
	"fumed", "scoffed", "thundered", "mused", "observed", "remarked", "began", \
	"mentioned", "commented", "responded", "replied", "predicted", "shot", "reported", \
	"questioned", "questions", "question", "questioning", "charged", "charges", \
	"ruled", \
	"proposed", "proposes", "propose", "proposing", \
	"reports", "report", "quoted", "quotes", "cited", "citing"

static int q_weak_cue(const q_state *q, const np_tok *t)
{
	/* speak 3, call 1, say 2 (a word in two lists counts as the first) */
	static const char *const speak[] = { Q_WEAK_SPEAK }, *const call[] = { Q_WEAK_CALL };
	static const char *const weak[] = { Q_WEAK_SPEAK, Q_WEAK_CALL, Q_WEAK_SAY, NULL };
	if (q->lang != LX_LANG_EN || t->kind != TK_WORD || (!(t->flags & TF_LOWER) && !q->headline))
		return 0;
	/* one hash probe for the three lists: the set answers with the first
	 * list position holding the word */
	static np_wordset weak_set = NP_WORDSET(weak);
	size_t i = (size_t)np_nlp__tok_in(q->rec->text, t, &weak_set);
	if (!i)
		return 0;
	if (i <= sizeof speak / sizeof *speak)
		return 3;
	if (i <= sizeof speak / sizeof *speak + sizeof call / sizeof *call)
		return 1;
	return 2;
}

/* A subject ending at j, allowing an appositive or a parenthesis between
 * it and the cue: "Vance (R-Iowa), a budget panel member, said". */
static size_t q_np_back_parens(const q_state *q, const np_tok *t, size_t lo, size_t jj)
{
	if (jj > lo && q_punct(q, &t[jj], ")")) {
		size_t c = jj;
		while (c > lo && jj - c < 10 && !q_punct(q, &t[c], "("))
			c--;
		if (!q_punct(q, &t[c], "(") || c == lo)
			return SIZE_MAX;
		jj = c - 1;
	}
	return jj;
}

/* Does a subject starting at token a begin its clause? */
static int q_np_starts_clause(const q_state *q, const np_tok *t, size_t lo, size_t a)
{
	if (a == lo)
		return 1;
	const np_tok *p = &t[a - 1];
	return p->kind == TK_QUOTE || q_punct(q, p, ",;:") || q_dash(q, p) ||
	       ((p->lex & LX_BOUNDARY) && p->kind == TK_WORD);
}

/* "Sanders on Tuesday said", "The Times on Saturday wrote": a time
 * between the subject and the cue is no subject; returns the token before
 * it (or j when there is none). */
static size_t q_skip_time_adjunct(const q_state *q, const np_tok *t, size_t lo, size_t j)
{
	static const char *const when[] = { "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "today", "yesterday", "tonight", "night",
		"morning", "afternoon", "evening", "week", "weekend", NULL };
	size_t k = j;
	while (k > lo && k + 3 > j && t[k].kind == TK_WORD) {
		int hit = 0;
		for (int i = 0; when[i] && !hit; i++)
			hit = np_nlp__tok_is(q->rec->text, &t[k], when[i]);
		if (!hit)
			break;
		k--;
	}
	if (k == j)
		return j;
	/* "on Tuesday", "last week", "early Friday", "Tuesday night" */
	if (k > lo && (np_nlp__tok_is(q->rec->text, &t[k], "on") ||
	               np_nlp__tok_is(q->rec->text, &t[k], "last") ||
	               np_nlp__tok_is(q->rec->text, &t[k], "early") ||
	               np_nlp__tok_is(q->rec->text, &t[k], "late") ||
	               np_nlp__tok_is(q->rec->text, &t[k], "this")))
		k--;
	if (t[k].kind != TK_WORD || (t[k].flags & TF_LOWER && !(t[k].lex & (LX_NOUN_SPEAKER |
	                                                                       LX_TITLE))))
		return j;
	return k;
}

/* A subject ending at j, allowing appositives and a parenthesis between it
 * and the cue: "Vance (R-Iowa), a budget panel member, said",
 * "Lena Moss, of Salem, Ore., said".  The subject is the first
 * noun phrase that starts its clause, before the first of up to three
 * commas. */
static size_t q_np_back_ext(const q_state *q, const np_tok *t, size_t lo, size_t j,
                             size_t *end)
{
	j = q_skip_time_adjunct(q, t, lo, j);
	size_t jj = q_np_back_parens(q, t, lo, j);
	if (jj == SIZE_MAX)
		return SIZE_MAX;
	if (!(jj > lo && q_punct(q, &t[jj], ","))) {
		*end = jj;
		return q_np_back(q, t, lo, jj);
	}
	size_t commas[3], nc = 0;
	size_t c = jj;
	commas[nc++] = jj;
	while (c > lo && jj - c < 40) {
		c--;
		if (t[c].kind == TK_QUOTE || ((t[c].lex & LX_CUE_ANY) && (t[c].langs & q->lang) &&
		                              (t[c].flags & TF_LOWER)))
			break;
		if (q_punct(q, &t[c], ",")) {
			if (nc == 3)
				break;
			commas[nc++] = c;
		}
	}
	/* the farthest comma whose noun phrase starts the clause */
	for (size_t i = nc; i-- > 1;) {
		if (commas[i] == lo) /* nothing before it: no token at commas[i] - 1 */
			continue;
		size_t e = q_np_back_parens(q, t, lo, commas[i] - 1);
		if (e == SIZE_MAX || e < lo)
			continue;
		size_t a = q_np_back(q, t, lo, e);
		if (a != SIZE_MAX && q_np_starts_clause(q, t, lo, a)) {
			*end = e;
			/* "The minister of the interior, Mr. Okafor, argues": the
			 * name in the appositive is the speaker */
			size_t x = commas[i] + 1, y = commas[i - 1] - 1;
			np_span m;
			if (x <= y && y - x < 5 &&
			    np_ent__in_span(&q->ix, q->rec, t[a].s, t[e].base_e, &m, 0) < 0) {
				long p = np_ent__in_span(&q->ix, q->rec, t[x].s, t[y].base_e, &m, 0);
				if (p >= 0 && q->rec->ents[p].type == NP_ENT_PERSON &&
				    (m.end == t[y].base_e ||
				     /* "Tom Reid MSP" */
				     (y > x && m.end == t[y - 1].base_e && (t[y].lex & LX_TITLE) &&
				      (t[y].flags & TF_ALLCAPS)))) {
					y = m.end == t[y].base_e ? y : y - 1;
					*end = y;
					return x;
				}
			}
			return a;
		}
	}
	return SIZE_MAX;
}

/* "…," Kirby said: the quote right before the speaker, or none. */
static long q_quote_before(const q_state *q, const np_tok *t, size_t np_a, size_t lo)
{
	if (np_a <= lo)
		return -1;
	size_t p = np_a - 1;
	/* "…," retired general Lloyd Newton said: a modifier or two; "…?" a
	 * narrator in the campaign ad asks: the phrase the head ends */
	size_t p0 = p;
	while (p > lo && p0 - p < 8 && t[p].kind == TK_WORD &&
	       !(t[p].lex & (LX_AUX | LX_CUE_ANY)) &&
	       (!(t[p].lex & LX_BOUNDARY) || (t[p].lex & LX_DET)) &&
	       !(t[p].lex & LX_PRONOUN && !(t[p].lex & LX_DET)))
		p--;
	if (!(t[p].kind == TK_QUOTE || (q_punct(q, &t[p], ",") && p > lo && t[p - 1].kind == TK_QUOTE)))
		p = p0;
	if (q_punct(q, &t[p], ",") && p > lo)
		p--;
	return t[p].kind == TK_QUOTE ? (long)p : -1;
}

/* After an attribution: ", adding," or "in a statement." then a quote:
 * "A," she said. "B." within one sentence, or "A," she said, "B." */
static long q_quote_after(const q_state *q, const np_tok *t, size_t k, size_t n)
{
	size_t m = k;
	/* words and commas in between: "…," he said, referring to the vote,
	 * "…" / "…," he said at a rally in Dover, Del., "…" */
	while (m < n && m < k + 16 &&
	       ((t[m].kind == TK_WORD && !(t[m].lex & LX_THAT)) ||
	        (q_punct(q, &t[m], ",") && m + 1 < n && t[m + 1].kind == TK_WORD) ||
	        /* "in Dover, Del., …": an abbreviation's dot before a comma */
	        (q_punct(q, &t[m], ".") && m > k && t[m - 1].kind == TK_WORD && m + 2 < n &&
	         q_punct(q, &t[m + 1], ",") && t[m + 2].kind == TK_QUOTE)))
		m++;
	if (m < n && q_punct(q, &t[m], ",:.;") && m + 1 < n && t[m + 1].kind == TK_QUOTE)
		return (long)(m + 1);
	if (m < n && q_dash(q, &t[m]) && m + 1 < n && t[m + 1].kind == TK_QUOTE)
		return (long)(m + 1);
	return -1;
}

static int q_passive(const q_state *q, const np_tok *t, size_t k);

/* "After the vote, the governor added": tokens [a, b) (b after the comma
 * before the speaker) are a short prepositional phrase, an adjunct of
 * the saying ("To understand X, …" is no such phrase). */
static int q_pp_adjunct(const q_state *q, const np_tok *t, size_t a, size_t b)
{
	if (q->lang != LX_LANG_EN || b <= a || b - a > 8 || !(t[a].lex & LX_PREP) ||
	    (t[a].lex & LX_DET) || np_nlp__tok_is(q->rec->text, &t[a], "to") ||
	    (t[a].lex & LX_THAT))
		return 0;
	for (size_t m = a; m < b; m++)
		if (t[m].kind == TK_QUOTE || (t[m].lex & LX_AUX) || q_is_pronoun(q, &t[m]))
			return 0;
	return 1;
}

/* After an attribution: ", and still “…”" / ", but “…”": the start of a
 * continuation in the speaker's words (the conjunction), or SIZE_MAX. */
static size_t q_and_quote(const q_state *q, const np_tok *t, size_t k, size_t n)
{
	if (k + 2 >= n || !q_punct(q, &t[k], ",") || t[k + 1].kind != TK_WORD ||
	    !(np_nlp__tok_is(q->rec->text, &t[k + 1], "and") ||
	      np_nlp__tok_is(q->rec->text, &t[k + 1], "but")))
		return SIZE_MAX;
	size_t m = k + 2;
	while (m < n && m < k + 5 && t[m].kind == TK_WORD && q_aux(q, &t[m]))
		m++;
	return m < n && t[m].kind == TK_QUOTE ? k + 1 : SIZE_MAX;
}

/* "CLAUSE, the source added." / "CLAUSE, said Smith.": an attribution that
 * ends the sentence takes everything before its comma, whatever cues the
 * clause holds.  Returns 1 when it handled the sentence. */
static int q_final_attribution(q_state *q, const np_tok *t, size_t n, size_t para, int *rc)
{
	size_t e = n;
	while (e > 0 && t[e - 1].kind == TK_PUNCT && !q_dash(q, &t[e - 1]))
		e--;
	/* a short adjunct: "on Friday", "in a statement", "last week" */
	size_t k = e;
	while (k > 0 && e - k < 6 && t[k - 1].kind == TK_WORD &&
	       !((t[k - 1].lex & (LX_CUE_SAY | LX_CUE_TELL)) && (t[k - 1].langs & q->lang) &&
	         ((t[k - 1].flags & TF_LOWER) || q->headline)) &&
	       q_weak_cue(q, &t[k - 1]) != 2)
		k--;
	if (k == 0 || t[k - 1].kind != TK_WORD)
		return 0;
	k--; /* the cue */
	const np_tok *c = &t[k];
	/* say-verbs; tell-verbs with their object ("…, Graham told the
	 * paper on Thursday."); "…, the Journal reports." */
	int lexcue = (c->lex & (LX_CUE_SAY | LX_CUE_TELL)) && (c->langs & q->lang);
	int tellc = lexcue && !(c->lex & LX_CUE_SAY);
	if ((!lexcue && q_weak_cue(q, c) != 2) || (!(c->flags & TF_LOWER) && !q->headline) ||
	    q_passive(q, t, k))
		return 0;
	size_t adj = k + 1;
	if (tellc && adj < e) {
		size_t ob = q_np_fwd(q, t, adj, e);
		if (ob == SIZE_MAX)
			return 0;
		adj = ob + 1;
	}
	/* the adjunct must start with a preposition or a time word */
	if (adj < e && !q_temporal(q, &t[adj]))
		return 0;
	np_span cue = { c->s, c->e };
	q_spk spk;
	size_t comma;
	size_t j = k;
	while (j > 0 && j + 4 > k && q_aux(q, &t[j - 1]))
		j--;
	if (j > 1 && q_punct(q, &t[j - 1], ",") && tellc)
		return 0; /* "…, told the paper": the speaker is before the comma */
	if (j > 1 && q_punct(q, &t[j - 1], ",")) {
		/* …, said Smith. */
		size_t b = q_np_fwd(q, t, k + 1, e);
		if (b == SIZE_MAX)
			return 0;
		q_resolve(q, t, k + 1, b, &spk);
		comma = j - 1;
	} else {
		if (j == 0)
			return 0;
		size_t b = j - 1;
		size_t a = q_np_back_ext(q, t, 0, j - 1, &b);
		if (a == SIZE_MAX || a < 2 || !q_punct(q, &t[a - 1], ","))
			return 0;
		q_resolve(q, t, a, b, &spk);
		comma = a - 1;
	}
	spk.cue = cue;
	/* a quote right before the comma is handled as a direct quote */
	if (comma > 0 && t[comma - 1].kind == TK_QUOTE)
		return 0;
	if (q_pp_adjunct(q, t, 0, comma + 1))
		return 0; /* "After the vote, the governor added:" */
	*rc = q_content(q, t, 0, comma, &spk, cue, para, 0);
	q_set_last(q, &spk, para);
	return 1;
}

/* French inversion in one word: "explique-t-il", "a-t-elle ajouté" is rare,
 * "déclare-t-il" common.  Returns the pronoun's gender (1, 2) with its span,
 * or 0 when the word is no such cue. */
static int q_french_inversion(const q_state *q, const np_tok *x, const np_tok *end,
                              np_span *pron)
{
	static const struct { const char *suffix; int g; } inv[] = {
		{ "-t-il", 1 }, { "-t-elle", 2 }, { "-il", 1 }, { "-elle", 2 }, { NULL, 0 }
	};
	if (q->lang != LX_LANG_FR || x->kind != TK_WORD || !(x->flags & TF_LOWER))
		return 0;
	const char *w = q->rec->text + x->s;
	size_t n = x->e - x->s;
	for (int i = 0; inv[i].suffix; i++) {
		size_t sl = strlen(inv[i].suffix);
		if (n <= sl || memcmp(w + n - sl, inv[i].suffix, sl) != 0)
			continue;
		np_lex_entry le = np_lex__lookup(w, n - sl);
		/* "a-t-elle dit": the auxiliary carries the pronoun */
		int aux = n - sl == 1 && w[0] == 'a' && x + 1 < end && x[1].kind == TK_WORD &&
		          (x[1].lex & LX_CUE_SAY) && (x[1].langs & LX_LANG_FR);
		if (!aux && (!(le.flags & LX_CUE_SAY) || !(le.langs & LX_LANG_FR)))
			return 0;
		size_t ps = x->e - sl + (inv[i].suffix[1] == 't' ? 3 : 1);
		*pron = (np_span){ ps, x->e };
		return inv[i].g;
	}
	return 0;
}

/* "a Donald Trump tweet", "a White House report": a cue in its base form
 * after a singular phrase opened by "a" is a noun (a verb would take -s). */
static int q_cue_is_noun(const q_state *q, const np_tok *t, size_t k, size_t q_nmax)
{
	if (q->lang != LX_LANG_EN || k < 2 || !(t[k - 1].flags & TF_CAP) ||
	    q_ends_with(q, &t[k], "s") || q_ends_with(q, &t[k], "ed") ||
	    q_ends_with(q, &t[k], "ing"))
		return 0;
	/* "a Times report that …" reports what it says */
	if (k + 1 < q_nmax && (t[k + 1].lex & LX_THAT))
		return 0;
	size_t a = k - 1;
	while (a > 0 && k - a < 5 && (t[a - 1].flags & TF_CAP) && t[a - 1].kind == TK_WORD)
		a--;
	return a > 0 && (np_nlp__tok_is(q->rec->text, &t[a - 1], "a") ||
	                 np_nlp__tok_is(q->rec->text, &t[a - 1], "an"));
}

/* "has been called a charlatan by …", "was told to leave": the subject of
 * a passive cue is not who spoke. */
static int q_passive(const q_state *q, const np_tok *t, size_t k)
{
	static const char *const be[] = { "been", "being", "be", "was", "were", "is", "are",
		NULL };
	if (q->lang != LX_LANG_EN || k < 1 || t[k - 1].kind != TK_WORD)
		return 0;
	if (!q_ends_with(q, &t[k], "ed") && !np_nlp__tok_is(q->rec->text, &t[k], "told") &&
	    !np_nlp__tok_is(q->rec->text, &t[k], "said") &&
	    !np_nlp__tok_is(q->rec->text, &t[k], "written"))
		return 0;
	size_t b = k - 1;
	/* "was once asked", "has been widely described" */
	if (b > 0 && t[b].kind == TK_WORD && (t[b].flags & TF_LOWER) &&
	    (np_nlp__tok_is(q->rec->text, &t[b], "once") || q_ends_with(q, &t[b], "ly")))
		b--;
	for (int i = 0; be[i]; i++)
		if (np_nlp__tok_is(q->rec->text, &t[b], be[i]))
			return 1;
	return 0;
}

/* "He has been criticized for …", "Reagan was once asked how …": a
 * passive cue reports speech whose speaker the sentence does not give; the
 * whole clause is the quote.  Returns 1 when the cue was passive (the
 * clause emitted, or not when it is too short). */
static int q_passive_clause(q_state *q, const np_tok *t, size_t k, size_t n, size_t lo,
                            size_t para)
{
	if (!q_passive(q, t, k))
		return 0;
	if (q->lang != LX_LANG_EN || q->headline)
		return 1;
	/* only verbs that report what others said of the subject; "was
	 * charged" is mostly legal, "was told" has its speaker nearby */
	if (!np_nlp__tok_is(q->rec->text, &t[k], "criticized") &&
	    !np_nlp__tok_is(q->rec->text, &t[k], "criticised") &&
	    !np_nlp__tok_is(q->rec->text, &t[k], "accused") &&
	    !np_nlp__tok_is(q->rec->text, &t[k], "asked"))
		return 1;
	size_t a = lo;
	/* after a leading adjunct: "In the end, he was criticized …" */
	if (a < k && (t[a].lex & LX_PREP))
		for (size_t m = a + 1; m < k && m < a + 7; m++)
			if (q_punct(q, &t[m], ",")) {
				a = m + 1;
				break;
			}
	if (k < a + 2 || t[a].kind != TK_WORD)
		return 1;
	size_t e = q_content_end(q, t, k + 1, n);
	size_t after = 0;
	for (size_t m = k + 1; m < e; m++)
		after += t[m].kind == TK_WORD;
	if (after < 2)
		return 1; /* "… when he was asked." reports nothing */
	q_spk none;
	memset(&none, 0, sizeof none);
	none.ent = -1;
	if (q_content(q, t, a, e, &none, (np_span){ t[k].s, t[k].e }, para, 0) < 0)
		return -1;
	return 1;
}

static size_t q_sentence_subject(const q_state *q, const np_tok *t, size_t k, size_t *start);
static int q_spk_doubtful(const q_state *q, const np_tok *t, size_t a, size_t b, const q_spk *s);
static void q_ing_subject(q_state *q, const np_tok *t, size_t np_a, size_t k, const q_spk *sent,
                          q_spk *spk);

/* "Trump took to Twitter to accuse the campaign of being “duped”": an
 * infinitive cue whose content holds quoted words reports the sentence
 * subject's words (mixed).  Returns the content's end (claimed), 0 when
 * it is no such cue, -1 on OOM. */
static int q_infinitive_quote(q_state *q, const np_tok *t, size_t k, size_t n, size_t para,
                              const q_spk *sent)
{
	const np_tok *c = &t[k];
	if (q->lang != LX_LANG_EN || !(c->flags & TF_LOWER) ||
	    !(((c->lex & LX_CUE_ANY) && (c->langs & q->lang)) || q_weak_cue(q, c)))
		return 0;
	size_t cs = k + 1;
	size_t ce = q_content_end(q, t, cs, n);
	int quoted = 0, words = 0;
	for (size_t m = cs; m < ce; m++) {
		quoted |= t[m].kind == TK_QUOTE;
		words += t[m].kind == TK_WORD;
	}
	if (!quoted || !words)
		return 0;
	q_spk spk;
	if (sent && sent->set) {
		spk = *sent;
	} else {
		size_t sa = 0, sb = q_sentence_subject(q, t, k, &sa);
		if (sb == SIZE_MAX)
			return 0;
		q_resolve(q, t, sa, sb, &spk);
	}
	spk.cue = (np_span){ c->s, c->e };
	int rc = q_content(q, t, cs, ce, &spk, spk.cue, para, 1);
	if (rc < 0)
		return -1;
	return rc > 0 ? (int)ce : 0;
}

/* "appeared to suggest", "went on to say", "continues to insist": a verb
 * that passes its subject to the cue after "to".  Returns the first token
 * of that verb group, or SIZE_MAX. */
static size_t q_raising(const q_state *q, const np_tok *t, size_t k)
{
	static const char *const raise[] = { "appeared", "appears", "appear", "seemed",
		"seems", "seem", "continued", "continues", "continue", "continuing", "went",
		"goes", "go", "going", "proceeded", "began", "begins", "tends", "tended",
		"decided", "chose", "wanted", "hastened", "rushed", NULL };
	if (q->lang != LX_LANG_EN || k < 2 || !np_nlp__tok_is(q->rec->text, &t[k - 1], "to"))
		return SIZE_MAX;
	size_t v = k - 2;
	if (np_nlp__tok_is(q->rec->text, &t[v], "on") && v > 0)
		v--; /* "went on to say" */
	if (t[v].kind != TK_WORD || !(t[v].flags & TF_LOWER))
		return SIZE_MAX;
	for (int i = 0; raise[i]; i++)
		if (np_nlp__tok_is(q->rec->text, &t[v], raise[i]))
			return v;
	return SIZE_MAX;
}

/* A time adjunct between a subject and its cue, ending before token j:
 * "on Wednesday", "just this month", "earlier this week", "on Friday
 * morning".  Returns the token where it starts, or j. */
static size_t q_time_back(const q_state *q, const np_tok *t, size_t lo, size_t j)
{
	static const char *const head[] = { "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "week", "month", "year", "morning", "afternoon",
		"evening", "night", "weekend", "summer", "spring", "fall", "winter", NULL };
	static const char *const lead[] = { "on", "this", "last", "next", "earlier", "later",
		"that", "late", "early", "in", NULL };
	const char *x = q->rec->text;
	size_t m = j;
	if (m <= lo || t[m - 1].kind != TK_WORD)
		return j;
	int is_head = 0;
	for (int i = 0; head[i]; i++)
		is_head |= np_nlp__tok_is(x, &t[m - 1], head[i]);
	/* "on Friday morning" */
	if (is_head && m - 1 > lo && t[m - 2].kind == TK_WORD) {
		for (int i = 0; head[i] && i < 7; i++)
			if (np_nlp__tok_is(x, &t[m - 2], head[i]))
				m--;
	}
	if (!is_head)
		return j;
	m--;
	size_t a = m;
	while (a > lo && m - a < 2 && t[a - 1].kind == TK_WORD && (t[a - 1].flags & TF_LOWER)) {
		int l = 0;
		for (int i = 0; lead[i]; i++)
			l |= np_nlp__tok_is(x, &t[a - 1], lead[i]);
		l |= np_nlp__tok_is(x, &t[a - 1], "just");
		if (!l)
			break;
		a--;
	}
	/* a bare "Friday" is fine; "week" needs its "this"/"last" */
	if (a == m && !(t[m].flags & TF_CAP))
		return j;
	return a;
}

/* A comma, or a quote whose words end with one ("…," adding that). */
static int q_comma_like(const q_state *q, const np_tok *t)
{
	if (q_punct(q, t, ","))
		return 1;
	return t->kind == TK_QUOTE && q->r[t->quote].ce > q->r[t->quote].cs &&
	       q->rec->text[q->r[t->quote].ce - 1] == ',';
}

/* Does the quote start like a sentence (a capital letter)? */
static int q_quote_opens_sentence(const q_state *q, const np_tok *t)
{
	const q_region *r = &q->r[t->quote];
	if (r->ce <= r->cs)
		return 0;
	unsigned char c = (unsigned char)q->rec->text[r->cs];
	return (c >= 'A' && c <= 'Z') || c >= 0xC3 || (c >= '0' && c <= '9');
}

/* A quote of at most four words right after a preposition or a
 * possessive ('on CBS's "Face the Nation,"', 'in "The Times,"') is a title,
 * not what the speaker after it said. */
static int q_quote_is_title(const q_state *q, const np_tok *t, size_t lo, size_t qi)
{
	if (qi <= lo || t[qi - 1].kind != TK_WORD)
		return 0;
	const np_tok *p = &t[qi - 1];
	if (!((p->lex & LX_PREP) && (p->flags & TF_LOWER)) && !(p->flags & TF_POSS))
		return 0;
	const q_region *r = &q->r[t[qi].quote];
	size_t words = 1;
	for (size_t i = r->cs; i < r->ce; i++)
		words += q->rec->text[i] == ' ';
	return words <= 4;
}

/* 'In his book, "Make Your Kid a Millionaire,"', 'the anthem "A Change Is
 * Gonna Come,"': two to eight words, each capitalised but for short
 * function words, after other words: a title. */
static int q_quote_is_title_case(const q_state *q, const np_tok *t, size_t lo, size_t qi)
{
	static const char *const small[] = { "a", "an", "the", "of", "in", "on", "to", "for",
		"and", "or", "at", "by", "with", NULL };
	if (qi <= lo || t[qi - 1].kind == TK_QUOTE)
		return 0;
	const q_region *r = &q->r[t[qi].quote];
	const char *x = q->rec->text;
	size_t words = 0, i = r->cs;
	while (i < r->ce) {
		while (i < r->ce && x[i] == ' ')
			i++;
		if (i >= r->ce)
			break;
		size_t w = i;
		while (i < r->ce && x[i] != ' ')
			i++;
		size_t wl = i - w;
		while (wl > 0 && strchr(",.;:!?", x[w + wl - 1]))
			wl--;
		words++;
		unsigned char c = (unsigned char)x[w];
		if (c >= 'A' && c <= 'Z')
			continue;
		int ok = 0;
		for (int s = 0; small[s]; s++)
			ok |= strlen(small[s]) == wl && strncmp(x + w, small[s], wl) == 0;
		if (!ok || words == 1)
			return 0;
	}
	return words >= 2 && words <= 8;
}

/* After an inverted speaker ("…, said Smith"): the clause must end there,
 * or go on with an appositive, an adjunct or a quote. */
static int q_inverted_end_ok(const q_state *q, const np_tok *t, size_t a, size_t m, size_t n)
{
	/* ", said the videos show Scott leaving": a long phrase running on */
	if (m - a >= 5 && (t[a].lex & LX_DET))
		return 0;
	if (m >= n || t[m].kind == TK_QUOTE || q_punct(q, &t[m], ",.:;!?)") || q_dash(q, &t[m]))
		return 1;
	/* ", said parents still want", ", said members will help" */
	return !(t[m].kind == TK_WORD && (t[m].flags & TF_LOWER) && q_aux(q, &t[m]));
}

/* A subject the appositive rules miss, ending at token j (a comma or a
 * dash before the cue):
 * - "Kall -- co-editor of a book on debates -- said": the phrase before
 *   the opening dash;
 * - "one of the tenants' lawyers, Omar Reyes, said": the name
 *   between the last two commas.
 * Returns its first token (its last in *end), or SIZE_MAX. */
static size_t q_subject_fallback(const q_state *q, const np_tok *t, size_t lo, size_t j,
                                 size_t *end)
{
	int dash = q_dash(q, &t[j]);
	while (dash && j > lo + 1 && q_dash(q, &t[j - 1]))
		j--; /* "--" typed as two hyphens */
	size_t o = j;
	while (o > lo && j - o < 40) {
		o--;
		if (t[o].kind == TK_QUOTE || ((t[o].lex & LX_CUE_ANY) && (t[o].langs & q->lang) &&
		                              (t[o].flags & TF_LOWER)))
			return SIZE_MAX;
		if (dash ? q_dash(q, &t[o]) : q_punct(q, &t[o], ","))
			break;
	}
	if (o <= lo || o == j || !(dash ? q_dash(q, &t[o]) : q_punct(q, &t[o], ",")))
		return SIZE_MAX;
	if (dash) {
		while (o > lo + 1 && q_dash(q, &t[o - 1]))
			o--;
		size_t a = q_np_back(q, t, lo, o - 1);
		if (a == SIZE_MAX || !q_np_starts_clause(q, t, lo, a))
			return SIZE_MAX;
		*end = o - 1;
		return a;
	}
	/* "Ann Lee, 59, of Dover, who watched it, said": the phrase that
	 * opens the clause, before its first comma */
	if (o + 1 < j && (np_nlp__tok_is(q->rec->text, &t[o + 1], "who") ||
	                  np_nlp__tok_is(q->rec->text, &t[o + 1], "which"))) {
		size_t b = lo;
		while (b < o && !q_punct(q, &t[b], ","))
			b++;
		if (b == lo || b > o)
			return SIZE_MAX;
		if (q_np_back(q, t, lo, b - 1) != lo)
			return SIZE_MAX;
		*end = b - 1;
		return lo;
	}
	/* the name between the commas: short and capitalised */
	if (j - o < 2 || j - o > 5)
		return SIZE_MAX;
	size_t a = q_np_back(q, t, o + 1, j - 1);
	if (a != o + 1 || !(t[a].flags & TF_CAP) || !(t[j - 1].flags & TF_CAP))
		return SIZE_MAX;
	*end = j - 1;
	return a;
}

/* The noun phrase that opens the sentence, ending before token k: its last
 * token, or SIZE_MAX. */
static size_t q_sentence_subject(const q_state *q, const np_tok *t, size_t k, size_t *start)
{
	size_t s0 = 0;
	/* "In 1986, the court …": a leading adjunct up to its comma */
	if (k > 2 && (t[0].lex & LX_PREP))
		for (size_t m = 1; m < k && m < 7; m++)
			if (q_punct(q, &t[m], ",")) {
				s0 = m + 1;
				break;
			}
	/* "Stung by the reviews, as well as …, the mayor revised": a fronted
	 * participle clause; the subject opens the first phrase after one of
	 * its commas that can be one */
	if (s0 == 0 && k > 3 && q->lang == LX_LANG_EN && t[0].kind == TK_WORD &&
	    (t[0].flags & TF_CAP) && t[1].kind == TK_WORD && (t[1].flags & TF_LOWER) &&
	    (q_ends_with(q, &t[0], "ed") || q_ends_with(q, &t[0], "ing") ||
	     np_nlp__tok_is(q->rec->text, &t[1], "by")) &&
	    !(t[0].lex & (LX_GIVEN_M | LX_GIVEN_F | LX_PLACE | LX_ORG_WORD | LX_NOUN_SPEAKER)))
		for (size_t m = 2; m + 1 < k && m < 30; m++)
			if (q_punct(q, &t[m], ",")) {
				size_t b = q_sentence_subject(q, t + m + 1, k - m - 1, start);
				if (b != SIZE_MAX && !(t[m + 1].lex & LX_PREP)) {
					*start = m + 1;
					return b + m + 1;
				}
			}
	size_t best = SIZE_MAX;
	for (size_t b = s0; b < k && b < s0 + 10; b++) {
		if (q_np_back(q, t, s0, b) == s0)
			best = b;
		else if (best != SIZE_MAX)
			break;
	}
	*start = s0;
	if (best != SIZE_MAX && (t[s0].lex & LX_PREP) && !(t[s0].lex & LX_DET))
		return SIZE_MAX; /* "In the coming weeks …" is no subject */
	return best;
}

/* "Companies and investors complain that …", "Obama and Clinton said":
 * two coordinated phrases as the subject ending at token j; a (the start
 * the simple rules found, or SIZE_MAX).  Returns the first token of the
 * coordination, or SIZE_MAX. */
static size_t q_coord_subject(const q_state *q, const np_tok *t, size_t lo, size_t j, size_t a)
{
	if (j == SIZE_MAX || j < lo + 2 || t[j].kind != TK_WORD)
		return SIZE_MAX;
	/* a bare plural ("investors") the simple rules refuse alone */
	if (a == SIZE_MAX && (t[j].flags & TF_LOWER) && q_ends_with(q, &t[j], "s") &&
	    !(t[j].lex & (LX_CUE_ANY | LX_AUX | LX_BOUNDARY | LX_PREP)))
		a = j;
	if (a == SIZE_MAX || a < lo + 2 || !np_nlp__tok_is(q->rec->text, &t[a - 1], "and"))
		return SIZE_MAX;
	size_t e = a - 2;
	size_t a0 = q_np_back(q, t, lo, e);
	if (a0 == SIZE_MAX && (t[e].flags & (TF_CAP | TF_LOWER)) && q_ends_with(q, &t[e], "s") &&
	    !(t[e].lex & (LX_CUE_ANY | LX_AUX | LX_BOUNDARY | LX_PREP)))
		a0 = e;
	if (a0 == SIZE_MAX || !q_np_starts_clause(q, t, lo, a0))
		return SIZE_MAX;
	return a0;
}

/* A phrase that hardly speaks: a place, a time ("early Friday"), a
 * document or a thing ("a series of tweets"); a pronoun, a person, an
 * organisation, a name we do not know or a speaker noun ("officials")
 * may. */
static int q_spk_doubtful(const q_state *q, const np_tok *t, size_t a, size_t b, const q_spk *s)
{
	if (a == b && q_is_pronoun(q, &t[a]))
		return 0;
	if (s->ent >= 0)
		return q->rec->ents[s->ent].type == NP_ENT_PLACE;
	const np_tok *h = &t[b];
	if ((h->lex & LX_PLACE) && !(h->lex & (LX_GIVEN_M | LX_GIVEN_F)))
		return 1;
	if ((h->flags & TF_DIGIT) || q_temporal(q, h) || (h->lex & LX_CUE_NOUN))
		return 1;
	if (h->lex & (LX_NOUN_SPEAKER | LX_TITLE | LX_ORG_SUFFIX | LX_ORG_WORD | LX_DEMONYM))
		return 0;
	return (h->flags & TF_LOWER) != 0;
}

/* "Clinton spoke in Tulsa, Oklahoma, arguing that …", "Trump sent tweets
 * early Friday saying …": a participle whose nearest phrase cannot speak
 * belongs to the clause's subject (the sentence's speaker, else the
 * phrase that opens it).  *spk is replaced only by a better one. */
static void q_ing_subject(q_state *q, const np_tok *t, size_t np_a, size_t k, const q_spk *sent,
                          q_spk *spk)
{
	if (sent && sent->set && sent->name) {
		*spk = *sent;
		return;
	}
	size_t sa = 0, sb = q_sentence_subject(q, t, np_a, &sa);
	if (sb == SIZE_MAX && np_a == 0 && k > 1)
		/* "In August, several groups granted …, saying": the adjunct
		 * itself was taken; the subject after it */
		sb = q_sentence_subject(q, t, k - 1, &sa);
	if (sb == SIZE_MAX || (sb >= np_a && np_a > 0) || (t[sa].lex & LX_PREP))
		return;
	/* the longest opening phrase may run into the verb ("the Council
	 * issued"): the longest that can speak */
	for (size_t b = sb + 1; b-- > sa;) {
		if (q_np_back(q, t, sa, b) != sa)
			continue;
		q_spk c;
		q_resolve(q, t, sa, b, &c);
		/* the clause's subject may be a plural with a modifier
		 * ("several environmental groups") */
		int plural = b > sa && (t[b].flags & TF_LOWER) && q_ends_with(q, &t[b], "s") &&
		             !q_ends_with(q, &t[b], "ss") && c.ent < 0;
		if (plural || !q_spk_doubtful(q, t, sa, b, &c)) {
			*spk = c;
			return;
		}
	}
}

/* "When she is hiring, she said …": a subordinate clause with its own
 * subject or auxiliary fronted before the speaker, ending at the comma
 * before token a.  Speech-event adjuncts ("In a statement,", "At a
 * rally,") start with a preposition and are no such clause. */
static int q_fronted_clause(const q_state *q, const np_tok *t, size_t lo, size_t a)
{
	static const char *const sub[] = { "when", "if", "while", "because", "although",
		"though", "unless", "once", "whenever", NULL };
	if (q->lang != LX_LANG_EN || a == SIZE_MAX || a < lo + 4 || !q_punct(q, &t[a - 1], ",") ||
	    t[lo].kind != TK_WORD)
		return 0;
	int ok = 0;
	for (int i = 0; sub[i]; i++)
		ok |= np_nlp__tok_is(q->rec->text, &t[lo], sub[i]);
	if (!ok)
		return 0;
	for (size_t m = lo + 1; m + 1 < a; m++) {
		if (t[m].kind == TK_QUOTE)
			return 0;
		if (q_is_pronoun(q, &t[m]) || ((t[m].lex & LX_AUX) && (t[m].flags & TF_LOWER)))
			return 1;
	}
	return 0;
}

/* A relative pronoun at token r before a cue ("who", "which", "that"):
 * the last token of the phrase it refers to, or SIZE_MAX.  "who" and
 * "which" may follow a comma or a dash; "that" follows its noun directly. */
static size_t q_relative_head(const q_state *q, const np_tok *t, size_t r)
{
	const char *x = q->rec->text;
	if (r == 0 || r == SIZE_MAX || t[r].kind != TK_WORD || !(t[r].flags & TF_LOWER))
		return SIZE_MAX;
	int that = np_nlp__tok_is(x, &t[r], "that");
	if (!that && !np_nlp__tok_is(x, &t[r], "who") && !np_nlp__tok_is(x, &t[r], "which"))
		return SIZE_MAX;
	size_t e = r - 1;
	if (!that)
		while (e > 0 && (q_punct(q, &t[e], ",") || q_dash(q, &t[e])))
			e--;
	if (t[e].kind != TK_WORD || (t[e].lex & LX_CUE_ANY) || q_aux(q, &t[e]))
		return SIZE_MAX;
	return e;
}

/* "Asked to describe the device, O'Neill said …", "Asked about the
 * vote, …": the question is reported speech of its own, whose asker the
 * sentence does not name. */
static int q_asked_adjunct(q_state *q, const np_tok *t, size_t n, size_t para)
{
	if (!np_nlp__tok_is(q->rec->text, &t[0], "asked") || !(t[0].flags & TF_CAP) ||
	    t[1].kind != TK_WORD)
		return 0;
	size_t cs = 1;
	if (np_nlp__tok_is(q->rec->text, &t[1], "about"))
		cs = 2;
	else if (!np_nlp__tok_is(q->rec->text, &t[1], "to") && !q_wh(q, &t[1]))
		return 0;
	size_t m = cs;
	while (m < n && m < cs + 40 && !q_punct(q, &t[m], ",") && t[m].kind != TK_QUOTE)
		m++;
	if (m >= n || !q_punct(q, &t[m], ",") || m < cs + 2)
		return 0;
	q_spk none;
	memset(&none, 0, sizeof none);
	none.ent = -1;
	/* the words up to the comma are claimed: "describe" in them is no cue
	 * of the sentence's speaker */
	return q_content(q, t, cs, m, &none, (np_span){ t[0].s, t[0].e }, para, 0) < 0 ? -1
	                                                                                : (int)m + 1;
}

static int q_sentence(q_state *q, const np_tok *t, size_t n, size_t para)
{
	np_record *rec = q->rec;
	size_t claimed_to = 0; /* tokens before this are in some content */
	q->cur_para = para;
	int attributed = 0;
	q_spk sent_spk;
	memset(&sent_spk, 0, sizeof sent_spk);
	int frc = 0;
	if (q->lang == LX_LANG_EN && q_final_attribution(q, t, n, para, &frc)) {
		if (frc < 0)
			return frc;
		claimed_to = n;
		attributed = 1;
		sent_spk = q->last;
	}
	if (q->lang == LX_LANG_EN && n > 4 && claimed_to == 0) {
		int r = q_asked_adjunct(q, t, n, para);
		if (r < 0)
			return -1;
		claimed_to = (size_t)r;
	}
	for (size_t k = 0; k < n; k++) {
		np_span pron;
		int g = q_french_inversion(q, &t[k], t + n, &pron);
		if (g && k > 0 && k >= claimed_to) {
			/* « … », explique-t-il. */
			q_spk spk;
			memset(&spk, 0, sizeof spk);
			spk.set = 1;
			spk.span = pron;
			size_t floor = pron.start > 6000 ? pron.start - 6000 : 0;
			long e = q->last.set && q->last.ent >= 0 && q->last_para + 1 >= para &&
			         rec->ents[q->last.ent].type == NP_ENT_PERSON &&
			         (!rec->ents[q->last.ent].gender || rec->ents[q->last.ent].gender == g)
			         ? q->last.ent : np_ent__person_before(&q->ix, rec, t[k].s, floor, g);
			spk.ent = e;
			spk.name = e >= 0 ? rec->ents[e].name : np_record__span_dup(rec, pron);
			spk.title = e >= 0 ? rec->ents[e].title : NULL;
			size_t cue_end = pron.start - (rec->text[pron.start - 2] == 't' ? 3 : 1);
			spk.cue = cue_end - t[k].s == 1 && k + 1 < n ? (np_span){ t[k + 1].s, t[k + 1].e }
			                                             : (np_span){ t[k].s, cue_end };
			int rc = q_content(q, t, claimed_to, k, &spk, spk.cue, para, 0);
			if (rc < 0)
				return rc;
			q_set_last(q, &spk, para);
			attributed = 1;
			sent_spk = spk;
			claimed_to = spk.cue.start > t[k].s ? k + 2 : k + 1;
			continue;
		}
		int weak = 0;
		if (!q_is_cue(q, t, k, n, k == 0)) {
			weak = q_weak_cue(q, &t[k]);
			if (!weak)
				continue;
		}
		if (k < claimed_to)
			continue;
		if (k > 0 && q_passive_clause(q, t, k, n, claimed_to, para) < 0)
			return -1;
		if (k > 1 && np_nlp__tok_is(rec->text, &t[k - 1], "to") &&
		    q_raising(q, t, k) == SIZE_MAX) {
			int r = q_infinitive_quote(q, t, k, n, para, attributed ? &sent_spk : NULL);
			if (r < 0)
				return -1;
			if (r > 0) {
				claimed_to = (size_t)r;
				continue;
			}
		}
		/* "to assert", "the claim": an infinitive or a noun, not a cue;
		 * "appeared to suggest" is one */
		size_t raise = q_raising(q, t, k);
		if (k > 0 && !(t[k].lex & LX_CUE_ACCORD) &&
		    ((np_nlp__tok_is(rec->text, &t[k - 1], "to") && raise == SIZE_MAX) ||
		     (q->lang == LX_LANG_EN && (t[k - 1].lex & LX_DET) && !(t[k - 1].lex & LX_AUX) &&
		      (t[k - 1].flags & TF_LOWER) && !q_is_pronoun(q, &t[k - 1]) &&
		      /* "a letter that says": a relative pronoun, not "that claim" */
		      !(np_nlp__tok_is(rec->text, &t[k - 1], "that") &&
		        (q_ends_with(q, &t[k], "s") || q_ends_with(q, &t[k], "ed") ||
		         np_nlp__tok_is(rec->text, &t[k], "said") ||
		         np_nlp__tok_is(rec->text, &t[k], "told") ||
		         np_nlp__tok_is(rec->text, &t[k], "wrote")))) ||
		     /* "the editor's note", "Obama's remarks" */
		     (q->lang == LX_LANG_EN && (t[k - 1].flags & TF_POSS) && (t[k].flags & TF_LOWER) &&
		      !(t[k - 1].lex & LX_PRONOUN) && !q_ends_with(q, &t[k], "ing") &&
		      !(k + 1 < n && (t[k + 1].lex & LX_THAT))) ||
		     q_cue_is_noun(q, t, k, n) || q_passive(q, t, k) ||
		     /* "it is worth noting that" */
		     (q->lang == LX_LANG_EN && np_nlp__tok_is(rec->text, &t[k - 1], "worth"))))
			continue;
		const np_tok *c = &t[k];
		np_span cue = { c->s, c->e };
		q_spk spk;
		memset(&spk, 0, sizeof spk);
		spk.ent = -1;
		int rc = 0;
		if ((c->lex & LX_CUE_ACCORD) && !weak) {
			/* according to X / laut X / selon X; German "X zufolge" */
			int zufolge = np_nlp__tok_is(rec->text, c, "zufolge");
			size_t s0 = (q->lang == LX_LANG_EN) ? k + 2 : k + 1;
			size_t e0;
			if (zufolge) {
				size_t b0 = k ? q_np_back(q, t, 0, k - 1) : SIZE_MAX;
				if (b0 == SIZE_MAX)
					continue;
				q_resolve(q, t, b0, k - 1, &spk);
				spk.cue = cue;
				cue.end = c->e;
				rc = q_content(q, t, k + 1, n, &spk, cue, para, 0);
				claimed_to = n;
				attributed = 1;
				sent_spk = spk;
				if (rc < 0)
					return rc;
				continue;
			}
			int initial = k == 0 || (k == 1 && t[0].kind == TK_PUNCT);
			e0 = q->lang == LX_LANG_DE && initial ? q_accord_source(q, t, s0, n, initial)
			                                      : q_np_fwd(q, t, s0, n);
			if (e0 == SIZE_MAX)
				e0 = q_accord_source(q, t, s0, n, initial);
			if (e0 == SIZE_MAX)
				continue;
			if (q->lang == LX_LANG_EN)
				cue.end = t[k + 1].e;
			q_resolve(q, t, s0, e0, &spk);
			spk.cue = cue;
			size_t after = q_skip_appositive(q, t, e0 + 1, n);
			/* "According to Ham, the administration has …": an appositive
			 * before the content is closed by a comma; running to the
			 * sentence's end it is the content */
			if (initial && after > e0 + 1 && !(after < n && q_punct(q, &t[after], ",")))
				after = e0 + 1;
			if (initial) {
				rc = q_content(q, t, after, n, &spk, cue, para, 0);
			} else {
				/* ", according to X." closes the sentence */
				size_t b = k;
				rc = q_content(q, t, claimed_to, b, &spk, cue, para, 0);
				/* "The plan, according to X, will fail": the rest after
				 * the source's comma */
				if (after < n && (q_punct(q, &t[after], ",") || q->lang != LX_LANG_EN) &&
				    !q_only_punct(q, t, after, n) &&
				    /* ", and other scientists." continues the source */
				    !(after + 1 < n && n - after < 6 &&
				      (np_nlp__tok_is(rec->text, &t[after + 1], "and") ||
				       np_nlp__tok_is(rec->text, &t[after + 1], "or"))))
					rc = rc < 0 ? rc : q_content(q, t, after, n, &spk, cue, para, 0);
			}
			if (rc < 0)
				return rc;
			claimed_to = n;
			attributed = 1;
			sent_spk = spk;
			continue;
		}
		/* "called on the council to …", "calls for a recount": a demand is
		 * reported speech with or without quoted words */
		int call_for = weak == 1 && k + 2 < n && t[k + 2].kind != TK_PUNCT &&
		               (np_nlp__tok_is(rec->text, c, "called") ||
		                np_nlp__tok_is(rec->text, c, "calls") ||
		                np_nlp__tok_is(rec->text, c, "call") ||
		                np_nlp__tok_is(rec->text, c, "calling")) &&
		               (np_nlp__tok_is(rec->text, &t[k + 1], "on") ||
		                np_nlp__tok_is(rec->text, &t[k + 1], "for"));
		/* "pointed to …" reports what was pointed at */
		if (!call_for && k + 2 < n && t[k + 2].kind != TK_PUNCT &&
		    np_nlp__tok_is(rec->text, &t[k + 1], "to") && c->e - c->s >= 5 &&
		    strncasecmp(rec->text + c->s, "point", 5) == 0)
			call_for = 1;
		if (call_for && (np_nlp__tok_is(rec->text, &t[k + 1], "for") ||
		                 np_nlp__tok_is(rec->text, &t[k + 1], "on"))) {
			/* "called for the guards to leave" is a demand, "called for a
			 * moratorium" mostly a position, "call on their help" no
			 * request: only a demand with an infinitive is reported */
			int inf = q_ends_with(q, &t[k + 2], "ing"); /* "called for changing" */
			for (size_t m = k + 3; !inf && m < n && m < k + 9 && t[m].kind == TK_WORD; m++)
				if (np_nlp__tok_is(rec->text, &t[m], "to")) {
					inf = m + 1 < n && ((t[m + 1].kind == TK_WORD && (t[m + 1].flags & TF_LOWER)) ||
					                    t[m + 1].kind == TK_QUOTE);
					break;
				}
			if (!inf)
				continue;
		}
		size_t cs_fix = k + 2;
		if (call_for) {
			weak = 0;
			cue.end = t[k + 1].e;
		}
		if (weak == 3) {
			/* "spoke at length of …", "talked about …": the topic */
			size_t m = k + 1;
			/* "spoke out about", "spoke emotionally of"; not "spoke for
			 * about five minutes" */
			if (m < n && t[m].kind == TK_WORD && (np_nlp__tok_is(rec->text, &t[m], "out") ||
			                                      q_ends_with(q, &t[m], "ly")))
				m++;
			if (m + 1 >= n || t[m].kind != TK_WORD || t[m + 1].kind != TK_WORD ||
			    (t[m + 1].flags & TF_DIGIT) ||
			    !(np_nlp__tok_is(rec->text, &t[m], "about") ||
			      np_nlp__tok_is(rec->text, &t[m], "of")))
				continue;
			call_for = 1;
			weak = 0;
			cs_fix = m + 1;
		}
		/* "pointed out that …": the particle is part of the cue */
		int pout = !call_for && k + 2 < n && np_nlp__tok_is(rec->text, &t[k + 1], "out") &&
		           c->e - c->s >= 5 && strncasecmp(rec->text + c->s, "point", 5) == 0;
		if (pout)
			cue.end = t[k + 1].e;
		int tell = !!(c->lex & LX_CUE_TELL) && !(c->lex & LX_CUE_SAY) && !weak;
		/* headlines: "Lawmaker urges retaliation" and "Judge rejects
		 * request" report no words; "Trump urges supporters to vote"
		 * does */
		if (q->headline && (c->lex & LX_CUE_ACCUSE) && !(c->lex & LX_CUE_SAY))
			continue;
		if (q->headline && tell) {
			int to = 0;
			for (size_t m = k + 1; m < n && m < k + 6; m++)
				to |= np_nlp__tok_is(rec->text, &t[m], "to");
			if (!to)
				continue;
		}
		/* "Clinton cited remarks he had made", "He proposes doing away
		 * with …": what was cited or proposed is reported ("police
		 * questioned the driver" is no report: questioned needs a
		 * wh-clause) */
		if (weak == 2 && q->lang == LX_LANG_EN && k + 2 < n && t[k + 1].kind == TK_WORD &&
		    !(t[k + 1].lex & LX_PREP) &&
		    (np_nlp__tok_is(rec->text, c, "cited") || np_nlp__tok_is(rec->text, c, "cites") ||
		     np_nlp__tok_is(rec->text, c, "mentioned") ||
		     np_nlp__tok_is(rec->text, c, "proposes") || np_nlp__tok_is(rec->text, c, "proposed")))
			weak = 0, call_for = 0, cue.end = c->e;
		int accuse = weak == 1 || (!weak && (c->lex & LX_CUE_ACCUSE) && !(c->lex & LX_CUE_SAY)) ||
		             (!weak && !(c->lex & LX_CUE_ANY) && q->lang == LX_LANG_EN);
		/* auxiliaries between speaker and cue: "has already", "a"; a time
		 * adjunct: "on Wednesday" */
		size_t j = raise != SIZE_MAX ? raise : k;
		size_t j0 = j;
		while (j > 0 && j + 4 > j0 && q_aux(q, &t[j - 1]))
			j--;
		if (!q_ends_with(q, &t[k], "ing"))
			j = q_time_back(q, t, claimed_to, j);
		j0 = j;
		while (j > 0 && j + 3 > j0 && q_aux(q, &t[j - 1]))
			j--;
		size_t np_a = SIZE_MAX, np_b = SIZE_MAX;
		int inverted = 0;
		/* "a statement announcing": an -ing form after a document noun */
		if (j == k && k > 0 && weak != 1 && (t[k - 1].lex & LX_CUE_NOUN) && c->e - c->s > 4 &&
		    strncmp(rec->text + c->e - 3, "ing", 3) == 0)
			continue;
		const np_tok *prev = j > 0 ? &t[j - 1] : NULL;
		const np_tok *verb = raise != SIZE_MAX ? &t[raise] : c;
		int ing = verb->e - verb->s > 3 && strncmp(rec->text + verb->e - 3, "ing", 3) == 0;
		if (j == k && k > 0 && ing && !weak && (c->lex & LX_CUE_SAY) && (t[k - 1].lex & LX_PREP) &&
		    !(t[k - 1].lex & LX_THAT) && t[k - 1].kind == TK_WORD && q->lang == LX_LANG_EN &&
		    !np_nlp__tok_is(rec->text, &t[k - 1], "to") &&
		    !np_nlp__tok_is(rec->text, &t[k - 1], "without")) {
			/* "for saying that …", "aside from saying …": a gerund;
			 * who said it is the sentence's speaker, else its first
			 * person or organisation, else unknown */
			size_t cs = q_after_cue(q, t, k + 1, n, tell);
			size_t ce = q_content_end(q, t, cs, n);
			q_spk gs = sent_spk;
			size_t gsa = 0, gsb = attributed ? SIZE_MAX : q_sentence_subject(q, t, k, &gsa);
			if (gsb != SIZE_MAX && !(t[gsa].lex & LX_PREP)) {
				/* "they published it by announcing that …" */
				q_resolve(q, t, gsa, gsb, &gs);
			} else if (!attributed) {
				np_span m;
				long e = np_ent__first_in_span(&q->ix, rec, t[0].s, c->s, &m);
				memset(&gs, 0, sizeof gs);
				gs.ent = e;
				if (e >= 0) {
					gs.set = 1;
					gs.span = m;
					gs.name = rec->ents[e].name;
					gs.title = rec->ents[e].title;
				}
			}
			gs.cue = cue;
			/* a clause follows: "for saying that …", "from saying he …" */
			int clause = cs > k + 1 ||
			             (cs < n && (q_is_pronoun(q, &t[cs]) ||
			                         ((t[cs].lex & (LX_DET | LX_PRONOUN)) &&
			                          (t[cs].lex & LX_PRONOUN))));
			if (gs.set && clause && cs < ce && !q_only_punct(q, t, cs, ce)) {
				rc = q_content(q, t, cs, ce, &gs, cue, para, 0);
				if (rc < 0)
					return rc;
				claimed_to = ce;
			}
			continue;
		}
		/* "Said Ellis: …" inverts; "Claiming …, Trump told" is an adjunct */
		if (!prev && (c->flags & TF_CAP) && !ing) {
			/* Said Ellis: "…" */
			np_b = q_np_fwd(q, t, k + 1, n);
			if (np_b != SIZE_MAX) {
				np_a = k + 1;
				inverted = 1;
			}
		}
		/* "Tanner, an analyst at Cato, said": a subject before an appositive
		 * wins over a phrase after the cue */
		size_t app_end = SIZE_MAX;
		size_t app_a = (prev && q_punct(q, prev, ",") && j >= 2)
		               ? q_np_back_ext(q, t, claimed_to, j - 1, &app_end) : SIZE_MAX;
		if (app_a == SIZE_MAX && prev && (q_punct(q, prev, ",") || q_dash(q, prev)) && j >= 2)
			app_a = q_subject_fallback(q, t, claimed_to, j - 1, &app_end);
		int app_ok = app_a != SIZE_MAX &&
		             (app_a == claimed_to || q_before_ok(q, t, app_a) ||
		              q_np_starts_clause(q, t, claimed_to, app_a));
		/* "…," told X is no English order: X is the hearer */
		int told = q->lang == LX_LANG_EN &&
		           (np_nlp__tok_is(rec->text, c, "told") || np_nlp__tok_is(rec->text, c, "tells") ||
		            np_nlp__tok_is(rec->text, c, "tell") || np_nlp__tok_is(rec->text, c, "informed") ||
		            np_nlp__tok_is(rec->text, c, "briefed"));
		if (prev && !ing && !app_ok && !told && (prev->kind == TK_QUOTE || q_punct(q, prev, ",") ||
		             (q->lang != LX_LANG_EN && (prev->kind == TK_WORD) &&
		              !(prev->flags & TF_CAP) && !q_is_pronoun(q, prev) &&
		              !(prev->lex & LX_DET)))) {
			/* "…," said Kirby / „…“, sagte Müller; after a comma the
			 * phrase must end the clause ("…, said Smith." / ", said
			 * Smith, the mayor"), not start one (", said parents still
			 * want …") */
			np_b = q_np_fwd(q, t, k + 1, n);
			if (np_b != SIZE_MAX && q->lang == LX_LANG_EN && prev->kind != TK_QUOTE &&
			    !q_inverted_end_ok(q, t, k + 1, np_b + 1, n))
				np_b = SIZE_MAX;
			if (np_b != SIZE_MAX) {
				np_a = k + 1;
				inverted = 1;
			}
		}
		size_t rel_end = !inverted && prev && q->lang == LX_LANG_EN ? q_relative_head(q, t, j - 1)
		                                                            : SIZE_MAX;
		size_t jrel = j;
		/* "McConnell, who in 2010 said …": a time between the relative
		 * pronoun and the cue */
		for (size_t r = j - 1; rel_end == SIZE_MAX && !inverted && prev && q->lang == LX_LANG_EN &&
		                       r > claimed_to + 1 && r + 5 > j;
		     r--) {
			if (np_nlp__tok_is(rec->text, &t[r - 1], "who") ||
			    np_nlp__tok_is(rec->text, &t[r - 1], "which") ||
			    !q_temporal(q, &t[r - 1]) || (t[r - 1].lex & LX_DET)) {
				if (r + 1 < j)
					rel_end = q_relative_head(q, t, r - 1);
				if (rel_end != SIZE_MAX)
					jrel = r;
				break;
			}
		}
		if (rel_end != SIZE_MAX) {
			const np_tok *rp = &t[jrel - 1];
			/* "Mr. Kamin, who emphasized that …", "the court, which ruled
			 * that …", "a letter that says …": the speaker is before */
			np_b = rel_end;
			np_a = q_np_back(q, t, rel_end >= claimed_to ? claimed_to : 0, rel_end);
			if (np_a != SIZE_MAX && q_is_pronoun(q, &t[np_a]) && np_a == np_b &&
			    !np_nlp__tok_is(rec->text, rp, "who"))
				np_a = SIZE_MAX; /* "it that says" is no phrase */
			if (np_a != SIZE_MAX) {
				q_resolve(q, t, np_a, np_b, &spk);
				spk.cue = cue;
				size_t cs = call_for ? cs_fix : q_after_cue(q, t, k + 1 + pout, n, tell);
				size_t ce = q_content_end(q, t, cs, n);
				/* "The board, which argued that …, met on Monday": the
				 * main clause resumes after the relative's comma */
				if (jrel >= 2 && q_punct(q, &t[jrel - 2], ","))
					for (size_t m = cs + 1; m + 1 < ce; m++)
						if (q_punct(q, &t[m], ",") && t[m + 1].kind == TK_WORD &&
						    (t[m + 1].flags & TF_LOWER) &&
						    !(t[m + 1].lex & (LX_DET | LX_BOUNDARY | LX_PREP | LX_PRONOUN |
						                      LX_CUE_ANY)) &&
						    !q_ends_with(q, &t[m + 1], "ing") && !q_aux(q, &t[m + 1])) {
							ce = m;
							break;
						}
				if (cs < ce && !q_only_punct(q, t, cs, ce)) {
					rc = q_content(q, t, cs, ce, &spk, cue, para, weak);
					if (rc < 0)
						return rc;
					if (rc > 0)
						claimed_to = ce;
				}
				continue;
			}
		}
		if (!inverted && prev && app_a != SIZE_MAX && app_ok) {
			np_a = app_a;
			np_b = app_end;
		} else if (!inverted && prev) {
			np_b = j - 1;
			np_a = q_np_back_ext(q, t, claimed_to, j - 1, &np_b);
			size_t co = q->lang == LX_LANG_EN ? q_coord_subject(q, t, claimed_to, j - 1, np_a)
			                                  : SIZE_MAX;
			/* "It said the plan …", "the benefit, it says, would …": a
			 * document or an organisation named before */
			if (np_a == SIZE_MAX && q->lang == LX_LANG_EN && np_nlp__tok_is(rec->text, prev, "it") &&
			    !(j >= 2 && np_nlp__tok_is(rec->text, &t[j - 2], "that")))
				np_a = np_b = j - 1;
			if (co != SIZE_MAX) {
				np_a = co; /* "Companies and investors complain" */
				np_b = j - 1;
			}
			if (np_a == SIZE_MAX) {
				/* ", adding that": the sentence's speaker goes on; with none
				 * yet, the person the sentence is about */
				if (!attributed && q_punct(q, prev, ",") && ing) {
					np_span m;
					size_t sa = 0;
					size_t sb = q_sentence_subject(q, t, j - 1, &sa);
					long e = sb != SIZE_MAX ? -1
					         : np_ent__first_in_span(&q->ix, rec, t[0].s, c->s, &m);
					if (sb != SIZE_MAX) {
						/* "In 1986, the court blocked it, citing …" */
						q_resolve(q, t, sa, sb, &sent_spk);
						sent_spk.cue = cue;
						attributed = 1;
					} else if (e >= 0) {
						sent_spk.ent = e;
						sent_spk.set = 1;
						sent_spk.span = m;
						sent_spk.name = rec->ents[e].name;
						sent_spk.title = rec->ents[e].title;
						sent_spk.cue = cue;
						attributed = 1;
					}
				}
				int coord = np_nlp__tok_is(rec->text, prev, "and") ||
				            np_nlp__tok_is(rec->text, prev, "but");
				if (coord && !attributed) {
					/* "The nominee outlined his plan and vowed to …": the
					 * sentence's first person or organisation */
					np_span m;
					long e = np_ent__first_in_span(&q->ix, rec, t[0].s, c->s, &m);
					size_t sa = 0;
					size_t sb = e < 0 ? q_sentence_subject(q, t, k, &sa) : SIZE_MAX;
					if (sb != SIZE_MAX) {
						/* "His sister agreed, but also argued …" */
						q_resolve(q, t, sa, sb, &sent_spk);
						sent_spk.cue = cue;
						attributed = 1;
					} else if (e < 0)
						coord = 0;
					else {
						memset(&sent_spk, 0, sizeof sent_spk);
						sent_spk.ent = e;
						sent_spk.set = 1;
						sent_spk.span = m;
						sent_spk.name = rec->ents[e].name;
						sent_spk.title = rec->ents[e].title;
						sent_spk.cue = cue;
						attributed = 1;
					}
				}
				if (coord) {
					/* "Lavrov countered that … and accused the U.S. of …" */
					size_t cs = call_for ? cs_fix : pout ? q_after_cue(q, t, k + 2, n, 0)
					            : accuse ? k + 1 : q_after_cue(q, t, k + 1, n, tell);
					size_t ce = q_content_end(q, t, cs, n);
					rc = q_content(q, t, cs, ce, &sent_spk, cue, para, weak);
					if (rc < 0)
						return rc;
					claimed_to = ce;
					continue;
				}
				if (attributed && q_comma_like(q, prev) && ing) {
					size_t cs = q_after_cue(q, t, k + 1, n, tell);
					rc = q_content(q, t, cs, q_content_end(q, t, cs, n), &sent_spk, cue,
					               para, 0);
					if (rc < 0)
						return rc;
					claimed_to = n;
				}
				continue;
			}
		}
		if (np_a == SIZE_MAX)
			continue;
		q_resolve(q, t, np_a, np_b, &spk);
		if (!inverted && ing && q->lang == LX_LANG_EN && q_spk_doubtful(q, t, np_a, np_b, &spk))
			q_ing_subject(q, t, np_a, k, attributed ? &sent_spk : NULL, &spk);
		if (!inverted && q->lang == LX_LANG_EN && np_a > claimed_to && t[np_a - 1].kind == TK_WORD &&
		    (t[np_a - 1].lex & LX_PREP) && !(t[np_a - 1].lex & (LX_DET | LX_THAT)) &&
		    q_spk_doubtful(q, t, np_a, np_b, &spk)) {
			/* "In a message posted Friday, Cruz said": the phrase after a
			 * preposition is no subject, and a cue in an adjunct that
			 * opens the clause is none; "Stumpf in an interview appeared
			 * to blame": the subject is before the adjunct */
			size_t pa = np_a - 1;
			if (pa == claimed_to || t[pa - 1].kind != TK_WORD) {
				int adjunct = 0;
				for (size_t m = k + 1; m < n && m < k + 5 && !adjunct; m++)
					adjunct = q_punct(q, &t[m], ",");
				if (adjunct)
					continue;
			}
			/* the words before the preposition, if any (pa may be the
			 * first token the clause may use: then there are none) */
			size_t b2 = pa > claimed_to ? pa - 1 : pa;
			/* "Protesters marching through the streets chanted": a
			 * participle between the subject and its adjunct */
			if (pa > claimed_to && b2 > claimed_to && t[b2].kind == TK_WORD && (t[b2].flags & TF_LOWER) &&
			    q_ends_with(q, &t[b2], "ing") && !(t[b2].lex & LX_CUE_ANY))
				b2--;
			size_t a2 = pa > claimed_to ? q_np_back(q, t, claimed_to, b2) : SIZE_MAX;
			q_spk c2;
			if (a2 != SIZE_MAX)
				q_resolve(q, t, a2, b2, &c2);
			if (a2 != SIZE_MAX && !q_spk_doubtful(q, t, a2, b2, &c2)) {
				spk = c2;
				np_a = a2;
				np_b = b2;
			}
		}
		spk.cue = cue;
		if (inverted) {
			size_t after = q_skip_appositive(q, t, np_b + 1, n);
			size_t before_end = j;
			while (before_end > claimed_to && t[before_end - 1].kind == TK_PUNCT &&
			       !q_dash(q, &t[before_end - 1]))
				before_end--;
			if (before_end > claimed_to) {
				rc = q_content(q, t, claimed_to, j, &spk, cue, para, weak);
				if (rc < 0)
					return rc;
			}
			/* „…“, sagte er, „…“ : the rest may hold more */
			size_t a2 = after;
			while (a2 < n && t[a2].kind == TK_WORD && a2 < after + 8 &&
			       q_temporal(q, &t[a2]))
				a2++;
			if (a2 < n && !q_only_punct(q, t, a2, n)) {
				if (q_punct(q, &t[a2], ",:.")) {
					rc = q_content(q, t, a2, q_content_end(q, t, a2, n), &spk, cue, para, 1);
					if (rc < 0)
						return rc;
				}
			}
			q_set_last(q, &spk, para);
			attributed = 1;
			sent_spk = spk;
			claimed_to = n;
			/* "…," said Mr. Kamin, who stressed that …: the relative
			 * clause is his next quote */
			if (q->lang == LX_LANG_EN && after + 2 < n && q_punct(q, &t[after], ",") &&
			    (np_nlp__tok_is(rec->text, &t[after + 1], "who") ||
			     np_nlp__tok_is(rec->text, &t[after + 1], "which")))
				claimed_to = after + 1;
			continue;
		}
		/* "…," Kirby said …: the quote before the speaker is his, whatever
		 * follows the cue; a quote after it continues ("…," he said. "…") */
		long qb = q_quote_before(q, t, np_a, claimed_to);
		if (qb >= 0 && q->lang == LX_LANG_EN &&
		    ((q_quote_is_title(q, t, claimed_to, (size_t)qb) && k + 2 < n &&
		      t[k + 1].kind == TK_WORD) ||
		     q_quote_is_title_case(q, t, claimed_to, (size_t)qb))) {
			/* 'On CBS's "Face the Nation," Ryan said the …': a short quote
			 * after other words names a show or a paper; the content is
			 * what follows the cue */
			qb = -1;
		}
		if (qb >= 0) {
			/* words before the quote make it a mixed quote:
			 * Clinton "is the only candidate …," Newton said */
			int words = 0;
			for (size_t m = claimed_to; m < (size_t)qb; m++)
				words += t[m].kind == TK_WORD;
			if (words && q->lang == LX_LANG_EN) {
				rc = q_content(q, t, claimed_to, (size_t)qb + 1, &spk, cue, para, 0);
				if (rc < 0)
					return rc;
			} else
				q_give(q, (size_t)t[qb].quote, &spk, cue);
			long qa = q_quote_after(q, t, k + 1, n);
			/* "A," he said, "B.": two quotes, so that every quote's
			 * offsets hold exactly its words */
			if (qa >= 0)
				q_give(q, (size_t)t[qa].quote, &spk, cue);
			size_t cont = qa < 0 && q->lang == LX_LANG_EN ? q_and_quote(q, t, k + 1, n)
			                                              : SIZE_MAX;
			if (cont != SIZE_MAX) {
				/* "…," Jordan said, and still "…": the rest goes on
				 * in his words */
				size_t ce = q_content_end(q, t, cont, n);
				rc = q_content(q, t, cont, ce, &spk, cue, para, 1);
				if (rc < 0)
					return rc;
				qa = (long)ce - 1;
			}
			q_set_last(q, &spk, para);
			attributed = 1;
			sent_spk = spk;
			claimed_to = qa >= 0 ? (size_t)qa + 1 : k + 1;
			continue;
		}
		/* speaker before the cue */
		size_t cs = call_for ? cs_fix : accuse ? k + 1 : q_after_cue(q, t, k + 1 + pout, n, tell);
		size_t ce = q_content_end(q, t, cs, n);
		/* "The paper reported that …": a that-clause makes a verb that
		 * reports speech only with quoted words a cue */
		if (weak == 2 && cs > k + 1 && cs < n && (t[cs - 1].lex & LX_THAT) &&
		    (t[cs - 1].flags & TF_LOWER))
			weak = 0;
		/* "questioned whether …", "wondered how …" */
		if (weak == 2 && cs == k + 1 && cs + 2 < n && q_wh(q, &t[cs]))
			weak = 0;
		int after_empty = cs >= n || q_only_punct(q, t, cs, ce);
		int before = q_before_ok(q, t, np_a) && np_a > claimed_to;
		/* "the forms they never filled in or …": no content starts with a
		 * conjunction */
		if (!before && !after_empty && q->lang == LX_LANG_EN && t[cs].kind == TK_WORD &&
		    (np_nlp__tok_is(rec->text, &t[cs], "or") || np_nlp__tok_is(rec->text, &t[cs], "and")))
			after_empty = 1;
		/* "After the vote, the governor added:": a short prepositional
		 * phrase before the speaker is an adjunct, not what was said */
		if (before && q_pp_adjunct(q, t, claimed_to, np_a))
			before = 0;
		if (!before && q->lang == LX_LANG_EN && k + 2 < n && q_punct(q, &t[k + 1], ",") &&
		    t[k + 2].kind == TK_WORD && (t[k + 2].flags & TF_LOWER) &&
		    q_ends_with(q, &t[k + 2], "ing") && !(t[k + 2].lex & LX_CUE_ANY) &&
		    !q_weak_cue(q, &t[k + 2])) {
			/* "Trump said, looking out on the crowd": a participle, no
			 * content; the speaker goes on */
			q_set_last(q, &spk, para);
			attributed = 1;
			sent_spk = spk;
			claimed_to = k + 1;
			continue;
		}
		int then_ing = k + 2 < n && q_punct(q, &t[k + 1], ",") && t[k + 2].kind == TK_WORD &&
		               (t[k + 2].flags & TF_LOWER) && q_ends_with(q, &t[k + 2], "ing");
		/* "…, he said, replacing her would be hard": a gerund subject */
		for (size_t m = k + 3; then_ing && m < n && m < k + 7; m++)
			if (t[m].kind == TK_WORD && (t[m].flags & TF_LOWER) && (t[m].lex & LX_AUX) &&
			    !q_ends_with(q, &t[m], "ly"))
				then_ing = 0;
		if (before && (after_empty || then_ing)) {
			/* "…, she said, referencing …": the participle is no part
			 * of the content before */
			rc = q_content(q, t, claimed_to, np_a, &spk, cue, para, weak);
			after_empty = 1;
		} else if (before && ((q_punct(q, &t[k + 1 < n ? k + 1 : k], ",") &&
		                       !(k + 2 < n && t[k + 2].kind == TK_QUOTE &&
		                         q_quote_opens_sentence(q, &t[k + 2]))) ||
		                      q_adjunct_then_comma(q, t, k + 1, n))) {
			/* "The museum, Mr. Obama said, would …": one quote around the
			 * attribution (the scorer counts only the content words) */
			rc = q_content(q, t, claimed_to, ce, &spk, cue, para, weak);
		} else if (!after_empty && q_fronted_clause(q, t, claimed_to, np_a)) {
			/* "When she hires, she said she ensures …": the fronted
			 * clause belongs to what she said (one quote around the
			 * attribution, like "The museum, he said, would …") */
			rc = q_content(q, t, claimed_to, ce, &spk, cue, para, weak);
		} else if (!after_empty) {
			rc = q_content(q, t, cs, ce, &spk, cue, para, weak);
		} else if (cs >= n || q_punct(q, &t[n - 1], ":")) {
			/* "Kirby said:" at a paragraph's end introduces the next */
			q_set_last(q, &spk, para);
			if (q_punct(q, &t[n - 1], ":")) {
				q->intro = spk;
				q->intro.cue = cue;
				q->intro_end = t[n - 1].e;
			}
		} else {
			/* "X agreed, but also contended that …": the subject goes on */
			sent_spk = spk;
			attributed = 1;
			continue;
		}
		if (rc < 0)
			return rc;
		if (rc == 0 && weak) {
			/* no quoted words: no quote and nothing claimed, but the
			 * subject goes on ("I laughed and said, …") */
			sent_spk = spk;
			attributed = 1;
			continue;
		}
		q_set_last(q, &spk, para);
		attributed = 1;
		sent_spk = spk;
		/* a content cut before ", but he said …" leaves the rest open, and
		 * so does a content before the attribution (", she said,
		 * referencing …") */
		claimed_to = after_empty ? k + 1 : ce < n ? ce : n;
	}
	/* quotes nobody was given: inherit, or a dash attribution */
	size_t n_words = 0;
	for (size_t m = 0; m < n; m++)
		n_words += t[m].kind != TK_PUNCT && t[m].kind != TK_QUOTE;
	for (size_t k = 0; k < n; k++) {
		if (t[k].kind != TK_QUOTE)
			continue;
		q_region *r = &q->r[t[k].quote];
		if (r->used)
			continue;
		int alone = n_words == 0;
		if (!alone && k + 2 < n && q_dash(q, &t[k + 1]) && (t[k + 2].flags & TF_CAP)) {
			/* "…" — Name */
			size_t e = q_np_fwd(q, t, k + 2, n);
			if (e != SIZE_MAX) {
				q_spk spk;
				q_resolve(q, t, k + 2, e, &spk);
				q_give(q, (size_t)t[k].quote, &spk, (np_span){ 0, 0 });
				q_set_last(q, &spk, para);
				continue;
			}
		}
		if (!alone && q->lang != LX_LANG_EN) {
			/* German and French quoted phrases in running text are quotes
			 * (q_phrase_is_speech drops names and terms at the end) */
			if (attributed) {
				q_give(q, (size_t)t[k].quote, &sent_spk, sent_spk.cue);
				continue;
			}
		} else if (!alone)
			continue;
		r->used = 3; /* standalone: inherits */
		if (q->last.set && (para == q->last_para || para == q->last_para + 1)) {
			r->inh = q->last;
			r->inh.set = 1;
		}
	}
	return 0;
}

/* ---- paragraphs ---------------------------------------------------------- */

/* "WALLACE: …" in a transcript: the label names the paragraph's speaker. */
static void q_transcript_label(q_state *q, size_t ps, size_t pe, size_t para)
{
	np_record *rec = q->rec;
	size_t mlen;
	if (ps < pe && q_mark(rec->text, ps, pe, &mlen) && q_label_len(rec->text, ps + mlen, pe))
		ps += mlen; /* "WALLACE: … inside a quoted transcript */
	size_t i = ps, words = 0;
	while (i < pe && i - ps < 40 && rec->text[i] != ':') {
		char c = rec->text[i];
		if (c >= 'a' && c <= 'z')
			return; /* labels are in capitals */
		words += c == ' ';
		i++;
	}
	if (i >= pe || rec->text[i] != ':' || i == ps || words > 2 || i + 1 >= pe ||
	    rec->text[i + 1] != ' ')
		return;
	np_tok *tk = NULL;
	size_t cap = 0, next;
	size_t n = np_nlp__tokens(rec, ps, i, &tk, &cap, 4, &next);
	if (n == 0 || n == (size_t)-1 || !(tk[0].flags & TF_ALLCAPS))
		return;
	/* the label's surname, matched without regard to case */
	long best = -1;
	for (size_t e = 0; e < rec->n_ents && e < 4096; e++) {
		const np_entity *en = &rec->ents[e];
		if (en->type != NP_ENT_PERSON)
			continue;
		const char *sp = strrchr(en->name, ' ');
		sp = sp ? sp + 1 : en->name;
		size_t ln = tk[n - 1].base_e - tk[n - 1].s;
		if (strlen(sp) == ln && strncasecmp(sp, rec->text + tk[n - 1].s, ln) == 0)
			best = (long)e;
	}
	q_spk spk;
	memset(&spk, 0, sizeof spk);
	spk.set = 1;
	spk.ent = best;
	spk.span = (np_span){ tk[0].s, tk[n - 1].base_e };
	spk.name = best >= 0 ? rec->ents[best].name : np_record__span_dup(rec, spk.span);
	spk.title = best >= 0 ? rec->ents[best].title : NULL;
	q_set_last(q, &spk, para);
}

/* "The governor added:" closing paragraph p - 1, and paragraph p holds no
 * quotation marks: the paragraph is what he added (a block quote set
 * without marks). */
static int q_intro_block(q_state *q, size_t p, size_t part_i)
{
	np_record *rec = q->rec;
	size_t ps = rec->paras[p].span.start, pe = rec->paras[p].span.end;
	if (!q->intro_end || p == 0 || q->intro_end != rec->paras[p - 1].span.end)
		return 0;
	q->intro_end = 0;
	if (part_i < q->nparts && q->parts[part_i].s < pe)
		return 0; /* quoted: the marks' own rules give it the speaker */
	size_t e = pe;
	while (e > ps && strchr(".,;: ", rec->text[e - 1]))
		e--;
	if (e <= ps + 8)
		return 0;
	return q_emit(q, NP_QUOTE_INDIRECT, (np_span){ ps, e }, &q->intro, q->intro.cue, NULL);
}

static int q_paragraphs(q_state *q)
{
	np_record *rec = q->rec;
	size_t part_i = 0;
	for (size_t p = 0; p < rec->n_paras; p++) {
		size_t at = rec->paras[p].span.start, pe = rec->paras[p].span.end;
		q_transcript_label(q, at, pe, p);
		while (part_i < q->nparts && q->parts[part_i].e <= at)
			part_i++;
		if (q->lang == LX_LANG_EN && q_intro_block(q, p, part_i) < 0)
			return -1;
		while (at < pe) {
			size_t stop = pe;
			size_t pi0 = part_i;
			size_t n = q_tokens(q, at, pe, &part_i, &stop);
			if (n == (size_t)-1)
				return -1;
			if (n == 0)
				break;
			size_t ns = q_split(q, q->toks, n);
			if (ns == (size_t)-1)
				return -1;
			/* a full window: its last sentence may go on, redo it next */
			size_t use = ns;
			if (stop < pe && ns > 1) {
				use = ns - 1;
				stop = q->toks[q->sent[ns - 1]].s;
				part_i = pi0;
				while (part_i < q->nparts && q->parts[part_i].e <= stop)
					part_i++;
			}
			for (size_t s = 0; s < use; s++) {
				size_t a = q->sent[s], b = s + 1 < ns ? q->sent[s + 1] : n;
				if (s + 1 == use && use < ns)
					b = q->sent[s + 1];
				if (q_sentence(q, q->toks + a, b - a, p) < 0)
					return -1;
			}
			if (stop <= at)
				break;
			at = stop;
		}
	}
	return 0;
}

/* Standalone quotes with no earlier speaker take the next one given in
 * their paragraph. */
static void q_forward_inherit(q_state *q)
{
	long next_given = -1;
	for (size_t k = q->nr; k-- > 0;) {
		q_region *r = &q->r[k];
		if (r->used == 1 && r->spk.set)
			next_given = (long)k;
		else if (r->used == 3 && !r->inh.set && next_given >= 0 &&
		         q->r[next_given].para == r->para) {
			r->inh = q->r[next_given].spk;
		}
	}
}

/* German and French quote marks also enclose names and titles („Focus“,
 * „Der Fänger im Roggen“): a phrase whose every word is capitalised is a
 * name; a short phrase nobody is said to have said is a term. */
static int q_phrase_is_speech(const q_state *q, const q_region *r)
{
	const char *t = q->rec->text;
	size_t words = 0, lower = 0;
	size_t i = r->cs;
	while (i < r->ce) {
		while (i < r->ce && (t[i] == ' ' || t[i] == '\n'))
			i++;
		if (i >= r->ce)
			break;
		words++;
		unsigned char c = (unsigned char)t[i];
		if ((c >= 'a' && c <= 'z') || (c == 0xC3 && i + 1 < r->ce &&
		                               (unsigned char)t[i + 1] >= 0x9F))
			lower++;
		while (i < r->ce && t[i] != ' ' && t[i] != '\n')
			i++;
	}
	if (!lower)
		return 0;
	/* the word before the opening mark names what follows: a title */
	static const char *const intro[] = { "titel", "motto", "namen", "namens", "zeitung",
		"magazin", "buch", "film", "studie", "aktion", "kampagne", "programm", "sender",
		"fernsehsender", "lied", "album", "roman", "preis", "projekt", "serie", "sendung",
		"slogan", "laut", "zufolge", "selon", "journal", "titre", "livre", "émission",
		"opération", "rubrik", "schiff", "raumfähre", "der", "des", "von", "vom",
		"genannten", "genannte", "sogenannten", "sogenannte", "klassiker", NULL };
	size_t b = q->frags[r->frag0].start;
	while (b > 0 && (unsigned char)t[b - 1] >= 0x80 && (unsigned char)t[b - 1] < 0xC0)
		b--;
	if (b > 0)
		b--; /* the opening mark's first byte */
	while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == ':' || t[b - 1] == '('))
		b--;
	size_t we = b;
	while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n' && t[b - 1] != '(')
		b--;
	char w[32];
	if (we > b && np_lex__lower(t + b, we - b, w, sizeof w))
		for (int k = 0; intro[k]; k++)
			if (strcmp(w, intro[k]) == 0)
				return 0;
	const q_spk *spk = r->used == 1 ? &r->spk : &r->inh;
	if (words <= 4 && !(spk->set && spk->name))
		return 0;
	return 1;
}

/* A short phrase in title case ("Legend in the Coal Fields"): every word
 * capitalised but short function words. */
static int q_title_case(const char *t, size_t s, size_t e)
{
	static const char *const small[] = { "a", "an", "the", "of", "in", "on", "at", "to",
		"for", "and", "or", "with", "by", "from", NULL };
	size_t words = 0, caps = 0;
	size_t i = s;
	while (i < e) {
		while (i < e && (t[i] == ' ' || t[i] == '\n'))
			i++;
		if (i >= e)
			break;
		size_t w = i;
		while (i < e && t[i] != ' ' && t[i] != '\n')
			i++;
		words++;
		if (t[w] >= 'A' && t[w] <= 'Z') {
			caps++;
			continue;
		}
		int fn = 0;
		for (int k = 0; small[k] && !fn; k++)
			fn = strlen(small[k]) == i - w && strncmp(t + w, small[k], i - w) == 0;
		if (!fn)
			return 0;
	}
	return words >= 2 && words <= 8 && caps * 2 >= words;
}

static int q_emit_regions(q_state *q)
{
	np_record *rec = q->rec;
	for (size_t k = 0; k < q->nr; k++) {
		q_region *r = &q->r[k];
		if (r->used != 1 && r->used != 3)
			continue;
		if (r->ce <= r->cs)
			continue;
		/* "A," she said: the comma stands for the period, not the speaker */
		np_span *lastf = &q->frags[r->frag0 + r->nfrag - 1];
		while (lastf->end > lastf->start && (rec->text[lastf->end - 1] == ',' ||
		                                     rec->text[lastf->end - 1] == ' '))
			lastf->end--;
		if (lastf->end > r->cs)
			r->ce = lastf->end;
		/* a quote-only sentence must look like speech, not a title */
		if (q->lang != LX_LANG_EN && !q_phrase_is_speech(q, r))
			continue;
		if (r->used == 3 && q->lang == LX_LANG_EN && r->nfrag == 1 &&
		    r->para < rec->n_paras && r->cs <= rec->paras[r->para].span.start + 3 &&
		    r->ce + 4 >= rec->paras[r->para].span.end &&
		    q_title_case(rec->text, r->cs, r->ce))
			continue; /* 'All Bets Are Off.' alone: a heading, not words said */
		if (r->used == 3 && q->lang == LX_LANG_EN) {
			size_t words = 0;
			for (size_t i = r->cs; i < r->ce; i++)
				if (rec->text[i] == ' ')
					words++;
			if (words < 3 && !q_region_ends_sentence(q, k))
				continue;
		}
		const char *text;
		if (r->nfrag > 1) {
			size_t total = 0;
			for (size_t f = 0; f < r->nfrag; f++)
				total += q->frags[r->frag0 + f].end - q->frags[r->frag0 + f].start + 1;
			char *buf = np_arena_alloc(rec->arena, total + 1);
			if (!buf)
				return -1;
			size_t o = 0;
			for (size_t f = 0; f < r->nfrag; f++) {
				np_span s = q->frags[r->frag0 + f];
				if (s.end <= s.start)
					continue;
				if (o)
					buf[o++] = ' ';
				memcpy(buf + o, rec->text + s.start, s.end - s.start);
				o += s.end - s.start;
			}
			buf[o] = '\0';
			text = buf;
		} else
			text = NULL;
		const q_spk *spk = r->used == 1 ? &r->spk : &r->inh;
		np_span cue = r->used == 1 ? r->cue : r->inh.cue;
		size_t ce = r->ce;
		if (!text && ce != r->ce)
			text = np_record__span_dup(rec, (np_span){ r->cs, ce });
		if (q_emit(q, NP_QUOTE_DIRECT, (np_span){ r->cs, ce }, spk, cue, text) < 0)
			return -1;
	}
	return 0;
}

/* "Name: what they said" in a headline, when Name is someone the article
 * names (the last word of a person's or organisation's name).  Returns 1
 * when it emitted the quote, 0 when the headline is no such line, -1 on
 * OOM. */
static int q_headline_colon(q_state *q, const np_tok *t, size_t n)
{
	np_record *rec = q->rec;
	size_t c = 0;
	while (c < n && c < 8 && !q_punct(q, &t[c], ":"))
		c++;
	if (c == 0 || c >= n || c >= 8 || c + 1 >= n || !(t[c - 1].flags & TF_CAP))
		return 0;
	size_t a = c - 1;
	while (a > 0 && c - a < 4 && t[a - 1].kind == TK_WORD && (t[a - 1].flags & TF_CAP))
		a--;
	/* the speaker's last word is the last word of an entity's name */
	const char *w = rec->text + t[c - 1].s;
	size_t wl = t[c - 1].base_e - t[c - 1].s;
	long ent = -1;
	for (size_t e = 0; e < rec->n_ents && e < 4096 && ent < 0; e++) {
		const np_entity *en = &rec->ents[e];
		if ((en->type != NP_ENT_PERSON && en->type != NP_ENT_ORG) || !en->name)
			continue;
		const char *sp = strrchr(en->name, ' ');
		sp = sp ? sp + 1 : en->name;
		if (strlen(sp) == wl && strncasecmp(sp, w, wl) == 0)
			ent = (long)e;
	}
	if (ent < 0)
		return 0;
	q_spk spk;
	memset(&spk, 0, sizeof spk);
	spk.set = 1;
	spk.ent = ent;
	spk.span = (np_span){ t[a].s, t[c - 1].base_e };
	spk.name = rec->ents[ent].name;
	spk.title = rec->ents[ent].title;
	np_span cue = { t[c].s, t[c].e };
	spk.cue = cue;
	size_t cs = t[c + 1].s, ce = t[n - 1].e;
	while (ce > cs && strchr(".,;", rec->text[ce - 1]))
		ce--;
	/* ‘…’ or "…" around the whole line: a direct quote */
	size_t ml = 0, mr = 0, len;
	int lm = q_mark(rec->text, cs, ce, &len);
	if (lm == QM_LSQ || lm == QM_LDQ || lm == QM_STRAIGHT || lm == QM_STRAIGHT1)
		ml = len;
	if (ce > cs + ml + 3) {
		size_t b = ce - 1;
		while (b > cs && ((unsigned char)rec->text[b] & 0xC0) == 0x80)
			b--;
		int rm = q_mark(rec->text, b, ce, &len);
		if (rm == QM_RSQ || rm == QM_RDQ || rm == QM_STRAIGHT || rm == QM_STRAIGHT1)
			mr = len;
	}
	np_quote_type type = NP_QUOTE_INDIRECT;
	if (ml && mr) {
		type = NP_QUOTE_DIRECT;
		cs += ml;
		ce -= mr;
		while (ce > cs && strchr(".,;!?", rec->text[ce - 1]) && type == NP_QUOTE_DIRECT &&
		       rec->text[ce - 1] == ',')
			ce--;
	}
	if (ce <= cs)
		return 0;
	return q_emit(q, type, (np_span){ cs, ce }, &spk, cue, NULL) < 0 ? -1 : 1;
}

/* The headline is no paragraph, but news headlines carry quotes:
 * "Name: …", "…, Name Says", "Name Urges …".  English only: German and
 * French headlines quote in marks, which the direct-quote rules see in the
 * body. */
static int q_headline(q_state *q)
{
	np_record *rec = q->rec;
	if (q->lang != LX_LANG_EN || !rec->meta.headline || rec->meta.headline_derived ||
	    rec->n_paras == 0)
		return 0;
	size_t hl = strlen(rec->meta.headline), limit = rec->paras[0].span.start;
	if (hl < 8 || hl > limit)
		return 0;
	/* the headline line: its last copy before the body */
	size_t hs = SIZE_MAX;
	/* the line sits right before the body (a byline or dateline at most
	 * in between): a bounded look */
	for (size_t i = limit > hl + 4096 ? limit - hl - 4096 : 0; i + hl <= limit; i++)
		if (rec->text[i] == rec->meta.headline[0] &&
		    memcmp(rec->text + i, rec->meta.headline, hl) == 0)
			hs = i;
	if (hs == SIZE_MAX)
		return 0;
	size_t next;
	size_t n = np_nlp__tokens(rec, hs, hs + hl, &q->toks, &q->captoks,
	                            256, &next);
	if (n == (size_t)-1)
		return -1;
	if (n < 3)
		return 0;
	q_spk saved = q->last;
	size_t saved_para = q->last_para;
	q->headline = 1;
	int rc = q_headline_colon(q, q->toks, n);
	if (rc == 0)
		rc = q_sentence(q, q->toks, n, 0);
	q->headline = 0;
	/* the headline's speaker is no antecedent for the body's pronouns */
	q->last = saved;
	q->last_para = saved_para;
	return rc < 0 ? -1 : 0;
}

static int q_cmp(const void *x, const void *y)
{
	const np_quote *a = x, *b = y;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return (a->span.end > b->span.end) - (a->span.end < b->span.end);
}

int np_stage_quotes(np_record *rec, np_ctx *ctx)
{
	q_state q;
	memset(&q, 0, sizeof q);
	q.rec = rec;
	q.ctx = ctx;
	q.lang = np_nlp__language(rec);
	q.last.ent = -1;
	q.max_quotes = rec->opts && rec->opts->max_quotes ? rec->opts->max_quotes : Q_DEFAULT_MAX;
	if (np_ent__index(rec, &q.ix) < 0 || q_find_regions(&q) < 0 || q_headline(&q) < 0 ||
	    q_paragraphs(&q) < 0)
		goto oom;
	q_forward_inherit(&q);
	if (q_emit_regions(&q) < 0)
		goto oom;
	if (rec->n_quotes > 1)
		qsort(rec->quotes, rec->n_quotes, sizeof *rec->quotes, q_cmp);
	if (rec->n_quotes > q.max_quotes) {
		/* keep the first ones in reading order */
		if (np_record__warn(rec, SIZE_MAX,
		                    "%zu quotes found; only the first %zu are kept (--max-quotes)",
		                    rec->n_quotes, q.max_quotes) < 0)
			goto oom;
		rec->n_quotes = q.max_quotes;
	}
	for (size_t i = 0; i < rec->n_quotes; i++)
		if (!rec->quotes[i].text &&
		    !(rec->quotes[i].text = np_record__span_dup(rec, rec->quotes[i].span)))
			goto oom;
	return NP_OK;
oom:
	return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory finding quotes",
	                        rec->meta.source);
}

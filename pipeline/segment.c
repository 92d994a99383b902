/* segment.c - sentences within each paragraph.
 *
 * One left-to-right pass over each paragraph; every look-back and
 * look-ahead is bounded, so the cost is linear in the text.
 *
 * A sentence ends after a run of . ! ? or an ellipsis (… or ...), with the
 * closing quotation marks and brackets that follow it (" ' ) ] ’ ” » and
 * the German closing “; a French space before » is included), when
 * whitespace or the paragraph's end follows.  It does not end when:
 *  - the next word starts in lower case (e.g., i.e., "said Mr. smith");
 *  - a single full stop follows an abbreviation that never ends a sentence
 *    (Mr. Dr. Sen. Gov. z. B. u. a. Mme ...), or one that stands before
 *    a number (No. 10, Art. 5, p. 12) when a number follows, a single-letter initial
 *    (J. R. R.), or an initialism (U.S., U.N.) - unless, for initials,
 *    initialisms and abbreviations that may end a sentence (Jan. Inc. etc.),
 *    the next word is a common sentence opener ("in the U.S. The ...");
 *  - a number of one or two digits is followed by a month name
 *    ("5. August 1930"), or, in German, a number of up to three digits by a
 *    word that is not a sentence opener ("im 19. Jahrhundert").
 * Decimals (3.5) and web names (example.com) never end one: no space
 * follows.  French spaces before : ; ! ? are just part of the sentence. */
#include "stages.h"
#include "text.h"

#include <string.h>
#include <strings.h>

#define SEG_LOOKBACK 40
#define SEG_LOOKAHEAD 64

/* Abbreviations after which a full stop never ends a sentence. */
static const char *const seg_abbr_never[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov",
	"Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Cdr", "Adm", "Maj", "Rev",
	"Hon", "Pres", "Supt", "Det", "Insp", "Atty", "Amb", "Gens", "Mmes",
	"vs", "v", "cf", "al", "approx",
	"ca", "bzw", "evtl", "ggf", "inkl", "vgl", "sog", "Mio",
	"Mrd", "Jh", "Tsd", "geb", "gest", "Hr", "Hrn", "Fr", "Str", "Abs",
	"Bd", "Bde", "Mme", "Mlle", "MM", "Me", "Mgr", "av", "bd", "env", "Sr", "Sra", "Srta", "Sres", "Dña", "Ud", "Uds", "Sig", "Sigg",
	"Dott", "Dr", "dott", "pag", "ecc", "Ste", "Messrs", "Rt", "Ald",
	"Del", "Calif", "Mass", "Conn", "Ill", "Fla", "Penn", "Wash", "Ariz",
	"Colo", "Mich", "Minn", "Tenn", "Wis", "Okla", "Ore", "Nev", "Neb",
	"Kan", "Ky", "Va", "Md", "Ga", "Ala", "La", "Miss", "Mo", "Ark", "Ind",
	"Wyo", "Mont", "Tex", "Vt", "Ft", "Mt", "Pt", "Ave", "Blvd", "Dept",
	"Univ", "Assn", "Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec", NULL
};
/* Abbreviations that stand before a number: "No. 10", "Art. 5", "p. 12". */
static const char *const seg_abbr_number[] = {
	"No", "Nos", "Nr", "Art", "Vol", "vol", "Fig", "fig", "p", "pp",
	"Abs", "Bd", "Nº", NULL
};
/* Abbreviations that often end a sentence too: a stop ends one only before
 * a sentence opener. */
static const char *const seg_abbr_maybe[] = {
	"Inc", "Corp", "Ltd", "Co", "Jr", "Bros", "St", "etc", "usw", "Rd",
	"Pa", "Ok", "Plc", "plc", "LLC", "Cie", "Cía", "Gmbh", "GmbH", "AG",
	"SA", "Nos", NULL
};
/* Words that often open a sentence, per language. */
static const char *const seg_openers_en[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This",
	"That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our",
	"My", "But", "And", "Or", "So", "Yet", "In", "On", "At", "As", "If",
	"When", "While", "After", "Before", "Since", "Although", "However",
	"Meanwhile", "Also", "Then", "Now", "What", "Who", "Why", "How", "Where",
	"Some", "Many", "Most", "One", "Two", "No", "Not", "For", "By", "To", NULL
};
static const char *const seg_openers_de[] = {
	"Der", "Die", "Das", "Er", "Es", "Ich", "Wir", "Ihr", "Man", "Ein",
	"Eine", "Dies", "Diese", "Dieser", "Im", "Am", "In", "Auf", "Nach", "Bei",
	"Mit", "Auch", "Doch", "Aber", "Und", "So", "Damit", "Dann", "Zudem",
	"Jedoch", "Als", "Wie", "Was", "Wer", "Sie", "Seit", "Vor", NULL
};
static const char *const seg_openers_fr[] = {
	"Le", "La", "Les", "Il", "Elle", "Ils", "Elles", "Nous", "Je", "On", "Ce",
	"Cette", "Un", "Une", "Des", "Mais", "Et", "En", "Dans", "Selon", "Pour",
	NULL
};
static const char *const seg_openers_es[] = {
	"El", "La", "Los", "Las", "Ella", "Un", "Una", "Pero", "Y", "En", "Por",
	"Según", "Es", NULL
};
static const char *const seg_openers_it[] = {
	"Il", "Lo", "La", "Gli", "Le", "Un", "Una", "Ma", "E", "In", "Per",
	"Secondo", NULL
};

static const char *const seg_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", "Januar", "Februar",
	"März", "Mai", "Juni", "Juli", "Oktober", "Dezember", "Jänner",
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre", "enero", "febrero",
	"marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	"octubre", "noviembre", "diciembre", "gennaio", "febbraio", "aprile",
	"maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec", NULL
};

static int seg_in(const char *const *list, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	/* first byte first: this runs at every full stop */
	for (size_t i = 0; list[i]; i++)
		if (list[i][0] == w[0] && strncmp(list[i], w, n) == 0 && list[i][n] == '\0')
			return 1;
	return 0;
}

/* A sentence opener in the article's language (any language when it is
 * not one of the five). */
static int seg_opener(const char *lang, const char *w, size_t n)
{
	static const char *const codes[] = { "en", "de", "fr", "es", "it" };
	const char *const *lists[] = { seg_openers_en, seg_openers_de,
		seg_openers_fr, seg_openers_es, seg_openers_it };
	int any = 0;
	for (size_t i = 0; i < 5; i++) {
		if (lang && !strncmp(lang, codes[i], 2) &&
		    (lang[2] == '\0' || lang[2] == '-'))
			return seg_in(lists[i], w, n);
		any |= seg_in(lists[i], w, n);
	}
	return any;
}

/* Whitespace (incl. no-break spaces) at t[i]: its length, or 0. */
static size_t seg_space(const char *t, size_t i, size_t end)
{
	unsigned char c = (unsigned char)t[i];
	if (c == ' ' || c == '\t' || c == '\n')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0xAF || ((unsigned char)t[i + 2] >= 0x80 &&
	                                         (unsigned char)t[i + 2] <= 0x8A)))
		return 3;
	return 0;
}

/* A closing mark at t[i] (after a terminator): its length, or 0. */
static size_t seg_closer(const char *t, size_t i, size_t end)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == ')' || c == ']')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xBB)
		return 2; /* » */
	if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x99 || d == 0x9D || d == 0xBA)
			return 3; /* ’ ” › */
		/* “ closes German quotes: only when a space or the end follows */
		if ((d == 0x9C || d == 0x98) && (i + 3 >= end || seg_space(t, i + 3, end)))
			return 3;
	}
	return 0;
}

/* An opening mark at t[i]: its length, or 0. */
static size_t seg_opener_mark(const char *t, size_t i, size_t end)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == '(' || c == '[')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xAB)
		return 2; /* « */
	if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x9C || d == 0x9E || d == 0x98 || d == 0x9A || d == 0xB9)
			return 3; /* “ „ ‘ ‚ ‹ */
	}
	return 0;
}

/* A terminator at t[i]: its length, or 0; *dot says it is a full stop. */
static size_t seg_term(const char *t, size_t i, size_t end, int *dot)
{
	unsigned char c = (unsigned char)t[i];
	*dot = c == '.';
	if (c == '.' || c == '!' || c == '?')
		return 1;
	if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
	    (unsigned char)t[i + 2] == 0xA6)
		return 3; /* … */
	return 0;
}

/* The word before t[i] (the stop): [*ws, i). */
static size_t seg_word_before(const char *t, size_t start, size_t i)
{
	size_t ws = i;
	while (ws > start && i - ws < SEG_LOOKBACK) {
		unsigned char c = (unsigned char)t[ws - 1];
		if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"' ||
		    c == '\'' || c == '[')
			break;
		if (c >= 0x80) {
			/* stop at no-break spaces and opening quotes */
			size_t l;
			uint32_t cp = np_text__cp_before(t, start, ws, &l);
			if (np_text__is_space(cp) || cp == 0x201C || cp == 0x201E ||
			    cp == 0x00AB || cp == 0x2018)
				break;
			ws -= l;
			continue;
		}
		ws--;
	}
	if (i - ws >= SEG_LOOKBACK)
		return i; /* a very long "word": no abbreviation */
	return ws;
}

/* Classify the word w[0, n) before a single full stop.
 * 0: a plain word (the stop ends a sentence), 1: never ends one,
 * 2: ends one only before a sentence opener, 3: a number. */
static int seg_word_kind(const char *w, size_t n)
{
	if (n == 0)
		return 0;
	int digits = 1, inner_dot = 0, letters_only_single = 1;
	size_t seg = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c < '0' || c > '9')
			digits = 0;
		if (c == '.') {
			inner_dot = 1;
			if (seg != 1)
				letters_only_single = 0;
			seg = 0;
		} else {
			seg++;
			if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				letters_only_single = 0;
		}
	}
	if (seg != 1)
		letters_only_single = 0;
	if (digits)
		return 3;
	if (inner_dot)
		return letters_only_single ? 2 : 0; /* U.S / e.g / a.m; else a name */
	if (seg_in(seg_abbr_maybe, w, n))
		return 2;
	if (seg_in(seg_abbr_never, w, n))
		return 1;
	size_t l;
	uint32_t cp = np_text__cp(w, 0, &l);
	if (l == n && np_text__is_letter(cp))
		return 2; /* a single letter: an initial */
	return 0;
}

/* Is there a sentence boundary for the terminator run at t[i]?  On yes,
 * *sent_end is where the sentence ends and *next where the next starts. */
static int seg_boundary(const char *t, size_t start, size_t i, size_t end,
                        const char *lang, size_t *sent_end, size_t *next,
                        size_t *resume)
{
	int dot, only_dot = 1;
	size_t j = i, runs = 0, k;
	while (j < end && (k = seg_term(t, j, end, &dot)) > 0) {
		if (!dot || k == 3)
			only_dot = 0;
		j += k;
		runs++;
	}
	*resume = j;
	int single_dot = only_dot && runs == 1;
	/* closing marks, including a French space before » */
	for (;;) {
		if (j < end && (k = seg_closer(t, j, end)) > 0) {
			j += k;
			continue;
		}
		size_t sp = j < end ? seg_space(t, j, end) : 0;
		if (sp && j + sp + 1 < end && (unsigned char)t[j + sp] == 0xC2 &&
		    (unsigned char)t[j + sp + 1] == 0xBB) {
			j += sp + 2;
			continue;
		}
		break;
	}
	if (j < end && !seg_space(t, j, end))
		return 0;
	*sent_end = j;
	/* the next word */
	size_t a = j;
	while (a < end && a - j < SEG_LOOKAHEAD && (k = seg_space(t, a, end)) > 0)
		a += k;
	*next = a;
	if (a >= end)
		return 1;
	size_t w = a;
	while (w < end && w - a < 8 && (k = seg_opener_mark(t, w, end)) > 0)
		w += k;
	if (w >= end)
		return 1;
	size_t l;
	uint32_t cp = np_text__cp(t, w, &l);
	if (np_text__is_lower(cp))
		return 0;
	if (!single_dot)
		return 1;
	size_t we = w;
	while (we < end && we - w < 24) {
		uint32_t c2 = np_text__cp(t, we, &l);
		if (!np_text__is_letter(c2))
			break;
		we += l;
	}
	int opener = seg_opener(lang, t + w, we - w);
	size_t ws = seg_word_before(t, start, i);
	if (seg_in(seg_abbr_number, t + ws, i - ws) && cp >= '0' && cp <= '9')
		return 0;
	int kind = seg_word_kind(t + ws, i - ws);
	switch (kind) {
	case 1:
		return 0;
	case 2:
		return opener;
	case 3:
		if (i - ws <= 2 && seg_in(seg_months, t + w, we - w))
			return 0; /* "5. August 1930" */
		if (lang && !strncmp(lang, "de", 2) && i - ws <= 3 &&
		    np_text__is_upper(cp) && !opener)
			return 0; /* "im 19. Jahrhundert" */
		return 1;
	default:
		return 1;
	}
}

static int seg_push(np_record *rec, size_t s, size_t e, size_t para)
{
	const char *t = rec->text;
	size_t k;
	while (s < e && (k = seg_space(t, s, e)) > 0)
		s += k;
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n'))
		e--;
	if (s >= e)
		return 0;
	np_sentence st = { { s, e }, para };
	return NP_ARENA_PUSH(rec->arena, rec->sents, rec->n_sents, rec->cap_sents, st);
}

/* Candidate terminator bytes: '.', '!', '?' and the first byte of '…'. */
static inline int seg_candidate(unsigned char c)
{
	/* '!' 0x21, '.' 0x2E, '?' 0x3F, 0xE2: one range test rules most out */
	return (c >= 0x21 && c <= 0x3F && (c == '.' || c == '!' || c == '?')) || c == 0xE2;
}

size_t np_segment__first_end(const char *t, size_t start, size_t end,
                             const char *lang)
{
	for (size_t i = start; i < end; i++) {
		if (!seg_candidate((unsigned char)t[i]))
			continue;
		int dot;
		if (!seg_term(t, i, end, &dot))
			continue;
		size_t se, nx, resume;
		if (seg_boundary(t, start, i, end, lang, &se, &nx, &resume))
			return se;
		i = resume - 1;
	}
	return end;
}

int np_stage_segment(np_record *rec, np_ctx *ctx)
{
	const char *t = rec->text;
	const char *lang = rec->meta.language;
	for (size_t p = 0; p < rec->n_paras; p++) {
		np_paragraph *para = &rec->paras[p];
		para->first_sentence = rec->n_sents;
		size_t s = para->span.start, end = para->span.end;
		for (size_t i = s; i < end; i++) {
			/* skip to the next candidate byte */
			while (i < end && !seg_candidate((unsigned char)t[i]))
				i++;
			if (i >= end)
				break;
			int dot;
			if (!seg_term(t, i, end, &dot))
				continue;
			size_t se, nx, resume;
			if (seg_boundary(t, para->span.start, i, end, lang, &se, &nx, &resume)) {
				if (seg_push(rec, s, se, p) < 0)
					goto oom;
				s = nx;
				i = (nx > 0 ? nx : 1) - 1;
			} else {
				i = resume - 1;
			}
		}
		if (seg_push(rec, s, end, p) < 0)
			goto oom;
		para->n_sentences = rec->n_sents - para->first_sentence;
	}
	return NP_OK;
oom:
	return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory", rec->meta.source);
}

/* decode.c - input bytes to valid NFC UTF-8 text with LF line ends, keeping
 * a map from every text byte back to the source byte it came from.
 *
 * Three steps:
 *  1. choose the encoding: --encoding, else a BOM (UTF-8, UTF-16 LE/BE), else
 *     BOM-less UTF-16 when NUL bytes sit on one parity, else UTF-8; a file
 *     that is not valid UTF-8 but is valid Windows-1252 and looks like text
 *     (few controls, no more valid UTF-8 sequences than invalid ones) is
 *     read as Windows-1252;
 *  2. transcode to UTF-8: invalid sequences become U+FFFD, CR LF and CR
 *     become LF, C0 controls XML 1.0 cannot carry (all but TAB and LF) and
 *     the non-characters U+FFFE/U+FFFF are dropped or replaced;
 *  3. NFC (utf8proc), one short "unit" (a starter and the marks after it) at
 *     a time, so that only the units that change cost anything.
 *
 * Every repair is a warning naming the file and the source byte offset.
 * Clean UTF-8 that is already NFC (the common case) is used as it is, with
 * the identity map (rec->srcmap == NULL).  Map rule: each text byte maps to
 * the first source byte of the character it came from; a composed character
 * maps to the first source byte of the sequence it was composed from;
 * srcmap[text_len] == src_len. */
#include "stages.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define DECODE_MAX_WARNINGS 50   /* per kind; then one summary */
#define NFC_UNIT_MAX 1024        /* code points; longer runs of marks are cut */

/* Windows-1252 0x80..0x9F; 0 = undefined in the code page. */
static const uint16_t decode_cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t decode_utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && p[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && p[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && p[1] < 0x90)
			return 0;
		if (c == 0xF4 && p[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* Length of the invalid stretch at p to replace by one U+FFFD: a lead byte
 * with its (too few) continuation bytes, else one byte ("maximal subpart"). */
static size_t decode_bad_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t want = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
	              : (c >= 0xF0 && c <= 0xF4) ? 4 : 1;
	size_t k = 1;
	while (k < want && k < n && (p[k] & 0xC0) == 0x80)
		k++;
	/* A truncated sequence only; the checks for overlongs and surrogates
	 * make the second byte itself the offender. */
	if (want == 3 && k >= 2 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
		return 1;
	if (want == 4 && k >= 2 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
		return 1;
	return k;
}

/* ---- what the bytes are -------------------------------------------------- */

typedef struct decode_scan {
	int clean;          /* valid UTF-8, no BOM, CR, control or non-char */
	int high;           /* holds a code point >= U+0300 (NFC may matter) */
	size_t invalid;     /* invalid UTF-8 sequences */
	size_t first_bad;   /* offset of the first one */
	size_t valid_multi; /* valid multi-byte sequences */
	size_t controls;    /* C0 controls other than TAB LF CR FF */
	size_t cp1252_undef;/* bytes Windows-1252 does not define */
	size_t nul_even, nul_odd;
} decode_scan;

static void decode_scan_bytes(const unsigned char *s, size_t n, decode_scan *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->clean = 1;
	sc->first_bad = SIZE_MAX;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		sc->clean = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c < 0x20) {
			if (c == 0) {
				if (i & 1)
					sc->nul_odd++;
				else
					sc->nul_even++;
			}
			if (c != '\n' && c != '\t') {
				sc->clean = 0;
				if (c != '\r' && c != '\f')
					sc->controls++;
			}
			i++;
			continue;
		}
		size_t k = decode_utf8_len(s + i, n - i);
		if (k == 0) {
			if (s[i] == 0x81 || s[i] == 0x8D || s[i] == 0x8F || s[i] == 0x90 ||
			    s[i] == 0x9D)
				sc->cp1252_undef++;
			if (!sc->invalid)
				sc->first_bad = i;
			sc->invalid++;
			sc->clean = 0;
			i++;
			continue;
		}
		sc->valid_multi++;
		if (c >= 0xCC)
			sc->high = 1;
		if (k == 3 && c == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE)
			sc->clean = 0; /* U+FFFE, U+FFFF */
		/* Windows-1252 has no 0x81 0x8D 0x8F 0x90 0x9D either: count them
		 * inside valid sequences too, they rule cp1252 out. */
		for (size_t b = 1; b < k; b++) {
			unsigned char d = s[i + b];
			if (d == 0x81 || d == 0x8D || d == 0x8F || d == 0x90 || d == 0x9D)
				sc->cp1252_undef++;
		}
		i += k;
	}
}

/* ---- the output being built ---------------------------------------------- */

typedef struct decode_out {
	np_record *rec;
	char *t;
	uint32_t *map;
	size_t o, cap;
	int oom;
	int after_cr;
	size_t n_ctrl, n_bad, n_nonchar; /* warnings given, per kind */
} decode_out;

static int decode_reserve(decode_out *d, size_t extra)
{
	if (d->o + extra + 1 <= d->cap)
		return 0;
	size_t ncap = d->cap ? d->cap : 256;
	while (ncap < d->o + extra + 1)
		ncap *= 2;
	char *t = realloc(d->t, ncap);
	if (t)
		d->t = t;
	uint32_t *m = realloc(d->map, (ncap + 1) * sizeof *m);
	if (m)
		d->map = m;
	if (!t || !m) {
		d->oom = 1;
		return -1;
	}
	d->cap = ncap;
	return 0;
}

static void decode_warn(decode_out *d, size_t *count, size_t at, const char *what)
{
	(*count)++;
	if (*count <= DECODE_MAX_WARNINGS)
		np_record__warn(d->rec, at, "%s: offset %zu: %s", d->rec->meta.source,
		                at, what);
}

static void decode_warn_summary(decode_out *d, size_t count, const char *what)
{
	if (count > DECODE_MAX_WARNINGS)
		np_record__warn(d->rec, SIZE_MAX, "%s: %zu more %s not listed",
		                d->rec->meta.source, count - DECODE_MAX_WARNINGS, what);
}

/* Append one code point that came from source byte `src`, applying the line
 * end and control-character rules. */
static void decode_emit(decode_out *d, uint32_t cp, size_t src)
{
	if (cp == '\n' && d->after_cr) {
		d->after_cr = 0;
		return; /* the LF of a CR LF */
	}
	d->after_cr = 0;
	if (cp == '\r') {
		d->after_cr = 1;
		cp = '\n';
	} else if (cp < 0x20 && cp != '\t' && cp != '\n') {
		char what[96];
		snprintf(what, sizeof what, "control character U+%04X dropped (XML 1.0 "
		         "cannot carry it)", (unsigned)cp);
		decode_warn(d, &d->n_ctrl, src, what);
		return;
	} else if (cp == 0xFFFE || cp == 0xFFFF) {
		decode_warn(d, &d->n_nonchar, src, "non-character U+FFFE/U+FFFF "
		            "replaced by U+FFFD");
		cp = 0xFFFD;
	}
	if (decode_reserve(d, 4) < 0)
		return;
	unsigned char buf[4];
	size_t k = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, buf);
	for (size_t b = 0; b < k; b++) {
		d->map[d->o] = (uint32_t)src;
		d->t[d->o++] = (char)buf[b];
	}
}

static void decode_bad(decode_out *d, size_t at, const unsigned char *s, size_t k,
                       const char *enc)
{
	char what[128];
	if (k == 1)
		snprintf(what, sizeof what, "invalid %s byte 0x%02X replaced by U+FFFD",
		         enc, s[0]);
	else
		snprintf(what, sizeof what, "invalid %s sequence of %zu bytes "
		         "(0x%02X...) replaced by U+FFFD", enc, k, s[0]);
	decode_warn(d, &d->n_bad, at, what);
	decode_emit(d, 0xFFFD, at);
}

/* ---- step 2: one transcoder per encoding --------------------------------- */

static void decode_from_utf8(decode_out *d, const unsigned char *s, size_t n,
                             size_t i)
{
	if (decode_reserve(d, n - i) < 0)
		return;
	while (i < n && !d->oom) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80 && !d->after_cr) {
			/* fast path: printable ASCII (capacity reserved above) */
			if (d->o + 1 >= d->cap && decode_reserve(d, 1) < 0)
				return;
			d->map[d->o] = (uint32_t)i;
			d->t[d->o++] = (char)c;
			i++;
			continue;
		}
		size_t k = decode_utf8_len(s + i, n - i);
		if (k == 0) {
			k = decode_bad_len(s + i, n - i);
			decode_bad(d, i, s + i, k, "UTF-8");
			i += k;
			continue;
		}
		size_t len;
		uint32_t cp = np_text__cp((const char *)s, i, &len);
		decode_emit(d, cp, i);
		i += k;
	}
}

static void decode_from_cp1252(decode_out *d, const unsigned char *s, size_t n,
                               int latin1)
{
	for (size_t i = 0; i < n && !d->oom; i++) {
		uint32_t cp = s[i];
		if (cp >= 0x80 && cp < 0xA0 && !latin1) {
			cp = decode_cp1252_high[cp - 0x80];
			if (!cp) {
				decode_bad(d, i, s + i, 1, "Windows-1252");
				continue;
			}
		}
		decode_emit(d, cp, i);
	}
}

static void decode_from_utf16(decode_out *d, const unsigned char *s, size_t n,
                              size_t i, int be)
{
	while (i + 1 < n && !d->oom) {
		uint32_t u = be ? ((uint32_t)s[i] << 8 | s[i + 1])
		                : ((uint32_t)s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t v = be ? ((uint32_t)s[i + 2] << 8 | s[i + 3])
			                : ((uint32_t)s[i + 3] << 8 | s[i + 2]);
			if (v >= 0xDC00 && v <= 0xDFFF) {
				decode_emit(d, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), i);
				i += 4;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			decode_bad(d, i, s + i, 2, be ? "UTF-16BE" : "UTF-16LE");
			i += 2;
			continue;
		}
		decode_emit(d, u, i);
		i += 2;
	}
	if (i < n && !d->oom)
		decode_bad(d, i, s + i, 1, be ? "UTF-16BE (odd final byte)"
		                               : "UTF-16LE (odd final byte)");
}

/* ---- step 3: NFC ----------------------------------------------------------- */

/* A code point that NFC leaves alone and that nothing after it can change. */
static int decode_nfc_safe(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (cp >= 0x1100 && cp <= 0x11FF)
		return 0; /* Hangul jamo compose algorithmically */
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return 0;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	if (p->combining_class != 0)
		return 0;
	if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
		return 0; /* the second of a composition pair */
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
		return 0; /* canonical decomposition (maybe a singleton) */
	return 1;
}

/* May a normalisation unit start at cp? (a starter that cannot compose
 * with what precedes it) */
static int decode_nfc_boundary(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
		return 0;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	if (p->combining_class != 0)
		return 0;
	return !(p->comb_index != UINT16_MAX && (p->comb_index & 0x8000));
}

/* NFC of the unit t[a, b) appended to d, mapped through `map` (NULL =
 * identity).  Unchanged units keep their exact byte map. */
static void decode_nfc_unit(decode_out *d, const char *t, const uint32_t *map,
                            size_t a, size_t b)
{
	utf8proc_int32_t stack[64], *buf = stack;
	utf8proc_ssize_t cap = 64;
	utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)t + a,
	                                        (utf8proc_ssize_t)(b - a), buf, cap,
	                                        UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n > cap) {
		buf = malloc((size_t)n * sizeof *buf);
		if (!buf) {
			d->oom = 1;
			return;
		}
		cap = n;
		n = utf8proc_decompose((const utf8proc_uint8_t *)t + a,
		                       (utf8proc_ssize_t)(b - a), buf, cap,
		                       UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	}
	if (n >= 0)
		n = utf8proc_normalize_utf32(buf, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	size_t start_o = d->o;
	size_t src0 = map ? map[a] : a;
	for (utf8proc_ssize_t k = 0; k < n && !d->oom; k++) {
		if (decode_reserve(d, 4) < 0)
			break;
		size_t len = (size_t)utf8proc_encode_char(buf[k],
		                                          (utf8proc_uint8_t *)d->t + d->o);
		for (size_t j = 0; j < len; j++)
			d->map[d->o + j] = (uint32_t)src0;
		d->o += len;
	}
	if (buf != stack)
		free(buf);
	if (n < 0 || d->oom) { /* cannot happen on valid UTF-8: keep the unit */
		d->o = start_o;
		if (decode_reserve(d, b - a) < 0)
			return;
		memcpy(d->t + d->o, t + a, b - a);
		for (size_t j = a; j < b; j++)
			d->map[d->o++] = map ? map[j] : (uint32_t)j;
		return;
	}
	if (d->o - start_o == b - a && memcmp(d->t + start_o, t + a, b - a) == 0)
		for (size_t j = a; j < b; j++)
			d->map[start_o + (j - a)] = map ? map[j] : (uint32_t)j;
}

/* NFC over t[0, len) with map `map` (NULL = identity).  Returns 1 and fills
 * d when something changed, 0 when the text is already NFC. */
static int decode_nfc(decode_out *d, const char *t, size_t len,
                      const uint32_t *map)
{
	size_t i = 0, cplen;
	/* find the first unit that is not trivially NFC */
	size_t unit = 0;
	for (;;) {
		while (i < len && (unsigned char)t[i] < 0x80)
			i++;
		if (i >= len)
			return 0;
		uint32_t cp = np_text__cp(t, i, &cplen);
		if (!decode_nfc_safe(cp))
			break;
		i += cplen;
	}
	/* the unit holding i starts at the last boundary before it */
	unit = i;
	while (unit > 0) {
		size_t l;
		uint32_t cp = np_text__cp_before(t, 0, unit, &l);
		unit -= l;
		if (decode_nfc_boundary(cp))
			break;
	}
	if (decode_reserve(d, len + len / 8 + 16) < 0)
		return 1;
	memcpy(d->t, t, unit);
	for (size_t j = 0; j < unit; j++)
		d->map[j] = map ? map[j] : (uint32_t)j;
	d->o = unit;
	i = unit;
	while (i < len && !d->oom) {
		/* one unit: a starter and everything that may combine with it */
		size_t a = i, n_cp = 0;
		int simple = 1;
		uint32_t cp = np_text__cp(t, i, &cplen);
		simple = decode_nfc_safe(cp);
		i += cplen;
		while (i < len && n_cp < NFC_UNIT_MAX) {
			cp = np_text__cp(t, i, &cplen);
			if (decode_nfc_boundary(cp))
				break;
			simple = 0;
			i += cplen;
			n_cp++;
		}
		if (simple) {
			if (decode_reserve(d, i - a) < 0)
				break;
			memcpy(d->t + d->o, t + a, i - a);
			for (size_t j = a; j < i; j++)
				d->map[d->o++] = map ? map[j] : (uint32_t)j;
		} else {
			decode_nfc_unit(d, t, map, a, i);
		}
	}
	return 1;
}

/* ---- the stage --------------------------------------------------------------- */

typedef enum { ENC_UTF8, ENC_CP1252, ENC_LATIN1, ENC_UTF16LE, ENC_UTF16BE } decode_enc;

/* The encoding and the length of the BOM to skip. */
static decode_enc decode_choose(np_record *rec, const decode_scan *sc, size_t *bom)
{
	const unsigned char *s = (const unsigned char *)rec->src;
	size_t n = rec->src_len;
	np_encoding forced = rec->opts ? rec->opts->encoding : NP_ENC_AUTO;
	int utf8_bom = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
	int le_bom = n >= 2 && s[0] == 0xFF && s[1] == 0xFE;
	int be_bom = n >= 2 && s[0] == 0xFE && s[1] == 0xFF;
	*bom = 0;
	switch (forced) {
	case NP_ENC_UTF8:
		*bom = utf8_bom ? 3 : 0;
		return ENC_UTF8;
	case NP_ENC_CP1252: return ENC_CP1252;
	case NP_ENC_LATIN1: return ENC_LATIN1;
	case NP_ENC_UTF16LE:
		*bom = le_bom ? 2 : 0;
		return ENC_UTF16LE;
	case NP_ENC_UTF16BE:
		*bom = be_bom ? 2 : 0;
		return ENC_UTF16BE;
	case NP_ENC_AUTO: break;
	}
	if (utf8_bom) {
		*bom = 3;
		return ENC_UTF8;
	}
	if (le_bom || be_bom) {
		*bom = 2;
		return le_bom ? ENC_UTF16LE : ENC_UTF16BE;
	}
	/* BOM-less UTF-16: mostly-Latin text has a NUL in every other byte. */
	size_t nuls = sc->nul_even + sc->nul_odd;
	if (n >= 4 && nuls >= n / 4) {
		int le = sc->nul_odd >= nuls * 9 / 10, be = sc->nul_even >= nuls * 9 / 10;
		if (le || be) {
			np_record__warn(rec, 0, "%s: offset 0: no byte order mark, but the "
			                "NUL bytes say %s: read as %s", rec->meta.source,
			                le ? "UTF-16LE" : "UTF-16BE",
			                le ? "UTF-16LE" : "UTF-16BE");
			return le ? ENC_UTF16LE : ENC_UTF16BE;
		}
	}
	/* Not UTF-8 but plausible Windows-1252 text: transcode the whole file. */
	if (sc->invalid && !sc->cp1252_undef && nuls == 0 &&
	    sc->valid_multi < sc->invalid && sc->controls * 100 <= n) {
		np_record__warn(rec, sc->first_bad, "%s: offset %zu: not valid UTF-8 "
		                "(byte 0x%02X); the file reads as Windows-1252 and was "
		                "transcoded", rec->meta.source, sc->first_bad,
		                s[sc->first_bad]);
		return ENC_CP1252;
	}
	return ENC_UTF8;
}

/* Move the malloc'd output into the record's arena. */
static int decode_commit(np_record *rec, decode_out *d)
{
	char *t = np_arena_alloc(rec->arena, d->o + 1);
	uint32_t *m = np_arena_alloc(rec->arena, (d->o + 1) * sizeof *m);
	if (!t || !m)
		return -1;
	if (d->o) {
		memcpy(t, d->t, d->o);
		memcpy(m, d->map, d->o * sizeof *m);
	}
	t[d->o] = '\0';
	m[d->o] = (uint32_t)rec->src_len;
	rec->text = t;
	rec->text_len = d->o;
	rec->srcmap = m;
	return 0;
}

int np_stage_decode(np_record *rec, np_ctx *ctx)
{
	const unsigned char *s = (const unsigned char *)rec->src;
	size_t n = rec->src_len;
	if (n >= UINT32_MAX)
		return np_ctx_set_error(ctx, NP_ELIMIT, "%s: inputs of 4 GiB or more "
		                        "are not supported", rec->meta.source);
	decode_scan sc;
	decode_scan_bytes(s, n, &sc);
	size_t bom;
	decode_enc enc = decode_choose(rec, &sc, &bom);
	decode_out d = { rec, NULL, NULL, 0, 0, 0, 0, 0, 0, 0 };
	const char *text = rec->src;
	size_t text_len = n;
	const uint32_t *map = NULL;

	if (!(enc == ENC_UTF8 && sc.clean)) {
		switch (enc) {
		case ENC_UTF8: decode_from_utf8(&d, s, n, bom); break;
		case ENC_CP1252: decode_from_cp1252(&d, s, n, 0); break;
		case ENC_LATIN1: decode_from_cp1252(&d, s, n, 1); break;
		case ENC_UTF16LE: decode_from_utf16(&d, s, n, bom, 0); break;
		case ENC_UTF16BE: decode_from_utf16(&d, s, n, bom, 1); break;
		}
		decode_warn_summary(&d, d.n_bad, "invalid byte sequences");
		decode_warn_summary(&d, d.n_ctrl, "dropped control characters");
		decode_warn_summary(&d, d.n_nonchar, "replaced non-characters");
		if (d.oom || decode_reserve(&d, 1) < 0)
			goto oom;
		d.t[d.o] = '\0';
		d.map[d.o] = (uint32_t)n;
		text = d.t;
		text_len = d.o;
		map = d.map;
	}
	/* NFC only where a code point >= U+0300 occurs. */
	decode_out nfc = { rec, NULL, NULL, 0, 0, 0, 0, 0, 0, 0 };
	int changed = (enc != ENC_UTF8 || !sc.clean || sc.high) &&
	              decode_nfc(&nfc, text, text_len, map);
	if (nfc.oom)
		goto oom2;
	int rc = 0;
	if (changed)
		rc = decode_commit(rec, &nfc);
	else if (map)
		rc = decode_commit(rec, &d);
	else {
		/* clean NFC UTF-8: the arena copy of the input is the text */
		rec->text = (char *)rec->src;
		rec->text_len = n;
		rec->srcmap = NULL;
	}
	free(nfc.t);
	free(nfc.map);
	free(d.t);
	free(d.map);
	if (rc < 0)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory",
		                        rec->meta.source);
	return NP_OK;
oom2:
	free(nfc.t);
	free(nfc.map);
oom:
	free(d.t);
	free(d.map);
	return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory", rec->meta.source);
}

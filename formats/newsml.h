/* newsml.h - what the NewsML-G2 exporter's files share (internal).
 *
 * newsml.c       the writer: newsItem, newsMessage, the vtable
 * newsml_body.c  the inline body (NITF 3.6 or XHTML) with inline marks
 * newsml_text.c  text made safe for XML, dates, short derived strings
 */
#ifndef NP_NEWSML_H
#define NP_NEWSML_H

#include "format.h"

#include <libxml/xmlwriter.h>

#define NP_NEWSML_NS "http://iptc.org/std/nar/2006-10-01/"
#define NP_NITF_NS "http://iptc.org/std/NITF/2006-10-18/"
#define NP_XHTML_NS "http://www.w3.org/1999/xhtml"
#define NP_IPTC_CATALOG \
	"http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_40.xml"

/* ---- newsml_text.c ---------------------------------------------------- */
enum {
	NP_NEWSML_SPACE = 1,    /* TAB, LF and CR become spaces */
	NP_NEWSML_COLLAPSE = 2, /* runs of white space become one space; trim */
	NP_NEWSML_NOTAGS = 4    /* drop anything that looks like <markup> */
};

/* `n` bytes of `s` as text XML 1.0 can carry: valid UTF-8, every character
 * a legal XML Char (anything else becomes U+FFFD), shaped by the flags.
 * malloc'd, NUL-terminated; NULL when out of memory. */
char *np_newsml__clean(const char *s, size_t n, unsigned flags);

/* An xs:dateTime with zone ("2016-09-16T00:00:00Z", "…+02:00") for an ISO
 * 8601 date or date-time; 0 when `iso` is not one. `out` holds 40 bytes. */
int np_newsml__datetime(const char *iso, char out[40]);
/* The same for seconds since the epoch (UTC). */
void np_newsml__epoch_datetime(int64_t t, char out[40]);
/* The item's clock: opts->now, else the article date, else the epoch. */
void np_newsml__clock(const np_record *rec, const np_options *opts,
                      char out[40]);
/* The BCP 47 tag of the record ("en", "de-CH"), "und" when unknown. */
void np_newsml__language(const np_record *rec, char out[36]);
/* The headline as plain text: the record's, markup stripped; else (*derived
 * set) the start of the body; else the article id.  Never empty; malloc'd. */
char *np_newsml__headline(const np_record *rec, int *derived);
/* A slugline from the headline: up to three significant words joined by
 * '-' (malloc'd; "" when there are none). */
char *np_newsml__slugline(const char *headline);
/* The summary: the first paragraph cut to whole sentences within `max`
 * bytes, or at a word boundary with an ellipsis (malloc'd, cleaned). */
char *np_newsml__summary(const np_record *rec, size_t max);

/* ---- newsml_body.c ---------------------------------------------------- */
/* Write the body of the item (the one root element inside inlineXML):
 * NITF 3.6 or XHTML after opts->newsml_body.  Returns 0, or -1 when the
 * writer failed or memory ran out. */
int np_newsml__body(xmlTextWriterPtr w, const np_record *rec,
                    const np_options *opts, const char *guid);
/* The number of words of the body (for inlineXML/@wordcount). */
size_t np_newsml__wordcount(const np_record *rec);
/* The words of t[s, e) as np_newsml__wordcount counts them in a paragraph. */
size_t np_newsml__words(const char *t, size_t s, size_t e);

#endif

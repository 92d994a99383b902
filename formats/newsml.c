/* newsml.c - NewsML-G2 2.35 newsItems ("<id>.newsml.xml"), and with
 * opts->newsml_message one newsMessage for the whole batch.
 *
 * Each item is streamed with libxml2's xmlTextWriter into an np_buf (through
 * an xmlOutputBuffer with our own write callback, so no size limit but
 * memory), in the strict element order of the 2.35 schema:
 *
 *   newsItem  catalogRef rightsInfo? itemMeta contentMeta assert* contentSet
 *
 * Every string from the record passes np_newsml__clean(), so nothing XML 1.0
 * cannot carry reaches the writer; the writer escapes & < > " itself (and
 * '>' in text, so "]]>" never appears in character data).
 *
 * The batch message.  Its header and packageItem (which list every item,
 * so are known only at close) come before the items, so the items' bytes,
 * as rendered for their own files, and the package's itemRef elements are
 * appended to two spill sinks (spill.h) as the batch goes: in memory while
 * small, past a few MB in temporary files.  At close the envelope is
 * rendered with two split points and the message is put as envelope head,
 * itemRefs, envelope middle, items, envelope tail (assembled in memory when
 * nothing spilled, else in pieces streamed from the temporary files).  So
 * memory stays flat however big the batch: besides the XML only the first
 * item's domain, the latest clock and a running hash of the guids are kept.
 */
#include "newsml.h"
#include "spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NEWSML_MESSAGE_NAME "newsmessage.xml"
#define NEWSML_SUMMARY_MAX 300
/* The group role's scheme is declared inside the package itself, so the
 * QCode resolves without assuming a group-role scheme in the receiver's
 * catalog. */
#define NEWSML_GROUP_ALIAS "npgroup"
#define NEWSML_GROUP_SCHEME "http://newsprism.invalid/cv/grouprole/"

typedef struct {
	np_spill items;       /* newsItem elements of the message, in order */
	np_spill refs;        /* the package's itemRef elements, in order */
	size_t n_refs;
	uint64_t guid_hash;   /* np_hash64 chained over every guid and its NUL */
	char provider[200];   /* of the first item: the message's sender */
	char latest[40];      /* the latest item clock, for header/sent */
	np_buf scratch;       /* one itemRef */
} newsml_state;

#define W(call) do { if ((call) < 0) goto fail; } while (0)

/* ---- the writer onto an np_buf -------------------------------------- */

static int newsml_buf_write(void *ctx, const char *data, int len)
{
	return np_buf_put(ctx, data, (size_t)len) < 0 ? -1 : len;
}

static int newsml_buf_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* A writer appending to `buf`; NULL when out of memory. */
static xmlTextWriterPtr newsml_writer(np_buf *buf)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(newsml_buf_write,
	                                                newsml_buf_close, buf, NULL);
	if (!ob)
		return NULL;
	xmlTextWriterPtr w = xmlNewTextWriter(ob); /* owns ob from here */
	if (!w)
		xmlOutputBufferClose(ob);
	return w;
}

/* ---- small writing helpers ----------------------------------------- */

static int newsml_nl(xmlTextWriterPtr w, int depth)
{
	static const char pad[] = "\n                ";
	int n = 1 + 2 * depth;
	if (n > (int)sizeof pad - 1)
		n = (int)sizeof pad - 1;
	return xmlTextWriterWriteRawLen(w, BAD_CAST pad, n);
}

static int newsml_text_element(xmlTextWriterPtr w, int depth, const char *name,
                               const char *s, unsigned flags)
{
	char *t = np_newsml__clean(s, s ? strlen(s) : 0, flags);
	if (!t)
		return -1;
	int rc = newsml_nl(w, depth);
	if (rc >= 0)
		rc = xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST t);
	free(t);
	return rc;
}

/* <el [type=TYPE] literal=NAME><name>NAME</name></el> */
static int newsml_party(xmlTextWriterPtr w, int depth, const char *el,
                        const char *type, const char *name)
{
	char *t = np_newsml__clean(name, strlen(name), NP_NEWSML_COLLAPSE);
	if (!t)
		return -1;
	int rc = -1;
	if (!*t) {
		rc = 0;
		goto out;
	}
	if (newsml_nl(w, depth) < 0 || xmlTextWriterStartElement(w, BAD_CAST el) < 0)
		goto out;
	if (type && xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type) < 0)
		goto out;
	if (xmlTextWriterWriteAttribute(w, BAD_CAST "literal", BAD_CAST t) < 0 ||
	    xmlTextWriterWriteElement(w, BAD_CAST "name", BAD_CAST t) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		goto out;
	rc = 0;
out:
	free(t);
	return rc;
}

static const char *newsml_provider_name(const np_record *rec, const np_options *opts)
{
	if (opts && opts->provider && *opts->provider)
		return opts->provider;
	if (rec->meta.provider && *rec->meta.provider)
		return rec->meta.provider;
	return "newsprism.invalid";
}

/* The provider domain as the guid carries it: "urn:newsml:<domain>:...". */
static void newsml_guid_domain(const char *guid, char *out, size_t cap)
{
	const char *s = guid + strlen("urn:newsml:");
	const char *e = strchr(s, ':');
	size_t n = e ? (size_t)(e - s) : strlen(s);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* ---- the newsItem --------------------------------------------------- */

static int newsml_root(xmlTextWriterPtr w, const char *guid, const char *lang)
{
	if (xmlTextWriterStartElementNS(w, NULL, BAD_CAST "newsItem",
	                                BAD_CAST NP_NEWSML_NS) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "guid", BAD_CAST guid) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "standard", BAD_CAST "NewsML-G2") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "standardversion", BAD_CAST "2.35") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "conformance", BAD_CAST "power") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST lang) < 0)
		return -1;
	if (newsml_nl(w, 1) < 0 || xmlTextWriterStartElement(w, BAD_CAST "catalogRef") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST NP_IPTC_CATALOG) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* A copyright holder from "Copyright 2016 Example News. All rights
 * reserved.": the words after the marks and the years (malloc'd). */
static char *newsml_holder_from_notice(const char *notice)
{
	char *t = np_newsml__clean(notice, strlen(notice), NP_NEWSML_COLLAPSE);
	if (!t)
		return NULL;
	char *p = t;
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '-')
			p++;
		if (strncasecmp(p, "copyright", 9) == 0)
			p += 9;
		else if (strncmp(p, "\xC2\xA9", 2) == 0) /* © */
			p += 2;
		else if (strncasecmp(p, "(c)", 3) == 0)
			p += 3;
		else if (*p >= '0' && *p <= '9')
			while ((*p >= '0' && *p <= '9') || *p == '-')
				p++;
		else
			break;
	}
	for (char *q = p; *q; q++)
		if (strncasecmp(q, "all rights reserved", 19) == 0) {
			*q = '\0';
			break;
		}
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '.' || p[n - 1] == ','))
		p[--n] = '\0';
	memmove(t, p, n + 1);
	return t;
}

static int newsml_rights(xmlTextWriterPtr w, const np_record *rec)
{
	const char *notice = rec->meta.copyright && *rec->meta.copyright
	                     ? rec->meta.copyright : NULL;
	const char *prov = rec->meta.provider && *rec->meta.provider
	                   ? rec->meta.provider : NULL;
	if (!notice && !prov)
		return 0;
	char *holder = prov ? strdup(prov) : newsml_holder_from_notice(notice);
	if (!holder)
		return -1;
	int rc = -1;
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "rightsInfo"));
	W(newsml_party(w, 2, "copyrightHolder", NULL, holder));
	if (notice)
		W(newsml_text_element(w, 2, "copyrightNotice", notice, NP_NEWSML_COLLAPSE));
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w));
	rc = 0;
fail:
	free(holder);
	return rc;
}

static int newsml_item_meta(xmlTextWriterPtr w, const np_record *rec,
                            const np_options *opts, const char *clock,
                            int headline_derived)
{
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemMeta"));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemClass"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "qcode", BAD_CAST "ninat:text"));
	W(xmlTextWriterEndElement(w));
	W(newsml_party(w, 2, "provider", NULL, newsml_provider_name(rec, opts)));
	W(newsml_text_element(w, 2, "versionCreated", clock, 0));
	W(newsml_text_element(w, 2, "firstCreated", clock, 0));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "pubStatus"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "qcode", BAD_CAST "stat:usable"));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "generator"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "versioninfo", BAD_CAST NP_VERSION));
	W(xmlTextWriterWriteString(w, BAD_CAST "newsprism"));
	W(xmlTextWriterEndElement(w));
	/* what the pipeline repaired or guessed, for the desk */
	int noted_headline = 0;
	size_t src_len = rec->meta.source ? strlen(rec->meta.source) : 0;
	for (size_t i = 0; i < rec->n_warns; i++) {
		char note[640];
		const np_warning *wn = &rec->warns[i];
		const char *msg = wn->message ? wn->message : "";
		/* the item is about this source: its path (which differs from
		 * machine to machine) adds nothing */
		if (src_len && strncmp(msg, rec->meta.source, src_len) == 0 &&
		    strncmp(msg + src_len, ": ", 2) == 0)
			msg += src_len + 2;
		if (strstr(msg, "headline"))
			noted_headline = 1;
		if (wn->source_offset != SIZE_MAX)
			snprintf(note, sizeof note, "input byte %zu: %s", wn->source_offset, msg);
		else
			snprintf(note, sizeof note, "%s", msg);
		W(newsml_text_element(w, 2, "edNote", note, NP_NEWSML_COLLAPSE));
	}
	if ((rec->meta.headline_derived || headline_derived) && !noted_headline)
		W(newsml_text_element(w, 2, "edNote",
		                      "no headline in the input: derived from the body", 0));
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w));
	return 0;
fail:
	return -1;
}

/* Entities the pipeline may list twice (same type and name) give one
 * subject and one assert each: dup[i] is 1 when an earlier entity is the
 * same.  Sorted, not compared pairwise, so thousands of entities stay
 * cheap.  malloc'd; NULL when out of memory. */
typedef struct {
	np_entity_type type;
	const char *name;
	size_t i;
} newsml_ent_key;

static int newsml_ent_cmp(const void *a, const void *b)
{
	const newsml_ent_key *x = a, *y = b;
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static char *newsml_duplicates(const np_record *rec)
{
	size_t n = rec->n_ents;
	char *dup = calloc(n ? n : 1, 1);
	newsml_ent_key *k = malloc((n ? n : 1) * sizeof *k);
	if (!dup || !k) {
		free(dup);
		free(k);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		k[i] = (newsml_ent_key){ rec->ents[i].type,
		                         rec->ents[i].name ? rec->ents[i].name : "", i };
	qsort(k, n, sizeof *k, newsml_ent_cmp);
	for (size_t i = 1; i < n; i++)
		if (k[i].type == k[i - 1].type && strcmp(k[i].name, k[i - 1].name) == 0)
			dup[k[i].i] = 1;
	free(k);
	return dup;
}

static const char *newsml_cpnat(np_entity_type t)
{
	return t == NP_ENT_PERSON ? "cpnat:person"
	       : t == NP_ENT_ORG  ? "cpnat:organisation"
	                          : "cpnat:geoArea";
}

/* The dateline place, in the spelling of a matching place entity when one
 * exists ("WASHINGTON" -> "Washington"). */
static const char *newsml_located_name(const np_record *rec)
{
	const char *p = rec->meta.dateline_place;
	for (size_t i = 0; p && i < rec->n_ents; i++)
		if (rec->ents[i].type == NP_ENT_PLACE && rec->ents[i].name &&
		    strcasecmp(rec->ents[i].name, p) == 0)
			return rec->ents[i].name;
	return p;
}

static int newsml_keywords(xmlTextWriterPtr w, const char *kw)
{
	while (kw && *kw) {
		size_t n = strcspn(kw, ",;");
		char *t = np_newsml__clean(kw, n, NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS);
		if (!t)
			return -1;
		int rc = *t ? newsml_text_element(w, 2, "keyword", t, 0) : 0;
		free(t);
		if (rc < 0)
			return -1;
		kw += n;
		if (*kw)
			kw++;
	}
	return 0;
}

static int newsml_content_meta(xmlTextWriterPtr w, const np_record *rec,
                               const char *clock, const char *lang,
                               const char *headline, const char *dup)
{
	const np_metadata *m = &rec->meta;
	char created[40];
	char *slug = NULL, *summary = NULL;
	if (!np_newsml__datetime(m->date, created))
		memcpy(created, clock, 40);
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "contentMeta"));
	W(newsml_text_element(w, 2, "contentCreated", created, 0));
	if (m->dateline_place && *m->dateline_place)
		W(newsml_party(w, 2, "located", "cpnat:geoArea", newsml_located_name(rec)));
	if (m->n_authors) {
		for (size_t i = 0; i < m->n_authors; i++)
			W(newsml_party(w, 2, "creator", NULL, m->authors[i]));
	} else if (m->byline && *m->byline) {
		W(newsml_party(w, 2, "creator", NULL, m->byline));
	}
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "language"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "tag", BAD_CAST lang));
	W(xmlTextWriterEndElement(w));
	W(newsml_keywords(w, m->keywords));
	for (size_t i = 0; i < rec->n_ents; i++) {
		const np_entity *e = &rec->ents[i];
		if (!e->name || !*e->name || dup[i])
			continue;
		W(newsml_party(w, 2, "subject", newsml_cpnat(e->type), e->name));
	}
	slug = np_newsml__slugline(headline);
	if (!slug)
		goto fail;
	if (*slug)
		W(newsml_text_element(w, 2, "slugline", slug, 0));
	W(newsml_text_element(w, 2, "headline", headline, 0));
	if (m->dateline && *m->dateline)
		W(newsml_text_element(w, 2, "dateline", m->dateline, NP_NEWSML_COLLAPSE));
	if (m->byline && *m->byline)
		W(newsml_text_element(w, 2, "by", m->byline,
		                      NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS));
	const char *credit = m->source_name && *m->source_name ? m->source_name
	                     : m->provider && *m->provider     ? m->provider
	                                                       : NULL;
	if (credit)
		W(newsml_text_element(w, 2, "creditline", credit, NP_NEWSML_COLLAPSE));
	summary = np_newsml__summary(rec, NEWSML_SUMMARY_MAX);
	if (!summary)
		goto fail;
	if (*summary) {
		W(newsml_nl(w, 2));
		W(xmlTextWriterStartElement(w, BAD_CAST "description"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "role", BAD_CAST "drol:summary"));
		W(xmlTextWriterWriteString(w, BAD_CAST summary));
		W(xmlTextWriterEndElement(w));
	}
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w));
	free(slug);
	free(summary);
	return 0;
fail:
	free(slug);
	free(summary);
	return -1;
}

/* One assert per person: their name and, when the extractor found one, the
 * title ("State Department spokesman") as a note; an organisation named in
 * the title becomes the person's affiliation. */
static int newsml_asserts(xmlTextWriterPtr w, const np_record *rec, const char *dup)
{
	/* a title may be known only on the quotes a person said: the first
	 * one per speaker, in one pass */
	const char **qtitle = calloc(rec->n_ents ? rec->n_ents : 1, sizeof *qtitle);
	if (!qtitle)
		return -1;
	for (size_t q = 0; q < rec->n_quotes; q++) {
		long sp = rec->quotes[q].speaker;
		if (sp >= 0 && (size_t)sp < rec->n_ents && !qtitle[sp] &&
		    rec->quotes[q].speaker_title && *rec->quotes[q].speaker_title)
			qtitle[sp] = rec->quotes[q].speaker_title;
	}
	for (size_t i = 0; i < rec->n_ents; i++) {
		const np_entity *e = &rec->ents[i];
		if (e->type != NP_ENT_PERSON || !e->name || !*e->name || dup[i])
			continue;
		char *name = np_newsml__clean(e->name, strlen(e->name),
		                              NP_NEWSML_COLLAPSE);
		if (!name) {
			free(qtitle);
			return -1;
		}
		int rc = -1;
		if (!*name) {
			free(name);
			continue;
		}
		const char *title = e->title && *e->title ? e->title : qtitle[i];
		W(newsml_nl(w, 1));
		W(xmlTextWriterStartElement(w, BAD_CAST "assert"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "literal", BAD_CAST name));
		W(newsml_nl(w, 2));
		W(xmlTextWriterStartElement(w, BAD_CAST "type"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "qcode", BAD_CAST "cpnat:person"));
		W(xmlTextWriterEndElement(w));
		W(newsml_nl(w, 2));
		W(xmlTextWriterWriteElement(w, BAD_CAST "name", BAD_CAST name));
		if (title && *title) {
			W(newsml_text_element(w, 2, "note", title,
			                      NP_NEWSML_COLLAPSE | NP_NEWSML_NOTAGS));
			const char *org = NULL;
			for (size_t k = 0; k < rec->n_ents && !org; k++)
				if (rec->ents[k].type == NP_ENT_ORG && rec->ents[k].name &&
				    *rec->ents[k].name && strstr(title, rec->ents[k].name))
					org = rec->ents[k].name;
			if (org) {
				W(newsml_nl(w, 2));
				W(xmlTextWriterStartElement(w, BAD_CAST "personDetails"));
				W(newsml_party(w, 3, "affiliation", "cpnat:organisation", org));
				W(newsml_nl(w, 2));
				W(xmlTextWriterEndElement(w));
			}
		}
		W(newsml_nl(w, 1));
		W(xmlTextWriterEndElement(w));
		rc = 0;
	fail:
		free(name);
		if (rc < 0) {
			free(qtitle);
			return -1;
		}
	}
	free(qtitle);
	return 0;
}

static int newsml_content_set(xmlTextWriterPtr w, const np_record *rec,
                              const np_options *opts, const char *guid)
{
	char wc[32];
	snprintf(wc, sizeof wc, "%zu", np_newsml__wordcount(rec));
	int xhtml = opts && opts->newsml_body == NP_NEWSML_BODY_XHTML;
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "contentSet"));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "inlineXML"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "contenttype",
	                              BAD_CAST(xhtml ? "application/xhtml+xml"
	                                             : "application/nitf+xml")));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "wordcount", BAD_CAST wc));
	W(newsml_nl(w, 3));
	W(np_newsml__body(w, rec, opts, guid));
	W(newsml_nl(w, 2));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w));
	return 0;
fail:
	return -1;
}

/* Render one newsItem document into `out`. */
static int newsml_render_item(np_buf *out, const np_record *rec,
                              const np_options *opts, char clock[40])
{
	char lang[36];
	np_newsml__language(rec, lang);
	np_newsml__clock(rec, opts, clock);
	const char *guid = np_record_guid(rec, opts);
	int derived;
	char *headline = np_newsml__headline(rec, &derived);
	char *dup = headline ? newsml_duplicates(rec) : NULL;
	xmlTextWriterPtr w = dup ? newsml_writer(out) : NULL;
	if (!w) {
		free(headline);
		free(dup);
		return -1;
	}
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(newsml_root(w, guid, lang));
	W(newsml_rights(w, rec));
	W(newsml_item_meta(w, rec, opts, clock, derived));
	W(newsml_content_meta(w, rec, clock, lang, headline, dup));
	W(newsml_asserts(w, rec, dup));
	W(newsml_content_set(w, rec, opts, guid));
	W(newsml_nl(w, 0));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterWriteRaw(w, BAD_CAST "\n"));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	free(headline);
	free(dup);
	return out->oom ? -1 : 0;
fail:
	xmlFreeTextWriter(w);
	free(headline);
	free(dup);
	return -1;
}

/* ---- the batch message ----------------------------------------------- */

/* One itemRef of the package, as the envelope's writer would put it at
 * depth 4 (its own writer: the bytes depend on nothing before them). */
static int newsml_render_ref(np_buf *out, const char *guid, const char *headline)
{
	xmlTextWriterPtr w = newsml_writer(out);
	if (!w)
		return -1;
	W(newsml_nl(w, 4));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemRef"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "residref", BAD_CAST guid));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "contenttype",
	                              BAD_CAST "application/vnd.iptc.g2.newsitem+xml"));
	if (*headline)
		W(xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST headline));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterFlush(w));
	xmlFreeTextWriter(w);
	return out->oom ? -1 : 0;
fail:
	xmlFreeTextWriter(w);
	return -1;
}

static int newsml_keep_for_message(newsml_state *st, const np_record *rec,
                                   const np_options *opts, const np_buf *item,
                                   const char *clock)
{
	/* the item without its XML declaration */
	const char *body = item->data;
	const char *decl_end = strstr(body, "?>");
	if (decl_end && strncmp(body, "<?xml", 5) == 0)
		body = decl_end + 2;
	while (*body == '\n')
		body++;
	int derived;
	const char *guid = np_record_guid(rec, opts);
	char *headline = np_newsml__headline(rec, &derived);
	if (!guid || !headline) {
		free(headline);
		errno = ENOMEM;
		return -1;
	}
	np_buf_reset(&st->scratch);
	int rc = newsml_render_ref(&st->scratch, guid, headline);
	free(headline);
	if (rc < 0) {
		errno = ENOMEM;
		return -1;
	}
	if (np_spill__put(&st->refs, st->scratch.data, st->scratch.len) < 0 ||
	    np_spill__put(&st->items, "  ", 2) < 0 ||
	    np_spill__put(&st->items, body, item->len - (size_t)(body - item->data)) < 0)
		return -1;
	st->guid_hash = np_hash64(guid, strlen(guid) + 1, st->guid_hash);
	if (st->n_refs++ == 0)
		newsml_guid_domain(guid, st->provider, sizeof st->provider);
	if (strcmp(clock, st->latest) > 0) /* same zone (Z) sorts as text */
		memcpy(st->latest, clock, 40);
	return 0;
}

/* Header, packageItem and the closing tags, with split[0] the offset where
 * the itemRefs go and split[1] the one where the items go. */
static int newsml_render_envelope(np_buf *out, size_t split[2], newsml_state *st,
                                  const np_options *opts)
{
	char sent[40], date[9], id[64];
	if (opts && opts->now >= 0)
		np_newsml__epoch_datetime(opts->now, sent);
	else if (st->latest[0])
		memcpy(sent, st->latest, 40);
	else
		np_newsml__epoch_datetime(0, sent);
	snprintf(date, sizeof date, "%.4s%.2s%.2s", sent, sent + 5, sent + 8);
	uint64_t h = st->guid_hash;
	snprintf(id, sizeof id, "batch-%016llx", (unsigned long long)h);
	/* the well-formed domain of the first item's guid */
	const char *dom = st->provider[0] ? st->provider : "newsprism.invalid";
	char guid[320], transmit[320];
	snprintf(guid, sizeof guid, "urn:newsml:%s:%s:%s", dom, date, id);
	snprintf(transmit, sizeof transmit, "%s:%s", dom, id);

	xmlTextWriterPtr w = newsml_writer(out);
	if (!w)
		return -1;
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "newsMessage", BAD_CAST NP_NEWSML_NS));
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "header"));
	W(newsml_text_element(w, 2, "sent", sent, 0));
	W(newsml_text_element(w, 2, "sender", dom, 0));
	W(newsml_text_element(w, 2, "transmitId", transmit, 0));
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemSet"));
	W(newsml_nl(w, 1));
	W(xmlTextWriterStartElement(w, BAD_CAST "packageItem"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "guid", BAD_CAST guid));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "standard", BAD_CAST "NewsML-G2"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "standardversion", BAD_CAST "2.35"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "conformance", BAD_CAST "power"));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "catalogRef"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST NP_IPTC_CATALOG));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "catalog"));
	W(xmlTextWriterStartElement(w, BAD_CAST "scheme"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "alias", BAD_CAST NEWSML_GROUP_ALIAS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "uri", BAD_CAST NEWSML_GROUP_SCHEME));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemMeta"));
	W(newsml_nl(w, 3));
	W(xmlTextWriterStartElement(w, BAD_CAST "itemClass"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "qcode", BAD_CAST "ninat:composite"));
	W(xmlTextWriterEndElement(w));
	W(newsml_party(w, 3, "provider", NULL, dom));
	W(newsml_text_element(w, 3, "versionCreated", sent, 0));
	W(newsml_nl(w, 3));
	W(xmlTextWriterStartElement(w, BAD_CAST "pubStatus"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "qcode", BAD_CAST "stat:usable"));
	W(xmlTextWriterEndElement(w));
	W(newsml_nl(w, 2));
	W(xmlTextWriterEndElement(w)); /* itemMeta */
	W(newsml_nl(w, 2));
	W(xmlTextWriterStartElement(w, BAD_CAST "groupSet"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "root", BAD_CAST "G1"));
	W(newsml_nl(w, 3));
	W(xmlTextWriterStartElement(w, BAD_CAST "group"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "G1"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "role", BAD_CAST NEWSML_GROUP_ALIAS ":main"));
	/* an empty raw write closes the group's start tag: the itemRefs
	 * (newsml_render_ref) go right after it */
	W(xmlTextWriterWriteRawLen(w, BAD_CAST "", 0));
	W(xmlTextWriterFlush(w));
	split[0] = out->len;
	W(newsml_nl(w, 3));
	W(xmlTextWriterEndElement(w)); /* group */
	W(newsml_nl(w, 2));
	W(xmlTextWriterEndElement(w)); /* groupSet */
	W(newsml_nl(w, 1));
	W(xmlTextWriterEndElement(w)); /* packageItem */
	W(newsml_nl(w, 0));
	W(xmlTextWriterFlush(w));
	split[1] = out->len;
	W(xmlTextWriterEndElement(w)); /* itemSet */
	W(newsml_nl(w, 0));
	W(xmlTextWriterEndElement(w)); /* newsMessage */
	W(xmlTextWriterWriteRaw(w, BAD_CAST "\n"));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	return out->oom ? -1 : 0;
fail:
	xmlFreeTextWriter(w);
	return -1;
}

/* The message from memory: nothing spilled, so all of it is small. */
static int newsml_put_message_mem(np_writer *w, newsml_state *st, const np_buf *env,
                                  const size_t split[2])
{
	np_buf msg = NP_BUF_INIT;
	np_buf_reserve(&msg, env->len + st->refs.buf.len + st->items.buf.len);
	np_buf_put(&msg, env->data, split[0]);
	np_buf_put(&msg, st->refs.buf.data ? st->refs.buf.data : "", st->refs.buf.len);
	np_buf_put(&msg, env->data + split[0], split[1] - split[0]);
	np_buf_put(&msg, st->items.buf.data ? st->items.buf.data : "", st->items.buf.len);
	np_buf_put(&msg, env->data + split[1], env->len - split[1]);
	int rc = msg.oom ? NP_ENOMEM
	                 : np_output_put(w->dest, NEWSML_MESSAGE_NAME, msg.data, msg.len);
	np_buf_dispose(&msg);
	return rc;
}

/* The message in pieces, straight from the spill files into the output
 * (np_output__put_parts): envelope head, itemRefs, envelope middle,
 * items, envelope tail. */
static int newsml_put_message_parts(np_writer *w, newsml_state *st, const np_buf *env,
                                    const size_t split[2])
{
	np_output_part parts[7];
	size_t n = 0;
	int k;
	parts[n++] = (np_output_part){ env->data, -1, split[0] };
	if ((k = np_spill__parts(&st->refs, parts + n)) < 0)
		goto fail;
	n += (size_t)k;
	parts[n++] = (np_output_part){ env->data + split[0], -1, split[1] - split[0] };
	if ((k = np_spill__parts(&st->items, parts + n)) < 0)
		goto fail;
	n += (size_t)k;
	parts[n++] = (np_output_part){ env->data + split[1], -1, env->len - split[1] };
	return np_output__put_parts(w->dest, NEWSML_MESSAGE_NAME, parts, n);
fail:
	return np_ctx_set_error(w->ctx, errno == ENOMEM ? NP_ENOMEM : NP_EIO,
	                        "newsml: %s: cannot write a temporary file: %s",
	                        NEWSML_MESSAGE_NAME, strerror(errno));
}

static int newsml_write_message(np_writer *w, newsml_state *st)
{
	np_buf env = NP_BUF_INIT;
	size_t split[2] = { 0, 0 };
	int rc;
	if (st->items.err || st->refs.err) {
		int err = st->items.err ? st->items.err : st->refs.err;
		rc = np_ctx_set_error(w->ctx, err == ENOMEM ? NP_ENOMEM : NP_EIO,
		                      "newsml: %s not written: %s", NEWSML_MESSAGE_NAME,
		                      strerror(err));
	} else if (newsml_render_envelope(&env, split, st, w->opts) < 0)
		rc = np_ctx_set_error(w->ctx, NP_ENOMEM, "newsml: out of memory");
	else if (!np_spill__spilled(&st->refs) && !np_spill__spilled(&st->items))
		rc = newsml_put_message_mem(w, st, &env, split);
	else
		rc = newsml_put_message_parts(w, st, &env, split);
	if (rc == NP_ENOMEM && !*np_ctx_error(w->ctx))
		np_ctx_set_error(w->ctx, NP_ENOMEM, "newsml: out of memory");
	else if (rc < 0 && !*np_ctx_error(w->ctx))
		np_ctx_set_error(w->ctx, rc, "newsml: cannot write %s", NEWSML_MESSAGE_NAME);
	np_buf_dispose(&env);
	return rc;
}

/* ---- the vtable ------------------------------------------------------- */

static int newsml_open(np_writer *w)
{
	if (!w->opts->newsml_message)
		return NP_OK;
	newsml_state *st = calloc(1, sizeof *st);
	if (!st)
		return np_ctx_set_error(w->ctx, NP_ENOMEM, "newsml: out of memory");
	w->state = st;
	return NP_OK;
}

static int newsml_write(np_writer *w, const np_record *rec)
{
	np_buf item = NP_BUF_INIT;
	char clock[40];
	char *name = NULL;
	int rc;
	if (newsml_render_item(&item, rec, w->opts, clock) < 0) {
		rc = np_ctx_set_error(w->ctx, NP_EFORMAT, "%s: newsml: cannot render "
		                      "the item (out of memory?)", rec->meta.source);
		goto out;
	}
	name = np_format__article_path(rec, np_format_newsml.extension);
	if (!name) {
		rc = np_ctx_set_error(w->ctx, NP_ENOMEM, "newsml: out of memory");
		goto out;
	}
	rc = np_output_put(w->dest, name, item.data, item.len);
	if (rc < 0)
		goto out;
	if (w->state && newsml_keep_for_message(w->state, rec, w->opts, &item, clock) < 0)
		rc = errno == ENOMEM
		     ? np_ctx_set_error(w->ctx, NP_ENOMEM, "newsml: out of memory")
		     : np_ctx_set_error(w->ctx, NP_EIO, "newsml: cannot write a temporary "
		                        "file for %s: %s", NEWSML_MESSAGE_NAME, strerror(errno));
out:
	free(name);
	np_buf_dispose(&item);
	return rc;
}

static int newsml_close(np_writer *w)
{
	newsml_state *st = w->state;
	if (!st || st->n_refs == 0)
		return NP_OK; /* an empty batch has nothing to package */
	return newsml_write_message(w, st);
}

static void newsml_free(np_writer *w)
{
	newsml_state *st = w->state;
	if (!st)
		return;
	np_spill__dispose(&st->items);
	np_spill__dispose(&st->refs);
	np_buf_dispose(&st->scratch);
	free(st);
	w->state = NULL;
}

const np_format np_format_newsml = { "newsml", "newsml.xml", newsml_open,
	                             newsml_write, newsml_close, newsml_free };

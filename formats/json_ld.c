/* json_ld.c - the schema.org NewsArticle of a record, built once for the
 * jsonld (one file per article) and jsonl (one line per article) exporters.
 *
 * Nodes: the NewsArticle; its authors (Person) and publisher
 * (Organization); every person, organisation and place found (`mentions`,
 * each once, with a stable @id below the article's IRI); one Quotation per
 * quote (`hasPart`) whose creator and spokenByCharacter point at the
 * speaker's @id.  Compact style nests the nodes in the article; graph style
 * lists every node flat in @graph and links them by @id. */
#include "json_build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct ld {
	np_jb *b;
	const np_record *rec;
	int graph;             /* --jsonld-style graph */
	json_t *nodes;         /* graph style: every node but the article */
	char *iri, *frag;      /* the article's IRI, and it without a fragment */
	np_json_ids ids;
	/* speakers named by a quote but found by no entity */
	const char **spk_name;
	const char **spk_iri;
	size_t n_spk;
	json_t *part_of;       /* {"@id": the article}, shared by the quotes */
} ld;

static json_t *ld_ref(ld *l, const char *iri)
{
	json_t *r = np_json__object(l->b);
	np_json__set_str(l->b, r, "@id", iri);
	return r;
}

/* Where a node goes: nested in compact style, as a reference (with the node
 * added to @graph) in graph style.  Steals `node`. */
static json_t *ld_place(ld *l, json_t *node)
{
	if (!node || !l->graph)
		return node;
	json_t *id = json_object_get(node, "@id");
	json_t *ref = np_json__object(l->b);
	if (ref && id)
		np_json__set(l->b, ref, "@id", json_incref(id));
	np_json__append(l->b, l->nodes, node);
	return ref;
}

static json_t *ld_node(ld *l, const char *type, const char *iri, const char *name)
{
	json_t *n = np_json__object(l->b);
	np_json__set_str(l->b, n, "@type", type);
	np_json__set_str(l->b, n, "@id", iri);
	np_json__set_str(l->b, n, "name", name);
	return n;
}

/* ---- entities -------------------------------------------------------------- */

/* The entity's title, else the title a quote gave its speaker. */
static const char *ld_title(const np_record *rec, size_t i)
{
	if (rec->ents[i].title && *rec->ents[i].title)
		return rec->ents[i].title;
	for (size_t q = 0; q < rec->n_quotes; q++)
		if (rec->quotes[q].speaker == (long)i && rec->quotes[q].speaker_title &&
		    *rec->quotes[q].speaker_title)
			return rec->quotes[q].speaker_title;
	return NULL;
}

/* Index of the first entity with this IRI (duplicates share one). */
static int ld_first_of(const ld *l, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(l->ids.ent[j], l->ids.ent[i]) == 0)
			return 0;
	return 1;
}

static const char *ld_entity_named(const ld *l, const char *name, int people_only)
{
	for (size_t i = 0; name && i < l->rec->n_ents; i++) {
		const np_entity *e = &l->rec->ents[i];
		if (people_only ? e->type != NP_ENT_PERSON : e->type == NP_ENT_PLACE)
			continue;
		if (e->name && strcmp(e->name, name) == 0)
			return l->ids.ent[i];
	}
	return NULL;
}

/* The @id of a quote's speaker: its entity, else a Person made once per
 * name (added to `mentions`), else NULL when nobody is named. */
static const char *ld_speaker(ld *l, const np_quote *q, json_t *mentions)
{
	if (q->speaker >= 0 && (size_t)q->speaker < l->rec->n_ents &&
	    l->rec->ents[q->speaker].name && *l->rec->ents[q->speaker].name)
		return l->ids.ent[q->speaker]; /* named entities are in mentions */
	if (!q->speaker_name || !*q->speaker_name)
		return NULL;
	const char *iri = ld_entity_named(l, q->speaker_name, 0);
	if (iri)
		return iri;
	for (size_t i = 0; i < l->n_spk; i++)
		if (strcmp(l->spk_name[i], q->speaker_name) == 0)
			return l->spk_iri[i];
	iri = np_json__ids_new_iri(&l->ids, l->frag, "person", q->speaker_name);
	const char **n = realloc(l->spk_name, (l->n_spk + 1) * sizeof *n);
	if (n)
		l->spk_name = n;
	const char **s = n ? realloc(l->spk_iri, (l->n_spk + 1) * sizeof *s) : NULL;
	if (s)
		l->spk_iri = s;
	if (!iri || !n || !s) {
		np_json__oom(l->b);
		return NULL;
	}
	l->spk_name[l->n_spk] = q->speaker_name;
	l->spk_iri[l->n_spk++] = iri;
	json_t *p = ld_node(l, "Person", iri, q->speaker_name);
	np_json__set_str(l->b, p, "jobTitle", q->speaker_title);
	np_json__append(l->b, mentions, ld_place(l, p));
	return iri;
}

static json_t *ld_mentions(ld *l)
{
	const np_record *rec = l->rec;
	json_t *m = np_json__array(l->b);
	for (size_t i = 0; i < rec->n_ents && l->b->rc >= 0; i++) {
		const np_entity *e = &rec->ents[i];
		if (!e->name || !*e->name || !ld_first_of(l, i))
			continue;
		json_t *n = ld_node(l, np_json__schema_type(e->type), l->ids.ent[i],
		                    e->name);
		if (e->type == NP_ENT_PERSON)
			np_json__set_str(l->b, n, "jobTitle", ld_title(rec, i));
		np_json__append(l->b, m, ld_place(l, n));
	}
	return m;
}

/* ---- quotes ------------------------------------------------------------------ */

static json_t *ld_quotation(ld *l, size_t i, json_t *mentions)
{
	const np_quote *q = &l->rec->quotes[i];
	char frag[48];
	snprintf(frag, sizeof frag, "#quote-%zu", i + 1);
	char *iri = malloc(strlen(l->frag) + sizeof frag);
	if (!iri) {
		np_json__oom(l->b);
		return NULL;
	}
	strcpy(iri, l->frag);
	strcat(iri, frag);
	const char *speaker = ld_speaker(l, q, mentions);
	json_t *n = np_json__object(l->b);
	np_json__set_str(l->b, n, "@type", "Quotation");
	np_json__set_str(l->b, n, "@id", iri);
	if (q->text) {
		np_json__set(l->b, n, "text", np_json__str(l->b, "quote text", q->text));
	} else { /* the quoted words, when no stage set the text */
		np_span sp = q->span;
		if (sp.end > l->rec->text_len)
			sp.end = l->rec->text_len;
		if (sp.start > sp.end)
			sp.start = sp.end;
		char *t = strndup(l->rec->text + sp.start,
		                  sp.start < sp.end ? sp.end - sp.start : 0);
		np_json__set(l->b, n, "text", t ? np_json__str(l->b, "quote text", t) : NULL);
		free(t);
	}
	if (speaker) {
		/* one {"@id"} node under both keys: the tree may share it (the
		 * serialiser writes it twice), five allocations fewer a quote */
		json_t *r = ld_ref(l, speaker);
		np_json__set(l->b, n, "creator", r);
		np_json__set(l->b, n, "spokenByCharacter", r ? json_incref(r) : NULL);
	}
	if (!l->part_of)
		l->part_of = ld_ref(l, l->iri); /* the same for every quote */
	np_json__set(l->b, n, "isPartOf", l->part_of ? json_incref(l->part_of) : NULL);
	np_json__set(l->b, n, "position", json_integer((json_int_t)(i + 1)));
	np_json__set_str(l->b, n, "description", np_quote_type_name(q->type));
	free(iri);
	return n;
}

/* ---- article metadata ------------------------------------------------------ */

/* Lower-case letters and digits of `s`: "Is-Accessible_for free" ->
 * "isaccessibleforfree". */
static void ld_squash(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	for (; s && *s && o + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

/* 1 free, 0 not free, -1 unknown, from a metadata value. */
static int ld_free_value(const char *key, const char *value)
{
	char k[64], v[32];
	ld_squash(key, k, sizeof k);
	ld_squash(value, v, sizeof v);
	int yes = !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") ||
	          !strcmp(v, "free");
	int no = !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") ||
	         !strcmp(v, "paid") || !strcmp(v, "subscription") ||
	         !strcmp(v, "premium") || !strcmp(v, "paywalled");
	if (!strcmp(k, "isaccessibleforfree") || !strcmp(k, "accessibleforfree") ||
	    !strcmp(k, "free"))
		return yes ? 1 : no ? 0 : -1;
	if (!strcmp(k, "paywall") || !strcmp(k, "paywalled"))
		return yes ? 0 : no ? 1 : -1;
	return -1;
}

/* isAccessibleForFree is only stated when the article's metadata (a header
 * line or --meta) says so: guessing would mislead search engines. */
static int ld_accessible_for_free(const np_record *rec, const np_options *opts)
{
	int known = -1;
	for (size_t i = 0; i < rec->meta.n_extra; i++) {
		int v = ld_free_value(rec->meta.extra[i].key, rec->meta.extra[i].value);
		if (v >= 0)
			known = v;
	}
	for (size_t i = 0; opts && opts->meta && i < opts->n_meta; i++) {
		int v = ld_free_value(opts->meta[i].key, opts->meta[i].value);
		if (v >= 0)
			known = v;
	}
	return known;
}

/* "a, b; c" -> ["a", "b", "c"] */
static json_t *ld_keywords(ld *l, const char *kw)
{
	json_t *arr = np_json__array(l->b);
	while (kw && *kw && l->b->rc >= 0) {
		size_t n = strcspn(kw, ",;");
		const char *s = kw, *e = kw + n;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s) {
			char *word = strndup(s, (size_t)(e - s));
			if (!word)
				np_json__oom(l->b);
			else
				np_json__append(l->b, arr, np_json__str(l->b, "keywords", word));
			free(word);
		}
		kw += n + (kw[n] ? 1 : 0);
	}
	return arr;
}

static void ld_dates(ld *l, json_t *art)
{
	const np_record *rec = l->rec;
	const np_options *opts = l->b->opts;
	char pub[40] = "", mod[40] = "";
	if (rec->meta.date && np_json__iso_time(rec->meta.date, pub) < 0)
		pub[0] = '\0';
	if (opts && opts->now >= 0)
		np_json__epoch_time(opts->now, mod);
	else
		memcpy(mod, pub, sizeof mod);
	np_json__set_str(l->b, art, "datePublished", pub);
	np_json__set_str(l->b, art, "dateModified", mod);
}

/* The byline as one name when no stage split it into authors; "By " is
 * not part of a name. */
static const char *ld_byline_name(const np_record *rec)
{
	const char *b = rec->meta.byline;
	if (!b)
		return NULL;
	while (*b == ' ')
		b++;
	if ((b[0] == 'B' || b[0] == 'b') && (b[1] == 'y' || b[1] == 'Y') && b[2] == ' ')
		b += 3;
	while (*b == ' ')
		b++;
	return *b ? b : NULL;
}

static void ld_people(ld *l, json_t *art)
{
	const np_record *rec = l->rec;
	const char *byline = rec->meta.n_authors ? NULL : ld_byline_name(rec);
	const char *const *names = rec->meta.n_authors ? rec->meta.authors : &byline;
	size_t n_names = rec->meta.n_authors ? rec->meta.n_authors : byline ? 1 : 0;
	if (n_names) {
		json_t *authors = np_json__array(l->b);
		for (size_t i = 0; i < n_names; i++) {
			const char *name = names[i];
			if (!name || !*name)
				continue;
			const char *iri = ld_entity_named(l, name, 1);
			json_t *p;
			if (iri && l->graph) {
				p = ld_ref(l, iri); /* the node is in `mentions` */
			} else {
				if (!iri)
					iri = np_json__ids_new_iri(&l->ids, l->frag, "author", name);
				p = ld_place(l, iri ? ld_node(l, "Person", iri, name) : NULL);
			}
			np_json__append(l->b, authors, p);
		}
		np_json__set(l->b, art, "author", authors);
	}
	const np_options *opts = l->b->opts;
	const char *provider = opts && opts->provider ? opts->provider
	                                              : rec->meta.provider;
	if (provider && *provider) {
		json_t *pub = np_json__object(l->b);
		np_json__set_str(l->b, pub, "@type", "Organization");
		if (l->graph) /* a flat node needs a name to be linked by */
			np_json__set_str(l->b, pub, "@id", "_:publisher");
		np_json__set_str(l->b, pub, "name", provider);
		np_json__set(l->b, art, "publisher", ld_place(l, pub));
	}
}

static void ld_location(ld *l, json_t *art)
{
	const char *place = l->rec->meta.dateline_place;
	np_json__set_str(l->b, art, "dateline", l->rec->meta.dateline);
	if (!place || !*place)
		return;
	const char *iri = NULL;
	for (size_t i = 0; i < l->rec->n_ents && !iri; i++)
		if (l->rec->ents[i].type == NP_ENT_PLACE && l->rec->ents[i].name &&
		    strcmp(l->rec->ents[i].name, place) == 0)
			iri = l->ids.ent[i];
	json_t *n;
	if (iri && l->graph)
		n = ld_ref(l, iri);
	else {
		if (!iri)
			iri = np_json__ids_new_iri(&l->ids, l->frag, "place", place);
		n = ld_place(l, iri ? ld_node(l, "Place", iri, place) : NULL);
	}
	np_json__set(l->b, art, "contentLocation", n);
}

static void ld_article(ld *l, json_t *art)
{
	const np_record *rec = l->rec;
	np_jb *b = l->b;
	np_json__set_str(b, art, "@type", "NewsArticle");
	np_json__set_str(b, art, "@id", l->iri);
	if (b->opts && b->opts->base_url)
		np_json__set_str(b, art, "url", l->iri);
	np_json__set_str(b, art, "identifier", np_record_guid(rec, b->opts));
	np_json__set_str(b, art, "headline", rec->meta.headline);
	np_json__set_str(b, art, "alternativeHeadline", rec->meta.subheadline);
	char lang[64];
	np_json__language(rec, lang);
	np_json__set_str(b, art, "inLanguage", lang);
	ld_dates(l, art);
	ld_people(l, art);
	ld_location(l, art);
	if (rec->meta.keywords && *rec->meta.keywords) {
		json_t *kw = ld_keywords(l, rec->meta.keywords);
		if (kw && json_array_size(kw))
			np_json__set(b, art, "keywords", kw);
		else
			json_decref(kw);
	}
	int free_ = ld_accessible_for_free(rec, b->opts);
	if (free_ >= 0)
		np_json__set(b, art, "isAccessibleForFree", json_boolean(free_));
	np_json__set_str(b, art, "copyrightNotice", rec->meta.copyright);
	char *body = np_json__body_text(rec);
	if (!body) {
		np_json__oom(b);
		return;
	}
	np_json__set(b, art, "wordCount",
	             json_integer((json_int_t)np_json__word_count(body)));
	np_json__set(b, art, "articleBody", np_json__str(b, "articleBody", body));
	free(body);
}

json_t *np_json__jsonld(np_jb *b)
{
	ld l = { 0 };
	l.b = b;
	l.rec = b->rec;
	l.graph = b->opts && b->opts->jsonld_style == NP_JSONLD_GRAPH;
	if (b->rc < 0)
		return NULL;
	if (np_json__article_iri(b->rec, b->opts, &l.iri, &l.frag) < 0 ||
	    np_json__ids_init(&l.ids, b->rec, l.frag) < 0) {
		np_json__oom(b);
		goto out;
	}
	json_t *doc = np_json__object(b);
	json_t *art = np_json__object(b);
	l.nodes = np_json__array(b);
	np_json__set_str(b, doc, "@context", "https://schema.org");
	/* compact: the document is the article; graph: the article is the
	 * first node of @graph */
	ld_article(&l, l.graph ? art : doc);

	json_t *mentions = ld_mentions(&l);
	json_t *parts = np_json__array(b);
	for (size_t i = 0; i < b->rec->n_quotes && b->rc >= 0; i++)
		np_json__append(b, parts, ld_place(&l, ld_quotation(&l, i, mentions)));
	json_t *target = l.graph ? art : doc;
	if (mentions && json_array_size(mentions))
		np_json__set(b, target, "mentions", json_incref(mentions));
	if (parts && json_array_size(parts))
		np_json__set(b, target, "hasPart", json_incref(parts));
	json_decref(mentions);
	json_decref(parts);
	if (l.graph) {
		json_t *g = np_json__array(b);
		np_json__append(b, g, json_incref(art));
		if (g && l.nodes)
			json_array_extend(g, l.nodes);
		np_json__set(b, doc, "@graph", g);
	}
	json_decref(art);
	json_decref(l.nodes);
	if (b->rc < 0) {
		json_decref(doc);
		doc = NULL;
	}
	json_decref(l.part_of);
	free(l.iri);
	free(l.frag);
	np_json__ids_free(&l.ids);
	free(l.spk_name);
	free(l.spk_iri);
	return doc;
out:
	free(l.iri);
	free(l.frag);
	np_json__ids_free(&l.ids);
	return NULL;
}

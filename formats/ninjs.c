/* ninjs.c - <id>.ninjs.json: IPTC ninjs 3.1 (News in JSON).
 *
 * Valid against ninjs-schema_3.1.json, which is closed: the root and every
 * nested object forbid properties the schema does not name (root
 * "unevaluatedProperties": false, "additionalProperties": false below), so
 * there is no free extension field.  The one place the schema lets a ninjs
 * item carry other content is `associations`: each entry is itself a full
 * ninjs object (with `name`, `rel` and `uri` required).  So every quote is an
 * association with rel "quote": its words are the association's body, the
 * speaker is in its `people` (or `organisations`) and `by`, the quote type,
 * speaker title and cue are its `descriptions`, and its position is an
 * `altId`.
 *
 * People, organisations and places found in the article go into the arrays
 * ninjs 3 has for them (people, organisations, places, rel "mentions"),
 * with the same IRIs as the JSON-LD nodes; keywords become `subjects`. */
#include "json_build.h"

#include <stdlib.h>
#include <string.h>

#define NINJS_SCHEMA "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"

typedef struct ninjs {
	np_jb *b;
	const np_record *rec;
	char *iri, *frag;
	np_json_ids ids;
} ninjs;

/* {"role": role, "contentType": type, "value": value} (or fewer). */
static json_t *ninjs_rvalue(ninjs *n, const char *role, const char *type,
                            const char *field, const char *value)
{
	json_t *o = np_json__object(n->b);
	np_json__set_str(n->b, o, "role", role);
	np_json__set_str(n->b, o, "contentType", type);
	np_json__set(n->b, o, "value", np_json__str(n->b, field, value));
	return o;
}

static void ninjs_dates(ninjs *n, json_t *o)
{
	const np_options *opts = n->b->opts;
	char created[40] = "", version[40];
	if (n->rec->meta.date && np_json__iso_time(n->rec->meta.date, created) < 0)
		created[0] = '\0';
	/* versionCreated: the clock given (--now), else the article date, else
	 * the epoch; never the machine's clock. */
	if (opts && opts->now >= 0)
		np_json__epoch_time(opts->now, version);
	else if (created[0])
		memcpy(version, created, sizeof version);
	else
		np_json__epoch_time(0, version);
	np_json__set_str(n->b, o, "firstCreated", created);
	np_json__set_str(n->b, o, "versionCreated", version);
	np_json__set_str(n->b, o, "contentCreated", created);
}

/* Characters (code points) of a UTF-8 string. */
static size_t ninjs_chars(const char *s)
{
	size_t c = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			c++;
	return c;
}

static void ninjs_text(ninjs *n, json_t *o)
{
	const np_metadata *m = &n->rec->meta;
	json_t *heads = np_json__array(n->b);
	if (m->headline && *m->headline)
		np_json__append(n->b, heads, ninjs_rvalue(n, "main", "text/plain",
		                                          "headline", m->headline));
	if (m->subheadline && *m->subheadline)
		np_json__append(n->b, heads, ninjs_rvalue(n, "sub", "text/plain",
		                                          "subheadline", m->subheadline));
	if (heads && json_array_size(heads))
		np_json__set(n->b, o, "headlines", heads);
	else
		json_decref(heads);
	/* The lede as the summary: what a news API shows in a list. */
	for (size_t i = 0; i < n->rec->n_paras; i++) {
		np_record one = *n->rec; /* a view of paragraph i alone */
		one.paras = &n->rec->paras[i];
		one.n_paras = 1;
		char *lede = np_json__body_text(&one);
		if (!lede) {
			np_json__oom(n->b);
			return;
		}
		if (*lede) {
			json_t *d = np_json__array(n->b);
			np_json__append(n->b, d, ninjs_rvalue(n, "summary", "text/plain",
			                                      "summary", lede));
			np_json__set(n->b, o, "descriptions", d);
			i = n->rec->n_paras;
		}
		free(lede);
	}
	char *text = np_json__body_text(n->rec);
	char *html = text ? np_json__body_html(n->rec) : NULL;
	if (!html) {
		free(text);
		np_json__oom(n->b);
		return;
	}
	json_t *bodies = np_json__array(n->b);
	json_t *plain = ninjs_rvalue(n, "main", "text/plain", "body", text);
	np_json__set(n->b, plain, "charCount", json_integer((json_int_t)ninjs_chars(text)));
	np_json__set(n->b, plain, "wordCount",
	             json_integer((json_int_t)np_json__word_count(text)));
	np_json__append(n->b, bodies, plain);
	np_json__append(n->b, bodies, ninjs_rvalue(n, "richtext", "text/html",
	                                           "body", html));
	np_json__set(n->b, o, "bodies", bodies);
	free(text);
	free(html);
}

/* people / organisations / places: {name, rel, uri}, each entity once. */
static void ninjs_entities(ninjs *n, json_t *o)
{
	static const struct { np_entity_type t; const char *key; } kinds[] = {
		{ NP_ENT_PERSON, "people" }, { NP_ENT_ORG, "organisations" },
		{ NP_ENT_PLACE, "places" },
	};
	for (size_t k = 0; k < 3; k++) {
		json_t *arr = np_json__array(n->b);
		for (size_t i = 0; i < n->rec->n_ents; i++) {
			const np_entity *e = &n->rec->ents[i];
			if (e->type != kinds[k].t || !e->name || !*e->name)
				continue;
			int dup = 0;
			for (size_t j = 0; j < i && !dup; j++)
				dup = strcmp(n->ids.ent[j], n->ids.ent[i]) == 0;
			if (dup)
				continue;
			json_t *x = np_json__object(n->b);
			np_json__set_str(n->b, x, "name", e->name);
			np_json__set_str(n->b, x, "rel", "mentions");
			np_json__set_str(n->b, x, "uri", n->ids.ent[i]);
			np_json__append(n->b, arr, x);
		}
		if (arr && json_array_size(arr))
			np_json__set(n->b, o, kinds[k].key, arr);
		else
			json_decref(arr);
	}
}

/* One quote as an associated ninjs object. */
static json_t *ninjs_quote(ninjs *n, size_t i)
{
	const np_quote *q = &n->rec->quotes[i];
	np_jb *b = n->b;
	char frag[48], pos[24];
	snprintf(frag, sizeof frag, "#quote-%zu", i + 1);
	snprintf(pos, sizeof pos, "%zu", i + 1);
	char *uri = malloc(strlen(n->frag) + sizeof frag);
	char *text = q->text ? strdup(q->text) : NULL;
	if (!text && !q->text) {
		np_span sp = q->span;
		if (sp.end > n->rec->text_len)
			sp.end = n->rec->text_len;
		if (sp.start > sp.end)
			sp.start = sp.end;
		text = strndup(n->rec->text ? n->rec->text + sp.start : "",
		               sp.end - sp.start);
	}
	if (!uri || !text) {
		free(uri);
		free(text);
		np_json__oom(b);
		return NULL;
	}
	strcpy(uri, n->frag);
	strcat(uri, frag);
	json_t *a = np_json__object(b);
	np_json__set_str(b, a, "name", frag + 1);
	np_json__set_str(b, a, "rel", "quote");
	np_json__set_str(b, a, "uri", uri);
	np_json__set_str(b, a, "type", "text");
	char lang[64];
	np_json__language(n->rec, lang);
	np_json__set_str(b, a, "language", lang);

	const np_entity *spk = q->speaker >= 0 && (size_t)q->speaker < n->rec->n_ents
	                       ? &n->rec->ents[q->speaker] : NULL;
	const char *name = spk && spk->name ? spk->name : q->speaker_name;
	np_json__set_str(b, a, "by", name);
	json_t *bodies = np_json__array(b);
	json_t *body = ninjs_rvalue(n, "quote", "text/plain", "quote text", text);
	np_json__set(b, body, "wordCount", json_integer((json_int_t)np_json__word_count(text)));
	np_json__append(b, bodies, body);
	np_json__set(b, a, "bodies", bodies);

	json_t *desc = np_json__array(b);
	np_json__append(b, desc, ninjs_rvalue(n, "quoteType", NULL, "quote type",
	                                      np_quote_type_name(q->type)));
	if (q->speaker_title && *q->speaker_title)
		np_json__append(b, desc, ninjs_rvalue(n, "speakerTitle", NULL,
		                                      "speaker title", q->speaker_title));
	if (q->cue && *q->cue)
		np_json__append(b, desc, ninjs_rvalue(n, "cue", NULL, "cue", q->cue));
	np_json__set(b, a, "descriptions", desc);

	if (name && *name) {
		const char *iri = spk ? n->ids.ent[q->speaker] : NULL;
		json_t *who = np_json__object(b);
		np_json__set_str(b, who, "name", name);
		np_json__set_str(b, who, "rel", "speaker");
		np_json__set_str(b, who, "uri", iri);
		json_t *arr = np_json__array(b);
		np_json__append(b, arr, who);
		np_json__set(b, a, spk && spk->type == NP_ENT_ORG ? "organisations"
		                                                   : "people", arr);
	}
	json_t *alt = np_json__array(b);
	json_t *p = np_json__object(b);
	np_json__set_str(b, p, "role", "position");
	np_json__set_str(b, p, "value", pos);
	np_json__append(b, alt, p);
	np_json__set(b, a, "altIds", alt);
	free(uri);
	free(text);
	return a;
}

static void ninjs_keywords(ninjs *n, json_t *o)
{
	const char *kw = n->rec->meta.keywords;
	json_t *arr = np_json__array(n->b);
	while (kw && *kw && n->b->rc >= 0) {
		size_t len = strcspn(kw, ",;");
		const char *s = kw, *e = kw + len;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > s) {
			char *word = strndup(s, (size_t)(e - s));
			json_t *x = np_json__object(n->b);
			np_json__set_str(n->b, x, "name", word);
			np_json__set_str(n->b, x, "rel", "keyword");
			np_json__append(n->b, arr, word ? x : NULL);
			if (!word)
				json_decref(x);
			free(word);
		}
		kw += len + (kw[len] ? 1 : 0);
	}
	if (arr && json_array_size(arr))
		np_json__set(n->b, o, "subjects", arr);
	else
		json_decref(arr);
}

static json_t *ninjs_build(np_jb *b)
{
	ninjs n = { 0 };
	n.b = b;
	n.rec = b->rec;
	const np_metadata *m = &b->rec->meta;
	json_t *o = NULL;
	if (np_json__article_iri(b->rec, b->opts, &n.iri, &n.frag) < 0 ||
	    np_json__ids_init(&n.ids, b->rec, n.frag) < 0) {
		np_json__oom(b);
		goto out;
	}
	o = np_json__object(b);
	/* uri: the item's identity, the NewsML-G2 guid (not a link). */
	np_json__set_str(b, o, "uri", np_record_guid(b->rec, b->opts));
	json_t *std = np_json__object(b);
	np_json__set_str(b, std, "name", "ninjs");
	np_json__set_str(b, std, "version", "3.1");
	np_json__set_str(b, std, "schema", NINJS_SCHEMA);
	np_json__set(b, o, "standard", std);
	np_json__set_str(b, o, "type", "text");
	np_json__set_str(b, o, "representationType", "full");
	np_json__set_str(b, o, "profile", "text-only");
	np_json__set_str(b, o, "version", "1");
	ninjs_dates(&n, o);
	np_json__set_str(b, o, "pubStatus", "usable");
	np_json__set_str(b, o, "copyrightNotice", m->copyright);
	char lang[64];
	np_json__language(b->rec, lang);
	np_json__set_str(b, o, "language", lang);
	ninjs_text(&n, o);
	np_json__set_str(b, o, "by", m->byline);
	np_json__set_str(b, o, "located", m->dateline_place);
	ninjs_entities(&n, o);
	ninjs_keywords(&n, o);
	const char *provider = b->opts && b->opts->provider ? b->opts->provider
	                                                    : m->provider;
	if (provider && *provider) {
		json_t *src = np_json__array(b);
		json_t *x = np_json__object(b);
		np_json__set_str(b, x, "name", provider);
		np_json__set_str(b, x, "role", "provider");
		np_json__append(b, src, x);
		np_json__set(b, o, "infoSources", src);
	}
	json_t *alt = np_json__array(b);
	json_t *id = np_json__object(b);
	np_json__set_str(b, id, "role", "articleId");
	np_json__set_str(b, id, "value", m->id);
	np_json__append(b, alt, id);
	if (b->opts && b->opts->base_url) {
		json_t *url = np_json__object(b);
		np_json__set_str(b, url, "role", "url");
		np_json__set_str(b, url, "value", n.iri);
		np_json__append(b, alt, url);
	}
	np_json__set(b, o, "altIds", alt);
	if (b->rec->n_quotes) {
		json_t *assoc = np_json__array(b);
		for (size_t i = 0; i < b->rec->n_quotes && b->rc >= 0; i++)
			np_json__append(b, assoc, ninjs_quote(&n, i));
		np_json__set(b, o, "associations", assoc);
	}
out:
	free(n.iri);
	free(n.frag);
	np_json__ids_free(&n.ids);
	if (b->rc < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int ninjs_open(np_writer *w)
{
	return np_json__check_base_url(w->opts, "ninjs", w->ctx);
}

static int ninjs_write(np_writer *w, const np_record *rec)
{
	np_jb b;
	np_json__init(&b, "ninjs", rec, w->opts, w->ctx);
	json_t *doc = ninjs_build(&b);
	if (!doc)
		return b.rc < 0 ? b.rc : NP_EFORMAT;
	np_buf out = NP_BUF_INIT;
	/* Script-safe like JSON-LD: a news API may inline the document in a
	 * page, and the text/html body is full of "</p>". */
	int rc = np_json__dump(&b, &out, doc, w->opts->pretty, 1);
	json_decref(doc);
	if (rc >= 0) {
		char *path = np_format__article_path(rec, "ninjs.json");
		rc = path ? np_output_put(w->dest, path, out.data, out.len)
		          : np_ctx_set_error(w->ctx, NP_ENOMEM, "out of memory");
		free(path);
	}
	np_buf_dispose(&out);
	return rc;
}

const np_format np_format_ninjs = { "ninjs", "ninjs.json", ninjs_open,
	ninjs_write, NULL, NULL };

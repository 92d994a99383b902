/* validate.c - np_validate_newsml: a NewsML-G2 file against the XSD with
 * libxml2, plus the rules the schema cannot state:
 *   - exactly one of qcode, uri and literal on every subject;
 *   - a non-empty guid on every item;
 *   - every QCode's scheme alias declared by a catalog the file uses.
 *
 * Nothing is fetched from the network: the file and the schema (with its
 * imports) are read with the no-network entity loader.  Catalogs are known
 * three ways: schemes declared inline (<catalog><scheme alias=…>), a
 * catalogRef to a local file, and the IPTC standards catalog, whose
 * aliases we use are listed below (it cannot be fetched offline).  When a
 * file references some other remote catalog, aliases it may declare cannot
 * be checked: they are reported as warnings, not failures. */
#include "format.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VALIDATE_NAR_NS "http://iptc.org/std/nar/2006-10-01/"

/* Scheme aliases the IPTC G2 standards catalog declares (a fact of the
 * catalog, for the schemes newsprism and common wire items use):
 * ninat = nature of item, stat = publishing status, cpnat = concept
 * nature, drol = description role, nprov = news provider, medtop = media
 * topics, subj = subject codes, genre, sig = signal, isrol = info source
 * role, irel = item relation, cptype = concept type, rnd = rendition,
 * scene = scene codes. */
static const char *const validate_iptc_aliases[] = {
	"ninat", "stat", "cpnat", "drol", "nprov", "medtop", "subj", "genre",
	"sig", "isrol", "irel", "cptype", "rnd", "scene", NULL,
};

/* Attributes of NewsML-G2 elements whose type is QCodeType or
 * QCodeListType in the 2.35 schema (those our items and common wire items
 * carry). */
static const char *const validate_qcode_attrs[] = {
	"qcode", "type", "role", "rel", "mode", "format", "how", "why",
	"jobtitle", "scope", "creator", "rendition", "severity", NULL,
};

typedef struct {
	FILE *report;
	const char *path;
	int errors;
} validate_state;

/* "FILE:LINE: message" for each libxml2 error (parser and schema). */
static void validate_on_error(void *ctx, xmlErrorPtr err)
{
	validate_state *st = ctx;
	if (!err || err->level == XML_ERR_NONE)
		return;
	if (err->level == XML_ERR_WARNING)
		return; /* schema-parser notes, e.g. a skipped duplicate import */
	const char *msg = err->message ? err->message : "error";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	fprintf(st->report, "%s:%d: %.*s\n", err->file ? err->file : st->path,
	        err->line, (int)n, msg);
	st->errors++;
}

/* ---- the schema: compiled once per path ------------------------------ */

static pthread_mutex_t validate_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr validate_schema;
static char *validate_schema_path;
static struct timespec validate_schema_mtime;

static xmlSchemaPtr validate_load_schema(const char *xsd, validate_state *st)
{
	struct stat sb;
	if (stat(xsd, &sb) != 0)
		return NULL;
	if (validate_schema && strcmp(validate_schema_path, xsd) == 0 &&
	    sb.st_mtim.tv_sec == validate_schema_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == validate_schema_mtime.tv_nsec)
		return validate_schema;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	if (!pc)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pc, validate_on_error, st);
	xmlSchemaPtr s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!s)
		return NULL;
	if (validate_schema)
		xmlSchemaFree(validate_schema);
	free(validate_schema_path);
	validate_schema = s;
	validate_schema_path = strdup(xsd);
	validate_schema_mtime = sb.st_mtim;
	if (!validate_schema_path) {
		xmlSchemaFree(s);
		validate_schema = NULL;
		return NULL;
	}
	return s;
}

/* ---- the rules the schema cannot state ------------------------------- */

typedef struct {
	char **aliases;       /* declared by inline or local catalogs */
	size_t n, cap;
	int iptc;             /* references the IPTC standards catalog */
	int unresolved;       /* references a catalog we cannot read */
} validate_catalogs;

static int validate_is_nar(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, VALIDATE_NAR_NS) == 0 &&
	       (!name || strcmp((const char *)n->name, name) == 0);
}

static void validate_add_alias(validate_catalogs *c, const char *alias)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		char **p = realloc(c->aliases, cap * sizeof *p);
		if (!p)
			return; /* the alias then reads as unknown: a false report,
			           never a false pass */
		c->aliases = p;
		c->cap = cap;
	}
	char *d = strdup(alias);
	if (d)
		c->aliases[c->n++] = d;
}

static void validate_scan_catalog(validate_catalogs *c, xmlNodePtr cat)
{
	for (xmlNodePtr s = cat->children; s; s = s->next) {
		if (!validate_is_nar(s, "scheme"))
			continue;
		xmlChar *alias = xmlGetProp(s, BAD_CAST "alias");
		if (alias && *alias)
			validate_add_alias(c, (const char *)alias);
		xmlFree(alias);
	}
}

/* A catalogRef: the IPTC catalog (any edition), a local file, or one we
 * cannot read offline. */
static void validate_catalog_ref(validate_catalogs *c, xmlNodePtr ref, xmlDocPtr doc)
{
	xmlChar *href = xmlGetProp(ref, BAD_CAST "href");
	if (!href)
		return;
	const char *h = (const char *)href;
	const char *base = strrchr(h, '/');
	base = base ? base + 1 : h;
	if ((strstr(h, "://www.iptc.org/std/catalog/") || strstr(h, "://iptc.org/std/catalog/")) &&
	    strncmp(base, "catalog.IPTC-G2-Standards_", 26) == 0) {
		c->iptc = 1;
	} else if (strstr(h, "://")) {
		c->unresolved = 1;
	} else {
		xmlChar *url = xmlBuildURI(href, doc->URL);
		xmlDocPtr cd = url ? xmlReadFile((const char *)url, NULL,
		                                 XML_PARSE_NONET | XML_PARSE_NOERROR |
		                                 XML_PARSE_NOWARNING)
		                   : NULL;
		xmlNodePtr root = cd ? xmlDocGetRootElement(cd) : NULL;
		if (root && validate_is_nar(root, "catalog"))
			validate_scan_catalog(c, root);
		else
			c->unresolved = 1;
		xmlFreeDoc(cd);
		xmlFree(url);
	}
	xmlFree(href);
}

static void validate_collect_catalogs(validate_catalogs *c, xmlNodePtr n, xmlDocPtr doc)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (validate_is_nar(n, "catalogRef"))
			validate_catalog_ref(c, n, doc);
		else if (validate_is_nar(n, "catalog"))
			validate_scan_catalog(c, n);
		else if (!validate_is_nar(n, "inlineXML"))
			validate_collect_catalogs(c, n->children, doc);
	}
}

static int validate_alias_known(const validate_catalogs *c, const char *a, size_t n)
{
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->aliases[i]) == n && strncmp(c->aliases[i], a, n) == 0)
			return 1;
	for (size_t i = 0; c->iptc && validate_iptc_aliases[i]; i++)
		if (strlen(validate_iptc_aliases[i]) == n &&
		    strncmp(validate_iptc_aliases[i], a, n) == 0)
			return 1;
	return 0;
}

static void validate_qcodes(validate_state *st, const validate_catalogs *c,
                            xmlNodePtr n, xmlAttrPtr a)
{
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	const char *p = (const char *)v;
	while (p && *p) {
		/* QCodeListType: white-space separated */
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t len = strcspn(p, " \t\n\r");
		if (!len)
			break;
		const char *colon = memchr(p, ':', len);
		if (colon && colon > p && !validate_alias_known(c, p, (size_t)(colon - p))) {
			int warn_only = c->unresolved;
			fprintf(st->report, "%s:%ld: %s%s/@%s: QCode '%.*s': scheme alias "
			        "'%.*s' is not declared by the catalogs the item references\n",
			        st->path, xmlGetLineNo(n), warn_only ? "warning: " : "",
			        (const char *)n->name, (const char *)a->name, (int)len, p,
			        (int)(colon - p), p);
			if (!warn_only)
				st->errors++;
		}
		p += len;
	}
	xmlFree(v);
}

static void validate_rules(validate_state *st, const validate_catalogs *c, xmlNodePtr n)
{
	static const char *const items[] = { "newsItem", "packageItem",
		"conceptItem", "knowledgeItem", "planningItem", "catalogItem", NULL };
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !validate_is_nar(n, NULL))
			continue; /* foreign content (NITF, XHTML) has rules of its own */
		const char *name = (const char *)n->name;
		for (size_t i = 0; items[i]; i++) {
			if (strcmp(name, items[i]) != 0)
				continue;
			xmlChar *g = xmlGetProp(n, BAD_CAST "guid");
			const char *s = (const char *)g;
			while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
				s++;
			if (!s || !*s) {
				fprintf(st->report, "%s:%ld: %s: the guid is missing or empty\n",
				        st->path, xmlGetLineNo(n), name);
				st->errors++;
			}
			xmlFree(g);
		}
		if (strcmp(name, "subject") == 0) {
			int k = xmlHasProp(n, BAD_CAST "qcode") != NULL;
			k += xmlHasProp(n, BAD_CAST "uri") != NULL;
			k += xmlHasProp(n, BAD_CAST "literal") != NULL;
			if (k != 1) {
				fprintf(st->report, "%s:%ld: subject: needs exactly one of qcode, "
				        "uri and literal (has %d)\n", st->path, xmlGetLineNo(n), k);
				st->errors++;
			}
		}
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (a->ns)
				continue; /* xml:lang and foreign attributes */
			for (size_t i = 0; validate_qcode_attrs[i]; i++)
				if (strcmp((const char *)a->name, validate_qcode_attrs[i]) == 0)
					validate_qcodes(st, c, n, a);
		}
		if (strcmp(name, "inlineXML") != 0)
			validate_rules(st, c, n->children);
	}
}

static void validate_extra(validate_state *st, xmlDocPtr doc)
{
	validate_catalogs c = { NULL, 0, 0, 0, 0 };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	validate_collect_catalogs(&c, root, doc);
	validate_rules(st, &c, root);
	for (size_t i = 0; i < c.n; i++)
		free(c.aliases[i]);
	free(c.aliases);
}

/* ---- the entry point --------------------------------------------------- */

int np_validate_newsml(const char *path, const char *xsd, FILE *report, np_ctx *ctx)
{
	if (!path || !xsd)
		return np_ctx_set_error(ctx, NP_EINVAL, "validate: no file or no schema");
	if (!report)
		report = stderr;
	validate_state st = { report, path, 0 };
	struct stat sb;
	if (stat(path, &sb) != 0)
		return np_ctx_set_error(ctx, NP_ENOTFOUND, "%s: no such file", path);
	if (stat(xsd, &sb) != 0)
		return np_ctx_set_error(ctx, NP_ENOTFOUND, "%s: no such schema", xsd);

	/* Process-wide libxml2 state (entity loader, error handler) is switched
	 * for the duration of one check only. */
	pthread_mutex_lock(&validate_lock);
	xmlExternalEntityLoader old_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	xmlSetStructuredErrorFunc(&st, validate_on_error);

	int rc = NP_OK;
	xmlSchemaPtr schema = validate_load_schema(xsd, &st);
	xmlDocPtr doc = NULL;
	if (!schema) {
		rc = np_ctx_set_error(ctx, NP_EINVAL, "%s: cannot load the schema", xsd);
		goto out;
	}
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (!doc) {
		if (!st.errors)
			fprintf(report, "%s:0: not a well-formed XML file\n", path);
		rc = np_ctx_set_error(ctx, NP_EFORMAT, "%s: not well-formed XML", path);
		goto out;
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc) {
		rc = np_ctx_set_error(ctx, NP_ENOMEM, "validate: out of memory");
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vc, validate_on_error, &st);
	int v = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	if (v < 0) {
		rc = np_ctx_set_error(ctx, NP_EINVAL, "%s: the validator failed "
		                      "(internal error %d)", path, v);
		goto out;
	}
	if (v > 0 && !st.errors) /* an error the handler did not see */
		st.errors++;
	validate_extra(&st, doc);
	if (st.errors)
		rc = np_ctx_set_error(ctx, NP_EFORMAT, "%s: %d problem%s", path, st.errors,
		                      st.errors == 1 ? "" : "s");
out:
	xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetExternalEntityLoader(old_loader);
	pthread_mutex_unlock(&validate_lock);
	return rc;
}

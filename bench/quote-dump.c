/* quote-dump.c - print the quotes (or entities) newsprism finds, as CSV.
 *
 * Used by bench/quote-eval to score against gold files without depending on
 * the CSV exporter.  Usage:
 *   quote-dump [-e] [-r ROOT] FILE...
 * The article id is the path relative to ROOT (or the base name) without
 * its extension.  Columns: article_id,start,end,speaker,speaker_start,
 * speaker_end,type,cue,quote (offsets: UTF-8 bytes into the input file). */
#include "newsprism.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void csv_field(const char *s, int last)
{
	int quote = 0;
	for (const char *p = s ? s : ""; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (quote) {
		putchar('"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else
		fputs(s ? s : "", stdout);
	putchar(last ? '\n' : ',');
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	int ents = 0, i = 1;
	const char *root = NULL;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-e"))
			ents = 1;
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			root = argv[++i];
	}
	if (ents)
		printf("article_id,type,name,title,mentions,aliases\n");
	else
		printf("article_id,start,end,speaker,speaker_start,speaker_end,type,cue,quote\n");
	np_options opts = NP_OPTIONS_INIT;
	for (; i < argc; i++) {
		size_t len = 0;
		char *buf = slurp(argv[i], &len);
		if (!buf) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			continue;
		}
		const char *rel = argv[i];
		if (root && strncmp(rel, root, strlen(root)) == 0) {
			rel += strlen(root);
			while (*rel == '/')
				rel++;
		} else if (strrchr(rel, '/'))
			rel = strrchr(rel, '/') + 1;
		char id[1024];
		snprintf(id, sizeof id, "%s", rel);
		char *dot = strrchr(id, '.');
		if (dot && !strchr(dot, '/'))
			*dot = '\0';
		np_ctx *ctx = np_ctx_new();
		np_record *rec = NULL;
		if (np_process_buffer(&rec, id, argv[i], buf, len, &opts, ctx) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], np_ctx_error(ctx));
			np_ctx_free(ctx);
			free(buf);
			continue;
		}
		size_t n;
		if (ents) {
			const np_entity *e = np_record_entities(rec, &n);
			for (size_t k = 0; k < n; k++) {
				char m[64], al[1024] = "";
				snprintf(m, sizeof m, "%zu", e[k].n_mentions);
				for (size_t a = 0; a < e[k].n_aliases; a++) {
					strncat(al, e[k].aliases[a], sizeof al - strlen(al) - 2);
					strncat(al, "|", sizeof al - strlen(al) - 1);
				}
				csv_field(id, 0);
				csv_field(np_entity_type_name(e[k].type), 0);
				csv_field(e[k].name, 0);
				csv_field(e[k].title, 0);
				csv_field(m, 0);
				csv_field(al, 1);
			}
		} else {
			const np_quote *q = np_record_quotes(rec, &n);
			for (size_t k = 0; k < n; k++) {
				char a[32], b[32], c[32], d[32];
				snprintf(a, sizeof a, "%zu", np_record_source_offset(rec, q[k].span.start));
				snprintf(b, sizeof b, "%zu", np_record_source_offset(rec, q[k].span.end));
				if (q[k].speaker_span.end > q[k].speaker_span.start) {
					snprintf(c, sizeof c, "%zu", np_record_source_offset(rec, q[k].speaker_span.start));
					snprintf(d, sizeof d, "%zu", np_record_source_offset(rec, q[k].speaker_span.end));
				} else
					c[0] = d[0] = '\0';
				csv_field(id, 0);
				csv_field(a, 0);
				csv_field(b, 0);
				csv_field(q[k].speaker_name, 0);
				csv_field(c, 0);
				csv_field(d, 0);
				csv_field(np_quote_type_name(q[k].type), 0);
				csv_field(q[k].cue, 0);
				csv_field(q[k].text, 1);
			}
		}
		np_record_free(rec);
		np_ctx_free(ctx);
		free(buf);
	}
	return 0;
}

/* registry.c - the name table of exporters. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

const np_format *const np_formats[] = {
	&np_format_newsml, &np_format_csv, &np_format_jsonld,
	&np_format_ninjs,  &np_format_jsonl, NULL,
};

const np_format *np_format_find(const char *name)
{
	for (size_t i = 0; name && np_formats[i]; i++)
		if (strcmp(np_formats[i]->name, name) == 0)
			return np_formats[i];
	return NULL;
}

int np_format_exists(const char *name) { return np_format_find(name) != NULL; }

const char *np_format_names(void)
{
	static char names[256];
	if (!names[0]) {
		size_t o = 0;
		for (size_t i = 0; np_formats[i]; i++) {
			size_t n = strlen(np_formats[i]->name);
			if (o + n + 2 >= sizeof names)
				break;
			if (o)
				names[o++] = ',';
			memcpy(names + o, np_formats[i]->name, n);
			o += n;
		}
		names[o] = '\0';
	}
	return names;
}

char *np_format__article_path(const np_record *rec, const char *extension)
{
	size_t n = strlen(rec->meta.id) + strlen(extension) + 2;
	char *p = malloc(n);
	if (p) {
		strcpy(p, rec->meta.id);
		strcat(p, ".");
		strcat(p, extension);
	}
	return p;
}

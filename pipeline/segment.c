/* segment.c - sentences within each paragraph. */
#include "stages.h"

#include <string.h>

static int sentence_end_at(const char *t, size_t i, size_t end)
{
	char c = t[i];
	if (c != '.' && c != '!' && c != '?')
		return 0;
	size_t j = i + 1;
	/* closing quotation marks and brackets stay with the sentence */
	while (j < end) {
		if (t[j] == '"' || t[j] == '\'' || t[j] == ')')
			j++;
		else if (j + 2 < end && (unsigned char)t[j] == 0xE2 &&
		         (unsigned char)t[j + 1] == 0x80 &&
		         ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99))
			j += 3;
		else
			break;
	}
	if (j < end && t[j] != ' ')
		return 0;
	return (int)(j - i);
}

static int push_sentence(np_record *rec, size_t s, size_t e, size_t para)
{
	while (s < e && rec->text[s] == ' ')
		s++;
	if (s >= e)
		return 0;
	np_sentence st = { { s, e }, para };
	return NP_ARENA_PUSH(rec->arena, rec->sents, rec->n_sents, rec->cap_sents, st);
}

int np_stage_segment(np_record *rec, np_ctx *ctx)
{
	for (size_t p = 0; p < rec->n_paras; p++) {
		np_paragraph *para = &rec->paras[p];
		para->first_sentence = rec->n_sents;
		size_t s = para->span.start, end = para->span.end;
		for (size_t i = s; i < end; i++) {
			int k = sentence_end_at(rec->text, i, end);
			if (k > 0) {
				if (push_sentence(rec, s, i + (size_t)k, p) < 0)
					goto oom;
				s = i + (size_t)k;
				i = s;
			}
		}
		if (push_sentence(rec, s, end, p) < 0)
			goto oom;
		para->n_sentences = rec->n_sents - para->first_sentence;
	}
	return NP_OK;
oom:
	return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory", rec->meta.source);
}

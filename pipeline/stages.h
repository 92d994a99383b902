/* stages.h - the pipeline's stages, in the order data flows.
 *
 * Each stage reads what the earlier ones put on the record and adds its own
 * part; each returns NP_OK, NP_WARN or a negative code with the message on
 * the context.  Only read.c does I/O. */
#ifndef NP_STAGES_H
#define NP_STAGES_H

#include "model.h"

/* decode.c: rec->src -> rec->text (valid NFC UTF-8, LF) and rec->srcmap. */
int np_stage_decode(np_record *rec, np_ctx *ctx);
/* html.c: when the input is HTML, replace text by the article's paragraphs
 * (blank-line separated) and fill metadata from the page. */
int np_stage_html(np_record *rec, np_ctx *ctx);
/* normalise.c: header block, headline, byline, dateline, language, and
 * the paragraphs of the body. */
int np_stage_normalise(np_record *rec, np_ctx *ctx);
/* segment.c: sentences within each paragraph. */
int np_stage_segment(np_record *rec, np_ctx *ctx);
/* entities.c: people, organisations and places with their mentions. */
int np_stage_entities(np_record *rec, np_ctx *ctx);
/* quotes.c: direct, mixed and indirect quotes and who said them. */
int np_stage_quotes(np_record *rec, np_ctx *ctx);

#endif

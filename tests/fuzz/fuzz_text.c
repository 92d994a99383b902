/* fuzz_text.c - the text reader and the whole pipeline, then every exporter
 * in the registry.  Odd-sized inputs also run with the alternative options
 * (pretty/graph JSON, XHTML body, raw CSV with ';', a quote cap). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	np_options opts = NP_OPTIONS_INIT;
	opts.input_format = NP_INPUT_TEXT;
	fuzz_one((const char *)data, size, &opts);
	if (size & 1) {
		fuzz_alt_options(&opts);
		fuzz_one((const char *)data, size, &opts);
	}
	/* Auto-detection must cope with whatever the bytes look like. */
	np_options autodetect = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	if (np_process_buffer(&rec, "auto", NULL, (const char *)data, size,
	                      &autodetect, ctx) >= 0)
		fuzz_check_record(rec);
	np_record_free(rec);
	np_ctx_free(ctx);
	return 0;
}

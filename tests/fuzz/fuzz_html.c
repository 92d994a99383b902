/* fuzz_html.c - the HTML reader (libxml2's HTML parser and the extraction
 * of title, byline, date and body), then every exporter. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	np_options opts = NP_OPTIONS_INIT;
	opts.input_format = NP_INPUT_HTML;
	if (size & 1)
		fuzz_alt_options(&opts);
	fuzz_one((const char *)data, size, &opts);
	return 0;
}

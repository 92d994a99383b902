/* fuzz_header.c - the metadata header parser.  The fuzzer's bytes become
 * the header block of an article (alternately bare, up to the first blank
 * line, and between "---" lines), followed by a fixed body with quotes, so
 * that every mutation lands in the header and its effect on the rest of the
 * pipeline and on every exporter (headline, byline, date, language, extra
 * keys in NewsML and JSON-LD) is checked. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_header_body[] =
	"\n\nWASHINGTON (AP) \xE2\x80\x94 The minister spoke on Monday.\n\n"
	"\xE2\x80\x9CWe will not stop,\xE2\x80\x9D Foreign Minister Ana Lima said. "
	"\"It is done,\" Lima said later.\n\n"
	"Lima said: \xE2\x80\x9CThat is all.\xE2\x80\x9D\n";

static void fuzz_header_run(const uint8_t *data, size_t size, int fenced,
                            const np_options *opts)
{
	size_t cap = size + sizeof fuzz_header_body + 16;
	char *buf = malloc(cap);
	if (!buf)
		return;
	size_t n = 0;
	if (fenced) {
		memcpy(buf, "---\n", 4);
		n = 4;
	}
	memcpy(buf + n, data, size);
	n += size;
	if (fenced) {
		memcpy(buf + n, "\n---", 4);
		n += 4;
	}
	memcpy(buf + n, fuzz_header_body, sizeof fuzz_header_body - 1);
	n += sizeof fuzz_header_body - 1;
	fuzz_one(buf, n, opts);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	np_options opts = NP_OPTIONS_INIT;
	opts.input_format = NP_INPUT_TEXT;
	if (size & 1)
		fuzz_alt_options(&opts);
	fuzz_header_run(data, size, 0, &opts);
	fuzz_header_run(data, size, 1, &opts);
	return 0;
}

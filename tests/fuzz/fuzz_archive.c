/* fuzz_archive.c - the archive reader.  The bytes are written to a scratch
 * file named after the format their magic number says (so that readers
 * that go by extension and readers that sniff content both see them), then
 * read as a `convert` input through np_input_open/np_input_next: every
 * entry goes through the pipeline and the exporters.  The same file is also
 * checked as a bundle with np_verify_bundle, which shares the reading code. */
#include "fuzz_common.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *fuzz_archive_ext(const uint8_t *d, size_t n)
{
	if (n >= 2 && d[0] == 'P' && d[1] == 'K')
		return ".zip";
	if (n >= 2 && d[0] == 0x1F && d[1] == 0x8B)
		return ".tar.gz";
	if (n >= 6 && memcmp(d, "\xFD" "7zXZ", 5) == 0)
		return ".tar.xz";
	if (n >= 4 && memcmp(d, "\x28\xB5\x2F\xFD", 4) == 0)
		return ".tar.zst";
	return ".tar";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[256];
	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/np-fuzz-archive.%ld",
		         tmp && *tmp ? tmp : "/tmp", (long)getpid());
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			abort();
	}
	char path[320];
	snprintf(path, sizeof path, "%s/input%s", dir, fuzz_archive_ext(data, size));
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);

	np_options opts = NP_OPTIONS_INIT;
	opts.max_article_bytes = 1 << 20; /* keep a decompression bomb cheap */
	np_ctx *ctx = np_ctx_new();
	np_input *in = NULL;
	const char *paths[1] = { path };
	if (np_input_open(&in, paths, 1, &opts, ctx) >= 0) {
		const char *id, *source, *bytes;
		size_t len;
		int rc;
		/* Each entry either reads or fails on its own; the walk goes on. */
		for (size_t k = 0; k < 10000 &&
		     (rc = np_input_next(in, &id, &source, &bytes, &len)) != 0; k++) {
			if (rc < 0) {
				if (!*np_ctx_error(ctx))
					FUZZ_FAIL("an entry failed without a message");
				np_ctx_clear(ctx);
				continue;
			}
			np_record *rec = NULL;
			if (np_process_buffer(&rec, id, source, bytes, len, &opts, ctx) >= 0) {
				fuzz_check_record(rec);
				fuzz_export_all(rec, &opts);
			}
			np_record_free(rec);
			np_ctx_clear(ctx);
		}
		np_input_free(in);
	}
	FILE *devnull = fopen("/dev/null", "w");
	np_verify_bundle(path, NULL, devnull, ctx);
	if (devnull)
		fclose(devnull);
	np_ctx_free(ctx);
	unlink(path);
	return 0;
}

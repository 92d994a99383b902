/* read_archive.c - archives read entry by entry with libarchive, never
 * unpacked to disk: the reader behind archive inputs and `verify`. */
#include "read_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a UTF-8 locale for libarchive's name conversions ------------------ */
static locale_t read_archive_loc = (locale_t)0;
static pthread_once_t read_archive_once = PTHREAD_ONCE_INIT;

static void read_archive_make_locale(void)
{
	read_archive_loc = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
}

locale_t np_read_archive__utf8_enter(void)
{
	pthread_once(&read_archive_once, read_archive_make_locale);
	return read_archive_loc ? uselocale(read_archive_loc) : (locale_t)0;
}

void np_read_archive__utf8_leave(locale_t old)
{
	if (old)
		uselocale(old);
}

/* ---- detection ---------------------------------------------------------- */
/* A tar header's checksum: the byte sum with the field itself as spaces. */
static int read_archive_tar_checksum_ok(const unsigned char *h)
{
	unsigned long sum = 0, want = 0;
	for (int i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	int i = 148;
	while (i < 156 && h[i] == ' ')
		i++;
	if (i == 156 || h[i] < '0' || h[i] > '7')
		return 0;
	for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++)
		want = want * 8 + (unsigned long)(h[i] - '0');
	return sum == want;
}

int np_read_archive__sniff(const void *head, size_t n)
{
	const unsigned char *p = head;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return 1; /* gzip */
	if (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0)
		return 1; /* xz */
	if (n >= 4 && memcmp(p, "\x28\xb5\x2f\xfd", 4) == 0)
		return 1; /* zstd */
	if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' &&
	    memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0)
		return 1; /* bzip2: "BZh" alone could begin a headline */
	if (n >= 4 && (memcmp(p, "PK\3\4", 4) == 0 || memcmp(p, "PK\5\6", 4) == 0))
		return 1; /* zip (an empty one is only the end record) */
	if (n >= 512 && memcmp(p + 257, "ustar", 5) == 0)
		return read_archive_tar_checksum_ok(p); /* POSIX or GNU tar */
	return 0;
}

int np_read_archive__has_extension(const char *path)
{
	static const char *const exts[] = { ".tar", ".tgz", ".tar.gz", ".tar.xz",
		".txz", ".tar.zst", ".tzst", ".tar.bz2", ".tbz2", ".zip" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strcasecmp(path + n - k, exts[i]) == 0)
			return 1;
	}
	return 0;
}

int np_arc_input__detect(const char *path)
{
	struct stat pst;
	if (strcmp(path, "-") == 0 || stat(path, &pst) < 0 || !S_ISREG(pst.st_mode))
		return 0; /* never open a FIFO or a device just to look */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return 0;
	struct stat st;
	unsigned char head[512];
	ssize_t n = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, head, sizeof head);
	else
		n = -1;
	close(fd);
	if (n < 0)
		return 0;
	/* The extension counts too, so that a damaged archive fails as one
	 * instead of being read as text. */
	return np_read_archive__sniff(head, (size_t)n) ||
	       np_read_archive__has_extension(path);
}

/* ---- the reader ----------------------------------------------------------- */
struct np_arc_reader {
	struct archive *a;
	char *label;
	np_ctx *ctx;
	int done;
};

static int read_archive_fail(np_arc_reader *r, int code, const char *what)
{
	const char *msg = archive_error_string(r->a);
	r->done = 1;
	return np_ctx_set_error(r->ctx, code, "%s: %s: %s", r->label, what,
	                        msg ? msg : "damaged archive");
}

int np_read_archive__open(np_arc_reader **out, const char *path,
                          const void *mem, size_t len, const char *label,
                          np_ctx *ctx)
{
	*out = NULL;
	np_arc_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->label = strdup(label ? label : path ? path : "archive"))) {
		free(r);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	r->ctx = ctx;
	locale_t old = np_read_archive__utf8_enter();
	r->a = archive_read_new();
	int rc = r->a ? ARCHIVE_OK : ARCHIVE_FATAL;
	if (rc == ARCHIVE_OK) {
		archive_read_support_filter_all(r->a);
		/* Only real archive formats: "raw" or "empty" would accept any
		 * text file as a one-entry archive. */
		archive_read_support_format_tar(r->a);
		archive_read_support_format_gnutar(r->a);
		archive_read_support_format_zip(r->a);
		archive_read_support_format_cpio(r->a);
		archive_read_support_format_7zip(r->a);
		/* Names in zip files without the UTF-8 flag are usually CP437 or
		 * UTF-8 anyway; reading them as UTF-8 keeps non-ASCII names. */
		archive_read_set_options(r->a, "zip:hdrcharset=UTF-8");
		rc = mem ? archive_read_open_memory(r->a, mem, len)
		         : archive_read_open_filename(r->a, path, 64 * 1024);
	}
	np_read_archive__utf8_leave(old);
	if (rc != ARCHIVE_OK) {
		int err = r->a ? archive_errno(r->a) : ENOMEM;
		const char *msg = r->a ? archive_error_string(r->a) : NULL;
		int code = err == ENOENT ? NP_ENOTFOUND : NP_EIO;
		np_ctx_set_error(ctx, code, "%s: cannot read as an archive: %s",
		                 r->label, msg ? msg : strerror(err ? err : EINVAL));
		np_read_archive__free(r);
		return code;
	}
	*out = r;
	return NP_OK;
}

int np_read_archive__next(np_arc_reader *r, const char **name,
                          np_arc_type *type, int64_t *size)
{
	if (r->done)
		return 0;
	locale_t old = np_read_archive__utf8_enter();
	struct archive_entry *e = NULL;
	int rc = archive_read_next_header(r->a, &e);
	if (rc == ARCHIVE_EOF) {
		np_read_archive__utf8_leave(old);
		r->done = 1;
		return 0;
	}
	if (rc < ARCHIVE_WARN) {
		np_read_archive__utf8_leave(old);
		return read_archive_fail(r, NP_EIO, "cannot read the next entry");
	}
	const char *n = archive_entry_pathname_utf8(e);
	if (!n)
		n = archive_entry_pathname(e);
	np_read_archive__utf8_leave(old);
	if (!n)
		return read_archive_fail(r, NP_EFORMAT, "an entry without a name");
	*name = n;
	mode_t ft = archive_entry_filetype(e);
	if (archive_entry_hardlink(e) || archive_entry_symlink(e) || ft == AE_IFLNK)
		*type = NP_ARC_LINK;
	else if (ft == AE_IFDIR)
		*type = NP_ARC_DIR;
	else if (ft == AE_IFREG || ft == 0)
		*type = NP_ARC_FILE;
	else
		*type = NP_ARC_OTHER;
	*size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
	return 1;
}

ssize_t np_read_archive__read(np_arc_reader *r, void *buf, size_t n)
{
	la_ssize_t k = archive_read_data(r->a, buf, n);
	if (k < 0) {
		read_archive_fail(r, NP_EIO, "cannot read an entry's data");
		return NP_EIO;
	}
	return (ssize_t)k;
}

void np_read_archive__free(np_arc_reader *r)
{
	if (!r)
		return;
	if (r->a)
		archive_read_free(r->a);
	free(r->label);
	free(r);
}

/* ---- archives as input ----------------------------------------------------- */
struct np_arc_input {
	np_arc_reader *r;
	void *mem;        /* stdin's bytes, owned */
	char *path;
	size_t limit;
	np_ctx *ctx;
	char *id, *source, *bytes;
	size_t len;
};

int np_arc_input__open(np_arc_input **out, const char *path, const void *mem,
                       size_t len, size_t limit, np_ctx *ctx)
{
	*out = NULL;
	np_arc_input *ai = calloc(1, sizeof *ai);
	if (!ai || !(ai->path = strdup(path))) {
		free(ai);
		free((void *)mem);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	ai->mem = (void *)mem;
	ai->limit = limit;
	ai->ctx = ctx;
	int rc = np_read_archive__open(&ai->r, path, mem, len, path, ctx);
	if (rc < 0) {
		np_arc_input__free(ai);
		return rc;
	}
	*out = ai;
	return NP_OK;
}

/* Hidden files are skipped in archives as in folders (".git/", "._x"), and
 * so is the __MACOSX/ folder that macOS's zip adds. */
static int arc_input_hidden(const char *name)
{
	for (const char *p = name; *p;) {
		if (*p == '.' && p[1] && p[1] != '/' && !(p[1] == '.' && (!p[2] || p[2] == '/')))
			return 1;
		if (strncmp(p, "__MACOSX", 8) == 0 && (!p[8] || p[8] == '/'))
			return 1;
		const char *s = strchr(p, '/');
		if (!s)
			break;
		p = s + 1;
	}
	return 0;
}

/* The id: the entry's path without a leading "./" or "/" and without the
 * last component's extension.  np_process_buffer sanitises it. */
static char *arc_input_id(const char *name)
{
	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	char *id = strdup(*name ? name : "entry");
	if (!id)
		return NULL;
	char *slash = strrchr(id, '/');
	char *base = slash ? slash + 1 : id;
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	return id;
}

static void arc_input_clear(np_arc_input *ai)
{
	free(ai->id);
	free(ai->source);
	free(ai->bytes);
	ai->id = ai->source = ai->bytes = NULL;
	ai->len = 0;
}

/* Read the current entry whole, up to the limit. */
static int arc_input_read(np_arc_input *ai, int64_t size)
{
	size_t cap = size > 0 && (uint64_t)size < ai->limit ? (size_t)size + 1 : 65536;
	size_t n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return np_ctx_set_error(ai->ctx, NP_ENOMEM, "out of memory");
	for (;;) {
		if (n == cap) {
			if (cap > ai->limit) {
				free(buf);
				return np_ctx_set_error(ai->ctx, NP_ELIMIT,
				                        "%s: larger than the limit of %zu bytes "
				                        "(--max-article-bytes)", ai->source,
				                        ai->limit);
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				return np_ctx_set_error(ai->ctx, NP_ENOMEM, "out of memory");
			}
			buf = p;
			cap *= 2;
		}
		ssize_t k = np_read_archive__read(ai->r, buf + n, cap - n);
		if (k < 0) {
			free(buf);
			return (int)k;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	if (n > ai->limit) {
		free(buf);
		return np_ctx_set_error(ai->ctx, NP_ELIMIT,
		                        "%s: larger than the limit of %zu bytes "
		                        "(--max-article-bytes)", ai->source, ai->limit);
	}
	ai->bytes = buf;
	ai->len = n;
	return NP_OK;
}

int np_arc_input__next(np_arc_input *ai, const char **id, const char **source,
                       const char **bytes, size_t *len)
{
	arc_input_clear(ai);
	for (;;) {
		const char *name;
		np_arc_type type;
		int64_t size;
		int rc = np_read_archive__next(ai->r, &name, &type, &size);
		if (rc <= 0)
			return rc;
		if (type != NP_ARC_FILE || arc_input_hidden(name))
			continue; /* folders, links and hidden files are no articles */
		size_t sl = strlen(ai->path) + strlen(name) + 2;
		ai->source = malloc(sl);
		ai->id = arc_input_id(name);
		if (!ai->source || !ai->id) {
			arc_input_clear(ai);
			return np_ctx_set_error(ai->ctx, NP_ENOMEM, "out of memory");
		}
		snprintf(ai->source, sl, "%s:%s", ai->path, name);
		*id = ai->id;
		*source = ai->source;
		if (size > 0 && (uint64_t)size > ai->limit)
			return np_ctx_set_error(ai->ctx, NP_ELIMIT,
			                        "%s: larger than the limit of %zu bytes "
			                        "(--max-article-bytes)", ai->source,
			                        ai->limit);
		rc = arc_input_read(ai, size);
		if (rc < 0)
			return rc;
		*bytes = ai->bytes;
		*len = ai->len;
		return 1;
	}
}

void np_arc_input__free(np_arc_input *ai)
{
	if (!ai)
		return;
	arc_input_clear(ai);
	np_read_archive__free(ai->r);
	free(ai->mem);
	free(ai->path);
	free(ai);
}

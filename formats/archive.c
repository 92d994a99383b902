/* archive.c - BagIt bundles (RFC 8493) written with libarchive, and their
 * verification.
 *
 * Writing.  Every file put is a payload file of one bag:
 *
 *     <release>/bagit.txt
 *     <release>/bag-info.txt
 *     <release>/data/<article_id>/<base>.<ext>   the files of one article
 *     <release>/data/<table files>               quotes.csv, schemas, ...
 *     <release>/manifest-sha256.txt, manifest-sha512.txt
 *     <release>/tagmanifest-sha256.txt
 *
 * Entries must come out byte-sorted, but files arrive in run order, and a
 * batch may be far bigger than memory.  So each put appends its bytes to one
 * spool file beside the target (unlinked as soon as it is made, so that no
 * crash can leave it behind), hashes them on the way, and adds an index
 * entry (path, offset, size, digests) to a run in memory.  A full run is
 * sorted and written to a second unlinked file, the index.  close() merges
 * the sorted runs three times: once to stream the files from the spool into
 * the archive (each folder's entry made just before its first file), then
 * once for each manifest, whose length was counted as files came in.  The
 * archive goes to a temporary file beside the target, renamed into place
 * only when complete.  Memory is bounded by one run of the index (runs.h)
 * and the set of taken paths (8 bytes a slot), not by the payload.
 *
 * Reproducible: byte-sorted entries, directory entries included (mode 0755,
 * files 0644), uid/gid 0 and no user or group names, one mtime for every
 * entry (opts->now, else the newest article date, else the epoch; never
 * before 1980 in zip, whose DOS times start there), pax-restricted tar,
 * gzip without a timestamp, zip names in UTF-8 and times in UTC.
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH */
#include "format.h"
#include "runs.h"
#include "sha2.h"
#include "../pipeline/read_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <stdarg.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ARC_DOS_EPOCH 315532800 /* 1980-01-01T00:00:00Z */
#define ARC_CHUNK (64 * 1024)

/* ---- small helpers -------------------------------------------------------- */

static int arc_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), so that no time zone is ever consulted. */
static int64_t arc_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* An ISO 8601 date or date-time ("2016-10-05", "2016-10-05T14:03:00+02:00")
 * as epoch seconds, or -1 when it is not one. */
static int64_t arc_parse_date(const char *s)
{
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	const char *p = s + n;
	int64_t off = 0;
	if (*p == 'T' || *p == ' ') {
		int k = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2 || k != 5)
			return -1;
		p += 1 + k;
		if (*p == ':' && sscanf(p + 1, "%2d%n", &se, &k) == 1 && k == 2)
			p += 3;
		while (*p == '.' || isdigit((unsigned char)*p))
			p++;
		int oh, om;
		if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) == 2)
			off = (*p == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
	}
	return arc_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	       h * 3600 + mi * 60 + se - off;
}

static void arc_ymd(int64_t t, int *y, int *m, int *d)
{
	/* civil_from_days, the inverse of arc_days_from_civil */
	int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---- the set of paths already taken below data/ --------------------------- */

/* The set keeps a 61-bit fingerprint of each path, its flags in the low
 * three bits, instead of the path itself: 8 bytes a slot whatever a path's
 * length, so that a million files cost about 16 MB.  Two different paths
 * share a fingerprint with odds of about n^2 / 2^62 (2e-7 for a million
 * paths); the only effect would be a needless "-2" suffix, the same on
 * every run. */
enum { ARC_USED = 1, ARC_DIR = 2, ARC_ARTICLE = 4, ARC_FLAGS = 7 };

typedef struct arc_set {
	uint64_t *slots; /* fingerprint | flags; 0 = empty */
	size_t n, cap;
} arc_set;

static uint64_t arc_fingerprint(const char *s, size_t n)
{
	/* FNV's low bits are weak: mix (splitmix64's finaliser) before using
	 * bits of it as the slot. */
	uint64_t h = np_hash64(s, n, 0x9e3779b97f4a7c15ULL);
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h & ~(uint64_t)ARC_FLAGS;
}

static uint64_t *arc_set_find(arc_set *s, uint64_t fp)
{
	if (!s->cap)
		return NULL;
	size_t i = (size_t)(fp >> 3) & (s->cap - 1);
	while (s->slots[i]) {
		if ((s->slots[i] & ~(uint64_t)ARC_FLAGS) == fp)
			return &s->slots[i];
		i = (i + 1) & (s->cap - 1);
	}
	return NULL;
}

static void arc_set_insert(uint64_t *slots, size_t cap, uint64_t value)
{
	size_t i = (size_t)(value >> 3) & (cap - 1);
	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = value;
}

static int arc_set_add(arc_set *s, uint64_t fp, unsigned flags)
{
	if (4 * (s->n + 1) > 3 * s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		uint64_t *ns = calloc(ncap, sizeof *ns);
		if (!ns)
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				arc_set_insert(ns, ncap, s->slots[i]);
		free(s->slots);
		s->slots = ns;
		s->cap = ncap;
	}
	arc_set_insert(s->slots, s->cap, fp | ARC_USED | flags);
	s->n++;
	return 0;
}

/* ---- the output ----------------------------------------------------------- */

/* The index: one record per payload file, keyed by its path below the bag
 * ("data/a/a.jsonld"); the value is ARC_VAL bytes: spool offset, size,
 * SHA-256, SHA-512.  Sorted on disk in runs (runs.h), so memory holds one
 * run whatever the batch's size. */
#define ARC_VAL (8 + 8 + 32 + 64)

typedef struct arc_output {
	np_output base;
	char *target;            /* NULL: stdout */
	const char *format;      /* "tar.gz", "zip", ... */
	char *release;           /* sanitised --release, or NULL */
	char *provider;
	int64_t now;             /* -1: not given */
	const np_record *current; /* np_output__set_record */
	int64_t newest;          /* newest article date seen, or INT64_MIN */
	arc_set taken;
	np_runs *index;          /* the payload files, sorted at close */
	uint64_t n_files;        /* payload files, octets, articles: bag-info */
	uint64_t octets;
	uint64_t articles;
	uint64_t manifest_len[2]; /* bytes of manifest-sha256.txt, -sha512.txt */
	uint64_t owner;          /* the article last put (see arc_folder_free) */
	uint64_t owner_folder;   /* and its folder's fingerprint */
	int spool;               /* fd, already unlinked */
	uint64_t spool_len;
	int failed;              /* a put failed: close writes nothing */
	pthread_mutex_t lock;    /* puts may come from worker threads */
} arc_output;

/* The archive formats by extension; `name` is also --archive-format's. */
static const struct {
	const char *ext, *name;
} arc_formats[] = {
	{ ".tar.gz", "tar.gz" }, { ".tgz", "tar.gz" }, { ".tar.xz", "tar.xz" },
	{ ".txz", "tar.xz" },    { ".tar.zst", "tar.zst" }, { ".tzst", "tar.zst" },
	{ ".tar.bz2", "tar.bz2" }, { ".tar", "tar" },   { ".zip", "zip" },
};

static const char *arc_format_of(const char *path, int by_name)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof arc_formats / sizeof *arc_formats; i++) {
		if (by_name) {
			if (strcasecmp(path, arc_formats[i].name) == 0 ||
			    strcasecmp(path, arc_formats[i].ext + 1) == 0)
				return arc_formats[i].name;
			continue;
		}
		size_t k = strlen(arc_formats[i].ext);
		if (n > k && strcasecmp(path + n - k, arc_formats[i].ext) == 0)
			return arc_formats[i].name;
	}
	return NULL;
}

/* The release name: one safe path component.  Unlike article ids it may
 * hold non-ASCII letters (valid UTF-8, no C1 controls); everything else
 * outside [A-Za-z0-9._+-] becomes '_'. */
static char *arc_release_name(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 2);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			out[o++] = (isalnum(c) || strchr("._+-", c)) ? (char)c : '_';
			i++;
			continue;
		}
		/* a well-formed UTF-8 sequence of 2 to 4 bytes, no C1 control */
		size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
		int ok = len && i + len <= n && !(c == 0xc2 && (unsigned char)s[i + 1] < 0xa0);
		for (size_t k = 1; ok && k < len; k++)
			ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
		if (ok && len == 3 && c == 0xe0 && (unsigned char)s[i + 1] < 0xa0)
			ok = 0; /* overlong */
		if (ok && len == 3 && c == 0xed && (unsigned char)s[i + 1] >= 0xa0)
			ok = 0; /* surrogate */
		if (ok && len == 4 && ((c == 0xf0 && (unsigned char)s[i + 1] < 0x90) ||
		                       (c == 0xf4 && (unsigned char)s[i + 1] >= 0x90)))
			ok = 0;
		if (ok) {
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		} else {
			out[o++] = '_';
			i++;
		}
	}
	out[o] = '\0';
	if (o == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		out[0] = '_', out[1] = '\0', o = 1;
	if (out[0] == '-' || out[0] == '.')
		out[0] = '_'; /* not an option, not hidden */
	return out;
}

/* Is `path` (below data/) free: not taken, and no parent taken as a file? */
static int arc_path_free(arc_output *o, const char *path)
{
	if (arc_set_find(&o->taken, arc_fingerprint(path, strlen(path))))
		return 0;
	for (const char *p = path; (p = strchr(p, '/')); p++) {
		uint64_t *s = arc_set_find(&o->taken,
		                           arc_fingerprint(path, (size_t)(p - path)));
		if (s && !(*s & ARC_DIR))
			return 0;
	}
	return 1;
}

static int arc_take(arc_output *o, const char *path)
{
	for (const char *p = path; (p = strchr(p, '/')); p++) {
		uint64_t fp = arc_fingerprint(path, (size_t)(p - path));
		if (!arc_set_find(&o->taken, fp) && arc_set_add(&o->taken, fp, ARC_DIR) < 0)
			return -1;
	}
	return arc_set_add(&o->taken, arc_fingerprint(path, strlen(path)), 0);
}

/* An article's folder holds that article's files only: a folder already
 * holding another article's files counts as taken.  The article being
 * written (`owner`: its id and record) may go on filling its own. */
static int arc_folder_free(arc_output *o, const char *path, uint64_t owner)
{
	const char *slash = strrchr(path, '/');
	uint64_t fp = arc_fingerprint(path, (size_t)(slash - path));
	uint64_t *s = arc_set_find(&o->taken, fp);
	return !s || !(*s & ARC_ARTICLE) ||
	       (o->owner == owner && o->owner_folder == fp);
}

/* Mark the folder of an article's file as that article's, counting
 * articles by their folders: the count then does not depend on the order
 * the files came in. */
static void arc_own_folder(arc_output *o, const char *path, uint64_t owner)
{
	const char *slash = strrchr(path, '/');
	uint64_t fp = arc_fingerprint(path, (size_t)(slash - path));
	uint64_t *s = arc_set_find(&o->taken, fp);
	if (s && !(*s & ARC_ARTICLE)) {
		*s |= ARC_ARTICLE;
		o->articles++;
	}
	o->owner = owner;
	o->owner_folder = fp;
}

/* Where a file put as `name` goes in the bag.  "<id>.<ext>" put while the
 * record `id` is being written goes to data/<id>/<base>.<ext>; anything
 * else (the tables) to data/<name>.  Taken paths get a deterministic
 * suffix: the article folder becomes <id>-2, <id>-3...; a table file
 * quotes-2.csv. */
/* Without a record, a name ending in a per-article format's extension
 * (".newsml.xml", ".jsonld", ".ninjs.json") is "<id>.<ext>": the length of
 * its id, or 0. */
static size_t arc_id_by_extension(const char *name)
{
	size_t n = strlen(name), best = 0;
	const char *slash = strrchr(name, '/');
	size_t base = slash ? (size_t)(slash - name) + 1 : 0;
	for (size_t i = 0; np_formats[i]; i++) {
		const char *ext = np_formats[i]->extension;
		size_t k = ext ? strlen(ext) : 0;
		if (k && n > base + k + 1 && name[n - k - 1] == '.' &&
		    strcmp(name + n - k, ext) == 0 && (!best || n - k - 1 < best))
			best = n - k - 1;
	}
	return best;
}

/* The path, allocated in `scratch` (one arena per put: the trial names
 * must not pile up over a batch).  For an article's file, *owner is set
 * to a non-zero tag of the article (else left 0). */
static char *arc_place(arc_output *o, np_arena *scratch, const char *name,
                       const np_record *rec, uint64_t *owner)
{
	const char *safe = np_record__sanitise_id(scratch, name);
	if (!safe)
		return NULL;
	const char *id = rec ? rec->meta.id : NULL;
	size_t il = id ? strlen(id) : 0;
	if (!id || strncmp(safe, id, il) != 0 || safe[il] != '.') {
		/* files put without their record (rendered elsewhere) */
		il = arc_id_by_extension(safe);
		id = il ? np_arena_strndup(scratch, safe, il) : NULL;
	}
	if (id && strncmp(safe, id, il) == 0 && safe[il] == '.' &&
	    !strchr(safe + il, '/')) {
		*owner = (arc_fingerprint(id, il) ^ (uint64_t)(uintptr_t)rec) | 1;
		const char *base = strrchr(id, '/');
		base = base ? base + 1 : id;
		for (unsigned k = 1; k < UINT_MAX; k++) {
			char suffix[16] = "";
			if (k > 1)
				snprintf(suffix, sizeof suffix, "-%u", k);
			char *p = np_arena_printf(scratch, "data/%s%s/%s%s", id, suffix,
			                          base, safe + il);
			if (!p || (arc_path_free(o, p) && arc_folder_free(o, p, *owner)))
				return p;
		}
		return NULL;
	}
	const char *slash = strrchr(safe, '/');
	const char *dot = strchr(slash ? slash + 1 : safe, '.');
	if (dot == (slash ? slash + 1 : safe))
		dot = NULL; /* ".x" has no stem to suffix */
	size_t stem = dot ? (size_t)(dot - safe) : strlen(safe);
	for (unsigned k = 1; k < UINT_MAX; k++) {
		char suffix[16] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, "-%u", k);
		char *p = np_arena_printf(scratch, "data/%.*s%s%s", (int)stem, safe,
		                          suffix, safe + stem);
		if (!p || arc_path_free(o, p))
			return p;
	}
	return NULL;
}

typedef struct {
	np_sha256 s2;
	np_sha512 s5;
} arc_sums;

static void arc_hash_update(void *u, const void *p, size_t n)
{
	arc_sums *h = u;
	np_sha256__update(&h->s2, p, n);
	np_sha512__update(&h->s5, p, n);
}

/* RFC 8493 2.1.3: a manifest path escapes CR, LF and '%'. */
static size_t arc_escaped_len(const char *p)
{
	size_t n = 0;
	for (; *p; p++)
		n += *p == '\n' || *p == '\r' || *p == '%' ? 3 : 1;
	return n;
}

/* Add a file to the index, and count it for bag-info.txt and the
 * manifests' lengths. */
static int arc_index_add(arc_output *o, const char *path, uint64_t off,
                         uint64_t size, const unsigned char sha256[32],
                         const unsigned char sha512[64])
{
	unsigned char val[ARC_VAL];
	memcpy(val, &off, 8);
	memcpy(val + 8, &size, 8);
	memcpy(val + 16, sha256, 32);
	memcpy(val + 48, sha512, 64);
	if (np_runs__add(o->index, path, strlen(path), val, sizeof val) < 0)
		return -1;
	size_t esc = arc_escaped_len(path);
	o->n_files++;
	o->octets += size;
	o->manifest_len[0] += 64 + 2 + esc + 1;
	o->manifest_len[1] += 128 + 2 + esc + 1;
	return 0;
}

/* Spool one file: `data` (len bytes), or when src_fd >= 0 `len` bytes of
 * src_fd read in pieces. */
static int arc_put_src(np_output *base, const char *name, const void *data,
                       uint64_t len, int src_fd)
{
	arc_output *o = (arc_output *)base;
	pthread_mutex_lock(&o->lock);
	int rc = NP_OK;
	const np_record *rec = o->current;
	if (rec) {
		int64_t t = arc_parse_date(rec->meta.date);
		if (t > o->newest && t >= 0)
			o->newest = t;
	}
	np_arena *scratch = NULL;
	char *path = NULL;
	if (o->failed) {
		rc = np_ctx_set_error(base->ctx, NP_EIO, "%s: an earlier file failed; "
		                      "the archive will not be written", o->target ?
		                      o->target : "-");
		goto done;
	}
	uint64_t owner = 0;
	if (!(scratch = np_arena_new()) ||
	    !(path = arc_place(o, scratch, name, rec, &owner)) ||
	    arc_take(o, path) < 0) {
		rc = np_ctx_set_error(base->ctx, NP_ENOMEM, "out of memory");
		goto done;
	}
	if (owner)
		arc_own_folder(o, path, owner);
	arc_sums h;
	np_sha256__init(&h.s2);
	np_sha512__init(&h.s5);
	int wr;
	if (src_fd >= 0) {
		/* the spool's end: copy_fd writes at the file offset */
		wr = lseek(o->spool, (off_t)o->spool_len, SEEK_SET) < 0 ? -1
		     : np_output__copy_fd(o->spool, src_fd, len, arc_hash_update, &h);
	} else {
		wr = arc_write_all(o->spool, data, (size_t)len);
		arc_hash_update(&h, data, (size_t)len);
	}
	if (wr < 0) {
		rc = np_ctx_set_error(base->ctx, NP_EIO, "%s: %s: cannot spool %s: %s",
		                      o->target ? o->target : "-", name, path,
		                      strerror(errno));
		goto done;
	}
	unsigned char sha256[32], sha512[64];
	np_sha256__final(&h.s2, sha256);
	np_sha512__final(&h.s5, sha512);
	if (arc_index_add(o, path, o->spool_len, len, sha256, sha512) < 0) {
		rc = np_ctx_set_error(base->ctx, errno == ENOMEM ? NP_ENOMEM : NP_EIO,
		                      "%s: %s: cannot index %s: %s",
		                      o->target ? o->target : "-", name, path,
		                      strerror(errno));
		goto done;
	}
	o->spool_len += len;
done:
	np_arena_free(scratch);
	if (rc < 0)
		o->failed = 1;
	pthread_mutex_unlock(&o->lock);
	return rc;
}

static int arc_put(np_output *base, const char *name, const void *data, size_t len)
{
	return arc_put_src(base, name, data, len, -1);
}

static int arc_put_fd(np_output *base, const char *name, int fd, uint64_t len)
{
	return arc_put_src(base, name, NULL, len, fd);
}

/* ---- close: the bag's tag files, then the archive ------------------------- */

static void arc_put_path(np_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			np_buf_puts(b, "%0A");
		else if (p[i] == '\r')
			np_buf_puts(b, "%0D");
		else if (p[i] == '%')
			np_buf_puts(b, "%25");
		else
			np_buf_putc(b, p[i]);
	}
}

static void arc_manifest_line(np_buf *b, const unsigned char *digest, size_t n,
                              const char *path, size_t path_len)
{
	char hex[129];
	np_sha2__hex(digest, n, hex);
	np_buf_puts(b, hex);
	np_buf_puts(b, "  ");
	arc_put_path(b, path, path_len);
	np_buf_putc(b, '\n');
}

static void arc_tag_line(np_buf *tm, const char *path, const unsigned char d[32])
{
	arc_manifest_line(tm, d, 32, path, strlen(path));
}

static void arc_sha256_of(const np_buf *content, unsigned char d[32])
{
	np_sha256 s;
	np_sha256__init(&s);
	np_sha256__update(&s, content->data ? content->data : "", content->len);
	np_sha256__final(&s, d);
}

typedef struct arc_job arc_job;
typedef int (*arc_visit_fn)(arc_job *j, const np_run_rec *file);

struct arc_job {
	arc_output *o;
	struct archive *a;
	const char *label;       /* the target, for messages */
	const char *release;
	int64_t mtime;
	int progress;
	size_t files_done, files_total;
	uint64_t bytes_done;
	char *chunk;
	np_buf name;             /* scratch: an entry's full name */
	np_buf folder;           /* the folder of the last payload file */
	np_buf lines;            /* manifest lines waiting to be written */
	int manifest;            /* 0: SHA-256, 1: SHA-512 */
	np_sha256 manifest_sum;  /* of the manifest being written */
	uint64_t manifest_done;
};

static int arc_fail(arc_job *j, const char *what)
{
	const char *msg = archive_error_string(j->a);
	return np_ctx_set_error(j->o->base.ctx, NP_EIO, "%s: %s: %s", j->label,
	                        what, msg ? msg : strerror(archive_errno(j->a)));
}

static int arc_setup(arc_job *j, const char *format)
{
	struct archive *a = j->a;
	int rc;
	if (strcmp(format, "zip") == 0) {
		rc = archive_write_set_format_zip(a);
		if (rc == ARCHIVE_OK)
			rc = archive_write_set_options(a, "zip:hdrcharset=UTF-8");
		return rc;
	}
	rc = archive_write_set_format_pax_restricted(a);
	if (rc != ARCHIVE_OK || strcmp(format, "tar") == 0)
		return rc;
	if (strcmp(format, "tar.gz") == 0) {
		rc = archive_write_add_filter_gzip(a);
		if (rc == ARCHIVE_OK) /* the header must not carry today's time */
			rc = archive_write_set_options(a, "gzip:!timestamp");
	} else if (strcmp(format, "tar.xz") == 0) {
		rc = archive_write_add_filter_xz(a);
		if (rc == ARCHIVE_OK) /* one thread: block layout stays fixed */
			rc = archive_write_set_options(a, "xz:threads=1");
	} else if (strcmp(format, "tar.zst") == 0) {
		rc = archive_write_add_filter_zstd(a);
	} else if (strcmp(format, "tar.bz2") == 0) {
		rc = archive_write_add_filter_bzip2(a);
	} else {
		rc = ARCHIVE_FATAL;
	}
	return rc;
}

static void arc_progress(arc_job *j, int last)
{
	if (!j->progress || (!last && j->files_done % 64))
		return;
	fprintf(stderr, "\rnewsprism: archive %s: %zu/%zu files, %llu bytes%s",
	        j->label, j->files_done, j->files_total,
	        (unsigned long long)j->bytes_done, last ? "\n" : "");
}

/* The header of entry "<release>/<rel>" (rel of rel_len bytes; a folder
 * when size < 0, its name then ending in '/'). */
static int arc_header(arc_job *j, const char *rel, size_t rel_len, int64_t size)
{
	np_buf_reset(&j->name);
	np_buf_puts(&j->name, j->release);
	np_buf_putc(&j->name, '/');
	np_buf_put(&j->name, rel, rel_len);
	if (size < 0 && rel_len)
		np_buf_putc(&j->name, '/');
	struct archive_entry *e = archive_entry_new();
	if (!e || j->name.oom) {
		archive_entry_free(e);
		return np_ctx_set_error(j->o->base.ctx, NP_ENOMEM, "out of memory");
	}
	archive_entry_set_pathname_utf8(e, j->name.data);
	archive_entry_set_filetype(e, size >= 0 ? AE_IFREG : AE_IFDIR);
	archive_entry_set_perm(e, size >= 0 ? 0644 : 0755);
	archive_entry_set_size(e, size >= 0 ? (la_int64_t)size : 0);
	archive_entry_set_mtime(e, (time_t)j->mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	int rc = archive_write_header(j->a, e) == ARCHIVE_OK ? NP_OK
	         : arc_fail(j, j->name.data);
	archive_entry_free(e);
	return rc;
}

static int arc_data(arc_job *j, const void *p, size_t n)
{
	if (n && archive_write_data(j->a, p, n) != (la_ssize_t)n)
		return arc_fail(j, j->name.data);
	return NP_OK;
}

static void arc_file_done(arc_job *j)
{
	j->files_done++;
	arc_progress(j, 0);
}

static int arc_write_mem(arc_job *j, const char *rel, const np_buf *content)
{
	int rc = arc_header(j, rel, strlen(rel), (int64_t)content->len);
	if (rc == NP_OK)
		rc = arc_data(j, content->data, content->len);
	if (rc == NP_OK)
		arc_file_done(j);
	return rc;
}

/* The folders of `path` that the previous file's folder did not have:
 * in byte order, a folder comes right before its first file. */
static int arc_new_folders(arc_job *j, const char *path, size_t path_len)
{
	size_t folder_len = path_len;
	while (folder_len && path[folder_len - 1] != '/')
		folder_len--;
	if (folder_len)
		folder_len--; /* without its '/' */
	const np_buf *prev = &j->folder;
	for (size_t i = 0; i <= folder_len; i++) {
		if (i < folder_len && path[i] != '/')
			continue;
		int had = prev->len >= i && memcmp(prev->data ? prev->data : "", path, i) == 0 &&
		          (prev->len == i || prev->data[i] == '/');
		/* data/ itself is written with the tag files */
		if (!had && !(i == 4 && memcmp(path, "data", 4) == 0)) {
			int rc = arc_header(j, path, i, -1);
			if (rc != NP_OK)
				return rc;
		}
	}
	np_buf_reset(&j->folder);
	np_buf_put(&j->folder, path, folder_len);
	return j->folder.oom ? np_ctx_set_error(j->o->base.ctx, NP_ENOMEM,
	                                        "out of memory") : NP_OK;
}

/* Copy a payload file from the spool into the archive. */
static int arc_visit_payload(arc_job *j, const np_run_rec *f)
{
	uint64_t off, size;
	memcpy(&off, f->val, 8);
	memcpy(&size, f->val + 8, 8);
	int rc = arc_new_folders(j, f->key, f->key_len);
	if (rc == NP_OK)
		rc = arc_header(j, f->key, f->key_len, (int64_t)size);
	for (uint64_t done = 0; rc == NP_OK && done < size;) {
		size_t want = size - done < ARC_CHUNK ? (size_t)(size - done) : ARC_CHUNK;
		ssize_t k = pread(j->o->spool, j->chunk, want, (off_t)(off + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return np_ctx_set_error(j->o->base.ctx, NP_EIO,
			                        "%s: cannot read back %s from the spool: %s",
			                        j->label, j->name.data,
			                        k < 0 ? strerror(errno) : "truncated");
		rc = arc_data(j, j->chunk, (size_t)k);
		done += (uint64_t)k;
		j->bytes_done += (uint64_t)k;
	}
	if (rc == NP_OK)
		arc_file_done(j);
	return rc;
}

static int arc_flush_lines(arc_job *j)
{
	if (j->lines.oom)
		return np_ctx_set_error(j->o->base.ctx, NP_ENOMEM, "out of memory");
	np_sha256__update(&j->manifest_sum, j->lines.data ? j->lines.data : "",
	                  j->lines.len);
	j->manifest_done += j->lines.len;
	int rc = arc_data(j, j->lines.data, j->lines.len);
	np_buf_reset(&j->lines);
	return rc;
}

static int arc_visit_manifest(arc_job *j, const np_run_rec *f)
{
	if (j->manifest)
		arc_manifest_line(&j->lines, f->val + 48, 64, f->key, f->key_len);
	else
		arc_manifest_line(&j->lines, f->val + 16, 32, f->key, f->key_len);
	return j->lines.len >= ARC_CHUNK ? arc_flush_lines(j) : NP_OK;
}

/* Visit every payload file in byte order of its path. */
static int arc_each_file(arc_job *j, arc_visit_fn visit)
{
	np_runs_iter *it = NULL;
	np_run_rec rec;
	int rc = NP_OK, got = 0;
	if (np_runs__iter(j->o->index, &it) < 0)
		got = -1;
	while (it && (got = np_runs__next(it, &rec)) > 0 &&
	       (rc = visit(j, &rec)) == NP_OK)
		;
	int err = errno;
	np_runs__iter_free(it);
	if (rc == NP_OK && got < 0)
		rc = np_ctx_set_error(j->o->base.ctx, err == ENOMEM ? NP_ENOMEM : NP_EIO,
		                      "%s: cannot read the archive's index back: %s",
		                      j->label, strerror(err));
	return rc;
}

/* manifest-sha256.txt or -sha512.txt, its lines made from a second (or
 * third) merge of the index; its length was counted as files came in. */
static int arc_write_manifest(arc_job *j, int which, unsigned char digest[32])
{
	static const char *const names[] = { "manifest-sha256.txt",
	                                     "manifest-sha512.txt" };
	uint64_t len = j->o->manifest_len[which];
	int rc = arc_header(j, names[which], strlen(names[which]), (int64_t)len);
	if (rc != NP_OK)
		return rc;
	j->manifest = which;
	j->manifest_done = 0;
	np_sha256__init(&j->manifest_sum);
	rc = arc_each_file(j, arc_visit_manifest);
	if (rc == NP_OK)
		rc = arc_flush_lines(j);
	if (rc == NP_OK && j->manifest_done != len)
		rc = np_ctx_set_error(j->o->base.ctx, NP_EIO, "%s: %s: %llu bytes "
		                      "announced, %llu made", j->label, names[which],
		                      (unsigned long long)len,
		                      (unsigned long long)j->manifest_done);
	if (rc == NP_OK) {
		np_sha256__final(&j->manifest_sum, digest);
		arc_file_done(j);
	}
	return rc;
}

/* The tag files of the bag, in `tags` (bagit.txt, bag-info.txt). */
static const char *const arc_tag_names[] = {
	"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
	"tagmanifest-sha256.txt",
};

static int arc_make_tags(arc_output *o, np_buf tags[2], int64_t mtime,
                         const char *release)
{
	int y, m, d;
	arc_ymd(mtime, &y, &m, &d);
	np_buf_puts(&tags[0], "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	np_buf_printf(&tags[1],
	              "Source-Organization: %s\n"
	              "Bagging-Date: %04d-%02d-%02d\n"
	              "Payload-Oxum: %llu.%llu\n"
	              "External-Identifier: %s\n"
	              "External-Description: newsprism release %s: NewsML-G2, "
	              "CSV and JSON-LD renderings of %llu news article%s\n"
	              "Bag-Software-Agent: newsprism %s\n",
	              o->provider, y, m, d, (unsigned long long)o->octets,
	              (unsigned long long)o->n_files, release, release,
	              (unsigned long long)o->articles, o->articles == 1 ? "" : "s",
	              NP_VERSION);
	return tags[0].oom || tags[1].oom ? -1 : 0;
}

/* The whole bag in byte order of the entry names, which under
 * "<release>/" is: the folder itself, bag-info.txt, bagit.txt, data/ and
 * the payload, the two manifests, tagmanifest-sha256.txt. */
static int arc_write_bag(arc_job *j, const np_buf tags[2])
{
	unsigned char sums[4][32];
	np_buf tagmanifest = NP_BUF_INIT;
	arc_sha256_of(&tags[0], sums[0]);
	arc_sha256_of(&tags[1], sums[1]);
	int rc = arc_header(j, "", 0, -1);
	if (rc == NP_OK)
		rc = arc_write_mem(j, arc_tag_names[1], &tags[1]);
	if (rc == NP_OK)
		rc = arc_write_mem(j, arc_tag_names[0], &tags[0]);
	if (rc == NP_OK)
		rc = arc_header(j, "data", 4, -1);
	if (rc == NP_OK)
		rc = arc_each_file(j, arc_visit_payload);
	if (rc == NP_OK)
		rc = arc_write_manifest(j, 0, sums[2]);
	if (rc == NP_OK)
		rc = arc_write_manifest(j, 1, sums[3]);
	for (int i = 0; rc == NP_OK && i < 4; i++)
		arc_tag_line(&tagmanifest, arc_tag_names[i], sums[i]);
	if (rc == NP_OK && tagmanifest.oom)
		rc = np_ctx_set_error(j->o->base.ctx, NP_ENOMEM, "out of memory");
	if (rc == NP_OK)
		rc = arc_write_mem(j, arc_tag_names[4], &tagmanifest);
	np_buf_dispose(&tagmanifest);
	return rc;
}

/* Stream the bag into an archive on `fd`. */
static int arc_write_archive(arc_job *j, int fd, const np_buf tags[2])
{
	arc_output *o = j->o;
	locale_t loc = np_read_archive__utf8_enter();
	/* zip's DOS times are local time: make local time UTC meanwhile. */
	char *old_tz = NULL;
	int is_zip = strcmp(o->format, "zip") == 0;
	if (is_zip) {
		const char *tz = getenv("TZ");
		old_tz = tz ? strdup(tz) : NULL;
		setenv("TZ", "UTC0", 1);
		tzset();
	}
	int rc = NP_OK;
	j->a = archive_write_new();
	j->chunk = malloc(ARC_CHUNK);
	if (!j->a || !j->chunk) {
		rc = np_ctx_set_error(o->base.ctx, NP_ENOMEM, "out of memory");
		goto out;
	}
	/* No padding to a 10240-byte tape block after the compressed stream:
	 * zstd and gzip tools read trailing zeros as garbage. */
	archive_write_set_bytes_in_last_block(j->a, 1);
	if (arc_setup(j, o->format) != ARCHIVE_OK) {
		rc = arc_fail(j, "cannot set up the archive format");
		goto out;
	}
	if (archive_write_open_fd(j->a, fd) != ARCHIVE_OK) {
		rc = arc_fail(j, "cannot open");
		goto out;
	}
	rc = arc_write_bag(j, tags);
	if (rc == NP_OK && archive_write_close(j->a) != ARCHIVE_OK)
		rc = arc_fail(j, "cannot finish");
	if (rc == NP_OK)
		arc_progress(j, 1);
out:
	if (j->a)
		archive_write_free(j->a);
	j->a = NULL;
	free(j->chunk);
	np_buf_dispose(&j->name);
	np_buf_dispose(&j->folder);
	np_buf_dispose(&j->lines);
	if (is_zip) {
		if (old_tz)
			setenv("TZ", old_tz, 1);
		else
			unsetenv("TZ");
		tzset();
		free(old_tz);
	}
	np_read_archive__utf8_leave(loc);
	return rc;
}

/* The folder of the target, with its '/' ("" for the current one). */
static char *arc_target_dir(const arc_output *o)
{
	const char *slash = strrchr(o->target, '/');
	return strndup(o->target, slash ? (size_t)(slash - o->target) + 1 : 0);
}

/* Open the file the archive is written to.  Where the file system allows,
 * an unnamed O_TMPFILE file: nothing is visible while it is written, and
 * even a killed process (SIGKILL, SIGXFSZ) leaves nothing.  Else a hidden
 * mkstemp name beside the target, removed on every failure we see. */
static int arc_open_target(arc_output *o, char **tmp)
{
	*tmp = NULL;
	if (!o->target)
		return STDOUT_FILENO;
	char *dir = arc_target_dir(o);
	if (!dir)
		return -1;
#ifdef O_TMPFILE
	int fd = open(*dir ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd >= 0) {
		free(dir);
		return fd;
	}
#endif
	const char *base = o->target + strlen(dir);
	size_t n = strlen(o->target) + 16;
	char *t = malloc(n);
	int fd2 = -1;
	if (t) {
		snprintf(t, n, "%s.%s.XXXXXX", dir, base);
		fd2 = mkstemp(t);
	}
	int err = errno;
	free(dir);
	if (fd2 < 0) {
		free(t);
		errno = err;
		return -1;
	}
	*tmp = t;
	return fd2;
}

/* Give an unnamed (O_TMPFILE) archive the target's name: link it under a
 * fresh hidden name, then rename that over the target (linkat cannot
 * replace a file).  Returns 0 or -1 with errno. */
static int arc_name_anonymous(arc_output *o, int fd)
{
	char *dir = arc_target_dir(o);
	if (!dir)
		return -1;
	const char *base = o->target + strlen(dir);
	size_t n = strlen(o->target) + 48;
	char *t = malloc(n);
	int rc = -1, err = ENOMEM;
	for (unsigned k = 0; t && k < 100; k++) {
		snprintf(t, n, "%s.%s.%ld.%u", dir, base, (long)getpid(), k);
		char proc[64];
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		rc = linkat(AT_FDCWD, proc, AT_FDCWD, t, AT_SYMLINK_FOLLOW);
		if (rc < 0 && errno != EEXIST)
			rc = linkat(fd, "", AT_FDCWD, t, AT_EMPTY_PATH);
		err = errno;
		if (rc == 0 || err != EEXIST)
			break;
	}
	if (rc == 0 && rename(t, o->target) < 0) {
		err = errno;
		unlink(t);
		rc = -1;
	}
	free(t);
	free(dir);
	errno = err;
	return rc;
}

static int arc_close(np_output *base)
{
	arc_output *o = (arc_output *)base;
	const char *label = o->target ? o->target : "-";
	if (o->failed)
		return np_ctx_set_error(base->ctx, NP_EIO, "%s: not written: a file "
		                        "failed earlier", label);
	int64_t mtime = o->now >= 0 ? o->now : o->newest != INT64_MIN ? o->newest : 0;
	int y, m, d;
	arc_ymd(mtime, &y, &m, &d);
	char *release = o->release ? strdup(o->release) : NULL;
	if (!o->release && (release = malloc(32)))
		snprintf(release, 32, "newsprism-%04d%02d%02d", y, m, d);
	if (strcmp(o->format, "zip") == 0 && mtime < ARC_DOS_EPOCH)
		mtime = ARC_DOS_EPOCH;
	np_buf tags[2] = { NP_BUF_INIT, NP_BUF_INIT };
	char *tmp = NULL;
	int fd = -1, rc = NP_OK;
	if (!release || arc_make_tags(o, tags, mtime, release) < 0) {
		rc = np_ctx_set_error(base->ctx, NP_ENOMEM, "out of memory");
		goto out;
	}
	if (!o->target && isatty(STDOUT_FILENO)) {
		rc = np_ctx_set_error(base->ctx, NP_EINVAL, "refusing to write an "
		                      "archive to a terminal; redirect stdout");
		goto out;
	}
	fd = arc_open_target(o, &tmp);
	if (fd < 0) {
		rc = np_ctx_set_error(base->ctx, NP_EIO, "%s: cannot create: %s",
		                      label, strerror(errno));
		goto out;
	}
	arc_job job = { .o = o, .label = label, .release = release, .mtime = mtime,
	                .progress = isatty(STDERR_FILENO),
	                .files_total = (size_t)o->n_files + 5 };
	rc = arc_write_archive(&job, fd, tags);
	if (rc == NP_OK && o->target) {
		/* The bundle is for keeping: make it durable before it is named. */
		int bad = fchmod(fd, 0644) < 0 || fsync(fd) < 0 ||
		          (tmp ? rename(tmp, o->target) < 0 : arc_name_anonymous(o, fd) < 0);
		int err = errno;
		if (close(fd) < 0 && !bad)
			bad = 1, err = errno;
		fd = -1;
		if (bad)
			rc = np_ctx_set_error(base->ctx, NP_EIO, "%s: cannot write: %s",
			                      label, strerror(err));
	}
out:
	if (fd > STDOUT_FILENO)
		close(fd);
	if (tmp && rc < 0)
		unlink(tmp);
	free(tmp);
	free(release);
	for (int i = 0; i < 2; i++)
		np_buf_dispose(&tags[i]);
	o->failed = rc < 0;
	return rc;
}

static void arc_free(np_output *base)
{
	arc_output *o = (arc_output *)base;
	if (o->spool >= 0)
		close(o->spool);
	free(o->taken.slots);
	np_runs__free(o->index);
	free(o->target);
	free(o->release);
	free(o->provider);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

/* A temporary file beside the target (same file system, so the space it
 * needs is where the archive goes), unlinked at once: the spool of the
 * payload, and the index's sorted runs.  Returns the fd or -1/errno. */
static int arc_open_spool(const arc_output *o)
{
	const char *dir = ".";
	char *owned = NULL;
	if (o->target) {
		const char *slash = strrchr(o->target, '/');
		if (slash) {
			owned = strndup(o->target, (size_t)(slash - o->target) + 1);
			if (!owned)
				return -1;
			dir = owned;
		}
	} else {
		const char *t = getenv("TMPDIR");
		dir = t && *t ? t : "/tmp";
	}
	size_t n = strlen(dir) + 40;
	char *path = malloc(n);
	int fd = -1;
	if (path) {
		snprintf(path, n, "%s%s.newsprism-spool.XXXXXX", dir,
		         dir[strlen(dir) - 1] == '/' ? "" : "/");
		fd = mkstemp(path);
		if (fd >= 0)
			unlink(path);
	}
	int err = errno;
	free(path);
	free(owned);
	errno = err;
	return fd;
}
void np_output__set_record(np_output *o, const np_record *rec)
{
	/* Only archives lay files out per record; other outputs ignore it.  A
	 * writer's thread sets it around its own puts (see arc_put's lock). */
	if (o && o->put == arc_put)
		((arc_output *)o)->current = rec;
}

int np_output_archive_new(np_output **out, const char *path,
                          const np_options *opts, np_ctx *ctx)
{
	static const np_options defaults = NP_OPTIONS_INIT;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (!path || !*path)
		return np_ctx_set_error(ctx, NP_EINVAL, "no archive path given");
	int to_stdout = strcmp(path, "-") == 0;
	const char *format = to_stdout
	    ? arc_format_of(opts->archive_format ? opts->archive_format : "tar", 1)
	    : arc_format_of(path, 0);
	if (!format)
		return to_stdout
		    ? np_ctx_set_error(ctx, NP_EINVAL, "unknown --archive-format '%s' "
		                       "(tar, tar.gz, tar.xz, tar.zst, tar.bz2, zip)",
		                       opts->archive_format)
		    : np_ctx_set_error(ctx, NP_EINVAL, "%s: unknown archive type; name "
		                       "it .tar.gz, .tgz, .tar.xz, .tar.zst, .tar.bz2, "
		                       ".tar or .zip", path);
	struct stat st;
	if (!to_stdout && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return np_ctx_set_error(ctx, NP_EINVAL, "%s: is a folder, not an "
		                        "archive name", path);
	arc_output *o = calloc(1, sizeof *o);
	if (!o)
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	o->spool = -1;
	pthread_mutex_init(&o->lock, NULL);
	o->base.put = arc_put;
	o->base.put_fd = arc_put_fd;
	o->base.close = arc_close;
	o->base.free = arc_free;
	o->base.ctx = ctx;
	o->now = opts->now;
	o->newest = INT64_MIN;
	o->format = format;
	o->provider = strdup(opts->provider && *opts->provider ? opts->provider
	                                                       : "newsprism.invalid");
	for (char *p = o->provider; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' '; /* one bag-info line */
	if (!to_stdout)
		o->target = strdup(path);
	if (opts->release && *opts->release)
		o->release = arc_release_name(opts->release);
	if (!o->provider || (!to_stdout && !o->target) ||
	    (opts->release && *opts->release && !o->release)) {
		arc_free(&o->base);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	/* Making the spool now also fails early on an unwritable folder. */
	char *dir = o->target ? arc_target_dir(o) : NULL;
	if (!(o->index = np_runs__new(dir ? (*dir ? dir : ".") : NULL))) {
		free(dir);
		arc_free(&o->base);
		return np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	}
	free(dir);
	if ((o->spool = arc_open_spool(o)) < 0) {
		int err = errno;
		arc_free(&o->base);
		return np_ctx_set_error(ctx, NP_EIO, "%s: cannot write in its folder: %s",
		                        path, strerror(err));
	}
	*out = &o->base;
	return NP_OK;
}

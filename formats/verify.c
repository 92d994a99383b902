/* verify.c - checks a BagIt bag (RFC 8493), from an archive or a folder.
 *
 * A bag is read once: entry by entry from an archive (through
 * read_archive.c, never unpacked) or by walking the folder.  Every regular
 * file is hashed (SHA-256 and SHA-512) as it streams past and its record
 * (path, size, digests) goes to an external sort (runs.h); the files that
 * may be tag files (bagit.txt, bag-info.txt, the manifests, at the bag's
 * top) are also kept, in memory up to np_spill__bytes and in a temporary
 * file beyond (spill.h).  Each manifest's lines go to a sort of their own,
 * and the check walks the two sorted streams side by side.  So memory stays
 * small however many files a bag holds, and an archive and its extracted
 * folder give the same report. */
#include "format.h"
#include "runs.h"
#include "sha2.h"
#include "spill.h"
#include "../pipeline/read_archive.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define VERIFY_CHUNK (64 * 1024)

/* A file record's value: is a folder (1 byte), size, SHA-256, SHA-512. */
#define VREC_VAL (1 + 8 + 32 + 64)

typedef struct vtag {          /* a file that may be a tag file */
	char *path;                /* as read (archive: with its top folder) */
	np_spill text;
} vtag;

typedef struct vxml {          /* archive mode: a NewsML item that said something */
	char *path;
	int rc;
	char *report;
} vxml;

typedef struct vbag {
	const char *label;
	FILE *report;
	np_ctx *ctx;
	const char *xsd;
	np_runs *files;            /* every entry: path as read -> VREC_VAL */
	vtag *tags;
	size_t n_tags, cap_tags;
	vxml *xml;
	size_t n_xml, cap_xml;
	char *first;               /* archive mode: the first entry's path */
	int problems;
	char *tmpdir;              /* archive mode: where a NewsML item is checked */
	char *root;                /* folder mode: the bag folder */
	char prefix[1024];         /* archive mode: the top folder, "" or "T/" */
	size_t prefix_len;
} vbag;

/* One entry of the sorted file list, decoded. */
typedef struct ventry {
	const char *path;          /* below the bag (the prefix taken off) */
	size_t path_len;
	int is_dir;
	uint64_t size;
	const unsigned char *sha256, *sha512;
} ventry;

static void verify_problem(vbag *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void verify_problem(vbag *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(b->report, "%s: ", b->label);
	vfprintf(b->report, fmt, ap);
	fputc('\n', b->report);
	va_end(ap);
	b->problems++;
}

static int verify_name_safe(const char *name)
{
	if (name[0] == '/' || strchr(name, '\\'))
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	for (const char *p = name; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p += len;
		if (*p)
			p++;
	}
	return 1;
}

static int verify_is_xml(const char *path, size_t n)
{
	return n > 4 && memcmp(path + n - 4, ".xml", 4) == 0;
}

/* Whether a file at the bag's top with this name may be a tag file that
 * the checks read: bagit.txt, bag-info.txt, (tag)manifest-<alg>.txt. */
static int verify_tag_name(const char *base)
{
	size_t n = strlen(base);
	if (strcmp(base, "bagit.txt") == 0 || strcmp(base, "bag-info.txt") == 0)
		return 1;
	return n > 4 && strcmp(base + n - 4, ".txt") == 0 &&
	       (strncmp(base, "manifest-", 9) == 0 ||
	        strncmp(base, "tagmanifest-", 12) == 0);
}

static vtag *verify_add_tag(vbag *b, const char *path)
{
	if (b->n_tags == b->cap_tags) {
		size_t ncap = b->cap_tags ? b->cap_tags * 2 : 8;
		vtag *p = realloc(b->tags, ncap * sizeof *p);
		if (!p)
			return NULL;
		b->tags = p;
		b->cap_tags = ncap;
	}
	vtag *t = &b->tags[b->n_tags];
	*t = (vtag){ strdup(path), NP_SPILL_INIT };
	if (!t->path)
		return NULL;
	b->n_tags++;
	return t;
}

static int verify_add_entry(vbag *b, const char *path, int is_dir, uint64_t size,
                            const unsigned char sha256[32],
                            const unsigned char sha512[64])
{
	unsigned char val[VREC_VAL] = { 0 };
	val[0] = (unsigned char)is_dir;
	memcpy(val + 1, &size, 8);
	if (!is_dir) {
		memcpy(val + 9, sha256, 32);
		memcpy(val + 41, sha512, 64);
	}
	if (np_runs__add(b->files, path, strlen(path), val, sizeof val) < 0)
		return np_ctx_set_error(b->ctx, errno == ENOMEM ? NP_ENOMEM : NP_EIO,
		                        "%s: cannot sort its file list: %s", b->label,
		                        strerror(errno));
	return NP_OK;
}

typedef ssize_t (*verify_read_fn)(void *src, void *buf, size_t n);

/* Hash a file's bytes and record it; keep the bytes in `tag` when given;
 * copy them to fd `copy` when >= 0.  NP_EIO when the source fails. */
static int verify_file(vbag *b, const char *path, verify_read_fn rd, void *src,
                       vtag *tag, int copy)
{
	char *buf = malloc(VERIFY_CHUNK);
	if (!buf)
		return np_ctx_set_error(b->ctx, NP_ENOMEM, "out of memory");
	np_sha256 s2;
	np_sha512 s5;
	np_sha256__init(&s2);
	np_sha512__init(&s5);
	uint64_t size = 0;
	int rc = NP_OK;
	for (;;) {
		ssize_t k = rd(src, buf, VERIFY_CHUNK);
		if (k < 0) {
			rc = NP_EIO;
			break;
		}
		if (k == 0)
			break;
		np_sha256__update(&s2, buf, (size_t)k);
		np_sha512__update(&s5, buf, (size_t)k);
		size += (uint64_t)k;
		if (tag)
			np_spill__put(&tag->text, buf, (size_t)k); /* errors are sticky */
		if (copy >= 0 && np_spill__write_all(copy, buf, (size_t)k) < 0)
			copy = -1; /* the NewsML check then reports the short copy */
	}
	free(buf);
	if (rc < 0)
		return rc;
	unsigned char d2[32], d5[64];
	np_sha256__final(&s2, d2);
	np_sha512__final(&s5, d5);
	return verify_add_entry(b, path, 0, size, d2, d5);
}

/* ---- reading an archive --------------------------------------------------- */

static ssize_t verify_read_archive(void *src, void *buf, size_t n)
{
	return np_read_archive__read(src, buf, n);
}

/* Check a NewsML item through the public validator; `*report` gets what it
 * printed (malloc'd, maybe empty). */
static int verify_xml_check(vbag *b, const char *path, char **report)
{
	char *text = NULL;
	size_t len = 0;
	*report = NULL;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return NP_ENOMEM;
	int rc = np_validate_newsml(path, b->xsd, mem, b->ctx);
	if (rc < 0 && rc != NP_EFORMAT && *np_ctx_error(b->ctx))
		fprintf(mem, "%s\n", np_ctx_error(b->ctx));
	fclose(mem);
	*report = text;
	return rc;
}

/* `report` with every `from` replaced by `to` (malloc'd; NULL-safe). */
static char *verify_rename(char *report, const char *from, const char *to)
{
	if (!report || !*from || !strstr(report, from))
		return report;
	np_buf out = NP_BUF_INIT;
	size_t fl = strlen(from);
	const char *p = report, *hit;
	while ((hit = strstr(p, from))) {
		np_buf_put(&out, p, (size_t)(hit - p));
		np_buf_puts(&out, to);
		p = hit + fl;
	}
	np_buf_puts(&out, p);
	if (out.oom) {
		np_buf_dispose(&out);
		return report;
	}
	free(report);
	return np_buf_detach(&out, NULL);
}

/* Keep what the check of an archive's NewsML item said, if anything. */
static int verify_keep_xml(vbag *b, const char *path, int rc, char *report)
{
	if (rc >= 0 && (!report || !*report)) {
		free(report);
		return NP_OK;
	}
	if (b->n_xml == b->cap_xml) {
		size_t ncap = b->cap_xml ? b->cap_xml * 2 : 8;
		vxml *p = realloc(b->xml, ncap * sizeof *p);
		if (!p) {
			free(report);
			return NP_ENOMEM;
		}
		b->xml = p;
		b->cap_xml = ncap;
	}
	b->xml[b->n_xml] = (vxml){ strdup(path), rc, report };
	if (!b->xml[b->n_xml].path) {
		free(report);
		return NP_ENOMEM;
	}
	b->n_xml++;
	return NP_OK;
}

/* Where an archive's NewsML item is copied to be checked, or -1. */
static int verify_xml_copy(vbag *b, const char *path, char **tmp)
{
	*tmp = NULL;
	if (!b->xsd || !b->tmpdir || !verify_is_xml(path, strlen(path)))
		return -1;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t tl = strlen(b->tmpdir) + strlen(base) + 2;
	if (!(*tmp = malloc(tl)))
		return -1;
	snprintf(*tmp, tl, "%s/%s", b->tmpdir, base);
	return open(*tmp, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0600);
}

static int verify_archive_entry(vbag *b, np_arc_reader *r, const char *name,
                                np_arc_type type)
{
	char *path = strdup(name);
	if (!path)
		return NP_ENOMEM;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	int rc = NP_OK;
	if (!b->first && !(b->first = strdup(path)))
		rc = NP_ENOMEM;
	if (rc == NP_OK && type == NP_ARC_DIR) {
		rc = verify_add_entry(b, path, 1, 0, NULL, NULL);
		free(path);
		return rc;
	}
	int slashes = 0;
	for (const char *p = path; *p; p++)
		slashes += *p == '/';
	const char *base = strrchr(path, '/');
	vtag *tag = NULL;
	/* "bagit.txt" or "top/bagit.txt" */
	if (rc == NP_OK && slashes <= 1 && verify_tag_name(base ? base + 1 : path) &&
	    !(tag = verify_add_tag(b, path)))
		rc = NP_ENOMEM;
	char *tmp = NULL;
	int tmpfd = rc == NP_OK ? verify_xml_copy(b, path, &tmp) : -1;
	if (rc == NP_OK) {
		rc = verify_file(b, path, verify_read_archive, r, tag, tmpfd);
		if (rc == NP_EIO) {
			verify_problem(b, "damaged archive: %s", np_ctx_error(b->ctx));
			rc = NP_EFORMAT;
		}
	}
	if (tmpfd >= 0) {
		close(tmpfd);
		if (rc == NP_OK) {
			char *report;
			int xrc = verify_xml_check(b, tmp, &report);
			/* name the entry, not the copy that was checked */
			report = verify_rename(report, tmp, path);
			rc = verify_keep_xml(b, path, xrc, report);
		}
		unlink(tmp);
	}
	free(tmp);
	free(path);
	return rc;
}

static int verify_read_bag_archive(vbag *b, const char *path)
{
	np_arc_reader *r = NULL;
	int rc = np_read_archive__open(&r, path, NULL, 0, path, b->ctx);
	if (rc < 0)
		return rc;
	for (;;) {
		const char *name;
		np_arc_type type;
		int64_t size;
		rc = np_read_archive__next(r, &name, &type, &size);
		if (rc < 0) {
			verify_problem(b, "damaged archive: %s", np_ctx_error(b->ctx));
			rc = NP_EFORMAT;
			break;
		}
		if (rc == 0)
			break;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (!*name)
			continue;
		if (!verify_name_safe(name)) {
			verify_problem(b, "unsafe entry name '%s' (absolute, '..', '\\' or "
			               "a control character): not read", name);
			continue;
		}
		if (type == NP_ARC_LINK || type == NP_ARC_OTHER) {
			verify_problem(b, "%s: a %s, not a regular file", name,
			               type == NP_ARC_LINK ? "link" : "special file");
			continue;
		}
		if ((rc = verify_archive_entry(b, r, name, type)) < 0)
			break;
	}
	np_read_archive__free(r);
	return rc < 0 ? rc : NP_OK;
}

/* ---- walking a folder ----------------------------------------------------- */

static ssize_t verify_read_fd(void *src, void *buf, size_t n)
{
	for (;;) {
		ssize_t k = read(*(int *)src, buf, n);
		if (k >= 0 || errno != EINTR)
			return k;
	}
}

static int verify_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted (NULL-terminated), or NULL. */
static char **verify_list(DIR *d, int *rc)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 32;
			char **p = realloc(names, cap * sizeof *p);
			if (!p)
				break;
			names = p;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		names[++n] = NULL;
	}
	if (e) { /* stopped early: out of memory */
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		*rc = NP_ENOMEM;
		return NULL;
	}
	if (!names && (names = calloc(1, sizeof *names)) == NULL)
		*rc = NP_ENOMEM;
	if (n)
		qsort(names, n, sizeof *names, verify_cmp_names);
	return names;
}

static int verify_walk_file(vbag *b, const char *p, const char *r, int depth)
{
	vtag *tag = NULL;
	if (depth == 0 && verify_tag_name(r) && !(tag = verify_add_tag(b, r)))
		return NP_ENOMEM;
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		verify_problem(b, "%s: cannot open: %s", r, strerror(errno));
		return NP_OK;
	}
	int rc = verify_file(b, r, verify_read_fd, &fd, tag, -1);
	if (rc == NP_EIO) {
		verify_problem(b, "%s: cannot read: %s", r, strerror(errno));
		rc = NP_OK;
	}
	close(fd);
	return rc;
}

/* Walk a bag folder (symbolic links are reported, not followed). */
static int verify_walk(vbag *b, const char *dir, const char *rel, int depth)
{
	if (depth > 64) {
		verify_problem(b, "%s: folders nested too deep", rel);
		return NP_OK;
	}
	DIR *d = opendir(dir);
	if (!d) {
		verify_problem(b, "%s: cannot open folder: %s", *rel ? rel : ".",
		               strerror(errno));
		return NP_OK;
	}
	int rc = NP_OK;
	char **names = verify_list(d, &rc);
	closedir(d);
	for (size_t i = 0; names && names[i] && rc == NP_OK; i++) {
		size_t pl = strlen(dir) + strlen(names[i]) + 2;
		size_t rl = strlen(rel) + strlen(names[i]) + 2;
		char *p = malloc(pl), *r = malloc(rl);
		if (!p || !r) {
			free(p);
			free(r);
			rc = NP_ENOMEM;
			break;
		}
		snprintf(p, pl, "%s/%s", dir, names[i]);
		snprintf(r, rl, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		struct stat st;
		if (lstat(p, &st) < 0) {
			verify_problem(b, "%s: %s", r, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			rc = verify_add_entry(b, r, 1, 0, NULL, NULL);
			if (rc == NP_OK)
				rc = verify_walk(b, p, r, depth + 1);
		} else if (!S_ISREG(st.st_mode)) {
			verify_problem(b, "%s: a %s, not a regular file", r,
			               S_ISLNK(st.st_mode) ? "symbolic link" : "special file");
		} else {
			rc = verify_walk_file(b, p, r, depth);
		}
		free(p);
		free(r);
	}
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* ---- the sorted file list ------------------------------------------------- */

typedef struct vwalk {
	vbag *b;
	np_runs_iter *it;
	int err;                   /* errno of a failed read of the list */
} vwalk;

static int verify_walk_begin(vbag *b, vwalk *w)
{
	w->b = b;
	w->err = 0;
	w->it = NULL;
	if (np_runs__iter(b->files, &w->it) < 0)
		w->err = errno;
	return w->err ? -1 : 0;
}

/* The next entry below the bag's top (entries outside it are skipped):
 * 1, 0 at the end, -1 when the list cannot be read back. */
static int verify_walk_next(vwalk *w, ventry *e)
{
	np_run_rec rec;
	for (;;) {
		int got = w->it ? np_runs__next(w->it, &rec) : -1;
		if (got <= 0) {
			if (got < 0 && !w->err)
				w->err = w->it ? errno : EIO;
			return got;
		}
		size_t pl = w->b->prefix_len;
		if (rec.key_len <= pl || memcmp(rec.key, w->b->prefix, pl) != 0)
			continue;
		e->path = rec.key + pl;
		e->path_len = rec.key_len - pl;
		e->is_dir = rec.val[0];
		memcpy(&e->size, rec.val + 1, 8);
		e->sha256 = rec.val + 9;
		e->sha512 = rec.val + 41;
		return 1;
	}
}

static int verify_walk_end(vwalk *w)
{
	np_runs__iter_free(w->it);
	w->it = NULL;
	if (w->err)
		return np_ctx_set_error(w->b->ctx, w->err == ENOMEM ? NP_ENOMEM : NP_EIO,
		                        "%s: cannot read its file list back: %s",
		                        w->b->label, strerror(w->err));
	return NP_OK;
}

static int verify_starts(const ventry *e, const char *s)
{
	size_t n = strlen(s);
	return e->path_len >= n && memcmp(e->path, s, n) == 0;
}

static int verify_is(const ventry *e, const char *s)
{
	return e->path_len == strlen(s) && memcmp(e->path, s, e->path_len) == 0;
}

/* ---- the bag's top -------------------------------------------------------- */

static vtag *verify_tag(vbag *b, const char *name)
{
	for (size_t i = 0; i < b->n_tags; i++) {
		const char *p = b->tags[i].path;
		if (strncmp(p, b->prefix, b->prefix_len) == 0 &&
		    strcmp(p + b->prefix_len, name) == 0)
			return &b->tags[i];
	}
	return NULL;
}

/* Archive mode: the bag's top is "" when bagit.txt is at the top, else
 * "T/" for T, the first entry's first folder.  Every entry outside it is
 * reported.  -1: the archive holds nothing. */
static int verify_find_prefix(vbag *b)
{
	b->prefix[0] = '\0';
	b->prefix_len = 0;
	if (!np_runs__count(b->files) || !b->first)
		return -1;
	if (!verify_tag(b, "bagit.txt")) {
		size_t tl = strcspn(b->first, "/");
		if (tl + 2 > sizeof b->prefix)
			return -1;
		memcpy(b->prefix, b->first, tl);
		memcpy(b->prefix + tl, "/", 2);
		b->prefix_len = tl + 1;
	}
	if (!b->prefix_len)
		return 0;
	np_runs_iter *it = NULL;
	np_run_rec rec;
	int got = np_runs__iter(b->files, &it);
	while (got == 0 && (got = np_runs__next(it, &rec)) > 0) {
		size_t pl = b->prefix_len;
		if (rec.key_len >= pl && memcmp(rec.key, b->prefix, pl) == 0)
			continue;
		if (rec.val[0] && rec.key_len == pl - 1 && memcmp(rec.key, b->prefix, pl - 1) == 0)
			continue; /* the top folder itself */
		verify_problem(b, "%.*s: outside the bag's folder %s", (int)rec.key_len,
		               rec.key, b->prefix);
	}
	np_runs__iter_free(it);
	return 0;
}

/* Reads a kept file line by line from its spill parts, a piece at a time. */
typedef struct vlines {
	np_output_part parts[2];
	int n_parts, part;
	uint64_t off;              /* in the current part */
	np_buf buf;
	size_t at;                 /* where the next line starts in buf */
	int err;
} vlines;

static int verify_lines_open(vlines *l, vtag *t)
{
	memset(l, 0, sizeof *l);
	l->n_parts = np_spill__parts(&t->text, l->parts);
	if (l->n_parts < 0 || t->text.err) {
		l->err = t->text.err ? t->text.err : errno;
		return -1;
	}
	return 0;
}

/* Move more of the text into buf: 1, 0 at its end, -1 on a read error. */
static int verify_lines_more(vlines *l)
{
	while (l->part < l->n_parts && l->off >= l->parts[l->part].len) {
		l->part++;
		l->off = 0;
	}
	if (l->part >= l->n_parts)
		return 0;
	if (l->at) { /* drop what was handed out */
		memmove(l->buf.data, l->buf.data + l->at, l->buf.len - l->at);
		l->buf.len -= l->at;
		l->at = 0;
	}
	const np_output_part *p = &l->parts[l->part];
	size_t want = p->len - l->off < VERIFY_CHUNK ? (size_t)(p->len - l->off)
	                                             : VERIFY_CHUNK;
	if (np_buf_reserve(&l->buf, want + 1) < 0) {
		l->err = ENOMEM;
		return -1;
	}
	ssize_t k;
	if (p->fd < 0) {
		memcpy(l->buf.data + l->buf.len, (const char *)p->data + l->off, want);
		k = (ssize_t)want;
	} else {
		do
			k = pread(p->fd, l->buf.data + l->buf.len, want, (off_t)l->off);
		while (k < 0 && errno == EINTR);
		if (k <= 0) {
			l->err = k < 0 ? errno : EIO;
			return -1;
		}
	}
	l->buf.len += (size_t)k;
	l->off += (uint64_t)k;
	return 1;
}

/* The next line (without CR/LF), valid until the next call, or NULL at
 * the end (l->err set on an error). */
static char *verify_lines_next(vlines *l)
{
	for (;;) {
		char *s = l->buf.data ? l->buf.data + l->at : NULL;
		size_t avail = l->buf.len - l->at;
		char *nl = s ? memchr(s, '\n', avail) : NULL;
		if (nl) {
			*nl = '\0';
			if (nl > s && nl[-1] == '\r')
				nl[-1] = '\0';
			l->at = (size_t)(nl - l->buf.data) + 1;
			return s;
		}
		int got = verify_lines_more(l);
		if (got < 0)
			return NULL;
		if (got == 0) {
			if (!avail)
				return NULL;
			s[avail] = '\0'; /* the last line, without its newline */
			if (s[avail - 1] == '\r')
				s[avail - 1] = '\0';
			l->at = l->buf.len;
			return s;
		}
	}
}

/* Open a tag file's lines; reports when it cannot be read. */
static int verify_tag_lines(vbag *b, vtag *t, vlines *l)
{
	if (verify_lines_open(l, t) == 0)
		return 0;
	verify_problem(b, "%s: cannot read: %s", t->path + b->prefix_len,
	               strerror(l->err));
	return -1;
}

static void verify_bagit_txt(vbag *b)
{
	vtag *tag = verify_tag(b, "bagit.txt");
	vlines l;
	if (!tag) {
		verify_problem(b, "bagit.txt: missing");
		return;
	}
	if (verify_tag_lines(b, tag, &l) < 0)
		return;
	int version = 0, encoding = 0;
	char *line;
	while ((line = verify_lines_next(&l))) {
		int maj, min, n = 0;
		if (strncmp(line, "BagIt-Version: ", 15) == 0) {
			if (sscanf(line + 15, "%d.%d%n", &maj, &min, &n) == 2 && !line[15 + n])
				version = 1;
			else
				verify_problem(b, "bagit.txt: bad BagIt-Version '%s'", line + 15);
		} else if (strncmp(line, "Tag-File-Character-Encoding: ", 29) == 0) {
			encoding = 1;
			if (strcasecmp(line + 29, "UTF-8") != 0)
				verify_problem(b, "bagit.txt: Tag-File-Character-Encoding is "
				               "'%s'; only UTF-8 is read", line + 29);
		}
	}
	if (l.err)
		verify_problem(b, "bagit.txt: cannot read: %s", strerror(l.err));
	if (!version)
		verify_problem(b, "bagit.txt: no 'BagIt-Version: M.N' line");
	if (!encoding)
		verify_problem(b, "bagit.txt: no 'Tag-File-Character-Encoding' line");
	np_buf_dispose(&l.buf);
}

/* ---- manifests ------------------------------------------------------------ */

static int verify_hexval(int c)
{
	return isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
	     : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* RFC 8493 2.1.3: undo %0A, %0D, %25 in a manifest path. */
static void verify_unescape(char *p)
{
	char *o = p;
	for (; *p; p++) {
		if (p[0] == '%' && verify_hexval((unsigned char)p[1]) >= 0 &&
		    verify_hexval((unsigned char)p[2]) >= 0) {
			*o++ = (char)(verify_hexval((unsigned char)p[1]) * 16 +
			              verify_hexval((unsigned char)p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* A manifest line's record: the line number, then the checksum as written. */
typedef struct vline_val {
	uint64_t lineno;
	char hex[128];
} vline_val;

/* Parse a manifest into `lines` (path -> line number and checksum). */
static int verify_parse_manifest(vbag *b, vtag *mf, const char *name, const char *alg,
                                 size_t dlen, int tags, np_runs *lines)
{
	vlines l;
	if (verify_tag_lines(b, mf, &l) < 0)
		return NP_OK;
	int rc = NP_OK;
	char *line;
	for (uint64_t lineno = 1; rc == NP_OK && (line = verify_lines_next(&l)); lineno++) {
		if (!*line)
			continue;
		size_t hl = strcspn(line, " \t");
		char *path = line + hl;
		while (*path == ' ' || *path == '\t')
			path++;
		if (*path == '*')
			path++; /* sha256sum's binary marker */
		int hex_ok = hl == 2 * dlen;
		for (size_t k = 0; hex_ok && k < hl; k++)
			hex_ok = verify_hexval((unsigned char)line[k]) >= 0;
		if (!hex_ok || !*path) {
			verify_problem(b, "%s:%llu: not '<%s checksum> <path>'", name,
			               (unsigned long long)lineno, alg);
			continue;
		}
		verify_unescape(path);
		int in_data = strncmp(path, "data/", 5) == 0;
		if (!verify_name_safe(path) || in_data == tags) {
			verify_problem(b, "%s:%llu: '%s' is not a %s path", name,
			               (unsigned long long)lineno, path,
			               tags ? "tag file" : "payload (data/...)");
			continue;
		}
		vline_val v;
		v.lineno = lineno;
		memcpy(v.hex, line, hl);
		if (np_runs__add(lines, path, strlen(path), &v, 8 + hl) < 0)
			rc = np_ctx_set_error(b->ctx, errno == ENOMEM ? NP_ENOMEM : NP_EIO,
			                      "%s: cannot sort %s: %s", b->label, name,
			                      strerror(errno));
	}
	if (rc == NP_OK && l.err)
		verify_problem(b, "%s: cannot read: %s", name, strerror(l.err));
	np_buf_dispose(&l.buf);
	return rc;
}

static int verify_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : an < bn ? -1 : an > bn;
}

/* A file not named by the manifest. */
static void verify_unlisted(vbag *b, const ventry *f, const char *name, int tags)
{
	if (!tags && !f->is_dir && verify_starts(f, "data/"))
		verify_problem(b, "%.*s: not listed in %s (an extra file)",
		               (int)f->path_len, f->path, name);
}

/* Walk the manifest's sorted lines beside the sorted files. */
static int verify_match(vbag *b, np_runs *lines, const char *name, const char *alg,
                        size_t dlen, int tags)
{
	vwalk w;
	np_runs_iter *it = NULL;
	ventry f;
	int have_f = 0;
	if (verify_walk_begin(b, &w) == 0 && (have_f = verify_walk_next(&w, &f)) < 0)
		have_f = 0;
	if (np_runs__iter(lines, &it) < 0) {
		np_runs__iter_free(it);
		verify_walk_end(&w);
		return np_ctx_set_error(b->ctx, NP_EIO, "%s: cannot read %s back: %s",
		                        b->label, name, strerror(errno));
	}
	np_run_rec m;
	int got;
	const char *prev = NULL; /* the path of the line before, if it matched */
	size_t prev_len = 0;
	np_buf prev_buf = NP_BUF_INIT;
	while ((got = np_runs__next(it, &m)) > 0) {
		uint64_t lineno;
		memcpy(&lineno, m.val, 8);
		const char *hex = (const char *)m.val + 8;
		size_t hl = m.val_len - 8;
		while (have_f > 0 && verify_cmp(f.path, f.path_len, m.key, m.key_len) < 0) {
			verify_unlisted(b, &f, name, tags);
			have_f = verify_walk_next(&w, &f);
		}
		if (prev && verify_cmp(prev, prev_len, m.key, m.key_len) == 0) {
			verify_problem(b, "%s:%llu: %.*s listed twice", name,
			               (unsigned long long)lineno, (int)m.key_len, m.key);
			continue;
		}
		if (have_f <= 0 || f.is_dir ||
		    verify_cmp(f.path, f.path_len, m.key, m.key_len) != 0) {
			verify_problem(b, "%.*s: missing (listed in %s)", (int)m.key_len,
			               m.key, name);
			continue;
		}
		char want[129];
		np_sha2__hex(dlen == 32 ? f.sha256 : f.sha512, dlen, want);
		if (strncasecmp(want, hex, hl) != 0)
			verify_problem(b, "%.*s: %s checksum mismatch (%s says %.*s, the file "
			               "has %s)", (int)m.key_len, m.key, alg, name, (int)hl,
			               hex, want);
		np_buf_reset(&prev_buf);
		np_buf_put(&prev_buf, m.key, m.key_len);
		prev = prev_buf.data;
		prev_len = m.key_len;
		have_f = verify_walk_next(&w, &f); /* matched: step past it */
	}
	int err = got < 0 ? errno : 0;
	while (have_f > 0) {
		verify_unlisted(b, &f, name, tags);
		have_f = verify_walk_next(&w, &f);
	}
	np_buf_dispose(&prev_buf);
	np_runs__iter_free(it);
	int rc = verify_walk_end(&w);
	if (rc == NP_OK && err)
		rc = np_ctx_set_error(b->ctx, err == ENOMEM ? NP_ENOMEM : NP_EIO,
		                      "%s: cannot read %s back: %s", b->label, name,
		                      strerror(err));
	return rc;
}

/* Check one (tag)manifest; *checked = 0 when its algorithm is not one we
 * hash. */
static int verify_manifest(vbag *b, vtag *mf, const char *name, const char *alg,
                           int tags, int *checked)
{
	size_t dlen = strcmp(alg, "sha256") == 0 ? 32 : strcmp(alg, "sha512") == 0 ? 64 : 0;
	*checked = dlen != 0;
	if (!dlen)
		return NP_OK;
	np_runs *lines = np_runs__new(NULL);
	if (!lines)
		return np_ctx_set_error(b->ctx, NP_ENOMEM, "out of memory");
	int rc = verify_parse_manifest(b, mf, name, alg, dlen, tags, lines);
	if (rc == NP_OK)
		rc = verify_match(b, lines, name, alg, dlen, tags);
	np_runs__free(lines);
	return rc;
}

static int verify_tag_cmp(const void *a, const void *b)
{
	return strcmp(((const vtag *)a)->path, ((const vtag *)b)->path);
}

static int verify_manifests(vbag *b)
{
	int payload = 0, rc = NP_OK;
	if (b->n_tags)
		qsort(b->tags, b->n_tags, sizeof *b->tags, verify_tag_cmp);
	for (int tags = 0; tags < 2 && rc == NP_OK; tags++) {
		const char *prefix = tags ? "tagmanifest-" : "manifest-";
		size_t pl = strlen(prefix);
		for (size_t i = 0; i < b->n_tags && rc == NP_OK; i++) {
			vtag *t = &b->tags[i];
			if (strncmp(t->path, b->prefix, b->prefix_len) != 0)
				continue;
			const char *name = t->path + b->prefix_len;
			size_t n = strlen(name);
			if (strchr(name, '/') || strncmp(name, prefix, pl) || n < pl + 5 ||
			    strcmp(name + n - 4, ".txt"))
				continue;
			char alg[32];
			snprintf(alg, sizeof alg, "%.*s", (int)(n - pl - 4), name + pl);
			int checked;
			rc = verify_manifest(b, t, name, alg, tags, &checked);
			if (rc == NP_OK && checked)
				payload += !tags;
			else if (rc == NP_OK)
				fprintf(b->report, "%s: note: %s not checked (only sha256 and "
				        "sha512 are)\n", b->label, name);
		}
	}
	if (rc == NP_OK && !payload)
		verify_problem(b, "no payload manifest (manifest-sha256.txt or "
		               "manifest-sha512.txt)");
	return rc;
}

/* ---- Payload-Oxum and NewsML ---------------------------------------------- */

static int verify_oxum(vbag *b)
{
	uint64_t octets = 0, count = 0;
	int data_dir = 0;
	vwalk w;
	ventry f;
	if (verify_walk_begin(b, &w) == 0)
		while (verify_walk_next(&w, &f) > 0) {
			if (f.is_dir && verify_is(&f, "data"))
				data_dir = 1;
			if (!f.is_dir && verify_starts(&f, "data/")) {
				octets += f.size;
				count++;
				data_dir = 1;
			}
		}
	int rc = verify_walk_end(&w);
	if (rc < 0)
		return rc;
	if (!data_dir)
		verify_problem(b, "data/: missing");
	vtag *tag = verify_tag(b, "bag-info.txt");
	vlines l;
	if (!tag || verify_tag_lines(b, tag, &l) < 0)
		return NP_OK; /* bag-info.txt is optional (RFC 8493 2.2.2) */
	char *line;
	while ((line = verify_lines_next(&l))) {
		if (strncasecmp(line, "Payload-Oxum:", 13) != 0)
			continue;
		unsigned long long o8, oc;
		int n = 0;
		const char *v = line + 13;
		while (*v == ' ' || *v == '\t')
			v++;
		if (sscanf(v, "%llu.%llu%n", &o8, &oc, &n) != 2 || v[n])
			verify_problem(b, "bag-info.txt: bad Payload-Oxum '%s'", v);
		else if (o8 != octets || oc != count)
			verify_problem(b, "bag-info.txt: Payload-Oxum is %llu.%llu but the "
			               "payload is %llu.%llu (bytes.files)", o8, oc,
			               (unsigned long long)octets, (unsigned long long)count);
	}
	if (l.err)
		verify_problem(b, "bag-info.txt: cannot read: %s", strerror(l.err));
	np_buf_dispose(&l.buf);
	return NP_OK;
}

static void verify_newsml_said(vbag *b, const char *path, size_t path_len, int rc,
                               const char *report)
{
	if (report && *report)
		fputs(report, b->report);
	if (rc < 0)
		verify_problem(b, "%.*s: not valid NewsML-G2", (int)path_len, path);
}

static int verify_xml_cmp(const void *a, const void *b)
{
	return strcmp(((const vxml *)a)->path, ((const vxml *)b)->path);
}

/* Folder mode: check every data/...xml file now, in path order.  Archive
 * mode: say what the checks made while reading said. */
static int verify_newsml(vbag *b)
{
	if (!b->xsd)
		return NP_OK;
	if (!b->root) {
		if (b->n_xml)
			qsort(b->xml, b->n_xml, sizeof *b->xml, verify_xml_cmp);
		for (size_t i = 0; i < b->n_xml; i++) {
			const char *p = b->xml[i].path;
			if (strncmp(p, b->prefix, b->prefix_len) != 0 ||
			    strncmp(p + b->prefix_len, "data/", 5) != 0)
				continue;
			verify_newsml_said(b, p + b->prefix_len, strlen(p + b->prefix_len),
			                   b->xml[i].rc, b->xml[i].report);
		}
		return NP_OK;
	}
	vwalk w;
	ventry f;
	int rc = NP_OK;
	if (verify_walk_begin(b, &w) == 0)
		while (rc == NP_OK && verify_walk_next(&w, &f) > 0) {
			if (f.is_dir || !verify_starts(&f, "data/") ||
			    !verify_is_xml(f.path, f.path_len))
				continue;
			size_t pl = strlen(b->root) + f.path_len + 2;
			char *p = malloc(pl);
			if (!p) {
				rc = NP_ENOMEM;
				break;
			}
			snprintf(p, pl, "%s/%.*s", b->root, (int)f.path_len, f.path);
			char *report;
			int xrc = verify_xml_check(b, p, &report);
			verify_newsml_said(b, f.path, f.path_len, xrc, report);
			free(report);
			free(p);
		}
	int wrc = verify_walk_end(&w);
	return rc < 0 ? rc : wrc;
}

/* Folder mode: the bag folder is `path`, or its one subfolder holding a
 * bagit.txt (an archive extracted into `path`). */
static char *verify_find_root(const char *path)
{
	size_t n = strlen(path) + 16;
	char *probe = malloc(n);
	if (!probe)
		return NULL;
	snprintf(probe, n, "%s/bagit.txt", path);
	struct stat st;
	int direct = stat(probe, &st) == 0;
	free(probe);
	if (direct)
		return strdup(path);
	DIR *d = opendir(path);
	if (!d)
		return strdup(path);
	char *found = NULL;
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		count++;
		size_t k = strlen(path) + strlen(e->d_name) + 16;
		char *p = malloc(k);
		if (p) {
			snprintf(p, k, "%s/%s/bagit.txt", path, e->d_name);
			if (!found && stat(p, &st) == 0) {
				p[strlen(p) - 10] = '\0';
				found = p;
				p = NULL;
			}
		}
		free(p);
	}
	closedir(d);
	if (found && count == 1)
		return found;
	free(found);
	return strdup(path);
}

static int verify_make_tmpdir(vbag *b)
{
	const char *t = getenv("TMPDIR");
	size_t tl = (t && *t ? strlen(t) : 4) + 32;
	if ((b->tmpdir = malloc(tl))) {
		snprintf(b->tmpdir, tl, "%s/newsprism-verify.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(b->tmpdir)) {
			free(b->tmpdir);
			b->tmpdir = NULL;
		}
	}
	if (!b->tmpdir)
		return np_ctx_set_error(b->ctx, NP_EIO, "cannot make a temporary "
		                        "folder to check NewsML items: %s", strerror(errno));
	return NP_OK;
}

static void verify_dispose(vbag *b)
{
	for (size_t i = 0; i < b->n_tags; i++) {
		free(b->tags[i].path);
		np_spill__dispose(&b->tags[i].text);
	}
	free(b->tags);
	for (size_t i = 0; i < b->n_xml; i++) {
		free(b->xml[i].path);
		free(b->xml[i].report);
	}
	free(b->xml);
	np_runs__free(b->files);
	free(b->first);
	free(b->root);
	if (b->tmpdir) {
		rmdir(b->tmpdir);
		free(b->tmpdir);
	}
}

/* Every check, once the bag was read and its top found. */
static int verify_checks(vbag *b)
{
	verify_bagit_txt(b);
	int rc = verify_manifests(b);
	if (rc == NP_OK)
		rc = verify_oxum(b);
	if (rc == NP_OK)
		rc = verify_newsml(b);
	return rc;
}

int np_verify_bundle(const char *path, const char *xsd, FILE *report, np_ctx *ctx)
{
	if (!report)
		report = stderr;
	struct stat st;
	if (!path || stat(path, &st) < 0)
		return np_ctx_set_error(ctx, errno == ENOENT ? NP_ENOTFOUND : NP_EIO,
		                        "%s: cannot open: %s", path ? path : "(null)",
		                        strerror(errno));
	vbag b;
	memset(&b, 0, sizeof b);
	b.label = path;
	b.report = report;
	b.ctx = ctx;
	b.xsd = xsd;
	int rc = (b.files = np_runs__new(NULL)) ? NP_OK
	         : np_ctx_set_error(ctx, NP_ENOMEM, "out of memory");
	int folder = S_ISDIR(st.st_mode);
	if (rc == NP_OK && folder) {
		b.root = verify_find_root(path);
		rc = b.root ? verify_walk(&b, b.root, "", 0) : NP_ENOMEM;
		if (rc == NP_OK && !np_runs__count(b.files))
			verify_problem(&b, "empty folder: no bag in it");
		else if (rc == NP_OK)
			rc = verify_checks(&b);
	} else if (rc == NP_OK) {
		if (xsd)
			rc = verify_make_tmpdir(&b);
		if (rc == NP_OK)
			rc = verify_read_bag_archive(&b, path);
		if (rc == NP_OK && verify_find_prefix(&b) < 0)
			verify_problem(&b, "empty archive: no bag in it");
		if (rc == NP_OK)
			rc = verify_checks(&b);
	}
	verify_dispose(&b);
	fflush(report);
	if (rc < 0 && rc != NP_EFORMAT)
		return *np_ctx_error(ctx) ? rc : np_ctx_set_error(ctx, rc, "%s: cannot "
		                                                  "verify", path);
	if (b.problems || rc == NP_EFORMAT)
		return np_ctx_set_error(ctx, NP_EFORMAT, "%s: not a valid bag: %d "
		                        "problem%s", path, b.problems,
		                        b.problems == 1 ? "" : "s");
	np_ctx_clear(ctx);
	return NP_OK;
}

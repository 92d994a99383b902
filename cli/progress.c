/* progress.c - the one-line progress bar on stderr.
 *
 * Drawn only when asked (a terminal, or --progress), at most four times a
 * second, so that it costs nothing measurable on a fast run. */
#include "cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROGRESS_INTERVAL 0.25
#define BAR_WIDTH 24

double cli_elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Files an archive input may be: their entries are not counted up front. */
static int progress_is_archive(const char *path)
{
	static const char *const ext[] = { ".tar", ".tgz", ".tar.gz", ".tar.xz",
		".tar.zst", ".tar.bz2", ".zip", ".txz", ".tzst" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		size_t k = strlen(ext[i]);
		if (n >= k && strcasecmp(path + n - k, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Regular files below `dir`, hidden names skipped, as the input walk does. */
static long progress_count_dir(const char *dir, int depth)
{
	if (depth > 64)
		return 0;
	DIR *d = opendir(dir);
	if (!d)
		return 1; /* the walk reports it as one failed item */
	long n = 0;
	struct dirent *e;
	size_t dl = strlen(dir);
	while ((e = readdir(d)) && n >= 0) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = dl + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (!path)
			break;
		snprintf(path, len, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				long k = progress_count_dir(path, depth + 1);
				n = k < 0 ? -1 : n + k;
			} else if (S_ISREG(st.st_mode)) {
				n = progress_is_archive(path) ? -1 : n + 1;
			}
		}
		free(path);
	}
	closedir(d);
	return n;
}

long cli_count_inputs(char **inputs, int n)
{
	long total = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) < 0) {
			total++;
		} else if (S_ISDIR(st.st_mode)) {
			long k = progress_count_dir(inputs[i], 0);
			if (k < 0)
				return -1;
			total += k;
		} else if (progress_is_archive(inputs[i])) {
			return -1;
		} else {
			total++;
		}
	}
	return total;
}

void progress_start(progress *p, int enabled, long total)
{
	memset(p, 0, sizeof *p);
	p->enabled = enabled;
	p->total = total;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	p->last = p->t0;
}

static void progress_draw(progress *p, double secs)
{
	double rate = secs > 0 ? (double)p->done / secs : 0;
	double mbs = secs > 0 ? (double)p->bytes / 1e6 / secs : 0;
	char bar[BAR_WIDTH + 1];
	char eta[32] = "";
	if (p->total > 0) {
		size_t fill = (size_t)((double)BAR_WIDTH * (double)p->done / (double)p->total);
		if (fill > BAR_WIDTH)
			fill = BAR_WIDTH;
		memset(bar, '#', fill);
		memset(bar + fill, '.', BAR_WIDTH - fill);
		bar[BAR_WIDTH] = '\0';
		if (rate > 0 && (long)p->done <= p->total) {
			long left = (long)(((double)p->total - (double)p->done) / rate + 0.5);
			snprintf(eta, sizeof eta, "ETA %ld:%02ld:%02ld", left / 3600,
			         left / 60 % 60, left % 60);
		}
		fprintf(stderr, "\r[%s] %zu/%ld articles %3.0f%%  %.0f art/s  %.1f MB/s  %s\033[K",
		        bar, p->done, p->total, 100.0 * (double)p->done / (double)p->total,
		        rate, mbs, eta);
	} else {
		fprintf(stderr, "\r%zu articles  %.0f art/s  %.1f MB/s\033[K", p->done,
		        rate, mbs);
	}
	fflush(stderr);
	p->drawn = 1;
}

void progress_step(progress *p, size_t bytes)
{
	p->done++;
	p->bytes += bytes;
	if (!p->enabled)
		return;
	double since = cli_elapsed(&p->last);
	if (since < PROGRESS_INTERVAL && (p->total < 0 || (long)p->done < p->total))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	progress_draw(p, cli_elapsed(&p->t0));
}

void progress_clear(progress *p)
{
	if (p->enabled && p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

void progress_end(progress *p)
{
	progress_clear(p);
}

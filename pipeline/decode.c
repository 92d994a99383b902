/* decode.c - input bytes to valid UTF-8 text with LF line ends, keeping a
 * map from every text byte back to its source byte. */
#include "stages.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_valid_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && p[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && p[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && p[1] < 0x90)
			return 0;
		if (c == 0xF4 && p[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int np_stage_decode(np_record *rec, np_ctx *ctx)
{
	const unsigned char *s = (const unsigned char *)rec->src;
	size_t n = rec->src_len, i = 0;
	/* Worst case: every byte becomes U+FFFD (3 bytes). */
	size_t cap = n * 3 + 1;
	char *t = np_arena_alloc(rec->arena, cap);
	uint32_t *map = np_arena_alloc(rec->arena, (cap + 1) * sizeof *map);
	if (!t || !map)
		return np_ctx_set_error(ctx, NP_ENOMEM, "%s: out of memory",
		                        rec->meta.source);
	size_t o = 0;
	int changed = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		i = 3;
		changed = 1;
	}
	while (i < n) {
		if (s[i] == '\r') {
			map[o] = (uint32_t)i;
			t[o++] = '\n';
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			changed = 1;
			continue;
		}
		size_t k = utf8_valid_len(s + i, n - i);
		if (k == 0) {
			np_record__warn(rec, i, "%s: invalid UTF-8 byte 0x%02X at offset %zu "
			                "replaced by U+FFFD", rec->meta.source, s[i], i);
			for (int b = 0; b < 3; b++)
				map[o + b] = (uint32_t)i;
			memcpy(t + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			changed = 1;
			continue;
		}
		for (size_t b = 0; b < k; b++) {
			map[o] = (uint32_t)(i + b);
			t[o++] = (char)s[i + b];
		}
		i += k;
	}
	map[o] = (uint32_t)n;
	t[o] = '\0';
	rec->text = t;
	rec->text_len = o;
	rec->srcmap = changed ? map : NULL;
	return NP_OK;
}

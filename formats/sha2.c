/* sha2.c - SHA-256 and SHA-512 after FIPS 180-4 (sections 4.2, 5.3, 6.2, 6.4).
 *
 * On x86-64 processors with the SHA extensions, SHA-256 blocks go through
 * them (about five times faster: an archive hashes every file it holds);
 * elsewhere, and for SHA-512, the portable code below.  Both give the same
 * digests: check_archive tests the FIPS vectors and sha256sum on whichever
 * path the machine takes, and np_sha256__portable forces the other. */
#include "sha2.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define SHA2_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t sha2_k256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint64_t sha2_k512[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha2_block256(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ROR32(w[t - 15], 7) ^ ROR32(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ROR32(w[t - 2], 17) ^ ROR32(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
	uint32_t e = h[4], f = h[5], g = h[6], k = h[7];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = k + (ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25)) +
		              ((e & f) ^ (~e & g)) + sha2_k256[t] + w[t];
		uint32_t t2 = (ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22)) +
		              ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

#ifdef SHA2_X86
/* n blocks with the SHA extensions.  The state lives in two registers as
 * the instructions want it, {A,B,E,F} and {C,D,G,H}; each sha256rnds2
 * does two rounds and leaves the new {A,B,E,F} in its first operand, so
 * the two registers swap roles every call.  The message schedule runs in
 * a ring of four registers of four words: sha256msg1 adds sigma0 of the
 * words 15 back, the words 7 back come from an alignr of the two newest
 * groups, and sha256msg2 adds sigma1 of the words 2 back. */
__attribute__((target("sha,sse4.1,ssse3")))
static void sha2_blocks256_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
	for (; n; n--, p += 64) {
		__m128i abef0 = abef, cdgh0 = cdgh, msg[4];
		for (int g = 0; g < 16; g++) {
			__m128i *w = &msg[g & 3];
			if (g < 4) {
				*w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)),
				                      bswap);
			} else {
				__m128i older = _mm_sha256msg1_epu32(*w, msg[(g + 1) & 3]);
				older = _mm_add_epi32(older, _mm_alignr_epi8(msg[(g + 3) & 3],
				                                             msg[(g + 2) & 3], 4));
				*w = _mm_sha256msg2_epu32(older, msg[(g + 3) & 3]);
			}
			__m128i wk = _mm_add_epi32(*w, _mm_loadu_si128((const __m128i *)
			                                               &sha2_k256[4 * g]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* Whether the processor has the SHA extensions (and the SSSE3 and SSE4.1
 * the code above also uses). */
static int sha2_have_ni(void)
{
	static int have = -1; /* a benign race: every thread computes the same */
	if (have < 0) {
		unsigned a, b, c, d;
		int ok = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1);
		ok = ok && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
		have = ok;
	}
	return have;
}
#endif

int np_sha256__portable = 0;

/* n consecutive 64-byte blocks. */
static void sha2_blocks256(uint32_t h[8], const unsigned char *p, size_t n)
{
#ifdef SHA2_X86
	if (!np_sha256__portable && sha2_have_ni()) {
		sha2_blocks256_ni(h, p, n);
		return;
	}
#endif
	for (; n; n--, p += 64)
		sha2_block256(h, p);
}

static void sha2_block512(uint64_t h[8], const unsigned char *p)
{
	uint64_t w[80];
	for (int t = 0; t < 16; t++) {
		uint64_t v = 0;
		for (int i = 0; i < 8; i++)
			v = v << 8 | p[8 * t + i];
		w[t] = v;
	}
	for (int t = 16; t < 80; t++) {
		uint64_t s0 = ROR64(w[t - 15], 1) ^ ROR64(w[t - 15], 8) ^ (w[t - 15] >> 7);
		uint64_t s1 = ROR64(w[t - 2], 19) ^ ROR64(w[t - 2], 61) ^ (w[t - 2] >> 6);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	uint64_t a = h[0], b = h[1], c = h[2], d = h[3];
	uint64_t e = h[4], f = h[5], g = h[6], k = h[7];
	for (int t = 0; t < 80; t++) {
		uint64_t t1 = k + (ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41)) +
		              ((e & f) ^ (~e & g)) + sha2_k512[t] + w[t];
		uint64_t t2 = (ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39)) +
		              ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

void np_sha256__init(np_sha256 *s)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
		0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, iv, sizeof iv);
	s->len = 0;
	s->fill = 0;
}

void np_sha256__update(np_sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->len += len;
	while (len) {
		if (s->fill == 0 && len >= 64) {
			size_t blocks = len / 64;
			sha2_blocks256(s->h, p, blocks);
			p += 64 * blocks;
			len -= 64 * blocks;
			continue;
		}
		size_t k = 64 - s->fill < len ? 64 - s->fill : len;
		memcpy(s->buf + s->fill, p, k);
		s->fill += k;
		p += k;
		len -= k;
		if (s->fill == 64) {
			sha2_blocks256(s->h, s->buf, 1);
			s->fill = 0;
		}
	}
}

void np_sha256__final(np_sha256 *s, unsigned char out[32])
{
	/* 5.1.1: a 1 bit, zeros, then the length in bits as 64-bit big-endian */
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = { 0x80 };
	size_t n = (s->fill < 56 ? 56 : 120) - s->fill;
	for (int i = 0; i < 8; i++)
		pad[n + i] = (unsigned char)(bits >> (56 - 8 * i));
	np_sha256__update(s, pad, n + 8);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (unsigned char)(s->h[i] >> (24 - 8 * j));
}

void np_sha512__init(np_sha512 *s)
{
	static const uint64_t iv[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
		0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
		0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL };
	memcpy(s->h, iv, sizeof iv);
	s->len = 0;
	s->fill = 0;
}

void np_sha512__update(np_sha512 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->len += len;
	while (len) {
		if (s->fill == 0 && len >= 128) {
			sha2_block512(s->h, p);
			p += 128;
			len -= 128;
			continue;
		}
		size_t k = 128 - s->fill < len ? 128 - s->fill : len;
		memcpy(s->buf + s->fill, p, k);
		s->fill += k;
		p += k;
		len -= k;
		if (s->fill == 128) {
			sha2_block512(s->h, s->buf);
			s->fill = 0;
		}
	}
}

void np_sha512__final(np_sha512 *s, unsigned char out[64])
{
	/* 5.1.2: the length is 128 bits; its high 64 bits are 0 here */
	uint64_t bits = s->len * 8;
	unsigned char pad[144] = { 0x80 };
	size_t n = (s->fill < 112 ? 112 : 240) - s->fill;
	for (int i = 0; i < 8; i++)
		pad[n + 8 + i] = (unsigned char)(bits >> (56 - 8 * i));
	np_sha512__update(s, pad, n + 16);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			out[8 * i + j] = (unsigned char)(s->h[i] >> (56 - 8 * j));
}

void np_sha2__hex(const unsigned char *digest, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * n] = '\0';
}

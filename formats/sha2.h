/* sha2.h - SHA-256 and SHA-512 (FIPS 180-4), for BagIt manifests.
 *
 * Our own small implementation: none of the libraries newsprism already
 * links exposes these digests, and OpenSSL or nettle would be one more
 * dependency for ~150 lines of well-specified code.  Tested against the
 * FIPS 180-4 example vectors and against sha256sum/sha512sum. */
#ifndef NP_SHA2_H
#define NP_SHA2_H

#include <stddef.h>
#include <stdint.h>

typedef struct np_sha256 {
	uint32_t h[8];
	uint64_t len;        /* bytes hashed so far */
	unsigned char buf[64];
	size_t fill;
} np_sha256;

typedef struct np_sha512 {
	uint64_t h[8];
	uint64_t len;        /* bytes (inputs over 2^64 bytes are not a concern) */
	unsigned char buf[128];
	size_t fill;
} np_sha512;

void np_sha256__init(np_sha256 *s);
void np_sha256__update(np_sha256 *s, const void *data, size_t len);
void np_sha256__final(np_sha256 *s, unsigned char out[32]);

void np_sha512__init(np_sha512 *s);
void np_sha512__update(np_sha512 *s, const void *data, size_t len);
void np_sha512__final(np_sha512 *s, unsigned char out[64]);

/* Tests set it to 1 to take the portable SHA-256 code on a processor
 * with the SHA extensions. */
extern int np_sha256__portable;

/* Lower-case hex of `n` bytes into `out` (2n+1 bytes, NUL-terminated). */
void np_sha2__hex(const unsigned char *digest, size_t n, char *out);

#endif

/*
 * digest.h -- feeding fields into a BLAKE2b state in a fixed,
 * unambiguous form, for the digests that tell a retried request from a
 * different one under the same idempotency key.
 */
#ifndef CAFED_DIGEST_H
#define CAFED_DIGEST_H

#include <stdint.h>

#include <sodium.h>

/* v as 8 bytes, least significant first. */
void	digest_int(crypto_generichash_state *, int64_t v);

/* s as its length (digest_int) and then its bytes. */
void	digest_str(crypto_generichash_state *, const char *s);

#endif

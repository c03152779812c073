/*
 * digest.c -- fixed-form fields for request digests.
 */
#include "model/digest.h"

#include <string.h>

void
digest_int(crypto_generichash_state *st, int64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(st, b, sizeof b);
}

void
digest_str(crypto_generichash_state *st, const char *s)
{
	digest_int(st, (int64_t)strlen(s));
	crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
}

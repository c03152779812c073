/*
 * keys.h -- the server key and what is derived from it.
 *
 * 32 random bytes in a file of mode 0600 (created by `cafectl init`),
 * never in the database or the repository. Subkeys are derived for the
 * audit chain, for sealing secrets at rest (TOTP secrets, customer
 * contact data), for blind indexes and for recovery-code hashes.
 */
#ifndef CAFED_KEYS_H
#define CAFED_KEYS_H

#include <stddef.h>

#define KEYS_LEN	32
#define KEYS_ID_LEN	16	/* hex characters of the key id */

struct keys;

/*
 * Create a new key file at path, mode 0600. Returns 0, ERR_EXISTS (the
 * file exists; it is left alone) or ERR_IO.
 */
int		 keys_create(const char *path);

/*
 * Load the key at path. Returns 0 and sets *out (free with keys_free),
 * ERR_NOTFOUND, ERR_KEY_MODE (group or others may read it), ERR_KEY (not
 * a key file) or ERR_IO.
 */
int		 keys_load(const char *path, struct keys **out);

/* A key from raw bytes (tests, and systemd credentials read elsewhere). */
struct keys	*keys_from_bytes(const unsigned char raw[KEYS_LEN]);

/* Wipe and free; NULL is a no-op. */
void		 keys_free(struct keys *);

/* The key id (hex, KEYS_ID_LEN chars): identifies the key, not secret. */
const char	*keys_id(const struct keys *);

/* Derived 32-byte subkeys. */
const unsigned char *keys_audit(const struct keys *);
const unsigned char *keys_recovery(const struct keys *);

/*
 * Seal len bytes: *out (caller frees) gets nonce | MAC | ciphertext,
 * *outlen its length. Never fails except on allocation (fatal).
 */
void		 keys_seal(const struct keys *, const void *in, size_t len,
		    unsigned char **out, size_t *outlen);

/*
 * Open what keys_seal() made. Returns 0 with *out (caller frees, with a
 * NUL byte after the plaintext) and *outlen set, or ERR_KEY when it does
 * not authenticate (wrong key or tampered).
 */
int		 keys_open(const struct keys *, const unsigned char *in,
		    size_t len, unsigned char **out, size_t *outlen);

/*
 * A keyed blind index of value within domain (e.g. "phone"), as 64 hex
 * characters plus NUL, so an encrypted field can be found by equality.
 */
void		 keys_blind(const struct keys *, const char *domain,
		    const char *value, char hex[65]);

#endif

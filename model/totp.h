/*
 * totp.h -- TOTP (RFC 6238) and recovery codes, without storage.
 *
 * Everything here is pure: secrets, codes and hashes go in and out as
 * buffers, and the caller (the auth module) stores the encrypted secret,
 * the last accepted time step and the recovery-code hashes. TOTP uses the
 * parameters every authenticator app honours: HMAC-SHA1, 6 digits, 30 s
 * steps from the Unix epoch, and one step of clock drift either way.
 */
#ifndef CAFED_TOTP_H
#define CAFED_TOTP_H

#include <stddef.h>
#include <stdint.h>

/* TOTP: a 160-bit secret (RFC 4226 advice), 6 digits, 30 s steps. */
#define TOTP_SECRET_LEN		20
#define TOTP_SECRET_B32_SIZE	33	/* its base32, plus NUL */
#define TOTP_STEP		30
#define TOTP_DIGITS		6
#define TOTP_CODE_SIZE		(TOTP_DIGITS + 1)
#define TOTP_WINDOW		1	/* steps of drift either way */
#define TOTP_URI_QR_MAX		78	/* longest URI for a small QR */

/* Recovery codes: "xxxx-xxxx-xxxx", 12 significant characters. */
#define TOTP_RECOVERY_COUNT	10	/* handed out at enrollment */
#define TOTP_RECOVERY_CHARS	12
#define TOTP_RECOVERY_SIZE	15	/* with dashes and NUL */
#define TOTP_RECOVERY_NORM_SIZE	(TOTP_RECOVERY_CHARS + 1)
#define TOTP_RECOVERY_KEY_LEN	32	/* key of totp_recovery_hash */
#define TOTP_RECOVERY_HASH_SIZE	65	/* 64 hex digits and NUL */

/* Fill secret with TOTP_SECRET_LEN random bytes (libsodium). */
void	 totp_secret_new(unsigned char secret[TOTP_SECRET_LEN]);

/*
 * Encode len bytes as RFC 4648 base32, upper case, without '=' padding
 * (32 characters for a 20-byte secret), NUL-terminated into out.
 * Returns 0, or ERR_RANGE if out (outsz bytes) is too small; out is
 * written on success only.
 */
int	 totp_base32_encode(const unsigned char *in, size_t len, char *out,
	    size_t outsz);

/*
 * Decode base32 text as people type it back: lower case is accepted,
 * spaces are ignored, and trailing '=' padding is allowed. Any other
 * character, '=' followed by more data, or a length no encoder produces
 * gives ERR_INVALID; ERR_RANGE if the bytes do not fit in outsz. On
 * success returns 0 and sets *outlen; out is written on success only.
 */
int	 totp_base32_decode(const char *in, unsigned char *out, size_t outsz,
	    size_t *outlen);

/*
 * Write the provisioning URI
 *   otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER
 * into buf (size bytes). Issuer and account are percent-encoded (all but
 * RFC 3986 unreserved characters); the default algorithm, digits and
 * period are left out to keep the QR code small: with a 20-byte secret,
 * a 4-byte issuer and a 5-byte account the URI is 77 bytes, and it should
 * stay within TOTP_URI_QR_MAX. Returns 0; ERR_INVALID if issuer or account
 * is empty or base32 is not upper-case base32; ERR_RANGE if it does not
 * fit (buf then holds an empty string, if size > 0).
 */
int	 totp_uri(char *buf, size_t size, const char *issuer,
	    const char *account, const char *base32);

/*
 * Write the 6-digit code of the step holding Unix time t into code
 * (NUL-terminated). Returns 0; ERR_INVALID if len is 0; ERR_RANGE if t is
 * negative; ERR_INTERNAL if liboath fails. code is written on success only.
 */
int	 totp_code_at(const unsigned char *secret, size_t len, int64_t t,
	    char code[TOTP_CODE_SIZE]);

/*
 * Check a code typed at time now. The code is 6 ASCII digits, optionally
 * split as "123 456" by one space, with surrounding white space ignored;
 * anything else is refused as a wrong code. It is compared (in constant
 * time) with the codes of the steps now/30 - 1, now/30 and now/30 + 1.
 * last_step is the last step the caller accepted for this user (-1 if
 * none): a code matching only steps <= last_step is a replay.
 * Returns 0 and sets *matched_step (if not NULL) to the step to store as
 * the new last_step; ERR_AUTH for a wrong or malformed code; ERR_REPLAY
 * for a replayed one; ERR_INVALID if len is 0; ERR_RANGE if now is
 * negative; ERR_INTERNAL if liboath fails.
 */
int	 totp_verify(const unsigned char *secret, size_t len, int64_t now,
	    const char *code, int64_t last_step, int64_t *matched_step);

/*
 * Write a fresh recovery code such as "k7qf-m2xp-9dhw": 12 characters
 * from the 32-letter Crockford alphabet (no i, l, o, u), 60 random bits,
 * in three dash-separated groups, NUL-terminated.
 */
void	 totp_recovery_new(char code[TOTP_RECOVERY_SIZE]);

/*
 * Reduce what a user typed to the canonical form of a recovery code:
 * spaces and dashes dropped, letters lower-cased, and the look-alikes
 * 'o' read as '0' and 'i', 'l' as '1' (Crockford), giving 12 characters
 * ("K7QF-M2XP-9DHW " becomes "k7qfm2xp9dhw"). Returns 0; ERR_INVALID if
 * the result is not 12 characters of the alphabet; ERR_RANGE if outsz is
 * below TOTP_RECOVERY_NORM_SIZE. out is written on success only.
 */
int	 totp_recovery_normalize(const char *in, char *out, size_t outsz);

/*
 * Hash a normalized recovery code for storage: keyed BLAKE2b-256
 * (crypto_generichash with key) as 64 lower-case hex digits plus NUL.
 * Deterministic for one key; another key gives another hash.
 */
void	 totp_recovery_hash(const unsigned char key[TOTP_RECOVERY_KEY_LEN],
	    const char *normalized, char hex[TOTP_RECOVERY_HASH_SIZE]);

/*
 * 1 if input, typed at the TOTP prompt, is a recovery code (it
 * normalizes, see totp_recovery_normalize), 0 otherwise (a TOTP code or
 * garbage, both to be checked with totp_verify).
 */
int	 totp_is_recovery_shaped(const char *input);

#endif

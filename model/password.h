/*
 * password.h -- the password policy and Argon2id password hashing.
 *
 * Passwords are stored as libsodium Argon2id strings
 * ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash") with fixed parameters:
 * each hash or verification takes about 0.1 s and 64 MiB, on purpose.
 * There is no way to lower them, not even for tests.
 *
 * The common-password list is embedded in the binary and loaded on first
 * use; the first call is not thread-safe (cafed runs one login per
 * process).
 */
#ifndef CAFED_PASSWORD_H
#define CAFED_PASSWORD_H

#define PASSWORD_MIN_CHARS	12		/* UTF-8 code points */
#define PASSWORD_MAX_BYTES	1024
#define PASSWORD_OPSLIMIT	3ULL		/* Argon2id t */
#define PASSWORD_MEMLIMIT	67108864UL	/* Argon2id m: 64 MiB */

/*
 * Check password against the policy: at least PASSWORD_MIN_CHARS code
 * points, at most PASSWORD_MAX_BYTES bytes, not one character repeated,
 * not containing username (ASCII case-insensitive; skipped when username
 * is NULL or empty), not on the common-password list (case-insensitive
 * exact match). Returns 0 when it passes, ERR_PASSWORD_POLICY when it does
 * not (then *why, if why is not NULL, points to a static English phrase
 * completing "The password ...", e.g. "must not contain the user name"),
 * ERR_INVALID when password is NULL. *why is not touched on success.
 */
int	password_policy_check(const char *username, const char *password,
	    const char **why);

/*
 * Hash password with Argon2id at PASSWORD_OPSLIMIT and PASSWORD_MEMLIMIT
 * and a random salt. On success *out is the NUL-terminated hash string;
 * the caller frees it. Returns 0, ERR_INVALID (password NULL or longer
 * than PASSWORD_MAX_BYTES), ERR_NOMEM (Argon2 could not get its memory)
 * or ERR_INTERNAL (libsodium failed).
 */
int	password_hash(const char *password, char **out);

/*
 * Check password against hash (a string from password_hash) in constant
 * time. Returns 0 on a match, ERR_AUTH otherwise, including for a NULL
 * or malformed hash.
 */
int	password_verify(const char *hash, const char *password);

/*
 * 1 when hash should be replaced by a fresh password_hash() after the
 * next successful login: it is not Argon2id, its parameters differ from
 * PASSWORD_OPSLIMIT and PASSWORD_MEMLIMIT, or it does not parse. Else 0.
 */
int	password_needs_rehash(const char *hash);

/*
 * Spend the time and memory of one password_verify() against a dummy
 * hash with the current parameters, and discard the result: call it for
 * unknown users, so that a login attempt costs the same whether or not
 * the name exists. A NULL password counts as "".
 */
void	password_dummy_verify(const char *password);

/*
 * Free the loaded common-password list; the next check loads it again.
 * Optional (the list stays reachable until exit otherwise).
 */
void	password_cleanup(void);

#endif

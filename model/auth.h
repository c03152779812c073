/*
 * auth.h -- the login factors: password check without user enumeration,
 * TOTP with replay refusal, single-use recovery codes, enrollment.
 *
 * TOTP secrets are sealed with the server key; recovery codes are stored
 * as keyed hashes. A failed check never says which factor or whether the
 * user exists: every failure is ERR_AUTH (ERR_REPLAY only tells the
 * caller, for its log; users see the same answer).
 */
#ifndef CAFED_AUTH_H
#define CAFED_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "model/totp.h"

struct db;
struct mctx;
struct user_info;

/* Why a check failed, for the log and the audit (never shown). */
enum auth_why {
	AUTH_OK,
	AUTH_NO_USER,
	AUTH_BAD_PASSWORD,
	AUTH_DISABLED,
	AUTH_BAD_CODE,
	AUTH_REPLAY,
	AUTH_NO_TOTP
};

const char	*auth_why_str(enum auth_why);

/*
 * Check name and password. Unknown users cost the same time (a dummy
 * Argon2id verification). Returns 0 with *u set, or ERR_AUTH with *why
 * set. Disabled users fail. Re-hashes the password when the parameters
 * were raised (needs ctx->keys for the audit row).
 */
int	auth_password(struct mctx *, const char *name, const char *password,
	    struct user_info *u, enum auth_why *why);

/*
 * Check the second factor for user id: a 6-digit TOTP code (each step
 * once, +-1 step of drift) or an unused recovery code (used up now).
 * On success *recovery tells which; the step or code use is recorded
 * in the same transaction as the "auth.ok" audit row. Returns 0,
 * ERR_AUTH (with *why) or a database error.
 */
int	auth_second_factor(struct mctx *, int64_t user_id, const char *code,
	    int *recovery, enum auth_why *why);

/*
 * Store secret as user id's TOTP secret (sealed), with last accepted
 * step `step` (0 if none), and make TOTP_RECOVERY_COUNT fresh recovery
 * codes into codes (may be NULL: none made). The actor must be the user
 * (enrollment) or hold user.manage over them. Audited.
 */
int	auth_totp_enroll(struct mctx *, int64_t user_id,
	    const unsigned char *secret, size_t len, int64_t step,
	    char codes[][TOTP_RECOVERY_SIZE]);

/* Forget a user's TOTP secret and recovery codes (user.manage). */
int	auth_totp_reset(struct mctx *, const char *name);

/* Replace a user's recovery codes with fresh ones (user.manage). */
int	auth_recovery_renew(struct mctx *, const char *name,
	    char codes[][TOTP_RECOVERY_SIZE]);

/* Record a failed login attempt in the audit trail (own transaction). */
int	auth_audit_failure(struct mctx *, const char *name, enum auth_why);

#endif

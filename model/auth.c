/*
 * auth.c -- password and second-factor checks, TOTP enrollment and
 * recovery codes.
 */
#include "model/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/keys.h"
#include "model/password.h"
#include "model/perm.h"
#include "model/user.h"

const char *
auth_why_str(enum auth_why why)
{
	switch (why) {
	case AUTH_OK:
		return "ok";
	case AUTH_NO_USER:
		return "unknown user";
	case AUTH_BAD_PASSWORD:
		return "wrong password";
	case AUTH_DISABLED:
		return "account disabled";
	case AUTH_BAD_CODE:
		return "wrong code";
	case AUTH_REPLAY:
		return "code replayed";
	case AUTH_NO_TOTP:
		return "no TOTP enrolled";
	}
	return "unknown";
}

static int
auth_hash_of(struct db *db, int64_t id, char **hash)
{
	return db_row_text(db, hash, "SELECT pw_hash FROM users WHERE id = ?",
	    "i", id);
}

int
auth_password(struct mctx *ctx, const char *name, const char *password,
    struct user_info *u, enum auth_why *why)
{
	char *hash = NULL;
	int r;

	if (user_find(ctx->db, name, u) != 0 ||
	    auth_hash_of(ctx->db, u->id, &hash) != 0) {
		password_dummy_verify(password);
		*why = AUTH_NO_USER;
		return ERR_AUTH;
	}
	r = password_verify(hash, password);
	if (r == 0 && password_needs_rehash(hash))
		user_rehash_password(ctx, u->id, password);
	freezero_str(hash);
	if (r != 0) {
		*why = AUTH_BAD_PASSWORD;
		return ERR_AUTH;
	}
	if (u->disabled) {
		*why = AUTH_DISABLED;
		return ERR_AUTH;
	}
	*why = AUTH_OK;
	return 0;
}

/* Load and open user id's TOTP secret. ERR_NOTFOUND when none. */
static int
auth_secret(struct mctx *ctx, int64_t id, unsigned char **secret,
    size_t *len, int64_t *last_step)
{
	struct db_stmt *st;
	const void *blob;
	size_t blen;
	int r;

	if ((r = db_stmt(ctx->db, "SELECT totp_secret, totp_last_step FROM "
	    "users WHERE id = ? AND totp_secret IS NOT NULL", &st)) != 0)
		return r;
	db_bind_int(st, 1, id);
	if ((r = db_step(st)) == DB_ROW) {
		blob = db_col_blob(st, 0, &blen);
		*last_step = db_col_int(st, 1);
		r = keys_open(ctx->keys, blob, blen, secret, len);
	} else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	return r;
}

struct factor_arg {
	struct mctx	*ctx;
	int64_t		 id;
	const char	*code;
	int		 recovery;
	enum auth_why	 why;
};

/* Use up a recovery code; ERR_AUTH when none matches. */
static int
auth_use_recovery(struct mctx *ctx, int64_t id, const char *code)
{
	char norm[TOTP_RECOVERY_NORM_SIZE], hex[TOTP_RECOVERY_HASH_SIZE];
	int r;

	if (totp_recovery_normalize(code, norm, sizeof norm) != 0)
		return ERR_AUTH;
	totp_recovery_hash(keys_recovery(ctx->keys), norm, hex);
	if ((r = db_row_none(ctx->db, "UPDATE recovery_codes SET used_at = ? "
	    "WHERE id = (SELECT id FROM recovery_codes WHERE user_id = ? AND "
	    "code_hash = ? AND used_at IS NULL LIMIT 1)", "iit", clock_now(),
	    id, hex)) < 0)
		return r;
	return r == 1 ? 0 : ERR_AUTH;
}

static int
auth_use_totp(struct mctx *ctx, int64_t id, const char *code,
    enum auth_why *why)
{
	unsigned char *secret = NULL;
	int64_t last, step;
	size_t len;
	int r;

	if ((r = auth_secret(ctx, id, &secret, &len, &last)) != 0) {
		*why = AUTH_NO_TOTP;
		return r == ERR_NOTFOUND ? ERR_AUTH : r;
	}
	r = totp_verify(secret, len, clock_now(), code, last, &step);
	sodium_memzero(secret, len);
	free(secret);
	if (r != 0) {
		*why = r == ERR_REPLAY ? AUTH_REPLAY : AUTH_BAD_CODE;
		return ERR_AUTH;
	}
	r = db_row_none(ctx->db, "UPDATE users SET totp_last_step = ? "
	    "WHERE id = ?", "ii", step, id);
	return r < 0 ? r : 0;
}

static int
factor_tx(struct db *db, void *argp)
{
	struct factor_arg *a = argp;
	char idbuf[24];
	int r;

	(void)db;
	a->recovery = totp_is_recovery_shaped(a->code);
	if (a->recovery) {
		r = auth_use_recovery(a->ctx, a->id, a->code);
		a->why = r == ERR_AUTH ? AUTH_BAD_CODE : AUTH_OK;
	} else
		r = auth_use_totp(a->ctx, a->id, a->code, &a->why);
	if (r != 0)
		return r;
	a->why = AUTH_OK;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "auth.ok", "user", idbuf, "method=%s",
	    a->recovery ? "recovery-code" : "totp");
}

int
auth_second_factor(struct mctx *ctx, int64_t user_id, const char *code,
    int *recovery, enum auth_why *why)
{
	struct factor_arg a = { ctx, user_id, code, 0, AUTH_BAD_CODE };
	int r;

	r = db_write(ctx->db, factor_tx, &a);
	*recovery = a.recovery;
	*why = a.why;
	return r;
}

struct enroll_arg {
	struct mctx		*ctx;
	int64_t			 id;
	const unsigned char	*secret;
	size_t			 len;
	int64_t			 step;
	char			(*codes)[TOTP_RECOVERY_SIZE];
	const char		*action;
};

/* Replace user id's recovery codes with fresh ones, into codes. */
static int
auth_recovery_make(struct mctx *ctx, int64_t id,
    char codes[][TOTP_RECOVERY_SIZE])
{
	char norm[TOTP_RECOVERY_NORM_SIZE], hex[TOTP_RECOVERY_HASH_SIZE];
	int i, r;

	if ((r = db_row_none(ctx->db, "DELETE FROM recovery_codes WHERE "
	    "user_id = ?", "i", id)) < 0)
		return r;
	if (codes == NULL)
		return 0;
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++) {
		totp_recovery_new(codes[i]);
		totp_recovery_normalize(codes[i], norm, sizeof norm);
		totp_recovery_hash(keys_recovery(ctx->keys), norm, hex);
		if ((r = db_row_none(ctx->db, "INSERT INTO recovery_codes "
		    "(user_id, code_hash) VALUES (?, ?)", "it", id, hex)) < 0)
			return r;
	}
	return 0;
}

static int
enroll_tx(struct db *db, void *argp)
{
	struct enroll_arg *a = argp;
	unsigned char *sealed = NULL;
	char idbuf[24];
	size_t slen = 0;
	int r;

	if (a->secret != NULL)
		keys_seal(a->ctx->keys, a->secret, a->len, &sealed, &slen);
	if ((r = db_row_none(db, "UPDATE users SET totp_secret = ?, "
	    "totp_key_id = ?, totp_last_step = ?, totp_enrolled_at = ? "
	    "WHERE id = ?", "btioi", sealed, slen,
	    sealed != NULL ? keys_id(a->ctx->keys) : NULL, a->step,
	    sealed != NULL ? clock_now() : 0, a->id)) < 0)
		goto out;
	if ((r = auth_recovery_make(a->ctx, a->id, a->codes)) != 0)
		goto out;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	r = audit_append(a->ctx, a->action, "user", idbuf, "");
out:
	free(sealed);
	return r;
}

/* May the actor change the second factor of user u? */
static int
auth_may_manage(struct mctx *ctx, const struct user_info *u,
    const char *action)
{
	if (ctx->actor.user_id != 0 && ctx->actor.user_id == u->id)
		return 0;
	if (!perm_has(ctx, PERM_USER_MANAGE) ||
	    !perm_can_manage(ctx->actor.role, u->role))
		return perm_deny(ctx, action, "user", u->name,
		    "may not manage that account");
	return 0;
}

int
auth_totp_enroll(struct mctx *ctx, int64_t user_id,
    const unsigned char *secret, size_t len, int64_t step,
    char codes[][TOTP_RECOVERY_SIZE])
{
	struct enroll_arg a;
	struct user_info u;
	int r;

	if (secret == NULL || len == 0)
		return ERR_INVALID;
	if ((r = user_get(ctx->db, user_id, &u)) != 0)
		return r;
	if ((r = auth_may_manage(ctx, &u, "user.totp-enroll")) != 0)
		return r;
	a.ctx = ctx;
	a.id = user_id;
	a.secret = secret;
	a.len = len;
	a.step = step;
	a.codes = codes;
	a.action = "user.totp-enroll";
	return db_write(ctx->db, enroll_tx, &a);
}

int
auth_totp_reset(struct mctx *ctx, const char *name)
{
	struct enroll_arg a;
	struct user_info u;
	int r;

	if ((r = user_find(ctx->db, name, &u)) != 0)
		return r;
	if (ctx->actor.user_id == u.id ||
	    (r = auth_may_manage(ctx, &u, "user.totp-reset")) != 0)
		return r != 0 ? r : perm_deny(ctx, "user.totp-reset", "user",
		    u.name, "own second factor");
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.id = u.id;
	a.action = "user.totp-reset";
	return db_write(ctx->db, enroll_tx, &a);
}

struct renew_arg {
	struct mctx	*ctx;
	int64_t		 id;
	char		(*codes)[TOTP_RECOVERY_SIZE];
};

static int
renew_tx(struct db *db, void *argp)
{
	struct renew_arg *a = argp;
	char idbuf[24];
	int r;

	(void)db;
	if ((r = auth_recovery_make(a->ctx, a->id, a->codes)) != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_append(a->ctx, "user.recovery-renew", "user", idbuf, "");
}

int
auth_recovery_renew(struct mctx *ctx, const char *name,
    char codes[][TOTP_RECOVERY_SIZE])
{
	struct renew_arg a;
	struct user_info u;
	int r;

	if ((r = user_find(ctx->db, name, &u)) != 0)
		return r;
	if ((r = auth_may_manage(ctx, &u, "user.recovery-renew")) != 0)
		return r;
	if (!u.totp_enrolled)
		return ERR_STATE;
	a.ctx = ctx;
	a.id = u.id;
	a.codes = codes;
	return db_write(ctx->db, renew_tx, &a);
}

struct fail_arg {
	struct mctx	*ctx;
	const char	*name;
	enum auth_why	 why;
};

static int
fail_tx(struct db *db, void *argp)
{
	struct fail_arg *a = argp;
	char clean[64];

	(void)db;
	str_sanitize(clean, sizeof clean, a->name);
	return audit_appendf(a->ctx, "auth.fail", "user", clean, "reason=%s",
	    auth_why_str(a->why));
}

int
auth_audit_failure(struct mctx *ctx, const char *name, enum auth_why why)
{
	struct fail_arg a = { ctx, name, why };

	return db_write(ctx->db, fail_tx, &a);
}

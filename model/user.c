/*
 * user.c -- staff accounts and the rules for changing them.
 */
#include "model/user.h"

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
#include "model/auth.h"
#include "model/ctx.h"
#include "model/password.h"
#include "model/perm.h"

#define USER_COLS \
	"u.id, u.name, u.role, u.disabled, u.totp_secret IS NOT NULL, " \
	"u.created_at, (SELECT count(*) FROM recovery_codes r " \
	"WHERE r.user_id = u.id AND r.used_at IS NULL), " \
	"(SELECT count(*) FROM user_keys k WHERE k.user_id = u.id)"

int
user_name_normalize(const char *in, char out[USER_NAME_MAX + 1],
    const char **why)
{
	const char *dummy;
	size_t i, len = strlen(in);
	char c;

	if (why == NULL)
		why = &dummy;
	if (len == 0 || len > USER_NAME_MAX) {
		*why = "a user name has 1 to 32 characters";
		return ERR_INVALID;
	}
	for (i = 0; i < len; i++) {
		c = in[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')) {
			*why = "a user name uses only a-z, 0-9, '.', '_', '-'";
			return ERR_INVALID;
		}
		out[i] = c;
	}
	out[len] = '\0';
	return 0;
}

static void
user_row(struct db_stmt *st, void *out)
{
	struct user_info *u = out;

	memset(u, 0, sizeof *u);
	u->id = db_col_int(st, 0);
	str_lcpy(u->name, db_col_text(st, 1), sizeof u->name);
	if (perm_role_parse(db_col_text(st, 2), &u->role) != 0)
		u->role = -1;
	u->disabled = (int)db_col_int(st, 3);
	u->totp_enrolled = (int)db_col_int(st, 4);
	u->created_at = db_col_int(st, 5);
	u->recovery_left = (int)db_col_int(st, 6);
	u->nkeys = (int)db_col_int(st, 7);
}

int
user_find(struct db *db, const char *name, struct user_info *u)
{
	char norm[USER_NAME_MAX + 1];

	if (user_name_normalize(name, norm, NULL) != 0)
		return ERR_NOTFOUND;
	return db_row_one(db, user_row, u, "SELECT " USER_COLS
	    " FROM users u WHERE u.name = ?", "t", norm);
}

int
user_get(struct db *db, int64_t id, struct user_info *u)
{
	return db_row_one(db, user_row, u, "SELECT " USER_COLS
	    " FROM users u WHERE u.id = ?", "i", id);
}

int
user_list(struct db *db, struct user_info **out, size_t *n)
{
	return db_row_list(db, sizeof **out, user_row, out, n,
	    "SELECT " USER_COLS " FROM users u ORDER BY u.name", NULL);
}

/* Enabled admins other than user id `except`. */
static int
user_other_admins(struct db *db, int64_t except, int64_t *count)
{
	return db_row_int(db, count, "SELECT count(*) FROM users WHERE "
	    "role = 'admin' AND disabled = 0 AND id != ?", "i", except);
}

/* ERR_LAST_ADMIN when u is the last enabled admin, else 0 or a code. */
static int
user_last_admin(struct db *db, const struct user_info *u)
{
	int64_t admins;
	int r;

	if (u->role != ROLE_ADMIN || u->disabled)
		return 0;
	if ((r = user_other_admins(db, u->id, &admins)) != 0)
		return r;
	return admins == 0 ? ERR_LAST_ADMIN : 0;
}

struct add_arg {
	struct mctx		*ctx;
	const char		*name;
	const struct user_new	*nu;
	const char		*hash;
	int64_t			 id;
};

static int
user_add_tx(struct db *db, void *argp)
{
	struct add_arg *a = argp;
	char idbuf[24];
	int r;

	if ((r = db_row_id(db, &a->id, "INSERT INTO users (name, role, "
	    "pw_hash, created_at) VALUES (?, ?, ?, ?)", "ttti", a->name,
	    perm_role_name(a->nu->role), a->hash, clock_now())) != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	if ((r = audit_appendf(a->ctx, "user.add", "user", idbuf,
	    "name=%s role=%s totp=%s", a->name, perm_role_name(a->nu->role),
	    a->nu->totp_secret != NULL ? "provisioned" : "at-first-login")) != 0)
		return r;
	if (a->nu->totp_secret == NULL)
		return 0;
	return auth_totp_enroll(a->ctx, a->id, a->nu->totp_secret,
	    a->nu->totp_len, 0, NULL);
}

int
user_add(struct mctx *ctx, const struct user_new *nu, int64_t *id,
    const char **why)
{
	const char *name = nu->name, *password = nu->password;
	int role = nu->role;
	char norm[USER_NAME_MAX + 1];
	struct user_info existing;
	struct add_arg a;
	const char *dummy;
	char *hash = NULL;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_USER_MANAGE, "user.add", "user",
	    name)) != 0)
		return r;
	if (perm_role_name(role) == NULL)
		return ERR_INVALID;
	if (!perm_can_manage(ctx->actor.role, role))
		return perm_deny(ctx, "user.add", "user", name,
		    "may not grant that role");
	if ((r = user_name_normalize(name, norm, why)) != 0)
		return r;
	if (user_find(ctx->db, norm, &existing) == 0)
		return ERR_EXISTS;
	if ((r = password_policy_check(norm, password, why)) != 0)
		return r;
	if ((r = password_hash(password, &hash)) != 0)
		return r;
	a.ctx = ctx;
	a.name = norm;
	a.nu = nu;
	a.hash = hash;
	a.id = 0;
	r = db_write(ctx->db, user_add_tx, &a);
	freezero_str(hash);
	if (r == 0 && id != NULL)
		*id = a.id;
	return r;
}

/*
 * Load the target and check that the actor may manage it: user.manage,
 * and the granting rules over its current role.
 */
static int
user_target(struct mctx *ctx, const char *action, const char *name,
    struct user_info *u)
{
	int r;

	if ((r = perm_require(ctx, PERM_USER_MANAGE, action, "user",
	    name)) != 0)
		return r;
	if ((r = user_find(ctx->db, name, u)) != 0)
		return r;
	if (!perm_can_manage(ctx->actor.role, u->role))
		return perm_deny(ctx, action, "user", u->name,
		    "may not manage that account");
	return 0;
}

struct change_arg {
	struct mctx		*ctx;
	const struct user_info	*u;
	int			 value;
	const char		*hash;
};

/* Run fn over account u in one write transaction. */
static int
user_change(struct mctx *ctx, const struct user_info *u, int value,
    const char *hash, db_tx_fn fn)
{
	struct change_arg a = { ctx, u, value, hash };

	return db_write(ctx->db, fn, &a);
}

static int
user_disable_tx(struct db *db, void *argp)
{
	struct change_arg *a = argp;
	char idbuf[24];
	int r;

	if (a->value && (r = user_last_admin(db, a->u)) != 0)
		return r;
	if ((r = db_row_none(db, "UPDATE users SET disabled = ? WHERE id = ?",
	    "ii", (int64_t)a->value, a->u->id)) < 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->u->id);
	return audit_appendf(a->ctx, a->value ? "user.disable" :
	    "user.enable", "user", idbuf, "name=%s", a->u->name);
}

int
user_set_disabled(struct mctx *ctx, const char *name, int disabled)
{
	struct user_info u;
	int r;

	if ((r = user_target(ctx, disabled ? "user.disable" : "user.enable",
	    name, &u)) != 0)
		return r;
	if (u.disabled == (disabled != 0))
		return 0;
	return user_change(ctx, &u, disabled != 0, NULL, user_disable_tx);
}

static int
user_role_tx(struct db *db, void *argp)
{
	struct change_arg *a = argp;
	char idbuf[24];
	int r;

	if (a->value != ROLE_ADMIN && (r = user_last_admin(db, a->u)) != 0)
		return r;
	if ((r = db_row_none(db, "UPDATE users SET role = ? WHERE id = ?",
	    "ti", perm_role_name(a->value), a->u->id)) < 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->u->id);
	return audit_appendf(a->ctx, "user.role", "user", idbuf,
	    "name=%s old=%s new=%s", a->u->name, perm_role_name(a->u->role),
	    perm_role_name(a->value));
}

int
user_set_role(struct mctx *ctx, const char *name, int role)
{
	struct user_info u;
	int r;

	if (perm_role_name(role) == NULL)
		return ERR_INVALID;
	if ((r = user_target(ctx, "user.role", name, &u)) != 0)
		return r;
	if (ctx->actor.user_id != 0 && u.id == ctx->actor.user_id) {
		perm_deny(ctx, "user.role", "user", u.name, "own role");
		return ERR_SELF;
	}
	if (!perm_can_manage(ctx->actor.role, role))
		return perm_deny(ctx, "user.role", "user", u.name,
		    "may not grant that role");
	if (u.role == role)
		return 0;
	return user_change(ctx, &u, role, NULL, user_role_tx);
}

static int
user_passwd_tx(struct db *db, void *argp)
{
	struct change_arg *a = argp;
	char idbuf[24];
	int r;

	if ((r = db_row_none(db, "UPDATE users SET pw_hash = ? WHERE id = ?",
	    "ti", a->hash, a->u->id)) < 0)
		return r;
	if (a->ctx == NULL)
		return 0;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->u->id);
	return audit_appendf(a->ctx, a->value ? "user.rehash" :
	    "user.passwd", "user", idbuf, "name=%s", a->u->name);
}

int
user_set_password(struct mctx *ctx, const char *name, const char *password,
    const char **why)
{
	struct user_info u;
	const char *dummy;
	char *hash = NULL;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = user_find(ctx->db, name, &u)) != 0)
		return r;
	if (ctx->actor.user_id == 0 || u.id != ctx->actor.user_id) {
		if ((r = user_target(ctx, "user.passwd", name, &u)) != 0)
			return r;
	}
	if ((r = password_policy_check(u.name, password, why)) != 0)
		return r;
	if ((r = password_hash(password, &hash)) != 0)
		return r;
	r = user_change(ctx, &u, 0, hash, user_passwd_tx);
	freezero_str(hash);
	return r;
}

int
user_rehash_password(struct mctx *ctx, int64_t id, const char *password)
{
	struct user_info u;
	char *hash = NULL;
	int r;

	if ((r = user_get(ctx->db, id, &u)) != 0)
		return r;
	if ((r = password_hash(password, &hash)) != 0)
		return r;
	r = user_change(ctx, &u, 1, hash, user_passwd_tx);
	freezero_str(hash);
	return r;
}

/*
 * login.c -- live logins: starting, touching, checking, ending, killing.
 */
#include "model/login.h"

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
#include "model/perm.h"
#include "model/user.h"

#define LOGIN_COLS \
	"l.id, l.user_id, u.name, l.source, l.method, l.pid, l.started_at, " \
	"l.last_active, l.ended_at, l.end_reason"

static void
login_row(struct db_stmt *st, void *out)
{
	struct login_info *li = out;

	memset(li, 0, sizeof *li);
	li->id = db_col_int(st, 0);
	li->user_id = db_col_int(st, 1);
	str_lcpy(li->user, db_col_text(st, 2), sizeof li->user);
	str_lcpy(li->source, db_col_text(st, 3), sizeof li->source);
	str_lcpy(li->method, db_col_text(st, 4), sizeof li->method);
	li->pid = db_col_int(st, 5);
	li->started_at = db_col_int(st, 6);
	li->last_active = db_col_int(st, 7);
	li->ended_at = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
	str_lcpy(li->end_reason, db_col_text(st, 9), sizeof li->end_reason);
}

int
login_get(struct db *db, int64_t id, struct login_info *li)
{
	return db_row_one(db, login_row, li, "SELECT " LOGIN_COLS " FROM "
	    "logins l JOIN users u ON u.id = l.user_id WHERE l.id = ?", "i",
	    id);
}

int
login_list(struct db *db, struct login_info **out, size_t *n)
{
	return db_row_list(db, sizeof **out, login_row, out, n, "SELECT "
	    LOGIN_COLS " FROM logins l JOIN users u ON u.id = l.user_id "
	    "WHERE l.ended_at IS NULL ORDER BY l.id", NULL);
}

struct start_arg {
	struct mctx	*ctx;
	const char	*method;
	int64_t		 pid;
	int64_t		 id;
};

static int
start_tx(struct db *db, void *argp)
{
	struct start_arg *a = argp;
	struct user_info u;
	const char *src;
	char idbuf[24];
	int64_t now = clock_now();
	int r;

	if ((r = user_get(db, a->ctx->actor.user_id, &u)) != 0)
		return r;
	if (u.disabled)
		return ERR_DISABLED;
	src = a->ctx->actor.source[0] != '\0' ? a->ctx->actor.source :
	    "local";
	if ((r = db_row_id(db, &a->id, "INSERT INTO logins (user_id, "
	    "source, method, pid, started_at, last_active) VALUES (?, ?, ?, "
	    "?, ?, ?)", "ittiii", u.id, src, a->method, a->pid, now, now)) != 0)
		return r;
	a->ctx->actor.login_id = a->id;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "login.start", "login", idbuf,
	    "user=%s method=%s", u.name, a->method);
}

int
login_start(struct mctx *ctx, const char *method, int64_t pid, int64_t *id)
{
	struct start_arg a = { ctx, method, pid, 0 };
	int64_t saved = ctx->actor.login_id;
	int r;

	if ((r = db_write(ctx->db, start_tx, &a)) != 0) {
		ctx->actor.login_id = saved;
		return r;
	}
	*id = a.id;
	return 0;
}

/* Mark login id ended; *ended tells whether it was live. */
static int
login_mark_ended(struct db *db, int64_t id, const char *reason, int *ended)
{
	int r;

	if ((r = db_row_none(db, "UPDATE logins SET ended_at = ?, "
	    "end_reason = ? WHERE id = ? AND ended_at IS NULL", "iti",
	    clock_now(), reason, id)) < 0)
		return r;
	*ended = r == 1;
	return 0;
}

struct end_arg {
	struct mctx		*ctx;
	int64_t			 id;
	const char		*reason;
	const char		*action;
	int			 must_be_live;
};

static int
end_tx(struct db *db, void *argp)
{
	struct end_arg *a = argp;
	struct login_info li;
	char idbuf[24];
	int ended, r;

	if ((r = login_get(db, a->id, &li)) != 0)
		return r;
	if ((r = login_mark_ended(db, a->id, a->reason, &ended)) != 0)
		return r;
	if (!ended)
		return a->must_be_live ? ERR_STATE : 0;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, a->action, "login", idbuf,
	    "user=%s source=%s reason=%s", li.user, li.source, a->reason);
}

int
login_end(struct mctx *ctx, int64_t id, const char *reason)
{
	struct end_arg a = { ctx, id, reason, "login.end", 0 };

	return db_write(ctx->db, end_tx, &a);
}

int
login_kill(struct mctx *ctx, int64_t id)
{
	struct end_arg a = { ctx, id, "killed", "login.kill", 1 };
	struct login_info li;
	struct user_info u;
	char idbuf[24];
	int r;

	if ((r = login_get(ctx->db, id, &li)) != 0)
		return r;
	if ((r = user_get(ctx->db, li.user_id, &u)) != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_USER_MANAGE, "login.kill", "login",
	    idbuf)) != 0)
		return r;
	if (!perm_can_manage(ctx->actor.role, u.role) &&
	    ctx->actor.user_id != u.id)
		return perm_deny(ctx, "login.kill", "login", idbuf,
		    "may not manage that account");
	if (li.ended_at != 0)
		return ERR_STATE;
	return db_write(ctx->db, end_tx, &a);
}

int
login_check(struct mctx *ctx, int64_t id)
{
	int64_t live;
	int r;

	if ((r = db_row_int(ctx->db, &live, "SELECT l.ended_at IS NULL AND "
	    "u.disabled = 0 FROM logins l JOIN users u ON u.id = l.user_id "
	    "WHERE l.id = ?", "i", id)) != 0)
		return r;
	return live ? 0 : ERR_STATE;
}

struct touch_arg {
	int64_t	id, now;
};

static int
touch_tx(struct db *db, void *argp)
{
	struct touch_arg *a = argp;
	int r;

	r = db_row_none(db, "UPDATE logins SET last_active = ? WHERE id = ? "
	    "AND ended_at IS NULL", "ii", a->now, a->id);
	return r < 0 ? r : 0;
}

int
login_touch(struct mctx *ctx, int64_t id)
{
	struct touch_arg a;
	struct login_info li;
	int r;

	if ((r = login_get(ctx->db, id, &li)) != 0)
		return r;
	if (li.ended_at != 0)
		return ERR_STATE;
	a.id = id;
	a.now = clock_now();
	if (a.now - li.last_active < LOGIN_TOUCH_EVERY)
		return 0;
	return db_write(ctx->db, touch_tx, &a);
}

struct disabled_arg {
	struct mctx	*ctx;
	int		 n;
};

static int
disabled_tx(struct db *db, void *argp)
{
	struct disabled_arg *a = argp;
	struct end_arg e = { a->ctx, 0, "disabled", "login.end", 0 };
	struct db_stmt *st;
	int64_t ids[64];
	int i, n = 0, r;

	if ((r = db_stmt(db, "SELECT l.id FROM logins l JOIN users u ON "
	    "u.id = l.user_id WHERE l.ended_at IS NULL AND u.disabled = 1 "
	    "LIMIT 64", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW && n < 64)
		ids[n++] = db_col_int(st, 0);
	db_done(st);
	if (r != DB_DONE && r != DB_ROW)
		return r;
	for (i = 0; i < n; i++) {
		e.id = ids[i];
		if ((r = end_tx(db, &e)) != 0)
			return r;
	}
	a->n = n;
	return 0;
}

int
login_end_disabled(struct mctx *ctx, int *n)
{
	struct disabled_arg a = { ctx, 0 };
	int r;

	r = db_write(ctx->db, disabled_tx, &a);
	if (r == 0 && n != NULL)
		*n = a.n;
	return r;
}

/* May the actor change the keys of user u? Audits a refusal. */
static int
login_key_may(struct mctx *ctx, const struct user_info *u,
    const char *action)
{
	int r;

	if ((r = perm_require(ctx, PERM_USER_MANAGE, action, "user",
	    u->name)) != 0)
		return r;
	if (!perm_can_manage(ctx->actor.role, u->role))
		return perm_deny(ctx, action, "user", u->name,
		    "may not manage that account");
	return 0;
}

struct key_arg {
	struct mctx		*ctx;
	const struct user_info	*u;
	const char		*keytype, *b64, *fp, *comment;
	int64_t			 id;
};

static int
key_add_tx(struct db *db, void *argp)
{
	struct key_arg *a = argp;
	char idbuf[24];
	int r;

	if ((r = db_row_id(db, &a->id, "INSERT INTO user_keys (user_id, "
	    "keytype, pubkey, fingerprint, comment, created_at) VALUES (?, ?, "
	    "?, ?, ?, ?)", "itttti", a->u->id, a->keytype, a->b64, a->fp,
	    a->comment, clock_now())) != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->u->id);
	return audit_appendf(a->ctx, "user.key-add", "user", idbuf,
	    "type=%s fingerprint=%s", a->keytype, a->fp);
}

int
login_key_add(struct mctx *ctx, const char *name, const char *keytype,
    const char *b64, const char *fingerprint, const char *comment,
    int64_t *id)
{
	struct key_arg a;
	struct user_info u;
	int r;

	if (*keytype == '\0' || *b64 == '\0' || *fingerprint == '\0' ||
	    str_has_control(keytype) || str_has_control(b64) ||
	    str_has_control(fingerprint) || str_has_control(comment) ||
	    strlen(comment) >= sizeof ((struct login_key *)0)->comment)
		return ERR_INVALID;
	if ((r = user_find(ctx->db, name, &u)) != 0)
		return r;
	if ((r = login_key_may(ctx, &u, "user.key-add")) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.u = &u;
	a.keytype = keytype;
	a.b64 = b64;
	a.fp = fingerprint;
	a.comment = comment;
	if ((r = db_write(ctx->db, key_add_tx, &a)) != 0)
		return r;
	if (id != NULL)
		*id = a.id;
	return 0;
}

static void
key_row(struct db_stmt *st, void *out)
{
	struct login_key *k = out;

	memset(k, 0, sizeof *k);
	k->id = db_col_int(st, 0);
	str_lcpy(k->keytype, db_col_text(st, 1), sizeof k->keytype);
	str_lcpy(k->fingerprint, db_col_text(st, 2), sizeof k->fingerprint);
	str_lcpy(k->comment, db_col_text(st, 3), sizeof k->comment);
	k->created_at = db_col_int(st, 4);
}

int
login_key_list(struct db *db, const char *name, struct login_key **out,
    size_t *n)
{
	struct user_info u;
	size_t i;
	int r;

	if ((r = user_find(db, name, &u)) != 0)
		return r;
	if ((r = db_row_list(db, sizeof **out, key_row, out, n, "SELECT id, "
	    "keytype, fingerprint, comment, created_at FROM user_keys "
	    "WHERE user_id = ? ORDER BY id", "i", u.id)) != 0)
		return r;
	for (i = 0; i < *n; i++)
		str_lcpy((*out)[i].user, u.name, sizeof (*out)[i].user);
	return 0;
}

static int
key_del_tx(struct db *db, void *argp)
{
	struct key_arg *a = argp;
	char idbuf[24];
	int r;

	if ((r = db_row_none(db, "DELETE FROM user_keys WHERE user_id = ? "
	    "AND fingerprint = ?", "it", a->u->id, a->fp)) < 0)
		return r;
	if (r == 0)
		return ERR_NOTFOUND;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->u->id);
	return audit_appendf(a->ctx, "user.key-del", "user", idbuf,
	    "fingerprint=%s", a->fp);
}

int
login_key_del(struct mctx *ctx, const char *name, const char *fingerprint)
{
	struct key_arg a;
	struct user_info u;
	int r;

	if ((r = user_find(ctx->db, name, &u)) != 0)
		return r;
	if ((r = login_key_may(ctx, &u, "user.key-del")) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.u = &u;
	a.fp = fingerprint;
	return db_write(ctx->db, key_del_tx, &a);
}

int
login_key_match(struct db *db, int64_t user_id, const char *keytype,
    const char *b64)
{
	int64_t one;

	return db_row_int(db, &one, "SELECT 1 FROM user_keys WHERE "
	    "user_id = ? AND keytype = ? AND pubkey = ?", "itt", user_id,
	    keytype, b64);
}

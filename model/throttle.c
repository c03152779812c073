/*
 * throttle.c -- failed-login counters: the pure rules, and their state
 * in the login_throttle table.
 */
#include "model/throttle.h"

#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/user.h"

void
throttle_policy_default(struct throttle_policy *p)
{
	static const struct throttle_rule pair = {
		2, 1000, 10000, 5, 300, 86400, 900, 86400
	};
	static const struct throttle_rule account = {
		10, 1000, 5000, 0, 0, 0, 900, 86400
	};
	static const struct throttle_rule addr = {
		10, 1000, 10000, 30, 900, 86400, 900, 86400
	};

	p->pair = pair;
	p->account = account;
	p->addr = addr;
}

/* The delay after n failures. */
static int
rule_delay(const struct throttle_rule *r, int n)
{
	int64_t d;
	int shift;

	if (n < r->free || r->delay_ms <= 0)
		return 0;
	shift = n - r->free;
	if (shift > 20)
		shift = 20;
	d = (int64_t)r->delay_ms << shift;
	if (d > r->delay_max_ms)
		d = r->delay_max_ms;
	return (int)d;
}

/* Forget failures older than the window and locks older than forget_s. */
static void
rule_decay(const struct throttle_rule *r, struct throttle_state *st,
    int64_t now)
{
	int64_t since;

	if (throttle_rule_locked(st, now) || st->last_fail == 0)
		return;
	since = now - st->last_fail;
	if (since >= r->window_s)
		st->failures = 0;
	if (since >= r->forget_s)
		st->locks = 0;
}

static void
rule_lock(const struct throttle_rule *r, struct throttle_state *st,
    int64_t now)
{
	int64_t len;
	int shift = st->locks < 20 ? st->locks : 20;

	len = (int64_t)r->lock_s << shift;
	if (len > r->lock_max_s)
		len = r->lock_max_s;
	st->locks++;
	st->locked_until = now + len;
	st->failures = 0;
}

int
throttle_rule_locked(const struct throttle_state *st, int64_t now)
{
	return st->locked_until > now;
}

int
throttle_rule_begin(const struct throttle_rule *r, struct throttle_state *st,
    int64_t now, int *delay_ms)
{
	rule_decay(r, st, now);
	if (throttle_rule_locked(st, now)) {
		*delay_ms = rule_delay(r, r->lock_after);
		return THROTTLE_LOCKED;
	}
	if (r->lock_after > 0 && st->failures >= r->lock_after) {
		rule_lock(r, st, now);
		st->last_fail = now;
		*delay_ms = rule_delay(r, r->lock_after);
		return THROTTLE_LOCKED_NOW;
	}
	*delay_ms = rule_delay(r, st->failures);
	st->failures++;
	st->last_fail = now;
	return THROTTLE_OPEN;
}

int
throttle_rule_fail(const struct throttle_rule *r, struct throttle_state *st,
    int64_t now)
{
	if (throttle_rule_locked(st, now))
		return 0;
	st->last_fail = now;
	if (r->lock_after > 0 && st->failures >= r->lock_after) {
		rule_lock(r, st, now);
		return 1;
	}
	return 0;
}

void
throttle_rule_success(struct throttle_state *st, int reset)
{
	if (reset) {
		memset(st, 0, sizeof *st);
		return;
	}
	if (st->failures > 0)
		st->failures--;
}

/* The three counters of one attempt, with their keys. */
struct th_keys {
	char	account[USER_NAME_MAX + 2];
	char	addr[64];
};

static const char *const th_kinds[3] = { "pair", "account", "addr" };

static void
th_keys_make(struct th_keys *k, const char *account, const char *addr)
{
	if (user_name_normalize(account, k->account, NULL) != 0)
		str_lcpy(k->account, "?", sizeof k->account);
	str_sanitize(k->addr, sizeof k->addr, addr);
}

static const struct throttle_rule *
th_rule(const struct throttle_policy *p, int kind)
{
	return kind == 0 ? &p->pair : kind == 1 ? &p->account : &p->addr;
}

/* The account and addr columns of counter kind. */
static void
th_cols(const struct th_keys *k, int kind, const char **acc,
    const char **addr)
{
	*acc = kind == 2 ? "" : k->account;
	*addr = kind == 1 ? "" : k->addr;
}

static int
th_load(struct db *db, const struct th_keys *k, int kind,
    struct throttle_state *st)
{
	const char *acc, *addr;
	int64_t v[4];
	int r;

	memset(st, 0, sizeof *st);
	th_cols(k, kind, &acc, &addr);
	if ((r = db_row_ints(db, v, 4, "SELECT failures, last_fail, locks, "
	    "locked_until FROM login_throttle WHERE kind = ? AND "
	    "account = ? AND addr = ?", "ttt", th_kinds[kind], acc,
	    addr)) != 0)
		return r == ERR_NOTFOUND ? 0 : r;
	st->failures = (int)v[0];
	st->last_fail = v[1];
	st->locks = (int)v[2];
	st->locked_until = v[3];
	return 0;
}

static int
th_store(struct db *db, const struct th_keys *k, int kind,
    const struct throttle_state *st, int locked_now)
{
	const char *acc, *addr;
	int r;

	th_cols(k, kind, &acc, &addr);
	r = db_row_none(db, "INSERT INTO login_throttle (kind, account, "
	    "addr, failures, last_fail, locks, locked_until, unlock_pending) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, account, addr) "
	    "DO UPDATE SET failures = excluded.failures, last_fail = "
	    "excluded.last_fail, locks = excluded.locks, locked_until = "
	    "excluded.locked_until, unlock_pending = CASE WHEN "
	    "excluded.unlock_pending = 1 THEN 1 ELSE unlock_pending END",
	    "tttiiiii", th_kinds[kind], acc, addr, (int64_t)st->failures,
	    st->last_fail, (int64_t)st->locks, st->locked_until,
	    (int64_t)(locked_now ? 1 : 0));
	return r < 0 ? r : 0;
}

/* Audit a lock or unlock of one counter. */
static int
th_audit(struct mctx *ctx, const char *action, int kind,
    const struct th_keys *k, const struct throttle_state *st)
{
	char until[32];

	clock_fmt_utc(until, sizeof until, st->locked_until);
	if (kind == 2)
		return audit_appendf(ctx, action, "address", k->addr,
		    "kind=addr until=%s", until);
	return audit_appendf(ctx, action, "account", k->account,
	    "kind=%s addr=%s until=%s", th_kinds[kind], k->addr, until);
}

enum { TH_BEGIN, TH_FAIL, TH_SUCCESS };

struct th_arg {
	struct mctx			*ctx;
	const struct throttle_policy	*p;
	struct th_keys			 k;
	int64_t				 now;
	int				 op;
	struct throttle_verdict		 v;
};

/* Apply op to one counter; *locked_now when it locks now. */
static void
th_apply(struct th_arg *a, int kind, struct throttle_state *st,
    int *locked_now)
{
	const struct throttle_rule *rule = th_rule(a->p, kind);
	int delay, res;

	*locked_now = 0;
	switch (a->op) {
	case TH_BEGIN:
		res = throttle_rule_begin(rule, st, a->now, &delay);
		if (res != THROTTLE_OPEN)
			a->v.locked = 1;
		if (delay > a->v.delay_ms)
			a->v.delay_ms = delay;
		*locked_now = res == THROTTLE_LOCKED_NOW;
		break;
	case TH_FAIL:
		*locked_now = throttle_rule_fail(rule, st, a->now);
		break;
	default:
		throttle_rule_success(st, kind == 0);
		break;
	}
}

static int
th_tx(struct db *db, void *argp)
{
	struct th_arg *a = argp;
	struct throttle_state st;
	int kind, locked_now, r;

	for (kind = 0; kind < 3; kind++) {
		if ((r = th_load(db, &a->k, kind, &st)) != 0)
			return r;
		th_apply(a, kind, &st, &locked_now);
		if ((r = th_store(db, &a->k, kind, &st, locked_now)) != 0)
			return r;
		if (locked_now && (r = th_audit(a->ctx, "auth.lock", kind,
		    &a->k, &st)) != 0)
			return r;
	}
	return 0;
}

static int
th_run(struct mctx *ctx, const struct throttle_policy *p, const char *account,
    const char *addr, int64_t now, int op, struct throttle_verdict *v)
{
	struct th_arg a;
	int r;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.p = p;
	th_keys_make(&a.k, account, addr);
	a.now = now;
	a.op = op;
	r = db_write(ctx->db, th_tx, &a);
	if (r == 0 && v != NULL)
		*v = a.v;
	return r;
}

int
throttle_begin(struct mctx *ctx, const struct throttle_policy *p,
    const char *account, const char *addr, int64_t now,
    struct throttle_verdict *v)
{
	return th_run(ctx, p, account, addr, now, TH_BEGIN, v);
}

int
throttle_fail(struct mctx *ctx, const struct throttle_policy *p,
    const char *account, const char *addr, int64_t now)
{
	return th_run(ctx, p, account, addr, now, TH_FAIL, NULL);
}

int
throttle_success(struct mctx *ctx, const struct throttle_policy *p,
    const char *account, const char *addr, int64_t now)
{
	return th_run(ctx, p, account, addr, now, TH_SUCCESS, NULL);
}

int
throttle_is_locked(struct mctx *ctx, const char *account, const char *addr,
    int64_t now)
{
	struct throttle_state st;
	struct th_keys k;
	int r;

	th_keys_make(&k, account, addr);
	if ((r = th_load(ctx->db, &k, 0, &st)) != 0)
		return r;
	if (throttle_rule_locked(&st, now))
		return 1;
	if ((r = th_load(ctx->db, &k, 2, &st)) != 0)
		return r;
	return throttle_rule_locked(&st, now);
}

struct unlock_row {
	int			kind;
	struct th_keys		k;
	struct throttle_state	st;
};

struct unlock_arg {
	struct mctx	*ctx;
	int64_t		 now;
	int		 n;
};

#define UNLOCK_BATCH	64

/* Read up to UNLOCK_BATCH locks that ran out, not yet audited. */
static int
unlock_fetch(struct db *db, int64_t now, struct unlock_row *rows, int *n)
{
	struct db_stmt *s;
	int r, kind;

	*n = 0;
	if ((r = db_stmt(db, "SELECT kind, account, addr, locked_until "
	    "FROM login_throttle WHERE unlock_pending = 1 AND "
	    "locked_until <= ? LIMIT 64", &s)) != 0)
		return r;
	db_bind_int(s, 1, now);
	while ((r = db_step(s)) == DB_ROW && *n < UNLOCK_BATCH) {
		for (kind = 0; kind < 2; kind++)
			if (strcmp(db_col_text(s, 0), th_kinds[kind]) == 0)
				break;
		memset(&rows[*n], 0, sizeof rows[*n]);
		rows[*n].kind = kind;
		str_lcpy(rows[*n].k.account, db_col_text(s, 1),
		    sizeof rows[*n].k.account);
		str_lcpy(rows[*n].k.addr, db_col_text(s, 2),
		    sizeof rows[*n].k.addr);
		rows[*n].st.locked_until = db_col_int(s, 3);
		(*n)++;
	}
	db_done(s);
	return r == DB_DONE || r == DB_ROW ? 0 : r;
}

static int
unlock_tx(struct db *db, void *argp)
{
	struct unlock_arg *a = argp;
	struct unlock_row rows[UNLOCK_BATCH];
	const char *acc, *addr;
	int i, n, r;

	if ((r = unlock_fetch(db, a->now, rows, &n)) != 0)
		return r;
	for (i = 0; i < n; i++) {
		if ((r = th_audit(a->ctx, "auth.unlock", rows[i].kind,
		    &rows[i].k, &rows[i].st)) != 0)
			return r;
		th_cols(&rows[i].k, rows[i].kind, &acc, &addr);
		if ((r = db_row_none(db, "UPDATE login_throttle SET "
		    "unlock_pending = 0 WHERE kind = ? AND account = ? AND "
		    "addr = ?", "ttt", th_kinds[rows[i].kind], acc, addr)) < 0)
			return r;
	}
	a->n = n;
	return 0;
}

int
throttle_unlock_due(struct mctx *ctx, int64_t now, int *n)
{
	struct unlock_arg a = { ctx, now, 0 };
	int r;

	r = db_write(ctx->db, unlock_tx, &a);
	if (r == 0 && n != NULL)
		*n = a.n;
	return r;
}

struct prune_arg {
	int64_t	now, keep;
};

static int
prune_tx(struct db *db, void *argp)
{
	struct prune_arg *a = argp;
	int r;

	r = db_row_none(db, "DELETE FROM login_throttle WHERE "
	    "unlock_pending = 0 AND locked_until <= ? AND last_fail <= ?",
	    "ii", a->now, a->now - a->keep);
	return r < 0 ? r : 0;
}

static int
rule_keep(const struct throttle_rule *r)
{
	return r->window_s > r->forget_s ? r->window_s : r->forget_s;
}

int
throttle_prune(struct mctx *ctx, const struct throttle_policy *p,
    int64_t now)
{
	struct prune_arg a;
	int keep = rule_keep(&p->pair);

	if (rule_keep(&p->account) > keep)
		keep = rule_keep(&p->account);
	if (rule_keep(&p->addr) > keep)
		keep = rule_keep(&p->addr);
	a.now = now;
	a.keep = keep;
	return db_write(ctx->db, prune_tx, &a);
}

struct refusal_arg {
	struct mctx	*ctx;
	const char	*name, *reason;
};

static int
refusal_tx(struct db *db, void *argp)
{
	struct refusal_arg *a = argp;
	char clean[64];

	(void)db;
	str_sanitize(clean, sizeof clean, a->name);
	return audit_appendf(a->ctx, "auth.fail", "user", clean, "reason=%s",
	    a->reason);
}

int
throttle_audit_refusal(struct mctx *ctx, const char *name,
    const char *reason)
{
	struct refusal_arg a = { ctx, name, reason };

	return db_write(ctx->db, refusal_tx, &a);
}

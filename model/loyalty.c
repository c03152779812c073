/*
 * loyalty.c -- loyalty points: earning lots, redeeming them as wallet
 * credit oldest first, taking them back on refunds, expiry, and the
 * check against the ledger.
 */
#include "model/loyalty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/ctx.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/settings.h"

/* A lot with points left, as read for redeeming or expiring. */
struct lot {
	int64_t	id, customer_id, left, vleft;
};

static void
lot_row(struct db_stmt *st, void *out)
{
	*(struct lot *)out = (struct lot){ db_col_int(st, 0),
	    db_col_int(st, 1), db_col_int(st, 2), db_col_int(st, 3) };
}

/* 10^decimals of the café's currency: the minor units of one unit. */
static int
loyalty_unit(struct db *db, int64_t *unit)
{
	struct cafe_info ci;
	int i, r;

	if ((r = settings_cafe(db, &ci)) != 0)
		return r;
	for (*unit = 1, i = 0; i < ci.decimals; i++)
		*unit *= 10;
	return 0;
}

int
loyalty_quote(struct db *db, int64_t spent, int64_t *points, int64_t *value)
{
	int64_t unit, ppu, ppc, p;
	int r;

	*points = *value = 0;
	if (spent <= 0)
		return 0;
	if ((r = loyalty_unit(db, &unit)) != 0 ||
	    (r = settings_get_int(db, "loyalty.points_per_unit", &ppu)) != 0 ||
	    (r = settings_get_int(db, "loyalty.points_per_unit_credit",
	    &ppc)) != 0)
		return r;
	if (ppu <= 0 || ppc <= 0)
		return 0;
	/* Whole units only: rounded down (spent <= MONEY_MAX, ppu <= 1000). */
	p = spent / unit * ppu + spent % unit * ppu / unit;
	if ((r = money_mul_div_round(p, unit, ppc, value)) != 0)
		return r;
	*points = p;
	return 0;
}

int
loyalty_lot_tx(struct mctx *ctx, int64_t customer_id, int64_t points,
    int64_t value, const char *source, int64_t ref_id, int64_t ledger_tx)
{
	int64_t days, now = clock_now();
	int r;

	if (!db_in_tx(ctx->db))
		return ERR_INTERNAL;
	if (points <= 0 || value < 0 || customer_id <= 0)
		return ERR_INVALID;
	if ((r = settings_get_int(ctx->db, "loyalty.expiry_days",
	    &days)) != 0)
		return r;
	r = db_row_none(ctx->db, "INSERT INTO loyalty_points (customer_id, "
	    "kind, points, value, points_left, value_left, expires_at, "
	    "source, ref_id, at, actor, ledger_tx) "
	    "VALUES (?, 'earn', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiiotiito",
	    customer_id, points, value, points, value,
	    days > 0 ? now + days * 86400 : 0, source, ref_id, now,
	    ctx->actor.name, ledger_tx > 0 ? ledger_tx : 0);
	return r < 0 ? r : 0;
}

/* Post value as loyalty(c) +sign*value, loyalty.cost +sign*value. */
static int
loyalty_post(struct mctx *ctx, int64_t customer_id, int64_t value,
    const char *key, const char *op, const char *memo, int64_t *tx)
{
	struct ledger_leg legs[2] = {
		{ LEDGER_LOYALTY, customer_id, value },
		{ LEDGER_LOYALTY_COST, 0, value }
	};
	struct ledger_post p;
	struct ledger_result res;
	int r;

	memset(&p, 0, sizeof p);
	p.key = key;
	p.op = op;
	p.memo = memo;
	p.customer_id = customer_id;
	p.legs = legs;
	p.nlegs = 2;
	if ((r = ledger_post(ctx, &p, &res)) != 0)
		return r;
	*tx = res.replayed ? -1 : res.tx_id;
	return 0;
}

/* 1 when source ref_id earned points already, else 0; or an error. */
static int
loyalty_earned(struct db *db, const char *source, int64_t ref_id)
{
	int64_t one;
	int r;

	r = db_row_int(db, &one, "SELECT 1 FROM loyalty_points WHERE kind = "
	    "'earn' AND source = ? AND ref_id = ?", "ti", source, ref_id);
	if (r == ERR_NOTFOUND)
		return 0;
	return r == 0 ? 1 : r;
}

struct earn_arg {
	struct mctx	*ctx;
	int64_t		 customer_id, spent, ref_id, points;
	const char	*source;
};

static int
loyalty_earn_tx(struct db *db, void *argp)
{
	struct earn_arg *a = argp;
	char key[LEDGER_KEY_MAX + 1], memo[64];
	int64_t points, value, tx = 0;
	int r;

	if ((r = loyalty_quote(db, a->spent, &points, &value)) != 0 ||
	    points == 0 ||
	    (r = loyalty_earned(db, a->source, a->ref_id)) != 0)
		return r == 1 ? 0 : r;
	snprintf(key, sizeof key, "loyalty.earn:%s:%lld", a->source,
	    (long long)a->ref_id);
	snprintf(memo, sizeof memo, "%lld points for %s %lld",
	    (long long)points, a->source, (long long)a->ref_id);
	if (value > 0 && (r = loyalty_post(a->ctx, a->customer_id, value, key,
	    "loyalty.earn", memo, &tx)) != 0)
		return r;
	if ((r = loyalty_lot_tx(a->ctx, a->customer_id, points, value,
	    a->source, a->ref_id, tx)) != 0)
		return r;
	a->points = points;
	return 0;
}

int
loyalty_earn(struct mctx *ctx, int64_t customer_id, int64_t spent,
    const char *source, int64_t ref_id, int64_t *points)
{
	struct earn_arg a = { ctx, customer_id, spent, ref_id, 0, source };
	int r;

	if (customer_id <= 0 || source == NULL || *source == '\0' ||
	    strlen(source) > 16 || strchr(source, ':') != NULL)
		return ERR_INVALID;
	if ((r = db_write(ctx->db, loyalty_earn_tx, &a)) != 0)
		return r;
	if (points != NULL)
		*points = a.points;
	return 0;
}

int
loyalty_balance(struct db *db, int64_t customer_id, int64_t *points,
    int64_t *value)
{
	struct lot sum;
	int r;

	if ((r = db_row_one(db, lot_row, &sum, "SELECT 0, 0, "
	    "coalesce(sum(points_left), 0), coalesce(sum(value_left), 0) "
	    "FROM loyalty_points WHERE customer_id = ? AND points_left > 0 "
	    "AND (expires_at IS NULL OR expires_at > ?)", "ii", customer_id,
	    clock_now())) != 0)
		return r;
	*points = sum.left;
	*value = sum.vleft;
	return 0;
}

/* Take t of a lot's left points and the value they carry. */
static int
loyalty_lot_take(struct db *db, int64_t lot, int64_t t, int64_t left,
    int64_t vleft, int64_t *v)
{
	int r;

	if (t == left)
		*v = vleft;
	else if ((r = money_mul_div_round(vleft, t, left, v)) != 0)
		return r;
	if (db == NULL)
		return 0;	/* a quote */
	r = db_row_none(db, "UPDATE loyalty_points SET points_left = "
	    "points_left - ?, value_left = value_left - ? WHERE id = ?",
	    "iii", t, *v, lot);
	return r < 0 ? r : 0;
}

/* A row of kind redeem, refund or expire taking points and value. */
static int
loyalty_row(struct mctx *ctx, int64_t customer_id, const char *kind,
    const char *source, int64_t points, int64_t value, int64_t ref_id,
    int64_t tx)
{
	int r;

	r = db_row_none(ctx->db, "INSERT INTO loyalty_points (customer_id, "
	    "kind, points, value, source, ref_id, at, actor, ledger_tx) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "itiitoito", customer_id,
	    kind, -points, -value, source, ref_id > 0 ? ref_id : 0,
	    clock_now(), ctx->actor.name, tx > 0 ? tx : 0);
	return r < 0 ? r : 0;
}

/* Up to max open, unexpired lots of a customer, oldest first. */
static int
loyalty_open_lots(struct db *db, int64_t customer_id, struct lot **out,
    size_t *n)
{
	return db_row_list(db, sizeof **out, lot_row, out, n, "SELECT id, "
	    "customer_id, points_left, value_left FROM loyalty_points "
	    "WHERE customer_id = ? AND points_left > 0 "
	    "AND (expires_at IS NULL OR expires_at > ?) ORDER BY id", "ii",
	    customer_id, clock_now());
}

/*
 * Take points from the lots, oldest first; *value is what they carried.
 * With db NULL, only count (a quote).
 */
static int
loyalty_take_fifo(struct db *db, struct lot *v, size_t n, int64_t points,
    int64_t *value)
{
	int64_t need = points, t, got;
	size_t i;
	int r;

	*value = 0;
	for (i = 0; i < n && need > 0; i++) {
		t = v[i].left < need ? v[i].left : need;
		if ((r = loyalty_lot_take(db, v[i].id, t, v[i].left, v[i].vleft,
		    &got)) != 0)
			return r;
		*value += got;
		need -= t;
	}
	return need == 0 ? 0 : ERR_INSUFFICIENT;
}

struct redeem_arg {
	struct mctx	*ctx;
	int64_t		 customer_id, points, credit;
	const char	*key;
};

/* Post the credit of a redemption: loyalty(c) -v, wallet(c) +v. */
static int
loyalty_post_redeem(struct redeem_arg *a, int64_t *tx)
{
	struct ledger_leg legs[2] = {
		{ LEDGER_LOYALTY, a->customer_id, -a->credit },
		{ LEDGER_WALLET, a->customer_id, a->credit }
	};
	struct ledger_post p;
	struct ledger_result res;
	char memo[64];
	int r;

	snprintf(memo, sizeof memo, "%lld points redeemed",
	    (long long)a->points);
	memset(&p, 0, sizeof p);
	p.key = a->key;
	p.op = "loyalty.redeem";
	p.memo = memo;
	p.customer_id = a->customer_id;
	p.legs = legs;
	p.nlegs = 2;
	if ((r = ledger_post(a->ctx, &p, &res)) != 0)
		return r;
	*tx = res.tx_id;
	return res.replayed ? ERR_CONFLICT : 0;
}

/*
 * A redemption under a key used before: 0 with a->credit when it was
 * this very one, ERR_CONFLICT when the key did something else, 1 when
 * the key is new.
 */
static int
loyalty_redeem_replay(struct redeem_arg *a)
{
	int64_t tx;
	int r;

	if ((r = ledger_key_find(a->ctx->db, a->key, &tx)) != 0)
		return r == ERR_NOTFOUND ? 1 : r;
	r = db_row_int(a->ctx->db, &a->credit, "SELECT -value FROM "
	    "loyalty_points WHERE ledger_tx = ? AND kind = 'redeem' AND "
	    "customer_id = ? AND points = ?", "iii", tx, a->customer_id,
	    -a->points);
	return r == ERR_NOTFOUND ? ERR_CONFLICT : r;
}

static int
loyalty_redeem_tx(struct db *db, void *argp)
{
	struct redeem_arg *a = argp;
	struct lot *v = NULL;
	int64_t tx;
	size_t n = 0;
	int r;

	if ((r = loyalty_redeem_replay(a)) != 1)
		return r;
	if ((r = loyalty_open_lots(db, a->customer_id, &v, &n)) != 0)
		return r;
	if ((r = loyalty_take_fifo(db, v, n, a->points, &a->credit)) != 0)
		goto out;
	if (a->credit == 0) {
		r = ERR_RANGE;
		goto out;
	}
	if ((r = loyalty_post_redeem(a, &tx)) != 0)
		goto out;
	r = loyalty_row(a->ctx, a->customer_id, "redeem", "wallet",
	    a->points, a->credit, 0, tx);
out:
	free(v);
	return r;
}

int
loyalty_redeem_quote(struct db *db, int64_t customer_id, int64_t points,
    int64_t *credit)
{
	struct lot *v = NULL;
	size_t n = 0;
	int r;

	*credit = 0;
	if (points <= 0 || customer_id <= 0)
		return ERR_INVALID;
	if ((r = loyalty_open_lots(db, customer_id, &v, &n)) == 0)
		r = loyalty_take_fifo(NULL, v, n, points, credit);
	free(v);
	return r;
}

int
loyalty_redeem(struct mctx *ctx, int64_t customer_id, int64_t points,
    const char *key, int64_t *credit)
{
	struct redeem_arg a = { ctx, customer_id, points, 0, key };
	char fresh[33], idbuf[24];
	int r;

	snprintf(idbuf, sizeof idbuf, "%lld", (long long)customer_id);
	if ((r = perm_require(ctx, PERM_WALLET_TOPUP, "loyalty.redeem",
	    "customer", idbuf)) != 0)
		return r;
	if (points <= 0 || customer_id <= 0)
		return ERR_INVALID;
	if (key == NULL) {
		ledger_new_key(fresh);
		a.key = fresh;
	}
	if ((r = db_write(ctx->db, loyalty_redeem_tx, &a)) != 0)
		return r;
	if (credit != NULL)
		*credit = a.credit;
	return 0;
}

int
loyalty_take_back_quote(struct db *db, const char *source, int64_t ref_id,
    int64_t num, int64_t den, int64_t *lot_id, int64_t *points,
    int64_t *value)
{
	struct lot l;	/* customer_id holds the points earned */
	int64_t pts, left, vleft, p;
	int r;

	*lot_id = *points = *value = 0;
	if (num <= 0 || den <= 0 || num > den)
		return ERR_INVALID;
	if ((r = db_row_one(db, lot_row, &l, "SELECT id, points, "
	    "points_left, value_left FROM loyalty_points WHERE kind = 'earn' "
	    "AND source = ? AND ref_id = ?", "ti", source, ref_id)) != 0)
		return r == ERR_NOTFOUND ? 0 : r;
	*lot_id = l.id;
	pts = l.customer_id;
	left = l.left;
	vleft = l.vleft;
	if ((r = money_mul_div_round(pts, num, den, &p)) != 0)
		return r;
	*points = p < left ? p : left;
	if (*points == left)
		*value = vleft;
	else if (*points > 0)
		return money_mul_div_round(vleft, *points, left, value);
	return 0;
}

int
loyalty_take_back_tx(struct mctx *ctx, int64_t lot_id, int64_t points,
    int64_t value, int64_t ref_id, int64_t ledger_tx)
{
	struct lot l;
	int64_t customer_id, left, vleft, got;
	int r;

	if (!db_in_tx(ctx->db))
		return ERR_INTERNAL;
	if ((r = db_row_one(ctx->db, lot_row, &l, "SELECT id, customer_id, "
	    "points_left, value_left FROM loyalty_points WHERE id = ?", "i",
	    lot_id)) != 0)
		return r;
	customer_id = l.customer_id;
	left = l.left;
	vleft = l.vleft;
	if (points <= 0 || points > left)
		return ERR_INVALID;
	if ((r = loyalty_lot_take(ctx->db, lot_id, points, left, vleft,
	    &got)) != 0)
		return r;
	if (got != value)
		return ERR_CONFLICT;
	return loyalty_row(ctx, customer_id, "refund", "shop", points, value,
	    ref_id, ledger_tx);
}

/* Expire one lot: take what is left, post it back, record it. */
static int
loyalty_expire_lot(struct mctx *ctx, const struct lot *l)
{
	char key[48], memo[64];
	int64_t v, tx = 0;
	int r;

	if ((r = loyalty_lot_take(ctx->db, l->id, l->left, l->left, l->vleft,
	    &v)) != 0)
		return r;
	snprintf(key, sizeof key, "loyalty.expire:%lld", (long long)l->id);
	snprintf(memo, sizeof memo, "%lld points expired",
	    (long long)l->left);
	if (v > 0 && (r = loyalty_post(ctx, l->customer_id, -v, key,
	    "loyalty.expire", memo, &tx)) != 0)
		return r;
	return loyalty_row(ctx, l->customer_id, "expire", "expiry", l->left,
	    v, l->id, tx);
}

struct expire_arg {
	struct mctx	*ctx;
	int64_t		 points, value;
};

static int
loyalty_expire_tx(struct db *db, void *argp)
{
	struct expire_arg *a = argp;
	struct lot *v = NULL;
	size_t len = 0, i;
	int r;

	r = db_row_list(db, sizeof *v, lot_row, &v, &len, "SELECT id, "
	    "customer_id, points_left, value_left FROM loyalty_points WHERE "
	    "points_left > 0 AND expires_at <= ? ORDER BY id", "i",
	    clock_now());
	for (i = 0; r == 0 && i < len; i++) {
		r = loyalty_expire_lot(a->ctx, &v[i]);
		a->points += v[i].left;
		a->value += v[i].vleft;
	}
	free(v);
	return r;
}

int
loyalty_expire(struct mctx *ctx, int64_t *points, int64_t *value)
{
	struct expire_arg a = { ctx, 0, 0 };
	int r;

	if ((r = perm_require(ctx, PERM_WALLET_ADJUST, "loyalty.expire",
	    "loyalty", "")) != 0)
		return r;
	if ((r = db_write(ctx->db, loyalty_expire_tx, &a)) != 0)
		return r;
	if (points != NULL)
		*points = a.points;
	if (value != NULL)
		*value = a.value;
	return 0;
}

/* Each customer's lots against their loyalty account. */
static int
loyalty_verify_lots(struct db *db, char *why, size_t size)
{
	struct db_stmt *st;
	int64_t c, lots, bal = 0;
	int r;

	if ((r = db_stmt(db, "SELECT customer_id, sum(value_left) FROM "
	    "loyalty_points WHERE kind = 'earn' GROUP BY customer_id "
	    "ORDER BY customer_id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		c = db_col_int(st, 0);
		lots = db_col_int(st, 1);
		if ((r = ledger_balance(db, LEDGER_LOYALTY, c, &bal)) != 0)
			break;
		if (bal != lots) {
			snprintf(why, size, "customer %lld: loyalty account "
			    "%lld, unspent points worth %lld", (long long)c,
			    (long long)bal, (long long)lots);
			r = ERR_INTEGRITY;
			break;
		}
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

int
loyalty_verify(struct db *db, char *why, size_t size)
{
	struct db_stmt *st;
	int r;

	*why = '\0';
	if ((r = loyalty_verify_lots(db, why, size)) != 0)
		return r;
	/* A loyalty account with money but no points at all. */
	if ((r = db_stmt(db, "SELECT ref, balance FROM ledger_accounts "
	    "WHERE kind = 'loyalty' AND balance != 0 AND ref NOT IN "
	    "(SELECT customer_id FROM loyalty_points)", &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW) {
		snprintf(why, size, "customer %lld: loyalty account %lld "
		    "without any points", (long long)db_col_int(st, 0),
		    (long long)db_col_int(st, 1));
		r = ERR_INTEGRITY;
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/*
 * stock.c -- stock movements: receive, sale, return, waste, count; the
 * cached stock on hand and its verification.
 */
#include "model/stock.h"

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
#include "model/money.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/settings.h"

static const char *const stock_kinds[] = {
	[STOCK_RECEIVE] = "receive",
	[STOCK_SALE] = "sale",
	[STOCK_RETURN] = "return",
	[STOCK_WASTE] = "waste",
	[STOCK_COUNT] = "count",
};
#define NKINDS	(sizeof stock_kinds / sizeof stock_kinds[0])

const char *
stock_kind_name(int kind)
{
	if (kind < 0 || (size_t)kind >= NKINDS)
		return NULL;
	return stock_kinds[kind];
}

static int
stock_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(s, stock_kinds[i]) == 0)
			return (int)i;
	return -1;
}

/* One movement to write. */
struct move {
	int64_t		 product_id;
	int		 kind;
	int64_t		 qty;
	int64_t		 unit_cost;	/* -1: none */
	const char	*reason;
	int64_t		 line_id;	/* 0: none */
};

/*
 * Add m->qty to the product's stock unless it would go below zero; sets
 * *after to the new stock, or *after to the stock left on refusal.
 */
static int
stock_bump(struct db *db, const struct move *m, int64_t *after)
{
	struct product p;
	int r;

	if ((r = db_row_int(db, after, "UPDATE products SET on_hand = "
	    "on_hand + ? WHERE id = ? AND on_hand + ? >= 0 RETURNING on_hand",
	    "iii", m->qty, m->product_id, m->qty)) != ERR_NOTFOUND)
		return r;
	if ((r = product_get(db, m->product_id, &p)) != 0)
		return r;
	*after = p.on_hand;
	return ERR_INSUFFICIENT;
}

/* Record the movement m; *after as for stock_bump(). */
static int
stock_write(struct mctx *ctx, const struct move *m, int64_t *after)
{
	struct db_stmt *st;
	int r;

	if (!db_in_tx(ctx->db))
		return ERR_INTERNAL;
	if ((r = stock_bump(ctx->db, m, after)) != 0)
		return r;
	if ((r = db_stmt(ctx->db, "INSERT INTO stock_movements (product_id, "
	    "kind, qty, on_hand_after, unit_cost, reason, sale_line_id, at, "
	    "actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st)) != 0)
		return r;
	db_bind_int(st, 1, m->product_id);
	db_bind_text(st, 2, stock_kinds[m->kind]);
	db_bind_int(st, 3, m->qty);
	db_bind_int(st, 4, *after);
	if (m->unit_cost >= 0)
		db_bind_int(st, 5, m->unit_cost);
	db_bind_text(st, 6, m->reason != NULL ? m->reason : "");
	if (m->line_id > 0)
		db_bind_int(st, 7, m->line_id);
	db_bind_int(st, 8, clock_now());
	db_bind_text(st, 9, ctx->actor.name);
	r = db_step(st);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

int
stock_move_tx(struct mctx *ctx, int64_t product_id, int kind, int64_t qty,
    int64_t sale_line_id, int64_t *left)
{
	struct move m = { product_id, kind, qty, -1, NULL, sale_line_id };
	int64_t after = 0;
	int r;

	if ((kind != STOCK_SALE || qty >= 0) &&
	    (kind != STOCK_RETURN || qty <= 0))
		return ERR_INVALID;
	r = stock_write(ctx, &m, &after);
	if (r == ERR_INSUFFICIENT && left != NULL)
		*left = after;
	return r;
}

/* A manual movement: the arguments of stock_manual_tx(). */
struct manual_arg {
	struct mctx	*ctx;
	struct move	 m;
	int64_t		 counted;	/* count: the counted quantity */
	int64_t		 after;
};

/* A received unit cost becomes the product's cost price. */
static int
stock_set_cost(struct db *db, int64_t product_id, int64_t cost)
{
	int r;

	r = db_row_none(db, "UPDATE products SET cost = ? WHERE id = ?", "ii",
	    cost, product_id);
	return r < 0 ? r : 0;
}

/* " cost=1.20 cost_was=1.00" for a receipt with a cost, else "". */
static void
stock_cost_detail(char *buf, size_t size, const struct move *m,
    int64_t was, int decimals)
{
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];

	*buf = '\0';
	if (m->unit_cost < 0)
		return;
	money_format(a, sizeof a, m->unit_cost, decimals);
	money_format(b, sizeof b, was, decimals);
	if (m->unit_cost == was)
		snprintf(buf, size, " cost=%s", a);
	else
		snprintf(buf, size, " cost=%s cost_was=%s", a, b);
}

static int
stock_manual_tx(struct db *db, void *argp)
{
	struct manual_arg *a = argp;
	struct cafe_info ci;
	struct product p;
	char idbuf[24], action[24], cost[2 * MONEY_BUFSZ + 24];
	int r;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = product_get(db, a->m.product_id, &p)) != 0)
		return r;
	if (a->m.kind == STOCK_COUNT)
		a->m.qty = a->counted - p.on_hand;
	if ((r = stock_write(a->ctx, &a->m, &a->after)) != 0)
		return r;
	if (a->m.unit_cost >= 0 && a->m.unit_cost != p.cost &&
	    (r = stock_set_cost(db, p.id, a->m.unit_cost)) != 0)
		return r;
	stock_cost_detail(cost, sizeof cost, &a->m, p.cost, ci.decimals);
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)p.id);
	snprintf(action, sizeof action, "stock.%s", stock_kinds[a->m.kind]);
	return audit_appendf(a->ctx, action, "product", idbuf,
	    "sku=%s qty=%+lld on_hand=%lld%s%s%s", p.sku,
	    (long long)a->m.qty, (long long)a->after, cost,
	    a->m.reason != NULL ? " reason=" : "",
	    a->m.reason != NULL ? a->m.reason : "");
}

/*
 * Check the permission, then the arguments (valid), then run the
 * movement in its own transaction.
 */
static int
stock_manual(struct manual_arg *a, int valid)
{
	char idbuf[24], action[24];
	int r;

	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->m.product_id);
	snprintf(action, sizeof action, "stock.%s", stock_kinds[a->m.kind]);
	if ((r = perm_require(a->ctx, PERM_INVENTORY_MANAGE, action,
	    "product", idbuf)) != 0)
		return r;
	if (!valid)
		return ERR_INVALID;
	return db_write(a->ctx->db, stock_manual_tx, a);
}

int
stock_receive(struct mctx *ctx, int64_t product_id, int64_t qty,
    int64_t unit_cost, int64_t *on_hand)
{
	struct manual_arg a;
	int r;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.m = (struct move){ product_id, STOCK_RECEIVE, qty, unit_cost, NULL,
	    0 };
	r = stock_manual(&a, qty >= 1 && qty <= PRODUCT_QTY_MAX &&
	    unit_cost >= -1 && unit_cost <= MONEY_MAX);
	if (r == 0 && on_hand != NULL)
		*on_hand = a.after;
	return r;
}

int
stock_waste(struct mctx *ctx, int64_t product_id, int64_t qty,
    const char *reason, int64_t *on_hand)
{
	struct manual_arg a;
	int r;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.m = (struct move){ product_id, STOCK_WASTE, -qty, -1, reason, 0 };
	r = stock_manual(&a, qty >= 1 && qty <= PRODUCT_QTY_MAX &&
	    reason != NULL && *reason != '\0' && !str_has_control(reason) &&
	    str_width(reason) <= STOCK_REASON_MAX);
	if ((r == 0 || r == ERR_INSUFFICIENT) && on_hand != NULL)
		*on_hand = a.after;
	return r;
}

int
stock_count(struct mctx *ctx, int64_t product_id, int64_t counted,
    int64_t *diff)
{
	struct manual_arg a;
	int r;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.m = (struct move){ product_id, STOCK_COUNT, 0, -1, NULL, 0 };
	a.counted = counted;
	r = stock_manual(&a, counted >= 0 && counted <= PRODUCT_QTY_MAX);
	if (r == 0 && diff != NULL)
		*diff = a.m.qty;
	return r;
}

static void
stock_movement_row(struct db_stmt *st, void *out)
{
	struct stock_movement *m = out;

	memset(m, 0, sizeof *m);
	m->id = db_col_int(st, 0);
	m->product_id = db_col_int(st, 1);
	str_lcpy(m->sku, db_col_text(st, 2), sizeof m->sku);
	m->kind = stock_kind_parse(db_col_text(st, 3));
	m->qty = db_col_int(st, 4);
	m->on_hand_after = db_col_int(st, 5);
	m->unit_cost = db_col_is_null(st, 6) ? -1 : db_col_int(st, 6);
	str_lcpy(m->reason, db_col_text(st, 7), sizeof m->reason);
	m->sale_line_id = db_col_int(st, 8);
	m->at = db_col_int(st, 9);
	str_lcpy(m->actor, db_col_text(st, 10), sizeof m->actor);
}

int
stock_movements(struct db *db, int64_t product_id, int64_t before_id,
    int limit, struct stock_movement **out, size_t *n)
{
	return db_row_list(db, sizeof **out, stock_movement_row, out, n,
	    "SELECT m.id, m.product_id, p.sku, m.kind, "
	    "m.qty, m.on_hand_after, m.unit_cost, m.reason, "
	    "coalesce(m.sale_line_id, 0), m.at, m.actor "
	    "FROM stock_movements m JOIN products p ON p.id = m.product_id "
	    "WHERE (? = 0 OR m.product_id = ?) AND (? = 0 OR m.id < ?) "
	    "ORDER BY m.id DESC LIMIT ?", "iiiii", product_id, product_id,
	    before_id, before_id, (int64_t)(limit > 0 ? limit : 100));
}

/* Walk the movements in order, checking each running sum. */
static int
stock_verify_chain(struct db *db, struct stock_verify *res)
{
	struct db_stmt *st;
	int64_t pid, cur = 0, sum = 0;
	int r;

	if ((r = db_stmt(db, "SELECT product_id, qty, on_hand_after, id "
	    "FROM stock_movements ORDER BY product_id, id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		if ((pid = db_col_int(st, 0)) != cur) {
			cur = pid;
			sum = 0;
		}
		res->movements++;
		sum += db_col_int(st, 1);
		if (sum != db_col_int(st, 2) || sum < 0) {
			res->bad_product_id = pid;
			snprintf(res->why, sizeof res->why, "movement %lld "
			    "says %lld on hand after it, the movements sum to "
			    "%lld", (long long)db_col_int(st, 3),
			    (long long)db_col_int(st, 2), (long long)sum);
			break;
		}
	}
	db_done(st);
	if (r == DB_ROW)
		return ERR_INTEGRITY;
	return r == DB_DONE ? 0 : r;
}

/* Compare every product's cached stock with the sum of its movements. */
static int
stock_verify_totals(struct db *db, struct stock_verify *res)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT p.id, p.sku, p.on_hand, "
	    "(SELECT coalesce(sum(m.qty), 0) FROM stock_movements m "
	    "WHERE m.product_id = p.id) FROM products p ORDER BY p.id",
	    &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		res->products++;
		if (db_col_int(st, 2) != db_col_int(st, 3)) {
			res->bad_product_id = db_col_int(st, 0);
			snprintf(res->why, sizeof res->why, "product %s: %lld "
			    "on hand, the movements sum to %lld",
			    db_col_text(st, 1), (long long)db_col_int(st, 2),
			    (long long)db_col_int(st, 3));
			break;
		}
	}
	db_done(st);
	if (r == DB_ROW)
		return ERR_INTEGRITY;
	return r == DB_DONE ? 0 : r;
}

static int
stock_verify_tx(struct db *db, void *argp)
{
	struct stock_verify *res = argp;
	int r;

	if ((r = stock_verify_totals(db, res)) != 0)
		return r;
	return stock_verify_chain(db, res);
}

int
stock_verify(struct db *db, struct stock_verify *res)
{
	memset(res, 0, sizeof *res);
	return db_read(db, stock_verify_tx, res);
}

/*
 * sale_checkout.c -- selling a basket: one write transaction with the
 * sale, its lines, the stock movements, the ledger tx (and its audit
 * row) and the loyalty points, or nothing.
 */
#include "model/sale.h"

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
#include "model/customer.h"
#include "model/ctx.h"
#include "model/digest.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/sale_int.h"
#include "model/settings.h"
#include "model/stock.h"

/* The working state of one checkout. */
struct co {
	struct mctx		*ctx;
	struct sale_basket	*b;
	const struct sale_pay	*pay;
	struct sale_result	*res;
	const char		*key;
	char			 hash[65];
	char			 day[11];
	int64_t			 now;
	struct sale_totals	 t;
	int64_t			 points, value;
};

int
sale_day(struct db *db, int64_t t, char day[11])
{
	struct cafe_info ci;
	int r;

	if ((r = settings_cafe(db, &ci)) != 0)
		return r;
	clock_fmt_local(day, 11, t, ci.timezone, "%Y-%m-%d");
	return 0;
}

int
sale_next_no(struct db *db, int refunds, int64_t *out)
{
	if (refunds)
		return db_row_int(db, out, "SELECT coalesce(max(refund_no), 0) "
		    "+ 1 FROM sale_refunds", NULL);
	return db_row_int(db, out, "SELECT coalesce(max(receipt_no), 0) + 1 "
	    "FROM sales", NULL);
}

/* A digest of what is sold and how it is paid, for the key. */
static void
co_hash(struct co *co)
{
	crypto_generichash_state st;
	unsigned char h[32];
	size_t i;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	digest_int(&st, co->pay->method);
	digest_int(&st, co->pay->customer_id);
	digest_int(&st, co->pay->shift_id);
	digest_int(&st, co->pay->tendered);
	digest_int(&st, (int64_t)co->b->n);
	for (i = 0; i < co->b->n; i++) {
		digest_int(&st, co->b->lines[i].product_id);
		digest_int(&st, co->b->lines[i].qty);
		digest_int(&st, co->b->lines[i].unit_price);
		digest_int(&st, co->b->lines[i].discount);
	}
	crypto_generichash_final(&st, h, sizeof h);
	str_hex(co->hash, h, sizeof h);
}

/* Fill res from the stored sale with this id. */
static int
co_result_of(struct db *db, int64_t receipt_no, struct sale_result *res)
{
	struct sale_info si;
	int r;

	if ((r = sale_get(db, receipt_no, &si, NULL, NULL)) != 0)
		return r;
	memset(res, 0, sizeof *res);
	res->sale_id = si.id;
	res->receipt_no = si.receipt_no;
	res->gross = si.gross;
	res->net = si.net;
	res->tax = si.tax;
	res->discount = si.discount;
	res->change = si.tendered > 0 ? si.tendered - si.gross : 0;
	res->points = si.points;
	res->ledger_tx = si.ledger_tx;
	return 0;
}

/*
 * A key seen before: 0 with the first result when it sold this very
 * basket, ERR_CONFLICT when it did something else, 1 when it is new.
 */
static int
co_replay(struct co *co)
{
	struct db_stmt *st;
	int64_t receipt = 0, tx;
	int r, same = 0;

	if ((r = db_stmt(co->ctx->db, "SELECT receipt_no, idem_hash FROM "
	    "sales WHERE idem_key = ?", &st)) != 0)
		return r;
	db_bind_text(st, 1, co->key);
	if ((r = db_step(st)) == DB_ROW) {
		receipt = db_col_int(st, 0);
		same = strcmp(db_col_text(st, 1), co->hash) == 0;
	}
	db_done(st);
	if (r == DB_DONE) {
		/* Used by the ledger for something other than a sale? */
		r = ledger_key_find(co->ctx->db, co->key, &tx);
		return r == ERR_NOTFOUND ? 1 : r == 0 ? ERR_CONFLICT : r;
	}
	if (r != DB_ROW)
		return r;
	if (!same)
		return ERR_CONFLICT;
	if ((r = co_result_of(co->ctx->db, receipt, co->res)) != 0)
		return r;
	co->res->replayed = 1;
	return 0;
}

/*
 * Re-read every product: gone, inactive, or a price or rate that
 * changed since it was added (the line takes the new one) refuse the
 * sale.
 */
static int
co_refresh(struct co *co)
{
	struct sale_line *l;
	struct product p;
	size_t i;
	int r, changed = 0;

	for (i = 0; i < co->b->n; i++) {
		l = &co->b->lines[i];
		if ((r = product_get(co->ctx->db, l->product_id, &p)) != 0)
			return r;
		if (!p.active)
			return ERR_STATE;
		if (p.price != l->unit_price || p.tax_rate != l->tax_rate) {
			sale_line_from_product(l, &p);
			changed = 1;
		}
		if ((r = sale_line_compute(l)) != 0)
			return r;
	}
	return changed ? ERR_STATE : 0;
}

/* The payment is possible: customer, shift, tendered cash. */
static int
co_check_pay(struct co *co)
{
	const struct sale_pay *pay = co->pay;
	int r;

	if (pay->customer_id > 0 &&
	    (r = customer_is_disabled(co->ctx->db, pay->customer_id)) != 0) {
		if (r < 0)
			return r;
		if (pay->method == SALE_WALLET)
			return ERR_DISABLED;
	}
	if (co->t.gross > MONEY_MAX)
		return ERR_OVERFLOW;
	if (pay->method == SALE_CASH && pay->tendered != 0 &&
	    pay->tendered < co->t.gross)
		return ERR_RANGE;
	return 0;
}

static int
co_insert_sale(struct co *co)
{
	const struct sale_pay *pay = co->pay;
	int64_t uid = co->ctx->actor.user_id;

	return db_row_id(co->ctx->db, &co->res->sale_id, "INSERT INTO sales "
	    "(receipt_no, at, day, actor, user_id, method, customer_id, "
	    "shift_id, gross, net, tax, discount, tendered, points, idem_key, "
	    "idem_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iittotooiiiioitt", co->res->receipt_no, co->now, co->day,
	    co->ctx->actor.name, uid > 0 ? uid : 0,
	    sale_method_name(pay->method),
	    pay->customer_id > 0 ? pay->customer_id : 0,
	    pay->shift_id > 0 ? pay->shift_id : 0, co->t.gross, co->t.net,
	    co->t.tax, co->t.discount,
	    pay->method == SALE_CASH && pay->tendered > 0 ? pay->tendered : 0,
	    co->points, co->key, co->hash);
}

/* Insert line i and move its stock out. */
static int
co_insert_line(struct co *co, size_t i)
{
	const struct sale_line *l = &co->b->lines[i];
	int64_t line_id;
	int r;

	if ((r = db_row_id(co->ctx->db, &line_id, "INSERT INTO sale_lines "
	    "(sale_id, line_no, day, product_id, category_id, sku, name, qty, "
	    "unit_price, discount, gross, tax_rate, net, tax) SELECT ?, ?, ?, "
	    "p.id, p.category_id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM products p "
	    "WHERE p.id = ?", "iitttiiiiiiii", co->res->sale_id,
	    (int64_t)i + 1, co->day, l->sku, l->name, l->qty, l->unit_price,
	    l->discount, l->gross, (int64_t)l->tax_rate, l->net, l->tax,
	    l->product_id)) != 0)
		return r;
	r = stock_move_tx(co->ctx, l->product_id, STOCK_SALE, -l->qty,
	    line_id, &co->res->left);
	if (r == ERR_INSUFFICIENT)
		str_lcpy(co->res->short_sku, l->sku, sizeof co->res->short_sku);
	return r;
}

/* "receipt=12 method=cash lines=COLA*2,CHIPS*1" for the audit row. */
static char *
co_audit_extra(struct co *co)
{
	char *s, *t;
	size_t i;

	xasprintf(&s, "receipt=%lld method=%s lines=",
	    (long long)co->res->receipt_no, sale_method_name(co->pay->method));
	for (i = 0; i < co->b->n && strlen(s) < 1500; i++) {
		xasprintf(&t, "%s%s%s*%lld%s", s, i > 0 ? "," : "",
		    co->b->lines[i].sku, (long long)co->b->lines[i].qty,
		    co->b->lines[i].discount > 0 ? "(discounted)" : "");
		free(s);
		s = t;
	}
	if (i < co->b->n) {
		xasprintf(&t, "%s,...", s);
		free(s);
		s = t;
	}
	return s;
}

/* The legs of the sale's ledger tx; returns how many. */
static size_t
co_legs(const struct co *co, struct ledger_leg *legs)
{
	const struct sale_pay *pay = co->pay;
	size_t n = 0;

	if (pay->method == SALE_WALLET)
		legs[n++] = (struct ledger_leg){ LEDGER_WALLET,
		    pay->customer_id, -co->t.gross };
	else if (pay->method == SALE_CASH)
		legs[n++] = (struct ledger_leg){ LEDGER_DRAWER, pay->shift_id,
		    co->t.gross };
	else
		legs[n++] = (struct ledger_leg){ LEDGER_CARD, 0, co->t.gross };
	legs[n++] = (struct ledger_leg){ LEDGER_REV_SHOP, 0,
	    co->t.gross + co->t.discount };
	if (co->t.discount > 0)
		legs[n++] = (struct ledger_leg){ LEDGER_DISCOUNTS, 0,
		    co->t.discount };
	if (co->value > 0) {
		legs[n++] = (struct ledger_leg){ LEDGER_LOYALTY,
		    pay->customer_id, co->value };
		legs[n++] = (struct ledger_leg){ LEDGER_LOYALTY_COST, 0,
		    co->value };
	}
	return n;
}

/* Post the sale's ledger tx (or, for a free sale, audit it alone). */
static int
co_post(struct co *co)
{
	struct ledger_leg legs[5];
	struct ledger_post p;
	struct ledger_result lr;
	char memo[40], *extra = co_audit_extra(co), idbuf[24];
	int r;

	snprintf(memo, sizeof memo, "receipt %lld",
	    (long long)co->res->receipt_no);
	if (co->t.gross == 0 && co->t.discount == 0) {
		snprintf(idbuf, sizeof idbuf, "%lld",
		    (long long)co->res->sale_id);
		r = audit_append(co->ctx, "shop.sale", "sale", idbuf, extra);
		free(extra);
		return r;
	}
	memset(&p, 0, sizeof p);
	p.key = co->key;
	p.op = "shop.sale";
	p.memo = memo;
	p.shift_id = co->pay->method != SALE_WALLET ? co->pay->shift_id : 0;
	p.customer_id = co->pay->customer_id;
	p.audit_extra = extra;
	p.legs = legs;
	p.nlegs = co_legs(co, legs);
	r = ledger_post(co->ctx, &p, &lr);
	free(extra);
	if (r != 0)
		return r;
	if (lr.replayed)	/* the key is the ledger's already */
		return ERR_CONFLICT;
	co->res->ledger_tx = lr.tx_id;
	return 0;
}

/* Record the ledger tx on the sale, and the loyalty lot. */
static int
co_finish(struct co *co)
{
	int r;

	if (co->res->ledger_tx > 0 && (r = db_row_none(co->ctx->db,
	    "UPDATE sales SET ledger_tx = ? WHERE id = ?", "ii",
	    co->res->ledger_tx, co->res->sale_id)) < 0)
		return r;
	if (co->points == 0)
		return 0;
	return loyalty_lot_tx(co->ctx, co->pay->customer_id, co->points,
	    co->value, "shop", co->res->sale_id, co->res->ledger_tx);
}

static int
co_tx(struct db *db, void *argp)
{
	struct co *co = argp;
	size_t i;
	int r;

	if ((r = co_replay(co)) != 1)
		return r;
	if ((r = co_refresh(co)) != 0)
		return r;
	sale_basket_totals(co->b, &co->t);
	if ((r = co_check_pay(co)) != 0 ||
	    (r = sale_day(db, co->now, co->day)) != 0 ||
	    (r = sale_next_no(db, 0, &co->res->receipt_no)) != 0)
		return r;
	if (co->pay->customer_id > 0 && (r = loyalty_quote(db, co->t.gross,
	    &co->points, &co->value)) != 0)
		return r;
	if ((r = co_insert_sale(co)) != 0)
		return r;
	for (i = 0; i < co->b->n; i++)
		if ((r = co_insert_line(co, i)) != 0)
			return r;
	if ((r = co_post(co)) != 0 || (r = co_finish(co)) != 0)
		return r;
	co->res->gross = co->t.gross;
	co->res->net = co->t.net;
	co->res->tax = co->t.tax;
	co->res->discount = co->t.discount;
	co->res->points = co->points;
	if (co->pay->method == SALE_CASH && co->pay->tendered > 0)
		co->res->change = co->pay->tendered - co->t.gross;
	return 0;
}

/* What can be refused before the transaction. */
static int
co_precheck(struct mctx *ctx, const struct sale_basket *b,
    const struct sale_pay *pay)
{
	size_t i;
	int r;

	if ((r = perm_require(ctx, PERM_SHOP_SELL, "shop.sale", "sale",
	    "")) != 0)
		return r;
	for (i = 0; i < b->n; i++)
		if (b->lines[i].discount > 0 && (r = perm_require(ctx,
		    PERM_WALLET_APPROVE, "shop.discount", "product",
		    b->lines[i].sku)) != 0)
			return r;
	if (b->n == 0 || sale_method_name(pay->method) == NULL ||
	    pay->customer_id < 0 || pay->shift_id < 0 || pay->tendered < 0 ||
	    (pay->key != NULL && (*pay->key == '\0' ||
	    strlen(pay->key) > SALE_KEY_MAX)))
		return ERR_INVALID;
	if (pay->method == SALE_WALLET && pay->customer_id == 0)
		return ERR_INVALID;
	if (pay->method != SALE_WALLET && pay->shift_id == 0)
		return ERR_NOSHIFT;
	return 0;
}

int
sale_checkout(struct mctx *ctx, struct sale_basket *b,
    const struct sale_pay *pay, struct sale_result *res)
{
	struct sale_result out;
	struct co co;
	char fresh[33];
	int r;

	memset(&out, 0, sizeof out);
	if ((r = co_precheck(ctx, b, pay)) != 0)
		return r;
	memset(&co, 0, sizeof co);
	co.ctx = ctx;
	co.b = b;
	co.pay = pay;
	co.res = &out;
	co.now = clock_now();
	if ((co.key = pay->key) == NULL) {
		ledger_new_key(fresh);
		co.key = fresh;
	}
	co_hash(&co);
	r = db_write(ctx->db, co_tx, &co);
	if (r == 0)
		sale_basket_clear(b);
	if (r == 0 || r == ERR_INSUFFICIENT)
		*res = out;
	return r;
}

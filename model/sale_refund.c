/*
 * sale_refund.c -- refunds of sale lines: the money back the way it
 * came, the units back on the shelf (unless waste), the points taken
 * back; one transaction with one ledger tx reversing (part of) the
 * sale's.
 */
#include "model/sale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/approval.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/sale_int.h"
#include "model/stock.h"

/* The working state of one refund. */
struct rf {
	struct mctx			*ctx;
	const struct sale_refund_req	*req;
	const char			*key;
	const char			*approved_by;
	struct sale_refund_result	*res;
	struct sale_info		 si;
	struct sale_line		 line;
	int64_t				 category_id;
	int64_t				 lot, lot_points, lot_value;
	char				 day[11];
};

/* Load the sale and the line the request names. */
static int
rf_load(struct rf *rf)
{
	struct sale_line *v = NULL;
	size_t n = 0, i;
	int r;

	if ((r = sale_get(rf->ctx->db, rf->req->receipt_no, &rf->si, &v,
	    &n)) != 0)
		return r;
	r = ERR_NOTFOUND;
	for (i = 0; i < n; i++) {
		if (v[i].line_no == rf->req->line_no) {
			rf->line = v[i];
			r = 0;
		}
	}
	free(v);
	return r;
}

/* What was refunded of the line so far: gross and net. */
static int
rf_refunded(struct db *db, int64_t line_id, int64_t *gross, int64_t *net)
{
	int64_t v[2];
	int r;

	if ((r = db_row_ints(db, v, 2, "SELECT coalesce(sum(gross), 0), "
	    "coalesce(sum(net), 0) FROM sale_refunds WHERE line_id = ?", "i",
	    line_id)) != 0)
		return r;
	*gross = v[0];
	*net = v[1];
	return 0;
}

/*
 * The amounts of the refund (see TAX in sale.h): a share of the line,
 * or for its last units exactly what is left of it.
 */
static int
rf_amounts(struct rf *rf)
{
	const struct sale_line *l = &rf->line;
	int64_t k = rf->req->qty, left = l->qty - l->refunded_qty, g = 0, n = 0;
	int r;

	if (left == 0)
		return ERR_STATE;
	if (k > left)
		return ERR_RANGE;
	if (k == left) {
		if ((r = rf_refunded(rf->ctx->db, l->id, &g, &n)) != 0)
			return r;
		rf->res->gross = l->gross - g;
		rf->res->net = l->net - n;
	} else if ((r = money_mul_div_round(l->gross, k, l->qty,
	    &rf->res->gross)) != 0 ||
	    (r = money_mul_div_round(l->net, k, l->qty, &rf->res->net)) != 0)
		return r;
	rf->res->tax = rf->res->gross - rf->res->net;
	if (rf->si.customer_id > 0 && rf->si.gross > 0)
		return loyalty_take_back_quote(rf->ctx->db, "shop", rf->si.id,
		    rf->res->gross, rf->si.gross, &rf->lot, &rf->lot_points,
		    &rf->lot_value);
	return 0;
}

/* The legs: the money back the way it came, and the points back. */
static size_t
rf_legs(const struct rf *rf, struct ledger_leg *legs)
{
	int64_t g = rf->res->gross;
	size_t n = 0;

	if (rf->si.method == SALE_WALLET)
		legs[n++] = (struct ledger_leg){ LEDGER_WALLET,
		    rf->si.customer_id, g };
	else if (rf->si.method == SALE_CASH)
		legs[n++] = (struct ledger_leg){ LEDGER_DRAWER,
		    rf->req->shift_id, -g };
	else
		legs[n++] = (struct ledger_leg){ LEDGER_CARD, 0, -g };
	legs[n++] = (struct ledger_leg){ LEDGER_REFUNDS, 0, g };
	if (rf->lot_value > 0) {
		legs[n++] = (struct ledger_leg){ LEDGER_LOYALTY,
		    rf->si.customer_id, -rf->lot_value };
		legs[n++] = (struct ledger_leg){ LEDGER_LOYALTY_COST, 0,
		    -rf->lot_value };
	}
	return n;
}

static int
rf_post(struct rf *rf)
{
	struct ledger_leg legs[4];
	struct ledger_post p;
	struct ledger_result lr;
	char memo[96], extra[300], idbuf[24];
	int r;

	snprintf(memo, sizeof memo, "refund %lld: receipt %lld line %d",
	    (long long)rf->res->refund_no, (long long)rf->si.receipt_no,
	    rf->line.line_no);
	snprintf(extra, sizeof extra, "sku=%s qty=%lld%s reason=%s",
	    rf->line.sku, (long long)rf->req->qty, rf->req->waste ?
	    " waste" : "", rf->req->reason);
	if (rf->res->gross == 0 && rf->lot_value == 0) {
		snprintf(idbuf, sizeof idbuf, "%lld",
		    (long long)rf->res->refund_no);
		return audit_appendf(rf->ctx, "shop.refund", "refund", idbuf,
		    "%s %s", memo, extra);
	}
	memset(&p, 0, sizeof p);
	p.key = rf->key;
	p.op = "shop.refund";
	p.memo = memo;
	p.shift_id = rf->si.method != SALE_WALLET ? rf->req->shift_id : 0;
	p.customer_id = rf->si.customer_id;
	p.reverses = rf->si.ledger_tx;
	p.approved_by = rf->approved_by;
	p.audit_extra = extra;
	p.legs = legs;
	p.nlegs = rf_legs(rf, legs);
	if ((r = ledger_post(rf->ctx, &p, &lr)) != 0)
		return r;
	rf->res->ledger_tx = lr.tx_id;
	return lr.replayed ? ERR_CONFLICT : 0;
}

static int
rf_insert(struct rf *rf)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(rf->ctx->db, "INSERT INTO sale_refunds (refund_no, "
	    "line_id, sale_id, product_id, category_id, at, day, actor, qty, "
	    "gross, net, tax, waste, reason, shift_id, ledger_tx, idem_key) "
	    "SELECT ?, l.id, l.sale_id, l.product_id, l.category_id, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ? FROM sale_lines l WHERE l.id = ?",
	    &st)) != 0)
		return r;
	db_bind_int(st, 1, rf->res->refund_no);
	db_bind_int(st, 2, clock_now());
	db_bind_text(st, 3, rf->day);
	db_bind_text(st, 4, rf->ctx->actor.name);
	db_bind_int(st, 5, rf->req->qty);
	db_bind_int(st, 6, rf->res->gross);
	db_bind_int(st, 7, rf->res->net);
	db_bind_int(st, 8, rf->res->tax);
	db_bind_int(st, 9, rf->req->waste ? 1 : 0);
	db_bind_text(st, 10, rf->req->reason);
	if (rf->si.method != SALE_WALLET)
		db_bind_int(st, 11, rf->req->shift_id);
	if (rf->res->ledger_tx > 0)
		db_bind_int(st, 12, rf->res->ledger_tx);
	db_bind_text(st, 13, rf->key);
	db_bind_int(st, 14, rf->line.id);
	r = db_step(st);
	db_done(st);
	if (r != DB_DONE)
		return r;
	rf->res->refund_id = db_last_id(rf->ctx->db);
	return 0;
}

/* Count the units as refunded, restock them, take the points back. */
static int
rf_apply(struct rf *rf)
{
	int r;

	if ((r = db_row_none(rf->ctx->db, "UPDATE sale_lines SET "
	    "refunded_qty = refunded_qty + ? WHERE id = ?", "ii", rf->req->qty,
	    rf->line.id)) < 0)
		return r;
	if (!rf->req->waste && (r = stock_move_tx(rf->ctx,
	    rf->line.product_id, STOCK_RETURN, rf->req->qty, rf->line.id,
	    NULL)) != 0)
		return r;
	rf->res->points = rf->lot_points;
	if (rf->lot_points == 0)
		return 0;
	return loyalty_take_back_tx(rf->ctx, rf->lot, rf->lot_points,
	    rf->lot_value, rf->res->refund_id, rf->res->ledger_tx);
}

/*
 * A key seen before: 0 with the first result when it refunded this
 * very line and quantity, ERR_CONFLICT when it did something else, 1
 * when it is new.
 */
static int
rf_replay(struct rf *rf)
{
	struct db_stmt *st;
	int64_t tx;
	int r, same = 0;

	if ((r = db_stmt(rf->ctx->db, "SELECT r.id, r.refund_no, r.gross, "
	    "r.net, r.tax, coalesce(r.ledger_tx, 0), r.qty = ? AND r.waste = ? "
	    "AND l.line_no = ? AND s.receipt_no = ? FROM sale_refunds r "
	    "JOIN sale_lines l ON l.id = r.line_id JOIN sales s ON "
	    "s.id = r.sale_id WHERE r.idem_key = ?", &st)) != 0)
		return r;
	db_bind_int(st, 1, rf->req->qty);
	db_bind_int(st, 2, rf->req->waste ? 1 : 0);
	db_bind_int(st, 3, rf->req->line_no);
	db_bind_int(st, 4, rf->req->receipt_no);
	db_bind_text(st, 5, rf->key);
	if ((r = db_step(st)) == DB_ROW) {
		*rf->res = (struct sale_refund_result){
		    .refund_id = db_col_int(st, 0),
		    .refund_no = db_col_int(st, 1),
		    .gross = db_col_int(st, 2), .net = db_col_int(st, 3),
		    .tax = db_col_int(st, 4), .ledger_tx = db_col_int(st, 5),
		    .replayed = 1 };
		same = (int)db_col_int(st, 6);
	}
	db_done(st);
	if (r == DB_ROW)
		return same ? 0 : ERR_CONFLICT;
	if (r != DB_DONE)
		return r;
	r = ledger_key_find(rf->ctx->db, rf->key, &tx);
	return r == ERR_NOTFOUND ? 1 : r == 0 ? ERR_CONFLICT : r;
}

static int
rf_tx(struct db *db, void *argp)
{
	struct rf *rf = argp;
	int r;

	if ((r = rf_replay(rf)) != 1)
		return r;
	if ((r = rf_load(rf)) != 0 || (r = rf_amounts(rf)) != 0)
		return r;
	if (rf->si.method != SALE_WALLET && rf->req->shift_id == 0)
		return ERR_NOSHIFT;
	if ((r = sale_day(db, clock_now(), rf->day)) != 0 ||
	    (r = sale_next_no(db, 1, &rf->res->refund_no)) != 0 ||
	    (r = rf_post(rf)) != 0 || (r = rf_insert(rf)) != 0)
		return r;
	return rf_apply(rf);
}

/* Run a refund whose permission and arguments were checked. */
static int
sale_refund_run(struct mctx *ctx, const struct sale_refund_req *req,
    const char *key, const char *approved_by, struct sale_refund_result *res)
{
	struct sale_refund_result out;
	struct rf rf;
	int r;

	memset(&rf, 0, sizeof rf);
	memset(&out, 0, sizeof out);
	rf.ctx = ctx;
	rf.req = req;
	rf.key = key;
	rf.approved_by = approved_by;
	rf.res = &out;
	if ((r = db_write(ctx->db, rf_tx, &rf)) == 0 && res != NULL)
		*res = out;
	return r;
}

/* Insert the refund request's details, keyed by its key. */
static int
rf_request_row(struct db *db, const struct sale_refund_req *rq,
    const char *key)
{
	int r;

	r = db_row_none(db, "INSERT INTO sale_refund_requests (idem_key, "
	    "receipt_no, line_no, qty, waste, reason, shift_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", "tiiiito", key, rq->receipt_no,
	    (int64_t)rq->line_no, rq->qty, (int64_t)(rq->waste ? 1 : 0),
	    rq->reason, rq->shift_id > 0 ? rq->shift_id : 0);
	return r < 0 ? r : 0;
}

/* The request: what to refund and the approval request, together. */
static int
rf_request_tx(struct db *db, void *argp)
{
	struct rf *rf = argp;
	struct approval_new an;
	int r;

	if ((r = rf_request_row(db, rf->req, rf->key)) != 0)
		return r;
	memset(&an, 0, sizeof an);
	an.op = "shop.refund";
	an.key = rf->key;
	an.customer_id = rf->si.customer_id;
	an.shift_id = rf->si.method != SALE_WALLET ? rf->req->shift_id : 0;
	an.ref_id = rf->line.id;
	an.amount = rf->res->gross;
	an.reason = rf->req->reason;
	return approval_request(rf->ctx, &an, &rf->res->approval_id);
}

/*
 * The two-person rule: 1 to refund now, ERR_NEEDS_APPROVAL when a
 * request was recorded or still waits, 0 when the key's request was
 * approved (the refund is made: it replays), or an error.
 */
static int
rf_approval(struct rf *rf)
{
	struct approval_info ai;
	int64_t tx;
	int r;

	if (approval_find_key(rf->ctx->db, rf->key, &ai) == 0) {
		rf->res->approval_id = ai.id;
		if (ai.state == APPROVAL_PENDING)
			return ERR_NEEDS_APPROVAL;
		return ai.state == APPROVAL_APPROVED ? 1 : ERR_DENIED;
	}
	if (ledger_key_find(rf->ctx->db, rf->key, &tx) == 0)
		return 1;
	if ((r = rf_load(rf)) != 0 || (r = rf_amounts(rf)) != 0)
		return r;
	if ((r = approval_needed(rf->ctx, rf->res->gross)) <= 0)
		return r == 0 ? 1 : r;
	if ((r = db_write(rf->ctx->db, rf_request_tx, rf)) != 0)
		return r;
	return ERR_NEEDS_APPROVAL;
}

int
sale_refund(struct mctx *ctx, const struct sale_refund_req *req,
    struct sale_refund_result *res)
{
	struct sale_refund_result out;
	char fresh[33], idbuf[24];
	struct rf rf;
	int r;

	snprintf(idbuf, sizeof idbuf, "%lld", (long long)req->receipt_no);
	if ((r = perm_require(ctx, PERM_WALLET_REFUND, "shop.refund", "sale",
	    idbuf)) != 0)
		return r;
	if (req->qty < 1 || req->reason == NULL || *req->reason == '\0' ||
	    str_has_control(req->reason) || str_width(req->reason) > 128 ||
	    req->shift_id < 0 || (req->key != NULL && (*req->key == '\0' ||
	    strlen(req->key) > SALE_KEY_MAX)))
		return ERR_INVALID;
	memset(&rf, 0, sizeof rf);
	memset(&out, 0, sizeof out);
	rf.ctx = ctx;
	rf.req = req;
	if ((rf.key = req->key) == NULL) {
		ledger_new_key(fresh);
		rf.key = fresh;
	}
	rf.res = &out;
	if ((r = rf_approval(&rf)) == 1)
		return sale_refund_run(ctx, req, rf.key, NULL, res);
	if (r == ERR_NEEDS_APPROVAL && res != NULL)
		res->approval_id = out.approval_id;
	return r;
}

struct rf_load {
	struct sale_refund_req	*rq;
	char			*reason;
	size_t			 size;
};

static void
rf_request_fill(struct db_stmt *st, void *out)
{
	struct rf_load *l = out;

	l->rq->receipt_no = db_col_int(st, 0);
	l->rq->line_no = (int)db_col_int(st, 1);
	l->rq->qty = db_col_int(st, 2);
	l->rq->waste = (int)db_col_int(st, 3);
	str_lcpy(l->reason, db_col_text(st, 4), l->size);
	l->rq->reason = l->reason;
	l->rq->shift_id = db_col_int(st, 5);
}

/* The details of the refund request made under key. */
static int
rf_request_load(struct db *db, const char *key, struct sale_refund_req *rq,
    char *reason, size_t size)
{
	struct rf_load l = { rq, reason, size };

	return db_row_one(db, rf_request_fill, &l, "SELECT receipt_no, "
	    "line_no, qty, waste, reason, coalesce(shift_id, 0) FROM "
	    "sale_refund_requests WHERE idem_key = ?", "t", key);
}

int
sale_refund_exec_approved(struct mctx *exec, const struct approval_info *ai,
    const char *approver, int64_t *tx_id)
{
	struct sale_refund_result res;
	struct sale_refund_req rq;
	char reason[STOCK_REASON_MAX * 4 + 1];
	int r;

	memset(&rq, 0, sizeof rq);
	if ((r = rf_request_load(exec->db, ai->key, &rq, reason,
	    sizeof reason)) != 0)
		return r;
	rq.key = ai->key;
	if ((r = sale_refund_run(exec, &rq, ai->key, approver, &res)) != 0)
		return r;
	*tx_id = res.ledger_tx;
	return 0;
}

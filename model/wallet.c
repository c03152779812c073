/*
 * wallet.c -- wallet operations as ledger posts: top-up (settling debt
 * first), charge, refund and adjustment under the two-person rule,
 * transfer; balances and history.
 */
#include "model/wallet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/approval.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/shift.h"

/* One post of a wallet operation, and the balance after it. */
struct wtx {
	struct mctx		*ctx;
	const struct wallet_op	*op;
	const char		*opname;
	const char		*approver;
	const char		*extra;
	struct ledger_leg	 legs[3];
	size_t			 nlegs;
	struct wallet_result	*res;
};

static int
wtx_post(struct db *db, void *arg)
{
	struct wtx *w = arg;
	struct ledger_result lr;
	struct ledger_post p;
	size_t i;
	int r;

	memset(&p, 0, sizeof p);
	p.key = w->op->key;
	p.op = w->opname;
	p.memo = w->op->reason;
	p.shift_id = w->op->shift_id;
	p.customer_id = w->op->customer_id;
	p.approved_by = w->approver;
	p.audit_extra = w->extra;
	p.legs = w->legs;
	p.nlegs = w->nlegs;
	if ((r = ledger_post(w->ctx, &p, &lr)) != 0)
		return r;
	w->res->tx_id = lr.tx_id;
	w->res->replayed = lr.replayed;
	/* Written now: the post knows the balance; replayed: read it. */
	for (i = 0; !lr.replayed && i < w->nlegs; i++)
		if (w->legs[i].kind == LEDGER_WALLET &&
		    w->legs[i].ref == w->op->customer_id &&
		    w->legs[i].amount != 0) {
			w->res->balance = lr.after[i];
			return 0;
		}
	return ledger_balance(db, LEDGER_WALLET, w->op->customer_id,
	    &w->res->balance);
}

static void
leg(struct wtx *w, int kind, int64_t ref, int64_t amount)
{
	w->legs[w->nlegs++] = (struct ledger_leg){ kind, ref, amount };
}

/* Permission, key, amount and customer checks shared by every op. */
static int
wallet_pre(struct mctx *ctx, const struct wallet_op *op, int perm,
    const char *action, int need_enabled)
{
	char ids[24];
	int r;

	snprintf(ids, sizeof ids, "%lld", (long long)op->customer_id);
	if ((r = perm_require(ctx, perm, action, "customer", ids)) != 0)
		return r;
	if (op->key == NULL || *op->key == '\0' || op->amount == 0)
		return ERR_INVALID;
	if (op->amount > MONEY_MAX || op->amount < -MONEY_MAX)
		return ERR_RANGE;
	if ((r = customer_is_disabled(ctx->db, op->customer_id)) < 0)
		return r;
	return r == 1 && need_enabled ? ERR_DISABLED : 0;
}

/* Cash needs an open shift the actor may use; card may name one. */
static int
wallet_method(struct mctx *ctx, const struct wallet_op *op,
    const char *action)
{
	if (op->method == WALLET_CARD)
		return 0;
	if (op->method != WALLET_CASH)
		return ERR_INVALID;
	if (op->shift_id == 0)
		return ERR_NOSHIFT;
	return shift_check_use(ctx, op->shift_id, action);
}

static int
wallet_run(struct wtx *w, struct wallet_result *res)
{
	struct wallet_result tmp;
	int r;

	memset(&tmp, 0, sizeof tmp);
	w->res = &tmp;
	if ((r = db_write(w->ctx->db, wtx_post, w)) == 0 && res != NULL)
		*res = tmp;
	return r;
}

/* The debt a top-up under key settles: from its tx when replayed. */
static int
topup_settle(struct db *db, const struct wallet_op *op, int64_t *settle)
{
	struct ledger_entry *e;
	struct ledger_tx_info tx;
	int64_t id, debt;
	size_t i, n;
	int r;

	*settle = 0;
	if (ledger_key_find(db, op->key, &id) == 0) {
		if ((r = ledger_tx_get(db, id, &tx, &e, &n)) != 0)
			return r;
		for (i = 0; i < n; i++)
			if (e[i].kind == LEDGER_RECEIVABLE &&
			    e[i].ref == op->customer_id)
				*settle = -e[i].amount;
		free(e);
		return 0;
	}
	if ((r = ledger_balance(db, LEDGER_RECEIVABLE, op->customer_id,
	    &debt)) != 0)
		return r;
	*settle = debt < op->amount ? debt : op->amount;
	return 0;
}

static int
topup_tx(struct db *db, void *arg)
{
	struct wtx *w = arg;
	const struct wallet_op *op = w->op;
	int64_t settle;
	int r;

	if ((r = topup_settle(db, op, &settle)) != 0)
		return r;
	w->nlegs = 0;
	if (op->method == WALLET_CASH)
		leg(w, LEDGER_DRAWER, op->shift_id, op->amount);
	else
		leg(w, LEDGER_CARD, 0, op->amount);
	leg(w, LEDGER_RECEIVABLE, op->customer_id, -settle);
	leg(w, LEDGER_WALLET, op->customer_id, op->amount - settle);
	w->res->debt_settled = settle;
	return wtx_post(db, w);
}

int
wallet_topup(struct mctx *ctx, const struct wallet_op *op,
    struct wallet_result *res)
{
	struct wallet_result tmp;
	struct wtx w;
	int r;

	if ((r = wallet_pre(ctx, op, PERM_WALLET_TOPUP, "wallet.topup",
	    1)) != 0)
		return r;
	if (op->amount < 0)
		return ERR_INVALID;
	if ((r = wallet_method(ctx, op, "wallet.topup")) != 0)
		return r;
	memset(&w, 0, sizeof w);
	memset(&tmp, 0, sizeof tmp);
	w.ctx = ctx;
	w.op = op;
	w.opname = "wallet.topup";
	w.res = &tmp;
	if ((r = db_write(ctx->db, topup_tx, &w)) == 0 && res != NULL)
		*res = tmp;
	return r;
}

int
wallet_charge(struct mctx *ctx, const struct wallet_op *op,
    struct wallet_result *res)
{
	struct wtx w;
	int rev = op->revenue == 0 ? LEDGER_REV_OTHER : op->revenue, r;

	if ((r = wallet_pre(ctx, op, PERM_WALLET_CHARGE, "wallet.charge",
	    1)) != 0)
		return r;
	if (op->amount < 0 || (rev != LEDGER_REV_SEATS &&
	    rev != LEDGER_REV_SHOP && rev != LEDGER_REV_OTHER))
		return ERR_INVALID;
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.op = op;
	w.opname = "wallet.charge";
	leg(&w, LEDGER_WALLET, op->customer_id, -op->amount);
	leg(&w, rev, 0, op->amount);
	return wallet_run(&w, res);
}

/* The refund's legs and post, once it may run. */
static int
refund_exec(struct mctx *ctx, const struct wallet_op *op,
    const char *approver, const char *extra, struct wallet_result *res)
{
	struct wtx w;

	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.op = op;
	w.opname = "wallet.refund";
	w.approver = approver;
	w.extra = extra;
	leg(&w, LEDGER_WALLET, op->customer_id, -op->amount);
	if (op->method == WALLET_CASH)
		leg(&w, LEDGER_DRAWER, op->shift_id, -op->amount);
	else
		leg(&w, LEDGER_CARD, 0, -op->amount);
	return wallet_run(&w, res);
}

static int
adjust_exec(struct mctx *ctx, const struct wallet_op *op,
    const char *approver, const char *extra, struct wallet_result *res)
{
	struct wtx w;

	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.op = op;
	w.opname = "wallet.adjust";
	w.approver = approver;
	w.extra = extra;
	leg(&w, LEDGER_WALLET, op->customer_id, op->amount);
	leg(&w, LEDGER_ADJUST, 0, op->amount);
	return wallet_run(&w, res);
}

/*
 * The two-person rule. Returns 1 when the key's request was approved
 * (res answers from it), 0 when the operation may run now, or a code:
 * ERR_INSUFFICIENT (the wallet lacks `need` now, so no request is made),
 * ERR_NEEDS_APPROVAL (a request waits), ERR_DENIED (it was rejected or
 * cancelled), ERR_CONFLICT.
 */
static int
wallet_gate(struct mctx *ctx, const struct wallet_op *op, const char *name,
    int64_t ref_id, int64_t need, struct wallet_result *res)
{
	struct approval_new an = { name, op->key, op->customer_id,
	    op->shift_id, ref_id, op->amount, op->reason };
	struct approval_info ai;
	int64_t tx, id;
	int r;

	if (approval_find_key(ctx->db, op->key, &ai) == 0) {
		if ((r = approval_request(ctx, &an, &id)) != 0)
			return r;
		res->approval_id = ai.id;
		if (ai.state == APPROVAL_PENDING)
			return ERR_NEEDS_APPROVAL;
		if (ai.state != APPROVAL_APPROVED)
			return ERR_DENIED;
		res->tx_id = ai.tx_id;
		res->replayed = 1;
		if ((r = wallet_balance(ctx->db, op->customer_id,
		    &res->balance)) != 0)
			return r;
		return 1;
	}
	if (ledger_key_find(ctx->db, op->key, &tx) == 0)
		return 0;
	if ((r = approval_needed(ctx, op->amount < 0 ? -op->amount :
	    op->amount)) <= 0)
		return r;
	/* Ask nobody to approve what cannot be done. */
	if ((r = wallet_balance(ctx->db, op->customer_id, &id)) != 0)
		return r;
	if (id < need)
		return ERR_INSUFFICIENT;
	if ((r = approval_request(ctx, &an, &res->approval_id)) != 0)
		return r;
	return ERR_NEEDS_APPROVAL;
}

/* Reason required, at most LEDGER_MEMO_MAX bytes. */
static int
has_reason(const struct wallet_op *op)
{
	return op->reason != NULL && *op->reason != '\0' &&
	    strlen(op->reason) <= LEDGER_MEMO_MAX;
}

int
wallet_refund(struct mctx *ctx, const struct wallet_op *op,
    struct wallet_result *res)
{
	struct wallet_result tmp;
	int r;

	memset(&tmp, 0, sizeof tmp);
	if ((r = wallet_pre(ctx, op, PERM_WALLET_REFUND, "wallet.refund",
	    0)) != 0)
		return r;
	if (op->amount < 0 || !has_reason(op))
		return ERR_INVALID;
	if ((r = wallet_method(ctx, op, "wallet.refund")) != 0)
		return r;
	if ((r = wallet_gate(ctx, op, "wallet.refund", op->method,
	    op->amount, &tmp)) == 0)
		r = refund_exec(ctx, op, NULL, NULL, &tmp);
	if (r == 1)
		r = 0;
	if ((r == 0 || tmp.approval_id != 0) && res != NULL)
		*res = tmp;
	return r;
}

int
wallet_adjust(struct mctx *ctx, const struct wallet_op *op,
    struct wallet_result *res)
{
	struct wallet_result tmp;
	int r;

	memset(&tmp, 0, sizeof tmp);
	if ((r = wallet_pre(ctx, op, PERM_WALLET_ADJUST, "wallet.adjust",
	    0)) != 0)
		return r;
	if (!has_reason(op))
		return ERR_INVALID;
	if ((r = wallet_gate(ctx, op, "wallet.adjust", 0,
	    -op->amount, &tmp)) == 0)
		r = adjust_exec(ctx, op, NULL, NULL, &tmp);
	if (r == 1)
		r = 0;
	if ((r == 0 || tmp.approval_id != 0) && res != NULL)
		*res = tmp;
	return r;
}

int
wallet_exec_approved(struct mctx *exec_ctx, const struct approval_info *ai,
    const char *approver, struct wallet_result *res)
{
	struct wallet_op op;
	char extra[96];

	memset(&op, 0, sizeof op);
	op.customer_id = ai->customer_id;
	op.amount = ai->amount;
	op.method = (int)ai->ref_id;
	op.shift_id = ai->shift_id;
	op.reason = ai->reason;
	op.key = ai->key;
	snprintf(extra, sizeof extra, "requested_by=%s approval=%lld",
	    ai->requested_by, (long long)ai->id);
	if (strcmp(ai->op, "wallet.refund") == 0)
		return refund_exec(exec_ctx, &op, approver, extra, res);
	if (strcmp(ai->op, "wallet.adjust") == 0)
		return adjust_exec(exec_ctx, &op, approver, extra, res);
	return ERR_INVALID;
}

int
wallet_transfer(struct mctx *ctx, const struct wallet_op *op,
    struct wallet_result *res)
{
	struct wtx w;
	char extra[40];
	int r;

	if ((r = wallet_pre(ctx, op, PERM_WALLET_CHARGE, "wallet.transfer",
	    1)) != 0)
		return r;
	if (!perm_has(ctx, PERM_WALLET_TOPUP))
		return perm_require(ctx, PERM_WALLET_TOPUP, "wallet.transfer",
		    "customer", "");
	if (op->amount < 0 || op->to_customer == op->customer_id)
		return ERR_INVALID;
	if ((r = customer_is_disabled(ctx->db, op->to_customer)) < 0)
		return r;
	if (r == 1)
		return ERR_DISABLED;
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.op = op;
	w.opname = "wallet.transfer";
	snprintf(extra, sizeof extra, "to=%lld", (long long)op->to_customer);
	w.extra = extra;
	leg(&w, LEDGER_WALLET, op->customer_id, -op->amount);
	leg(&w, LEDGER_WALLET, op->to_customer, op->amount);
	return wallet_run(&w, res);
}

int
wallet_balance(struct db *db, int64_t customer_id, int64_t *out)
{
	int r;

	if ((r = customer_is_disabled(db, customer_id)) < 0)
		return r;
	return ledger_balance(db, LEDGER_WALLET, customer_id, out);
}

int
wallet_debt(struct db *db, int64_t customer_id, int64_t *out)
{
	int r;

	if ((r = customer_is_disabled(db, customer_id)) < 0)
		return r;
	return ledger_balance(db, LEDGER_RECEIVABLE, customer_id, out);
}

int
wallet_liability(struct db *db, int64_t *out)
{
	return ledger_total(db, LEDGER_WALLET, out);
}

int
wallet_history(struct db *db, int64_t customer_id, int64_t before,
    int limit, struct ledger_line **out, size_t *n)
{
	int r;

	if ((r = customer_is_disabled(db, customer_id)) < 0)
		return r;
	return ledger_history(db, LEDGER_WALLET, customer_id, before, limit,
	    out, n);
}

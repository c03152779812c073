/*
 * approval.c -- the two-person rule: pending requests, approving (which
 * executes the operation in the same transaction), rejecting,
 * cancelling.
 */
#include "model/approval.h"

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
#include "model/digest.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/sale.h"
#include "model/settings.h"
#include "model/wallet.h"

/* Run an approved request as exec (the requester); set *tx_id. */
typedef int (*approval_exec_fn)(struct mctx *exec,
    const struct approval_info *, const char *approver, int64_t *tx_id);

static int
exec_wallet(struct mctx *exec, const struct approval_info *ai,
    const char *approver, int64_t *tx_id)
{
	struct wallet_result res;
	int r;

	memset(&res, 0, sizeof res);
	if ((r = wallet_exec_approved(exec, ai, approver, &res)) == 0)
		*tx_id = res.tx_id;
	return r;
}

/* Every operation that may wait for approval. Add yours here. */
static const struct {
	const char		*op;
	approval_exec_fn	 fn;
} executors[] = {
	{ "wallet.refund", exec_wallet },
	{ "wallet.adjust", exec_wallet },
	{ "shop.refund", sale_refund_exec_approved },
};

static approval_exec_fn
executor(const char *op)
{
	size_t i;

	for (i = 0; i < sizeof executors / sizeof executors[0]; i++)
		if (strcmp(executors[i].op, op) == 0)
			return executors[i].fn;
	return NULL;
}

static const char *const state_names[] = {
	[APPROVAL_PENDING] = "pending",
	[APPROVAL_APPROVED] = "approved",
	[APPROVAL_REJECTED] = "rejected",
	[APPROVAL_CANCELLED] = "cancelled",
};

const char *
approval_state_name(int state)
{
	if (state < 0 || state > APPROVAL_CANCELLED)
		return "?";
	return state_names[state];
}

static int
state_parse(const char *s)
{
	int i;

	for (i = 0; i <= APPROVAL_CANCELLED; i++)
		if (strcmp(state_names[i], s) == 0)
			return i;
	return -1;
}

int
approval_needed(struct mctx *ctx, int64_t amount)
{
	int64_t threshold;
	int r;

	if (!perm_has(ctx, PERM_WALLET_APPROVE))
		return 1;
	if ((r = settings_get_int(ctx->db, "approval.threshold",
	    &threshold)) != 0)
		return r;
	return amount > threshold;
}

#define APPROVAL_COLS "id, op, idem_key, customer_id, shift_id, ref_id, " \
	"amount, reason, requested_by, requested_uid, requested_at, state, " \
	"decided_by, decided_at, tx_id, digest"

static void
approval_row(struct db_stmt *st, void *out)
{
	struct approval_info *a = out;

	memset(a, 0, sizeof *a);
	a->id = db_col_int(st, 0);
	str_lcpy(a->op, db_col_text(st, 1), sizeof a->op);
	str_lcpy(a->key, db_col_text(st, 2), sizeof a->key);
	a->customer_id = db_col_int(st, 3);
	a->shift_id = db_col_int(st, 4);
	a->ref_id = db_col_int(st, 5);
	a->amount = db_col_int(st, 6);
	str_lcpy(a->reason, db_col_text(st, 7), sizeof a->reason);
	str_lcpy(a->requested_by, db_col_text(st, 8), sizeof a->requested_by);
	a->requested_uid = db_col_int(st, 9);
	a->requested_at = db_col_int(st, 10);
	a->state = state_parse(db_col_text(st, 11));
	str_lcpy(a->decided_by, db_col_text(st, 12), sizeof a->decided_by);
	a->decided_at = db_col_int(st, 13);
	a->tx_id = db_col_int(st, 14);
}

struct approval_load_out {
	struct approval_info	*a;
	char			*dig;
};

static void
approval_load_row(struct db_stmt *st, void *out)
{
	struct approval_load_out *o = out;

	approval_row(st, o->a);
	if (o->dig != NULL)
		str_lcpy(o->dig, db_col_text(st, 15), 65);
}

/* One request by id (key NULL) or by key; its digest into dig. */
static int
approval_load(struct db *db, int64_t id, const char *key,
    struct approval_info *a, char dig[65])
{
	struct approval_load_out o = { a, dig };

	if (key != NULL)
		return db_row_one(db, approval_load_row, &o, "SELECT "
		    APPROVAL_COLS " FROM approvals WHERE idem_key = ?", "t",
		    key);
	return db_row_one(db, approval_load_row, &o, "SELECT " APPROVAL_COLS
	    " FROM approvals WHERE id = ?", "i", id);
}

int
approval_get(struct db *db, int64_t id, struct approval_info *a)
{
	return approval_load(db, id, NULL, a, NULL);
}

int
approval_find_key(struct db *db, const char *key, struct approval_info *a)
{
	if (key == NULL)
		return ERR_NOTFOUND;
	return approval_load(db, 0, key, a, NULL);
}

int
approval_list(struct db *db, int pending_only, int limit,
    struct approval_info **out, size_t *n)
{
	const char *sql;

	if (limit < 1 || limit > 10000)
		return ERR_INVALID;
	if (pending_only)
		sql = "SELECT " APPROVAL_COLS " FROM approvals "
		    "WHERE state = 'pending' ORDER BY id LIMIT ?";
	else
		sql = "SELECT " APPROVAL_COLS " FROM approvals "
		    "ORDER BY id DESC LIMIT ?";
	return db_row_list(db, sizeof **out, approval_row, out, n, sql, "i",
	    (int64_t)limit);
}

int
approval_pending_count(struct db *db, int64_t *out)
{
	return db_row_int(db, out, "SELECT count(*) FROM approvals "
	    "WHERE state = 'pending'", NULL);
}

/* A digest of what a request asks for, to refuse a reused key. */
static void
request_digest(const struct approval_new *an, const char *reason,
    char out[65])
{
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	digest_str(&st, "cafed.approval.v1");
	digest_str(&st, an->op);
	digest_int(&st, an->customer_id);
	digest_int(&st, an->shift_id);
	digest_int(&st, an->ref_id);
	digest_int(&st, an->amount);
	digest_str(&st, reason);
	crypto_generichash_final(&st, h, sizeof h);
	str_hex(out, h, sizeof h);
}

struct req_arg {
	struct mctx			*ctx;
	const struct approval_new	*an;
	char				 reason[LEDGER_MEMO_MAX + 1];
	char				 digest[65];
	int64_t				 id;
};

static int
request_insert(struct req_arg *a)
{
	const struct approval_new *an = a->an;

	return db_row_id(a->ctx->db, &a->id, "INSERT INTO approvals (op, "
	    "idem_key, digest, customer_id, shift_id, ref_id, amount, reason, "
	    "requested_by, requested_uid, requested_at) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?)", "tttooiittoi", an->op, an->key,
	    a->digest, an->customer_id, an->shift_id, an->ref_id, an->amount,
	    a->reason, a->ctx->actor.name, a->ctx->actor.user_id,
	    clock_now());
}

static int
request_tx(struct db *db, void *arg)
{
	struct req_arg *a = arg;
	struct approval_info ai;
	struct cafe_info cafe;
	char dig[65], ids[24], amt[MONEY_BUFSZ];
	int r;

	if ((r = approval_load(db, 0, a->an->key, &ai, dig)) == 0) {
		a->id = ai.id;
		return strcmp(dig, a->digest) == 0 ? 0 : ERR_CONFLICT;
	}
	if (r != ERR_NOTFOUND || (r = request_insert(a)) != 0 ||
	    (r = settings_cafe(db, &cafe)) != 0)
		return r;
	snprintf(ids, sizeof ids, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "approval.request", "approval", ids,
	    "op=%s customer=%lld shift=%lld amount=%s reason=%s", a->an->op,
	    (long long)a->an->customer_id, (long long)a->an->shift_id,
	    money_format(amt, sizeof amt, a->an->amount, cafe.decimals),
	    a->reason);
}

int
approval_request(struct mctx *ctx, const struct approval_new *an,
    int64_t *id)
{
	struct req_arg a;
	int r;

	if (an->op == NULL || executor(an->op) == NULL || an->key == NULL ||
	    *an->key == '\0' || strlen(an->key) > LEDGER_KEY_MAX ||
	    an->reason == NULL || *an->reason == '\0' ||
	    strlen(an->reason) > LEDGER_MEMO_MAX)
		return ERR_INVALID;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.an = an;
	str_sanitize(a.reason, sizeof a.reason, an->reason);
	request_digest(an, a.reason, a.digest);
	if ((r = db_write(ctx->db, request_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

/* 1 when the actor is the person who made the request. */
static int
is_requester(const struct mctx *ctx, const struct approval_info *ai)
{
	if (ctx->actor.user_id != 0 && ctx->actor.user_id == ai->requested_uid)
		return 1;
	return strcmp(ctx->actor.name, ai->requested_by) == 0;
}

/* Checks before deciding: permission, existence, not one's own. */
static int
decide_pre(struct mctx *ctx, int64_t id, const char *action,
    struct approval_info *ai)
{
	char ids[24];
	int r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_WALLET_APPROVE, action, "approval",
	    ids)) != 0)
		return r;
	if ((r = approval_get(ctx->db, id, ai)) != 0)
		return r;
	if (is_requester(ctx, ai)) {
		(void)perm_deny(ctx, action, "approval", ids, "own request");
		return ERR_SELF;	/* refused and audited */
	}
	return ai->state == APPROVAL_PENDING ? 0 : ERR_STATE;
}

struct decide_arg {
	struct mctx	*ctx;
	int64_t		 id;
	int		 state;
	const char	*note;
	int64_t		 tx_id;
};

/* Move a pending request to a.state, recording who and when. */
static int
decide_update(struct decide_arg *a)
{
	int r;

	if ((r = db_row_none(a->ctx->db, "UPDATE approvals SET state = ?, "
	    "decided_by = ?, decided_uid = ?, decided_at = ?, tx_id = ? "
	    "WHERE id = ? AND state = 'pending'", "ttoioi",
	    state_names[a->state], a->ctx->actor.name, a->ctx->actor.user_id,
	    clock_now(), a->tx_id, a->id)) < 0)
		return r;
	return r == 1 ? 0 : ERR_STATE;
}

static int
approve_tx(struct db *db, void *arg)
{
	struct decide_arg *a = arg;
	struct approval_info ai;
	struct mctx exec;
	approval_exec_fn fn;
	char ids[24];
	int r;

	if ((r = approval_get(db, a->id, &ai)) != 0)
		return r;
	if (ai.state != APPROVAL_PENDING)
		return ERR_STATE;
	if ((fn = executor(ai.op)) == NULL)
		return ERR_INVALID;
	/* The operation is the requester's, approved by the actor. */
	exec = *a->ctx;
	exec.actor.user_id = ai.requested_uid;
	str_lcpy(exec.actor.name, ai.requested_by, sizeof exec.actor.name);
	exec.actor.login_id = 0;
	exec.actor.source[0] = '\0';
	if ((r = fn(&exec, &ai, a->ctx->actor.name, &a->tx_id)) != 0 ||
	    (r = decide_update(a)) != 0)
		return r;
	snprintf(ids, sizeof ids, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "approval.approve", "approval", ids,
	    "op=%s requested_by=%s approved_by=%s tx=%lld", ai.op,
	    ai.requested_by, a->ctx->actor.name, (long long)a->tx_id);
}

int
approval_approve(struct mctx *ctx, int64_t id, int64_t *tx_id)
{
	struct decide_arg a = { ctx, id, APPROVAL_APPROVED, NULL, 0 };
	struct approval_info ai;
	int r;

	if ((r = decide_pre(ctx, id, "approval.approve", &ai)) != 0)
		return r;
	if ((r = db_write(ctx->db, approve_tx, &a)) == 0 && tx_id != NULL)
		*tx_id = a.tx_id;
	return r;
}

static int
close_tx(struct db *db, void *arg)
{
	struct decide_arg *a = arg;
	struct approval_info ai;
	char ids[24], note[LEDGER_MEMO_MAX + 1];
	int r;

	if ((r = approval_get(db, a->id, &ai)) != 0)
		return r;
	if ((r = decide_update(a)) != 0)
		return r;
	snprintf(ids, sizeof ids, "%lld", (long long)a->id);
	str_sanitize(note, sizeof note, a->note != NULL ? a->note : "");
	return audit_appendf(a->ctx, a->state == APPROVAL_REJECTED ?
	    "approval.reject" : "approval.cancel", "approval", ids,
	    "op=%s requested_by=%s decided_by=%s note=%s", ai.op,
	    ai.requested_by, a->ctx->actor.name, note);
}

int
approval_reject(struct mctx *ctx, int64_t id, const char *note)
{
	struct decide_arg a = { ctx, id, APPROVAL_REJECTED, note, 0 };
	struct approval_info ai;
	int r;

	if ((r = decide_pre(ctx, id, "approval.reject", &ai)) != 0)
		return r;
	return db_write(ctx->db, close_tx, &a);
}

int
approval_cancel(struct mctx *ctx, int64_t id)
{
	struct decide_arg a = { ctx, id, APPROVAL_CANCELLED, NULL, 0 };
	struct approval_info ai;
	char ids[24];
	int r;

	if ((r = approval_get(ctx->db, id, &ai)) != 0)
		return r;
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if (!is_requester(ctx, &ai) && (r = perm_require(ctx,
	    PERM_WALLET_APPROVE, "approval.cancel", "approval", ids)) != 0)
		return r;
	if (ai.state != APPROVAL_PENDING)
		return ERR_STATE;
	return db_write(ctx->db, close_tx, &a);
}

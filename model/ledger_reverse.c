/*
 * ledger_reverse.c -- correcting a ledger transaction by posting its
 * exact opposite, with the cash going through the drawer open now.
 */
#include "model/ledger.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/ctx.h"

struct rev {
	struct mctx		*ctx;
	int64_t			 orig, shift_id;
	const char		*key, *op, *memo;
	struct ledger_result	 res;
};

/* 1 when some tx reverses orig. */
static int
reversed_already(struct db *db, int64_t orig)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT 1 FROM ledger_tx WHERE reverses = ? "
	    "LIMIT 1", &st)) != 0)
		return r;
	db_bind_int(st, 1, orig);
	r = db_step(st);
	db_done(st);
	return r == DB_ROW ? 1 : r;
}

static int
reverse_tx(struct db *db, void *arg)
{
	struct rev *v = arg;
	struct ledger_leg legs[LEDGER_LEGS_MAX];
	struct ledger_tx_info tx;
	struct ledger_entry *e = NULL;
	struct ledger_post p;
	int64_t seen;
	size_t i, n;
	int r, drawer = 0;

	if ((r = ledger_tx_get(db, v->orig, &tx, &e, &n)) != 0)
		return r;
	if (ledger_key_find(db, v->key, &seen) != 0 &&
	    (r = reversed_already(db, v->orig)) != 0) {
		r = r == 1 ? ERR_STATE : r;
		goto out;
	}
	for (i = 0; i < n && i < LEDGER_LEGS_MAX; i++) {
		legs[i].kind = e[i].kind;
		legs[i].ref = e[i].ref;
		legs[i].amount = -e[i].amount;
		if (e[i].kind == LEDGER_DRAWER) {
			legs[i].ref = v->shift_id;
			drawer = 1;
		}
	}
	if (drawer && v->shift_id == 0) {
		r = ERR_NOSHIFT;
		goto out;
	}
	memset(&p, 0, sizeof p);
	p.key = v->key;
	p.op = v->op;
	p.memo = v->memo;
	p.shift_id = v->shift_id != 0 ? v->shift_id : tx.shift_id;
	p.customer_id = tx.customer_id;
	p.reverses = v->orig;
	p.legs = legs;
	p.nlegs = i;
	r = ledger_post(v->ctx, &p, &v->res);
out:
	free(e);
	return r;
}

int
ledger_reverse(struct mctx *ctx, int64_t orig, int64_t shift_id,
    const char *key, const char *op, const char *memo,
    struct ledger_result *res)
{
	struct rev v;
	int r;

	if (key == NULL || op == NULL)
		return ERR_INVALID;
	memset(&v, 0, sizeof v);
	v.ctx = ctx;
	v.orig = orig;
	v.shift_id = shift_id;
	v.key = key;
	v.op = op;
	v.memo = memo;
	if ((r = db_write(ctx->db, reverse_tx, &v)) == 0 && res != NULL)
		*res = v.res;
	return r;
}


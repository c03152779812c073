/*
 * ledger_tx.c -- reading one ledger transaction and its entries.
 */
#include "model/ledger.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"

static void
tx_row(struct db_stmt *st, struct ledger_tx_info *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	t->at = db_col_int(st, 1);
	str_lcpy(t->op, db_col_text(st, 2), sizeof t->op);
	str_lcpy(t->memo, db_col_text(st, 3), sizeof t->memo);
	str_lcpy(t->actor, db_col_text(st, 4), sizeof t->actor);
	str_lcpy(t->approved_by, db_col_text(st, 5), sizeof t->approved_by);
	t->shift_id = db_col_int(st, 6);
	t->customer_id = db_col_int(st, 7);
	t->reverses = db_col_int(st, 8);
	str_lcpy(t->key, db_col_text(st, 9), sizeof t->key);
}

/* The entries of tx id, in posting order. */
static int
tx_entries(struct db *db, int64_t id, struct ledger_entry **out, size_t *n)
{
	struct ledger_entry *v = NULL;
	struct db_stmt *st;
	size_t len = 0, cap = 0;
	int r;

	if ((r = db_stmt(db, "SELECT e.id, e.tx_id, a.kind, a.ref, e.amount, "
	    "e.balance_after FROM ledger_entries e JOIN ledger_accounts a "
	    "ON a.id = e.account_id WHERE e.tx_id = ? ORDER BY e.id",
	    &st)) != 0)
		return r;
	db_bind_int(st, 1, id);
	while ((r = db_step(st)) == DB_ROW) {
		if (len == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[len].id = db_col_int(st, 0);
		v[len].tx_id = db_col_int(st, 1);
		if (ledger_kind_parse(db_col_text(st, 2), &v[len].kind) != 0)
			v[len].kind = -1;
		v[len].ref = db_col_int(st, 3);
		v[len].amount = db_col_int(st, 4);
		v[len].balance_after = db_col_int(st, 5);
		len++;
	}
	db_done(st);
	if (r != DB_DONE) {
		free(v);
		return r;
	}
	*out = v;
	*n = len;
	return 0;
}

int
ledger_tx_get(struct db *db, int64_t id, struct ledger_tx_info *t,
    struct ledger_entry **legs, size_t *n)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT id, at, op, memo, actor, approved_by, "
	    "shift_id, customer_id, reverses, idem_key FROM ledger_tx "
	    "WHERE id = ?", &st)) != 0)
		return r;
	db_bind_int(st, 1, id);
	if ((r = db_step(st)) == DB_ROW) {
		tx_row(st, t);
		r = 0;
	} else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	if (r != 0 || legs == NULL)
		return r;
	return tx_entries(db, id, legs, n);
}

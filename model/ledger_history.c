/*
 * ledger_history.c -- an account's statement: each entry with the
 * balance after it, newest first, in pages.
 */
#include "model/ledger.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"

static void
line_row(struct db_stmt *st, struct ledger_line *l)
{
	memset(l, 0, sizeof *l);
	l->entry_id = db_col_int(st, 0);
	l->tx_id = db_col_int(st, 1);
	l->at = db_col_int(st, 2);
	str_lcpy(l->op, db_col_text(st, 3), sizeof l->op);
	str_lcpy(l->memo, db_col_text(st, 4), sizeof l->memo);
	str_lcpy(l->actor, db_col_text(st, 5), sizeof l->actor);
	l->amount = db_col_int(st, 6);
	l->balance_after = db_col_int(st, 7);
	l->reverses = db_col_int(st, 8);
}

int
ledger_history(struct db *db, int kind, int64_t ref, int64_t before,
    int limit, struct ledger_line **out, size_t *n)
{
	struct ledger_line *v = NULL;
	struct db_stmt *st;
	size_t len = 0, cap = 0;
	int r;

	if (ledger_kind_name(kind) == NULL || limit < 1 || limit > 10000 ||
	    before < 0)
		return ERR_INVALID;
	if ((r = db_stmt(db, "SELECT e.id, e.tx_id, t.at, t.op, t.memo, "
	    "t.actor, e.amount, e.balance_after, t.reverses "
	    "FROM ledger_accounts a JOIN ledger_entries e "
	    "ON e.account_id = a.id JOIN ledger_tx t ON t.id = e.tx_id "
	    "WHERE a.kind = ? AND a.ref = ? AND (? = 0 OR e.id < ?) "
	    "ORDER BY e.id DESC LIMIT ?", &st)) != 0)
		return r;
	db_bind_text(st, 1, ledger_kind_name(kind));
	db_bind_int(st, 2, ref);
	db_bind_int(st, 3, before);
	db_bind_int(st, 4, before);
	db_bind_int(st, 5, limit);
	while ((r = db_step(st)) == DB_ROW) {
		if (len == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		line_row(st, &v[len++]);
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

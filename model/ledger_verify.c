/*
 * ledger_verify.c -- check the whole ledger against its own rules:
 * balanced transactions, cached balances equal to their entries, no
 * never-negative account below zero, unique keys, sound reversals.
 */
#include "model/ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"

/* Count a problem; keep the first description. */
static void __attribute__((format(printf, 2, 3)))
problem(struct ledger_verify *res, const char *fmt, ...)
{
	va_list ap;

	if (res->problems++ > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(res->why, sizeof res->why, fmt, ap);
	va_end(ap);
}

static int
count(struct db *db, const char *sql, int64_t *out)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, sql, &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW) {
		*out = db_col_int(st, 0);
		r = 0;
	}
	db_done(st);
	return r;
}

/* Close the running tx of the balance walk. */
static void
tx_end(struct ledger_verify *res, int64_t tx, int64_t sum, int64_t n)
{
	if (tx == 0)
		return;
	if (sum != 0)
		problem(res, "transaction %lld does not balance (off by %lld "
		    "minor units)", (long long)tx, (long long)sum);
	else if (n < 2)
		problem(res, "transaction %lld has fewer than two entries",
		    (long long)tx);
}

/* Every tx sums to zero over the sides of its accounts. */
static int
check_balanced(struct db *db, struct ledger_verify *res)
{
	struct db_stmt *st;
	int64_t tx = 0, sum = 0, n = 0, id;
	int kind, r;

	if ((r = db_stmt(db, "SELECT t.id, a.kind, e.amount "
	    "FROM ledger_tx t LEFT JOIN ledger_entries e ON e.tx_id = t.id "
	    "LEFT JOIN ledger_accounts a ON a.id = e.account_id "
	    "ORDER BY t.id, e.id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		if ((id = db_col_int(st, 0)) != tx) {
			tx_end(res, tx, sum, n);
			tx = id;
			sum = n = 0;
		}
		if (db_col_is_null(st, 1))
			continue;
		n++;
		if (ledger_kind_parse(db_col_text(st, 1), &kind) != 0) {
			problem(res, "transaction %lld uses an account of "
			    "unknown kind", (long long)tx);
			continue;
		}
		sum += ledger_kind_side(kind) * db_col_int(st, 2);
	}
	db_done(st);
	tx_end(res, tx, sum, n);
	return r == DB_DONE ? 0 : r;
}

/* Every cached balance equals the sum of its entries. */
static int
check_balances(struct db *db, struct ledger_verify *res)
{
	struct db_stmt *st;
	int64_t id, bal, sum;
	int kind, r;

	if ((r = db_stmt(db, "SELECT a.id, a.kind, a.ref, a.balance, "
	    "COALESCE(SUM(e.amount), 0) FROM ledger_accounts a "
	    "LEFT JOIN ledger_entries e ON e.account_id = a.id "
	    "GROUP BY a.id, a.kind, a.ref, a.balance ORDER BY a.id",
	    &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		res->accounts++;
		id = db_col_int(st, 0);
		bal = db_col_int(st, 3);
		sum = db_col_int(st, 4);
		if (ledger_kind_parse(db_col_text(st, 1), &kind) != 0)
			problem(res, "account %lld has an unknown kind",
			    (long long)id);
		else if (bal != sum)
			problem(res, "account %lld (%s %lld): cached balance "
			    "%lld, its entries sum to %lld", (long long)id,
			    db_col_text(st, 1), (long long)db_col_int(st, 2),
			    (long long)bal, (long long)sum);
		else if (ledger_kind_nonneg(kind) && bal < 0)
			problem(res, "account %lld (%s %lld) is negative",
			    (long long)id, db_col_text(st, 1),
			    (long long)db_col_int(st, 2));
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* The balance after each entry is the running sum of its account. */
static int
check_running(struct db *db, struct ledger_verify *res)
{
	struct db_stmt *st;
	int64_t acct = 0, sum = 0;
	int r;

	if ((r = db_stmt(db, "SELECT account_id, id, amount, balance_after "
	    "FROM ledger_entries ORDER BY account_id, id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		res->entries++;
		if (db_col_int(st, 0) != acct) {
			acct = db_col_int(st, 0);
			sum = 0;
		}
		sum += db_col_int(st, 2);
		if (db_col_int(st, 3) != sum)
			problem(res, "entry %lld: balance after %lld, but the "
			    "running sum is %lld", (long long)db_col_int(st, 1),
			    (long long)db_col_int(st, 3), (long long)sum);
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Keys unique, reversals pointing at earlier transactions. */
static int
check_keys(struct db *db, struct ledger_verify *res)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT idem_key, count(*) FROM ledger_tx "
	    "GROUP BY idem_key HAVING count(*) > 1 LIMIT 1", &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW)
		problem(res, "idempotency key '%s' used %lld times",
		    db_col_text(st, 0), (long long)db_col_int(st, 1));
	db_done(st);
	if (r < 0)
		return r;
	if ((r = db_stmt(db, "SELECT t.id FROM ledger_tx t WHERE "
	    "t.reverses IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_tx "
	    "o WHERE o.id = t.reverses AND o.id < t.id) LIMIT 1", &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW)
		problem(res, "transaction %lld reverses a transaction that "
		    "does not precede it", (long long)db_col_int(st, 0));
	db_done(st);
	return r < 0 ? r : 0;
}

static int
verify_tx(struct db *db, void *arg)
{
	struct ledger_verify *res = arg;
	int r;

	if ((r = count(db, "SELECT count(*) FROM ledger_tx",
	    &res->txs)) != 0 ||
	    (r = check_balanced(db, res)) != 0 ||
	    (r = check_balances(db, res)) != 0 ||
	    (r = check_running(db, res)) != 0 ||
	    (r = check_keys(db, res)) != 0)
		return r;
	return 0;
}

int
ledger_verify(struct db *db, struct ledger_verify *res)
{
	int r;

	memset(res, 0, sizeof *res);
	if ((r = db_read(db, verify_tx, res)) != 0)
		return r;
	return res->problems == 0 ? 0 : ERR_INTEGRITY;
}

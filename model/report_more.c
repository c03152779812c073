/*
 * report_more.c -- reports over the cash desk's tables: the customers
 * who spend most (from the ledger) and the shifts' cash variances.
 */
#include "model/report.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/ctx.h"
#include "model/report_int.h"

enum { C_SPENT, C_SHOP, C_SEATS, C_PURCHASES };

struct period_arg {
	struct report	*rep;
	int64_t		 start, end;
	int		 limit;
};

static int
report_customers_tx(struct db *db, void *argp)
{
	struct period_arg *a = argp;
	struct report_fill f = { a->rep, "id:", 4 };

	return db_row_all(db, report_fill_row, &f, "SELECT t.customer_id, "
	    "c.name, "
	    "sum(CASE WHEN a.kind IN ('discounts', 'refunds') THEN -e.amount "
	    "ELSE e.amount END), "
	    "sum(CASE WHEN a.kind = 'revenue.shop' THEN e.amount WHEN "
	    "t.op LIKE 'shop.%' THEN -e.amount ELSE 0 END), "
	    "sum(CASE WHEN a.kind = 'revenue.seats' THEN e.amount ELSE 0 END), "
	    "count(DISTINCT CASE WHEN a.kind LIKE 'revenue.%' THEN t.id END) "
	    "FROM ledger_tx t JOIN ledger_entries e ON e.tx_id = t.id "
	    "JOIN ledger_accounts a ON a.id = e.account_id "
	    "JOIN customers c ON c.id = t.customer_id "
	    "WHERE t.at >= ? AND t.at < ? AND a.kind IN ('revenue.seats', "
	    "'revenue.shop', 'revenue.other', 'discounts', 'refunds') "
	    "GROUP BY t.customer_id, c.name ORDER BY 3 DESC, 1 LIMIT ?", "iii",
	    a->start, a->end, (int64_t)a->limit);
}

int
report_customers(struct mctx *ctx, const char *from, const char *to,
    int limit, struct report **out)
{
	struct period_arg a;
	int r;

	memset(&a, 0, sizeof a);
	if ((r = report_begin(ctx, "report.customers", from, to, &a.start,
	    &a.end)) != 0)
		return r;
	if (limit < 1 || limit > 1000)
		return ERR_INVALID;
	a.limit = limit;
	a.rep = report_new(ctx->db, "customer", "CUSTOMER", "NAME");
	report_col(a.rep, "SPENT", REPORT_MONEY);
	report_col(a.rep, "SHOP", REPORT_MONEY);
	report_col(a.rep, "SEATS", REPORT_MONEY);
	report_col(a.rep, "PURCHASES", REPORT_COUNT);
	a.rep->bar_col = C_SPENT;
	return report_run(ctx->db, a.rep, report_customers_tx, &a, 1, out);
}

enum { H_FLOAT, H_EXPECTED, H_COUNTED, H_VARIANCE };

static int
report_shifts_tx(struct db *db, void *argp)
{
	struct period_arg *a = argp;
	struct report_fill f = { a->rep, "", 4 };

	return db_row_all(db, report_fill_row, &f, "SELECT s.id, u.name, "
	    "s.float_amount, coalesce(s.expected, 0), coalesce(s.counted, 0), "
	    "coalesce(s.variance, 0) FROM shifts s JOIN users u ON "
	    "u.id = s.user_id WHERE s.closed_at >= ? AND s.closed_at < ? "
	    "ORDER BY s.closed_at, s.id", "ii", a->start, a->end);
}

int
report_shifts(struct mctx *ctx, const char *from, const char *to,
    struct report **out)
{
	struct period_arg a;
	int r;

	memset(&a, 0, sizeof a);
	if ((r = report_begin(ctx, "report.shifts", from, to, &a.start,
	    &a.end)) != 0)
		return r;
	a.rep = report_new(ctx->db, "shift", "SHIFT", "CASHIER");
	report_col(a.rep, "FLOAT", REPORT_MONEY);
	report_col(a.rep, "EXPECTED", REPORT_MONEY);
	report_col(a.rep, "COUNTED", REPORT_MONEY);
	report_col(a.rep, "VARIANCE", REPORT_MONEY);
	return report_run(ctx->db, a.rep, report_shifts_tx, &a, 1, out);
}

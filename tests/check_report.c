/*
 * check_report.c -- reports: periods in the café's zone, sales by day,
 * category and product after refunds, top customers, shift variances,
 * permissions, CSV and bar charts.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/report.h"
#include "model/sale.h"
#include "model/settings.h"
#include "model/stock.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

/* The columns of the sales reports. */
enum { RECEIPTS, QTY, GROSS, NET, TAX, REFUNDS };

/* Sell skus (qty each) to c and move the sale to business day `day`. */
static void
sell_on(struct fixture *f, int64_t c, const char *day, const char *sku1,
    int64_t q1, const char *sku2, int64_t q2)
{
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, c, 0, 0, NULL };
	struct sale_result res;
	struct db_stmt *st;

	ck_assert_int_eq(sale_basket_add(f->db, b, sku1, q1, NULL, NULL), 0);
	if (sku2 != NULL)
		ck_assert_int_eq(sale_basket_add(f->db, b, sku2, q2, NULL,
		    NULL), 0);
	ck_assert_int_eq(sale_checkout(&f->ctx, b, &pay, &res), 0);
	sale_basket_free(b);
	ck_assert_int_eq(db_stmt(f->db, "UPDATE sale_lines SET day = ? "
	    "WHERE sale_id = ?", &st), 0);
	db_bind_text(st, 1, day);
	db_bind_int(st, 2, res.sale_id);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_done(st);
	ck_assert_int_eq(db_stmt(f->db, "UPDATE sales SET day = ? "
	    "WHERE id = ?", &st), 0);
	db_bind_text(st, 1, day);
	db_bind_int(st, 2, res.sale_id);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_done(st);
}

/* Three days of sales: 05: 2 COLA + 1 BAR, 07: 1 COLA, refund on 07. */
static void
shop_history(struct fixture *f)
{
	struct sale_refund_req rq = { 1, 1, 1, 0, "flat", 0, NULL };
	int64_t c = fixture_member(f, "Ann", 100000);

	fixture_product(f, "COLA", "Cola", 250, 100, "Drinks", 1900);
	fixture_product(f, "BAR", "Choc bar", 150, 100, "Food", 700);
	sell_on(f, c, "2026-03-05", "COLA", 2, "BAR", 1);
	sell_on(f, c, "2026-03-07", "COLA", 1, NULL, 0);
	ck_assert_int_eq(sale_refund(&f->ctx, &rq, NULL), 0);
	ck_assert_int_eq(db_exec(f->db, "UPDATE sale_refunds SET "
	    "day = '2026-03-07'"), 0);
}

START_TEST(period_checks_dates)
{
	int64_t a, b;

	ck_assert_int_eq(report_period("UTC", "2026-02-28", "2026-03-01", &a,
	    &b), 0);
	ck_assert_int_eq(b - a, 2 * 86400);
	ck_assert_int_eq(report_period("UTC", "2026-02-30", "2026-03-01", &a,
	    &b), ERR_INVALID);
	ck_assert_int_eq(report_period("UTC", "2026-2-01", "2026-03-01", &a,
	    &b), ERR_INVALID);
	ck_assert_int_eq(report_period("UTC", "", "2026-03-01", &a, &b),
	    ERR_INVALID);
	ck_assert_int_eq(report_period("UTC", "2026-03-02", "2026-03-01", &a,
	    &b), ERR_RANGE);
	ck_assert_int_eq(report_period("UTC", "2000-01-01", "2026-03-01", &a,
	    &b), ERR_RANGE);
}
END_TEST

START_TEST(period_follows_the_zone)
{
	int64_t a, b;

	/* 2026-07-01 00:00 in Berlin (CEST) is 2026-06-30 22:00 UTC. */
	ck_assert_int_eq(report_period("Europe/Berlin", "2026-07-01",
	    "2026-07-01", &a, &b), 0);
	ck_assert_int_eq(a, 1782856800);
	ck_assert_int_eq(b - a, 86400);
}
END_TEST

START_TEST(sales_by_day_lists_every_day_after_refunds)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	shop_history(&f);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-05", "2026-03-07",
	    REPORT_BY_DAY, &rep), 0);
	ck_assert_int_eq(rep->nrows, 3);
	ck_assert_str_eq(rep->rows[0].key, "2026-03-05");
	ck_assert_str_eq(rep->rows[0].label, "Thu");
	ck_assert_int_eq(rep->rows[0].v[RECEIPTS], 1);
	ck_assert_int_eq(rep->rows[0].v[QTY], 3);
	ck_assert_int_eq(rep->rows[0].v[GROSS], 650);
	ck_assert_int_eq(rep->rows[1].v[GROSS], 0);
	ck_assert_int_eq(rep->rows[2].v[QTY], 0);
	ck_assert_int_eq(rep->rows[2].v[GROSS], 0);	/* 250 - 250 */
	ck_assert_int_eq(rep->rows[2].v[REFUNDS], 250);
	ck_assert_int_eq(rep->total.v[GROSS], 650);
	ck_assert_int_eq(rep->total.v[NET] + rep->total.v[TAX], 650);
	ck_assert_int_eq(rep->total.v[RECEIPTS], 2);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(sales_by_category_largest_first)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	shop_history(&f);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-01", "2026-03-31",
	    REPORT_BY_CATEGORY, &rep), 0);
	ck_assert_int_eq(rep->nrows, 2);
	ck_assert_str_eq(rep->rows[0].key, "Drinks");
	ck_assert_str_eq(rep->rows[0].label, "19%");
	ck_assert_int_eq(rep->rows[0].v[GROSS], 500);
	ck_assert_int_eq(rep->rows[0].v[QTY], 2);
	ck_assert_int_eq(rep->rows[0].v[RECEIPTS], 2);
	ck_assert_str_eq(rep->rows[1].key, "Food");
	ck_assert_int_eq(rep->rows[1].v[TAX], 10);
	ck_assert_int_eq(rep->total.v[RECEIPTS], 2);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(sales_by_product)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	shop_history(&f);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-06", "2026-03-07",
	    REPORT_BY_PRODUCT, &rep), 0);
	ck_assert_int_eq(rep->nrows, 1);
	ck_assert_str_eq(rep->rows[0].key, "COLA");
	ck_assert_str_eq(rep->rows[0].label, "Cola");
	ck_assert_int_eq(rep->rows[0].v[QTY], 0);
	ck_assert_int_eq(rep->rows[0].v[REFUNDS], 250);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_of_an_older_sale_shows_alone)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	shop_history(&f);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-07", "2026-03-07",
	    REPORT_BY_PRODUCT, &rep), 0);
	ck_assert_int_eq(rep->nrows, 1);
	ck_assert_int_eq(rep->rows[0].v[GROSS], 0);
	report_free(rep);
	ck_assert_int_eq(db_exec(f.db, "UPDATE sale_lines SET day = "
	    "'2026-03-01' WHERE sale_id = 2"), 0);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-07", "2026-03-07",
	    REPORT_BY_PRODUCT, &rep), 0);
	ck_assert_int_eq(rep->nrows, 1);
	ck_assert_int_eq(rep->rows[0].v[GROSS], -250);
	ck_assert_int_eq(rep->rows[0].v[QTY], -1);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(reports_need_report_view)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	fixture_act(&f, 4, "carl", ROLE_CASHIER);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-01", "2026-03-02",
	    REPORT_BY_DAY, &rep), ERR_DENIED);
	ck_assert_int_eq(report_customers(&f.ctx, "2026-03-01", "2026-03-02",
	    10, &rep), ERR_DENIED);
	ck_assert_int_eq(report_shifts(&f.ctx, "2026-03-01", "2026-03-02",
	    &rep), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 3);
	fixture_act(&f, 5, "aud", ROLE_AUDITOR);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-01", "2026-03-02",
	    REPORT_BY_DAY, &rep), 0);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(csv_quotes_and_formats)
{
	struct fixture f;
	struct report *rep;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	fixture_open(&f, 0);
	fixture_product(&f, "X", "Nuts, \"salted\"", 120, 100, "Food", 700);
	sell_on(&f, fixture_member(&f, "Ann", 1000), "2026-03-05", "X", 1, NULL,
	    0);
	ck_assert_int_eq(report_sales(&f.ctx, "2026-03-05", "2026-03-05",
	    REPORT_BY_PRODUCT, &rep), 0);
	mem = open_memstream(&buf, &len);
	ck_assert_int_eq(report_write_csv(rep, mem, 1), 0);
	fclose(mem);
	ck_assert_str_eq(buf, "section,key,label,receipts,qty,gross,net,tax,"
	    "refunds\r\nproduct,X,\"Nuts, \"\"salted\"\"\",1,1,1.20,1.12,0.08,"
	    "0.00\r\nproduct,total,,1,1,1.20,1.12,0.08,0.00\r\n");
	free(buf);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(bars_in_eighths)
{
	char buf[64];

	ck_assert_str_eq(report_bar(buf, sizeof buf, 100, 100, 4),
	    "\u2588\u2588\u2588\u2588");
	ck_assert_str_eq(report_bar(buf, sizeof buf, 50, 100, 3),
	    "\u2588\u258c");
	ck_assert_str_eq(report_bar(buf, sizeof buf, 0, 100, 3), "");
	ck_assert_str_eq(report_bar(buf, sizeof buf, -5, 100, 3), "");
	ck_assert_str_eq(report_bar(buf, 4, 100, 100, 4), "\u2588");
}
END_TEST

START_TEST(top_customers_from_the_ledger)
{
	struct fixture f;
	struct report *rep;
	char today[11];
	int64_t a, b;

	fixture_open(&f, 0);
	fixture_product(&f, "COLA", "Cola", 250, 100, "Drinks", 1900);
	a = fixture_member(&f, "Ann", 5000);
	b = fixture_member(&f, "Bob", 5000);
	sell_on(&f, a, "2026-03-05", "COLA", 1, NULL, 0);
	sell_on(&f, b, "2026-03-05", "COLA", 3, NULL, 0);
	sell_on(&f, b, "2026-03-05", "COLA", 1, NULL, 0);
	/* The ledger keeps the time of posting: ask for today. */
	clock_fmt_local(today, sizeof today, clock_now(), "UTC", "%Y-%m-%d");
	ck_assert_int_eq(report_customers(&f.ctx, today, today, 10, &rep), 0);
	ck_assert_int_eq(rep->nrows, 2);
	ck_assert_str_eq(rep->rows[0].key, "id:2");
	ck_assert_str_eq(rep->rows[0].label, "Bob");
	ck_assert_int_eq(rep->rows[0].v[0], 1000);
	ck_assert_int_eq(rep->rows[0].v[1], 1000);
	ck_assert_int_eq(rep->rows[0].v[2], 0);
	ck_assert_int_eq(rep->rows[0].v[3], 2);
	ck_assert_str_eq(rep->rows[1].label, "Ann");
	ck_assert_int_eq(rep->total.v[0], 1250);
	report_free(rep);
	ck_assert_int_eq(report_customers(&f.ctx, today, today, 0, &rep),
	    ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(shift_variances)
{
	struct fixture f;
	struct report *rep;
	int64_t uid;
	struct db_stmt *st;

	fixture_open(&f, 0);
	uid = fixture_user(&f, "cash", ROLE_CASHIER);
	ck_assert_int_eq(db_stmt(f.db, "INSERT INTO shifts (user_id, "
	    "opened_at, opened_by, float_amount, closed_at, expected, counted, "
	    "variance) VALUES (?, 0, 'x', 10000, ?, 25000, 24900, -100)", &st),
	    0);
	db_bind_int(st, 1, uid);
	db_bind_int(st, 2, 1772712000);	/* 2026-03-05 12:00 UTC */
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_done(st);
	ck_assert_int_eq(report_shifts(&f.ctx, "2026-03-05", "2026-03-05",
	    &rep), 0);
	ck_assert_int_eq(rep->nrows, 1);
	ck_assert_str_eq(rep->rows[0].label, "cash");
	ck_assert_int_eq(rep->rows[0].v[3], -100);
	report_free(rep);
	ck_assert_int_eq(report_shifts(&f.ctx, "2026-03-06", "2026-03-06",
	    &rep), 0);
	ck_assert_int_eq(rep->nrows, 0);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

/*
 * The floor's tables as far as the seat report reads them: created here
 * only while the floor's migration has not landed on this branch.
 */
static void
floor_tables(struct fixture *f)
{
	ck_assert_int_eq(db_exec(f->db,
	    "CREATE TABLE IF NOT EXISTS zones (id INTEGER PRIMARY KEY, "
	    "name TEXT, name_key TEXT, hourly INTEGER, guest_hourly INTEGER, "
	    "created_at INTEGER);"
	    "CREATE TABLE IF NOT EXISTS stations (id INTEGER PRIMARY KEY, "
	    "name TEXT, name_key TEXT, zone_id INTEGER, retired INTEGER "
	    "NOT NULL DEFAULT 0, created_at INTEGER);"
	    "CREATE TABLE IF NOT EXISTS seat_sessions (id INTEGER PRIMARY "
	    "KEY, station_id INTEGER, started_at INTEGER, ended_at INTEGER, "
	    "cost INTEGER, started_by TEXT);"
	    "CREATE TABLE IF NOT EXISTS seat_segments (id INTEGER PRIMARY "
	    "KEY, session_id INTEGER, station_id INTEGER, zone_id INTEGER, "
	    "started_at INTEGER, ended_at INTEGER);"), 0);
	/* Two stations; 2026-03-05 (UTC) 10:00-12:00 on PC-1 for 6.00. */
	ck_assert_int_eq(db_exec(f->db,
	    "INSERT INTO zones (id, name, name_key, hourly, guest_hourly, "
	    "created_at) VALUES (1, 'Standard', 'standard', 300, 300, 0);"
	    "INSERT INTO stations (id, name, name_key, zone_id, created_at) "
	    "VALUES (1, 'PC-1', 'pc-1', 1, 0), (2, 'PC-2', 'pc-2', 1, 0);"
	    "INSERT INTO seat_sessions (id, station_id, started_at, ended_at, "
	    "cost, started_by) VALUES (1, 1, 1772704800, 1772712000, 600, "
	    "'x');"
	    "INSERT INTO seat_segments (session_id, station_id, zone_id, "
	    "started_at, ended_at) VALUES (1, 1, 1, 1772704800, "
	    "1772708400), (1, 1, 1, 1772708400, 1772712000);"), 0);
}

START_TEST(seats_by_station)
{
	struct fixture f;
	struct report *rep;

	fixture_open(&f, 0);
	floor_tables(&f);
	ck_assert_int_eq(report_seats(&f.ctx, "2026-03-05", "2026-03-05",
	    REPORT_BY_STATION, &rep), 0);
	ck_assert_int_eq(rep->nrows, 2);
	ck_assert_str_eq(rep->rows[0].key, "PC-1");
	ck_assert_str_eq(rep->rows[0].label, "Standard");
	ck_assert_int_eq(rep->rows[0].v[0], 2);		/* segments */
	ck_assert_int_eq(rep->rows[0].v[1], 7200);	/* seconds */
	ck_assert_int_eq(rep->rows[0].v[2], 600);
	ck_assert_int_eq(rep->rows[0].v[3], 833);	/* 2 h of 24 */
	ck_assert_int_eq(rep->rows[1].v[1], 0);
	ck_assert_int_eq(rep->total.v[2], 600);
	report_free(rep);
	fixture_close(&f);
}
END_TEST

START_TEST(seats_by_hour_of_day)
{
	struct fixture f;
	struct report *rep;
	char cell[16];

	fixture_open(&f, 0);
	floor_tables(&f);
	ck_assert_int_eq(report_seats(&f.ctx, "2026-03-05", "2026-03-06",
	    REPORT_BY_HOUR, &rep), 0);
	ck_assert_int_eq(rep->nrows, 24);
	ck_assert_str_eq(rep->rows[10].key, "10:00");
	ck_assert_int_eq(rep->rows[10].v[1], 3600);
	ck_assert_int_eq(rep->rows[10].v[2], 300);
	ck_assert_int_eq(rep->rows[11].v[2], 300);
	ck_assert_int_eq(rep->rows[12].v[1], 0);
	/* 1 h of 2 stations x 2 days x 1 h */
	ck_assert_int_eq(rep->rows[10].v[3], 2500);
	ck_assert_str_eq(report_cell(rep, 1, rep->total.v[1], cell,
	    sizeof cell), "2.0");
	ck_assert_str_eq(report_cell(rep, 3, rep->rows[10].v[3], cell,
	    sizeof cell), "25.0");
	report_free(rep);
	fixture_close(&f);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, period_checks_dates);
	tcase_add_test(tc, period_follows_the_zone);
	tcase_add_test(tc, sales_by_day_lists_every_day_after_refunds);
	tcase_add_test(tc, sales_by_category_largest_first);
	tcase_add_test(tc, sales_by_product);
	tcase_add_test(tc, refund_of_an_older_sale_shows_alone);
	tcase_add_test(tc, reports_need_report_view);
	tcase_add_test(tc, csv_quotes_and_formats);
	tcase_add_test(tc, bars_in_eighths);
	tcase_add_test(tc, top_customers_from_the_ledger);
	tcase_add_test(tc, shift_variances);
	tcase_add_test(tc, seats_by_station);
	tcase_add_test(tc, seats_by_hour_of_day);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(report_suite)

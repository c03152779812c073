/*
 * bench_shop.c -- the snack bar's figures: complete sales per second
 * (two lines, stock movements, ledger tx, audit row, synchronous=FULL)
 * with 1 and with 8 processes selling at once, their latency, and the
 * time of the sales reports over one year of generated sales (about
 * 300,000 lines).
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/ctx.h"
#include "model/keys.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/report.h"
#include "model/sale.h"
#include "model/settings.h"
#include "model/shift.h"
#include "model/stock.h"
#include "model/user.h"

#define SALES_1		1500	/* sales by the single process */
#define SALES_8		400	/* sales by each of the eight */
#define YEAR_SALES	150000	/* two lines each: 300,000 lines */

static void
die(const char *what, int r)
{
	fprintf(stderr, "bench_shop: %s: %s\n", what, err_str(r));
	exit(1);
}

static void
ok(const char *what, int r)
{
	if (r != 0)
		die(what, r);
}

static int
init_tx(struct db *db, void *arg)
{
	(void)db;
	return settings_init(arg, "Bench Café", "EUR", "UTC");
}

/* A cashier with an open shift. */
static int64_t
bench_shift(struct mctx *ctx)
{
	struct user_new nu;
	int64_t uid, shift;

	memset(&nu, 0, sizeof nu);
	nu.name = "bench";
	nu.role = ROLE_CASHIER;
	nu.password = "Correct-Horse-Battery-42";
	ok("user", user_add(ctx, &nu, &uid, NULL));
	ok("shift", shift_open(ctx, uid, 0, NULL, &shift));
	return shift;
}

/* A database with two products in stock and an open shift. */
static int64_t
bench_setup(const char *path, struct keys *keys)
{
	struct mctx ctx = { NULL, keys, { 0, "cli:bench", ROLE_ADMIN, 0,
	    "" } };
	struct product_new a = { "COLA", "Cola", "Drinks", 250, 90, 0 };
	struct product_new b = { "BAR", "Choc bar", "Food", 150, 60, 0 };
	int64_t ida, idb, shift;

	ok("open", db_open(path, DB_OPEN_CREATE, &ctx.db));
	ok("migrate", db_migrate_apply(ctx.db, NULL));
	ok("init", db_write(ctx.db, init_tx, &ctx));
	ok("category", product_category_set(&ctx, "Drinks", 1900, NULL));
	ok("product", product_add(&ctx, &a, &ida, NULL));
	ok("product", product_add(&ctx, &b, &idb, NULL));
	ok("stock", stock_receive(&ctx, ida, 1000000, -1, NULL));
	ok("stock", stock_receive(&ctx, idb, 1000000, -1, NULL));
	shift = bench_shift(&ctx);
	db_close(ctx.db);
	return shift;
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sell n baskets (2 COLA, 1 BAR, cash); fills lat[] in microseconds. */
static void
bench_sell(const char *path, struct keys *keys, int64_t shift, int n,
    int64_t *lat)
{
	struct mctx ctx = { NULL, keys, { 0, "cli:bench", ROLE_ADMIN, 0,
	    "" } };
	struct sale_pay pay = { SALE_CASH, 0, shift, 0, NULL };
	struct sale_result res;
	struct sale_basket *b = sale_basket_new();
	struct timespec t0, t1;
	int i;

	ok("open", db_open(path, 0, &ctx.db));
	for (i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ok("add", sale_basket_add(ctx.db, b, "COLA", 2, NULL, NULL));
		ok("add", sale_basket_add(ctx.db, b, "BAR", 1, NULL, NULL));
		ok("checkout", sale_checkout(&ctx, b, &pay, &res));
		clock_gettime(CLOCK_MONOTONIC, &t1);
		lat[i] = (t1.tv_sec - t0.tv_sec) * 1000000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000;
	}
	sale_basket_free(b);
	db_close(ctx.db);
}

static void
bench_print(const char *label, int64_t *lat, int n, int64_t wall_us,
    double limit)
{
	double rate = n * 1e6 / (double)(wall_us > 0 ? wall_us : 1);

	qsort(lat, (size_t)n, sizeof *lat, cmp64);
	printf("%-22s %6.0f sales/s (%3.0f%% of the bare loop)  p50 %5.2f ms  "
	    "p99 %5.2f ms  max %6.2f ms\n", label, rate, 100 * rate / limit,
	    lat[n / 2] / 1000.0, lat[n * 99 / 100] / 1000.0,
	    lat[n - 1] / 1000.0);
}

static int
bump_tx(struct db *db, void *arg)
{
	(void)arg;
	return db_exec(db, "UPDATE settings SET value = value + 1 WHERE key = "
	    "'bench.n'");
}

/* The disk's limit: a bare one-row UPDATE commit loop, per second. */
static double
bench_bare(const char *path)
{
	struct db *db;
	int64_t t0;
	int i;

	ok("open", db_open(path, 0, &db));
	ok("bare", db_exec(db, "INSERT INTO settings VALUES ('bench.n', 0)"));
	t0 = clock_mono_ms();
	for (i = 0; i < SALES_1; i++)
		ok("bare commit", db_write(db, bump_tx, NULL));
	t0 = clock_mono_ms() - t0;
	db_close(db);
	return SALES_1 * 1000.0 / (double)(t0 > 0 ? t0 : 1);
}

/* One process, then eight at once (latencies through a pipe). */
static void
bench_rates(const char *path, struct keys *keys, int64_t shift)
{
	int64_t *lat = xcalloc(SALES_8 * 8 > SALES_1 ? SALES_8 * 8 : SALES_1,
	    sizeof *lat), t0;
	double limit;
	pid_t pids[8];
	int fds[2], i;

	limit = bench_bare(path);
	printf("%-22s %6.0f commits/s (the limit of this disk)\n",
	    "bare one-row UPDATEs:", limit);
	t0 = clock_mono_ms();
	bench_sell(path, keys, shift, SALES_1, lat);
	bench_print("1 process:", lat, SALES_1,
	    (clock_mono_ms() - t0) * 1000, limit);
	if (pipe(fds) != 0)
		die("pipe", ERR_IO);
	t0 = clock_mono_ms();
	for (i = 0; i < 8; i++) {
		if ((pids[i] = fork()) == 0) {
			close(fds[0]);
			bench_sell(path, keys, shift, SALES_8, lat);
			if (write(fds[1], lat, SALES_8 * sizeof *lat) !=
			    (ssize_t)(SALES_8 * sizeof *lat))
				_exit(1);
			_exit(0);
		}
	}
	close(fds[1]);
	for (i = 0; i < 8; i++)
		if (read(fds[0], lat + i * SALES_8, SALES_8 * sizeof *lat) !=
		    (ssize_t)(SALES_8 * sizeof *lat))
			die("reading a seller's figures", ERR_IO);
	for (i = 0; i < 8; i++)
		waitpid(pids[i], NULL, 0);
	bench_print("8 processes at once:", lat, SALES_8 * 8,
	    (clock_mono_ms() - t0) * 1000, limit);
	close(fds[0]);
	free(lat);
}

struct gen {
	int64_t	ids[20], cats[20], price[20];
	int	rate[20];
	char	sku[20][16];
};

/* Twenty products in four categories. */
static void
gen_products(struct mctx *ctx, struct gen *g)
{
	static const char *const cats[4] = { "Drinks", "Snacks", "Food",
	    "Cards" };
	static const int rates[4] = { 1900, 1900, 700, 0 };
	struct product_new pn;
	struct product p;
	char name[32];
	int i;

	for (i = 0; i < 4; i++)
		ok("category", product_category_set(ctx, cats[i], rates[i],
		    NULL));
	for (i = 0; i < 20; i++) {
		snprintf(g->sku[i], sizeof g->sku[i], "SKU%02d", i);
		snprintf(name, sizeof name, "Product %d", i);
		pn = (struct product_new){ g->sku[i], name, cats[i % 4],
		    120 + 35 * i, 50, 0 };
		ok("product", product_add(ctx, &pn, &g->ids[i], NULL));
		ok("product", product_get(ctx->db, g->ids[i], &p));
		g->cats[i] = p.category_id;
		g->price[i] = p.price;
		g->rate[i] = p.tax_rate;
	}
}

/* Insert one generated line of sale s (line l, product k, qty q). */
static int
gen_line(struct db *db, const struct gen *g, int64_t s, int l, int k,
    int64_t q, const char *day)
{
	struct db_stmt *st;
	int64_t gross = g->price[k] * q, net, tax;
	int r;

	if ((r = sale_tax_split(gross, g->rate[k], &net, &tax)) != 0 ||
	    (r = db_stmt(db, "INSERT INTO sale_lines (sale_id, line_no, day, "
	    "product_id, category_id, sku, name, qty, unit_price, gross, "
	    "tax_rate, net, tax) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?)", &st)) != 0)
		return r;
	db_bind_int(st, 1, s);
	db_bind_int(st, 2, l);
	db_bind_text(st, 3, day);
	db_bind_int(st, 4, g->ids[k]);
	db_bind_int(st, 5, g->cats[k]);
	db_bind_text(st, 6, g->sku[k]);
	db_bind_text(st, 7, g->sku[k]);
	db_bind_int(st, 8, q);
	db_bind_int(st, 9, g->price[k]);
	db_bind_int(st, 10, gross);
	db_bind_int(st, 11, g->rate[k]);
	db_bind_int(st, 12, net);
	db_bind_int(st, 13, tax);
	r = db_step(st);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Insert sale number i of the year (two lines) on its day. */
static int
gen_sale(struct db *db, const struct gen *g, int i)
{
	struct db_stmt *st;
	char day[11];
	int64_t at = 1735732800 + (int64_t)i * (365 * 86400 / YEAR_SALES), s;
	int k = i % 20, r;

	clock_fmt_local(day, sizeof day, at, "UTC", "%Y-%m-%d");
	if ((r = db_stmt(db, "INSERT INTO sales (receipt_no, at, day, actor, "
	    "method, gross, net, tax) VALUES (?, ?, ?, 'gen', 'cash', 0, 0, "
	    "0)", &st)) != 0)
		return r;
	db_bind_int(st, 1, i + 1);
	db_bind_int(st, 2, at);
	db_bind_text(st, 3, day);
	r = db_step(st);
	db_done(st);
	if (r != DB_DONE)
		return r;
	s = db_last_id(db);
	if ((r = gen_line(db, g, s, 1, k, 1 + i % 3, day)) != 0)
		return r;
	return gen_line(db, g, s, 2, (k * 7 + 3) % 20, 1, day);
}

static int
gen_tx(struct db *db, void *arg)
{
	int i, r;

	for (i = 0; i < YEAR_SALES; i++)
		if ((r = gen_sale(db, arg, i)) != 0)
			return r;
	return 0;
}

/* A year of sales, then each sales report over it. */
static void
bench_report(const char *path, struct keys *keys)
{
	static const char *const names[3] = { "day", "category", "product" };
	struct mctx ctx = { NULL, keys, { 0, "cli:bench", ROLE_ADMIN, 0,
	    "" } };
	struct report *rep;
	struct gen g;
	int64_t t0, ms;
	int by;

	ok("open", db_open(path, DB_OPEN_CREATE | DB_OPEN_NORMAL_SYNC,
	    &ctx.db));
	ok("migrate", db_migrate_apply(ctx.db, NULL));
	ok("init", db_write(ctx.db, init_tx, &ctx));
	gen_products(&ctx, &g);
	t0 = clock_mono_ms();
	ok("generate", db_write(ctx.db, gen_tx, &g));
	printf("generated %d sales, %d lines over 2025 in %lld ms\n",
	    YEAR_SALES, YEAR_SALES * 2, (long long)(clock_mono_ms() - t0));
	for (by = REPORT_BY_DAY; by <= REPORT_BY_PRODUCT; by++) {
		t0 = clock_mono_ms();
		ok("report", report_sales(&ctx, "2025-01-01", "2025-12-31",
		    by, &rep));
		ms = clock_mono_ms() - t0;
		printf("sales report by %-8s over the year: %5lld ms "
		    "(%zu rows)\n", names[by], (long long)ms, rep->nrows);
		report_free(rep);
	}
	db_close(ctx.db);
}

int
main(void)
{
	unsigned char raw[KEYS_LEN];
	struct keys *keys;
	char dir[] = "/tmp/cafed-bench-shop.XXXXXX", *path, *cmd;
	int64_t shift;

	memset(raw, 7, sizeof raw);
	keys = keys_from_bytes(raw);
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", ERR_IO);
	xasprintf(&path, "%s/sales.db", dir);
	shift = bench_setup(path, keys);
	bench_rates(path, keys, shift);
	free(path);
	xasprintf(&path, "%s/year.db", dir);
	bench_report(path, keys);
	free(path);
	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_shop: could not remove %s\n", dir);
	free(cmd);
	keys_free(keys);
	return 0;
}

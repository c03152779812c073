/*
 * check_shop_race.c -- several processes selling the last units of one
 * product at once never sell more than there is, and the ledger and the
 * stock still agree afterwards.
 */
#include <sys/wait.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "db/db.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/sale.h"
#include "model/shift.h"
#include "model/stock.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define SELLERS		8
#define TRIES		12	/* each: 96 tries for STOCK units */
#define STOCK		30

/*
 * One seller: wait for the start, then try to sell 1 or 2 units TRIES
 * times. Exits with the units sold, or 255 on an unexpected error.
 */
static void
seller(struct fixture *f, int go, int64_t shift, int n)
{
	struct sale_pay pay = { SALE_CASH, 0, shift, 0, NULL };
	struct sale_result res;
	struct sale_basket *b;
	struct mctx ctx = f->ctx;
	char c;
	int k, r, sold = 0;

	if (read(go, &c, 1) < 0 || db_open(f->db_path, 0, &ctx.db) != 0)
		_exit(255);
	b = sale_basket_new();
	for (k = 0; k < TRIES; k++) {
		r = sale_basket_add(ctx.db, b, "LAST", 1 + (n + k) % 2, NULL,
		    NULL);
		if (r == 0)
			r = sale_checkout(&ctx, b, &pay, &res);
		if (r == 0)
			sold += 1 + (n + k) % 2;
		else if (r != ERR_INSUFFICIENT)
			_exit(255);
		sale_basket_clear(b);
	}
	sale_basket_free(b);
	db_close(ctx.db);
	_exit(sold);
}

START_TEST(never_sells_more_than_there_is)
{
	struct fixture f;
	struct product_new pn = { "LAST", "Last cans", NULL, 200, 0, 0 };
	struct ledger_verify lv;
	struct stock_verify sv;
	struct product p;
	pid_t pids[SELLERS];
	int64_t id, shift, drawer;
	int fds[2], i, status, sold = 0;

	fixture_open(&f, 1);
	shift = fixture_shift(&f, "cash");
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, NULL), 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, STOCK, -1, NULL), 0);
	ck_assert_int_eq(pipe(fds), 0);
	for (i = 0; i < SELLERS; i++) {
		if ((pids[i] = fork()) == 0) {
			close(fds[1]);
			seller(&f, fds[0], shift, i);
		}
		ck_assert_int_gt(pids[i], 0);
	}
	close(fds[0]);
	close(fds[1]);		/* everyone starts at once */
	for (i = 0; i < SELLERS; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert(WIFEXITED(status));
		ck_assert_int_ne(WEXITSTATUS(status), 255);
		sold += WEXITSTATUS(status);
	}
	ck_assert_int_eq(product_get(f.db, id, &p), 0);
	ck_assert_int_eq(sold + p.on_hand, STOCK);
	ck_assert_int_le(p.on_hand, 1);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_DRAWER, shift, &drawer),
	    0);
	ck_assert_int_eq(drawer, (int64_t)sold * 200);
	ck_assert_int_eq(stock_verify(f.db, &sv), 0);
	ck_assert_int_eq(ledger_verify(f.db, &lv), 0);
	fixture_close(&f);
}
END_TEST

static Suite *
shop_race_suite(void)
{
	Suite *s = suite_create("shop_race");
	TCase *tc = tcase_create("race");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, never_sells_more_than_there_is);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(shop_race_suite)

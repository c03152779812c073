/*
 * check_stock.c -- stock movements: receive, waste, count, sale and
 * return inside a caller's transaction, the floor at zero, low stock,
 * permissions, and the check that stock equals its movements.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/stock.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
add(struct fixture *f, const char *sku, int64_t reorder)
{
	struct product_new pn = { sku, sku, NULL, 200, 80, reorder };
	int64_t id = 0;

	ck_assert_int_eq(product_add(&f->ctx, &pn, &id, NULL), 0);
	return id;
}

static int64_t
on_hand(struct fixture *f, int64_t id)
{
	struct product p;

	ck_assert_int_eq(product_get(f->db, id, &p), 0);
	return p.on_hand;
}

START_TEST(receive_adds_stock_and_sets_cost)
{
	struct fixture f;
	struct product p;
	int64_t id, after = 0;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 24, 95, &after), 0);
	ck_assert_int_eq(after, 24);
	ck_assert_int_eq(product_get(f.db, id, &p), 0);
	ck_assert_int_eq(p.on_hand, 24);
	ck_assert_int_eq(p.cost, 95);
	ck_assert_int_eq(fixture_audit_count(&f, "stock.receive"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(receive_without_cost_keeps_cost)
{
	struct fixture f;
	struct product p;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 5, -1, NULL), 0);
	ck_assert_int_eq(product_get(f.db, id, &p), 0);
	ck_assert_int_eq(p.cost, 80);
	fixture_close(&f);
}
END_TEST

START_TEST(receive_refuses_zero_and_unknown)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 0, -1, NULL), ERR_INVALID);
	ck_assert_int_eq(stock_receive(&f.ctx, id, -3, -1, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(stock_receive(&f.ctx, 999, 1, -1, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&f, "stock.receive"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(waste_below_zero_says_what_is_left)
{
	struct fixture f;
	int64_t id, left = -1;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 3, -1, NULL), 0);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 4, "dropped", &left),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(left, 3);
	ck_assert_int_eq(on_hand(&f, id), 3);
	ck_assert_int_eq(fixture_audit_count(&f, "stock.waste"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(waste_needs_a_reason)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 3, -1, NULL), 0);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 1, "", NULL), ERR_INVALID);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 1, NULL, NULL), ERR_INVALID);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 1, "x\033]0;y", NULL),
	    ERR_INVALID);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 1, "expired", NULL), 0);
	ck_assert_int_eq(on_hand(&f, id), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(count_records_the_difference)
{
	struct fixture f;
	struct stock_movement *m;
	size_t n;
	int64_t id, diff = 0;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 10, -1, NULL), 0);
	ck_assert_int_eq(stock_count(&f.ctx, id, 7, &diff), 0);
	ck_assert_int_eq(diff, -3);
	ck_assert_int_eq(on_hand(&f, id), 7);
	ck_assert_int_eq(stock_count(&f.ctx, id, 7, &diff), 0);
	ck_assert_int_eq(diff, 0);
	ck_assert_int_eq(stock_movements(f.db, id, 0, 10, &m, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(m[0].kind, STOCK_COUNT);
	ck_assert_int_eq(m[0].qty, 0);
	ck_assert_int_eq(m[1].kind, STOCK_COUNT);
	ck_assert_int_eq(m[1].qty, -3);
	ck_assert_int_eq(m[1].on_hand_after, 7);
	ck_assert_int_eq(m[2].kind, STOCK_RECEIVE);
	free(m);
	ck_assert_int_eq(fixture_audit_count(&f, "stock.count"), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(count_refuses_negative)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_count(&f.ctx, id, -1, NULL), ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_may_not_move_stock)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	fixture_act(&f, 5, "carl", ROLE_CASHIER);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 1, -1, NULL), ERR_DENIED);
	ck_assert_int_eq(stock_waste(&f.ctx, id, 1, "x", NULL), ERR_DENIED);
	ck_assert_int_eq(stock_count(&f.ctx, id, 1, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 3);
	fixture_close(&f);
}
END_TEST

struct tx_arg {
	struct fixture	*f;
	int64_t		 id, qty, left;
	int		 kind;
};

static int
move_tx(struct db *db, void *argp)
{
	struct tx_arg *a = argp;

	(void)db;
	return stock_move_tx(&a->f->ctx, a->id, a->kind, a->qty, 0, &a->left);
}

START_TEST(sale_and_return_inside_a_transaction)
{
	struct fixture f;
	struct tx_arg a;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 2, -1, NULL), 0);
	a = (struct tx_arg){ &f, id, -2, -1, STOCK_SALE };
	ck_assert_int_eq(db_write(f.db, move_tx, &a), 0);
	ck_assert_int_eq(on_hand(&f, id), 0);
	a.qty = -1;
	ck_assert_int_eq(db_write(f.db, move_tx, &a), ERR_INSUFFICIENT);
	ck_assert_int_eq(a.left, 0);
	a = (struct tx_arg){ &f, id, 1, -1, STOCK_RETURN };
	ck_assert_int_eq(db_write(f.db, move_tx, &a), 0);
	ck_assert_int_eq(on_hand(&f, id), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(move_tx_checks_sign_and_transaction)
{
	struct fixture f;
	struct tx_arg a;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COLA", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, id, 2, -1, NULL), 0);
	a = (struct tx_arg){ &f, id, 1, -1, STOCK_SALE };
	ck_assert_int_eq(db_write(f.db, move_tx, &a), ERR_INVALID);
	a = (struct tx_arg){ &f, id, 1, -1, STOCK_WASTE };
	ck_assert_int_eq(db_write(f.db, move_tx, &a), ERR_INVALID);
	ck_assert_int_eq(stock_move_tx(&f.ctx, id, STOCK_SALE, -1, 0, NULL),
	    ERR_INTERNAL);
	ck_assert_int_eq(on_hand(&f, id), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(low_stock_lists_at_or_below_reorder)
{
	struct fixture f;
	struct product *v;
	int64_t a, b, n64;
	size_t n;

	fixture_open(&f, 0);
	a = add(&f, "A", 5);
	b = add(&f, "B", 5);
	add(&f, "C", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, a, 5, -1, NULL), 0);
	ck_assert_int_eq(stock_receive(&f.ctx, b, 6, -1, NULL), 0);
	ck_assert_int_eq(product_list(f.db, PRODUCT_LIST_LOW, &v, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(v[0].sku, "A");
	ck_assert_str_eq(v[1].sku, "C");
	free(v);
	ck_assert_int_eq(product_low_count(f.db, &n64), 0);
	ck_assert_int_eq(n64, 2);
	fixture_close(&f);
}
END_TEST

START_TEST(verify_is_clean_after_a_mixed_run)
{
	struct fixture f;
	struct stock_verify res;
	int64_t a, b;

	fixture_open(&f, 0);
	a = add(&f, "A", 0);
	b = add(&f, "B", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, a, 10, 50, NULL), 0);
	ck_assert_int_eq(stock_waste(&f.ctx, a, 2, "broken", NULL), 0);
	ck_assert_int_eq(stock_count(&f.ctx, a, 9, NULL), 0);
	ck_assert_int_eq(stock_receive(&f.ctx, b, 3, -1, NULL), 0);
	ck_assert_int_eq(stock_verify(f.db, &res), 0);
	ck_assert_int_eq(res.products, 2);
	ck_assert_int_eq(res.movements, 4);
	ck_assert_str_eq(res.why, "");
	fixture_close(&f);
}
END_TEST

START_TEST(verify_finds_a_tampered_stock)
{
	struct fixture f;
	struct stock_verify res;
	int64_t a;

	fixture_open(&f, 0);
	a = add(&f, "A", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, a, 10, -1, NULL), 0);
	ck_assert_int_eq(db_exec(f.db, "UPDATE products SET on_hand = 12"), 0);
	ck_assert_int_eq(stock_verify(f.db, &res), ERR_INTEGRITY);
	ck_assert_int_eq(res.bad_product_id, a);
	ck_assert_str_eq(res.why, "product A: 12 on hand, the movements sum "
	    "to 10");
	fixture_close(&f);
}
END_TEST

START_TEST(movements_are_append_only)
{
	struct fixture f;
	int64_t a;

	fixture_open(&f, 0);
	a = add(&f, "A", 0);
	ck_assert_int_eq(stock_receive(&f.ctx, a, 10, -1, NULL), 0);
	ck_assert_int_ne(db_exec(f.db, "UPDATE stock_movements SET qty = 1"),
	    0);
	ck_assert_int_ne(db_exec(f.db, "DELETE FROM stock_movements"), 0);
	fixture_close(&f);
}
END_TEST

static Suite *
stock_suite(void)
{
	Suite *s = suite_create("stock");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, receive_adds_stock_and_sets_cost);
	tcase_add_test(tc, receive_without_cost_keeps_cost);
	tcase_add_test(tc, receive_refuses_zero_and_unknown);
	tcase_add_test(tc, waste_below_zero_says_what_is_left);
	tcase_add_test(tc, waste_needs_a_reason);
	tcase_add_test(tc, count_records_the_difference);
	tcase_add_test(tc, count_refuses_negative);
	tcase_add_test(tc, cashier_may_not_move_stock);
	tcase_add_test(tc, sale_and_return_inside_a_transaction);
	tcase_add_test(tc, move_tx_checks_sign_and_transaction);
	tcase_add_test(tc, low_stock_lists_at_or_below_reorder);
	tcase_add_test(tc, verify_is_clean_after_a_mixed_run);
	tcase_add_test(tc, verify_finds_a_tampered_stock);
	tcase_add_test(tc, movements_are_append_only);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(stock_suite)

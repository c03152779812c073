/*
 * check_sale.c -- the point of sale: tax, the basket, checkout by
 * wallet, cash and card with every refusal, gapless receipts,
 * idempotency, receipts as text, refunds of sale lines, and the ledger,
 * stock and loyalty agreeing after a mixed run.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/approval.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/sale.h"
#include "model/shift.h"
#include "model/settings.h"
#include "model/stock.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
on_hand(struct fixture *f, const char *sku)
{
	struct product p;

	ck_assert_int_eq(product_find(f->db, sku, &p), 0);
	return p.on_hand;
}

/*
 * A fresh fixture where Ann (10.00 in her wallet) pays by wallet for one
 * A (3.00, 5 in stock) in basket b. Returns the id of A.
 */
static int64_t
wallet_setup(struct fixture *f, struct sale_basket *b, struct sale_pay *pay)
{
	int64_t id;

	fixture_open(f, 0);
	pay->customer_id = fixture_member(f, "Ann", 1000);
	id = fixture_product(f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f->db, b, "A", 1, NULL, NULL), 0);
	return id;
}

/*
 * A fresh fixture with a cashier's open shift in pay and qty of A (at
 * price, 5 in stock) in basket b.
 */
static void
cash_setup(struct fixture *f, struct sale_basket *b, struct sale_pay *pay,
    int64_t price, int64_t qty)
{
	fixture_open(f, 0);
	pay->shift_id = fixture_shift(f, "cash");
	fixture_product(f, "A", "A", price, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f->db, b, "A", qty, NULL, NULL), 0);
}

/* Sell sku*qty by wallet of c; returns the code. */
static int
sell_wallet(struct fixture *f, int64_t c, const char *sku, int64_t qty,
    struct sale_result *res)
{
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, c, 0, 0, NULL };
	struct sale_result tmp;
	int r;

	ck_assert_int_eq(sale_basket_add(f->db, b, sku, qty, NULL, NULL), 0);
	r = sale_checkout(&f->ctx, b, &pay, res != NULL ? res : &tmp);
	sale_basket_free(b);
	return r;
}

START_TEST(tax_split_is_exact_and_rounds_half_away)
{
	int64_t net, tax;

	ck_assert_int_eq(sale_tax_split(119, 1900, &net, &tax), 0);
	ck_assert_int_eq(net, 100);
	ck_assert_int_eq(tax, 19);
	ck_assert_int_eq(sale_tax_split(100, 1900, &net, &tax), 0);
	ck_assert_int_eq(net, 84);		/* 84.03 */
	ck_assert_int_eq(tax, 16);
	ck_assert_int_eq(sale_tax_split(21, 10000, &net, &tax), 0);
	ck_assert_int_eq(net, 11);		/* 10.5 */
	ck_assert_int_eq(tax, 10);
	ck_assert_int_eq(sale_tax_split(250, 0, &net, &tax), 0);
	ck_assert_int_eq(net, 250);
	ck_assert_int_eq(tax, 0);
	ck_assert_int_eq(sale_tax_split(1, 10001, &net, &tax), ERR_INVALID);
}
END_TEST

START_TEST(basket_merges_a_product_and_totals)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_totals t;
	struct sale_line l;
	size_t line;

	fixture_open(&f, 0);
	fixture_product(&f, "COLA", "COLA", 250, 10, "Drinks", 1900);
	fixture_product(&f, "BAR", "BAR", 150, 10, "Food", 700);
	ck_assert_int_eq(sale_basket_add(f.db, b, "cola", 1, &line, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "BAR", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "COLA", 2, &line, NULL), 0);
	ck_assert_int_eq(line, 0);
	ck_assert_int_eq(sale_basket_count(b), 2);
	ck_assert_int_eq(sale_basket_line(b, 0, &l), 0);
	ck_assert_int_eq(l.qty, 3);
	ck_assert_int_eq(l.gross, 750);
	ck_assert_int_eq(l.net, 630);		/* 630.25 */
	ck_assert_int_eq(l.tax, 120);
	sale_basket_totals(b, &t);
	ck_assert_int_eq(t.items, 4);
	ck_assert_int_eq(t.gross, 900);
	ck_assert_int_eq(t.net, 630 + 140);
	ck_assert_int_eq(t.tax, 120 + 10);
	ck_assert_int_eq(t.nrates, 2);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(basket_refuses_unknown_inactive_and_short)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct product_edit e;
	int64_t id, left = -1;

	fixture_open(&f, 0);
	fixture_product(&f, "COLA", "COLA", 250, 2, NULL, 0);
	id = fixture_product(&f, "OLD", "OLD", 100, 5, NULL, 0);
	product_edit_init(&e);
	e.active = 0;
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "NOPE", 1, NULL, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(sale_basket_add(f.db, b, "OLD", 1, NULL, NULL),
	    ERR_STATE);
	ck_assert_int_eq(sale_basket_add(f.db, b, "COLA", 0, NULL, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(sale_basket_add(f.db, b, "COLA", 3, NULL, &left),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(left, 2);
	ck_assert_int_eq(sale_basket_count(b), 0);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(basket_quantity_zero_removes_the_line)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_line l;

	fixture_open(&f, 0);
	fixture_product(&f, "A", "A", 100, 5, NULL, 0);
	fixture_product(&f, "B", "B", 200, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "B", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_set_qty(f.db, b, 0, 0, NULL), 0);
	ck_assert_int_eq(sale_basket_count(b), 1);
	ck_assert_int_eq(sale_basket_line(b, 0, &l), 0);
	ck_assert_str_eq(l.sku, "B");
	ck_assert_int_eq(l.line_no, 1);
	ck_assert_int_eq(sale_basket_set_qty(f.db, b, 1, 1, NULL),
	    ERR_NOTFOUND);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(basket_discount_at_most_the_line)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_line l;

	fixture_open(&f, 0);
	fixture_product(&f, "A", "A", 100, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 2, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_discount(b, 0, 201), ERR_INVALID);
	ck_assert_int_eq(sale_basket_discount(b, 0, -1), ERR_INVALID);
	ck_assert_int_eq(sale_basket_discount(b, 0, 150), 0);
	ck_assert_int_eq(sale_basket_set_qty(f.db, b, 0, 1, NULL), 0);
	ck_assert_int_eq(sale_basket_line(b, 0, &l), 0);
	ck_assert_int_eq(l.discount, 100);	/* capped at one unit */
	ck_assert_int_eq(l.gross, 0);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(empty_basket_is_refused)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_result res;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	pay.customer_id = c;
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_INVALID);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(wallet_sale_writes_stock_ledger_and_one_audit_row)
{
	struct fixture f;
	struct sale_result res;
	struct sale_info si;
	struct sale_line *v;
	size_t n;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "COLA", "COLA", 250, 10, "Drinks", 1900);
	ck_assert_int_eq(sell_wallet(&f, c, "COLA", 2, &res), 0);
	ck_assert_int_eq(res.receipt_no, 1);
	ck_assert_int_eq(res.gross, 500);
	ck_assert_int_eq(res.net, 420);
	ck_assert_int_eq(res.tax, 80);
	ck_assert_int_eq(res.replayed, 0);
	ck_assert_int_eq(on_hand(&f, "COLA"), 8);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 500);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_REV_SHOP, 0), 500);
	ck_assert_int_eq(fixture_audit_count(&f, "shop.sale"), 1);
	ck_assert_int_eq(sale_get(f.db, 1, &si, &v, &n), 0);
	ck_assert_int_eq(si.method, SALE_WALLET);
	ck_assert_int_eq(si.ledger_tx, res.ledger_tx);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].qty, 2);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(wallet_short_writes_nothing)
{
	struct fixture f;
	struct sale_result res;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 400);
	fixture_product(&f, "COLA", "COLA", 250, 10, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "COLA", 2, &res),
	    ERR_INSUFFICIENT);
	ck_assert_str_eq(res.short_sku, "");
	ck_assert_int_eq(on_hand(&f, "COLA"), 10);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 400);
	ck_assert_int_eq(fixture_count(&f, "SELECT count(*) FROM sales"), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "shop.sale"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(receipt_numbers_have_no_gaps)
{
	struct fixture f;
	struct sale_result res;
	int64_t c, poor;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	poor = fixture_member(&f, "Bob", 0);
	fixture_product(&f, "COLA", "COLA", 250, 10, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "COLA", 1, &res), 0);
	ck_assert_int_eq(res.receipt_no, 1);
	ck_assert_int_eq(sell_wallet(&f, poor, "COLA", 1, &res),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(sell_wallet(&f, c, "COLA", 1, &res), 0);
	ck_assert_int_eq(res.receipt_no, 2);
	fixture_close(&f);
}
END_TEST

START_TEST(stock_short_at_checkout_says_what_is_left)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_result res;
	struct product p;

	fixture_open(&f, 0);
	pay.customer_id = fixture_member(&f, "Ann", 5000);
	fixture_product(&f, "A", "A", 100, 5, NULL, 0);
	fixture_product(&f, "B", "B", 100, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 2, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "B", 4, NULL, NULL), 0);
	ck_assert_int_eq(product_find(f.db, "B", &p), 0);
	ck_assert_int_eq(stock_waste(&f.ctx, p.id, 3, "broken", NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res),
	    ERR_INSUFFICIENT);
	ck_assert_str_eq(res.short_sku, "B");
	ck_assert_int_eq(res.left, 2);
	ck_assert_int_eq(on_hand(&f, "A"), 5);
	ck_assert_int_eq(sale_basket_count(b), 2);
	ck_assert_int_eq(fixture_count(&f, "SELECT count(*) FROM sales"), 0);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(cash_without_shift_is_refused)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	struct sale_result res;

	fixture_open(&f, 0);
	fixture_product(&f, "A", "A", 100, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_NOSHIFT);
	pay.method = SALE_CARD;
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_NOSHIFT);
	ck_assert_int_eq(on_hand(&f, "A"), 5);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(closed_shift_is_refused)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	struct sale_result res;

	cash_setup(&f, b, &pay, 100, 1);
	ck_assert_int_eq(shift_close(&f.ctx, pay.shift_id, 0, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_NOSHIFT);
	ck_assert_int_eq(on_hand(&f, "A"), 5);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(cash_sale_into_the_drawer_with_change)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 1000, NULL };
	struct sale_result res;

	cash_setup(&f, b, &pay, 370, 2);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(res.gross, 740);
	ck_assert_int_eq(res.change, 260);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_DRAWER, pay.shift_id), 740);
	ck_assert_int_eq(sale_basket_count(b), 0);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(cash_tendered_below_total_is_refused)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 500, NULL };
	struct sale_result res;

	cash_setup(&f, b, &pay, 370, 2);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_RANGE);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(card_sale_books_card_clearing)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CARD, 0, 0, 0, NULL };
	struct sale_result res;
	struct ledger_tx_info ti;

	cash_setup(&f, b, &pay, 370, 1);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_CARD, 0), 370);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_DRAWER, pay.shift_id), 0);
	ck_assert_int_eq(ledger_tx_get(f.db, res.ledger_tx, &ti, NULL, NULL),
	    0);
	ck_assert_int_eq(ti.shift_id, pay.shift_id);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(discount_needs_wallet_approve)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_result res;

	wallet_setup(&f, b, &pay);
	ck_assert_int_eq(sale_basket_discount(b, 0, 50), 0);
	fixture_act(&f, 7, "carl", ROLE_CASHIER);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_act(&f, 8, "mia", ROLE_MANAGER);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(res.gross, 250);
	ck_assert_int_eq(res.discount, 50);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_REV_SHOP, 0), 300);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_DISCOUNTS, 0), 50);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, pay.customer_id),
	    750);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(auditor_may_not_sell)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	fixture_act(&f, 9, "aud", ROLE_AUDITOR);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 1, NULL), ERR_DENIED);
	ck_assert_int_eq(on_hand(&f, "A"), 5);
	fixture_close(&f);
}
END_TEST

START_TEST(price_changed_since_added_is_refused_once)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_result res;
	struct product_edit e;
	struct sale_line l;
	int64_t id;

	id = wallet_setup(&f, b, &pay);
	product_edit_init(&e);
	e.price = 320;
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_STATE);
	ck_assert_int_eq(sale_basket_line(b, 0, &l), 0);
	ck_assert_int_eq(l.gross, 320);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(res.gross, 320);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(product_made_inactive_is_refused)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_result res;
	struct product_edit e;
	int64_t id;

	id = wallet_setup(&f, b, &pay);
	product_edit_init(&e);
	e.active = 0;
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_STATE);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(same_key_same_basket_sells_once)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, "k-1" };
	struct sale_result res, again;

	wallet_setup(&f, b, &pay);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &again), 0);
	ck_assert_int_eq(again.replayed, 1);
	ck_assert_int_eq(again.receipt_no, res.receipt_no);
	ck_assert_int_eq(again.gross, 300);
	ck_assert_int_eq(on_hand(&f, "A"), 4);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, pay.customer_id),
	    700);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(same_key_other_basket_conflicts)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, "k-1" };
	struct sale_result res;

	wallet_setup(&f, b, &pay);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 2, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), ERR_CONFLICT);
	ck_assert_int_eq(on_hand(&f, "A"), 4);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(disabled_or_unknown_customer_is_refused)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, c, 1), 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 1, NULL), ERR_DISABLED);
	ck_assert_int_eq(sell_wallet(&f, 4242, "A", 1, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(on_hand(&f, "A"), 5);
	fixture_close(&f);
}
END_TEST

START_TEST(member_earns_points_on_a_cash_sale)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	struct sale_result res;
	int64_t points, value;

	fixture_open(&f, 0);
	pay.shift_id = fixture_shift(&f, "cash");
	pay.customer_id = fixture_member(&f, "Ann", 0);
	fixture_product(&f, "A", "A", 499, 5, NULL, 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 2, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(res.points, 9);	/* 9.98 EUR, 1 per unit */
	ck_assert_int_eq(loyalty_balance(f.db, pay.customer_id, &points,
	    &value), 0);
	ck_assert_int_eq(points, 9);
	ck_assert_int_eq(value, 9);		/* 100 points per EUR */
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY, pay.customer_id),
	    9);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY_COST, 0), 9);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(receipt_text_shows_lines_tax_and_total)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 1000, NULL };
	struct sale_result res;
	char *text, *line;

	fixture_open(&f, 0);
	pay.shift_id = fixture_shift(&f, "cash");
	fixture_product(&f, "COLA", "COLA", 250, 5, "Drinks", 1900);
	fixture_product(&f, "BAR", "BAR", 150, 5, "Food", 700);
	ck_assert_int_eq(sale_basket_add(f.db, b, "COLA", 2, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_add(f.db, b, "BAR", 1, NULL, NULL), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(sale_receipt_text(f.db, res.receipt_no, &text), 0);
	ck_assert_ptr_nonnull(strstr(text, "Receipt 1 "));
	ck_assert_ptr_nonnull(strstr(text, "  2 x 2.50"));
	ck_assert_ptr_nonnull(strstr(text, "6.50 EUR\n"));
	ck_assert_ptr_nonnull(strstr(text, "A 19%"));
	ck_assert_ptr_nonnull(strstr(text, "net 4.20 tax 0.80\n"));
	ck_assert_ptr_nonnull(strstr(text, "net 1.40 tax 0.10\n"));
	ck_assert_ptr_nonnull(strstr(text, "Change"));
	for (line = strtok(text, "\n"); line != NULL;
	    line = strtok(NULL, "\n"))
		ck_assert_int_le(strlen(line), 40);
	free(text);
	ck_assert_int_eq(sale_receipt_text(f.db, 99, &text), ERR_NOTFOUND);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

/* Refund qty of line 1 of receipt 1. */
static int
refund(struct fixture *f, int64_t qty, int waste, int64_t shift,
    struct sale_refund_result *res)
{
	struct sale_refund_req rq = { 1, 1, qty, waste, "broken seal", shift,
	    NULL };

	return sale_refund(&f->ctx, &rq, res);
}

START_TEST(refund_restocks_and_pays_back_the_wallet)
{
	struct fixture f;
	struct sale_refund_result rr;
	struct ledger_tx_info ti;
	struct sale_result res;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, &res), 0);
	ck_assert_int_eq(refund(&f, 1, 0, 0, &rr), 0);
	ck_assert_int_eq(rr.refund_no, 1);
	ck_assert_int_eq(rr.gross, 300);
	ck_assert_int_eq(on_hand(&f, "A"), 4);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 700);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_REFUNDS, 0), 300);
	ck_assert_int_eq(ledger_tx_get(f.db, rr.ledger_tx, &ti, NULL, NULL),
	    0);
	ck_assert_int_eq(ti.reverses, res.ledger_tx);
	ck_assert_int_eq(fixture_audit_count(&f, "shop.refund"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_as_waste_does_not_restock)
{
	struct fixture f;
	struct sale_refund_result rr;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(refund(&f, 1, 1, 0, &rr), 0);
	ck_assert_int_eq(on_hand(&f, "A"), 3);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 700);
	fixture_close(&f);
}
END_TEST

START_TEST(partial_refunds_add_up_to_the_line)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	struct sale_refund_result r1, r2;
	struct sale_result res;

	fixture_open(&f, 0);
	pay.customer_id = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 100, 5, "Food", 700);
	ck_assert_int_eq(sale_basket_add(f.db, b, "A", 3, NULL, NULL), 0);
	ck_assert_int_eq(sale_basket_discount(b, 0, 1), 0);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(res.gross, 299);
	ck_assert_int_eq(refund(&f, 1, 0, 0, &r1), 0);
	ck_assert_int_eq(r1.gross, 100);	/* 99.67 */
	ck_assert_int_eq(refund(&f, 2, 0, 0, &r2), 0);
	ck_assert_int_eq(r2.gross, 199);
	ck_assert_int_eq(r1.net + r2.net, res.net);
	ck_assert_int_eq(r1.tax + r2.tax, res.tax);
	ck_assert_int_eq(r2.refund_no, 2);
	ck_assert_int_eq(refund(&f, 1, 0, 0, NULL), ERR_STATE);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, pay.customer_id),
	    1000);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_more_than_sold_is_refused)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(refund(&f, 3, 0, 0, NULL), ERR_RANGE);
	ck_assert_int_eq(refund(&f, 0, 0, 0, NULL), ERR_INVALID);
	ck_assert_int_eq(on_hand(&f, "A"), 3);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_unknown_receipt_or_line)
{
	struct fixture f;
	struct sale_refund_req rq = { 7, 1, 1, 0, "x", 0, NULL };
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, NULL), ERR_NOTFOUND);
	rq.receipt_no = 1;
	rq.line_no = 2;
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, NULL), ERR_NOTFOUND);
	rq.line_no = 1;
	rq.reason = "";
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, NULL), ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(cash_refund_needs_an_open_shift)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	struct sale_result res;
	struct sale_refund_result rr;

	cash_setup(&f, b, &pay, 300, 2);
	ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay, &res), 0);
	ck_assert_int_eq(refund(&f, 1, 0, 0, &rr), ERR_NOSHIFT);
	ck_assert_int_eq(refund(&f, 1, 0, pay.shift_id, &rr), 0);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_DRAWER, pay.shift_id), 300);
	ck_assert_int_eq(on_hand(&f, "A"), 4);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_needs_wallet_refund)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	fixture_act(&f, 9, "aud", ROLE_AUDITOR);
	ck_assert_int_eq(refund(&f, 1, 0, 0, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_takes_back_the_points)
{
	struct fixture f;
	struct sale_refund_result rr;
	int64_t c, points, value;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 5000);
	fixture_product(&f, "A", "A", 1000, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(loyalty_balance(f.db, c, &points, &value), 0);
	ck_assert_int_eq(points, 20);
	ck_assert_int_eq(refund(&f, 1, 0, 0, &rr), 0);
	ck_assert_int_eq(rr.points, 10);
	ck_assert_int_eq(loyalty_balance(f.db, c, &points, &value), 0);
	ck_assert_int_eq(points, 10);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY, c), 10);
	fixture_close(&f);
}
END_TEST

START_TEST(mixed_run_keeps_ledger_stock_and_loyalty_agreeing)
{
	struct fixture f;
	struct sale_basket *b = sale_basket_new();
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	struct ledger_verify lv;
	struct stock_verify sv;
	int64_t c, d, t;
	char why[256];
	int i;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 100000);
	d = fixture_member(&f, "Dan", 0);
	pay.shift_id = fixture_shift(&f, "cash");
	fixture_product(&f, "A", "A", 250, 100, "Drinks", 1900);
	fixture_product(&f, "B", "B", 199, 100, "Food", 700);
	for (i = 0; i < 20; i++) {
		ck_assert_int_eq(sell_wallet(&f, c, i % 2 ? "A" : "B",
		    2 + i % 3, NULL), 0);
		pay.customer_id = i % 3 == 0 ? d : 0;
		pay.method = i % 4 == 0 ? SALE_CARD : SALE_CASH;
		ck_assert_int_eq(sale_basket_add(f.db, b, "A", 1, NULL, NULL),
		    0);
		ck_assert_int_eq(sale_basket_add(f.db, b, "B", 2, NULL, NULL),
		    0);
		ck_assert_int_eq(sale_checkout(&f.ctx, b, &pay,
		    &(struct sale_result){ 0 }), 0);
	}
	ck_assert_int_eq(refund(&f, 1, 0, 0, NULL), 0);
	ck_assert_int_eq(refund(&f, 1, 1, 0, NULL), 0);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 50, NULL, &t), 0);
	ck_assert_int_eq(ledger_verify(f.db, &lv), 0);
	ck_assert_int_eq(stock_verify(f.db, &sv), 0);
	ck_assert_int_eq(loyalty_verify(f.db, why, sizeof why), 0);
	ck_assert_int_eq(fixture_count(&f, "SELECT count(*) FROM sales"), 40);
	ck_assert_int_eq(fixture_count(&f, "SELECT max(receipt_no) FROM sales"),
	    40);
	sale_basket_free(b);
	fixture_close(&f);
}
END_TEST

START_TEST(today_counts_the_sales)
{
	struct fixture f;
	int64_t c, n, gross;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 1, NULL), 0);
	ck_assert_int_eq(sale_today(f.db, &n, &gross), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(gross, 900);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_refund_waits_for_approval)
{
	struct fixture f;
	struct sale_refund_req rq = { 1, 1, 1, 0, "flat", 0, "rk-1" };
	struct sale_refund_result rr;
	int64_t c, cash, tx = 0;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	cash = fixture_as(&f, "carl", ROLE_CASHIER);
	memset(&rr, 0, sizeof rr);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, &rr), ERR_NEEDS_APPROVAL);
	ck_assert_int_gt(rr.approval_id, 0);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 400);
	ck_assert_int_eq(on_hand(&f, "A"), 3);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, &rr), ERR_NEEDS_APPROVAL);
	fixture_act(&f, 0, "cli:boss", ROLE_MANAGER);
	ck_assert_int_eq(approval_approve(&f.ctx, rr.approval_id, &tx), 0);
	ck_assert_int_gt(tx, 0);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 700);
	ck_assert_int_eq(on_hand(&f, "A"), 4);
	fixture_act(&f, cash, "carl", ROLE_CASHIER);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, &rr), 0);
	ck_assert_int_eq(rr.replayed, 1);
	ck_assert_int_eq(rr.ledger_tx, tx);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 700);
	fixture_close(&f);
}
END_TEST

START_TEST(rejected_refund_is_refused)
{
	struct fixture f;
	struct sale_refund_req rq = { 1, 1, 1, 0, "flat", 0, "rk-2" };
	struct sale_refund_result rr;
	int64_t c, cash;

	fixture_open(&f, 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	cash = fixture_as(&f, "carl", ROLE_CASHIER);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, &rr), ERR_NEEDS_APPROVAL);
	fixture_act(&f, 0, "cli:boss", ROLE_MANAGER);
	ck_assert_int_eq(approval_reject(&f.ctx, rr.approval_id, NULL), 0);
	fixture_act(&f, cash, "carl", ROLE_CASHIER);
	ck_assert_int_eq(sale_refund(&f.ctx, &rq, &rr), ERR_DENIED);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 400);
	fixture_close(&f);
}
END_TEST

START_TEST(refund_above_threshold_needs_approval)
{
	struct fixture f;
	struct sale_refund_result rr;
	int64_t c;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_set(&f.ctx, "approval.threshold", "2.00",
	    NULL), 0);
	c = fixture_member(&f, "Ann", 1000);
	fixture_product(&f, "A", "A", 300, 5, NULL, 0);
	ck_assert_int_eq(sell_wallet(&f, c, "A", 2, NULL), 0);
	ck_assert_int_eq(refund(&f, 1, 0, 0, &rr), ERR_NEEDS_APPROVAL);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 400);
	fixture_close(&f);
}
END_TEST

static Suite *
sale_suite(void)
{
	Suite *s = suite_create("sale");
	TCase *tb = tcase_create("basket"), *tc = tcase_create("checkout");
	TCase *tr = tcase_create("refund");

	tcase_add_test(tb, tax_split_is_exact_and_rounds_half_away);
	tcase_add_test(tb, basket_merges_a_product_and_totals);
	tcase_add_test(tb, basket_refuses_unknown_inactive_and_short);
	tcase_add_test(tb, basket_quantity_zero_removes_the_line);
	tcase_add_test(tb, basket_discount_at_most_the_line);
	tcase_add_test(tc, empty_basket_is_refused);
	tcase_add_test(tc, wallet_sale_writes_stock_ledger_and_one_audit_row);
	tcase_add_test(tc, wallet_short_writes_nothing);
	tcase_add_test(tc, receipt_numbers_have_no_gaps);
	tcase_add_test(tc, stock_short_at_checkout_says_what_is_left);
	tcase_add_test(tc, cash_without_shift_is_refused);
	tcase_add_test(tc, closed_shift_is_refused);
	tcase_add_test(tc, cash_sale_into_the_drawer_with_change);
	tcase_add_test(tc, cash_tendered_below_total_is_refused);
	tcase_add_test(tc, card_sale_books_card_clearing);
	tcase_add_test(tc, discount_needs_wallet_approve);
	tcase_add_test(tc, auditor_may_not_sell);
	tcase_add_test(tc, price_changed_since_added_is_refused_once);
	tcase_add_test(tc, product_made_inactive_is_refused);
	tcase_add_test(tc, same_key_same_basket_sells_once);
	tcase_add_test(tc, same_key_other_basket_conflicts);
	tcase_add_test(tc, disabled_or_unknown_customer_is_refused);
	tcase_add_test(tc, member_earns_points_on_a_cash_sale);
	tcase_add_test(tc, receipt_text_shows_lines_tax_and_total);
	tcase_add_test(tc, today_counts_the_sales);
	tcase_add_test(tr, refund_restocks_and_pays_back_the_wallet);
	tcase_add_test(tr, refund_as_waste_does_not_restock);
	tcase_add_test(tr, partial_refunds_add_up_to_the_line);
	tcase_add_test(tr, refund_more_than_sold_is_refused);
	tcase_add_test(tr, refund_unknown_receipt_or_line);
	tcase_add_test(tr, cash_refund_needs_an_open_shift);
	tcase_add_test(tr, refund_needs_wallet_refund);
	tcase_add_test(tr, refund_takes_back_the_points);
	tcase_add_test(tr, cashier_refund_waits_for_approval);
	tcase_add_test(tr, rejected_refund_is_refused);
	tcase_add_test(tr, refund_above_threshold_needs_approval);
	tcase_add_test(tr, mixed_run_keeps_ledger_stock_and_loyalty_agreeing);
	suite_add_tcase(s, tb);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tr);
	return s;
}

TEST_MAIN(sale_suite)

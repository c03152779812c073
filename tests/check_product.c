/*
 * check_product.c -- products and categories: validation, unique SKUs
 * ignoring case, audited price changes, tax rates, search, permissions.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/settings.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
add(struct fixture *f, const char *sku, const char *name, int64_t price,
    const char *cat)
{
	struct product_new pn = { sku, name, cat, price, 0, 0 };
	int64_t id = 0;

	ck_assert_int_eq(product_add(&f->ctx, &pn, &id, NULL), 0);
	return id;
}

/* The detail of the newest audit row with this action. */
static char *
last_detail(struct fixture *f, const char *action)
{
	struct db_stmt *st;
	char *d;

	ck_assert_int_eq(db_stmt(f->db, "SELECT detail FROM audit WHERE "
	    "action = ? ORDER BY id DESC LIMIT 1", &st), 0);
	db_bind_text(st, 1, action);
	ck_assert_int_eq(db_step(st), DB_ROW);
	d = strdup(db_col_text(st, 0));
	db_done(st);
	return d;
}

START_TEST(add_and_find_ignoring_case)
{
	struct fixture f;
	struct product p;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "COKE-33", "Cola 0.33 l", 250, "Drinks");
	ck_assert_int_eq(product_find(f.db, "coke-33", &p), 0);
	ck_assert_int_eq(p.id, id);
	ck_assert_str_eq(p.sku, "COKE-33");
	ck_assert_str_eq(p.category, "Drinks");
	ck_assert_int_eq(p.price, 250);
	ck_assert_int_eq(p.on_hand, 0);
	ck_assert_int_eq(p.active, 1);
	ck_assert_int_eq(fixture_audit_count(&f, "product.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(duplicate_sku_other_case_is_refused)
{
	struct fixture f;
	struct product_new pn = { "coke-33", "Other", NULL, 100, 0, 0 };
	const char *why = NULL;
	int64_t id;

	fixture_open(&f, 0);
	add(&f, "COKE-33", "Cola", 250, NULL);
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_EXISTS);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(fixture_audit_count(&f, "product.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(bad_sku_name_and_price_are_refused)
{
	struct fixture f;
	struct product_new pn = { "a b", "Name", NULL, 100, 0, 0 };
	const char *why = NULL;
	int64_t id;

	fixture_open(&f, 0);
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_INVALID);
	ck_assert_ptr_nonnull(why);
	pn.sku = "A:1";
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_INVALID);
	pn.sku = "OK";
	pn.name = "bad\033[2Jname";
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_INVALID);
	pn.name = "";
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_INVALID);
	pn.name = "Fine";
	pn.price = -1;
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, &why), ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "product.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_may_not_add)
{
	struct fixture f;
	struct product_new pn = { "X", "X", NULL, 100, 0, 0 };
	int64_t id;

	fixture_open(&f, 0);
	fixture_act(&f, 5, "carl", ROLE_CASHIER);
	ck_assert_int_eq(product_add(&f.ctx, &pn, &id, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(price_change_audits_old_and_new)
{
	struct fixture f;
	struct product_edit e;
	struct product p;
	char *d;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "CHIPS", "Chips", 150, "Snacks");
	product_edit_init(&e);
	e.price = 175;
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(product_get(f.db, id, &p), 0);
	ck_assert_int_eq(p.price, 175);
	d = last_detail(&f, "product.update");
	ck_assert_str_eq(d, "sku=CHIPS price=1.50->1.75");
	free(d);
	fixture_close(&f);
}
END_TEST

START_TEST(update_without_change_writes_nothing)
{
	struct fixture f;
	struct product_edit e;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "CHIPS", "Chips", 150, NULL);
	product_edit_init(&e);
	e.price = 150;
	e.name = "Chips";
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "product.update"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(update_unknown_product)
{
	struct fixture f;
	struct product_edit e;

	fixture_open(&f, 0);
	product_edit_init(&e);
	e.price = 1;
	ck_assert_int_eq(product_update(&f.ctx, 99, &e, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(deactivate_hides_from_active_list_and_search)
{
	struct fixture f;
	struct product_edit e;
	struct product *v;
	size_t n;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "OLD", "Old bar", 100, NULL);
	add(&f, "NEW", "New bar", 100, NULL);
	product_edit_init(&e);
	e.active = 0;
	ck_assert_int_eq(product_update(&f.ctx, id, &e, NULL), 0);
	ck_assert_int_eq(product_list(f.db, PRODUCT_LIST_ACTIVE, &v, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].sku, "NEW");
	free(v);
	ck_assert_int_eq(product_list(f.db, 0, &v, &n), 0);
	ck_assert_int_eq(n, 2);
	free(v);
	ck_assert_int_eq(product_search(f.db, "bar", 10, &v, &n), 0);
	ck_assert_int_eq(n, 1);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(search_puts_exact_sku_first)
{
	struct fixture f;
	struct product *v;
	size_t n;

	fixture_open(&f, 0);
	add(&f, "WATER", "Still water", 150, NULL);
	add(&f, "W", "Waffle", 200, NULL);
	add(&f, "COLA", "Cola with 50% sugar", 200, NULL);
	ck_assert_int_eq(product_search(f.db, "w", 10, &v, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(v[0].sku, "W");
	ck_assert_str_eq(v[1].sku, "WATER");
	free(v);
	ck_assert_int_eq(product_search(f.db, "50%", 10, &v, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].sku, "COLA");
	free(v);
	ck_assert_int_eq(product_search(f.db, "0_", 10, &v, &n), 0);
	ck_assert_int_eq(n, 0);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(new_category_takes_default_rate)
{
	struct fixture f;
	struct product p;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_set(&f.ctx, "shop.default_tax_rate", "1900",
	    NULL), 0);
	add(&f, "TEA", "Tea", 200, "Hot drinks");
	ck_assert_int_eq(product_find(f.db, "TEA", &p), 0);
	ck_assert_int_eq(p.tax_rate, 1900);
	ck_assert_int_eq(fixture_audit_count(&f, "category.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(category_rate_change_is_audited)
{
	struct fixture f;
	struct product p;
	char *d;
	int64_t id1, id2;

	fixture_open(&f, 0);
	ck_assert_int_eq(product_category_set(&f.ctx, "Food", 700, &id1), 0);
	add(&f, "BURGER", "Burger", 500, "food");
	ck_assert_int_eq(product_category_set(&f.ctx, "FOOD", 1900, &id2), 0);
	ck_assert_int_eq(id1, id2);
	ck_assert_int_eq(product_find(f.db, "BURGER", &p), 0);
	ck_assert_int_eq(p.tax_rate, 1900);
	ck_assert_str_eq(p.category, "Food");
	d = last_detail(&f, "category.tax");
	ck_assert_str_eq(d, "name=FOOD tax=7%->19%");
	free(d);
	fixture_close(&f);
}
END_TEST

START_TEST(category_rate_range)
{
	struct fixture f;

	fixture_open(&f, 0);
	ck_assert_int_eq(product_category_set(&f.ctx, "Food", 10001, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(product_category_set(&f.ctx, "", 100, NULL),
	    ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(rate_parse_and_format)
{
	char buf[16];
	int bp;

	ck_assert_int_eq(product_rate_parse("19", &bp), 0);
	ck_assert_int_eq(bp, 1900);
	ck_assert_int_eq(product_rate_parse("7.5", &bp), 0);
	ck_assert_int_eq(bp, 750);
	ck_assert_int_eq(product_rate_parse("5.25", &bp), 0);
	ck_assert_int_eq(bp, 525);
	ck_assert_int_eq(product_rate_parse("100", &bp), 0);
	ck_assert_int_eq(product_rate_parse("100.01", &bp), ERR_INVALID);
	ck_assert_int_eq(product_rate_parse("7.125", &bp), ERR_INVALID);
	ck_assert_int_eq(product_rate_parse("-1", &bp), ERR_INVALID);
	ck_assert_int_eq(product_rate_parse("19%", &bp), ERR_INVALID);
	ck_assert_str_eq(product_rate_format(buf, sizeof buf, 1900), "19");
	ck_assert_str_eq(product_rate_format(buf, sizeof buf, 750), "7.5");
	ck_assert_str_eq(product_rate_format(buf, sizeof buf, 525), "5.25");
	ck_assert_str_eq(product_rate_format(buf, sizeof buf, 5), "0.05");
}
END_TEST

START_TEST(category_list_counts_products)
{
	struct fixture f;
	struct product_category *v;
	size_t n;

	fixture_open(&f, 0);
	add(&f, "A", "A", 1, "Snacks");
	add(&f, "B", "B", 1, "snacks");
	add(&f, "C", "C", 1, NULL);
	ck_assert_int_eq(product_category_list(f.db, &v, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(v[0].name, PRODUCT_DEFAULT_CATEGORY);
	ck_assert_int_eq(v[0].products, 1);
	ck_assert_str_eq(v[1].name, "Snacks");
	ck_assert_int_eq(v[1].products, 2);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(qty_parse_digits_up_to_the_max)
{
	int64_t v = -1;

	ck_assert_int_eq(product_qty_parse("0", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(product_qty_parse("007", &v), 0);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(product_qty_parse("1000000", &v), 0);
	ck_assert_int_eq(v, PRODUCT_QTY_MAX);
	v = -1;
	ck_assert_int_eq(product_qty_parse("1000001", &v), ERR_INVALID);
	ck_assert_int_eq(product_qty_parse("12345678", &v), ERR_INVALID);
	ck_assert_int_eq(product_qty_parse("", &v), ERR_INVALID);
	ck_assert_int_eq(product_qty_parse("-1", &v), ERR_INVALID);
	ck_assert_int_eq(product_qty_parse("1a", &v), ERR_INVALID);
	ck_assert_int_eq(product_qty_parse(" 1", &v), ERR_INVALID);
	ck_assert_int_eq(v, -1);
}
END_TEST

static Suite *
product_suite(void)
{
	Suite *s = suite_create("product");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, qty_parse_digits_up_to_the_max);
	tcase_add_test(tc, add_and_find_ignoring_case);
	tcase_add_test(tc, duplicate_sku_other_case_is_refused);
	tcase_add_test(tc, bad_sku_name_and_price_are_refused);
	tcase_add_test(tc, cashier_may_not_add);
	tcase_add_test(tc, price_change_audits_old_and_new);
	tcase_add_test(tc, update_without_change_writes_nothing);
	tcase_add_test(tc, update_unknown_product);
	tcase_add_test(tc, deactivate_hides_from_active_list_and_search);
	tcase_add_test(tc, search_puts_exact_sku_first);
	tcase_add_test(tc, new_category_takes_default_rate);
	tcase_add_test(tc, category_rate_change_is_audited);
	tcase_add_test(tc, category_rate_range);
	tcase_add_test(tc, rate_parse_and_format);
	tcase_add_test(tc, category_list_counts_products);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(product_suite)

/*
 * check_loyalty.c -- loyalty points: earning per unit spent, the
 * liability in the ledger, redemption oldest first, idempotency,
 * expiry, permissions, and the check against the ledger.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/perm.h"
#include "model/settings.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
points_of(struct fixture *f, int64_t c)
{
	int64_t p = -1, v = -1;

	ck_assert_int_eq(loyalty_balance(f->db, c, &p, &v), 0);
	return p;
}

START_TEST(quote_counts_whole_units)
{
	struct fixture f;
	int64_t p, v;

	fixture_open(&f, 0);
	ck_assert_int_eq(loyalty_quote(f.db, 499, &p, &v), 0);
	ck_assert_int_eq(p, 4);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(settings_set(&f.ctx, "loyalty.points_per_unit", "3",
	    NULL), 0);
	ck_assert_int_eq(loyalty_quote(f.db, 499, &p, &v), 0);
	ck_assert_int_eq(p, 14);		/* 14.97 */
	ck_assert_int_eq(loyalty_quote(f.db, 0, &p, &v), 0);
	ck_assert_int_eq(p, 0);
	ck_assert_int_eq(loyalty_quote(f.db, -100, &p, &v), 0);
	ck_assert_int_eq(p, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(earn_books_the_liability_once)
{
	struct fixture f;
	int64_t c, p = -1;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1250, "seat", 7, &p), 0);
	ck_assert_int_eq(p, 12);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1250, "seat", 7, &p), 0);
	ck_assert_int_eq(p, 0);
	ck_assert_int_eq(points_of(&f, c), 12);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY, c), 12);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY_COST, 0), 12);
	ck_assert_int_eq(fixture_audit_count(&f, "loyalty.earn"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(earn_for_unknown_customer)
{
	struct fixture f;

	fixture_open(&f, 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, 99, 1000, "seat", 1, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(loyalty_earn(&f.ctx, 99, 1000, "a:b", 1, NULL),
	    ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_takes_the_oldest_points_first)
{
	struct fixture f;
	int64_t c, credit = 0, p, v;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(settings_set(&f.ctx,
	    "loyalty.points_per_unit_credit", "50", NULL), 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 2, NULL), 0);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 15, NULL, &credit), 0);
	ck_assert_int_eq(credit, 10 + 10);	/* 10 at 1 ct, 5 at 2 ct */
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 20);
	ck_assert_int_eq(loyalty_balance(f.db, c, &p, &v), 0);
	ck_assert_int_eq(p, 5);
	ck_assert_int_eq(v, 10);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY, c), 10);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_quote_is_what_redeem_books)
{
	struct fixture f;
	int64_t c, q = -1, credit = 0, p, v;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(settings_set(&f.ctx,
	    "loyalty.points_per_unit_credit", "50", NULL), 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 2, NULL), 0);
	ck_assert_int_eq(loyalty_redeem_quote(f.db, c, 15, &q), 0);
	ck_assert_int_eq(q, 10 + 10);
	ck_assert_int_eq(loyalty_redeem_quote(f.db, c, 21, &q),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(loyalty_redeem_quote(f.db, c, 0, &q), ERR_INVALID);
	ck_assert_int_eq(loyalty_balance(f.db, c, &p, &v), 0);
	ck_assert_int_eq(p, 20);		/* the quotes took nothing */
	ck_assert_int_eq(v, 30);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 15, NULL, &credit), 0);
	ck_assert_int_eq(credit, 20);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_more_than_held_writes_nothing)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 11, NULL, NULL),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 0, NULL, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(points_of(&f, c), 10);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_WALLET, c), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_worth_nothing_is_refused)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(settings_set(&f.ctx,
	    "loyalty.points_per_unit_credit", "1000", NULL), 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 100000, "seat", 1, NULL), 0);
	ck_assert_int_eq(points_of(&f, c), 1000);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 1, NULL, NULL), ERR_RANGE);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 5, NULL, NULL), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_same_key_applies_once)
{
	struct fixture f;
	int64_t c, a = 0, b = 0;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 4, "r-1", &a), 0);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 4, "r-1", &b), 0);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(points_of(&f, c), 6);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 5, "r-1", &b),
	    ERR_CONFLICT);
	fixture_close(&f);
}
END_TEST

START_TEST(redeem_needs_wallet_topup)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	fixture_act(&f, 9, "aud", ROLE_AUDITOR);
	ck_assert_int_eq(loyalty_redeem(&f.ctx, c, 4, NULL, NULL),
	    ERR_DENIED);
	ck_assert_int_eq(points_of(&f, c), 10);
	fixture_close(&f);
}
END_TEST

START_TEST(expiry_books_the_liability_back)
{
	struct fixture f;
	char why[128];
	int64_t c, p = 0, v = 0;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(settings_set(&f.ctx, "loyalty.expiry_days", "30",
	    NULL), 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 500, "seat", 2, NULL), 0);
	ck_assert_int_eq(db_exec(f.db, "UPDATE loyalty_points SET "
	    "expires_at = 1 WHERE ref_id = 1"), 0);
	ck_assert_int_eq(points_of(&f, c), 5);
	ck_assert_int_eq(loyalty_expire(&f.ctx, &p, &v), 0);
	ck_assert_int_eq(p, 10);
	ck_assert_int_eq(v, 10);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY, c), 5);
	ck_assert_int_eq(fixture_balance(&f, LEDGER_LOYALTY_COST, 0), 5);
	ck_assert_int_eq(loyalty_verify(f.db, why, sizeof why), 0);
	ck_assert_int_eq(loyalty_expire(&f.ctx, &p, &v), 0);
	ck_assert_int_eq(p, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(expiry_needs_wallet_adjust)
{
	struct fixture f;

	fixture_open(&f, 0);
	fixture_act(&f, 5, "carl", ROLE_CASHIER);
	ck_assert_int_eq(loyalty_expire(&f.ctx, NULL, NULL), ERR_DENIED);
	fixture_close(&f);
}
END_TEST

START_TEST(verify_finds_a_difference)
{
	struct fixture f;
	char why[128];
	int64_t c;

	fixture_open(&f, 0);
	c = fixture_customer(&f, "Ann");
	ck_assert_int_eq(loyalty_earn(&f.ctx, c, 1000, "seat", 1, NULL), 0);
	ck_assert_int_eq(loyalty_verify(f.db, why, sizeof why), 0);
	ck_assert_str_eq(why, "");
	ck_assert_int_eq(db_exec(f.db, "UPDATE loyalty_points SET "
	    "value_left = 3"), 0);
	ck_assert_int_eq(loyalty_verify(f.db, why, sizeof why),
	    ERR_INTEGRITY);
	ck_assert_ptr_nonnull(strstr(why, "loyalty account 10"));
	fixture_close(&f);
}
END_TEST

static Suite *
loyalty_suite(void)
{
	Suite *s = suite_create("loyalty");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, quote_counts_whole_units);
	tcase_add_test(tc, earn_books_the_liability_once);
	tcase_add_test(tc, earn_for_unknown_customer);
	tcase_add_test(tc, redeem_takes_the_oldest_points_first);
	tcase_add_test(tc, redeem_more_than_held_writes_nothing);
	tcase_add_test(tc, redeem_worth_nothing_is_refused);
	tcase_add_test(tc, redeem_same_key_applies_once);
	tcase_add_test(tc, redeem_needs_wallet_topup);
	tcase_add_test(tc, redeem_quote_is_what_redeem_books);
	tcase_add_test(tc, expiry_books_the_liability_back);
	tcase_add_test(tc, expiry_needs_wallet_adjust);
	tcase_add_test(tc, verify_finds_a_difference);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(loyalty_suite)

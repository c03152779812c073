/*
 * check_ledger.c -- the ledger: balanced posts, signs, never-negative
 * accounts, idempotency keys, reversals, statements, verification.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
mk_customer(struct fixture *f, const char *name)
{
	struct customer_new cn = { name, NULL, NULL, NULL };
	int64_t id = 0;

	ck_assert_int_eq(customer_add(&f->ctx, &cn, &id, NULL), 0);
	return id;
}

/* Post two legs: a on (ka, ra), b on (kb, rb). */
static int
post2(struct fixture *f, const char *key, const char *op, int ka, int64_t ra,
    int64_t a, int kb, int64_t rb, int64_t b, struct ledger_result *res)
{
	struct ledger_leg legs[2] = { { ka, ra, a }, { kb, rb, b } };
	struct ledger_post p;

	memset(&p, 0, sizeof p);
	p.key = key;
	p.op = op;
	p.legs = legs;
	p.nlegs = 2;
	return ledger_post(&f->ctx, &p, res);
}

static int64_t
bal(struct fixture *f, int kind, int64_t ref)
{
	int64_t v = -1;

	ck_assert_int_eq(ledger_balance(f->db, kind, ref, &v), 0);
	return v;
}

START_TEST(card_topup_moves_both_balances)
{
	struct fixture f;
	struct ledger_result res;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 1000,
	    LEDGER_WALLET, c, 1000, &res), 0);
	ck_assert_int_gt(res.tx_id, 0);
	ck_assert_int_eq(res.replayed, 0);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 1000);
	ck_assert_int_eq(bal(&f, LEDGER_CARD, 0), 1000);
	ck_assert_int_eq(fixture_audit_count(&f, "wallet.topup"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(unbalanced_refused)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "x", LEDGER_CARD, 0, 1000,
	    LEDGER_WALLET, c, -1000, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k1", "x", LEDGER_CARD, 0, 1000,
	    LEDGER_WALLET, c, 999, NULL), ERR_INVALID);
	ck_assert_int_eq(bal(&f, LEDGER_CARD, 0), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(wallet_below_zero_refused_nothing_written)
{
	struct fixture f;
	struct ledger_verify v;
	int64_t c, tx;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, NULL), 0);
	ck_assert_int_eq(post2(&f, "k2", "wallet.charge", LEDGER_WALLET, c,
	    -501, LEDGER_REV_OTHER, 0, 501, NULL), ERR_INSUFFICIENT);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 500);
	ck_assert_int_eq(bal(&f, LEDGER_REV_OTHER, 0), 0);
	ck_assert_int_eq(ledger_key_find(f.db, "k2", &tx), ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&f, "wallet.charge"), 0);
	ck_assert_int_eq(post2(&f, "k2", "wallet.charge", LEDGER_WALLET, c,
	    -500, LEDGER_REV_OTHER, 0, 500, NULL), 0);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 0);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(replay_same_content_returns_first)
{
	struct fixture f;
	struct ledger_result a, b;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 700,
	    LEDGER_WALLET, c, 700, &a), 0);
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 700,
	    LEDGER_WALLET, c, 700, &b), 0);
	ck_assert_int_eq(b.tx_id, a.tx_id);
	ck_assert_int_eq(b.replayed, 1);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 700);
	ck_assert_int_eq(fixture_audit_count(&f, "wallet.topup"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(replay_other_content_conflicts)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 700,
	    LEDGER_WALLET, c, 700, NULL), 0);
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 701,
	    LEDGER_WALLET, c, 701, NULL), ERR_CONFLICT);
	ck_assert_int_eq(post2(&f, "k1", "wallet.other", LEDGER_CARD, 0, 700,
	    LEDGER_WALLET, c, 700, NULL), ERR_CONFLICT);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 700);
	fixture_close(&f);
}
END_TEST

Suite *ledger_suite(void);

Suite *
ledger_suite(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, card_topup_moves_both_balances);
	tcase_add_test(tc, unbalanced_refused);
	tcase_add_test(tc, wallet_below_zero_refused_nothing_written);
	tcase_add_test(tc, replay_same_content_returns_first);
	tcase_add_test(tc, replay_other_content_conflicts);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ledger_suite)

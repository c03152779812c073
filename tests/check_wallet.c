/*
 * check_wallet.c -- wallet operations: top-up (cash, card, settling
 * debt), charge, refund, adjustment, transfer, history; every refusal
 * with its exact code and nothing written.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/shift.h"
#include "model/wallet.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

/* A café with a cashier alice (id in uid) on shift sid, customer cid. */
struct desk {
	struct fixture	f;
	int64_t		uid, sid, cid;
};

static void
desk_open(struct desk *d, int64_t float_amount)
{
	struct customer_new cn = { "Ann", NULL, NULL, "M-1" };

	fixture_open(&d->f, 0);
	d->uid = fixture_user(&d->f, "alice", ROLE_CASHIER);
	ck_assert_int_eq(shift_open(&d->f.ctx, d->uid, float_amount, NULL,
	    &d->sid), 0);
	ck_assert_int_eq(customer_add(&d->f.ctx, &cn, &d->cid, NULL), 0);
	fixture_act(&d->f, d->uid, "alice", ROLE_CASHIER);
}

static struct wallet_op
op_of(struct desk *d, int64_t amount, const char *key)
{
	struct wallet_op op;

	memset(&op, 0, sizeof op);
	op.customer_id = d->cid;
	op.amount = amount;
	op.shift_id = d->sid;
	op.key = key;
	return op;
}

static int64_t
bal(struct desk *d, int kind, int64_t ref)
{
	int64_t v = -1;

	ck_assert_int_eq(ledger_balance(d->f.db, kind, ref, &v), 0);
	return v;
}

static void
topup(struct desk *d, int64_t amount, const char *key)
{
	struct wallet_op op = op_of(d, amount, key);

	ck_assert_int_eq(wallet_topup(&d->f.ctx, &op, NULL), 0);
}

START_TEST(topup_cash_into_drawer)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;

	desk_open(&d, 1000);
	op = op_of(&d, 2000, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &res), 0);
	ck_assert_int_gt(res.tx_id, 0);
	ck_assert_int_eq(res.balance, 2000);
	ck_assert_int_eq(res.replayed, 0);
	ck_assert_int_eq(bal(&d, LEDGER_DRAWER, d.sid), 3000);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 2000);
	ck_assert_int_eq(fixture_audit_count(&d.f, "wallet.topup"), 1);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_card_to_clearing)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 1000);
	op = op_of(&d, 2000, "k1");
	op.method = WALLET_CARD;
	op.shift_id = 0;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), 0);
	ck_assert_int_eq(bal(&d, LEDGER_CARD, 0), 2000);
	ck_assert_int_eq(bal(&d, LEDGER_DRAWER, d.sid), 1000);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 2000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_cash_needs_an_open_shift)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 0);
	op = op_of(&d, 2000, "k1");
	op.shift_id = 0;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_NOSHIFT);
	op.shift_id = 99;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(shift_close(&d.f.ctx, d.sid, 0, NULL, NULL), 0);
	op.shift_id = d.sid;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_NOSHIFT);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 0);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_into_anothers_drawer_denied)
{
	struct desk d;
	struct wallet_op op;
	int64_t b;

	desk_open(&d, 0);
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	b = fixture_user(&d.f, "bert", ROLE_CASHIER);
	fixture_act(&d.f, b, "bert", ROLE_CASHIER);
	op = op_of(&d, 2000, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_DENIED);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 0);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_refusals)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 0);
	op = op_of(&d, 0, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.amount = -5;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.amount = MONEY_MAX + 1;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_RANGE);
	op.amount = 100;
	op.key = NULL;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.key = "k1";
	op.method = 7;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.method = WALLET_CASH;
	op.customer_id = 99;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&d.f, "wallet.topup"), 0);
	fixture_close(&d.f);
}
END_TEST

START_TEST(disabled_customer_takes_no_topup)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 0);
	ck_assert_int_eq(customer_set_disabled(&d.f.ctx, d.cid, 1), 0);
	op = op_of(&d, 100, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_DISABLED);
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), ERR_DISABLED);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_settles_debt_first)
{
	struct desk d;
	struct ledger_leg legs[3];
	struct ledger_post p;
	struct wallet_op op;
	struct wallet_result res, again;
	int64_t debt;

	desk_open(&d, 0);
	/* A seat session that cost 5.00 more than the empty wallet. */
	legs[0] = (struct ledger_leg){ LEDGER_RECEIVABLE, d.cid, 500 };
	legs[1] = (struct ledger_leg){ LEDGER_REV_SEATS, 0, 500 };
	memset(&p, 0, sizeof p);
	p.key = "seat:1";
	p.op = "seat.charge";
	p.customer_id = d.cid;
	p.legs = legs;
	p.nlegs = 2;
	ck_assert_int_eq(ledger_post(&d.f.ctx, &p, NULL), 0);
	op = op_of(&d, 2000, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.debt_settled, 500);
	ck_assert_int_eq(res.balance, 1500);
	ck_assert_int_eq(wallet_debt(d.f.db, d.cid, &debt), 0);
	ck_assert_int_eq(debt, 0);
	ck_assert_int_eq(bal(&d, LEDGER_DRAWER, d.sid), 2000);
	/* Replayed later, the same settlement is recognised. */
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &again), 0);
	ck_assert_int_eq(again.replayed, 1);
	ck_assert_int_eq(again.tx_id, res.tx_id);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 1500);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_smaller_than_debt)
{
	struct desk d;
	struct ledger_leg legs[2];
	struct ledger_post p;
	struct wallet_op op;
	struct wallet_result res;

	desk_open(&d, 0);
	legs[0] = (struct ledger_leg){ LEDGER_RECEIVABLE, d.cid, 800 };
	legs[1] = (struct ledger_leg){ LEDGER_REV_SEATS, 0, 800 };
	memset(&p, 0, sizeof p);
	p.key = "seat:1";
	p.op = "seat.charge";
	p.legs = legs;
	p.nlegs = 2;
	ck_assert_int_eq(ledger_post(&d.f.ctx, &p, NULL), 0);
	op = op_of(&d, 500, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.debt_settled, 500);
	ck_assert_int_eq(res.balance, 0);
	ck_assert_int_eq(bal(&d, LEDGER_RECEIVABLE, d.cid), 300);
	fixture_close(&d.f);
}
END_TEST

START_TEST(topup_replay_applies_once)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result a, b;

	desk_open(&d, 0);
	op = op_of(&d, 2000, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &a), 0);
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, &b), 0);
	ck_assert_int_eq(b.replayed, 1);
	ck_assert_int_eq(b.tx_id, a.tx_id);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 2000);
	ck_assert_int_eq(bal(&d, LEDGER_DRAWER, d.sid), 2000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(reused_key_other_content_refused)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 0);
	topup(&d, 2000, "k1");
	op = op_of(&d, 2001, "k1");
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_CONFLICT);
	op.amount = 100;
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), ERR_CONFLICT);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 2000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(charge_to_revenue)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;

	desk_open(&d, 0);
	topup(&d, 2000, "k1");
	op = op_of(&d, 750, "k2");
	op.revenue = LEDGER_REV_SEATS;
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.balance, 1250);
	ck_assert_int_eq(bal(&d, LEDGER_REV_SEATS, 0), 750);
	op = op_of(&d, 250, "k3");
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), 0);
	ck_assert_int_eq(bal(&d, LEDGER_REV_OTHER, 0), 250);
	op = op_of(&d, 1, "k4");
	op.revenue = LEDGER_WALLET + 100;
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), ERR_INVALID);
	fixture_close(&d.f);
}
END_TEST

START_TEST(charge_beyond_balance_refused)
{
	struct desk d;
	struct wallet_op op;
	int64_t tx;

	desk_open(&d, 0);
	topup(&d, 1000, "k1");
	op = op_of(&d, 1001, "k2");
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), ERR_INSUFFICIENT);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 1000);
	ck_assert_int_eq(bal(&d, LEDGER_REV_OTHER, 0), 0);
	ck_assert_int_eq(ledger_key_find(d.f.db, "k2", &tx), ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&d.f, "wallet.charge"), 0);
	fixture_close(&d.f);
}
END_TEST

START_TEST(auditor_may_not_charge)
{
	struct desk d;
	struct wallet_op op;
	int64_t o;

	desk_open(&d, 0);
	topup(&d, 1000, "k1");
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	o = fixture_user(&d.f, "otto", ROLE_AUDITOR);
	fixture_act(&d.f, o, "otto", ROLE_AUDITOR);
	op = op_of(&d, 100, "k2");
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), ERR_DENIED);
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&d.f, "denied"), 2);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 1000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(manager_refunds_small_amount_in_cash)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	int64_t m;

	desk_open(&d, 1000);
	topup(&d, 3000, "k1");
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	m = fixture_user(&d.f, "mia", ROLE_MANAGER);
	fixture_act(&d.f, m, "mia", ROLE_MANAGER);
	op = op_of(&d, 1200, "r1");
	op.reason = "unused";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.balance, 1800);
	ck_assert_int_eq(bal(&d, LEDGER_DRAWER, d.sid), 2800);
	fixture_close(&d.f);
}
END_TEST

START_TEST(cashier_refund_waits_for_approval)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;

	desk_open(&d, 1000);
	topup(&d, 3000, "k1");
	op = op_of(&d, 100, "r1");
	op.reason = "unused";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res),
	    ERR_NEEDS_APPROVAL);
	ck_assert_int_gt(res.approval_id, 0);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 3000);
	ck_assert_int_eq(fixture_audit_count(&d.f, "approval.request"), 1);
	fixture_close(&d.f);
}
END_TEST

START_TEST(refund_refusals)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 100);
	topup(&d, 3000, "k1");
	op = op_of(&d, 100, "r1");
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.reason = "";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.reason = "x";
	op.amount = 3001;
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL),
	    ERR_INSUFFICIENT);
	op.amount = 3000;
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL),
	    ERR_NEEDS_APPROVAL);
	op.amount = 3101;
	op.key = "r2";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL),
	    ERR_INSUFFICIENT);
	op.amount = 3000;
	op.key = "r3";
	op.shift_id = 0;
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL), ERR_NOSHIFT);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, d.cid), 3000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(refund_drawer_short_refused)
{
	struct desk d;
	struct wallet_op op;

	desk_open(&d, 0);
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	op = op_of(&d, 3000, "k1");
	op.method = WALLET_CARD;
	ck_assert_int_eq(wallet_topup(&d.f.ctx, &op, NULL), 0);
	op = op_of(&d, 2000, "r1");
	op.reason = "x";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL),
	    ERR_INSUFFICIENT);
	op.method = WALLET_CARD;
	op.key = "r2";
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, NULL), 0);
	ck_assert_int_eq(bal(&d, LEDGER_CARD, 0), 1000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(adjust_needs_permission_and_reason)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;

	desk_open(&d, 0);
	op = op_of(&d, 500, "a1");
	op.reason = "goodwill";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, NULL), ERR_DENIED);
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	op.reason = NULL;
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.reason = "goodwill";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.balance, 500);
	ck_assert_int_eq(bal(&d, LEDGER_ADJUST, 0), 500);
	op = op_of(&d, -200, "a2");
	op.reason = "typo";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.balance, 300);
	op = op_of(&d, -301, "a3");
	op.reason = "too much";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, NULL),
	    ERR_INSUFFICIENT);
	op = op_of(&d, 5001, "a4");
	op.reason = "big";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, &res),
	    ERR_NEEDS_APPROVAL);
	fixture_close(&d.f);
}
END_TEST

START_TEST(transfer_between_wallets)
{
	struct desk d;
	struct customer_new cn = { "Bob", NULL, NULL, NULL };
	struct wallet_op op;
	struct wallet_result res;
	int64_t b;

	desk_open(&d, 0);
	ck_assert_int_eq(customer_add(&d.f.ctx, &cn, &b, NULL), 0);
	topup(&d, 1000, "k1");
	op = op_of(&d, 400, "t1");
	op.to_customer = b;
	ck_assert_int_eq(wallet_transfer(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.balance, 600);
	ck_assert_int_eq(bal(&d, LEDGER_WALLET, b), 400);
	op.key = "t2";
	op.amount = 601;
	ck_assert_int_eq(wallet_transfer(&d.f.ctx, &op, NULL),
	    ERR_INSUFFICIENT);
	op.amount = 1;
	op.to_customer = d.cid;
	ck_assert_int_eq(wallet_transfer(&d.f.ctx, &op, NULL), ERR_INVALID);
	op.to_customer = 99;
	ck_assert_int_eq(wallet_transfer(&d.f.ctx, &op, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(customer_set_disabled(&d.f.ctx, b, 1), 0);
	op.to_customer = b;
	ck_assert_int_eq(wallet_transfer(&d.f.ctx, &op, NULL), ERR_DISABLED);
	fixture_close(&d.f);
}
END_TEST

START_TEST(history_with_balance_after_each_entry)
{
	struct desk d;
	struct wallet_op op;
	struct ledger_line *v;
	size_t n;
	int64_t liab;

	desk_open(&d, 0);
	topup(&d, 1000, "k1");
	op = op_of(&d, 300, "c1");
	op.reason = "2h seat";
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), 0);
	topup(&d, 500, "k2");
	ck_assert_int_eq(wallet_history(d.f.db, d.cid, 0, 10, &v, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[0].amount, 500);
	ck_assert_int_eq(v[0].balance_after, 1200);
	ck_assert_int_eq(v[1].amount, -300);
	ck_assert_int_eq(v[1].balance_after, 700);
	ck_assert_str_eq(v[1].memo, "2h seat");
	ck_assert_str_eq(v[1].actor, "alice");
	ck_assert_int_eq(v[2].balance_after, 1000);
	free(v);
	ck_assert_int_eq(wallet_history(d.f.db, 99, 0, 10, &v, &n),
	    ERR_NOTFOUND);
	ck_assert_int_eq(wallet_liability(d.f.db, &liab), 0);
	ck_assert_int_eq(liab, 1200);
	fixture_close(&d.f);
}
END_TEST

Suite *wallet_suite(void);

Suite *
wallet_suite(void)
{
	Suite *s = suite_create("wallet");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, topup_cash_into_drawer);
	tcase_add_test(tc, topup_card_to_clearing);
	tcase_add_test(tc, topup_cash_needs_an_open_shift);
	tcase_add_test(tc, topup_into_anothers_drawer_denied);
	tcase_add_test(tc, topup_refusals);
	tcase_add_test(tc, disabled_customer_takes_no_topup);
	tcase_add_test(tc, topup_settles_debt_first);
	tcase_add_test(tc, topup_smaller_than_debt);
	tcase_add_test(tc, topup_replay_applies_once);
	tcase_add_test(tc, reused_key_other_content_refused);
	tcase_add_test(tc, charge_to_revenue);
	tcase_add_test(tc, charge_beyond_balance_refused);
	tcase_add_test(tc, auditor_may_not_charge);
	tcase_add_test(tc, manager_refunds_small_amount_in_cash);
	tcase_add_test(tc, cashier_refund_waits_for_approval);
	tcase_add_test(tc, refund_refusals);
	tcase_add_test(tc, refund_drawer_short_refused);
	tcase_add_test(tc, adjust_needs_permission_and_reason);
	tcase_add_test(tc, transfer_between_wallets);
	tcase_add_test(tc, history_with_balance_after_each_entry);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(wallet_suite)

/*
 * check_shift.c -- shifts and drawers: opening with a float, paid-in and
 * paid-out, the blind close, forced closes, and the Z-report.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/shift.h"
#include "model/user.h"
#include "model/wallet.h"
#include "model/zreport.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
bal(struct fixture *f, int kind, int64_t ref)
{
	int64_t v = -1;

	ck_assert_int_eq(ledger_balance(f->db, kind, ref, &v), 0);
	return v;
}

static int64_t
open_for(struct fixture *f, int64_t uid, int64_t amount)
{
	int64_t id = 0;

	ck_assert_int_eq(shift_open(&f->ctx, uid, amount, NULL, &id), 0);
	return id;
}

START_TEST(open_puts_the_float_in_the_drawer)
{
	struct fixture f;
	struct shift_info s;
	int64_t uid, id, cur;

	fixture_open(&f, 0);
	uid = fixture_user(&f, "alice", ROLE_CASHIER);
	id = open_for(&f, uid, 10000);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, id), 10000);
	ck_assert_int_eq(bal(&f, LEDGER_SAFE, 0), -10000);
	ck_assert_int_eq(shift_current(f.db, uid, &cur), 0);
	ck_assert_int_eq(cur, id);
	ck_assert_int_eq(shift_get(f.db, id, &s), 0);
	ck_assert_int_eq(s.open, 1);
	ck_assert_str_eq(s.user, "alice");
	ck_assert_int_eq(s.float_amount, 10000);
	ck_assert_int_eq(fixture_audit_count(&f, "shift.open"), 1);
	ck_assert_int_eq(fixture_audit_count(&f, "shift.float"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(one_open_shift_per_cashier)
{
	struct fixture f;
	int64_t uid;

	fixture_open(&f, 0);
	uid = fixture_user(&f, "alice", ROLE_CASHIER);
	open_for(&f, uid, 0);
	ck_assert_int_eq(shift_open(&f.ctx, uid, 0, NULL, NULL), ERR_STATE);
	fixture_close(&f);
}
END_TEST

START_TEST(open_refusals)
{
	struct fixture f;
	int64_t a, o, cur;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	o = fixture_user(&f, "otto", ROLE_AUDITOR);
	ck_assert_int_eq(shift_open(&f.ctx, 99, 0, NULL, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(shift_open(&f.ctx, o, 0, NULL, NULL), ERR_INVALID);
	ck_assert_int_eq(shift_open(&f.ctx, a, -1, NULL, NULL), ERR_INVALID);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "alice", 1), 0);
	ck_assert_int_eq(shift_open(&f.ctx, a, 0, NULL, NULL), ERR_DISABLED);
	ck_assert_int_eq(shift_current(f.db, a, &cur), ERR_NOSHIFT);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_opens_own_not_others)
{
	struct fixture f;
	int64_t a, b;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	b = fixture_user(&f, "bert", ROLE_CASHIER);
	fixture_act(&f, a, "alice", ROLE_CASHIER);
	ck_assert_int_eq(shift_open(&f.ctx, b, 0, NULL, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	open_for(&f, a, 5000);
	fixture_close(&f);
}
END_TEST

START_TEST(expected_is_blind_to_cashiers)
{
	struct fixture f;
	int64_t a, m, id, e;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	m = fixture_user(&f, "mia", ROLE_MANAGER);
	id = open_for(&f, a, 5000);
	fixture_act(&f, a, "alice", ROLE_CASHIER);
	ck_assert_int_eq(shift_expected(&f.ctx, id, &e), ERR_DENIED);
	fixture_act(&f, m, "mia", ROLE_MANAGER);
	ck_assert_int_eq(shift_expected(&f.ctx, id, &e), 0);
	ck_assert_int_eq(e, 5000);
	fixture_close(&f);
}
END_TEST

START_TEST(paid_in_and_out)
{
	struct fixture f;
	struct ledger_result res;
	int64_t a, id;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	id = open_for(&f, a, 5000);
	fixture_act(&f, a, "alice", ROLE_CASHIER);
	ck_assert_int_eq(shift_paid(&f.ctx, id, 2000, "change from safe",
	    "p1", &res), 0);
	ck_assert_int_eq(shift_paid(&f.ctx, id, -300, "milk", "p2", NULL), 0);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, id), 6700);
	ck_assert_int_eq(bal(&f, LEDGER_PAIDINOUT, 0), -1700);
	ck_assert_int_eq(shift_paid(&f.ctx, id, -6701, "too much", "p3",
	    NULL), ERR_INSUFFICIENT);
	ck_assert_int_eq(shift_paid(&f.ctx, id, -1, "", "p4", NULL),
	    ERR_INVALID);
	ck_assert_int_eq(shift_paid(&f.ctx, id, 0, "zero", "p5", NULL),
	    ERR_INVALID);
	ck_assert_int_eq(shift_paid(&f.ctx, 99, 1, "x", "p6", NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, id), 6700);
	fixture_close(&f);
}
END_TEST

START_TEST(paid_out_of_anothers_drawer_denied)
{
	struct fixture f;
	int64_t a, b, id;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	b = fixture_user(&f, "bert", ROLE_CASHIER);
	id = open_for(&f, a, 5000);
	fixture_act(&f, b, "bert", ROLE_CASHIER);
	ck_assert_int_eq(shift_paid(&f.ctx, id, -100, "x", "k", NULL),
	    ERR_DENIED);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, id), 5000);
	fixture_close(&f);
}
END_TEST

START_TEST(close_records_expected_counted_variance)
{
	struct fixture f;
	struct shift_close_result res;
	struct shift_info s;
	struct audit_head head;
	char hbuf[128];
	int64_t a, id;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	id = open_for(&f, a, 15000);
	fixture_act(&f, a, "alice", ROLE_CASHIER);
	ck_assert_int_eq(shift_close(&f.ctx, id, 14900, "50.00x2 49.00x1",
	    &res), 0);
	ck_assert_int_eq(res.expected, 15000);
	ck_assert_int_eq(res.counted, 14900);
	ck_assert_int_eq(res.variance, -100);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, id), 0);
	ck_assert_int_eq(bal(&f, LEDGER_SAFE, 0), -100);
	ck_assert_int_eq(bal(&f, LEDGER_OVERSHORT, 0), 100);
	ck_assert_int_eq(shift_get(f.db, id, &s), 0);
	ck_assert_int_eq(s.open, 0);
	ck_assert_int_eq(s.forced, 0);
	ck_assert_int_eq(s.variance, -100);
	ck_assert_str_eq(s.counted_detail, "50.00x2 49.00x1");
	ck_assert_str_eq(s.closed_by, "alice");
	ck_assert_int_eq(audit_head(f.db, &head), 0);
	ck_assert_str_eq(s.audit_head, audit_head_fmt(&head, hbuf,
	    sizeof hbuf));
	fixture_close(&f);
}
END_TEST

START_TEST(close_once)
{
	struct fixture f;
	int64_t a, id;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	id = open_for(&f, a, 100);
	ck_assert_int_eq(shift_close(&f.ctx, id, 100, NULL, NULL), 0);
	ck_assert_int_eq(shift_close(&f.ctx, id, 100, NULL, NULL), ERR_STATE);
	ck_assert_int_eq(shift_close(&f.ctx, 99, 100, NULL, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&f, "shift.close"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(manager_force_closes_cashier_may_not)
{
	struct fixture f;
	struct shift_info s;
	int64_t a, b, m, id;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	b = fixture_user(&f, "bert", ROLE_CASHIER);
	m = fixture_user(&f, "mia", ROLE_MANAGER);
	id = open_for(&f, a, 100);
	fixture_act(&f, b, "bert", ROLE_CASHIER);
	ck_assert_int_eq(shift_close(&f.ctx, id, 100, NULL, NULL), ERR_DENIED);
	fixture_act(&f, m, "mia", ROLE_MANAGER);
	ck_assert_int_eq(shift_close(&f.ctx, id, 120, NULL, NULL), 0);
	ck_assert_int_eq(shift_get(f.db, id, &s), 0);
	ck_assert_int_eq(s.forced, 1);
	ck_assert_int_eq(s.variance, 20);
	ck_assert_int_eq(bal(&f, LEDGER_OVERSHORT, 0), -20);
	fixture_close(&f);
}
END_TEST

START_TEST(count_by_denomination)
{
	struct shift_denom d[3] = { { 5000, 2 }, { 200, 3 }, { 1, 0 } };
	char detail[64];
	int64_t total;

	ck_assert_int_eq(shift_count_total(d, 3, 2, &total, detail,
	    sizeof detail), 0);
	ck_assert_int_eq(total, 10600);
	ck_assert_str_eq(detail, "50.00x2 2.00x3");
	d[1].count = -1;
	ck_assert_int_eq(shift_count_total(d, 3, 2, &total, detail,
	    sizeof detail), ERR_INVALID);
	ck_assert_int_eq(shift_count_total(d, 0, 2, &total, detail,
	    sizeof detail), ERR_INVALID);
	d[1] = (struct shift_denom){ INT64_C(99999999999999), 2 };
	ck_assert_int_eq(shift_count_total(d, 3, 2, &total, detail,
	    sizeof detail), ERR_RANGE);
}
END_TEST

/* A customer and a cash top-up through shift s; returns the customer. */
static int64_t
customer_with(struct fixture *f, int64_t s, int64_t amount, const char *key)
{
	struct customer_new cn = { "Ann", NULL, NULL, NULL };
	struct wallet_op op;
	int64_t c;

	ck_assert_int_eq(customer_add(&f->ctx, &cn, &c, NULL), 0);
	memset(&op, 0, sizeof op);
	op.customer_id = c;
	op.amount = amount;
	op.shift_id = s;
	op.key = key;
	ck_assert_int_eq(wallet_topup(&f->ctx, &op, NULL), 0);
	return c;
}

/* A cash sale and its refund in the next shift, then the Z of both. */
START_TEST(zreport_lists_a_refund_from_an_earlier_shift)
{
	struct fixture f;
	struct ledger_leg legs[2];
	struct ledger_post p;
	struct ledger_result sale;
	struct zreport *z;
	int64_t a, s1, s2;
	char *text, line[64];

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	s1 = open_for(&f, a, 10000);
	customer_with(&f, s1, 2000, "t1");
	legs[0] = (struct ledger_leg){ LEDGER_DRAWER, s1, 450 };
	legs[1] = (struct ledger_leg){ LEDGER_REV_SHOP, 0, 450 };
	memset(&p, 0, sizeof p);
	p.key = "sale1";
	p.op = "shop.sale";
	p.shift_id = s1;
	p.legs = legs;
	p.nlegs = 2;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, &sale), 0);
	ck_assert_int_eq(shift_close(&f.ctx, s1, 12450, NULL, NULL), 0);
	s2 = open_for(&f, a, 5000);
	legs[0] = (struct ledger_leg){ LEDGER_DRAWER, s2, -450 };
	legs[1] = (struct ledger_leg){ LEDGER_REFUNDS, 0, 450 };
	p.key = "refund1";
	p.op = "shop.refund";
	p.shift_id = s2;
	p.reverses = sale.tx_id;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), 0);
	ck_assert_int_eq(shift_close(&f.ctx, s2, 4550, NULL, NULL), 0);
	ck_assert_int_eq(zreport_load(&f.ctx, s1, &z), 0);
	ck_assert_int_eq(z->float_amount, 10000);
	ck_assert_int_eq(z->cash_topups, 2000);
	ck_assert_int_eq(z->cash_sales, 450);
	ck_assert_int_eq(z->cash_refunds, 0);
	ck_assert_int_eq(z->expected, 12450);
	ck_assert_int_eq(z->liability, 2000);
	zreport_free(z);
	ck_assert_int_eq(zreport_load(&f.ctx, s2, &z), 0);
	ck_assert_int_eq(z->cash_sales, 0);
	ck_assert_int_eq(z->cash_refunds, 450);
	ck_assert_uint_eq(z->nrefunds, 1);
	ck_assert_int_eq(z->refunds[0].orig_tx, sale.tx_id);
	ck_assert_int_eq(z->refunds[0].orig_shift, s1);
	ck_assert_int_eq(z->expected, 4550);
	text = zreport_text(z, &(struct cafe_info){ "Test", "EUR", 2, "UTC",
	    "" });
	ck_assert_ptr_nonnull(strstr(text, "refund of tx 3 from shift 1, "
	    "4.50 EUR cash"));
	snprintf(line, sizeof line, "%-28s %18s\n", "expected", "45.50 EUR");
	ck_assert_ptr_nonnull(strstr(text, line));
	ck_assert_ptr_nonnull(strstr(text, "audit chain head at close"));
	free(text);
	zreport_free(z);
	fixture_close(&f);
}
END_TEST

START_TEST(zreport_card_and_wallet_refunds_apart)
{
	struct fixture f;
	struct wallet_op op;
	struct zreport *z;
	int64_t a, s, c;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	s = open_for(&f, a, 1000);
	c = customer_with(&f, s, 3000, "t1");
	memset(&op, 0, sizeof op);
	op.customer_id = c;
	op.amount = 700;
	op.method = WALLET_CARD;
	op.shift_id = s;
	op.key = "t2";
	ck_assert_int_eq(wallet_topup(&f.ctx, &op, NULL), 0);
	op.method = WALLET_CASH;
	op.amount = 500;
	op.key = "r1";
	op.reason = "leaving";
	ck_assert_int_eq(wallet_refund(&f.ctx, &op, NULL), 0);
	ck_assert_int_eq(shift_close(&f.ctx, s, 3500, NULL, NULL), 0);
	ck_assert_int_eq(zreport_load(&f.ctx, s, &z), 0);
	ck_assert_int_eq(z->cash_topups, 3000);
	ck_assert_int_eq(z->card_topups, 700);
	ck_assert_int_eq(z->wallet_refunds_cash, 500);
	ck_assert_int_eq(z->expected, 3500);
	ck_assert_int_eq(z->variance, 0);
	zreport_free(z);
	fixture_close(&f);
}
END_TEST

START_TEST(zreport_permissions_and_state)
{
	struct fixture f;
	struct zreport *z;
	int64_t a, b, o, s;

	fixture_open(&f, 0);
	a = fixture_user(&f, "alice", ROLE_CASHIER);
	b = fixture_user(&f, "bert", ROLE_CASHIER);
	o = fixture_user(&f, "otto", ROLE_AUDITOR);
	s = open_for(&f, a, 1000);
	ck_assert_int_eq(zreport_load(&f.ctx, s, &z), ERR_STATE);
	ck_assert_int_eq(shift_close(&f.ctx, s, 1000, NULL, NULL), 0);
	fixture_act(&f, b, "bert", ROLE_CASHIER);
	ck_assert_int_eq(zreport_load(&f.ctx, s, &z), ERR_DENIED);
	fixture_act(&f, a, "alice", ROLE_CASHIER);
	ck_assert_int_eq(zreport_load(&f.ctx, s, &z), 0);
	zreport_free(z);
	fixture_act(&f, o, "otto", ROLE_AUDITOR);
	ck_assert_int_eq(zreport_load(&f.ctx, s, &z), 0);
	zreport_free(z);
	ck_assert_int_eq(zreport_load(&f.ctx, 99, &z), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

Suite *shift_suite(void);

Suite *
shift_suite(void)
{
	Suite *s = suite_create("shift");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, open_puts_the_float_in_the_drawer);
	tcase_add_test(tc, one_open_shift_per_cashier);
	tcase_add_test(tc, open_refusals);
	tcase_add_test(tc, cashier_opens_own_not_others);
	tcase_add_test(tc, expected_is_blind_to_cashiers);
	tcase_add_test(tc, paid_in_and_out);
	tcase_add_test(tc, paid_out_of_anothers_drawer_denied);
	tcase_add_test(tc, close_records_expected_counted_variance);
	tcase_add_test(tc, close_once);
	tcase_add_test(tc, manager_force_closes_cashier_may_not);
	tcase_add_test(tc, count_by_denomination);
	tcase_add_test(tc, zreport_lists_a_refund_from_an_earlier_shift);
	tcase_add_test(tc, zreport_card_and_wallet_refunds_apart);
	tcase_add_test(tc, zreport_permissions_and_state);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(shift_suite)

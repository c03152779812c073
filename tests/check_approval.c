/*
 * check_approval.c -- the two-person rule: who needs approval, requests,
 * approving (which executes), rejecting, cancelling, and retries of the
 * original operation answering from the request.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/approval.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/shift.h"
#include "model/wallet.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

/* Cashier alice on shift sid with customer cid holding 100.00; mia and
 * max are managers. Acting as alice. */
struct desk {
	struct fixture	f;
	int64_t		alice, mia, max, sid, cid;
};

static void
as(struct desk *d, int64_t id)
{
	if (id == d->alice)
		fixture_act(&d->f, id, "alice", ROLE_CASHIER);
	else if (id == d->mia)
		fixture_act(&d->f, id, "mia", ROLE_MANAGER);
	else
		fixture_act(&d->f, id, "max", ROLE_MANAGER);
}

static void
desk_open(struct desk *d)
{
	struct customer_new cn = { "Ann", NULL, NULL, NULL };
	struct wallet_op op;

	fixture_open(&d->f, 0);
	d->alice = fixture_user(&d->f, "alice", ROLE_CASHIER);
	d->mia = fixture_user(&d->f, "mia", ROLE_MANAGER);
	d->max = fixture_user(&d->f, "max", ROLE_MANAGER);
	ck_assert_int_eq(shift_open(&d->f.ctx, d->alice, 5000, NULL,
	    &d->sid), 0);
	ck_assert_int_eq(customer_add(&d->f.ctx, &cn, &d->cid, NULL), 0);
	as(d, d->alice);
	memset(&op, 0, sizeof op);
	op.customer_id = d->cid;
	op.amount = 10000;
	op.shift_id = d->sid;
	op.key = "topup";
	ck_assert_int_eq(wallet_topup(&d->f.ctx, &op, NULL), 0);
}

static struct wallet_op
refund_op(struct desk *d, int64_t amount, const char *key)
{
	struct wallet_op op;

	memset(&op, 0, sizeof op);
	op.customer_id = d->cid;
	op.amount = amount;
	op.shift_id = d->sid;
	op.key = key;
	op.reason = "customer leaves";
	return op;
}

/* alice asks for a refund; returns the request id. */
static int64_t
ask(struct desk *d, int64_t amount, const char *key)
{
	struct wallet_op op = refund_op(d, amount, key);
	struct wallet_result res;

	as(d, d->alice);
	ck_assert_int_eq(wallet_refund(&d->f.ctx, &op, &res),
	    ERR_NEEDS_APPROVAL);
	return res.approval_id;
}

static int64_t
wbal(struct desk *d)
{
	int64_t v;

	ck_assert_int_eq(wallet_balance(d->f.db, d->cid, &v), 0);
	return v;
}

START_TEST(who_needs_approval)
{
	struct desk d;
	const char *why;

	desk_open(&d);
	ck_assert_int_eq(approval_needed(&d.f.ctx, 1), 1);
	as(&d, d.mia);
	ck_assert_int_eq(approval_needed(&d.f.ctx, 5000), 0);
	ck_assert_int_eq(approval_needed(&d.f.ctx, 5001), 1);
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	ck_assert_int_eq(settings_set(&d.f.ctx, "approval.threshold", "10",
	    &why), 0);
	as(&d, d.mia);
	ck_assert_int_eq(approval_needed(&d.f.ctx, 1001), 1);
	ck_assert_int_eq(approval_needed(&d.f.ctx, 1000), 0);
	fixture_close(&d.f);
}
END_TEST

START_TEST(request_is_pending_and_listed)
{
	struct desk d;
	struct approval_info *v, ai;
	size_t n;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	ck_assert_int_eq(approval_get(d.f.db, id, &ai), 0);
	ck_assert_int_eq(ai.state, APPROVAL_PENDING);
	ck_assert_str_eq(ai.op, "wallet.refund");
	ck_assert_str_eq(ai.requested_by, "alice");
	ck_assert_int_eq(ai.amount, 2000);
	ck_assert_int_eq(approval_list(d.f.db, 1, 10, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].id, id);
	free(v);
	ck_assert_int_eq(wbal(&d), 10000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(asking_again_returns_the_same_request)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	ck_assert_int_eq(ask(&d, 2000, "r1"), id);
	op = refund_op(&d, 2001, "r1");
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res), ERR_CONFLICT);
	ck_assert_int_eq(fixture_audit_count(&d.f, "approval.request"), 1);
	fixture_close(&d.f);
}
END_TEST

START_TEST(approve_executes_naming_both)
{
	struct desk d;
	struct ledger_tx_info tx;
	struct approval_info ai;
	struct db_stmt *st;
	int64_t id, txid;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	as(&d, d.mia);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, &txid), 0);
	ck_assert_int_eq(wbal(&d), 8000);
	ck_assert_int_eq(ledger_tx_get(d.f.db, txid, &tx, NULL, NULL), 0);
	ck_assert_str_eq(tx.actor, "alice");
	ck_assert_str_eq(tx.approved_by, "mia");
	ck_assert_str_eq(tx.key, "r1");
	ck_assert_int_eq(approval_get(d.f.db, id, &ai), 0);
	ck_assert_int_eq(ai.state, APPROVAL_APPROVED);
	ck_assert_str_eq(ai.decided_by, "mia");
	ck_assert_int_eq(ai.tx_id, txid);
	ck_assert_int_eq(db_stmt(d.f.db, "SELECT actor, detail FROM audit "
	    "WHERE action = 'approval.approve'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "mia");
	ck_assert_ptr_nonnull(strstr(db_col_text(st, 1),
	    "requested_by=alice approved_by=mia"));
	db_done(st);
	fixture_close(&d.f);
}
END_TEST

START_TEST(retry_after_approval_returns_the_tx)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	int64_t id, txid;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	as(&d, d.mia);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, &txid), 0);
	as(&d, d.alice);
	op = refund_op(&d, 2000, "r1");
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res), 0);
	ck_assert_int_eq(res.replayed, 1);
	ck_assert_int_eq(res.tx_id, txid);
	ck_assert_int_eq(wbal(&d), 8000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(nobody_approves_their_own)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	int64_t id;

	desk_open(&d);
	as(&d, d.mia);
	op = refund_op(&d, 6000, "r1");
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res),
	    ERR_NEEDS_APPROVAL);
	id = res.approval_id;
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), ERR_SELF);
	ck_assert_int_eq(fixture_audit_count(&d.f, "denied"), 1);
	ck_assert_int_eq(approval_reject(&d.f.ctx, id, NULL), ERR_SELF);
	as(&d, d.max);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), 0);
	ck_assert_int_eq(wbal(&d), 4000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(cashier_may_not_approve)
{
	struct desk d;
	int64_t id, b;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	b = fixture_user(&d.f, "bert", ROLE_CASHIER);
	fixture_act(&d.f, b, "bert", ROLE_CASHIER);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), ERR_DENIED);
	ck_assert_int_eq(wbal(&d), 10000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(approve_twice_refused)
{
	struct desk d;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	as(&d, d.mia);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), 0);
	as(&d, d.max);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), ERR_STATE);
	ck_assert_int_eq(approval_reject(&d.f.ctx, id, NULL), ERR_STATE);
	ck_assert_int_eq(approval_approve(&d.f.ctx, 99, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(wbal(&d), 8000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(rejected_request_refuses_retries)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	struct approval_info ai;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	as(&d, d.mia);
	ck_assert_int_eq(approval_reject(&d.f.ctx, id, "not today"), 0);
	ck_assert_int_eq(approval_get(d.f.db, id, &ai), 0);
	ck_assert_int_eq(ai.state, APPROVAL_REJECTED);
	ck_assert_int_eq(fixture_audit_count(&d.f, "approval.reject"), 1);
	as(&d, d.alice);
	op = refund_op(&d, 2000, "r1");
	ck_assert_int_eq(wallet_refund(&d.f.ctx, &op, &res), ERR_DENIED);
	ck_assert_int_eq(res.approval_id, id);
	ck_assert_int_eq(wbal(&d), 10000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(requester_cancels_others_may_not)
{
	struct desk d;
	struct approval_info ai;
	int64_t id, b;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	fixture_act(&d.f, 0, "cli:test", ROLE_ADMIN);
	b = fixture_user(&d.f, "bert", ROLE_CASHIER);
	fixture_act(&d.f, b, "bert", ROLE_CASHIER);
	ck_assert_int_eq(approval_cancel(&d.f.ctx, id), ERR_DENIED);
	as(&d, d.alice);
	ck_assert_int_eq(approval_cancel(&d.f.ctx, id), 0);
	ck_assert_int_eq(approval_get(d.f.db, id, &ai), 0);
	ck_assert_int_eq(ai.state, APPROVAL_CANCELLED);
	ck_assert_int_eq(approval_cancel(&d.f.ctx, id), ERR_STATE);
	fixture_close(&d.f);
}
END_TEST

START_TEST(failed_execution_leaves_it_pending)
{
	struct desk d;
	struct wallet_op op;
	struct approval_info ai;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 9000, "r1");
	memset(&op, 0, sizeof op);
	op.customer_id = d.cid;
	op.amount = 2000;
	op.key = "spend";
	ck_assert_int_eq(wallet_charge(&d.f.ctx, &op, NULL), 0);
	as(&d, d.mia);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(approval_get(d.f.db, id, &ai), 0);
	ck_assert_int_eq(ai.state, APPROVAL_PENDING);
	ck_assert_int_eq(fixture_audit_count(&d.f, "approval.approve"), 0);
	ck_assert_int_eq(wbal(&d), 8000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(closed_shift_blocks_execution)
{
	struct desk d;
	int64_t id;

	desk_open(&d);
	id = ask(&d, 2000, "r1");
	ck_assert_int_eq(shift_close(&d.f.ctx, d.sid, 15000, NULL, NULL), 0);
	as(&d, d.mia);
	ck_assert_int_eq(approval_approve(&d.f.ctx, id, NULL), ERR_NOSHIFT);
	fixture_close(&d.f);
}
END_TEST

START_TEST(adjustment_above_threshold_approved)
{
	struct desk d;
	struct wallet_op op;
	struct wallet_result res;
	int64_t txid;

	desk_open(&d);
	as(&d, d.mia);
	memset(&op, 0, sizeof op);
	op.customer_id = d.cid;
	op.amount = -6000;
	op.key = "a1";
	op.reason = "double top-up yesterday";
	ck_assert_int_eq(wallet_adjust(&d.f.ctx, &op, &res),
	    ERR_NEEDS_APPROVAL);
	as(&d, d.max);
	ck_assert_int_eq(approval_approve(&d.f.ctx, res.approval_id, &txid),
	    0);
	ck_assert_int_eq(wbal(&d), 4000);
	fixture_close(&d.f);
}
END_TEST

START_TEST(request_validation)
{
	struct desk d;
	struct approval_new an;

	desk_open(&d);
	memset(&an, 0, sizeof an);
	an.op = "wallet.refund";
	an.key = "k";
	an.amount = 1;
	ck_assert_int_eq(approval_request(&d.f.ctx, &an, NULL), ERR_INVALID);
	an.reason = "x";
	an.op = "shop.teleport";
	ck_assert_int_eq(approval_request(&d.f.ctx, &an, NULL), ERR_INVALID);
	an.op = "wallet.refund";
	an.key = NULL;
	ck_assert_int_eq(approval_request(&d.f.ctx, &an, NULL), ERR_INVALID);
	ck_assert_str_eq(approval_state_name(APPROVAL_REJECTED), "rejected");
	fixture_close(&d.f);
}
END_TEST

Suite *approval_suite(void);

Suite *
approval_suite(void)
{
	Suite *s = suite_create("approval");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, who_needs_approval);
	tcase_add_test(tc, request_is_pending_and_listed);
	tcase_add_test(tc, asking_again_returns_the_same_request);
	tcase_add_test(tc, approve_executes_naming_both);
	tcase_add_test(tc, retry_after_approval_returns_the_tx);
	tcase_add_test(tc, nobody_approves_their_own);
	tcase_add_test(tc, cashier_may_not_approve);
	tcase_add_test(tc, approve_twice_refused);
	tcase_add_test(tc, rejected_request_refuses_retries);
	tcase_add_test(tc, requester_cancels_others_may_not);
	tcase_add_test(tc, failed_execution_leaves_it_pending);
	tcase_add_test(tc, closed_shift_blocks_execution);
	tcase_add_test(tc, adjustment_above_threshold_approved);
	tcase_add_test(tc, request_validation);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(approval_suite)

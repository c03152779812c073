/*
 * check_ledger.c -- the ledger: balanced posts, signs, never-negative
 * accounts, idempotency keys, reversals, statements, verification.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/shift.h"
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

/* The result carries each leg's account balance after the post. */
START_TEST(result_gives_balances_after)
{
	struct ledger_leg legs[3];
	struct ledger_result res;
	struct ledger_post p;
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "k1", "wallet.topup", LEDGER_CARD, 0, 1000,
	    LEDGER_WALLET, c, 1000, &res), 0);
	ck_assert_int_eq(res.after[0], 1000);
	ck_assert_int_eq(res.after[1], 1000);
	/* Two legs on one wallet: both give its final balance. */
	legs[0] = (struct ledger_leg){ LEDGER_WALLET, c, -300 };
	legs[1] = (struct ledger_leg){ LEDGER_REV_OTHER, 0, 500 };
	legs[2] = (struct ledger_leg){ LEDGER_WALLET, c, -200 };
	memset(&p, 0, sizeof p);
	p.key = "k2";
	p.op = "wallet.charge";
	p.customer_id = c;
	p.legs = legs;
	p.nlegs = 3;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, &res), 0);
	ck_assert_int_eq(res.replayed, 0);
	ck_assert_int_eq(res.after[0], 500);
	ck_assert_int_eq(res.after[2], 500);
	ck_assert_int_eq(res.after[1], bal(&f, LEDGER_REV_OTHER, 0));
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 500);
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


static int64_t
mk_shift(struct fixture *f, int64_t float_amount)
{
	static int n;
	char name[16];
	int64_t uid, sid = 0;

	snprintf(name, sizeof name, "cash%d", ++n);
	uid = fixture_user(f, name, ROLE_CASHIER);
	ck_assert_int_eq(shift_open(&f->ctx, uid, float_amount, NULL, &sid),
	    0);
	return sid;
}

START_TEST(kinds_have_names_sides_and_rules)
{
	int k;

	ck_assert_str_eq(ledger_kind_name(LEDGER_WALLET), "wallet");
	ck_assert_str_eq(ledger_kind_name(LEDGER_REV_SEATS), "revenue.seats");
	ck_assert_ptr_null(ledger_kind_name(LEDGER__COUNT));
	ck_assert_ptr_null(ledger_kind_name(-1));
	ck_assert_int_eq(ledger_kind_parse("cash.overshort", &k), 0);
	ck_assert_int_eq(k, LEDGER_OVERSHORT);
	ck_assert_int_eq(ledger_kind_parse("nope", &k), ERR_NOTFOUND);
	ck_assert_int_eq(ledger_kind_side(LEDGER_DRAWER), LEDGER_SIDE_A);
	ck_assert_int_eq(ledger_kind_side(LEDGER_WALLET), LEDGER_SIDE_L);
	ck_assert_int_eq(ledger_kind_side(99), 0);
	ck_assert_int_eq(ledger_kind_nonneg(LEDGER_WALLET), 1);
	ck_assert_int_eq(ledger_kind_nonneg(LEDGER_RECEIVABLE), 1);
	ck_assert_int_eq(ledger_kind_nonneg(LEDGER_DRAWER), 1);
	ck_assert_int_eq(ledger_kind_nonneg(LEDGER_REV_SHOP), 0);
	ck_assert_int_eq(ledger_kind_ref(LEDGER_DRAWER), LEDGER_REF_SHIFT);
	ck_assert_int_eq(ledger_kind_ref(LEDGER_LOYALTY),
	    LEDGER_REF_CUSTOMER_OPT);
	ck_assert_int_eq(ledger_kind_ref(99), -1);
}
END_TEST

START_TEST(malformed_posts_refused)
{
	struct fixture f;
	struct ledger_leg legs[LEDGER_LEGS_MAX + 1];
	struct ledger_post p;
	int64_t c;
	int i;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, NULL, "x", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "", "x", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k\n", "x", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "Wallet.Topup", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", NULL, LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "x", 99, 0, 1, LEDGER_WALLET, c, 1,
	    NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, 0, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_CARD, 7, 1,
	    LEDGER_WALLET, c, 1, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_CARD, 0, 0,
	    LEDGER_WALLET, c, 0, NULL), ERR_INVALID);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_CARD, 0,
	    MONEY_MAX + 1, LEDGER_WALLET, c, MONEY_MAX + 1, NULL), ERR_RANGE);
	for (i = 0; i <= LEDGER_LEGS_MAX; i++)
		legs[i] = (struct ledger_leg){ LEDGER_ADJUST, 0, 0 };
	memset(&p, 0, sizeof p);
	p.key = "k";
	p.op = "x";
	p.legs = legs;
	p.nlegs = LEDGER_LEGS_MAX + 1;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_INVALID);
	p.nlegs = 1;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "x"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(unknown_references_refused)
{
	struct fixture f;
	struct ledger_leg legs[2] = { { LEDGER_CARD, 0, 5 },
	    { LEDGER_REV_OTHER, 0, 5 } };
	struct ledger_post p;

	fixture_open(&f, 0);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_CARD, 0, 1,
	    LEDGER_WALLET, 42, 1, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_DRAWER, 42, 1,
	    LEDGER_REV_OTHER, 0, 1, NULL), ERR_NOTFOUND);
	memset(&p, 0, sizeof p);
	p.key = "k";
	p.op = "x";
	p.legs = legs;
	p.nlegs = 2;
	p.customer_id = 42;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_NOTFOUND);
	p.customer_id = 0;
	p.reverses = 42;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_NOTFOUND);
	p.reverses = 0;
	p.shift_id = 42;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(closed_shift_takes_no_entries)
{
	struct fixture f;
	struct ledger_leg legs[2] = { { LEDGER_CARD, 0, 5 },
	    { LEDGER_REV_OTHER, 0, 5 } };
	struct ledger_post p;
	int64_t s;

	fixture_open(&f, 0);
	s = mk_shift(&f, 1000);
	ck_assert_int_eq(shift_close(&f.ctx, s, 1000, NULL, NULL), 0);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_DRAWER, s, 100,
	    LEDGER_REV_OTHER, 0, 100, NULL), ERR_NOSHIFT);
	memset(&p, 0, sizeof p);
	p.key = "k";
	p.op = "x";
	p.legs = legs;
	p.nlegs = 2;
	p.shift_id = s;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), ERR_NOSHIFT);
	fixture_close(&f);
}
END_TEST

START_TEST(drawer_never_negative)
{
	struct fixture f;
	int64_t s;

	fixture_open(&f, 0);
	s = mk_shift(&f, 1000);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_DRAWER, s, -1001,
	    LEDGER_PAIDINOUT, 0, 1001, NULL), ERR_INSUFFICIENT);
	ck_assert_int_eq(post2(&f, "k", "x", LEDGER_DRAWER, s, -1000,
	    LEDGER_PAIDINOUT, 0, 1000, NULL), 0);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, s), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(zero_legs_skipped_and_same_account_summed)
{
	struct fixture f;
	struct ledger_leg legs[4];
	struct ledger_entry *e;
	struct ledger_tx_info tx;
	struct ledger_result res;
	struct ledger_post p;
	size_t n;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	legs[0] = (struct ledger_leg){ LEDGER_CARD, 0, 1000 };
	legs[1] = (struct ledger_leg){ LEDGER_WALLET, c, 600 };
	legs[2] = (struct ledger_leg){ LEDGER_RECEIVABLE, c, 0 };
	legs[3] = (struct ledger_leg){ LEDGER_WALLET, c, 400 };
	memset(&p, 0, sizeof p);
	p.key = "k";
	p.op = "wallet.topup";
	p.memo = "two\tparts\x1b[31m";
	p.customer_id = c;
	p.legs = legs;
	p.nlegs = 4;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, &res), 0);
	ck_assert_int_eq(ledger_tx_get(f.db, res.tx_id, &tx, &e, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(e[1].kind, LEDGER_WALLET);
	ck_assert_int_eq(e[1].balance_after, 600);
	ck_assert_int_eq(e[2].balance_after, 1000);
	ck_assert_str_eq(tx.op, "wallet.topup");
	ck_assert_str_eq(tx.memo, "two?parts?[31m");
	ck_assert_str_eq(tx.key, "k");
	ck_assert_int_eq(tx.customer_id, c);
	ck_assert_str_eq(tx.actor, "cli:test");
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 1000);
	free(e);
	fixture_close(&f);
}
END_TEST

/* Inside a caller's transaction: post, then fail the caller. */
static int
post_then_fail(struct db *db, void *arg)
{
	struct fixture *f = arg;
	int64_t c;
	int r;

	(void)db;
	ck_assert_int_eq(customer_resolve(f->db, "id:1", &c), 0);
	r = post2(f, "k", "x", LEDGER_CARD, 0, 100, LEDGER_WALLET, c, 100,
	    NULL);
	ck_assert_int_eq(r, 0);
	return ERR_STATE;
}

START_TEST(caller_rollback_takes_the_post_with_it)
{
	struct fixture f;
	struct ledger_verify v;
	int64_t tx, c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(db_write(f.db, post_then_fail, &f), ERR_STATE);
	ck_assert_int_eq(bal(&f, LEDGER_WALLET, c), 0);
	ck_assert_int_eq(ledger_key_find(f.db, "k", &tx), ERR_NOTFOUND);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	ck_assert_int_eq(v.txs, 0);
	fixture_close(&f);
}
END_TEST

/* Inside a caller's transaction: a refused post, the caller commits. */
static int
refused_then_commit(struct db *db, void *arg)
{
	struct fixture *f = arg;
	int64_t c;

	(void)db;
	ck_assert_int_eq(customer_resolve(f->db, "id:1", &c), 0);
	ck_assert_int_eq(post2(f, "k", "x", LEDGER_WALLET, c, -100,
	    LEDGER_REV_OTHER, 0, 100, NULL), ERR_INSUFFICIENT);
	return 0;
}

START_TEST(refusal_in_caller_tx_writes_nothing)
{
	struct fixture f;
	struct ledger_verify v;
	int64_t id;

	fixture_open(&f, 0);
	mk_customer(&f, "Ann");
	ck_assert_int_eq(db_write(f.db, refused_then_commit, &f), 0);
	ck_assert_int_eq(ledger_account_id(f.db, LEDGER_WALLET, 1, 0, &id),
	    ERR_NOTFOUND);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	ck_assert_int_eq(v.accounts, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(audit_row_names_the_legs)
{
	struct fixture f;
	struct ledger_leg legs[2];
	struct ledger_post p;
	struct db_stmt *st;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	legs[0] = (struct ledger_leg){ LEDGER_CARD, 0, 1250 };
	legs[1] = (struct ledger_leg){ LEDGER_WALLET, c, 1250 };
	memset(&p, 0, sizeof p);
	p.key = "k";
	p.op = "wallet.topup";
	p.customer_id = c;
	p.approved_by = "mia";
	p.audit_extra = "till=3";
	p.legs = legs;
	p.nlegs = 2;
	ck_assert_int_eq(ledger_post(&f.ctx, &p, NULL), 0);
	ck_assert_int_eq(db_stmt(f.db, "SELECT detail, entity FROM audit "
	    "WHERE action = 'wallet.topup'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "customer=1 approved_by=mia "
	    "legs=card:+12.50,wallet/1:+12.50 till=3");
	ck_assert_str_eq(db_col_text(st, 1), "ledger_tx");
	db_done(st);
	fixture_close(&f);
}
END_TEST

START_TEST(reverse_negates_through_todays_drawer)
{
	struct fixture f;
	struct ledger_result a, b;
	struct ledger_tx_info tx;
	int64_t c, s1, s2;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	s1 = mk_shift(&f, 0);
	ck_assert_int_eq(post2(&f, "sale", "shop.sale", LEDGER_DRAWER, s1,
	    800, LEDGER_REV_SHOP, 0, 800, &a), 0);
	ck_assert_int_eq(shift_close(&f.ctx, s1, 800, NULL, NULL), 0);
	s2 = mk_shift(&f, 2000);
	ck_assert_int_eq(ledger_reverse(&f.ctx, a.tx_id, 0, "v1",
	    "shop.void", "wrong item", NULL), ERR_NOSHIFT);
	ck_assert_int_eq(ledger_reverse(&f.ctx, a.tx_id, s1, "v1",
	    "shop.void", "wrong item", NULL), ERR_NOSHIFT);
	ck_assert_int_eq(ledger_reverse(&f.ctx, a.tx_id, s2, "v1",
	    "shop.void", "wrong item", &b), 0);
	ck_assert_int_eq(bal(&f, LEDGER_DRAWER, s2), 1200);
	ck_assert_int_eq(bal(&f, LEDGER_REV_SHOP, 0), 0);
	ck_assert_int_eq(ledger_tx_get(f.db, b.tx_id, &tx, NULL, NULL), 0);
	ck_assert_int_eq(tx.reverses, a.tx_id);
	ck_assert_int_eq(tx.shift_id, s2);
	ck_assert_int_eq(ledger_reverse(&f.ctx, a.tx_id, s2, "v1",
	    "shop.void", "wrong item", &a), 0);
	ck_assert_int_eq(a.replayed, 1);
	ck_assert_int_eq(a.tx_id, b.tx_id);
	ck_assert_int_eq(ledger_reverse(&f.ctx, tx.reverses, s2, "v2",
	    "shop.void", "again", NULL), ERR_STATE);
	(void)c;
	fixture_close(&f);
}
END_TEST

START_TEST(reverse_refused_when_wallet_spent)
{
	struct fixture f;
	struct ledger_result a;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "t", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, &a), 0);
	ck_assert_int_eq(post2(&f, "c", "wallet.charge", LEDGER_WALLET, c,
	    -300, LEDGER_REV_OTHER, 0, 300, NULL), 0);
	ck_assert_int_eq(ledger_reverse(&f.ctx, a.tx_id, 0, "v",
	    "wallet.void", NULL, NULL), ERR_INSUFFICIENT);
	ck_assert_int_eq(ledger_reverse(&f.ctx, 999, 0, "v", "wallet.void",
	    NULL, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(history_newest_first_with_paging)
{
	struct fixture f;
	struct ledger_line *v;
	size_t n;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, NULL), 0);
	ck_assert_int_eq(post2(&f, "2", "wallet.charge", LEDGER_WALLET, c,
	    -200, LEDGER_REV_SEATS, 0, 200, NULL), 0);
	ck_assert_int_eq(post2(&f, "3", "wallet.charge", LEDGER_WALLET, c,
	    -50, LEDGER_REV_SHOP, 0, 50, NULL), 0);
	ck_assert_int_eq(ledger_history(f.db, LEDGER_WALLET, c, 0, 2, &v,
	    &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].amount, -50);
	ck_assert_int_eq(v[0].balance_after, 250);
	ck_assert_int_eq(v[1].amount, -200);
	ck_assert_int_eq(v[1].balance_after, 300);
	ck_assert_str_eq(v[1].op, "wallet.charge");
	c = v[1].entry_id;
	free(v);
	ck_assert_int_eq(ledger_history(f.db, LEDGER_WALLET, 1, c, 10, &v,
	    &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].balance_after, 500);
	free(v);
	ck_assert_int_eq(ledger_history(f.db, LEDGER_WALLET, 1, 0, 0, &v,
	    &n), ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(totals_and_accounts)
{
	struct fixture f;
	int64_t a, b, t, id, id2;

	fixture_open(&f, 0);
	a = mk_customer(&f, "Ann");
	b = mk_customer(&f, "Bob");
	ck_assert_int_eq(post2(&f, "1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, a, 500, NULL), 0);
	ck_assert_int_eq(post2(&f, "2", "wallet.topup", LEDGER_CARD, 0, 250,
	    LEDGER_WALLET, b, 250, NULL), 0);
	ck_assert_int_eq(ledger_total(f.db, LEDGER_WALLET, &t), 0);
	ck_assert_int_eq(t, 750);
	ck_assert_int_eq(ledger_account_id(f.db, LEDGER_WALLET, a, 0, &id),
	    0);
	ck_assert_int_eq(ledger_account_id(f.db, LEDGER_LOYALTY, 0, 0, &id2),
	    ERR_NOTFOUND);
	ck_assert_int_eq(ledger_account_id(f.db, LEDGER_LOYALTY, 0, 1, &id2),
	    ERR_INTERNAL);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_LOYALTY, 0, &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(ledger_balance(f.db, 99, 0, &t), ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(new_keys_differ)
{
	char a[33], b[33];

	ledger_new_key(a);
	ledger_new_key(b);
	ck_assert_uint_eq(strlen(a), 32);
	ck_assert_str_ne(a, b);
	ck_assert_uint_eq(strspn(a, "0123456789abcdef"), 32);
}
END_TEST

START_TEST(entries_are_append_only)
{
	struct fixture f;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, NULL), 0);
	ck_assert_int_ne(db_exec(f.db, "UPDATE ledger_entries SET amount = 1"),
	    0);
	ck_assert_int_ne(db_exec(f.db, "DELETE FROM ledger_entries"), 0);
	ck_assert_int_ne(db_exec(f.db, "DELETE FROM ledger_tx"), 0);
	ck_assert_int_ne(db_exec(f.db, "UPDATE ledger_accounts SET balance = "
	    "-1 WHERE kind = 'wallet'"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_tampered_entry)
{
	struct fixture f;
	struct ledger_verify v;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, NULL), 0);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	ck_assert_int_eq(v.txs, 1);
	ck_assert_int_eq(v.entries, 2);
	ck_assert_int_eq(db_exec(f.db, "DROP TRIGGER ledger_entries_no_update;"
	    "UPDATE ledger_entries SET amount = 400 WHERE id = 2"), 0);
	ck_assert_int_eq(ledger_verify(f.db, &v), ERR_INTEGRITY);
	ck_assert_str_eq(v.why, "transaction 1 does not balance (off by 100 "
	    "minor units)");
	fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_wrong_cached_balance)
{
	struct fixture f;
	struct ledger_verify v;
	int64_t c;

	fixture_open(&f, 0);
	c = mk_customer(&f, "Ann");
	ck_assert_int_eq(post2(&f, "1", "wallet.topup", LEDGER_CARD, 0, 500,
	    LEDGER_WALLET, c, 500, NULL), 0);
	ck_assert_int_eq(db_exec(f.db, "UPDATE ledger_accounts SET balance = "
	    "900 WHERE kind = 'wallet'"), 0);
	ck_assert_int_eq(ledger_verify(f.db, &v), ERR_INTEGRITY);
	ck_assert_str_eq(v.why, "account 2 (wallet 1): cached balance 900, "
	    "its entries sum to 500");
	ck_assert_int_eq(v.problems, 1);
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
	tcase_add_test(tc, result_gives_balances_after);
	tcase_add_test(tc, unbalanced_refused);
	tcase_add_test(tc, wallet_below_zero_refused_nothing_written);
	tcase_add_test(tc, replay_same_content_returns_first);
	tcase_add_test(tc, replay_other_content_conflicts);
	tcase_add_test(tc, kinds_have_names_sides_and_rules);
	tcase_add_test(tc, malformed_posts_refused);
	tcase_add_test(tc, unknown_references_refused);
	tcase_add_test(tc, closed_shift_takes_no_entries);
	tcase_add_test(tc, drawer_never_negative);
	tcase_add_test(tc, zero_legs_skipped_and_same_account_summed);
	tcase_add_test(tc, caller_rollback_takes_the_post_with_it);
	tcase_add_test(tc, refusal_in_caller_tx_writes_nothing);
	tcase_add_test(tc, audit_row_names_the_legs);
	tcase_add_test(tc, reverse_negates_through_todays_drawer);
	tcase_add_test(tc, reverse_refused_when_wallet_spent);
	tcase_add_test(tc, history_newest_first_with_paging);
	tcase_add_test(tc, totals_and_accounts);
	tcase_add_test(tc, new_keys_differ);
	tcase_add_test(tc, entries_are_append_only);
	tcase_add_test(tc, verify_names_a_tampered_entry);
	tcase_add_test(tc, verify_names_a_wrong_cached_balance);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ledger_suite)

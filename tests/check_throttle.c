/*
 * check_throttle.c -- the login throttles: the pure rules under an
 * injected clock, then their state in the database.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/throttle.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define T0	1000000	/* an arbitrary "now" */

/* free 2, 1 s doubling to 8 s, lock after 5 for 300 s doubling to 1200. */
static const struct throttle_rule rule = {
	2, 1000, 8000, 5, 300, 1200, 900, 86400
};

static struct throttle_state
fresh(void)
{
	struct throttle_state st;

	memset(&st, 0, sizeof st);
	return st;
}

/* One failed attempt at time t; returns the delay it was given. */
static int
failed_attempt(struct throttle_state *st, int64_t t)
{
	int delay = -1;

	ck_assert_int_eq(throttle_rule_begin(&rule, st, t, &delay),
	    THROTTLE_OPEN);
	throttle_rule_fail(&rule, st, t);
	return delay;
}

START_TEST(no_delay_before_free_then_doubling)
{
	struct throttle_state st = fresh();

	ck_assert_int_eq(failed_attempt(&st, T0), 0);
	ck_assert_int_eq(failed_attempt(&st, T0 + 1), 0);
	ck_assert_int_eq(failed_attempt(&st, T0 + 2), 1000);
	ck_assert_int_eq(failed_attempt(&st, T0 + 3), 2000);
	ck_assert_int_eq(failed_attempt(&st, T0 + 4), 4000);
}
END_TEST

START_TEST(delay_capped_at_max)
{
	struct throttle_rule r = rule;
	struct throttle_state st = fresh();
	int i, delay = 0;

	r.lock_after = 0;
	for (i = 0; i < 12; i++) {
		ck_assert_int_eq(throttle_rule_begin(&r, &st, T0 + i, &delay),
		    THROTTLE_OPEN);
		throttle_rule_fail(&r, &st, T0 + i);
	}
	ck_assert_int_eq(delay, 8000);
}
END_TEST

START_TEST(locks_after_limit_until_expiry)
{
	struct throttle_state st = fresh();
	int i, delay;

	for (i = 0; i < 4; i++)
		failed_attempt(&st, T0);
	ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0, &delay),
	    THROTTLE_OPEN);
	ck_assert_int_eq(throttle_rule_fail(&rule, &st, T0), 1);
	ck_assert_int_eq(st.locked_until, T0 + 300);
	ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0 + 299, &delay),
	    THROTTLE_LOCKED);
	ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0 + 300, &delay),
	    THROTTLE_OPEN);
	ck_assert_int_eq(delay, 0);
}
END_TEST

START_TEST(locked_delay_continues_the_slowdown)
{
	struct throttle_state st = fresh();
	int i, delay;

	for (i = 0; i < 5; i++)
		failed_attempt(&st, T0);
	ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0 + 1, &delay),
	    THROTTLE_LOCKED);
	ck_assert_int_eq(delay, 8000);
}
END_TEST

START_TEST(lock_doubles_on_repeat_up_to_max)
{
	struct throttle_state st = fresh();
	int64_t t = T0;
	int round, i;
	static const int expect[] = { 300, 600, 1200, 1200 };

	for (round = 0; round < 4; round++) {
		for (i = 0; i < 5; i++)
			failed_attempt(&st, t);
		ck_assert_int_eq(st.locked_until - t, expect[round]);
		t = st.locked_until;
	}
}
END_TEST

START_TEST(lock_history_forgotten_after_forget_time)
{
	struct throttle_state st = fresh();
	int i;

	for (i = 0; i < 5; i++)
		failed_attempt(&st, T0);
	for (i = 0; i < 5; i++)
		failed_attempt(&st, T0 + 86400 + 300);
	ck_assert_int_eq(st.locked_until - (T0 + 86400 + 300), 300);
}
END_TEST

START_TEST(failures_forgotten_after_window)
{
	struct throttle_state st = fresh();
	int i;

	for (i = 0; i < 4; i++)
		failed_attempt(&st, T0);
	ck_assert_int_eq(failed_attempt(&st, T0 + 900), 0);
	ck_assert_int_eq(st.failures, 1);
}
END_TEST

START_TEST(abandoned_attempts_count)
{
	struct throttle_state st = fresh();
	int i, delay;

	for (i = 0; i < 5; i++)
		ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0, &delay),
		    THROTTLE_OPEN);
	ck_assert_int_eq(throttle_rule_begin(&rule, &st, T0, &delay),
	    THROTTLE_LOCKED_NOW);
	ck_assert(throttle_rule_locked(&st, T0 + 1));
}
END_TEST

START_TEST(success_resets_or_takes_back)
{
	struct throttle_state st = fresh();
	int delay;

	failed_attempt(&st, T0);
	throttle_rule_begin(&rule, &st, T0, &delay);
	throttle_rule_success(&st, 0);
	ck_assert_int_eq(st.failures, 1);
	throttle_rule_success(&st, 1);
	ck_assert_int_eq(st.failures, 0);
	ck_assert_int_eq(st.locks, 0);
}
END_TEST

START_TEST(rule_without_lock_never_locks)
{
	struct throttle_rule r = rule;
	struct throttle_state st = fresh();
	int i, delay;

	r.lock_after = 0;
	for (i = 0; i < 100; i++) {
		ck_assert_int_eq(throttle_rule_begin(&r, &st, T0, &delay),
		    THROTTLE_OPEN);
		ck_assert_int_eq(throttle_rule_fail(&r, &st, T0), 0);
	}
}
END_TEST

/* A policy with small numbers for the database tests. */
static struct throttle_policy
small_policy(void)
{
	struct throttle_policy p;

	throttle_policy_default(&p);
	p.pair.lock_after = 3;
	p.pair.lock_s = 60;
	p.addr.lock_after = 5;
	p.addr.lock_s = 120;
	return p;
}

static void
db_failure(struct fixture *f, const struct throttle_policy *p,
    const char *account, const char *addr, int64_t t,
    struct throttle_verdict *v)
{
	ck_assert_int_eq(throttle_begin(&f->ctx, p, account, addr, t, v), 0);
	ck_assert_int_eq(throttle_fail(&f->ctx, p, account, addr, t), 0);
}

START_TEST(db_pair_locks_only_that_address)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct fixture f;
	int i;

	fixture_open(&f, 0);
	for (i = 0; i < 3; i++)
		db_failure(&f, &p, "Alice", "10.0.0.1", T0, &v);
	ck_assert_int_eq(fixture_audit_count(&f, "auth.lock"), 1);
	ck_assert_int_eq(throttle_begin(&f.ctx, &p, "alice", "10.0.0.1",
	    T0 + 1, &v), 0);
	ck_assert_int_eq(v.locked, 1);
	ck_assert_int_eq(throttle_begin(&f.ctx, &p, "alice", "10.0.0.2",
	    T0 + 1, &v), 0);
	ck_assert_int_eq(v.locked, 0);
	ck_assert_int_eq(throttle_is_locked(&f.ctx, "alice", "10.0.0.1",
	    T0 + 1), 1);
	ck_assert_int_eq(throttle_is_locked(&f.ctx, "alice", "10.0.0.2",
	    T0 + 1), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(db_account_is_only_slowed)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct fixture f;
	char addr[32];
	int i;

	fixture_open(&f, 0);
	p.account.free = 2;
	for (i = 0; i < 40; i++) {
		snprintf(addr, sizeof addr, "10.0.1.%d", i);
		db_failure(&f, &p, "manager", addr, T0, &v);
		ck_assert_int_eq(v.locked, 0);
	}
	ck_assert_int_eq(throttle_begin(&f.ctx, &p, "manager", "10.9.9.9",
	    T0, &v), 0);
	ck_assert_int_eq(v.locked, 0);
	ck_assert_int_eq(v.delay_ms, p.account.delay_max_ms);
	fixture_close(&f);
}
END_TEST

START_TEST(db_address_across_accounts_locks)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct fixture f;
	char name[32];
	int i;

	fixture_open(&f, 0);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "user%d", i);
		db_failure(&f, &p, name, "10.0.0.9", T0, &v);
	}
	ck_assert_int_eq(throttle_begin(&f.ctx, &p, "someone-else",
	    "10.0.0.9", T0 + 1, &v), 0);
	ck_assert_int_eq(v.locked, 1);
	ck_assert_int_eq(throttle_is_locked(&f.ctx, "x", "10.0.0.9", T0 + 1),
	    1);
	fixture_close(&f);
}
END_TEST

START_TEST(db_success_forgets_the_pair)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct fixture f;

	fixture_open(&f, 0);
	db_failure(&f, &p, "bob", "10.0.0.1", T0, &v);
	db_failure(&f, &p, "bob", "10.0.0.1", T0, &v);
	ck_assert_int_eq(throttle_begin(&f.ctx, &p, "bob", "10.0.0.1", T0,
	    &v), 0);
	ck_assert_int_eq(throttle_success(&f.ctx, &p, "bob", "10.0.0.1", T0),
	    0);
	db_failure(&f, &p, "bob", "10.0.0.1", T0, &v);
	db_failure(&f, &p, "bob", "10.0.0.1", T0, &v);
	ck_assert_int_eq(throttle_is_locked(&f.ctx, "bob", "10.0.0.1", T0),
	    0);
	fixture_close(&f);
}
END_TEST

START_TEST(db_unlock_audited_once_when_due)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct fixture f;
	int i, n = -1;

	fixture_open(&f, 0);
	for (i = 0; i < 3; i++)
		db_failure(&f, &p, "carol", "10.0.0.1", T0, &v);
	ck_assert_int_eq(throttle_unlock_due(&f.ctx, T0 + 59, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(throttle_unlock_due(&f.ctx, T0 + 60, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(throttle_unlock_due(&f.ctx, T0 + 61, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "auth.unlock"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(db_prune_forgets_old_counters)
{
	struct throttle_policy p = small_policy();
	struct throttle_verdict v;
	struct db_stmt *st;
	struct fixture f;

	fixture_open(&f, 0);
	db_failure(&f, &p, "dave", "10.0.0.1", T0, &v);
	ck_assert_int_eq(throttle_prune(&f.ctx, &p, T0 + 86400), 0);
	ck_assert_int_eq(db_stmt(f.db, "SELECT count(*) FROM login_throttle",
	    &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_int_eq(db_col_int(st, 0), 0);
	db_done(st);
	fixture_close(&f);
}
END_TEST

START_TEST(db_refusal_audited)
{
	struct fixture f;

	fixture_open(&f, 0);
	ck_assert_int_eq(throttle_audit_refusal(&f.ctx, "eve\033[2J",
	    "locked"), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "auth.fail"), 1);
	fixture_close(&f);
}
END_TEST

static Suite *
throttle_suite(void)
{
	Suite *s = suite_create("throttle");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, no_delay_before_free_then_doubling);
	tcase_add_test(tc, delay_capped_at_max);
	tcase_add_test(tc, locks_after_limit_until_expiry);
	tcase_add_test(tc, locked_delay_continues_the_slowdown);
	tcase_add_test(tc, lock_doubles_on_repeat_up_to_max);
	tcase_add_test(tc, lock_history_forgotten_after_forget_time);
	tcase_add_test(tc, failures_forgotten_after_window);
	tcase_add_test(tc, abandoned_attempts_count);
	tcase_add_test(tc, success_resets_or_takes_back);
	tcase_add_test(tc, rule_without_lock_never_locks);
	suite_add_tcase(s, tc);
	tc = tcase_create("database");
	tcase_add_test(tc, db_pair_locks_only_that_address);
	tcase_add_test(tc, db_account_is_only_slowed);
	tcase_add_test(tc, db_address_across_accounts_locks);
	tcase_add_test(tc, db_success_forgets_the_pair);
	tcase_add_test(tc, db_unlock_audited_once_when_due);
	tcase_add_test(tc, db_prune_forgets_old_counters);
	tcase_add_test(tc, db_refusal_audited);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(throttle_suite)

/*
 * check_cash_concurrency.c -- eight processes charge the same wallet at
 * once, some reusing idempotency keys: the balance is exact, no key
 * applies twice, nothing fails or waits seconds, the ledger verifies.
 */
#include <sys/wait.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/keys.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/wallet.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define PROCS	8
#define OPS	60	/* charges per process */
#define SHARED	6	/* every SHARED-th key is shared by all processes */

/* What one worker saw. */
struct tally {
	int	applied, replayed, insufficient, failed;
	int64_t	max_ms;
};

static int
charge(struct mctx *ctx, int64_t cid, const char *key, struct tally *t)
{
	struct wallet_op op;
	struct wallet_result res;
	int64_t t0 = clock_mono_ms(), dt;
	int r;

	memset(&op, 0, sizeof op);
	op.customer_id = cid;
	op.amount = 100;
	op.key = key;
	op.reason = "race";
	r = wallet_charge(ctx, &op, &res);
	if ((dt = clock_mono_ms() - t0) > t->max_ms)
		t->max_ms = dt;
	if (r == 0 && res.replayed)
		t->replayed++;
	else if (r == 0)
		t->applied++;
	else if (r == ERR_INSUFFICIENT)
		t->insufficient++;
	else
		t->failed++;
	return r;
}

/* A worker process: its own connection, OPS charges, tally to fd. */
static void
worker(const struct fixture *f, int n, int64_t cid, int fd)
{
	struct mctx ctx;
	struct tally t;
	char key[32];
	int i;

	memset(&t, 0, sizeof t);
	memset(&ctx, 0, sizeof ctx);
	if (db_open(f->db_path, 0, &ctx.db) != 0 ||
	    keys_load(f->key_path, (struct keys **)&ctx.keys) != 0)
		_exit(2);
	snprintf(ctx.actor.name, sizeof ctx.actor.name, "cli:worker%d", n);
	ctx.actor.role = ROLE_ADMIN;
	for (i = 0; i < OPS; i++) {
		if (i % SHARED == 0)
			snprintf(key, sizeof key, "shared-%d", i);
		else
			snprintf(key, sizeof key, "p%d-%d", n, i);
		charge(&ctx, cid, key, &t);
	}
	if (write(fd, &t, sizeof t) != (ssize_t)sizeof t)
		_exit(3);
	_exit(0);
}

/* Run PROCS workers against customer cid; sum their tallies. */
static void
race(struct fixture *f, int64_t cid, struct tally *sum)
{
	struct tally t;
	pid_t pids[PROCS];
	int fds[PROCS][2], i, status;

	memset(sum, 0, sizeof *sum);
	for (i = 0; i < PROCS; i++) {
		ck_assert_int_eq(pipe(fds[i]), 0);
		if ((pids[i] = fork()) == 0) {
			close(fds[i][0]);
			worker(f, i, cid, fds[i][1]);
		}
		ck_assert_int_gt(pids[i], 0);
		close(fds[i][1]);
	}
	for (i = 0; i < PROCS; i++) {
		ck_assert_int_eq(read(fds[i][0], &t, sizeof t),
		    (ssize_t)sizeof t);
		close(fds[i][0]);
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		sum->applied += t.applied;
		sum->replayed += t.replayed;
		sum->insufficient += t.insufficient;
		sum->failed += t.failed;
		if (t.max_ms > sum->max_ms)
			sum->max_ms = t.max_ms;
	}
}

static int64_t
setup(struct fixture *f, int64_t credit)
{
	struct customer_new cn = { "Ann", NULL, NULL, NULL };
	struct wallet_op op;
	int64_t cid;

	fixture_open(f, 1);
	ck_assert_int_eq(customer_add(&f->ctx, &cn, &cid, NULL), 0);
	memset(&op, 0, sizeof op);
	op.customer_id = cid;
	op.amount = credit;
	op.method = WALLET_CARD;
	op.key = "credit";
	ck_assert_int_eq(wallet_topup(&f->ctx, &op, NULL), 0);
	return cid;
}

static int64_t
count_charges(struct fixture *f)
{
	struct db_stmt *st;
	int64_t n;

	ck_assert_int_eq(db_stmt(f->db, "SELECT count(*) FROM ledger_tx "
	    "WHERE op = 'wallet.charge'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	n = db_col_int(st, 0);
	db_done(st);
	return n;
}

START_TEST(eight_processes_one_wallet_exact)
{
	struct fixture f;
	struct ledger_verify v;
	struct tally sum;
	int64_t cid, bal;
	int shared = (OPS + SHARED - 1) / SHARED;
	int unique = PROCS * (OPS - shared);

	cid = setup(&f, 1000000);
	race(&f, cid, &sum);
	ck_assert_int_eq(sum.failed, 0);
	ck_assert_int_eq(sum.insufficient, 0);
	ck_assert_int_eq(sum.applied, unique + shared);
	ck_assert_int_eq(sum.replayed, (PROCS - 1) * shared);
	ck_assert_int_eq(wallet_balance(f.db, cid, &bal), 0);
	ck_assert_int_eq(bal, 1000000 - 100 * (unique + shared));
	ck_assert_int_eq(count_charges(&f), unique + shared);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	ck_assert_int_lt(sum.max_ms, 2000);
	fixture_close(&f);
}
END_TEST

START_TEST(eight_processes_never_overdraw)
{
	struct fixture f;
	struct ledger_verify v;
	struct tally sum;
	int64_t cid, bal;

	cid = setup(&f, 100 * 150);
	race(&f, cid, &sum);
	ck_assert_int_eq(sum.failed, 0);
	ck_assert_int_eq(sum.applied, 150);
	ck_assert_int_eq(wallet_balance(f.db, cid, &bal), 0);
	ck_assert_int_eq(bal, 0);
	ck_assert_int_eq(count_charges(&f), 150);
	ck_assert_int_eq(ledger_verify(f.db, &v), 0);
	ck_assert_int_lt(sum.max_ms, 2000);
	fixture_close(&f);
}
END_TEST

Suite *cash_concurrency_suite(void);

Suite *
cash_concurrency_suite(void)
{
	Suite *s = suite_create("cash_concurrency");
	TCase *tc = tcase_create("race");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, eight_processes_one_wallet_exact);
	tcase_add_test(tc, eight_processes_never_overdraw);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cash_concurrency_suite)

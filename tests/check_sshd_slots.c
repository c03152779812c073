/*
 * check_sshd_slots.c -- the password-verification slots: at most N held
 * at once across processes, and a slot comes back when its holder dies.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/clock.h"
#include "sshd/slots.h"
#include "tests/lib/testlib.h"

/* Fork a process that takes a slot, says so, then holds it for ms
 * (forever when ms < 0). */
static pid_t
holder(const char *db, int n, int ms)
{
	struct sshd_slots *s;
	int p[2];
	pid_t pid;
	char b;

	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (sshd_slots_open(db, n, &s) != 0)
			_exit(2);
		sshd_slots_acquire(s);
		if (write(p[1], "x", 1) != 1)
			_exit(2);
		if (ms < 0)
			pause();
		usleep((useconds_t)ms * 1000);
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &b, 1), 1);
	close(p[0]);
	return pid;
}

static char *
db_path(char **dir)
{
	char *p;

	*dir = test_tmpdir();
	ck_assert_int_ne(asprintf(&p, "%s/cafe.db", *dir), -1);
	return p;
}

START_TEST(waits_while_all_slots_are_held)
{
	struct sshd_slots *s;
	char *dir, *db = db_path(&dir);
	int64_t t0;
	pid_t a, b;

	a = holder(db, 2, 400);
	b = holder(db, 2, 400);
	ck_assert_int_eq(sshd_slots_open(db, 2, &s), 0);
	t0 = clock_mono_ms();
	sshd_slots_acquire(s);
	ck_assert_int_ge(clock_mono_ms() - t0, 250);
	sshd_slots_free(s);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	test_rmtree(dir);
	free(dir);
	free(db);
}
END_TEST

START_TEST(a_free_slot_is_taken_at_once)
{
	struct sshd_slots *s;
	char *dir, *db = db_path(&dir);
	int64_t t0;
	pid_t a;

	a = holder(db, 2, 400);
	ck_assert_int_eq(sshd_slots_open(db, 2, &s), 0);
	t0 = clock_mono_ms();
	sshd_slots_acquire(s);
	ck_assert_int_lt(clock_mono_ms() - t0, 200);
	sshd_slots_free(s);
	waitpid(a, NULL, 0);
	test_rmtree(dir);
	free(dir);
	free(db);
}
END_TEST

START_TEST(a_dead_holder_frees_its_slot)
{
	struct sshd_slots *s;
	char *dir, *db = db_path(&dir);
	int64_t t0;
	pid_t a;

	a = holder(db, 1, -1);
	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	ck_assert_int_eq(sshd_slots_open(db, 1, &s), 0);
	t0 = clock_mono_ms();
	sshd_slots_acquire(s);
	ck_assert_int_lt(clock_mono_ms() - t0, 200);
	sshd_slots_free(s);
	test_rmtree(dir);
	free(dir);
	free(db);
}
END_TEST

static Suite *
sshd_slots_suite(void)
{
	Suite *s = suite_create("sshd_slots");
	TCase *tc = tcase_create("slots");

	tcase_add_test(tc, waits_while_all_slots_are_held);
	tcase_add_test(tc, a_free_slot_is_taken_at_once);
	tcase_add_test(tc, a_dead_holder_frees_its_slot);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(sshd_slots_suite)

/*
 * check_login.c -- live login rows: start, touch, check, end, kill, the
 * end of a disabled account's logins; users' SSH keys.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "model/login.h"
#include "model/perm.h"
#include "model/user.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

/* Log in as a new user of role from 10.0.0.7; returns the login id. */
static int64_t
logged_in(struct fixture *f, const char *name, int role, int64_t *uid)
{
	int64_t id, user = fixture_user(f, name, role);

	fixture_act(f, user, name, role);
	str_lcpy(f->ctx.actor.source, "10.0.0.7", sizeof f->ctx.actor.source);
	ck_assert_int_eq(login_start(&f->ctx, "password", 4242, &id), 0);
	if (uid != NULL)
		*uid = user;
	fixture_act(f, 0, "cli:test", ROLE_ADMIN);
	f->ctx.actor.source[0] = '\0';
	f->ctx.actor.login_id = 0;
	return id;
}

START_TEST(start_makes_a_live_row)
{
	struct login_info *v = NULL, li;
	struct fixture f;
	size_t n = 0;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "alice", ROLE_CASHIER, NULL);
	ck_assert_int_eq(login_list(f.db, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].id, id);
	ck_assert_str_eq(v[0].user, "alice");
	ck_assert_str_eq(v[0].source, "10.0.0.7");
	ck_assert_str_eq(v[0].method, "password");
	ck_assert_int_eq(v[0].pid, 4242);
	ck_assert_int_eq(v[0].ended_at, 0);
	free(v);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	ck_assert_int_eq(login_check(&f.ctx, id), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "login.start"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(start_sets_the_actor_login)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	fixture_as(&f, "bob", ROLE_CASHIER);
	ck_assert_int_eq(login_start(&f.ctx, "local", 1, &id), 0);
	ck_assert_int_eq(f.ctx.actor.login_id, id);
	fixture_close(&f);
}
END_TEST

START_TEST(start_refuses_disabled_account)
{
	struct fixture f;
	int64_t id, uid;

	fixture_open(&f, 0);
	uid = fixture_user(&f, "carol", ROLE_CASHIER);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "carol", 1), 0);
	fixture_act(&f, uid, "carol", ROLE_CASHIER);
	ck_assert_int_eq(login_start(&f.ctx, "password", 1, &id),
	    ERR_DISABLED);
	fixture_close(&f);
}
END_TEST

START_TEST(end_is_audited_once)
{
	struct login_info li;
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "dave", ROLE_CASHIER, NULL);
	ck_assert_int_eq(login_end(&f.ctx, id, "logout"), 0);
	ck_assert_int_eq(login_end(&f.ctx, id, "dropped"), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "login.end"), 1);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	ck_assert_str_eq(li.end_reason, "logout");
	ck_assert_int_eq(login_check(&f.ctx, id), ERR_STATE);
	ck_assert_int_eq(login_end(&f.ctx, id + 100, "logout"), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(kill_ends_and_audits)
{
	struct login_info *v = NULL;
	struct fixture f;
	size_t n = 9;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "erin", ROLE_CASHIER, NULL);
	ck_assert_int_eq(login_kill(&f.ctx, id), 0);
	ck_assert_int_eq(login_check(&f.ctx, id), ERR_STATE);
	ck_assert_int_eq(fixture_audit_count(&f, "login.kill"), 1);
	ck_assert_int_eq(login_list(f.db, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(kill_twice_is_a_state_error)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "fred", ROLE_CASHIER, NULL);
	ck_assert_int_eq(login_kill(&f.ctx, id), 0);
	ck_assert_int_eq(login_kill(&f.ctx, id), ERR_STATE);
	ck_assert_int_eq(login_kill(&f.ctx, id + 50), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(kill_needs_user_manage)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "gina", ROLE_MANAGER, NULL);
	fixture_as(&f, "hank", ROLE_CASHIER);
	ck_assert_int_eq(login_kill(&f.ctx, id), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_act(&f, 0, "cli:test", ROLE_ADMIN);
	ck_assert_int_eq(login_check(&f.ctx, id), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(touch_writes_at_most_once_a_minute)
{
	struct login_info li;
	struct fixture f;
	int64_t id, before;

	fixture_open(&f, 0);
	id = logged_in(&f, "ivan", ROLE_CASHIER, NULL);
	ck_assert_int_eq(db_exec(f.db, "UPDATE logins SET last_active = "
	    "last_active - 30"), 0);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	before = li.last_active;
	ck_assert_int_eq(login_touch(&f.ctx, id), 0);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	ck_assert_int_eq(li.last_active, before);
	ck_assert_int_eq(db_exec(f.db, "UPDATE logins SET last_active = "
	    "last_active - 31"), 0);
	ck_assert_int_eq(login_touch(&f.ctx, id), 0);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	ck_assert_int_gt(li.last_active, before);
	ck_assert_int_eq(fixture_audit_count(&f, "login.touch"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(touch_after_end_is_a_state_error)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = logged_in(&f, "jane", ROLE_CASHIER, NULL);
	ck_assert_int_eq(login_end(&f.ctx, id, "logout"), 0);
	ck_assert_int_eq(login_touch(&f.ctx, id), ERR_STATE);
	fixture_close(&f);
}
END_TEST

START_TEST(disabling_ends_the_logins)
{
	struct login_info li;
	struct fixture f;
	int64_t id, other;
	int n = -1;

	fixture_open(&f, 0);
	id = logged_in(&f, "kate", ROLE_CASHIER, NULL);
	other = logged_in(&f, "liam", ROLE_CASHIER, NULL);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "kate", 1), 0);
	ck_assert_int_eq(login_check(&f.ctx, id), ERR_STATE);
	ck_assert_int_eq(login_end_disabled(&f.ctx, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(login_get(f.db, id, &li), 0);
	ck_assert_str_eq(li.end_reason, "disabled");
	ck_assert_int_eq(login_check(&f.ctx, other), 0);
	ck_assert_int_eq(login_end_disabled(&f.ctx, &n), 0);
	ck_assert_int_eq(n, 0);
	fixture_close(&f);
}
END_TEST

#define KEY_B64	"AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTestsOnly0123456789abcd"
#define KEY_FP	"SHA256:fakefingerprint"

START_TEST(keys_add_list_match_delete)
{
	struct login_key *v = NULL;
	struct fixture f;
	int64_t uid, kid;
	size_t n = 0;

	fixture_open(&f, 0);
	uid = fixture_user(&f, "mona", ROLE_CASHIER);
	ck_assert_int_eq(login_key_add(&f.ctx, "mona", "ssh-ed25519", KEY_B64,
	    KEY_FP, "mona@laptop", &kid), 0);
	ck_assert_int_eq(login_key_list(f.db, "mona", &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].fingerprint, KEY_FP);
	ck_assert_str_eq(v[0].comment, "mona@laptop");
	free(v);
	ck_assert_int_eq(login_key_match(f.db, uid, "ssh-ed25519", KEY_B64),
	    0);
	ck_assert_int_eq(login_key_match(f.db, uid, "ssh-rsa", KEY_B64),
	    ERR_NOTFOUND);
	ck_assert_int_eq(login_key_del(&f.ctx, "mona", KEY_FP), 0);
	ck_assert_int_eq(login_key_match(f.db, uid, "ssh-ed25519", KEY_B64),
	    ERR_NOTFOUND);
	ck_assert_int_eq(login_key_del(&f.ctx, "mona", KEY_FP), ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&f, "user.key-add"), 1);
	ck_assert_int_eq(fixture_audit_count(&f, "user.key-del"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(keys_refuse_duplicates_and_junk)
{
	struct fixture f;

	fixture_open(&f, 0);
	fixture_user(&f, "nina", ROLE_CASHIER);
	fixture_user(&f, "omar", ROLE_CASHIER);
	ck_assert_int_eq(login_key_add(&f.ctx, "nina", "ssh-ed25519", KEY_B64,
	    KEY_FP, "", NULL), 0);
	ck_assert_int_eq(login_key_add(&f.ctx, "omar", "ssh-ed25519", KEY_B64,
	    KEY_FP, "", NULL), ERR_EXISTS);
	ck_assert_int_eq(login_key_add(&f.ctx, "nina", "ssh-ed25519", "AAAA",
	    KEY_FP, "evil\033[2J", NULL), ERR_INVALID);
	ck_assert_int_eq(login_key_add(&f.ctx, "nobody", "ssh-ed25519", "AAAB",
	    KEY_FP, "", NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(keys_need_user_manage)
{
	struct fixture f;

	fixture_open(&f, 0);
	fixture_user(&f, "paul", ROLE_MANAGER);
	fixture_as(&f, "quin", ROLE_CASHIER);
	ck_assert_int_eq(login_key_add(&f.ctx, "paul", "ssh-ed25519", KEY_B64,
	    KEY_FP, "", NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

static Suite *
login_suite(void)
{
	Suite *s = suite_create("login");
	TCase *tc = tcase_create("logins");

	tcase_add_test(tc, start_makes_a_live_row);
	tcase_add_test(tc, start_sets_the_actor_login);
	tcase_add_test(tc, start_refuses_disabled_account);
	tcase_add_test(tc, end_is_audited_once);
	tcase_add_test(tc, kill_ends_and_audits);
	tcase_add_test(tc, kill_twice_is_a_state_error);
	tcase_add_test(tc, kill_needs_user_manage);
	tcase_add_test(tc, touch_writes_at_most_once_a_minute);
	tcase_add_test(tc, touch_after_end_is_a_state_error);
	tcase_add_test(tc, disabling_ends_the_logins);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_test(tc, keys_add_list_match_delete);
	tcase_add_test(tc, keys_refuse_duplicates_and_junk);
	tcase_add_test(tc, keys_need_user_manage);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(login_suite)

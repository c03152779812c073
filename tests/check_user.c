/*
 * check_user.c -- staff accounts: names, creation, roles, the granting
 * rules, the last admin, passwords.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/password.h"
#include "model/perm.h"
#include "model/user.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

START_TEST(names_fold_and_validate)
{
	char out[USER_NAME_MAX + 1];

	ck_assert_int_eq(user_name_normalize("Alice.B-2_x", out, NULL), 0);
	ck_assert_str_eq(out, "alice.b-2_x");
	ck_assert_int_eq(user_name_normalize("", out, NULL), ERR_INVALID);
	ck_assert_int_eq(user_name_normalize("a b", out, NULL), ERR_INVALID);
	ck_assert_int_eq(user_name_normalize("élise", out, NULL), ERR_INVALID);
	ck_assert_int_eq(user_name_normalize("a/b", out, NULL), ERR_INVALID);
	ck_assert_int_eq(user_name_normalize(
	    "abcdefghijklmnopqrstuvwxyz0123456", out, NULL), ERR_INVALID);
	ck_assert_int_eq(user_name_normalize(
	    "abcdefghijklmnopqrstuvwxyz012345", out, NULL), 0);
}
END_TEST

START_TEST(add_and_find)
{
	struct fixture f;
	struct user_info u;
	int64_t id;

	fixture_open(&f, 0);
	id = fixture_user(&f, "Alice", ROLE_CASHIER);
	ck_assert_int_eq(user_find(f.db, "ALICE", &u), 0);
	ck_assert_int_eq(u.id, id);
	ck_assert_str_eq(u.name, "alice");
	ck_assert_int_eq(u.role, ROLE_CASHIER);
	ck_assert_int_eq(u.disabled, 0);
	ck_assert_int_eq(u.totp_enrolled, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "user.add"), 1);
	ck_assert_int_eq(user_find(f.db, "bob", &u), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(duplicate_refused_case_insensitively)
{
	struct fixture f;
	struct user_new nu = { "ALICE", ROLE_CASHIER, FIXTURE_PASSWORD, NULL,
	    0 };

	fixture_open(&f, 0);
	fixture_user(&f, "alice", ROLE_CASHIER);
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), ERR_EXISTS);
	ck_assert_int_eq(fixture_audit_count(&f, "user.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(weak_password_refused_and_nothing_written)
{
	struct fixture f;
	struct user_new nu = { "dave", ROLE_CASHIER, "short", NULL, 0 };
	struct user_info u;
	const char *why = NULL;

	fixture_open(&f, 0);
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, &why),
	    ERR_PASSWORD_POLICY);
	ck_assert_ptr_nonnull(why);
	nu.password = "dave-is-the-best-2024";
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, &why),
	    ERR_PASSWORD_POLICY);
	ck_assert_int_eq(user_find(f.db, "dave", &u), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_cannot_add_users)
{
	struct fixture f;
	struct user_new nu = { "eve", ROLE_CASHIER, FIXTURE_PASSWORD, NULL,
	    0 };

	fixture_open(&f, 0);
	fixture_as(&f, "carol", ROLE_CASHIER);
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(manager_manages_cashiers_and_auditors_only)
{
	struct fixture f;
	struct user_new nu = { "eve", ROLE_CASHIER, FIXTURE_PASSWORD, NULL,
	    0 };
	int64_t mid;

	fixture_open(&f, 0);
	mid = fixture_user(&f, "mia", ROLE_MANAGER);
	fixture_user(&f, "max", ROLE_MANAGER);
	fixture_user(&f, "root2", ROLE_ADMIN);
	fixture_act(&f, mid, "mia", ROLE_MANAGER);
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), 0);
	nu.name = "otto";
	nu.role = ROLE_AUDITOR;
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), 0);
	nu.name = "mgr2";
	nu.role = ROLE_MANAGER;
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), ERR_DENIED);
	nu.name = "adm2";
	nu.role = ROLE_ADMIN;
	ck_assert_int_eq(user_add(&f.ctx, &nu, NULL, NULL), ERR_DENIED);
	ck_assert_int_eq(user_set_role(&f.ctx, "eve", ROLE_MANAGER),
	    ERR_DENIED);
	ck_assert_int_eq(user_set_role(&f.ctx, "eve", ROLE_AUDITOR), 0);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "max", 1), ERR_DENIED);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "root2", 1), ERR_DENIED);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "otto", 1), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(nobody_changes_own_role)
{
	struct fixture f;
	struct user_info u;
	int64_t id;

	fixture_open(&f, 0);
	id = fixture_user(&f, "ada", ROLE_ADMIN);
	fixture_user(&f, "bea", ROLE_ADMIN);
	fixture_act(&f, id, "ada", ROLE_ADMIN);
	ck_assert_int_eq(user_set_role(&f.ctx, "ada", ROLE_CASHIER), ERR_SELF);
	ck_assert_int_eq(user_find(f.db, "ada", &u), 0);
	ck_assert_int_eq(u.role, ROLE_ADMIN);
	fixture_close(&f);
}
END_TEST

START_TEST(last_admin_stays)
{
	struct fixture f;
	struct user_info u;

	fixture_open(&f, 0);
	fixture_user(&f, "ada", ROLE_ADMIN);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "ada", 1), ERR_LAST_ADMIN);
	ck_assert_int_eq(user_set_role(&f.ctx, "ada", ROLE_MANAGER),
	    ERR_LAST_ADMIN);
	ck_assert_int_eq(user_find(f.db, "ada", &u), 0);
	ck_assert_int_eq(u.role, ROLE_ADMIN);
	ck_assert_int_eq(u.disabled, 0);
	fixture_user(&f, "bea", ROLE_ADMIN);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "ada", 1), 0);
	/* bea is now the last enabled admin. */
	ck_assert_int_eq(user_set_role(&f.ctx, "bea", ROLE_CASHIER),
	    ERR_LAST_ADMIN);
	ck_assert_int_eq(fixture_audit_count(&f, "user.disable"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(password_change_own_and_managed)
{
	struct fixture f;
	const char *why;
	int64_t cid;

	fixture_open(&f, 0);
	cid = fixture_user(&f, "carol", ROLE_CASHIER);
	fixture_user(&f, "dan", ROLE_CASHIER);
	fixture_act(&f, cid, "carol", ROLE_CASHIER);
	ck_assert_int_eq(user_set_password(&f.ctx, "carol",
	    "a-brand-new-passphrase-9", &why), 0);
	ck_assert_int_eq(user_set_password(&f.ctx, "dan",
	    "a-brand-new-passphrase-9", &why), ERR_DENIED);
	ck_assert_int_eq(user_set_password(&f.ctx, "carol", "password1234",
	    &why), ERR_PASSWORD_POLICY);
	ck_assert_int_eq(fixture_audit_count(&f, "user.passwd"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(list_orders_by_name)
{
	struct fixture f;
	struct user_info *v;
	size_t n;

	fixture_open(&f, 0);
	fixture_user(&f, "zoe", ROLE_AUDITOR);
	fixture_user(&f, "amy", ROLE_CASHIER);
	ck_assert_int_eq(user_list(f.db, &v, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(v[0].name, "amy");
	ck_assert_str_eq(v[1].name, "zoe");
	free(v);
	fixture_close(&f);
}
END_TEST

static Suite *
user_suite(void)
{
	Suite *s = suite_create("user");
	TCase *tc = tcase_create("accounts");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, names_fold_and_validate);
	tcase_add_test(tc, add_and_find);
	tcase_add_test(tc, duplicate_refused_case_insensitively);
	tcase_add_test(tc, weak_password_refused_and_nothing_written);
	tcase_add_test(tc, cashier_cannot_add_users);
	tcase_add_test(tc, manager_manages_cashiers_and_auditors_only);
	tcase_add_test(tc, nobody_changes_own_role);
	tcase_add_test(tc, last_admin_stays);
	tcase_add_test(tc, password_change_own_and_managed);
	tcase_add_test(tc, list_orders_by_name);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(user_suite)

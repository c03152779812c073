/*
 * check_auth.c -- password login without enumeration, TOTP with replay
 * refusal, recovery codes used once, enrollment and reset.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "common/clock.h"
#include "model/auth.h"
#include "model/keys.h"
#include "model/perm.h"
#include "model/totp.h"
#include "model/user.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static const unsigned char secret[TOTP_SECRET_LEN] = "12345678901234567890";

static int64_t
enrolled_user(struct fixture *f, const char *name)
{
	struct user_new nu = { name, ROLE_CASHIER, FIXTURE_PASSWORD, secret,
	    sizeof secret };
	int64_t id;

	ck_assert_int_eq(user_add(&f->ctx, &nu, &id, NULL), 0);
	return id;
}

START_TEST(password_right_wrong_unknown_disabled)
{
	struct fixture f;
	struct user_info u;
	enum auth_why why;

	fixture_open(&f, 0);
	enrolled_user(&f, "carol");
	ck_assert_int_eq(auth_password(&f.ctx, "Carol", FIXTURE_PASSWORD, &u,
	    &why), 0);
	ck_assert_int_eq(why, AUTH_OK);
	ck_assert_int_eq(u.totp_enrolled, 1);
	ck_assert_int_eq(auth_password(&f.ctx, "carol", "wrong-password-123",
	    &u, &why), ERR_AUTH);
	ck_assert_int_eq(why, AUTH_BAD_PASSWORD);
	ck_assert_int_eq(auth_password(&f.ctx, "nobody", FIXTURE_PASSWORD, &u,
	    &why), ERR_AUTH);
	ck_assert_int_eq(why, AUTH_NO_USER);
	ck_assert_int_eq(user_set_disabled(&f.ctx, "carol", 1), 0);
	ck_assert_int_eq(auth_password(&f.ctx, "carol", FIXTURE_PASSWORD, &u,
	    &why), ERR_AUTH);
	ck_assert_int_eq(why, AUTH_DISABLED);
	fixture_close(&f);
}
END_TEST

START_TEST(totp_accepted_once)
{
	struct fixture f;
	enum auth_why why;
	char code[TOTP_CODE_SIZE];
	int64_t id;
	int rec;

	fixture_open(&f, 0);
	id = enrolled_user(&f, "carol");
	ck_assert_int_eq(totp_code_at(secret, sizeof secret, clock_now(),
	    code), 0);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, code, &rec, &why), 0);
	ck_assert_int_eq(rec, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "auth.ok"), 1);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, code, &rec, &why),
	    ERR_AUTH);
	ck_assert_int_eq(why, AUTH_REPLAY);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, "000000", &rec, &why),
	    ERR_AUTH);
	fixture_close(&f);
}
END_TEST

START_TEST(recovery_code_once)
{
	struct fixture f;
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	struct user_info u;
	enum auth_why why;
	int64_t id;
	int rec;

	fixture_open(&f, 0);
	id = enrolled_user(&f, "carol");
	ck_assert_int_eq(auth_recovery_renew(&f.ctx, "carol", codes), 0);
	ck_assert_int_eq(user_get(f.db, id, &u), 0);
	ck_assert_int_eq(u.recovery_left, TOTP_RECOVERY_COUNT);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, codes[3], &rec, &why),
	    0);
	ck_assert_int_eq(rec, 1);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, codes[3], &rec, &why),
	    ERR_AUTH);
	ck_assert_int_eq(user_get(f.db, id, &u), 0);
	ck_assert_int_eq(u.recovery_left, TOTP_RECOVERY_COUNT - 1);
	/* Another user's code is no good here. */
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, "abcd-efgh-jkmn", &rec,
	    &why), ERR_AUTH);
	fixture_close(&f);
}
END_TEST

START_TEST(secret_is_sealed_at_rest)
{
	struct fixture f;
	struct db_stmt *st;
	const unsigned char *blob;
	size_t len, i;

	fixture_open(&f, 0);
	enrolled_user(&f, "carol");
	ck_assert_int_eq(db_stmt(f.db, "SELECT totp_secret, totp_key_id FROM "
	    "users", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	blob = db_col_blob(st, 0, &len);
	ck_assert_uint_gt(len, sizeof secret);
	for (i = 0; i + sizeof secret <= len; i++)
		ck_assert(memcmp(blob + i, secret, 8) != 0);
	ck_assert_str_eq(db_col_text(st, 1), keys_id(f.keys));
	db_done(st);
	fixture_close(&f);
}
END_TEST

START_TEST(reset_forgets_the_secret)
{
	struct fixture f;
	struct user_info u;
	enum auth_why why;
	char code[TOTP_CODE_SIZE];
	int64_t id;
	int rec;

	fixture_open(&f, 0);
	id = enrolled_user(&f, "carol");
	ck_assert_int_eq(auth_totp_reset(&f.ctx, "carol"), 0);
	ck_assert_int_eq(user_get(f.db, id, &u), 0);
	ck_assert_int_eq(u.totp_enrolled, 0);
	totp_code_at(secret, sizeof secret, clock_now(), code);
	ck_assert_int_eq(auth_second_factor(&f.ctx, id, code, &rec, &why),
	    ERR_AUTH);
	ck_assert_int_eq(why, AUTH_NO_TOTP);
	fixture_close(&f);
}
END_TEST

START_TEST(enroll_self_makes_recovery_codes)
{
	struct fixture f;
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	struct user_info u;
	int64_t id;

	fixture_open(&f, 0);
	id = fixture_as(&f, "carol", ROLE_CASHIER);
	ck_assert_int_eq(auth_totp_enroll(&f.ctx, id, secret, sizeof secret,
	    1000, codes), 0);
	ck_assert_int_eq(user_get(f.db, id, &u), 0);
	ck_assert_int_eq(u.totp_enrolled, 1);
	ck_assert_int_eq(u.recovery_left, TOTP_RECOVERY_COUNT);
	ck_assert_str_ne(codes[0], codes[1]);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_cannot_enroll_or_reset_others)
{
	struct fixture f;
	int64_t cid, did;

	fixture_open(&f, 0);
	cid = fixture_user(&f, "carol", ROLE_CASHIER);
	did = fixture_user(&f, "dan", ROLE_CASHIER);
	fixture_act(&f, cid, "carol", ROLE_CASHIER);
	ck_assert_int_eq(auth_totp_enroll(&f.ctx, did, secret, sizeof secret,
	    0, NULL), ERR_DENIED);
	ck_assert_int_eq(auth_totp_reset(&f.ctx, "dan"), ERR_DENIED);
	fixture_close(&f);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("factors");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, password_right_wrong_unknown_disabled);
	tcase_add_test(tc, totp_accepted_once);
	tcase_add_test(tc, recovery_code_once);
	tcase_add_test(tc, secret_is_sealed_at_rest);
	tcase_add_test(tc, reset_forgets_the_secret);
	tcase_add_test(tc, enroll_self_makes_recovery_codes);
	tcase_add_test(tc, cashier_cannot_enroll_or_reset_others);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(auth_suite)

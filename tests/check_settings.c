/*
 * check_settings.c -- business settings: defaults, validation, audited
 * changes, fixed values, permissions.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "model/perm.h"
#include "model/settings.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

START_TEST(init_records_the_cafe)
{
	struct fixture f;
	struct cafe_info ci;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_cafe(f.db, &ci), 0);
	ck_assert_str_eq(ci.currency, "EUR");
	ck_assert_int_eq(ci.decimals, 2);
	ck_assert_str_eq(ci.timezone, "UTC");
	ck_assert_str_eq(ci.name, "Test Café");
	ck_assert_int_eq(strlen(ci.id), 36);
	ck_assert_int_eq(fixture_audit_count(&f, "cafe.init"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(defaults_and_unknown_keys)
{
	struct fixture f;
	char buf[64];
	int64_t v;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_get_int(f.db, "reservation.lead_minutes",
	    &v), 0);
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(settings_get(f.db, "no.such", buf, sizeof buf),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(set_validates_and_audits)
{
	struct fixture f;
	const char *why;
	char buf[64];
	int64_t v;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.timezone",
	    "Europe/Berlin", &why), 0);
	ck_assert_int_eq(settings_get(f.db, "cafe.timezone", buf, sizeof buf),
	    0);
	ck_assert_str_eq(buf, "Europe/Berlin");
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.timezone", "Mars/Olympus",
	    &why), ERR_INVALID);
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.timezone",
	    "../../etc/passwd", &why), ERR_INVALID);
	ck_assert_int_eq(settings_set(&f.ctx, "approval.threshold", "25.50",
	    &why), 0);
	ck_assert_int_eq(settings_get_int(f.db, "approval.threshold", &v), 0);
	ck_assert_int_eq(v, 2550);
	ck_assert_int_eq(settings_set(&f.ctx, "approval.threshold", "1e3",
	    &why), ERR_INVALID);
	ck_assert_int_eq(settings_set(&f.ctx, "reservation.lead_minutes",
	    "-5", &why), ERR_INVALID);
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.name", "bad\033[2Jname",
	    &why), ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "settings.set"), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(currency_is_fixed)
{
	struct fixture f;
	const char *why;

	fixture_open(&f, 0);
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.currency", "USD", &why),
	    ERR_STATE);
	ck_assert_int_eq(settings_set(&f.ctx, "no.such", "1", &why),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(manager_may_not_change_settings)
{
	struct fixture f;
	const char *why;

	fixture_open(&f, 0);
	fixture_act(&f, 3, "mia", ROLE_MANAGER);
	ck_assert_int_eq(settings_set(&f.ctx, "cafe.name", "Mine", &why),
	    ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(timezone_names)
{
	ck_assert_int_eq(settings_valid_timezone("UTC"), 1);
	ck_assert_int_eq(settings_valid_timezone("Europe/Berlin"), 1);
	ck_assert_int_eq(settings_valid_timezone("Europe"), 0);
	ck_assert_int_eq(settings_valid_timezone(""), 0);
	ck_assert_int_eq(settings_valid_timezone("/etc/passwd"), 0);
}
END_TEST

static Suite *
settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, init_records_the_cafe);
	tcase_add_test(tc, defaults_and_unknown_keys);
	tcase_add_test(tc, set_validates_and_audits);
	tcase_add_test(tc, currency_is_fixed);
	tcase_add_test(tc, manager_may_not_change_settings);
	tcase_add_test(tc, timezone_names);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(settings_suite)

/*
 * check_perm.c -- every cell of the default permission matrix, asserted
 * through perm_role_has(), and the granting rules.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "model/perm.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

/* The matrix as the issue states it: Y holds, . does not. */
static const struct {
	int		 perm;
	const char	*name;
	const char	*cells;		/* admin manager cashier auditor */
} expected[] = {
	{ PERM_CUSTOMER_MANAGE, "customer.manage", "YYY." },
	{ PERM_STATION_OPERATE, "station.operate", "YYY." },
	{ PERM_STATION_MANAGE, "station.manage", "YY.." },
	{ PERM_WALLET_TOPUP, "wallet.topup", "YYY." },
	{ PERM_WALLET_CHARGE, "wallet.charge", "YYY." },
	{ PERM_WALLET_REFUND, "wallet.refund", "YYY." },
	{ PERM_WALLET_ADJUST, "wallet.adjust", "YY.." },
	{ PERM_WALLET_APPROVE, "wallet.approve", "YY.." },
	{ PERM_SHOP_SELL, "shop.sell", "YYY." },
	{ PERM_INVENTORY_MANAGE, "inventory.manage", "YY.." },
	{ PERM_SHIFT_OPERATE, "shift.operate", "YYY." },
	{ PERM_SHIFT_MANAGE, "shift.manage", "YY.." },
	{ PERM_REPORT_VIEW, "report.view", "YY.Y" },
	{ PERM_AUDIT_VIEW, "audit.view", "YY.Y" },
	{ PERM_USER_MANAGE, "user.manage", "YY.." },
	{ PERM_SETTINGS_MANAGE, "settings.manage", "Y..." },
};

static const int roles[4] = {
	ROLE_ADMIN, ROLE_MANAGER, ROLE_CASHIER, ROLE_AUDITOR
};

START_TEST(every_cell_of_the_matrix)
{
	size_t i;
	int j;

	ck_assert_int_eq(sizeof expected / sizeof expected[0], PERM__COUNT);
	for (i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		ck_assert_str_eq(perm_name(expected[i].perm), expected[i].name);
		for (j = 0; j < 4; j++)
			ck_assert_msg(perm_role_has(roles[j], expected[i].perm) ==
			    (expected[i].cells[j] == 'Y'), "%s for %s",
			    expected[i].name, perm_role_name(roles[j]));
	}
}
END_TEST

START_TEST(unknown_role_or_perm_holds_nothing)
{
	ck_assert_int_eq(perm_role_has(-1, PERM_AUDIT_VIEW), 0);
	ck_assert_int_eq(perm_role_has(ROLE__COUNT, PERM_AUDIT_VIEW), 0);
	ck_assert_int_eq(perm_role_has(ROLE_ADMIN, PERM__COUNT), 0);
	ck_assert_int_eq(perm_role_has(ROLE_ADMIN, -1), 0);
}
END_TEST

START_TEST(role_names_round_trip)
{
	int r, i;

	for (i = 0; i < ROLE__COUNT; i++) {
		ck_assert_int_eq(perm_role_parse(perm_role_name(i), &r), 0);
		ck_assert_int_eq(r, i);
	}
	ck_assert_int_eq(perm_role_parse("root", &r), ERR_INVALID);
	ck_assert_int_eq(perm_role_parse("Admin", &r), ERR_INVALID);
}
END_TEST

/* Who may manage (create, change) accounts of which role. */
START_TEST(granting_rules)
{
	static const char *const cells[4] = {
		/* target: admin manager cashier auditor */
		"YYYY",		/* admin */
		"..YY",		/* manager: cashier and auditor only */
		"....",		/* cashier */
		"....",		/* auditor */
	};
	int a, t;

	for (a = 0; a < 4; a++)
		for (t = 0; t < 4; t++)
			ck_assert_msg(perm_can_manage(roles[a], roles[t]) ==
			    (cells[a][t] == 'Y'), "%s over %s",
			    perm_role_name(roles[a]), perm_role_name(roles[t]));
}
END_TEST

START_TEST(require_denies_and_audits)
{
	struct fixture f;

	fixture_open(&f, 0);
	fixture_act(&f, 9, "ann", ROLE_AUDITOR);
	ck_assert_int_eq(perm_require(&f.ctx, PERM_WALLET_TOPUP, "wallet.topup",
	    "customer", "1"), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	ck_assert_int_eq(perm_require(&f.ctx, PERM_AUDIT_VIEW, "audit.list",
	    "audit", NULL), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

static Suite *
perm_suite(void)
{
	Suite *s = suite_create("perm");
	TCase *tc = tcase_create("matrix");

	tcase_add_test(tc, every_cell_of_the_matrix);
	tcase_add_test(tc, unknown_role_or_perm_holds_nothing);
	tcase_add_test(tc, role_names_round_trip);
	tcase_add_test(tc, granting_rules);
	tcase_add_test(tc, require_denies_and_audits);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(perm_suite)

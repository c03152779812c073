/*
 * check_screens.c -- every screen's key table is sound: each entry has a
 * key, a label and a help line, no key repeats (also not one of the
 * table widget's, which the screen would shadow), none takes a global
 * key; the screens list holds what the top bar needs; the enrollment
 * issuer keeps the otpauth URI small enough for its QR code.
 */
#include <check.h>
#include <string.h>

#include "common/xmalloc.h"
#include "model/perm.h"
#include "model/totp.h"
#include "screens/app.h"
#include "screens/dashboard.h"
#include "screens/enroll.h"
#include "screens/logins.h"
#include "screens/screens.h"
#include "tests/lib/testlib.h"
#include "tui/keymap.h"
#include "tui/table.h"

/* Validate widget keys and a screen's keys together, as dispatched. */
static int
validate_joined(const struct tui_key *w, size_t nw,
    const struct tui_key *k, size_t nk, const char **why)
{
	struct tui_key *all = xcalloc(nw + nk + 1, sizeof(*all));
	int r;

	if (nw > 0)
		memcpy(all, w, nw * sizeof(*w));
	if (nk > 0)
		memcpy(all + nw, k, nk * sizeof(*k));
	r = tui_keymap_validate(all, nw + nk, why);
	free(all);
	return r;
}

START_TEST(test_screen_keymaps_valid)
{
	const struct tui_screen *s = scr_screens[_i];
	const char *why = "";

	ck_assert_msg(tui_keymap_validate(s->keys, s->nkeys, &why) == 0,
	    "%s: %s", s->name, why);
	ck_assert_msg(validate_joined(s->widget_keys, s->nwidget_keys,
	    s->keys, s->nkeys, &why) == 0, "%s with its widget: %s",
	    s->name, why);
}
END_TEST

START_TEST(test_screen_descriptor_complete)
{
	const struct tui_screen *s = scr_screens[_i];

	ck_assert_ptr_nonnull(s->name);
	ck_assert_ptr_nonnull(s->title);
	ck_assert_ptr_nonnull(s->draw);
	ck_assert_msg(s->perm >= -1 && s->perm < PERM__COUNT, "%s perm",
	    s->name);
	ck_assert_msg(s->nkeys == 0 || s->keys != NULL, "%s keys", s->name);
}
END_TEST

START_TEST(test_screen_names_unique)
{
	size_t i, j;

	for (i = 0; i < scr_screens_count; i++)
		for (j = i + 1; j < scr_screens_count; j++)
			ck_assert_str_ne(scr_screens[i]->name,
			    scr_screens[j]->name);
}
END_TEST

START_TEST(test_dashboard_first_for_everyone)
{
	ck_assert_ptr_eq(scr_screens[0], &scr_dashboard);
	ck_assert_int_eq(scr_dashboard.perm, -1);
}
END_TEST

START_TEST(test_audit_last)
{
	ck_assert_str_eq(scr_screens[scr_screens_count - 1]->name, "audit");
	ck_assert_int_eq(scr_screens[scr_screens_count - 1]->perm,
	    PERM_AUDIT_VIEW);
}
END_TEST

START_TEST(test_users_needs_user_manage)
{
	size_t i;

	for (i = 0; i < scr_screens_count; i++)
		if (strcmp(scr_screens[i]->name, "users") == 0)
			break;
	ck_assert_uint_lt(i, scr_screens_count);
	ck_assert_int_eq(scr_screens[i]->perm, PERM_USER_MANAGE);
	ck_assert(!perm_role_has(ROLE_CASHIER, scr_screens[i]->perm));
}
END_TEST

START_TEST(test_logins_dialog_keymap_valid)
{
	const char *why = "";

	ck_assert_msg(validate_joined(tui_table_keys, TUI_TABLE_NKEYS,
	    scr_logins_keys_map, scr_logins_nkeys, &why) == 0, "%s", why);
}
END_TEST

START_TEST(test_global_keymap_valid)
{
	const char *why = "";

	ck_assert_msg(tui_keymap_validate(tui_keymap_global,
	    tui_keymap_nglobal, &why) == 0, "%s", why);
}
END_TEST

/* The URI an issuer gives for account, with a 32-character secret. */
static size_t
uri_len(const char *issuer, const char *account)
{
	char uri[256];

	ck_assert_int_eq(totp_uri(uri, sizeof(uri), issuer, account,
	    "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), 0);
	return strlen(uri);
}

START_TEST(test_issuer_fits_qr)
{
	char issuer[64];

	scr_enroll_issuer("Café Central", "alice", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "Cafe");
	ck_assert_uint_le(uri_len(issuer, "alice"), TOTP_URI_QR_MAX);
}
END_TEST

START_TEST(test_issuer_short_name_kept)
{
	char issuer[64];

	scr_enroll_issuer("Den", "al", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "Den");
}
END_TEST

START_TEST(test_issuer_nothing_foldable)
{
	char issuer[64];

	scr_enroll_issuer("☕☕", "bob", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "cafed");
}
END_TEST

START_TEST(test_issuer_long_account_one_char)
{
	char issuer[64];

	scr_enroll_issuer("Pixel Den", "a-very-long-user-name", issuer,
	    sizeof(issuer));
	ck_assert_str_eq(issuer, "P");
}
END_TEST

START_TEST(test_issuer_whole_words)
{
	char issuer[64];

	scr_enroll_issuer("Café Central", "bob", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "Cafe");
	scr_enroll_issuer("Le Bistro", "bob", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "Le");
	scr_enroll_issuer("Ab Cd", "bob", issuer, sizeof(issuer));
	ck_assert_str_eq(issuer, "AbCd");
}
END_TEST

static Suite *
screens_suite(void)
{
	Suite *s = suite_create("screens");
	TCase *tc = tcase_create("keymaps");

	tcase_add_loop_test(tc, test_screen_keymaps_valid, 0,
	    (int)scr_screens_count);
	tcase_add_loop_test(tc, test_screen_descriptor_complete, 0,
	    (int)scr_screens_count);
	tcase_add_test(tc, test_screen_names_unique);
	tcase_add_test(tc, test_dashboard_first_for_everyone);
	tcase_add_test(tc, test_audit_last);
	tcase_add_test(tc, test_users_needs_user_manage);
	tcase_add_test(tc, test_logins_dialog_keymap_valid);
	tcase_add_test(tc, test_global_keymap_valid);
	suite_add_tcase(s, tc);
	tc = tcase_create("enroll");
	tcase_add_test(tc, test_issuer_fits_qr);
	tcase_add_test(tc, test_issuer_short_name_kept);
	tcase_add_test(tc, test_issuer_nothing_foldable);
	tcase_add_test(tc, test_issuer_long_account_one_char);
	tcase_add_test(tc, test_issuer_whole_words);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(screens_suite)

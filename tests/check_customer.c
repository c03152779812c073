/*
 * check_customer.c -- customers: normalizing contact data, sealing it,
 * finding it again, card numbers, permissions, disabling.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/perm.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int64_t
add(struct fixture *f, const char *name, const char *phone,
    const char *email, const char *card)
{
	struct customer_new cn = { name, phone, email, card };
	int64_t id = 0;

	ck_assert_int_eq(customer_add(&f->ctx, &cn, &id, NULL), 0);
	return id;
}

START_TEST(phone_numbers_normalize)
{
	char out[CUSTOMER_PHONE_MAX + 1];

	ck_assert_int_eq(customer_phone_normalize("+49 (30) 123-45.67", out),
	    0);
	ck_assert_str_eq(out, "+49301234567");
	ck_assert_int_eq(customer_phone_normalize("0170/1234567", out), 0);
	ck_assert_str_eq(out, "01701234567");
	ck_assert_int_eq(customer_phone_normalize("1234", out), ERR_INVALID);
	ck_assert_int_eq(customer_phone_normalize("1234567890123456", out),
	    ERR_INVALID);
	ck_assert_int_eq(customer_phone_normalize("12345a", out), ERR_INVALID);
	ck_assert_int_eq(customer_phone_normalize("12+345678", out),
	    ERR_INVALID);
	ck_assert_int_eq(customer_phone_normalize("", out), ERR_INVALID);
}
END_TEST

START_TEST(emails_normalize)
{
	char out[CUSTOMER_EMAIL_MAX + 1];

	ck_assert_int_eq(customer_email_normalize("  Ann.Lee@Example.COM ",
	    out), 0);
	ck_assert_str_eq(out, "ann.lee@example.com");
	ck_assert_int_eq(customer_email_normalize("ann", out), ERR_INVALID);
	ck_assert_int_eq(customer_email_normalize("@x", out), ERR_INVALID);
	ck_assert_int_eq(customer_email_normalize("a@", out), ERR_INVALID);
	ck_assert_int_eq(customer_email_normalize("a@b@c", out), ERR_INVALID);
	ck_assert_int_eq(customer_email_normalize("a b@c", out), ERR_INVALID);
	ck_assert_int_eq(customer_email_normalize("a\x01@c", out),
	    ERR_INVALID);
}
END_TEST

START_TEST(add_and_get_opens_contact_data)
{
	struct fixture f;
	struct customer_info c;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "  Ann Lee ", "+49 170 1234567", "Ann@Example.com",
	    "M-0001");
	ck_assert_int_eq(customer_get(&f.ctx, id, &c), 0);
	ck_assert_str_eq(c.name, "Ann Lee");
	ck_assert_str_eq(c.phone, "+491701234567");
	ck_assert_str_eq(c.email, "ann@example.com");
	ck_assert_str_eq(c.card, "M-0001");
	ck_assert_int_eq(c.disabled, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "customer.add"), 1);
	ck_assert_int_eq(customer_get(&f.ctx, id + 1, &c), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(contact_data_is_sealed_at_rest)
{
	struct fixture f;
	struct db_stmt *st;
	const unsigned char *blob;
	size_t len, i;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "Ann", "+491701234567", "ann@example.com", NULL);
	ck_assert_int_eq(db_stmt(f.db, "SELECT phone_sealed, email_sealed, "
	    "phone_blind FROM customers WHERE id = ?", &st), 0);
	db_bind_int(st, 1, id);
	ck_assert_int_eq(db_step(st), DB_ROW);
	blob = db_col_blob(st, 0, &len);
	ck_assert_uint_gt(len, 13);
	for (i = 0; i + 13 <= len; i++)
		ck_assert(memcmp(blob + i, "+491701234567", 13) != 0);
	blob = db_col_blob(st, 1, &len);
	for (i = 0; i + 7 <= len; i++)
		ck_assert(memcmp(blob + i, "example", 7) != 0);
	ck_assert_uint_eq(strlen(db_col_text(st, 2)), 64);
	db_done(st);
	fixture_close(&f);
}
END_TEST

START_TEST(audit_masks_contact_data)
{
	struct fixture f;
	struct db_stmt *st;

	fixture_open(&f, 0);
	add(&f, "Annabel", "+491701234567", NULL, "M-7");
	ck_assert_int_eq(db_stmt(f.db, "SELECT detail FROM audit WHERE "
	    "action = 'customer.add'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "name=An***el card=M-7 "
	    "phone=+4*********67 email=-");
	db_done(st);
	fixture_close(&f);
}
END_TEST

START_TEST(bad_fields_refused_nothing_written)
{
	struct fixture f;
	struct customer_new cn;
	struct customer_info *v;
	const char *why;
	size_t n;

	fixture_open(&f, 0);
	memset(&cn, 0, sizeof cn);
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	cn.name = "  ";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	cn.name = "Evil\x1b[2J";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	cn.name = "A name that is far too long for a customer record here, "
	    "surely, yes";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	cn.name = "Ann";
	cn.phone = "call me";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	ck_assert_ptr_nonnull(why);
	cn.phone = NULL;
	cn.email = "nope";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	cn.email = NULL;
	cn.card = "id:5";
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_INVALID);
	ck_assert_int_eq(customer_search(&f.ctx, "", 10, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(v);
	ck_assert_int_eq(fixture_audit_count(&f, "customer.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(card_numbers_unique)
{
	struct fixture f;
	struct customer_new cn = { "Bob", NULL, NULL, "M-1" };
	const char *why = NULL;

	fixture_open(&f, 0);
	add(&f, "Ann", NULL, NULL, "M-1");
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, &why), ERR_EXISTS);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(fixture_audit_count(&f, "customer.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(auditor_may_not_add)
{
	struct fixture f;
	struct customer_new cn = { "Ann", NULL, NULL, NULL };

	fixture_open(&f, 0);
	fixture_as(&f, "otto", ROLE_AUDITOR);
	ck_assert_int_eq(customer_add(&f.ctx, &cn, NULL, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(auditor_sees_no_contact_data)
{
	struct fixture f;
	struct customer_info c;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "Ann", "+491701234567", "ann@example.com", NULL);
	fixture_as(&f, "otto", ROLE_AUDITOR);
	ck_assert_int_eq(customer_get(&f.ctx, id, &c), 0);
	ck_assert_str_eq(c.name, "Ann");
	ck_assert_str_eq(c.phone, "");
	ck_assert_str_eq(c.email, "");
	fixture_close(&f);
}
END_TEST

START_TEST(resolve_card_or_id)
{
	struct fixture f;
	int64_t a, b, id;

	fixture_open(&f, 0);
	a = add(&f, "Ann", NULL, NULL, "M-1");
	b = add(&f, "Bob", NULL, NULL, NULL);
	ck_assert_int_eq(customer_resolve(f.db, "M-1", &id), 0);
	ck_assert_int_eq(id, a);
	ck_assert_int_eq(customer_resolve(f.db, "id:2", &id), 0);
	ck_assert_int_eq(id, b);
	ck_assert_int_eq(customer_resolve(f.db, "id:3", &id), ERR_NOTFOUND);
	ck_assert_int_eq(customer_resolve(f.db, "id:0", &id), ERR_NOTFOUND);
	ck_assert_int_eq(customer_resolve(f.db, "id:01", &id), ERR_NOTFOUND);
	ck_assert_int_eq(customer_resolve(f.db, "id:2x", &id), ERR_NOTFOUND);
	ck_assert_int_eq(customer_resolve(f.db, "M-2", &id), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

/* The ids of search results, "1,2". */
static char *
found(struct fixture *f, const char *text)
{
	static char buf[128];
	struct customer_info *v;
	size_t n, i;

	ck_assert_int_eq(customer_search(&f->ctx, text, 100, &v, &n), 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%lld",
		    i > 0 ? "," : "", (long long)v[i].id);
	free(v);
	return buf;
}

START_TEST(search_by_name_phone_email_card)
{
	struct fixture f;

	fixture_open(&f, 0);
	add(&f, "Ann Lee", "+491701234567", "ann@example.com", "M-1");
	add(&f, "annika", NULL, NULL, "M-2");
	add(&f, "Bob", "0301234567", NULL, NULL);
	add(&f, "100% Carla", NULL, NULL, NULL);
	ck_assert_str_eq(found(&f, "ANN"), "1,2");
	ck_assert_str_eq(found(&f, "ann l"), "1");
	ck_assert_str_eq(found(&f, "+49 170 123 45 67"), "1");
	ck_assert_str_eq(found(&f, "030/123 4567"), "3");
	ck_assert_str_eq(found(&f, "ANN@example.com"), "1");
	ck_assert_str_eq(found(&f, "M-2"), "2");
	ck_assert_str_eq(found(&f, "100%"), "4");
	ck_assert_str_eq(found(&f, "%"), "");
	ck_assert_str_eq(found(&f, "zed"), "");
	ck_assert_str_eq(found(&f, ""), "4,1,2,3");
	fixture_close(&f);
}
END_TEST

START_TEST(disable_and_enable)
{
	struct fixture f;
	int64_t id;

	fixture_open(&f, 0);
	id = add(&f, "Ann", NULL, NULL, NULL);
	ck_assert_int_eq(customer_is_disabled(f.db, id), 0);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, id, 1), 0);
	ck_assert_int_eq(customer_is_disabled(f.db, id), 1);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, id, 0), 0);
	ck_assert_int_eq(customer_is_disabled(f.db, id), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "customer.disable"), 1);
	ck_assert_int_eq(fixture_audit_count(&f, "customer.enable"), 1);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, 99, 1), ERR_NOTFOUND);
	ck_assert_int_eq(customer_is_disabled(f.db, 99), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

Suite *customer_suite(void);

Suite *
customer_suite(void)
{
	Suite *s = suite_create("customer");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, phone_numbers_normalize);
	tcase_add_test(tc, emails_normalize);
	tcase_add_test(tc, add_and_get_opens_contact_data);
	tcase_add_test(tc, contact_data_is_sealed_at_rest);
	tcase_add_test(tc, audit_masks_contact_data);
	tcase_add_test(tc, bad_fields_refused_nothing_written);
	tcase_add_test(tc, card_numbers_unique);
	tcase_add_test(tc, auditor_may_not_add);
	tcase_add_test(tc, auditor_sees_no_contact_data);
	tcase_add_test(tc, resolve_card_or_id);
	tcase_add_test(tc, search_by_name_phone_email_card);
	tcase_add_test(tc, disable_and_enable);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(customer_suite)

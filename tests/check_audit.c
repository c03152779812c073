/*
 * check_audit.c -- the hash chain: appending, verifying, naming the
 * first altered row, catching rows cut off the end, append-only.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/keys.h"
#include "model/perm.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static int
tx_rows(struct db *db, void *arg)
{
	struct mctx *ctx = arg;
	int i, r;

	(void)db;
	for (i = 0; i < 10; i++)
		if ((r = audit_appendf(ctx, "test.event", "thing", "42",
		    "n=%d", i)) != 0)
			return r;
	return 0;
}

static void
add_rows(struct fixture *f)
{
	ck_assert_int_eq(db_write(f->db, tx_rows, &f->ctx), 0);
}

START_TEST(append_needs_a_transaction)
{
	struct fixture f;

	fixture_open(&f, 0);
	ck_assert_int_eq(audit_append(&f.ctx, "x", "", "", ""), ERR_INTERNAL);
	fixture_close(&f);
}
END_TEST

START_TEST(verify_intact_chain)
{
	struct fixture f;
	struct audit_verify res;
	struct audit_head head;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_eq(audit_head(f.db, &head), 0);
	ck_assert_int_eq(head.count, 11);	/* cafe.init + 10 */
	ck_assert_int_eq(audit_verify(f.db, f.keys, NULL, &res, NULL, NULL), 0);
	ck_assert_int_eq(res.rows, 11);
	ck_assert_str_eq(res.hash, head.hash);
	ck_assert_int_eq(audit_verify(f.db, f.keys, &head, &res, NULL, NULL),
	    0);
	fixture_close(&f);
}
END_TEST

START_TEST(triggers_refuse_update_and_delete)
{
	struct fixture f;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_ne(db_exec(f.db, "UPDATE audit SET detail = 'x' "
	    "WHERE id = 3"), 0);
	ck_assert_int_ne(db_exec(f.db, "DELETE FROM audit WHERE id = 11"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(verify_names_altered_row)
{
	struct fixture f;
	struct audit_verify res;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_eq(db_exec(f.db, "DROP TRIGGER audit_no_update"), 0);
	ck_assert_int_eq(db_exec(f.db, "UPDATE audit SET detail = 'n=99' "
	    "WHERE id = 5"), 0);
	ck_assert_int_eq(audit_verify(f.db, f.keys, NULL, &res, NULL, NULL),
	    ERR_TAMPER);
	ck_assert_int_eq(res.bad_id, 5);
	ck_assert_ptr_nonnull(strstr(res.why, "row 5"));
	fixture_close(&f);
}
END_TEST

START_TEST(verify_names_deleted_middle_row)
{
	struct fixture f;
	struct audit_verify res;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_eq(db_exec(f.db, "DROP TRIGGER audit_no_delete"), 0);
	ck_assert_int_eq(db_exec(f.db, "DELETE FROM audit WHERE id = 7"), 0);
	ck_assert_int_eq(audit_verify(f.db, f.keys, NULL, &res, NULL, NULL),
	    ERR_TAMPER);
	ck_assert_int_eq(res.bad_id, 7);
	fixture_close(&f);
}
END_TEST

START_TEST(rehashed_forgery_without_key_fails)
{
	struct fixture f;
	struct audit_verify res;
	struct keys *other;
	unsigned char raw[KEYS_LEN];

	fixture_open(&f, 0);
	add_rows(&f);
	memset(raw, 0xee, sizeof raw);
	other = keys_from_bytes(raw);
	ck_assert_int_eq(audit_verify(f.db, other, NULL, &res, NULL, NULL),
	    ERR_TAMPER);
	ck_assert_int_eq(res.bad_id, 1);
	keys_free(other);
	fixture_close(&f);
}
END_TEST

START_TEST(head_catches_rows_cut_off_the_end)
{
	struct fixture f;
	struct audit_verify res;
	struct audit_head head;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_eq(audit_head(f.db, &head), 0);
	ck_assert_int_eq(db_exec(f.db, "DROP TRIGGER audit_no_delete"), 0);
	ck_assert_int_eq(db_exec(f.db, "DELETE FROM audit WHERE id > 8"), 0);
	/* Without the head the shorter chain is consistent... */
	ck_assert_int_eq(audit_verify(f.db, f.keys, NULL, &res, NULL, NULL), 0);
	ck_assert_int_eq(res.rows, 8);
	/* ...with it, the cut is caught. */
	ck_assert_int_eq(audit_verify(f.db, f.keys, &head, &res, NULL, NULL),
	    ERR_TAMPER);
	ck_assert_int_eq(res.bad_id, 11);
	ck_assert_ptr_nonnull(strstr(res.why, "cut off"));
	fixture_close(&f);
}
END_TEST

START_TEST(head_mismatch_is_caught)
{
	struct fixture f;
	struct audit_verify res;
	struct audit_head head;

	fixture_open(&f, 0);
	add_rows(&f);
	ck_assert_int_eq(audit_head(f.db, &head), 0);
	head.hash[0] = head.hash[0] == 'a' ? 'b' : 'a';
	ck_assert_int_eq(audit_verify(f.db, f.keys, &head, &res, NULL, NULL),
	    ERR_TAMPER);
	fixture_close(&f);
}
END_TEST

START_TEST(head_parse_and_format)
{
	struct audit_head h, h2;
	char buf[128];

	memset(&h, 0, sizeof h);
	h.count = 12;
	memset(h.hash, 'a', 64);
	h.hash[64] = '\0';
	audit_head_fmt(&h, buf, sizeof buf);
	ck_assert_int_eq(audit_head_parse(buf, &h2), 0);
	ck_assert_int_eq(h2.count, 12);
	ck_assert_str_eq(h2.hash, h.hash);
	ck_assert_int_eq(audit_head_parse("12", &h2), ERR_INVALID);
	ck_assert_int_eq(audit_head_parse(":abc", &h2), ERR_INVALID);
	ck_assert_int_eq(audit_head_parse("x:aaaa", &h2), ERR_INVALID);
	ck_assert_int_eq(audit_head_parse("3:ABC", &h2), ERR_INVALID);
}
END_TEST

START_TEST(mask_hides_the_middle)
{
	char buf[64];

	ck_assert_str_eq(audit_mask("+491701234567", buf, sizeof buf),
	    "+4*********67");
	ck_assert_str_eq(audit_mask("abc", buf, sizeof buf), "***");
}
END_TEST

START_TEST(list_filters_and_pages)
{
	struct fixture f;
	struct audit_filter flt;
	struct audit_entry *v;
	size_t n;

	fixture_open(&f, 0);
	add_rows(&f);
	memset(&flt, 0, sizeof flt);
	flt.action = "test.event";
	flt.limit = 4;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(v[0].id, 11);
	ck_assert_str_eq(v[0].detail, "n=9");
	flt.before_id = v[3].id;
	audit_entries_free(v, n);
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(v[0].id, 7);
	audit_entries_free(v, n);
	flt.before_id = 0;
	flt.action = "test.*";
	flt.limit = 100;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 10);
	audit_entries_free(v, n);
	flt.action = NULL;
	flt.text = "n=7";
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].detail, "n=7");
	audit_entries_free(v, n);
	flt.text = "\"thing\" OR";	/* no query syntax gets through */
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 0);
	audit_entries_free(v, n);
	flt.text = "thing";
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 10);
	audit_entries_free(v, n);
	flt.text = NULL;
	flt.from = clock_now() - 60;
	flt.to = clock_now() + 60;
	flt.limit = 4;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(v[0].id, 11);
	flt.before_id = v[3].id;
	audit_entries_free(v, n);
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(v[0].id, 7);		/* the next page, by time */
	audit_entries_free(v, n);
	flt.before_id = 0;
	flt.to = clock_now() - 30;		/* nothing that early */
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 0);
	audit_entries_free(v, n);
	flt.from = flt.to = 0;
	flt.limit = 100;
	flt.actor = "nobody";
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 0);
	audit_entries_free(v, n);
	fixture_close(&f);
}
END_TEST

START_TEST(list_needs_audit_view)
{
	struct fixture f;
	struct audit_filter flt;
	struct audit_entry *v;
	size_t n;

	fixture_open(&f, 0);
	memset(&flt, 0, sizeof flt);
	fixture_act(&f, 5, "carol", ROLE_CASHIER);
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

static Suite *
audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("chain");

	tcase_add_test(tc, append_needs_a_transaction);
	tcase_add_test(tc, verify_intact_chain);
	tcase_add_test(tc, triggers_refuse_update_and_delete);
	tcase_add_test(tc, verify_names_altered_row);
	tcase_add_test(tc, verify_names_deleted_middle_row);
	tcase_add_test(tc, rehashed_forgery_without_key_fails);
	tcase_add_test(tc, head_catches_rows_cut_off_the_end);
	tcase_add_test(tc, head_mismatch_is_caught);
	tcase_add_test(tc, head_parse_and_format);
	tcase_add_test(tc, mask_hides_the_middle);
	tcase_add_test(tc, list_filters_and_pages);
	tcase_add_test(tc, list_needs_audit_view);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audit_suite)

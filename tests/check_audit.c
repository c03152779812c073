/*
 * check_audit.c -- the hash chain: appending, verifying, naming the
 * first altered row, catching rows cut off the end, append-only.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
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
	flt.action = "test.*";			/* free text and a prefix */
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 10);
	audit_entries_free(v, n);
	flt.action = "test.event";
	flt.actor = "cli:test";
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 10);
	audit_entries_free(v, n);
	flt.action = "other.*";
	flt.actor = NULL;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 0);
	audit_entries_free(v, n);
	flt.action = NULL;
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

/* A one-integer query, for the tests below. */
static int64_t
scalar(struct db *db, const char *sql)
{
	struct db_stmt *st;
	int64_t v;

	ck_assert_int_eq(db_stmt(db, sql, &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	v = db_col_int(st, 0);
	db_done(st);
	return v;
}

/*
 * audit_keys follows the audit table: appending writes only the audit
 * row; the sync (which a filtered list runs first) copies the keys of
 * every new row, and runs no write transaction when nothing is new.
 */
START_TEST(audit_keys_kept_in_step)
{
	struct db_write_stats w1, w2;
	struct audit_filter flt;
	struct audit_entry *v;
	struct fixture f;
	size_t n;

	fixture_open(&f, 1);
	ck_assert_int_eq(audit_fts_sync(f.db), 0);
	add_rows(&f);
	ck_assert_int_eq(scalar(f.db, "SELECT count(*) FROM audit"), 11);
	ck_assert_int_eq(scalar(f.db, "SELECT count(*) FROM audit_keys"), 1);
	memset(&flt, 0, sizeof flt);
	flt.entity = "thing";
	flt.limit = 100;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(v[0].detail, "n=9");
	audit_entries_free(v, n);
	ck_assert_int_eq(scalar(f.db, "SELECT count(*) FROM audit a JOIN "
	    "audit_keys k USING (id) WHERE a.at = k.at AND a.actor = k.actor "
	    "AND a.action = k.action AND a.entity = k.entity AND "
	    "a.entity_id = k.entity_id"), 11);
	db_write_stats(f.db, &w1);
	ck_assert_int_eq(audit_fts_sync(f.db), 0);
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	audit_entries_free(v, n);
	db_write_stats(f.db, &w2);
	ck_assert_int_eq(w2.commits, w1.commits);	/* nothing new */
	/* The audit table itself carries no index but its primary key. */
	ck_assert_int_eq(scalar(f.db, "SELECT count(*) FROM sqlite_schema "
	    "WHERE type = 'index' AND tbl_name = 'audit'"), 0);
	fixture_close(&f);
}
END_TEST

/* Migration 0007 copies the keys of the rows written before it. */
START_TEST(audit_keys_migration_copies_old_rows)
{
	struct fixture f;
	struct db *db;
	char *path;

	fixture_open(&f, 1);
	xasprintf(&path, "%s/old.db", f.dir);
	ck_assert_int_eq(db_open(path, DB_OPEN_CREATE, &db), 0);
	ck_assert_int_eq(db_migrate_to(db, 6, NULL), 0);
	f.ctx.db = db;
	ck_assert_int_eq(db_write(db, tx_rows, &f.ctx), 0);
	ck_assert_int_eq(db_migrate_apply(db, NULL), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM audit_keys k JOIN "
	    "audit a USING (id) WHERE k.action = 'test.event' AND "
	    "k.entity_id = '42' AND k.at = a.at"), 10);
	db_close(db);
	f.ctx.db = f.db;
	free(path);
	fixture_close(&f);
}
END_TEST

static int
tx_mixed(struct db *db, void *arg)
{
	static const char *const act[] = { "a.x", "a.y", "b.x" };
	static const char *const ent[] = { "e1", "e2" };
	struct mctx *ctx = arg;
	int i, r;

	(void)db;
	for (i = 0; i < 30; i++)
		if ((r = audit_appendf(ctx, act[i % 3], ent[i % 2], "7",
		    "word%d common", i % 5)) != 0)
			return r;
	return 0;
}

/* The rows of the whole trail that f selects, counted by brute force. */
static size_t
reference_count(struct fixture *f, const struct audit_filter *flt)
{
	struct db_stmt *st;
	size_t n = 0;
	char word[32];

	ck_assert_int_eq(db_stmt(f->db, "SELECT id, actor, action, entity, "
	    "at, detail FROM audit ORDER BY id DESC", &st), 0);
	while (db_step(st) == DB_ROW) {
		const char *a = db_col_text(st, 2);
		size_t pl;

		if (flt->before_id > 0 && db_col_int(st, 0) >= flt->before_id)
			continue;
		if (flt->actor != NULL && strcmp(db_col_text(st, 1),
		    flt->actor) != 0)
			continue;
		if (flt->action != NULL) {
			pl = strlen(flt->action);
			if (flt->action[pl - 1] == '*' ? strncmp(a,
			    flt->action, pl - 1) != 0 : strcmp(a,
			    flt->action) != 0)
				continue;
		}
		if (flt->entity != NULL && strcmp(db_col_text(st, 3),
		    flt->entity) != 0)
			continue;
		if (flt->from > 0 && db_col_int(st, 4) < flt->from)
			continue;
		if (flt->text != NULL) {
			snprintf(word, sizeof word, "%s", flt->text);
			if (strstr(db_col_text(st, 5), word) == NULL)
				continue;
		}
		n++;
	}
	db_done(st);
	return n;
}

/* Every combination of filters runs and finds what it should. */
START_TEST(list_every_filter_shape)
{
	static const char *const actors[] = { NULL, "cli:test", "nobody" };
	static const char *const actions[] = { NULL, "a.x", "a.*", "c.*" };
	static const char *const entities[] = { NULL, "e1" };
	static const char *const texts[] = { NULL, "word3" };
	struct audit_filter flt;
	struct audit_entry *v;
	struct fixture f;
	size_t n, i, j, k, l, m, b;

	fixture_open(&f, 0);
	ck_assert_int_eq(db_write(f.db, tx_mixed, &f.ctx), 0);
	for (i = 0; i < 3; i++)
	for (j = 0; j < 4; j++)
	for (k = 0; k < 2; k++)
	for (l = 0; l < 2; l++)
	for (m = 0; m < 2; m++)
	for (b = 0; b < 2; b++) {
		memset(&flt, 0, sizeof flt);
		flt.actor = actors[i];
		flt.action = actions[j];
		flt.entity = entities[k];
		flt.text = texts[l];
		flt.from = m ? clock_now() - 60 : 0;
		flt.to = m ? clock_now() + 60 : 0;
		flt.before_id = b ? 20 : 0;
		flt.limit = 1000;
		ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
		ck_assert_uint_eq(n, reference_count(&f, &flt));
		audit_entries_free(v, n);
	}
	fixture_close(&f);
}
END_TEST

/* 5201 rows by "busy" (every 1000th by "rare") about entity "crowd". */
static int
tx_many(struct db *db, void *arg)
{
	struct mctx *ctx = arg;
	char saved[sizeof ctx->actor.name];
	int i, r = 0;

	(void)db;
	memcpy(saved, ctx->actor.name, sizeof saved);
	for (i = 0; i < 5201 && r == 0; i++) {
		snprintf(ctx->actor.name, sizeof ctx->actor.name, "%s",
		    i % 1000 == 0 ? "rare" : "busy");
		r = audit_appendf(ctx, "crowd.move", "crowd", "1", "n=%d", i);
	}
	memcpy(ctx->actor.name, saved, sizeof saved);
	return r;
}

/* Pages of actor (NULL: any) and entity over the last minute. */
static void
range_pages(struct fixture *f, const char *actor, const char *entity,
    int64_t first, int64_t second)
{
	struct audit_filter flt;
	struct audit_entry *v;
	size_t n;

	memset(&flt, 0, sizeof flt);
	flt.actor = actor;
	flt.entity = entity;
	flt.from = clock_now() - 60;
	flt.to = clock_now() + 60;
	flt.limit = 3;
	ck_assert_int_eq(audit_list(&f->ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(v[0].id, first);
	flt.before_id = v[2].id;
	audit_entries_free(v, n);
	ck_assert_int_eq(audit_list(&f->ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(v[0].id, second);
	audit_entries_free(v, n);
}

START_TEST(list_range_common_and_rare_filters)
{
	struct fixture f;
	struct audit_head h;

	fixture_open(&f, 0);
	ck_assert_int_eq(db_write(f.db, tx_many, &f.ctx), 0);
	ck_assert_int_eq(audit_head(f.db, &h), 0);	/* ids run 1..count */
	/* a common actor and entity: checked along the date index */
	range_pages(&f, "busy", NULL, h.count, h.count - 3);
	range_pages(&f, NULL, "crowd", h.count, h.count - 3);
	/* a rare actor: read through its own index, sorted by time */
	range_pages(&f, "rare", NULL, h.count - 200, h.count - 3200);
	fixture_close(&f);
}
END_TEST

START_TEST(list_small_prefix_pages_by_id)
{
	struct fixture f;
	struct audit_filter flt;
	struct audit_entry *v;
	size_t n;

	fixture_open(&f, 0);
	add_rows(&f);
	memset(&flt, 0, sizeof flt);
	flt.action = "test.*";
	flt.before_id = 9;
	flt.limit = 3;
	ck_assert_int_eq(audit_list(&f.ctx, &flt, &v, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(v[0].id, 8);
	ck_assert_int_eq(v[2].id, 6);
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
	tcase_add_test(tc, list_range_common_and_rare_filters);
	tcase_add_test(tc, list_small_prefix_pages_by_id);
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
	tcase_add_test(tc, list_every_filter_shape);
	tcase_add_test(tc, audit_keys_kept_in_step);
	tcase_add_test(tc, audit_keys_migration_copies_old_rows);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audit_suite)

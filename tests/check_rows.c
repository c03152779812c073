/*
 * check_rows.c -- db/rows: binding from a format, one row, every row,
 * numbers, text, inserts and statements that return nothing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "db/rows.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

struct item {
	int64_t	id, n;
	char	name[16];
	int	n_null;
};

static void
item_row(struct db_stmt *st, void *out)
{
	struct item *it = out;

	memset(it, 0, sizeof *it);
	it->id = db_col_int(st, 0);
	strncpy(it->name, db_col_text(st, 1), sizeof it->name - 1);
	it->n = db_col_int(st, 2);
	it->n_null = db_col_is_null(st, 2);
}

/* A fixture with a scratch table t holding n rows named r1..rn. */
static void
rows_open(struct fixture *f, int n)
{
	char name[16];
	int64_t id;
	int i;

	fixture_open(f, 0);
	ck_assert_int_eq(db_exec(f->db, "CREATE TABLE t (id INTEGER PRIMARY "
	    "KEY, name TEXT UNIQUE, n INTEGER, b BLOB)"), 0);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "r%d", i);
		ck_assert_int_eq(db_row_id(f->db, &id, "INSERT INTO t (name, n) "
		    "VALUES (?, ?)", "ti", name, (int64_t)i * 10), 0);
		ck_assert_int_eq(id, i);
	}
}

START_TEST(id_of_insert_and_unique_conflict)
{
	struct fixture f;
	int64_t id = 77;

	rows_open(&f, 2);
	ck_assert_int_eq(db_row_id(f.db, &id, "INSERT INTO t (name) "
	    "VALUES (?)", "t", "r1"), ERR_EXISTS);
	ck_assert_int_eq(id, 77);
	ck_assert_int_eq(db_row_id(f.db, &id, "INSERT INTO t (name) "
	    "VALUES (?)", "t", "r3"), 0);
	ck_assert_int_eq(id, 3);
	fixture_close(&f);
}
END_TEST

START_TEST(one_row_or_notfound)
{
	struct fixture f;
	struct item it;

	rows_open(&f, 3);
	ck_assert_int_eq(db_row_one(f.db, item_row, &it, "SELECT id, name, n "
	    "FROM t WHERE name = ?", "t", "r2"), 0);
	ck_assert_int_eq(it.id, 2);
	ck_assert_str_eq(it.name, "r2");
	ck_assert_int_eq(it.n, 20);
	it.id = -5;
	ck_assert_int_eq(db_row_one(f.db, item_row, &it, "SELECT id, name, n "
	    "FROM t WHERE name = ?", "t", "nope"), ERR_NOTFOUND);
	ck_assert_int_eq(it.id, -5);
	/* The cached statement was reset: it runs again. */
	ck_assert_int_eq(db_row_one(f.db, item_row, &it, "SELECT id, name, n "
	    "FROM t WHERE name = ?", "t", "r3"), 0);
	ck_assert_int_eq(it.id, 3);
	fixture_close(&f);
}
END_TEST

START_TEST(numbers_and_text)
{
	struct fixture f;
	int64_t v = -1, two[2] = { -1, -1 };
	char *s = NULL;

	rows_open(&f, 4);
	ck_assert_int_eq(db_row_int(f.db, &v, "SELECT count(*) FROM t WHERE "
	    "n > ?", "i", (int64_t)15), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(db_row_int(f.db, &v, "SELECT n FROM t WHERE id = ?",
	    "i", (int64_t)99), ERR_NOTFOUND);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(db_row_ints(f.db, two, 2, "SELECT min(n), max(n) "
	    "FROM t", NULL), 0);
	ck_assert_int_eq(two[0], 10);
	ck_assert_int_eq(two[1], 40);
	ck_assert_int_eq(db_row_text(f.db, &s, "SELECT name FROM t WHERE "
	    "n = ?", "i", (int64_t)30), 0);
	ck_assert_str_eq(s, "r3");
	free(s);
	s = NULL;
	ck_assert_int_eq(db_row_text(f.db, &s, "SELECT name FROM t WHERE "
	    "n = ?", "i", (int64_t)31), ERR_NOTFOUND);
	ck_assert_ptr_null(s);
	fixture_close(&f);
}
END_TEST

START_TEST(list_grows_and_keeps_order)
{
	struct fixture f;
	struct item *v = (struct item *)1;
	size_t n = 99, i;

	rows_open(&f, 40);
	ck_assert_int_eq(db_row_list(f.db, sizeof *v, item_row, &v, &n,
	    "SELECT id, name, n FROM t WHERE n > ? ORDER BY id DESC", "i",
	    (int64_t)1000), 0);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(db_row_list(f.db, sizeof *v, item_row, &v, &n,
	    "SELECT id, name, n FROM t ORDER BY id DESC", NULL), 0);
	ck_assert_uint_eq(n, 40);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].id, 40 - (int64_t)i);
		ck_assert_int_eq(v[i].n, (40 - (int64_t)i) * 10);
	}
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(list_of_ids)
{
	struct fixture f;
	int64_t *ids = NULL;
	size_t n = 0;

	rows_open(&f, 5);
	ck_assert_int_eq(db_row_list(f.db, sizeof *ids, db_row_int0, &ids, &n,
	    "SELECT id FROM t WHERE n >= ? ORDER BY id", "i", (int64_t)30), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ids[0], 3);
	ck_assert_int_eq(ids[2], 5);
	free(ids);
	fixture_close(&f);
}
END_TEST

START_TEST(none_counts_changes_and_binds_null)
{
	struct fixture f;
	struct item it;
	const void *blob;
	struct db_stmt *st;
	size_t len;

	rows_open(&f, 3);
	ck_assert_int_eq(db_row_none(f.db, "UPDATE t SET n = ? WHERE n < ?",
	    "oi", (int64_t)0, (int64_t)25), 2);
	ck_assert_int_eq(db_row_one(f.db, item_row, &it, "SELECT id, name, n "
	    "FROM t WHERE id = ?", "i", (int64_t)1), 0);
	ck_assert_int_eq(it.n_null, 1);
	ck_assert_int_eq(db_row_none(f.db, "UPDATE t SET n = ? WHERE id = ?",
	    "oi", (int64_t)7, (int64_t)1), 1);
	ck_assert_int_eq(db_row_one(f.db, item_row, &it, "SELECT id, name, n "
	    "FROM t WHERE id = ?", "i", (int64_t)1), 0);
	ck_assert_int_eq(it.n_null, 0);
	ck_assert_int_eq(it.n, 7);
	ck_assert_int_eq(db_row_none(f.db, "UPDATE t SET name = ?, b = ? "
	    "WHERE id = ?", "nbi", "xyz", (size_t)3, (int64_t)2), 1);
	ck_assert_int_eq(db_row_none(f.db, "DELETE FROM t WHERE id = ?", "i",
	    (int64_t)99), 0);
	ck_assert_int_eq(db_row_none(f.db, "UPDATE t SET name = ? WHERE "
	    "id = ?", "ti", "r3", (int64_t)1), ERR_EXISTS);
	ck_assert_int_eq(db_row_prepare(f.db, &st, "SELECT name IS NULL, b "
	    "FROM t WHERE id = ?", "i", (int64_t)2), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_int_eq(db_col_int(st, 0), 1);
	blob = db_col_blob(st, 1, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(memcmp(blob, "xyz", 3), 0);
	db_done(st);
	fixture_close(&f);
}
END_TEST

struct visit {
	int	seen;
	int64_t	sum;
	int	stop_at;
};

static int
visit_row(struct db_stmt *st, void *arg)
{
	struct visit *v = arg;

	if (++v->seen == v->stop_at)
		return ERR_STATE;
	v->sum += db_col_int(st, 0);
	return 0;
}

START_TEST(all_visits_every_row_or_stops)
{
	struct fixture f;
	struct visit v = { 0, 0, 0 };

	rows_open(&f, 6);
	ck_assert_int_eq(db_row_all(f.db, visit_row, &v, "SELECT n FROM t "
	    "ORDER BY id", NULL), 0);
	ck_assert_int_eq(v.seen, 6);
	ck_assert_int_eq(v.sum, 210);
	v = (struct visit){ 0, 0, 3 };
	ck_assert_int_eq(db_row_all(f.db, visit_row, &v, "SELECT n FROM t "
	    "ORDER BY id", NULL), ERR_STATE);
	ck_assert_int_eq(v.seen, 3);
	ck_assert_int_eq(v.sum, 30);
	/* Stopped early, the statement was still reset. */
	v = (struct visit){ 0, 0, 0 };
	ck_assert_int_eq(db_row_all(f.db, visit_row, &v, "SELECT n FROM t "
	    "ORDER BY id", NULL), 0);
	ck_assert_int_eq(v.seen, 6);
	fixture_close(&f);
}
END_TEST

static Suite *
rows_suite(void)
{
	Suite *s = suite_create("rows");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, id_of_insert_and_unique_conflict);
	tcase_add_test(tc, one_row_or_notfound);
	tcase_add_test(tc, numbers_and_text);
	tcase_add_test(tc, list_grows_and_keeps_order);
	tcase_add_test(tc, list_of_ids);
	tcase_add_test(tc, none_counts_changes_and_binds_null);
	tcase_add_test(tc, all_visits_every_row_or_stops);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(rows_suite)

/*
 * check_db.c -- opening, migrations, transactions, the fair writer queue,
 * backup and restore.
 */
#include <sys/wait.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/audit.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

static char *
tmpfile_path(const char *dir, const char *name)
{
	char *p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

START_TEST(open_missing_is_notfound)
{
	struct db *db = NULL;

	ck_assert_int_eq(db_open("/nonexistent/cafe.db", 0, &db), ERR_NOTFOUND);
	ck_assert_ptr_null(db);
}
END_TEST

START_TEST(open_refuses_non_sqlite_file)
{
	char *dir = test_tmpdir(), *p = tmpfile_path(dir, "x.db");
	struct db *db = NULL;
	FILE *f = fopen(p, "w");

	fputs("this is not a database, just some text\n", f);
	fclose(f);
	ck_assert_int_eq(db_open(p, 0, &db), ERR_NOTCAFE);
	ck_assert_ptr_null(db);
	test_rmtree(dir);
	free(p);
	free(dir);
}
END_TEST

START_TEST(open_refuses_other_sqlite_database)
{
	char *dir = test_tmpdir(), *p = tmpfile_path(dir, "other.db"), *cmd;
	struct db *db = NULL;

	xasprintf(&cmd, "sqlite3 '%s' 'CREATE TABLE t(x); INSERT INTO t "
	    "VALUES (1);'", p);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(db_open(p, 0, &db), ERR_NOTCAFE);
	ck_assert_int_eq(db_open(p, DB_OPEN_CREATE, &db), ERR_NOTCAFE);
	test_rmtree(dir);
	free(cmd);
	free(p);
	free(dir);
}
END_TEST

START_TEST(open_refuses_newer_schema)
{
	struct fixture f;
	struct db *db = NULL;
	char pragma[64];

	fixture_open(&f, 1);
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d",
	    db_migrate_latest() + 1);
	ck_assert_int_eq(db_exec(f.db, pragma), 0);
	ck_assert_int_eq(db_open(f.db_path, 0, &db), ERR_SCHEMA_NEWER);
	ck_assert_int_eq(db_open(f.db_path, DB_OPEN_ANY_SCHEMA, &db),
	    ERR_SCHEMA_NEWER);
	ck_assert_int_eq(db_migrate_apply(f.db, NULL), ERR_SCHEMA_NEWER);
	fixture_close(&f);
}
END_TEST

START_TEST(migrations_fresh_and_pending)
{
	char *dir = test_tmpdir(), *p = tmpfile_path(dir, "m.db");
	struct db *db, *db2 = NULL;
	int v, applied;

	ck_assert_int_eq(db_open(p, DB_OPEN_CREATE, &db), 0);
	ck_assert_int_eq(db_schema_version(db, &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(db_migrate_to(db, 1, &applied), 0);
	ck_assert_int_eq(applied, 1);
	ck_assert_int_eq(db_schema_version(db, &v), 0);
	ck_assert_int_eq(v, 1);
	if (db_migrate_latest() > 1) {
		/* An older schema is refused until migrated. */
		ck_assert_int_eq(db_open(p, 0, &db2), ERR_SCHEMA_OLDER);
		ck_assert_int_eq(db_open(p, DB_OPEN_ANY_SCHEMA, &db2), 0);
		db_close(db2);
	}
	ck_assert_int_eq(db_migrate_apply(db, &applied), 0);
	ck_assert_int_eq(applied, db_migrations_count - 1);
	ck_assert_int_eq(db_migrate_apply(db, &applied), 0);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(db_schema_version(db, &v), 0);
	ck_assert_int_eq(v, db_migrate_latest());
	db_close(db);
	ck_assert_int_eq(db_open(p, 0, &db), 0);
	db_close(db);
	test_rmtree(dir);
	free(p);
	free(dir);
}
END_TEST

START_TEST(migrations_are_numbered_in_order)
{
	int i;

	ck_assert_int_gt(db_migrations_count, 0);
	ck_assert_int_eq(db_migrations[0].version, 1);
	for (i = 1; i < db_migrations_count; i++)
		ck_assert_int_gt(db_migrations[i].version,
		    db_migrations[i - 1].version);
}
END_TEST

static int
tx_insert(struct db *db, void *arg)
{
	int *fail = arg;

	ck_assert_int_eq(db_exec(db, "INSERT INTO settings VALUES "
	    "('test.x', '1')"), 0);
	return *fail ? ERR_INVALID : 0;
}

static int64_t
count_test_rows(struct db *db)
{
	struct db_stmt *st;
	int64_t n;

	ck_assert_int_eq(db_stmt(db, "SELECT count(*) FROM settings WHERE "
	    "key = 'test.x'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	n = db_col_int(st, 0);
	db_done(st);
	return n;
}

START_TEST(write_rolls_back_on_error)
{
	struct fixture f;
	int fail = 1;

	fixture_open(&f, 0);
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), ERR_INVALID);
	ck_assert_int_eq(count_test_rows(f.db), 0);
	ck_assert_int_eq(db_in_tx(f.db), 0);
	fail = 0;
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	ck_assert_int_eq(count_test_rows(f.db), 1);
	fixture_close(&f);
}
END_TEST

static int
tx_outer(struct db *db, void *arg)
{
	int fail = 0, r;

	ck_assert_int_eq(db_in_tx(db), 1);
	r = db_write(db, tx_insert, &fail);	/* nested: same tx */
	ck_assert_int_eq(r, 0);
	(void)arg;
	return ERR_STATE;			/* roll the whole back */
}

START_TEST(nested_write_is_one_transaction)
{
	struct fixture f;

	fixture_open(&f, 0);
	ck_assert_int_eq(db_write(f.db, tx_outer, NULL), ERR_STATE);
	ck_assert_int_eq(count_test_rows(f.db), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(unique_violation_is_exists)
{
	struct fixture f;
	int fail = 0;

	fixture_open(&f, 0);
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	ck_assert_int_eq(db_exec(f.db, "INSERT INTO settings VALUES "
	    "('test.x', '2')"), ERR_EXISTS);
	fixture_close(&f);
}
END_TEST

static int
tx_bump(struct db *db, void *arg)
{
	(void)arg;
	return db_exec(db, "UPDATE settings SET value = value + 1 WHERE "
	    "key = 'test.n'");
}

#define WRITERS		8
#define PER_WRITER	150

/* Eight processes write at once: all succeed, none waits seconds. */
START_TEST(eight_writers_fair_and_complete)
{
	struct fixture f;
	struct db *db;
	struct db_stmt *st;
	int64_t maxwait[WRITERS], worst = 0;
	pid_t pids[WRITERS];
	int fds[2], i, k, status;

	fixture_open(&f, 1);
	ck_assert_int_eq(db_exec(f.db, "INSERT INTO settings VALUES "
	    "('test.n', 0)"), 0);
	ck_assert_int_eq(pipe(fds), 0);
	for (i = 0; i < WRITERS; i++) {
		if ((pids[i] = fork()) == 0) {
			int64_t w;
			int bad = 0;

			close(fds[0]);
			if (db_open(f.db_path, 0, &db) != 0)
				_exit(2);
			for (k = 0; k < PER_WRITER; k++)
				if (db_write(db, tx_bump, NULL) != 0)
					bad++;
			w = bad ? -1 : db_max_wait_us(db);
			db_close(db);
			if (write(fds[1], &w, sizeof w) != sizeof w)
				_exit(3);
			_exit(bad ? 1 : 0);
		}
	}
	close(fds[1]);
	for (i = 0; i < WRITERS; i++) {
		ck_assert_int_eq(read(fds[0], &maxwait[i], sizeof maxwait[i]),
		    sizeof maxwait[i]);
		ck_assert_int_ge(maxwait[i], 0);
		if (maxwait[i] > worst)
			worst = maxwait[i];
	}
	close(fds[0]);
	for (i = 0; i < WRITERS; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_int_eq(db_stmt(f.db, "SELECT value FROM settings WHERE "
	    "key = 'test.n'", &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_int_eq(db_col_int(st, 0), WRITERS * PER_WRITER);
	db_done(st);
	/* Generous: it fails on starvation, not on a slow machine. */
	ck_assert_int_lt(worst, 2000000);
	fixture_close(&f);
}
END_TEST

static int
tx_big(struct db *db, void *arg)
{
	(void)arg;
	/* About 1,100 pages: past the WAL size that asks a checkpoint. */
	return db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < 1100) INSERT INTO settings "
	    "SELECT 'big.' || i, hex(randomblob(1800)) FROM n");
}

/* Commits, rollbacks and end-of-turn checkpoints are counted. */
START_TEST(write_stats_count_commits_and_checkpoints)
{
	struct db_write_stats ws, w2;
	struct fixture f;
	struct db_stmt *st;
	int fail, logged, done;

	fixture_open(&f, 1);
	db_write_stats(f.db, &ws);
	ck_assert_int_ge(ws.commits, 1);	/* the fixture's setup */
	ck_assert_int_eq(ws.rollbacks, 0);
	ck_assert_int_eq(ws.checkpoints, 0);
	fail = 1;
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), ERR_INVALID);
	fail = 0;
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	db_write_stats(f.db, &w2);
	ck_assert_int_eq(w2.commits, ws.commits + 1);
	ck_assert_int_eq(w2.rollbacks, 1);
	ck_assert_int_eq(w2.checkpoints, 0);
	ck_assert_int_eq(db_write(f.db, tx_big, NULL), 0);
	db_write_stats(f.db, &ws);
	ck_assert_int_eq(ws.checkpoints, 1);
	ck_assert_int_ge(ws.checkpoint_frames, 1000);
	/* Nothing was left behind in the WAL: it will start over. */
	ck_assert_int_eq(db_stmt(f.db, "PRAGMA wal_checkpoint(PASSIVE)",
	    &st), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	logged = (int)db_col_int(st, 1);
	done = (int)db_col_int(st, 2);
	db_done(st);
	ck_assert_int_eq(logged, done);
	ck_assert_int_eq(db_write(f.db, tx_bump, NULL), 0);
	db_write_stats(f.db, &ws);
	ck_assert_int_eq(ws.checkpoints, 1);	/* not once per commit */
	fixture_close(&f);
}
END_TEST

/*
 * The statement cache: the same SQL text gives the same statement,
 * reset with its bindings cleared; more texts than the cache holds
 * still work (the oldest is prepared again); after a restore the
 * transaction statements and the cache are prepared afresh.
 */
START_TEST(statement_cache_reuses_and_evicts)
{
	static const char sql[] = "SELECT ?1 IS NULL, ?1";
	struct db_stmt *a, *b;
	struct fixture f;
	char *texts[300], *bak;
	int fail = 0, i;

	fixture_open(&f, 1);
	ck_assert_int_eq(db_stmt(f.db, sql, &a), 0);
	db_bind_int(a, 1, 7);
	ck_assert_int_eq(db_step(a), DB_ROW);
	ck_assert_int_eq(db_col_int(a, 1), 7);
	db_done(a);
	ck_assert_int_eq(db_stmt(f.db, sql, &b), 0);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(db_step(b), DB_ROW);
	ck_assert_int_eq(db_col_int(b, 0), 1);	/* the binding was cleared */
	db_done(b);
	for (i = 0; i < 300; i++) {
		xasprintf(&texts[i], "SELECT %d", i);
		ck_assert_int_eq(db_stmt(f.db, texts[i], &a), 0);
		ck_assert_int_eq(db_step(a), DB_ROW);
		ck_assert_int_eq(db_col_int(a, 0), i);
		db_done(a);
	}
	ck_assert_int_eq(db_stmt(f.db, texts[0], &a), 0);
	ck_assert_int_eq(db_step(a), DB_ROW);
	ck_assert_int_eq(db_col_int(a, 0), 0);
	db_done(a);
	bak = tmpfile_path(f.dir, "cache.db");
	ck_assert_int_eq(db_backup(f.db, bak), 0);
	ck_assert_int_eq(db_restore(f.db, bak), 0);
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	ck_assert_int_eq(count_test_rows(f.db), 1);
	for (i = 0; i < 300; i++)
		free(texts[i]);
	free(bak);
	fixture_close(&f);
}
END_TEST

START_TEST(backup_restore_round_trip)
{
	struct fixture f;
	struct audit_head h1, h2;
	char *bak;
	int fail = 0;

	fixture_open(&f, 1);
	bak = tmpfile_path(f.dir, "backup.db");
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	ck_assert_int_eq(audit_head(f.db, &h1), 0);
	ck_assert_int_eq(db_backup(f.db, bak), 0);
	ck_assert_int_eq(db_backup(f.db, bak), ERR_EXISTS);
	ck_assert_int_eq(db_check_file(bak), 0);
	ck_assert_int_eq(db_exec(f.db, "DELETE FROM settings WHERE "
	    "key = 'test.x'"), 0);
	ck_assert_int_eq(count_test_rows(f.db), 0);
	ck_assert_int_eq(db_restore(f.db, bak), 0);
	ck_assert_int_eq(count_test_rows(f.db), 1);
	ck_assert_int_eq(audit_head(f.db, &h2), 0);
	ck_assert_int_eq(h1.count, h2.count);
	ck_assert_str_eq(h1.hash, h2.hash);
	free(bak);
	fixture_close(&f);
}
END_TEST

START_TEST(check_file_refuses_corruption)
{
	struct fixture f;
	char *bak, *cmd;
	FILE *fp;
	long size;
	int i;

	fixture_open(&f, 1);
	bak = tmpfile_path(f.dir, "backup.db");
	/* Enough rows that the table spans pages we can damage. */
	for (i = 0; i < 200; i++) {
		xasprintf(&cmd, "INSERT INTO settings VALUES ('pad.%d', "
		    "'%0200d')", i, i);
		ck_assert_int_eq(db_exec(f.db, cmd), 0);
		free(cmd);
	}
	ck_assert_int_eq(db_backup(f.db, bak), 0);
	fp = fopen(bak, "r+");
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	for (i = 2; i < size / 4096; i++) {
		fseek(fp, (long)i * 4096 + 100, SEEK_SET);
		fputs("garbage garbage garbage garbage garbage", fp);
	}
	fclose(fp);
	ck_assert_int_ne(db_check_file(bak), 0);
	free(bak);
	fixture_close(&f);
}
END_TEST

START_TEST(data_version_changes_on_other_commit)
{
	struct fixture f;
	struct db *other;
	int64_t v1, v2;
	int fail = 0;

	fixture_open(&f, 1);
	ck_assert_int_eq(db_open(f.db_path, 0, &other), 0);
	ck_assert_int_eq(db_data_version(other, &v1), 0);
	ck_assert_int_eq(db_write(f.db, tx_insert, &fail), 0);
	ck_assert_int_eq(db_data_version(other, &v2), 0);
	ck_assert_int_ne(v1, v2);
	db_close(other);
	fixture_close(&f);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, open_missing_is_notfound);
	tcase_add_test(tc, open_refuses_non_sqlite_file);
	tcase_add_test(tc, open_refuses_other_sqlite_database);
	tcase_add_test(tc, open_refuses_newer_schema);
	tcase_add_test(tc, migrations_fresh_and_pending);
	tcase_add_test(tc, migrations_are_numbered_in_order);
	tcase_add_test(tc, write_rolls_back_on_error);
	tcase_add_test(tc, nested_write_is_one_transaction);
	tcase_add_test(tc, unique_violation_is_exists);
	tcase_add_test(tc, eight_writers_fair_and_complete);
	tcase_add_test(tc, write_stats_count_commits_and_checkpoints);
	tcase_add_test(tc, statement_cache_reuses_and_evicts);
	tcase_add_test(tc, backup_restore_round_trip);
	tcase_add_test(tc, check_file_refuses_corruption);
	tcase_add_test(tc, data_version_changes_on_other_commit);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(db_suite)

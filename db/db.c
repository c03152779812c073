/*
 * db.c -- opening the SQLite database, statements and the fair
 * write-transaction helper.
 */
#include "db/db.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/migrate.h"
#include "db/queue.h"

#define DB_CACHE_MAX	256
#define DB_BUSY_MS	15000
#define DB_CHECKPOINT_PAGES	1000	/* as SQLite's default */
#define DB_TX__COUNT	4

struct db_cached {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct db {
	sqlite3			*h;
	char			*path;
	char			*lock_path;
	struct db_queue		*queue;
	int			 wal_pages;	/* WAL size after the last commit */
	int			 tx_depth;
	struct db_write_stats	 stats;
	struct db_cached	 cache[DB_CACHE_MAX];
	int			 ncache;
	sqlite3_stmt		*txst[DB_TX__COUNT];	/* BEGIN, COMMIT... */
};

#define ST(s)	((sqlite3_stmt *)(void *)(s))

/* The transaction statements, prepared once per connection. */
enum {
	DB_TX_BEGIN_IMMEDIATE,
	DB_TX_BEGIN,
	DB_TX_COMMIT,
	DB_TX_ROLLBACK
};

static const char *const db_tx_sql[DB_TX__COUNT] = {
	"BEGIN IMMEDIATE", "BEGIN", "COMMIT", "ROLLBACK"
};

/* Map an SQLite result code to ours. */
static int
db_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_BUSY;
	case SQLITE_NOMEM:
		return ERR_NOMEM;
	case SQLITE_NOTADB:
		return ERR_NOTCAFE;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return ERR_EXISTS;
		return ERR_INVALID;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_FULL:
	case SQLITE_READONLY:
		return ERR_IO;
	default:
		return ERR_DB;
	}
}

static int	db_wal_hook(void *, sqlite3 *, const char *, int);

/* One integer from a one-row query without parameters. */
static int
db_int_query(struct db *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL)) != SQLITE_OK)
		return db_rc(rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return db_rc(rc);
}

/* Decide whether the open file is a cafed database we may use. */
static int
db_check_identity(struct db *db, int flags)
{
	int64_t appid, version, tables;
	int r;

	if ((r = db_int_query(db, "PRAGMA application_id", &appid)) != 0)
		return r == ERR_NOTCAFE || r == ERR_DB ? ERR_NOTCAFE : r;
	if ((r = db_int_query(db, "PRAGMA user_version", &version)) != 0)
		return r;
	if ((r = db_int_query(db, "SELECT count(*) FROM sqlite_schema",
	    &tables)) != 0)
		return r;
	if (appid == 0 && version == 0 && tables == 0)
		return (flags & DB_OPEN_CREATE) ? 0 : ERR_NOTCAFE;
	if (appid != DB_APPLICATION_ID)
		return ERR_NOTCAFE;
	if (version > db_migrate_latest())
		return ERR_SCHEMA_NEWER;
	if (version < db_migrate_latest() &&
	    !(flags & (DB_OPEN_ANY_SCHEMA | DB_OPEN_CREATE)))
		return ERR_SCHEMA_OLDER;
	return 0;
}

/*
 * Once per process, before the engine starts: no up-front block for
 * the page cache (SQLite's default is 20 pages, about 87 KiB, at a
 * connection's first read); pages are allocated as they are used.
 */
static void
db_configure(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
}

int
db_open(const char *path, int flags, struct db **out)
{
	struct db *db;
	struct stat sb;
	int oflags, r, memory = strcmp(path, ":memory:") == 0;

	if (!memory && !(flags & DB_OPEN_CREATE) && stat(path, &sb) != 0)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	db_configure();
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	oflags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		r = ERR_IO;
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	if ((r = db_check_identity(db, flags)) != 0)
		goto fail;
	if (!memory && !(flags & DB_OPEN_READONLY) &&
	    (r = db_exec(db, "PRAGMA journal_mode=WAL")) != 0)
		goto fail;
	if ((r = db_exec(db, (flags & DB_OPEN_NORMAL_SYNC) ?
	    "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL")) != 0 ||
	    (r = db_exec(db, "PRAGMA foreign_keys=ON")) != 0)
		goto fail;
	if (!memory) {
		xasprintf(&db->lock_path, "%s-writer", path);
		/* Checkpoints run after the writer's turn, not inside it. */
		sqlite3_wal_autocheckpoint(db->h, 0);
		sqlite3_wal_hook(db->h, db_wal_hook, db);
	}
	*out = db;
	return 0;
fail:
	db_close(db);
	return r;
}

void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	for (i = 0; i < DB_TX__COUNT; i++)
		sqlite3_finalize(db->txst[i]);
	sqlite3_close(db->h);
	db_queue_close(db->queue);
	free(db->lock_path);
	free(db->path);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

const char *
db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

int
db_stmt(struct db *db, const char *sql, struct db_stmt **out)
{
	sqlite3_stmt *st;
	int i, rc;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			*out = (struct db_stmt *)(void *)db->cache[i].stmt;
			return 0;
		}
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL);
	if (rc != SQLITE_OK)
		return db_rc(rc);
	if (db->ncache == DB_CACHE_MAX) {
		/*
		 * Evict the oldest statement not being stepped (a caller
		 * may still be reading rows of one while it prepares
		 * another).
		 */
		for (i = 0; i < db->ncache - 1 &&
		    sqlite3_stmt_busy(db->cache[i].stmt); i++)
			;
		sqlite3_finalize(db->cache[i].stmt);
		memmove(&db->cache[i], &db->cache[i + 1],
		    (size_t)(DB_CACHE_MAX - 1 - i) * sizeof db->cache[0]);
		db->ncache--;
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	*out = (struct db_stmt *)(void *)st;
	return 0;
}

void
db_done(struct db_stmt *s)
{
	if (s == NULL)
		return;
	sqlite3_reset(ST(s));
	sqlite3_clear_bindings(ST(s));
}

void
db_bind_int(struct db_stmt *s, int idx, int64_t v)
{
	sqlite3_bind_int64(ST(s), idx, v);
}

void
db_bind_text(struct db_stmt *s, int idx, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(ST(s), idx);
	else
		sqlite3_bind_text(ST(s), idx, v, -1, SQLITE_TRANSIENT);
}

void
db_bind_blob(struct db_stmt *s, int idx, const void *v, size_t len)
{
	if (v == NULL)
		sqlite3_bind_null(ST(s), idx);
	else
		sqlite3_bind_blob(ST(s), idx, v, (int)len, SQLITE_TRANSIENT);
}

void
db_bind_null(struct db_stmt *s, int idx)
{
	sqlite3_bind_null(ST(s), idx);
}

int
db_step(struct db_stmt *s)
{
	int rc = sqlite3_step(ST(s));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return db_rc(sqlite3_extended_errcode(sqlite3_db_handle(ST(s))));
}

int64_t
db_col_int(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(ST(s), col);
}

const char *
db_col_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(ST(s), col);

	return t != NULL ? (const char *)t : "";
}

const void *
db_col_blob(struct db_stmt *s, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(ST(s), col);

	*len = (size_t)sqlite3_column_bytes(ST(s), col);
	return p;
}

int
db_col_is_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(ST(s), col) == SQLITE_NULL;
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

int
db_exec(struct db *db, const char *sql)
{
	return db_rc(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

/* Take the writers' queue (see db/queue.h); bounded by DB_BUSY_MS. */
static int
db_turn_enter(struct db *db)
{
	int64_t us;
	int r;

	if (db->lock_path == NULL)
		return 0;
	if (db->queue == NULL &&
	    (r = db_queue_open(db->lock_path, &db->queue)) != 0)
		return r;
	if ((r = db_queue_enter(db->queue, DB_BUSY_MS, &us)) != 0)
		return r;
	if (us > 0) {
		db->stats.waits++;
		db->stats.wait_us += us;
	}
	if (us > db->stats.max_wait_us)
		db->stats.max_wait_us = us;
	return 0;
}

static void
db_turn_leave(struct db *db)
{
	if (db->queue != NULL)
		db_queue_leave(db->queue);
}

/* Remember the WAL's size after each commit (sqlite3_wal_hook). */
static int
db_wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	(void)h;
	(void)name;
	((struct db *)arg)->wal_pages = pages;
	return SQLITE_OK;
}

/*
 * Checkpoint at the end of a writer's turn, once the WAL has grown past
 * DB_CHECKPOINT_PAGES, instead of SQLite's auto-checkpoint inside a
 * COMMIT. Still holding the queue, no other writer appends meanwhile,
 * so the passive checkpoint copies every frame and the next writer
 * starts the WAL over from its beginning (overwriting the file, which
 * syncs faster than growing it). Run outside the queue, a checkpoint
 * never caught up with the writers: the WAL grew without end and every
 * later commit ran another checkpoint.
 */
static void
db_checkpoint_maybe(struct db *db)
{
	int64_t t0;
	int logged = 0, done = 0;

	if (db->wal_pages < DB_CHECKPOINT_PAGES)
		return;
	t0 = clock_mono_us();
	sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    &logged, &done);
	db->wal_pages = 0;
	db->stats.checkpoints++;
	db->stats.checkpoint_frames += done > 0 ? done : 0;
	db->stats.checkpoint_us += clock_mono_us() - t0;
}

/*
 * Run one of the transaction statements, prepared at its first use and
 * kept apart from the statement cache, so starting or ending a
 * transaction never evicts a statement a caller holds.
 */
static int
db_tx_stmt(struct db *db, int which)
{
	int rc;

	if (db->txst[which] == NULL && (rc = sqlite3_prepare_v3(db->h,
	    db_tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
	    &db->txst[which], NULL)) != SQLITE_OK)
		return db_rc(rc);
	rc = sqlite3_step(db->txst[which]);
	sqlite3_reset(db->txst[which]);
	return rc == SQLITE_DONE ? 0 : db_rc(rc);
}

int
db_write(struct db *db, db_tx_fn fn, void *arg)
{
	int64_t t0;
	int r;

	if (db->tx_depth > 0) {
		db->tx_depth++;
		r = fn(db, arg);
		db->tx_depth--;
		return r;
	}
	if ((r = db_turn_enter(db)) != 0)
		return r;
	t0 = clock_mono_us();
	if ((r = db_tx_stmt(db, DB_TX_BEGIN_IMMEDIATE)) != 0) {
		db_turn_leave(db);
		return r;
	}
	db->tx_depth = 1;
	r = fn(db, arg);
	db->tx_depth = 0;
	if (r == 0)
		r = db_tx_stmt(db, DB_TX_COMMIT);
	if (r != 0 && sqlite3_get_autocommit(db->h) == 0)
		db_tx_stmt(db, DB_TX_ROLLBACK);
	if (r == 0) {
		db->stats.commits++;
		db_checkpoint_maybe(db);
	} else
		db->stats.rollbacks++;
	db->stats.hold_us += clock_mono_us() - t0;
	db_turn_leave(db);
	return r;
}

int
db_read(struct db *db, db_tx_fn fn, void *arg)
{
	int r, rc;

	if (db->tx_depth > 0)
		return fn(db, arg);
	if ((rc = db_tx_stmt(db, DB_TX_BEGIN)) != 0)
		return rc;
	db->tx_depth = 1;
	r = fn(db, arg);
	db->tx_depth = 0;
	if (sqlite3_get_autocommit(db->h) == 0)
		db_tx_stmt(db, r == 0 ? DB_TX_COMMIT : DB_TX_ROLLBACK);
	return r;
}

int
db_in_tx(const struct db *db)
{
	return db->tx_depth > 0;
}

int64_t
db_max_wait_us(const struct db *db)
{
	return db->stats.max_wait_us;
}

void
db_write_stats(const struct db *db, struct db_write_stats *out)
{
	*out = db->stats;
}

int
db_data_version(struct db *db, int64_t *out)
{
	struct db_stmt *st;
	int r;

	/* Polled a few times a second: a cached statement, not a parse. */
	if ((r = db_stmt(db, "PRAGMA data_version", &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW) {
		*out = db_col_int(st, 0);
		r = 0;
	} else if (r == DB_DONE)
		r = ERR_DB;
	db_done(st);
	return r;
}

int64_t
db_total_changes(struct db *db)
{
	return sqlite3_total_changes64(db->h);
}

void
db_release_memory(struct db *db)
{
	sqlite3_db_release_memory(db->h);
}

int
db_schema_version(struct db *db, int *out)
{
	int64_t v;
	int r;

	if ((r = db_int_query(db, "PRAGMA user_version", &v)) != 0)
		return r;
	*out = (int)v;
	return 0;
}

/* Copy all pages from src to dst with the backup API, in one step. */
static int
db_copy(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b;
	int rc;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL)
		return db_rc(sqlite3_extended_errcode(dst));
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(10);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? 0 : db_rc(rc);
}

int
db_backup(struct db *db, const char *path)
{
	sqlite3 *dst = NULL;
	char *tmp;
	int fd, r;

	xasprintf(&tmp, "%s.tmp-XXXXXX", path);
	if (access(path, F_OK) == 0) {
		r = ERR_EXISTS;
		goto out;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		r = ERR_IO;
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		r = ERR_IO;
		goto out;
	}
	if ((r = db_copy(dst, db->h)) != 0)
		goto out;
	/* A single file, no WAL beside it. */
	if ((r = db_rc(sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL,
	    NULL, NULL))) != 0)
		goto out;
	sqlite3_close(dst);
	dst = NULL;
	if (link(tmp, path) != 0) {
		r = errno == EEXIST ? ERR_EXISTS : ERR_IO;
		goto out;
	}
out:
	sqlite3_close(dst);
	unlink(tmp);
	free(tmp);
	return r;
}

int
db_restore(struct db *db, const char *path)
{
	sqlite3 *src = NULL;
	int i, r;

	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(src);
		return ERR_IO;
	}
	if ((r = db_turn_enter(db)) == 0) {
		r = db_copy(db->h, src);
		db_turn_leave(db);
	}
	sqlite3_close(src);
	/* Cached statements may describe the old schema. */
	while (db->ncache > 0)
		sqlite3_finalize(db->cache[--db->ncache].stmt);
	for (i = 0; i < DB_TX__COUNT; i++) {
		sqlite3_finalize(db->txst[i]);
		db->txst[i] = NULL;
	}
	return r;
}

int
db_check_file(const char *path)
{
	struct db *db;
	struct db_stmt *st;
	int r;

	if ((r = db_open(path, DB_OPEN_READONLY | DB_OPEN_ANY_SCHEMA,
	    &db)) != 0)
		return r;
	if ((r = db_stmt(db, "PRAGMA integrity_check", &st)) == 0) {
		r = db_step(st);
		if (r == DB_ROW)
			r = strcmp(db_col_text(st, 0), "ok") == 0 ? 0 :
			    ERR_INTEGRITY;
		else if (r == DB_DONE)
			r = ERR_INTEGRITY;
		else if (r == ERR_DB)
			r = ERR_INTEGRITY;
		db_done(st);
	}
	db_close(db);
	return r;
}

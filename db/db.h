/*
 * db.h -- the database: opening, statements, transactions, backup.
 *
 * db/ is the only layer that knows the engine underneath (SQLite in WAL
 * mode). model/ writes plain SQL with positional parameters and runs it
 * through these helpers; it never calls the engine itself.
 */
#ifndef CAFED_DB_H
#define CAFED_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

/* The magic number in the file header that marks a cafed database. */
#define DB_APPLICATION_ID	0x43414645	/* "CAFE" */

enum {
	DB_OPEN_CREATE = 0x01,	/* create the file if missing (init) */
	DB_OPEN_ANY_SCHEMA = 0x02, /* accept an older schema (migrate) */
	DB_OPEN_NORMAL_SYNC = 0x04, /* synchronous=NORMAL instead of FULL */
	DB_OPEN_READONLY = 0x08
};

/* db_step() results besides the negative error codes. */
enum {
	DB_DONE = 0,
	DB_ROW = 1
};

/*
 * Open the cafed database at path (":memory:" for tests): WAL,
 * synchronous=FULL, foreign_keys=ON, a busy timeout. Refuses a file that
 * is not a cafed database (ERR_NOTCAFE), a missing one without
 * DB_OPEN_CREATE (ERR_NOTFOUND), a schema newer than this binary knows
 * (ERR_SCHEMA_NEWER) and, without DB_OPEN_ANY_SCHEMA, an older one
 * (ERR_SCHEMA_OLDER). On success *out is set; free with db_close().
 */
int		 db_open(const char *path, int flags, struct db **out);

/* Close, finalizing every cached statement; NULL is a no-op. */
void		 db_close(struct db *);

/* The path the database was opened with. */
const char	*db_path(const struct db *);

/* The engine's last error message, for logs. */
const char	*db_errmsg(struct db *);

/*
 * A prepared statement for sql, cached per connection (sql must be a
 * string literal or otherwise outlive the connection). Call db_done()
 * when finished with it. Returns 0 or ERR_DB.
 */
int		 db_stmt(struct db *, const char *sql, struct db_stmt **out);

/* Reset a statement from db_stmt() and clear its bindings. */
void		 db_done(struct db_stmt *);

/* Bind parameter idx (1-based). A NULL text or blob binds NULL. */
void		 db_bind_int(struct db_stmt *, int idx, int64_t);
void		 db_bind_text(struct db_stmt *, int idx, const char *);
void		 db_bind_blob(struct db_stmt *, int idx, const void *, size_t);
void		 db_bind_null(struct db_stmt *, int idx);

/* Step: DB_ROW, DB_DONE, or a negative code (ERR_EXISTS on UNIQUE). */
int		 db_step(struct db_stmt *);

/* Columns of the current row (0-based). Text is never NULL (""). */
int64_t		 db_col_int(struct db_stmt *, int col);
const char	*db_col_text(struct db_stmt *, int col);
const void	*db_col_blob(struct db_stmt *, int col, size_t *len);
int		 db_col_is_null(struct db_stmt *, int col);

/* Rowid of the last insert, rows changed by the last statement. */
int64_t		 db_last_id(struct db *);
int		 db_changes(struct db *);

/* Run statements without parameters. Returns 0 or ERR_DB. */
int		 db_exec(struct db *, const char *sql);

/*
 * Run fn(db, arg) inside one write transaction: a first-come-first-served
 * queue (an exclusive lock on a file beside the database) orders the
 * writers, then BEGIN IMMEDIATE; COMMIT if fn returns 0, else ROLLBACK.
 * Returns fn's result, or ERR_BUSY/ERR_DB if the transaction failed.
 * Called while a transaction is open, it simply runs fn inside it, so
 * model calls compose.
 */
typedef int	(*db_tx_fn)(struct db *, void *arg);
int		 db_write(struct db *, db_tx_fn, void *arg);

/* Run fn inside one read transaction (a consistent snapshot). */
int		 db_read(struct db *, db_tx_fn, void *arg);

/* 1 while a transaction is open on this connection. */
int		 db_in_tx(const struct db *);

/* Wait statistics of db_write(): the longest wait for the queue, in us. */
int64_t		 db_max_wait_us(const struct db *);

/* What this connection's db_write() calls did since it was opened. */
struct db_write_stats {
	int64_t	commits;	/* write transactions committed */
	int64_t	rollbacks;	/* ... rolled back (fn or COMMIT failed) */
	int64_t	waits;		/* turns that waited for the queue */
	int64_t	wait_us;	/* total time waiting for the queue */
	int64_t	max_wait_us;	/* the longest single wait */
	int64_t	hold_us;	/* total time holding the queue (a turn) */
	int64_t	checkpoints;	/* WAL checkpoints run at a turn's end */
	int64_t	checkpoint_us;	/* time spent in them */
	int64_t	checkpoint_frames; /* WAL frames they copied */
};

/* Copy the statistics into *out. */
void		 db_write_stats(const struct db *, struct db_write_stats *out);

/* PRAGMA data_version: changes when another connection commits. */
int		 db_data_version(struct db *, int64_t *out);

/*
 * Rows this connection has inserted, updated or deleted since it was
 * opened: with db_data_version(), tells whether anything changed.
 */
int64_t		 db_total_changes(struct db *);

/*
 * Give back the memory the connection can do without (its page cache;
 * pages are read again as needed). Not inside a transaction.
 */
void		 db_release_memory(struct db *);

/* The schema version recorded in the file. */
int		 db_schema_version(struct db *, int *out);

/*
 * Copy the database consistently, while others write, into a new file
 * at path (refuses an existing path with ERR_EXISTS). Mode 0600.
 */
int		 db_backup(struct db *, const char *path);

/*
 * Replace the contents of the open database with those of the file at
 * path (which the caller has verified), as one consistent step.
 */
int		 db_restore(struct db *, const char *path);

/*
 * Run PRAGMA integrity_check and check the file is a cafed database.
 * Returns 0, ERR_INTEGRITY, ERR_NOTCAFE or ERR_IO.
 */
int		 db_check_file(const char *path);

#endif

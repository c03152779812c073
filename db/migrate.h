/*
 * migrate.h -- numbered schema migrations compiled into the binary.
 *
 * db/sql/NNNN_name.sql is migration NNNN; tools/embed.sh turns them into
 * the table below. Each is applied in its own transaction and recorded
 * in PRAGMA user_version.
 */
#ifndef CAFED_MIGRATE_H
#define CAFED_MIGRATE_H

struct db;

struct db_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

extern const struct db_migration	db_migrations[];
extern const int			db_migrations_count;

/* The schema version this binary writes. */
int	db_migrate_latest(void);

/*
 * Apply the pending migrations in order, each in its own transaction.
 * *applied (may be NULL) gets how many ran. Returns 0, ERR_SCHEMA_NEWER
 * or ERR_DB (the failing migration rolled back, earlier ones kept).
 */
int	db_migrate_apply(struct db *, int *applied);

/* Apply migrations up to version `to` only (tests). */
int	db_migrate_to(struct db *, int to, int *applied);

#endif

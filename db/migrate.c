/*
 * migrate.c -- apply the numbered migrations, each in its own
 * transaction, recording the version in PRAGMA user_version.
 */
#include "db/migrate.h"

#include <stdio.h>

#include "common/err.h"
#include "db/db.h"

int
db_migrate_latest(void)
{
	int i, v = 0;

	for (i = 0; i < db_migrations_count; i++)
		if (db_migrations[i].version > v)
			v = db_migrations[i].version;
	return v;
}

struct mig_arg {
	const struct db_migration	*m;
};

static int
migrate_one(struct db *db, void *arg)
{
	const struct db_migration *m = ((struct mig_arg *)arg)->m;
	char pragma[64];
	int r;

	if ((r = db_exec(db, m->sql)) != 0)
		return r;
	if (m->version == 1) {
		snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d",
		    DB_APPLICATION_ID);
		if ((r = db_exec(db, pragma)) != 0)
			return r;
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d",
	    m->version);
	return db_exec(db, pragma);
}

int
db_migrate_to(struct db *db, int to, int *applied)
{
	struct mig_arg a;
	int i, r, cur, n = 0;

	if (applied != NULL)
		*applied = 0;
	if ((r = db_schema_version(db, &cur)) != 0)
		return r;
	if (cur > db_migrate_latest())
		return ERR_SCHEMA_NEWER;
	for (i = 0; i < db_migrations_count; i++) {
		if (db_migrations[i].version <= cur ||
		    db_migrations[i].version > to)
			continue;
		a.m = &db_migrations[i];
		if ((r = db_write(db, migrate_one, &a)) != 0)
			return r;
		n++;
		if (applied != NULL)
			*applied = n;
	}
	return 0;
}

int
db_migrate_apply(struct db *db, int *applied)
{
	return db_migrate_to(db, db_migrate_latest(), applied);
}

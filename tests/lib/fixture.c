/*
 * fixture.c -- test databases.
 */
#include "tests/lib/fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/keys.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/user.h"
#include "tests/lib/testlib.h"

static int
fixture_init_tx(struct db *db, void *arg)
{
	(void)db;
	return settings_init(arg, "Test Café", "EUR", "UTC");
}

void
fixture_open(struct fixture *f, int file)
{
	memset(f, 0, sizeof *f);
	if (file) {
		f->dir = test_tmpdir();
		xasprintf(&f->db_path, "%s/cafe.db", f->dir);
		xasprintf(&f->key_path, "%s/cafe.db.key", f->dir);
		ck_assert_int_eq(keys_create(f->key_path), 0);
		ck_assert_int_eq(keys_load(f->key_path, &f->keys), 0);
	} else {
		unsigned char raw[KEYS_LEN];
		int i;

		for (i = 0; i < KEYS_LEN; i++)
			raw[i] = (unsigned char)(i * 7 + 1);
		f->db_path = xstrdup(":memory:");
		f->keys = keys_from_bytes(raw);
	}
	ck_assert_int_eq(db_open(f->db_path, DB_OPEN_CREATE, &f->db), 0);
	ck_assert_int_eq(db_migrate_apply(f->db, NULL), 0);
	f->ctx.db = f->db;
	f->ctx.keys = f->keys;
	fixture_act(f, 0, "cli:test", ROLE_ADMIN);
	ck_assert_int_eq(db_write(f->db, fixture_init_tx, &f->ctx), 0);
}

void
fixture_close(struct fixture *f)
{
	db_close(f->db);
	keys_free(f->keys);
	if (f->dir != NULL)
		test_rmtree(f->dir);
	free(f->dir);
	free(f->db_path);
	free(f->key_path);
	memset(f, 0, sizeof *f);
}

void
fixture_act(struct fixture *f, int64_t id, const char *name, int role)
{
	f->ctx.actor.user_id = id;
	str_lcpy(f->ctx.actor.name, name, sizeof f->ctx.actor.name);
	f->ctx.actor.role = role;
	f->ctx.actor.login_id = 0;
	f->ctx.actor.source[0] = '\0';
}

int64_t
fixture_user(struct fixture *f, const char *name, int role)
{
	struct actor saved = f->ctx.actor;
	struct user_new nu;
	int64_t id = 0;

	memset(&nu, 0, sizeof nu);
	nu.name = name;
	nu.role = role;
	nu.password = FIXTURE_PASSWORD;
	fixture_act(f, 0, "cli:test", ROLE_ADMIN);
	ck_assert_int_eq(user_add(&f->ctx, &nu, &id, NULL), 0);
	f->ctx.actor = saved;
	return id;
}

int64_t
fixture_audit_count(struct fixture *f, const char *action)
{
	struct db_stmt *st;
	int64_t n = -1;

	ck_assert_int_eq(db_stmt(f->db, "SELECT count(*) FROM audit WHERE "
	    "action = ?", &st), 0);
	db_bind_text(st, 1, action);
	ck_assert_int_eq(db_step(st), DB_ROW);
	n = db_col_int(st, 0);
	db_done(st);
	return n;
}

/*
 * fixture.c -- test databases.
 */
#include "tests/lib/fixture.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/rows.h"
#include "model/customer.h"
#include "model/keys.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/settings.h"
#include "model/shift.h"
#include "model/station.h"
#include "model/stock.h"
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
fixture_as(struct fixture *f, const char *name, int role)
{
	int64_t id = fixture_user(f, name, role);

	fixture_act(f, id, name, role);
	return id;
}

int64_t
fixture_audit_count(struct fixture *f, const char *action)
{
	int64_t n = -1;

	ck_assert_int_eq(db_row_int(f->db, &n, "SELECT count(*) FROM audit "
	    "WHERE action = ?", "t", action), 0);
	return n;
}

int64_t
fixture_customer(struct fixture *f, const char *name)
{
	struct customer_new cn = { name, NULL, NULL, NULL };
	int64_t id = 0;

	ck_assert_int_eq(customer_add(&f->ctx, &cn, &id, NULL), 0);
	return id;
}

void
fixture_credit(struct fixture *f, int64_t id, int from, const char *op,
    int tag, int64_t amount)
{
	struct ledger_leg legs[2];
	struct ledger_post p;
	char key[33];

	legs[0] = (struct ledger_leg){ from, 0, amount };
	legs[1] = (struct ledger_leg){ LEDGER_WALLET, id, amount };
	memset(&p, 0, sizeof p);
	ledger_new_key(key);
	p.key = key;
	p.op = op;
	if (tag)
		p.customer_id = id;
	p.legs = legs;
	p.nlegs = 2;
	ck_assert_int_eq(ledger_post(&f->ctx, &p, NULL), 0);
}

int64_t
fixture_member(struct fixture *f, const char *name, int64_t credit)
{
	int64_t id = fixture_customer(f, name);

	if (credit != 0)
		fixture_credit(f, id, LEDGER_CARD, "wallet.topup", 0, credit);
	return id;
}

int64_t
fixture_shift(struct fixture *f, const char *cashier)
{
	int64_t uid = fixture_user(f, cashier, ROLE_CASHIER), id = 0;

	ck_assert_int_eq(shift_open(&f->ctx, uid, 0, NULL, &id), 0);
	return id;
}

int64_t
fixture_product(struct fixture *f, const char *sku, const char *name,
    int64_t price, int64_t stock, const char *cat, int bp)
{
	struct product_new pn = { sku, name, cat, price, 0, 0 };
	int64_t id = 0;

	if (cat != NULL)
		ck_assert_int_eq(product_category_set(&f->ctx, cat, bp, NULL),
		    0);
	ck_assert_int_eq(product_add(&f->ctx, &pn, &id, NULL), 0);
	if (stock > 0)
		ck_assert_int_eq(stock_receive(&f->ctx, id, stock, -1, NULL),
		    0);
	return id;
}

int64_t
fixture_balance(struct fixture *f, int kind, int64_t ref)
{
	int64_t v = -1;

	ck_assert_int_eq(ledger_balance(f->db, kind, ref, &v), 0);
	return v;
}

int64_t
fixture_count(struct fixture *f, const char *sql)
{
	int64_t n = -1;

	ck_assert_int_eq(db_row_int(f->db, &n, sql, NULL), 0);
	return n;
}

void
fixture_sql(struct fixture *f, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ck_assert_int_eq(db_exec(f->db, buf), 0);
}

void
fixture_floor(struct fixture *f, int64_t guest_price)
{
	struct zone_new std = { "Standard", 300, guest_price, 0 };
	struct zone_new vip = { "VIP", 600, -1, 0 };

	ck_assert_int_eq(station_zone_add(&f->ctx, &std, NULL, NULL), 0);
	ck_assert_int_eq(station_zone_add(&f->ctx, &vip, NULL, NULL), 0);
	ck_assert_int_eq(station_add(&f->ctx, "PC-01", "Standard", NULL, NULL,
	    NULL), 0);
	ck_assert_int_eq(station_add(&f->ctx, "PC-02", "Standard", NULL, NULL,
	    NULL), 0);
	ck_assert_int_eq(station_add(&f->ctx, "VIP-01", "VIP", NULL, NULL,
	    NULL), 0);
}

/*
 * seat_package.c -- prepaid time: package kinds ("3 hours for 10.00"),
 * selling them from a member's wallet, and extending a session by one.
 */
#include "model/seat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/seat_int.h"

#define PKG_COLS \
	"p.id, p.name, coalesce(p.zone_id, 0), coalesce(z.name, ''), " \
	"p.minutes, p.price, p.retired FROM packages p " \
	"LEFT JOIN zones z ON z.id = p.zone_id "

static void
pkg_row(struct db_stmt *st, void *out)
{
	struct seat_package *p = out;

	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	str_lcpy(p->name, db_col_text(st, 1), sizeof p->name);
	p->zone_id = db_col_int(st, 2);
	str_lcpy(p->zone, db_col_text(st, 3), sizeof p->zone);
	p->minutes = db_col_int(st, 4);
	p->price = db_col_int(st, 5);
	p->retired = (int)db_col_int(st, 6);
}

static int
pkg_find(struct db *db, const char *name, struct seat_package *p)
{
	char key[STATION_NAME_MAX + 1];

	if (name == NULL || strlen(name) > STATION_NAME_MAX)
		return ERR_NOTFOUND;
	str_lcpy(key, name, sizeof key);
	str_lower(key);
	return db_row_one(db, pkg_row, p, "SELECT " PKG_COLS
	    "WHERE p.name_key = ?", "t", key);
}

int
seat_package_list(struct db *db, struct seat_package **out, size_t *n)
{
	return db_row_list(db, sizeof **out, pkg_row, out, n, "SELECT "
	    PKG_COLS "WHERE p.retired = 0 ORDER BY p.name_key", NULL);
}

int
seat_package_minutes(struct db *db, int64_t customer_id, int64_t zone_id,
    int64_t *minutes)
{
	return db_row_int(db, minutes, "SELECT coalesce(sum(minutes_left), 0) "
	    "FROM package_purchases WHERE customer_id = ? AND (zone_id IS NULL "
	    "OR ? = 0 OR zone_id = ?)", "iii", customer_id, zone_id, zone_id);
}

struct pkg_arg {
	struct mctx	*ctx;
	const char	*name;
	const char	*zone;
	int64_t		 minutes, price;
	int64_t		 customer_id, session_id, session_zone;
	const char	*key;
	int64_t		 id;
};

static int
pkg_add_tx(struct db *db, void *argp)
{
	struct pkg_arg *a = argp;
	char key[STATION_NAME_MAX + 1], idb[24], pr[MONEY_BUFSZ];
	struct zone_info z;
	int r;

	memset(&z, 0, sizeof z);
	if (a->zone != NULL && (r = station_zone_find(db, a->zone, &z)) != 0)
		return r;
	str_lcpy(key, a->name, sizeof key);
	str_lower(key);
	if ((r = db_row_id(db, &a->id, "INSERT INTO packages (name, name_key, "
	    "zone_id, minutes, price, created_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "ttoiii", a->name, key, z.id, a->minutes, a->price,
	    clock_now())) != 0)
		return r;
	snprintf(idb, sizeof idb, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "package.add", "package", idb,
	    "name=%s zone=%s minutes=%lld price=%s", a->name,
	    z.id != 0 ? z.name : "*", (long long)a->minutes,
	    seat_amount(db, a->price, pr, sizeof pr));
}

int
seat_package_add(struct mctx *ctx, const char *name, const char *zone,
    int64_t minutes, int64_t price, int64_t *id, const char **why)
{
	struct pkg_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "package.add",
	    "package", name)) != 0)
		return r;
	if ((r = station_name_check(name, why)) != 0)
		return r;
	if (minutes < 1 || minutes > 100000 || price < 0 ||
	    price > MONEY_MAX) {
		*why = "1 to 100000 minutes, a price of zero or more";
		return ERR_INVALID;
	}
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	a.zone = zone;
	a.minutes = minutes;
	a.price = price;
	if ((r = db_write(ctx->db, pkg_add_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

static int
pkg_retire_tx(struct db *db, void *argp)
{
	struct pkg_arg *a = argp;
	struct seat_package p;
	char idb[24];
	int r;

	if ((r = pkg_find(db, a->name, &p)) != 0)
		return r;
	if (p.retired)
		return 0;
	if ((r = db_row_none(db, "UPDATE packages SET retired = 1 "
	    "WHERE id = ?", "i", p.id)) < 0)
		return r;
	snprintf(idb, sizeof idb, "%lld", (long long)p.id);
	return audit_appendf(a->ctx, "package.retire", "package", idb,
	    "name=%s", p.name);
}

int
seat_package_retire(struct mctx *ctx, const char *name)
{
	struct pkg_arg a;
	int r;

	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "package.retire",
	    "package", name)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	return db_write(ctx->db, pkg_retire_tx, &a);
}

/* Selling ------------------------------------------------------------ */

/*
 * A purchase under key already: the same sale gives its id back (*id),
 * another one ERR_CONFLICT; ERR_NOTFOUND when the key is new.
 */
static int
buy_replay(struct db *db, const struct pkg_arg *a, int64_t package_id,
    int64_t *id)
{
	int64_t v[3];
	int r;

	if ((r = db_row_ints(db, v, 3, "SELECT id, package_id, customer_id "
	    "FROM package_purchases WHERE idem_key = ?", "t", a->key)) != 0)
		return r;
	*id = v[0];
	return v[1] == package_id && v[2] == a->customer_id ? 0 :
	    ERR_CONFLICT;
}

static int
buy_insert(struct db *db, struct pkg_arg *a, const struct seat_package *p)
{
	return db_row_id(db, &a->id, "INSERT INTO package_purchases "
	    "(package_id, customer_id, zone_id, minutes, minutes_left, price, "
	    "session_id, bought_at, idem_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?)", "iioiiioit", p->id, a->customer_id, p->zone_id, p->minutes,
	    p->minutes, p->price, a->session_id, clock_now(), a->key);
}

/* Book the price: wallet to revenue:seats, with the sale's audit row. */
static int
buy_charge(struct db *db, struct pkg_arg *a, const struct seat_package *p)
{
	struct ledger_leg legs[2] = {
		{ LEDGER_WALLET, a->customer_id, -p->price },
		{ LEDGER_REV_SEATS, 0, p->price },
	};
	char extra[160], lkey[LEDGER_KEY_MAX + 1], pr[MONEY_BUFSZ];
	struct ledger_post lp;
	struct db_stmt *st;
	struct ledger_result res;
	int r;

	snprintf(extra, sizeof extra, "purchase=%lld package=%s minutes=%lld "
	    "session=%lld", (long long)a->id, p->name, (long long)p->minutes,
	    (long long)a->session_id);
	if (p->price == 0)
		return audit_appendf(a->ctx, "seat.package", "package",
		    p->name, "%s customer=id:%lld price=%s", extra,
		    (long long)a->customer_id, seat_amount(db, 0, pr,
		    sizeof pr));
	snprintf(lkey, sizeof lkey, "package:%s", a->key);
	memset(&lp, 0, sizeof lp);
	lp.key = lkey;
	lp.op = "seat.package";
	lp.memo = p->name;
	lp.customer_id = a->customer_id;
	lp.audit_extra = extra;
	lp.legs = legs;
	lp.nlegs = 2;
	if ((r = ledger_post(a->ctx, &lp, &res)) != 0)
		return r;
	if ((r = db_stmt(db, "UPDATE package_purchases SET ledger_tx = ? "
	    "WHERE id = ?", &st)) != 0)
		return r;
	db_bind_int(st, 1, res.tx_id);
	db_bind_int(st, 2, a->id);
	r = db_step(st);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

static int
buy_tx(struct db *db, void *argp)
{
	struct pkg_arg *a = argp;
	struct seat_package p;
	int r;

	if ((r = pkg_find(db, a->name, &p)) != 0)
		return r;
	if ((r = buy_replay(db, a, p.id, &a->id)) != ERR_NOTFOUND)
		return r;
	if (p.retired)
		return ERR_STATE;
	if (a->session_zone != 0 && p.zone_id != 0 &&
	    p.zone_id != a->session_zone)
		return ERR_STATE;
	if ((r = customer_is_disabled(db, a->customer_id)) < 0)
		return r;
	if (r == 1)
		return ERR_DISABLED;
	if ((r = buy_insert(db, a, &p)) != 0)
		return r;
	return buy_charge(db, a, &p);
}

static int
pkg_buy(struct pkg_arg *a, int64_t *purchase_id)
{
	char fresh[33];
	int r;

	if (a->key == NULL) {
		ledger_new_key(fresh);
		a->key = fresh;
	}
	if (*a->key == '\0' || strlen(a->key) > LEDGER_KEY_MAX - 8 ||
	    str_has_control(a->key))
		return ERR_INVALID;
	if ((r = db_write(a->ctx->db, buy_tx, a)) == 0 && purchase_id != NULL)
		*purchase_id = a->id;
	return r;
}

int
seat_package_buy(struct mctx *ctx, int64_t customer_id, const char *package,
    const char *key, int64_t *purchase_id)
{
	struct pkg_arg a;
	char idb[24];
	int r;

	snprintf(idb, sizeof idb, "%lld", (long long)customer_id);
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "seat.package",
	    "customer", idb)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = package;
	a.customer_id = customer_id;
	a.key = key;
	return pkg_buy(&a, purchase_id);
}

int
seat_extend(struct mctx *ctx, const char *station, const char *package,
    const char *key, int64_t *purchase_id, const char **why)
{
	struct station_info si;
	struct seat_sess s;
	struct pkg_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "seat.extend",
	    "station", station)) != 0)
		return r;
	if ((r = station_find(ctx->db, station, clock_now(), &si)) != 0)
		return r;
	if ((r = seat_sess_load(ctx->db, si.id, 0, &s)) != 0) {
		*why = "no session on that station";
		return r;
	}
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = package;
	a.customer_id = s.customer_id;
	a.session_id = s.id;
	a.session_zone = si.zone_id;
	a.key = key;
	seat_sess_free(&s);
	if (a.customer_id == 0) {
		*why = "guests pay for the time they use at the end";
		return ERR_STATE;
	}
	if ((r = pkg_buy(&a, purchase_id)) == ERR_STATE)
		*why = "the package is retired or for another zone";
	return r;
}

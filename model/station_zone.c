/*
 * station_zone.c -- zones and their prices, time rules, and the prices
 * of every zone gathered for pricing_price().
 */
#include "model/station.h"

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
#include "model/money.h"
#include "model/perm.h"
#include "model/station_int.h"

/* Zones ------------------------------------------------------------- */

#define ZONE_COLS \
	"z.id, z.name, z.hourly, z.guest_hourly, z.minimum, z.retired, " \
	"(SELECT count(*) FROM stations s WHERE s.zone_id = z.id " \
	"AND s.retired = 0)"

static void
zone_row(struct db_stmt *st, void *out)
{
	struct zone_info *z = out;

	memset(z, 0, sizeof *z);
	z->id = db_col_int(st, 0);
	str_lcpy(z->name, db_col_text(st, 1), sizeof z->name);
	z->hourly = db_col_int(st, 2);
	z->guest_hourly = db_col_int(st, 3);
	z->minimum = db_col_int(st, 4);
	z->retired = (int)db_col_int(st, 5);
	z->nstations = (int)db_col_int(st, 6);
}

int
station_zone_find(struct db *db, const char *name, struct zone_info *z)
{
	char key[STATION_NAME_MAX + 1];

	if (name == NULL || strlen(name) > STATION_NAME_MAX)
		return ERR_NOTFOUND;
	station_name_key(name, key);
	return db_row_one(db, zone_row, z, "SELECT " ZONE_COLS " FROM zones "
	    "z WHERE z.name_key = ?", "t", key);
}

int
station_zone_get(struct db *db, int64_t id, struct zone_info *z)
{
	return db_row_one(db, zone_row, z, "SELECT " ZONE_COLS " FROM zones "
	    "z WHERE z.id = ?", "i", id);
}

int
station_zone_list(struct db *db, struct zone_info **out, size_t *n)
{
	return db_row_list(db, sizeof(**out), zone_row, out, n, "SELECT "
	    ZONE_COLS " FROM zones z WHERE z.retired = 0 ORDER BY z.name_key",
	    NULL);
}

static int
zone_check(const struct zone_new *nz, const char **why)
{
	int r;

	if ((r = station_name_check(nz->name, why)) != 0)
		return r;
	if (nz->hourly < 0 || nz->minimum < 0 || nz->hourly > MONEY_MAX ||
	    nz->minimum > MONEY_MAX || nz->guest_hourly > MONEY_MAX) {
		*why = "prices are amounts of zero or more";
		return ERR_INVALID;
	}
	return 0;
}

struct zone_arg {
	struct mctx		*ctx;
	const char		*old;	/* edit: the zone's current name */
	const struct zone_new	*nz;
	int64_t			 guest;
	int64_t			 id;
};

static int
zone_audit(struct zone_arg *a, const char *action)
{
	char idb[24], h[MONEY_BUFSZ], g[MONEY_BUFSZ], m[MONEY_BUFSZ];
	struct db *db = a->ctx->db;

	station_id_text(idb, a->id);
	return audit_appendf(a->ctx, action, "zone", idb,
	    "name=%s hourly=%s guest_hourly=%s minimum=%s", a->nz->name,
	    station_amount_text(db, a->nz->hourly, h, sizeof h),
	    station_amount_text(db, a->guest, g, sizeof g),
	    station_amount_text(db, a->nz->minimum, m, sizeof m));
}

static int
zone_add_tx(struct db *db, void *argp)
{
	struct zone_arg *a = argp;
	char key[STATION_NAME_MAX + 1];
	int r;

	station_name_key(a->nz->name, key);
	if ((r = db_row_id(db, &a->id, "INSERT INTO zones (name, name_key, "
	    "hourly, guest_hourly, minimum, created_at) VALUES (?, ?, ?, ?, "
	    "?, ?)", "ttiiii", a->nz->name, key, a->nz->hourly, a->guest,
	    a->nz->minimum, clock_now())) != 0)
		return r;
	return zone_audit(a, "zone.add");
}

int
station_zone_add(struct mctx *ctx, const struct zone_new *nz, int64_t *id,
    const char **why)
{
	struct zone_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "zone.add", "zone",
	    nz->name)) != 0)
		return r;
	if ((r = zone_check(nz, why)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.nz = nz;
	a.guest = nz->guest_hourly < 0 ? nz->hourly : nz->guest_hourly;
	if ((r = db_write(ctx->db, zone_add_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

static int
zone_edit_tx(struct db *db, void *argp)
{
	struct zone_arg *a = argp;
	char key[STATION_NAME_MAX + 1];
	struct zone_info z;
	int r;

	if ((r = station_zone_find(db, a->old, &z)) != 0)
		return r;
	a->id = z.id;
	station_name_key(a->nz->name, key);
	if ((r = db_row_none(db, "UPDATE zones SET name = ?, name_key = ?, "
	    "hourly = ?, guest_hourly = ?, minimum = ? WHERE id = ?", "ttiiii",
	    a->nz->name, key, a->nz->hourly, a->guest, a->nz->minimum,
	    z.id)) < 0)
		return r;
	return zone_audit(a, "zone.edit");
}

int
station_zone_edit(struct mctx *ctx, const char *name,
    const struct zone_new *nz, const char **why)
{
	struct zone_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "zone.edit", "zone",
	    name)) != 0)
		return r;
	if ((r = zone_check(nz, why)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.old = name;
	a.nz = nz;
	a.guest = nz->guest_hourly < 0 ? nz->hourly : nz->guest_hourly;
	return db_write(ctx->db, zone_edit_tx, &a);
}

static int
zone_retire_tx(struct db *db, void *argp)
{
	struct zone_arg *a = argp;
	struct zone_info z;
	char idb[24];
	int r;

	if ((r = station_zone_find(db, a->old, &z)) != 0)
		return r;
	if (z.retired)
		return 0;
	if (z.nstations > 0)
		return ERR_STATE;
	if ((r = station_exec_id(db, "UPDATE zones SET retired = 1 "
	    "WHERE id = ?", z.id)) != 0)
		return r;
	station_id_text(idb, z.id);
	return audit_appendf(a->ctx, "zone.retire", "zone", idb, "name=%s",
	    z.name);
}

int
station_zone_retire(struct mctx *ctx, const char *name)
{
	struct zone_arg a;
	int r;

	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "zone.retire", "zone",
	    name)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.old = name;
	return db_write(ctx->db, zone_retire_tx, &a);
}

/* Time rules -------------------------------------------------------- */

struct rule_arg {
	struct mctx			*ctx;
	const char			*zone;
	const char			*name;
	const struct pricing_rule	*rule;
	int64_t				 id;
};

static int
rule_add_tx(struct db *db, void *argp)
{
	struct rule_arg *a = argp;
	char idb[24], days[64], h[MONEY_BUFSZ], g[MONEY_BUFSZ];
	struct zone_info z;
	int r;

	memset(&z, 0, sizeof z);	/* no zone: id 0 binds NULL */
	if (a->zone != NULL && (r = station_zone_find(db, a->zone, &z)) != 0)
		return r;
	if ((r = db_row_id(db, &a->id, "INSERT INTO price_rules (zone_id, "
	    "name, days, from_min, to_min, hourly, guest_hourly, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "otiiiiii", z.id, a->name,
	    (int64_t)a->rule->days, (int64_t)a->rule->from_min,
	    (int64_t)a->rule->to_min, a->rule->hourly, a->rule->guest_hourly,
	    clock_now())) != 0)
		return r;
	station_id_text(idb, a->id);
	return audit_appendf(a->ctx, "rule.add", "price_rule", idb,
	    "name=%s zone=%s days=%s from=%02d:%02d to=%02d:%02d hourly=%s "
	    "guest_hourly=%s", a->name, a->zone != NULL ? z.name : "*",
	    pricing_days_fmt(a->rule->days, days, sizeof days),
	    a->rule->from_min / 60, a->rule->from_min % 60,
	    a->rule->to_min / 60, a->rule->to_min % 60,
	    station_amount_text(db, a->rule->hourly, h, sizeof h),
	    station_amount_text(db, a->rule->guest_hourly, g, sizeof g));
}

int
station_rule_add(struct mctx *ctx, const char *zone, const char *name,
    const struct pricing_rule *rule, int64_t *id, const char **why)
{
	struct pricing_rule r2 = *rule;
	struct rule_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "rule.add",
	    "price_rule", name)) != 0)
		return r;
	if ((r = station_name_check(name, why)) != 0)
		return r;
	if (r2.guest_hourly < 0)
		r2.guest_hourly = r2.hourly;
	if (pricing_rule_check(&r2) != 0 || r2.hourly > MONEY_MAX ||
	    r2.guest_hourly > MONEY_MAX) {
		*why = "days, a window of two different times, prices >= 0";
		return ERR_INVALID;
	}
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.zone = zone;
	a.name = name;
	a.rule = &r2;
	if ((r = db_write(ctx->db, rule_add_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

static int
rule_remove_tx(struct db *db, void *argp)
{
	struct rule_arg *a = argp;
	char idb[24], *name;
	int r;

	if ((r = db_row_text(db, &name, "SELECT name FROM price_rules WHERE "
	    "id = ? AND retired = 0", "i", a->id)) != 0)
		return r;
	station_id_text(idb, a->id);
	if ((r = station_exec_id(db, "UPDATE price_rules SET retired = 1 "
	    "WHERE id = ?", a->id)) == 0)
		r = audit_appendf(a->ctx, "rule.remove", "price_rule", idb,
		    "name=%s", name);
	free(name);
	return r;
}

int
station_rule_remove(struct mctx *ctx, int64_t id)
{
	struct rule_arg a;
	char idb[24];
	int r;

	station_id_text(idb, id);
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "rule.remove",
	    "price_rule", idb)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.id = id;
	return db_write(ctx->db, rule_remove_tx, &a);
}

/* Rules in priority order: every-zone rules first, then by id. */
#define RULE_SQL \
	"SELECT r.id, coalesce(r.zone_id, 0), coalesce(z.name, ''), " \
	"r.name, r.days, r.from_min, r.to_min, r.hourly, r.guest_hourly " \
	"FROM price_rules r LEFT JOIN zones z ON z.id = r.zone_id " \
	"WHERE r.retired = 0 ORDER BY r.zone_id IS NOT NULL, r.id"

static void
rule_row(struct db_stmt *st, void *out)
{
	struct rule_info *ri = out;

	memset(ri, 0, sizeof *ri);
	ri->id = ri->rule.id = db_col_int(st, 0);
	ri->zone_id = db_col_int(st, 1);
	str_lcpy(ri->zone, db_col_text(st, 2), sizeof ri->zone);
	str_lcpy(ri->name, db_col_text(st, 3), sizeof ri->name);
	ri->rule.days = (unsigned int)db_col_int(st, 4);
	ri->rule.from_min = (int)db_col_int(st, 5);
	ri->rule.to_min = (int)db_col_int(st, 6);
	ri->rule.hourly = db_col_int(st, 7);
	ri->rule.guest_hourly = db_col_int(st, 8);
}

int
station_rule_list(struct db *db, struct rule_info **out, size_t *n)
{
	return db_row_list(db, sizeof(**out), rule_row, out, n, RULE_SQL,
	    NULL);
}

/* Prices for pricing_price() ----------------------------------------- */

struct station_prices {
	struct pricing_zone	*zones;
	struct pricing_rule	*rules;	/* each zone's rules, back to back */
	size_t			 nzones;
};

/* Every zone, retired ones too: old sessions may still be priced. */
static int
prices_zones(struct db *db, struct station_prices *p)
{
	struct db_stmt *st;
	size_t cap = 0;
	int r;

	if ((r = db_stmt(db, "SELECT id, hourly, guest_hourly, minimum "
	    "FROM zones ORDER BY id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		if (p->nzones == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			p->zones = xreallocarray(p->zones, cap,
			    sizeof *p->zones);
		}
		memset(&p->zones[p->nzones], 0, sizeof *p->zones);
		p->zones[p->nzones].id = db_col_int(st, 0);
		p->zones[p->nzones].hourly = db_col_int(st, 1);
		p->zones[p->nzones].guest_hourly = db_col_int(st, 2);
		p->zones[p->nzones].minimum = db_col_int(st, 3);
		p->nzones++;
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Give each zone its slice: the every-zone rules, then its own. */
static void
prices_slices(struct station_prices *p, const struct rule_info *ri,
    size_t nr)
{
	size_t z, i, k = 0;

	p->rules = xreallocarray(NULL, nr * p->nzones + 1, sizeof *p->rules);
	for (z = 0; z < p->nzones; z++) {
		p->zones[z].rules = &p->rules[k];
		for (i = 0; i < nr; i++)
			if (ri[i].zone_id == 0 ||
			    ri[i].zone_id == p->zones[z].id)
				p->rules[k++] = ri[i].rule;
		p->zones[z].nrules = (size_t)(&p->rules[k] -
		    p->zones[z].rules);
	}
}

int
station_prices_load(struct db *db, struct station_prices **out)
{
	struct station_prices *p = xcalloc(1, sizeof *p);
	struct rule_info *ri = NULL;
	size_t nr = 0;
	int r;

	if ((r = prices_zones(db, p)) != 0 ||
	    (r = station_rule_list(db, &ri, &nr)) != 0) {
		station_prices_free(p);
		return r;
	}
	prices_slices(p, ri, nr);
	free(ri);
	*out = p;
	return 0;
}

void
station_prices_free(struct station_prices *p)
{
	if (p == NULL)
		return;
	free(p->zones);
	free(p->rules);
	free(p);
}

const struct pricing_zone *
station_prices_zone(const struct station_prices *p, int64_t zone_id)
{
	size_t i;

	for (i = 0; i < p->nzones; i++)
		if (p->zones[i].id == zone_id)
			return &p->zones[i];
	return NULL;
}


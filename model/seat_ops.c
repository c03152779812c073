/*
 * seat_ops.c -- what happens to a running session besides start and
 * stop: moves, pauses, the floor's view of open sessions with a
 * member's time left, the expiry job, and receipt lines.
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
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/pricing.h"
#include "model/seat_int.h"
#include "model/settings.h"

struct op_arg {
	struct mctx	*ctx;
	const char	*station;
	const char	*to;
	const char	**why;
};

/* The open session on station name, inside a transaction. */
static int
op_session(struct db *db, const char *station, struct seat_sess *s,
    const char **why)
{
	struct station_info si;
	int r;

	if ((r = station_find(db, station, clock_now(), &si)) != 0)
		return r;
	if ((r = seat_sess_load(db, si.id, 0, s)) == ERR_STATE)
		*why = "no session on that station";
	return r;
}

static int
op_set_station(struct db *db, int64_t session_id, int64_t station_id)
{
	int r;

	r = db_row_none(db, "UPDATE seat_sessions SET station_id = ? "
	    "WHERE id = ?", "ii", station_id, session_id);
	return r == ERR_EXISTS ? ERR_STATE : r < 0 ? r : 0;
}

static int
seat_move_tx(struct db *db, void *argp)
{
	struct op_arg *a = argp;
	struct station_info to;
	struct seat_sess s;
	int64_t now = clock_now();
	char idb[24];
	int r;

	if ((r = op_session(db, a->station, &s, a->why)) != 0)
		return r;
	if ((r = station_find(db, a->to, now, &to)) != 0 || to.retired) {
		r = r != 0 ? r : ERR_NOTFOUND;
		goto out;
	}
	if ((r = seat_station_usable(db, &to, s.customer_id, a->why)) != 0)
		goto out;
	if ((r = op_set_station(db, s.id, to.id)) != 0)
		goto out;
	if (s.paused_at == 0 && ((r = seat_segment_close(db, s.id,
	    now)) != 0 || (r = seat_segment_open(db, s.id, to.id, to.zone_id,
	    now)) != 0))
		goto out;
	snprintf(idb, sizeof idb, "%lld", (long long)s.id);
	r = audit_appendf(a->ctx, "seat.move", "seat_session", idb,
	    "from=%s to=%s zone=%s", s.station, to.name, to.zone);
out:
	seat_sess_free(&s);
	return r;
}

int
seat_move(struct mctx *ctx, const char *from, const char *to,
    const char **why)
{
	struct op_arg a = { ctx, from, to, why };
	const char *dummy;
	int r;

	if (why == NULL)
		a.why = why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "seat.move",
	    "station", from)) != 0)
		return r;
	return db_write(ctx->db, seat_move_tx, &a);
}

static int
op_set_paused(struct db *db, int64_t session_id, int64_t at)
{
	int r;

	r = db_row_none(db, "UPDATE seat_sessions SET paused_at = ? "
	    "WHERE id = ?", "oi", at, session_id);
	return r < 0 ? r : 0;
}

static int
seat_pause_tx(struct db *db, void *argp)
{
	struct op_arg *a = argp;
	struct seat_sess s;
	int64_t now = clock_now();
	char idb[24];
	int r;

	if ((r = op_session(db, a->station, &s, a->why)) != 0)
		return r;
	if (s.paused_at != 0)
		r = ERR_STATE;
	else if ((r = seat_segment_close(db, s.id, now)) == 0 &&
	    (r = op_set_paused(db, s.id, now)) == 0) {
		snprintf(idb, sizeof idb, "%lld", (long long)s.id);
		r = audit_appendf(a->ctx, "seat.pause", "seat_session", idb,
		    "station=%s", s.station);
	}
	seat_sess_free(&s);
	return r;
}

static int
seat_resume_tx(struct db *db, void *argp)
{
	struct op_arg *a = argp;
	struct station_info si;
	struct seat_sess s;
	int64_t now = clock_now();
	char idb[24];
	int r;

	if ((r = op_session(db, a->station, &s, a->why)) != 0)
		return r;
	if (s.paused_at == 0)
		r = ERR_STATE;
	else if ((r = station_get(db, s.station_id, now, &si)) == 0 &&
	    (r = seat_segment_open(db, s.id, si.id, si.zone_id, now)) == 0 &&
	    (r = op_set_paused(db, s.id, 0)) == 0) {
		snprintf(idb, sizeof idb, "%lld", (long long)s.id);
		r = audit_appendf(a->ctx, "seat.resume", "seat_session", idb,
		    "station=%s paused=%llds", s.station,
		    (long long)(now - s.paused_at));
	}
	seat_sess_free(&s);
	return r;
}

int
seat_pause(struct mctx *ctx, const char *station)
{
	const char *why = NULL;
	struct op_arg a = { ctx, station, NULL, &why };
	int r;

	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "seat.pause",
	    "station", station)) != 0)
		return r;
	return db_write(ctx->db, seat_pause_tx, &a);
}

int
seat_resume(struct mctx *ctx, const char *station)
{
	const char *why = NULL;
	struct op_arg a = { ctx, station, NULL, &why };
	int r;

	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "seat.resume",
	    "station", station)) != 0)
		return r;
	return db_write(ctx->db, seat_resume_tx, &a);
}

/* The floor's view ------------------------------------------------------ */

/* Time a member has left at the price in force now. */
static void
view_time_left(struct seat_view *v, const struct seat_sess *s,
    const struct pricing_result *res, int64_t warn)
{
	int64_t money, left = 0;
	size_t i;

	v->seconds_left = -1;
	v->package_left = 0;
	for (i = 0; i < s->npkgs; i++)
		if (s->pkgs[i].zone_id == 0 || s->pkgs[i].zone_id == s->zone_id)
			v->package_left += s->pkgs[i].minutes - s->pkgs[i].used;
	if (s->customer_id == 0 || (res->hourly_now == 0 &&
	    v->package_left == 0))
		return;
	money = v->balance - res->subtotal;
	if (money > 0 && res->hourly_now > 0)
		left = money * 60 / res->hourly_now;
	v->seconds_left = (res->minutes * 60 - res->seconds) +
	    (v->package_left + left) * 60;
	if (res->hourly_now == 0)
		v->seconds_left = -1;
	v->warn = v->seconds_left >= 0 && v->seconds_left < warn * 60;
}

static int
view_fill(struct db *db, const struct station_prices *p,
    const struct cafe_info *ci, int64_t now, int64_t warn,
    struct seat_view *v)
{
	struct pricing_result res;
	struct zone_info z;
	struct seat_sess s;
	int r;

	if ((r = seat_sess_load(db, 0, v->session_id, &s)) != 0)
		return r;
	if ((r = seat_sess_price(db, p, ci->timezone, &s,
	    s.paused_at != 0 ? s.paused_at : now, &res)) != 0)
		goto out;
	v->zone_id = s.zone_id;
	if (station_zone_get(db, s.zone_id, &z) == 0)
		str_lcpy(v->zone, z.name, sizeof v->zone);
	v->paused = s.paused_at != 0;
	v->elapsed = res.seconds;
	v->cost = res.total;
	v->hourly_now = res.hourly_now;
	if (s.customer_id != 0 && (r = ledger_balance(db, LEDGER_WALLET,
	    s.customer_id, &v->balance)) != 0)
		goto out2;
	view_time_left(v, &s, &res, warn);
out2:
	pricing_result_free(&res);
out:
	seat_sess_free(&s);
	return r;
}

#define VIEW_SQL \
	"SELECT x.id, x.station_id, t.name, coalesce(x.customer_id, 0), " \
	"coalesce(c.name, 'guest'), x.started_at FROM seat_sessions x " \
	"JOIN stations t ON t.id = x.station_id " \
	"LEFT JOIN customers c ON c.id = x.customer_id " \
	"WHERE x.ended_at IS NULL "

static void
view_row(struct db_stmt *st, void *out)
{
	struct seat_view *v = out;

	memset(v, 0, sizeof *v);
	v->session_id = db_col_int(st, 0);
	v->station_id = db_col_int(st, 1);
	str_lcpy(v->station, db_col_text(st, 2), sizeof v->station);
	v->customer_id = db_col_int(st, 3);
	str_sanitize(v->customer, sizeof v->customer, db_col_text(st, 4));
	v->started_at = db_col_int(st, 5);
	v->seconds_left = -1;
}

/* Rows of VIEW_SQL + tail (bound to key when not NULL). */
static int
view_rows(struct db *db, const char *sql, const char *key,
    struct seat_view **out, size_t *n)
{
	return db_row_list(db, sizeof **out, view_row, out, n, sql,
	    key != NULL ? "t" : NULL, key);
}

/* Price every view of v at now. */
static int
view_fill_all(struct db *db, int64_t now, struct seat_view *v, size_t n)
{
	struct station_prices *p = NULL;
	struct cafe_info ci;
	int64_t warn = 10;
	size_t i;
	int r;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = settings_get_int(db, "seat.warn_minutes", &warn)) != 0 ||
	    (r = station_prices_load(db, &p)) != 0)
		return r;
	for (i = 0; i < n && r == 0; i++)
		r = view_fill(db, p, &ci, now, warn, &v[i]);
	station_prices_free(p);
	return r;
}

struct view_arg {
	const char	*key;
	int64_t		 now;
	struct seat_view *v;
	size_t		 n;
};

static int
seat_list_rd(struct db *db, void *argp)
{
	struct view_arg *a = argp;
	int r;

	r = a->key != NULL ? view_rows(db, VIEW_SQL "AND t.name_key = ?",
	    a->key, &a->v, &a->n) : view_rows(db, VIEW_SQL
	    "ORDER BY t.name_key", NULL, &a->v, &a->n);
	if (r == 0 && (r = view_fill_all(db, a->now, a->v, a->n)) != 0) {
		free(a->v);
		a->v = NULL;
	}
	return r;
}

int
seat_list(struct mctx *ctx, int64_t now, struct seat_view **out, size_t *n)
{
	struct view_arg a = { NULL, now, NULL, 0 };
	int r;

	if ((r = db_read(ctx->db, seat_list_rd, &a)) != 0)
		return r;
	*out = a.v;
	*n = a.n;
	return 0;
}

int
seat_get(struct mctx *ctx, const char *station, int64_t now,
    struct seat_view *out)
{
	char key[STATION_NAME_MAX + 1];
	struct view_arg a;
	struct station_info si;
	int r;

	if ((r = station_find(ctx->db, station, now, &si)) != 0)
		return r;
	str_lcpy(key, station, sizeof key);
	str_lower(key);
	memset(&a, 0, sizeof a);
	a.key = key;
	a.now = now;
	if ((r = db_read(ctx->db, seat_list_rd, &a)) != 0)
		return r;
	if (a.n == 0)
		r = ERR_STATE;
	else
		*out = a.v[0];
	free(a.v);
	return r;
}

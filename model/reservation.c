/*
 * reservation.c -- bookings: overlap checks, assigning a station of a
 * zone, seating, cancelling, and releasing no-shows.
 */
#include "model/reservation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/perm.h"
#include "model/settings.h"

static const char *const res_states[RESERVATION__NSTATES] = {
	[RESERVATION_BOOKED] = "booked",
	[RESERVATION_SEATED] = "seated",
	[RESERVATION_CANCELLED] = "cancelled",
	[RESERVATION_RELEASED] = "released",
};

const char *
reservation_state_name(int state)
{
	if (state < 0 || state >= RESERVATION__NSTATES)
		return NULL;
	return res_states[state];
}

static int
state_of(const char *s)
{
	int i;

	for (i = 0; i < RESERVATION__NSTATES; i++)
		if (strcmp(s, res_states[i]) == 0)
			return i;
	return RESERVATION_BOOKED;
}

#define RES_COLS \
	"b.id, b.station_id, s.name, b.zone_id, z.name, b.any_station, " \
	"b.customer_id, c.name, b.starts_at, b.ends_at, b.state, " \
	"coalesce(b.session_id, 0), b.note FROM reservations b " \
	"JOIN stations s ON s.id = b.station_id " \
	"JOIN zones z ON z.id = b.zone_id " \
	"JOIN customers c ON c.id = b.customer_id "

static void
res_row(struct db_stmt *st, void *out)
{
	struct reservation_info *ri = out;

	memset(ri, 0, sizeof *ri);
	ri->id = db_col_int(st, 0);
	ri->station_id = db_col_int(st, 1);
	str_lcpy(ri->station, db_col_text(st, 2), sizeof ri->station);
	ri->zone_id = db_col_int(st, 3);
	str_lcpy(ri->zone, db_col_text(st, 4), sizeof ri->zone);
	ri->any_station = (int)db_col_int(st, 5);
	ri->customer_id = db_col_int(st, 6);
	str_sanitize(ri->customer, sizeof ri->customer, db_col_text(st, 7));
	ri->starts_at = db_col_int(st, 8);
	ri->ends_at = db_col_int(st, 9);
	ri->state = state_of(db_col_text(st, 10));
	ri->session_id = db_col_int(st, 11);
	str_lcpy(ri->note, db_col_text(st, 12), sizeof ri->note);
}

int
reservation_get(struct db *db, int64_t id, struct reservation_info *ri)
{
	return db_row_one(db, res_row, ri, "SELECT " RES_COLS "WHERE b.id = ?",
	    "i", id);
}

int
reservation_list(struct db *db, int64_t from, int64_t to,
    struct reservation_info **out, size_t *n)
{
	return db_row_list(db, sizeof **out, res_row, out, n, "SELECT "
	    RES_COLS "WHERE b.starts_at < ? AND b.ends_at > ? "
	    "ORDER BY b.starts_at, s.name_key, b.id", "ii", to, from);
}

/* The first booking of station (or, station 0, of customer) in the slot. */
static int
res_overlap(struct db *db, int64_t station_id, int64_t customer_id,
    int64_t from, int64_t to, int64_t *id)
{
	int r;

	*id = 0;
	r = db_row_int(db, id, "SELECT id FROM reservations WHERE state = "
	    "'booked' AND (station_id = ? OR customer_id = ?) AND "
	    "starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1",
	    "iiii", station_id, customer_id, to, from);
	return r == ERR_NOTFOUND ? 0 : r;
}

/* The first station of zone (by name) with no booking in the slot. */
static int
res_pick(struct db *db, int64_t zone_id, int64_t from, int64_t to,
    struct station_info *out)
{
	struct station_info *v;
	int64_t clash;
	size_t n, i;
	int r, found = 0;

	if ((r = station_list(db, clock_now(), &v, &n)) != 0)
		return r;
	for (i = 0; i < n && !found && r == 0; i++) {
		if (v[i].zone_id != zone_id ||
		    v[i].set_state == STATION_OFFLINE)
			continue;
		if ((r = res_overlap(db, v[i].id, 0, from, to, &clash)) == 0 &&
		    clash == 0) {
			*out = v[i];
			found = 1;
		}
	}
	free(v);
	return r != 0 ? r : found ? 0 : ERR_EXISTS;
}

struct add_arg {
	struct mctx			*ctx;
	const struct reservation_new	*rn;
	const char			**why;
	int64_t				 id;
};

/* The station to book: the one named, or a free one of the zone. */
static int
res_station(struct db *db, struct add_arg *a, struct station_info *s)
{
	const struct reservation_new *rn = a->rn;
	struct zone_info z;
	int r;

	if (rn->station != NULL) {
		if ((r = station_find(db, rn->station, clock_now(), s)) != 0)
			return r;
		return s->retired ? ERR_NOTFOUND : 0;
	}
	if ((r = station_zone_find(db, rn->zone, &z)) != 0)
		return r;
	if ((r = res_pick(db, z.id, rn->from, rn->to, s)) == ERR_EXISTS)
		*a->why = "every station of the zone is booked then";
	return r;
}

static int
res_insert(struct db *db, struct add_arg *a, const struct station_info *s)
{
	const struct reservation_new *rn = a->rn;

	return db_row_id(db, &a->id, "INSERT INTO reservations (station_id, "
	    "zone_id, any_station, customer_id, starts_at, ends_at, note, "
	    "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iiiiiitit", s->id, s->zone_id, (int64_t)(rn->station == NULL),
	    rn->customer_id, rn->from, rn->to, rn->note != NULL ? rn->note : "",
	    clock_now(), a->ctx->actor.name);
}

static int
res_add_tx(struct db *db, void *argp)
{
	struct add_arg *a = argp;
	struct station_info s;
	char idb[24], f[24], t[24];
	int64_t clash;
	int r;

	if ((r = customer_is_disabled(db, a->rn->customer_id)) < 0)
		return r;
	if (r == 1)
		return ERR_DISABLED;
	if ((r = res_station(db, a, &s)) != 0)
		return r;
	if ((r = res_overlap(db, s.id, a->rn->customer_id, a->rn->from,
	    a->rn->to, &clash)) != 0)
		return r;
	if (clash != 0) {
		*a->why = "the slot overlaps another booking of the station "
		    "or the customer";
		return ERR_EXISTS;
	}
	if ((r = res_insert(db, a, &s)) != 0)
		return r;
	snprintf(idb, sizeof idb, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "reservation.add", "reservation", idb,
	    "station=%s zone=%s%s customer=id:%lld from=%s to=%s", s.name,
	    s.zone, a->rn->station == NULL ? " any=1" : "",
	    (long long)a->rn->customer_id,
	    clock_fmt_utc(f, sizeof f, a->rn->from),
	    clock_fmt_utc(t, sizeof t, a->rn->to));
}

/* What can be told before the transaction: the slot and the note. */
static int
res_check(const struct reservation_new *rn, const char **why)
{
	if (rn->station == NULL && rn->zone == NULL) {
		*why = "a station or a zone";
		return ERR_INVALID;
	}
	if (rn->from >= rn->to) {
		*why = "the booking must end after it starts";
		return ERR_INVALID;
	}
	if (rn->to <= clock_now()) {
		*why = "that slot is over already";
		return ERR_INVALID;
	}
	if (rn->to - rn->from > RESERVATION_MAX_SECONDS) {
		*why = "a booking lasts at most 24 hours";
		return ERR_RANGE;
	}
	if (rn->note != NULL && (strlen(rn->note) > STATION_NOTE_MAX ||
	    str_has_control(rn->note))) {
		*why = "a note has at most 128 characters, no control "
		    "characters";
		return ERR_INVALID;
	}
	return 0;
}

int
reservation_add(struct mctx *ctx, const struct reservation_new *rn,
    int64_t *id, const char **why)
{
	struct add_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "reservation.add",
	    "station", rn->station != NULL ? rn->station : rn->zone)) != 0)
		return r;
	if ((r = res_check(rn, why)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.rn = rn;
	a.why = why;
	if ((r = db_write(ctx->db, res_add_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

/* Move booking id from 'booked' to state; 0 or ERR_STATE. */
static int
res_set_state(struct db *db, int64_t id, const char *state,
    int64_t session_id)
{
	int r;

	if ((r = db_row_none(db, "UPDATE reservations SET state = ?, "
	    "session_id = ? WHERE id = ? AND state = 'booked'", "toi", state,
	    session_id, id)) < 0)
		return r;
	return r == 1 ? 0 : ERR_STATE;
}

struct cancel_arg {
	struct mctx	*ctx;
	int64_t		 id;
};

static int
res_cancel_tx(struct db *db, void *argp)
{
	struct cancel_arg *a = argp;
	struct reservation_info ri;
	char idb[24];
	int r;

	if ((r = reservation_get(db, a->id, &ri)) != 0)
		return r;
	if ((r = res_set_state(db, a->id, "cancelled", 0)) != 0)
		return r;
	snprintf(idb, sizeof idb, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "reservation.cancel", "reservation", idb,
	    "station=%s customer=id:%lld", ri.station,
	    (long long)ri.customer_id);
}

int
reservation_cancel(struct mctx *ctx, int64_t id)
{
	struct cancel_arg a = { ctx, id };
	char idb[24];
	int r;

	snprintf(idb, sizeof idb, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_STATION_OPERATE,
	    "reservation.cancel", "reservation", idb)) != 0)
		return r;
	return db_write(ctx->db, res_cancel_tx, &a);
}

/* Lead and grace, in seconds. */
static int
res_windows(struct db *db, int64_t *lead, int64_t *grace)
{
	int r;

	if ((r = settings_get_int(db, "reservation.lead_minutes", lead)) != 0 ||
	    (r = settings_get_int(db, "reservation.grace_minutes",
	    grace)) != 0)
		return r;
	*lead *= 60;
	*grace *= 60;
	return 0;
}

int
reservation_seat(struct db *db, int64_t customer_id, int64_t session_id,
    int64_t now, int64_t *id)
{
	int64_t lead, grace;
	int r;

	*id = 0;
	if ((r = res_windows(db, &lead, &grace)) != 0)
		return r;
	r = db_row_int(db, id, "SELECT id FROM reservations WHERE "
	    "customer_id = ? AND state = 'booked' AND starts_at - ? <= ? AND "
	    "? < ends_at AND ? < starts_at + ? ORDER BY starts_at LIMIT 1",
	    "iiiiii", customer_id, lead, now, now, now, grace);
	if (r < 0 && r != ERR_NOTFOUND)
		return r;
	return *id != 0 ? res_set_state(db, *id, "seated", session_id) : 0;
}

struct release_arg {
	struct mctx	*ctx;
	int64_t		 now;
	int		 n;
};

/* Bookings still booked at now past their grace, or over. */
static int
res_due(struct db *db, int64_t now, int64_t grace, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	return db_row_list(db, sizeof **ids, db_row_int0, ids, n, "SELECT id "
	    "FROM reservations WHERE state = 'booked' AND "
	    "(starts_at + ? <= ? OR ends_at <= ?) ORDER BY id", "iii", grace,
	    now, now);
}

static int
res_release_tx(struct db *db, void *argp)
{
	struct release_arg *a = argp;
	struct reservation_info ri;
	int64_t lead, grace, *ids = NULL;
	char idb[24], at[24];
	size_t n = 0, i;
	int r;

	a->n = 0;
	if ((r = res_windows(db, &lead, &grace)) != 0 ||
	    (r = res_due(db, a->now, grace, &ids, &n)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((r = reservation_get(db, ids[i], &ri)) != 0 ||
		    (r = res_set_state(db, ids[i], "released", 0)) != 0)
			goto out;
		snprintf(idb, sizeof idb, "%lld", (long long)ids[i]);
		if ((r = audit_appendf(a->ctx, "reservation.noshow",
		    "reservation", idb, "station=%s customer=id:%lld from=%s",
		    ri.station, (long long)ri.customer_id,
		    clock_fmt_utc(at, sizeof at, ri.starts_at))) != 0)
			goto out;
		a->n++;
	}
out:
	free(ids);
	return r;
}

int
reservation_release_due(struct mctx *ctx, int64_t now, int *released)
{
	struct release_arg a = { ctx, now, 0 };
	int r;

	if (released != NULL)
		*released = 0;
	if ((r = db_write(ctx->db, res_release_tx, &a)) == 0 &&
	    released != NULL)
		*released = a.n;
	return r;
}

void
reservation_day(int64_t t, const char *tz, int64_t *from, int64_t *to)
{
	struct tm tm, next;

	clock_local_tm(t, tz, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	next = tm;
	next.tm_mday++;
	*from = clock_mktime_tz(&tm, tz);
	*to = clock_mktime_tz(&next, tz);
}

/*
 * station.c -- zones, time rules and stations: their rows, audited
 * changes, and the state each station is in at a given moment.
 */
#include "model/station.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/station_int.h"

static const char *const state_names[STATION__NSTATES] = {
	[STATION_FREE] = "free",
	[STATION_IN_USE] = "in-use",
	[STATION_RESERVED] = "reserved",
	[STATION_MAINTENANCE] = "maintenance",
	[STATION_OFFLINE] = "offline",
};

const char *
station_state_name(int state)
{
	if (state < 0 || state >= STATION__NSTATES)
		return NULL;
	return state_names[state];
}

int
station_state_parse(const char *s, int *state)
{
	int i;

	for (i = 0; i < STATION__NSTATES; i++)
		if (strcmp(s, state_names[i]) == 0) {
			*state = i;
			return 0;
		}
	return ERR_INVALID;
}

int
station_name_check(const char *name, const char **why)
{
	const char *dummy;
	size_t len;

	if (why == NULL)
		why = &dummy;
	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || len > STATION_NAME_MAX) {
		*why = "a name has 1 to 32 characters";
		return ERR_INVALID;
	}
	if (str_has_control(name)) {
		*why = "a name may not hold control characters";
		return ERR_INVALID;
	}
	if (name[0] == ' ' || name[len - 1] == ' ') {
		*why = "a name may not start or end with a space";
		return ERR_INVALID;
	}
	return 0;
}

void
station_name_key(const char *name, char key[STATION_NAME_MAX + 1])
{
	str_lcpy(key, name, STATION_NAME_MAX + 1);
	str_lower(key);
}

void
station_id_text(char buf[24], int64_t id)
{
	snprintf(buf, 24, "%lld", (long long)id);
}

char *
station_amount_text(struct db *db, int64_t v, char *buf, size_t size)
{
	struct cafe_info ci;

	if (settings_cafe(db, &ci) != 0 ||
	    money_format(buf, size, v, ci.decimals) == NULL)
		snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

int
station_exec_id(struct db *db, const char *sql, int64_t id)
{
	int r = db_row_none(db, sql, "i", id);

	return r < 0 ? r : 0;
}

/* Stations ------------------------------------------------------------ */

/*
 * ?1 now, ?2 lead seconds, ?3 grace seconds. A booking makes its station
 * reserved from lead before its start until it is seated, cancelled,
 * released, over, or its grace has passed.
 */
#define STATION_COLS \
	"s.id, s.name, s.zone_id, z.name, s.note, s.state, s.retired, " \
	"coalesce((SELECT x.id FROM seat_sessions x WHERE x.station_id = " \
	"s.id AND x.ended_at IS NULL), 0), " \
	"coalesce((SELECT b.id FROM reservations b WHERE b.station_id = " \
	"s.id AND b.state = 'booked' AND b.starts_at - ?2 <= ?1 AND " \
	"?1 < b.ends_at AND ?1 < b.starts_at + ?3 ORDER BY b.starts_at " \
	"LIMIT 1), 0) FROM stations s JOIN zones z ON z.id = s.zone_id "

static void
station_row(struct db_stmt *st, void *out)
{
	struct station_info *s = out;

	const char *set;

	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	str_lcpy(s->name, db_col_text(st, 1), sizeof s->name);
	s->zone_id = db_col_int(st, 2);
	str_lcpy(s->zone, db_col_text(st, 3), sizeof s->zone);
	str_lcpy(s->note, db_col_text(st, 4), sizeof s->note);
	set = db_col_text(st, 5);
	s->set_state = strcmp(set, "maintenance") == 0 ? STATION_MAINTENANCE :
	    strcmp(set, "offline") == 0 ? STATION_OFFLINE : STATION_FREE;
	s->retired = (int)db_col_int(st, 6);
	s->session_id = db_col_int(st, 7);
	s->reservation_id = db_col_int(st, 8);
	if (s->session_id != 0)
		s->state = STATION_IN_USE;
	else if (s->set_state != STATION_FREE)
		s->state = s->set_state;
	else if (s->reservation_id != 0)
		s->state = STATION_RESERVED;
	else
		s->state = STATION_FREE;
	if (s->state != STATION_RESERVED)
		s->reservation_id = 0;
}

/* now, lead and grace (from the settings) for ?1..?3, in seconds. */
static int
station_times(struct db *db, int64_t now, int64_t t[3])
{
	int64_t lead = 15, grace = 15;
	int r;

	if ((r = settings_get_int(db, "reservation.lead_minutes",
	    &lead)) != 0 ||
	    (r = settings_get_int(db, "reservation.grace_minutes",
	    &grace)) != 0)
		return r;
	t[0] = now;
	t[1] = lead * 60;
	t[2] = grace * 60;
	return 0;
}

int
station_find(struct db *db, const char *name, int64_t now,
    struct station_info *s)
{
	char key[STATION_NAME_MAX + 1];
	int64_t t[3];
	int r;

	if (name == NULL || strlen(name) > STATION_NAME_MAX)
		return ERR_NOTFOUND;
	station_name_key(name, key);
	if ((r = station_times(db, now, t)) != 0)
		return r;
	return db_row_one(db, station_row, s, "SELECT " STATION_COLS
	    "WHERE s.name_key = ?4", "iiit", t[0], t[1], t[2], key);
}

int
station_get(struct db *db, int64_t id, int64_t now, struct station_info *s)
{
	int64_t t[3];
	int r;

	if ((r = station_times(db, now, t)) != 0)
		return r;
	return db_row_one(db, station_row, s, "SELECT " STATION_COLS
	    "WHERE s.id = ?4", "iiii", t[0], t[1], t[2], id);
}

int
station_list(struct db *db, int64_t now, struct station_info **out,
    size_t *n)
{
	int64_t t[3];
	int r;

	if ((r = station_times(db, now, t)) != 0)
		return r;
	return db_row_list(db, sizeof(**out), station_row, out, n, "SELECT "
	    STATION_COLS "WHERE s.retired = 0 ORDER BY s.name_key", "iii",
	    t[0], t[1], t[2]);
}

int
station_occupancy(struct db *db, int64_t now, struct station_counts *c)
{
	struct station_info *v;
	size_t n, i;
	int r;

	if ((r = station_list(db, now, &v, &n)) != 0)
		return r;
	memset(c, 0, sizeof *c);
	for (i = 0; i < n; i++)
		c->by_state[v[i].state]++;
	c->total = (int)n;
	free(v);
	return 0;
}

struct st_arg {
	struct mctx	*ctx;
	const char	*name;
	const char	*new_name;
	const char	*zone;
	const char	*note;
	int		 state;
	const char	**why;
	int64_t		 id;
};

static int
station_add_tx(struct db *db, void *argp)
{
	struct st_arg *a = argp;
	char key[STATION_NAME_MAX + 1], idb[24];
	struct zone_info z;
	int r;

	if ((r = station_zone_find(db, a->zone, &z)) != 0)
		return r;
	if (z.retired) {
		*a->why = "that zone is retired";
		return ERR_STATE;
	}
	station_name_key(a->name, key);
	if ((r = db_row_id(db, &a->id, "INSERT INTO stations (name, name_key, "
	    "zone_id, note, created_at) VALUES (?, ?, ?, ?, ?)", "ttiti",
	    a->name, key, z.id, a->note != NULL ? a->note : "",
	    clock_now())) != 0)
		return r;
	station_id_text(idb, a->id);
	return audit_appendf(a->ctx, "station.add", "station", idb,
	    "name=%s zone=%s", a->name, z.name);
}

static int
note_check(const char *note, const char **why)
{
	if (note != NULL && (strlen(note) > STATION_NOTE_MAX ||
	    str_has_control(note))) {
		*why = "a note has at most 128 characters, no control "
		    "characters";
		return ERR_INVALID;
	}
	return 0;
}

int
station_add(struct mctx *ctx, const char *name, const char *zone,
    const char *note, int64_t *id, const char **why)
{
	struct st_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "station.add",
	    "station", name)) != 0)
		return r;
	if ((r = station_name_check(name, why)) != 0 ||
	    (r = note_check(note, why)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	a.zone = zone;
	a.note = note;
	a.why = why;
	if ((r = db_write(ctx->db, station_add_tx, &a)) == 0 && id != NULL)
		*id = a.id;
	return r;
}

/* UPDATE one station's name, zone and note. */
static int
station_update(struct db *db, const struct station_info *s)
{
	char key[STATION_NAME_MAX + 1];
	int r;

	station_name_key(s->name, key);
	r = db_row_none(db, "UPDATE stations SET name = ?, name_key = ?, "
	    "zone_id = ?, note = ? WHERE id = ?", "ttiti", s->name, key,
	    s->zone_id, s->note, s->id);
	return r < 0 ? r : 0;
}

static int
station_edit_tx(struct db *db, void *argp)
{
	struct st_arg *a = argp;
	struct station_info s;
	struct zone_info z;
	char idb[24];
	int r;

	if ((r = station_find(db, a->name, clock_now(), &s)) != 0)
		return r;
	if (a->zone != NULL) {
		if ((r = station_zone_find(db, a->zone, &z)) != 0)
			return r;
		if (z.retired && z.id != s.zone_id) {
			*a->why = "that zone is retired";
			return ERR_STATE;
		}
		s.zone_id = z.id;
		str_lcpy(s.zone, z.name, sizeof s.zone);
	}
	if (a->new_name != NULL)
		str_lcpy(s.name, a->new_name, sizeof s.name);
	if (a->note != NULL)
		str_lcpy(s.note, a->note, sizeof s.note);
	if ((r = station_update(db, &s)) != 0)
		return r;
	station_id_text(idb, s.id);
	return audit_appendf(a->ctx, "station.edit", "station", idb,
	    "name=%s zone=%s note=%s", s.name, s.zone, s.note);
}

int
station_edit(struct mctx *ctx, const char *name, const char *new_name,
    const char *zone, const char *note, const char **why)
{
	struct st_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "station.edit",
	    "station", name)) != 0)
		return r;
	if ((new_name != NULL && (r = station_name_check(new_name,
	    why)) != 0) || (r = note_check(note, why)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	a.new_name = new_name;
	a.zone = zone;
	a.note = note;
	a.why = why;
	return db_write(ctx->db, station_edit_tx, &a);
}

/* The number of pending bookings on station id from now on. */
static int
station_bookings(struct db *db, int64_t id, int64_t now, int64_t *n)
{
	return db_row_int(db, n, "SELECT count(*) FROM reservations WHERE "
	    "station_id = ? AND state = 'booked' AND ends_at > ?", "ii", id,
	    now);
}

static int
station_retire_tx(struct db *db, void *argp)
{
	struct st_arg *a = argp;
	struct station_info s;
	int64_t now = clock_now(), n = 0;
	char idb[24];
	int r;

	if ((r = station_find(db, a->name, now, &s)) != 0)
		return r;
	if (s.retired)
		return 0;
	if (s.session_id != 0) {
		*a->why = "a session is open on it";
		return ERR_STATE;
	}
	if ((r = station_bookings(db, s.id, now, &n)) != 0)
		return r;
	if (n > 0) {
		*a->why = "bookings are pending on it";
		return ERR_STATE;
	}
	if ((r = station_exec_id(db, "UPDATE stations SET retired = 1 "
	    "WHERE id = ?", s.id)) != 0)
		return r;
	station_id_text(idb, s.id);
	return audit_appendf(a->ctx, "station.retire", "station", idb,
	    "name=%s", s.name);
}

int
station_retire(struct mctx *ctx, const char *name, const char **why)
{
	struct st_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "station.retire",
	    "station", name)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	a.why = why;
	return db_write(ctx->db, station_retire_tx, &a);
}

static int
station_state_tx(struct db *db, void *argp)
{
	struct st_arg *a = argp;
	struct station_info s;
	char idb[24];
	int r;

	if ((r = station_find(db, a->name, clock_now(), &s)) != 0)
		return r;
	if (s.retired)
		return ERR_NOTFOUND;
	if (s.set_state == a->state)
		return 0;
	if (s.session_id != 0 && a->state != STATION_FREE) {
		*a->why = "a session is open on it: stop it first";
		return ERR_STATE;
	}
	if ((r = db_row_none(db, "UPDATE stations SET state = ? WHERE id = ?",
	    "ti", state_names[a->state], s.id)) < 0)
		return r;
	station_id_text(idb, s.id);
	return audit_appendf(a->ctx, "station.state", "station", idb,
	    "name=%s old=%s new=%s", s.name, state_names[s.set_state],
	    state_names[a->state]);
}

int
station_set_state(struct mctx *ctx, const char *name, int state,
    const char **why)
{
	struct st_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (state != STATION_FREE && state != STATION_MAINTENANCE &&
	    state != STATION_OFFLINE) {
		*why = "staff set free, maintenance or offline";
		return ERR_INVALID;
	}
	if ((r = perm_require(ctx, PERM_STATION_MANAGE, "station.state",
	    "station", name)) != 0)
		return r;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.name = name;
	a.state = state;
	a.why = why;
	return db_write(ctx->db, station_state_tx, &a);
}

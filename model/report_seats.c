/*
 * report_seats.c -- seat revenue and utilization, by station and by
 * hour of day, from the floor's billed segments.
 *
 * Each segment is clipped to the period. A session's cost is spread
 * over its segments in proportion to their seconds (running sessions
 * have no cost yet), and over the hours of a segment likewise, so the
 * hours and the stations add up to the same revenue. Utilization is
 * occupied time over available time: the period for a station; for an
 * hour of day, that hour on every day of the period on every station
 * not retired.
 */
#include "model/report.h"

#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/report_int.h"
#include "model/settings.h"

enum { T_SESSIONS, T_HOURS, T_REVENUE, T_USE };

/* One billed segment [fa, fb), and [a, b): its part in the period. */
struct seg {
	const char	*station, *zone;
	int64_t		 fa, fb, a, b;
	int64_t		 revenue;	/* the segment's share of the cost */
};

struct seats_arg {
	struct report	*rep;
	int64_t		 start, end, now;
	int		 by;
	char		 tz[64];
	int64_t		 stations;	/* not retired */
};

/* Rows for every station not retired, so idle ones show too. */
static int
seats_stations(struct db *db, struct seats_arg *a)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT s.name, z.name FROM stations s JOIN "
	    "zones z ON z.id = s.zone_id WHERE s.retired = 0 "
	    "ORDER BY s.name_key", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		a->stations++;
		if (a->by == REPORT_BY_STATION)
			report_row_add(a->rep, db_col_text(st, 0),
			    db_col_text(st, 1));
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Add the stretch [x, y) of segment g to row. */
static void
seats_add(struct report_row *row, const struct seg *g, int64_t x, int64_t y)
{
	int64_t part = 0;

	row->v[T_HOURS] += y - x;
	if (g->fb > g->fa && money_mul_div_round(g->revenue, y - x,
	    g->fb - g->fa, &part) == 0)
		row->v[T_REVENUE] += part;
}

/* Spread a segment over the local hours of day it covers. */
static void
seats_by_hour(struct seats_arg *a, const struct seg *g)
{
	struct tm tm;
	int64_t x = g->a, y;

	while (x < g->b) {
		clock_local_tm(x, a->tz, &tm);
		y = x + 3600 - (tm.tm_min * 60 + tm.tm_sec);
		if (y > g->b)
			y = g->b;
		seats_add(&a->rep->rows[tm.tm_hour], g, x, y);
		a->rep->rows[tm.tm_hour].v[T_SESSIONS]++;
		x = y;
	}
}

static void
seats_segment(struct seats_arg *a, const struct seg *g)
{
	struct report_row *row;

	if (a->by == REPORT_BY_HOUR) {
		seats_by_hour(a, g);
		return;
	}
	if ((row = report_row_find(a->rep, g->station, 0)) == NULL)
		row = report_row_add(a->rep, g->station, g->zone);
	row->v[T_SESSIONS]++;
	seats_add(row, g, g->a, g->b);
}

/* Every segment that overlaps the period, with its share of the cost. */
static int
seats_segments(struct db *db, struct seats_arg *a)
{
	struct db_stmt *st;
	struct seg g;
	int64_t total;
	int r;

	if ((r = db_stmt(db, "SELECT st.name, z.name, g.started_at, "
	    "coalesce(g.ended_at, ?1), CASE WHEN ss.ended_at IS NULL THEN 0 "
	    "ELSE coalesce(ss.cost, 0) END, (SELECT sum(coalesce(g2.ended_at, "
	    "?1) - g2.started_at) FROM seat_segments g2 WHERE g2.session_id = "
	    "g.session_id) FROM seat_segments g JOIN stations st ON "
	    "st.id = g.station_id JOIN zones z ON z.id = st.zone_id "
	    "JOIN seat_sessions ss ON ss.id = g.session_id "
	    "WHERE g.started_at < ?3 AND coalesce(g.ended_at, ?1) > ?2 "
	    "ORDER BY g.id", &st)) != 0)
		return r;
	db_bind_int(st, 1, a->now);
	db_bind_int(st, 2, a->start);
	db_bind_int(st, 3, a->end);
	while ((r = db_step(st)) == DB_ROW) {
		memset(&g, 0, sizeof g);
		g.station = db_col_text(st, 0);
		g.zone = db_col_text(st, 1);
		g.fa = db_col_int(st, 2);
		g.fb = db_col_int(st, 3);
		g.a = g.fa > a->start ? g.fa : a->start;
		g.b = g.fb < a->end ? g.fb : a->end;
		total = db_col_int(st, 5);
		if (total > 0 && money_mul_div_round(db_col_int(st, 4),
		    g.fb - g.fa, total, &g.revenue) != 0)
			g.revenue = 0;
		if (g.b > g.a)
			seats_segment(a, &g);
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Utilization of each row against the time that was available. */
static void
seats_use(struct seats_arg *a)
{
	int64_t avail, days = (a->end - a->start + 43200) / 86400;
	size_t i;

	avail = a->by == REPORT_BY_STATION ? a->end - a->start :
	    a->stations * days * 3600;
	for (i = 0; i < a->rep->nrows; i++)
		a->rep->rows[i].v[T_USE] = avail > 0 ?
		    a->rep->rows[i].v[T_HOURS] * 10000 / avail : 0;
}

static int
report_seats_tx(struct db *db, void *argp)
{
	struct seats_arg *a = argp;
	char hour[16];
	int h, r;

	if ((r = seats_stations(db, a)) != 0)
		return r;
	for (h = 0; a->by == REPORT_BY_HOUR && h < 24; h++) {
		snprintf(hour, sizeof hour, "%02d:00", h);
		report_row_add(a->rep, hour, "");
	}
	if ((r = seats_segments(db, a)) != 0)
		return r;
	seats_use(a);
	report_totals(a->rep);
	a->rep->total.v[T_USE] = 0;
	return 0;
}

int
report_seats(struct mctx *ctx, const char *from, const char *to, int by,
    struct report **out)
{
	struct seats_arg a;
	struct cafe_info ci;
	int r;

	memset(&a, 0, sizeof a);
	if ((r = report_begin(ctx, "report.seats", from, to, &a.start,
	    &a.end)) != 0 || (r = settings_cafe(ctx->db, &ci)) != 0)
		return r;
	if (by != REPORT_BY_STATION && by != REPORT_BY_HOUR)
		return ERR_INVALID;
	a.by = by;
	a.now = clock_now();
	snprintf(a.tz, sizeof a.tz, "%s", ci.timezone);
	a.rep = by == REPORT_BY_STATION ? report_new(ctx->db, "station",
	    "STATION", "ZONE") : report_new(ctx->db, "hour", "HOUR", "");
	report_col(a.rep, "SESSIONS", REPORT_COUNT);
	report_col(a.rep, "HOURS", REPORT_HOURS);
	report_col(a.rep, "REVENUE", REPORT_MONEY);
	report_col(a.rep, "USE%", REPORT_SHARE);
	a.rep->bar_col = T_USE;
	return report_run(ctx->db, a.rep, report_seats_tx, &a, 0, out);
}

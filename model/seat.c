/*
 * seat.c -- seat sessions: start, stop and charge, move, pause and
 * resume, what an open session costs now and how long a member has
 * left, and the expiry job of the listener.
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
#include "model/loyalty.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/pricing.h"
#include "model/reservation.h"
#include "model/seat_int.h"
#include "model/settings.h"
#include "model/shift.h"

void
seat_sess_free(struct seat_sess *s)
{
	free(s->spans);
	free(s->pkgs);
	memset(s, 0, sizeof *s);
}

static void
sess_row(struct db_stmt *st, void *out)
{
	struct seat_sess *s = out;

	s->id = db_col_int(st, 0);
	s->station_id = db_col_int(st, 1);
	s->customer_id = db_col_int(st, 2);
	s->started_at = db_col_int(st, 3);
	s->paused_at = db_col_int(st, 4);
	str_lcpy(s->station, db_col_text(st, 5), sizeof s->station);
}

#define SESS_COLS "SELECT x.id, x.station_id, coalesce(x.customer_id, 0), " \
	"x.started_at, coalesce(x.paused_at, 0), t.name FROM seat_sessions x " \
	"JOIN stations t ON t.id = x.station_id "

/* Load the open session on station_id (or, with id != 0, session id). */
int
seat_sess_load(struct db *db, int64_t station_id, int64_t id,
    struct seat_sess *s)
{
	int r;

	memset(s, 0, sizeof *s);
	if (id != 0)
		r = db_row_one(db, sess_row, s, SESS_COLS "WHERE x.id = ? AND "
		    "x.ended_at IS NULL", "i", id);
	else
		r = db_row_one(db, sess_row, s, SESS_COLS "WHERE "
		    "x.station_id = ? AND x.ended_at IS NULL", "i", station_id);
	return r == ERR_NOTFOUND ? ERR_STATE : r;
}

/* The session's billed spans, the running one taken up to `until`. */
static int
sess_spans(struct db *db, const struct station_prices *p,
    struct seat_sess *s, int64_t until)
{
	struct db_stmt *st;
	size_t cap = 0;
	int64_t from, to;
	int r;

	if ((r = db_stmt(db, "SELECT zone_id, started_at, ended_at FROM "
	    "seat_segments WHERE session_id = ? ORDER BY id", &st)) != 0)
		return r;
	db_bind_int(st, 1, s->id);
	s->nspans = 0;
	while ((r = db_step(st)) == DB_ROW) {
		if (s->nspans == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			s->spans = xreallocarray(s->spans, cap,
			    sizeof *s->spans);
		}
		s->zone_id = db_col_int(st, 0);
		from = db_col_int(st, 1);
		to = db_col_is_null(st, 2) ? until : db_col_int(st, 2);
		s->spans[s->nspans].zone = station_prices_zone(p, s->zone_id);
		s->spans[s->nspans].from = from;
		s->spans[s->nspans].to = to < from ? from : to;
		if (s->spans[s->nspans].zone == NULL)
			r = ERR_INTERNAL;
		s->nspans++;
		if (r == ERR_INTERNAL)
			break;
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

static void
sess_package_row(struct db_stmt *st, void *out)
{
	struct pricing_package *p = out;

	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->zone_id = db_col_int(st, 1);
	p->minutes = db_col_int(st, 2);
}

/* The member's packages with minutes left, oldest first. */
static int
sess_packages(struct db *db, struct seat_sess *s)
{
	s->npkgs = 0;
	if (s->customer_id == 0)
		return 0;
	free(s->pkgs);
	s->pkgs = NULL;
	return db_row_list(db, sizeof *s->pkgs, sess_package_row, &s->pkgs,
	    &s->npkgs, "SELECT id, coalesce(zone_id, 0), minutes_left "
	    "FROM package_purchases WHERE customer_id = ? AND "
	    "minutes_left > 0 ORDER BY bought_at, id", "i", s->customer_id);
}

int
seat_sess_price(struct db *db, const struct station_prices *p,
    const char *tz, struct seat_sess *s, int64_t until,
    struct pricing_result *res)
{
	int r;

	if ((r = sess_spans(db, p, s, until)) != 0 ||
	    (r = sess_packages(db, s)) != 0)
		return r;
	return pricing_price(s->spans, s->nspans, tz, s->customer_id == 0,
	    s->pkgs, s->npkgs, res);
}

/* Shifts ------------------------------------------------------------ */

/*
 * The open shift a guest pays into: the actor's own; for cafectl and the
 * system (no staff user), any open one. ERR_NOSHIFT when none.
 */
int
seat_guest_shift(struct mctx *ctx, int64_t *shift_id)
{
	struct shift_info *v;
	size_t n;
	int r;

	if (ctx->actor.user_id != 0)
		return shift_current(ctx->db, ctx->actor.user_id, shift_id);
	if ((r = shift_list(ctx->db, 1, 1, &v, &n)) != 0)
		return r;
	if (n > 0)
		*shift_id = v[0].id;
	free(v);
	return n > 0 ? 0 : ERR_NOSHIFT;
}

/* 0 when shift id exists and is open; ERR_NOTFOUND or ERR_NOSHIFT. */
static int
seat_shift_open(struct db *db, int64_t id)
{
	int64_t open;
	int r;

	if ((r = db_row_int(db, &open, "SELECT closed_at IS NULL FROM shifts "
	    "WHERE id = ?", "i", id)) != 0)
		return r;
	return open ? 0 : ERR_NOSHIFT;
}

/* Start --------------------------------------------------------------- */

struct start_arg {
	struct mctx	*ctx;
	const char	*station;
	int64_t		 customer_id;
	const char	**why;
	int64_t		 id;
};

/* Is station s free for customer_id (a booking of theirs is fine)? */
int
seat_station_usable(struct db *db, const struct station_info *s,
    int64_t customer_id, const char **why)
{
	struct reservation_info ri;
	int r;

	switch (s->state) {
	case STATION_FREE:
		return 0;
	case STATION_IN_USE:
		*why = "the station is in use";
		return ERR_STATE;
	case STATION_MAINTENANCE:
		*why = "the station is in maintenance";
		return ERR_STATE;
	case STATION_OFFLINE:
		*why = "the station is offline";
		return ERR_STATE;
	default:
		break;
	}
	if ((r = reservation_get(db, s->reservation_id, &ri)) != 0)
		return r;
	if (customer_id != 0 && ri.customer_id == customer_id)
		return 0;
	*why = "the station is reserved for another customer";
	return ERR_STATE;
}

/* A member may start: known, enabled, not playing, wallet covers it. */
static int
start_member_ok(struct db *db, int64_t customer_id,
    const struct station_info *s, const char **why)
{
	struct zone_info z;
	int64_t bal, pkg;
	int r;

	if ((r = customer_is_disabled(db, customer_id)) < 0)
		return r;
	if (r == 1)
		return ERR_DISABLED;
	if ((r = ledger_balance(db, LEDGER_WALLET, customer_id, &bal)) != 0 ||
	    (r = seat_package_minutes(db, customer_id, s->zone_id,
	    &pkg)) != 0 || (r = station_zone_get(db, s->zone_id, &z)) != 0)
		return r;
	if (pkg > 0)
		return 0;
	if (bal <= 0 || bal < z.minimum) {
		*why = bal <= 0 ? "the wallet is empty" :
		    "the wallet does not cover the minimum charge";
		return ERR_INSUFFICIENT;
	}
	return 0;
}

static int
start_insert(struct db *db, struct start_arg *a, const struct station_info *s,
    int64_t now)
{
	int r;

	r = db_row_id(db, &a->id, "INSERT INTO seat_sessions (station_id, "
	    "customer_id, started_at, started_by) VALUES (?, ?, ?, ?)", "ioit",
	    s->id, a->customer_id, now, a->ctx->actor.name);
	if (r == ERR_EXISTS) {
		*a->why = a->customer_id != 0 ? "the customer is playing "
		    "already" : "the station is in use";
		return ERR_STATE;
	}
	if (r != 0)
		return r;
	return seat_segment_open(db, a->id, s->id, s->zone_id, now);
}

int
seat_segment_open(struct db *db, int64_t session_id, int64_t station_id,
    int64_t zone_id, int64_t now)
{
	int r;

	r = db_row_none(db, "INSERT INTO seat_segments (session_id, "
	    "station_id, zone_id, started_at) VALUES (?, ?, ?, ?)", "iiii",
	    session_id, station_id, zone_id, now);
	return r < 0 ? r : 0;
}

int
seat_segment_close(struct db *db, int64_t session_id, int64_t now)
{
	int r;

	r = db_row_none(db, "UPDATE seat_segments SET ended_at = max(?, "
	    "started_at) WHERE session_id = ? AND ended_at IS NULL", "ii", now,
	    session_id);
	return r < 0 ? r : 0;
}

static int
seat_start_tx(struct db *db, void *argp)
{
	struct start_arg *a = argp;
	struct station_info s;
	int64_t now = clock_now(), booking = 0;
	char idb[24];
	int r;

	if ((r = station_find(db, a->station, now, &s)) != 0)
		return r;
	if (s.retired)
		return ERR_NOTFOUND;
	if ((r = seat_station_usable(db, &s, a->customer_id, a->why)) != 0)
		return r;
	if (a->customer_id != 0 &&
	    (r = start_member_ok(db, a->customer_id, &s, a->why)) != 0)
		return r;
	if ((r = start_insert(db, a, &s, now)) != 0)
		return r;
	if (a->customer_id != 0 && (r = reservation_seat(db, a->customer_id,
	    a->id, now, &booking)) != 0)
		return r;
	snprintf(idb, sizeof idb, "%lld", (long long)a->id);
	if (a->customer_id == 0)
		return audit_appendf(a->ctx, "seat.start", "seat_session", idb,
		    "station=%s zone=%s customer=guest", s.name, s.zone);
	return audit_appendf(a->ctx, "seat.start", "seat_session", idb,
	    "station=%s zone=%s customer=id:%lld booking=%lld", s.name,
	    s.zone, (long long)a->customer_id, (long long)booking);
}

int
seat_start(struct mctx *ctx, const char *station, int64_t customer_id,
    int64_t *session_id, const char **why)
{
	struct start_arg a;
	const char *dummy;
	int64_t shift;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "seat.start",
	    "station", station)) != 0)
		return r;
	if (customer_id == 0 && (r = seat_guest_shift(ctx, &shift)) != 0) {
		*why = "a guest pays into an open shift";
		return r;
	}
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.station = station;
	a.customer_id = customer_id;
	a.why = why;
	if ((r = db_write(ctx->db, seat_start_tx, &a)) == 0 &&
	    session_id != NULL)
		*session_id = a.id;
	return r;
}

/* Stop ------------------------------------------------------------------ */

struct stop_arg {
	struct mctx		*ctx;
	const char		*station;
	int64_t			 session_id;	/* expiry: this one */
	int64_t			 shift_id;
	int			 card;
	int			 expired;
	const char		**why;
	struct seat_receipt	*rc;
};

/* Take the package minutes the pricing used off the purchases. */
static int
stop_packages(struct db *db, const struct seat_sess *s)
{
	size_t i;
	int r;

	for (i = 0; i < s->npkgs; i++) {
		if (s->pkgs[i].used == 0)
			continue;
		if ((r = db_row_none(db, "UPDATE package_purchases SET "
		    "minutes_left = minutes_left - ? WHERE id = ?", "ii",
		    s->pkgs[i].used, s->pkgs[i].id)) < 0 ||
		    (r = db_row_none(db, "INSERT INTO seat_package_uses "
		    "(session_id, purchase_id, minutes) VALUES (?, ?, ?)", "iii",
		    s->id, s->pkgs[i].id, s->pkgs[i].used)) < 0)
			return r;
	}
	return 0;
}

/* Fill the receipt from the pricing. */
static void
stop_receipt(struct seat_receipt *rc, const struct seat_sess *s,
    const struct pricing_result *res, int64_t now)
{
	size_t i;

	memset(rc, 0, sizeof *rc);
	rc->session_id = s->id;
	rc->customer_id = s->customer_id;
	str_lcpy(rc->station, s->station, sizeof rc->station);
	rc->started_at = s->started_at;
	rc->ended_at = now;
	rc->seconds = res->seconds;
	rc->minutes = res->minutes;
	rc->package_minutes = res->package_minutes;
	rc->subtotal = res->subtotal;
	rc->minimum_added = res->minimum_added;
	rc->cost = res->total;
	rc->npieces_all = res->npieces;
	for (i = 0; i < res->npieces && i < SEAT_RECEIPT_PIECES; i++)
		rc->pieces[i] = res->pieces[i];
	rc->npieces = i;
}

/* Charge a member: the wallet as far as it goes, the rest as debt. */
static int
stop_pay_member(struct stop_arg *a, struct seat_receipt *rc,
    struct ledger_post *lp, struct ledger_leg *legs)
{
	int64_t bal;
	int r;

	if ((r = ledger_balance(a->ctx->db, LEDGER_WALLET, rc->customer_id,
	    &bal)) != 0)
		return r;
	rc->paid = bal < rc->cost ? (bal > 0 ? bal : 0) : rc->cost;
	rc->debt = rc->cost - rc->paid;
	rc->pay = SEAT_PAY_WALLET;
	legs[0] = (struct ledger_leg){ LEDGER_WALLET, rc->customer_id,
	    -rc->paid };
	legs[1] = (struct ledger_leg){ LEDGER_RECEIVABLE, rc->customer_id,
	    rc->debt };
	legs[2] = (struct ledger_leg){ LEDGER_REV_SEATS, 0, rc->cost };
	lp->customer_id = rc->customer_id;
	lp->nlegs = 3;
	return 0;
}

/* A guest pays all in cash (into the drawer) or by card. */
static int
stop_pay_guest(struct stop_arg *a, struct seat_receipt *rc,
    struct ledger_post *lp, struct ledger_leg *legs)
{
	int r;

	if (a->shift_id == 0) {
		*a->why = "a guest pays into an open shift";
		return ERR_NOSHIFT;
	}
	if ((r = seat_shift_open(a->ctx->db, a->shift_id)) != 0)
		return r;
	rc->paid = rc->cost;
	rc->pay = a->card ? SEAT_PAY_CARD : SEAT_PAY_CASH;
	rc->shift_id = a->shift_id;
	legs[0] = a->card ? (struct ledger_leg){ LEDGER_CARD, 0, rc->cost } :
	    (struct ledger_leg){ LEDGER_DRAWER, a->shift_id, rc->cost };
	legs[1] = (struct ledger_leg){ LEDGER_REV_SEATS, 0, rc->cost };
	lp->shift_id = a->shift_id;
	lp->nlegs = 2;
	return 0;
}

/* Book the cost through the ledger, with the stop's audit row. */
static int
stop_charge(struct stop_arg *a, struct seat_receipt *rc)
{
	char key[48], memo[96], extra[200], c[MONEY_BUFSZ];
	struct ledger_leg legs[3];
	struct ledger_post lp;
	struct ledger_result res;
	const char *op = a->expired ? "seat.expire" : "seat.stop";
	int r;

	snprintf(extra, sizeof extra, "session=%lld station=%s minutes=%lld "
	    "package_minutes=%lld cost=%s", (long long)rc->session_id,
	    rc->station, (long long)rc->minutes,
	    (long long)rc->package_minutes,
	    seat_amount(a->ctx->db, rc->cost, c, sizeof c));
	if (rc->cost == 0) {
		snprintf(key, sizeof key, "%lld", (long long)rc->session_id);
		return audit_append(a->ctx, op, "seat_session", key, extra);
	}
	memset(&lp, 0, sizeof lp);
	if ((r = rc->customer_id != 0 ? stop_pay_member(a, rc, &lp, legs) :
	    stop_pay_guest(a, rc, &lp, legs)) != 0)
		return r;
	snprintf(key, sizeof key, "seat.stop:%lld", (long long)rc->session_id);
	snprintf(memo, sizeof memo, "%s, %lld min", rc->station,
	    (long long)rc->minutes);
	lp.key = key;
	lp.op = op;
	lp.memo = memo;
	lp.audit_extra = extra;
	lp.legs = legs;
	if ((r = ledger_post(a->ctx, &lp, &res)) != 0)
		return r;
	rc->tx_id = res.tx_id;
	return 0;
}

static int
stop_update(struct db *db, struct stop_arg *a, const struct seat_receipt *rc)
{
	static const char *const pay[] = { NULL, "wallet", "cash", "card" };
	int r;

	if ((r = db_row_none(db, "UPDATE seat_sessions SET ended_at = ?, "
	    "end_reason = ?, cost = ?, paid = ?, debt = ?, paid_by = ?, "
	    "shift_id = ?, ledger_tx = ?, ended_by = ?, paused_at = NULL "
	    "WHERE id = ? AND ended_at IS NULL", "itiiitooti", rc->ended_at,
	    a->expired ? "expired" : "stop", rc->cost, rc->paid, rc->debt,
	    pay[rc->pay], rc->shift_id, rc->tx_id, a->ctx->actor.name,
	    rc->session_id)) < 0)
		return r;
	return r == 1 ? 0 : ERR_STATE;
}

static int
seat_stop_tx(struct db *db, void *argp)
{
	struct stop_arg *a = argp;
	struct station_prices *p = NULL;
	struct pricing_result res;
	struct station_info si;
	struct seat_sess s;
	struct cafe_info ci;
	int64_t now = clock_now();
	int r;

	memset(&s, 0, sizeof s);
	memset(&res, 0, sizeof res);
	if (a->session_id == 0 && (r = station_find(db, a->station, now,
	    &si)) != 0)
		return r;
	if ((r = seat_sess_load(db, a->session_id != 0 ? 0 : si.id,
	    a->session_id, &s)) != 0) {
		*a->why = "no session on that station";
		return r;
	}
	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = station_prices_load(db, &p)) != 0 ||
	    (r = seat_sess_price(db, p, ci.timezone, &s, now, &res)) != 0)
		goto out;
	stop_receipt(a->rc, &s, &res, now);
	a->rc->expired = a->expired;
	if ((r = seat_segment_close(db, s.id, now)) != 0 ||
	    (r = stop_packages(db, &s)) != 0 ||
	    (r = stop_charge(a, a->rc)) != 0)
		goto out;
	/* A member earns points on what the wallet paid, not on debt. */
	if (a->rc->customer_id != 0 && a->rc->paid > 0 &&
	    (r = loyalty_earn(a->ctx, a->rc->customer_id, a->rc->paid,
	    "seat", s.id, &a->rc->points)) != 0)
		goto out;
	r = stop_update(db, a, a->rc);
out:
	pricing_result_free(&res);
	station_prices_free(p);
	seat_sess_free(&s);
	return r;
}

/* The session on station, read before the write (to learn who pays). */
static int
stop_peek(struct mctx *ctx, const char *station, struct seat_sess *s,
    const char **why)
{
	struct station_info si;
	int r;

	if ((r = station_find(ctx->db, station, clock_now(), &si)) != 0)
		return r;
	if ((r = seat_sess_load(ctx->db, si.id, 0, s)) == ERR_STATE)
		*why = "no session on that station";
	return r;
}

int
seat_stop(struct mctx *ctx, const char *station, int64_t shift_id, int card,
    struct seat_receipt *out, const char **why)
{
	struct seat_receipt rc;
	struct stop_arg a;
	struct seat_sess s;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_STATION_OPERATE, "seat.stop",
	    "station", station)) != 0)
		return r;
	if ((r = stop_peek(ctx, station, &s, why)) != 0)
		return r;
	if (s.customer_id == 0 && shift_id == 0 && ctx->actor.user_id != 0)
		(void)seat_guest_shift(ctx, &shift_id);
	if (s.customer_id == 0 && shift_id != 0 &&
	    (r = shift_check_use(ctx, shift_id, "seat.stop")) != 0) {
		seat_sess_free(&s);
		if (r == ERR_NOTFOUND)
			*why = "no such shift";
		return r;
	}
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.station = station;
	a.shift_id = s.customer_id == 0 ? shift_id : 0;
	a.card = card;
	a.why = why;
	a.rc = &rc;
	seat_sess_free(&s);
	if ((r = db_write(ctx->db, seat_stop_tx, &a)) == 0 && out != NULL)
		*out = rc;
	return r;
}

/* Stop session id as the expiry job does. */
int
seat_stop_expired(struct mctx *ctx, int64_t session_id,
    struct seat_receipt *out)
{
	const char *why = NULL;
	struct stop_arg a;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.session_id = session_id;
	a.expired = 1;
	a.why = &why;
	a.rc = out;
	return db_write(ctx->db, seat_stop_tx, &a);
}

char *
seat_amount(struct db *db, int64_t v, char *buf, size_t size)
{
	struct cafe_info ci;

	if (settings_cafe(db, &ci) != 0 ||
	    money_format(buf, size, v, ci.decimals) == NULL)
		snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

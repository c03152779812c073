/*
 * check_seat.c -- seat sessions: the life cycle (start, stop and charge,
 * move, pause, resume, extend), every refusal, debt, the expiry job and
 * the time a member has left.
 *
 * The clock is frozen (CAFED_NOW) at 2026-11-22T18:00:00Z for the whole
 * suite; time passes by moving a session's timestamps into the past,
 * which is all cafed knows of time anyway.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/perm.h"
#include "model/reservation.h"
#include "model/seat.h"
#include "model/shift.h"
#include "model/station.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define NOW	INT64_C(1795370400)	/* 2026-11-22T18:00:00Z */

/* Zones Standard (3.00/h, guests 4.00) and VIP (6.00/h), 3 stations. */
static void
setup(struct fixture *f)
{
	ck_assert_int_eq(clock_now(), NOW);
	fixture_open(f, 0);
	fixture_floor(f, 400);
}

/* A member whose wallet holds balance (credited as an adjustment). */
static int64_t
member(struct fixture *f, const char *name, int64_t balance)
{
	int64_t id = fixture_customer(f, name);

	if (balance != 0)
		fixture_credit(f, id, LEDGER_ADJUST, "test.credit", 1, balance);
	return id;
}

static int64_t
wallet(struct fixture *f, int64_t customer)
{
	int64_t v = -1;

	ck_assert_int_eq(ledger_balance(f->db, LEDGER_WALLET, customer, &v),
	    0);
	return v;
}

/* Move every timestamp of session sid `secs` seconds into the past. */
static void
backdate(struct fixture *f, int64_t sid, int64_t secs)
{
	fixture_sql(f, "UPDATE seat_sessions SET started_at = started_at - "
	    "%lld, paused_at = paused_at - %lld WHERE id = %lld",
	    (long long)secs, (long long)secs, (long long)sid);
	fixture_sql(f, "UPDATE seat_segments SET started_at = started_at - "
	    "%lld, ended_at = ended_at - %lld WHERE session_id = %lld",
	    (long long)secs, (long long)secs, (long long)sid);
}

/* Only the running segment starts `secs` earlier. */
static void
backdate_running(struct fixture *f, int64_t sid, int64_t secs)
{
	fixture_sql(f, "UPDATE seat_segments SET started_at = started_at - "
	    "%lld WHERE session_id = %lld AND ended_at IS NULL",
	    (long long)secs, (long long)sid);
}

static int
station_state(struct fixture *f, const char *name)
{
	struct station_info s;

	ck_assert_int_eq(station_find(f->db, name, NOW, &s), 0);
	return s.state;
}

static void
ledger_clean(struct fixture *f)
{
	struct ledger_verify v;

	ck_assert_int_eq(ledger_verify(f->db, &v), 0);
	ck_assert_int_eq(v.problems, 0);
}

START_TEST(member_session_charged_at_stop)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid = 0;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	ck_assert_int_gt(sid, 0);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_IN_USE);
	backdate(&f, sid, 3600);
	ck_assert_int_eq(seat_stop(&f.ctx, "pc-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.session_id, sid);
	ck_assert_int_eq(rc.minutes, 60);
	ck_assert_int_eq(rc.cost, 300);
	ck_assert_int_eq(rc.paid, 300);
	ck_assert_int_eq(rc.debt, 0);
	ck_assert_int_eq(rc.pay, SEAT_PAY_WALLET);
	ck_assert_int_ne(rc.tx_id, 0);
	ck_assert_int_eq(wallet(&f, c), 700);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_FREE);
	ck_assert_int_eq(fixture_audit_count(&f, "seat.start"), 1);
	ck_assert_int_eq(fixture_audit_count(&f, "seat.stop"), 1);
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(guest_pays_cash_into_the_shift)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t shift, sid, drawer;

	setup(&f);
	shift = fixture_shift(&f, "carl");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &sid, NULL), 0);
	backdate(&f, sid, 30 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", shift, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.cost, 200);		/* 30 min at the guest 4.00 */
	ck_assert_int_eq(rc.pay, SEAT_PAY_CASH);
	ck_assert_int_eq(rc.shift_id, shift);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_DRAWER, shift, &drawer),
	    0);
	ck_assert_int_eq(drawer, 200);
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(guest_pays_by_card)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t shift, sid, card;

	setup(&f);
	shift = fixture_shift(&f, "carl");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &sid, NULL), 0);
	backdate(&f, sid, 15 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", shift, 1, &rc, NULL), 0);
	ck_assert_int_eq(rc.pay, SEAT_PAY_CARD);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_CARD, 0, &card), 0);
	ck_assert_int_eq(card, 100);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_guest_pays_into_own_shift)
{
	struct fixture f;
	struct seat_receipt rc;
	struct db_stmt *st;
	int64_t shift, uid, sid;

	setup(&f);
	shift = fixture_shift(&f, "carl");
	ck_assert_int_eq(db_stmt(f.db, "SELECT user_id FROM shifts WHERE "
	    "id = ?", &st), 0);
	db_bind_int(st, 1, shift);
	ck_assert_int_eq(db_step(st), DB_ROW);
	uid = db_col_int(st, 0);
	db_done(st);
	fixture_act(&f, uid, "carl", ROLE_CASHIER);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &sid, NULL), 0);
	backdate(&f, sid, 600);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.shift_id, shift);
	ck_assert_int_eq(rc.cost, 67);		/* 10 min at 4.00: 66.7 */
	fixture_close(&f);
}
END_TEST

START_TEST(guest_money_not_into_anothers_shift)
{
	struct fixture f;
	int64_t dora, sid;

	setup(&f);
	dora = fixture_shift(&f, "dora");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &sid, NULL), 0);
	backdate(&f, sid, 600);
	fixture_as(&f, "carl", ROLE_CASHIER);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", dora, 0, NULL, NULL),
	    ERR_DENIED);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_IN_USE);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 999, 0, NULL, NULL),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(guest_refused_without_shift)
{
	struct fixture f;
	const char *why = NULL;

	setup(&f);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, NULL, &why),
	    ERR_NOSHIFT);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_FREE);
	ck_assert_int_eq(fixture_audit_count(&f, "seat.start"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(cashier_guest_needs_own_shift)
{
	struct fixture f;

	setup(&f);
	fixture_shift(&f, "dora");
	fixture_as(&f, "carl", ROLE_CASHIER);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, NULL, NULL),
	    ERR_NOSHIFT);
	fixture_close(&f);
}
END_TEST

START_TEST(guest_stop_refused_when_shift_closed)
{
	struct fixture f;
	int64_t shift, sid;

	setup(&f);
	shift = fixture_shift(&f, "carl");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &sid, NULL), 0);
	backdate(&f, sid, 600);
	fixture_sql(&f, "UPDATE shifts SET closed_at = %lld WHERE id = %lld",
	    (long long)NOW, (long long)shift);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, NULL, NULL),
	    ERR_NOSHIFT);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", shift, 0, NULL, NULL),
	    ERR_NOSHIFT);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_IN_USE);
	fixture_close(&f);
}
END_TEST

START_TEST(station_busy_refused)
{
	struct fixture f;
	const char *why = NULL;
	int64_t a, b;

	setup(&f);
	a = member(&f, "Mia", 1000);
	b = member(&f, "Noah", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", a, NULL, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", b, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "the station is in use");
	ck_assert_int_eq(fixture_audit_count(&f, "seat.start"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(station_in_maintenance_refused)
{
	struct fixture f;
	const char *why = NULL;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "the station is in maintenance");
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-02", STATION_OFFLINE,
	    NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-02", c, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "the station is offline");
	fixture_close(&f);
}
END_TEST

START_TEST(station_unknown_refused)
{
	struct fixture f;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-99", c, NULL, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-99", 0, 0, NULL, NULL),
	    ERR_NOTFOUND);
	ck_assert_int_eq(station_retire(&f.ctx, "PC-02", NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-02", c, NULL, NULL),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(wallet_empty_refused)
{
	struct fixture f;
	const char *why = NULL;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, &why),
	    ERR_INSUFFICIENT);
	ck_assert_str_eq(why, "the wallet is empty");
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_FREE);
	fixture_close(&f);
}
END_TEST

START_TEST(wallet_below_minimum_refused)
{
	struct fixture f;
	struct zone_new nz = { "VIP", 600, -1, 500 };
	const char *why = NULL;
	int64_t c;

	setup(&f);
	ck_assert_int_eq(station_zone_edit(&f.ctx, "VIP", &nz, NULL), 0);
	c = member(&f, "Mia", 499);
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, NULL, &why),
	    ERR_INSUFFICIENT);
	ck_assert_str_eq(why, "the wallet does not cover the minimum charge");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(customer_unknown_or_disabled_refused)
{
	struct fixture f;
	int64_t c;

	setup(&f);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 4242, NULL, NULL),
	    ERR_NOTFOUND);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, c, 1), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL),
	    ERR_DISABLED);
	fixture_close(&f);
}
END_TEST

START_TEST(customer_plays_once_at_a_time)
{
	struct fixture f;
	const char *why = NULL;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-02", c, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "the customer is playing already");
	ck_assert_int_eq(station_state(&f, "PC-02"), STATION_FREE);
	fixture_close(&f);
}
END_TEST

START_TEST(auditor_may_not_start)
{
	struct fixture f;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 1000);
	fixture_act(&f, fixture_user(&f, "olga", ROLE_AUDITOR), "olga",
	    ROLE_AUDITOR);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL),
	    ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(stop_without_session_refused)
{
	struct fixture f;
	const char *why = NULL;

	setup(&f);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "no session on that station");
	fixture_close(&f);
}
END_TEST

START_TEST(stop_twice_charges_once)
{
	struct fixture f;
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 600);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, NULL, NULL), 0);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, NULL, NULL),
	    ERR_STATE);
	ck_assert_int_eq(wallet(&f, c), 950);
	fixture_close(&f);
}
END_TEST

START_TEST(cost_over_wallet_becomes_debt)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid, debt;

	setup(&f);
	c = member(&f, "Mia", 100);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 2 * 3600);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.cost, 600);
	ck_assert_int_eq(rc.paid, 100);
	ck_assert_int_eq(rc.debt, 500);
	ck_assert_int_eq(wallet(&f, c), 0);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_RECEIVABLE, c, &debt),
	    0);
	ck_assert_int_eq(debt, 500);
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(raised_to_the_minimum)
{
	struct fixture f;
	struct zone_new nz = { "Standard", 300, 400, 100 };
	struct seat_receipt rc;
	int64_t c, sid;

	setup(&f);
	ck_assert_int_eq(station_zone_edit(&f.ctx, "Standard", &nz, NULL), 0);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 5 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.subtotal, 25);
	ck_assert_int_eq(rc.minimum_added, 75);
	ck_assert_int_eq(rc.cost, 100);
	fixture_close(&f);
}
END_TEST

START_TEST(move_keeps_time_and_prices_each_zone)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 3600);
	ck_assert_int_eq(seat_move(&f.ctx, "PC-01", "VIP-01", NULL), 0);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_FREE);
	ck_assert_int_eq(station_state(&f, "VIP-01"), STATION_IN_USE);
	backdate(&f, sid, 1800);
	ck_assert_int_eq(seat_stop(&f.ctx, "VIP-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.session_id, sid);
	ck_assert_int_eq(rc.minutes, 90);
	ck_assert_int_eq(rc.npieces, 2);
	ck_assert_int_eq(rc.cost, 300 + 300);
	ck_assert_int_eq(fixture_audit_count(&f, "seat.move"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(move_refused_to_a_busy_station)
{
	struct fixture f;
	const char *why = NULL;
	int64_t a, b;

	setup(&f);
	a = member(&f, "Mia", 1000);
	b = member(&f, "Noah", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", a, NULL, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-02", b, NULL, NULL), 0);
	ck_assert_int_eq(seat_move(&f.ctx, "PC-01", "PC-02", &why), ERR_STATE);
	ck_assert_str_eq(why, "the station is in use");
	ck_assert_int_eq(seat_move(&f.ctx, "VIP-01", "PC-02", &why),
	    ERR_STATE);
	ck_assert_int_eq(seat_move(&f.ctx, "PC-01", "PC-77", &why),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(pause_stops_the_meter)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 30 * 60);
	ck_assert_int_eq(seat_pause(&f.ctx, "PC-01"), 0);
	ck_assert_int_eq(seat_pause(&f.ctx, "PC-01"), ERR_STATE);
	backdate(&f, sid, 60 * 60);		/* an hour paused */
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_IN_USE);
	ck_assert_int_eq(seat_resume(&f.ctx, "PC-01"), 0);
	ck_assert_int_eq(seat_resume(&f.ctx, "PC-01"), ERR_STATE);
	backdate_running(&f, sid, 10 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.minutes, 40);
	ck_assert_int_eq(rc.cost, 200);
	fixture_close(&f);
}
END_TEST

START_TEST(pause_needs_station_manage)
{
	struct fixture f;
	int64_t c;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL), 0);
	fixture_act(&f, fixture_user(&f, "carl", ROLE_CASHIER), "carl",
	    ROLE_CASHIER);
	ck_assert_int_eq(seat_pause(&f.ctx, "PC-01"), ERR_DENIED);
	ck_assert_int_eq(seat_resume(&f.ctx, "PC-01"), ERR_DENIED);
	fixture_close(&f);
}
END_TEST

START_TEST(extend_buys_a_package_used_first)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid, pid, left;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_package_add(&f.ctx, "3 hours", NULL, 180, 500,
	    NULL, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "3 HOURS", "k1", &pid,
	    NULL), 0);
	ck_assert_int_eq(wallet(&f, c), 500);
	backdate(&f, sid, 200 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.package_minutes, 180);
	ck_assert_int_eq(rc.cost, 100);		/* 20 min at 3.00 */
	ck_assert_int_eq(wallet(&f, c), 400);
	ck_assert_int_eq(seat_package_minutes(f.db, c, 0, &left), 0);
	ck_assert_int_eq(left, 0);
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(extend_is_idempotent)
{
	struct fixture f;
	int64_t c, p1, p2;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_package_add(&f.ctx, "1h", NULL, 60, 250, NULL,
	    NULL), 0);
	ck_assert_int_eq(seat_package_add(&f.ctx, "2h", NULL, 120, 450, NULL,
	    NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL), 0);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "1h", "form-7", &p1,
	    NULL), 0);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "1h", "form-7", &p2,
	    NULL), 0);
	ck_assert_int_eq(p1, p2);
	ck_assert_int_eq(wallet(&f, c), 750);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "2h", "form-7", NULL,
	    NULL), ERR_CONFLICT);
	ck_assert_int_eq(wallet(&f, c), 750);
	fixture_close(&f);
}
END_TEST

START_TEST(extend_refusals)
{
	struct fixture f;
	const char *why = NULL;
	int64_t c;

	setup(&f);
	fixture_shift(&f, "carl");
	c = member(&f, "Mia", 100);
	ck_assert_int_eq(seat_package_add(&f.ctx, "3h", NULL, 180, 500, NULL,
	    NULL), 0);
	ck_assert_int_eq(seat_package_add(&f.ctx, "VIP 1h", "VIP", 60, 50,
	    NULL, NULL), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-02", 0, NULL, NULL), 0);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-02", "3h", NULL, NULL, &why),
	    ERR_STATE);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, NULL, NULL), 0);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "3h", NULL, NULL, &why),
	    ERR_INSUFFICIENT);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "VIP 1h", NULL, NULL,
	    &why), ERR_STATE);
	ck_assert_int_eq(seat_extend(&f.ctx, "PC-01", "nope", NULL, NULL,
	    &why), ERR_NOTFOUND);
	ck_assert_int_eq(seat_extend(&f.ctx, "VIP-01", "3h", NULL, NULL,
	    &why), ERR_STATE);
	ck_assert_int_eq(wallet(&f, c), 100);
	fixture_close(&f);
}
END_TEST

START_TEST(package_minutes_let_an_empty_wallet_play)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 500);
	ck_assert_int_eq(seat_package_add(&f.ctx, "3h", NULL, 180, 500, NULL,
	    NULL), 0);
	ck_assert_int_eq(seat_package_buy(&f.ctx, c, "3h", NULL, NULL), 0);
	ck_assert_int_eq(wallet(&f, c), 0);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 60 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.cost, 0);
	ck_assert_int_eq(rc.tx_id, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "seat.stop"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(expiry_ends_before_the_wallet_runs_out)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid;
	int n = -1;

	setup(&f);
	c = member(&f, "Mia", 100);		/* 10 minutes in VIP */
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, &sid, NULL), 0);
	backdate(&f, sid, 9 * 60);
	ck_assert_int_eq(seat_expire_due(&f.ctx, NOW, 60, &n), 0);
	ck_assert_int_eq(n, 0);			/* 10 min at 18:01: 1.00 */
	ck_assert_int_eq(seat_expire_due(&f.ctx, NOW, 61, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(station_state(&f, "VIP-01"), STATION_FREE);
	ck_assert_int_eq(wallet(&f, c), 10);	/* 9 minutes: 0.90 */
	ck_assert_int_eq(fixture_audit_count(&f, "seat.expire"), 1);
	(void)rc;
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(expiry_after_downtime_books_debt)
{
	struct fixture f;
	struct db_stmt *st;
	int64_t c, sid, debt;
	int n = -1;

	setup(&f);
	c = member(&f, "Mia", 100);
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, &sid, NULL), 0);
	backdate(&f, sid, 3600);		/* cafed was down an hour */
	ck_assert_int_eq(seat_expire_due(&f.ctx, NOW, 10, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(wallet(&f, c), 0);
	ck_assert_int_eq(ledger_balance(f.db, LEDGER_RECEIVABLE, c, &debt),
	    0);
	ck_assert_int_eq(debt, 500);
	ck_assert_int_eq(db_stmt(f.db, "SELECT end_reason, cost, paid, debt "
	    "FROM seat_sessions WHERE id = ?", &st), 0);
	db_bind_int(st, 1, sid);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "expired");
	ck_assert_int_eq(db_col_int(st, 1), 600);
	ck_assert_int_eq(db_col_int(st, 2), 100);
	ck_assert_int_eq(db_col_int(st, 3), 500);
	db_done(st);
	ledger_clean(&f);
	fixture_close(&f);
}
END_TEST

START_TEST(expiry_leaves_guests_and_paused_alone)
{
	struct fixture f;
	int64_t c, g;
	int n = -1;

	setup(&f);
	fixture_shift(&f, "carl");
	c = member(&f, "Mia", 100);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, &g, NULL), 0);
	backdate(&f, g, 5 * 3600);
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, NULL, NULL), 0);
	ck_assert_int_eq(seat_pause(&f.ctx, "VIP-01"), 0);
	ck_assert_int_eq(seat_expire_due(&f.ctx, NOW + 7200, 10, &n), 0);
	ck_assert_int_eq(n, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(time_left_at_the_current_price)
{
	struct fixture f;
	struct seat_view v;
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 600);		/* an hour in VIP */
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, &sid, NULL), 0);
	backdate(&f, sid, 10 * 60 + 30);	/* 11 started minutes: 1.10 */
	ck_assert_int_eq(seat_get(&f.ctx, "vip-01", NOW, &v), 0);
	ck_assert_str_eq(v.customer, "Mia");
	ck_assert_str_eq(v.zone, "VIP");
	ck_assert_int_eq(v.elapsed, 630);
	ck_assert_int_eq(v.cost, 110);
	ck_assert_int_eq(v.hourly_now, 600);
	ck_assert_int_eq(v.balance, 600);
	ck_assert_int_eq(v.seconds_left, 30 + 49 * 60);
	ck_assert_int_eq(v.warn, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(warning_under_ten_minutes)
{
	struct fixture f;
	struct seat_view *v;
	int64_t c, sid;
	size_t n;

	setup(&f);
	c = member(&f, "Mia", 150);
	ck_assert_int_eq(seat_start(&f.ctx, "VIP-01", c, &sid, NULL), 0);
	backdate(&f, sid, 10 * 60 + 30);
	ck_assert_int_eq(seat_list(&f.ctx, NOW, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].seconds_left, 30 + 4 * 60);
	ck_assert_int_eq(v[0].warn, 1);
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(guest_view_has_no_time_left)
{
	struct fixture f;
	struct seat_view v;

	setup(&f);
	fixture_shift(&f, "carl");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", 0, NULL, NULL), 0);
	ck_assert_int_eq(seat_get(&f.ctx, "PC-01", NOW, &v), 0);
	ck_assert_str_eq(v.customer, "guest");
	ck_assert_int_eq(v.seconds_left, -1);
	ck_assert_int_eq(seat_get(&f.ctx, "PC-02", NOW, &v), ERR_STATE);
	ck_assert_int_eq(seat_get(&f.ctx, "PC-99", NOW, &v), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(reserved_station_kept_for_its_customer)
{
	struct fixture f;
	struct reservation_info ri;
	struct reservation_new rn;
	const char *why = NULL;
	int64_t a, b, bid, sid;

	setup(&f);
	a = member(&f, "Mia", 1000);
	b = member(&f, "Noah", 1000);
	memset(&rn, 0, sizeof rn);
	rn.station = "PC-01";
	rn.customer_id = a;
	rn.from = NOW + 10 * 60;
	rn.to = NOW + 70 * 60;
	ck_assert_int_eq(reservation_add(&f.ctx, &rn, &bid, NULL), 0);
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_RESERVED);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", b, NULL, &why),
	    ERR_STATE);
	ck_assert_str_eq(why, "the station is reserved for another customer");
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", a, &sid, NULL), 0);
	ck_assert_int_eq(reservation_get(f.db, bid, &ri), 0);
	ck_assert_int_eq(ri.state, RESERVATION_SEATED);
	ck_assert_int_eq(ri.session_id, sid);
	fixture_close(&f);
}
END_TEST

START_TEST(sessions_survive_a_restart)
{
	struct fixture f;
	struct seat_receipt rc;
	int64_t c, sid;

	fixture_open(&f, 1);
	{
		struct zone_new std = { "Standard", 300, 400, 0 };

		ck_assert_int_eq(station_zone_add(&f.ctx, &std, NULL, NULL),
		    0);
		ck_assert_int_eq(station_add(&f.ctx, "PC-01", "Standard",
		    NULL, NULL, NULL), 0);
	}
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 20 * 60);
	db_close(f.db);
	ck_assert_int_eq(db_open(f.db_path, 0, &f.db), 0);
	f.ctx.db = f.db;
	ck_assert_int_eq(station_state(&f, "PC-01"), STATION_IN_USE);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	ck_assert_int_eq(rc.minutes, 20);
	ck_assert_int_eq(rc.cost, 100);
	fixture_close(&f);
}
END_TEST

START_TEST(receipt_states_the_rounding_rule)
{
	struct fixture f;
	struct seat_receipt rc;
	char buf[1024];
	int64_t c, sid;

	setup(&f);
	c = member(&f, "Mia", 1000);
	ck_assert_int_eq(seat_start(&f.ctx, "PC-01", c, &sid, NULL), 0);
	backdate(&f, sid, 7 * 60);
	ck_assert_int_eq(seat_stop(&f.ctx, "PC-01", 0, 0, &rc, NULL), 0);
	seat_receipt_text(f.db, &rc, buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "PC-01 2026-11-22 17:53 to 18:00: "
	    "7 min\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  17:53 7 min x 3.00/h = 0.35\n"));
	ck_assert_ptr_nonnull(strstr(buf, "cost 0.35 EUR from the wallet\n"));
	ck_assert_ptr_nonnull(strstr(buf, "rounded half up to 0.01"));
	fixture_close(&f);
}
END_TEST

static Suite *
seat_suite(void)
{
	Suite *s = suite_create("seat");
	TCase *tc = tcase_create("core");

	/* Frozen before any test forks, so every test sees 18:00Z. */
	setenv("CAFED_NOW", "2026-11-22T18:00:00Z", 1);
	tcase_add_test(tc, member_session_charged_at_stop);
	tcase_add_test(tc, guest_pays_cash_into_the_shift);
	tcase_add_test(tc, guest_pays_by_card);
	tcase_add_test(tc, cashier_guest_pays_into_own_shift);
	tcase_add_test(tc, guest_money_not_into_anothers_shift);
	tcase_add_test(tc, guest_refused_without_shift);
	tcase_add_test(tc, cashier_guest_needs_own_shift);
	tcase_add_test(tc, guest_stop_refused_when_shift_closed);
	tcase_add_test(tc, station_busy_refused);
	tcase_add_test(tc, station_in_maintenance_refused);
	tcase_add_test(tc, station_unknown_refused);
	tcase_add_test(tc, wallet_empty_refused);
	tcase_add_test(tc, wallet_below_minimum_refused);
	tcase_add_test(tc, customer_unknown_or_disabled_refused);
	tcase_add_test(tc, customer_plays_once_at_a_time);
	tcase_add_test(tc, auditor_may_not_start);
	tcase_add_test(tc, stop_without_session_refused);
	tcase_add_test(tc, stop_twice_charges_once);
	tcase_add_test(tc, cost_over_wallet_becomes_debt);
	tcase_add_test(tc, raised_to_the_minimum);
	tcase_add_test(tc, move_keeps_time_and_prices_each_zone);
	tcase_add_test(tc, move_refused_to_a_busy_station);
	tcase_add_test(tc, pause_stops_the_meter);
	tcase_add_test(tc, pause_needs_station_manage);
	tcase_add_test(tc, extend_buys_a_package_used_first);
	tcase_add_test(tc, extend_is_idempotent);
	tcase_add_test(tc, extend_refusals);
	tcase_add_test(tc, package_minutes_let_an_empty_wallet_play);
	tcase_add_test(tc, expiry_ends_before_the_wallet_runs_out);
	tcase_add_test(tc, expiry_after_downtime_books_debt);
	tcase_add_test(tc, expiry_leaves_guests_and_paused_alone);
	tcase_add_test(tc, time_left_at_the_current_price);
	tcase_add_test(tc, warning_under_ten_minutes);
	tcase_add_test(tc, guest_view_has_no_time_left);
	tcase_add_test(tc, reserved_station_kept_for_its_customer);
	tcase_add_test(tc, sessions_survive_a_restart);
	tcase_add_test(tc, receipt_states_the_rounding_rule);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(seat_suite)

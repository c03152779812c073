/*
 * check_reservation.c -- bookings: overlaps refused, a station of a
 * zone assigned, cancelling, no-shows released, the day's list.
 * The clock is frozen at 2026-11-22T18:00:00Z.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "db/db.h"
#include "model/customer.h"
#include "model/perm.h"
#include "model/reservation.h"
#include "model/settings.h"
#include "model/station.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define NOW	INT64_C(1795370400)	/* 2026-11-22T18:00:00Z */
#define MIN	60

static int64_t mia, noah;

static void
setup(struct fixture *f)
{
	ck_assert_int_eq(clock_now(), NOW);
	fixture_open(f, 0);
	fixture_floor(f, -1);
	mia = fixture_customer(f, "Mia");
	noah = fixture_customer(f, "Noah");
}

static int
book(struct fixture *f, const char *station, const char *zone,
    int64_t customer, int64_t from, int64_t to, int64_t *id)
{
	struct reservation_new rn;

	memset(&rn, 0, sizeof rn);
	rn.station = station;
	rn.zone = zone;
	rn.customer_id = customer;
	rn.from = from;
	rn.to = to;
	return reservation_add(&f->ctx, &rn, id, NULL);
}

START_TEST(book_a_station)
{
	struct fixture f;
	struct reservation_info ri;
	int64_t id = 0;

	setup(&f);
	ck_assert_int_eq(book(&f, "pc-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 180 * MIN, &id), 0);
	ck_assert_int_eq(reservation_get(f.db, id, &ri), 0);
	ck_assert_str_eq(ri.station, "PC-01");
	ck_assert_str_eq(ri.zone, "Standard");
	ck_assert_str_eq(ri.customer, "Mia");
	ck_assert_int_eq(ri.any_station, 0);
	ck_assert_int_eq(ri.starts_at, NOW + 60 * MIN);
	ck_assert_int_eq(ri.state, RESERVATION_BOOKED);
	ck_assert_int_eq(fixture_audit_count(&f, "reservation.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(overlap_on_a_station_refused)
{
	struct fixture f;
	struct reservation_new rn;
	const char *why = NULL;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), 0);
	memset(&rn, 0, sizeof rn);
	rn.station = "PC-01";
	rn.customer_id = noah;
	rn.from = NOW + 90 * MIN;
	rn.to = NOW + 150 * MIN;
	ck_assert_int_eq(reservation_add(&f.ctx, &rn, NULL, &why),
	    ERR_EXISTS);
	ck_assert_ptr_nonnull(why);
	rn.from = NOW + 30 * MIN;
	rn.to = NOW + 61 * MIN;
	ck_assert_int_eq(reservation_add(&f.ctx, &rn, NULL, NULL),
	    ERR_EXISTS);
	/* Back to back is fine. */
	rn.from = NOW + 120 * MIN;
	rn.to = NOW + 150 * MIN;
	ck_assert_int_eq(reservation_add(&f.ctx, &rn, NULL, NULL), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "reservation.add"), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(customer_booked_twice_refused)
{
	struct fixture f;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), 0);
	ck_assert_int_eq(book(&f, "VIP-01", NULL, mia, NOW + 90 * MIN,
	    NOW + 100 * MIN, NULL), ERR_EXISTS);
	fixture_close(&f);
}
END_TEST

START_TEST(any_station_of_a_zone)
{
	struct fixture f;
	struct reservation_info ri;
	struct customer_new c = { "Ola", NULL, NULL, NULL };
	int64_t id1, id2, ola;

	setup(&f);
	ck_assert_int_eq(customer_add(&f.ctx, &c, &ola, NULL), 0);
	ck_assert_int_eq(book(&f, NULL, "standard", mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, &id1), 0);
	ck_assert_int_eq(book(&f, NULL, "Standard", noah, NOW + 60 * MIN,
	    NOW + 120 * MIN, &id2), 0);
	ck_assert_int_eq(reservation_get(f.db, id1, &ri), 0);
	ck_assert_str_eq(ri.station, "PC-01");
	ck_assert_int_eq(ri.any_station, 1);
	ck_assert_int_eq(reservation_get(f.db, id2, &ri), 0);
	ck_assert_str_eq(ri.station, "PC-02");
	ck_assert_int_eq(book(&f, NULL, "Standard", ola, NOW + 90 * MIN,
	    NOW + 100 * MIN, NULL), ERR_EXISTS);
	ck_assert_int_eq(book(&f, NULL, "Nowhere", ola, NOW + 90 * MIN,
	    NOW + 100 * MIN, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(bad_slots_refused)
{
	struct fixture f;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 60 * MIN, NULL), ERR_INVALID);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW - 120 * MIN,
	    NOW - 60 * MIN, NULL), ERR_INVALID);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW,
	    NOW + 25 * 3600, NULL), ERR_RANGE);
	ck_assert_int_eq(fixture_audit_count(&f, "reservation.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(unknown_things_refused)
{
	struct fixture f;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-77", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(book(&f, "PC-01", NULL, 4242, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(customer_set_disabled(&f.ctx, noah, 1), 0);
	ck_assert_int_eq(book(&f, "PC-01", NULL, noah, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), ERR_DISABLED);
	fixture_close(&f);
}
END_TEST

START_TEST(auditor_may_not_book)
{
	struct fixture f;

	setup(&f);
	fixture_act(&f, fixture_user(&f, "olga", ROLE_AUDITOR), "olga",
	    ROLE_AUDITOR);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(cancel_frees_the_slot)
{
	struct fixture f;
	struct reservation_info ri;
	int64_t id;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, &id), 0);
	ck_assert_int_eq(reservation_cancel(&f.ctx, id), 0);
	ck_assert_int_eq(reservation_get(f.db, id, &ri), 0);
	ck_assert_int_eq(ri.state, RESERVATION_CANCELLED);
	ck_assert_int_eq(reservation_cancel(&f.ctx, id), ERR_STATE);
	ck_assert_int_eq(reservation_cancel(&f.ctx, 999), ERR_NOTFOUND);
	ck_assert_int_eq(book(&f, "PC-01", NULL, noah, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), 0);
	ck_assert_int_eq(fixture_audit_count(&f, "reservation.cancel"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(no_show_released_after_grace)
{
	struct fixture f;
	struct reservation_info ri;
	struct station_info s;
	int64_t late, early;
	int n = -1;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW - 20 * MIN,
	    NOW + 40 * MIN, &late), 0);
	ck_assert_int_eq(book(&f, "PC-02", NULL, noah, NOW - 10 * MIN,
	    NOW + 50 * MIN, &early), 0);
	ck_assert_int_eq(station_find(f.db, "PC-02", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_RESERVED);
	ck_assert_int_eq(reservation_release_due(&f.ctx, NOW, &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(reservation_get(f.db, late, &ri), 0);
	ck_assert_int_eq(ri.state, RESERVATION_RELEASED);
	ck_assert_int_eq(reservation_get(f.db, early, &ri), 0);
	ck_assert_int_eq(ri.state, RESERVATION_BOOKED);
	ck_assert_int_eq(fixture_audit_count(&f, "reservation.noshow"), 1);
	ck_assert_int_eq(reservation_release_due(&f.ctx, NOW, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(reservation_release_due(&f.ctx, NOW + 10 * MIN, &n),
	    0);
	ck_assert_int_eq(n, 1);
	fixture_close(&f);
}
END_TEST

START_TEST(seated_booking_is_not_a_no_show)
{
	struct fixture f;
	struct reservation_info ri;
	int64_t id, seated;
	int n = -1;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW - 5 * MIN,
	    NOW + 60 * MIN, &id), 0);
	ck_assert_int_eq(reservation_seat(f.db, mia, 0, NOW, &seated), 0);
	ck_assert_int_eq(seated, id);
	ck_assert_int_eq(reservation_release_due(&f.ctx, NOW + 30 * MIN, &n),
	    0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(reservation_get(f.db, id, &ri), 0);
	ck_assert_int_eq(ri.state, RESERVATION_SEATED);
	fixture_close(&f);
}
END_TEST

START_TEST(lead_time_is_a_setting)
{
	struct fixture f;
	struct station_info s;

	setup(&f);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 25 * MIN,
	    NOW + 60 * MIN, NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_FREE);
	ck_assert_int_eq(settings_set(&f.ctx, "reservation.lead_minutes",
	    "30", NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_RESERVED);
	fixture_close(&f);
}
END_TEST

START_TEST(todays_bookings_in_order)
{
	struct fixture f;
	struct reservation_info *v;
	int64_t from, to;
	size_t n;

	setup(&f);
	ck_assert_int_eq(book(&f, "VIP-01", NULL, mia, NOW + 60 * MIN,
	    NOW + 120 * MIN, NULL), 0);
	ck_assert_int_eq(book(&f, "PC-02", NULL, noah, NOW + 30 * MIN,
	    NOW + 90 * MIN, NULL), 0);
	ck_assert_int_eq(book(&f, "PC-01", NULL, mia, NOW + 8 * 3600,
	    NOW + 9 * 3600, NULL), 0);		/* tomorrow */
	reservation_day(NOW, "UTC", &from, &to);
	ck_assert_int_eq(from, NOW - 18 * 3600);
	ck_assert_int_eq(to, from + 24 * 3600);
	ck_assert_int_eq(reservation_list(f.db, from, to, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].station, "PC-02");
	ck_assert_str_eq(v[1].station, "VIP-01");
	free(v);
	fixture_close(&f);
}
END_TEST

START_TEST(a_dst_day_has_23_hours)
{
	int64_t from, to, t;

	ck_assert_int_eq(clock_parse_iso("2026-03-29T12:00:00Z", NULL, &t), 0);
	reservation_day(t, "Europe/Berlin", &from, &to);
	ck_assert_int_eq(to - from, 23 * 3600);
	ck_assert_int_eq(clock_parse_iso("2026-10-25T12:00:00Z", NULL, &t), 0);
	reservation_day(t, "Europe/Berlin", &from, &to);
	ck_assert_int_eq(to - from, 25 * 3600);
}
END_TEST

static Suite *
reservation_suite(void)
{
	Suite *s = suite_create("reservation");
	TCase *tc = tcase_create("core");

	setenv("CAFED_NOW", "2026-11-22T18:00:00Z", 1);
	tcase_add_test(tc, book_a_station);
	tcase_add_test(tc, overlap_on_a_station_refused);
	tcase_add_test(tc, customer_booked_twice_refused);
	tcase_add_test(tc, any_station_of_a_zone);
	tcase_add_test(tc, bad_slots_refused);
	tcase_add_test(tc, unknown_things_refused);
	tcase_add_test(tc, auditor_may_not_book);
	tcase_add_test(tc, cancel_frees_the_slot);
	tcase_add_test(tc, no_show_released_after_grace);
	tcase_add_test(tc, seated_booking_is_not_a_no_show);
	tcase_add_test(tc, lead_time_is_a_setting);
	tcase_add_test(tc, todays_bookings_in_order);
	tcase_add_test(tc, a_dst_day_has_23_hours);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(reservation_suite)

/*
 * check_station.c -- zones, time rules, stations and their states.
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
#include "model/perm.h"
#include "model/station.h"
#include "tests/lib/fixture.h"
#include "tests/lib/testlib.h"

#define NOW	INT64_C(1795370400)	/* 2026-11-22T18:00:00Z */

static int64_t
add_zone(struct fixture *f, const char *name, int64_t hourly)
{
	struct zone_new nz = { name, hourly, -1, 0 };
	int64_t id = 0;

	ck_assert_int_eq(station_zone_add(&f->ctx, &nz, &id, NULL), 0);
	return id;
}

static int64_t
add_station(struct fixture *f, const char *name, const char *zone)
{
	int64_t id = 0;

	ck_assert_int_eq(station_add(&f->ctx, name, zone, NULL, &id, NULL),
	    0);
	return id;
}

START_TEST(zone_add_and_find_any_case)
{
	struct fixture f;
	struct zone_info z;
	int64_t id;

	fixture_open(&f, 0);
	id = add_zone(&f, "VIP", 450);
	ck_assert_int_eq(station_zone_find(f.db, "vip", &z), 0);
	ck_assert_int_eq(z.id, id);
	ck_assert_str_eq(z.name, "VIP");
	ck_assert_int_eq(z.hourly, 450);
	ck_assert_int_eq(z.guest_hourly, 450);
	ck_assert_int_eq(z.minimum, 0);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.add"), 1);
	ck_assert_int_eq(station_zone_find(f.db, "Console", &z),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(zone_duplicate_refused)
{
	struct fixture f;
	struct zone_new nz = { "standard", 300, -1, 0 };

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, NULL),
	    ERR_EXISTS);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(zone_bad_input_refused)
{
	struct fixture f;
	struct zone_new nz = { " VIP", 300, -1, 0 };
	const char *why = NULL;

	fixture_open(&f, 0);
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, &why),
	    ERR_INVALID);
	ck_assert_ptr_nonnull(why);
	nz.name = "VIP";
	nz.hourly = -1;
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, &why),
	    ERR_INVALID);
	nz.hourly = 300;
	nz.name = "a\033[2Jb";
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, &why),
	    ERR_INVALID);
	nz.name = "abcdefghijklmnopqrstuvwxyz0123456";
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, &why),
	    ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(zone_add_needs_station_manage)
{
	struct fixture f;
	struct zone_new nz = { "VIP", 300, -1, 0 };

	fixture_open(&f, 0);
	fixture_act(&f, fixture_user(&f, "carl", ROLE_CASHIER), "carl",
	    ROLE_CASHIER);
	ck_assert_int_eq(station_zone_add(&f.ctx, &nz, NULL, NULL),
	    ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(zone_edit_changes_prices)
{
	struct fixture f;
	struct zone_new nz = { "VIP Lounge", 500, 600, 200 };
	struct zone_info z;

	fixture_open(&f, 0);
	add_zone(&f, "VIP", 450);
	ck_assert_int_eq(station_zone_edit(&f.ctx, "vip", &nz, NULL), 0);
	ck_assert_int_eq(station_zone_find(f.db, "vip lounge", &z), 0);
	ck_assert_int_eq(z.hourly, 500);
	ck_assert_int_eq(z.guest_hourly, 600);
	ck_assert_int_eq(z.minimum, 200);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.edit"), 1);
	ck_assert_int_eq(station_zone_edit(&f.ctx, "nope", &nz, NULL),
	    ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(zone_retire_refused_while_stations)
{
	struct fixture f;
	struct zone_info z;
	const char *why = NULL;

	fixture_open(&f, 0);
	add_zone(&f, "VIP", 450);
	add_station(&f, "VIP-1", "VIP");
	ck_assert_int_eq(station_zone_retire(&f.ctx, "VIP"), ERR_STATE);
	ck_assert_int_eq(station_retire(&f.ctx, "VIP-1", NULL), 0);
	ck_assert_int_eq(station_zone_retire(&f.ctx, "VIP"), 0);
	ck_assert_int_eq(station_zone_find(f.db, "VIP", &z), 0);
	ck_assert_int_eq(z.retired, 1);
	ck_assert_int_eq(station_add(&f.ctx, "VIP-2", "VIP", NULL, NULL,
	    &why), ERR_STATE);
	ck_assert_int_eq(fixture_audit_count(&f, "zone.retire"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(station_add_find_list)
{
	struct fixture f;
	struct station_info s, *v;
	size_t n;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_station(&f, "PC-02", "standard");
	ck_assert_int_eq(station_add(&f.ctx, "PC-01", "Standard",
	    "RTX 4070, 240 Hz", NULL, NULL), 0);
	ck_assert_int_eq(station_find(f.db, "pc-01", NOW, &s), 0);
	ck_assert_str_eq(s.name, "PC-01");
	ck_assert_str_eq(s.zone, "Standard");
	ck_assert_str_eq(s.note, "RTX 4070, 240 Hz");
	ck_assert_int_eq(s.state, STATION_FREE);
	ck_assert_int_eq(station_list(f.db, NOW, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].name, "PC-01");
	ck_assert_str_eq(v[1].name, "PC-02");
	free(v);
	ck_assert_int_eq(fixture_audit_count(&f, "station.add"), 2);
	fixture_close(&f);
}
END_TEST

START_TEST(station_add_refusals)
{
	struct fixture f;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_station(&f, "PC-01", "Standard");
	ck_assert_int_eq(station_add(&f.ctx, "pc-01", "Standard", NULL, NULL,
	    NULL), ERR_EXISTS);
	ck_assert_int_eq(station_add(&f.ctx, "PC-09", "Nowhere", NULL, NULL,
	    NULL), ERR_NOTFOUND);
	ck_assert_int_eq(station_add(&f.ctx, "", "Standard", NULL, NULL,
	    NULL), ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "station.add"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(station_unknown)
{
	struct fixture f;
	struct station_info s;

	fixture_open(&f, 0);
	ck_assert_int_eq(station_find(f.db, "PC-77", NOW, &s), ERR_NOTFOUND);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-77",
	    STATION_MAINTENANCE, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(state_set_by_staff)
{
	struct fixture f;
	struct station_info s;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_station(&f, "PC-01", "Standard");
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_MAINTENANCE);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01", STATION_OFFLINE,
	    NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_OFFLINE);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01", STATION_FREE,
	    NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_FREE);
	ck_assert_int_eq(fixture_audit_count(&f, "station.state"), 3);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01", STATION_IN_USE,
	    NULL), ERR_INVALID);
	fixture_close(&f);
}
END_TEST

START_TEST(state_needs_station_manage)
{
	struct fixture f;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_station(&f, "PC-01", "Standard");
	fixture_act(&f, fixture_user(&f, "carl", ROLE_CASHIER), "carl",
	    ROLE_CASHIER);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, NULL), ERR_DENIED);
	ck_assert_int_eq(fixture_audit_count(&f, "denied"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(open_session_means_in_use)
{
	struct fixture f;
	struct station_info s;
	const char *why = NULL;
	int64_t id;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	id = add_station(&f, "PC-01", "Standard");
	fixture_sql(&f, "INSERT INTO seat_sessions (station_id, started_at, "
	    "started_by) VALUES (%lld, %lld, 'test')", (long long)id,
	    (long long)(NOW - 600));
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_IN_USE);
	ck_assert_int_ne(s.session_id, 0);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, &why), ERR_STATE);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(station_retire(&f.ctx, "PC-01", &why), ERR_STATE);
	fixture_close(&f);
}
END_TEST

START_TEST(booking_makes_reserved_from_lead_time)
{
	struct fixture f;
	struct station_info s;
	int64_t id;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	id = add_station(&f, "PC-01", "Standard");
	fixture_sql(&f, "INSERT INTO reservations (station_id, zone_id, "
	    "customer_id, starts_at, ends_at, created_at, created_by) "
	    "VALUES (%lld, 1, %lld, %lld, 1895370400, 0, 'test')",
	    (long long)id,
	    (long long)fixture_customer(&f, "Mia"), (long long)(NOW + 20 * 60));
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_FREE);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW + 5 * 60, &s), 0);
	ck_assert_int_eq(s.state, STATION_RESERVED);
	ck_assert_int_ne(s.reservation_id, 0);
	/* Past its 15 minutes of grace, a no-show no longer holds it. */
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW + 35 * 60, &s), 0);
	ck_assert_int_eq(s.state, STATION_FREE);
	ck_assert_int_eq(station_retire(&f.ctx, "PC-01", NULL), ERR_STATE);
	fixture_close(&f);
}
END_TEST

START_TEST(maintenance_beats_reserved)
{
	struct fixture f;
	struct station_info s;
	int64_t id;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	id = add_station(&f, "PC-01", "Standard");
	fixture_sql(&f, "INSERT INTO reservations (station_id, zone_id, "
	    "customer_id, starts_at, ends_at, created_at, created_by) "
	    "VALUES (%lld, 1, %lld, %lld, 1895370400, 0, 'test')",
	    (long long)id,
	    (long long)fixture_customer(&f, "Mia"), (long long)NOW);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, NULL), 0);
	ck_assert_int_eq(station_find(f.db, "PC-01", NOW, &s), 0);
	ck_assert_int_eq(s.state, STATION_MAINTENANCE);
	ck_assert_int_eq(s.reservation_id, 0);
	fixture_close(&f);
}
END_TEST

START_TEST(station_edit_renames_and_moves)
{
	struct fixture f;
	struct station_info s;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_zone(&f, "VIP", 450);
	add_station(&f, "PC-01", "Standard");
	add_station(&f, "PC-02", "Standard");
	ck_assert_int_eq(station_edit(&f.ctx, "PC-01", "VIP-01", "VIP",
	    "new chair", NULL), 0);
	ck_assert_int_eq(station_find(f.db, "VIP-01", NOW, &s), 0);
	ck_assert_str_eq(s.zone, "VIP");
	ck_assert_str_eq(s.note, "new chair");
	ck_assert_int_eq(station_edit(&f.ctx, "VIP-01", "pc-02", NULL, NULL,
	    NULL), ERR_EXISTS);
	ck_assert_int_eq(station_edit(&f.ctx, "VIP-01", NULL, "Nowhere", NULL,
	    NULL), ERR_NOTFOUND);
	ck_assert_int_eq(fixture_audit_count(&f, "station.edit"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(retired_station_leaves_the_list)
{
	struct fixture f;
	struct station_info *v;
	size_t n;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	add_station(&f, "PC-01", "Standard");
	add_station(&f, "PC-02", "Standard");
	ck_assert_int_eq(station_retire(&f.ctx, "PC-01", NULL), 0);
	ck_assert_int_eq(station_list(f.db, NOW, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].name, "PC-02");
	free(v);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-01",
	    STATION_MAINTENANCE, NULL), ERR_NOTFOUND);
	fixture_close(&f);
}
END_TEST

START_TEST(rules_add_list_remove)
{
	struct fixture f;
	struct pricing_rule r = { 0, 0x1f, 14 * 60, 17 * 60, 200, -1 };
	struct rule_info *v;
	int64_t id1, id2;
	size_t n;

	fixture_open(&f, 0);
	add_zone(&f, "VIP", 450);
	ck_assert_int_eq(station_rule_add(&f.ctx, "VIP", "happy hour", &r,
	    &id1, NULL), 0);
	r.days = PRICING_ALL_DAYS;
	r.from_min = 22 * 60;
	r.to_min = 6 * 60;
	r.hourly = 100;
	ck_assert_int_eq(station_rule_add(&f.ctx, NULL, "night", &r, &id2,
	    NULL), 0);
	ck_assert_int_eq(station_rule_list(f.db, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, id2);		/* every-zone rules first */
	ck_assert_int_eq(v[0].zone_id, 0);
	ck_assert_int_eq(v[1].id, id1);
	ck_assert_str_eq(v[1].zone, "VIP");
	ck_assert_int_eq(v[1].rule.guest_hourly, 200);
	free(v);
	ck_assert_int_eq(station_rule_remove(&f.ctx, id1), 0);
	ck_assert_int_eq(station_rule_remove(&f.ctx, id1), ERR_NOTFOUND);
	ck_assert_int_eq(station_rule_list(f.db, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	free(v);
	ck_assert_int_eq(fixture_audit_count(&f, "rule.add"), 2);
	ck_assert_int_eq(fixture_audit_count(&f, "rule.remove"), 1);
	fixture_close(&f);
}
END_TEST

START_TEST(rule_refusals)
{
	struct fixture f;
	struct pricing_rule r = { 0, 0x1f, 14 * 60, 14 * 60, 200, -1 };
	const char *why = NULL;

	fixture_open(&f, 0);
	add_zone(&f, "VIP", 450);
	ck_assert_int_eq(station_rule_add(&f.ctx, "VIP", "hh", &r, NULL,
	    &why), ERR_INVALID);
	ck_assert_ptr_nonnull(why);
	r.to_min = 17 * 60;
	ck_assert_int_eq(station_rule_add(&f.ctx, "Nope", "hh", &r, NULL,
	    NULL), ERR_NOTFOUND);
	r.days = 0;
	ck_assert_int_eq(station_rule_add(&f.ctx, "VIP", "hh", &r, NULL,
	    NULL), ERR_INVALID);
	ck_assert_int_eq(fixture_audit_count(&f, "rule.add"), 0);
	fixture_close(&f);
}
END_TEST

START_TEST(prices_give_each_zone_its_rules_in_order)
{
	struct fixture f;
	struct pricing_rule r = { 0, PRICING_ALL_DAYS, 0, 1440, 100, -1 };
	const struct pricing_zone *z;
	struct station_prices *p;
	int64_t vip, std, all, own;

	fixture_open(&f, 0);
	vip = add_zone(&f, "VIP", 450);
	std = add_zone(&f, "Standard", 300);
	ck_assert_int_eq(station_rule_add(&f.ctx, "VIP", "vip day", &r, &own,
	    NULL), 0);
	ck_assert_int_eq(station_rule_add(&f.ctx, NULL, "all day", &r, &all,
	    NULL), 0);
	ck_assert_int_eq(station_prices_load(f.db, &p), 0);
	z = station_prices_zone(p, vip);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(z->hourly, 450);
	ck_assert_uint_eq(z->nrules, 2);
	ck_assert_int_eq(z->rules[0].id, all);
	ck_assert_int_eq(z->rules[1].id, own);
	z = station_prices_zone(p, std);
	ck_assert_uint_eq(z->nrules, 1);
	ck_assert_int_eq(z->rules[0].id, all);
	ck_assert_ptr_null(station_prices_zone(p, 999));
	station_prices_free(p);
	fixture_close(&f);
}
END_TEST

START_TEST(occupancy_counts_each_state)
{
	struct fixture f;
	struct station_counts c;
	int64_t id;

	fixture_open(&f, 0);
	add_zone(&f, "Standard", 300);
	id = add_station(&f, "PC-01", "Standard");
	add_station(&f, "PC-02", "Standard");
	add_station(&f, "PC-03", "Standard");
	add_station(&f, "PC-04", "Standard");
	fixture_sql(&f, "INSERT INTO seat_sessions (station_id, started_at, "
	    "started_by) VALUES (%lld, %lld, 'test')", (long long)id,
	    (long long)NOW);
	ck_assert_int_eq(station_set_state(&f.ctx, "PC-02", STATION_OFFLINE,
	    NULL), 0);
	ck_assert_int_eq(station_occupancy(f.db, NOW, &c), 0);
	ck_assert_int_eq(c.total, 4);
	ck_assert_int_eq(c.by_state[STATION_IN_USE], 1);
	ck_assert_int_eq(c.by_state[STATION_OFFLINE], 1);
	ck_assert_int_eq(c.by_state[STATION_FREE], 2);
	fixture_close(&f);
}
END_TEST

START_TEST(state_names_round_trip)
{
	int i, s;

	for (i = 0; i < STATION__NSTATES; i++) {
		ck_assert_int_eq(station_state_parse(station_state_name(i),
		    &s), 0);
		ck_assert_int_eq(s, i);
	}
	ck_assert_int_eq(station_state_parse("busy", &s), ERR_INVALID);
	ck_assert_ptr_null(station_state_name(STATION__NSTATES));
}
END_TEST

static Suite *
station_suite(void)
{
	Suite *s = suite_create("station");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, zone_add_and_find_any_case);
	tcase_add_test(tc, zone_duplicate_refused);
	tcase_add_test(tc, zone_bad_input_refused);
	tcase_add_test(tc, zone_add_needs_station_manage);
	tcase_add_test(tc, zone_edit_changes_prices);
	tcase_add_test(tc, zone_retire_refused_while_stations);
	tcase_add_test(tc, station_add_find_list);
	tcase_add_test(tc, station_add_refusals);
	tcase_add_test(tc, station_unknown);
	tcase_add_test(tc, state_set_by_staff);
	tcase_add_test(tc, state_needs_station_manage);
	tcase_add_test(tc, open_session_means_in_use);
	tcase_add_test(tc, booking_makes_reserved_from_lead_time);
	tcase_add_test(tc, maintenance_beats_reserved);
	tcase_add_test(tc, station_edit_renames_and_moves);
	tcase_add_test(tc, retired_station_leaves_the_list);
	tcase_add_test(tc, rules_add_list_remove);
	tcase_add_test(tc, rule_refusals);
	tcase_add_test(tc, prices_give_each_zone_its_rules_in_order);
	tcase_add_test(tc, occupancy_counts_each_state);
	tcase_add_test(tc, state_names_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(station_suite)

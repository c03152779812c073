/*
 * check_pricing.c -- the price of billed time: started minutes, rounding
 * once per piece, rule windows, midnight, daylight-saving changes,
 * minimums, packages, pauses and moves.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "model/pricing.h"
#include "tests/lib/testlib.h"

/* An ISO 8601 time (with its zone) as epoch seconds. */
static int64_t
T(const char *iso)
{
	int64_t t;

	ck_assert_int_eq(clock_parse_iso(iso, "UTC", &t), 0);
	return t;
}

static struct pricing_zone
zone(int64_t id, int64_t hourly, int64_t guest, int64_t minimum)
{
	struct pricing_zone z;

	memset(&z, 0, sizeof z);
	z.id = id;
	z.hourly = hourly;
	z.guest_hourly = guest;
	z.minimum = minimum;
	return z;
}

static struct pricing_rule
rule(int64_t id, unsigned int days, int from, int to, int64_t hourly)
{
	struct pricing_rule r;

	memset(&r, 0, sizeof r);
	r.id = id;
	r.days = days;
	r.from_min = from;
	r.to_min = to;
	r.hourly = hourly;
	r.guest_hourly = hourly + 100;
	return r;
}

/* Price one span on z from..to in tz for a member. */
static struct pricing_result
price1(const struct pricing_zone *z, const char *from, const char *to,
    const char *tz)
{
	struct pricing_span s = { z, T(from), T(to) };
	struct pricing_result res;

	ck_assert_int_eq(pricing_price(&s, 1, tz, 0, NULL, 0, &res), 0);
	return res;
}

/*
 * One span priced for a member: a zone (and at most one rule) from..to
 * in tz, and what must come out. -1 (NULL for an edge) is not checked;
 * edge[k] is where piece k starts.
 */
struct span_case {
	const char	*what;
	int64_t		 hourly, guest, minimum;
	int64_t		 rule_id;		/* 0: no rule */
	unsigned int	 days;
	int		 rfrom, rto;
	int64_t		 rhourly;
	const char	*from, *to, *tz;
	int64_t		 seconds, minutes, npieces;
	int64_t		 subtotal, minimum_added, total, hourly_now;
	const char	*edge[3];
};

#define DAY	(24 * 60)
#define ALL	PRICING_ALL_DAYS
#define WE	(PRICING_SAT | PRICING_SUN)

static const struct span_case spans[] = {
	{ "one hour at the hourly price", 300, 400, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T19:00:00Z", "UTC",
	  -1, 60, 1, -1, -1, 300, 300, { NULL } },
	{ "started minutes count whole", 600, 600, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:01:01Z", "UTC",
	  61, 2, -1, -1, -1, 20, -1, { NULL } },
	{ "one second is a started minute", 600, 600, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:00:01Z", "UTC",
	  -1, 1, -1, -1, -1, 10, -1, { NULL } },
	/* 3 minutes at 0.50 an hour: 150 / 60 = 2.5 cents -> 3. */
	{ "half rounds up", 50, 50, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:03:00Z", "UTC",
	  -1, -1, -1, -1, -1, 3, -1, { NULL } },
	/* 1 minute at 1.00: 1.67 cents -> 2; 29 minutes: 48.33 -> 48. */
	{ "1.67 rounds to 2", 100, 100, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:01:00Z", "UTC",
	  -1, -1, -1, -1, -1, 2, -1, { NULL } },
	{ "48.33 rounds to 48", 100, 100, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:29:00Z", "UTC",
	  -1, -1, -1, -1, -1, 48, -1, { NULL } },
	/* 7 minutes at 1.00: 11.67 -> 12 (per minute it would be 14). */
	{ "rounded once, not per minute", 100, 100, 0, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:07:00Z", "UTC",
	  -1, -1, -1, -1, -1, 12, -1, { NULL } },
	{ "zero length costs nothing", 300, 300, 500, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:00:00Z", "UTC",
	  -1, 0, 0, -1, -1, 0, 300, { NULL } },
	{ "raised to the minimum", 300, 300, 100, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:10:00Z", "UTC",
	  -1, -1, -1, 50, 50, 100, -1, { NULL } },
	{ "above the minimum", 300, 300, 100, 0, 0, 0, 0, 0,
	  "2026-11-22T18:00:00Z", "2026-11-22T18:30:00Z", "UTC",
	  -1, -1, -1, -1, 0, 150, -1, { NULL } },
	/* Minutes start 16:59:30 (free) and 17:00:30 (6.00 an hour). */
	{ "a minute costs the price where it starts", 0, 0, 0,
	  2, ALL, 17 * 60, 18 * 60, 600,
	  "2026-11-23T16:59:30Z", "2026-11-23T17:01:00Z", "UTC",
	  -1, 2, 2, -1, -1, 10, -1,
	  { NULL, "2026-11-23T17:00:30Z", NULL } },
	/* Friday night only: 22:00 Fri to 06:00 Sat (2026-11-27 a Friday). */
	{ "a night rule belongs to its evening", 300, 300, 0,
	  5, PRICING_FRI, 22 * 60, 6 * 60, 100,
	  "2026-11-28T05:00:00Z", "2026-11-28T07:00:00Z", "UTC",
	  -1, -1, -1, -1, -1, 100 + 300, -1, { NULL } },
	{ "Saturday night is the base price", 300, 300, 0,
	  5, PRICING_FRI, 22 * 60, 6 * 60, 100,
	  "2026-11-28T23:00:00Z", "2026-11-29T01:00:00Z", "UTC",
	  -1, -1, 1, -1, -1, 600, -1, { NULL } },
	{ "the weekend starts at midnight", 400, 400, 0,
	  9, WE, 0, DAY, 200,
	  "2026-11-27T23:00:00Z", "2026-11-28T01:00:00Z", "UTC",
	  -1, -1, 2, -1, -1, 600, -1,
	  { NULL, "2026-11-28T00:00:00Z", NULL } },
	/* 17 minutes at 1.00: 28.33 -> 28 once, not 17 + 12 = 29. */
	{ "the same rule past midnight is one piece", 900, 900, 0,
	  4, ALL, 0, DAY, 100,
	  "2026-11-22T23:50:00Z", "2026-11-23T00:07:00Z", "UTC",
	  -1, -1, 1, -1, -1, 28, -1, { NULL } },
	/* Weekend in Tokyo starts Friday 15:00 UTC. */
	{ "midnight in the cafe's zone, not UTC's", 600, 600, 0,
	  9, WE, 0, DAY, 0,
	  "2026-11-27T14:00:00Z", "2026-11-27T16:00:00Z", "Asia/Tokyo",
	  -1, -1, 2, -1, -1, 600, -1,
	  { NULL, "2026-11-27T15:00:00Z", NULL } },
	/* Berlin 2026-03-29: 02:00 CET -> 03:00 CEST. 22:00-06:00 is 7 h. */
	{ "spring forward: the night is shorter", 300, 300, 0,
	  5, ALL, 22 * 60, 6 * 60, 100,
	  "2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z", "Europe/Berlin",
	  -1, 420, 1, -1, -1, 700, -1, { NULL } },
	/* One more hour, 06:00-07:00 CEST, is day price. */
	{ "spring forward: then the day price", 300, 300, 0,
	  5, ALL, 22 * 60, 6 * 60, 100,
	  "2026-03-28T21:00:00Z", "2026-03-29T05:00:00Z", "Europe/Berlin",
	  -1, -1, 2, -1, -1, 700 + 300, -1,
	  { NULL, "2026-03-29T04:00:00Z", NULL } },
	/* Happy hour 14:00-17:00 local: 13-16Z on Saturday, 12-15Z Sunday. */
	{ "DST moves the UTC edges: Saturday", 600, 600, 0,
	  7, ALL, 14 * 60, 17 * 60, 0,
	  "2026-03-28T12:00:00Z", "2026-03-28T17:00:00Z", "Europe/Berlin",
	  -1, -1, -1, -1, -1, 1200, -1,
	  { NULL, "2026-03-28T13:00:00Z", NULL } },
	{ "DST moves the UTC edges: Sunday", 600, 600, 0,
	  7, ALL, 14 * 60, 17 * 60, 0,
	  "2026-03-29T11:00:00Z", "2026-03-29T16:00:00Z", "Europe/Berlin",
	  -1, -1, -1, -1, -1, 1200, -1,
	  { NULL, "2026-03-29T12:00:00Z", "2026-03-29T15:00:00Z" } },
};

/* got must be want, unless want is -1. */
static void
span_check(const char *what, const char *field, int64_t got, int64_t want)
{
	if (want != -1)
		ck_assert_msg(got == want, "%s: %s is %lld, not %lld", what,
		    field, (long long)got, (long long)want);
}

START_TEST(span_prices)
{
	const struct span_case *c = &spans[_i];
	struct pricing_zone z = zone(1, c->hourly, c->guest, c->minimum);
	struct pricing_rule rl = rule(c->rule_id, c->days, c->rfrom, c->rto,
	    c->rhourly);
	struct pricing_result r;
	int k;

	if (c->rule_id != 0) {
		z.rules = &rl;
		z.nrules = 1;
	}
	r = price1(&z, c->from, c->to, c->tz);
	span_check(c->what, "seconds", r.seconds, c->seconds);
	span_check(c->what, "minutes", r.minutes, c->minutes);
	span_check(c->what, "npieces", (int64_t)r.npieces, c->npieces);
	span_check(c->what, "subtotal", r.subtotal, c->subtotal);
	span_check(c->what, "minimum_added", r.minimum_added,
	    c->minimum_added);
	span_check(c->what, "total", r.total, c->total);
	span_check(c->what, "hourly_now", r.hourly_now, c->hourly_now);
	for (k = 0; k < 3; k++) {
		if (c->edge[k] == NULL)
			continue;
		ck_assert_msg((size_t)k < r.npieces, "%s: no piece %d",
		    c->what, k);
		span_check(c->what, "edge", r.pieces[k].from, T(c->edge[k]));
	}
	pricing_result_free(&r);
}
END_TEST

START_TEST(guest_price)
{
	struct pricing_zone z = zone(1, 300, 450, 0);
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T20:00:00Z") };
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 1, NULL, 0, &r), 0);
	ck_assert_int_eq(r.total, 900);
	pricing_result_free(&r);
}
END_TEST

START_TEST(happy_hour_billed_piecewise)
{
	/* 2026-11-23 is a Monday; happy hour Mon-Fri 14:00-17:00 at 2.00. */
	struct pricing_rule hh = rule(7, 0x1f, 14 * 60, 17 * 60, 200);
	struct pricing_zone z = zone(1, 400, 400, 0);
	struct pricing_result r;

	z.rules = &hh;
	z.nrules = 1;
	r = price1(&z, "2026-11-23T16:30:00Z", "2026-11-23T17:30:00Z", "UTC");
	ck_assert_int_eq(r.npieces, 2);
	ck_assert_int_eq(r.pieces[0].rule_id, 7);
	ck_assert_int_eq(r.pieces[0].minutes, 30);
	ck_assert_int_eq(r.pieces[0].amount, 100);
	ck_assert_int_eq(r.pieces[1].rule_id, 0);
	ck_assert_int_eq(r.pieces[1].minutes, 30);
	ck_assert_int_eq(r.pieces[1].amount, 200);
	ck_assert_int_eq(r.pieces[1].from, T("2026-11-23T17:00:00Z"));
	ck_assert_int_eq(r.total, 300);
	ck_assert_int_eq(r.hourly_now, 400);
	pricing_result_free(&r);
}
END_TEST

START_TEST(each_piece_rounded_once)
{
	/* 7 min at 0.50 (5.83 -> 6) then 7 min at 1.00 (11.67 -> 12). */
	struct pricing_rule cheap = rule(3, PRICING_ALL_DAYS, 0, 18 * 60, 50);
	struct pricing_zone z = zone(1, 100, 100, 0);
	struct pricing_result r;

	z.rules = &cheap;
	z.nrules = 1;
	r = price1(&z, "2026-11-23T17:53:00Z", "2026-11-23T18:07:00Z", "UTC");
	ck_assert_int_eq(r.npieces, 2);
	ck_assert_int_eq(r.pieces[0].amount, 6);
	ck_assert_int_eq(r.pieces[1].amount, 12);
	ck_assert_int_eq(r.total, 18);
	pricing_result_free(&r);
}
END_TEST

START_TEST(night_across_midnight)
{
	struct pricing_rule night = rule(5, PRICING_ALL_DAYS, 22 * 60, 6 * 60,
	    100);
	struct pricing_zone z = zone(1, 300, 300, 0);
	struct pricing_result r;

	z.rules = &night;
	z.nrules = 1;
	r = price1(&z, "2026-11-22T21:00:00Z", "2026-11-23T07:00:00Z", "UTC");
	ck_assert_int_eq(r.npieces, 3);
	ck_assert_int_eq(r.pieces[1].rule_id, 5);
	ck_assert_int_eq(r.pieces[1].minutes, 480);
	ck_assert_int_eq(r.total, 300 + 800 + 300);
	pricing_result_free(&r);
}
END_TEST

START_TEST(dst_fall_back_night_is_longer)
{
	/* Berlin 2026-10-25: 03:00 CEST -> 02:00 CET. 22:00-06:00 is 9 h. */
	struct pricing_rule night = rule(5, PRICING_ALL_DAYS, 22 * 60, 6 * 60,
	    100);
	struct pricing_zone z = zone(1, 300, 300, 0);
	struct pricing_result r;

	z.rules = &night;
	z.nrules = 1;
	r = price1(&z, "2026-10-24T19:00:00Z", "2026-10-25T06:00:00Z",
	    "Europe/Berlin");
	ck_assert_int_eq(r.npieces, 3);
	ck_assert_int_eq(r.pieces[0].minutes, 60);
	ck_assert_int_eq(r.pieces[1].from, T("2026-10-24T20:00:00Z"));
	ck_assert_int_eq(r.pieces[1].minutes, 540);
	ck_assert_int_eq(r.pieces[2].from, T("2026-10-25T05:00:00Z"));
	ck_assert_int_eq(r.total, 300 + 900 + 300);
	pricing_result_free(&r);
}
END_TEST

START_TEST(later_rule_wins)
{
	struct pricing_rule rs[2];
	struct pricing_zone z = zone(1, 600, 600, 0);
	struct pricing_result r;

	rs[0] = rule(1, PRICING_ALL_DAYS, 0, 1440, 300);
	rs[1] = rule(2, PRICING_ALL_DAYS, 18 * 60, 19 * 60, 120);
	z.rules = rs;
	z.nrules = 2;
	r = price1(&z, "2026-11-22T18:00:00Z", "2026-11-22T20:00:00Z", "UTC");
	ck_assert_int_eq(r.npieces, 2);
	ck_assert_int_eq(r.pieces[0].rule_id, 2);
	ck_assert_int_eq(r.total, 120 + 300);
	pricing_result_free(&r);
}
END_TEST

START_TEST(guest_rule_price)
{
	struct pricing_rule hh = rule(7, PRICING_ALL_DAYS, 0, 1440, 200);
	struct pricing_zone z = zone(1, 400, 500, 0);
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T19:00:00Z") };
	struct pricing_result r;

	z.rules = &hh;
	z.nrules = 1;
	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 1, NULL, 0, &r), 0);
	ck_assert_int_eq(r.total, 300);		/* hh.guest_hourly */
	pricing_result_free(&r);
}
END_TEST

START_TEST(package_minutes_first)
{
	struct pricing_zone z = zone(1, 300, 300, 500);
	struct pricing_package p = { 11, 0, 60, 0 };
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T19:30:00Z") };
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 0, &p, 1, &r), 0);
	ck_assert_int_eq(p.used, 60);
	ck_assert_int_eq(r.package_minutes, 60);
	ck_assert_int_eq(r.minutes, 90);
	ck_assert_int_eq(r.subtotal, 150);
	ck_assert_int_eq(r.minimum_added, 0);
	ck_assert_int_eq(r.total, 150);
	pricing_result_free(&r);
}
END_TEST

START_TEST(package_covering_all_costs_nothing)
{
	struct pricing_zone z = zone(1, 300, 300, 500);
	struct pricing_package p = { 11, 0, 180, 0 };
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T18:45:10Z") };
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 0, &p, 1, &r), 0);
	ck_assert_int_eq(p.used, 46);
	ck_assert_int_eq(r.total, 0);
	pricing_result_free(&r);
}
END_TEST

START_TEST(packages_in_order_and_by_zone)
{
	struct pricing_zone z = zone(1, 600, 600, 0);
	struct pricing_package p[3] = {
		{ 1, 2, 100, 0 },	/* another zone's */
		{ 2, 0, 30, 0 },
		{ 3, 1, 60, 0 },
	};
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T18:45:00Z") };
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 0, p, 3, &r), 0);
	ck_assert_int_eq(p[0].used, 0);
	ck_assert_int_eq(p[1].used, 30);
	ck_assert_int_eq(p[2].used, 15);
	ck_assert_int_eq(r.total, 0);
	pricing_result_free(&r);
}
END_TEST

START_TEST(package_covers_the_first_minutes_of_pieces)
{
	/* 30 package minutes cover the cheap first half hour. */
	struct pricing_rule cheap = rule(3, PRICING_ALL_DAYS, 0, 18 * 60, 100);
	struct pricing_zone z = zone(1, 400, 400, 0);
	struct pricing_package p = { 1, 0, 30, 0 };
	struct pricing_span s = { &z, T("2026-11-22T17:30:00Z"),
	    T("2026-11-22T18:30:00Z") };
	struct pricing_result r;

	z.rules = &cheap;
	z.nrules = 1;
	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 0, &p, 1, &r), 0);
	ck_assert_int_eq(r.pieces[0].package_minutes, 30);
	ck_assert_int_eq(r.pieces[0].amount, 0);
	ck_assert_int_eq(r.total, 200);
	pricing_result_free(&r);
}
END_TEST

START_TEST(pauses_add_no_started_minute)
{
	/* 30 s, a pause, 30 s: one minute, not two. */
	struct pricing_zone z = zone(1, 600, 600, 0);
	struct pricing_span s[2] = {
		{ &z, T("2026-11-22T18:00:00Z"), T("2026-11-22T18:00:30Z") },
		{ &z, T("2026-11-22T18:10:00Z"), T("2026-11-22T18:10:30Z") },
	};
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(s, 2, "UTC", 0, NULL, 0, &r), 0);
	ck_assert_int_eq(r.seconds, 60);
	ck_assert_int_eq(r.minutes, 1);
	ck_assert_int_eq(r.npieces, 1);
	ck_assert_int_eq(r.total, 10);
	pricing_result_free(&r);
}
END_TEST

START_TEST(moves_price_each_zone_minimum_of_the_first)
{
	struct pricing_zone a = zone(1, 300, 300, 200), b = zone(2, 600, 600,
	    5000);
	struct pricing_span s[2] = {
		{ &a, T("2026-11-22T18:00:00Z"), T("2026-11-22T18:20:00Z") },
		{ &b, T("2026-11-22T18:20:00Z"), T("2026-11-22T18:30:00Z") },
	};
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(s, 2, "UTC", 0, NULL, 0, &r), 0);
	ck_assert_int_eq(r.npieces, 2);
	ck_assert_int_eq(r.pieces[0].amount, 100);
	ck_assert_int_eq(r.pieces[1].amount, 100);
	ck_assert_int_eq(r.minimum_added, 0);
	ck_assert_int_eq(r.total, 200);
	ck_assert_int_eq(r.hourly_now, 600);
	pricing_result_free(&r);
}
END_TEST

START_TEST(refuses_bad_input)
{
	struct pricing_zone z = zone(1, 300, 300, 0);
	struct pricing_rule bad = rule(1, PRICING_ALL_DAYS, 600, 600, 100);
	struct pricing_span s[2] = {
		{ &z, T("2026-11-22T18:00:00Z"), T("2026-11-22T18:30:00Z") },
		{ &z, T("2026-11-22T18:20:00Z"), T("2026-11-22T18:40:00Z") },
	};
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(s, 2, "UTC", 0, NULL, 0, &r),
	    ERR_INVALID);
	s[0].to = s[0].from - 1;
	ck_assert_int_eq(pricing_price(s, 1, "UTC", 0, NULL, 0, &r),
	    ERR_INVALID);
	s[0].to = s[0].from + 60;
	z.hourly = -1;
	ck_assert_int_eq(pricing_price(s, 1, "UTC", 0, NULL, 0, &r),
	    ERR_INVALID);
	z.hourly = 300;
	z.rules = &bad;
	z.nrules = 1;
	ck_assert_int_eq(pricing_price(s, 1, "UTC", 0, NULL, 0, &r),
	    ERR_INVALID);
}
END_TEST

START_TEST(overflow_refused)
{
	struct pricing_zone z = zone(1, INT64_MAX, INT64_MAX, 0);
	struct pricing_span s = { &z, T("2026-11-22T18:00:00Z"),
	    T("2026-11-22T20:00:00Z") };
	struct pricing_result r;

	ck_assert_int_eq(pricing_price(&s, 1, "UTC", 0, NULL, 0, &r),
	    ERR_OVERFLOW);
}
END_TEST

START_TEST(rule_check)
{
	struct pricing_rule r = rule(1, PRICING_ALL_DAYS, 0, 1440, 100);

	ck_assert_int_eq(pricing_rule_check(&r), 0);
	r.days = 0;
	ck_assert_int_eq(pricing_rule_check(&r), ERR_INVALID);
	r.days = 0x80;
	ck_assert_int_eq(pricing_rule_check(&r), ERR_INVALID);
	r.days = 1;
	r.from_min = 1440;
	ck_assert_int_eq(pricing_rule_check(&r), ERR_INVALID);
	r.from_min = 22 * 60;
	r.to_min = 6 * 60;
	ck_assert_int_eq(pricing_rule_check(&r), 0);
	r.guest_hourly = -5;
	ck_assert_int_eq(pricing_rule_check(&r), ERR_INVALID);
}
END_TEST

START_TEST(days_parse_and_format)
{
	unsigned int d;
	char buf[64];

	ck_assert_int_eq(pricing_days_parse("mon-fri", &d), 0);
	ck_assert_uint_eq(d, 0x1f);
	ck_assert_int_eq(pricing_days_parse("Fri-Mon", &d), 0);
	ck_assert_uint_eq(d, PRICING_FRI | PRICING_SAT | PRICING_SUN |
	    PRICING_MON);
	ck_assert_int_eq(pricing_days_parse("all", &d), 0);
	ck_assert_uint_eq(d, PRICING_ALL_DAYS);
	ck_assert_int_eq(pricing_days_parse("mon,wed-fri", &d), 0);
	ck_assert_str_eq(pricing_days_fmt(d, buf, sizeof buf), "mon,wed-fri");
	ck_assert_str_eq(pricing_days_fmt(0x1f | PRICING_SUN, buf,
	    sizeof buf), "mon-fri,sun");
	ck_assert_int_eq(pricing_days_parse("monday", &d), ERR_INVALID);
	ck_assert_int_eq(pricing_days_parse("", &d), ERR_INVALID);
	ck_assert_int_eq(pricing_days_parse("mon,", &d), ERR_INVALID);
}
END_TEST

START_TEST(hhmm_parse)
{
	int m;

	ck_assert_int_eq(pricing_hhmm_parse("00:00", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(pricing_hhmm_parse("22:30", &m), 0);
	ck_assert_int_eq(m, 1350);
	ck_assert_int_eq(pricing_hhmm_parse("24:00", &m), 0);
	ck_assert_int_eq(m, 1440);
	ck_assert_int_eq(pricing_hhmm_parse("24:01", &m), ERR_INVALID);
	ck_assert_int_eq(pricing_hhmm_parse("7:00", &m), ERR_INVALID);
	ck_assert_int_eq(pricing_hhmm_parse("07:60", &m), ERR_INVALID);
}
END_TEST

START_TEST(tz_restored)
{
	struct pricing_zone z = zone(1, 300, 300, 0);
	struct pricing_result r;
	const char *tz;

	setenv("TZ", "America/New_York", 1);
	r = price1(&z, "2026-11-22T18:00:00Z", "2026-11-22T19:00:00Z",
	    "Europe/Berlin");
	pricing_result_free(&r);
	tz = getenv("TZ");
	ck_assert_ptr_nonnull(tz);
	ck_assert_str_eq(tz, "America/New_York");
	unsetenv("TZ");
}
END_TEST

START_TEST(rule_text_names_the_unit)
{
	char buf[200];

	ck_assert_ptr_nonnull(strstr(pricing_rule_text(2, buf, sizeof buf),
	    "rounded half up to 0.01"));
	ck_assert_ptr_nonnull(strstr(pricing_rule_text(0, buf, sizeof buf),
	    "rounded half up to 1,"));
}
END_TEST

static Suite *
pricing_suite(void)
{
	Suite *s = suite_create("pricing");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, span_prices, 0,
	    (int)(sizeof spans / sizeof spans[0]));
	tcase_add_test(tc, guest_price);
	tcase_add_test(tc, happy_hour_billed_piecewise);
	tcase_add_test(tc, each_piece_rounded_once);
	tcase_add_test(tc, night_across_midnight);
	tcase_add_test(tc, dst_fall_back_night_is_longer);
	tcase_add_test(tc, later_rule_wins);
	tcase_add_test(tc, guest_rule_price);
	tcase_add_test(tc, package_minutes_first);
	tcase_add_test(tc, package_covering_all_costs_nothing);
	tcase_add_test(tc, packages_in_order_and_by_zone);
	tcase_add_test(tc, package_covers_the_first_minutes_of_pieces);
	tcase_add_test(tc, pauses_add_no_started_minute);
	tcase_add_test(tc, moves_price_each_zone_minimum_of_the_first);
	tcase_add_test(tc, refuses_bad_input);
	tcase_add_test(tc, overflow_refused);
	tcase_add_test(tc, rule_check);
	tcase_add_test(tc, days_parse_and_format);
	tcase_add_test(tc, hhmm_parse);
	tcase_add_test(tc, tz_restored);
	tcase_add_test(tc, rule_text_names_the_unit);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(pricing_suite)

/*
 * pricing.c -- the price of billed time: rule windows in local time,
 * started minutes, pieces rounded once each, packages, the minimum.
 */
#include "model/pricing.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/money.h"

/* A rule's window on one particular day: [from, to) in UTC. */
struct window {
	int64_t	from, to;
	size_t	rule;		/* index into the zone's rules */
};

struct wins {
	struct window	*v;
	size_t		 n, cap;
};

/* The pieces being built and the packages being consumed. */
struct build {
	struct pricing_result	*res;
	size_t			 cap;
	int			 guest;
	struct pricing_package	*pkgs;
	size_t			 npkgs;
};

/* TZ switched for the whole computation, as one tzset() costs ~10 us. */
struct tzsave {
	char	*old;
	int	 had;
	int	 changed;
};

static void
tz_enter(struct tzsave *sv, const char *tz)
{
	const char *cur = getenv("TZ");

	sv->changed = 0;
	sv->had = 0;
	sv->old = NULL;
	if (tz == NULL || (cur != NULL && strcmp(cur, tz) == 0))
		return;
	sv->had = cur != NULL;
	sv->old = cur != NULL ? xstrdup(cur) : NULL;
	setenv("TZ", tz, 1);
	tzset();
	sv->changed = 1;
}

static void
tz_leave(struct tzsave *sv)
{
	if (!sv->changed)
		return;
	if (sv->had)
		setenv("TZ", sv->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(sv->old);
}

/* The UTC instant of `minutes` after local midnight of day (y/m/d). */
static int64_t
local_at(const struct tm *day, int minutes)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = day->tm_year;
	tm.tm_mon = day->tm_mon;
	tm.tm_mday = day->tm_mday;
	tm.tm_min = minutes;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static void
wins_push(struct wins *w, int64_t from, int64_t to, size_t rule)
{
	if (w->n == w->cap) {
		w->cap = w->cap == 0 ? 16 : w->cap * 2;
		w->v = xreallocarray(w->v, w->cap, sizeof *w->v);
	}
	w->v[w->n].from = from;
	w->v[w->n].to = to;
	w->v[w->n].rule = rule;
	w->n++;
}

/* Add the windows of day d's rules that touch [from, to]. */
static void
wins_day(struct wins *w, const struct pricing_zone *z, const struct tm *d,
    int64_t from, int64_t to)
{
	const struct pricing_rule *r;
	unsigned int bit = 1u << ((d->tm_wday + 6) % 7);
	int64_t ws, we;
	size_t i;

	for (i = 0; i < z->nrules; i++) {
		r = &z->rules[i];
		if ((r->days & bit) == 0)
			continue;
		ws = local_at(d, r->from_min);
		we = local_at(d, r->to_min + (r->to_min <= r->from_min ?
		    1440 : 0));
		if (we > from && ws <= to)
			wins_push(w, ws, we, i);
	}
}

/*
 * Every rule window of zone z touching [from, to]: walk the local days
 * from the one before `from` (a night window may reach past midnight)
 * to the one holding `to`.
 */
static void
wins_collect(struct wins *w, const struct pricing_zone *z, int64_t from,
    int64_t to)
{
	struct tm first, d;
	time_t t = (time_t)from;
	int64_t start;
	int i;

	w->n = 0;
	if (z->nrules == 0)
		return;
	localtime_r(&t, &first);
	for (i = -1;; i++) {
		memset(&d, 0, sizeof d);
		d.tm_year = first.tm_year;
		d.tm_mon = first.tm_mon;
		d.tm_mday = first.tm_mday + i;
		d.tm_isdst = -1;
		start = (int64_t)mktime(&d);	/* normalizes d, sets wday */
		if (start > to)
			break;
		wins_day(w, z, &d, from, to);
	}
}

/* The rule in force at t (the last matching one wins), or -1. */
static long
wins_rule_at(const struct wins *w, int64_t t)
{
	long best = -1;
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].from <= t && t < w->v[i].to &&
		    (long)w->v[i].rule > best)
			best = (long)w->v[i].rule;
	return best;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Sorted, distinct run boundaries of [from, to]: both ends and edges. */
static int64_t *
wins_bounds(const struct wins *w, int64_t from, int64_t to, size_t *n)
{
	int64_t *b = xreallocarray(NULL, 2 * w->n + 2, sizeof *b);
	size_t i, k = 0, u;

	b[k++] = from;
	b[k++] = to;
	for (i = 0; i < w->n; i++) {
		if (w->v[i].from > from && w->v[i].from < to)
			b[k++] = w->v[i].from;
		if (w->v[i].to > from && w->v[i].to < to)
			b[k++] = w->v[i].to;
	}
	qsort(b, k, sizeof *b, cmp_i64);
	for (i = 1, u = 1; i < k; i++)
		if (b[i] != b[u - 1])
			b[u++] = b[i];
	*n = u;
	return b;
}

/* The price per hour at rule index ri (-1: the zone's own). */
static int64_t
zone_hourly(const struct pricing_zone *z, long ri, int guest)
{
	if (ri < 0)
		return guest ? z->guest_hourly : z->hourly;
	return guest ? z->rules[ri].guest_hourly : z->rules[ri].hourly;
}

/* Package minutes for `minutes` minutes in zone_id, oldest first. */
static int64_t
build_consume(struct build *b, int64_t zone_id, int64_t minutes)
{
	struct pricing_package *p;
	int64_t take, got = 0;
	size_t i;

	for (i = 0; i < b->npkgs && got < minutes; i++) {
		p = &b->pkgs[i];
		if (p->zone_id != 0 && p->zone_id != zone_id)
			continue;
		take = p->minutes - p->used;
		if (take <= 0)
			continue;
		if (take > minutes - got)
			take = minutes - got;
		p->used += take;
		got += take;
	}
	return got;
}

/* Add `minutes` minutes starting at `first` to the pieces. */
static void
build_add(struct build *b, const struct pricing_zone *z, long ri,
    int64_t first, int64_t minutes)
{
	struct pricing_result *res = b->res;
	struct pricing_piece *p;
	int64_t rule_id = ri < 0 ? 0 : z->rules[ri].id;
	int64_t hourly = zone_hourly(z, ri, b->guest);
	int64_t pkg = build_consume(b, z->id, minutes);

	p = res->npieces > 0 ? &res->pieces[res->npieces - 1] : NULL;
	if (p == NULL || p->zone_id != z->id || p->rule_id != rule_id ||
	    p->hourly != hourly) {
		if (res->npieces == b->cap) {
			b->cap = b->cap == 0 ? 8 : b->cap * 2;
			res->pieces = xreallocarray(res->pieces, b->cap,
			    sizeof *res->pieces);
		}
		p = &res->pieces[res->npieces++];
		memset(p, 0, sizeof *p);
		p->zone_id = z->id;
		p->rule_id = rule_id;
		p->from = first;
		p->hourly = hourly;
	}
	p->minutes += minutes;
	p->package_minutes += pkg;
}

/* Ceiling of x / 60 for x >= 0. */
static int64_t
ceil60(int64_t x)
{
	return (x + 59) / 60;
}

/*
 * Price one span whose billed time starts at offset `off`: split it
 * where rules open or close, and count the minutes starting in each run.
 */
static void
build_span(struct build *b, const struct pricing_span *s, int64_t off,
    struct wins *w, int last)
{
	const struct pricing_zone *z = s->zone;
	int64_t *bd, lo, hi, m0;
	size_t n, i;

	wins_collect(w, z, s->from, s->to);
	bd = wins_bounds(w, s->from, s->to, &n);
	for (i = 0; i + 1 < n; i++) {
		lo = off + (bd[i] - s->from);
		hi = off + (bd[i + 1] - s->from);
		m0 = ceil60(lo);
		if (ceil60(hi) > m0)
			build_add(b, z, wins_rule_at(w, bd[i]),
			    bd[i] + (m0 * 60 - lo), ceil60(hi) - m0);
	}
	if (last)
		b->res->hourly_now = zone_hourly(z, wins_rule_at(w, s->to),
		    b->guest);
	free(bd);
}

static int
zone_check(const struct pricing_zone *z)
{
	size_t i;

	if (z == NULL || z->hourly < 0 || z->guest_hourly < 0 ||
	    z->minimum < 0 || (z->nrules > 0 && z->rules == NULL))
		return ERR_INVALID;
	for (i = 0; i < z->nrules; i++)
		if (pricing_rule_check(&z->rules[i]) != 0)
			return ERR_INVALID;
	return 0;
}

static int
spans_check(const struct pricing_span *spans, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (zone_check(spans[i].zone) != 0 ||
		    spans[i].from > spans[i].to ||
		    (i > 0 && spans[i].from < spans[i - 1].to))
			return ERR_INVALID;
	}
	return 0;
}

/* Round each piece, sum, raise to the minimum. */
static int
result_total(struct pricing_result *res, const struct pricing_zone *z0)
{
	struct pricing_piece *p;
	size_t i;
	int r;

	res->subtotal = 0;
	for (i = 0; i < res->npieces; i++) {
		p = &res->pieces[i];
		if ((r = money_mul_div_round(p->minutes - p->package_minutes,
		    p->hourly, 60, &p->amount)) != 0 ||
		    (r = money_add(res->subtotal, p->amount,
		    &res->subtotal)) != 0)
			return r;
		res->minutes += p->minutes;
		res->package_minutes += p->package_minutes;
	}
	res->minimum_added = 0;
	if (z0 != NULL && res->minutes > 0 && res->package_minutes == 0 &&
	    res->subtotal < z0->minimum)
		res->minimum_added = z0->minimum - res->subtotal;
	res->total = res->subtotal + res->minimum_added;
	return 0;
}

int
pricing_price(const struct pricing_span *spans, size_t nspans,
    const char *tz, int guest, struct pricing_package *pkgs, size_t npkgs,
    struct pricing_result *res)
{
	struct pricing_result out;
	struct build b;
	struct tzsave sv;
	struct wins w;
	int64_t off = 0;
	size_t i;
	int r;

	if ((r = spans_check(spans, nspans)) != 0)
		return r;
	for (i = 0; i < npkgs; i++) {
		if (pkgs[i].minutes < 0)
			return ERR_INVALID;
		pkgs[i].used = 0;
	}
	memset(&out, 0, sizeof out);
	memset(&b, 0, sizeof b);
	memset(&w, 0, sizeof w);
	b.res = &out;
	b.guest = guest;
	b.pkgs = pkgs;
	b.npkgs = npkgs;
	tz_enter(&sv, tz);
	for (i = 0; i < nspans; i++) {
		build_span(&b, &spans[i], off, &w, i + 1 == nspans);
		off += spans[i].to - spans[i].from;
	}
	tz_leave(&sv);
	free(w.v);
	out.seconds = off;
	if ((r = result_total(&out, nspans > 0 ? spans[0].zone : NULL)) != 0) {
		pricing_result_free(&out);
		return r;
	}
	*res = out;
	return 0;
}

void
pricing_result_free(struct pricing_result *res)
{
	if (res == NULL)
		return;
	free(res->pieces);
	res->pieces = NULL;
	res->npieces = 0;
}

int
pricing_rule_check(const struct pricing_rule *r)
{
	if (r->days == 0 || (r->days & ~(unsigned int)PRICING_ALL_DAYS) != 0)
		return ERR_INVALID;
	if (r->from_min < 0 || r->from_min > 1439 || r->to_min < 0 ||
	    r->to_min > 1440 || r->from_min == r->to_min)
		return ERR_INVALID;
	if (r->hourly < 0 || r->guest_hourly < 0)
		return ERR_INVALID;
	return 0;
}

static const char *const day_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static int
day_index(const char *s, size_t len)
{
	int i;

	if (len != 3)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(s, day_names[i], 3) == 0)
			return i;
	return -1;
}

/* One item of a day list: "mon" or "fri-sun". */
static int
days_item(const char *s, size_t len, unsigned int *days)
{
	const char *dash = memchr(s, '-', len);
	int a, b, i;

	if (dash == NULL) {
		if ((a = day_index(s, len)) < 0)
			return ERR_INVALID;
		*days |= 1u << a;
		return 0;
	}
	if ((a = day_index(s, (size_t)(dash - s))) < 0 ||
	    (b = day_index(dash + 1, len - (size_t)(dash - s) - 1)) < 0)
		return ERR_INVALID;
	for (i = a;; i = (i + 1) % 7) {
		*days |= 1u << i;
		if (i == b)
			break;
	}
	return 0;
}

int
pricing_days_parse(const char *s, unsigned int *days)
{
	unsigned int d = 0;
	const char *comma;
	size_t len;

	if (strcasecmp(s, "all") == 0) {
		*days = PRICING_ALL_DAYS;
		return 0;
	}
	for (;;) {
		comma = strchr(s, ',');
		len = comma != NULL ? (size_t)(comma - s) : strlen(s);
		if (days_item(s, len, &d) != 0)
			return ERR_INVALID;
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	*days = d;
	return 0;
}

char *
pricing_days_fmt(unsigned int days, char *buf, size_t size)
{
	size_t len = 0;
	int i, j;

	if (size > 0)
		buf[0] = '\0';
	if ((days & PRICING_ALL_DAYS) == PRICING_ALL_DAYS) {
		snprintf(buf, size, "all");
		return buf;
	}
	for (i = 0; i < 7; i++) {
		if ((days & (1u << i)) == 0)
			continue;
		for (j = i; j + 1 < 7 && (days & (1u << (j + 1))) != 0; j++)
			;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len > 0 ? "," : "", day_names[i]);
		if (j > i && len < size)
			len += (size_t)snprintf(buf + len, size - len, "-%s",
			    day_names[j]);
		i = j;
	}
	return buf;
}

int
pricing_hhmm_parse(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != ':' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return ERR_INVALID;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return ERR_INVALID;
	*minutes = h * 60 + m;
	return 0;
}

char *
pricing_rule_text(int decimals, char *buf, size_t size)
{
	char unit[MONEY_BUFSZ];

	if (money_format(unit, sizeof unit, 1, decimals) == NULL)
		snprintf(unit, sizeof unit, "1");
	snprintf(buf, size, "started minutes x price per hour / 60 per "
	    "priced piece, rounded half up to %s, then raised to the minimum",
	    unit);
	return buf;
}

/*
 * pricing.h -- the price of time on a station: a pure function.
 *
 * A seat session is billed by its started minutes. Billed time is the
 * session's running time only (pauses are not billed), laid end to end
 * across its spans (a move to another station starts a new span), so
 * pausing or moving never adds a started minute. Minute i of that billed
 * time costs the hourly price in force at the instant it starts: the
 * zone's member or guest price, unless a time rule (a weekly window of
 * local time in the café's zone, such as happy hour or night) overrides
 * it. Consecutive minutes at the same zone, rule and price form one
 * priced piece; each piece costs minutes x hourly / 60, computed exactly
 * and rounded half up to the minor unit once (money_mul_div_round). The
 * pieces are summed and the sum raised to the minimum charge of the zone
 * the session started in. Prepaid package minutes cover the first
 * minutes of matching zones before anything is billed; a session that
 * used package minutes is not raised to the minimum (the package was
 * paid), and a session of no billed time costs nothing.
 *
 * Times are UTC epoch seconds; windows are evaluated in the time zone
 * given, so midnight and daylight-saving changes fall where the café's
 * clock puts them (a night from 22:00 to 06:00 on the night clocks go
 * forward is one hour shorter).
 */
#ifndef CAFED_PRICING_H
#define CAFED_PRICING_H

#include <stddef.h>
#include <stdint.h>

/* Day bits of pricing_rule.days. */
#define PRICING_MON	0x01
#define PRICING_TUE	0x02
#define PRICING_WED	0x04
#define PRICING_THU	0x08
#define PRICING_FRI	0x10
#define PRICING_SAT	0x20
#define PRICING_SUN	0x40
#define PRICING_ALL_DAYS 0x7f

/*
 * A price override for a weekly window of local time. The window opens
 * on each day of `days` at from_min (minutes after local midnight) and
 * closes at to_min of the same day, or of the next day when to_min <=
 * from_min (a night rule 22:00-06:00 belongs to the evening it starts).
 */
struct pricing_rule {
	int64_t		id;
	unsigned int	days;		/* PRICING_* bits */
	int		from_min;	/* 0..1439 */
	int		to_min;		/* 0..1440 */
	int64_t		hourly;		/* member price per hour */
	int64_t		guest_hourly;	/* guest price per hour */
};

/* A zone's prices and its rules; later rules win where they overlap. */
struct pricing_zone {
	int64_t				 id;
	int64_t				 hourly;	/* member */
	int64_t				 guest_hourly;
	int64_t				 minimum;
	const struct pricing_rule	*rules;
	size_t				 nrules;
};

/* One stretch of billed time on one zone: [from, to) in UTC. */
struct pricing_span {
	const struct pricing_zone	*zone;
	int64_t				 from, to;
};

/* Prepaid minutes, consumed in the order given. */
struct pricing_package {
	int64_t	id;
	int64_t	zone_id;	/* 0: valid in every zone */
	int64_t	minutes;	/* minutes left before pricing */
	int64_t	used;		/* out: minutes this pricing consumed */
};

struct pricing_piece {
	int64_t	zone_id;
	int64_t	rule_id;	/* 0: the zone's own price */
	int64_t	from;		/* UTC start of the piece's first minute */
	int64_t	minutes;	/* started minutes, package ones included */
	int64_t	package_minutes;
	int64_t	hourly;		/* price per hour applied */
	int64_t	amount;		/* (minutes - package) x hourly / 60, rounded */
};

struct pricing_result {
	int64_t			 seconds;	/* billed seconds */
	int64_t			 minutes;	/* started minutes */
	int64_t			 package_minutes;
	int64_t			 subtotal;	/* sum of the pieces */
	int64_t			 minimum_added;	/* raise to the minimum */
	int64_t			 total;		/* what is owed */
	int64_t			 hourly_now;	/* price per hour at the end */
	struct pricing_piece	*pieces;
	size_t			 npieces;
};

/*
 * Price the billed spans (chronological, not overlapping, each with
 * from <= to) for a member (guest 0) or a guest, in time zone tz (an
 * IANA name; NULL: the process's), consuming pkgs (may be NULL) first;
 * each package's `used` is set. On success fills *res (free the pieces
 * with pricing_result_free) and returns 0. Returns ERR_INVALID for
 * spans out of order, a negative price or a malformed rule, and
 * ERR_OVERFLOW when an amount does not fit. Sets TZ temporarily while
 * it runs: single-threaded use only.
 */
int	pricing_price(const struct pricing_span *spans, size_t nspans,
	    const char *tz, int guest, struct pricing_package *pkgs,
	    size_t npkgs, struct pricing_result *res);

/* Free the pieces of a result; the result itself is the caller's. */
void	pricing_result_free(struct pricing_result *);

/*
 * 0 when a rule is well formed (days within PRICING_ALL_DAYS and not
 * empty, minutes in range, from_min != to_min -- a whole day is 0 to
 * 1440 --, prices >= 0), else ERR_INVALID.
 */
int	pricing_rule_check(const struct pricing_rule *);

/*
 * Parse days as written by people: "mon-fri", "sat,sun", "fri-sun",
 * "all", "mon,wed-fri" (English three-letter names, any case; a range
 * may wrap past Sunday: "fri-mon"). Returns 0 or ERR_INVALID.
 */
int	pricing_days_parse(const char *s, unsigned int *days);

/* Format days as pricing_days_parse reads them ("mon-fri,sun"). */
char	*pricing_days_fmt(unsigned int days, char *buf, size_t size);

/* Parse "HH:MM" (00:00..24:00) into minutes. Returns 0 or ERR_INVALID. */
int	pricing_hhmm_parse(const char *s, int *minutes);

/*
 * The one sentence stating the rounding rule, for receipts and manuals:
 * "started minutes x price per hour / 60 per priced piece, rounded half
 * up to 0.01, then raised to the minimum" (with the currency's unit).
 */
char	*pricing_rule_text(int decimals, char *buf, size_t size);

#endif

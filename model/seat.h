/*
 * seat.h -- seat sessions: a customer (or a guest) on a station, from
 * start to stop, and what it costs.
 *
 * A session is a row; its billed time is a list of segments (one per
 * station and run between pauses), so a crash or restart of cafed loses
 * nothing: time is computed from timestamps. Members pay from their
 * wallet when the session stops (the wallet must cover the zone's
 * minimum to start); guests pay at the end, in cash or by card, into an
 * open shift. If a member's cost exceeds the wallet, the wallet is
 * charged to zero and the rest is booked as the customer's debt (a
 * receivable), settled first by the next top-up. Prices come from
 * pricing.h, with the prices and rules in force when the cost is
 * computed.
 *
 * Starting, stopping, extending and moving need station.operate;
 * pausing and resuming need station.manage; packages are defined with
 * station.manage. Every change is audited in its own transaction.
 */
#ifndef CAFED_SEAT_H
#define CAFED_SEAT_H

#include <stddef.h>
#include <stdint.h>

#include "model/station.h"

struct db;
struct mctx;
struct cafe_info;

enum seat_pay {
	SEAT_PAY_NONE,		/* nothing was owed */
	SEAT_PAY_WALLET,
	SEAT_PAY_CASH,
	SEAT_PAY_CARD
};

/* The customer's name as the floor shows it: "guest" for guests. */
#define SEAT_NAME_MAX	64

/* An open session as the floor shows it at a given moment. */
struct seat_view {
	int64_t	session_id;
	int64_t	station_id;
	char	station[STATION_NAME_MAX + 1];
	int64_t	zone_id;	/* of the running (or last) segment */
	char	zone[STATION_NAME_MAX + 1];
	int64_t	customer_id;	/* 0: a guest */
	char	customer[SEAT_NAME_MAX + 1];
	int64_t	started_at;
	int	paused;
	int64_t	elapsed;	/* billed seconds so far */
	int64_t	cost;		/* what it would cost if stopped now */
	int64_t	hourly_now;	/* price per hour in force now */
	int64_t	balance;	/* members: the wallet now */
	int64_t	package_left;	/* members: package minutes not yet used */
	int64_t	seconds_left;	/* members: time left at the current price;
				   -1 for guests and free time */
	int	warn;		/* members under seat.warn_minutes left */
};

#define SEAT_RECEIPT_PIECES	8

/* What a stopped session cost and how it was paid. */
struct seat_receipt {
	int64_t	session_id;
	int64_t	customer_id;	/* 0: a guest */
	char	station[STATION_NAME_MAX + 1];
	int64_t	started_at, ended_at;
	int64_t	seconds;	/* billed */
	int64_t	minutes;	/* started minutes */
	int64_t	package_minutes;
	int64_t	subtotal, minimum_added, cost;
	int64_t	paid;		/* from the wallet, or cash/card */
	int64_t	debt;		/* booked as the customer's receivable */
	int	pay;		/* enum seat_pay */
	int64_t	shift_id;	/* guests: the shift that took the money */
	int64_t	tx_id;		/* the ledger transaction, 0 if none */
	int	expired;	/* ended by seat_expire_due() */
	int64_t	points;		/* loyalty points earned by what was paid */
	struct pricing_piece pieces[SEAT_RECEIPT_PIECES]; /* the first ones */
	size_t	npieces;	/* in pieces[] */
	size_t	npieces_all;	/* in the pricing */
};

/*
 * Start a session on a free station for customer_id (0: a guest).
 * Returns 0 with *session_id set (may be NULL), or ERR_DENIED,
 * ERR_NOTFOUND (station or customer), ERR_STATE (station in use, in
 * maintenance, offline or reserved for someone else, or the customer
 * already plays elsewhere: *why says which), ERR_DISABLED (customer),
 * ERR_INSUFFICIENT (the wallet does not cover the zone's minimum, or is
 * empty, and no package minutes are left), ERR_NOSHIFT (a guest and no
 * open shift to pay into: the actor's own, or any for cafectl).
 * A booking of this customer due now is marked seated.
 */
int	seat_start(struct mctx *, const char *station, int64_t customer_id,
	    int64_t *session_id, const char **why);

/*
 * Stop the session on station: price it, charge it through the ledger
 * (members: wallet, the excess as debt; guests: cash or, with card, the
 * card terminal, into shift_id -- 0: the acting cashier's open shift;
 * cafectl and the system must name one), free the
 * station. Fills *out (may be NULL). Returns 0, ERR_DENIED (also: a
 * guest's money into another cashier's shift without shift.manage),
 * ERR_NOTFOUND (station, shift), ERR_STATE (no session on it),
 * ERR_NOSHIFT (a guest who owes money and no open shift).
 */
int	seat_stop(struct mctx *, const char *station, int64_t shift_id,
	    int card, struct seat_receipt *out, const char **why);

/*
 * Move the session on `from` to the free station `to`; billed time
 * continues (a new segment at to's zone prices). Returns 0, ERR_DENIED,
 * ERR_NOTFOUND, ERR_STATE (no session on from, or `to` not free).
 */
int	seat_move(struct mctx *, const char *from, const char *to,
	    const char **why);

/*
 * Pause (time stops being billed) or resume the session on station
 * (station.manage). Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_STATE (no
 * session, or already paused / running).
 */
int	seat_pause(struct mctx *, const char *station);
int	seat_resume(struct mctx *, const char *station);

/*
 * Extend the member session on station by buying package `package`
 * from the wallet (under idempotency key `key`; NULL: a fresh one): its
 * minutes are used before per-minute billing. Sets *purchase_id (may be
 * NULL). Returns 0, ERR_DENIED, ERR_NOTFOUND (station, package),
 * ERR_STATE (no session, a guest, a package of another zone, retired),
 * ERR_INSUFFICIENT (wallet), ERR_CONFLICT (key reused for other content).
 */
int	seat_extend(struct mctx *, const char *station, const char *package,
	    const char *key, int64_t *purchase_id, const char **why);

/* The open sessions at now, by station name. free(*out). */
int	seat_list(struct mctx *, int64_t now, struct seat_view **out,
	    size_t *n);

/* The open session on station at now. 0, ERR_NOTFOUND or ERR_STATE. */
int	seat_get(struct mctx *, const char *station, int64_t now,
	    struct seat_view *out);

/*
 * The listener's periodic job: end every running member session whose
 * cost would exceed the customer's wallet within `ahead` seconds of now
 * (call it at least every `ahead` seconds, e.g. every 5 s with ahead 10,
 * and no session goes over its balance). Each is stopped at now, in its
 * own transaction, charged exactly what it used; if the wallet no longer
 * covers it (cafed was down), the wallet goes to zero and the rest is
 * the customer's debt. Runs as ctx's actor ("system") without a
 * permission check. Sets *ended (may be NULL) to the number ended.
 * Returns 0 or the first error (the others are still tried).
 */
int	seat_expire_due(struct mctx *, int64_t now, int64_t ahead,
	    int *ended);

/*
 * Receipt lines for r into buf: when and where, the minutes (package
 * minutes apart), each priced piece, the total and how it was paid, and
 * the rounding rule. Lines end with '\n'. Returns buf.
 */
char	*seat_receipt_text(struct db *, const struct seat_receipt *r,
	    char *buf, size_t size);

/* Packages: kinds of prepaid time ------------------------------------ */

struct seat_package {
	int64_t	id;
	char	name[STATION_NAME_MAX + 1];
	int64_t	zone_id;		/* 0: any zone */
	char	zone[STATION_NAME_MAX + 1];
	int64_t	minutes;
	int64_t	price;
	int	retired;
};

/*
 * Define a package (station.manage): minutes (1..100000) for price, in
 * zone (NULL: any). Sets *id (may be NULL). Returns 0, ERR_DENIED,
 * ERR_INVALID, ERR_NOTFOUND (zone), ERR_EXISTS.
 */
int	seat_package_add(struct mctx *, const char *name, const char *zone,
	    int64_t minutes, int64_t price, int64_t *id, const char **why);

/* Retire a package: sold no more. 0, ERR_DENIED, ERR_NOTFOUND. */
int	seat_package_retire(struct mctx *, const char *name);

/* Packages on sale, by name. free(*out). */
int	seat_package_list(struct db *, struct seat_package **out, size_t *n);

/*
 * Sell package `package` to member customer_id from the wallet, with
 * idempotency key `key` (NULL: a fresh one) (station.operate). Returns
 * 0 with *purchase_id set (may be NULL), ERR_DENIED, ERR_NOTFOUND,
 * ERR_STATE (retired), ERR_INSUFFICIENT, ERR_CONFLICT.
 */
int	seat_package_buy(struct mctx *, int64_t customer_id,
	    const char *package, const char *key, int64_t *purchase_id);

/* Package minutes member customer_id has left in zone_id (0: any). */
int	seat_package_minutes(struct db *, int64_t customer_id,
	    int64_t zone_id, int64_t *minutes);

#endif

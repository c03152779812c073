/*
 * reservation.h -- bookings of a station (or of any station of a zone)
 * for a customer and a time slot.
 *
 * Bookings on one station never overlap, and a customer holds at most
 * one booking at a time. A booking for "any station of a zone" is given
 * the first station of the zone (by name) free of bookings for that
 * slot when it is made. The station shows as reserved from
 * reservation.lead_minutes before the start; when the customer starts a
 * session the booking is seated; a no-show is released
 * reservation.grace_minutes after the start (reservation_release_due,
 * the listener's periodic job), audited. Making and cancelling bookings
 * needs station.operate.
 */
#ifndef CAFED_RESERVATION_H
#define CAFED_RESERVATION_H

#include <stddef.h>
#include <stdint.h>

#include "model/station.h"

struct db;
struct mctx;

#define RESERVATION_MAX_SECONDS	(24 * 3600)	/* the longest booking */
#define RESERVATION_NAME_MAX	64

enum reservation_state {
	RESERVATION_BOOKED,
	RESERVATION_SEATED,
	RESERVATION_CANCELLED,
	RESERVATION_RELEASED,
	RESERVATION__NSTATES
};

struct reservation_info {
	int64_t	id;
	int64_t	station_id;
	char	station[STATION_NAME_MAX + 1];
	int64_t	zone_id;
	char	zone[STATION_NAME_MAX + 1];
	int	any_station;	/* booked as "any station of the zone" */
	int64_t	customer_id;
	char	customer[RESERVATION_NAME_MAX + 1];
	int64_t	starts_at, ends_at;
	int	state;		/* enum reservation_state */
	int64_t	session_id;	/* seated: the session, else 0 */
	char	note[STATION_NOTE_MAX + 1];
};

/* "booked", "seated", "cancelled", "released"; NULL if unknown. */
const char	*reservation_state_name(int state);

/* What to book: station, or (station NULL) any station of zone. */
struct reservation_new {
	const char	*station;
	const char	*zone;
	int64_t		 customer_id;
	int64_t		 from, to;	/* UTC seconds, [from, to) */
	const char	*note;		/* may be NULL */
};

/*
 * Book. Sets *id (may be NULL). Returns 0, ERR_DENIED, ERR_NOTFOUND
 * (station, zone or customer), ERR_DISABLED (customer), ERR_INVALID
 * (from >= to, the slot is over already, a bad note), ERR_RANGE (longer
 * than RESERVATION_MAX_SECONDS), ERR_EXISTS (the slot overlaps another
 * booking of the station -- of every station of the zone -- or of the
 * customer; *why says which).
 */
int	reservation_add(struct mctx *, const struct reservation_new *,
	    int64_t *id, const char **why);

/*
 * Cancel a booking that is still booked. Returns 0, ERR_DENIED,
 * ERR_NOTFOUND, ERR_STATE (seated, cancelled or released already).
 */
int	reservation_cancel(struct mctx *, int64_t id);

/* One booking. 0 or ERR_NOTFOUND. */
int	reservation_get(struct db *, int64_t id, struct reservation_info *);

/*
 * Bookings overlapping [from, to), every state, by start then station.
 * *out (free()) holds *n entries.
 */
int	reservation_list(struct db *, int64_t from, int64_t to,
	    struct reservation_info **out, size_t *n);

/*
 * Mark customer_id's booking due at now (within its lead time and
 * grace) seated by session_id, inside the caller's transaction. Sets
 * *id to the booking seated, 0 if none.
 */
int	reservation_seat(struct db *, int64_t customer_id, int64_t session_id,
	    int64_t now, int64_t *id);

/*
 * The listener's periodic job: release every booking still booked whose
 * grace (reservation.grace_minutes after its start) has passed at now,
 * or that is over, one audited "reservation.noshow" row each, in one
 * transaction. Runs as ctx's actor ("system") without a permission
 * check. Sets *released (may be NULL). Returns 0 or a database error.
 */
int	reservation_release_due(struct mctx *, int64_t now, int *released);

/*
 * The UTC bounds of the local day holding t in time zone tz, for "
 * today's bookings": [*from, *to).
 */
void	reservation_day(int64_t t, const char *tz, int64_t *from,
	    int64_t *to);

#endif

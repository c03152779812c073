/*
 * seat_int.h -- what the files of the seat module share (seat.c,
 * seat_ops.c, seat_package.c); not for other modules.
 */
#ifndef CAFED_SEAT_INT_H
#define CAFED_SEAT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/pricing.h"
#include "model/station.h"

struct db;
struct mctx;
struct seat_receipt;

/* An open session with its billed spans and the member's packages. */
struct seat_sess {
	int64_t			 id;
	int64_t			 station_id;
	char			 station[STATION_NAME_MAX + 1];
	int64_t			 customer_id;	/* 0: a guest */
	int64_t			 started_at;
	int64_t			 paused_at;	/* 0: running */
	int64_t			 zone_id;	/* of the last segment */
	struct pricing_span	*spans;
	size_t			 nspans;
	struct pricing_package	*pkgs;
	size_t			 npkgs;
};

/*
 * Load the open session on station_id, or with id != 0 the open session
 * id. Returns 0 or ERR_STATE (none). Free with seat_sess_free().
 */
int	seat_sess_load(struct db *, int64_t station_id, int64_t id,
	    struct seat_sess *);
void	seat_sess_free(struct seat_sess *);

/* Price s with its running segment taken up to `until`. */
int	seat_sess_price(struct db *, const struct station_prices *,
	    const char *tz, struct seat_sess *s, int64_t until,
	    struct pricing_result *res);

/* The open shift a guest pays into (see seat.c). 0 or ERR_NOSHIFT. */
int	seat_guest_shift(struct mctx *, int64_t *shift_id);

/* 0 when station s may take a session of customer_id, else ERR_STATE. */
int	seat_station_usable(struct db *, const struct station_info *s,
	    int64_t customer_id, const char **why);

/* Open a billed segment; close the running one at now. */
int	seat_segment_open(struct db *, int64_t session_id, int64_t station_id,
	    int64_t zone_id, int64_t now);
int	seat_segment_close(struct db *, int64_t session_id, int64_t now);

/* Stop session id as expired (own transaction). */
int	seat_stop_expired(struct mctx *, int64_t session_id,
	    struct seat_receipt *out);

/* v as a plain decimal of the café's currency. Returns buf. */
char	*seat_amount(struct db *, int64_t v, char *buf, size_t size);

#endif

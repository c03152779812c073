/*
 * reservations.h -- the bookings view (a day's bookings by time and
 * station, opened from the stations screen) and the booking form.
 */
#ifndef CAFED_SCREENS_RESERVATIONS_H
#define CAFED_SCREENS_RESERVATIONS_H

#include "tui/tui.h"

struct scr_app;

/* The view's keys, for the help and the checks. */
extern const struct tui_key	scr_reservations_keys_map[];
extern const size_t		scr_reservations_nkeys;

/*
 * The bookings of a day (today first) in a dialog, following the
 * database as it changes; book (a), cancel (c), other days (Left,
 * Right, t). Returns when closed or when the session ends.
 */
void	scr_reservations_run(struct tui *, struct scr_app *);

/*
 * Ask for a booking of station (NULL: asks for a station or "zone:NAME"
 * too), customer and times on the shown day, then book it. Says in the
 * status line what happened. Returns TUI_RELOAD.
 */
int	scr_reservations_book(struct tui *, struct scr_app *,
	    const char *station);

#endif

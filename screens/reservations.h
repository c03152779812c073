/*
 * reservations.h -- the day's bookings by time and station, and the
 * booking form the stations screen opens too.
 */
#ifndef CAFED_SCREENS_RESERVATIONS_H
#define CAFED_SCREENS_RESERVATIONS_H

#include "tui/tui.h"

struct scr_app;

extern const struct tui_screen	scr_reservations;

/*
 * Ask for a booking of station (NULL: asks for a station or "zone:NAME"
 * too), customer and times on the shown day, then book it. Says in the
 * status line what happened. Returns TUI_RELOAD.
 */
int	scr_reservations_book(struct tui *, struct scr_app *,
	    const char *station);

#endif

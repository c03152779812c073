/*
 * stations.h -- the floor: every station with its state, customer,
 * elapsed and remaining time, as a grid on wide terminals and a table on
 * narrow ones, and the actions on the selected station (start, stop,
 * extend, move, pause, maintenance, book). Also the dashboard's floor
 * section: occupancy and sessions ending soon.
 */
#ifndef CAFED_SCREENS_STATIONS_H
#define CAFED_SCREENS_STATIONS_H

#include "tui/tui.h"

extern const struct tui_screen	scr_stations;

/* Terminals at least this wide show the grid; narrower ones the table. */
#define SCR_STATIONS_GRID_MIN	100

#endif

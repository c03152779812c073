/*
 * stations_int.h -- what stations.c (the floor's view) and
 * stations_act.c (its actions) share; not for other screens.
 */
#ifndef CAFED_SCREENS_STATIONS_INT_H
#define CAFED_SCREENS_STATIONS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tui/tui.h"

struct scr_app;
struct seat_view;
struct station_info;
struct tui_table;

/* The screen's state, kept between visits (scr_app_state). */
struct st_state {
	struct tui_table	*tab;	/* rows, selection, search */
	struct station_info	*st;	/* the stations, by name */
	size_t			 n;
	struct seat_view	*sv;	/* the open sessions */
	size_t			 nsv;
	int			*vi;	/* station i -> sv index, or -1 */
	int64_t			 loaded_at;	/* clock_now() of the load */
	int			 gcols;	/* cards per grid row; 0: table */
	int			 gtop;	/* first grid row shown */
};

struct st_state	*scr_stations_state(struct scr_app *);

/*
 * The selected station and (v not NULL) its open session or NULL. When
 * none is selected: NULL, said in the status line unless t is NULL.
 */
const struct station_info *
		 scr_stations_current(struct tui *t, struct scr_app *,
		    const struct seat_view **v);

/* The open session of station i, or NULL. */
const struct seat_view *
		 scr_stations_view(const struct st_state *, size_t i);

/* v as a plain decimal of the café's currency. Returns buf. */
char		*scr_stations_money(const struct scr_app *, int64_t v,
		    char *buf, size_t size);

/* The key handlers of the actions (stations_act.c). */
int	scr_stations_start(struct tui *, void *app);
int	scr_stations_guest(struct tui *, void *app);
int	scr_stations_stop(struct tui *, void *app);
int	scr_stations_extend(struct tui *, void *app);
int	scr_stations_move(struct tui *, void *app);
int	scr_stations_book(struct tui *, void *app);
int	scr_stations_bookings(struct tui *, void *app);
int	scr_stations_pause(struct tui *, void *app);
int	scr_stations_maint(struct tui *, void *app);
int	scr_stations_offline(struct tui *, void *app);

/* Managing stations and zones (stationform.c). */
struct tui_form;

/* What the management forms' field checks need (their ctx). */
struct st_check {
	struct scr_app	*app;
	const char	*was;	/* the name being edited: may stay */
	char		 msg[128];
};

/* Field checks: a valid name; a zone that takes stations; an amount. */
const char	*scr_st_check_name(const char *value, void *ctx);
const char	*scr_st_check_zone(const char *value, void *ctx);
const char	*scr_st_check_amount(const char *value, void *ctx);
const char	*scr_st_check_amount_opt(const char *value, void *ctx);

/*
 * Offer text[0..n-1], then more[0..nmore-1], under title. Returns the
 * index picked (n + j for more[j]) or -1. scr_st_free_text() frees text.
 */
int		 scr_st_pick(struct tui *, const char *title,
		    char *const *text, size_t n, const char *const *more,
		    size_t nmore);
void		 scr_st_free_text(char **text, size_t n);

/*
 * Run form f until save() accepts it (1) or it is cancelled (0). save()
 * returns a model result and may set *why; a refusal shows in the status
 * line and the form stays with what was typed, unless the permission is
 * missing.
 */
int		 scr_st_form_run(struct tui *, struct scr_app *,
		    struct tui_form *f, int (*save)(struct scr_app *,
		    struct tui_form *, void *, const char **), void *arg);

int	scr_stations_add(struct tui *, void *app);
int	scr_stations_edit(struct tui *, void *app);
int	scr_stations_retire(struct tui *, void *app);
int	scr_stations_zones(struct tui *, void *app);

/* Time rules and packages, from the zones dialog (stationprice.c). */
void	scr_stations_rules(struct tui *, struct scr_app *);
void	scr_stations_packages(struct tui *, struct scr_app *);

#endif

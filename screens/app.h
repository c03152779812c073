/*
 * app.h -- what every screen shares: the session, the café, the state
 * each screen keeps between visits, and small helpers for showing
 * refusals and times.
 *
 * Screens get this struct as the `void *app` of their callbacks. There
 * are no globals: a screen's own state lives in scr_app_state(), keyed by
 * its descriptor, so it survives switching screens (filters, selection)
 * and is freed when the TUI ends.
 */
#ifndef CAFED_SCREENS_APP_H
#define CAFED_SCREENS_APP_H

#include <stddef.h>
#include <stdint.h>

#include "model/settings.h"

struct mctx;
struct tui;
struct ui_session;
struct scr_state;

struct scr_app {
	struct mctx		*ctx;	/* the acting user and the database */
	struct ui_session	*sess;
	struct cafe_info	 cafe;	/* reloaded when the database changes */
	struct scr_state	*states;
	int64_t			 data_version;
	int			 leave_run;	/* 1: the tick ends tui_run */
	int64_t			 last_check_ms;	/* login_check, role */
	int64_t			 last_touch_ms;	/* login_touch */
	int64_t			 minute;	/* of top_clock */
	char			 top_clock[16];
	char			 bye[128];	/* said after the screen is gone */
	int			 idle_out;	/* logged out for being idle */
	char			 top_shift[96];	/* the top bar's shift part */
	int64_t			 top_shift_version, top_shift_own;
	int			 top_shift_valid;
	int64_t			 busy_ms;	/* last change or key seen */
	int			 settled;	/* memory given back since */
	char			*old_tz;	/* TZ before scr_app_zone() */
	int			 zone_set, had_tz;
};

/*
 * The state of the screen (or any other owner) `key`: size zeroed bytes
 * made on first use, then the same pointer on every call. release (may be
 * NULL) runs on it before it is freed by scr_app_free().
 */
void	*scr_app_state(struct scr_app *, const void *key, size_t size,
	    void (*release)(void *));

/*
 * Free every state made by scr_app_state(), and put back the TZ that
 * scr_app_zone() replaced.
 */
void	 scr_app_free(struct scr_app *);

/*
 * Make the café's zone (app->cafe.timezone) the process's local zone,
 * so scr_app_time() formats without switching zones (a switch makes the
 * C library read the zone file, twice per call). Call after every load
 * of app->cafe.
 */
void	 scr_app_zone(struct scr_app *);

/*
 * Say in the status line why the model refused: err_str(rc), and why
 * when not NULL ("Error: The password is too short: ..."). Nothing else.
 */
void	 scr_app_refused(struct tui *, int rc, const char *why);

/*
 * A form field's check of an amount in the café's currency: NULL when
 * value parses, else why not, written into msg (size bytes).
 */
const char	*scr_app_check_amount(const struct scr_app *,
		    const char *value, char *msg, size_t size);

/* A checked amount field's value in minor units; blank is dflt. */
int64_t		 scr_app_amount(const struct scr_app *, const char *value,
		    int64_t dflt);

/*
 * t as local time of the café, with strftime's fmt ("%Y-%m-%d %H:%M"),
 * into buf. Returns buf.
 */
char	*scr_app_time(const struct scr_app *, int64_t t, const char *fmt,
	    char *buf, size_t size);

/*
 * The instant local midnight starts the date "YYYY-MM-DD" in the café's
 * zone, plus days days. Returns 0 or ERR_INVALID.
 */
int	 scr_app_date(const struct scr_app *, const char *date, int days,
	    int64_t *out);

/* "now", "3 min ago", "2 h ago", "5 d ago": how long ago t was. */
char	*scr_app_ago(int64_t t, char *buf, size_t size);

#endif

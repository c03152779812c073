/*
 * reservations.c -- the bookings view, opened from the stations screen:
 * one day's bookings by time and station, other days with the arrow
 * keys, cancelling, and the booking form (also for a station picked on
 * the stations screen).
 */
#include "screens/reservations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/perm.h"
#include "model/reservation.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define RES_H	22	/* dialog rows and columns wanted (clamped) */
#define RES_W	78

/* The key of the view's state in scr_app_state(). */
static const char res_key;

struct res_state {
	struct tui_table	*tab;
	struct reservation_info	*v;
	size_t			 n;
	int64_t			 day;	/* local midnight shown; 0: today */
	int64_t			 next;	/* the midnight after it */
};

static const struct tui_col res_cols[] = {
	{ "From", 5, TUI_LEFT },
	{ "To", 5, TUI_LEFT },
	{ "Station", 8, TUI_LEFT },
	{ "Zone", 8, TUI_LEFT },
	{ "Customer", 0, TUI_LEFT },
	{ "State", 9, TUI_LEFT },
	{ "Note", 16, TUI_LEFT },
};

static void
res_clear(void *p)
{
	struct res_state *s = p;

	tui_table_free(s->tab);
	free(s->v);
}

static struct res_state *
res_state(struct scr_app *app)
{
	struct res_state *s = scr_app_state(app, &res_key, sizeof(*s),
	    res_clear);

	if (s->tab == NULL)
		s->tab = tui_table_new(res_cols, TUI_NKEYS(res_cols));
	if (s->day == 0)
		reservation_day(clock_now(), app->cafe.timezone, &s->day,
		    &s->next);
	return s;
}

static int
res_role(int state)
{
	switch (state) {
	case RESERVATION_BOOKED:
		return TUI_RESERVED;
	case RESERVATION_SEATED:
		return TUI_BUSY;
	default:
		return TUI_OFFLINE;
	}
}

static int
res_load(struct scr_app *app)
{
	struct res_state *s = res_state(app);
	const char *cells[TUI_NKEYS(res_cols)];
	char from[16], to[16];
	size_t i;
	int r;

	free(s->v);
	s->v = NULL;
	s->n = 0;
	tui_table_clear(s->tab);
	if ((r = reservation_list(app->ctx->db, s->day, s->next, &s->v,
	    &s->n)) != 0)
		return r;
	for (i = 0; i < s->n; i++) {
		cells[0] = scr_app_time(app, s->v[i].starts_at, "%H:%M", from,
		    sizeof(from));
		cells[1] = scr_app_time(app, s->v[i].ends_at, "%H:%M", to,
		    sizeof(to));
		cells[2] = s->v[i].station;
		cells[3] = s->v[i].zone;
		cells[4] = s->v[i].customer;
		cells[5] = reservation_state_name(s->v[i].state);
		cells[6] = s->v[i].note;
		tui_table_add(s->tab, cells, res_role(s->v[i].state));
	}
	return 0;
}

/* Inside the dialog's frame: the day, the table, a hint. */
static void
res_draw(WINDOW *w, struct scr_app *app)
{
	struct res_state *s = res_state(app);
	char day[32], foot[128];
	int h, ww;

	getmaxyx(w, h, ww);
	scr_app_time(app, s->day, "%A %Y-%m-%d", day, sizeof(day));
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, 1, 2, ww - 4, day, TUI_LEFT);
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	if (s->n == 0)
		tui_text_put(w, 3, 2, ww - 4, "No bookings that day.",
		    TUI_LEFT);
	else
		tui_table_draw(s->tab, w, 2, 2, h - 4, ww - 4);
	snprintf(foot, sizeof(foot), "%zu bookings   a book   c cancel   "
	    "Left/Right other days   t today   Esc close", s->n);
	tui_text_put(w, h - 2, 2, ww - 4, foot, TUI_LEFT);
}

/* Show the day `days` days from the one shown (0: today). */
static int
res_day(struct scr_app *app, int days)
{
	struct res_state *s = res_state(app);
	char date[16];

	if (days == 0) {
		reservation_day(clock_now(), app->cafe.timezone, &s->day,
		    &s->next);
		return TUI_RELOAD;
	}
	scr_app_time(app, s->day, "%Y-%m-%d", date, sizeof(date));
	if (scr_app_date(app, date, days, &s->day) == 0)
		scr_app_date(app, date, days + 1, &s->next);
	return TUI_RELOAD;
}

static int
res_prev(struct tui *t, void *vapp)
{
	(void)t;
	return res_day(vapp, -1);
}

static int
res_next(struct tui *t, void *vapp)
{
	(void)t;
	return res_day(vapp, 1);
}

static int
res_today(struct tui *t, void *vapp)
{
	(void)t;
	return res_day(vapp, 0);
}

static int
res_add(struct tui *t, void *vapp)
{
	return scr_reservations_book(t, vapp, NULL);
}

static int
res_cancel(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct res_state *s = res_state(app);
	const struct reservation_info *ri;
	char from[16];
	int i, r;

	if ((i = tui_table_selected(s->tab)) < 0 || (size_t)i >= s->n) {
		tui_status(t, TUI_WARNING, "No booking selected.");
		return TUI_HANDLED;
	}
	ri = &s->v[i];
	if (!scr_modal_confirm(t, "Cancel booking", "Cancel the booking of "
	    "%s on %s at %s?", ri->customer, ri->station, scr_app_time(app,
	    ri->starts_at, "%H:%M", from, sizeof(from))))
		return TUI_REDRAW;
	if ((r = reservation_cancel(app->ctx, ri->id)) == ERR_STATE)
		tui_status(t, TUI_ERROR, "That booking is %s already.",
		    reservation_state_name(ri->state));
	else if (r != 0)
		scr_app_refused(t, r, NULL);
	else
		tui_status(t, TUI_SUCCESS, "Booking cancelled.");
	return TUI_RELOAD;
}

const struct tui_key scr_reservations_keys_map[] = {
	{ 'a', "Book", "Book a station (or any of a zone) for a customer",
	  res_add, PERM_STATION_OPERATE },
	{ 'c', "Cancel", "Cancel the selected booking (asks first)",
	  res_cancel, PERM_STATION_OPERATE },
	{ TUI_KEY_LEFT, "Prev day", "Show the day before", res_prev, -1 },
	{ TUI_KEY_RIGHT, "Next day", "Show the day after", res_next, -1 },
	{ 't', "Today", "Show today", res_today, -1 },
	{ TUI_KEY_ESC, "Close", "Close the bookings", NULL, -1 },
};
const size_t scr_reservations_nkeys =
    TUI_NKEYS(scr_reservations_keys_map);

/* One key; 0 closes the view. Sets *reload when the data changed. */
static int
res_modal_key(struct tui *t, struct scr_app *app, int key, int *reload)
{
	int action;

	switch (key) {
	case TUI_KEY_ABORT: case TUI_KEY_ESC: case 'q': case TUI_KEY_F(10):
		return 0;
	case TUI_KEY_F(1): case '?':
		scr_modal_help(t, "Bookings", scr_reservations_keys_map,
		    scr_reservations_nkeys);
		return 1;
	}
	if (key < 0)
		return 1;
	action = tui_keymap_dispatch(t, scr_reservations_keys_map,
	    scr_reservations_nkeys, key, app);
	if (action == TUI_DENIED)
		tui_status(t, TUI_ERROR, "Not allowed for your role.");
	else if (action == TUI_RELOAD)
		*reload = 1;
	else if (action == TUI_IGNORED)
		tui_table_key(res_state(app)->tab, t, key);
	return 1;
}

/* The view's turn: what scr_modal_view_run() needs of it. */
struct res_view {
	struct scr_app	*app;
	int64_t		 version;
	int		 reload;
};

static int
res_view_stale(void *d)
{
	struct res_view *v = d;

	return v->reload || v->version != v->app->data_version;
}

static int
res_view_load(void *d)
{
	struct res_view *v = d;

	v->version = v->app->data_version;
	v->reload = 0;
	return res_load(v->app);
}

static void
res_view_draw(struct tui *t, WINDOW *w, void *d)
{
	(void)t;
	res_draw(w, ((struct res_view *)d)->app);
}

static int
res_view_key(struct tui *t, void *d, int key)
{
	struct res_view *v = d;

	return res_modal_key(t, v->app, key, &v->reload);
}

void
scr_reservations_run(struct tui *t, struct scr_app *app)
{
	static const struct scr_modal_view v = { "Bookings", RES_H, RES_W,
	    res_view_stale, res_view_load, res_view_draw, res_view_key };
	struct res_view rv = { app, -1, 1 };

	scr_modal_view_run(t, &v, &rv);
}

/* The booking form ---------------------------------------------------- */

struct book_ctx {
	struct scr_app	*app;
	int64_t		 day;		/* local midnight of the day shown */
};

/* "HH:MM" on the day, or a full ISO 8601 time, as UTC seconds. */
static int
book_time(const struct book_ctx *b, const char *s, int64_t *out)
{
	char day[16], iso[40];

	if (strlen(s) == 5 && s[2] == ':') {
		scr_app_time(b->app, b->day, "%Y-%m-%d", day, sizeof(day));
		snprintf(iso, sizeof(iso), "%sT%s", day, s);
		s = iso;
	}
	return clock_parse_iso(s, b->app->cafe.timezone, out);
}

static const char *
book_check_time(const char *value, void *vctx)
{
	int64_t t;

	return book_time(vctx, value, &t) == 0 ? NULL :
	    "a time like 18:30, or 2026-11-22 18:30";
}

static const char *
book_check_customer(const char *value, void *vctx)
{
	const struct book_ctx *b = vctx;
	int64_t id;

	return customer_resolve(b->app->ctx->db, value, &id) == 0 ? NULL :
	    "no customer with that card number or id:N";
}

static const char *
book_check_where(const char *value, void *vctx)
{
	(void)vctx;
	return value[0] != '\0' ? NULL : "a station name, or zone:NAME";
}

static const struct tui_field book_fields[] = {
	{ "Station (or zone:NAME)", TUI_FIELD_TEXT, 40, book_check_where },
	{ "Customer (card or id:N)", TUI_FIELD_TEXT, 40,
	  book_check_customer },
	{ "From", TUI_FIELD_TEXT, 20, book_check_time },
	{ "To", TUI_FIELD_TEXT, 20, book_check_time },
	{ "Note", TUI_FIELD_TEXT, 60, NULL },
};

/* Book what the submitted form says. */
static void
book_submit(struct tui *t, struct book_ctx *b, struct tui_form *f)
{
	struct reservation_new rn;
	const char *where = tui_form_value(f, 0), *why = NULL;
	int r;

	memset(&rn, 0, sizeof(rn));
	if (strncmp(where, "zone:", 5) == 0)
		rn.zone = where + 5;
	else
		rn.station = where;
	customer_resolve(b->app->ctx->db, tui_form_value(f, 1),
	    &rn.customer_id);
	book_time(b, tui_form_value(f, 2), &rn.from);
	book_time(b, tui_form_value(f, 3), &rn.to);
	rn.note = tui_form_value(f, 4)[0] != '\0' ? tui_form_value(f, 4) :
	    NULL;
	if ((r = reservation_add(b->app->ctx, &rn, NULL, &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "Booked.");
}

int
scr_reservations_book(struct tui *t, struct scr_app *app,
    const char *station)
{
	struct res_state *s = res_state(app);
	struct book_ctx b = { app, s->day };
	struct tui_form *f;

	f = tui_form_new("Book a station", book_fields,
	    TUI_NKEYS(book_fields), &b);
	if (station != NULL)
		tui_form_set(f, 0, station);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT)
		book_submit(t, &b, f);
	tui_form_free(f);
	return TUI_RELOAD;
}

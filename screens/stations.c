/*
 * stations.c -- the floor screen: a grid of station cards on wide
 * terminals, a table on narrow ones, both live (times are computed at
 * each draw from what was loaded, and the data reloads when any
 * terminal changes it), and the actions on the selected station.
 */
#include "screens/stations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "model/money.h"
#include "model/ctx.h"
#include "model/perm.h"
#include "model/seat.h"
#include "model/station.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "screens/dashboard.h"
#include "screens/reservations.h"
#include "screens/stations_int.h"
#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define CARD_W	25	/* a grid card: columns, lines, and the gap */
#define CARD_H	3

static const struct tui_col st_cols[] = {
	{ "", 1, TUI_LEFT },
	{ "Station", 8, TUI_LEFT },
	{ "Zone", 8, TUI_LEFT },
	{ "State", 11, TUI_LEFT },
	{ "Customer", 0, TUI_LEFT },
	{ "Played", 6, TUI_RIGHT },
	{ "Left", 6, TUI_RIGHT },
	{ "Cost", 8, TUI_RIGHT },
};

static void
st_clear(void *p)
{
	struct st_state *s = p;

	tui_table_free(s->tab);
	free(s->st);
	free(s->sv);
	free(s->vi);
}

struct st_state *
scr_stations_state(struct scr_app *app)
{
	struct st_state *s = scr_app_state(app, &scr_stations, sizeof(*s),
	    st_clear);

	if (s->tab == NULL)
		s->tab = tui_table_new(st_cols, TUI_NKEYS(st_cols));
	return s;
}

/* A state's symbol, readable without colour, and its theme role. */
static const char *
st_symbol(int state)
{
	static const char *const utf[] = { "○", "●", "◆", "✖", "–" };
	static const char *const ascii[] = { ".", "#", "R", "M", "-" };

	if (state < 0 || state >= STATION__NSTATES)
		return "?";
	return tui_theme_ascii() ? ascii[state] : utf[state];
}

static int
st_role(int state, const struct seat_view *v)
{
	if (v != NULL && v->warn)
		return TUI_WARNING;
	switch (state) {
	case STATION_FREE:
		return TUI_FREE;
	case STATION_IN_USE:
		return TUI_BUSY;
	case STATION_RESERVED:
		return TUI_RESERVED;
	default:
		return TUI_OFFLINE;
	}
}

/* "1:05" (hours and minutes) into buf; "-" for negative. */
static char *
st_hm(int64_t secs, char *buf, size_t size)
{
	if (secs < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld:%02lld", (long long)(secs / 3600),
		    (long long)(secs / 60 % 60));
	return buf;
}

/* What a station's view says now: times moved on since the load. */
static void
st_times(const struct st_state *s, const struct seat_view *v, int64_t now,
    int64_t *played, int64_t *left)
{
	int64_t d = v->paused ? 0 : now - s->loaded_at;

	*played = v->elapsed + (d > 0 ? d : 0);
	*left = v->seconds_left;
	if (*left >= 0) {
		*left -= d > 0 ? d : 0;
		if (*left < 0)
			*left = 0;
	}
}

const struct seat_view *
scr_stations_view(const struct st_state *s, size_t i)
{
	return i < s->n && s->vi[i] >= 0 ? &s->sv[s->vi[i]] : NULL;
}

static const char *
st_state_text(const struct station_info *st, const struct seat_view *v)
{
	if (v != NULL && v->paused)
		return "paused";
	if (st->state == STATION_IN_USE)
		return "in use";
	return station_state_name(st->state);
}

/* Rebuild the table's rows with the times at now; keeps the selection. */
static void
st_rows(struct scr_app *app, struct st_state *s, int64_t now)
{
	const char *cells[TUI_NKEYS(st_cols)];
	const struct seat_view *v;
	char played[48], left[48], cost[32];
	int64_t p, l;
	size_t i;

	tui_table_clear(s->tab);
	for (i = 0; i < s->n; i++) {
		v = scr_stations_view(s, i);
		cells[0] = st_symbol(s->st[i].state);
		cells[1] = s->st[i].name;
		cells[2] = s->st[i].zone;
		cells[3] = st_state_text(&s->st[i], v);
		cells[4] = v != NULL ? v->customer : "";
		cells[5] = cells[6] = cells[7] = "";
		if (v != NULL) {
			st_times(s, v, now, &p, &l);
			cells[5] = st_hm(p, played, sizeof(played));
			st_hm(l, left, sizeof(left));
			if (v->warn)
				strncat(left, "!", sizeof(left) -
				    strlen(left) - 1);
			cells[6] = left;
			cells[7] = scr_stations_money(app, v->cost, cost,
			    sizeof(cost));
		}
		tui_table_add(s->tab, cells, st_role(s->st[i].state, v));
	}
}

char *
scr_stations_money(const struct scr_app *app, int64_t v, char *buf,
    size_t size)
{
	if (money_format(buf, size, v, app->cafe.decimals) == NULL)
		snprintf(buf, size, "?");
	return buf;
}

/* Map each station to its open session's view. */
static void
st_index(struct st_state *s)
{
	size_t i, k;

	free(s->vi);
	s->vi = xreallocarray(NULL, s->n + 1, sizeof(*s->vi));
	for (i = 0; i < s->n; i++) {
		s->vi[i] = -1;
		for (k = 0; k < s->nsv; k++)
			if (s->sv[k].station_id == s->st[i].id)
				s->vi[i] = (int)k;
	}
}

static int
st_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct st_state *s = scr_stations_state(app);
	struct station_info *st;
	struct seat_view *sv;
	int64_t now = clock_now(), sel_id = 0;
	size_t n, nsv, i;
	int r, sel;

	(void)t;
	if ((sel = tui_table_selected(s->tab)) >= 0 && (size_t)sel < s->n)
		sel_id = s->st[sel].id;
	if ((r = station_list(app->ctx->db, now, &st, &n)) != 0)
		return r;
	if ((r = seat_list(app->ctx, now, &sv, &nsv)) != 0) {
		free(st);
		return r;
	}
	free(s->st);
	free(s->sv);
	s->st = st;
	s->n = n;
	s->sv = sv;
	s->nsv = nsv;
	s->loaded_at = now;
	st_index(s);
	st_rows(app, s, now);
	for (i = 0; i < n; i++)
		if (st[i].id == sel_id)
			tui_table_select(s->tab, (int)i);
	return 0;
}

/* Draw card i at y, x (selected: in reverse). */
static void
st_card(struct scr_app *app, struct st_state *s, WINDOW *w, size_t i,
    int y, int x, int64_t now)
{
	const struct seat_view *v = scr_stations_view(s, i);
	int sel = tui_table_selected(s->tab) == (int)i;
	char l0[64], l2[160], a[48], b[48], c[32];
	int64_t p, l;

	wattrset(w, tui_theme_attr(sel ? TUI_SELECTED :
	    st_role(s->st[i].state, v)));
	snprintf(l0, sizeof(l0), " %s %s", st_symbol(s->st[i].state),
	    s->st[i].name);
	tui_text_put(w, y, x, CARD_W, l0, TUI_LEFT);
	tui_text_put(w, y, x + CARD_W - 9, 8, s->st[i].zone, TUI_RIGHT);
	if (!sel)
		wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, y + 1, x, 3, "", TUI_LEFT);
	tui_text_put(w, y + 1, x + 3, CARD_W - 3, v != NULL ? v->customer :
	    st_state_text(&s->st[i], v), TUI_LEFT);
	l2[0] = '\0';
	if (v != NULL) {
		st_times(s, v, now, &p, &l);
		snprintf(l2, sizeof(l2), "%s  %s%s%s", st_hm(p, a, sizeof(a)),
		    scr_stations_money(app, v->cost, c, sizeof(c)),
		    l >= 0 ? "  left " : v->paused ? "  paused" : "",
		    l >= 0 ? st_hm(l, b, sizeof(b)) : "");
	}
	if (v != NULL && v->warn && !sel)
		wattrset(w, tui_theme_attr(TUI_WARNING));
	tui_text_put(w, y + 2, x, 3, "", TUI_LEFT);
	tui_text_put(w, y + 2, x + 3, CARD_W - 3, l2, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

/* The grid: cards in rows, scrolled to keep the selection visible. */
static void
st_grid(struct scr_app *app, struct st_state *s, WINDOW *w, int h, int ww,
    int64_t now)
{
	int cols = (ww + 1) / (CARD_W + 1), rows = h / (CARD_H + 1);
	int sel = tui_table_selected(s->tab), r, c;
	size_t i;

	s->gcols = cols > 0 ? cols : 1;
	if (rows < 1)
		rows = 1;
	if (sel >= 0 && sel / s->gcols < s->gtop)
		s->gtop = sel / s->gcols;
	if (sel >= 0 && sel / s->gcols >= s->gtop + rows)
		s->gtop = sel / s->gcols - rows + 1;
	for (r = 0; r < rows; r++)
		for (c = 0; c < s->gcols; c++) {
			i = (size_t)((s->gtop + r) * s->gcols + c);
			if (i < s->n)
				st_card(app, s, w, i, r * (CARD_H + 1),
				    c * (CARD_W + 1), now);
		}
}

/* The foot line: counts by state. */
static void
st_foot(struct st_state *s, WINDOW *w, int y, int ww)
{
	int by[STATION__NSTATES] = { 0 }, warn = 0;
	char foot[128];
	size_t i;

	for (i = 0; i < s->n; i++) {
		by[s->st[i].state]++;
		warn += scr_stations_view(s, i) != NULL &&
		    scr_stations_view(s, i)->warn;
	}
	snprintf(foot, sizeof(foot), "%d in use, %d free, %d reserved, %d out "
	    "of order%s", by[STATION_IN_USE], by[STATION_FREE],
	    by[STATION_RESERVED], by[STATION_MAINTENANCE] +
	    by[STATION_OFFLINE], warn > 0 ? ", some ending soon (!)" : "");
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, y, 0, ww, foot, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static void
st_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct scr_app *app = vapp;
	struct st_state *s = scr_stations_state(app);
	int64_t now = clock_now();
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	st_rows(app, s, now);
	if (s->n == 0) {
		tui_text_put(w, 1, 2, ww - 2, "No stations yet: add zones and "
		    "stations with cafectl (see cafectl(8)).", TUI_LEFT);
		return;
	}
	if (ww >= SCR_STATIONS_GRID_MIN)
		st_grid(app, s, w, h - 1, ww, now);
	else {
		s->gcols = 0;
		tui_table_draw(s->tab, w, 0, 0, h - 1, ww);
	}
	st_foot(s, w, h - 1, ww);
}

/* Grid moves: left/right by one, up/down by a row of cards. */
static int
st_key(struct tui *t, int key, void *vapp)
{
	struct st_state *s = scr_stations_state(vapp);
	int sel = tui_table_selected(s->tab), to = sel;

	if (s->gcols > 0 && sel >= 0) {
		if (key == TUI_KEY_LEFT)
			to = sel - 1;
		else if (key == TUI_KEY_RIGHT)
			to = sel + 1;
		else if (key == TUI_KEY_UP || key == 'k')
			to = sel - s->gcols;
		else if (key == TUI_KEY_DOWN || key == 'j')
			to = sel + s->gcols;
		if (to != sel) {
			if (to >= 0 && (size_t)to < s->n)
				tui_table_select(s->tab, to);
			return TUI_REDRAW;
		}
	}
	return tui_table_key(s->tab, t, key);
}

static int	st_actions(struct tui *, void *);

static const struct tui_key st_keys[] = {
	{ TUI_KEY_ENTER, "Actions", "Choose an action for the selected "
	  "station", st_actions, PERM_STATION_OPERATE },
	{ 's', "Start", "Start a session for a member (card or id:N)",
	  scr_stations_start, PERM_STATION_OPERATE },
	{ 'g', "Guest", "Start a session for a guest, who pays at the end",
	  scr_stations_guest, PERM_STATION_OPERATE },
	{ 'x', "Stop", "Stop the session and charge it (asks first)",
	  scr_stations_stop, PERM_STATION_OPERATE },
	{ 'e', "Extend", "Sell the member a package of prepaid time",
	  scr_stations_extend, PERM_STATION_OPERATE },
	{ 'm', "Move", "Move the session to a free station",
	  scr_stations_move, PERM_STATION_OPERATE },
	{ 'b', "Book", "Book this station for a customer",
	  scr_stations_book, PERM_STATION_OPERATE },
	{ 'r', "Bookings", "The day's bookings by time and station",
	  scr_stations_bookings, PERM_STATION_OPERATE },
	{ 'p', "Pause", "Pause or resume the session", scr_stations_pause,
	  PERM_STATION_MANAGE },
	{ 'M', "Maint.", "Put the station in maintenance, or back (asks "
	  "first)", scr_stations_maint, PERM_STATION_MANAGE },
	{ 'o', "Offline", "Take the station offline, or back (asks first)",
	  scr_stations_offline, PERM_STATION_MANAGE },
	{ 'a', "Add", "Add a station to the floor", scr_stations_add,
	  PERM_STATION_MANAGE },
	{ 'E', "Edit", "Rename the station, move it to another zone, or "
	  "change its note", scr_stations_edit, PERM_STATION_MANAGE },
	{ 'R', "Retire", "Take the station off the floor for good (asks "
	  "first)", scr_stations_retire, PERM_STATION_MANAGE },
	{ 'z', "Zones", "Zones and prices, time rules, packages of time",
	  scr_stations_zones, PERM_STATION_MANAGE },
	{ TUI_KEY_LEFT, "Left", "The card to the left (grid)", NULL, -1 },
	{ TUI_KEY_RIGHT, "Right", "The card to the right (grid)", NULL, -1 },
};

/* Enter: the same actions as the keys (not the arrows), from a list. */
static int
st_actions(struct tui *t, void *vapp)
{
	return scr_modal_actions(t, "Actions", st_keys, 1,
	    TUI_NKEYS(st_keys) - 2, 2, vapp);
}

static void
st_enter(struct tui *t, void *vapp)
{
	(void)t;
	scr_stations_state(vapp);
}

const struct tui_screen scr_stations = {
	.name = "stations",
	.title = "Stations",
	.perm = PERM_STATION_OPERATE,
	.keys = st_keys,
	.nkeys = TUI_NKEYS(st_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.enter = st_enter,
	.load = st_load,
	.refresh_ms = 1000,	/* time played and left move on */
	.draw = st_draw,
	.key = st_key,
};

/* The dashboard: occupancy, and the member sessions ending soon. */
static int
st_dash_load(struct scr_app *app, struct scr_dash *d)
{
	struct station_counts c;
	struct seat_view *v;
	char left[48];
	size_t n, i;
	int r;

	if ((r = station_occupancy(app->ctx->db, clock_now(), &c)) != 0)
		return r;
	if (c.total == 0)
		return 0;
	scr_dashboard_add(d, TUI_NORMAL, "%d in use, %d free, %d reserved, "
	    "%d out of order", c.by_state[STATION_IN_USE],
	    c.by_state[STATION_FREE], c.by_state[STATION_RESERVED],
	    c.by_state[STATION_MAINTENANCE] + c.by_state[STATION_OFFLINE]);
	if ((r = seat_list(app->ctx, clock_now(), &v, &n)) != 0)
		return r;
	for (i = 0; i < n; i++)
		if (v[i].warn)
			scr_dashboard_add(d, TUI_WARNING, "%-8s %-24.24s ends "
			    "in %s", v[i].station, v[i].customer,
			    st_hm(v[i].seconds_left, left, sizeof(left)));
	free(v);
	return 0;
}

const struct scr_dash_section scr_stations_dash = {
	.title = "Floor",
	.perm = PERM_STATION_OPERATE,
	.rows = 6,
	.load = st_dash_load,
};

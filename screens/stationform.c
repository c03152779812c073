/*
 * stationform.c -- the floor screen's management forms (station.manage):
 * add, edit and retire stations; add, edit and retire zones and their
 * prices. Each form checks its fields as they are typed, then calls one
 * model function, which checks the permission again and writes the
 * change with its audit row or nothing.
 */
#include "screens/stations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/station.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "screens/stations_int.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/theme.h"

const char *
scr_st_check_name(const char *value, void *ctx)
{
	const char *why = "not a valid name";

	(void)ctx;
	return station_name_check(value, &why) == 0 ? NULL : why;
}

/* A new name, or the edited one's new spelling: look it up. */
static int
sf_new_name(const struct st_check *c, const char *value)
{
	return c->was == NULL || strcasecmp(value, c->was) != 0;
}

static const char *
sf_check_station(const char *value, void *ctx)
{
	struct st_check *c = ctx;
	struct station_info st;
	const char *why;

	if ((why = scr_st_check_name(value, ctx)) == NULL &&
	    sf_new_name(c, value) &&
	    station_find(c->app->ctx->db, value, 0, &st) == 0)
		why = "a station has that name already";
	return why;
}

static const char *
sf_check_zone_name(const char *value, void *ctx)
{
	struct st_check *c = ctx;
	struct zone_info z;
	const char *why;

	if ((why = scr_st_check_name(value, ctx)) == NULL &&
	    sf_new_name(c, value) &&
	    station_zone_find(c->app->ctx->db, value, &z) == 0)
		why = "a zone has that name already (retired ones count)";
	return why;
}

const char *
scr_st_check_zone(const char *value, void *ctx)
{
	struct st_check *c = ctx;
	struct zone_info z;

	if (station_zone_find(c->app->ctx->db, value, &z) != 0)
		return "no such zone (z lists them)";
	return z.retired ? "that zone is retired" : NULL;
}

const char *
scr_st_check_amount(const char *value, void *ctx)
{
	struct st_check *c = ctx;

	return scr_app_check_amount(c->app, value, c->msg, sizeof(c->msg));
}

const char *
scr_st_check_amount_opt(const char *value, void *ctx)
{
	return *value == '\0' ? NULL : scr_st_check_amount(value, ctx);
}

int
scr_st_pick(struct tui *t, const char *title, char *const *text, size_t n,
    const char *const *more, size_t nmore)
{
	const char **items = xcalloc(n + nmore, sizeof(*items));
	size_t i;
	int pick;

	for (i = 0; i < n; i++)
		items[i] = text[i];
	for (i = 0; i < nmore; i++)
		items[n + i] = more[i];
	pick = tui_dialog_choose(t, title, items, n + nmore, 0);
	free(items);
	return pick;
}

void
scr_st_free_text(char **text, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(text[i]);
	free(text);
}

int
scr_st_form_run(struct tui *t, struct scr_app *app, struct tui_form *f,
    int (*save)(struct scr_app *, struct tui_form *, void *, const char **),
    void *arg)
{
	const char *why;
	int r;

	while (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		why = NULL;
		if ((r = save(app, f, arg, &why)) == 0)
			return 1;
		scr_app_refused(t, r, why);
		if (r == ERR_DENIED)
			break;
	}
	return 0;
}

/* Stations ------------------------------------------------------------ */

enum { S_NAME, S_ZONE, S_NOTE };

static const struct tui_field station_fields[] = {
	{ "Name", TUI_FIELD_TEXT, STATION_NAME_MAX, sf_check_station },
	{ "Zone", TUI_FIELD_TEXT, STATION_NAME_MAX, scr_st_check_zone },
	{ "Note (specs)", TUI_FIELD_TEXT, STATION_NOTE_MAX, NULL },
};

static int
sf_station_add(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	const char *note = tui_form_value(f, S_NOTE);

	(void)arg;
	return station_add(app->ctx, tui_form_value(f, S_NAME),
	    tui_form_value(f, S_ZONE), *note != '\0' ? note : NULL, NULL,
	    why);
}

int
scr_stations_add(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct station_info *cur = scr_stations_current(NULL, app, NULL);
	struct st_check c = { .app = app };
	struct zone_info *z = NULL;
	struct tui_form *f;
	size_t nz = 0;

	if (station_zone_list(app->ctx->db, &z, &nz) != 0 || nz == 0) {
		free(z);
		tui_status(t, TUI_WARNING, "Add a zone first (z, then New "
		    "zone): it carries the prices.");
		return TUI_REDRAW;
	}
	f = tui_form_new("New station", station_fields,
	    TUI_NKEYS(station_fields), &c);
	/* The zone of the selected station, else the first one. */
	tui_form_set(f, S_ZONE, cur != NULL ? cur->zone : z[0].name);
	free(z);
	if (scr_st_form_run(t, app, f, sf_station_add, NULL))
		tui_status(t, TUI_SUCCESS, "Added %s in %s; it is free.",
		    tui_form_value(f, S_NAME), tui_form_value(f, S_ZONE));
	tui_form_free(f);
	return TUI_RELOAD;
}

static int
sf_station_edit(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	return station_edit(app->ctx, arg, tui_form_value(f, S_NAME),
	    tui_form_value(f, S_ZONE), tui_form_value(f, S_NOTE), why);
}

int
scr_stations_edit(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct station_info *cur = scr_stations_current(t, app, NULL);
	struct st_check c = { .app = app };
	struct tui_form *f;
	char title[64];

	/* The rows stay put while this runs (tui_reload_soon). */
	if (cur == NULL)
		return TUI_HANDLED;
	c.was = cur->name;
	snprintf(title, sizeof(title), "Station %s", cur->name);
	f = tui_form_new(title, station_fields, TUI_NKEYS(station_fields),
	    &c);
	tui_form_set(f, S_NAME, cur->name);
	tui_form_set(f, S_ZONE, cur->zone);
	tui_form_set(f, S_NOTE, cur->note);
	if (scr_st_form_run(t, app, f, sf_station_edit,
	    (void *)cur->name))
		tui_status(t, TUI_SUCCESS, "%s saved.",
		    tui_form_value(f, S_NAME));
	tui_form_free(f);
	return TUI_RELOAD;
}

int
scr_stations_retire(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct station_info *cur = scr_stations_current(t, app, NULL);
	const char *why = NULL;
	int r;

	if (cur == NULL)
		return TUI_HANDLED;
	if (scr_modal_confirm(t, "Retire station", "Retire %s?\nIt leaves "
	    "the floor for good; its sessions and bookings stay on record.",
	    cur->name) != 1)
		return TUI_REDRAW;
	if ((r = station_retire(app->ctx, cur->name, &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "%s is retired.", cur->name);
	return TUI_RELOAD;
}

/* Zones --------------------------------------------------------------- */

enum { Z_NAME, Z_HOURLY, Z_GUEST, Z_MINIMUM };

static const struct tui_field zone_fields[] = {
	{ "Name", TUI_FIELD_TEXT, STATION_NAME_MAX, sf_check_zone_name },
	{ "Member price per hour", TUI_FIELD_NUMBER, 16, scr_st_check_amount },
	{ "Guest price per hour", TUI_FIELD_NUMBER, 16,
	  scr_st_check_amount_opt },
	{ "Minimum charge", TUI_FIELD_NUMBER, 16, scr_st_check_amount_opt },
};

/* The zone the form describes; a blank guest price is the member's. */
static struct zone_new
sf_zone_new(struct scr_app *app, struct tui_form *f)
{
	struct zone_new nz;

	nz.name = tui_form_value(f, Z_NAME);
	nz.hourly = scr_app_amount(app, tui_form_value(f, Z_HOURLY), 0);
	nz.guest_hourly = scr_app_amount(app, tui_form_value(f, Z_GUEST), -1);
	nz.minimum = scr_app_amount(app, tui_form_value(f, Z_MINIMUM), 0);
	return nz;
}

static int
sf_zone_add(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	struct zone_new nz = sf_zone_new(app, f);

	(void)arg;
	return station_zone_add(app->ctx, &nz, NULL, why);
}

static int
sf_zone_edit(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	struct zone_new nz = sf_zone_new(app, f);

	return station_zone_edit(app->ctx, arg, &nz, why);
}

/* Add a zone (z == NULL) or edit z. */
static void
sf_zone_form(struct tui *t, struct scr_app *app, const struct zone_info *z)
{
	struct st_check c = { .app = app };
	char title[64], a[MONEY_BUFSZ];
	struct tui_form *f;
	int ok;

	if (z != NULL)
		snprintf(title, sizeof(title), "Zone %s", z->name);
	c.was = z != NULL ? z->name : NULL;
	f = tui_form_new(z != NULL ? title : "New zone", zone_fields,
	    TUI_NKEYS(zone_fields), &c);
	if (z != NULL) {
		tui_form_set(f, Z_NAME, z->name);
		tui_form_set(f, Z_HOURLY, money_format(a, sizeof(a),
		    z->hourly, app->cafe.decimals));
		tui_form_set(f, Z_GUEST, money_format(a, sizeof(a),
		    z->guest_hourly, app->cafe.decimals));
		tui_form_set(f, Z_MINIMUM, money_format(a, sizeof(a),
		    z->minimum, app->cafe.decimals));
		ok = scr_st_form_run(t, app, f, sf_zone_edit, (void *)z->name);
	} else {
		tui_form_set(f, Z_MINIMUM, "0");
		ok = scr_st_form_run(t, app, f, sf_zone_add, NULL);
	}
	if (ok)
		tui_status(t, TUI_SUCCESS, "Zone %s saved; sessions are "
		    "priced by it from now on.", tui_form_value(f, Z_NAME));
	tui_form_free(f);
}

static void
sf_zone_retire(struct tui *t, struct scr_app *app, const struct zone_info *z)
{
	int r;

	if (scr_modal_confirm(t, "Retire zone", "Retire zone %s?\nIt takes "
	    "no new stations.", z->name) != 1)
		return;
	if ((r = station_zone_retire(app->ctx, z->name)) == ERR_STATE)
		tui_status(t, TUI_ERROR, "%s still has %d station%s: move or "
		    "retire them first.", z->name, z->nstations,
		    z->nstations == 1 ? "" : "s");
	else if (r != 0)
		scr_app_refused(t, r, NULL);
	else
		tui_status(t, TUI_SUCCESS, "Zone %s is retired.", z->name);
}

/*
 * z: the zones with their prices; pick one to edit or retire, add one,
 * or go on to the time rules or the packages.
 */
int
scr_stations_zones(struct tui *t, void *vapp)
{
	static const char *const what[] = { "Edit its name and prices",
	    "Retire it" };
	static const char *const more[] = { "New zone...",
	    "Time rules (happy hour, night)...",
	    "Packages of prepaid time..." };
	struct scr_app *app = vapp;
	struct zone_info *z = NULL;
	char h[32], g[32], m[32], title[64], **text;
	size_t n = 0, i;
	int pick, act;

	if (station_zone_list(app->ctx->db, &z, &n) != 0) {
		tui_status(t, TUI_ERROR, "The zones could not be read.");
		return TUI_REDRAW;
	}
	text = xcalloc(n + 1, sizeof(*text));
	for (i = 0; i < n; i++)
		xasprintf(&text[i], "%-16s %8s/h  guest %8s/h  min %7s  %2d "
		    "st.", z[i].name, scr_stations_money(app, z[i].hourly, h,
		    sizeof(h)), scr_stations_money(app, z[i].guest_hourly, g,
		    sizeof(g)), scr_stations_money(app, z[i].minimum, m,
		    sizeof(m)), z[i].nstations);
	snprintf(title, sizeof(title), "Zones (prices in %s)",
	    app->cafe.currency);
	pick = scr_st_pick(t, title, text, n, more, TUI_NKEYS(more));
	if (pick >= 0 && (size_t)pick < n) {
		act = tui_dialog_choose(t, z[pick].name, what, 2, 0);
		if (act == 0)
			sf_zone_form(t, app, &z[pick]);
		else if (act == 1)
			sf_zone_retire(t, app, &z[pick]);
	} else if (pick >= 0 && (size_t)pick == n)
		sf_zone_form(t, app, NULL);
	else if (pick >= 0 && (size_t)pick == n + 1)
		scr_stations_rules(t, app);
	else if (pick >= 0)
		scr_stations_packages(t, app);
	scr_st_free_text(text, n);
	free(z);
	return TUI_RELOAD;
}

/*
 * stationprice.c -- the floor's price lists beyond the zones' own
 * prices (station.manage): time rules (happy hour, night: other hourly
 * prices on some days at some times) and packages of prepaid time.
 * Reached from the zones dialog (z). Rules are removed and packages
 * retired rather than edited, so what a past session or sale was priced
 * by stays on record.
 */
#include "screens/stations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/pricing.h"
#include "model/product.h"
#include "model/seat.h"
#include "model/station.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "screens/stations_int.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/theme.h"

/* Blank (every zone) or a zone that takes stations. */
static const char *
sp_check_zone(const char *value, void *ctx)
{
	return *value == '\0' ? NULL : scr_st_check_zone(value, ctx);
}

static const char *
sp_check_days(const char *value, void *ctx)
{
	unsigned int d;

	(void)ctx;
	return pricing_days_parse(value, &d) == 0 ? NULL :
	    "like mon-fri, sat,sun or all";
}

static const char *
sp_check_hhmm(const char *value, void *ctx)
{
	int m;

	(void)ctx;
	return pricing_hhmm_parse(value, &m) == 0 ? NULL :
	    "a time from 00:00 to 24:00, like 22:00";
}

/* Whole minutes, as seat_package_add takes them; 0 when not. */
static int64_t
sp_minutes(const char *value)
{
	int64_t v;

	return product_qty_parse(value, &v) == 0 && v >= 1 && v <= 100000 ?
	    v : 0;
}

static const char *
sp_check_minutes(const char *value, void *ctx)
{
	(void)ctx;
	return sp_minutes(value) == 0 ? "whole minutes from 1 to 100000" :
	    NULL;
}

/* A field's value, or NULL when blank. */
static const char *
sp_opt(struct tui_form *f, size_t i)
{
	return *tui_form_value(f, i) != '\0' ? tui_form_value(f, i) : NULL;
}

static const char *const new_rule = "New time rule...";
static const char *const new_package = "New package...";

/* Time rules ---------------------------------------------------------- */

enum { R_NAME, R_ZONE, R_DAYS, R_FROM, R_TO, R_HOURLY, R_GUEST };

static const struct tui_field rule_fields[] = {
	{ "Name", TUI_FIELD_TEXT, STATION_NAME_MAX, scr_st_check_name },
	{ "Zone (blank: all)", TUI_FIELD_TEXT, STATION_NAME_MAX,
	  sp_check_zone },
	{ "Days", TUI_FIELD_TEXT, 40, sp_check_days },
	{ "From (HH:MM)", TUI_FIELD_TEXT, 5, sp_check_hhmm },
	{ "To (HH:MM)", TUI_FIELD_TEXT, 5, sp_check_hhmm },
	{ "Member price per hour", TUI_FIELD_NUMBER, 16, scr_st_check_amount },
	{ "Guest price per hour", TUI_FIELD_NUMBER, 16,
	  scr_st_check_amount_opt },
};

static int
sp_rule_save(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	struct pricing_rule pr;

	(void)arg;
	memset(&pr, 0, sizeof(pr));
	pricing_days_parse(tui_form_value(f, R_DAYS), &pr.days);
	pricing_hhmm_parse(tui_form_value(f, R_FROM), &pr.from_min);
	pricing_hhmm_parse(tui_form_value(f, R_TO), &pr.to_min);
	pr.hourly = scr_app_amount(app, tui_form_value(f, R_HOURLY), 0);
	pr.guest_hourly = scr_app_amount(app, tui_form_value(f, R_GUEST), -1);
	return station_rule_add(app->ctx, sp_opt(f, R_ZONE),
	    tui_form_value(f, R_NAME), &pr, NULL, why);
}

static void
sp_rule_new(struct tui *t, struct scr_app *app)
{
	struct st_check c = { .app = app };
	struct tui_form *f;

	f = tui_form_new("New time rule (the café's local time)",
	    rule_fields, TUI_NKEYS(rule_fields), &c);
	tui_form_set(f, R_DAYS, "all");
	if (scr_st_form_run(t, app, f, sp_rule_save, NULL))
		tui_status(t, TUI_SUCCESS, "Rule %s saved; sessions are "
		    "priced by it from now on.", tui_form_value(f, R_NAME));
	tui_form_free(f);
}

void
scr_stations_rules(struct tui *t, struct scr_app *app)
{
	char days[64], h[32], g[32], **text;
	struct rule_info *v = NULL;
	size_t n = 0, i;
	int pick, r;

	if (station_rule_list(app->ctx->db, &v, &n) != 0) {
		tui_status(t, TUI_ERROR, "The time rules could not be read.");
		return;
	}
	text = xcalloc(n + 1, sizeof(*text));
	for (i = 0; i < n; i++)
		xasprintf(&text[i], "%-12s %-9s %-11s %02d:%02d-%02d:%02d "
		    "%7s/h guest %7s/h", v[i].name, v[i].zone_id != 0 ?
		    v[i].zone : "all zones", pricing_days_fmt(v[i].rule.days,
		    days, sizeof(days)), v[i].rule.from_min / 60,
		    v[i].rule.from_min % 60, v[i].rule.to_min / 60,
		    v[i].rule.to_min % 60, scr_stations_money(app,
		    v[i].rule.hourly, h, sizeof(h)), scr_stations_money(app,
		    v[i].rule.guest_hourly, g, sizeof(g)));
	pick = scr_st_pick(t, "Time rules (later ones win)", text, n,
	    &new_rule, 1);
	if (pick >= 0 && (size_t)pick == n)
		sp_rule_new(t, app);
	else if (pick >= 0 && scr_modal_confirm(t, "Remove rule", "Remove "
	    "the time rule %s?\nSessions are priced without it from now on.",
	    v[pick].name) == 1) {
		if ((r = station_rule_remove(app->ctx, v[pick].id)) != 0)
			scr_app_refused(t, r, NULL);
		else
			tui_status(t, TUI_SUCCESS, "Rule %s removed.",
			    v[pick].name);
	}
	scr_st_free_text(text, n);
	free(v);
}

/* Packages ------------------------------------------------------------ */

enum { P_NAME, P_ZONE, P_MINUTES, P_PRICE };

static const struct tui_field package_fields[] = {
	{ "Name", TUI_FIELD_TEXT, STATION_NAME_MAX, scr_st_check_name },
	{ "Zone (blank: all)", TUI_FIELD_TEXT, STATION_NAME_MAX,
	  sp_check_zone },
	{ "Minutes", TUI_FIELD_NUMBER, 6, sp_check_minutes },
	{ "Price", TUI_FIELD_NUMBER, 16, scr_st_check_amount },
};

static int
sp_package_save(struct scr_app *app, struct tui_form *f, void *arg,
    const char **why)
{
	(void)arg;
	return seat_package_add(app->ctx, tui_form_value(f, P_NAME),
	    sp_opt(f, P_ZONE), sp_minutes(tui_form_value(f, P_MINUTES)),
	    scr_app_amount(app, tui_form_value(f, P_PRICE), 0), NULL, why);
}

static void
sp_package_new(struct tui *t, struct scr_app *app)
{
	struct st_check c = { .app = app };
	struct tui_form *f;

	f = tui_form_new("New package of prepaid time", package_fields,
	    TUI_NKEYS(package_fields), &c);
	if (scr_st_form_run(t, app, f, sp_package_save, NULL))
		tui_status(t, TUI_SUCCESS, "Package %s is on sale (e on a "
		    "member's session).", tui_form_value(f, P_NAME));
	tui_form_free(f);
}

void
scr_stations_packages(struct tui *t, struct scr_app *app)
{
	struct seat_package *v = NULL;
	char p[32], **text;
	size_t n = 0, i;
	int pick, r;

	if (seat_package_list(app->ctx->db, &v, &n) != 0) {
		tui_status(t, TUI_ERROR, "The packages could not be read.");
		return;
	}
	text = xcalloc(n + 1, sizeof(*text));
	for (i = 0; i < n; i++)
		xasprintf(&text[i], "%-20s %-12s %6lld min  %8s %s",
		    v[i].name, v[i].zone_id != 0 ? v[i].zone : "all zones",
		    (long long)v[i].minutes, scr_stations_money(app,
		    v[i].price, p, sizeof(p)), app->cafe.currency);
	pick = scr_st_pick(t, "Packages on sale", text, n, &new_package, 1);
	if (pick >= 0 && (size_t)pick == n)
		sp_package_new(t, app);
	else if (pick >= 0 && scr_modal_confirm(t, "Retire package", "Stop "
	    "selling %s?\nTime already bought stays with its members.",
	    v[pick].name) == 1) {
		if ((r = seat_package_retire(app->ctx, v[pick].name)) != 0)
			scr_app_refused(t, r, NULL);
		else
			tui_status(t, TUI_SUCCESS, "Package %s is no longer "
			    "sold.", v[pick].name);
	}
	scr_st_free_text(text, n);
	free(v);
}

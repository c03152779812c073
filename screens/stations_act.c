/*
 * stations_act.c -- the actions of the floor screen on the selected
 * station. Each asks what it needs (and asks first when it charges or
 * takes a station away), calls one model function, and says in the
 * status line what happened or why nothing was written.
 */
#include "screens/stations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/seat.h"
#include "model/station.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "screens/reservations.h"
#include "screens/stations_int.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/theme.h"

const struct station_info *
scr_stations_current(struct tui *t, struct scr_app *app,
    const struct seat_view **v)
{
	struct st_state *s = scr_stations_state(app);
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= s->n) {
		if (t != NULL)
			tui_status(t, TUI_WARNING, "No station selected.");
		return NULL;
	}
	if (v != NULL)
		*v = scr_stations_view(s, (size_t)i);
	return &s->st[i];
}

/* The selected station's session, or NULL (then says there is none). */
static const struct station_info *
act_session(struct tui *t, struct scr_app *app, const struct seat_view **v)
{
	const struct station_info *st = scr_stations_current(t, app, v);

	if (st != NULL && *v == NULL) {
		tui_status(t, TUI_WARNING, "No session on %s.", st->name);
		return NULL;
	}
	return st;
}

int
scr_stations_start(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct station_info *st = scr_stations_current(t, app, NULL);
	const char *why = NULL;
	char who[64] = "";
	int64_t cust;
	int r;

	if (st == NULL || !tui_form_prompt(t, "Member card or id:N: ", who,
	    sizeof(who)) || who[0] == '\0')
		return TUI_REDRAW;
	if ((r = customer_resolve(app->ctx->db, who, &cust)) != 0) {
		tui_status(t, TUI_ERROR, "No customer with card or id '%s'.",
		    who);
		return TUI_REDRAW;
	}
	if ((r = seat_start(app->ctx, st->name, cust, NULL, &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "Session started on %s.", st->name);
	return TUI_RELOAD;
}

int
scr_stations_guest(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct station_info *st = scr_stations_current(t, app, NULL);
	const char *why = NULL;
	int r;

	if (st == NULL)
		return TUI_HANDLED;
	if (scr_modal_confirm(t, "Guest session", "Start a guest session on "
	    "%s?\nThe guest pays at the end, in cash or by card, into your "
	    "shift.", st->name) != 1)
		return TUI_REDRAW;
	if ((r = seat_start(app->ctx, st->name, 0, NULL, &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "Guest session started on %s.",
		    st->name);
	return TUI_RELOAD;
}

/* A guest pays by card (1), in cash (0), or not now (-1). */
static int
act_guest_pays(struct tui *t)
{
	static const char *const how[] = { "Cash, into your drawer",
	    "Card, on the card terminal" };

	return tui_dialog_choose(t, "How does the guest pay?", how, 2, 0);
}

int
scr_stations_stop(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct seat_view *v;
	const struct station_info *st = act_session(t, app, &v);
	struct seat_receipt rc;
	const char *why = NULL;
	char *msg, cost[32], text[2048];
	int card = 0, r;

	if (st == NULL)
		return TUI_HANDLED;
	if (v->customer_id == 0 && (card = act_guest_pays(t)) < 0)
		return TUI_REDRAW;
	xasprintf(&msg, "Stop the session on %s?\n%s, %lld min so far: "
	    "%s %s %s.", st->name, v->customer, (long long)(v->elapsed / 60),
	    scr_stations_money(app, v->cost, cost, sizeof(cost)),
	    app->cafe.currency, v->customer_id != 0 ? "from the wallet" :
	    card ? "by card" : "in cash");
	r = tui_dialog_confirm(t, "Stop session", msg);
	free(msg);
	if (r != 1)
		return TUI_REDRAW;
	if ((r = seat_stop(app->ctx, st->name, 0, card, &rc, &why)) != 0) {
		scr_app_refused(t, r, why);
		return TUI_RELOAD;
	}
	tui_dialog_message(t, "Receipt", seat_receipt_text(app->ctx->db, &rc,
	    text, sizeof(text)));
	tui_status(t, TUI_SUCCESS, "%s is free; charged %s %s.", st->name,
	    scr_stations_money(app, rc.cost, cost, sizeof(cost)),
	    app->cafe.currency);
	return TUI_RELOAD;
}

/* Pick a package on sale; its index in *v, or -1. */
static int
act_pick_package(struct tui *t, struct scr_app *app,
    struct seat_package **v, size_t *n)
{
	const char **items;
	char **text, price[32];
	size_t i;
	int pick;

	if (seat_package_list(app->ctx->db, v, n) != 0 || *n == 0) {
		tui_status(t, TUI_WARNING, "No packages on sale (cafectl "
		    "package add).");
		return -1;
	}
	items = xcalloc(*n, sizeof(*items));
	text = xcalloc(*n, sizeof(*text));
	for (i = 0; i < *n; i++) {
		xasprintf(&text[i], "%-20s %4lld min  %s %s", (*v)[i].name,
		    (long long)(*v)[i].minutes, scr_stations_money(app,
		    (*v)[i].price, price, sizeof(price)), app->cafe.currency);
		items[i] = text[i];
	}
	pick = tui_dialog_choose(t, "Extend with a package", items, *n, 0);
	for (i = 0; i < *n; i++)
		free(text[i]);
	free(text);
	free(items);
	return pick;
}

int
scr_stations_extend(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct seat_view *v;
	const struct station_info *st = act_session(t, app, &v);
	struct seat_package *p = NULL;
	const char *why = NULL;
	char key[33], *msg, price[32];
	size_t n = 0;
	int pick, r;

	if (st == NULL)
		return TUI_HANDLED;
	ledger_new_key(key);	/* one sale, however often Enter is hit */
	if ((pick = act_pick_package(t, app, &p, &n)) < 0) {
		free(p);
		return TUI_REDRAW;
	}
	xasprintf(&msg, "Sell %s (%lld min) to %s for %s %s from the wallet?",
	    p[pick].name, (long long)p[pick].minutes, v->customer,
	    scr_stations_money(app, p[pick].price, price, sizeof(price)),
	    app->cafe.currency);
	r = tui_dialog_confirm(t, "Extend", msg);
	free(msg);
	if (r != 1) {
		free(p);
		return TUI_REDRAW;
	}
	if ((r = seat_extend(app->ctx, st->name, p[pick].name, key, NULL,
	    &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "%s: %lld more minutes.", st->name,
		    (long long)p[pick].minutes);
	free(p);
	return TUI_RELOAD;
}

int
scr_stations_move(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct st_state *s = scr_stations_state(app);
	const struct seat_view *v;
	const struct station_info *st = act_session(t, app, &v);
	const char **items;
	const char *why = NULL;
	size_t *idx, n = 0, i;
	int pick, r;

	if (st == NULL)
		return TUI_HANDLED;
	items = xcalloc(s->n + 1, sizeof(*items));
	idx = xcalloc(s->n + 1, sizeof(*idx));
	for (i = 0; i < s->n; i++)
		if (s->st[i].state == STATION_FREE) {
			items[n] = s->st[i].name;
			idx[n++] = i;
		}
	pick = n > 0 ? tui_dialog_choose(t, "Move to", items, n, 0) : -1;
	if (n == 0)
		tui_status(t, TUI_WARNING, "No free station to move to.");
	else if (pick >= 0 && (r = seat_move(app->ctx, st->name,
	    s->st[idx[pick]].name, &why)) != 0)
		scr_app_refused(t, r, why);
	else if (pick >= 0)
		tui_status(t, TUI_SUCCESS, "Moved to %s; the time goes on.",
		    s->st[idx[pick]].name);
	free(items);
	free(idx);
	return TUI_RELOAD;
}

int
scr_stations_book(struct tui *t, void *vapp)
{
	const struct station_info *st = scr_stations_current(t, vapp, NULL);

	if (st == NULL)
		return TUI_HANDLED;
	return scr_reservations_book(t, vapp, st->name);
}

int
scr_stations_bookings(struct tui *t, void *vapp)
{
	scr_reservations_run(t, vapp);
	return TUI_RELOAD;
}

int
scr_stations_pause(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct seat_view *v;
	const struct station_info *st = act_session(t, app, &v);
	int r;

	if (st == NULL)
		return TUI_HANDLED;
	r = v->paused ? seat_resume(app->ctx, st->name) :
	    seat_pause(app->ctx, st->name);
	if (r != 0)
		scr_app_refused(t, r, NULL);
	else
		tui_status(t, TUI_SUCCESS, "%s: %s.", st->name, v->paused ?
		    "billing again" : "paused, nothing is billed");
	return TUI_RELOAD;
}

/* Toggle the staff-set state between `state` and free; asks first. */
static int
act_toggle(struct tui *t, struct scr_app *app, int state)
{
	const struct station_info *st = scr_stations_current(t, app, NULL);
	const char *why = NULL;
	int to, r;

	if (st == NULL)
		return TUI_HANDLED;
	to = st->set_state == state ? STATION_FREE : state;
	if (scr_modal_confirm(t, "Station state", "Set %s to %s?", st->name,
	    station_state_name(to)) != 1)
		return TUI_REDRAW;
	if ((r = station_set_state(app->ctx, st->name, to, &why)) != 0)
		scr_app_refused(t, r, why);
	else
		tui_status(t, TUI_SUCCESS, "%s is %s.", st->name,
		    station_state_name(to));
	return TUI_RELOAD;
}

int
scr_stations_maint(struct tui *t, void *vapp)
{
	return act_toggle(t, vapp, STATION_MAINTENANCE);
}

int
scr_stations_offline(struct tui *t, void *vapp)
{
	return act_toggle(t, vapp, STATION_OFFLINE);
}

/*
 * shift.c -- the shift screen: open a shift with the float (one amount
 * or counted by denomination), paid-in and paid-out, the blind close
 * (the count first, then expected, counted and variance) and the
 * Z-report; managers see every open drawer's expected cash and can
 * force-close a shift. Also the top bar's shift text and the dashboard's
 * shift section.
 */
#include "screens/shift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/shift.h"
#include "model/zreport.h"
#include "screens/app.h"
#include "screens/approvals.h"
#include "screens/dashboard.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define LIST_MAX	200
#define NDENOMS		14

/* Notes and coins of a two-decimal currency, in minor units. */
static const int64_t denoms[NDENOMS] = { 20000, 10000, 5000, 2000, 1000,
	500, 200, 100, 50, 20, 10, 5, 2, 1 };

struct shift_state {
	struct tui_table	*tab;
	struct shift_info	*v;
	size_t			 n;
	int64_t			 mine;		/* my open shift, 0: none */
	struct shift_info	 me;
	char			 titles[3][24];	/* amounts, with the currency */
};

static const struct tui_col shift_cols[] = {
	{ "Id", 4, TUI_RIGHT },
	{ "Cashier", 0, TUI_LEFT },
	{ "State", 6, TUI_LEFT },
	{ "Opened", 11, TUI_LEFT },
	{ "Closed", 11, TUI_LEFT },
	{ "Expect", 10, TUI_RIGHT },
	{ "Counted", 11, TUI_RIGHT },
	{ "Var.", 9, TUI_RIGHT },
};

static void
shift_clear(void *p)
{
	struct shift_state *s = p;

	tui_table_free(s->tab);
	free(s->v);
}

static struct shift_state *
shift_state(struct scr_app *app)
{
	struct shift_state *s = scr_app_state(app, &scr_shift, sizeof(*s),
	    shift_clear);

	struct tui_col cols[TUI_NKEYS(shift_cols)];
	int i;

	if (s->tab == NULL) {
		memcpy(cols, shift_cols, sizeof(cols));
		for (i = 0; i < 3; i++) {
			snprintf(s->titles[i], sizeof(s->titles[i]), "%s %s",
			    cols[5 + i].title, app->cafe.currency);
			cols[5 + i].title = s->titles[i];
		}
		s->tab = tui_table_new(cols, TUI_NKEYS(cols));
	}
	return s;
}

static const char *
amt(const struct scr_app *app, int64_t v, char *buf, size_t size)
{
	return money_format(buf, size, v, app->cafe.decimals);
}

static const char *
cur(const struct scr_app *app, int64_t v, char *buf, size_t size)
{
	money_format_cur(buf, size, v, app->cafe.decimals, app->cafe.currency);
	return buf;
}

/* One row; an open drawer's expected cash only for shift.manage. */
static void
shift_row(struct scr_app *app, struct shift_state *s,
    const struct shift_info *v)
{
	const char *cells[TUI_NKEYS(shift_cols)];
	char id[24], o[24], c[24], e[MONEY_BUFSZ], k[MONEY_BUFSZ],
	    var[MONEY_BUFSZ];
	int64_t exp;

	snprintf(id, sizeof(id), "%lld", (long long)v->id);
	cells[0] = id;
	cells[1] = v->user;
	cells[2] = v->open ? "open" : v->forced ? "forced" : "closed";
	cells[3] = scr_app_time(app, v->opened_at, "%m-%d %H:%M", o,
	    sizeof(o));
	cells[4] = v->open ? "" : scr_app_time(app, v->closed_at,
	    "%m-%d %H:%M", c, sizeof(c));
	if (v->open)
		cells[5] = perm_has(app->ctx, PERM_SHIFT_MANAGE) &&
		    ledger_balance(app->ctx->db, LEDGER_DRAWER, v->id,
		    &exp) == 0 ? amt(app, exp, e, sizeof(e)) : "blind";
	else
		cells[5] = amt(app, v->expected, e, sizeof(e));
	cells[6] = v->open ? "" : amt(app, v->counted, k, sizeof(k));
	cells[7] = v->open ? "" : amt(app, v->variance, var, sizeof(var));
	tui_table_add(s->tab, cells, v->open ? TUI_BUSY : v->variance != 0 ?
	    TUI_WARNING : TUI_NORMAL);
}

static int
shift_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct shift_state *s = shift_state(app);
	int64_t sel_id = 0;
	size_t i;
	int r, sel;

	(void)t;
	if ((sel = tui_table_selected(s->tab)) >= 0 && (size_t)sel < s->n)
		sel_id = s->v[sel].id;
	if (shift_current(app->ctx->db, app->ctx->actor.user_id,
	    &s->mine) != 0 || shift_get(app->ctx->db, s->mine, &s->me) != 0)
		s->mine = 0;
	free(s->v);
	s->v = NULL;
	s->n = 0;
	if ((r = shift_list(app->ctx->db, 0, LIST_MAX, &s->v, &s->n)) != 0)
		return r;
	tui_table_clear(s->tab);
	for (i = 0; i < s->n; i++) {
		shift_row(app, s, &s->v[i]);
		if (s->v[i].id == sel_id)
			tui_table_select(s->tab, (int)i);
	}
	return 0;
}

static void
shift_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct scr_app *app = vapp;
	struct shift_state *s = shift_state(app);
	char line[200], when[24], f[MONEY_BUFSZ + 8];
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	if (s->mine != 0)
		snprintf(line, sizeof(line), "Your shift %lld is open since "
		    "%s, float %s.   c: close (blind count)",
		    (long long)s->mine, scr_app_time(app, s->me.opened_at,
		    "%H:%M", when, sizeof(when)), cur(app,
		    s->me.float_amount, f, sizeof(f)));
	else
		snprintf(line, sizeof(line), "You have no open shift.   o "
		    "opens one with the float in the drawer.");
	wattrset(w, tui_theme_attr(s->mine != 0 ? TUI_BUSY : TUI_WARNING));
	tui_text_put(w, 0, 1, ww - 2, line, TUI_LEFT);
	wattrset(w, A_NORMAL);
	tui_table_draw(s->tab, w, 2, 0, h - 3, ww);
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, h - 1, 0, ww, "Enter or z: the Z-report of the "
	    "selected closed shift", TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static int
shift_key(struct tui *t, int key, void *vapp)
{
	return tui_table_key(shift_state(vapp)->tab, t, key);
}

/* A form's context: the app, and labels that outlive the form. */
struct sf {
	struct scr_app	*app;
	char		 labels[NDENOMS][24];
	struct tui_field fields[NDENOMS];
};

static const char *
check_amount(const char *value, void *ctx)
{
	const struct scr_app *app = ((struct sf *)ctx)->app;
	const char *why = NULL;
	int64_t v;

	if (money_parse(value, app->cafe.decimals, &v, &why) != 0)
		return why != NULL ? why : "not an amount";
	return NULL;
}

static const char *
check_count(const char *value, void *ctx)
{
	size_t len = strlen(value);

	(void)ctx;
	if (len > 6 || strspn(value, "0123456789") != len)
		return "a number of pieces";
	return NULL;
}

/* Count by denomination; 1 with *total and detail, 0 when cancelled. */
static int
count_denoms(struct tui *t, struct sf *c, const char *title,
    int64_t *total, char *detail, size_t size)
{
	struct shift_denom d[NDENOMS];
	struct tui_form *f;
	char v[MONEY_BUFSZ];
	size_t i;
	int ok = 0;

	for (i = 0; i < NDENOMS; i++) {
		snprintf(c->labels[i], sizeof(c->labels[i]), "%s x",
		    amt(c->app, denoms[i], v, sizeof(v)));
		c->fields[i] = (struct tui_field){ c->labels[i],
		    TUI_FIELD_NUMBER, 6, check_count };
	}
	f = tui_form_new(title, c->fields, NDENOMS, c);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		for (i = 0; i < NDENOMS; i++) {
			d[i].value = denoms[i];
			d[i].count = atoll(tui_form_value(f, i));
		}
		ok = shift_count_total(d, NDENOMS, c->app->cafe.decimals,
		    total, detail, size) == 0;
		if (!ok)
			tui_status(t, TUI_ERROR, "That count is too large.");
	}
	tui_form_free(f);
	return ok;
}

/* The cash counted: one amount, or by denomination (two decimals). */
static int
count_cash(struct tui *t, struct scr_app *app, const char *title,
    int64_t *total, char *detail, size_t size)
{
	static const char *const how[] = { "One amount",
	    "Count by notes and coins" };
	struct sf c = { .app = app };
	struct tui_form *f;
	int m = 0, ok = 0;

	*detail = '\0';
	snprintf(c.labels[0], sizeof(c.labels[0]), "Amount (%s)",
	    app->cafe.currency);
	c.fields[0] = (struct tui_field){ c.labels[0], TUI_FIELD_NUMBER, 16,
	    check_amount };
	if (app->cafe.decimals == 2 &&
	    (m = tui_dialog_choose(t, title, how, 2, 0)) < 0)
		return 0;
	if (m == 1)
		return count_denoms(t, &c, title, total, detail, size);
	f = tui_form_new(title, c.fields, 1, &c);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT)
		ok = money_parse(tui_form_value(f, 0), app->cafe.decimals,
		    total, NULL) == 0;
	tui_form_free(f);
	return ok;
}

static int
shift_open_key(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	char detail[SHIFT_DETAIL_MAX + 1], msg[200], f[MONEY_BUFSZ + 8];
	int64_t total, id;
	int r;

	if (shift_state(app)->mine != 0) {
		tui_status(t, TUI_WARNING, "Your shift is open already.");
		return TUI_HANDLED;
	}
	if (!count_cash(t, app, "Opening float", &total, detail,
	    sizeof(detail)))
		return TUI_REDRAW;
	snprintf(msg, sizeof(msg), "Open your shift with %s in the drawer?",
	    cur(app, total, f, sizeof(f)));
	if (tui_dialog_confirm(t, "Open shift", msg) != 1)
		return TUI_REDRAW;
	if ((r = shift_open(app->ctx, app->ctx->actor.user_id, total, detail,
	    &id)) != 0)
		scr_app_refused(t, r, r == ERR_STATE ? "you have an open shift"
		    : NULL);
	else
		tui_status(t, TUI_SUCCESS, "Shift %lld is open.",
		    (long long)id);
	return TUI_RELOAD;
}

/* Paid-in (sign 1) or paid-out (-1) through my drawer. */
static int
shift_paid_key(struct tui *t, struct scr_app *app, int sign)
{
	struct shift_state *s = shift_state(app);
	struct sf c = { .app = app };
	struct tui_form *f;
	char key[33], msg[300], a[MONEY_BUFSZ + 8];
	int64_t v = 0;
	int r;

	if (s->mine == 0) {
		scr_app_refused(t, ERR_NOSHIFT, NULL);
		return TUI_HANDLED;
	}
	snprintf(c.labels[0], sizeof(c.labels[0]), "Amount (%s)",
	    app->cafe.currency);
	c.fields[0] = (struct tui_field){ c.labels[0], TUI_FIELD_NUMBER, 16,
	    check_amount };
	c.fields[1] = (struct tui_field){ "Reason", TUI_FIELD_TEXT, 120,
	    NULL };
	ledger_new_key(key);
	f = tui_form_new(sign > 0 ? "Paid in" : "Paid out", c.fields, 2, &c);
	while (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		money_parse(tui_form_value(f, 0), app->cafe.decimals, &v, NULL);
		snprintf(msg, sizeof(msg), "%s %s %s your drawer (\"%s\")?",
		    sign > 0 ? "Put" : "Take", cur(app, v, a, sizeof(a)),
		    sign > 0 ? "into" : "out of", tui_form_value(f, 1));
		if (tui_dialog_confirm(t, sign > 0 ? "Paid in" : "Paid out",
		    msg) != 1)
			continue;
		if ((r = shift_paid(app->ctx, s->mine, sign * v,
		    tui_form_value(f, 1), key, NULL)) == 0) {
			tui_status(t, TUI_SUCCESS, "Done.");
			break;
		}
		scr_app_refused(t, r, r == ERR_INVALID ? "an amount and a "
		    "reason are needed" : NULL);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

static int
shift_in_key(struct tui *t, void *vapp)
{
	return shift_paid_key(t, vapp, 1);
}

static int
shift_out_key(struct tui *t, void *vapp)
{
	return shift_paid_key(t, vapp, -1);
}

/* Show the Z-report of shift id in a pager. */
static void
shift_show_z(struct tui *t, struct scr_app *app, int64_t id)
{
	struct zreport *z;
	char title[48], *text;
	int r;

	if ((r = zreport_load(app->ctx, id, &z)) != 0) {
		scr_app_refused(t, r, r == ERR_STATE ? "the Z-report comes "
		    "with the close" : NULL);
		return;
	}
	text = zreport_text(z, &app->cafe);
	snprintf(title, sizeof(title), "Z-report of shift %lld",
	    (long long)id);
	tui_dialog_pager(t, title, text);
	free(text);
	zreport_free(z);
}

/* The blind close of shift id: the count, then what it should be. */
static int
shift_close_id(struct tui *t, struct scr_app *app, int64_t id,
    const char *whose)
{
	struct shift_close_result res;
	char detail[SHIFT_DETAIL_MAX + 1], msg[300], a[MONEY_BUFSZ + 8],
	    b[MONEY_BUFSZ + 8], c[MONEY_BUFSZ + 8];
	int64_t counted;
	int r;

	if (!count_cash(t, app, "Counted cash", &counted, detail,
	    sizeof(detail)))
		return TUI_REDRAW;
	snprintf(msg, sizeof(msg), "Close %s with %s counted in the drawer?\n"
	    "The count cannot be changed afterwards.", whose, cur(app,
	    counted, a, sizeof(a)));
	if (tui_dialog_confirm(t, "Close shift", msg) != 1)
		return TUI_REDRAW;
	if ((r = shift_close(app->ctx, id, counted, detail, &res)) != 0) {
		scr_app_refused(t, r, NULL);
		return TUI_RELOAD;
	}
	snprintf(msg, sizeof(msg), "Shift %lld is closed.\n\nExpected  %s\n"
	    "Counted   %s\nVariance  %s\n\nPress a key for the Z-report.",
	    (long long)id, cur(app, res.expected, a, sizeof(a)),
	    cur(app, res.counted, b, sizeof(b)),
	    cur(app, res.variance, c, sizeof(c)));
	tui_dialog_message(t, "Shift closed", msg);
	shift_show_z(t, app, id);
	return TUI_RELOAD;
}

static int
shift_close_key(struct tui *t, void *vapp)
{
	struct shift_state *s = shift_state(vapp);

	if (s->mine == 0) {
		scr_app_refused(t, ERR_NOSHIFT, NULL);
		return TUI_HANDLED;
	}
	return shift_close_id(t, vapp, s->mine, "your shift");
}

/* The selected shift, or NULL (then says so). */
static const struct shift_info *
shift_sel(struct tui *t, struct scr_app *app)
{
	struct shift_state *s = shift_state(app);
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= s->n) {
		tui_status(t, TUI_WARNING, "No shift selected.");
		return NULL;
	}
	return &s->v[i];
}

static int
shift_force_key(struct tui *t, void *vapp)
{
	const struct shift_info *v = shift_sel(t, vapp);
	char whose[64];

	if (v == NULL)
		return TUI_HANDLED;
	if (!v->open) {
		tui_status(t, TUI_WARNING, "Shift %lld is closed already.",
		    (long long)v->id);
		return TUI_HANDLED;
	}
	snprintf(whose, sizeof(whose), "shift %lld of %s", (long long)v->id,
	    v->user);
	return shift_close_id(t, vapp, v->id, whose);
}

static int
shift_z_key(struct tui *t, void *vapp)
{
	const struct shift_info *v = shift_sel(t, vapp);

	if (v != NULL)
		shift_show_z(t, vapp, v->id);
	return TUI_REDRAW;
}

static int
shift_approvals_key(struct tui *t, void *vapp)
{
	scr_approvals_run(t, vapp);
	return TUI_RELOAD;
}

static const struct tui_key shift_keys[] = {
	{ TUI_KEY_ENTER, "Z-report", "The Z-report of the selected closed "
	  "shift", shift_z_key, -1 },
	{ 'o', "Open", "Open your shift with the float in the drawer",
	  shift_open_key, PERM_SHIFT_OPERATE },
	{ 'i', "Paid in", "Put cash into your drawer, with a reason",
	  shift_in_key, PERM_SHIFT_OPERATE },
	{ 'u', "Paid out", "Take cash out of your drawer, with a reason",
	  shift_out_key, PERM_SHIFT_OPERATE },
	{ 'c', "Close", "Close your shift: count the cash first (blind)",
	  shift_close_key, PERM_SHIFT_OPERATE },
	{ 'z', "Z-report", "The Z-report of the selected closed shift",
	  shift_z_key, -1 },
	{ 'F', "Force close", "Close the selected open shift of someone "
	  "else, with the counted cash", shift_force_key, PERM_SHIFT_MANAGE },
	{ 'p', "Approvals", "Requests waiting for a manager's approval",
	  shift_approvals_key, PERM_WALLET_APPROVE },
};

const struct tui_screen scr_shift = {
	.name = "shift",
	.title = "Shift",
	.perm = PERM_SHIFT_OPERATE,
	.keys = shift_keys,
	.nkeys = TUI_NKEYS(shift_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.load = shift_load,
	.draw = shift_draw,
	.key = shift_key,
};

void
scr_shift_top(struct scr_app *app, char *buf, size_t size)
{
	char when[16], wait[48];
	int64_t id;
	struct shift_info s;
	size_t len = 0;

	*buf = '\0';
	if (shift_current(app->ctx->db, app->ctx->actor.user_id, &id) == 0 &&
	    shift_get(app->ctx->db, id, &s) == 0)
		len = (size_t)snprintf(buf, size, "shift %lld since %s",
		    (long long)id, scr_app_time(app, s.opened_at, "%H:%M",
		    when, sizeof(when)));
	scr_approvals_top(app, wait, sizeof(wait));
	if (wait[0] != '\0' && len < size)
		snprintf(buf + len, size - len, "%s%s", len > 0 ? ", " : "",
		    wait);
}

/* The dashboard: my shift; every open drawer for shift.manage. */
static int
shift_dash_load(struct scr_app *app, struct scr_dash *d)
{
	struct shift_info *v;
	char when[16], e[MONEY_BUFSZ + 8];
	int64_t exp, mine = 0;
	size_t n, i;
	int r;

	if (perm_has(app->ctx, PERM_SHIFT_OPERATE) &&
	    shift_current(app->ctx->db, app->ctx->actor.user_id, &mine) != 0)
		scr_dashboard_add(d, TUI_WARNING, "You have no open shift "
		    "(Shift screen, o opens one).");
	if (!perm_has(app->ctx, PERM_SHIFT_MANAGE)) {
		if (mine != 0)
			scr_dashboard_add(d, TUI_BUSY, "Your shift %lld is "
			    "open.", (long long)mine);
		return 0;
	}
	if ((r = shift_list(app->ctx->db, 1, 100, &v, &n)) != 0)
		return r;
	for (i = 0; i < n; i++) {
		if (ledger_balance(app->ctx->db, LEDGER_DRAWER, v[i].id,
		    &exp) != 0)
			exp = 0;
		scr_dashboard_add(d, TUI_BUSY, "Shift %lld of %s since %s: "
		    "expected cash %s", (long long)v[i].id, v[i].user,
		    scr_app_time(app, v[i].opened_at, "%H:%M", when,
		    sizeof(when)), cur(app, exp, e, sizeof(e)));
	}
	if (n == 0)
		scr_dashboard_add(d, TUI_NORMAL, "No shift is open.");
	free(v);
	return 0;
}

const struct scr_dash_section scr_shift_dash = {
	.title = "Shifts",
	.perm = -1,
	.rows = 6,
	.load = shift_dash_load,
};

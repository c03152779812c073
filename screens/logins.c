/*
 * logins.c -- who is logged in: the dashboard section, the dialog of
 * the users screen where a manager ends a login, and an account's
 * registered SSH keys.
 */
#include "screens/logins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/login.h"
#include "model/perm.h"
#include "screens/app.h"
#include "screens/dashboard.h"
#include "screens/modal.h"
#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define LOGINS_H	18	/* dialog rows wanted (clamped to the body) */
#define LOGINS_W	78
#define LOGINS_DASH_ROWS 6	/* lines of the dashboard section */

/* The dialog's own keys (handled in logins_key; listed for the help). */
const struct tui_key scr_logins_keys_map[] = {
	{ 'e', "End login", "End the selected login (asks first)", NULL,
	  PERM_USER_MANAGE },
	{ TUI_KEY_DEL, "End login", "End the selected login (asks first)",
	  NULL, PERM_USER_MANAGE },
	{ TUI_KEY_ESC, "Close", "Close the list", NULL, -1 },
};
const size_t scr_logins_nkeys = TUI_NKEYS(scr_logins_keys_map);

static const struct tui_col logins_cols[] = {
	{ "User", 0, TUI_LEFT },
	{ "From", 16, TUI_LEFT },
	{ "How", 9, TUI_LEFT },
	{ "Since", 11, TUI_LEFT },
	{ "Active", 11, TUI_RIGHT },
};

struct logins_dlg {
	struct scr_app		*app;
	struct tui_table	*tab;
	struct login_info	*v;
	size_t			 n;
	int64_t			 version;	/* data_version loaded at */
};

/* "14:02" today, else "11-20 14:02". */
static char *
logins_when(const struct scr_app *app, int64_t t, char *buf, size_t size)
{
	char day[16], today[16];

	scr_app_time(app, t, "%Y-%m-%d", day, sizeof(day));
	scr_app_time(app, clock_now(), "%Y-%m-%d", today, sizeof(today));
	return scr_app_time(app, t, strcmp(day, today) == 0 ? "%H:%M" :
	    "%m-%d %H:%M", buf, size);
}

/* Fill the table from the database, keeping the selected login. */
static int
logins_load(void *dp)
{
	struct logins_dlg *d = dp;
	const char *cells[TUI_NKEYS(logins_cols)];
	char since[24], ago[16];
	int64_t sel_id = 0;
	size_t i;
	int r, sel;

	if ((sel = tui_table_selected(d->tab)) >= 0 && (size_t)sel < d->n)
		sel_id = d->v[sel].id;
	free(d->v);
	d->v = NULL;
	d->n = 0;
	tui_table_clear(d->tab);
	d->version = d->app->data_version;
	if ((r = login_list(d->app->ctx->db, &d->v, &d->n)) != 0)
		return r;
	for (i = 0; i < d->n; i++) {
		cells[0] = d->v[i].user;
		cells[1] = d->v[i].source;
		cells[2] = d->v[i].method;
		cells[3] = logins_when(d->app, d->v[i].started_at, since,
		    sizeof(since));
		cells[4] = scr_app_ago(d->v[i].last_active, ago, sizeof(ago));
		tui_table_add(d->tab, cells, d->v[i].id ==
		    d->app->ctx->actor.login_id ? TUI_BUSY : TUI_NORMAL);
		if (d->v[i].id == sel_id)
			tui_table_select(d->tab, (int)i);
	}
	return 0;
}

static void
logins_draw(struct tui *t, WINDOW *w, void *dp)
{
	struct logins_dlg *d = dp;
	char hint[96];
	int h, ww;

	getmaxyx(w, h, ww);
	tui_table_draw(d->tab, w, 1, 2, h - 3, ww - 4);
	snprintf(hint, sizeof(hint), "%s   Esc close   (highlighted: you)",
	    tui_allowed(t, PERM_USER_MANAGE) ? "e end login" : "");
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, h - 2, 2, ww - 4, hint, TUI_LEFT);
}

/* End the selected login after asking; says what happened. */
static void
logins_end(struct tui *t, struct logins_dlg *d)
{
	const struct login_info *li;
	int i, r;

	if ((i = tui_table_selected(d->tab)) < 0 || (size_t)i >= d->n) {
		tui_status(t, TUI_WARNING, "No login selected.");
		return;
	}
	li = &d->v[i];
	if (!scr_modal_confirm(t, "End login", "End the login of %s from "
	    "%s?%s", li->user, li->source, li->id ==
	    d->app->ctx->actor.login_id ? "\nThat is this login: you will be "
	    "logged out." : ""))
		return;
	r = login_kill(d->app->ctx, li->id);
	scr_modal_result(t, r, "The login of %s is ended.", li->user);
	d->version = -1;	/* reload */
}

/* One key; returns 0 to close the dialog, 1 to keep it open. */
static int
logins_key(struct tui *t, void *dp, int key)
{
	struct logins_dlg *d = dp;

	switch (key) {
	case TUI_KEY_ABORT: case TUI_KEY_ESC: case 'q': case TUI_KEY_F(10):
		return 0;
	case TUI_KEY_F(1): case '?':
		scr_modal_help(t, "Live logins", scr_logins_keys_map,
		    scr_logins_nkeys);
		return 1;
	case 'e': case TUI_KEY_DEL:
		if (tui_allowed(t, PERM_USER_MANAGE))
			logins_end(t, d);
		else
			tui_status(t, TUI_ERROR, "Not allowed for your role.");
		return 1;
	}
	if (key >= 0)
		tui_table_key(d->tab, t, key);
	return 1;
}

static int
logins_stale(void *d)
{
	struct logins_dlg *l = d;

	return l->version != l->app->data_version;
}

void
scr_logins_run(struct tui *t, struct scr_app *app)
{
	static const struct scr_modal_view v = { "Live logins", LOGINS_H,
	    LOGINS_W, logins_stale, logins_load, logins_draw, logins_key };
	struct logins_dlg d = { .app = app, .version = -1 };

	d.tab = tui_table_new(logins_cols, TUI_NKEYS(logins_cols));
	scr_modal_view_run(t, &v, &d);
	tui_table_free(d.tab);
	free(d.v);
}

void
scr_logins_keys(struct tui *t, struct scr_app *app, const char *name)
{
	struct login_key *v;
	char *text, *old, day[16], title[64], type[40], comment[128];
	size_t n, i;
	int r;

	if ((r = login_key_list(app->ctx->db, name, &v, &n)) != 0) {
		scr_app_refused(t, r, NULL);
		return;
	}
	xasprintf(&text, "%s", n == 0 ? "No SSH keys registered.\n" : "");
	for (i = 0; i < n; i++) {
		/* Clean before joining: a newline would fake a line. */
		str_sanitize(comment, sizeof(comment), v[i].comment);
		str_sanitize(type, sizeof(type), v[i].keytype);
		old = text;
		xasprintf(&text, "%s%s  %s  %s\n    %s\n", old,
		    scr_app_time(app, v[i].created_at, "%Y-%m-%d", day,
		    sizeof(day)), type, comment, v[i].fingerprint);
		free(old);
	}
	old = text;
	xasprintf(&text, "%s\nKeys are added and removed on the server:\n"
	    "  cafectl user key add %s FILE.pub\n"
	    "  cafectl user key del %s SHA256:...\n", old, name, name);
	free(old);
	snprintf(title, sizeof(title), "SSH keys of %s", name);
	tui_dialog_pager(t, title, text);
	free(text);
	free(v);
}

/* The dashboard's "Logged in" section. */
static int
logins_dash_load(struct scr_app *app, struct scr_dash *d)
{
	struct login_info *v;
	char since[24], ago[16];
	size_t n, i;
	int r;

	if ((r = login_list(app->ctx->db, &v, &n)) != 0)
		return r;
	/* Only the lines the section can show (every UI reloads this on
	 * every commit anywhere); the rest are counted. */
	for (i = 0; i < n && i < LOGINS_DASH_ROWS; i++)
		scr_dashboard_add(d, v[i].id == app->ctx->actor.login_id ?
		    TUI_BUSY : TUI_NORMAL, "%-16s %-20s since %-11s active %s",
		    v[i].user, v[i].source, logins_when(app, v[i].started_at,
		    since, sizeof(since)), scr_app_ago(v[i].last_active, ago,
		    sizeof(ago)));
	scr_dashboard_more(d, n - i);
	free(v);
	return 0;
}

const struct scr_dash_section scr_logins_dash = {
	.title = "Logged in",
	.perm = -1,
	.rows = LOGINS_DASH_ROWS,
	.load = logins_dash_load,
};

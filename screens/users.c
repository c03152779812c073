/*
 * users.c -- the staff accounts screen: a table of users and the keys
 * that change them. Each key asks first when it changes access, calls
 * one model function, and shows the refusal (nothing written) or the
 * outcome in the status line.
 */
#include "screens/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/auth.h"
#include "model/ctx.h"
#include "model/perm.h"
#include "model/user.h"
#include "screens/app.h"
#include "screens/logins.h"
#include "screens/modal.h"
#include "screens/userform.h"
#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

struct users_state {
	struct tui_table	*tab;
	struct user_info	*u;
	size_t			 n;
};

static const struct tui_col users_cols[] = {
	{ "Name", 0, TUI_LEFT },
	{ "Role", 8, TUI_LEFT },
	{ "State", 8, TUI_LEFT },
	{ "2FA", 4, TUI_LEFT },
	{ "Codes", 5, TUI_RIGHT },
	{ "Keys", 4, TUI_RIGHT },
	{ "Created", 10, TUI_LEFT },
};

static void
users_clear(void *p)
{
	struct users_state *s = p;

	tui_table_free(s->tab);
	free(s->u);
}

static struct users_state *
users_state(struct scr_app *app)
{
	struct users_state *s = scr_app_state(app, &scr_users,
	    sizeof(*s), users_clear);

	if (s->tab == NULL)
		s->tab = tui_table_new(users_cols, TUI_NKEYS(users_cols));
	return s;
}

/* The selected account, or NULL (then says so). */
static struct user_info *
users_cur(struct tui *t, struct scr_app *app)
{
	struct users_state *s = users_state(app);
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= s->n) {
		tui_status(t, TUI_WARNING, "No account selected.");
		return NULL;
	}
	return &s->u[i];
}

/* One table row for u. */
static void
users_row(struct scr_app *app, struct tui_table *tab,
    const struct user_info *u)
{
	char codes[16], keys[16], created[16];
	const char *cells[TUI_NKEYS(users_cols)];

	snprintf(codes, sizeof(codes), "%d", u->recovery_left);
	snprintf(keys, sizeof(keys), "%d", u->nkeys);
	cells[0] = u->name;
	cells[1] = perm_role_name(u->role);
	cells[2] = u->disabled ? "disabled" : "active";
	cells[3] = u->totp_enrolled ? "yes" : "no";
	cells[4] = u->totp_enrolled ? codes : "-";
	cells[5] = keys;
	cells[6] = scr_app_time(app, u->created_at, "%Y-%m-%d", created,
	    sizeof(created));
	tui_table_add(tab, cells, u->disabled ? TUI_OFFLINE : TUI_NORMAL);
}

static int
users_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct users_state *s = users_state(app);
	struct user_info *v;
	int64_t sel_id = 0;
	size_t n, i;
	int r, sel;

	(void)t;
	if ((sel = tui_table_selected(s->tab)) >= 0 && (size_t)sel < s->n)
		sel_id = s->u[sel].id;
	if ((r = user_list(app->ctx->db, &v, &n)) != 0)
		return r;
	free(s->u);
	s->u = v;
	s->n = n;
	tui_table_clear(s->tab);
	for (i = 0; i < n; i++) {
		users_row(app, s->tab, &v[i]);
		if (v[i].id == sel_id)
			tui_table_select(s->tab, (int)i);
	}
	return 0;
}

static void
users_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct users_state *s = users_state(vapp);
	size_t i, off = 0;
	char foot[96];
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	tui_table_draw(s->tab, w, 0, 0, h - 1, ww);
	for (i = 0; i < s->n; i++)
		off += s->u[i].disabled != 0;
	snprintf(foot, sizeof(foot), "%zu accounts, %zu disabled", s->n, off);
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, h - 1, 0, ww, foot, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static int
users_key(struct tui *t, int key, void *vapp)
{
	return tui_table_key(users_state(vapp)->tab, t, key);
}

static int
users_add(struct tui *t, void *vapp)
{
	return scr_userform_add(t, vapp);
}

static int
users_password(struct tui *t, void *vapp)
{
	struct user_info *u = users_cur(t, vapp);

	return u != NULL ? scr_userform_password(t, vapp, u) : TUI_HANDLED;
}

static int
users_role(struct tui *t, void *vapp)
{
	struct user_info *u = users_cur(t, vapp);

	return u != NULL ? scr_userform_role(t, vapp, u) : TUI_HANDLED;
}

/* Disable an enabled account, enable a disabled one; asks first. */
static int
users_toggle(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct user_info *u = users_cur(t, app);
	int off, r;

	if (u == NULL)
		return TUI_HANDLED;
	off = !u->disabled;
	if (!scr_modal_confirm(t, off ? "Disable account" : "Enable account",
	    off ? "Disable %s?\nTheir live logins end and they cannot log in "
	    "until enabled again." : "Enable %s?\nThey can log in again.",
	    u->name))
		return TUI_REDRAW;
	r = user_set_disabled(app->ctx, u->name, off);
	scr_modal_result(t, r, "%s is %s.", u->name,
	    off ? "disabled" : "enabled again");
	return TUI_RELOAD;
}

static int
users_totp_reset(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct user_info *u = users_cur(t, app);
	int r;

	if (u == NULL)
		return TUI_HANDLED;
	if (!scr_modal_confirm(t, "Reset two-factor login", "Reset the "
	    "two-factor login of %s?\nTheir authenticator and recovery codes "
	    "stop working; they set up\na new one at their next login.",
	    u->name))
		return TUI_REDRAW;
	r = auth_totp_reset(app->ctx, u->name);
	scr_modal_result(t, r, "Two-factor login of %s is reset.", u->name);
	return TUI_RELOAD;
}

/* Show fresh recovery codes once. */
static void
users_show_codes(struct tui *t, const char *name,
    char codes[][TOTP_RECOVERY_SIZE])
{
	char *text, *old;
	int i;

	xasprintf(&text, "New recovery codes of %s. Each works once.\n"
	    "Hand them over now: they will not be shown again.\n", name);
	for (i = 0; i < TOTP_RECOVERY_COUNT; i += 2) {
		old = text;
		xasprintf(&text, "%s\n    %s      %s", old, codes[i],
		    i + 1 < TOTP_RECOVERY_COUNT ? codes[i + 1] : "");
		free(old);
	}
	tui_dialog_message(t, "Recovery codes", text);
	explicit_bzero(text, strlen(text));
	free(text);
}

static int
users_codes(struct tui *t, void *vapp)
{
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	struct scr_app *app = vapp;
	struct user_info *u = users_cur(t, app);
	int r;

	if (u == NULL)
		return TUI_HANDLED;
	if (!scr_modal_confirm(t, "New recovery codes", "Make new recovery "
	    "codes for %s?\nTheir old codes stop working.", u->name))
		return TUI_REDRAW;
	if ((r = auth_recovery_renew(app->ctx, u->name, codes)) != 0)
		scr_app_refused(t, r, NULL);
	else
		users_show_codes(t, u->name, codes);
	explicit_bzero(codes, sizeof(codes));
	return TUI_RELOAD;
}

static int
users_keys_list(struct tui *t, void *vapp)
{
	struct user_info *u = users_cur(t, vapp);

	if (u != NULL)
		scr_logins_keys(t, vapp, u->name);
	return TUI_RELOAD;
}

static int
users_logins(struct tui *t, void *vapp)
{
	scr_logins_run(t, vapp);
	return TUI_RELOAD;
}

static int	users_actions(struct tui *, void *);

static const struct tui_key users_keys[] = {
	{ TUI_KEY_ENTER, "Actions", "Choose an action for the selected "
	  "account", users_actions, PERM_USER_MANAGE },
	{ 'a', "Add", "Add an account", users_add, PERM_USER_MANAGE },
	{ 'd', "Disable", "Disable or enable the selected account (asks "
	  "first)", users_toggle, PERM_USER_MANAGE },
	{ 'r', "Role", "Change the role of the selected account",
	  users_role, PERM_USER_MANAGE },
	{ 'l', "Logins", "Live logins, and ending one", users_logins,
	  PERM_USER_MANAGE },
	{ 'p', "Password", "Set a new password for the selected account",
	  users_password, PERM_USER_MANAGE },
	{ 't', "Reset 2FA", "Reset the two-factor login of the selected "
	  "account (asks first)", users_totp_reset, PERM_USER_MANAGE },
	{ 'c', "Codes", "New recovery codes for the selected account, "
	  "shown once (asks first)", users_codes, PERM_USER_MANAGE },
	{ 'K', "Keys", "The SSH keys registered for the selected account",
	  users_keys_list, PERM_USER_MANAGE },
};

/* Enter: the same actions as the keys, picked from a list. */
static int
users_actions(struct tui *t, void *vapp)
{
	return scr_modal_actions(t, "Actions", users_keys, 1,
	    TUI_NKEYS(users_keys), 2, vapp);
}

static void
users_enter(struct tui *t, void *vapp)
{
	(void)t;
	users_state(vapp);
}

const struct tui_screen scr_users = {
	.name = "users",
	.title = "Users",
	.perm = PERM_USER_MANAGE,
	.keys = users_keys,
	.nkeys = TUI_NKEYS(users_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.enter = users_enter,
	.load = users_load,
	.draw = users_draw,
	.key = users_key,
};

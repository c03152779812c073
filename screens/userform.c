/*
 * userform.c -- adding an account, setting a password, changing a role:
 * forms checked as they are filled, then one model call.
 */
#include "screens/userform.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "model/ctx.h"
#include "model/password.h"
#include "model/perm.h"
#include "model/user.h"
#include "screens/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/theme.h"

#define PASSWORD_FIELD_MAX	128

/* What the field checks need: the form (to read the other fields). */
struct ufcheck {
	struct scr_app		*app;
	struct tui_form		*form;
	const char		*name;	/* fixed account name, or NULL: field 0 */
	size_t			 pw;	/* index of the password field */
	char			 msg[128];
};

/* The account name the password is for: fixed, or the name field. */
static const char *
uf_name(struct ufcheck *c, char norm[USER_NAME_MAX + 1])
{
	const char *name = c->name != NULL ? c->name :
	    tui_form_value(c->form, 0);

	if (user_name_normalize(name, norm, NULL) != 0)
		norm[0] = '\0';
	return norm;
}

static const char *
uf_check_name(const char *value, void *ctx)
{
	struct ufcheck *c = ctx;
	char norm[USER_NAME_MAX + 1];
	struct user_info u;
	const char *why;

	if (user_name_normalize(value, norm, &why) != 0) {
		snprintf(c->msg, sizeof(c->msg), "%s", why);
		return c->msg;
	}
	if (user_find(c->app->ctx->db, norm, &u) == 0)
		return "that name is taken";
	return NULL;
}

static const char *
uf_check_password(const char *value, void *ctx)
{
	struct ufcheck *c = ctx;
	char norm[USER_NAME_MAX + 1];
	const char *why = NULL;

	if (password_policy_check(uf_name(c, norm), value, &why) != 0) {
		snprintf(c->msg, sizeof(c->msg), "The password %s.",
		    why != NULL ? why : "is refused");
		return c->msg;
	}
	return NULL;
}

static const char *
uf_check_again(const char *value, void *ctx)
{
	struct ufcheck *c = ctx;

	if (strcmp(value, tui_form_value(c->form, c->pw)) != 0)
		return "The two passwords differ.";
	return NULL;
}

static const struct tui_field add_fields[] = {
	{ "Name", TUI_FIELD_TEXT, USER_NAME_MAX, uf_check_name },
	{ "Password", TUI_FIELD_SECRET, PASSWORD_FIELD_MAX,
	  uf_check_password },
	{ "Password again", TUI_FIELD_SECRET, PASSWORD_FIELD_MAX,
	  uf_check_again },
};

static const struct tui_field password_fields[] = {
	{ "New password", TUI_FIELD_SECRET, PASSWORD_FIELD_MAX,
	  uf_check_password },
	{ "Again", TUI_FIELD_SECRET, PASSWORD_FIELD_MAX, uf_check_again },
};

/* The roles the actor may give, in matrix order; *initial: current's. */
static size_t
uf_grantable(const struct scr_app *app, int current, int *roles,
    const char **names, size_t *initial)
{
	size_t n = 0;
	int r;

	*initial = 0;
	for (r = 0; r < ROLE__COUNT; r++) {
		if (!perm_can_manage(app->ctx->actor.role, r))
			continue;
		if (r == current)
			*initial = n;
		roles[n] = r;
		names[n++] = perm_role_name(r);
	}
	return n;
}

/* Pick a role; returns it, or -1 when cancelled or none may be given. */
static int
uf_choose_role(struct tui *t, struct scr_app *app, const char *title,
    int current)
{
	const char *names[ROLE__COUNT];
	int roles[ROLE__COUNT], i;
	size_t n, initial;

	if ((n = uf_grantable(app, current, roles, names, &initial)) == 0) {
		tui_status(t, TUI_ERROR, "Your role may not grant any role.");
		return -1;
	}
	i = tui_dialog_choose(t, title, names, n, initial);
	return i >= 0 ? roles[i] : -1;
}

int
scr_userform_add(struct tui *t, struct scr_app *app)
{
	struct ufcheck c = { .app = app, .pw = 1 };
	struct user_new nu = { 0 };
	char norm[USER_NAME_MAX + 1];
	const char *why;
	int64_t id;
	int r, done = 0;

	if ((nu.role = uf_choose_role(t, app, "Role of the new account",
	    ROLE_CASHIER)) < 0)
		return TUI_REDRAW;
	c.form = tui_form_new("New account", add_fields,
	    TUI_NKEYS(add_fields), &c);
	while (!done && tui_form_run(t, c.form) == TUI_FORM_SUBMIT) {
		nu.name = tui_form_value(c.form, 0);
		nu.password = tui_form_value(c.form, 1);
		why = NULL;
		if ((r = user_add(app->ctx, &nu, &id, &why)) == 0) {
			tui_status(t, TUI_SUCCESS, "Added %s as %s; they set "
			    "up two-factor login at their first login.",
			    uf_name(&c, norm), perm_role_name(nu.role));
			done = 1;
		} else {
			scr_app_refused(t, r, why);
			done = r == ERR_DENIED;	/* no use trying again */
		}
	}
	tui_form_free(c.form);
	return TUI_RELOAD;
}

int
scr_userform_password(struct tui *t, struct scr_app *app,
    const struct user_info *u)
{
	struct ufcheck c = { .app = app, .name = u->name, .pw = 0 };
	const char *why = NULL;
	char title[64];
	int r;

	snprintf(title, sizeof(title), "New password for %s", u->name);
	c.form = tui_form_new(title, password_fields,
	    TUI_NKEYS(password_fields), &c);
	if (tui_form_run(t, c.form) == TUI_FORM_SUBMIT) {
		if ((r = user_set_password(app->ctx, u->name,
		    tui_form_value(c.form, 0), &why)) == 0)
			tui_status(t, TUI_SUCCESS, "The password of %s is "
			    "changed.", u->name);
		else
			scr_app_refused(t, r, why);
	}
	tui_form_free(c.form);
	return TUI_RELOAD;
}

int
scr_userform_role(struct tui *t, struct scr_app *app,
    const struct user_info *u)
{
	char title[64];
	int role, r;

	snprintf(title, sizeof(title), "Role of %s", u->name);
	if ((role = uf_choose_role(t, app, title, u->role)) < 0)
		return TUI_REDRAW;
	if (role == u->role)
		return TUI_REDRAW;
	if ((r = user_set_role(app->ctx, u->name, role)) != 0) {
		scr_app_refused(t, r, NULL);
		return TUI_RELOAD;
	}
	tui_status(t, TUI_SUCCESS, "%s is now %s.", u->name,
	    perm_role_name(role));
	return TUI_RELOAD;
}

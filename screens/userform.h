/*
 * userform.h -- the dialogs of the users screen that ask for input:
 * a new account, a new password, a new role. Each asks, calls the model,
 * and reports the outcome or the refusal in the status line; nothing is
 * written when the model refuses.
 */
#ifndef CAFED_SCREENS_USERFORM_H
#define CAFED_SCREENS_USERFORM_H

#include "tui/tui.h"

struct scr_app;
struct user_info;

/* Add an account: role from those the actor may grant, then a form.
 * Returns a tui_action (TUI_RELOAD after a change). */
int	scr_userform_add(struct tui *, struct scr_app *);

/* Set a new password for u (asked twice). Returns a tui_action. */
int	scr_userform_password(struct tui *, struct scr_app *,
	    const struct user_info *u);

/* Change u's role to one the actor may grant. Returns a tui_action. */
int	scr_userform_role(struct tui *, struct scr_app *,
	    const struct user_info *u);

#endif

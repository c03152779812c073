/*
 * logins.h -- live logins (on the dashboard, and a dialog of the users
 * screen where a manager ends one) and the registered SSH keys of an
 * account.
 */
#ifndef CAFED_SCREENS_LOGINS_H
#define CAFED_SCREENS_LOGINS_H

#include "tui/tui.h"

struct scr_app;

/* The keys of the live-logins dialog, for the help and the checks. */
extern const struct tui_key	scr_logins_keys_map[];
extern const size_t		scr_logins_nkeys;

/*
 * The live logins in a table, refreshed as the database changes; the
 * user may end one (login_kill, user.manage; asks first). Returns when
 * closed (Esc, q) or when the session ends.
 */
void	scr_logins_run(struct tui *, struct scr_app *);

/*
 * The SSH keys registered for account name, in a pager, with how keys
 * are added (cafectl; the TUI does not take key files).
 */
void	scr_logins_keys(struct tui *, struct scr_app *, const char *name);

#endif

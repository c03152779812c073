/*
 * approvals.h -- the two-person rule on screen: a cashier's request
 * waiting in a dialog (approved there by a manager typing their own
 * password and code, or from the manager's own terminal, where pending
 * requests appear within a second: in the top bar, on the dashboard and
 * in the approvals dialog).
 */
#ifndef CAFED_SCREENS_APPROVALS_H
#define CAFED_SCREENS_APPROVALS_H

#include <stddef.h>
#include <stdint.h>

#include "tui/tui.h"

struct scr_app;

/*
 * Wait for request id, describing it as what ("Refund of 55.00 EUR to
 * Ann Lee"). Closes when it is approved or rejected anywhere (and says
 * so in the status line), when the user withdraws it (Esc, asks first)
 * or leaves it waiting (b); 'a' lets a manager approve it here with
 * their password and code. Returns 1 when it ended approved, else 0.
 */
int	scr_approvals_wait(struct tui *, struct scr_app *, int64_t id,
	    const char *what);

/*
 * The pending requests in a table, refreshed as the database changes;
 * a holder of wallet.approve approves (a, Enter) or rejects (r) one.
 */
void	scr_approvals_run(struct tui *, struct scr_app *);

/* "2 approvals waiting" for holders of wallet.approve, else "". */
void	scr_approvals_top(struct scr_app *, char *buf, size_t size);

#endif

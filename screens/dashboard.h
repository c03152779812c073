/*
 * dashboard.h -- the first screen: who is logged in, the open shift, and
 * summaries that other modules add as sections.
 *
 * A section is a title and a load() that adds lines; the dashboard draws
 * the sections one under the other, each cut to its rows. To add one:
 * define a const struct scr_dash_section in your screen file, declare it
 * here, and add a line to sections[] in dashboard.c (in display order).
 */
#ifndef CAFED_SCREENS_DASHBOARD_H
#define CAFED_SCREENS_DASHBOARD_H

#include "tui/tui.h"

struct scr_app;
struct scr_dash;

struct scr_dash_section {
	const char	*title;
	int		 perm;	/* -1: everyone; else only who holds it */
	int		 rows;	/* lines at most; 0: the rest of the screen */
	/* Add the section's lines with scr_dashboard_add; 0 or err.h code.
	 * Adding no line hides the section. */
	int		(*load)(struct scr_app *, struct scr_dash *);
};

/*
 * Add a line to the section being loaded, in theme role (TUI_NORMAL,
 * TUI_WARNING, ...). The text is sanitized when drawn.
 */
void	scr_dashboard_add(struct scr_dash *, int role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

extern const struct tui_screen		scr_dashboard;

/* The sections defined elsewhere. */
extern const struct scr_dash_section	scr_logins_dash;	/* logins.c */
extern const struct scr_dash_section	scr_shift_dash;		/* shift.c */
extern const struct scr_dash_section	scr_wallets_dash;	/* wallets.c */

#endif

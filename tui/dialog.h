/*
 * dialog.h -- modal boxes over the body: confirm, message, choose, pager,
 * and the loop they share, for custom ones.
 *
 * Every dialog keeps the app alive underneath: ticks run, the screen
 * reloads and repaints, a resize re-centres the box. When the session
 * ends meanwhile (tick said quit, or q while too small) the dialog
 * closes at once as if cancelled.
 */
#ifndef CAFED_TUI_DIALOG_H
#define CAFED_TUI_DIALOG_H

#include "tui/tui.h"

#define TUI_DIALOG_MORE	(-100)	/* from tui_dialog.key: keep going */

/* A custom dialog: its wanted size (clamped to the body) and callbacks. */
struct tui_dialog {
	const char	*title;
	int		 h, w;
	void	(*draw)(WINDOW *w, void *ctx);	/* inside the frame */
	int	(*key)(struct tui *t, int key, void *ctx);
};

/*
 * Run d until key() returns something other than TUI_DIALOG_MORE, and
 * return that; -1 when the session is ending.
 */
int	 tui_dialog_run(struct tui *t, const struct tui_dialog *d,
	    void *ctx);

/*
 * A framed window of h x w (clamped to the body area), centred over the
 * body, titled. NULL when there is no room. The caller delwin()s it.
 */
WINDOW	*tui_dialog_win(int h, int w, const char *title);

/* Ask msg with Yes/No; No is the default. Returns 1 for yes, 0 for no. */
int	 tui_dialog_confirm(struct tui *t, const char *title,
	    const char *msg);

/* Show text (lines split at '\n') until any key. */
void	 tui_dialog_message(struct tui *t, const char *title,
	    const char *text);

/*
 * Pick one of items (n >= 1) starting at initial; returns its index, or
 * -1 for Esc/q or when the session ends.
 */
int	 tui_dialog_choose(struct tui *t, const char *title,
	    const char *const *items, size_t n, size_t initial);

/* Scroll through text (reports, details, help) until Esc, q or Enter. */
void	 tui_dialog_pager(struct tui *t, const char *title,
	    const char *text);

#endif

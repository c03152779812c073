/*
 * modal.h -- the shape most screen actions share: ask first (No is the
 * default), call one model function, then say in the status line why it
 * was refused or what it did.
 */
#ifndef CAFED_SCREENS_MODAL_H
#define CAFED_SCREENS_MODAL_H

#include <stddef.h>

#include "tui/tui.h"

struct tui_key;

/*
 * Ask a yes/no question titled title, its text built from fmt. Returns 1
 * for yes, 0 for no (or Esc).
 */
int	scr_modal_confirm(struct tui *, const char *title, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

/*
 * Report the outcome rc of a model call: a refusal through
 * scr_app_refused() (no reason), or on 0 a success line built from fmt.
 * Returns rc.
 */
int	scr_modal_result(struct tui *, int rc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * Enter on a screen: keys[from..to) the user may use, as a list titled
 * title ("key help", the key name padded to width). Runs the handler of
 * the one picked and returns what it returns; TUI_REDRAW on Esc.
 */
int	scr_modal_actions(struct tui *, const char *title,
	    const struct tui_key *keys, size_t from, size_t to, int width,
	    void *app);

/* F1 in a table dialog: the help of its keys and the table's. */
void	scr_modal_help(struct tui *, const char *title,
	    const struct tui_key *keys, size_t nkeys);

/*
 * A dialog of h x w cells titled title, over the screen until key
 * returns 0: each turn it loads d again when stale says so (a refusal
 * goes to the status line), paints it with draw and hands one key to
 * key.
 */
struct scr_modal_view {
	const char	*title;
	int		 h, w;
	int		(*stale)(void *d);
	int		(*load)(void *d);
	void		(*draw)(struct tui *, WINDOW *, void *d);
	int		(*key)(struct tui *, void *d, int key);
};
void	scr_modal_view_run(struct tui *, const struct scr_modal_view *,
	    void *d);

#endif

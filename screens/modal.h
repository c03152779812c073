/*
 * modal.h -- the shape most screen actions share: ask first (No is the
 * default), call one model function, then say in the status line why it
 * was refused or what it did.
 */
#ifndef CAFED_SCREENS_MODAL_H
#define CAFED_SCREENS_MODAL_H

#include <stddef.h>

struct tui;
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

#endif

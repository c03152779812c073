/*
 * keymap.h -- one key table, three uses: dispatch, key bar, help.
 *
 * Order everywhere: the global keys (tui_keymap_global), then the
 * focused widget's keys, then the screen's own.
 */
#ifndef CAFED_TUI_KEYMAP_H
#define CAFED_TUI_KEYMAP_H

#include "tui/tui.h"

/* The loop's own keys (F1 ?, F10 q, 1-9, Ctrl-L), for help and checks. */
extern const struct tui_key	tui_keymap_global[];
extern const size_t		tui_keymap_nglobal;

/*
 * Check a screen's or widget's table: every entry has a key, a label and
 * a help line; no key appears twice; no key is taken by the global keys
 * (F1 ? F10 q Ctrl-L 1-9). Returns 0, or ERR_INVALID with *why (if not
 * NULL) set to a sentence in a static buffer naming the entry.
 */
int		 tui_keymap_validate(const struct tui_key *keys, size_t n,
		    const char **why);

/*
 * Check a screen: its keys and widget_keys as above, and no screen key
 * that shadows a widget key. Returns 0 or ERR_INVALID with *why set.
 */
int		 tui_keymap_validate_screen(const struct tui_screen *s,
		    const char **why);

/* The name of key for the key bar and help: "F1", "Enter", "a". */
const char	*tui_keymap_name(int key, char *buf, size_t size);

/*
 * Run the entry for key: its handler's action; TUI_DENIED when the user
 * lacks its permission (the handler does not run); TUI_IGNORED when no
 * entry matches or the entry has no handler.
 */
int		 tui_keymap_dispatch(struct tui *t, const struct tui_key *keys,
		    size_t n, int key, void *app);

/*
 * The help text for screen s (NULL: global keys only): one line per
 * binding the user may use, grouped global, widget, screen. The caller
 * frees it.
 */
char		*tui_keymap_help(struct tui *t, const struct tui_screen *s);

#endif

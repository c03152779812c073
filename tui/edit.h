/*
 * edit.h -- a one-line text editor (the state of one form field or
 * prompt): UTF-8 text, a cursor, a maximum length in characters.
 * Pure state: nothing here draws, so it is tested without a terminal.
 */
#ifndef CAFED_TUI_EDIT_H
#define CAFED_TUI_EDIT_H

#include <stddef.h>

struct tui_edit;

/* An empty line of at most max characters (0: 256, at most 1024). */
struct tui_edit	*tui_edit_new(size_t max);

/* Wipe the text (it may be a secret) and free e; NULL is a no-op. */
void		 tui_edit_free(struct tui_edit *e);

/* Replace the text with s, sanitized and cut to max characters; the
 * cursor goes to the end. */
void		 tui_edit_set(struct tui_edit *e, const char *s);

/* The text, owned by e, valid until the next change. */
const char	*tui_edit_text(const struct tui_edit *e);

/* The cursor position in characters from the start. */
size_t		 tui_edit_cursor(const struct tui_edit *e);

/*
 * Apply key: a printable character is inserted (ignored when full),
 * Left/Right/Home/End (Ctrl-A/E) move, Backspace/Delete (Ctrl-D) delete,
 * Ctrl-U deletes to the start, Ctrl-K to the end. Returns 1 if the key
 * is an editing key (even when nothing changed), else 0.
 */
int		 tui_edit_key(struct tui_edit *e, int key);

/*
 * What to show in width columns: the text (each character as '*' if
 * secret) scrolled so the cursor is visible, into out (size bytes).
 * Returns the cursor's column in it.
 */
int		 tui_edit_view(const struct tui_edit *e, int width, int secret,
		    char *out, size_t size);

#endif

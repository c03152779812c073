/*
 * text.h -- putting user text on screen: sanitized, measured in display
 * columns (wide characters count two), truncated with an ellipsis.
 */
#ifndef CAFED_TUI_TEXT_H
#define CAFED_TUI_TEXT_H

#include "tui/tui.h"

enum tui_align {
	TUI_LEFT = 0,
	TUI_RIGHT,
	TUI_CENTER
};

/*
 * Copy into dst (size bytes, always NUL-terminated) as much of src,
 * passed through str_sanitize, as fits in width columns; when src is
 * wider, it ends with "…" (or "~" if ascii) and still fits. In ascii mode
 * each non-ASCII character becomes '?'; a character wcwidth() rejects
 * becomes '?' too. NULL src is "". Returns the columns used.
 */
int	tui_text_fit(char *dst, size_t size, const char *src, int width,
	    int ascii);

/* Encode code point cp as UTF-8 into out (5 bytes or more, NUL-ended);
 * returns the length, 0 (and "") when cp is not a character. */
size_t	tui_text_utf8(char *out, int cp);

/* Columns src takes on screen, sanitized, in the theme's mode. */
int	tui_text_width(const char *src);

/*
 * Draw src fitted into width columns at y, x of w, padded with spaces
 * on the side align says, in w's current attributes. Returns the
 * columns of text (without padding) drawn.
 */
int	tui_text_put(WINDOW *w, int y, int x, int width, const char *src,
	    int align);

#endif

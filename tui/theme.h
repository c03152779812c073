/*
 * theme.h -- colours, attributes and line drawing, in one table.
 *
 * Every role has a colour form and a monochrome form (bold, reverse,
 * underline, dim), so the screen stays readable under NO_COLOR or on a
 * terminal without colour. In ASCII mode every line is drawn with
 * + - | and nothing outside ASCII is written.
 */
#ifndef CAFED_TUI_THEME_H
#define CAFED_TUI_THEME_H

#include "tui/tui.h"

enum tui_role {
	TUI_NORMAL = 0,
	TUI_TITLE,		/* top bar */
	TUI_TAB,		/* screen tabs */
	TUI_TAB_CUR,		/* the current tab */
	TUI_KEYNAME,		/* "F1" in the key bar */
	TUI_KEYLABEL,		/* "Help" in the key bar */
	TUI_HEADER,		/* table column titles */
	TUI_SELECTED,		/* the selected row or button */
	TUI_ERROR,
	TUI_SUCCESS,
	TUI_WARNING,
	TUI_FREE,		/* states of seats, shifts, ... */
	TUI_BUSY,
	TUI_RESERVED,
	TUI_OFFLINE,
	TUI_QR,			/* black on white, for QR codes */
	TUI_NROLES
};

/*
 * Set up the role table: colour (only if has_colors() allows it and the
 * caller decided NO_COLOR is unset) and ASCII or UTF-8 line drawing.
 * Called by tui_open(); callable before it in tests (colour 0).
 */
void	 tui_theme_init(int ascii, int colour);

/* The attributes (colour pair included) to draw role with. */
attr_t	 tui_theme_attr(int role);

/* 1 in ASCII mode (no UTF-8 output), 1 when colours are in use. */
int	 tui_theme_ascii(void);
int	 tui_theme_colour(void);

/* "…", or "~" in ASCII mode: marks truncated text. */
const char *tui_theme_ellipsis(void);

/* Draw a frame around all of w with the current attributes. */
void	 tui_theme_box(WINDOW *w);

/* Draw a horizontal line of n cells at y, x. */
void	 tui_theme_hline(WINDOW *w, int y, int x, int n);

#endif

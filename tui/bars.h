/*
 * bars.h -- the fixed lines around the body: top bar, screen tabs,
 * status line and key bar (htop's function bar). Used by tui.c.
 */
#ifndef CAFED_TUI_BARS_H
#define CAFED_TUI_BARS_H

#include "tui/tui.h"

/* Fill the one-line w with text in role's attributes. */
void	tui_bars_line(WINDOW *w, const char *text, int role);

/* The tabs "1 Users  2 Audit", numbered from 1, titles[cur] highlighted. */
void	tui_bars_tabs(WINDOW *w, const char *const *titles, size_t n,
	    size_t cur);

/*
 * The key bar: "F1 Help", then each entry of keys the user may use (the
 * first of a run with the same label), then "F10 Quit", as many as fit.
 */
void	tui_bars_keys(WINDOW *w, struct tui *t, const struct tui_key *keys,
	    size_t n);

/* The status line: msg in level's role, errors prefixed "Error: ". */
void	tui_bars_status(WINDOW *w, int level, const char *msg);

/* The too-small notice centred in w, which is the whole terminal. */
void	tui_bars_small(WINDOW *w, int need_cols, int need_rows);

#endif

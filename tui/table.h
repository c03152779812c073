/*
 * table.h -- a list of rows in columns, with selection, scrolling and
 * search (/ n N). Screens fill it in load() and draw it in draw().
 */
#ifndef CAFED_TUI_TABLE_H
#define CAFED_TUI_TABLE_H

#include "tui/tui.h"

struct tui_table;

/* One column: its title (NULL: no header row if all are), its width in
 * columns (0: a share of what the fixed columns leave), its alignment
 * (TUI_LEFT, or TUI_RIGHT for numbers). */
struct tui_col {
	const char	*title;
	int		 width;
	int		 align;
};

/* The table's movement keys, for tui_screen.widget_keys. */
#define TUI_TABLE_NKEYS		11
extern const struct tui_key	tui_table_keys[TUI_TABLE_NKEYS];

/* A table with a copy of cols[0..ncols-1]; free with tui_table_free(). */
struct tui_table *tui_table_new(const struct tui_col *cols, size_t ncols);

/* Free t and its rows; NULL is a no-op. */
void	 tui_table_free(struct tui_table *t);

/* Drop every row; the selection index stays (clamped) for a reload. */
void	 tui_table_clear(struct tui_table *t);

/*
 * Append a row: cells[0..ncols-1] (NULL cells are "") are copied through
 * str_sanitize, so the caller keeps ownership of its strings. role is a
 * theme role (TUI_NORMAL, TUI_FREE, ...) for the row when not selected;
 * the row's text must say the same thing for readers without colour.
 */
void	 tui_table_add(struct tui_table *t, const char *const *cells,
	    int role);

/* Number of rows. */
size_t	 tui_table_count(const struct tui_table *t);

/* The selected row, or -1 when the table is empty. */
int	 tui_table_selected(const struct tui_table *t);

/* Select row (clamped into range) and scroll it into view. */
void	 tui_table_select(struct tui_table *t, int row);

/* The sanitized copy of a cell, owned by t; NULL if out of range. */
const char *tui_table_cell(const struct tui_table *t, size_t row,
	    size_t col);

/* First visible row, and the page height used for scrolling. */
int	 tui_table_top(const struct tui_table *t);
void	 tui_table_set_page(struct tui_table *t, int rows);

/* Draw into the h x w area at y, x of win (sets the page height). */
void	 tui_table_draw(struct tui_table *t, WINDOW *win, int y, int x,
	    int h, int w);

/*
 * Move, or search (ui may be NULL: then / is ignored). Returns
 * TUI_REDRAW if the view changed, TUI_HANDLED if the key was the
 * table's, TUI_IGNORED otherwise.
 */
int	 tui_table_key(struct tui_table *t, struct tui *ui, int key);

/*
 * Select the next (dir 1) or previous (dir -1) row after the selected
 * one, wrapping, with a cell holding needle (ASCII case ignored); it
 * becomes the needle for n/N. Returns the row, or -1 (selection kept).
 */
int	 tui_table_find(struct tui_table *t, const char *needle, int dir);

#endif

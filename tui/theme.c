/*
 * theme.c -- the colour table and the line-drawing glyphs.
 */
#include "tui/theme.h"

#define DEF	(-1)	/* the terminal's default colour */

struct role {
	short	 fg, bg;	/* colour form */
	attr_t	 extra;		/* added to the colour form */
	attr_t	 mono;		/* monochrome form */
};

/* Indexed by enum tui_role; htop's palette, roughly. */
static const struct role roles[TUI_NROLES] = {
	[TUI_NORMAL] =	 { DEF, DEF, 0, 0 },
	[TUI_TITLE] =	 { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[TUI_TAB] =	 { DEF, DEF, 0, 0 },
	[TUI_TAB_CUR] =	 { COLOR_BLACK, COLOR_GREEN, A_BOLD,
			   A_REVERSE | A_BOLD },
	[TUI_KEYNAME] =	 { DEF, DEF, A_BOLD, A_BOLD },
	[TUI_KEYLABEL] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[TUI_HEADER] =	 { COLOR_BLACK, COLOR_GREEN, 0, A_BOLD | A_UNDERLINE },
	[TUI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[TUI_ERROR] =	 { COLOR_RED, DEF, A_BOLD, A_BOLD },
	[TUI_SUCCESS] =	 { COLOR_GREEN, DEF, 0, 0 },
	[TUI_WARNING] =	 { COLOR_YELLOW, DEF, A_BOLD, A_BOLD | A_UNDERLINE },
	[TUI_FREE] =	 { COLOR_GREEN, DEF, 0, 0 },
	[TUI_BUSY] =	 { COLOR_CYAN, DEF, A_BOLD, A_BOLD },
	[TUI_RESERVED] = { COLOR_MAGENTA, DEF, 0, A_UNDERLINE },
	[TUI_OFFLINE] =	 { DEF, DEF, A_DIM, A_DIM },
	[TUI_QR] =	 { COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
};

static attr_t	attrs[TUI_NROLES];
static int	ascii = 1;
static int	colour;

/* Give every role its colour pair, falling back to white on black. */
static void
theme_colours(void)
{
	int dflt, i;
	short fg, bg;

	start_color();
	dflt = use_default_colors() == OK;
	for (i = 0; i < TUI_NROLES; i++) {
		fg = roles[i].fg;
		bg = roles[i].bg;
		if (!dflt && fg == DEF)
			fg = COLOR_WHITE;
		if (!dflt && bg == DEF)
			bg = COLOR_BLACK;
		init_pair((short)(i + 1), fg, bg);
		attrs[i] = COLOR_PAIR(i + 1) | roles[i].extra;
	}
}

void
tui_theme_init(int ascii_mode, int use_colour)
{
	int i;

	ascii = ascii_mode;
	colour = use_colour && has_colors();
	if (colour) {
		theme_colours();
		return;
	}
	for (i = 0; i < TUI_NROLES; i++)
		attrs[i] = roles[i].mono;
}

attr_t
tui_theme_attr(int role)
{
	if (role < 0 || role >= TUI_NROLES)
		return 0;
	return attrs[role];
}

int
tui_theme_ascii(void)
{
	return ascii;
}

int
tui_theme_colour(void)
{
	return colour;
}

const char *
tui_theme_ellipsis(void)
{
	return ascii ? "~" : "\xe2\x80\xa6";
}

void
tui_theme_hline(WINDOW *w, int y, int x, int n)
{
	int i;

	wmove(w, y, x);
	for (i = 0; i < n; i++)
		waddstr(w, ascii ? "-" : "\xe2\x94\x80");
}

void
tui_theme_box(WINDOW *w)
{
	const char *v = ascii ? "|" : "\xe2\x94\x82";
	int h, wd, y;

	getmaxyx(w, h, wd);
	if (h < 2 || wd < 2)
		return;
	tui_theme_hline(w, 0, 1, wd - 2);
	tui_theme_hline(w, h - 1, 1, wd - 2);
	for (y = 1; y < h - 1; y++) {
		mvwaddstr(w, y, 0, v);
		mvwaddstr(w, y, wd - 1, v);
	}
	mvwaddstr(w, 0, 0, ascii ? "+" : "\xe2\x94\x8c");
	mvwaddstr(w, 0, wd - 1, ascii ? "+" : "\xe2\x94\x90");
	mvwaddstr(w, h - 1, 0, ascii ? "+" : "\xe2\x94\x94");
	/* ERR in the last cell only means the cursor could not advance. */
	mvwaddstr(w, h - 1, wd - 1, ascii ? "+" : "\xe2\x94\x98");
}

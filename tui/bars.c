/*
 * bars.c -- drawing the top bar, tabs, status line and key bar.
 */
#include "tui/bars.h"

#include <stdio.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/text.h"
#include "tui/theme.h"

void
tui_bars_line(WINDOW *w, const char *text, int role)
{
	werase(w);
	wattrset(w, tui_theme_attr(role));
	tui_text_put(w, 0, 0, getmaxx(w), text, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

/*
 * Columns one tab takes: "N title", the title cut to cap columns unless
 * it is the current tab, a space each side when padded (the current tab
 * always is), and the gap before it.
 */
static int
bars_tab_width(const char *title, size_t i, size_t cur, int cap, int pad)
{
	char num[24];
	int w = tui_text_width(title);

	if (i != cur && w > cap)
		w = cap;
	return snprintf(num, sizeof(num), "%zu ", i + 1) + w +
	    (pad || i == cur ? 2 : 0) + (i > 0 ? 1 : 0);
}

static int
bars_tabs_width(const char *const *titles, size_t n, size_t cur, int cap,
    int pad)
{
	int total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += bars_tab_width(titles[i], i, cur, cap, pad);
	return total;
}

/*
 * Every tab stays on the bar, so each number key shows what it opens:
 * when they do not fit, the other tabs lose their padding, then their
 * longest titles are cut (with an ellipsis) one column at a time.
 */
void
tui_bars_tabs(WINDOW *w, const char *const *titles, size_t n, size_t cur)
{
	char tab[96], title[64];
	int x = 0, cols = getmaxx(w), cap = 64, pad = 1, longest, tw;
	size_t i;

	if (bars_tabs_width(titles, n, cur, cap, pad) > cols)
		pad = 0;
	while (cap > 1 && bars_tabs_width(titles, n, cur, cap, pad) > cols) {
		for (longest = 1, i = 0; i < n; i++) {
			tw = tui_text_width(titles[i]);
			if (i != cur && tw > longest)
				longest = tw < cap ? tw : cap;
		}
		cap = longest - 1;
	}
	werase(w);
	for (i = 0; i < n && x < cols; i++) {
		tui_text_fit(title, sizeof(title), titles[i],
		    i == cur ? 64 : cap, tui_theme_ascii());
		snprintf(tab, sizeof(tab), pad || i == cur ? " %zu %s " :
		    "%zu %s", i + 1, title);
		tw = tui_text_width(tab);
		if (x + tw > cols)
			tw = cols - x;
		wattrset(w, tui_theme_attr(i == cur ? TUI_TAB_CUR : TUI_TAB));
		tui_text_put(w, 0, x, tw, tab, TUI_LEFT);
		x += tw + 1;
	}
	wattrset(w, A_NORMAL);
}

/* Draw one "Key Label" item at x if it fits before limit; returns new x. */
static int
bars_item(WINDOW *w, int x, int limit, int key, const char *label)
{
	char name[32];
	int nw, lw;

	tui_keymap_name(key, name, sizeof(name));
	nw = tui_text_width(name);
	lw = tui_text_width(label) + 1;
	if (x + nw + lw > limit)
		return -1;
	wattrset(w, tui_theme_attr(TUI_KEYNAME));
	tui_text_put(w, 0, x, nw, name, TUI_LEFT);
	wattrset(w, tui_theme_attr(TUI_KEYLABEL));
	waddch(w, ' ');
	tui_text_put(w, 0, x + nw + 1, lw - 1, label, TUI_LEFT);
	wattrset(w, A_NORMAL);
	return x + nw + lw + 2;
}

void
tui_bars_keys(WINDOW *w, struct tui *t, const struct tui_key *keys,
    size_t n)
{
	const char *prev = NULL;
	int cols = getmaxx(w), quit = (int)strlen("F10 Quit"), x, nx;
	size_t i;

	werase(w);
	x = bars_item(w, 0, cols, TUI_KEY_F(1), "Help");
	for (i = 0; i < n && x >= 0; i++) {
		if (!tui_allowed(t, keys[i].perm) ||
		    (prev != NULL && strcmp(prev, keys[i].label) == 0))
			continue;
		prev = keys[i].label;
		if ((nx = bars_item(w, x, cols - quit - 2, keys[i].key,
		    keys[i].label)) < 0)
			break;
		x = nx;
	}
	if (x >= 0)
		bars_item(w, x, cols, TUI_KEY_F(10), "Quit");
}

void
tui_bars_status(WINDOW *w, int level, const char *msg)
{
	char line[300];

	werase(w);
	if (msg == NULL || msg[0] == '\0')
		return;
	snprintf(line, sizeof(line), "%s%s",
	    level == TUI_ERROR ? "Error: " : "", msg);
	wattrset(w, tui_theme_attr(level));
	tui_text_put(w, 0, 0, getmaxx(w), line, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

void
tui_bars_small(WINDOW *w, int need_cols, int need_rows)
{
	char line[96];
	int rows, cols, y;

	getmaxyx(w, rows, cols);
	werase(w);
	y = rows / 2 > 0 ? rows / 2 - 1 : 0;
	snprintf(line, sizeof(line), "Terminal too small: need %dx%d, have "
	    "%dx%d.", need_cols, need_rows, cols, rows);
	tui_text_put(w, y, 0, cols, line, TUI_CENTER);
	if (y + 1 < rows)
		tui_text_put(w, y + 1, 0, cols, "Resize or press q.",
		    TUI_CENTER);
}

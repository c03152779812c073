/*
 * table.c -- the table/list widget: rows of sanitized cells, column
 * widths, selection and scrolling, search.
 */
#include "tui/table.h"

#include <stdlib.h>
#include <string.h>

#include "common/str.h"
#include "common/xmalloc.h"
#include "tui/form.h"
#include "tui/text.h"
#include "tui/theme.h"

#define TABLE_MAXCOLS	16

struct row {
	int	 role;
	char	*cell[];	/* ncols pointers, then the strings */
};

struct tui_table {
	struct tui_col	 cols[TABLE_MAXCOLS];
	size_t		 ncols;
	int		 header;	/* some column has a title */
	struct row	**rows;
	size_t		 nrows, cap;
	int		 sel, top, page;
	char		 needle[128];
};

const struct tui_key tui_table_keys[TUI_TABLE_NKEYS] = {
	{ TUI_KEY_UP, "Up", "Select the row above", NULL, -1 },
	{ 'k', "Up", "Select the row above", NULL, -1 },
	{ TUI_KEY_DOWN, "Down", "Select the row below", NULL, -1 },
	{ 'j', "Down", "Select the row below", NULL, -1 },
	{ TUI_KEY_PGUP, "PgUp", "Up one page", NULL, -1 },
	{ TUI_KEY_PGDN, "PgDn", "Down one page", NULL, -1 },
	{ TUI_KEY_HOME, "Home", "First row", NULL, -1 },
	{ TUI_KEY_END, "End", "Last row", NULL, -1 },
	{ '/', "Search", "Search the rows for text", NULL, -1 },
	{ 'n', "Next", "Next match of the search", NULL, -1 },
	{ 'N', "Prev", "Previous match of the search", NULL, -1 },
};

struct tui_table *
tui_table_new(const struct tui_col *cols, size_t ncols)
{
	struct tui_table *t;
	size_t i;

	if (ncols == 0 || ncols > TABLE_MAXCOLS)
		fatal("tui_table_new: %zu columns", ncols);
	t = xcalloc(1, sizeof(*t));
	memcpy(t->cols, cols, ncols * sizeof(*cols));
	t->ncols = ncols;
	t->page = 1;
	for (i = 0; i < ncols; i++)
		if (cols[i].title != NULL)
			t->header = 1;
	return t;
}

void
tui_table_clear(struct tui_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		free(t->rows[i]);
	t->nrows = 0;
}

void
tui_table_free(struct tui_table *t)
{
	if (t == NULL)
		return;
	tui_table_clear(t);
	free(t->rows);
	free(t);
}

void
tui_table_add(struct tui_table *t, const char *const *cells, int role)
{
	const char *src;
	size_t i, len = 0, n;
	struct row *r;
	char *p;

	for (i = 0; i < t->ncols; i++)
		len += strlen(cells[i] != NULL ? cells[i] : "") + 1;
	r = xmalloc(sizeof(*r) + t->ncols * sizeof(char *) + len);
	p = (char *)(r->cell + t->ncols);
	for (i = 0; i < t->ncols; i++) {
		src = cells[i] != NULL ? cells[i] : "";
		n = strlen(src) + 1;
		r->cell[i] = str_sanitize(p, n, src);
		p += n;
	}
	r->role = role;
	if (t->nrows == t->cap) {
		t->cap = t->cap > 0 ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	t->rows[t->nrows++] = r;
}

size_t
tui_table_count(const struct tui_table *t)
{
	return t->nrows;
}

const char *
tui_table_cell(const struct tui_table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return NULL;
	return t->rows[row]->cell[col];
}

/* Keep the selection in range and on the page, the page filled. */
static void
table_clamp(struct tui_table *t)
{
	int n = (int)t->nrows, page = t->page > 0 ? t->page : 1;

	if (n == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel >= n)
		t->sel = n - 1;
	if (t->sel < 0)
		t->sel = 0;
	if (t->top > t->sel)
		t->top = t->sel;
	if (t->sel >= t->top + page)
		t->top = t->sel - page + 1;
	if (t->top > n - page)
		t->top = n - page > 0 ? n - page : 0;
}

int
tui_table_selected(const struct tui_table *t)
{
	if (t->nrows == 0)
		return -1;
	return t->sel < (int)t->nrows ? t->sel : (int)t->nrows - 1;
}

void
tui_table_select(struct tui_table *t, int row)
{
	t->sel = row;
	table_clamp(t);
}

int
tui_table_top(const struct tui_table *t)
{
	return t->top;
}

void
tui_table_set_page(struct tui_table *t, int rows)
{
	t->page = rows > 0 ? rows : 1;
	table_clamp(t);
}

/* 1 if a cell of r contains needle, ignoring ASCII case. */
static int
table_match(const struct tui_table *t, const struct row *r,
    const char *needle)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcasestr(r->cell[i], needle) != NULL)
			return 1;
	return 0;
}

int
tui_table_find(struct tui_table *t, const char *needle, int dir)
{
	size_t n = t->nrows, k, row;

	if (needle != t->needle)
		str_lcpy(t->needle, needle, sizeof(t->needle));
	if (n == 0 || t->needle[0] == '\0')
		return -1;
	table_clamp(t);
	for (k = 1; k <= n; k++) {
		row = dir > 0 ? ((size_t)t->sel + k) % n :
		    ((size_t)t->sel + n - k) % n;
		if (table_match(t, t->rows[row], t->needle)) {
			t->sel = (int)row;
			table_clamp(t);
			return (int)row;
		}
	}
	return -1;
}

/* Search for needle from the selection, saying so when there is none. */
static int
table_search(struct tui_table *t, struct tui *ui, const char *needle,
    int dir)
{
	if (needle[0] == '\0') {
		if (ui != NULL)
			tui_status(ui, TUI_NORMAL, "Search first with /.");
		return TUI_HANDLED;
	}
	if (tui_table_find(t, needle, dir) < 0) {
		if (ui != NULL)
			tui_status(ui, TUI_WARNING, "Not found: %s", needle);
		return TUI_HANDLED;
	}
	return TUI_REDRAW;
}

int
tui_table_key(struct tui_table *t, struct tui *ui, int key)
{
	int sel = t->sel, top = t->top, page = t->page;
	char buf[sizeof(t->needle)] = "";

	switch (key) {
	case TUI_KEY_UP: case 'k':	t->sel--; break;
	case TUI_KEY_DOWN: case 'j':	t->sel++; break;
	case TUI_KEY_PGUP:		t->sel -= page; break;
	case TUI_KEY_PGDN:		t->sel += page; break;
	case TUI_KEY_HOME:		t->sel = 0; break;
	case TUI_KEY_END:		t->sel = (int)t->nrows - 1; break;
	case 'n':
	case 'N':
		return table_search(t, ui, t->needle, key == 'n' ? 1 : -1);
	case '/':
		if (ui == NULL)
			return TUI_IGNORED;
		if (tui_form_prompt(ui, "Search: ", buf, sizeof(buf)) != 1)
			return TUI_REDRAW;
		table_search(t, ui, buf, 1);
		return TUI_REDRAW;
	default:
		return TUI_IGNORED;
	}
	table_clamp(t);
	return t->sel != sel || t->top != top ? TUI_REDRAW : TUI_HANDLED;
}

/* Column widths for w columns: fixed ones as asked, the rest shared. */
static void
table_widths(const struct tui_table *t, int w, int *wd)
{
	int rest = w - ((int)t->ncols - 1), nflex = 0, share, left;
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i].width > 0)
			rest -= t->cols[i].width;
		else
			nflex++;
	}
	share = nflex > 0 && rest > 0 ? rest / nflex : 0;
	left = rest > 0 ? rest : 0;
	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i].width > 0)
			wd[i] = t->cols[i].width;
		else
			wd[i] = --nflex > 0 ? share : left;
		if (t->cols[i].width <= 0)
			left -= share;
	}
}

/* One line of cells, separated by a space, filling w columns. */
static void
table_line(const struct tui_table *t, WINDOW *win, int y, int x, int w,
    const int *wd, const char *const *cells)
{
	int cx = x, cw, end = x + w;
	size_t i;

	for (i = 0; i < t->ncols && cx < end; i++) {
		cw = wd[i] < end - cx ? wd[i] : end - cx;
		tui_text_put(win, y, cx, cw, cells[i], t->cols[i].align);
		cx += cw;
		if (i + 1 < t->ncols && cx < end)
			mvwaddch(win, y, cx++, ' ');
	}
	for (; cx < end; cx++)
		mvwaddch(win, y, cx, ' ');
}

void
tui_table_draw(struct tui_table *t, WINDOW *win, int y, int x, int h,
    int w)
{
	const char *titles[TABLE_MAXCOLS];
	int wd[TABLE_MAXCOLS], i, role;
	size_t c;

	table_widths(t, w, wd);
	if (t->header && h > 0) {
		for (c = 0; c < t->ncols; c++)
			titles[c] = t->cols[c].title;
		wattrset(win, tui_theme_attr(TUI_HEADER));
		table_line(t, win, y++, x, w, wd, titles);
		h--;
	}
	t->page = h > 0 ? h : 1;
	table_clamp(t);
	if (t->nrows == 0 && h > 0) {
		wattrset(win, tui_theme_attr(TUI_OFFLINE));
		tui_text_put(win, y, x, w, "(nothing to show)", TUI_LEFT);
	}
	for (i = 0; i < h && t->top + i < (int)t->nrows; i++) {
		role = t->top + i == t->sel ? TUI_SELECTED :
		    t->rows[t->top + i]->role;
		wattrset(win, tui_theme_attr(role));
		table_line(t, win, y + i, x, w, wd,
		    (const char *const *)t->rows[t->top + i]->cell);
	}
	wattrset(win, A_NORMAL);
}

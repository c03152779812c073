/*
 * dialog.c -- the modal loop and the stock dialogs built on it.
 */
#include "tui/dialog.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

/* Text split into lines, with a scroll position. */
struct box {
	char	**line;		/* line[0] is the start of the copy */
	size_t	  n;
	int	  widest, top, page;
};

static void
box_init(struct box *b, const char *text)
{
	char *p = xstrdup(text != NULL ? text : "");
	size_t cap = 16, i;
	int w;

	memset(b, 0, sizeof(*b));
	b->line = xreallocarray(NULL, cap, sizeof(*b->line));
	for (;;) {
		if (b->n == cap)
			b->line = xreallocarray(b->line, cap *= 2,
			    sizeof(*b->line));
		b->line[b->n++] = p;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		*p++ = '\0';
	}
	if (b->n > 1 && b->line[b->n - 1][0] == '\0')
		b->n--;		/* a final newline ends the text */
	for (i = 0; i < b->n; i++)
		if ((w = tui_text_width(b->line[i])) > b->widest)
			b->widest = w;
}

static void
box_free(struct box *b)
{
	free(b->line[0]);
	free(b->line);
}

/* Lines from b->top into rows rows from y, inside the frame. */
static void
box_draw(struct box *b, WINDOW *w, int y, int rows)
{
	int i, width = getmaxx(w) - 4;

	for (i = 0; i < rows && (size_t)(b->top + i) < b->n; i++)
		tui_text_put(w, y + i, 2, width, b->line[b->top + i],
		    TUI_LEFT);
}

WINDOW *
tui_dialog_win(int h, int w, const char *title)
{
	int maxh = LINES - 4, maxw = COLS - 2, tw;
	char buf[128];
	WINDOW *win;

	h = h < maxh ? h : maxh;
	w = w < maxw ? w : maxw;
	if (h < 3 || w < 8 ||
	    (win = newwin(h, w, 2 + (maxh - h) / 2, (COLS - w) / 2)) == NULL)
		return NULL;
	wattrset(win, tui_theme_attr(TUI_NORMAL));
	tui_theme_box(win);
	if (title != NULL && title[0] != '\0') {
		snprintf(buf, sizeof(buf), " %s ", title);
		tw = tui_text_width(buf);
		wattrset(win, A_BOLD);
		tui_text_put(win, 0, 2, tw < w - 4 ? tw : w - 4, buf,
		    TUI_LEFT);
		wattrset(win, tui_theme_attr(TUI_NORMAL));
	}
	return win;
}

int
tui_dialog_run(struct tui *t, const struct tui_dialog *d, void *ctx)
{
	int key, r = TUI_DIALOG_MORE;
	WINDOW *w;

	while (r == TUI_DIALOG_MORE) {
		if (tui_modal_paint(t) &&
		    (w = tui_dialog_win(d->h, d->w, d->title)) != NULL) {
			d->draw(w, ctx);
			wnoutrefresh(w);
			delwin(w);
		}
		key = tui_modal_key(t);
		if (key == TUI_KEY_ABORT)
			r = -1;
		else if (key >= 0)
			r = d->key(t, key, ctx);
	}
	tui_modal_done(t);
	return r;
}

/* "[ Yes ]  [ No ]" (or "[ OK ]" when yes < 0) on row y, one selected. */
static void
dialog_buttons(WINDOW *w, int y, int yes)
{
	int x = getmaxx(w) / 2;

	if (yes < 0) {
		wattrset(w, tui_theme_attr(TUI_SELECTED));
		mvwaddstr(w, y, x - 3, "[ OK ]");
	} else {
		wattrset(w, tui_theme_attr(yes ? TUI_SELECTED : TUI_NORMAL));
		mvwaddstr(w, y, x - 9, "[ Yes ]");
		wattrset(w, tui_theme_attr(yes ? TUI_NORMAL : TUI_SELECTED));
		mvwaddstr(w, y, x + 2, "[ No ]");
	}
	wattrset(w, tui_theme_attr(TUI_NORMAL));
}

struct ask {
	struct box	box;
	int		yes;	/* -1: a message, no choice */
};

static void
ask_draw(WINDOW *w, void *ctx)
{
	struct ask *a = ctx;
	int h = getmaxy(w);

	box_draw(&a->box, w, 1, h - 4);
	dialog_buttons(w, h - 2, a->yes);
}

static int
ask_key(struct tui *t, int key, void *ctx)
{
	struct ask *a = ctx;

	(void)t;
	if (a->yes < 0)
		return 0;
	switch (key) {
	case 'y': case 'Y':
		return 1;
	case 'n': case 'N': case 'q': case TUI_KEY_ESC:
		return 0;
	case TUI_KEY_ENTER:
		return a->yes;
	case TUI_KEY_LEFT: case TUI_KEY_RIGHT: case TUI_KEY_TAB:
	case TUI_KEY_BTAB: case 'h': case 'l':
		a->yes = !a->yes;
		break;
	}
	return TUI_DIALOG_MORE;
}

/* Confirm (yes 0) or message (yes -1). */
static int
dialog_ask(struct tui *t, const char *title, const char *text, int yes)
{
	struct ask a = { .yes = yes };
	struct tui_dialog d;
	int r;

	box_init(&a.box, text);
	d.title = title;
	d.h = (int)a.box.n + 4;
	d.w = (a.box.widest > 24 ? a.box.widest : 24) + 6;
	d.draw = ask_draw;
	d.key = ask_key;
	r = tui_dialog_run(t, &d, &a);
	box_free(&a.box);
	return r;
}

int
tui_dialog_confirm(struct tui *t, const char *title, const char *msg)
{
	return dialog_ask(t, title, msg, 0) == 1;
}

void
tui_dialog_message(struct tui *t, const char *title, const char *text)
{
	dialog_ask(t, title, text, -1);
}

static void
pager_draw(WINDOW *w, void *ctx)
{
	struct box *b = ctx;
	int h = getmaxy(w), n = (int)b->n, last;
	char where[64];

	b->page = h - 2;
	if (b->top > n - b->page)
		b->top = n - b->page;
	if (b->top < 0)
		b->top = 0;
	box_draw(b, w, 1, b->page);
	last = b->top + b->page < n ? b->top + b->page : n;
	snprintf(where, sizeof(where), " %d-%d of %d  q close ", b->top + 1,
	    last, n);
	tui_text_put(w, h - 1, getmaxx(w) - 2 - (int)strlen(where),
	    (int)strlen(where), where, TUI_LEFT);
}

static int
pager_key(struct tui *t, int key, void *ctx)
{
	struct box *b = ctx;

	(void)t;
	switch (key) {
	case TUI_KEY_UP: case 'k':	b->top--; break;
	case TUI_KEY_DOWN: case 'j':	b->top++; break;
	case TUI_KEY_PGUP:		b->top -= b->page; break;
	case TUI_KEY_PGDN: case ' ':	b->top += b->page; break;
	case TUI_KEY_HOME:		b->top = 0; break;
	case TUI_KEY_END:		b->top = (int)b->n; break;
	case 'q': case TUI_KEY_ESC: case TUI_KEY_ENTER: case TUI_KEY_F(10):
		return 0;
	}
	return TUI_DIALOG_MORE;
}

void
tui_dialog_pager(struct tui *t, const char *title, const char *text)
{
	struct tui_dialog d = { .title = title, .draw = pager_draw,
	    .key = pager_key };
	struct box b;

	box_init(&b, text);
	d.h = (int)b.n + 2;
	d.w = (b.widest > 40 ? b.widest : 40) + 6;
	tui_dialog_run(t, &d, &b);
	box_free(&b);
}

static void
choose_draw(WINDOW *w, void *ctx)
{
	int h, ww;

	getmaxyx(w, h, ww);
	tui_table_draw(ctx, w, 1, 2, h - 2, ww - 4);
}

static int
choose_key(struct tui *t, int key, void *ctx)
{
	if (key == TUI_KEY_ENTER)
		return tui_table_selected(ctx);
	if (key == TUI_KEY_ESC || key == 'q')
		return -1;
	tui_table_key(ctx, t, key);
	return TUI_DIALOG_MORE;
}

int
tui_dialog_choose(struct tui *t, const char *title,
    const char *const *items, size_t n, size_t initial)
{
	static const struct tui_col col = { NULL, 0, TUI_LEFT };
	struct tui_dialog d = { .title = title, .h = (int)n + 2,
	    .draw = choose_draw, .key = choose_key };
	struct tui_table *tab = tui_table_new(&col, 1);
	int r, w, widest = tui_text_width(title) + 4;
	size_t i;

	for (i = 0; i < n; i++) {
		tui_table_add(tab, &items[i], TUI_NORMAL);
		if ((w = tui_text_width(items[i])) > widest)
			widest = w;
	}
	tui_table_set_page(tab, LINES);
	tui_table_select(tab, (int)initial);
	d.w = widest + 6;
	r = tui_dialog_run(t, &d, tab);
	tui_table_free(tab);
	return r;
}

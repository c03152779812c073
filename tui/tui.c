/*
 * tui.c -- terminal setup, layout, the main loop and the modal loop.
 *
 * Drawing is dirty-tracked per window: a changed window is erased and
 * repainted, copied with wnoutrefresh, and the terminal is updated with
 * one doupdate() before each wait for input (tig display.c). Nothing
 * calls clear() per frame, so nothing flickers.
 */
#include "tui/tui.h"

#include <sys/mman.h>

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "tui/bars.h"
#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/theme.h"

#define MIN_COLS	80
#define MIN_ROWS	24
#define STATUS_MS	5000
#define TICK_MS		250
#define MAX_TABS	9

enum {	/* dirty bits, in the order of the windows in struct tui */
	D_TOP = 1, D_TABS = 2, D_BODY = 4, D_STATUS = 8, D_KEYS = 16,
	D_ALL = 31
};

struct tui {
	SCREEN		*scr;
	char		*term;
	WINDOW		*top, *tabs, *body, *status, *keys;
	int		 small;		/* below MIN_COLS x MIN_ROWS */
	int		 dirty;		/* D_* */
	int		 quit;		/* 1: user or handler, 2: tick */
	const struct tui_app_ops *ops;
	const struct tui_screen *const *screens;
	size_t		 nscreens;
	size_t		 cur;
	void		*app;
	char		 top_text[256];
	char		 msg[256];
	int		 msg_level;
	int64_t		 msg_until;
	int64_t		 last_key;
	int64_t		 last_tick;
	int64_t		 last_load;	/* of the current screen */
	int		 idle;		/* the main loop waits for a key */
	int		 reload_due;	/* a reload waits for the main loop */
};

static struct tui	*tui_current;	/* ncurses is one per process too */

static const char *const tui_fallback[] = { "xterm-256color", "xterm",
    "vt100" };

/* Home/End as PuTTY, tmux and others send them whatever terminfo says. */
static const struct {
	const char	*seq;
	int		 key;
} tui_alt_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[F", KEY_END }, { "\033OF", KEY_END },
};

static void	tui_layout(struct tui *);

/* fatal() restores the terminal before it prints. */
static void
tui_fatal_cleanup(void)
{
	tui_close(tui_current);
}

/* Try term, then the fallbacks; returns the SCREEN, the name in *used. */
static SCREEN *
tui_newterm(FILE *in, FILE *out, const char *term, const char **used)
{
	SCREEN *scr;
	size_t i;

	if (term != NULL && term[0] != '\0' &&
	    (scr = newterm(term, out, in)) != NULL) {
		*used = term;
		return scr;
	}
	for (i = 0; i < TUI_NKEYS(tui_fallback); i++)
		if ((scr = newterm(tui_fallback[i], out, in)) != NULL) {
			*used = tui_fallback[i];
			return scr;
		}
	return NULL;
}

/*
 * newterm() reads the terminfo entry into a 32 KiB buffer on the stack
 * and those pages would stay this process's for its whole life; the
 * TUI never goes that deep again. Give back the stack below this frame
 * (what lies below the stack pointer is unused).
 */
static void __attribute__((noinline))
tui_stack_trim(void)
{
	const uintptr_t page = 4096, span = 64 * 1024;
	volatile char here = 0;
	uintptr_t below = ((uintptr_t)&here & ~(page - 1)) - 2 * page;

	(void)here;
	madvise((void *)(below - span), span, MADV_DONTNEED);
}

struct tui *
tui_open(FILE *in, FILE *out, const char *term)
{
	const char *used = NULL;
	struct tui *t;
	SCREEN *scr;
	size_t i;
	int ascii;

	if (tui_current != NULL)
		return NULL;
	setlocale(LC_ALL, "");
	unsetenv("LINES");
	unsetenv("COLUMNS");
	if ((scr = tui_newterm(in, out, term, &used)) == NULL)
		return NULL;
	tui_stack_trim();
	t = xcalloc(1, sizeof(*t));
	t->scr = scr;
	t->term = xstrdup(used);
	set_term(scr);
	set_escdelay(25);
	raw();		/* cbreak, and Ctrl-C/Ctrl-Z/Ctrl-S reach us as keys */
	noecho();
	nonl();
	curs_set(0);
	for (i = 0; i < TUI_NKEYS(tui_alt_keys); i++)
		if (key_defined(tui_alt_keys[i].seq) == 0)
			define_key(tui_alt_keys[i].seq, tui_alt_keys[i].key);
	ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0 ||
	    strncmp(t->term, "vt", 2) == 0;
	tui_theme_init(ascii, getenv("NO_COLOR") == NULL);
	wnoutrefresh(stdscr);	/* untouched from now on: no stray repaint */
	t->last_key = t->last_tick = clock_mono_ms();
	tui_current = t;
	fatal_set_cleanup(tui_fatal_cleanup);
	tui_layout(t);
	return t;
}

/* (Re)create the windows for the current terminal size. */
static void
tui_layout(struct tui *t)
{
	WINDOW **w[] = { &t->top, &t->tabs, &t->body, &t->status, &t->keys };
	size_t i;

	for (i = 0; i < TUI_NKEYS(w); i++) {
		if (*w[i] != NULL)
			delwin(*w[i]);
		*w[i] = NULL;
	}
	t->dirty = D_ALL;
	t->small = LINES < MIN_ROWS || COLS < MIN_COLS;
	/*
	 * stdscr is drawn on only while the terminal is too small; else it
	 * is one cell, not a screenful of them (53 KiB at 80x24).
	 */
	wresize(stdscr, t->small ? LINES : 1, t->small ? COLS : 1);
	if (t->small)
		return;
	t->top = newwin(1, COLS, 0, 0);
	t->tabs = newwin(1, COLS, 1, 0);
	t->body = newwin(LINES - 4, COLS, 2, 0);
	t->status = newwin(1, COLS, LINES - 2, 0);
	t->keys = newwin(1, COLS, LINES - 1, 0);
	keypad(t->keys, TRUE);
}

void
tui_close(struct tui *t)
{
	WINDOW *w[5];
	size_t i;

	if (t == NULL)
		return;
	set_term(t->scr);
	w[0] = t->top, w[1] = t->tabs, w[2] = t->body;
	w[3] = t->status, w[4] = t->keys;
	for (i = 0; i < TUI_NKEYS(w); i++)
		if (w[i] != NULL)
			delwin(w[i]);
	endwin();
	delscreen(t->scr);
	if (tui_current == t) {
		tui_current = NULL;
		fatal_set_cleanup(NULL);
	}
	free(t->term);
	free(t);
}

const char *
tui_term(const struct tui *t)
{
	return t->term;
}

int64_t
tui_last_key_ms(const struct tui *t)
{
	return t->last_key;
}

void
tui_denied(struct tui *t, int perm, const char *what)
{
	if (t != NULL && t->ops != NULL && t->ops->denied != NULL)
		t->ops->denied(t->app, perm, what);
}

int
tui_allowed(const struct tui *t, int perm)
{
	if (perm < 0 || t == NULL || t->ops == NULL || t->ops->allowed == NULL)
		return 1;
	return t->ops->allowed(t->app, perm) != 0;
}

void
tui_status(struct tui *t, int level, const char *fmt, ...)
{
	char raw_msg[sizeof(t->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw_msg, sizeof(raw_msg), fmt, ap);
	va_end(ap);
	str_sanitize(t->msg, sizeof(t->msg), raw_msg);
	t->msg_level = level;
	t->msg_until = clock_mono_ms() + STATUS_MS;
	t->dirty |= D_STATUS;
}

/* The current screen, or NULL outside tui_run(). */
static const struct tui_screen *
tui_screen(const struct tui *t)
{
	return t->screens != NULL ? t->screens[t->cur] : NULL;
}

/* Index of the nth (from 0) screen the user may use, or -1. */
static int
tui_nth_allowed(const struct tui *t, size_t nth)
{
	size_t i;

	for (i = 0; i < t->nscreens; i++)
		if (tui_allowed(t, t->screens[i]->perm) && nth-- == 0)
			return (int)i;
	return -1;
}

/* Repaint the tabs from the allowed screens. */
static void
tui_paint_tabs(struct tui *t)
{
	const char *titles[MAX_TABS];
	size_t n = 0, cur = MAX_TABS;
	int i;

	while (n < MAX_TABS && (i = tui_nth_allowed(t, n)) >= 0) {
		if ((size_t)i == t->cur)
			cur = n;
		titles[n++] = t->screens[i]->title;
	}
	tui_bars_tabs(t->tabs, titles, n, cur);
}

/* Repaint and copy out every dirty window (no doupdate). */
static void
tui_paint(struct tui *t)
{
	const struct tui_screen *s = tui_screen(t);
	WINDOW *w[] = { t->top, t->tabs, t->body, t->status, t->keys };
	size_t i;

	if (t->small) {
		if (t->dirty != 0) {
			tui_bars_small(stdscr, MIN_COLS, MIN_ROWS);
			wnoutrefresh(stdscr);
		}
		t->dirty = 0;
		return;
	}
	if (t->dirty & D_TOP)
		tui_bars_line(t->top, t->top_text, TUI_TITLE);
	if (t->dirty & D_TABS)
		tui_paint_tabs(t);
	if (t->dirty & D_BODY) {
		werase(t->body);
		if (s != NULL && s->draw != NULL)
			s->draw(t, t->body, t->app);
	}
	if (t->dirty & D_STATUS)
		tui_bars_status(t->status, t->msg_level, t->msg);
	if ((t->dirty & D_KEYS) && s != NULL)
		tui_bars_keys(t->keys, t, s->keys, s->nkeys);
	else if (t->dirty & D_KEYS)	/* outside tui_run: no keys to offer */
		werase(t->keys);
	for (i = 0; i < TUI_NKEYS(w); i++)
		if (t->dirty & (1 << i))
			wnoutrefresh(w[i]);
	t->dirty = 0;
}

/* Ask the current screen for fresh data; errors go to the status line. */
static void
tui_reload(struct tui *t)
{
	const struct tui_screen *s = tui_screen(t);
	int rc;

	if (s != NULL && s->load != NULL && (rc = s->load(t, t->app)) < 0)
		tui_status(t, TUI_ERROR, "%s", err_str(rc));
	t->last_load = clock_mono_ms();
	t->reload_due = 0;
	t->dirty |= D_BODY;
}

/*
 * A reload the tick wants. Only while the main loop waits for a key: a
 * handler, and the dialog or form it runs, may hold pointers into the
 * screen's rows (the selected station, the customer shown), so the rows
 * are not replaced under it; the reload is done when it returns.
 */
static void
tui_reload_soon(struct tui *t)
{
	if (t->idle)
		tui_reload(t);
	else
		t->reload_due = 1;
}

/*
 * Periodic work: status expiry, the app's tick, then the top bar text
 * (after the tick, so it shows what the tick found changed).
 */
static void
tui_tick(struct tui *t)
{
	char text[sizeof(t->top_text)];
	const struct tui_screen *s;
	int64_t now = clock_mono_ms();

	t->last_tick = now;
	if (t->msg[0] != '\0' && now >= t->msg_until) {
		t->msg[0] = '\0';
		t->dirty |= D_STATUS;
	}
	if (t->ops == NULL)
		return;
	if (t->ops->tick != NULL) {
		switch (t->ops->tick(t, t->app)) {
		case TUI_TICK_CHANGED:
			tui_reload_soon(t);
			break;
		case TUI_TICK_QUIT:
			t->quit = 2;
			break;
		}
	}
	s = tui_screen(t);
	if (t->quit == 0 && s != NULL && s->refresh_ms > 0 &&
	    now - t->last_load >= s->refresh_ms)
		tui_reload_soon(t);
	if (t->ops->top != NULL) {
		text[0] = '\0';
		t->ops->top(t->app, text, sizeof(text));
		if (strcmp(text, t->top_text) != 0) {
			memcpy(t->top_text, text, sizeof(text));
			t->dirty |= D_TOP;
		}
	}
}

/* get_wch's result as one int key, Enter and Backspace normalized. */
static int
tui_key_code(int rc, wint_t wch)
{
	if (rc == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return TUI_KEY_ENTER;
		return TUI_FKEY((int)wch);
	}
	if (wch == '\n')
		return TUI_KEY_ENTER;
	if (wch == 0x7f || wch == 0x08)
		return TUI_KEY_BACKSPACE;
	return (int)wch;
}

/* Keys the loop takes before anyone else: resize, redraw, too small. */
static int
tui_key_filter(struct tui *t, int key)
{
	if (key == TUI_KEY_RESIZE) {
		tui_layout(t);
		return TUI_KEY_NONE;
	}
	if (key == TUI_KEY_CTRL('L')) {
		clearok(curscr, TRUE);
		t->dirty = D_ALL;
		return TUI_KEY_NONE;
	}
	if (t->small) {
		if (key == 'q' || key == TUI_KEY_F(10)) {
			t->quit = 1;
			return TUI_KEY_ABORT;
		}
		return TUI_KEY_NONE;
	}
	return key;
}

int
tui_modal_key(struct tui *t)
{
	int tick_ms = t->ops != NULL && t->ops->tick_ms > 0 ?
	    t->ops->tick_ms : TICK_MS;
	WINDOW *in = t->small ? stdscr : t->keys;
	wint_t wch = 0;
	int rc;

	if (t->quit)
		return TUI_KEY_ABORT;
	doupdate();
	/* keypad() writes the keypad mode to the terminal each call: once. */
	if (!is_keypad(in))
		keypad(in, TRUE);
	wtimeout(in, tick_ms);
	rc = wget_wch(in, &wch);
	if (rc == ERR || clock_mono_ms() - t->last_tick >= tick_ms)
		tui_tick(t);
	if (t->quit)
		return TUI_KEY_ABORT;
	if (rc == ERR)
		return TUI_KEY_NONE;
	t->last_key = clock_mono_ms();
	if (t->msg[0] != '\0') {
		t->msg[0] = '\0';
		t->dirty |= D_STATUS;
	}
	return tui_key_filter(t, tui_key_code(rc, wch));
}

int
tui_modal_paint(struct tui *t)
{
	tui_paint(t);
	return !t->small;
}

void
tui_modal_done(struct tui *t)
{
	t->dirty = D_ALL;
}

/* Leave the current screen for screen i (enter, load, repaint all). */
static void
tui_switch(struct tui *t, size_t i)
{
	const struct tui_screen *s = tui_screen(t);

	if (s != NULL && s->leave != NULL)
		s->leave(t, t->app);
	t->cur = i;
	s = tui_screen(t);
	if (s->enter != NULL)
		s->enter(t, t->app);
	tui_reload(t);
	t->dirty = D_ALL;
}

int
tui_goto(struct tui *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nscreens; i++) {
		if (strcmp(t->screens[i]->name, name) != 0)
			continue;
		if (!tui_allowed(t, t->screens[i]->perm))
			return ERR_DENIED;
		if (i != t->cur)
			tui_switch(t, i);
		return 0;
	}
	return ERR_NOTFOUND;
}

/* Carry out what a handler asked for. */
static void
tui_act(struct tui *t, int action)
{
	switch (action) {
	case TUI_REDRAW:
		t->dirty |= D_BODY;
		break;
	case TUI_RELOAD:
		tui_reload(t);
		break;
	case TUI_QUIT:
		t->quit = 1;
		break;
	case TUI_DENIED:
		tui_status(t, TUI_ERROR, "Not allowed for your role.");
		break;
	}
}

/* One key in the main loop: global keys, the keymap, then key(). */
static void
tui_handle(struct tui *t, int key)
{
	const struct tui_screen *s = tui_screen(t);
	char *help;
	int action, i;

	if (key == TUI_KEY_F(1) || key == '?') {
		help = tui_keymap_help(t, s);
		tui_dialog_pager(t, "Help", help);
		free(help);
	} else if (key == 'q' || key == TUI_KEY_F(10)) {
		if (tui_dialog_confirm(t, "Log out", "Log out now?") == 1)
			t->quit = 1;
	} else if (key >= '1' && key <= '9') {
		if ((i = tui_nth_allowed(t, (size_t)(key - '1'))) >= 0 &&
		    (size_t)i != t->cur)
			tui_switch(t, (size_t)i);
	} else {
		action = tui_keymap_dispatch(t, s->keys, s->nkeys, key,
		    t->app);
		if (action == TUI_IGNORED && s->key != NULL)
			action = s->key(t, key, t->app);
		tui_act(t, action);
	}
}

int
tui_run(struct tui *t, const struct tui_app_ops *ops,
    const struct tui_screen *const *screens, size_t n, void *app)
{
	int key, i, rc;

	t->ops = ops;
	t->app = app;
	t->screens = screens;
	t->nscreens = n;
	t->quit = 0;
	if ((i = tui_nth_allowed(t, 0)) < 0) {
		t->screens = NULL;
		tui_dialog_message(t, "No screens",
		    "Your role has no screens here. Press a key to log out.");
		rc = ERR_DENIED;
		goto out;
	}
	t->cur = (size_t)i;
	if (screens[t->cur]->enter != NULL)
		screens[t->cur]->enter(t, app);
	tui_reload(t);
	tui_tick(t);
	t->dirty = D_ALL;
	while (!t->quit) {
		if (t->reload_due)
			tui_reload(t);
		tui_paint(t);
		t->idle = 1;
		key = tui_modal_key(t);
		t->idle = 0;
		if (key >= 0)
			tui_handle(t, key);
	}
	if (screens[t->cur]->leave != NULL)
		screens[t->cur]->leave(t, app);
	rc = t->quit == 2 ? 1 : 0;
	if (rc == 1 && t->msg[0] != '\0') {	/* let the reason be read */
		tui_paint(t);
		doupdate();
		napms(1500);
	}
out:
	t->screens = NULL;
	t->nscreens = 0;
	t->ops = NULL;
	t->app = NULL;
	t->quit = 0;
	return rc;
}

/*
 * tui.h -- the ncurses toolkit: terminal setup, the app loop, keys.
 *
 * The one header through which cafed includes curses. ncurses is global
 * state, so a process has at most one struct tui open (each SSH login has
 * its own UI process). Screens are const descriptors (struct tui_screen)
 * listed in top-bar order; each keymap entry (struct tui_key) serves
 * dispatch, the key bar and the help overlay alike.
 *
 * Layout: row 0 the top bar (the app's text), row 1 the screen tabs,
 * rows 2..LINES-3 the body, LINES-2 the status line, LINES-1 the key bar.
 */
#ifndef CAFED_TUI_H
#define CAFED_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct tui;

/*
 * Keys are ints: a Unicode code point, or a curses KEY_* code wrapped in
 * TUI_FKEY (the two ranges overlap otherwise). Enter, Backspace and
 * Delete arrive normalized to the constants below.
 */
#define TUI_FKEY(k)		(0x200000 | (k))
#define TUI_KEY_F(n)		TUI_FKEY(KEY_F(n))
#define TUI_KEY_CTRL(c)		((c) & 0x1f)
#define TUI_KEY_ENTER		'\r'
#define TUI_KEY_ESC		033
#define TUI_KEY_TAB		'\t'
#define TUI_KEY_BTAB		TUI_FKEY(KEY_BTAB)
#define TUI_KEY_UP		TUI_FKEY(KEY_UP)
#define TUI_KEY_DOWN		TUI_FKEY(KEY_DOWN)
#define TUI_KEY_LEFT		TUI_FKEY(KEY_LEFT)
#define TUI_KEY_RIGHT		TUI_FKEY(KEY_RIGHT)
#define TUI_KEY_PGUP		TUI_FKEY(KEY_PPAGE)
#define TUI_KEY_PGDN		TUI_FKEY(KEY_NPAGE)
#define TUI_KEY_HOME		TUI_FKEY(KEY_HOME)
#define TUI_KEY_END		TUI_FKEY(KEY_END)
#define TUI_KEY_INS		TUI_FKEY(KEY_IC)
#define TUI_KEY_DEL		TUI_FKEY(KEY_DC)
#define TUI_KEY_BACKSPACE	TUI_FKEY(KEY_BACKSPACE)
#define TUI_KEY_RESIZE		TUI_FKEY(KEY_RESIZE)

/* What tui_modal_key() returns when there is no key to act on. */
#define TUI_KEY_NONE		(-1)	/* timeout, resize or redraw: repaint */
#define TUI_KEY_ABORT		(-2)	/* the session ends: close the modal */

/* What a key handler asks the loop to do next (htop's HandlerResult). */
enum tui_action {
	TUI_IGNORED = 0,	/* not mine: try the next handler */
	TUI_HANDLED,		/* done, nothing changed on screen */
	TUI_REDRAW,		/* redraw the body */
	TUI_RELOAD,		/* call load(), then redraw */
	TUI_QUIT,		/* end tui_run() without asking */
	TUI_DENIED		/* the key exists, the user lacks its permission */
};

/* What tui_app_ops.tick returns. */
enum tui_tick {
	TUI_TICK_IDLE = 0,	/* nothing new */
	TUI_TICK_CHANGED,	/* data changed: reload and redraw the screen */
	TUI_TICK_QUIT		/* end the session (tui_status() says why) */
};

/* One key binding: the key bar, the help overlay and dispatch use it. */
struct tui_key {
	int		 key;
	const char	*label;	/* short, for the key bar: "Add" */
	const char	*help;	/* one line, for the help overlay */
	int		(*fn)(struct tui *, void *app);	/* NULL: key() does it */
	int		 perm;	/* -1: everyone; else asked of ops->allowed */
};

#define TUI_NKEYS(a)	(sizeof(a) / sizeof((a)[0]))

/* One screen; each screens/x.c exports one, const. Callbacks may be NULL. */
struct tui_screen {
	const char		*name;	/* for tui_goto() */
	const char		*title;	/* in the tabs and the help title */
	int			 perm;	/* -1: everyone */
	const struct tui_key	*keys;	/* the screen's own bindings */
	size_t			 nkeys;
	const struct tui_key	*widget_keys;	/* e.g. tui_table_keys, for help */
	size_t			 nwidget_keys;
	void	(*enter)(struct tui *, void *app);
	int	(*load)(struct tui *, void *app);	/* 0 or err.h code */
	void	(*draw)(struct tui *, WINDOW *body, void *app);	/* no input */
	int	(*key)(struct tui *, int key, void *app);	/* no drawing */
	void	(*leave)(struct tui *, void *app);
	/* Reload at least this often while shown, for what runs on the
	 * clock (time played, time left); 0: only when data changes. */
	int	  refresh_ms;
};

/* What the app provides to the loop; any member may be NULL/0. */
struct tui_app_ops {
	int	(*allowed)(void *app, int perm);	/* 1 if allowed */
	void	(*top)(void *app, char *buf, size_t size);	/* top bar */
	int	(*tick)(struct tui *, void *app);	/* enum tui_tick */
	/* A key the user lacks perm for was pressed (to audit it). */
	void	(*denied)(void *app, int perm, const char *what);
	int	  tick_ms;				/* 0: 250 */
};

/*
 * Take over the terminal on in/out: setlocale(LC_ALL, ""), unset LINES
 * and COLUMNS, newterm() with term, else "xterm-256color", "xterm",
 * "vt100"; colour unless NO_COLOR is set; ASCII line drawing unless the
 * codeset is UTF-8 and the terminal is not a vt*. Registers tui_close()
 * with fatal_set_cleanup(). Returns NULL if no terminal type works or a
 * tui is already open; free with tui_close().
 */
struct tui	*tui_open(FILE *in, FILE *out, const char *term);

/* Restore the terminal (endwin, delscreen) and free t; NULL is a no-op. */
void		 tui_close(struct tui *t);

/* The terminal type newterm() accepted; owned by t. */
const char	*tui_term(const struct tui *t);

/*
 * Run the screens (in top-bar order) until the user logs out (returns
 * 0), a handler returns TUI_QUIT (0), ops->tick returns TUI_TICK_QUIT
 * (returns 1), or no screen is allowed (ERR_DENIED, after a message).
 * ops, screens and app must outlive the call.
 */
int		 tui_run(struct tui *t, const struct tui_app_ops *ops,
		    const struct tui_screen *const *screens, size_t n,
		    void *app);

/*
 * Show a one-line message in the status line (sanitized); cleared after
 * 5 seconds or at the next key. level is a theme role: TUI_NORMAL,
 * TUI_SUCCESS, TUI_WARNING or TUI_ERROR (shown as "Error: ...").
 */
void		 tui_status(struct tui *t, int level, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* clock_mono_ms() of the last key press (or of tui_open). */
int64_t		 tui_last_key_ms(const struct tui *t);

/* Tell the app (ops->denied) that a key needing perm was refused. */
void		 tui_denied(struct tui *t, int perm, const char *what);

/* 1 if perm is -1 or ops->allowed says yes (or there is no ops->allowed). */
int		 tui_allowed(const struct tui *t, int perm);

/* Switch to the screen called name: 0, ERR_NOTFOUND or ERR_DENIED. */
int		 tui_goto(struct tui *t, const char *name);

/*
 * Modal building blocks (dialogs, forms, custom overlays), in a loop:
 *	for (;;) {
 *		if (tui_modal_paint(t)) { draw own window; wnoutrefresh(w); }
 *		key = tui_modal_key(t);
 *		if (key == TUI_KEY_ABORT) break; ...
 *	}
 *	tui_modal_done(t);
 * tui_modal_paint repaints what changed underneath and returns 1, or 0
 * while the terminal is too small (then draw nothing).
 */
int		 tui_modal_paint(struct tui *t);

/*
 * doupdate(), then wait for one key while running ticks, resizes and
 * Ctrl-L. Returns the key, TUI_KEY_NONE, or TUI_KEY_ABORT once the
 * session is ending (the caller closes its modal at once).
 */
int		 tui_modal_key(struct tui *t);

/* After a modal closed: repaint everything it covered. */
void		 tui_modal_done(struct tui *t);

#endif

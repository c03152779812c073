/*
 * check_tui.c -- the ncurses toolkit: keymap checks and pure helpers
 * without a terminal, then the real thing in tmux at a fixed size.
 *
 * With CHECK_TUI_DEMO set, this binary runs a small demo app on its
 * terminal instead of the tests (a constructor takes over before main);
 * the terminal tests start it that way inside a private tmux server.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "tests/lib/testlib.h"
#include "tui/dialog.h"
#include "tui/edit.h"
#include "tui/form.h"
#include "tui/keymap.h"
#include "tui/qr.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"
#include "tui/tui.h"

/* ---- the demo app ------------------------------------------------ */

struct demo {
	struct tui_table	*tab;
	int			 loads, ticks;
	int			 churn;	/* ticks left that say "changed" */
	int			 held;	/* 'w' was pressed */
};

static const struct tui_col demo_cols[] = {
	{ "#", 3, TUI_RIGHT }, { "Station", 0, TUI_LEFT },
	{ "State", 10, TUI_LEFT }, { "Time", 6, TUI_RIGHT },
};

static const char *
demo_need_text(const char *v, void *ctx)
{
	(void)ctx;
	return v[0] == '\0' ? "must not be empty" : NULL;
}

static const char *
demo_need_number(const char *v, void *ctx)
{
	(void)ctx;
	return v[0] == '\0' || strspn(v, "0123456789") != strlen(v) ?
	    "must be a whole number" : NULL;
}

static const struct tui_field demo_fields[] = {
	{ "Name", TUI_FIELD_TEXT, 20, demo_need_text },
	{ "Seats", TUI_FIELD_NUMBER, 3, demo_need_number },
	{ "PIN", TUI_FIELD_SECRET, 8, NULL },
};

static int
demo_open(struct tui *t, void *app)
{
	struct demo *d = app;
	int row = tui_table_selected(d->tab);

	tui_dialog_message(t, "Station", row < 0 ? "none" :
	    tui_table_cell(d->tab, (size_t)row, 1));
	return TUI_HANDLED;
}

static int
demo_add(struct tui *t, void *app)
{
	struct tui_form *f = tui_form_new("Add station", demo_fields,
	    TUI_NKEYS(demo_fields), app);
	const char *cells[4] = { "9", NULL, "free", "0:00" };
	struct demo *d = app;

	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		cells[1] = tui_form_value(f, 0);
		tui_table_add(d->tab, cells, TUI_FREE);
		tui_status(t, TUI_SUCCESS, "Added %s.", cells[1]);
	}
	tui_form_free(f);
	return TUI_REDRAW;
}

static int
demo_delete(struct tui *t, void *app)
{
	(void)t;
	(void)app;
	return TUI_REDRAW;
}

#define DEMO_URI "otpauth://totp/Cafe:alice?secret=" \
	"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Cafe"

static int
demo_qr(struct tui *t, void *app)
{
	(void)app;
	tui_qr_show(t, "Scan this with your authenticator", DEMO_URI,
	    "Secret:\nJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
	return TUI_REDRAW;
}

/*
 * w: a dialog over the rows while other terminals change the data (the
 * tick says "changed" three times): the rows must not be reloaded under
 * a handler that may hold pointers into them; after it, they are.
 */
static int
demo_hold(struct tui *t, void *app)
{
	struct demo *d = app;
	int before = d->loads;

	d->held = 1;
	d->churn = 3;
	tui_dialog_confirm(t, "Hold", "Rows must stay put.");
	tui_status(t, TUI_SUCCESS, "Reloads while held: %d",
	    d->loads - before);
	return TUI_REDRAW;
}

static const struct tui_key demo_keys[] = {
	{ TUI_KEY_ENTER, "Open", "Show the selected station", demo_open, -1 },
	{ 'a', "Add", "Add a station", demo_add, 1 },
	{ 'd', "Delete", "Delete the station", demo_delete, 2 },
	{ 'r', "QR", "Show a QR code", demo_qr, -1 },
	{ 'w', "Hold", "A dialog while the data changes", demo_hold, -1 },
};

static int
demo_load(struct tui *t, void *app)
{
	static const char *const rows[][4] = {
		{ "1", "PC-01", "free", "0:00" },
		{ "2", "PC-02 Caf\xc3\xa9", "busy", "1:25" },
		{ "3", "Snack bar PC", "reserved", "0:10" },
		{ "4", "Console \xe6\x97\xa5\xe6\x9c\xac", "offline", "-" },
	};
	static const int roles[] = { TUI_FREE, TUI_BUSY, TUI_RESERVED,
	    TUI_OFFLINE };
	struct demo *d = app;
	size_t i;

	(void)t;
	d->loads++;
	tui_table_clear(d->tab);
	for (i = 0; i < TUI_NKEYS(rows); i++)
		tui_table_add(d->tab, rows[i], roles[i]);
	return 0;
}

static void
demo_draw(struct tui *t, WINDOW *body, void *app)
{
	struct demo *d = app;
	int row = tui_table_selected(d->tab);
	char line[128];

	(void)t;
	snprintf(line, sizeof(line), "Loads: %d  Selected: %s", d->loads,
	    row < 0 ? "-" : tui_table_cell(d->tab, (size_t)row, 1));
	tui_text_put(body, 0, 1, getmaxx(body) - 2, line, TUI_LEFT);
	tui_table_draw(d->tab, body, 2, 1, getmaxy(body) - 2,
	    getmaxx(body) - 2);
}

static int
demo_key(struct tui *t, int key, void *app)
{
	return tui_table_key(((struct demo *)app)->tab, t, key);
}

static void
demo_users_draw(struct tui *t, WINDOW *body, void *app)
{
	(void)t;
	(void)app;
	mvwaddstr(body, 1, 1, "Users screen body");
}

static const struct tui_screen demo_stations = {
	.name = "stations", .title = "Stations", .perm = -1,
	.keys = demo_keys, .nkeys = TUI_NKEYS(demo_keys),
	.widget_keys = tui_table_keys, .nwidget_keys = TUI_TABLE_NKEYS,
	.load = demo_load, .draw = demo_draw, .key = demo_key,
};
static const struct tui_screen demo_audit = {
	.name = "audit", .title = "Audit", .perm = 2, .draw = demo_users_draw,
};
static const struct tui_screen demo_users = {
	.name = "users", .title = "Users", .perm = 1, .draw = demo_users_draw,
};

static int
demo_allowed(void *app, int perm)
{
	(void)app;
	return perm != 2;
}

static struct tui *demo_tui;

static void
demo_top(void *app, char *buf, size_t size)
{
	struct demo *d = app;

	snprintf(buf, size, "Cafe Demo | alice | manager | term %s%s",
	    tui_term(demo_tui), d->held && d->churn == 0 ? " | churned" : "");
}

static int
demo_tick(struct tui *t, void *app)
{
	struct demo *d = app;

	if (++d->ticks == 4)
		return TUI_TICK_CHANGED;
	if (d->churn > 0) {
		d->churn--;
		return TUI_TICK_CHANGED;
	}
	if (d->ticks >= 240) {		/* a stuck test leaves nothing behind */
		tui_status(t, TUI_ERROR, "Demo time is up.");
		return TUI_TICK_QUIT;
	}
	return TUI_TICK_IDLE;
}

static void __attribute__((constructor))
demo_main(void)
{
	static const struct tui_app_ops ops = { .allowed = demo_allowed,
	    .top = demo_top, .tick = demo_tick };
	static const struct tui_screen *const screens[] = { &demo_stations,
	    &demo_audit, &demo_users };
	struct demo d = { 0 };
	int rc;

	if (getenv("CHECK_TUI_DEMO") == NULL)
		return;
	if ((demo_tui = tui_open(stdin, stdout, getenv("TERM"))) == NULL)
		exit(2);
	if (getenv("CHECK_TUI_TERM") != NULL) {	/* reopen with a bad one */
		tui_close(demo_tui);
		demo_tui = tui_open(stdin, stdout, getenv("CHECK_TUI_TERM"));
	}
	d.tab = tui_table_new(demo_cols, TUI_NKEYS(demo_cols));
	rc = tui_run(demo_tui, &ops, screens, TUI_NKEYS(screens), &d);
	tui_close(demo_tui);
	tui_table_free(d.tab);
	printf("demo exit %d\n", rc);
	exit(0);
}

/* ---- keymaps ------------------------------------------------------ */

START_TEST(test_keymap_valid)
{
	const char *why = NULL;

	ck_assert_int_eq(tui_keymap_validate(demo_keys, TUI_NKEYS(demo_keys),
	    &why), 0);
	ck_assert_int_eq(tui_keymap_validate(tui_table_keys, TUI_TABLE_NKEYS,
	    &why), 0);
	ck_assert_int_eq(tui_keymap_validate(tui_keymap_global,
	    tui_keymap_nglobal, &why), 0);
	ck_assert_ptr_null(why);
}
END_TEST

START_TEST(test_keymap_duplicate)
{
	static const struct tui_key bad[] = {
		{ 'a', "Add", "Add one", NULL, -1 },
		{ 'e', "Edit", "Edit one", NULL, -1 },
		{ 'a', "Again", "Add another", NULL, -1 },
	};
	const char *why = NULL;

	ck_assert_int_eq(tui_keymap_validate(bad, 3, &why), ERR_INVALID);
	ck_assert_str_eq(why, "entry 2 (a) repeats an earlier key");
}
END_TEST

START_TEST(test_keymap_missing_text)
{
	static const struct tui_key nolabel[] = {
		{ 'a', "", "Add one", NULL, -1 },
	};
	static const struct tui_key nohelp[] = {
		{ 'a', "Add", "Add one", NULL, -1 },
		{ TUI_KEY_F(5), "Refresh", NULL, NULL, -1 },
	};
	const char *why = NULL;

	ck_assert_int_eq(tui_keymap_validate(nolabel, 1, &why), ERR_INVALID);
	ck_assert_str_eq(why, "entry 0 (a) has no label");
	ck_assert_int_eq(tui_keymap_validate(nohelp, 2, &why), ERR_INVALID);
	ck_assert_str_eq(why, "entry 1 (F5) has no help text");
}
END_TEST

START_TEST(test_keymap_global_taken)
{
	static const struct tui_key q[] = { { 'q', "Queue", "Queue", NULL,
	    -1 } };
	static const struct tui_key five[] = { { '5', "Five", "Five", NULL,
	    -1 } };
	const char *why = NULL;

	ck_assert_int_eq(tui_keymap_validate(q, 1, &why), ERR_INVALID);
	ck_assert_str_eq(why, "entry 0 (q) takes a global key");
	ck_assert_int_eq(tui_keymap_validate(five, 1, NULL), ERR_INVALID);
}
END_TEST

START_TEST(test_keymap_screen_shadows_widget)
{
	static const struct tui_key keys[] = {
		{ 'a', "Add", "Add one", NULL, -1 },
		{ 'n', "New", "New one", NULL, -1 },
	};
	struct tui_screen s = demo_stations;
	const char *why = NULL;

	ck_assert_int_eq(tui_keymap_validate_screen(&s, &why), 0);
	s.keys = keys;
	s.nkeys = TUI_NKEYS(keys);
	ck_assert_int_eq(tui_keymap_validate_screen(&s, &why), ERR_INVALID);
	ck_assert_str_eq(why, "entry 1 (n) shadows a widget key");
}
END_TEST

START_TEST(test_keymap_names)
{
	char buf[32];

	ck_assert_str_eq(tui_keymap_name(TUI_KEY_F(10), buf, 32), "F10");
	ck_assert_str_eq(tui_keymap_name(TUI_KEY_ENTER, buf, 32), "Enter");
	ck_assert_str_eq(tui_keymap_name(TUI_KEY_CTRL('L'), buf, 32),
	    "Ctrl-L");
	ck_assert_str_eq(tui_keymap_name(TUI_KEY_PGDN, buf, 32), "PgDn");
	ck_assert_str_eq(tui_keymap_name(0xe9, buf, 32), "\xc3\xa9");
}
END_TEST

/* ---- text fitting ------------------------------------------------- */

static void
utf8_locale(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	tui_theme_init(0, 0);
}

START_TEST(test_fit_ascii_truncates)
{
	char out[64];

	ck_assert_int_eq(tui_text_fit(out, sizeof(out), "hello world", 5, 1),
	    5);
	ck_assert_str_eq(out, "hell~");
	ck_assert_int_eq(tui_text_fit(out, sizeof(out), "hello", 5, 1), 5);
	ck_assert_str_eq(out, "hello");
	ck_assert_int_eq(tui_text_fit(out, sizeof(out), "Caf\xc3\xa9", 9, 1),
	    4);
	ck_assert_str_eq(out, "Caf?");
}
END_TEST

START_TEST(test_fit_wide_chars)
{
	const char *nihongo = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
	char out[64];

	utf8_locale();
	ck_assert_int_eq(tui_text_width(nihongo), 6);
	ck_assert_int_eq(tui_text_fit(out, sizeof(out), nihongo, 6, 0), 6);
	ck_assert_str_eq(out, nihongo);
	ck_assert_int_eq(tui_text_fit(out, sizeof(out), nihongo, 5, 0), 5);
	ck_assert_str_eq(out, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	ck_assert_int_eq(tui_text_fit(out, sizeof(out), nihongo, 4, 0), 3);
	ck_assert_str_eq(out, "\xe6\x97\xa5\xe2\x80\xa6");
}
END_TEST

START_TEST(test_fit_sanitizes)
{
	char out[64];

	tui_text_fit(out, sizeof(out), "a\x1b[2Jb\n", 20, 0);
	ck_assert_str_eq(out, "a?[2Jb?");
}
END_TEST

/* ---- line editor -------------------------------------------------- */

static void
type(struct tui_edit *e, const char *s)
{
	for (; *s != '\0'; s++)
		tui_edit_key(e, (unsigned char)*s);
}

START_TEST(test_edit_keys)
{
	struct tui_edit *e = tui_edit_new(0);

	type(e, "hllo");
	tui_edit_key(e, TUI_KEY_HOME);
	tui_edit_key(e, TUI_KEY_RIGHT);
	tui_edit_key(e, 0xe9);
	ck_assert_str_eq(tui_edit_text(e), "h\xc3\xa9llo");
	ck_assert_uint_eq(tui_edit_cursor(e), 2);
	tui_edit_key(e, TUI_KEY_BACKSPACE);
	ck_assert_str_eq(tui_edit_text(e), "hllo");
	tui_edit_key(e, TUI_KEY_DEL);
	ck_assert_str_eq(tui_edit_text(e), "hlo");
	tui_edit_key(e, TUI_KEY_END);
	tui_edit_key(e, TUI_KEY_LEFT);
	tui_edit_key(e, TUI_KEY_CTRL('U'));
	ck_assert_str_eq(tui_edit_text(e), "o");
	ck_assert_uint_eq(tui_edit_cursor(e), 0);
	ck_assert_int_eq(tui_edit_key(e, TUI_KEY_F(2)), 0);
	ck_assert_int_eq(tui_edit_key(e, 0x1b), 0);
	tui_edit_free(e);
}
END_TEST

START_TEST(test_edit_max_and_set)
{
	struct tui_edit *e = tui_edit_new(3);

	type(e, "abcd");
	ck_assert_str_eq(tui_edit_text(e), "abc");
	tui_edit_set(e, "\xc3\xa9t\xc3\xa9s\x1b");
	ck_assert_str_eq(tui_edit_text(e), "\xc3\xa9t\xc3\xa9");
	ck_assert_uint_eq(tui_edit_cursor(e), 3);
	tui_edit_key(e, TUI_KEY_BACKSPACE);
	ck_assert_str_eq(tui_edit_text(e), "\xc3\xa9t");
	tui_edit_free(e);
}
END_TEST

START_TEST(test_edit_view_scrolls)
{
	struct tui_edit *e = tui_edit_new(0);
	char out[64];
	int col;

	utf8_locale();
	type(e, "abcdefghijklmnop");
	col = tui_edit_view(e, 10, 0, out, sizeof(out));
	ck_assert_int_eq(col, 9);
	ck_assert_str_eq(out, "hijklmnop");
	tui_edit_key(e, TUI_KEY_HOME);
	col = tui_edit_view(e, 10, 1, out, sizeof(out));
	ck_assert_int_eq(col, 0);
	ck_assert_str_eq(out, "*********\xe2\x80\xa6");
	tui_edit_free(e);
}
END_TEST

/* ---- form state machine ------------------------------------------- */

START_TEST(test_form_validates_and_submits)
{
	struct tui_form *f = tui_form_new("Add", demo_fields, 3, NULL);

	ck_assert_int_eq(tui_form_key(f, TUI_KEY_ENTER), TUI_DIALOG_MORE);
	ck_assert_uint_eq(tui_form_focus(f), 0);
	ck_assert_str_eq(tui_form_error(f, 0), "must not be empty");
	ck_assert_str_eq(tui_form_error(f, 1), "must be a whole number");
	tui_form_key(f, 'q');
	tui_form_key(f, '7');
	ck_assert_ptr_null(tui_form_error(f, 0));
	tui_form_key(f, TUI_KEY_TAB);
	tui_form_key(f, 'x');		/* refused in a number field */
	tui_form_key(f, '1');
	tui_form_key(f, '2');
	tui_form_key(f, TUI_KEY_BTAB);
	ck_assert_uint_eq(tui_form_focus(f), 0);
	ck_assert_int_eq(tui_form_key(f, TUI_KEY_ENTER), TUI_FORM_SUBMIT);
	ck_assert_str_eq(tui_form_value(f, 0), "q7");
	ck_assert_str_eq(tui_form_value(f, 1), "12");
	ck_assert_int_eq(tui_form_key(f, TUI_KEY_ESC), TUI_FORM_CANCEL);
	tui_form_free(f);
}
END_TEST

/* ---- table selection, scrolling, search --------------------------- */

static struct tui_table *
table_of(int n)
{
	struct tui_table *t = tui_table_new(demo_cols, 4);
	const char *cells[4] = { "1", NULL, "free", "0:00" };
	static const char *const names[] = { "alpha", "beta", "gamma",
	    "alphabet" };
	int i;

	for (i = 0; i < n; i++) {
		cells[1] = names[i % 4];
		tui_table_add(t, cells, TUI_NORMAL);
	}
	return t;
}

START_TEST(test_table_scrolls)
{
	struct tui_table *t = table_of(20);
	int i;

	tui_table_set_page(t, 5);
	ck_assert_int_eq(tui_table_key(t, NULL, TUI_KEY_UP), TUI_HANDLED);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(tui_table_key(t, NULL, 'j'), TUI_REDRAW);
	ck_assert_int_eq(tui_table_selected(t), 6);
	ck_assert_int_eq(tui_table_top(t), 2);
	tui_table_key(t, NULL, TUI_KEY_PGDN);
	ck_assert_int_eq(tui_table_selected(t), 11);
	ck_assert_int_eq(tui_table_top(t), 7);
	tui_table_key(t, NULL, TUI_KEY_END);
	ck_assert_int_eq(tui_table_selected(t), 19);
	ck_assert_int_eq(tui_table_top(t), 15);
	tui_table_key(t, NULL, TUI_KEY_PGUP);
	ck_assert_int_eq(tui_table_selected(t), 14);
	ck_assert_int_eq(tui_table_top(t), 14);
	tui_table_key(t, NULL, TUI_KEY_HOME);
	ck_assert_int_eq(tui_table_selected(t), 0);
	ck_assert_int_eq(tui_table_top(t), 0);
	ck_assert_int_eq(tui_table_key(t, NULL, 'x'), TUI_IGNORED);
	tui_table_free(t);
}
END_TEST

START_TEST(test_table_reload_clamps)
{
	struct tui_table *t = table_of(20);
	const char *cells[4] = { "1", "\x1b[2J", NULL, NULL };

	tui_table_select(t, 12);
	tui_table_clear(t);
	ck_assert_int_eq(tui_table_selected(t), -1);
	tui_table_add(t, cells, TUI_BUSY);
	ck_assert_int_eq(tui_table_selected(t), 0);
	ck_assert_str_eq(tui_table_cell(t, 0, 1), "?[2J");
	ck_assert_str_eq(tui_table_cell(t, 0, 3), "");
	ck_assert_ptr_null(tui_table_cell(t, 1, 0));
	tui_table_free(t);
}
END_TEST

START_TEST(test_table_search)
{
	struct tui_table *t = table_of(8);

	ck_assert_int_eq(tui_table_find(t, "ALP", 1), 3);
	ck_assert_int_eq(tui_table_key(t, NULL, 'n'), TUI_REDRAW);
	ck_assert_int_eq(tui_table_selected(t), 4);
	tui_table_key(t, NULL, 'N');
	ck_assert_int_eq(tui_table_selected(t), 3);
	tui_table_key(t, NULL, 'N');
	ck_assert_int_eq(tui_table_selected(t), 0);
	tui_table_key(t, NULL, 'N');
	ck_assert_int_eq(tui_table_selected(t), 7);
	ck_assert_int_eq(tui_table_find(t, "delta", 1), -1);
	ck_assert_int_eq(tui_table_selected(t), 7);
	tui_table_free(t);
}
END_TEST

/* ---- QR ----------------------------------------------------------- */

START_TEST(test_qr_size)
{
	const char *uri = DEMO_URI;
	int rows = 0, cols = 0;

	ck_assert_uint_le(strlen(uri), 78);
	tui_theme_init(0, 0);
	ck_assert_int_eq(tui_qr_size(uri, &rows, &cols), 0);
	ck_assert_int_eq(rows, 19);
	ck_assert_int_eq(cols, 37);
	tui_theme_init(1, 0);
	ck_assert_int_eq(tui_qr_size(uri, &rows, &cols), 0);
	ck_assert_int_eq(rows, 37);
	ck_assert_int_eq(cols, 74);
	ck_assert_int_eq(tui_qr_size("", &rows, &cols), ERR_INVALID);
}
END_TEST

/* ---- a real terminal: the demo in tmux ---------------------------- */

#define WAIT_MS		8000
#define SCREEN_MAX	65536

static char	*tm_dir;
static char	 tm_sock[PATH_MAX], tm_conf[PATH_MAX], tm_exe[PATH_MAX];
static char	 screen[SCREEN_MAX];

/* Run argv, its stdout into out (NULL: dropped); returns its status. */
static int
run(const char *const argv[], char *out, size_t size)
{
	char sink[4096];
	size_t n = 0;
	ssize_t r;
	int fd[2], status;
	pid_t pid;

	ck_assert_int_eq(pipe(fd), 0);
	if ((pid = fork()) == 0) {	/* a tmux server keeps its stdout */
		dup2(out != NULL ? fd[1] : open("/dev/null", O_WRONLY), 1);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		if (out != NULL && n + 1 < size)
			r = read(fd[0], out + n, size - n - 1);
		else
			r = read(fd[0], sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out != NULL && n + 1 < size)
			n += (size_t)r;
	}
	close(fd[0]);
	if (out != NULL)
		out[n] = '\0';
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
tm_setup(void)
{
	FILE *f;
	ssize_t n;

	tm_dir = test_tmpdir();
	snprintf(tm_sock, sizeof(tm_sock), "%s/sock", tm_dir);
	snprintf(tm_conf, sizeof(tm_conf), "%s/tmux.conf", tm_dir);
	ck_assert_ptr_nonnull(f = fopen(tm_conf, "w"));
	fputs("set -g status off\n", f);
	fclose(f);
	n = readlink("/proc/self/exe", tm_exe, sizeof(tm_exe) - 1);
	ck_assert_int_gt(n, 0);
	tm_exe[n] = '\0';
	setenv("LC_ALL", "C.UTF-8", 1);		/* for tmux itself */
}

static void
tm_teardown(void)
{
	const char *argv[] = { "tmux", "-S", tm_sock, "kill-server", NULL };

	run(argv, NULL, 0);
	test_rmtree(tm_dir);
	free(tm_dir);
}

/* Start the demo at w x h with extra environment (VAR=value ...). */
static void
tm_start(const char *env, int w, int h)
{
	char cmd[2 * PATH_MAX], ws[16], hs[16];
	const char *argv[] = { "tmux", "-S", tm_sock, "-f", tm_conf, "new-session",
	    "-d", "-s", "demo", "-x", ws, "-y", hs, cmd, NULL };

	snprintf(ws, sizeof(ws), "%d", w);
	snprintf(hs, sizeof(hs), "%d", h);
	snprintf(cmd, sizeof(cmd), "env -u NO_COLOR -u LC_ALL -u LC_CTYPE "
	    "CHECK_TUI_DEMO=1 LANG=C.UTF-8 %s %s; sleep 10", env, tm_exe);
	ck_assert_int_eq(run(argv, NULL, 0), 0);
}

/* Type keys (tmux key names: "q", "Enter", "F1", "Escape", ...). */
static void
tm_keys(const char *key)
{
	const char *argv[] = { "tmux", "-S", tm_sock, "send-keys", "-t", "demo",
	    key, NULL };

	ck_assert_int_eq(run(argv, NULL, 0), 0);
}

static void
tm_resize(int w, int h)
{
	char ws[16], hs[16];
	const char *argv[] = { "tmux", "-S", tm_sock, "resize-window", "-t", "demo",
	    "-x", ws, "-y", hs, NULL };

	snprintf(ws, sizeof(ws), "%d", w);
	snprintf(hs, sizeof(hs), "%d", h);
	ck_assert_int_eq(run(argv, NULL, 0), 0);
}

/* The pane's text (with attributes and colours as SGR if escapes). */
static const char *
tm_capture(int escapes)
{
	const char *argv[] = { "tmux", "-S", tm_sock, "capture-pane", "-p", "-t",
	    "demo", escapes ? "-e" : NULL, NULL };

	run(argv, screen, sizeof(screen));
	return screen;
}

/* Wait until needle is (want 1) or is not (want 0) on screen. */
static int
tm_wait(const char *needle, int want)
{
	int64_t end = clock_mono_ms() + WAIT_MS;

	do {
		if ((strstr(tm_capture(0), needle) != NULL) == want)
			return 1;
		usleep(30 * 1000);
	} while (clock_mono_ms() < end);
	return 0;
}

#define SEE(s)	ck_assert_msg(tm_wait((s), 1), "no \"%s\" in:\n%s", (s), screen)
#define GONE(s)	ck_assert_msg(tm_wait((s), 0), "still \"%s\" in:\n%s", (s), \
		    screen)

START_TEST(test_term_key_bar)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	SEE("F1 Help  Enter Open  a Add  r QR  w Hold  F10 Quit");
	ck_assert_ptr_null(strstr(screen, "Delete"));
	SEE("\n 1 Stations   2 Users\n");
	ck_assert_ptr_null(strstr(screen, "Audit"));
	SEE("Cafe Demo | alice | manager | term xterm");
	SEE("PC-02 Caf\xc3\xa9");
}
END_TEST

START_TEST(test_term_help_overlay)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	tm_keys("F1");
	SEE("Select the row below");
	SEE("1-9");
	tm_keys("End");
	SEE("Show the selected station");
	SEE("Add a station");
	ck_assert_ptr_null(strstr(screen, "Delete the station"));
	tm_keys("q");
	GONE("Show the selected station");
	SEE("F10 Quit");
}
END_TEST

START_TEST(test_term_too_small)
{
	tm_start("TERM=xterm", 60, 20);
	SEE("Terminal too small: need 80x24, have 60x20.");
	SEE("Resize or press q.");
	tm_resize(80, 24);
	SEE("F10 Quit");
	ck_assert_ptr_null(strstr(screen, "too small"));
}
END_TEST

START_TEST(test_term_quit_asks)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	tm_keys("q");
	SEE("Log out now?");
	tm_keys("Enter");		/* No is the default */
	GONE("Log out now?");
	SEE("F10 Quit");
	tm_keys("F10");
	SEE("Log out now?");
	tm_keys("y");
	SEE("demo exit 0");
}
END_TEST

START_TEST(test_term_vt100_ascii)
{
	const unsigned char *p;

	tm_start("TERM=vt100", 80, 24);
	SEE("F10 Quit");
	tm_keys("Enter");
	SEE("+- Station -");
	SEE("PC-01");
	for (p = (const unsigned char *)screen; *p != '\0'; p++)
		ck_assert_msg(*p < 0x80, "non-ASCII byte in:\n%s", screen);
	ck_assert_ptr_nonnull(strstr(screen, "PC-02 Caf?"));
}
END_TEST

START_TEST(test_term_utf8_lines)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	tm_keys("Enter");
	SEE("\xe2\x94\x8c\xe2\x94\x80 Station ");
	SEE("\xe2\x94\x82 PC-01");
}
END_TEST

/* 1 if text holds an SGR sequence that sets a colour. */
static int
has_colour(const char *text)
{
	const char *p = text;
	long v;
	char *end;

	while ((p = strstr(p, "\033[")) != NULL) {
		for (p += 2; *p >= '0' && *p <= '9'; p = end + (*end == ';')) {
			v = strtol(p, &end, 10);
			if ((v >= 30 && v <= 38) || (v >= 40 && v <= 48) ||
			    (v >= 90 && v <= 107))
				return 1;
			if (*end != ';')
				break;
		}
	}
	return 0;
}

START_TEST(test_term_no_color)
{
	tm_start("TERM=xterm-256color NO_COLOR=1", 80, 24);
	SEE("F10 Quit");
	ck_assert_msg(!has_colour(tm_capture(1)), "colour in:\n%s", screen);
	ck_assert_ptr_nonnull(strstr(screen, "\033[7m"));	/* reverse */
}
END_TEST

START_TEST(test_term_colour)
{
	tm_start("TERM=xterm-256color", 80, 24);
	SEE("F10 Quit");
	ck_assert_msg(has_colour(tm_capture(1)), "no colour in:\n%s", screen);
}
END_TEST

START_TEST(test_term_screens_and_form)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	tm_keys("2");
	SEE("Users screen body");
	tm_keys("1");
	SEE("Loads:");
	tm_keys("a");
	SEE("Esc cancel");
	tm_keys("q");
	tm_keys("2");
	SEE("> Name");
	SEE("q2");
	ck_assert_ptr_nonnull(strstr(screen, "Esc cancel"));
	tm_keys("Enter");
	SEE("Error: Seats: must be a whole number");
	SEE("> Seats");
	tm_keys("Escape");
	GONE("Esc cancel");
	SEE("Loads:");
}
END_TEST

START_TEST(test_term_search_and_tick)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("Loads: 2");		/* the fourth tick said "changed" */
	tm_keys("/");
	SEE("\nSearch:");
	tm_keys("BAR");
	tm_keys("Enter");
	SEE("Selected: Snack bar PC");
	tm_keys("/");
	tm_keys("nothing");
	tm_keys("Enter");
	SEE("Not found: nothing");
	tm_keys("j");
	GONE("Not found");
	SEE("Selected: Console");
}
END_TEST

START_TEST(test_term_no_reload_under_a_dialog)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("Loads: 2");
	tm_keys("w");
	SEE("Rows must stay put.");
	SEE("| churned");		/* three "changed" ticks went by */
	tm_keys("n");
	SEE("Reloads while held: 0");
	SEE("Loads: 3");		/* the reload waited for the handler */
}
END_TEST

START_TEST(test_term_qr_half_blocks)
{
	tm_start("TERM=xterm", 80, 24);
	SEE("F10 Quit");
	tm_keys("r");
	SEE("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
	SEE("\xe2\x96\x80");		/* upper half block */
	ck_assert_ptr_nonnull(strstr(screen, "\xe2\x96\x84"));
	tm_keys("Enter");
	SEE("F10 Quit");
}
END_TEST

START_TEST(test_term_qr_ascii_too_big)
{
	tm_start("TERM=vt100", 80, 24);
	SEE("F10 Quit");
	tm_keys("r");
	SEE("too small for the QR code");
	SEE("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
}
END_TEST

START_TEST(test_term_unknown_term)
{
	tm_start("TERM=xterm CHECK_TUI_TERM=no-such-term", 80, 24);
	SEE("term xterm-256color");
	SEE("F10 Quit");
}
END_TEST

static Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("pure"), *term = tcase_create("terminal");

	tcase_add_test(tc, test_keymap_valid);
	tcase_add_test(tc, test_keymap_duplicate);
	tcase_add_test(tc, test_keymap_missing_text);
	tcase_add_test(tc, test_keymap_global_taken);
	tcase_add_test(tc, test_keymap_screen_shadows_widget);
	tcase_add_test(tc, test_keymap_names);
	tcase_add_test(tc, test_fit_ascii_truncates);
	tcase_add_test(tc, test_fit_wide_chars);
	tcase_add_test(tc, test_fit_sanitizes);
	tcase_add_test(tc, test_edit_keys);
	tcase_add_test(tc, test_edit_max_and_set);
	tcase_add_test(tc, test_edit_view_scrolls);
	tcase_add_test(tc, test_form_validates_and_submits);
	tcase_add_test(tc, test_table_scrolls);
	tcase_add_test(tc, test_table_reload_clamps);
	tcase_add_test(tc, test_table_search);
	tcase_add_test(tc, test_qr_size);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(term, tm_setup, tm_teardown);
	tcase_set_timeout(term, 60);
	tcase_add_test(term, test_term_key_bar);
	tcase_add_test(term, test_term_help_overlay);
	tcase_add_test(term, test_term_too_small);
	tcase_add_test(term, test_term_quit_asks);
	tcase_add_test(term, test_term_vt100_ascii);
	tcase_add_test(term, test_term_utf8_lines);
	tcase_add_test(term, test_term_no_color);
	tcase_add_test(term, test_term_colour);
	tcase_add_test(term, test_term_screens_and_form);
	tcase_add_test(term, test_term_search_and_tick);
	tcase_add_test(term, test_term_no_reload_under_a_dialog);
	tcase_add_test(term, test_term_qr_half_blocks);
	tcase_add_test(term, test_term_qr_ascii_too_big);
	tcase_add_test(term, test_term_unknown_term);
	suite_add_tcase(s, term);
	return s;
}

TEST_MAIN(tui_suite)

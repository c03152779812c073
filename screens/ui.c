/*
 * ui.c -- the TUI of one login: the top bar, the periodic checks (other
 * terminals' changes, an ended login, idle logout) and the screens.
 */
#include "screens/ui.h"

#include <stdio.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/login.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/user.h"
#include "screens/app.h"
#include "screens/enroll.h"
#include "screens/screens.h"
#include "screens/shift.h"
#include "tui/text.h"
#include "tui/theme.h"

#define TICK_MS		200	/* data_version polls: five a second */
#define CHECK_MS	2000	/* login_check even when nothing changed */
#define TOUCH_MS	10000	/* login_touch at most this often */

static int
ui_allowed(void *vapp, int perm)
{
	struct scr_app *app = vapp;

	return perm_has(app->ctx, perm);
}

/*
 * The shift part of the top bar. The cash desk fills it in ("shift 12
 * since 14:00"); returns 0 with text in buf, or -1 to show nothing.
 */
static int
ui_shift_text(struct scr_app *app, char *buf, size_t size)
{
	scr_shift_top(app, buf, size);
	return buf[0] != '\0' ? 0 : -1;
}

/* "Café │ alice (manager) │ shift … │ 14:05", the clock at the right. */
static void
ui_top(void *vapp, char *buf, size_t size)
{
	struct scr_app *app = vapp;
	const char *sep = tui_theme_ascii() ? " | " : " \xe2\x94\x82 ";
	int64_t now = clock_now();
	char shift[96];
	size_t len;
	int pad;

	if (now / 60 != app->minute) {
		app->minute = now / 60;
		scr_app_time(app, now, "%H:%M", app->top_clock,
		    sizeof(app->top_clock));
	}
	len = (size_t)snprintf(buf, size, " %s%s%s (%s)", app->cafe.name,
	    sep, app->ctx->actor.name, perm_role_name(app->ctx->actor.role));
	if (len < size && ui_shift_text(app, shift, sizeof(shift)) == 0)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
		    shift);
	if (len >= size)
		return;
	pad = COLS - tui_text_width(buf) - (int)strlen(app->top_clock) - 1;
	snprintf(buf + len, size - len, "%*s%s ", pad > 1 ? pad : 1, "",
	    app->top_clock);
}

/* Why login_check refused: a sentence for the status line. */
static const char *
ui_ended_why(struct scr_app *app)
{
	struct login_info li;
	struct user_info u;

	if (user_get(app->ctx->db, app->ctx->actor.user_id, &u) == 0 &&
	    u.disabled)
		return "Your account has been disabled.";
	if (login_get(app->ctx->db, app->ctx->actor.login_id, &li) == 0 &&
	    strcmp(li.end_reason, "killed") == 0)
		return "Your session has been ended.";
	return "This login has ended.";
}

/*
 * Follow changes to who we are: a new role takes effect at once (the
 * model checks the same role), the café's name and zone likewise.
 */
static void
ui_sync(struct tui *t, struct scr_app *app)
{
	struct user_info u;

	if (settings_cafe(app->ctx->db, &app->cafe) == 0)
		app->minute = -1;
	if (user_get(app->ctx->db, app->ctx->actor.user_id, &u) != 0 ||
	    u.role == app->ctx->actor.role)
		return;
	app->ctx->actor.role = u.role;
	tui_modal_done(t);	/* tabs and keys change: repaint all */
	tui_goto(t, "dashboard");
	tui_status(t, TUI_WARNING, "Your role is now %s.",
	    perm_role_name(u.role));
}

/* Idle logout: says so; ui_main ends the login row as "idle". */
static int
ui_idle(struct tui *t, struct scr_app *app)
{
	int secs = app->sess->idle_timeout;

	if (secs <= 0 ||
	    clock_mono_ms() - tui_last_key_ms(t) < (int64_t)secs * 1000)
		return 0;
	if (secs % 60 == 0)
		snprintf(app->bye, sizeof(app->bye), "Logged out after %d "
		    "minute%s idle.", secs / 60, secs == 60 ? "" : "s");
	else
		snprintf(app->bye, sizeof(app->bye), "Logged out after %d "
		    "seconds idle.", secs);
	tui_status(t, TUI_WARNING, "%s", app->bye);
	app->idle_out = 1;
	return 1;
}

/* Tell the login row we are active, at most every TOUCH_MS. */
static void
ui_touch(struct tui *t, struct scr_app *app, int64_t now)
{
	if (app->ctx->actor.login_id == 0 || now - app->last_touch_ms <
	    TOUCH_MS || tui_last_key_ms(t) <= app->last_touch_ms)
		return;
	app->last_touch_ms = now;
	login_touch(app->ctx, app->ctx->actor.login_id);
}

static int
ui_tick(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	int64_t now = clock_mono_ms(), v = app->data_version;
	int changed;

	if (app->leave_run)
		return TUI_TICK_QUIT;
	if (ui_idle(t, app))
		return TUI_TICK_QUIT;
	changed = db_data_version(app->ctx->db, &v) == 0 &&
	    v != app->data_version;
	app->data_version = v;
	if (changed || now - app->last_check_ms >= CHECK_MS) {
		app->last_check_ms = now;
		if (app->ctx->actor.login_id != 0 &&
		    login_check(app->ctx, app->ctx->actor.login_id) ==
		    ERR_STATE) {
			str_lcpy(app->bye, ui_ended_why(app),
			    sizeof(app->bye));
			tui_status(t, TUI_ERROR, "%s", app->bye);
			return TUI_TICK_QUIT;
		}
		if (changed)
			ui_sync(t, app);
	}
	ui_touch(t, app, now);
	return changed ? TUI_TICK_CHANGED : TUI_TICK_IDLE;
}

/* A key the user may not use: refused on screen and audited. */
static void
ui_denied(void *vapp, int perm, const char *what)
{
	struct scr_app *app = vapp;
	char why[64];

	snprintf(why, sizeof why, "lacks %s", perm_name(perm) != NULL ?
	    perm_name(perm) : "a permission");
	perm_deny(app->ctx, "key", "screen", what, why);
}

static const struct tui_app_ops ui_ops = {
	.allowed = ui_allowed,
	.denied = ui_denied,
	.top = ui_top,
	.tick = ui_tick,
	.tick_ms = TICK_MS,
};

int
ui_main(struct ui_session *sess)
{
	struct scr_app app;
	struct tui *t;
	int r = 0;

	memset(&app, 0, sizeof(app));
	app.ctx = sess->ctx;
	app.sess = sess;
	app.minute = -1;
	app.last_touch_ms = clock_mono_ms();
	if (settings_cafe(sess->ctx->db, &app.cafe) != 0) {
		str_lcpy(app.cafe.name, "cafed", sizeof(app.cafe.name));
		str_lcpy(app.cafe.timezone, "UTC", sizeof(app.cafe.timezone));
	}
	db_data_version(sess->ctx->db, &app.data_version);
	if ((t = tui_open(stdin, stdout, sess->term)) == NULL)
		return 1;
	if (!sess->enroll || scr_enroll_run(t, &app, &ui_ops) == 0)
		r = tui_run(t, &ui_ops, scr_screens, scr_screens_count, &app);
	tui_close(t);
	if (app.bye[0] != '\0') {	/* stays on the terminal after exit */
		printf("%s\r\n", app.bye);
		fflush(stdout);
	}
	/* Only now: the session process takes an ended row for a kill. */
	if (app.idle_out && sess->ctx->actor.login_id != 0)
		login_end(sess->ctx, sess->ctx->actor.login_id, "idle");
	scr_app_free(&app);
	return r < 0 ? 1 : 0;
}

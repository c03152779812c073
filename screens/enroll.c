/*
 * enroll.c -- first-login TOTP enrollment: QR code, base32 secret, one
 * code to confirm, then the recovery codes, shown once.
 *
 * The screen draws the QR code and the instructions into the body; the
 * code field is a modal loop started when the screen is entered, so
 * every key (digits included) goes to it and nothing else is reachable.
 * Ticks keep running inside it: idle logout and ended logins still work.
 */
#include "screens/enroll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/auth.h"
#include "model/ctx.h"
#include "model/totp.h"
#include "screens/app.h"
#include "screens/ui.h"
#include "tui/dialog.h"
#include "tui/edit.h"
#include "tui/qr.h"
#include "tui/text.h"
#include "tui/theme.h"

#define URI_FIXED	64	/* otpauth URI bytes besides issuer x2, account */
#define TEXT_MIN_W	40	/* columns the instructions need */
#define FIELD_ROW	9	/* body row of the code field */

enum { ENROLL_ACTIVE, ENROLL_DONE, ENROLL_LEFT };

struct enroll {
	struct scr_app	*app;
	unsigned char	 secret[TOTP_SECRET_LEN];
	char		 b32[TOTP_SECRET_B32_SIZE];
	char		 uri[160];
	int		 qr_rows, qr_cols;	/* 0: no QR code could be made */
	struct tui_edit	*code;
	char		 err[128];
	int		 outcome;
};

/* Where things go in a body of h x w: the QR code, then the text. */
struct enroll_layout {
	int	qr;		/* 1: the QR code fits at the left */
	int	tx, tw;		/* the text column */
};

/* Latin-1 letters U+00C0..U+00FF folded to ASCII (' ': dropped). */
static const char latin1_fold[] =
    "AAAAAAACEEEEIIIIDNOOOOO OUUUUY saaaaaaaceeeeiiiidnooooo ouuuuy y";

/* The café's name folded to ASCII words: "Café Central" "Cafe Central". */
static void
enroll_fold(const char *cafe, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)cafe;
	size_t n = 0;
	char c;

	for (; *p != '\0' && n + 1 < size; p++) {
		c = ' ';
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			c = latin1_fold[*++p - 0x80];
		if (c != ' ' || (n > 0 && out[n - 1] != ' '))
			out[n++] = c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

void
scr_enroll_issuer(const char *cafe, const char *account, char *out,
    size_t size)
{
	int max = (TOTP_URI_QR_MAX - URI_FIXED - (int)strlen(account)) / 2;
	char words[128], *w, *save = NULL;
	size_t n = 0, len;

	max = max < 1 ? 1 : max;
	if ((size_t)max >= size)
		max = (int)size - 1;
	enroll_fold(cafe, words, sizeof(words));
	out[0] = '\0';
	/* Whole words while they fit, else the first word cut short. */
	for (w = strtok_r(words, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		len = strlen(w);
		if (n + len > (size_t)max) {
			if (n == 0) {
				str_lcpy(out, w, (size_t)max + 1);
				n = strlen(out);
			}
			break;
		}
		memcpy(out + n, w, len + 1);
		n += len;
	}
	if (n == 0)
		str_lcpy(out, "cafed", (size_t)max + 1);
}

/* The QR code at the left if it fits beside the text, else text only. */
static void
enroll_layout(const struct enroll *e, int h, int w, struct enroll_layout *l)
{
	l->qr = e->qr_rows > 0 && e->qr_rows <= h &&
	    e->qr_cols + 2 + TEXT_MIN_W <= w;
	l->tx = l->qr ? e->qr_cols + 2 : 2;
	l->tw = w - l->tx - 1;
}

static const struct tui_screen enroll_screen;

static struct enroll *
enroll_state(struct scr_app *app)
{
	return scr_app_state(app, &enroll_screen, sizeof(struct enroll),
	    NULL);
}

static void
enroll_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct enroll *e = enroll_state(vapp);
	struct enroll_layout l;
	char key[2][24];
	int h, ww, y, i;
	const char *lines[] = {
		"Set up two-factor login", "",
		"1. Scan the code with an authenticator",
		"   app, or type this key into it:", "",
		key[0], key[1], "",
		"2. Type the 6-digit code it shows:",
		"", "", "",
		"Then you get 10 recovery codes: keep",
		"them safe, each works once.", "",
		"Enter confirm    Esc log out",
	};

	(void)t;
	getmaxyx(w, h, ww);
	enroll_layout(e, h, ww, &l);
	if (l.qr)
		tui_qr_draw(w, 0, 0, e->uri);
	for (i = 0; i < 2; i++)
		snprintf(key[i], sizeof(key[i]), "   %.4s %.4s %.4s %.4s",
		    e->b32 + 16 * i, e->b32 + 16 * i + 4, e->b32 + 16 * i + 8,
		    e->b32 + 16 * i + 12);
	for (y = 0; y < (int)TUI_NKEYS(lines) && y < h; y++) {
		wattrset(w, y == 0 ? A_BOLD : tui_theme_attr(TUI_NORMAL));
		tui_text_put(w, y, l.tx, l.tw, lines[y], TUI_LEFT);
	}
	if (!l.qr && h > (int)TUI_NKEYS(lines) + 1)
		tui_text_put(w, (int)TUI_NKEYS(lines) + 1, l.tx, l.tw,
		    "(No QR code on this terminal: type the key.)", TUI_LEFT);
	wattrset(w, A_NORMAL);
}

/* The code field and its error, over the body (which starts at row 2). */
static void
enroll_draw_field(const struct enroll *e)
{
	struct enroll_layout l;
	char view[32];
	int col;
	WINDOW *w;

	enroll_layout(e, LINES - 4, COLS, &l);
	if ((w = newwin(2, l.tw, 2 + FIELD_ROW, l.tx)) == NULL)
		return;
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	mvwaddstr(w, 0, 0, "   Code: ");
	col = tui_edit_view(e->code, 8, 0, view, sizeof(view));
	wattrset(w, A_UNDERLINE);
	tui_text_put(w, 0, 9, 8, view, TUI_LEFT);
	mvwchgat(w, 0, 9 + col, 1, A_REVERSE, 0, NULL);
	wattrset(w, tui_theme_attr(TUI_ERROR));
	tui_text_put(w, 1, 3, l.tw - 3, e->err, TUI_LEFT);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
	delwin(w);
}

/* The recovery codes, once, two to a line. */
static void
enroll_show_codes(struct tui *t, char codes[][TOTP_RECOVERY_SIZE])
{
	char text[1024];
	size_t len;
	int i;

	len = (size_t)snprintf(text, sizeof(text), "Two-factor login is set "
	    "up. These are your recovery codes:\n\n");
	for (i = 0; i < TOTP_RECOVERY_COUNT && len < sizeof(text); i += 2)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "      %s      %s\n", codes[i], codes[i + 1]);
	if (len < sizeof(text))
		snprintf(text + len, sizeof(text) - len, "\nEach works once "
		    "instead of a code, if the phone is lost.\nWrite them "
		    "down now; they will not be shown again.");
	tui_dialog_message(t, "Recovery codes", text);
	explicit_bzero(text, sizeof(text));
}

/* Check the typed code and store the secret; 1 when enrolled. */
static int
enroll_confirm(struct tui *t, struct enroll *e)
{
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	struct mctx *ctx = e->app->ctx;
	int64_t step;
	int r;

	r = totp_verify(e->secret, sizeof(e->secret), clock_now(),
	    tui_edit_text(e->code), -1, &step);
	if (r != 0) {
		snprintf(e->err, sizeof(e->err), "%s", r == ERR_AUTH ?
		    "Wrong code; type the one shown now." :
		    err_str(r));
		tui_edit_set(e->code, "");
		return 0;
	}
	if ((r = auth_totp_enroll(ctx, ctx->actor.user_id, e->secret,
	    sizeof(e->secret), step, codes)) != 0) {
		snprintf(e->err, sizeof(e->err), "Not saved: %s", err_str(r));
		return 0;
	}
	enroll_show_codes(t, codes);
	explicit_bzero(codes, sizeof(codes));
	return 1;
}

/* A key for the code field: digits and editing keys only. */
static void
enroll_type(struct enroll *e, int key)
{
	if (key < TUI_FKEY(0) && key >= 0x20 && key != ' ' &&
	    (key < '0' || key > '9'))
		return;
	if (tui_edit_key(e->code, key))
		e->err[0] = '\0';
}

/* The modal loop: every key goes to the code field until done. */
static void
enroll_loop(struct tui *t, void *vapp)
{
	struct enroll *e = enroll_state(vapp);
	int key;

	tui_modal_done(t);
	while (e->outcome == ENROLL_ACTIVE) {
		if (tui_modal_paint(t))
			enroll_draw_field(e);
		key = tui_modal_key(t);
		if (key == TUI_KEY_ABORT || key == TUI_KEY_ESC || key == 'q' ||
		    key == TUI_KEY_F(10))
			e->outcome = ENROLL_LEFT;
		else if (key == TUI_KEY_ENTER) {
			if (enroll_confirm(t, e))
				e->outcome = ENROLL_DONE;
		} else if (key == TUI_KEY_F(1) || key == '?')
			tui_dialog_message(t, "Help", "Install an authenticator "
			    "app on your phone (Google Authenticator,\nAegis, "
			    "FreeOTP, ...), scan the code or type the key, "
			    "then\ntype the 6 digits it shows and press Enter."
			    "\n\nEsc or q logs out without setting it up.");
		else if (key >= 0)
			enroll_type(e, key);
	}
	tui_modal_done(t);
	e->app->leave_run = 1;	/* the next tick ends this tui_run */
}

static const struct tui_screen enroll_screen = {
	.name = "enroll",
	.title = "Two-factor setup",
	.perm = -1,
	.enter = enroll_loop,
	.draw = enroll_draw,
};

/* A fresh secret, its base32, the URI and its QR code. */
static void
enroll_prepare(struct enroll *e, struct scr_app *app)
{
	char issuer[64];

	e->app = app;
	e->outcome = ENROLL_ACTIVE;
	totp_secret_new(e->secret);
	totp_base32_encode(e->secret, sizeof(e->secret), e->b32,
	    sizeof(e->b32));
	scr_enroll_issuer(app->cafe.name, app->ctx->actor.name, issuer,
	    sizeof(issuer));
	if (totp_uri(e->uri, sizeof(e->uri), issuer, app->ctx->actor.name,
	    e->b32) == 0)
		tui_qr_size(e->uri, &e->qr_rows, &e->qr_cols);
	e->code = tui_edit_new(TOTP_DIGITS + 1);
}

int
scr_enroll_run(struct tui *t, struct scr_app *app,
    const struct tui_app_ops *ops)
{
	const struct tui_screen *const screens[] = { &enroll_screen };
	struct enroll *e = enroll_state(app);
	int outcome;

	enroll_prepare(e, app);
	tui_run(t, ops, screens, 1, app);
	app->leave_run = 0;
	outcome = e->outcome;
	tui_edit_free(e->code);
	explicit_bzero(e, sizeof(*e));
	return outcome == ENROLL_DONE ? 0 : 1;
}

/*
 * auditview.c -- one audit event in full, and verifying the chain with
 * a progress bar.
 */
#include "screens/auditview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "screens/app.h"
#include "tui/dialog.h"
#include "tui/text.h"
#include "tui/theme.h"

#define LABEL_W		12	/* "Real time   " */
#define DETAIL_W	64	/* columns of text in the pager */
#define PROGRESS_MS	100	/* between progress repaints */

/* Append printf output to *buf. */
static void __attribute__((format(printf, 2, 3)))
av_add(char **buf, const char *fmt, ...)
{
	char *line, *old = *buf;
	va_list ap;

	va_start(ap, fmt);
	xvasprintf(&line, fmt, ap);
	va_end(ap);
	xasprintf(buf, "%s%s", old != NULL ? old : "", line);
	free(old);
	free(line);
}

/* Bytes of the longest prefix of s within width code points, ending
 * at a space when there is one. */
static size_t
av_cut(const char *s, int width)
{
	size_t i = 0, space = 0;
	int cols = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cols == width)
				break;
			cols++;
			if (s[i] == ' ')
				space = i;
		}
		i++;
	}
	return s[i] == '\0' || space == 0 ? i : space + 1;
}

/* "Label       value", the value sanitized and wrapped under itself. */
static void
av_field(char **buf, const char *label, const char *value, int width)
{
	char *clean = str_sanitize_dup(value != NULL ? value : "");
	const char *p = clean;
	size_t n;
	int first = 1;

	do {
		n = av_cut(p, width - LABEL_W);
		av_add(buf, "%-*s%.*s\n", LABEL_W, first ? label : "", (int)n,
		    p);
		p += n;
		first = 0;
	} while (*p != '\0');
	free(clean);
}

char *
scr_auditview_text(const struct scr_app *app, const struct audit_entry *e,
    int width)
{
	char *buf = NULL, line[128], local[40], utc[32], real[32];

	snprintf(line, sizeof(line), "#%lld", (long long)e->id);
	av_field(&buf, "Event", line, width);
	scr_app_time(app, e->at, "%Y-%m-%d %H:%M:%S %Z", local,
	    sizeof(local));
	av_field(&buf, "Time", local, width);
	av_field(&buf, "", clock_fmt_utc(utc, sizeof(utc), e->at), width);
	clock_fmt_utc(real, sizeof(real), e->real_at);
	if (e->clock_override) {
		snprintf(line, sizeof(line), "%s  CAFED_NOW: the clock was "
		    "set; Time is not the real time", real);
		av_field(&buf, "Real time", line, width);
	} else
		av_field(&buf, "Real time", real, width);
	av_field(&buf, "User", e->actor, width);
	av_field(&buf, "Source", e->source[0] != '\0' ? e->source : "local",
	    width);
	snprintf(line, sizeof(line), e->login_id != 0 ? "#%lld" : "-",
	    (long long)e->login_id);
	av_field(&buf, "Login", line, width);
	av_field(&buf, "Action", e->action, width);
	snprintf(line, sizeof(line), "%.60s %.60s", e->entity, e->entity_id);
	av_field(&buf, "Entity", line, width);
	av_field(&buf, "Detail", e->detail[0] != '\0' ? e->detail : "-",
	    width);
	snprintf(line, sizeof(line), "%.32s", e->hash);
	av_field(&buf, "Hash", line, width);
	if (strlen(e->hash) > 32)
		av_field(&buf, "", e->hash + 32, width);
	return buf;
}

void
scr_auditview_detail(struct tui *t, struct scr_app *app,
    const struct audit_entry *e)
{
	char *text = scr_auditview_text(app, e, DETAIL_W + LABEL_W);
	char title[48];

	snprintf(title, sizeof(title), "Audit event #%lld", (long long)e->id);
	tui_dialog_pager(t, title, text);
	free(text);
}

struct av_progress {
	struct tui	*t;
	int64_t		 total;
	int64_t		 last_ms;
};

/* Repaint the screen with a progress box over it, at most every 100 ms. */
static void
av_progress(int64_t done, void *arg)
{
	struct av_progress *p = arg;
	int64_t now = clock_mono_ms();
	char line[80];
	int width, fill, pct;
	WINDOW *w;

	if (now - p->last_ms < PROGRESS_MS && done < p->total)
		return;
	p->last_ms = now;
	if (!tui_modal_paint(p->t) ||
	    (w = tui_dialog_win(6, 60, "Verifying the audit chain")) == NULL)
		return;
	pct = p->total > 0 ? (int)(done * 100 / p->total) : 100;
	pct = pct > 100 ? 100 : pct;
	snprintf(line, sizeof(line), "%lld of %lld rows (%d%%)",
	    (long long)done, (long long)p->total, pct);
	tui_text_put(w, 1, 2, getmaxx(w) - 4, line, TUI_LEFT);
	width = getmaxx(w) - 4;
	fill = width * pct / 100;
	wattrset(w, tui_theme_attr(TUI_SELECTED));
	mvwhline(w, 3, 2, ' ', fill);
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	mvwhline(w, 3, 2 + fill, tui_theme_ascii() ? '.' : ' ', width - fill);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
	delwin(w);
	doupdate();
}

/* The outcome of audit_verify as a message. */
static void
av_result(struct tui *t, int r, const struct audit_verify *res)
{
	char *text;

	if (r == 0) {
		xasprintf(&text, "The audit chain is intact.\n\nRows checked: "
		    "%lld\nHead hash:\n  %.32s\n  %s", (long long)res->rows,
		    res->hash, res->hash + (strlen(res->hash) > 32 ? 32 :
		    strlen(res->hash)));
		tui_status(t, TUI_SUCCESS, "Audit chain ok: %lld rows %s",
		    (long long)res->rows, res->hash);
		tui_dialog_message(t, "Audit chain: ok", text);
	} else if (r == ERR_TAMPER) {
		xasprintf(&text, "The audit chain is BROKEN.\n\nFirst broken "
		    "row: #%lld\nWhy: %s\nRows intact before it: %lld",
		    (long long)res->bad_id, res->why, (long long)res->rows);
		tui_status(t, TUI_ERROR, "Audit chain broken at row #%lld: %s",
		    (long long)res->bad_id, res->why);
		tui_dialog_message(t, "Audit chain: BROKEN", text);
	} else {
		scr_app_refused(t, r, NULL);
		return;
	}
	free(text);
}

void
scr_auditview_verify(struct tui *t, struct scr_app *app)
{
	struct av_progress p = { .t = t };
	struct audit_verify res;
	struct audit_head head;
	int r;

	memset(&res, 0, sizeof(res));
	if ((r = audit_head(app->ctx->db, &head)) != 0) {
		scr_app_refused(t, r, NULL);
		return;
	}
	p.total = head.count;
	av_progress(0, &p);
	r = audit_verify(app->ctx->db, app->ctx->keys, NULL, &res,
	    av_progress, &p);
	tui_modal_done(t);
	av_result(t, r, &res);
}

/*
 * modal.c -- ask first, then report the outcome: the confirmation and the
 * status line every changing action of the screens shows.
 */
#include "screens/modal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/xmalloc.h"
#include "screens/app.h"
#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/theme.h"
#include "tui/tui.h"

int
scr_modal_confirm(struct tui *t, const char *title, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int r;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	r = tui_dialog_confirm(t, title, msg);
	free(msg);
	return r == 1;
}

int
scr_modal_result(struct tui *t, int rc, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (rc != 0) {
		scr_app_refused(t, rc, NULL);
		return rc;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tui_status(t, TUI_SUCCESS, "%s", msg);
	return 0;
}

int
scr_modal_actions(struct tui *t, const char *title,
    const struct tui_key *keys, size_t from, size_t to, int width,
    void *app)
{
	const char **items = xcalloc(to - from + 1, sizeof(*items));
	char **text = xcalloc(to - from + 1, sizeof(*text)), name[16];
	size_t *idx = xcalloc(to - from + 1, sizeof(*idx)), n = 0, i;
	int pick, r;

	for (i = from; i < to; i++) {
		if (!tui_allowed(t, keys[i].perm))
			continue;
		xasprintf(&text[n], "%-*s %s", width, tui_keymap_name(
		    keys[i].key, name, sizeof(name)), keys[i].help);
		items[n] = text[n];
		idx[n++] = i;
	}
	pick = n > 0 ? tui_dialog_choose(t, title, items, n, 0) : -1;
	for (i = 0; i < n; i++)
		free(text[i]);
	r = pick < 0 ? TUI_REDRAW : keys[idx[pick]].fn(t, app);
	free(items);
	free(text);
	free(idx);
	return r;
}

void
scr_modal_help(struct tui *t, const char *title, const struct tui_key *keys,
    size_t nkeys)
{
	const struct tui_screen s = {
		.title = title,
		.keys = keys,
		.nkeys = nkeys,
		.widget_keys = tui_table_keys,
		.nwidget_keys = TUI_TABLE_NKEYS,
	};
	char *help = tui_keymap_help(t, &s);

	tui_dialog_pager(t, "Help", help);
	free(help);
}

void
scr_modal_view_run(struct tui *t, const struct scr_modal_view *v, void *d)
{
	WINDOW *w;
	int r, open = 1;

	while (open) {
		if (v->stale(d) && (r = v->load(d)) != 0)
			scr_app_refused(t, r, NULL);
		if (tui_modal_paint(t) && (w = tui_dialog_win(v->h, v->w,
		    v->title)) != NULL) {
			v->draw(t, w, d);
			wnoutrefresh(w);
			delwin(w);
		}
		open = v->key(t, d, tui_modal_key(t));
	}
	tui_modal_done(t);
}

/*
 * dashboard.c -- the first screen: sections of short lines, each loaded
 * by its own callback, drawn one under the other.
 */
#include "screens/dashboard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/perm.h"
#include "screens/app.h"
#include "screens/inventory.h"
#include "tui/text.h"
#include "tui/theme.h"

#define RECENT_ROWS	20	/* audit events loaded; as many as fit shown */

struct dash_line {
	int	 role;
	char	*text;
};

/* The lines of one section. */
struct scr_dash {
	struct dash_line	*line;
	size_t			 n, cap;
	size_t			 more;	/* counted, not made */
	int			 err;	/* load() failed with this */
};

static const struct scr_dash_section recent_dash;

/*
 * The sections in display order. Add yours here (see dashboard.h):
 * the open shift (cash desk), seats in use (floor), wallets, low stock.
 */
static const struct scr_dash_section *const sections[] = {
	&scr_logins_dash,
	&scr_shift_dash,
	&scr_stations_dash,
	&scr_wallets_dash,
	&scr_inventory_dash,
	&recent_dash,
};
#define NSECTIONS	TUI_NKEYS(sections)

struct dash_state {
	struct scr_dash	sec[NSECTIONS];
};

void
scr_dashboard_add(struct scr_dash *d, int role, const char *fmt, ...)
{
	va_list ap;

	if (d->n == d->cap) {
		d->cap = d->cap > 0 ? d->cap * 2 : 8;
		d->line = xreallocarray(d->line, d->cap, sizeof(*d->line));
	}
	va_start(ap, fmt);
	xvasprintf(&d->line[d->n].text, fmt, ap);
	va_end(ap);
	d->line[d->n++].role = role;
}

void
scr_dashboard_more(struct scr_dash *d, size_t n)
{
	d->more += n;
}

/* Drop a section's lines. */
static void
dash_reset(struct scr_dash *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->line[i].text);
	d->n = 0;
	d->more = 0;
	d->err = 0;
}

static void
dash_clear(void *p)
{
	struct dash_state *s = p;
	size_t i;

	for (i = 0; i < NSECTIONS; i++) {
		dash_reset(&s->sec[i]);
		free(s->sec[i].line);
	}
}

static struct dash_state *
dash_state(struct scr_app *app)
{
	return scr_app_state(app, &scr_dashboard, sizeof(struct dash_state),
	    dash_clear);
}

static int
dash_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct dash_state *s = dash_state(app);
	size_t i;

	for (i = 0; i < NSECTIONS; i++) {
		dash_reset(&s->sec[i]);
		if (tui_allowed(t, sections[i]->perm))
			s->sec[i].err = sections[i]->load(app, &s->sec[i]);
	}
	return 0;
}

/* Draw section i from row y with at most rows rows; returns rows used. */
static int
dash_draw_section(WINDOW *w, int y, int rows, const struct scr_dash *d,
    const struct scr_dash_section *sec)
{
	int width = getmaxx(w) - 2, i, n = (int)(d->n + d->more), shown;
	char more[48];

	if (rows < 2 || (n == 0 && d->err == 0))
		return 0;
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, y, 1, width, sec->title, TUI_LEFT);
	if (d->err != 0) {
		wattrset(w, tui_theme_attr(TUI_ERROR));
		tui_text_put(w, y + 1, 2, width - 1, "(could not be loaded)",
		    TUI_LEFT);
		return 2;
	}
	shown = n < rows - 1 ? n : rows - 1;
	for (i = 0; i < shown; i++) {
		wattrset(w, tui_theme_attr((size_t)i < d->n ?
		    d->line[i].role : TUI_NORMAL));
		if ((i == shown - 1 && shown < n) || (size_t)i >= d->n) {
			snprintf(more, sizeof(more), "... and %d more",
			    n - i);
			tui_text_put(w, y + 1 + i, 2, width - 1, more,
			    TUI_LEFT);
			shown = i + 1;
		} else
			tui_text_put(w, y + 1 + i, 2, width - 1,
			    d->line[i].text, TUI_LEFT);
	}
	wattrset(w, A_NORMAL);
	return shown + 1;
}

static void
dash_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct dash_state *s = dash_state(vapp);
	int h = getmaxy(w), y = 0, rows;
	size_t i;

	(void)t;
	for (i = 0; i < NSECTIONS && y < h; i++) {
		rows = sections[i]->rows > 0 ? sections[i]->rows + 1 : h - y;
		if (rows > h - y)
			rows = h - y;
		if ((rows = dash_draw_section(w, y, rows, &s->sec[i],
		    sections[i])) > 0)
			y += rows + 1;	/* a blank line between sections */
	}
}

/* The latest audit events, for those who may read the trail. */
static int
recent_load(struct scr_app *app, struct scr_dash *d)
{
	struct audit_filter f = { .limit = RECENT_ROWS };
	struct audit_entry *v;
	char when[16];
	size_t n, i;
	int r;

	if ((r = audit_list(app->ctx, &f, &v, &n)) != 0)
		return r;
	for (i = 0; i < n; i++)
		scr_dashboard_add(d, strcmp(v[i].action, "denied") == 0 ?
		    TUI_WARNING : TUI_NORMAL, "%s  %-12.12s %-18.18s %s %s",
		    scr_app_time(app, v[i].at, "%H:%M", when, sizeof(when)),
		    v[i].actor, v[i].action, v[i].entity, v[i].entity_id);
	audit_entries_free(v, n);
	return 0;
}

static const struct scr_dash_section recent_dash = {
	.title = "Recent activity",
	.perm = PERM_AUDIT_VIEW,
	.rows = 0,
	.load = recent_load,
};

const struct tui_screen scr_dashboard = {
	.name = "dashboard",
	.title = "Dashboard",
	.perm = -1,
	.load = dash_load,
	.refresh_ms = 10000,	/* sessions ending soon */
	.draw = dash_draw,
};

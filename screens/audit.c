/*
 * audit.c -- the audit trail screen (audit.view): newest first, loaded a
 * page at a time with keyset paging (rows below the last id shown), so
 * each page costs the same at any depth; filters by user, action, entity,
 * local dates and free text; details and chain verification are in
 * auditview.c.
 */
#include "screens/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/perm.h"
#include "screens/app.h"
#include "screens/auditview.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define PAGE_ROWS	200	/* rows per query */
#define MAX_ROWS	10000	/* most a reload asks for at once */

enum { F_USER, F_ACTION, F_ENTITY, F_FROM, F_TO, F_TEXT, F_COUNT };

struct audit_state {
	struct tui_table	*tab;
	struct audit_entry	*v;
	size_t			 n, cap;
	int			 more;	/* older rows may follow */
	char			 f[F_COUNT][128];	/* the filter as typed */
	int64_t			 from, to;
};

static const struct tui_col audit_cols[] = {
	{ "Time", 16, TUI_LEFT },
	{ "User", 10, TUI_LEFT },
	{ "Action", 16, TUI_LEFT },
	{ "Entity", 14, TUI_LEFT },
	{ "Detail", 0, TUI_LEFT },
};

static void
audit_clear(void *p)
{
	struct audit_state *s = p;

	tui_table_free(s->tab);
	audit_entries_free(s->v, s->n);
}

static struct audit_state *
audit_state(struct scr_app *app)
{
	struct audit_state *s = scr_app_state(app, &scr_audit, sizeof(*s),
	    audit_clear);

	if (s->tab == NULL)
		s->tab = tui_table_new(audit_cols, TUI_NKEYS(audit_cols));
	return s;
}

/* The model's filter from what was typed; NULL for empty fields. */
static void
audit_filter(const struct audit_state *s, struct audit_filter *f,
    int64_t before_id, int limit)
{
	memset(f, 0, sizeof(*f));
	f->actor = s->f[F_USER][0] != '\0' ? s->f[F_USER] : NULL;
	f->action = s->f[F_ACTION][0] != '\0' ? s->f[F_ACTION] : NULL;
	f->entity = s->f[F_ENTITY][0] != '\0' ? s->f[F_ENTITY] : NULL;
	f->text = s->f[F_TEXT][0] != '\0' ? s->f[F_TEXT] : NULL;
	f->from = s->from;
	f->to = s->to;
	f->before_id = before_id;
	f->limit = limit;
}

static void
audit_row(struct scr_app *app, struct tui_table *tab,
    const struct audit_entry *e)
{
	char when[24], entity[96];
	const char *cells[TUI_NKEYS(audit_cols)];

	snprintf(entity, sizeof(entity), "%s %s", e->entity, e->entity_id);
	cells[0] = scr_app_time(app, e->at, "%Y-%m-%d %H:%M", when,
	    sizeof(when));
	cells[1] = e->actor;
	cells[2] = e->action;
	cells[3] = entity;
	cells[4] = e->detail;
	tui_table_add(tab, cells, strcmp(e->action, "denied") == 0 ?
	    TUI_WARNING : TUI_NORMAL);
}

/* Append rows[0..n-1] (taken over) to the state and the table. */
static void
audit_append_rows(struct scr_app *app, struct audit_state *s,
    struct audit_entry *rows, size_t n)
{
	size_t i;

	if (s->n + n > s->cap) {
		s->cap = s->n + n;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	for (i = 0; i < n; i++) {
		s->v[s->n++] = rows[i];
		audit_row(app, s->tab, &rows[i]);
	}
	free(rows);	/* the strings moved to s->v */
}

/* Fetch the page below the last row shown. */
static int
audit_more(struct scr_app *app, struct audit_state *s)
{
	struct audit_filter f;
	struct audit_entry *rows;
	size_t n;
	int r;

	if (!s->more || s->n == 0)
		return 0;
	audit_filter(s, &f, s->v[s->n - 1].id, PAGE_ROWS);
	if ((r = audit_list(app->ctx, &f, &rows, &n)) != 0)
		return r;
	s->more = n == PAGE_ROWS;
	audit_append_rows(app, s, rows, n);
	return 0;
}

/* From the top again, as many rows as were shown, the selection kept. */
static int
audit_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);
	struct audit_filter f;
	struct audit_entry *rows;
	int64_t sel_id = 0;
	int r, sel, limit;
	size_t n, i;

	(void)t;
	if ((sel = tui_table_selected(s->tab)) >= 0 && (size_t)sel < s->n)
		sel_id = s->v[sel].id;
	limit = s->n > PAGE_ROWS ? (int)s->n : PAGE_ROWS;
	limit = limit < MAX_ROWS ? limit : MAX_ROWS;
	audit_filter(s, &f, 0, limit);
	if ((r = audit_list(app->ctx, &f, &rows, &n)) != 0)
		return r;
	audit_entries_free(s->v, s->n);
	s->v = NULL;
	s->n = s->cap = 0;
	tui_table_clear(s->tab);
	s->more = n == (size_t)limit;
	audit_append_rows(app, s, rows, n);
	for (i = 0; i < s->n && sel_id != 0; i++)
		if (s->v[i].id <= sel_id) {
			tui_table_select(s->tab, (int)i);
			break;
		}
	return 0;
}

/* "user=alice action=user.* from 2026-11-01" or a plain title. */
static void
audit_filter_text(const struct audit_state *s, char *buf, size_t size)
{
	static const char *const names[F_COUNT] = { "user", "action",
	    "entity", "from", "to", "text" };
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < F_COUNT && len < size; i++)
		if (s->f[i][0] != '\0')
			len += (size_t)snprintf(buf + len, size - len,
			    "%s%s=%s", len > 0 ? " " : "Filter: ", names[i],
			    s->f[i]);
	if (buf[0] == '\0')
		snprintf(buf, size, "All events, newest first");
}

static void
audit_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct audit_state *s = audit_state(vapp);
	char line[512], count[64];
	int h, ww, cw;

	(void)t;
	getmaxyx(w, h, ww);
	snprintf(count, sizeof(count), "%zu%s shown", s->n,
	    s->more ? "+" : "");
	cw = (int)strlen(count);
	audit_filter_text(s, line, sizeof(line));
	wattrset(w, tui_theme_attr(strncmp(line, "Filter", 6) == 0 ?
	    TUI_WARNING : TUI_NORMAL));
	tui_text_put(w, 0, 0, ww - cw - 1, line, TUI_LEFT);
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, 0, ww - cw, cw, count, TUI_RIGHT);
	wattrset(w, A_NORMAL);
	tui_table_draw(s->tab, w, 1, 0, h - 1, ww);
}

/* Movement keys that reach the last row load the next page first. */
static int
audit_key(struct tui *t, int key, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);
	int sel = tui_table_selected(s->tab), r, step = 0;

	switch (key) {
	case TUI_KEY_DOWN: case 'j':	step = 1; break;
	case TUI_KEY_PGDN:		step = getmaxy(stdscr); break;
	case TUI_KEY_END:		step = (int)s->n; break;
	}
	if (step > 0 && s->more && sel + step >= (int)s->n - 1 &&
	    (r = audit_more(app, s)) != 0)
		scr_app_refused(t, r, NULL);
	return tui_table_key(s->tab, t, key);
}

static const char *
audit_check_date(const char *value, void *ctx)
{
	int64_t t;

	if (value[0] == '\0' || scr_app_date(ctx, value, 0, &t) == 0)
		return NULL;
	return "Type a local date as YYYY-MM-DD.";
}

static const struct tui_field filter_fields[F_COUNT] = {
	[F_USER] = { "User", TUI_FIELD_TEXT, 47, NULL },
	[F_ACTION] = { "Action (user.* prefix)", TUI_FIELD_TEXT, 63,
	    NULL },
	[F_ENTITY] = { "Entity", TUI_FIELD_TEXT, 31, NULL },
	[F_FROM] = { "From date", TUI_FIELD_TEXT, 10, audit_check_date },
	[F_TO] = { "To date (included)", TUI_FIELD_TEXT, 10,
	    audit_check_date },
	[F_TEXT] = { "Words anywhere", TUI_FIELD_TEXT, 127, NULL },
};

/* Take a new filter: dates to instants, the list from the top. */
static int
audit_apply(struct tui *t, struct scr_app *app, struct audit_state *s)
{
	s->from = s->to = 0;
	if (s->f[F_FROM][0] != '\0')
		scr_app_date(app, s->f[F_FROM], 0, &s->from);
	if (s->f[F_TO][0] != '\0')
		scr_app_date(app, s->f[F_TO], 1, &s->to);
	audit_entries_free(s->v, s->n);
	s->v = NULL;
	s->n = s->cap = 0;
	tui_table_clear(s->tab);
	tui_table_select(s->tab, 0);
	tui_status(t, TUI_NORMAL, "%s", s->f[F_TEXT][0] != '\0' ||
	    s->from != 0 || s->to != 0 || s->f[F_USER][0] != '\0' ||
	    s->f[F_ACTION][0] != '\0' || s->f[F_ENTITY][0] != '\0' ?
	    "Filter applied." : "Showing every event.");
	return TUI_RELOAD;
}

static int
audit_filter_key(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);
	struct tui_form *f;
	int i, r = TUI_REDRAW;

	f = tui_form_new("Filter the audit trail", filter_fields, F_COUNT,
	    app);
	for (i = 0; i < F_COUNT; i++)
		tui_form_set(f, (size_t)i, s->f[i]);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		for (i = 0; i < F_COUNT; i++) {
			str_lcpy(s->f[i], tui_form_value(f, (size_t)i),
			    sizeof(s->f[i]));
			str_trim(s->f[i]);
		}
		r = audit_apply(t, app, s);
	}
	tui_form_free(f);
	return r;
}

static int
audit_search(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);
	char buf[sizeof(s->f[F_TEXT])];

	str_lcpy(buf, s->f[F_TEXT], sizeof(buf));
	if (tui_form_prompt(t, "Search all events for: ", buf,
	    sizeof(buf)) != 1)
		return TUI_REDRAW;
	str_lcpy(s->f[F_TEXT], buf, sizeof(s->f[F_TEXT]));
	str_trim(s->f[F_TEXT]);
	return audit_apply(t, app, s);
}

static int
audit_unfilter(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);

	memset(s->f, 0, sizeof(s->f));
	return audit_apply(t, app, s);
}

static int
audit_detail(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct audit_state *s = audit_state(app);
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= s->n)
		return TUI_HANDLED;
	scr_auditview_detail(t, app, &s->v[i]);
	return TUI_REDRAW;
}

static int
audit_verify_key(struct tui *t, void *vapp)
{
	scr_auditview_verify(t, vapp);
	return TUI_REDRAW;
}

static const struct tui_key audit_keys[] = {
	{ TUI_KEY_ENTER, "Detail", "Every field of the selected event",
	  audit_detail, PERM_AUDIT_VIEW },
	{ 'f', "Filter", "Filter by user, action, entity, dates and words",
	  audit_filter_key, PERM_AUDIT_VIEW },
	{ 's', "Search", "Search all events for words (not only those "
	  "loaded)", audit_search, PERM_AUDIT_VIEW },
	{ 'x', "All", "Clear the filter", audit_unfilter, PERM_AUDIT_VIEW },
	{ 'v', "Verify", "Verify the hash chain of the whole trail",
	  audit_verify_key, PERM_AUDIT_VIEW },
};

static void
audit_enter(struct tui *t, void *vapp)
{
	(void)t;
	audit_state(vapp);
}

const struct tui_screen scr_audit = {
	.name = "audit",
	.title = "Audit",
	.perm = PERM_AUDIT_VIEW,
	.keys = audit_keys,
	.nkeys = TUI_NKEYS(audit_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.enter = audit_enter,
	.load = audit_load,
	.draw = audit_draw,
	.key = audit_key,
};

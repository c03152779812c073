/*
 * reports.c -- the reports screen (report.view): sales by day, category
 * and product, seat revenue and utilization by station and by hour, top
 * customers and shift variances over a period, as a
 * table with a bar chart in block characters, and exported as CSV.
 */
#include "screens/reports.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "model/ctx.h"
#include "model/perm.h"
#include "model/report.h"
#include "screens/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define BAR_WIDTH	12
#define TOP_CUSTOMERS	50

enum {
	K_DAY, K_CATEGORY, K_PRODUCT, K_STATION, K_HOUR, K_CUSTOMERS,
	K_SHIFTS, K__COUNT
};

static const char *const kind_title[K__COUNT] = {
	"Sales by day", "Sales by category", "Sales by product",
	"Seats by station", "Seats by hour of day", "Top customers",
	"Shift variances"
};

struct rep_state {
	struct tui_table	*tab;
	struct report		*rep;
	int			 kind, built_kind, built_cols;
	char			 from[11], to[11];
};

static void
rep_clear(void *p)
{
	struct rep_state *s = p;

	tui_table_free(s->tab);
	report_free(s->rep);
}

/* From the first of this month to today, in the café's zone. */
static void
rep_default_period(struct scr_app *app, struct rep_state *s)
{
	scr_app_time(app, clock_now(), "%Y-%m-01", s->from, sizeof(s->from));
	scr_app_time(app, clock_now(), "%Y-%m-%d", s->to, sizeof(s->to));
}

static struct rep_state *
rep_state(struct scr_app *app)
{
	struct rep_state *s = scr_app_state(app, &scr_reports, sizeof(*s),
	    rep_clear);

	if (s->from[0] == '\0') {
		rep_default_period(app, s);
		s->built_kind = -1;
	}
	return s;
}

/* Ask the model for the report of the current kind. */
static int
rep_fetch(struct scr_app *app, struct rep_state *s, struct report **out)
{
	switch (s->kind) {
	case K_DAY:
		return report_sales(app->ctx, s->from, s->to, REPORT_BY_DAY,
		    out);
	case K_CATEGORY:
		return report_sales(app->ctx, s->from, s->to,
		    REPORT_BY_CATEGORY, out);
	case K_PRODUCT:
		return report_sales(app->ctx, s->from, s->to,
		    REPORT_BY_PRODUCT, out);
	case K_STATION:
		return report_seats(app->ctx, s->from, s->to,
		    REPORT_BY_STATION, out);
	case K_HOUR:
		return report_seats(app->ctx, s->from, s->to, REPORT_BY_HOUR,
		    out);
	case K_CUSTOMERS:
		return report_customers(app->ctx, s->from, s->to,
		    TOP_CUSTOMERS, out);
	default:
		return report_shifts(app->ctx, s->from, s->to, out);
	}
}

/*
 * The columns shown below WIDE columns: the rest is in the CSV and in
 * the row's details (Enter). -1 ends a list.
 */
#define WIDE	110
static const int kind_cols[K__COUNT][REPORT_COLS_MAX + 1] = {
	[K_DAY] = { 1, 2, 3, 4, -1 },		/* qty, gross, net, tax */
	[K_CATEGORY] = { 1, 2, 3, 4, -1 },
	[K_PRODUCT] = { 1, 2, 3, 4, -1 },
	[K_STATION] = { 0, 1, 2, 3, -1 },	/* sessions, hours, revenue, */
	[K_HOUR] = { 0, 1, 2, 3, -1 },		/* use */
	[K_CUSTOMERS] = { 0, 1, 2, -1 },	/* spent, shop, seats */
	[K_SHIFTS] = { 1, 2, 3, -1 },		/* expected, counted, var. */
};

/* Which report columns the table shows, into show[]; returns how many. */
static int
rep_shown(const struct rep_state *s, const struct report *rep, int *show)
{
	int n = 0, c;

	if (COLS >= WIDE) {
		for (c = 0; c < rep->ncols; c++)
			show[n++] = c;
		return n;
	}
	for (c = 0; kind_cols[s->kind][c] >= 0; c++)
		if (kind_cols[s->kind][c] < rep->ncols)
			show[n++] = kind_cols[s->kind][c];
	return n;
}

/* A table whose columns fit the report: key, label, figures, bar. */
static void
rep_build_table(struct rep_state *s, const struct report *rep)
{
	struct tui_col cols[REPORT_COLS_MAX + 3];
	int show[REPORT_COLS_MAX], nshow, i;
	size_t n = 0;

	nshow = rep_shown(s, rep, show);
	cols[n++] = (struct tui_col){ rep->key_name, 10, TUI_LEFT };
	cols[n++] = (struct tui_col){ rep->label_name, 0, TUI_LEFT };
	for (i = 0; i < nshow; i++)
		cols[n++] = (struct tui_col){ rep->cols[show[i]],
		    rep->fmt[show[i]] == REPORT_MONEY ? 10 : 6, TUI_RIGHT };
	if (rep->bar_col >= 0)
		cols[n++] = (struct tui_col){ "", BAR_WIDTH, TUI_LEFT };
	tui_table_free(s->tab);
	s->tab = tui_table_new(cols, n);
	s->built_kind = s->kind;
	s->built_cols = COLS;
}

/* The bar of v against max: block characters, or '#' in ASCII. */
static char *
rep_bar(char *buf, size_t size, int64_t v, int64_t max)
{
	int64_t n;
	size_t i;

	if (!tui_theme_ascii())
		return report_bar(buf, size, v, max, BAR_WIDTH);
	n = v > 0 && max > 0 ? v * BAR_WIDTH / max : 0;
	for (i = 0; i < (size_t)n && i + 1 < size; i++)
		buf[i] = '#';
	buf[i] = '\0';
	return buf;
}

static void
rep_row(struct rep_state *s, const struct report *rep,
    const struct report_row *row, int64_t max, int role)
{
	char cells[REPORT_COLS_MAX][48], bar[BAR_WIDTH * 3 + 1];
	const char *v[REPORT_COLS_MAX + 3];
	int show[REPORT_COLS_MAX], nshow, i;
	size_t n = 0;

	nshow = rep_shown(s, rep, show);
	v[n++] = row->key;
	v[n++] = row->label;
	for (i = 0; i < nshow; i++)
		v[n++] = report_cell(rep, show[i], row->v[show[i]], cells[i],
		    sizeof(cells[i]));
	if (rep->bar_col >= 0)
		v[n++] = role == TUI_HEADER ? "" : rep_bar(bar, sizeof(bar),
		    row->v[rep->bar_col], max);
	tui_table_add(s->tab, v, role);
}

static int
rep_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct rep_state *s = rep_state(app);
	struct report *rep;
	int64_t max = 0;
	size_t i;
	int r, sel = s->tab != NULL ? tui_table_selected(s->tab) : 0;

	(void)t;
	if ((r = rep_fetch(app, s, &rep)) != 0)
		return r;
	report_free(s->rep);
	s->rep = rep;
	if (s->tab == NULL || s->built_kind != s->kind ||
	    (s->built_cols >= WIDE) != (COLS >= WIDE))
		rep_build_table(s, rep);
	tui_table_clear(s->tab);
	for (i = 0; rep->bar_col >= 0 && i < rep->nrows; i++)
		if (rep->rows[i].v[rep->bar_col] > max)
			max = rep->rows[i].v[rep->bar_col];
	for (i = 0; i < rep->nrows; i++)
		rep_row(s, rep, &rep->rows[i], max, TUI_NORMAL);
	tui_table_select(s->tab, sel);
	return 0;
}

/* The total row, always in sight under the table: "Total: QTY 3 ...". */
static void
rep_draw_total(WINDOW *w, int y, int ww, const struct report *rep)
{
	char line[256], cell[48];
	size_t len;
	int c;

	len = (size_t)snprintf(line, sizeof(line), "Total:");
	for (c = 0; c < rep->ncols && len < sizeof(line); c++)
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    " %s %s", rep->cols[c], report_cell(rep, c,
		    rep->total.v[c], cell, sizeof(cell)));
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, y, 0, ww, line, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static void
rep_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct scr_app *app = vapp;
	struct rep_state *s = rep_state(app);
	char head[160];
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	snprintf(head, sizeof(head), "%s, %s to %s (%s)",
	    kind_title[s->kind], s->from, s->to, app->cafe.currency);
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, 0, 0, ww, head, TUI_LEFT);
	wattrset(w, A_NORMAL);
	if (s->tab != NULL)
		tui_table_draw(s->tab, w, 1, 0, h - 2, ww);
	if (s->rep != NULL)
		rep_draw_total(w, h - 1, ww, s->rep);
}

static int
rep_key(struct tui *t, int key, void *vapp)
{
	struct rep_state *s = rep_state(vapp);

	return s->tab != NULL ? tui_table_key(s->tab, t, key) : TUI_IGNORED;
}

static int
rep_next(struct tui *t, void *vapp)
{
	struct rep_state *s = rep_state(vapp);

	(void)t;
	s->kind = (s->kind + 1) % K__COUNT;
	return TUI_RELOAD;
}

static int
rep_prev(struct tui *t, void *vapp)
{
	struct rep_state *s = rep_state(vapp);

	(void)t;
	s->kind = (s->kind + K__COUNT - 1) % K__COUNT;
	return TUI_RELOAD;
}

static const char *
rep_check_date(const char *value, void *ctx)
{
	int64_t a, b;

	(void)ctx;
	if (report_period("UTC", value, value, &a, &b) != 0)
		return "a date as YYYY-MM-DD";
	return NULL;
}

static const struct tui_field period_fields[] = {
	{ "From (YYYY-MM-DD)", TUI_FIELD_TEXT, 10, rep_check_date },
	{ "To (included)", TUI_FIELD_TEXT, 10, rep_check_date },
};

static int
rep_period(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct rep_state *s = rep_state(app);
	struct tui_form *f;
	int64_t a, b;
	int r;

	f = tui_form_new("Period", period_fields, TUI_NKEYS(period_fields),
	    NULL);
	tui_form_set(f, 0, s->from);
	tui_form_set(f, 1, s->to);
	while (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		r = report_period(app->cafe.timezone, tui_form_value(f, 0),
		    tui_form_value(f, 1), &a, &b);
		if (r == 0) {
			snprintf(s->from, sizeof(s->from), "%s",
			    tui_form_value(f, 0));
			snprintf(s->to, sizeof(s->to), "%s",
			    tui_form_value(f, 1));
			break;
		}
		tui_status(t, TUI_ERROR, "The period must run forwards and "
		    "last at most %d days.", REPORT_DAYS_MAX);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

/* Write the report shown as CSV to a new file at path. */
static int
rep_write(const struct report *rep, const char *path)
{
	FILE *f;
	int fd, r;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644)) < 0)
		return errno == EEXIST ? ERR_EXISTS : ERR_IO;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return ERR_IO;
	}
	r = report_write_csv(rep, f, 1);
	if (fclose(f) != 0)
		r = ERR_IO;
	return r;
}

static int
rep_export(struct tui *t, void *vapp)
{
	static const char *const slug[K__COUNT] = { "sales-by-day",
	    "sales-by-category", "sales-by-product", "seats-by-station",
	    "seats-by-hour", "top-customers", "shifts" };
	struct rep_state *s = rep_state(vapp);
	char path[256];
	int r;

	if (s->rep == NULL)
		return TUI_HANDLED;
	snprintf(path, sizeof(path), "/tmp/%s-%s-%s.csv", slug[s->kind],
	    s->from, s->to);
	if (!tui_form_prompt(t, "Write CSV to: ", path, sizeof(path)))
		return TUI_REDRAW;
	if ((r = rep_write(s->rep, path)) != 0)
		scr_app_refused(t, r, path);
	else
		tui_status(t, TUI_SUCCESS, "Written to %s.", path);
	return TUI_REDRAW;
}

/* Enter: every figure of the selected row. */
static int
rep_detail(struct tui *t, void *vapp)
{
	struct rep_state *s = rep_state(vapp);
	const struct report_row *row;
	char text[1024], cell[48];
	size_t len;
	int i, c;

	if (s->rep == NULL || s->tab == NULL ||
	    (i = tui_table_selected(s->tab)) < 0)
		return TUI_HANDLED;
	if ((size_t)i >= s->rep->nrows)
		return TUI_HANDLED;
	row = &s->rep->rows[i];
	len = (size_t)snprintf(text, sizeof(text), "%-10s %s\n%-10s %s\n",
	    s->rep->key_name, row->key, s->rep->label_name, row->label);
	for (c = 0; c < s->rep->ncols && len < sizeof(text); c++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%-10s %s\n", s->rep->cols[c], report_cell(s->rep, c,
		    row->v[c], cell, sizeof(cell)));
	tui_dialog_message(t, kind_title[s->kind], text);
	return TUI_REDRAW;
}

static const struct tui_key rep_keys[] = {
	{ TUI_KEY_ENTER, "Details", "Every figure of the selected row",
	  rep_detail, PERM_REPORT_VIEW },
	{ TUI_KEY_TAB, "Next", "The next report", rep_next,
	  PERM_REPORT_VIEW },
	{ TUI_KEY_BTAB, "Prev", "The previous report", rep_prev,
	  PERM_REPORT_VIEW },
	{ 'p', "Period", "Choose the days the report covers", rep_period,
	  PERM_REPORT_VIEW },
	{ 'x', "CSV", "Write the report as CSV to a file", rep_export,
	  PERM_REPORT_VIEW },
};

const struct tui_screen scr_reports = {
	.name = "reports",
	.title = "Reports",
	.perm = PERM_REPORT_VIEW,
	.keys = rep_keys,
	.nkeys = TUI_NKEYS(rep_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.load = rep_load,
	.draw = rep_draw,
	.key = rep_key,
};

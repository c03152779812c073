/*
 * report.c -- report tables: periods, building and merging rows, sales
 * by day, category and product, formatting, CSV and bar charts.
 */
#include "model/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/report_int.h"
#include "model/settings.h"

void
report_free(struct report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->nrows; i++) {
		free(rep->rows[i].key);
		free(rep->rows[i].label);
	}
	free(rep->rows);
	free(rep->total.key);
	free(rep->total.label);
	free(rep);
}

/* Parse a strict "YYYY-MM-DD" that names a real day, as noon UTC. */
static int
report_date(const char *s, int64_t *noon)
{
	struct tm tm, back;
	time_t t;
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return ERR_INVALID;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return ERR_INVALID;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = 12;
	back = tm;
	if (tm.tm_year < 70 || (t = timegm(&tm)) == (time_t)-1 ||
	    tm.tm_mon != back.tm_mon || tm.tm_mday != back.tm_mday)
		return ERR_INVALID;
	*noon = (int64_t)t;
	return 0;
}

/* Local midnight of the day whose noon UTC is `noon`, in zone tz. */
static int64_t
report_midnight(int64_t noon, const char *tz)
{
	struct tm tm;
	time_t t = (time_t)noon;

	gmtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return clock_mktime_tz(&tm, tz);
}

int
report_period(const char *tz, const char *from, const char *to,
    int64_t *start, int64_t *end)
{
	int64_t a, b;

	if (report_date(from, &a) != 0 || report_date(to, &b) != 0)
		return ERR_INVALID;
	if (b < a || (b - a) / 86400 >= REPORT_DAYS_MAX)
		return ERR_RANGE;
	*start = report_midnight(a, tz);
	*end = report_midnight(b + 86400, tz);
	return 0;
}

struct report *
report_new(struct db *db, const char *section, const char *key_name,
    const char *label_name)
{
	struct report *rep = xcalloc(1, sizeof *rep);
	struct cafe_info ci;

	str_lcpy(rep->section, section, sizeof rep->section);
	rep->key_name = key_name;
	rep->label_name = label_name;
	rep->decimals = settings_cafe(db, &ci) == 0 ? ci.decimals : 2;
	rep->bar_col = -1;
	rep->total.key = xstrdup("total");
	rep->total.label = xstrdup("");
	return rep;
}

void
report_col(struct report *rep, const char *name, int fmt)
{
	if (rep->ncols == REPORT_COLS_MAX)
		return;
	rep->cols[rep->ncols] = name;
	rep->fmt[rep->ncols++] = fmt;
}

struct report_row *
report_row_add(struct report *rep, const char *key, const char *label)
{
	struct report_row *row;

	if ((rep->nrows & (rep->nrows - 1)) == 0)
		rep->rows = xreallocarray(rep->rows, rep->nrows == 0 ? 1 :
		    rep->nrows * 2, sizeof *rep->rows);
	row = &rep->rows[rep->nrows++];
	memset(row, 0, sizeof *row);
	row->key = xstrdup(key);
	row->label = xstrdup(label != NULL ? label : "");
	return row;
}

int
report_fill_row(struct db_stmt *st, void *arg)
{
	struct report_fill *f = arg;
	struct report_row *row;
	char key[32];
	int i;

	snprintf(key, sizeof key, "%s%lld", f->prefix,
	    (long long)db_col_int(st, 0));
	row = report_row_add(f->rep, key, db_col_text(st, 1));
	for (i = 0; i < f->nvals; i++)
		row->v[i] = db_col_int(st, 2 + i);
	return 0;
}

int
report_run(struct db *db, struct report *rep, int (*fn)(struct db *,
    void *), void *arg, int totals, struct report **out)
{
	int r;

	if ((r = db_read(db, fn, arg)) != 0) {
		report_free(rep);
		return r;
	}
	if (totals)
		report_totals(rep);
	*out = rep;
	return 0;
}

static int
report_row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_row *)a)->key,
	    ((const struct report_row *)b)->key);
}

struct report_row *
report_row_find(struct report *rep, const char *key, int sorted)
{
	struct report_row k;
	size_t i;

	if (sorted) {
		k.key = (char *)(uintptr_t)key;
		return bsearch(&k, rep->rows, rep->nrows, sizeof *rep->rows,
		    report_row_cmp);
	}
	for (i = 0; i < rep->nrows; i++)
		if (strcmp(rep->rows[i].key, key) == 0)
			return &rep->rows[i];
	return NULL;
}

void
report_totals(struct report *rep)
{
	size_t i;
	int c;

	memset(rep->total.v, 0, sizeof rep->total.v);
	for (i = 0; i < rep->nrows; i++)
		for (c = 0; c < rep->ncols; c++)
			rep->total.v[c] += rep->rows[i].v[c];
}

static int
report_row_desc(const void *a, const void *b, void *colp)
{
	int col = *(int *)colp;
	int64_t x = ((const struct report_row *)a)->v[col];
	int64_t y = ((const struct report_row *)b)->v[col];

	if (x != y)
		return x < y ? 1 : -1;
	return report_row_cmp(a, b);
}

void
report_sort_desc(struct report *rep, int col)
{
	qsort_r(rep->rows, rep->nrows, sizeof *rep->rows, report_row_desc,
	    &col);
}

int
report_begin(struct mctx *ctx, const char *what, const char *from,
    const char *to, int64_t *start, int64_t *end)
{
	struct cafe_info ci;
	int r;

	if ((r = perm_require(ctx, PERM_REPORT_VIEW, what, "report",
	    "")) != 0 ||
	    (r = settings_cafe(ctx->db, &ci)) != 0)
		return r;
	return report_period(ci.timezone, from, to, start, end);
}

enum { S_RECEIPTS, S_QTY, S_GROSS, S_NET, S_TAX, S_REFUNDS };

/*
 * Sold and refunded, per grouping: key, label, receipts, qty, amounts.
 * Aggregated before the join, which is what keeps a year fast. A
 * product has one line per sale (the basket merges), so its lines count
 * its receipts; a day's receipts come from the sales themselves.
 */
static const char *const sales_sql[3][2] = {
	[REPORT_BY_DAY] = {
	    "SELECT day, '', 0, sum(qty), sum(gross), sum(net), sum(tax) "
	    "FROM sale_lines WHERE day BETWEEN ? AND ? GROUP BY day",
	    "SELECT day, '', 0, sum(qty), sum(gross), sum(net), sum(tax) "
	    "FROM sale_refunds WHERE day BETWEEN ? AND ? GROUP BY day" },
	[REPORT_BY_CATEGORY] = {
	    "SELECT c.name, c.tax_rate, x.n, x.q, x.g, x.nt, x.t FROM "
	    "(SELECT category_id, count(DISTINCT sale_id) AS n, sum(qty) AS q, "
	    "sum(gross) AS g, sum(net) AS nt, sum(tax) AS t FROM sale_lines "
	    "WHERE day BETWEEN ? AND ? GROUP BY category_id) x "
	    "JOIN product_categories c ON c.id = x.category_id",
	    "SELECT c.name, c.tax_rate, 0, x.q, x.g, x.nt, x.t FROM "
	    "(SELECT category_id, sum(qty) AS q, sum(gross) AS g, "
	    "sum(net) AS nt, sum(tax) AS t FROM sale_refunds WHERE day "
	    "BETWEEN ? AND ? GROUP BY category_id) x "
	    "JOIN product_categories c ON c.id = x.category_id" },
	[REPORT_BY_PRODUCT] = {
	    "SELECT p.sku, p.name, x.n, x.q, x.g, x.nt, x.t FROM "
	    "(SELECT product_id, count(*) AS n, sum(qty) AS q, "
	    "sum(gross) AS g, sum(net) AS nt, sum(tax) AS t FROM sale_lines "
	    "WHERE day BETWEEN ? AND ? GROUP BY product_id) x "
	    "JOIN products p ON p.id = x.product_id",
	    "SELECT p.sku, p.name, 0, x.q, x.g, x.nt, x.t FROM "
	    "(SELECT product_id, sum(qty) AS q, sum(gross) AS g, "
	    "sum(net) AS nt, sum(tax) AS t FROM sale_refunds WHERE day "
	    "BETWEEN ? AND ? GROUP BY product_id) x "
	    "JOIN products p ON p.id = x.product_id" },
};

/* Every day of the period, in order, with its weekday as the label. */
static void
report_days(struct report *rep, const char *from, const char *to)
{
	char day[11], wd[4];
	int64_t a, b;
	struct tm tm;
	time_t t;

	report_date(from, &a);
	report_date(to, &b);
	for (; a <= b; a += 86400) {
		t = (time_t)a;
		gmtime_r(&t, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		strftime(wd, sizeof wd, "%a", &tm);
		report_row_add(rep, day, wd);
	}
}

/* The label of a grouping's row: the tax rate of a category. */
static void
report_label(int by, struct db_stmt *st, char *buf, size_t size)
{
	char rate[16];

	if (by == REPORT_BY_CATEGORY)
		snprintf(buf, size, "%s%%", product_rate_format(rate,
		    sizeof rate, (int)db_col_int(st, 1)));
	else
		str_lcpy(buf, db_col_text(st, 1), size);
}

/* Add the sold (refunds == 0) or refunded figures of the period. */
static int
report_sales_add(struct report *rep, struct db *db, int by, int refunds,
    const char *from, const char *to)
{
	struct report_row *row;
	struct db_stmt *st;
	char label[300];
	int r, s = refunds ? -1 : 1;

	if ((r = db_stmt(db, sales_sql[by][refunds], &st)) != 0)
		return r;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	while ((r = db_step(st)) == DB_ROW) {
		report_label(by, st, label, sizeof label);
		row = report_row_find(rep, db_col_text(st, 0),
		    by == REPORT_BY_DAY);
		if (row == NULL)
			row = report_row_add(rep, db_col_text(st, 0), label);
		row->v[S_RECEIPTS] += db_col_int(st, 2);
		row->v[S_QTY] += s * db_col_int(st, 3);
		row->v[S_GROSS] += s * db_col_int(st, 4);
		row->v[S_NET] += s * db_col_int(st, 5);
		row->v[S_TAX] += s * db_col_int(st, 6);
		if (refunds)
			row->v[S_REFUNDS] += db_col_int(st, 4);
	}
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

static const char *const sales_section[3][3] = {
	[REPORT_BY_DAY] = { "day", "DAY", "WEEKDAY" },
	[REPORT_BY_CATEGORY] = { "category", "CATEGORY", "TAX" },
	[REPORT_BY_PRODUCT] = { "product", "SKU", "NAME" },
};

struct sales_arg {
	struct report	*rep;
	const char	*from, *to;
	int		 by;
};

/* The receipts of each day of the period. */
static int
report_day_receipts(struct report *rep, struct db *db, const char *from,
    const char *to)
{
	struct report_row *row;
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT day, count(*) FROM sales WHERE day "
	    "BETWEEN ? AND ? GROUP BY day", &st)) != 0)
		return r;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	while ((r = db_step(st)) == DB_ROW)
		if ((row = report_row_find(rep, db_col_text(st, 0), 1)) !=
		    NULL)
			row->v[S_RECEIPTS] = db_col_int(st, 1);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Receipts of the period: a receipt counts once in the total row. */
static int
report_receipts(struct db *db, const struct sales_arg *a, int64_t *n)
{
	return db_row_int(db, n, "SELECT count(*) FROM sales WHERE day "
	    "BETWEEN ? AND ?", "tt", a->from, a->to);
}

static int
report_sales_tx(struct db *db, void *argp)
{
	struct sales_arg *a = argp;
	int r;

	if ((r = report_sales_add(a->rep, db, a->by, 0, a->from,
	    a->to)) != 0 ||
	    (r = report_sales_add(a->rep, db, a->by, 1, a->from, a->to)) != 0)
		return r;
	if (a->by == REPORT_BY_DAY &&
	    (r = report_day_receipts(a->rep, db, a->from, a->to)) != 0)
		return r;
	if (a->by != REPORT_BY_DAY)
		report_sort_desc(a->rep, S_GROSS);
	report_totals(a->rep);
	return report_receipts(db, a, &a->rep->total.v[S_RECEIPTS]);
}

int
report_sales(struct mctx *ctx, const char *from, const char *to, int by,
    struct report **out)
{
	struct report *rep;
	struct sales_arg a;
	int64_t start, end;
	int r;

	if ((r = report_begin(ctx, "report.sales", from, to, &start,
	    &end)) != 0)
		return r;
	if (by < REPORT_BY_DAY || by > REPORT_BY_PRODUCT)
		return ERR_INVALID;
	rep = report_new(ctx->db, sales_section[by][0], sales_section[by][1],
	    sales_section[by][2]);
	report_col(rep, "RECEIPTS", REPORT_COUNT);
	report_col(rep, "QTY", REPORT_COUNT);
	report_col(rep, "GROSS", REPORT_MONEY);
	report_col(rep, "NET", REPORT_MONEY);
	report_col(rep, "TAX", REPORT_MONEY);
	report_col(rep, "REFUNDS", REPORT_MONEY);
	rep->bar_col = S_GROSS;
	if (by == REPORT_BY_DAY)
		report_days(rep, from, to);
	a = (struct sales_arg){ rep, from, to, by };
	return report_run(ctx->db, rep, report_sales_tx, &a, 0, out);
}

char *
report_cell(const struct report *rep, int col, int64_t v, char *buf,
    size_t size)
{
	int fmt = col >= 0 && col < rep->ncols ? rep->fmt[col] : REPORT_COUNT;

	if (fmt == REPORT_MONEY)
		money_format(buf, size, v, rep->decimals);
	else if (fmt == REPORT_SHARE)
		snprintf(buf, size, "%s%lld.%lld", v < 0 ? "-" : "",
		    (long long)(llabs(v) + 5) / 100,
		    (long long)((llabs(v) + 5) % 100) / 10);
	else if (fmt == REPORT_HOURS)
		snprintf(buf, size, "%s%lld.%lld", v < 0 ? "-" : "",
		    (long long)(llabs(v) + 180) / 3600,
		    (long long)((llabs(v) + 180) % 3600) / 360);
	else
		snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

/* One CSV field, quoted when it holds a comma, quote or line break. */
static void
report_csv_field(FILE *f, const char *s, int first)
{
	const char *p;

	if (!first)
		fputc(',', f);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void
report_csv_row(const struct report *rep, FILE *f,
    const struct report_row *row)
{
	char cell[48];
	int c;

	report_csv_field(f, rep->section, 1);
	report_csv_field(f, row->key, 0);
	report_csv_field(f, row->label, 0);
	for (c = 0; c < rep->ncols; c++)
		report_csv_field(f, report_cell(rep, c, row->v[c], cell,
		    sizeof cell), 0);
	fputs("\r\n", f);
}

int
report_write_csv(const struct report *rep, FILE *f, int header)
{
	char name[32];
	size_t i;
	int c;

	if (header) {
		report_csv_field(f, "section", 1);
		report_csv_field(f, "key", 0);
		report_csv_field(f, "label", 0);
		for (c = 0; c < rep->ncols; c++) {
			str_lcpy(name, rep->cols[c], sizeof name);
			report_csv_field(f, str_lower(name), 0);
		}
		fputs("\r\n", f);
	}
	for (i = 0; i < rep->nrows; i++)
		report_csv_row(rep, f, &rep->rows[i]);
	report_csv_row(rep, f, &rep->total);
	return ferror(f) ? ERR_IO : 0;
}

char *
report_bar(char *buf, size_t size, int64_t v, int64_t max, int width)
{
	static const char *const eighths[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	int64_t n;
	size_t len = 0;

	*buf = '\0';
	if (v <= 0 || max <= 0 || width <= 0 ||
	    money_mul_div_round(v > max ? max : v, (int64_t)width * 8, max,
	    &n) != 0)
		return buf;
	for (; n >= 8 && len + 4 <= size; n -= 8)
		len += (size_t)snprintf(buf + len, size - len, "\u2588");
	if (n > 0 && len + 4 <= size)
		snprintf(buf + len, size - len, "%s", eighths[n]);
	return buf;
}

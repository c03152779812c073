/*
 * report.h -- what sells, what the seats earn, who spends, how the
 * drawers counted: tables for the Reports screen and for CSV.
 *
 * Every report needs report.view. Periods are business days
 * "YYYY-MM-DD" in the café's time zone, both included. A report is a
 * table: a key (a day, a category, a SKU, a customer, a shift), a label
 * (the weekday, the tax rate, the name...), and up to REPORT_COLS_MAX
 * numeric columns, each a count, an amount in minor units or a share in
 * basis points; rows in the order the report defines, and a total row.
 *
 * Sales figures are after refunds: a refund counts on the day it was
 * made, against the category and product of the line it refunds, and
 * is also shown on its own (REFUNDS, gross).
 */
#ifndef CAFED_REPORT_H
#define CAFED_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct mctx;

#define REPORT_COLS_MAX		8
#define REPORT_DAYS_MAX		3660	/* longest period: ten years */

enum report_fmt {
	REPORT_COUNT,		/* a plain integer */
	REPORT_MONEY,		/* minor units, shown as a decimal */
	REPORT_SHARE,		/* basis points, shown as "45.2" (%) */
	REPORT_HOURS		/* seconds, shown as hours: "12.5" */
};

enum report_by {
	REPORT_BY_DAY,
	REPORT_BY_CATEGORY,
	REPORT_BY_PRODUCT,
	REPORT_BY_STATION,
	REPORT_BY_HOUR
};

struct report_row {
	char	*key;
	char	*label;
	int64_t	 v[REPORT_COLS_MAX];
};

struct report {
	char			 section[16];	/* "day", "category"... */
	const char		*key_name;	/* "DAY", "SKU"... */
	const char		*label_name;
	int			 ncols;
	const char		*cols[REPORT_COLS_MAX];
	int			 fmt[REPORT_COLS_MAX];
	int			 bar_col;	/* column the bar chart shows,
						   -1: none */
	int			 decimals;	/* of the currency */
	struct report_row	*rows;
	size_t			 nrows;
	struct report_row	 total;		/* key "total" */
};

/* Free a report from any report_*() call; NULL is a no-op. */
void	report_free(struct report *);

/*
 * Check a period and turn it into [*start, *end) epoch seconds: from
 * and to are "YYYY-MM-DD" (real dates), from <= to, at most
 * REPORT_DAYS_MAX days. Returns 0, ERR_INVALID or ERR_RANGE.
 */
int	report_period(const char *tz, const char *from, const char *to,
	    int64_t *start, int64_t *end);

/*
 * Shop sales from `from` to `to` by day (every day of the period, in
 * order), by category or by product (by gross, largest first). Columns:
 * RECEIPTS, QTY, GROSS, NET, TAX, REFUNDS. Sets *out, freed with
 * report_free(). Returns 0, ERR_DENIED, ERR_INVALID, ERR_RANGE or a
 * database error.
 */
int	report_sales(struct mctx *, const char *from, const char *to, int by,
	    struct report **out);

/*
 * The customers who spent most in the period (seats, shop and other
 * charges, less discounts and refunds, from the ledger), at most limit
 * (1..1000). Key "id:N", label the name. Columns: SPENT, SHOP, SEATS,
 * VISITS (ledger transactions). Returns like report_sales().
 */
int	report_customers(struct mctx *, const char *from, const char *to,
	    int limit, struct report **out);

/*
 * The shifts closed in the period, oldest first: key the shift id,
 * label the cashier. Columns: FLOAT, EXPECTED, COUNTED, VARIANCE.
 * Returns like report_sales().
 */
int	report_shifts(struct mctx *, const char *from, const char *to,
	    struct report **out);

/*
 * Format cell value v of column col for people and CSV: a count, a
 * plain decimal, a share in percent or hours, with one decimal ("45.2").
 * Returns buf.
 */
char	*report_cell(const struct report *, int col, int64_t v, char *buf,
	    size_t size);

/*
 * Seat revenue and utilization over the period, by station (every
 * station not retired, by name; key the station, label its zone) or by
 * hour of day (key "00:00".."23:00"), from the floor's billed segments.
 * A session's cost is spread over its segments and hours in proportion
 * to their time (running sessions have no cost yet). Columns: SESSIONS
 * (segments, or occupancies of that hour), HOURS (occupied), REVENUE,
 * USE% (occupied over available time: the period for a station, that
 * hour on every day on every station for an hour). Returns like
 * report_sales().
 */
int	report_seats(struct mctx *, const char *from, const char *to, int by,
	    struct report **out);

/*
 * Write the report as CSV (RFC 4180: commas, CRLF, fields quoted when
 * needed): with header, first a line of column names (section, key,
 * label, then the columns in lower case); every row starts
 * with the section, then key, label and the columns; the total row
 * last. Returns 0 or ERR_IO.
 */
int	report_write_csv(const struct report *, FILE *, int header);

/*
 * A bar of v against max, width columns at most, in Unicode block
 * characters (eighths), into buf (at least width * 3 + 1 bytes).
 * Returns buf ("" for v <= 0).
 */
char	*report_bar(char *buf, size_t size, int64_t v, int64_t max,
	    int width);

#endif

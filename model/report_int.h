/*
 * report_int.h -- what the report files share (report.c,
 * report_sales.c, report_more.c); not for other modules.
 */
#ifndef CAFED_REPORT_INT_H
#define CAFED_REPORT_INT_H

#include "model/report.h"

struct db;
struct db_stmt;

/*
 * Rows straight from a query: column 0 an integer key (after prefix,
 * e.g. "id:"), column 1 the label, the next nvals columns
 * the values. Pass report_fill_row and a struct report_fill to
 * db_row_all().
 */
struct report_fill {
	struct report	*rep;
	const char	*prefix;
	int		 nvals;
};
int	report_fill_row(struct db_stmt *, void *fill);

/* An empty report; free with report_free(). */
struct report *report_new(struct db *, const char *section,
	    const char *key_name, const char *label_name);

/* Add a column (up to REPORT_COLS_MAX). */
void	report_col(struct report *, const char *name, int fmt);

/* Append a row with zeros; the pointer lasts until the next append. */
struct report_row *report_row_add(struct report *, const char *key,
	    const char *label);

/*
 * Run fn(db, arg) in one read transaction to fill rep; on success sum the
 * totals (when totals) and hand rep to *out, else free it.
 */
int	report_run(struct db *, struct report *rep, int (*fn)(struct db *,
	    void *), void *arg, int totals, struct report **out);

/* The row with key: by binary search when rows are sorted by key. */
struct report_row *report_row_find(struct report *, const char *key,
	    int sorted);

/* Sum the columns into the total row. */
void	report_totals(struct report *);

/* Order the rows by column col, largest first, then by key. */
void	report_sort_desc(struct report *, int col);

/*
 * The checks every report makes: report.view (audited when refused),
 * the period in the café's zone ([*start, *end)). Returns 0,
 * ERR_DENIED, ERR_INVALID or ERR_RANGE.
 */
int	report_begin(struct mctx *, const char *what, const char *from,
	    const char *to, int64_t *start, int64_t *end);

#endif

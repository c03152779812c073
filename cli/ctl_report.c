/*
 * ctl_report.c -- cafectl report sales, seats, customers and shifts: tables
 * for scripts (tab-separated) or spreadsheets (--csv).
 */
#include "cli/ctl.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "model/report.h"

enum { C_SALES, C_SEATS, C_CUSTOMERS, C_SHIFTS };

static const struct ctl_cmd report_cmds[];

struct ropts {
	const char	*from, *to, *by;
	int		 csv, limit;
};

static int
report_getopt(const struct ctl_cmd *cmd, int argc, char **argv,
    struct ropts *o)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'c' },
		{ "by", required_argument, NULL, 'b' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int ch;

	memset(o, 0, sizeof *o);
	o->limit = 20;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': o->from = optarg; break;
		case 't': o->to = optarg; break;
		case 'c': o->csv = 1; break;
		case 'b': o->by = optarg; break;
		case 'l':
			o->limit = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->limit < 1 ||
			    o->limit > 1000)
				return ctl_usage(cmd, "--limit takes 1 to "
				    "1000");
			break;
		default: return ctl_usage(cmd, "bad option");
		}
	}
	if (optind != argc)
		return ctl_usage(cmd, "unexpected argument");
	if (o->from == NULL || o->to == NULL)
		return ctl_usage(cmd, "--from DATE and --to DATE are required");
	return CTL_OK;
}

/* One line of a report, tab-separated; tabs in text become spaces. */
static void
report_print_row(const struct report *rep, const struct report_row *row)
{
	char key[300], label[300], cell[48], *p;
	int col;

	str_sanitize(key, sizeof key, row->key);
	str_sanitize(label, sizeof label, row->label);
	for (p = label; *p != '\0'; p++)
		if (*p == '\t')
			*p = ' ';
	printf("%s\t%s\t%s", rep->section, key, label);
	for (col = 0; col < rep->ncols; col++)
		printf("\t%s", report_cell(rep, col, row->v[col], cell,
		    sizeof cell));
	putchar('\n');
}

/* Print a report; header (on a terminal, or CSV's first line) once. */
static void
report_print(struct ctl *c, const struct report *rep, int csv, int header)
{
	size_t i;
	int col;

	if (csv) {
		report_write_csv(rep, stdout, header);
		return;
	}
	if (header && c->tty) {
		printf("SECTION\t%s\t%s", rep->key_name, rep->label_name);
		for (col = 0; col < rep->ncols; col++)
			printf("\t%s", rep->cols[col]);
		putchar('\n');
	}
	for (i = 0; i < rep->nrows; i++)
		report_print_row(rep, &rep->rows[i]);
	report_print_row(rep, &rep->total);
}

/* Explain a refused report. */
static int
report_refused(int r, const char *what)
{
	if (r == ERR_INVALID)
		return ctl_fail("%s: dates are YYYY-MM-DD", what);
	if (r == ERR_RANGE)
		return ctl_fail("%s: --from must not be after --to, and the "
		    "period at most %d days", what, REPORT_DAYS_MAX);
	return ctl_err(r, what, NULL);
}

static int
cmd_sales(struct ctl *c, int argc, char **argv)
{
	static const char *const names[] = { "day", "category", "product" };
	struct report *rep;
	struct ropts o;
	int by, first = REPORT_BY_DAY, last = REPORT_BY_PRODUCT, r;

	if ((r = report_getopt(&report_cmds[C_SALES], argc, argv,
	    &o)) != CTL_OK)
		return r;
	if (o.by != NULL) {
		for (by = first; by <= last; by++)
			if (strcmp(o.by, names[by]) == 0)
				first = last = by;
		if (first != last)
			return ctl_usage(&report_cmds[C_SALES], "--by day, "
			    "category or product");
	}
	for (by = first; by <= last; by++) {
		if ((r = report_sales(&c->ctx, o.from, o.to, by, &rep)) != 0)
			return report_refused(r, "report sales");
		report_print(c, rep, o.csv, by == first);
		report_free(rep);
	}
	return CTL_OK;
}

static int
cmd_seats(struct ctl *c, int argc, char **argv)
{
	struct report *rep;
	struct ropts o;
	int by, first = REPORT_BY_STATION, last = REPORT_BY_HOUR, r;

	if ((r = report_getopt(&report_cmds[C_SEATS], argc, argv,
	    &o)) != CTL_OK)
		return r;
	if (o.by != NULL && strcmp(o.by, "station") == 0)
		last = first;
	else if (o.by != NULL && strcmp(o.by, "hour") == 0)
		first = last;
	else if (o.by != NULL)
		return ctl_usage(&report_cmds[C_SEATS], "--by station or hour");
	for (by = first; by <= last; by++) {
		if ((r = report_seats(&c->ctx, o.from, o.to, by, &rep)) != 0)
			return report_refused(r, "report seats");
		report_print(c, rep, o.csv, by == first);
		report_free(rep);
	}
	return CTL_OK;
}

static int
cmd_customers(struct ctl *c, int argc, char **argv)
{
	struct report *rep;
	struct ropts o;
	int r;

	if ((r = report_getopt(&report_cmds[C_CUSTOMERS], argc, argv,
	    &o)) != CTL_OK)
		return r;
	if (o.by != NULL)
		return ctl_usage(&report_cmds[C_CUSTOMERS], "no --by");
	if ((r = report_customers(&c->ctx, o.from, o.to, o.limit,
	    &rep)) != 0)
		return report_refused(r, "report customers");
	report_print(c, rep, o.csv, 1);
	report_free(rep);
	return CTL_OK;
}

static int
cmd_shifts(struct ctl *c, int argc, char **argv)
{
	struct report *rep;
	struct ropts o;
	int r;

	if ((r = report_getopt(&report_cmds[C_SHIFTS], argc, argv,
	    &o)) != CTL_OK)
		return r;
	if (o.by != NULL)
		return ctl_usage(&report_cmds[C_SHIFTS], "no --by");
	if ((r = report_shifts(&c->ctx, o.from, o.to, &rep)) != 0)
		return report_refused(r, "report shifts");
	report_print(c, rep, o.csv, 1);
	report_free(rep);
	return CTL_OK;
}

static const struct ctl_cmd report_cmds[] = {
	[C_SALES] = { "report sales", "--from DATE --to DATE [--csv] "
	    "[--by day|category|product]", "shop sales after refunds by day, "
	    "category and product (DATE: YYYY-MM-DD, both included)", CTL_DB,
	    cmd_sales },
	[C_SEATS] = { "report seats", "--from DATE --to DATE [--csv] "
	    "[--by station|hour]", "seat revenue and utilization by station "
	    "and by hour of day", CTL_DB, cmd_seats },
	[C_CUSTOMERS] = { "report customers", "--from DATE --to DATE [--csv] "
	    "[--limit N]", "the customers who spent most", CTL_DB,
	    cmd_customers },
	[C_SHIFTS] = { "report shifts", "--from DATE --to DATE [--csv]",
	    "closed shifts with their cash variances", CTL_DB, cmd_shifts },
};

const struct ctl_group ctl_group_report = { report_cmds,
	(int)(sizeof report_cmds / sizeof report_cmds[0]) };

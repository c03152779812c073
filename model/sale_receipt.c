/*
 * sale_receipt.c -- reading sales back, and their receipts as text.
 */
#include "model/sale.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/money.h"
#include "model/product.h"
#include "model/sale_int.h"
#include "model/settings.h"

#define RECEIPT_COLS	40

static void
sale_info_row(struct db_stmt *st, void *out)
{
	struct sale_info *si = out;

	memset(si, 0, sizeof *si);
	si->id = db_col_int(st, 0);
	si->receipt_no = db_col_int(st, 1);
	si->at = db_col_int(st, 2);
	str_lcpy(si->actor, db_col_text(st, 3), sizeof si->actor);
	si->method = sale_method_parse(db_col_text(st, 4));
	si->customer_id = db_col_int(st, 5);
	si->shift_id = db_col_int(st, 6);
	si->gross = db_col_int(st, 7);
	si->net = db_col_int(st, 8);
	si->tax = db_col_int(st, 9);
	si->discount = db_col_int(st, 10);
	si->tendered = db_col_int(st, 11);
	si->points = db_col_int(st, 12);
	si->ledger_tx = db_col_int(st, 13);
}

static int
sale_info_of(struct db *db, int64_t receipt_no, struct sale_info *si)
{
	return db_row_one(db, sale_info_row, si, "SELECT id, receipt_no, at, "
	    "actor, method, coalesce(customer_id, 0), coalesce(shift_id, 0), "
	    "gross, net, tax, discount, coalesce(tendered, 0), points, "
	    "coalesce(ledger_tx, 0) FROM sales WHERE receipt_no = ?", "i",
	    receipt_no);
}

static void
sale_line_row(struct db_stmt *st, void *out)
{
	struct sale_line *l = out;

	memset(l, 0, sizeof *l);
	l->id = db_col_int(st, 0);
	l->line_no = (int)db_col_int(st, 1);
	l->product_id = db_col_int(st, 2);
	str_lcpy(l->sku, db_col_text(st, 3), sizeof l->sku);
	str_lcpy(l->name, db_col_text(st, 4), sizeof l->name);
	l->qty = db_col_int(st, 5);
	l->unit_price = db_col_int(st, 6);
	l->discount = db_col_int(st, 7);
	l->gross = db_col_int(st, 8);
	l->tax_rate = (int)db_col_int(st, 9);
	l->net = db_col_int(st, 10);
	l->tax = db_col_int(st, 11);
	l->refunded_qty = db_col_int(st, 12);
}

static int
sale_lines_of(struct db *db, int64_t sale_id, struct sale_line **out,
    size_t *n)
{
	return db_row_list(db, sizeof **out, sale_line_row, out, n, "SELECT "
	    "id, line_no, product_id, sku, name, qty, unit_price, discount, "
	    "gross, tax_rate, net, tax, refunded_qty FROM sale_lines "
	    "WHERE sale_id = ? ORDER BY line_no", "i", sale_id);
}

int
sale_get(struct db *db, int64_t receipt_no, struct sale_info *si,
    struct sale_line **lines, size_t *n)
{
	struct sale_info tmp;
	int r;

	if ((r = sale_info_of(db, receipt_no, &tmp)) != 0)
		return r;
	if (lines != NULL && (r = sale_lines_of(db, tmp.id, lines, n)) != 0)
		return r;
	*si = tmp;
	return 0;
}

int
sale_today(struct db *db, int64_t *count, int64_t *gross)
{
	int64_t v[2];
	char day[11];
	int r;

	if ((r = sale_day(db, clock_now(), day)) != 0 ||
	    (r = db_row_ints(db, v, 2, "SELECT count(*), "
	    "coalesce(sum(gross), 0) FROM sales WHERE day = ?", "t",
	    day)) != 0)
		return r;
	*count = v[0];
	*gross = v[1];
	return 0;
}

/* A growing text. */
struct text {
	char	*s;
	size_t	 len, cap;
};

static void
text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

/* Copy at most cols code points of s (sanitized) into buf. */
static void
text_fit(char *buf, size_t size, const char *s, size_t cols)
{
	char *p;
	size_t w = 0;

	str_sanitize(buf, size, s);
	for (p = buf; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 && w++ == cols) {
			*p = '\0';
			return;
		}
	}
}

/* One line: left text, right text flush right within RECEIPT_COLS. */
static void
text_lr(struct text *t, const char *left, const char *right)
{
	char l[RECEIPT_COLS * 4 + 1], line[RECEIPT_COLS * 8 + 2];
	size_t rw = str_width(right), lw, pad;

	text_fit(l, sizeof l, left, rw + 1 < RECEIPT_COLS ?
	    RECEIPT_COLS - rw - 1 : 0);
	lw = str_width(l);
	pad = RECEIPT_COLS > lw + rw ? RECEIPT_COLS - lw - rw : 1;
	if (*right == '\0')
		pad = 0;
	snprintf(line, sizeof line, "%s%*s%s\n", l, (int)pad, "", right);
	text_add(t, line);
}

static void
text_center(struct text *t, const char *s)
{
	char c[RECEIPT_COLS * 4 + 1], line[RECEIPT_COLS * 5 + 2];
	size_t w;

	text_fit(c, sizeof c, s, RECEIPT_COLS);
	w = str_width(c);
	snprintf(line, sizeof line, "%*s%s\n", (int)((RECEIPT_COLS - w) / 2),
	    "", c);
	text_add(t, line);
}

/* The letter marking a rate on the lines and in the tax table. */
static char
receipt_rate_letter(const struct sale_totals *t, int rate)
{
	size_t i;

	for (i = 0; i < t->nrates; i++)
		if (t->rates[i].rate == rate)
			return (char)('A' + i);
	return (char)('A' + SALE_RATES_MAX - 1);
}

static void
receipt_lines(struct text *t, const struct sale_line *v, size_t n,
    const struct sale_totals *tot, int dec)
{
	char left[64], right[64], a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	size_t i;

	for (i = 0; i < n; i++) {
		text_lr(t, v[i].name, "");
		snprintf(left, sizeof left, "  %lld x %s", (long long)v[i].qty,
		    money_format_grouped(a, sizeof a, v[i].unit_price, dec));
		snprintf(right, sizeof right, "%s %c",
		    money_format_grouped(b, sizeof b, v[i].gross +
		    v[i].discount, dec), receipt_rate_letter(tot,
		    v[i].tax_rate));
		text_lr(t, left, right);
		if (v[i].discount > 0) {
			snprintf(right, sizeof right, "-%s  ",
			    money_format_grouped(b, sizeof b, v[i].discount,
			    dec));
			text_lr(t, "  discount", right);
		}
	}
}

static void
receipt_taxes(struct text *t, const struct sale_totals *tot, int dec)
{
	char left[64], right[96], rate[16], a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	size_t i;

	for (i = 0; i < tot->nrates; i++) {
		snprintf(left, sizeof left, "%c %s%%", (char)('A' + i),
		    product_rate_format(rate, sizeof rate,
		    tot->rates[i].rate));
		snprintf(right, sizeof right, "net %s tax %s",
		    money_format_grouped(a, sizeof a, tot->rates[i].net, dec),
		    money_format_grouped(b, sizeof b, tot->rates[i].tax, dec));
		text_lr(t, left, right);
	}
}

static void
receipt_payment(struct text *t, const struct sale_info *si,
    const struct cafe_info *ci)
{
	char line[64], a[MONEY_BUFSZ];
	int dec = ci->decimals;

	if (si->method == SALE_WALLET)
		snprintf(line, sizeof line, "Paid from the wallet of member "
		    "%lld", (long long)si->customer_id);
	else
		snprintf(line, sizeof line, "Paid by %s", si->method ==
		    SALE_CASH ? "cash" : "card");
	text_lr(t, line, "");
	if (si->tendered > 0) {
		text_lr(t, "Given", money_format_grouped(a, sizeof a,
		    si->tendered, dec));
		text_lr(t, "Change", money_format_grouped(a, sizeof a,
		    si->tendered - si->gross, dec));
	}
	if (si->points > 0) {
		snprintf(line, sizeof line, "Loyalty points earned: %lld",
		    (long long)si->points);
		text_lr(t, line, "");
	}
}

static int
receipt_build(struct db *db, const struct sale_info *si,
    const struct sale_line *v, size_t n, struct text *t)
{
	struct cafe_info ci;
	struct sale_totals tot;
	char line[64], when[32], footer[SETTINGS_VALUE_MAX];
	char rule[RECEIPT_COLS + 2], a[MONEY_BUFSZ + 8];
	int r;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = settings_get(db, "shop.receipt_footer", footer,
	    sizeof footer)) != 0)
		return r;
	memset(rule, '-', RECEIPT_COLS);
	rule[RECEIPT_COLS] = '\n';
	rule[RECEIPT_COLS + 1] = '\0';
	sale_totals_of(v, n, &tot);
	text_center(t, ci.name);
	snprintf(line, sizeof line, "Receipt %lld", (long long)si->receipt_no);
	text_lr(t, line, clock_fmt_local(when, sizeof when, si->at,
	    ci.timezone, "%Y-%m-%d %H:%M"));
	text_add(t, rule);
	receipt_lines(t, v, n, &tot, ci.decimals);
	text_add(t, rule);
	text_lr(t, "TOTAL", money_format_cur(a, sizeof a, si->gross,
	    ci.decimals, ci.currency));
	receipt_taxes(t, &tot, ci.decimals);
	receipt_payment(t, si, &ci);
	text_add(t, rule);
	text_center(t, footer);
	return 0;
}

int
sale_receipt_text(struct db *db, int64_t receipt_no, char **out)
{
	struct sale_info si;
	struct sale_line *v = NULL;
	struct text t = { NULL, 0, 0 };
	size_t n = 0;
	int r;

	if ((r = sale_get(db, receipt_no, &si, &v, &n)) != 0)
		return r;
	text_add(&t, "");
	r = receipt_build(db, &si, v, n, &t);
	free(v);
	if (r != 0) {
		free(t.s);
		return r;
	}
	*out = t.s;
	return 0;
}

int
sale_receipt_write(struct db *db, int64_t receipt_no, const char *path)
{
	char *text;
	size_t len;
	int fd, r;

	if ((r = sale_receipt_text(db, receipt_no, &text)) != 0)
		return r;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(text);
		return errno == EEXIST ? ERR_EXISTS : ERR_IO;
	}
	len = strlen(text);
	r = write(fd, text, len) == (ssize_t)len ? 0 : ERR_IO;
	if (close(fd) != 0)
		r = ERR_IO;
	free(text);
	return r;
}

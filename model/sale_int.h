/*
 * sale_int.h -- what the files of the point of sale share (sale.c,
 * sale_checkout.c, sale_receipt.c, sale_refund.c); not for other
 * modules.
 */
#ifndef CAFED_SALE_INT_H
#define CAFED_SALE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/sale.h"

struct product;

struct sale_basket {
	struct sale_line	lines[SALE_LINES_MAX];
	size_t			n;
};

/* The method named s ("cash"), or -1. */
int	sale_method_parse(const char *s);

/*
 * Compute l's gross (qty * unit_price - discount, at most MONEY_MAX),
 * net and tax. Returns 0, ERR_INVALID (discount) or ERR_OVERFLOW.
 */
int	sale_line_compute(struct sale_line *l);

/* Copy p's id, SKU, name, price and tax rate into l. */
void	sale_line_from_product(struct sale_line *l, const struct product *p);

/* The totals of n lines. */
void	sale_totals_of(const struct sale_line *lines, size_t n,
	    struct sale_totals *t);

/* The café's business day of time t ("YYYY-MM-DD") into day[11]. */
int	sale_day(struct db *db, int64_t t, char day[11]);

/* The next number of a gapless sequence (receipts, refunds). */
int	sale_next_no(struct db *db, int refunds, int64_t *out);

#endif

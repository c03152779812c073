/*
 * sale.c -- the basket: lines, quantities, discounts, tax and totals.
 * The checkout is in sale_checkout.c, receipts in sale_receipt.c,
 * refunds in sale_refund.c.
 */
#include "model/sale.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/money.h"
#include "model/product.h"
#include "model/sale_int.h"

static const char *const sale_methods[] = {
	[SALE_WALLET] = "wallet",
	[SALE_CASH] = "cash",
	[SALE_CARD] = "card",
};

const char *
sale_method_name(int method)
{
	if (method < SALE_WALLET || method > SALE_CARD)
		return NULL;
	return sale_methods[method];
}

int
sale_method_parse(const char *s)
{
	int i;

	for (i = SALE_WALLET; i <= SALE_CARD; i++)
		if (strcmp(s, sale_methods[i]) == 0)
			return i;
	return -1;
}

int
sale_tax_split(int64_t gross, int bp, int64_t *net, int64_t *tax)
{
	int64_t n;
	int r;

	if (bp < 0 || bp > PRODUCT_TAX_MAX)
		return ERR_INVALID;
	if ((r = money_mul_div_round(gross, 10000, 10000 + bp, &n)) != 0)
		return r;
	*net = n;
	*tax = gross - n;
	return 0;
}

int
sale_line_compute(struct sale_line *l)
{
	int64_t g;
	int r;

	if ((r = money_mul(l->unit_price, l->qty, &g)) != 0)
		return r;
	if (g > MONEY_MAX)
		return ERR_OVERFLOW;
	if (l->discount < 0 || l->discount > g)
		return ERR_INVALID;
	l->gross = g - l->discount;
	return sale_tax_split(l->gross, l->tax_rate, &l->net, &l->tax);
}

struct sale_basket *
sale_basket_new(void)
{
	return xcalloc(1, sizeof(struct sale_basket));
}

void
sale_basket_free(struct sale_basket *b)
{
	free(b);
}

void
sale_basket_clear(struct sale_basket *b)
{
	b->n = 0;
}

size_t
sale_basket_count(const struct sale_basket *b)
{
	return b->n;
}

int
sale_basket_line(const struct sale_basket *b, size_t i, struct sale_line *out)
{
	if (i >= b->n)
		return ERR_NOTFOUND;
	*out = b->lines[i];
	return 0;
}

/* Take a product's current name, price and rate into line l. */
void
sale_line_from_product(struct sale_line *l, const struct product *p)
{
	l->product_id = p->id;
	str_lcpy(l->sku, p->sku, sizeof l->sku);
	str_lcpy(l->name, p->name, sizeof l->name);
	l->unit_price = p->price;
	l->tax_rate = p->tax_rate;
}

/* Set line l to qty units, checking the stock of product p. */
static int
sale_line_set(struct sale_line *l, const struct product *p, int64_t qty,
    int64_t *left)
{
	struct sale_line t = *l;
	int64_t full;
	int r;

	if (qty > p->on_hand) {
		if (left != NULL)
			*left = p->on_hand;
		return ERR_INSUFFICIENT;
	}
	sale_line_from_product(&t, p);
	t.qty = qty;
	/* Fewer units keep their discount only up to their price. */
	if (money_mul(t.unit_price, qty, &full) == 0 && t.discount > full)
		t.discount = full;
	if ((r = sale_line_compute(&t)) != 0)
		return r;
	*l = t;
	return 0;
}

int
sale_basket_add(struct db *db, struct sale_basket *b, const char *sku,
    int64_t qty, size_t *line, int64_t *left)
{
	struct sale_line fresh;
	struct product p;
	size_t i;
	int r;

	if ((r = product_find(db, sku, &p)) != 0)
		return r;
	if (!p.active)
		return ERR_STATE;
	if (qty < 1 || qty > PRODUCT_QTY_MAX)
		return ERR_INVALID;
	for (i = 0; i < b->n; i++)
		if (b->lines[i].product_id == p.id)
			break;
	if (i == b->n) {
		if (b->n == SALE_LINES_MAX)
			return ERR_RANGE;
		memset(&fresh, 0, sizeof fresh);
		if ((r = sale_line_set(&fresh, &p, qty, left)) != 0)
			return r;
		fresh.line_no = (int)b->n + 1;
		b->lines[b->n++] = fresh;
	} else if ((r = sale_line_set(&b->lines[i], &p, b->lines[i].qty + qty,
	    left)) != 0)
		return r;
	if (line != NULL)
		*line = i;
	return 0;
}

int
sale_basket_set_qty(struct db *db, struct sale_basket *b, size_t i,
    int64_t qty, int64_t *left)
{
	struct product p;
	size_t j;
	int r;

	if (i >= b->n)
		return ERR_NOTFOUND;
	if (qty < 0 || qty > PRODUCT_QTY_MAX)
		return ERR_INVALID;
	if (qty == 0) {
		for (j = i; j + 1 < b->n; j++) {
			b->lines[j] = b->lines[j + 1];
			b->lines[j].line_no = (int)j + 1;
		}
		b->n--;
		return 0;
	}
	if ((r = product_get(db, b->lines[i].product_id, &p)) != 0)
		return r;
	return sale_line_set(&b->lines[i], &p, qty, left);
}

int
sale_basket_discount(struct sale_basket *b, size_t i, int64_t amount)
{
	struct sale_line t;
	int r;

	if (i >= b->n)
		return ERR_NOTFOUND;
	t = b->lines[i];
	t.discount = amount;
	if ((r = sale_line_compute(&t)) != 0)
		return r;
	b->lines[i] = t;
	return 0;
}

/* Add one line's figures to the per-rate table of t. */
static void
sale_totals_rate(struct sale_totals *t, const struct sale_line *l)
{
	size_t i;

	for (i = 0; i < t->nrates; i++)
		if (t->rates[i].rate == l->tax_rate)
			break;
	if (i == t->nrates) {
		if (t->nrates == SALE_RATES_MAX)
			i = SALE_RATES_MAX - 1;
		else
			t->rates[t->nrates++].rate = l->tax_rate;
	}
	t->rates[i].net += l->net;
	t->rates[i].tax += l->tax;
	t->rates[i].gross += l->gross;
}

void
sale_totals_of(const struct sale_line *lines, size_t n, struct sale_totals *t)
{
	size_t i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < n; i++) {
		t->items += lines[i].qty;
		t->gross += lines[i].gross;
		t->net += lines[i].net;
		t->tax += lines[i].tax;
		t->discount += lines[i].discount;
		sale_totals_rate(t, &lines[i]);
	}
}

void
sale_basket_totals(const struct sale_basket *b, struct sale_totals *t)
{
	sale_totals_of(b->lines, b->n, t);
}

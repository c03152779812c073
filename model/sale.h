/*
 * sale.h -- the point of sale: a basket of lines, paid at once from a
 * member's wallet, in cash or by card into an open shift; receipts with
 * gapless numbers; refunds of sale lines.
 *
 * TAX. Prices are gross (tax included). Each line's tax is computed
 * from the line's gross with its category's rate r (basis points):
 *   net = round(gross * 10000 / (10000 + r)),  tax = gross - net,
 * rounded half away from zero (money_mul_div_round), so net + tax is
 * always exactly the gross. A receipt's net and tax are the sums of its
 * lines' (per-line rounding); the receipt also shows them per rate. A
 * partial refund of k of a line's n units takes round(line * k / n) of
 * its gross and net (the rest is tax); the refund of the last units
 * takes exactly what is left, so a line refunded in full gives back
 * exactly what it took.
 *
 * ONE TRANSACTION. A checkout re-reads every product, takes the next
 * receipt number, writes the sale, its lines, the stock movements, one
 * ledger transaction (op "shop.sale", which writes the audit row) and
 * the loyalty points earned, in one write transaction, or nothing.
 *
 * LEDGER LEGS (model/ledger.h). The payment (wallet(c) -gross, or
 * drawer(shift) +gross, or card +gross with the shift), revenue.shop
 * +(gross + discounts), discounts +discounts, and for a member
 * loyalty(c) +value, loyalty.cost +value. A refund (op "shop.refund",
 * reversing the sale's tx) gives the money back the way it came:
 * wallet(c) +amount, or drawer(shift open now) -amount, or card
 * -amount; refunds +amount.
 */
#ifndef CAFED_SALE_H
#define CAFED_SALE_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;
struct sale_basket;

#define SALE_LINES_MAX		100	/* lines in one basket */
#define SALE_KEY_MAX		128	/* bytes of an idempotency key */
#define SALE_RATES_MAX		8	/* tax rates shown on one receipt */

enum sale_method {
	SALE_WALLET,
	SALE_CASH,
	SALE_CARD
};

/* One line, of a basket or of a sale. */
struct sale_line {
	int64_t	id;		/* sale line id; 0 in a basket */
	int	line_no;	/* 1, 2, ... */
	int64_t	product_id;
	char	sku[33];
	char	name[257];
	int64_t	qty;
	int64_t	unit_price;	/* gross */
	int64_t	discount;	/* off the line, minor units */
	int64_t	gross;		/* qty * unit_price - discount */
	int	tax_rate;	/* basis points */
	int64_t	net, tax;
	int64_t	refunded_qty;	/* of a sale */
};

/* The tax of one rate on a receipt. */
struct sale_rate {
	int	rate;
	int64_t	net, tax, gross;
};

struct sale_totals {
	int64_t		 items;		/* units */
	int64_t		 gross, net, tax, discount;
	size_t		 nrates;
	struct sale_rate rates[SALE_RATES_MAX];	/* by rate; the last
						   holds the rest if more */
};

/*
 * Split a gross amount at tax rate bp (0..10000) into net and tax (see
 * TAX above). Returns 0, ERR_INVALID or ERR_OVERFLOW.
 */
int	sale_tax_split(int64_t gross, int bp, int64_t *net, int64_t *tax);

/* A new empty basket; free with sale_basket_free (NULL is a no-op). */
struct sale_basket *sale_basket_new(void);
void	sale_basket_free(struct sale_basket *);

/* Empty the basket (after a checkout, or on Esc). */
void	sale_basket_clear(struct sale_basket *);

/*
 * Add qty (1..PRODUCT_QTY_MAX) of the product with this SKU (any case);
 * a product already in the basket gets its quantity raised. Sets *line
 * (may be NULL) to the line's index. Returns 0, ERR_NOTFOUND (unknown
 * SKU), ERR_STATE (inactive product), ERR_INVALID (qty), ERR_RANGE
 * (SALE_LINES_MAX lines already), or ERR_INSUFFICIENT with *left (may
 * be NULL) set to the stock on hand when the basket would want more.
 */
int	sale_basket_add(struct db *, struct sale_basket *, const char *sku,
	    int64_t qty, size_t *line, int64_t *left);

/*
 * Set the quantity of line i (0 removes it, the lines after it move up).
 * Returns 0, ERR_NOTFOUND (no line i), ERR_INVALID, or ERR_INSUFFICIENT
 * with *left (may be NULL) set to the stock on hand.
 */
int	sale_basket_set_qty(struct db *, struct sale_basket *, size_t i,
	    int64_t qty, int64_t *left);

/*
 * Take amount (0 removes the discount) off line i. Checked against the
 * line's gross now and at checkout; checkout needs wallet.approve when
 * any line has a discount. Returns 0, ERR_NOTFOUND or ERR_INVALID.
 */
int	sale_basket_discount(struct sale_basket *, size_t i, int64_t amount);

/* The number of lines, line i (0 or ERR_NOTFOUND), and the totals. */
size_t	sale_basket_count(const struct sale_basket *);
int	sale_basket_line(const struct sale_basket *, size_t i,
	    struct sale_line *out);
void	sale_basket_totals(const struct sale_basket *, struct sale_totals *);

/* How a basket is paid. */
struct sale_pay {
	int		 method;	/* enum sale_method */
	int64_t		 customer_id;	/* wallet: who pays; cash and card:
					   the member earning points, or 0 */
	int64_t		 shift_id;	/* cash and card: the open shift whose
					   drawer or Z-report takes it */
	int64_t		 tendered;	/* cash handed over; 0: exact */
	const char	*key;		/* idempotency key (see ledger.h);
					   NULL: a fresh one */
};

struct sale_result {
	int64_t	sale_id;
	int64_t	receipt_no;
	int64_t	gross, net, tax, discount;
	int64_t	change;		/* cash: tendered - gross */
	int64_t	points;		/* loyalty points earned */
	int64_t	ledger_tx;
	int	replayed;	/* 1: the key was used for this very sale */
	char	short_sku[33];	/* ERR_INSUFFICIENT for stock: which ... */
	int64_t	left;		/* ... and how many are left */
};

/*
 * Sell the basket (shop.sell; wallet.approve too when a line has a
 * discount). On success the basket is emptied and *res filled. A key
 * used before for the same basket and payment returns the first sale
 * with res->replayed = 1 and changes nothing.
 *
 * Returns 0, or: ERR_DENIED; ERR_INVALID (empty basket, unknown method,
 * wallet without customer); ERR_NOSHIFT (cash or card without a shift,
 * or the shift is closed); ERR_NOTFOUND (unknown customer or shift, a
 * product gone); ERR_DISABLED (the paying customer is disabled);
 * ERR_STATE (a product was made inactive, or its price changed since
 * it was added: the basket now shows the new price); ERR_RANGE (cash
 * tendered below the total); ERR_INSUFFICIENT (stock short, with
 * res->short_sku and res->left set; or the wallet is short, with
 * res->short_sku ""); ERR_CONFLICT (the key was used for something
 * else); or a database error. Nothing is written on any error.
 */
int	sale_checkout(struct mctx *, struct sale_basket *,
	    const struct sale_pay *, struct sale_result *res);

/* A sale as stored. */
struct sale_info {
	int64_t	id;
	int64_t	receipt_no;
	int64_t	at;
	char	actor[48];
	int	method;
	int64_t	customer_id, shift_id;
	int64_t	gross, net, tax, discount, tendered, points;
	int64_t	ledger_tx;
};

/*
 * The sale with this receipt number; *lines (may be NULL) gets its
 * lines, an array of *n the caller frees. Returns 0 or ERR_NOTFOUND.
 */
int	sale_get(struct db *, int64_t receipt_no, struct sale_info *,
	    struct sale_line **lines, size_t *n);

/* "wallet", "cash", "card"; NULL if unknown. */
const char *sale_method_name(int method);

/*
 * The receipt of a sale as plain text (UTF-8, lines of at most 40
 * columns, ending in a newline): the café, number, time, lines, the tax
 * per rate, the total, the payment and the change. *out is a string the
 * caller frees. Returns 0 or ERR_NOTFOUND.
 */
int	sale_receipt_text(struct db *, int64_t receipt_no, char **out);

/* Write the receipt to a new file at path (mode 0644). ERR_IO/EXISTS. */
int	sale_receipt_write(struct db *, int64_t receipt_no, const char *path);

/* A refund of (part of) one sale line. */
struct sale_refund_req {
	int64_t		 receipt_no;
	int		 line_no;
	int64_t		 qty;		/* 1..what is not refunded yet */
	int		 waste;		/* 1: do not restock it */
	const char	*reason;	/* required, 1..128 characters */
	int64_t		 shift_id;	/* cash and card sales: the shift open
					   now, whose drawer pays it out */
	const char	*key;		/* idempotency key; NULL: fresh */
};

struct sale_refund_result {
	int64_t	approval_id;	/* ERR_NEEDS_APPROVAL: the request */
	int64_t	refund_id;
	int64_t	refund_no;	/* gapless, like receipt numbers */
	int64_t	gross, net, tax;
	int64_t	points;		/* loyalty points taken back */
	int64_t	ledger_tx;
	int	replayed;
};

/*
 * Refund qty units of a sale line (wallet.refund): the money goes back
 * the way it came (see LEDGER LEGS), the units go back on the shelf
 * unless waste, and the points the sale earned for them are taken back
 * as far as they are unspent.
 *
 * Two-person rule (model/approval.h): a refund above approval.threshold,
 * or by someone without wallet.approve, is recorded as a request and
 * ERR_NEEDS_APPROVAL returned with res->approval_id; approving it runs
 * the refund. Calling again with the same key answers from the request:
 * ERR_NEEDS_APPROVAL while it waits, ERR_DENIED once rejected, and the
 * refund made (replayed = 1) once approved.
 *
 * Returns 0, ERR_NEEDS_APPROVAL, ERR_DENIED, ERR_INVALID (qty, reason),
 * ERR_NOTFOUND (receipt or line), ERR_STATE (the line is refunded
 * already), ERR_RANGE (fewer units are left), ERR_NOSHIFT (a cash or
 * card sale without an open shift), ERR_INSUFFICIENT (the drawer holds
 * too little cash), ERR_CONFLICT, or a database error.
 */
int	sale_refund(struct mctx *, const struct sale_refund_req *,
	    struct sale_refund_result *res);

struct approval_info;

/*
 * Run the refund of an approved request (the cash desk's approval.c
 * calls it in its transaction, exec acting as the requester, approver
 * naming who approved). Sets *tx_id to the refund's ledger tx. Returns
 * like sale_refund() without the approval step.
 */
int	sale_refund_exec_approved(struct mctx *exec,
	    const struct approval_info *, const char *approver,
	    int64_t *tx_id);

/* Today's sales (the café's business day): count and gross. */
int	sale_today(struct db *, int64_t *count, int64_t *gross);

#endif

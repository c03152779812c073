/*
 * stock.h -- stock on hand, changed only through movements.
 *
 * A movement is a receipt of goods (with its unit cost), a sale, a
 * return (a refunded sale line put back on the shelf), waste (with a
 * reason) or a count (a stocktake: the counted quantity replaces what
 * the books said, the difference is recorded). Stock never goes below
 * zero. Movements are append-only; products.on_hand caches their sum and
 * stock_verify() checks that it does.
 */
#ifndef CAFED_STOCK_H
#define CAFED_STOCK_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

enum stock_kind {
	STOCK_RECEIVE,
	STOCK_SALE,
	STOCK_RETURN,
	STOCK_WASTE,
	STOCK_COUNT
};

#define STOCK_REASON_MAX	128	/* characters */

/* One movement as stored. */
struct stock_movement {
	int64_t	id;
	int64_t	product_id;
	char	sku[33];
	int	kind;
	int64_t	qty;		/* signed change of on hand */
	int64_t	on_hand_after;
	int64_t	unit_cost;	/* receive; -1 otherwise */
	char	reason[STOCK_REASON_MAX * 4 + 1];
	int64_t	sale_line_id;	/* sale and return; 0 otherwise */
	int64_t	at;
	char	actor[48];
};

/* "receive", "sale", "return", "waste", "count"; NULL if unknown. */
const char	*stock_kind_name(int kind);

/*
 * Receive qty (1..PRODUCT_QTY_MAX) units of a product (inventory.manage).
 * With unit_cost >= 0 the movement records it and it becomes the
 * product's cost price; -1 records none. Audited as stock.receive.
 * Sets *on_hand (may be NULL) to the new stock. Returns 0, ERR_DENIED,
 * ERR_INVALID, ERR_NOTFOUND or a database error.
 */
int	stock_receive(struct mctx *, int64_t product_id, int64_t qty,
	    int64_t unit_cost, int64_t *on_hand);

/*
 * Write off qty units as waste with a reason (1..128 printable
 * characters) (inventory.manage). Audited as stock.waste. Sets *on_hand
 * (may be NULL) to the stock after it, or on ERR_INSUFFICIENT to what is
 * left. Returns 0, ERR_DENIED, ERR_INVALID, ERR_NOTFOUND,
 * ERR_INSUFFICIENT or a database error.
 */
int	stock_waste(struct mctx *, int64_t product_id, int64_t qty,
	    const char *reason, int64_t *on_hand);

/*
 * A stocktake (inventory.manage): counted (0..PRODUCT_QTY_MAX) becomes
 * the stock on hand; the movement records the difference, also when it
 * is zero. Sets *diff (may be NULL). Audited as stock.count. Returns 0,
 * ERR_DENIED, ERR_INVALID, ERR_NOTFOUND or a database error.
 */
int	stock_count(struct mctx *, int64_t product_id, int64_t counted,
	    int64_t *diff);

/*
 * Move stock inside the caller's write transaction, without an audit
 * row of its own (the caller's row covers it): used by sales (kind
 * STOCK_SALE, qty negative) and refunds (STOCK_RETURN, positive).
 * Returns 0, ERR_NOTFOUND, ERR_INTERNAL outside a transaction, or
 * ERR_INSUFFICIENT with *left (may be NULL) set to what is on hand.
 */
int	stock_move_tx(struct mctx *, int64_t product_id, int kind,
	    int64_t qty, int64_t sale_line_id, int64_t *left);

/*
 * Movements, newest first: of one product (product_id > 0) or all,
 * with ids below before_id (0: from the newest), at most limit. The
 * caller frees *out.
 */
int	stock_movements(struct db *, int64_t product_id, int64_t before_id,
	    int limit, struct stock_movement **out, size_t *n);

struct stock_verify {
	int64_t	products;	/* products checked */
	int64_t	movements;	/* movements summed */
	int64_t	bad_product_id;	/* first mismatch, 0 if none */
	char	why[128];	/* what is wrong, "" if nothing */
};

/*
 * Check that every product's stock on hand equals the sum of its
 * movements and that each movement's on_hand_after is the running sum.
 * Returns 0, ERR_INTEGRITY with res filled in, or a database error.
 */
int	stock_verify(struct db *, struct stock_verify *res);

#endif

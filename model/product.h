/*
 * product.h -- the snack bar's products and their categories.
 *
 * A product has a SKU (unique ignoring case), a name, a category, a sale
 * price (gross: tax included), a cost price, a reorder level and an
 * active flag. Each category carries a tax rate in basis points (1900 is
 * 19 %); a category named for the first time is created with the rate of
 * the setting shop.default_tax_rate. Stock on hand is read here but only
 * changes through model/stock.h.
 */
#ifndef CAFED_PRODUCT_H
#define CAFED_PRODUCT_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

#define PRODUCT_SKU_MAX		32	/* characters: A-Z a-z 0-9 . _ - */
#define PRODUCT_NAME_MAX	64	/* characters (UTF-8) */
#define PRODUCT_CATEGORY_MAX	32	/* characters (UTF-8) */
#define PRODUCT_TAX_MAX		10000	/* 100 % in basis points */
#define PRODUCT_QTY_MAX		1000000	/* one movement or line at most */
#define PRODUCT_DEFAULT_CATEGORY "General"

struct product {
	int64_t	id;
	char	sku[PRODUCT_SKU_MAX + 1];
	char	name[PRODUCT_NAME_MAX * 4 + 1];
	int64_t	category_id;
	char	category[PRODUCT_CATEGORY_MAX * 4 + 1];
	int	tax_rate;		/* basis points */
	int64_t	price;			/* gross, minor units */
	int64_t	cost;
	int64_t	reorder_level;
	int	active;
	int64_t	on_hand;
	int64_t	created_at;
};

struct product_category {
	int64_t	id;
	char	name[PRODUCT_CATEGORY_MAX * 4 + 1];
	int	tax_rate;
	int64_t	products;		/* how many products use it */
};

/* What product_add() needs; category NULL means "General". */
struct product_new {
	const char	*sku;
	const char	*name;
	const char	*category;
	int64_t		 price;
	int64_t		 cost;
	int64_t		 reorder_level;
};

/* A change: NULL strings and negative numbers leave a field as it is. */
struct product_edit {
	const char	*name;
	const char	*category;
	int64_t		 price;
	int64_t		 cost;
	int64_t		 reorder_level;
	int		 active;	/* 0, 1, or -1: unchanged */
};

/* Flags of product_list(). */
enum {
	PRODUCT_LIST_ACTIVE = 0x01,	/* active products only */
	PRODUCT_LIST_LOW = 0x02		/* active, on hand <= reorder level */
};

/* A product_edit that changes nothing, to fill in. */
void	product_edit_init(struct product_edit *);

/*
 * Check a SKU: 1..32 of A-Z a-z 0-9 '.' '_' '-'. Returns 0 or ERR_INVALID
 * with *why (may be NULL) set to a sentence.
 */
int	product_sku_valid(const char *sku, const char **why);

/*
 * Parse a tax rate typed as a percentage ("19", "7.5", "5.25") into
 * basis points. Returns 0, or ERR_INVALID (malformed, more than two
 * decimals, over 100).
 */
int	product_rate_parse(const char *s, int *bp);

/* Format basis points as a percentage without trailing zeros ("7.5"). */
char	*product_rate_format(char *buf, size_t size, int bp);

/*
 * Create a product (inventory.manage), with no stock; creates its
 * category if new. Sets *id. Returns 0, ERR_DENIED, ERR_INVALID (with
 * *why), ERR_EXISTS (SKU taken, ignoring case) or a database error.
 * Audited as product.add.
 */
int	product_add(struct mctx *, const struct product_new *, int64_t *id,
	    const char **why);

/*
 * Change a product (inventory.manage). Audited as product.update with
 * the old and new value of every changed field (prices formatted).
 * Returns 0 (also when nothing changed), ERR_DENIED, ERR_NOTFOUND,
 * ERR_INVALID (with *why) or a database error.
 */
int	product_update(struct mctx *, int64_t id, const struct product_edit *,
	    const char **why);

/* The product with this id / SKU (any case). 0 or ERR_NOTFOUND. */
int	product_get(struct db *, int64_t id, struct product *);
int	product_find(struct db *, const char *sku, struct product *);

/*
 * Products by SKU, with PRODUCT_LIST_* flags. *out is an array of *n
 * products the caller frees with free() (NULL when none).
 */
int	product_list(struct db *, int flags, struct product **out, size_t *n);

/*
 * Active products whose SKU starts with text or whose name contains it
 * (ignoring ASCII case), exact SKU first, then by name; at most limit.
 * Caller frees *out.
 */
int	product_search(struct db *, const char *text, int limit,
	    struct product **out, size_t *n);

/* How many active products are at or below their reorder level. */
int	product_low_count(struct db *, int64_t *n);

/*
 * Create the category name with rate bp, or change its rate
 * (inventory.manage; audited with old and new rates). Sets *id (may be
 * NULL). Returns 0, ERR_DENIED, ERR_INVALID or a database error.
 */
int	product_category_set(struct mctx *, const char *name, int bp,
	    int64_t *id);

/* The categories by name; caller frees *out. */
int	product_category_list(struct db *, struct product_category **out,
	    size_t *n);

/*
 * Find the category name (ignoring case), creating it with the default
 * rate when missing. Must run inside the caller's write transaction;
 * audits a creation. Returns 0, ERR_INVALID or a database error.
 */
int	product_category_ensure(struct mctx *, const char *name, int64_t *id);

/*
 * Parse a count as typed (digits only, 0..PRODUCT_QTY_MAX, at most 7
 * digits) into *out. Returns 0 or ERR_INVALID.
 */
int	product_qty_parse(const char *s, int64_t *out);

#endif

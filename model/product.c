/*
 * product.c -- products and categories: validation, audited changes,
 * lookups and lists.
 */
#include "model/product.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/settings.h"

#define PRODUCT_COLS \
	"p.id, p.sku, p.name, p.category_id, c.name, c.tax_rate, p.price, " \
	"p.cost, p.reorder_level, p.active, p.on_hand, p.created_at " \
	"FROM products p JOIN product_categories c ON c.id = p.category_id "

void
product_edit_init(struct product_edit *e)
{
	memset(e, 0, sizeof *e);
	e->price = e->cost = e->reorder_level = -1;
	e->active = -1;
}

int
product_sku_valid(const char *sku, const char **why)
{
	const char *dummy, *p;

	if (why == NULL)
		why = &dummy;
	if (sku == NULL || *sku == '\0' || strlen(sku) > PRODUCT_SKU_MAX) {
		*why = "a SKU has 1 to 32 characters";
		return ERR_INVALID;
	}
	for (p = sku; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		    *p == '-')) {
			*why = "a SKU uses only A-Z, a-z, 0-9, '.', '_', '-'";
			return ERR_INVALID;
		}
	}
	return 0;
}

/* A name of 1..max characters without control characters. */
static int
product_text_valid(const char *s, size_t max)
{
	return s != NULL && *s != '\0' && !str_has_control(s) &&
	    str_width(s) <= max && strlen(s) <= max * 4 &&
	    s[0] != ' ' && s[strlen(s) - 1] != ' ';
}

int
product_rate_parse(const char *s, int *bp)
{
	int64_t v;

	/* A percentage with up to two decimals is an amount of 2 decimals. */
	if (s == NULL || money_parse(s, 2, &v, NULL) != 0 ||
	    v > PRODUCT_TAX_MAX)
		return ERR_INVALID;
	*bp = (int)v;
	return 0;
}

char *
product_rate_format(char *buf, size_t size, int bp)
{
	if (bp % 100 == 0)
		snprintf(buf, size, "%d", bp / 100);
	else if (bp % 10 == 0)
		snprintf(buf, size, "%d.%d", bp / 100, (bp % 100) / 10);
	else
		snprintf(buf, size, "%d.%02d", bp / 100, bp % 100);
	return buf;
}

int
product_qty_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	const char *p;

	if (*s == '\0' || strlen(s) > 7)
		return ERR_INVALID;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return ERR_INVALID;
		v = v * 10 + (*p - '0');
	}
	if (v > PRODUCT_QTY_MAX)
		return ERR_INVALID;
	*out = v;
	return 0;
}

static void
product_row(struct db_stmt *st, void *out)
{
	struct product *p = out;

	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	str_lcpy(p->sku, db_col_text(st, 1), sizeof p->sku);
	str_lcpy(p->name, db_col_text(st, 2), sizeof p->name);
	p->category_id = db_col_int(st, 3);
	str_lcpy(p->category, db_col_text(st, 4), sizeof p->category);
	p->tax_rate = (int)db_col_int(st, 5);
	p->price = db_col_int(st, 6);
	p->cost = db_col_int(st, 7);
	p->reorder_level = db_col_int(st, 8);
	p->active = (int)db_col_int(st, 9);
	p->on_hand = db_col_int(st, 10);
	p->created_at = db_col_int(st, 11);
}

int
product_get(struct db *db, int64_t id, struct product *p)
{
	return db_row_one(db, product_row, p, "SELECT " PRODUCT_COLS
	    "WHERE p.id = ?", "i", id);
}

int
product_find(struct db *db, const char *sku, struct product *p)
{
	char key[PRODUCT_SKU_MAX + 1];

	if (product_sku_valid(sku, NULL) != 0)
		return ERR_NOTFOUND;
	str_lower(memcpy(key, sku, strlen(sku) + 1));
	return db_row_one(db, product_row, p, "SELECT " PRODUCT_COLS
	    "WHERE p.sku_key = ?", "t", key);
}

int
product_list(struct db *db, int flags, struct product **out, size_t *n)
{
	const char *sql;

	if (flags & PRODUCT_LIST_LOW)
		sql = "SELECT " PRODUCT_COLS "WHERE p.active = 1 "
		    "AND p.on_hand <= p.reorder_level ORDER BY p.sku_key";
	else if (flags & PRODUCT_LIST_ACTIVE)
		sql = "SELECT " PRODUCT_COLS "WHERE p.active = 1 "
		    "ORDER BY p.sku_key";
	else
		sql = "SELECT " PRODUCT_COLS "ORDER BY p.sku_key";
	return db_row_list(db, sizeof **out, product_row, out, n, sql, NULL);
}

/* Escape LIKE wildcards of text into a lower-case "%text%" pattern. */
static char *
product_like(const char *text, int prefix)
{
	char *pat = xmalloc(strlen(text) * 2 + 3), *q = pat;

	if (!prefix)
		*q++ = '%';
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*q++ = '\\';
		*q++ = *text;
	}
	*q++ = '%';
	*q = '\0';
	return str_lower(pat);
}

int
product_search(struct db *db, const char *text, int limit,
    struct product **out, size_t *n)
{
	char *any, *pre, *key;
	int r;

	pre = product_like(text, 1);
	any = product_like(text, 0);
	key = str_lower(xstrdup(text));
	r = db_row_list(db, sizeof **out, product_row, out, n, "SELECT "
	    PRODUCT_COLS "WHERE p.active = 1 AND "
	    "(p.sku_key LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? "
	    "ESCAPE '\\') ORDER BY p.sku_key = ? DESC, "
	    "p.sku_key LIKE ? ESCAPE '\\' DESC, lower(p.name), p.id LIMIT ?",
	    "tttti", pre, any, key, pre, (int64_t)(limit > 0 ? limit : 20));
	free(pre);
	free(any);
	free(key);
	return r;
}

int
product_low_count(struct db *db, int64_t *n)
{
	return db_row_int(db, n, "SELECT count(*) FROM products WHERE "
	    "active = 1 AND on_hand <= reorder_level", NULL);
}

static void
category_row(struct db_stmt *st, void *out)
{
	struct product_category *c = out;

	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	str_lcpy(c->name, db_col_text(st, 1), sizeof c->name);
	c->tax_rate = (int)db_col_int(st, 2);
	c->products = db_col_int(st, 3);
}

/* Look a category up by name: 0 with *id and *bp, or ERR_NOTFOUND. */
static int
category_lookup(struct db *db, const char *name, int64_t *id, int *bp)
{
	struct product_category c;
	char *key = str_lower(xstrdup(name));
	int r;

	r = db_row_one(db, category_row, &c, "SELECT id, name, tax_rate, 0 "
	    "FROM product_categories WHERE name_key = ?", "t", key);
	free(key);
	if (r != 0)
		return r;
	*id = c.id;
	*bp = c.tax_rate;
	return 0;
}

static int
category_insert(struct mctx *ctx, const char *name, int bp, int64_t *id)
{
	char *key = str_lower(xstrdup(name)), idbuf[24], rate[16];
	int r;

	r = db_row_id(ctx->db, id, "INSERT INTO product_categories (name, "
	    "name_key, tax_rate, created_at) VALUES (?, ?, ?, ?)", "ttii",
	    name, key, (int64_t)bp, clock_now());
	free(key);
	if (r != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)*id);
	return audit_appendf(ctx, "category.add", "category", idbuf,
	    "name=%s tax=%s%%", name, product_rate_format(rate, sizeof rate,
	    bp));
}

int
product_category_ensure(struct mctx *ctx, const char *name, int64_t *id)
{
	int64_t bp;
	int rate, r;

	if (!product_text_valid(name, PRODUCT_CATEGORY_MAX))
		return ERR_INVALID;
	r = category_lookup(ctx->db, name, id, &rate);
	if (r != ERR_NOTFOUND)
		return r;
	if ((r = settings_get_int(ctx->db, "shop.default_tax_rate", &bp)) != 0)
		return r;
	return category_insert(ctx, name, (int)bp, id);
}

struct cat_arg {
	struct mctx	*ctx;
	const char	*name;
	int		 bp;
	int64_t		 id;
};

static int
category_set_tx(struct db *db, void *argp)
{
	struct cat_arg *a = argp;
	char idbuf[24], o[16], n[16];
	int old, r;

	r = category_lookup(db, a->name, &a->id, &old);
	if (r == ERR_NOTFOUND)
		return category_insert(a->ctx, a->name, a->bp, &a->id);
	if (r != 0 || old == a->bp)
		return r;
	if ((r = db_row_none(db, "UPDATE product_categories SET tax_rate = ? "
	    "WHERE id = ?", "ii", (int64_t)a->bp, a->id)) < 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "category.tax", "category", idbuf,
	    "name=%s tax=%s%%->%s%%", a->name,
	    product_rate_format(o, sizeof o, old),
	    product_rate_format(n, sizeof n, a->bp));
}

int
product_category_set(struct mctx *ctx, const char *name, int bp,
    int64_t *id)
{
	struct cat_arg a = { ctx, name, bp, 0 };
	int r;

	if ((r = perm_require(ctx, PERM_INVENTORY_MANAGE, "category.set",
	    "category", name)) != 0)
		return r;
	if (!product_text_valid(name, PRODUCT_CATEGORY_MAX) || bp < 0 ||
	    bp > PRODUCT_TAX_MAX)
		return ERR_INVALID;
	if ((r = db_write(ctx->db, category_set_tx, &a)) != 0)
		return r;
	if (id != NULL)
		*id = a.id;
	return 0;
}

int
product_category_list(struct db *db, struct product_category **out,
    size_t *n)
{
	return db_row_list(db, sizeof **out, category_row, out, n,
	    "SELECT c.id, c.name, c.tax_rate, (SELECT count(*) FROM "
	    "products p WHERE p.category_id = c.id) FROM product_categories c "
	    "ORDER BY c.name_key", NULL);
}

/* Validate the fields of a new product. */
static int
product_new_valid(const struct product_new *pn, const char **why)
{
	if (product_sku_valid(pn->sku, why) != 0)
		return ERR_INVALID;
	if (!product_text_valid(pn->name, PRODUCT_NAME_MAX)) {
		*why = "a name has 1 to 64 printable characters";
		return ERR_INVALID;
	}
	if (pn->category != NULL &&
	    !product_text_valid(pn->category, PRODUCT_CATEGORY_MAX)) {
		*why = "a category has 1 to 32 printable characters";
		return ERR_INVALID;
	}
	if (pn->price < 0 || pn->price > MONEY_MAX || pn->cost < 0 ||
	    pn->cost > MONEY_MAX) {
		*why = "prices are amounts of zero or more";
		return ERR_INVALID;
	}
	if (pn->reorder_level < 0 || pn->reorder_level > PRODUCT_QTY_MAX) {
		*why = "the reorder level is a count of 0 to 1000000";
		return ERR_INVALID;
	}
	return 0;
}

struct add_arg {
	struct mctx			*ctx;
	const struct product_new	*pn;
	int64_t				 id;
};

static int
product_add_tx(struct db *db, void *argp)
{
	struct add_arg *a = argp;
	const struct product_new *pn = a->pn;
	struct cafe_info ci;
	char key[PRODUCT_SKU_MAX + 1], idbuf[24], pr[MONEY_BUFSZ];
	int64_t cat;
	int r;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = product_category_ensure(a->ctx, pn->category != NULL ?
	    pn->category : PRODUCT_DEFAULT_CATEGORY, &cat)) != 0)
		return r;
	str_lower(memcpy(key, pn->sku, strlen(pn->sku) + 1));
	if ((r = db_row_id(db, &a->id, "INSERT INTO products (sku, sku_key, "
	    "name, category_id, price, cost, reorder_level, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "tttiiiii", pn->sku, key,
	    pn->name, cat, pn->price, pn->cost, pn->reorder_level,
	    clock_now())) != 0)
		return r;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "product.add", "product", idbuf,
	    "sku=%s name=%s price=%s", pn->sku, pn->name,
	    money_format(pr, sizeof pr, pn->price, ci.decimals));
}

int
product_add(struct mctx *ctx, const struct product_new *pn, int64_t *id,
    const char **why)
{
	struct add_arg a = { ctx, pn, 0 };
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_INVENTORY_MANAGE, "product.add",
	    "product", pn->sku != NULL ? pn->sku : "")) != 0)
		return r;
	if ((r = product_new_valid(pn, why)) != 0)
		return r;
	if ((r = db_write(ctx->db, product_add_tx, &a)) != 0) {
		if (r == ERR_EXISTS)
			*why = "a product with this SKU exists already";
		return r;
	}
	*id = a.id;
	return 0;
}

/* Validate a change; *why says what is wrong. */
static int
product_edit_valid(const struct product_edit *e, const char **why)
{
	if (e->name != NULL && !product_text_valid(e->name,
	    PRODUCT_NAME_MAX)) {
		*why = "a name has 1 to 64 printable characters";
		return ERR_INVALID;
	}
	if (e->category != NULL && !product_text_valid(e->category,
	    PRODUCT_CATEGORY_MAX)) {
		*why = "a category has 1 to 32 printable characters";
		return ERR_INVALID;
	}
	if (e->price > MONEY_MAX || e->cost > MONEY_MAX) {
		*why = "amount too large";
		return ERR_INVALID;
	}
	if (e->reorder_level > PRODUCT_QTY_MAX || e->active > 1) {
		*why = "value out of range";
		return ERR_INVALID;
	}
	return 0;
}

/* Append " field=old->new" for an amount that changed. */
static void
product_diff_money(char **d, const char *field, int64_t o, int64_t n,
    int decimals)
{
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], *s;

	if (o == n)
		return;
	xasprintf(&s, "%s %s=%s->%s", *d, field,
	    money_format(a, sizeof a, o, decimals),
	    money_format(b, sizeof b, n, decimals));
	free(*d);
	*d = s;
}

static void
product_diff_text(char **d, const char *field, const char *o, const char *n)
{
	char *s;

	if (strcmp(o, n) == 0)
		return;
	xasprintf(&s, "%s %s=%s->%s", *d, field, o, n);
	free(*d);
	*d = s;
}

/* Apply e to the product p in memory; *d collects the differences. */
static int
product_edit_apply(struct mctx *ctx, struct product *p,
    const struct product_edit *e, int decimals, char **d)
{
	struct product n = *p;
	char a[24], b[24];
	int r;

	if (e->name != NULL)
		str_lcpy(n.name, e->name, sizeof n.name);
	if (e->category != NULL) {
		if ((r = product_category_ensure(ctx, e->category,
		    &n.category_id)) != 0)
			return r;
		str_lcpy(n.category, e->category, sizeof n.category);
	}
	n.price = e->price >= 0 ? e->price : p->price;
	n.cost = e->cost >= 0 ? e->cost : p->cost;
	n.reorder_level = e->reorder_level >= 0 ? e->reorder_level :
	    p->reorder_level;
	n.active = e->active >= 0 ? e->active : p->active;
	product_diff_text(d, "name", p->name, n.name);
	if (n.category_id != p->category_id)
		product_diff_text(d, "category", p->category, n.category);
	product_diff_money(d, "price", p->price, n.price, decimals);
	product_diff_money(d, "cost", p->cost, n.cost, decimals);
	snprintf(a, sizeof a, "%lld", (long long)p->reorder_level);
	snprintf(b, sizeof b, "%lld", (long long)n.reorder_level);
	product_diff_text(d, "reorder", a, b);
	product_diff_text(d, "active", p->active ? "yes" : "no",
	    n.active ? "yes" : "no");
	*p = n;
	return 0;
}

struct update_arg {
	struct mctx			*ctx;
	int64_t				 id;
	const struct product_edit	*e;
};

static int
product_update_tx(struct db *db, void *argp)
{
	struct update_arg *a = argp;
	struct cafe_info ci;
	struct product p;
	char *d = xstrdup(""), idbuf[24];
	int r;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = product_get(db, a->id, &p)) != 0 ||
	    (r = product_edit_apply(a->ctx, &p, a->e, ci.decimals, &d)) != 0 ||
	    *d == '\0' ||
	    (r = db_row_none(db, "UPDATE products SET name = ?, "
	    "category_id = ?, price = ?, cost = ?, reorder_level = ?, "
	    "active = ? WHERE id = ?", "tiiiiii", p.name, p.category_id,
	    p.price, p.cost, p.reorder_level, (int64_t)p.active, p.id)) < 0)
		goto out;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)p.id);
	r = audit_appendf(a->ctx, "product.update", "product", idbuf,
	    "sku=%s%s", p.sku, d);
out:
	free(d);
	return r;
}

int
product_update(struct mctx *ctx, int64_t id, const struct product_edit *e,
    const char **why)
{
	struct update_arg a = { ctx, id, e };
	char idbuf[24];
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_INVENTORY_MANAGE, "product.update",
	    "product", idbuf)) != 0)
		return r;
	if ((r = product_edit_valid(e, why)) != 0)
		return r;
	return db_write(ctx->db, product_update_tx, &a);
}

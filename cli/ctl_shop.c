/*
 * ctl_shop.c -- cafectl product ... and stock ...: the snack bar's
 * range and its stock.
 */
#include "cli/ctl.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "model/product.h"
#include "model/stock.h"

enum {
	C_PADD, C_PLIST, C_PSET, C_PCAT, C_PCATS, C_SRECV, C_SWASTE,
	C_SCOUNT, C_SLIST, C_SMOVES
};

static const struct ctl_cmd shop_cmds[];

/* A count typed by a person: product_qty_parse(), no leading zeros. */
static int
shop_count(const char *s, int64_t *out)
{
	if (s[0] == '0' && s[1] != '\0')
		return -1;
	return product_qty_parse(s, out) == 0 ? 0 : -1;
}

/* Look a product up by SKU; prints why not. */
static int
shop_product(struct ctl *c, const char *sku, struct product *p)
{
	int r;

	if ((r = product_find(c->db, sku, p)) == ERR_NOTFOUND)
		return ctl_fail("%s: no such product", sku);
	if (r != 0)
		return ctl_err(r, sku, NULL);
	return CTL_OK;
}

/* Options of product add and product set. */
struct popts {
	const char	*price, *cost, *category, *reorder, *name;
	int		 active;
};

static int
shop_popts(const struct ctl_cmd *cmd, int argc, char **argv,
    struct popts *o)
{
	static const struct option opts[] = {
		{ "price", required_argument, NULL, 'p' },
		{ "cost", required_argument, NULL, 'c' },
		{ "category", required_argument, NULL, 'g' },
		{ "reorder", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "active", no_argument, NULL, 'a' },
		{ "inactive", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	o->active = -1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p': o->price = optarg; break;
		case 'c': o->cost = optarg; break;
		case 'g': o->category = optarg; break;
		case 'r': o->reorder = optarg; break;
		case 'n': o->name = optarg; break;
		case 'a': o->active = 1; break;
		case 'i': o->active = 0; break;
		default: return ctl_usage(cmd, "bad option");
		}
	}
	return CTL_OK;
}

/* Parse the numeric options into an edit (fields left -1 if absent). */
static int
shop_popts_values(struct ctl *c, const struct popts *o,
    struct product_edit *e)
{
	product_edit_init(e);
	e->name = o->name;
	e->category = o->category;
	e->active = o->active;
	if (o->price != NULL && ctl_amount(c, o->price, &e->price) != CTL_OK)
		return CTL_FAIL;
	if (o->cost != NULL && ctl_amount(c, o->cost, &e->cost) != CTL_OK)
		return CTL_FAIL;
	if (o->reorder != NULL && shop_count(o->reorder,
	    &e->reorder_level) != 0)
		return ctl_fail("bad --reorder '%s': a count of 0 to %d",
		    o->reorder, PRODUCT_QTY_MAX);
	return CTL_OK;
}

static int
cmd_padd(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &shop_cmds[C_PADD];
	struct product_new pn;
	struct product_edit e;
	struct popts o;
	const char *why = NULL;
	int64_t id;
	int r;

	if ((r = shop_popts(cmd, argc, argv, &o)) != CTL_OK)
		return r;
	if (optind != argc - 2)
		return ctl_usage(cmd, "SKU and NAME expected");
	if (o.price == NULL)
		return ctl_usage(cmd, "--price is required");
	if (o.name != NULL || o.active != -1)
		return ctl_usage(cmd, "bad option");
	if (shop_popts_values(c, &o, &e) != CTL_OK)
		return CTL_FAIL;
	pn = (struct product_new){ argv[optind], argv[optind + 1],
	    o.category, e.price, e.cost < 0 ? 0 : e.cost,
	    e.reorder_level < 0 ? 0 : e.reorder_level };
	r = product_add(&c->ctx, &pn, &id, &why);
	if (r == ERR_EXISTS)
		return ctl_fail("a product with SKU '%s' exists already "
		    "(SKUs ignore case)", pn.sku);
	if (r != 0)
		return ctl_err(r, argv[optind], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_pset(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &shop_cmds[C_PSET];
	struct product_edit e;
	struct product p;
	struct popts o;
	const char *why = NULL;
	int r;

	if ((r = shop_popts(cmd, argc, argv, &o)) != CTL_OK)
		return r;
	if (optind != argc - 1)
		return ctl_usage(cmd, "one SKU expected");
	if (shop_popts_values(c, &o, &e) != CTL_OK ||
	    shop_product(c, argv[optind], &p) != CTL_OK)
		return CTL_FAIL;
	if ((r = product_update(&c->ctx, p.id, &e, &why)) != 0)
		return ctl_err(r, argv[optind], why);
	return CTL_OK;
}

static int
cmd_plist(struct ctl *c, int argc, char **argv)
{
	struct product *v;
	char price[32], cost[32], rate[16];
	size_t n, i;
	int r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&shop_cmds[C_PLIST], "no arguments");
	if ((r = product_list(c->db, 0, &v, &n)) != 0)
		return ctl_err(r, "product list", NULL);
	ctl_header(c, "SKU\tNAME\tCATEGORY\tPRICE\tTAX%\tCOST\tON_HAND\t"
	    "REORDER\tSTATE");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%lld\t%lld\t%s\n", v[i].sku,
		    v[i].name, v[i].category,
		    ctl_money(c, v[i].price, price, sizeof price),
		    product_rate_format(rate, sizeof rate, v[i].tax_rate),
		    ctl_money(c, v[i].cost, cost, sizeof cost),
		    (long long)v[i].on_hand, (long long)v[i].reorder_level,
		    v[i].active ? "active" : "inactive");
	free(v);
	return CTL_OK;
}

static int
cmd_pcat(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tax", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd = &shop_cmds[C_PCAT];
	const char *tax = NULL;
	int ch, bp, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 't')
			return ctl_usage(cmd, "bad option");
		tax = optarg;
	}
	if (optind != argc - 1 || tax == NULL)
		return ctl_usage(cmd, "NAME and --tax expected");
	if (product_rate_parse(tax, &bp) != 0)
		return ctl_fail("bad --tax '%s': a percentage from 0 to 100 "
		    "with up to two decimals", tax);
	if ((r = product_category_set(&c->ctx, argv[optind], bp, NULL)) != 0)
		return ctl_err(r, argv[optind], NULL);
	return CTL_OK;
}

static int
cmd_pcats(struct ctl *c, int argc, char **argv)
{
	struct product_category *v;
	char rate[16];
	size_t n, i;
	int r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&shop_cmds[C_PCATS], "no arguments");
	if ((r = product_category_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "product categories", NULL);
	ctl_header(c, "NAME\tTAX%\tPRODUCTS");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%lld\n", v[i].name, product_rate_format(rate,
		    sizeof rate, v[i].tax_rate), (long long)v[i].products);
	free(v);
	return CTL_OK;
}

/* SKU QTY arguments after the options: the product and the count. */
static int
shop_sku_qty(struct ctl *c, const struct ctl_cmd *cmd, int argc,
    char **argv, struct product *p, int64_t *qty)
{
	if (optind != argc - 2)
		return ctl_usage(cmd, "SKU and QTY expected");
	if (shop_count(argv[optind + 1], qty) != 0)
		return ctl_fail("bad quantity '%s': a count of 0 to %d",
		    argv[optind + 1], PRODUCT_QTY_MAX);
	return shop_product(c, argv[optind], p);
}

static int
cmd_receive(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cost", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd = &shop_cmds[C_SRECV];
	struct product p;
	int64_t qty, cost = -1, after;
	int ch, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'c')
			return ctl_usage(cmd, "bad option");
		if (ctl_amount(c, optarg, &cost) != CTL_OK)
			return CTL_FAIL;
	}
	if ((r = shop_sku_qty(c, cmd, argc, argv, &p, &qty)) != CTL_OK)
		return r;
	if ((r = stock_receive(&c->ctx, p.id, qty, cost, &after)) != 0)
		return ctl_err(r, p.sku, qty == 0 ? "receive at least one" :
		    NULL);
	printf("%lld\n", (long long)after);
	return CTL_OK;
}

static int
cmd_waste(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd = &shop_cmds[C_SWASTE];
	const char *reason = NULL;
	struct product p;
	int64_t qty, left = 0;
	int ch, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'r')
			return ctl_usage(cmd, "bad option");
		reason = optarg;
	}
	if (reason == NULL)
		return ctl_usage(cmd, "--reason is required");
	if ((r = shop_sku_qty(c, cmd, argc, argv, &p, &qty)) != CTL_OK)
		return r;
	r = stock_waste(&c->ctx, p.id, qty, reason, &left);
	if (r == ERR_INSUFFICIENT)
		return ctl_fail("%s: only %lld left", p.sku, (long long)left);
	if (r != 0)
		return ctl_err(r, p.sku, NULL);
	printf("%lld\n", (long long)left);
	return CTL_OK;
}

static int
cmd_count(struct ctl *c, int argc, char **argv)
{
	struct product p;
	int64_t qty, diff;
	int r;

	optind = 1;
	if ((r = shop_sku_qty(c, &shop_cmds[C_SCOUNT], argc, argv, &p,
	    &qty)) != CTL_OK)
		return r;
	if ((r = stock_count(&c->ctx, p.id, qty, &diff)) != 0)
		return ctl_err(r, p.sku, NULL);
	printf("%+lld\n", (long long)diff);
	return CTL_OK;
}

static int
cmd_slist(struct ctl *c, int argc, char **argv)
{
	struct product *v;
	size_t n, i;
	int r, low = 0;

	if (argc == 2 && strcmp(argv[1], "--low") == 0)
		low = 1;
	else if (argc != 1)
		return ctl_usage(&shop_cmds[C_SLIST], "only --low");
	if ((r = product_list(c->db, low ? PRODUCT_LIST_LOW : 0, &v,
	    &n)) != 0)
		return ctl_err(r, "stock list", NULL);
	ctl_header(c, "SKU\tON_HAND\tREORDER\tNAME");
	for (i = 0; i < n; i++)
		printf("%s\t%lld\t%lld\t%s\n", v[i].sku,
		    (long long)v[i].on_hand, (long long)v[i].reorder_level,
		    v[i].name);
	free(v);
	return CTL_OK;
}

static void
shop_print_movement(struct ctl *c, const struct stock_movement *m)
{
	char when[32], cost[32] = "";

	if (m->unit_cost >= 0)
		ctl_money(c, m->unit_cost, cost, sizeof cost);
	printf("%lld\t%s\t%s\t%s\t%+lld\t%lld\t%s\t%s\t%s\n",
	    (long long)m->id, ctl_time(c, m->at, when, sizeof when), m->sku,
	    stock_kind_name(m->kind), (long long)m->qty,
	    (long long)m->on_hand_after, cost, m->actor, m->reason);
}

static int
cmd_moves(struct ctl *c, int argc, char **argv)
{
	struct stock_movement *v;
	struct product p;
	size_t n, i;
	int r;

	if (argc > 2)
		return ctl_usage(&shop_cmds[C_SMOVES], "at most one SKU");
	p.id = 0;
	if (argc == 2 && shop_product(c, argv[1], &p) != CTL_OK)
		return CTL_FAIL;
	if ((r = stock_movements(c->db, p.id, 0, 1000, &v, &n)) != 0)
		return ctl_err(r, "stock movements", NULL);
	ctl_header(c, "ID\tTIME\tSKU\tKIND\tQTY\tON_HAND\tCOST\tACTOR\t"
	    "REASON");
	for (i = 0; i < n; i++)
		shop_print_movement(c, &v[i]);
	free(v);
	return CTL_OK;
}

static const struct ctl_cmd shop_cmds[] = {
	[C_PADD] = { "product add", "SKU NAME --price AMOUNT [--category C] "
	    "[--cost AMOUNT] [--reorder N]", "add a product (price gross, tax "
	    "included); prints its id", CTL_DB, cmd_padd },
	[C_PLIST] = { "product list", "", "list every product", CTL_DB,
	    cmd_plist },
	[C_PSET] = { "product set", "SKU [--name N] [--price AMOUNT] "
	    "[--cost AMOUNT] [--category C] [--reorder N] "
	    "[--active|--inactive]", "change a product (audited)", CTL_DB,
	    cmd_pset },
	[C_PCAT] = { "product category", "NAME --tax PERCENT", "create a "
	    "category or change its tax rate (\"19\", \"7.5\")", CTL_DB,
	    cmd_pcat },
	[C_PCATS] = { "product categories", "", "list the categories and "
	    "their tax rates", CTL_DB, cmd_pcats },
	[C_SRECV] = { "stock receive", "SKU QTY [--cost AMOUNT]", "receive "
	    "goods (unit cost); prints the stock on hand", CTL_DB,
	    cmd_receive },
	[C_SWASTE] = { "stock waste", "SKU QTY --reason TEXT", "write goods "
	    "off; prints the stock on hand", CTL_DB, cmd_waste },
	[C_SCOUNT] = { "stock count", "SKU QTY", "stocktake: QTY is on hand "
	    "now; prints the difference", CTL_DB, cmd_count },
	[C_SLIST] = { "stock list", "[--low]", "stock on hand, one product a "
	    "line (SKU, quantity, reorder level, name)", CTL_DB, cmd_slist },
	[C_SMOVES] = { "stock movements", "[SKU]", "the latest 1000 stock "
	    "movements, newest first", CTL_DB, cmd_moves },
};

const struct ctl_group ctl_group_shop = { shop_cmds,
	(int)(sizeof shop_cmds / sizeof shop_cmds[0]) };

/*
 * inventory.c -- the inventory screen: every product with its stock
 * (low ones marked), the keys that add, edit, receive, write off and
 * count, a product's movements, and the dashboard's snack bar section.
 */
#include "screens/inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/sale.h"
#include "model/stock.h"
#include "screens/app.h"
#include "screens/dashboard.h"
#include "screens/invform.h"
#include "screens/modal.h"
#include "tui/dialog.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define MOVES_SHOWN	200	/* movements in the pager */

struct inv_state {
	struct tui_table	*tab;
	struct product		*p;
	size_t			 n;
	int			 low_only;
	int64_t			 low;
};

static const struct tui_col inv_cols[] = {
	{ "SKU", 10, TUI_LEFT },
	{ "Name", 0, TUI_LEFT },
	{ "Category", 10, TUI_LEFT },
	{ "Price", 8, TUI_RIGHT },
	{ "Tax", 4, TUI_RIGHT },
	{ "Stock", 6, TUI_RIGHT },
	{ "Reorder", 7, TUI_RIGHT },
	{ "State", 8, TUI_LEFT },
};

static void
inv_clear(void *p)
{
	struct inv_state *s = p;

	tui_table_free(s->tab);
	free(s->p);
}

static struct inv_state *
inv_state(struct scr_app *app)
{
	struct inv_state *s = scr_app_state(app, &scr_inventory, sizeof(*s),
	    inv_clear);

	if (s->tab == NULL)
		s->tab = tui_table_new(inv_cols, TUI_NKEYS(inv_cols));
	return s;
}

/* The selected product, or NULL (then says so). */
static struct product *
inv_cur(struct tui *t, struct scr_app *app)
{
	struct inv_state *s = inv_state(app);
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= s->n) {
		tui_status(t, TUI_WARNING, "No product selected.");
		return NULL;
	}
	return &s->p[i];
}

/* Low: active and at or below the reorder level. */
static int
inv_is_low(const struct product *p)
{
	return p->active && p->on_hand <= p->reorder_level;
}

static void
inv_row(struct scr_app *app, struct tui_table *tab, const struct product *p)
{
	char price[MONEY_BUFSZ], rate[16], stock[24], reorder[24];
	const char *cells[TUI_NKEYS(inv_cols)];

	snprintf(stock, sizeof(stock), "%lld", (long long)p->on_hand);
	snprintf(reorder, sizeof(reorder), "%lld",
	    (long long)p->reorder_level);
	product_rate_format(rate, sizeof(rate) - 1, p->tax_rate);
	strcat(rate, "%");
	cells[0] = p->sku;
	cells[1] = p->name;
	cells[2] = p->category;
	cells[3] = money_format_grouped(price, sizeof(price), p->price,
	    app->cafe.decimals);
	cells[4] = rate;
	cells[5] = stock;
	cells[6] = reorder;
	cells[7] = !p->active ? "inactive" : inv_is_low(p) ? "LOW" : "ok";
	tui_table_add(tab, cells, !p->active ? TUI_OFFLINE : inv_is_low(p) ?
	    TUI_WARNING : TUI_NORMAL);
}

static int
inv_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct inv_state *s = inv_state(app);
	struct product *v;
	int64_t sel_id = 0;
	size_t n, i;
	int r, sel;

	(void)t;
	if ((sel = tui_table_selected(s->tab)) >= 0 && (size_t)sel < s->n)
		sel_id = s->p[sel].id;
	if ((r = product_list(app->ctx->db, s->low_only ? PRODUCT_LIST_LOW :
	    0, &v, &n)) != 0 ||
	    (r = product_low_count(app->ctx->db, &s->low)) != 0)
		return r;
	free(s->p);
	s->p = v;
	s->n = n;
	tui_table_clear(s->tab);
	for (i = 0; i < n; i++) {
		inv_row(app, s->tab, &v[i]);
		if (v[i].id == sel_id)
			tui_table_select(s->tab, (int)i);
	}
	return 0;
}

static void
inv_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct inv_state *s = inv_state(vapp);
	char foot[128];
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	tui_table_draw(s->tab, w, 0, 0, h - 1, ww);
	snprintf(foot, sizeof(foot), "%zu products%s, %lld low on stock%s",
	    s->n, s->low_only ? " low on stock" : "", (long long)s->low,
	    s->low_only ? " (l: show all)" : " (l: only those)");
	wattrset(w, tui_theme_attr(s->low > 0 ? TUI_WARNING : TUI_OFFLINE));
	tui_text_put(w, h - 1, 0, ww, foot, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static int
inv_key(struct tui *t, int key, void *vapp)
{
	return tui_table_key(inv_state(vapp)->tab, t, key);
}

static int
inv_add(struct tui *t, void *vapp)
{
	return scr_invform_add(t, vapp);
}

/* Run form on the selected product. */
static int
inv_on_cur(struct tui *t, void *vapp,
    int (*form)(struct tui *, struct scr_app *, const struct product *))
{
	struct product *p = inv_cur(t, vapp), copy;

	if (p == NULL)
		return TUI_HANDLED;
	copy = *p;		/* the form may reload the list */
	return form(t, vapp, &copy);
}

static int
inv_edit(struct tui *t, void *vapp)
{
	return inv_on_cur(t, vapp, scr_invform_edit);
}

static int
inv_receive(struct tui *t, void *vapp)
{
	return inv_on_cur(t, vapp, scr_invform_receive);
}

static int
inv_waste(struct tui *t, void *vapp)
{
	return inv_on_cur(t, vapp, scr_invform_waste);
}

static int
inv_count(struct tui *t, void *vapp)
{
	return inv_on_cur(t, vapp, scr_invform_count);
}

static int
inv_tax(struct tui *t, void *vapp)
{
	struct inv_state *s = inv_state(vapp);
	int i = tui_table_selected(s->tab);
	struct product copy;

	if (i < 0 || (size_t)i >= s->n)
		return scr_invform_category(t, vapp, NULL);
	copy = s->p[i];
	return scr_invform_category(t, vapp, &copy);
}

static int
inv_low(struct tui *t, void *vapp)
{
	struct inv_state *s = inv_state(vapp);

	(void)t;
	s->low_only = !s->low_only;
	return TUI_RELOAD;
}

/* Withdraw an active product, bring back an inactive one; asks first. */
static int
inv_toggle(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct product *p = inv_cur(t, app);
	struct product_edit e;
	char sku[PRODUCT_SKU_MAX + 1];
	int r;

	if (p == NULL)
		return TUI_HANDLED;
	snprintf(sku, sizeof(sku), "%s", p->sku);
	product_edit_init(&e);
	e.active = !p->active;
	if (!scr_modal_confirm(t, p->active ? "Withdraw product" :
	    "Sell again", p->active ? "Withdraw %s from sale?\nIt stays in "
	    "the books and can be brought back." : "Put %s on sale again?",
	    sku))
		return TUI_REDRAW;
	r = product_update(app->ctx, p->id, &e, NULL);
	scr_modal_result(t, r, "%s is %s.", sku, e.active ? "on sale again" :
	    "withdrawn");
	return TUI_RELOAD;
}

/* One movement as a line of the pager. */
static char *
inv_move_line(struct scr_app *app, const struct stock_movement *m,
    char *text)
{
	char when[24], cost[MONEY_BUFSZ] = "", *out;

	if (m->unit_cost >= 0)
		money_format(cost, sizeof(cost), m->unit_cost,
		    app->cafe.decimals);
	xasprintf(&out, "%s%s  %-8s %+6lld  -> %-6lld %-10.10s %s%s%s\n",
	    text, scr_app_time(app, m->at, "%Y-%m-%d %H:%M", when,
	    sizeof(when)), stock_kind_name(m->kind), (long long)m->qty,
	    (long long)m->on_hand_after, m->actor, m->reason,
	    *cost != '\0' ? " at " : "", cost);
	free(text);
	return out;
}

static int
inv_moves(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct product *p = inv_cur(t, app);
	struct stock_movement *v;
	char title[64], *text;
	size_t n, i;
	int r;

	if (p == NULL)
		return TUI_HANDLED;
	if ((r = stock_movements(app->ctx->db, p->id, 0, MOVES_SHOWN, &v,
	    &n)) != 0) {
		scr_app_refused(t, r, NULL);
		return TUI_HANDLED;
	}
	snprintf(title, sizeof(title), "Movements of %s, newest first",
	    p->sku);
	text = xstrdup(n == 0 ? "No movements yet.\n" : "");
	for (i = 0; i < n; i++)
		text = inv_move_line(app, &v[i], text);
	free(v);
	tui_dialog_pager(t, title, text);
	free(text);
	return TUI_REDRAW;
}

static const struct tui_key inv_keys[] = {
	{ 'a', "Add", "Add a product", inv_add, PERM_INVENTORY_MANAGE },
	{ TUI_KEY_ENTER, "Edit", "Edit the selected product: name, "
	  "category, prices, reorder level", inv_edit, PERM_INVENTORY_MANAGE },
	{ 'r', "Receive", "Receive goods of the selected product",
	  inv_receive, PERM_INVENTORY_MANAGE },
	{ 'w', "Waste", "Write off units of the selected product, with a "
	  "reason", inv_waste, PERM_INVENTORY_MANAGE },
	{ 'c', "Count", "Stocktake: enter what is on the shelf", inv_count,
	  PERM_INVENTORY_MANAGE },
	{ 'm', "Moves", "The stock movements of the selected product",
	  inv_moves, PERM_INVENTORY_MANAGE },
	{ 'l', "Low", "Show only the products low on stock, or all again",
	  inv_low, PERM_INVENTORY_MANAGE },
	{ 't', "Tax", "Set the tax rate of a category", inv_tax,
	  PERM_INVENTORY_MANAGE },
	{ 'd', "Withdraw", "Withdraw the selected product from sale, or put "
	  "it back (asks first)", inv_toggle, PERM_INVENTORY_MANAGE },
};

static void
inv_enter(struct tui *t, void *vapp)
{
	(void)t;
	inv_state(vapp);
}

const struct tui_screen scr_inventory = {
	.name = "inventory",
	.title = "Inventory",
	.perm = PERM_INVENTORY_MANAGE,
	.keys = inv_keys,
	.nkeys = TUI_NKEYS(inv_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.enter = inv_enter,
	.load = inv_load,
	.draw = inv_draw,
	.key = inv_key,
};

/* The dashboard: today's shop sales, and what runs low. */
static int
inv_dash_load(struct scr_app *app, struct scr_dash *d)
{
	char gross[MONEY_BUFSZ + 8];
	int64_t n, g, low;
	int r;

	if ((r = sale_today(app->ctx->db, &n, &g)) != 0 ||
	    (r = product_low_count(app->ctx->db, &low)) != 0)
		return r;
	scr_dashboard_add(d, TUI_NORMAL, "Sales today: %lld receipt%s, %s",
	    (long long)n, n == 1 ? "" : "s", money_format_cur(gross,
	    sizeof(gross), g, app->cafe.decimals, app->cafe.currency));
	scr_dashboard_add(d, low > 0 ? TUI_WARNING : TUI_NORMAL,
	    "Low stock: %lld product%s", (long long)low, low == 1 ? "" : "s");
	return 0;
}

const struct scr_dash_section scr_inventory_dash = {
	.title = "Snack bar",
	.perm = PERM_SHOP_SELL,
	.rows = 2,
	.load = inv_dash_load,
};

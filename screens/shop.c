/*
 * shop.c -- the shop screen: the basket as a table, its totals with the
 * tax, the member who collects points, and the keys that add, change,
 * pay and refund. Payments and refunds are in shoppay.c.
 */
#include "screens/shop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/product.h"
#include "model/sale.h"
#include "screens/app.h"
#include "screens/invform.h"
#include "screens/modal.h"
#include "screens/shoppay.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define FIND_SHOWN	20	/* products offered for a search */

static const struct tui_col shop_cols[] = {
	{ "#", 3, TUI_RIGHT },
	{ "SKU", 10, TUI_LEFT },
	{ "Product", 0, TUI_LEFT },
	{ "Qty", 5, TUI_RIGHT },
	{ "Price", 9, TUI_RIGHT },
	{ "Discount", 9, TUI_RIGHT },
	{ "Total", 10, TUI_RIGHT },
	{ "Tax", 4, TUI_RIGHT },
};

static void
shop_clear(void *p)
{
	struct scr_shop_state *s = p;

	tui_table_free(s->tab);
	sale_basket_free(s->b);
}

struct scr_shop_state *
scr_shop_state(struct scr_app *app)
{
	struct scr_shop_state *s = scr_app_state(app, &scr_shop, sizeof(*s),
	    shop_clear);

	if (s->tab == NULL) {
		s->tab = tui_table_new(shop_cols, TUI_NKEYS(shop_cols));
		s->b = sale_basket_new();
	}
	return s;
}

static void
shop_row(struct scr_app *app, struct tui_table *tab,
    const struct sale_line *l)
{
	char no[8], qty[16], price[MONEY_BUFSZ], disc[MONEY_BUFSZ],
	    total[MONEY_BUFSZ], rate[16];
	const char *cells[TUI_NKEYS(shop_cols)];
	int d = app->cafe.decimals;

	snprintf(no, sizeof(no), "%d", l->line_no);
	snprintf(qty, sizeof(qty), "%lld", (long long)l->qty);
	product_rate_format(rate, sizeof(rate) - 1, l->tax_rate);
	strcat(rate, "%");
	cells[0] = no;
	cells[1] = l->sku;
	cells[2] = l->name;
	cells[3] = qty;
	cells[4] = money_format_grouped(price, sizeof(price), l->unit_price, d);
	cells[5] = l->discount > 0 ? money_format_grouped(disc, sizeof(disc),
	    -l->discount, d) : "";
	cells[6] = money_format_grouped(total, sizeof(total), l->gross, d);
	cells[7] = rate;
	tui_table_add(tab, cells, TUI_NORMAL);
}

/* The basket into the table (the basket is the state; no SQL). */
static int
shop_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_line l;
	size_t i;
	int sel = tui_table_selected(s->tab);

	(void)t;
	tui_table_clear(s->tab);
	for (i = 0; sale_basket_line(s->b, i, &l) == 0; i++)
		shop_row(app, s->tab, &l);
	tui_table_select(s->tab, sel < 0 ? 0 : sel);
	return 0;
}

/* The two lines under the basket: the member, then the totals. */
static void
shop_draw_totals(struct scr_app *app, struct scr_shop_state *s, WINDOW *w,
    int y, int ww)
{
	struct sale_totals tot;
	char line[256], a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ + 8];
	int d = app->cafe.decimals;

	if (s->member > 0)
		snprintf(line, sizeof(line), "Member: %s, %lld points, "
		    "wallet %s", s->member_name, (long long)s->member_points,
		    money_format_grouped(a, sizeof(a), s->member_wallet, d));
	else
		snprintf(line, sizeof(line), "No member (F4: a member "
		    "collects points, can pay by wallet)");
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, y, 0, ww, line, TUI_LEFT);
	sale_basket_totals(s->b, &tot);
	snprintf(line, sizeof(line), "%lld item%s   net %s   tax %s   "
	    "TOTAL %s", (long long)tot.items, tot.items == 1 ? "" : "s",
	    money_format_grouped(a, sizeof(a), tot.net, d),
	    money_format_grouped(b, sizeof(b), tot.tax, d),
	    money_format_cur(c, sizeof(c), tot.gross, d, app->cafe.currency));
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, y + 1, 0, ww, line, TUI_RIGHT);
	wattrset(w, A_NORMAL);
}

static void
shop_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	tui_table_draw(s->tab, w, 0, 0, h - 3, ww);
	if (sale_basket_count(s->b) == 0) {
		wattrset(w, tui_theme_attr(TUI_OFFLINE));
		tui_text_put(w, 2, 2, ww - 4, "Type part of a name or a SKU "
		    "(F2 for one starting with a digit), Enter adds it.",
		    TUI_LEFT);
		wattrset(w, A_NORMAL);
	}
	shop_draw_totals(app, s, w, h - 2, ww);
}

/* Say why a product was not added. */
static void
shop_add_refused(struct tui *t, int r, const char *sku, int64_t left)
{
	if (r == ERR_INSUFFICIENT)
		tui_status(t, TUI_ERROR, "%s: only %lld left.", sku,
		    (long long)left);
	else if (r == ERR_STATE)
		tui_status(t, TUI_ERROR, "%s is withdrawn from sale.", sku);
	else if (r == ERR_RANGE)
		tui_status(t, TUI_ERROR, "The basket is full (%d lines).",
		    SALE_LINES_MAX);
	else
		scr_app_refused(t, r, sku);
}

/* Add one unit of sku and select its line. */
static void
shop_add_sku(struct tui *t, struct scr_app *app, const char *sku)
{
	struct scr_shop_state *s = scr_shop_state(app);
	int64_t left = 0;
	size_t line;
	int r;

	if ((r = sale_basket_add(app->ctx->db, s->b, sku, 1, &line,
	    &left)) != 0) {
		shop_add_refused(t, r, sku, left);
		return;
	}
	shop_load(t, app);
	tui_table_select(s->tab, (int)line);
}

/* "COLA  Cola 0.33 l  2.50  (24 in stock)" for the chooser. */
static char *
shop_choice(struct scr_app *app, const struct product *p)
{
	char price[MONEY_BUFSZ], *out;

	xasprintf(&out, "%-10s %-28.28s %9s  %lld in stock", p->sku, p->name,
	    money_format_grouped(price, sizeof(price), p->price,
	    app->cafe.decimals), (long long)p->on_hand);
	return out;
}

/* Pick one of n products: the only one, or from a list. */
static int
shop_pick(struct tui *t, struct scr_app *app, const struct product *v,
    size_t n)
{
	char *text[FIND_SHOWN];
	const char *items[FIND_SHOWN];
	size_t i;
	int pick;

	if (n == 1 || strcasecmp(v[0].sku, v[1].sku) == 0)
		return 0;
	for (i = 0; i < n; i++)
		items[i] = text[i] = shop_choice(app, &v[i]);
	pick = tui_dialog_choose(t, "Which product?", items, n, 0);
	for (i = 0; i < n; i++)
		free(text[i]);
	return pick;
}

/* Find text (a SKU, or part of a name or SKU) and add what is picked. */
static void
shop_find_add(struct tui *t, struct scr_app *app, const char *text)
{
	struct product *v = NULL, exact;
	size_t n = 0;
	int r, pick;

	if (product_find(app->ctx->db, text, &exact) == 0 && exact.active) {
		shop_add_sku(t, app, exact.sku);
		return;
	}
	if ((r = product_search(app->ctx->db, text, FIND_SHOWN, &v,
	    &n)) != 0) {
		scr_app_refused(t, r, NULL);
		return;
	}
	if (n == 0)
		tui_status(t, TUI_WARNING, "No product on sale matches "
		    "\"%s\".", text);
	else if ((pick = shop_pick(t, app, v, n)) >= 0)
		shop_add_sku(t, app, v[pick].sku);
	free(v);
}

/* The find prompt, starting with first (0: empty). */
static int
shop_find(struct tui *t, struct scr_app *app, int first)
{
	char buf[PRODUCT_NAME_MAX * 4 + 1] = "";

	if (first > 0)
		tui_text_utf8(buf, first);
	if (tui_form_prompt(t, "Find (name or SKU): ", buf, sizeof(buf)) &&
	    *str_trim(buf) != '\0')
		shop_find_add(t, app, buf);
	return TUI_REDRAW;
}

static int
shop_add(struct tui *t, void *vapp)
{
	return shop_find(t, vapp, 0);
}

/* The selected line's index, or -1 (then says so). */
static int
shop_cur(struct tui *t, struct scr_shop_state *s)
{
	int i = tui_table_selected(s->tab);

	if (i < 0 || (size_t)i >= sale_basket_count(s->b)) {
		tui_status(t, TUI_WARNING, "The basket is empty.");
		return -1;
	}
	return i;
}

/* Change the selected line's quantity by delta (to 0 removes it). */
static int
shop_qty(struct tui *t, struct scr_app *app, int64_t delta)
{
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_line l;
	int64_t left = 0;
	int i, r;

	if ((i = shop_cur(t, s)) < 0 || sale_basket_line(s->b, (size_t)i,
	    &l) != 0)
		return TUI_HANDLED;
	if (l.qty + delta > PRODUCT_QTY_MAX)
		return TUI_HANDLED;
	r = sale_basket_set_qty(app->ctx->db, s->b, (size_t)i,
	    delta == 0 ? 0 : l.qty + delta, &left);
	if (r != 0)
		shop_add_refused(t, r, l.sku, left);
	return TUI_RELOAD;
}

static int
shop_more(struct tui *t, void *vapp)
{
	return shop_qty(t, vapp, 1);
}

static int
shop_less(struct tui *t, void *vapp)
{
	return shop_qty(t, vapp, -1);
}

static int
shop_remove(struct tui *t, void *vapp)
{
	return shop_qty(t, vapp, 0);
}

/* A discount off the selected line (checked again at payment). */
static int
shop_discount(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	char buf[24] = "", label[96];
	const char *why = NULL;
	struct sale_line l;
	int64_t v;
	int i;

	if ((i = shop_cur(t, s)) < 0 || sale_basket_line(s->b, (size_t)i,
	    &l) != 0)
		return TUI_HANDLED;
	snprintf(label, sizeof(label), "Discount off %s (amount, 0: none): ",
	    l.sku);
	if (!tui_form_prompt(t, label, buf, sizeof(buf)))
		return TUI_REDRAW;
	if (money_parse(buf, app->cafe.decimals, &v, &why) != 0)
		tui_status(t, TUI_ERROR, "Not an amount: %s", why != NULL ?
		    why : buf);
	else if (sale_basket_discount(s->b, (size_t)i, v) != 0)
		tui_status(t, TUI_ERROR, "The discount is more than the "
		    "line.");
	return TUI_RELOAD;
}

static int
shop_empty(struct tui *t, void *vapp)
{
	struct scr_shop_state *s = scr_shop_state(vapp);

	if (sale_basket_count(s->b) == 0)
		return TUI_HANDLED;
	if (!scr_modal_confirm(t, "Empty the basket", "Remove every line "
	    "from the basket?"))
		return TUI_REDRAW;
	sale_basket_clear(s->b);
	s->member = 0;
	return TUI_RELOAD;
}

static int	shop_actions(struct tui *, void *);

/*
 * Letters are for typing what to find, so the actions sit on function
 * and control keys; the key bar and F1 show them.
 */
static const struct tui_key shop_keys[] = {
	{ TUI_KEY_F(2), "Find", "Find a product by name or SKU and add it "
	  "(or just start typing a name)", shop_add, PERM_SHOP_SELL },
	{ TUI_KEY_F(5), "Wallet", "Pay from the member's wallet",
	  scr_shoppay_wallet, PERM_SHOP_SELL },
	{ TUI_KEY_F(6), "Cash", "Pay in cash into your shift's drawer "
	  "(the change is shown)", scr_shoppay_cash, PERM_SHOP_SELL },
	{ TUI_KEY_F(7), "Card", "Paid by card on the terminal",
	  scr_shoppay_card, PERM_SHOP_SELL },
	{ TUI_KEY_F(4), "Member", "The member who collects points and can "
	  "pay by wallet (empty: none)", scr_shoppay_member, PERM_SHOP_SELL },
	{ '+', "More", "One more of the selected line", shop_more,
	  PERM_SHOP_SELL },
	{ '-', "Less", "One less of the selected line (none removes it)",
	  shop_less, PERM_SHOP_SELL },
	{ TUI_KEY_DEL, "Remove", "Remove the selected line", shop_remove,
	  PERM_SHOP_SELL },
	{ TUI_KEY_F(3), "Discount", "Take an amount off the selected line",
	  shop_discount, PERM_WALLET_APPROVE },
	{ TUI_KEY_F(8), "Receipt", "Show the last receipt again",
	  scr_shoppay_receipt, PERM_SHOP_SELL },
	{ TUI_KEY_F(9), "Save", "Write the last receipt to a text file",
	  scr_shoppay_save, PERM_SHOP_SELL },
	{ TUI_KEY_CTRL('r'), "Refund", "Refund units of a sale line",
	  scr_shoppay_refund, PERM_WALLET_REFUND },
	{ TUI_KEY_CTRL('p'), "Points", "Turn the member's loyalty points "
	  "into wallet credit", scr_shoppay_redeem, PERM_WALLET_TOPUP },
	{ TUI_KEY_CTRL('x'), "Empty", "Empty the basket (asks first)",
	  shop_empty, PERM_SHOP_SELL },
	{ TUI_KEY_ENTER, "Actions", "Choose an action from a list",
	  shop_actions, PERM_SHOP_SELL },
};

/* The table's movement keys; its letters (j k n N /) are for typing. */
static const struct tui_key shop_widget_keys[] = {
	{ TUI_KEY_UP, "Up", "Select the line above", NULL, -1 },
	{ TUI_KEY_DOWN, "Down", "Select the line below", NULL, -1 },
	{ TUI_KEY_PGUP, "PgUp", "Up one page", NULL, -1 },
	{ TUI_KEY_PGDN, "PgDn", "Down one page", NULL, -1 },
	{ TUI_KEY_HOME, "Home", "First line", NULL, -1 },
	{ TUI_KEY_END, "End", "Last line", NULL, -1 },
};

/* Enter: the keys as a list (the first letters start a search). */
static int
shop_actions(struct tui *t, void *vapp)
{
	return scr_modal_actions(t, "Shop", shop_keys, 0,
	    TUI_NKEYS(shop_keys) - 1, 6, vapp);
}

/* Table movement; any other printable key starts a search with it. */
static int
shop_key(struct tui *t, int key, void *vapp)
{
	struct scr_shop_state *s = scr_shop_state(vapp);
	int r;

	if (key > ' ' && key < TUI_FKEY(0) && key != 0x7f)
		return shop_find(t, vapp, key);
	if ((r = tui_table_key(s->tab, t, key)) != TUI_IGNORED)
		return r;
	return TUI_IGNORED;
}

const struct tui_screen scr_shop = {
	.name = "shop",
	.title = "Shop",
	.perm = PERM_SHOP_SELL,
	.keys = shop_keys,
	.nkeys = TUI_NKEYS(shop_keys),
	.widget_keys = shop_widget_keys,
	.nwidget_keys = TUI_NKEYS(shop_widget_keys),
	.load = shop_load,
	.draw = shop_draw,
	.key = shop_key,
};

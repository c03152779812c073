/*
 * invform.c -- the inventory screen's forms: product add and edit, a
 * category's tax rate, receive, waste, stocktake.
 */
#include "screens/invform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/product.h"
#include "model/stock.h"
#include "screens/app.h"
#include "tui/form.h"
#include "tui/theme.h"

/* What the field checks need. */
struct ifcheck {
	struct scr_app	*app;
	char		 msg[128];
};

static const char *
if_check_sku(const char *value, void *ctx)
{
	struct ifcheck *c = ctx;
	struct product p;
	const char *why;

	if (product_sku_valid(value, &why) != 0)
		return why;
	if (product_find(c->app->ctx->db, value, &p) == 0)
		return "that SKU is taken (SKUs ignore case)";
	return NULL;
}

static const char *
if_check_text(const char *value, void *ctx)
{
	(void)ctx;
	return *value == '\0' ? "required" : NULL;
}

static const char *
if_check_amount(const char *value, void *ctx)
{
	struct ifcheck *c = ctx;

	return scr_app_check_amount(c->app, value, c->msg, sizeof(c->msg));
}

static const char *
if_check_amount_opt(const char *value, void *ctx)
{
	return *value == '\0' ? NULL : if_check_amount(value, ctx);
}

static const char *
if_check_qty(const char *value, void *ctx)
{
	int64_t v;

	(void)ctx;
	if (product_qty_parse(value, &v) != 0)
		return "a whole number from 0 to 1000000";
	return NULL;
}

static const char *
if_check_rate(const char *value, void *ctx)
{
	int bp;

	(void)ctx;
	if (product_rate_parse(value, &bp) != 0)
		return "a percentage from 0 to 100, e.g. 19 or 7.5";
	return NULL;
}

enum { P_SKU, P_NAME, P_CAT, P_PRICE, P_COST, P_REORDER };

static const struct tui_field add_fields[] = {
	{ "SKU", TUI_FIELD_TEXT, PRODUCT_SKU_MAX, if_check_sku },
	{ "Name", TUI_FIELD_TEXT, PRODUCT_NAME_MAX, if_check_text },
	{ "Category", TUI_FIELD_TEXT, PRODUCT_CATEGORY_MAX, if_check_text },
	{ "Price (with tax)", TUI_FIELD_NUMBER, 16, if_check_amount },
	{ "Cost", TUI_FIELD_NUMBER, 16, if_check_amount_opt },
	{ "Reorder level", TUI_FIELD_NUMBER, 7, if_check_qty },
};

/* Amount of a checked field; "" is 0. */
static int64_t
if_amount(struct scr_app *app, struct tui_form *f, size_t i)
{
	return scr_app_amount(app, tui_form_value(f, i), 0);
}

static int64_t
if_qty(struct tui_form *f, size_t i)
{
	int64_t v = 0;

	product_qty_parse(tui_form_value(f, i), &v);
	return v;
}

int
scr_invform_add(struct tui *t, struct scr_app *app)
{
	struct ifcheck c = { .app = app };
	struct product_new pn;
	struct tui_form *f;
	const char *why;
	int64_t id;
	int r, done = 0;

	f = tui_form_new("New product", add_fields, TUI_NKEYS(add_fields),
	    &c);
	tui_form_set(f, P_CAT, PRODUCT_DEFAULT_CATEGORY);
	tui_form_set(f, P_REORDER, "0");
	while (!done && tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		pn = (struct product_new){ tui_form_value(f, P_SKU),
		    tui_form_value(f, P_NAME), tui_form_value(f, P_CAT),
		    if_amount(app, f, P_PRICE), if_amount(app, f, P_COST),
		    if_qty(f, P_REORDER) };
		why = NULL;
		if ((r = product_add(app->ctx, &pn, &id, &why)) == 0) {
			tui_status(t, TUI_SUCCESS, "Added %s, %s. Receive "
			    "stock with r.", pn.sku, pn.name);
			done = 1;
		} else {
			scr_app_refused(t, r, why);
			done = r == ERR_DENIED;
		}
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

static const struct tui_field edit_fields[] = {
	{ "Name", TUI_FIELD_TEXT, PRODUCT_NAME_MAX, if_check_text },
	{ "Category", TUI_FIELD_TEXT, PRODUCT_CATEGORY_MAX, if_check_text },
	{ "Price (with tax)", TUI_FIELD_NUMBER, 16, if_check_amount },
	{ "Cost", TUI_FIELD_NUMBER, 16, if_check_amount },
	{ "Reorder level", TUI_FIELD_NUMBER, 7, if_check_qty },
};

/* Fill the edit form with p's values. */
static void
if_edit_fill(struct scr_app *app, struct tui_form *f, const struct product *p)
{
	char a[MONEY_BUFSZ], n[24];

	tui_form_set(f, 0, p->name);
	tui_form_set(f, 1, p->category);
	tui_form_set(f, 2, money_format(a, sizeof(a), p->price,
	    app->cafe.decimals));
	tui_form_set(f, 3, money_format(a, sizeof(a), p->cost,
	    app->cafe.decimals));
	snprintf(n, sizeof(n), "%lld", (long long)p->reorder_level);
	tui_form_set(f, 4, n);
}

int
scr_invform_edit(struct tui *t, struct scr_app *app, const struct product *p)
{
	struct ifcheck c = { .app = app };
	struct product_edit e;
	struct tui_form *f;
	const char *why;
	char title[64];
	int r;

	snprintf(title, sizeof(title), "Product %s", p->sku);
	f = tui_form_new(title, edit_fields, TUI_NKEYS(edit_fields), &c);
	if_edit_fill(app, f, p);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		product_edit_init(&e);
		e.name = tui_form_value(f, 0);
		e.category = tui_form_value(f, 1);
		e.price = if_amount(app, f, 2);
		e.cost = if_amount(app, f, 3);
		e.reorder_level = if_qty(f, 4);
		why = NULL;
		if ((r = product_update(app->ctx, p->id, &e, &why)) == 0)
			tui_status(t, TUI_SUCCESS, "%s saved.", p->sku);
		else
			scr_app_refused(t, r, why);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

static const struct tui_field cat_fields[] = {
	{ "Category", TUI_FIELD_TEXT, PRODUCT_CATEGORY_MAX, if_check_text },
	{ "Tax rate (%)", TUI_FIELD_NUMBER, 6, if_check_rate },
};

int
scr_invform_category(struct tui *t, struct scr_app *app,
    const struct product *p)
{
	struct ifcheck c = { .app = app };
	struct tui_form *f;
	char rate[16];
	int bp = 0, r;

	f = tui_form_new("Tax rate of a category", cat_fields,
	    TUI_NKEYS(cat_fields), &c);
	if (p != NULL) {
		tui_form_set(f, 0, p->category);
		tui_form_set(f, 1, product_rate_format(rate, sizeof(rate),
		    p->tax_rate));
	}
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		product_rate_parse(tui_form_value(f, 1), &bp);
		if ((r = product_category_set(app->ctx, tui_form_value(f, 0),
		    bp, NULL)) == 0)
			tui_status(t, TUI_SUCCESS, "%s: tax %s%%.",
			    tui_form_value(f, 0), tui_form_value(f, 1));
		else
			scr_app_refused(t, r, NULL);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

static const struct tui_field recv_fields[] = {
	{ "Quantity received", TUI_FIELD_NUMBER, 7, if_check_qty },
	{ "Unit cost (empty: keep)", TUI_FIELD_NUMBER, 16,
	  if_check_amount_opt },
};

int
scr_invform_receive(struct tui *t, struct scr_app *app,
    const struct product *p)
{
	struct ifcheck c = { .app = app };
	struct tui_form *f;
	char title[64];
	int64_t cost, after = 0;
	int r;

	snprintf(title, sizeof(title), "Receive %s", p->sku);
	f = tui_form_new(title, recv_fields, TUI_NKEYS(recv_fields), &c);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		cost = scr_app_amount(app, tui_form_value(f, 1), -1);
		if ((r = stock_receive(app->ctx, p->id, if_qty(f, 0), cost,
		    &after)) == 0)
			tui_status(t, TUI_SUCCESS, "%s: %lld on hand.", p->sku,
			    (long long)after);
		else
			scr_app_refused(t, r, r == ERR_INVALID ?
			    "receive at least one" : NULL);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

static const struct tui_field waste_fields[] = {
	{ "Quantity", TUI_FIELD_NUMBER, 7, if_check_qty },
	{ "Reason", TUI_FIELD_TEXT, STOCK_REASON_MAX, if_check_text },
};

int
scr_invform_waste(struct tui *t, struct scr_app *app,
    const struct product *p)
{
	struct ifcheck c = { .app = app };
	struct tui_form *f;
	char title[64];
	int64_t left = 0;
	int r;

	snprintf(title, sizeof(title), "Write off %s", p->sku);
	f = tui_form_new(title, waste_fields, TUI_NKEYS(waste_fields), &c);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		r = stock_waste(app->ctx, p->id, if_qty(f, 0),
		    tui_form_value(f, 1), &left);
		if (r == 0)
			tui_status(t, TUI_SUCCESS, "%s: %lld on hand.", p->sku,
			    (long long)left);
		else if (r == ERR_INSUFFICIENT)
			tui_status(t, TUI_ERROR, "%s: only %lld left.", p->sku,
			    (long long)left);
		else
			scr_app_refused(t, r, NULL);
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

int
scr_invform_count(struct tui *t, struct scr_app *app,
    const struct product *p)
{
	char label[80], buf[16] = "";
	int64_t n, diff = 0;
	int r;

	snprintf(label, sizeof(label), "Stocktake: units of %s on the "
	    "shelf: ", p->sku);
	if (!tui_form_prompt(t, label, buf, sizeof(buf)))
		return TUI_REDRAW;
	if (product_qty_parse(buf, &n) != 0) {
		tui_status(t, TUI_ERROR, "Not a count: %s", buf);
		return TUI_REDRAW;
	}
	if ((r = stock_count(app->ctx, p->id, n, &diff)) == 0)
		tui_status(t, diff == 0 ? TUI_SUCCESS : TUI_WARNING, "%s: "
		    "counted %lld, %+lld against the books.", p->sku,
		    (long long)n, (long long)diff);
	else
		scr_app_refused(t, r, NULL);
	return TUI_RELOAD;
}

/*
 * shoppay.c -- paying the shop screen's basket (wallet, cash with the
 * change due, card), the member, the receipt shown and written to a
 * file, and refunds of sale lines.
 *
 * A payment's idempotency key is made when its dialog opens and kept
 * until a sale goes through: a refused attempt writes nothing, so the
 * key stays free, and a doubled key press sells once.
 */
#include "screens/shoppay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/customer.h"
#include "model/ctx.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/money.h"
#include "model/product.h"
#include "model/sale.h"
#include "model/shift.h"
#include "screens/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/theme.h"

#define MEMBERS_SHOWN	20

/* Refresh the member's points and wallet for the totals line. */
static void
pay_member_figures(struct scr_app *app, struct scr_shop_state *s)
{
	int64_t value;

	s->member_points = s->member_wallet = 0;
	if (s->member <= 0)
		return;
	loyalty_balance(app->ctx->db, s->member, &s->member_points, &value);
	ledger_balance(app->ctx->db, LEDGER_WALLET, s->member,
	    &s->member_wallet);
}

/* Choose one of the customers found for text; 0 when none. */
static int64_t
pay_pick_member(struct tui *t, struct scr_app *app, const char *text,
    char *name, size_t size)
{
	struct customer_info *v = NULL;
	const char *items[MEMBERS_SHOWN];
	char *lines[MEMBERS_SHOWN];
	int64_t id = 0;
	size_t n = 0, i;
	int pick = 0;

	if (customer_resolve(app->ctx->db, text, &id) == 0 &&
	    customer_search(app->ctx, text, 1, &v, &n) == 0 && n == 1 &&
	    v[0].id == id) {
		str_lcpy(name, v[0].name, size);
		free(v);
		return id;
	}
	free(v);
	id = 0;
	if (customer_search(app->ctx, text, MEMBERS_SHOWN, &v, &n) != 0 ||
	    n == 0) {
		free(v);
		tui_status(t, TUI_WARNING, "No member matches \"%s\".", text);
		return 0;
	}
	for (i = 0; i < n; i++) {
		xasprintf(&lines[i], "%-30.30s %-12s%s", v[i].name, v[i].card,
		    v[i].disabled ? " (disabled)" : "");
		items[i] = lines[i];
	}
	if (n > 1)
		pick = tui_dialog_choose(t, "Which member?", items, n, 0);
	if (pick >= 0) {
		id = v[pick].id;
		str_lcpy(name, v[pick].name, size);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(v);
	return id;
}

int
scr_shoppay_member(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	char buf[80] = "", name[sizeof(s->member_name)];
	int64_t id;

	if (!tui_form_prompt(t, "Member (card, id:N or name; empty: none): ",
	    buf, sizeof(buf)))
		return TUI_REDRAW;
	if (*str_trim(buf) == '\0') {
		s->member = 0;
		return TUI_REDRAW;
	}
	if ((id = pay_pick_member(t, app, buf, name, sizeof(name))) > 0) {
		s->member = id;
		str_lcpy(s->member_name, name, sizeof(s->member_name));
		pay_member_figures(app, s);
	}
	return TUI_REDRAW;
}

/* Say why a checkout was refused (nothing was written). */
static void
pay_refused(struct tui *t, int r, const struct sale_result *res)
{
	if (r == ERR_INSUFFICIENT && res->short_sku[0] != '\0')
		tui_status(t, TUI_ERROR, "%s: only %lld left.", res->short_sku,
		    (long long)res->left);
	else if (r == ERR_INSUFFICIENT)
		tui_status(t, TUI_ERROR, "Not enough credit in the wallet.");
	else if (r == ERR_STATE)
		tui_status(t, TUI_ERROR, "A price changed or a product was "
		    "withdrawn: check the basket and pay again.");
	else if (r == ERR_NOSHIFT)
		tui_status(t, TUI_ERROR, "Your shift is not open: open one "
		    "first.");
	else if (r == ERR_RANGE)
		tui_status(t, TUI_ERROR, "The cash given is less than the "
		    "total.");
	else
		scr_app_refused(t, r, NULL);
}

/* Show the receipt of a sale just made, with the change first. */
static void
pay_show_receipt(struct tui *t, struct scr_app *app, int64_t receipt,
    int64_t change)
{
	char *text, *shown, a[MONEY_BUFSZ + 8];
	int r;

	if ((r = sale_receipt_text(app->ctx->db, receipt, &text)) != 0) {
		scr_app_refused(t, r, NULL);
		return;
	}
	if (change > 0)
		xasprintf(&shown, "CHANGE DUE: %s\n\n%s", money_format_cur(a,
		    sizeof(a), change, app->cafe.decimals, app->cafe.currency),
		    text);
	else
		shown = xstrdup(text);
	tui_dialog_pager(t, "Receipt", shown);
	free(shown);
	free(text);
}

/* Sell the basket as pay says; on success the receipt is shown. */
static int
pay_checkout(struct tui *t, struct scr_app *app, struct sale_pay *pay)
{
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_result res;
	char a[MONEY_BUFSZ + 8];
	int r;

	if (s->key[0] == '\0')
		ledger_new_key(s->key);
	pay->key = s->key;
	memset(&res, 0, sizeof(res));
	if ((r = sale_checkout(app->ctx, s->b, pay, &res)) != 0) {
		pay_refused(t, r, &res);
		return TUI_RELOAD;
	}
	s->key[0] = '\0';
	s->last_receipt = res.receipt_no;
	s->member = 0;
	pay_show_receipt(t, app, res.receipt_no, res.change);
	tui_status(t, TUI_SUCCESS, "Receipt %lld: %s, %lld points earned. "
	    "F8 shows it again, F9 writes it to a file.",
	    (long long)res.receipt_no, money_format_cur(a, sizeof(a),
	    res.gross, app->cafe.decimals, app->cafe.currency),
	    (long long)res.points);
	return TUI_RELOAD;
}

/* The basket's total, or -1 (and says so) when it is empty. */
static int64_t
pay_total(struct tui *t, struct scr_shop_state *s)
{
	struct sale_totals tot;

	if (sale_basket_count(s->b) == 0) {
		tui_status(t, TUI_WARNING, "The basket is empty.");
		return -1;
	}
	sale_basket_totals(s->b, &tot);
	return tot.gross;
}

int
scr_shoppay_wallet(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_pay pay = { SALE_WALLET, 0, 0, 0, NULL };
	char msg[256], a[MONEY_BUFSZ + 8], b[MONEY_BUFSZ], c[MONEY_BUFSZ];
	int64_t total;
	int d = app->cafe.decimals;

	if ((total = pay_total(t, s)) < 0)
		return TUI_HANDLED;
	if (s->member == 0 && (scr_shoppay_member(t, app), s->member == 0))
		return TUI_REDRAW;
	pay_member_figures(app, s);
	snprintf(msg, sizeof(msg), "Pay %s from the wallet of %s?\nBalance "
	    "%s, after %s.", money_format_cur(a, sizeof(a), total, d,
	    app->cafe.currency), s->member_name, money_format_grouped(b,
	    sizeof(b), s->member_wallet, d), money_format_grouped(c,
	    sizeof(c), s->member_wallet - total, d));
	if (tui_dialog_confirm(t, "Pay by wallet", msg) != 1)
		return TUI_REDRAW;
	pay.customer_id = s->member;
	return pay_checkout(t, app, &pay);
}

/* The acting user's open shift, or 0 (and says so). */
static int64_t
pay_shift(struct tui *t, struct scr_app *app)
{
	int64_t id = 0;

	if (shift_current(app->ctx->db, app->ctx->actor.user_id, &id) != 0) {
		tui_status(t, TUI_ERROR, "You have no open shift: cash and "
		    "card need one (Shift screen).");
		return 0;
	}
	return id;
}

int
scr_shoppay_cash(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_pay pay = { SALE_CASH, 0, 0, 0, NULL };
	char label[96], buf[24] = "", a[MONEY_BUFSZ + 8];
	const char *why = NULL;
	int64_t total;

	if ((total = pay_total(t, s)) < 0 ||
	    (pay.shift_id = pay_shift(t, app)) == 0)
		return TUI_HANDLED;
	snprintf(label, sizeof(label), "Total %s. Cash given (Enter: exact): ",
	    money_format_cur(a, sizeof(a), total, app->cafe.decimals,
	    app->cafe.currency));
	if (!tui_form_prompt(t, label, buf, sizeof(buf)))
		return TUI_REDRAW;
	if (*str_trim(buf) != '\0' && money_parse(buf, app->cafe.decimals,
	    &pay.tendered, &why) != 0) {
		tui_status(t, TUI_ERROR, "Not an amount: %s", why != NULL ?
		    why : buf);
		return TUI_REDRAW;
	}
	pay.customer_id = s->member;
	return pay_checkout(t, app, &pay);
}

int
scr_shoppay_card(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	struct sale_pay pay = { SALE_CARD, 0, 0, 0, NULL };
	char msg[128], a[MONEY_BUFSZ + 8];
	int64_t total;

	if ((total = pay_total(t, s)) < 0 ||
	    (pay.shift_id = pay_shift(t, app)) == 0)
		return TUI_HANDLED;
	snprintf(msg, sizeof(msg), "Has the card terminal approved %s?",
	    money_format_cur(a, sizeof(a), total, app->cafe.decimals,
	    app->cafe.currency));
	if (tui_dialog_confirm(t, "Pay by card", msg) != 1)
		return TUI_REDRAW;
	pay.customer_id = s->member;
	return pay_checkout(t, app, &pay);
}

int
scr_shoppay_receipt(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);

	if (s->last_receipt == 0) {
		tui_status(t, TUI_WARNING, "No sale yet in this session.");
		return TUI_HANDLED;
	}
	pay_show_receipt(t, app, s->last_receipt, 0);
	return TUI_REDRAW;
}

int
scr_shoppay_save(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	char path[256];
	int r;

	if (s->last_receipt == 0) {
		tui_status(t, TUI_WARNING, "No sale yet in this session.");
		return TUI_HANDLED;
	}
	snprintf(path, sizeof(path), "/tmp/receipt-%lld.txt",
	    (long long)s->last_receipt);
	if (!tui_form_prompt(t, "Write the receipt to: ", path, sizeof(path)))
		return TUI_REDRAW;
	if ((r = sale_receipt_write(app->ctx->db, s->last_receipt,
	    path)) != 0)
		scr_app_refused(t, r, path);
	else
		tui_status(t, TUI_SUCCESS, "Receipt %lld written to %s.",
		    (long long)s->last_receipt, path);
	return TUI_REDRAW;
}

/* Pick the line of a sale to refund; its index, or -1. */
static int
pay_pick_line(struct tui *t, struct scr_app *app, const struct sale_line *v,
    size_t n)
{
	const char *items[SALE_LINES_MAX];
	char *lines[SALE_LINES_MAX], a[MONEY_BUFSZ];
	size_t i;
	int pick;

	for (i = 0; i < n && i < SALE_LINES_MAX; i++) {
		xasprintf(&lines[i], "%2d  %-10s %4lld x  %10s  %lld refunded",
		    v[i].line_no, v[i].sku, (long long)v[i].qty,
		    money_format_grouped(a, sizeof(a), v[i].gross,
		    app->cafe.decimals), (long long)v[i].refunded_qty);
		items[i] = lines[i];
	}
	pick = tui_dialog_choose(t, "Which line?", items, i, 0);
	while (i-- > 0)
		free(lines[i]);
	return pick;
}

/* Ask what to refund of receipt no: line, quantity, reason, restock. */
static int
pay_refund_ask(struct tui *t, struct scr_app *app, struct sale_refund_req *rq,
    char *reason, size_t size, int *method)
{
	static const char *const shelf[] = { "Back on the shelf",
	    "Waste: do not restock" };
	struct sale_info si;
	struct sale_line *v;
	char buf[16] = "1";
	size_t n;
	int i, r;

	if ((r = sale_get(app->ctx->db, rq->receipt_no, &si, &v, &n)) != 0) {
		scr_app_refused(t, r, NULL);
		return -1;
	}
	*method = si.method;
	if ((i = pay_pick_line(t, app, v, n)) < 0) {
		free(v);
		return -1;
	}
	rq->line_no = v[i].line_no;
	free(v);
	if (!tui_form_prompt(t, "Units to refund: ", buf, sizeof(buf)) ||
	    product_qty_parse(buf, &rq->qty) != 0 || rq->qty == 0 ||
	    !tui_form_prompt(t, "Reason: ", reason, size) ||
	    *str_trim(reason) == '\0' ||
	    (rq->waste = tui_dialog_choose(t, "The goods", shelf, 2, 0)) < 0)
		return -1;
	rq->reason = reason;
	return 0;
}

int
scr_shoppay_refund(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct sale_refund_req rq;
	struct sale_refund_result res;
	char buf[24] = "", reason[129] = "", key[33], a[MONEY_BUFSZ + 8];
	int method, r;

	memset(&rq, 0, sizeof(rq));
	ledger_new_key(key);
	rq.key = key;
	if (!tui_form_prompt(t, "Refund from receipt number: ", buf,
	    sizeof(buf)))
		return TUI_REDRAW;
	if (product_qty_parse(str_trim(buf), &rq.receipt_no) != 0 ||
	    rq.receipt_no == 0) {
		tui_status(t, TUI_ERROR, "Not a receipt number: %s", buf);
		return TUI_REDRAW;
	}
	if (pay_refund_ask(t, app, &rq, reason, sizeof(reason), &method) != 0)
		return TUI_REDRAW;
	if (method != SALE_WALLET && (rq.shift_id = pay_shift(t, app)) == 0)
		return TUI_REDRAW;
	memset(&res, 0, sizeof(res));
	if ((r = sale_refund(app->ctx, &rq, &res)) == ERR_NEEDS_APPROVAL) {
		tui_status(t, TUI_WARNING, "Refund request %lld waits for a "
		    "second person's approval.", (long long)res.approval_id);
		return TUI_RELOAD;
	}
	if (r != 0) {
		scr_app_refused(t, r, r == ERR_RANGE ? "fewer units are left "
		    "to refund" : r == ERR_STATE ? "the line is refunded "
		    "already" : NULL);
		return TUI_RELOAD;
	}
	tui_status(t, TUI_SUCCESS, "Refund %lld: %s %s.",
	    (long long)res.refund_no, money_format_cur(a, sizeof(a),
	    res.gross, app->cafe.decimals, app->cafe.currency),
	    method == SALE_WALLET ? "back into the wallet" : method ==
	    SALE_CASH ? "to pay out of your drawer" : "back to the card");
	return TUI_RELOAD;
}

/* Turn the member's points into wallet credit (asks how many). */
int
scr_shoppay_redeem(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct scr_shop_state *s = scr_shop_state(app);
	char buf[24], label[128], key[33], a[MONEY_BUFSZ + 8];
	int64_t points, credit = 0;
	int r;

	if (s->member == 0 && (scr_shoppay_member(t, app), s->member == 0))
		return TUI_REDRAW;
	pay_member_figures(app, s);
	if (s->member_points == 0) {
		tui_status(t, TUI_WARNING, "%s has no points to redeem.",
		    s->member_name);
		return TUI_REDRAW;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)s->member_points);
	snprintf(label, sizeof(label), "Points of %s to turn into wallet "
	    "credit: ", s->member_name);
	ledger_new_key(key);
	if (!tui_form_prompt(t, label, buf, sizeof(buf)))
		return TUI_REDRAW;
	if (product_qty_parse(str_trim(buf), &points) != 0 || points == 0) {
		tui_status(t, TUI_ERROR, "Not a number of points: %s", buf);
		return TUI_REDRAW;
	}
	r = loyalty_redeem(app->ctx, s->member, points, key, &credit);
	if (r == ERR_RANGE)
		tui_status(t, TUI_ERROR, "%lld points are not worth a cent "
		    "yet.", (long long)points);
	else if (r != 0)
		scr_app_refused(t, r, NULL);
	else
		tui_status(t, TUI_SUCCESS, "%lld points: %s credited to the "
		    "wallet of %s.", (long long)points, money_format_cur(a,
		    sizeof(a), credit, app->cafe.decimals, app->cafe.currency),
		    s->member_name);
	pay_member_figures(app, s);
	return TUI_REDRAW;
}

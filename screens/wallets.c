/*
 * wallets.c -- the wallets screen: find a customer by name, phone or
 * card (f), open one (Enter) to see the balance, the debt and the
 * history with the balance after each entry and the loyalty points, and
 * top up, charge, refund, transfer, adjust (walletform.c) or redeem
 * points through short forms. Its dashboard
 * section shows the total wallet liability and, to approvers, what waits
 * for them.
 */
#include "screens/wallets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/approval.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/wallet.h"
#include "screens/app.h"
#include "screens/approvals.h"
#include "screens/dashboard.h"
#include "screens/modal.h"
#include "screens/walletform.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define LIST_MAX	500	/* customers shown for one search */
#define HIST_MAX	500	/* history entries shown */

struct wallets_state {
	struct tui_table	*list;
	struct customer_info	*c;
	size_t			 n;
	char			 find[64];
	int			 open;		/* a customer is open */
	struct customer_info	 cur;
	int64_t			 bal, debt, points, pvalue;
	struct tui_table	*hist;
	size_t			 nhist;
	char			 t_amount[24], t_balance[24];	/* titles */
};

static const struct tui_col list_cols[] = {
	{ "Name", 0, TUI_LEFT },
	{ "Card", 12, TUI_LEFT },
	{ "Id", 6, TUI_RIGHT },
	{ "Balance", 14, TUI_RIGHT },
	{ "State", 8, TUI_LEFT },
};

static const struct tui_col hist_cols[] = {
	{ "Time", 16, TUI_LEFT },
	{ "What", 15, TUI_LEFT },
	{ "Amount", 12, TUI_RIGHT },
	{ "Balance", 12, TUI_RIGHT },
	{ "By", 10, TUI_LEFT },
	{ "Memo", 0, TUI_LEFT },
};

static void
wallets_clear(void *p)
{
	struct wallets_state *s = p;

	tui_table_free(s->list);
	tui_table_free(s->hist);
	free(s->c);
}

static struct wallets_state *
wallets_state(struct scr_app *app)
{
	struct wallets_state *s = scr_app_state(app, &scr_wallets,
	    sizeof(*s), wallets_clear);

	struct tui_col cols[TUI_NKEYS(hist_cols)];

	if (s->list == NULL) {
		/* Every amount shows the currency: here in the titles. */
		memcpy(cols, hist_cols, sizeof(cols));
		snprintf(s->t_amount, sizeof(s->t_amount), "%s %s",
		    cols[2].title, app->cafe.currency);
		snprintf(s->t_balance, sizeof(s->t_balance), "%s %s",
		    cols[3].title, app->cafe.currency);
		cols[2].title = s->t_amount;
		cols[3].title = s->t_balance;
		s->list = tui_table_new(list_cols, TUI_NKEYS(list_cols));
		s->hist = tui_table_new(cols, TUI_NKEYS(cols));
	}
	return s;
}

static const char *
cur(const struct scr_app *app, int64_t v, char *buf, size_t size)
{
	money_format_cur(buf, size, v, app->cafe.decimals, app->cafe.currency);
	return buf;
}

/* The customers matching the search, each with its balance. */
static int
wallets_load_list(struct scr_app *app, struct wallets_state *s)
{
	const char *cells[TUI_NKEYS(list_cols)];
	char id[24], bal[MONEY_BUFSZ + 8];
	struct customer_info *v;
	int64_t sel_id = 0, b;
	size_t n, i;
	int r, sel;

	if ((sel = tui_table_selected(s->list)) >= 0 && (size_t)sel < s->n)
		sel_id = s->c[sel].id;
	if ((r = customer_search(app->ctx, s->find, LIST_MAX, &v, &n)) != 0)
		return r;
	free(s->c);
	s->c = v;
	s->n = n;
	tui_table_clear(s->list);
	for (i = 0; i < n; i++) {
		if (wallet_balance(app->ctx->db, v[i].id, &b) != 0)
			b = 0;
		snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
		cells[0] = v[i].name;
		cells[1] = v[i].card;
		cells[2] = id;
		cells[3] = cur(app, b, bal, sizeof(bal));
		cells[4] = v[i].disabled ? "disabled" : "active";
		tui_table_add(s->list, cells, v[i].disabled ? TUI_OFFLINE :
		    TUI_NORMAL);
		if (v[i].id == sel_id)
			tui_table_select(s->list, (int)i);
	}
	return 0;
}

/* The open customer: balance, debt and history. */
static int
wallets_load_open(struct scr_app *app, struct wallets_state *s)
{
	const char *cells[TUI_NKEYS(hist_cols)];
	char when[24], amt[MONEY_BUFSZ], bal[MONEY_BUFSZ];
	struct ledger_line *v;
	size_t n, i;
	int r;

	if ((r = customer_get(app->ctx, s->cur.id, &s->cur)) != 0 ||
	    (r = wallet_balance(app->ctx->db, s->cur.id, &s->bal)) != 0 ||
	    (r = wallet_debt(app->ctx->db, s->cur.id, &s->debt)) != 0 ||
	    (r = loyalty_balance(app->ctx->db, s->cur.id, &s->points,
	    &s->pvalue)) != 0 ||
	    (r = wallet_history(app->ctx->db, s->cur.id, 0, HIST_MAX, &v,
	    &n)) != 0)
		return r;
	tui_table_clear(s->hist);
	for (i = 0; i < n; i++) {
		cells[0] = scr_app_time(app, v[i].at, "%Y-%m-%d %H:%M", when,
		    sizeof(when));
		cells[1] = v[i].op;
		cells[2] = money_format(amt, sizeof(amt), v[i].amount,
		    app->cafe.decimals);
		cells[3] = money_format(bal, sizeof(bal), v[i].balance_after,
		    app->cafe.decimals);
		cells[4] = v[i].actor;
		cells[5] = v[i].memo;
		tui_table_add(s->hist, cells, v[i].amount < 0 ? TUI_NORMAL :
		    TUI_SUCCESS);
	}
	s->nhist = n;
	free(v);
	return 0;
}

static int
wallets_load(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	struct wallets_state *s = wallets_state(app);

	(void)t;
	return s->open ? wallets_load_open(app, s) :
	    wallets_load_list(app, s);
}

static void
wallets_draw_open(struct scr_app *app, struct wallets_state *s, WINDOW *w)
{
	char line[256], b1[MONEY_BUFSZ + 8], b2[MONEY_BUFSZ + 8];
	char b3[MONEY_BUFSZ + 8];
	int h, ww;

	getmaxyx(w, h, ww);
	snprintf(line, sizeof(line), "%s   card %s   id:%lld%s", s->cur.name,
	    s->cur.card[0] != '\0' ? s->cur.card : "-", (long long)s->cur.id,
	    s->cur.disabled ? "   (disabled)" : "");
	wattrset(w, tui_theme_attr(TUI_HEADER));
	tui_text_put(w, 0, 1, ww - 2, line, TUI_LEFT);
	snprintf(line, sizeof(line), "Balance %s    Debt %s    Points %lld "
	    "(worth %s)", cur(app, s->bal, b1, sizeof(b1)), cur(app, s->debt,
	    b2, sizeof(b2)), (long long)s->points, cur(app, s->pvalue, b3,
	    sizeof(b3)));
	wattrset(w, tui_theme_attr(s->debt > 0 ? TUI_WARNING : TUI_NORMAL));
	tui_text_put(w, 1, 1, ww - 2, line, TUI_LEFT);
	wattrset(w, A_NORMAL);
	tui_table_draw(s->hist, w, 3, 0, h - 4, ww);
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, h - 1, 0, ww, s->nhist == 0 ? "No movements yet.   "
	    "Esc back to the list" : "Newest first.   Esc back to the list",
	    TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static void
wallets_draw(struct tui *t, WINDOW *w, void *vapp)
{
	struct scr_app *app = vapp;
	struct wallets_state *s = wallets_state(app);
	char line[160], total[MONEY_BUFSZ + 8];
	int64_t liab = 0;
	int h, ww;

	(void)t;
	if (s->open) {
		wallets_draw_open(app, s, w);
		return;
	}
	getmaxyx(w, h, ww);
	snprintf(line, sizeof(line), "Find: %s", s->find[0] != '\0' ?
	    s->find : "(everyone; f to search by name, phone or card)");
	tui_text_put(w, 0, 1, ww - 2, line, TUI_LEFT);
	tui_table_draw(s->list, w, 1, 0, h - 2, ww);
	wallet_liability(app->ctx->db, &liab);
	snprintf(line, sizeof(line), "%zu customer%s shown; all wallets hold "
	    "%s", s->n, s->n == 1 ? "" : "s", cur(app, liab, total,
	    sizeof(total)));
	wattrset(w, tui_theme_attr(TUI_OFFLINE));
	tui_text_put(w, h - 1, 0, ww, line, TUI_LEFT);
	wattrset(w, A_NORMAL);
}

static int
wallets_key(struct tui *t, int key, void *vapp)
{
	struct wallets_state *s = wallets_state(vapp);

	if (s->open && key == TUI_KEY_ESC) {
		s->open = 0;
		return TUI_RELOAD;
	}
	return tui_table_key(s->open ? s->hist : s->list, t, key);
}

/* The customer the keys act on: the open one, or the selected row. */
static const struct customer_info *
wallets_cur(struct tui *t, struct scr_app *app)
{
	struct wallets_state *s = wallets_state(app);
	int i;

	if (s->open)
		return &s->cur;
	i = tui_table_selected(s->list);
	if (i < 0 || (size_t)i >= s->n) {
		tui_status(t, TUI_WARNING, "No customer selected: f finds "
		    "one.");
		return NULL;
	}
	return &s->c[i];
}

static int
wallets_open(struct tui *t, void *vapp)
{
	struct wallets_state *s = wallets_state(vapp);
	const struct customer_info *c;

	if (s->open || (c = wallets_cur(t, vapp)) == NULL)
		return TUI_HANDLED;
	s->cur = *c;
	s->open = 1;
	tui_table_select(s->hist, 0);
	return TUI_RELOAD;
}

static int
wallets_find(struct tui *t, void *vapp)
{
	struct wallets_state *s = wallets_state(vapp);
	char buf[sizeof(s->find)];

	memcpy(buf, s->find, sizeof(buf));
	if (!tui_form_prompt(t, "Find (name, phone or card): ", buf,
	    sizeof(buf)))
		return TUI_REDRAW;
	memcpy(s->find, buf, sizeof(buf));
	s->open = 0;
	tui_table_select(s->list, 0);
	return TUI_RELOAD;
}

static int
wallets_add(struct tui *t, void *vapp)
{
	return scr_walletform_customer(t, vapp);
}

/* Run op on the current customer. */
static int
wallets_op(struct tui *t, struct scr_app *app,
    int (*op)(struct tui *, struct scr_app *, const struct customer_info *))
{
	const struct customer_info *c = wallets_cur(t, app);
	struct customer_info copy;

	if (c == NULL)
		return TUI_HANDLED;
	copy = *c;	/* the list may be reloaded underneath */
	return op(t, app, &copy);
}

static int
wallets_topup(struct tui *t, void *vapp)
{
	return wallets_op(t, vapp, scr_walletform_topup);
}

static int
wallets_charge(struct tui *t, void *vapp)
{
	return wallets_op(t, vapp, scr_walletform_charge);
}

static int
wallets_refund(struct tui *t, void *vapp)
{
	return wallets_op(t, vapp, scr_walletform_refund);
}

static int
wallets_transfer(struct tui *t, void *vapp)
{
	return wallets_op(t, vapp, scr_walletform_transfer);
}

static int
wallets_adjust(struct tui *t, void *vapp)
{
	return wallets_op(t, vapp, scr_walletform_adjust);
}

static int
wallets_toggle(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct customer_info *c = wallets_cur(t, app);
	int r, off;

	if (c == NULL)
		return TUI_HANDLED;
	off = !c->disabled;
	if (!scr_modal_confirm(t, off ? "Disable customer" :
	    "Enable customer", off ? "Disable %s?\nTheir wallet then takes no "
	    "top-up, charge or transfer." : "Enable %s again?", c->name))
		return TUI_REDRAW;
	r = customer_set_disabled(app->ctx, c->id, off);
	scr_modal_result(t, r, "%s is %s.", c->name, off ? "disabled" :
	    "enabled again");
	return TUI_RELOAD;
}

/* How many points to redeem: 1..have, or 0 with the reason said. */
static int64_t
redeem_points(struct tui *t, const char *value, int64_t have)
{
	char *end;
	long long v;

	v = strtoll(value, &end, 10);
	if (end == value || *end != '\0' || v <= 0 || v > have) {
		tui_status(t, TUI_ERROR, "Give a whole number of points from "
		    "1 to %lld.", (long long)have);
		return 0;
	}
	return v;
}

/* Redeem loyalty points as wallet credit, stating the credit first. */
static int
wallets_redeem(struct tui *t, void *vapp)
{
	struct scr_app *app = vapp;
	const struct customer_info *c = wallets_cur(t, app);
	char key[33], buf[24], b1[MONEY_BUFSZ + 8], b2[MONEY_BUFSZ + 8];
	int64_t have, value, want, credit, bal;
	int r;

	if (c == NULL)
		return TUI_HANDLED;
	if ((r = loyalty_balance(app->ctx->db, c->id, &have, &value)) != 0) {
		scr_app_refused(t, r, NULL);
		return TUI_HANDLED;
	}
	if (have == 0) {
		tui_status(t, TUI_WARNING, "%s has no points to redeem.",
		    c->name);
		return TUI_HANDLED;
	}
	ledger_new_key(key);	/* one key for this form: Enter twice is once */
	snprintf(buf, sizeof(buf), "%lld", (long long)have);
	do {
		if (!tui_form_prompt(t, "Points to redeem: ", buf, sizeof(buf)))
			return TUI_REDRAW;
	} while ((want = redeem_points(t, buf, have)) == 0);
	if ((r = loyalty_redeem_quote(app->ctx->db, c->id, want,
	    &credit)) != 0 || (r = wallet_balance(app->ctx->db, c->id,
	    &bal)) != 0) {
		scr_app_refused(t, r, NULL);
		return TUI_REDRAW;
	}
	if (!scr_modal_confirm(t, "Redeem points", "Redeem %lld of %lld "
	    "points of %s as %s of wallet credit?\nBalance after: %s.",
	    (long long)want, (long long)have, c->name, cur(app, credit, b1,
	    sizeof(b1)), cur(app, bal + credit, b2, sizeof(b2))))
		return TUI_REDRAW;
	r = loyalty_redeem(app->ctx, c->id, want, key, &credit);
	scr_modal_result(t, r, "%lld points redeemed: %s credited to %s.",
	    (long long)want, cur(app, credit, b1, sizeof(b1)), c->name);
	return TUI_RELOAD;
}

static int
wallets_approvals(struct tui *t, void *vapp)
{
	scr_approvals_run(t, vapp);
	return TUI_RELOAD;
}

static const struct tui_key wallets_keys[] = {
	{ TUI_KEY_ENTER, "Open", "Open the selected customer's wallet and "
	  "history", wallets_open, -1 },
	{ TUI_KEY_ESC, "Back", "Back from a wallet to the list", NULL, -1 },
	{ 'f', "Find", "Find customers by name, phone or card", wallets_find,
	  -1 },
	{ 't', "Top up", "Top up the wallet (cash or card)", wallets_topup,
	  PERM_WALLET_TOPUP },
	{ 'c', "Charge", "Charge the wallet", wallets_charge,
	  PERM_WALLET_CHARGE },
	{ 'r', "Refund", "Pay credit back in cash (may need a manager)",
	  wallets_refund, PERM_WALLET_REFUND },
	{ 'x', "Transfer", "Move credit to another customer's wallet",
	  wallets_transfer, PERM_WALLET_CHARGE },
	{ 'A', "Adjust", "Correct the wallet with a reason (may need a "
	  "manager)", wallets_adjust, PERM_WALLET_ADJUST },
	{ 'l', "Redeem", "Redeem loyalty points as wallet credit",
	  wallets_redeem, PERM_WALLET_TOPUP },
	{ 'a', "Add", "Add a customer", wallets_add, PERM_CUSTOMER_MANAGE },
	{ 'd', "Disable", "Disable or enable the customer (asks first)",
	  wallets_toggle, PERM_CUSTOMER_MANAGE },
	{ 'p', "Approvals", "Requests waiting for a manager's approval",
	  wallets_approvals, PERM_WALLET_APPROVE },
};

const struct tui_screen scr_wallets = {
	.name = "wallets",
	.title = "Wallets",
	.perm = PERM_CUSTOMER_MANAGE,
	.keys = wallets_keys,
	.nkeys = TUI_NKEYS(wallets_keys),
	.widget_keys = tui_table_keys,
	.nwidget_keys = TUI_TABLE_NKEYS,
	.load = wallets_load,
	.draw = wallets_draw,
	.key = wallets_key,
};

/* The dashboard: what the wallets hold and owe, what waits. */
static int
wallets_dash_load(struct scr_app *app, struct scr_dash *d)
{
	struct approval_info *v;
	char b1[MONEY_BUFSZ + 8], b2[MONEY_BUFSZ + 8];
	int64_t liab, debt;
	size_t n, i;
	int r;

	if ((r = wallet_liability(app->ctx->db, &liab)) != 0 ||
	    (r = ledger_total(app->ctx->db, LEDGER_RECEIVABLE, &debt)) != 0)
		return r;
	scr_dashboard_add(d, TUI_NORMAL, "Wallets hold %s (owed to "
	    "customers); customers owe %s", cur(app, liab, b1, sizeof(b1)),
	    cur(app, debt, b2, sizeof(b2)));
	if (!perm_has(app->ctx, PERM_WALLET_APPROVE))
		return 0;
	if ((r = approval_list(app->ctx->db, 1, 20, &v, &n)) != 0)
		return r;
	for (i = 0; i < n; i++)
		scr_dashboard_add(d, TUI_WARNING, "Waiting for approval: "
		    "%s %s by %s (Wallets, p)", v[i].op, cur(app, v[i].amount,
		    b1, sizeof(b1)), v[i].requested_by);
	free(v);
	return 0;
}

const struct scr_dash_section scr_wallets_dash = {
	.title = "Wallets",
	.perm = PERM_CUSTOMER_MANAGE,
	.rows = 5,
	.load = wallets_dash_load,
};

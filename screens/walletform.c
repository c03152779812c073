/*
 * walletform.c -- top-up, charge, refund, adjustment and transfer as
 * short forms with a confirmation that states the outcome; and the new
 * customer form.
 */
#include "screens/walletform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/shift.h"
#include "model/wallet.h"
#include "screens/app.h"
#include "screens/approvals.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/theme.h"

/* One run of an operation's form. */
struct wf {
	struct scr_app			*app;
	const struct customer_info	*c;
	struct tui_form			*form;
	int				 method;	/* enum wallet_method */
	int64_t				 shift;		/* the actor's, or 0 */
	int64_t				 bal, debt;
	char				 key[33];
	char				 what[160];	/* for the wait */
	char				 msg[512];	/* the confirmation */
	char				 title[96];
	char				 label[32];	/* "Amount (EUR)" */
	struct tui_field		 fields[2];
};

/* What an operation adds to the common run. */
struct wf_op {
	const char		*title;
	const struct tui_field	*fields;
	size_t			 nfields;
	/* Fill op and w->msg from the form; NULL, or why not. */
	const char		*(*prepare)(struct wf *, struct wallet_op *);
	int			(*call)(struct mctx *, const struct wallet_op *,
				    struct wallet_result *);
};

/* "12.50 EUR" into buf. */
static const char *
cur(const struct scr_app *app, int64_t v, char *buf, size_t size)
{
	money_format_cur(buf, size, v, app->cafe.decimals, app->cafe.currency);
	return buf;
}

static const char *
check_amount(const char *value, void *ctx)
{
	const struct scr_app *app = ((struct wf *)ctx)->app;
	const char *why = NULL;
	int64_t v;

	if (money_parse(value, app->cafe.decimals, &v, &why) != 0)
		return why != NULL ? why : "not an amount";
	return v == 0 ? "the amount must be more than zero" : NULL;
}

static const char *
check_signed(const char *value, void *ctx)
{
	const struct scr_app *app = ((struct wf *)ctx)->app;
	const char *why = NULL;
	int64_t v;

	if (money_parse_signed(value, app->cafe.decimals, &v, &why) != 0)
		return why != NULL ? why : "not an amount";
	return v == 0 ? "the amount must not be zero" : NULL;
}

static const char *
check_reason(const char *value, void *ctx)
{
	(void)ctx;
	return value[0] == '\0' ? "a reason is required" : NULL;
}

static const char *
check_customer(const char *value, void *ctx)
{
	struct wf *w = ctx;
	int64_t id;

	if (customer_resolve(w->app->ctx->db, value, &id) != 0)
		return "no such customer (a card number or id:N)";
	return id == w->c->id ? "that is the same customer" : NULL;
}

static int64_t
amount_of(const struct wf *w, size_t field)
{
	int64_t v = 0;

	money_parse_signed(tui_form_value(w->form, field),
	    w->app->cafe.decimals, &v, NULL);
	return v;
}

/* The common run: form, confirm, call; say what happened. */
static int
wf_run(struct tui *t, struct wf *w, const struct wf_op *o)
{
	struct wallet_result res;
	struct wallet_op op;
	const char *why;
	char b[MONEY_BUFSZ + 8];
	size_t i;
	int r, done = 0;

	/* Every amount shows the currency; the title names the customer. */
	memcpy(w->fields, o->fields, o->nfields * sizeof(w->fields[0]));
	for (i = 0; i < o->nfields; i++) {
		if (w->fields[i].type != TUI_FIELD_NUMBER)
			continue;
		snprintf(w->label, sizeof(w->label), "%s (%s)",
		    w->fields[i].label, w->app->cafe.currency);
		w->fields[i].label = w->label;
	}
	snprintf(w->title, sizeof(w->title), "%s: %s", o->title, w->c->name);
	ledger_new_key(w->key);
	w->form = tui_form_new(w->title, w->fields, o->nfields, w);
	while (!done && tui_form_run(t, w->form) == TUI_FORM_SUBMIT) {
		memset(&op, 0, sizeof(op));
		op.customer_id = w->c->id;
		op.key = w->key;
		if ((why = o->prepare(w, &op)) != NULL) {
			tui_status(t, TUI_ERROR, "%s", why);
			continue;
		}
		if (tui_dialog_confirm(t, w->title, w->msg) != 1)
			continue;
		memset(&res, 0, sizeof(res));
		r = o->call(w->app->ctx, &op, &res);
		done = r == 0 || r == ERR_NEEDS_APPROVAL || r == ERR_DENIED;
		if (r == ERR_NEEDS_APPROVAL)
			scr_approvals_wait(t, w->app, res.approval_id, w->what);
		else if (r == 0)
			tui_status(t, TUI_SUCCESS, "Done: %s now holds %s.",
			    w->c->name, cur(w->app, res.balance, b,
			    sizeof(b)));
		else
			scr_app_refused(t, r, NULL);
	}
	tui_form_free(w->form);
	return TUI_RELOAD;
}

/* Load what every form needs: the balance, debt and the actor's shift. */
static int
wf_init(struct tui *t, struct wf *w, struct scr_app *app,
    const struct customer_info *c, int cash)
{
	int r;

	memset(w, 0, sizeof(*w));
	w->app = app;
	w->c = c;
	if ((r = wallet_balance(app->ctx->db, c->id, &w->bal)) != 0 ||
	    (r = wallet_debt(app->ctx->db, c->id, &w->debt)) != 0) {
		scr_app_refused(t, r, NULL);
		return -1;
	}
	if (shift_current(app->ctx->db, app->ctx->actor.user_id,
	    &w->shift) != 0)
		w->shift = 0;
	if (cash && w->shift == 0) {
		tui_status(t, TUI_ERROR, "No open shift: open one on the "
		    "Shift screen first (cash goes through your drawer).");
		return -1;
	}
	return 0;
}

static const struct tui_field amount_fields[] = {
	{ "Amount", TUI_FIELD_NUMBER, 16, check_amount },
};

static const char *
topup_prepare(struct wf *w, struct wallet_op *op)
{
	char a[48], s[48], after[48];
	int64_t settle;

	op->amount = amount_of(w, 0);
	op->method = w->method;
	op->shift_id = w->shift;
	settle = w->debt < op->amount ? w->debt : op->amount;
	snprintf(w->msg, sizeof(w->msg), "Top up the wallet of %s by %s, "
	    "paid %s.\n%s%s%sBalance after: %s.", w->c->name,
	    cur(w->app, op->amount, a, sizeof(a)), w->method == WALLET_CASH ?
	    "in cash into your drawer" : "by card on the terminal",
	    settle > 0 ? "Of it, " : "", settle > 0 ? cur(w->app, settle, s,
	    sizeof(s)) : "", settle > 0 ? " pays off the debt first.\n" : "",
	    cur(w->app, w->bal + op->amount - settle, after, sizeof(after)));
	return NULL;
}

int
scr_walletform_topup(struct tui *t, struct scr_app *app,
    const struct customer_info *c)
{
	static const char *const methods[] = { "Cash, into my drawer",
	    "Card, on the card terminal" };
	const struct wf_op o = { "Top up", amount_fields,
	    TUI_NKEYS(amount_fields), topup_prepare, wallet_topup };
	struct wf w;
	int m;

	if ((m = tui_dialog_choose(t, "Paid by", methods, 2, 0)) < 0)
		return TUI_REDRAW;
	if (wf_init(t, &w, app, c, m == 0) != 0)
		return TUI_REDRAW;
	w.method = m == 0 ? WALLET_CASH : WALLET_CARD;
	return wf_run(t, &w, &o);
}

static const struct tui_field charge_fields[] = {
	{ "Amount", TUI_FIELD_NUMBER, 16, check_amount },
	{ "For", TUI_FIELD_TEXT, 60, check_reason },
};

static const char *
charge_prepare(struct wf *w, struct wallet_op *op)
{
	char a[48], after[48];

	op->amount = amount_of(w, 0);
	op->reason = tui_form_value(w->form, 1);
	if (op->amount > w->bal)
		return "The wallet does not hold that much.";
	snprintf(w->msg, sizeof(w->msg), "Charge %s to the wallet of %s "
	    "for \"%s\".\nBalance after: %s.", cur(w->app, op->amount, a,
	    sizeof(a)), w->c->name, op->reason, cur(w->app, w->bal -
	    op->amount, after, sizeof(after)));
	return NULL;
}

int
scr_walletform_charge(struct tui *t, struct scr_app *app,
    const struct customer_info *c)
{
	const struct wf_op o = { "Charge", charge_fields,
	    TUI_NKEYS(charge_fields), charge_prepare, wallet_charge };
	struct wf w;

	if (wf_init(t, &w, app, c, 0) != 0)
		return TUI_REDRAW;
	return wf_run(t, &w, &o);
}

static const struct tui_field refund_fields[] = {
	{ "Amount", TUI_FIELD_NUMBER, 16, check_amount },
	{ "Reason", TUI_FIELD_TEXT, 120, check_reason },
};

static const char *
refund_prepare(struct wf *w, struct wallet_op *op)
{
	char a[48], after[48];

	op->amount = amount_of(w, 0);
	op->reason = tui_form_value(w->form, 1);
	op->method = WALLET_CASH;
	op->shift_id = w->shift;
	if (op->amount > w->bal)
		return "The wallet does not hold that much.";
	snprintf(w->msg, sizeof(w->msg), "Pay %s in cash from your drawer "
	    "back to %s (\"%s\").\nBalance after: %s.\nA manager may have to "
	    "approve it.", cur(w->app, op->amount, a, sizeof(a)), w->c->name,
	    op->reason, cur(w->app, w->bal - op->amount, after,
	    sizeof(after)));
	snprintf(w->what, sizeof(w->what), "Refund of %s in cash to %s",
	    a, w->c->name);
	return NULL;
}

int
scr_walletform_refund(struct tui *t, struct scr_app *app,
    const struct customer_info *c)
{
	const struct wf_op o = { "Refund", refund_fields,
	    TUI_NKEYS(refund_fields), refund_prepare, wallet_refund };
	struct wf w;

	if (wf_init(t, &w, app, c, 1) != 0)
		return TUI_REDRAW;
	return wf_run(t, &w, &o);
}

static const struct tui_field adjust_fields[] = {
	{ "Amount, -1.50 takes off", TUI_FIELD_NUMBER, 17, check_signed },
	{ "Reason", TUI_FIELD_TEXT, 120, check_reason },
};

static const char *
adjust_prepare(struct wf *w, struct wallet_op *op)
{
	char a[48], after[48];

	op->amount = amount_of(w, 0);
	op->reason = tui_form_value(w->form, 1);
	if (w->bal + op->amount < 0)
		return "The wallet does not hold that much.";
	snprintf(w->msg, sizeof(w->msg), "Correct the wallet of %s by %s "
	    "(\"%s\").\nBalance after: %s.\nA manager may have to approve it.",
	    w->c->name, cur(w->app, op->amount, a, sizeof(a)), op->reason,
	    cur(w->app, w->bal + op->amount, after, sizeof(after)));
	snprintf(w->what, sizeof(w->what), "Adjustment of %s to the wallet "
	    "of %s", a, w->c->name);
	return NULL;
}

int
scr_walletform_adjust(struct tui *t, struct scr_app *app,
    const struct customer_info *c)
{
	const struct wf_op o = { "Adjust", adjust_fields,
	    TUI_NKEYS(adjust_fields), adjust_prepare, wallet_adjust };
	struct wf w;

	if (wf_init(t, &w, app, c, 0) != 0)
		return TUI_REDRAW;
	return wf_run(t, &w, &o);
}

static const struct tui_field transfer_fields[] = {
	{ "To (card or id:N)", TUI_FIELD_TEXT, 40, check_customer },
	{ "Amount", TUI_FIELD_NUMBER, 16, check_amount },
};

static const char *
transfer_prepare(struct wf *w, struct wallet_op *op)
{
	struct customer_info to;
	char a[48], after[48], after2[48];
	int64_t tobal;

	if (customer_resolve(w->app->ctx->db, tui_form_value(w->form, 0),
	    &op->to_customer) != 0 ||
	    customer_get(w->app->ctx, op->to_customer, &to) != 0 ||
	    wallet_balance(w->app->ctx->db, to.id, &tobal) != 0)
		return "No such customer.";
	op->amount = amount_of(w, 1);
	if (op->amount > w->bal)
		return "The wallet does not hold that much.";
	snprintf(w->msg, sizeof(w->msg), "Move %s from the wallet of %s to "
	    "the wallet of %s.\nBalance after: %s has %s, %s has %s.",
	    cur(w->app, op->amount, a, sizeof(a)), w->c->name, to.name,
	    w->c->name, cur(w->app, w->bal - op->amount, after,
	    sizeof(after)), to.name, cur(w->app, tobal + op->amount, after2,
	    sizeof(after2)));
	return NULL;
}

int
scr_walletform_transfer(struct tui *t, struct scr_app *app,
    const struct customer_info *c)
{
	const struct wf_op o = { "Transfer", transfer_fields,
	    TUI_NKEYS(transfer_fields), transfer_prepare, wallet_transfer };
	struct wf w;

	if (wf_init(t, &w, app, c, 0) != 0)
		return TUI_REDRAW;
	return wf_run(t, &w, &o);
}

static const char *
check_name(const char *value, void *ctx)
{
	(void)ctx;
	return value[0] == '\0' ? "a name is required" : NULL;
}

static const char *
check_phone(const char *value, void *ctx)
{
	char out[CUSTOMER_PHONE_MAX + 1];

	(void)ctx;
	if (value[0] != '\0' && customer_phone_normalize(value, out) != 0)
		return "5 to 15 digits, perhaps a leading +";
	return NULL;
}

static const char *
check_email(const char *value, void *ctx)
{
	char out[CUSTOMER_EMAIL_MAX + 1];

	(void)ctx;
	if (value[0] != '\0' && customer_email_normalize(value, out) != 0)
		return "not an e-mail address";
	return NULL;
}

static const struct tui_field customer_fields[] = {
	{ "Name", TUI_FIELD_TEXT, CUSTOMER_NAME_MAX, check_name },
	{ "Phone (optional)", TUI_FIELD_TEXT, 24, check_phone },
	{ "E-mail (optional)", TUI_FIELD_TEXT, 80, check_email },
	{ "Card (optional)", TUI_FIELD_TEXT, CUSTOMER_CARD_MAX, NULL },
};

int
scr_walletform_customer(struct tui *t, struct scr_app *app)
{
	struct customer_new cn;
	struct tui_form *f;
	const char *why;
	int64_t id;
	int r, done = 0;

	f = tui_form_new("New customer", customer_fields,
	    TUI_NKEYS(customer_fields), app);
	while (!done && tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		cn.name = tui_form_value(f, 0);
		cn.phone = tui_form_value(f, 1);
		cn.email = tui_form_value(f, 2);
		cn.card = tui_form_value(f, 3);
		why = NULL;
		if ((r = customer_add(app->ctx, &cn, &id, &why)) == 0) {
			tui_status(t, TUI_SUCCESS, "Added %s (id:%lld).",
			    cn.name, (long long)id);
			done = 1;
		} else {
			scr_app_refused(t, r, why);
			done = r == ERR_DENIED;
		}
	}
	tui_form_free(f);
	return TUI_RELOAD;
}

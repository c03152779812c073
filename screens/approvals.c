/*
 * approvals.c -- the two-person rule on screen: the cashier's waiting
 * dialog (with approval on the same terminal by a manager's password and
 * code), the managers' list of pending requests, and the top-bar count.
 */
#include "screens/approvals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/approval.h"
#include "model/auth.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/user.h"
#include "screens/app.h"
#include "screens/modal.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"
#include "tui/text.h"
#include "tui/theme.h"

#define WAIT_H		12
#define WAIT_W		66
#define LIST_H		18
#define LIST_W		78
#define TRIES		3	/* passwords typed here per dialog */

/* What the approver types on the cashier's terminal. */
static const struct tui_field approver_fields[] = {
	{ "Manager", TUI_FIELD_TEXT, USER_NAME_MAX, NULL },
	{ "Password", TUI_FIELD_SECRET, 128, NULL },
	{ "Code (6 digits)", TUI_FIELD_TEXT, 16, NULL },
};

/*
 * Check the manager's password and second factor; on success fill m as
 * the session's context acting as them. Returns 0 or ERR_AUTH (audited).
 */
static int
approver_auth(struct scr_app *app, struct tui_form *f, struct mctx *m)
{
	const char *name = tui_form_value(f, 0);
	struct user_info u;
	enum auth_why why;
	int r, recovery;

	r = auth_password(app->ctx, name, tui_form_value(f, 1), &u, &why);
	if (r == 0)
		r = auth_second_factor(app->ctx, u.id, tui_form_value(f, 2),
		    &recovery, &why);
	if (r != 0) {
		auth_audit_failure(app->ctx, name, why);
		return ERR_AUTH;
	}
	*m = *app->ctx;
	m->actor.user_id = u.id;
	str_lcpy(m->actor.name, u.name, sizeof(m->actor.name));
	m->actor.role = u.role;
	return 0;
}

/* 'a' in the waiting dialog: a manager approves here. */
static void
approve_here(struct tui *t, struct scr_app *app, int64_t id, int *tries)
{
	struct tui_form *f;
	struct mctx m;
	int64_t tx;
	int r;

	if (*tries >= TRIES) {
		tui_status(t, TUI_ERROR, "Too many attempts here; the manager "
		    "can approve from their own terminal.");
		return;
	}
	f = tui_form_new("Manager approval", approver_fields,
	    TUI_NKEYS(approver_fields), NULL);
	if (tui_form_run(t, f) == TUI_FORM_SUBMIT) {
		(*tries)++;
		if (approver_auth(app, f, &m) != 0)
			tui_status(t, TUI_ERROR, "%s", err_str(ERR_AUTH));
		else if ((r = approval_approve(&m, id, &tx)) != 0)
			scr_app_refused(t, r, r == ERR_SELF ? "a second "
			    "person must approve" : r == ERR_DENIED ?
			    "the approver needs wallet.approve" : NULL);
	}
	tui_form_free(f);
}

static void
wait_draw(WINDOW *w, const char *what, int64_t id, int64_t since)
{
	char line[128];
	int h, ww;

	getmaxyx(w, h, ww);
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, 1, 2, ww - 4, what, TUI_LEFT);
	snprintf(line, sizeof(line), "needs the approval of a manager "
	    "(request %lld).", (long long)id);
	tui_text_put(w, 2, 2, ww - 4, line, TUI_LEFT);
	tui_text_put(w, 4, 2, ww - 4, "A manager approves it on their own "
	    "terminal, or here:", TUI_LEFT);
	tui_text_put(w, 5, 4, ww - 6, "a    approve here (manager's password "
	    "and code)", TUI_LEFT);
	tui_text_put(w, 6, 4, ww - 6, "b    back: leave it waiting",
	    TUI_LEFT);
	tui_text_put(w, 7, 4, ww - 6, "Esc  withdraw the request", TUI_LEFT);
	snprintf(line, sizeof(line), "Waiting for %lld s...",
	    (long long)((clock_mono_ms() - since) / 1000));
	wattrset(w, tui_theme_attr(TUI_WARNING));
	tui_text_put(w, h - 2, 2, ww - 4, line, TUI_LEFT);
	wattrset(w, tui_theme_attr(TUI_NORMAL));
}

/* Say how a request ended; 1 when approved. */
static int
wait_outcome(struct tui *t, const struct approval_info *ai)
{
	if (ai->state == APPROVAL_APPROVED) {
		tui_status(t, TUI_SUCCESS, "Approved by %s and done.",
		    ai->decided_by);
		return 1;
	}
	tui_status(t, TUI_WARNING, "Request %lld was %s by %s; nothing was "
	    "changed.", (long long)ai->id, approval_state_name(ai->state),
	    ai->decided_by);
	return 0;
}

/* One key of the waiting dialog: 0 closes it, 2 reloads the request
 * (our own writes do not change data_version), 1 keeps waiting. */
static int
wait_key(struct tui *t, struct scr_app *app, int64_t id, int key,
    int *tries)
{
	int r;

	switch (key) {
	case TUI_KEY_ABORT:
	case 'b':
		tui_status(t, TUI_NORMAL, "Request %lld stays open for a "
		    "manager.", (long long)id);
		return 0;
	case 'a':
		approve_here(t, app, id, tries);
		return 2;
	case TUI_KEY_ESC:
		if (!scr_modal_confirm(t, "Withdraw", "Withdraw the request? "
		    "Nothing will be paid."))
			return 1;
		if ((r = approval_cancel(app->ctx, id)) != 0 &&
		    r != ERR_STATE)
			scr_app_refused(t, r, NULL);
		return 2;	/* the outcome closes it */
	}
	return 1;
}

int
scr_approvals_wait(struct tui *t, struct scr_app *app, int64_t id,
    const char *what)
{
	struct approval_info ai;
	int64_t since = clock_mono_ms(), version = -1;
	int open = 1, tries = 0, r;
	WINDOW *w;

	while (open) {
		if (version != app->data_version) {
			version = app->data_version;
			if ((r = approval_get(app->ctx->db, id, &ai)) != 0) {
				scr_app_refused(t, r, NULL);
				break;
			}
			if (ai.state != APPROVAL_PENDING) {
				tui_modal_done(t);
				return wait_outcome(t, &ai);
			}
		}
		if (tui_modal_paint(t) && (w = tui_dialog_win(WAIT_H, WAIT_W,
		    "Waiting for approval")) != NULL) {
			wait_draw(w, what, id, since);
			wnoutrefresh(w);
			delwin(w);
		}
		if ((open = wait_key(t, app, id, tui_modal_key(t),
		    &tries)) == 2)
			version = -1;
	}
	tui_modal_done(t);
	return 0;
}

/* The managers' dialog of pending requests. */
struct list_dlg {
	struct scr_app		*app;
	struct tui_table	*tab;
	struct approval_info	*v;
	size_t			 n;
	int64_t			 version;
};

static const struct tui_col list_cols[] = {
	{ "Id", 4, TUI_RIGHT },
	{ "What", 13, TUI_LEFT },
	{ "Customer", 14, TUI_LEFT },
	{ "Amount", 12, TUI_RIGHT },
	{ "By", 8, TUI_LEFT },
	{ "Reason", 0, TUI_LEFT },
};

static int
list_load(void *dp)
{
	struct list_dlg *d = dp;
	const char *cells[TUI_NKEYS(list_cols)];
	struct customer_info c;
	char id[24], amt[MONEY_BUFSZ + 8];
	size_t i;
	int r;

	free(d->v);
	d->v = NULL;
	d->n = 0;
	tui_table_clear(d->tab);
	d->version = d->app->data_version;
	if ((r = approval_list(d->app->ctx->db, 1, 500, &d->v, &d->n)) != 0)
		return r;
	for (i = 0; i < d->n; i++) {
		snprintf(id, sizeof(id), "%lld", (long long)d->v[i].id);
		if (customer_get(d->app->ctx, d->v[i].customer_id, &c) != 0)
			snprintf(c.name, sizeof(c.name), "id:%lld",
			    (long long)d->v[i].customer_id);
		money_format_cur(amt, sizeof(amt), d->v[i].amount,
		    d->app->cafe.decimals, d->app->cafe.currency);
		cells[0] = id;
		cells[1] = d->v[i].op;
		cells[2] = c.name;
		cells[3] = amt;
		cells[4] = d->v[i].requested_by;
		cells[5] = d->v[i].reason;
		tui_table_add(d->tab, cells, TUI_WARNING);
	}
	return 0;
}

/* Approve (1) or reject (0) the selected request after asking. */
static void
list_decide(struct tui *t, struct list_dlg *d, int approve)
{
	const struct approval_info *ai;
	char note[128] = "";
	int i, r;

	if ((i = tui_table_selected(d->tab)) < 0 || (size_t)i >= d->n) {
		tui_status(t, TUI_WARNING, "No request selected.");
		return;
	}
	ai = &d->v[i];
	if (!scr_modal_confirm(t, approve ? "Approve" : "Reject", "%s "
	    "request %lld of %s?\n%s %s for %s\n(\"%s\")", approve ?
	    "Approve" : "Reject", (long long)ai->id, ai->requested_by, ai->op,
	    tui_table_cell(d->tab, (size_t)i, 3),
	    tui_table_cell(d->tab, (size_t)i, 2), ai->reason) ||
	    (!approve && !tui_form_prompt(t, "Why (optional): ", note,
	    sizeof(note))))
		return;
	r = approve ? approval_approve(d->app->ctx, ai->id, NULL) :
	    approval_reject(d->app->ctx, ai->id, note);
	if (r != 0)
		scr_app_refused(t, r, r == ERR_SELF ? "nobody decides their "
		    "own request" : NULL);
	else
		tui_status(t, TUI_SUCCESS, "Request %lld %s.",
		    (long long)ai->id, approve ? "approved and done" :
		    "rejected");
	d->version = -1;
}

static void
list_draw(struct tui *t, WINDOW *w, void *dp)
{
	struct list_dlg *d = dp;
	int h, ww;

	(void)t;
	getmaxyx(w, h, ww);
	tui_table_draw(d->tab, w, 1, 2, h - 3, ww - 4);
	wattrset(w, tui_theme_attr(TUI_NORMAL));
	tui_text_put(w, h - 2, 2, ww - 4, d->n == 0 ? "Nothing waits.   "
	    "Esc close" : "a/Enter approve   r reject   Esc close", TUI_LEFT);
}

static int
list_key(struct tui *t, void *dp, int key)
{
	struct list_dlg *d = dp;

	switch (key) {
	case TUI_KEY_ABORT: case TUI_KEY_ESC: case 'q': case TUI_KEY_F(10):
		return 0;
	case 'a': case TUI_KEY_ENTER: case 'r':
		if (tui_allowed(t, PERM_WALLET_APPROVE))
			list_decide(t, d, key != 'r');
		else
			tui_status(t, TUI_ERROR, "Not allowed for your role.");
		return 1;
	}
	if (key >= 0)
		tui_table_key(d->tab, t, key);
	return 1;
}

static int
list_stale(void *dp)
{
	struct list_dlg *d = dp;

	return d->version != d->app->data_version;
}

void
scr_approvals_run(struct tui *t, struct scr_app *app)
{
	static const struct scr_modal_view v = { "Waiting for approval",
	    LIST_H, LIST_W, list_stale, list_load, list_draw, list_key };
	struct list_dlg d = { .app = app, .version = -1 };

	d.tab = tui_table_new(list_cols, TUI_NKEYS(list_cols));
	scr_modal_view_run(t, &v, &d);
	tui_table_free(d.tab);
	free(d.v);
}

void
scr_approvals_top(struct scr_app *app, char *buf, size_t size)
{
	int64_t n = 0;

	*buf = '\0';
	if (!perm_has(app->ctx, PERM_WALLET_APPROVE) ||
	    approval_pending_count(app->ctx->db, &n) != 0 || n == 0)
		return;
	snprintf(buf, size, "%lld approval%s waiting", (long long)n,
	    n == 1 ? "" : "s");
}

/*
 * zreport.c -- a closed shift's Z-report from its ledger entries.
 */
#include "model/zreport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/settings.h"

static void
add_refund(struct zreport *z, struct db_stmt *st, int card)
{
	struct zreport_refund *f;

	z->refunds = xreallocarray(z->refunds, z->nrefunds + 1,
	    sizeof *z->refunds);
	f = &z->refunds[z->nrefunds++];
	memset(f, 0, sizeof *f);
	f->tx_id = db_col_int(st, 0);
	str_lcpy(f->op, db_col_text(st, 1), sizeof f->op);
	f->orig_tx = db_col_int(st, 2);
	f->orig_shift = db_col_int(st, 3);
	f->amount = -db_col_int(st, 5);
	f->card = card;
}

/* Sort one drawer or card entry into its line of the report. */
static void
classify(struct zreport *z, struct db_stmt *st)
{
	const char *op = db_col_text(st, 1);
	int card = strcmp(db_col_text(st, 4), "card") == 0;
	int64_t amount = db_col_int(st, 5), reverses = db_col_int(st, 2);

	if (strcmp(op, "shift.deposit") == 0)
		return;
	if (strcmp(op, "shift.float") == 0)
		z->float_amount += amount;
	else if (strcmp(op, "wallet.topup") == 0)
		*(card ? &z->card_topups : &z->cash_topups) += amount;
	else if (strcmp(op, "wallet.refund") == 0)
		*(card ? &z->wallet_refunds_card : &z->wallet_refunds_cash) -=
		    amount;
	else if (strcmp(op, "shift.paid_in") == 0)
		z->paid_in += amount;
	else if (strcmp(op, "shift.paid_out") == 0)
		z->paid_out -= amount;
	else if (reverses != 0 && amount < 0) {
		*(card ? &z->card_refunds : &z->cash_refunds) -= amount;
		add_refund(z, st, card);
	} else if (amount > 0 || card)
		*(card ? &z->card_sales : &z->cash_sales) += amount;
	else
		z->other_cash += amount;
}

static int
zreport_fill(struct db *db, struct zreport *z)
{
	struct db_stmt *st;
	int r;

	/* The drawer's entries, and the card entries of the shift's txs. */
	if ((r = db_stmt(db, "SELECT t.id, t.op, t.reverses, o.shift_id, "
	    "a.kind, e.amount, e.id FROM ledger_accounts a "
	    "JOIN ledger_entries e ON e.account_id = a.id "
	    "JOIN ledger_tx t ON t.id = e.tx_id "
	    "LEFT JOIN ledger_tx o ON o.id = t.reverses "
	    "WHERE a.kind = 'drawer' AND a.ref = ? "
	    "UNION ALL "
	    "SELECT t.id, t.op, t.reverses, o.shift_id, a.kind, e.amount, "
	    "e.id FROM ledger_tx t CROSS JOIN ledger_entries e "
	    "CROSS JOIN ledger_accounts a "
	    "LEFT JOIN ledger_tx o ON o.id = t.reverses "
	    "WHERE t.shift_id = ? AND e.tx_id = t.id AND a.id = e.account_id "
	    "AND a.kind = 'card' ORDER BY 7", &st)) != 0)
		return r;
	db_bind_int(st, 1, z->shift.id);
	db_bind_int(st, 2, z->shift.id);
	while ((r = db_step(st)) == DB_ROW)
		classify(z, st);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

int
zreport_load(struct mctx *ctx, int64_t shift_id, struct zreport **out)
{
	struct zreport *z;
	char ids[24];
	int r;

	z = xcalloc(1, sizeof *z);
	if ((r = shift_get(ctx->db, shift_id, &z->shift)) != 0)
		goto fail;
	snprintf(ids, sizeof ids, "%lld", (long long)shift_id);
	if ((ctx->actor.user_id == 0 ||
	    ctx->actor.user_id != z->shift.user_id) &&
	    (r = perm_require(ctx, PERM_REPORT_VIEW, "report.z", "shift",
	    ids)) != 0)
		goto fail;
	if (z->shift.open) {
		r = ERR_STATE;
		goto fail;
	}
	if ((r = zreport_fill(ctx->db, z)) != 0)
		goto fail;
	z->expected = z->shift.expected;
	z->counted = z->shift.counted;
	z->variance = z->shift.variance;
	z->liability = z->shift.liability;
	*out = z;
	return 0;
fail:
	zreport_free(z);
	return r;
}

void
zreport_free(struct zreport *z)
{
	if (z == NULL)
		return;
	free(z->refunds);
	free(z);
}

/* One "label  amount CUR" line, amounts aligned. */
static void
line(FILE *f, const struct cafe_info *cafe, const char *label, int64_t v)
{
	char amt[MONEY_BUFSZ + 8];

	money_format_cur(amt, sizeof amt, v, cafe->decimals, cafe->currency);
	fprintf(f, "%-28s %18s\n", label, amt);
}

static void
header(FILE *f, const struct zreport *z, const struct cafe_info *cafe)
{
	const struct shift_info *s = &z->shift;
	char t1[32], t2[32];
	const char *tz = cafe->timezone[0] != '\0' ? cafe->timezone : NULL;

	fprintf(f, "Z-REPORT  shift %lld  %s\n", (long long)s->id, cafe->name);
	fprintf(f, "%-12s %s\n", "cashier", s->user);
	fprintf(f, "%-12s %s by %s\n", "opened", clock_fmt_local(t1,
	    sizeof t1, s->opened_at, tz, "%Y-%m-%d %H:%M:%S"), s->opened_by);
	fprintf(f, "%-12s %s by %s%s\n", "closed", clock_fmt_local(t2,
	    sizeof t2, s->closed_at, tz, "%Y-%m-%d %H:%M:%S"), s->closed_by,
	    s->forced ? " (forced close)" : "");
	if (s->float_detail[0] != '\0')
		fprintf(f, "%-12s %s\n", "float count", s->float_detail);
	if (s->counted_detail[0] != '\0')
		fprintf(f, "%-12s %s\n", "close count", s->counted_detail);
	fputc('\n', f);
}

static void
cash_lines(FILE *f, const struct zreport *z, const struct cafe_info *c)
{
	fprintf(f, "CASH\n");
	line(f, c, "opening float", z->float_amount);
	line(f, c, "cash top-ups", z->cash_topups);
	line(f, c, "cash sales", z->cash_sales);
	line(f, c, "refunds of sales (cash)", -z->cash_refunds);
	line(f, c, "wallet refunds (cash)", -z->wallet_refunds_cash);
	line(f, c, "paid in", z->paid_in);
	line(f, c, "paid out", -z->paid_out);
	if (z->other_cash != 0)
		line(f, c, "other cash out", z->other_cash);
	line(f, c, "expected", z->expected);
	line(f, c, "counted", z->counted);
	line(f, c, "variance", z->variance);
	fprintf(f, "\nCARD (external terminal)\n");
	line(f, c, "card top-ups", z->card_topups);
	line(f, c, "card sales", z->card_sales);
	line(f, c, "refunds of sales (card)", -z->card_refunds);
	line(f, c, "wallet refunds (card)", -z->wallet_refunds_card);
}

static void
refund_lines(FILE *f, const struct zreport *z, const struct cafe_info *c)
{
	const struct zreport_refund *r;
	char amt[MONEY_BUFSZ + 8], from[40];
	size_t i;

	if (z->nrefunds == 0)
		return;
	fprintf(f, "\nREFUNDS AND VOIDS\n");
	for (i = 0; i < z->nrefunds; i++) {
		r = &z->refunds[i];
		if (r->orig_shift != 0 && r->orig_shift != z->shift.id)
			snprintf(from, sizeof from, "from shift %lld",
			    (long long)r->orig_shift);
		else if (r->orig_shift != 0)
			snprintf(from, sizeof from, "from this shift");
		else
			snprintf(from, sizeof from, "from no shift");
		money_format_cur(amt, sizeof amt, r->amount, c->decimals,
		    c->currency);
		fprintf(f, "tx %lld %s: refund of tx %lld %s, %s %s\n",
		    (long long)r->tx_id, r->op, (long long)r->orig_tx, from,
		    amt, r->card ? "card" : "cash");
	}
}

char *
zreport_text(const struct zreport *z, const struct cafe_info *cafe)
{
	char *buf = NULL, clean[LEDGER_OP_MAX * 4];
	size_t size = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &size)) == NULL)
		fatal("open_memstream failed");
	header(f, z, cafe);
	cash_lines(f, z, cafe);
	refund_lines(f, z, cafe);
	fputc('\n', f);
	line(f, cafe, "wallet liability at close", z->liability);
	fprintf(f, "%-28s %s\n", "audit chain head at close",
	    str_sanitize(clean, sizeof clean, z->shift.audit_head));
	fclose(f);
	return buf;
}

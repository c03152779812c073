/*
 * ctl_wallet.c -- cafectl wallet ... and ledger verify.
 */
#include "cli/ctl.h"
#include "cli/ctl_cash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/money.h"
#include "model/stock.h"
#include "model/wallet.h"

static const struct ctl_cmd wallet_cmds[];

enum {
	W_TOPUP, W_CHARGE, W_REFUND, W_ADJUST, W_TRANSFER, W_BALANCE,
	W_HISTORY, W_VERIFY
};

/* Print the outcome of a wallet operation: the ledger tx id. */
static int
wallet_done(struct ctl *c, const struct ctl_cmd *cmd, int r,
    const struct wallet_result *res)
{
	if (r == ERR_NEEDS_APPROVAL)
		return ctl_fail("%s: needs the approval of a second person "
		    "holding wallet.approve: request %lld waits (cafectl "
		    "approval approve %lld)", cmd->name,
		    (long long)res->approval_id, (long long)res->approval_id);
	if (r == ERR_DENIED && res->approval_id != 0)
		return ctl_fail("%s: request %lld was rejected", cmd->name,
		    (long long)res->approval_id);
	if (r != 0)
		return ctl_cash_err(c, r, cmd->name);
	printf("%lld\n", (long long)res->tx_id);
	return CTL_OK;
}

/* CUSTOMER AMOUNT and the options every wallet operation shares. */
static int
wallet_args(struct ctl *c, int which, int argc, char **argv,
    unsigned allowed, struct cash_opts *o, struct wallet_op *op,
    char key[33])
{
	const struct ctl_cmd *cmd = &wallet_cmds[which];
	const char *why = NULL;
	int n = which == W_TRANSFER ? 3 : 2, r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, allowed | CO_KEY, n, n,
	    o)) != CTL_OK)
		return r;
	memset(op, 0, sizeof *op);
	if ((r = ctl_cash_customer(c, o->pos[0], &op->customer_id)) != CTL_OK)
		return r;
	if (which == W_TRANSFER && (r = ctl_cash_customer(c, o->pos[1],
	    &op->to_customer)) != CTL_OK)
		return r;
	if (which == W_ADJUST) {
		if (money_parse_signed(o->pos[1], c->cafe.decimals,
		    &op->amount, &why) != 0)
			return ctl_fail("bad amount '%s': %s", o->pos[1], why);
	} else if (ctl_amount(c, o->pos[n - 1], &op->amount) != CTL_OK)
		return CTL_FAIL;
	if (op->amount == 0)
		return ctl_fail("the amount must not be zero");
	if (o->shift != NULL && (r = ctl_cash_id(cmd, "SHIFT", o->shift,
	    &op->shift_id)) != CTL_OK)
		return r;
	ledger_new_key(key);
	op->key = o->key != NULL ? o->key : key;
	op->reason = o->reason;
	op->method = o->card ? WALLET_CARD : WALLET_CASH;
	return CTL_OK;
}

static int
cmd_topup(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_TOPUP];
	struct wallet_result res;
	struct wallet_op op;
	struct cash_opts o;
	char key[33];
	int r;

	if ((r = wallet_args(c, W_TOPUP, argc, argv, CO_SHIFT | CO_CARD, &o,
	    &op, key)) != CTL_OK)
		return r;
	if (o.shift == NULL && !o.card)
		return ctl_usage(cmd, "--shift is required for cash");
	memset(&res, 0, sizeof res);
	return wallet_done(c, cmd, wallet_topup(&c->ctx, &op, &res), &res);
}

static int
cmd_charge(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_CHARGE];
	struct wallet_result res;
	struct wallet_op op;
	struct cash_opts o;
	char key[33], have[32], want[32];
	int64_t bal;
	int r;

	if ((r = wallet_args(c, W_CHARGE, argc, argv, CO_FOR | CO_REASON, &o,
	    &op, key)) != CTL_OK)
		return r;
	if (o.for_ != NULL && strcmp(o.for_, "seats") == 0)
		op.revenue = LEDGER_REV_SEATS;
	else if (o.for_ != NULL && strcmp(o.for_, "shop") == 0)
		op.revenue = LEDGER_REV_SHOP;
	else if (o.for_ != NULL && strcmp(o.for_, "other") != 0)
		return ctl_usage(cmd, "--for takes seats, shop or other");
	memset(&res, 0, sizeof res);
	r = wallet_charge(&c->ctx, &op, &res);
	if (r == ERR_INSUFFICIENT && wallet_balance(c->db, op.customer_id,
	    &bal) == 0)
		return ctl_fail("%s: the balance %s does not cover %s",
		    o.pos[0], ctl_money(c, bal, have, sizeof have),
		    ctl_money(c, op.amount, want, sizeof want));
	return wallet_done(c, cmd, r, &res);
}

static int
cmd_refund(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_REFUND];
	struct wallet_result res;
	struct wallet_op op;
	struct cash_opts o;
	char key[33];
	int r;

	if ((r = wallet_args(c, W_REFUND, argc, argv, CO_SHIFT | CO_REASON |
	    CO_CARD, &o, &op, key)) != CTL_OK)
		return r;
	if (o.shift == NULL && !o.card)
		return ctl_usage(cmd, "--shift is required for cash");
	if (o.reason == NULL || *o.reason == '\0')
		return ctl_usage(cmd, "--reason is required");
	memset(&res, 0, sizeof res);
	return wallet_done(c, cmd, wallet_refund(&c->ctx, &op, &res), &res);
}

static int
cmd_adjust(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_ADJUST];
	struct wallet_result res;
	struct wallet_op op;
	struct cash_opts o;
	char key[33];
	int r;

	if ((r = wallet_args(c, W_ADJUST, argc, argv, CO_REASON, &o, &op,
	    key)) != CTL_OK)
		return r;
	if (o.reason == NULL || *o.reason == '\0')
		return ctl_usage(cmd, "--reason is required");
	memset(&res, 0, sizeof res);
	return wallet_done(c, cmd, wallet_adjust(&c->ctx, &op, &res), &res);
}

static int
cmd_transfer(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_TRANSFER];
	struct wallet_result res;
	struct wallet_op op;
	struct cash_opts o;
	char key[33];
	int r;

	if ((r = wallet_args(c, W_TRANSFER, argc, argv, CO_REASON, &o, &op,
	    key)) != CTL_OK)
		return r;
	if (op.customer_id == op.to_customer)
		return ctl_fail("a transfer needs two different customers");
	memset(&res, 0, sizeof res);
	return wallet_done(c, cmd, wallet_transfer(&c->ctx, &op, &res), &res);
}

static int
cmd_balance(struct ctl *c, int argc, char **argv)
{
	struct cash_opts o;
	char amt[32];
	int64_t id, bal;
	int r;

	if ((r = ctl_cash_getopt(&wallet_cmds[W_BALANCE], argc, argv, 0, 1, 1,
	    &o)) != CTL_OK)
		return r;
	if ((r = ctl_cash_customer(c, o.pos[0], &id)) != CTL_OK)
		return r;
	if ((r = wallet_balance(c->db, id, &bal)) != 0)
		return ctl_err(r, o.pos[0], NULL);
	printf("%s\n", ctl_money(c, bal, amt, sizeof amt));
	return CTL_OK;
}

static int
cmd_history(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &wallet_cmds[W_HISTORY];
	struct ledger_line *v;
	struct cash_opts o;
	char when[32], amt[32], bal[32], memo[LEDGER_MEMO_MAX * 2], *p;
	int64_t id, lim = 50;
	size_t n, i;
	int r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, CO_LIMIT, 1, 1,
	    &o)) != CTL_OK)
		return r;
	if (o.limit != NULL && (r = ctl_cash_id(cmd, "--limit", o.limit,
	    &lim)) != CTL_OK)
		return r;
	if (lim > 10000)
		return ctl_usage(cmd, "--limit takes 1 to 10000");
	if ((r = ctl_cash_customer(c, o.pos[0], &id)) != CTL_OK)
		return r;
	if ((r = wallet_history(c->db, id, 0, (int)lim, &v, &n)) != 0)
		return ctl_err(r, o.pos[0], NULL);
	ctl_header(c, "TIME\tTX\tOP\tAMOUNT\tBALANCE\tACTOR\tMEMO");
	for (i = n; i-- > 0;) {
		str_sanitize(memo, sizeof memo, v[i].memo);
		for (p = memo; *p != '\0'; p++)
			if (*p == '\t')
				*p = ' ';
		printf("%s\t%lld\t%s\t%s\t%s\t%s\t%s\n",
		    ctl_time(c, v[i].at, when, sizeof when),
		    (long long)v[i].tx_id, v[i].op,
		    ctl_money(c, v[i].amount, amt, sizeof amt),
		    ctl_money(c, v[i].balance_after, bal, sizeof bal),
		    v[i].actor, memo);
	}
	free(v);
	return CTL_OK;
}

/* The shop's books against the ledger's: stock and loyalty points. */
static int
verify_shop(struct ctl *c)
{
	struct stock_verify sv;
	char why[256];
	int r;

	if ((r = stock_verify(c->db, &sv)) == ERR_INTEGRITY) {
		printf("broken: stock: %s\n", sv.why);
		return CTL_FAIL;
	}
	if (r == 0 && (r = loyalty_verify(c->db, why, sizeof why)) ==
	    ERR_INTEGRITY) {
		printf("broken: loyalty points: %s\n", why);
		return CTL_FAIL;
	}
	return r == 0 ? CTL_OK : ctl_err(r, "ledger verify", NULL);
}

static int
cmd_verify(struct ctl *c, int argc, char **argv)
{
	struct ledger_verify res;
	struct cash_opts o;
	int r;

	if ((r = ctl_cash_getopt(&wallet_cmds[W_VERIFY], argc, argv, 0, 0, 0,
	    &o)) != CTL_OK)
		return r;
	r = ledger_verify(c->db, &res);
	if (r == ERR_INTEGRITY) {
		printf("broken: %s (%d problem%s)\n", res.why, res.problems,
		    res.problems == 1 ? "" : "s");
		return CTL_FAIL;
	}
	if (r != 0)
		return ctl_err(r, "ledger verify", NULL);
	if ((r = verify_shop(c)) != CTL_OK)
		return r;
	printf("ok %lld transactions\n", (long long)res.txs);
	return CTL_OK;
}

static const struct ctl_cmd wallet_cmds[] = {
	[W_TOPUP] = { "wallet topup", "CUSTOMER AMOUNT --shift SHIFT [--card] "
	    "[--idempotency-key K]", "credit a wallet paid in cash into the "
	    "shift's drawer (or by card); prints the ledger transaction",
	    CTL_DB, cmd_topup },
	[W_CHARGE] = { "wallet charge", "CUSTOMER AMOUNT [--for seats|shop|"
	    "other] [--reason TEXT] [--idempotency-key K]", "charge a wallet; "
	    "prints the ledger transaction", CTL_DB, cmd_charge },
	[W_REFUND] = { "wallet refund", "CUSTOMER AMOUNT --shift SHIFT "
	    "--reason TEXT [--card] [--idempotency-key K]", "pay wallet "
	    "credit back in cash from the drawer (two-person rule)", CTL_DB,
	    cmd_refund },
	[W_ADJUST] = { "wallet adjust", "CUSTOMER AMOUNT --reason TEXT "
	    "[--idempotency-key K]", "correct a wallet by a signed amount "
	    "(two-person rule)", CTL_DB, cmd_adjust },
	[W_TRANSFER] = { "wallet transfer", "FROM TO AMOUNT [--reason TEXT] "
	    "[--idempotency-key K]", "move credit between two customers' "
	    "wallets", CTL_DB, cmd_transfer },
	[W_BALANCE] = { "wallet balance", "CUSTOMER", "print the balance",
	    CTL_DB, cmd_balance },
	[W_HISTORY] = { "wallet history", "CUSTOMER [--limit N]", "the last "
	    "N entries, oldest first, with the balance after each", CTL_DB,
	    cmd_history },
	[W_VERIFY] = { "ledger verify", "", "check that every transaction "
	    "balances, every cached balance equals its entries, no wallet is "
	    "negative, every idempotency key is unique", CTL_DB, cmd_verify },
};

const struct ctl_group ctl_group_wallet = { wallet_cmds,
	(int)(sizeof wallet_cmds / sizeof wallet_cmds[0]) };

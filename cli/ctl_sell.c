/*
 * ctl_sell.c -- cafectl sell, sale ... and loyalty ...: the point of
 * sale from the command line.
 */
#include "cli/ctl.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/loyalty.h"
#include "model/product.h"
#include "model/sale.h"

enum { C_SELL, C_SHOW, C_RECEIPT, C_REFUND, C_LBAL, C_LREDEEM, C_LEXPIRE };

static const struct ctl_cmd sell_cmds[];

/* A positive whole number (an id, a count) of at most 15 digits. */
static int
sell_number(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s < '1' || *s > '9' || strlen(s) > 15)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

static int
sell_customer(struct ctl *c, const char *s, int64_t *id)
{
	if (customer_resolve(c->db, s, id) != 0)
		return ctl_fail("%s: no such customer (a card number or id:N)",
		    s);
	return CTL_OK;
}

/* Add "SKU[:QTY]" to the basket; prints why not. */
static int
sell_add(struct ctl *c, struct sale_basket *b, const char *arg)
{
	char sku[PRODUCT_SKU_MAX + 2];
	const char *colon = strchr(arg, ':');
	int64_t qty = 1, left = 0;
	size_t len = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
	int r;

	if (len == 0 || len > PRODUCT_SKU_MAX || (colon != NULL &&
	    (sell_number(colon + 1, &qty) != 0 || qty > PRODUCT_QTY_MAX)))
		return ctl_fail("'%s': not SKU or SKU:QTY", arg);
	memcpy(sku, arg, len);
	sku[len] = '\0';
	r = sale_basket_add(c->db, b, sku, qty, NULL, &left);
	if (r == ERR_NOTFOUND)
		return ctl_fail("%s: no such product", sku);
	if (r == ERR_STATE)
		return ctl_fail("%s: the product is inactive", sku);
	if (r == ERR_INSUFFICIENT)
		return ctl_fail("%s: only %lld left", sku, (long long)left);
	if (r != 0)
		return ctl_err(r, sku, NULL);
	return CTL_OK;
}

/* The options of sell. */
struct sell_opts {
	const char	*customer, *member, *shift, *tendered, *key, *receipt;
	int		 card;
};

static int
sell_getopt(const struct ctl_cmd *cmd, int argc, char **argv,
    struct sell_opts *o)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, 'c' },
		{ "member", required_argument, NULL, 'm' },
		{ "shift", required_argument, NULL, 's' },
		{ "card", no_argument, NULL, 'C' },
		{ "tendered", required_argument, NULL, 't' },
		{ "idempotency-key", required_argument, NULL, 'k' },
		{ "receipt", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': o->customer = optarg; break;
		case 'm': o->member = optarg; break;
		case 's': o->shift = optarg; break;
		case 'C': o->card = 1; break;
		case 't': o->tendered = optarg; break;
		case 'k': o->key = optarg; break;
		case 'r': o->receipt = optarg; break;
		default: return ctl_usage(cmd, "bad option");
		}
	}
	if (optind == argc)
		return ctl_usage(cmd, "at least one SKU[:QTY]");
	if ((o->customer != NULL) == (o->shift != NULL))
		return ctl_usage(cmd, "either --customer or --shift");
	if (o->customer != NULL && (o->card || o->member != NULL ||
	    o->tendered != NULL))
		return ctl_usage(cmd, "--card, --member and --tendered go with "
		    "--shift");
	if (o->card && o->tendered != NULL)
		return ctl_usage(cmd, "--tendered is for cash");
	return CTL_OK;
}

/* Turn the options into a payment; prints why not. */
static int
sell_pay(struct ctl *c, const struct sell_opts *o, struct sale_pay *pay)
{
	memset(pay, 0, sizeof *pay);
	pay->key = o->key;
	if (o->customer != NULL) {
		pay->method = SALE_WALLET;
		return sell_customer(c, o->customer, &pay->customer_id);
	}
	pay->method = o->card ? SALE_CARD : SALE_CASH;
	if (sell_number(o->shift, &pay->shift_id) != 0)
		return ctl_fail("bad --shift '%s': a shift id", o->shift);
	if (o->member != NULL && sell_customer(c, o->member,
	    &pay->customer_id) != CTL_OK)
		return CTL_FAIL;
	if (o->tendered != NULL && ctl_amount(c, o->tendered,
	    &pay->tendered) != CTL_OK)
		return CTL_FAIL;
	return CTL_OK;
}

/* Say why a checkout was refused. */
static int
sell_refused(struct ctl *c, int r, const struct sale_pay *pay,
    const struct sale_result *res, const struct sale_basket *b)
{
	struct sale_totals t;
	char a[32], bal[32];
	int64_t have = 0;

	if (r == ERR_INSUFFICIENT && res->short_sku[0] != '\0')
		return ctl_fail("%s: only %lld left", res->short_sku,
		    (long long)res->left);
	if (r == ERR_INSUFFICIENT) {
		sale_basket_totals(b, &t);
		ledger_balance(c->db, LEDGER_WALLET, pay->customer_id, &have);
		return ctl_fail("not enough credit in the wallet: %s for %s",
		    ctl_money(c, have, bal, sizeof bal),
		    ctl_money(c, t.gross, a, sizeof a));
	}
	if (r == ERR_NOSHIFT)
		return ctl_fail("shift %lld is not open", (long long)
		    pay->shift_id);
	if (r == ERR_STATE)
		return ctl_fail("a product changed or was withdrawn: check "
		    "the prices and try again");
	if (r == ERR_RANGE)
		return ctl_fail("--tendered is less than the total");
	if (r == ERR_NOTFOUND && pay->shift_id > 0)
		return ctl_fail("shift %lld: no such shift",
		    (long long)pay->shift_id);
	if (r == ERR_DISABLED)
		return ctl_fail("the customer is disabled");
	return ctl_err(r, "sell", NULL);
}

static int
cmd_sell(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &sell_cmds[C_SELL];
	struct sale_basket *b;
	struct sale_result res;
	struct sale_pay pay;
	struct sell_opts o;
	char a[32];
	int i, r;

	if ((r = sell_getopt(cmd, argc, argv, &o)) != CTL_OK)
		return r;
	if (sell_pay(c, &o, &pay) != CTL_OK)
		return CTL_FAIL;
	b = sale_basket_new();
	for (i = optind; i < argc; i++)
		if (sell_add(c, b, argv[i]) != CTL_OK) {
			sale_basket_free(b);
			return CTL_FAIL;
		}
	memset(&res, 0, sizeof res);
	r = sale_checkout(&c->ctx, b, &pay, &res);
	if (r != 0) {
		r = sell_refused(c, r, &pay, &res, b);
		sale_basket_free(b);
		return r;
	}
	sale_basket_free(b);
	printf("%lld\n", (long long)res.receipt_no);
	if (res.change > 0)
		printf("change %s\n", ctl_money(c, res.change, a, sizeof a));
	if (o.receipt != NULL && (r = sale_receipt_write(c->db,
	    res.receipt_no, o.receipt)) != 0)
		ctl_err(r, o.receipt, "the sale is made; the receipt file was "
		    "not written");
	printf("%s\n", ctl_money(c, res.gross, a, sizeof a));
	return r == 0 ? CTL_OK : CTL_FAIL;
}

/* RECEIPT (a receipt number) as the first argument after options. */
static int
sell_receipt_arg(const struct ctl_cmd *cmd, const char *s, int64_t *no)
{
	if (sell_number(s, no) != 0)
		return ctl_usage(cmd, "RECEIPT is a receipt number");
	return CTL_OK;
}

static int
cmd_show(struct ctl *c, int argc, char **argv)
{
	struct sale_info si;
	struct sale_line *v;
	char when[32], a[32], b[32], d[32], rate[16];
	int64_t no = 0;
	size_t n, i;
	int r;

	if (argc != 2)
		return ctl_usage(&sell_cmds[C_SHOW], "one RECEIPT");
	if (sell_receipt_arg(&sell_cmds[C_SHOW], argv[1], &no) != CTL_OK)
		return CTL_USAGE;
	if ((r = sale_get(c->db, no, &si, &v, &n)) != 0)
		return ctl_err(r, argv[1], NULL);
	printf("receipt %lld %s %s %s %s\n", (long long)si.receipt_no,
	    ctl_time(c, si.at, when, sizeof when), sale_method_name(si.method),
	    ctl_money(c, si.gross, a, sizeof a), si.actor);
	ctl_header(c, "LINE\tSKU\tQTY\tUNIT\tDISCOUNT\tGROSS\tTAX%\t"
	    "REFUNDED\tNAME");
	for (i = 0; i < n; i++)
		printf("%d\t%s\t%lld\t%s\t%s\t%s\t%s\t%lld\t%s\n",
		    v[i].line_no, v[i].sku, (long long)v[i].qty,
		    ctl_money(c, v[i].unit_price, a, sizeof a),
		    ctl_money(c, v[i].discount, b, sizeof b),
		    ctl_money(c, v[i].gross, d, sizeof d),
		    product_rate_format(rate, sizeof rate, v[i].tax_rate),
		    (long long)v[i].refunded_qty, v[i].name);
	free(v);
	return CTL_OK;
}

static int
cmd_receipt(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd = &sell_cmds[C_RECEIPT];
	const char *out = NULL;
	char *text;
	int64_t no = 0;
	int ch, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'o')
			return ctl_usage(cmd, "bad option");
		out = optarg;
	}
	if (optind != argc - 1)
		return ctl_usage(cmd, "one RECEIPT");
	if (sell_receipt_arg(cmd, argv[optind], &no) != CTL_OK)
		return CTL_USAGE;
	if (out != NULL) {
		if ((r = sale_receipt_write(c->db, no, out)) != 0)
			return ctl_err(r, r == ERR_NOTFOUND ? argv[optind] :
			    out, NULL);
		return CTL_OK;
	}
	if ((r = sale_receipt_text(c->db, no, &text)) != 0)
		return ctl_err(r, argv[optind], NULL);
	fputs(text, stdout);
	free(text);
	return CTL_OK;
}

/* The options of sale refund into req. */
static int
refund_getopt(const struct ctl_cmd *cmd, int argc, char **argv,
    struct sale_refund_req *rq)
{
	static const struct option opts[] = {
		{ "qty", required_argument, NULL, 'q' },
		{ "reason", required_argument, NULL, 'r' },
		{ "waste", no_argument, NULL, 'w' },
		{ "shift", required_argument, NULL, 's' },
		{ "idempotency-key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t line;
	int ch;

	memset(rq, 0, sizeof *rq);
	rq->qty = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			if (sell_number(optarg, &rq->qty) != 0)
				return ctl_usage(cmd, "--qty takes a count");
			break;
		case 'r': rq->reason = optarg; break;
		case 'w': rq->waste = 1; break;
		case 's':
			if (sell_number(optarg, &rq->shift_id) != 0)
				return ctl_usage(cmd, "--shift takes an id");
			break;
		case 'k': rq->key = optarg; break;
		default: return ctl_usage(cmd, "bad option");
		}
	}
	if (optind != argc - 2 ||
	    sell_number(argv[optind], &rq->receipt_no) != 0 ||
	    sell_number(argv[optind + 1], &line) != 0 || line > 1000)
		return ctl_usage(cmd, "RECEIPT and LINE numbers");
	rq->line_no = (int)line;
	if (rq->reason == NULL)
		return ctl_usage(cmd, "--reason is required");
	return CTL_OK;
}

static int
cmd_refund(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &sell_cmds[C_REFUND];
	struct sale_refund_req rq;
	struct sale_refund_result res;
	char a[32];
	int r;

	if ((r = refund_getopt(cmd, argc, argv, &rq)) != CTL_OK)
		return r;
	memset(&res, 0, sizeof res);
	r = sale_refund(&c->ctx, &rq, &res);
	if (r == ERR_NEEDS_APPROVAL)
		return ctl_fail("sale refund: needs the approval of a second "
		    "person holding wallet.approve: request %lld waits "
		    "(cafectl approval approve %lld)",
		    (long long)res.approval_id, (long long)res.approval_id);
	if (r == ERR_DENIED && res.approval_id != 0)
		return ctl_fail("sale refund: request %lld was rejected",
		    (long long)res.approval_id);
	if (r == ERR_STATE)
		return ctl_fail("receipt %lld line %d is refunded already",
		    (long long)rq.receipt_no, rq.line_no);
	if (r == ERR_RANGE)
		return ctl_fail("receipt %lld line %d: fewer units left to "
		    "refund", (long long)rq.receipt_no, rq.line_no);
	if (r == ERR_NOSHIFT)
		return ctl_fail("a cash or card sale: give --shift with the "
		    "open shift that pays it out");
	if (r != 0)
		return ctl_err(r, "refund", NULL);
	printf("%lld\n%s\n", (long long)res.refund_no,
	    ctl_money(c, res.gross, a, sizeof a));
	return CTL_OK;
}

static int
cmd_lbal(struct ctl *c, int argc, char **argv)
{
	char a[32];
	int64_t id, points, value;
	int r;

	if (argc != 2)
		return ctl_usage(&sell_cmds[C_LBAL], "one CUSTOMER");
	if (sell_customer(c, argv[1], &id) != CTL_OK)
		return CTL_FAIL;
	if ((r = loyalty_balance(c->db, id, &points, &value)) != 0)
		return ctl_err(r, argv[1], NULL);
	printf("points %lld\nvalue %s\n", (long long)points,
	    ctl_money(c, value, a, sizeof a));
	return CTL_OK;
}

static int
cmd_lredeem(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "idempotency-key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd = &sell_cmds[C_LREDEEM];
	const char *key = NULL;
	char a[32];
	int64_t id, points, credit;
	int ch, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'k')
			return ctl_usage(cmd, "bad option");
		key = optarg;
	}
	if (optind != argc - 2 || sell_number(argv[optind + 1], &points) != 0)
		return ctl_usage(cmd, "CUSTOMER and POINTS");
	if (sell_customer(c, argv[optind], &id) != CTL_OK)
		return CTL_FAIL;
	r = loyalty_redeem(&c->ctx, id, points, key, &credit);
	if (r == ERR_INSUFFICIENT)
		return ctl_fail("%s: not that many points", argv[optind]);
	if (r == ERR_RANGE)
		return ctl_fail("%lld points are not worth a cent yet",
		    (long long)points);
	if (r != 0)
		return ctl_err(r, argv[optind], NULL);
	printf("%s\n", ctl_money(c, credit, a, sizeof a));
	return CTL_OK;
}

static int
cmd_lexpire(struct ctl *c, int argc, char **argv)
{
	char a[32];
	int64_t points, value;
	int r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&sell_cmds[C_LEXPIRE], "no arguments");
	if ((r = loyalty_expire(&c->ctx, &points, &value)) != 0)
		return ctl_err(r, "loyalty expire", NULL);
	printf("expired %lld points worth %s\n", (long long)points,
	    ctl_money(c, value, a, sizeof a));
	return CTL_OK;
}

static const struct ctl_cmd sell_cmds[] = {
	[C_SELL] = { "sell", "SKU[:QTY]... (--customer CUSTOMER | --shift "
	    "SHIFT [--card] [--member CUSTOMER] [--tendered AMOUNT]) "
	    "[--idempotency-key K] [--receipt FILE]", "sell from the wallet, "
	    "in cash or by card; prints the receipt number, then the total",
	    CTL_DB, cmd_sell },
	[C_SHOW] = { "sale show", "RECEIPT", "a sale and its lines", CTL_DB,
	    cmd_show },
	[C_RECEIPT] = { "sale receipt", "RECEIPT [--out FILE]", "print a "
	    "receipt, or write it to a new file", CTL_DB, cmd_receipt },
	[C_REFUND] = { "sale refund", "RECEIPT LINE --reason TEXT [--qty N] "
	    "[--waste] [--shift SHIFT] [--idempotency-key K]", "refund units "
	    "of a sale line; prints the refund number, then the amount",
	    CTL_DB, cmd_refund },
	[C_LBAL] = { "loyalty balance", "CUSTOMER", "a member's points and "
	    "what they are worth", CTL_DB, cmd_lbal },
	[C_LREDEEM] = { "loyalty redeem", "CUSTOMER POINTS "
	    "[--idempotency-key K]", "turn points into wallet credit; prints "
	    "the credit", CTL_DB, cmd_lredeem },
	[C_LEXPIRE] = { "loyalty expire", "", "expire points past "
	    "loyalty.expiry_days", CTL_DB, cmd_lexpire },
};

const struct ctl_group ctl_group_sell = { sell_cmds,
	(int)(sizeof sell_cmds / sizeof sell_cmds[0]) };

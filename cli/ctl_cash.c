/*
 * ctl_cash.c -- cafectl customer ..., shift ..., report z, approval ...:
 * the cash desk's people, drawers and the two-person rule; and the
 * option parsing its commands share.
 */
#include "cli/ctl.h"
#include "cli/ctl_cash.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/approval.h"
#include "model/customer.h"
#include "model/ledger.h"
#include "model/shift.h"
#include "model/user.h"
#include "model/wallet.h"
#include "model/zreport.h"

static const struct ctl_cmd cash_cmds[];

/* Every option of the cash desk; a command takes a subset. */
static const struct {
	unsigned	mask;
	struct option	opt;
} cash_options[] = {
	{ CO_SHIFT, { "shift", required_argument, NULL, 's' } },
	{ CO_USER, { "user", required_argument, NULL, 'u' } },
	{ CO_FLOAT, { "float", required_argument, NULL, 'f' } },
	{ CO_COUNTED, { "counted", required_argument, NULL, 'c' } },
	{ CO_REASON, { "reason", required_argument, NULL, 'r' } },
	{ CO_KEY, { "idempotency-key", required_argument, NULL, 'k' } },
	{ CO_SEARCH, { "search", required_argument, NULL, 'S' } },
	{ CO_PHONE, { "phone", required_argument, NULL, 'p' } },
	{ CO_EMAIL, { "email", required_argument, NULL, 'e' } },
	{ CO_CARDNO, { "card", required_argument, NULL, 'C' } },
	{ CO_CARD, { "card", no_argument, NULL, 'K' } },
	{ CO_OPEN, { "open", no_argument, NULL, 'o' } },
	{ CO_ALL, { "all", no_argument, NULL, 'a' } },
	{ CO_NOTE, { "note", required_argument, NULL, 'n' } },
	{ CO_LIMIT, { "limit", required_argument, NULL, 'l' } },
	{ CO_FOR, { "for", required_argument, NULL, 'F' } },
};
#define NCASHOPTS	(sizeof cash_options / sizeof cash_options[0])

static void
cash_set(struct cash_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 's': o->shift = arg; break;
	case 'u': o->user = arg; break;
	case 'f': o->flt = arg; break;
	case 'c': o->counted = arg; break;
	case 'r': o->reason = arg; break;
	case 'k': o->key = arg; break;
	case 'S': o->search = arg; break;
	case 'p': o->phone = arg; break;
	case 'e': o->email = arg; break;
	case 'C': o->cardno = arg; break;
	case 'K': o->card = 1; break;
	case 'o': o->open = 1; break;
	case 'a': o->all = 1; break;
	case 'n': o->note = arg; break;
	case 'l': o->limit = arg; break;
	case 'F': o->for_ = arg; break;
	}
}

int
ctl_cash_getopt(const struct ctl_cmd *cmd, int argc, char **argv,
    unsigned allowed, int min, int max, struct cash_opts *o)
{
	struct option opts[NCASHOPTS + 1];
	size_t i, n = 0;
	int ch, r = CTL_OK;

	memset(o, 0, sizeof *o);
	for (i = 0; i < NCASHOPTS; i++)
		if (cash_options[i].mask & allowed)
			opts[n++] = cash_options[i].opt;
	memset(&opts[n], 0, sizeof opts[n]);
	/* A negative amount is an argument, not an option. */
	for (i = 1; i < (size_t)argc; i++)
		if (argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
			argv[i][0] = '\001';
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == '?' || ch == ':') {
			r = ctl_usage(cmd, "bad option");
			break;
		}
		cash_set(o, ch, optarg);
	}
	for (i = 1; i < (size_t)argc; i++)
		if (argv[i][0] == '\001')
			argv[i][0] = '-';
	if (r != CTL_OK)
		return r;
	if (argc - optind < min || argc - optind > max)
		return ctl_usage(cmd, "wrong number of arguments");
	for (o->npos = 0; optind < argc; optind++)
		o->pos[o->npos++] = argv[optind];
	return CTL_OK;
}

int
ctl_cash_customer(struct ctl *c, const char *s, int64_t *id)
{
	int r;

	if ((r = customer_resolve(c->db, s, id)) == ERR_NOTFOUND)
		return ctl_fail("no customer '%s' (a card number or id:N)", s);
	if (r != 0)
		return ctl_err(r, s, NULL);
	return CTL_OK;
}

int
ctl_cash_id(const struct ctl_cmd *cmd, const char *what, const char *s,
    int64_t *id)
{
	char *end;
	long long v;

	v = strtoll(s, &end, 10);
	if (*s < '1' || *s > '9' || *end != '\0' || v <= 0)
		return ctl_usage(cmd, "%s must be a number, not '%s'", what, s);
	*id = v;
	return CTL_OK;
}

int
ctl_cash_err(struct ctl *c, int code, const char *what)
{
	(void)c;
	switch (code) {
	case ERR_NOSHIFT:
		return ctl_fail("%s: the shift is not open (open one with "
		    "'cafectl shift open')", what);
	case ERR_INSUFFICIENT:
		return ctl_fail("%s: not enough money: a wallet or drawer "
		    "would go below zero", what);
	case ERR_CONFLICT:
		return ctl_fail("%s: that idempotency key was used for a "
		    "different operation", what);
	case ERR_DISABLED:
		return ctl_fail("%s: the customer is disabled", what);
	default:
		return ctl_err(code, what, NULL);
	}
}

/* Print a text field, tabs and control characters made harmless. */
static const char *
field(char *buf, size_t size, const char *s)
{
	char *p;

	str_sanitize(buf, size, s);
	for (p = buf; *p != '\0'; p++)
		if (*p == '\t')
			*p = ' ';
	return buf;
}

static int
cmd_customer_add(struct ctl *c, int argc, char **argv)
{
	struct customer_new cn;
	struct cash_opts o;
	const char *why = NULL;
	int64_t id;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[0], argc, argv, CO_PHONE |
	    CO_EMAIL | CO_CARDNO, 1, 1, &o)) != CTL_OK)
		return r;
	cn.name = o.pos[0];
	cn.phone = o.phone;
	cn.email = o.email;
	cn.card = o.cardno;
	if ((r = customer_add(&c->ctx, &cn, &id, &why)) != 0)
		return ctl_err(r, "customer add", why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_customer_list(struct ctl *c, int argc, char **argv)
{
	struct customer_info *v;
	struct cash_opts o;
	char name[CUSTOMER_NAME_MAX * 2], amt[32];
	int64_t bal;
	size_t n, i;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[1], argc, argv, CO_SEARCH, 0, 0,
	    &o)) != CTL_OK)
		return r;
	if ((r = customer_search(&c->ctx, o.search, 1000, &v, &n)) != 0)
		return ctl_err(r, "customer list", NULL);
	ctl_header(c, "ID\tNAME\tCARD\tSTATE\tBALANCE");
	for (i = 0; i < n; i++) {
		if (wallet_balance(c->db, v[i].id, &bal) != 0)
			bal = 0;
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)v[i].id,
		    field(name, sizeof name, v[i].name), v[i].card,
		    v[i].disabled ? "disabled" : "enabled",
		    ctl_money(c, bal, amt, sizeof amt));
	}
	free(v);
	return CTL_OK;
}

static int
cmd_customer_show(struct ctl *c, int argc, char **argv)
{
	struct customer_info ci;
	struct cash_opts o;
	char name[CUSTOMER_NAME_MAX * 2], b1[32], b2[32], when[32];
	int64_t id, bal = 0, debt = 0;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[2], argc, argv, 0, 1, 1,
	    &o)) != CTL_OK)
		return r;
	if ((r = ctl_cash_customer(c, o.pos[0], &id)) != CTL_OK)
		return r;
	if ((r = customer_get(&c->ctx, id, &ci)) != 0 ||
	    (r = wallet_balance(c->db, id, &bal)) != 0 ||
	    (r = wallet_debt(c->db, id, &debt)) != 0)
		return ctl_err(r, o.pos[0], NULL);
	printf("id\t%lld\nname\t%s\ncard\t%s\nphone\t%s\nemail\t%s\n"
	    "state\t%s\nbalance\t%s\ndebt\t%s\ncreated\t%s\n",
	    (long long)ci.id, field(name, sizeof name, ci.name), ci.card,
	    ci.phone, ci.email, ci.disabled ? "disabled" : "enabled",
	    ctl_money(c, bal, b1, sizeof b1), ctl_money(c, debt, b2,
	    sizeof b2), ctl_time(c, ci.created_at, when, sizeof when));
	return CTL_OK;
}

static int
customer_able(struct ctl *c, int argc, char **argv, int which, int dis)
{
	struct cash_opts o;
	int64_t id;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[which], argc, argv, 0, 1, 1,
	    &o)) != CTL_OK)
		return r;
	if ((r = ctl_cash_customer(c, o.pos[0], &id)) != CTL_OK)
		return r;
	if ((r = customer_set_disabled(&c->ctx, id, dis)) != 0)
		return ctl_err(r, o.pos[0], NULL);
	return CTL_OK;
}

static int
cmd_customer_disable(struct ctl *c, int argc, char **argv)
{
	return customer_able(c, argc, argv, 3, 1);
}

static int
cmd_customer_enable(struct ctl *c, int argc, char **argv)
{
	return customer_able(c, argc, argv, 4, 0);
}

static int
cmd_shift_open(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &cash_cmds[5];
	struct user_info u;
	struct cash_opts o;
	int64_t amount, id;
	int r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, CO_USER | CO_FLOAT, 0, 0,
	    &o)) != CTL_OK)
		return r;
	if (o.user == NULL || o.flt == NULL)
		return ctl_usage(cmd, "--user and --float are required");
	if (ctl_amount(c, o.flt, &amount) != CTL_OK)
		return CTL_FAIL;
	if ((r = user_find(c->db, o.user, &u)) != 0)
		return r == ERR_NOTFOUND ? ctl_fail("no user '%s'", o.user) :
		    ctl_err(r, o.user, NULL);
	r = shift_open(&c->ctx, u.id, amount, NULL, &id);
	if (r == ERR_STATE)
		return ctl_fail("%s has an open shift already", u.name);
	if (r == ERR_INVALID)
		return ctl_fail("%s's role may not hold a shift", u.name);
	if (r != 0)
		return ctl_err(r, "shift open", NULL);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_shift_close(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &cash_cmds[6];
	struct shift_close_result res;
	struct cash_opts o;
	char e[32], k[32], v[32];
	int64_t id, counted;
	int r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, CO_COUNTED, 1, 1,
	    &o)) != CTL_OK)
		return r;
	if (o.counted == NULL)
		return ctl_usage(cmd, "--counted is required");
	if ((r = ctl_cash_id(cmd, "SHIFT", o.pos[0], &id)) != CTL_OK)
		return r;
	if (ctl_amount(c, o.counted, &counted) != CTL_OK)
		return CTL_FAIL;
	r = shift_close(&c->ctx, id, counted, NULL, &res);
	if (r == ERR_STATE)
		return ctl_fail("shift %lld is closed already", (long long)id);
	if (r != 0)
		return ctl_err(r, "shift close", NULL);
	printf("expected %s\ncounted %s\nvariance %s\n",
	    ctl_money(c, res.expected, e, sizeof e),
	    ctl_money(c, res.counted, k, sizeof k),
	    ctl_money(c, res.variance, v, sizeof v));
	return CTL_OK;
}

static int
cmd_shift_list(struct ctl *c, int argc, char **argv)
{
	struct shift_info *v;
	struct cash_opts o;
	char t1[32], t2[32], e[32], k[32], var[32];
	size_t n, i;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[7], argc, argv, CO_OPEN, 0, 0,
	    &o)) != CTL_OK)
		return r;
	if ((r = shift_list(c->db, o.open, 1000, &v, &n)) != 0)
		return ctl_err(r, "shift list", NULL);
	ctl_header(c, "ID\tCASHIER\tSTATE\tOPENED\tCLOSED\tEXPECTED\t"
	    "COUNTED\tVARIANCE");
	for (i = 0; i < n; i++) {
		if (v[i].open) {
			printf("%lld\t%s\topen\t%s\t-\t-\t-\t-\n",
			    (long long)v[i].id, v[i].user, ctl_time(c,
			    v[i].opened_at, t1, sizeof t1));
			continue;
		}
		printf("%lld\t%s\tclosed\t%s\t%s\t%s\t%s\t%s\n",
		    (long long)v[i].id, v[i].user,
		    ctl_time(c, v[i].opened_at, t1, sizeof t1),
		    ctl_time(c, v[i].closed_at, t2, sizeof t2),
		    ctl_money(c, v[i].expected, e, sizeof e),
		    ctl_money(c, v[i].counted, k, sizeof k),
		    ctl_money(c, v[i].variance, var, sizeof var));
	}
	free(v);
	return CTL_OK;
}

/* shift paid-in / paid-out SHIFT AMOUNT --reason TEXT. */
static int
shift_paid_cmd(struct ctl *c, int argc, char **argv, int which, int sign)
{
	const struct ctl_cmd *cmd = &cash_cmds[which];
	struct ledger_result res;
	struct cash_opts o;
	char key[33];
	int64_t id, amount;
	int r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, CO_REASON | CO_KEY, 2, 2,
	    &o)) != CTL_OK)
		return r;
	if (o.reason == NULL || *o.reason == '\0')
		return ctl_usage(cmd, "--reason is required");
	if ((r = ctl_cash_id(cmd, "SHIFT", o.pos[0], &id)) != CTL_OK)
		return r;
	if (ctl_amount(c, o.pos[1], &amount) != CTL_OK)
		return CTL_FAIL;
	if (amount == 0)
		return ctl_fail("the amount must be more than zero");
	ledger_new_key(key);
	r = shift_paid(&c->ctx, id, sign * amount, o.reason,
	    o.key != NULL ? o.key : key, &res);
	if (r != 0)
		return ctl_cash_err(c, r, cmd->name);
	printf("%lld\n", (long long)res.tx_id);
	return CTL_OK;
}

static int
cmd_shift_paid_in(struct ctl *c, int argc, char **argv)
{
	return shift_paid_cmd(c, argc, argv, 8, 1);
}

static int
cmd_shift_paid_out(struct ctl *c, int argc, char **argv)
{
	return shift_paid_cmd(c, argc, argv, 9, -1);
}

static int
cmd_report_z(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &cash_cmds[10];
	struct cash_opts o;
	struct zreport *z;
	char *text;
	int64_t id;
	int r;

	if ((r = ctl_cash_getopt(cmd, argc, argv, 0, 1, 1, &o)) != CTL_OK)
		return r;
	if ((r = ctl_cash_id(cmd, "SHIFT", o.pos[0], &id)) != CTL_OK)
		return r;
	r = zreport_load(&c->ctx, id, &z);
	if (r == ERR_STATE)
		return ctl_fail("shift %lld is still open: its Z-report comes "
		    "with the close", (long long)id);
	if (r != 0)
		return ctl_err(r, "report z", NULL);
	text = zreport_text(z, &c->cafe);
	fputs(text, stdout);
	free(text);
	zreport_free(z);
	return CTL_OK;
}

static int
cmd_approval_list(struct ctl *c, int argc, char **argv)
{
	struct approval_info *v;
	struct cash_opts o;
	char when[32], amt[32], reason[LEDGER_MEMO_MAX * 2];
	size_t n, i;
	int r;

	if ((r = ctl_cash_getopt(&cash_cmds[11], argc, argv, CO_ALL, 0, 0,
	    &o)) != CTL_OK)
		return r;
	if ((r = approval_list(c->db, !o.all, 1000, &v, &n)) != 0)
		return ctl_err(r, "approval list", NULL);
	ctl_header(c, "ID\tSTATE\tOP\tCUSTOMER\tAMOUNT\tREQUESTED_BY\t"
	    "REQUESTED\tDECIDED_BY\tREASON");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\tid:%lld\t%s\t%s\t%s\t%s\t%s\n",
		    (long long)v[i].id, approval_state_name(v[i].state),
		    v[i].op, (long long)v[i].customer_id,
		    ctl_money(c, v[i].amount, amt, sizeof amt),
		    v[i].requested_by, ctl_time(c, v[i].requested_at, when,
		    sizeof when), v[i].decided_by[0] != '\0' ?
		    v[i].decided_by : "-", field(reason, sizeof reason,
		    v[i].reason));
	free(v);
	return CTL_OK;
}

static int
cmd_approval_decide(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &cash_cmds[12];
	int approve = strcmp(argv[0], "approval approve") == 0;
	struct cash_opts o;
	int64_t id, tx = 0;
	int r;

	if (!approve)
		cmd = &cash_cmds[13];
	if ((r = ctl_cash_getopt(cmd, argc, argv, approve ? 0 : CO_NOTE, 1,
	    1, &o)) != CTL_OK)
		return r;
	if ((r = ctl_cash_id(cmd, "ID", o.pos[0], &id)) != CTL_OK)
		return r;
	r = approve ? approval_approve(&c->ctx, id, &tx) :
	    approval_reject(&c->ctx, id, o.note);
	if (r == ERR_STATE)
		return ctl_fail("request %lld is not pending", (long long)id);
	if (r == ERR_SELF)
		return ctl_fail("%s: nobody decides their own request",
		    cmd->name);
	if (r == ERR_DENIED)
		return ctl_fail("%s: permission denied (it needs "
		    "wallet.approve)", cmd->name);
	if (r != 0)
		return ctl_cash_err(c, r, cmd->name);
	if (approve)
		printf("%lld\n", (long long)tx);
	return CTL_OK;
}

static const struct ctl_cmd cash_cmds[] = {
	{ "customer add", "NAME [--phone P] [--email E] [--card C]",
	    "create a customer; prints the id", CTL_DB, cmd_customer_add },
	{ "customer list", "[--search TEXT]", "list customers (search by "
	    "name prefix, phone, e-mail or card)", CTL_DB, cmd_customer_list },
	{ "customer show", "CUSTOMER", "show one customer with contact data "
	    "and balance", CTL_DB, cmd_customer_show },
	{ "customer disable", "CUSTOMER", "disable a customer (no top-up or "
	    "charge)", CTL_DB, cmd_customer_disable },
	{ "customer enable", "CUSTOMER", "enable a disabled customer",
	    CTL_DB, cmd_customer_enable },
	{ "shift open", "--user USER --float AMOUNT", "open a shift with its "
	    "opening float; prints the shift id", CTL_DB, cmd_shift_open },
	{ "shift close", "SHIFT --counted AMOUNT", "close a shift with the "
	    "counted cash; prints expected, counted, variance", CTL_DB,
	    cmd_shift_close },
	{ "shift list", "[--open]", "list shifts, newest first", CTL_DB,
	    cmd_shift_list },
	{ "shift paid-in", "SHIFT AMOUNT --reason TEXT "
	    "[--idempotency-key K]", "put cash into the drawer; prints the "
	    "ledger transaction", CTL_DB, cmd_shift_paid_in },
	{ "shift paid-out", "SHIFT AMOUNT --reason TEXT "
	    "[--idempotency-key K]", "take cash out of the drawer; prints "
	    "the ledger transaction", CTL_DB, cmd_shift_paid_out },
	{ "report z", "SHIFT", "print the Z-report of a closed shift", CTL_DB,
	    cmd_report_z },
	{ "approval list", "[--all]", "list pending two-person approval "
	    "requests (--all: every one)", CTL_DB, cmd_approval_list },
	{ "approval approve", "ID", "approve and execute a request; prints "
	    "the ledger transaction", CTL_DB, cmd_approval_decide },
	{ "approval reject", "ID [--note TEXT]", "reject a request", CTL_DB,
	    cmd_approval_decide },
};

const struct ctl_group ctl_group_cash = { cash_cmds,
	(int)(sizeof cash_cmds / sizeof cash_cmds[0]) };

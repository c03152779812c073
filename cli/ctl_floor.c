/*
 * ctl_floor.c -- cafectl zone, rule, station, package, session, reserve
 * and floor: the floor of the café from the command line.
 */
#include "cli/ctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/ctl_cash.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "model/customer.h"
#include "model/pricing.h"
#include "model/reservation.h"
#include "model/seat.h"
#include "model/station.h"

enum {
	C_ZONE_ADD, C_ZONE_LIST, C_ZONE_EDIT, C_ZONE_RETIRE,
	C_RULE_ADD, C_RULE_LIST, C_RULE_REMOVE,
	C_STATION_ADD, C_STATION_LIST, C_STATION_STATE, C_STATION_EDIT,
	C_STATION_RETIRE,
	C_PACKAGE_ADD, C_PACKAGE_LIST, C_PACKAGE_RETIRE, C_PACKAGE_BUY,
	C_SESSION_START, C_SESSION_STOP, C_SESSION_LIST, C_SESSION_EXTEND,
	C_SESSION_MOVE, C_SESSION_PAUSE, C_SESSION_RESUME,
	C_RESERVE_LIST, C_RESERVE_CANCEL, C_RESERVE,
	C_FLOOR_TICK
};

static const struct ctl_cmd floor_cmds[];

/* Options: "--name VALUE", "--name=VALUE", or flags without a value. */
struct fopt {
	const char	*name;
	int		 flag;		/* takes no value */
	const char	*val;		/* set when given ("" for a flag) */
};

/*
 * Split argv (argv[0] is the command) into the options of o (NULL
 * terminated by name) and up to maxpos positional arguments; exactly
 * minpos at least. Prints a usage error.
 */
static int
fargs(int which, int argc, char **argv, struct fopt *o, const char **pos,
    int minpos, int maxpos)
{
	const struct ctl_cmd *cmd = &floor_cmds[which];
	const char *eq;
	size_t len;
	int i, k, np = 0;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
			if (np == maxpos)
				return ctl_usage(cmd, "unexpected '%s'",
				    argv[i]);
			pos[np++] = argv[i];
			continue;
		}
		eq = strchr(argv[i], '=');
		len = eq != NULL ? (size_t)(eq - argv[i] - 2) :
		    strlen(argv[i] + 2);
		for (k = 0; o != NULL && o[k].name != NULL; k++)
			if (strlen(o[k].name) == len &&
			    strncmp(o[k].name, argv[i] + 2, len) == 0)
				break;
		if (o == NULL || o[k].name == NULL)
			return ctl_usage(cmd, "unknown option '%s'", argv[i]);
		if (o[k].flag)
			o[k].val = "";
		else if (eq != NULL)
			o[k].val = eq + 1;
		else if (i + 1 < argc)
			o[k].val = argv[++i];
		else
			return ctl_usage(cmd, "%s needs a value", argv[i]);
	}
	if (np < minpos)
		return ctl_usage(cmd, "missing arguments");
	return CTL_OK;
}

static int
opt_amount(const struct ctl *c, const char *s, int64_t *out, int64_t def)
{
	if (s == NULL) {
		*out = def;
		return CTL_OK;
	}
	return ctl_amount(c, s, out);
}

static int
opt_id(const char *s, const char *what, int64_t *out)
{
	char *end;
	long long v;

	v = strtoll(s, &end, 10);
	if (*s < '1' || *s > '9' || *end != '\0' || v <= 0)
		return ctl_fail("%s: not an id: '%s'", what, s);
	*out = v;
	return CTL_OK;
}

/* "1:30" style minutes for lists; "-" when unknown. */
static char *
fmt_minutes(int64_t secs, char *buf, size_t size)
{
	if (secs < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld", (long long)(secs / 60));
	return buf;
}

/* Zones --------------------------------------------------------------- */

static int
cmd_zone_add(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "hourly", 0, NULL }, { "minimum", 0, NULL },
	    { "guest-hourly", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	struct zone_new nz;
	int64_t id;
	int r;

	if ((r = fargs(C_ZONE_ADD, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[0].val == NULL)
		return ctl_usage(&floor_cmds[C_ZONE_ADD], "--hourly is "
		    "required");
	nz.name = pos[0];
	if (ctl_amount(c, o[0].val, &nz.hourly) != CTL_OK ||
	    opt_amount(c, o[1].val, &nz.minimum, 0) != CTL_OK ||
	    opt_amount(c, o[2].val, &nz.guest_hourly, -1) != CTL_OK)
		return CTL_FAIL;
	r = station_zone_add(&c->ctx, &nz, &id, &why);
	if (r == ERR_EXISTS)
		return ctl_fail("zone '%s' exists already", pos[0]);
	if (r != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_zone_list(struct ctl *c, int argc, char **argv)
{
	char h[32], g[32], m[32];
	struct zone_info *v;
	size_t n, i;
	int r;

	if ((r = fargs(C_ZONE_LIST, argc, argv, NULL, NULL, 0, 0)) != CTL_OK)
		return r;
	if ((r = station_zone_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "zone list", NULL);
	ctl_header(c, "NAME\tHOURLY\tGUEST\tMINIMUM\tSTATIONS");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%d\n", v[i].name,
		    ctl_money(c, v[i].hourly, h, sizeof h),
		    ctl_money(c, v[i].guest_hourly, g, sizeof g),
		    ctl_money(c, v[i].minimum, m, sizeof m), v[i].nstations);
	free(v);
	return CTL_OK;
}

static int
cmd_zone_edit(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "name", 0, NULL }, { "hourly", 0, NULL },
	    { "minimum", 0, NULL }, { "guest-hourly", 0, NULL },
	    { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	struct zone_info z;
	struct zone_new nz;
	int r;

	if ((r = fargs(C_ZONE_EDIT, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if ((r = station_zone_find(c->db, pos[0], &z)) != 0)
		return ctl_err(r, pos[0], NULL);
	nz.name = o[0].val != NULL ? o[0].val : z.name;
	if (opt_amount(c, o[1].val, &nz.hourly, z.hourly) != CTL_OK ||
	    opt_amount(c, o[2].val, &nz.minimum, z.minimum) != CTL_OK ||
	    opt_amount(c, o[3].val, &nz.guest_hourly,
	    z.guest_hourly) != CTL_OK)
		return CTL_FAIL;
	if ((r = station_zone_edit(&c->ctx, pos[0], &nz, &why)) != 0)
		return ctl_err(r, pos[0], why);
	return CTL_OK;
}

static int
cmd_zone_retire(struct ctl *c, int argc, char **argv)
{
	const char *pos[1];
	int r;

	if ((r = fargs(C_ZONE_RETIRE, argc, argv, NULL, pos, 1, 1)) != CTL_OK)
		return r;
	if ((r = station_zone_retire(&c->ctx, pos[0])) == ERR_STATE)
		return ctl_fail("%s: stations are still in it", pos[0]);
	return r == 0 ? CTL_OK : ctl_err(r, pos[0], NULL);
}

/* Time rules ---------------------------------------------------------- */

static int
cmd_rule_add(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "zone", 0, NULL }, { "days", 0, NULL },
	    { "from", 0, NULL }, { "to", 0, NULL }, { "hourly", 0, NULL },
	    { "guest-hourly", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	struct pricing_rule pr;
	int64_t id;
	int r;

	if ((r = fargs(C_RULE_ADD, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[1].val == NULL || o[2].val == NULL || o[3].val == NULL ||
	    o[4].val == NULL)
		return ctl_usage(&floor_cmds[C_RULE_ADD], "--days, --from, "
		    "--to and --hourly are required");
	memset(&pr, 0, sizeof pr);
	if (pricing_days_parse(o[1].val, &pr.days) != 0)
		return ctl_fail("--days: '%s' is not like mon-fri, sat,sun "
		    "or all", o[1].val);
	if (pricing_hhmm_parse(o[2].val, &pr.from_min) != 0 ||
	    pricing_hhmm_parse(o[3].val, &pr.to_min) != 0)
		return ctl_fail("--from and --to are times like 22:00");
	if (ctl_amount(c, o[4].val, &pr.hourly) != CTL_OK ||
	    opt_amount(c, o[5].val, &pr.guest_hourly, -1) != CTL_OK)
		return CTL_FAIL;
	if ((r = station_rule_add(&c->ctx, o[0].val, pos[0], &pr, &id,
	    &why)) != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_rule_list(struct ctl *c, int argc, char **argv)
{
	char days[64], h[32], g[32];
	struct rule_info *v;
	size_t n, i;
	int r;

	if ((r = fargs(C_RULE_LIST, argc, argv, NULL, NULL, 0, 0)) != CTL_OK)
		return r;
	if ((r = station_rule_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "rule list", NULL);
	ctl_header(c, "ID\tZONE\tNAME\tDAYS\tFROM\tTO\tHOURLY\tGUEST");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%02d:%02d\t%02d:%02d\t%s\t%s\n",
		    (long long)v[i].id, v[i].zone_id != 0 ? v[i].zone : "*",
		    v[i].name, pricing_days_fmt(v[i].rule.days, days,
		    sizeof days), v[i].rule.from_min / 60,
		    v[i].rule.from_min % 60, v[i].rule.to_min / 60,
		    v[i].rule.to_min % 60, ctl_money(c, v[i].rule.hourly, h,
		    sizeof h), ctl_money(c, v[i].rule.guest_hourly, g,
		    sizeof g));
	free(v);
	return CTL_OK;
}

static int
cmd_rule_remove(struct ctl *c, int argc, char **argv)
{
	const char *pos[1];
	int64_t id;
	int r;

	if ((r = fargs(C_RULE_REMOVE, argc, argv, NULL, pos, 1, 1)) != CTL_OK)
		return r;
	if (opt_id(pos[0], "rule", &id) != CTL_OK)
		return CTL_FAIL;
	if ((r = station_rule_remove(&c->ctx, id)) != 0)
		return ctl_err(r, pos[0], NULL);
	return CTL_OK;
}

/* Stations ------------------------------------------------------------ */

static int
cmd_station_add(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "zone", 0, NULL }, { "note", 0, NULL },
	    { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	int64_t id;
	int r;

	if ((r = fargs(C_STATION_ADD, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[0].val == NULL)
		return ctl_usage(&floor_cmds[C_STATION_ADD], "--zone is "
		    "required");
	r = station_add(&c->ctx, pos[0], o[0].val, o[1].val, &id, &why);
	if (r == ERR_EXISTS)
		return ctl_fail("station '%s' exists already", pos[0]);
	if (r == ERR_NOTFOUND)
		return ctl_fail("no zone '%s'", o[0].val);
	if (r != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_station_list(struct ctl *c, int argc, char **argv)
{
	struct station_info *v;
	struct seat_view *sv;
	char note[STATION_NOTE_MAX + 1];
	const char *who;
	size_t n, ns, i, k;
	int64_t now = clock_now();
	int r;

	if ((r = fargs(C_STATION_LIST, argc, argv, NULL, NULL, 0,
	    0)) != CTL_OK)
		return r;
	if ((r = station_list(c->db, now, &v, &n)) != 0)
		return ctl_err(r, "station list", NULL);
	if ((r = seat_list(&c->ctx, now, &sv, &ns)) != 0) {
		free(v);
		return ctl_err(r, "station list", NULL);
	}
	ctl_header(c, "NAME\tZONE\tSTATE\tSESSION\tCUSTOMER\tNOTE");
	for (i = 0; i < n; i++) {
		for (k = 0, who = "-"; k < ns; k++)
			if (sv[k].station_id == v[i].id)
				who = sv[k].customer;
		printf("%s\t%s\t%s\t%lld\t%s\t%s\n", v[i].name, v[i].zone,
		    station_state_name(v[i].state),
		    (long long)v[i].session_id, who,
		    str_sanitize(note, sizeof note, v[i].note));
	}
	free(sv);
	free(v);
	return CTL_OK;
}

static int
cmd_station_state(struct ctl *c, int argc, char **argv)
{
	const char *pos[2], *why = NULL;
	int st, r;

	if ((r = fargs(C_STATION_STATE, argc, argv, NULL, pos, 2,
	    2)) != CTL_OK)
		return r;
	if (station_state_parse(pos[1], &st) != 0 || (st != STATION_FREE &&
	    st != STATION_MAINTENANCE && st != STATION_OFFLINE))
		return ctl_usage(&floor_cmds[C_STATION_STATE], "the state is "
		    "free, maintenance or offline");
	if ((r = station_set_state(&c->ctx, pos[0], st, &why)) != 0)
		return ctl_err(r, pos[0], why);
	return CTL_OK;
}

static int
cmd_station_edit(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "name", 0, NULL }, { "zone", 0, NULL },
	    { "note", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	int r;

	if ((r = fargs(C_STATION_EDIT, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if ((r = station_edit(&c->ctx, pos[0], o[0].val, o[1].val, o[2].val,
	    &why)) != 0)
		return ctl_err(r, pos[0], why);
	return CTL_OK;
}

static int
cmd_station_retire(struct ctl *c, int argc, char **argv)
{
	const char *pos[1], *why = NULL;
	int r;

	if ((r = fargs(C_STATION_RETIRE, argc, argv, NULL, pos, 1,
	    1)) != CTL_OK)
		return r;
	if ((r = station_retire(&c->ctx, pos[0], &why)) != 0)
		return ctl_err(r, pos[0], why);
	return CTL_OK;
}

/* Packages ------------------------------------------------------------ */

static int
cmd_package_add(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "minutes", 0, NULL }, { "price", 0, NULL },
	    { "zone", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	int64_t minutes, price, id;
	int r;

	if ((r = fargs(C_PACKAGE_ADD, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[0].val == NULL || o[1].val == NULL)
		return ctl_usage(&floor_cmds[C_PACKAGE_ADD], "--minutes and "
		    "--price are required");
	if (opt_id(o[0].val, "--minutes", &minutes) != CTL_OK ||
	    ctl_amount(c, o[1].val, &price) != CTL_OK)
		return CTL_FAIL;
	r = seat_package_add(&c->ctx, pos[0], o[2].val, minutes, price, &id,
	    &why);
	if (r == ERR_EXISTS)
		return ctl_fail("package '%s' exists already", pos[0]);
	if (r != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_package_list(struct ctl *c, int argc, char **argv)
{
	struct seat_package *v;
	char p[32];
	size_t n, i;
	int r;

	if ((r = fargs(C_PACKAGE_LIST, argc, argv, NULL, NULL, 0,
	    0)) != CTL_OK)
		return r;
	if ((r = seat_package_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "package list", NULL);
	ctl_header(c, "NAME\tZONE\tMINUTES\tPRICE");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%lld\t%s\n", v[i].name,
		    v[i].zone_id != 0 ? v[i].zone : "*",
		    (long long)v[i].minutes, ctl_money(c, v[i].price, p,
		    sizeof p));
	free(v);
	return CTL_OK;
}

static int
cmd_package_retire(struct ctl *c, int argc, char **argv)
{
	const char *pos[1];
	int r;

	if ((r = fargs(C_PACKAGE_RETIRE, argc, argv, NULL, pos, 1,
	    1)) != CTL_OK)
		return r;
	if ((r = seat_package_retire(&c->ctx, pos[0])) != 0)
		return ctl_err(r, pos[0], NULL);
	return CTL_OK;
}

static int
cmd_package_buy(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "idempotency-key", 0, NULL },
	    { NULL, 0, NULL } };
	const char *pos[2];
	int64_t cust, id;
	int r;

	if ((r = fargs(C_PACKAGE_BUY, argc, argv, o, pos, 2, 2)) != CTL_OK)
		return r;
	if (ctl_cash_customer(c, pos[0], &cust) != CTL_OK)
		return CTL_FAIL;
	if ((r = seat_package_buy(&c->ctx, cust, pos[1], o[0].val, &id)) != 0)
		return ctl_err(r, pos[1], NULL);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

/* Sessions ------------------------------------------------------------- */

static int
cmd_session_start(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "customer", 0, NULL }, { "guest", 1, NULL },
	    { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	int64_t cust = 0, id;
	int r;

	if ((r = fargs(C_SESSION_START, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if ((o[0].val == NULL) == (o[1].val == NULL))
		return ctl_usage(&floor_cmds[C_SESSION_START], "either "
		    "--customer CUSTOMER or --guest");
	if (o[0].val != NULL && ctl_cash_customer(c, o[0].val, &cust) != CTL_OK)
		return CTL_FAIL;
	if ((r = seat_start(&c->ctx, pos[0], cust, &id, &why)) != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_session_stop(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "shift", 0, NULL }, { "card", 1, NULL },
	    { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	struct seat_receipt rc;
	char text[2048], cost[32];
	int64_t shift = 0;
	int r;

	if ((r = fargs(C_SESSION_STOP, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[0].val != NULL && opt_id(o[0].val, "--shift", &shift) != CTL_OK)
		return CTL_FAIL;
	r = seat_stop(&c->ctx, pos[0], shift, o[1].val != NULL, &rc, &why);
	if (r == ERR_NOSHIFT && o[0].val == NULL)
		why = "a guest pays into a shift: give --shift SHIFT";
	if (r != 0)
		return ctl_err(r, pos[0], why);
	fputs(seat_receipt_text(c->db, &rc, text, sizeof text), stdout);
	printf("%s\n", ctl_money(c, rc.cost, cost, sizeof cost));
	return CTL_OK;
}

static int
cmd_session_list(struct ctl *c, int argc, char **argv)
{
	char when[32], cost[32], el[24], left[24];
	struct seat_view *v;
	size_t n, i;
	int r;

	if ((r = fargs(C_SESSION_LIST, argc, argv, NULL, NULL, 0,
	    0)) != CTL_OK)
		return r;
	if ((r = seat_list(&c->ctx, clock_now(), &v, &n)) != 0)
		return ctl_err(r, "session list", NULL);
	ctl_header(c, "ID\tSTATION\tZONE\tCUSTOMER\tSTARTED\tMINUTES\tCOST\t"
	    "LEFT\tSTATE");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    (long long)v[i].session_id, v[i].station, v[i].zone,
		    v[i].customer, ctl_time(c, v[i].started_at, when,
		    sizeof when), fmt_minutes(v[i].elapsed, el, sizeof el),
		    ctl_money(c, v[i].cost, cost, sizeof cost),
		    fmt_minutes(v[i].seconds_left, left, sizeof left),
		    v[i].paused ? "paused" : v[i].warn ? "ending" :
		    "running");
	free(v);
	return CTL_OK;
}

static int
cmd_session_extend(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "package", 0, NULL },
	    { "idempotency-key", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[1], *why = NULL;
	int64_t id;
	int r;

	if ((r = fargs(C_SESSION_EXTEND, argc, argv, o, pos, 1, 1)) != CTL_OK)
		return r;
	if (o[0].val == NULL)
		return ctl_usage(&floor_cmds[C_SESSION_EXTEND], "--package is "
		    "required");
	if ((r = seat_extend(&c->ctx, pos[0], o[0].val, o[1].val, &id,
	    &why)) != 0)
		return ctl_err(r, pos[0], why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_session_move(struct ctl *c, int argc, char **argv)
{
	const char *pos[2], *why = NULL;
	int r;

	if ((r = fargs(C_SESSION_MOVE, argc, argv, NULL, pos, 2, 2)) != CTL_OK)
		return r;
	if ((r = seat_move(&c->ctx, pos[0], pos[1], &why)) != 0)
		return ctl_err(r, pos[0], why);
	return CTL_OK;
}

static int
cmd_session_pause(struct ctl *c, int argc, char **argv)
{
	const char *pos[1];
	int which = strcmp(argv[0], "session pause") == 0 ? C_SESSION_PAUSE :
	    C_SESSION_RESUME;
	int r;

	if ((r = fargs(which, argc, argv, NULL, pos, 1, 1)) != CTL_OK)
		return r;
	r = which == C_SESSION_PAUSE ? seat_pause(&c->ctx, pos[0]) :
	    seat_resume(&c->ctx, pos[0]);
	if (r == ERR_STATE)
		return ctl_fail("%s: no %s session on it", pos[0],
		    which == C_SESSION_PAUSE ? "running" : "paused");
	return r == 0 ? CTL_OK : ctl_err(r, pos[0], NULL);
}

/* Reservations -------------------------------------------------------- */

static int
cmd_reserve(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "customer", 0, NULL }, { "from", 0, NULL },
	    { "to", 0, NULL }, { "zone", 0, NULL }, { "note", 0, NULL },
	    { NULL, 0, NULL } };
	const char *pos[1] = { NULL }, *why = NULL;
	struct reservation_new rn;
	int64_t id;
	int r;

	if ((r = fargs(C_RESERVE, argc, argv, o, pos, 0, 1)) != CTL_OK)
		return r;
	if ((pos[0] == NULL) == (o[3].val == NULL) || o[0].val == NULL ||
	    o[1].val == NULL || o[2].val == NULL)
		return ctl_usage(&floor_cmds[C_RESERVE], "STATION (or "
		    "--zone ZONE), --customer, --from and --to");
	memset(&rn, 0, sizeof rn);
	rn.station = pos[0];
	rn.zone = o[3].val;
	rn.note = o[4].val;
	if (ctl_cash_customer(c, o[0].val, &rn.customer_id) != CTL_OK)
		return CTL_FAIL;
	if (clock_parse_iso(o[1].val, c->cafe.timezone, &rn.from) != 0 ||
	    clock_parse_iso(o[2].val, c->cafe.timezone, &rn.to) != 0)
		return ctl_fail("--from and --to are ISO 8601 times like "
		    "2026-11-22T18:00 (the café's time) or ...Z");
	r = reservation_add(&c->ctx, &rn, &id, &why);
	if (r == ERR_EXISTS && why != NULL)
		return ctl_fail("%s: %s", pos[0] != NULL ? pos[0] : rn.zone,
		    why);
	if (r != 0)
		return ctl_err(r, pos[0] != NULL ? pos[0] : rn.zone, why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

/* The local day of "YYYY-MM-DD" (NULL: today) as UTC bounds. */
static int
day_bounds(const struct ctl *c, const char *date, int64_t *from, int64_t *to)
{
	int64_t t = clock_now();

	if (date != NULL && (strlen(date) != 10 ||
	    clock_parse_iso(date, c->cafe.timezone, &t) != 0))
		return ctl_fail("--date: not a date like 2026-11-22");
	if (date != NULL)
		t += 12 * 3600;
	reservation_day(t, c->cafe.timezone, from, to);
	return CTL_OK;
}

static int
cmd_reserve_list(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "date", 0, NULL }, { NULL, 0, NULL } };
	struct reservation_info *v;
	char f[32], t[32];
	int64_t from, to;
	size_t n, i;
	int r;

	if ((r = fargs(C_RESERVE_LIST, argc, argv, o, NULL, 0, 0)) != CTL_OK)
		return r;
	if (day_bounds(c, o[0].val, &from, &to) != CTL_OK)
		return CTL_FAIL;
	if ((r = reservation_list(c->db, from, to, &v, &n)) != 0)
		return ctl_err(r, "reserve list", NULL);
	ctl_header(c, "ID\tSTATION\tCUSTOMER\tFROM\tTO\tSTATE");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)v[i].id,
		    v[i].station, v[i].customer, ctl_time(c, v[i].starts_at,
		    f, sizeof f), ctl_time(c, v[i].ends_at, t, sizeof t),
		    reservation_state_name(v[i].state));
	free(v);
	return CTL_OK;
}

static int
cmd_reserve_cancel(struct ctl *c, int argc, char **argv)
{
	const char *pos[1];
	int64_t id;
	int r;

	if ((r = fargs(C_RESERVE_CANCEL, argc, argv, NULL, pos, 1,
	    1)) != CTL_OK)
		return r;
	if (opt_id(pos[0], "reservation", &id) != CTL_OK)
		return CTL_FAIL;
	if ((r = reservation_cancel(&c->ctx, id)) == ERR_STATE)
		return ctl_fail("reservation %s is not booked any more",
		    pos[0]);
	return r == 0 ? CTL_OK : ctl_err(r, pos[0], NULL);
}

/* The listener's job, once ------------------------------------------- */

static int
cmd_floor_tick(struct ctl *c, int argc, char **argv)
{
	struct fopt o[] = { { "ahead", 0, NULL }, { NULL, 0, NULL } };
	int64_t ahead = 0;
	int ended = 0, released = 0, r;

	if ((r = fargs(C_FLOOR_TICK, argc, argv, o, NULL, 0, 0)) != CTL_OK)
		return r;
	if (o[0].val != NULL && strcmp(o[0].val, "0") != 0 &&
	    opt_id(o[0].val, "--ahead", &ahead) != CTL_OK)
		return CTL_FAIL;
	if ((r = seat_expire_due(&c->ctx, clock_now(), ahead, &ended)) != 0)
		return ctl_err(r, "session expiry", NULL);
	if ((r = reservation_release_due(&c->ctx, clock_now(),
	    &released)) != 0)
		return ctl_err(r, "reservation release", NULL);
	printf("ended %d\nreleased %d\n", ended, released);
	return CTL_OK;
}

static const struct ctl_cmd floor_cmds[] = {
	[C_ZONE_ADD] = { "zone add", "NAME --hourly AMOUNT [--minimum AMOUNT] "
	    "[--guest-hourly AMOUNT]", "add a zone with its prices; prints "
	    "its id", CTL_DB, cmd_zone_add },
	[C_ZONE_LIST] = { "zone list", "", "list the zones and their prices",
	    CTL_DB, cmd_zone_list },
	[C_ZONE_EDIT] = { "zone edit", "NAME [--name NEW] [--hourly AMOUNT] "
	    "[--minimum AMOUNT] [--guest-hourly AMOUNT]", "change a zone's "
	    "name or prices", CTL_DB, cmd_zone_edit },
	[C_ZONE_RETIRE] = { "zone retire", "NAME", "retire a zone without "
	    "stations", CTL_DB, cmd_zone_retire },
	[C_RULE_ADD] = { "rule add", "NAME --days DAYS --from HH:MM --to HH:MM "
	    "--hourly AMOUNT [--guest-hourly AMOUNT] [--zone ZONE]",
	    "add a time rule (happy hour, night); prints its id", CTL_DB,
	    cmd_rule_add },
	[C_RULE_LIST] = { "rule list", "", "list the time rules in force",
	    CTL_DB, cmd_rule_list },
	[C_RULE_REMOVE] = { "rule remove", "ID", "remove a time rule",
	    CTL_DB, cmd_rule_remove },
	[C_STATION_ADD] = { "station add", "NAME --zone ZONE [--note TEXT]",
	    "add a station; prints its id", CTL_DB, cmd_station_add },
	[C_STATION_LIST] = { "station list", "", "list the stations with "
	    "their state now", CTL_DB, cmd_station_list },
	[C_STATION_STATE] = { "station state", "NAME free|maintenance|"
	    "offline", "set what staff say a station is", CTL_DB,
	    cmd_station_state },
	[C_STATION_EDIT] = { "station edit", "NAME [--name NEW] [--zone ZONE] "
	    "[--note TEXT]", "change a station", CTL_DB, cmd_station_edit },
	[C_STATION_RETIRE] = { "station retire", "NAME", "take a station off "
	    "the floor", CTL_DB, cmd_station_retire },
	[C_PACKAGE_ADD] = { "package add", "NAME --minutes N --price AMOUNT "
	    "[--zone ZONE]", "define prepaid time; prints its id", CTL_DB,
	    cmd_package_add },
	[C_PACKAGE_LIST] = { "package list", "", "list the packages on sale",
	    CTL_DB, cmd_package_list },
	[C_PACKAGE_RETIRE] = { "package retire", "NAME", "stop selling a "
	    "package", CTL_DB, cmd_package_retire },
	[C_PACKAGE_BUY] = { "package buy", "CUSTOMER NAME [--idempotency-key "
	    "K]", "sell a package from the wallet; prints the purchase id",
	    CTL_DB, cmd_package_buy },
	[C_SESSION_START] = { "session start", "STATION (--customer CUSTOMER "
	    "| --guest)", "start a session; prints its id", CTL_DB,
	    cmd_session_start },
	[C_SESSION_STOP] = { "session stop", "STATION [--shift SHIFT] "
	    "[--card]", "stop and charge; the cost is the last line",
	    CTL_DB, cmd_session_stop },
	[C_SESSION_LIST] = { "session list", "", "list the open sessions",
	    CTL_DB, cmd_session_list },
	[C_SESSION_EXTEND] = { "session extend", "STATION --package NAME "
	    "[--idempotency-key K]", "buy a package for the member playing; "
	    "prints the purchase id", CTL_DB, cmd_session_extend },
	[C_SESSION_MOVE] = { "session move", "STATION TO", "move the session "
	    "to another free station", CTL_DB, cmd_session_move },
	[C_SESSION_PAUSE] = { "session pause", "STATION", "stop billing for a "
	    "while", CTL_DB, cmd_session_pause },
	[C_SESSION_RESUME] = { "session resume", "STATION", "bill again",
	    CTL_DB, cmd_session_pause },
	[C_RESERVE_LIST] = { "reserve list", "[--date YYYY-MM-DD]", "the "
	    "day's bookings (default today)", CTL_DB, cmd_reserve_list },
	[C_RESERVE_CANCEL] = { "reserve cancel", "ID", "cancel a booking",
	    CTL_DB, cmd_reserve_cancel },
	[C_RESERVE] = { "reserve", "STATION|--zone ZONE --customer CUSTOMER "
	    "--from TIME --to TIME [--note TEXT]", "book a station; prints "
	    "the booking id", CTL_DB, cmd_reserve },
	[C_FLOOR_TICK] = { "floor tick", "[--ahead SECONDS]", "run the "
	    "listener's floor job once: end sessions whose wallet is used "
	    "up, release no-shows", CTL_DB, cmd_floor_tick },
};

const struct ctl_group ctl_group_floor = { floor_cmds,
	(int)(sizeof floor_cmds / sizeof floor_cmds[0]) };

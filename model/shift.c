/*
 * shift.c -- opening, paying in and out of, and closing cashier shifts,
 * with the drawer's cash kept in the ledger.
 */
#include "model/shift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/user.h"

/* An amount as a plain decimal of the café's currency, for audit rows. */
static char *
fmt_amt(struct db *db, int64_t v, char *buf, size_t size)
{
	struct cafe_info cafe;

	if (settings_cafe(db, &cafe) != 0)
		cafe.decimals = 2;
	return money_format(buf, size, v, cafe.decimals);
}

int
shift_count_total(const struct shift_denom *d, size_t n, int decimals,
    int64_t *total, char *detail, size_t size)
{
	char amt[MONEY_BUFSZ], part[MONEY_BUFSZ + 24];
	int64_t sum = 0, v;
	size_t i;

	if (n == 0 || n > SHIFT_DENOMS_MAX)
		return ERR_INVALID;
	if (size > 0)
		*detail = '\0';
	for (i = 0; i < n; i++) {
		if (d[i].value <= 0 || d[i].count < 0)
			return ERR_INVALID;
		if (money_mul(d[i].value, d[i].count, &v) != 0 ||
		    money_add(sum, v, &sum) != 0 || sum > MONEY_MAX)
			return ERR_RANGE;
		if (d[i].count == 0)
			continue;
		money_format(amt, sizeof amt, d[i].value, decimals);
		snprintf(part, sizeof part, "%s%sx%lld", *detail != '\0' ?
		    " " : "", amt, (long long)d[i].count);
		if (strlen(detail) + strlen(part) < size)
			strcat(detail, part);
	}
	*total = sum;
	return 0;
}

#define SHIFT_COLS "s.id, s.user_id, u.name, s.opened_at, s.opened_by, " \
	"s.float_amount, s.float_detail, s.closed_at IS NULL, " \
	"s.closed_at, s.closed_by, s.forced, s.expected, s.counted, " \
	"s.variance, s.counted_detail, s.liability, s.audit_head"

static void
shift_row(struct db_stmt *st, void *out)
{
	struct shift_info *s = out;

	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->user_id = db_col_int(st, 1);
	str_lcpy(s->user, db_col_text(st, 2), sizeof s->user);
	s->opened_at = db_col_int(st, 3);
	str_lcpy(s->opened_by, db_col_text(st, 4), sizeof s->opened_by);
	s->float_amount = db_col_int(st, 5);
	str_lcpy(s->float_detail, db_col_text(st, 6), sizeof s->float_detail);
	s->open = (int)db_col_int(st, 7);
	s->closed_at = db_col_int(st, 8);
	str_lcpy(s->closed_by, db_col_text(st, 9), sizeof s->closed_by);
	s->forced = (int)db_col_int(st, 10);
	s->expected = db_col_int(st, 11);
	s->counted = db_col_int(st, 12);
	s->variance = db_col_int(st, 13);
	str_lcpy(s->counted_detail, db_col_text(st, 14),
	    sizeof s->counted_detail);
	s->liability = db_col_int(st, 15);
	str_lcpy(s->audit_head, db_col_text(st, 16), sizeof s->audit_head);
}

int
shift_get(struct db *db, int64_t id, struct shift_info *s)
{
	return db_row_one(db, shift_row, s, "SELECT " SHIFT_COLS " FROM "
	    "shifts s JOIN users u ON u.id = s.user_id WHERE s.id = ?", "i", id);
}

int
shift_list(struct db *db, int open_only, int limit, struct shift_info **out,
    size_t *n)
{
	if (limit < 1 || limit > 10000)
		return ERR_INVALID;
	return db_row_list(db, sizeof **out, shift_row, out, n, "SELECT "
	    SHIFT_COLS " FROM shifts s JOIN users u ON u.id = s.user_id "
	    "WHERE (? = 0 OR s.closed_at IS NULL) ORDER BY s.id DESC LIMIT ?",
	    "ii", (int64_t)open_only, (int64_t)limit);
}

int
shift_current(struct db *db, int64_t user_id, int64_t *shift_id)
{
	int r;

	r = db_row_int(db, shift_id, "SELECT id FROM shifts WHERE "
	    "user_id = ? AND closed_at IS NULL", "i", user_id);
	return r == ERR_NOTFOUND ? ERR_NOSHIFT : r;
}

/* Own shift with shift.operate, another's with shift.manage. */
static int
shift_require(struct mctx *ctx, int64_t owner, const char *action,
    int64_t id)
{
	char ids[24];

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if (ctx->actor.user_id != 0 && ctx->actor.user_id == owner)
		return perm_require(ctx, PERM_SHIFT_OPERATE, action, "shift",
		    ids);
	return perm_require(ctx, PERM_SHIFT_MANAGE, action, "shift", ids);
}

int
shift_check_use(struct mctx *ctx, int64_t id, const char *action)
{
	struct shift_info s;
	int r;

	if ((r = shift_get(ctx->db, id, &s)) != 0)
		return r;
	if (!s.open)
		return ERR_NOSHIFT;
	return shift_require(ctx, s.user_id, action, id);
}

struct open_arg {
	struct mctx		*ctx;
	const struct user_info	*u;
	int64_t			 amount;
	const char		*detail;
	int64_t			 id;
};

static int
open_tx(struct db *db, void *arg)
{
	struct open_arg *a = arg;
	struct ledger_leg legs[2];
	struct ledger_post p;
	char key[48], ids[24], amt[MONEY_BUFSZ];
	int r;

	if (shift_current(db, a->u->id, &a->id) == 0)
		return ERR_STATE;
	if ((r = db_row_id(db, &a->id, "INSERT INTO shifts (user_id, "
	    "opened_at, opened_by, float_amount, float_detail) "
	    "VALUES (?,?,?,?,?)", "iitit", a->u->id, clock_now(),
	    a->ctx->actor.name, a->amount, a->detail)) != 0)
		return r == ERR_EXISTS ? ERR_STATE : r;
	snprintf(ids, sizeof ids, "%lld", (long long)a->id);
	if ((r = audit_appendf(a->ctx, "shift.open", "shift", ids,
	    "cashier=%s float=%s", a->u->name, fmt_amt(db, a->amount, amt,
	    sizeof amt))) != 0 || a->amount == 0)
		return r;
	legs[0] = (struct ledger_leg){ LEDGER_DRAWER, a->id, a->amount };
	legs[1] = (struct ledger_leg){ LEDGER_SAFE, 0, -a->amount };
	snprintf(key, sizeof key, "shift.float:%lld", (long long)a->id);
	memset(&p, 0, sizeof p);
	p.key = key;
	p.op = "shift.float";
	p.memo = "opening float";
	p.shift_id = a->id;
	p.legs = legs;
	p.nlegs = 2;
	return ledger_post(a->ctx, &p, NULL);
}

int
shift_open(struct mctx *ctx, int64_t user_id, int64_t float_amount,
    const char *float_detail, int64_t *shift_id)
{
	struct user_info u;
	struct open_arg a;
	int r;

	if ((r = shift_require(ctx, user_id, "shift.open", 0)) != 0)
		return r;
	if ((r = user_get(ctx->db, user_id, &u)) != 0)
		return r;
	if (u.disabled)
		return ERR_DISABLED;
	if (!perm_role_has(u.role, PERM_SHIFT_OPERATE) || float_amount < 0 ||
	    (float_detail != NULL && strlen(float_detail) > SHIFT_DETAIL_MAX))
		return ERR_INVALID;
	if (float_amount > MONEY_MAX)
		return ERR_RANGE;
	a.ctx = ctx;
	a.u = &u;
	a.amount = float_amount;
	a.detail = float_detail != NULL ? float_detail : "";
	a.id = 0;
	if ((r = db_write(ctx->db, open_tx, &a)) == 0 && shift_id != NULL)
		*shift_id = a.id;
	return r;
}

int
shift_expected(struct mctx *ctx, int64_t id, int64_t *out)
{
	struct shift_info s;
	char ids[24];
	int r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_SHIFT_MANAGE, "shift.expected",
	    "shift", ids)) != 0)
		return r;
	if ((r = shift_get(ctx->db, id, &s)) != 0)
		return r;
	if (!s.open)
		return ERR_NOSHIFT;
	return ledger_balance(ctx->db, LEDGER_DRAWER, id, out);
}

int
shift_paid(struct mctx *ctx, int64_t id, int64_t amount, const char *reason,
    const char *key, struct ledger_result *res)
{
	struct ledger_leg legs[2];
	struct ledger_post p;
	const char *op = amount > 0 ? "shift.paid_in" : "shift.paid_out";
	int r;

	if ((r = shift_check_use(ctx, id, op)) != 0)
		return r;
	if (reason == NULL || *reason == '\0' || amount == 0)
		return ERR_INVALID;
	legs[0] = (struct ledger_leg){ LEDGER_DRAWER, id, amount };
	legs[1] = (struct ledger_leg){ LEDGER_PAIDINOUT, 0, -amount };
	memset(&p, 0, sizeof p);
	p.key = key;
	p.op = op;
	p.memo = reason;
	p.shift_id = id;
	p.legs = legs;
	p.nlegs = 2;
	return ledger_post(ctx, &p, res);
}

struct close_arg {
	struct mctx			*ctx;
	int64_t				 id, counted;
	const char			*detail;
	int				 forced;
	struct shift_close_result	 res;
};

/* The variance to cash.overshort and the counted cash to the safe. */
static int
close_post(struct close_arg *a, int64_t expected)
{
	struct ledger_leg legs[3];
	struct ledger_post p;
	char key[48];

	if (expected == 0 && a->counted == 0)
		return 0;
	legs[0] = (struct ledger_leg){ LEDGER_DRAWER, a->id, -expected };
	legs[1] = (struct ledger_leg){ LEDGER_SAFE, 0, a->counted };
	legs[2] = (struct ledger_leg){ LEDGER_OVERSHORT, 0,
	    expected - a->counted };
	snprintf(key, sizeof key, "shift.close:%lld", (long long)a->id);
	memset(&p, 0, sizeof p);
	p.key = key;
	p.op = "shift.deposit";
	p.memo = "closing count to the safe";
	p.shift_id = a->id;
	p.legs = legs;
	p.nlegs = 3;
	return ledger_post(a->ctx, &p, NULL);
}

/* Record the close on the shift row, with the chain head after it. */
static int
close_record(struct close_arg *a, int64_t liability)
{
	struct audit_head head;
	char hbuf[AUDIT_HASH_HEX + 24];
	int r;

	if ((r = audit_head(a->ctx->db, &head)) != 0)
		return r;
	if ((r = db_row_none(a->ctx->db, "UPDATE shifts SET closed_at = ?, "
	    "closed_by = ?, forced = ?, expected = ?, counted = ?, "
	    "variance = ?, counted_detail = ?, liability = ?, "
	    "audit_head = ? WHERE id = ? AND closed_at IS NULL", "itiiiititi",
	    clock_now(), a->ctx->actor.name, (int64_t)a->forced,
	    a->res.expected, a->res.counted, a->res.variance, a->detail,
	    liability, audit_head_fmt(&head, hbuf, sizeof hbuf), a->id)) < 0)
		return r;
	return r == 1 ? 0 : ERR_STATE;
}

static int
close_tx(struct db *db, void *arg)
{
	struct close_arg *a = arg;
	struct shift_info s;
	int64_t expected, liability;
	char ids[24], e[MONEY_BUFSZ], c[MONEY_BUFSZ], v[MONEY_BUFSZ];
	int r;

	if ((r = shift_get(db, a->id, &s)) != 0)
		return r;
	if (!s.open)
		return ERR_STATE;
	if ((r = ledger_balance(db, LEDGER_DRAWER, a->id, &expected)) != 0 ||
	    (r = ledger_total(db, LEDGER_WALLET, &liability)) != 0)
		return r;
	a->res.expected = expected;
	a->res.counted = a->counted;
	a->res.variance = a->counted - expected;
	snprintf(ids, sizeof ids, "%lld", (long long)a->id);
	if ((r = audit_appendf(a->ctx, "shift.close", "shift", ids,
	    "cashier=%s expected=%s counted=%s variance=%s forced=%d",
	    s.user, fmt_amt(db, expected, e, sizeof e),
	    fmt_amt(db, a->counted, c, sizeof c),
	    fmt_amt(db, a->res.variance, v, sizeof v), a->forced)) != 0 ||
	    (r = close_post(a, expected)) != 0)
		return r;
	return close_record(a, liability);
}

int
shift_close(struct mctx *ctx, int64_t id, int64_t counted,
    const char *counted_detail, struct shift_close_result *out)
{
	struct close_arg a;
	struct shift_info s;
	int r;

	if ((r = shift_get(ctx->db, id, &s)) != 0)
		return r;
	if ((r = shift_require(ctx, s.user_id, "shift.close", id)) != 0)
		return r;
	if (!s.open)
		return ERR_STATE;
	if (counted < 0 || (counted_detail != NULL &&
	    strlen(counted_detail) > SHIFT_DETAIL_MAX))
		return ERR_INVALID;
	if (counted > MONEY_MAX)
		return ERR_RANGE;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.id = id;
	a.counted = counted;
	a.detail = counted_detail != NULL ? counted_detail : "";
	a.forced = ctx->actor.user_id == 0 || ctx->actor.user_id != s.user_id;
	if ((r = db_write(ctx->db, close_tx, &a)) == 0 && out != NULL)
		*out = a.res;
	return r;
}

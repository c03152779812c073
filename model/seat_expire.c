/*
 * seat_expire.c -- the listener's job of ending member sessions when
 * their cost reaches the wallet, and the receipt lines of a stop.
 */
#include "model/seat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/ctx.h"
#include "model/ledger.h"
#include "model/money.h"
#include "model/pricing.h"
#include "model/seat_int.h"
#include "model/settings.h"

struct expire_arg {
	int64_t	 at;		/* now + ahead */
	int64_t	*due;
	size_t	 ndue;
};

/* 1 in *due when session id would cost more than the wallet at `at`. */
static int
expire_check(struct db *db, const struct station_prices *p, const char *tz,
    int64_t id, int64_t at, int *due)
{
	struct pricing_result res;
	struct seat_sess s;
	int64_t bal;
	int r;

	*due = 0;
	if ((r = seat_sess_load(db, 0, id, &s)) != 0)
		return r == ERR_STATE ? 0 : r;
	if ((r = seat_sess_price(db, p, tz, &s, at, &res)) == 0) {
		if ((r = ledger_balance(db, LEDGER_WALLET, s.customer_id,
		    &bal)) == 0)
			*due = res.total > bal;
		pricing_result_free(&res);
	}
	seat_sess_free(&s);
	return r;
}

/* Running member sessions, by id. */
static int
expire_running(struct db *db, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	return db_row_list(db, sizeof **ids, db_row_int0, ids, n, "SELECT id "
	    "FROM seat_sessions WHERE ended_at IS NULL AND paused_at IS NULL "
	    "AND customer_id IS NOT NULL ORDER BY id", NULL);
}

/* Read phase: which sessions are due, in one consistent snapshot. */
static int
expire_scan(struct db *db, void *argp)
{
	struct expire_arg *a = argp;
	struct station_prices *p = NULL;
	struct cafe_info ci;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r, due;

	if ((r = settings_cafe(db, &ci)) != 0 ||
	    (r = station_prices_load(db, &p)) != 0 ||
	    (r = expire_running(db, &ids, &n)) != 0)
		goto out;
	a->due = xreallocarray(NULL, n + 1, sizeof *a->due);
	for (i = 0; i < n; i++) {
		if ((r = expire_check(db, p, ci.timezone, ids[i], a->at,
		    &due)) != 0)
			goto out;
		if (due)
			a->due[a->ndue++] = ids[i];
	}
out:
	free(ids);
	station_prices_free(p);
	return r;
}

int
seat_expire_due(struct mctx *ctx, int64_t now, int64_t ahead, int *ended)
{
	struct seat_receipt rc;
	struct expire_arg a;
	size_t i;
	int r, first = 0, n = 0;

	if (ended != NULL)
		*ended = 0;
	memset(&a, 0, sizeof a);
	a.at = now + (ahead > 0 ? ahead : 0);
	if ((r = db_read(ctx->db, expire_scan, &a)) != 0) {
		free(a.due);
		return r;
	}
	for (i = 0; i < a.ndue; i++) {
		r = seat_stop_expired(ctx, a.due[i], &rc);
		if (r == 0)
			n++;
		else if (r != ERR_STATE && first == 0)
			first = r;
	}
	free(a.due);
	if (ended != NULL)
		*ended = n;
	return first;
}

/* Receipt lines ------------------------------------------------------- */

struct rbuf {
	char	*buf;
	size_t	 size, len;
};

static void rb_add(struct rbuf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
rb_add(struct rbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len >= b->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

static void
rb_piece(struct rbuf *b, const struct pricing_piece *p,
    const struct cafe_info *ci)
{
	char at[16], h[MONEY_BUFSZ], amt[MONEY_BUFSZ];

	clock_fmt_local(at, sizeof at, p->from, ci->timezone, "%H:%M");
	money_format(h, sizeof h, p->hourly, ci->decimals);
	money_format(amt, sizeof amt, p->amount, ci->decimals);
	if (p->package_minutes == p->minutes)
		rb_add(b, "  %s %lld min from a package\n", at,
		    (long long)p->minutes);
	else if (p->package_minutes > 0)
		rb_add(b, "  %s %lld min (%lld from a package), %lld x %s/h "
		    "= %s\n", at, (long long)p->minutes,
		    (long long)p->package_minutes,
		    (long long)(p->minutes - p->package_minutes), h, amt);
	else
		rb_add(b, "  %s %lld min x %s/h = %s\n", at,
		    (long long)p->minutes, h, amt);
}

static void
rb_paid(struct rbuf *b, const struct seat_receipt *r,
    const struct cafe_info *ci)
{
	char c[MONEY_BUFSZ], p[MONEY_BUFSZ], d[MONEY_BUFSZ];

	money_format(c, sizeof c, r->cost, ci->decimals);
	money_format(p, sizeof p, r->paid, ci->decimals);
	money_format(d, sizeof d, r->debt, ci->decimals);
	switch (r->pay) {
	case SEAT_PAY_WALLET:
		if (r->debt > 0)
			rb_add(b, "cost %s %s: %s from the wallet, %s owed\n",
			    c, ci->currency, p, d);
		else
			rb_add(b, "cost %s %s from the wallet\n", c,
			    ci->currency);
		break;
	case SEAT_PAY_CASH:
		rb_add(b, "cost %s %s paid in cash\n", c, ci->currency);
		break;
	case SEAT_PAY_CARD:
		rb_add(b, "cost %s %s paid by card\n", c, ci->currency);
		break;
	default:
		rb_add(b, "cost %s %s\n", c, ci->currency);
	}
}

char *
seat_receipt_text(struct db *db, const struct seat_receipt *r, char *buf,
    size_t size)
{
	struct rbuf b = { buf, size, 0 };
	char from[32], to[16], m[MONEY_BUFSZ], rule[160], *cut;
	struct cafe_info ci;
	size_t i;

	if (size > 0)
		buf[0] = '\0';
	if (settings_cafe(db, &ci) != 0)
		return buf;
	clock_fmt_local(from, sizeof from, r->started_at, ci.timezone,
	    "%Y-%m-%d %H:%M");
	clock_fmt_local(to, sizeof to, r->ended_at, ci.timezone, "%H:%M");
	rb_add(&b, "%s %s to %s%s: %lld min\n", r->station, from, to,
	    r->expired ? " (wallet used up)" : "", (long long)r->minutes);
	for (i = 0; i < r->npieces; i++)
		rb_piece(&b, &r->pieces[i], &ci);
	if (r->npieces < r->npieces_all)
		rb_add(&b, "  ... %zu more pieces\n",
		    r->npieces_all - r->npieces);
	if (r->minimum_added > 0)
		rb_add(&b, "  raised to the minimum charge: +%s\n",
		    money_format(m, sizeof m, r->minimum_added, ci.decimals));
	rb_paid(&b, r, &ci);
	if (r->points > 0)
		rb_add(&b, "%lld loyalty points earned\n", (long long)r->points);
	pricing_rule_text(ci.decimals, rule, sizeof rule);
	if ((cut = strstr(rule, ", rounded")) != NULL) {
		*cut = '\0';	/* two lines that fit a narrow dialog */
		rb_add(&b, "(%s,\n %s)\n", rule, cut + 2);
	} else
		rb_add(&b, "(%s)\n", rule);
	return buf;
}

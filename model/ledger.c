/*
 * ledger.c -- posting balanced transactions: validation, idempotency
 * keys with a digest of the content, cached balances that never let a
 * wallet go below zero, the audit row; and reversals.
 */
#include "model/ledger.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/digest.h"
#include "model/money.h"
#include "model/settings.h"

void
ledger_new_key(char key[33])
{
	unsigned char raw[16];

	randombytes_buf(raw, sizeof raw);
	str_hex(key, raw, sizeof raw);
}

/* The working state of one post. */
struct post {
	struct mctx			*ctx;
	const struct ledger_post	*p;
	char				 memo[LEDGER_MEMO_MAX + 1];
	char				 digest[65];
	int64_t				 acct[LEDGER_LEGS_MAX];	/* 0: new */
	int64_t				 after[LEDGER_LEGS_MAX];
	/* 1: the last leg on its account (holds the final balance) */
	int				 last[LEDGER_LEGS_MAX];
	struct ledger_result		 res;
};

static int
valid_op(const char *op)
{
	size_t len;

	if (op == NULL || (len = strlen(op)) == 0 || len > LEDGER_OP_MAX)
		return 0;
	return strspn(op, "abcdefghijklmnopqrstuvwxyz0123456789._-") == len;
}

/* A leg's kind and ref fit together. */
static int
valid_ref(const struct ledger_leg *l)
{
	if (ledger_kind_name(l->kind) == NULL || l->ref < 0)
		return 0;
	switch (ledger_kind_ref(l->kind)) {
	case LEDGER_REF_NONE:
		return l->ref == 0;
	case LEDGER_REF_CUSTOMER:
	case LEDGER_REF_SHIFT:
		return l->ref > 0;
	default:
		return 1;
	}
}

/* Everything that can be checked without the database. */
static int
post_check(const struct ledger_post *p)
{
	size_t i, nonzero = 0;
	int64_t sum = 0;

	if (p->key == NULL || *p->key == '\0' ||
	    strlen(p->key) > LEDGER_KEY_MAX || str_has_control(p->key) ||
	    !valid_op(p->op) || p->legs == NULL || p->nlegs < 2 ||
	    p->nlegs > LEDGER_LEGS_MAX ||
	    (p->memo != NULL && strlen(p->memo) > LEDGER_MEMO_MAX) ||
	    (p->approved_by != NULL &&
	    strlen(p->approved_by) >= LEDGER_NAME_MAX) ||
	    p->shift_id < 0 || p->customer_id < 0 || p->reverses < 0)
		return ERR_INVALID;
	for (i = 0; i < p->nlegs; i++) {
		if (!valid_ref(&p->legs[i]))
			return ERR_INVALID;
		if (p->legs[i].amount > MONEY_MAX ||
		    p->legs[i].amount < -MONEY_MAX)
			return ERR_RANGE;
		if (p->legs[i].amount != 0)
			nonzero++;
		/* 32 legs of at most 10^14 cannot overflow. */
		sum += ledger_kind_side(p->legs[i].kind) * p->legs[i].amount;
	}
	return nonzero >= 2 && sum == 0 ? 0 : ERR_INVALID;
}

/* A string, length-prefixed; NULL differs from "". */
static void
dig_str(crypto_generichash_state *st, const char *s)
{
	digest_int(st, s == NULL ? 0 : (int64_t)strlen(s) + 1);
	if (s != NULL)
		crypto_generichash_update(st, (const unsigned char *)s,
		    strlen(s));
}

/* The digest of everything a post says, in a fixed order. */
static void
post_digest(struct post *w)
{
	const struct ledger_post *p = w->p;
	crypto_generichash_state st;
	unsigned char h[32];
	size_t i;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	dig_str(&st, "cafed.ledger.v1");
	dig_str(&st, p->op);
	dig_str(&st, w->memo);
	digest_int(&st, p->shift_id);
	digest_int(&st, p->customer_id);
	digest_int(&st, p->reverses);
	dig_str(&st, p->approved_by);
	digest_int(&st, (int64_t)p->nlegs);
	for (i = 0; i < p->nlegs; i++) {
		digest_int(&st, p->legs[i].kind);
		digest_int(&st, p->legs[i].ref);
		digest_int(&st, p->legs[i].amount);
	}
	crypto_generichash_final(&st, h, sizeof h);
	str_hex(w->digest, h, sizeof h);
}

/* Replay or conflict when the key was seen; 1 when it is new. */
static int
post_idem(struct post *w)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(w->ctx->db, "SELECT id, digest FROM ledger_tx "
	    "WHERE idem_key = ?", &st)) != 0)
		return r;
	db_bind_text(st, 1, w->p->key);
	if ((r = db_step(st)) == DB_ROW) {
		w->res.tx_id = db_col_int(st, 0);
		w->res.replayed = 1;
		r = strcmp(db_col_text(st, 1), w->digest) == 0 ? 0 :
		    ERR_CONFLICT;
	} else if (r == DB_DONE)
		r = 1;
	db_done(st);
	return r;
}

/* 0 when the row exists (for a shift: and is open), else a code. */
static int
exists_row(struct db *db, const char *sql, int64_t id, int shift)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, sql, &st)) != 0)
		return r;
	db_bind_int(st, 1, id);
	if ((r = db_step(st)) == DB_ROW)
		r = shift && !db_col_is_null(st, 0) ? ERR_NOSHIFT : 0;
	else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	return r;
}

static int
customer_exists(struct db *db, int64_t id)
{
	return exists_row(db, "SELECT 1 FROM customers WHERE id = ?", id, 0);
}

static int
shift_open(struct db *db, int64_t id)
{
	return exists_row(db, "SELECT closed_at FROM shifts WHERE id = ?", id,
	    1);
}

/* The referenced rows of the header exist (and the shift is open). */
static int
post_refs(struct post *w)
{
	const struct ledger_post *p = w->p;
	int r;

	if (p->customer_id != 0 &&
	    (r = customer_exists(w->ctx->db, p->customer_id)) != 0)
		return r;
	if (p->shift_id != 0 && (r = shift_open(w->ctx->db, p->shift_id)) != 0)
		return r;
	if (p->reverses != 0 && (r = exists_row(w->ctx->db,
	    "SELECT 1 FROM ledger_tx WHERE id = ?", p->reverses, 0)) != 0)
		return r;
	return 0;
}

/* The account id (0 when missing) and balance of (kind, ref). */
static int
acct_load(struct db *db, int kind, int64_t ref, int64_t *id, int64_t *bal)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT id, balance FROM ledger_accounts "
	    "WHERE kind = ? AND ref = ?", &st)) != 0)
		return r;
	db_bind_text(st, 1, ledger_kind_name(kind));
	db_bind_int(st, 2, ref);
	*id = 0;
	*bal = 0;
	if ((r = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		*bal = db_col_int(st, 1);
		r = 0;
	}
	db_done(st);
	return r;
}

/* The earlier leg on the same account as leg i, or -1. */
static int
same_account(const struct ledger_post *p, size_t i)
{
	size_t j;

	for (j = i; j-- > 0;)
		if (p->legs[j].amount != 0 && p->legs[j].kind ==
		    p->legs[i].kind && p->legs[j].ref == p->legs[i].ref)
			return (int)j;
	return -1;
}

/* Check a leg's ref and work out its balance after. */
static int
leg_plan(struct post *w, size_t i)
{
	const struct ledger_leg *l = &w->p->legs[i];
	int64_t bal;
	int j, r;

	if ((j = same_account(w->p, i)) >= 0) {
		w->acct[i] = w->acct[j];
		w->last[j] = 0;
		w->last[i] = 1;
		return money_add(w->after[j], l->amount, &w->after[i]);
	}
	/* The header's customer and shift were checked by post_refs(). */
	if (ledger_kind_ref(l->kind) == LEDGER_REF_SHIFT)
		r = l->ref == w->p->shift_id ? 0 :
		    shift_open(w->ctx->db, l->ref);
	else if (l->ref != 0 && l->ref != w->p->customer_id)
		r = customer_exists(w->ctx->db, l->ref);
	else
		r = 0;
	if (r != 0 || (r = acct_load(w->ctx->db, l->kind, l->ref,
	    &w->acct[i], &bal)) != 0)
		return r;
	w->last[i] = 1;
	return money_add(bal, l->amount, &w->after[i]);
}

/* Plan every leg; refuse a never-negative account going below zero. */
static int
post_plan(struct post *w)
{
	const struct ledger_post *p = w->p;
	size_t i;
	int r;

	for (i = 0; i < p->nlegs; i++) {
		if (p->legs[i].amount == 0)
			continue;
		if ((r = leg_plan(w, i)) != 0)
			return r;
	}
	for (i = 0; i < p->nlegs; i++)
		if (p->legs[i].amount != 0 && w->last[i] &&
		    ledger_kind_nonneg(p->legs[i].kind) && w->after[i] < 0)
			return ERR_INSUFFICIENT;
	return 0;
}

/* Create the accounts the post uses for the first time. */
static int
post_accounts(struct post *w)
{
	const struct ledger_post *p = w->p;
	struct db_stmt *st;
	size_t i, j;
	int r;

	for (i = 0; i < p->nlegs; i++) {
		if (p->legs[i].amount == 0 || w->acct[i] != 0)
			continue;
		if ((r = db_stmt(w->ctx->db, "INSERT INTO ledger_accounts "
		    "(kind, ref, nonneg) VALUES (?, ?, ?)", &st)) != 0)
			return r;
		db_bind_text(st, 1, ledger_kind_name(p->legs[i].kind));
		db_bind_int(st, 2, p->legs[i].ref);
		db_bind_int(st, 3, ledger_kind_nonneg(p->legs[i].kind));
		r = db_step(st);
		db_done(st);
		if (r != DB_DONE)
			return r;
		w->acct[i] = db_last_id(w->ctx->db);
		for (j = i + 1; j < p->nlegs; j++)
			if (p->legs[j].kind == p->legs[i].kind &&
			    p->legs[j].ref == p->legs[i].ref)
				w->acct[j] = w->acct[i];
	}
	return 0;
}

static void
bind_opt(struct db_stmt *st, int idx, int64_t v)
{
	if (v != 0)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

static int
post_tx_row(struct post *w)
{
	const struct ledger_post *p = w->p;
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(w->ctx->db, "INSERT INTO ledger_tx (at, op, memo, "
	    "actor, user_id, approved_by, shift_id, customer_id, reverses, "
	    "idem_key, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st)) != 0)
		return r;
	db_bind_int(st, 1, clock_now());
	db_bind_text(st, 2, p->op);
	db_bind_text(st, 3, w->memo);
	db_bind_text(st, 4, w->ctx->actor.name);
	bind_opt(st, 5, w->ctx->actor.user_id);
	db_bind_text(st, 6, p->approved_by);
	bind_opt(st, 7, p->shift_id);
	bind_opt(st, 8, p->customer_id);
	bind_opt(st, 9, p->reverses);
	db_bind_text(st, 10, p->key);
	db_bind_text(st, 11, w->digest);
	r = db_step(st);
	db_done(st);
	if (r != DB_DONE)
		return r;
	w->res.tx_id = db_last_id(w->ctx->db);
	return 0;
}

/* The entries, then the cached balances. */
static int
post_entries(struct post *w)
{
	const struct ledger_post *p = w->p;
	struct db_stmt *st;
	size_t i;
	int r;

	for (i = 0; i < p->nlegs; i++) {
		if (p->legs[i].amount == 0)
			continue;
		if ((r = db_stmt(w->ctx->db, "INSERT INTO ledger_entries "
		    "(tx_id, account_id, amount, balance_after) "
		    "VALUES (?, ?, ?, ?)", &st)) != 0)
			return r;
		db_bind_int(st, 1, w->res.tx_id);
		db_bind_int(st, 2, w->acct[i]);
		db_bind_int(st, 3, p->legs[i].amount);
		db_bind_int(st, 4, w->after[i]);
		r = db_step(st);
		db_done(st);
		if (r != DB_DONE)
			return r;
		if (!w->last[i])
			continue;
		if ((r = db_stmt(w->ctx->db, "UPDATE ledger_accounts SET "
		    "balance = ? WHERE id = ?", &st)) != 0)
			return r;
		db_bind_int(st, 1, w->after[i]);
		db_bind_int(st, 2, w->acct[i]);
		r = db_step(st);
		db_done(st);
		if (r != DB_DONE)
			return r;
	}
	return 0;
}

/* Append to an audit detail buffer, truncating. */
static void __attribute__((format(printf, 3, 4)))
cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

static int
post_audit(struct post *w)
{
	const struct ledger_post *p = w->p;
	char detail[3072], amt[MONEY_BUFSZ], id[24], cur[16];
	size_t i;
	int decimals, r;

	/* Only the currency's decimals: one row, not settings_cafe()'s four. */
	if ((r = settings_get(w->ctx->db, "cafe.currency", cur,
	    sizeof cur)) != 0 ||
	    (r = money_currency_decimals(cur, &decimals)) != 0)
		return r;
	detail[0] = '\0';
	if (p->customer_id != 0)
		cat(detail, sizeof detail, "customer=%lld ",
		    (long long)p->customer_id);
	if (p->shift_id != 0)
		cat(detail, sizeof detail, "shift=%lld ",
		    (long long)p->shift_id);
	if (p->reverses != 0)
		cat(detail, sizeof detail, "reverses=%lld ",
		    (long long)p->reverses);
	if (p->approved_by != NULL)
		cat(detail, sizeof detail, "approved_by=%s ", p->approved_by);
	cat(detail, sizeof detail, "legs=");
	for (i = 0; i < p->nlegs; i++) {
		if (p->legs[i].amount == 0)
			continue;
		money_format(amt, sizeof amt, p->legs[i].amount, decimals);
		cat(detail, sizeof detail, "%s%s", i > 0 ? "," : "",
		    ledger_kind_name(p->legs[i].kind));
		if (p->legs[i].ref != 0)
			cat(detail, sizeof detail, "/%lld",
			    (long long)p->legs[i].ref);
		cat(detail, sizeof detail, ":%s%s",
		    p->legs[i].amount > 0 ? "+" : "", amt);
	}
	if (w->memo[0] != '\0')
		cat(detail, sizeof detail, " memo=%s", w->memo);
	if (p->audit_extra != NULL)
		cat(detail, sizeof detail, " %s", p->audit_extra);
	snprintf(id, sizeof id, "%lld", (long long)w->res.tx_id);
	return audit_append(w->ctx, p->op, "ledger_tx", id, detail);
}

/* Each leg's account balance once the tx is written, for the caller. */
static void
post_balances(struct post *w)
{
	const struct ledger_post *p = w->p;
	size_t i, j;

	for (i = 0; i < p->nlegs; i++) {
		if (p->legs[i].amount == 0)
			continue;
		for (j = p->nlegs; j-- > 0;)
			if (p->legs[j].amount != 0 && w->last[j] &&
			    w->acct[j] == w->acct[i])
				break;
		if (j < p->nlegs)	/* always: one leg per account is last */
			w->res.after[i] = w->after[j];
	}
}

static int
post_tx(struct db *db, void *arg)
{
	struct post *w = arg;
	int r;

	(void)db;
	if ((r = post_idem(w)) != 1)
		return r;
	if ((r = post_refs(w)) != 0 || (r = post_plan(w)) != 0 ||
	    (r = post_accounts(w)) != 0 || (r = post_tx_row(w)) != 0 ||
	    (r = post_entries(w)) != 0)
		return r;
	return post_audit(w);
}

int
ledger_post(struct mctx *ctx, const struct ledger_post *p,
    struct ledger_result *res)
{
	struct post *w;
	int r;

	if ((r = post_check(p)) != 0)
		return r;
	w = xcalloc(1, sizeof *w);
	w->ctx = ctx;
	w->p = p;
	str_sanitize(w->memo, sizeof w->memo, p->memo != NULL ? p->memo : "");
	post_digest(w);
	r = db_write(ctx->db, post_tx, w);
	if (r == 0 && res != NULL) {
		if (!w->res.replayed)
			post_balances(w);
		*res = w->res;
	}
	free(w);
	return r;
}

int
ledger_account_id(struct db *db, int kind, int64_t ref, int create,
    int64_t *id)
{
	struct ledger_leg l = { kind, ref, 0 };
	struct db_stmt *st;
	int64_t bal, got;
	int r;

	if (!valid_ref(&l))
		return ERR_INVALID;
	if ((r = acct_load(db, kind, ref, &got, &bal)) != 0)
		return r;
	if (got == 0 && !create)
		return ERR_NOTFOUND;
	if (got == 0) {
		if (!db_in_tx(db))
			return ERR_INTERNAL;
		if ((r = db_stmt(db, "INSERT INTO ledger_accounts (kind, ref, "
		    "nonneg) VALUES (?, ?, ?)", &st)) != 0)
			return r;
		db_bind_text(st, 1, ledger_kind_name(kind));
		db_bind_int(st, 2, ref);
		db_bind_int(st, 3, ledger_kind_nonneg(kind));
		r = db_step(st);
		db_done(st);
		if (r != DB_DONE)
			return r;
		got = db_last_id(db);
	}
	*id = got;
	return 0;
}

int
ledger_balance(struct db *db, int kind, int64_t ref, int64_t *out)
{
	int64_t id;

	if (ledger_kind_name(kind) == NULL)
		return ERR_INVALID;
	return acct_load(db, kind, ref, &id, out);
}

int
ledger_total(struct db *db, int kind, int64_t *out)
{
	struct db_stmt *st;
	int r;

	if (ledger_kind_name(kind) == NULL)
		return ERR_INVALID;
	if ((r = db_stmt(db, "SELECT COALESCE(SUM(balance), 0) FROM "
	    "ledger_accounts WHERE kind = ?", &st)) != 0)
		return r;
	db_bind_text(st, 1, ledger_kind_name(kind));
	if ((r = db_step(st)) == DB_ROW) {
		*out = db_col_int(st, 0);
		r = 0;
	}
	db_done(st);
	return r;
}

int
ledger_key_find(struct db *db, const char *key, int64_t *tx_id)
{
	struct db_stmt *st;
	int r;

	if (key == NULL)
		return ERR_NOTFOUND;
	if ((r = db_stmt(db, "SELECT id FROM ledger_tx WHERE idem_key = ?",
	    &st)) != 0)
		return r;
	db_bind_text(st, 1, key);
	if ((r = db_step(st)) == DB_ROW) {
		*tx_id = db_col_int(st, 0);
		r = 0;
	} else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	return r;
}

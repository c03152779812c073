/*
 * audit.c -- appending to and verifying the hash-chained audit trail.
 */
#include "model/audit.h"

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
#include "model/ctx.h"
#include "model/keys.h"
#include "model/perm.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* The fields of one row, in the order they are hashed. */
struct audit_row {
	int64_t		 id, at, real_at, clock_override, login_id;
	const char	*actor, *source, *action, *entity, *entity_id;
	const char	*detail, *prev_hash;
};

static void
hash_bytes(crypto_generichash_state *st, const void *p, size_t len)
{
	unsigned char lenbuf[8];
	int i;

	for (i = 0; i < 8; i++)
		lenbuf[i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	crypto_generichash_update(st, lenbuf, sizeof lenbuf);
	crypto_generichash_update(st, p, len);
}

static void
hash_int(crypto_generichash_state *st, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld", (long long)v);

	hash_bytes(st, buf, (size_t)n);
}

static void
hash_str(crypto_generichash_state *st, const char *s)
{
	hash_bytes(st, s, strlen(s));
}

/* The keyed hash of a row, as hex. */
static void
audit_row_hash(const unsigned char *key, const struct audit_row *r,
    char out[AUDIT_HASH_HEX])
{
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, key, KEYS_LEN, sizeof h);
	hash_str(&st, "cafed-audit-v1");
	hash_str(&st, r->prev_hash);
	hash_int(&st, r->id);
	hash_int(&st, r->at);
	hash_int(&st, r->real_at);
	hash_int(&st, r->clock_override);
	hash_str(&st, r->actor);
	hash_int(&st, r->login_id);
	hash_str(&st, r->source);
	hash_str(&st, r->action);
	hash_str(&st, r->entity);
	hash_str(&st, r->entity_id);
	hash_str(&st, r->detail);
	crypto_generichash_final(&st, h, sizeof h);
	str_hex(out, h, sizeof h);
}

static int
audit_last(struct db *db, int64_t *id, char hash[AUDIT_HASH_HEX])
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT id, hash FROM audit ORDER BY id DESC "
	    "LIMIT 1", &st)) != 0)
		return r;
	r = db_step(st);
	if (r == DB_ROW) {
		*id = db_col_int(st, 0);
		str_lcpy(hash, db_col_text(st, 1), AUDIT_HASH_HEX);
		r = 0;
	} else if (r == DB_DONE) {
		*id = 0;
		str_lcpy(hash, ZERO_HASH, AUDIT_HASH_HEX);
	}
	db_done(st);
	return r;
}

int
audit_append(struct mctx *ctx, const char *action, const char *entity,
    const char *entity_id, const char *detail)
{
	struct audit_row row;
	struct db_stmt *st;
	char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
	int64_t last;
	int r;

	if (!db_in_tx(ctx->db) || ctx->keys == NULL)
		return ERR_INTERNAL;
	if ((r = audit_last(ctx->db, &last, prev)) != 0)
		return r;
	memset(&row, 0, sizeof row);
	row.id = last + 1;
	row.at = clock_now();
	row.real_at = clock_real();
	row.clock_override = clock_overridden();
	row.actor = ctx->actor.name;
	row.login_id = ctx->actor.login_id;
	row.source = ctx->actor.source;
	row.action = action;
	row.entity = entity != NULL ? entity : "";
	row.entity_id = entity_id != NULL ? entity_id : "";
	row.detail = detail != NULL ? detail : "";
	row.prev_hash = prev;
	audit_row_hash(keys_audit(ctx->keys), &row, hash);
	if ((r = db_stmt(ctx->db, "INSERT INTO audit (id, at, real_at, "
	    "clock_override, actor, login_id, source, action, entity, "
	    "entity_id, detail, prev_hash, hash) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", &st)) != 0)
		return r;
	db_bind_int(st, 1, row.id);
	db_bind_int(st, 2, row.at);
	db_bind_int(st, 3, row.real_at);
	db_bind_int(st, 4, row.clock_override);
	db_bind_text(st, 5, row.actor);
	db_bind_int(st, 6, row.login_id);
	db_bind_text(st, 7, row.source);
	db_bind_text(st, 8, row.action);
	db_bind_text(st, 9, row.entity);
	db_bind_text(st, 10, row.entity_id);
	db_bind_text(st, 11, row.detail);
	db_bind_text(st, 12, row.prev_hash);
	db_bind_text(st, 13, hash);
	r = db_step(st);
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

int
audit_appendf(struct mctx *ctx, const char *action, const char *entity,
    const char *entity_id, const char *fmt, ...)
{
	va_list ap;
	char *detail;
	int r;

	va_start(ap, fmt);
	xvasprintf(&detail, fmt, ap);
	va_end(ap);
	r = audit_append(ctx, action, entity, entity_id, detail);
	free(detail);
	return r;
}

int
audit_head(struct db *db, struct audit_head *head)
{
	return audit_last(db, &head->count, head->hash);
}

char *
audit_head_fmt(const struct audit_head *head, char *buf, size_t size)
{
	snprintf(buf, size, "%lld:%s", (long long)head->count, head->hash);
	return buf;
}

int
audit_head_parse(const char *s, struct audit_head *head)
{
	const char *colon = strchr(s, ':');
	char *end;
	long long n;
	size_t i;

	if (colon == NULL || colon == s)
		return ERR_INVALID;
	n = strtoll(s, &end, 10);
	if (end != colon || n < 0)
		return ERR_INVALID;
	if (strlen(colon + 1) != AUDIT_HASH_HEX - 1)
		return ERR_INVALID;
	for (i = 0; i < AUDIT_HASH_HEX - 1; i++)
		if (strchr("0123456789abcdef", colon[1 + i]) == NULL)
			return ERR_INVALID;
	head->count = n;
	memcpy(head->hash, colon + 1, AUDIT_HASH_HEX);
	return 0;
}

/* Check one row against the chain; fills res on a break. */
static int
verify_row(const struct keys *k, struct db_stmt *st, int64_t expect_id,
    char prev[AUDIT_HASH_HEX], struct audit_verify *res)
{
	struct audit_row row;
	char hash[AUDIT_HASH_HEX];

	row.id = db_col_int(st, 0);
	row.at = db_col_int(st, 1);
	row.real_at = db_col_int(st, 2);
	row.clock_override = db_col_int(st, 3);
	row.actor = db_col_text(st, 4);
	row.login_id = db_col_int(st, 5);
	row.source = db_col_text(st, 6);
	row.action = db_col_text(st, 7);
	row.entity = db_col_text(st, 8);
	row.entity_id = db_col_text(st, 9);
	row.detail = db_col_text(st, 10);
	row.prev_hash = db_col_text(st, 11);
	res->bad_id = row.id;
	if (row.id != expect_id) {
		snprintf(res->why, sizeof res->why,
		    "row %lld is missing", (long long)expect_id);
		res->bad_id = expect_id;
		return ERR_TAMPER;
	}
	if (strcmp(row.prev_hash, prev) != 0) {
		snprintf(res->why, sizeof res->why,
		    "row %lld does not follow the row before it",
		    (long long)row.id);
		return ERR_TAMPER;
	}
	audit_row_hash(keys_audit(k), &row, hash);
	if (strcmp(hash, db_col_text(st, 12)) != 0) {
		snprintf(res->why, sizeof res->why,
		    "row %lld was altered (hash mismatch)", (long long)row.id);
		return ERR_TAMPER;
	}
	memcpy(prev, hash, AUDIT_HASH_HEX);
	res->bad_id = 0;
	return 0;
}

struct verify_arg {
	const struct keys		*keys;
	const struct audit_head		*expect;
	struct audit_verify		*res;
	void				(*progress)(int64_t, void *);
	void				*parg;
};

static int
verify_tx(struct db *db, void *argp)
{
	struct verify_arg *a = argp;
	struct audit_verify *res = a->res;
	struct db_stmt *st;
	char prev[AUDIT_HASH_HEX] = ZERO_HASH;
	int matched = 0, r;

	if ((r = db_stmt(db, "SELECT id, at, real_at, clock_override, actor, "
	    "login_id, source, action, entity, entity_id, detail, prev_hash, "
	    "hash FROM audit ORDER BY id", &st)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW) {
		if ((r = verify_row(a->keys, st, res->rows + 1, prev, res)) != 0)
			break;
		res->rows++;
		if (a->expect != NULL && res->rows == a->expect->count)
			matched = strcmp(prev, a->expect->hash) == 0 ? 1 : -1;
		if (a->progress != NULL && res->rows % 4096 == 0)
			a->progress(res->rows, a->parg);
	}
	db_done(st);
	memcpy(res->hash, prev, AUDIT_HASH_HEX);
	if (r != DB_DONE)
		return r;
	if (a->expect != NULL && a->expect->count > 0 && matched != 1) {
		res->bad_id = a->expect->count;
		if (matched == 0)
			snprintf(res->why, sizeof res->why,
			    "only %lld rows: rows were cut off the end "
			    "(head %lld expected)", (long long)res->rows,
			    (long long)a->expect->count);
		else
			snprintf(res->why, sizeof res->why,
			    "row %lld does not match the given head",
			    (long long)a->expect->count);
		return ERR_TAMPER;
	}
	return 0;
}

int
audit_verify(struct db *db, const struct keys *k,
    const struct audit_head *expect, struct audit_verify *res,
    void (*progress)(int64_t, void *), void *parg)
{
	struct verify_arg a = { k, expect, res, progress, parg };

	memset(res, 0, sizeof *res);
	return db_read(db, verify_tx, &a);
}

char *
audit_mask(const char *value, char *buf, size_t size)
{
	size_t len = strlen(value), i;

	if (size == 0)
		return buf;
	if (len <= 5 || len + 1 > size) {
		str_lcpy(buf, "***", size);
		return buf;
	}
	for (i = 0; i < len; i++)
		buf[i] = (i < 2 || i >= len - 2) ? value[i] : '*';
	buf[len] = '\0';
	return buf;
}


/*
 * customer.c -- customers: validation, sealed contact data with blind
 * indexes, search, disabling.
 */
#include "model/customer.h"

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
#include "model/keys.h"
#include "model/perm.h"

int
customer_phone_normalize(const char *in, char out[CUSTOMER_PHONE_MAX + 1])
{
	size_t n = 0, digits = 0;
	const char *p;

	for (p = in; *p == ' '; p++)
		;
	if (*p == '+')
		out[n++] = *p++;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits > 15)
				return ERR_INVALID;
			out[n++] = *p;
		} else if (strchr(" .-/()", *p) == NULL)
			return ERR_INVALID;
	}
	if (digits < 5)
		return ERR_INVALID;
	out[n] = '\0';
	return 0;
}

int
customer_email_normalize(const char *in, char *out)
{
	char buf[CUSTOMER_EMAIL_MAX + 3], *at;
	size_t len;

	if (strlen(in) > CUSTOMER_EMAIL_MAX + 1)
		return ERR_INVALID;
	str_lcpy(buf, in, sizeof buf);
	str_lower(str_trim(buf));
	len = strlen(buf);
	if (len == 0 || len > CUSTOMER_EMAIL_MAX || str_has_control(buf) ||
	    strchr(buf, ' ') != NULL || (at = strchr(buf, '@')) == NULL ||
	    at == buf || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return ERR_INVALID;
	memcpy(out, buf, len + 1);
	return 0;
}

/* A card number: 1..32 of [A-Za-z0-9._-]. */
static int
valid_card(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && len <= CUSTOMER_CARD_MAX &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == len;
}

/* The checked and normalized fields of a new customer. */
struct cust_fields {
	char	name[CUSTOMER_NAME_MAX + 1];
	char	fold[CUSTOMER_NAME_MAX + 1];
	char	phone[CUSTOMER_PHONE_MAX + 1];
	char	email[CUSTOMER_EMAIL_MAX + 1];
	const char *card;
};

static int
is_set(const char *s)
{
	return s != NULL && *s != '\0';
}

static int
cust_validate(const struct customer_new *cn, struct cust_fields *f,
    const char **why)
{
	char buf[CUSTOMER_NAME_MAX * 2];

	memset(f, 0, sizeof *f);
	if (cn->name == NULL || strlen(cn->name) >= sizeof buf ||
	    str_has_control(cn->name)) {
		*why = "a name has 1 to 64 bytes and no control characters";
		return ERR_INVALID;
	}
	str_lcpy(buf, cn->name, sizeof buf);
	str_trim(buf);
	if (*buf == '\0' || strlen(buf) > CUSTOMER_NAME_MAX) {
		*why = "a name has 1 to 64 bytes and no control characters";
		return ERR_INVALID;
	}
	str_lcpy(f->name, buf, sizeof f->name);
	str_lcpy(f->fold, buf, sizeof f->fold);
	str_lower(f->fold);
	if (is_set(cn->phone) &&
	    customer_phone_normalize(cn->phone, f->phone) != 0) {
		*why = "a phone number has 5 to 15 digits, perhaps a leading "
		    "'+', spaces, dashes, dots or parentheses";
		return ERR_INVALID;
	}
	if (is_set(cn->email) &&
	    customer_email_normalize(cn->email, f->email) != 0) {
		*why = "not an e-mail address";
		return ERR_INVALID;
	}
	if (is_set(cn->card) && !valid_card(cn->card)) {
		*why = "a card number has 1 to 32 of A-Z, a-z, 0-9, '.', '_', "
		    "'-'";
		return ERR_INVALID;
	}
	f->card = is_set(cn->card) ? cn->card : NULL;
	return 0;
}

/* A value sealed for a column, with its blind index; NULLs when empty. */
struct sealed {
	unsigned char	*blob;
	size_t		 len;
	char		 buf[65];
	const char	*blind;
};

static void
seal_field(struct mctx *ctx, const char *domain, const char *value,
    struct sealed *s)
{
	memset(s, 0, sizeof *s);
	if (*value == '\0')
		return;
	keys_seal(ctx->keys, value, strlen(value), &s->blob, &s->len);
	keys_blind(ctx->keys, domain, value, s->buf);
	s->blind = s->buf;
}

struct add_arg {
	struct mctx		*ctx;
	struct cust_fields	*f;
	int64_t			 id;
};

static int
add_tx(struct db *db, void *arg)
{
	struct add_arg *a = arg;
	struct cust_fields *f = a->f;
	char id[24], m1[CUSTOMER_NAME_MAX + 1], m2[CUSTOMER_PHONE_MAX + 1],
	    m3[CUSTOMER_EMAIL_MAX + 1];
	struct sealed ph, em;
	int r;

	seal_field(a->ctx, "phone", f->phone, &ph);
	seal_field(a->ctx, "email", f->email, &em);
	r = db_row_id(db, &a->id, "INSERT INTO customers (name, name_fold, "
	    "card, phone_sealed, phone_blind, email_sealed, email_blind, "
	    "key_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)", "tttbtbtti",
	    f->name, f->fold, f->card, ph.blob, ph.len, ph.blind, em.blob,
	    em.len, em.blind, keys_id(a->ctx->keys), clock_now());
	free(ph.blob);
	free(em.blob);
	if (r != 0)
		return r;
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	return audit_appendf(a->ctx, "customer.add", "customer", id,
	    "name=%s card=%s phone=%s email=%s",
	    audit_mask(f->name, m1, sizeof m1),
	    f->card != NULL ? f->card : "-",
	    *f->phone != '\0' ? audit_mask(f->phone, m2, sizeof m2) : "-",
	    *f->email != '\0' ? audit_mask(f->email, m3, sizeof m3) : "-");
}

int
customer_add(struct mctx *ctx, const struct customer_new *cn, int64_t *id,
    const char **why)
{
	struct cust_fields f;
	struct add_arg a;
	const char *dummy;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_CUSTOMER_MANAGE, "customer.add",
	    "customer", "")) != 0)
		return r;
	if ((r = cust_validate(cn, &f, why)) != 0)
		return r;
	a.ctx = ctx;
	a.f = &f;
	a.id = 0;
	if ((r = db_write(ctx->db, add_tx, &a)) == ERR_EXISTS)
		*why = "that card number belongs to another customer";
	if (r == 0 && id != NULL)
		*id = a.id;
	return r;
}

#define CUST_COLS	"id, name, card, disabled, created_at, " \
	"phone_sealed, email_sealed"

static void
cust_row(struct db_stmt *st, void *out)
{
	struct customer_info *c = out;

	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	str_lcpy(c->name, db_col_text(st, 1), sizeof c->name);
	str_lcpy(c->card, db_col_text(st, 2), sizeof c->card);
	c->disabled = (int)db_col_int(st, 3);
	c->created_at = db_col_int(st, 4);
}

/* Open sealed column col into out (size bytes); "" when NULL. */
static int
open_col(struct mctx *ctx, struct db_stmt *st, int col, char *out,
    size_t size)
{
	const void *blob;
	unsigned char *plain;
	size_t len, plen;
	int r;

	*out = '\0';
	if (db_col_is_null(st, col))
		return 0;
	blob = db_col_blob(st, col, &len);
	if ((r = keys_open(ctx->keys, blob, len, &plain, &plen)) != 0)
		return r;
	str_lcpy(out, (const char *)plain, size);
	free(plain);
	return 0;
}

int
customer_get(struct mctx *ctx, int64_t id, struct customer_info *c)
{
	struct customer_info tmp;
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(ctx->db, "SELECT " CUST_COLS " FROM customers "
	    "WHERE id = ?", &st)) != 0)
		return r;
	db_bind_int(st, 1, id);
	if ((r = db_step(st)) == DB_ROW) {
		cust_row(st, &tmp);
		r = 0;
		if (perm_has(ctx, PERM_CUSTOMER_MANAGE) &&
		    ((r = open_col(ctx, st, 5, tmp.phone,
		    sizeof tmp.phone)) != 0 ||
		    (r = open_col(ctx, st, 6, tmp.email,
		    sizeof tmp.email)) != 0))
			r = ERR_KEY;
	} else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	if (r == 0)
		*c = tmp;
	return r;
}

int
customer_resolve(struct db *db, const char *s, int64_t *id)
{
	long long n;
	char *end;

	if (strncmp(s, "id:", 3) == 0) {
		if (s[3] < '1' || s[3] > '9')
			return ERR_NOTFOUND;
		n = strtoll(s + 3, &end, 10);
		if (*end != '\0' || n <= 0)
			return ERR_NOTFOUND;
		return db_row_int(db, id, "SELECT id FROM customers "
		    "WHERE id = ?", "i", (int64_t)n);
	}
	return db_row_int(db, id, "SELECT id FROM customers WHERE card = ?",
	    "t", s);
}

/* "text%" for LIKE, with its wildcards escaped, lower case. */
static char *
like_prefix(const char *text)
{
	char *out = xmalloc(strlen(text) * 2 + 2), *o = out;

	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = (*text >= 'A' && *text <= 'Z') ?
		    (char)(*text - 'A' + 'a') : *text;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

/* The blind index of text as a domain value, or NULL when it is none. */
static const char *
search_blind(struct mctx *ctx, const char *domain, const char *text,
    char blind[65])
{
	char norm[CUSTOMER_EMAIL_MAX + 1];
	int r;

	if (strcmp(domain, "phone") == 0)
		r = customer_phone_normalize(text, norm);
	else
		r = customer_email_normalize(text, norm);
	if (r != 0)
		return NULL;
	keys_blind(ctx->keys, domain, norm, blind);
	return blind;
}

int
customer_search(struct mctx *ctx, const char *text, int limit,
    struct customer_info **out, size_t *n)
{
	char pb[65], eb[65], *like;
	int r;

	if (limit < 1 || limit > 1000)
		return ERR_INVALID;
	if (text == NULL)
		text = "";
	like = like_prefix(text);
	r = db_row_list(ctx->db, sizeof **out, cust_row, out, n, "SELECT "
	    CUST_COLS " FROM customers WHERE name_fold LIKE ? ESCAPE '\\' "
	    "OR card = ? OR phone_blind = ? OR email_blind = ? "
	    "ORDER BY name_fold, id LIMIT ?", "tttti", like, text,
	    search_blind(ctx, "phone", text, pb),
	    search_blind(ctx, "email", text, eb), (int64_t)limit);
	free(like);
	return r;
}

struct dis_arg {
	struct mctx	*ctx;
	int64_t		 id;
	int		 disabled;
};

static int
disable_tx(struct db *db, void *arg)
{
	struct dis_arg *a = arg;
	char id[24];
	int r;

	if ((r = db_row_none(db, "UPDATE customers SET disabled = ? "
	    "WHERE id = ?", "ii", (int64_t)a->disabled, a->id)) < 0)
		return r;
	if (r == 0)
		return ERR_NOTFOUND;
	snprintf(id, sizeof id, "%lld", (long long)a->id);
	return audit_append(a->ctx, a->disabled ? "customer.disable" :
	    "customer.enable", "customer", id, "");
}

int
customer_set_disabled(struct mctx *ctx, int64_t id, int disabled)
{
	struct dis_arg a = { ctx, id, disabled ? 1 : 0 };
	char ids[24];
	int r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((r = perm_require(ctx, PERM_CUSTOMER_MANAGE, disabled ?
	    "customer.disable" : "customer.enable", "customer", ids)) != 0)
		return r;
	return db_write(ctx->db, disable_tx, &a);
}

int
customer_is_disabled(struct db *db, int64_t id)
{
	int64_t disabled;
	int r;

	if ((r = db_row_int(db, &disabled, "SELECT disabled FROM customers "
	    "WHERE id = ?", "i", id)) != 0)
		return r;
	return disabled != 0;
}

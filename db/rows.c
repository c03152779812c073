/*
 * rows.c -- one-call helpers for the statements model/ runs most: prepare,
 * bind from a format, step, copy out, reset.
 */
#include "db/rows.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"

/* Bind the parameters fmt describes from ap, 1-based in order. */
static void
rows_bind(struct db_stmt *st, const char *fmt, va_list ap)
{
	const void *p;
	int64_t v;
	size_t len;
	int idx;

	for (idx = 1; fmt != NULL && *fmt != '\0'; fmt++, idx++) {
		switch (*fmt) {
		case 'i':
			db_bind_int(st, idx, va_arg(ap, int64_t));
			break;
		case 'o':
			if ((v = va_arg(ap, int64_t)) != 0)
				db_bind_int(st, idx, v);
			else
				db_bind_null(st, idx);
			break;
		case 't':
			db_bind_text(st, idx, va_arg(ap, const char *));
			break;
		case 'b':
			p = va_arg(ap, const void *);
			len = va_arg(ap, size_t);
			db_bind_blob(st, idx, p, len);
			break;
		case 'n':
			db_bind_null(st, idx);
			break;
		default:
			abort();	/* a format typo is a bug */
		}
	}
}

/* Prepare sql and bind from ap. */
static int
rows_vprepare(struct db *db, struct db_stmt **out, const char *sql,
    const char *fmt, va_list ap)
{
	int r;

	if ((r = db_stmt(db, sql, out)) != 0)
		return r;
	rows_bind(*out, fmt, ap);
	return 0;
}

int
db_row_prepare(struct db *db, struct db_stmt **out, const char *sql,
    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vprepare(db, out, sql, fmt, ap);
	va_end(ap);
	return r;
}

/*
 * Prepare, bind from ap and step once: the row through fn into out,
 * DB_DONE as ERR_NOTFOUND. Resets the statement.
 */
static int
rows_vone(struct db *db, db_row_fn fn, void *out, const char *sql,
    const char *fmt, va_list ap)
{
	struct db_stmt *st;
	int r;

	if ((r = rows_vprepare(db, &st, sql, fmt, ap)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW) {
		fn(st, out);
		r = 0;
	} else if (r == DB_DONE)
		r = ERR_NOTFOUND;
	db_done(st);
	return r;
}

/* Prepare, bind from ap and visit every row; resets the statement. */
static int
rows_vwalk(struct db *db, db_row_visit_fn fn, void *arg, const char *sql,
    const char *fmt, va_list ap)
{
	struct db_stmt *st;
	int r;

	if ((r = rows_vprepare(db, &st, sql, fmt, ap)) != 0)
		return r;
	while ((r = db_step(st)) == DB_ROW)
		if ((r = fn(st, arg)) < 0)
			break;
	db_done(st);
	return r == DB_DONE ? 0 : r;
}

/* Prepare, bind from ap and step once, expecting no row: 0 or a code. */
static int
rows_vexec(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_stmt *st;
	int r;

	if ((r = rows_vprepare(db, &st, sql, fmt, ap)) != 0)
		return r;
	r = db_step(st);
	db_done(st);
	return r < 0 ? r : 0;
}

int
db_row_one(struct db *db, db_row_fn fn, void *out, const char *sql,
    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vone(db, fn, out, sql, fmt, ap);
	va_end(ap);
	return r;
}

void
db_row_int0(struct db_stmt *st, void *out)
{
	*(int64_t *)out = db_col_int(st, 0);
}

int
db_row_int(struct db *db, int64_t *out, const char *sql, const char *fmt,
    ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vone(db, db_row_int0, out, sql, fmt, ap);
	va_end(ap);
	return r;
}

struct rows_ints {
	int64_t	*v;
	int	 n;
};

static void
rows_ints(struct db_stmt *st, void *out)
{
	struct rows_ints *a = out;
	int i;

	for (i = 0; i < a->n; i++)
		a->v[i] = db_col_int(st, i);
}

int
db_row_ints(struct db *db, int64_t *out, int n, const char *sql,
    const char *fmt, ...)
{
	struct rows_ints a = { out, n };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vone(db, rows_ints, &a, sql, fmt, ap);
	va_end(ap);
	return r;
}

static void
rows_text(struct db_stmt *st, void *out)
{
	*(char **)out = xstrdup(db_col_text(st, 0));
}

int
db_row_text(struct db *db, char **out, const char *sql, const char *fmt,
    ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vone(db, rows_text, out, sql, fmt, ap);
	va_end(ap);
	return r;
}

int
db_row_all(struct db *db, db_row_visit_fn fn, void *arg, const char *sql,
    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vwalk(db, fn, arg, sql, fmt, ap);
	va_end(ap);
	return r;
}

struct rows_vec {
	char		*v;
	size_t		 size, len, cap;
	db_row_fn	 fn;
};

static int
rows_push(struct db_stmt *st, void *arg)
{
	struct rows_vec *a = arg;

	if (a->len == a->cap) {
		a->cap = a->cap == 0 ? 16 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, a->size);
	}
	a->fn(st, a->v + a->len++ * a->size);
	return 0;
}

int
db_row_list(struct db *db, size_t size, db_row_fn fn, void *outp,
    size_t *n, const char *sql, const char *fmt, ...)
{
	struct rows_vec a = { NULL, size, 0, 0, fn };
	va_list ap;
	void *v;
	int r;

	va_start(ap, fmt);
	r = rows_vwalk(db, rows_push, &a, sql, fmt, ap);
	va_end(ap);
	if (r != 0) {
		free(a.v);
		return r;
	}
	v = a.v;
	memcpy(outp, &v, sizeof v);
	*n = a.len;
	return 0;
}

int
db_row_none(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vexec(db, sql, fmt, ap);
	va_end(ap);
	return r < 0 ? r : db_changes(db);
}

int
db_row_id(struct db *db, int64_t *id, const char *sql, const char *fmt,
    ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rows_vexec(db, sql, fmt, ap);
	va_end(ap);
	if (r == 0)
		*id = db_last_id(db);
	return r;
}

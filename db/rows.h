/*
 * rows.h -- one-call helpers over db_stmt() for the shapes model/ runs
 * again and again: one row, every row, one number, an insert's id, a
 * statement that returns nothing.
 *
 * Parameters are bound from a format, one letter a parameter, in order:
 *   'i'  an int64_t (cast other integers: the argument is read as int64_t)
 *   'o'  an int64_t, bound as NULL when 0 (an optional reference)
 *   't'  a const char *, NULL binds NULL
 *   'b'  a const void * and a size_t length, NULL binds NULL
 *   'n'  NULL (takes no argument)
 * A NULL or "" format binds nothing. Every statement is reset with
 * db_done() on every path.
 */
#ifndef CAFED_DB_ROWS_H
#define CAFED_DB_ROWS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

/* Copy the current row of a statement into the object at out. */
typedef void	(*db_row_fn)(struct db_stmt *, void *out);

/* A db_row_fn copying column 0 into the int64_t at out. */
void	db_row_int0(struct db_stmt *, void *out);

/* Visit one row; a negative return stops the walk with that code. */
typedef int	(*db_row_visit_fn)(struct db_stmt *, void *arg);

/*
 * Prepare sql and bind fmt's parameters; the caller steps and calls
 * db_done(). Returns 0 or ERR_DB (nothing to release then).
 */
int	db_row_prepare(struct db *, struct db_stmt **out, const char *sql,
	    const char *fmt, ...);

/*
 * Run a query expected to give one row and copy it with fn into out.
 * Returns 0, ERR_NOTFOUND when there is no row, or another code.
 */
int	db_row_one(struct db *, db_row_fn fn, void *out, const char *sql,
	    const char *fmt, ...);

/*
 * The first column of the first row as an integer into *out. Returns 0,
 * ERR_NOTFOUND when there is no row (*out untouched), or another code.
 */
int	db_row_int(struct db *, int64_t *out, const char *sql,
	    const char *fmt, ...);

/*
 * The first n columns of the first row as integers into out[0..n-1].
 * Returns 0, ERR_NOTFOUND when there is no row (out untouched), or
 * another code.
 */
int	db_row_ints(struct db *, int64_t *out, int n, const char *sql,
	    const char *fmt, ...);

/*
 * The first column of the first row as a new string into *out (the
 * caller frees). Returns 0, ERR_NOTFOUND when there is no row, or
 * another code.
 */
int	db_row_text(struct db *, char **out, const char *sql,
	    const char *fmt, ...);

/* Call fn(st, arg) for every row. Returns 0, fn's code or the engine's. */
int	db_row_all(struct db *, db_row_visit_fn fn, void *arg,
	    const char *sql, const char *fmt, ...);

/*
 * Every row into a new array of elements of size bytes, each filled by
 * fn. On success *(T **)outp is set (NULL when empty; the caller frees)
 * and *n the count; on failure neither is touched.
 */
int	db_row_list(struct db *, size_t size, db_row_fn fn, void *outp,
	    size_t *n, const char *sql, const char *fmt, ...);

/*
 * Run a statement that returns no row (INSERT, UPDATE, DELETE). Returns
 * the number of rows it changed (0 or more), or a negative code
 * (ERR_EXISTS on a UNIQUE conflict).
 */
int	db_row_none(struct db *, const char *sql, const char *fmt, ...);

/*
 * Run an INSERT and set *id to the new row's id. Returns 0 or a code
 * (ERR_EXISTS on a UNIQUE conflict; *id untouched then).
 */
int	db_row_id(struct db *, int64_t *id, const char *sql,
	    const char *fmt, ...);

#endif

/*
 * fixture.h -- a fresh cafed database for a test: all migrations applied
 * from zero, a random key, the café initialised (EUR, UTC), and an
 * administrator acting as "cli:test".
 */
#ifndef CAFED_FIXTURE_H
#define CAFED_FIXTURE_H

#include <stdint.h>

#include "model/ctx.h"

struct fixture {
	char		*dir;		/* temporary directory (file-backed) */
	char		*db_path;
	char		*key_path;
	struct db	*db;
	struct keys	*keys;
	struct mctx	 ctx;
};

/* In memory (file == 0) or in a temporary directory (file == 1). */
void	fixture_open(struct fixture *, int file);
void	fixture_close(struct fixture *);

/* Act as user id/name with role from now on. */
void	fixture_act(struct fixture *, int64_t id, const char *name, int role);

/* Create a user with a valid password; returns the id (asserts). */
int64_t	fixture_user(struct fixture *, const char *name, int role);

/* Create a user (as fixture_user()) and act as them; returns the id. */
int64_t	fixture_as(struct fixture *, const char *name, int role);

/* The number of audit rows with this action. */
int64_t	fixture_audit_count(struct fixture *, const char *action);

/* A customer named name; returns the id (asserts). */
int64_t	fixture_customer(struct fixture *, const char *name);

/*
 * Credit amount to the wallet of customer id from an account of kind
 * from (LEDGER_CARD, LEDGER_ADJUST ...) as operation op; the transaction
 * names the customer when tag is set (asserts).
 */
void	fixture_credit(struct fixture *, int64_t id, int from, const char *op,
	    int tag, int64_t amount);

/* A customer with credit in the wallet (a card top-up when not 0). */
int64_t	fixture_member(struct fixture *, const char *name, int64_t credit);

/* A new cashier's open shift, with no float; returns the shift id. */
int64_t	fixture_shift(struct fixture *, const char *cashier);

/*
 * A product with stock units received; its category cat (set to tax
 * rate bp first) or the default one when cat is NULL. Returns the id.
 */
int64_t	fixture_product(struct fixture *, const char *sku, const char *name,
	    int64_t price, int64_t stock, const char *cat, int bp);

/* The balance of ledger account kind/ref (asserts). */
int64_t	fixture_balance(struct fixture *, int kind, int64_t ref);

/* The single integer a query without parameters gives (asserts). */
int64_t	fixture_count(struct fixture *, const char *sql);

/* Run SQL built from fmt (no user data: tests only; asserts). */
void	fixture_sql(struct fixture *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * The floor most seat tests use: zones Standard (3.00/h, guests at
 * guest_price, -1 for the member price) and VIP (6.00/h), stations
 * PC-01, PC-02 (Standard) and VIP-01.
 */
void	fixture_floor(struct fixture *, int64_t guest_price);

/* A password that passes the policy for any user name in the tests. */
#define FIXTURE_PASSWORD	"Correct-Horse-Battery-42"

#endif

/*
 * shift.h -- cashier shifts and their cash drawers.
 *
 * A cashier opens a shift with the opening float (counted by
 * denomination or as one amount); the float moves from the safe into
 * the shift's drawer account (LEDGER_DRAWER, ref = shift id). Every
 * cash movement of that cashier goes through that drawer while the
 * shift is open; a closed shift's drawer takes nothing more (the ledger
 * refuses with ERR_NOSHIFT). Paid-in and paid-out move cash with a
 * reason. Closing is a blind count: the counted cash is given before the
 * expected amount is shown; expected, counted and variance are recorded,
 * the variance booked to cash.overshort and the counted cash back to the
 * safe, leaving the drawer at zero. A shift is closed once. A shift
 * outlives its cashier's login (the drawer is physical); a holder of
 * shift.manage may close anyone's shift (a forced close).
 *
 * Who may do what: a shift of one's own with shift.operate; another
 * user's with shift.manage. Seeing the expected cash of an open drawer
 * needs shift.manage (blind count).
 */
#ifndef CAFED_SHIFT_H
#define CAFED_SHIFT_H

#include <stddef.h>
#include <stdint.h>

#include "model/audit.h"
#include "model/ledger.h"

struct db;
struct mctx;

#define SHIFT_DETAIL_MAX	200	/* bytes of a denomination count */
#define SHIFT_DENOMS_MAX	24

struct shift_info {
	int64_t	id;
	int64_t	user_id;		/* the cashier */
	char	user[33];		/* the cashier's name */
	int64_t	opened_at;
	char	opened_by[LEDGER_NAME_MAX];
	int64_t	float_amount;
	char	float_detail[SHIFT_DETAIL_MAX + 1];	/* "" or "50x2 20x3" */
	int	open;			/* 1 while open */
	/* The rest is set once closed (else 0 or ""). */
	int64_t	closed_at;
	char	closed_by[LEDGER_NAME_MAX];
	int	forced;			/* closed by someone else */
	int64_t	expected, counted, variance;	/* variance = counted -
						   expected */
	char	counted_detail[SHIFT_DETAIL_MAX + 1];
	int64_t	liability;		/* all wallets at close */
	char	audit_head[AUDIT_HASH_HEX + 24];	/* "N:HASH" at close */
};

/* A count of cash by denomination: count pieces of value minor units. */
struct shift_denom {
	int64_t	value;
	int64_t	count;
};

/*
 * Total a count by denomination and describe it ("50.00x2 20.00x3",
 * amounts in the currency's decimals) into detail (size bytes). Returns
 * 0, ERR_INVALID (no entries, more than SHIFT_DENOMS_MAX, a value <= 0
 * or a count < 0) or ERR_RANGE (total over MONEY_MAX).
 */
int	shift_count_total(const struct shift_denom *, size_t n, int decimals,
	    int64_t *total, char *detail, size_t size);

/*
 * Open a shift for staff user user_id with float_amount (>= 0) in the
 * drawer, taken from the safe; float_detail (may be NULL) is the count
 * by denomination from shift_count_total(). Audited ("shift.open", and
 * the float's ledger tx "shift.float"). Returns 0 with *shift_id set,
 * or ERR_DENIED, ERR_NOTFOUND (no such user), ERR_DISABLED (the account
 * is disabled), ERR_INVALID (the user's role holds no shift.operate, or
 * a bad amount), ERR_STATE (that user has an open shift already).
 */
int	shift_open(struct mctx *, int64_t user_id, int64_t float_amount,
	    const char *float_detail, int64_t *shift_id);

/* The open shift of user_id. Returns 0 or ERR_NOSHIFT. */
int	shift_current(struct db *, int64_t user_id, int64_t *shift_id);

/* Load shift id. Returns 0 or ERR_NOTFOUND. */
int	shift_get(struct db *, int64_t id, struct shift_info *);

/*
 * Shifts, newest first: only the open ones with open_only, else the
 * last limit (1..10000). *out is an array of *n, freed with free().
 */
int	shift_list(struct db *, int open_only, int limit,
	    struct shift_info **out, size_t *n);

/*
 * Check that the actor may move cash through the drawer of shift id:
 * it exists (ERR_NOTFOUND), is open (ERR_NOSHIFT), and is the actor's
 * own or the actor holds shift.manage (else ERR_DENIED, audited as a
 * denied `action`). Call it before opening the write transaction.
 */
int	shift_check_use(struct mctx *, int64_t id, const char *action);

/*
 * The cash the drawer of open shift id should hold now (shift.manage:
 * a cashier never sees their own before closing). Returns 0, ERR_DENIED
 * (audited), ERR_NOTFOUND or ERR_NOSHIFT (closed: see shift_get).
 */
int	shift_expected(struct mctx *, int64_t id, int64_t *out);

/*
 * Paid-in (amount > 0) or paid-out (amount < 0) of cash with a reason
 * (required, 1..200 bytes), through the drawer of shift id, under the
 * idempotency key (see ledger.h). shift.operate and shift_check_use().
 * Returns 0 with *res set (may be NULL), ERR_DENIED, ERR_NOTFOUND,
 * ERR_NOSHIFT, ERR_INVALID (no reason, zero amount, no key),
 * ERR_RANGE, ERR_INSUFFICIENT (a paid-out larger than the drawer
 * holds), ERR_CONFLICT.
 */
int	shift_paid(struct mctx *, int64_t id, int64_t amount,
	    const char *reason, const char *key, struct ledger_result *res);

struct shift_close_result {
	int64_t	expected, counted, variance;
};

/*
 * Close shift id with the blind count `counted` (>= 0; counted_detail
 * may be NULL). Own shift with shift.operate; another's with
 * shift.manage (recorded as forced). In one transaction: the variance to
 * cash.overshort, the counted cash to the safe, the shift row with
 * expected, counted, variance, the wallet liability and the audit chain
 * head at close. Returns 0 with *out set (may be NULL), ERR_DENIED,
 * ERR_NOTFOUND, ERR_STATE (closed already), ERR_RANGE.
 */
int	shift_close(struct mctx *, int64_t id, int64_t counted,
	    const char *counted_detail, struct shift_close_result *out);

#endif

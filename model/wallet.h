/*
 * wallet.h -- customers' prepaid wallets: top-up, charge, refund,
 * adjustment, transfer, balance and history.
 *
 * Each operation is one write transaction holding its ledger entries,
 * the cached balances and its audit row (through ledger_post), under an
 * idempotency key the caller makes when the form opens (ledger_new_key)
 * so a doubled Enter or a retry applies once: the same key with the same
 * content returns the first result (res->replayed = 1), with other
 * content ERR_CONFLICT. A wallet never goes below zero (ERR_INSUFFICIENT,
 * nothing written).
 *
 * Cash goes through the drawer of an open shift (shift_id), which must
 * be the actor's own unless they hold shift.manage; card payments are
 * booked to the card-clearing account (shift_id then only says which
 * Z-report lists them, and may be 0).
 *
 * Two-person rule: a refund or an adjustment whose amount is above the
 * setting approval.threshold, or by someone without wallet.approve, is
 * not executed: a pending approval request is recorded instead and
 * ERR_NEEDS_APPROVAL returned with res->approval_id set. Calling again
 * with the same key answers from that request: ERR_NEEDS_APPROVAL while
 * it waits, ERR_DENIED once rejected or cancelled (res->approval_id
 * still names the request), and 0 with the executed tx (replayed = 1)
 * once approved. See approval.h.
 */
#ifndef CAFED_WALLET_H
#define CAFED_WALLET_H

#include <stddef.h>
#include <stdint.h>

#include "model/ledger.h"

struct db;
struct mctx;
struct approval_info;

enum wallet_method {
	WALLET_CASH,		/* through the drawer of op->shift_id */
	WALLET_CARD		/* card terminal: the card-clearing account */
};

/* One wallet operation; fill what the call needs, zero the rest. */
struct wallet_op {
	int64_t		 customer_id;
	int64_t		 amount;	/* > 0; adjust: signed, != 0 */
	int		 method;	/* topup, refund: enum wallet_method */
	int64_t		 shift_id;	/* cash: the open shift */
	const char	*reason;	/* refund, adjust: required (1..200
					   bytes); else an optional memo */
	const char	*key;		/* idempotency key: required */
	int64_t		 to_customer;	/* transfer: the receiving wallet */
	int		 revenue;	/* charge: LEDGER_REV_SEATS, _SHOP or
					   _OTHER; 0 means LEDGER_REV_OTHER */
};

struct wallet_result {
	int64_t	tx_id;		/* the ledger tx (0 when none) */
	int	replayed;	/* the key was used before: nothing new */
	int64_t	balance;	/* the wallet's balance after */
	int64_t	debt_settled;	/* topup: the part that paid off debt */
	int64_t	approval_id;	/* ERR_NEEDS_APPROVAL: the request */
};

/*
 * Top up: cash into the drawer (or card to card clearing), credit to the
 * wallet; an outstanding debt (LEDGER_RECEIVABLE of the customer) is
 * settled first from the amount. wallet.topup. Returns 0 with *res set
 * (may be NULL), ERR_DENIED, ERR_NOTFOUND (customer or shift),
 * ERR_DISABLED (customer disabled), ERR_NOSHIFT (cash without an open
 * shift: shift_id 0 or closed), ERR_INVALID (amount <= 0, no key, bad
 * method), ERR_RANGE, ERR_CONFLICT.
 */
int	wallet_topup(struct mctx *, const struct wallet_op *,
	    struct wallet_result *res);

/*
 * Charge the wallet for something sold (wallet to revenue).
 * wallet.charge. Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_DISABLED,
 * ERR_INVALID, ERR_RANGE, ERR_INSUFFICIENT, ERR_CONFLICT.
 */
int	wallet_charge(struct mctx *, const struct wallet_op *,
	    struct wallet_result *res);

/*
 * Pay wallet credit back to the customer: out of the wallet and out of
 * the drawer (cash; the shift open now) or back to the card. Needs
 * wallet.refund and a reason; two-person rule (see above). Returns 0,
 * ERR_NEEDS_APPROVAL (res->approval_id), ERR_DENIED, ERR_NOTFOUND,
 * ERR_NOSHIFT, ERR_INVALID, ERR_RANGE, ERR_INSUFFICIENT (wallet or
 * drawer), ERR_CONFLICT.
 */
int	wallet_refund(struct mctx *, const struct wallet_op *,
	    struct wallet_result *res);

/*
 * Correct a wallet by a signed amount against the adjustments account
 * (a goodwill credit, a correction). Needs wallet.adjust and a reason;
 * two-person rule on |amount|. Returns like wallet_refund().
 */
int	wallet_adjust(struct mctx *, const struct wallet_op *,
	    struct wallet_result *res);

/*
 * Move credit from customer_id's wallet to to_customer's. Needs
 * wallet.charge and wallet.topup. Returns 0 (res->balance is the
 * sender's), ERR_DENIED, ERR_NOTFOUND, ERR_DISABLED, ERR_INVALID (same
 * customer twice), ERR_RANGE, ERR_INSUFFICIENT, ERR_CONFLICT.
 */
int	wallet_transfer(struct mctx *, const struct wallet_op *,
	    struct wallet_result *res);

/* The wallet's balance (0 when never used). 0 or ERR_NOTFOUND. */
int	wallet_balance(struct db *, int64_t customer_id, int64_t *out);

/* The customer's debt (receivable), 0 when none. 0 or ERR_NOTFOUND. */
int	wallet_debt(struct db *, int64_t customer_id, int64_t *out);

/* The total of every wallet: what the café owes its customers. */
int	wallet_liability(struct db *, int64_t *out);

/*
 * The wallet's history for the customer, newest first, each entry with
 * the balance after it (ledger_history() on the wallet account; see
 * there for paging and freeing). 0, ERR_NOTFOUND, ERR_INVALID.
 */
int	wallet_history(struct db *, int64_t customer_id, int64_t before,
	    int limit, struct ledger_line **out, size_t *n);

/*
 * Execute an approved request (approval.c calls this inside its
 * transaction, with exec_ctx acting as the requester and approver the
 * approver's name). Returns like wallet_refund() without the approval
 * step; ERR_INVALID for an op it does not know.
 */
int	wallet_exec_approved(struct mctx *exec_ctx,
	    const struct approval_info *, const char *approver,
	    struct wallet_result *res);

#endif

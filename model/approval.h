/*
 * approval.h -- the two-person rule.
 *
 * A refund, void or adjustment above the setting approval.threshold, or
 * any of them by someone without wallet.approve, needs the approval of
 * someone who holds wallet.approve and is not the requester. The
 * operation then becomes a request: a row in state pending, made by the
 * operation itself (wallet_refund() returns ERR_NEEDS_APPROVAL with its
 * id). A holder of wallet.approve approves it, which executes the
 * operation in the same transaction (under the request's idempotency
 * key, with the requester as the actor of the ledger tx and the
 * approver as its approved_by) and audits "approval.approve" naming
 * both; or rejects it. The requester may cancel it. Other terminals see
 * pending requests by polling approval_list() (cheap; on a change of
 * PRAGMA data_version).
 *
 * Executors: approval.c holds a table from op ("wallet.refund",
 * "wallet.adjust") to the function that runs an approved request; a
 * module with operations of its own under the rule adds its line there.
 */
#ifndef CAFED_APPROVAL_H
#define CAFED_APPROVAL_H

#include <stddef.h>
#include <stdint.h>

#include "model/ledger.h"

struct db;
struct mctx;

enum approval_state {
	APPROVAL_PENDING,
	APPROVAL_APPROVED,
	APPROVAL_REJECTED,
	APPROVAL_CANCELLED
};

/* What a request asks for. */
struct approval_new {
	const char	*op;		/* "wallet.refund", "wallet.adjust" */
	const char	*key;		/* the operation's idempotency key */
	int64_t		 customer_id;	/* 0: none */
	int64_t		 shift_id;	/* 0: none */
	int64_t		 ref_id;	/* op-defined (a method, a tx...) */
	int64_t		 amount;
	const char	*reason;	/* required */
};

struct approval_info {
	int64_t	id;
	char	op[LEDGER_OP_MAX + 1];
	char	key[LEDGER_KEY_MAX + 1];
	int64_t	customer_id, shift_id, ref_id, amount;
	char	reason[LEDGER_MEMO_MAX + 1];
	char	requested_by[LEDGER_NAME_MAX];
	int64_t	requested_uid;		/* 0 for cli: */
	int64_t	requested_at;
	int	state;			/* enum approval_state */
	char	decided_by[LEDGER_NAME_MAX];
	int64_t	decided_at;
	int64_t	tx_id;			/* the executed tx once approved */
};

/*
 * 1 when an operation of amount (its magnitude) by the actor needs
 * approval: over approval.threshold, or the actor lacks wallet.approve.
 * 0 when not; or a negative code.
 */
int	approval_needed(struct mctx *, int64_t amount);

/*
 * Record a pending request for the acting user, audited
 * ("approval.request"). Idempotent on key: the same content returns the
 * existing request's id (whatever its state), other content ERR_CONFLICT.
 * Returns 0 with *id set, ERR_INVALID (no op, key or reason).
 */
int	approval_request(struct mctx *, const struct approval_new *,
	    int64_t *id);

/* Load request id (or the one made under key). 0 or ERR_NOTFOUND. */
int	approval_get(struct db *, int64_t id, struct approval_info *);
int	approval_find_key(struct db *, const char *key,
	    struct approval_info *);

/*
 * Requests: with pending_only the pending ones, oldest first; else the
 * last ones, newest first; at most limit (1..10000). *out is an array of
 * *n, freed with free().
 */
int	approval_list(struct db *, int pending_only, int limit,
	    struct approval_info **out, size_t *n);

/* How many requests are pending (cheap: for a top bar polled often). */
int	approval_pending_count(struct db *, int64_t *out);

/*
 * Approve request id and execute it, in one transaction. Needs
 * wallet.approve; the requester may not approve their own request
 * (ERR_DENIED, audited as "own request"). Returns 0 with *tx_id set
 * (may be NULL), ERR_DENIED, ERR_NOTFOUND, ERR_STATE (not pending), or
 * what the operation returns (ERR_INSUFFICIENT, ERR_NOSHIFT...: the
 * request then stays pending).
 */
int	approval_approve(struct mctx *, int64_t id, int64_t *tx_id);

/*
 * Reject request id (wallet.approve, not one's own), with an optional
 * note, audited. Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_STATE.
 */
int	approval_reject(struct mctx *, int64_t id, const char *note);

/*
 * Withdraw one's own pending request (or anyone's with wallet.approve),
 * audited. Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_STATE.
 */
int	approval_cancel(struct mctx *, int64_t id);

/* "pending", "approved", "rejected", "cancelled". */
const char *approval_state_name(int state);

#endif

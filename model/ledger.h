/*
 * ledger.h -- the double-entry ledger: every money movement of cafed.
 *
 * WHAT IT IS
 *
 * A ledger transaction ("tx") is a set of entries ("legs") on accounts
 * that balances (see SIGNS). It is never edited or deleted: a mistake is
 * corrected by a new tx whose `reverses` points at the original
 * (ledger_reverse() for a full reversal, ledger_post() with `reverses`
 * for a partial one such as refunding one line of a sale). Each account
 * keeps a cached balance, updated in the same transaction as its
 * entries, and each entry records the balance after it; `cafectl ledger
 * verify` (ledger_verify) checks both against the entries.
 *
 * ACCOUNTS
 *
 * An account is named by (kind, ref). ref is a customer id for the
 * per-customer kinds, a shift id for the drawer, and 0 for the others.
 * Accounts are created on first use: just post to (kind, ref). An
 * account that was never posted to has balance 0.
 *
 * SIGNS (read this once)
 *
 * Amounts are int64_t minor units (model/money.h), and a leg's amount is
 * the change to the account's balance AS A PERSON READS IT: a wallet
 * topped up by 10.00 gets +1000, the drawer that took the cash +1000,
 * revenue.seats earning 5.00 gets +500. Each kind sits on one of two
 * sides:
 *
 *   side A (what the café has or spends): drawer, card, safe,
 *       receivable, discounts, refunds, adjustments, cash.overshort,
 *       cash.paid, loyalty.cost
 *   side L (what the café owes or earned): wallet, loyalty,
 *       revenue.seats, revenue.shop, revenue.other
 *
 * A tx balances when the sum of its side-A amounts equals the sum of its
 * side-L amounts. Typical legs, for a customer c and the shift s:
 *
 *   cash top-up 10.00        drawer(s) +1000   wallet(c) +1000
 *   card top-up 10.00        card +1000        wallet(c) +1000
 *   seat time from wallet    wallet(c) -500    revenue.seats +500
 *   ... wallet had only 3.00 wallet(c) -300    receivable(c) +200
 *                            revenue.seats +500
 *   guest pays seat in cash  drawer(s) +500    revenue.seats +500
 *   debt settled in cash     drawer(s) +200    receivable(c) -200
 *   shop sale by wallet      wallet(c) -450    revenue.shop +500
 *     with 0.50 discount     discounts +50
 *   refund of a sale line    drawer(s) -250    refunds +250
 *     (reverses = sale tx; the drawer of the shift open NOW)
 *   loyalty points earned    loyalty(c) +20    loyalty.cost +20
 *   points redeemed          loyalty(c) -100   wallet(c) +100
 *   paid-out for milk        drawer(s) -300    cash.paid +300
 *   goodwill credit          wallet(c) +200    adjustments +200
 *
 * Accounts that must never go below zero: wallet, receivable, loyalty
 * and drawer (cash cannot be negative). A post that would take one of
 * them below zero is refused with ERR_INSUFFICIENT and writes nothing.
 *
 * TRANSACTIONS AND IDEMPOTENCY
 *
 * ledger_post() runs inside the caller's db_write() transaction (or opens
 * its own when called outside one), so the caller's own rows (a sale, a
 * seat session), the ledger tx and the audit row commit together or not
 * at all. Check permissions with perm_require() BEFORE db_write(); the
 * ledger itself checks none.
 *
 * Every post carries an idempotency key, unique across the whole
 * ledger: make one when a form opens, or derive one from what the post
 * settles ("seat.stop:4711"), so a doubled Enter or a retry applies
 * once. A digest of the content (op, memo, shift, customer, reverses,
 * approver and every leg in order) is stored with the key:
 *   - same key, same content: nothing is written, the first tx id is
 *     returned with res->replayed = 1 (return 0). A caller with side
 *     effects of its own must check res->replayed (or ledger_key_find()
 *     beforehand) and not repeat them.
 *   - same key, different content: ERR_CONFLICT, nothing written.
 * A refused post (any error) records nothing, so its key stays free: a
 * post refused for ERR_INSUFFICIENT may be retried with the same key
 * after a top-up.
 *
 * AUDIT
 *
 * ledger_post() writes the audit row itself, in the same transaction:
 * action = op, entity "ledger_tx", entity id = the tx id, detail = the
 * customer, shift, reversal, approver, memo, the legs and audit_extra.
 * Do not write a second row for the same action; put what you want to
 * add into audit_extra (with PII masked: audit_mask()).
 *
 * All functions return 0 or a negative code of common/err.h.
 */
#ifndef CAFED_LEDGER_H
#define CAFED_LEDGER_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

enum ledger_kind {
	LEDGER_WALLET,		/* "wallet", ref customer; L; never < 0 */
	LEDGER_RECEIVABLE,	/* "receivable", ref customer: debt; A; >= 0 */
	LEDGER_LOYALTY,		/* "loyalty", ref customer (or 0): the money
				   value of points owed; L; never < 0 */
	LEDGER_DRAWER,		/* "drawer", ref shift: its cash; A; >= 0;
				   only while the shift is open */
	LEDGER_CARD,		/* "card", ref 0: card clearing (owed by the
				   card acquirer); A */
	LEDGER_SAFE,		/* "safe", ref 0: back-office cash, source of
				   floats and destination of closings; A */
	LEDGER_REV_SEATS,	/* "revenue.seats", ref 0; L */
	LEDGER_REV_SHOP,	/* "revenue.shop", ref 0; L */
	LEDGER_REV_OTHER,	/* "revenue.other", ref 0: manual charges; L */
	LEDGER_DISCOUNTS,	/* "discounts", ref 0: contra-revenue; A */
	LEDGER_REFUNDS,		/* "refunds", ref 0: contra-revenue; A */
	LEDGER_ADJUST,		/* "adjustments", ref 0; A */
	LEDGER_OVERSHORT,	/* "cash.overshort", ref 0: shortages +,
				   overages - at shift close; A */
	LEDGER_PAIDINOUT,	/* "cash.paid", ref 0: paid-outs +, paid-ins
				   -; A */
	LEDGER_LOYALTY_COST,	/* "loyalty.cost", ref 0: points granted;
				   A */
	LEDGER__COUNT
};

/* The side of a kind: LEDGER_SIDE_A or LEDGER_SIDE_L (0 if unknown). */
enum {
	LEDGER_SIDE_A = 1,
	LEDGER_SIDE_L = -1
};

#define LEDGER_LEGS_MAX		32
#define LEDGER_KEY_MAX		128	/* bytes of an idempotency key */
#define LEDGER_OP_MAX		40	/* bytes of an op name */
#define LEDGER_MEMO_MAX		200	/* bytes of a memo */
#define LEDGER_NAME_MAX		48	/* bytes of an actor name */

/* One entry: change the balance of account (kind, ref) by amount. */
struct ledger_leg {
	int	kind;		/* enum ledger_kind */
	int64_t	ref;		/* customer id, shift id, or 0 */
	int64_t	amount;		/* minor units, |amount| <= MONEY_MAX;
				   0 legs are skipped */
};

/* What to post. A plain bundle: fill it on the stack. */
struct ledger_post {
	const char	*key;	/* idempotency key: 1..LEDGER_KEY_MAX
				   bytes, no control characters; required */
	const char	*op;	/* what happened: "wallet.topup",
				   "seat.charge", "shop.sale"...: 1..40 of
				   [a-z0-9._-]; also the audit action */
	const char	*memo;	/* for people: a reason, a receipt number;
				   NULL or up to 200 bytes; control
				   characters are replaced */
	int64_t		 shift_id;	/* the shift whose Z-report lists this
					   tx (cash or card taken at its
					   counter); 0: none; must be open */
	int64_t		 customer_id;	/* the customer concerned; 0: none
					   (guest); must exist */
	int64_t		 reverses;	/* the tx this corrects, wholly or in
					   part; 0: none; must exist */
	const char	*approved_by;	/* the second person under the
					   two-person rule, or NULL */
	const char	*audit_extra;	/* appended to the audit detail,
					   PII masked; NULL: nothing */
	const struct ledger_leg *legs;
	size_t		 nlegs;		/* 2..LEDGER_LEGS_MAX */
};

struct ledger_result {
	int64_t	tx_id;		/* the tx written, or the first one with
				   this key when replayed */
	int	replayed;	/* 1: same key and content seen before,
				   nothing was written */
	int64_t	after[LEDGER_LEGS_MAX]; /* not replayed: the balance of
				   leg i's account once the tx is written
				   (0 for a 0 leg); saves reading it back */
};

/*
 * Post one balanced transaction (see the top of this file). Runs inside
 * the caller's db_write() transaction, or opens one. Writes the tx, its
 * entries (each with the balance after it), the cached balances and one
 * audit row; or, on any error, nothing at all.
 *
 * Returns 0 and sets *res (may be NULL), or:
 *   ERR_INVALID      no key or op, a malformed op or key, fewer than 2
 *                    non-zero legs or more than LEDGER_LEGS_MAX, an
 *                    unknown kind, a ref that does not fit the kind
 *                    (ref 0 for wallet/receivable/drawer, ref != 0 for
 *                    the fixed accounts), legs that do not balance
 *   ERR_RANGE        a leg over MONEY_MAX in magnitude
 *   ERR_CONFLICT     the key was used before for other content
 *   ERR_NOTFOUND     an unknown customer (of a leg or customer_id),
 *                    shift or reversed tx
 *   ERR_NOSHIFT      a drawer leg or shift_id names a closed shift
 *   ERR_INSUFFICIENT a wallet, receivable, loyalty or drawer account
 *                    would go below zero
 *   ERR_OVERFLOW     a balance would leave the int64_t range
 *   ERR_DB, ERR_BUSY the database failed (the caller's transaction must
 *                    then be rolled back: return the code from your
 *                    db_write() callback)
 */
int		 ledger_post(struct mctx *, const struct ledger_post *,
		    struct ledger_result *res);

/*
 * Post the exact opposite of tx `orig` (every leg negated), with
 * reverses = orig, under a new key and op (e.g. "shop.void"). Legs on a
 * drawer go to the drawer of shift_id instead (the shift open now);
 * shift_id is also the new tx's shift (0: the original's, allowed only
 * when it has no drawer legs). Same transaction rules, idempotency and
 * errors as ledger_post(), plus ERR_STATE when some tx already reverses
 * orig (wholly or in part) and ERR_NOSHIFT when the original has drawer
 * legs and shift_id is 0 or not open.
 */
int		 ledger_reverse(struct mctx *, int64_t orig, int64_t shift_id,
		    const char *key, const char *op, const char *memo,
		    struct ledger_result *res);

/* "wallet", "revenue.seats"...; NULL for an unknown kind. */
const char	*ledger_kind_name(int kind);

/* The kind named s. Returns 0 or ERR_NOTFOUND. */
int		 ledger_kind_parse(const char *s, int *kind);

/* LEDGER_SIDE_A, LEDGER_SIDE_L, or 0 for an unknown kind. */
int		 ledger_kind_side(int kind);

/* 1 when accounts of that kind may never go below zero. */
int		 ledger_kind_nonneg(int kind);

/* What the ref of an account of a kind names. */
enum {
	LEDGER_REF_NONE,	/* always 0: one account of the kind */
	LEDGER_REF_CUSTOMER,	/* a customer id (> 0) */
	LEDGER_REF_CUSTOMER_OPT, /* a customer id, or 0 for a pool */
	LEDGER_REF_SHIFT	/* a shift id (> 0) */
};

/* LEDGER_REF_* for kind; -1 for an unknown kind. */
int		 ledger_kind_ref(int kind);

/*
 * The balance of account (kind, ref) as a person reads it; 0 when the
 * account was never used. Returns 0 or ERR_INVALID (unknown kind).
 */
int		 ledger_balance(struct db *, int kind, int64_t ref,
		    int64_t *out);

/*
 * The id of account (kind, ref). With create != 0 (inside a write
 * transaction) it is created when missing; else ERR_NOTFOUND.
 */
int		 ledger_account_id(struct db *, int kind, int64_t ref,
		    int create, int64_t *id);

/*
 * The sum of the balances of every account of kind: the total wallet
 * liability, the customers' total debt...
 */
int		 ledger_total(struct db *, int kind, int64_t *out);

/* The tx that used key, if any. Returns 0 or ERR_NOTFOUND. */
int		 ledger_key_find(struct db *, const char *key, int64_t *tx_id);

/* One transaction's header. */
struct ledger_tx_info {
	int64_t	id;
	int64_t	at;			/* clock_now() when posted */
	char	op[LEDGER_OP_MAX + 1];
	char	memo[LEDGER_MEMO_MAX + 1];
	char	actor[LEDGER_NAME_MAX];	/* who posted it */
	char	approved_by[LEDGER_NAME_MAX];	/* "" when none */
	int64_t	shift_id, customer_id, reverses; /* 0 when none */
	char	key[LEDGER_KEY_MAX + 1];
};

/* One entry as stored. */
struct ledger_entry {
	int64_t	id;
	int64_t	tx_id;
	int	kind;
	int64_t	ref;
	int64_t	amount;
	int64_t	balance_after;		/* the account's balance after it */
};

/*
 * Load tx id and its entries (in posting order). *legs (may be NULL if
 * not wanted) is an array of *n entries the caller frees with free().
 * Returns 0 or ERR_NOTFOUND.
 */
int		 ledger_tx_get(struct db *, int64_t id, struct ledger_tx_info *,
		    struct ledger_entry **legs, size_t *n);

/* One line of an account's statement. */
struct ledger_line {
	int64_t	entry_id;
	int64_t	tx_id;
	int64_t	at;
	char	op[LEDGER_OP_MAX + 1];
	char	memo[LEDGER_MEMO_MAX + 1];
	char	actor[LEDGER_NAME_MAX];
	int64_t	amount;			/* this entry's change */
	int64_t	balance_after;
	int64_t	reverses;		/* 0 when none */
};

/*
 * The statement of account (kind, ref), newest first: at most limit
 * (1..10000) lines with entry id below before (0: from the newest), for
 * keyset paging. *out is an array of *n lines, freed with free(); an
 * account never used gives *n = 0.
 */
int		 ledger_history(struct db *, int kind, int64_t ref,
		    int64_t before, int limit, struct ledger_line **out,
		    size_t *n);

/* What ledger_verify() found. */
struct ledger_verify {
	int64_t	txs;		/* transactions checked */
	int64_t	entries;	/* entries checked */
	int64_t	accounts;	/* accounts checked */
	int	problems;	/* how many problems were found */
	char	why[256];	/* the first problem, "" if none */
};

/*
 * Check the whole ledger: every tx balances and has at least two
 * entries, every cached balance equals the sum of its entries and the
 * balance after the last one, each entry's balance after equals the
 * running sum, no never-negative account is negative, every idempotency
 * key is unique and every reversal points at an existing tx. Returns 0
 * when clean, ERR_INTEGRITY with res->why naming the first problem, or a
 * database error.
 */
int		 ledger_verify(struct db *, struct ledger_verify *res);

/*
 * A fresh random idempotency key (32 hex characters and NUL) for a form
 * that just opened.
 */
void		 ledger_new_key(char key[33]);

#endif

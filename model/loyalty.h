/*
 * loyalty.h -- members' loyalty points.
 *
 * Members (customers) earn loyalty.points_per_unit points per whole
 * currency unit spent on seats and in the shop (rounded down: 4.99 EUR
 * earns 4 points at 1 point per unit). Points are worth 1 currency unit
 * per loyalty.points_per_unit_credit points (100: a point is worth
 * 0.01 EUR); that value, rounded half away from zero, is fixed when they
 * are earned and booked as a liability: loyalty(c) +value, loyalty.cost
 * +value (model/ledger.h).
 *
 * Each earning is a lot that keeps its unspent points and the part of
 * its value they carry. Redemption turns points into wallet credit
 * (loyalty(c) -value, wallet(c) +value), oldest lots first; a lot's last
 * points carry exactly its remaining value, so the ledger's loyalty
 * account of a customer always equals the value of their unspent lots
 * (loyalty_verify). With loyalty.expiry_days > 0, a lot expires that
 * many days after it was earned (loyalty_expire books loyalty(c) -value,
 * loyalty.cost -value); expired points no longer count or redeem.
 */
#ifndef CAFED_LOYALTY_H
#define CAFED_LOYALTY_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

/*
 * The points and their liability value that spending `spent` (minor
 * units) earns under the current settings; 0 and 0 for spent <= 0.
 */
int	loyalty_quote(struct db *, int64_t spent, int64_t *points,
	    int64_t *value);

/*
 * Record a lot of points earned by customer_id for what `source`
 * ("shop", "seat") ref_id was, whose value the caller has already
 * posted in ledger tx ledger_tx (loyalty(c) +value, loyalty.cost
 * +value). Runs inside the caller's write transaction (ERR_INTERNAL
 * otherwise); no audit row (the ledger's covers it).
 */
int	loyalty_lot_tx(struct mctx *, int64_t customer_id, int64_t points,
	    int64_t value, const char *source, int64_t ref_id,
	    int64_t ledger_tx);

/*
 * Earn points for spending `spent` on source ref_id, as its own ledger
 * tx (op "loyalty.earn", key "loyalty.earn:SOURCE:REF", so doing it
 * twice earns once), inside the caller's write transaction or its own.
 * For callers such as seat sessions that post their charge separately;
 * no permission of its own (it is part of the caller's operation). Sets
 * *points (may be NULL). Returns 0, ERR_INVALID, ERR_NOTFOUND (unknown
 * customer) or a database error.
 */
int	loyalty_earn(struct mctx *, int64_t customer_id, int64_t spent,
	    const char *source, int64_t ref_id, int64_t *points);

/*
 * A customer's unspent, unexpired points and what they are worth. 0 and
 * 0 for a customer who never earned.
 */
int	loyalty_balance(struct db *, int64_t customer_id, int64_t *points,
	    int64_t *value);

/*
 * Redeem points (1..the balance) as wallet credit (wallet.topup), as a
 * ledger tx "loyalty.redeem" under key (NULL: a fresh one). Sets *credit
 * (may be NULL). Returns 0, ERR_DENIED, ERR_INVALID, ERR_INSUFFICIENT
 * (fewer points), ERR_RANGE (worth nothing yet), ERR_NOTFOUND,
 * ERR_CONFLICT or a database error.
 */
int	loyalty_redeem(struct mctx *, int64_t customer_id, int64_t points,
	    const char *key, int64_t *credit);

/*
 * The credit redeeming `points` would give now (what loyalty_redeem
 * would book), writing nothing. Returns 0, ERR_INVALID or
 * ERR_INSUFFICIENT (fewer points), or a database error.
 */
int	loyalty_redeem_quote(struct db *, int64_t customer_id, int64_t points,
	    int64_t *credit);

/*
 * What taking back the points of `source` ref_id for the fraction
 * num/den of its purchase would take: the lot's points * num / den
 * (rounded half away from zero) as far as they are unspent, and their
 * value. 0 and 0
 * when that purchase earned nothing. *lot_id is 0 then.
 */
int	loyalty_take_back_quote(struct db *, const char *source,
	    int64_t ref_id, int64_t num, int64_t den, int64_t *lot_id,
	    int64_t *points, int64_t *value);

/*
 * Take points and value (from loyalty_take_back_quote) off lot lot_id,
 * recording it as kind "refund" for ref_id, booked in ledger tx
 * ledger_tx by the caller (loyalty(c) -value, loyalty.cost -value).
 * Inside the caller's write transaction.
 */
int	loyalty_take_back_tx(struct mctx *, int64_t lot_id, int64_t points,
	    int64_t value, int64_t ref_id, int64_t ledger_tx);

/*
 * Expire every lot whose time has come (wallet.adjust; the listener's
 * periodic job runs it as "system"), one ledger tx "loyalty.expire" per
 * lot with a value. Sets *points and *value (may be NULL) to what
 * expired. Returns 0, ERR_DENIED or a database error.
 */
int	loyalty_expire(struct mctx *, int64_t *points, int64_t *value);

/*
 * Check that each customer's loyalty account in the ledger equals the
 * value of their unspent lots (expired ones count until loyalty_expire
 * books them). Returns 0, or ERR_INTEGRITY with why (size bytes) naming
 * the first customer that differs.
 */
int	loyalty_verify(struct db *, char *why, size_t size);

#endif

/*
 * throttle.h -- slowing down and locking out failed logins.
 *
 * Three counters per attempt: the account from this source address
 * ("pair": slowed, then locked, so nobody can lock the manager out from
 * elsewhere), the account from anywhere ("account": only ever slowed)
 * and the source address across accounts ("addr": slowed, then locked).
 * An attempt is counted as a failure when it begins, so hanging up
 * mid-attempt does not escape the count; success takes it back.
 *
 * The rules are pure functions of a state and a time, tested with an
 * injected clock; the state lives in the login_throttle table.
 */
#ifndef CAFED_THROTTLE_H
#define CAFED_THROTTLE_H

#include <stdint.h>

struct mctx;

struct throttle_rule {
	int	free;		/* failures before attempts are slowed */
	int	delay_ms;	/* the first delay, doubling per failure */
	int	delay_max_ms;	/* the longest delay */
	int	lock_after;	/* failures that lock; 0: never locks */
	int	lock_s;		/* the first lock, doubling per lock */
	int	lock_max_s;	/* the longest lock */
	int	window_s;	/* failures this old are forgotten */
	int	forget_s;	/* past locks this old no longer double */
};

struct throttle_policy {
	struct throttle_rule	pair;		/* account from one address */
	struct throttle_rule	account;	/* account from anywhere */
	struct throttle_rule	addr;		/* address, any account */
};

struct throttle_state {
	int	failures;
	int64_t	last_fail;
	int	locks;
	int64_t	locked_until;
};

/* Results of throttle_rule_begin(). */
enum {
	THROTTLE_OPEN = 0,	/* go on, after the delay */
	THROTTLE_LOCKED = 1,	/* locked: refuse whatever is typed */
	THROTTLE_LOCKED_NOW = 2	/* abandoned attempts reached the limit */
};

/* The documented defaults (cafed.conf(5)). */
void	throttle_policy_default(struct throttle_policy *);

/*
 * Start an attempt at time now: forget what is old, then either report
 * a lock, or set *delay_ms (how long to wait before checking anything)
 * and count the attempt as a failure. A locked state also gets a delay,
 * the one the next failure would have had. Returns THROTTLE_*.
 */
int	throttle_rule_begin(const struct throttle_rule *,
	    struct throttle_state *, int64_t now, int *delay_ms);

/*
 * The attempt begun failed. Returns 1 when this failure locks (the
 * lock doubles with each lock within forget_s), else 0.
 */
int	throttle_rule_fail(const struct throttle_rule *,
	    struct throttle_state *, int64_t now);

/*
 * The attempt begun succeeded: with reset, everything is forgotten;
 * without, only this attempt's count is taken back.
 */
void	throttle_rule_success(struct throttle_state *, int reset);

/* 1 while st is locked at time now. */
int	throttle_rule_locked(const struct throttle_state *, int64_t now);

struct throttle_verdict {
	int	locked;		/* refuse, but answer exactly as a failure */
	int	delay_ms;	/* wait this long before checking */
};

/*
 * Begin an attempt on account (the name as typed; folded) from addr,
 * in one transaction over the three counters. Locks made now are
 * audited ("auth.lock"). Returns 0 with *v set, or a database error.
 */
int	throttle_begin(struct mctx *, const struct throttle_policy *,
	    const char *account, const char *addr, int64_t now,
	    struct throttle_verdict *v);

/* The attempt failed: may lock the pair or the address (audited). */
int	throttle_fail(struct mctx *, const struct throttle_policy *,
	    const char *account, const char *addr, int64_t now);

/* The attempt succeeded: forget the pair, take the others back. */
int	throttle_success(struct mctx *, const struct throttle_policy *,
	    const char *account, const char *addr, int64_t now);

/*
 * Audit the locks that have run out by now ("auth.unlock"), once each;
 * *n (may be NULL) gets how many. For the listener's periodic job.
 */
int	throttle_unlock_due(struct mctx *, int64_t now, int *n);

/* Delete counters with nothing left to remember at time now. */
int	throttle_prune(struct mctx *, const struct throttle_policy *,
	    int64_t now);

/*
 * Audit a refused login for a reason auth_audit_failure() has no word
 * for ("locked", "address not allowed"), in its own transaction.
 */
int	throttle_audit_refusal(struct mctx *, const char *name,
	    const char *reason);

/* Is account locked from addr at now (pair or address)? 1, 0 or error. */
int	throttle_is_locked(struct mctx *, const char *account,
	    const char *addr, int64_t now);

#endif

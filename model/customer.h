/*
 * customer.h -- the café's customers (members with a wallet).
 *
 * A customer has a display name, optionally a phone number and an
 * e-mail address (stored sealed with the server key and found again
 * through a keyed blind index, so the database file alone does not give
 * them away) and optionally a member card number (unique). Walk-in
 * guests need no record. Customers are disabled, never deleted: the
 * ledger points at them.
 *
 * On the command line and in scripts a customer is named by a card
 * number or "id:N" (customer_resolve).
 */
#ifndef CAFED_CUSTOMER_H
#define CAFED_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

#define CUSTOMER_NAME_MAX	64	/* bytes of a display name */
#define CUSTOMER_CARD_MAX	32	/* bytes of a card number */
#define CUSTOMER_PHONE_MAX	16	/* "+" and up to 15 digits */
#define CUSTOMER_EMAIL_MAX	254

/* What a new customer is made of; NULL or "" for what is not given. */
struct customer_new {
	const char	*name;		/* required */
	const char	*phone;
	const char	*email;
	const char	*card;
};

struct customer_info {
	int64_t	id;
	char	name[CUSTOMER_NAME_MAX + 1];
	char	card[CUSTOMER_CARD_MAX + 1];		/* "" when none */
	char	phone[CUSTOMER_PHONE_MAX + 1];		/* "" when none */
	char	email[CUSTOMER_EMAIL_MAX + 1];		/* "" when none */
	int	disabled;
	int64_t	created_at;
};

/*
 * Normalize a phone number: keep the digits and a leading '+', drop
 * spaces, dots, dashes, slashes and parentheses ("+49 (30) 123-45" is
 * "+493012345"). Returns 0, or ERR_INVALID for anything else or fewer
 * than 5 or more than 15 digits.
 */
int	customer_phone_normalize(const char *in,
	    char out[CUSTOMER_PHONE_MAX + 1]);

/*
 * Normalize an e-mail address: trimmed and lower-cased; one '@' with
 * text on both sides, no spaces or control characters, at most 254
 * bytes. Returns 0 or ERR_INVALID. out must hold CUSTOMER_EMAIL_MAX + 1.
 */
int	customer_email_normalize(const char *in, char *out);

/*
 * Create a customer (customer.manage), audited with the contact data
 * masked. Returns 0 with *id set (may be NULL), ERR_DENIED, ERR_INVALID
 * (*why, may be NULL, says which field and why) or ERR_EXISTS (the card
 * number is taken).
 */
int	customer_add(struct mctx *, const struct customer_new *,
	    int64_t *id, const char **why);

/*
 * Load customer id, with the phone and e-mail opened with the server
 * key (ctx->keys; "" when absent). Returns 0, ERR_NOTFOUND, or ERR_KEY
 * when the sealed data does not open with this key.
 */
int	customer_get(struct mctx *, int64_t id, struct customer_info *);

/*
 * The customer named by s: "id:N" or a card number. Returns 0 with *id
 * set, or ERR_NOTFOUND (also for a malformed "id:").
 */
int	customer_resolve(struct db *, const char *s, int64_t *id);

/*
 * Customers matching text, at most limit (1..1000), ordered by name:
 * by name prefix (case-insensitive), by exact card number, by phone
 * number (normalized, through the blind index) and by e-mail. An empty
 * or NULL text lists every customer. Disabled customers are included.
 * Phone and e-mail are not opened (empty) in the results. *out is an
 * array of *n entries, freed with free().
 */
int	customer_search(struct mctx *, const char *text, int limit,
	    struct customer_info **out, size_t *n);

/*
 * Disable or enable a customer (customer.manage), audited. A disabled
 * customer's wallet takes no top-up, charge or transfer; refunds and
 * adjustments still work. Returns 0, ERR_DENIED or ERR_NOTFOUND.
 */
int	customer_set_disabled(struct mctx *, int64_t id, int disabled);

/* 1 when customer id exists and is disabled, 0 when enabled; or a code. */
int	customer_is_disabled(struct db *, int64_t id);

#endif

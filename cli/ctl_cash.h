/*
 * ctl_cash.h -- option parsing and argument helpers shared by the cash
 * desk's commands (ctl_cash.c, ctl_wallet.c).
 */
#ifndef CAFED_CTL_CASH_H
#define CAFED_CTL_CASH_H

#include <stdint.h>

struct ctl;
struct ctl_cmd;

/* Options a command accepts (a mask of these). */
enum {
	CO_SHIFT = 1 << 0,	/* --shift SHIFT */
	CO_USER = 1 << 1,	/* --user USER */
	CO_FLOAT = 1 << 2,	/* --float AMOUNT */
	CO_COUNTED = 1 << 3,	/* --counted AMOUNT */
	CO_REASON = 1 << 4,	/* --reason TEXT */
	CO_KEY = 1 << 5,	/* --idempotency-key K */
	CO_SEARCH = 1 << 6,	/* --search TEXT */
	CO_PHONE = 1 << 7,	/* --phone P */
	CO_EMAIL = 1 << 8,	/* --email E */
	CO_CARDNO = 1 << 9,	/* --card C (a card number) */
	CO_CARD = 1 << 10,	/* --card (paid by card) */
	CO_OPEN = 1 << 11,	/* --open */
	CO_ALL = 1 << 12,	/* --all */
	CO_NOTE = 1 << 13,	/* --note TEXT */
	CO_LIMIT = 1 << 14,	/* --limit N */
	CO_FOR = 1 << 15	/* --for seats|shop|other */
};

#define CASH_POS_MAX	4

struct cash_opts {
	const char	*shift, *user, *flt, *counted, *reason, *key,
			*search, *phone, *email, *cardno, *note, *limit,
			*for_;
	int		 card, open, all;
	int		 npos;
	char		*pos[CASH_POS_MAX];	/* positional arguments */
};

/*
 * Parse argv for cmd: the options in `allowed`, anywhere, and between
 * min and max positional arguments (a negative amount such as -5.00 is
 * positional). Returns CTL_OK or CTL_USAGE (printed).
 */
int	ctl_cash_getopt(const struct ctl_cmd *, int argc, char **argv,
	    unsigned allowed, int min, int max, struct cash_opts *);

/* CUSTOMER (card number or id:N) to an id; prints and CTL_FAIL. */
int	ctl_cash_customer(struct ctl *, const char *s, int64_t *id);

/* A shift id (positive decimal); prints a usage error and CTL_USAGE. */
int	ctl_cash_id(const struct ctl_cmd *, const char *what, const char *s,
	    int64_t *id);

/* A model error about cmd's object as one line; returns CTL_FAIL. */
int	ctl_cash_err(struct ctl *, int code, const char *what);

#endif

/*
 * zreport.h -- the Z-report of a closed shift.
 *
 * What the drawer took and gave during the shift, by kind of movement,
 * from the ledger: the opening float, cash and card top-ups, cash and
 * card sales (seats, shop: any other operation bringing money in),
 * refunds (each naming the original transaction and the shift it was
 * taken in, so a refund paid from today's drawer for yesterday's sale is
 * shown as such and neither shift's figures lie), wallet refunds,
 * paid-in and paid-out; then expected against counted cash and the
 * variance, the wallet liability at close and the audit chain head at
 * close, which anchors a printed report to the trail.
 */
#ifndef CAFED_ZREPORT_H
#define CAFED_ZREPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model/ledger.h"
#include "model/shift.h"

struct mctx;
struct cafe_info;

/* A refund or void paid during the shift. */
struct zreport_refund {
	int64_t	tx_id;
	int64_t	orig_tx;		/* the transaction it corrects */
	int64_t	orig_shift;		/* the shift of the original, 0 */
	char	op[LEDGER_OP_MAX + 1];
	int64_t	amount;			/* cash (or card) paid back, > 0 */
	int	card;			/* 1: back to the card */
};

struct zreport {
	struct shift_info	 shift;
	int64_t			 float_amount;
	int64_t			 cash_topups, card_topups;
	int64_t			 cash_sales, card_sales;
	int64_t			 cash_refunds, card_refunds;	/* of sales */
	int64_t			 wallet_refunds_cash, wallet_refunds_card;
	int64_t			 paid_in, paid_out;
	int64_t			 other_cash;	/* anything else, signed */
	int64_t			 expected, counted, variance;
	int64_t			 liability;
	struct zreport_refund	*refunds;
	size_t			 nrefunds;
};

/*
 * Build the Z-report of closed shift id. Needs report.view, or being
 * the shift's own cashier. Returns 0 with *out set (free with
 * zreport_free), ERR_DENIED (audited), ERR_NOTFOUND, or ERR_STATE (the
 * shift is still open: its expected cash stays blind until the count).
 */
int	zreport_load(struct mctx *, int64_t shift_id, struct zreport **out);

/* Free a report; NULL is a no-op. */
void	zreport_free(struct zreport *);

/*
 * The report as plain text (lines ending in '\n', amounts with the
 * currency), for the screen and `cafectl report z`. Returns a string the
 * caller frees.
 */
char	*zreport_text(const struct zreport *, const struct cafe_info *);

#endif

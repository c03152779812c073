/*
 * walletform.h -- the wallet operations of the wallets screen, each a
 * short form (the amount, what it is for), then a confirmation stating
 * exactly what will happen and the balance after, then one model call
 * under an idempotency key made when the form opened. Refusals go to the
 * status line and write nothing; a refund or adjustment that needs a
 * manager waits on screen (approvals.h).
 */
#ifndef CAFED_SCREENS_WALLETFORM_H
#define CAFED_SCREENS_WALLETFORM_H

#include "tui/tui.h"

struct scr_app;
struct customer_info;

/* Each returns the tui_action for the screen (TUI_RELOAD mostly). */
int	scr_walletform_topup(struct tui *, struct scr_app *,
	    const struct customer_info *);
int	scr_walletform_charge(struct tui *, struct scr_app *,
	    const struct customer_info *);
int	scr_walletform_refund(struct tui *, struct scr_app *,
	    const struct customer_info *);
int	scr_walletform_adjust(struct tui *, struct scr_app *,
	    const struct customer_info *);
int	scr_walletform_transfer(struct tui *, struct scr_app *,
	    const struct customer_info *);

/* A new customer: name, phone, e-mail, card. */
int	scr_walletform_customer(struct tui *, struct scr_app *);

#endif

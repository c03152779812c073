/*
 * shoppay.h -- the shop screen's payments, member, receipts and refunds
 * (shop.c has the basket). Each handler is a tui_key function.
 */
#ifndef CAFED_SCREENS_SHOPPAY_H
#define CAFED_SCREENS_SHOPPAY_H

#include <stdint.h>

#include "tui/tui.h"

struct scr_app;
struct sale_basket;
struct tui_table;

/* What the shop screen keeps between visits. */
struct scr_shop_state {
	struct tui_table	*tab;
	struct sale_basket	*b;
	int64_t			 member;	/* customer id, 0: none */
	char			 member_name[65];
	int64_t			 member_points, member_wallet;
	int64_t			 last_receipt;	/* 0: none yet */
	char			 key[33];	/* the open payment's key */
};

/* The shop screen's state (made on first use). */
struct scr_shop_state *scr_shop_state(struct scr_app *);

int	scr_shoppay_wallet(struct tui *, void *app);
int	scr_shoppay_cash(struct tui *, void *app);
int	scr_shoppay_card(struct tui *, void *app);
int	scr_shoppay_member(struct tui *, void *app);
int	scr_shoppay_receipt(struct tui *, void *app);
int	scr_shoppay_save(struct tui *, void *app);
int	scr_shoppay_refund(struct tui *, void *app);
int	scr_shoppay_redeem(struct tui *, void *app);

#endif

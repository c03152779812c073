/*
 * wallets.h -- the wallets screen (customer.manage): find a customer,
 * open their wallet and history, top up, charge, refund, transfer,
 * adjust; add and disable customers; the requests waiting for approval.
 */
#ifndef CAFED_SCREENS_WALLETS_H
#define CAFED_SCREENS_WALLETS_H

#include "tui/tui.h"

extern const struct tui_screen	scr_wallets;

#endif

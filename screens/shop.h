/*
 * shop.h -- the shop screen (shop.sell): the point of sale. Type part
 * of a name or a SKU and Enter adds it; + and - change the quantity; F5
 * pays from a member's wallet, F6 in cash (with the change due), F7 by
 * card; the receipt is shown and can be written to a text file.
 */
#ifndef CAFED_SCREENS_SHOP_H
#define CAFED_SCREENS_SHOP_H

#include "tui/tui.h"

extern const struct tui_screen	scr_shop;

#endif

/*
 * inventory.h -- the inventory screen (inventory.manage): products with
 * their stock, low stock, receiving, waste, stocktake, movements, and
 * the dashboard's snack bar section (today's sales, low stock).
 */
#ifndef CAFED_SCREENS_INVENTORY_H
#define CAFED_SCREENS_INVENTORY_H

#include "tui/tui.h"

struct scr_dash_section;

extern const struct tui_screen		scr_inventory;
extern const struct scr_dash_section	scr_inventory_dash;

#endif

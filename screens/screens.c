/*
 * screens.c -- the one list of screens, in top-bar order (the number
 * keys follow it, counting only the screens the user may use).
 */
#include "screens/screens.h"

#include "screens/audit.h"
#include "screens/dashboard.h"
#include "screens/inventory.h"
#include "screens/reports.h"
#include "screens/shift.h"
#include "screens/shop.h"
#include "screens/stations.h"
#include "screens/users.h"
#include "screens/wallets.h"

/* Add a screen with one line here, where its tab belongs; Audit stays
 * last. */
const struct tui_screen *const scr_screens[] = {
	&scr_dashboard,
	&scr_stations,
	&scr_wallets,
	&scr_shop,
	&scr_inventory,
	&scr_shift,
	&scr_reports,
	&scr_users,
	&scr_audit,
};
const size_t scr_screens_count = TUI_NKEYS(scr_screens);

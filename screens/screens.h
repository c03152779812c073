/*
 * screens.h -- every screen of the TUI, in top-bar order.
 */
#ifndef CAFED_SCREENS_SCREENS_H
#define CAFED_SCREENS_SCREENS_H

#include <stddef.h>

#include "tui/tui.h"

extern const struct tui_screen *const	scr_screens[];
extern const size_t			scr_screens_count;

#endif

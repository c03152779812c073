/*
 * shift.h -- the shift screen (shift.operate): open with the float,
 * paid-in and paid-out, the blind close, Z-reports, force-close for
 * shift.manage; and the shift text of the top bar.
 */
#ifndef CAFED_SCREENS_SHIFT_H
#define CAFED_SCREENS_SHIFT_H

#include <stddef.h>

#include "tui/tui.h"

struct scr_app;

extern const struct tui_screen	scr_shift;

/*
 * The top bar's shift part: "shift 12 since 14:00" for the user's open
 * shift, then "2 approvals waiting" for approvers; "" when neither.
 */
void	scr_shift_top(struct scr_app *, char *buf, size_t size);

#endif

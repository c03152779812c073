/*
 * audit.h -- the audit trail screen (audit.view).
 */
#ifndef CAFED_SCREENS_AUDIT_H
#define CAFED_SCREENS_AUDIT_H

#include "tui/tui.h"

extern const struct tui_screen	scr_audit;

#endif

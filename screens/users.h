/*
 * users.h -- the staff accounts screen (user.manage): the list, adding,
 * disabling, roles, passwords, two-factor resets, recovery codes,
 * registered keys and live logins.
 */
#ifndef CAFED_SCREENS_USERS_H
#define CAFED_SCREENS_USERS_H

#include "tui/tui.h"

extern const struct tui_screen	scr_users;

#endif

/*
 * enroll.h -- first login: set up TOTP before anything else.
 *
 * A screen of its own, run alone: the otpauth URI as a QR code in half
 * blocks, the secret in base32 for typing, a field for the 6-digit code;
 * once a code checks out the secret is stored (auth_totp_enroll) and the
 * ten recovery codes are shown once. Esc or q logs out instead.
 */
#ifndef CAFED_SCREENS_ENROLL_H
#define CAFED_SCREENS_ENROLL_H

#include <stddef.h>

#include "tui/tui.h"

struct scr_app;

/*
 * Run the enrollment with ops (ticks keep running: idle logout, ended
 * logins). Returns 0 once the user is enrolled, 1 when they left
 * (logged out, idle, login ended) or enrollment failed.
 */
int	scr_enroll_run(struct tui *, struct scr_app *,
	    const struct tui_app_ops *ops);

/*
 * The issuer for the otpauth URI: the café's name folded to ASCII
 * letters and digits, cut so that the URI of account with a 20-byte
 * secret stays within TOTP_URI_QR_MAX bytes (at least one character;
 * "cafed" when nothing is left). Into out (size bytes).
 */
void	scr_enroll_issuer(const char *cafe, const char *account, char *out,
	    size_t size);

#endif

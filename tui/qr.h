/*
 * qr.h -- QR codes drawn in the terminal (libqrencode), for TOTP
 * enrolment: black on white with a 2-module quiet zone, two module rows
 * per text row with half blocks in UTF-8 mode, two cells per module in
 * ASCII mode. A 78-byte otpauth URI (33x33 modules) takes 37x19 cells.
 */
#ifndef CAFED_TUI_QR_H
#define CAFED_TUI_QR_H

#include "tui/tui.h"

/*
 * The rows and columns the code for text takes in the theme's mode
 * (quiet zone included). Returns 0, or ERR_INVALID if text cannot be
 * encoded; out-parameters are set on success only.
 */
int	tui_qr_size(const char *text, int *rows, int *cols);

/*
 * Draw the code for text with its top-left corner at y, x of w. Dark
 * modules render dark also without colour (reverse video). Returns 0,
 * ERR_INVALID if text cannot be encoded, or ERR_RANGE (nothing drawn)
 * if it does not fit in w.
 */
int	tui_qr_draw(WINDOW *w, int y, int x, const char *text);

/*
 * Full-screen: the code for uri at the left, title and caption (lines
 * split at '\n', e.g. the base32 secret) at its right, until Enter or
 * Esc. When the code cannot fit, says so and shows the caption alone.
 * Returns 0, or -1 when the session ends meanwhile.
 */
int	tui_qr_show(struct tui *t, const char *title, const char *uri,
	    const char *caption);

#endif

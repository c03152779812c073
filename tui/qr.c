/*
 * qr.c -- encoding with libqrencode and drawing modules as text cells.
 */
#include "tui/qr.h"

#include <qrencode.h>
#include <string.h>

#include "common/err.h"
#include "tui/text.h"
#include "tui/theme.h"

#define QUIET	2	/* modules of white around the code */

/* Encode text as in SSH-NOTES: level L, 8-bit mode, case-sensitive. */
static QRcode *
qr_encode(const char *text)
{
	if (text == NULL || text[0] == '\0')
		return NULL;
	return QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
}

/* 1 if module r, c (quiet zone included) is dark. */
static int
qr_dark(const QRcode *q, int r, int c)
{
	r -= QUIET;
	c -= QUIET;
	if (r < 0 || c < 0 || r >= q->width || c >= q->width)
		return 0;
	return q->data[r * q->width + c] & 1;
}

/* Cells for a symbol of width modules, in the current mode. */
static void
qr_cells(int width, int *rows, int *cols)
{
	int m = width + 2 * QUIET;

	if (tui_theme_ascii()) {
		*rows = m;
		*cols = 2 * m;
	} else {
		*rows = (m + 1) / 2;
		*cols = m;
	}
}

int
tui_qr_size(const char *text, int *rows, int *cols)
{
	QRcode *q;

	if ((q = qr_encode(text)) == NULL)
		return ERR_INVALID;
	qr_cells(q->width, rows, cols);
	QRcode_free(q);
	return 0;
}

/* One text row of the code: half blocks, or reverse-video cell pairs. */
static void
qr_row(WINDOW *w, int y, int x, const QRcode *q, int row, int m)
{
	static const char *const half[4] = { " ", "\xe2\x96\x84",
	    "\xe2\x96\x80", "\xe2\x96\x88" };	/* none, low, high, both */
	attr_t light = tui_theme_attr(TUI_QR);
	int c, top, bottom;

	wmove(w, y, x);
	for (c = 0; c < m; c++) {
		if (tui_theme_ascii()) {
			wattrset(w, qr_dark(q, row, c) ? light ^ A_REVERSE :
			    light);
			waddstr(w, "  ");
			continue;
		}
		top = qr_dark(q, 2 * row, c);
		bottom = qr_dark(q, 2 * row + 1, c);
		wattrset(w, light);
		waddstr(w, half[top * 2 + bottom]);
	}
}

int
tui_qr_draw(WINDOW *w, int y, int x, const char *text)
{
	int rows, cols, r, m;
	QRcode *q;

	if ((q = qr_encode(text)) == NULL)
		return ERR_INVALID;
	qr_cells(q->width, &rows, &cols);
	if (y < 0 || x < 0 || y + rows > getmaxy(w) ||
	    x + cols > getmaxx(w)) {
		QRcode_free(q);
		return ERR_RANGE;
	}
	m = q->width + 2 * QUIET;
	for (r = 0; r < rows; r++)
		qr_row(w, y + r, x, q, r, m);
	wattrset(w, A_NORMAL);
	QRcode_free(q);
	return 0;
}

/* Lines of caption from row y at column x, as wide as w allows. */
static void
qr_caption(WINDOW *w, int y, int x, const char *caption)
{
	char line[256];
	const char *p = caption, *nl;
	size_t len;

	while (p != NULL && y < getmaxy(w)) {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		tui_text_put(w, y++, x, getmaxx(w) - x - 1, line, TUI_LEFT);
		p = nl != NULL ? nl + 1 : NULL;
	}
}

/* The whole screen: code left, text right; or the text and a note. */
static void
qr_show_draw(const char *title, const char *uri, const char *caption)
{
	int rows, cols, x = 1;
	WINDOW *w;

	if ((w = newwin(LINES, COLS, 0, 0)) == NULL)
		return;
	if (tui_qr_size(uri, &rows, &cols) == 0 && rows <= LINES &&
	    cols + 24 <= COLS && tui_qr_draw(w, 0, 1, uri) == 0)
		x = cols + 3;
	wattrset(w, A_BOLD);
	tui_text_put(w, 1, x, COLS - x - 1, title, TUI_LEFT);
	wattrset(w, A_NORMAL);
	if (x == 1)
		tui_text_put(w, 2, x, COLS - x - 1, "The terminal is too small "
		    "for the QR code: type the secret below instead.",
		    TUI_LEFT);
	qr_caption(w, 4, x, caption);
	tui_text_put(w, LINES - 2, x, COLS - x - 1, "Press Enter when done.",
	    TUI_LEFT);
	wnoutrefresh(w);
	delwin(w);
}

int
tui_qr_show(struct tui *t, const char *title, const char *uri,
    const char *caption)
{
	int key;

	for (;;) {
		if (tui_modal_paint(t))
			qr_show_draw(title, uri, caption);
		key = tui_modal_key(t);
		if (key == TUI_KEY_ABORT)
			break;
		if (key == TUI_KEY_ENTER || key == TUI_KEY_ESC) {
			tui_modal_done(t);
			return 0;
		}
	}
	tui_modal_done(t);
	return -1;
}

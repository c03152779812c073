/*
 * text.c -- fitting sanitized UTF-8 into display columns.
 */
#include "tui/text.h"

#include <string.h>
#include <wchar.h>

#include "common/str.h"
#include "tui/theme.h"

#define TEXT_MAX	2048	/* bytes of src considered; wider than any row */

/* Decode the (sanitized, so valid) UTF-8 sequence at s; returns its length. */
static size_t
text_decode(const unsigned char *s, wchar_t *cp)
{
	unsigned int c = s[0];
	size_t n, i;

	if (c < 0x80) {
		*cp = (wchar_t)c;
		return 1;
	}
	n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	c &= 0x3fu >> (n - 1);
	for (i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3fu);
	*cp = (wchar_t)c;
	return n;
}

/* Columns cp takes, or -1 if it must be shown as '?' (one column). */
static int
text_cell(wchar_t cp, int ascii)
{
	int w;

	if (cp < 0x80)
		return 1;
	if (ascii)
		return -1;
	w = wcwidth(cp);
	return w < 0 ? -1 : w;
}

/* Columns of the sanitized string s. */
static int
text_span(const char *s, int ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	wchar_t cp;
	int total = 0, w;

	while (*p != '\0') {
		p += text_decode(p, &cp);
		w = text_cell(cp, ascii);
		total += w < 0 ? 1 : w;
	}
	return total;
}

int
tui_text_fit(char *dst, size_t size, const char *src, int width, int ascii)
{
	const char *ell = ascii ? "~" : "\xe2\x80\xa6";
	char buf[TEXT_MAX];
	const unsigned char *p;
	size_t o = 0, n, elen = strlen(ell);
	int used = 0, limit, w, over;
	wchar_t cp;

	if (size == 0)
		return 0;
	dst[0] = '\0';
	if (width <= 0)
		return 0;
	str_sanitize(buf, sizeof(buf), src != NULL ? src : "");
	over = text_span(buf, ascii) > width;
	limit = over ? width - 1 : width;
	for (p = (const unsigned char *)buf; *p != '\0'; p += n) {
		n = text_decode(p, &cp);
		w = text_cell(cp, ascii);
		if (used + (w < 0 ? 1 : w) > limit || o + n + elen >= size)
			break;
		if (w < 0) {
			dst[o++] = '?';
			w = 1;
		} else {
			memcpy(dst + o, p, n);
			o += n;
		}
		used += w;
	}
	if (over && o + elen < size) {
		memcpy(dst + o, ell, elen);
		o += elen;
		used++;
	}
	dst[o] = '\0';
	return used;
}

size_t
tui_text_utf8(char *out, int cp)
{
	size_t n = 0;

	if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		;
	else if (cp < 0x80)
		out[n++] = (char)cp;
	else if (cp < 0x800) {
		out[n++] = (char)(0xc0 | (cp >> 6));
		out[n++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[n++] = (char)(0xe0 | (cp >> 12));
		out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[n++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[n++] = (char)(0xf0 | (cp >> 18));
		out[n++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[n++] = (char)(0x80 | (cp & 0x3f));
	}
	out[n] = '\0';
	return n;
}

int
tui_text_width(const char *src)
{
	char buf[TEXT_MAX];

	str_sanitize(buf, sizeof(buf), src != NULL ? src : "");
	return text_span(buf, tui_theme_ascii());
}

int
tui_text_put(WINDOW *w, int y, int x, int width, const char *src, int align)
{
	char buf[TEXT_MAX];
	int used, lead, i;

	if (width <= 0)
		return 0;
	used = tui_text_fit(buf, sizeof(buf), src, width, tui_theme_ascii());
	lead = align == TUI_RIGHT ? width - used :
	    align == TUI_CENTER ? (width - used) / 2 : 0;
	wmove(w, y, x);
	for (i = 0; i < lead; i++)
		waddch(w, ' ');
	waddstr(w, buf);
	for (i = lead + used; i < width; i++)
		waddch(w, ' ');
	return used;
}

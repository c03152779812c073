/*
 * edit.c -- the line editor behind form fields and prompts.
 */
#include "tui/edit.h"

#include <stdlib.h>
#include <string.h>

#include "common/str.h"
#include "common/xmalloc.h"
#include "tui/text.h"
#include "tui/theme.h"
#include "tui/tui.h"

#define EDIT_MAX	256	/* characters when the caller says 0 */
#define EDIT_LIMIT	1024	/* characters at most */

struct tui_edit {
	char	*buf;
	size_t	 len, cur, cap;	/* bytes */
	size_t	 count, max;	/* characters */
};

/* 1 if byte c starts a UTF-8 character. */
#define LEAD(c)	(((unsigned char)(c) & 0xc0) != 0x80)

struct tui_edit *
tui_edit_new(size_t max)
{
	struct tui_edit *e = xcalloc(1, sizeof(*e));

	e->max = max == 0 ? EDIT_MAX : max > EDIT_LIMIT ? EDIT_LIMIT : max;
	e->cap = e->max * 4 + 1;
	e->buf = xcalloc(1, e->cap);
	return e;
}

void
tui_edit_free(struct tui_edit *e)
{
	if (e == NULL)
		return;
	freezero_str(e->buf);
	free(e);
}

/* Characters in the n bytes at s. */
static size_t
edit_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += LEAD(s[i]);
	return c;
}

void
tui_edit_set(struct tui_edit *e, const char *s)
{
	size_t i, c = 0;

	str_sanitize(e->buf, e->cap, s != NULL ? s : "");
	for (i = 0; e->buf[i] != '\0'; i++)
		if (LEAD(e->buf[i]) && ++c > e->max)
			break;
	memset(e->buf + i, 0, e->cap - i);
	e->len = e->cur = i;
	e->count = edit_chars(e->buf, i);
}

const char *
tui_edit_text(const struct tui_edit *e)
{
	return e->buf;
}

size_t
tui_edit_cursor(const struct tui_edit *e)
{
	return edit_chars(e->buf, e->cur);
}

/* Byte offset of the character before / after offset at. */
static size_t
edit_prev(const struct tui_edit *e, size_t at)
{
	while (at > 0 && !LEAD(e->buf[--at]))
		;
	return at;
}

static size_t
edit_next(const struct tui_edit *e, size_t at)
{
	if (at < e->len)
		while (++at < e->len && !LEAD(e->buf[at]))
			;
	return at;
}

/* Remove the bytes [from, to) of the text. */
static void
edit_cut(struct tui_edit *e, size_t from, size_t to)
{
	e->count -= edit_chars(e->buf + from, to - from);
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	memset(e->buf + e->len - (to - from), 0, to - from);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

/* Insert the character key at the cursor if it is printable. */
static int
edit_insert(struct tui_edit *e, int key)
{
	char u[8];
	size_t n;

	if (key < 0x20 || (n = tui_text_utf8(u, key)) == 0 ||
	    str_has_control(u))
		return 0;
	if (e->count >= e->max || e->len + n >= e->cap)
		return 1;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, u, n);
	e->len += n;
	e->cur += n;
	e->count++;
	return 1;
}

int
tui_edit_key(struct tui_edit *e, int key)
{
	switch (key) {
	case TUI_KEY_LEFT:	e->cur = edit_prev(e, e->cur); break;
	case TUI_KEY_RIGHT:	e->cur = edit_next(e, e->cur); break;
	case TUI_KEY_HOME:
	case TUI_KEY_CTRL('A'):	e->cur = 0; break;
	case TUI_KEY_END:
	case TUI_KEY_CTRL('E'):	e->cur = e->len; break;
	case TUI_KEY_BACKSPACE:	edit_cut(e, edit_prev(e, e->cur), e->cur); break;
	case TUI_KEY_DEL:
	case TUI_KEY_CTRL('D'):	edit_cut(e, e->cur, edit_next(e, e->cur)); break;
	case TUI_KEY_CTRL('U'):	edit_cut(e, 0, e->cur); break;
	case TUI_KEY_CTRL('K'):	edit_cut(e, e->cur, e->len); break;
	default:
		return edit_insert(e, key);
	}
	return 1;
}

/* Columns of the first n bytes of s as shown. */
static int
edit_width(const char *s, size_t n, int secret)
{
	char tmp[EDIT_LIMIT * 4 + 1];

	if (secret)
		return (int)edit_chars(s, n);
	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return tui_text_width(tmp);
}

int
tui_edit_view(const struct tui_edit *e, int width, int secret, char *out,
    size_t size)
{
	char stars[EDIT_LIMIT + 1];
	size_t start = 0, i;
	int col = edit_width(e->buf, e->cur, secret);

	while (start < e->cur &&
	    col - edit_width(e->buf, start, secret) > width - 1)
		start = edit_next(e, start);
	col -= edit_width(e->buf, start, secret);
	if (secret) {
		for (i = 0; i < e->count && i + 1 < sizeof(stars); i++)
			stars[i] = '*';
		stars[i] = '\0';
		tui_text_fit(out, size, stars + edit_chars(e->buf, start),
		    width, tui_theme_ascii());
	} else
		tui_text_fit(out, size, e->buf + start, width,
		    tui_theme_ascii());
	return col;
}

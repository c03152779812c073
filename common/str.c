/*
 * str.c -- string helpers: sanitizing user text, copying, hex.
 */
#include "common/str.h"

#include <ctype.h>
#include <string.h>

#include "common/xmalloc.h"

/* Length of the valid UTF-8 sequence at s, or 0 if invalid or control. */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] < 0x20 || s[0] == 0x7f)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp >= 0x80 && cp < 0xa0)	/* C1 controls */
		return 0;
	if (cp == 0x2028 || cp == 0x2029 || cp == 0x202e || cp == 0x200f ||
	    cp == 0x202b || cp == 0x202d || cp == 0x2066 || cp == 0x2067 ||
	    cp == 0x2068 || cp == 0x2069)	/* line breaks and bidi tricks */
		return 0;
	return n;
}

char *
str_sanitize(char *dst, size_t size, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, n;

	if (size == 0)
		return dst;
	while (*s != '\0') {
		n = utf8_len(s);
		if (n == 0) {
			if (o + 1 >= size)
				break;
			dst[o++] = '?';
			s++;
			continue;
		}
		if (o + n >= size)
			break;
		memcpy(dst + o, s, n);
		o += n;
		s += n;
	}
	dst[o] = '\0';
	return dst;
}

char *
str_sanitize_dup(const char *src)
{
	size_t size = strlen(src) + 1;
	char *dst = xmalloc(size);

	return str_sanitize(dst, size, src);
}

int
str_has_control(const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n;

	while (*s != '\0') {
		if ((n = utf8_len(s)) == 0)
			return 1;
		s += n;
	}
	return 0;
}

size_t
str_lcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *
str_lower(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

char *
str_trim(char *s)
{
	size_t len;
	char *p = s;

	while (*p != '\0' && isspace((unsigned char)*p))
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

char *
str_hex(char *out, const unsigned char *in, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
	return out;
}

size_t
str_width(const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t w = 0;

	for (; *s != '\0'; s++)
		if ((*s & 0xc0) != 0x80)
			w++;
	return w;
}

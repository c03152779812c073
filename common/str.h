/*
 * str.h -- small string helpers shared by every layer.
 */
#ifndef CAFED_STR_H
#define CAFED_STR_H

#include <stddef.h>

/*
 * Copy src into dst (size bytes) with every control character (C0, DEL,
 * C1, and invalid UTF-8) replaced by '?', so text that came from a user
 * can reach a screen or a log without carrying escape sequences. Always
 * NUL-terminates; never splits a UTF-8 sequence. Returns dst.
 */
char	*str_sanitize(char *dst, size_t size, const char *src);

/* Like str_sanitize into a new string the caller frees. */
char	*str_sanitize_dup(const char *src);

/* 1 if s holds a control character or invalid UTF-8, else 0. */
int	 str_has_control(const char *s);

/* Copy with truncation, always NUL-terminated; returns strlen(src). */
size_t	 str_lcpy(char *dst, const char *src, size_t size);

/* Lower-case ASCII letters of s in place; returns s. */
char	*str_lower(char *s);

/* Trim leading and trailing ASCII white space in place; returns s. */
char	*str_trim(char *s);

/* Hex-encode len bytes into out (2*len+1 bytes); returns out. */
char	*str_hex(char *out, const unsigned char *in, size_t len);

/* Number of terminal columns s takes (UTF-8 aware, one per code point). */
size_t	 str_width(const char *s);

#endif

/*
 * xmalloc.h -- allocation that never returns NULL, and fatal().
 *
 * Out of memory is fatal: each login is its own process, so it ends one
 * session. fatal() runs the registered cleanup (the TUI restores the
 * terminal) before it exits.
 */
#ifndef CAFED_XMALLOC_H
#define CAFED_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Print "cafed: message" to stderr (after the cleanup hook) and exit(1). */
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* Run fn before fatal() prints; one hook, NULL removes it. */
void	 fatal_set_cleanup(void (*fn)(void));

/* Wipe and free a string holding a secret; NULL is a no-op. */
void	 freezero_str(char *);

#endif

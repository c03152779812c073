/*
 * xmalloc.c -- allocation wrappers in the manner of tmux and OpenSSH.
 */
#include "common/xmalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_cleanup)(void);

void
fatal_set_cleanup(void (*fn)(void))
{
	fatal_cleanup = fn;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_cleanup != NULL) {
		void (*fn)(void) = fatal_cleanup;

		fatal_cleanup = NULL;
		fn();
	}
	fputs("cafed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory allocating %zu * %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		fatal("allocation overflow: %zu * %zu bytes", n, size);
	if ((p = realloc(ptr, n * size)) == NULL)
		fatal("out of memory allocating %zu * %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory duplicating a string");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		fatal("out of memory duplicating a string");
	return p;
}

int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	int n;

	if ((n = vasprintf(out, fmt, ap)) < 0 || *out == NULL)
		fatal("out of memory formatting a string");
	return n;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}

void
freezero_str(char *s)
{
	volatile char *v = s;

	if (s == NULL)
		return;
	while (*v != '\0')
		*v++ = '\0';
	free(s);
}

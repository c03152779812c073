/*
 * cafed.c -- the cafed entry point (the SSH server comes with its issue).
 */
#include <stdio.h>

int
main(void)
{
	fputs("cafed: the SSH server is not built yet\n", stderr);
	return 1;
}

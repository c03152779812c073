/*
 * ctl.c -- cafectl entry point (commands are being built).
 */
#include <stdio.h>

int
main(void)
{
	fputs("cafectl: no commands yet\n", stderr);
	return 2;
}

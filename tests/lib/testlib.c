/*
 * testlib.c -- temporary directories for tests.
 */
#include "tests/lib/testlib.h"

#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/xmalloc.h"

char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path;

	xasprintf(&path, "%s/cafed-test.XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	if (mkdtemp(path) == NULL)
		fatal("mkdtemp %s failed", path);
	return path;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
test_rmtree(const char *path)
{
	if (path != NULL)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

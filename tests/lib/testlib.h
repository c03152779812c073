/*
 * testlib.h -- shared helpers for the Check suites.
 *
 * Each tests/check_<module>.c defines `Suite *<module>_suite(void)` and
 * ends with TEST_MAIN(<module>_suite).
 */
#ifndef CAFED_TESTLIB_H
#define CAFED_TESTLIB_H

#include <check.h>
#include <stdlib.h>

#define TEST_MAIN(suite_fn)						\
int									\
main(void)								\
{									\
	SRunner *sr = srunner_create(suite_fn());			\
	int failed;							\
									\
	srunner_run_all(sr, CK_NORMAL);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

/* Make a fresh temporary directory; returns its path (caller frees). */
char	*test_tmpdir(void);

/* Remove a directory tree made by test_tmpdir(). */
void	 test_rmtree(const char *path);

#endif

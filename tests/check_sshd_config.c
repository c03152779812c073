/*
 * check_sshd_config.c -- cafed.conf: defaults, keywords, durations, the
 * file:line: reason of a refusal, the command line on top; CIDR lists.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "sshd/cidr.h"
#include "sshd/config.h"
#include "tests/lib/testlib.h"

/* Write text to a fresh file; returns its path (caller frees). */
static char *
conf_file(char **dir, const char *text)
{
	char *path;
	FILE *f;

	*dir = test_tmpdir();
	ck_assert_int_ne(asprintf(&path, "%s/cafed.conf", *dir), -1);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

/* Load text; returns the result and the error into err. */
static int
load_text(struct sshd_config *c, const char *text, char *err, size_t size)
{
	char *dir, *path = conf_file(&dir, text), *base;
	int r;

	err[0] = '\0';
	r = sshd_config_load(c, path, err, size);
	/* Strip the directory so the tests can compare the message. */
	if ((base = strstr(err, "cafed.conf")) != NULL)
		memmove(err, base, strlen(base) + 1);
	test_rmtree(dir);
	free(dir);
	free(path);
	return r;
}

START_TEST(defaults)
{
	struct sshd_config *c = sshd_config_new();

	ck_assert_str_eq(c->listen, "127.0.0.1");
	ck_assert_int_eq(c->port, 2222);
	ck_assert_int_eq(c->max_startups, 10);
	ck_assert_int_eq(c->max_pending, 100);
	ck_assert_int_eq(c->login_grace_time, 60);
	ck_assert_int_eq(c->idle_timeout, 900);
	ck_assert_int_eq(c->throttle.pair.lock_after, 5);
	ck_assert_int_eq(c->throttle.pair.lock_s, 300);
	ck_assert_int_eq(c->throttle.account.lock_after, 0);
	ck_assert_ptr_null(c->admin_allow);
	sshd_config_free(c);
}
END_TEST

START_TEST(file_values_and_comments)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "# cafed\n; also a comment\n"
	    "port = 2299\nlisten = ::1\nidle_timeout = 5m ; inline\n"
	    "auth_fail_delay = 250ms\nlockout_time = 1h\n"
	    "slowdown_delay = 2s # inline\nlog_level = debug\n", err,
	    sizeof err), 0);
	ck_assert_int_eq(c->port, 2299);
	ck_assert_str_eq(c->listen, "::1");
	ck_assert_int_eq(c->idle_timeout, 300);
	ck_assert_int_eq(c->auth_fail_delay_ms, 250);
	ck_assert_int_eq(c->throttle.pair.lock_s, 3600);
	ck_assert_int_eq(c->throttle.pair.delay_ms, 2000);
	ck_assert_int_eq(c->throttle.addr.delay_ms, 2000);
	ck_assert_int_eq(c->log_level, LOG_LVL_DEBUG);
	sshd_config_free(c);
}
END_TEST

START_TEST(unknown_keyword_names_file_and_line)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "port = 2299\n\nprot = 22\n", err,
	    sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:3: unknown keyword 'prot'");
	sshd_config_free(c);
}
END_TEST

START_TEST(bad_value_names_file_line_and_reason)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "# x\nport = 70000\n", err, sizeof err),
	    ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:2: port: '70000' is out of range "
	    "(1 to 65535)");
	sshd_config_free(c);
}
END_TEST

START_TEST(bad_duration_refused)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "login_grace_time = 1500ms\n", err,
	    sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:1: login_grace_time: '1500ms' is "
	    "not whole seconds");
	ck_assert_int_eq(load_text(c, "idle_timeout = soon\n", err,
	    sizeof err), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err, "is not a duration"));
	sshd_config_free(c);
}
END_TEST

START_TEST(sections_and_twice_refused)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "[server]\nport = 1\n", err,
	    sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:2: sections such as [server] are "
	    "not used");
	ck_assert_int_eq(load_text(c, "port = 1\nport = 2\n", err,
	    sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:2: port: given twice");
	ck_assert_int_eq(load_text(c, "just words\n", err, sizeof err),
	    ERR_INVALID);
	ck_assert_str_eq(err, "cafed.conf:1: not a 'keyword = value' line");
	sshd_config_free(c);
}
END_TEST

START_TEST(missing_file_is_io_error)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(sshd_config_load(c, "/nonexistent/cafed.conf", err,
	    sizeof err), ERR_IO);
	ck_assert_str_eq(err, "/nonexistent/cafed.conf: No such file or "
	    "directory");
	sshd_config_free(c);
}
END_TEST

START_TEST(command_line_wins)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(load_text(c, "port = 2299\n", err, sizeof err), 0);
	ck_assert_int_eq(sshd_config_set(c, "port", "2300", err, sizeof err),
	    0);
	ck_assert_int_eq(c->port, 2300);
	ck_assert_int_eq(sshd_config_set(c, "port", "x", err, sizeof err),
	    ERR_INVALID);
	ck_assert_str_eq(err, "port: 'x' is not a number");
	ck_assert_int_eq(sshd_config_set(c, "nope", "1", err, sizeof err),
	    ERR_NOTFOUND);
	ck_assert_int_eq(c->port, 2300);
	sshd_config_free(c);
}
END_TEST

START_TEST(finish_fills_paths_and_checks)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(sshd_config_set(c, "db", "/var/lib/cafe.db", err,
	    sizeof err), 0);
	ck_assert_int_eq(sshd_config_finish(c, err, sizeof err), 0);
	ck_assert_str_eq(c->key_path, "/var/lib/cafe.db.key");
	ck_assert_str_eq(c->host_key_path, "/var/lib/cafe.db.hostkey");
	ck_assert_int_gt(c->argon2_slots, 0);
	sshd_config_free(c);
	c = sshd_config_new();
	ck_assert_int_eq(sshd_config_set(c, "max_pending", "5", err,
	    sizeof err), 0);
	ck_assert_int_eq(sshd_config_finish(c, err, sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "max_pending_per_source (10) is more than "
	    "max_pending (5)");
	sshd_config_free(c);
}
END_TEST

START_TEST(admin_allow_parsed)
{
	struct sshd_config *c = sshd_config_new();
	char err[256];

	ck_assert_int_eq(sshd_config_set(c, "admin_allow", "127.0.0.0/8, "
	    "::1/128, 192.168.1.10", err, sizeof err), 0);
	ck_assert_uint_eq(c->nadmin_allow, 3);
	ck_assert_int_eq(sshd_config_set(c, "admin_allow", "10.0.0.0/33",
	    err, sizeof err), ERR_INVALID);
	ck_assert_str_eq(err, "admin_allow: '10.0.0.0/33' is not an address "
	    "or ADDRESS/BITS network");
	sshd_config_free(c);
}
END_TEST

START_TEST(cidr_matches_v4_v6_and_mapped)
{
	struct sshd_cidr *l = NULL;
	char why[128];
	size_t n;

	ck_assert_int_eq(sshd_cidr_parse_list("127.0.0.0/8, 10.1.0.0/16, "
	    "2001:db8::/32, ::1", &l, &n, why, sizeof why), 0);
	ck_assert(sshd_cidr_match(l, n, "127.9.9.9"));
	ck_assert(sshd_cidr_match(l, n, "10.1.255.1"));
	ck_assert(!sshd_cidr_match(l, n, "10.2.0.1"));
	ck_assert(sshd_cidr_match(l, n, "2001:db8:1::5"));
	ck_assert(!sshd_cidr_match(l, n, "2001:db9::5"));
	ck_assert(sshd_cidr_match(l, n, "::1"));
	ck_assert(sshd_cidr_match(l, n, "::ffff:127.0.0.1"));
	ck_assert(!sshd_cidr_match(l, n, "local"));
	free(l);
}
END_TEST

START_TEST(throttle_key_uses_ipv6_slash_64)
{
	char key[80];

	ck_assert_str_eq(sshd_cidr_throttle_key("192.0.2.1", key, sizeof key),
	    "192.0.2.1");
	ck_assert_str_eq(sshd_cidr_throttle_key("2001:db8:1:2:3:4:5:6", key,
	    sizeof key), "2001:db8:1:2::/64");
}
END_TEST

static Suite *
sshd_config_suite(void)
{
	Suite *s = suite_create("sshd_config");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, file_values_and_comments);
	tcase_add_test(tc, unknown_keyword_names_file_and_line);
	tcase_add_test(tc, bad_value_names_file_line_and_reason);
	tcase_add_test(tc, bad_duration_refused);
	tcase_add_test(tc, sections_and_twice_refused);
	tcase_add_test(tc, missing_file_is_io_error);
	tcase_add_test(tc, command_line_wins);
	tcase_add_test(tc, finish_fills_paths_and_checks);
	tcase_add_test(tc, admin_allow_parsed);
	suite_add_tcase(s, tc);
	tc = tcase_create("cidr");
	tcase_add_test(tc, cidr_matches_v4_v6_and_mapped);
	tcase_add_test(tc, throttle_key_uses_ipv6_slash_64);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(sshd_config_suite)

/*
 * check_password.c -- the password policy and Argon2id hashing.
 *
 * Each Argon2id hash or verification costs about 0.1 s and 64 MiB, so
 * the real hash is made once, in an unchecked fixture the forked tests
 * inherit.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "model/password.h"
#include "tests/lib/testlib.h"

#define GOOD	"Tulip-Harbor-Lantern-58"

static char *good_hash;

static void
hash_setup(void)
{
	ck_assert_int_eq(password_hash(GOOD, &good_hash), 0);
}

static void
hash_teardown(void)
{
	free(good_hash);
	good_hash = NULL;
}

static const char *
refusal(const char *user, const char *password)
{
	const char *why = NULL;

	ck_assert_int_eq(password_policy_check(user, password, &why),
	    ERR_PASSWORD_POLICY);
	ck_assert_ptr_nonnull(why);
	return why;
}

START_TEST(policy_accepts_good_password)
{
	const char *why = "untouched";

	ck_assert_int_eq(password_policy_check("alice", GOOD, &why), 0);
	ck_assert_str_eq(why, "untouched");
}
END_TEST

START_TEST(policy_refuses_short)
{
	ck_assert_str_eq(refusal("alice", "Tulip-Harb8"),
	    "must be at least 12 characters long");
}
END_TEST

START_TEST(policy_refuses_empty)
{
	ck_assert_str_eq(refusal("alice", ""),
	    "must be at least 12 characters long");
}
END_TEST

START_TEST(policy_accepts_exactly_12)
{
	ck_assert_int_eq(password_policy_check("alice", "Tulip-Harb8x",
	    NULL), 0);
}
END_TEST

/* 11 code points in 33 bytes: too short, though over 12 bytes. */
START_TEST(policy_counts_code_points_not_bytes)
{
	const char *pw = "日本語のパスワードです";

	ck_assert_uint_eq(strlen(pw), 33);
	ck_assert_str_eq(refusal("alice", pw),
	    "must be at least 12 characters long");
}
END_TEST

START_TEST(policy_accepts_12_code_points)
{
	ck_assert_int_eq(password_policy_check("alice",
	    "日本語のパスワードですね", NULL), 0);
}
END_TEST

START_TEST(policy_refuses_over_1024_bytes)
{
	char pw[PASSWORD_MAX_BYTES + 2];
	size_t i;

	for (i = 0; i < sizeof(pw) - 1; i++)
		pw[i] = "abcdefghij"[i % 10];
	pw[sizeof(pw) - 1] = '\0';
	ck_assert_str_eq(refusal("alice", pw),
	    "must be at most 1024 bytes long");
	pw[PASSWORD_MAX_BYTES] = '\0';
	ck_assert_int_eq(password_policy_check("alice", pw, NULL), 0);
}
END_TEST

START_TEST(policy_refuses_user_name)
{
	ck_assert_str_eq(refusal("alice", "my-alice-password-7"),
	    "must not contain the user name");
}
END_TEST

START_TEST(policy_refuses_user_name_any_case)
{
	ck_assert_str_eq(refusal("Alice", "my-aLICe-password-7"),
	    "must not contain the user name");
	ck_assert_str_eq(refusal("bob", "Harbor-BOB-lantern"),
	    "must not contain the user name");
}
END_TEST

START_TEST(policy_skips_empty_user_name)
{
	ck_assert_int_eq(password_policy_check("", GOOD, NULL), 0);
	ck_assert_int_eq(password_policy_check(NULL, GOOD, NULL), 0);
}
END_TEST

/* Twelve characters or more, so that only the list can refuse them. */
static const char *const common_long[] = {
	"password1234", "123456789012", "qwertyuiop123", "iloveyou1234",
	"1q2w3e4r5t6y", "passwordpassword", "letmein12345",
	"administrator", "123qweasdzxc", "zaq12wsxcde3",
	"unbelievable", "scandinavian", "qwertyuiopasdfgh",
};

START_TEST(policy_refuses_common)
{
	size_t i;

	for (i = 0; i < sizeof(common_long) / sizeof(common_long[0]); i++) {
		ck_assert_uint_ge(strlen(common_long[i]), PASSWORD_MIN_CHARS);
		ck_assert_str_eq(refusal("", common_long[i]),
		    "is one of the most common passwords");
	}
}
END_TEST

START_TEST(policy_refuses_common_any_case)
{
	ck_assert_str_eq(refusal("", "PassWord1234"),
	    "is one of the most common passwords");
	ck_assert_str_eq(refusal("", "ADMINISTRATOR"),
	    "is one of the most common passwords");
}
END_TEST

START_TEST(policy_common_is_exact_match)
{
	ck_assert_int_eq(password_policy_check("", "password1234!", NULL),
	    0);
	ck_assert_int_eq(password_policy_check("", "xpassword1234", NULL),
	    0);
}
END_TEST

START_TEST(policy_reloads_after_cleanup)
{
	password_cleanup();
	ck_assert_str_eq(refusal("", "iloveyou1234"),
	    "is one of the most common passwords");
	password_cleanup();
	password_cleanup();
	ck_assert_int_eq(password_policy_check("", GOOD, NULL), 0);
}
END_TEST

START_TEST(policy_refuses_repeated_char)
{
	ck_assert_str_eq(refusal("", "zzzzzzzzzzzzzzzz"),
	    "must not be one character repeated");
	ck_assert_str_eq(refusal("", "éééééééééééé"),
	    "must not be one character repeated");
}
END_TEST

START_TEST(policy_accepts_two_chars_alternating)
{
	ck_assert_int_eq(password_policy_check("", "zyzyzyzyzyzyzy", NULL),
	    0);
}
END_TEST

START_TEST(policy_null_password_invalid)
{
	ck_assert_int_eq(password_policy_check("alice", NULL, NULL),
	    ERR_INVALID);
}
END_TEST

START_TEST(hash_is_argon2id_with_current_params)
{
	ck_assert_ptr_nonnull(good_hash);
	ck_assert_int_eq(strncmp(good_hash, "$argon2id$", 10), 0);
	ck_assert_ptr_nonnull(strstr(good_hash, "$m=65536,t=3,"));
}
END_TEST

START_TEST(hash_refuses_null_and_too_long)
{
	char pw[PASSWORD_MAX_BYTES + 2];
	char *out = NULL;

	memset(pw, 'x', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	ck_assert_int_eq(password_hash(NULL, &out), ERR_INVALID);
	ck_assert_int_eq(password_hash(pw, &out), ERR_INVALID);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(verify_right_password)
{
	ck_assert_int_eq(password_verify(good_hash, GOOD), 0);
}
END_TEST

START_TEST(verify_wrong_password)
{
	ck_assert_int_eq(password_verify(good_hash, "Tulip-Harbor-Lantern-59"),
	    ERR_AUTH);
}
END_TEST

START_TEST(verify_empty_password)
{
	ck_assert_int_eq(password_verify(good_hash, ""), ERR_AUTH);
}
END_TEST

START_TEST(verify_bad_hash)
{
	ck_assert_int_eq(password_verify(NULL, GOOD), ERR_AUTH);
	ck_assert_int_eq(password_verify("", GOOD), ERR_AUTH);
	ck_assert_int_eq(password_verify("$argon2id$v=19$garbage", GOOD),
	    ERR_AUTH);
	ck_assert_int_eq(password_verify(good_hash, NULL), ERR_AUTH);
}
END_TEST

START_TEST(fresh_hash_needs_no_rehash)
{
	ck_assert_int_eq(password_needs_rehash(good_hash), 0);
}
END_TEST

START_TEST(weaker_hash_needs_rehash)
{
	char weak[crypto_pwhash_STRBYTES];

	ck_assert_int_ge(sodium_init(), 0);
	ck_assert_int_eq(crypto_pwhash_str_alg(weak, GOOD, strlen(GOOD), 2,
	    32 * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
	ck_assert_int_eq(password_needs_rehash(weak), 1);
	ck_assert_int_eq(password_verify(weak, GOOD), 0);
}
END_TEST

START_TEST(garbage_needs_rehash)
{
	ck_assert_int_eq(password_needs_rehash(NULL), 1);
	ck_assert_int_eq(password_needs_rehash("plaintext"), 1);
}
END_TEST

/*
 * ASan reserves terabytes of shadow memory, so an address-space limit
 * cannot starve Argon2 alone there: that test is left out of ASan builds.
 */
#if !defined(__SANITIZE_ADDRESS__)
#define TEST_RLIMIT_AS 1

/* Bytes of address space this process uses now, from /proc. */
static rlim_t
vm_size(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu", &pages), 1);
	fclose(f);
	return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
}

/* Argon2 without its 64 MiB: ERR_NOMEM, not a crash. */
START_TEST(hash_without_memory_is_nomem)
{
	struct rlimit old, tight;
	char *out = NULL;
	int rc;

	ck_assert_int_eq(getrlimit(RLIMIT_AS, &old), 0);
	tight = old;
	tight.rlim_cur = vm_size() + 16 * 1024 * 1024;
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &tight), 0);
	rc = password_hash(GOOD, &out);
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &old), 0);
	ck_assert_int_eq(rc, ERR_NOMEM);
	ck_assert_ptr_null(out);
}
END_TEST
#endif

/* Two hashes of one password differ: the salt is random. */
START_TEST(hash_salt_is_random)
{
	char *other = NULL;

	ck_assert_int_eq(password_hash(GOOD, &other), 0);
	ck_assert_str_ne(other, good_hash);
	free(other);
}
END_TEST

/* An unknown user costs as much as a known one (within a wide margin). */
START_TEST(dummy_verify_costs_a_verify)
{
	int64_t t0, real, dummy;

	t0 = clock_mono_ms();
	ck_assert_int_eq(password_verify(good_hash, "wrong password 1"),
	    ERR_AUTH);
	real = clock_mono_ms() - t0;
	t0 = clock_mono_ms();
	password_dummy_verify("wrong password 1");
	password_dummy_verify(NULL);
	dummy = (clock_mono_ms() - t0) / 2;
	ck_assert_int_ge(real, 10);
	ck_assert_int_ge(dummy * 2, real);
	ck_assert_int_le(dummy, real * 2);
}
END_TEST

static Suite *
password_suite(void)
{
	Suite *s = suite_create("password");
	TCase *policy = tcase_create("policy");
	TCase *hash = tcase_create("hash");

	tcase_add_test(policy, policy_accepts_good_password);
	tcase_add_test(policy, policy_refuses_short);
	tcase_add_test(policy, policy_refuses_empty);
	tcase_add_test(policy, policy_accepts_exactly_12);
	tcase_add_test(policy, policy_counts_code_points_not_bytes);
	tcase_add_test(policy, policy_accepts_12_code_points);
	tcase_add_test(policy, policy_refuses_over_1024_bytes);
	tcase_add_test(policy, policy_refuses_user_name);
	tcase_add_test(policy, policy_refuses_user_name_any_case);
	tcase_add_test(policy, policy_skips_empty_user_name);
	tcase_add_test(policy, policy_refuses_common);
	tcase_add_test(policy, policy_refuses_common_any_case);
	tcase_add_test(policy, policy_common_is_exact_match);
	tcase_add_test(policy, policy_reloads_after_cleanup);
	tcase_add_test(policy, policy_refuses_repeated_char);
	tcase_add_test(policy, policy_accepts_two_chars_alternating);
	tcase_add_test(policy, policy_null_password_invalid);
	suite_add_tcase(s, policy);

	tcase_add_unchecked_fixture(hash, hash_setup, hash_teardown);
	tcase_set_timeout(hash, 60);
	tcase_add_test(hash, hash_is_argon2id_with_current_params);
	tcase_add_test(hash, hash_refuses_null_and_too_long);
	tcase_add_test(hash, verify_right_password);
	tcase_add_test(hash, verify_wrong_password);
	tcase_add_test(hash, verify_empty_password);
	tcase_add_test(hash, verify_bad_hash);
	tcase_add_test(hash, fresh_hash_needs_no_rehash);
	tcase_add_test(hash, weaker_hash_needs_rehash);
	tcase_add_test(hash, garbage_needs_rehash);
	tcase_add_test(hash, hash_salt_is_random);
#if defined(TEST_RLIMIT_AS)
	tcase_add_test(hash, hash_without_memory_is_nomem);
#endif
	tcase_add_test(hash, dummy_verify_costs_a_verify);
	suite_add_tcase(s, hash);
	return s;
}

TEST_MAIN(password_suite)

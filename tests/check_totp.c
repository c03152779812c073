/*
 * check_totp.c -- TOTP codes, drift, replay, base32, URIs, recovery codes.
 */
#include "model/totp.h"

#include <string.h>

#include "common/err.h"
#include "tests/lib/testlib.h"

/* The RFC 6238 SHA1 test secret. */
static const unsigned char rfc_secret[] = "12345678901234567890";
#define RFC_LEN	20
#define NOW	((int64_t)1111111111)	/* step 37037037, 1 s into it */

static const struct {
	int64_t		 t;
	const char	*code;
} rfc_vectors[] = {
	{ 59, "287082" },
	{ 1111111109, "081804" },
	{ 1111111111, "050471" },
	{ 1234567890, "005924" },
	{ 2000000000, "279037" },
	{ 20000000000, "353130" },
};

/* The code of the RFC secret at t, for feeding back to totp_verify. */
static const char *
rfc_code(int64_t t)
{
	static char code[TOTP_CODE_SIZE];

	ck_assert_int_eq(totp_code_at(rfc_secret, RFC_LEN, t, code), 0);
	return code;
}

START_TEST(test_rfc6238_vectors)
{
	char code[TOTP_CODE_SIZE];

	ck_assert_int_eq(totp_code_at(rfc_secret, RFC_LEN,
	    rfc_vectors[_i].t, code), 0);
	ck_assert_str_eq(code, rfc_vectors[_i].code);
}
END_TEST

START_TEST(test_code_at_negative_time)
{
	char code[TOTP_CODE_SIZE] = "keep";

	ck_assert_int_eq(totp_code_at(rfc_secret, RFC_LEN, -1, code),
	    ERR_RANGE);
	ck_assert_str_eq(code, "keep");
}
END_TEST

START_TEST(test_code_at_empty_secret)
{
	char code[TOTP_CODE_SIZE];

	ck_assert_int_eq(totp_code_at(rfc_secret, 0, NOW, code), ERR_INVALID);
}
END_TEST

START_TEST(test_verify_current_step)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "050471", -1,
	    &step), 0);
	ck_assert_int_eq(step, NOW / TOTP_STEP);
}
END_TEST

START_TEST(test_verify_previous_step)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW,
	    rfc_code(NOW - 30), -1, &step), 0);
	ck_assert_int_eq(step, NOW / TOTP_STEP - 1);
}
END_TEST

START_TEST(test_verify_next_step)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW,
	    rfc_code(NOW + 30), -1, &step), 0);
	ck_assert_int_eq(step, NOW / TOTP_STEP + 1);
}
END_TEST

START_TEST(test_verify_two_steps_back)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW,
	    rfc_code(NOW - 60), -1, &step), ERR_AUTH);
	ck_assert_int_eq(step, -5);
}
END_TEST

START_TEST(test_verify_two_steps_ahead)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW,
	    rfc_code(NOW + 60), -1, &step), ERR_AUTH);
	ck_assert_int_eq(step, -5);
}
END_TEST

START_TEST(test_verify_wrong_code)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "050472", -1,
	    NULL), ERR_AUTH);
}
END_TEST

START_TEST(test_verify_other_secret)
{
	static const unsigned char other[] = "09876543210987654321";

	ck_assert_int_eq(totp_verify(other, RFC_LEN, NOW, "050471", -1, NULL),
	    ERR_AUTH);
}
END_TEST

START_TEST(test_verify_replay_same_step)
{
	int64_t step;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "050471", -1,
	    &step), 0);
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW + 5, "050471",
	    step, &step), ERR_REPLAY);
}
END_TEST

START_TEST(test_verify_replay_older_step)
{
	int64_t step = -5;

	/* The next step was accepted; the current one is now too old. */
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "050471",
	    NOW / TOTP_STEP + 1, &step), ERR_REPLAY);
	ck_assert_int_eq(step, -5);
}
END_TEST

START_TEST(test_verify_after_accepted_step)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW,
	    rfc_code(NOW + 30), NOW / TOTP_STEP, &step), 0);
	ck_assert_int_eq(step, NOW / TOTP_STEP + 1);
}
END_TEST

START_TEST(test_verify_wrong_code_is_not_replay)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "000000",
	    NOW / TOTP_STEP, NULL), ERR_AUTH);
}
END_TEST

START_TEST(test_verify_near_epoch)
{
	int64_t step = -5;

	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, 59, "287082", -1,
	    &step), 0);
	ck_assert_int_eq(step, 1);
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, 0, rfc_code(0), -1,
	    &step), 0);
	ck_assert_int_eq(step, 0);
}
END_TEST

START_TEST(test_verify_negative_now)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, -30, "287082", -1,
	    NULL), ERR_RANGE);
}
END_TEST

START_TEST(test_verify_empty_secret)
{
	ck_assert_int_eq(totp_verify(rfc_secret, 0, NOW, "050471", -1, NULL),
	    ERR_INVALID);
}
END_TEST

static const char *malformed[] = {
	"05047",	/* 5 digits */
	"0504711",	/* 7 digits */
	"05047a",	/* a letter */
	"abcdef",
	"",
	"   ",
	"05 0471",	/* space not in the middle */
	"050  471",	/* two spaces */
	"050-471",
	"+50471",
	"050471x",
	"\xef\xbc\x90" "50471",	/* full-width zero */
};

START_TEST(test_verify_malformed)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, malformed[_i],
	    -1, NULL), ERR_AUTH);
}
END_TEST

START_TEST(test_verify_space_in_middle)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "050 471", -1,
	    NULL), 0);
}
END_TEST

START_TEST(test_verify_surrounding_blanks)
{
	ck_assert_int_eq(totp_verify(rfc_secret, RFC_LEN, NOW, "  050471 \n",
	    -1, NULL), 0);
}
END_TEST

START_TEST(test_secret_new_random)
{
	unsigned char a[TOTP_SECRET_LEN], b[TOTP_SECRET_LEN];
	unsigned char zero[TOTP_SECRET_LEN] = { 0 };

	totp_secret_new(a);
	totp_secret_new(b);
	ck_assert(memcmp(a, b, sizeof a) != 0);
	ck_assert(memcmp(a, zero, sizeof a) != 0);
}
END_TEST

START_TEST(test_base32_known_vector)
{
	char out[TOTP_SECRET_B32_SIZE];

	ck_assert_int_eq(totp_base32_encode(rfc_secret, RFC_LEN, out,
	    sizeof out), 0);
	ck_assert_str_eq(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}
END_TEST

START_TEST(test_base32_decode_known_vector)
{
	unsigned char out[TOTP_SECRET_LEN];
	size_t len = 0;

	ck_assert_int_eq(totp_base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
	    out, sizeof out, &len), 0);
	ck_assert_uint_eq(len, RFC_LEN);
	ck_assert(memcmp(out, rfc_secret, RFC_LEN) == 0);
}
END_TEST

/* RFC 4648 section 10, without the padding. */
static const char *rfc4648[][2] = {
	{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
	{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
	{ "foobar", "MZXW6YTBOI" },
};

START_TEST(test_base32_rfc4648_vectors)
{
	const char *plain = rfc4648[_i][0];
	unsigned char dec[8];
	char enc[16];
	size_t len;

	ck_assert_int_eq(totp_base32_encode((const unsigned char *)plain,
	    strlen(plain), enc, sizeof enc), 0);
	ck_assert_str_eq(enc, rfc4648[_i][1]);
	ck_assert_int_eq(totp_base32_decode(enc, dec, sizeof dec, &len), 0);
	ck_assert_uint_eq(len, strlen(plain));
	ck_assert(memcmp(dec, plain, len) == 0);
}
END_TEST

START_TEST(test_base32_round_trip)
{
	unsigned char in[TOTP_SECRET_LEN + 5], dec[sizeof in];
	char enc[64];
	size_t len, n;

	for (n = 0; n <= sizeof in; n++) {
		totp_secret_new(in);
		totp_secret_new(in + 5);
		ck_assert_int_eq(totp_base32_encode(in, n, enc, sizeof enc), 0);
		ck_assert_uint_eq(strlen(enc), (n * 8 + 4) / 5);
		ck_assert_int_eq(totp_base32_decode(enc, dec, sizeof dec, &len),
		    0);
		ck_assert_uint_eq(len, n);
		ck_assert(memcmp(in, dec, n) == 0);
	}
}
END_TEST

START_TEST(test_base32_decode_tolerant)
{
	unsigned char out[TOTP_SECRET_LEN];
	size_t len = 0;

	ck_assert_int_eq(totp_base32_decode(
	    "gezd gnbv gy3t qojq GEZD GNBV gy3t qojq", out, sizeof out, &len),
	    0);
	ck_assert_uint_eq(len, RFC_LEN);
	ck_assert(memcmp(out, rfc_secret, RFC_LEN) == 0);
	ck_assert_int_eq(totp_base32_decode("mzxw6yq=", out, sizeof out,
	    &len), 0);
	ck_assert_uint_eq(len, 4);
	ck_assert(memcmp(out, "foob", 4) == 0);
}
END_TEST

static const char *bad_base32[] = {
	"GEZDGNB1",	/* 1 is not base32 */
	"GEZDGNB0",
	"GEZDGNB8",
	"GEZD-GNBV",
	"GEZD=GNB",	/* data after padding */
	"G",		/* lengths no encoder produces */
	"GEZ",
	"GEZDGN",
	"GEZDGNBV\n",
};

START_TEST(test_base32_decode_invalid)
{
	unsigned char out[16] = "untouched";
	size_t len = 99;

	ck_assert_int_eq(totp_base32_decode(bad_base32[_i], out, sizeof out,
	    &len), ERR_INVALID);
	ck_assert_uint_eq(len, 99);
	ck_assert(memcmp(out, "untouched", 9) == 0);
}
END_TEST

START_TEST(test_base32_decode_too_small)
{
	unsigned char out[TOTP_SECRET_LEN - 1];
	size_t len = 99;

	ck_assert_int_eq(totp_base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
	    out, sizeof out, &len), ERR_RANGE);
	ck_assert_uint_eq(len, 99);
}
END_TEST

START_TEST(test_base32_encode_too_small)
{
	char out[TOTP_SECRET_B32_SIZE - 1] = "x";

	ck_assert_int_eq(totp_base32_encode(rfc_secret, RFC_LEN, out,
	    sizeof out), ERR_RANGE);
	ck_assert_str_eq(out, "x");
}
END_TEST

#define URI_RFC	"otpauth://totp/Cafe:alice?secret=" \
		"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Cafe"

START_TEST(test_uri_exact)
{
	char buf[128];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "alice",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), 0);
	ck_assert_str_eq(buf, URI_RFC);
	ck_assert_uint_eq(strlen(buf), 77);
	ck_assert_uint_le(strlen(buf), TOTP_URI_QR_MAX);
}
END_TEST

START_TEST(test_uri_percent_encoding)
{
	char buf[128];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Caf\xc3\xa9 N&t",
	    "bob:x@y/z?", "MZXW6"), 0);
	ck_assert_str_eq(buf, "otpauth://totp/Caf%C3%A9%20N%26t:"
	    "bob%3Ax%40y%2Fz%3F?secret=MZXW6&issuer=Caf%C3%A9%20N%26t");
}
END_TEST

START_TEST(test_uri_unreserved_kept)
{
	char buf[128];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "A-z.0_9~", "b.o-b_~1",
	    "MY"), 0);
	ck_assert_str_eq(buf,
	    "otpauth://totp/A-z.0_9~:b.o-b_~1?secret=MY&issuer=A-z.0_9~");
}
END_TEST

START_TEST(test_uri_exact_fit)
{
	char buf[sizeof URI_RFC];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "alice",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), 0);
	ck_assert_str_eq(buf, URI_RFC);
}
END_TEST

START_TEST(test_uri_too_small)
{
	char buf[sizeof URI_RFC - 1];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "alice",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), ERR_RANGE);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_uri_invalid)
{
	char buf[128];

	ck_assert_int_eq(totp_uri(buf, sizeof buf, "", "alice", "MY"),
	    ERR_INVALID);
	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "", "MY"),
	    ERR_INVALID);
	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "alice", "my"),
	    ERR_INVALID);
	ck_assert_int_eq(totp_uri(buf, sizeof buf, "Cafe", "alice",
	    "MY&x=1"), ERR_INVALID);
}
END_TEST

START_TEST(test_recovery_shape)
{
	char code[TOTP_RECOVERY_SIZE];
	size_t i;

	totp_recovery_new(code);
	ck_assert_uint_eq(strlen(code), TOTP_RECOVERY_SIZE - 1);
	for (i = 0; code[i] != '\0'; i++) {
		if (i == 4 || i == 9)
			ck_assert_int_eq(code[i], '-');
		else
			ck_assert_ptr_nonnull(strchr(
			    "0123456789abcdefghjkmnpqrstvwxyz", code[i]));
	}
	ck_assert_int_eq(totp_is_recovery_shaped(code), 1);
}
END_TEST

START_TEST(test_recovery_distinct)
{
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	size_t i, j;

	for (i = 0; i < TOTP_RECOVERY_COUNT; i++)
		totp_recovery_new(codes[i]);
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++)
		for (j = i + 1; j < TOTP_RECOVERY_COUNT; j++)
			ck_assert_str_ne(codes[i], codes[j]);
}
END_TEST

START_TEST(test_recovery_normalize)
{
	char a[TOTP_RECOVERY_NORM_SIZE], b[TOTP_RECOVERY_NORM_SIZE];

	ck_assert_int_eq(totp_recovery_normalize("K7QF-M2XP-9DHW ", a,
	    sizeof a), 0);
	ck_assert_int_eq(totp_recovery_normalize("k7qfm2xp9dhw", b,
	    sizeof b), 0);
	ck_assert_str_eq(a, "k7qfm2xp9dhw");
	ck_assert_str_eq(a, b);
}
END_TEST

START_TEST(test_recovery_normalize_lookalikes)
{
	char out[TOTP_RECOVERY_NORM_SIZE];

	ck_assert_int_eq(totp_recovery_normalize("kOqf m2xI 9dhL", out,
	    sizeof out), 0);
	ck_assert_str_eq(out, "k0qfm2x19dh1");
}
END_TEST

START_TEST(test_recovery_normalize_generated)
{
	char code[TOTP_RECOVERY_SIZE], out[TOTP_RECOVERY_NORM_SIZE];

	totp_recovery_new(code);
	ck_assert_int_eq(totp_recovery_normalize(code, out, sizeof out), 0);
	ck_assert(memcmp(out, code, 4) == 0);
	ck_assert(memcmp(out + 4, code + 5, 4) == 0);
	ck_assert(memcmp(out + 8, code + 10, 4) == 0);
	ck_assert_uint_eq(strlen(out), TOTP_RECOVERY_CHARS);
}
END_TEST

static const char *not_recovery[] = {
	"k7qf-m2xp-9dh",	/* 11 characters */
	"k7qf-m2xp-9dhwa",	/* 13 */
	"k7qf-m2xp-9dhu",	/* u is not in the alphabet */
	"k7qf_m2xp_9dhw",
	"k7qf-m2xp-9dh\xc3\xa9",
	"050471",
	"050 471",
	"",
};

START_TEST(test_recovery_normalize_invalid)
{
	char out[TOTP_RECOVERY_NORM_SIZE] = "untouched";

	ck_assert_int_eq(totp_recovery_normalize(not_recovery[_i], out,
	    sizeof out), ERR_INVALID);
	ck_assert_str_eq(out, "untouched");
	ck_assert_int_eq(totp_is_recovery_shaped(not_recovery[_i]), 0);
}
END_TEST

START_TEST(test_recovery_normalize_small_buffer)
{
	char out[TOTP_RECOVERY_NORM_SIZE - 1];

	ck_assert_int_eq(totp_recovery_normalize("k7qf-m2xp-9dhw", out,
	    sizeof out), ERR_RANGE);
}
END_TEST

START_TEST(test_recovery_shaped_typed)
{
	ck_assert_int_eq(totp_is_recovery_shaped(" K7QF M2XP 9DHW\n"), 1);
	ck_assert_int_eq(totp_is_recovery_shaped("k7qfm2xp9dhw"), 1);
}
END_TEST

static void
test_key(unsigned char key[TOTP_RECOVERY_KEY_LEN], unsigned char first)
{
	size_t i;

	for (i = 0; i < TOTP_RECOVERY_KEY_LEN; i++)
		key[i] = (unsigned char)(first + i);
}

START_TEST(test_recovery_hash_known)
{
	unsigned char key[TOTP_RECOVERY_KEY_LEN];
	char hex[TOTP_RECOVERY_HASH_SIZE];

	/* Python: blake2b(b"k7qfm2xp9dhw", key=bytes(range(32)),
	 * digest_size=32).hexdigest() */
	test_key(key, 0);
	totp_recovery_hash(key, "k7qfm2xp9dhw", hex);
	ck_assert_str_eq(hex, "38c3f3a70885bbb448b74ab5cf3f87d5"
	    "d20144670bec4d503c15647be2da8b85");
}
END_TEST

START_TEST(test_recovery_hash_deterministic)
{
	unsigned char key[TOTP_RECOVERY_KEY_LEN];
	char a[TOTP_RECOVERY_HASH_SIZE], b[TOTP_RECOVERY_HASH_SIZE];

	test_key(key, 7);
	totp_recovery_hash(key, "k7qfm2xp9dhw", a);
	totp_recovery_hash(key, "k7qfm2xp9dhw", b);
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(strlen(a), 64);
}
END_TEST

START_TEST(test_recovery_hash_keyed)
{
	unsigned char k1[TOTP_RECOVERY_KEY_LEN], k2[TOTP_RECOVERY_KEY_LEN];
	char a[TOTP_RECOVERY_HASH_SIZE], b[TOTP_RECOVERY_HASH_SIZE];

	test_key(k1, 0);
	test_key(k2, 1);
	totp_recovery_hash(k1, "k7qfm2xp9dhw", a);
	totp_recovery_hash(k2, "k7qfm2xp9dhw", b);
	ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_recovery_hash_per_code)
{
	unsigned char key[TOTP_RECOVERY_KEY_LEN];
	char a[TOTP_RECOVERY_HASH_SIZE], b[TOTP_RECOVERY_HASH_SIZE];

	test_key(key, 0);
	totp_recovery_hash(key, "k7qfm2xp9dhw", a);
	totp_recovery_hash(key, "k7qfm2xp9dhx", b);
	ck_assert_str_ne(a, b);
}
END_TEST

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
totp_suite(void)
{
	Suite *s = suite_create("totp");
	TCase *code = tcase_create("code");
	TCase *verify = tcase_create("verify");
	TCase *b32 = tcase_create("base32");
	TCase *uri = tcase_create("uri");
	TCase *rec = tcase_create("recovery");

	tcase_add_loop_test(code, test_rfc6238_vectors, 0, NELEM(rfc_vectors));
	tcase_add_test(code, test_code_at_negative_time);
	tcase_add_test(code, test_code_at_empty_secret);
	tcase_add_test(code, test_secret_new_random);
	suite_add_tcase(s, code);

	tcase_add_test(verify, test_verify_current_step);
	tcase_add_test(verify, test_verify_previous_step);
	tcase_add_test(verify, test_verify_next_step);
	tcase_add_test(verify, test_verify_two_steps_back);
	tcase_add_test(verify, test_verify_two_steps_ahead);
	tcase_add_test(verify, test_verify_wrong_code);
	tcase_add_test(verify, test_verify_other_secret);
	tcase_add_test(verify, test_verify_replay_same_step);
	tcase_add_test(verify, test_verify_replay_older_step);
	tcase_add_test(verify, test_verify_after_accepted_step);
	tcase_add_test(verify, test_verify_wrong_code_is_not_replay);
	tcase_add_test(verify, test_verify_near_epoch);
	tcase_add_test(verify, test_verify_negative_now);
	tcase_add_test(verify, test_verify_empty_secret);
	tcase_add_loop_test(verify, test_verify_malformed, 0,
	    NELEM(malformed));
	tcase_add_test(verify, test_verify_space_in_middle);
	tcase_add_test(verify, test_verify_surrounding_blanks);
	suite_add_tcase(s, verify);

	tcase_add_test(b32, test_base32_known_vector);
	tcase_add_test(b32, test_base32_decode_known_vector);
	tcase_add_loop_test(b32, test_base32_rfc4648_vectors, 0,
	    NELEM(rfc4648));
	tcase_add_test(b32, test_base32_round_trip);
	tcase_add_test(b32, test_base32_decode_tolerant);
	tcase_add_loop_test(b32, test_base32_decode_invalid, 0,
	    NELEM(bad_base32));
	tcase_add_test(b32, test_base32_decode_too_small);
	tcase_add_test(b32, test_base32_encode_too_small);
	suite_add_tcase(s, b32);

	tcase_add_test(uri, test_uri_exact);
	tcase_add_test(uri, test_uri_percent_encoding);
	tcase_add_test(uri, test_uri_unreserved_kept);
	tcase_add_test(uri, test_uri_exact_fit);
	tcase_add_test(uri, test_uri_too_small);
	tcase_add_test(uri, test_uri_invalid);
	suite_add_tcase(s, uri);

	tcase_add_test(rec, test_recovery_shape);
	tcase_add_test(rec, test_recovery_distinct);
	tcase_add_test(rec, test_recovery_normalize);
	tcase_add_test(rec, test_recovery_normalize_lookalikes);
	tcase_add_test(rec, test_recovery_normalize_generated);
	tcase_add_loop_test(rec, test_recovery_normalize_invalid, 0,
	    NELEM(not_recovery));
	tcase_add_test(rec, test_recovery_normalize_small_buffer);
	tcase_add_test(rec, test_recovery_shaped_typed);
	tcase_add_test(rec, test_recovery_hash_known);
	tcase_add_test(rec, test_recovery_hash_deterministic);
	tcase_add_test(rec, test_recovery_hash_keyed);
	tcase_add_test(rec, test_recovery_hash_per_code);
	suite_add_tcase(s, rec);
	return s;
}

TEST_MAIN(totp_suite)

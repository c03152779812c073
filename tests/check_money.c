/*
 * check_money.c -- currencies, strict parsing, formatting and checked
 * arithmetic of model/money.
 */
#include "model/money.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "tests/lib/testlib.h"

#define SENTINEL	INT64_C(0x5A5A5A5A5A5A5A5A)
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

enum { UNSIGNED, SIGNED };

static const char *const W_EMPTY = "empty amount";
static const char *const W_SPACES = "amount has spaces";
static const char *const W_NAN = "not a number";
static const char *const W_EXP = "exponents are not allowed";
static const char *const W_NEG = "negative amounts are not allowed here";
static const char *const W_SIGN = "a sign is not allowed";
static const char *const W_PLUS = "a plus sign is not allowed";
static const char *const W_HEX = "hex is not allowed";
static const char *const W_COMMA = "use a dot as the decimal separator";
static const char *const W_GROUP = "thousands separators are not allowed";
static const char *const W_BIG = "amount too large";
static const char *const W_NEGZERO = "negative zero is not allowed";
static const char *const W_LEADDOT =
    "a digit is needed before the dot, as in 0.5";
static const char *const W_TRAILDOT = "digits are needed after the dot";
static const char *const W_DOTS = "more than one dot";
static const char *const W_ZEROS = "leading zeros are not allowed";
static const char *const W_ASCII =
    "use the plain digits 0-9 and a dot, nothing else";
static const char *const W_DEC0 = "this currency has no decimals";
static const char *const W_DEC2 = "too many decimals: this currency has 2";
static const char *const W_DEC3 = "too many decimals: this currency has 3";
static const char *const W_DEC4 = "too many decimals: this currency has 4";

struct bad_case {
	const char	*s;
	int		 decimals;
	int		 sign;
	int		 rc;
	const char	*const *why;
};

static const struct bad_case bad_cases[] = {
	/* nothing typed */
	{ "", 2, UNSIGNED, ERR_AMOUNT, &W_EMPTY },
	{ "", 0, UNSIGNED, ERR_AMOUNT, &W_EMPTY },
	{ "", 3, SIGNED, ERR_AMOUNT, &W_EMPTY },
	{ " ", 2, UNSIGNED, ERR_AMOUNT, &W_EMPTY },
	{ " \t ", 0, SIGNED, ERR_AMOUNT, &W_EMPTY },
	/* spaces */
	{ " 12", 2, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	{ "12 ", 2, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	{ "1 000", 0, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	{ "12\n", 3, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	{ "\t12", 2, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	{ "- 1", 2, SIGNED, ERR_AMOUNT, &W_SPACES },
	{ "12 .50", 2, UNSIGNED, ERR_AMOUNT, &W_SPACES },
	/* words and symbols */
	{ "abc", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "abc", 0, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "inf", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "INF", 3, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "infinity", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "-inf", 2, SIGNED, ERR_AMOUNT, &W_NAN },
	{ "nan", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "NaN", 0, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "$12", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "12EUR", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "12a", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "e3", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "1\x01", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "12\x7f", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "1/2", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	/* exponents */
	{ "1e3", 2, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "1e3", 0, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "1E3", 3, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "1.5e2", 2, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "1e-3", 2, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "1e+3", 2, UNSIGNED, ERR_AMOUNT, &W_EXP },
	{ "-1e3", 2, SIGNED, ERR_AMOUNT, &W_EXP },
	/* signs */
	{ "-1", 2, UNSIGNED, ERR_AMOUNT, &W_NEG },
	{ "-1", 0, UNSIGNED, ERR_AMOUNT, &W_NEG },
	{ "-0.05", 2, UNSIGNED, ERR_AMOUNT, &W_NEG },
	{ "-0", 2, UNSIGNED, ERR_AMOUNT, &W_NEG },
	{ "-1e3", 2, UNSIGNED, ERR_AMOUNT, &W_NEG },
	{ "+1", 2, UNSIGNED, ERR_AMOUNT, &W_SIGN },
	{ "+0", 0, UNSIGNED, ERR_AMOUNT, &W_SIGN },
	{ "+1", 2, SIGNED, ERR_AMOUNT, &W_PLUS },
	{ "+", 2, SIGNED, ERR_AMOUNT, &W_PLUS },
	{ "-", 2, SIGNED, ERR_AMOUNT, &W_NAN },
	{ "--1", 2, SIGNED, ERR_AMOUNT, &W_NAN },
	{ "-+1", 2, SIGNED, ERR_AMOUNT, &W_NAN },
	{ "1-", 2, SIGNED, ERR_AMOUNT, &W_NAN },
	{ "1-", 2, UNSIGNED, ERR_AMOUNT, &W_NAN },
	{ "-0", 2, SIGNED, ERR_AMOUNT, &W_NEGZERO },
	{ "-0", 0, SIGNED, ERR_AMOUNT, &W_NEGZERO },
	{ "-0.0", 2, SIGNED, ERR_AMOUNT, &W_NEGZERO },
	{ "-0.00", 2, SIGNED, ERR_AMOUNT, &W_NEGZERO },
	{ "-0.000", 3, SIGNED, ERR_AMOUNT, &W_NEGZERO },
	/* hex */
	{ "0x10", 2, UNSIGNED, ERR_AMOUNT, &W_HEX },
	{ "0X1F", 0, UNSIGNED, ERR_AMOUNT, &W_HEX },
	{ "0x", 2, UNSIGNED, ERR_AMOUNT, &W_HEX },
	{ "-0x10", 2, SIGNED, ERR_AMOUNT, &W_HEX },
	/* separators */
	{ "12,50", 2, UNSIGNED, ERR_AMOUNT, &W_COMMA },
	{ "12,5", 2, UNSIGNED, ERR_AMOUNT, &W_COMMA },
	{ "1,234", 3, UNSIGNED, ERR_AMOUNT, &W_COMMA },
	{ "-12,50", 2, SIGNED, ERR_AMOUNT, &W_COMMA },
	{ "1,000.00", 2, UNSIGNED, ERR_AMOUNT, &W_GROUP },
	{ "1.000,50", 2, UNSIGNED, ERR_AMOUNT, &W_GROUP },
	{ "1_000", 2, UNSIGNED, ERR_AMOUNT, &W_GROUP },
	{ "1_000", 0, UNSIGNED, ERR_AMOUNT, &W_GROUP },
	{ "1'000", 2, UNSIGNED, ERR_AMOUNT, &W_GROUP },
	/* the dot */
	{ ".5", 2, UNSIGNED, ERR_AMOUNT, &W_LEADDOT },
	{ ".", 2, UNSIGNED, ERR_AMOUNT, &W_LEADDOT },
	{ "-.5", 2, SIGNED, ERR_AMOUNT, &W_LEADDOT },
	{ "5.", 2, UNSIGNED, ERR_AMOUNT, &W_TRAILDOT },
	{ "12.", 2, UNSIGNED, ERR_AMOUNT, &W_TRAILDOT },
	{ "12.", 0, UNSIGNED, ERR_AMOUNT, &W_TRAILDOT },
	{ "1.2.3", 2, UNSIGNED, ERR_AMOUNT, &W_DOTS },
	{ "1..2", 3, UNSIGNED, ERR_AMOUNT, &W_DOTS },
	/* leading zeros */
	{ "00012", 2, UNSIGNED, ERR_AMOUNT, &W_ZEROS },
	{ "0012", 0, UNSIGNED, ERR_AMOUNT, &W_ZEROS },
	{ "00", 2, UNSIGNED, ERR_AMOUNT, &W_ZEROS },
	{ "00.5", 2, UNSIGNED, ERR_AMOUNT, &W_ZEROS },
	{ "01", 3, UNSIGNED, ERR_AMOUNT, &W_ZEROS },
	{ "-01", 2, SIGNED, ERR_AMOUNT, &W_ZEROS },
	/* not ASCII */
	{ "\xd9\xa1\xd9\xa2", 2, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	{ "\xef\xbc\x91\xef\xbc\x92", 0, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	{ "12\xc2\xa0", 2, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	{ "1\xe2\x80\xaf" "000", 2, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	{ "\xe2\x82\xac" "12", 2, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	{ "12\xe2\x80\x8b", 2, UNSIGNED, ERR_AMOUNT, &W_ASCII },
	/* more decimals than the currency has, even zeros */
	{ "12.345", 2, UNSIGNED, ERR_AMOUNT, &W_DEC2 },
	{ "12.500", 2, UNSIGNED, ERR_AMOUNT, &W_DEC2 },
	{ "0.001", 2, SIGNED, ERR_AMOUNT, &W_DEC2 },
	{ "12.5", 0, UNSIGNED, ERR_AMOUNT, &W_DEC0 },
	{ "12.0", 0, UNSIGNED, ERR_AMOUNT, &W_DEC0 },
	{ "0.0", 0, UNSIGNED, ERR_AMOUNT, &W_DEC0 },
	{ "-1.5", 0, SIGNED, ERR_AMOUNT, &W_DEC0 },
	{ "1.2345", 3, UNSIGNED, ERR_AMOUNT, &W_DEC3 },
	{ "1.0000", 3, UNSIGNED, ERR_AMOUNT, &W_DEC3 },
	{ "1.23456", 4, UNSIGNED, ERR_AMOUNT, &W_DEC4 },
	{ "99999999999999999.999", 2, UNSIGNED, ERR_AMOUNT, &W_DEC2 },
	/* too large */
	{ "99999999999999999", 2, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "99999999999999999", 0, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "99999999999999999", 3, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "-99999999999999999", 2, SIGNED, ERR_OVERFLOW, &W_BIG },
	{ "1000000000000", 2, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "1000000000000.00", 2, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "-1000000000000.00", 2, SIGNED, ERR_OVERFLOW, &W_BIG },
	{ "100000000000000", 0, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "100000000000", 3, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "10000000000", 4, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "9223372036854775807", 0, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "9223372036854775808", 0, SIGNED, ERR_OVERFLOW, &W_BIG },
	{ "-9223372036854775808", 0, SIGNED, ERR_OVERFLOW, &W_BIG },
	{ "18446744073709551617", 0, UNSIGNED, ERR_OVERFLOW, &W_BIG },
	{ "1000000000000000000000000000000000000000000000000", 2, UNSIGNED,
	    ERR_OVERFLOW, &W_BIG },
};

struct good_case {
	const char	*s;
	int		 decimals;
	int		 sign;
	int64_t		 want;
};

static const struct good_case good_cases[] = {
	{ "12.5", 2, UNSIGNED, 1250 },
	{ "12.50", 2, UNSIGNED, 1250 },
	{ "12", 2, UNSIGNED, 1200 },
	{ "0.05", 2, UNSIGNED, 5 },
	{ "0", 2, UNSIGNED, 0 },
	{ "0.0", 2, UNSIGNED, 0 },
	{ "0.00", 2, UNSIGNED, 0 },
	{ "0.5", 2, UNSIGNED, 50 },
	{ "0.50", 2, UNSIGNED, 50 },
	{ "10", 2, UNSIGNED, 1000 },
	{ "100.01", 2, UNSIGNED, 10001 },
	{ "999999999999.99", 2, UNSIGNED, MONEY_MAX },
	{ "12", 0, UNSIGNED, 12 },
	{ "0", 0, UNSIGNED, 0 },
	{ "1200", 0, UNSIGNED, 1200 },
	{ "99999999999999", 0, UNSIGNED, MONEY_MAX },
	{ "1.234", 3, UNSIGNED, 1234 },
	{ "1.2", 3, UNSIGNED, 1200 },
	{ "1", 3, UNSIGNED, 1000 },
	{ "0.001", 3, UNSIGNED, 1 },
	{ "99999999999.999", 3, UNSIGNED, MONEY_MAX },
	{ "1.2345", 4, UNSIGNED, 12345 },
	{ "9999999999.9999", 4, UNSIGNED, MONEY_MAX },
	{ "12.5", 2, SIGNED, 1250 },
	{ "0", 2, SIGNED, 0 },
	{ "-12.50", 2, SIGNED, -1250 },
	{ "-12.5", 2, SIGNED, -1250 },
	{ "-0.05", 2, SIGNED, -5 },
	{ "-1", 0, SIGNED, -1 },
	{ "-1.234", 3, SIGNED, -1234 },
	{ "-999999999999.99", 2, SIGNED, -MONEY_MAX },
};

static int
do_parse(const char *s, int decimals, int sign, int64_t *out,
    const char **why)
{
	if (sign == SIGNED)
		return money_parse_signed(s, decimals, out, why);
	return money_parse(s, decimals, out, why);
}

/* Every bad input gives its exact code and reason, and leaves *out. */
START_TEST(test_parse_refuses)
{
	const struct bad_case *c = &bad_cases[_i];
	int64_t out = SENTINEL;
	const char *why = NULL;
	int rc;

	rc = do_parse(c->s, c->decimals, c->sign, &out, &why);
	ck_assert_msg(rc == c->rc, "\"%s\" (%d decimals, %s): rc %d, want %d",
	    c->s, c->decimals, c->sign == SIGNED ? "signed" : "unsigned",
	    rc, c->rc);
	ck_assert_msg(out == SENTINEL, "\"%s\": out changed", c->s);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, *c->why);
}
END_TEST

START_TEST(test_parse_accepts)
{
	const struct good_case *c = &good_cases[_i];
	int64_t out = SENTINEL;
	const char *why = NULL;
	int rc;

	rc = do_parse(c->s, c->decimals, c->sign, &out, &why);
	ck_assert_msg(rc == 0, "\"%s\" (%d decimals): rc %d (%s)", c->s,
	    c->decimals, rc, why != NULL ? why : "");
	ck_assert_int_eq(out, c->want);
}
END_TEST

/* Whatever money_parse accepts, money_parse_signed accepts the same. */
START_TEST(test_parse_signed_accepts_unsigned)
{
	const struct good_case *c = &good_cases[_i];
	int64_t a = SENTINEL, b = SENTINEL;

	if (c->sign == SIGNED)
		return;
	ck_assert_int_eq(money_parse(c->s, c->decimals, &a, NULL), 0);
	ck_assert_int_eq(money_parse_signed(c->s, c->decimals, &b, NULL), 0);
	ck_assert_int_eq(a, b);
}
END_TEST

START_TEST(test_parse_why_untouched_on_success)
{
	const char *why = "unchanged";
	int64_t out;

	ck_assert_int_eq(money_parse("1.50", 2, &out, &why), 0);
	ck_assert_str_eq(why, "unchanged");
}
END_TEST

START_TEST(test_parse_why_may_be_null)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_parse("12.345", 2, &out, NULL), ERR_AMOUNT);
	ck_assert_int_eq(money_parse("99999999999999999", 2, &out, NULL),
	    ERR_OVERFLOW);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

START_TEST(test_parse_null_string_invalid)
{
	int64_t out = SENTINEL;
	const char *why = NULL;

	ck_assert_int_eq(money_parse(NULL, 2, &out, &why), ERR_INVALID);
	ck_assert_int_eq(money_parse_signed(NULL, 2, &out, NULL),
	    ERR_INVALID);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

START_TEST(test_parse_bad_decimals_invalid)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_parse("1", -1, &out, NULL), ERR_INVALID);
	ck_assert_int_eq(money_parse("1", MONEY_MAX_DECIMALS + 1, &out, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(money_parse_signed("-1", 99, &out, NULL),
	    ERR_INVALID);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

/* Screens show grouped amounts, but people must not type them back. */
START_TEST(test_parse_refuses_grouped_output)
{
	char buf[MONEY_BUFSZ];
	int64_t out = SENTINEL;

	money_format_grouped(buf, sizeof(buf), 123450, 2);
	ck_assert_int_eq(money_parse(buf, 2, &out, NULL), ERR_AMOUNT);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

struct fmt_case {
	int64_t		 minor;
	int		 decimals;
	const char	*plain;
	const char	*grouped;
};

static const struct fmt_case fmt_cases[] = {
	{ 1250, 2, "12.50", "12.50" },
	{ -300, 2, "-3.00", "-3.00" },
	{ 5, 2, "0.05", "0.05" },
	{ -5, 2, "-0.05", "-0.05" },
	{ 0, 2, "0.00", "0.00" },
	{ 0, 0, "0", "0" },
	{ 1200, 0, "1200", "1,200" },
	{ 999, 0, "999", "999" },
	{ 1000, 0, "1000", "1,000" },
	{ -100000, 0, "-100000", "-100,000" },
	{ 1234, 3, "1.234", "1.234" },
	{ 1, 3, "0.001", "0.001" },
	{ 1, 4, "0.0001", "0.0001" },
	{ 123450, 2, "1234.50", "1,234.50" },
	{ -123456789, 2, "-1234567.89", "-1,234,567.89" },
	{ 99999999, 2, "999999.99", "999,999.99" },
	{ MONEY_MAX, 2, "999999999999.99", "999,999,999,999.99" },
	{ INT64_MAX, 0, "9223372036854775807",
	    "9,223,372,036,854,775,807" },
	{ INT64_MIN, 0, "-9223372036854775808",
	    "-9,223,372,036,854,775,808" },
	{ INT64_MAX, 2, "92233720368547758.07",
	    "92,233,720,368,547,758.07" },
	{ INT64_MIN, 2, "-92233720368547758.08",
	    "-92,233,720,368,547,758.08" },
	{ INT64_MIN, 3, "-9223372036854775.808",
	    "-9,223,372,036,854,775.808" },
	{ INT64_MIN, 4, "-922337203685477.5808",
	    "-922,337,203,685,477.5808" },
	{ INT64_MIN + 1, 0, "-9223372036854775807",
	    "-9,223,372,036,854,775,807" },
};

START_TEST(test_format_plain)
{
	const struct fmt_case *c = &fmt_cases[_i];
	char buf[MONEY_BUFSZ];

	ck_assert_ptr_eq(money_format(buf, sizeof(buf), c->minor,
	    c->decimals), buf);
	ck_assert_str_eq(buf, c->plain);
}
END_TEST

START_TEST(test_format_grouped)
{
	const struct fmt_case *c = &fmt_cases[_i];
	char buf[MONEY_BUFSZ];

	ck_assert_ptr_eq(money_format_grouped(buf, sizeof(buf), c->minor,
	    c->decimals), buf);
	ck_assert_str_eq(buf, c->grouped);
}
END_TEST

START_TEST(test_format_cur)
{
	char buf[MONEY_BUFSZ];

	ck_assert_ptr_eq(money_format_cur(buf, sizeof(buf), 123450, 2,
	    "EUR"), buf);
	ck_assert_str_eq(buf, "1,234.50 EUR");
	money_format_cur(buf, sizeof(buf), 1200, 0, "JPY");
	ck_assert_str_eq(buf, "1,200 JPY");
	money_format_cur(buf, sizeof(buf), -1234, 3, "KWD");
	ck_assert_str_eq(buf, "-1.234 KWD");
}
END_TEST

/* The widest text of any amount in any currency fits in MONEY_BUFSZ. */
START_TEST(test_format_bufsz_is_enough)
{
	static const int64_t v[] = { INT64_MIN, INT64_MAX, INT64_MIN + 1,
	    -1, 0 };
	char buf[MONEY_BUFSZ];
	size_t i;
	int d;

	for (d = 0; d <= MONEY_MAX_DECIMALS; d++) {
		for (i = 0; i < NITEMS(v); i++) {
			ck_assert_ptr_nonnull(money_format(buf, sizeof(buf),
			    v[i], d));
			ck_assert_ptr_nonnull(money_format_grouped(buf,
			    sizeof(buf), v[i], d));
			ck_assert_ptr_nonnull(money_format_cur(buf,
			    sizeof(buf), v[i], d, "EUR"));
			ck_assert_uint_lt(strlen(buf), MONEY_BUFSZ);
		}
	}
	money_format_cur(buf, sizeof(buf), INT64_MIN, 0, "EUR");
	ck_assert_str_eq(buf, "-9,223,372,036,854,775,808 EUR");
}
END_TEST

START_TEST(test_format_exact_fit)
{
	char buf[6];

	ck_assert_ptr_eq(money_format(buf, sizeof(buf), 1250, 2), buf);
	ck_assert_str_eq(buf, "12.50");
}
END_TEST

START_TEST(test_format_too_small_gives_null_and_empty)
{
	char buf[5];

	memset(buf, 'x', sizeof(buf));
	ck_assert_ptr_null(money_format(buf, sizeof(buf), 1250, 2));
	ck_assert_str_eq(buf, "");
	memset(buf, 'x', sizeof(buf));
	ck_assert_ptr_null(money_format_grouped(buf, sizeof(buf), 100000,
	    0));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 0, "EUR"));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(money_format(buf, 0, 1, 0));
	ck_assert_ptr_null(money_format(NULL, 10, 1, 0));
}
END_TEST

START_TEST(test_format_bad_decimals_null)
{
	char buf[MONEY_BUFSZ] = "x";

	ck_assert_ptr_null(money_format(buf, sizeof(buf), 1, -1));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(money_format_grouped(buf, sizeof(buf), 1,
	    MONEY_MAX_DECIMALS + 1));
	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 7, "EUR"));
}
END_TEST

START_TEST(test_format_cur_bad_code_null)
{
	char buf[MONEY_BUFSZ] = "x";

	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 2, "eur"));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 2, "EURO"));
	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 2, "EU"));
	ck_assert_ptr_null(money_format_cur(buf, sizeof(buf), 1, 2, NULL));
	ck_assert_str_eq(buf, "");
}
END_TEST

/* parse(format(x)) == x and format(parse(s)) == s, for one value. */
static void
round_trip(int64_t x, int decimals)
{
	char buf[MONEY_BUFSZ], again[MONEY_BUFSZ];
	int64_t back = SENTINEL;
	const char *why = NULL;

	ck_assert_ptr_nonnull(money_format(buf, sizeof(buf), x, decimals));
	ck_assert_msg(money_parse_signed(buf, decimals, &back, &why) == 0,
	    "\"%s\" refused: %s", buf, why);
	ck_assert_msg(back == x, "\"%s\" parsed as %jd, not %jd", buf,
	    (intmax_t)back, (intmax_t)x);
	if (x >= 0) {
		back = SENTINEL;
		ck_assert_int_eq(money_parse(buf, decimals, &back, NULL), 0);
		ck_assert_int_eq(back, x);
	}
	money_format(again, sizeof(again), back, decimals);
	ck_assert_str_eq(again, buf);
}

START_TEST(test_round_trip_boundaries)
{
	static const int64_t v[] = { 0, 1, 9, 10, 11, 99, 100, 101, 999,
	    1000, 1001, 123456, MONEY_MAX, MONEY_MAX - 1, MONEY_MAX / 10,
	    MONEY_MAX / 10 + 1 };
	int64_t p;
	size_t i;
	int d;

	for (d = 0; d <= MONEY_MAX_DECIMALS; d++) {
		for (i = 0; i < NITEMS(v); i++) {
			round_trip(v[i], d);
			if (v[i] != 0)
				round_trip(-v[i], d);
		}
		for (p = 1; p <= MONEY_MAX; p *= 10) {
			round_trip(p, d);
			round_trip(p - 1, d);
			round_trip(-p, d);
		}
	}
}
END_TEST

/* A fixed LCG: reproducible values spread over -MONEY_MAX..MONEY_MAX. */
START_TEST(test_round_trip_many)
{
	uint64_t state = 0x2545F4914F6CDD1DULL;
	int64_t x;
	int d, i;

	for (i = 0; i < 200000; i++) {
		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		x = (int64_t)((state >> 11) % (2 * (uint64_t)MONEY_MAX + 1)) -
		    MONEY_MAX;
		if (i % 3 == 1)
			x /= (int64_t)1 << (state % 40);
		d = (int)((state >> 3) % (MONEY_MAX_DECIMALS + 1));
		round_trip(x, d);
	}
}
END_TEST

/* Just past MONEY_MAX, the formatted text is refused as too large. */
START_TEST(test_round_trip_past_max_refused)
{
	char buf[MONEY_BUFSZ];
	int64_t out = SENTINEL;
	int d;

	for (d = 0; d <= MONEY_MAX_DECIMALS; d++) {
		money_format(buf, sizeof(buf), MONEY_MAX + 1, d);
		ck_assert_int_eq(money_parse(buf, d, &out, NULL),
		    ERR_OVERFLOW);
		money_format(buf, sizeof(buf), -MONEY_MAX - 1, d);
		ck_assert_int_eq(money_parse_signed(buf, d, &out, NULL),
		    ERR_OVERFLOW);
		money_format(buf, sizeof(buf), INT64_MIN, d);
		ck_assert_int_eq(money_parse_signed(buf, d, &out, NULL),
		    ERR_OVERFLOW);
	}
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

struct cur_case {
	const char	*code;
	int		 decimals;
};

static const struct cur_case cur_cases[] = {
	/* widely used */
	{ "USD", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "CHF", 2 },
	{ "CNY", 2 }, { "AUD", 2 }, { "CAD", 2 }, { "HKD", 2 },
	{ "SGD", 2 }, { "SEK", 2 }, { "NOK", 2 }, { "DKK", 2 },
	{ "NZD", 2 }, { "INR", 2 }, { "MXN", 2 }, { "TWD", 2 },
	{ "ZAR", 2 }, { "BRL", 2 }, { "PLN", 2 }, { "THB", 2 },
	{ "ILS", 2 }, { "IDR", 2 }, { "CZK", 2 }, { "AED", 2 },
	{ "TRY", 2 }, { "HUF", 2 }, { "SAR", 2 }, { "PHP", 2 },
	{ "MYR", 2 }, { "COP", 2 }, { "RUB", 2 }, { "RON", 2 },
	{ "PEN", 2 }, { "BGN", 2 }, { "ARS", 2 }, { "EGP", 2 },
	{ "NGN", 2 }, { "PKR", 2 }, { "UAH", 2 }, { "MAD", 2 },
	{ "QAR", 2 }, { "KZT", 2 }, { "VES", 2 }, { "RSD", 2 },
	/* no decimals */
	{ "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 },
	{ "VND", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
	{ "UGX", 0 }, { "PYG", 0 }, { "RWF", 0 }, { "BIF", 0 },
	{ "DJF", 0 }, { "GNF", 0 }, { "KMF", 0 }, { "VUV", 0 },
	{ "UYI", 0 },
	/* three decimals */
	{ "KWD", 3 }, { "BHD", 3 }, { "OMR", 3 }, { "JOD", 3 },
	{ "TND", 3 }, { "LYD", 3 }, { "IQD", 3 },
	/* four */
	{ "CLF", 4 }, { "UYW", 4 },
};

START_TEST(test_currency_known)
{
	const struct cur_case *c = &cur_cases[_i];
	int d = -1;

	ck_assert_msg(money_currency_decimals(c->code, &d) == 0, "%s",
	    c->code);
	ck_assert_msg(d == c->decimals, "%s: %d decimals, want %d", c->code,
	    d, c->decimals);
}
END_TEST

START_TEST(test_currency_unknown_notfound)
{
	int d = -1;

	ck_assert_int_eq(money_currency_decimals("ABC", &d), ERR_NOTFOUND);
	ck_assert_int_eq(money_currency_decimals("XAU", &d), ERR_NOTFOUND);
	ck_assert_int_eq(money_currency_decimals("XDR", &d), ERR_NOTFOUND);
	ck_assert_int_eq(money_currency_decimals("ZZZ", &d), ERR_NOTFOUND);
	ck_assert_int_eq(d, -1);
}
END_TEST

START_TEST(test_currency_malformed_invalid)
{
	static const char *const bad[] = { "eur", "Eur", "EUr", "EU", "EURO",
	    "", " EUR", "EUR ", "E1R", "E-R", "\xc3\x89UR" };
	size_t i;
	int d = -1;

	for (i = 0; i < NITEMS(bad); i++)
		ck_assert_msg(money_currency_decimals(bad[i], &d) ==
		    ERR_INVALID, "\"%s\"", bad[i]);
	ck_assert_int_eq(money_currency_decimals(NULL, &d), ERR_INVALID);
	ck_assert_int_eq(d, -1);
}
END_TEST

/* The table is strictly sorted (bsearch relies on it) and consistent. */
START_TEST(test_currency_table_sorted_and_consistent)
{
	const char *code, *prev = NULL;
	size_t i;
	int d, d2;

	for (i = 0; money_currency_at(i, &code, &d) == 0; i++) {
		ck_assert_uint_eq(strlen(code), 3);
		ck_assert(d == 0 || d == 2 || d == 3 || d == 4);
		if (prev != NULL)
			ck_assert_msg(strcmp(prev, code) < 0, "%s after %s",
			    code, prev);
		ck_assert_int_eq(money_currency_decimals(code, &d2), 0);
		ck_assert_int_eq(d2, d);
		prev = code;
	}
	ck_assert_uint_ge(i, 150);
}
END_TEST

START_TEST(test_currency_at_past_end_notfound)
{
	const char *code = "untouched";
	size_t n;
	int d = -1;

	for (n = 0; money_currency_at(n, NULL, NULL) == 0; n++)
		;
	ck_assert_int_eq(money_currency_at(n, &code, &d), ERR_NOTFOUND);
	ck_assert_int_eq(money_currency_at(SIZE_MAX, &code, &d),
	    ERR_NOTFOUND);
	ck_assert_str_eq(code, "untouched");
	ck_assert_int_eq(d, -1);
}
END_TEST

START_TEST(test_add)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_add(1250, 5, &out), 0);
	ck_assert_int_eq(out, 1255);
	ck_assert_int_eq(money_add(INT64_MAX, INT64_MIN, &out), 0);
	ck_assert_int_eq(out, -1);
	ck_assert_int_eq(money_add(INT64_MAX - 1, 1, &out), 0);
	ck_assert_int_eq(out, INT64_MAX);
}
END_TEST

START_TEST(test_add_overflow)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_add(INT64_MAX, 1, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_add(INT64_MIN, -1, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_add(INT64_MAX, INT64_MAX, &out),
	    ERR_OVERFLOW);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

START_TEST(test_sub)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_sub(1250, 1300, &out), 0);
	ck_assert_int_eq(out, -50);
	ck_assert_int_eq(money_sub(-1, INT64_MAX, &out), 0);
	ck_assert_int_eq(out, INT64_MIN);
}
END_TEST

START_TEST(test_sub_overflow)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_sub(INT64_MIN, 1, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_sub(0, INT64_MIN, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_sub(INT64_MAX, -1, &out), ERR_OVERFLOW);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

START_TEST(test_mul)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_mul(250, 7, &out), 0);
	ck_assert_int_eq(out, 1750);
	ck_assert_int_eq(money_mul(-1, INT64_MAX, &out), 0);
	ck_assert_int_eq(out, -INT64_MAX);
	ck_assert_int_eq(money_mul(INT64_MIN, 1, &out), 0);
	ck_assert_int_eq(out, INT64_MIN);
	ck_assert_int_eq(money_mul(0, INT64_MIN, &out), 0);
	ck_assert_int_eq(out, 0);
}
END_TEST

START_TEST(test_mul_overflow)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_mul(INT64_MAX, 2, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_mul(INT64_MIN, -1, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_mul(-1, INT64_MIN, &out), ERR_OVERFLOW);
	ck_assert_int_eq(money_mul(MONEY_MAX, MONEY_MAX, &out),
	    ERR_OVERFLOW);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

struct mdr_case {
	int64_t	a, b, c, want;
};

static const struct mdr_case mdr_cases[] = {
	{ 7, 250, 60, 29 },		/* 29.1666 */
	{ 90, 1, 60, 2 },		/* 1.5 */
	{ 30, 1, 60, 1 },		/* 0.5 */
	{ 29, 1, 60, 0 },		/* 0.483 */
	{ 31, 1, 60, 1 },		/* 0.516 */
	{ 150, 1, 100, 2 },		/* 1.5 */
	{ 250, 1, 100, 3 },		/* 2.5: away from zero, not to even */
	{ 120, 1, 60, 2 },		/* exact */
	{ 0, 250, 60, 0 },
	{ 1999, 1900, 10000, 380 },	/* 19% tax on 19.99: 379.81 */
	{ 1000, 2000, 10000, 200 },	/* 20% of 10.00 */
	{ 45, 300, 60, 225 },		/* 45 min at 3.00/h */
	{ 1, 1, 3, 0 },			/* 0.333 */
	{ 2, 1, 3, 1 },			/* 0.666 */
	{ -90, 1, 60, -2 },		/* -1.5: away from zero */
	{ 90, -1, 60, -2 },
	{ 90, 1, -60, -2 },
	{ -90, -1, 60, 2 },
	{ -90, 1, -60, 2 },
	{ -7, 250, 60, -29 },		/* -29.1666 */
	{ -30, 1, 60, -1 },		/* -0.5 */
	{ -29, 1, 60, 0 },		/* -0.483 */
	{ -250, 1, 100, -3 },		/* -2.5 */
	{ INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX },
	{ INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN },
	{ INT64_MAX, 2, 2, INT64_MAX },
	{ INT64_MIN, 1, 1, INT64_MIN },
	{ INT64_MIN, -1, -1, INT64_MIN },
	{ INT64_MAX, -1, 1, -INT64_MAX },
	{ INT64_MAX, 1, INT64_MIN, -1 },	/* -0.99999: rounds to -1 */
	{ INT64_MIN, 1, INT64_MAX, -1 },	/* -1.0000...1 */
	/* -(2^64 - 1) / 2 = -(2^63 - 0.5): rounds to exactly INT64_MIN */
	{ -4294967295LL, 4294967297LL, 2, INT64_MIN },
	{ MONEY_MAX, MONEY_MAX, MONEY_MAX, MONEY_MAX },
};

START_TEST(test_mul_div_round)
{
	const struct mdr_case *c = &mdr_cases[_i];
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_mul_div_round(c->a, c->b, c->c, &out), 0);
	ck_assert_msg(out == c->want, "%jd*%jd/%jd = %jd, want %jd",
	    (intmax_t)c->a, (intmax_t)c->b, (intmax_t)c->c, (intmax_t)out,
	    (intmax_t)c->want);
}
END_TEST

START_TEST(test_mul_div_round_overflow)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_mul_div_round(INT64_MAX, 3, 2, &out),
	    ERR_OVERFLOW);
	ck_assert_int_eq(money_mul_div_round(INT64_MIN, -1, 1, &out),
	    ERR_OVERFLOW);
	ck_assert_int_eq(money_mul_div_round(INT64_MIN, 1, -1, &out),
	    ERR_OVERFLOW);
	/* (2^64 - 1) / 2 = 2^63 - 0.5: rounding up leaves int64_t */
	ck_assert_int_eq(money_mul_div_round(4294967295LL, 4294967297LL, 2,
	    &out), ERR_OVERFLOW);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

START_TEST(test_mul_div_round_zero_divisor_invalid)
{
	int64_t out = SENTINEL;

	ck_assert_int_eq(money_mul_div_round(1, 1, 0, &out), ERR_INVALID);
	ck_assert_int_eq(money_mul_div_round(0, 0, 0, &out), ERR_INVALID);
	ck_assert_int_eq(out, SENTINEL);
}
END_TEST

/*
 * Pricing over a day of minutes and several hourly rates matches the
 * textbook floor((2ab + c) / 2c), and a refund is the exact negation.
 */
START_TEST(test_mul_div_round_matches_reference)
{
	static const int64_t rates[] = { 1, 99, 100, 150, 250, 333, 1000,
	    123456 };
	int64_t m, out, neg;
	size_t i;

	for (i = 0; i < NITEMS(rates); i++) {
		for (m = 0; m <= 1440; m++) {
			ck_assert_int_eq(money_mul_div_round(m, rates[i], 60,
			    &out), 0);
			ck_assert_int_eq(out, (2 * m * rates[i] + 60) / 120);
			ck_assert_int_eq(money_mul_div_round(-m, rates[i], 60,
			    &neg), 0);
			ck_assert_int_eq(neg, -out);
		}
	}
}
END_TEST

static Suite *
money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc;

	tc = tcase_create("currency");
	tcase_add_loop_test(tc, test_currency_known, 0, NITEMS(cur_cases));
	tcase_add_test(tc, test_currency_unknown_notfound);
	tcase_add_test(tc, test_currency_malformed_invalid);
	tcase_add_test(tc, test_currency_table_sorted_and_consistent);
	tcase_add_test(tc, test_currency_at_past_end_notfound);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_refuses, 0, NITEMS(bad_cases));
	tcase_add_loop_test(tc, test_parse_accepts, 0, NITEMS(good_cases));
	tcase_add_loop_test(tc, test_parse_signed_accepts_unsigned, 0,
	    NITEMS(good_cases));
	tcase_add_test(tc, test_parse_why_untouched_on_success);
	tcase_add_test(tc, test_parse_why_may_be_null);
	tcase_add_test(tc, test_parse_null_string_invalid);
	tcase_add_test(tc, test_parse_bad_decimals_invalid);
	tcase_add_test(tc, test_parse_refuses_grouped_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_format_plain, 0, NITEMS(fmt_cases));
	tcase_add_loop_test(tc, test_format_grouped, 0, NITEMS(fmt_cases));
	tcase_add_test(tc, test_format_cur);
	tcase_add_test(tc, test_format_bufsz_is_enough);
	tcase_add_test(tc, test_format_exact_fit);
	tcase_add_test(tc, test_format_too_small_gives_null_and_empty);
	tcase_add_test(tc, test_format_bad_decimals_null);
	tcase_add_test(tc, test_format_cur_bad_code_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("round_trip");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip_boundaries);
	tcase_add_test(tc, test_round_trip_many);
	tcase_add_test(tc, test_round_trip_past_max_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("arith");
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_add_overflow);
	tcase_add_test(tc, test_sub);
	tcase_add_test(tc, test_sub_overflow);
	tcase_add_test(tc, test_mul);
	tcase_add_test(tc, test_mul_overflow);
	tcase_add_loop_test(tc, test_mul_div_round, 0, NITEMS(mdr_cases));
	tcase_add_test(tc, test_mul_div_round_overflow);
	tcase_add_test(tc, test_mul_div_round_zero_divisor_invalid);
	tcase_add_test(tc, test_mul_div_round_matches_reference);
	suite_add_tcase(s, tc);

	return s;
}

TEST_MAIN(money_suite)

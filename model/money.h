/*
 * money.h -- amounts of money as int64_t minor units.
 *
 * An amount is a count of the currency's minor unit (cents for EUR, yen for
 * JPY, fils for KWD). No floating point touches an amount. This module
 * knows the ISO 4217 currencies and their decimals, parses what staff type
 * strictly (every refusal says why), formats amounts for screens and
 * reports, and does overflow-checked arithmetic.
 *
 * The text form is fixed, never locale dependent: ASCII digits, a dot as
 * the decimal separator, and (grouped forms only) a comma every three
 * digits of the integer part.
 */
#ifndef CAFED_MONEY_H
#define CAFED_MONEY_H

#include <stddef.h>
#include <stdint.h>

/*
 * The largest amount money_parse() accepts, in minor units: 10^14 - 1, so
 * 999,999,999,999.99 EUR or 99,999,999,999,999 JPY. Anything larger typed
 * by a person is a mistake; the margin below INT64_MAX lets over 90,000
 * such amounts be summed without overflow.
 */
#define MONEY_MAX		INT64_C(99999999999999)

/* The most decimals any currency has (CLF and UYW have 4). */
#define MONEY_MAX_DECIMALS	4

/*
 * A buffer this large always holds any int64_t amount formatted by
 * money_format(), money_format_grouped() or money_format_cur(), with its
 * sign, separators, a space, the code and the terminating NUL.
 */
#define MONEY_BUFSZ		32

/*
 * Look up the number of decimals (minor-unit exponent) of an ISO 4217
 * currency such as "EUR" (2), "JPY" (0) or "KWD" (3). code must be exactly
 * three upper-case ASCII letters: lower case ("eur") is refused, not
 * normalised, because codes are stored settings and must have one spelling.
 * Returns 0 and sets *decimals; ERR_INVALID if code is NULL or not three
 * upper-case letters; ERR_NOTFOUND for a well-formed code not in the table
 * (including codes without minor units such as XAU or XDR).
 */
int	 money_currency_decimals(const char *code, int *decimals);

/*
 * The i-th currency of the table, in code order, for pickers and settings
 * screens. Sets *code (static storage, never freed) and *decimals; either
 * pointer may be NULL. Returns 0, or ERR_NOTFOUND when i is past the end.
 */
int	 money_currency_at(size_t i, const char **code, int *decimals);

/*
 * Parse a non-negative amount typed by a person, in a currency with
 * `decimals` decimals (0..MONEY_MAX_DECIMALS), into minor units. Strict:
 * only "D", "D.F" where D is "0" or digits without a leading zero and F is
 * 1..decimals digits ("12", "12.5", "12.50", "0.05" in EUR). Everything
 * else is refused: empty, spaces anywhere, signs, non-ASCII digits, hex,
 * exponents, inf/nan, commas, digit grouping ("1_000", "1,000.00"),
 * leading zeros ("0012"), ".5", "5.", more decimals than the currency has
 * (even zeros: "12.0" in JPY, "12.500" in EUR), and amounts over MONEY_MAX.
 * Returns 0 and sets *out; on failure *out is untouched and returns
 * ERR_AMOUNT (malformed) or ERR_OVERFLOW (over MONEY_MAX), and ERR_INVALID
 * if s is NULL or decimals is out of range. On failure, when why is not
 * NULL, *why points to a static English sentence saying why ("too many
 * decimals: this currency has 2"); on success *why is untouched.
 */
int	 money_parse(const char *s, int decimals, int64_t *out,
	    const char **why);

/*
 * Like money_parse(), also accepting a leading '-' for adjustments:
 * "-12.50" is -1250. Still refused: "+1", "-", "--1", "- 1", and negative
 * zero in any spelling ("-0", "-0.00"). The magnitude is limited to
 * MONEY_MAX. Same returns and errors as money_parse().
 */
int	 money_parse_signed(const char *s, int decimals, int64_t *out,
	    const char **why);

/*
 * Format minor as a plain decimal into buf (size bytes): "12.50", "-3.00",
 * "0.05", "1200" (0 decimals), "1.234" (3 decimals); any int64_t value,
 * INT64_MIN included. The output is exactly what money_parse_signed()
 * accepts, so parsing it gives minor back when |minor| <= MONEY_MAX.
 * Returns buf; NULL if decimals is outside 0..MONEY_MAX_DECIMALS or the
 * text does not fit in size (then buf holds "" when size > 0). Never fails
 * with size >= MONEY_BUFSZ and valid decimals.
 */
char	*money_format(char *buf, size_t size, int64_t minor, int decimals);

/*
 * Like money_format(), with a comma between groups of three digits of the
 * integer part, for screens and receipts: "1,234.50", "-1,200,000".
 */
char	*money_format_grouped(char *buf, size_t size, int64_t minor,
	    int decimals);

/*
 * Like money_format_grouped() followed by a space and the currency code:
 * "1,234.50 EUR". code must be three upper-case ASCII letters (it need not
 * be in the table); otherwise returns NULL like the other errors.
 */
char	*money_format_cur(char *buf, size_t size, int64_t minor,
	    int decimals, const char *code);

/*
 * *out = a + b. Returns 0, or ERR_OVERFLOW (out untouched) when the exact
 * result does not fit in int64_t. These helpers check the int64_t range
 * only, not MONEY_MAX.
 */
int	 money_add(int64_t a, int64_t b, int64_t *out);

/* *out = a - b. Returns 0, or ERR_OVERFLOW (out untouched). */
int	 money_sub(int64_t a, int64_t b, int64_t *out);

/*
 * *out = amount * qty (a unit price times a quantity). Returns 0, or
 * ERR_OVERFLOW (out untouched).
 */
int	 money_mul(int64_t amount, int64_t qty, int64_t *out);

/*
 * *out = a * b / c, computed exactly (128-bit intermediate) and rounded to
 * the nearest integer, halves away from zero: 1.5 -> 2, 2.5 -> 3,
 * -1.5 -> -2, 29.17 -> 29. Rounding is symmetric, so a refund of the same
 * quantity is exactly the negation of the charge. Used for pricing
 * (minutes * hourly rate / 60) and tax (net * rate / 10000). Returns 0;
 * ERR_INVALID if c is 0; ERR_OVERFLOW if the rounded result does not fit
 * in int64_t. *out is untouched on failure.
 */
int	 money_mul_div_round(int64_t a, int64_t b, int64_t c, int64_t *out);

#endif

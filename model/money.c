/*
 * money.c -- currencies, strict parsing, formatting and checked arithmetic
 * of amounts held as int64_t minor units.
 */
#include "model/money.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"

struct money_currency {
	char		code[4];
	unsigned char	decimals;
};

/*
 * ISO 4217 list one: every active currency and fund code that has minor
 * units, sorted by code for bsearch. Codes without minor units (XAU, XDR,
 * XXX ...) are left out: they are not money a café takes.
 */
static const struct money_currency money_currencies[] = {
	{ "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 },
	{ "AOA", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 },
	{ "BAM", 2 }, { "BBD", 2 }, { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 },
	{ "BIF", 0 }, { "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 },
	{ "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 }, { "BYN", 2 },
	{ "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHE", 2 }, { "CHF", 2 },
	{ "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 },
	{ "COU", 2 }, { "CRC", 2 }, { "CUP", 2 }, { "CVE", 2 }, { "CZK", 2 },
	{ "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 }, { "EGP", 2 },
	{ "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 }, { "FJD", 2 }, { "FKP", 2 },
	{ "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 }, { "GMD", 2 },
	{ "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 }, { "HNL", 2 },
	{ "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 }, { "INR", 2 },
	{ "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 }, { "JOD", 3 },
	{ "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 }, { "KMF", 0 },
	{ "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 }, { "KYD", 2 }, { "KZT", 2 },
	{ "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 }, { "LRD", 2 }, { "LSL", 2 },
	{ "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 }, { "MKD", 2 },
	{ "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 }, { "MUR", 2 },
	{ "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 }, { "MYR", 2 },
	{ "MZN", 2 }, { "NAD", 2 }, { "NGN", 2 }, { "NIO", 2 }, { "NOK", 2 },
	{ "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 }, { "PEN", 2 },
	{ "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 }, { "PYG", 0 },
	{ "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 }, { "RWF", 0 },
	{ "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 }, { "SEK", 2 },
	{ "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SOS", 2 }, { "SRD", 2 },
	{ "SSP", 2 }, { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 }, { "SZL", 2 },
	{ "THB", 2 }, { "TJS", 2 }, { "TMT", 2 }, { "TND", 3 }, { "TOP", 2 },
	{ "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 }, { "TZS", 2 }, { "UAH", 2 },
	{ "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 }, { "UYU", 2 },
	{ "UYW", 4 }, { "UZS", 2 }, { "VED", 2 }, { "VES", 2 }, { "VND", 0 },
	{ "VUV", 0 }, { "WST", 2 }, { "XAF", 0 }, { "XCD", 2 }, { "XCG", 2 },
	{ "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 }, { "ZMW", 2 },
	{ "ZWG", 2 },
};

#define MONEY_NCURRENCIES \
	(sizeof(money_currencies) / sizeof(money_currencies[0]))

/* Indexed by the currency's decimals. */
static const char *const too_many_decimals[MONEY_MAX_DECIMALS + 1] = {
	"this currency has no decimals",
	"too many decimals: this currency has 1",
	"too many decimals: this currency has 2",
	"too many decimals: this currency has 3",
	"too many decimals: this currency has 4",
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

/* Three upper-case ASCII letters and nothing else. */
static int
code_wellformed(const char *code)
{
	int i;

	if (code == NULL)
		return 0;
	for (i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	return code[3] == '\0';
}

static int
currency_cmp(const void *key, const void *elem)
{
	const struct money_currency *c = elem;

	return strcmp(key, c->code);
}

int
money_currency_decimals(const char *code, int *decimals)
{
	const struct money_currency *c;

	if (!code_wellformed(code))
		return ERR_INVALID;
	c = bsearch(code, money_currencies, MONEY_NCURRENCIES,
	    sizeof(money_currencies[0]), currency_cmp);
	if (c == NULL)
		return ERR_NOTFOUND;
	if (decimals != NULL)
		*decimals = c->decimals;
	return 0;
}

int
money_currency_at(size_t i, const char **code, int *decimals)
{
	if (i >= MONEY_NCURRENCIES)
		return ERR_NOTFOUND;
	if (code != NULL)
		*code = money_currencies[i].code;
	if (decimals != NULL)
		*decimals = money_currencies[i].decimals;
	return 0;
}

/* Problems visible in the whole string: nothing typed, spaces, non-ASCII. */
static const char *
check_chars(const char *s)
{
	int only_space = 1, space = 0, nonascii = 0;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			nonascii = 1;
		if (is_space(*s))
			space = 1;
		else
			only_space = 0;
	}
	if (only_space)
		return "empty amount";
	if (space)
		return "amount has spaces";
	if (nonascii)
		return "use the plain digits 0-9 and a dot, nothing else";
	return NULL;
}

struct char_counts {
	int	dots, commas, groupers, exps, signs, others;
};

static void
count_chars(const char *b, struct char_counts *n)
{
	memset(n, 0, sizeof(*n));
	for (; *b != '\0'; b++) {
		if (is_digit(*b))
			continue;
		else if (*b == '.')
			n->dots++;
		else if (*b == ',')
			n->commas++;
		else if (*b == '_' || *b == '\'')
			n->groupers++;
		else if (*b == 'e' || *b == 'E')
			n->exps++;
		else if (*b == '+' || *b == '-')
			n->signs++;
		else
			n->others++;
	}
}

/*
 * The body is what follows an accepted sign. Says why it is not made of
 * digits and at most one dot, or NULL if it is.
 */
static const char *
check_body(const char *b)
{
	struct char_counts n;

	if (*b == '\0')
		return "not a number";
	if (b[0] == '0' && (b[1] == 'x' || b[1] == 'X'))
		return "hex is not allowed";
	count_chars(b, &n);
	if (n.exps > 0 && n.others == 0 && (is_digit(b[0]) || b[0] == '.'))
		return "exponents are not allowed";
	if (n.others > 0 || n.exps > 0 || n.signs > 0)
		return "not a number";
	if (n.commas > 0 && n.dots > 0)
		return "thousands separators are not allowed";
	if (n.commas > 0)
		return "use a dot as the decimal separator";
	if (n.groupers > 0)
		return "thousands separators are not allowed";
	if (n.dots > 1)
		return "more than one dot";
	return NULL;
}

/* *v = *v * 10 + d, refusing anything over MONEY_MAX. */
static int
push_digit(int64_t *v, int d)
{
	if (*v > (MONEY_MAX - d) / 10)
		return ERR_OVERFLOW;
	*v = *v * 10 + d;
	return 0;
}

/*
 * Convert a body of digits with at most one dot (check_body() passed) to
 * minor units, checking its shape, its decimals and MONEY_MAX.
 */
static int
body_value(const char *b, int decimals, int64_t *out, const char **why)
{
	const char *dot = strchr(b, '.');
	size_t nfrac = dot != NULL ? strlen(dot + 1) : 0;
	int64_t v = 0;
	int i;

	*why = NULL;
	if (b[0] == '.')
		*why = "a digit is needed before the dot, as in 0.5";
	else if (b[0] == '0' && is_digit(b[1]))
		*why = "leading zeros are not allowed";
	else if (dot != NULL && nfrac == 0)
		*why = "digits are needed after the dot";
	else if (nfrac > (size_t)decimals)
		*why = too_many_decimals[decimals];
	if (*why != NULL)
		return ERR_AMOUNT;
	for (; *b != '\0'; b++)
		if (*b != '.' && push_digit(&v, *b - '0') != 0)
			goto overflow;
	for (i = (int)nfrac; i < decimals; i++)
		if (push_digit(&v, 0) != 0)
			goto overflow;
	*out = v;
	return 0;
overflow:
	*why = "amount too large";
	return ERR_OVERFLOW;
}

/* Says why a leading sign is refused, or NULL; sets *neg for a '-'. */
static const char *
check_sign(const char *s, int allow_neg, int *neg)
{
	*neg = 0;
	if (*s == '+')
		return allow_neg ? "a plus sign is not allowed" :
		    "a sign is not allowed";
	if (*s == '-') {
		if (!allow_neg)
			return "negative amounts are not allowed here";
		*neg = 1;
	}
	return NULL;
}

static int
parse(const char *s, int decimals, int allow_neg, int64_t *out,
    const char **why)
{
	const char *msg;
	int64_t v;
	int neg = 0, rc = ERR_AMOUNT;

	if (s == NULL || decimals < 0 || decimals > MONEY_MAX_DECIMALS) {
		msg = "internal error: no amount or bad decimals";
		rc = ERR_INVALID;
		goto fail;
	}
	if ((msg = check_chars(s)) != NULL ||
	    (msg = check_sign(s, allow_neg, &neg)) != NULL ||
	    (msg = check_body(s + neg)) != NULL)
		goto fail;
	if ((rc = body_value(s + neg, decimals, &v, &msg)) != 0)
		goto fail;
	if (neg && v == 0) {
		msg = "negative zero is not allowed";
		rc = ERR_AMOUNT;
		goto fail;
	}
	*out = neg ? -v : v;
	return 0;
fail:
	if (why != NULL)
		*why = msg;
	return rc;
}

int
money_parse(const char *s, int decimals, int64_t *out, const char **why)
{
	return parse(s, decimals, 0, out, why);
}

int
money_parse_signed(const char *s, int decimals, int64_t *out,
    const char **why)
{
	return parse(s, decimals, 1, out, why);
}

/*
 * Write the text of minor backwards into tmp (no NUL); returns its length.
 * The magnitude goes through uint64_t so INT64_MIN needs no negation.
 */
static size_t
format_reversed(char *tmp, int64_t minor, int decimals, int grouped)
{
	uint64_t u = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;
	size_t n = 0;
	int i;

	for (i = 0; i < decimals; i++) {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	}
	if (decimals > 0)
		tmp[n++] = '.';
	i = 0;
	do {
		if (grouped && i > 0 && i % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
		i++;
	} while (u != 0);
	if (minor < 0)
		tmp[n++] = '-';
	return n;
}

static char *
format(char *buf, size_t size, int64_t minor, int decimals, int grouped,
    const char *code)
{
	char tmp[MONEY_BUFSZ];
	size_t i, n;

	if (buf == NULL || size == 0)
		return NULL;
	buf[0] = '\0';
	if (decimals < 0 || decimals > MONEY_MAX_DECIMALS)
		return NULL;
	if (code != NULL && !code_wellformed(code))
		return NULL;
	n = format_reversed(tmp, minor, decimals, grouped);
	if (n + (code != NULL ? 4 : 0) + 1 > size)
		return NULL;
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	if (code != NULL) {
		buf[n++] = ' ';
		memcpy(buf + n, code, 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

char *
money_format(char *buf, size_t size, int64_t minor, int decimals)
{
	return format(buf, size, minor, decimals, 0, NULL);
}

char *
money_format_grouped(char *buf, size_t size, int64_t minor, int decimals)
{
	return format(buf, size, minor, decimals, 1, NULL);
}

char *
money_format_cur(char *buf, size_t size, int64_t minor, int decimals,
    const char *code)
{
	if (code == NULL) {
		if (buf != NULL && size > 0)
			buf[0] = '\0';
		return NULL;
	}
	return format(buf, size, minor, decimals, 1, code);
}

int
money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return ERR_OVERFLOW;
	*out = r;
	return 0;
}

int
money_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r))
		return ERR_OVERFLOW;
	*out = r;
	return 0;
}

int
money_mul(int64_t amount, int64_t qty, int64_t *out)
{
	int64_t r;

	if (__builtin_mul_overflow(amount, qty, &r))
		return ERR_OVERFLOW;
	*out = r;
	return 0;
}

int
money_mul_div_round(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128 p, q, r, ar, ac;

	if (c == 0)
		return ERR_INVALID;
	/* |a * b| <= 2^126: exact in 128 bits, as are q and r below. */
	p = (__int128)a * b;
	q = p / c;
	r = p % c;
	ar = r < 0 ? -r : r;
	ac = c < 0 ? -(__int128)c : (__int128)c;
	if (2 * ar >= ac)
		q += (p < 0) != (c < 0) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return ERR_OVERFLOW;
	*out = (int64_t)q;
	return 0;
}

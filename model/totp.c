/*
 * totp.c -- TOTP codes (liboath), base32, provisioning URIs and recovery
 * codes (libsodium). No storage: the auth module keeps state.
 */
#include "model/totp.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"

_Static_assert(sizeof(time_t) >= 8, "TOTP needs a 64-bit time_t");

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/* Crockford's base32 alphabet: no i, l, o (look-alikes) and no u. */
static const char rc_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

static pthread_once_t lib_once = PTHREAD_ONCE_INIT;
static int lib_oath_ok;

/* Initialize libsodium and liboath once per process. */
static void
lib_init_once(void)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot initialize");
	lib_oath_ok = oath_init() == OATH_OK;
}

/* Make both libraries ready; 0, or ERR_INTERNAL if liboath failed. */
static int
lib_init(void)
{
	pthread_once(&lib_once, lib_init_once);
	return lib_oath_ok ? 0 : ERR_INTERNAL;
}

void
totp_secret_new(unsigned char secret[TOTP_SECRET_LEN])
{
	(void)lib_init();
	randombytes_buf(secret, TOTP_SECRET_LEN);
}

int
totp_base32_encode(const unsigned char *in, size_t len, char *out,
    size_t outsz)
{
	unsigned int acc = 0;
	size_t i, o = 0, need;
	int bits = 0;

	if (len > (SIZE_MAX - 5) / 8)
		return ERR_RANGE;
	need = (len * 8 + 4) / 5;
	if (outsz <= need)
		return ERR_RANGE;
	for (i = 0; i < len; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = b32_alphabet[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[o++] = b32_alphabet[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return 0;
}

/* The value of base32 digit c in either case, or -1. */
static int
b32_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/* Count the base32 digits of in; -1 if a character is not allowed. */
static long
b32_count(const char *in)
{
	long n = 0;
	int padded = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ')
			continue;
		if (*in == '=') {
			padded = 1;
			continue;
		}
		if (padded || b32_value(*in) < 0)
			return -1;
		n++;
	}
	return n;
}

int
totp_base32_decode(const char *in, unsigned char *out, size_t outsz,
    size_t *outlen)
{
	unsigned int acc = 0;
	size_t o = 0, need;
	long n;
	int bits = 0, v;

	n = b32_count(in);
	if (n < 0)
		return ERR_INVALID;
	if (n % 8 == 1 || n % 8 == 3 || n % 8 == 6)
		return ERR_INVALID;
	need = (size_t)n * 5 / 8;
	if (need > outsz)
		return ERR_RANGE;
	for (; *in != '\0'; in++) {
		if ((v = b32_value(*in)) < 0)
			continue;
		acc = (acc << 5) | (unsigned int)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	sodium_memzero(&acc, sizeof acc);
	*outlen = o;
	return 0;
}

/* A bounded writer for totp_uri. */
struct uribuf {
	char	*buf;
	size_t	 size;
	size_t	 len;
	int	 over;
};

static void
uri_put(struct uribuf *u, const char *s)
{
	size_t n = strlen(s);

	if (u->over || u->len + n >= u->size) {
		u->over = 1;
		return;
	}
	memcpy(u->buf + u->len, s, n + 1);
	u->len += n;
}

/* Append s percent-encoded: all but RFC 3986 unreserved characters. */
static void
uri_put_pct(struct uribuf *u, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	char tmp[4];

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			tmp[0] = (char)c;
			tmp[1] = '\0';
		} else {
			tmp[0] = '%';
			tmp[1] = hex[c >> 4];
			tmp[2] = hex[c & 15];
			tmp[3] = '\0';
		}
		uri_put(u, tmp);
	}
}

int
totp_uri(char *buf, size_t size, const char *issuer, const char *account,
    const char *base32)
{
	struct uribuf u = { buf, size, 0, 0 };

	if (*issuer == '\0' || *account == '\0' || *base32 == '\0' ||
	    strspn(base32, b32_alphabet) != strlen(base32))
		return ERR_INVALID;
	if (size > 0)
		buf[0] = '\0';
	uri_put(&u, "otpauth://totp/");
	uri_put_pct(&u, issuer);
	uri_put(&u, ":");
	uri_put_pct(&u, account);
	uri_put(&u, "?secret=");
	uri_put(&u, base32);
	uri_put(&u, "&issuer=");
	uri_put_pct(&u, issuer);
	if (u.over) {
		if (size > 0)
			buf[0] = '\0';
		return ERR_RANGE;
	}
	return 0;
}

/* The code of time step step into code; 0 or ERR_INTERNAL. */
static int
code_of_step(const unsigned char *secret, size_t len, int64_t step,
    char code[TOTP_CODE_SIZE])
{
	if (oath_totp_generate((const char *)secret, len,
	    (time_t)(step * TOTP_STEP), TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME,
	    TOTP_DIGITS, code) != OATH_OK)
		return ERR_INTERNAL;
	return 0;
}

int
totp_code_at(const unsigned char *secret, size_t len, int64_t t,
    char code[TOTP_CODE_SIZE])
{
	char tmp[TOTP_CODE_SIZE];
	int rc;

	if (len == 0)
		return ERR_INVALID;
	if (t < 0)
		return ERR_RANGE;
	if ((rc = lib_init()) != 0)
		return rc;
	if ((rc = code_of_step(secret, len, t / TOTP_STEP, tmp)) == 0)
		memcpy(code, tmp, sizeof tmp);
	sodium_memzero(tmp, sizeof tmp);
	return rc;
}

/*
 * Reduce a typed TOTP code to its 6 digits: surrounding blanks dropped,
 * one space allowed between the third and fourth digit. 0 or -1.
 */
static int
code_parse(const char *in, char digits[TOTP_CODE_SIZE])
{
	size_t n = 0;

	while (*in == ' ' || *in == '\t')
		in++;
	for (; *in >= '0' && *in <= '9'; in++) {
		if (n == TOTP_DIGITS)
			return -1;
		digits[n++] = *in;
		if (n == TOTP_DIGITS / 2 && in[1] == ' ' &&
		    in[2] >= '0' && in[2] <= '9')
			in++;
	}
	while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')
		in++;
	if (*in != '\0' || n != TOTP_DIGITS)
		return -1;
	digits[n] = '\0';
	return 0;
}

/*
 * Compare digits with the codes of the steps within TOTP_WINDOW of now,
 * nearest first. Sets *fresh to the first matching step after last_step
 * (or -1) and *replayed to 1 if an older or equal step matched.
 */
static int
code_match(const unsigned char *secret, size_t len, int64_t now,
    const char *digits, int64_t last_step, int64_t *fresh, int *replayed)
{
	char want[TOTP_CODE_SIZE];
	int64_t step;
	int i, rc = 0;

	*fresh = -1;
	*replayed = 0;
	/* Offsets 0, -1, +1, -2, +2, ... up to TOTP_WINDOW. */
	for (i = 0; i <= 2 * TOTP_WINDOW; i++) {
		step = now / TOTP_STEP + (i + 1) / 2 * (i % 2 ? -1 : 1);
		if (step < 0)
			continue;
		if ((rc = code_of_step(secret, len, step, want)) != 0)
			break;
		if (sodium_memcmp(want, digits, TOTP_DIGITS) != 0)
			continue;
		if (step <= last_step)
			*replayed = 1;
		else if (*fresh < 0)
			*fresh = step;
	}
	sodium_memzero(want, sizeof want);
	return rc;
}

int
totp_verify(const unsigned char *secret, size_t len, int64_t now,
    const char *code, int64_t last_step, int64_t *matched_step)
{
	char digits[TOTP_CODE_SIZE];
	int64_t fresh;
	int rc, replayed;

	if (len == 0)
		return ERR_INVALID;
	if (now < 0 || now > INT64_MAX - TOTP_STEP * (TOTP_WINDOW + 1))
		return ERR_RANGE;
	if ((rc = lib_init()) != 0)
		return rc;
	if (code_parse(code, digits) != 0) {
		rc = ERR_AUTH;
		goto out;
	}
	rc = code_match(secret, len, now, digits, last_step, &fresh,
	    &replayed);
	if (rc != 0)
		goto out;
	if (fresh >= 0) {
		if (matched_step != NULL)
			*matched_step = fresh;
	} else
		rc = replayed ? ERR_REPLAY : ERR_AUTH;
out:
	sodium_memzero(digits, sizeof digits);
	return rc;
}

void
totp_recovery_new(char code[TOTP_RECOVERY_SIZE])
{
	unsigned char rnd[TOTP_RECOVERY_CHARS];
	size_t i, o = 0;

	(void)lib_init();
	randombytes_buf(rnd, sizeof rnd);
	for (i = 0; i < TOTP_RECOVERY_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			code[o++] = '-';
		/* 32 divides 256: the low five bits are uniform. */
		code[o++] = rc_alphabet[rnd[i] & 31];
	}
	code[o] = '\0';
	sodium_memzero(rnd, sizeof rnd);
}

/* The canonical recovery-code character for typed c, or 0 if none. */
static char
rc_canon(char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (c == 'o')
		return '0';
	if (c == 'i' || c == 'l')
		return '1';
	if (c != '\0' && strchr(rc_alphabet, c) != NULL)
		return c;
	return 0;
}

int
totp_recovery_normalize(const char *in, char *out, size_t outsz)
{
	char tmp[TOTP_RECOVERY_NORM_SIZE];
	size_t n = 0;
	char c;
	int rc = 0;

	if (outsz < TOTP_RECOVERY_NORM_SIZE)
		return ERR_RANGE;
	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-' || *in == '\t' || *in == '\r' ||
		    *in == '\n')
			continue;
		if ((c = rc_canon(*in)) == 0 || n == TOTP_RECOVERY_CHARS) {
			rc = ERR_INVALID;
			goto out;
		}
		tmp[n++] = c;
	}
	if (n != TOTP_RECOVERY_CHARS) {
		rc = ERR_INVALID;
		goto out;
	}
	tmp[n] = '\0';
	memcpy(out, tmp, sizeof tmp);
out:
	sodium_memzero(tmp, sizeof tmp);
	return rc;
}

void
totp_recovery_hash(const unsigned char key[TOTP_RECOVERY_KEY_LEN],
    const char *normalized, char hex[TOTP_RECOVERY_HASH_SIZE])
{
	unsigned char h[crypto_generichash_BYTES];

	(void)lib_init();
	if (crypto_generichash(h, sizeof h, (const unsigned char *)normalized,
	    strlen(normalized), key, TOTP_RECOVERY_KEY_LEN) != 0)
		fatal("crypto_generichash failed");
	str_hex(hex, h, sizeof h);
}

int
totp_is_recovery_shaped(const char *input)
{
	char tmp[TOTP_RECOVERY_NORM_SIZE];
	int shaped;

	shaped = totp_recovery_normalize(input, tmp, sizeof tmp) == 0;
	sodium_memzero(tmp, sizeof tmp);
	return shaped;
}

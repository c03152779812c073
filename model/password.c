/*
 * password.c -- the password policy and Argon2id hashing (libsodium).
 */
#include "model/password.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/xmalloc.h"

/* data/common-passwords.txt, embedded by tools/embed.sh: lines and '\n'. */
extern const char common_passwords[];

/* The common-password list: lower-cased copies, sorted for bsearch. */
struct password_list {
	char		 *buf;	/* the entries, each NUL-terminated */
	const char	**v;	/* n pointers into buf, sorted */
	size_t		  n;
	size_t		  maxlen;
};

static struct password_list	common;
static char			dummy_hash[crypto_pwhash_STRBYTES];

/* sodium_init() once; 0 or ERR_INTERNAL. */
static int
password_sodium(void)
{
	static int ready;

	if (!ready) {
		if (sodium_init() < 0)
			return ERR_INTERNAL;
		ready = 1;
	}
	return 0;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Build the sorted list from the embedded text, once. */
static void
password_list_load(void)
{
	size_t len, i, start, n = 0;
	char *buf;

	if (common.v != NULL)
		return;
	len = strlen(common_passwords);
	buf = xmalloc(len + 1);
	for (i = 0; i <= len; i++) {
		buf[i] = lower(common_passwords[i]);
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = '\0';
		if (buf[i] == '\0')
			n++;
	}
	common.v = xreallocarray(NULL, n, sizeof(*common.v));
	common.buf = buf;
	common.n = 0;
	common.maxlen = 0;
	for (start = 0, i = 0; i <= len; i++) {
		if (buf[i] != '\0')
			continue;
		if (i > start && i - start <= PASSWORD_MAX_BYTES) {
			common.v[common.n++] = buf + start;
			if (i - start > common.maxlen)
				common.maxlen = i - start;
		}
		start = i + 1;
	}
	qsort(common.v, common.n, sizeof(*common.v), cmp_entry);
}

void
password_cleanup(void)
{
	free(common.v);
	free(common.buf);
	memset(&common, 0, sizeof(common));
}

/* 1 if password is on the common list, ignoring ASCII case. */
static int
password_is_common(const char *password)
{
	char key[PASSWORD_MAX_BYTES + 1];
	const char *kp = key;
	size_t len, i;
	int found;

	password_list_load();
	len = strlen(password);
	if (len == 0 || len > common.maxlen)
		return 0;
	for (i = 0; i <= len; i++)
		key[i] = lower(password[i]);
	found = bsearch(&kp, common.v, common.n, sizeof(*common.v),
	    cmp_entry) != NULL;
	sodium_memzero(key, sizeof(key));
	return found;
}

/* Number of UTF-8 code points: every byte but continuation bytes. */
static size_t
utf8_count(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* 1 if s (non-empty) is one UTF-8 character repeated. */
static int
is_repeated(const char *s)
{
	size_t len = strlen(s), k = 1, i;

	while (k < len && k < 4 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k++;
	if (len % k != 0)
		return 0;
	for (i = k; i < len; i += k)
		if (memcmp(s, s + i, k) != 0)
			return 0;
	return 1;
}

/* 1 if hay contains needle (non-empty), ignoring ASCII case. */
static int
contains_nocase(const char *hay, const char *needle)
{
	size_t hn = strlen(hay), nn = strlen(needle), i, j;

	for (i = 0; i + nn <= hn; i++) {
		for (j = 0; j < nn; j++)
			if (lower(hay[i + j]) != lower(needle[j]))
				break;
		if (j == nn)
			return 1;
	}
	return 0;
}

int
password_policy_check(const char *username, const char *password,
    const char **why)
{
	const char *reason = NULL;

	if (password == NULL)
		return ERR_INVALID;
	if (strlen(password) > PASSWORD_MAX_BYTES)
		reason = "must be at most 1024 bytes long";
	else if (utf8_count(password) < PASSWORD_MIN_CHARS)
		reason = "must be at least 12 characters long";
	else if (is_repeated(password))
		reason = "must not be one character repeated";
	else if (username != NULL && *username != '\0' &&
	    contains_nocase(password, username))
		reason = "must not contain the user name";
	else if (password_is_common(password))
		reason = "is one of the most common passwords";
	if (reason == NULL)
		return 0;
	if (why != NULL)
		*why = reason;
	return ERR_PASSWORD_POLICY;
}

int
password_hash(const char *password, char **out)
{
	char buf[crypto_pwhash_STRBYTES];
	size_t len;
	int rc;

	if (password == NULL || (len = strlen(password)) > PASSWORD_MAX_BYTES)
		return ERR_INVALID;
	if ((rc = password_sodium()) != 0)
		return rc;
	/* With valid arguments, Argon2 fails only to get its memory. */
	errno = 0;
	if (crypto_pwhash_str_alg(buf, password, len, PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return errno == EINVAL || errno == EFBIG ? ERR_INTERNAL :
		    ERR_NOMEM;
	*out = xstrdup(buf);
	return 0;
}

int
password_verify(const char *hash, const char *password)
{
	if (hash == NULL || password == NULL || password_sodium() != 0)
		return ERR_AUTH;
	if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return ERR_AUTH;
	if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
		return ERR_AUTH;
	return 0;
}

int
password_needs_rehash(const char *hash)
{
	static const char prefix[] = crypto_pwhash_argon2id_STRPREFIX;

	if (hash == NULL || password_sodium() != 0)
		return 1;
	if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return 1;
	if (strncmp(hash, prefix, sizeof(prefix) - 1) != 0)
		return 1;
	return crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT) != 0;
}

/*
 * The dummy hash has the current parameters and a fixed salt and digest
 * that no password is expected to match; verifying against it costs what
 * a real verification costs. Building it needs no hashing.
 */
static void
password_dummy_build(void)
{
	static const char salt[] = "cafed dummy salt";
	static const unsigned char digest[32];
	char s64[sodium_base64_ENCODED_LEN(sizeof(salt) - 1,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	char d64[sodium_base64_ENCODED_LEN(sizeof(digest),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];

	sodium_bin2base64(s64, sizeof(s64), (const unsigned char *)salt,
	    sizeof(salt) - 1, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(d64, sizeof(d64), digest, sizeof(digest),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	snprintf(dummy_hash, sizeof(dummy_hash),
	    "%sv=%d$m=%lu,t=%llu,p=1$%s$%s", crypto_pwhash_argon2id_STRPREFIX,
	    0x13, PASSWORD_MEMLIMIT / 1024, PASSWORD_OPSLIMIT, s64, d64);
}

void
password_dummy_verify(const char *password)
{
	if (password_sodium() != 0)
		return;
	if (dummy_hash[0] == '\0')
		password_dummy_build();
	if (password == NULL)
		password = "";
	/* The outcome is meaningless: only the time spent counts. */
	if (crypto_pwhash_str_verify(dummy_hash, password,
	    strlen(password)) == 0)
		return;
}

/*
 * keys.c -- loading the server key and deriving subkeys from it.
 */
#include "model/keys.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"

struct keys {
	unsigned char	master[KEYS_LEN];
	unsigned char	audit[KEYS_LEN];
	unsigned char	box[crypto_secretbox_KEYBYTES];
	unsigned char	blind[KEYS_LEN];
	unsigned char	recovery[KEYS_LEN];
	char		id[KEYS_ID_LEN + 1];
};

/* Subkey ids and the context for crypto_kdf (exactly 8 bytes). */
#define KDF_CTX		"cafedkey"
enum { KDF_AUDIT = 1, KDF_BOX, KDF_BLIND, KDF_RECOVERY, KDF_ID };

static void
keys_sodium(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
}

struct keys *
keys_from_bytes(const unsigned char raw[KEYS_LEN])
{
	struct keys *k;
	unsigned char idbytes[KEYS_LEN];

	keys_sodium();
	k = xcalloc(1, sizeof *k);
	memcpy(k->master, raw, KEYS_LEN);
	crypto_kdf_derive_from_key(k->audit, sizeof k->audit, KDF_AUDIT,
	    KDF_CTX, k->master);
	crypto_kdf_derive_from_key(k->box, sizeof k->box, KDF_BOX, KDF_CTX,
	    k->master);
	crypto_kdf_derive_from_key(k->blind, sizeof k->blind, KDF_BLIND,
	    KDF_CTX, k->master);
	crypto_kdf_derive_from_key(k->recovery, sizeof k->recovery,
	    KDF_RECOVERY, KDF_CTX, k->master);
	crypto_kdf_derive_from_key(idbytes, sizeof idbytes, KDF_ID, KDF_CTX,
	    k->master);
	str_hex(k->id, idbytes, KEYS_ID_LEN / 2);
	sodium_memzero(idbytes, sizeof idbytes);
	return k;
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	sodium_memzero(k, sizeof *k);
	free(k);
}

int
keys_create(const char *path)
{
	unsigned char raw[KEYS_LEN];
	mode_t old;
	ssize_t w;
	int fd, r = 0;

	keys_sodium();
	old = umask(077);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	umask(old);
	if (fd == -1)
		return errno == EEXIST ? ERR_EXISTS : ERR_IO;
	randombytes_buf(raw, sizeof raw);
	w = write(fd, raw, sizeof raw);
	if (w != (ssize_t)sizeof raw || fsync(fd) != 0)
		r = ERR_IO;
	if (close(fd) != 0)
		r = ERR_IO;
	sodium_memzero(raw, sizeof raw);
	if (r != 0)
		unlink(path);
	return r;
}

int
keys_load(const char *path, struct keys **out)
{
	unsigned char raw[KEYS_LEN + 1];
	struct stat sb;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return ERR_IO;
	}
	if ((sb.st_mode & 077) != 0) {
		close(fd);
		return ERR_KEY_MODE;
	}
	n = read(fd, raw, sizeof raw);
	close(fd);
	if (n != KEYS_LEN) {
		sodium_memzero(raw, sizeof raw);
		return n < 0 ? ERR_IO : ERR_KEY;
	}
	*out = keys_from_bytes(raw);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

const char *
keys_id(const struct keys *k)
{
	return k->id;
}

const unsigned char *
keys_audit(const struct keys *k)
{
	return k->audit;
}

const unsigned char *
keys_recovery(const struct keys *k)
{
	return k->recovery;
}

void
keys_seal(const struct keys *k, const void *in, size_t len,
    unsigned char **out, size_t *outlen)
{
	unsigned char *buf;
	size_t n = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    len;

	buf = xmalloc(n);
	randombytes_buf(buf, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(buf + crypto_secretbox_NONCEBYTES, in, len,
	    buf, k->box);
	*out = buf;
	*outlen = n;
}

int
keys_open(const struct keys *k, const unsigned char *in, size_t len,
    unsigned char **out, size_t *outlen)
{
	unsigned char *buf;
	size_t n;

	if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return ERR_KEY;
	n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	buf = xmalloc(n + 1);
	if (crypto_secretbox_open_easy(buf, in + crypto_secretbox_NONCEBYTES,
	    len - crypto_secretbox_NONCEBYTES, in, k->box) != 0) {
		free(buf);
		return ERR_KEY;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

void
keys_blind(const struct keys *k, const char *domain, const char *value,
    char hex[65])
{
	crypto_generichash_state st;
	unsigned char h[32], zero = 0;

	crypto_generichash_init(&st, k->blind, sizeof k->blind, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)domain,
	    strlen(domain));
	crypto_generichash_update(&st, &zero, 1);
	crypto_generichash_update(&st, (const unsigned char *)value,
	    strlen(value));
	crypto_generichash_final(&st, h, sizeof h);
	str_hex(hex, h, sizeof h);
}

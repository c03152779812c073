/*
 * hostkey.c -- creating, loading and fingerprinting the host key.
 */
#include "sshd/hostkey.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"

/* Make a new ed25519 key at path, readable by the owner only. */
static int
hostkey_create(const char *path, char *why, size_t whysize)
{
	ssh_key key = NULL;
	mode_t old;
	int r;

	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
		snprintf(why, whysize, "%s: cannot generate a key", path);
		return ERR_KEY;
	}
	old = umask(077);
	r = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
	umask(old);
	ssh_key_free(key);
	if (r != SSH_OK) {
		snprintf(why, whysize, "%s: cannot write the new host key",
		    path);
		return ERR_IO;
	}
	return 0;
}

int
sshd_hostkey_load(const char *path, int create, ssh_key *out, int *created,
    char *why, size_t whysize)
{
	struct stat sb;
	ssh_key key = NULL;
	int r;

	*created = 0;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !create) {
			snprintf(why, whysize, "%s: %s", path,
			    errno == ENOENT ? "no host key (cafed makes one "
			    "on its first start)" : strerror(errno));
			return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
		}
		if ((r = hostkey_create(path, why, whysize)) != 0)
			return r;
		*created = 1;
		if (stat(path, &sb) != 0) {
			snprintf(why, whysize, "%s: %s", path,
			    strerror(errno));
			return ERR_IO;
		}
	}
	if ((sb.st_mode & 077) != 0) {
		snprintf(why, whysize, "%s: the host key may be read by "
		    "others (mode %03o); chmod 600 it", path,
		    (unsigned)(sb.st_mode & 0777));
		return ERR_KEY_MODE;
	}
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) !=
	    SSH_OK || key == NULL) {
		snprintf(why, whysize, "%s: not a private key", path);
		return ERR_KEY;
	}
	*out = key;
	return 0;
}

int
sshd_hostkey_fingerprint(const ssh_key key, char *buf, size_t size)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0)
		return ERR_KEY;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	if (fp == NULL)
		return ERR_KEY;
	str_lcpy(buf, fp, size);
	ssh_string_free_char(fp);
	return 0;
}

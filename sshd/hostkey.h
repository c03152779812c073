/*
 * hostkey.h -- the server's ed25519 host key and its fingerprint.
 */
#ifndef CAFED_SSHD_HOSTKEY_H
#define CAFED_SSHD_HOSTKEY_H

#include <stddef.h>

#include <libssh/libssh.h>

#define SSHD_FP_MAX	64

/*
 * Load the host key at path. With create, a missing file is made: a
 * new ed25519 key, mode 0600 (*created set to 1). Refuses a key others
 * may read (ERR_KEY_MODE), a file that is not a private key (ERR_KEY),
 * a missing one without create (ERR_NOTFOUND). On success *out (free
 * with ssh_key_free) is set; on failure why says what went wrong.
 */
int	sshd_hostkey_load(const char *path, int create, ssh_key *out,
	    int *created, char *why, size_t whysize);

/*
 * The SHA256 fingerprint of key as ssh-keygen -l prints it
 * ("SHA256:" and unpadded base64) into buf (SSHD_FP_MAX bytes).
 * Returns 0 or ERR_KEY.
 */
int	sshd_hostkey_fingerprint(const ssh_key key, char *buf, size_t size);

#endif

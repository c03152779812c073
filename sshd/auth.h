/*
 * auth.h -- one login attempt: throttling, the password (bounded by the
 * verification slots), a registered public key, the second factor, and
 * a failure that always looks the same.
 *
 * Used by the SSH session (keyboard-interactive and publickey) and by
 * `cafed tui` on the local console. Every failure, whatever failed
 * (unknown user, wrong password, disabled account, wrong or replayed
 * code, locked pair, admin from a forbidden address), gives the same
 * answer no sooner than auth_fail_delay after the code arrived.
 */
#ifndef CAFED_SSHD_AUTH_H
#define CAFED_SSHD_AUTH_H

#include <stdint.h>

#include "model/auth.h"
#include "model/user.h"
#include "sshd/cidr.h"

struct mctx;
struct sshd_config;
struct sshd_slots;

#define SSHD_NAME_MAX	64

struct sshd_auth {
	const struct sshd_config *cfg;
	struct mctx		*ctx;
	struct sshd_slots	*slots;		/* opened on first use */
	int			 local;		/* the local console */
	char			 addr[SSHD_ADDR_MAX];	/* or "local" */
	char			 tkey[80];	/* throttle key of addr */
	char			 name[SSHD_NAME_MAX + 1]; /* as typed, clean */
	struct user_info	 u;
	int			 began;		/* throttle attempt begun */
	int			 locked;	/* refused whatever is typed */
	int			 pw_ok;		/* first factor: password */
	int			 key_ok;	/* first factor: public key */
	int			 no_source;	/* admin, refused address */
	enum auth_why		 why;
	int			 recovery;	/* a recovery code was used */
};

/* Start with no attempt; addr NULL for the local console. */
void	sshd_auth_init(struct sshd_auth *, const struct sshd_config *,
	    struct mctx *, const char *addr);

/*
 * Begin an attempt on name: count it in the throttles and wait the
 * delay they ask for. Done once per attempt (a second call is a no-op).
 */
void	sshd_auth_begin(struct sshd_auth *, const char *name);

/*
 * The password for name (begins the attempt if needed). Returns 1 when
 * the login is complete now: the password is right and the user has no
 * TOTP yet (enrollment). Returns 0 otherwise: ask for the code, whether
 * the password was right or not.
 */
int	sshd_auth_password(struct sshd_auth *, const char *name,
	    const char *password);

/*
 * A public key (type and base64, as authorized_keys writes them) that
 * the SSH layer has checked name holds. Returns 0 when it is registered
 * for that enabled user (a first factor; not an attempt yet), else
 * ERR_AUTH. No delay: offering keys that do not fit is normal.
 */
int	sshd_auth_pubkey(struct sshd_auth *, const char *name,
	    const char *keytype, const char *b64);

/* 1 when the first factor passed and the user still has to enroll. */
int	sshd_auth_enrolls(const struct sshd_auth *);

/*
 * The second factor (a TOTP code or an unused recovery code). Returns
 * 0 when the login succeeded, else ERR_AUTH after the failure has been
 * counted, audited, logged and padded to auth_fail_delay.
 */
int	sshd_auth_code(struct sshd_auth *, const char *code);

/*
 * Complete a login that needs no code (enrollment); counts as success
 * in the throttles. Returns 0.
 */
int	sshd_auth_succeed(struct sshd_auth *, const char *method);

/* Refuse the attempt begun (counted, audited, logged, padded from t0). */
void	sshd_auth_fail(struct sshd_auth *, int64_t t0_ms);

/* Forget the attempt, ready for the next (keeps addr and slots). */
void	sshd_auth_reset(struct sshd_auth *);

/* Close the slots; the struct may be dropped afterwards. */
void	sshd_auth_done(struct sshd_auth *);

#endif

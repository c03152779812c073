/*
 * user.h -- staff accounts: names, roles, passwords, disabling.
 *
 * Names are folded to lower case, [a-z0-9._-], 1-32 characters, unique.
 * Every change checks the actor's permission itself, refuses what the
 * granting rules forbid (nobody changes their own role, nobody grants
 * what they do not hold, the last enabled admin stays) and is audited
 * in the same transaction.
 */
#ifndef CAFED_USER_H
#define CAFED_USER_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

#define USER_NAME_MAX	32

struct user_info {
	int64_t	id;
	char	name[USER_NAME_MAX + 1];
	int	role;			/* enum role */
	int	disabled;
	int	totp_enrolled;
	int64_t	created_at;
	int	recovery_left;		/* unused recovery codes */
	int	nkeys;			/* registered SSH keys */
};

/*
 * Fold and check a user name into out. Returns 0 or ERR_INVALID, with
 * *why (may be NULL) saying what is wrong.
 */
int	user_name_normalize(const char *in, char out[USER_NAME_MAX + 1],
	    const char **why);

/* What a new account is made of. */
struct user_new {
	const char		*name;
	int			 role;
	const char		*password;
	const unsigned char	*totp_secret;	/* NULL: enrolls at login */
	size_t			 totp_len;
};

/*
 * Create a user with a password that passes the policy, and with a TOTP
 * secret already enrolled when one is given (provisioning), in one
 * transaction. Returns 0 with *id set (may be NULL), ERR_DENIED,
 * ERR_INVALID (name), ERR_EXISTS, ERR_PASSWORD_POLICY (*why says why).
 */
int	user_add(struct mctx *, const struct user_new *, int64_t *id,
	    const char **why);

/* Look a user up by name (folded) or id. ERR_NOTFOUND if absent. */
int	user_find(struct db *, const char *name, struct user_info *);
int	user_get(struct db *, int64_t id, struct user_info *);

/* Every user, ordered by name; free *out with free(). */
int	user_list(struct db *, struct user_info **out, size_t *n);

/* Disable or enable an account (user.manage). */
int	user_set_disabled(struct mctx *, const char *name, int disabled);

/* Change a user's role (user.manage, granting rules). */
int	user_set_role(struct mctx *, const char *name, int role);

/*
 * Set a password: one's own, or as user.manage over that account.
 * ERR_PASSWORD_POLICY with *why when refused by the policy.
 */
int	user_set_password(struct mctx *, const char *name,
	    const char *password, const char **why);

/*
 * The password hash stored for id, to re-hash when the parameters were
 * raised (called after a successful login; not audited as a change).
 */
int	user_rehash_password(struct mctx *, int64_t id, const char *password);

#endif

/*
 * login.h -- live logins and the SSH keys users may log in with.
 *
 * Each login (over SSH or on the local console) is a row while it lasts:
 * user, source, method, the session process, when it started and when
 * its user last did something (at most a minute old, not audited).
 * Ending a login keeps the row as history. A killed or ended login is
 * noticed by login_check(), which the UI polls every tick.
 */
#ifndef CAFED_LOGIN_H
#define CAFED_LOGIN_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

#define LOGIN_TOUCH_EVERY	60	/* seconds between login_touch writes */

struct login_info {
	int64_t	id;
	int64_t	user_id;
	char	user[33];
	char	source[64];
	char	method[16];
	int64_t	pid;
	int64_t	started_at;
	int64_t	last_active;
	int64_t	ended_at;	/* 0 while live */
	char	end_reason[16];
};

/*
 * Record a new login of the acting user (ctx->actor.user_id, its source
 * or "local"), made by method ("password", "publickey", "local") in the
 * session process pid. Audited ("login.start"). Returns 0 with *id set,
 * ERR_DISABLED when the account is disabled, or a database error.
 */
int	login_start(struct mctx *, const char *method, int64_t pid,
	    int64_t *id);

/*
 * End login id with reason ("logout", "dropped", "idle", "shutdown",
 * "lost", ...). Audited ("login.end") when it was live; ending an ended
 * login is a no-op returning 0. ERR_NOTFOUND for an unknown id.
 */
int	login_end(struct mctx *, int64_t id, const char *reason);

/*
 * Record activity on login id: writes last_active only when it is
 * LOGIN_TOUCH_EVERY seconds old or more (a read otherwise). Not
 * audited. Returns 0, or ERR_STATE when the login has ended.
 */
int	login_touch(struct mctx *, int64_t id);

/*
 * 0 while login id is live; ERR_STATE once it was killed or ended
 * (also when its account was disabled meanwhile); ERR_NOTFOUND.
 */
int	login_check(struct mctx *, int64_t id);

/*
 * End someone's login now (user.manage over that account). Audited
 * ("login.kill"). Returns 0, ERR_DENIED, ERR_NOTFOUND, or ERR_STATE
 * when it had ended already.
 */
int	login_kill(struct mctx *, int64_t id);

/* One login by id. ERR_NOTFOUND if absent. */
int	login_get(struct db *, int64_t id, struct login_info *);

/* The live logins, oldest first; free *out with free(). */
int	login_list(struct db *, struct login_info **out, size_t *n);

/*
 * End every live login of a disabled account (reason "disabled",
 * audited); *n (may be NULL) gets how many. For the listener.
 */
int	login_end_disabled(struct mctx *, int *n);

/*
 * SSH public keys registered for users (then the TOTP code is still
 * asked). The key is stored as its type and base64 blob, the way
 * authorized_keys writes them; parsing it is the caller's business
 * (model/ knows no SSH library).
 */
struct login_key {
	int64_t	id;
	char	user[33];
	char	keytype[40];
	char	fingerprint[64];	/* "SHA256:..." */
	char	comment[128];
	int64_t	created_at;
};

/*
 * Register a key for user name (user.manage over that account).
 * Audited ("user.key-add"). Returns 0 with *id set (may be NULL),
 * ERR_NOTFOUND (no such user), ERR_DENIED, ERR_INVALID (empty or
 * control characters), ERR_EXISTS (the key is registered already).
 */
int	login_key_add(struct mctx *, const char *name, const char *keytype,
	    const char *b64, const char *fingerprint, const char *comment,
	    int64_t *id);

/* The keys of user name, oldest first; free *out with free(). */
int	login_key_list(struct db *, const char *name, struct login_key **out,
	    size_t *n);

/*
 * Remove user name's key with that fingerprint (user.manage). Audited
 * ("user.key-del"). Returns 0, ERR_NOTFOUND, ERR_DENIED.
 */
int	login_key_del(struct mctx *, const char *name,
	    const char *fingerprint);

/* 0 when the key (type, base64) is registered for user_id; ERR_NOTFOUND. */
int	login_key_match(struct db *, int64_t user_id, const char *keytype,
	    const char *b64);

#endif

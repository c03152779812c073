/*
 * auth.c -- one login attempt, the same for SSH and the local console.
 */
#include "sshd/auth.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "model/ctx.h"
#include "model/login.h"
#include "model/perm.h"
#include "model/throttle.h"
#include "sshd/config.h"
#include "sshd/slots.h"

/* Sleep until the monotonic clock reaches deadline (ms). */
static void
sleep_until(int64_t deadline)
{
	struct timespec ts;
	int64_t left;

	while ((left = deadline - clock_mono_ms()) > 0) {
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (long)(left % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
}

void
sshd_auth_init(struct sshd_auth *a, const struct sshd_config *cfg,
    struct mctx *ctx, const char *addr)
{
	memset(a, 0, sizeof *a);
	a->cfg = cfg;
	a->ctx = ctx;
	a->local = addr == NULL;
	str_lcpy(a->addr, addr != NULL ? addr : "local", sizeof a->addr);
	sshd_cidr_throttle_key(a->addr, a->tkey, sizeof a->tkey);
	a->why = AUTH_NO_USER;
}

void
sshd_auth_reset(struct sshd_auth *a)
{
	a->name[0] = '\0';
	memset(&a->u, 0, sizeof a->u);
	a->began = a->locked = a->pw_ok = a->key_ok = a->no_source = 0;
	a->recovery = 0;
	a->why = AUTH_NO_USER;
}

void
sshd_auth_done(struct sshd_auth *a)
{
	sshd_slots_free(a->slots);
	a->slots = NULL;
}

void
sshd_auth_begin(struct sshd_auth *a, const char *name)
{
	struct throttle_verdict v;
	int r;

	if (a->began)
		return;
	a->began = 1;
	str_sanitize(a->name, sizeof a->name, name);
	r = throttle_begin(a->ctx, &a->cfg->throttle, a->name, a->tkey,
	    clock_now(), &v);
	if (r != 0) {
		log_event(LOG_LVL_ERR, "auth.throttle-error", "addr=%s "
		    "error=\"%s\"", a->addr, err_str(r));
		v.locked = 1;
		v.delay_ms = a->cfg->throttle.pair.delay_max_ms;
	}
	a->locked = v.locked;
	if (v.delay_ms > 0) {
		log_event(LOG_LVL_INFO, "auth.slowed", "user=%s addr=%s "
		    "delay_ms=%d", a->name, a->addr, v.delay_ms);
		sleep_until(clock_mono_ms() + v.delay_ms);
	}
}

/* May this user log in from here at all (admins' allow-list)? */
static int
auth_source_ok(const struct sshd_auth *a)
{
	if (a->local || a->u.role != ROLE_ADMIN ||
	    a->cfg->admin_allow == NULL)
		return 1;
	return sshd_cidr_match(a->cfg->admin_allow, a->cfg->nadmin_allow,
	    a->addr);
}

int
sshd_auth_password(struct sshd_auth *a, const char *name,
    const char *password)
{
	int r;

	sshd_auth_begin(a, name);
	if (a->slots == NULL && sshd_slots_open(a->cfg->db_path,
	    a->cfg->argon2_slots, &a->slots) != 0)
		log_event(LOG_LVL_WARN, "auth.slots", "cannot open the "
		    "verification slots; verifying unbounded");
	if (a->slots != NULL)
		sshd_slots_acquire(a->slots);
	r = auth_password(a->ctx, name, password, &a->u, &a->why);
	sshd_slots_release(a->slots);
	if (r != 0)
		return 0;
	if (!auth_source_ok(a)) {
		a->no_source = 1;
		return 0;
	}
	if (a->locked)
		return 0;
	a->pw_ok = 1;
	return !a->u.totp_enrolled;
}

int
sshd_auth_pubkey(struct sshd_auth *a, const char *name, const char *keytype,
    const char *b64)
{
	struct user_info u;

	if (user_find(a->ctx->db, name, &u) != 0 || u.disabled ||
	    login_key_match(a->ctx->db, u.id, keytype, b64) != 0)
		return ERR_AUTH;
	if (a->began && strcmp(u.name, a->u.name) != 0)
		sshd_auth_reset(a);
	a->u = u;
	if (!auth_source_ok(a))
		return ERR_AUTH;
	a->key_ok = 1;
	return 0;
}

int
sshd_auth_enrolls(const struct sshd_auth *a)
{
	return (a->pw_ok || a->key_ok) && !a->locked && !a->u.totp_enrolled;
}

/* From now on the acting user is the one logging in. */
static void
auth_become_user(struct sshd_auth *a)
{
	struct actor *ac = &a->ctx->actor;

	ac->user_id = a->u.id;
	str_lcpy(ac->name, a->u.name, sizeof ac->name);
	ac->role = a->u.role;
}

int
sshd_auth_succeed(struct sshd_auth *a, const char *method)
{
	int r;

	auth_become_user(a);

	if (a->began && (r = throttle_success(a->ctx, &a->cfg->throttle,
	    a->name, a->tkey, clock_now())) != 0)
		log_event(LOG_LVL_ERR, "auth.throttle-error", "addr=%s "
		    "error=\"%s\"", a->addr, err_str(r));
	log_event(LOG_LVL_NOTICE, "auth.ok", "user=%s addr=%s method=%s%s%s",
	    a->u.name, a->addr, method, a->recovery ? " recovery-code=1" : "",
	    a->u.totp_enrolled ? "" : " enroll=1");
	return 0;
}

/* The reason of a failure, for the log and the audit. */
static const char *
auth_reason(const struct sshd_auth *a)
{
	if (a->locked)
		return "locked";
	if (a->no_source)
		return "address not allowed";
	return auth_why_str(a->why);
}

void
sshd_auth_fail(struct sshd_auth *a, int64_t t0)
{
	const char *name = a->name[0] != '\0' ? a->name : a->u.name;
	int r;

	if (a->began && (r = throttle_fail(a->ctx, &a->cfg->throttle,
	    name, a->tkey, clock_now())) != 0)
		log_event(LOG_LVL_ERR, "auth.throttle-error", "addr=%s "
		    "error=\"%s\"", a->addr, err_str(r));
	if (a->locked || a->no_source)
		r = throttle_audit_refusal(a->ctx, name, auth_reason(a));
	else
		r = auth_audit_failure(a->ctx, name, a->why);
	if (r != 0)
		log_event(LOG_LVL_ERR, "audit.error", "error=\"%s\"",
		    err_str(r));
	log_event(LOG_LVL_NOTICE, "auth.fail", "user=%s addr=%s reason=\"%s\"",
	    name, a->addr, auth_reason(a));
	sleep_until(t0 + a->cfg->auth_fail_delay_ms);
}

int
sshd_auth_code(struct sshd_auth *a, const char *code)
{
	struct actor saved = a->ctx->actor;
	int64_t t0 = clock_mono_ms();
	int r = ERR_AUTH;

	if ((a->pw_ok || a->key_ok) && !a->locked && !a->no_source) {
		auth_become_user(a);
		r = auth_second_factor(a->ctx, a->u.id, code, &a->recovery,
		    &a->why);
		if (r != 0)
			a->ctx->actor = saved;
		if (r != 0 && r != ERR_AUTH)
			log_event(LOG_LVL_ERR, "auth.error", "user=%s "
			    "error=\"%s\"", a->u.name, err_str(r));
	}
	if (r == 0)
		return sshd_auth_succeed(a, a->key_ok ? "publickey" :
		    "password");
	sshd_auth_fail(a, t0);
	return ERR_AUTH;
}

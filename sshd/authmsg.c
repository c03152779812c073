/*
 * authmsg.c -- the login as SSH messages: keyboard-interactive asks
 * "Password:" then "Verification code:"; a registered public key is a
 * partial success after which only the code is asked. Everything else
 * that arrives as a message (forwarding, X11, other channel types,
 * unknown requests) is refused.
 *
 * libssh 0.10 has no server callback for keyboard-interactive: it comes
 * through the message callback, which also gets every message the
 * server callbacks leave; libssh frees the message after the callback.
 */
#include "sshd/conn.h"

#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "sshd/config.h"

#define KEY_FAILS_MAX	10

/* Send one prompt (not echoed). */
static int
authmsg_ask(ssh_message msg, const char *prompt)
{
	const char *prompts[1];
	char echo[1] = { 0 };

	prompts[0] = prompt;
	return ssh_message_auth_interactive_request(msg, "", "", 1, prompts,
	    echo);
}

/* Logged in: the listener may let the next connection in. */
static void
authmsg_done(struct sshd_conn *c, const char *method)
{
	c->authenticated = 1;
	c->method = method;
	c->enroll = !c->auth.u.totp_enrolled;
	if (c->status_fd == -1)
		return;
	if (write(c->status_fd, "A", 1) != 1)
		log_event(LOG_LVL_WARN, "conn.status", "addr=%s cannot tell "
		    "the listener", c->auth.addr);
	close(c->status_fd);
	c->status_fd = -1;
}

/* The login succeeded: tell the client, then the listener. */
static void
authmsg_success(struct sshd_conn *c, ssh_message msg, const char *method)
{
	ssh_message_auth_reply_success(msg, 0);
	authmsg_done(c, method);
}

/* Refuse this round: the methods stay on offer, until tries run out. */
static void
authmsg_refuse(struct sshd_conn *c, ssh_message msg)
{
	struct user_info u = c->auth.u;
	int key_ok = c->auth.key_ok;

	c->stage = STAGE_NONE;
	c->tries++;
	sshd_auth_reset(&c->auth);
	if (key_ok) {
		/* The key still holds; only the code is asked again. */
		c->auth.key_ok = 1;
		c->auth.u = u;
	}
	ssh_message_auth_set_methods(msg, key_ok ? SSH_AUTH_METHOD_INTERACTIVE :
	    SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PUBLICKEY);
	ssh_message_reply_default(msg);
}

/* The first keyboard-interactive request of a round. */
static void
authmsg_kbdint_start(struct sshd_conn *c, ssh_message msg)
{
	const char *user = ssh_message_auth_user(msg);

	if (c->stage != STAGE_NONE)
		c->tries++;	/* a round left unfinished */
	c->stage = STAGE_NONE;
	if (c->tries >= c->cfg->auth_max_tries || user == NULL) {
		log_event(LOG_LVL_NOTICE, "auth.too-many", "addr=%s",
		    c->auth.addr);
		ssh_message_reply_default(msg);
		ssh_disconnect(c->session);
		return;
	}
	if (c->auth.key_ok && strcmp(user, c->auth.u.name) == 0) {
		sshd_auth_begin(&c->auth, user);
		c->stage = STAGE_CODE;
		authmsg_ask(msg, "Verification code: ");
		return;
	}
	sshd_auth_reset(&c->auth);
	str_sanitize(c->auth.name, sizeof c->auth.name, user);
	c->stage = STAGE_PASSWORD;
	authmsg_ask(msg, "Password: ");
}

/* The answer to the current prompt, or "" when there is none. */
static const char *
authmsg_answer(struct sshd_conn *c)
{
	const char *s;

	if (ssh_userauth_kbdint_getnanswers(c->session) != 1 ||
	    (s = ssh_userauth_kbdint_getanswer(c->session, 0)) == NULL)
		return "";
	return s;
}

static void
authmsg_kbdint_answer(struct sshd_conn *c, ssh_message msg)
{
	char *answer = xstrdup(authmsg_answer(c));
	char name[SSHD_NAME_MAX + 1];

	switch (c->stage) {
	case STAGE_PASSWORD:
		str_lcpy(name, c->auth.name, sizeof name);
		if (sshd_auth_password(&c->auth, name, answer)) {
			sshd_auth_succeed(&c->auth, "password");
			authmsg_success(c, msg, "password");
			break;
		}
		c->stage = STAGE_CODE;
		authmsg_ask(msg, "Verification code: ");
		break;
	case STAGE_CODE:
		str_trim(answer);
		if (sshd_auth_code(&c->auth, answer) == 0)
			authmsg_success(c, msg, c->auth.key_ok ? "publickey" :
			    "password");
		else
			authmsg_refuse(c, msg);
		break;
	default:
		authmsg_refuse(c, msg);
		break;
	}
	freezero_str(answer);
}

static int
authmsg_auth(struct sshd_conn *c, ssh_message msg)
{
	if (c->authenticated) {
		ssh_message_reply_default(msg);
		return 0;
	}
	switch (ssh_message_subtype(msg)) {
	case SSH_AUTH_METHOD_INTERACTIVE:
		if (!ssh_message_auth_kbdint_is_response(msg))
			authmsg_kbdint_start(c, msg);
		else
			authmsg_kbdint_answer(c, msg);
		return 0;
	default:
		/* "none", "password", host-based: list what we take. */
		ssh_message_auth_set_methods(msg, c->auth.key_ok ?
		    SSH_AUTH_METHOD_INTERACTIVE : SSH_AUTH_METHOD_INTERACTIVE |
		    SSH_AUTH_METHOD_PUBLICKEY);
		ssh_message_reply_default(msg);
		return 0;
	}
}

/* Everything that is not a login: refused (libssh answers failure). */
static int
authmsg_message(ssh_session session, ssh_message msg, void *arg)
{
	struct sshd_conn *c = arg;

	(void)session;
	if (ssh_message_type(msg) == SSH_REQUEST_AUTH)
		return authmsg_auth(c, msg);
	if (ssh_message_type(msg) == SSH_REQUEST_CHANNEL_OPEN ||
	    ssh_message_type(msg) == SSH_REQUEST_GLOBAL)
		log_event(LOG_LVL_INFO, "conn.refused-request", "addr=%s "
		    "type=%d subtype=%d", c->auth.addr, ssh_message_type(msg),
		    ssh_message_subtype(msg));
	return 1;
}

/* The base64 blob and type name of a public key; 0 or -1. */
static int
authmsg_key_text(ssh_key key, char **b64, const char **type)
{
	*type = ssh_key_type_to_char(ssh_key_type(key));
	if (*type == NULL || ssh_pki_export_pubkey_base64(key, b64) != SSH_OK)
		return -1;
	return 0;
}

static int
authmsg_pubkey(ssh_session session, const char *user,
    struct ssh_key_struct *pubkey, char state, void *arg)
{
	struct sshd_conn *c = arg;
	const char *type;
	char *b64 = NULL;
	int r;

	if (c->authenticated || user == NULL ||
	    (state != SSH_PUBLICKEY_STATE_NONE &&
	    state != SSH_PUBLICKEY_STATE_VALID) ||
	    c->key_fails >= KEY_FAILS_MAX ||
	    authmsg_key_text(pubkey, &b64, &type) != 0) {
		ssh_string_free_char(b64);
		return SSH_AUTH_DENIED;
	}
	r = sshd_auth_pubkey(&c->auth, user, type, b64);
	ssh_string_free_char(b64);
	if (r != 0) {
		c->key_fails++;
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* "this key would do" */
	if (sshd_auth_enrolls(&c->auth)) {
		sshd_auth_succeed(&c->auth, "publickey");
		authmsg_done(c, "publickey");
		return SSH_AUTH_SUCCESS;
	}
	ssh_set_auth_methods(session, SSH_AUTH_METHOD_INTERACTIVE);
	return SSH_AUTH_PARTIAL;
}

void
sshd_authmsg_install(struct sshd_conn *c)
{
	memset(&c->server_cb, 0, sizeof c->server_cb);
	c->server_cb.userdata = c;
	c->server_cb.auth_pubkey_function = authmsg_pubkey;
	c->server_cb.channel_open_request_session_function =
	    sshd_channel_open;
	ssh_callbacks_init(&c->server_cb);
	ssh_set_server_callbacks(c->session, &c->server_cb);
	ssh_set_message_callback(c->session, authmsg_message, c);
	ssh_set_auth_methods(c->session, SSH_AUTH_METHOD_INTERACTIVE |
	    SSH_AUTH_METHOD_PUBLICKEY);
}

/*
 * session.c -- the life of one SSH connection in its session process:
 * key exchange and login under the grace alarm, then the UI process and
 * the relay, then an orderly end with a word on the user's screen when
 * the server (not the user) ended it.
 */
#include "sshd/session.h"

#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/login.h"
#include "sshd/config.h"
#include "sshd/conn.h"

#define IDLE_SLACK_S	60	/* the UI logs out idle users; we back it up */

static volatile sig_atomic_t	session_stop;
static volatile sig_atomic_t	session_relaying;

/* SIGTERM: before the UI runs there is nothing to save; after, end it. */
static void
session_on_stop(int sig)
{
	(void)sig;
	if (!session_relaying)
		_exit(1);
	session_stop = 1;
}

static void
session_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);	/* the grace time ends us */
	sa.sa_handler = session_on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* The listener forks with every signal blocked. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void __attribute__((noreturn))
session_exit(struct sshd_conn *c, int code)
{
	int i;

	if (c->event != NULL) {
		/* ssh_event_free() leaves the fd's wrapper behind. */
		if (c->master_events != 0)
			ssh_event_remove_fd(c->event, c->master);
		ssh_event_free(c->event);
	}
	if (c->session != NULL) {
		ssh_disconnect(c->session);
		ssh_free(c->session);
	}
	sshd_auth_done(&c->auth);
	db_close(c->ctx.db);
	for (i = 0; i < c->nenv; i++)
		free(c->env[i]);
	free(c->in);
	exit(code);
}

/* Key exchange on fd; 0 or -1. */
static int
session_setup(struct sshd_conn *c, ssh_bind bind, int fd)
{
	int one = 1;

	if ((c->session = ssh_new()) == NULL ||
	    ssh_bind_accept_fd(bind, c->session, fd) != SSH_OK) {
		log_event(LOG_LVL_ERR, "conn.error", "addr=%s error=\"%s\"",
		    c->auth.addr, ssh_get_error(bind));
		ssh_bind_free(bind);
		return -1;
	}
	ssh_bind_free(bind);
	setsockopt(ssh_get_fd(c->session), IPPROTO_TCP, TCP_NODELAY, &one,
	    sizeof one);
	sshd_authmsg_install(c);
	if (ssh_handle_key_exchange(c->session) != SSH_OK) {
		log_event(LOG_LVL_INFO, "conn.kex-failed", "addr=%s "
		    "error=\"%s\"", c->auth.addr, ssh_get_error(c->session));
		return -1;
	}
	if ((c->event = ssh_event_new()) == NULL ||
	    ssh_event_add_session(c->event, c->session) != SSH_OK)
		return -1;
	return 0;
}

static int
session_closed(struct sshd_conn *c)
{
	return (ssh_get_status(c->session) & (SSH_CLOSED |
	    SSH_CLOSED_ERROR)) != 0;
}

/* Until logged in with a shell on a pty asked for; 0 or -1. */
static int
session_login(struct sshd_conn *c)
{
	while (!(c->authenticated && c->want_shell)) {
		ssh_event_dopoll(c->event, 1000);
		if (session_closed(c) || c->chan_closed)
			return -1;
	}
	return 0;
}

/* Record the login, then fork the UI process. 0 or -1. */
static int
session_start_ui(struct sshd_conn *c)
{
	int r;

	alarm(0);
	if ((r = login_start(&c->ctx, c->method, getpid(),
	    &c->login_id)) != 0) {
		log_event(LOG_LVL_NOTICE, "login.refused", "user=%s addr=%s "
		    "error=\"%s\"", c->auth.u.name, c->auth.addr, err_str(r));
		return -1;
	}
	log_event(LOG_LVL_NOTICE, "login.start", "user=%s addr=%s login=%lld "
	    "method=%s term=%s", c->auth.u.name, c->auth.addr,
	    (long long)c->login_id, c->method, c->term);
	sshd_auth_done(&c->auth);	/* the verification slots */
	/* No database connection may cross the fork. */
	db_close(c->ctx.db);
	c->ctx.db = NULL;
	session_relaying = 1;
	c->ui_pid = sshd_uiproc_start(c);
	if ((r = db_open(c->cfg->db_path, 0, &c->ctx.db)) != 0) {
		log_event(LOG_LVL_ERR, "conn.db", "error=\"%s\"", err_str(r));
		return -1;
	}
	c->last_input_ms = c->last_touch_ms = clock_mono_ms();
	return c->ui_pid > 0 ? 0 : -1;
}

/* 1 once the UI process has exited (reaped here). */
static int
session_ui_gone(struct sshd_conn *c)
{
	if (c->ui_pid <= 0)
		return 1;
	if (waitpid(c->ui_pid, &c->ui_status, WNOHANG) != c->ui_pid)
		return 0;
	c->ui_pid = -1;
	return 1;
}

/* The once-a-second checks: killed, disabled, idle; touch. */
static const char *
session_tick(struct sshd_conn *c, int64_t now)
{
	int idle = c->cfg->idle_timeout;

	c->last_check_ms = now;
	if (login_check(&c->ctx, c->login_id) == ERR_STATE)
		return "killed";
	if (idle > 0 && now - c->last_input_ms >
	    (int64_t)(idle + IDLE_SLACK_S) * 1000)
		return "idle";
	if (c->last_input_ms > c->last_touch_ms &&
	    now - c->last_touch_ms >= LOGIN_TOUCH_EVERY * 1000) {
		login_touch(&c->ctx, c->login_id);
		c->last_touch_ms = now;
	}
	return NULL;
}

/* Relay until something ends the session; returns why. */
static const char *
session_relay(struct sshd_conn *c)
{
	const char *why;
	int64_t now;

	for (;;) {
		sshd_channel_flush(c);
		sshd_channel_watch(c);
		ssh_event_dopoll(c->event, 500);
		if (session_closed(c) || c->chan_closed)
			return "dropped";
		if (c->master_eof || session_ui_gone(c))
			return "logout";
		if (session_stop)
			return "shutdown";
		now = clock_mono_ms();
		if (now - c->last_check_ms >= 1000 &&
		    (why = session_tick(c, now)) != NULL)
			return why;
	}
}

/* Ask the UI process to go (SIGHUP), pass on its last output, then
 * make sure it is gone. */
static void
session_stop_ui(struct sshd_conn *c, int wait_ms)
{
	int64_t deadline = clock_mono_ms() + wait_ms;

	if (session_ui_gone(c))
		return;
	kill(c->ui_pid, SIGHUP);
	while (!session_ui_gone(c) && clock_mono_ms() < deadline)
		sshd_channel_drain(c, 50);
	if (c->ui_pid > 0) {
		kill(c->ui_pid, SIGKILL);
		waitpid(c->ui_pid, &c->ui_status, 0);
		c->ui_pid = -1;
	}
}

/* Why the login ended as the row says, and what the user is told. */
static const char *
session_verdict(struct sshd_conn *c, const char **why)
{
	struct login_info li;
	struct user_info u;
	int left;

	memset(&li, 0, sizeof li);
	if (strcmp(*why, "shutdown") == 0)
		return "The server is shutting down. Please log in again "
		    "later.";
	if (strcmp(*why, "idle") == 0)
		return "Logged out after a long time without activity.";
	if (strcmp(*why, "dropped") == 0)
		return NULL;
	if (WIFSIGNALED(c->ui_status) && WTERMSIG(c->ui_status) != SIGHUP &&
	    WTERMSIG(c->ui_status) != SIGKILL) {
		log_event(LOG_LVL_ERR, "ui.crash", "user=%s addr=%s login=%lld "
		    "signal=%d", c->auth.u.name, c->auth.addr,
		    (long long)c->login_id, WTERMSIG(c->ui_status));
		*why = "crashed";
		return "The session ended on an error. Please log in again.";
	}
	/* A UI that left by itself has said why on the screen already. */
	left = strcmp(*why, "logout") == 0;
	if (user_get(c->ctx.db, c->auth.u.id, &u) == 0 && u.disabled) {
		*why = "disabled";
		return left ? NULL : "Your account has been disabled.";
	}
	if (login_get(c->ctx.db, c->login_id, &li) == 0 &&
	    li.ended_at != 0 && strcmp(li.end_reason, "killed") == 0) {
		*why = "killed";
		return left ? NULL : "Your session has been ended.";
	}
	if (li.ended_at != 0 && strcmp(li.end_reason, "idle") == 0)
		*why = "idle";	/* the UI logged the user out */
	return NULL;
}

/* Say goodbye on the user's screen and close the channel. */
static void
session_goodbye(struct sshd_conn *c, const char *msg, int code)
{
	static const char reset[] = "\033[0m\033[?1049l\033[?25h\r\n";
	int64_t deadline;
	char *line;

	if (c->channel == NULL || c->chan_closed || session_closed(c))
		return;
	if (msg != NULL) {
		xasprintf(&line, "%s%s\r\n", reset, msg);
		ssh_channel_write(c->channel, line, (uint32_t)strlen(line));
		free(line);
	}
	ssh_channel_request_send_exit_status(c->channel, code);
	ssh_channel_send_eof(c->channel);
	ssh_channel_close(c->channel);
	ssh_blocking_flush(c->session, 2000);
	/* Let the client close its side first: a clean "closed". */
	deadline = clock_mono_ms() + 1000;
	while (!c->chan_closed && !session_closed(c) &&
	    clock_mono_ms() < deadline)
		ssh_event_dopoll(c->event, 100);
}

static void
session_end(struct sshd_conn *c, const char *why)
{
	const char *msg;
	int code = 0, r;

	if (strcmp(why, "logout") == 0)
		sshd_channel_drain(c, 200);
	session_stop_ui(c, 1000);
	if (WIFEXITED(c->ui_status))
		code = WEXITSTATUS(c->ui_status);
	else
		code = 1;
	msg = session_verdict(c, &why);
	if (msg != NULL && strcmp(why, "crashed") != 0)
		code = 0;	/* the server ended it, not a failure */
	if ((r = login_end(&c->ctx, c->login_id, why)) != 0)
		log_event(LOG_LVL_ERR, "login.error", "login=%lld error=\"%s\"",
		    (long long)c->login_id, err_str(r));
	log_event(LOG_LVL_NOTICE, "login.end", "user=%s addr=%s login=%lld "
	    "reason=%s", c->auth.u.name, c->auth.addr, (long long)c->login_id,
	    why);
	session_goodbye(c, msg, code);
}

void
sshd_session_run(const struct sshd_config *cfg, const struct keys *keys,
    ssh_bind bind, int fd, const char *addr, int status_fd)
{
	struct sshd_conn conn, *c = &conn;
	int r;

	memset(c, 0, sizeof *c);
	c->cfg = cfg;
	c->status_fd = status_fd;
	c->master = c->slave = -1;
	c->ctx.keys = keys;
	str_lcpy(c->ctx.actor.name, "sshd", sizeof c->ctx.actor.name);
	str_lcpy(c->ctx.actor.source, addr, sizeof c->ctx.actor.source);
	sshd_auth_init(&c->auth, cfg, &c->ctx, addr);
	session_signals();
	alarm((unsigned)cfg->login_grace_time);
	if ((r = db_open(cfg->db_path, 0, &c->ctx.db)) != 0) {
		log_event(LOG_LVL_ERR, "conn.db", "addr=%s error=\"%s\"", addr,
		    err_str(r));
		close(fd);
		session_exit(c, 1);
	}
	if (session_setup(c, bind, fd) != 0 || session_login(c) != 0)
		session_exit(c, 1);
	if (session_start_ui(c) != 0) {
		session_goodbye(c, "Cannot start a session now.", 1);
		if (c->login_id != 0)
			login_end(&c->ctx, c->login_id, "error");
		session_exit(c, 1);
	}
	session_end(c, session_relay(c));
	session_exit(c, 0);
}

/*
 * channel.c -- the session channel: pty-req, shell, the LANG, LC_* and
 * NO_COLOR environment and window changes are taken; exec, subsystems
 * and a shell without a pty are refused. Then the relay: client bytes
 * go into the pty master through our own pending buffer (the master is
 * non-blocking, POLLOUT tells when it drains); what the UI writes goes
 * to the channel.
 */
#include "sshd/conn.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"

#define IN_MAX		(1024 * 1024)	/* client bytes held for the pty */
#define READ_CHUNK	16384

static int
chan_pty(ssh_session s, ssh_channel ch, const char *term, int cols,
    int rows, int px, int py, void *arg)
{
	struct sshd_conn *c = arg;
	size_t i, len = term != NULL ? strlen(term) : 0;

	(void)s;
	(void)ch;
	if (c->have_pty || cols < 1 || rows < 1 || cols > 1000 || rows > 1000)
		return -1;
	for (i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
		    "XYZ0123456789.+-_", term[i]))
			break;
	str_lcpy(c->term, len > 0 && i == len && len < sizeof c->term ?
	    term : "xterm", sizeof c->term);
	c->ws.ws_col = (unsigned short)cols;
	c->ws.ws_row = (unsigned short)rows;
	c->ws.ws_xpixel = (unsigned short)(px > 0 && px < 65536 ? px : 0);
	c->ws.ws_ypixel = (unsigned short)(py > 0 && py < 65536 ? py : 0);
	if (sshd_uiproc_openpty(c) != 0)
		return -1;
	c->have_pty = 1;
	return 0;
}

static int
chan_shell(ssh_session s, ssh_channel ch, void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	if (!c->have_pty || c->want_shell) {
		log_event(LOG_LVL_NOTICE, "conn.refused-shell", "user=%s "
		    "addr=%s reason=%s", c->auth.u.name, c->auth.addr,
		    c->have_pty ? "second shell" : "no pty (use ssh -t)");
		return -1;
	}
	c->want_shell = 1;
	return 0;
}

static int
chan_exec(ssh_session s, ssh_channel ch, const char *cmd, void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	(void)cmd;
	log_event(LOG_LVL_NOTICE, "conn.refused-exec", "user=%s addr=%s",
	    c->auth.u.name, c->auth.addr);
	return -1;
}

static int
chan_subsystem(ssh_session s, ssh_channel ch, const char *name, void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	log_event(LOG_LVL_NOTICE, "conn.refused-subsystem", "user=%s addr=%s "
	    "subsystem=%s", c->auth.u.name, c->auth.addr, name);
	return -1;
}

/* LANG, LC_* and NO_COLOR, with short printable values. */
static int
env_allowed(const char *name, const char *value)
{
	const char *p;

	if (strlen(value) > 64 || str_has_control(value))
		return 0;
	if (strcmp(name, "LANG") == 0 || strcmp(name, "NO_COLOR") == 0)
		return 1;
	if (strncmp(name, "LC_", 3) != 0 || name[3] == '\0')
		return 0;
	for (p = name + 3; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || *p == '_'))
			return 0;
	return 1;
}

static int
chan_env(ssh_session s, ssh_channel ch, const char *name, const char *value,
    void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	if (name == NULL || value == NULL || !env_allowed(name, value) ||
	    c->nenv >= SSHD_ENV_MAX)
		return -1;
	xasprintf(&c->env[c->nenv++], "%s=%s", name, value);
	return 0;
}

static int
chan_winch(ssh_session s, ssh_channel ch, int cols, int rows, int px,
    int py, void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000)
		return -1;
	c->ws.ws_col = (unsigned short)cols;
	c->ws.ws_row = (unsigned short)rows;
	c->ws.ws_xpixel = (unsigned short)(px > 0 && px < 65536 ? px : 0);
	c->ws.ws_ypixel = (unsigned short)(py > 0 && py < 65536 ? py : 0);
	if (c->master != -1)
		ioctl(c->master, TIOCSWINSZ, &c->ws);
	return 0;
}

/* Write what we can of the pending client bytes into the pty. */
static void
chan_write_pending(struct sshd_conn *c)
{
	ssize_t w;

	while (c->inlen > 0 && c->master != -1 && !c->master_eof) {
		w = write(c->master, c->in, c->inlen);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				c->master_eof = 1;
			return;
		}
		memmove(c->in, c->in + w, c->inlen - (size_t)w);
		c->inlen -= (size_t)w;
	}
}

static int
chan_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *arg)
{
	struct sshd_conn *c = arg;
	size_t take = len;

	(void)s;
	(void)ch;
	(void)is_stderr;
	if (c->inlen + take > IN_MAX)
		take = IN_MAX - c->inlen;
	if (c->inlen + take > c->incap) {
		c->incap = c->inlen + take + 4096;
		c->in = xreallocarray(c->in, c->incap, 1);
	}
	memcpy(c->in + c->inlen, data, take);
	c->inlen += take;
	c->last_input_ms = clock_mono_ms();
	chan_write_pending(c);
	return (int)take;
}

static void
chan_eof(ssh_session s, ssh_channel ch, void *arg)
{
	struct sshd_conn *c = arg;

	(void)s;
	(void)ch;
	c->chan_closed = 1;
}

ssh_channel
sshd_channel_open(ssh_session session, void *arg)
{
	struct sshd_conn *c = arg;
	struct ssh_channel_callbacks_struct *cb = &c->chan_cb;

	if (!c->authenticated || c->channel != NULL)
		return NULL;
	if ((c->channel = ssh_channel_new(session)) == NULL)
		return NULL;
	memset(cb, 0, sizeof *cb);
	cb->userdata = c;
	cb->channel_pty_request_function = chan_pty;
	cb->channel_shell_request_function = chan_shell;
	cb->channel_exec_request_function = chan_exec;
	cb->channel_subsystem_request_function = chan_subsystem;
	cb->channel_env_request_function = chan_env;
	cb->channel_pty_window_change_function = chan_winch;
	cb->channel_data_function = chan_data;
	cb->channel_eof_function = chan_eof;
	cb->channel_close_function = chan_eof;
	ssh_callbacks_init(cb);
	ssh_set_channel_callbacks(c->channel, cb);
	return c->channel;
}

void
sshd_channel_flush(struct sshd_conn *c)
{
	chan_write_pending(c);
}

/* Read once from the master and pass it on; -1 at its end. */
static int
chan_read_master(struct sshd_conn *c)
{
	char buf[READ_CHUNK];
	ssize_t n;

	n = read(c->master, buf, sizeof buf);
	if (n > 0) {
		if (c->channel != NULL && !c->chan_closed)
			ssh_channel_write(c->channel, buf, (uint32_t)n);
		return (int)n;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	c->master_eof = 1;
	return -1;
}

/* The master's poll callback: must return 0 (SSH-NOTES). */
static int
chan_master_cb(socket_t fd, int revents, void *arg)
{
	struct sshd_conn *c = arg;

	(void)fd;
	if (revents & POLLOUT)
		chan_write_pending(c);
	if (revents & (POLLIN | POLLHUP | POLLERR))
		chan_read_master(c);
	return 0;
}

void
sshd_channel_drain(struct sshd_conn *c, int wait_ms)
{
	int64_t deadline = clock_mono_ms() + wait_ms;
	struct pollfd pfd;
	int left;

	while (c->master != -1 && !c->master_eof) {
		left = (int)(deadline - clock_mono_ms());
		if (left < 0)
			left = 0;
		pfd.fd = c->master;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left) <= 0 || chan_read_master(c) < 0 ||
		    left == 0)
			break;
	}
}

void
sshd_channel_watch(struct sshd_conn *c)
{
	short want = 0;

	if (c->master != -1 && !c->master_eof)
		want = POLLIN | (c->inlen > 0 ? POLLOUT : 0);
	if (want == c->master_events)
		return;
	if (c->master_events != 0)
		ssh_event_remove_fd(c->event, c->master);
	c->master_events = 0;
	if (want != 0 && ssh_event_add_fd(c->event, c->master, want,
	    chan_master_cb, c) == SSH_OK)
		c->master_events = want;
}

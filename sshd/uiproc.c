/*
 * uiproc.c -- the UI process: forked (not exec'd) from the session
 * process as soon as the connection starts, it waits for the login;
 * then it takes the pty slave (passed over a socket pair) as its
 * controlling terminal, opens its own database connection and runs the
 * TUI. It logs to a copy of the session's stderr, never to its own
 * (that is the user's screen).
 */
#include "sshd/conn.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>

#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "screens/ui.h"
#include "sshd/config.h"

int
sshd_uiproc_openpty(struct sshd_conn *c)
{
	int fl;

	if (openpty(&c->master, &c->slave, NULL, NULL, &c->ws) != 0) {
		log_event(LOG_LVL_ERR, "conn.pty", "addr=%s error=\"%s\"",
		    c->auth.addr, strerror(errno));
		c->master = c->slave = -1;
		return -1;
	}
	fcntl(c->master, F_SETFD, FD_CLOEXEC);
	fl = fcntl(c->master, F_GETFL);
	fcntl(c->master, F_SETFL, fl | O_NONBLOCK);
	return 0;
}

/* Drop the server's locale and terminal variables. */
static void
uiproc_clear_env(void)
{
	extern char **environ;
	char name[128], *eq;
	int i, again = 1;

	while (again) {
		again = 0;
		for (i = 0; environ != NULL && environ[i] != NULL; i++) {
			if ((eq = strchr(environ[i], '=')) == NULL ||
			    (size_t)(eq - environ[i]) >= sizeof name)
				continue;
			memcpy(name, environ[i], (size_t)(eq - environ[i]));
			name[eq - environ[i]] = '\0';
			if (strncmp(name, "LC_", 3) == 0 ||
			    strcmp(name, "LANG") == 0 ||
			    strcmp(name, "NO_COLOR") == 0 ||
			    strcmp(name, "LINES") == 0 ||
			    strcmp(name, "COLUMNS") == 0) {
				unsetenv(name);
				again = 1;
				break;
			}
		}
	}
}

/* TERM and the client's LANG, LC_* and NO_COLOR; UTF-8 by default. */
static void
uiproc_env(const struct sshd_conn *c)
{
	char *copy, *eq;
	int i, locale = 0;

	uiproc_clear_env();
	setenv("TERM", c->term, 1);
	for (i = 0; i < c->nenv; i++) {
		copy = xstrdup(c->env[i]);
		if ((eq = strchr(copy, '=')) != NULL) {
			*eq = '\0';
			setenv(copy, eq + 1, 1);
			if (strcmp(copy, "LANG") == 0 ||
			    strcmp(copy, "LC_ALL") == 0 ||
			    strcmp(copy, "LC_CTYPE") == 0)
				locale = 1;
		}
		free(copy);
	}
	if (!locale)
		setenv("LANG", "C.UTF-8", 1);
}

static void
uiproc_signals(void)
{
	static const int sigs[] = {
		SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGPIPE, SIGALRM, SIGQUIT
	};
	struct sigaction sa;
	sigset_t none;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* What the session process tells the waiting UI process at login. */
struct uiproc_go {
	struct actor	actor;
	char		term[SSHD_TERM_MAX];
	int		enroll;
	int		nenv;
};

/* Room for the client's "NAME=value" strings, each NUL-ended. */
#define UIPROC_ENV_BYTES	4096

/* The UI process proper: the pty as terminal, its own database, the TUI. */
static void __attribute__((noreturn))
uiproc_run(struct sshd_conn *c)
{
	struct ui_session s;
	int logfd, r;

	logfd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	log_set_fd(logfd);
	uiproc_signals();
	if (login_tty(c->slave) != 0) {
		log_event(LOG_LVL_ERR, "ui.tty", "error=\"%s\"",
		    strerror(errno));
		_exit(1);
	}
	uiproc_env(c);
	if ((r = db_open(c->cfg->db_path, 0, &c->ctx.db)) != 0) {
		log_event(LOG_LVL_ERR, "ui.db", "error=\"%s\"", err_str(r));
		_exit(1);
	}
	memset(&s, 0, sizeof s);
	s.ctx = &c->ctx;
	s.term = c->term;
	s.enroll = c->enroll;
	s.idle_timeout = c->cfg->idle_timeout;
	r = ui_main(&s);
	db_close(c->ctx.db);
	_exit(r == 0 ? 0 : 1);
}

/*
 * Wait for the login: the user, the terminal and the pty slave from
 * the session process. Its end closing first (no login) ends us.
 */
static void __attribute__((noreturn))
uiproc_wait(struct sshd_conn *c, int sock)
{
	union {
		struct cmsghdr	h;
		char		buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct uiproc_go go;
	char env[UIPROC_ENV_BYTES], *p, *end;
	struct iovec iov[2];
	struct msghdr mh;
	struct cmsghdr *ch;
	ssize_t n;
	int i;

	memset(&mh, 0, sizeof mh);
	iov[0].iov_base = &go;
	iov[0].iov_len = sizeof go;
	iov[1].iov_base = env;
	iov[1].iov_len = sizeof env;
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof cm.buf;
	do
		n = recvmsg(sock, &mh, 0);
	while (n == -1 && errno == EINTR);
	close(sock);
	if (n < (ssize_t)sizeof go || (ch = CMSG_FIRSTHDR(&mh)) == NULL ||
	    ch->cmsg_level != SOL_SOCKET || ch->cmsg_type != SCM_RIGHTS)
		_exit(n == 0 ? 0 : 1);
	memcpy(&c->slave, CMSG_DATA(ch), sizeof c->slave);
	c->ctx.actor = go.actor;
	str_lcpy(c->term, go.term, sizeof c->term);
	c->enroll = go.enroll;
	end = env + (n - (ssize_t)sizeof go);
	for (p = env, i = 0; i < go.nenv && i < SSHD_ENV_MAX && p < end;
	    i++) {
		c->env[c->nenv++] = p;	/* strings sent NUL-ended */
		p += strnlen(p, (size_t)(end - p)) + 1;
	}
	if (c->nenv > 0 && end[-1] != '\0')
		c->nenv--;	/* cut short: drop the last */
	uiproc_run(c);
}

pid_t
sshd_uiproc_prefork(struct sshd_conn *c, int client_fd, int listen_fd)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0 ||
	    (pid = fork()) == -1) {
		log_event(LOG_LVL_ERR, "ui.fork", "addr=%s error=\"%s\"",
		    c->auth.addr, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		close(client_fd);
		if (listen_fd != -1)
			close(listen_fd);
		if (c->status_fd != -1)
			close(c->status_fd);
		uiproc_wait(c, sv[1]);
	}
	close(sv[1]);
	c->ui_sock = sv[0];
	c->ui_pid = pid;
	return pid;
}

int
sshd_uiproc_start(struct sshd_conn *c)
{
	union {
		struct cmsghdr	h;
		char		buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct uiproc_go go;
	char env[UIPROC_ENV_BYTES];
	struct iovec iov[2];
	struct msghdr mh;
	struct cmsghdr *ch;
	size_t len = 0, l;
	ssize_t n;
	int i;

	memset(&go, 0, sizeof go);
	go.actor = c->ctx.actor;
	str_lcpy(go.term, c->term, sizeof go.term);
	go.enroll = c->enroll;
	for (i = 0; i < c->nenv; i++) {
		if ((l = strlen(c->env[i]) + 1) > sizeof env - len)
			break;	/* the client's own locale, absurdly long */
		memcpy(env + len, c->env[i], l);
		len += l;
		go.nenv++;
	}
	memset(&mh, 0, sizeof mh);
	memset(&cm, 0, sizeof cm);
	iov[0].iov_base = &go;
	iov[0].iov_len = sizeof go;
	iov[1].iov_base = env;
	iov[1].iov_len = len;
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof cm.buf;
	ch = CMSG_FIRSTHDR(&mh);
	ch->cmsg_level = SOL_SOCKET;
	ch->cmsg_type = SCM_RIGHTS;
	ch->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(ch), &c->slave, sizeof c->slave);
	do
		n = sendmsg(c->ui_sock, &mh, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		log_event(LOG_LVL_ERR, "ui.start", "addr=%s error=\"%s\"",
		    c->auth.addr, strerror(errno));
	close(c->ui_sock);
	c->ui_sock = -1;
	close(c->slave);
	c->slave = -1;
	return n == -1 ? -1 : 0;
}

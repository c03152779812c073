/*
 * uiproc.c -- the UI process: forked (not exec'd) from the session
 * process, it takes the pty slave as its controlling terminal, opens
 * its own database connection and runs the TUI. It logs to a copy of
 * the session's stderr, never to its own (that is the user's screen).
 */
#include "sshd/conn.h"

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

static void __attribute__((noreturn))
uiproc_child(struct sshd_conn *c)
{
	struct ui_session s;
	int logfd, r;

	alarm(0);
	logfd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	log_set_fd(logfd);
	close(c->master);
	close(ssh_get_fd(c->session));
	if (c->status_fd != -1)
		close(c->status_fd);
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

pid_t
sshd_uiproc_start(struct sshd_conn *c)
{
	pid_t pid;

	if ((pid = fork()) == -1) {
		log_event(LOG_LVL_ERR, "ui.fork", "error=\"%s\"",
		    strerror(errno));
		return -1;
	}
	if (pid == 0)
		uiproc_child(c);
	close(c->slave);
	c->slave = -1;
	return pid;
}

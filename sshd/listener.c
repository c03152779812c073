/*
 * listener.c -- accept, queue, fork, reap; the periodic jobs; shutdown.
 *
 * The listener never touches an SSH session: it accepts the socket
 * itself, and the child it forks makes the session. Connections beyond
 * max_startups in key exchange or login wait in a queue (accepted, but
 * not yet answered) until a slot frees; past max_pending, or
 * max_pending_per_source from one address, they are closed before any
 * key exchange.
 */
#include "sshd/listener.h"

#include <sys/socket.h>
#include <sys/wait.h>
#include <netdb.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/server.h>

#include "common/clock.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "sshd/cidr.h"
#include "sshd/config.h"
#include "sshd/jobs.h"
#include "sshd/session.h"

#define JOBS_EVERY_MS	5000

struct child {
	pid_t	pid;
	int	status_fd;	/* -1 once logged in or gone */
	char	addr[SSHD_ADDR_MAX];
};

struct waiting {
	int	fd;
	int64_t	since_ms;
	char	addr[SSHD_ADDR_MAX];
};

struct listener {
	const struct sshd_config *cfg;
	const struct keys	*keys;
	ssh_bind		 bind;
	int			 lfd;
	struct child		*kids;
	size_t			 nkids, capkids;
	struct waiting		*queue;
	size_t			 nqueue;
	int			 stopping;
	int64_t			 stop_deadline;
	int64_t			 next_jobs, next_prune;
};

/* The self-pipe the signal handlers write to (signals need a global). */
static int			 sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t	 sig_term, sig_chld;

static void
listener_on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGCHLD)
		sig_chld = 1;
	else
		sig_term = 1;
	if (write(sig_pipe[1], "", 1) == -1)
		errno = saved;	/* the pipe is full: a wakeup is pending */
	errno = saved;
}

static int
listener_signals(void)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;
	size_t i;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sa.sa_handler = listener_on_signal;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

/* Our own listening socket, with our own backlog. */
static int
listener_socket(const struct sshd_config *cfg)
{
	struct addrinfo hints, *ai = NULL;
	char port[16];
	int fd = -1, one = 1, zero = 0, backlog, r;

	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof port, "%d", cfg->port);
	if ((r = getaddrinfo(cfg->listen, port, &hints, &ai)) != 0) {
		log_event(LOG_LVL_ERR, "listen.error", "addr=%s error=\"%s\"",
		    cfg->listen, gai_strerror(r));
		return -1;
	}
	backlog = cfg->max_pending + cfg->max_startups;
	if (backlog < 128)
		backlog = 128;
	if ((fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    (ai->ai_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &zero, sizeof zero) != 0) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    listen(fd, backlog) != 0) {
		log_event(LOG_LVL_ERR, "listen.error", "addr=%s port=%d "
		    "error=\"%s\"", cfg->listen, cfg->port, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

/* The libssh side: our socket, our host key, no system config. */
static ssh_bind
listener_bind(int fd, ssh_key hostkey)
{
	ssh_bind bind;
	bool no = false;

	if ((bind = ssh_bind_new()) == NULL)
		return NULL;
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG,
	    &no) != SSH_OK ||
	    ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BANNER, "cafed") !=
	    SSH_OK ||
	    ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY,
	    hostkey) != SSH_OK) {
		ssh_bind_free(bind);
		return NULL;
	}
	ssh_bind_set_fd(bind, fd);
	if (ssh_bind_listen(bind) != SSH_OK) {
		log_event(LOG_LVL_ERR, "listen.error", "error=\"%s\"",
		    ssh_get_error(bind));
		ssh_bind_free(bind);
		return NULL;
	}
	return bind;
}

/* Connections from addr waiting for their turn. */
static size_t
listener_count_source(const struct listener *l, const char *addr)
{
	size_t i, n = 0;

	for (i = 0; i < l->nqueue; i++)
		n += strcmp(l->queue[i].addr, addr) == 0;
	return n;
}

static size_t
listener_in_login(const struct listener *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->nkids; i++)
		n += l->kids[i].status_fd != -1;
	return n;
}

/* Take in every connection the kernel has for us. */
static void
listener_accept(struct listener *l)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char addr[SSHD_ADDR_MAX];
	const char *why;
	int fd;

	for (;;) {
		len = sizeof ss;
		fd = accept4(l->lfd, (struct sockaddr *)&ss, &len,
		    SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN)
				log_event(LOG_LVL_WARN, "conn.accept-error",
				    "error=\"%s\"", strerror(errno));
			return;
		}
		sshd_cidr_addr_str((struct sockaddr *)&ss, addr);
		why = NULL;
		if (l->nqueue >= (size_t)l->cfg->max_pending)
			why = "too many waiting";
		else if (listener_count_source(l, addr) >=
		    (size_t)l->cfg->max_pending_per_source)
			why = "too many waiting from this address";
		if (why != NULL) {
			close(fd);
			log_event(LOG_LVL_WARN, "conn.refused", "addr=%s "
			    "reason=\"%s\"", addr, why);
			continue;
		}
		l->queue[l->nqueue].fd = fd;
		l->queue[l->nqueue].since_ms = clock_mono_ms();
		str_lcpy(l->queue[l->nqueue].addr, addr, SSHD_ADDR_MAX);
		l->nqueue++;
		if (listener_in_login(l) >= (size_t)l->cfg->max_startups)
			log_event(LOG_LVL_INFO, "conn.wait", "addr=%s "
			    "waiting=%zu", addr, l->nqueue);
	}
}

/* The forked child: drop what belongs to the listener, serve. */
static void __attribute__((noreturn))
listener_child(struct listener *l, struct waiting *w, int status_fd)
{
	size_t i;

	close(sig_pipe[0]);
	close(sig_pipe[1]);
	for (i = 0; i < l->nkids; i++)
		if (l->kids[i].status_fd != -1)
			close(l->kids[i].status_fd);
	for (i = 0; i < l->nqueue; i++)
		close(l->queue[i].fd);
	sshd_session_run(l->cfg, l->keys, l->bind, w->fd, w->addr,
	    status_fd);
}

/* Fork a session process for the connection w (taken off the queue). */
static void
listener_spawn(struct listener *l, struct waiting *w)
{
	sigset_t all, old;
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		log_event(LOG_LVL_ERR, "conn.error", "addr=%s error=\"%s\"",
		    w->addr, strerror(errno));
		close(w->fd);
		return;
	}
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) == 0) {
		close(p[0]);
		listener_child(l, w, p[1]);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(p[1]);
	close(w->fd);
	if (pid == -1) {
		log_event(LOG_LVL_ERR, "conn.error", "addr=%s error=\"fork: "
		    "%s\"", w->addr, strerror(errno));
		close(p[0]);
		return;
	}
	if (l->nkids == l->capkids) {
		l->capkids = l->capkids == 0 ? 16 : l->capkids * 2;
		l->kids = xreallocarray(l->kids, l->capkids, sizeof *l->kids);
	}
	l->kids[l->nkids].pid = pid;
	l->kids[l->nkids].status_fd = p[0];
	str_lcpy(l->kids[l->nkids].addr, w->addr, SSHD_ADDR_MAX);
	l->nkids++;
	log_event(LOG_LVL_INFO, "conn.start", "addr=%s pid=%ld", w->addr,
	    (long)pid);
}

/* Let waiting connections in while startup slots are free; drop the
 * ones that waited longer than the grace time. */
static void
listener_dispatch(struct listener *l)
{
	struct waiting w;
	int64_t now = clock_mono_ms();
	size_t i, j;

	for (i = j = 0; i < l->nqueue; i++) {
		if (now - l->queue[i].since_ms >
		    (int64_t)l->cfg->login_grace_time * 1000) {
			log_event(LOG_LVL_NOTICE, "conn.timeout", "addr=%s "
			    "reason=\"waited too long\"", l->queue[i].addr);
			close(l->queue[i].fd);
			continue;
		}
		l->queue[j++] = l->queue[i];
	}
	l->nqueue = j;
	while (l->nqueue > 0 && !l->stopping &&
	    listener_in_login(l) < (size_t)l->cfg->max_startups) {
		w = l->queue[0];
		memmove(l->queue, l->queue + 1,
		    (l->nqueue - 1) * sizeof *l->queue);
		l->nqueue--;
		listener_spawn(l, &w);
	}
}

static void
listener_forget(struct listener *l, size_t i)
{
	if (l->kids[i].status_fd != -1)
		close(l->kids[i].status_fd);
	l->kids[i] = l->kids[--l->nkids];
}

/* Reap every child that ended; say how. */
static void
listener_reap(struct listener *l)
{
	pid_t pid;
	size_t i;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < l->nkids && l->kids[i].pid != pid; i++)
			;
		if (i == l->nkids)
			continue;
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
			log_event(LOG_LVL_NOTICE, "conn.timeout", "addr=%s "
			    "pid=%ld reason=\"login grace time\"",
			    l->kids[i].addr, (long)pid);
		else if (WIFSIGNALED(st) && WTERMSIG(st) != SIGTERM &&
		    WTERMSIG(st) != SIGKILL)
			log_event(LOG_LVL_ERR, "conn.crash", "addr=%s pid=%ld "
			    "signal=%d", l->kids[i].addr, (long)pid,
			    WTERMSIG(st));
		else
			log_event(LOG_LVL_INFO, "conn.end", "addr=%s pid=%ld",
			    l->kids[i].addr, (long)pid);
		listener_forget(l, i);
	}
}

/* A child logged in (a byte) or is going away (EOF): its slot frees. */
static void
listener_status(struct listener *l, int fd)
{
	char b;
	size_t i;

	for (i = 0; i < l->nkids; i++) {
		if (l->kids[i].status_fd != fd)
			continue;
		if (read(fd, &b, 1) == -1 && errno == EINTR)
			return;
		close(fd);
		l->kids[i].status_fd = -1;
		return;
	}
}

/* SIGTERM: stop taking connections and ask every session to end. */
static void
listener_stop(struct listener *l)
{
	size_t i;

	l->stopping = 1;
	l->stop_deadline = clock_mono_ms() +
	    (int64_t)l->cfg->shutdown_grace * 1000;
	ssh_bind_free(l->bind);	/* closes the listening socket */
	l->bind = NULL;
	l->lfd = -1;
	for (i = 0; i < l->nqueue; i++)
		close(l->queue[i].fd);
	l->nqueue = 0;
	for (i = 0; i < l->nkids; i++)
		kill(l->kids[i].pid, SIGTERM);
	log_event(LOG_LVL_NOTICE, "shutdown", "sessions=%zu", l->nkids);
}

/* One turn: wait for something, then handle it. */
static void
listener_turn(struct listener *l)
{
	struct pollfd *pfd;
	char drain[64];
	size_t i, n = 0;
	int64_t now;

	pfd = xcalloc(l->nkids + 2, sizeof *pfd);
	pfd[n].fd = sig_pipe[0];
	pfd[n++].events = POLLIN;
	if (l->lfd != -1 && l->nqueue < (size_t)l->cfg->max_pending + 1) {
		pfd[n].fd = l->lfd;
		pfd[n++].events = POLLIN;
	}
	for (i = 0; i < l->nkids; i++) {
		if (l->kids[i].status_fd == -1)
			continue;
		pfd[n].fd = l->kids[i].status_fd;
		pfd[n++].events = POLLIN;
	}
	if (poll(pfd, n, 1000) > 0) {
		while (read(sig_pipe[0], drain, sizeof drain) > 0)
			;
		for (i = 1; i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (pfd[i].fd == l->lfd)
				listener_accept(l);
			else
				listener_status(l, pfd[i].fd);
		}
	}
	free(pfd);
	if (sig_chld) {
		sig_chld = 0;
		listener_reap(l);
	}
	if (sig_term && !l->stopping)
		listener_stop(l);
	listener_dispatch(l);
	now = clock_mono_ms();
	if (!l->stopping && now >= l->next_jobs) {
		l->next_jobs = now + JOBS_EVERY_MS;
		sshd_jobs_run(l->cfg, l->keys, now, &l->next_prune);
	}
}

int
sshd_listener_run(const struct sshd_config *cfg, const struct keys *keys,
    ssh_key hostkey)
{
	struct listener l;
	size_t i, killed;

	memset(&l, 0, sizeof l);
	l.cfg = cfg;
	l.keys = keys;
	if (listener_signals() != 0 || (l.lfd = listener_socket(cfg)) == -1)
		return 1;
	if ((l.bind = listener_bind(l.lfd, hostkey)) == NULL) {
		close(l.lfd);
		return 1;
	}
	l.queue = xcalloc((size_t)cfg->max_pending + 1, sizeof *l.queue);
	log_event(LOG_LVL_NOTICE, "listen", "addr=%s port=%d", cfg->listen,
	    cfg->port);
	while (!l.stopping || (l.nkids > 0 &&
	    clock_mono_ms() < l.stop_deadline))
		listener_turn(&l);
	killed = l.nkids;
	for (i = 0; i < l.nkids; i++)
		kill(l.kids[i].pid, SIGKILL);
	while (l.nkids > 0) {
		if (waitpid(l.kids[0].pid, NULL, 0) == -1 && errno == EINTR)
			continue;
		listener_forget(&l, 0);
	}
	log_event(LOG_LVL_NOTICE, "stopped", "killed=%zu", killed);
	free(l.kids);
	free(l.queue);
	return 0;
}

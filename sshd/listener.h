/*
 * listener.h -- the cafed listener: accepts, queues, forks, reaps, runs
 * the periodic jobs, and shuts down cleanly on SIGTERM.
 */
#ifndef CAFED_SSHD_LISTENER_H
#define CAFED_SSHD_LISTENER_H

#include <libssh/libssh.h>

struct keys;
struct sshd_config;

/*
 * Listen on cfg->listen:cfg->port (our own socket and backlog, handed
 * to libssh) with hostkey (taken over) and serve until SIGTERM or
 * SIGINT. At most max_startups connections are in key exchange or
 * login at once; the next ones wait their turn, up to max_pending (and
 * max_pending_per_source), past which they are closed at once. Returns
 * the exit code: 0 after a clean shutdown, 1 when it cannot listen.
 */
int	sshd_listener_run(const struct sshd_config *, const struct keys *,
	    ssh_key hostkey);

#endif

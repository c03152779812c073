/*
 * session.h -- one SSH connection, in the process forked for it.
 */
#ifndef CAFED_SSHD_SESSION_H
#define CAFED_SSHD_SESSION_H

#include <libssh/server.h>

struct keys;
struct sshd_config;

/*
 * Serve the connection on fd from addr in this freshly forked process:
 * key exchange, login within login_grace_time, then the UI process and
 * the relay until either side ends. bind (with the host key) is freed
 * here. status_fd gets one byte when the login succeeded, so the
 * listener lets the next waiting connection in. Never returns.
 */
void	sshd_session_run(const struct sshd_config *, const struct keys *,
	    ssh_bind bind, int fd, const char *addr, int status_fd)
	    __attribute__((noreturn));

#endif

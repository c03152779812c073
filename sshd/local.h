/*
 * local.h -- `cafed tui`: the same login and TUI on the local terminal.
 */
#ifndef CAFED_SSHD_LOCAL_H
#define CAFED_SSHD_LOCAL_H

struct keys;
struct sshd_config;

/*
 * Ask the user name, password and code on the terminal (stdin and
 * stdout must be one), with the same checks and throttles as over SSH
 * (source "local"), then run the TUI on it. Returns the exit code.
 */
int	sshd_local_run(const struct sshd_config *, const struct keys *);

#endif

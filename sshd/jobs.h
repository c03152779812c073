/*
 * jobs.h -- the listener's periodic jobs, kept small: end the logins of
 * disabled accounts and of session processes that died, audit the locks
 * that ran out, forget stale throttle counters.
 */
#ifndef CAFED_SSHD_JOBS_H
#define CAFED_SSHD_JOBS_H

#include <stdint.h>

struct keys;
struct sshd_config;

/* How often the throttle table is pruned. */
#define SSHD_JOBS_PRUNE_EVERY_MS	(10 * 60 * 1000)

/*
 * Run the jobs, and prune the throttle table too when prune is set.
 * Opens the database for the duration only: no connection may be open
 * across the listener's forks (the listener runs this in a child of
 * its own). Errors are logged, never fatal.
 */
void	sshd_jobs_run(const struct sshd_config *, const struct keys *,
	    int prune);

#endif

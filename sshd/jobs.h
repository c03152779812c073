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

/*
 * Run the jobs that are due at monotonic time now_ms (*next_prune_ms
 * holds when the throttle table is next pruned). Opens the database
 * for the duration only: no connection may be open across the
 * listener's forks. Errors are logged, never fatal.
 */
void	sshd_jobs_run(const struct sshd_config *, const struct keys *,
	    int64_t now_ms, int64_t *next_prune_ms);

#endif

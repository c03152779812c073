/*
 * queue.h -- the writers' queue in front of SQLite's write lock.
 *
 * SQLite's busy handler sleeps and retries, so under load some writers
 * starve (single waits of seconds were measured with 8 writers). cafed
 * puts a queue in front of BEGIN IMMEDIATE: a process-shared, robust,
 * priority-inheriting mutex in a small file beside the database. The
 * kernel queues waiters of a PI futex in order and hands the lock to the
 * first of them; a holder that dies releases it (EOWNERDEAD).
 */
#ifndef CAFED_QUEUE_H
#define CAFED_QUEUE_H

#include <stdint.h>

struct db_queue;

/* Open (creating and initialising if needed) the queue file at path. */
int	db_queue_open(const char *path, struct db_queue **out);

/* Unmap and close; NULL is a no-op. Never call while holding it. */
void	db_queue_close(struct db_queue *);

/*
 * Wait for our turn, at most timeout_ms. Returns 0, or ERR_BUSY when
 * the wait ran out (a holder stopped, not dead). *waited_us gets the
 * time spent waiting.
 */
int	db_queue_enter(struct db_queue *, int timeout_ms, int64_t *waited_us);

/* Hand the turn to the next in line. */
void	db_queue_leave(struct db_queue *);

#endif

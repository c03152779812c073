/*
 * queue.c -- a fair, crash-robust writers' queue shared by processes.
 */
#include "db/queue.h"

#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"

#define QUEUE_MAGIC	0x43514531u	/* "CQE1" */

struct queue_shm {
	uint32_t	magic;
	uint32_t	size;		/* sizeof(struct queue_shm) when made */
	pthread_mutex_t	mutex;
};

struct db_queue {
	int			 fd;
	struct queue_shm	*shm;
};

/* Initialise the shared mutex once; the caller holds the file lock. */
static int
queue_init(struct queue_shm *shm)
{
	pthread_mutexattr_t a;
	int r = 0;

	if (shm->magic == QUEUE_MAGIC && shm->size == sizeof *shm)
		return 0;
	if (pthread_mutexattr_init(&a) != 0)
		return ERR_INTERNAL;
	if (pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) != 0 ||
	    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) != 0 ||
	    pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT) != 0 ||
	    pthread_mutex_init(&shm->mutex, &a) != 0)
		r = ERR_INTERNAL;
	pthread_mutexattr_destroy(&a);
	if (r == 0) {
		shm->size = sizeof *shm;
		__atomic_store_n(&shm->magic, QUEUE_MAGIC, __ATOMIC_RELEASE);
	}
	return r;
}

int
db_queue_open(const char *path, struct db_queue **out)
{
	struct db_queue *q;
	struct stat sb;
	void *p;
	int fd, r;

	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return ERR_IO;
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			close(fd);
			return ERR_IO;
		}
	r = ERR_IO;
	if (fstat(fd, &sb) != 0)
		goto fail;
	if ((size_t)sb.st_size < sizeof(struct queue_shm) &&
	    ftruncate(fd, (off_t)sizeof(struct queue_shm)) != 0)
		goto fail;
	p = mmap(NULL, sizeof(struct queue_shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		goto fail;
	if ((r = queue_init(p)) != 0) {
		munmap(p, sizeof(struct queue_shm));
		goto fail;
	}
	flock(fd, LOCK_UN);
	q = xcalloc(1, sizeof *q);
	q->fd = fd;
	q->shm = p;
	*out = q;
	return 0;
fail:
	flock(fd, LOCK_UN);
	close(fd);
	return r;
}

void
db_queue_close(struct db_queue *q)
{
	if (q == NULL)
		return;
	munmap(q->shm, sizeof *q->shm);
	close(q->fd);
	free(q);
}

int
db_queue_enter(struct db_queue *q, int timeout_ms, int64_t *waited_us)
{
	struct timespec until;
	int64_t t0;
	int r;

	*waited_us = 0;
	if ((r = pthread_mutex_trylock(&q->shm->mutex)) == 0)
		return 0;
	t0 = clock_mono_us();
	if (r != EBUSY && r != EOWNERDEAD)
		return ERR_INTERNAL;
	if (r == EBUSY) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += timeout_ms / 1000;
		until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		r = pthread_mutex_timedlock(&q->shm->mutex, &until);
	}
	*waited_us = clock_mono_us() - t0;
	if (r == EOWNERDEAD) {
		/* The holder died; SQLite rolled its transaction back. */
		pthread_mutex_consistent(&q->shm->mutex);
		return 0;
	}
	if (r == ETIMEDOUT)
		return ERR_BUSY;
	return r == 0 ? 0 : ERR_INTERNAL;
}

void
db_queue_leave(struct db_queue *q)
{
	pthread_mutex_unlock(&q->shm->mutex);
}

/*
 * slots.c -- counting semaphore over processes from byte-range locks.
 */
#include "sshd/slots.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/err.h"
#include "common/xmalloc.h"

struct sshd_slots {
	int	fd;
	int	n;
	int	held;		/* the slot held, -1 if none */
};

int
sshd_slots_open(const char *db_path, int n, struct sshd_slots **out)
{
	struct sshd_slots *s;
	char *path;
	int fd;

	xasprintf(&path, "%s-argon2", db_path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd == -1)
		return ERR_IO;
	s = xcalloc(1, sizeof *s);
	s->fd = fd;
	s->n = n > 0 ? n : 1;
	s->held = -1;
	*out = s;
	return 0;
}

/* Try to lock slot i without waiting; 1 when taken. */
static int
slots_try(struct sshd_slots *s, int i)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = i;
	fl.l_len = 1;
	return fcntl(s->fd, F_OFD_SETLK, &fl) == 0;
}

void
sshd_slots_acquire(struct sshd_slots *s)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i, start = (int)(getpid() % s->n);

	if (s->held != -1)
		return;
	for (;;) {
		for (i = 0; i < s->n; i++) {
			if (slots_try(s, (start + i) % s->n)) {
				s->held = (start + i) % s->n;
				return;
			}
		}
		nanosleep(&ts, NULL);
	}
}

void
sshd_slots_release(struct sshd_slots *s)
{
	struct flock fl;

	if (s == NULL || s->held == -1)
		return;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = s->held;
	fl.l_len = 1;
	fcntl(s->fd, F_OFD_SETLK, &fl);
	s->held = -1;
}

void
sshd_slots_free(struct sshd_slots *s)
{
	if (s == NULL)
		return;
	sshd_slots_release(s);
	close(s->fd);
	free(s);
}

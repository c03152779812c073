/*
 * slots.h -- at most N password verifications at once, across processes.
 *
 * Each Argon2id verification takes 64 MiB; a burst of logins must queue
 * rather than exhaust memory. A slot is a lock on one byte of a file
 * beside the database (an open-file-description lock: released when the
 * process dies, whatever it was doing).
 */
#ifndef CAFED_SSHD_SLOTS_H
#define CAFED_SSHD_SLOTS_H

struct sshd_slots;

/*
 * Open the slot file of the database at db_path (db_path + "-argon2",
 * mode 0600) for n slots. Call it in the process that verifies (after
 * any fork): the locks belong to the open file. Returns 0 with *out set
 * (free with sshd_slots_free) or ERR_IO.
 */
int	sshd_slots_open(const char *db_path, int n, struct sshd_slots **out);

/* Wait for a free slot and hold it. */
void	sshd_slots_acquire(struct sshd_slots *);

/* Give the held slot back (no-op when none is held). */
void	sshd_slots_release(struct sshd_slots *);

/* Release and close; NULL is a no-op. */
void	sshd_slots_free(struct sshd_slots *);

#endif

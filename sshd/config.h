/*
 * config.h -- how cafed runs: cafed.conf and the command line.
 *
 * cafed.conf is "keyword = value" lines (INI style, no sections; '#' or
 * ';' start a comment). Every command-line option has a keyword; the
 * command line wins. Unknown keywords and bad values are refused with
 * the file, the line and the reason. Business settings are not here:
 * they live in the database. cafed.conf(5) documents every keyword.
 */
#ifndef CAFED_SSHD_CONFIG_H
#define CAFED_SSHD_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "model/throttle.h"

struct sshd_cidr;

struct sshd_config {
	char			*db_path;	/* NULL: $CAFED_DB, cafe.db */
	char			*key_path;	/* NULL: db + ".key" */
	char			*host_key_path;	/* NULL: db + ".hostkey" */
	char			*listen;	/* numeric address */
	int			 port;
	int			 max_startups;	/* in key exchange or auth */
	int			 max_pending;	/* waiting for their turn */
	int			 max_pending_per_source;
	int			 login_grace_time;	/* s */
	int			 idle_timeout;		/* s, 0: never */
	int			 auth_fail_delay_ms;	/* refusals, at least */
	int			 auth_max_tries;	/* rounds per conn. */
	int			 argon2_slots;	/* 0: one per core */
	int			 shutdown_grace;	/* s */
	int			 log_level;	/* enum log_level */
	struct throttle_policy	 throttle;
	char			*admin_allow_text;	/* NULL: anywhere */
	struct sshd_cidr	*admin_allow;
	size_t			 nadmin_allow;
};

/* A configuration holding the defaults; free with sshd_config_free(). */
struct sshd_config	*sshd_config_new(void);

/* Free; NULL is a no-op. */
void	sshd_config_free(struct sshd_config *);

/*
 * Set keyword key to value. Returns 0, ERR_NOTFOUND for an unknown
 * keyword or ERR_INVALID, with the reason in why (whysize bytes).
 */
int	sshd_config_set(struct sshd_config *, const char *key,
	    const char *value, char *why, size_t whysize);

/*
 * Read the file at path. Returns 0, or ERR_INVALID / ERR_IO with
 * "PATH:LINE: reason" (or "PATH: reason") in err (errsize bytes).
 * Stops at the first error.
 */
int	sshd_config_load(struct sshd_config *, const char *path, char *err,
	    size_t errsize);

/*
 * Fill in the paths that default to the database's and check that the
 * values agree with each other. Returns 0 or ERR_INVALID with err set.
 */
int	sshd_config_finish(struct sshd_config *, char *err, size_t errsize);

/* Print the effective configuration as cafed.conf lines. */
void	sshd_config_print(const struct sshd_config *, FILE *);

#endif

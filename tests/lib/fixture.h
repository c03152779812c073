/*
 * fixture.h -- a fresh cafed database for a test: all migrations applied
 * from zero, a random key, the café initialised (EUR, UTC), and an
 * administrator acting as "cli:test".
 */
#ifndef CAFED_FIXTURE_H
#define CAFED_FIXTURE_H

#include <stdint.h>

#include "model/ctx.h"

struct fixture {
	char		*dir;		/* temporary directory (file-backed) */
	char		*db_path;
	char		*key_path;
	struct db	*db;
	struct keys	*keys;
	struct mctx	 ctx;
};

/* In memory (file == 0) or in a temporary directory (file == 1). */
void	fixture_open(struct fixture *, int file);
void	fixture_close(struct fixture *);

/* Act as user id/name with role from now on. */
void	fixture_act(struct fixture *, int64_t id, const char *name, int role);

/* Create a user with a valid password; returns the id (asserts). */
int64_t	fixture_user(struct fixture *, const char *name, int role);

/* The number of audit rows with this action. */
int64_t	fixture_audit_count(struct fixture *, const char *action);

/* A password that passes the policy for any user name in the tests. */
#define FIXTURE_PASSWORD	"Correct-Horse-Battery-42"

#endif

/*
 * ctx.h -- who is acting, on which database: passed to every model call.
 *
 * A plain parameter bundle. The sshd fills it from the login, cafectl
 * with actor "cli:<unix user>" and administrator rights, the listener's
 * periodic jobs with actor "system".
 */
#ifndef CAFED_CTX_H
#define CAFED_CTX_H

#include <stdint.h>

struct db;
struct keys;

struct actor {
	int64_t	user_id;	/* staff user id; 0 for cli: and system */
	char	name[48];	/* "alice", "cli:root", "system" */
	int	role;		/* enum role of model/perm.h */
	int64_t	login_id;	/* live login row; 0 when not over SSH */
	char	source[64];	/* source address; "" when local */
};

struct mctx {
	struct db		*db;
	const struct keys	*keys;
	struct actor		 actor;
};

#endif

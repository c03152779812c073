/*
 * ctl.h -- shared plumbing of cafectl's commands.
 *
 * Output for scripts: a command that creates something prints its id
 * alone on a line; lists print one record per line, tab-separated, with
 * a header only when stdout is a terminal; amounts are plain decimals;
 * verdicts go to stdout, errors to stderr as one "cafectl: " line. Exit
 * 0 on success, 1 when refused or failed, 2 on a usage error.
 */
#ifndef CAFED_CTL_H
#define CAFED_CTL_H

#include <stdint.h>

#include "model/ctx.h"
#include "model/settings.h"

struct db;
struct keys;

enum {
	CTL_OK = 0,
	CTL_FAIL = 1,
	CTL_USAGE = 2
};

/* How a command needs the database. */
enum {
	CTL_NODB = 0,		/* opens nothing itself */
	CTL_DB = 1,		/* the database and the key, current schema */
	CTL_DB_ANY = 2		/* the database and key, any older schema */
};

struct ctl {
	const char		*db_path;
	const char		*key_path;
	char			*key_path_alloc;
	struct db		*db;
	struct keys		*keys;
	struct mctx		 ctx;
	struct cafe_info	 cafe;
	int			 tty;	/* stdout is a terminal */
};

struct ctl_cmd {
	const char	*name;		/* "user add" */
	const char	*args;		/* "NAME --role ROLE [...]" */
	const char	*help;		/* one line */
	int		 needs;		/* CTL_NODB, CTL_DB, CTL_DB_ANY */
	int		(*fn)(struct ctl *, int argc, char **argv);
};

struct ctl_group {
	const struct ctl_cmd	*cmds;
	int			 ncmds;
};

extern const struct ctl_group	ctl_group_db;
extern const struct ctl_group	ctl_group_user;
extern const struct ctl_group	ctl_group_audit;
extern const struct ctl_group	ctl_group_shop;
extern const struct ctl_group	ctl_group_sell;
extern const struct ctl_group	ctl_group_report;
extern const struct ctl_group	ctl_group_cash;
extern const struct ctl_group	ctl_group_wallet;
extern const struct ctl_group ctl_group_sshd;
extern const struct ctl_group	ctl_group_floor;

/* Print "cafectl: message" on stderr; returns CTL_FAIL. */
int	ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print a usage error for cmd; returns CTL_USAGE. */
int	ctl_usage(const struct ctl_cmd *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Report a model error code as one line; returns CTL_FAIL. */
int	ctl_err(int code, const char *what, const char *why);

/* Open the database and key per needs; prints and returns CTL_FAIL. */
int	ctl_open(struct ctl *, int needs);

/*
 * Read a secret: the first line of stdin with from_stdin, else asked
 * twice on the terminal without echo. Returns a string to freezero_str,
 * or NULL after printing why.
 */
char	*ctl_read_password(int from_stdin, const char *prompt);

/* Print a header line (only on a terminal) of tab-separated names. */
void	ctl_header(const struct ctl *, const char *tabbed);

/* Parse a decimal amount in the café's currency; prints on error. */
int	ctl_amount(const struct ctl *, const char *s, int64_t *out);

/* Format an amount as a plain decimal into buf. */
char	*ctl_money(const struct ctl *, int64_t, char *buf, size_t size);

/* Format a time in the café's zone as "YYYY-MM-DD HH:MM:SS". */
char	*ctl_time(const struct ctl *, int64_t, char *buf, size_t size);

/* Find the command of argv in the groups. */
const struct ctl_cmd *ctl_lookup(int argc, char **argv, int *words);

#endif

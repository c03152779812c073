/*
 * ctl.c -- cafectl: the administrator's command line. Global options,
 * dispatch to the command groups, and the helpers they share.
 */
#include "cli/ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/keys.h"
#include "model/money.h"
#include "model/perm.h"

static const struct ctl_group *const ctl_groups[] = {
	&ctl_group_db,
	&ctl_group_user,
	&ctl_group_audit,
	&ctl_group_shop,
	&ctl_group_sell,
	&ctl_group_report,
	&ctl_group_cash,
	&ctl_group_wallet,
	&ctl_group_sshd,
	&ctl_group_floor,
};
#define NGROUPS	(sizeof ctl_groups / sizeof ctl_groups[0])

int
ctl_fail(const char *fmt, ...)
{
	char raw[1024], clean[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	fprintf(stderr, "cafectl: %s\n", str_sanitize(clean, sizeof clean,
	    raw));
	return CTL_FAIL;
}

int
ctl_usage(const struct ctl_cmd *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "cafectl: %s; usage: cafectl %s %s\n", msg,
	    cmd->name, cmd->args);
	return CTL_USAGE;
}

int
ctl_err(int code, const char *what, const char *why)
{
	if (why != NULL)
		return ctl_fail("%s: %s: %s", what, err_str(code), why);
	return ctl_fail("%s: %s", what, err_str(code));
}

int
ctl_open(struct ctl *c, int needs)
{
	int r;

	if (needs == CTL_NODB)
		return CTL_OK;
	r = keys_load(c->key_path, &c->keys);
	if (r == ERR_NOTFOUND)
		return ctl_fail("%s: no key file (run 'cafectl init', or give "
		    "--key PATH)", c->key_path);
	if (r != 0)
		return ctl_err(r, c->key_path, NULL);
	r = db_open(c->db_path, needs == CTL_DB_ANY ? DB_OPEN_ANY_SCHEMA : 0,
	    &c->db);
	if (r == ERR_NOTFOUND)
		return ctl_fail("%s: no such database (run 'cafectl init')",
		    c->db_path);
	if (r != 0)
		return ctl_err(r, c->db_path, NULL);
	c->ctx.db = c->db;
	c->ctx.keys = c->keys;
	if (needs == CTL_DB && (r = settings_cafe(c->db, &c->cafe)) != 0)
		return ctl_err(r, c->db_path, "reading the café's settings");
	return CTL_OK;
}

/* Read one line without echo from the terminal. */
static char *
ctl_tty_line(const char *prompt)
{
	struct termios old, quiet;
	char buf[1100], *nl;
	FILE *tty;
	int ok;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return NULL;
	fputs(prompt, tty);
	fflush(tty);
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	ok = fgets(buf, sizeof buf, tty) != NULL;
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok)
		return NULL;
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	nl = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return nl;
}

char *
ctl_read_password(int from_stdin, const char *prompt)
{
	char buf[1100], *a, *b, *nl;

	if (from_stdin) {
		if (fgets(buf, sizeof buf, stdin) == NULL) {
			ctl_fail("no password on standard input");
			return NULL;
		}
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl = '\0';
		if ((nl = strchr(buf, '\r')) != NULL)
			*nl = '\0';
		a = xstrdup(buf);
		explicit_bzero(buf, sizeof buf);
		return a;
	}
	if ((a = ctl_tty_line(prompt)) == NULL) {
		ctl_fail("no terminal to ask for the password "
		    "(use --password-stdin)");
		return NULL;
	}
	if ((b = ctl_tty_line("Again: ")) == NULL || strcmp(a, b) != 0) {
		freezero_str(a);
		freezero_str(b);
		ctl_fail("the passwords do not match");
		return NULL;
	}
	freezero_str(b);
	return a;
}

void
ctl_header(const struct ctl *c, const char *tabbed)
{
	if (c->tty)
		printf("%s\n", tabbed);
}

int
ctl_amount(const struct ctl *c, const char *s, int64_t *out)
{
	const char *why = NULL;

	if (money_parse(s, c->cafe.decimals, out, &why) != 0) {
		ctl_fail("bad amount '%s': %s", s, why != NULL ? why :
		    "not an amount");
		return CTL_FAIL;
	}
	return CTL_OK;
}

char *
ctl_money(const struct ctl *c, int64_t v, char *buf, size_t size)
{
	return money_format(buf, size, v, c->cafe.decimals);
}

char *
ctl_time(const struct ctl *c, int64_t t, char *buf, size_t size)
{
	return clock_fmt_local(buf, size, t, c->cafe.timezone[0] != '\0' ?
	    c->cafe.timezone : NULL, "%Y-%m-%d %H:%M:%S");
}

const struct ctl_cmd *
ctl_lookup(int argc, char **argv, int *words)
{
	const struct ctl_cmd *cmd;
	size_t g, len;
	int i;

	for (g = 0; g < NGROUPS; g++) {
		for (i = 0; i < ctl_groups[g]->ncmds; i++) {
			cmd = &ctl_groups[g]->cmds[i];
			len = strlen(argv[0]);
			if (strcmp(cmd->name, argv[0]) == 0) {
				*words = 1;
				return cmd;
			}
			if (argc > 1 && strncmp(cmd->name, argv[0], len) == 0 &&
			    cmd->name[len] == ' ' &&
			    strcmp(cmd->name + len + 1, argv[1]) == 0) {
				*words = 2;
				return cmd;
			}
		}
	}
	return NULL;
}

static void
ctl_help(FILE *f, const char *only)
{
	const struct ctl_cmd *cmd;
	size_t g, len = only != NULL ? strlen(only) : 0;
	int i;

	fprintf(f, "usage: cafectl [--db PATH] [--key PATH] COMMAND "
	    "[ARGS]\n\ncommands:\n");
	for (g = 0; g < NGROUPS; g++) {
		for (i = 0; i < ctl_groups[g]->ncmds; i++) {
			cmd = &ctl_groups[g]->cmds[i];
			if (only != NULL && strncmp(cmd->name, only, len) != 0)
				continue;
			fprintf(f, "  %s %s\n      %s\n", cmd->name, cmd->args,
			    cmd->help);
		}
	}
	fprintf(f, "\nThe database defaults to $CAFED_DB, else ./cafe.db; the "
	    "key to the database path plus '.key'.\nSee cafectl(8).\n");
}

/* The actor of everything cafectl changes: cli:<unix user>, admin. */
static void
ctl_actor(struct ctl *c)
{
	struct passwd *pw = getpwuid(getuid());
	char name[40];

	if (pw != NULL)
		str_sanitize(name, sizeof name, pw->pw_name);
	else
		snprintf(name, sizeof name, "%u", (unsigned)getuid());
	snprintf(c->ctx.actor.name, sizeof c->ctx.actor.name, "cli:%s", name);
	c->ctx.actor.role = ROLE_ADMIN;
	c->ctx.actor.user_id = 0;
}

static int
ctl_is_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct ctl_cmd *cmd;
	struct ctl c;
	int ch, words, r;

	memset(&c, 0, sizeof c);
	c.db_path = getenv("CAFED_DB");
	if (c.db_path == NULL || *c.db_path == '\0')
		c.db_path = "cafe.db";
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db_path = optarg;
			break;
		case 'k':
			c.key_path = optarg;
			break;
		case 'h':
			ctl_help(stdout, NULL);
			return CTL_OK;
		default:
			ctl_help(stderr, NULL);
			return CTL_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		ctl_help(stderr, NULL);
		return CTL_USAGE;
	}
	if (c.key_path == NULL) {
		xasprintf(&c.key_path_alloc, "%s.key", c.db_path);
		c.key_path = c.key_path_alloc;
	}
	if ((cmd = ctl_lookup(argc, argv, &words)) == NULL) {
		free(c.key_path_alloc);
		if (ctl_is_help(argc, argv)) {
			ctl_help(stdout, argv[0]);
			return CTL_OK;
		}
		fprintf(stderr, "cafectl: unknown command '%s' (cafectl --help "
		    "lists them)\n", argv[0]);
		return CTL_USAGE;
	}
	if (ctl_is_help(argc, argv)) {
		free(c.key_path_alloc);
		printf("usage: cafectl %s %s\n  %s\n", cmd->name, cmd->args,
		    cmd->help);
		return CTL_OK;
	}
	c.tty = isatty(STDOUT_FILENO);
	ctl_actor(&c);
	argc -= words - 1;
	argv += words - 1;
	argv[0] = (char *)(uintptr_t)cmd->name;
	if ((r = ctl_open(&c, cmd->needs)) == CTL_OK) {
		optind = 0;
		r = cmd->fn(&c, argc, argv);
	}
	db_close(c.db);
	keys_free(c.keys);
	free(c.key_path_alloc);
	if (fflush(stdout) != 0 && r == CTL_OK)
		r = ctl_fail("writing the output failed");
	return r;
}

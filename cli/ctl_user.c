/*
 * ctl_user.c -- cafectl user ...: staff accounts.
 */
#include "cli/ctl.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"
#include "model/auth.h"
#include "model/perm.h"
#include "model/totp.h"
#include "model/user.h"

enum {
	C_ADD, C_LIST, C_DISABLE, C_ENABLE, C_ROLE, C_PASSWD, C_RESET_TOTP,
	C_RECOVERY
};

static const struct ctl_cmd user_cmds[];

static int
parse_role(const char *s, int *role)
{
	if (perm_role_parse(s, role) != 0)
		return ctl_fail("unknown role '%s' (admin, manager, cashier, "
		    "auditor)", s);
	return CTL_OK;
}

/* Options of user add and user passwd. */
struct user_opts {
	const char	*role;
	const char	*totp;
	int		 pw_stdin;
};

static int
user_getopt(const struct ctl_cmd *cmd, int argc, char **argv,
    struct user_opts *o)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "totp-secret", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			o->role = optarg;
			break;
		case 'p':
			o->pw_stdin = 1;
			break;
		case 't':
			o->totp = optarg;
			break;
		default:
			return ctl_usage(cmd, "bad option");
		}
	}
	if (optind != argc - 1)
		return ctl_usage(cmd, "one NAME expected");
	return CTL_OK;
}

static int
cmd_add(struct ctl *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &user_cmds[C_ADD];
	unsigned char secret[64];
	struct user_opts o;
	struct user_new nu;
	const char *why = NULL;
	char *pw;
	int64_t id;
	size_t len;
	int r;

	if ((r = user_getopt(cmd, argc, argv, &o)) != CTL_OK)
		return r;
	if (o.role == NULL)
		return ctl_usage(cmd, "--role is required");
	memset(&nu, 0, sizeof nu);
	nu.name = argv[optind];
	if (parse_role(o.role, &nu.role) != CTL_OK)
		return CTL_FAIL;
	if (o.totp != NULL) {
		if (totp_base32_decode(o.totp, secret, sizeof secret,
		    &len) != 0 || len < 10)
			return ctl_fail("--totp-secret: not a base32 secret "
			    "of at least 80 bits");
		nu.totp_secret = secret;
		nu.totp_len = len;
	}
	if ((pw = ctl_read_password(o.pw_stdin, "Password: ")) == NULL)
		return CTL_FAIL;
	nu.password = pw;
	r = user_add(&c->ctx, &nu, &id, &why);
	freezero_str(pw);
	sodium_memzero(secret, sizeof secret);
	if (r == ERR_EXISTS)
		return ctl_fail("user '%s' exists already", nu.name);
	if (r != 0)
		return ctl_err(r, nu.name, why);
	printf("%lld\n", (long long)id);
	return CTL_OK;
}

static int
cmd_list(struct ctl *c, int argc, char **argv)
{
	struct user_info *v;
	char when[32];
	size_t n, i;
	int r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&user_cmds[C_LIST], "no arguments");
	if ((r = user_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "user list", NULL);
	ctl_header(c, "ID\tNAME\tROLE\tSTATE\tTOTP\tRECOVERY\tKEYS\tCREATED");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n",
		    (long long)v[i].id, v[i].name,
		    perm_role_name(v[i].role) != NULL ?
		    perm_role_name(v[i].role) : "?",
		    v[i].disabled ? "disabled" : "enabled",
		    v[i].totp_enrolled ? "enrolled" : "pending",
		    v[i].recovery_left, v[i].nkeys,
		    ctl_time(c, v[i].created_at, when, sizeof when));
	free(v);
	return CTL_OK;
}

static int
one_name(const struct ctl_cmd *cmd, int argc)
{
	return argc == 2 ? CTL_OK : ctl_usage(cmd, "one NAME expected");
}

static int
cmd_disable(struct ctl *c, int argc, char **argv)
{
	int r;

	if ((r = one_name(&user_cmds[C_DISABLE], argc)) != CTL_OK)
		return r;
	if ((r = user_set_disabled(&c->ctx, argv[1], 1)) != 0)
		return ctl_err(r, argv[1], NULL);
	return CTL_OK;
}

static int
cmd_enable(struct ctl *c, int argc, char **argv)
{
	int r;

	if ((r = one_name(&user_cmds[C_ENABLE], argc)) != CTL_OK)
		return r;
	if ((r = user_set_disabled(&c->ctx, argv[1], 0)) != 0)
		return ctl_err(r, argv[1], NULL);
	return CTL_OK;
}

static int
cmd_role(struct ctl *c, int argc, char **argv)
{
	int role, r;

	if (argc != 3)
		return ctl_usage(&user_cmds[C_ROLE], "NAME ROLE expected");
	if (parse_role(argv[2], &role) != CTL_OK)
		return CTL_FAIL;
	if ((r = user_set_role(&c->ctx, argv[1], role)) != 0)
		return ctl_err(r, argv[1], NULL);
	return CTL_OK;
}

static int
cmd_passwd(struct ctl *c, int argc, char **argv)
{
	struct user_opts o;
	struct user_info u;
	const char *why = NULL;
	char *pw;
	int r;

	if ((r = user_getopt(&user_cmds[C_PASSWD], argc, argv, &o)) != CTL_OK)
		return r;
	if (o.role != NULL || o.totp != NULL)
		return ctl_usage(&user_cmds[C_PASSWD], "bad option");
	if ((r = user_find(c->db, argv[optind], &u)) != 0)
		return ctl_err(r, argv[optind], NULL);
	if ((pw = ctl_read_password(o.pw_stdin, "New password: ")) == NULL)
		return CTL_FAIL;
	r = user_set_password(&c->ctx, argv[optind], pw, &why);
	freezero_str(pw);
	if (r != 0)
		return ctl_err(r, argv[optind], why);
	return CTL_OK;
}

static int
cmd_reset_totp(struct ctl *c, int argc, char **argv)
{
	int r;

	if ((r = one_name(&user_cmds[C_RESET_TOTP], argc)) != CTL_OK)
		return r;
	if ((r = auth_totp_reset(&c->ctx, argv[1])) != 0)
		return ctl_err(r, argv[1], NULL);
	printf("TOTP reset: %s enrolls again at the next login\n", argv[1]);
	return CTL_OK;
}

static int
cmd_recovery(struct ctl *c, int argc, char **argv)
{
	char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_SIZE];
	int i, r;

	if ((r = one_name(&user_cmds[C_RECOVERY], argc)) != CTL_OK)
		return r;
	r = auth_recovery_renew(&c->ctx, argv[1], codes);
	if (r == ERR_STATE)
		return ctl_fail("%s: no TOTP enrolled yet; recovery codes come "
		    "with enrollment", argv[1]);
	if (r != 0)
		return ctl_err(r, argv[1], NULL);
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++)
		printf("%s\n", codes[i]);
	sodium_memzero(codes, sizeof codes);
	return CTL_OK;
}

static const struct ctl_cmd user_cmds[] = {
	[C_ADD] = { "user add", "NAME --role ROLE [--password-stdin] "
	    "[--totp-secret BASE32]", "create a staff account; prints its id",
	    CTL_DB, cmd_add },
	[C_LIST] = { "user list", "", "list the staff accounts", CTL_DB,
	    cmd_list },
	[C_DISABLE] = { "user disable", "NAME", "disable an account (ends "
	    "its logins)", CTL_DB, cmd_disable },
	[C_ENABLE] = { "user enable", "NAME", "enable a disabled account",
	    CTL_DB, cmd_enable },
	[C_ROLE] = { "user role", "NAME ROLE", "change an account's role",
	    CTL_DB, cmd_role },
	[C_PASSWD] = { "user passwd", "NAME [--password-stdin]",
	    "set an account's password", CTL_DB, cmd_passwd },
	[C_RESET_TOTP] = { "user reset-totp", "NAME", "forget the TOTP "
	    "secret; the user enrolls again at the next login", CTL_DB,
	    cmd_reset_totp },
	[C_RECOVERY] = { "user recovery-codes", "NAME", "replace the "
	    "recovery codes with 10 new ones and print them", CTL_DB,
	    cmd_recovery },
};

const struct ctl_group ctl_group_user = { user_cmds,
	(int)(sizeof user_cmds / sizeof user_cmds[0]) };

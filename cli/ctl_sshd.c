/*
 * ctl_sshd.c -- cafectl commands of the front door: the host key's
 * fingerprint, users' SSH keys, live logins.
 */
#include "cli/ctl.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "model/login.h"
#include "sshd/hostkey.h"

static int
cmd_hostkey(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "host-key", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	char *path = NULL, why[512], fp[SSHD_FP_MAX];
	ssh_key key = NULL;
	int ch, created, r;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'H')
			return ctl_usage(&ctl_group_sshd.cmds[0], "bad option");
		free(path);
		path = xstrdup(optarg);
	}
	if (optind != argc) {
		free(path);
		return ctl_usage(&ctl_group_sshd.cmds[0], "no arguments");
	}
	if (path == NULL)
		xasprintf(&path, "%s.hostkey", c->db_path);
	r = sshd_hostkey_load(path, 0, &key, &created, why, sizeof why);
	free(path);
	if (r != 0)
		return ctl_fail("%s", why);
	r = sshd_hostkey_fingerprint(key, fp, sizeof fp);
	ssh_key_free(key);
	if (r != 0)
		return ctl_err(r, "host key", NULL);
	printf("%s\n", fp);
	return CTL_OK;
}

struct pubkey {
	char	*type;
	char	*b64;
	char	 fp[SSHD_FP_MAX];
	char	 comment[128];
};

/* Read "TYPE BASE64 [COMMENT]" from the first key line of path. */
static int
read_pubkey(const char *path, struct pubkey *pk)
{
	char line[16384], *p, *type, *b64, *comment;
	ssh_key key = NULL;
	FILE *f;
	int found = 0, r = -1;

	if ((f = fopen(path, "r")) == NULL)
		return ctl_fail("%s: %s", path, strerror(errno)), -1;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		p = str_trim(line);
		found = *p != '\0' && *p != '#';
	}
	fclose(f);
	if (!found || (type = strtok_r(p, " \t", &p)) == NULL ||
	    (b64 = strtok_r(NULL, " \t", &p)) == NULL ||
	    ssh_key_type_from_name(type) == SSH_KEYTYPE_UNKNOWN ||
	    ssh_pki_import_pubkey_base64(b64, ssh_key_type_from_name(type),
	    &key) != SSH_OK)
		return ctl_fail("%s: not an SSH public key (give the .pub "
		    "file)", path), -1;
	comment = str_trim(p);
	str_sanitize(pk->comment, sizeof pk->comment, comment);
	pk->type = xstrdup(ssh_key_type_to_char(ssh_key_type(key)));
	if (ssh_pki_export_pubkey_base64(key, &pk->b64) == SSH_OK &&
	    sshd_hostkey_fingerprint(key, pk->fp, sizeof pk->fp) == 0)
		r = 0;
	else
		ctl_fail("%s: cannot read the key", path);
	ssh_key_free(key);
	return r;
}

static int
key_add(struct ctl *c, int argc, char **argv)
{
	struct pubkey pk;
	int64_t id;
	int r;

	if (argc != 4)
		return ctl_usage(&ctl_group_sshd.cmds[1], "add NAME FILE");
	memset(&pk, 0, sizeof pk);
	if (read_pubkey(argv[3], &pk) != 0) {
		r = CTL_FAIL;
		goto out;
	}
	if ((r = login_key_add(&c->ctx, argv[2], pk.type, pk.b64, pk.fp,
	    pk.comment, &id)) != 0) {
		r = r == ERR_EXISTS ? ctl_fail("%s: this key is registered "
		    "already", pk.fp) : ctl_err(r, argv[2], NULL);
		goto out;
	}
	printf("%s\n", pk.fp);
	r = CTL_OK;
out:
	free(pk.type);
	ssh_string_free_char(pk.b64);
	return r;
}

static int
key_list(struct ctl *c, int argc, char **argv)
{
	struct login_key *v = NULL;
	char when[32];
	size_t i, n = 0;
	int r;

	if (argc != 3)
		return ctl_usage(&ctl_group_sshd.cmds[1], "list NAME");
	if ((r = login_key_list(c->db, argv[2], &v, &n)) != 0)
		return ctl_err(r, argv[2], NULL);
	ctl_header(c, "FINGERPRINT\tTYPE\tADDED\tCOMMENT");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\n", v[i].fingerprint, v[i].keytype,
		    ctl_time(c, v[i].created_at, when, sizeof when),
		    v[i].comment);
	free(v);
	return CTL_OK;
}

static int
key_del(struct ctl *c, int argc, char **argv)
{
	int r;

	if (argc != 4)
		return ctl_usage(&ctl_group_sshd.cmds[1],
		    "del NAME FINGERPRINT");
	if ((r = login_key_del(&c->ctx, argv[2], argv[3])) != 0)
		return ctl_err(r, argv[2], r == ERR_NOTFOUND ?
		    "no such key for that user" : NULL);
	return CTL_OK;
}

static int
cmd_user_key(struct ctl *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return key_add(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return key_list(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "del") == 0)
		return key_del(c, argc, argv);
	return ctl_usage(&ctl_group_sshd.cmds[1], "add, list or del");
}

static int
cmd_login_list(struct ctl *c, int argc, char **argv)
{
	struct login_info *v = NULL;
	char started[32], active[32];
	size_t i, n = 0;
	int r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&ctl_group_sshd.cmds[2], "no arguments");
	if ((r = login_list(c->db, &v, &n)) != 0)
		return ctl_err(r, "logins", NULL);
	ctl_header(c, "ID\tUSER\tSOURCE\tMETHOD\tSTARTED\tLAST ACTIVE");
	for (i = 0; i < n; i++)
		printf("%" PRId64 "\t%s\t%s\t%s\t%s\t%s\n", v[i].id,
		    v[i].user, v[i].source, v[i].method,
		    ctl_time(c, v[i].started_at, started, sizeof started),
		    ctl_time(c, v[i].last_active, active, sizeof active));
	free(v);
	return CTL_OK;
}

static int
cmd_login_kill(struct ctl *c, int argc, char **argv)
{
	char *end;
	long long id;
	int r;

	if (argc != 2)
		return ctl_usage(&ctl_group_sshd.cmds[3], "one ID expected");
	errno = 0;
	id = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || errno != 0 || id <= 0)
		return ctl_usage(&ctl_group_sshd.cmds[3], "bad ID '%s'",
		    argv[1]);
	if ((r = login_kill(&c->ctx, (int64_t)id)) != 0)
		return ctl_err(r, argv[1], r == ERR_STATE ?
		    "that login has ended already" : NULL);
	return CTL_OK;
}

static const struct ctl_cmd sshd_cmds[] = {
	{ "hostkey", "[--host-key PATH]",
	    "print the SSH host key's fingerprint (as ssh-keygen -l does)",
	    CTL_NODB, cmd_hostkey },
	{ "user key", "add NAME FILE | list NAME | del NAME FINGERPRINT",
	    "manage the SSH public keys a user may log in with (then the "
	    "code is asked)", CTL_DB, cmd_user_key },
	{ "login list", "", "list the live logins", CTL_DB, cmd_login_list },
	{ "login kill", "ID", "end a live login within two seconds",
	    CTL_DB, cmd_login_kill },
};

const struct ctl_group ctl_group_sshd = { sshd_cmds,
	(int)(sizeof sshd_cmds / sizeof sshd_cmds[0]) };

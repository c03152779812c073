/*
 * ctl_db.c -- cafectl init, migrate, backup, restore and settings.
 */
#include "cli/ctl.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/audit.h"
#include "model/keys.h"
#include "model/money.h"
#include "model/settings.h"

struct init_arg {
	struct mctx	*ctx;
	const char	*name, *currency, *timezone;
};

static int
init_tx(struct db *db, void *argp)
{
	struct init_arg *a = argp;

	(void)db;
	return settings_init(a->ctx, a->name, a->currency, a->timezone);
}

static int
cmd_init(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "currency", required_argument, NULL, 'c' },
		{ "timezone", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct init_arg a;
	struct cafe_info ci;
	char tz[64];
	int ch, r, decimals;

	a.ctx = &c->ctx;
	a.currency = "EUR";
	a.name = "Café";
	settings_system_timezone(tz, sizeof tz);
	a.timezone = tz;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			a.currency = optarg;
			break;
		case 't':
			a.timezone = optarg;
			break;
		case 'n':
			a.name = optarg;
			break;
		default:
			return ctl_usage(&ctl_group_db.cmds[0], "bad option");
		}
	}
	if (optind != argc)
		return ctl_usage(&ctl_group_db.cmds[0], "unexpected argument");
	if (money_currency_decimals(a.currency, &decimals) != 0)
		return ctl_fail("unknown currency '%s' (an ISO 4217 code such "
		    "as EUR, USD, JPY)", a.currency);
	if (!settings_valid_timezone(a.timezone))
		return ctl_fail("unknown time zone '%s' (an IANA name such as "
		    "Europe/Berlin)", a.timezone);
	if (access(c->db_path, F_OK) == 0)
		return ctl_fail("%s exists already; nothing changed",
		    c->db_path);
	if (access(c->key_path, F_OK) == 0)
		return ctl_fail("%s exists already; nothing changed",
		    c->key_path);
	umask(077);
	if ((r = keys_create(c->key_path)) != 0)
		return ctl_err(r, c->key_path, "creating the key");
	if ((r = keys_load(c->key_path, &c->keys)) != 0 ||
	    (r = db_open(c->db_path, DB_OPEN_CREATE, &c->db)) != 0 ||
	    (r = db_migrate_apply(c->db, NULL)) != 0) {
		ctl_err(r, c->db_path, "creating the database");
		goto undo;
	}
	c->ctx.db = c->db;
	c->ctx.keys = c->keys;
	if ((r = db_write(c->db, init_tx, &a)) != 0 ||
	    (r = settings_cafe(c->db, &ci)) != 0) {
		ctl_err(r, c->db_path, "writing the settings");
		goto undo;
	}
	printf("%s\n", ci.id);
	fprintf(stderr, "cafectl: created %s (%s, %s); the key is %s: keep "
	    "a copy apart from backups, without it TOTP secrets and customer "
	    "contact data are lost\n", c->db_path, ci.currency, ci.timezone,
	    c->key_path);
	return CTL_OK;
undo:
	db_close(c->db);
	c->db = NULL;
	unlink(c->db_path);
	{
		char *p;

		xasprintf(&p, "%s-wal", c->db_path);
		unlink(p);
		free(p);
		xasprintf(&p, "%s-shm", c->db_path);
		unlink(p);
		free(p);
		xasprintf(&p, "%s-writer", c->db_path);
		unlink(p);
		free(p);
	}
	unlink(c->key_path);
	return CTL_FAIL;
}

struct note_arg {
	struct mctx	*ctx;
	const char	*action;
	const char	*detail;
};

static int
note_tx(struct db *db, void *argp)
{
	struct note_arg *a = argp;

	(void)db;
	return audit_append(a->ctx, a->action, "database", "", a->detail);
}

/* Audit a database-level event in its own transaction. */
static int
ctl_note(struct ctl *c, const char *action, const char *detail)
{
	struct note_arg a = { &c->ctx, action, detail };

	return db_write(c->db, note_tx, &a);
}

static int
cmd_migrate(struct ctl *c, int argc, char **argv)
{
	char *bak, ts[32], detail[128];
	int from, to, applied, r;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&ctl_group_db.cmds[1], "no arguments");
	if ((r = db_schema_version(c->db, &from)) != 0)
		return ctl_err(r, c->db_path, NULL);
	to = db_migrate_latest();
	if (from == to) {
		printf("up to date (schema %d)\n", to);
		return CTL_OK;
	}
	clock_fmt_utc(ts, sizeof ts, clock_real());
	xasprintf(&bak, "%s.pre-migrate-%d-%s", c->db_path, from, ts);
	if ((r = db_backup(c->db, bak)) != 0) {
		ctl_err(r, bak, "backup before migrating; nothing changed");
		free(bak);
		return CTL_FAIL;
	}
	r = db_migrate_apply(c->db, &applied);
	if (r != 0) {
		ctl_fail("%s: migration failed: %s; applied %d, backup in %s",
		    c->db_path, err_str(r), applied, bak);
		free(bak);
		return CTL_FAIL;
	}
	snprintf(detail, sizeof detail, "from=%d to=%d", from, to);
	if ((r = ctl_note(c, "db.migrate", detail)) != 0)
		ctl_err(r, c->db_path, "auditing the migration");
	printf("migrated from schema %d to %d; backup in %s\n", from, to,
	    bak);
	free(bak);
	return r == 0 ? CTL_OK : CTL_FAIL;
}

static int
cmd_backup(struct ctl *c, int argc, char **argv)
{
	struct audit_head head;
	char hb[128];
	int r;

	if (argc != 2)
		return ctl_usage(&ctl_group_db.cmds[2], "one FILE expected");
	/* The head is read in the same snapshot as far as it matters:
	 * the backup holds at least these rows. */
	if ((r = audit_head(c->db, &head)) != 0)
		return ctl_err(r, c->db_path, NULL);
	if ((r = db_backup(c->db, argv[1])) != 0) {
		if (r == ERR_EXISTS)
			return ctl_fail("%s exists already; nothing written",
			    argv[1]);
		return ctl_err(r, argv[1], "writing the backup");
	}
	printf("backup %s\n", argv[1]);
	printf("audit head %s\n", audit_head_fmt(&head, hb, sizeof hb));
	printf("key not in the backup: %s (keep a copy apart; without it "
	    "TOTP secrets and customer contact data are lost)\n",
	    c->key_path);
	return CTL_OK;
}

static int
cmd_restore(struct ctl *c, int argc, char **argv)
{
	struct audit_verify res;
	struct db *src = NULL;
	char *save, ts[32], detail[256], hb[128];
	int r;

	if (argc != 2)
		return ctl_usage(&ctl_group_db.cmds[3], "one FILE expected");
	if ((r = db_check_file(argv[1])) != 0)
		return ctl_fail("%s: refused: %s", argv[1], err_str(r));
	if ((r = db_open(argv[1], DB_OPEN_READONLY, &src)) != 0)
		return ctl_fail("%s: refused: %s", argv[1], err_str(r));
	r = audit_verify(src, c->keys, NULL, &res, NULL, NULL);
	db_close(src);
	if (r != 0)
		return ctl_fail("%s: refused: the audit chain does not verify "
		    "with this key: %s", argv[1], res.why[0] != '\0' ?
		    res.why : err_str(r));
	clock_fmt_utc(ts, sizeof ts, clock_real());
	xasprintf(&save, "%s.before-restore-%s", c->db_path, ts);
	if ((r = db_backup(c->db, save)) != 0) {
		ctl_err(r, save, "saving the current database; nothing "
		    "changed");
		free(save);
		return CTL_FAIL;
	}
	if ((r = db_restore(c->db, argv[1])) != 0) {
		ctl_err(r, c->db_path, "restoring");
		free(save);
		return CTL_FAIL;
	}
	snprintf(detail, sizeof detail, "from=%s head=%lld:%s", argv[1],
	    (long long)res.rows, res.hash);
	if ((r = ctl_note(c, "db.restore", detail)) != 0)
		ctl_err(r, c->db_path, "auditing the restore");
	printf("restored %s from %s (audit head %lld:%s); the previous "
	    "database is in %s\n", c->db_path, argv[1], (long long)res.rows,
	    res.hash, save);
	(void)hb;
	free(save);
	return r == 0 ? CTL_OK : CTL_FAIL;
}

static int
cmd_settings_list(struct ctl *c, int argc, char **argv)
{
	char value[SETTINGS_VALUE_MAX];
	const char *key, *help;
	int i;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&ctl_group_db.cmds[4], "no arguments");
	ctl_header(c, "KEY\tVALUE\tHELP");
	for (i = 0; (key = settings_key(i, &help)) != NULL; i++) {
		if (settings_get_display(c->db, key, value, sizeof value) != 0)
			continue;
		printf("%s\t%s\t%s\n", key, value, help);
	}
	return CTL_OK;
}

static int
cmd_settings_set(struct ctl *c, int argc, char **argv)
{
	const char *why = NULL;
	int r;

	if (argc != 3)
		return ctl_usage(&ctl_group_db.cmds[5], "KEY VALUE expected");
	if ((r = settings_set(&c->ctx, argv[1], argv[2], &why)) != 0)
		return ctl_err(r, argv[1], why);
	return CTL_OK;
}

static const struct ctl_cmd db_cmds[] = {
	{ "init", "[--currency CODE] [--timezone ZONE] [--name NAME]",
	    "create the database and its key", CTL_NODB, cmd_init },
	{ "migrate", "", "apply pending schema migrations (backup first)",
	    CTL_DB_ANY, cmd_migrate },
	{ "backup", "FILE", "write a consistent copy of the database",
	    CTL_DB, cmd_backup },
	{ "restore", "FILE", "replace the database with a verified backup",
	    CTL_DB, cmd_restore },
	{ "settings list", "", "show the business settings", CTL_DB,
	    cmd_settings_list },
	{ "settings set", "KEY VALUE", "change a business setting",
	    CTL_DB, cmd_settings_set },
};

const struct ctl_group ctl_group_db = { db_cmds,
	(int)(sizeof db_cmds / sizeof db_cmds[0]) };

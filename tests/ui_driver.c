/*
 * ui_driver.c -- run the TUI for one user on this terminal, without
 * SSH or a password, for manual checks of the screens in tmux (against
 * any database, e.g. one with a million audit rows). The e2e tests go
 * through cafed and ssh instead. Not built by the Makefile; build with
 * the flags of `make` and link build/libcafeui.a build/libcafe.a.
 *
 *	ui_driver --db PATH --user NAME [--idle SECS] [--enroll]
 *
 * The key is PATH.key. A login row is kept while the TUI runs, as the
 * SSH server keeps one, so login_check, login_kill and the logins list
 * work; "enroll" follows the account unless --enroll forces it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/keys.h"
#include "model/login.h"
#include "model/user.h"
#include "screens/ui.h"

static void
usage(void)
{
	fprintf(stderr, "usage: ui_driver --db PATH --user NAME "
	    "[--idle SECS] [--enroll]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *dbpath = NULL, *name = NULL;
	struct ui_session sess = { 0 };
	struct user_info u;
	struct mctx ctx = { 0 };
	struct keys *keys;
	char *keypath;
	int64_t id;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			dbpath = argv[++i];
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--idle") == 0 && i + 1 < argc)
			sess.idle_timeout = atoi(argv[++i]);
		else if (strcmp(argv[i], "--enroll") == 0)
			sess.enroll = 1;
		else
			usage();
	}
	if (dbpath == NULL || name == NULL)
		usage();
	xasprintf(&keypath, "%s.key", dbpath);
	if ((r = keys_load(keypath, &keys)) != 0 ||
	    (r = db_open(dbpath, 0, &ctx.db)) != 0 ||
	    (r = user_find(ctx.db, name, &u)) != 0) {
		fprintf(stderr, "ui_driver: %s\n", err_str(r));
		return 1;
	}
	ctx.keys = keys;
	ctx.actor.user_id = u.id;
	ctx.actor.role = u.role;
	str_lcpy(ctx.actor.name, u.name, sizeof(ctx.actor.name));
	str_lcpy(ctx.actor.source, "127.0.0.1", sizeof(ctx.actor.source));
	if ((r = login_start(&ctx, "local", getpid(), &id)) != 0) {
		fprintf(stderr, "ui_driver: login: %s\n", err_str(r));
		return 1;
	}
	ctx.actor.login_id = id;
	sess.ctx = &ctx;
	sess.term = getenv("TERM");
	sess.enroll = sess.enroll || !u.totp_enrolled;
	r = ui_main(&sess);
	login_end(&ctx, id, "logout");
	db_close(ctx.db);
	keys_free(keys);
	free(keypath);
	return r;
}

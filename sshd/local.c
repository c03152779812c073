/*
 * local.c -- the login on the box's own console, then the TUI on it.
 */
#include "sshd/local.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/login.h"
#include "screens/ui.h"
#include "sshd/auth.h"
#include "sshd/config.h"

/* Ask on the terminal; echo off for secrets. NULL at end of input. */
static char *
local_ask(const char *prompt, int echo)
{
	struct termios old, quiet;
	char buf[1024], *nl, *s;
	int ok;

	fputs(prompt, stdout);
	fflush(stdout);
	if (!echo && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, sizeof buf, stdin) != NULL;
	if (!echo) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stdout);
	}
	if (!ok)
		return NULL;
	if ((nl = strpbrk(buf, "\r\n")) != NULL)
		*nl = '\0';
	s = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return s;
}

/* One round: name, password, code (unless enrolling). 1 on success. */
static int
local_round(struct sshd_auth *a)
{
	char *name = NULL, *pw = NULL, *code = NULL;
	int ok = 0;

	if ((name = local_ask("User: ", 1)) == NULL ||
	    (pw = local_ask("Password: ", 0)) == NULL)
		goto out;
	str_trim(name);
	if (sshd_auth_password(a, name, pw)) {
		ok = sshd_auth_succeed(a, "local") == 0;
		goto out;
	}
	if ((code = local_ask("Verification code: ", 0)) == NULL) {
		sshd_auth_fail(a, clock_mono_ms());
		goto out;
	}
	str_trim(code);
	ok = sshd_auth_code(a, code) == 0;
out:
	free(name);
	freezero_str(pw);
	freezero_str(code);
	return ok;
}

static int
local_session(const struct sshd_config *cfg, struct mctx *ctx, int enroll)
{
	struct ui_session s;
	const char *term = getenv("TERM");
	int64_t id;
	int r;

	if ((r = login_start(ctx, "local", getpid(), &id)) != 0) {
		fprintf(stderr, "cafed: %s\n", err_str(r));
		return 1;
	}
	memset(&s, 0, sizeof s);
	s.ctx = ctx;
	s.term = term != NULL && *term != '\0' ? term : "xterm";
	s.enroll = enroll;
	s.idle_timeout = cfg->idle_timeout;
	log_set_fd(-1);	/* stderr is the screen now */
	r = ui_main(&s);
	/* A no-op when the login was killed meanwhile: that reason stays. */
	login_end(ctx, id, "logout");
	return r == 0 ? 0 : 1;
}

int
sshd_local_run(const struct sshd_config *cfg, const struct keys *keys)
{
	struct sshd_auth a;
	struct mctx ctx;
	int i, ok = 0, r;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "cafed: 'cafed tui' needs a terminal\n");
		return 1;
	}
	memset(&ctx, 0, sizeof ctx);
	if ((r = db_open(cfg->db_path, 0, &ctx.db)) != 0) {
		fprintf(stderr, "cafed: %s: %s\n", cfg->db_path, err_str(r));
		return 1;
	}
	ctx.keys = keys;
	str_lcpy(ctx.actor.name, "console", sizeof ctx.actor.name);
	sshd_auth_init(&a, cfg, &ctx, NULL);
	for (i = 0; i < cfg->auth_max_tries && !ok; i++) {
		if ((ok = local_round(&a)) == 0) {
			printf("Permission denied, please try again.\n");
			sshd_auth_reset(&a);
		}
	}
	r = ok ? local_session(cfg, &ctx, !a.u.totp_enrolled) : 1;
	sshd_auth_done(&a);
	db_close(ctx.db);
	return r;
}

/* screens/ui.h -- the entry point of the TUI, run in the UI process. */
#ifndef CAFED_SCREENS_UI_H
#define CAFED_SCREENS_UI_H

struct mctx;

struct ui_session {
	struct mctx	*ctx;		/* db (opened in this process), keys, actor: user id, name, role, login id, source address */
	const char	*term;		/* TERM from the pty request */
	int		 enroll;	/* 1: the user has no TOTP yet: enrollment screen first, nothing else before it */
	int		 idle_timeout;	/* seconds without a key before logout; 0 = never */
};

/* Run the TUI on stdin/stdout (the pty slave after login_tty). Returns 0 on logout, 1 on error. */
int	ui_main(struct ui_session *);

#endif

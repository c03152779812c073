/*
 * conn.h -- the state of one SSH connection in its session process,
 * shared by session.c (the life of the connection), authmsg.c (the
 * login messages), channel.c (the channel requests and the relay) and
 * uiproc.c (the UI process). Internal to sshd/.
 */
#ifndef CAFED_SSHD_CONN_H
#define CAFED_SSHD_CONN_H

#include <sys/ioctl.h>
#include <sys/types.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "model/ctx.h"
#include "sshd/auth.h"

struct sshd_config;

#define SSHD_ENV_MAX	16
#define SSHD_TERM_MAX	64

/* Keyboard-interactive: which prompt is out. */
enum sshd_stage {
	STAGE_NONE,
	STAGE_PASSWORD,		/* "Password:" asked */
	STAGE_CODE		/* "Verification code:" asked */
};

struct sshd_conn {
	const struct sshd_config *cfg;
	struct mctx		 ctx;
	struct sshd_auth	 auth;
	ssh_session		 session;
	ssh_event		 event;
	int			 status_fd;	/* to the listener; -1 */
	struct ssh_server_callbacks_struct	server_cb;
	struct ssh_channel_callbacks_struct	chan_cb;

	/* Authentication. */
	int			 authenticated;
	int			 enroll;
	const char		*method;
	enum sshd_stage		 stage;
	int			 tries;		/* failed rounds */
	int			 key_fails;	/* keys that did not fit */

	/* The channel and its requests. */
	ssh_channel		 channel;
	int			 have_pty;
	char			 term[SSHD_TERM_MAX];
	struct winsize		 ws;
	char			*env[SSHD_ENV_MAX];	/* "NAME=value" */
	int			 nenv;
	int			 want_shell;
	int			 chan_closed;	/* EOF or close from client */

	/* The UI process and the relay. */
	int			 master;	/* pty master, -1 */
	int			 slave;		/* until the fork, -1 */
	pid_t			 ui_pid;
	int			 ui_status;
	int			 master_eof;
	short			 master_events;	/* as registered; 0: none */
	unsigned char		*in;		/* client bytes for the pty */
	size_t			 inlen, incap;
	int64_t			 login_id;
	int64_t			 last_input_ms;
	int64_t			 last_touch_ms;
	int64_t			 last_check_ms;
};

/* authmsg.c: install the login callbacks on c->session. */
void	sshd_authmsg_install(struct sshd_conn *);

/* channel.c: accept session channels with our callbacks installed. */
ssh_channel sshd_channel_open(ssh_session, void *conn);

/* channel.c: move pending client bytes into the pty; keep the event. */
void	sshd_channel_flush(struct sshd_conn *);

/* channel.c: read what the UI wrote and send it to the client. */
void	sshd_channel_drain(struct sshd_conn *, int wait_ms);

/* channel.c: watch the pty master for the events now needed. */
void	sshd_channel_watch(struct sshd_conn *);

/* uiproc.c: open the pty (after pty-req). Returns 0 or -1. */
int	sshd_uiproc_openpty(struct sshd_conn *);

/* uiproc.c: fork the UI process; returns its pid or -1. */
pid_t	sshd_uiproc_start(struct sshd_conn *);

#endif

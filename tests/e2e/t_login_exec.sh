#!/bin/sh
# t_login_exec.sh -- only pty-req and shell: a command (exec), a
# subsystem, a shell without a pty and remote port forwarding are
# refused after login; the user never gets anything but the UI.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
S=$(e2e_secret)
T=$(e2e_secret)
e2e_user lea cashier "$S"
e2e_user max cashier "$T"
e2e_start

# Log in on WIN as USER (secret SECRET, the code at OFFSET s) with
# extra ssh arguments. Each code step logs in once: two logins per user
# take this step's code and the next one's.
attempt() {
	win=$1
	user=$2
	secret=$3
	offset=$4
	shift 4
	e2e_ssh "$win" "$user" "$@"
	e2e_wait "$win" "Password:"
	e2e_type "$win" "$PASSWORD"
	e2e_wait "$win" "Verification code:"
	e2e_type "$win" "$(e2e_code "$secret" "$offset")"
	e2e_wait "$win" "EXIT=" 10
	e2e_screen_has "$win" "EXIT=0" && fail "$win: ssh $* succeeded"
	e2e_screen_has "$win" "Dashboard" && fail "$win: ssh $* got the UI"
	return 0
}

attempt w1 lea "$S" 0 -tt -- touch "$E2E_DIR/pwned"
e2e_screen_has w1 "exec request failed" || fail "no exec refusal"
[ ! -e "$E2E_DIR/pwned" ] || fail "the command ran"
e2e_log_has "conn.refused-exec user=lea" || fail "exec refusal not logged"
ok "ssh host command: exec refused"

attempt w2 lea "$S" 30 -s -- sftp
e2e_screen_has w2 "subsystem request failed" || fail "no subsystem refusal"
ok "ssh -s sftp: subsystem refused"

attempt w3 max "$T" 0 -T
e2e_log_has "conn.refused-shell user=max" || fail "no-pty shell not refused"
ok "ssh -T: a shell without a pty is refused"

attempt w4 max "$T" 30 -N -o ExitOnForwardFailure=yes -R 0:127.0.0.1:9
e2e_screen_has w4 "forwarding failed" || fail "remote forwarding allowed"
ok "ssh -R: remote forwarding refused"

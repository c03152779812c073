#!/bin/sh
# t_login_sigterm.sh -- SIGTERM: the listener stops taking connections,
# live sessions get a word on their screen and are closed, and cafed
# exits cleanly within a few seconds.
. "$(dirname "$0")/lib.sh"

e2e_init
S=$(e2e_secret)
T=$(e2e_secret)
e2e_user jack cashier "$S"
e2e_user kim cashier "$T"
e2e_start

e2e_login w1 jack "$S"
e2e_login w2 kim "$T"
e2e_ssh w3 jack
e2e_wait w3 "Password:"
t0=$(date +%s)
kill -TERM "$E2E_PID"
for w in w1 w2; do
	e2e_wait $w "The server is shutting down." 5
	e2e_wait $w "EXIT=0" 5
done
# The client at the password prompt notices once a key is typed.
e2e_type w3 ""
e2e_wait w3 "EXIT=255" 5
gone() {
	! kill -0 "$E2E_PID" 2>/dev/null
}
e2e_until "cafed to exit" 8 gone
wait "$E2E_PID" || fail "cafed exited with $?"
E2E_PID=
[ $(($(date +%s) - t0)) -le 6 ] || fail "the shutdown took too long"
e2e_log_has "stopped killed=0" || fail "sessions had to be killed"
[ -z "$(e2e_login_id jack)$(e2e_login_id kim)" ] ||
    fail "logins left live"
sq "SELECT count(*) FROM logins WHERE end_reason =
    'shutdown'" | grep -qx 2 || fail "the logins did not end as shutdown"
ok "SIGTERM: both sessions told and closed, cafed exited in time"

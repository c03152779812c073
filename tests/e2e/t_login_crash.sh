#!/bin/sh
# t_login_crash.sh -- a crash in one session affects nobody else: the UI
# process dying says so on that user's screen; a session process dying
# is logged by the listener and its login row ends as lost; the other
# session and new logins carry on.
. "$(dirname "$0")/lib.sh"

e2e_init
S=$(e2e_secret)
T=$(e2e_secret)
U=$(e2e_secret)
e2e_user quinn cashier "$S"
e2e_user rita cashier "$T"
e2e_user sam cashier "$U"
e2e_start

e2e_login w1 quinn "$S"
e2e_login w2 rita "$T"
session_pid() {
	sq "SELECT pid FROM logins WHERE ended_at IS NULL AND
	    user_id = (SELECT id FROM users WHERE name = '$1')"
}
ui=$(pgrep -P "$(session_pid quinn)")
[ -n "$ui" ] || fail "no UI process under quinn's session"
kill -ABRT "$ui"
e2e_wait w1 "The session ended on an error." 5
e2e_wait w1 "EXIT=1" 5
e2e_log_has "ui.crash user=quinn" || fail "the UI crash is not logged"
ok "a crashed UI process: the user is told, the crash logged"

rita=$(session_pid rita)
kill -ABRT "$rita"
e2e_wait w2 "EXIT=" 5
e2e_wait_log "conn.crash addr=127.0.0.1 pid=$rita signal=6" 5
lost() {
	sq "SELECT end_reason FROM logins WHERE pid = $rita" |
	    grep -qx lost
}
e2e_until "rita's login to end as lost" 15 lost
ok "a crashed session process: logged, its login ended as lost"

kill -0 "$E2E_PID" || fail "the listener died"
e2e_login w3 sam "$U"
ok "the listener carries on: a new login works"

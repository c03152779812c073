#!/bin/sh
# t_login_ok.sh -- password and code reach the UI (the top bar shows the
# user name and "Dashboard"); the login is a live row; the client's
# TERM and window size arrive; logging out ends the row.
. "$(dirname "$0")/lib.sh"

e2e_init
S=$(e2e_secret)
e2e_user alice manager "$S"
e2e_start

e2e_login w alice "$S"
e2e_screen_has w alice || fail "the user name is not on the screen"
ok "password and code reach the dashboard"

id=$(e2e_login_id alice)
[ -n "$id" ] || fail "no live login row for alice"
"$CAFECTL" login list | grep -q "127.0.0.1	password" ||
    fail "the login row lacks source or method"
[ "$(e2e_audit_count auth.ok)" = 1 ] || fail "auth.ok not audited"
[ "$(e2e_audit_count login.start)" = 1 ] || fail "login.start not audited"
ok "the login is a live row ($id), audited"

e2e_log_has "login.start user=alice addr=127.0.0.1 login=$id" ||
    fail "no login.start line in the log"
if grep -q "$PASSWORD" "$E2E_LOG"; then
	fail "the password is in the log"
fi
ok "logged with user, address and login id; no password"

# Drop the connection: the row ends (the UI process gets SIGHUP).
e2e_close w
login_ended() {
	[ -z "$(e2e_login_id alice)" ]
}
e2e_until "the login row to end" 10 login_ended
ok "dropping the connection ends the login"

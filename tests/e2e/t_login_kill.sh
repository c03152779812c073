#!/bin/sh
# t_login_kill.sh -- `cafectl login list` shows the live login and
# `cafectl login kill ID` ends it within 2 s with a word on the user's
# screen; the kill is audited; disabling a user ends their login too.
. "$(dirname "$0")/lib.sh"

e2e_init
S=$(e2e_secret)
T=$(e2e_secret)
e2e_user hana cashier "$S"
e2e_user ivan cashier "$T"
e2e_start

e2e_login w1 hana "$S"
id=$(e2e_login_id hana)
[ -n "$id" ] || fail "hana's login is not listed"
"$CAFECTL" login kill "$id" || fail "login kill $id"
e2e_wait w1 "Your session has been ended." 2
e2e_wait w1 "EXIT=" 5
[ "$(e2e_audit_count login.kill)" = 1 ] || fail "the kill is not audited"
[ -z "$(e2e_login_id hana)" ] || fail "the killed login is still listed"
"$CAFECTL" login kill "$id" 2>/dev/null && fail "a second kill succeeded"
ok "login kill ends the session within 2 s, audited"

e2e_login w2 ivan "$T"
"$CAFECTL" user disable ivan || fail "user disable"
e2e_wait w2 "Your account has been disabled." 5
e2e_wait w2 "EXIT=" 5
ok "disabling ivan ends his login"

e2e_ssh w3 ivan
e2e_wait w3 "Password:"
e2e_type w3 "$PASSWORD"
e2e_wait w3 "Verification code:"
e2e_type w3 "$(e2e_code "$T" 30)"
e2e_wait_n w3 "Password:" 2
e2e_screen_has w3 "Dashboard" && fail "a disabled user logged in"
sq "SELECT detail FROM audit WHERE action = 'auth.fail'" |
    grep -q "reason=account disabled" || fail "not audited as disabled"
ok "a disabled user is refused, with the same answer"

#!/bin/sh
# t_login_admin_allow.sh -- admin_allow restricts administrators to
# some source networks (others are refused with the same answer, and
# audited); other roles log in from anywhere.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
e2e_conf "admin_allow = 127.0.0.2/32, ::1/128"
S=$(e2e_secret)
T=$(e2e_secret)
e2e_user root1 admin "$S"
e2e_user pia manager "$T"
e2e_start

e2e_ssh w1 root1
e2e_wait w1 "Password:"
e2e_type w1 "$PASSWORD"
e2e_wait w1 "Verification code:"
e2e_type w1 "$(e2e_code "$S")"
e2e_wait_n w1 "Password:" 2
e2e_screen_has w1 "Dashboard" && fail "an admin logged in from 127.0.0.1"
sq "SELECT detail FROM audit WHERE action = 'auth.fail'" |
    grep -q "reason=address not allowed" || fail "refusal not audited"
ok "the admin is refused from 127.0.0.1"

e2e_ssh w2 root1 -b 127.0.0.2
e2e_wait w2 "Password:"
e2e_type w2 "$PASSWORD"
e2e_wait w2 "Verification code:"
e2e_type w2 "$(e2e_code "$S" 30)"
e2e_wait w2 "Dashboard"
ok "the admin logs in from 127.0.0.2"

e2e_login w3 pia "$T"
ok "a manager logs in from 127.0.0.1"

#!/bin/sh
# t_login_recovery.sh -- a recovery code stands in for the TOTP code at
# the "Verification code:" prompt, once.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
S=$(e2e_secret)
e2e_user erin cashier "$S"
rc=$("$CAFECTL" user recovery-codes erin | head -n 1)
[ -n "$rc" ] || fail "no recovery code printed"
e2e_start

e2e_ssh w1 erin
e2e_wait w1 "Password:"
e2e_type w1 "$PASSWORD"
e2e_wait w1 "Verification code:"
e2e_type w1 "$rc"
e2e_wait w1 "Dashboard"
sq "SELECT detail FROM audit WHERE action = 'auth.ok'" |
    grep -q "method=recovery-code" || fail "not audited as a recovery code"
ok "a recovery code logs in"

e2e_ssh w2 erin
e2e_wait w2 "Password:"
e2e_type w2 "$PASSWORD"
e2e_wait w2 "Verification code:"
e2e_type w2 "$rc"
e2e_wait_n w2 "Password:" 2
e2e_screen_has w2 "Dashboard" && fail "a used recovery code logged in"
ok "the same recovery code is refused the second time"

#!/bin/sh
# t_login_replay.sh -- a TOTP code is accepted once: the same code again
# is refused, and so is the previous step's; the next step's code (one
# step of drift) is accepted.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
S=$(e2e_secret)
e2e_user dana cashier "$S"
e2e_start

# Stay clear of a step boundary, so "now" is one step for the test.
while [ $(($(date +%s) % 30)) -gt 20 ]; do
	sleep 1
done
now=$(date +%s)
code=$(oathtool --totp -b -N "@$now" "$S")
prev=$(oathtool --totp -b -N "@$((now - 30))" "$S")
next=$(oathtool --totp -b -N "@$((now + 30))" "$S")

e2e_ssh w1 dana
e2e_wait w1 "Password:"
e2e_type w1 "$PASSWORD"
e2e_wait w1 "Verification code:"
e2e_type w1 "$code"
e2e_wait w1 "Dashboard"
ok "the code logs in once"

e2e_ssh w2 dana
e2e_wait w2 "Password:"
e2e_type w2 "$PASSWORD"
e2e_wait w2 "Verification code:"
e2e_type w2 "$code"
e2e_wait_n w2 "Password:" 2
e2e_screen_has w2 "Dashboard" && fail "a replayed code logged in"
sq "SELECT detail FROM audit WHERE action = 'auth.fail'" |
    grep -q "reason=code replayed" || fail "replay not audited as such"
ok "the same code again is refused"

e2e_type w2 "$PASSWORD"
e2e_wait_n w2 "Verification code:" 2
e2e_type w2 "$prev"
e2e_wait_n w2 "Password:" 3
e2e_screen_has w2 "Dashboard" && fail "an older code logged in"
ok "the previous step's code is refused too"

e2e_type w2 "$PASSWORD"
e2e_wait_n w2 "Verification code:" 3
e2e_type w2 "$next"
e2e_wait w2 "Dashboard"
ok "the next step's code is accepted (drift)"

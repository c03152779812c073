#!/bin/sh
# t_login_lockout.sh -- failures lock the account from that address
# only (same prompts, same answer while locked, even with the right
# password and code); from another address it still logs in; the lock
# runs out, and locks and unlocks are audited.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
e2e_conf "lockout_failures = 2"
e2e_conf "lockout_time = 4s"
e2e_conf "slowdown_after = 100"
S=$(e2e_secret)
e2e_user fay manager "$S"
e2e_start

e2e_ssh w1 fay
for n in 1 2; do
	e2e_wait_n w1 "Password:" $n
	e2e_type w1 "wrong-$PASSWORD"
	e2e_wait_n w1 "Verification code:" $n
	e2e_type w1 "123456"
done
e2e_wait_n w1 "Password:" 3
[ "$(e2e_audit_count auth.lock)" = 1 ] || fail "the lock is not audited"
ok "two failures lock fay from 127.0.0.1"

e2e_type w1 "$PASSWORD"
e2e_wait_n w1 "Verification code:" 3
e2e_type w1 "$(e2e_code "$S")"
e2e_wait w1 "Permission denied"
e2e_screen_has w1 "Dashboard" && fail "a locked pair logged in"
sq "SELECT detail FROM audit WHERE action = 'auth.fail'" |
    grep -q "reason=locked" || fail "the locked attempt is not audited"
ok "locked: the right password and code are refused the same way"

e2e_ssh w2 fay -b 127.0.0.2
e2e_wait w2 "Password:"
e2e_type w2 "$PASSWORD"
e2e_wait w2 "Verification code:"
e2e_type w2 "$(e2e_code "$S")"
e2e_wait w2 "Dashboard"
ok "from 127.0.0.2 fay still logs in"

unlocked() {
	[ "$(e2e_audit_count auth.unlock)" -ge 1 ]
}
e2e_until "the unlock audit row" 20 unlocked
e2e_ssh w3 fay
e2e_wait w3 "Password:"
e2e_type w3 "$PASSWORD"
e2e_wait w3 "Verification code:"
e2e_type w3 "$(e2e_code "$S" 30)"
e2e_wait w3 "Dashboard"
ok "after the lock ran out fay logs in from 127.0.0.1 (unlock audited)"

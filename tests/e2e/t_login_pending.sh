#!/bin/sh
# t_login_pending.sh -- beyond max_startups connections in login, the
# next ones wait their turn (accepted, not answered); beyond max_pending
# they are closed before any key exchange; a waiting one gets its turn
# when a slot frees.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "max_startups = 1"
e2e_conf "max_pending = 2"
e2e_conf "max_pending_per_source = 2"
S=$(e2e_secret)
e2e_user gus cashier "$S"
e2e_start

e2e_ssh w1 gus
e2e_wait w1 "Password:"
ok "the first connection is in login"

# One after the other, so that w2 is first in the queue (two ssh
# clients started together may reach cafed in either order).
waiting() {
	[ "$(grep -c "conn.wait" "$E2E_LOG")" -ge "$1" ]
}
e2e_ssh w2 gus
e2e_until "w2 waiting" 20 waiting 1
e2e_ssh w3 gus
e2e_until "two waiting connections" 20 waiting 2
for w in w2 w3; do
	e2e_screen_has $w "Password:" && fail "$w did not wait its turn"
done
ok "the next two wait their turn"

e2e_ssh w4 gus
e2e_wait w4 "EXIT=255"
e2e_screen_has w4 "Password:" && fail "w4 was let in"
e2e_log_has "conn.refused addr=127.0.0.1 reason=\"too many waiting\"" ||
    fail "the refusal is not logged"
ok "the fourth is closed before key exchange"

e2e_type w1 "$PASSWORD"
e2e_wait w1 "Verification code:"
e2e_type w1 "$(e2e_code "$S")"
e2e_wait w1 "Dashboard"
e2e_wait w2 "Password:"
ok "a login done, the next waiting connection gets its turn"
e2e_screen_has w3 "Password:" && fail "w3 did not keep waiting"
e2e_close w2
e2e_wait w3 "Password:"
ok "and the next one when that one leaves"

#!/bin/sh
# t_ui_idle.sh -- idle logout: with idle_timeout = 3 s the UI says
# "Logged out after 3 seconds idle." (still readable after the screen
# is gone), the login row ends with reason "idle"; keys keep it alive.
. "$(dirname "$0")/lib.sh"

audits() { sq "SELECT count(*) FROM audit WHERE action = '$1'"; }

e2e_init
S=$(e2e_secret)
e2e_user pia cashier "$S"
e2e_conf "idle_timeout = 3"
e2e_start

e2e_login w pia "$S"
# Keys keep the session alive past the timeout.
for i in 1 2 3 4 5; do
	sleep 1
	tm send-keys -t w C-l
done
e2e_screen w | grep -q "EXIT=" && fail "logged out although typing"
ok "typing keeps the session"

e2e_wait w "Logged out after 3 seconds idle." 10
e2e_wait w "EXIT=" 5
e2e_screen w | grep -q "Logged out after 3 seconds idle." ||
    fail "the reason is gone from the terminal"
reason=$(sq "SELECT end_reason FROM logins WHERE user_id =
    (SELECT id FROM users WHERE name = 'pia')")
[ "$reason" = idle ] || fail "login ended with reason '$reason'"
ok "idle logout with a message; the login row says idle"

#!/bin/sh
# t_ui_live.sh -- one terminal's change is seen on the others within a
# second (PRAGMA data_version polling): a setting changed with cafectl
# reaches the top bar; a manager disabling an account in the TUI shows
# on the admin's users screen and ends that account's login; the admin
# ends the manager's login from the live-logins dialog.
. "$(dirname "$0")/lib.sh"

audits() { sq "SELECT count(*) FROM audit WHERE action = '$1'"; }
now_ms() { date +%s%3N; }
# Wait up to 3 s for TEXT on WIN; print the milliseconds it took.
seen_within() {
	t0=$1
	e2e_wait "$2" "$3" 3
	echo "$(( $(now_ms) - t0 )) ms"
}

e2e_init
A=$(e2e_secret)
M=$(e2e_secret)
C=$(e2e_secret)
e2e_user ada admin "$A"
e2e_user mia manager "$M"
e2e_user cid cashier "$C"
e2e_start

e2e_login a ada "$A"
e2e_login m mia "$M"
e2e_login c cid "$C"
e2e_wait a "cid  " 5
ok "the dashboard lists every live login"

t0=$(now_ms)
"$CAFECTL" settings set cafe.name "Night Owl" >/dev/null || fail "set name"
ok "cafectl rename seen on the top bar in $(seen_within "$t0" a "Night Owl")"

e2e_goto a Users "accounts,"
e2e_goto m Users "accounts,"
tm send-keys -t m /
tm send-keys -t m -l cid
tm send-keys -t m Enter d
e2e_wait m "Disable cid?" 5
t0=$(now_ms)
tm send-keys -t m y
e2e_wait m "cid is disabled." 5
e2e_until "cid disabled on ada's screen" 3 sh -c "tmux -L $E2E_SOCK \
    capture-pane -p -t a | grep -q 'cid .*disabled'"
ok "a disable in one TUI seen in another in $(( $(now_ms) - t0 )) ms"
e2e_wait c "Your account has been disabled." 5
ok "the disabled account's login ends"

tm send-keys -t a l
e2e_wait a "Live logins" 5
tm send-keys -t a /
tm send-keys -t a -l mia
tm send-keys -t a Enter e
e2e_wait a "End the login of mia" 5
t0=$(now_ms)
tm send-keys -t a y
e2e_wait a "The login of mia is ended." 5
e2e_wait m "Your session has been ended." 3
ok "ending mia's login from the dialog ends it in $(( $(now_ms) - t0 )) ms"
[ "$(audits login.kill)" = 1 ] || fail "the kill is not audited"
e2e_until "mia gone from the list" 3 sh -c "! tmux -L $E2E_SOCK \
    capture-pane -p -t a | grep -q 'mia  '"
tm send-keys -t a Escape
e2e_wait a "accounts," 5
ok "the live list follows; the kill is audited"

#!/bin/sh
# t_ui_perm.sh -- what a role may not use is not offered: a cashier has
# no Users or Audit tab (the number keys do not reach them); a manager
# who tries to disable the admin is refused by the model: the status
# line says so, nothing changes, and the denial is audited.
. "$(dirname "$0")/lib.sh"

audits() { sq "SELECT count(*) FROM audit WHERE action = '$1'"; }

e2e_init
A=$(e2e_secret)
M=$(e2e_secret)
C=$(e2e_secret)
e2e_user ada admin "$A"
e2e_user mia manager "$M"
e2e_user cid cashier "$C"
e2e_start

e2e_login c cid "$C"
tabs=$(e2e_screen c | sed -n 2p)
echo "$tabs" | grep -q "Users" && fail "a cashier is offered Users: $tabs"
echo "$tabs" | grep -q "Audit" && fail "a cashier is offered Audit: $tabs"
e2e_screen c | grep -q "Recent activity" && fail "cashier sees the audit"
n=$(e2e_screen c | sed -n 2p | grep -o "[0-9] [A-Z]" | wc -l)
[ "$n" -lt 8 ] || fail "a cashier has $n tabs"
tm send-keys -t c $((n + 1)) $((n + 2)) a
sleep 0.5
e2e_screen c | grep -q "accounts," && fail "a number key reached Users"
e2e_screen c | sed -n 2p | grep -q "1 Dashboard" || fail "left the dashboard"
ok "a cashier is offered neither Users nor Audit"

e2e_login m mia "$M"
users=$(e2e_tab m Users)
e2e_goto m Users "accounts,"
tm send-keys -t m /
tm send-keys -t m -l ada
tm send-keys -t m Enter d
e2e_wait m "Disable ada?" 5
tm send-keys -t m y
e2e_wait m "Error: permission denied" 5
"$CAFECTL" user list | grep -q "$(printf 'ada\tadmin\tenabled')" ||
    fail "ada was disabled"
sq "SELECT actor, detail FROM audit WHERE action = 'denied'" |
    grep -q "^mia|attempt=user.disable" || fail "the denial is not audited"
ok "a manager may not disable the admin: refused, unchanged, audited"

tm send-keys -t m r
e2e_wait m "Role of ada" 5
e2e_screen m | grep -q "│ admin" && fail "a manager is offered the admin role"
tm send-keys -t m Escape
# The dialog is gone (the status line then stays until the next key).
e2e_gone m "Role of ada" 5
ok "a manager is offered only the roles they may grant"

# A new role takes effect at once: mia, on the users screen, is made a
# cashier with cafectl; her tabs and screen follow, and the model uses
# the new role too.
e2e_wait m "accounts," 5
"$CAFECTL" user role mia cashier >/dev/null || fail "role change"
e2e_wait m "Your role is now cashier." 5
e2e_screen m | sed -n 2p | grep -q "Users" && fail "Users still offered"
e2e_wait m "mia (cashier)" 2
tm send-keys -t m "$users"
sleep 0.5
e2e_screen m | grep -q "accounts," && fail "a number key reached Users"
ok "a role change takes effect at once"

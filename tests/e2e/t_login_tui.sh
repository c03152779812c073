#!/bin/sh
# t_login_tui.sh -- `cafed tui`: the same login on the local terminal
# (user name, password, code; a wrong one refused and audited), then the
# UI on that terminal, as a live login from "local".
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
S=$(e2e_secret)
e2e_user tess manager "$S"

tmux -L "$E2E_SOCK" new-session -d -s w -x 80 -y 24 \
    "$CAFED --config $E2E_CONF tui; echo EXIT=\$?; sleep 600"
e2e_wait w "User:"
e2e_type w tess
e2e_wait w "Password:"
e2e_type w "$PASSWORD"
e2e_wait w "Verification code:"
e2e_type w 000000
e2e_wait w "Permission denied, please try again."
[ "$(e2e_audit_count auth.fail)" = 1 ] || fail "the failure is not audited"
ok "a wrong code is refused"

e2e_wait_n w "User:" 2
e2e_type w tess
e2e_wait_n w "Password:" 2
e2e_type w "$PASSWORD"
e2e_wait_n w "Verification code:" 2
e2e_type w "$(e2e_code "$S")"
e2e_wait w "Dashboard"
e2e_screen_has w tess || fail "the user name is not on the screen"
"$CAFECTL" login list | grep -q "tess	local	local" ||
    fail "no local login row: $("$CAFECTL" login list)"
ok "cafed tui: logged in on the terminal, a live login from local"

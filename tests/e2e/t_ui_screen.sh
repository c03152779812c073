#!/bin/sh
# t_ui_screen.sh -- the TUI through ssh at 80x24: the dashboard with the
# top bar (café, user, role, clock), the tabs a manager may use, the
# help overlay; resizing repaints at the new size; below 80x24 a clear
# "terminal too small" until resized back; q asks before logging out.
. "$(dirname "$0")/lib.sh"


e2e_init
"$CAFECTL" settings set cafe.name "Pixel Den" >/dev/null || fail "name"
S=$(e2e_secret)
e2e_user alice manager "$S"
e2e_start

e2e_login w alice "$S"
top=$(e2e_screen w | sed -n 1p)
echo "$top" | grep -q "Pixel Den . alice (manager)" || fail "top bar: $top"
echo "$top" | grep -Eq '[0-2][0-9]:[0-5][0-9] *$' || fail "no clock: $top"
# Nine tabs do not fit 80 columns: all stay, the other titles cut short.
tabs="1 Dashboard.*2 Stat.*3 Wall.*4 Shop.*5 Inve.*6 Shift.*7 Repo"
e2e_screen w | sed -n 2p | grep -q "$tabs.*8 Users.*9 Audit *$" ||
    fail "tabs of a manager: $(e2e_screen w | sed -n 2p)"
e2e_screen w | grep -q "Logged in" || fail "no logged-in section"
e2e_screen w | grep -q "alice  *127.0.0.1" || fail "alice not listed"
ok "login reaches the dashboard: top bar, tabs, who is logged in"

tm send-keys -t w F1
e2e_wait w "Show this help" 5
tm send-keys -t w Escape
e2e_until "help to close" 5 sh -c "! tmux -L $E2E_SOCK capture-pane -p \
    -t w | grep -q 'Show this help'"
ok "F1 shows the help, Esc closes it"

tm resize-window -t w -x 100 -y 30
e2e_until "the top bar to span 100 columns" 5 sh -c "tmux -L $E2E_SOCK \
    capture-pane -p -t w | sed -n 1p | grep -Eq '^.{90,}[0-9]:[0-9]{2} *$'"
e2e_until "the key bar on row 30" 5 sh -c "tmux -L $E2E_SOCK \
    capture-pane -p -t w | sed -n 30p | grep -q 'F1 Help'"
ok "resize to 100x30 repaints at the new size"

tm resize-window -t w -x 60 -y 20
e2e_wait w "Terminal too small: need 80x24, have 60x20." 5
tm resize-window -t w -x 80 -y 24
e2e_wait w "Dashboard" 5
e2e_screen w | grep -q "too small" && fail "too-small message stays"
ok "below 80x24 a clear message, gone after resizing back"

e2e_goto w Users
e2e_wait w "accounts," 5
tm send-keys -t w q
e2e_wait w "Log out now?" 5
tm send-keys -t w n
e2e_until "the question to close" 5 sh -c "! tmux -L $E2E_SOCK \
    capture-pane -p -t w | grep -q 'Log out now'"
tm send-keys -t w q
e2e_wait w "Log out now?" 5
tm send-keys -t w y
e2e_wait w "EXIT=0" 5
ok "q asks first (No keeps the session), then logs out"

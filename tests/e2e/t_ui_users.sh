#!/bin/sh
# t_ui_users.sh -- the users screen of an admin: adding an account with
# the password policy's reason shown inline and nothing written until it
# passes; changing a role; resetting two-factor login (asks first, No by
# default); new recovery codes shown once; the registered keys; a new
# password; the Enter menu of actions.
. "$(dirname "$0")/lib.sh"

users() { "$CAFECTL" user list; }
# Select the row holding TEXT with the table's search.
pick() {
	tm send-keys -t w /
	tm send-keys -t w -l "$1"
	tm send-keys -t w Enter
}

e2e_init
A=$(e2e_secret)
M=$(e2e_secret)
e2e_user ada admin "$A"
e2e_user mia manager "$M"
e2e_start

e2e_login w ada "$A"
e2e_goto w Users
e2e_wait w "2 accounts, 0 disabled" 5

tm send-keys -t w a
e2e_wait w "Role of the new account" 5
e2e_screen w | grep -q "│ admin" || fail "an admin may grant admin"
tm send-keys -t w Enter
e2e_wait w "New account" 5
tm send-keys -t w -l "Zed"
tm send-keys -t w Tab
tm send-keys -t w -l "short"
tm send-keys -t w Tab
tm send-keys -t w -l "short"
tm send-keys -t w Enter
e2e_wait w "The password must be at least 12 characters long." 5
users | grep -q zed && fail "zed was created with a short password"
tm send-keys -t w C-u
tm send-keys -t w -l "$PASSWORD"
tm send-keys -t w Tab C-u
tm send-keys -t w -l "Other-Horse-Battery-42"
tm send-keys -t w Enter
e2e_wait w "The two passwords differ." 5
tm send-keys -t w C-u
tm send-keys -t w -l "$PASSWORD"
tm send-keys -t w Enter
e2e_wait w "Added zed as cashier" 5
e2e_wait w "3 accounts, 0 disabled" 5
users | grep -q "$(printf 'zed\tcashier\tenabled\tpending')" ||
    fail "zed not stored: $(users)"
ok "add: the policy's reason inline, nothing written until it passes"

pick zed
tm send-keys -t w r
e2e_wait w "Role of zed" 5
tm send-keys -t w Down Enter
e2e_wait w "zed is now auditor." 5
users | grep -q "$(printf 'zed\tauditor')" || fail "role not changed"
ok "change role"

pick mia
tm send-keys -t w t
e2e_wait w "Reset the two-factor login of mia?" 5
tm send-keys -t w Enter
e2e_until "the question to close" 5 sh -c "! tmux -L $E2E_SOCK \
    capture-pane -p -t w | grep -q 'Reset the two'"
users | grep -q "$(printf 'mia\tmanager\tenabled\tenrolled')" ||
    fail "Enter (No) reset mia's TOTP"
tm send-keys -t w t
e2e_wait w "Reset the two-factor login of mia?" 5
tm send-keys -t w y
e2e_wait w "Two-factor login of mia is reset." 5
users | grep -q "$(printf 'mia\tmanager\tenabled\tpending')" ||
    fail "mia's TOTP not reset"
ok "reset two-factor login asks first, No by default"

pick ada
tm send-keys -t w K
e2e_wait w "SSH keys of ada" 5
e2e_wait w "cafectl user key add ada FILE.pub" 2
tm send-keys -t w q
pick zed
tm send-keys -t w p
e2e_wait w "New password for zed" 5
tm send-keys -t w -l "Fresh-Kettle-Window-93"
tm send-keys -t w Tab
tm send-keys -t w -l "Fresh-Kettle-Window-93"
tm send-keys -t w Enter
e2e_wait w "The password of zed is changed." 5
[ "$(sq "SELECT count(*) FROM audit WHERE action LIKE 'user.pass%'")" -ge 1 ] ||
    fail "the new password is not audited"
ok "registered keys say how to add one; a new password"

pick ada
tm send-keys -t w c
e2e_wait w "Make new recovery codes for ada?" 5
tm send-keys -t w y
e2e_wait w "they will not be shown again" 5
n=$(e2e_screen w | grep -oE '[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}' | wc -l)
[ "$n" = 10 ] || fail "$n recovery codes shown, want 10"
tm send-keys -t w Enter
e2e_until "the codes to go" 5 sh -c "! tmux -L $E2E_SOCK capture-pane -p \
    -t w | grep -q 'not be shown again'"
users | grep -q "$(printf 'ada\tadmin\tenabled\tenrolled\t10')" ||
    fail "ada has no 10 fresh codes: $(users)"
ok "new recovery codes, shown once"

tm send-keys -t w Enter
e2e_wait w "Actions" 5
e2e_screen w | grep -q "Add an account" || fail "no Add in the menu"
tm send-keys -t w Escape
ok "Enter offers the actions"

#!/bin/sh
# t_ui_wallet.sh -- the cash desk through ssh: a top-up on the cashier's
# terminal shows on the manager's within a second; a refund waits for
# approval and is approved from the manager's terminal, then one is
# approved on the cashier's terminal with the manager's password and
# code; the blind close shows expected, counted and variance, then the
# Z-report.
. "$(dirname "$0")/lib.sh"

now_ms() { date +%s%3N; }
# fill WIN FIELD...: type each field, Tab between, Enter at the end
fill() {
	win=$1
	shift
	while [ $# -gt 1 ]; do
		tm send-keys -t "$win" -l "$1"
		tm send-keys -t "$win" Tab
		shift
	done
	tm send-keys -t "$win" -l "$1"
	tm send-keys -t "$win" Enter
}
balance_is() {
	[ "$("$CAFECTL" wallet balance M-1)" = "$1" ]
}

e2e_init
C=$(e2e_secret)
M=$(e2e_secret)
e2e_user cora cashier "$C"
e2e_user mia manager "$M"
"$CAFECTL" customer add "Ann Lee" --card M-1 >/dev/null || fail "customer"
"$CAFECTL" customer add "Bob Stone" --card M-2 >/dev/null || fail "customer"
"$CAFECTL" shift open --user cora --float 100 >/dev/null || fail "shift"
e2e_start

e2e_login c cora "$C"
e2e_login m mia "$M"
e2e_wait c "Your shift 1 is open." 5
e2e_wait m "Shift 1 of cora since" 5
e2e_wait m "expected cash 100.00 EUR" 5
ok "the dashboard: the cashier's shift, the manager sees its expected cash"

# Both on the wallets screen; the manager opens Ann's wallet.
e2e_goto c Wallets
e2e_wait c "2 customers shown" 5
e2e_goto m Wallets
e2e_wait m "2 customers shown" 5
tm send-keys -t m Enter
e2e_wait m "Balance 0.00 EUR" 5

# Top up on the cashier's terminal.
tm send-keys -t c t
e2e_wait c "Cash, into my drawer" 5
tm send-keys -t c Enter
e2e_wait c "Amount (EUR)" 5
fill c 25
e2e_wait c "by 25.00 EUR, paid in cash into your drawer" 5
e2e_wait c "Balance after: 25.00 EUR." 5
t0=$(now_ms)
tm send-keys -t c y
e2e_wait c "Done: Ann Lee now holds 25.00 EUR." 5
e2e_wait m "Balance 25.00 EUR" 3
ok "a top-up on one terminal seen on another in $(( $(now_ms) - t0 )) ms"
balance_is 25.00 || fail "balance after the top-up"

# A refund waits; the manager approves from their own terminal.
tm send-keys -t c r
e2e_wait c "Refund: Ann Lee" 5
fill c 5 "unused time"
e2e_wait c "A manager may have to approve it." 5
tm send-keys -t c y
e2e_wait c "needs the approval of a manager (request 1)" 5
t0=$(now_ms)
e2e_wait m "1 approval waiting" 3
ok "the request reaches the manager's top bar in $(( $(now_ms) - t0 )) ms"
balance_is 25.00 || fail "a waiting refund paid out"
tm send-keys -t m p
e2e_wait m "unused time" 5
tm send-keys -t m a
e2e_wait m "Approve request 1 of cora?" 5
tm send-keys -t m y
e2e_wait m "Request 1 approved and done." 5
e2e_wait c "Approved by mia and done." 3
balance_is 20.00 || fail "balance after the approved refund"
tm send-keys -t m Escape
ok "approved from the manager's terminal; the cashier's dialog closes"

# A refund approved on the cashier's terminal by the manager.
tm send-keys -t c r
e2e_wait c "Refund: Ann Lee" 5
fill c 3 "wrong seat"
e2e_wait c "Pay 3.00 EUR in cash" 5
tm send-keys -t c y
e2e_wait c "(request 2)" 5
tm send-keys -t c a
e2e_wait c "Manager approval" 5
fill c mia "$PASSWORD" "$(e2e_code "$M" 30)"
e2e_wait c "Approved by mia and done." 10
balance_is 17.00 || fail "balance after the second refund"
[ "$(e2e_audit_count approval.approve)" = 2 ] || fail "approvals audited"
sq "SELECT detail FROM audit WHERE action = 'approval.approve'
    ORDER BY id DESC LIMIT 1" | grep -q 'requested_by=cora approved_by=mia' ||
    fail "the audit row names both people"
ok "approved on the same terminal with the manager's password and code"

# A bad password is refused and nothing is paid.
tm send-keys -t c r
e2e_wait c "Refund: Ann Lee" 5
fill c 1 "test"
e2e_wait c "Pay 1.00 EUR in cash" 5
tm send-keys -t c y
e2e_wait c "(request 3)" 5
tm send-keys -t c a
e2e_wait c "Manager approval" 5
fill c mia "not-the-password" 123456
e2e_wait c "authentication failed" 10
tm send-keys -t c Escape
e2e_wait c "Withdraw the request?" 5
tm send-keys -t c y
e2e_wait c "was cancelled by cora" 5
balance_is 17.00 || fail "a withdrawn refund paid out"
ok "a wrong password approves nothing; the request is withdrawn"

# The blind close: the count first, then expected, counted, variance.
e2e_goto c Shift
e2e_wait c "Your shift 1 is open since" 5
e2e_screen_has c "117.00" && fail "the cashier sees the expected cash"
tm send-keys -t c c
e2e_wait c "Count by notes and coins" 5
tm send-keys -t c Enter
e2e_wait c "Amount (EUR)" 5
fill c 116.50
e2e_wait c "Close your shift with 116.50 EUR counted" 5
tm send-keys -t c y
e2e_wait c "Expected  117.00 EUR" 5
e2e_wait c "Variance  -0.50 EUR" 5
tm send-keys -t c Enter
e2e_wait c "Z-report of shift 1" 5
e2e_wait c "wallet refunds (cash)" 5
ok "blind close, then the Z-report"
"$CAFECTL" ledger verify | grep -q '^ok ' || fail "ledger verify"

#!/bin/sh
# t_cli_cash.sh -- the cash desk's cafectl contract: customers, shifts,
# wallets, the two-person rule, ledger verify and the Z-report; exact
# output, exit codes, one-line errors that change nothing.
set -u
# sqlite3 waits for a writer instead of failing with "locked".
sql() { sqlite3 -cmd ".timeout 10000" "$@"; }
CAFECTL=${CAFECTL:-build/cafectl}
case $CAFECTL in /*) ;; *) CAFECTL=$PWD/$CAFECTL ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/cafed-cash.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1
fails=0
PW='Tall-Lamp-Orbit-Window-71'

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect CODE CMD...: run, compare the exit code; output in $T/out, $T/err
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$want" ] ||
	    fail "exit $got, want $want: $* ($(cat "$T/err"))"
}
one_err_line() {
	[ "$(wc -l <"$T/err")" = 1 ] && grep -q '^cafectl: ' "$T/err" ||
	    fail "$1: not one 'cafectl: ' line: $(cat "$T/err")"
}
out_is() {
	[ "$(cat "$T/out")" = "$1" ] ||
	    fail "$2: got '$(cat "$T/out")', want '$1'"
}
ctl() { "$CAFECTL" --db "$T/cafe.db" "$@"; }
balance() { ctl wallet balance "$1"; }

expect 0 ctl init --currency EUR --timezone UTC --name "Pixel Den"
echo "$PW" | ctl user add alice --role cashier --password-stdin >/dev/null
echo "$PW" | ctl user add otto --role auditor --password-stdin >/dev/null

# customers
expect 0 ctl customer add "Ann Lee" --phone "+49 170 1234567" \
    --email Ann@Example.com --card M-0001
out_is 1 "customer add prints the id"
expect 0 ctl customer add Bob --card M-0002
out_is 2 "second id"
expect 0 ctl customer add Carla
expect 1 ctl customer add Dora --card M-0001
one_err_line "duplicate card"
expect 1 ctl customer add Eve --phone "call me"
one_err_line "bad phone"
expect 1 ctl customer add ""
one_err_line "empty name"
expect 2 ctl customer add
expect 0 ctl customer list
[ "$(wc -l <"$T/out")" = 3 ] || fail "customer list: three lines, no header"
grep -q "$(printf '^1\tAnn Lee\tM-0001\tenabled\t0.00$')" "$T/out" ||
    fail "customer list fields: $(cat "$T/out")"
expect 0 ctl customer list --search ann
out_is "$(printf '1\tAnn Lee\tM-0001\tenabled\t0.00')" "search by name"
expect 0 ctl customer list --search "0170 123 45 67"
out_is "" "phone search needs the same number"
expect 0 ctl customer list --search "+49-170-1234567"
grep -q '^1	' "$T/out" || fail "search by phone"
expect 0 ctl customer list --search ANN@example.com
grep -q '^1	' "$T/out" || fail "search by e-mail"
expect 0 ctl customer list --search M-0002
grep -q '^2	Bob' "$T/out" || fail "search by card"
expect 0 ctl customer show M-0001
grep -q "$(printf '^phone\t+491701234567$')" "$T/out" || fail "show phone"
grep -q "$(printf '^email\tann@example.com$')" "$T/out" || fail "show email"
if sql cafe.db "SELECT quote(phone_sealed) FROM customers" |
    grep -qi "$(printf '+491701234567' | od -An -tx1 | tr -d ' \n')"; then
	fail "phone stored in clear"
fi

# shifts
expect 1 ctl shift open --user nobody --float 100
one_err_line "unknown user"
expect 1 ctl shift open --user otto --float 100
one_err_line "auditor shift"
expect 2 ctl shift open --user alice
expect 1 ctl shift open --user alice --float 12.345
one_err_line "bad float"
expect 0 ctl shift open --user alice --float 100.00
S=$(cat "$T/out")
[ "$S" = 1 ] || fail "shift open prints the id: $S"
expect 1 ctl shift open --user alice --float 5
one_err_line "second open shift"

# wallets
expect 0 ctl wallet topup M-0001 50 --shift "$S"
grep -Eq '^[0-9]+$' "$T/out" || fail "topup prints the tx id"
expect 0 balance M-0001
out_is 50.00 "balance after topup"
expect 0 ctl wallet topup M-0001 20 --card --shift "$S"
expect 0 balance M-0001
out_is 70.00 "balance after card topup"
expect 2 ctl wallet topup M-0001 20
one_err_line "cash topup without shift"
expect 1 ctl wallet topup M-0001 20 --shift 99
one_err_line "unknown shift"
expect 1 ctl wallet topup M-9999 20 --shift "$S"
one_err_line "unknown customer"
grep -q "no customer 'M-9999'" "$T/err" || fail "names the customer"
for bad in 12.345 -5 abc "" 1e3 12,50 0; do
	expect 1 ctl wallet topup M-0001 "$bad" --shift "$S"
	one_err_line "bad amount '$bad'"
done
expect 0 balance M-0001
out_is 70.00 "bad amounts changed nothing"

# idempotency
expect 0 ctl wallet charge M-0001 12.50 --idempotency-key k-1
tx=$(cat "$T/out")
expect 0 ctl wallet charge M-0001 12.50 --idempotency-key k-1
out_is "$tx" "replay prints the first tx"
expect 1 ctl wallet charge M-0001 13.00 --idempotency-key k-1
one_err_line "key reused with other content"
grep -q 'idempotency key' "$T/err" || fail "conflict message"
expect 0 balance M-0001
out_is 57.50 "charged once"
expect 1 ctl wallet charge M-0001 100
one_err_line "charge beyond balance"
grep -q 'balance 57.50 does not cover 100.00' "$T/err" ||
    fail "insufficient message: $(cat "$T/err")"
expect 0 balance M-0001
out_is 57.50 "refused charge changed nothing"
expect 0 ctl wallet charge id:1 2.50 --for seats
expect 0 balance id:1
out_is 55.00 "id:N names the customer"

# refunds and the two-person rule
expect 2 ctl wallet refund M-0001 5 --shift "$S"
expect 0 ctl wallet refund M-0001 5 --shift "$S" --reason "unused time"
expect 0 balance M-0001
out_is 50.00 "small refund by an approver"
expect 1 ctl wallet refund M-0001 50.01 --shift "$S" --reason "too much"
one_err_line "refund beyond balance"
expect 0 ctl wallet topup M-0001 10 --shift "$S"
expect 1 ctl wallet refund M-0001 55 --shift "$S" --reason "leaving" \
    --idempotency-key r-1
one_err_line "refund over the threshold"
grep -q 'request 1 waits' "$T/err" || fail "names the request: $(cat "$T/err")"
expect 0 ctl approval list
grep -q "$(printf '^1\tpending\twallet.refund\tid:1\t55.00\t')" "$T/out" ||
    fail "approval list: $(cat "$T/out")"
expect 1 ctl approval approve 1
one_err_line "own request"
grep -q "nobody decides their own request" "$T/err" ||
    fail "own request: $(cat "$T/err")"
expect 0 balance M-0001
out_is 60.00 "waiting refund changed nothing"
expect 1 ctl approval reject 1
expect 1 ctl approval approve 9
one_err_line "unknown request"

# transfers, adjustments, history
expect 0 ctl wallet transfer M-0001 M-0002 2.50
expect 0 balance M-0002
out_is 2.50 "transfer arrives"
expect 1 ctl wallet transfer M-0001 M-0001 1
one_err_line "transfer to oneself"
expect 0 ctl wallet adjust M-0002 -0.50 --reason "typo"
expect 0 balance M-0002
out_is 2.00 "negative adjustment"
expect 2 ctl wallet adjust M-0002 1
expect 0 ctl wallet history M-0002
[ "$(wc -l <"$T/out")" = 2 ] || fail "history lines: $(cat "$T/out")"
tail -1 "$T/out" | grep -q "$(printf '\twallet.adjust\t-0.50\t2.00\tcli:')" ||
    fail "history balance after: $(cat "$T/out")"

# disabled customers
expect 0 ctl customer disable M-0002
expect 1 ctl wallet topup M-0002 1 --shift "$S"
one_err_line "disabled customer"
expect 0 ctl customer enable M-0002

# paid-in/out, close, Z-report
expect 0 ctl shift paid-out "$S" 3 --reason milk
expect 2 ctl shift paid-out "$S" 3
expect 1 ctl shift paid-out "$S" 1000 --reason "all of it"
one_err_line "paid-out beyond the drawer"
expect 1 ctl report z "$S"
one_err_line "z of an open shift"
expect 0 ctl ledger verify
grep -Eq '^ok [0-9]+ transactions$' "$T/out" || fail "verify: $(cat "$T/out")"
# float 100 + 50 + 10 cash top-ups - 5 refund - 3 paid out = 152
expect 0 ctl shift close "$S" --counted 151
out_is "$(printf 'expected 152.00\ncounted 151.00\nvariance -1.00')" "close"
expect 1 ctl shift close "$S" --counted 151
one_err_line "close twice"
expect 1 ctl wallet topup M-0001 1 --shift "$S"
one_err_line "topup into a closed shift"
expect 0 ctl report z "$S"
grep -q '^Z-REPORT  shift 1  Pixel Den$' "$T/out" || fail "z title"
grep -Eq '^opening float +100.00 EUR$' "$T/out" || fail "z float"
grep -Eq '^cash top-ups +60.00 EUR$' "$T/out" || fail "z cash top-ups"
grep -Eq '^card top-ups +20.00 EUR$' "$T/out" || fail "z card top-ups"
grep -Eq '^variance +-1.00 EUR$' "$T/out" || fail "z variance"
grep -Eq '^audit chain head at close +[0-9]+:[0-9a-f]{64}$' "$T/out" ||
    fail "z audit head: $(cat "$T/out")"
expect 0 ctl shift list
grep -q "$(printf '^1\talice\tclosed\t')" "$T/out" || fail "shift list"
expect 0 ctl ledger verify
expect 0 ctl audit verify

# verify names tampering
sql cafe.db "UPDATE ledger_accounts SET balance = balance + 1
    WHERE kind = 'wallet' AND ref = 1"
expect 1 ctl ledger verify
grep -q '^broken: account .* cached balance' "$T/out" ||
    fail "verify names the account: $(cat "$T/out")"
expect 0 ctl wallet --help 2>/dev/null || expect 0 ctl --help
expect 0 ctl wallet topup --help
grep -q 'idempotency-key' "$T/out" || fail "command help"

[ $fails = 0 ] && echo "cli cash: ok" && exit 0
exit 1

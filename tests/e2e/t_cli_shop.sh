#!/bin/sh
# t_cli_shop.sh -- the snack bar's cafectl contract: products, stock,
# sell, refunds, loyalty and reports; exact output, exit codes, one-line
# errors that change nothing.
set -u
# sqlite3 waits for a writer instead of failing with "locked".
sql() { sqlite3 -cmd ".timeout 10000" "$@"; }
CAFECTL=${CAFECTL:-build/cafectl}
case $CAFECTL in /*) ;; *) CAFECTL=$PWD/$CAFECTL ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/cafed-shop.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1
fails=0

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
	if [ "$(wc -l <"$T/err")" != 1 ] || ! grep -q '^cafectl: ' "$T/err"
	then
		fail "$1: not one 'cafectl: ' line: $(cat "$T/err")"
	fi
}
ctl() { "$CAFECTL" --db "$T/cafe.db" "$@"; }
on_hand() { ctl stock list | awk -v s="$1" '$1 == s { print $2 }'; }
out_is() { [ "$(cat "$T/out")" = "$1" ] || fail "$2: got '$(cat "$T/out")'"; }

expect 0 ctl init --currency EUR --timezone Europe/Berlin --name "Pixel Den"
TODAY=$(TZ=Europe/Berlin date +%Y-%m-%d)

# products
expect 0 ctl product category Drinks --tax 19
expect 0 ctl product add COLA "Cola 0.33 l" --price 2.50 --category Drinks \
    --cost 0.85 --reorder 6
grep -Eq '^[0-9]+$' "$T/out" || fail "product add prints the id"
expect 0 ctl product add CHIPS "Crisps" --price 1.90 --category snacks
expect 1 ctl product add cola "Other cola" --price 1.00
one_err_line "duplicate SKU in other case"
expect 1 ctl product add WATER "Water" --price 1.999
one_err_line "bad price"
expect 2 ctl product add WATER "Water"
expect 1 ctl product add "BAD SKU" "Water" --price 1.00
one_err_line "bad SKU"
expect 0 ctl product list
[ "$(wc -l <"$T/out")" = 2 ] || fail "product list: two lines"
grep -q "$(printf 'COLA\tCola 0.33 l\tDrinks\t2.50\t19\t0.85\t0\t6\tactive')" \
    "$T/out" || fail "product list fields: $(cat "$T/out")"
expect 0 ctl product set CHIPS --price 2.00
expect 0 ctl audit list --action product.update --limit 1
grep -q 'price=1.90->2.00' "$T/out" || fail "price change audited"

# stock
expect 0 ctl stock receive COLA 24 --cost 0.80
out_is 24 "stock receive prints the stock"
expect 0 ctl stock receive CHIPS 10
expect 1 ctl stock waste COLA 30 --reason dropped
one_err_line "waste beyond stock"
grep -q 'only 24 left' "$T/err" || fail "waste says what is left"
expect 2 ctl stock waste COLA 1
expect 0 ctl stock waste COLA 1 --reason dropped
out_is 23 "stock waste prints the stock"
expect 0 ctl stock count COLA 21
out_is -2 "stock count prints the difference"
expect 1 ctl stock receive NOPE 5
one_err_line "unknown SKU"
expect 0 ctl stock list
[ "$(head -n 1 "$T/out" | cut -f1,2)" = "$(printf 'CHIPS\t10')" ] ||
    fail "stock list: SKU then quantity: $(cat "$T/out")"
expect 0 ctl stock list --low
[ -s "$T/out" ] && fail "nothing is low yet: $(cat "$T/out")"

# a member, a cashier's shift
expect 0 ctl customer add "Ann Example" --card C100
echo "Shop-Test-Cashier-2026" | ctl user add cara --role cashier \
    --password-stdin >/dev/null
expect 0 ctl shift open --user cara --float 100.00
SHIFT=$(cat "$T/out")
expect 0 ctl wallet topup C100 10.00 --shift "$SHIFT"

# sell
expect 0 ctl sell COLA:2 CHIPS --customer C100
[ "$(head -n 1 "$T/out")" = 1 ] || fail "first receipt is 1"
[ "$(tail -n 1 "$T/out")" = 7.00 ] || fail "sell prints the total last"
[ "$(on_hand COLA)" = 19 ] || fail "stock dropped: $(on_hand COLA)"
expect 0 ctl wallet balance C100
out_is 3.00 "wallet charged"
expect 1 ctl sell COLA:2 --customer C100
one_err_line "wallet short"
[ "$(on_hand COLA)" = 19 ] || fail "wallet short changed stock"
expect 1 ctl sell COLA:20 --shift "$SHIFT"
one_err_line "stock short"
grep -q 'COLA: only 19 left' "$T/err" || fail "stock short says what is left"
expect 1 ctl sell NOPE --shift "$SHIFT"
one_err_line "unknown SKU in sell"
expect 2 ctl sell COLA
expect 2 ctl sell COLA --customer C100 --shift "$SHIFT"
expect 1 ctl sell COLA --customer C999
one_err_line "unknown customer"
expect 0 ctl sell COLA:3 --shift "$SHIFT" --tendered 10.00 --member C100
[ "$(sed -n 2p "$T/out")" = "change 2.50" ] || fail "change: $(cat "$T/out")"
[ "$(tail -n 1 "$T/out")" = 7.50 ] || fail "cash total"
expect 0 ctl sell CHIPS --shift "$SHIFT" --card --receipt "$T/r.txt"
grep -q 'Paid by card' "$T/r.txt" || fail "receipt file"
expect 0 ctl loyalty balance C100
out_is "$(printf 'points 14\nvalue 0.14')" "loyalty after two sales"
[ "$(ctl sale show 2 | sed -n 2p | cut -f2,3)" = "$(printf 'COLA\t3')" ] ||
    fail "sale show"
expect 0 ctl sale receipt 2
grep -q '^Receipt 2 ' "$T/out" || fail "receipt text"

# refunds
expect 0 ctl sale refund 2 1 --qty 1 --reason "flat" --shift "$SHIFT"
[ "$(tail -n 1 "$T/out")" = 2.50 ] || fail "refund amount"
[ "$(on_hand COLA)" = 17 ] || fail "refund restocks: $(on_hand COLA)"
expect 1 ctl sale refund 2 1 --qty 5 --reason "flat" --shift "$SHIFT"
one_err_line "refund beyond the line"
expect 1 ctl sale refund 2 1 --reason "flat"
one_err_line "cash refund without a shift"
expect 2 ctl sale refund 2 1 --shift "$SHIFT"

# reports
expect 0 ctl report sales --from "$TODAY" --to "$TODAY"
grep -q "$(printf '^day\t%s\t' "$TODAY")" "$T/out" || fail "report by day"
grep -q "$(printf '^product\tCOLA\tCola 0.33 l\t2\t4\t10.00\t')" "$T/out" ||
    fail "report by product: $(cat "$T/out")"
expect 0 ctl report sales --from "$TODAY" --to "$TODAY" --csv --by category
[ "$(head -n 1 "$T/out" | tr -d '\r')" = \
    "section,key,label,receipts,qty,gross,net,tax,refunds" ] ||
    fail "csv header: $(head -n 1 "$T/out")"
expect 1 ctl report sales --from 2026-02-30 --to "$TODAY"
one_err_line "bad date"
expect 1 ctl report sales --from "$TODAY" --to 2000-01-01
one_err_line "from after to"
expect 2 ctl report sales --from "$TODAY"

# everything agrees
expect 0 ctl ledger verify
grep -q '^ok ' "$T/out" || fail "ledger verify: $(cat "$T/out")"
expect 0 ctl audit verify
sql "$T/cafe.db" "UPDATE products SET on_hand = on_hand + 1 \
    WHERE sku = 'COLA'"
expect 1 ctl ledger verify
grep -q '^broken: stock: product COLA' "$T/out" ||
    fail "ledger verify checks the stock: $(cat "$T/out")"

[ "$fails" = 0 ] && echo "ok t_cli_shop"
exit $((fails > 0))

#!/bin/sh
# t_ui_shop.sh -- the snack bar through ssh: a cashier sells on the shop
# screen (typed search, a member, paid from the wallet, the receipt);
# the manager's inventory screen on another terminal sees the stock
# drop, the reports screen the sale; cash with the change due; points
# redeemed as wallet credit.
. "$(dirname "$0")/lib.sh"

now_ms() { date +%s%3N; }

e2e_init
"$CAFECTL" product category Drinks --tax 19 >/dev/null || fail "category"
"$CAFECTL" product add COLA "Cola 0.33 l" --price 2.50 --category Drinks \
    --reorder 6 >/dev/null || fail "product"
"$CAFECTL" product add CHIPS "Crisps" --price 1.90 >/dev/null || fail "chips"
"$CAFECTL" stock receive COLA 24 >/dev/null || fail "receive"
"$CAFECTL" stock receive CHIPS 10 >/dev/null || fail "receive"
"$CAFECTL" customer add "Ann Example" --card C100 >/dev/null ||
    fail "customer"
M=$(e2e_secret)
C=$(e2e_secret)
e2e_user mia manager "$M"
e2e_user cid cashier "$C"
SHIFT=$("$CAFECTL" shift open --user cid --float 50.00) || fail "shift"
"$CAFECTL" wallet topup C100 10.00 --shift "$SHIFT" >/dev/null ||
    fail "topup"
e2e_start

e2e_login m mia "$M"
tm send-keys -t m "$(e2e_tab m Inventory)"
e2e_wait m "2 products" 5
e2e_screen m | grep -q "COLA .* 24 .*ok" ||
    fail "stock 24 on the manager's screen"

e2e_login c cid "$C"
tm send-keys -t c "$(e2e_tab c Shop)"
e2e_wait c "Type part of a name" 5
tm send-keys -t c -l "cola"
e2e_wait c "Find (name or SKU): cola" 5
tm send-keys -t c Enter
e2e_wait c "Cola 0.33 l" 5
tm send-keys -t c +
e2e_wait c "TOTAL 5.00 EUR" 5
ok "typing a SKU and Enter adds it, + adds one more"

tm send-keys -t c F4
e2e_wait c "Member (card" 5
e2e_type c C100
e2e_wait c "Member: Ann Example" 5
tm send-keys -t c F5
e2e_wait c "Pay 5.00 EUR from the wallet of Ann Example?" 5
t0=$(now_ms)
tm send-keys -t c y
e2e_wait c "Receipt 1" 5
e2e_wait c "Paid from the wallet" 5
ok "paid from the wallet; the receipt is shown"

e2e_until "the stock to drop on the manager's screen" 3 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t m | grep -q 'COLA .* 22 .*ok'"
ok "sold on one terminal, the stock drops on the other in \
$(( $(now_ms) - t0 )) ms"

e2e_goto m Wallets "1 customer shown"
tm send-keys -t m Enter
e2e_wait m "Points 5 (worth 0.05 EUR)" 5
tm send-keys -t m l
e2e_wait m "Points to redeem: 5" 5
tm send-keys -t m C-u
e2e_type m 2
e2e_wait m "Redeem 2 of 5 points of Ann Example as 0.02 EUR" 5
e2e_screen_has m "Balance after: 5.02 EUR." || fail "balance after"
tm send-keys -t m y
e2e_wait m "2 points redeemed: 0.02 EUR credited to Ann Example." 5
e2e_wait m "Points 3 (worth 0.03 EUR)" 5
ok "the wallet screen shows the points and redeems them"

tm send-keys -t c Escape
e2e_wait c "F8 shows it again" 5
tm send-keys -t c F9
e2e_wait c "Write the receipt to:" 5
tm send-keys -t c C-u
e2e_type c "$E2E_DIR/receipt.txt"
e2e_wait c "written to" 5
grep -q "TOTAL *5.00 EUR" "$E2E_DIR/receipt.txt" || fail "receipt file"
ok "the receipt is written to a text file"

tm send-keys -t c -l "chi"
tm send-keys -t c Enter
e2e_wait c "Crisps" 5
tm send-keys -t c F6
e2e_wait c "Cash given" 5
e2e_type c "5"
e2e_wait c "CHANGE DUE: 3.10 EUR" 5
tm send-keys -t c Escape
e2e_gone c "CHANGE DUE" 5	# a key right after Escape would be Alt-key
ok "cash with the change due"

tm send-keys -t c C-p
e2e_wait c "Member (card" 5
e2e_type c C100
e2e_wait c "Points of Ann Example to turn into wallet credit: 3" 5
tm send-keys -t c Enter
e2e_wait c "3 points: 0.03 EUR credited to the wallet of Ann Example." 5
[ "$("$CAFECTL" wallet balance C100)" = 5.05 ] || fail "redeemed credit"
ok "loyalty points redeemed as wallet credit"

tm send-keys -t m "$(e2e_tab m Reports)"
e2e_wait m "Sales by day" 5
e2e_screen m | grep -q "Total: .*GROSS 6.90" ||
    fail "report total: $(e2e_screen m)"
ok "the reports screen shows the day's sales"

"$CAFECTL" ledger verify | grep -q '^ok ' || fail "ledger verify"
ok "ledger and stock agree"

#!/bin/sh
# 20-cash.sh -- the demo cash desk: members with wallets and a history of
# top-ups, charges, a transfer and a refund; yesterday's shift of a
# cashier, closed 0.50 short, with its Z-report; today's shift with a
# refund waiting for a manager's approval. Run by tools/demo-seed.sh with
# CAFECTL and CAFED_DB set; cafectl commands only. The cashier is the
# demo's cleo when tools/demo.sh made her, else cora.
set -eu
C=${CAFECTL:-build/cafectl}
q() { "$C" "$@" >/dev/null; }
# at TIME CMD...: cafectl with its clock frozen at TIME
at() { when=$1; shift; CAFED_NOW=$when "$C" "$@"; }
day() { date -u -d "-1 day" +%Y-%m-%dT"$1":00Z; }

q customer add "Mia Hoffmann" --phone "+49 151 2345 6789" \
    --email mia.hoffmann@example.org --card M-1001
q customer add "Noah Becker" --phone "0170 555 0102" --card M-1002
q customer add "Emma Schulz" --email emma@example.net --card M-1003
q customer add "Paul Wagner" --card M-1004
q customer add "Sofia Klein" --phone "+43 660 123 4567" --card M-1005
q customer add "Luca Brandt"

if "$C" user list | grep -q "$(printf '\tcleo\tcashier\t')"; then
	U=cleo
else
	U=cora
	echo "Cash-Demo-Cashier-2026" |
	    "$C" user add cora --role cashier --password-stdin >/dev/null
fi

# Yesterday's shift: float, top-ups in cash and by card, charges, a
# transfer, a paid-out, a small refund, then the close 0.50 short.
S=$(at "$(day 09:00)" shift open --user "$U" --float 150.00)
at "$(day 09:12)" wallet topup M-1001 30.00 --shift "$S" >/dev/null
at "$(day 09:40)" wallet topup M-1002 20.00 --shift "$S" >/dev/null
at "$(day 10:05)" wallet topup M-1003 50.00 --shift "$S" --card >/dev/null
at "$(day 11:30)" wallet charge M-1001 7.50 --for seats \
    --reason "2.5 h PC-04" >/dev/null
at "$(day 12:15)" wallet charge M-1003 4.20 --for shop \
    --reason "cola, crisps" >/dev/null
at "$(day 13:00)" wallet topup M-1004 10.00 --shift "$S" >/dev/null
at "$(day 13:45)" wallet transfer M-1003 M-1004 5.00 \
    --reason "birthday present" >/dev/null
at "$(day 14:20)" shift paid-out "$S" 6.80 --reason "milk and coffee" \
    >/dev/null
at "$(day 15:10)" wallet refund M-1002 5.00 --shift "$S" \
    --reason "left early, unused credit" >/dev/null
at "$(day 16:00)" wallet charge M-1002 9.00 --for seats \
    --reason "3 h VIP-1" >/dev/null
at "$(day 17:00)" shift close "$S" --counted 197.70 >/dev/null

# Today: more history on the wallets.
q wallet topup M-1005 15.00 --card
q wallet charge M-1001 3.00 --for seats --reason "1 h PC-02"
q wallet adjust M-1004 1.00 --reason "goodwill: PC-09 crashed"

# A refund too large for one person: it waits for a manager.
S2=$("$C" shift open --user "$U" --float 100.00)
q wallet topup M-1001 60.00 --shift "$S2"
"$C" wallet refund M-1001 70.00 --shift "$S2" \
    --reason "moving away, closes the account" >/dev/null 2>&1 || true

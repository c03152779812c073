#!/bin/sh
# 30-floor.sh -- the demo floor: three zones with member and guest
# prices, a happy hour and a night price, two packages, 20 stations (one
# in maintenance, one offline), four members playing or about to, a
# guest, and today's bookings. Run by tools/demo-seed.sh with CAFECTL and
# CAFED_DB set; cafectl commands only.
set -eu
C=${CAFECTL:-build/cafectl}
q() { "$C" "$@" >/dev/null; }
# ago N: the UTC time N minutes ago; later N: N minutes from now
ago() { date -u -d "-$1 min" +%Y-%m-%dT%H:%M:%SZ; }
later() { date -u -d "+$1 min" +%Y-%m-%dT%H:%M:00Z; }
# at TIME CMD...: cafectl with its clock frozen at TIME
at() { when=$1; shift; CAFED_NOW=$when "$C" "$@" >/dev/null; }

q zone add Standard --hourly 3.00 --minimum 1.00 --guest-hourly 3.50
q zone add VIP --hourly 5.00 --minimum 2.00 --guest-hourly 6.00
q zone add Console --hourly 4.00 --guest-hourly 4.50
q rule add "happy hour" --zone Standard --days mon-fri --from 14:00 \
    --to 17:00 --hourly 2.00 --guest-hourly 2.50
q rule add night --days all --from 23:00 --to 06:00 --hourly 2.00 \
    --guest-hourly 2.50
q package add "3 hours" --minutes 180 --price 7.50
q package add "VIP evening" --zone VIP --minutes 240 --price 15.00

for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	q station add "PC-$i" --zone Standard --note "RTX 3060, 144 Hz"
done
for i in 1 2 3 4 5; do
	q station add "VIP-$i" --zone VIP --note "RTX 4080, 240 Hz, racing seat"
done
q station add PS5-1 --zone Console --note "PS5, two pads"
q station add PS5-2 --zone Console --note "PS5, two pads"
q station add XBOX-1 --zone Console --note "Xbox Series X"
q station state PC-12 maintenance
q station state XBOX-1 offline

# Members of the floor, their wallets, and a cashier's shift for guests.
q customer add "Lena Vogel" --card F-1001
q customer add "Jonas Richter" --card F-1002
q customer add "Aylin Demir" --card F-1003
q customer add "Max Weber" --card F-1004
echo "Floor-Demo-Cashier-2026" |
    "$C" user add finn --role cashier --password-stdin >/dev/null
SHIFT=$("$C" shift open --user finn --float 150.00)
q wallet topup F-1001 40.00 --shift "$SHIFT"
q wallet topup F-1002 20.00 --shift "$SHIFT"
q wallet topup F-1003 3.00 --shift "$SHIFT" --card
q wallet topup F-1004 25.00 --shift "$SHIFT"
q package buy F-1001 "VIP evening"

# Sessions running now (started in the past under CAFED_NOW).
at "$(ago 95)" session start VIP-2 --customer F-1001
at "$(ago 40)" session start PC-03 --customer F-1002
at "$(ago 50)" session start PC-07 --customer F-1003
at "$(ago 25)" session start PS5-1 --guest
at "$(ago 70)" session start PC-05 --guest

# A session that ended earlier today, and today's bookings.
at "$(ago 240)" session start PC-01 --customer F-1004
at "$(ago 150)" session stop PC-01
q reserve VIP-4 --customer F-1004 --from "$(later 10)" --to "$(later 130)"
q reserve --zone Console --customer F-1002 --from "$(later 90)" \
    --to "$(later 210)"
q reserve PC-10 --customer F-1003 --from "$(later 180)" --to "$(later 300)"

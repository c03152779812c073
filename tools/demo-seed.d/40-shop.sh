#!/bin/sh
# 40-shop.sh -- the demo snack bar: four categories with their tax
# rates, a stocked range of sixteen products (some running low), and
# three weeks of sales, each day in a shift of its own opened and closed
# under CAFED_NOW: cash, card and wallet sales, members earning points, a
# refund, waste and a stocktake, so every report has something to show;
# today an open shift of the snack bar's cashier, mira.
# Run by tools/demo-seed.sh with CAFECTL and CAFED_DB set; cafectl
# commands only.
set -eu
C=${CAFECTL:-build/cafectl}
q() { "$C" "$@" >/dev/null; }
# day N HH:MM: that time N days ago, UTC
day() { date -u -d "$(date -u -d "-$1 day" +%Y-%m-%d) $2" +%Y-%m-%dT%H:%M:00Z; }
# at TIME CMD...: cafectl with its clock frozen at TIME
at() { when=$1; shift; CAFED_NOW=$when "$C" "$@"; }
# cents 12.50 -> 1250; dec 1250 -> 12.50
cents() { echo "$1" | awk '{ printf "%d", $1 * 100 + ($1 < 0 ? -0.5 : 0.5) }'; }
dec() { echo "$1" | awk '{ printf "%.2f", $1 / 100 }'; }

q product category Drinks --tax 19
q product category Snacks --tax 19
q product category Food --tax 7
q product category "Game cards" --tax 0

# SKU NAME CATEGORY PRICE COST REORDER
while IFS='|' read -r sku name cat price cost reorder; do
	q product add "$sku" "$name" --category "$cat" --price "$price" \
	    --cost "$cost" --reorder "$reorder"
done <<'EOF'
COLA|Cola 0.33 l|Drinks|2.50|0.85|24
COLA-Z|Cola Zero 0.33 l|Drinks|2.50|0.85|12
MATE|Club-Mate 0.5 l|Drinks|3.00|1.10|24
ENERGY|Energy drink 0.25 l|Drinks|2.80|0.95|24
WATER|Still water 0.5 l|Drinks|1.80|0.35|12
COFFEE|Coffee|Drinks|2.20|0.40|0
ICETEA|Iced tea 0.5 l|Drinks|2.40|0.70|12
CHIPS|Crisps paprika|Snacks|1.90|0.70|10
NACHOS|Nachos with dip|Snacks|3.50|1.20|6
CHOC|Chocolate bar|Snacks|1.50|0.50|20
GUMMY|Gummy bears|Snacks|1.70|0.60|10
TOAST|Ham and cheese toast|Food|3.90|1.40|0
PIZZA|Pizza slice|Food|3.20|1.10|0
NOODLE|Cup noodles|Food|2.90|0.90|8
STEAM20|Steam card 20|Game cards|20.00|18.60|3
PSN25|PSN card 25|Game cards|25.00|23.20|2
EOF

# Goods in four weeks ago (COFFEE, TOAST and PIZZA are made on site).
T=$(day 28 09:00)
for s in COLA:96 COLA-Z:48 MATE:96 ENERGY:96 WATER:48 ICETEA:48 CHIPS:40 \
    NACHOS:24 CHOC:60 GUMMY:40 NOODLE:30 STEAM20:8 PSN25:5; do
	q_sku=${s%:*}
	CAFED_NOW=$T "$C" stock receive "$q_sku" "${s#*:}" >/dev/null
done
for s in COFFEE TOAST PIZZA; do
	CAFED_NOW=$T "$C" stock receive "$s" 300 >/dev/null
done

# Members who shop, and the cashier of the snack bar.
q customer add "Noah Krause" --card S-2001
q customer add "Emma Schulz" --card S-2002
q customer add "Paul Hoffmann" --card S-2003
q customer add "Mia Fischer" --card S-2004
echo "Shop-Demo-Cashier-2026" |
    "$C" user add mira --role cashier --password-stdin >/dev/null

# A deterministic pseudo-random sequence: rnd N sets R to 0..N-1.
SEED=4242
rnd() { SEED=$(( (SEED * 1103515245 + 12345) % 2147483648 )); R=$(( SEED / 65536 % $1 )); }

BASKETS="COLA CHIPS|MATE|ENERGY:2|COFFEE|COFFEE TOAST|WATER CHOC|PIZZA COLA-Z|NACHOS COLA:2|ICETEA GUMMY|NOODLE WATER|MATE CHOC|ENERGY CHIPS|COFFEE:2|STEAM20|COLA|PIZZA:2 MATE:2"
NB=16
MEMBERS="S-2001 S-2002 S-2003 S-2004"

# One basket (item list number $1) at time $2 through shift $3; adds
# cash sales to CASH (cents).
sell_one() {
	items=$(echo "$BASKETS" | cut -d'|' -f"$(( $1 + 1 ))")
	rnd 10
	if [ "$R" -lt 2 ]; then
		rnd 4
		m=$(echo "$MEMBERS" | cut -d' ' -f"$(( R + 1 ))")
		# shellcheck disable=SC2086
		at "$2" sell $items --customer "$m" >/dev/null 2>&1 || true
	elif [ "$R" -lt 4 ]; then
		# shellcheck disable=SC2086
		at "$2" sell $items --shift "$3" --card >/dev/null 2>&1 || true
	else
		rnd 3
		mem=""
		[ "$R" = 0 ] && mem="--member S-200$(( SEED % 4 + 1 ))"
		# shellcheck disable=SC2086
		total=$(at "$2" sell $items --shift "$3" $mem 2>/dev/null |
		    tail -n 1) || return 0
		CASH=$(( CASH + $(cents "$total") ))
	fi
}

# Twenty-one days of trade, each in a shift from 10:00 to 22:00.
d=21
while [ "$d" -ge 1 ]; do
	SHIFT=$(at "$(day "$d" 10:00)" shift open --user mira --float 150.00)
	CASH=15000
	if [ "$d" = 21 ] || [ "$d" = 14 ] || [ "$d" = 7 ]; then
		for m in $MEMBERS; do
			at "$(day "$d" 10:05)" wallet topup "$m" 30.00 \
			    --shift "$SHIFT" >/dev/null
			CASH=$(( CASH + 3000 ))
		done
	fi
	rnd 8
	n=$(( 10 + R ))
	# weekends sell more
	case $(date -u -d "-$d day" +%u) in 5|6) n=$(( n + 6 )) ;; esac
	i=0
	while [ "$i" -lt "$n" ]; do
		h=$(( 10 + i * 11 / n ))
		rnd 60
		sell_one "$(( (i * 7 + d) % NB ))" \
		    "$(day "$d" "$(printf %02d:%02d "$h" "$R")")" "$SHIFT"
		i=$(( i + 1 ))
	done
	# A flat drink refunded and thrown away, two weeks ago.
	if [ "$d" = 14 ]; then
		REC=$(at "$(day 14 12:00)" sell COLA:2 --shift "$SHIFT" |
		    head -n 1)
		at "$(day 14 12:10)" sale refund "$REC" 1 --reason "flat can" \
		    --waste --shift "$SHIFT" >/dev/null
		CASH=$(( CASH + 500 - 250 ))
	fi
	# The count is off by a coin now and then.
	rnd 5
	case $R in 0) CASH=$(( CASH - 50 )) ;; 1) CASH=$(( CASH + 20 )) ;; esac
	at "$(day "$d" 22:00)" shift close "$SHIFT" --counted \
	    "$(dec "$CASH")" >/dev/null
	d=$(( d - 1 ))
done

# Broken goods, and a stocktake that found two cans fewer.
at "$(day 10 18:00)" stock waste CHOC 3 --reason "melted in the sun" \
    >/dev/null
at "$(day 7 09:30)" stock count ENERGY \
    "$(( $("$C" stock list | awk '$1 == "ENERGY" { print $2 }') - 2 ))" \
    >/dev/null

# Today: a shift open for the counter, a member redeeming points.
SHIFT=$("$C" shift open --user mira --float 150.00)
q sell COFFEE CHOC --shift "$SHIFT" --tendered 5.00
q sell MATE --customer S-2001
q loyalty redeem S-2001 "$("$C" loyalty balance S-2001 |
    awk '$1 == "points" { print $2 }')" 2>/dev/null || true

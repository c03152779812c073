#!/bin/sh
# t_cli_floor.sh -- cafectl's contract for the floor: zones, stations,
# sessions and their charges, every refusal, bookings and no-shows, the
# expiry job, a night across a daylight-saving change. Time is set with
# CAFED_NOW; the café is in Europe/Berlin.
set -u
CAFECTL=${CAFECTL:-build/cafectl}
case $CAFECTL in /*) ;; *) CAFECTL=$PWD/$CAFECTL ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/cafed-floor.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1
fails=0
PW='Tall-Lamp-Orbit-Window-71'
unset CAFED_NOW

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect CODE CMD...: run, compare the exit code; output in $T/out, $T/err
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$want" ] || fail "exit $got, want $want: $* ($(cat "$T/err"))"
}
one_err_line() {
	[ "$(wc -l <"$T/err")" = 1 ] && grep -q '^cafectl: ' "$T/err" ||
	    fail "$1: not one 'cafectl: ' line: $(cat "$T/err")"
}
err_has() {
	grep -q "$1" "$T/err" || fail "$2: error lacks '$1': $(cat "$T/err")"
}
last_line() { [ "$(tail -n 1 "$T/out")" = "$1" ] ||
    fail "$2: last line '$(tail -n 1 "$T/out")', want '$1'"; }
is_id() {
	grep -Eq '^[0-9]+$' "$T/out" || fail "$1 prints an id: $(cat "$T/out")"
}
ctl() { "$CAFECTL" --db "$T/cafe.db" "$@"; }
# at TIME CMD...: run cafectl with the clock frozen at TIME
at() { when=$1; shift; CAFED_NOW=$when "$CAFECTL" --db "$T/cafe.db" "$@"; }

expect 0 ctl init --currency EUR --timezone Europe/Berlin --name "Pixel Den"

# zones and stations
expect 0 ctl zone add Standard --hourly 3.00 --minimum 1.00
is_id "zone add"
expect 0 ctl zone add VIP --hourly 6.00 --guest-hourly 7.50
expect 1 ctl zone add standard --hourly 2.00
one_err_line "duplicate zone"
err_has exists "duplicate zone"
expect 2 ctl zone add Console
one_err_line "zone without --hourly"
expect 1 ctl zone add Console --hourly 1,50
one_err_line "bad amount"
expect 0 ctl zone list
[ "$(wc -l <"$T/out")" = 2 ] || fail "zone list: two lines, no header"
grep -q "$(printf 'VIP\t6.00\t7.50\t0.00\t0')" "$T/out" ||
    fail "zone list fields: $(cat "$T/out")"
expect 0 ctl station add PC-01 --zone Standard
is_id "station add"
expect 0 ctl station add PC-02 --zone standard
expect 0 ctl station add VIP-01 --zone VIP --note "RTX 4080"
expect 1 ctl station add PC-09 --zone Nowhere
one_err_line "unknown zone"
expect 1 ctl station add pc-01 --zone Standard
one_err_line "duplicate station"
expect 0 ctl station list
[ "$(wc -l <"$T/out")" = 3 ] || fail "station list: three lines"
grep -q "$(printf '^PC-01\tStandard\tfree\t0\t-\t$')" "$T/out" ||
    fail "station list fields: $(cat "$T/out")"
expect 0 ctl rule add "happy hour" --zone Standard --days mon-fri \
    --from 14:00 --to 17:00 --hourly 2.00
is_id "rule add"
expect 0 ctl rule add night --days all --from 22:00 --to 06:00 --hourly 1.00
expect 1 ctl rule add bad --days someday --from 14:00 --to 17:00 --hourly 1.00
one_err_line "bad days"
expect 0 ctl rule list
[ "$(wc -l <"$T/out")" = 2 ] || fail "rule list: two lines"

# customers, a cashier and a shift (the cash desk)
expect 0 ctl customer add Mia --card C100
expect 0 ctl customer add Noah --card C200
echo "$PW" | ctl user add carl --role cashier --password-stdin >/dev/null
expect 0 ctl shift open --user carl --float 50.00
SHIFT=$(cat "$T/out")
expect 0 ctl wallet topup C100 20.00 --shift "$SHIFT"

# a member across the end of happy hour: Monday 16:30 to 17:30 in Berlin
expect 0 at 2026-11-23T15:30:00Z session start PC-01 --customer C100
is_id "session start"
SID=$(cat "$T/out")
expect 1 at 2026-11-23T15:31:00Z session start PC-01 --customer C200
one_err_line "station busy"
err_has "in use" "station busy"
expect 1 at 2026-11-23T15:31:00Z session start PC-02 --customer C100
err_has "playing already" "customer twice"
expect 0 at 2026-11-23T16:00:00Z station list
grep -q "$(printf "^PC-01\tStandard\tin-use\t$SID\tMia")" "$T/out" ||
    fail "station taken: $(cat "$T/out")"
expect 0 at 2026-11-23T16:00:00Z session list
pat=$(printf "^$SID\tPC-01\tStandard\tMia\t2026-11-23 16:30:00\t30\t1.00\t")
grep -q "$pat" "$T/out" || fail "session list: $(cat "$T/out")"
expect 0 at 2026-11-23T16:30:00Z session stop PC-01
last_line 2.50 "member stop"		# 30 min at 2.00 + 30 min at 3.00
grep -q 'rounded half up to 0.01' "$T/out" || fail "receipt states the rule"
expect 0 ctl wallet balance C100
[ "$(cat "$T/out")" = 17.50 ] || fail "wallet after stop: $(cat "$T/out")"
expect 0 ctl wallet history C100
grep -q 'seat.stop' "$T/out" || fail "history shows the charge: $(cat "$T/out")"
expect 1 ctl session stop PC-01
one_err_line "stop a free station"
err_has "no session" "stop a free station"

# a guest pays cash into the shift
expect 0 at 2026-11-23T19:00:00Z session start PC-02 --guest
expect 1 at 2026-11-23T19:45:10Z session stop PC-02
one_err_line "guest stop without a shift"
err_has "shift" "guest stop without a shift"
expect 0 at 2026-11-23T19:45:10Z session stop PC-02 --shift "$SHIFT"
last_line 2.30 "guest stop"		# 46 started minutes at 3.00
grep -q 'paid in cash' "$T/out" || fail "guest receipt: $(cat "$T/out")"

# refusals
expect 0 ctl station state PC-02 maintenance
expect 1 ctl session start PC-02 --customer C100
err_has maintenance "station in maintenance"
expect 2 ctl station state PC-02 broken
expect 0 ctl station state PC-02 free
expect 1 ctl session start PC-77 --guest
one_err_line "unknown station"
err_has "not found" "unknown station"
expect 1 ctl session start VIP-01 --customer C200
one_err_line "wallet empty"
err_has "wallet is empty" "wallet empty"
expect 1 ctl session start VIP-01 --customer C999
one_err_line "unknown customer"
expect 2 ctl session start VIP-01
expect 2 ctl session start VIP-01 --guest --customer C100

# bookings and no-shows (Berlin time without a zone suffix)
expect 0 at 2026-11-23T17:00:00Z reserve VIP-01 --customer C200 \
    --from 2026-11-23T20:00 --to 2026-11-23T22:00
is_id "reserve"
BID=$(cat "$T/out")
expect 1 at 2026-11-23T17:00:00Z reserve VIP-01 --customer C100 \
    --from 2026-11-23T21:00 --to 2026-11-23T23:00
one_err_line "overlapping booking"
err_has overlaps "overlapping booking"
expect 1 at 2026-11-23T17:00:00Z reserve VIP-01 --customer C100 \
    --from 2026-11-23T21:00 --to yesterday
one_err_line "bad time"
expect 0 at 2026-11-23T18:50:00Z station list
grep -q "$(printf '^VIP-01\tVIP\treserved')" "$T/out" ||
    fail "reserved 10 minutes before: $(cat "$T/out")"
expect 1 at 2026-11-23T18:50:00Z session start VIP-01 --guest
err_has reserved "reserved station"
expect 0 at 2026-11-23T18:50:00Z reserve list --date 2026-11-23
pat=$(printf "^$BID\tVIP-01\tNoah\t2026-11-23 20:00:00\t%s\tbooked" \
    "2026-11-23 22:00:00")
grep -q "$pat" "$T/out" || fail "reserve list: $(cat "$T/out")"
expect 0 at 2026-11-23T19:10:00Z floor tick
grep -q '^released 0$' "$T/out" || fail "not released within grace"
expect 0 at 2026-11-23T19:16:00Z floor tick
grep -q '^released 1$' "$T/out" || fail "no-show released: $(cat "$T/out")"
expect 0 ctl audit list --action reservation.noshow
grep -q 'reservation.noshow' "$T/out" || fail "no-show audited"

# the expiry job: Mia's 17.50 last 2 h 55 min at 6.00 in VIP
expect 0 at 2026-11-24T10:00:00Z session start VIP-01 --customer C100
expect 0 at 2026-11-24T12:00:00Z floor tick --ahead 10
grep -q '^ended 0$' "$T/out" || fail "ended too early: $(cat "$T/out")"
expect 0 at 2026-11-24T12:54:55Z floor tick --ahead 10
grep -q '^ended 1$' "$T/out" || fail "expiry: $(cat "$T/out")"
expect 0 ctl wallet balance C100
[ "$(cat "$T/out")" = 0.00 ] || fail "wallet used up: $(cat "$T/out")"

# a night across the autumn DST change: 22:00 CEST to 06:00 CET is 9 h
expect 0 ctl wallet topup C200 30.00 --shift "$SHIFT"
expect 0 at 2026-10-24T20:00:00Z session start PC-02 --customer C200
expect 0 at 2026-10-25T05:00:00Z session stop PC-02
last_line 9.00 "night across DST"

# everything adds up, and the clock override is marked in the trail
expect 0 ctl ledger verify
grep -q '^ok ' "$T/out" || fail "ledger verify: $(cat "$T/out")"
expect 0 ctl audit verify
expect 0 ctl audit list --action seat.start --limit 1
grep -q '\*' "$T/out" || fail "CAFED_NOW marked in the audit: $(cat "$T/out")"

[ $fails = 0 ] && echo "cli floor: ok" && exit 0
exit 1

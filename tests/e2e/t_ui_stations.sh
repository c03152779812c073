#!/bin/sh
# t_ui_stations.sh -- the floor through ssh at 80x24: a cashier starts a
# member's session on one terminal and a manager sees the station taken
# on another within a second; the cashier stops it, the receipt shows,
# and the charge is in the wallet's history. A guest pays cash. The
# dashboard shows the occupancy; r on the stations screen, the bookings.
. "$(dirname "$0")/lib.sh"

now_ms() { date +%s%3N; }

e2e_init
C=$(e2e_secret)
M=$(e2e_secret)
e2e_user cid cashier "$C"
e2e_user mia manager "$M"
ctl() { "$CAFECTL" "$@" >/dev/null || fail "cafectl $*"; }
ctl zone add Standard --hourly 3.00
ctl zone add VIP --hourly 6.00
ctl station add PC-01 --zone Standard
ctl station add PC-02 --zone Standard
ctl station add VIP-1 --zone VIP
ctl station state VIP-1 maintenance
ctl customer add "Lena Vogel" --card F-1001
ctl customer add "Jonas Richter" --card F-1002
SHIFT=$("$CAFECTL" shift open --user cid --float 50.00) || fail "shift open"
ctl wallet topup F-1001 20.00 --shift "$SHIFT"
# Past the lead time, so PC-02 is still free (today, unless run after
# 23:40, when the booking falls on tomorrow's page).
ctl reserve PC-02 --customer F-1002 \
    --from "$(date -u -d '+20 min' +%Y-%m-%dT%H:%M:00Z)" \
    --to "$(date -u -d '+80 min' +%Y-%m-%dT%H:%M:00Z)"
e2e_start

e2e_login a cid "$C"
e2e_login b mia "$M"
e2e_screen a | sed -n 2p | grep -q "1 Dashboard.*2 Stations" ||
    fail "the cashier's tabs: $(e2e_screen a | sed -n 2p)"
e2e_goto a Stations
e2e_goto b Stations
e2e_wait a "PC-01" 5
e2e_wait b "PC-01" 5
e2e_screen b | grep -q "VIP-1 .*maintenance" || fail "maintenance shown"
e2e_screen b | grep -q "2 free, 0 reserved, 1 out of order" ||
    fail "the foot counts: $(e2e_screen b | tail -3)"
ok "both terminals show the floor"

tm send-keys -t a s
e2e_wait a "Member card or id:N:" 5
e2e_type a F-1001
t0=$(now_ms)
e2e_wait a "Session started on PC-01." 5
e2e_until "PC-01 taken on the manager's screen" 3 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t b | grep -q 'PC-01 .*in use .*Lena Vogel'"
ok "a start on one terminal is seen on the other in $(( $(now_ms) - t0 )) ms"

sleep 1.1	# a second played: one started minute
tm send-keys -t a x
e2e_wait a "Stop the session on PC-01?" 5
tm send-keys -t a y
e2e_wait a "Receipt" 5
e2e_screen a | grep -q "rounded half up to 0.01" || fail "receipt rule"
e2e_screen a | grep -q "cost 0.05 EUR from the wallet" ||
    fail "receipt cost: $(e2e_screen a)"
tm send-keys -t a Enter
e2e_wait a "PC-01 is free; charged 0.05 EUR." 5
e2e_until "PC-01 free on the manager's screen" 3 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t b | grep -q 'PC-01 .*free'"
"$CAFECTL" wallet history F-1001 | grep -q "seat.stop" ||
    fail "the charge is not in the wallet's history"
[ "$("$CAFECTL" wallet balance F-1001)" = 19.95 ] || fail "balance"
ok "stop: receipt, station free everywhere, charge in the wallet history"

tm send-keys -t a j g
e2e_wait a "Start a guest session on PC-02?" 5
tm send-keys -t a y
e2e_wait a "Guest session started on PC-02." 5
e2e_until "the guest on the manager's screen" 3 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t b | grep -q 'PC-02 .*guest'"
sleep 1.1
tm send-keys -t a x
e2e_wait a "How does the guest pay?" 5
tm send-keys -t a Enter
e2e_wait a "Stop the session on PC-02?" 5
tm send-keys -t a y
e2e_wait a "paid in cash" 5
tm send-keys -t a Enter
e2e_wait a "PC-02 is free" 5
ok "a guest pays cash into the cashier's shift"

tm send-keys -t a j M
e2e_wait a "Not allowed for your role." 5
ok "a cashier may not put a station in maintenance"

e2e_goto b Dashboard
e2e_wait b "Floor" 5
e2e_screen b | grep -q "0 in use, 2 free, 0 reserved, 1 out of order" ||
    fail "dashboard floor: $(e2e_screen b)"
ok "the dashboard shows the occupancy"

e2e_goto b Stations "PC-01"
tm send-keys -t b r
e2e_wait b "Jonas Richter" 5
e2e_screen b | grep -q "PC-02 .*Standard .*Jonas Richter .*booked" ||
    fail "bookings: $(e2e_screen b)"
tm send-keys -t b Right
e2e_wait b "No bookings that day." 5
tm send-keys -t b t
e2e_wait b "Jonas Richter" 5
tm send-keys -t b Escape
e2e_until "the bookings to close" 5 sh -c "! tmux -L $E2E_SOCK \
    capture-pane -p -t b | grep -q 'Jonas Richter'"
ok "today's bookings from the stations screen; other days"

# Time moves on with nothing else changing: a session started (by the
# clock) 57 s ago shows 0:00 played, then 0:01 within seconds.
CAFED_NOW=$(date -u -d '-57 sec' +%Y-%m-%dT%H:%M:%SZ) "$CAFECTL" session \
    start PC-01 --customer F-1001 >/dev/null || fail "session start"
e2e_until "the session on the cashier's screen" 5 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t a | grep -q 'PC-01 .*Lena Vogel .* 0:00 '"
e2e_until "the time played to move on" 10 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t a | grep -q 'PC-01 .*Lena Vogel .* 0:01 '"
ok "the time played moves on by itself"

# Managing the floor from the screen (station.manage): zones with their
# prices, then stations; a refusal says why and writes nothing.
zones() { "$CAFECTL" zone list; }
# z on the manager's screen, then the Nth entry (0: the first) and Enter
zone_pick() {
	tm send-keys -t b z
	e2e_wait b "Zones (prices in EUR)" 5
	i=0
	while [ $i -lt "$1" ]; do tm send-keys -t b Down; i=$((i + 1)); done
	tm send-keys -t b Enter
}
tm send-keys -t b z
e2e_wait b "Zones (prices in EUR)" 5
e2e_screen b | grep -q "Standard .*3.00/h  guest  *3.00/h  min  *0.00 .* 2 st" ||
    fail "the zone list: $(e2e_screen b)"
tm send-keys -t b Down Down Enter
e2e_wait b "New zone" 5
tm send-keys -t b -l "standard"
tm send-keys -t b Tab
tm send-keys -t b -l "2.50"
tm send-keys -t b Enter
e2e_wait b "a zone has that name already" 5
tm send-keys -t b C-u
tm send-keys -t b -l "Console"
tm send-keys -t b Tab Tab Tab C-u
tm send-keys -t b -l "1.00"
tm send-keys -t b Enter
e2e_wait b "Zone Console saved" 5
zones | grep -q "$(printf 'Console\t2.50\t2.50\t1.00\t0')" ||
    fail "zone not stored: $(zones)"
[ "$(zones | grep -ci '^standard')" = 1 ] || fail "a second Standard"
ok "a zone is added from the screen; a taken name is refused inline"

tm send-keys -t b a
e2e_wait b "New station" 5
tm send-keys -t b -l "PS5-1"
tm send-keys -t b Tab C-u
tm send-keys -t b -l "Nowhere"
tm send-keys -t b Enter
e2e_wait b "no such zone" 5
tm send-keys -t b C-u
tm send-keys -t b -l "Console"
tm send-keys -t b Tab
tm send-keys -t b -l "PS5, two pads"
tm send-keys -t b Enter
e2e_wait b "Added PS5-1 in Console; it is free." 5
e2e_until "the new station on the cashier's screen" 3 sh -c "tmux -L \
    $E2E_SOCK capture-pane -p -t a | grep -q 'PS5-1 .*free'"
"$CAFECTL" station list | grep -q "$(printf '^PS5-1\tConsole\tfree\t')" ||
    fail "station not stored: $("$CAFECTL" station list)"
ok "a station is added from the screen and seen on the other terminal"

tm send-keys -t b / && tm send-keys -t b -l "PS5-1" && tm send-keys -t b Enter
tm send-keys -t b E
e2e_wait b "Station PS5-1" 5
tm send-keys -t b Tab Tab C-u
tm send-keys -t b -l "PS5 Pro"
tm send-keys -t b Enter
e2e_wait b "PS5-1 saved." 5
"$CAFECTL" station list | grep -q "PS5-1.*PS5 Pro$" ||
    fail "the note is not changed: $("$CAFECTL" station list)"
tm send-keys -t b R
e2e_wait b "Retire PS5-1?" 5
tm send-keys -t b y
e2e_wait b "PS5-1 is retired." 5
"$CAFECTL" station list | grep -q "^PS5-1" && fail "PS5-1 still listed"
ok "a station is edited and retired from the screen"

zone_pick 1
e2e_wait b "Retire it" 5
tm send-keys -t b Down Enter
e2e_wait b "Retire zone Standard?" 5
tm send-keys -t b y
e2e_wait b "Standard still has 2 stations: move or retire them first." 5
zone_pick 0
e2e_wait b "Retire it" 5
tm send-keys -t b Down Enter
e2e_wait b "Retire zone Console?" 5
tm send-keys -t b y
e2e_wait b "Zone Console is retired." 5
zones | grep -q "^Console" && fail "Console still listed"
zones | grep -q "^Standard" || fail "Standard retired with stations in it"
for a in zone.add station.add station.edit station.retire zone.retire; do
	[ "$(e2e_audit_count $a)" -ge 1 ] || fail "$a not audited"
done
ok "a zone with stations stays; an empty one is retired; all audited"

# Time rules and packages, from the zones dialog (Standard, VIP, then
# New zone, Time rules, Packages).
zone_pick 3
e2e_wait b "New time rule..." 5
tm send-keys -t b Enter
e2e_wait b "New time rule (the café's local time)" 5
tm send-keys -t b -l "Happy hour"
tm send-keys -t b Tab
tm send-keys -t b -l "Standard"
tm send-keys -t b Tab C-u
tm send-keys -t b -l "mon-fri"
tm send-keys -t b Tab
tm send-keys -t b -l "25:00"
tm send-keys -t b Tab
tm send-keys -t b -l "17:00"
tm send-keys -t b Tab
tm send-keys -t b -l "2.00"
tm send-keys -t b Enter
e2e_wait b "a time from 00:00 to 24:00" 5
[ -z "$("$CAFECTL" rule list)" ] || fail "a rule with a bad time stored"
tm send-keys -t b C-u
tm send-keys -t b -l "14:00"
tm send-keys -t b Enter
e2e_wait b "Rule Happy hour saved" 5
"$CAFECTL" rule list | grep -q "$(printf 'Standard\tHappy hour\tmon-fri\t14:00\t17:00\t2.00\t2.00')" ||
    fail "rule not stored: $("$CAFECTL" rule list)"
zone_pick 3
e2e_wait b "Happy hour" 5
tm send-keys -t b Enter
e2e_wait b "Remove the time rule Happy hour?" 5
tm send-keys -t b y
e2e_wait b "Rule Happy hour removed." 5
[ -z "$("$CAFECTL" rule list)" ] || fail "the rule is still in force"
ok "a time rule is added (a bad time refused) and removed from the screen"

zone_pick 4
e2e_wait b "Packages on sale" 5
tm send-keys -t b Enter
e2e_wait b "New package of prepaid time" 5
tm send-keys -t b -l "3 hours"
tm send-keys -t b Tab Tab
tm send-keys -t b -l "180"
tm send-keys -t b Tab
tm send-keys -t b -l "10.00"
tm send-keys -t b Enter
e2e_wait b "Package 3 hours is on sale" 5
"$CAFECTL" package list | grep -q "^3 hours.*180.*10.00" ||
    fail "package not stored: $("$CAFECTL" package list)"
zone_pick 4
e2e_wait b "all zones" 5
tm send-keys -t b Enter
e2e_wait b "Stop selling 3 hours?" 5
tm send-keys -t b y
e2e_wait b "Package 3 hours is no longer sold." 5
"$CAFECTL" package list | grep -q "^3 hours" && fail "still on sale"
for a in rule.add rule.remove package.add package.retire; do
	[ "$(e2e_audit_count $a)" = 1 ] || fail "$a not audited once"
done
ok "a package is put on sale and retired from the screen"

tm send-keys -t a a
e2e_wait a "Not allowed for your role." 5
ok "a cashier may not add stations"

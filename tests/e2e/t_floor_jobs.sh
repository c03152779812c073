#!/bin/sh
# t_floor_jobs.sh -- cafed's own periodic jobs run the floor, with nobody
# logged in: a member session that ran past its wallet while cafed was
# down is ended as soon as cafed is up (wallet to zero, the rest booked
# as debt); one about to use up its wallet is ended charging exactly the
# minute used; a booking nobody came for is released as a no-show.
. "$(dirname "$0")/lib.sh"

# ISO 8601 UTC, SECS seconds ago
ago() { date -u -d "@$(( $(date +%s) - $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
ctl() { "$CAFECTL" "$@" >/dev/null || fail "cafectl $*"; }

e2e_init
e2e_user ada admin
ctl zone add Standard --hourly 6.00
ctl zone add Fast --hourly 60.00
ctl station add PC-01 --zone Standard
ctl station add PC-02 --zone Fast
ctl station add PC-03 --zone Standard
ctl customer add Ann --card 1001
ctl customer add Ben --card 1002
ctl customer add Cal --card 1003
shift=$("$CAFECTL" shift open --user ada --float 0) || fail "shift open"
ctl wallet topup 1001 1.00 --shift "$shift"
ctl wallet topup 1002 1.00 --shift "$shift"

# Ann sat down 1 h 59 min 30 s ago at 6.00 an hour with 1.00: cafed was
# down all along. Ben has one minute (60.00 an hour) and is in his last
# seconds of it. Cal booked PC-03 from 1 h ago and never came.
CAFED_NOW=$(ago 7170) "$CAFECTL" session start PC-01 --customer 1001 \
    >/dev/null || fail "Ann's session"
CAFED_NOW=$(ago 52) "$CAFECTL" session start PC-02 --customer 1002 \
    >/dev/null || fail "Ben's session"
CAFED_NOW=$(ago 7200) "$CAFECTL" reserve PC-03 --customer 1003 \
    --from "$(ago 3600)" --to "$(ago -3600)" >/dev/null ||
    fail "Cal's booking"
[ "$("$CAFECTL" session list | wc -l)" = 2 ] || fail "two sessions run"

e2e_start
sessions() { [ "$("$CAFECTL" session list | wc -l)" = 0 ]; }
e2e_until "the sessions to end" 30 sessions
row=$(sq "SELECT end_reason, cost, paid, debt FROM seat_sessions s JOIN
    stations t ON t.id = s.station_id WHERE t.name = 'PC-01'")
[ "$row" = "expired|1200|100|1100" ] ||
    fail "Ann: 120 min at 6.00, 1.00 paid, 11.00 owed; got $row"
[ "$("$CAFECTL" wallet balance 1001)" = 0.00 ] || fail "Ann's wallet"
ok "a session past its wallet: charged to zero, the rest owed"

row=$(sq "SELECT end_reason, cost, paid, debt FROM seat_sessions s JOIN
    stations t ON t.id = s.station_id WHERE t.name = 'PC-02'")
[ "$row" = "expired|100|100|0" ] ||
    fail "Ben: his one minute, 1.00 paid, nothing owed; got $row"
[ "$("$CAFECTL" wallet balance 1002)" = 0.00 ] || fail "Ben's wallet"
ok "a session whose wallet runs out ends, charged exactly the minute used"

noshow() { [ "$(sq "SELECT state FROM reservations")" = released ]; }
e2e_until "the no-show" 20 noshow
[ "$(sq "SELECT count(*) FROM audit WHERE action = 'reservation.noshow'
    AND actor = 'system'")" = 1 ] || fail "the no-show is not audited"
[ "$(sq "SELECT count(*) FROM audit WHERE action = 'seat.expire'
    AND actor = 'system'")" = 2 ] || fail "the expiries are not audited"
e2e_log_has "seat.expire sessions=" || fail "the expiry is not logged"
ok "a booking nobody came for is released, audited as a no-show"

"$CAFECTL" ledger verify | grep -q "^ok " || fail "ledger verify"
ok "the ledger verifies"

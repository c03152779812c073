#!/bin/sh
# t_cli_contract.sh -- cafectl's contract for scripts: exact output,
# exit codes, one-line errors that change nothing.
set -u
# sqlite3 waits for a writer instead of failing with "locked".
sql() { sqlite3 -cmd ".timeout 10000" "$@"; }
CAFECTL=${CAFECTL:-build/cafectl}
case $CAFECTL in /*) ;; *) CAFECTL=$PWD/$CAFECTL ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/cafed-cli.XXXXXX")
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
	[ "$got" = "$want" ] || fail "exit $got, want $want: $* ($(cat "$T/err"))"
}
one_err_line() {
	[ "$(wc -l <"$T/err")" = 1 ] && grep -q '^cafectl: ' "$T/err" ||
	    fail "$1: not one 'cafectl: ' line: $(cat "$T/err")"
}
ctl() { "$CAFECTL" --db "$T/cafe.db" "$@"; }

# init
expect 0 ctl init --currency EUR --timezone Europe/Berlin --name "Pixel Den"
grep -Eq '^[0-9a-f-]{36}$' "$T/out" || fail "init prints the cafe id"
[ "$(stat -c %a cafe.db.key)" = 600 ] || fail "key mode is not 0600"
sum=$(md5sum cafe.db cafe.db.key)
expect 1 ctl init
one_err_line "second init"
[ "$(md5sum cafe.db cafe.db.key)" = "$sum" ] || fail "second init changed files"
expect 1 "$CAFECTL" --db "$T/other.db" init --currency XYZ
one_err_line "bad currency"
[ ! -e other.db ] && [ ! -e other.db.key ] || fail "bad init left files"
expect 1 "$CAFECTL" --db "$T/other.db" init --timezone Mars/Base
[ ! -e other.db ] || fail "bad zone left a database"

# users
echo "$PW" | ctl user add Ada --role admin --password-stdin >"$T/out" 2>"$T/err"
grep -Eq '^[0-9]+$' "$T/out" || fail "user add prints the id: $(cat "$T/out" "$T/err")"
echo "$PW" >"$T/pw"
expect 1 ctl user add ada --role cashier --password-stdin <"$T/pw"
one_err_line "duplicate user"
grep -q 'exists' "$T/err" || fail "duplicate says exists"
echo "password1234" >"$T/weak"
expect 1 ctl user add bob --role cashier --password-stdin <"$T/weak"
one_err_line "common password"
expect 1 ctl user add "bad name" --role cashier --password-stdin <"$T/pw"
one_err_line "bad name"
expect 1 ctl user add carl --role wizard --password-stdin <"$T/pw"
expect 2 ctl user add carl --password-stdin <"$T/pw"
expect 0 ctl user add carl --role cashier --password-stdin \
    --totp-secret JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP <"$T/pw"
expect 0 ctl user list
[ "$(wc -l <"$T/out")" = 2 ] || fail "user list: two lines, no header"
grep -q "$(printf 'carl\tcashier\tenabled\tenrolled')" "$T/out" ||
    fail "user list fields: $(cat "$T/out")"
expect 1 ctl user disable ada
grep -q 'last enabled admin' "$T/err" || fail "last admin message"
expect 0 ctl user role carl auditor
expect 1 ctl user role nobody auditor
one_err_line "unknown user"
expect 0 ctl user recovery-codes carl
[ "$(grep -Ec '^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$' "$T/out")" = 10 ] ||
    fail "ten recovery codes"
expect 0 ctl user reset-totp carl
expect 0 ctl user passwd carl --password-stdin <"$T/pw"

# audit
expect 0 ctl audit verify
grep -Eq '^ok [0-9]+ rows [0-9a-f]{64}$' "$T/out" || fail "verify: $(cat "$T/out")"
head=$(awk '{print $2 ":" $4}' "$T/out")
expect 0 ctl audit list --limit 3 --action user.role
grep -q 'user.role' "$T/out" || fail "audit list --action"
expect 0 ctl audit verify --head "$head"
expect 2 ctl audit verify --head nonsense

# backup and restore
expect 0 ctl backup "$T/b1.db"
grep -q "^audit head $head" "$T/out" || fail "backup head: $(cat "$T/out")"
grep -q 'cafe.db.key' "$T/out" || fail "backup names the key"
expect 1 ctl backup "$T/b1.db"
expect 0 ctl settings set cafe.name "Other Name"
expect 0 ctl restore "$T/b1.db"
ctl settings list | grep -q "$(printf 'cafe.name\tPixel Den')" ||
    fail "restore brought the old name back"
cp b1.db broken.db
sql broken.db "DROP TRIGGER audit_no_update; UPDATE audit SET detail='x' WHERE id=2"
expect 1 ctl restore "$T/broken.db"
grep -q 'audit chain' "$T/err" || fail "restore refuses a broken chain"

# tampering is named
sql cafe.db "DROP TRIGGER audit_no_update; UPDATE audit SET actor='mallory' WHERE id=3"
expect 1 ctl audit verify
grep -q '^broken at row 3' "$T/out" || fail "verify names row 3: $(cat "$T/out")"

# refusals of the environment
echo "not a db" >junk.db
expect 1 "$CAFECTL" --db "$T/junk.db" --key "$T/cafe.db.key" user list
grep -q 'not a cafed database' "$T/err" || fail "junk db message"
chmod 644 cafe.db.key
expect 1 ctl user list
grep -q 'readable by others' "$T/err" || fail "key mode refused"
chmod 600 cafe.db.key
expect 0 ctl migrate
grep -q 'up to date' "$T/out" || fail "migrate up to date"
expect 2 ctl frobnicate
expect 0 ctl --help
expect 0 ctl user add --help
grep -q 'totp-secret' "$T/out" || fail "command help"

[ $fails = 0 ] && echo "cli contract: ok" && exit 0
exit 1

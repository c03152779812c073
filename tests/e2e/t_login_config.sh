#!/bin/sh
# t_login_config.sh -- cafed -t checks the configuration and exits:
# silent and 0 when good; an unknown keyword or a bad value names the
# file, the line and the reason; the command line wins over the file.
. "$(dirname "$0")/lib.sh"

e2e_init
"$CAFED" --config "$E2E_CONF" -t >"$E2E_DIR/out" 2>&1 ||
    fail "a good configuration refused: $(cat "$E2E_DIR/out")"
[ ! -s "$E2E_DIR/out" ] || fail "cafed -t said: $(cat "$E2E_DIR/out")"
ok "a good configuration: silent, 0"

printf 'port = 2299\nidle_timout = 5m\n' >>"$E2E_CONF"
if "$CAFED" --config "$E2E_CONF" -t 2>"$E2E_DIR/err"; then
	fail "an unknown keyword was accepted"
fi
grep -qx "cafed: $E2E_CONF:3: unknown keyword 'idle_timout'" \
    "$E2E_DIR/err" || fail "said: $(cat "$E2E_DIR/err")"
ok "unknown keyword: $(cat "$E2E_DIR/err")"

printf 'db = %s\nmax_startups = many\n' "$E2E_DB" >"$E2E_CONF"
if "$CAFED" --config "$E2E_CONF" -t 2>"$E2E_DIR/err"; then
	fail "a bad value was accepted"
fi
grep -qx "cafed: $E2E_CONF:2: max_startups: 'many' is not a number" \
    "$E2E_DIR/err" || fail "said: $(cat "$E2E_DIR/err")"
ok "bad value: $(cat "$E2E_DIR/err")"

printf 'db = %s\nport = 2299\n' "$E2E_DB" >"$E2E_CONF"
"$CAFED" --config "$E2E_CONF" --port 2300 -T | grep -qx "port = 2300" ||
    fail "the command line did not win"
if "$CAFED" --config "$E2E_CONF" --port 0 -t 2>"$E2E_DIR/err"; then
	fail "port 0 was accepted"
fi
grep -q "command line: port: '0' is out of range" "$E2E_DIR/err" ||
    fail "said: $(cat "$E2E_DIR/err")"
ok "the command line wins, and is checked the same way"

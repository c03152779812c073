#!/bin/sh
# t_login_hostkey.sh -- the ed25519 host key is made on first start with
# mode 0600 and kept across restarts; `cafectl hostkey`, the log and the
# key the server presents all give the fingerprint ssh-keygen -l shows;
# a host key others may read is refused.
. "$(dirname "$0")/lib.sh"

e2e_init
HK=$E2E_DB.hostkey
[ ! -e "$HK" ] || fail "a host key before the first start"
e2e_start
[ "$(stat -c %a "$HK")" = 600 ] || fail "host key mode $(stat -c %a "$HK")"
ok "the host key is made on first start, mode 600"

want=$(ssh-keygen -lf "$HK" | awk '{ print $2 }')
got=$("$CAFECTL" hostkey) || fail "cafectl hostkey"
[ "$got" = "$want" ] || fail "cafectl hostkey says $got, ssh-keygen $want"
[ "$("$CAFECTL" hostkey --host-key "$HK")" = "$want" ] ||
    fail "cafectl hostkey --host-key differs"
e2e_log_has "fingerprint=$want created=1" || fail "not logged"
served=$(ssh-keyscan -t ed25519 -p "$E2E_PORT" 127.0.0.1 2>/dev/null |
    ssh-keygen -lf - | awk '{ print $2 }')
[ "$served" = "$want" ] || fail "the server presents $served"
ok "cafectl hostkey = ssh-keygen -lf = the log = the key served ($want)"

kill -TERM "$E2E_PID"
wait "$E2E_PID" || fail "cafed exited with $?"
E2E_PID=
e2e_start
[ "$("$CAFECTL" hostkey)" = "$want" ] || fail "the key changed on restart"
e2e_log_has "created=1" && fail "the key was made again"
ok "the same key after a restart"

kill -TERM "$E2E_PID"
wait "$E2E_PID" || true
E2E_PID=
chmod 644 "$HK"
if "$CAFED" --config "$E2E_CONF" -t 2>"$E2E_DIR/err"; then
	fail "a readable host key was accepted"
fi
grep -q "may be read by others" "$E2E_DIR/err" || fail "$(cat "$E2E_DIR/err")"
ok "a host key others may read is refused"

#!/bin/sh
# demo.sh -- `make demo`: a fresh demo café under ./demo/ with one user
# per role, then cafed on 127.0.0.1:2222 in the foreground (Ctrl-C
# stops it). Prints how to log in as each user. Later issues add seed
# data through tools/demo-seed.sh.
set -eu
cd "$(dirname "$0")/.."

if [ -z "${CAFED:-}" ] || [ -z "${CAFECTL:-}" ]; then
	make -s all
	CAFED=build/cafed
	CAFECTL=build/cafectl
fi
export CAFECTL
PORT=${DEMO_PORT:-2222}
DIR=demo
DB=$DIR/cafe.db

rm -rf "$DIR"
mkdir -p "$DIR"
"$CAFECTL" --db "$DB" init --name "Demo Café" >/dev/null 2>&1

# name role password TOTP-secret (fixed, so an authenticator app entry
# keeps working from one demo to the next; never use them for real).
USERS="ada admin Copper-Kettle-Harbor-71 Z7ZVPJTZZ6L3K4JTM7ZZF5NEZYI5WWBN
max manager Velvet-Orchard-Signal-28 XPFCGJ7NQQWTJJK47CLEVHVLMZ7TXUJ4
cleo cashier Maple-Rocket-Tunnel-54 2Y2QVKCVVQCPU6LE27H4CTPL23UX7WMY
otto auditor Quartz-Meadow-Lantern-39 6VKQAWUX5372LC2UBZUOLCJ4B7RJTVY6"

echo "$USERS" | while read -r name role pw secret; do
	echo "$pw" | "$CAFECTL" --db "$DB" user add "$name" --role "$role" \
	    --password-stdin --totp-secret "$secret" >/dev/null
done

if [ -f tools/demo-seed.sh ]; then
	sh tools/demo-seed.sh "$DB"
fi

# The host key now, so its fingerprint can be shown before cafed runs.
ssh-keygen -q -t ed25519 -N '' -C cafed-demo -f "$DB.hostkey"
rm -f "$DB.hostkey.pub"
FP=$("$CAFECTL" --db "$DB" hostkey)

cat <<INTRO

cafed demo: $DB (fresh), listening on 127.0.0.1:$PORT
Host key fingerprint (your ssh client shows it the first time):
    $FP

Users (password, then the code of the TOTP secret):
INTRO
echo "$USERS" | while read -r name role pw secret; do
	printf '    %-5s %-8s password %-26s secret %s\n' "$name" "$role" \
	    "$pw" "$secret"
	printf '          code: oathtool --totp -b %s\n' "$secret"
	printf '          ssh -p %s %s@127.0.0.1\n' "$PORT" "$name"
done
cat <<OUTRO

Ctrl-C stops the server.

OUTRO
exec "$CAFED" --db "$DB" --listen 127.0.0.1 --port "$PORT"

#!/bin/sh
# deps.sh -- install the Debian packages cafed needs, silently when all
# are present. Run as root (or with sudo available).
set -eu

PKGS="build-essential pkg-config libssh-dev libncurses-dev libsqlite3-dev
sqlite3 libsodium-dev liboath-dev oathtool libqrencode-dev libinih-dev
check tmux openssh-client openssh-server mandoc procps tzdata
python3"

missing=
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "make deps: installing$missing" >&2
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing \
    >/dev/null 2>&1; then
	$SUDO apt-get update -qq >/dev/null
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

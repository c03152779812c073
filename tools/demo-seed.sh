#!/bin/sh
# demo-seed.sh DB -- fill the demo database: runs tools/demo-seed.d/*.sh
# in order, each with CAFECTL and CAFED_DB set, each adding its part of
# the demo café (customers, stations, products, history...).
set -eu
DB=$1
export CAFED_DB="$DB"
: "${CAFECTL:=build/cafectl}"
export CAFECTL
for s in "$(dirname "$0")"/demo-seed.d/*.sh; do
	[ -f "$s" ] || continue
	sh "$s"
done

#!/bin/sh
# run.sh -- make bench: every benchmark program (bench/*.c, built into
# $BUILD/bench/) and script (bench/*.sh), each printing its figures.
set -u
BUILD=${BUILD:-build}
status=0
for b in "$BUILD"/bench/*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || status=1
done
for s in bench/bench_*.sh; do
	[ -f "$s" ] || continue
	echo "== $(basename "$s" .sh)"
	sh "$s" || status=1
done
exit $status

#!/bin/sh
# run-unit.sh -- run every Check suite; exit 1 if any fails.
fail=0
for t in "$@"; do
	echo "== $(basename "$t")"
	if ! "$t"; then
		fail=1
		echo "FAILED: $t"
	fi
done
exit $fail

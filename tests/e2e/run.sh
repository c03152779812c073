#!/bin/bash
# run.sh -- run every tests/e2e/t_*.sh, two at a time, each bounded by a
# timeout; print PASS/FAIL per test and "e2e: N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
: "${CAFED:=build/cafed}" "${CAFECTL:=build/cafectl}"
CAFED=$(cd "$(dirname "$CAFED")" && pwd)/$(basename "$CAFED")
CAFECTL=$(cd "$(dirname "$CAFECTL")" && pwd)/$(basename "$CAFECTL")
export CAFED CAFECTL
JOBS=${E2E_JOBS:-2}
LIMIT=${E2E_TIMEOUT:-300}
out=$(mktemp -d "${TMPDIR:-/tmp}/cafed-e2e.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

run_one() {
	t=$1
	name=$(basename "$t" .sh)
	if timeout -k 10 "$LIMIT" sh "$t" >"$out/$name.log" 2>&1; then
		echo pass >"$out/$name.res"
	else
		echo fail >"$out/$name.res"
	fi
}

running=0
for t in tests/e2e/t_*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

pass=0
fail=0
for r in "$out"/*.res; do
	[ -f "$r" ] || continue
	name=$(basename "$r" .res)
	if [ "$(cat "$r")" = pass ]; then
		pass=$((pass + 1))
		echo "PASS $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		# What passed and what failed first, then the end of the log.
		grep -E '^(ok|FAIL|not ok)' "$out/$name.log" | sed 's/^/    /'
		grep -vE '^\s*$' "$out/$name.log" | tail -60 | sed 's/^/    | /'
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

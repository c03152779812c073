# lib.sh -- shared helpers of the end-to-end tests (POSIX sh; sourced).
#
# Each test gets a temporary directory with a fresh database, a cafed on
# a free loopback port, and its own tmux server (-L) in which the real
# OpenSSH client runs at 80x24. Every wait polls a condition with a
# bound (E2E_WAIT seconds, default 20) and fails rather than hangs.
# Everything is cleaned up on exit.
#
#   e2e_init                      database, key, empty cafed.conf
#   e2e_user NAME ROLE [SECRET]   add a user (no SECRET: must enroll)
#   e2e_conf 'keyword = value'    add a line to cafed.conf
#   e2e_start                     start cafed; sets E2E_PORT, E2E_PID
#   e2e_ssh WIN USER [OPTS] [-- CMD]  ssh in tmux window WIN (password)
#   e2e_wait WIN TEXT [SECS]      wait until TEXT is on WIN's screen
#   e2e_wait_n WIN TEXT N         ... until it is there N times
#   e2e_type WIN TEXT             type TEXT and Enter
#   e2e_code SECRET [OFFSET]      the TOTP code at now + OFFSET seconds
#   e2e_login WIN USER SECRET     password and code: the UI is up
set -eu

: "${CAFED:=build/cafed}" "${CAFECTL:=build/cafectl}"
E2E_WAIT=${E2E_WAIT:-20}
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cafed-e2e.XXXXXX")
E2E_DB=$E2E_DIR/cafe.db
E2E_CONF=$E2E_DIR/cafed.conf
E2E_LOG=$E2E_DIR/cafed.log
E2E_SOCK=cafed-e2e-$$
E2E_PID=
E2E_PORT=
PASSWORD=Correct-Horse-Battery-42
# How ssh authenticates: by password (keyboard-interactive) unless a
# test sets a key here.
E2E_SSH_AUTH="-o PubkeyAuthentication=no"
export CAFED_DB="$E2E_DB"

e2e_cleanup() {
	status=$?
	if [ -n "$E2E_PID" ] && kill -0 "$E2E_PID" 2>/dev/null; then
		kill -TERM "$E2E_PID" 2>/dev/null || true
		i=0
		while kill -0 "$E2E_PID" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$E2E_PID" 2>/dev/null || true
	fi
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null || true
	# A sanitizer's report anywhere in cafed fails the test.
	if grep -q -e "ERROR: AddressSanitizer" -e "runtime error:" \
	    -e "ERROR: LeakSanitizer" "$E2E_LOG" 2>/dev/null; then
		echo "FAIL: sanitizer report in the cafed log:" >&2
		cat "$E2E_LOG" >&2
		status=1
	fi
	rm -rf "$E2E_DIR"
	exit $status
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# Our own tmux server, without the user's configuration, that stays up
# when its last session is closed.
tmux -L "$E2E_SOCK" -f /dev/null start-server \; \
    set-option -g exit-empty off

# Show what happened, then fail the test.
fail() {
	echo "FAIL: $*" >&2
	for w in $(tmux -L "$E2E_SOCK" list-windows -a -F '#{session_name}' \
	    2>/dev/null); do
		echo "--- screen of $w" >&2
		tmux -L "$E2E_SOCK" capture-pane -p -t "$w" >&2 || true
	done
	echo "--- cafed log" >&2
	cat "$E2E_LOG" >&2 2>/dev/null || true
	exit 1
}

ok() {
	echo "ok: $*"
}

e2e_init() {
	"$CAFECTL" init >/dev/null 2>&1 || fail "cafectl init"
	echo "db = $E2E_DB" >"$E2E_CONF"
}

# A random base32 TOTP secret (160 bits).
e2e_secret() {
	head -c 20 /dev/urandom | base32 | tr -d '=\n'
}

e2e_user() {
	if [ $# -ge 3 ]; then
		echo "$PASSWORD" | "$CAFECTL" user add "$1" --role "$2" \
		    --password-stdin --totp-secret "$3" >/dev/null ||
		    fail "user add $1"
	else
		echo "$PASSWORD" | "$CAFECTL" user add "$1" --role "$2" \
		    --password-stdin >/dev/null || fail "user add $1"
	fi
}

e2e_conf() {
	echo "$1" >>"$E2E_CONF"
}

# Poll a shell condition until it holds; fail after SECS seconds.
e2e_until() {
	what=$1
	secs=$2
	shift 2
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ $i -le $((secs * 10)) ] || fail "timed out waiting for $what"
		sleep 0.1
	done
}

e2e_log_has() {
	grep -q -- "$1" "$E2E_LOG" 2>/dev/null
}

e2e_wait_log() {
	e2e_until "'$1' in the log" "${2:-$E2E_WAIT}" e2e_log_has "$1"
}

e2e_listening() {
	e2e_log_has " listen addr=" || ! kill -0 "$E2E_PID" 2>/dev/null
}

# Start cafed on a free port (tries a few random ones).
e2e_start() {
	for try in 1 2 3 4 5; do
		E2E_PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		: >"$E2E_LOG"
		"$CAFED" --config "$E2E_CONF" --port "$E2E_PORT" \
		    >"$E2E_LOG" 2>&1 &
		E2E_PID=$!
		e2e_until "cafed to listen" "$E2E_WAIT" e2e_listening
		if kill -0 "$E2E_PID" 2>/dev/null; then
			return 0
		fi
		wait "$E2E_PID" 2>/dev/null || true
		grep -q "listen.error" "$E2E_LOG" || fail "cafed did not start"
	done
	fail "no free port found"
}

# ssh in a new tmux session WIN with options, then "--" and a command
# if any; the pane stays after ssh ends and shows "EXIT=<status>".
e2e_ssh() {
	win=$1
	user=$2
	shift 2
	opts=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		opts="$opts $1"
		shift
	done
	[ $# -gt 0 ] && shift
	tmux -L "$E2E_SOCK" new-session -d -s "$win" -x 80 -y 24 \
	    "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	    $E2E_SSH_AUTH -o LogLevel=ERROR -p $E2E_PORT $opts \
	    $user@127.0.0.1 $*; echo EXIT=\$?; sleep 600"
}

# tmux on the tests' own server.
tm() {
	tmux -L "$E2E_SOCK" "$@"
}

e2e_screen() {
	tmux -L "$E2E_SOCK" capture-pane -p -t "$1"
}

e2e_screen_has() {
	e2e_screen "$1" | grep -q -F -- "$2"
}

e2e_wait() {
	e2e_until "'$2' on $1" "${3:-$E2E_WAIT}" e2e_screen_has "$1" "$2"
}

# The number key of WIN's tab whose title starts with NAME (at least its
# first four letters are always on the bar), or fail.
e2e_tab() {
	n=$(e2e_screen "$1" | sed -n 2p |
	    grep -o "[0-9] $(printf '%.4s' "$2")" | head -1 | cut -c1)
	[ -n "$n" ] || fail "no tab $2 on $1: $(e2e_screen "$1" | sed -n 2p)"
	echo "$n"
}

# Open WIN's tab NAME and wait for TEXT on it.
e2e_goto() {
	tm send-keys -t "$1" "$(e2e_tab "$1" "$2")"
	[ -z "${3:-}" ] || e2e_wait "$1" "$3" 5
}

e2e_screen_lacks() {
	! e2e_screen_has "$1" "$2"
}

# Wait until TEXT is gone from WIN's screen (a dialog closed).
e2e_gone() {
	e2e_until "'$2' gone from $1" "${3:-$E2E_WAIT}" e2e_screen_lacks \
	    "$1" "$2"
}

# How many times TEXT is on WIN's screen.
e2e_count() {
	e2e_screen "$1" | grep -c -F -- "$2" || true
}

# Close window WIN (its ssh gets SIGHUP).
e2e_close() {
	tmux -L "$E2E_SOCK" kill-session -t "$1"
}

# Wait until TEXT is on WIN's screen at least N times.
e2e_wait_n() {
	e2e_at_least() {
		[ "$(e2e_count "$1" "$2")" -ge "$3" ]
	}
	e2e_until "$3 x '$2' on $1" "${4:-$E2E_WAIT}" e2e_at_least "$1" "$2" \
	    "$3"
}

e2e_type() {
	tmux -L "$E2E_SOCK" send-keys -t "$1" -l "$2"
	tmux -L "$E2E_SOCK" send-keys -t "$1" Enter
}

e2e_code() {
	oathtool --totp -b -N "@$(($(date +%s) + ${2:-0}))" "$1"
}

# Log in with the password and the current code; wait for the UI.
e2e_login() {
	e2e_ssh "$1" "$2"
	e2e_wait "$1" "Password:"
	e2e_type "$1" "$PASSWORD"
	e2e_wait "$1" "Verification code:"
	e2e_type "$1" "$(e2e_code "$3" "${4:-0}")"
	e2e_wait "$1" "Dashboard"
}

# The id of USER's live login (empty if none).
e2e_login_id() {
	"$CAFECTL" login list | awk -v u="$1" '$2 == u { print $1; exit }'
}

# The number of audit rows with this action.
e2e_audit_count() {
	sq "SELECT count(*) FROM audit WHERE action = '$1'"
}

# sqlite3 on the test database (sq SQL) or another one (sql DB SQL):
# it waits for a writer (cafed, cafectl) instead of failing with
# "database is locked", as the bare shell does at once.
sql() { sqlite3 -cmd ".timeout 10000" "$@"; }
sq() { sql "$E2E_DB" "$@"; }

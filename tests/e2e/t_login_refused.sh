#!/bin/sh
# t_login_refused.sh -- a wrong password, a wrong code and an unknown
# user get the same prompts and the same answer, no sooner than
# auth_fail_delay after the code; each failure is audited with its
# reason (which the client never sees).
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 1500ms"
S=$(e2e_secret)
e2e_user bob cashier "$S"
e2e_user carol cashier "$S"
e2e_start

now_ms() {
	date +%s%3N
}

# One round: PASSWORD and CODE for USER in window WIN; prints the time
# from the code to the next prompt, in ms.
round() {
	e2e_ssh "$1" "$2"
	e2e_wait "$1" "Password:"
	e2e_type "$1" "$3"
	e2e_wait "$1" "Verification code:"
	t0=$(now_ms)
	e2e_type "$1" "$4"
	e2e_wait_n "$1" "Password:" 2
	echo $(($(now_ms) - t0))
}

t1=$(round w1 bob "wrong-$PASSWORD" "$(e2e_code "$S")")
t2=$(round w2 carol "$PASSWORD" "000000")
t3=$(round w3 nobody "$PASSWORD" "$(e2e_code "$S")")
for t in "$t1" "$t2" "$t3"; do
	[ "$t" -ge 1400 ] || fail "a failure answered after $t ms"
	[ "$t" -le 6000 ] || fail "a failure took $t ms"
done
ok "same prompts and answer: $t1 / $t2 / $t3 ms"

for w in w1 w2 w3; do
	e2e_screen_has $w "Dashboard" && fail "$w reached the dashboard"
done
reasons=$(sq "SELECT detail FROM audit WHERE
    action = 'auth.fail' ORDER BY id")
echo "$reasons" | grep -q "reason=wrong password" || fail "no wrong password"
echo "$reasons" | grep -q "reason=wrong code" || fail "no wrong code"
echo "$reasons" | grep -q "reason=unknown user" || fail "no unknown user"
ok "audited: $(echo "$reasons" | tr '\n' ' ')"

# After three rounds the client gives up.
e2e_type w1 "x"
e2e_wait_n w1 "Verification code:" 2
e2e_type w1 "1"
e2e_wait_n w1 "Password:" 3
e2e_type w1 "x"
e2e_wait_n w1 "Verification code:" 3
e2e_type w1 "1"
e2e_wait w1 "Permission denied"
e2e_wait w1 "EXIT=255"
ok "three rounds, then permission denied"

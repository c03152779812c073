#!/bin/sh
# t_login_enroll.sh -- a user without TOTP logs in with the password
# alone, in enrollment mode (the UI shows the enrollment first); a
# wrong password for such a user is still asked the code, so the
# prompts do not tell who has TOTP.
. "$(dirname "$0")/lib.sh"

e2e_init
e2e_conf "auth_fail_delay = 200ms"
e2e_user olga cashier
e2e_start

e2e_ssh w1 olga
e2e_wait w1 "Password:"
e2e_type w1 "wrong-$PASSWORD"
e2e_wait w1 "Verification code:"
e2e_type w1 "123456"
e2e_wait_n w1 "Password:" 2
ok "a wrong password is still asked the code"

e2e_type w1 "$PASSWORD"
logged_in() {
	[ -n "$(e2e_login_id olga)" ]
}
# No code is typed this time: the login exists only if none was asked.
e2e_until "olga's login" 20 logged_in
e2e_log_has "auth.ok user=olga addr=127.0.0.1 method=password enroll=1" ||
    fail "not logged as an enrollment"
ok "the password alone logs in, in enrollment mode"

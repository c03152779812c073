#!/bin/sh
# t_login_pubkey.sh -- an SSH key registered with `cafectl user key add`
# replaces the password; the code is still asked. Keys are listed and
# deleted by fingerprint; an unregistered key falls back to the password.
. "$(dirname "$0")/lib.sh"

e2e_init
S=$(e2e_secret)
e2e_user nora cashier "$S"
ssh-keygen -q -t ed25519 -N '' -C nora@till -f "$E2E_DIR/id" ||
    fail "ssh-keygen"
fp=$(ssh-keygen -lf "$E2E_DIR/id.pub" | awk '{ print $2 }')
[ "$("$CAFECTL" user key add nora "$E2E_DIR/id.pub")" = "$fp" ] ||
    fail "key add did not print the fingerprint"
"$CAFECTL" user key list nora |
    grep -q "^$fp	ssh-ed25519	.*	nora@till$" ||
    fail "key list: $("$CAFECTL" user key list nora)"
"$CAFECTL" user key add nora "$E2E_DIR/id.pub" 2>/dev/null &&
    fail "the same key was added twice"
"$CAFECTL" user key add nora "$E2E_DIR/id" 2>/dev/null &&
    fail "a private key file was taken"
ok "key add, list; duplicates and private keys refused"
e2e_start

E2E_SSH_AUTH="-o IdentitiesOnly=yes -o IdentityAgent=none -i $E2E_DIR/id"
e2e_ssh w1 nora
e2e_wait w1 "Verification code:"
e2e_screen_has w1 "Password:" && fail "the password was asked too"
e2e_type w1 "$(e2e_code "$S")"
e2e_wait w1 "Dashboard"
"$CAFECTL" login list | grep -q "nora	127.0.0.1	publickey" ||
    fail "the login method is not publickey"
ok "key, then only the code: logged in"

"$CAFECTL" user key del nora "$fp" || fail "key del"
[ -z "$("$CAFECTL" user key list nora)" ] || fail "the key is still listed"
e2e_ssh w2 nora
e2e_wait w2 "Password:"
ok "a deleted key no longer logs in; the password is asked"
[ "$(e2e_audit_count user.key-add)" = 1 ] || fail "key add not audited"
[ "$(e2e_audit_count user.key-del)" = 1 ] || fail "key del not audited"

#!/bin/sh
# t_ui_enroll.sh -- first login of a user without TOTP: after the
# password the enrollment screen, and nothing else, shows a QR code and
# the base32 secret; a wrong code is refused on the spot; the right one
# (computed with oathtool from the secret read off the screen) enrolls
# and shows 10 recovery codes once; then the dashboard. The next login
# asks for a code from that secret. Esc on the enrollment logs out.
. "$(dirname "$0")/lib.sh"

audits() { sq "SELECT count(*) FROM audit WHERE action = '$1'"; }

e2e_init
e2e_user nora cashier
e2e_user omar cashier
e2e_start

e2e_ssh w nora
e2e_wait w "Password:"
e2e_type w "$PASSWORD"
e2e_wait w "Set up two-factor login"
e2e_screen w | grep -q "1 Two-factor setup" || fail "other tabs offered"
e2e_screen w | grep -q "Dashboard" && fail "the dashboard is reachable"
e2e_screen w | grep -q "▀" || fail "no QR code drawn"
secret=$(e2e_screen w | grep -oE '([A-Z2-7]{4} ){3}[A-Z2-7]{4}' |
    tr -d ' \n')
[ ${#secret} = 32 ] || fail "no 32-character secret on screen: '$secret'"
ok "enrollment screen: QR code and the secret ($secret)"

if command -v zbarimg >/dev/null 2>&1 && command -v python3 >/dev/null; then
	e2e_screen w | sed -n '3,22p' | python3 -c '
import sys
rows = [l.rstrip("\n")[:40] for l in sys.stdin]
grid = []
for r in rows:
    r = r.ljust(40)
    grid.append([1 if c in "\u2580\u2588" else 0 for c in r])
    grid.append([1 if c in "\u2584\u2588" else 0 for c in r])
s, q = 6, 4
h, w = len(grid), len(grid[0])
print("P1\n%d %d" % ((w + 2 * q) * s, (h + 2 * q) * s))
for y in range(-q, h + q):
    line = " ".join(str(grid[y][x]) if 0 <= y < h and 0 <= x < w else "0"
                    for x in range(-q, w + q) for _ in range(s))
    for _ in range(s):
        print(line)' >"$E2E_DIR/qr.pbm"
	uri=$(zbarimg -q --raw "$E2E_DIR/qr.pbm" 2>/dev/null || true)
	case $uri in
	"otpauth://totp/"*":nora?secret=$secret&issuer="*) ;;
	*) fail "the QR code reads '$uri'" ;;
	esac
	[ ${#uri} -le 78 ] || fail "URI longer than 78 bytes: $uri"
	ok "the QR code decodes to the otpauth URI (${#uri} bytes)"
fi

tm send-keys -t w 0 0 0 0 0 0 Enter
e2e_wait w "Wrong code" 5
e2e_type w "$(e2e_code "$secret")"
e2e_wait w "Recovery codes" 5
e2e_wait w "they will not be shown again" 5
n=$(e2e_screen w | grep -oE '[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}' | wc -l)
[ "$n" = 10 ] || fail "$n recovery codes shown, want 10"
code=$(e2e_screen w | grep -oE '[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}' |
    head -1)
tm send-keys -t w Enter
e2e_wait w "1 Dashboard" 5
"$CAFECTL" user list | grep -q "$(printf 'nora\tcashier\tenabled\tenrolled\t10')" ||
    fail "nora not enrolled with 10 codes: $("$CAFECTL" user list)"
[ "$(audits user.totp-enroll)" = 1 ] || fail "enroll not audited"
ok "a wrong code is refused; the right one enrolls; 10 codes shown once"

tm send-keys -t w q
e2e_wait w "Log out now?" 5
tm send-keys -t w y
e2e_wait w "EXIT=0" 5
tm kill-session -t w
e2e_ssh w2 nora
e2e_wait w2 "Password:"
e2e_type w2 "$PASSWORD"
e2e_wait w2 "Verification code:"
e2e_type w2 "$code"
e2e_wait w2 "1 Dashboard"
ok "the next login asks for a code; a recovery code from the screen works"

e2e_ssh w3 omar
e2e_wait w3 "Password:"
e2e_type w3 "$PASSWORD"
e2e_wait w3 "Set up two-factor login"
tm send-keys -t w3 Escape
e2e_wait w3 "EXIT=" 5
"$CAFECTL" user list | grep -q "$(printf 'omar\tcashier\tenabled\tpending')" ||
    fail "omar enrolled after Esc: $("$CAFECTL" user list)"
ok "Esc on the enrollment logs out, nothing stored"

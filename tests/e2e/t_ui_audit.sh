#!/bin/sh
# t_ui_audit.sh -- the audit screen: newest first; a filter by user and
# action prefix; free-text search; the detail of an event with its hash
# and real time; "verify chain" says ok with the row count and head
# hash, and names the first broken row once a row was altered.
. "$(dirname "$0")/lib.sh"

audits() { sq "SELECT count(*) FROM audit WHERE action = '$1'"; }

e2e_init
A=$(e2e_secret)
e2e_user aud auditor "$A"
e2e_user ben cashier
e2e_user cleo cashier
"$CAFECTL" user disable cleo >/dev/null || fail "disable cleo"
e2e_start

e2e_login w aud "$A"
e2e_screen w | sed -n 2p | grep -q "1 Dashboard.*2 Reports.*3 Audit" ||
    fail "an auditor's tabs: $(e2e_screen w | sed -n 2p)"
e2e_screen w | grep -q "Recent activity" || fail "no recent activity"
e2e_goto w Audit
e2e_wait w "All events, newest first" 5
row=$(e2e_screen w | sed -n 5p)
echo "$row" | grep -q "aud .*login.start" || fail "newest first: $row"
ok "the audit screen lists events newest first"

tm send-keys -t w f
e2e_wait w "Filter the audit trail" 5
tm send-keys -t w -l "cli:root"
tm send-keys -t w Tab
tm send-keys -t w -l "user.*"
tm send-keys -t w Enter
e2e_wait w "Filter: user=cli:root action=user.*" 5
n=$(e2e_screen w | grep -c "cli:root *user\.")
[ "$n" = 5 ] || fail "$n rows for cli:root user.*, want 5"
e2e_screen w | grep -q "login.start" && fail "filter let login.start in"
ok "filter by user and action prefix"

tm send-keys -t w x
e2e_wait w "All events, newest first" 5
tm send-keys -t w s
e2e_wait w "Search all events for:" 5
tm send-keys -t w -l "cleo"
tm send-keys -t w Enter
e2e_wait w "Filter: text=cleo" 5
n=$(e2e_screen w | grep -c "cli:root")
[ "$n" = 2 ] || fail "$n rows mention cleo, want 2 (add, disable)"
ok "free-text search"

tm send-keys -t w Enter
e2e_wait w "Audit event #" 5
for f in "Real time" "Hash" "Detail      name=cleo" "Source      local"; do
	e2e_screen w | grep -q "$f" || fail "detail lacks '$f'"
done
tm send-keys -t w Escape
ok "the detail shows every field"

head=$(sq "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
count=$(sq "SELECT count(*) FROM audit")
tm send-keys -t w v
e2e_wait w "The audit chain is intact." 10
e2e_wait w "Rows checked: $count" 2
e2e_screen w | grep -q "$(echo "$head" | cut -c1-32)" || fail "head hash"
tm send-keys -t w Enter
ok "verify: intact, $count rows, head hash"

sq "DROP TRIGGER audit_no_update;
    UPDATE audit SET detail = 'name=mallory' WHERE id = 3;" ||
    fail "tamper"
tm send-keys -t w v
e2e_wait w "The audit chain is BROKEN." 10
e2e_wait w "First broken row: #3" 2
tm send-keys -t w Enter
ok "verify names the first broken row"

#!/usr/bin/env bash
# End to end in a real browser (issue 17 item 5): headless Chromium, driven by Selenium from
# tests/cli/serve_browser.py, takes the worked example (../shared/examples/basic) through its year
# in two browser sessions as two or three people — the maker imports the six files, assesses and
# posts, proposes a batch; the checker approves it in a second browser; the cashier exports and
# downloads the bank file and uploads the bank's return; a report is downloaded; 审计 verifies — and
# saves a PNG of each page into the build folder (serve-screenshots/). Then `subsidy verify` passes
# and every action is signed by the person who took it in the browser. Release build only.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}" "${SUBSIDY_SOURCE:?}"
export SUBSIDY_DB_KEY=$(raw_test_key 'browser test key')
export SUBSIDY_DB="$work/ledger.db"
unset SUBSIDY_USER SUBSIDY_PASSPHRASE_FILE
bin=$SUBSIDY_BIN
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || fail "$tool is missing: tools/deps.sh installs chromium and chromium-driver"
done


# The people and the payer are set up on the command line (the admin's work); everything after is
# done in the browser.
SUBSIDY_PASSPHRASE_FILE=$(pass 管理员) "$bin" init --admin 管理员 >/dev/null
for person in 张会计:maker 李科长:checker 王出纳:cashier; do
  as 管理员 user add "${person%%:*}" --role "${person#*:}" --passphrase-file "$(pass "${person%%:*}")" \
    >/dev/null || fail "user add $person"
done
as 张会计 config set payer.name "泗阳县财政局" >/dev/null
as 张会计 config set payer.account 32001748836052500001 >/dev/null
as 张会计 config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
as 张会计 config set payer.cnaps 105308200019 >/dev/null

"$bin" serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|^serving .* at \(http://[^ ]*\)/ .*|\1|p' serve.out)
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || fail "serve exited: $(cat serve.err)"
  sleep 0.1
done
[ -n "$url" ] || fail "serve did not say where it listens: $(cat serve.out serve.err)"

shots="$SUBSIDY_BUILD/serve-screenshots"
rm -rf "$shots"
mkdir -p "$shots"
/usr/bin/python3 "$SUBSIDY_SOURCE/tests/cli/serve_browser.py" "$url" "$work" \
  "$SUBSIDY_SHARED/examples/basic" "$shots" || fail "browser cycle (server stderr: $(tail -5 serve.err))"

kill -TERM $server
wait $server || fail "serve did not stop cleanly on SIGTERM"
"$bin" verify >verify.out || fail "verify after the browser's cycle: $(cat verify.out)"
log="$work/ledger.db.ops.log"
for line in "actor=张会计 command=web: import applications" "actor=张会计 command=web: assess" \
  "actor=张会计 command=web: batch create" "actor=李科长 command=web: batch approve" \
  "actor=王出纳 command=web: batch export" "actor=王出纳 command=web: bank-return import"; do
  grep -q "$line" "$log" || fail "no operations-log line '$line': $(cat "$log")"
done
echo "serve_browser_test: ok"

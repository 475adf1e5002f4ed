#!/usr/bin/env bash
# End to end, `subsidy serve` (issue 17): on an encrypted ledger with people and a proposed batch,
# a non-loopback address without TLS is refused; the server starts on a free loopback port and
# tests/cli/serve_http.py checks the HTTP contract, sessions, CSRF, roles, downloads and limits and
# approves the batch as the checker through the browser; after the server stops, `verify` passes
# and the approval is signed by the checker, as `subsidy batch approve` would have signed it.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}" "${SUBSIDY_SOURCE:?}"
export SUBSIDY_DB_KEY=$(raw_test_key 'serve test key')
export SUBSIDY_DB="$work/ledger.db"
unset SUBSIDY_USER SUBSIDY_PASSPHRASE_FILE
bin=$SUBSIDY_BIN


SUBSIDY_PASSPHRASE_FILE=$(pass 管理员) "$bin" init --admin 管理员 >/dev/null
for person in 张会计:maker 李科长:checker 赵审计:auditor 王出纳:cashier; do
  as 管理员 user add "${person%%:*}" --role "${person#*:}" --passphrase-file "$(pass "${person%%:*}")" \
    >/dev/null || fail "user add $person"
done
for kind in regions enterprises tax compliance projects applications; do
  as 张会计 import "$kind" "$SUBSIDY_SHARED/examples/basic/$kind.csv" >/dev/null || fail "import $kind"
done
as 张会计 assess --year 2023 >/dev/null || fail "assess"
as 张会计 config set payer.name "泗阳县财政局" >/dev/null
as 张会计 config set payer.account 32001748836052500001 >/dev/null
as 张会计 config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
as 张会计 config set payer.cnaps 105308200019 >/dev/null
as 张会计 batch create --year 2023 >/dev/null || fail "batch create"

expect_refusal "TLS" "$bin" serve --listen 0.0.0.0:0
expect_refusal "TLS" "$bin" serve --listen 192.0.2.1:8443

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

python3 "$SUBSIDY_SOURCE/tests/cli/serve_http.py" "$url" "$work" "$SUBSIDY_SHARED/examples/basic" || fail "HTTP checks (server stderr: $(cat serve.err))"

kill -TERM $server
wait $server || fail "serve did not stop cleanly on SIGTERM"
"$bin" verify >verify.out || fail "verify after the browser's approval: $(cat verify.out)"
grep -q "^signed: " verify.out || fail "verify: $(cat verify.out)"
"$bin" batch list >list.out
grep -q "李科长" list.out || fail "the batch is not approved by the checker: $(cat list.out)"
grep -q "web: batch approve" "$work/ledger.db.ops.log" || fail "no operations-log line for the web approval"
echo "serve_test: ok"

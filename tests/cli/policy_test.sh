#!/usr/bin/env bash
# End to end (issue 19 item 1): `policy add FILE` stores a successor policy in an existing ledger
# (logged, sealed, verify passes), `policy list` shows each with its period, 文号 and file SHA-256,
# `policy show ID` one of them; a policy whose period overlaps, the same one again and an unknown id
# are refused with one line, exit 1, the ledger unchanged.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'policy test key')
export SUBSIDY_DB="$work/ledger.db"
s() { "$SUBSIDY_BIN" "$@"; }
successor=$SUBSIDY_SOURCE/tests/data/policies/successor-2025.toml

s init >/dev/null
s policy add "$successor" >add.out
grep -q "已添加政策 siyang-2025-test（泗政办发〔2025〕0号，2025-01-01 – 2027-12-31）" add.out ||
  fail "policy add: $(cat add.out)"
grep -q "command=policy add policy=siyang-2025-test" "$SUBSIDY_DB.ops.log" || fail "no ops-log line"
s policy list >list.out
[ "$(wc -l <list.out)" -eq 3 ] || fail "policy list: $(cat list.out)"
grep -q "^siyang-2025-test	泗政办发〔2025〕0号	1	2025-01-01 – 2027-12-31	successor-2025.toml	$(sha256sum "$successor" | cut -c1-64)$" list.out ||
  fail "policy list line of the successor: $(cat list.out)"
grep -q "^siyang-2022-9	泗政办发〔2022〕9号	" list.out || fail "policy list misses the first policy"
s policy show siyang-2025-test >show.out
grep -q "^有效期: 2025-01-01 – 2027-12-31$" show.out && grep -q "^版本: 1$" show.out && grep -q "三(一) robot_purchase" show.out ||
  fail "policy show: $(cat show.out)"
s verify >/dev/null || fail "verify after policy add"

before=$(s digest)
sed -e 's/siyang-2025-test/siyang-overlap/' -e 's/2025-01-01/2024-06-01/' "$successor" >overlap.toml
expect_refusal "政策有效期重叠：siyang-2022-9（2022-01-01 至 2024-12-31）与 siyang-overlap（2024-06-01 至 2027-12-31）" s policy add overlap.toml
expect_refusal "账本中已有编号为 siyang-2025-test 的政策" s policy add "$successor"
expect_refusal "没有编号为 nope 的政策" s policy show nope
[ "$(s digest)" = "$before" ] || fail "a refused policy command changed the ledger"
echo "policy_test: ok"

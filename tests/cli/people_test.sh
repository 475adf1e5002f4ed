#!/usr/bin/env bash
# End to end, people on an encrypted ledger (issue 16, docs/people.md): init --admin, people added
# with roles, every change signed by its person; the maker cannot approve their own batch (also
# under a name differing only by spaces or invisible characters); an auditor verifies and makes the
# audit pack but writes nothing; a region viewer reads only their region; a wrong passphrase
# changes nothing and five in a row lock the person; --actor is gone; a forged approval row fails
# verify, naming it; a disabled person is refused; the exported signatures verify with the openssl
# command line (tools/verify-signatures.py).
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}" "${SUBSIDY_SOURCE:?}"
examples=$SUBSIDY_SHARED/examples/basic
export SUBSIDY_DB_KEY=$(raw_test_key 'people test key')
export SUBSIDY_DB="$work/ledger.db"
unset SUBSIDY_USER SUBSIDY_PASSPHRASE_FILE
bin=$SUBSIDY_BIN

digest() { "$bin" digest; }

pass 管理员 >/dev/null
SUBSIDY_PASSPHRASE_FILE=$(pass 管理员) "$bin" init --admin 管理员 >init.out || fail "init --admin"
grep -q "admin 管理员" init.out || fail "init said: $(cat init.out)"
for person in 张会计:maker 李科长:checker 王出纳:cashier 赵审计:auditor 宿城:region:321302; do
  as 管理员 user add "${person%%:*}" --role "${person#*:}" --passphrase-file "$(pass "${person%%:*}")" \
    >/dev/null || fail "user add $person"
done
expect_refusal "admin role cannot be combined" as 管理员 user add 钱主任 --role admin,checker \
  --passphrase-file "$(pass 钱主任)"
chmod 644 "$work/钱主任.pass"
expect_refusal "mode 0600" as 管理员 user add 钱主任 --role checker --passphrase-file "$work/钱主任.pass"
expect_refusal "已在人员登记里" as 管理员 user add " 张 会计"$'\u200b' --role checker \
  --passphrase-file "$(pass 张会计2)"
"$bin" user list >list.out
[ "$(grep -c active list.out)" -eq 6 ] || fail "user list: $(cat list.out)"

# --actor is gone (exit 2, saying to use --user); a write without a person is refused.
rc=0; "$bin" --actor 张会计 config set payer.name x 2>actor.err || rc=$?
[ "$rc" -eq 2 ] && grep -q -- "use --user" actor.err || fail "--actor: exit $rc $(cat actor.err)"
expect_refusal "--user" "$bin" config set payer.name 泗阳县财政局

# The maker's cycle.
for kind in regions enterprises tax compliance projects applications; do
  as 张会计 import "$kind" "$examples/$kind.csv" >/dev/null || fail "import $kind"
done
as 张会计 assess --year 2023 >/dev/null
as 张会计 config set payer.name "泗阳县财政局" >/dev/null
as 张会计 config set payer.account 32001748836052500001 >/dev/null
as 张会计 config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
as 张会计 config set payer.cnaps 105308200019 >/dev/null
as 张会计 batch create --year 2023 >/dev/null

# Four eyes and roles: refusals are one line naming the rule, nothing written.
expect_refusal "需要角色 checker" as 张会计 batch approve 1
# Even holding both roles, the maker never approves the batch they made.
as 管理员 user roles 张会计 maker,checker >/dev/null
before=$(digest)
expect_refusal "cannot approve it" as 张会计 batch approve 1
cp "$work/张会计.pass" "$work/ 张 会计"$'\u200b'.pass
expect_refusal "cannot approve it" as " 张 会计"$'\u200b' batch approve 1
expect_refusal "岗位分离" as 赵审计 batch approve 1
expect_refusal "岗位分离" as 王出纳 batch approve 1
expect_refusal "岗位分离" as 赵审计 config set payer.name x
expect_refusal "岗位分离" as 管理员 batch create --year 2023
[ "$(digest)" = "$before" ] || fail "a refusal changed the ledger"
as 管理员 user roles 张会计 maker >/dev/null
before=$(digest)

# The auditor reads everything, verifies and makes the audit pack.
as 赵审计 verify >verify.out || fail "auditor verify: $(cat verify.out)"
grep -q "^signed: " verify.out || fail "verify does not report signatures: $(cat verify.out)"
as 赵审计 audit-pack --force --year 2023 --out pack >/dev/null || fail "auditor audit-pack"
as 赵审计 balances --year 2023 >/dev/null || fail "auditor balances"

# The region viewer reads their own region's settlement only.
as 宿城 report cost-sharing --year 2023 --region 321302 >region.out || fail "region viewer own region"
expect_refusal "不能查看区域 321311" as 宿城 report cost-sharing --year 2023 --region 321311
expect_refusal "岗位分离" as 宿城 report enterprise-statement --year 2023
expect_refusal "岗位分离" as 宿城 balances

# A wrong passphrase changes nothing; five in a row lock the person, even with the right one next.
printf 'not the passphrase\n' >"$work/wrong.pass"; chmod 600 "$work/wrong.pass"
for i in 1 2 3 4 5; do
  expect_refusal "口令不对" env SUBSIDY_USER=赵审计 SUBSIDY_PASSPHRASE_FILE="$work/wrong.pass" \
    "$bin" config set payer.name x
done
[ "$(digest)" = "$before" ] || fail "a wrong passphrase changed the ledger"
expect_refusal "锁定" as 赵审计 config set payer.name x
[ "$(sql "$SUBSIDY_DB" "SELECT COUNT(*) FROM passphrase_attempts WHERE ok = 0;")" = 5 ] ||
  fail "the failed attempts are not recorded"
# A forged approval row (the sqlcipher shell, with the key) fails verify, naming it.
cp "$SUBSIDY_DB" forged.db
sql forged.db "INSERT INTO payment_batch_events (batch_id, event, actor, at, content_sha256)
  SELECT batch_id, 'approved', '李科长', '2026-01-01T00:00:00Z', '$(printf '0%.0s' {1..64})'
  FROM payment_batches LIMIT 1;"
rc=0; "$bin" --db forged.db verify >/dev/null 2>forged.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "payment_batch_events event_id=" forged.err ||
  fail "verify missed a forged approval: $rc $(cat forged.err)"

as 李科长 batch approve 1 >/dev/null || fail "checker approve"
as 王出纳 batch export 1 --format pain001v9 --out b1.xml >/dev/null || fail "cashier export"
as 赵审计 verify >/dev/null || fail "verify after the cycle"

# A disabled person signs nothing more.
as 管理员 user disable 王出纳 >/dev/null
expect_refusal "已停用" as 王出纳 batch export 1 --format pain001v3 --out b1v3.xml
as 赵审计 verify >/dev/null || fail "verify after disable"

# A forgotten passphrase: the admin rotates the key; the old signatures stay valid. A known one is
# changed by its person.
printf 'a brand new passphrase\n' >"$work/张会计.pass"
as 管理员 user rotate-key 张会计 --passphrase-file "$work/张会计.pass" >/dev/null
as 张会计 config set payer.bic PCBCCNBJJSX >/dev/null || fail "the maker with the new key"
umask 077; printf 'the checker changed it\n' >"$work/new-li.pass"
as 李科长 user passwd --passphrase-file "$work/new-li.pass" >/dev/null
cp "$work/new-li.pass" "$work/李科长.pass"
expect_refusal "岗位分离" as 李科长 batch create --year 2023
as 赵审计 verify >/dev/null || fail "verify after rotate-key and passwd"

# The exported signatures verify with the openssl command line alone.
"$bin" export signatures --year "$(date -u +%Y)" --out sigs >/dev/null
n=$(ls sigs/*.bin | wc -l)
[ "$n" -ge 20 ] || fail "only $n signatures exported"
"$bin" user export-keys keys >/dev/null
[ -f keys/张会计.pem ] || fail "export-keys"
id=$(grep -l "^command: batch approve" sigs/*.bin | head -1); id=${id%.bin}
[ "$(cat "$id.user")" = 李科长 ] || fail "the approval's signer: $(cat "$id.user")"
openssl pkeyutl -verify -pubin -inkey keys/李科长.pem -rawin -digest sm3 \
  -pkeyopt distid:1234567812345678 -in "$id.bin" -sigfile "$id.sig" >/dev/null ||
  fail "openssl does not verify the approval"
"$python" "$SUBSIDY_SOURCE/tools/verify-signatures.py" sigs >script.out ||
  fail "verify-signatures.py: $(cat script.out)"
printf 'x' >>"$id.bin"
! "$python" "$SUBSIDY_SOURCE/tools/verify-signatures.py" sigs >/dev/null 2>&1 ||
  fail "verify-signatures.py accepted a changed record"

# A legacy ledger (init without --admin) still works and says it has no people.
SUBSIDY_DB="$work/legacy.db" "$bin" init >/dev/null
SUBSIDY_DB="$work/legacy.db" "$bin" --user clerk config set payer.name 泗阳县财政局 >/dev/null
SUBSIDY_DB="$work/legacy.db" "$bin" verify | grep -q "no people" || fail "legacy verify"
echo "people test passed"

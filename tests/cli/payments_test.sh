#!/usr/bin/env bash
# End to end, the whole payment cycle on an encrypted ledger with the worked example of
# ../shared/examples/basic: awards booked, payer configured, batch proposed, approved by a second
# person, exported (pain.001.001.09 and .03 valid against the XSDs by xmllint, the same bytes every
# time, the GBK CSV, the vouchers), a bank return with rejections, every bad return refused with
# nothing posted, the rejected items proposed again, exported and confirmed by a CSV return — and
# at the end award_payable is zero for every paid enterprise and bank_in_transit is zero.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"

bin=${SUBSIDY_BIN:?}
shared=${SUBSIDY_SHARED:?}
examples=$shared/examples/basic
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB="$scratch/ledger.db"
export SUBSIDY_DB_KEY=$(raw_test_key 'payments test key')

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_output() {  # expect_output WANT GOT
  [[ "$2" == *"$1"* ]] || fail "expected to see: $1
got: $2"
}
# A refused command: exit 1, the expected words on stderr, the ledger's digest and payment state
# unchanged.
expect_refusal() {  # expect_refusal WANT_STDERR ARGS...
  local want=$1; shift
  local before after err rc=0
  before=$("$bin" digest; "$bin" batch list)
  err=$("$bin" "$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq 1 ] || fail "exit $rc, not 1, for: $* ($err)"
  expect_output "$want" "$err"
  [ "$(wc -l <<<"$err")" -eq 1 ] || fail "more than one line for: $* ($err)"
  after=$("$bin" digest; "$bin" batch list)
  [ "$before" = "$after" ] || fail "the ledger changed after a refusal: $*"
}
json_field() {  # json_field FILE EXPRESSION (python over the parsed document `d`)
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
# A pain.002.001.10 about batch $1; the rest are EndToEndId=STATUS[:REASON] pairs.
pain002() {
  local reference=$1; shift
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>'
  printf '<GrpHdr><MsgId>STS-%s-%s</MsgId><CreDtTm>2026-01-22T10:00:00</CreDtTm></GrpHdr>' \
    "$reference" "$RANDOM"
  printf '<OrgnlGrpInfAndSts><OrgnlMsgId>%s</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>' \
    "$reference"
  printf '</OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>%s</OrgnlPmtInfId>' "$reference"
  local pair id status reason
  for pair in "$@"; do
    id=${pair%%=*}; status=${pair#*=}; reason=
    if [[ $status == *:* ]]; then reason=${status#*:}; status=${status%%:*}; fi
    printf '<TxInfAndSts><OrgnlEndToEndId>%s</OrgnlEndToEndId><TxSts>%s</TxSts>' "$id" "$status"
    [ -z "$reason" ] || printf '<StsRsnInf><Rsn><Cd>%s</Cd></Rsn><AddtlInf>收款账户已销户</AddtlInf></StsRsnInf>' "$reason"
    printf '</TxInfAndSts>'
  done
  printf '</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n'
}

# --- a ledger with the 2023 awards --------------------------------------------------------------
"$bin" init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  "$bin" import "$kind" "$examples/$kind.csv" >/dev/null
done
if "$bin" --help | grep -q "^  assess "; then
  "$bin" assess --year 2023 >/dev/null
else  # this build has no posting assess yet: book the example's expected awards directly
  "$SUBSIDY_BUILD/tests/tools/post_awards" --db "$SUBSIDY_DB" "$examples/expected-assess-2023.json" >/dev/null
fi

# --- the paying account ---------------------------------------------------------------------------
expect_refusal "the paying account is not configured" batch create --year 2023
expect_refusal "payer.cnaps" config set payer.cnaps 10530820001
expect_refusal "unknown key 'payer.iban'" config set payer.iban X
"$bin" config set payer.name "泗阳县财政局" >/dev/null
"$bin" config set payer.account 32001748836052500001 >/dev/null
"$bin" config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
"$bin" config set payer.cnaps 105308200019 >/dev/null
expect_output "payer.cnaps = 105308200019" "$("$bin" config show)"

# --- propose, four eyes, export -------------------------------------------------------------------
"$bin" --user clerk-li batch create --year 2023 --format json >batch1.json
ref1=$(json_field batch1.json 'd["reference"]')
[ "$ref1" = "SY2023-000001" ] || fail "first batch is $ref1"
[ "$(json_field batch1.json 'len(d["items"])')" = 4 ] || fail "batch 1 should have 4 items"
[ "$(json_field batch1.json 'd["total"]')" = 4999456.79 ] || fail "batch 1 total"
e2e() { json_field "$1" "d['items'][$2]['end_to_end_id']"; }

expect_refusal "only an approved batch can be exported" batch export "$ref1" --format pain001v9 --out x.xml
[ ! -e x.xml ] || fail "a refused export wrote a file"
expect_refusal "cannot approve it" batch approve "$ref1" --user clerk-li
"$bin" batch approve "$ref1" --user director-wang >/dev/null
expect_refusal "already approved" batch approve "$ref1" --user deputy-zhao

out=$("$bin" batch export "$ref1" --format pain001v9 --out b1.xml \
  --validate "$shared/xsd/pain.001.001.09.xsd")
expect_output "4 payment_sent entries posted" "$out"
xmllint --noout --nonet --schema "$shared/xsd/pain.001.001.09.xsd" b1.xml 2>/dev/null ||
  fail "b1.xml is not valid pain.001.001.09"
out=$("$bin" batch export "$ref1" --format pain001v9 --out b1-again.xml)
expect_output "nothing posted" "$out"
cmp -s b1.xml b1-again.xml || fail "exporting again gave other bytes"
"$bin" batch export "$ref1" --format pain001v3 --out b1-v3.xml >/dev/null
xmllint --noout --nonet --schema "$shared/xsd/pain.001.001.03.xsd" b1-v3.xml 2>/dev/null ||
  fail "b1-v3.xml is not valid pain.001.001.03"
"$bin" batch export "$ref1" --format csv --encoding gbk --out b1.csv >/dev/null 2>b1-csv.err
# The batch went out as pain.001 before: the CSV export warns not to upload both files.
expect_output "请勿重复上传" "$(cat b1-csv.err)"
expect_output "pain001v9" "$(cat b1-csv.err)"
expect_output "收款账号,收款户名,收款行名称,收款行行号,金额,用途,备注" "$(iconv -f GBK -t UTF-8 b1.csv)"
expect_output ",4713456.79," "$(iconv -f GBK -t UTF-8 b1.csv)"
expect_refusal "was exported" batch cancel "$ref1"
"$bin" batch vouchers "$ref1" --out vouchers.html >/dev/null
[ "$(grep -c '<section class="voucher">' vouchers.html)" = 4 ] || fail "4 vouchers expected"
expect_output "人民币肆佰柒拾壹万叁仟肆佰伍拾陆元柒角玖分" "$(cat vouchers.html)"
expect_output "director-wang" "$(cat vouchers.html)"

# --- bad returns: refused, nothing posted ----------------------------------------------------------
a=$(e2e batch1.json 0); b=$(e2e batch1.json 1); c=$(e2e batch1.json 2); d=$(e2e batch1.json 3)
pain002 "$ref1" "$a=ACSC" | sed 's/<\/TxSts>/<\/TxStatus>/' >malformed.xml
expect_refusal "malformed.xml:2: malformed XML" bank-return import malformed.xml
pain002 "$ref1" "$a=ACSC" | sed 's/pain.002.001.10/camt.054.001.08/' >namespace.xml
expect_refusal "wrong namespace" bank-return import namespace.xml
cat >laughs.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">&lol2;</Document>
EOF
expect_refusal "billion laughs" bank-return import laughs.xml
pain002 "$ref1" "$a=ACSC" "SY2023-000001-00099=ACSC" >unknown.xml
expect_refusal "references unknown to this ledger: OrgnlEndToEndId 'SY2023-000001-00099'" \
  bank-return import unknown.xml
pain002 "$ref1" "$a=ACSC" |
  sed 's|<TxSts>ACSC</TxSts>|<TxSts>ACSC</TxSts><OrgnlTxRef><Amt><InstdAmt Ccy="CNY">36000.01</InstdAmt></Amt></OrgnlTxRef>|' \
    >amount.xml
expect_refusal "amounts differ from the batch" bank-return import amount.xml
# A status code with a line break in it (&#10;) is echoed with the break made visible, so the
# refusal stays one line (expect_refusal counts the lines).
pain002 "$ref1" "$a=ACSC" | sed 's|<TxSts>ACSC</TxSts>|<TxSts>AC\&#10;SC</TxSts>|' >linebreak.xml
expect_refusal "unknown payment status code 'AC?SC'" bank-return import linebreak.xml
for sample in "$shared"/samples/bank-returns/*.xml; do
  "$bin" bank-return show "$sample" >/dev/null || fail "cannot read $sample"
  expect_refusal "references unknown to this ledger" bank-return import "$sample"
done

# --- the bank's answer: two settled, two rejected ---------------------------------------------------
pain002 "$ref1" "$a=ACSC" "$b=RJCT:AC04" "$c=ACSC" "$d=RJCT:AC04" >return1.xml
out=$("$bin" bank-return import return1.xml)
expect_output "2 settled (confirmation posted), 2 rejected (payment reversed, owed again)" "$out"
before=$("$bin" digest)
expect_output "already imported" "$("$bin" bank-return import return1.xml)"
[ "$before" = "$("$bin" digest)" ] || fail "importing the same return twice posted"
pain002 "$ref1" "$a=RJCT:AC01" >contradiction.xml
expect_refusal "contradicts an earlier return" bank-return import contradiction.xml
report=$("$bin" batch show "$ref1" --lang en)
expect_output "rejected  RJCT" "$report"
expect_output "AC04 收款账户已销户" "$report"
# Its CSV comes from the reports' CSV writer (ledger/tables): items, then the digest it was read from.
show_csv=$("$bin" batch show "$ref1" --format csv --lang en)
expect_output "EndToEndId,USCC,payee,amount,state,bank status,reason,flag" "$show_csv"
expect_output "$b,91321323" "$show_csv"
[[ "$(tail -n 1 <<<"$show_csv")" == "Ledger head digest,subsidy-ledger digest: entries="* ]] ||
  fail "batch show csv does not end with its digest: $(tail -n 1 <<<"$show_csv")"

# --- the rejected items come back; paid by the second batch ------------------------------------------
"$bin" --user clerk-li batch create --year 2023 --format json >batch2.json
ref2=$(json_field batch2.json 'd["reference"]')
[ "$(json_field batch2.json '[i["uscc"] for i in d["items"]]')" = "['91321323846YQA32C6', '91321323NLNHD7EJ8F']" ] ||
  fail "batch 2 should hold the two rejected enterprises"
expect_output "此前被银行退回 $b RJCT AC04" "$("$bin" batch show "$ref2")"
"$bin" batch approve "$ref2" --user director-wang >/dev/null
"$bin" batch export "$ref2" --format pain001v9 --out b2.xml >/dev/null
xmllint --noout --nonet --schema "$shared/xsd/pain.001.001.09.xsd" b2.xml 2>/dev/null ||
  fail "b2.xml is not valid pain.001.001.09"
# The return comes as the bank-return template filled in: Chinese headings, the bank's words.
"$bin" template bank-return --out return2.csv >/dev/null
[ "$(head -1 return2.csv)" = $'\xEF\xBB\xBF支付编号,状态,原因,金额\r' ] ||
  fail "template bank-return: $(head -1 return2.csv | od -c | head -2)"
printf '%s,交易成功,,150000.00\r\n%s,ACSC,,100000.00\r\n' \
  "$(e2e batch2.json 0)" "$(e2e batch2.json 1)" >>return2.csv
# A bank with headings of its own: read through its column mapping (show reads without booking).
printf '序号,客户附言,处理结果,结果说明\n1,%s,已入账,\n' "$(e2e batch2.json 0)" >bank-own.csv
rc=0
"$bin" bank-return show bank-own.csv >/dev/null 2>bank-own.err || rc=$?
[ "$rc" -eq 1 ] || fail "a return with unknown headings: exit $rc"
expect_output "bank-own.csv:1:EndToEndId: missing column (缺少此列；也可名为 支付编号、备注" "$(cat bank-own.err)"
printf '[columns]\nend_to_end_id = "客户附言"\nstatus = "处理结果"\nreason = "结果说明"\n[status]\n"已入账" = "ACSC"\n' >bank-own.toml
expect_output "$(e2e batch2.json 0): ACSC" "$("$bin" bank-return show bank-own.csv --mapping bank-own.toml)"
out=$("$bin" bank-return import return2.csv)
expect_output "2 settled" "$out"
# Nothing proves who wrote a CSV return: it is shown as unauthenticated.
expect_output "未经认证 / unauthenticated" "$out"
expect_output "银行状态未经认证 (CSV 回单)" "$("$bin" batch show "$ref2")"

# --- everything paid: the balances and the reports show it ------------------------------------------
"$bin" balances --format json >balances.json
python3 - balances.json <<'EOF' || fail "balances do not show everything paid"
import json, sys
accounts = {a["account"]: a["balance"] for a in json.load(open(sys.argv[1]))["accounts"]}
payable = {k: v for k, v in accounts.items() if k.startswith("award_payable:")}
assert len(payable) == 4 and all(v == "0.00" for v in payable.values()), payable
assert accounts["bank_in_transit"] == "0.00", accounts["bank_in_transit"]
assert accounts["treasury"] == "-4999456.79", accounts["treasury"]
EOF
# The reports read the same ledger: every batch is fully answered (nothing in transit), the
# rejected amount is the one the bank returned, and no enterprise has anything outstanding.
"$bin" report disbursement --year 2023 --format json >disbursement.json
"$bin" report enterprise-statement --year 2023 --format json >statement.json
/usr/bin/python3 - disbursement.json statement.json <<'EOF' || fail "the reports do not show everything paid"
import json, sys
disbursement = json.load(open(sys.argv[1]))
assert len(disbursement["rows"]) == 2, disbursement["rows"]
totals = disbursement["totals"]
assert totals["outstanding"] == "0.00", totals
assert totals["rejected"] != "0.00" and totals["confirmed"] == "4999456.79", totals
statement = json.load(open(sys.argv[2]))
assert statement["totals"]["outstanding"] == "0.00", statement["totals"]
assert statement["totals"]["paid"] == "4999456.79", statement["totals"]
EOF
"$bin" batch show "$ref2" --format json >show2.json
[ "$(json_field show2.json '[i["state"] for i in d["items"]]')" = "['settled', 'settled']" ] ||
  fail "batch 2 not settled"
expect_output "nothing to pay for award year 2023" "$("$bin" batch create --year 2023)"
"$bin" verify >/dev/null || fail "verify failed after the payment cycle"
grep -q "command=batch approve $ref1" "$SUBSIDY_DB.ops.log" || fail "approval not in the operations log"
grep -q "command=bank-return import return1.xml" "$SUBSIDY_DB.ops.log" || fail "return not logged"
# --- the audit pack of the (open) year holds the payment files -------------------------------------
rc=0
"$bin" audit-pack --year 2023 --out pack >/dev/null 2>pack.err || rc=$?
[ "$rc" -eq 1 ] && [ ! -e pack ] || fail "an open year's pack was not refused: $rc $(cat pack.err)"
expect_output "未结账" "$("$bin" audit-pack --force --year 2023 --out pack)"
(cd pack && sha256sum --quiet --strict -c SHA256SUMS) || fail "sha256sum -c SHA256SUMS fails"
# Every file the batches were exported as, re-derived byte for byte.
for sent in b1.xml b1-v3.xml b1.csv b2.xml; do
  found=0
  for f in pack/银行文件/*; do cmp -s "$sent" "$f" && found=1; done
  [ "$found" -eq 1 ] || fail "$sent is not in the pack: $(ls pack/银行文件)"
done
[ "$(ls pack/审批/*-拨付审批表.pdf pack/凭证/*-记账凭证.pdf | wc -l)" -eq 4 ] ||
  fail "not one 拨付审批表 and one 记账凭证 per batch: $(ls pack/审批 pack/凭证)"
grep -q "return2.csv" pack/银行回单/银行回单明细.csv || fail "the CSV return is not in the pack"
grep -q "command=batch approve $ref1" pack/操作日志/*.ops.log || fail "no operations log in the pack"
[ -s pack/目录.xlsx ] && [ -s pack/输入文件/导入记录.csv ] && ls pack/政策/*.toml >/dev/null ||
  fail "the pack lacks its 目录.xlsx, import record or policy"
text=$(pdftotext -layout pack/目录.pdf -)
expect_output "审计资料目录" "$text"
expect_output "银行文件/" "$text"
# 未结账 on every page of the pack's PDFs.
for pdf in pack/目录.pdf pack/审批/*.pdf pack/凭证/*.pdf; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  marked=$(pdftotext "$pdf" - | /usr/bin/python3 -c 'import sys; print(sum("未结账" in p for p in sys.stdin.read().split("\f")))')
  [ "$marked" -eq "$pages" ] || fail "$pdf: $marked of $pages pages say 未结账"
done
echo "payments: full cycle ok"

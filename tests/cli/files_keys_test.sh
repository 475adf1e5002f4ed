#!/usr/bin/env bash
# End to end, issue 15 findings 7 and 11: what the program writes and how it takes its key.
# --out never replaces the ledger, its -wal/-shm, its key file or its operations log, under any
# spelling (./l.db, ../dir/l.db, a symbolic link) and not even with --force; another existing file
# only with --force. Bank files, vouchers, reports (XLSX too), the journal and the audit pack are
# mode 0600, the pack's directory 0700, and no temporary file or directory is left. Keys: a key
# with a NUL or control byte is refused without echoing it; a key file under 16 bytes is refused
# with how to make one; `keygen` makes a 0600 key that works; SUBSIDY_KEY_FILE names the key file;
# `init` without a key is refused unless --plaintext.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
examples=${SUBSIDY_SHARED:?}/examples/basic
bin=$SUBSIDY_BIN
unset SUBSIDY_DB_KEY SUBSIDY_KEY_FILE SUBSIDY_DB
umask 022  # a usual umask: the modes below are the program's doing, not the test's
mode() { stat -c %a "$1"; }

# --- keys: keygen, SUBSIDY_KEY_FILE, init refusing to go without a key ------------------------------
mkdir d && cd d
"$bin" keygen ledger.key >keygen.out || fail "keygen failed"
[ "$(mode ledger.key)" = 600 ] || fail "keygen made a $(mode ledger.key) file, not 600"
grep -qxE "x'[0-9a-f]{64}'" ledger.key || fail "keygen did not write a raw key x'<64 hex>'"
cp ledger.key key.before
expect_refusal "已存在" "$bin" keygen ledger.key
cmp -s ledger.key key.before || fail "keygen replaced an existing key file"

expect_refusal "拒绝创建不加密的账本" "$bin" --db l.db init
[ ! -e l.db ] || fail "init without a key left a ledger file"
"$bin" --db plain.db init --plaintext | grep -q "NOT encrypted" || fail "init --plaintext"

export SUBSIDY_KEY_FILE=$PWD/ledger.key SUBSIDY_DB=$PWD/l.db
"$bin" init | grep -q "(encrypted)" || fail "init with SUBSIDY_KEY_FILE did not encrypt"
head -c 16 l.db | grep -q "SQLite format 3" && fail "the ledger made with SUBSIDY_KEY_FILE is plain"
# The auditor's way in (docs/ledger-format.md): the key file's line as the sqlcipher shell's key.
[ "$(SUBSIDY_DB_KEY=$(cat ledger.key) sql l.db "SELECT count(*) > 0 FROM sqlite_master;" | tail -1)" = 1 ] ||
  fail "the sqlcipher shell does not open the ledger with the key file's raw key"
for kind in regions enterprises tax compliance projects applications; do
  "$bin" import "$kind" "$examples/$kind.csv" >/dev/null
done
"$bin" assess --year 2023 >/dev/null
"$bin" config set payer.name "泗阳县财政局" >/dev/null
"$bin" config set payer.account 32001748836052500001 >/dev/null
"$bin" config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
"$bin" config set payer.cnaps 105308200019 >/dev/null
"$bin" --user clerk-li batch create --year 2023 >/dev/null
"$bin" --user director-wang batch approve 1 >/dev/null
"$bin" batch export 1 --format pain001v9 --out first.xml >/dev/null  # later exports post nothing
[ -s l.db.ops.log ] || fail "no operations log"
[ "$(mode l.db.ops.log)" = 600 ] || fail "the operations log is mode $(mode l.db.ops.log), not 600"
digest=$("$bin" digest)

# --- --out never over the ledger's own files, --force or not ---------------------------------------
# intact: the ledger, its key and its log as they were, and verify still passes.
cp l.db.ops.log log.before
intact() {
  cmp -s ledger.key key.before || fail "$1: the key file changed"
  cmp -s l.db.ops.log log.before || fail "$1: the operations log changed"
  [ "$("$bin" digest)" = "$digest" ] || fail "$1: the ledger digest changed"
  "$bin" verify >/dev/null || fail "$1: verify fails afterwards"
}
ln -s l.db alias.db
mkdir sub
for target in l.db ./l.db ../d/l.db "$PWD/l.db" sub/../l.db alias.db l.db-wal l.db-shm \
  l.db.ops.log l.db.ops.1.log ledger.key ./ledger.key; do
  for force in "" --force; do
    expect_refusal "拒绝写入" "$bin" batch vouchers 1 --out "$target" $force
    expect_refusal "拒绝写入" "$bin" report trial-balance --year 2023 --out "$target" $force
    expect_refusal "拒绝写入" "$bin" export journal --year 2023 --out "$target" $force
    expect_refusal "拒绝写入" "$bin" batch export 1 --format csv --out "$target" $force
    expect_refusal "拒绝写入" "$bin" batch export 1 --format pain001v9 --out "$target" $force
  done
  expect_refusal "拒绝写入" "$bin" audit-pack --year 2023 --out "$target"
  intact "--out $target"
done
grep -q "账本文件" <<<"$("$bin" batch vouchers 1 --out l.db --force 2>&1)" ||
  fail "the refusal does not say it is the ledger"
# From another directory, the ledger named relatively.
(cd sub && SUBSIDY_DB=../l.db expect_refusal "拒绝写入" "$bin" batch vouchers 1 --out ../l.db)
intact "--out ../l.db from a subdirectory"
# A key file given by --key-file is protected as well.
cp ledger.key other.key
(unset SUBSIDY_KEY_FILE; expect_refusal "密钥文件" "$bin" --key-file other.key \
  report trial-balance --year 2023 --format csv --out other.key --force)
cmp -s other.key ledger.key || fail "--out replaced the --key-file"

# --- an existing file only with --force ------------------------------------------------------------
for args in "batch vouchers 1" "report trial-balance --year 2023 --format csv" \
  "export journal --year 2023" "batch export 1 --format csv"; do
  echo old >existing.txt
  # shellcheck disable=SC2086
  expect_refusal "--force" "$bin" $args --out existing.txt
  [ "$(cat existing.txt)" = old ] || fail "$args replaced an existing file without --force"
  # shellcheck disable=SC2086
  "$bin" $args --out existing.txt --force >/dev/null || fail "$args --force failed"
  [ "$(cat existing.txt)" != old ] || fail "$args --force did not replace the file"
  [ "$(mode existing.txt)" = 600 ] || fail "$args --force left mode $(mode existing.txt)"
done
# (a repeated `batch export` records its file, a sealed event, so here only the journal part of
# the digest is compared, and verify must pass)
[ "$("$bin" digest | sed 's/ records=.*//')" = "$(sed 's/ records=.*//' <<<"$digest")" ] ||
  fail "the --force replacements changed the journal"
"$bin" verify >/dev/null || fail "the --force replacements left a ledger verify refuses"
cmp -s ledger.key key.before || fail "the --force replacements changed the key file"

# --- modes: 0600 files, 0700 directories, no temporary files ------------------------------------------
"$bin" batch vouchers 1 --out out.vouchers.html >/dev/null
"$bin" report enterprise-statement --year 2023 --format csv --out out.report.csv
"$bin" report enterprise-statement --year 2023 --format xlsx --out out.report.xlsx
"$bin" export journal --year 2023 --out out.journal
"$bin" batch export 1 --format pain001v9 --out out.pain.xml >/dev/null
"$bin" batch export 1 --format csv --out out.bank.csv >/dev/null
"$bin" audit-pack --force --year 2023 --out pack >/dev/null
while IFS= read -r -d '' file; do
  [ "$(mode "$file")" = 600 ] || fail "$file is mode $(mode "$file"), not 600"
done < <(find out.* pack -type f -print0)
while IFS= read -r -d '' dir; do
  [ "$(mode "$dir")" = 700 ] || fail "the audit pack directory $dir is mode $(mode "$dir"), not 700"
done < <(find pack -type d -print0)
[ "$(find pack -type f | wc -l)" -gt 30 ] || fail "the audit pack's files were not all checked"
leftovers=$(find . -name '*.tmp-*' -o -name '.subsidy-xlsx-*')
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"

# --- keys with control bytes, short key files -------------------------------------------------------
unset SUBSIDY_KEY_FILE
printf "'TopSecretPassphrase\0and-more-of-it\n" >nul.key && chmod 600 nul.key
expect_refusal "控制字符" "$bin" --key-file nul.key digest
grep -q "TopSecret" refusal.err && fail "the refusal shows the key: $(cat refusal.err)"
printf 'Top\x1bSecretPassphrase\n' >esc.key && chmod 600 esc.key
expect_refusal "控制字符" "$bin" --key-file esc.key digest
expect_refusal "控制字符" env SUBSIDY_DB_KEY=$'Top\x1bSecretPassphrase' "$bin" digest
grep -q "Secret" refusal.err && fail "the refusal shows the key: $(cat refusal.err)"
printf 'fifteen-bytes!!\n' >short.key && chmod 600 short.key
expect_refusal "subsidy keygen" "$bin" --key-file short.key digest
SUBSIDY_KEY_FILE=short.key expect_refusal "太短" "$bin" digest
# The generated key, named by --key-file this time, still opens the ledger.
# (the exports since recorded their files: the journal part of the digest is compared)
[ "$("$bin" --key-file ledger.key digest | sed 's/ records=.*//')" = \
  "$(sed 's/ records=.*//' <<<"$digest")" ] || fail "--key-file ledger.key"
echo "files and keys: ok"

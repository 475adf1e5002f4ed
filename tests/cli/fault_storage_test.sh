#!/usr/bin/env bash
# End-to-end: storage faults that are not the program's doing. (1) The ledger file made read-only
# (0444), and its directory made read-only (no WAL can be created): a posting command and an
# import are refused in one line with exit 1 and change nothing. (2) A corrupted page: bytes in the
# middle of the encrypted file overwritten; every command that reads that page is refused in one
# line with exit 1 (SQLCipher's page HMAC fails), never a crash. When the test runs as root, the
# commands run as `nobody` (via setpriv), since file modes do not bind root.
source "$(dirname "${BASH_SOURCE[0]}")/fault_common.sh"

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$work"
fi
# subsidy_as_user ARGS...: the program as the unprivileged user (the key comes from the environment).
subsidy_as_user() { "${as_user[@]}" "$SUBSIDY_BIN" "$@"; }

# --- read-only ledger file ---------------------------------------------------------------------------
mkdir ro-file
make_example_ledger ro-file/ledger.db
state ro-file/ledger.db >before.txt
chmod 777 ro-file
chmod 444 ro-file/ledger.db
rm -f ro-file/ledger.db.ops.log
for command in "assess --year 2023" "import regions $examples/regions.csv"; do
  # shellcheck disable=SC2086  # the command's words are meant to split
  expect_refusal "ro-file/ledger.db: " subsidy_as_user --db ro-file/ledger.db $command
  # Said as what it is (the first command meets the read-only file, a later one the WAL the
  # first could not remove), never as a wrong key.
  grep -qE "attempt to write a readonly database|cannot read the ledger" refusal.err ||
    fail "read-only file, $command: unclear refusal: $(cat refusal.err)"
  echo "read-only file, $command: $(cat refusal.err)"
done
chmod 644 ro-file/ledger.db
state ro-file/ledger.db >now.txt
cmp -s before.txt now.txt || fail "a refused command on a read-only file changed the ledger"

# --- read-only directory: the file is writable but no WAL or lock file can be made ---------------
mkdir ro-dir
make_example_ledger ro-dir/ledger.db
chmod 666 ro-dir/ledger.db
chmod 555 ro-dir
for command in "assess --year 2023" "import regions $examples/regions.csv"; do
  # shellcheck disable=SC2086
  expect_refusal "ledger.db" subsidy_as_user --db ro-dir/ledger.db $command
  echo "read-only directory, $command: $(cat refusal.err)"
done
chmod 755 ro-dir
state ro-dir/ledger.db >now.txt
cmp -s before.txt now.txt || fail "a refused command in a read-only directory changed the ledger"

# --- a corrupted page ------------------------------------------------------------------------------
# A command reads only some pages (verify: the ledger tables), so each page is tried: every
# command exits 0 (it did not read the page) or 1 with one line; the commands that read it never
# see wrong data, since SQLCipher checks each page's HMAC on every read.
make_example_ledger good.db
"$SUBSIDY_BIN" --db good.db assess --year 2023 >/dev/null 2>&1
pages=$(($(stat -c %s good.db) / 4096))
[ "$pages" -ge 6 ] || fail "the ledger has only $pages pages"
step=$(((pages + 11) / 12))  # about 12 pages, spread over the file
verify_refused=0 tried=0
for page in $(seq 1 "$step" $((pages - 1))); do
  copy_ledger good.db bad.db
  # 32 bytes from the middle of the page: inside the encrypted content, not the IV or HMAC.
  head -c 32 /dev/urandom | dd of=bad.db bs=1 seek=$((page * 4096 + 2000)) conv=notrunc status=none
  tried=$((tried + 1))
  for command in "verify" "digest" "assess --year 2023" "balances" "explain A-09 --year 2023"; do
    rc=0
    # shellcheck disable=SC2086  # the command's words are meant to split
    "$SUBSIDY_BIN" --db bad.db $command >bad.out 2>bad.err || rc=$?
    no_crash "$rc" "$command with page $page corrupted"
    [ "$rc" -le 1 ] || fail "$command with page $page corrupted exited $rc: $(cat bad.err)"
    if [ "$rc" -eq 1 ]; then
      [ "$(wc -l <bad.err)" -eq 1 ] || fail "$command, page $page corrupted: not one line: $(cat bad.err)"
      [ "$command" = verify ] && verify_refused=$((verify_refused + 1)) && cp bad.err verify-refusal.txt
    fi
  done
done
[ "$verify_refused" -ge 1 ] || fail "verify refused none of the $tried corrupted ledgers"
echo "corrupted page: $(cat verify-refusal.txt)"
echo "fault storage: ok (read-only file and directory refused; $tried corrupted pages: verify" \
  "refused $verify_refused, no crash, every refusal one line)"

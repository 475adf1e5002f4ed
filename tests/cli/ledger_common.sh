# Sourced by the tests/cli/ledger_*_test.sh scripts (not a test itself): strict mode, a scratch
# directory that is the current directory and is removed on exit, the helper programs, and the
# sqlcipher shell as an auditor or an attacker with the key would use it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"
: "${SUBSIDY_BIN:?}" "${SUBSIDY_BUILD:?}"
post="$SUBSIDY_BUILD/tests/tools/post_entries"
python=$(command -v python3 || echo /usr/bin/python3)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# await_ready FIFO [SECONDS]: waits, at most SECONDS (default 60), until the process started with
# `post_entries --ready FIFO` (FIFO made by mkfifo) writes "ready" into it: its entries are posted
# and it holds the write lock. The fifo is opened read-write, which does not block, so a writer
# that never comes ends in the timeout, not a hang.
await_ready() {
  local fd line=
  exec {fd}<>"$1"
  read -r -t "${2:-60}" -u "$fd" line || true
  exec {fd}<&-
  [ "$line" = ready ] || fail "no 'ready' in $1 within ${2:-60} s"
}

# sql DB STATEMENTS: runs the statements in the sqlcipher shell, unlocked with $SUBSIDY_DB_KEY
# (when set) and 4096-byte cipher pages. The shell reports an error on stderr and goes on.
sql() {
  {
    if [ -n "${SUBSIDY_DB_KEY:-}" ]; then
      printf "PRAGMA key = '%s';\nPRAGMA cipher_page_size = 4096;\n" "${SUBSIDY_DB_KEY//\'/\'\'}"
    fi
    printf '%s\n' "$2"
  } | sqlcipher "$1"
}

# expect_refusal MESSAGE COMMAND...: the command exits 1 with one stderr line containing MESSAGE.
expect_refusal() {
  local expected=$1
  shift
  local rc=0
  "$@" >refusal.out 2>refusal.err || rc=$?
  [ "$rc" -eq 1 ] || fail "$* exited $rc, expected 1: $(cat refusal.err)"
  [ "$(wc -l <refusal.err)" -eq 1 ] || fail "$*: expected one line on stderr, got: $(cat refusal.err)"
  grep -qF -- "$expected" refusal.err || fail "$*: expected '$expected', got: $(cat refusal.err)"
}

# payable_example CMD...: with CMD the script's way of running subsidy on its ledger, makes a new
# ledger of the worked example (../shared/examples/basic): its master data, the 2023 assessment and
# the county's paying account, ready for `batch create --year 2023`.
payable_example() {
  local kind examples=${SUBSIDY_SHARED:?}/examples/basic
  "$@" init >/dev/null
  for kind in regions enterprises tax compliance projects applications; do
    "$@" import "$kind" "$examples/$kind.csv" >/dev/null
  done
  "$@" assess --year 2023 >/dev/null
  "$@" config set payer.name "泗阳县财政局" >/dev/null
  "$@" config set payer.account 32001748836052500001 >/dev/null
  "$@" config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
  "$@" config set payer.cnaps 105308200019 >/dev/null
}

# People (docs/people.md). pass NAME: writes a passphrase file for NAME, mode 0600, and prints its
# path. as NAME ARGS...: runs subsidy as NAME with that passphrase file.
pass() {
  umask 077
  printf '%s\n' "passphrase of $1" >"$work/$1.pass"
  echo "$work/$1.pass"
}
as() {
  local name=$1
  shift
  SUBSIDY_USER=$name SUBSIDY_PASSPHRASE_FILE="$work/$name.pass" "$SUBSIDY_BIN" "$@"
}

# Sourced by the tests/cli/fault_*_test.sh scripts (not a test itself): ledger_common.sh (strict
# mode, scratch directory, fail, sql, expect_refusal) plus an encrypted ledger with the worked
# example imported, and helpers to compare a ledger's state before and after a fault.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
examples=${SUBSIDY_SHARED:?}/examples/basic
export SUBSIDY_DB_KEY=$(raw_test_key 'fault test key')

# make_example_ledger DB: init and import the six example files (nothing posted yet).
make_example_ledger() {
  "$SUBSIDY_BIN" --db "$1" init >/dev/null
  for kind in regions enterprises tax compliance projects applications; do
    "$SUBSIDY_BIN" --db "$1" import "$kind" "$examples/$kind.csv" >/dev/null
  done
}

# state DB: one line per table with its row count. Not the ledger head: entries carry the time they
# were posted, so the same command run twice gives different heads; `verify` checks the chain.
state() {
  local tables
  tables=$(sql "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;")
  local query=""
  for table in $tables; do query+="SELECT '$table', count(*) FROM \"$table\";"; done
  sql "$1" "$query"
}

# copy_ledger FROM TO: the ledger file alone (a cleanly closed ledger has no WAL).
copy_ledger() {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
  [ ! -e "$1-wal" ] || cp "$1-wal" "$2-wal"
}

# no_crash RC WHAT: fails when RC says the process died of a signal (other than the test's kill).
no_crash() {
  [ "$1" -lt 128 ] || fail "$2: died with signal $(($1 - 128))"
}

#!/usr/bin/env bash
# End-to-end: the ledger key stays secret. It is never in argv (there is no key option; the argv of
# a running command, as `ps` shows it, does not hold it), never in the operations log, the -v debug
# output or an error message; a key file readable by group or others (0644, 0640) is refused; a
# process holding the key cannot write a core dump (RLIMIT_CORE 0 while it waits on a lock); and an
# encrypted ledger file (and its WAL) holds no readable enterprise name, USCC or amount, while the
# same search on a plain ledger finds them (so the search can see them when they are there).
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
examples=${SUBSIDY_SHARED:?}/examples/basic
key='Hostile-Secret-Key-7f3a9c'

# book_example DB [INIT_OPTION]: init, import the example files, post the 2023 assessment; all
# output kept.
book_example() {
  "$SUBSIDY_BIN" -v --db "$1" init ${2:+"$2"} >>run.out 2>>run.err
  for kind in regions enterprises tax compliance projects applications; do
    "$SUBSIDY_BIN" -v --db "$1" import "$kind" "$examples/$kind.csv" >>run.out 2>>run.err
  done
  "$SUBSIDY_BIN" -v --db "$1" assess --year 2023 >>run.out 2>>run.err
}
# leaks DB: the sensitive strings found in DB and its WAL (names as UTF-8 bytes, USCCs and amounts
# via strings(1)), one per line.
leaks() {
  local files=("$1")
  [ -f "$1-wal" ] && files+=("$1-wal")
  cat "${files[@]}" >all.bin
  strings -n 6 all.bin >all.strings
  for name in 江苏甲机械有限公司 泗阳; do grep -qaF "$name" all.bin && echo "$name"; done
  for uscc in 91321323L30P8774PE 102308200012 1110020109000123456; do
    grep -qF "$uscc" all.strings && echo "$uscc"
  done
  for amount in '1,234,567.89' 1234567.89 213456.79; do grep -qF "$amount" all.strings && echo "$amount"; done
  return 0
}

# --- a plain ledger: the search finds names, codes and amounts ---------------------------------------
unset SUBSIDY_DB_KEY
book_example plain.db --plaintext ||
  fail "booking the example in a plain ledger: $(tail -n 3 run.err)"
found=$(leaks plain.db)
for expected in 江苏甲机械有限公司 91321323L30P8774PE 213456.79; do
  grep -qxF "$expected" <<<"$found" || fail "the search cannot see '$expected' in a plain ledger"
done

# --- an encrypted ledger: nothing readable -----------------------------------------------------------
: >run.err
export SUBSIDY_DB_KEY=$key
book_example enc.db || fail "booking the example in an encrypted ledger: $(tail -n 3 run.err)"
[ -z "$(leaks enc.db)" ] || fail "readable in the encrypted ledger: $(leaks enc.db | tr '\n' ' ')"
"$SUBSIDY_BIN" --db enc.db verify >/dev/null || fail "verify of the encrypted ledger"

# --- the key in no log, no -v output, no error message ---------------------------------------------
grep -q "opening ledger" run.err || fail "-v gave no debug output to search"
grep -qF -- "$key" run.err run.out && fail "the key is in the -v output"
[ -s enc.db.ops.log ] || fail "no operations log to search"
grep -qF -- "$key" enc.db.ops.log && fail "the key is in the operations log"
errors=$(
  SUBSIDY_DB_KEY="$key-wrong" "$SUBSIDY_BIN" -v --db enc.db verify 2>&1 || true
  "$SUBSIDY_BIN" -v --db plain.db verify 2>&1 || true
  "$SUBSIDY_BIN" -v --db enc.db import nonsense "$examples/regions.csv" 2>&1 || true
  "$SUBSIDY_BIN" -v --db enc.db import regions /nonexistent.csv 2>&1 || true
  "$SUBSIDY_BIN" -v --db enc.db close --year 1999 2>&1 || true
)
grep -q "wrong key" <<<"$errors" || fail "no wrong-key refusal to search: $errors"
grep -qF -- "$key" <<<"$errors" && fail "the key is in an error message: $errors"

# --- no key option: the key cannot be put in argv ---------------------------------------------------
rc=0
"$SUBSIDY_BIN" --db enc.db --key "$key" verify >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--key accepted (exit $rc): the key must never be an argument"

# --- key file mode: 0644 and 0640 refused, 0600 works ------------------------------------------------
printf '%s\n' "$key" >key.txt
for mode in 644 640; do
  chmod "$mode" key.txt
  expect_refusal "key file is readable by group or others; chmod 600 it" \
    env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db enc.db --key-file key.txt digest
  grep -qF -- "$key" refusal.err && fail "the key is in the key-file refusal"
done
chmod 600 key.txt
env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db enc.db --key-file key.txt digest >/dev/null ||
  fail "a 0600 key file is not accepted"

# --- a running command that holds the key: argv clean, core dumps off -------------------------------
# post_entries holds the write lock for 3 s once it says (through a fifo) that it has it;
# `subsidy -v import` meanwhile waits for it (busy timeout) with the key loaded, long enough to look
# at its /proc entries as ps would. The import's debug line "opening ledger", which it writes
# after loading the key and turning core dumps off, comes through a fifo too.
mkfifo holder.ready waiter.fifo
"$post" --db enc.db --count 5 --tag holder --hold-ms 3000 --ready holder.ready >holder.out 2>&1 &
holder=$!
await_ready holder.ready
ulimit -c unlimited 2>/dev/null || ulimit -c "$(ulimit -H -c)"
env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" -v --db enc.db --key-file key.txt import regions \
  "$examples/regions.csv" >waiter.fifo 2>&1 &
waiter=$!
# The import's shell opens the fifo for writing before it runs the command, so this open returns;
# the reads are bounded by -t. A reader that drains it to the end is left behind, so that the
# import never writes into a fifo nobody reads.
exec {waiter_fd}<waiter.fifo
opened=
while read -r -t 60 -u "$waiter_fd" line; do
  printf '%s\n' "$line" >>waiter.out
  if [[ "$line" == *"opening ledger"* ]]; then opened=yes; break; fi
done
cat <&"$waiter_fd" >>waiter.out &
drain=$!
exec {waiter_fd}<&-
[ -n "$opened" ] || fail "the waiting import did not open the ledger within 60 s: $(cat waiter.out)"
[ -r "/proc/$waiter/limits" ] || fail "the waiting import ended before it could be inspected"
ps -o args= -p "$waiter" >argv.txt || fail "ps cannot see the waiting import"
grep -qF -- "$key" argv.txt "/proc/$waiter/cmdline" && fail "the key is in the argv of a running command"
core_limit=$(awk '/^Max core file size/ {print $5, $6}' "/proc/$waiter/limits")
[ "$core_limit" = "0 0" ] || fail "a process holding the key may dump core (limit: $core_limit)"
# The shell that started it still may: the limit is the program's own doing, not the test's.
[ "$(ulimit -c)" != 0 ] || fail "the test could not raise its own core limit, so it proves nothing"
wait "$holder" || fail "the lock holder failed: $(cat holder.out)"
wait "$waiter" || fail "the waiting import failed: $(cat waiter.out)"
wait "$drain"
echo "secrets: ok (encrypted file and WAL clean, key in no log/argv/error, key file modes, no cores)"

#!/usr/bin/env bash
# End-to-end: how the ledger is stored. Encryption (no plaintext on disk, 4096-byte cipher pages,
# WAL), the three key mistakes each refused in one line with exit 1, the key file's mode, and two
# processes writing at once: the second waits and succeeds, or with a short wait fails clearly and
# posts nothing; nothing is lost either way.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"

export SUBSIDY_DB_KEY='s3cret key, with a quote'"'"' in it'
"$post" --db enc.db --create --count 20 --tag plaintext-probe >/dev/null

# Encrypted: no SQLite header, none of the posted text readable on disk.
if head -c 16 enc.db | grep -qa "SQLite format 3"; then fail "enc.db has a plain SQLite header"; fi
if grep -qa "plaintext-probe" enc.db; then fail "posted text readable in enc.db"; fi
# 4096-byte cipher pages and WAL, as seen by the independent sqlcipher shell.
[ "$(sql enc.db "SELECT count(*) FROM ledger_entries;")" = 20 ] || fail "shell cannot read"
[ "$(sql enc.db "PRAGMA journal_mode;")" = wal ] || fail "not WAL"
[ "$(printf "PRAGMA key = '%s';\nSELECT count(*) FROM ledger_entries;\n" "${SUBSIDY_DB_KEY//\'/\'\'}" |
      sqlcipher enc.db 2>&1)" != 20 ] || fail "readable with the default page size: not 4096"

# Key mistakes: one clear line, exit 1, for each.
expect_refusal "ledger is encrypted (or not a ledger); give the key with --key-file or SUBSIDY_KEY_FILE" \
  env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db enc.db verify
expect_refusal "wrong key for this ledger" env SUBSIDY_DB_KEY=wrong "$SUBSIDY_BIN" --db enc.db verify
env -u SUBSIDY_DB_KEY "$post" --db plain.db --create --count 2 >/dev/null
expect_refusal "a key was given but this ledger is not encrypted" "$SUBSIDY_BIN" --db plain.db verify
env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db plain.db verify >/dev/null || fail "plain ledger without key"

# The key from a file of mode 0600 works; a file others can read is refused.
printf '%s\n' "$SUBSIDY_DB_KEY" >key.txt
chmod 644 key.txt
expect_refusal "key.txt: key file is readable by group or others; chmod 600 it" \
  env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db enc.db --key-file key.txt digest
chmod 600 key.txt
env -u SUBSIDY_DB_KEY "$SUBSIDY_BIN" --db enc.db --key-file key.txt digest | grep -q "entries=20 " ||
  fail "key file not used"

# Two writers at once. The first holds its transaction open for 2 s once it has the write lock
# (it says so through a fifo); the second starts then, waits for it (busy timeout) and succeeds.
mkfifo first.ready third.ready
"$post" --db enc.db --count 300 --tag first --hold-ms 2000 --ready first.ready >first.out 2>&1 &
first=$!
await_ready first.ready
start=$(date +%s%N)
"$post" --db enc.db --count 200 --tag second >second.out 2>&1 || fail "second writer: $(cat second.out)"
waited_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$first" || fail "first writer: $(cat first.out)"
[ "$waited_ms" -ge 1000 ] || fail "second writer did not wait for the first (${waited_ms} ms)"
"$SUBSIDY_BIN" --db enc.db digest | grep -q "entries=520 " || fail "entries lost with two writers"

# With a wait shorter than the first writer's transaction the second fails clearly, posts nothing.
# The first holds the lock until the test has seen the second refused (60 s at most), however
# slowly the second starts on a loaded machine.
"$post" --db enc.db --count 50 --tag third --hold-ms 60000 --release third.done --ready third.ready \
  >third.out 2>&1 &
third=$!
await_ready third.ready
expect_refusal "the ledger is busy: another command is writing to it" \
  "$post" --db enc.db --count 50 --tag fourth --busy-timeout-ms 200
touch third.done
wait "$third" || fail "third writer: $(cat third.out)"
[ "$(sql enc.db "SELECT count(*) FROM ledger_entries WHERE idempotency_key LIKE 'fourth/%';")" = 0 ] ||
  fail "the refused writer posted something"
"$SUBSIDY_BIN" --db enc.db verify | grep -q "verified: 570 entries" || fail "verify after concurrent writers"
echo "ledger storage: ok"

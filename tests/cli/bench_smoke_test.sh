#!/usr/bin/env bash
# The benchmark's machinery on a 1,000-application county (`subsidy-bench --smoke`): every step of
# the cycle and both baselines run and get a figure, the targets are checked, and --update-doc
# replaces only its own marked section of a Markdown file, keeping every other section.
set -euo pipefail

bench=${SUBSIDY_BUILD:?}/tools/bench/subsidy-bench
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$scratch/performance.md" <<'DOC'
# Performance

## Import

Someone else's figures, to be kept.
DOC

out=$("$bench" --smoke --work "$scratch/work" --update-doc "$scratch/performance.md" 2>"$scratch/err")
for step in "generate county (CSV)" "import (six files)" "assess --dry-run (3 years)" \
  "assess and post (3 years)" "baseline: raw SQLCipher insert" "verify" "balances" \
  "report trial-balance" "report cost-sharing" "export journal (whole ledger)" \
  "baseline: ledger -f journal bal" "batch create, approve (second actor), export pain.001" \
  "bank-return import (pain.002, 2 rejections)"; do
  grep -q "^| $step" <<<"$out" || fail "no figure for: $step"
done
grep -q "^- verify under 15 s: met" <<<"$out" || fail "the verify target was not checked"
grep -q "^- balances at least 10× faster than ledger -f journal bal: " <<<"$out" ||
  fail "the ledger-cli comparison is missing"
[ ! -e "$scratch/work" ] || fail "the scratch directory was left behind without --keep"

# The document keeps the other section and gains the marked one; a second run replaces it.
grep -q "Someone else's figures, to be kept." "$scratch/performance.md" || fail "a section was lost"
grep -q "<!-- subsidy-bench:begin -->" "$scratch/performance.md" || fail "no marked section"
"$bench" --smoke --work "$scratch/work" --update-doc "$scratch/performance.md" >/dev/null 2>&1
[ "$(grep -c "subsidy-bench:begin" "$scratch/performance.md")" -eq 1 ] ||
  fail "a second run added a second section instead of replacing the first"
grep -q "Someone else's figures, to be kept." "$scratch/performance.md" || fail "a section was lost"

# A failing step stops the benchmark with exit 1 and names the command.
rc=0
"$bench" --smoke --work "$scratch/work2" --subsidy /bin/false >/dev/null 2>"$scratch/err" || rc=$?
[ "$rc" -eq 1 ] || fail "a failing step gave exit $rc, not 1"
grep -q "/bin/false" "$scratch/err" || fail "the failing command is not named"
echo "bench smoke test passed"

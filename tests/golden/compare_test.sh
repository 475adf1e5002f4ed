#!/usr/bin/env bash
# The golden files: runs tests/golden/run.sh (the worked example through one fixed year cycle) into
# a scratch directory and compares every output byte for byte with tests/golden/expected/, which
# was produced by the code and checked by hand once. The same file names on both sides, no file
# missing or extra; a difference fails with the head of `diff -u`. After an intended change of
# output, tools/regen-golden.sh rewrites expected/ (review its diff before committing).
set -euo pipefail
: "${SUBSIDY_BIN:?}" "${SUBSIDY_SHARED:?}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
expected=$here/expected
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
got=$scratch/out

bash "$here/run.sh" "$got"
if ! diff -u --label expected --label got <(cd "$expected" && ls) <(cd "$got" && ls) \
  >"$scratch/names.diff"; then
  echo "FAIL: the golden files and run.sh's outputs are not the same set of files:" >&2
  head -n 40 "$scratch/names.diff" >&2
  exit 1
fi
failed=0
for path in "$expected"/*; do
  name=${path##*/}
  cmp -s "$path" "$got/$name" && continue
  failed=$((failed + 1))
  echo "FAIL: $name differs from tests/golden/expected/$name:" >&2
  diff -u --text --label "expected/$name" --label "got/$name" "$path" "$got/$name" | head -n 30 >&2 ||
    true
done
[ "$failed" -eq 0 ] || {
  echo "FAIL: $failed golden file(s) differ; if the change is intended, run tools/regen-golden.sh" >&2
  exit 1
}
echo "golden: $(ls "$expected" | wc -l) files identical"

#!/usr/bin/env bash
# Installs the Debian packages subsidy-ledger builds, tests and runs with — only those missing, and
# runs `apt-get update` only when something is missing. Safe to run again and again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build # toolchain
  libsqlcipher-dev sqlcipher                  # the encrypted store, and its shell for tamper tests
  libboost-dev libssl-dev                     # checked 128-bit integers; SHA-256
  libspdlog-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libxlsxwriter-dev libxml2-dev libxml2-utils # XLSX reports; ISO 20022 files and XSD validation
  libutf8proc-dev                             # NFC and Unicode categories for text at the border
  libzip-dev                                  # reading .xlsx files given to import
  libpango1.0-dev libcairo2-dev fonts-noto-cjk # PDF prints: Pango shapes and wraps Chinese, Cairo writes PDF
  catch2 python3-openpyxl                     # tests, and the independent XLSX reader they use
  poppler-utils                               # tests: pdftotext/pdfinfo read the PDFs back, pdftoppm renders
  ledger hledger                              # journal export checks and the benchmark baseline
  clang libclang-rt-14-dev                    # libFuzzer targets
  lld                                         # the linker: 4-5x faster than ld.bfd on test programs
  libcpp-httplib-dev                          # the HTTP(S) server of `subsidy serve`
  chromium chromium-driver python3-selenium   # the browser test of `subsidy serve`
  wrk                                         # the server's load benchmark
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env python3
"""Verifies the signatures exported by `subsidy export signatures` with the openssl command alone.

Usage: verify-signatures.py SIGNATURES_DIR [--keys KEYS_DIR]

For every ID.bin in SIGNATURES_DIR (the exact signed bytes), ID.sig (DER SM2 signature) and
ID.user (the signer's login), runs

    openssl pkeyutl -verify -pubin -inkey KEY.pem -rawin -digest sm3 \\
        -pkeyopt distid:1234567812345678 -in ID.bin -sigfile ID.sig

with KEY.pem the signer's key as it stood when they signed (ID.pem, written beside), or
KEYS_DIR/NAME.pem (`subsidy user export-keys`) when given. On Debian 12 (OpenSSL 3.0) the
-pkeyopt distid is needed: without it the command line uses an empty distinguishing ID, while the
ledger signs with the GB/T 35276 default 1234567812345678 (docs/people.md). Prints one line per
signature and a summary; exits 1 when any fails or none is found. Uses no code of subsidy-ledger.
"""
import argparse
import os
import re
import subprocess
import sys

DISTID = "1234567812345678"


def verify_one(directory, ident, keys):
    base = os.path.join(directory, ident)
    with open(base + ".user", encoding="utf-8") as handle:
        signer = handle.read().strip()
    key = os.path.join(keys, signer + ".pem") if keys else base + ".pem"
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key, "-rawin", "-digest", "sm3",
               "-pkeyopt", "distid:" + DISTID, "-in", base + ".bin", "-sigfile", base + ".sig"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    ok = result.returncode == 0 and "Verified Successfully" in result.stdout
    return signer, ok, (result.stdout + result.stderr).strip().splitlines()[:1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--keys", help="the public keys written by `subsidy user export-keys`")
    args = parser.parse_args()
    ids = sorted((name[:-4] for name in os.listdir(args.directory) if re.fullmatch(r"\d+\.bin", name)),
                 key=int)
    failures = 0
    for ident in ids:
        signer, ok, detail = verify_one(args.directory, ident, args.keys)
        with open(os.path.join(args.directory, ident + ".bin"), encoding="utf-8") as handle:
            command = next((line[len("command: "):] for line in handle if line.startswith("command: ")), "?")
        print("%s %s by %s: %s" % ("OK  " if ok else "FAIL", ident, signer, command))
        if not ok:
            failures += 1
            print("     " + " ".join(detail), file=sys.stderr)
    if not ids:
        print("no signatures in %s" % args.directory, file=sys.stderr)
        return 1
    print("%d signature(s), %d failed (openssl pkeyutl, SM2 with SM3, distid %s)" %
          (len(ids), failures, DISTID))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

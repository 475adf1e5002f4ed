# Sourced by the CLI scripts (not a test itself). raw_test_key NAME prints a ledger key in
# SQLCipher's raw-key form x'<64 hex>' (the SHA-256 of NAME), the form `subsidy keygen` writes:
# SQLCipher uses it as the AES key itself, without the 64,000 PBKDF2 rounds a passphrase costs
# (about 50 ms of every command). The scripts about passphrases (files-keys, storage, secrets,
# import) keep passphrases.
raw_test_key() { printf "x'%s'" "$(printf %s "$1" | sha256sum | cut -c1-64)"; }

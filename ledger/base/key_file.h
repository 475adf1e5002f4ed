// Making a new ledger key file: 32 random bytes from OpenSSL's generator, written in SQLCipher's
// raw-key form x'<64 lowercase hex>' and a newline (raw bytes could hold a NUL or a newline, which
// the key loader refuses or drops), in a new file only its owner may read.
//
// Why the raw-key form: SQLCipher runs a passphrase through PBKDF2 (64,000 rounds in 3.4, about
// 50 ms of every command) so that a guessable passphrase is slow to guess. A key of 256 random bits
// cannot be guessed, so the rounds protect nothing; given as x'…' SQLCipher uses the 32 bytes as
// the AES key itself. Key files of earlier versions (64 hex digits without x'…') stay passphrases
// and open their ledgers as before; so does $SUBSIDY_DB_KEY.
#pragma once

#include <string>

namespace subsidy {

// The number of random bytes in a generated key (256 bits).
constexpr size_t kGeneratedKeyBytes = 32;

// A new key: kGeneratedKeyBytes random bytes (RAND_bytes) as x'<lowercase hex>', without a
// newline. Throws RefusedError when the generator has no entropy.
std::string generate_key_text();

// Writes generate_key_text() and a newline to `path`, created with mode 0600 (O_EXCL, following no
// symbolic link) and flushed to disk. Refuses an existing path (a key file is never replaced: the
// ledger it opens would be lost). Throws RefusedError naming the path; a half-written file is
// removed.
void write_new_key_file(const std::string& path);

}  // namespace subsidy

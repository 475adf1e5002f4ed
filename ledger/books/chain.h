// The hash chain of the ledger: the canonical bytes of an entry (docs/ledger-format.md defines them
// for auditors, and tools/verify-chain.py re-implements them independently) and the SHA-256 that
// links each entry to the one before it.
#pragma once

#include <string>
#include <string_view>

#include "ledger/books/entry.h"

namespace subsidy {

// The "previous hash" of entry 1: 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical serialization of `entry` (every field but entry_hash, then its lines in order)
// preceded by `previous_hash`, the hex hash of the entry before it (kGenesisHash for entry 1).
// Each value is written as <byte length>:<bytes>, and a NULL as ~, ; integers in decimal.
// Pure function; never fails.
std::string canonical_entry_bytes(const Entry& entry, std::string_view previous_hash);

// Lowercase hex SHA-256 of canonical_entry_bytes(entry, previous_hash): what entry_hash must be.
std::string chain_hash(const Entry& entry, std::string_view previous_hash);

}  // namespace subsidy

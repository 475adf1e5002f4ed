// The baselines the benchmark sets beside our own figures: the floor for posting (a raw SQLCipher
// bulk insert of as many entries and lines as posting wrote, with the ledger's pragmas and key but
// none of its checks, hashing or read-back) and the row counts it needs from a posted ledger.
#pragma once

#include <cstdint>
#include <string>

#include "measure.h"

namespace subsidy::bench {

struct LedgerSize {
  int64_t entries = 0;
  int64_t lines = 0;
};

// How many journal entries and lines the ledger at `path` holds. Opens it in a child process, so
// that the caller never forks with a database open. Throws RefusedError when it cannot be read.
LedgerSize ledger_size(const std::string& path, const std::string& key);

// Creates a new encrypted database at `path` (removing an old one) and inserts `size.entries` rows
// shaped like journal entries and `size.lines` rows shaped like their lines, in one transaction
// with prepared statements, in a forked child; returns its time and peak memory.
RunResult raw_insert(const std::string& path, const std::string& key, LedgerSize size);

}  // namespace subsidy::bench

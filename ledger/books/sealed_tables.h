// The sealed tables: every table outside the journal whose rows decide money (master data, policy
// texts, configuration, assessment runs, payment batches and their events, bank returns and
// their held rejections, year closings), declared once with its columns in canonical order, its
// primary key and the column that groups its rows into sealed records; and the canonical bytes of
// a group of rows and of a record of the record chain (docs/ledger-format.md "Record chain";
// tools/verify-chain.py re-implements both independently).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/sha256.h"

namespace subsidy {

// One sealed table. `columns` are all of the table's columns in the order the schema declares
// them (the canonical order), `key_columns` its primary key in order (the order of its rows in a
// group), `group_column` the column whose value makes a group (one import, one batch, ...).
struct SealedTable {
  std::string_view name;
  std::string_view group_column;
  std::vector<std::string_view> columns;
  std::vector<std::string_view> key_columns;
};

// The sealed tables in sealing order (a group of an earlier table is sealed before any group of a
// later one within the same operation). Never empty; the same every call.
const std::vector<SealedTable>& sealed_tables();

// One record of the record chain: the seal of one group of one table.
struct SealRecord {
  int64_t record_id = 0;
  std::string table_name;
  std::string group_key;  // the group column's value as text (integers in decimal)
  int64_t row_count = 0;
  std::string content_sha256;
  std::string sealed_at;  // UTC, 2024-01-31T08:00:00Z
  std::string actor;
  std::string previous_hash;
  std::string record_hash;
};

// The canonical bytes of `record` (all its fields but record_hash) preceded by the format tag
// "subsidy-ledger-record/1" and `previous_hash`. Pure; never fails.
std::string canonical_record_bytes(const SealRecord& record, std::string_view previous_hash);

// Lowercase hex SHA-256 of canonical_record_bytes: what record_hash must be.
std::string record_chain_hash(const SealRecord& record, std::string_view previous_hash);

// Builds the canonical bytes of one group's rows piece by piece (a group may hold a million rows):
// the tag "subsidy-ledger-rows/1", the table name and group key; then each row's values in column
// order; then the row count. Values are `<byte length>:<bytes>,`, NULL is `~,`; integers in
// decimal. The SHA-256 of these bytes is the record's content_sha256.
class GroupHasher {
 public:
  GroupHasher(std::string_view table_name, std::string_view group_key);

  // Adds one value of the current row, in the table's canonical column order (nullopt: NULL).
  void add_value(const std::optional<std::string_view>& value);
  // Ends the current row.
  void end_row() { ++row_count_; }
  int64_t row_count() const { return row_count_; }
  // Appends the row count and returns the SHA-256 of all the bytes as lowercase hex. Call once.
  std::string finish_hex();
  // Keeps a copy of every byte hashed from now on, readable with bytes() (for the tests).
  void keep_bytes() { keeping_ = true; }
  const std::string& bytes() const { return kept_; }

 private:
  void put(std::string_view value);
  void flush();
  Sha256 sha_;
  std::string buffer_;
  std::string kept_;
  int64_t row_count_ = 0;
  bool keeping_ = false;
};

}  // namespace subsidy

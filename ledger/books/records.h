// The record chain on the ledger: sealing every group of the sealed tables (sealed_tables.h) once,
// checking before a write that nothing is unsealed and that the schema is exactly what the
// migrations made, and verifying the whole chain and every group's content from the stored rows.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ledger/books/journal.h"
#include "ledger/store/store.h"

namespace subsidy {

// What verify_records found. Problems come in three kinds, worst first: breaks of the record chain,
// differences of the schema from the one the migrations define, and groups whose stored rows are
// not what was sealed (changed, added, removed or never sealed). One line per problem.
struct RecordsCheck {
  RecordsHead head;  // the last record read and its stored hash
  int64_t records_checked = 0;
  int64_t rows_checked = 0;
  std::vector<std::string> chain_problems;
  std::vector<std::string> schema_problems;
  std::vector<std::string> content_problems;
  std::map<int64_t, std::string> hash_at;  // record id -> stored hash (for a saved digest)
};

// The head of the record chain: the count of records and the last one's hash (64 zeros for none).
RecordsHead records_head(Db& db);

// The differences of the schema of `db` from expected_schema(db.schema_version()): one line per
// missing, extra or changed table, index, trigger or view, naming it. Empty when identical.
std::vector<std::string> schema_problems(Db& db);

// The cheap check before a write: per sealed table, the rows per group against the row counts
// sealed. One line per group that has rows but no seal, or a different number of rows than its
// seal says, naming the table and the group. Empty when everything is sealed.
std::vector<std::string> unsealed_groups(Db& db);

// Seals every group of the sealed tables that has rows and no seal yet, in table order and then in
// the group column's order, each one record of the chain sealed by `actor` at `at`. Returns the
// number of records added. Must run inside a write transaction. Throws RefusedError when a group
// already sealed has a different number of rows than its seal (rows were added to it).
int64_t seal_new_groups(Db& db, const std::string& actor, const std::string& at);

// Checks the whole record chain (ids 1..n, each previous_hash the hash before it, each record_hash
// recomputed), every group's content against its seal, every group with no seal, the stored policy
// texts against their recorded SHA-256, and the schema. Never throws for a damaged ledger (that is
// a problem in the result); throws RefusedError only if the database cannot be read.
RecordsCheck verify_records(Db& db);

}  // namespace subsidy

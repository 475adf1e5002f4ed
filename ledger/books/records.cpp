// Sealing the groups of the sealed tables into the record chain, the cheap check a write makes
// before it starts, and the full verification of the chain, the groups, the policy texts and the
// schema (records.h). Groups are read one at a time through the index on their group column, so
// a group of a million rows is hashed in one sequential read with constant memory.
#include "ledger/books/records.h"

#include <algorithm>
#include <utility>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/books/chain.h"
#include "ledger/books/sealed_tables.h"

namespace subsidy {

namespace {

constexpr int64_t kMaxRowKeysNamed = 3;

using GroupCounts = std::vector<std::pair<std::string, int64_t>>;  // in the group column's order
using SealedCounts = std::map<std::string, std::map<std::string, int64_t>>;  // table -> key -> rows

bool has_table(Db& db, std::string_view name) {
  Statement row = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?;");
  row.bind(1, name);
  return row.step();
}

std::string joined(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string out;
  for (const std::string_view name : names) {
    if (!out.empty()) out += separator;
    out += name;
  }
  return out;
}

// "<table> <group column>=<key>": how every problem names a group.
std::string group_name(const SealedTable& table, std::string_view key) {
  return std::string(table.name) + " " + std::string(table.group_column) + "=" + std::string(key);
}

GroupCounts group_counts(Db& db, const SealedTable& table) {
  const std::string column(table.group_column);
  Statement rows = db.prepare("SELECT " + column + ", COUNT(*) FROM " + std::string(table.name) +
                              " GROUP BY " + column + " ORDER BY " + column + ";");
  GroupCounts counts;
  while (rows.step()) {  // one row per group
    std::string key = rows.is_null(0) ? std::string("~") : rows.text(0);
    if (!counts.empty() && counts.back().first == key) {
      counts.back().second += rows.int64(1);  // the same value stored as text and as integer
    } else {
      counts.emplace_back(std::move(key), rows.int64(1));
    }
  }
  return counts;
}

SealedCounts sealed_counts(Db& db) {
  SealedCounts counts;
  Statement rows = db.prepare("SELECT table_name, group_key, row_count FROM ledger_records;");
  while (rows.step()) counts[rows.text(0)][rows.text(1)] = rows.int64(2);  // one row per record
  return counts;
}

// The content hash and row count of one group, read from the stored rows in key order.
std::pair<std::string, int64_t> hash_group(Db& db, const SealedTable& table,
                                           const std::string& key) {
  Statement rows = db.prepare(
      "SELECT " + joined(table.columns, ", ") + " FROM " + std::string(table.name) + " WHERE " +
      std::string(table.group_column) + " = ? ORDER BY " + joined(table.key_columns, ", ") + ";");
  rows.bind(1, key);
  GroupHasher hasher(table.name, key);
  const int columns = static_cast<int>(table.columns.size());
  while (rows.step()) {  // one row of the group
    for (int i = 0; i < columns; ++i) {
      hasher.add_value(rows.is_null(i) ? std::nullopt
                                       : std::optional<std::string_view>(rows.text_view(i)));
    }
    hasher.end_row();
  }
  const int64_t count = hasher.row_count();
  return {hasher.finish_hex(), count};
}

// Up to three primary keys of the rows of a group, "uscc=…, version=…; …", for a problem line.
std::string row_keys(Db& db, const SealedTable& table, const std::string& key) {
  Statement rows = db.prepare(
      "SELECT " + joined(table.key_columns, ", ") + " FROM " + std::string(table.name) + " WHERE " +
      std::string(table.group_column) + " = ? ORDER BY " + joined(table.key_columns, ", ") +
      " LIMIT " + std::to_string(kMaxRowKeysNamed) + ";");
  rows.bind(1, key);
  std::string out;
  while (rows.step()) {  // at most kMaxRowKeysNamed rows
    if (!out.empty()) out += "; ";
    for (size_t i = 0; i < table.key_columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += std::string(table.key_columns[i]) + "=" +
             (rows.is_null(static_cast<int>(i)) ? "NULL" : rows.text(static_cast<int>(i)));
    }
  }
  return out;
}

// SQL text on one line, at most about 160 bytes: for a problem line.
std::string one_line(const std::optional<std::string>& sql) {
  constexpr size_t kMaxBytes = 160;
  if (!sql) return "(no SQL)";
  std::string out;
  for (const char c : *sql) {
    const bool space = static_cast<unsigned char>(c) < 0x20 || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
    if (out.size() >= kMaxBytes) return out + "…";
  }
  return out;
}

std::string kind_of_trigger(std::string_view name) {
  return name.ends_with("_no_update") || name.ends_with("_no_delete") ? "append-only trigger"
                                                                      : "trigger";
}

std::string kind_of(const SchemaObject& object) {
  return object.type == "trigger" ? kind_of_trigger(object.name) : object.type;
}

std::string describe(const SchemaObject& object) {
  return kind_of(object) + " " + object.name +
         (object.type == "table" ? "" : " on " + object.table_name);
}

// Walks the record chain: ids 1..n, each previous_hash the stored hash before it, each record_hash
// recomputed. Returns the records as stored, for the content check.
std::vector<SealRecord> check_chain(Db& db, RecordsCheck& check) {
  std::vector<SealRecord> records;
  Statement rows = db.prepare(
      "SELECT record_id, table_name, group_key, row_count, content_sha256, sealed_at, actor, "
      "previous_hash, record_hash FROM ledger_records ORDER BY record_id;");
  std::string previous_hash(kGenesisHash);
  int64_t previous_id = 0;
  while (rows.step()) {  // one row per record
    SealRecord record{rows.int64(0), rows.text(1), rows.text(2), rows.int64(3), rows.text(4),
                      rows.text(5),  rows.text(6), rows.text(7), rows.text(8)};
    const std::string name = "record " + std::to_string(record.record_id) + ": ";
    if (record.record_id != previous_id + 1) {
      check.chain_problems.push_back(name + "record ids jump from " + std::to_string(previous_id) +
                                     " to " + std::to_string(record.record_id) + " (deleted?)");
    }
    if (record.previous_hash != previous_hash ||
        record_chain_hash(record, previous_hash) != record.record_hash) {
      check.chain_problems.push_back(name + "hash does not match its content and the previous " +
                                     "record's hash (changed, reordered or inserted)");
    }
    check.hash_at[record.record_id] = record.record_hash;
    previous_hash = record.record_hash;
    previous_id = record.record_id;
    ++check.records_checked;
    records.push_back(std::move(record));
  }
  check.head = {previous_id, previous_hash};
  return records;
}

// One table's groups against their seals (check_groups).
void check_table(Db& db, const SealedTable& table,
                 std::map<std::string, const SealRecord*> table_seals, RecordsCheck& check) {
  for (const auto& [key, count] : group_counts(db, table)) {
    check.rows_checked += count;
    const auto seal = table_seals.find(key);
    if (seal == table_seals.end()) {
      check.content_problems.push_back(
          group_name(table, key) + ": " + std::to_string(count) +
          " row(s) that no record seals (inserted: " + row_keys(db, table, key) + ")");
      continue;
    }
    const SealRecord& record = *seal->second;
    table_seals.erase(seal);
    const std::string sealed_by = " (record " + std::to_string(record.record_id) + ")";
    if (count != record.row_count) {
      check.content_problems.push_back(group_name(table, key) + ": " + std::to_string(count) +
                                       " row(s), sealed with " + std::to_string(record.row_count) +
                                       sealed_by + ": rows were added or deleted");
    } else if (hash_group(db, table, key).first != record.content_sha256) {
      check.content_problems.push_back(group_name(table, key) +
                                       ": rows changed since they were sealed" + sealed_by);
    }
  }
  for (const auto& [key, record] : table_seals) {
    check.content_problems.push_back(
        group_name(table, key) + ": sealed with " + std::to_string(record->row_count) +
        " row(s) (record " + std::to_string(record->record_id) + "), none are left: deleted");
  }
}

// Every group against its seal, and every group without one.
void check_groups(Db& db, const std::vector<SealRecord>& records, RecordsCheck& check) {
  std::map<std::string, std::map<std::string, const SealRecord*>> seals;
  for (const SealRecord& record : records) {
    seals[record.table_name][record.group_key] = &record;
  }
  for (const SealedTable& table : sealed_tables()) {
    std::map<std::string, const SealRecord*> table_seals = seals[std::string(table.name)];
    seals.erase(std::string(table.name));
    try {
      check_table(db, table, std::move(table_seals), check);
    } catch (const RefusedError&) {
      // A table dropped or altered is named by the schema check; any other failure (a damaged
      // page, an I/O error) means the database cannot be read, which verify reports as such.
      if (check.schema_problems.empty()) throw;
      check.content_problems.push_back(std::string(table.name) + ": cannot be read as sealed");
    }
  }
  for (const auto& [table_name, by_key] : seals) {
    for (const auto& [key, record] : by_key) {
      check.chain_problems.push_back("record " + std::to_string(record->record_id) +
                                     ": names table " + table_name + ", which is not sealed");
    }
  }
}

// Each stored policy text against the SHA-256 recorded beside it.
void check_policy_texts(Db& db, RecordsCheck& check) {
  Statement rows = db.prepare("SELECT policy_id, text, sha256 FROM policies ORDER BY policy_id;");
  while (rows.step()) {  // one row per policy
    if (sha256_hex(rows.text_view(1)) != rows.text_view(2)) {
      check.content_problems.push_back("policies policy_id=" + rows.text(0) +
                                       ": the stored text does not match its recorded SHA-256 " +
                                       "(the policy was edited)");
    }
  }
}

}  // namespace

RecordsHead records_head(Db& db) {
  if (!has_table(db, "ledger_records")) return {0, std::string(kGenesisHash)};
  Statement row = db.prepare(
      "SELECT record_id, record_hash FROM ledger_records ORDER BY record_id DESC LIMIT 1;");
  if (!row.step()) return {0, std::string(kGenesisHash)};
  return {row.int64(0), row.text(1)};
}

std::vector<std::string> schema_problems(Db& db) {
  const std::vector<SchemaObject>& expected = expected_schema(db.schema_version());
  const std::vector<SchemaObject> actual = schema_objects(db);
  std::map<std::pair<std::string, std::string>, const SchemaObject*> by_name;
  for (const SchemaObject& object : actual) by_name[{object.type, object.name}] = &object;
  std::vector<std::string> problems;
  for (const SchemaObject& object : expected) {
    const auto found = by_name.find({object.type, object.name});
    if (found == by_name.end()) {
      problems.push_back(kind_of(object) + " " + object.name + " is missing");
      continue;
    }
    if (*found->second != object) {
      problems.push_back(describe(object) + " differs from what the migrations create: " +
                         one_line(found->second->sql));
    }
    by_name.erase(found);
  }
  for (const auto& [type_name, object] : by_name) {
    if (object->name.starts_with("sqlite_stat")) continue;  // ANALYZE statistics, not schema
    problems.push_back("extra " + describe(*object) +
                       " that no migration creates: " + one_line(object->sql));
  }
  return problems;
}

std::vector<std::string> unsealed_groups(Db& db) {
  const SealedCounts sealed = sealed_counts(db);
  std::vector<std::string> problems;
  for (const SealedTable& table : sealed_tables()) {
    const auto table_seals = sealed.find(std::string(table.name));
    std::map<std::string, int64_t> seals;
    if (table_seals != sealed.end()) seals = table_seals->second;
    for (const auto& [key, count] : group_counts(db, table)) {
      const auto seal = seals.find(key);
      if (seal == seals.end()) {
        problems.push_back(group_name(table, key) + ": " + std::to_string(count) +
                           " row(s) that no record seals");
        continue;
      }
      if (seal->second != count) {
        problems.push_back(group_name(table, key) + ": " + std::to_string(count) +
                           " row(s), its seal says " + std::to_string(seal->second));
      }
      seals.erase(seal);
    }
    for (const auto& [key, count] : seals) {
      problems.push_back(group_name(table, key) + ": sealed with " + std::to_string(count) +
                         " row(s), none are left");
    }
  }
  return problems;
}

int64_t seal_new_groups(Db& db, const std::string& actor, const std::string& at) {
  require_transaction(db);
  const SealedCounts sealed = sealed_counts(db);
  RecordsHead head = records_head(db);
  Statement insert = db.prepare(
      "INSERT INTO ledger_records (record_id, table_name, group_key, row_count, content_sha256, "
      "sealed_at, actor, previous_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);");
  int64_t added = 0;
  for (const SealedTable& table : sealed_tables()) {
    const auto table_seals = sealed.find(std::string(table.name));
    for (const auto& [key, count] : group_counts(db, table)) {
      if (table_seals != sealed.end()) {
        if (const auto seal = table_seals->second.find(key); seal != table_seals->second.end()) {
          if (seal->second != count) {
            throw RefusedError(group_name(table, key) + ": rows were added to a sealed group");
          }
          continue;
        }
      }
      SealRecord record{head.record_count + 1,
                        std::string(table.name),
                        key,
                        0,
                        "",
                        at,
                        actor,
                        head.head_hash,
                        ""};
      std::tie(record.content_sha256, record.row_count) = hash_group(db, table, key);
      SUBSIDY_ASSERT(record.row_count == count);
      record.record_hash = record_chain_hash(record, record.previous_hash);
      insert.bind(1, record.record_id).bind(2, record.table_name).bind(3, record.group_key);
      insert.bind(4, record.row_count).bind(5, record.content_sha256).bind(6, record.sealed_at);
      insert.bind(7, record.actor).bind(8, record.previous_hash).bind(9, record.record_hash);
      insert.run();
      head = {record.record_id, record.record_hash};
      ++added;
    }
  }
  return added;
}

RecordsCheck verify_records(Db& db) {
  RecordsCheck check;
  check.head = {0, std::string(kGenesisHash)};
  check.schema_problems = schema_problems(db);
  if (!has_table(db, "ledger_records")) {
    check.chain_problems.push_back("the record chain (table ledger_records) is missing");
    return check;
  }
  const std::vector<SealRecord> records = check_chain(db, check);
  check_groups(db, records, check);
  if (has_table(db, "policies")) check_policy_texts(db, check);
  SUBSIDY_ASSERT(check.records_checked == check.head.record_count || !check.chain_problems.empty());
  return check;
}

}  // namespace subsidy

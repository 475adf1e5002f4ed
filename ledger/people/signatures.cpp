// The signature of every change, and verify's check of them against the registry as it stood
// (signatures.h).
#include "ledger/people/signatures.h"

#include <map>
#include <optional>
#include <string_view>

#include "ledger/base/check.h"
#include "ledger/books/chain.h"
#include "ledger/books/journal.h"
#include "ledger/books/records.h"

namespace subsidy::people {

namespace {

constexpr std::string_view kSignatureTag = "subsidy-ledger-signature/1";

struct ChainRecord {
  int64_t record_id = 0;
  std::string table_name;
  std::string group_key;
  std::string actor;
  std::string record_hash;
};

std::vector<ChainRecord> read_records(Db& db) {
  Statement rows = db.prepare(
      "SELECT record_id, table_name, group_key, actor, record_hash FROM ledger_records ORDER BY "
      "record_id;");
  std::vector<ChainRecord> records;
  while (rows.step()) {  // one row per record
    records.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4)});
  }
  return records;
}

std::string entry_hash_at(Db& db, int64_t entry_count) {
  if (entry_count == 0) return std::string(kGenesisHash);
  Statement row = db.prepare("SELECT entry_hash FROM ledger_entries WHERE entry_id = ?;");
  row.bind(1, entry_count);
  return row.step() ? row.text(0) : std::string();
}

// Sealed tables only some commands may write: a record of one of them is covered by the
// signature of such a command (a checker's confirmation of a held CSV rejection is not smuggled
// into a cashier's import, whose role would pass).
struct TableCommands {
  std::string_view table;
  std::vector<std::string_view> commands;
};
const std::vector<TableCommands>& table_commands() {
  static const std::vector<TableCommands> tables = {
      {"bank_return_holds", {"bank-return import"}},
      {"bank_return_decisions", {"bank-return confirm", "bank-return dismiss"}},
  };
  return tables;
}

// The refusal when `command` may not write a record of `table`; nullopt when it may.
std::optional<std::string> command_for_table(std::string_view table, std::string_view command) {
  for (const TableCommands& entry : table_commands()) {
    if (entry.table != table) continue;
    for (const std::string_view allowed : entry.commands) {
      if (command == allowed || command.starts_with(std::string(allowed) + " ")) {
        return std::nullopt;
      }
    }
    std::string names;
    for (const std::string_view allowed : entry.commands) {
      names += (names.empty() ? "" : " or ") + std::string(allowed);
    }
    return "only " + names + " writes " + std::string(table) + ", not " + std::string(command);
  }
  return std::nullopt;
}

std::string where(const ChainRecord& record) {
  return "record " + std::to_string(record.record_id) + " (" + record.table_name + " " +
         record.group_key + ")";
}

// The checks of one signature at its place in the chain (verify_people).
void check_signature(Db& db, const SignatureRow& row, const ChainRecord& seal,
                     const std::string& head_before, const std::map<std::string, Person>& registry,
                     std::vector<ChainRecord>& pending, PeopleCheck& check) {
  const std::string name = "signature " + std::to_string(row.signature_id) + " by " + row.signer +
                           " (" + row.command + ")";
  if (row.record_count != seal.record_id - 1 || row.record_hash != head_before ||
      row.entry_hash != entry_hash_at(db, row.entry_count)) {
    check.problems.push_back(name + ": the heads it signs are not the ledger's at that point");
  }
  const auto person = registry.find(row.signer);
  if (person == registry.end()) {
    check.problems.push_back(name + ": the signer is not in the registry at that point");
  } else {
    if (!verify_signature(person->second.public_key, signed_bytes(row),
                          from_hex(row.signature_hex))) {
      check.problems.push_back(name + ": the SM2 signature does not verify under the signer's key");
    }
    if (const auto refusal = command_refusal(person->second, row.command)) {
      check.problems.push_back(name + ": " + *refusal);
    }
  }
  for (const ChainRecord& record : pending) {
    if (record.actor != row.signer) {
      check.problems.push_back(where(record) + ": sealed by " + record.actor + " but signed by " +
                               row.signer + " (signature " + std::to_string(row.signature_id) +
                               ")");
    }
    if (const auto wrong = command_for_table(record.table_name, row.command)) {
      check.problems.push_back(where(record) + ": " + *wrong + " (signature " +
                               std::to_string(row.signature_id) + ")");
    }
  }
  pending.clear();
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return {};
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::string signed_bytes(const SignatureRow& row) {
  std::string out(kSignatureTag);
  out += "\nsignature: " + std::to_string(row.signature_id);
  out += "\nsigner: " + row.signer;
  out += "\ncommand: " + row.command;
  out += "\narguments: " + row.arguments;
  out += "\nsigned_at: " + row.signed_at;
  out += "\njournal: " + std::to_string(row.entry_count) + " " + row.entry_hash;
  out += "\nrecords: " + std::to_string(row.record_count) + " " + row.record_hash + "\n";
  return out;
}

SignatureRow append_signature(Db& db, const UnlockedKey& key, const std::string& signer,
                              const std::string& command, const std::string& arguments,
                              const std::string& at) {
  require_transaction(db);
  Statement next = db.prepare("SELECT IFNULL(MAX(signature_id), 0) + 1 FROM signatures;");
  SUBSIDY_ASSERT(next.step());
  const LedgerHead journal = head(db);
  const RecordsHead records = records_head(db);
  SignatureRow row{next.int64(0),
                   signer,
                   command,
                   arguments,
                   at,
                   journal.entry_count,
                   journal.entry_count == 0 ? std::string(kGenesisHash) : journal.head_hash,
                   records.record_count,
                   records.head_hash,
                   ""};
  row.signature_hex = to_hex(key.sign(signed_bytes(row)));
  Statement insert = db.prepare(
      "INSERT INTO signatures (signature_id, signer, command, arguments, signed_at, entry_count, "
      "entry_hash, record_count, record_hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);");
  insert.bind(1, row.signature_id).bind(2, row.signer).bind(3, row.command);
  insert.bind(4, row.arguments).bind(5, row.signed_at).bind(6, row.entry_count);
  insert.bind(7, row.entry_hash).bind(8, row.record_count).bind(9, row.record_hash);
  insert.bind(10, row.signature_hex);
  insert.run();
  return row;
}

std::vector<SignatureRow> read_signatures(Db& db) {
  Statement rows = db.prepare(
      "SELECT signature_id, signer, command, arguments, signed_at, entry_count, entry_hash, "
      "record_count, record_hash, signature FROM signatures ORDER BY signature_id;");
  std::vector<SignatureRow> out;
  while (rows.step()) {  // one row per signature
    out.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4),
                   rows.int64(5), rows.text(6), rows.int64(7), rows.text(8), rows.text(9)});
  }
  return out;
}

std::vector<SignatureRow> signatures_of_fiscal_year(Db& db, int64_t year) {
  SUBSIDY_ASSERT(year >= 1900 && year <= 9999);
  // Entry ids run 1, 2, ... in chain order, so a signature's entries are those above the previous
  // signature's count up to its own.
  Statement posted = db.prepare(
      "SELECT 1 FROM ledger_entries WHERE entry_id > ? AND entry_id <= ? AND fiscal_year = ? "
      "LIMIT 1;");
  const std::string prefix = std::to_string(year) + "-";
  std::vector<SignatureRow> out;
  int64_t previous_count = 0;
  for (SignatureRow& row : read_signatures(db)) {  // bounded: one row per signed command
    SUBSIDY_ASSERT(row.entry_count >= previous_count);
    posted.bind(1, previous_count).bind(2, row.entry_count).bind(3, year);
    const bool posted_into_year = posted.step();
    posted.reset();
    previous_count = row.entry_count;
    if (posted_into_year || row.signed_at.starts_with(prefix)) out.push_back(std::move(row));
  }
  return out;
}

PeopleCheck verify_people(Db& db) {
  PeopleCheck check;
  check.has_people = has_people(db);
  if (!check.has_people) return check;
  std::map<std::string, Person> changes;  // change_id -> the person after it
  for (Person& person : registry_history(db)) {
    changes[std::to_string(person.change_id)] = std::move(person);
  }
  std::map<std::string, SignatureRow> signatures;
  for (SignatureRow& row : read_signatures(db)) {
    signatures[std::to_string(row.signature_id)] = std::move(row);
  }
  std::map<std::string, Person> registry;  // login -> as they stood
  std::vector<ChainRecord> pending;        // records since the last signature
  std::string head_before(kGenesisHash);
  for (const ChainRecord& record : read_records(db)) {
    if (record.table_name == "signatures") {
      const auto row = signatures.find(record.group_key);
      if (row != signatures.end()) {
        check_signature(db, row->second, record, head_before, registry, pending, check);
        ++check.signatures_checked;
      }
    } else {
      if (record.table_name == "people") {
        const auto change = changes.find(record.group_key);
        if (change != changes.end()) registry[change->second.login] = change->second;
      }
      pending.push_back(record);
    }
    head_before = record.record_hash;
  }
  check.people = static_cast<int64_t>(registry.size());
  for (const ChainRecord& record : pending) {
    check.problems.push_back(where(record) +
                             ": not covered by any signature (added without a valid signature)");
  }
  return check;
}

std::map<int64_t, std::string> signing_keys(Db& db) {
  std::map<std::string, Person> changes;
  for (Person& person : registry_history(db)) {
    changes[std::to_string(person.change_id)] = std::move(person);
  }
  std::map<std::string, std::string> signers;  // signature id -> signer
  for (const SignatureRow& row : read_signatures(db)) {
    signers[std::to_string(row.signature_id)] = row.signer;
  }
  std::map<std::string, std::string> keys;  // login -> public key as it stands
  std::map<int64_t, std::string> out;
  for (const ChainRecord& record : read_records(db)) {
    if (record.table_name == "people") {
      const auto change = changes.find(record.group_key);
      if (change != changes.end()) keys[change->second.login] = change->second.public_key;
    } else if (record.table_name == "signatures") {
      const auto signer = signers.find(record.group_key);
      if (signer != signers.end()) out[std::stoll(record.group_key)] = keys[signer->second];
    }
  }
  return out;
}

void add_people_problems(Db& db, VerifyReport& report, PeopleCheck* out) {
  PeopleCheck check = verify_people(db);
  for (std::string& problem : check.problems) {
    ++report.problem_count;
    if (report.problems.size() < VerifyReport::kMaxProblems) {
      report.problems.push_back(std::move(problem));
    }
  }
  if (out != nullptr) *out = std::move(check);
}

}  // namespace subsidy::people

// Inside the importer: the description of each import kind (its CSV columns, its version table and
// key) and the checker through which a kind's row validator reads and converts the cells of one
// record. Private to ledger/masterdata; importer.h is the public face.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

#include "ledger/base/csv.h"
#include "ledger/base/language.h"
#include "ledger/masterdata/importer.h"
#include "ledger/store/store.h"

namespace subsidy::import_detail {

// One value bound into a version table: NULL, an integer (fen, year, count) or text.
using DbValue = std::optional<std::variant<int64_t, std::string>>;

struct ColumnSpec {
  std::string_view name;
  bool required;  // must be in the header (and, for most, non-empty: the validator decides)
  std::string_view name_zh;  // the Chinese heading accepted instead of `name` (docs/import.md)
};

class RowChecker;

struct KindSpec {
  ImportKind kind;
  std::string_view table;                    // the version table
  std::vector<std::string_view> db_columns;  // key columns first, then the content columns
  size_t key_count;
  std::vector<ColumnSpec> csv_columns;
  // Converts one record into db_columns order. Problems go through the checker; the values are
  // used only when the checker recorded none for this record.
  std::vector<DbValue> (*validate)(RowChecker& row);
};

const KindSpec& spec_of(ImportKind kind);

// The message of the language asked for: the importer's newer messages have both.
inline std::string say(Language language, std::string zh, std::string en) {
  return language == Language::zh ? std::move(zh) : std::move(en);
}

// Existence of referenced keys in the ledger (any version counts: versions are never removed).
// Remembers the keys it has found so that a file naming one enterprise 10,000 times asks once.
class References {
 public:
  explicit References(Db& db) : db_(db) {}
  bool region_exists(const std::string& code) { return exists(regions_, kRegionSql, code); }
  bool enterprise_exists(const std::string& uscc) {
    return exists(enterprises_, kEnterpriseSql, uscc);
  }
  bool project_exists(const std::string& id) { return exists(projects_, kProjectSql, id); }

 private:
  static constexpr std::string_view kRegionSql =
      "SELECT 1 FROM region_versions WHERE region_code = ?1 LIMIT 1";
  static constexpr std::string_view kEnterpriseSql =
      "SELECT 1 FROM enterprise_versions WHERE uscc = ?1 LIMIT 1";
  static constexpr std::string_view kProjectSql =
      "SELECT 1 FROM project_versions WHERE project_id = ?1 LIMIT 1";
  struct Lookup {
    std::optional<Statement> statement;
    std::unordered_set<std::string> found;
  };
  bool exists(Lookup& lookup, std::string_view sql, const std::string& key);
  Db& db_;
  Lookup regions_, enterprises_, projects_;
};

// Reads the cells of one record by column name and converts them, recording a located problem for
// every bad cell. Cells are trimmed of spaces and tabs; an absent optional column reads as empty.
class RowChecker {
 public:
  RowChecker(const KindSpec& spec, const std::vector<int>& field_of, const CsvRecord& record,
             const std::string& file_name, References& references, const SchemeCatalog* schemes,
             std::vector<InputProblem>& problems, Language language = Language::zh);

  std::string_view cell(std::string_view column) const;
  // Records a problem of `column`; a column that already has one in this record keeps only the
  // first (the text-border refusal, say, and not also "is not digits").
  void problem(std::string_view column, std::string reason);
  // The text-border check (ledger/base/text_border.h) of every cell of the record, before the
  // kind's validator: controls, bidi and format characters, separators anywhere; odd spaces in
  // names; bank-file length and formula characters in account_name and bank_name.
  void check_border();
  bool ok() const { return problems_.size() == problems_before_; }
  const SchemeCatalog* schemes() const { return schemes_; }

  // Each returns the stored value, or nullopt after recording a problem (or for an empty optional
  // cell, where NULL is the stored value). Text comes back NFC-normalized.
  DbValue text(std::string_view column, bool required);
  DbValue one_of(std::string_view column, const std::vector<std::string_view>& allowed);
  DbValue year(std::string_view column);
  DbValue money(std::string_view column, bool required);
  DbValue count(std::string_view column);
  DbValue factor(std::string_view column);
  DbValue region_code(std::string_view column, bool must_exist);
  DbValue uscc(std::string_view column, bool must_exist);
  DbValue cnaps_code(std::string_view column);
  DbValue account_no(std::string_view column);
  DbValue record_id(std::string_view column);
  DbValue project(std::string_view column);

 private:
  using IdentifierCheck = std::optional<std::string> (*)(std::string_view);
  using KeyLookup = bool (References::*)(const std::string&);
  // The cell checked by one of identifiers.h's functions; an empty optional cell is NULL.
  DbValue identifier(std::string_view column, IdentifierCheck check, bool optional);
  // `key` when the referenced record (a region, enterprise or project) exists, else a problem.
  DbValue reference(std::string_view column, DbValue key, KeyLookup exists, std::string_view what,
                    std::string_view kind);

  const KindSpec& spec_;
  const std::vector<int>& field_of_;
  const CsvRecord& record_;
  const std::string& file_name_;
  References& references_;
  const SchemeCatalog* schemes_;
  std::vector<InputProblem>& problems_;
  size_t problems_before_;
  Language language_;
};

}  // namespace subsidy::import_detail

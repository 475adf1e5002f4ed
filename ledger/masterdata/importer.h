// Importing the master-data CSV files of INTERFACE.md (regions, enterprises, tax, compliance,
// projects, applications) into the ledger: strict (every cell checked, every problem located),
// atomic (one bad row and nothing of the file is stored), idempotent (the same rows again change
// nothing) and historical (a changed row becomes a new version with who, when and which file;
// nothing is ever overwritten). See docs/import.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/csv.h"
#include "ledger/base/encoding.h"
#include "ledger/base/language.h"
#include "ledger/masterdata/import_source.h"
#include "ledger/masterdata/scheme_catalog.h"
#include "ledger/store/store.h"

namespace subsidy {

enum class ImportKind { regions, enterprises, tax, compliance, projects, applications };

// "regions", "enterprises", ...: the KIND of `subsidy import KIND FILE`.
std::string_view import_kind_name(ImportKind kind);
// The kind of a name above; nullopt for any other text.
std::optional<ImportKind> import_kind_from_name(std::string_view name);

struct ImportOptions {
  std::string file_name;    // base name of the file: named in every problem and in the imports row
  std::string actor;        // who imports (--user, else the OS user)
  std::string recorded_at;  // UTC ISO-8601 time stored with the import (utc_now_iso8601())
  Encoding encoding = Encoding::utf8;  // gbk: the bytes are converted with iconv first
  // True: `encoding` is ignored and the format is found from the bytes (import_source.h: xlsx,
  // UTF-8 with or without BOM, UTF-16 with BOM, GBK).
  bool detect_format = false;
  Language language = Language::zh;  // of the newer messages (Excel values, headings, kinds)
  CsvLimits limits;
  // Needed for applications (scheme codes and their input columns); unused for the other kinds.
  // Not owned; must outlive the call.
  const SchemeCatalog* schemes = nullptr;
  // Called about every 10,000 records with the physical lines read and the file's line count.
  std::function<void(int64_t lines_done, int64_t lines_total)> progress;
};

// A key that got a new version by this import because its content differed from the current one.
struct ChangedRecord {
  std::string key;      // the key columns joined by '/', e.g. "A-06" or "91321323L30P8774PE/2023"
  int64_t version = 0;  // the version this import created (2 or more)
  // Applications only: the ledger already holds award entries for it, so the next `assess` of its
  // year posts the difference (award_posting.h). Always false for the other kinds.
  bool posted = false;
};

struct ImportResult {
  int64_t import_id = 0;
  std::string file_sha256;                   // of the bytes as given, before any conversion
  SourceFormat format = SourceFormat::utf8;  // what the bytes were read as
  int64_t rows = 0;                          // data records read
  int64_t new_count = 0;                     // keys stored for the first time (version 1)
  int64_t changed_count = 0;
  int64_t unchanged_count = 0;         // identical to the current version: nothing written
  std::vector<ChangedRecord> changed;  // in file order
};

// Checks every record of `bytes` (a CSV file of `kind`) against INTERFACE.md and the ledger's
// current master data (references to regions, enterprises and projects must exist), then stores,
// in one transaction, a version for every new or changed key and one row in `imports`.
// Throws InputError with up to 50 `file:line:column: reason` problems, RefusedError for a file over
// the size limit or a database failure; in every such case nothing at all has been stored.
// Requires options.schemes for ImportKind::applications.
ImportResult import_file(Db& db, ImportKind kind, std::string_view bytes,
                         const ImportOptions& options);

}  // namespace subsidy

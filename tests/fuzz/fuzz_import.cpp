// Fuzz target for `import` end to end (importer.h) on a scratch ledger: a plain SQLCipher file in a
// temporary directory holding the example regions, enterprises and projects (so that references
// can resolve) and the built-in policy's scheme catalog. The first input byte picks the file kind
// (byte % 6) and the encoding (byte / 6 odd: GBK); the rest is the file. Every input must be either
// stored whole (one new `imports` row, counts that add up to the rows read) or refused with
// InputError/RefusedError and every table exactly as before. Any other exception is a crash.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/importer.h"
#include "ledger/policy/policy.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/store/store.h"

#ifndef SUBSIDY_SHARED_DIR
#error "SUBSIDY_SHARED_DIR must name ../shared (the example files)"
#endif

namespace {

namespace fs = std::filesystem;
using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 8192;
// A ledger that accepted this many files is replaced by a fresh one, so that the state the
// inputs meet stays close to the seeded one and the file stays small.
constexpr int kMaxImportsPerLedger = 200;

std::string example(const std::string& name) {
  std::ifstream in(fs::path(SUBSIDY_SHARED_DIR) / "examples" / "basic" / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class ScratchLedger {
 public:
  ScratchLedger() : catalog_({subsidy::builtin_policy()}) {
    std::string pattern = (fs::temp_directory_path() / "subsidy-fuzz-XXXXXX").string();
    require(mkdtemp(pattern.data()) != nullptr, "mkdtemp", "");
    dir_ = pattern;
  }
  ~ScratchLedger() {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  subsidy::Db& db() {
    if (!db_ || accepted_ >= kMaxImportsPerLedger) reset();
    return *db_;
  }
  void accepted() { ++accepted_; }

  subsidy::ImportOptions options(const std::string& file_name, subsidy::Encoding encoding) const {
    subsidy::ImportOptions options;
    options.file_name = file_name;
    options.actor = "fuzz";
    options.recorded_at = "2026-01-01T00:00:00Z";
    options.encoding = encoding;
    options.schemes = &catalog_;
    return options;
  }

 private:
  void reset() {
    db_.reset();
    const fs::path path = dir_ / "ledger.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    subsidy::OpenOptions open;
    open.path = path.string();
    open.create = true;
    db_.emplace(subsidy::Db::open(open));
    for (const auto& [kind, name] : {std::pair{subsidy::ImportKind::regions, "regions.csv"},
                                     std::pair{subsidy::ImportKind::enterprises, "enterprises.csv"},
                                     std::pair{subsidy::ImportKind::projects, "projects.csv"}}) {
      subsidy::import_file(*db_, kind, example(name), options(name, subsidy::Encoding::utf8));
    }
    accepted_ = 0;
  }

  fs::path dir_;
  std::optional<subsidy::Db> db_;
  subsidy::PolicySchemeCatalog catalog_;
  int accepted_ = 0;
};

// "table=count;..." over every table: equal before and after means nothing was stored.
std::string snapshot(subsidy::Db& db) {
  std::string out;
  subsidy::Statement tables =
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.step()) {
    const std::string name = tables.text(0);
    subsidy::Statement count = db.prepare("SELECT count(*) FROM \"" + name + "\"");
    count.step();
    out += name + "=" + std::to_string(count.int64(0)) + ";";
  }
  return out;
}

int64_t count_imports(subsidy::Db& db) {
  subsidy::Statement count = db.prepare("SELECT count(*) FROM imports");
  count.step();
  return count.int64(0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInputBytes) return 0;
  static ScratchLedger ledger;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto kind = static_cast<subsidy::ImportKind>(data[0] % 6);
  const auto encoding = (data[0] / 6) % 2 == 1 ? subsidy::Encoding::gbk : subsidy::Encoding::utf8;
  subsidy::Db& db = ledger.db();
  const std::string before = snapshot(db);
  const int64_t imports_before = count_imports(db);
  try {
    const subsidy::ImportResult result =
        subsidy::import_file(db, kind, input.substr(1), ledger.options("fuzz.csv", encoding));
    ledger.accepted();
    require(count_imports(db) == imports_before + 1, "an accepted file adds one imports row",
            input);
    require(result.new_count + result.changed_count + result.unchanged_count == result.rows,
            "new + changed + unchanged = rows", input);
    require(static_cast<int64_t>(result.changed.size()) == result.changed_count,
            "one changed record per changed key", input);
  } catch (const subsidy::InputError& error) {
    require(!error.problems().empty(), "a refused file lists a problem", input);
    require(snapshot(db) == before, "a refused file stores nothing", input);
  } catch (const subsidy::RefusedError&) {
    require(snapshot(db) == before, "a refused file stores nothing", input);
  }
  return 0;
}

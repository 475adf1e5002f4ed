// Shared by the importer's unit tests: a fresh ledger in a scratch directory, a fake scheme
// catalog, the example files of ../shared/examples/basic, and a snapshot of every table's row
// count to show that a refused import stored nothing.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "ledger/base/error.h"
#include "ledger/masterdata/importer.h"
#include "ledger/store/store.h"

namespace fixture {

namespace fs = std::filesystem;

// A scheme catalog with a few schemes of POLICY.md, known for every year.
class FakeCatalog : public subsidy::SchemeCatalog {
 public:
  std::optional<std::vector<std::string>> inputs_of(std::string_view scheme,
                                                    int /*year*/) const override {
    static const std::map<std::string, std::vector<std::string>, std::less<>> schemes = {
        {"robot_purchase", {"equipment_amount"}},
        {"smart_equipment_project", {"equipment_amount", "software_amount", "total_investment"}},
        {"smart_factory_provincial", {}},
        {"smart_workshop_provincial", {}},
        {"loan_interest", {"loan_amount"}},
        {"digital_project", {"info_investment"}},
        {"core_tech_rd", {"rd_expense"}},
        {"cloud_4star", {}},
        {"cloud_3star", {}},
        {"benchmark_factory_municipal", {}},
        {"service_institution", {"service_revenue", "staff_count"}},
    };
    const auto found = schemes.find(scheme);
    if (found == schemes.end()) return std::nullopt;
    return found->second;
  }
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string example(const std::string& name) {
  return read_file(fs::path(SUBSIDY_SHARED_DIR) / "examples" / "basic" / name);
}

class TempLedger {
 public:
  explicit TempLedger(std::optional<std::string> key = std::nullopt) {
    std::string pattern = (fs::temp_directory_path() / "subsidy-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    subsidy::OpenOptions options;
    options.path = (dir_ / "ledger.db").string();
    options.key = std::move(key);
    options.create = true;
    db_.emplace(subsidy::Db::open(options));
  }
  ~TempLedger() {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  subsidy::Db& db() { return *db_; }
  const fs::path& dir() const { return dir_; }

  subsidy::ImportResult import(subsidy::ImportKind kind, std::string_view text,
                               const std::string& file_name = "f.csv",
                               const std::string& actor = "tester") {
    subsidy::ImportOptions options;
    options.file_name = file_name;
    options.actor = actor;
    options.recorded_at = "2026-01-0" + std::to_string(++imports_ % 9 + 1) + "T08:00:00Z";
    options.schemes = &catalog_;
    return subsidy::import_file(*db_, kind, text, options);
  }

  // Imports the example files of ../shared/examples/basic in dependency order.
  void import_example() {
    import(subsidy::ImportKind::regions, example("regions.csv"), "regions.csv");
    import(subsidy::ImportKind::enterprises, example("enterprises.csv"), "enterprises.csv");
    import(subsidy::ImportKind::tax, example("tax.csv"), "tax.csv");
    import(subsidy::ImportKind::compliance, example("compliance.csv"), "compliance.csv");
    import(subsidy::ImportKind::projects, example("projects.csv"), "projects.csv");
    import(subsidy::ImportKind::applications, example("applications.csv"), "applications.csv");
  }

  // "table=count;..." over every table: equal before and after means nothing was stored.
  std::string snapshot() {
    std::string out;
    subsidy::Statement tables =
        db_->prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (tables.step()) {
      const std::string name = tables.text(0);
      subsidy::Statement count = db_->prepare("SELECT count(*) FROM \"" + name + "\"");
      count.step();
      out += name + "=" + std::to_string(count.int64(0)) + ";";
    }
    return out;
  }

  int64_t count(const std::string& sql) {
    subsidy::Statement statement = db_->prepare(sql);
    statement.step();
    return statement.int64(0);
  }

  // The problems a refused import reports, one "file:line:column: reason" per line; also checks
  // that the ledger's tables are exactly as before.
  std::string refusal(subsidy::ImportKind kind, std::string_view text,
                      const std::string& file_name = "f.csv") {
    const std::string before = snapshot();
    std::string problems;
    try {
      import(kind, text, file_name);
      problems = "accepted";
    } catch (const subsidy::InputError& e) {
      for (const auto& problem : e.problems()) problems += problem.to_string() + "\n";
    }
    CHECK(snapshot() == before);
    return problems;
  }

 private:
  fs::path dir_;
  std::optional<subsidy::Db> db_;
  FakeCatalog catalog_;
  int imports_ = 0;
};

}  // namespace fixture

// Shared by the operations' tests: a fresh ledger (tests/masterdata/import_fixture.h) that the
// operations themselves set up — the built-in policy stored by `init`, the example files of
// ../shared/examples/basic imported, the paying account configured — with a fixed clock and an
// operations log kept in memory, so that each test can check the line an operation wrote, or that
// a refused one wrote none.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ledger/ops/assess.h"
#include "ledger/ops/config.h"
#include "ledger/ops/import.h"
#include "ledger/ops/init.h"
#include "ledger/ops/operation.h"
#include "tests/masterdata/import_fixture.h"

namespace ops_fixture {

using namespace subsidy;

// 2026-01-10T08:00:00Z, every time it is asked.
inline Clock fixed_clock() {
  return [] { return std::chrono::system_clock::from_time_t(1'768'032'000); };
}
inline constexpr const char* kFixedTime = "2026-01-10T08:00:00Z";

// The journal's part of a digest line ("subsidy-ledger digest: entries=N head=H"), without the
// record chain's: what tells that an operation posted no entry (it still seals what it wrote).
inline std::string journal_part(const std::string& digest) {
  return digest.substr(0, digest.find(" records="));
}

struct MemoryLog : ops::OpsLog {
  std::vector<std::string> lines;
  void write(const std::string& line) override { lines.push_back(line); }
};

// Imports the six example files of ../shared/examples/basic and configures the paying account, as
// `context`'s person: what every operations test starts from.
inline void import_example_and_configure(ops::OpContext& context) {
  for (const char* kind :
       {"regions", "enterprises", "tax", "compliance", "projects", "applications"}) {
    ImportOptions options;
    options.file_name = std::string(kind) + ".csv";
    ops::import_file(context, {*import_kind_from_name(kind),
                               fixture::example(kind + std::string(".csv")), options});
  }
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"payer.name", "泗阳县财政局"},
           {"payer.account", "32001748836052500001"},
           {"payer.bank", "中国建设银行股份有限公司泗阳支行"},
           {"payer.cnaps", "105308200019"}}) {
    ops::set_config(context, {key, value});
  }
}

class OpsLedger : public fixture::TempLedger {
 public:
  // With `setup`, the policy stored, the example imported and the payer configured.
  explicit OpsLedger(bool setup = true) {
    if (!setup) return;
    ops::OpContext admin = context("admin");
    ops::init_ledger(admin, ops::builtin_init_request());
    import_example_and_configure(admin);
    log->lines.clear();
  }

  // What an operation by `actor` is given here.
  ops::OpContext context(const std::string& actor = "clerk-li") {
    return ops::OpContext{db(), actor, fixed_clock(), log, ""};
  }

  // The ledger's tables and head, to show that a refused operation changed nothing.
  std::string state() { return snapshot() + current_digest(db()); }

  std::shared_ptr<MemoryLog> log = std::make_shared<MemoryLog>();
};

// The example ledger with its 2023 awards posted: region T01 owes the county its shares.
struct AssessedLedger : OpsLedger {
  AssessedLedger() {
    ops::OpContext clerk = context();
    ops::assess_and_post(clerk, {AwardYear(2023)});
    log->lines.clear();
  }
};

// Runs `refused` (which must throw `Error`) and checks that it changed nothing and logged nothing.
template <typename Error, typename Fn>
void check_refused(OpsLedger& ledger, Fn&& refused) {
  const std::string before = ledger.state();
  const size_t lines = ledger.log->lines.size();
  CHECK_THROWS_AS(refused(), Error);
  CHECK(ledger.state() == before);
  CHECK(ledger.log->lines.size() == lines);
}

}  // namespace ops_fixture

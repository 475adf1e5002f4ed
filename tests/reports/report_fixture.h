// Shared by the report tests: a ledger holding the worked example of shared/examples/basic for
// 2023 — its six files imported, the year assessed and booked by the real posting run (the one
// `assess --year 2023` runs), and two payment batches (one confirmed, one returned by the bank)
// posted as the payment flows of chart.h. The expected assessment (expected-assess-2023.json) is
// kept for the tests to compare the reports with.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "ledger/awards/assess_run.h"
#include "ledger/awards/award_posting.h"
#include "ledger/base/clock.h"
#include "ledger/books/chart.h"
#include "ledger/masterdata/importer.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/policy/policy.h"
#include "tests/books/ledger_fixture.h"

namespace subsidy::testing {

inline std::string shared_file(const std::string& relative) {
  std::ifstream file(std::string(SUBSIDY_SHARED_DIR) + "/" + relative, std::ios::binary);
  if (!file) throw std::runtime_error("missing shared file " + relative);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

inline Money money_of(const nlohmann::json& text) {
  return *parse_money(text.get<std::string>()).value;
}

// The enterprise in the example whose awards rule T cut (A-09/A-10: 2,080,000.00 before, README).
inline constexpr const char* kRetentionCapped = "91321323NLNHD7EJ8F";
inline constexpr int64_t kRetentionCappedBeforeFen = 208'000'000;
// The example's loans (applications.csv) and their 1% amounts before rule L.
inline const std::map<std::string, std::pair<int64_t, int64_t>>& example_loans() {
  static const std::map<std::string, std::pair<int64_t, int64_t>> loans = {
      {"A-04", {25'000'000'000, 250'000'000}}, {"A-05", {20'000'000'000, 200'000'000}}};
  return loans;
}

class ExampleLedger {
 public:
  ExampleLedger() {
    import_master_data();
    record_and_book_assessment();
    post_payments();
    // Written below the operations layer: sealed as ops::run_write would, so that the CLI's
    // write commands run on it and verify passes.
    Transaction transaction(db());
    seal_new_groups(db(), "tester", "2026-01-01T00:00:00Z");
    transaction.commit();
  }
  Db& db() { return ledger_.db(); }
  const std::string& path() const { return ledger_.options().path; }
  const std::filesystem::path& dir() const { return ledger_.dir(); }
  const nlohmann::json& assessment() const { return assessment_; }

  // One payment-flow entry of `batch` with two lines: `debit` += amount, `credit` -= amount.
  void post_flow(const std::string& key, const std::string& kind, int64_t batch,
                 const std::string& debit, const std::string& credit, int64_t fen,
                 int64_t year = 2023) {
    EntryDraft draft;
    draft.fiscal_year = year;
    draft.kind = kind;
    draft.actor = "tester";
    draft.idempotency_key = key;
    draft.memo = kind + " " + key;
    draft.batch_id = batch;
    draft.lines = {{debit, Money::from_fen(fen)}, {credit, Money::from_fen(-fen)}};
    Transaction transaction(db());
    post_entry(db(), draft, clock_);
    transaction.commit();
  }

 private:
  TempLedger ledger_;
  Clock clock_ = stepping_clock();
  nlohmann::json assessment_;

  // The built-in policy and the six example files, as `subsidy init` and `import` store them.
  void import_master_data() {
    store_policy(db(), builtin_policy_text(), "siyang-2022-9.toml", "tester",
                 "2024-01-31T08:00:00Z");
    const PolicySchemeCatalog catalog(load_stored_policies(db()));
    for (auto [kind, file] : {std::pair{ImportKind::regions, "regions.csv"},
                              std::pair{ImportKind::enterprises, "enterprises.csv"},
                              std::pair{ImportKind::tax, "tax.csv"},
                              std::pair{ImportKind::compliance, "compliance.csv"},
                              std::pair{ImportKind::projects, "projects.csv"},
                              std::pair{ImportKind::applications, "applications.csv"}}) {
      ImportOptions options;
      options.file_name = file;
      options.actor = "tester";
      options.recorded_at = "2024-01-31T08:00:00Z";
      options.schemes = &catalog;
      import_file(db(), kind, shared_file(std::string("examples/basic/") + file), options);
    }
  }

  // 2023 assessed and booked by the real posting run (assess_run.h), as `assess --year 2023`
  // does; the expected assessment of the shared example is kept for the tests to compare with.
  void record_and_book_assessment() {
    assessment_ = nlohmann::json::parse(shared_file("examples/basic/expected-assess-2023.json"));
    const std::vector<Policy> policies = load_stored_policies(db());
    const Policy* policy = nullptr;
    const Assessment assessment =
        assess_year(db(), policies, AwardYear(2023), AssessOptions{}, &policy);
    Transaction transaction(db());
    post_assessment(db(), assessment, *policy, "tester", "{}", clock_);
    transaction.commit();
  }

  // Batch 1 pays enterprise 甲 200,000.00 and the bank confirms; batch 2 sends 乙 its 36,000.00
  // and the bank returns it.
  void post_payments() {
    const std::string jia = chart::award_payable("91321323L30P8774PE");
    const std::string yi = chart::award_payable("913213233MPWH2JD13");
    const std::string transit(chart::kBankInTransit);
    const std::string treasury(chart::kTreasury);
    post_flow("pay:1:sent", "payment_sent", 1, jia, transit, 20'000'000);
    post_flow("pay:1:confirmed", "payment_confirmed", 1, transit, treasury, 20'000'000);
    post_flow("pay:2:sent", "payment_sent", 2, yi, transit, 3'600'000);
    post_flow("pay:2:rejected", "payment_rejected", 2, transit, yi, 3'600'000);
  }
};

}  // namespace subsidy::testing

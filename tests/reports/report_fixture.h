// Shared by the report tests: a ledger holding the worked example of shared/examples/basic for
// 2023 — its regions and enterprises imported, its expected assessment (expected-assess-2023.json)
// recorded in the assessment tables as `assess` records it and booked with post_award_differences,
// and two payment batches (one confirmed, one returned by the bank) posted as the payment flows of
// chart.h. Until `assess` and the payment commands post on main, this is how a year gets into a
// test ledger; every amount comes from the shared example, none is computed here.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "ledger/awards/award_posting.h"
#include "ledger/books/chart.h"
#include "ledger/base/clock.h"
#include "ledger/masterdata/importer.h"
#include "ledger/masterdata/masterdata.h"
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

  void import_master_data() {
    for (auto [kind, file] : {std::pair{ImportKind::regions, "regions.csv"},
                              std::pair{ImportKind::enterprises, "enterprises.csv"}}) {
      ImportOptions options;
      options.file_name = file;
      options.actor = "tester";
      options.recorded_at = "2024-01-31T08:00:00Z";
      import_file(db(), kind, shared_file(std::string("examples/basic/") + file), options);
    }
  }

  void record_run(const std::map<std::string, std::string>& region_of) {
    db().exec(
        "INSERT INTO assessment_runs VALUES (1, 2023, 'siyang-2022-9', 'tester', "
        "'2024-01-31T08:00:00Z', 'test', 0, 0)");
    Statement result = db().prepare(
        "INSERT INTO assessment_results VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, '')");
    for (const auto& item : assessment_["applications"]) {
      const std::string id = item["application_id"];
      const auto loan = example_loans().find(id);
      result.bind(1, id).bind(2, item["project_id"].get<std::string>());
      result.bind(3, item["uscc"].get<std::string>()).bind(4, region_of.at(item["uscc"]));
      result.bind(5, item["scheme"].get<std::string>()).bind(6, item["status"].get<std::string>());
      result.bind(7, money_of(item["amount"])).bind(8, money_of(item["county_share"]));
      result.bind(9, money_of(item["region_share"]));
      result.bind(10, loan != example_loans().end() ? Money::from_fen(loan->second.second)
                                                    : money_of(item["amount"]));
      if (loan != example_loans().end()) {
        result.bind(11, Money::from_fen(loan->second.first));
      } else {
        result.bind_null(11);
      }
      result.bind(12, item["reasons"].dump());
      result.run();
      result.reset();
    }
    Statement enterprise =
        db().prepare("INSERT INTO assessment_enterprises VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& item : assessment_["enterprises"]) {
      const std::string uscc = item["uscc"];
      enterprise.bind(1, uscc);
      if (item["local_retained_tax"].is_null()) {
        enterprise.bind_null(2);
      } else {
        enterprise.bind(2, money_of(item["local_retained_tax"]));
      }
      enterprise.bind(3, money_of(item["total"]));
      enterprise.bind(4, uscc == kRetentionCapped ? Money::from_fen(kRetentionCappedBeforeFen)
                                                  : money_of(item["total"]));
      enterprise.bind(5, money_of(item["county_share"])).bind(6, money_of(item["region_share"]));
      enterprise.run();
      enterprise.reset();
    }
  }

  void record_and_book_assessment() {
    assessment_ = nlohmann::json::parse(shared_file("examples/basic/expected-assess-2023.json"));
    std::map<std::string, std::string> region_of;
    for (const Enterprise& enterprise : load_enterprises(db())) {
      region_of[enterprise.uscc] = enterprise.region_code;
    }
    Transaction transaction(db());
    record_run(region_of);
    std::vector<AwardTarget> targets;
    for (const auto& item : assessment_["applications"]) {
      if (item["status"] != "awarded") continue;
      AwardTarget target;
      target.application_id = item["application_id"];
      target.uscc = item["uscc"];
      target.region_code = region_of.at(target.uscc);
      target.scheme = item["scheme"];
      target.fiscal_year = 2023;
      target.county_only = target.scheme == "loan_interest";
      target.amount = money_of(item["amount"]);
      target.county_share = money_of(item["county_share"]);
      target.region_share = money_of(item["region_share"]);
      targets.push_back(target);
    }
    post_award_differences(db(), {2023, "tester", 1, "assess --year 2023"}, targets, clock_);
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

// Test helper for the payment end-to-end test: books the awards of an `assess --format json`
// document (INTERFACE.md) the way assess books them — Dr county_expense (county share), Dr
// region_due:<region> (region share), Cr award_payable:<uscc> (amount) — in one transaction, for
// when the `subsidy` under test has no posting `assess` yet. The key comes from $SUBSIDY_DB_KEY.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "ledger/books/chart.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/masterdata.h"

using namespace subsidy;

namespace {

Money money(const nlohmann::json& value) {
  const auto parsed = parse_money(value.get<std::string>());
  if (!parsed) throw RefusedError("bad amount " + value.dump() + ": " + parsed.error);
  return *parsed.value;
}

int run(const std::string& db_path, const std::string& json_path) {
  std::ifstream in(json_path);
  if (!in) throw RefusedError(json_path + ": cannot open");
  const nlohmann::json document = nlohmann::json::parse(in);
  const int64_t year = document.at("year").get<int64_t>();
  OpenOptions open;
  open.path = db_path;
  open.key = load_key(std::nullopt);
  Db db = Db::open(open);
  Transaction tx(db);
  JournalWriter writer(db);
  int64_t posted = 0;
  for (const auto& application : document.at("applications")) {
    if (application.at("status") != "awarded") continue;
    const std::string id = application.at("application_id");
    const std::string uscc = application.at("uscc");
    const auto enterprise = find_enterprise(db, uscc);
    if (!enterprise) throw RefusedError(uscc + ": not in the ledger's master data");
    EntryDraft draft;
    draft.fiscal_year = year;
    draft.kind = std::string(chart::kAward);
    draft.actor = "post_awards";
    draft.idempotency_key = "test-award:" + std::to_string(year) + ":" + id;
    draft.memo = "award " + id;
    draft.application_id = id;
    draft.lines = {{std::string(chart::kCountyExpense), money(application.at("county_share"))},
                   {chart::award_payable(uscc), -money(application.at("amount"))}};
    const Money region = money(application.at("region_share"));
    if (!region.is_zero())
      draft.lines.push_back({chart::region_due(enterprise->region_code), region});
    posted += writer.post(draft).posted ? 1 : 0;
  }
  tx.commit();
  std::cout << "posted " << posted << " awards\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"post_awards: book the awards of an assess JSON document (test helper)"};
  std::string db_path;
  std::string json_path;
  app.add_option("--db", db_path, "the ledger")->required();
  app.add_option("JSON", json_path, "assess --format json output")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    return run(db_path, json_path);
  } catch (const std::exception& e) {
    std::cerr << "post_awards: " << e.what() << "\n";
    return 1;
  }
}

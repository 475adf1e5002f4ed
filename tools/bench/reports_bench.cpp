// Benchmark of the reports: builds a ledger of N awards (default 1,000,000) for 2023 — 20 regions,
// N/50 enterprises, the assessment record `assess` keeps, one award entry per application posted
// through JournalWriter (hash chain and all), a payment batch per 1,000 enterprises sent and
// confirmed — then times every report (read from the ledger and written as CSV), and the journal
// export. Figures go into docs/performance.md, section "Reports".
//
// usage: reports_bench [--awards N] [--db FILE] [--only REPORT]
//   An existing FILE is reused as it is; --only times one report alone (for profiling).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/importer.h"
#include "ledger/tables/writers.h"
#include "reports/journal_export.h"
#include "reports/ledger_reports.h"

using namespace subsidy;
using Timer = std::chrono::steady_clock;

namespace {

constexpr int64_t kRegions = 20;
constexpr int64_t kAwardsPerEnterprise = 50;
constexpr int64_t kEnterprisesPerBatch = 1000;
constexpr int64_t kCommitEvery = 20000;
const char* const kSchemes[] = {"robot_purchase", "smart_equipment_project", "digital_project",
                                "cloud_3star", "loan_interest"};

// Processor time of this process in ms: on a machine shared with other builds the wall clock
// also measures their load, so both are printed.
int64_t cpu_millis() {
  return static_cast<int64_t>(std::clock()) * 1000 / CLOCKS_PER_SEC;
}

int64_t millis_since(Timer::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Timer::now() - start).count();
}

// A valid USCC (GB 32100-2015 check character) for enterprise number `n`.
std::string uscc_of(int64_t n) {
  std::string digits = std::to_string(n);
  const std::string body = "91321323" + std::string(9 - digits.size(), '0') + digits;
  return body + *uscc_check_character(body);
}

// Through the importer, as `import regions` and `import enterprises` would store them.
void create_master_data(Db& db, int64_t enterprises) {
  std::string regions = "region_code,name,kind\n";
  for (int64_t r = 0; r < kRegions; ++r) {
    regions += "R" + std::to_string(r) + ",园区" + std::to_string(r) + ",park\n";
  }
  std::string register_csv = "uscc,name,region_code\n";
  for (int64_t e = 0; e < enterprises; ++e) {
    register_csv += uscc_of(e) + ",泗阳测试企业" + std::to_string(e) + "有限公司,R" +
                    std::to_string(e % kRegions) + "\n";
  }
  ImportOptions options;
  options.actor = "bench";
  options.recorded_at = "2024-01-31T08:00:00Z";
  options.file_name = "regions.csv";
  import_file(db, ImportKind::regions, regions, options);
  options.file_name = "enterprises.csv";
  import_file(db, ImportKind::enterprises, register_csv, options);
}

void record_assessment(Db& db, int64_t awards) {
  db.exec(
      "INSERT INTO assessment_runs VALUES (1, 2023, 'siyang-2022-9', 'bench', "
      "'2024-01-31T08:00:00Z', 'bench', 0, 0)");
  Statement result = db.prepare(
      "INSERT INTO assessment_results VALUES (1, ?1, ?2, ?3, ?4, ?5, 'awarded', ?6, ?7, ?8, ?6, "
      "?9, '[]', '', NULL)");
  for (int64_t a = 0; a < awards; ++a) {
    const int64_t e = a / kAwardsPerEnterprise;
    const std::string scheme = kSchemes[a % 5];
    const int64_t amount = 1'000'000 + (a % 997) * 101;
    const bool county_only = scheme == "loan_interest";
    result.bind(1, "A-" + std::to_string(a)).bind(2, "P-" + std::to_string(a));
    result.bind(3, uscc_of(e)).bind(4, "R" + std::to_string(e % kRegions)).bind(5, scheme);
    result.bind(6, amount).bind(7, county_only ? amount : amount - amount / 2);
    result.bind(8, county_only ? 0 : amount / 2);
    if (county_only) {
      result.bind(9, amount * 100);
    } else {
      result.bind_null(9);
    }
    result.run();
    result.reset();
  }
  Statement enterprise = db.prepare(
      "INSERT INTO assessment_enterprises SELECT 1, uscc, SUM(amount_fen) * 2, SUM(amount_fen), "
      "SUM(amount_fen), SUM(county_share_fen), SUM(region_share_fen) FROM assessment_results "
      "GROUP BY uscc");
  enterprise.run();
}

void post_awards(Db& db, int64_t awards) {
  JournalWriter writer(db);
  std::optional<Transaction> open;  // committed every kCommitEvery awards
  open.emplace(db);
  for (int64_t a = 0; a < awards; ++a) {
    const int64_t e = a / kAwardsPerEnterprise;
    const int64_t amount = 1'000'000 + (a % 997) * 101;
    EntryDraft draft;
    draft.fiscal_year = 2023;
    draft.kind = "award";
    draft.actor = "bench";
    draft.idempotency_key = "award:A-" + std::to_string(a);
    draft.application_id = "A-" + std::to_string(a);
    draft.run_id = 1;
    if (a % 5 == 4) {  // loan_interest: the county alone
      draft.lines = {{"county_expense", Money::from_fen(amount)},
                     {chart::award_payable(uscc_of(e)), Money::from_fen(-amount)}};
    } else {
      draft.lines = {
          {"county_expense", Money::from_fen(amount - amount / 2)},
          {chart::region_due("R" + std::to_string(e % kRegions)), Money::from_fen(amount / 2)},
          {chart::award_payable(uscc_of(e)), Money::from_fen(-amount)}};
    }
    writer.post(draft);
    if ((a + 1) % kCommitEvery == 0) {
      open->commit();
      open.reset();
      open.emplace(db);
      std::cerr << "\r  posted " << a + 1 << " awards" << std::flush;
    }
  }
  open->commit();
  std::cerr << "\n";
}

// One payment per enterprise of its first award, batch per kEnterprisesPerBatch, sent and
// confirmed.
void post_payments(Db& db, int64_t enterprises) {
  JournalWriter writer(db);
  Transaction transaction(db);
  for (int64_t e = 0; e < enterprises; ++e) {
    const int64_t batch = e / kEnterprisesPerBatch + 1;
    const int64_t amount = 1'000'000 + ((e * kAwardsPerEnterprise) % 997) * 101;
    for (const char* kind : {"payment_sent", "payment_confirmed"}) {
      EntryDraft draft;
      draft.fiscal_year = 2023;
      draft.kind = kind;
      draft.actor = "bench";
      draft.idempotency_key = std::string(kind) + ":" + std::to_string(e);
      draft.batch_id = batch;
      const bool sent = std::strcmp(kind, "payment_sent") == 0;
      draft.lines = {
          {sent ? chart::award_payable(uscc_of(e)) : "bank_in_transit", Money::from_fen(amount)},
          {sent ? "bank_in_transit" : "treasury", Money::from_fen(-amount)}};
      writer.post(draft);
    }
  }
  transaction.commit();
}

void build_ledger(const std::string& path, int64_t awards) {
  const int64_t enterprises = (awards + kAwardsPerEnterprise - 1) / kAwardsPerEnterprise;
  Db db = Db::open({path, std::nullopt, true});
  auto start = Timer::now();
  create_master_data(db, enterprises);
  {
    Transaction transaction(db);
    record_assessment(db, awards);
    transaction.commit();
  }
  std::cout << "master data and assessment record: " << millis_since(start) << " ms\n";
  start = Timer::now();
  post_awards(db, awards);
  post_payments(db, enterprises);
  std::cout << "posting " << awards << " awards and " << 2 * enterprises
            << " payment entries: " << millis_since(start) << " ms\n";
}

}  // namespace

int main(int argc, char** argv) {
  int64_t awards = 1'000'000;
  std::string path = (std::filesystem::temp_directory_path() / "reports_bench.db").string();
  std::string only;                        // one report name: time that one alone (for profiling)
  for (int i = 1; i + 1 < argc; i += 2) {  // bounded by argc
    if (std::string(argv[i]) == "--awards") awards = std::stoll(argv[i + 1]);
    if (std::string(argv[i]) == "--db") path = argv[i + 1];
    if (std::string(argv[i]) == "--only") only = argv[i + 1];
  }
  if (!std::filesystem::exists(path)) build_ledger(path, awards);
  Db db = Db::open({path, std::nullopt, false});
  std::cout << "ledger " << path << ", " << head(db).entry_count << " entries\n";
  const std::string out_dir = path + ".out";
  std::filesystem::create_directories(out_dir);
  for (const std::string& name : reports::report_names()) {
    if (!only.empty() && name != only) continue;
    const auto start = Timer::now();
    const int64_t cpu_start = cpu_millis();
    const reports::ReportTable table = reports::build_report(db, name, AwardYear(2023));
    const int64_t read_ms = millis_since(start);
    std::ofstream csv(out_dir + "/" + name + ".csv", std::ios::binary);
    reports::write_csv(table, Language::zh, csv);
    csv.close();
    std::cout << "report " << name << ": " << table.rows().size() << " rows, read " << read_ms
              << " ms, read + csv " << millis_since(start) << " ms wall, "
              << cpu_millis() - cpu_start << " ms cpu\n";
  }
  if (!only.empty()) return 0;
  const auto start = Timer::now();
  const int64_t cpu_start = cpu_millis();
  std::ofstream journal(out_dir + "/journal.journal", std::ios::binary);
  reports::export_journal(db, FiscalYear(2023), journal);
  journal.close();
  std::cout << "export journal: " << millis_since(start) << " ms wall, " << cpu_millis() - cpu_start
            << " ms cpu\n";
  return 0;
}

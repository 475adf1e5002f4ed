// The benchmark's steps after posting (size_bench.h): every report, the journal export and
// ledger-cli balancing it (the baseline users will compare with), a payment batch proposed,
// approved by a second actor and exported as pain.001, and the import of a bank return for it.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "ledger/demo/demo_county.h"
#include "ledger/base/error.h"
#include "ledger/payments/payments.h"
#include "ledger/store/store.h"
#include "reports/ledger_reports.h"
#include "ledger/bankfiles/pain001.h"
#include "ledger/demo/simulated_bank.h"
#include "size_bench.h"

namespace subsidy::bench {

namespace {

// The award year the payment and report steps use: the last one, which has the most applications.
const std::string kYear = std::to_string(kLastCountyYear);
// Transfers the simulated bank rejects in the benchmark's return.
constexpr size_t kRejections = 2;

// The pain.002 a bank would return for batch 1 of `ledger`, written to `out`.
void write_bank_return(const std::string& ledger, const std::string& key, const std::string& out,
                       uint64_t seed) {
  Db db = Db::open({ledger, key, false});
  const PaymentBatch batch = load_batch(db, 1);
  StatusReportRequest request;
  request.message_id = batch.batch_id + "-RET";
  request.created_at = batch.created_at;
  request.original_message_id = batch.batch_id;
  request.original_message_name = std::string(pain001_message_name(Pain001Version::v09));
  request.original_payment_info_id = batch.batch_id;
  for (const PaymentItem& item : batch.items) {
    request.transfers.push_back({item.end_to_end_id, item.amount});
  }
  request.rejections = choose_rejections(request.transfers, kRejections, seed);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << write_status_report(request);
  if (!file) throw RefusedError("cannot write " + out);
}

}  // namespace

void SizeBench::report_steps() {
  const std::string ledger = path("posted.db");
  for (const std::string& name : reports::report_names()) {
    measure(
        std::string(step::kReportPrefix) + name, [] {},
        [&] {
          return run_program(subsidy(ledger, {"report", name, "--year", kYear, "--format", "csv"}),
                             log());
        });
  }
}

void SizeBench::journal_baseline() {
  const std::string journal = path("ledger.journal");
  // The export of the last year holds every entry up to it: the whole ledger.
  measure(
      step::kJournalExport, [] {},
      [&] {
        return run_program(
            subsidy(path("posted.db"), {"export", "journal", "--year", kYear, "--out", journal}),
            log());
      });
  if (!std::filesystem::exists(options_.ledger_cli)) {
    std::cerr << "  " << options_.ledger_cli << " is missing: no ledger-cli baseline\n";
    return;
  }
  measure(
      step::kLedgerCli, [] {},
      [&] {
        return run_program({options_.ledger_cli, "-f", journal, "bal"}, log());
      });
}

void SizeBench::configure_payer() {
  copy_ledger(path("posted.db"), path("payer.db"));
  const std::vector<std::pair<std::string, std::string>> payer = {
      {"payer.name", "泗阳县财政局"},
      {"payer.account", "3213230011200000018"},
      {"payer.bank", "江苏泗阳农村商业银行股份有限公司"},
      {"payer.cnaps", "314308200018"}};
  std::vector<std::vector<std::string>> commands;
  for (const auto& [key, value] : payer) {
    commands.push_back(subsidy(path("payer.db"), {"config", "set", key, value}));
  }
  run_programs(commands, log());
}

void SizeBench::batch_export() {
  const std::string ledger = path("batch.db");
  const std::vector<std::vector<std::string>> commands = {
      subsidy(ledger, {"batch", "create", "--year", kYear, "--format", "csv"}),
      subsidy(ledger, {"batch", "approve", "1"}, "bench-approver"),
      subsidy(ledger, {"batch", "export", "1", "--format", "pain001v9", "--out",
                       path("batch.pain001.xml")})};
  measure(
      step::kBatchExport, [&] { copy_ledger(path("payer.db"), ledger); },
      [&] { return run_programs(commands, log()); });
}

void SizeBench::bank_return_import() {
  const std::string key = *load_key(path("ledger.key"));
  const std::string file = path("batch.pain002.xml");
  run_in_child([&] { write_bank_return(path("batch.db"), key, file, options_.seed); });
  const std::string ledger = path("returned.db");
  measure(
      step::kBankReturn, [&] { copy_ledger(path("batch.db"), ledger); },
      [&] {
        return run_program(subsidy(ledger, {"bank-return", "import", file}), log());
      });
}

}  // namespace subsidy::bench

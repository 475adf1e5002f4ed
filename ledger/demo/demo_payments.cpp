// Paying the demo county's awards (demo_cycle_internal.h): the paying account, then per award year
// batches proposed by the clerk and approved by a second person, exported as pain.001.001.09 into
// DIR/bank, answered by the simulated bank (simulated_bank.h) with a pain.002 that rejects two
// transfers the first time, imported; the enterprises whose transfer was rejected give a corrected
// account (imported as a corrected enterprises file) and the amounts owed again go out in the next
// batch. Each exported batch also gets its printable vouchers. Before paying, the county funds the
// year: its budget is set with a 文号 (fund_year). Then every region settles its share
// of the year. Each step is the operation of ledger/ops that the corresponding command calls.
#include <algorithm>
#include <filesystem>

#include "ledger/bankfiles/pain001.h"
#include "ledger/bankfiles/voucher.h"
#include "ledger/books/budget.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/demo/demo_cycle_internal.h"
#include "ledger/demo/seeded_random.h"
#include "ledger/demo/simulated_bank.h"
#include "ledger/masterdata/importer.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/ops/bank_return.h"
#include "ledger/ops/batch.h"
#include "ledger/ops/budget.h"
#include "ledger/ops/config.h"
#include "ledger/ops/import.h"
#include "ledger/ops/settle.h"
#include "ledger/payments/payments.h"

namespace subsidy::demo {

namespace {

// Batches a year needs at most: the first, one for what the bank rejected, and one spare round
// that finds nothing left to pay.
constexpr int kMaxBatchesPerYear = 3;

// The county pays from the finance bureau's zero-balance account (零余额账户) at its agent bank,
// as treasury disbursement (国库集中支付) does; the account number is made up.
constexpr std::pair<const char*, const char*> kPayer[] = {
    {"payer.name", "泗阳县财政局"},
    {"payer.account", "3213230011200000018"},
    {"payer.bank", "江苏泗阳农村商业银行股份有限公司"},
    {"payer.cnaps", "314308200018"},
};

// A CSV cell, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string quoted_csv(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

void DemoCycle::configure_payer(Db& db) {
  ops::OpContext context = op(db);
  for (const auto& [key, value] : kPayer) ops::set_config(context, {key, value});
}

std::optional<int64_t> DemoCycle::propose_batch(Db& db, DemoYear& figures) {
  ops::OpContext context = op(db);
  const CreatedBatch created =
      ops::create_batch(context, {AwardYear(figures.year), {}, {}}).created;
  figures.payables_excluded = static_cast<int64_t>(created.exclusions.size());
  return created.batch_id;
}

PaymentBatch DemoCycle::export_pain001(Db& db, int64_t batch_id, const std::string& reference) {
  ops::OpContext context = op(db, kCashier);
  ops::export_batch(context, {std::to_string(batch_id),
                              ops::bank_file_writer({ops::BankFileFormat::pain001v9, {}, {}, {}}),
                              ops::file_delivery(bank_file(reference + ".pain001.xml"))});
  PaymentBatch batch = load_batch(db, batch_id);
  // The vouchers (付款凭证) for the accounting file, as `batch vouchers` writes them.
  write_demo_file(bank_file(reference + ".vouchers.html"),
                  write_vouchers_html(batch, Language::zh));
  return batch;
}

std::vector<std::string> DemoCycle::bank_return(Db& db, const PaymentBatch& batch,
                                                size_t rejections, DemoYear& figures) {
  StatusReportRequest request;
  request.version = Pain002Version::v10;
  request.message_id = batch.batch_id + "-RET";
  request.created_at = batch.created_at;  // the bank answers "the same day"
  request.original_message_id = batch.batch_id;
  request.original_message_name = std::string(pain001_message_name(Pain001Version::v09));
  request.original_payment_info_id = batch.batch_id;
  for (const PaymentItem& item : batch.items) {
    request.transfers.push_back({item.end_to_end_id, item.amount});
  }
  request.rejections = choose_rejections(request.transfers, rejections,
                                         options_.seed ^ static_cast<uint64_t>(figures.year));
  const std::string bytes = write_status_report(request);
  const std::string name = batch.batch_id + ".pain002.xml";
  write_demo_file(bank_file(name), bytes);
  ops::OpContext context = op(db, kCashier);
  const ReturnImportResult result =
      ops::import_bank_return(context, ops::read_bank_return_file(name, bytes)).result;
  figures.transfers_settled += result.settled;
  figures.transfers_rejected += result.rejected;
  std::vector<std::string> rejected;
  for (const PaymentItem& item : batch.items) {
    const bool refused =
        std::any_of(request.rejections.begin(), request.rejections.end(),
                    [&item](const Rejection& r) { return r.end_to_end_id == item.end_to_end_id; });
    if (refused) {
      rejected.push_back(item.uscc);
    } else {
      figures.settled_total += item.amount;
    }
  }
  return rejected;
}

void DemoCycle::correct_accounts(Db& db, const std::vector<std::string>& usccs, int year) {
  if (usccs.empty()) return;
  SeededRandom random(options_.seed ^ static_cast<uint64_t>(year) << 8);
  std::string csv = "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n";
  for (const Enterprise& enterprise : load_enterprises(db)) {
    if (std::find(usccs.begin(), usccs.end(), enterprise.uscc) == usccs.end()) continue;
    if (!enterprise.bank) continue;  // paid, so it had bank details
    BankAccount account = *enterprise.bank;
    // The new account at the same bank: the same length and branch prefix, new last digits.
    for (size_t i = account.account_no.size() - std::min<size_t>(8, account.account_no.size());
         i < account.account_no.size(); ++i) {
      account.account_no[i] = static_cast<char>('0' + random.uniform(0, 9));
    }
    for (const std::string& cell : {enterprise.uscc, enterprise.name, enterprise.region_code,
                                    account.bank_name, account.cnaps_code, account.account_no}) {
      csv += quoted_csv(cell) + ",";
    }
    csv += quoted_csv(account.account_name) + "\n";
  }
  const std::string name = "enterprises-corrected-" + std::to_string(year) + ".csv";
  const std::string path = (std::filesystem::path(summary_.county.directory) / name).string();
  write_demo_file(path, csv);
  ImportOptions options;
  options.file_name = name;
  ops::OpContext context = op(db);
  ops::import_file(context, {ImportKind::enterprises, csv, options});
}

void DemoCycle::fund_year(Db& db, DemoYear& figures) {
  // The county allocates the fund by a document of the finance bureau (文号 made up), rounded up
  // as budgets are, so that the year's payments fit and treasury never runs below zero.
  constexpr int64_t kBudgetStepFen = 100'000'00;
  const int64_t awards = booked_awards(db, figures.year).fen();
  const int64_t budget = (awards / kBudgetStepFen + 1) * kBudgetStepFen;
  figures.budget = Money::from_fen(budget);
  figures.budget_ref = "泗财预〔" + std::to_string(figures.year) + "〕" +
                       std::to_string(10 + figures.year % 10) + "号";
  ops::OpContext context = op(db);
  ops::set_budget(context, {figures.year, figures.budget, figures.budget_ref});
}

void DemoCycle::pay_year(Db& db, DemoYear& figures) {
  size_t rejections = kRejectionsPerYear;
  for (int round = 0; round < kMaxBatchesPerYear; ++round) {
    const std::optional<int64_t> batch_id = propose_batch(db, figures);
    if (!batch_id) return;
    ops::OpContext approver = op(db, kChecker);
    const BatchSummary approved = ops::approve_batch(approver, {std::to_string(*batch_id)}).summary;
    const std::vector<std::string> rejected =
        bank_return(db, export_pain001(db, *batch_id, approved.reference), rejections, figures);
    correct_accounts(db, rejected, figures.year);
    ++figures.batches;
    rejections = 0;  // the second batch's transfers all arrive
  }
}

// The regions' settlements are logged as `settle` itself logs them, without the demo's prefix.
void DemoCycle::settle_regions(Db& db, DemoYear& figures) {
  ops::OpContext context = op(db, kMaker, false);
  for (const Region& region : load_regions(db)) {
    const Money owed = balance_of(db, chart::region_due(region.region_code));
    if (owed.fen() <= 0) continue;
    const std::string ref = "SETTLE-" + std::to_string(figures.year) + "-" + region.region_code;
    ops::settle(context, {region.region_code, owed, figures.year, ref});
    ++figures.regions_settled;
    figures.regions_settled_total += owed;
  }
}

}  // namespace subsidy::demo

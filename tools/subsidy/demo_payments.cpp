// Paying the demo county's awards (demo_cycle_internal.h): the paying account, then per award year
// batches proposed by the clerk and approved by a second person, exported as pain.001.001.09 into
// DIR/bank, answered by the simulated bank (simulated_bank.h) with a pain.002 that rejects two
// transfers the first time, imported; the enterprises whose transfer was rejected give a corrected
// account (imported as a corrected enterprises file) and the amounts owed again go out in the next
// batch. Each exported batch also gets its printable vouchers. Then every region settles its share
// of the year. Each step is the library call of the corresponding command, followed by its
// operations-log line.
#include <algorithm>
#include <filesystem>

#include "demo_cycle_internal.h"
#include "ledger/payments/bank_return_import.h"
#include "ledger/books/chart.h"
#include "ledger/base/clock.h"
#include "ledger/payments/config.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/importer.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/payments/payments.h"
#include "ledger/demo/seeded_random.h"
#include "ledger/base/sha256.h"
#include "payments_report.h"
#include "ledger/bankfiles/bank_return_file.h"
#include "ledger/bankfiles/pain001.h"
#include "ledger/demo/simulated_bank.h"
#include "ledger/bankfiles/voucher.h"

namespace subsidy::cli::demo {

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
  const std::string before = current_digest(db);
  Transaction tx(db);
  for (const auto& [key, value] : kPayer) {
    set_config(db, key, value, context_.actor, utc_now_iso8601());
  }
  tx.commit();
  log_operation(context_, "demo: config set payer.*", "keys=4", before, current_digest(db));
}

std::optional<int64_t> DemoCycle::propose_batch(Db& db, DemoYear& figures) {
  const std::string before = current_digest(db);
  const CreatedBatch created =
      create_batch(db, BatchRequest{figures.year, std::nullopt, std::nullopt, context_.actor},
                   payment_policy_for_year(db, figures.year));
  figures.payables_excluded = static_cast<int64_t>(created.exclusions.size());
  if (!created.batch_id) return std::nullopt;
  log_operation(context_, "demo: batch create --year " + std::to_string(figures.year),
                created_batch_counts(created), before, current_digest(db));
  return created.batch_id;
}

PaymentBatch DemoCycle::export_pain001(Db& db, int64_t batch_id) {
  const std::string reference = batch_summary(db, batch_id).reference;
  const std::string path = bank_file(reference + ".pain001.xml");
  const std::string before = current_digest(db);
  const ExportResult result = export_batch(
      db, batch_id, "pain001v9",
      [](const PaymentBatch& batch) { return write_pain001(batch, Pain001Version::v09); },
      [&path](const std::string& bytes) { write_demo_file(path, bytes); }, context_.actor);
  log_operation(context_, "demo: batch export " + reference + " --format pain001v9",
                "file=" + path + " sha256=" + result.sha256 +
                    " entries_posted=" + std::to_string(result.entries_posted),
                before, current_digest(db));
  PaymentBatch batch = load_batch(db, batch_id);
  // The vouchers (付款凭证) for the accounting file, as `batch vouchers` writes them.
  write_demo_file(bank_file(reference + ".vouchers.html"),
                  write_vouchers_html(batch, VoucherLanguage::zh));
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
  const std::string before = current_digest(db);
  const ReturnImportResult result = import_bank_return(
      db, read_bank_return(bytes, name), ReturnFile{name, sha256_hex(bytes), context_.actor});
  log_operation(
      context_, "demo: bank-return import " + name,
      "settled=" + std::to_string(result.settled) + " rejected=" + std::to_string(result.rejected),
      before, current_digest(db));
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
  options.actor = context_.actor;
  options.recorded_at = utc_now_iso8601();
  const std::string before = current_digest(db);
  const ImportResult result = import_file(db, ImportKind::enterprises, csv, options);
  log_operation(context_, "demo: import enterprises",
                "file=" + name + " sha256=" + result.file_sha256 +
                    " changed=" + std::to_string(result.changed_count),
                before, current_digest(db));
}

void DemoCycle::pay_year(Db& db, DemoYear& figures) {
  size_t rejections = kRejectionsPerYear;
  for (int round = 0; round < kMaxBatchesPerYear; ++round) {
    const std::optional<int64_t> batch_id = propose_batch(db, figures);
    if (!batch_id) return;
    const std::string before = current_digest(db);
    approve_batch(db, *batch_id, kApprover);
    Context approver = context_;
    approver.actor = kApprover;
    log_operation(approver, "demo: batch approve " + batch_summary(db, *batch_id).reference,
                  "content_sha256=" + batch_summary(db, *batch_id).approval_sha256, before,
                  current_digest(db));
    const std::vector<std::string> rejected =
        bank_return(db, export_pain001(db, *batch_id), rejections, figures);
    correct_accounts(db, rejected, figures.year);
    ++figures.batches;
    rejections = 0;  // the second batch's transfers all arrive
  }
}

void DemoCycle::settle_regions(Db& db, DemoYear& figures) {
  for (const Region& region : load_regions(db)) {
    const Money owed = balance_of(db, chart::region_due(region.region_code));
    if (owed.fen() <= 0) continue;
    const std::string ref = "SETTLE-" + std::to_string(figures.year) + "-" + region.region_code;
    settle_region(context_, db, region.region_code, owed, figures.year, ref);
    ++figures.regions_settled;
    figures.regions_settled_total += owed;
  }
}

}  // namespace subsidy::cli::demo

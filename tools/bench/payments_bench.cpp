// Payments benchmark (docs/performance.md, section "Payments"): on an encrypted ledger holding
// N enterprises with one 2023 award each, plus M unrelated award entries of 2022 (a ledger that has
// been in use), times the payment cycle of one batch of N items:
//  1. batch create (payables, exclusion checks, storing the batch);
//  2. approve (payables re-checked, content hashed);
//  3. export as pain.001.001.09 (file written, N payment_sent entries posted);
//  4. import of a pain.002.001.10 return for all N items (90% ACSC, 10% RJCT).
// Usage: payments_bench [--enterprises N] [--background M] [--dir DIR] [--keep]
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "ledger/bankfiles/pain001.h"
#include "ledger/bankfiles/pain002.h"
#include "ledger/base/clock.h"
#include "ledger/base/sha256.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/importer.h"
#include "ledger/payments/bank_return_import.h"
#include "ledger/payments/config.h"
#include "ledger/payments/payments.h"

using namespace subsidy;
using Stopwatch = std::chrono::steady_clock;

namespace {

struct Options {
  int64_t enterprises = 2'000;
  int64_t background = 300'000;
  std::string dir;
  bool keep = false;
};

int64_t ms_since(Stopwatch::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Stopwatch::now() - start).count();
}

// The i-th synthetic USCC: "91321323", 9 characters of i in the USCC alphabet, the check character.
std::string uscc_for(int64_t i) {
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string body = "91321323";
  std::string digits;
  for (int k = 0; k < 9; ++k, i /= 31)
    digits.insert(digits.begin(), kAlphabet[static_cast<size_t>(i % 31)]);
  body += digits;
  return body + *uscc_check_character(body);
}

void fill(Db& db, const Options& options) {
  ImportOptions import;
  import.actor = "bench";
  import.recorded_at = "2024-01-02T08:00:00Z";
  import.file_name = "regions.csv";
  import_file(db, ImportKind::regions, "region_code,name,kind\nP01,开发区,park\n", import);
  std::string csv = "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n";
  for (int64_t i = 0; i < options.enterprises; ++i) {
    csv += uscc_for(i) + ",企业" + std::to_string(i) + ",P01,中国农业银行泗阳县支行,103308200016," +
           std::to_string(6222000000000 + i) + ",企业" + std::to_string(i) + "\n";
  }
  import.file_name = "enterprises.csv";
  import_file(db, ImportKind::enterprises, csv, import);
  Transaction tx(db);
  JournalWriter writer(db);
  const auto award = [&](int64_t year, const std::string& key, const std::string& account) {
    EntryDraft draft;
    draft.fiscal_year = year;
    draft.kind = "award";
    draft.actor = "bench";
    draft.idempotency_key = key;
    draft.application_id = key;
    draft.lines = {{std::string(chart::kCountyExpense), Money::from_fen(5'000'000)},
                   {account, Money::from_fen(-5'000'000)}};
    writer.post(draft);
  };
  for (int64_t i = 0; i < options.background; ++i) {
    award(2022, "old-" + std::to_string(i), chart::award_payable("OLD" + std::to_string(i % 5000)));
  }
  for (int64_t i = 0; i < options.enterprises; ++i) {
    award(2023, "A-" + std::to_string(i), chart::award_payable(uscc_for(i)));
  }
  for (const auto& [key, value] : {std::pair{"payer.name", "泗阳县财政局"},
                                   {"payer.account", "32001748836052500001"},
                                   {"payer.bank", "中国建设银行股份有限公司泗阳支行"},
                                   {"payer.cnaps", "105308200019"}}) {
    set_config(db, key, value, "bench", "2024-01-02T08:00:00Z");
  }
  tx.commit();
}

std::string status_report(const PaymentBatch& batch) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
      "xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt><GrpHdr><MsgId>B"
      "</MsgId><CreDtTm>2024-02-01T10:00:00</CreDtTm></GrpHdr><OrgnlGrpInfAndSts><OrgnlMsgId>" +
      batch.batch_id + "</OrgnlMsgId></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>" +
      batch.batch_id + "</OrgnlPmtInfId>";
  for (size_t i = 0; i < batch.items.size(); ++i) {
    xml += "<TxInfAndSts><OrgnlEndToEndId>" + batch.items[i].end_to_end_id +
           "</OrgnlEndToEndId><TxSts>" + (i % 10 == 9 ? "RJCT" : "ACSC") + "</TxSts></TxInfAndSts>";
  }
  return xml + "</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n";
}

int run(const Options& options) {
  const std::filesystem::path dir =
      options.dir.empty()
          ? std::filesystem::temp_directory_path() / ("payments-bench-" + std::to_string(getpid()))
          : std::filesystem::path(options.dir);
  std::filesystem::create_directories(dir);
  OpenOptions open{(dir / "ledger.db").string(), std::string("benchmark key"), true};
  Db db = Db::open(open);
  auto start = Stopwatch::now();
  fill(db, options);
  std::cout << "ledger: " << options.enterprises << " enterprises, " << head(db).entry_count
            << " entries, filled in " << ms_since(start) << " ms\n";
  PaymentPolicy policy{"泗政办发〔2022〕9号", {}, {}};
  start = Stopwatch::now();
  const CreatedBatch created =
      create_batch(db, BatchRequest{AwardYear(2023), {}, {}, "clerk"}, policy);
  std::cout << "batch create: " << created.batch.items.size() << " items in " << ms_since(start)
            << " ms\n";
  start = Stopwatch::now();
  approve_batch(db, *created.batch_id, "director");
  std::cout << "approve: " << ms_since(start) << " ms\n";
  start = Stopwatch::now();
  const ExportResult exported = export_batch(
      db, *created.batch_id, "pain001v9",
      [](const PaymentBatch& batch) { return write_pain001(batch, Pain001Version::v09); }, "clerk");
  std::cout << "export pain.001.001.09: " << exported.bytes.size() << " bytes, "
            << exported.entries_posted << " entries posted in " << ms_since(start) << " ms\n";
  const std::string report = status_report(load_batch(db, *created.batch_id));
  start = Stopwatch::now();
  const BankReturn parsed = read_pain002(report, "return.xml");
  const ReturnImportResult result =
      import_bank_return(db, parsed, ReturnFile{"return.xml", sha256_hex(report), "clerk"});
  std::cout << "bank return: " << report.size() << " bytes, " << result.settled << " settled, "
            << result.rejected << " rejected in " << ms_since(start) << " ms\n";
  if (!options.keep) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--enterprises" && has_value)
      options.enterprises = std::stoll(argv[++i]);
    else if (arg == "--background" && has_value)
      options.background = std::stoll(argv[++i]);
    else if (arg == "--dir" && has_value)
      options.dir = argv[++i];
    else if (arg == "--keep")
      options.keep = true;
    else {
      std::cerr
          << "usage: payments_bench [--enterprises N] [--background M] [--dir DIR] [--keep]\n";
      return 2;
    }
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "payments_bench: " << e.what() << "\n";
    return 1;
  }
}

// `subsidy bank-return import FILE [--encoding gbk]` books what the bank says about our transfers
// (bank_return_import.h); `bank-return show FILE` only reads and prints a return, without a ledger.
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "ledger/payments/bank_return_import.h"
#include "ledger/base/csv.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/bankfiles/bank_return_file.h"
#include "ledger/bankfiles/safe_xml.h"

namespace subsidy::cli {

namespace {

struct ReadReturn {
  std::string name;    // base name
  std::string sha256;  // of the bytes as received
  BankReturn report;
};

ReadReturn read_return(const std::string& path, const std::string& encoding) {
  ReadReturn read;
  read.name = std::filesystem::path(path).filename().string();
  std::string bytes = read_file_limited(path, kMaxXmlBytes);
  read.sha256 = sha256_hex(bytes);
  if (encoding == "gbk") bytes = gbk_to_utf8(bytes, read.name);
  read.report = read_bank_return(bytes, read.name);
  return read;
}

std::string status_text(const std::string& status, const StatusReason& reason) {
  std::string text = status.empty() ? "-" : status;
  if (!reason.code.empty()) text += " " + reason.code;
  if (!reason.text.empty()) text += " " + reason.text;
  return text;
}

int run_show(const std::string& path, const std::string& encoding) {
  const ReadReturn read = read_return(path, encoding);
  const BankReturn& r = read.report;
  std::cout << read.name << ": " << r.format << "  MsgId " << r.message_id << "  OrgnlMsgId "
            << r.original_message_id << "\n";
  for (const std::string& note : r.notes) std::cout << "  note: " << note << "\n";
  std::cout << "  group: " << status_text(r.group_status, r.group_reason) << "\n";
  for (const PaymentReturn& payment : r.payments) {
    if (!payment.payment_info_id.empty() || !payment.status.empty()) {
      std::cout << "  payment " << payment.payment_info_id << ": "
                << status_text(payment.status, payment.reason) << "\n";
    }
    for (const TransactionReturn& tx : payment.transactions) {
      std::cout << "    " << tx.end_to_end_id << ": " << status_text(tx.status, tx.reason);
      if (tx.amount) std::cout << "  " << tx.currency << " " << format_plain(*tx.amount);
      std::cout << "\n";
    }
  }
  return 0;
}

int run_import(const Context& context, const std::string& path, const std::string& encoding) {
  const ReadReturn read = read_return(path, encoding);
  Db db = context.open_db();
  const std::string before = current_digest(db);
  const ReturnImportResult result =
      import_bank_return(db, read.report, ReturnFile{read.name, read.sha256, context.actor});
  if (result.already_imported) {
    std::cout << read.name << ": already imported at " << result.imported_at << " (return "
              << result.return_id << "); nothing posted\n";
    return 0;
  }
  std::string batches;
  for (const std::string& batch : result.batches) batches += (batches.empty() ? "" : ",") + batch;
  const std::string counts = "settled=" + std::to_string(result.settled) +
                             " rejected=" + std::to_string(result.rejected) +
                             " pending=" + std::to_string(result.pending) +
                             " unchanged=" + std::to_string(result.unchanged);
  log_operation(context, "bank-return import " + read.name,
                "return=" + std::to_string(result.return_id) + " sha256=" + read.sha256 +
                    " batches=" + batches + " " + counts,
                before, current_digest(db));
  for (const std::string& note : read.report.notes) std::cout << "note: " << note << "\n";
  std::cout << read.name << " (" << read.report.format << "), return " << result.return_id
            << " for " << (batches.empty() ? "-" : batches) << ": " << result.settled
            << " settled (confirmation posted), " << result.rejected
            << " rejected (payment reversed, owed again), " << result.pending
            << " pending (recorded), " << result.unchanged << " unchanged\n";
  return 0;
}

}  // namespace

void add_bank_return_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("bank-return", "the bank's status reports on our transfers");
  group->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  auto encoding = std::make_shared<std::string>("utf-8");
  for (const char* name : {"import", "show"}) {
    const bool import = std::string(name) == "import";
    CLI::App* command = group->add_subcommand(
        name, import ? "book a pain.002 (001.001.03 or .10) or CSV return"
                     : "read a return and print its statuses (no ledger needed)");
    command->add_option("FILE", *path, "the return file")->required();
    command->add_option("--encoding", *encoding, "CSV returns: utf-8 (default) or gbk")
        ->check(CLI::IsMember({"utf-8", "gbk"}));
    command->callback([&context, path, encoding, import] {
      context.action = [&context, path, encoding, import] {
        return import ? run_import(context, *path, *encoding) : run_show(*path, *encoding);
      };
    });
  }
}

}  // namespace subsidy::cli

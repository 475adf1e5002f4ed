// `subsidy bank-return import FILE [--encoding gbk]` books what the bank says about our transfers
// (ops/bank_return.h); `bank-return show FILE` only reads and prints a return, without a ledger.
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "ledger/bankfiles/safe_xml.h"
#include "ledger/base/error.h"
#include "ledger/ops/bank_return.h"

namespace subsidy::cli {

namespace {

ops::BankReturnFile read_return(const std::string& path, const std::string& encoding) {
  return ops::read_bank_return_file(std::filesystem::path(path).filename().string(),
                                    read_file_limited(path, kMaxXmlBytes),
                                    encoding == "gbk" ? Encoding::gbk : Encoding::utf8);
}

std::string status_text(const std::string& status, const StatusReason& reason) {
  std::string text = status.empty() ? "-" : status;
  if (!reason.code.empty()) text += " " + reason.code;
  if (!reason.text.empty()) text += " " + reason.text;
  return text;
}

int run_show(const std::string& path, const std::string& encoding) {
  const ops::BankReturnFile read = read_return(path, encoding);
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
  const ops::BankReturnFile read = read_return(path, encoding);
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ReturnImportResult result = ops::import_bank_return(op, read).result;
  if (result.already_imported) {
    std::cout << read.name << ": already imported at " << result.imported_at << " (return "
              << result.return_id << "); nothing posted\n";
    return 0;
  }
  std::string batches;
  for (const std::string& batch : result.batches) batches += (batches.empty() ? "" : ",") + batch;
  for (const std::string& note : read.report.notes) std::cout << "note: " << note << "\n";
  std::cout << read.name << " (" << read.report.format << "), return " << result.return_id
            << " for " << (batches.empty() ? "-" : batches) << ": " << result.settled
            << " settled (confirmation posted), " << result.rejected
            << " rejected (payment reversed, owed again), " << result.pending
            << " pending (recorded), " << result.unchanged << " unchanged\n";
  if (!result.authenticated) {
    std::cout << "未经认证 / unauthenticated: a CSV return carries nothing that proves the bank "
                 "wrote it; check its statuses with the bank\n";
  }
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

// `subsidy bank-return import FILE [--encoding gbk] [--mapping FILE]` books what the bank says
// about our transfers (ops/bank_return.h); `bank-return show FILE` only reads and prints a return,
// without a ledger. A CSV return's headings may be English or Chinese
// (bankfiles/bank_return_csv.h); a bank whose return names its columns otherwise gets a small TOML
// mapping file (--mapping). On a ledger with people a CSV return's rejections are held:
// `bank-return list-held [--all]` shows them, `bank-return confirm RETURN_ID [--item ID]...` (a
// checker other than the importer) books them, `bank-return dismiss RETURN_ID [--item ID]...
// --reason TEXT` records that they were wrong.
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli.h"
#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/bankfiles/safe_xml.h"
#include "ledger/base/error.h"
#include "ledger/ops/bank_return.h"
#include "ledger/payments/bank_return_hold.h"

namespace subsidy::cli {

namespace {

// The size a column-mapping file may have.
constexpr size_t kMaxMappingBytes = 64 * 1024;

struct ReturnArgs {
  std::string path;
  std::string encoding = "utf-8";
  std::optional<std::string> mapping;  // a bank's column mapping (TOML)
};

ops::BankReturnFile read_return(const ReturnArgs& args) {
  const BankReturnMapping mapping =
      args.mapping ? parse_return_mapping(read_file_limited(*args.mapping, kMaxMappingBytes),
                                          std::filesystem::path(*args.mapping).filename().string())
                   : default_return_mapping();
  return ops::read_bank_return_file(std::filesystem::path(args.path).filename().string(),
                                    read_file_limited(args.path, kMaxXmlBytes),
                                    args.encoding == "gbk" ? Encoding::gbk : Encoding::utf8,
                                    mapping);
}

std::string status_text(const std::string& status, const StatusReason& reason) {
  std::string text = status.empty() ? "-" : status;
  if (!reason.code.empty()) text += " " + reason.code;
  if (!reason.text.empty()) text += " " + reason.text;
  return text;
}

int run_show(const ReturnArgs& args) {
  const ops::BankReturnFile read = read_return(args);
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

int run_import(const Context& context, const ReturnArgs& args) {
  const ops::BankReturnFile read = read_return(args);
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
  if (result.held > 0) {
    std::cout << result.held << " 笔银行退回待复核（CSV 回单，未入账）：请另一位复核人员（checker，"
              << "不是导入人）与银行核对后运行 subsidy bank-return confirm " << result.return_id
              << "（有误的用 subsidy bank-return dismiss " << result.return_id
              << " --item 编号 --reason 原因）；subsidy bank-return list-held 列出待复核的退回\n";
  }
  return 0;
}

int run_list_held(const Context& context, bool all) {
  Db db = context.open_db();
  const std::vector<HeldRejection> held = held_rejections(db, std::nullopt, !all);
  if (held.empty()) {
    std::cout << (all ? "没有被暂挂的银行退回\n" : "没有待复核的银行退回\n");
    return 0;
  }
  for (const HeldRejection& item : held) {
    std::cout << "回单 " << item.return_id << " " << item.file_name << "  " << item.end_to_end_id
              << "  " << item.uscc << " " << item.payee_name << "  " << format_plain(item.amount)
              << "  " << status_text(item.status, {item.reason_code, item.reason_text}) << "  导入 "
              << item.imported_by << " " << item.imported_at << "  ";
    if (item.decision.empty()) {
      std::cout << "待复核";
    } else {
      std::cout << (item.decision == "confirmed" ? "已确认 " : "已驳回 ") << item.decided_by << " "
                << item.decided_at;
      if (item.entry_id) std::cout << " entry " << *item.entry_id;
      if (!item.note.empty()) std::cout << " " << item.note;
    }
    std::cout << "\n";
  }
  return 0;
}

int run_decide(const Context& context, const HoldDecisionRequest& request) {
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const HoldDecisionResult result = ops::decide_held_rejections(op, request).result;
  std::string batches;
  for (const std::string& batch : result.batches) batches += (batches.empty() ? "" : ",") + batch;
  std::cout << "回单 " << request.return_id << "（" << result.file_name << "，"
            << result.imported_by << " 导入）复核 " << result.decision_id << "，批次 " << batches
            << "：";
  if (request.confirm) {
    std::cout << result.booked << " 笔退回已入账";
    if (result.unchanged > 0) std::cout << "，" << result.unchanged << " 笔此前已入账";
    if (result.booked > 0) std::cout << "（付款冲回，应付款可在新批次中重新支付）";
  } else {
    std::cout << result.dismissed << " 笔退回已驳回（未入账）";
  }
  std::cout << "\n";
  return 0;
}

void add_decide_command(CLI::App& group, Context& context, bool confirm) {
  CLI::App* command = group.add_subcommand(
      confirm ? "confirm" : "dismiss",
      confirm ? "a checker confirms the held rejections of a CSV return: they are booked"
              : "a checker dismisses held rejections of a CSV return found wrong: nothing booked");
  auto request = std::make_shared<HoldDecisionRequest>();
  request->confirm = confirm;
  command->add_option("RETURN_ID", request->return_id, "the return (bank-return list-held)")
      ->required();
  command->add_option("--item", request->end_to_end_ids,
                      "only this EndToEndId (repeatable); default: every one still held");
  if (!confirm) command->add_option("--reason", request->note, "why it is wrong")->required();
  command->callback([&context, request] {
    context.action = [&context, request] { return run_decide(context, *request); };
  });
}

}  // namespace

void add_bank_return_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("bank-return", "the bank's status reports on our transfers");
  group->require_subcommand(1);
  auto args = std::make_shared<ReturnArgs>();
  for (const char* name : {"import", "show"}) {
    const bool import = std::string(name) == "import";
    CLI::App* command = group->add_subcommand(
        name, import ? "book a pain.002 (001.001.03 or .10) or CSV return"
                     : "read a return and print its statuses (no ledger needed)");
    command->add_option("FILE", args->path, "the return file")->required();
    command->add_option("--encoding", args->encoding, "CSV returns: utf-8 (default) or gbk")
        ->check(CLI::IsMember({"utf-8", "gbk"}));
    command->add_option("--mapping", args->mapping,
                        "CSV returns: the bank's column mapping (TOML: [columns] end_to_end_id, "
                        "status, reason, amount; [status] words); English and common Chinese "
                        "headings need none");
    command->callback([&context, args, import] {
      context.action = [&context, args, import] {
        return import ? run_import(context, *args) : run_show(*args);
      };
    });
  }
  add_decide_command(*group, context, true);
  add_decide_command(*group, context, false);
  auto all = std::make_shared<bool>(false);
  CLI::App* list = group->add_subcommand("list-held", "the CSV rejections waiting for a checker");
  list->add_flag("--all", *all, "also those already confirmed or dismissed");
  list->callback([&context, all] {
    context.action = [&context, all] { return run_list_held(context, *all); };
  });
}

}  // namespace subsidy::cli

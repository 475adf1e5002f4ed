// `subsidy batch create|approve|cancel|export|vouchers|show|list`: payment batches with four eyes
// (ops/batch.h) and the files they become (pain.001, the online-banking CSV or XLSX, the
// vouchers in HTML or as PDF 记账凭证, the 拨付审批表 PDF of `batch show --format pdf`).
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "ledger/bankfiles/approval_form.h"
#include "ledger/bankfiles/safe_xml.h"
#include "ledger/bankfiles/text_encoding.h"
#include "ledger/bankfiles/voucher.h"
#include "ledger/bankfiles/voucher_pdf.h"
#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/ops/batch.h"
#include "ledger/payments/payments.h"
#include "payments_report.h"
#include "print_info.h"

namespace subsidy::cli {

namespace {

constexpr size_t kMaxTemplateBytes = 64 * 1024;

struct CreateArgs {
  int64_t year = 0;
  std::optional<int64_t> max_items;
  std::optional<std::string> execution_date;
  std::string format = "table";
  std::string lang = "zh";
};

struct ExportArgs {
  std::string batch;
  std::string format;
  std::optional<std::string> encoding;
  std::optional<std::string> template_file;
  std::optional<std::string> bank;  // a built-in template
  std::string out;
  std::optional<std::string> validate;  // an XSD file
  bool force = false;                   // replace an existing --out file
};

ReportFormat report_format(const std::string& name) {
  return name == "json"  ? ReportFormat::json
         : name == "csv" ? ReportFormat::csv
                         : ReportFormat::table;
}
Language report_lang(const std::string& name) {
  return name == "en" ? Language::en : Language::zh;
}

int run_create(const Context& context, const CreateArgs& args) {
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ops::CreateBatchOutcome outcome =
      ops::create_batch(op, {AwardYear::known(args.year), args.max_items, args.execution_date});
  const CreatedBatch& created = outcome.created;
  if (created.batch_id && outcome.treasury_after.is_negative()) {
    std::cerr << "警告：本批及其他未导出、在途的支付全部付出后，国库余额将为 "
              << format_grouped(outcome.treasury_after)
              << "，低于零；请先用 budget set/adjust 拨付资金\n";
  }
  if (created.budget) {
    std::cerr << "预算：" << args.year << "年度预算 " << format_grouped(created.budget->budget)
              << "，其他批次已占用 " << format_grouped(created.budget->committed) << "，可用 "
              << format_grouped(created.budget->remaining()) << "\n";
  }
  if (!created.batch_id) {
    std::cout << "nothing to pay for award year " << args.year << "\n";
    if (!created.exclusions.empty()) {
      write_exclusions(created.exclusions, report_lang(args.lang), std::cout);
    }
    return 0;
  }
  write_batch_report(read_batch_report(db, *created.batch_id), report_format(args.format),
                     report_lang(args.lang), std::cout);
  return 0;
}

int run_approve(const Context& context, const std::string& id) {
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const BatchSummary summary = ops::approve_batch(op, {id}).summary;
  std::cout << "batch " << summary.reference << " approved by " << summary.approved_by << ": "
            << summary.item_count << " items, " << format_grouped(summary.total)
            << "; frozen as sha256 " << summary.approval_sha256 << "\n";
  return 0;
}

int run_cancel(const Context& context, const std::string& id, const std::string& reason) {
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const BatchSummary summary = ops::cancel_batch(op, {id, reason}).summary;
  std::cout << "batch " << summary.reference << " cancelled; its " << summary.item_count
            << " items will be proposed again\n";
  return 0;
}

// The bank file's format and options as the command line gives them. Options of the other format
// are refused before the template file is read.
ops::BankFileSpec file_spec(const ExportArgs& args) {
  ops::BankFileSpec spec;
  spec.format = *ops::bank_file_format_from_name(args.format);  // CLI11 checked the name
  const bool csv = spec.format == ops::BankFileFormat::csv;
  const bool table = csv || spec.format == ops::BankFileFormat::xlsx;
  if (!table && (args.encoding || args.template_file || args.bank)) {
    throw UsageError("--encoding, --template and --bank are for --format csv or xlsx");
  }
  if (!csv && args.encoding) throw UsageError("--encoding is for --format csv");
  if (table && args.validate) throw UsageError("--validate is for the pain.001 formats");
  if (args.template_file && args.bank) throw UsageError("--template or --bank, not both");
  spec.bank = args.bank;
  if (args.encoding) spec.encoding = *text_encoding_from_name(*args.encoding);
  if (args.template_file) {
    spec.upload_template =
        ops::UploadTemplateFile{std::filesystem::path(*args.template_file).filename().string(),
                                read_file_limited(*args.template_file, kMaxTemplateBytes)};
  }
  spec.xsd_path = args.validate;
  return spec;
}

int run_export(const Context& context, const ExportArgs& args) {
  context.check_out(args.out, args.force);
  ops::BankFileWriter writer = ops::bank_file_writer(file_spec(args));
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ops::ExportBatchResult result =
      ops::export_batch(op, {args.batch, std::move(writer), ops::file_delivery(args.out)}).result;
  std::cout << "batch " << result.summary.reference << " written to " << result.destination << " ("
            << result.format_key << ", sha256 " << result.sha256 << "); "
            << (result.entries_posted > 0
                    ? std::to_string(result.entries_posted) + " payment_sent entries posted"
                    : std::string("exported before: nothing posted"))
            << "\n";
  if (!result.earlier_other_keys.empty()) {
    std::string keys;
    for (const std::string& key : result.earlier_other_keys)
      keys += (keys.empty() ? "" : ", ") + key;
    std::cerr << "警告：批次 " << result.summary.reference << " 此前已以其他格式导出（" << keys
              << "）。同一批次的文件只能上传一个，请勿重复上传，否则会重复付款 (do not upload "
                 "both files: the batch would be paid twice)\n";
  }
  return 0;
}

// The 记账凭证 PDF: each item's payment_sent entry, signed by the batch's maker (制单), approver
// (复核) and exporter (出纳, the actor of the entries).
void write_voucher_pdf_file(const Context& context, Db& db, const PaymentBatch& batch,
                            Language lang, const std::string& out) {
  const std::vector<Entry> entries = batch_sent_entries(db, batch);
  std::vector<VoucherBooking> bookings;
  for (const Entry& entry : entries) {
    VoucherBooking booking{entry.entry_id, entry.posted_at, {}};
    for (const Line& line : entry.lines) booking.lines.emplace_back(line.account, line.amount);
    bookings.push_back(std::move(booking));
  }
  VoucherSigners signers;
  signers.maker = signer_name(db, batch.created_by);
  signers.checker = signer_name(db, batch.approved_by);
  if (!entries.empty()) signers.cashier = signer_name(db, entries.front().actor);
  const auto printed_at = context.clock();
  write_file_atomically(out, [&](const std::string& temporary) {
    write_vouchers_pdf(batch, bookings, signers, lang, printed_at, temporary);
  });
}

int run_vouchers(const Context& context, const std::string& id, const std::string& out,
                 const std::string& lang, const std::string& format, bool force) {
  context.check_out(out, force);
  Db db = context.open_db();
  const PaymentBatch batch = load_batch(db, find_batch(db, id));
  const Language language = lang == "en" ? Language::en : Language::zh;
  if (format == "pdf") {
    write_voucher_pdf_file(context, db, batch, language, out);
  } else {
    write_file_atomically(out, std::string_view(write_vouchers_html(batch, language)));
  }
  std::cout << batch.items.size() << " vouchers of batch " << batch.batch_id << " written to "
            << out << "\n";
  return 0;
}

// `batch show`: the batch report on stdout, or its 拨付审批表 as a PDF file.
int run_show(const Context& context, const std::string& id, const std::string& format,
             Language lang, const std::optional<std::string>& out, bool force) {
  if ((format == "pdf") != out.has_value()) {
    throw UsageError("--format pdf writes a file: give --out FILE (and --out only with pdf)");
  }
  if (out) context.check_out(*out, force);
  Db db = context.open_db();
  const BatchReport report = read_batch_report(db, find_batch(db, id));
  if (!out) {
    write_batch_report(report, report_format(format), lang, std::cout);
    return 0;
  }
  const ApprovalFormData data{report.summary,
                              report.batch,
                              report.items,
                              report.exclusions,
                              report.ledger_head,
                              signer_name(db, report.summary.created_by),
                              signer_name(db, report.summary.approved_by)};
  const reports::PrintInfo base = print_info(context, db);
  write_file_atomically(*out, [&](const std::string& temporary) {
    write_approval_form_pdf(data, lang, base, temporary);
  });
  std::cout << "拨付审批表 " << report.summary.reference << " written to " << *out << "\n";
  return 0;
}

int run_list(const Context& context, std::optional<int64_t> year) {
  Db db = context.open_db();
  for (const BatchSummary& s : list_batches(db, year)) {
    std::cout << s.batch_id << "  " << s.reference << "  " << batch_state_name(s.state) << "  "
              << s.item_count << "  " << format_grouped(s.total) << "  "
              << escape_for_line(s.created_by)
              << (s.approved_by.empty() ? "" : " / " + escape_for_line(s.approved_by)) << "\n";
  }
  return 0;
}

void add_export_command(CLI::App& batch, Context& context) {
  CLI::App* command = batch.add_subcommand("export", "write an approved batch's bank file");
  auto args = std::make_shared<ExportArgs>();
  command->add_option("ID", args->batch, "batch number or reference")->required();
  command->add_option("--format", args->format, "pain001v9, pain001v3, csv or xlsx")
      ->required()
      ->check(CLI::IsMember({"pain001v9", "pain001v3", "csv", "xlsx"}));
  command->add_option("--encoding", args->encoding, "csv: utf-8 (default) or gbk")
      ->check(CLI::IsMember({"utf-8", "utf8", "gbk", "GBK"}));
  command->add_option("--template", args->template_file,
                      "csv, xlsx: the bank's column template (TOML)");
  command
      ->add_option("--bank", args->bank,
                   "csv, xlsx: a built-in template: generic (default, UTF-8 with BOM), gbk, "
                   "excel (account cells kept as text by Excel; not for upload)")
      ->check(CLI::IsMember({"generic", "gbk", "excel"}));
  command->add_option("--out", args->out, "the file to write")->required();
  command->add_flag("--force", args->force, "replace the --out file if it exists");
  command->add_option("--validate", args->validate,
                      "pain.001: check the file against this XSD before writing it");
  command->callback([&context, args] {
    context.action = [&context, args] { return run_export(context, *args); };
  });
}

void add_create_command(CLI::App& batch, Context& context) {
  CLI::App* create =
      batch.add_subcommand("create", "propose a batch of every payable that can be paid");
  auto args = std::make_shared<CreateArgs>();
  create->add_option("--year", args->year, "the award year")
      ->required()
      ->check(CLI::Range(1900, 9999));
  create->add_option("--max-items", args->max_items, "at most this many items")
      ->check(CLI::PositiveNumber);
  create->add_option("--execution-date", args->execution_date, "requested date, YYYY-MM-DD");
  create->add_option("--format", args->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  create->add_option("--lang", args->lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  create->callback([&context, args] {
    context.action = [&context, args] { return run_create(context, *args); };
  });
}

}  // namespace

void add_batch_commands(CLI::App& app, Context& context) {
  CLI::App* batch = app.add_subcommand("batch", "payment batches: propose, approve, export");
  batch->require_subcommand(1);
  add_create_command(*batch, context);
  add_export_command(*batch, context);
  auto id = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto lang = std::make_shared<std::string>("zh");
  auto year = std::make_shared<std::optional<int64_t>>();

  CLI::App* approve =
      batch->add_subcommand("approve", "approve a batch (not its maker): freezes it");
  approve->add_option("ID", *id, "batch number or reference")->required();
  approve->callback(
      [&context, id] { context.action = [&context, id] { return run_approve(context, *id); }; });
  CLI::App* cancel = batch->add_subcommand("cancel", "cancel a batch that was not exported");
  cancel->add_option("ID", *id, "batch number or reference")->required();
  cancel->add_option("--reason", *text, "why");
  cancel->callback([&context, id, text] {
    context.action = [&context, id, text] { return run_cancel(context, *id, *text); };
  });
  CLI::App* vouchers = batch->add_subcommand(
      "vouchers", "payment vouchers, one page per item: HTML, or PDF 记账凭证 (exported batches)");
  vouchers->add_option("ID", *id, "batch number or reference")->required();
  vouchers->add_option("--out", *text, "the file to write")->required();
  vouchers->add_option("--lang", *lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto voucher_format = std::make_shared<std::string>("html");
  vouchers->add_option("--format", *voucher_format, "html (default) or pdf")
      ->check(CLI::IsMember({"html", "pdf"}));
  auto force = std::make_shared<bool>(false);
  vouchers->add_flag("--force", *force, "replace the --out file if it exists");
  vouchers->callback([&context, id, text, lang, voucher_format, force] {
    context.action = [&context, id, text, lang, voucher_format, force] {
      return run_vouchers(context, *id, *text, *lang, *voucher_format, *force);
    };
  });
  CLI::App* show = batch->add_subcommand("show", "the batch report: items, states, exclusions");
  show->add_option("ID", *id, "batch number or reference")->required();
  show->add_option("--format", *format, "table, csv, json, or pdf (拨付审批表, needs --out)")
      ->check(CLI::IsMember({"table", "csv", "json", "pdf"}));
  show->add_option("--lang", *lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto show_out = std::make_shared<std::optional<std::string>>();
  show->add_option("--out", *show_out, "pdf: the file to write");
  show->add_flag("--force", *force, "replace the --out file if it exists");
  show->callback([&context, id, format, lang, show_out, force] {
    context.action = [&context, id, format, lang, show_out, force] {
      return run_show(context, *id, *format, report_lang(*lang), *show_out, *force);
    };
  });
  CLI::App* list = batch->add_subcommand("list", "every batch: number, reference, state, total");
  list->add_option("--year", *year, "only this award year");
  list->callback(
      [&context, year] { context.action = [&context, year] { return run_list(context, *year); }; });
}

}  // namespace subsidy::cli

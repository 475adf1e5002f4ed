// `subsidy import KIND FILE [--encoding utf-8|gbk] [--lang zh|en]`: stores one master-data file
// (importer.h: CSV in UTF-8, UTF-8 with BOM, UTF-16 with BOM or GBK, found from the bytes unless
// --encoding names it, or an .xlsx workbook) and says what it did: "N new, M changed, K unchanged"
// (with the format read when it is not plain UTF-8), then one line per changed key. A progress bar
// goes to stderr only for files over 10,000 rows and only when stderr is a terminal.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/language.h"
#include "ledger/masterdata/importer.h"
#include "ledger/ops/import.h"

namespace subsidy::cli {

namespace {

constexpr int64_t kProgressMinRows = 10'000;
constexpr int64_t kBarWidth = 30;

struct ImportArgs {
  std::string kind;
  std::string file;
  std::string encoding;  // empty: found from the bytes
  std::string lang = "zh";
};

std::string read_input(const std::string& path, uint64_t max_bytes) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw RefusedError(path + ": cannot read the file: " + error.message());
  if (size > max_bytes) {
    throw RefusedError(path + ": the file has " + std::to_string(size) +
                       " bytes, more than the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) throw RefusedError(path + ": reading the file failed");
  return bytes;
}

void print_progress(const std::string& file, int64_t done, int64_t total) {
  if (total <= kProgressMinRows + 1) return;  // the header and 10,000 rows: no bar
  const int64_t percent = total > 0 ? done * 100 / total : 100;
  const int64_t filled = percent * kBarWidth / 100;
  std::cerr << "\r" << file << " [" << std::string(static_cast<size_t>(filled), '#')
            << std::string(static_cast<size_t>(kBarWidth - filled), ' ') << "] " << percent << "% ("
            << done << "/" << total << ")" << (done >= total ? "\n" : "") << std::flush;
}

int run_import(const Context& context, const ImportArgs& args) {
  const ImportKind kind = *import_kind_from_name(args.kind);  // CLI11 checked the name
  ImportOptions options;
  options.file_name = std::filesystem::path(args.file).filename().string();
  options.encoding = args.encoding == "gbk" ? Encoding::gbk : Encoding::utf8;
  options.detect_format = args.encoding.empty();
  options.language = *language_from_code(args.lang);  // CLI11 checked the code
  const std::string bytes = read_input(args.file, options.limits.max_file_bytes);
  if (isatty(STDERR_FILENO) == 1) {
    options.progress = [file = options.file_name](int64_t done, int64_t total) {
      print_progress(file, done, total);
    };
  }
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ImportResult result = ops::import_file(op, {kind, bytes, options}).result;
  std::cout << options.file_name << ": " << result.new_count << " new, " << result.changed_count
            << " changed, " << result.unchanged_count << " unchanged";
  if (result.format != SourceFormat::utf8) {
    std::cout << " (" << source_format_name(result.format) << ")";
  }
  std::cout << "\n";
  for (const ChangedRecord& changed : result.changed) {
    std::cout << "changed: " << changed.key << " (version " << changed.version
              << (changed.posted
                      ? ", already posted: the next assess of its year posts the difference"
                      : "")
              << ")\n";
  }
  return 0;
}

}  // namespace

void add_import_kind_option(CLI::App& command, std::string& kind) {
  command
      .add_option("KIND", kind, "regions, enterprises, tax, compliance, projects or applications")
      ->required()
      ->check(CLI::IsMember(
          {"regions", "enterprises", "tax", "compliance", "projects", "applications"}));
}

void add_import_commands(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("import", "store a CSV or .xlsx file of master data");
  auto args = std::make_shared<ImportArgs>();
  add_import_kind_option(*command, args->kind);
  command->add_option("FILE", args->file, "the CSV or .xlsx file")->required();
  command
      ->add_option("--encoding", args->encoding,
                   "utf-8 or gbk; without it the format is found from the file (xlsx, UTF-8 with "
                   "or without BOM, UTF-16 with BOM, GBK)")
      ->check(CLI::IsMember({"utf-8", "gbk"}));
  command->add_option("--lang", args->lang, "zh (default) or en: the language of new messages")
      ->check(CLI::IsMember({"zh", "en"}));
  command->callback([&context, args] {
    context.action = [&context, args] { return run_import(context, *args); };
  });
}

}  // namespace subsidy::cli

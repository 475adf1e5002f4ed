// `subsidy show enterprise USCC [--history] [--lang zh|en]`: the current record of an enterprise,
// or with --history every version with who stored it, when and from which file (its SHA-256).
// A version whose bank details differ from the one before is marked: a changed account before a
// payment is the classic fraud path, so it must stand out.
#include <iostream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy::cli {

namespace {

struct ShowLabels {
  const char* enterprise;
  const char* version;
  const char* name;
  const char* region;
  const char* bank_name;
  const char* cnaps_code;
  const char* account_no;
  const char* account_name;
  const char* no_bank;
  const char* recorded;
  const char* by;
  const char* file;
  const char* bank_changed;
  const char* separator;
};

constexpr ShowLabels kShowChinese = {"企业",
                             "版本",
                             "名称",
                             "税收归属地",
                             "开户银行",
                             "行号",
                             "账号",
                             "户名",
                             "（未登记银行账户）",
                             "录入时间",
                             "录入人",
                             "来源文件",
                             "！银行账户与上一版不同",
                             "："};
constexpr ShowLabels kShowEnglish = {"enterprise",
                             "version",
                             "name",
                             "region",
                             "bank",
                             "CNAPS code",
                             "account no",
                             "account name",
                             "(no bank account recorded)",
                             "recorded",
                             "by",
                             "file",
                             "! bank account differs from the previous version",
                             ": "};

struct ShowArgs {
  std::string what;
  std::string key;
  bool history = false;
  std::string lang = "zh";
};

void print_version(const EnterpriseVersion& entry, const ShowLabels& l, bool bank_changed) {
  const Enterprise& e = entry.enterprise;
  const VersionInfo& info = entry.info;
  const std::string s = l.separator;
  std::cout << l.enterprise << " " << e.uscc << "  " << l.version << " " << info.version << "\n";
  std::cout << "  " << l.name << s << e.name << "\n";
  std::cout << "  " << l.region << s << e.region_code << "\n";
  if (e.bank) {
    std::cout << "  " << l.bank_name << s << e.bank->bank_name << "\n";
    std::cout << "  " << l.cnaps_code << s << e.bank->cnaps_code << "\n";
    std::cout << "  " << l.account_no << s << e.bank->account_no << "\n";
    std::cout << "  " << l.account_name << s << e.bank->account_name << "\n";
  } else {
    std::cout << "  " << l.no_bank << "\n";
  }
  if (bank_changed) std::cout << "  " << l.bank_changed << "\n";
  std::cout << "  " << l.recorded << s << info.recorded_at << "  " << l.by << s << info.actor
            << "\n";
  std::cout << "  " << l.file << s << info.file_name << ":" << info.source_line << "  sha256 "
            << info.file_sha256 << "\n";
}

int run_show(const Context& context, const ShowArgs& args) {
  if (const auto reason = check_uscc(args.key)) throw RefusedError(args.key + ": " + *reason);
  Db db = context.open_db();
  const std::vector<EnterpriseVersion> versions = enterprise_history(db, args.key);
  if (versions.empty()) throw RefusedError("enterprise " + args.key + " is not in the ledger");
  const ShowLabels& labels = args.lang == "en" ? kShowEnglish : kShowChinese;
  const size_t first = args.history ? 0 : versions.size() - 1;
  for (size_t i = first; i < versions.size(); ++i) {
    if (i > first) std::cout << "\n";
    const bool bank_changed =
        i > 0 && versions[i].enterprise.bank != versions[i - 1].enterprise.bank;
    print_version(versions[i], labels, bank_changed);
  }
  return 0;
}

}  // namespace

void add_show_commands(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("show", "show a master-data record");
  auto args = std::make_shared<ShowArgs>();
  command->add_option("WHAT", args->what, "enterprise")
      ->required()
      ->check(CLI::IsMember({"enterprise"}));
  command->add_option("KEY", args->key, "the enterprise's USCC")->required();
  command->add_flag("--history", args->history, "every version, oldest first");
  command->add_option("--lang", args->lang, "zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  command->callback(
      [&context, args] { context.action = [&context, args] { return run_show(context, *args); }; });
}

}  // namespace subsidy::cli

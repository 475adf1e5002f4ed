// The `subsidy` command line: parses the global options, hands over to the chosen command and turns
// every typed error into one line on stderr with the exit code of INTERFACE.md (0 success, 1
// refused input or rule, 2 misuse).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/ops/test_points.h"

namespace {

std::string default_actor() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const char* login = getlogin(); login != nullptr) return login;
  return "uid" + std::to_string(getuid());
}

std::string default_db() {
  if (const char* env = std::getenv("SUBSIDY_DB"); env != nullptr && *env != '\0') return env;
  return "subsidy.db";
}

void setup_stderr_logging(bool verbose) {
  auto logger = spdlog::stderr_color_mt("subsidy");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

// Test-only: $SUBSIDY_FIXED_TIME ("2026-01-20T08:00:00Z") fixes the clock of this process, so
// that what the commands write is the same every run (tests/golden). The one place the CLI reads
// it. Throws UsageError when it is set but not in that form.
void fix_clock_from_environment() {
  const char* env = std::getenv("SUBSIDY_FIXED_TIME");
  if (env == nullptr || *env == '\0') return;
  const auto time = subsidy::parse_utc(env);
  if (!time) {
    throw subsidy::UsageError("SUBSIDY_FIXED_TIME must be YYYY-MM-DDTHH:MM:SSZ, got '" +
                              std::string(env) + "'");
  }
  subsidy::fix_system_clock(*time);
}

}  // namespace

int main(int argc, char** argv) {
  // A file grown past RLIMIT_FSIZE (a full quota) must fail the write with EFBIG, which SQLite
  // reports and the open transaction rolls back, giving one clear line; the default action of
  // SIGXFSZ would kill the process instead (leaving the same ledger, but no message and a core).
  std::signal(SIGXFSZ, SIG_IGN);
  subsidy::ops::arm_test_kill_timer();  // test-only: $SUBSIDY_TEST_KILL_AFTER_US (test_points.h)
  subsidy::cli::Context context;
  context.db_path = default_db();
  context.os_user = default_actor();
  if (const char* user = std::getenv("SUBSIDY_USER"); user != nullptr && *user != '\0') {
    context.user = user;
  }
  for (int i = 1; i < argc; ++i) context.arguments += (i > 1 ? " " : "") + std::string(argv[i]);
  CLI::App app{"subsidy: the ledger of the Siyang 智改数转 support policy (泗政办发〔2022〕9号)",
               "subsidy"};
  app.set_version_flag("--version", std::string("subsidy ") + SUBSIDY_VERSION);
  app.add_option("--db", context.db_path, "ledger file (default $SUBSIDY_DB, then ./subsidy.db)");
  app.add_option("--key-file", context.key_file,
                 "file holding the ledger key (mode 0600; make one with `subsidy keygen FILE`); "
                 "default $SUBSIDY_KEY_FILE");
  app.add_option("--user", context.user,
                 "who is acting: a person of the ledger's registry (default $SUBSIDY_USER); "
                 "commands that only read need none");
  std::optional<std::string> removed_actor;
  app.add_option("--actor", removed_actor, "removed: use --user NAME")->group("");
  app.add_flag("-v,--verbose", context.verbose, "debug detail on stderr");
  app.require_subcommand(1);
  app.fallthrough();
  subsidy::cli::add_info_commands(app, context);
  subsidy::cli::add_assess_commands(app, context);
  subsidy::cli::add_init_commands(app, context);
  subsidy::cli::add_import_commands(app, context);
  subsidy::cli::add_template_commands(app, context);
  subsidy::cli::add_show_commands(app, context);
  subsidy::cli::add_ledger_commands(app, context);
  subsidy::cli::add_config_commands(app, context);
  subsidy::cli::add_batch_commands(app, context);
  subsidy::cli::add_bank_return_commands(app, context);
  subsidy::cli::add_demo_commands(app, context);
  subsidy::cli::add_report_commands(app, context);
  subsidy::cli::add_settle_commands(app, context);
  subsidy::cli::add_budget_commands(app, context);
  subsidy::cli::add_policy_commands(app, context);
  subsidy::cli::add_audit_pack_commands(app, context);
  subsidy::cli::add_user_commands(app, context);
  subsidy::cli::add_serve_commands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (const CLI::App* command = &app; !command->get_subcommands().empty();) {
    command = command->get_subcommands().front();
    context.command_path += (context.command_path.empty() ? "" : " ") + command->get_name();
  }
  if (removed_actor) {
    std::cerr << "subsidy: --actor is removed: use --user NAME (or $SUBSIDY_USER); "
                 "--actor 已取消，请用 --user 姓名\n";
    return 2;
  }
  setup_stderr_logging(context.verbose);
  try {
    fix_clock_from_environment();
    return context.action ? context.action() : 2;
  } catch (const subsidy::UsageError& e) {
    std::cerr << "subsidy: " << subsidy::escape_for_line(e.what()) << "\n";
    return 2;
  } catch (const subsidy::InputError& e) {
    for (const auto& problem : e.problems())
      std::cerr << subsidy::escape_for_line(problem.to_string()) << "\n";
    return 1;
  } catch (const std::exception& e) {
    // Escaped: a refusal may quote a name or an actor, and no ESC sequence or bidi override in
    // one may reach the terminal.
    std::cerr << "subsidy: " << subsidy::escape_for_line(e.what()) << "\n";
    return 1;
  }
}

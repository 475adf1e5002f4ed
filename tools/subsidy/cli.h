// What every `subsidy` command shares: the global options (ledger path, key file, actor,
// verbosity), opening the ledger, and what the operations of ledger/ops are given. Each command
// group lives in its own cmd_*.cpp file and registers its subcommands through one add_*_commands
// function listed in main.cpp. A command that changes the ledger calls one operation of ledger/ops
// and prints its result.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/ops/operation.h"
#include "ledger/store/store.h"

namespace subsidy::cli {

struct Context {
  std::string db_path;                  // --db, else $SUBSIDY_DB, else ./subsidy.db
  std::optional<std::string> key_file;  // --key-file; else $SUBSIDY_KEY_FILE, $SUBSIDY_DB_KEY
  std::optional<std::string> user;      // --user, else $SUBSIDY_USER
  std::string os_user;                  // the OS user: the actor of a legacy ledger without --user
  std::string arguments;                // the command line's arguments (signed with each change)
  Clock clock = system_clock();         // the time every operation records
  bool verbose = false;                 // -v: debug detail on stderr
  std::function<int()> action;          // set by the chosen subcommand's callback

  // Opens the ledger with the key from --key-file / $SUBSIDY_KEY_FILE / $SUBSIDY_DB_KEY. Throws
  // RefusedError.
  Db open_db(bool create = false) const;
  // The ledger's key as open_db would use it (load_key), or nullopt. Throws RefusedError.
  std::optional<std::string> key() const;
  // Refuses an --out path that names the ledger, its -wal/-shm/-journal, the key file or the
  // operations log (always), or an existing file unless `force` (base/output_path.h). Called
  // before anything is read or written. Throws OutputPathError.
  void check_out(const std::string& out, bool force) const;
  // The same for an output that is a new directory (audit-pack): only the protected files.
  void check_out_directory(const std::string& out) const;
  // What an operation of ledger/ops is given when this command line runs it on `db`: the actor,
  // the clock and the operations log beside the ledger. On a ledger with people, the acting
  // person (--user) with their private key unlocked by their passphrase (once per process):
  // throws RefusedError without --user, for an unknown or locked person, a wrong passphrase
  // (recorded; five in a row lock the person for 15 minutes).
  ops::OpContext op_context(Db& db) const;
  // The same without a person: for what runs before any command (the upgrade of an old ledger).
  ops::OpContext plain_context(Db& db) const;
  // The region codes of the acting person when every role they hold is region:<code> (属地财政,
  // who read only their own region's cost-sharing); nullopt for anyone else or without --user.
  std::optional<std::vector<std::string>> region_viewer_codes(Db& db) const;
  // The subcommand path run ("report", "batch approve"), set by main after parsing: a region
  // viewer may run `report` only.
  std::string command_path;
  // The acting person as the registry stores them (--user normalized), or nullopt without --user.
  std::optional<std::string> login() const;

 private:
  mutable std::optional<ops::Signer> signer_;  // unlocked once per process
};

// Keeps a key in this process's memory off the disk: no core file, and not dumpable. open_db calls
// it when it loads a key; the demo, which opens its own ledger, calls it first.
void disable_core_dumps();

// A passphrase: from the file named by $SUBSIDY_PASSPHRASE_FILE (which must be mode 0600),
// else asked on the terminal (echo off) with `prompt`. Never from the command line. Throws
// RefusedError when neither is available or the file is readable by others.
std::string read_passphrase(const std::string& prompt);
// A passphrase from FILE (mode 0600, one line; the newline is dropped). Throws RefusedError.
std::string read_passphrase_file(const std::string& path);

// Command groups. Each adds its subcommands to `app`; their callbacks set context.action.
void add_info_commands(CLI::App& app, Context& context);
// assess --year Y [--dry-run] [--format F] [--lang L]; explain ID --year Y (cmd_assess.cpp).
void add_assess_commands(CLI::App& app, Context& context);
void add_init_commands(CLI::App& app, Context& context);
// The KIND positional of `import` and `template`: required, one of the six import kinds.
void add_import_kind_option(CLI::App& command, std::string& kind);
void add_import_commands(CLI::App& app, Context& context);
// template KIND [--format csv|xlsx] --out FILE (cmd_template.cpp).
void add_template_commands(CLI::App& app, Context& context);
void add_show_commands(CLI::App& app, Context& context);
// verify [--against FILE], digest, close --year Y, balances [--year Y] (cmd_ledger.cpp).
void add_ledger_commands(CLI::App& app, Context& context);
// config set KEY VALUE, config show (cmd_config.cpp).
void add_config_commands(CLI::App& app, Context& context);
// batch create|approve|cancel|export|vouchers|show|list (cmd_batch.cpp).
void add_batch_commands(CLI::App& app, Context& context);
// bank-return import|show|confirm|dismiss|list-held (cmd_bank_return.cpp).
void add_bank_return_commands(CLI::App& app, Context& context);
// demo DIR [--seed N] [--lang zh|en] (cmd_demo.cpp, the cycle in ledger/demo/demo_cycle.h).
void add_demo_commands(CLI::App& app, Context& context);
// report NAME --year Y [--format] [--out] [--lang], export journal --year Y [--out]
// (cmd_reports.cpp).
void add_report_commands(CLI::App& app, Context& context);
// settle REGION AMOUNT --year Y --ref TEXT (cmd_settle.cpp).
void add_settle_commands(CLI::App& app, Context& context);
// policy add FILE, policy list, policy show ID (cmd_policy.cpp).
void add_policy_commands(CLI::App& app, Context& context);
// budget set|adjust --year Y AMOUNT --ref 文号 (cmd_budget.cpp).
void add_budget_commands(CLI::App& app, Context& context);
// audit-pack --year Y --out DIR (cmd_audit_pack.cpp).
void add_audit_pack_commands(CLI::App& app, Context& context);
// user add|list|disable|roles|passwd|rotate-key|export-keys, export signatures (cmd_user.cpp);
// after add_report_commands (it adds to the `export` group).
void add_user_commands(CLI::App& app, Context& context);
// serve --listen ADDR:PORT [--tls-cert FILE --tls-key FILE] (cmd_serve.cpp, tools/server).
void add_serve_commands(CLI::App& app, Context& context);

}  // namespace subsidy::cli

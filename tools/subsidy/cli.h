// What every `subsidy` command shares: the global options (ledger path, key file, actor,
// verbosity), opening the ledger, and the operations log. Each command group lives in its own
// cmd_*.cpp file and registers its subcommands through one add_*_commands function listed in
// main.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

#include "ledger/books/journal.h"
#include "ledger/ops/operation.h"
#include "ledger/store/store.h"

namespace subsidy::cli {

struct Context {
  std::string db_path;                  // --db, else $SUBSIDY_DB, else ./subsidy.db
  std::optional<std::string> key_file;  // --key-file; else $SUBSIDY_DB_KEY; else unencrypted
  std::string actor;                    // --actor, else the OS user
  bool verbose = false;                 // -v: debug detail on stderr
  std::function<int()> action;          // set by the chosen subcommand's callback

  // Opens the ledger with the key from --key-file / $SUBSIDY_DB_KEY. Throws RefusedError.
  Db open_db(bool create = false) const;
  // What an operation of ledger/ops is given when this command line runs it on `db`: the actor,
  // the real clock and the operations log beside the ledger.
  ops::OpContext op_context(Db& db) const;
};

// One line in the operations log beside the ledger (`<db>.ops.log`, rotating): UTC time, actor,
// command, counts, ledger digest before and after. Never the key.
void log_operation(const Context& context, const std::string& command, const std::string& counts,
                   const std::string& digest_before, const std::string& digest_after);

// The ledger head as the operations log and `digest` print it (entry count and head hash).
std::string current_digest(Db& db);

// Command groups. Each adds its subcommands to `app`; their callbacks set context.action.
void add_info_commands(CLI::App& app, Context& context);
// assess --year Y [--dry-run] [--format F] [--lang L]; explain ID --year Y (cmd_assess.cpp).
void add_assess_commands(CLI::App& app, Context& context);
void add_init_commands(CLI::App& app, Context& context);
void add_import_commands(CLI::App& app, Context& context);
void add_show_commands(CLI::App& app, Context& context);
// verify [--against FILE], digest, close --year Y, balances [--year Y] (cmd_ledger.cpp).
void add_ledger_commands(CLI::App& app, Context& context);
// config set KEY VALUE, config show (cmd_config.cpp).
void add_config_commands(CLI::App& app, Context& context);
// batch create|approve|cancel|export|vouchers|show|list (cmd_batch.cpp).
void add_batch_commands(CLI::App& app, Context& context);
// bank-return import|show (cmd_bank_return.cpp).
void add_bank_return_commands(CLI::App& app, Context& context);
// demo DIR [--seed N] [--lang zh|en] (cmd_demo.cpp, the cycle in demo_cycle.cpp).
void add_demo_commands(CLI::App& app, Context& context);
// report NAME --year Y [--format] [--out] [--lang], export journal --year Y [--out]
// (cmd_reports.cpp).
void add_report_commands(CLI::App& app, Context& context);
// settle REGION AMOUNT --year Y --ref TEXT (cmd_settle.cpp).
void add_settle_commands(CLI::App& app, Context& context);
// audit-pack --year Y --out DIR (cmd_audit_pack.cpp).
void add_audit_pack_commands(CLI::App& app, Context& context);

// What `settle` does, for the commands that run it as one step of more (demo): records that
// `region` paid the county `amount` of its share — one entry Dr treasury, Cr region_due:<region>
// in fiscal year `year`, idempotent by `ref` — in its own transaction, with its operations-log
// line. Throws RefusedError for an amount <= 0, an empty ref, an unknown region or more than it
// owes.
PostResult settle_region(const Context& context, Db& db, const std::string& region, Money amount,
                         int64_t year, const std::string& ref);

// What `audit-pack` does: verifies the ledger and writes the year's pack into the new directory
// `out` (complete or not at all). Returns the verified ledger head the pack is of. Throws
// RefusedError when `out` exists, the ledger fails verification or a file cannot be written.
LedgerHead write_audit_pack(const Context& context, Db& db, int64_t year, const std::string& out);

}  // namespace subsidy::cli

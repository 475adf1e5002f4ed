// Opening the ledger for a command, and the operations log beside it.
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "cli.h"
#include "ledger/journal.h"
#include "ledger/ledger_verify.h"

namespace subsidy::cli {

Db Context::open_db(bool create) const {
  OpenOptions options;
  options.path = db_path;
  options.key = load_key(key_file);
  options.create = create;
  spdlog::debug("opening ledger {} ({})", db_path, options.key ? "encrypted" : "plain");
  return Db::open(options);
}

std::string current_digest(Db& db) { return format_digest(head(db)); }

void log_operation(const Context& context, const std::string& command, const std::string& counts,
                   const std::string& digest_before, const std::string& digest_after) {
  constexpr size_t kMaxLogBytes = 10 * 1024 * 1024;
  constexpr size_t kKeptLogFiles = 5;
  static std::shared_ptr<spdlog::logger> ops;
  if (!ops) {
    ops = spdlog::rotating_logger_mt("ops", context.db_path + ".ops.log", kMaxLogBytes,
                                     kKeptLogFiles);
    ops->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
    ops->flush_on(spdlog::level::info);
  }
  ops->info("actor={} command={} {} digest_before={} digest_after={}", context.actor, command,
            counts, digest_before, digest_after);
  spdlog::debug("{} by {}: {}", command, context.actor, counts);
}

}  // namespace subsidy::cli

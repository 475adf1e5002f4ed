// The operations log and the digest every operation records (operation.h).
#include "ledger/ops/operation.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

#include "ledger/books/ledger_verify.h"

namespace subsidy::ops {

namespace {

class FileOpsLog final : public OpsLog {
 public:
  explicit FileOpsLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  void write(const std::string& line) override { logger_->info("{}", line); }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

// Control characters (C0, DEL) as \xHH, so that a value can neither end the line nor move the
// terminal of whoever reads the log.
std::string escape_controls(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::shared_ptr<OpsLog> file_ops_log(const std::string& ledger_path) {
  constexpr size_t kMaxLogBytes = 10 * 1024 * 1024;
  constexpr size_t kKeptLogFiles = 5;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<OpsLog>> logs;
  const std::lock_guard lock(mutex);
  auto& log = logs[ledger_path];
  if (!log) {
    auto logger = spdlog::rotating_logger_mt("ops:" + ledger_path, ledger_path + ".ops.log",
                                             kMaxLogBytes, kKeptLogFiles);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::info);
    log = std::make_shared<FileOpsLog>(std::move(logger));
  }
  return log;
}

std::string format_log_line(const std::string& actor, const OpRecord& record) {
  return "actor=" + escape_controls(actor) + " command=" + escape_controls(record.command) + " " +
         escape_controls(record.counts) + " digest_before=" + record.digest_before +
         " digest_after=" + record.digest_after;
}

std::string current_digest(Db& db) {
  return format_digest(head(db));
}

}  // namespace subsidy::ops

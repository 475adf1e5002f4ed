// The operations log and the digest every operation records (operation.h).
#include "ledger/ops/operation.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <mutex>

#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/base/utf8.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/records.h"
#include "ledger/people/registry.h"
#include "ledger/people/signatures.h"

namespace subsidy::ops {

namespace {

// The file is opened at the first line, not before: a command that fails, or writes no line, leaves
// no log file behind and meets no error of the log's.
class FileOpsLog final : public OpsLog {
 public:
  explicit FileOpsLog(std::string ledger_path) : ledger_path_(std::move(ledger_path)) {}
  void write(const std::string& line) override {
    constexpr size_t kMaxLogBytes = 10 * 1024 * 1024;
    constexpr size_t kKeptLogFiles = 5;
    const std::lock_guard lock(mutex_);
    if (!logger_) {
      // The log names people, batches and digests: readable by the bureau's account only, like
      // every file the program writes, whatever the umask (also each file a rotation opens).
      spdlog::file_event_handlers private_files;
      private_files.after_open = [](const spdlog::filename_t&, std::FILE* file) {
        ::fchmod(::fileno(file), S_IRUSR | S_IWUSR);
      };
      logger_ = spdlog::rotating_logger_mt("ops:" + ledger_path_, ledger_path_ + ".ops.log",
                                           kMaxLogBytes, kKeptLogFiles, false, private_files);
      logger_->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
      logger_->flush_on(spdlog::level::info);
    }
    logger_->info("{}", line);
  }

 private:
  std::string ledger_path_;
  std::mutex mutex_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace

std::shared_ptr<OpsLog> file_ops_log(const std::string& ledger_path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<OpsLog>> logs;
  const std::lock_guard lock(mutex);
  auto& log = logs[ledger_path];
  if (!log) log = std::make_shared<FileOpsLog>(ledger_path);
  return log;
}

std::string format_log_line(const std::string& actor, const OpRecord& record) {
  return "actor=" + escape_for_line(actor) + " command=" + escape_for_line(record.command) + " " +
         escape_for_line(record.counts) +
         " digest_before=" + escape_for_line(record.digest_before) +
         " digest_after=" + escape_for_line(record.digest_after);
}

std::string checked_actor(std::string_view actor) {
  constexpr size_t kMaxActorChars = 64;
  const std::string name = require_border_text(actor, TextKind::name, "--user");
  if (utf8_length(name) > kMaxActorChars) {
    throw RefusedError("--user: the name is longer than " + std::to_string(kMaxActorChars) +
                       " characters");
  }
  return name;
}

void write_record(const OpContext& context, const OpRecord& record) {
  if (context.log) context.log->write(format_log_line(context.actor, record));
  spdlog::debug("{} by {}: {}", escape_for_line(record.command), escape_for_line(context.actor),
                escape_for_line(record.counts));
}

void check_before_write(OpContext& context) {
  std::vector<std::string> problems = schema_problems(context.db);
  if (problems.empty()) problems = unsealed_groups(context.db);
  if (problems.empty()) return;
  throw RefusedError("账本在本程序之外被改动过，拒绝写入：" + problems.front() + "（共 " +
                     std::to_string(problems.size()) +
                     " 处；用 subsidy verify 查看全部，并从备份恢复账本）");
}

void seal_after_write(OpContext& context) {
  seal_new_groups(context.db, context.actor, format_utc(context.clock()));
}

void sign_after_write(OpContext& context, const OpRecord& record) {
  if (!people::has_people(context.db)) return;  // a legacy ledger: unsigned
  if (!context.signer || !context.signer->key) {
    throw RefusedError(
        "这个账本登记了人员：改动账本的命令要用 --user 姓名（或 SUBSIDY_USER）指明"
        "是谁，口令从终端或 SUBSIDY_PASSPHRASE_FILE 读取（" +
        record.command + "）");
  }
  const Signer& signer = *context.signer;
  const std::optional<people::Person> person = people::find_person(context.db, signer.login);
  if (!person) throw RefusedError(signer.login + " 不在人员登记里（not a registered person）");
  if (const auto refusal = people::command_refusal(*person, record.command)) {
    throw RefusedError(*refusal);
  }
  if (signer.key->public_pem() != person->public_key) {
    throw RefusedError(signer.login + " 的密钥已更换：请重新运行命令（the key was rotated）");
  }
  const std::string at = format_utc(context.clock());
  people::append_signature(context.db, *signer.key, signer.login, record.command,
                           escape_for_line(context.arguments), at);
  seal_new_groups(context.db, signer.login, at);
}

void check_role_before_write(OpContext& context) {
  if (context.command.empty() || !context.signer || !people::has_people(context.db)) return;
  const std::optional<people::Person> person =
      people::find_person(context.db, context.signer->login);
  if (!person) return;  // named by sign_after_write
  if (const auto refusal = people::command_refusal(*person, context.command)) {
    throw RefusedError(*refusal);
  }
}

void seal_after_upgrade(OpContext& context) {
  constexpr int64_t kFirstSealedVersion = 7;  // schema/migrations/007_sealed_records.sql
  const int64_t before = context.db.schema_version_at_open();
  if (before == 0 || before >= kFirstSealedVersion) return;
  if (records_head(context.db).record_count > 0) return;
  OpRecord record;
  Transaction transaction(context.db);
  record.digest_before = current_digest(context.db);
  const int64_t sealed = seal_new_groups(context.db, context.actor, format_utc(context.clock()));
  record.digest_after = current_digest(context.db);
  transaction.commit();
  record.command = context.command_prefix + "upgrade";
  record.counts = "sealed=" + std::to_string(sealed) + " from_schema=" + std::to_string(before);
  write_record(context, record);
}

}  // namespace subsidy::ops

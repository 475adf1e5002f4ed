// Opening the ledger for a command, what its operation is given, and the acting person with their
// passphrase.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/output_path.h"
#include "ledger/ops/operation.h"
#include "ledger/people/registry.h"

namespace subsidy::cli {

namespace {

constexpr size_t kMaxPassphraseBytes = 1024;

std::string prompt_on_terminal(const std::string& prompt) {
  const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY);
  if (tty < 0) {
    throw RefusedError(
        "需要口令：没有终端可以询问，请用 SUBSIDY_PASSPHRASE_FILE 指明口令文件（mode "
        "0600）；口令从不写在命令行上");
  }
  (void)!::write(tty, prompt.data(), prompt.size());
  termios saved{};
  const bool has_termios = ::tcgetattr(tty, &saved) == 0;
  if (has_termios) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty, TCSANOW, &quiet);
  }
  std::string passphrase;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n' && passphrase.size() < kMaxPassphraseBytes) {
    passphrase += c;
  }
  if (has_termios) ::tcsetattr(tty, TCSANOW, &saved);
  (void)!::write(tty, "\n", 1);
  ::close(tty);
  return passphrase;
}

}  // namespace

// Once the key is in this process's memory, a core dump would write it (and the decrypted pages)
// to disk in the clear: no core file at all (RLIMIT_CORE 0) and not dumpable (which also keeps
// other processes of the same user from ptrace-attaching or reading /proc/PID/mem). Neither can
// fail for an unprivileged process lowering its own limits; a failure is logged, not fatal,
// because refusing to work would not protect anything more.
void disable_core_dumps() {
  const rlimit no_core{0, 0};
  if (setrlimit(RLIMIT_CORE, &no_core) != 0) spdlog::warn("could not disable core dumps");
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    spdlog::warn("could not mark the process undumpable");
}

std::string read_passphrase_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw RefusedError(path + ": cannot read the passphrase file");
  if ((info.st_mode & 077) != 0) {
    throw RefusedError(path + ": 口令文件只能由本人读写（mode 0600），现在是 " +
                       std::to_string((info.st_mode >> 6) & 7) +
                       std::to_string((info.st_mode >> 3) & 7) + std::to_string(info.st_mode & 7));
  }
  std::ifstream in(path, std::ios::binary);
  std::string passphrase;
  std::getline(in, passphrase);
  if (!passphrase.empty() && passphrase.back() == '\r') passphrase.pop_back();
  if (passphrase.size() > kMaxPassphraseBytes) throw RefusedError(path + ": passphrase too long");
  return passphrase;
}

std::string read_passphrase(const std::string& prompt) {
  if (const char* file = std::getenv("SUBSIDY_PASSPHRASE_FILE"); file != nullptr && *file != '\0') {
    return read_passphrase_file(file);
  }
  return prompt_on_terminal(prompt);
}

Db Context::open_db(bool create) const {
  OpenOptions options;
  options.path = db_path;
  options.key = key();
  if (options.key) disable_core_dumps();
  options.create = create;
  spdlog::debug("opening ledger {} ({})", db_path, options.key ? "encrypted" : "plain");
  Db db = Db::open(options);
  if (command_path != "report" && region_viewer_codes(db)) {
    throw RefusedError("岗位分离：属地财政（region）" + *login() +
                       " 只能查看本区域的 cost-sharing 报表，不能执行 " + command_path);
  }
  ops::OpContext op = plain_context(db);
  ops::seal_after_upgrade(op);  // a ledger of an older program: its rows sealed once
  return db;
}

std::optional<std::string> Context::key() const {
  return load_key(key_file);
}

void Context::check_out(const std::string& out, bool force) const {
  check_output_path(out, {db_path, key_file_path(key_file)}, force);
}

void Context::check_out_directory(const std::string& out) const {
  check_not_protected(out, {db_path, key_file_path(key_file)});
}

std::optional<std::string> Context::login() const {
  if (!user) return std::nullopt;
  return people::person_login(*user);
}

std::optional<std::vector<std::string>> Context::region_viewer_codes(Db& db) const {
  if (!user || !people::has_people(db)) return std::nullopt;
  const std::optional<people::Person> person = people::find_person(db, *login());
  if (!person) return std::nullopt;
  std::vector<std::string> codes = people::region_codes(person->roles);
  if (codes.empty() || codes.size() != person->roles.size()) return std::nullopt;
  return codes;
}

ops::OpContext Context::plain_context(Db& db) const {
  // On a ledger with people the name is a person's, normalized (spaces and invisible characters
  // removed); on a legacy ledger it is the recorded actor, refused when it holds such characters.
  const std::string actor =
      user && people::has_people(db) ? *login() : ops::checked_actor(user.value_or(os_user));
  return ops::OpContext{db, actor, clock, ops::file_ops_log(db_path), ""};
}

ops::OpContext Context::op_context(Db& db) const {
  if (!people::has_people(db)) {
    ops::OpContext op = plain_context(db);
    op.arguments = arguments;
    return op;
  }
  if (!user) {
    throw RefusedError(
        "这个账本登记了人员：改动账本的命令要用 --user 姓名（或 SUBSIDY_USER）"
        "指明是谁");
  }
  const std::string name = *login();
  if (!signer_ || signer_->login != name) {
    const std::optional<people::Person> person = people::find_person(db, name);
    if (!person) throw RefusedError(name + " 不在人员登记里（no such person）");
    if (!person->active()) throw RefusedError("岗位分离：" + name + " 已停用（disabled）");
    const std::string now = format_utc(clock());
    people::check_not_locked(db, name, now);
    const std::string passphrase = read_passphrase(name + " 的口令: ");
    try {
      auto key = std::make_shared<const people::UnlockedKey>(
          people::unlock_key(person->private_key, passphrase));
      people::record_attempt(db, name, now, true);
      signer_ = ops::Signer{name, std::move(key)};
    } catch (const people::WrongPassphraseError&) {
      people::record_attempt(db, name, now, false);
      throw RefusedError(name + " 的口令不对（wrong passphrase; nothing was changed）");
    }
  }
  ops::OpContext op{db, name, clock, ops::file_ops_log(db_path), ""};
  op.signer = signer_;
  op.arguments = arguments;
  op.command = command_path;
  return op;
}

}  // namespace subsidy::cli

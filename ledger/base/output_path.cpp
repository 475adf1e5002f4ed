// The rule for output paths (output_path.h): protected files by canonical path and by device and
// inode; existing files only with --force.
#include "ledger/base/output_path.h"

#include <sys/stat.h>

#include <filesystem>
#include <utility>
#include <vector>

namespace subsidy {

namespace {

namespace fs = std::filesystem;

struct Candidate {
  const char* kind;
  std::string path;
};

// `path` made absolute with symbolic links and `..` resolved as far as it exists; as spelt when
// even that fails (an unreadable directory on the way).
fs::path resolved(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return fs::path(path).lexically_normal();
  fs::path canonical = fs::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal() : canonical;
}

bool same_existing_file(const std::string& a, const std::string& b) {
  struct stat first {};
  struct stat second {};
  if (::stat(a.c_str(), &first) != 0 || ::stat(b.c_str(), &second) != 0) return false;
  return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

// The ledger's files, spelt from the path as given and from its resolved form (SQLite puts the
// -wal beside the file a symbolic link points to).
std::vector<Candidate> candidates(const ProtectedFiles& protect) {
  std::vector<Candidate> out;
  for (const std::string& base : {protect.ledger_path, resolved(protect.ledger_path).string()}) {
    out.push_back({"ledger", base});
    out.push_back({"ledger-wal", base + "-wal"});
    out.push_back({"ledger-shm", base + "-shm"});
    out.push_back({"ledger-journal", base + "-journal"});
    out.push_back({"ops-log", base + ".ops.log"});
  }
  if (protect.key_file) out.push_back({"key", *protect.key_file});
  return out;
}

// A rotated operations log: LEDGER.ops.N.log beside the ledger (spdlog's rotating file names).
bool is_rotated_log(const fs::path& out, const std::string& ledger_path) {
  const fs::path ledger = resolved(ledger_path);
  if (out.parent_path() != ledger.parent_path()) return false;
  const std::string prefix = ledger.filename().string() + ".ops.";
  const std::string name = out.filename().string();
  if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0) return false;
  if (name.compare(name.size() - 4, 4, ".log") != 0) return false;
  for (size_t i = prefix.size(); i < name.size() - 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
  }
  return true;
}

std::string kind_in_words(const std::string& kind) {
  if (kind == "ledger") return "账本文件";
  if (kind == "key") return "账本的密钥文件";
  if (kind == "ops-log") return "账本的操作日志";
  return "账本的 " + kind.substr(kind.find('-') + 1) + " 文件";
}

}  // namespace

std::string protected_file_kind(const std::string& out, const ProtectedFiles& protect) {
  const fs::path target = resolved(out);
  for (const Candidate& candidate : candidates(protect)) {
    if (target == resolved(candidate.path) || same_existing_file(out, candidate.path)) {
      return candidate.kind;
    }
  }
  return is_rotated_log(target, protect.ledger_path) ? "ops-log" : "";
}

void check_not_protected(const std::string& out, const ProtectedFiles& protect) {
  if (const std::string kind = protected_file_kind(out, protect); !kind.empty()) {
    throw OutputPathError(out + ": 拒绝写入：这是" + kind_in_words(kind) +
                          "，任何输出都不能覆盖它（--force 也不行）；请用 --out 另给一个文件名");
  }
}

void check_output_path(const std::string& out, const ProtectedFiles& protect, bool force) {
  check_not_protected(out, protect);
  std::error_code error;
  const fs::file_status status = fs::symlink_status(out, error);
  if (fs::is_directory(status)) {
    throw OutputPathError(out + ": 拒绝写入：这是一个目录；请用 --out 给出一个文件名");
  }
  if (!force && fs::exists(status)) {
    throw OutputPathError(out +
                          ": 拒绝写入：文件已存在，不会覆盖；请换一个文件名，"
                          "确要替换它时加 --force");
  }
}

}  // namespace subsidy

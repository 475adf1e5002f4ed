// The one rule for files the program writes where the user says (`--out`): never over the ledger,
// its -wal/-shm/-journal, its key file or its operations log (current or rotated), whatever
// spelling names them (`./l.db`, `../x/l.db`, a symbolic link, a hard link), and never over any
// existing file unless the user said `--force`. The command line checks every `--out` here before
// it opens the ledger's file to write.
#pragma once

#include <optional>
#include <string>

#include "ledger/base/error.h"

namespace subsidy {

// The files an output must never replace: the ledger's and its key file's paths as given.
struct ProtectedFiles {
  std::string ledger_path;
  std::optional<std::string> key_file;
};

// An output path refused by check_output_path. what() is one Chinese line naming the path, why,
// and what to do instead.
class OutputPathError : public RefusedError {
 public:
  using RefusedError::RefusedError;
};

// What `out` would replace, if anything: "ledger", "ledger-wal", "key", "ops-log" …, or "" when
// it names none of the protected files. Paths are compared canonically (symbolic links and `..`
// resolved, the parent directory by device and inode when it exists) and existing files by device
// and inode too. Never throws for a path that cannot be resolved: it is then compared as spelt.
std::string protected_file_kind(const std::string& out, const ProtectedFiles& protect);

// Refuses `out` when it names a protected file, --force or not (for outputs that go into a new
// directory, which refuse existing paths themselves). Throws OutputPathError.
void check_not_protected(const std::string& out, const ProtectedFiles& protect);

// Refuses `out` when it names a protected file (always, even with `force`) or any existing file
// or directory (symbolic links included) unless `force`. Throws OutputPathError.
void check_output_path(const std::string& out, const ProtectedFiles& protect, bool force);

}  // namespace subsidy

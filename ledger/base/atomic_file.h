// Files that appear whole or not at all: the one atomic file writer of the program. A file is
// written under a temporary name beside its target (so that the rename stays on one file system),
// flushed to disk (fsync), renamed over the target, and the directory flushed too, so that after a
// crash at any point the target holds either its old bytes or all of its new ones. Files are
// created 0600 (owner only) unless asked otherwise: what the program writes holds bank accounts or
// tax figures, and the temporary file is 0600 from the moment it exists.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>

namespace subsidy {

// One file being written. The writer (a library such as libxlsxwriter, or our own code) writes
// temporary_path(); commit() makes it the target. Destroying an uncommitted AtomicFile removes the
// temporary file, so every path that throws leaves nothing behind.
class AtomicFile {
 public:
  // `target`: where the file will be. `mode`: its permission bits once committed (0600, the
  // default, for anything holding bank accounts or tax figures). Creates the temporary file
  // (TARGET.tmp-XXXXXX, mode 0600, O_EXCL) beside the target; throws RefusedError naming the
  // target when it cannot.
  explicit AtomicFile(std::string target, mode_t mode = 0600);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::string& temporary_path() const { return temporary_; }
  const std::string& target() const { return target_; }
  // Sets the mode, fsyncs the temporary file, renames it over the target and fsyncs the target's
  // directory. Throws RefusedError naming the target when any step fails (the temporary file is
  // removed). Call at most once.
  void commit();

 private:
  std::string target_;
  std::string temporary_;
  mode_t mode_;
  bool committed_ = false;
};

// `bytes` as the whole content of `path`, atomically (AtomicFile). Throws RefusedError.
void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0600);

// What `write` writes to the temporary path it is given becomes `path`, atomically. When `write`
// throws, nothing is left behind and the exception propagates. Throws RefusedError.
void write_file_atomically(const std::string& path,
                           const std::function<void(const std::string& temporary_path)>& write,
                           mode_t mode = 0600);

// Creates the directory `path` (and missing parents) for files of the program: the directory
// itself gets mode 0700 (owner only), whether new or (being empty) already there. Throws
// RefusedError naming the path when it cannot.
void create_private_directories(const std::string& path);

}  // namespace subsidy

// Files that appear whole or not at all: the one atomic file writer of the program. A file is
// written under a temporary name beside its target (so that the rename stays on one file system),
// flushed to disk (fsync), renamed over the target, and the directory flushed too, so that after a
// crash at any point the target holds either its old bytes or all of its new ones.
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
  // `target`: where the file will be. `mode`: its permission bits (0600 for anything holding bank
  // accounts or tax figures). Nothing is created yet.
  explicit AtomicFile(std::string target, mode_t mode = 0644);
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
void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0644);

// What `write` writes to the temporary path it is given becomes `path`, atomically. When `write`
// throws, nothing is left behind and the exception propagates. Throws RefusedError.
void write_file_atomically(const std::string& path,
                           const std::function<void(const std::string& temporary_path)>& write,
                           mode_t mode = 0644);

}  // namespace subsidy

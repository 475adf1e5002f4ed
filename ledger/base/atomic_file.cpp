// The atomic file writer (atomic_file.h): temporary file, fsync, rename, fsync of the directory.
#include "ledger/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "ledger/base/error.h"

namespace subsidy {

namespace {

[[noreturn]] void fail(const std::string& target, const char* step, int error) {
  throw RefusedError("cannot write " + target + ": " + step + ": " + std::strerror(error));
}

// Flushes the file or directory at `path` to disk; the error number, or 0.
int fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  const int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

std::string directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

// mkstemp: a fresh name no one else holds, created O_EXCL with mode 0600, so that a writer that
// opens it again (an ofstream, libxlsxwriter's fopen) keeps that mode and follows no planted link.
AtomicFile::AtomicFile(std::string target, mode_t mode)
    : target_(std::move(target)), temporary_(target_ + ".tmp-XXXXXX"), mode_(mode) {
  const int fd = ::mkstemp(temporary_.data());
  if (fd < 0) {
    const int error = errno;
    fail(target_, "create", error);
  }
  ::close(fd);
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(temporary_.c_str());
}

void AtomicFile::commit() {
  if (committed_) throw std::logic_error("AtomicFile::commit called twice for " + target_);
  if (::chmod(temporary_.c_str(), mode_) != 0) fail(target_, "set permissions", errno);
  if (const int error = fsync_path(temporary_, O_RDONLY); error != 0) {
    fail(target_, "flush to disk", error);
  }
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail(target_, "rename", errno);
  committed_ = true;
  // The rename itself is durable only once the directory is flushed; a directory that cannot be
  // opened for it (rare: no read permission) leaves the file complete, just not yet durable.
  if (const int error = fsync_path(directory_of(target_), O_RDONLY | O_DIRECTORY);
      error != 0 && error != EACCES) {
    fail(target_, "flush directory to disk", error);
  }
}

void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode) {
  write_file_atomically(
      path,
      [&](const std::string& temporary) {
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0) fail(path, "create", errno);
        size_t written = 0;
        while (written < bytes.size()) {  // bounded: each pass writes at least one byte
          const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            fail(path, "write", error);
          }
          written += static_cast<size_t>(n);
        }
        if (::close(fd) != 0) fail(path, "write", errno);
      },
      mode);
}

void write_file_atomically(const std::string& path,
                           const std::function<void(const std::string& temporary_path)>& write,
                           mode_t mode) {
  AtomicFile file(path, mode);
  write(file.temporary_path());
  file.commit();
}

void create_private_directories(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw RefusedError("cannot create " + path + ": " + error.message());
  if (::chmod(path.c_str(), 0700) != 0) fail(path, "set permissions", errno);
}

}  // namespace subsidy

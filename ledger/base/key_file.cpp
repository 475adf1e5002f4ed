// Generating a ledger key file (key_file.h).
#include "ledger/base/key_file.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ledger/base/error.h"

namespace subsidy {

std::string generate_key_text() {
  unsigned char bytes[kGeneratedKeyBytes];
  if (RAND_bytes(bytes, static_cast<int>(kGeneratedKeyBytes)) != 1) {
    throw RefusedError("no random bytes for the ledger key (OpenSSL RAND_bytes failed)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key = "x'";
  for (unsigned char byte : bytes) {
    key += kHex[byte >> 4];
    key += kHex[byte & 0xF];
  }
  OPENSSL_cleanse(bytes, sizeof bytes);
  return key + "'";
}

void write_new_key_file(const std::string& path) {
  const std::string text = generate_key_text() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      throw RefusedError(path +
                         ": 拒绝写入：文件已存在，密钥文件从不覆盖（旧密钥打开的账本会打不开）；"
                         "请换一个文件名");
    }
    throw RefusedError(path + ": cannot create the key file: " + std::strerror(errno));
  }
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  const int error = errno;
  if (::close(fd) != 0 || !synced) {
    ::unlink(path.c_str());
    throw RefusedError(path + ": cannot write the key file: " + std::strerror(error));
  }
}

}  // namespace subsidy

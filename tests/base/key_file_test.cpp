// Generated key files (key_file.h): SQLCipher's raw-key form x'<64 lowercase hex>' and a newline,
// mode 0600, never written over an existing file.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "ledger/base/error.h"
#include "ledger/base/key_file.h"

namespace fs = std::filesystem;

TEST_CASE("keygen writes 32 random bytes as a raw key x'hex', 0600, and refuses an existing file") {
  std::string pattern = (fs::temp_directory_path() / "keygen-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  const fs::path dir = pattern;
  const std::string path = (dir / "ledger.key").string();
  subsidy::write_new_key_file(path);
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  REQUIRE(text.size() == 68);
  CHECK(text.substr(0, 2) == "x'");
  CHECK(text.substr(66) == "'\n");
  CHECK(text.find_first_not_of("0123456789abcdef", 2) == 66);
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(subsidy::generate_key_text() != subsidy::generate_key_text());
  CHECK_THROWS_WITH(subsidy::write_new_key_file(path), Catch::Contains("已存在"));
  std::ifstream again(path, std::ios::binary);
  CHECK(std::string{std::istreambuf_iterator<char>(again), std::istreambuf_iterator<char>()} ==
        text);
  fs::remove_all(dir);
}

// The atomic file writer (atomic_file.h): the target holds its old bytes or all of its new ones,
// with the mode asked for, and no temporary file is ever left behind.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "atomic-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  size_t entries() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("write_file_atomically writes the bytes with the mode asked for") {
  TempDir dir;
  const std::string target = (dir.path / "bank.csv").string();
  subsidy::write_file_atomically(target, std::string_view("a,b\n1,2\n"), 0600);
  CHECK(read(target) == "a,b\n1,2\n");
  struct stat info {};
  REQUIRE(stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  subsidy::write_file_atomically(target, std::string_view("new"), 0600);  // replaces
  CHECK(read(target) == "new");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a writer that throws leaves the old file and no temporary file") {
  TempDir dir;
  const std::string target = (dir.path / "report.xlsx").string();
  subsidy::write_file_atomically(target, std::string_view("old"));
  CHECK_THROWS_AS(subsidy::write_file_atomically(target,
                                                 [](const std::string& temporary) {
                                                   std::ofstream(temporary) << "half";
                                                   throw std::runtime_error("disk full");
                                                 }),
                  std::runtime_error);
  CHECK(read(target) == "old");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a directory that does not exist is refused in one line") {
  TempDir dir;
  const std::string target = (dir.path / "missing" / "f.txt").string();
  CHECK_THROWS_AS(subsidy::write_file_atomically(target, std::string_view("x")),
                  subsidy::RefusedError);
}

TEST_CASE("files are 0600 by default and private directories 0700, whatever the umask") {
  TempDir dir;
  const mode_t old_mask = ::umask(0);
  const std::string target = (dir.path / "vouchers.html").string();
  subsidy::write_file_atomically(target, std::string_view("<html>"));
  subsidy::write_file_atomically((dir.path / "report.xlsx").string(),
                                 [](const std::string& temporary) {
                                   struct stat info {};
                                   REQUIRE(stat(temporary.c_str(), &info) == 0);
                                   CHECK((info.st_mode & 0777) == 0600);  // from its creation
                                   std::ofstream(temporary) << "sheet";
                                 });
  const std::string private_dir = (dir.path / "pack" / "bank").string();
  subsidy::create_private_directories(private_dir);
  ::umask(old_mask);
  struct stat info {};
  REQUIRE(stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(stat((dir.path / "report.xlsx").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(stat(private_dir.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
}

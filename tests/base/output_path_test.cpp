// The rule for --out paths (output_path.h): the ledger, its -wal/-shm/-journal, its key file and
// its operations log (current or rotated) are refused under any spelling, --force or not; another
// existing file only without --force; a new file is fine.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ledger/base/output_path.h"

namespace fs = std::filesystem;
using subsidy::check_output_path;
using subsidy::OutputPathError;
using subsidy::protected_file_kind;
using subsidy::ProtectedFiles;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "outpath-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
    fs::create_directory(path / "sub");
    for (const char* name : {"l.db", "l.db-wal", "key", "other.csv"}) {
      std::ofstream(path / name) << "x";
    }
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

}  // namespace

TEST_CASE("the ledger's own files are protected under every spelling") {
  TempDir dir;
  const ProtectedFiles protect{dir / "l.db", dir / "key"};
  CHECK(protected_file_kind(dir / "l.db", protect) == "ledger");
  CHECK(protected_file_kind(dir / "sub/../l.db", protect) == "ledger");
  CHECK(protected_file_kind((dir.path / "." / "l.db").string(), protect) == "ledger");
  CHECK(protected_file_kind(dir / "l.db-wal", protect) == "ledger-wal");
  CHECK(protected_file_kind(dir / "l.db-shm", protect) == "ledger-shm");  // even before it exists
  CHECK(protected_file_kind(dir / "l.db-journal", protect) == "ledger-journal");
  CHECK(protected_file_kind(dir / "l.db.ops.log", protect) == "ops-log");
  CHECK(protected_file_kind(dir / "l.db.ops.3.log", protect) == "ops-log");  // rotated
  CHECK(protected_file_kind(dir / "key", protect) == "key");
  CHECK(protected_file_kind(dir / "other.csv", protect).empty());
  CHECK(protected_file_kind(dir / "l.db.ops.x.log", protect).empty());
  CHECK(protected_file_kind(dir / "new.csv", protect).empty());

  fs::create_symlink(dir.path / "l.db", dir.path / "link");
  CHECK(protected_file_kind(dir / "link", protect) == "ledger");
  fs::create_hard_link(dir.path / "key", dir.path / "sub" / "hard");
  CHECK(protected_file_kind(dir / "sub/hard", protect) == "key");

  // Relative to the working directory, as a user types it.
  const fs::path before = fs::current_path();
  fs::current_path(dir.path / "sub");
  CHECK(protected_file_kind("../l.db", protect) == "ledger");
  CHECK(protected_file_kind("../l.db-wal", {"../l.db", std::nullopt}) == "ledger-wal");
  CHECK(protected_file_kind("./hard", protect) == "key");
  fs::current_path(before);
}

TEST_CASE("a protected file is refused even with --force, an existing one without it") {
  TempDir dir;
  const ProtectedFiles protect{dir / "l.db", dir / "key"};
  for (const bool force : {false, true}) {
    CHECK_THROWS_AS(check_output_path(dir / "l.db", protect, force), OutputPathError);
    CHECK_THROWS_AS(check_output_path(dir / "key", protect, force), OutputPathError);
    CHECK_THROWS_AS(check_output_path(dir / "l.db.ops.log", protect, force), OutputPathError);
    CHECK_THROWS_AS(check_output_path(dir / "sub", protect, force), OutputPathError);
  }
  CHECK_THROWS_WITH(
      check_output_path(dir / "l.db", protect, true),
      Catch::Contains("l.db") && Catch::Contains("账本文件") && Catch::Contains("--force 也不行"));
  CHECK_THROWS_WITH(check_output_path(dir / "other.csv", protect, false),
                    Catch::Contains("other.csv") && Catch::Contains("--force"));
  CHECK_NOTHROW(check_output_path(dir / "other.csv", protect, true));
  CHECK_NOTHROW(check_output_path(dir / "new.csv", protect, false));
  fs::create_symlink(dir.path / "nowhere", dir.path / "dangling");
  CHECK_THROWS_AS(check_output_path(dir / "dangling", protect, false), OutputPathError);
}

TEST_CASE("a ledger reached through a symbolic link protects the files beside its target") {
  TempDir dir;
  fs::create_symlink(dir.path / "l.db", dir.path / "sub" / "alias.db");
  const ProtectedFiles protect{dir / "sub/alias.db", std::nullopt};
  CHECK(protected_file_kind(dir / "l.db", protect) == "ledger");
  CHECK(protected_file_kind(dir / "l.db-wal", protect) == "ledger-wal");
  CHECK(protected_file_kind(dir / "sub/alias.db-wal", protect) == "ledger-wal");
}

// The ledger key as the store takes it (store.h): control bytes refused before any SQL, with no
// byte of the key in the message; key files shorter than 16 bytes refused with how to make one;
// $SUBSIDY_KEY_FILE names the key file; a key applied through sqlite3_key opens what it made; a
// generated key is a raw key (no PBKDF2) while a passphrase is derived.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ledger/base/error.h"
#include "ledger/base/key_file.h"
#include "ledger/store/store.h"

namespace fs = std::filesystem;
using subsidy::RefusedError;

namespace {

struct KeyDir {
  fs::path path;
  KeyDir() {
    std::string pattern = (fs::temp_directory_path() / "storekey-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~KeyDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string file = (path / name).string();
    std::ofstream(file, std::ios::binary) << bytes;
    ::chmod(file.c_str(), 0600);
    return file;
  }
};

}  // namespace

TEST_CASE("a key with a NUL or another control byte is refused without showing it") {
  using namespace std::string_literals;
  for (const std::string& key : {"TopSecret\0Passphrase-1234"s, "TopSecret\x1bPassphrase"s,
                                 "TopSecret\tPassphrase1234"s, "TopSecretPassphrase\x7f"s}) {
    CHECK_THROWS_AS(subsidy::check_key_bytes(key, "k"), RefusedError);
    try {
      subsidy::check_key_bytes(key, "k");
    } catch (const RefusedError& e) {
      CHECK(std::string(e.what()).find("TopSecret") == std::string::npos);
      CHECK(std::string(e.what()).find("Passphrase") == std::string::npos);
    }
  }
  CHECK_NOTHROW(subsidy::check_key_bytes("correct horse battery staple 密钥", "k"));
}

TEST_CASE("key files: a NUL refused, shorter than 16 bytes refused, trailing newline dropped") {
  KeyDir dir;
  ::unsetenv("SUBSIDY_KEY_FILE");
  using namespace std::string_literals;
  const std::string nul = dir.write("nul.key", "'TopSecretPassphrase\0rest-of-it\n"s);
  CHECK_THROWS_WITH(subsidy::load_key(nul),
                    Catch::Contains("控制字符") && !Catch::Contains("TopSecret"));
  const std::string short_key = dir.write("short.key", "fifteen-bytes!!\n");
  CHECK_THROWS_WITH(subsidy::load_key(short_key),
                    Catch::Contains("太短") && Catch::Contains("subsidy keygen"));
  const std::string good = dir.write("good.key", "sixteen-bytes!!!\r\n");
  CHECK(subsidy::load_key(good) == "sixteen-bytes!!!");
}

TEST_CASE("$SUBSIDY_KEY_FILE names the key file; --key-file wins over it") {
  KeyDir dir;
  const std::string from_env = dir.write("env.key", "key-from-the-environment\n");
  const std::string given = dir.write("given.key", "key-from-the-option-file\n");
  ::setenv("SUBSIDY_KEY_FILE", from_env.c_str(), 1);
  CHECK(subsidy::key_file_path(std::nullopt) == from_env);
  CHECK(subsidy::load_key(std::nullopt) == "key-from-the-environment");
  CHECK(subsidy::load_key(given) == "key-from-the-option-file");
  ::unsetenv("SUBSIDY_KEY_FILE");
  CHECK(subsidy::key_file_path(std::nullopt) == std::nullopt);
}

TEST_CASE("a key given through sqlite3_key opens the ledger it made, a quote in it too") {
  KeyDir dir;
  const std::string path = (dir.path / "l.db").string();
  const std::string key = "it's a key with 'quotes' and ; semicolons";
  subsidy::Db::open({path, key, true});
  CHECK(subsidy::Db::open({path, key, false}).encrypted());
  CHECK_THROWS_WITH(subsidy::Db::open({path, std::string("wrong key, long enough"), false}),
                    Catch::Contains("wrong key"));
}

namespace {

// Whether the sqlcipher connection opens `path` with `key` when PBKDF2 runs only one round: a raw
// key x'…' does not go through PBKDF2 at all, so it opens; a passphrase needs all 64,000 rounds.
bool opens_with_one_kdf_round(const std::string& path, const std::string& key) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  // As an auditor types it in the sqlcipher shell: the key as an SQL string, its quotes doubled.
  std::string quoted;
  for (char c : key) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  const std::string pragmas =
      "PRAGMA key = '" + quoted + "'; PRAGMA kdf_iter = 1; PRAGMA cipher_page_size = 4096;";
  REQUIRE(sqlite3_exec(raw, pragmas.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  const int rc =
      sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
  sqlite3_close_v2(raw);
  return rc == SQLITE_OK;
}

}  // namespace

TEST_CASE(
    "a generated key is SQLCipher's raw key: no PBKDF2; an old hex key file stays a passphrase") {
  KeyDir dir;
  const std::string key = subsidy::generate_key_text();
  const std::string path = (dir.path / "raw.db").string();
  subsidy::Db::open({path, key, true});
  CHECK(subsidy::Db::open({path, key, false}).encrypted());
  CHECK(opens_with_one_kdf_round(path, key));
  // The same 64 hex digits without x'…', as keygen wrote them before: a passphrase, derived.
  const std::string old_style = key.substr(2, 64);
  const std::string old_path = (dir.path / "old.db").string();
  subsidy::Db::open({old_path, old_style, true});
  CHECK(subsidy::Db::open({old_path, old_style, false}).encrypted());
  CHECK_FALSE(opens_with_one_kdf_round(old_path, old_style));
  CHECK_THROWS_WITH(subsidy::Db::open({old_path, key, false}), Catch::Contains("wrong key"));
}

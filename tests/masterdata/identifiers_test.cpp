// USCC (GB 32100-2015), CNAPS, region code, record id and account number checks (identifiers.h).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "ledger/masterdata/identifiers.h"

using subsidy::check_account_no;
using subsidy::check_cnaps_code;
using subsidy::check_record_id;
using subsidy::check_region_code;
using subsidy::check_uscc;
using subsidy::uscc_check_character;

namespace {

// Every 18-character code in the first column of one of the shared example files.
std::vector<std::string> example_usccs(const std::string& file) {
  std::ifstream in(std::string(SUBSIDY_SHARED_DIR) + "/examples/basic/" + file);
  REQUIRE(in);
  std::vector<std::string> codes;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const std::string first = line.substr(0, line.find(','));
    if (first.size() == 18) codes.push_back(first);
  }
  return codes;
}

}  // namespace

TEST_CASE("known good USCCs pass") {
  CHECK_FALSE(check_uscc("91310110666007217T"));
  CHECK_FALSE(check_uscc("91310115591693856A"));
  std::vector<std::string> codes = example_usccs("enterprises.csv");
  for (const std::string& more : example_usccs("tax.csv")) codes.push_back(more);
  REQUIRE(codes.size() >= 6);
  for (const std::string& code : codes) {
    INFO(code);
    CHECK_FALSE(check_uscc(code));
  }
}

TEST_CASE("the check character is computed from the first 17 characters") {
  CHECK(uscc_check_character("91310110666007217") == 'T');
  CHECK(uscc_check_character("91310115591693856") == 'A');
  CHECK_FALSE(uscc_check_character("9131011066600721"));   // too short
  CHECK_FALSE(uscc_check_character("9131011066600721I"));  // I is not in the alphabet
}

TEST_CASE("a mistyped character is caught by the check character") {
  auto reason = check_uscc("91310110666007218T");  // 7 → 8 in position 17
  REQUIRE(reason);
  CHECK(reason->find("check character is 'T' but the code needs") != std::string::npos);
  // Every single-character substitution of a valid code must be refused.
  const std::string good = "91310115591693856A";
  for (size_t i = 0; i < good.size(); ++i) {
    for (char c : subsidy::kUsccAlphabet) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      INFO(bad);
      CHECK(check_uscc(bad));
    }
  }
}

TEST_CASE("each kind of malformed USCC gets its own reason") {
  CHECK(*check_uscc("") == "USCC is empty");
  CHECK(check_uscc("91310110666007217t")->find("use capital letters") != std::string::npos);
  CHECK(check_uscc("9131011066600721")->find("16 characters, not 18") != std::string::npos);
  CHECK(check_uscc("91310110666007217TT")->find("19 characters, not 18") != std::string::npos);
  CHECK(check_uscc("9131011066600721IT")->find("character 17 is 'I'") != std::string::npos);
  CHECK(check_uscc("913101106660072 7T")->find("character 16 is ' '") != std::string::npos);
  CHECK(check_uscc("91310110666007\xe7\x94\xb2T")->find("non-ASCII") != std::string::npos);
}

TEST_CASE("CNAPS codes are exactly 12 digits") {
  CHECK_FALSE(check_cnaps_code("102308200012"));
  CHECK(*check_cnaps_code("10230820001") == "CNAPS code has 11 digits, not 12");
  CHECK(*check_cnaps_code("1023082000123") == "CNAPS code has 13 digits, not 12");
  CHECK(*check_cnaps_code("10230820001X") == "CNAPS code must be digits only");
  CHECK(*check_cnaps_code("") == "CNAPS code has 0 digits, not 12");
}

TEST_CASE("region codes are short and plain") {
  CHECK_FALSE(check_region_code("P01"));
  CHECK_FALSE(check_region_code("park_1-A"));
  CHECK_FALSE(check_region_code("ABCDEFGHIJKLMNOP"));
  CHECK(*check_region_code("") == "region code is empty");
  CHECK(*check_region_code("ABCDEFGHIJKLMNOPQ") == "region code is longer than 16 characters");
  CHECK(check_region_code("P 01")->find("only letters") != std::string::npos);
  CHECK(check_region_code("众兴")->find("only letters") != std::string::npos);
}

TEST_CASE("record ids are bounded and printable") {
  CHECK_FALSE(check_record_id("A-01"));
  CHECK_FALSE(check_record_id("项目-01"));
  CHECK(*check_record_id("") == "id is empty");
  CHECK(*check_record_id(std::string(65, 'x')) == "id is longer than 64 bytes");
  CHECK(*check_record_id(" A") == "id starts or ends with a space");
  CHECK(*check_record_id("A\tB") == "id contains a control character");
}

TEST_CASE("account numbers are digits") {
  CHECK_FALSE(check_account_no("1110020109000123456"));
  CHECK(*check_account_no("") == "account number is empty");
  CHECK(*check_account_no("1110-0201") ==
        "account number must be digits only; remove the spaces and hyphens (11100201)");
  CHECK(*check_account_no("1110 0201") ==
        "account number must be digits only; remove the spaces and hyphens (11100201)");
  CHECK(*check_account_no("1110O201") == "account number must be digits only");
  CHECK(*check_account_no(std::string(35, '1')) == "account number is longer than 34 digits");
}

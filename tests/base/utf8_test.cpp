// UTF-8 helpers (utf8.h): character counts, the clean-text check, splitting for ISO 20022 fields
// and printable(), which keeps outside text quoted in a refusal on one line.
#include <catch2/catch.hpp>

#include <string>

#include "ledger/base/utf8.h"

using subsidy::is_clean_utf8;
using subsidy::printable;
using subsidy::split_utf8;
using subsidy::utf8_length;

TEST_CASE("lengths count characters, not bytes; an invalid byte counts as one") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("ACSC") == 4);
  CHECK(utf8_length("收款账户已销户") == 7);
  CHECK(utf8_length("A\xff"
                    "B") == 3);
}

TEST_CASE("clean text has no control character and no invalid or overlong sequence") {
  CHECK(is_clean_utf8("泗阳县 Siyang"));
  CHECK_FALSE(is_clean_utf8("line\nbreak"));
  CHECK_FALSE(is_clean_utf8("tab\there"));
  CHECK_FALSE(is_clean_utf8("del\x7f"));
  CHECK_FALSE(is_clean_utf8("\xc0\xaf"));  // overlong '/'
  CHECK_FALSE(is_clean_utf8("\xe6\xb3"));  // a character cut short
}

TEST_CASE("split never cuts a character") {
  const auto pieces = split_utf8("泗阳县智改数转", 3);
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0] == "泗阳县");
  CHECK(pieces[1] == "智改数");
  CHECK(pieces[2] == "转");
  CHECK(split_utf8("", 5) == std::vector<std::string>{""});
}

TEST_CASE("printable makes line breaks, controls and bad bytes visible as '?' and cuts long text") {
  CHECK(printable("ACSC") == "ACSC");
  CHECK(printable("AC\nSC") == "AC?SC");
  CHECK(printable("a\r\nb\tc\x7f") == "a??b?c?");
  CHECK(printable("bad\xff"
                  "byte") == "bad?byte");
  CHECK(printable("收款账户已销户") == "收款账户已销户");
  CHECK(printable("收款账户已销户", 4) == "收款账户…");
  CHECK(printable(std::string(61, 'x')) == std::string(60, 'x') + "…");
  CHECK(printable(std::string(60, 'x')) == std::string(60, 'x'));
  CHECK(printable("") == "");
}

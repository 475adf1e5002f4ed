// The text border (text_border.h): NFC normalization and trimming, each refused class of
// character named with its position and code point, the NBSP hint for names, the bank-name
// length and formula checks, digits-only account numbers, same_name, the escaping of log lines
// and the formula prefix of report CSV cells.
#include <catch2/catch.hpp>

#include <string>

#include "ledger/base/error.h"
#include "ledger/base/text_border.h"

using subsidy::account_number_problem;
using subsidy::border_text;
using subsidy::BorderText;
using subsidy::escape_for_line;
using subsidy::formula_safe;
using subsidy::require_border_text;
using subsidy::same_name;
using subsidy::TextKind;

namespace {

// The problem of `raw` as `kind`, which must be refused.
subsidy::TextProblem refusal(const std::string& raw, TextKind kind = TextKind::text) {
  const BorderText checked = border_text(raw, kind);
  REQUIRE_FALSE(checked);
  return *checked.problem;
}

}  // namespace

TEST_CASE("text is NFC-normalized and trimmed of spaces") {
  // "e" + COMBINING ACUTE ACCENT becomes U+00E9; a decomposed 가 (U+1100 U+1161) becomes U+AC00.
  CHECK(border_text("Caf\x65\xcc\x81", TextKind::name).text == "Caf\xc3\xa9");
  CHECK(border_text("\xe1\x84\x80\xe1\x85\xa1", TextKind::name).text == "\xea\xb0\x80");
  CHECK(border_text("  泗阳县 智能制造有限公司  ", TextKind::name).text ==
        "泗阳县 智能制造有限公司");
  CHECK(border_text("", TextKind::text).text.empty());
}

TEST_CASE("C0 and C1 controls and DEL are refused with their position and code point") {
  const auto nel = refusal(
      "ab\xc2\x85"
      "c");
  CHECK(nel.column == 3);
  CHECK(nel.code_point == 0x85);
  CHECK(nel.reason.find("U+0085") != std::string::npos);
  CHECK(nel.reason.find("control character") != std::string::npos);
  CHECK(refusal("clerk\x7f").code_point == 0x7F);
  CHECK(refusal("a\tb").column == 2);
  CHECK(refusal("line\nbreak").code_point == 0x0A);
  CHECK(refusal("esc\x1b[2J").reason.find("U+001B") != std::string::npos);
}

TEST_CASE("bidi controls are refused, U+202E among them") {
  const auto rlo = refusal(
      "账户\xe2\x80\xae"
      "123");  // U+202E RIGHT-TO-LEFT OVERRIDE
  CHECK(rlo.column == 3);
  CHECK(rlo.code_point == 0x202E);
  CHECK(rlo.reason.find("U+202E") != std::string::npos);
  CHECK(rlo.reason.find("bidirectional") != std::string::npos);
  for (const char* bidi : {"\xe2\x80\xaa", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\x8e",
                           "\xe2\x80\x8f", "\xd8\x9c"}) {
    CHECK(refusal(std::string("x") + bidi).reason.find("bidirectional") != std::string::npos);
  }
}

TEST_CASE("zero-width and other format characters are refused") {
  const auto zwsp = refusal("clerk\xe2\x80\x8b");  // U+200B ZERO WIDTH SPACE
  CHECK(zwsp.column == 6);
  CHECK(zwsp.code_point == 0x200B);
  CHECK(zwsp.reason.find("U+200B") != std::string::npos);
  CHECK(refusal("\xef\xbb\xbfname").code_point == 0xFEFF);  // a BOM inside a cell
  CHECK(refusal("soft\xc2\xad"
                "hyphen")
            .code_point == 0xAD);
}

TEST_CASE("line and paragraph separators are refused") {
  CHECK(refusal("a\xe2\x80\xa8"
                "b")
            .code_point == 0x2028);
  CHECK(refusal("a\xe2\x80\xa9"
                "b")
            .reason.find("U+2029") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is refused with its position") {
  const auto bad = refusal("ab\xff");
  CHECK(bad.column == 3);
  CHECK(bad.reason.find("0xFF") != std::string::npos);
}

TEST_CASE("NBSP and U+3000 inside a name are refused with the hint to use an ordinary space") {
  const auto nbsp = refusal("泗阳\xc2\xa0公司", TextKind::name);
  CHECK(nbsp.column == 3);
  CHECK(nbsp.code_point == 0xA0);
  CHECK(nbsp.reason.find("use an ordinary space") != std::string::npos);
  const auto ideographic = refusal("泗阳\xe3\x80\x80公司", TextKind::bank_name);
  CHECK(ideographic.code_point == 0x3000);
  CHECK(ideographic.reason.find("U+3000") != std::string::npos);
  CHECK(ideographic.reason.find("use an ordinary space") != std::string::npos);
  // A memo may hold them.
  CHECK(border_text("备注\xe3\x80\x80说明", TextKind::text));
}

TEST_CASE("bank names are held to the bank formats' 140 characters and refuse formula starts") {
  const std::string name140(140, 'A');
  CHECK(border_text(name140, TextKind::bank_name));
  const auto long_name = refusal(name140 + "B", TextKind::bank_name);
  CHECK(long_name.reason.find("141 characters") != std::string::npos);
  CHECK(long_name.reason.find("140") != std::string::npos);
  CHECK(border_text(name140 + "B", TextKind::name));  // a region's name goes into no bank file
  for (const char* formula : {"=HYPERLINK(\"http://x\"&A1,\"click\")", "+1", "-2", "@SUM(1+1)"}) {
    CHECK(refusal(formula, TextKind::bank_name).reason.find("formula") != std::string::npos);
    CHECK(border_text(formula, TextKind::name));
  }
}

TEST_CASE("require_border_text names what was refused and refuses empty text") {
  CHECK(require_border_text(" clerk ", TextKind::name, "--actor") == "clerk");
  CHECK_THROWS_WITH(require_border_text("clerk\xe2\x80\x8b", TextKind::name, "--actor"),
                    Catch::Contains("--actor: character 6 is U+200B"));
  CHECK_THROWS_AS(require_border_text("   ", TextKind::name, "--actor"), subsidy::RefusedError);
}

TEST_CASE("account numbers are digits only, with a hint for spaces and hyphens") {
  CHECK_FALSE(account_number_problem("3213230011000000001"));
  const auto spaced = account_number_problem("3213 2300-1100 0000 001");
  REQUIRE(spaced);
  CHECK(*spaced ==
        "account number must be digits only; remove the spaces and hyphens (3213230011000000001)");
  CHECK(*account_number_problem("62229999x") == "account number must be digits only");
  CHECK(account_number_problem("") == std::optional<std::string>("account number is empty"));
  CHECK(account_number_problem(std::string(35, '1'))->find("34") != std::string::npos);
}

TEST_CASE("names that differ only by invisible characters, spaces or case are the same name") {
  CHECK(same_name("clerk", "clerk"));
  CHECK(same_name("clerk", "clerk "));
  CHECK(same_name("clerk", " clerk"));
  CHECK(same_name("clerk", "clerk\x7f"));
  CHECK(same_name("clerk", "clerk\xe2\x80\x8b"));  // U+200B
  CHECK(same_name("clerk",
                  "cl\xe2\x80\xae"
                  "erk"));  // U+202E
  CHECK(same_name("clerk", "Clerk"));
  CHECK(same_name("clerk", "\xef\xbd\x83lerk"));       // full-width c
  CHECK(same_name("王 局长", "王\xe3\x80\x80局长"));   // U+3000
  CHECK(same_name("Caf\xc3\xa9", "Caf\x65\xcc\x81"));  // NFC and NFD
  CHECK_FALSE(same_name("clerk", "clerk2"));
  CHECK_FALSE(same_name("王局长", "李局长"));
  CHECK_FALSE(same_name("a\xff", "a\xfe"));
}

TEST_CASE("log lines escape every control, bidi and format character and line separator") {
  CHECK(escape_for_line("clerk\ncommand=forged") == "clerk\\x0acommand=forged");
  CHECK(escape_for_line("a\x1b[2J") == "a\\x1b[2J");
  CHECK(escape_for_line("a\xc2\x85"
                        "b") == "a\\u{0085}b");
  CHECK(escape_for_line("a\xe2\x80\xae"
                        "b") == "a\\u{202e}b");
  CHECK(escape_for_line("a\xe2\x80\xa8"
                        "b") == "a\\u{2028}b");
  CHECK(escape_for_line("a\xe2\x80\x8b"
                        "b") == "a\\u{200b}b");
  CHECK(escape_for_line("bad\xff") == "bad\\xff");
  CHECK(escape_for_line("泗阳县\xe3\x80\x80公司") == "泗阳县\xe3\x80\x80公司");
}

TEST_CASE("report CSV text cells that would run as a formula get a leading quote") {
  CHECK(formula_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
  CHECK(formula_safe("+1") == "'+1");
  CHECK(formula_safe("-2") == "'-2");
  CHECK(formula_safe("@SUM(1+1)") == "'@SUM(1+1)");
  CHECK(formula_safe("\tx") == "'\tx");
  CHECK(formula_safe("\rx") == "'\rx");
  CHECK(formula_safe("泗阳县") == "泗阳县");
  CHECK(formula_safe("a=b") == "a=b");
  CHECK(formula_safe("") == "");
}

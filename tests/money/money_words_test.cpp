// The capital-numeral amounts of vouchers (format_chinese_capital, money_words.cpp). Every expected
// string below was written out by hand from the rules of 《支付结算办法》附一 and
// 《会计基础工作规范》 第52条 (see docs/money.md); none was produced by running the code under
// test.
#include <catch2/catch.hpp>

#include "ledger/money/money.h"

using subsidy::Money;

namespace {

struct Case {
  int64_t fen;
  const char* words;
  const char* rule;  // which zero pattern or rule the case exercises
};

void check_cases(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    INFO(c.fen << " fen: " << c.rule);
    CHECK(subsidy::format_chinese_capital(Money::from_fen(c.fen)) == c.words);
  }
}

}  // namespace

TEST_CASE("the amounts named in the issue") {
  check_cases({
      {140950, "人民币壹仟肆佰零玖元伍角整", "zero in tens; 整 after 角"},
      {600714, "人民币陆仟零柒元壹角肆分", "zero run of two inside is one 零"},
      {10700053, "人民币壹拾万柒仟元零伍角叁分", "zero at the end of the 万 group dropped"},
      {1640902, "人民币壹万陆仟肆佰零玖元零贰分", "角 zero before 分"},
      {168032, "人民币壹仟陆佰捌拾元零叁角贰分", "units zero before a non-zero 角"},
      {1000, "人民币壹拾元整", "壹拾; 整 after 元"},
      {32504, "人民币叁佰贰拾伍元零肆分", "角 zero with 分"},
      {100500, "人民币壹仟零伍元整", "zero run of two before the units"},
      {10000000000, "人民币壹亿元整", "whole 万 and units groups zero"},
      {0, "人民币零元整", "zero"},
  });
}

TEST_CASE("amounts under one yuan start with the 角 or 分") {
  check_cases({
      {50, "人民币伍角整", "角 only"},
      {5, "人民币伍分", "分 only: no 零 and no 整"},
      {1, "人民币壹分", "smallest amount"},
      {99, "人民币玖角玖分", "角 and 分"},
  });
}

TEST_CASE("the fraction: 整 and the 零 between 元 and the fraction") {
  check_cases({
      {100, "人民币壹元整", "whole yuan"},
      {101, "人民币壹元零壹分", "角 zero with 分"},
      {110, "人民币壹元壹角整", "分 zero"},
      {1050, "人民币壹拾元零伍角整", "units zero, 角 non-zero, 分 zero"},
      {1005, "人民币壹拾元零伍分", "units and 角 both zero: a single 零"},
      {2000030, "人民币贰万元零叁角整", "units zero after a 万 group"},
      {30000000007, "人民币叁亿元零柒分", "角 zero after 亿"},
  });
}

TEST_CASE("zeros inside the first group of four") {
  check_cases({
      {1100, "人民币壹拾壹元整", "拾 always with 壹"},
      {1500, "人民币壹拾伍元整", "拾 always with 壹"},
      {10000, "人民币壹佰元整", "trailing zeros of the integer are not read"},
      {10100, "人民币壹佰零壹元整", "zero in tens"},
      {11000, "人民币壹佰壹拾元整", "zero in units"},
      {100100, "人民币壹仟零壹元整", "zero in hundreds and tens"},
      {101000, "人民币壹仟零壹拾元整", "zero in hundreds, zero in units"},
      {110000, "人民币壹仟壹佰元整", "zeros in tens and units"},
  });
}

TEST_CASE("zeros around the 万 group") {
  check_cases({
      {1000000, "人民币壹万元整", "lower group all zero"},
      {1000100, "人民币壹万零壹元整", "leading zeros of the lower group"},
      {1001000, "人民币壹万零壹拾元整", "leading zeros of the lower group, zero in units"},
      {10010000, "人民币壹拾万零壹佰元整", "zero run across the 万 boundary"},
      {10100000, "人民币壹拾万壹仟元整", "zero at the end of the 万 group dropped"},
      {100000000, "人民币壹佰万元整", "round 万"},
      {100100000, "人民币壹佰万壹仟元整", "zeros at the end of the 万 group dropped"},
      {101000000, "人民币壹佰零壹万元整", "zero inside the 万 group"},
      {100001000, "人民币壹佰万零壹拾元整", "lower group 0010"},
      {1000000100, "人民币壹仟万零壹元整", "万 group 1000, lower group 0001"},
      {400000000, "人民币肆佰万元整", "the loan-interest limit"},
      {150000000, "人民币壹佰伍拾万元整", "round 万 with 拾"},
      {3600000, "人民币叁万陆仟元整", "no zero"},
      {222222222, "人民币贰佰贰拾贰万贰仟贰佰贰拾贰元贰角贰分", "no zero at all"},
  });
}

TEST_CASE("zeros around the 亿 group") {
  check_cases({
      {10000000100, "人民币壹亿零壹元整", "whole 万 group zero"},
      {10001000000, "人民币壹亿零壹万元整", "leading zeros of the 万 group"},
      {11000000000, "人民币壹亿壹仟万元整", "万 group 1000"},
      {100000000000, "人民币壹拾亿元整", "壹拾亿"},
      {1000000000000, "人民币壹佰亿元整", "round 亿"},
      {1000010000000, "人民币壹佰亿零壹拾万元整", "亿 group 100, 万 group 0010"},
  });
}

TEST_CASE("万亿: up to 15 integer digits") {
  check_cases({
      {100000000000000, "人民币壹万亿元整", "亿 written although its group is zero"},
      {100000000000001, "人民币壹万亿元零壹分", "1,0000,0000,0000.01"},
      {100010000000000, "人民币壹万零壹亿元整", "leading zeros of the 亿 group"},
      {10000000000000000, "人民币壹佰万亿元整", "100,000,000,000,000.00"},
      {10001000000000000, "人民币壹佰万零壹佰亿元整", "亿 group 0100"},
      {10000000010000000, "人民币壹佰万亿零壹拾万元整", "亿 group zero, 万 group 0010"},
      {20000000000002020, "人民币贰佰万亿零贰拾元零贰角整", "two 零 runs and a 零 before 角"},
      {12345678901234567,
       "人民币壹佰贰拾叁万肆仟伍佰陆拾柒亿捌仟玖佰零壹万贰仟叁佰肆拾伍元陆角柒分", "every group"},
      {Money::kMaxAbsFen,
       "人民币玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
       "the largest amount"},
  });
}

TEST_CASE("negative amounts are written 人民币负…") {
  check_cases({
      {-140950, "人民币负壹仟肆佰零玖元伍角整", "negative"},
      {-5, "人民币负伍分", "negative under one yuan"},
      {-Money::kMaxAbsFen,
       "人民币负玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
       "most negative"},
  });
}

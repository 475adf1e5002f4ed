// The capital-numeral amount of vouchers (大写金额): 1,409.50 → 人民币壹仟肆佰零玖元伍角整, written
// by the rules of 《支付结算办法》附一 and 《会计基础工作规范》第52条 as the bank and auditors read
// them. The integer part is read in groups of four digits (个, 万, 亿, 万亿); see docs/money.md for
// the zero rules with examples.
#include <array>
#include <cstdint>
#include <string>

#include "ledger/base/check.h"
#include "ledger/money/money.h"

namespace subsidy {

namespace {

constexpr std::array<const char*, 10> kDigits = {"零", "壹", "贰", "叁", "肆",
                                                 "伍", "陆", "柒", "捌", "玖"};
// The unit of a digit inside its group of four: 个 (none), 拾, 佰, 仟.
constexpr std::array<const char*, 4> kPlaceUnits = {"", "拾", "佰", "仟"};
// Money holds at most 15 integer digits (Money::kMaxAbsFen), i.e. up to 999万亿.
constexpr int kWordDigits = 15;

// Whether any digit at positions [low, high] (0 = units) is non-zero.
bool any_nonzero(const std::array<int, kWordDigits>& digits, int low, int high) {
  for (int p = low; p <= high && p < kWordDigits; ++p) {
    if (digits[static_cast<size_t>(p)] != 0) return true;
  }
  return false;
}

// The group unit written after position p (a multiple of 4), or nullptr when none is written.
// 万 and 万亿's 万 are written when their own group is non-zero; 亿 whenever anything at or above
// position 8 is non-zero, because 壹万亿 needs its 亿 even when the 亿 group itself is zero.
const char* group_unit(const std::array<int, kWordDigits>& digits, int p) {
  if (p == 4 || p == 12) return any_nonzero(digits, p, p + 3) ? "万" : nullptr;
  if (p == 8) return any_nonzero(digits, 8, kWordDigits - 1) ? "亿" : nullptr;
  return nullptr;
}

// The integer part (> 0) in capitals without 元. A run of zeros between non-zero digits is one 零,
// except that zeros at the end of a 万/亿 group are dropped (壹拾万柒仟, not 壹拾万零柒仟): the run
// is cut by the group unit, and only zeros after it (the leading zeros of a lower group) give 零.
std::string integer_words(uint64_t yuan) {
  SUBSIDY_ASSERT(yuan > 0);
  std::array<int, kWordDigits> digits{};
  for (size_t p = 0; p < digits.size(); ++p) {
    digits[p] = static_cast<int>(yuan % 10);
    yuan /= 10;
  }
  SUBSIDY_ASSERT(yuan == 0);
  std::string out;
  bool pending_zero = false;  // zeros seen since the last written digit or group unit
  for (int p = kWordDigits - 1; p >= 0; --p) {
    const int digit = digits[static_cast<size_t>(p)];
    if (digit != 0) {
      if (pending_zero) out += kDigits[0];
      pending_zero = false;
      out += kDigits[static_cast<size_t>(digit)];
      out += kPlaceUnits[static_cast<size_t>(p % 4)];
    } else if (!out.empty()) {
      pending_zero = true;
    }
    if (p % 4 == 0 && p > 0) {
      if (const char* unit = group_unit(digits, p)) {
        out += unit;
        pending_zero = false;
      }
    }
  }
  return out;
}

}  // namespace

std::string format_chinese_capital(Money amount) {
  const int64_t fen = amount.fen();
  // |fen| <= kMaxAbsFen < 2^63, so the negation cannot overflow.
  const uint64_t magnitude = fen < 0 ? static_cast<uint64_t>(-fen) : static_cast<uint64_t>(fen);
  const uint64_t yuan = magnitude / 100;
  const size_t jiao = static_cast<size_t>(magnitude / 10 % 10);
  const size_t fen_digit = static_cast<size_t>(magnitude % 10);

  std::string out = "人民币";
  if (fen < 0) out += "负";
  if (magnitude == 0) return out + "零元整";
  if (yuan > 0) out += integer_words(yuan) + "元";
  // 零 stands where a zero sits between the yuan and a non-zero fraction digit: a units digit of
  // 0 before a non-zero 角 (壹仟陆佰捌拾元零叁角贰分), or a 角 of 0 before a non-zero 分
  // (叁佰贰拾伍元零肆分). Under one yuan nothing precedes the fraction, so there is no 零.
  if (jiao != 0) {
    if (yuan > 0 && yuan % 10 == 0) out += kDigits[0];
    out += kDigits[jiao];
    out += "角";
  } else if (fen_digit != 0 && yuan > 0) {
    out += kDigits[0];
  }
  if (fen_digit != 0) return out + kDigits[fen_digit] + "分";
  return out + "整";  // no 分: 整 closes the amount after 元 or 角
}

}  // namespace subsidy

// Fuzz target for the identifier checks (identifiers.h) over arbitrary bytes: none may crash, and
// every code accepted must really have the form its check promises, recomputed here independently
// of the library: a USCC is 18 characters of the 31-letter alphabet whose 18th is the GB 32100-2015
// check character (weights 3^i mod 31); a CNAPS code is 12 ASCII digits; and so on. The converse
// too: 17 valid characters followed by the computed check character are always accepted.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/masterdata/identifiers.h"

namespace {

using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 128;
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // GB 32100 table

// The check character of the first 17 characters, or '\0' when one is outside the alphabet.
char expected_check(std::string_view body) {
  uint32_t weight = 1;  // 3^i mod 31
  uint32_t sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t value = kAlphabet.find(body[i]);
    if (value == std::string_view::npos) return '\0';
    sum += static_cast<uint32_t>(value) * weight;
    weight = weight * 3 % 31;
  }
  const uint32_t check = (31 - sum % 31) % 31;
  return kAlphabet[check];
}

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_uscc(std::string_view text) {
  const auto refused = subsidy::check_uscc(text);
  const bool shaped = text.size() == 18 && expected_check(text.substr(0, 17)) != '\0';
  if (!refused) {
    require(shaped, "an accepted USCC has 17 characters of the alphabet", text);
    require(text[17] == expected_check(text.substr(0, 17)), "accepted check character", text);
  } else {
    require(!refused->empty(), "a refused USCC has a reason", text);
    require(!shaped || text[17] != expected_check(text.substr(0, 17)), "valid USCC refused", text);
  }
  if (text.size() >= 17) {
    const std::string_view body = text.substr(0, 17);
    const char expected = expected_check(body);
    const auto computed = subsidy::uscc_check_character(body);
    require(computed.has_value() == (expected != '\0'), "check character defined iff valid", text);
    if (computed) {
      require(*computed == expected, "uscc_check_character agrees", text);
      require(!subsidy::check_uscc(std::string(body) + expected), "completed code accepted", text);
    }
  }
}

void check_others(std::string_view text) {
  const bool cnaps_shape = text.size() == 12 && all_digits(text);
  require(!subsidy::check_cnaps_code(text) == cnaps_shape, "CNAPS = 12 ASCII digits", text);
  if (!subsidy::check_account_no(text)) {
    require(!text.empty() && text.size() <= 34 && all_digits(text), "account no. shape", text);
  }
  if (!subsidy::check_region_code(text)) {
    require(!text.empty() && text.size() <= 16, "region code length", text);
    for (char c : text) {
      const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-';
      require(allowed, "region code characters", text);
    }
  }
  if (!subsidy::check_record_id(text)) {
    require(!text.empty() && text.size() <= 64, "record id length", text);
    require(text.front() != ' ' && text.back() != ' ', "record id not padded", text);
    for (char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      require(byte >= 0x20 && byte != 0x7F, "record id has no control characters", text);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_uscc(text);
  check_others(text);
  return 0;
}

// Checks of the master-data identifiers (identifiers.h): USCC with its GB 32100-2015 check
// character, CNAPS codes, region codes, record ids and account numbers.
#include "ledger/masterdata/identifiers.h"

#include "ledger/base/text_border.h"

#include <array>

namespace subsidy {

namespace {

constexpr size_t kUsccBodyLength = kUsccLength - 1;
constexpr int kUsccModulus = 31;
// 3^i mod 31 for i = 0..16: the weight of each of the first 17 characters (GB 32100-2015 §5).
constexpr std::array<int, kUsccBodyLength> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                           29, 25, 13, 8,  24, 10, 30, 28};
constexpr size_t kCnapsLength = 12;
constexpr size_t kMaxRegionCode = 16;
constexpr size_t kMaxRecordId = 64;

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// The value 0..30 of a USCC character, or -1 when it is not in the alphabet.
int uscc_value(char c) {
  const size_t pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string quoted_char(char c) {
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    return "a non-ASCII or control character";
  }
  return std::string("'") + c + "'";
}

}  // namespace

std::optional<char> uscc_check_character(std::string_view body) {
  if (body.size() != kUsccBodyLength) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < kUsccBodyLength; ++i) {
    const int value = uscc_value(body[i]);
    if (value < 0) return std::nullopt;
    sum += value * kUsccWeights[i];
  }
  const int check = (kUsccModulus - sum % kUsccModulus) % kUsccModulus;
  return kUsccAlphabet[static_cast<size_t>(check)];
}

std::optional<std::string> check_uscc(std::string_view text) {
  if (text.empty()) return "USCC is empty";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= 'a' && c <= 'z') return "USCC contains lower-case letters; use capital letters";
    if (uscc_value(c) < 0) {
      return "USCC character " + std::to_string(i + 1) + " is " + quoted_char(c) +
             ", not one of 0-9 and the capitals without I, O, Z, S, V";
    }
  }
  if (text.size() != kUsccLength) {
    return "USCC has " + std::to_string(text.size()) + " characters, not 18";
  }
  const char expected = *uscc_check_character(text.substr(0, kUsccBodyLength));
  if (text.back() != expected) {
    return std::string("USCC check character is '") + text.back() + "' but the code needs '" +
           expected + "'; a character is mistyped";
  }
  return std::nullopt;
}

std::optional<std::string> check_cnaps_code(std::string_view text) {
  for (char c : text) {
    if (!is_ascii_digit(c)) return "CNAPS code must be digits only";
  }
  if (text.size() != kCnapsLength) {
    return "CNAPS code has " + std::to_string(text.size()) + " digits, not 12";
  }
  return std::nullopt;
}

std::optional<std::string> check_region_code(std::string_view text) {
  if (text.empty()) return "region code is empty";
  if (text.size() > kMaxRegionCode) return "region code is longer than 16 characters";
  for (char c : text) {
    const bool ok = is_ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    c == '_' || c == '-';
    if (!ok) return "region code may hold only letters A-Z, a-z, digits, '_' and '-'";
  }
  return std::nullopt;
}

std::optional<std::string> check_record_id(std::string_view text) {
  if (text.empty()) return "id is empty";
  if (text.size() > kMaxRecordId) return "id is longer than 64 bytes";
  if (text.front() == ' ' || text.back() == ' ') return "id starts or ends with a space";
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "id contains a control character";
  }
  return std::nullopt;
}

std::optional<std::string> check_account_no(std::string_view text) {
  return account_number_problem(text);
}

}  // namespace subsidy

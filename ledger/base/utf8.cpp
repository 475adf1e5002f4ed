// UTF-8 lengths, checks and splitting, decoding by RFC 3629 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
#include "ledger/base/utf8.h"
#include "ledger/base/check.h"

#include <algorithm>
#include <cstdint>

namespace subsidy {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid, shortest-form
// encoding of a scalar value.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  uint32_t code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t step = utf8_sequence_length(text, i);
    i += step == 0 ? 1 : step;
    ++count;
  }
  return count;
}

bool is_clean_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t step = utf8_sequence_length(text, i);
    if (step == 0) return false;
    const auto c = static_cast<unsigned char>(text[i]);
    if (step == 1 && (c < 0x20 || c == 0x7F)) return false;
    i += step;
  }
  return true;
}

std::vector<std::string> split_utf8(std::string_view text, size_t max_chars) {
  SUBSIDY_ASSERT(max_chars > 0);
  std::vector<std::string> pieces;
  std::string piece;
  size_t chars = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t step = std::max<size_t>(utf8_sequence_length(text, i), 1);
    if (chars == max_chars) {
      pieces.push_back(std::move(piece));
      piece.clear();
      chars = 0;
    }
    piece.append(text.substr(i, step));
    ++chars;
    i += step;
  }
  pieces.push_back(std::move(piece));
  return pieces;
}

std::string printable(std::string_view text, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++chars) {
    if (chars == max_chars) return out + "…";
    const size_t step = utf8_sequence_length(text, i);
    const auto lead = static_cast<unsigned char>(text[i]);
    const bool control = step == 1 && (lead < 0x20 || lead == 0x7F);
    out += step == 0 || control ? std::string("?") : std::string(text.substr(i, step));
    i += step == 0 ? 1 : step;
  }
  return out;
}

}  // namespace subsidy

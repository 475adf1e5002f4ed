// Display width of UTF-8 text (see display_width.h). The wide ranges are the East Asian Wide and
// Fullwidth blocks of Unicode's EastAsianWidth.txt that Chinese text uses, taken as whole blocks.
#include "ledger/base/display_width.h"

#include <cstdint>

namespace subsidy {

namespace {

struct Range {
  char32_t first, last;
};

constexpr Range kWide[] = {
    {0x1100, 0x115F},   // Hangul Jamo initials
    {0x2E80, 0x303E},   // CJK radicals, Kangxi, CJK symbols and punctuation (、。〔〕)
    {0x3041, 0x33FF},   // Hiragana .. CJK compatibility
    {0x3400, 0x4DBF},   // CJK extension A
    {0x4E00, 0x9FFF},   // CJK unified ideographs
    {0xA000, 0xA4CF},   // Yi
    {0xAC00, 0xD7A3},   // Hangul syllables
    {0xF900, 0xFAFF},   // CJK compatibility ideographs
    {0xFE30, 0xFE4F},   // CJK compatibility forms
    {0xFF00, 0xFF60},   // full-width forms (（）：，)
    {0xFFE0, 0xFFE6},   // full-width signs (￥)
    {0x20000, 0x3FFFD}  // CJK extensions B..
};

constexpr Range kZero[] = {{0x0300, 0x036F}, {0x200B, 0x200F}, {0xFE00, 0xFE0F}};

bool in(const Range* begin, const Range* end, char32_t code) {
  for (const Range* range = begin; range != end; ++range) {
    if (code >= range->first && code <= range->last) return true;
  }
  return false;
}

// Decodes one code point at text[at], advancing `at`; a malformed byte decodes as U+FFFD.
char32_t decode(std::string_view text, size_t& at) {
  const unsigned lead = static_cast<unsigned char>(text[at]);
  const size_t length = lead < 0x80           ? 1
                        : (lead >> 5) == 0x6  ? 2
                        : (lead >> 4) == 0xE  ? 3
                        : (lead >> 3) == 0x1E ? 4
                                              : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return 0xFFFD;
  }
  char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
  for (size_t i = 1; i < length; ++i) {
    const unsigned next = static_cast<unsigned char>(text[at + i]);
    if ((next >> 6) != 0x2) {
      ++at;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3Fu);
  }
  at += length;
  return code;
}

}  // namespace

size_t display_width(std::string_view text) {
  size_t width = 0;
  for (size_t at = 0; at < text.size();) {  // `at` advances by at least one byte per turn
    const char32_t code = decode(text, at);
    if (in(std::begin(kZero), std::end(kZero), code)) continue;
    width += in(std::begin(kWide), std::end(kWide), code) ? size_t{2} : size_t{1};
  }
  return width;
}

std::string pad_right(std::string_view text, size_t width) {
  std::string padded(text);
  const size_t used = display_width(text);
  if (used < width) padded.append(width - used, ' ');
  return padded;
}

std::string pad_left(std::string_view text, size_t width) {
  const size_t used = display_width(text);
  std::string padded(used < width ? width - used : 0, ' ');
  padded.append(text);
  return padded;
}

}  // namespace subsidy

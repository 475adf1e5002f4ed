// Display width of UTF-8 text by the East Asian Width property (UAX #11), reduced to the ranges a
// county ledger meets: CJK ideographs and punctuation, fullwidth forms, kana and hangul.
#include "reports/display_width.h"

#include <array>
#include <cstdint>

namespace subsidy::reports {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Wide (W) and fullwidth (F) blocks of Unicode 15, merged where adjacent.
constexpr std::array<Range, 14> kWide = {{
    {0x1100, 0x115F},  // Hangul Jamo initial consonants
    {0x2E80, 0x303E},  // CJK radicals, Kangxi radicals, CJK symbols and punctuation (、。《》)
    {0x3041, 0x33FF},  // Hiragana, Katakana, Bopomofo, compatibility
    {0x3400, 0x4DBF},  // CJK extension A
    {0x4E00, 0x9FFF},  // CJK unified ideographs
    {0xA000, 0xA4CF},  // Yi
    {0xAC00, 0xD7A3},  // Hangul syllables
    {0xF900, 0xFAFF},  // CJK compatibility ideographs
    {0xFE10, 0xFE19},  // vertical forms
    {0xFE30, 0xFE6F},  // CJK compatibility forms, small forms
    {0xFF00, 0xFF60},  // fullwidth ASCII variants and punctuation (（），：)
    {0xFFE0, 0xFFE6},  // fullwidth signs (￥)
    {0x1F300, 0x1F64F},  // pictographs and emoticons
    {0x20000, 0x3FFFD},  // CJK extensions B and beyond
}};

constexpr std::array<Range, 5> kZeroWidth = {{
    {0x0300, 0x036F},  // combining diacritical marks
    {0x200B, 0x200F},  // zero-width space, joiners, direction marks
    {0x20D0, 0x20FF},  // combining marks for symbols
    {0xFE00, 0xFE0F},  // variation selectors
    {0xFEFF, 0xFEFF},  // zero-width no-break space (BOM)
}};

template <size_t N>
bool in_ranges(const std::array<Range, N>& ranges, char32_t code) {
  for (const Range& range : ranges) {
    if (code >= range.first && code <= range.last) return true;
  }
  return false;
}

// Decodes the code point at text[pos]; sets `length` to its byte count (1 for a malformed byte).
char32_t decode(std::string_view text, size_t pos, size_t& length) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  size_t count = 0;
  char32_t code = 0;
  if (lead < 0x80) {
    length = 1;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    count = 2;
    code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    count = 3;
    code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    count = 4;
    code = lead & 0x07u;
  } else {
    length = 1;
    return 0xFFFD;
  }
  if (pos + count > text.size()) {
    length = 1;
    return 0xFFFD;
  }
  for (size_t i = 1; i < count; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) {
      length = 1;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3Fu);
  }
  length = count;
  return code;
}

}  // namespace

size_t display_width(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) {  // bounded: every step consumes at least one byte
    size_t length = 1;
    const char32_t code = decode(text, pos, length);
    pos += length;
    if (in_ranges(kZeroWidth, code)) continue;
    width += in_ranges(kWide, code) ? 2u : 1u;
  }
  return width;
}

std::string pad_to_width(std::string_view text, size_t width, bool align_right) {
  const size_t have = display_width(text);
  if (have >= width) return std::string(text);
  const std::string padding(width - have, ' ');
  return align_right ? padding + std::string(text) : std::string(text) + padding;
}

}  // namespace subsidy::reports

// How wide a UTF-8 string is on a terminal or in a spreadsheet column: Chinese characters take two
// cells, so padding by bytes or by code points would misalign every table with a Chinese heading.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace subsidy::reports {

// The number of terminal cells `text` occupies: 2 for East Asian wide and fullwidth characters
// (CJK ideographs, kana, hangul, fullwidth forms and punctuation such as "（"), 0 for combining
// marks and zero-width characters, 1 otherwise. Malformed UTF-8 bytes count 1 each (never throws).
size_t display_width(std::string_view text);

// `text` padded with spaces to `width` cells, on the right (left-aligned) or on the left
// (right-aligned). Text already wider is returned unchanged.
std::string pad_to_width(std::string_view text, size_t width, bool align_right);

}  // namespace subsidy::reports

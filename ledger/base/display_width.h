// The width of UTF-8 text on a terminal or in a fixed-width print-out, where CJK characters take
// two columns, so that tables mixing Chinese and digits line up.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace subsidy {

// Columns `text` takes: 2 for East Asian wide and full-width characters (CJK ideographs and
// punctuation, Hangul, full-width forms), 0 for combining marks, 1 otherwise. Malformed UTF-8 bytes
// count one column each (they are shown as one replacement character).
size_t display_width(std::string_view text);

// `text` followed (pad_right) or preceded (pad_left) by spaces up to `width` columns; text already
// as wide or wider is returned unchanged.
std::string pad_right(std::string_view text, size_t width);
std::string pad_left(std::string_view text, size_t width);

}  // namespace subsidy

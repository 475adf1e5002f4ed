// UTF-8 text as the bank files and vouchers need it: lengths in characters (ISO 20022 field limits
// count characters, not bytes), splitting without cutting a character, and the check that a text
// holds no control character that would break a file's structure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace subsidy {

// Number of code points in `text`; each invalid byte counts as one.
size_t utf8_length(std::string_view text);

// True when `text` is valid, shortest-form UTF-8 without control characters (below U+0020, and
// U+007F).
bool is_clean_utf8(std::string_view text);

// Splits text into pieces of at most `max_chars` code points, never inside a character, for fields
// such as ISO 20022 Max140Text that may repeat. Requires max_chars > 0. Returns at least one piece
// (an empty one for empty text).
std::vector<std::string> split_utf8(std::string_view text, size_t max_chars);

// `text` made safe to quote inside a one-line message: control characters (line breaks above
// all) and invalid bytes become '?', and text longer than `max_chars` is cut with "…". For echoing
// input from outside (a bank's file) in a refusal.
std::string printable(std::string_view text, size_t max_chars = 60);

}  // namespace subsidy

// Writing text in the encodings Chinese banks' upload templates ask for. Everything inside the
// program is UTF-8; GBK exists only at the edge, in the bytes of a file written for a bank.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/base/encoding.h"

namespace subsidy {

// "utf-8"/"utf8" and "gbk" (any case); nullopt otherwise.
std::optional<Encoding> text_encoding_from_name(std::string_view name);
// "utf-8" or "gbk".
std::string_view text_encoding_name(Encoding encoding);

// Converts UTF-8 text to GBK with iconv(3). Throws RefusedError "`what`: the character 'X' cannot
// be written in GBK" for the first character GBK lacks (rare characters in enterprise names are
// the real case: the bank's template cannot carry them and a person must decide), and for invalid
// UTF-8. Nothing is replaced or dropped silently.
std::string utf8_to_gbk(std::string_view utf8, std::string_view what);

}  // namespace subsidy

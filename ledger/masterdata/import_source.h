// What an import file is made of, found from its bytes: an .xlsx workbook (first sheet), or text
// in UTF-8 (with or without a byte-order mark), UTF-16 LE/BE with a byte-order mark, or GBK
// (Excel's "CSV" on Chinese Windows). Turned into UTF-8 CSV text for the CSV reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/base/encoding.h"

namespace subsidy {

enum class SourceFormat { utf8, utf8_bom, utf16le, utf16be, gbk, xlsx };

// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GBK", "XLSX": named in the import summary.
std::string_view source_format_name(SourceFormat format);

struct DecodedSource {
  SourceFormat format = SourceFormat::utf8;
  std::string csv;  // UTF-8 CSV text (a UTF-8 byte-order mark, if given, kept for the reader)
};

// Detects the format when `forced` is nullopt: a zip archive is a workbook; a UTF-16 or UTF-8
// byte-order mark names its encoding; valid UTF-8 is UTF-8; anything else is read as GBK.
// `forced` (--encoding) reads the text in that encoding. Throws InputError for bytes that are not
// valid in the encoding, RefusedError for a damaged or hostile workbook.
DecodedSource decode_source(std::string_view bytes, std::optional<Encoding> forced,
                            std::string_view file_name);

}  // namespace subsidy

// Format detection and conversion of import files (import_source.h).
#include "ledger/masterdata/import_source.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "ledger/base/csv.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/xlsx_reader.h"

namespace subsidy {

namespace {

// UTF-16 text (after its byte-order mark) as UTF-8, with iconv(3).
std::string utf16_to_utf8(std::string_view bytes, const char* encoding,
                          std::string_view file_name) {
  iconv_t raw = iconv_open("UTF-8", encoding);
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    throw RefusedError("this system's iconv cannot convert UTF-16");
  }
  std::unique_ptr<void, int (*)(iconv_t)> handle(raw, iconv_close);
  std::string out(bytes.size() / 2 * 3 + 4, '\0');  // a UTF-16 unit becomes at most 3 bytes
  char* in_at = const_cast<char*>(bytes.data());    // iconv's signature; it does not write here
  size_t in_left = bytes.size();
  char* out_at = out.data();
  size_t out_left = out.size();
  if (iconv(raw, &in_at, &in_left, &out_at, &out_left) == static_cast<size_t>(-1)) {
    throw InputError({{std::string(file_name), 1, "1",
                       "不是有效的 UTF-16 文本（第 " + std::to_string(bytes.size() - in_left) +
                           " 字节）/ not valid UTF-16 text"}});
  }
  out.resize(out.size() - out_left);
  return out;
}

// True when every byte sequence is well-formed UTF-8 (controls allowed: the CSV reader judges
// them).
bool valid_utf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const size_t length = lead < 0x80                   ? 1
                          : lead >= 0xC2 && lead < 0xE0 ? 2
                          : lead >= 0xE0 && lead < 0xF0 ? 3
                          : lead >= 0xF0 && lead < 0xF5 ? 4
                                                        : 0;
    if (length == 0 || i + length > bytes.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view source_format_name(SourceFormat format) {
  switch (format) {
    case SourceFormat::utf8:
      return "UTF-8";
    case SourceFormat::utf8_bom:
      return "UTF-8 (BOM)";
    case SourceFormat::utf16le:
      return "UTF-16LE";
    case SourceFormat::utf16be:
      return "UTF-16BE";
    case SourceFormat::gbk:
      return "GBK";
    case SourceFormat::xlsx:
      return "XLSX";
  }
  return "UTF-8";
}

DecodedSource decode_source(std::string_view bytes, std::optional<Encoding> forced,
                            std::string_view file_name) {
  if (forced == Encoding::gbk) return {SourceFormat::gbk, gbk_to_utf8(bytes, file_name)};
  if (forced == Encoding::utf8) {
    return {starts_with(bytes, "\xEF\xBB\xBF") ? SourceFormat::utf8_bom : SourceFormat::utf8,
            std::string(bytes)};
  }
  if (looks_like_zip(bytes)) {
    return {SourceFormat::xlsx, rows_to_csv(read_xlsx_first_sheet(bytes, file_name))};
  }
  if (starts_with(bytes, "\xFF\xFE")) {
    return {SourceFormat::utf16le, utf16_to_utf8(bytes.substr(2), "UTF-16LE", file_name)};
  }
  if (starts_with(bytes, "\xFE\xFF")) {
    return {SourceFormat::utf16be, utf16_to_utf8(bytes.substr(2), "UTF-16BE", file_name)};
  }
  if (starts_with(bytes, "\xEF\xBB\xBF")) return {SourceFormat::utf8_bom, std::string(bytes)};
  if (!valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos) {
    try {
      return {SourceFormat::gbk, gbk_to_utf8(bytes, file_name)};
    } catch (const InputError&) {
      // Neither UTF-8 nor GBK: read as UTF-8 so that the CSV reader locates the bad byte.
    }
  }
  return {SourceFormat::utf8, std::string(bytes)};
}

}  // namespace subsidy

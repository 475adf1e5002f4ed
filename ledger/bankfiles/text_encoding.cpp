// UTF-8 to GBK with iconv(3), refusing any character that would be lost.
#include "ledger/bankfiles/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "ledger/base/error.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/base/utf8.h"

namespace subsidy {

std::optional<Encoding> text_encoding_from_name(std::string_view name) {
  std::string lower;
  for (const char c : name) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
  if (lower == "gbk") return Encoding::gbk;
  return std::nullopt;
}

std::string_view text_encoding_name(Encoding encoding) {
  return encoding == Encoding::gbk ? "gbk" : "utf-8";
}

std::string utf8_to_gbk(std::string_view utf8, std::string_view what) {
  iconv_t raw = iconv_open("GBK", "UTF-8");
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    throw RefusedError("this system's iconv cannot convert UTF-8 to GBK");
  }
  std::unique_ptr<void, int (*)(iconv_t)> converter(raw, iconv_close);
  std::string out(utf8.size() * 2 + 16, '\0');   // GBK never needs more bytes than UTF-8 + 1
  char* in_at = const_cast<char*>(utf8.data());  // iconv's signature; it does not write here
  size_t in_left = utf8.size();
  char* out_at = out.data();
  size_t out_left = out.size();
  if (iconv(raw, &in_at, &in_left, &out_at, &out_left) == static_cast<size_t>(-1)) {
    const size_t at = utf8.size() - in_left;
    const std::string rest(utf8.substr(at));
    const std::string character = split_utf8(rest, 1).front();
    if (errno == EILSEQ && is_clean_utf8(character)) {
      throw RefusedError(std::string(what) + ": the character '" + character +
                         "' cannot be written in GBK; use --encoding utf-8 or correct the name");
    }
    throw RefusedError(std::string(what) + ": not valid UTF-8 text");
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace subsidy

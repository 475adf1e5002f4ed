// Fuzz target for the browser front end's parsers (tools/server/http_forms.h) over arbitrary bytes:
// the urlencoded form of every POST, the Cookie header and the multipart Content-Type boundary.
// The first byte picks the parser. Properties: none throws or crashes; a parsed form has at most
// the limit of fields, each name non-empty and within its limit, every name and value valid UTF-8
// without NUL, and encoding it back (url_encode) parses to the same form; the cookies are at most
// 32, each name and value free of ';', '=' in the name, spaces and controls; a boundary is 1-70
// characters of RFC 2046's alphabet; html_escape of any decoded value holds no '<', '>' or '"'.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "tools/server/http_forms.h"

namespace {

using subsidy::fuzz::require;
namespace server = subsidy::server;

constexpr size_t kMaxInputBytes = 8192;

void check_form(std::string_view text, std::string_view input) {
  server::FormLimits limits;
  limits.max_fields = 8;
  limits.max_name_bytes = 16;
  limits.max_value_bytes = 256;
  const auto form = server::parse_form(text, limits);
  if (!form) return;
  require(form->size() <= limits.max_fields, "fields within the limit", input);
  std::string again;
  for (const auto& [name, value] : *form) {
    require(!name.empty() && name.size() <= limits.max_name_bytes, "name within limits", input);
    require(value.size() <= limits.max_value_bytes, "value within the limit", input);
    require(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
            "no NUL", input);
    const std::string escaped = server::html_escape(value);
    require(escaped.find_first_of("<>\"'") == std::string::npos, "escaped value holds no markup",
            input);
    again += (again.empty() ? "" : "&") + server::url_encode(name) + "=" + server::url_encode(value);
  }
  const auto reparsed = server::parse_form(again, limits);
  require(reparsed.has_value() && *reparsed == *form, "a form encoded again parses the same", input);
}

void check_cookies(std::string_view text, std::string_view input) {
  const auto cookies = server::parse_cookies(text);
  require(cookies.size() <= 32, "at most 32 cookies", input);
  for (const auto& [name, value] : cookies) {
    require(!name.empty(), "cookie names are not empty", input);
    for (char c : name + value) {
      const auto byte = static_cast<unsigned char>(c);
      require(byte > 0x20 && byte < 0x7F && c != ';' && c != ',', "cookie bytes are tokens", input);
    }
    require(name.find('=') == std::string::npos, "no '=' in a cookie name", input);
  }
}

void check_boundary(std::string_view text, std::string_view input) {
  const auto boundary = server::multipart_boundary(text);
  if (!boundary) return;
  require(!boundary->empty() && boundary->size() <= 70, "boundary of 1-70 characters", input);
  require(boundary->find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "'()+_,-./:=? ") == std::string::npos,
          "boundary in RFC 2046's alphabet", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view text = input.substr(1);
  switch (data[0] % 3) {
    case 0: check_form(text, input); break;
    case 1: check_cookies(text, input); break;
    default: check_boundary(text, input); break;
  }
  return 0;
}

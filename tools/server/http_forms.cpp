// The form, cookie and multipart-boundary parsers and the escapers of http_forms.h.
#include "tools/server/http_forms.h"

#include "ledger/base/utf8.h"

namespace subsidy::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Valid UTF-8 (shortest form, no surrogates); controls other than NUL are allowed here (a textarea
// sends line breaks), the pages escape what they show.
bool valid_utf8_without_nul(std::string_view text) {
  for (char c : text) {
    if (c == '\0') return false;
  }
  std::string probe(text);
  for (char& c : probe) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = ' ';
  }
  return is_clean_utf8(probe);
}

bool is_token_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte < 0x7F && c != ';' && c != ',' && c != '=' && c != '"';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!valid_utf8_without_nul(out)) return std::nullopt;
  return out;
}

std::optional<FormFields> parse_form(std::string_view body, const FormLimits& limits) {
  FormFields fields;
  size_t pieces = 0;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view piece = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (piece.empty()) continue;
    if (++pieces > limits.max_fields) return std::nullopt;
    const size_t eq = piece.find('=');
    const std::string_view raw_name = piece.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    if (raw_name.size() > limits.max_name_bytes * 3 ||
        raw_value.size() > limits.max_value_bytes * 3)
      return std::nullopt;
    std::optional<std::string> name = percent_decode(raw_name);
    std::optional<std::string> value = percent_decode(raw_value);
    if (!name || !value || name->empty() || name->size() > limits.max_name_bytes ||
        value->size() > limits.max_value_bytes) {
      return std::nullopt;
    }
    if (!fields.emplace(std::move(*name), std::move(*value)).second) return std::nullopt;
  }
  return fields;
}

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header) {
  constexpr size_t kMaxCookies = 32;
  constexpr size_t kMaxCookieBytes = 4096;
  std::map<std::string, std::string, std::less<>> cookies;
  size_t pieces = 0;
  while (!header.empty() && pieces++ < kMaxCookies * 4) {
    const size_t semi = header.find(';');
    const std::string_view piece = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const size_t eq = piece.find('=');
    if (eq == std::string_view::npos || eq == 0 || piece.size() > kMaxCookieBytes) continue;
    const std::string_view name = piece.substr(0, eq);
    std::string_view value = piece.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    bool clean = true;
    for (char c : name) clean = clean && is_token_char(c);
    for (char c : value) clean = clean && is_token_char(c);
    if (!clean) continue;
    if (cookies.size() >= kMaxCookies) break;
    cookies.emplace(std::string(name), std::string(value));
  }
  return cookies;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  constexpr std::string_view kType = "multipart/form-data";
  const size_t semi = content_type.find(';');
  std::string type(trim(content_type.substr(0, semi)));
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (type != kType || semi == std::string_view::npos) return std::nullopt;
  std::string_view rest = content_type.substr(semi + 1);
  for (size_t guard = 0; !rest.empty() && guard < 16; ++guard) {
    const size_t next = rest.find(';');
    const std::string_view parameter = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    constexpr std::string_view kName = "boundary=";
    if (parameter.size() <= kName.size() || parameter.substr(0, kName.size()) != kName) continue;
    std::string_view boundary = parameter.substr(kName.size());
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
      boundary = boundary.substr(1, boundary.size() - 2);
    if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return std::nullopt;
    for (char c : boundary) {
      const bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') ||
                           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
      if (!allowed) return std::nullopt;
    }
    return std::string(boundary);
  }
  return std::nullopt;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace subsidy::server

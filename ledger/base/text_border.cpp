// The text-border checks (text_border.h): classification of code points by Unicode category
// (utf8proc), NFC normalization, the comparison key of names and the escaping of log lines.
#include "ledger/base/text_border.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

#include "ledger/base/check.h"
#include "ledger/base/error.h"

namespace subsidy {

namespace {

enum class CharClass { ok, control, bidi, format, separator, odd_space };

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

CharClass classify(char32_t cp) {
  if (is_bidi_control(cp)) return CharClass::bidi;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC:
      return CharClass::control;
    case UTF8PROC_CATEGORY_CF:
      return CharClass::format;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharClass::separator;
    case UTF8PROC_CATEGORY_ZS:
      return cp == U' ' ? CharClass::ok : CharClass::odd_space;
    default:
      return CharClass::ok;
  }
}

// One decoded character: its code point and byte length, or length 0 for an invalid byte.
struct Decoded {
  char32_t code_point = 0;
  size_t length = 0;
};

Decoded decode_at(std::string_view text, size_t i) {
  SUBSIDY_ASSERT(i < text.size());
  utf8proc_int32_t cp = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i);
  const utf8proc_ssize_t n =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0 || cp < 0) return {static_cast<unsigned char>(text[i]), 0};
  return {static_cast<char32_t>(cp), static_cast<size_t>(n)};
}

// `value` in hexadecimal, at least `min_digits` digits: capitals as Unicode writes code points,
// small letters as escapes in log lines are written.
std::string hex(uint32_t value, int min_digits, bool small_letters = false) {
  const char* kHex = small_letters ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out;
  while (value != 0 || static_cast<int>(out.size()) < min_digits) {
    out.insert(out.begin(), kHex[value & 0xF]);
    value >>= 4;
  }
  return out;
}

std::string describe(CharClass cls, char32_t cp) {
  switch (cls) {
    case CharClass::control:
      return "a control character; delete it (retype the text if it was pasted)";
    case CharClass::bidi:
      return "a bidirectional control that changes how the text is shown; delete it";
    case CharClass::format:
      return "an invisible format character (zero-width or similar); delete it";
    case CharClass::separator:
      return "a line or paragraph separator; delete it";
    case CharClass::odd_space:
      return std::string(cp == 0x3000   ? "an ideographic (full-width) space"
                         : cp == 0x00A0 ? "a no-break space"
                                        : "a space other than the ordinary one") +
             "; use an ordinary space (U+0020) in names";
    case CharClass::ok:
      break;
  }
  SUBSIDY_ASSERT_MSG(false, "describe is called for refused characters only");
  return {};
}

// The first refused character of `raw` for `kind`, or nullopt.
std::optional<TextProblem> first_bad_character(std::string_view raw, TextKind kind) {
  size_t position = 0;
  for (size_t i = 0; i < raw.size();) {
    const Decoded d = decode_at(raw, i);
    ++position;
    if (d.length == 0) {
      return TextProblem{position, 0,
                         "character " + std::to_string(position) + " is the byte 0x" +
                             hex(d.code_point, 2) +
                             ", not valid UTF-8; save the file as UTF-8 (or import with "
                             "--encoding gbk)"};
    }
    CharClass cls = classify(d.code_point);
    if (cls == CharClass::odd_space && kind == TextKind::text) cls = CharClass::ok;
    if (cls != CharClass::ok) {
      return TextProblem{position, d.code_point,
                         "character " + std::to_string(position) + " is " +
                             code_point_label(d.code_point) + ", " + describe(cls, d.code_point)};
    }
    i += d.length;
  }
  return std::nullopt;
}

// utf8proc_map of valid UTF-8 `text` with `options`, or nullopt when utf8proc refuses it.
std::optional<std::string> utf8proc_mapped(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &out,
                                          static_cast<utf8proc_option_t>(options));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string code_point_label(char32_t code_point) {
  return "U+" + hex(static_cast<uint32_t>(code_point), 4);
}

bool starts_like_formula(std::string_view text) {
  if (text.empty()) return false;
  const char c = text.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string formula_safe(std::string_view text) {
  return starts_like_formula(text) ? "'" + std::string(text) : std::string(text);
}

BorderText border_text(std::string_view raw, TextKind kind) {
  BorderText result;
  if (auto problem = first_bad_character(raw, kind)) {
    result.problem = std::move(problem);
    return result;
  }
  const std::optional<std::string> nfc = utf8proc_mapped(raw, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  SUBSIDY_ASSERT_MSG(nfc.has_value(), "utf8proc maps every valid UTF-8 text");
  result.text = std::string(trim_spaces(*nfc));
  if (kind != TextKind::bank_name) return result;
  size_t length = 0;
  for (size_t i = 0; i < result.text.size(); i += decode_at(result.text, i).length) ++length;
  if (length > kBankNameMaxChars) {
    result.problem = TextProblem{kBankNameMaxChars + 1, 0,
                                 "is " + std::to_string(length) +
                                     " characters long; bank files (pain.001 Nm) take at most " +
                                     std::to_string(kBankNameMaxChars) +
                                     ": shorten it to the name the bank holds"};
  } else if (starts_like_formula(result.text)) {
    result.problem = TextProblem{
        1, static_cast<char32_t>(result.text.front()),
        std::string("starts with '") + result.text.front() +
            "', which a spreadsheet runs as a formula when it opens the bank upload CSV; remove "
            "it or write the name as the bank holds it"};
  }
  if (result.problem) result.text.clear();
  return result;
}

std::string require_border_text(std::string_view raw, TextKind kind, std::string_view what) {
  BorderText checked = border_text(raw, kind);
  if (!checked) throw RefusedError(std::string(what) + ": " + checked.problem->reason);
  if (checked.text.empty()) throw RefusedError(std::string(what) + " is empty");
  return std::move(checked.text);
}

std::optional<std::string> account_number_problem(std::string_view text) {
  if (text.empty()) return "account number is empty";
  bool spaces_or_hyphens = false;
  bool other = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') continue;
    if (c == ' ' || c == '-') {
      spaces_or_hyphens = true;
    } else {
      other = true;
    }
  }
  if (spaces_or_hyphens && !other) {
    std::string digits;
    for (const char c : text) {
      if (c >= '0' && c <= '9') digits += c;
    }
    return "account number must be digits only; remove the spaces and hyphens (" + digits + ")";
  }
  if (spaces_or_hyphens || other) return "account number must be digits only";
  if (text.size() > kAccountNoMaxChars) {
    return "account number is longer than " + std::to_string(kAccountNoMaxChars) + " digits";
  }
  return std::nullopt;
}

std::string name_key(std::string_view name) {
  const std::optional<std::string> folded =
      utf8proc_mapped(name, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  if (!folded) return std::string(name);  // invalid UTF-8: compared byte for byte
  std::string key;
  bool pending_space = false;
  for (size_t i = 0; i < folded->size();) {
    const Decoded d = decode_at(*folded, i);
    SUBSIDY_ASSERT(d.length > 0);  // utf8proc's output is valid UTF-8
    const CharClass cls = classify(d.code_point);
    if (cls == CharClass::odd_space || d.code_point == U' ') {
      pending_space = !key.empty();
    } else if (cls == CharClass::ok) {
      if (pending_space) key += ' ';
      pending_space = false;
      key.append(*folded, i, d.length);
    }
    i += d.length;
  }
  return key;
}

bool same_name(std::string_view a, std::string_view b) {
  return name_key(a) == name_key(b);
}

std::string escape_for_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    if (d.length == 0 || (d.code_point < 0x80 && classify(d.code_point) != CharClass::ok)) {
      out += "\\x" + hex(static_cast<unsigned char>(text[i]), 2, true);
      i += 1;
      continue;
    }
    const CharClass cls = classify(d.code_point);
    if (cls == CharClass::ok || cls == CharClass::odd_space) {
      out.append(text, i, d.length);
    } else {
      out += "\\u{" + hex(static_cast<uint32_t>(d.code_point), 4, true) + "}";
    }
    i += d.length;
  }
  return out;
}

}  // namespace subsidy

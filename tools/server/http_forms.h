// The small parsers and escapers of the browser front end (`subsidy serve`) that do not need the
// HTTP library: application/x-www-form-urlencoded bodies and query strings, the Cookie header, the
// boundary of a multipart Content-Type, and HTML escaping. Each takes untrusted bytes, has a limit
// on everything it reads, and never throws on bad input: it says "malformed" with nullopt instead
// (tests/fuzz/fuzz_server_forms.cpp checks that).
#pragma once

#include "ledger/base/html_escape.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace subsidy::server {

// Field name → value of one form. A name given twice makes the form malformed (no guessing which
// one counts).
using FormFields = std::map<std::string, std::string, std::less<>>;

struct FormLimits {
  size_t max_fields = 64;
  size_t max_name_bytes = 64;
  size_t max_value_bytes = 64 * 1024;
};

// Decodes one urlencoded component ('+' is a space, %XX a byte). nullopt for a bad or cut %
// escape or a result that is not valid UTF-8 or holds a NUL.
std::optional<std::string> percent_decode(std::string_view text);

// "a=1&b=x%20y" → {a: "1", b: "x y"}. Empty pieces ("a=1&&b=2") are skipped; a piece without '='
// is a field with an empty value. nullopt when a component does not decode, a name is empty or
// repeated, or a limit is passed.
std::optional<FormFields> parse_form(std::string_view body, const FormLimits& limits = {});

// The cookies of a Cookie header ("a=1; b=2"): name → value, at most 32 cookies of at most 4096
// bytes each; malformed pieces (no '=', empty name, control characters) are skipped, and the first
// of a repeated name wins (the browser sends the most specific path first).
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

// The boundary of a "multipart/form-data; boundary=XYZ" Content-Type (quoted or not), or nullopt
// when it is another type or the boundary is empty, longer than 70 bytes or holds characters
// RFC 2046 does not allow.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// html_escape: the ledger's one HTML escaping (ledger/base/html_escape.h), for every page.
using subsidy::html_escape;

// A query or form component: unreserved bytes as they are, every other byte %XX.
std::string url_encode(std::string_view text);

}  // namespace subsidy::server

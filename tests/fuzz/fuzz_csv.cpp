// Fuzz target for the CSV reader (csv.h) over arbitrary bytes. The first byte picks the path: even,
// the bytes are read as UTF-8; odd, they go through gbk_to_utf8 first (what `import --encoding gbk`
// does). Small limits (64-byte fields, 200 lines) so the limit refusals are reached too.
// Properties: the reader either throws InputError/RefusedError with located problems, or gives
// records whose problem-free ones have exactly the header's field count, valid UTF-8 and no NUL;
// every line number lies within the file; parse_csv accepts exactly the files the reader gives
// without problems; GBK conversion gives valid UTF-8 or a located refusal.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/base/csv.h"
#include "ledger/base/error.h"

namespace {

using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 4096;
constexpr size_t kMaxRecords = 1000;  // 200 lines cannot hold more; a guard against a reader loop

// An independent UTF-8 check (RFC 3629: shortest form, no surrogates, at most U+10FFFF).
bool valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      extra = 1, code = byte & 0x1Fu;
    } else if ((byte & 0xF0) == 0xE0) {
      extra = 2, code = byte & 0x0Fu;
    } else if ((byte & 0xF8) == 0xF0) {
      extra = 3, code = byte & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    const uint32_t minimum = extra == 1 ? 0x80u : extra == 2 ? 0x800u : 0x10000u;
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

void check_problems(const subsidy::InputError& error, int64_t lines, std::string_view input) {
  require(!error.problems().empty(), "an InputError lists a problem", input);
  for (const auto& problem : error.problems()) {
    require(problem.line >= 1 && problem.line <= lines + 1, "problem line within the file", input);
    require(!problem.reason.empty(), "a problem has a reason", input);
  }
}

// Reads `text` record by record; true when no record had a problem.
bool read_all(std::string_view text, const subsidy::CsvLimits& limits, std::string_view input) {
  const int64_t lines = subsidy::count_lines(text);
  bool clean = true;
  try {
    subsidy::CsvReader reader(text, "fuzz.csv", limits);
    for (const std::string& name : reader.header()) {
      require(valid_utf8(name), "header names are UTF-8", input);
    }
    subsidy::CsvRecord record;
    size_t records = 0;
    while (reader.next(record)) {
      require(++records <= kMaxRecords, "the reader ends", input);
      require(record.line >= 2 && record.line <= lines, "record line within the file", input);
      if (!record.problems.empty()) {
        clean = false;
        continue;
      }
      require(record.fields.size() == reader.header().size(), "field count = header's", input);
      for (const std::string& field : record.fields) {
        require(valid_utf8(field), "fields are UTF-8", input);
        require(field.find('\0') == std::string::npos, "no NUL in a field", input);
        require(field.size() <= limits.max_field_bytes, "field within the limit", input);
      }
    }
  } catch (const subsidy::InputError& error) {
    check_problems(error, lines, input);
    return false;
  } catch (const subsidy::RefusedError&) {
    return false;
  }
  return clean;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool gbk = (data[0] & 1u) != 0;
  std::string text(input.substr(1));
  if (gbk) {
    try {
      text = subsidy::gbk_to_utf8(text, "fuzz.csv");
    } catch (const subsidy::InputError& error) {
      check_problems(error, subsidy::count_lines(text), input);
      return 0;
    }
    require(valid_utf8(text), "GBK converts to valid UTF-8", input);
  }
  subsidy::CsvLimits limits;
  limits.max_field_bytes = 64;
  limits.max_lines = 200;
  const bool clean = read_all(text, limits, input);
  bool parsed = true;
  try {
    subsidy::parse_csv(text, "fuzz.csv", limits);
  } catch (const subsidy::RefusedError&) {
    parsed = false;
  }
  require(parsed == clean, "parse_csv accepts exactly what the reader reads cleanly", input);
  return 0;
}

// The CSV reader of csv.h: a small hand-written RFC 4180 scanner over bytes in memory, with the
// limits and the located problems the importers need, and the GBK → UTF-8 conversion for files
// saved by Excel on Chinese Windows.
#include "ledger/base/csv.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace subsidy {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_blank_tail_byte(char c) {
  return c == ',' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

// Where the trailing blank lines (and lines of empty fields) of bytes[begin, size) start: just
// after the line break that follows the last byte which is not a comma, space, tab or line break.
size_t content_end(std::string_view bytes, size_t begin) {
  size_t last = bytes.size();
  while (last > begin && is_blank_tail_byte(bytes[last - 1])) --last;
  if (last == begin) return begin;
  const size_t newline = bytes.find('\n', last);
  return newline == std::string_view::npos ? bytes.size() : newline + 1;
}

// Offset of the first byte of `text` that is not part of well-formed UTF-8 (no overlong forms,
// no surrogates, nothing above U+10FFFF), or npos when all of it is.
size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n || s[i + 1] < low || s[i + 1] > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string hex_byte(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 0xF];
}

std::string trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

// The physical line and the 1-based field number of byte `offset`, by a quote-aware scan from the
// start of the file. Valid for GBK input too: no GBK trail byte is a quote, comma or line break.
std::pair<int64_t, size_t> locate(std::string_view bytes, size_t offset) {
  int64_t line = 1;
  size_t field = 1;
  bool in_quotes = false;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '"') in_quotes = !in_quotes;
    if (c == '\n') ++line;
    if (!in_quotes && c == ',') ++field;
    if (!in_quotes && c == '\n') field = 1;
  }
  return {line, field};
}

struct IconvCloser {
  void operator()(iconv_t handle) const { iconv_close(handle); }
};

}  // namespace

int64_t count_lines(std::string_view bytes) {
  const int64_t breaks = std::count(bytes.begin(), bytes.end(), '\n');
  return breaks + ((!bytes.empty() && bytes.back() != '\n') ? 1 : 0);
}

CsvReader::CsvReader(std::string_view bytes, std::string file_name, CsvLimits limits)
    : bytes_(bytes), file_name_(std::move(file_name)), limits_(limits) {
  if (bytes_.size() > limits_.max_file_bytes) {
    throw RefusedError(file_name_ + ": the file has " + std::to_string(bytes_.size()) +
                       " bytes, more than the limit of " + std::to_string(limits_.max_file_bytes));
  }
  if (bytes_.substr(0, kUtf8Bom.size()) == kUtf8Bom) pos_ = kUtf8Bom.size();
  end_ = content_end(bytes_, pos_);
  if (count_lines(bytes_.substr(0, end_)) > limits_.max_lines) {
    fail(limits_.max_lines + 1, 0,
         "the file has more than " + std::to_string(limits_.max_lines) + " lines; split it");
  }
  if (pos_ >= end_) fail(1, 0, "the file is empty; expected a header row with the column names");
  std::vector<InputProblem> problems;
  read_record(header_, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  for (std::string& name : header_) name = trim_spaces(name);
}

bool CsvReader::next(CsvRecord& record) {
  record.problems.clear();
  record.line = line_;
  if (!read_record(record.fields, record.problems)) return false;
  if (record.problems.empty() && record.fields.size() != header_.size()) {
    const size_t count = record.fields.size();
    record.problems.push_back({file_name_, record.line,
                               column_label(std::min(count, header_.size())),
                               "the record has " + std::to_string(count) +
                                   " fields but the header has " + std::to_string(header_.size())});
  }
  return true;
}

bool CsvReader::read_record(std::vector<std::string>& fields, std::vector<InputProblem>& problems) {
  if (pos_ >= end_) return false;
  const int64_t record_line = line_;
  if (bytes_[pos_] == '\n' || bytes_.substr(pos_, 2) == "\r\n") {
    pos_ += bytes_[pos_] == '\n' ? size_t{1} : size_t{2};
    ++line_;
    fields.assign(1, std::string());
    problems.push_back({file_name_, record_line, column_label(0), "a blank line; delete it"});
    return true;
  }
  size_t count = 0;
  while (true) {  // bounded: every iteration consumes at least the separator that follows a field
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count];
    field.clear();
    field_index_ = count;
    const int64_t field_line = line_;
    if (pos_ < end_ && bytes_[pos_] == '"') {
      read_quoted(field);
    } else {
      read_unquoted(field);
    }
    check_field(field, field_line, problems);
    ++count;
    if (pos_ >= end_) break;
    const char separator = bytes_[pos_];
    if (separator == ',') {
      ++pos_;
      continue;
    }
    pos_ += separator == '\n' ? size_t{1}
                              : size_t{2};  // '\n' or "\r\n": read_* refuse any other byte here
    ++line_;
    break;
  }
  fields.resize(count);
  return true;
}

void CsvReader::read_quoted(std::string& field) {
  const int64_t opening_line = line_;
  ++pos_;         // the opening quote
  while (true) {  // bounded: each iteration moves pos_ past one closing or doubled quote
    const size_t quote = bytes_.find('"', pos_);
    if (quote == std::string_view::npos || quote >= end_) {
      fail(opening_line, field_index_,
           "a quoted field is never closed: the quote opened on this line has no closing quote");
    }
    const std::string_view piece = bytes_.substr(pos_, quote - pos_);
    line_ += std::count(piece.begin(), piece.end(), '\n');
    // Keep at most one byte over the limit: enough to report the field, not a 4 GiB string.
    const size_t room =
        limits_.max_field_bytes + 1 - std::min(field.size(), limits_.max_field_bytes + 1);
    field.append(piece.substr(0, std::min(room, piece.size())));
    pos_ = quote + 1;
    if (pos_ < end_ && bytes_[pos_] == '"') {
      if (field.size() <= limits_.max_field_bytes) field.push_back('"');
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ >= end_) return;
  const char next = bytes_[pos_];
  if (next == ',' || next == '\n') return;
  if (next == '\r' && pos_ + 1 < end_ && bytes_[pos_ + 1] == '\n') return;
  fail(line_, field_index_, "text after the closing quote of a field; quote the whole field");
}

void CsvReader::read_unquoted(std::string& field) {
  const size_t start = pos_;
  while (pos_ < end_) {  // bounded by end_
    const char c = bytes_[pos_];
    if (c == ',' || c == '\n') break;
    if (c == '\r') {
      if (pos_ + 1 < end_ && bytes_[pos_ + 1] == '\n') break;
      fail(line_, field_index_, "a carriage return that does not end a line");
    }
    if (c == '"') {
      fail(line_, field_index_,
           "a quote inside an unquoted field; quote the whole field and double the quotes in it");
    }
    ++pos_;
  }
  field.assign(bytes_.substr(start, std::min(pos_ - start, limits_.max_field_bytes + 1)));
}

void CsvReader::check_field(const std::string& field, int64_t line,
                            std::vector<InputProblem>& problems) {
  std::string reason;
  if (field.size() > limits_.max_field_bytes) {
    reason = "the field is longer than " + std::to_string(limits_.max_field_bytes) + " bytes";
  } else if (field.find('\0') != std::string::npos) {
    reason = "the field contains a NUL byte";
  } else if (const size_t bad = first_invalid_utf8(field); bad != std::string::npos) {
    reason = "not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(field[bad])) +
             "); if Excel saved the file as GBK, import it with --encoding gbk";
  } else {
    return;
  }
  problems.push_back({file_name_, line, column_label(field_index_), std::move(reason)});
}

std::string CsvReader::column_label(size_t index) const {
  if (index < header_.size() && !header_[index].empty()) return header_[index];
  return std::to_string(index + 1);
}

void CsvReader::fail(int64_t line, size_t field_index, std::string reason) const {
  throw InputError({{file_name_, line, column_label(field_index), std::move(reason)}});
}

std::string gbk_to_utf8(std::string_view bytes, std::string_view file_name) {
  iconv_t raw = iconv_open("UTF-8", "GBK");
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    throw RefusedError("this system's iconv cannot convert GBK: " + std::string(strerror(errno)));
  }
  std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser> handle(raw);
  // A GBK character is 1 or 2 bytes and becomes at most 3 bytes of UTF-8.
  std::string out(bytes.size() / 2 * 3 + 4, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());  // iconv's signature; it does not write input
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  if (iconv(handle.get(), &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) {
    const size_t offset = bytes.size() - in_left;
    const auto [line, field] = locate(bytes, offset);
    const std::string reason =
        errno == EINVAL
            ? "the file ends in the middle of a GBK character"
            : "not valid GBK (byte " + hex_byte(static_cast<unsigned char>(bytes[offset])) + ")";
    throw InputError({{std::string(file_name), line, std::to_string(field), reason}});
  }
  out.resize(out.size() - out_left);
  return out;
}

CsvTable parse_csv(std::string_view bytes, std::string_view file_name, CsvLimits limits) {
  CsvReader reader(bytes, std::string(file_name), limits);
  CsvTable table;
  table.header = reader.header();
  std::vector<InputProblem> problems;
  CsvRecord record;
  while (reader.next(record)) {  // bounded by the reader's line limit
    for (InputProblem& problem : record.problems) problems.push_back(std::move(problem));
    table.records.push_back(record);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return table;
}

}  // namespace subsidy

// The buffered CSV writer of the generated county: fields appended to a 1 MiB buffer, written with
// fwrite, and the file renamed into place only when complete. Numbers are formatted by hand with
// std::to_chars, because a million-row county must be written in seconds.
#include <cerrno>
#include <charconv>
#include <cstring>

#include "ledger/demo/demo_county_internal.h"
#include "ledger/base/error.h"

namespace subsidy::county {

namespace {

constexpr size_t kBufferBytes = 1 << 20;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw RefusedError("cannot " + what + " " + path + ": " + std::strerror(errno));
}

void append_integer(std::string& out, int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

// "1234567.89" for 123456789 fen; `grouped` puts a comma between groups of three yuan digits.
void append_fen(std::string& out, int64_t fen, bool grouped) {
  if (fen < 0) {
    out += '-';
    fen = -fen;
  }
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, fen / 100);
  const size_t count = static_cast<size_t>(result.ptr - digits);
  for (size_t i = 0; i < count; ++i) {
    if (grouped && i > 0 && (count - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += '.';
  out += static_cast<char>('0' + fen % 100 / 10);
  out += static_cast<char>('0' + fen % 10);
}

}  // namespace

CsvFileWriter::CsvFileWriter(std::string path)
    : path_(std::move(path)), atomic_(path_) {
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) fail("create", temp_path_);
  buffer_.reserve(kBufferBytes + 4096);
}

CsvFileWriter::~CsvFileWriter() {
  if (file_ != nullptr) std::fclose(file_);  // atomic_ removes the temporary file
}

void CsvFileWriter::separator() {
  if (row_started_) buffer_ += ',';
  row_started_ = true;
}

CsvFileWriter& CsvFileWriter::field(std::string_view text) {
  separator();
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_ += text;
    return *this;
  }
  buffer_ += '"';
  for (char c : text) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
  return *this;
}

CsvFileWriter& CsvFileWriter::integer(int64_t value) {
  separator();
  append_integer(buffer_, value);
  return *this;
}

CsvFileWriter& CsvFileWriter::amount(int64_t fen) {
  separator();
  append_fen(buffer_, fen, false);
  return *this;
}

CsvFileWriter& CsvFileWriter::grouped_amount(int64_t fen) {
  separator();
  buffer_ += '"';
  append_fen(buffer_, fen, true);
  buffer_ += '"';
  return *this;
}

CsvFileWriter& CsvFileWriter::empty() {
  separator();
  return *this;
}

void CsvFileWriter::end_row() {
  buffer_ += '\n';
  row_started_ = false;
  ++rows_;
  if (buffer_.size() >= kBufferBytes) flush();
}

void CsvFileWriter::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    fail("write", temp_path_);
  }
  buffer_.clear();
}

void CsvFileWriter::finish() {
  flush();
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0) fail("write", temp_path_);
  atomic_.commit();
}

}  // namespace subsidy::county

// The choices of --format and --lang, and the two printed forms of a cell (plain for programs,
// grouped for people) that every writer shares.
#include <string>

#include "ledger/base/error.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

Format parse_format(std::string_view text) {
  if (text == "table") return Format::table;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  if (text == "xlsx") return Format::xlsx;
  if (text == "pdf") return Format::pdf;
  throw UsageError("unknown format '" + std::string(text) +
                   "' (choose table, csv, json, xlsx or pdf)");
}

Language parse_lang(std::string_view text) {
  if (text == "zh") return Language::zh;
  if (text == "en") return Language::en;
  throw UsageError("unknown language '" + std::string(text) + "' (choose zh or en)");
}

std::string format_integer_grouped(int64_t value) {
  // Through the unsigned magnitude so that INT64_MIN has no overflow.
  const bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3 + 1);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return negative ? "-" + grouped : grouped;
}

std::string format_permille(Permille ratio) {
  const bool negative = ratio.value < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(ratio.value) : static_cast<uint64_t>(ratio.value);
  return (negative ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10) + "%";
}

std::string cell_plain(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* amount = std::get_if<Money>(&cell)) return format_plain(*amount);
  if (const auto* count = std::get_if<int64_t>(&cell)) return std::to_string(*count);
  if (const auto* ratio = std::get_if<Permille>(&cell)) return format_permille(*ratio);
  return {};
}

std::string cell_display(const Cell& cell) {
  if (const auto* amount = std::get_if<Money>(&cell)) return format_grouped(*amount);
  if (const auto* count = std::get_if<int64_t>(&cell)) return format_integer_grouped(*count);
  return cell_plain(cell);
}

}  // namespace subsidy::reports

// The JSON form of a report, written as a stream (money as strings, never JSON numbers).
#include <nlohmann/json.hpp>

#include "ledger/tables/writers.h"

namespace subsidy::reports {

namespace {

std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump();
}

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return "text";
    case ColumnType::money:
      return "money";
    case ColumnType::integer:
      return "integer";
    case ColumnType::percent:
      return "percent";
  }
  return "text";
}

void write_cell(const Cell& cell, std::ostream& out) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    out << quoted(*text);
  } else if (const auto* amount = std::get_if<Money>(&cell)) {
    out << '"' << format_plain(*amount) << '"';
  } else if (const auto* count = std::get_if<int64_t>(&cell)) {
    out << *count;
  } else if (const auto* ratio = std::get_if<Permille>(&cell)) {
    out << quoted(format_permille(*ratio));
  } else {
    out << "null";
  }
}

void write_object(const Row& row, const std::vector<std::string>& keys, std::ostream& out) {
  out << '{';
  for (size_t c = 0; c < row.size(); ++c) {
    if (c > 0) out << ", ";
    out << keys[c] << ": ";
    write_cell(row[c], out);
  }
  out << '}';
}

}  // namespace

void write_json(const ReportTable& table, Language lang, std::ostream& out) {
  std::vector<std::string> keys;
  for (const Column& column : table.columns()) keys.push_back(quoted(column.key));
  out << "{\n  \"report\": " << quoted(table.name())
      << ",\n  \"title\": " << quoted(table.title(lang)) << ",\n  \"year\": " << table.year();
  if (const auto& policy = table.policy()) {
    out << ",\n  \"policy\": " << quoted(policy->id)
        << ",\n  \"policy_document\": " << quoted(policy->document)
        << ",\n  \"policy_version\": " << policy->version;
  }
  out << ",\n  \"ledger_head\": " << quoted(table.ledger_head()) << ",\n  \"columns\": [";
  for (size_t c = 0; c < table.columns().size(); ++c) {
    const Column& column = table.columns()[c];
    out << (c > 0 ? ",\n    " : "\n    ") << "{\"key\": " << keys[c]
        << ", \"heading\": " << quoted(column.heading(lang)) << ", \"type\": \""
        << type_name(column.type) << "\"}";
  }
  out << "\n  ],\n  \"rows\": [";
  bool first = true;
  for (const Row& row : table.rows()) {
    out << (first ? "\n    " : ",\n    ");
    write_object(row, keys, out);
    first = false;
  }
  out << (first ? "],\n" : "\n  ],\n") << "  \"totals\": ";
  if (table.has_totals()) {
    Row totals = table.totals();
    totals[0] = table.totals_row_label(lang);
    write_object(totals, keys, out);
  } else {
    out << "null";
  }
  // Footer rows only where a table has them, so that the reports' documents keep their shape.
  if (!table.footers().empty()) {
    out << ",\n  \"footers\": [";
    for (size_t f = 0; f < table.footers().size(); ++f) {
      Row footer = table.footers()[f].cells;
      footer[0] = table.footers()[f].label(lang);
      out << (f > 0 ? ",\n    " : "\n    ");
      write_object(footer, keys, out);
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

}  // namespace subsidy::reports
